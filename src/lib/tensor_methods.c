// Tensor methods about the tensor itself rather than its values' maths:
// geometry queries (size, stride, dim ...), conversion to Python (item,
// tolist, __format__, __int__ ...), dtype/device moves (to, type, float ...),
// copies (clone, contiguous, copy_, fill_), new_* factories, autograd flags.
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "lib/tensor_internal.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/storage.h"
#include "vm/str_format.h"

static Value scalar_value(TensorScalar s) {
    if (s.kind == SCALAR_BOOL) return BOOL_VAL(s.i != 0);
    if (s.kind == SCALAR_INT) return INT_VAL(s.i);
    return FLOAT_VAL(s.f);
}

// An optional dim argument (size(dim), stride(dim)) wrapped against [t].
static int opt_dim(const char *fname, int nargs, Value *args, const KwArgs *kw, const Tensor *t,
                   int *dim, bool *has) {
    static const char *const names[] = {"dim"};
    Value a[1] = {VAL_UNDEFINED};
    *has = false;
    if ((nargs > 1 || kw) && LIB_BIND(fname, nargs - 1, args + 1, kw, names, 1, a) < 0) return -1;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return 0;
    int64_t d;
    if (lib_arg_int(a[0], fname, "dim", &d) < 0) return -1;
    if (t->ndim == 0)
        return tl_raise_int(ERR_INDEX, "Dimension specified as %lld but tensor has no dimensions",
                            (long long)d);
    if (tensor_wrap_dim(d, t->ndim, dim) < 0) return -1;
    *has = true;
    return 0;
}

static Value m_size(int nargs, Value *args, const KwArgs *kw) {
    SELF("size");
    if (nargs == 1 && !kw) return lib_size_new(self->ndim, self->shape);
    int d;
    bool has;
    if (opt_dim("size", nargs, args, kw, self, &d, &has) < 0) return VAL_ERROR;
    return has ? INT_VAL(self->shape[d]) : lib_size_new(self->ndim, self->shape);
}

static Value m_stride(int nargs, Value *args, const KwArgs *kw) {
    SELF("stride");
    int d;
    bool has;
    if (opt_dim("stride", nargs, args, kw, self, &d, &has) < 0) return VAL_ERROR;
    if (has) return INT_VAL(self->strides[d]);
    ObjTuple *t = tuple_new(self->ndim);
    if (!t) return VAL_ERROR;
    for (int i = 0; i < self->ndim; i++) t->items[i] = INT_VAL(self->strides[i]);
    return OBJ_VAL(t);
}

#define SIMPLE_QUERY(NAME, PYNAME, EXPR)                         \
    static Value NAME(int nargs, Value *args, const KwArgs *kw) { \
        SELF(PYNAME);                                             \
        if (lib_no_args(PYNAME, nargs, kw) < 0) return VAL_ERROR; \
        return EXPR;                                              \
    }

SIMPLE_QUERY(m_dim, "dim", INT_VAL(self->ndim))
SIMPLE_QUERY(m_numel, "numel", INT_VAL(tensor_numel(self)))
SIMPLE_QUERY(m_element_size, "element_size", INT_VAL((int64_t)dtype_size(self->dtype)))
SIMPLE_QUERY(m_storage_offset, "storage_offset", INT_VAL(self->offset))
SIMPLE_QUERY(m_data_ptr, "data_ptr", INT_VAL((int64_t)(intptr_t)tensor_data(self)))
SIMPLE_QUERY(m_get_device, "get_device", INT_VAL(-1))
SIMPLE_QUERY(m_is_floating_point, "is_floating_point", BOOL_VAL(dtype_is_floating(self->dtype)))
SIMPLE_QUERY(m_is_complex, "is_complex", BOOL_VAL(false))
SIMPLE_QUERY(m_is_signed, "is_signed", BOOL_VAL(self->dtype != DT_BOOL && self->dtype != DT_U8))
SIMPLE_QUERY(m_cpu, "cpu", val_incref(args[0]))

static Value m_is_contiguous(int nargs, Value *args, const KwArgs *kw) {
    SELF("is_contiguous");
    (void)nargs, (void)kw;   // memory_format= is accepted and ignored
    return BOOL_VAL(tensor_is_contiguous(self));
}

// ---------------------------------------------------------------- to Python

static int one_element(const Tensor *t) {
    if (tensor_numel(t) == 1) return 0;
    return tl_raise_int(ERR_VALUE, "only one element tensors can be converted to Python scalars");
}

