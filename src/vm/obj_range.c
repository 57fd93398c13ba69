// The range type and its iterator: a lazy arithmetic sequence with O(1)
// len, indexing, slicing (giving a range), and `in` for ints. Other
// values fall back to comparing item by item, as CPython does.
#include "vm/containers.h"

// Wide enough for start + i * step with 64-bit operands.
__extension__ typedef __int128 Int128;

// Number of items of range(start, stop, step), clamped to INT64_MAX.
static int64_t range_length(int64_t start, int64_t stop, int64_t step) {
    uint64_t n;
    if (step > 0 && start < stop) n = ((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1;
    else if (step < 0 && start > stop) n = ((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1;
    else n = 0;
    return n > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)n;
}

Value range_new(int64_t start, int64_t stop, int64_t step) {
    ObjRange *r = (ObjRange *)obj_alloc(&type_range, sizeof(ObjRange));
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = range_length(start, stop, step);
    return OBJ_VAL(r);
}

#define RANGE(v) ((ObjRange *)(v).as.o)

// The i-th item (0 <= i < len): cannot overflow, it lies between start and stop.
static int64_t range_item(const ObjRange *r, int64_t i) {
    return (int64_t)((uint64_t)r->start + (uint64_t)i * (uint64_t)r->step);
}

static Value range_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    (void)type;
    if (kw && kw->n) return tl_raise(ERR_TYPE, "range() takes no keyword arguments"), VAL_ERROR;
    if (nargs < 1) return tl_raise(ERR_TYPE, "range expected at least 1 argument, got %d", nargs), VAL_ERROR;
    if (nargs > 3) return tl_raise(ERR_TYPE, "range expected at most 3 arguments, got %d", nargs), VAL_ERROR;
    int64_t v[3] = {0, 0, 1};
    for (int i = 0; i < nargs; i++)
        if (index_require(args[i], &v[nargs == 1 ? 1 : i]) < 0) return VAL_ERROR;
    if (v[2] == 0) return tl_raise(ERR_VALUE, "range() arg 3 must not be zero"), VAL_ERROR;
    return range_new(v[0], v[1], v[2]);
}

static Value range_repr(Value self) {
    ObjRange *r = RANGE(self);
    StrBuf sb = STRBUF_INIT;
    if (r->step == 1) sb_printf(&sb, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    else sb_printf(&sb, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
    return str_from_buf(&sb);
}

// CPython hashes (len, start, step), with None for what does not matter.
static int64_t range_hash(Value self) {
    ObjRange *r = RANGE(self);
    Value t = tuple_pack(3, INT_VAL(r->len), r->len ? INT_VAL(r->start) : NONE_VAL,
                         r->len > 1 ? INT_VAL(r->step) : NONE_VAL);
    int64_t h = val_hash(t);
    val_decref(t);
    return h;
}

// Ranges are equal when they hold the same items.
static Value range_compare(Value a, Value b, CompareOp op) {
    if (!IS_OBJ(a) || a.as.o->type != &type_range || !IS_OBJ(b) || b.as.o->type != &type_range ||
        (op != CMP_EQ && op != CMP_NE))
        return VAL_UNDEFINED;
    ObjRange *x = RANGE(a), *y = RANGE(b);
    bool eq = x->len == y->len &&
              (x->len == 0 || (x->start == y->start && (x->len == 1 || x->step == y->step)));
    return BOOL_VAL(op == CMP_EQ ? eq : !eq);
}

static int range_truthy(Value self) { return RANGE(self)->len != 0; }
static int64_t range_len(Value self) { return RANGE(self)->len; }

// Clamps a 128-bit bound computed for a sliced range into int64.
static int64_t clamp64(Int128 v) {
    return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

static Value range_getitem(Value self, Value key) {
    ObjRange *r = RANGE(self);
    if (IS_OBJ(key) && key.as.o->type == &type_slice) {
        int64_t start, stop, step, n;
        if (slice_indices((ObjSlice *)key.as.o, r->len, &start, &stop, &step, &n) < 0) return VAL_ERROR;
        Int128 s0 = (Int128)r->start + (Int128)start * r->step;
        Int128 s1 = (Int128)r->start + (Int128)stop * r->step;
        Int128 st = (Int128)step * r->step;
        Value out = range_new(clamp64(s0), clamp64(s1), clamp64(st));
        RANGE(out)->len = n;
        return out;
    }
    int64_t i;
    int k = index_from_value(key, &i);
    if (k < 0) return VAL_ERROR;
    if (k == 0)
        return tl_raise(ERR_TYPE, "range indices must be integers or slices, not %s", val_type_name(key)), VAL_ERROR;
    if (i < 0) i += r->len;
    if (i < 0 || i >= r->len) return tl_raise(ERR_INDEX, "range object index out of range"), VAL_ERROR;
    return INT_VAL(range_item(r, i));
}

// Position of int [v] in [r], or -1.
static int64_t range_find_int(const ObjRange *r, int64_t v) {
    if (r->len == 0) return -1;
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return -1;
    Int128 d = (Int128)v - r->start;
    if (d % r->step != 0) return -1;
    return (int64_t)(d / r->step);
}

// Item-by-item search for non-int values: count of equal items, or the
// first index when [first] (-1 if none); -2 on error.
static int64_t range_search(const ObjRange *r, Value x, bool first) {
    int64_t count = 0;
    for (int64_t i = 0; i < r->len; i++) {
        int eq = val_eq(INT_VAL(range_item(r, i)), x);
        if (eq < 0) return -2;
        if (eq && first) return i;
        count += eq;
    }
    return first ? -1 : count;
}

static bool is_exact_int(Value v) { return IS_INT(v) || IS_BOOL(v); }

static int range_contains(Value self, Value x) {
    ObjRange *r = RANGE(self);
    if (is_exact_int(x)) return range_find_int(r, IS_INT(x) ? x.as.i : x.as.b) >= 0;
    int64_t i = range_search(r, x, true);
    return i == -2 ? -1 : i >= 0;
}

// ---------------------------------------------------------------- iterator

static Value rangeiter_new(int64_t start, int64_t step, int64_t n) {
    ObjRangeIter *it = (ObjRangeIter *)obj_alloc(&type_range_iterator, sizeof(ObjRangeIter));
    it->next = start;
    it->step = step;
    it->remaining = n;
    return OBJ_VAL(it);
}

static Value range_iter(Value self) {
    ObjRange *r = RANGE(self);
    return rangeiter_new(r->start, r->step, r->len);
}

static Value rangeiter_next(Value self) { return range_iter_next_fast(self); }

static Value iter_self(Value self) { return val_incref(self); }

TypeObj type_range_iterator = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "range_iterator",
    .base_type = &type_object,
    .instance_size = sizeof(ObjRangeIter),
    .is_native = true,
    .is_abstract_native = true,
    .iter = iter_self,
    .next = rangeiter_next,
};

// ---------------------------------------------------------------- methods

static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("range.index", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjRange *r = RANGE(args[0]);
    Value x = args[1];
    if (is_exact_int(x)) {
        int64_t i = range_find_int(r, IS_INT(x) ? x.as.i : x.as.b);
        if (i >= 0) return INT_VAL(i);
        Value rep = val_repr(x);
        if (IS_ERR(rep)) return rep;
        tl_raise(ERR_VALUE, "%s is not in range", val_cstr(rep));
        val_decref(rep);
        return VAL_ERROR;
    }
    int64_t i = range_search(r, x, true);
    if (i == -2) return VAL_ERROR;
    if (i < 0) return tl_raise(ERR_VALUE, "sequence.index(x): x not in sequence"), VAL_ERROR;
    return INT_VAL(i);
}

static Value m_count(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("range.count", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjRange *r = RANGE(args[0]);
    Value x = args[1];
    if (is_exact_int(x)) return INT_VAL(range_find_int(r, IS_INT(x) ? x.as.i : x.as.b) >= 0);
    int64_t n = range_search(r, x, false);
    return n == -2 ? VAL_ERROR : INT_VAL(n);
}

static Value m_reversed(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("range.__reversed__", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjRange *r = RANGE(args[0]);
    if (r->len == 0) return rangeiter_new(0, 1, 0);
    return rangeiter_new(range_item(r, r->len - 1), (int64_t)(0 - (uint64_t)r->step), r->len);
}

static const NativeMethodDef range_methods[] = {
    {"index", m_index, "Return index of value."},
    {"count", m_count, "Return number of occurrences of value."},
    {"__reversed__", m_reversed, "Return a reverse iterator."},
    {NULL, NULL, NULL},
};

static Value get_start(Value self) { return INT_VAL(RANGE(self)->start); }
static Value get_stop(Value self) { return INT_VAL(RANGE(self)->stop); }
static Value get_step(Value self) { return INT_VAL(RANGE(self)->step); }

static const NativeGetSetDef range_getset[] = {
    {"start", get_start, NULL, NULL},
    {"stop", get_stop, NULL, NULL},
    {"step", get_step, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

TypeObj type_range = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "range",
    .base_type = &type_object,
    .instance_size = sizeof(ObjRange),
    .is_native = true,
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
    .call_type = range_call_type,
    .repr = range_repr,
    .hash = range_hash,
    .compare = range_compare,
    .truthy = range_truthy,
    .len = range_len,
    .getitem = range_getitem,
    .contains = range_contains,
    .iter = range_iter,
    .methods = range_methods,
    .getset = range_getset,
};
