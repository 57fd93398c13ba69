// The object core: allocation, the type relation, and the generic protocols
// (repr, hash, compare, arithmetic, attributes, items, iteration, calls)
// that dispatch through type slots. Built-in types live in obj_*.c.
#include "vm/object.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/attr.h"
#include "vm/gc.h"
#include "vm/number.h"

// Freeing a deeply nested structure recurses through dealloc; past this
// depth objects wait in a list and are freed by the outermost call (the
// "trashcan" of CPython), so a million nested lists cannot overflow the stack.
#define FREE_DEPTH_LIMIT 500
static int free_depth;
static Obj *deferred_free;

static void free_now(Obj *o) {
    TypeObj *t = o->type;
    if (t->dealloc) t->dealloc(o);
    if (t->base.type == &type_type && !t->is_native) obj_decref(t);  // instances own their class
    free(o);
}

void obj_free(Obj *o) {
    o->refcnt = 1;            // resurrect while children are released
    gc_untrack(o);
    if (free_depth >= FREE_DEPTH_LIMIT) {
        o->gc_next = deferred_free;   // the gc links are free once untracked
        deferred_free = o;
        return;
    }
    free_depth++;
    free_now(o);
    if (free_depth == 1) {
        while (deferred_free) {
            Obj *next = deferred_free;
            deferred_free = next->gc_next;
            next->gc_next = NULL;
            free_now(next);
        }
    }
    free_depth--;
}

Obj *obj_alloc(TypeObj *type, size_t size) {
    Obj *o = calloc(1, size);
    if (!o) {
        tl_raise(ERR_MEMORY, "%s", "");
        return NULL;
    }
    o->refcnt = 1;
    o->type = type;
    if (type->base.type == &type_type && !type->is_native) obj_incref(type);
    if (type->traverse) {
        gc_maybe_collect();   // before tracking: the new object is not yet reachable from anything
        gc_track(o);
    }
    return o;
}

TypeObj *val_type(Value v) {
    switch (v.tag) {
    case VAL_NONE: return &type_none;
    case VAL_BOOL: return &type_bool;
    case VAL_INT: return &type_int;
    case VAL_FLOAT: return &type_float;
    case VAL_OBJ: return v.as.o->type;
    default: return &type_none;
    }
}

const char *val_type_name(Value v) { return val_type(v)->name; }

bool type_is_subtype(const TypeObj *t, const TypeObj *base) {
    for (; t; t = t->base_type)
        if (t == base) return true;
    return base == &type_object;
}

bool val_isinstance(Value v, const TypeObj *t) { return type_is_subtype(val_type(v), t); }

Value type_lookup(const TypeObj *t, ObjStr *name) {
    for (; t; t = t->base_type) {
        if (!t->dict) continue;
        Value v = dict_get_str(t->dict, name);
        if (!IS_UNDEF(v) && !IS_ERR(v)) return v;
    }
    return VAL_UNDEFINED;
}

// ------------------------------------------------------------ repr / str

// Deeply nested containers recurse in C (repr, ==, hash); this bound turns
// what would be a stack overflow into a RecursionError, as CPython does.
#define C_RECURSION_LIMIT 8000
static int c_depth;

static bool enter_c_recursion(const char *what) {
    if (++c_depth > C_RECURSION_LIMIT) {
        c_depth--;
        exc_raise(exc_class_for_kind(ERR_RECURSION), "maximum recursion depth exceeded%s", what);
        return false;
    }
    return true;
}

Value val_repr(Value v) {
    TypeObj *t = val_type(v);
    if (t->repr) {
        if (!enter_c_recursion(" while getting the repr of an object")) return VAL_ERROR;
        Value r = t->repr(v);
        c_depth--;
        return r;
    }
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "<%s object at %p>", t->name, (void *)(IS_OBJ(v) ? v.as.o : NULL));
    return str_from_buf(&sb);
}

Value val_str(Value v) {
    TypeObj *t = val_type(v);
    if (val_is_str(v)) return val_incref(v);
    if (t->str) return t->str(v);
    return val_repr(v);
}

static int append_value(Value (*conv)(Value), Value v, StrBuf *out) {
    Value s = conv(v);
    if (IS_ERR(s)) return -1;
    if (!val_is_str(s)) {
        val_decref(s);
        return tl_raise_int(ERR_TYPE, "__repr__ returned non-string (type %s)", val_type_name(s));
    }
    sb_append_n(out, AS_STR(s)->data, (size_t)AS_STR(s)->len);
    val_decref(s);
    return 0;
}

