// Array creation: np.array / asarray from nested data (with numpy's dtype
// inference: Python floats are float64, ints int64), zeros/ones/empty/full
// and their *_like forms, arange and linspace (numpy's own fill formulas,
// so the last digits match), eye/identity.
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/shape.h"
#include "vm/containers.h"

// ---------------------------------------------------------------- np.array(data)

typedef struct {
    int ndim;                  // -1 until the first leaf fixes it
    int seq_depth;             // nesting seen, for data without leaves ([[], []])
    int64_t shape[TENSOR_MAX_DIMS];
    bool known[TENSOR_MAX_DIMS];
    bool have_dtype;
    DType dtype;
} DataScan;

static int inhomogeneous(const DataScan *s, int depth) {
    char buf[TENSOR_MAX_DIMS * 24 + 4];
    size_t n = 0;
    buf[n++] = '(';
    for (int i = 0; i < depth; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, i ? ", %lld" : "%lld", (long long)s->shape[i]);
    snprintf(buf + n, sizeof buf - n, depth == 1 ? ",)" : ")");
    return tl_raise_int(ERR_VALUE, "setting an array element with a sequence. The requested array "
                        "has an inhomogeneous shape after %d dimensions. The detected shape was "
                        "%s + inhomogeneous part.", depth, buf);
}

static int see_dtype(DataScan *s, DType dt) {
    if (!s->have_dtype) {
        s->have_dtype = true;
        s->dtype = dt;
        return 0;
    }
    return np_promote_types(s->dtype, dt, &s->dtype);
}

// The tensor behind an array-like leaf (ndarray, numpy scalar, torch tensor).
static const Tensor *leaf_tensor(Value v) {
    const Tensor *t = np_arraylike_tensor(v);
    if (t) return t;
    t = lib_tensor_or_null(v);
    if (t && t->requires_grad) {
        tl_raise(ERR_RUNTIME, "Can't call numpy() on Tensor that requires grad. Use "
                 "tensor.detach().numpy() instead.");
        return NULL;
    }
    return t;
}

static int see_leaf(DataScan *s, int depth, int ndim, const int64_t *shape) {
    if (depth + ndim > TENSOR_MAX_DIMS) return tl_raise_int(ERR_VALUE, "maximum supported dimension for an ndarray is %d", TENSOR_MAX_DIMS);
    if (s->ndim < 0) s->ndim = depth + ndim;
    if (s->ndim != depth + ndim) return inhomogeneous(s, depth < s->ndim ? depth : s->ndim);
    for (int i = 0; i < ndim; i++) {
        int d = depth + i;
        if (s->known[d] && s->shape[d] != shape[i]) return inhomogeneous(s, d);
        s->known[d] = true;
        s->shape[d] = shape[i];
    }
    return 0;
}

static int scan(DataScan *s, Value v, int depth) {
    switch (v.tag) {
    case VAL_BOOL: return see_leaf(s, depth, 0, NULL) < 0 ? -1 : see_dtype(s, DT_BOOL);
    case VAL_INT: return see_leaf(s, depth, 0, NULL) < 0 ? -1 : see_dtype(s, DT_I64);
    case VAL_FLOAT: return see_leaf(s, depth, 0, NULL) < 0 ? -1 : see_dtype(s, DT_F64);
    default: break;
    }
    int64_t len;
    Value *items = seq_items(v, &len);
    if (items || val_is_list(v) || val_is_tuple(v)) {
        if (depth >= TENSOR_MAX_DIMS || (s->ndim >= 0 && depth >= s->ndim)) return inhomogeneous(s, depth);
        if (s->known[depth] && s->shape[depth] != len) return inhomogeneous(s, depth);
        s->known[depth] = true;
        s->shape[depth] = len;
        if (depth + 1 > s->seq_depth) s->seq_depth = depth + 1;
        for (int64_t i = 0; i < len; i++)
            if (scan(s, items[i], depth + 1) < 0) return -1;
        return 0;
    }
    if (IS_OBJ(v)) {
        const Tensor *t = leaf_tensor(v);
        if (t) return see_leaf(s, depth, t->ndim, t->shape) < 0 ? -1 : see_dtype(s, t->dtype);
        if (tl_error_pending()) return -1;
    }
    return np_unsupported_int("array of non-numeric objects");
}