static Value m_item(int nargs, Value *args, const KwArgs *kw) {
    SELF("item");
    if (lib_no_args("item", nargs, kw) < 0) return VAL_ERROR;
    if (one_element(self) < 0) return VAL_ERROR;
    return scalar_value(tensor_item(self));
}

static Value element_value(const Tensor *t, int64_t flat) {
    if (t->dtype == DT_BOOL) return BOOL_VAL(tensor_get_flat_i64(t, flat) != 0);
    if (!dtype_is_floating(t->dtype)) return INT_VAL(tensor_get_flat_i64(t, flat));
    return FLOAT_VAL(tensor_get_flat(t, flat));
}

static Value tolist_rec(const Tensor *t, int dim, int64_t *flat) {
    if (dim == t->ndim) return element_value(t, (*flat)++);
    ObjList *l = list_new(t->shape[dim]);
    if (!l) return VAL_ERROR;
    for (int64_t i = 0; i < t->shape[dim]; i++) {
        Value v = tolist_rec(t, dim + 1, flat);
        if (IS_ERR(v)) {
            obj_decref(l);
            return v;
        }
        l->items[i] = v;
    }
    return OBJ_VAL(l);
}

static Value m_tolist(int nargs, Value *args, const KwArgs *kw) {
    SELF("tolist");
    if (lib_no_args("tolist", nargs, kw) < 0) return VAL_ERROR;
    int64_t flat = 0;
    return tolist_rec(self, 0, &flat);
}

// f"{t:.4f}": a 0-d tensor formats like its Python number; others only
// accept an empty spec (object.__format__).
static Value m_format(int nargs, Value *args, const KwArgs *kw) {
    SELF("__format__");
    if (nargs != 2 || kw || !val_is_str(args[1]))
        return exc_raise(exc_TypeError, "__format__() takes exactly one str argument");
    if (self->ndim == 0) {
        Value item = scalar_value(tensor_item(self));
        Value r = val_format(item, args[1]);
        val_decref(item);
        return r;
    }
    if (AS_STR(args[1])->len == 0) return val_str(args[0]);
    return exc_raise(exc_TypeError, "unsupported format string passed to Tensor.__format__");
}

static Value m_int(int nargs, Value *args, const KwArgs *kw) {
    SELF("__int__");
    (void)nargs, (void)kw;
    if (one_element(self) < 0) return VAL_ERROR;
    if (!dtype_is_floating(self->dtype)) return INT_VAL(tensor_get_flat_i64(self, 0));
    double v = tensor_get_flat(self, 0);
    if (v != v) return tl_raise(ERR_VALUE, "cannot convert float NaN to integer"), VAL_ERROR;
    if (v >= 9.2233720368547758e18 || v < -9.2233720368547758e18)
        return tl_raise(ERR_OVERFLOW, "cannot convert float infinity to integer"), VAL_ERROR;
    return INT_VAL((int64_t)v);
}

static Value m_float(int nargs, Value *args, const KwArgs *kw) {
    SELF("__float__");
    (void)nargs, (void)kw;
    if (one_element(self) < 0) return VAL_ERROR;
    return FLOAT_VAL(tensor_get_flat(self, 0));
}

static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    SELF("__index__");
    (void)nargs, (void)kw;
    if (tensor_numel(self) != 1 || dtype_is_floating(self->dtype))
        return tl_raise(ERR_TYPE, "only integer tensors of a single element can be converted to an "
                        "index"), VAL_ERROR;
    return INT_VAL(tensor_get_flat_i64(self, 0));
}

// ---------------------------------------------------------------- dtype / device moves

static Value convert_to(Value selfv, DType dt, bool copy) {
    Tensor *t = lib_tensor(selfv);
    if (t->dtype == dt && !copy) return val_incref(selfv);
    return lib_tensor_wrap(lib_op_to_dtype(t, dt, copy));
}

