// The numpy module: assembles the function tables (creation, ufuncs, the
// functions below), the dtype names, numpy.random and the constants. Any
// other numpy attribute raises NotImplementedError naming it, so code that
// reaches past the subset fails loudly instead of doing something else.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/shape.h"
#include "vm/containers.h"
#include "vm/modules.h"

// ---------------------------------------------------------------- reductions as functions

#define REDUCE_FN(fn, OP, name)                                                   \
    static Value fn(int nargs, Value *args, const KwArgs *kw) {                   \
        if (nargs < 1) return exc_raise(exc_TypeError, name "() missing required argument 'a' (pos 1)"); \
        return np_reduce_call(OP, name, nargs, args, kw);                         \
    }
REDUCE_FN(f_sum, NPR_SUM, "sum")
REDUCE_FN(f_mean, NPR_MEAN, "mean")
REDUCE_FN(f_prod, NPR_PROD, "prod")
REDUCE_FN(f_max, NPR_MAX, "max")
REDUCE_FN(f_min, NPR_MIN, "min")
REDUCE_FN(f_argmax, NPR_ARGMAX, "argmax")
REDUCE_FN(f_argmin, NPR_ARGMIN, "argmin")
REDUCE_FN(f_all, NPR_ALL, "all")
REDUCE_FN(f_any, NPR_ANY, "any")
REDUCE_FN(f_std, NPR_STD, "std")
REDUCE_FN(f_var, NPR_VAR, "var")

// ---------------------------------------------------------------- method forms

// np.reshape(a, shape) and friends: the ndarray method on np.asarray(a).
static Value as_method(const char *method, int nargs, Value *args, const KwArgs *kw) {
    if (nargs < 1) return exc_raise(exc_TypeError, "%s() missing required argument 'a' (pos 1)", method);
    Value arr = np_wrap(np_as_tensor(args[0], -1));
    if (IS_ERR(arr)) return arr;
    Value fn = val_getattr_cstr(arr, method);
    Value r = VAL_ERROR;
    if (!IS_ERR(fn)) {
        r = val_call(fn, nargs - 1, args + 1, kw);
        val_decref(fn);
    }
    val_decref(arr);
    return r;
}

static Value f_reshape(int nargs, Value *args, const KwArgs *kw) { return as_method("reshape", nargs, args, kw); }
static Value f_transpose(int nargs, Value *args, const KwArgs *kw) { return as_method("transpose", nargs, args, kw); }
static Value f_squeeze(int nargs, Value *args, const KwArgs *kw) { return as_method("squeeze", nargs, args, kw); }
static Value f_ravel(int nargs, Value *args, const KwArgs *kw) { return as_method("ravel", nargs, args, kw); }

static Value f_copy(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("copy", nargs, 1, 1) < 0 || arg_no_kwargs("copy", kw) < 0) return VAL_ERROR;
    Tensor *t = np_as_tensor(args[0], -1);
    if (!t) return VAL_ERROR;
    Tensor *c = tensor_clone(t);
    tensor_release(t);
    return np_wrap(c);
}

static Value f_shape(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("shape", nargs, 1, 1) < 0 || arg_no_kwargs("shape", kw) < 0) return VAL_ERROR;
    Tensor *t = np_as_tensor(args[0], -1);
    if (!t) return VAL_ERROR;
    ObjTuple *tu = tuple_new(t->ndim);
    for (int i = 0; tu && i < t->ndim; i++) tu->items[i] = INT_VAL(t->shape[i]);
    tensor_release(t);
    return tu ? OBJ_VAL(tu) : VAL_ERROR;
}

static Value f_ndim(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("ndim", nargs, 1, 1) < 0 || arg_no_kwargs("ndim", kw) < 0) return VAL_ERROR;
    Tensor *t = np_as_tensor(args[0], -1);
    if (!t) return VAL_ERROR;
    int n = t->ndim;
    tensor_release(t);
    return INT_VAL(n);
}

static Value f_size(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("size", nargs, 1, 1) < 0 || arg_no_kwargs("size", kw) < 0) return VAL_ERROR;
    Tensor *t = np_as_tensor(args[0], -1);
    if (!t) return VAL_ERROR;
    int64_t n = tensor_numel(t);
    tensor_release(t);
    return INT_VAL(n);
}

static Value f_expand_dims(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "axis"};
    Value a[2];
    int64_t axis;
    if (NP_BIND("expand_dims", nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1])) return exc_raise(exc_TypeError, "expand_dims() missing required argument");
    if (index_require(a[1], &axis) < 0) return VAL_ERROR;
    Tensor *t = np_as_tensor(a[0], -1);
    if (!t) return VAL_ERROR;
    Value r;
    if (axis < -(t->ndim + 1) || axis > t->ndim)
        r = exc_raise(exc_ValueError, "axis %lld is out of bounds for array of dimension %d", (long long)axis, t->ndim + 1);
    else
        r = np_wrap(tensor_unsqueeze(t, axis));
    tensor_release(t);
    return r;
}

