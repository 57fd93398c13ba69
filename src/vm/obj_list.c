// The list type: a growable array of Values. Owns list construction,
// indexing and slice assignment/deletion, concatenation and repetition,
// the list methods, and the list iterators. Sorting lives in sort.c.
#include <stdlib.h>
#include <string.h>

#include "vm/containers.h"
#include "vm/sort.h"

// ---------------------------------------------------------------- core API

int list_reserve(ObjList *l, int64_t cap) {
    if (cap <= l->cap) return 0;
    int64_t ncap = l->cap + (l->cap >> 1) + 4;
    if (ncap < cap) ncap = cap;
    if ((uint64_t)ncap > SIZE_MAX / sizeof(Value)) return raise_nomem();
    Value *items = realloc(l->items, sizeof(Value) * (size_t)ncap);
    if (!items) return raise_nomem();
    l->items = items;
    l->cap = ncap;
    return 0;
}

static ObjList *list_alloc(TypeObj *type) {
    size_t size = type->instance_size > sizeof(ObjList) ? type->instance_size : sizeof(ObjList);
    return (ObjList *)obj_alloc(type, size);
}

ObjList *list_new(int64_t len) {
    ObjList *l = list_alloc(&type_list);
    if (len > 0 && list_reserve(l, len) < 0) {
        obj_decref(l);
        return NULL;
    }
    for (int64_t i = 0; i < len; i++) l->items[i] = NONE_VAL;
    l->len = len > 0 ? len : 0;
    return l;
}

int list_append_steal(ObjList *l, Value v) {
    if (l->len == l->cap && list_reserve(l, l->len + 1) < 0) {
        val_decref(v);
        return -1;
    }
    l->items[l->len++] = v;
    return 0;
}

int list_append(ObjList *l, Value v) {
    return list_append_steal(l, val_incref(v));
}

int list_insert(ObjList *l, int64_t i, Value v) {
    if (i < 0) {
        i += l->len;
        if (i < 0) i = 0;
    }
    if (i > l->len) i = l->len;
    if (list_reserve(l, l->len + 1) < 0) return -1;
    memmove(&l->items[i + 1], &l->items[i], sizeof(Value) * (size_t)(l->len - i));
    l->items[i] = val_incref(v);
    l->len++;
    return 0;
}

Value list_pop(ObjList *l, int64_t i) {
    if (l->len == 0) return tl_raise(ERR_INDEX, "pop from empty list"), VAL_ERROR;
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) return tl_raise(ERR_INDEX, "pop index out of range"), VAL_ERROR;
    Value v = l->items[i];
    memmove(&l->items[i], &l->items[i + 1], sizeof(Value) * (size_t)(l->len - i - 1));
    l->len--;
    return v;
}

Value *seq_items(Value v, int64_t *len) {
    if (!IS_OBJ(v)) return NULL;
    TypeObj *t = v.as.o->type;
    if (t == &type_list || (t != &type_tuple && type_is_subtype(t, &type_list))) {
        *len = AS_LIST(v)->len;
        return AS_LIST(v)->items;
    }
    if (t == &type_tuple || type_is_subtype(t, &type_tuple)) {
        *len = AS_TUPLE(v)->len;
        return AS_TUPLE(v)->items;
    }
    return NULL;
}

int list_extend(ObjList *l, Value iterable) {
    int64_t n;
    if (seq_items(iterable, &n)) {
        // Reserve first: extending a list by itself must read the old items.
        if (list_reserve(l, l->len + n) < 0) return -1;
        Value *src = seq_items(iterable, &n);
        for (int64_t i = 0; i < n; i++) l->items[l->len + i] = val_incref(src[i]);
        l->len += n;
        return 0;
    }
    Value it = val_iter(iterable);
    if (IS_ERR(it)) return -1;
    for (;;) {
        Value x = val_next(it);
        if (IS_UNDEF(x)) break;
        if (IS_ERR(x) || list_append_steal(l, x) < 0) {
            val_decref(it);
            return -1;
        }
    }
    val_decref(it);
    return 0;
}

ObjList *list_from_iterable(Value it) {
    ObjList *l = list_new(0);
    if (l && list_extend(l, it) < 0) {
        obj_decref(l);
        return NULL;
    }
    return l;
}