// x.to(dtype) / x.to(device, dtype) / x.to(other) with non_blocking= copy=.
static Value m_to(int nargs, Value *args, const KwArgs *kw) {
    SELF("to");
    DType dt = self->dtype;
    Device dev = {DEV_CPU, -1};
    bool copy = false;
    for (int i = 1; i < nargs; i++) {
        Value a = args[i];
        if (lib_is_dtype(a)) dt = lib_dtype_of(a);
        else if (lib_is_tensor(a)) dt = lib_tensor(a)->dtype;
        else if (IS_BOOL(a)) { if (i == nargs - 1 && nargs > 2) copy = a.as.b; }
        else if (lib_arg_device(a, &dev) < 0) return VAL_ERROR;
    }
    for (int k = 0; kw && k < kw->n; k++) {
        const char *n = kw->names[k]->data;
        Value v = kw->values[k];
        if (strcmp(n, "dtype") == 0) {
            if (lib_arg_dtype(v, "to", &dt) < 0) return VAL_ERROR;
        } else if (strcmp(n, "device") == 0) {
            if (!IS_NONE(v) && lib_arg_device(v, &dev) < 0) return VAL_ERROR;
        } else if (strcmp(n, "copy") == 0) {
            if (lib_arg_bool(v, "to", "copy", &copy) < 0) return VAL_ERROR;
        } else if (strcmp(n, "non_blocking") != 0 && strcmp(n, "memory_format") != 0) {
            return exc_raise(exc_TypeError, "to() got an unexpected keyword argument '%s'", n);
        }
    }
    if (lib_check_device(dev) < 0) return VAL_ERROR;
    return convert_to(args[0], dt, copy);
}

static Value m_cuda(int nargs, Value *args, const KwArgs *kw) {
    SELF("cuda");
    (void)self, (void)nargs, (void)kw;
    if (lib_check_device((Device){DEV_CUDA, 0}) < 0) return VAL_ERROR;
    return val_incref(args[0]);
}

#define CONVERT_METHOD(NAME, PYNAME, DT)                          \
    static Value NAME(int nargs, Value *args, const KwArgs *kw) { \
        SELF(PYNAME);                                             \
        (void)self, (void)kw;                                     \
        if (nargs > 1) return exc_raise(exc_TypeError, PYNAME "() takes at most 1 argument (%d given)", nargs - 1); \
        return convert_to(args[0], DT, false);                    \
    }

CONVERT_METHOD(m_to_float, "float", DT_F32)
CONVERT_METHOD(m_to_double, "double", DT_F64)
CONVERT_METHOD(m_to_half, "half", DT_F16)
CONVERT_METHOD(m_to_bfloat16, "bfloat16", DT_BF16)
CONVERT_METHOD(m_to_long, "long", DT_I64)
CONVERT_METHOD(m_to_int, "int", DT_I32)
CONVERT_METHOD(m_to_short, "short", DT_I16)
CONVERT_METHOD(m_to_char, "char", DT_I8)
CONVERT_METHOD(m_to_byte, "byte", DT_U8)
CONVERT_METHOD(m_to_bool, "bool", DT_BOOL)

