// The MSE and negative-log-likelihood losses and their input gradients.
// mse_loss is the elementwise (x - y)^2 reduced with the ordinary mean/sum
// (as PyTorch's apply_loss_reduction does); nll_loss sums its picked
// log-probabilities with PyTorch 1.13's cascade of partial sums, so long
// batches round as PyTorch's do.
#include <math.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"

// ---- mse ----

#define DEF_MSE(T, SUF)                                                                          \
    static void mse_##SUF(int64_t n, const T *a, const T *b, T *o) {                             \
        for (int64_t i = 0; i < n; i++) {                                                        \
            T d = a[i] - b[i];                                                                   \
            o[i] = d * d;                                                                        \
        }                                                                                        \
    }                                                                                            \
    /* PyTorch's backward kernel: alpha * (a - b) * g, alpha = norm in T */                      \
    static void mse_bwd_##SUF(int64_t n, const T *a, const T *b, const T *g, bool bcast, T alpha, \
                              T *o) {                                                            \
        for (int64_t i = 0; i < n; i++) o[i] = alpha * (a[i] - b[i]) * g[bcast ? 0 : i];         \
    }
DEF_MSE(float, f32)
DEF_MSE(double, f64)

// in[0], in[1]: contiguous, same shape and floating dtype; out: their shape.
int cpu_mse_loss(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    int64_t n = tensor_numel(out);
    if (out->dtype == DT_F32) mse_f32(n, tensor_data(in[0]), tensor_data(in[1]), tensor_data(out));
    else if (out->dtype == DT_F64) mse_f64(n, tensor_data(in[0]), tensor_data(in[1]), tensor_data(out));
    else return tl_raise_int(ERR_RUNTIME, "\"mse_cpu\" not implemented for '%s'", reduce_type_name(out->dtype));
    return 0;
}

// Contiguous copy of [t] in [dt].
static Tensor *as_contig(const Tensor *t, DType dt) {
    Tensor *c = tensor_to_dtype(t, dt, false);
    Tensor *r = c ? tensor_contiguous(c) : NULL;
    tensor_release(c);
    return r;
}

Tensor *tensor_mse_loss(const Tensor *x, const Tensor *y, int reduction) {
    const Tensor *both[2] = {x, y};
    DType dt = tensor_result_type(both, 2);
    if (dt != DT_F32 && dt != DT_F64)
        return tl_raise(ERR_RUNTIME, "\"mse_cpu\" not implemented for '%s'", reduce_type_name(dt));
    Tensor *a = as_contig(x, dt), *b = a ? as_contig(y, dt) : NULL;
    Tensor *sq = b ? tensor_empty(x->ndim, x->shape, dt) : NULL;
    const Tensor *ins[2] = {a, b};
    if (sq && op_run(OP_MSE_LOSS, sq, ins, NULL) < 0) {
        tensor_release(sq);
        sq = NULL;
    }
    tensor_release(a), tensor_release(b);
    if (!sq || reduction == NN_REDUCTION_NONE) return sq;
    Tensor *r = reduction == NN_REDUCTION_MEAN ? tensor_mean(sq, NULL, 0, false, REDUCE_NO_DTYPE)
                                               : tensor_sum(sq, NULL, 0, false, REDUCE_NO_DTYPE);
    tensor_release(sq);
    return r;
}

Tensor *tensor_mse_loss_backward(const Tensor *g, const Tensor *x, const Tensor *y, int reduction) {
    if (y->dtype != x->dtype)
        return tl_raise(ERR_RUNTIME, "Found dtype %s but expected %s", reduce_type_name(y->dtype),
                        reduce_type_name(x->dtype));
    DType dt = x->dtype;
    if (dt != DT_F32 && dt != DT_F64)
        return tl_raise(ERR_RUNTIME, "\"mse_backward_cpu\" not implemented for '%s'", reduce_type_name(dt));
    int64_t n = tensor_numel(x);
    double norm = reduction == NN_REDUCTION_MEAN ? 2.0 / (double)n : 2.0;
    Tensor *a = as_contig(x, dt), *b = a ? as_contig(y, dt) : NULL, *gc = b ? as_contig(g, dt) : NULL;
    Tensor *dx = gc ? tensor_empty(x->ndim, x->shape, dt) : NULL;
    if (dx) {
        bool bcast = tensor_numel(gc) == 1 && n != 1;
        if (dt == DT_F32)
            mse_bwd_f32(n, tensor_data(a), tensor_data(b), tensor_data(gc), bcast, (float)norm, tensor_data(dx));
        else
            mse_bwd_f64(n, tensor_data(a), tensor_data(b), tensor_data(gc), bcast, norm, tensor_data(dx));
    }
    tensor_release(a), tensor_release(b), tensor_release(gc);
    return dx;
}

