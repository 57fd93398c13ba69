// Argument conversion shared by the torch bindings: Python scalars, tensors,
// sizes, dim lists and nested-list data (torch.tensor), with PyTorch's
// argument-parser wording in the errors ("zeros(): argument 'size' must be
// tuple of ints, but found element of type float at pos 2").
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib_numpy.h"
#include "lib/lib_tensor.h"
#include "tensor/convert.h"
#include "tensor/storage.h"

int lib_bind(const char *fname, int nargs, const Value *args, const KwArgs *kw,
             const char *const *names, int nnames, int npos_max, Value *out) {
    for (int i = 0; i < nnames; i++) out[i] = VAL_UNDEFINED;
    if (nargs > npos_max)
        return tl_raise_int(ERR_TYPE, "%s() takes at most %d positional argument%s (%d given)", fname,
                            npos_max, npos_max == 1 ? "" : "s", nargs);
    for (int i = 0; i < nargs; i++) out[i] = args[i];
    for (int k = 0; kw && k < kw->n; k++) {
        const char *kn = kw->names[k]->data;
        if (strcmp(kn, "axis") == 0) kn = "dim";
        else if (strcmp(kn, "keepdims") == 0) kn = "keepdim";
        int j = 0;
        while (j < nnames && strcmp(names[j], kn) != 0) j++;
        if (j == nnames)
            return tl_raise_int(ERR_TYPE, "%s() got an unexpected keyword argument '%s'", fname,
                                kw->names[k]->data);
        if (!IS_UNDEF(out[j]))
            return tl_raise_int(ERR_TYPE, "%s() got multiple values for argument '%s'", fname, kn);
        out[j] = kw->values[k];
    }
    return 0;
}

int lib_scalar(Value v, TensorScalar *out) {
    switch (v.tag) {
    case VAL_BOOL: *out = tensor_scalar_bool(v.as.b); return 1;
    case VAL_INT: *out = tensor_scalar_int(v.as.i); return 1;
    case VAL_FLOAT: *out = tensor_scalar_float(v.as.f); return 1;
    default: return 0;
    }
}

int lib_scalar_or_item(Value v, TensorScalar *out) {
    if (lib_scalar(v, out)) return 1;
    Tensor *t = lib_tensor_or_null(v);
    if (!t || tensor_numel(t) != 1) return 0;
    *out = tensor_item(t);
    return 1;
}

// PyTorch names Python types in its messages as Python does, except that
// tensors are "Tensor".
static const char *type_word(Value v) {
    if (lib_is_tensor(v)) return "Tensor";
    return val_type_name(v);
}

int lib_arg_tensor(Value v, const char *fname, const char *argname, int pos, Tensor **out) {
    if (lib_is_tensor(v)) {
        *out = lib_tensor(v);
        return 0;
    }
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' (position %d) must be Tensor, not %s", fname,
                        argname, pos, type_word(v));
}

int lib_arg_operand(Value v, const char *fname, const char *argname, int pos, Tensor **t,
                    TensorScalar *s) {
    if (lib_is_tensor(v)) {
        *t = lib_tensor(v);
        return 1;
    }
    if (lib_scalar(v, s)) return 0;
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' (position %d) must be Tensor, not %s", fname,
                        argname, pos, type_word(v));
}

// One element of an int list: ints, bools and one-element integer tensors.
static int int_item(Value v, int64_t *out) {
    if (IS_INT(v)) { *out = v.as.i; return 1; }
    if (IS_BOOL(v)) { *out = v.as.b; return 1; }
    Tensor *t = lib_tensor_or_null(v);
    if (t && tensor_numel(t) == 1 && !dtype_is_floating(t->dtype)) {
        *out = tensor_get_flat_i64(t, 0);
        return 1;
    }
    return 0;
}

int lib_arg_int_list(Value v, const char *fname, const char *what, int *n, int64_t *out, int max) {
    int64_t len;
    Value *items;
    if (!lib_seq(v, &items, &len)) {
        if (int_item(v, &out[0])) {
            *n = 1;
            return 0;
        }
        return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be tuple of ints, not %s", fname,
                            what, type_word(v));
    }
    if (len > max)
        return tl_raise_int(ERR_RUNTIME, "%s(): too many dimensions (%lld, at most %d)", fname,
                            (long long)len, max);
    for (int64_t i = 0; i < len; i++)
        if (!int_item(items[i], &out[i]))
            return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be tuple of ints, but found "
                                "element of type %s at pos %lld", fname, what,
                                type_word(items[i]), (long long)i);
    *n = (int)len;
    return 0;
}

