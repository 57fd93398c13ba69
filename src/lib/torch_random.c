// Random numbers in the torch module, bit-identical to PyTorch's CPU
// generator through tensor/rng.h: the Generator type, manual_seed and the
// rng-state functions, rand/randn/randint/randperm/normal/bernoulli/
// multinomial and the in-place samplers (uniform_, normal_, random_ ...).
// rng.h fills raw contiguous arrays; here tensors are mapped onto them in
// PyTorch's iteration order (memory order for non-contiguous outputs).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "lib/tensor_internal.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/iter.h"
#include "tensor/reduce.h"
#include "tensor/storage.h"
#include "vm/modules.h"

// ---------------------------------------------------------------- Generator objects

typedef struct {
    Obj base;
    Generator *g;
    bool owned;        // false for torch.default_generator
} ObjGenerator;

static ObjGenerator *default_gen_obj;

static void generator_dealloc(Obj *o) {
    ObjGenerator *g = (ObjGenerator *)o;
    if (g->owned) gen_free(g->g);
    g->g = NULL;
}

static Value default_generator_value(void) {
    if (!default_gen_obj) {
        default_gen_obj = (ObjGenerator *)obj_alloc(&type_torch_generator, sizeof(ObjGenerator));
        if (!default_gen_obj) return VAL_ERROR;
        default_gen_obj->g = gen_default();
        default_gen_obj->base.refcnt++;   // kept alive for the process
    }
    return val_incref(OBJ_VAL(default_gen_obj));
}

Generator *lib_arg_generator(Value v) {
    if (IS_UNDEF(v) || IS_NONE(v)) return gen_default();
    if (IS_OBJ(v) && v.as.o->type == &type_torch_generator) return ((ObjGenerator *)v.as.o)->g;
    return tl_raise(ERR_TYPE, "generator must be a torch.Generator, not %s", val_type_name(v));
}

static Value generator_new(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    (void)type;
    static const char *const names[] = {"device"};
    Value a[1];
    if (LIB_BIND("Generator", nargs, args, kw, names, 1, a) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[0])) {
        Device d;
        if (lib_arg_device(a[0], &d) < 0) return VAL_ERROR;
        if (d.type != DEV_CPU)
            return tl_raise(ERR_RUNTIME, "Device type CUDA is not supported for torch.Generator() api."),
                   VAL_ERROR;
    }
    ObjGenerator *g = (ObjGenerator *)obj_alloc(&type_torch_generator, sizeof(ObjGenerator));
    if (!g) return VAL_ERROR;
    g->g = gen_new();
    g->owned = true;
    return OBJ_VAL(g);
}

// PyTorch reduces the seed to 64 bits (negative values wrap).
static int seed_arg(Value v, uint64_t *out) {
    if (IS_INT(v)) { *out = (uint64_t)v.as.i; return 0; }
    if (IS_BOOL(v)) { *out = v.as.b; return 0; }
    if (IS_FLOAT(v)) {
        if (!isfinite(v.as.f)) return tl_raise_int(ERR_OVERFLOW, "cannot convert float infinity to integer");
        *out = (uint64_t)(int64_t)v.as.f;
        return 0;
    }
    Tensor *t = lib_tensor_or_null(v);
    if (t && tensor_numel(t) == 1) {
        *out = (uint64_t)tensor_get_flat_i64(t, 0);
        return 0;
    }
    if (val_is_str(v)) {   // PyTorch calls int(seed)
        const char *s = val_cstr(v);
        char *end;
        long long x = strtoll(s, &end, 10);
        while (*end == ' ') end++;
        if (*s && *end == '\0') {
            *out = (uint64_t)x;
            return 0;
        }
        return tl_raise_int(ERR_VALUE, "invalid literal for int() with base 10: '%s'", s);
    }
    return tl_raise_int(ERR_TYPE, "int() argument must be a string, a bytes-like object or a real "
                        "number, not '%s'", val_type_name(v));
}

static Value state_tensor(const Generator *g) {
    int64_t n = GEN_STATE_SIZE;
    Tensor *t = tensor_empty(1, &n, DT_U8);
    if (!t) return VAL_ERROR;
    gen_get_state(g, tensor_data(t));
    return lib_tensor_wrap(t);
}

static int set_state(Generator *g, Value v) {
    Tensor *t = lib_tensor_or_null(v);
    if (!t || t->dtype != DT_U8 || !tensor_is_contiguous(t))
        return tl_raise_int(ERR_TYPE, "RNG state must be a torch.ByteTensor");
    return gen_set_state(g, tensor_data(t), tensor_numel(t));
}

static Generator *gen_self(Value v) { return ((ObjGenerator *)v.as.o)->g; }

static Value g_manual_seed(int nargs, Value *args, const KwArgs *kw) {
    uint64_t seed;
    if (arg_check_count("manual_seed", nargs - 1, 1, 1) < 0 || arg_no_kwargs("manual_seed", kw) < 0 ||
        seed_arg(args[1], &seed) < 0)
        return VAL_ERROR;
    gen_manual_seed(gen_self(args[0]), seed);
    return val_incref(args[0]);
}

