// Neural-network kernels on CPU tensors: 2-d convolution (im2col + gemm),
// max / average / adaptive pooling, softmax / log-softmax, the MSE, NLL and
// binary-cross-entropy losses, leaky_relu and gelu, batch / layer norm and
// embedding lookup, each with the pieces its backward needs. Shape and dtype checks raise PyTorch 1.13's errors. Inputs are
// borrowed; results are new references, or NULL / -1 with a pending error.
// The graph side (grad_fn rows in ops.def) lives in autograd/nn_functions.h.
#ifndef TL_TENSOR_NN_H
#define TL_TENSOR_NN_H

#include "tensor/ops.h"

// PyTorch's at::Reduction values (reduction='none' / 'mean' / 'sum').
enum { NN_REDUCTION_NONE = 0, NN_REDUCTION_MEAN = 1, NN_REDUCTION_SUM = 2 };

// ---- convolution ----

typedef struct {
    int64_t stride[2], padding[2], dilation[2];
    int64_t groups;
} Conv2dArgs;

// The OpArgs layout of OP_CONVOLUTION: dims[0..5] = stride, padding,
// dilation; i[0] = groups.
void nn_conv2d_pack(OpArgs *o, const Conv2dArgs *a);
void nn_conv2d_unpack(const OpArgs *o, Conv2dArgs *a);

// x: (N, C, H, W), w: (O, C / groups, KH, KW), b: (O) or NULL
//   -> (N, O, OH, OW), OH = (H + 2 pad - dil (KH - 1) - 1) / stride + 1.
// Float32/float64 use OpenBLAS; integer dtypes go through float64.
Tensor *tensor_conv2d(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a);
// Gradients of tensor_conv2d for upstream [g] (N, O, OH, OW): fills out[0]
// (dx), out[1] (dw), out[2] (db, (O)) where need[i]; others stay NULL.
int tensor_conv2d_backward(const Tensor *g, const Tensor *x, const Tensor *w, const Conv2dArgs *a,
                           const bool need[3], Tensor *out[3]);

// ---- pooling ----

typedef struct {
    int64_t kernel[2], stride[2], padding[2], dilation[2];
    bool ceil_mode;
} Pool2dArgs;

// OpArgs layout of OP_MAX_POOL2D: dims[0..7] = kernel, stride, padding,
// dilation; flags bit 0 = ceil_mode.
void nn_pool2d_pack(OpArgs *o, const Pool2dArgs *a);
void nn_pool2d_unpack(const OpArgs *o, Pool2dArgs *a);

// x: (N, C, H, W) or (C, H, W), float32/float64 -> *values of the pooled
// shape and *indices (int64, the flat h * W + w of each maximum within its
// plane). NaN counts as the largest value. 0 / -1.
int tensor_max_pool2d(const Tensor *x, const Pool2dArgs *a, Tensor **values, Tensor **indices);
// Scatters [g] (the pooled shape) into zeros of the input's [shape] and
// floating [dtype] at [indices].
Tensor *tensor_max_pool2d_backward(const Tensor *g, const Tensor *indices, int ndim,
                                   const int64_t *shape, DType dtype);

// ---- softmax ----

// softmax / log_softmax of [x] along [dim] (floating dtypes only).
Tensor *tensor_softmax(const Tensor *x, int64_t dim, bool log);
// Given the forward output [y] and upstream [g]:
//   softmax:     (g - sum(g * y, dim)) * y
//   log_softmax: g - exp(y) * sum(g, dim)
Tensor *tensor_softmax_backward(const Tensor *g, const Tensor *y, int64_t dim, bool log);

// ---- losses ----

// mean/sum/none of (x - y)^2, x and y broadcast already (same shape) and
// promoted together.
Tensor *tensor_mse_loss(const Tensor *x, const Tensor *y, int reduction);
// d/dx: norm * (x - y) * g with norm 2/numel (mean) or 2; x and y must
// share a dtype ("Found dtype Long but expected Float" as PyTorch's
// backward kernel raises).
Tensor *tensor_mse_loss_backward(const Tensor *g, const Tensor *x, const Tensor *y, int reduction);

// nll_loss of log-probabilities x: (N, C) or (C), int64 target (N) or ();
// optional class [weight] (C); targets equal to [ignore_index] are skipped.
Tensor *tensor_nll_loss(const Tensor *x, const Tensor *target, const Tensor *weight, int reduction,
                        int64_t ignore_index);
// The input gradient, of the input's [shape] and floating [dtype].
Tensor *tensor_nll_loss_backward(const Tensor *g, const Tensor *target, const Tensor *weight,
                                 int ndim, const int64_t *shape, DType dtype, int reduction,
                                 int64_t ignore_index);

// ---- activations (tensor/nn_act.c) ----