// ---- nll ----

static int nll_check(const Tensor *x, const Tensor *target, const Tensor *weight) {
    char s1[96], s2[96];
    if (x->ndim < 1 || x->ndim > 2) return tl_raise_int(ERR_RUNTIME, "input tensor should be 1D or 2D");
    if (target->ndim > 1)
        return tl_raise_int(ERR_RUNTIME, "0D or 1D target tensor expected, multi-target not supported");
    bool no_batch = x->ndim == 1 && target->ndim == 0;
    if (!no_batch && (target->ndim == 0 || x->shape[0] != target->shape[0]))
        return tl_raise_int(ERR_RUNTIME, "size mismatch (got input: %s, target: %s)",
                            tensor_shape_fmt(s1, sizeof s1, x->ndim, x->shape),
                            tensor_shape_fmt(s2, sizeof s2, target->ndim, target->shape));
    int64_t C = x->shape[x->ndim - 1];
    if (weight && (weight->ndim != 1 || weight->shape[0] != C))
        return tl_raise_int(ERR_RUNTIME, "weight tensor should be defined either for all %lld classes or no "
                            "classes but got weight tensor of shape: %s", (long long)C,
                            tensor_shape_fmt(s1, sizeof s1, weight->ndim, weight->shape));
    if (target->dtype != DT_I64)
        return tl_raise_int(ERR_RUNTIME, "expected scalar type Long but found %s", reduce_type_name(target->dtype));
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"nll_loss_out_frame\" not implemented for '%s'",
                            reduce_type_name(x->dtype));
    if (weight && weight->dtype != x->dtype)
        return tl_raise_int(ERR_RUNTIME, "expected scalar type %s but found %s", reduce_type_name(x->dtype),
                            reduce_type_name(weight->dtype));
    return 0;
}

static int64_t ceil_log2(int64_t n) {
    int64_t r = 0;
    while (((int64_t)1 << r) < n) r++;
    return r;
}

// x: (B, C) log-probabilities; t: (B) targets; w: (C) or NULL. Writes the
// per-sample losses to [each] (reduction none) or the reduced value to out[0].
#define NLL_LEVELS 8
#define DEF_NLL(T, SUF)                                                                          \
    static int nll_##SUF(int64_t B, int64_t C, const T *x, const int64_t *t, const T *w,         \
                         int64_t ignore, int reduction, T *out) {                                \
        if (reduction == NN_REDUCTION_NONE) {                                                    \
            for (int64_t b = 0; b < B; b++) {                                                    \
                int64_t c = t[b];                                                                \
                if (c == ignore) { out[b] = 0; continue; }                                       \
                if (c < 0 || c >= C)                                                             \
                    return tl_raise_int(ERR_INDEX, "Target %lld is out of bounds.", (long long)c); \
                out[b] = -x[b * C + c] * (w ? w[c] : 1);                                         \
            }                                                                                    \
            return 0;                                                                            \
        }                                                                                        \
        int64_t power = ceil_log2(B) / NLL_LEVELS;                                               \
        if (power < 4) power = 4;                                                                \
        int64_t mask = ((int64_t)1 << power) - 1, ignored = 0;                                   \
        T wsum[NLL_LEVELS] = {0}, lsum[NLL_LEVELS] = {0};                                        \
        for (int64_t b = 0; b < B; b++) {                                                        \
            int64_t c = t[b];                                                                    \
            if (c == ignore) { ignored++; continue; }                                            \
            if (c < 0 || c >= C)                                                                 \
                return tl_raise_int(ERR_INDEX, "Target %lld is out of bounds.", (long long)c);   \
            if (w) {                                                                             \
                lsum[0] -= x[b * C + c] * w[c];                                                  \
                wsum[0] += w[c];                                                                 \
            } else {                                                                             \
                lsum[0] -= x[b * C + c];                                                         \
            }                                                                                    \
            for (int j = 0; j + 1 < NLL_LEVELS; j++) {                                           \
                if ((b & (mask << (j * power))) != 0) break;                                     \
                wsum[j + 1] += wsum[j], lsum[j + 1] += lsum[j];                                  \
                wsum[j] = 0, lsum[j] = 0;                                                        \
            }                                                                                    \
        }                                                                                        \
        T total = 0, loss = 0;                                                                   \
        for (int j = 0; j < NLL_LEVELS; j++) total += wsum[j], loss += lsum[j];                  \
        if (!w) total = (T)(B - ignored);                                                        \
        out[0] = reduction == NN_REDUCTION_MEAN ? loss / total : loss;                           \
        return 0;                                                                                \
    }