// ---------------------------------------------------------------- joining

// The arrays of a sequence argument, converted to their common dtype.
static int array_list(Value seq, const char *fname, Tensor ***out, int *n) {
    int64_t len;
    Value *items = seq_items(seq, &len);
    if (!items && !val_is_list(seq) && !val_is_tuple(seq))
        return tl_raise_int(ERR_TYPE, "%s() argument 1 must be a sequence of arrays", fname);
    if (len == 0) return tl_raise_int(ERR_VALUE, "need at least one array to concatenate");
    Tensor **ts = calloc((size_t)len, sizeof *ts);
    if (!ts) return tl_raise_int(ERR_MEMORY, "%s", "");
    DType dt = DT_BOOL;
    int64_t i;
    for (i = 0; i < len; i++) {
        if (!(ts[i] = np_as_tensor(items[i], -1))) goto fail;
        if (i == 0) dt = ts[0]->dtype;
        else if (np_promote_types(dt, ts[i]->dtype, &dt) < 0) goto fail;
    }
    for (i = 0; i < len; i++) {
        Tensor *c = tensor_to_dtype(ts[i], dt, false);
        tensor_release(ts[i]);
        if (!(ts[i] = c)) goto fail;
    }
    *out = ts;
    *n = (int)len;
    return 0;
fail:
    for (int64_t k = 0; k < len; k++) tensor_release(ts[k]);
    free(ts);
    return -1;
}

static void free_list(Tensor **ts, int n) {
    for (int i = 0; i < n; i++) tensor_release(ts[i]);
    free(ts);
}

typedef enum { JOIN_CONCAT, JOIN_STACK, JOIN_VSTACK, JOIN_HSTACK } JoinKind;

static Value join(JoinKind kind, const char *fname, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"arrays", "axis", "out", "dtype", "casting"};
    Value a[5];
    int64_t axis = 0;
    Tensor **ts = NULL;
    int n = 0;
    if (NP_BIND(fname, nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "%s() missing required argument 'arrays'", fname);
    if ((!IS_UNDEF(a[2]) && !IS_NONE(a[2])) || !IS_UNDEF(a[3]) || !IS_UNDEF(a[4]))
        return np_unsupported("joining with out=, dtype= or casting=");
    if (!IS_UNDEF(a[1]) && (kind == JOIN_CONCAT || kind == JOIN_STACK) && index_require(a[1], &axis) < 0)
        return VAL_ERROR;
    if (array_list(a[0], fname, &ts, &n) < 0) return VAL_ERROR;
    Tensor *r = NULL;
    switch (kind) {
    case JOIN_CONCAT:
        for (int i = 0; i < n; i++)
            if (ts[i]->ndim == 0) {
                free_list(ts, n);
                return exc_raise(exc_ValueError, "zero-dimensional arrays cannot be concatenated");
            }
        r = tensor_cat(n, (const Tensor *const *)ts, axis);
        break;
    case JOIN_STACK: r = tensor_stack(n, (const Tensor *const *)ts, axis); break;
    case JOIN_VSTACK: r = tensor_vstack(n, (const Tensor *const *)ts); break;
    case JOIN_HSTACK: r = tensor_hstack(n, (const Tensor *const *)ts); break;
    }
    free_list(ts, n);
    return np_wrap(r);
}

static Value f_concatenate(int nargs, Value *args, const KwArgs *kw) { return join(JOIN_CONCAT, "concatenate", nargs, args, kw); }
static Value f_stack(int nargs, Value *args, const KwArgs *kw) { return join(JOIN_STACK, "stack", nargs, args, kw); }
static Value f_vstack(int nargs, Value *args, const KwArgs *kw) { return join(JOIN_VSTACK, "vstack", nargs, args, kw); }
static Value f_hstack(int nargs, Value *args, const KwArgs *kw) { return join(JOIN_HSTACK, "hstack", nargs, args, kw); }

// ---------------------------------------------------------------- where, clip, comparisons of whole arrays