// x.type() -> "torch.FloatTensor"; x.type(torch.LongTensor / "torch.LongTensor" / dtype).
static Value m_type(int nargs, Value *args, const KwArgs *kw) {
    SELF("type");
    static const char *const names[] = {"dtype", "non_blocking"};
    Value a[2];
    if (LIB_BIND("type", nargs - 1, args + 1, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return str_value(lib_legacy_type_name(self->dtype));
    DType dt;
    if (lib_is_dtype(a[0])) dt = lib_dtype_of(a[0]);
    else if (lib_legacy_type_dtype(a[0], &dt) < 0) return VAL_ERROR;
    return convert_to(args[0], dt, false);
}

static Value m_type_as(int nargs, Value *args, const KwArgs *kw) {
    SELF("type_as");
    Tensor *other;
    if (arg_check_count("type_as", nargs - 1, 1, 1) < 0 || arg_no_kwargs("type_as", kw) < 0 ||
        lib_arg_tensor(args[1], "type_as", "other", 1, &other) < 0)
        return VAL_ERROR;
    (void)self;
    return convert_to(args[0], other->dtype, false);
}

// ---------------------------------------------------------------- copies

static Value m_clone(int nargs, Value *args, const KwArgs *kw) {
    SELF("clone");
    (void)nargs, (void)kw;   // memory_format=
    return lib_tensor_wrap(lib_op_clone(self));
}

static Value m_contiguous(int nargs, Value *args, const KwArgs *kw) {
    SELF("contiguous");
    (void)nargs, (void)kw;
    if (tensor_is_contiguous(self)) return val_incref(args[0]);
    return lib_tensor_wrap(lib_op_contiguous(self));
}

static Value m_fill_(int nargs, Value *args, const KwArgs *kw) {
    SELF("fill_");
    static const char *const names[] = {"value"};
    Value a[1];
    if (LIB_BIND("fill_", nargs - 1, args + 1, kw, names, 1, a) < 0) return VAL_ERROR;
    TensorScalar s;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "fill_() missing 1 required positional argument: \"value\"");
    if (lib_is_tensor(a[0]) && lib_tensor(a[0])->ndim != 0)
        return tl_raise(ERR_RUNTIME, "fill_ only supports 0-dimension value tensor but got tensor "
                        "with %d dimensions.", lib_tensor(a[0])->ndim), VAL_ERROR;
    if (!lib_scalar_or_item(a[0], &s))
        return exc_raise(exc_TypeError, "fill_() received an invalid combination of arguments - got "
                         "(%s), but expected one of:\n * (Tensor value)\n * (Number value)\n",
                         val_type_name(a[0]));
    return lib_ret_self(lib_op_fill_(self, s), args);
}

static Value m_zero_(int nargs, Value *args, const KwArgs *kw) {
    SELF("zero_");
    if (lib_no_args("zero_", nargs, kw) < 0) return VAL_ERROR;
    return lib_ret_self(lib_op_zero_(self), args);
}

static Value m_copy_(int nargs, Value *args, const KwArgs *kw) {
    SELF("copy_");
    static const char *const names[] = {"src", "non_blocking"};
    Value a[2];
    Tensor *src;
    if (LIB_BIND("copy_", nargs - 1, args + 1, kw, names, 1, a) < 0 ||
        lib_arg_tensor(a[0], "copy_", "src", 1, &src) < 0)
        return VAL_ERROR;
    return lib_ret_self(lib_op_copy_(self, src), args);
}

// ---------------------------------------------------------------- autograd flags

static Value m_detach(int nargs, Value *args, const KwArgs *kw) {
    SELF("detach");
    if (lib_no_args("detach", nargs, kw) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_detach(self));
}

static Value m_detach_(int nargs, Value *args, const KwArgs *kw) {
    SELF("detach_");
    if (lib_no_args("detach_", nargs, kw) < 0) return VAL_ERROR;
    return lib_ret_self(ag_detach_(self), args);
}

static Value m_requires_grad_(int nargs, Value *args, const KwArgs *kw) {
    SELF("requires_grad_");
    static const char *const names[] = {"requires_grad"};
    Value a[1];
    bool on = true;
    if (LIB_BIND("requires_grad_", nargs - 1, args + 1, kw, names, 1, a) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[0]) && lib_arg_bool(a[0], "requires_grad_", "requires_grad", &on) < 0)
        return VAL_ERROR;
    return lib_ret_self(lib_tensor_set_requires_grad(self, on, 1), args);
}

// ---------------------------------------------------------------- new_* factories

typedef struct {
    DType dtype;
    Value device, requires_grad;
} NewOpts;

// Splits x.new_ones(2, 3, dtype=..., device=..., requires_grad=...) into a
// shape (the positional args from [first]) and options.
static int new_args(const char *fname, int nargs, Value *args, const KwArgs *kw, int first,
                    NewOpts *o, int *nd, int64_t *shape, Value *extra, int nextra,
                    const char *const *extra_names) {
    Tensor *self = lib_tensor(args[0]);
    o->dtype = self->dtype;
    o->device = o->requires_grad = VAL_UNDEFINED;
    for (int i = 0; i < nextra; i++) extra[i] = VAL_UNDEFINED;
    int npos = nargs - first;
    for (int k = 0; kw && k < kw->n; k++) {
        const char *n = kw->names[k]->data;
        Value v = kw->values[k];
        bool used = false;
        for (int i = 0; i < nextra; i++)
            if (strcmp(n, extra_names[i]) == 0) { extra[i] = v; used = true; }
        if (used) continue;
        if (strcmp(n, "dtype") == 0) {
            if (lib_arg_dtype(v, fname, &o->dtype) < 0) return -1;
        } else if (strcmp(n, "device") == 0) o->device = v;
        else if (strcmp(n, "requires_grad") == 0) o->requires_grad = v;
        else if (strcmp(n, "size") == 0 && npos == 0) {
            if (lib_arg_shape(fname, 1, &v, nd, shape) < 0) return -1;
            npos = -1;
        } else if (strcmp(n, "pin_memory") != 0 && strcmp(n, "layout") != 0) {
            return tl_raise_int(ERR_TYPE, "%s() got an unexpected keyword argument '%s'", fname, n);
        }
    }
    if (npos >= 0 && nd && lib_arg_shape(fname, npos, args + first, nd, shape) < 0) return -1;
    return 0;
}

