// numpy.random: the module-level functions of numpy's global legacy
// RandomState (seed, rand, randn, random, standard_normal, normal, uniform,
// randint, shuffle, permutation, choice), drawing from numpy_rng.c in
// numpy's order so seeded programs print numpy's numbers.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "lib/numpy_rng.h"
#include "tensor/convert.h"
#include "tensor/shape.h"
#include "vm/containers.h"
#include "vm/modules.h"

static NpRandomState state;
static bool state_ready;

static NpRandomState *rng(void) {
    if (!state_ready) {
        np_rng_seed_entropy(&state);
        state_ready = true;
    }
    return &state;
}

// np.random.seed(seed=None): an int in [0, 2**32), a sequence of them, or None.
static Value f_seed(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"seed"};
    Value a[1];
    if (NP_BIND("seed", nargs, args, kw, names, 1, a) < 0) return VAL_ERROR;
    state_ready = true;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) {
        np_rng_seed_entropy(&state);
        return NONE_VAL;
    }
    int64_t s;
    if (index_from_value(a[0], &s) > 0) {
        if (s < 0 || s > 0xffffffffLL) return exc_raise(exc_ValueError, "Seed must be between 0 and 2**32 - 1");
        np_rng_seed(&state, (uint32_t)s);
        return NONE_VAL;
    }
    if (tl_error_pending()) return VAL_ERROR;
    Tensor *t = np_as_tensor(a[0], -1);
    if (!t) return VAL_ERROR;
    Value r = NONE_VAL;
    int64_t n = tensor_numel(t);
    if (dtype_is_floating(t->dtype))
        r = exc_raise(exc_TypeError, "Cannot cast scalar from dtype('%s') to dtype('int64') according "
                      "to the rule 'safe'", dtype_name(t->dtype));
    else if (n == 0) r = exc_raise(exc_ValueError, "Seed must be non-empty");
    else if (t->ndim != 1) r = exc_raise(exc_ValueError, "Seed array must be 1-d");
    else {
        uint32_t *key = malloc(sizeof(uint32_t) * (size_t)n);
        if (!key) r = (tl_raise(ERR_MEMORY, "%s", ""), VAL_ERROR);
        for (int64_t i = 0; key && i < n && !IS_ERR(r); i++) {
            int64_t v = tensor_get_flat_i64(t, i);
            if (v < 0 || v > 0xffffffffLL) r = exc_raise(exc_ValueError, "Seed must be between 0 and 2**32 - 1");
            key[i] = (uint32_t)v;
        }
        if (key && !IS_ERR(r)) np_rng_seed_by_array(&state, key, n);
        free(key);
    }
    tensor_release(t);
    return r;
}

// ---------------------------------------------------------------- float draws

typedef enum { DRAW_UNIFORM, DRAW_GAUSS } DrawKind;

// [n] doubles a + b * draw, in numpy's order.
static void draw(DrawKind k, double a, double b, double *out, int64_t n) {
    NpRandomState *s = rng();
    for (int64_t i = 0; i < n; i++)
        out[i] = a + b * (k == DRAW_GAUSS ? np_rng_gauss(s) : np_rng_next_double(s));
}

// A float result: a Python float for size=None, else a float64 array.
static Value draw_value(DrawKind k, double a, double b, bool scalar, int ndim, const int64_t *shape) {
    if (scalar) {
        double v;
        draw(k, a, b, &v, 1);
        return FLOAT_VAL(v);
    }
    Tensor *t = tensor_empty(ndim, shape, DT_F64);
    if (!t) return VAL_ERROR;
    draw(k, a, b, tensor_data(t), tensor_numel(t));
    return np_wrap(t);
}

// rand(d0, d1, ...) / randn(d0, d1, ...)
static Value dims_call(DrawKind k, const char *fname, int nargs, Value *args, const KwArgs *kw) {
    int64_t shape[TENSOR_MAX_DIMS];
    if (arg_no_kwargs(fname, kw) < 0) return VAL_ERROR;
    if (nargs > TENSOR_MAX_DIMS) return exc_raise(exc_ValueError, "maximum supported dimension for an ndarray is %d", TENSOR_MAX_DIMS);
    for (int i = 0; i < nargs; i++) {
        if (index_require(args[i], &shape[i]) < 0) return VAL_ERROR;
        if (shape[i] < 0) return exc_raise(exc_ValueError, "negative dimensions are not allowed");
    }
    return draw_value(k, 0, 1, nargs == 0, nargs, shape);
}