int val_repr_to(Value v, StrBuf *out) { return append_value(val_repr, v, out); }
int val_str_to(Value v, StrBuf *out) { return append_value(val_str, v, out); }

// ------------------------------------------------------------ hash / truth / eq

int64_t val_hash(Value v) {
    TypeObj *t = val_type(v);
    if (t->hash) return t->hash(v);
    if (t->compare && t != &type_object && !t->is_native) {
        // a class defining __eq__ without __hash__ is unhashable, as in Python
    }
    if (IS_OBJ(v) && !t->hash && (t->dict == NULL || t->compare == NULL))
        return (int64_t)((uintptr_t)v.as.o >> 4);
    tl_raise(ERR_TYPE, "unhashable type: '%s'", t->name);
    return -1;
}

int val_truthy(Value v) {
    switch (v.tag) {
    case VAL_NONE: return 0;
    case VAL_BOOL: return v.as.b;
    case VAL_INT: return v.as.i != 0;
    case VAL_FLOAT: return v.as.f != 0.0;
    default: break;
    }
    TypeObj *t = val_type(v);
    if (t->truthy) return t->truthy(v);
    if (t->len) {
        int64_t n = t->len(v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

bool val_is_number(Value v) { return IS_INT(v) || IS_FLOAT(v) || IS_BOOL(v); }

bool val_to_double(Value v, double *out) {
    switch (v.tag) {
    case VAL_INT: *out = (double)v.as.i; return true;
    case VAL_FLOAT: *out = v.as.f; return true;
    case VAL_BOOL: *out = v.as.b; return true;
    default: return false;
    }
}

int val_eq(Value a, Value b) {
    if (IS_INT(a) && IS_INT(b)) return a.as.i == b.as.i;
    if (IS_OBJ(a) && IS_OBJ(b) && a.as.o == b.as.o && !val_isinstance(a, &type_float)) return 1;
    if (val_is_str(a) && val_is_str(b)) return str_eq(AS_STR(a), AS_STR(b));
    Value r = val_compare(a, b, CMP_EQ);
    if (IS_ERR(r)) return -1;
    int t = val_truthy(r);
    val_decref(r);
    return t;
}

static const char *cmp_symbol[] = {"<", "<=", "==", "!=", ">", ">="};
static const CompareOp cmp_swapped[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};

Value val_compare(Value a, Value b, CompareOp op) {
    if (val_is_number(a) && val_is_number(b)) return num_compare(a, b, op);
    TypeObj *ta = val_type(a), *tb = val_type(b);
    if (ta->compare) {
        if (!enter_c_recursion(" in comparison")) return VAL_ERROR;
        Value r = ta->compare(a, b, op);
        c_depth--;
        if (!IS_UNDEF(r)) return r;
    }
    if (tb->compare) {
        Value r = tb->compare(b, a, cmp_swapped[op]);
        if (!IS_UNDEF(r)) return r;
    }
    if (op == CMP_EQ || op == CMP_NE) {
        bool same = IS_OBJ(a) && IS_OBJ(b) ? a.as.o == b.as.o : a.tag == b.tag && a.tag == VAL_NONE;
        return BOOL_VAL(op == CMP_EQ ? same : !same);
    }
    return exc_raise(exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                     cmp_symbol[op], ta->name, tb->name);
}

// ------------------------------------------------------------ arithmetic

static const char *bin_symbol[] = {"+", "-", "*", "@", "/", "//", "%", "** or pow()",
                                   "<<", ">>", "&", "|", "^"};

Value val_raise_unsupported(const char *op, Value a, Value b) {
    return exc_raise(exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op,
                     val_type_name(a), val_type_name(b));
}

static Value binary_dispatch(BinaryOp op, Value a, Value b, bool inplace) {
    if (val_is_number(a) && val_is_number(b)) return num_binary(op, a, b);
    TypeObj *ta = val_type(a), *tb = val_type(b);
    if (ta->binary) {
        Value r = ta->binary(op, a, b, false, inplace);
        if (!IS_UNDEF(r)) return r;
        if (inplace) {
            r = ta->binary(op, a, b, false, false);
            if (!IS_UNDEF(r)) return r;
        }
    }
    if (tb->binary && (tb != ta || !ta->binary)) {
        Value r = tb->binary(op, a, b, true, false);
        if (!IS_UNDEF(r)) return r;
    }
    if (inplace) {
        char sym[16];
        snprintf(sym, sizeof sym, "%s=", op == BIN_POW ? "**" : bin_symbol[op]);
        return val_raise_unsupported(sym, a, b);
    }
    if (op == BIN_ADD && val_is_str(a))
        return exc_raise(exc_TypeError, "can only concatenate str (not \"%s\") to str", tb->name);
    if (op == BIN_ADD && val_is_list(a))
        return exc_raise(exc_TypeError, "can only concatenate list (not \"%s\") to list", tb->name);
    return val_raise_unsupported(bin_symbol[op], a, b);
}

Value val_binary(BinaryOp op, Value a, Value b) { return binary_dispatch(op, a, b, false); }
Value val_inplace(BinaryOp op, Value a, Value b) { return binary_dispatch(op, a, b, true); }

Value val_unary(UnaryOp op, Value a) {
    if (op == UN_NOT) {
        int t = val_truthy(a);
        return t < 0 ? VAL_ERROR : BOOL_VAL(!t);
    }
    if (val_is_number(a)) return num_unary(op, a);
    TypeObj *t = val_type(a);
    if (t->unary) {
        Value r = t->unary(op, a);
        if (!IS_UNDEF(r)) return r;
    }
    static const char *names[] = {"unary -", "unary +", "unary ~"};
    return exc_raise(exc_TypeError, "bad operand type for %s: '%s'", names[op], t->name);
}

// ------------------------------------------------------------ containers

int64_t val_len(Value v) {
    TypeObj *t = val_type(v);
    if (t->len) return t->len(v);
    tl_raise(ERR_TYPE, "object of type '%s' has no len()", t->name);
    return -1;
}

Value val_getitem(Value obj, Value key) {
    TypeObj *t = val_type(obj);
    if (t->getitem) return t->getitem(obj, key);
    if (IS_OBJ(obj) && t == &type_type) {
        // list[int] style generic aliases: return the class itself
        return val_incref(obj);
    }
    return exc_raise(exc_TypeError, "'%s' object is not subscriptable", t->name);
}

int val_setitem(Value obj, Value key, Value v) {
    TypeObj *t = val_type(obj);
    if (t->setitem) return t->setitem(obj, key, v);
    tl_raise(ERR_TYPE, "'%s' object does not support item assignment", t->name);
    return -1;
}

int val_delitem(Value obj, Value key) {
    TypeObj *t = val_type(obj);
    if (t->setitem) return t->setitem(obj, key, VAL_UNDEFINED);
    tl_raise(ERR_TYPE, "'%s' object doesn't support item deletion", t->name);
    return -1;
}

int val_contains(Value container, Value item) {
    TypeObj *t = val_type(container);
    if (t->contains) return t->contains(container, item);
    if (!t->iter) {
        tl_raise(ERR_TYPE, "argument of type '%s' is not iterable", t->name);
        return -1;
    }
    Value it = val_iter(container);
    if (IS_ERR(it)) return -1;
    int found = 0;
    for (;;) {
        Value x = val_next(it);
        if (IS_ERR(x)) { found = -1; break; }
        if (IS_UNDEF(x)) break;
        int eq = val_eq(x, item);
        val_decref(x);
        if (eq != 0) { found = eq; break; }
    }
    val_decref(it);
    return found;
}

Value val_iter(Value v) {
    TypeObj *t = val_type(v);
    if (t->iter) return t->iter(v);
    if (t->getitem && t->len) return seq_iter_new(v);
    return exc_raise(exc_TypeError, "'%s' object is not iterable", t->name);
}

Value val_next(Value it) {
    TypeObj *t = val_type(it);
    if (t->next) return t->next(it);
    return exc_raise(exc_TypeError, "'%s' object is not an iterator", t->name);
}

Value val_call(Value callable, int nargs, Value *args, const KwArgs *kw) {
    TypeObj *t = val_type(callable);
    if (t->call) return t->call(callable, nargs, args, kw);
    return exc_raise(exc_TypeError, "'%s' object is not callable", t->name);
}

Value val_call_method(Value self, const char *name, int nargs, Value *args) {
    Value m = val_getattr_cstr(self, name);
    if (IS_ERR(m)) return m;
    Value r = val_call(m, nargs, args, NULL);
    val_decref(m);
    return r;
}