static Value m_new_fill(int nargs, Value *args, const KwArgs *kw, const char *fname, int kind) {
    SELF(fname);
    (void)self;
    NewOpts o;
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (new_args(fname, nargs, args, kw, 1, &o, &nd, shape, NULL, 0, NULL) < 0) return VAL_ERROR;
    Tensor *t = kind == 0 ? tensor_zeros(nd, shape, o.dtype)
              : kind == 1 ? tensor_ones(nd, shape, o.dtype) : tensor_empty(nd, shape, o.dtype);
    return lib_factory_finish(t, o.device, o.requires_grad);
}

static Value m_new_zeros(int nargs, Value *args, const KwArgs *kw) { return m_new_fill(nargs, args, kw, "new_zeros", 0); }
static Value m_new_ones(int nargs, Value *args, const KwArgs *kw) { return m_new_fill(nargs, args, kw, "new_ones", 1); }
static Value m_new_empty(int nargs, Value *args, const KwArgs *kw) { return m_new_fill(nargs, args, kw, "new_empty", 2); }

static Value m_new_full(int nargs, Value *args, const KwArgs *kw) {
    SELF("new_full");
    (void)self;
    static const char *const extra_names[] = {"fill_value"};
    Value extra[1];
    NewOpts o;
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (nargs < 2 && !kw)
        return exc_raise(exc_TypeError, "new_full() missing required arguments: \"size\", \"fill_value\"");
    if (new_args("new_full", nargs > 2 ? 2 : nargs, args, kw, 1, &o, &nd, shape, extra, 1, extra_names) < 0)
        return VAL_ERROR;
    Value fill = nargs > 2 ? args[2] : extra[0];
    TensorScalar s;
    if (IS_UNDEF(fill) || !lib_scalar_or_item(fill, &s))
        return exc_raise(exc_TypeError, "new_full(): argument 'fill_value' must be Number");
    return lib_factory_finish(tensor_full(nd, shape, s, o.dtype), o.device, o.requires_grad);
}

static Value m_new_tensor(int nargs, Value *args, const KwArgs *kw) {
    SELF("new_tensor");
    (void)self;
    static const char *const extra_names[] = {"data"};
    Value extra[1];
    NewOpts o;
    if (new_args("new_tensor", 1, args, kw, 1, &o, NULL, NULL, extra, 1, extra_names) < 0) return VAL_ERROR;
    Value data = nargs > 1 ? args[1] : extra[0];
    if (IS_UNDEF(data)) return exc_raise(exc_TypeError, "new_tensor() missing required argument 'data'");
    Tensor *t = lib_tensor_from_data(data, (int)o.dtype, "new_tensor");   // self's dtype by default
    return lib_factory_finish(t, o.device, o.requires_grad);
}

// ---------------------------------------------------------------- comparisons of whole tensors