static Value g_seed(int nargs, Value *args, const KwArgs *kw) {
    if (lib_no_args("seed", nargs, kw) < 0) return VAL_ERROR;
    return INT_VAL((int64_t)gen_seed(gen_self(args[0])));
}

static Value g_initial_seed(int nargs, Value *args, const KwArgs *kw) {
    if (lib_no_args("initial_seed", nargs, kw) < 0) return VAL_ERROR;
    return INT_VAL((int64_t)gen_initial_seed(gen_self(args[0])));
}

static Value g_get_state(int nargs, Value *args, const KwArgs *kw) {
    if (lib_no_args("get_state", nargs, kw) < 0) return VAL_ERROR;
    return state_tensor(gen_self(args[0]));
}

static Value g_set_state(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("set_state", nargs - 1, 1, 1) < 0 || arg_no_kwargs("set_state", kw) < 0 ||
        set_state(gen_self(args[0]), args[1]) < 0)
        return VAL_ERROR;
    return val_incref(args[0]);
}

static Value g_device(Value self) {
    (void)self;
    return lib_device_value((Device){DEV_CPU, -1});
}

static Value generator_repr(Value self) {
    char buf[64];
    snprintf(buf, sizeof buf, "<torch._C.Generator object at %p>", (void *)self.as.o);
    return str_value(buf);
}

static const NativeMethodDef generator_methods[] = {
    {"manual_seed", g_manual_seed, NULL},
    {"seed", g_seed, NULL},
    {"initial_seed", g_initial_seed, NULL},
    {"get_state", g_get_state, NULL},
    {"set_state", g_set_state, NULL},
    {NULL, NULL, NULL},
};

static const NativeGetSetDef generator_getset[] = {
    {"device", g_device, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

TypeObj type_torch_generator = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "Generator",
    .module_name = "torch",
    .instance_size = sizeof(ObjGenerator),
    .is_native = true,
    .dealloc = generator_dealloc,
    .call_type = generator_new,
    .repr = generator_repr,
    .methods = generator_methods,
    .getset = generator_getset,
};

// torch.manual_seed(s): seeds the default generator, returns it.
static Value f_manual_seed(int nargs, Value *args, const KwArgs *kw) {
    uint64_t seed;
    if (arg_check_count("manual_seed", nargs, 1, 1) < 0 || arg_no_kwargs("manual_seed", kw) < 0 ||
        seed_arg(args[0], &seed) < 0)
        return VAL_ERROR;
    gen_manual_seed(gen_default(), seed);
    return default_generator_value();
}

static Value f_seed(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_check_count("seed", nargs, 0, 0) < 0 || arg_no_kwargs("seed", kw) < 0) return VAL_ERROR;
    return INT_VAL((int64_t)gen_seed(gen_default()));
}

static Value f_initial_seed(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_check_count("initial_seed", nargs, 0, 0) < 0 || arg_no_kwargs("initial_seed", kw) < 0)
        return VAL_ERROR;
    return INT_VAL((int64_t)gen_initial_seed(gen_default()));
}

static Value f_get_rng_state(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_check_count("get_rng_state", nargs, 0, 0) < 0 || arg_no_kwargs("get_rng_state", kw) < 0)
        return VAL_ERROR;
    return state_tensor(gen_default());
}

static Value f_set_rng_state(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("set_rng_state", nargs, 1, 1) < 0 || arg_no_kwargs("set_rng_state", kw) < 0 ||
        set_state(gen_default(), args[0]) < 0)
        return VAL_ERROR;
    return NONE_VAL;
}

// ---------------------------------------------------------------- filling tensors

// Fills the contiguous [out] (numel n); [contig] is whether the tensor the
// caller writes was contiguous (normal_'s path choice depends on it).
typedef int (*FillFn)(Generator *g, Tensor *out, bool contig, const void *ctx);

// Runs [fn] so that values land in PyTorch's order: row-major for a
// contiguous [t], memory order (dims sorted by stride) otherwise.
static int random_fill(Tensor *t, Generator *g, FillFn fn, const void *ctx) {
    if (tensor_is_contiguous(t)) {
        int rc = fn(g, t, true, ctx);
        if (rc == 0) storage_bump_version(t->storage);
        return rc;
    }
    int64_t perm[TENSOR_MAX_DIMS];
    for (int i = 0; i < t->ndim; i++) perm[i] = i;
    for (int i = 1; i < t->ndim; i++)   // insertion sort: largest stride first, stable
        for (int j = i; j > 0 && t->strides[perm[j]] > t->strides[perm[j - 1]]; j--) {
            int64_t x = perm[j];
            perm[j] = perm[j - 1];
            perm[j - 1] = x;
        }
    Tensor *view = tensor_permute(t, t->ndim, perm);
    if (!view) return -1;
    Tensor *tmp = tensor_empty(view->ndim, view->shape, t->dtype);
    int rc = tmp ? fn(g, tmp, false, ctx) : -1;
    if (rc == 0) rc = tensor_copy_(view, tmp);
    tensor_release(tmp);
    tensor_release(view);
    return rc;
}