// Writes the leaves of [v] into [out] from element [*pos] on (row-major).
static int fill(Tensor *out, Value v, int64_t *pos) {
    char *base = tensor_data(out);
    size_t es = dtype_size(out->dtype);
    switch (v.tag) {
    case VAL_BOOL: tensor_write(base + es * (size_t)*pos, out->dtype, v.as.b); (*pos)++; return 0;
    case VAL_FLOAT: tensor_write(base + es * (size_t)*pos, out->dtype, v.as.f); (*pos)++; return 0;
    case VAL_INT:
        if (out->dtype == DT_I64) memcpy(base + es * (size_t)*pos, &v.as.i, sizeof(int64_t));
        else tensor_write(base + es * (size_t)*pos, out->dtype, (double)v.as.i);
        (*pos)++;
        return 0;
    default: break;
    }
    int64_t len;
    Value *items = seq_items(v, &len);
    if (items || val_is_list(v) || val_is_tuple(v)) {
        for (int64_t i = 0; i < len; i++)
            if (fill(out, items[i], pos) < 0) return -1;
        return 0;
    }
    const Tensor *t = leaf_tensor(v);
    int64_t n = tensor_numel(t);
    if (n == 0) return 0;
    int64_t strides[TENSOR_MAX_DIMS];
    tensor_contiguous_strides(t->ndim, t->shape, strides);
    Tensor *dst = tensor_new_view(out, t->ndim, t->shape, strides, out->offset + *pos);
    int rc = tensor_copy_(dst, t);
    tensor_release(dst);
    *pos += n;
    return rc;
}

Tensor *np_tensor_from_data(Value data, int dtype) {
    DataScan s = {.ndim = -1};
    Value list = VAL_UNDEFINED;
    if (IS_OBJ(data) && data.as.o->type == &type_range) {   // a range is a sequence to numpy
        ObjList *l = list_from_iterable(data);
        if (!l) return NULL;
        data = list = OBJ_VAL(l);
    }
    Tensor *t = NULL;
    if (scan(&s, data, 0) < 0) goto done;
    if (s.ndim < 0) s.ndim = s.seq_depth;
    for (int i = 0; i < s.ndim; i++)
        if (!s.known[i]) s.shape[i] = 0;
    DType dt = dtype >= 0 ? (DType)dtype : s.have_dtype ? s.dtype : DT_F64;
    int64_t pos = 0;
    if ((t = tensor_empty(s.ndim, s.shape, dt)) && fill(t, data, &pos) < 0) {
        tensor_release(t);
        t = NULL;
    }
done:
    val_decref(list);
    return t;
}

Tensor *np_as_tensor(Value v, int dtype) {
    if (lib_is_ndarray(v)) {
        Tensor *t = np_tensor(v);
        return dtype < 0 ? tensor_retain(t) : tensor_to_dtype(t, (DType)dtype, false);
    }
    return np_tensor_from_data(v, dtype);
}

int np_arg_ints(Value v, int *ndim, int64_t *shape) {
    int64_t len = 1;
    Value *items = seq_items(v, &len);
    if (!items && !val_is_list(v) && !val_is_tuple(v)) items = &v;
    else if (len > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_VALUE, "maximum supported dimension for an ndarray is %d, found %lld",
                            TENSOR_MAX_DIMS, (long long)len);
    for (int64_t i = 0; i < len; i++)
        if (index_require(items[i], &shape[i]) < 0) return -1;
    *ndim = (int)len;
    return 0;
}

char *np_shape_fmt(char *buf, size_t cap, int ndim, const int64_t *shape) {
    size_t n = (size_t)snprintf(buf, cap, "(");
    for (int i = 0; i < ndim && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, i ? ",%lld" : "%lld", (long long)shape[i]);
    if (n < cap) snprintf(buf + n, cap - n, ndim == 1 ? ",)" : ")");
    return buf;
}

int np_arg_shape(Value v, int *ndim, int64_t *shape) {
    if (np_arg_ints(v, ndim, shape) < 0) return -1;
    for (int i = 0; i < *ndim; i++)
        if (shape[i] < 0) return tl_raise_int(ERR_VALUE, "negative dimensions are not allowed");
    return 0;
}

// ---------------------------------------------------------------- factories

static int dtype_or(Value v, DType dflt, DType *out) {
    *out = dflt;
    if (np_arg_dtype(v, out) < 0) return -1;
    return np_check_dtype(*out);
}