int lib_arg_shape(const char *fname, int nargs, const Value *args, int *ndim, int64_t *shape) {
    if (nargs == 1 && !int_item(args[0], &shape[0])) {
        int64_t len;
        Value *items;
        if (!lib_seq(args[0], &items, &len))
            return tl_raise_int(ERR_TYPE, "%s(): argument 'size' (position 1) must be tuple of "
                                "SymInts, not %s", fname, type_word(args[0]));
        if (len > TENSOR_MAX_DIMS)
            return tl_raise_int(ERR_RUNTIME, "%s(): too many dimensions (%lld, at most %d)", fname,
                                (long long)len, TENSOR_MAX_DIMS);
        for (int64_t i = 0; i < len; i++)
            if (!int_item(items[i], &shape[i]))
                return tl_raise_int(ERR_TYPE, "%s(): argument 'size' must be tuple of SymInts, but "
                                    "found element of type %s at pos %lld", fname,
                                    type_word(items[i]), (long long)i);
        *ndim = (int)len;
        return 0;
    }
    if (nargs > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_RUNTIME, "%s(): too many dimensions (%d, at most %d)", fname, nargs,
                            TENSOR_MAX_DIMS);
    for (int i = 0; i < nargs; i++)
        if (!int_item(args[i], &shape[i]))
            return tl_raise_int(ERR_TYPE, "%s(): argument 'size' must be tuple of SymInts, but found "
                                "element of type %s at pos %d", fname, type_word(args[i]), i + 1);
    *ndim = nargs;
    return 0;
}

int lib_arg_int(Value v, const char *fname, const char *what, int64_t *out) {
    if (int_item(v, out)) return 0;
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be int, not %s", fname, what,
                        type_word(v));
}

int lib_arg_double(Value v, const char *fname, const char *what, double *out) {
    TensorScalar s;
    if (lib_scalar_or_item(v, &s)) {
        *out = tensor_scalar_as_double(s);
        return 0;
    }
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be float, not %s", fname, what,
                        type_word(v));
}

int lib_arg_bool(Value v, const char *fname, const char *what, bool *out) {
    if (IS_BOOL(v)) { *out = v.as.b; return 0; }
    if (IS_INT(v)) { *out = v.as.i != 0; return 0; }
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be bool, not %s", fname, what,
                        type_word(v));
}

int lib_arg_dims(Value v, const char *fname, int *ndims, int64_t *dims, bool *has) {
    *has = false;
    *ndims = 0;
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    if (int_item(v, &dims[0])) {
        *ndims = 1;
        *has = true;
        return 0;
    }
    if (!lib_is_seq(v))
        return tl_raise_int(ERR_TYPE, "%s(): argument 'dim' must be tuple of ints, not %s", fname,
                            type_word(v));
    if (lib_arg_int_list(v, fname, "dim", ndims, dims, TENSOR_MAX_DIMS) < 0) return -1;
    *has = true;
    return 0;
}

// ---------------------------------------------------------------- torch.tensor(data)

typedef struct {
    const char *fname;
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    int kind;            // -1 none yet, 0 bool, 1 int, 2 float
    int tdtype;          // promoted dtype of tensor elements, -1 none
} DataScan;

static int scalar_kind(Value v) {
    switch (v.tag) {
    case VAL_BOOL: return 0;
    case VAL_INT: return 1;
    case VAL_FLOAT: return 2;
    default: return -1;
    }
}

// Sizes follow the first element at each depth (PyTorch's compute_sizes).
static int scan_shape(DataScan *s, Value v) {
    for (;;) {
        int64_t len;
        Value *items;
        if (!lib_seq(v, &items, &len)) return 0;
        if (s->ndim >= TENSOR_MAX_DIMS)
            return tl_raise_int(ERR_VALUE, "too many dimensions '%s'", "list");
        s->shape[s->ndim++] = len;
        if (len == 0) return 0;
        v = items[0];
    }
}