static Value f_where(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("where", kw) < 0) return VAL_ERROR;
    if (nargs != 3) return np_unsupported("where with one argument");
    NpOperand ops[2];
    int r0 = np_operand(args[1], &ops[0]), r1 = r0 > 0 ? np_operand(args[2], &ops[1]) : 0;
    if (r0 <= 0 || r1 <= 0) {
        if (r0 > 0) np_operand_free(&ops[0]);
        return r0 < 0 || r1 < 0 ? VAL_ERROR : np_unsupported("where with non-numeric values");
    }
    DType dt;
    Tensor *c = NULL, *x = NULL, *y = NULL, *r = NULL;
    if (np_result_type(ops, 2, &dt) == 0 && (c = np_as_tensor(args[0], DT_BOOL)) &&
        (x = np_operand_tensor(&ops[0], dt)) && (y = np_operand_tensor(&ops[1], dt)))
        r = tensor_where(c, x, y);
    np_operand_free(&ops[0]);
    np_operand_free(&ops[1]);
    tensor_release(c);
    tensor_release(x);
    tensor_release(y);
    return np_result(r);
}

// clip(a, a_min, a_max) = minimum(maximum(a, a_min), a_max), as numpy's types.
static Value f_clip(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "a_min", "a_max", "out"};
    Value a[4];
    if (NP_BIND("clip", nargs, args, kw, names, 4, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1]) || IS_UNDEF(a[2]))
        return exc_raise(exc_TypeError, "clip() missing required argument");
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3])) return np_unsupported("clip(out=...)");
    Value r = val_incref(a[0]);
    if (!IS_NONE(a[1])) {
        Value m = np_ufunc_binary(NPU_MAXIMUM, r, a[1], VAL_UNDEFINED);
        val_decref(r);
        r = m;
    }
    if (!IS_ERR(r) && !IS_UNDEF(r) && !IS_NONE(a[2])) {
        Value m = np_ufunc_binary(NPU_MINIMUM, r, a[2], VAL_UNDEFINED);
        val_decref(r);
        r = m;
    }
    if (IS_UNDEF(r)) return np_unsupported("clip of non-numeric values");
    return r;
}

static Value predicate(OpCode op, int nargs, Value *args, const KwArgs *kw, const char *fname) {
    if (arg_check_count(fname, nargs, 1, 1) < 0 || arg_no_kwargs(fname, kw) < 0) return VAL_ERROR;
    Tensor *t = np_as_tensor(args[0], -1);
    if (!t) return VAL_ERROR;
    Tensor *r = tensor_unary(op, t, NULL);
    tensor_release(t);
    return np_result(r);
}

static Value f_isnan(int nargs, Value *args, const KwArgs *kw) { return predicate(OP_ISNAN, nargs, args, kw, "isnan"); }
static Value f_isinf(int nargs, Value *args, const KwArgs *kw) { return predicate(OP_ISINF, nargs, args, kw, "isinf"); }
static Value f_isfinite(int nargs, Value *args, const KwArgs *kw) { return predicate(OP_ISFINITE, nargs, args, kw, "isfinite"); }

// allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False): a Python bool.
static Value f_allclose(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "b", "rtol", "atol", "equal_nan"};
    Value a[5];
    double rtol = 1e-5, atol = 1e-8;
    if (NP_BIND("allclose", nargs, args, kw, names, 5, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1])) return exc_raise(exc_TypeError, "allclose() missing required argument");
    if ((!IS_UNDEF(a[2]) && arg_double(a[2], "rtol", &rtol) < 0) || (!IS_UNDEF(a[3]) && arg_double(a[3], "atol", &atol) < 0))
        return VAL_ERROR;
    bool equal_nan = !IS_UNDEF(a[4]) && val_truthy(a[4]) > 0;
    Tensor *x = np_as_tensor(a[0], DT_F64), *y = x ? np_as_tensor(a[1], DT_F64) : NULL;
    int r = y ? tensor_allclose(x, y, rtol, atol, equal_nan) : -1;
    tensor_release(x);
    tensor_release(y);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value f_array_equal(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("array_equal", nargs, 2, 2) < 0 || arg_no_kwargs("array_equal", kw) < 0) return VAL_ERROR;
    Tensor *x = np_as_tensor(args[0], -1), *y = x ? np_as_tensor(args[1], -1) : NULL;
    int r = -1;
    if (y) {
        r = x->ndim == y->ndim && memcmp(x->shape, y->shape, sizeof(int64_t) * (size_t)x->ndim) == 0;
        for (int64_t i = 0, n = tensor_numel(x); r == 1 && i < n; i++)
            r = tensor_get_flat(x, i) == tensor_get_flat(y, i) && tensor_get_flat_i64(x, i) == tensor_get_flat_i64(y, i);
    }
    tensor_release(x);
    tensor_release(y);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