// np.array(object, dtype=None, copy=True, ndmin=0)
static Value f_array(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"object", "dtype", "copy", "order", "subok", "ndmin", "like"};
    Value a[7];
    if (NP_BIND("array", nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "array() missing required argument 'object' (pos 0)");
    DType dt;
    int given = np_arg_dtype(a[1], &dt);
    if (given < 0 || (given && np_check_dtype(dt) < 0)) return VAL_ERROR;
    int64_t ndmin = 0;
    if (!IS_UNDEF(a[5]) && index_require(a[5], &ndmin) < 0) return VAL_ERROR;
    bool copy = IS_UNDEF(a[2]) || val_truthy(a[2]) > 0;
    Tensor *t;
    if (lib_is_ndarray(a[0]))
        t = copy ? tensor_to_dtype(np_tensor(a[0]), given ? dt : np_tensor(a[0])->dtype, true)
                 : np_as_tensor(a[0], given ? (int)dt : -1);
    else
        t = np_tensor_from_data(a[0], given ? (int)dt : -1);
    while (t && t->ndim < ndmin) {
        Tensor *u = tensor_unsqueeze(t, 0);
        tensor_release(t);
        t = u;
    }
    return np_wrap(t);
}

static Value f_asarray(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "dtype", "order"};
    Value a[3];
    if (NP_BIND("asarray", nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "asarray() missing required argument 'a' (pos 0)");
    DType dt;
    int given = np_arg_dtype(a[1], &dt);
    if (given < 0 || (given && np_check_dtype(dt) < 0)) return VAL_ERROR;
    if (lib_is_ndarray(a[0]) && (!given || dt == np_tensor(a[0])->dtype)) return val_incref(a[0]);
    return np_wrap(np_as_tensor(a[0], given ? (int)dt : -1));
}

// zeros/ones/empty(shape, dtype=float): empty gives zeros (deterministic).
static Value filled(const char *fname, int nargs, Value *args, const KwArgs *kw, double v) {
    static const char *const names[] = {"shape", "dtype", "order", "like"};
    Value a[4];
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    DType dt;
    if (NP_BIND(fname, nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]))
        return exc_raise(exc_TypeError, "%s() missing required argument 'shape' (pos 0)", fname);
    if (np_arg_shape(a[0], &ndim, shape) < 0 || dtype_or(a[1], DT_F64, &dt) < 0) return VAL_ERROR;
    return np_wrap(tensor_full(ndim, shape, tensor_scalar_float(v), dt));
}

static Value f_zeros(int nargs, Value *args, const KwArgs *kw) { return filled("zeros", nargs, args, kw, 0); }
static Value f_ones(int nargs, Value *args, const KwArgs *kw) { return filled("ones", nargs, args, kw, 1); }
static Value f_empty(int nargs, Value *args, const KwArgs *kw) { return filled("empty", nargs, args, kw, 0); }

// The dtype numpy gives np.array(v) for a Python or numpy scalar.
static int scalar_dtype(Value v, TensorScalar *s, DType *dt) {
    NpOperand op;
    if (np_operand(v, &op) <= 0 || !op.is_scalar) {
        if (!tl_error_pending()) np_unsupported("full with a non-scalar fill value");
        np_operand_free(&op);
        return -1;
    }
    *s = op.value;
    *dt = op.dtype;
    return 0;
}

static Value f_full(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"shape", "fill_value", "dtype", "order", "like"};
    Value a[5];
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    TensorScalar s;
    DType inferred, dt;
    if (NP_BIND("full", nargs, args, kw, names, 4, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1]))
        return exc_raise(exc_TypeError, "full() missing required argument '%s'", IS_UNDEF(a[0]) ? "shape" : "fill_value");
    if (np_arg_shape(a[0], &ndim, shape) < 0 || scalar_dtype(a[1], &s, &inferred) < 0 ||
        dtype_or(a[2], inferred, &dt) < 0)
        return VAL_ERROR;
    return np_wrap(tensor_full(ndim, shape, s, dt));
}

// zeros_like/ones_like/empty_like/full_like(a, [fill_value,] dtype=None)
static Value like(const char *fname, int nargs, Value *args, const KwArgs *kw, bool has_fill, double v) {
    static const char *const names[] = {"a", "dtype", "order", "subok", "shape"};
    static const char *const names_full[] = {"a", "fill_value", "dtype", "order", "subok", "shape"};
    Value a[6];
    if (has_fill ? NP_BIND(fname, nargs, args, kw, names_full, 3, a) < 0
                 : NP_BIND(fname, nargs, args, kw, names, 2, a) < 0)
        return VAL_ERROR;
    Value *rest = has_fill ? a + 2 : a + 1;
    if (IS_UNDEF(a[0]) || (has_fill && IS_UNDEF(a[1])))
        return exc_raise(exc_TypeError, "%s() missing required argument", fname);
    Tensor *src = np_as_tensor(a[0], -1);
    if (!src) return VAL_ERROR;
    TensorScalar s = tensor_scalar_float(v);
    DType dt;
    if (has_fill) {
        DType ignored;
        if (scalar_dtype(a[1], &s, &ignored) < 0) goto fail;
    }
    if (dtype_or(rest[0], src->dtype, &dt) < 0) goto fail;
    Tensor *t = tensor_full(src->ndim, src->shape, s, dt);
    tensor_release(src);
    return np_wrap(t);
fail:
    tensor_release(src);
    return VAL_ERROR;
}