static int bad_element(DataScan *s, Value v, int dim) {
    // PyTorch treats a str as one more nesting level (it is a sequence).
    if (val_is_str(v) && dim > 0) return tl_raise_int(ERR_VALUE, "too many dimensions 'str'");
    if (lib_is_tensor(v))
        return tl_raise_int(ERR_VALUE, "only one element tensors can be converted to Python scalars");
    return tl_raise_int(ERR_TYPE, "%s(): invalid data type '%s'", s->fname, val_type_name(v));
}

// Checks the nesting against s->shape and infers the dtype kind.
static int scan_values(DataScan *s, Value v, int dim) {
    if (dim == s->ndim) {
        int k = scalar_kind(v);
        if (k >= 0) {
            if (k > s->kind) s->kind = k;
            return 0;
        }
        Tensor *t = lib_tensor_or_null(v);
        if (!t || tensor_numel(t) != 1 || (t->ndim > 0 && dim > 0)) return bad_element(s, v, dim);
        s->tdtype = s->tdtype < 0 ? (int)t->dtype : (int)dtype_promote((DType)s->tdtype, t->dtype);
        return 0;
    }
    int64_t len;
    Value *items;
    if (!lib_seq(v, &items, &len)) {
        if (scalar_kind(v) >= 0 || lib_is_tensor(v))
            return tl_raise_int(ERR_VALUE, "expected sequence of length %lld at dim %d (got %s)",
                                (long long)s->shape[dim], dim, "0");
        return bad_element(s, v, dim);
    }
    if (len != s->shape[dim])
        return tl_raise_int(ERR_VALUE, "expected sequence of length %lld at dim %d (got %lld)",
                            (long long)s->shape[dim], dim, (long long)len);
    for (int64_t i = 0; i < len; i++)
        if (scan_values(s, items[i], dim + 1) < 0) return -1;
    return 0;
}

static void store_value(Value v, char *p, DType dt) {
    if (IS_INT(v) && dt == DT_I64) {
        memcpy(p, &v.as.i, sizeof(int64_t));
        return;
    }
    Tensor *t = lib_tensor_or_null(v);
    if (t) {
        if (dtype_is_floating(t->dtype)) tensor_write(p, dt, tensor_get_flat(t, 0));
        else if (dt == DT_I64) {
            int64_t i = tensor_get_flat_i64(t, 0);
            memcpy(p, &i, sizeof i);
        } else tensor_write(p, dt, (double)tensor_get_flat_i64(t, 0));
        return;
    }
    double d = IS_FLOAT(v) ? v.as.f : IS_INT(v) ? (double)v.as.i : (double)v.as.b;
    tensor_write(p, dt, d);
}

static void fill_values(Value v, int dim, int ndim, char **p, DType dt, size_t es) {
    if (dim == ndim) {
        store_value(v, *p, dt);
        *p += es;
        return;
    }
    int64_t len;
    Value *items = seq_items(v, &len);
    if (!items) return;
    for (int64_t i = 0; i < len; i++) fill_values(items[i], dim + 1, ndim, p, dt, es);
}

Tensor *lib_tensor_from_data(Value data, int dtype, const char *fname) {
    DataScan s = {.fname = fname, .kind = -1, .tdtype = -1};
    Tensor *whole = lib_tensor_or_null(data);
    if (!whole) whole = lib_ndarray_tensor_or_null(data);
    if (whole) {   // torch.tensor(t) or of an ndarray: a copy (PyTorch also warns for t)
        Tensor *c = tensor_to_dtype(whole, dtype < 0 ? whole->dtype : (DType)dtype, true);
        if (c) c->requires_grad = false;
        return c;
    }
    if (scan_shape(&s, data) < 0 || scan_values(&s, data, 0) < 0) return NULL;
    DType dt;
    if (dtype >= 0) dt = (DType)dtype;
    else {
        dt = s.kind < 0 ? dtype_default_float() : dtype_of_scalar_kind(s.kind);
        if (s.kind < 0 && s.tdtype >= 0) dt = (DType)s.tdtype;
        else if (s.tdtype >= 0)   // PyTorch's infer_scalar_type: plain promoteTypes
            dt = dtype_promote((DType)s.tdtype, dtype_of_scalar_kind(s.kind));
    }
    Tensor *t = tensor_empty(s.ndim, s.shape, dt);
    if (!t) return NULL;
    char *p = tensor_data(t);
    fill_values(data, 0, s.ndim, &p, dt, dtype_size(dt));
    return t;
}

