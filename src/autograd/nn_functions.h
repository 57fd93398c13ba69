// Differentiable neural-network functions: each runs its tensor/nn.h kernel
// and records the result with ag_record, under PyTorch 1.13's grad_fn name
// (ConvolutionBackward0, MaxPool2DWithIndicesBackward0, SoftmaxBackward0,
// NllLossBackward0, NativeBatchNormBackward0 ...: see tensor/ops.def). Their backward
// formulas (bwd_nn.c) call the kernels' backward functions directly, so they
// give first derivatives only: with create_graph=True the gradients they
// produce have no history of their own. Borrowed inputs, new references out.
#ifndef TL_AUTOGRAD_NN_FUNCTIONS_H
#define TL_AUTOGRAD_NN_FUNCTIONS_H

#include "tensor/nn.h"

// x: (N, C, H, W); [b] may be NULL (next_functions then shows (None, 0)).
Tensor *ag_conv2d(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a);
// Values (recorded) and int64 indices (no history). 0 / -1.
int ag_max_pool2d(const Tensor *x, const Pool2dArgs *a, Tensor **values, Tensor **indices);
Tensor *ag_softmax(const Tensor *x, int64_t dim, bool log);
// [x] and [y] of one shape; the target is an input edge too (its gradient
// is the negation of x's).
Tensor *ag_mse_loss(const Tensor *x, const Tensor *y, int reduction);
// The target and weight are no edges (next_functions lists the input only).
Tensor *ag_nll_loss(const Tensor *x, const Tensor *target, const Tensor *weight, int reduction,
                    int64_t ignore_index);

Tensor *ag_leaky_relu(const Tensor *x, double slope);
int ag_leaky_relu_(Tensor *x, double slope);        // in place (LeakyReluBackward1)
Tensor *ag_gelu(const Tensor *x, bool tanh_approx);
// Edges: input and target; weight and pos_weight (may be NULL) are none.
Tensor *ag_bce(const Tensor *x, const Tensor *t, const Tensor *w, int reduction);
Tensor *ag_bce_logits(const Tensor *x, const Tensor *t, const Tensor *w, const Tensor *pw, int reduction);
Tensor *ag_avg_pool2d(const Tensor *x, const AvgPool2dArgs *a);
Tensor *ag_adaptive_avg_pool2d(const Tensor *x, int64_t oh, int64_t ow);
// Edges: x, w, b (either may be NULL); the running statistics (may be NULL)
// are updated in place when [training].
Tensor *ag_batch_norm(const Tensor *x, const Tensor *w, const Tensor *b, Tensor *running_mean,
                      Tensor *running_var, bool training, double momentum, double eps);
Tensor *ag_layer_norm(const Tensor *x, int nd, const Tensor *w, const Tensor *b, double eps);
// Edge: the weight only. [padding_idx] < 0: none.
Tensor *ag_embedding(const Tensor *w, const Tensor *idx, int64_t padding_idx);

#endif
