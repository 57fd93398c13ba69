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
