// softmax and log_softmax along one dim, and their backward formulas given
// the forward output. The input is viewed as (outer, D, inner). The float
// arithmetic follows PyTorch 1.13's AVX2 CPU kernels step by step (checked
// bit for bit against it), so results and row sums round as PyTorch's do:
//  - last dim (inner == 1): sums over D run in 8 float lanes (4 for double)
//    combined by halving; softmax multiplies by 1 / sum, log_softmax
//    computes (x - max) - log(sum);
//  - other dims: each column sums over D in order and softmax divides by
//    the sum; columns in whole groups of 8 (4) take the vectorised exp,
//    the rest of a row the scalar one; log is always the vectorised one
//    (tensor/vecmath.h);
//  - products feeding sums are fused (the AVX2 build contracts them).
#include <math.h>
#include <stdlib.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"
#include "tensor/vecmath.h"

typedef struct {
    int64_t outer, D, inner;
} Lanes;

static Lanes lanes_of(const Tensor *t, int dim) {
    Lanes l = {1, 1, 1};
    for (int d = 0; d < t->ndim; d++) {
        if (d < dim) l.outer *= t->shape[d];
        else if (d == dim) l.D = t->shape[d];
        else l.inner *= t->shape[d];
    }
    return l;
}

// The vectorised kernels' accumulation: [L] lanes over the row (products
// g * y fused into the lanes after the first chunk when [y] is given),
// then halving (lane j += lane j + L/2 ...). Rows shorter than [L] add up
// in order, without fusing.
#define DEF_LANE_SUM(T, SUF, L, FMA)                                                             \
    static T lane_sum_##SUF(const T *g, const T *y, int64_t n) {                                 \
        if (n < L) {                                                                             \
            T s = 0;                                                                             \
            for (int64_t i = 0; i < n; i++) s = i ? s + (y ? g[i] * y[i] : g[i]) : (y ? g[i] * y[i] : g[i]); \
            return s;                                                                            \
        }                                                                                        \
        T acc[L];                                                                                \
        for (int j = 0; j < L; j++) acc[j] = y ? g[j] * y[j] : g[j];                             \
        int64_t d = L;                                                                           \
        for (; d < n; d += L)                                                                    \
            for (int j = 0; j < L && d + j < n; j++)                                             \
                acc[j] = y ? FMA(g[d + j], y[d + j], acc[j]) : acc[j] + g[d + j];                \
        for (int h = L / 2; h >= 1; h /= 2)                                                      \
            for (int j = 0; j < h; j++) acc[j] = acc[j] + acc[j + h];                            \
        return acc[0];                                                                           \
    }
DEF_LANE_SUM(float, f32, 8, fmaf)
DEF_LANE_SUM(double, f64, 4, fma)

// EXPV: the vectorised exp, EXPS: the scalar one (tail columns).
#define DEF_SOFTMAX(T, SUF, L, EXPV, EXPS, LOG, FMA)                                             \
    static void lastdim_##SUF(int64_t rows, int64_t D, const T *x, T *y, bool is_log, T *tmp) {  \
        for (int64_t r = 0; r < rows; r++) {                                                     \
            const T *px = x + r * D;                                                             \
            T *py = y + r * D;                                                                   \
            T m = -INFINITY;                                                                     \
            for (int64_t d = 0; d < D; d++)                                                      \
                if (px[d] > m || isnan(px[d])) m = px[d];                                        \
            T *e = is_log ? tmp : py;                                                            \
            for (int64_t d = 0; d < D; d++) e[d] = EXPV(px[d] - m);                              \
            T s = lane_sum_##SUF(e, NULL, D);                                                    \
            if (is_log) {                                                                        \
                T ls = LOG(s);                                                                   \
                for (int64_t d = 0; d < D; d++) py[d] = px[d] - m - ls;                          \
            } else {                                                                             \
                T rs = 1 / s;                                                                    \
                for (int64_t d = 0; d < D; d++) py[d] *= rs;                                     \
            }                                                                                    \
        }                                                                                        \
    }                                                                                            \
    /* one column (stride inner) of an outer row; [vec]: a vectorised lane */                    \
    static void column_##SUF(Lanes l, const T *px, T *py, bool is_log, bool vec) {               \
        int64_t st = l.inner;                                                                    \
        T m = px[0], s = 0;                                                                      \
        for (int64_t d = 1; d < l.D; d++)                                                        \
            if (px[d * st] > m || isnan(px[d * st])) m = px[d * st];                             \
        for (int64_t d = 0; d < l.D; d++) {                                                      \
            T e = vec ? EXPV(px[d * st] - m) : EXPS(px[d * st] - m);                             \
            if (!is_log) py[d * st] = e;                                                         \
            s = s + e;                                                                           \
        }                                                                                        \
        if (is_log) {                                                                            \
            T ls = LOG(s);                                                                       \
            for (int64_t d = 0; d < l.D; d++) py[d * st] = px[d * st] - m - ls;                  \
        } else {                                                                                 \
            for (int64_t d = 0; d < l.D; d++) py[d * st] = py[d * st] / s;                       \
        }                                                                                        \
    }                                                                                            \
    static void softmax_##SUF(Lanes l, const T *x, T *y, bool is_log, T *tmp) {                  \
        if (l.inner == 1) {                                                                      \
            lastdim_##SUF(l.outer, l.D, x, y, is_log, tmp);                                      \
            return;                                                                              \
        }                                                                                        \
        int64_t nvec = l.inner - l.inner % L;                                                    \
        for (int64_t o = 0; o < l.outer; o++)                                                    \
            for (int64_t i = 0; i < l.inner; i++) {                                              \
                int64_t off = o * l.D * l.inner + i;                                             \
                column_##SUF(l, x + off, y + off, is_log, i < nvec);                             \
            }                                                                                    \
    }                                                                                            \
    /* softmax: (g - sum(g * y)) * y;  log_softmax: g - exp(y) * sum(g), fused */                \
    static void softmax_bwd_##SUF(Lanes l, const T *g, const T *y, T *dx, bool is_log) {         \
        int64_t nvec = l.inner - l.inner % L, st = l.inner;                                      \
        for (int64_t o = 0; o < l.outer; o++)                                                    \
            for (int64_t i = 0; i < l.inner; i++) {                                              \
                int64_t base = o * l.D * l.inner + i;                                            \
                bool vec = l.inner == 1 || i < nvec;                                             \
                T s = 0;                                                                         \
                if (l.inner == 1) {                                                              \
                    s = lane_sum_##SUF(g + base, is_log ? NULL : y + base, l.D);                 \
                } else {                                                                         \
                    for (int64_t d = 0; d < l.D; d++) {                                          \
                        int64_t k = base + d * st;                                               \
                        s = is_log ? s + g[k] : FMA(g[k], y[k], s);                              \
                    }                                                                            \
                }                                                                                \
                for (int64_t d = 0; d < l.D; d++) {                                              \
                    int64_t k = base + d * st;                                                   \
                    T e = is_log ? (vec ? EXPV(y[k]) : EXPS(y[k])) : 0;                          \
                    dx[k] = is_log ? FMA(-e, s, g[k]) : (g[k] - s) * y[k];                       \
                }                                                                                \
            }                                                                                    \
    }