DEF_NLL(float, f32)
DEF_NLL(double, f64)

// in: x (B, C) or (C) contiguous, int64 target contiguous, weight or NULL;
// out: () or (B) for reduction none; mode = reduction, i[0] = ignore_index.
int cpu_nll_loss(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    const Tensor *x = in[0], *w = in[2];
    int64_t B = x->ndim == 2 ? x->shape[0] : 1, C = x->shape[x->ndim - 1];
    if (out->dtype == DT_F32)
        return nll_f32(B, C, tensor_data(x), tensor_data(in[1]), w ? tensor_data(w) : NULL, args->i[0],
                       args->mode, tensor_data(out));
    return nll_f64(B, C, tensor_data(x), tensor_data(in[1]), w ? tensor_data(w) : NULL, args->i[0],
                   args->mode, tensor_data(out));
}

Tensor *tensor_nll_loss(const Tensor *x, const Tensor *target, const Tensor *weight, int reduction,
                        int64_t ignore_index) {
    if (nll_check(x, target, weight) < 0) return NULL;
    Tensor *xc = tensor_contiguous(x), *tc = xc ? tensor_contiguous(target) : NULL;
    Tensor *wc = tc && weight ? tensor_contiguous(weight) : NULL;
    Tensor *out = NULL;
    if (tc && (!weight || wc)) {
        int64_t B = x->ndim == 2 ? x->shape[0] : 1;
        out = reduction == NN_REDUCTION_NONE && x->ndim == 2 ? tensor_empty(1, &B, x->dtype)
                                                              : tensor_empty(0, NULL, x->dtype);
    }
    OpArgs args = {0};
    args.mode = reduction;
    args.i[0] = ignore_index;
    const Tensor *ins[3] = {xc, tc, wc};
    if (out && op_run(OP_NLL_LOSS, out, ins, &args) < 0) {
        tensor_release(out);
        out = NULL;
    }
    tensor_release(xc), tensor_release(tc), tensor_release(wc);
    return out;
}

#define DEF_NLL_BWD(T, SUF)                                                                      \
    static void nll_bwd_##SUF(int64_t B, int64_t C, const int64_t *t, const T *w, int64_t ignore, \
                              int reduction, const T *g, T *dx) {                                \
        T scale = g[0];                                                                          \
        if (reduction == NN_REDUCTION_MEAN) {                                                    \
            T total = 0;                                                                         \
            for (int64_t b = 0; b < B; b++)                                                      \
                if (t[b] != ignore) total += w ? w[t[b]] : 1;                                    \
            scale = g[0] / total;                                                                \
        }                                                                                        \
        for (int64_t b = 0; b < B; b++) {                                                        \
            int64_t c = t[b];                                                                    \
            if (c == ignore || c < 0 || c >= C) continue;                                        \
            T gb = reduction == NN_REDUCTION_NONE ? g[b] : scale;                                \
            dx[b * C + c] = -(w ? w[c] : 1) * gb;                                                \
        }                                                                                        \
    }
DEF_NLL_BWD(float, f32)
DEF_NLL_BWD(double, f64)

Tensor *tensor_nll_loss_backward(const Tensor *g, const Tensor *target, const Tensor *weight,
                                 int ndim, const int64_t *shape, DType dt, int reduction,
                                 int64_t ignore_index) {
    Tensor *gc = as_contig(g, dt), *tc = gc ? tensor_contiguous(target) : NULL;
    Tensor *wc = tc && weight ? as_contig(weight, dt) : NULL;
    Tensor *dx = tc && (!weight || wc) ? tensor_zeros(ndim, shape, dt) : NULL;
    if (dx) {
        int64_t B = ndim == 2 ? shape[0] : 1, C = shape[ndim - 1];
        if (dt == DT_F32)
            nll_bwd_f32(B, C, tensor_data(tc), wc ? tensor_data(wc) : NULL, ignore_index, reduction,
                        tensor_data(gc), tensor_data(dx));
        else
            nll_bwd_f64(B, C, tensor_data(tc), wc ? tensor_data(wc) : NULL, ignore_index, reduction,
                        tensor_data(gc), tensor_data(dx));
    }
    tensor_release(gc), tensor_release(tc), tensor_release(wc);
    return dx;
}