const NativeMethodDef np_fns_misc[] = {
    {"sum", f_sum, NULL},
    {"mean", f_mean, NULL},
    {"prod", f_prod, NULL},
    {"max", f_max, NULL},
    {"amax", f_max, NULL},
    {"min", f_min, NULL},
    {"amin", f_min, NULL},
    {"argmax", f_argmax, NULL},
    {"argmin", f_argmin, NULL},
    {"all", f_all, NULL},
    {"any", f_any, NULL},
    {"std", f_std, NULL},
    {"var", f_var, NULL},
    {"reshape", f_reshape, NULL},
    {"transpose", f_transpose, NULL},
    {"squeeze", f_squeeze, NULL},
    {"ravel", f_ravel, NULL},
    {"copy", f_copy, NULL},
    {"shape", f_shape, NULL},
    {"ndim", f_ndim, NULL},
    {"size", f_size, NULL},
    {"expand_dims", f_expand_dims, NULL},
    {"concatenate", f_concatenate, NULL},
    {"stack", f_stack, NULL},
    {"vstack", f_vstack, NULL},
    {"hstack", f_hstack, NULL},
    {"where", f_where, NULL},
    {"clip", f_clip, NULL},
    {"isnan", f_isnan, NULL},
    {"isinf", f_isinf, NULL},
    {"isfinite", f_isfinite, NULL},
    {"allclose", f_allclose, NULL},
    {"array_equal", f_array_equal, NULL},
    {NULL, NULL, NULL},
};

// ---------------------------------------------------------------- the module

// The builtin aliases numpy 1.24 removed raise its AttributeError.
static const char *const removed_aliases[] = {"float", "int", "bool", "object", "str", "complex", "long", "unicode", NULL};

static Value numpy_getattr(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (nargs != 1 || !val_is_str(args[0])) return exc_raise(exc_TypeError, "__getattr__ expects a name");
    const char *name = val_cstr(args[0]);
    if (strncmp(name, "__", 2) == 0)
        return exc_raise(exc_AttributeError, "module 'numpy' has no attribute '%s'", name);
    for (int i = 0; removed_aliases[i]; i++)
        if (strcmp(name, removed_aliases[i]) == 0) {
            const char *np_name = strcmp(name, "float") == 0 ? "float64" : strcmp(name, "int") == 0 ? "int_"
                                : strcmp(name, "bool") == 0 ? "bool_" : strcmp(name, "complex") == 0 ? "complex128"
                                : strcmp(name, "object") == 0 ? "object_" : "str_";
            const char *builtin = strcmp(name, "long") == 0 ? "int" : strcmp(name, "unicode") == 0 ? "str" : name;
            return exc_raise(exc_AttributeError, "module 'numpy' has no attribute '%s'.\n`np.%s` was a "
                             "deprecated alias for the builtin `%s`. To avoid this error in existing code, use "
                             "`%s` by itself. Doing this will not modify any behavior and is safe. If you "
                             "specifically wanted the numpy scalar type, use `np.%s` here.\nThe aliases was "
                             "originally deprecated in NumPy 1.20; for more details and guidance see the "
                             "original release note at:\n    https://numpy.org/devdocs/release/1.20.0-notes.html#deprecations",
                             name, name, builtin, builtin, np_name);
        }
    return np_unsupported(name);
}

static ObjModule *numpy_module, *random_module;

ObjModule *lib_numpy_random_init(void) {
    if (!random_module && !(random_module = np_random_module())) return NULL;
    return obj_incref(random_module);
}

ObjModule *lib_numpy_init(void) {
    if (numpy_module) return obj_incref(numpy_module);
    type_ready(&type_ndarray);
    ObjModule *m = module_new("numpy");
    if (!m) return NULL;
    const NativeMethodDef *tables[] = {np_fns_create, np_fns_ufunc, np_fns_misc};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        for (const NativeMethodDef *f = tables[i]; f->name; f++) module_add_fn(m, f->name, f->fn, f->doc);
    np_dtype_init(m);
    module_add_value(m, "ndarray", val_incref(OBJ_VAL(&type_ndarray)));
    module_add_value(m, "pi", FLOAT_VAL(M_PI));
    module_add_value(m, "e", FLOAT_VAL(M_E));
    module_add_value(m, "inf", FLOAT_VAL(INFINITY));
    module_add_value(m, "nan", FLOAT_VAL(NAN));
    module_add_value(m, "newaxis", NONE_VAL);
    module_add_value(m, "__version__", str_value("1.24.2"));
    ObjModule *rnd = lib_numpy_random_init();
    if (rnd) module_add_value(m, "random", OBJ_VAL(rnd));
    module_add_fn(m, "__getattr__", numpy_getattr, NULL);
    numpy_module = m;
    return obj_incref(m);
}