static Value f_zeros_like(int nargs, Value *args, const KwArgs *kw) { return like("zeros_like", nargs, args, kw, false, 0); }
static Value f_ones_like(int nargs, Value *args, const KwArgs *kw) { return like("ones_like", nargs, args, kw, false, 1); }
static Value f_empty_like(int nargs, Value *args, const KwArgs *kw) { return like("empty_like", nargs, args, kw, false, 0); }
static Value f_full_like(int nargs, Value *args, const KwArgs *kw) { return like("full_like", nargs, args, kw, true, 0); }

// ---------------------------------------------------------------- arange, linspace

// numpy's arange fill: out[0] = start, out[1] = start + step, then
// out[i] = start + i * (out[1] - out[0]), computed in the output's type
// (float for float32/float16, double for float64, int64 for integers).
static Tensor *arange_fill(double start, double step, int64_t istart, int64_t istep, bool ints,
                           int64_t n, DType dt) {
    Tensor *t = tensor_empty(1, &n, dt);
    if (!t || n == 0) return t;
    char *p = tensor_data(t);
    size_t es = dtype_size(dt);
    if (!dtype_is_floating(dt)) {
        for (int64_t i = 0; i < n; i++) {
            int64_t v = ints ? istart + i * istep : (int64_t)(start + (double)i * step);
            if (dt == DT_I64) memcpy(p + es * (size_t)i, &v, sizeof v);
            else tensor_write(p + es * (size_t)i, dt, (double)v);
        }
        return t;
    }
    tensor_write(p, dt, start);
    if (n > 1) tensor_write(p + es, dt, start + step);
    double s0 = tensor_read(p, dt), s1 = n > 1 ? tensor_read(p + es, dt) : s0;
    if (dt == DT_F64) {
        double delta = s1 - s0;
        for (int64_t i = 2; i < n; i++) ((double *)p)[i] = s0 + (double)i * delta;
    } else {
        float fs = (float)s0, delta = (float)s1 - fs;
        for (int64_t i = 2; i < n; i++) tensor_write(p + es * (size_t)i, dt, fs + (float)i * delta);
    }
    return t;
}

static int arange_number(Value v, const char *what, double *d, int64_t *i, bool *is_int) {
    NpOperand op;
    int r = np_operand(v, &op);
    if (r <= 0 || !op.is_scalar) {
        np_operand_free(&op);
        if (r < 0) return -1;
        return tl_raise_int(ERR_TYPE, "unsupported operand type for arange(): '%s' (%s)", val_type_name(v), what);
    }
    *is_int = !dtype_is_floating(op.dtype);
    *i = op.value.i;
    *d = tensor_scalar_as_double(op.value);
    return 0;
}

// np.arange([start,] stop[, step,], dtype=None)
static Value f_arange(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"start", "stop", "step", "dtype", "like"};
    Value a[5];
    if (NP_BIND("arange", nargs, args, kw, names, 4, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "arange() requires stop to be specified.");
    Value start = a[0], stop = a[1], step = a[2];
    if (IS_UNDEF(stop) || IS_NONE(stop)) {
        stop = start;
        start = INT_VAL(0);
    }
    double d[3] = {0, 0, 1};
    int64_t iv[3] = {0, 0, 1};
    bool is_int[3] = {true, true, true};
    Value vals[3] = {start, stop, step};
    for (int k = 0; k < 3; k++)
        if (!IS_UNDEF(vals[k]) && !IS_NONE(vals[k]) &&
            arange_number(vals[k], names[k], &d[k], &iv[k], &is_int[k]) < 0)
            return VAL_ERROR;
    bool ints = is_int[0] && is_int[1] && is_int[2];
    DType dt;
    if (dtype_or(a[3], ints ? DT_I64 : DT_F64, &dt) < 0) return VAL_ERROR;
    if (d[2] == 0) return tl_raise(ERR_ZERO_DIVISION, "division by zero"), VAL_ERROR;
    double len = ceil((d[1] - d[0]) / d[2]);
    if (ints) {
        int64_t span = iv[1] - iv[0];
        len = (double)(span / iv[2] + ((span % iv[2] != 0) && ((span < 0) == (iv[2] < 0))));
    }
    if (!(len > 0)) len = 0;
    if (len > 9.2e18) return exc_raise(exc_ValueError, "Maximum allowed size exceeded");
    return np_wrap(arange_fill(d[0], d[2], iv[0], iv[2], ints, (int64_t)len, dt));
}

