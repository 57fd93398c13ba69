// Factories. Values are written the way PyTorch's CPU kernels compute them
// (arange as start + i*step, linspace from both ends towards the middle) so
// printed digits agree.
#include "tensor/create.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/iter.h"
#include "tensor/ops.h"

Tensor *tensor_full(int ndim, const int64_t *shape, TensorScalar value, DType dtype) {
    Tensor *t = tensor_empty(ndim, shape, dtype);
    if (t && tensor_fill_(t, value) < 0) {
        tensor_release(t);
        return NULL;
    }
    if (t) t->storage->version = 0;   // a fresh tensor is at version 0 (the fill is its creation)
    return t;
}

Tensor *tensor_ones(int ndim, const int64_t *shape, DType dtype) {
    return tensor_full(ndim, shape, tensor_scalar_int(1), dtype);
}

DType tensor_full_dtype(TensorScalar v) {
    return v.kind == SCALAR_BOOL ? DT_BOOL : v.kind == SCALAR_INT ? DT_I64 : dtype_default_float();
}

// PyTorch (AVX2 build) fills float ranges 16 (float) or 8 (double) elements
// at a time as two vectors, each from a base computed like the scalar tail;
// its compiler fuses `start + step * i` into an fma. Reproducing that split
// gives the same last bits, which decide how values print and compare.
#define RANGE_VEC(dt) ((dt) == DT_F64 ? 4 : 8)

// arange: scalar value (double, fused) and vector lanes base + k*step (double, fused).
static void arange_fill(Tensor *t, double start, double step, int64_t n) {
    int64_t vec = RANGE_VEC(t->dtype), i = 0;
    if (t->dtype == DT_F32 || t->dtype == DT_F64) {
        for (; i <= n - 2 * vec; i += 2 * vec)
            for (int64_t v = i; v < i + 2 * vec; v += vec) {
                double base = t->dtype == DT_F32 ? (float)fma(step, (double)v, start)
                                                 : fma(step, (double)v, start);
                for (int64_t k = 0; k < vec; k++) tensor_set_flat(t, v + k, fma((double)k, step, base));
            }
    }
    for (; i < n; i++) tensor_set_flat(t, i, fma(step, (double)i, start));
}

Tensor *tensor_arange(TensorScalar start, TensorScalar end, TensorScalar step, int dtype) {
    bool ints = start.kind != SCALAR_FLOAT && end.kind != SCALAR_FLOAT && step.kind != SCALAR_FLOAT;
    DType dt = dtype >= 0 ? (DType)dtype : ints ? DT_I64 : dtype_default_float();
    double s = tensor_scalar_as_double(start), e = tensor_scalar_as_double(end),
           st = tensor_scalar_as_double(step);
    if (st == 0) return tl_raise(ERR_RUNTIME, "step must be nonzero");
    if (!isfinite(s) || !isfinite(e))
        return tl_raise(ERR_RUNTIME, "unsupported range: %g -> %g", s, e);
    if ((st > 0 && e < s) || (st < 0 && e > s))
        return tl_raise(ERR_RUNTIME, "upper bound and larger bound inconsistent with step sign");
    double size_d;
    if (dt == DT_I64 && ints)
        size_d = ceil((double)(end.i - start.i) / (double)step.i);
    else
        size_d = ceil((e - s) / st);
    if (!(size_d >= 0 && size_d <= 9.2e18))
        return tl_raise(ERR_RUNTIME, "invalid size, possible overflow?");
    int64_t n = (int64_t)size_d;
    Tensor *t = tensor_empty(1, &n, dt);
    if (!t) return NULL;
    if (dtype_is_floating(dt)) {
        arange_fill(t, s, st, n);
    } else if (ints) {
        for (int64_t i = 0; i < n; i++)
            tensor_set_flat_i64(t, i, (int64_t)((uint64_t)start.i + (uint64_t)i * (uint64_t)step.i));
    } else {
        for (int64_t i = 0; i < n; i++) tensor_set_flat_i64(t, i, (int64_t)(s + (double)i * st));
    }
    return t;
}