static Value f_equal(int nargs, Value *args, const KwArgs *kw) {
    SELF("equal");
    Tensor *other;
    if (arg_check_count("equal", nargs, 2, 2) < 0 || arg_no_kwargs("equal", kw) < 0 ||
        lib_arg_tensor(args[1], "equal", "other", 2, &other) < 0)
        return VAL_ERROR;
    int r = tensor_equal(self, other);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value f_allclose(int nargs, Value *args, const KwArgs *kw) {
    SELF("allclose");
    static const char *const names[] = {"other", "rtol", "atol", "equal_nan"};
    Value a[4];
    Tensor *other;
    double rtol = 1e-5, atol = 1e-8;
    bool equal_nan = false;
    if (LIB_BIND("allclose", nargs - 1, args + 1, kw, names, 4, a) < 0 ||
        lib_arg_tensor(a[0], "allclose", "other", 2, &other) < 0 ||
        (!IS_UNDEF(a[1]) && lib_arg_double(a[1], "allclose", "rtol", &rtol) < 0) ||
        (!IS_UNDEF(a[2]) && lib_arg_double(a[2], "allclose", "atol", &atol) < 0) ||
        (!IS_UNDEF(a[3]) && lib_arg_bool(a[3], "allclose", "equal_nan", &equal_nan) < 0))
        return VAL_ERROR;
    int r = tensor_allclose(self, other, rtol, atol, equal_nan);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

// x.apply_(fn): fn on every element (a Python number in, one out), in place.
static Value m_apply_(int nargs, Value *args, const KwArgs *kw) {
    SELF("apply_");
    if (arg_check_count("apply_", nargs - 1, 1, 1) < 0 || arg_no_kwargs("apply_", kw) < 0)
        return VAL_ERROR;
    int64_t n = tensor_numel(self);
    for (int64_t i = 0; i < n; i++) {
        Value x = element_value(self, i);
        Value r = val_call(args[1], 1, &x, NULL);
        if (IS_ERR(r)) return r;
        double d;
        if (!val_to_double(r, &d)) {
            val_decref(r);
            return exc_raise(exc_TypeError, "must be real number, not %s", val_type_name(r));
        }
        if (IS_INT(r) && !dtype_is_floating(self->dtype)) tensor_set_flat_i64(self, i, r.as.i);
        else tensor_set_flat(self, i, d);
    }
    storage_bump_version(self->storage);
    return val_incref(args[0]);
}

static Value f_is_tensor(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("is_tensor", nargs, 1, 1) < 0 || arg_no_kwargs("is_tensor", kw) < 0)
        return VAL_ERROR;
    return BOOL_VAL(lib_is_tensor(args[0]));
}

static Value f_numel(int nargs, Value *args, const KwArgs *kw) {
    SELF("numel");
    (void)kw;
    return INT_VAL(tensor_numel(self));
}

const NativeMethodDef lib_tensor_methods_basic[] = {
    {"size", m_size, NULL},
    {"stride", m_stride, NULL},
    {"dim", m_dim, NULL},
    {"ndimension", m_dim, NULL},
    {"numel", m_numel, NULL},
    {"nelement", m_numel, NULL},
    {"element_size", m_element_size, NULL},
    {"storage_offset", m_storage_offset, NULL},
    {"data_ptr", m_data_ptr, NULL},
    {"get_device", m_get_device, NULL},
    {"is_floating_point", m_is_floating_point, NULL},
    {"is_complex", m_is_complex, NULL},
    {"is_signed", m_is_signed, NULL},
    {"is_contiguous", m_is_contiguous, NULL},
    {"item", m_item, NULL},
    {"tolist", m_tolist, NULL},
    {"__format__", m_format, NULL},
    {"__int__", m_int, NULL},
    {"__float__", m_float, NULL},
    {"__index__", m_index, NULL},
    {"to", m_to, NULL},
    {"cpu", m_cpu, NULL},
    {"cuda", m_cuda, NULL},
    {"float", m_to_float, NULL},
    {"double", m_to_double, NULL},
    {"half", m_to_half, NULL},
    {"bfloat16", m_to_bfloat16, NULL},
    {"long", m_to_long, NULL},
    {"int", m_to_int, NULL},
    {"short", m_to_short, NULL},
    {"char", m_to_char, NULL},
    {"byte", m_to_byte, NULL},
    {"bool", m_to_bool, NULL},
    {"type", m_type, NULL},
    {"type_as", m_type_as, NULL},
    {"clone", m_clone, NULL},
    {"contiguous", m_contiguous, NULL},
    {"fill_", m_fill_, NULL},
    {"zero_", m_zero_, NULL},
    {"copy_", m_copy_, NULL},
    {"detach", m_detach, NULL},
    {"detach_", m_detach_, NULL},
    {"requires_grad_", m_requires_grad_, NULL},
    {"new_zeros", m_new_zeros, NULL},
    {"new_ones", m_new_ones, NULL},
    {"new_empty", m_new_empty, NULL},
    {"new_full", m_new_full, NULL},
    {"new_tensor", m_new_tensor, NULL},
    {"equal", f_equal, NULL},
    {"allclose", f_allclose, NULL},
    {"apply_", m_apply_, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_torch_fns_misc[] = {
    {"is_tensor", f_is_tensor, NULL},
    {"numel", f_numel, NULL},
    {"is_floating_point", m_is_floating_point, NULL},
    {"is_complex", m_is_complex, NULL},
    {"clone", m_clone, NULL},
    {"equal", f_equal, NULL},
    {"allclose", f_allclose, NULL},
    {"detach", m_detach, NULL},
    {NULL, NULL, NULL},
};