// Replaces items [lo, hi) with the [n] items of [src] (borrowed), releasing the old ones.
static int list_splice(ObjList *l, int64_t lo, int64_t hi, const Value *src, int64_t n) {
    int64_t old_n = hi - lo, grow = n - old_n;
    Value *old = NULL;
    if (old_n > 0) {
        old = malloc(sizeof(Value) * (size_t)old_n);
        if (!old) return raise_nomem();
        memcpy(old, &l->items[lo], sizeof(Value) * (size_t)old_n);
    }
    if (grow > 0 && list_reserve(l, l->len + grow) < 0) {
        free(old);
        return -1;
    }
    memmove(&l->items[hi + grow], &l->items[hi], sizeof(Value) * (size_t)(l->len - hi));
    for (int64_t i = 0; i < n; i++) l->items[lo + i] = val_incref(src[i]);
    l->len += grow;
    // Release last: a __del__-free decref can still free a list that is `l` itself.
    for (int64_t i = 0; i < old_n; i++) val_decref(old[i]);
    free(old);
    return 0;
}

// ---------------------------------------------------------------- slots

static void list_dealloc(Obj *o) {
    ObjList *l = (ObjList *)o;
    for (int64_t i = 0; i < l->len; i++) val_decref(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->len = l->cap = 0;
}

static void list_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjList *l = (ObjList *)o;
    for (int64_t i = 0; i < l->len; i++)
        if (IS_OBJ(l->items[i])) visit(l->items[i].as.o, ctx);
}

static void list_clear_refs(ObjList *l) {
    Value *items = l->items;
    int64_t n = l->len;
    l->items = NULL;
    l->len = l->cap = 0;
    for (int64_t i = 0; i < n; i++) val_decref(items[i]);
    free(items);
}

static void list_gc_clear(Obj *o) { list_clear_refs((ObjList *)o); }

static Value list_init_method(int nargs, Value *args, const KwArgs *kw);

static Value list_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    if (type != &type_list) {
        // A subclass: allocate, then run its __init__ (ours if not overridden).
        ObjList *l = list_alloc(type);
        Value self = OBJ_VAL(l);
        Value init = val_getattr_cstr(self, "__init__");
        Value r = IS_ERR(init) ? VAL_ERROR : val_call(init, nargs, args, kw);
        val_decref(init);
        if (IS_ERR(r)) {
            val_decref(self);
            return VAL_ERROR;
        }
        val_decref(r);
        return self;
    }
    if (kw && kw->n) return tl_raise(ERR_TYPE, "list() takes no keyword arguments"), VAL_ERROR;
    if (nargs > 1) return tl_raise(ERR_TYPE, "list expected at most 1 argument, got %d", nargs), VAL_ERROR;
    ObjList *l = nargs ? list_from_iterable(args[0]) : list_new(0);
    return l ? OBJ_VAL(l) : VAL_ERROR;
}

static Value list_repr(Value self) {
    if (AS_LIST(self)->len == 0) return str_value("[]");
    int r = repr_enter(self.as.o);
    if (r < 0) return VAL_ERROR;
    if (r > 0) return str_value("[...]");
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '[');
    int rc = seq_repr_items(&sb, self);
    repr_leave(self.as.o);
    if (rc < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_append_char(&sb, ']');
    return str_from_buf(&sb);
}

static int64_t list_hash(Value self) {
    return tl_raise_int(ERR_TYPE, "unhashable type: '%s'", val_type_name(self));
}

static bool is_list(Value v) {
    return IS_OBJ(v) && (v.as.o->type == &type_list || type_is_subtype(v.as.o->type, &type_list));
}

static Value list_compare(Value a, Value b, CompareOp op) {
    if (!is_list(a) || !is_list(b) || op > CMP_GE) return VAL_UNDEFINED;
    return seq_richcompare(a, b, op);
}

// Builtin operand types get CPython's sequence message; other natives
// (tensors) and user classes may still handle the reflected operation.
static bool defers_to_other(Value other) {
    TypeObj *t = val_type(other);
    return !t->is_native || t->module_name != NULL;
}

