// linalg.matrix_norm and linalg.norm, composed from the vector norm and
// amax/amin: 'fro' is the 2-norm over both dims, ord 1/-1 the largest /
// smallest column sum of |x|, inf/-inf the same over rows. Orders needing
// singular values ('nuc', 2, -2) are not implemented.
#include "tensor/linalg.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"

// max/min over [d1] of sum(|x|) over [d0] (dims wrapped, distinct).
static Tensor *sum_then_extreme(const Tensor *x, int64_t d0, int64_t d1, bool is_max,
                                bool keepdim) {
    Tensor *s = tensor_norm(x, 1, &d0, 1, true, REDUCE_NO_DTYPE);
    if (!s) return NULL;
    Tensor *m = is_max ? tensor_amax(s, &d1, 1, true) : tensor_amin(s, &d1, 1, true);
    tensor_release(s);
    if (!m || keepdim) return m;
    int64_t shape[TENSOR_MAX_DIMS];
    int n = 0;
    for (int d = 0; d < m->ndim; d++)
        if (d != d0 && d != d1) shape[n++] = m->shape[d];
    Tensor *r = tensor_reshape(m, n, shape);
    tensor_release(m);
    return r;
}

Tensor *tensor_linalg_matrix_norm(const Tensor *x, const char *ord_str, double ord,
                                  const int64_t *dims, bool keepdim) {
    if (x->ndim < 2)
        return tl_raise(ERR_RUNTIME, "linalg.matrix_norm: The input tensor A must have at least "
                        "2 dimensions.");
    if (!dtype_is_floating(x->dtype))
        return tl_raise(ERR_RUNTIME, "linalg.matrix_norm: Expected a floating point or complex "
                        "tensor as input. Got %s", reduce_type_name(x->dtype));
    int64_t d[2] = {dims ? dims[0] : -2, dims ? dims[1] : -1};
    for (int i = 0; i < 2; i++)
        if (reduce_wrap_dim(d[i], x->ndim, &d[i]) < 0) return NULL;
    if (d[0] == d[1])
        return tl_raise(ERR_RUNTIME, "linalg.matrix_norm: dims must be different. Got (%lld, %lld)",
                        (long long)d[0], (long long)d[1]);
    if (ord_str && strcmp(ord_str, "fro") == 0)
        return tensor_linalg_vector_norm(x, 2, d, 2, keepdim, REDUCE_NO_DTYPE);
    if (ord_str && strcmp(ord_str, "nuc") == 0)
        return tl_raise(ERR_NOT_IMPLEMENTED, "linalg.matrix_norm: ord='nuc' needs singular values, "
                        "which tl does not compute");
    if (ord_str)
        return tl_raise(ERR_RUNTIME, "linalg.matrix_norm: Order %s not supported.", ord_str);
    if (fabs(ord) == 1) return sum_then_extreme(x, d[0], d[1], ord > 0, keepdim);
    if (isinf(ord)) return sum_then_extreme(x, d[1], d[0], ord > 0, keepdim);
    if (fabs(ord) == 2)
        return tl_raise(ERR_NOT_IMPLEMENTED, "linalg.matrix_norm: ord=%g needs singular values, "
                        "which tl does not compute", ord);
    return tl_raise(ERR_RUNTIME, "linalg.matrix_norm: Order %g not supported.", ord);
}

Tensor *tensor_linalg_norm(const Tensor *x, bool has_ord, const char *ord_str, double ord,
                           const int64_t *dims, int ndims, bool keepdim) {
    if (dims && (ndims < 1 || ndims > 2))
        return tl_raise(ERR_RUNTIME, "linalg.norm: If dim is specified, it must be of length 1 "
                        "or 2. Got [%d]", ndims);
    if (!has_ord && !ord_str)
        return tensor_linalg_vector_norm(x, 2, dims, dims ? ndims : 0, keepdim, REDUCE_NO_DTYPE);
    if (!dims && x->ndim != 1 && x->ndim != 2)
        return tl_raise(ERR_RUNTIME, "linalg.norm: If dim is not specified but ord is, the input "
                        "must be 1D or 2D. Got %dD.", x->ndim);
    bool matrix = dims ? ndims == 2 : x->ndim == 2;
    if (ord_str && !matrix)
        return tl_raise(ERR_RUNTIME, "linalg.matrix_norm: dim must be a 2-tuple. Got %lld",
                        (long long)(dims ? dims[0] : 0));
    if (matrix || ord_str) return tensor_linalg_matrix_norm(x, ord_str, ord, dims, keepdim);
    return tensor_linalg_vector_norm(x, ord, dims, dims ? 1 : 0, keepdim, REDUCE_NO_DTYPE);
}
