// Backward formulas of the neural-network rows of ops.def: each hands the
// upstream gradient and the saved tensors to the kernel's backward in
// tensor/nn.h (first derivatives only; see nn_functions.h).
#include "autograd/internal.h"
#include "tensor/nn.h"

// Saved slot [i] when the forward had that (optional) input, else NULL
// without an error: node_saved insists the slot is filled.
static const Tensor *saved_opt(AgNode *n, int i) {
    return n->saved[i].data ? node_saved(n, i) : NULL;
}

int bwd_convolution(AgNode *n, Tensor *const *gout, Tensor **gin) {
    Conv2dArgs a;
    nn_conv2d_unpack(&n->args, &a);
    const Tensor *x = node_saved(n, 0), *w = x ? node_saved(n, 1) : NULL;
    if (!w) return -1;
    bool need[3] = {needs(n, 0), needs(n, 1), needs(n, 2)};
    Tensor *out[3];
    if (tensor_conv2d_backward(gout[0], x, w, &a, need, out) < 0) return -1;
    for (int i = 0; i < 3; i++) gin[i] = out[i];
    return 0;
}

// The indices are the node's second output (saved slot nin + 1).
int bwd_max_pool2d(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *idx = node_saved(n, n->nin + 1);
    if (!idx) return -1;
    const AgInfo *in = &n->in[0];
    return put_grad(n, gin, 0, tensor_max_pool2d_backward(gout[0], idx, in->ndim, in->shape, in->dtype));
}

static int softmax_backward(AgNode *n, Tensor *const *gout, Tensor **gin, bool log) {
    const Tensor *y = node_saved(n, n->nin);
    if (!y) return -1;
    return put_grad(n, gin, 0, tensor_softmax_backward(gout[0], y, n->args.dims[0], log));
}

int bwd_softmax(AgNode *n, Tensor *const *gout, Tensor **gin) { return softmax_backward(n, gout, gin, false); }
int bwd_log_softmax(AgNode *n, Tensor *const *gout, Tensor **gin) { return softmax_backward(n, gout, gin, true); }

// d/dx = norm (x - y) g; d/dy is its negation, computed by PyTorch as the
// same kernel with x and y swapped.
int bwd_mse_loss(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0), *y = x ? node_saved(n, 1) : NULL;
    if (!y) return -1;
    int r = n->args.mode;
    if (needs(n, 0) && put_grad(n, gin, 0, tensor_mse_loss_backward(gout[0], x, y, r)) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, tensor_mse_loss_backward(gout[0], y, x, r)) < 0) return -1;
    return 0;
}

int bwd_nll_loss(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *target = node_saved(n, 1);
    if (!target) return -1;
    const Tensor *w = saved_opt(n, 2);
    if (n->saved[2].data && !w) return -1;
    const AgInfo *in = &n->in[0];
    return put_grad(n, gin, 0, tensor_nll_loss_backward(gout[0], target, w, in->ndim, in->shape, in->dtype,
                                                        n->args.mode, n->args.i[0]));
}

int bwd_leaky_relu(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0);
    if (!x) return -1;
    return put_grad(n, gin, 0, tensor_leaky_relu_backward(gout[0], x, n->args.s[0]));
}

// In place: the result has the input's signs, so it stands in for the input.
int bwd_leaky_relu_(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *y = node_saved(n, n->nin);
    if (!y) return -1;
    return put_grad(n, gin, 0, tensor_leaky_relu_backward(gout[0], y, n->args.s[0]));
}

int bwd_gelu(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0);
    if (!x) return -1;
    return put_grad(n, gin, 0, tensor_gelu_backward(gout[0], x, n->args.mode == 1));
}

int bwd_binary_cross_entropy(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0), *t = x ? node_saved(n, 1) : NULL, *w = saved_opt(n, 2);
    if (!t || (n->saved[2].data && !w)) return -1;
    int r = n->args.mode;
    for (int i = 0; i < 2; i++)
        if (needs(n, i) && put_grad(n, gin, i, tensor_bce_backward(gout[0], x, t, w, r, i == 1)) < 0) return -1;
    return 0;
}

int bwd_bce_with_logits(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0), *t = x ? node_saved(n, 1) : NULL;
    const Tensor *w = saved_opt(n, 2), *pw = saved_opt(n, 3);
    if (!t || (n->saved[2].data && !w) || (n->saved[3].data && !pw)) return -1;
    int r = n->args.mode;
    for (int i = 0; i < 2; i++)
        if (needs(n, i) && put_grad(n, gin, i, tensor_bce_logits_backward(gout[0], x, t, w, pw, r, i == 1)) < 0)
            return -1;
    return 0;
}

int bwd_avg_pool2d(AgNode *n, Tensor *const *gout, Tensor **gin) {
    AvgPool2dArgs a;
    nn_avg_pool2d_unpack(&n->args, &a);
    const AgInfo *in = &n->in[0];
    return put_grad(n, gin, 0, tensor_avg_pool2d_backward(gout[0], in->ndim, in->shape, in->dtype, &a));
}

int bwd_adaptive_avg_pool2d(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const AgInfo *in = &n->in[0];
    return put_grad(n, gin, 0, tensor_adaptive_avg_pool2d_backward(gout[0], in->ndim, in->shape, in->dtype));
}

// Inputs 3 and 4 are the statistics the forward used (saved, no edges).
int bwd_batch_norm(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0), *w = saved_opt(n, 1);
    const Tensor *mean = x ? node_saved(n, 3) : NULL, *invstd = mean ? node_saved(n, 4) : NULL;
    if (!invstd || (n->saved[1].data && !w)) return -1;
    bool need[3] = {needs(n, 0), needs(n, 1), needs(n, 2)};
    Tensor *out[3];
    if (tensor_batch_norm_backward(gout[0], x, w, mean, invstd, n->args.flags & 1, need, out) < 0) return -1;
    for (int i = 0; i < 3; i++) gin[i] = out[i];
    return 0;
}

int bwd_layer_norm(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = node_saved(n, 0), *w = saved_opt(n, 1);
    const Tensor *mean = x ? node_saved(n, 3) : NULL, *rstd = mean ? node_saved(n, 4) : NULL;
    if (!rstd || (n->saved[1].data && !w)) return -1;
    bool need[3] = {needs(n, 0), needs(n, 1), needs(n, 2)};
    Tensor *out[3];
    if (tensor_layer_norm_backward(gout[0], x, (int)n->args.i[0], w, mean, rstd, need, out) < 0) return -1;
    for (int i = 0; i < 3; i++) gin[i] = out[i];
    return 0;
}

int bwd_embedding(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *idx = node_saved(n, 1);
    if (!idx) return -1;
    return put_grad(n, gin, 0, tensor_embedding_backward(gout[0], idx, n->in[0].shape[0], n->args.i[0]));
}