typedef struct {
    double a, b;
} TwoParams;

static int not_implemented(const char *kernel, DType dt) {
    return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel, dtype_cpp_name(dt));
}

static int fill_uniform(Generator *g, Tensor *out, bool contig, const void *ctx) {
    (void)contig;
    const TwoParams *p = ctx;
    int64_t n = tensor_numel(out);
    void *d = tensor_data(out);
    switch (out->dtype) {
    case DT_F32: return gen_uniform_f32(g, d, n, p->a, p->b);
    case DT_F64: return gen_uniform_f64(g, d, n, p->a, p->b);
    case DT_F16: return gen_uniform_f16(g, d, n, p->a, p->b);
    case DT_BF16: return gen_uniform_bf16(g, d, n, p->a, p->b);
    default: return not_implemented("check_uniform_bounds", out->dtype);
    }
}

static int fill_normal(Generator *g, Tensor *out, bool contig, const void *ctx) {
    const TwoParams *p = ctx;
    int64_t n = tensor_numel(out);
    void *d = tensor_data(out);
    switch (out->dtype) {
    case DT_F32: return gen_normal_f32(g, d, n, p->a, p->b, contig);
    case DT_F64: return gen_normal_f64(g, d, n, p->a, p->b, contig);
    case DT_F16: return gen_normal_f16(g, d, n, p->a, p->b, contig);
    case DT_BF16: return gen_normal_bf16(g, d, n, p->a, p->b, contig);
    default: return not_implemented("normal_kernel_cpu", out->dtype);
    }
}

// Samplers computed in double or float: exponential, cauchy, log-normal, geometric.
typedef struct {
    int kind;        // 0 exponential, 1 cauchy, 2 log_normal, 3 geometric
    double a, b;
    const char *kernel;
} DistParams;

static int fill_dist(Generator *g, Tensor *out, bool contig, const void *ctx) {
    (void)contig;
    const DistParams *p = ctx;
    int64_t n = tensor_numel(out);
    DType dt = out->dtype;
    if (!dtype_is_floating(dt) && p->kind != 3) return not_implemented(p->kernel, dt);
    if (dt == DT_F32) {
        float *d = tensor_data(out);
        switch (p->kind) {
        case 0: return gen_exponential_f32(g, d, n, p->a);
        case 1: return gen_cauchy_f32(g, d, n, p->a, p->b);
        case 2: return gen_log_normal_f32(g, d, n, p->a, p->b);
        default: return gen_geometric_f32(g, d, n, p->a);
        }
    }
    // Other dtypes: computed in double, then rounded / cast.
    double *buf = malloc(sizeof(double) * (size_t)(n ? n : 1));
    if (!buf) return tl_raise_int(ERR_MEMORY, "%s", "");
    int rc;
    switch (p->kind) {
    case 0: rc = gen_exponential_f64(g, buf, n, p->a); break;
    case 1: rc = gen_cauchy_f64(g, buf, n, p->a, p->b); break;
    case 2: rc = gen_log_normal_f64(g, buf, n, p->a, p->b); break;
    default: rc = gen_geometric_f64(g, buf, n, p->a); break;
    }
    if (rc == 0) {
        size_t es = dtype_size(dt);
        char *d = tensor_data(out);
        for (int64_t i = 0; i < n; i++) tensor_write(d + i * (int64_t)es, dt, buf[i]);
    }
    free(buf);
    return rc;
}

// Integer draws (randint, random_) into an int64 buffer, then cast.
typedef struct {
    int mode;        // 0 from_to, 1 full64, 2 mod
    uint64_t range;  // from_to: range; mod: modulus
    int64_t base;
    bool wide;
} IntParams;

static int fill_int(Generator *g, Tensor *out, bool contig, const void *ctx) {
    (void)contig;
    const IntParams *p = ctx;
    int64_t n = tensor_numel(out);
    int64_t *buf = out->dtype == DT_I64 ? tensor_data(out) : malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    if (!buf) return tl_raise_int(ERR_MEMORY, "%s", "");
    if (p->mode == 0) gen_random_from_to(g, buf, n, p->range, p->base, p->wide);
    else if (p->mode == 1) gen_random_full64(g, buf, n);
    else gen_random_mod(g, buf, n, p->range, p->wide);
    if (out->dtype != DT_I64) {
        size_t es = dtype_size(out->dtype);
        char *d = tensor_data(out);
        for (int64_t i = 0; i < n; i++) {
            if (dtype_is_floating(out->dtype)) tensor_write(d + i * (int64_t)es, out->dtype, (double)buf[i]);
            else reduce_store_i64(d + i * (int64_t)es, out->dtype, buf[i]);
        }
        free(buf);
    }
    return 0;
}