int lib_arg_tensor_list(Value v, const char *fname, const char *argname, Tensor ***out, int *n) {
    int64_t len;
    Value *items;
    if (!lib_seq(v, &items, &len))
        return tl_raise_int(ERR_TYPE, "%s(): argument '%s' (position 1) must be tuple of Tensors, "
                            "not %s", fname, argname, type_word(v));
    Tensor **ts = malloc(sizeof(Tensor *) * (size_t)(len ? len : 1));
    if (!ts) return tl_raise_int(ERR_MEMORY, "%s", "");
    for (int64_t i = 0; i < len; i++) {
        if (!lib_is_tensor(items[i])) {
            free(ts);
            return tl_raise_int(ERR_TYPE, "expected Tensor as element %lld in argument 0, but got %s",
                                (long long)i, type_word(items[i]));
        }
        ts[i] = lib_tensor(items[i]);
    }
    *out = ts;
    *n = (int)len;
    return 0;
}

// Makes [out] hold [res]'s values: copies when the shapes agree, else
// takes over res's storage and geometry (PyTorch resizes out= tensors).
static int resize_into(Tensor *out, Tensor *res, bool warn) {
    if (out->ndim == res->ndim && memcmp(out->shape, res->shape, sizeof(int64_t) * (size_t)res->ndim) == 0)
        return tensor_copy_(out, res);
    if (warn && tensor_numel(out) != 0) {
        char a[TENSOR_MAX_DIMS * 24 + 4], b[TENSOR_MAX_DIMS * 24 + 4];
        fprintf(stderr, "UserWarning: An output with one or more elements was resized since it had "
                "shape %s, which does not match the required output shape %s. This behavior is "
                "deprecated, and in a future PyTorch release outputs will not be resized unless "
                "they have zero elements. You can explicitly reuse an out tensor t by resizing it, "
                "inplace, to zero elements with t.resize_(0).\n",
                tensor_shape_fmt(a, sizeof a, out->ndim, out->shape),
                tensor_shape_fmt(b, sizeof b, res->ndim, res->shape));
    }
    Tensor *conv = res->dtype == out->dtype ? tensor_retain(res) : tensor_to_dtype(res, out->dtype, true);
    if (!conv) return -1;
    Storage *old = out->storage;
    out->storage = storage_retain(conv->storage);
    out->ndim = conv->ndim;
    memcpy(out->shape, conv->shape, sizeof(int64_t) * (size_t)conv->ndim);
    memcpy(out->strides, conv->strides, sizeof(int64_t) * (size_t)conv->ndim);
    out->offset = conv->offset;
    storage_release(old);
    tensor_release(conv);
    return 0;
}

static Value return_out(Value out, Tensor *res, bool warn) {
    if (!res) return VAL_ERROR;
    if (IS_UNDEF(out) || IS_NONE(out)) return lib_tensor_wrap(res);
    if (!lib_is_tensor(out)) {
        tensor_release(res);
        return exc_raise(exc_TypeError, "argument 'out' must be Tensor, not %s", type_word(out));
    }
    int rc = resize_into(lib_tensor(out), res, warn);
    tensor_release(res);
    return rc < 0 ? VAL_ERROR : val_incref(out);
}

Value lib_return_out(Value out, Tensor *res) { return return_out(out, res, true); }

// Factories resize out= silently (PyTorch's resize_, not resize_output).
Value lib_return_out_quiet(Value out, Tensor *res) { return return_out(out, res, false); }

Value lib_tuple_of_tensors(Tensor **ts, int n) {
    ObjTuple *tu = tuple_new(n);
    if (!tu) {
        for (int i = 0; i < n; i++) tensor_release(ts[i]);
        return VAL_ERROR;
    }
    for (int i = 0; i < n; i++) tu->items[i] = lib_tensor_wrap(ts[i]);
    return OBJ_VAL(tu);
}