DEF_SOFTMAX(float, f32, 8, tensor_vec_expf, expf, tensor_vec_logf, fmaf)
DEF_SOFTMAX(double, f64, 4, exp, exp, log, fma)

static const char *kernel_name(bool log) {
    return log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl";
}

// A scratch row of D elements for the lane sums.
static void *scratch(int64_t D, DType dt) {
    void *p = malloc((size_t)(D ? D : 1) * dtype_size(dt));
    if (!p) tl_raise(ERR_MEMORY, "out of memory in softmax");
    return p;
}

static int run(Tensor *out, const Tensor *x, const OpArgs *args, bool log) {
    Lanes l = lanes_of(x, (int)args->dims[0]);
    if (out->dtype != DT_F32 && out->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel_name(log),
                            reduce_type_name(out->dtype));
    void *tmp = scratch(l.D, out->dtype);
    if (!tmp) return -1;
    if (out->dtype == DT_F32) softmax_f32(l, tensor_data(x), tensor_data(out), log, tmp);
    else softmax_f64(l, tensor_data(x), tensor_data(out), log, tmp);
    free(tmp);
    return 0;
}

// in[0] contiguous, out contiguous of its shape; dims[0] the wrapped dim.
int cpu_softmax(Tensor *out, const Tensor *const *in, const OpArgs *args) { return run(out, in[0], args, false); }
int cpu_log_softmax(Tensor *out, const Tensor *const *in, const OpArgs *args) { return run(out, in[0], args, true); }

Tensor *tensor_softmax(const Tensor *x, int64_t dim, bool log) {
    int d;
    if (tensor_wrap_dim(dim, x->ndim, &d) < 0) return NULL;
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise(ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel_name(log),
                        reduce_type_name(x->dtype));
    Tensor *xc = tensor_contiguous(x);
    Tensor *out = xc ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    OpArgs args = {0};
    args.dims[0] = x->ndim ? d : 0;
    args.ndims = 1;
    const Tensor *ins[1] = {xc};
    if (out && op_run(log ? OP_LOG_SOFTMAX : OP_SOFTMAX, out, ins, &args) < 0) {
        tensor_release(out);
        out = NULL;
    }
    tensor_release(xc);
    return out;
}

Tensor *tensor_softmax_backward(const Tensor *g, const Tensor *y, int64_t dim, bool log) {
    int d;
    if (tensor_wrap_dim(dim, y->ndim, &d) < 0) return NULL;
    Lanes l = lanes_of(y, y->ndim ? d : 0);
    Tensor *gt = tensor_to_dtype(g, y->dtype, false);
    Tensor *gc = gt ? tensor_contiguous(gt) : NULL;
    Tensor *yc = gc ? tensor_contiguous(y) : NULL;
    Tensor *dx = yc ? tensor_empty(y->ndim, y->shape, y->dtype) : NULL;
    if (dx) {
        if (y->dtype == DT_F32) softmax_bwd_f32(l, tensor_data(gc), tensor_data(yc), tensor_data(dx), log);
        else softmax_bwd_f64(l, tensor_data(gc), tensor_data(yc), tensor_data(dx), log);
    }
    tensor_release(gt), tensor_release(gc), tensor_release(yc);
    return dx;
}