// linspace in the output's float type: the scalar value counts from the
// start in the first half and from the end in the second (fused); vector
// lanes add k*step to their base without fusing.
#define DEF_LINSPACE(NAME, T, FMA)                                                  \
    static void NAME(Tensor *t, double start_d, double end_d, int64_t n) {         \
        T start = (T)start_d, end = (T)end_d, step = (end - start) / (T)(n - 1);    \
        int64_t half = n / 2, vec = (int64_t)(32 / sizeof(T)), i = 0;               \
        for (; i <= n - 2 * vec; i += 2 * vec)                                      \
            for (int64_t v = i; v < i + 2 * vec; v += vec) {                        \
                T base = v < half ? FMA(step, (T)v, start) : FMA(-step, (T)(n - v - 1), end); \
                for (int64_t k = 0; k < vec; k++) {                                 \
                    volatile T kstep = (T)k * step;    /* not fused with the add */ \
                    tensor_set_flat(t, v + k, (double)(base + kstep));              \
                }                                                                   \
            }                                                                       \
        for (; i < n; i++)                                                          \
            tensor_set_flat(t, i, (double)(i < half ? FMA(step, (T)i, start)       \
                                                    : FMA(-step, (T)(n - i - 1), end))); \
    }
DEF_LINSPACE(linspace_f32, float, fmaf)
DEF_LINSPACE(linspace_f64, double, fma)

Tensor *tensor_linspace(double start, double end, int64_t steps, DType dt) {
    if (steps < 0) return tl_raise(ERR_RUNTIME, "number of steps must be non-negative");
    Tensor *t = tensor_empty(1, &steps, dt);
    if (!t) return NULL;
    if (steps == 1) {
        tensor_set_flat(t, 0, dtype_is_integral(dt) ? trunc(start) : start);
    } else if (dt == DT_F64) {
        linspace_f64(t, start, end, steps);
    } else if (dtype_is_floating(dt)) {
        linspace_f32(t, start, end, steps);       // float16/bfloat16 via float
    } else {
        // Integers: the ends are cast first, the step is a double.
        double s = trunc(start), e = trunc(end), step = (e - s) / (double)(steps - 1);
        for (int64_t i = 0; i < steps; i++)
            tensor_set_flat(t, i, i < steps / 2 ? s + step * (double)i : e - step * (double)(steps - i - 1));
    }
    return t;
}

Tensor *tensor_logspace(double start, double end, int64_t steps, double base, DType dt) {
    if (steps < 0) return tl_raise(ERR_RUNTIME, "number of steps must be non-negative");
    Tensor *t = tensor_empty(1, &steps, dt);
    if (!t) return NULL;
    for (int64_t i = 0; i < steps; i++) {
        double step = (end - start) / (double)(steps - 1);
        double x = steps == 1 ? start : i < steps / 2 ? fma(step, (double)i, start)
                                                      : fma(-step, (double)(steps - i - 1), end);
        tensor_set_flat(t, i, pow(base, x));
    }
    return t;
}

Tensor *tensor_eye(int64_t n, int64_t m, DType dt) {
    if (m < 0) m = n;
    if (n < 0) return tl_raise(ERR_RUNTIME, "n must be greater or equal to 0, got %lld", (long long)n);
    int64_t shape[2] = {n, m};
    Tensor *t = tensor_zeros(2, shape, dt);
    if (!t) return NULL;
    int64_t k = n < m ? n : m;
    for (int64_t i = 0; i < k; i++) tensor_set_flat(t, i * m + i, 1);
    return t;
}

Tensor *tensor_zeros_like(const Tensor *t, DType dt) {
    return tensor_zeros(t->ndim, t->shape, dt);
}

Tensor *tensor_ones_like(const Tensor *t, DType dt) {
    return tensor_ones(t->ndim, t->shape, dt);
}

Tensor *tensor_full_like(const Tensor *t, TensorScalar v, DType dt) {
    return tensor_full(t->ndim, t->shape, v, dt);
}

// Wraps a host buffer as a read-only contiguous source and converts it.
static Tensor *from_buffer(const void *data, DType src_dt, int ndim, const int64_t *shape, DType dt) {
    Tensor *t = tensor_empty(ndim, shape, dt);
    if (!t) return NULL;
    Storage s = {.refcnt = 1 << 30, .data = (void *)data};
    Tensor *src = tensor_alloc();
    src->storage = &s;
    src->dtype = src_dt;
    src->ndim = ndim;
    if (ndim) memcpy(src->shape, shape, (size_t)ndim * sizeof *shape);
    tensor_contiguous_strides(ndim, shape, src->strides);
    const Tensor *in[1] = {src};
    cpu_to_copy(t, in, NULL);
    src->storage = NULL;
    tensor_release(src);
    return t;
}

Tensor *tensor_from_f64(const double *data, int ndim, const int64_t *shape, DType dt) {
    return from_buffer(data, DT_F64, ndim, shape, dt);
}

Tensor *tensor_from_i64(const int64_t *data, int ndim, const int64_t *shape, DType dt) {
    return from_buffer(data, DT_I64, ndim, shape, dt);
}
