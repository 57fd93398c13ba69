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
    if (t) tensor_fill_(t, value);
    return t;
}

Tensor *tensor_ones(int ndim, const int64_t *shape, DType dtype) {
    return tensor_full(ndim, shape, tensor_scalar_int(1), dtype);
}

DType tensor_full_dtype(TensorScalar v) {
    return v.kind == SCALAR_BOOL ? DT_BOOL : v.kind == SCALAR_INT ? DT_I64 : dtype_default_float();
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
        for (int64_t i = 0; i < n; i++) tensor_set_flat(t, i, s + (double)i * st);
    } else if (ints) {
        for (int64_t i = 0; i < n; i++)
            tensor_set_flat_i64(t, i, (int64_t)((uint64_t)start.i + (uint64_t)i * (uint64_t)step.i));
    } else {
        for (int64_t i = 0; i < n; i++) tensor_set_flat_i64(t, i, (int64_t)(s + (double)i * st));
    }
    return t;
}

// linspace's value at [i]: from the start for the first half, from the end
// for the second, as PyTorch computes it (float32 arithmetic for float32).
static double lin_at(double start, double end, int64_t steps, int64_t i, DType dt) {
    if (dt == DT_F32 || dt == DT_F16 || dt == DT_BF16) {
        float fs = (float)start, fe = (float)end, step = (fe - fs) / (float)(steps - 1);
        return i < steps / 2 ? fs + step * (float)i : fe - step * (float)(steps - i - 1);
    }
    double step = (end - start) / (double)(steps - 1);
    return i < steps / 2 ? start + step * (double)i : end - step * (double)(steps - i - 1);
}

Tensor *tensor_linspace(double start, double end, int64_t steps, DType dt) {
    if (steps < 0) return tl_raise(ERR_RUNTIME, "number of steps must be non-negative");
    Tensor *t = tensor_empty(1, &steps, dt);
    if (!t) return NULL;
    if (dtype_is_integral(dt)) {
        start = trunc(start);       // PyTorch casts the ends to the integer type first
        end = trunc(end);
    }
    for (int64_t i = 0; i < steps; i++)
        tensor_set_flat(t, i, steps == 1 ? start : lin_at(start, end, steps, i, dt));
    return t;
}

Tensor *tensor_logspace(double start, double end, int64_t steps, double base, DType dt) {
    if (steps < 0) return tl_raise(ERR_RUNTIME, "number of steps must be non-negative");
    Tensor *t = tensor_empty(1, &steps, dt);
    if (!t) return NULL;
    for (int64_t i = 0; i < steps; i++) {
        double x = steps == 1 ? start : lin_at(start, end, steps, i, dt);
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
    memcpy(src->shape, shape, (size_t)ndim * sizeof *shape);
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