static Value list_repeat(ObjList *l, Value count) {
    int64_t n;
    int r = index_from_value(count, &n);
    if (r < 0) return VAL_ERROR;
    if (r == 0) {
        if (defers_to_other(count)) return VAL_UNDEFINED;
        return tl_raise(ERR_TYPE, "can't multiply sequence by non-int of type '%s'", val_type_name(count)),
               VAL_ERROR;
    }
    if (n < 0 || l->len == 0) n = 0;
    if (n > 0 && l->len > INT64_MAX / 16 / n) return raise_nomem(), VAL_ERROR;
    ObjList *out = list_new(0);
    if (!out || list_reserve(out, l->len * n) < 0) {
        obj_decref(out);
        return VAL_ERROR;
    }
    int64_t len = l->len;
    for (int64_t k = 0; k < n; k++)
        for (int64_t i = 0; i < len; i++) out->items[out->len++] = val_incref(l->items[i]);
    return OBJ_VAL(out);
}

static Value list_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    Value self = reflected ? b : a, other = reflected ? a : b;
    ObjList *l = AS_LIST(self);
    if (op == BIN_ADD && !reflected) {
        if (inplace) {
            if (list_extend(l, other) < 0) return VAL_ERROR;
            return val_incref(self);
        }
        if (!is_list(other)) {
            if (defers_to_other(other)) return VAL_UNDEFINED;
            return tl_raise(ERR_TYPE, "can only concatenate list (not \"%s\") to list", val_type_name(other)),
                   VAL_ERROR;
        }
        ObjList *out = list_new(0);
        if (!out || list_extend(out, self) < 0 || list_extend(out, other) < 0) {
            obj_decref(out);
            return VAL_ERROR;
        }
        return OBJ_VAL(out);
    }
    if (op == BIN_MUL) {
        if (inplace && !reflected) {
            Value rep = list_repeat(l, other);
            if (IS_ERR(rep) || IS_UNDEF(rep)) return rep;
            // Swap the new items in, keeping the object identity of `self`.
            ObjList *r = AS_LIST(rep);
            Value *items = l->items;
            int64_t n = l->len;
            l->items = r->items, l->len = r->len, l->cap = r->cap;
            r->items = items, r->len = n, r->cap = n;
            val_decref(rep);
            return val_incref(self);
        }
        return list_repeat(l, other);
    }
    return VAL_UNDEFINED;
}

static int list_truthy(Value self) { return AS_LIST(self)->len != 0; }
static int64_t list_len(Value self) { return AS_LIST(self)->len; }

static Value list_slice(ObjList *l, ObjSlice *s) {
    int64_t start, stop, step, n;
    if (slice_indices(s, l->len, &start, &stop, &step, &n) < 0) return VAL_ERROR;
    ObjList *out = list_new(0);
    if (!out || list_reserve(out, n) < 0) {
        obj_decref(out);
        return VAL_ERROR;
    }
    for (int64_t i = 0, j = start; i < n; i++, j += step) out->items[i] = val_incref(l->items[j]);
    out->len = n;
    return OBJ_VAL(out);
}

static Value list_getitem(Value self, Value key) {
    ObjList *l = AS_LIST(self);
    int64_t i;
    if (IS_INT(key)) i = key.as.i;
    else if (IS_OBJ(key) && key.as.o->type == &type_slice) return list_slice(l, (ObjSlice *)key.as.o);
    else {
        int r = index_from_value(key, &i);
        if (r < 0) return VAL_ERROR;
        if (r == 0)
            return tl_raise(ERR_TYPE, "list indices must be integers or slices, not %s", val_type_name(key)),
                   VAL_ERROR;
    }
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) return tl_raise(ERR_INDEX, "list index out of range"), VAL_ERROR;
    return val_incref(l->items[i]);
}

// del l[start:stop:step] for a non-unit step.
static void list_del_extended(ObjList *l, int64_t start, int64_t step, int64_t n) {
    if (n == 0) return;
    if (step < 0) {   // walk upwards
        start = start + step * (n - 1);
        step = -step;
    }
    Value *old = malloc(sizeof(Value) * (size_t)(n ? n : 1));
    int64_t w = start, k = 0;
    for (int64_t r = start; r < l->len; r++) {
        if (k < n && r == start + k * step) {
            if (old) old[k] = l->items[r];
            else val_decref(l->items[r]);
            k++;
        } else {
            l->items[w++] = l->items[r];
        }
    }
    l->len = w;
    if (old) {
        for (int64_t i = 0; i < n; i++) val_decref(old[i]);
        free(old);
    }
}