// ---------------------------------------------------------------- random_ / randint bounds

// Bits of mantissa for random_'s float bound adjustment.
static int float_digits(DType dt) {
    switch (dt) {
    case DT_F32: return 24;
    case DT_F64: return 53;
    case DT_F16: return 11;
    case DT_BF16: return 8;
    default: return 0;
    }
}

static bool wide_dtype(DType dt) { return dt == DT_I64 || dt == DT_F64 || dt == DT_F32 || dt == DT_BF16; }

// The largest value random_(from, None) may produce for [dt].
static int64_t dtype_max_int(DType dt) {
    switch (dt) {
    case DT_BOOL: return 1;
    case DT_U8: return 255;
    case DT_I8: return 127;
    case DT_I16: return 32767;
    case DT_I32: return 2147483647;
    case DT_I64: return INT64_MAX;
    default: return (int64_t)1 << float_digits(dt);
    }
}

static int from_to_params(DType dt, int64_t from, bool has_to, int64_t to, IntParams *p) {
    int digits = float_digits(dt);
    if (digits) {
        from = gen_float_from_bound(from, digits);
        if (has_to) to = gen_float_to_bound(to, digits);
    }
    p->wide = wide_dtype(dt);
    p->base = from;
    if (!has_to) {
        int64_t to_inc = dtype_max_int(dt);
        if (from > to_inc)
            return tl_raise_int(ERR_RUNTIME, "random_ expects 'from' casted to dtype to be less than or "
                                "equal to 'to_inc' casted to dtype, but got from=%lld > to_inc=%lld",
                                (long long)from, (long long)to_inc);
        uint64_t range = (uint64_t)to_inc - (uint64_t)from + 1;
        if (range == 0) { p->mode = 1; return 0; }       // the full 64-bit range
        p->mode = 0;
        p->range = range;
        return 0;
    }
    if (from >= to)
        return tl_raise_int(ERR_RUNTIME, "random_ expects 'from' to be less than 'to', but got from=%lld >= "
                            "to=%lld", (long long)from, (long long)to);
    p->mode = 0;
    p->range = (uint64_t)to - (uint64_t)from;
    return 0;
}

// random_() with no bounds: PyTorch's per-dtype modulus.
static void mod_params(DType dt, IntParams *p) {
    p->mode = 2;
    p->wide = dt == DT_I64 || dt == DT_F64;
    switch (dt) {
    case DT_I64: p->range = (uint64_t)1 << 63; break;
    case DT_I32: p->range = (uint64_t)1 << 31; break;
    case DT_I16: p->range = 1 << 15; break;
    case DT_I8: p->range = 1 << 7; break;
    case DT_U8: p->range = 1 << 8; break;
    case DT_BOOL: p->range = 2; break;
    default: p->range = ((uint64_t)1 << float_digits(dt)) + 1; break;
    }
}

// ---------------------------------------------------------------- factories

