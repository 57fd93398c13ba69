// Floating-point statistics over lanes (see ReduceLanes): var/std (two-pass,
// in double), their _mean forms, p-norms (torch.norm, linalg.vector_norm)
// and a stable logsumexp. Only floating dtypes reach the kernels: the
// wrappers raise PyTorch's errors or cast (logsumexp of integers).
#include "tensor/parallel.h"
#include "tensor/reduce.h"

#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "common/error.h"
#include "tensor/linalg.h"

// Loads element k of a lane, whatever its dtype (floating only here).
typedef double (*LoadFn)(const void *p);
static double ld_f16(const void *p) { return reduce_ld_F16(p); }
static double ld_bf16(const void *p) { return reduce_ld_BF16(p); }
static double ld_f32(const void *p) { return reduce_ld_F32(p); }
static double ld_f64(const void *p) { return reduce_ld_F64(p); }

static LoadFn loader(DType dt) {
    switch (dt) {
    case DT_F16: return ld_f16;
    case DT_BF16: return ld_bf16;
    case DT_F32: return ld_f32;
    default: return ld_f64;
    }
}

// Calls BODY(v) for every element v of the lane starting at p. The float32
// and float64 cases are spelled out so the compiler sees plain loads.
#define FOR_LANE(L, p, dt, BODY)                                                   \
    do {                                                                           \
        LoadFn ld_ = loader(dt);                                                   \
        for (int64_t k1 = 0; k1 < (L)->K1; k1++) {                                 \
            const char *q_ = (p) + k1 * (L)->s1 * (int64_t)(L)->elsize;            \
            if ((dt) == DT_F32) {                                                  \
                const float *f_ = (const float *)q_;                               \
                for (int64_t k0 = 0; k0 < (L)->K0; k0++) { double v = f_[k0 * (L)->s0]; BODY; } \
            } else if ((dt) == DT_F64) {                                           \
                const double *f_ = (const double *)q_;                             \
                for (int64_t k0 = 0; k0 < (L)->K0; k0++) { double v = f_[k0 * (L)->s0]; BODY; } \
            } else {                                                               \
                for (int64_t k0 = 0; k0 < (L)->K0; k0++) {                         \
                    double v = ld_(q_ + k0 * (L)->s0 * (int64_t)(L)->elsize); BODY; \
                }                                                                  \
            }                                                                      \
        }                                                                          \
    } while (0)

static inline bool go_parallel(const ReduceLanes *L) {
    return L->nlanes > 1 && L->nlanes * L->K >= 32768;
}

static const char *lane_ptr(const ReduceLanes *L, int64_t i) {
    return L->data + reduce_lane_offset(L, i) * (int64_t)L->elsize;
}

static int lanes_of(ReduceLanes *L, const Tensor *x, const OpArgs *args) {
    bool mask[TENSOR_MAX_DIMS];
    if (reduce_dim_mask(x, args->dims, args->ndims, mask) < 0) return -1;
    return reduce_lanes_init(L, x, mask, true);
}

static void put(Tensor *t, int64_t i, double v) {
    tensor_write((char *)tensor_data(t) + i * (int64_t)dtype_size(t->dtype), t->dtype, v);
}

// ---- var / std ----

// Var (or std when [take_sqrt]) of each lane with s[0] = correction, and
// the lane means into [mean_out] when non-NULL.
static int var_kernel(Tensor *out, Tensor *mean_out, const Tensor *x, const OpArgs *args,
                      bool take_sqrt) {
    ReduceLanes L;
    if (lanes_of(&L, x, args) < 0) return -1;
    DType dt = x->dtype;
    double denom = (double)L.K - args->s[0];
    if (denom < 0) denom = 0;
    TL_PARALLEL_FOR(go_parallel(&L), i, L.nlanes, {
        const char *p = lane_ptr(&L, i);
        double s = 0, m2 = 0;
        FOR_LANE(&L, p, dt, s += v);
        double mean = s / (double)L.K;
        FOR_LANE(&L, p, dt, m2 += (v - mean) * (v - mean));
        double var = m2 / denom;
        put(out, i, take_sqrt ? sqrt(var) : var);
        if (mean_out) put(mean_out, i, mean);
    });
    reduce_lanes_free(&L);
    return 0;
}

int cpu_var(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return var_kernel(out, NULL, in[0], args, false);
}
int cpu_std(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return var_kernel(out, NULL, in[0], args, true);
}
int cpu_var_mean(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return var_kernel(out, (Tensor *)in[1], in[0], args, false);
}
int cpu_std_mean(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return var_kernel(out, (Tensor *)in[1], in[0], args, true);
}

static Tensor *var_like(OpCode op, const Tensor *x, const int64_t *dims, int ndims,
                        double correction, bool keepdim, Tensor **mean) {
    if (!dtype_is_floating(x->dtype))
        return tl_raise(ERR_RUNTIME, "std and var only support floating point and complex dtypes");
    OpArgs a = {0};
    reduce_args_dims(&a, dims, ndims, keepdim);
    a.s[0] = correction;
    return reduce_run(op, x, &a, x->dtype, mean, x->dtype);
}

Tensor *tensor_var(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim) {
    return var_like(OP_VAR, x, dims, ndims, correction, keepdim, NULL);
}

Tensor *tensor_std(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim) {
    return var_like(OP_STD, x, dims, ndims, correction, keepdim, NULL);
}

int tensor_var_mean(const Tensor *x, const int64_t *dims, int ndims, double correction,
                    bool keepdim, Tensor **var, Tensor **mean) {
    Tensor *m = NULL, *v = var_like(OP_VAR_MEAN, x, dims, ndims, correction, keepdim, &m);
    if (!v) return -1;
    *var = v;
    *mean = m;
    return 0;
}

