// The tuple type: an immutable array of Values stored inline. Owns tuple
// construction, CPython's tuple hash (so sets of tuples iterate in CPython's
// order), comparison, indexing/slicing, + and *, and index()/count().
// The tuple iterator shares the list iterator's code (obj_list.c).
#include <stdarg.h>
#include <stdlib.h>

#include "vm/containers.h"

ObjTuple *tuple_new(int64_t len) {
    if (len < 0) len = 0;
    if ((uint64_t)len > (SIZE_MAX - sizeof(ObjTuple)) / sizeof(Value) / 2) {
        raise_nomem();
        return NULL;
    }
    ObjTuple *t = (ObjTuple *)obj_alloc(&type_tuple, sizeof(ObjTuple) + sizeof(Value) * (size_t)len);
    t->len = len;
    t->hash = -1;
    for (int64_t i = 0; i < len; i++) t->items[i] = NONE_VAL;
    return t;
}

Value tuple_pack(int n, ...) {
    ObjTuple *t = tuple_new(n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        Value v = va_arg(ap, Value);
        if (t) t->items[i] = v;
        else val_decref(v);
    }
    va_end(ap);
    return t ? OBJ_VAL(t) : VAL_ERROR;
}

Value tuple_from_array(const Value *items, int64_t n) {
    ObjTuple *t = tuple_new(n);
    if (!t) return VAL_ERROR;
    for (int64_t i = 0; i < n; i++) t->items[i] = val_incref(items[i]);
    return OBJ_VAL(t);
}

Value tuple_from_iterable(Value it) {
    if (val_is_tuple(it)) return val_incref(it);
    ObjList *l = list_from_iterable(it);
    if (!l) return VAL_ERROR;
    Value t = tuple_from_array(l->items, l->len);
    obj_decref(l);
    return t;
}

// ---------------------------------------------------------------- slots

static void tuple_dealloc(Obj *o) {
    ObjTuple *t = (ObjTuple *)o;
    for (int64_t i = 0; i < t->len; i++) val_decref(t->items[i]);
    t->len = 0;
}

static void tuple_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjTuple *t = (ObjTuple *)o;
    for (int64_t i = 0; i < t->len; i++)
        if (IS_OBJ(t->items[i])) visit(t->items[i].as.o, ctx);
}

static void tuple_gc_clear(Obj *o) {
    ObjTuple *t = (ObjTuple *)o;
    for (int64_t i = 0; i < t->len; i++) val_set(&t->items[i], NONE_VAL);
}

static Value tuple_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise(ERR_TYPE, "tuple() takes no keyword arguments"), VAL_ERROR;
    if (nargs > 1) return tl_raise(ERR_TYPE, "tuple expected at most 1 argument, got %d", nargs), VAL_ERROR;
    Value t = nargs ? tuple_from_iterable(args[0]) : OBJ_VAL(tuple_new(0));
    if (IS_ERR(t) || type == &type_tuple) return t;
    // A subclass (e.g. a named-tuple-like class): copy the items into an
    // instance of the subclass.
    ObjTuple *src = AS_TUPLE(t);
    size_t size = sizeof(ObjTuple) + sizeof(Value) * (size_t)src->len;
    if (type->instance_size > sizeof(ObjTuple)) size += type->instance_size - sizeof(ObjTuple);
    ObjTuple *out = (ObjTuple *)obj_alloc(type, size);
    out->len = src->len;
    out->hash = -1;
    for (int64_t i = 0; i < src->len; i++) out->items[i] = val_incref(src->items[i]);
    val_decref(t);
    return OBJ_VAL(out);
}

static Value tuple_repr(Value self) {
    ObjTuple *t = AS_TUPLE(self);
    if (t->len == 0) return str_value("()");
    int r = repr_enter(self.as.o);
    if (r < 0) return VAL_ERROR;
    if (r > 0) return str_value("(...)");
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '(');
    int rc = seq_repr_items(&sb, self);
    repr_leave(self.as.o);
    if (rc < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_append(&sb, t->len == 1 ? ",)" : ")");
    return str_from_buf(&sb);
}

// CPython 3.8+'s tuple hash (an xxHash variant over the item hashes).
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

static int64_t tuple_hash(Value self) {
    ObjTuple *t = AS_TUPLE(self);
    if (t->hash != -1) return t->hash;
    uint64_t acc = XXPRIME_5;
    for (int64_t i = 0; i < t->len; i++) {
        int64_t h;
        if (container_hash(t->items[i], &h) < 0) return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)t->len ^ (XXPRIME_5 ^ 3527539ULL);
    if (acc == (uint64_t)-1) acc = 1546275796;
    t->hash = (int64_t)acc;
    return t->hash;
}

static bool is_tuple(Value v) {
    return IS_OBJ(v) && (v.as.o->type == &type_tuple || type_is_subtype(v.as.o->type, &type_tuple));
}

static Value tuple_compare(Value a, Value b, CompareOp op) {
    if (!is_tuple(a) || !is_tuple(b) || op > CMP_GE) return VAL_UNDEFINED;
    return seq_richcompare(a, b, op);
}

static bool defers_to_other(Value other) {
    TypeObj *t = val_type(other);
    return !t->is_native || t->module_name != NULL;
}

