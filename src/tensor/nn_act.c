// Activations with their own PyTorch kernels: leaky_relu (also in place)
// and gelu (exact erf form or its tanh approximation), with backwards.
// Elementwise over contiguous copies; float32 and float64.
#include <math.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"
#include "tensor/vecmath.h"

static int check_float(const Tensor *x, const char *name) {
    if (x->dtype == DT_F32 || x->dtype == DT_F64) return 0;
    return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'", name, reduce_type_name(x->dtype));
}

// A contiguous copy of [t] in [dt] (or t itself when it already is one).
static Tensor *contig_as(const Tensor *t, DType dt) {
    Tensor *c = tensor_to_dtype(t, dt, false);
    Tensor *r = c ? tensor_contiguous(c) : NULL;
    tensor_release(c);
    return r;
}

// ---- leaky_relu ----

#define DEF_LEAKY(T, SUF)                                                                        \
    static void leaky_##SUF(int64_t n, const T *x, T *y, T slope) {                              \
        for (int64_t i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : x[i] * slope;                   \
    }                                                                                            \
    static void leaky_bwd_##SUF(int64_t n, const T *g, const T *r, T *dx, T slope) {             \
        for (int64_t i = 0; i < n; i++) dx[i] = r[i] > 0 ? g[i] : g[i] * slope;                  \
    }
DEF_LEAKY(float, f32)
DEF_LEAKY(double, f64)

static void leaky_run(const Tensor *x, Tensor *y, double slope) {
    int64_t n = tensor_numel(x);
    if (x->dtype == DT_F32) leaky_f32(n, tensor_data(x), tensor_data(y), (float)slope);
    else leaky_f64(n, tensor_data(x), tensor_data(y), slope);
}

// in[0] contiguous; out of its shape (out may be in[0]: leaky_relu_); s[0] slope.
int cpu_leaky_relu(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    if (check_float(in[0], "leaky_relu_cpu") < 0) return -1;
    leaky_run(in[0], out, args->s[0]);
    return 0;
}

int cpu_leaky_relu_(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return cpu_leaky_relu(out, in, args);
}

Tensor *tensor_leaky_relu(const Tensor *x, double slope) {
    if (check_float(x, "leaky_relu_cpu") < 0) return NULL;
    Tensor *xc = tensor_contiguous(x), *y = xc ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    OpArgs args = {.s = {slope}};
    const Tensor *ins[1] = {xc};
    if (y && op_run(OP_LEAKY_RELU, y, ins, &args) < 0) {
        tensor_release(y);
        y = NULL;
    }
    tensor_release(xc);
    return y;
}

int tensor_leaky_relu_(Tensor *x, double slope) {
    if (check_float(x, "leaky_relu_cpu") < 0) return -1;
    Tensor *y = tensor_leaky_relu(x, slope);
    int rc = y ? tensor_copy_(x, y) : -1;
    tensor_release(y);
    return rc;
}

Tensor *tensor_leaky_relu_backward(const Tensor *g, const Tensor *ref, double slope) {
    Tensor *gc = contig_as(g, ref->dtype), *rc = gc ? tensor_contiguous(ref) : NULL;
    Tensor *dx = rc ? tensor_empty(ref->ndim, ref->shape, ref->dtype) : NULL;
    if (dx) {
        int64_t n = tensor_numel(ref);
        if (ref->dtype == DT_F32) leaky_bwd_f32(n, tensor_data(gc), tensor_data(rc), tensor_data(dx), (float)slope);
        else leaky_bwd_f64(n, tensor_data(gc), tensor_data(rc), tensor_data(dx), slope);
    }
    tensor_release(gc), tensor_release(rc);
    return dx;
}

// ---- gelu ----
// In the dtype itself, in the order of PyTorch's vectorised kernels, with
// the products its AVX2 build fuses (the 1 + erf cancellation for negative
// inputs then rounds as PyTorch's does).

#define SQRT1_2 0.70710678118654752440
#define BETA_ERF (1.12837916709551257390 * SQRT1_2 * 0.5)   // M_2_SQRTPI * M_SQRT1_2 * 0.5
#define BETA_TANH (1.41421356237309504880 * 1.12837916709551257390 * 0.5)
#define KAPPA 0.044715