// rand / randn: a new tensor of the factory's shape, then the fill.
static Value rand_factory(const char *fname, int nargs, Value *args, const KwArgs *kw, FillFn fn,
                          const void *ctx) {
    FactoryArgs fa;
    if (lib_factory_args(fname, nargs, args, kw, &fa) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(fa.generator);
    if (!g) return VAL_ERROR;
    DType dt = fa.dtype < 0 ? dtype_default_float() : (DType)fa.dtype;
    Tensor *t = tensor_empty(fa.ndim, fa.shape, dt);
    if (!t) return VAL_ERROR;
    if (random_fill(t, g, fn, ctx) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return lib_factory_return(t, &fa);
}

static const TwoParams unit_uniform = {0, 1}, unit_normal = {0, 1};

static Value f_rand(int nargs, Value *args, const KwArgs *kw) {
    return rand_factory("rand", nargs, args, kw, fill_uniform, &unit_uniform);
}

static Value f_randn(int nargs, Value *args, const KwArgs *kw) {
    return rand_factory("randn", nargs, args, kw, fill_normal, &unit_normal);
}

// rand_like / randn_like / randint_like: [kind] 0 uniform, 1 normal, 2 int.
static Value like(const char *fname, int nargs, Value *args, const KwArgs *kw, int kind) {
    SELF(fname);
    static const char *const names[] = {"low", "high", "dtype", "layout", "device", "pin_memory",
                                        "requires_grad", "memory_format", "generator"};
    Value a[9];
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, kind == 2 ? 2 : 0, a) < 0) return VAL_ERROR;
    DType dt = self->dtype;
    if (lib_arg_dtype(a[2], fname, &dt) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(a[8]);
    if (!g) return VAL_ERROR;
    Tensor *t = tensor_empty(self->ndim, self->shape, dt);
    if (!t) return VAL_ERROR;
    int rc;
    if (kind == 0) rc = random_fill(t, g, fill_uniform, &unit_uniform);
    else if (kind == 1) rc = random_fill(t, g, fill_normal, &unit_normal);
    else {
        int64_t low = 0, high;
        Value hv = IS_UNDEF(a[1]) ? a[0] : a[1];
        if (!IS_UNDEF(a[1]) && lib_arg_int(a[0], fname, "low", &low) < 0) rc = -1;
        else if (IS_UNDEF(hv)) rc = tl_raise_int(ERR_TYPE, "randint_like() missing required argument 'high'");
        else if (lib_arg_int(hv, fname, "high", &high) < 0) rc = -1;
        else {
            IntParams p;
            rc = from_to_params(dt, low, true, high, &p);
            if (rc == 0) rc = random_fill(t, g, fill_int, &p);
        }
    }
    if (rc < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return lib_factory_finish(t, a[4], a[6]);
}

static Value f_rand_like(int nargs, Value *args, const KwArgs *kw) { return like("rand_like", nargs, args, kw, 0); }
static Value f_randn_like(int nargs, Value *args, const KwArgs *kw) { return like("randn_like", nargs, args, kw, 1); }
static Value f_randint_like(int nargs, Value *args, const KwArgs *kw) { return like("randint_like", nargs, args, kw, 2); }

// Keyword arguments other than [skip] (which are returned in [out]).
static int split_kw(const KwArgs *kw, const char *const *skip, int nskip, Value *out, KwArgs *rest,
                    ObjStr **names, Value *values) {
    for (int i = 0; i < nskip; i++) out[i] = VAL_UNDEFINED;
    rest->n = 0;
    rest->names = names;
    rest->values = values;
    for (int k = 0; kw && k < kw->n; k++) {
        int j = 0;
        while (j < nskip && strcmp(skip[j], kw->names[k]->data) != 0) j++;
        if (j < nskip) { out[j] = kw->values[k]; continue; }
        if (rest->n >= 16) return tl_raise_int(ERR_TYPE, "too many keyword arguments");
        names[rest->n] = kw->names[k];
        values[rest->n++] = kw->values[k];
    }
    return 0;
}

// randint(high, size) / randint(low, high, size).
static Value f_randint(int nargs, Value *args, const KwArgs *kw) {
    static const char *const skip[] = {"low", "high", "size"};
    Value a[3];
    KwArgs rest;
    ObjStr *kn[16];
    Value kv[16];
    if (split_kw(kw, skip, 3, a, &rest, kn, kv) < 0) return VAL_ERROR;
    if (nargs == 2) { a[1] = args[0]; a[2] = args[1]; }
    else if (nargs == 3) { a[0] = args[0]; a[1] = args[1]; a[2] = args[2]; }
    else if (nargs == 1 && !IS_UNDEF(a[2])) a[1] = args[0];
    else if (nargs != 0) return exc_raise(exc_TypeError, "randint() received an invalid combination of arguments");
    if (IS_UNDEF(a[1]) || IS_UNDEF(a[2]))
        return exc_raise(exc_TypeError, "randint() missing required arguments: \"high\" and \"size\"");
    int64_t low = 0, high;
    if ((!IS_UNDEF(a[0]) && lib_arg_int(a[0], "randint", "low", &low) < 0) ||
        lib_arg_int(a[1], "randint", "high", &high) < 0)
        return VAL_ERROR;
    FactoryArgs fa;
    if (lib_factory_args("randint", 1, &a[2], &rest, &fa) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(fa.generator);
    if (!g) return VAL_ERROR;
    DType dt = fa.dtype < 0 ? DT_I64 : (DType)fa.dtype;
    IntParams p;
    if (from_to_params(dt, low, true, high, &p) < 0) return VAL_ERROR;
    Tensor *t = tensor_empty(fa.ndim, fa.shape, dt);
    if (!t) return VAL_ERROR;
    if (random_fill(t, g, fill_int, &p) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return lib_factory_return(t, &fa);
}

static Value f_randperm(int nargs, Value *args, const KwArgs *kw) {
    if (nargs != 1) return exc_raise(exc_TypeError, "randperm() takes 1 positional argument (%d given)", nargs);
    int64_t n;
    FactoryArgs fa;
    Value dummy = INT_VAL(0);
    if (lib_arg_int(args[0], "randperm", "n", &n) < 0 || lib_factory_args("randperm", 1, &dummy, kw, &fa) < 0)
        return VAL_ERROR;
    Generator *g = lib_arg_generator(fa.generator);
    if (!g) return VAL_ERROR;
    if (n < 0) return tl_raise(ERR_RUNTIME, "n must be non-negative, got%lld", (long long)n), VAL_ERROR;
    Tensor *t = tensor_empty(1, &n, DT_I64);
    if (!t) return VAL_ERROR;
    if (gen_randperm(g, tensor_data(t), n) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    if (fa.dtype >= 0 && fa.dtype != DT_I64) {
        Tensor *c = tensor_to_dtype(t, (DType)fa.dtype, false);
        tensor_release(t);
        t = c;
    }
    return lib_factory_return(t, &fa);
}

// torch.normal: (float, float, size), (Tensor, float), (float, Tensor), (Tensor, Tensor).
static Value f_normal(int nargs, Value *args, const KwArgs *kw) {
    static const char *const skip[] = {"mean", "std", "size", "generator", "out"};
    Value a[5];
    KwArgs rest;
    ObjStr *kn[16];
    Value kv[16];
    if (split_kw(kw, skip, 5, a, &rest, kn, kv) < 0) return VAL_ERROR;
    for (int i = 0; i < nargs && i < 3; i++) a[i] = args[i];
    if (IS_UNDEF(a[0])) a[0] = FLOAT_VAL(0);
    if (IS_UNDEF(a[1])) a[1] = FLOAT_VAL(1);
    Generator *g = lib_arg_generator(a[3]);
    if (!g) return VAL_ERROR;
    Tensor *tm = lib_tensor_or_null(a[0]), *ts = lib_tensor_or_null(a[1]);
    if (!tm && !ts) {
        double mean, std;
        if (IS_UNDEF(a[2]))
            return exc_raise(exc_TypeError, "normal() received an invalid combination of arguments - got "
                             "(float, float), but expected a size");
        if (lib_arg_double(a[0], "normal", "mean", &mean) < 0 || lib_arg_double(a[1], "normal", "std", &std) < 0)
            return VAL_ERROR;
        TwoParams p = {mean, std};
        FactoryArgs fa;
        if (lib_factory_args("normal", 1, &a[2], &rest, &fa) < 0) return VAL_ERROR;
        DType dt = fa.dtype < 0 ? dtype_default_float() : (DType)fa.dtype;
        Tensor *t = tensor_empty(fa.ndim, fa.shape, dt);
        if (!t || random_fill(t, g, fill_normal, &p) < 0) {
            tensor_release(t);
            return VAL_ERROR;
        }
        fa.out = a[4];
        return lib_factory_return(t, &fa);
    }
    // Composed as PyTorch 1.13 does (see tensor/rng.h).
    const Tensor *shape_src[2] = {tm, ts};
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shape(2, shape_src, &nd, shape) < 0) return VAL_ERROR;
    DType dt = tm ? tm->dtype : ts->dtype;
    Tensor *out = tensor_empty(nd, shape, dt);
    if (!out) return VAL_ERROR;
    int rc;
    if (!ts) {
        double std;
        rc = lib_arg_double(a[1], "normal", "std", &std);
        TwoParams p = {0, std};
        if (rc == 0 && std < 0)
            rc = tl_raise_int(ERR_RUNTIME, "normal expects std >= 0.0, but found std %g", std);
        if (rc == 0) rc = random_fill(out, g, fill_normal, &p);
    } else {
        rc = random_fill(out, g, fill_normal, &unit_normal);
        if (rc == 0) rc = tensor_binary_(OP_MUL, out, ts, NULL);
    }
    if (rc == 0) {
        if (tm) rc = tensor_binary_(OP_ADD, out, tm, NULL);
        else {
            double mean;
            rc = lib_arg_double(a[0], "normal", "mean", &mean);
            if (rc == 0) rc = tensor_binary_scalar_(OP_ADD, out, tensor_scalar_float(mean), NULL);
        }
    }
    if (rc < 0) {
        tensor_release(out);
        return VAL_ERROR;
    }
    return lib_return_out(a[4], out);
}

// ---------------------------------------------------------------- bernoulli / multinomial

// bernoulli_ with a tensor of probabilities broadcast to [t].
typedef struct {
    const Tensor *p;
    bool scalar;
    double pv;
} BernParams;

static int fill_bernoulli(Generator *g, Tensor *out, bool contig, const void *ctx) {
    (void)contig;
    const BernParams *bp = ctx;
    int64_t n = tensor_numel(out);
    uint8_t *bits = malloc((size_t)(n ? n : 1));
    if (!bits) return tl_raise_int(ERR_MEMORY, "%s", "");
    int rc;
    if (bp->scalar) {
        rc = gen_bernoulli(g, bits, n, bp->pv);
    } else {
        DType pdt = bp->p->dtype == DT_F64 ? DT_F64 : DT_F32;
        Tensor *pe = tensor_expand(bp->p, out->ndim, out->shape);
        Tensor *pc = pe ? tensor_empty(out->ndim, out->shape, pdt) : NULL;
        rc = pc ? tensor_copy_(pc, pe) : -1;
        if (rc == 0)
            rc = pdt == DT_F64 ? gen_bernoulli_pf64(g, bits, tensor_data(pc), n)
                               : gen_bernoulli_pf32(g, bits, tensor_data(pc), n);
        tensor_release(pe);
        tensor_release(pc);
    }
    if (rc == 0) {
        size_t es = dtype_size(out->dtype);
        char *d = tensor_data(out);
        for (int64_t i = 0; i < n; i++) tensor_write(d + i * (int64_t)es, out->dtype, bits[i]);
    }
    free(bits);
    return rc;
}

static int bernoulli_into(Tensor *t, Value p, Generator *g) {
    BernParams bp = {0};
    if (lib_is_tensor(p)) {
        bp.p = lib_tensor(p);
        if (!dtype_is_floating(bp.p->dtype))
            return not_implemented("bernoulli_tensor_cpu_p_", bp.p->dtype);
    } else {
        bp.scalar = true;
        if (lib_arg_double(p, "bernoulli_", "p", &bp.pv) < 0) return -1;
    }
    return random_fill(t, g, fill_bernoulli, &bp);
}

// torch.bernoulli(input, p=None, generator=None): input holds the probabilities.
static Value f_bernoulli(int nargs, Value *args, const KwArgs *kw) {
    SELF("bernoulli");
    static const char *const names[] = {"p", "generator", "out"};
    Value a[3];
    if (LIB_BIND("bernoulli", nargs - 1, args + 1, kw, names, 1, a) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(a[1]);
    if (!g) return VAL_ERROR;
    Tensor *t = tensor_empty(self->ndim, self->shape, self->dtype);
    if (!t) return VAL_ERROR;
    if (bernoulli_into(t, IS_UNDEF(a[0]) || IS_NONE(a[0]) ? args[0] : a[0], g) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return lib_return_out(a[2], t);
}

static Value f_multinomial(int nargs, Value *args, const KwArgs *kw) {
    SELF("multinomial");
    static const char *const names[] = {"num_samples", "replacement", "generator", "out"};
    Value a[4];
    int64_t ns;
    bool repl = false;
    if (LIB_BIND("multinomial", nargs - 1, args + 1, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "multinomial() missing required argument 'num_samples'");
    if (lib_arg_int(a[0], "multinomial", "num_samples", &ns) < 0 ||
        (!IS_UNDEF(a[1]) && lib_arg_bool(a[1], "multinomial", "replacement", &repl) < 0))
        return VAL_ERROR;
    Generator *g = lib_arg_generator(a[2]);
    if (!g) return VAL_ERROR;
    if (self->ndim != 1 && self->ndim != 2)
        return tl_raise(ERR_RUNTIME, "prob_dist must be 1 or 2 dim"), VAL_ERROR;
    if (!dtype_is_floating(self->dtype))
        return tl_raise(ERR_RUNTIME, "multinomial only supports floating-point dtypes for input, got: %s",
                        dtype_cpp_name(self->dtype)), VAL_ERROR;
    DType pdt = self->dtype == DT_F64 ? DT_F64 : DT_F32;
    Tensor *pc = tensor_to_dtype(self, pdt, false), *c = pc ? tensor_contiguous(pc) : NULL;
    tensor_release(pc);
    if (!c) return VAL_ERROR;
    int64_t ndist = self->ndim == 2 ? self->shape[0] : 1, ncat = self->shape[self->ndim - 1];
    int64_t shape[2] = {ndist, ns < 0 ? 0 : ns};
    Tensor *out = self->ndim == 2 ? tensor_empty(2, shape, DT_I64) : tensor_empty(1, &shape[1], DT_I64);
    int rc = out ? 0 : -1;
    if (rc == 0)
        rc = pdt == DT_F64 ? gen_multinomial_f64(g, tensor_data(c), ndist, ncat, ns, repl, tensor_data(out))
                           : gen_multinomial_f32(g, tensor_data(c), ndist, ncat, ns, repl, tensor_data(out));
    tensor_release(c);
    if (rc < 0) {
        tensor_release(out);
        return VAL_ERROR;
    }
    return lib_return_out(a[3], out);
}

// ---------------------------------------------------------------- in-place samplers

// An in-place sampler as autograd sees it: PyTorch's checks on [t] first
// (a leaf requiring grad ...), then a fill whose gradient is zero.
static int fill_inplace(Tensor *t, Generator *g, FillFn fn, const void *ctx) {
    AgInplace ip;
    if (ag_inplace_begin(&ip, OP_FILL, t, 0, NULL) < 0) return -1;
    return ag_inplace_end(&ip, random_fill(t, g, fn, ctx), NULL);
}

static int bernoulli_into(Tensor *t, Value p, Generator *g);

static Value sample_(int nargs, Value *args, const KwArgs *kw, const char *fname, const char *const *names,
                     const double *dflt, FillFn fn, int dist_kind, const char *kernel) {
    SELF(fname);
    Value a[3];
    double p[2] = {dflt[0], dflt[1]};
    const char *const full[3] = {names[0], names[1] ? names[1] : "generator", "generator"};
    int nn = names[1] ? 3 : 2;
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, full, nn - 1, a) < 0) return VAL_ERROR;
    for (int i = 0; i < nn - 1; i++)
        if (!IS_UNDEF(a[i]) && lib_arg_double(a[i], fname, full[i], &p[i]) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(a[nn - 1]);
    if (!g) return VAL_ERROR;
    if (fn) {
        TwoParams tp = {p[0], p[1]};
        return lib_ret_self(fill_inplace(self, g, fn, &tp), args);
    }
    DistParams dp = {dist_kind, p[0], p[1], kernel};
    return lib_ret_self(fill_inplace(self, g, fill_dist, &dp), args);
}

static Value m_uniform_(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"from", "to"};
    static const double d[] = {0, 1};
    return sample_(nargs, args, kw, "uniform_", names, d, fill_uniform, 0, NULL);
}

static Value m_normal_(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"mean", "std"};
    static const double d[] = {0, 1};
    return sample_(nargs, args, kw, "normal_", names, d, fill_normal, 0, NULL);
}

static Value m_exponential_(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"lambd", NULL};
    static const double d[] = {1, 0};
    return sample_(nargs, args, kw, "exponential_", names, d, NULL, 0, "exponential_cpu");
}

static Value m_cauchy_(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"median", "sigma"};
    static const double d[] = {0, 1};
    return sample_(nargs, args, kw, "cauchy_", names, d, NULL, 1, "cauchy_cpu");
}

static Value m_log_normal_(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"mean", "std"};
    static const double d[] = {1, 2};
    return sample_(nargs, args, kw, "log_normal_", names, d, NULL, 2, "log_normal_cpu");
}

static Value m_geometric_(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"p", NULL};
    static const double d[] = {0.5, 0};
    return sample_(nargs, args, kw, "geometric_", names, d, NULL, 3, "geometric_cpu");
}

