// ndarray attributes (shape, ndim, size, dtype, T, itemsize, nbytes,
// strides) and methods (astype, reshape, copy, tolist, item, fill,
// flatten, ravel, transpose, squeeze, the reductions, dot, and the number
// conversions). Views share the array's storage, as numpy's do.
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/shape.h"
#include "vm/containers.h"
#include "vm/str_format.h"

static Tensor *self_tensor(Value self) { return np_tensor(self); }

static Value shape_tuple(const Tensor *t) {
    ObjTuple *tu = tuple_new(t->ndim);
    if (!tu) return VAL_ERROR;
    for (int i = 0; i < t->ndim; i++) tu->items[i] = INT_VAL(t->shape[i]);
    return OBJ_VAL(tu);
}

// ---------------------------------------------------------------- attributes

static Value g_shape(Value self) { return shape_tuple(self_tensor(self)); }

// a.shape = (2, 3): in place, only when no copy is needed.
static int s_shape(Value self, Value v) {
    if (IS_UNDEF(v)) return tl_raise_int(ERR_ATTRIBUTE, "Cannot delete array shape");
    Tensor *t = self_tensor(self);
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    if (np_arg_shape(v, &ndim, shape) < 0) return -1;
    if (!tensor_can_view(t, ndim, shape))
        return tl_raise_int(ERR_ATTRIBUTE, "Incompatible shape for in-place modification. Use "
                            "`.reshape()` to make a copy with the desired shape.");
    Tensor *r = tensor_view(t, ndim, shape);
    if (!r) return -1;
    ((ObjNdarray *)self.as.o)->t = r;
    tensor_release(t);
    return 0;
}

static Value g_ndim(Value self) { return INT_VAL(self_tensor(self)->ndim); }
static Value g_size(Value self) { return INT_VAL(tensor_numel(self_tensor(self))); }
static Value g_dtype(Value self) { return np_dtype_value(self_tensor(self)->dtype); }
static Value g_itemsize(Value self) { return INT_VAL((int64_t)dtype_size(self_tensor(self)->dtype)); }
static Value g_nbytes(Value self) {
    const Tensor *t = self_tensor(self);
    return INT_VAL(tensor_numel(t) * (int64_t)dtype_size(t->dtype));
}

static Value g_strides(Value self) {
    const Tensor *t = self_tensor(self);
    ObjTuple *tu = tuple_new(t->ndim);
    if (!tu) return VAL_ERROR;
    for (int i = 0; i < t->ndim; i++) tu->items[i] = INT_VAL(t->strides[i] * (int64_t)dtype_size(t->dtype));
    return OBJ_VAL(tu);
}

static Tensor *reversed_axes(const Tensor *t) {
    int64_t perm[TENSOR_MAX_DIMS];
    for (int i = 0; i < t->ndim; i++) perm[i] = t->ndim - 1 - i;
    return tensor_permute(t, t->ndim, perm);
}

static Value g_T(Value self) { return np_wrap(reversed_axes(self_tensor(self))); }