// Items of [v] for slice assignment: a snapshot (new list) so l[:] = l works.
static ObjList *assign_source(Value v, bool extended) {
    int64_t n;
    if (!seq_items(v, &n)) {
        Value it = val_iter(v);
        if (IS_ERR(it)) {
            if (pending_is(exc_TypeError))
                tl_raise(ERR_TYPE, extended ? "must assign iterable to extended slice" : "can only assign an iterable");
            return NULL;
        }
        val_decref(it);
    }
    return list_from_iterable(v);
}

static int list_setslice(ObjList *l, ObjSlice *s, Value v) {
    int64_t start, stop, step, n;
    if (slice_indices(s, l->len, &start, &stop, &step, &n) < 0) return -1;
    if (IS_UNDEF(v)) {
        if (step == 1) return list_splice(l, start, start + n, NULL, 0);
        list_del_extended(l, start, step, n);
        return 0;
    }
    ObjList *src = assign_source(v, step != 1);
    if (!src) return -1;
    int rc = 0;
    if (step == 1) {
        rc = list_splice(l, start, stop < start ? start : stop, src->items, src->len);
    } else if (src->len != n) {
        rc = tl_raise_int(ERR_VALUE, "attempt to assign sequence of size %lld to extended slice of size %lld",
                          (long long)src->len, (long long)n);
    } else {
        for (int64_t i = 0, j = start; i < n; i++, j += step) {
            Value old = l->items[j];
            l->items[j] = val_incref(src->items[i]);
            val_decref(old);
        }
    }
    obj_decref(src);
    return rc;
}

static int list_setitem(Value self, Value key, Value v) {
    ObjList *l = AS_LIST(self);
    if (IS_OBJ(key) && key.as.o->type == &type_slice) return list_setslice(l, (ObjSlice *)key.as.o, v);
    int64_t i;
    int r = index_from_value(key, &i);
    if (r < 0) return -1;
    if (r == 0)
        return tl_raise_int(ERR_TYPE, "list indices must be integers or slices, not %s", val_type_name(key));
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len)
        return tl_raise_int(ERR_INDEX, "list assignment index out of range");
    if (IS_UNDEF(v)) {
        val_decref(list_pop(l, i));
        return 0;
    }
    val_set(&l->items[i], val_incref(v));
    return 0;
}

static int list_contains(Value self, Value item) {
    ObjList *l = AS_LIST(self);
    for (int64_t i = 0; i < l->len; i++) {
        Value x = val_incref(l->items[i]);
        int k = item_eq(x, item);
        val_decref(x);
        if (k != 0) return k;
    }
    return 0;
}

// ---------------------------------------------------------------- iterators

typedef struct {
    Obj base;
    Value seq;        // VAL_UNDEF once exhausted
    int64_t index;
} ObjSeqIter;

static void seqiter_dealloc(Obj *o) { val_decref(((ObjSeqIter *)o)->seq); }
static void seqiter_traverse(Obj *o, VisitFn visit, void *ctx) {
    Value s = ((ObjSeqIter *)o)->seq;
    if (IS_OBJ(s)) visit(s.as.o, ctx);
}
static void seqiter_clear(Obj *o) { val_set(&((ObjSeqIter *)o)->seq, VAL_UNDEFINED); }
static Value iter_self(Value self) { return val_incref(self); }

static Value seqiter_new(TypeObj *type, Value seq, int64_t index) {
    ObjSeqIter *it = (ObjSeqIter *)obj_alloc(type, sizeof(ObjSeqIter));
    it->seq = val_incref(seq);
    it->index = index;
    return OBJ_VAL(it);
}

static Value list_iter(Value self) { return seqiter_new(&type_list_iterator, self, 0); }

static Value listiter_next(Value self) {
    ObjSeqIter *it = (ObjSeqIter *)self.as.o;
    if (IS_UNDEF(it->seq)) return VAL_UNDEFINED;
    ObjList *l = AS_LIST(it->seq);
    if (it->index < l->len) return val_incref(l->items[it->index++]);
    val_set(&it->seq, VAL_UNDEFINED);
    return VAL_UNDEFINED;
}

Value list_reversed_iter(ObjList *l) {
    return seqiter_new(&type_list_reverseiterator, OBJ_VAL(l), l->len - 1);
}

