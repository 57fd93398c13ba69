// Small helpers shared by the backward formulas: zeros, reduced dims, and
// the taking x_* expressions (see internal.h).
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/reduce.h"

Tensor *zeros_of(const AgInfo *info) {
    return tensor_zeros(info->ndim, info->shape, info->dtype);
}

int wrap_dim(int64_t dim, int ndim) {
    int n = ndim > 0 ? ndim : 1;
    return (int)(dim < 0 ? dim + n : dim);
}

int64_t reduced_mask(const AgInfo *in, const int64_t *dims, int ndims, bool *mask) {
    int64_t count = 1;
    for (int d = 0; d < in->ndim; d++) mask[d] = !dims || ndims == 0;
    if (dims)
        for (int i = 0; i < ndims; i++) mask[wrap_dim(dims[i], in->ndim)] = true;
    for (int d = 0; d < in->ndim; d++)
        if (mask[d]) count *= in->shape[d];
    return count;
}

Tensor *unreduce(const Tensor *g, const AgInfo *in, const int64_t *dims, int ndims, bool keepdim) {
    if (keepdim || in->ndim == g->ndim) return tensor_retain((Tensor *)g);
    bool mask[TENSOR_MAX_DIMS];
    reduced_mask(in, dims, ndims, mask);
    int64_t shape[TENSOR_MAX_DIMS];
    for (int d = 0; d < in->ndim; d++) shape[d] = mask[d] ? 1 : in->shape[d];
    return ag_reshape(g, in->ndim, shape);
}

int put_grad(AgNode *n, Tensor **gin, int i, Tensor *t) {
    if (!t) return -1;
    if (!needs(n, i)) {
        tensor_release(t);
        return 0;
    }
    tensor_release(gin[i]);
    gin[i] = t;
    return 0;
}

// ---- x_* expressions ----

static Tensor *done2(Tensor *r, Tensor *a, Tensor *b) {
    tensor_release(a);
    tensor_release(b);
    return r;
}

Tensor *x_binary(OpCode op, Tensor *a, Tensor *b) {
    if (!a || !b) return done2(NULL, a, b);
    return done2(ag_binary(op, a, b, NULL), a, b);
}

Tensor *x_scalar(OpCode op, Tensor *a, double s) {
    if (!a) return NULL;
    return done2(ag_scalar(op, a, s), a, NULL);
}

Tensor *x_unary(OpCode op, Tensor *a) {
    if (!a) return NULL;
    return done2(ag_unary(op, a, NULL), a, NULL);
}

Tensor *x_pows(Tensor *a, double e) {
    if (!a) return NULL;
    return done2(ag_pow_scalar(a, e), a, NULL);
}

Tensor *x_where(Tensor *cond, Tensor *a, Tensor *b) {
    Tensor *r = cond && a && b ? ag_where(cond, a, b) : NULL;
    tensor_release(cond);
    return done2(r, a, b);
}

Tensor *x_zero_where(Tensor *mask, Tensor *a) {
    if (!mask || !a) return done2(NULL, mask, a);
    return done2(ag_masked_fill(a, mask, 0.0), mask, a);
}

Tensor *x_sum(Tensor *a, const int64_t *dims, int ndims, bool keepdim) {
    if (!a) return NULL;
    return done2(ag_sum(a, dims, ndims, keepdim), a, NULL);
}

Tensor *x_expand(Tensor *a, const AgInfo *to) {
    if (!a) return NULL;
    return done2(ag_expand(a, to->ndim, to->shape), a, NULL);
}

Tensor *x_reshape(Tensor *a, const AgInfo *to) {
    if (!a) return NULL;
    return done2(ag_reshape(a, to->ndim, to->shape), a, NULL);
}

Tensor *x_cmp(OpCode op, Tensor *a, Tensor *b) {
    if (!a || !b) return done2(NULL, a, b);
    return done2(tensor_binary(op, a, b, NULL), a, b);
}

Tensor *x_cmps(OpCode op, Tensor *a, double s) {
    if (!a) return NULL;
    return done2(tensor_binary_scalar(op, a, tensor_scalar_float(s), NULL), a, NULL);
}