static Value f_rand(int nargs, Value *args, const KwArgs *kw) { return dims_call(DRAW_UNIFORM, "rand", nargs, args, kw); }
static Value f_randn(int nargs, Value *args, const KwArgs *kw) { return dims_call(DRAW_GAUSS, "randn", nargs, args, kw); }

// A size= argument: None (a scalar result), an int or a tuple.
static int size_arg(Value v, bool *scalar, int *ndim, int64_t *shape) {
    *scalar = IS_UNDEF(v) || IS_NONE(v);
    if (*scalar) return 0;
    return np_arg_shape(v, ndim, shape);
}

// random(size=None) / random_sample / standard_normal(size=None)
static Value size_call(DrawKind k, const char *fname, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"size"};
    Value a[1];
    bool scalar;
    int ndim = 0;
    int64_t shape[TENSOR_MAX_DIMS];
    if (NP_BIND(fname, nargs, args, kw, names, 1, a) < 0 || size_arg(a[0], &scalar, &ndim, shape) < 0)
        return VAL_ERROR;
    return draw_value(k, 0, 1, scalar, ndim, shape);
}

static Value f_random(int nargs, Value *args, const KwArgs *kw) { return size_call(DRAW_UNIFORM, "random", nargs, args, kw); }
static Value f_random_sample(int nargs, Value *args, const KwArgs *kw) { return size_call(DRAW_UNIFORM, "random_sample", nargs, args, kw); }
static Value f_standard_normal(int nargs, Value *args, const KwArgs *kw) { return size_call(DRAW_GAUSS, "standard_normal", nargs, args, kw); }

static int float_param(Value v, double dflt, const char *what, double *out) {
    *out = dflt;
    if (IS_UNDEF(v)) return 0;
    if (val_to_double(v, out)) return 0;
    if (np_is_scalar_obj(v)) {
        *out = tensor_get_flat(np_tensor(v), 0);
        return 0;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "random with an array '%s'", what);
    return np_unsupported_int(buf);
}

// normal(loc=0.0, scale=1.0, size=None) / uniform(low=0.0, high=1.0, size=None)
static Value two_param(DrawKind k, const char *fname, int nargs, Value *args, const KwArgs *kw) {
    static const char *const n_normal[] = {"loc", "scale", "size"};
    static const char *const n_uniform[] = {"low", "high", "size"};
    const char *const *names = k == DRAW_GAUSS ? n_normal : n_uniform;
    Value a[3];
    double p0, p1;
    bool scalar;
    int ndim = 0;
    int64_t shape[TENSOR_MAX_DIMS];
    if (arg_bind(fname, nargs, args, kw, names, 3, 3, a) < 0 || float_param(a[0], 0, names[0], &p0) < 0 ||
        float_param(a[1], 1, names[1], &p1) < 0 || size_arg(a[2], &scalar, &ndim, shape) < 0)
        return VAL_ERROR;
    if (k == DRAW_GAUSS && p1 < 0) return exc_raise(exc_ValueError, "scale < 0");
    if (k == DRAW_UNIFORM) {
        p1 -= p0;   // numpy draws low + (high - low) * u
        if (!isfinite(p1)) return tl_raise(ERR_OVERFLOW, "Range exceeds valid bounds"), VAL_ERROR;
    }
    return draw_value(k, p0, p1, scalar, ndim, shape);
}

static Value f_normal(int nargs, Value *args, const KwArgs *kw) { return two_param(DRAW_GAUSS, "normal", nargs, args, kw); }
static Value f_uniform(int nargs, Value *args, const KwArgs *kw) { return two_param(DRAW_UNIFORM, "uniform", nargs, args, kw); }

// ---------------------------------------------------------------- integers

// [n] values in [low, high) into int64 [out] (randint's masked draws).
static int bounded(int64_t low, int64_t high, int64_t *out, int64_t n) {
    if (low >= high) return tl_raise_int(ERR_VALUE, "low >= high");
    np_rng_bounded(rng(), (uint64_t)low, (uint64_t)(high - 1) - (uint64_t)low, n, (uint64_t *)out);
    return 0;
}

