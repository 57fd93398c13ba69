// Helpers shared by the container types: the repr recursion guard, index
// conversion (ints, bools, __index__), KeyError raising, argument-count
// errors in CPython's words, and the lexicographic compare and repr of
// item sequences used by both lists and tuples.
#include "vm/containers.h"

#include <stdlib.h>

#include "common/alloc.h"

// CPython stops at its recursion limit; so do we, before the C stack does.
#define REPR_MAX_DEPTH 1000

static Obj **repr_stack;
static int repr_depth, repr_cap;

int repr_enter(Obj *o) {
    for (int i = 0; i < repr_depth; i++)
        if (repr_stack[i] == o) return 1;
    if (repr_depth >= REPR_MAX_DEPTH) {
        tl_raise(ERR_RECURSION, "maximum recursion depth exceeded while getting the repr of an object");
        return -1;
    }
    if (repr_depth == repr_cap) {
        repr_cap = repr_cap ? repr_cap * 2 : 16;
        repr_stack = tl_xrealloc(repr_stack, sizeof(Obj *) * (size_t)repr_cap);
    }
    repr_stack[repr_depth++] = o;
    return 0;
}

void repr_leave(Obj *o) {
    // Normally the innermost entry; search anyway so a mismatch cannot corrupt the stack.
    for (int i = repr_depth - 1; i >= 0; i--) {
        if (repr_stack[i] == o) {
            for (int j = i; j < repr_depth - 1; j++) repr_stack[j] = repr_stack[j + 1];
            repr_depth--;
            return;
        }
    }
}

int container_hash(Value v, int64_t *out) {
    int64_t h = val_hash(v);
    if (h == -1 && tl_error_pending()) return -1;
    *out = h;
    return 0;
}

int index_from_value(Value v, int64_t *out) {
    if (IS_INT(v)) { *out = v.as.i; return 1; }
    if (IS_BOOL(v)) { *out = v.as.b; return 1; }
    if (!IS_OBJ(v)) return 0;
    static ObjStr *name;
    if (!name) name = str_intern("__index__");
    if (IS_UNDEF(type_lookup(val_type(v), name))) return 0;
    Value r = val_call_method(v, "__index__", 0, NULL);
    if (IS_ERR(r)) return -1;
    if (!IS_INT(r) && !IS_BOOL(r)) {
        tl_raise(ERR_TYPE, "__index__ returned non-int (type %s)", val_type_name(r));
        val_decref(r);
        return -1;
    }
    *out = IS_INT(r) ? r.as.i : r.as.b;
    return 1;
}

int index_require(Value v, int64_t *out) {
    int r = index_from_value(v, out);
    if (r < 0) return -1;
    if (r == 0)
        return tl_raise_int(ERR_TYPE, "'%s' object cannot be interpreted as an integer", val_type_name(v));
    return 0;
}

Value raise_key_error(Value key) {
    Value exc = val_call(OBJ_VAL(exc_KeyError), 1, &key, NULL);
    if (IS_ERR(exc)) return VAL_ERROR;
    exc_raise_value(exc);
    return VAL_ERROR;
}

int raise_key_error_int(Value key) {
    raise_key_error(key);
    return -1;
}

bool pending_is(TypeObj *cls) {
    ErrKind k = tl_error_kind();
    if (k == ERR_NONE) return false;
    if (k != ERR_OBJECT) return type_is_subtype(exc_class_for_kind(k), cls);
    Value e = exc_take_pending();
    bool match = val_isinstance(e, cls);
    exc_raise_value(e);
    return match;
}

// ---------------------------------------------------------------- arguments

static const char *plural(int64_t n) { return n == 1 ? "" : "s"; }

int args_none(const char *qualname, int n, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise_int(ERR_TYPE, "%s() takes no keyword arguments", qualname);
    if (n != 0) return tl_raise_int(ERR_TYPE, "%s() takes no arguments (%d given)", qualname, n);
    return 0;
}

int args_one(const char *qualname, int n, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise_int(ERR_TYPE, "%s() takes no keyword arguments", qualname);
    if (n != 1) return tl_raise_int(ERR_TYPE, "%s() takes exactly one argument (%d given)", qualname, n);
    return 0;
}

int args_range(const char *name, const char *qualname, int n, int min, int max, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise_int(ERR_TYPE, "%s() takes no keyword arguments", qualname);
    if (min == max && n != min)
        return tl_raise_int(ERR_TYPE, "%s expected %d argument%s, got %d", name, min, plural(min), n);
    if (n < min)
        return tl_raise_int(ERR_TYPE, "%s expected at least %d argument%s, got %d", name, min, plural(min), n);
    if (n > max)
        return tl_raise_int(ERR_TYPE, "%s expected at most %d argument%s, got %d", name, max, plural(max), n);
    return 0;
}

// ---------------------------------------------------------------- sequences

static bool size_compare(int64_t na, int64_t nb, CompareOp op) {
    switch (op) {
    case CMP_LT: return na < nb;
    case CMP_LE: return na <= nb;
    case CMP_EQ: return na == nb;
    case CMP_NE: return na != nb;
    case CMP_GT: return na > nb;
    case CMP_GE: return na >= nb;
    default: return false;
    }
}

// Items are re-read on every step: a user __eq__ may resize either list.
Value seq_richcompare(Value va, Value vb, CompareOp op) {
    int64_t na, nb, i;
    seq_items(va, &na);
    seq_items(vb, &nb);
    if ((op == CMP_EQ || op == CMP_NE) && na != nb) return BOOL_VAL(op == CMP_NE);
    for (i = 0;; i++) {
        Value *a = seq_items(va, &na), *b = seq_items(vb, &nb);
        if (i >= na || i >= nb) return BOOL_VAL(size_compare(na, nb, op));
        Value x = val_incref(a[i]), y = val_incref(b[i]);
        int k = item_eq(x, y);
        if (k == 1) {
            val_decref(x);
            val_decref(y);
            continue;
        }
        Value r;
        if (k < 0) r = VAL_ERROR;
        else if (op == CMP_EQ || op == CMP_NE) r = BOOL_VAL(op == CMP_NE);
        else r = val_compare(x, y, op);
        val_decref(x);
        val_decref(y);
        return r;
    }
}

int seq_repr_items(StrBuf *sb, Value seq) {
    int64_t n;
    for (int64_t i = 0;; i++) {
        Value *items = seq_items(seq, &n);
        if (i >= n) return 0;
        if (i > 0) sb_append(sb, ", ");
        Value x = val_incref(items[i]);
        int rc = val_repr_to(x, sb);
        val_decref(x);
        if (rc < 0) return -1;
    }
}

// ---------------------------------------------------------------- startup

void containers_ready(void) {
    TypeObj *types[] = {&type_list_iterator, &type_list_reverseiterator, &type_tuple_iterator,
                        &type_dict_keys, &type_dict_values, &type_dict_items,
                        &type_dict_keyiterator, &type_dict_valueiterator, &type_dict_itemiterator,
                        &type_set_iterator, &type_range_iterator};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) type_ready(types[i]);
    // NativeMethodDef has no flags, so dict.fromkeys becomes a classmethod here.
    if (type_dict.dict) {
        Value f = dict_get_cstr(type_dict.dict, "fromkeys");
        if (IS_OBJ(f) && f.as.o->type == &type_native) ((ObjNative *)f.as.o)->is_classmethod = true;
    }
}
