// The slice type (x[a:b:c] builds one) and slice_indices(), the single
// place where a slice is resolved against a sequence length, clamping as
// CPython's PySlice_GetIndicesEx does. Slices are not cycle-collected
// (no traverse): one is built per subscript and cannot sensibly be in a cycle.
#include "vm/containers.h"

Value slice_new(Value start, Value stop, Value step) {
    ObjSlice *s = (ObjSlice *)obj_alloc(&type_slice, sizeof(ObjSlice));
    s->start = val_incref(start);
    s->stop = val_incref(stop);
    s->step = val_incref(step);
    return OBJ_VAL(s);
}

static int slice_index(Value v, int64_t *out) {
    int r = index_from_value(v, out);
    if (r == 0)
        return tl_raise_int(ERR_TYPE, "slice indices must be integers or None or have an __index__ method");
    return r < 0 ? -1 : 0;
}

// Clamps a start/stop bound into the sequence.
static int64_t clamp_bound(int64_t v, int64_t len, int64_t step) {
    if (v < 0) {
        v += len;
        if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= len) {
        v = step < 0 ? len - 1 : len;
    }
    return v;
}

int slice_indices(ObjSlice *s, int64_t len, int64_t *start, int64_t *stop, int64_t *step, int64_t *slicelen) {
    int64_t st = 1, lo, hi;
    if (!IS_NONE(s->step)) {
        if (slice_index(s->step, &st) < 0) return -1;
        if (st == 0) return tl_raise_int(ERR_VALUE, "slice step cannot be zero");
        if (st < -INT64_MAX) st = -INT64_MAX;   // so that -step cannot overflow
    }
    if (IS_NONE(s->start)) lo = st < 0 ? len - 1 : 0;
    else if (slice_index(s->start, &lo) < 0) return -1;
    else lo = clamp_bound(lo, len, st);
    if (IS_NONE(s->stop)) hi = st < 0 ? -1 : len;
    else if (slice_index(s->stop, &hi) < 0) return -1;
    else hi = clamp_bound(hi, len, st);
    int64_t n;
    if (st < 0) n = hi < lo ? (lo - hi - 1) / (-st) + 1 : 0;
    else n = lo < hi ? (hi - lo - 1) / st + 1 : 0;
    *start = lo, *stop = hi, *step = st, *slicelen = n;
    return 0;
}

// ---------------------------------------------------------------- slots

static void slice_dealloc(Obj *o) {
    ObjSlice *s = (ObjSlice *)o;
    val_decref(s->start);
    val_decref(s->stop);
    val_decref(s->step);
    s->start = s->stop = s->step = NONE_VAL;
}

static Value slice_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    (void)type;
    if (kw && kw->n) return tl_raise(ERR_TYPE, "slice() takes no keyword arguments"), VAL_ERROR;
    if (nargs < 1) return tl_raise(ERR_TYPE, "slice expected at least 1 argument, got %d", nargs), VAL_ERROR;
    if (nargs > 3) return tl_raise(ERR_TYPE, "slice expected at most 3 arguments, got %d", nargs), VAL_ERROR;
    if (nargs == 1) return slice_new(NONE_VAL, args[0], NONE_VAL);
    return slice_new(args[0], args[1], nargs == 3 ? args[2] : NONE_VAL);
}

static Value slice_repr(Value self) {
    ObjSlice *s = (ObjSlice *)self.as.o;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "slice(");
    if (val_repr_to(s->start, &sb) < 0) goto fail;
    sb_append(&sb, ", ");
    if (val_repr_to(s->stop, &sb) < 0) goto fail;
    sb_append(&sb, ", ");
    if (val_repr_to(s->step, &sb) < 0) goto fail;
    sb_append_char(&sb, ')');
    return str_from_buf(&sb);
fail:
    sb_free(&sb);
    return VAL_ERROR;
}

static int64_t slice_hash(Value self) {
    return tl_raise_int(ERR_TYPE, "unhashable type: '%s'", val_type_name(self));
}

// Slices compare as the tuples (start, stop, step).
static Value slice_compare(Value a, Value b, CompareOp op) {
    if (!IS_OBJ(a) || a.as.o->type != &type_slice || !IS_OBJ(b) || b.as.o->type != &type_slice || op > CMP_GE)
        return VAL_UNDEFINED;
    ObjSlice *x = (ObjSlice *)a.as.o, *y = (ObjSlice *)b.as.o;
    Value tx = tuple_from_array(&x->start, 3), ty = tuple_from_array(&y->start, 3);
    Value r = val_compare(tx, ty, op);
    val_decref(tx);
    val_decref(ty);
    return r;
}

static Value get_start(Value self) { return val_incref(((ObjSlice *)self.as.o)->start); }
static Value get_stop(Value self) { return val_incref(((ObjSlice *)self.as.o)->stop); }
static Value get_step(Value self) { return val_incref(((ObjSlice *)self.as.o)->step); }

static const NativeGetSetDef slice_getset[] = {
    {"start", get_start, NULL, NULL},
    {"stop", get_stop, NULL, NULL},
    {"step", get_step, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static Value m_indices(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("slice.indices", nargs - 1, kw) < 0) return VAL_ERROR;
    int64_t len, start, stop, step, n;
    if (index_require(args[1], &len) < 0) return VAL_ERROR;
    if (len < 0) return tl_raise(ERR_VALUE, "length should not be negative"), VAL_ERROR;
    if (slice_indices((ObjSlice *)args[0].as.o, len, &start, &stop, &step, &n) < 0) return VAL_ERROR;
    return tuple_pack(3, INT_VAL(start), INT_VAL(stop), INT_VAL(step));
}

static const NativeMethodDef slice_methods[] = {
    {"indices", m_indices, "S.indices(len) -> (start, stop, stride)"},
    {NULL, NULL, NULL},
};

TypeObj type_slice = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "slice",
    .base_type = &type_object,
    .instance_size = sizeof(ObjSlice),
    .is_native = true,
    .doc = "slice(stop)\nslice(start, stop[, step])",
    .dealloc = slice_dealloc,
    .call_type = slice_call_type,
    .repr = slice_repr,
    .hash = slice_hash,
    .compare = slice_compare,
    .methods = slice_methods,
    .getset = slice_getset,
};