// randint(low, high=None, size=None, dtype=int)
static Value f_randint(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"low", "high", "size", "dtype"};
    Value a[4];
    int64_t low, high;
    bool scalar;
    int ndim = 0;
    int64_t shape[TENSOR_MAX_DIMS];
    DType dt = DT_I64;
    if (NP_BIND("randint", nargs, args, kw, names, 4, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "randint() missing required argument 'low' (pos 1)");
    if (index_require(a[0], &low) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[1]) || IS_NONE(a[1])) {
        high = low;
        low = 0;
    } else if (index_require(a[1], &high) < 0) {
        return VAL_ERROR;
    }
    if (size_arg(a[2], &scalar, &ndim, shape) < 0 || np_arg_dtype(a[3], &dt) < 0) return VAL_ERROR;
    if (dt != DT_I64) return np_unsupported("random.randint with a dtype other than int64");
    if (scalar) {
        int64_t v;
        return bounded(low, high, &v, 1) < 0 ? VAL_ERROR : INT_VAL(v);
    }
    Tensor *t = tensor_empty(ndim, shape, DT_I64);
    if (!t) return VAL_ERROR;
    if (tensor_numel(t) && bounded(low, high, tensor_data(t), tensor_numel(t)) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return np_wrap(t);
}

// ---------------------------------------------------------------- shuffle, permutation, choice

// Fisher-Yates from the end, as numpy's legacy shuffle (rows of an array).
static int shuffle_tensor(Tensor *t) {
    if (t->ndim == 0 || t->shape[0] < 2) return 0;
    NpRandomState *s = rng();
    Tensor *buf = NULL;
    int rc = 0;
    for (int64_t i = t->shape[0] - 1; i >= 1 && rc == 0; i--) {
        int64_t j = (int64_t)np_rng_interval(s, (uint64_t)i);
        if (i == j) continue;
        Tensor *ri = tensor_select(t, 0, i), *rj = tensor_select(t, 0, j);
        if (!buf && ri) buf = tensor_clone_contiguous(ri);
        rc = ri && rj && buf ? 0 : -1;
        if (rc == 0) rc = np_copy_into(buf, rj) < 0 || np_copy_into(rj, ri) < 0 || np_copy_into(ri, buf) < 0 ? -1 : 0;
        tensor_release(ri);
        tensor_release(rj);
    }
    tensor_release(buf);
    return rc;
}

static Value f_shuffle(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("shuffle", nargs, 1, 1) < 0 || arg_no_kwargs("shuffle", kw) < 0) return VAL_ERROR;
    if (lib_is_ndarray(args[0])) return shuffle_tensor(np_tensor(args[0])) < 0 ? VAL_ERROR : NONE_VAL;
    if (!val_is_list(args[0])) return np_unsupported("random.shuffle of a non-list sequence");
    ObjList *l = AS_LIST(args[0]);
    for (int64_t i = l->len - 1; i >= 1; i--) {
        int64_t j = (int64_t)np_rng_interval(rng(), (uint64_t)i);
        Value tmp = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = tmp;
    }
    return NONE_VAL;
}

static Tensor *arange_i64(int64_t n) {
    Tensor *t = tensor_empty(1, &n, DT_I64);
    if (t)
        for (int64_t i = 0; i < n; i++) ((int64_t *)tensor_data(t))[i] = i;
    return t;
}

// permutation(n): a shuffled arange; permutation(a): a shuffled copy.
static Value f_permutation(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("permutation", nargs, 1, 1) < 0 || arg_no_kwargs("permutation", kw) < 0) return VAL_ERROR;
    int64_t n;
    Tensor *t;
    if (IS_INT(args[0]) || (np_is_scalar_obj(args[0]) && !dtype_is_floating(np_tensor(args[0])->dtype))) {
        if (index_require(args[0], &n) < 0) return VAL_ERROR;
        if (n < 0) return exc_raise(exc_ValueError, "negative dimensions are not allowed");
        t = arange_i64(n);
    } else {
        Tensor *src = np_as_tensor(args[0], -1);
        if (!src) return VAL_ERROR;
        if (src->ndim == 0) {
            tensor_release(src);
            return exc_raise(exc_IndexError, "x must be an integer or at least 1-dimensional");
        }
        t = tensor_clone_contiguous(src);
        tensor_release(src);
    }
    if (!t || shuffle_tensor(t) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return np_wrap(t);
}