const NativeGetSetDef np_ndarray_getset[] = {
    {"shape", g_shape, s_shape, NULL},
    {"ndim", g_ndim, NULL, NULL},
    {"size", g_size, NULL, NULL},
    {"dtype", g_dtype, NULL, NULL},
    {"itemsize", g_itemsize, NULL, NULL},
    {"nbytes", g_nbytes, NULL, NULL},
    {"strides", g_strides, NULL, NULL},
    {"T", g_T, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

// ---------------------------------------------------------------- methods

static int no_args(const char *fname, int nargs, const KwArgs *kw) {
    if (nargs == 1 && (!kw || kw->n == 0)) return 0;
    return tl_raise_int(ERR_TYPE, "%s() takes no arguments (%d given)", fname, nargs - 1 + (kw ? kw->n : 0));
}

static Value m_astype(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"dtype", "order", "casting", "subok", "copy"};
    Value a[5];
    DType dt;
    if (NP_BIND("astype", nargs - 1, args + 1, kw, names, 5, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "astype() missing required argument 'dtype' (pos 1)");
    int r = np_arg_dtype(a[0], &dt);
    if (r < 0 || np_check_dtype(r ? dt : DT_F64) < 0) return VAL_ERROR;
    if (!r) dt = DT_F64;   // astype(None) is float64
    bool copy = IS_UNDEF(a[4]) || val_truthy(a[4]) > 0;
    Tensor *t = self_tensor(args[0]);
    if (!copy && t->dtype == dt) return val_incref(args[0]);
    return np_wrap(tensor_to_dtype(t, dt, true));
}

// reshape(2, 3) or reshape((2, 3)); one -1 is inferred.
static int shape_args(const char *fname, int nargs, Value *args, int *ndim, int64_t *shape) {
    if (nargs == 1) return np_arg_ints(args[0], ndim, shape);
    if (nargs > TENSOR_MAX_DIMS) return tl_raise_int(ERR_VALUE, "%s(): too many dimensions", fname);
    for (int i = 0; i < nargs; i++)
        if (index_require(args[i], &shape[i]) < 0) return -1;
    *ndim = nargs;
    return 0;
}

static int check_shape(const Tensor *t, int ndim, const int64_t *shape) {
    int64_t known = 1, n = tensor_numel(t);
    int infer = -1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] == -1 && infer < 0) infer = i;
        else if (shape[i] < 0) return tl_raise_int(ERR_VALUE, shape[i] == -1 ? "can only specify one unknown dimension" : "negative dimensions not allowed");
        else known *= shape[i];
    }
    if ((infer < 0 && known != n) || (infer >= 0 && (known == 0 || n % known != 0))) {
        StrBuf sb = STRBUF_INIT;
        for (int i = 0; i < ndim; i++) sb_printf(&sb, i ? ",%lld" : "%lld", (long long)shape[i]);
        tl_raise(ERR_VALUE, "cannot reshape array of size %lld into shape (%s%s)", (long long)n,
                 sb_cstr(&sb), ndim == 1 ? "," : "");
        sb_free(&sb);
        return -1;
    }
    return 0;
}

static Value m_reshape(int nargs, Value *args, const KwArgs *kw) {
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    if (kw && kw->n) {
        for (int i = 0; i < kw->n; i++)
            if (strcmp(kw->names[i]->data, "order") != 0 || !val_is_str(kw->values[i]) ||
                strcmp(val_cstr(kw->values[i]), "C") != 0)
                return np_unsupported("reshape(order=...)");
    }
    if (nargs < 2) return exc_raise(exc_TypeError, "reshape() takes exactly 1 argument (0 given)");
    Tensor *t = self_tensor(args[0]);
    if (shape_args("reshape", nargs - 1, args + 1, &ndim, shape) < 0 || check_shape(t, ndim, shape) < 0)
        return VAL_ERROR;
    return np_wrap(tensor_reshape(t, ndim, shape));
}

static Value m_copy(int nargs, Value *args, const KwArgs *kw) {
    if (nargs > 2 || (kw && kw->n)) return np_unsupported("ndarray.copy(order=...)");
    return np_wrap(tensor_clone_contiguous(self_tensor(args[0])));
}

// Element [i] as the Python number tolist()/item() give (float32 -> float).
static Value py_element(const Tensor *t, int64_t i) {
    if (dtype_is_floating(t->dtype)) return FLOAT_VAL(tensor_get_flat(t, i));
    if (t->dtype == DT_BOOL) return BOOL_VAL(tensor_get_flat_i64(t, i) != 0);
    return INT_VAL(tensor_get_flat_i64(t, i));
}

static Value tolist_rec(const Tensor *t, int dim, int64_t *flat) {
    if (dim == t->ndim) return py_element(t, (*flat)++);
    ObjList *l = list_new(t->shape[dim]);
    if (!l) return VAL_ERROR;
    for (int64_t i = 0; i < t->shape[dim]; i++) l->items[i] = tolist_rec(t, dim + 1, flat);
    return OBJ_VAL(l);
}

static Value m_tolist(int nargs, Value *args, const KwArgs *kw) {
    if (no_args("tolist", nargs, kw) < 0) return VAL_ERROR;
    int64_t flat = 0;
    return tolist_rec(self_tensor(args[0]), 0, &flat);
}