// PyTorch's AVX2 Vectorized<float>::erf: Abramowitz-Stegun 7.1.26 with
// fused steps and the vectorised exp (absolute error up to ~1e-7, which
// shows in gelu of negative inputs).
static float vec_erff(float x) {
    float a = fabsf(x);
    float t = 1.0f / fmaf(0.3275911f, a, 1.0f);
    float r = fmaf(fmaf(fmaf(fmaf(1.061405429f, t, -1.453152027f), t, 1.421413741f), t, -0.284496736f), t,
                   0.254829592f);
    float e = fmaf(-tensor_vec_expf(-(x * x)) * t, r, 1.0f);
    return signbit(x) ? -e : e;
}

#define DEF_GELU(T, SUF, ERF, TANH, FMA)                                                         \
    static T gelu_##SUF(T x, bool tanh_approx) {                                                 \
        if (!tanh_approx) return x * (T)0.5 * ((T)1 + ERF(x * (T)SQRT1_2));                      \
        T inner = (T)BETA_TANH * FMA((T)KAPPA, x * x * x, x);                                    \
        return (T)0.5 * x * ((T)1 + TANH(inner));                                                \
    }
DEF_GELU(float, f32, vec_erff, tanhf, fmaf)
DEF_GELU(double, f64, erf, tanh, fma)

// The backward matches PyTorch's scalar loop (libm erf and exp), which is
// what small tensors take.
#define DEF_GELU_GRAD(T, SUF, ERF, EXP, TANH, FMA)                                               \
    static T gelu_grad_##SUF(T x, bool tanh_approx) {                                            \
        if (!tanh_approx) {                                                                      \
            T cdf = (T)0.5 * ((T)1 + ERF(x * (T)SQRT1_2));                                       \
            T pdf = (T)BETA_ERF * EXP(x * x * (T)-0.5);                                          \
            return FMA(x, pdf, cdf);                                                             \
        }                                                                                        \
        T x_sq = x * x, x_cube = x * x_sq;                                                       \
        T t = TANH((T)BETA_TANH * FMA((T)KAPPA, x_cube, x));                                     \
        T left = (T)0.5 * x, right = (T)1 + t;                                                   \
        T dt = FMA(-t, t, (T)1);                                                                 \
        T dinner = (T)BETA_TANH * FMA((T)3 * (T)KAPPA, x_sq, (T)1);                              \
        return FMA(left * dt, dinner, (T)0.5 * right);                                           \
    }
DEF_GELU_GRAD(float, f32, erff, expf, tanhf, fmaf)
DEF_GELU_GRAD(double, f64, erf, exp, tanh, fma)

static double gelu_one(double x, DType dt, bool tanh_approx) {
    return dt == DT_F32 ? gelu_f32((float)x, tanh_approx) : gelu_f64(x, tanh_approx);
}

static double gelu_grad_one(double x, DType dt, bool tanh_approx) {
    return dt == DT_F32 ? gelu_grad_f32((float)x, tanh_approx) : gelu_grad_f64(x, tanh_approx);
}

// in[0] contiguous; mode 1 = tanh approximation.
int cpu_gelu(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    if (check_float(in[0], "GeluKernelImpl") < 0) return -1;
    int64_t n = tensor_numel(out);
    for (int64_t i = 0; i < n; i++)
        tensor_set_flat(out, i, gelu_one(tensor_get_flat(in[0], i), out->dtype, args->mode == 1));
    return 0;
}

Tensor *tensor_gelu(const Tensor *x, bool tanh_approx) {
    if (check_float(x, "GeluKernelImpl") < 0) return NULL;
    Tensor *xc = tensor_contiguous(x), *y = xc ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    OpArgs args = {.mode = tanh_approx ? 1 : 0};
    const Tensor *ins[1] = {xc};
    if (y && op_run(OP_GELU, y, ins, &args) < 0) {
        tensor_release(y);
        y = NULL;
    }
    tensor_release(xc);
    return y;
}

Tensor *tensor_gelu_backward(const Tensor *g, const Tensor *x, bool tanh_approx) {
    Tensor *gc = contig_as(g, x->dtype), *xc = gc ? tensor_contiguous(x) : NULL;
    Tensor *dx = xc ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    for (int64_t i = 0; dx && i < tensor_numel(x); i++)
        tensor_set_flat(dx, i, (x->dtype == DT_F32 ? (double)(float)(tensor_get_flat(gc, i) * gelu_grad_one(tensor_get_flat(xc, i), DT_F32, tanh_approx)) : tensor_get_flat(gc, i) * gelu_grad_one(tensor_get_flat(xc, i), DT_F64, tanh_approx)));
    tensor_release(gc), tensor_release(xc);
    return dx;
}