// np.linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)
static Value f_linspace(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"start", "stop", "num", "endpoint", "retstep", "dtype", "axis"};
    Value a[7];
    double start, stop;
    int64_t num = 50;
    DType dt;
    if (NP_BIND("linspace", nargs, args, kw, names, 7, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1]))
        return exc_raise(exc_TypeError, "linspace() missing required argument '%s'", IS_UNDEF(a[0]) ? "start" : "stop");
    if (!val_to_double(a[0], &start) || !val_to_double(a[1], &stop))
        return np_unsupported("linspace with array endpoints");
    if (!IS_UNDEF(a[2]) && index_require(a[2], &num) < 0) return VAL_ERROR;
    if (num < 0) return exc_raise(exc_ValueError, "Number of samples, %lld, must be non-negative.", (long long)num);
    bool endpoint = IS_UNDEF(a[3]) || val_truthy(a[3]) > 0;
    bool retstep = !IS_UNDEF(a[4]) && val_truthy(a[4]) > 0;
    if (dtype_or(a[5], DT_F64, &dt) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[6]) && !(IS_INT(a[6]) && a[6].as.i == 0)) return np_unsupported("linspace(axis=...)");
    int64_t div = endpoint ? num - 1 : num;
    double delta = stop - start, step = div > 0 ? delta / (double)div : NAN;
    Tensor *t = tensor_empty(1, &num, DT_F64);
    if (!t) return VAL_ERROR;
    double *y = tensor_data(t);
    for (int64_t i = 0; i < num; i++) {
        double v = (double)i;
        if (div > 0) v = step == 0 ? v / (double)div * delta : v * step;
        else v = v * delta;
        y[i] = v + start;
    }
    if (endpoint && num > 1) y[num - 1] = stop;
    if (!dtype_is_floating(dt))
        for (int64_t i = 0; i < num; i++) y[i] = floor(y[i]);
    Tensor *r = tensor_to_dtype(t, dt, false);
    tensor_release(t);
    Value arr = np_wrap(r);
    if (!retstep || IS_ERR(arr)) return arr;
    return tuple_pack(2, arr, FLOAT_VAL(step));
}

// np.eye(N, M=None, k=0, dtype=float) / np.identity(n, dtype=float)
static Value f_eye(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"N", "M", "k", "dtype", "order", "like"};
    Value a[6];
    int64_t n, m, k = 0;
    DType dt;
    if (NP_BIND("eye", nargs, args, kw, names, 5, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "eye() missing required argument 'N' (pos 0)");
    if (index_require(a[0], &n) < 0) return VAL_ERROR;
    m = n;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1]) && index_require(a[1], &m) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[2]) && index_require(a[2], &k) < 0) return VAL_ERROR;
    if (dtype_or(a[3], DT_F64, &dt) < 0) return VAL_ERROR;
    if (n < 0 || m < 0) return exc_raise(exc_ValueError, "negative dimensions are not allowed");
    Tensor *t = tensor_zeros(2, (int64_t[]){n, m}, dt);
    if (!t) return VAL_ERROR;
    for (int64_t i = 0; i < n; i++)
        if (i + k >= 0 && i + k < m) tensor_set_flat(t, i * m + i + k, 1);
    return np_wrap(t);
}

static Value f_identity(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"n", "dtype", "like"};
    Value a[3];
    if (NP_BIND("identity", nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "identity() missing required argument 'n' (pos 0)");
    Value eargs[4] = {a[0], NONE_VAL, INT_VAL(0), IS_UNDEF(a[1]) ? NONE_VAL : a[1]};
    return f_eye(4, eargs, NULL);
}

const NativeMethodDef np_fns_create[] = {
    {"array", f_array, NULL},
    {"asarray", f_asarray, NULL},
    {"zeros", f_zeros, NULL},
    {"ones", f_ones, NULL},
    {"empty", f_empty, NULL},
    {"full", f_full, NULL},
    {"zeros_like", f_zeros_like, NULL},
    {"ones_like", f_ones_like, NULL},
    {"empty_like", f_empty_like, NULL},
    {"full_like", f_full_like, NULL},
    {"arange", f_arange, NULL},
    {"linspace", f_linspace, NULL},
    {"eye", f_eye, NULL},
    {"identity", f_identity, NULL},
    {NULL, NULL, NULL},
};