static Value tuple_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    (void)inplace;   // tuples are immutable: t += x rebinds
    Value self = reflected ? b : a, other = reflected ? a : b;
    ObjTuple *t = AS_TUPLE(self);
    if (op == BIN_ADD && !reflected) {
        if (!is_tuple(other)) {
            if (defers_to_other(other)) return VAL_UNDEFINED;
            return tl_raise(ERR_TYPE, "can only concatenate tuple (not \"%s\") to tuple", val_type_name(other)),
                   VAL_ERROR;
        }
        ObjTuple *u = AS_TUPLE(other);
        if (u->len == 0 && t->base.type == &type_tuple) return val_incref(self);
        ObjTuple *out = tuple_new(t->len + u->len);
        if (!out) return VAL_ERROR;
        for (int64_t i = 0; i < t->len; i++) out->items[i] = val_incref(t->items[i]);
        for (int64_t i = 0; i < u->len; i++) out->items[t->len + i] = val_incref(u->items[i]);
        return OBJ_VAL(out);
    }
    if (op == BIN_MUL) {
        int64_t n;
        int r = index_from_value(other, &n);
        if (r < 0) return VAL_ERROR;
        if (r == 0) {
            if (defers_to_other(other)) return VAL_UNDEFINED;
            return tl_raise(ERR_TYPE, "can't multiply sequence by non-int of type '%s'", val_type_name(other)),
                   VAL_ERROR;
        }
        if (n < 0 || t->len == 0) n = 0;
        if (n > 0 && t->len > INT64_MAX / 16 / n) return raise_nomem(), VAL_ERROR;
        ObjTuple *out = tuple_new(t->len * n);
        if (!out) return VAL_ERROR;
        for (int64_t k = 0, o = 0; k < n; k++)
            for (int64_t i = 0; i < t->len; i++) out->items[o++] = val_incref(t->items[i]);
        return OBJ_VAL(out);
    }
    return VAL_UNDEFINED;
}

static int tuple_truthy(Value self) { return AS_TUPLE(self)->len != 0; }
static int64_t tuple_len(Value self) { return AS_TUPLE(self)->len; }

static Value tuple_getitem(Value self, Value key) {
    ObjTuple *t = AS_TUPLE(self);
    int64_t i;
    if (IS_INT(key)) {
        i = key.as.i;
    } else if (IS_OBJ(key) && key.as.o->type == &type_slice) {
        int64_t start, stop, step, n;
        if (slice_indices((ObjSlice *)key.as.o, t->len, &start, &stop, &step, &n) < 0) return VAL_ERROR;
        if (n == t->len && step == 1 && t->base.type == &type_tuple) return val_incref(self);
        ObjTuple *out = tuple_new(n);
        if (!out) return VAL_ERROR;
        for (int64_t k = 0, j = start; k < n; k++, j += step) out->items[k] = val_incref(t->items[j]);
        return OBJ_VAL(out);
    } else {
        int r = index_from_value(key, &i);
        if (r < 0) return VAL_ERROR;
        if (r == 0)
            return tl_raise(ERR_TYPE, "tuple indices must be integers or slices, not %s", val_type_name(key)),
                   VAL_ERROR;
    }
    if (i < 0) i += t->len;
    if (i < 0 || i >= t->len) return tl_raise(ERR_INDEX, "tuple index out of range"), VAL_ERROR;
    return val_incref(t->items[i]);
}

static int tuple_contains(Value self, Value item) {
    ObjTuple *t = AS_TUPLE(self);
    for (int64_t i = 0; i < t->len; i++) {
        int k = item_eq(t->items[i], item);
        if (k != 0) return k;
    }
    return 0;
}

static Value tuple_iter(Value self) { return tuple_iter_new(self); }

// ---------------------------------------------------------------- methods

static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    if (args_range("index", "tuple.index", nargs - 1, 1, 3, kw) < 0) return VAL_ERROR;
    ObjTuple *t = AS_TUPLE(args[0]);
    int64_t lo = 0, hi = t->len;
    for (int a = 2; a < nargs; a++) {
        int64_t v;
        int r = index_from_value(args[a], &v);
        if (r < 0) return VAL_ERROR;
        if (r == 0)
            return tl_raise(ERR_TYPE, "slice indices must be integers or have an __index__ method"), VAL_ERROR;
        if (v < 0) {
            v += t->len;
            if (v < 0) v = 0;
        }
        if (a == 2) lo = v;
        else hi = v;
    }
    for (int64_t i = lo; i < hi && i < t->len; i++) {
        int k = item_eq(t->items[i], args[1]);
        if (k < 0) return VAL_ERROR;
        if (k) return INT_VAL(i);
    }
    return tl_raise(ERR_VALUE, "tuple.index(x): x not in tuple"), VAL_ERROR;
}

static Value m_count(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("tuple.count", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjTuple *t = AS_TUPLE(args[0]);
    int64_t n = 0;
    for (int64_t i = 0; i < t->len; i++) {
        int k = item_eq(t->items[i], args[1]);
        if (k < 0) return VAL_ERROR;
        n += k;
    }
    return INT_VAL(n);
}

static const NativeMethodDef tuple_methods[] = {
    {"index", m_index, "Return first index of value."},
    {"count", m_count, "Return number of occurrences of value."},
    {NULL, NULL, NULL},
};

TypeObj type_tuple = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "tuple",
    .base_type = &type_object,
    .instance_size = sizeof(ObjTuple),
    .is_native = true,
    .doc = "Built-in immutable sequence.",
    .dealloc = tuple_dealloc,
    .traverse = tuple_traverse,
    .clear = tuple_gc_clear,
    .call_type = tuple_call_type,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .compare = tuple_compare,
    .binary = tuple_binary,
    .truthy = tuple_truthy,
    .len = tuple_len,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .iter = tuple_iter,
    .methods = tuple_methods,
};
