// Differentiable neural-network functions: each runs its tensor/nn.h kernel
// and records the result with ag_record (grad_fn ConvolutionBackward0,
// MaxPool2DWithIndicesBackward0, SoftmaxBackward0, LogSoftmaxBackward0,
// MseLossBackward0, NllLossBackward0 as in PyTorch 1.13). Their backward
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

#endif