// item() of a one-element array, or item(i) at a flat index: a Python number.
static Value m_item(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("item", kw) < 0) return VAL_ERROR;
    const Tensor *t = self_tensor(args[0]);
    int64_t n = tensor_numel(t), i = 0;
    if (nargs == 1 && n != 1)
        return exc_raise(exc_ValueError, "can only convert an array of size 1 to a Python scalar");
    if (nargs == 2) {
        if (index_require(args[1], &i) < 0) return VAL_ERROR;
        if (i < -n || i >= n) return exc_raise(exc_IndexError, "index %lld is out of bounds for size %lld", (long long)i, (long long)n);
        if (i < 0) i += n;
    } else if (nargs > 2) {
        return np_unsupported("ndarray.item with several indices");
    }
    return py_element(t, i);
}

static Value m_fill(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("fill", nargs - 1, 1, 1) < 0 || arg_no_kwargs("fill", kw) < 0) return VAL_ERROR;
    Tensor *t = self_tensor(args[0]);
    Tensor *v = np_as_tensor(args[1], t->dtype);
    if (!v) return VAL_ERROR;
    if (v->ndim != 0) {
        tensor_release(v);
        return exc_raise(exc_ValueError, "Input object to FillWithScalar is not a scalar");
    }
    int rc = np_copy_into(t, v);
    tensor_release(v);
    return rc < 0 ? VAL_ERROR : NONE_VAL;
}

static Value m_flatten(int nargs, Value *args, const KwArgs *kw) {
    if (no_args("flatten", nargs, kw) < 0) return VAL_ERROR;
    Tensor *c = tensor_clone_contiguous(self_tensor(args[0]));
    if (!c) return VAL_ERROR;
    int64_t n = tensor_numel(c);
    Tensor *r = tensor_view(c, 1, &n);
    tensor_release(c);
    return np_wrap(r);
}

static Value m_ravel(int nargs, Value *args, const KwArgs *kw) {
    if (no_args("ravel", nargs, kw) < 0) return VAL_ERROR;
    const Tensor *t = self_tensor(args[0]);
    int64_t n = tensor_numel(t);
    return np_wrap(tensor_reshape(t, 1, &n));
}

static Value m_transpose(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("transpose", kw) < 0) return VAL_ERROR;
    const Tensor *t = self_tensor(args[0]);
    if (nargs == 1 || (nargs == 2 && IS_NONE(args[1]))) return np_wrap(reversed_axes(t));
    int n;
    int64_t axes[TENSOR_MAX_DIMS];
    if (shape_args("transpose", nargs - 1, args + 1, &n, axes) < 0) return VAL_ERROR;
    if (n != t->ndim) return exc_raise(exc_ValueError, "axes don't match array");
    return np_wrap(tensor_permute(t, n, axes));
}

static Value m_squeeze(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"axis"};
    Value a[1];
    if (NP_BIND("squeeze", nargs - 1, args + 1, kw, names, 1, a) < 0) return VAL_ERROR;
    const Tensor *t = self_tensor(args[0]);
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return np_wrap(tensor_squeeze(t));
    int64_t ax;
    if (index_require(a[0], &ax) < 0) return VAL_ERROR;
    if (ax < -t->ndim || ax >= t->ndim)
        return exc_raise(exc_ValueError, "axis %lld is out of bounds for array of dimension %d", (long long)ax, t->ndim);
    if (t->shape[ax < 0 ? ax + t->ndim : ax] != 1)
        return exc_raise(exc_ValueError, "cannot select an axis to squeeze out which has size not equal to one");
    return np_wrap(tensor_squeeze_dim(t, ax));
}

#define REDUCE_METHOD(fn, OP, name) \
    static Value fn(int nargs, Value *args, const KwArgs *kw) { return np_reduce_call(OP, name, nargs, args, kw); }