// choice(a, size=None, replace=True, p=None)
static Value f_choice(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "size", "replace", "p"};
    Value a[4];
    bool scalar;
    int ndim = 0;
    int64_t shape[TENSOR_MAX_DIMS], pop;
    if (NP_BIND("choice", nargs, args, kw, names, 4, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "choice() missing required argument 'a' (pos 1)");
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3])) return np_unsupported("random.choice with p=");
    if (size_arg(a[1], &scalar, &ndim, shape) < 0) return VAL_ERROR;
    bool replace = IS_UNDEF(a[2]) || val_truthy(a[2]) > 0;
    Tensor *pool = NULL;
    if (lib_is_ndarray(a[0]) || index_from_value(a[0], &pop) <= 0) {
        if (tl_error_pending() || !(pool = np_as_tensor(a[0], -1))) return VAL_ERROR;
        if (pool->ndim != 1) {
            tensor_release(pool);
            return exc_raise(exc_ValueError, "a must be 1-dimensional");
        }
        pop = pool->shape[0];
    }
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    Tensor *idx = NULL;
    Value r = VAL_ERROR;
    if (pop <= 0 && n != 0) {
        exc_raise(exc_ValueError, pool ? "'a' cannot be empty unless no samples are taken"
                                       : "a must be greater than 0 unless no samples are taken");
    } else if (replace) {
        if ((idx = tensor_empty(scalar ? 0 : ndim, shape, DT_I64)) && n && bounded(0, pop, tensor_data(idx), n) < 0) {
            tensor_release(idx);
            idx = NULL;
        }
    } else if (n > pop) {
        exc_raise(exc_ValueError, "Cannot take a larger sample than population when 'replace=False'");
    } else if ((idx = arange_i64(pop)) && shuffle_tensor(idx) == 0) {
        Tensor *head = tensor_narrow(idx, 0, 0, n);
        tensor_release(idx);
        idx = head ? tensor_reshape(head, scalar ? 0 : ndim, shape) : NULL;
        tensor_release(head);
    }
    if (idx) {
        if (!pool) {
            r = scalar ? np_scalar_steal(idx) : np_wrap(idx);
            idx = NULL;
        } else {
            Value arr = np_wrap(tensor_retain(pool)), key = scalar ? INT_VAL(tensor_get_flat_i64(idx, 0))
                                                                  : np_wrap(tensor_retain(idx));
            r = IS_ERR(arr) || IS_ERR(key) ? VAL_ERROR : np_index_get(arr, key);
            val_decref(arr);
            val_decref(key);
        }
    }
    tensor_release(idx);
    tensor_release(pool);
    return r;
}

static Value random_getattr(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (nargs != 1 || !val_is_str(args[0])) return exc_raise(exc_TypeError, "__getattr__ expects a name");
    const char *name = val_cstr(args[0]);
    if (strncmp(name, "__", 2) == 0)
        return exc_raise(exc_AttributeError, "module 'numpy.random' has no attribute '%s'", name);
    return exc_raise(exc_NotImplementedError, "numpy.random.%s is not supported by tl", name);
}

static const NativeMethodDef random_fns[] = {
    {"seed", f_seed, NULL},
    {"rand", f_rand, NULL},
    {"randn", f_randn, NULL},
    {"random", f_random, NULL},
    {"random_sample", f_random_sample, NULL},
    {"sample", f_random_sample, NULL},
    {"ranf", f_random_sample, NULL},
    {"standard_normal", f_standard_normal, NULL},
    {"normal", f_normal, NULL},
    {"uniform", f_uniform, NULL},
    {"randint", f_randint, NULL},
    {"shuffle", f_shuffle, NULL},
    {"permutation", f_permutation, NULL},
    {"choice", f_choice, NULL},
    {"__getattr__", random_getattr, NULL},
    {NULL, NULL, NULL},
};

ObjModule *np_random_module(void) {
    ObjModule *m = module_new("numpy.random");
    if (!m) return NULL;
    for (const NativeMethodDef *f = random_fns; f->name; f++) module_add_fn(m, f->name, f->fn, f->doc);
    return m;
}