static Value listrev_next(Value self) {
    ObjSeqIter *it = (ObjSeqIter *)self.as.o;
    if (IS_UNDEF(it->seq)) return VAL_UNDEFINED;
    ObjList *l = AS_LIST(it->seq);
    if (it->index >= 0 && it->index < l->len) return val_incref(l->items[it->index--]);
    val_set(&it->seq, VAL_UNDEFINED);
    return VAL_UNDEFINED;
}

// The tuple iterator shares the list iterator's layout, so it lives here.
Value tuple_iter_new(Value tuple) { return seqiter_new(&type_tuple_iterator, tuple, 0); }

static Value tupleiter_next(Value self) {
    ObjSeqIter *it = (ObjSeqIter *)self.as.o;
    if (IS_UNDEF(it->seq)) return VAL_UNDEFINED;
    ObjTuple *t = AS_TUPLE(it->seq);
    if (it->index < t->len) return val_incref(t->items[it->index++]);
    val_set(&it->seq, VAL_UNDEFINED);
    return VAL_UNDEFINED;
}

#define SEQ_ITER_TYPE(var, tname, nextfn)                                          \
    TypeObj var = {                                                                \
        .base = {.refcnt = 1, .type = &type_type},                                 \
        .name = tname,                                                             \
        .base_type = &type_object,                                                 \
        .instance_size = sizeof(ObjSeqIter),                                       \
        .is_native = true,                                                         \
        .is_abstract_native = true,                                                \
        .dealloc = seqiter_dealloc,                                                \
        .traverse = seqiter_traverse,                                              \
        .clear = seqiter_clear,                                                    \
        .iter = iter_self,                                                         \
        .next = nextfn,                                                            \
    }

SEQ_ITER_TYPE(type_list_iterator, "list_iterator", listiter_next);
SEQ_ITER_TYPE(type_list_reverseiterator, "list_reverseiterator", listrev_next);
SEQ_ITER_TYPE(type_tuple_iterator, "tuple_iterator", tupleiter_next);

// ---------------------------------------------------------------- methods

#define SELF AS_LIST(args[0])