REDUCE_METHOD(m_sum, NPR_SUM, "sum")
REDUCE_METHOD(m_mean, NPR_MEAN, "mean")
REDUCE_METHOD(m_prod, NPR_PROD, "prod")
REDUCE_METHOD(m_max, NPR_MAX, "max")
REDUCE_METHOD(m_min, NPR_MIN, "min")
REDUCE_METHOD(m_argmax, NPR_ARGMAX, "argmax")
REDUCE_METHOD(m_argmin, NPR_ARGMIN, "argmin")
REDUCE_METHOD(m_all, NPR_ALL, "all")
REDUCE_METHOD(m_any, NPR_ANY, "any")
REDUCE_METHOD(m_std, NPR_STD, "std")
REDUCE_METHOD(m_var, NPR_VAR, "var")

static Value m_dot(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("dot", nargs - 1, 1, 1) < 0 || arg_no_kwargs("dot", kw) < 0) return VAL_ERROR;
    return np_dot(args[0], args[1]);
}

// float(a), int(a), operator.index(a): one-element arrays only.
static Value one_element(Value self, const char *what) {
    const Tensor *t = self_tensor(self);
    if (tensor_numel(t) != 1)
        return exc_raise(exc_TypeError, "only %s arrays can be converted to Python scalars",
                         strcmp(what, "__index__") == 0 ? "integer scalar" : "size-1");
    return np_element(t, 0);
}

static Value m_float(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    Value v = one_element(args[0], "__float__");
    if (IS_ERR(v) || IS_FLOAT(v)) return v;
    Value r = val_call(OBJ_VAL(&type_float), 1, &v, NULL);
    val_decref(v);
    return r;
}

static Value m_int(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    Value v = one_element(args[0], "__int__");
    if (IS_ERR(v) || IS_INT(v)) return v;
    Value r = val_call(OBJ_VAL(&type_int), 1, &v, NULL);
    val_decref(v);
    return r;
}

static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    const Tensor *t = self_tensor(args[0]);
    if (t->ndim != 0 || dtype_is_floating(t->dtype) || t->dtype == DT_BOOL)
        return exc_raise(exc_TypeError, "only integer scalar arrays can be converted to a scalar index");
    return INT_VAL(tensor_get_flat_i64(t, 0));
}

static Value m_abs(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    return np_ufunc_unary(NPU_ABS, args[0], VAL_UNDEFINED);
}

// f"{a}" is str(a); a spec formats the item of a 0-d array.
static Value m_format(int nargs, Value *args, const KwArgs *kw) {
    if (nargs != 2 || kw || !val_is_str(args[1]))
        return exc_raise(exc_TypeError, "__format__() takes exactly one str argument");
    const Tensor *t = self_tensor(args[0]);
    if (AS_STR(args[1])->len == 0) return val_str(args[0]);
    if (t->ndim != 0) return exc_raise(exc_TypeError, "unsupported format string passed to numpy.ndarray.__format__");
    Value v = np_element(t, 0);
    if (IS_ERR(v)) return v;
    Value r = val_format(v, args[1]);
    val_decref(v);
    return r;
}

const NativeMethodDef np_ndarray_methods[] = {
    {"astype", m_astype, NULL},
    {"reshape", m_reshape, NULL},
    {"copy", m_copy, NULL},
    {"tolist", m_tolist, NULL},
    {"item", m_item, NULL},
    {"fill", m_fill, NULL},
    {"flatten", m_flatten, NULL},
    {"ravel", m_ravel, NULL},
    {"transpose", m_transpose, NULL},
    {"squeeze", m_squeeze, NULL},
    {"sum", m_sum, NULL},
    {"mean", m_mean, NULL},
    {"prod", m_prod, NULL},
    {"max", m_max, NULL},
    {"min", m_min, NULL},
    {"argmax", m_argmax, NULL},
    {"argmin", m_argmin, NULL},
    {"all", m_all, NULL},
    {"any", m_any, NULL},
    {"std", m_std, NULL},
    {"var", m_var, NULL},
    {"dot", m_dot, NULL},
    {"__float__", m_float, NULL},
    {"__int__", m_int, NULL},
    {"__index__", m_index, NULL},
    {"__abs__", m_abs, NULL},
    {"__format__", m_format, NULL},
    {NULL, NULL, NULL},
};
