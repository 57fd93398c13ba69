// The recording wrappers of tensor/nn.h (see nn_functions.h).
#include "autograd/nn_functions.h"

#include "autograd/autograd.h"

Tensor *ag_conv2d(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a) {
    OpArgs args = {0};
    nn_conv2d_pack(&args, a);
    const Tensor *in[3] = {x, w, b};
    return ag_record(OP_CONVOLUTION, tensor_conv2d(x, w, b, a), 3, in, &args);
}

int ag_max_pool2d(const Tensor *x, const Pool2dArgs *a, Tensor **values, Tensor **indices) {
    OpArgs args = {0};
    nn_pool2d_pack(&args, a);
    Tensor *outs[2];
    if (tensor_max_pool2d(x, a, &outs[0], &outs[1]) < 0) return -1;
    const Tensor *in[1] = {x};
    if (ag_record_multi(OP_MAX_POOL2D, outs, 2, 1, in, &args) < 0) {
        tensor_release(outs[0]), tensor_release(outs[1]);
        return -1;
    }
    *values = outs[0];
    *indices = outs[1];
    return 0;
}

Tensor *ag_softmax(const Tensor *x, int64_t dim, bool log) {
    Tensor *out = tensor_softmax(x, dim, log);
    if (!out) return NULL;
    OpArgs args = {0};
    args.dims[0] = dim < 0 ? dim + (x->ndim ? x->ndim : 1) : dim;
    args.ndims = 1;
    const Tensor *in[1] = {x};
    return ag_record(log ? OP_LOG_SOFTMAX : OP_SOFTMAX, out, 1, in, &args);
}

Tensor *ag_mse_loss(const Tensor *x, const Tensor *y, int reduction) {
    OpArgs args = {0};
    args.mode = reduction;
    const Tensor *in[2] = {x, y};
    return ag_record(OP_MSE_LOSS, tensor_mse_loss(x, y, reduction), 2, in, &args);
}

Tensor *ag_nll_loss(const Tensor *x, const Tensor *target, const Tensor *weight, int reduction,
                    int64_t ignore_index) {
    OpArgs args = {0};
    args.mode = reduction;
    args.i[0] = ignore_index;
    const Tensor *in[3] = {x, target, weight};
    return ag_record(OP_NLL_LOSS, tensor_nll_loss(x, target, weight, reduction, ignore_index), 3, in,
                     &args);
}

Tensor *ag_leaky_relu(const Tensor *x, double slope) {
    OpArgs args = {.s = {slope}};
    const Tensor *in[1] = {x};
    return ag_record(OP_LEAKY_RELU, tensor_leaky_relu(x, slope), 1, in, &args);
}

int ag_leaky_relu_(Tensor *x, double slope) {
    OpArgs args = {.s = {slope}};
    AgInplace ip;
    if (ag_inplace_begin(&ip, OP_LEAKY_RELU_, x, 0, NULL) < 0) return -1;
    return ag_inplace_end(&ip, tensor_leaky_relu_(x, slope), &args);
}

Tensor *ag_gelu(const Tensor *x, bool tanh_approx) {
    OpArgs args = {.mode = tanh_approx ? 1 : 0};
    const Tensor *in[1] = {x};
    return ag_record(OP_GELU, tensor_gelu(x, tanh_approx), 1, in, &args);
}

Tensor *ag_bce(const Tensor *x, const Tensor *t, const Tensor *w, int reduction) {
    OpArgs args = {.mode = reduction};
    const Tensor *in[3] = {x, t, w};
    return ag_record(OP_BINARY_CROSS_ENTROPY, tensor_bce(x, t, w, reduction), 3, in, &args);
}

Tensor *ag_bce_logits(const Tensor *x, const Tensor *t, const Tensor *w, const Tensor *pw, int reduction) {
    OpArgs args = {.mode = reduction};
    const Tensor *in[4] = {x, t, w, pw};
    return ag_record(OP_BCE_WITH_LOGITS, tensor_bce_logits(x, t, w, pw, reduction), 4, in, &args);
}

Tensor *ag_avg_pool2d(const Tensor *x, const AvgPool2dArgs *a) {
    OpArgs args = {0};
    nn_avg_pool2d_pack(&args, a);
    const Tensor *in[1] = {x};
    return ag_record(OP_AVG_POOL2D, tensor_avg_pool2d(x, a), 1, in, &args);
}

Tensor *ag_adaptive_avg_pool2d(const Tensor *x, int64_t oh, int64_t ow) {
    const Tensor *in[1] = {x};
    return ag_record(OP_ADAPTIVE_AVG_POOL2D, tensor_adaptive_avg_pool2d(x, oh, ow), 1, in, NULL);
}

Tensor *ag_batch_norm(const Tensor *x, const Tensor *w, const Tensor *b, Tensor *running_mean,
                      Tensor *running_var, bool training, double momentum, double eps) {
    Tensor *out, *mean, *invstd;
    if (tensor_batch_norm(x, w, b, running_mean, running_var, training, momentum, eps, &out, &mean, &invstd) < 0)
        return NULL;
    OpArgs args = {.flags = training ? 1 : 0};
    const Tensor *in[5] = {x, w, b, mean, invstd};
    out = ag_record(OP_BATCH_NORM, out, 5, in, &args);
    tensor_release(mean), tensor_release(invstd);
    return out;
}

Tensor *ag_layer_norm(const Tensor *x, int nd, const Tensor *w, const Tensor *b, double eps) {
    Tensor *out, *mean, *rstd;
    if (tensor_layer_norm(x, nd, w, b, eps, &out, &mean, &rstd) < 0) return NULL;
    OpArgs args = {0};
    args.i[0] = nd;
    const Tensor *in[5] = {x, w, b, mean, rstd};
    out = ag_record(OP_LAYER_NORM, out, 5, in, &args);
    tensor_release(mean), tensor_release(rstd);
    return out;
}

Tensor *ag_embedding(const Tensor *w, const Tensor *idx, int64_t padding_idx) {
    OpArgs args = {0};
    args.i[0] = padding_idx;
    const Tensor *in[2] = {w, idx};
    return ag_record(OP_EMBEDDING, tensor_embedding(w, idx), 2, in, &args);
}