static Value m_append(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("list.append", nargs - 1, kw) < 0 || list_append(SELF, args[1]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_extend(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("list.extend", nargs - 1, kw) < 0 || list_extend(SELF, args[1]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_insert(int nargs, Value *args, const KwArgs *kw) {
    int64_t i;
    if (args_range("insert", "list.insert", nargs - 1, 2, 2, kw) < 0 || index_require(args[1], &i) < 0 ||
        list_insert(SELF, i, args[2]) < 0)
        return VAL_ERROR;
    return NONE_VAL;
}

static Value m_pop(int nargs, Value *args, const KwArgs *kw) {
    int64_t i = -1;
    if (args_range("pop", "list.pop", nargs - 1, 0, 1, kw) < 0) return VAL_ERROR;
    if (nargs > 1 && index_require(args[1], &i) < 0) return VAL_ERROR;
    return list_pop(SELF, i);
}

// Index of the first item equal to [x] in [lo, hi), -1 if none, -2 on error.
static int64_t list_find(ObjList *l, Value x, int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi && i < l->len; i++) {
        Value y = val_incref(l->items[i]);
        int k = item_eq(y, x);
        val_decref(y);
        if (k < 0) return -2;
        if (k) return i;
    }
    return -1;
}

static Value m_remove(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("list.remove", nargs - 1, kw) < 0) return VAL_ERROR;
    int64_t i = list_find(SELF, args[1], 0, SELF->len);
    if (i == -2) return VAL_ERROR;
    if (i < 0) return tl_raise(ERR_VALUE, "list.remove(x): x not in list"), VAL_ERROR;
    val_decref(list_pop(SELF, i));
    return NONE_VAL;
}

// Resolves index()'s optional start/stop like CPython's slice clamping.
static int bound_arg(Value v, int64_t len, int64_t *out) {
    int64_t i;
    int r = index_from_value(v, &i);
    if (r < 0) return -1;
    if (r == 0)
        return tl_raise_int(ERR_TYPE, "slice indices must be integers or have an __index__ method");
    if (i < 0) {
        i += len;
        if (i < 0) i = 0;
    }
    *out = i;
    return 0;
}

static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    if (args_range("index", "list.index", nargs - 1, 1, 3, kw) < 0) return VAL_ERROR;
    ObjList *l = SELF;
    int64_t lo = 0, hi = INT64_MAX;
    if (nargs > 2 && bound_arg(args[2], l->len, &lo) < 0) return VAL_ERROR;
    if (nargs > 3 && bound_arg(args[3], l->len, &hi) < 0) return VAL_ERROR;
    int64_t i = list_find(l, args[1], lo, hi);
    if (i == -2) return VAL_ERROR;
    if (i >= 0) return INT_VAL(i);
    Value r = val_repr(args[1]);
    if (IS_ERR(r)) return r;
    tl_raise(ERR_VALUE, "%s is not in list", val_cstr(r));
    val_decref(r);
    return VAL_ERROR;
}

static Value m_count(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("list.count", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjList *l = SELF;
    int64_t n = 0;
    for (int64_t i = 0; i < l->len; i++) {
        Value y = val_incref(l->items[i]);
        int k = item_eq(y, args[1]);
        val_decref(y);
        if (k < 0) return VAL_ERROR;
        n += k;
    }
    return INT_VAL(n);
}

static Value m_sort(int nargs, Value *args, const KwArgs *kw) {
    if (nargs > 1) return tl_raise(ERR_TYPE, "sort() takes no positional arguments"), VAL_ERROR;
    Value key = NONE_VAL;
    bool reverse = false;
    for (int i = 0; kw && i < kw->n; i++) {
        const char *name = kw->names[i]->data;
        if (strcmp(name, "key") == 0) key = kw->values[i];
        else if (strcmp(name, "reverse") == 0) {
            int t = val_truthy(kw->values[i]);
            if (t < 0) return VAL_ERROR;
            reverse = t;
        } else {
            return tl_raise(ERR_TYPE, "'%s' is an invalid keyword argument for sort()", name), VAL_ERROR;
        }
    }
    if (list_sort(SELF, key, reverse) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static void reverse_items(Value *items, int64_t n) {
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        Value t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

static Value m_reverse(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("list.reverse", nargs - 1, kw) < 0) return VAL_ERROR;
    reverse_items(SELF->items, SELF->len);
    return NONE_VAL;
}

static Value m_copy(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("list.copy", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjList *out = list_new(0);
    if (!out || list_extend(out, args[0]) < 0) {
        obj_decref(out);
        return VAL_ERROR;
    }
    return OBJ_VAL(out);
}

static Value m_clear(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("list.clear", nargs - 1, kw) < 0) return VAL_ERROR;
    list_clear_refs(SELF);
    return NONE_VAL;
}

static Value list_init_method(int nargs, Value *args, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise(ERR_TYPE, "list() takes no keyword arguments"), VAL_ERROR;
    if (nargs > 2) return tl_raise(ERR_TYPE, "list expected at most 1 argument, got %d", nargs - 1), VAL_ERROR;
    list_clear_refs(SELF);
    if (nargs == 2 && list_extend(SELF, args[1]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_reversed(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("list.__reversed__", nargs - 1, kw) < 0) return VAL_ERROR;
    return list_reversed_iter(SELF);
}

static const NativeMethodDef list_methods[] = {
    {"append", m_append, "Append object to the end of the list."},
    {"extend", m_extend, "Extend list by appending elements from the iterable."},
    {"insert", m_insert, "Insert object before index."},
    {"pop", m_pop, "Remove and return item at index (default last)."},
    {"remove", m_remove, "Remove first occurrence of value."},
    {"index", m_index, "Return first index of value."},
    {"count", m_count, "Return number of occurrences of value."},
    {"sort", m_sort, "Sort the list in ascending order and return None."},
    {"reverse", m_reverse, "Reverse *IN PLACE*."},
    {"copy", m_copy, "Return a shallow copy of the list."},
    {"clear", m_clear, "Remove all items from list."},
    {"__init__", list_init_method, "Initialize self."},
    {"__reversed__", m_reversed, "Return a reverse iterator over the list."},
    {NULL, NULL, NULL},
};

TypeObj type_list = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "list",
    .base_type = &type_object,
    .instance_size = sizeof(ObjList),
    .is_native = true,
    .doc = "Built-in mutable sequence.",
    .dealloc = list_dealloc,
    .traverse = list_traverse,
    .clear = list_gc_clear,
    .call_type = list_call_type,
    .repr = list_repr,
    .hash = list_hash,
    .compare = list_compare,
    .binary = list_binary,
    .truthy = list_truthy,
    .len = list_len,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .iter = list_iter,
    .methods = list_methods,
};