int tensor_std_mean(const Tensor *x, const int64_t *dims, int ndims, double correction,
                    bool keepdim, Tensor **std, Tensor **mean) {
    Tensor *m = NULL, *v = var_like(OP_STD_MEAN, x, dims, ndims, correction, keepdim, &m);
    if (!v) return -1;
    *std = v;
    *mean = m;
    return 0;
}

// ---- norms ----

// sum(|x|^p)^(1/p) of one lane, with PyTorch's special orders: inf/-inf
// take max/min |x| (NaN propagates), 0 counts nonzeros.
static double lane_norm(const ReduceLanes *L, const char *p, DType dt, double ord) {
    double acc = 0;
    if (ord == 2) {
        FOR_LANE(L, p, dt, acc += v * v);
        return sqrt(acc);
    }
    if (ord == 1) {
        FOR_LANE(L, p, dt, acc += fabs(v));
        return acc;
    }
    if (isinf(ord)) {
        bool nan = false;
        acc = ord > 0 ? 0 : INFINITY;
        if (ord > 0) FOR_LANE(L, p, dt, { nan |= isnan(v); if (fabs(v) > acc) acc = fabs(v); });
        else FOR_LANE(L, p, dt, { nan |= isnan(v); if (fabs(v) < acc) acc = fabs(v); });
        return nan ? NAN : acc;
    }
    if (ord == 0) {
        FOR_LANE(L, p, dt, acc += v != 0);
        return acc;
    }
    FOR_LANE(L, p, dt, acc += pow(fabs(v), ord));
    return pow(acc, 1.0 / ord);
}

static int norm_kernel(Tensor *out, const Tensor *x, const OpArgs *args) {
    ReduceLanes L;
    if (lanes_of(&L, x, args) < 0) return -1;
    TL_PARALLEL_FOR(go_parallel(&L), i, L.nlanes, {
        put(out, i, lane_norm(&L, lane_ptr(&L, i), x->dtype, args->s[0]));
    });
    reduce_lanes_free(&L);
    return 0;
}

int cpu_norm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return norm_kernel(out, in[0], args);
}
int cpu_linalg_vector_norm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return norm_kernel(out, in[0], args);
}

static Tensor *norm_like(OpCode op, const Tensor *x, double p, const int64_t *dims, int ndims,
                         bool keepdim, int dtype) {
    if (!dtype_is_floating(x->dtype)) {
        if (op == OP_NORM)
            return tl_raise(ERR_RUNTIME, "norm(): input dtype should be either floating point "
                            "or complex. Got %s instead.", reduce_type_name(x->dtype));
        return tl_raise(ERR_RUNTIME, "linalg.vector_norm: Expected a floating point or complex "
                        "tensor as input. Got %s", reduce_type_name(x->dtype));
    }
    if (dtype >= 0 && !dtype_is_floating((DType)dtype))
        return tl_raise(ERR_RUNTIME, "%s: dtype should be floating point or complex, but got %s",
                        op == OP_NORM ? "norm()" : "linalg.vector_norm",
                        reduce_type_name((DType)dtype));
    Tensor *src = dtype >= 0 ? reduce_to_contig(x, (DType)dtype) : tensor_retain((Tensor *)x);
    if (!src) return NULL;
    OpArgs a = {0};
    reduce_args_dims(&a, dims, ndims, keepdim);
    a.s[0] = p;
    Tensor *out = reduce_run(op, src, &a, src->dtype, NULL, 0);
    tensor_release(src);
    return out;
}

Tensor *tensor_norm(const Tensor *x, double p, const int64_t *dims, int ndims, bool keepdim,
                    int dtype) {
    return norm_like(OP_NORM, x, p, dims, ndims, keepdim, dtype);
}

Tensor *tensor_linalg_vector_norm(const Tensor *x, double ord, const int64_t *dims, int ndims,
                                  bool keepdim, int dtype) {
    return norm_like(OP_LINALG_VECTOR_NORM, x, ord, dims, ndims, keepdim, dtype);
}

// ---- logsumexp ----

// max + log(sum(exp(x - max))), with an infinite max replaced by 0 so that
// all -inf gives -inf and any +inf gives +inf (PyTorch's formulation).
int cpu_logsumexp(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    ReduceLanes L;
    const Tensor *x = in[0];
    if (lanes_of(&L, x, args) < 0) return -1;
    TL_PARALLEL_FOR(go_parallel(&L), i, L.nlanes, {
        const char *p = lane_ptr(&L, i);
        double m = -INFINITY, s = 0;
        bool nan = false;
        FOR_LANE(&L, p, x->dtype, { nan |= isnan(v); if (v > m) m = v; });
        if (nan) { put(out, i, NAN); continue; }
        if (isinf(m)) m = 0;
        FOR_LANE(&L, p, x->dtype, s += exp(v - m));
        put(out, i, log(s) + m);
    });
    reduce_lanes_free(&L);
    return 0;
}

Tensor *tensor_logsumexp(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    DType dt = dtype_is_floating(x->dtype) ? x->dtype : dtype_default_float();
    Tensor *src = dt == x->dtype ? tensor_retain((Tensor *)x) : reduce_to_contig(x, dt);
    if (!src) return NULL;
    OpArgs a = {0};
    reduce_args_dims(&a, dims, ndims, keepdim);
    Tensor *out = reduce_run(OP_LOGSUMEXP, src, &a, dt, NULL, 0);
    tensor_release(src);
    return out;
}