// random_() / random_(to) / random_(from, to) / random_(from, None).
static Value m_random_(int nargs, Value *args, const KwArgs *kw) {
    SELF("random_");
    static const char *const names[] = {"from", "to", "generator"};
    Value a[3];
    if (LIB_BIND("random_", nargs - 1, args + 1, kw, names, 2, a) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(a[2]);
    if (!g) return VAL_ERROR;
    IntParams p;
    bool has_from = !IS_UNDEF(a[0]), has_to = !IS_UNDEF(a[1]);
    if (!has_from && !has_to) mod_params(self->dtype, &p);
    else {
        int64_t from = 0, to = 0;
        if (has_from && !has_to && nargs == 2) {   // random_(to)
            if (lib_arg_int(a[0], "random_", "to", &to) < 0) return VAL_ERROR;
            has_to = true;
        } else {
            if (has_from && lib_arg_int(a[0], "random_", "from", &from) < 0) return VAL_ERROR;
            if (has_to && IS_NONE(a[1])) has_to = false;
            else if (has_to && lib_arg_int(a[1], "random_", "to", &to) < 0) return VAL_ERROR;
        }
        if (from_to_params(self->dtype, from, has_to, to, &p) < 0) return VAL_ERROR;
    }
    return lib_ret_self(fill_inplace(self, g, fill_int, &p), args);
}

static Value m_bernoulli_(int nargs, Value *args, const KwArgs *kw) {
    SELF("bernoulli_");
    static const char *const names[] = {"p", "generator"};
    Value a[2];
    if (LIB_BIND("bernoulli_", nargs - 1, args + 1, kw, names, 1, a) < 0) return VAL_ERROR;
    Generator *g = lib_arg_generator(a[1]);
    if (!g) return VAL_ERROR;
    AgInplace ip;
    if (ag_inplace_begin(&ip, OP_FILL, self, 0, NULL) < 0) return VAL_ERROR;
    int rc = bernoulli_into(self, IS_UNDEF(a[0]) ? FLOAT_VAL(0.5) : a[0], g);
    return lib_ret_self(ag_inplace_end(&ip, rc, NULL), args);
}

const NativeMethodDef lib_tensor_methods_random[] = {
    {"uniform_", m_uniform_, NULL},
    {"normal_", m_normal_, NULL},
    {"random_", m_random_, NULL},
    {"exponential_", m_exponential_, NULL},
    {"cauchy_", m_cauchy_, NULL},
    {"log_normal_", m_log_normal_, NULL},
    {"geometric_", m_geometric_, NULL},
    {"bernoulli_", m_bernoulli_, NULL},
    {"bernoulli", f_bernoulli, NULL},
    {"multinomial", f_multinomial, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_torch_fns_random[] = {
    {"manual_seed", f_manual_seed, NULL},
    {"seed", f_seed, NULL},
    {"initial_seed", f_initial_seed, NULL},
    {"get_rng_state", f_get_rng_state, NULL},
    {"set_rng_state", f_set_rng_state, NULL},
    {"rand", f_rand, NULL},
    {"randn", f_randn, NULL},
    {"randint", f_randint, NULL},
    {"randperm", f_randperm, NULL},
    {"rand_like", f_rand_like, NULL},
    {"randn_like", f_randn_like, NULL},
    {"randint_like", f_randint_like, NULL},
    {"normal", f_normal, NULL},
    {"bernoulli", f_bernoulli, NULL},
    {"multinomial", f_multinomial, NULL},
    {NULL, NULL, NULL},
};

void lib_torch_random_init(ObjModule *m) {
    type_ready(&type_torch_generator);
    module_add_value(m, "default_generator", default_generator_value());
}