// x > 0 ? x : x * slope (float32 slope for float32 tensors, as PyTorch).
Tensor *tensor_leaky_relu(const Tensor *x, double slope);
int tensor_leaky_relu_(Tensor *x, double slope);
// g where [ref] > 0, else g * slope; [ref] is the input or the result.
Tensor *tensor_leaky_relu_backward(const Tensor *g, const Tensor *ref, double slope);
// x * Phi(x), or its tanh approximation when [tanh_approx].
Tensor *tensor_gelu(const Tensor *x, bool tanh_approx);
Tensor *tensor_gelu_backward(const Tensor *g, const Tensor *x, bool tanh_approx);

// ---- binary cross entropy (tensor/nn_bce.c) ----

// -w (t log x + (1 - t) log(1 - x)), logs clamped at -100; x and t of one
// shape and dtype, in [0, 1] ("all elements of input should be between 0
// and 1"); [w] (may be NULL) broadcasts.
Tensor *tensor_bce(const Tensor *x, const Tensor *t, const Tensor *w, int reduction);
// The gradient for x, or for t when [wrt_target].
Tensor *tensor_bce_backward(const Tensor *g, const Tensor *x, const Tensor *t, const Tensor *w,
                            int reduction, bool wrt_target);
// The same on logits x, computed stably as PyTorch does; [pw] (pos_weight,
// may be NULL) broadcasts over the last dim.
Tensor *tensor_bce_logits(const Tensor *x, const Tensor *t, const Tensor *w, const Tensor *pw,
                          int reduction);
Tensor *tensor_bce_logits_backward(const Tensor *g, const Tensor *x, const Tensor *t, const Tensor *w,
                                   const Tensor *pw, int reduction, bool wrt_target);

// ---- average pooling (tensor/nn_pool.c) ----

typedef struct {
    int64_t kernel[2], stride[2], padding[2];
    bool ceil_mode, count_include_pad;
    int64_t divisor;              // divisor_override; 0: none
} AvgPool2dArgs;

// OpArgs layout of OP_AVG_POOL2D: dims[0..5] = kernel, stride, padding;
// flags bit 0 ceil_mode, bit 1 count_include_pad; i[0] divisor.
void nn_avg_pool2d_pack(OpArgs *o, const AvgPool2dArgs *a);
void nn_avg_pool2d_unpack(const OpArgs *o, AvgPool2dArgs *a);
// x: (N, C, H, W) or (C, H, W), float32/float64.
Tensor *tensor_avg_pool2d(const Tensor *x, const AvgPool2dArgs *a);
Tensor *tensor_avg_pool2d_backward(const Tensor *g, int ndim, const int64_t *shape, DType dtype,
                                   const AvgPool2dArgs *a);
// Output (oh, ow); window i covers [floor(i H / oh), ceil((i + 1) H / oh)).
Tensor *tensor_adaptive_avg_pool2d(const Tensor *x, int64_t oh, int64_t ow);
Tensor *tensor_adaptive_avg_pool2d_backward(const Tensor *g, int ndim, const int64_t *shape, DType dtype);

// ---- normalisation (tensor/nn_norm.c) ----

// batch_norm over dim 1 of x (N, C, ...). Training: the batch's mean and
// 1 / sqrt(var + eps) go to *mean / *invstd and the running statistics (may
// be NULL) move by [momentum] (running_var with the unbiased variance).
// Evaluation: *mean / *invstd come from the running statistics. [w], [b]
// may be NULL. 0 / -1.
int tensor_batch_norm(const Tensor *x, const Tensor *w, const Tensor *b, Tensor *running_mean,
                      Tensor *running_var, bool training, double momentum, double eps, Tensor **out,
                      Tensor **mean, Tensor **invstd);
// out[0] dx, out[1] dw, out[2] db where need[i].
int tensor_batch_norm_backward(const Tensor *g, const Tensor *x, const Tensor *w, const Tensor *mean,
                               const Tensor *invstd, bool training, const bool need[3], Tensor *out[3]);
// layer_norm over the last [nd] dims of x; [w], [b] have those dims' shape.
int tensor_layer_norm(const Tensor *x, int nd, const Tensor *w, const Tensor *b, double eps, Tensor **out,
                      Tensor **mean, Tensor **rstd);
int tensor_layer_norm_backward(const Tensor *g, const Tensor *x, int nd, const Tensor *w, const Tensor *mean,
                               const Tensor *rstd, const bool need[3], Tensor *out[3]);

// ---- embedding (tensor/nn_embed.c) ----

// Rows of [w] (num, dim) picked by int64/int32 [idx] of any shape -> idx.shape + (dim).
Tensor *tensor_embedding(const Tensor *w, const Tensor *idx);
// dW (num, dim): each g row added to its index's row, [padding_idx] (< 0: none) skipped.
Tensor *tensor_embedding_backward(const Tensor *g, const Tensor *idx, int64_t num, int64_t padding_idx);

#endif
