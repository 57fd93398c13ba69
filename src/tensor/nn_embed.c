// Embedding lookup (rows of a weight matrix picked by integer indices) and
// its backward, which adds each gradient row back into its index's row.
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"

static int64_t index_at(const Tensor *idx, int64_t i) { return tensor_get_flat_i64(idx, i); }

// in[0]: weight (num, dim) contiguous; in[1]: int64/int32 indices (contiguous);
// out: idx.shape + (dim), contiguous.
int cpu_embedding(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *w = in[0], *idx = in[1];
    int64_t num = w->shape[0], dim = w->shape[1], n = tensor_numel(idx);
    size_t row = (size_t)dim * dtype_size(w->dtype);
    for (int64_t i = 0; i < n; i++) {
        int64_t k = index_at(idx, i);
        if (k < 0 || k >= num) return tl_raise_int(ERR_INDEX, "index out of range in self");
        memcpy((char *)tensor_data(out) + (size_t)i * row, (const char *)tensor_data(w) + (size_t)k * row, row);
    }
    return 0;
}

Tensor *tensor_embedding(const Tensor *w, const Tensor *idx) {
    if (idx->dtype != DT_I64 && idx->dtype != DT_I32)
        return tl_raise(ERR_RUNTIME, "Expected tensor for argument #1 'indices' to have one of the following "
                        "scalar types: Long, Int; but got torch.%sTensor instead (while checking arguments for "
                        "embedding)", reduce_type_name(idx->dtype));
    if (w->ndim != 2) return tl_raise(ERR_RUNTIME, "'weight' must be 2-D");
    if (idx->ndim + 1 > TENSOR_MAX_DIMS) return tl_raise(ERR_RUNTIME, "embedding: too many dimensions");
    int64_t shape[TENSOR_MAX_DIMS];
    memcpy(shape, idx->shape, sizeof(int64_t) * (size_t)idx->ndim);
    shape[idx->ndim] = w->shape[1];
    Tensor *wc = tensor_contiguous(w), *ic = wc ? tensor_contiguous(idx) : NULL;
    Tensor *out = ic ? tensor_empty(idx->ndim + 1, shape, w->dtype) : NULL;
    const Tensor *ins[2] = {wc, ic};
    if (out && op_run(OP_EMBEDDING, out, ins, NULL) < 0) {
        tensor_release(out);
        out = NULL;
    }
    tensor_release(wc), tensor_release(ic);
    return out;
}

Tensor *tensor_embedding_backward(const Tensor *g, const Tensor *idx, int64_t num, int64_t padding_idx) {
    int64_t n = tensor_numel(idx), dim = g->ndim ? g->shape[g->ndim - 1] : 1;
    int64_t shape[2] = {num, dim};
    Tensor *gc = tensor_contiguous(g), *dw = gc ? tensor_zeros(2, shape, g->dtype) : NULL;
    for (int64_t i = 0; dw && i < n; i++) {
        int64_t k = index_at(idx, i);
        if (k == padding_idx || k < 0 || k >= num) continue;
        for (int64_t d = 0; d < dim; d++)
            tensor_set_flat(dw, k * dim + d, tensor_get_flat(dw, k * dim + d) + tensor_get_flat(gc, i * dim + d));
    }
    tensor_release(gc);
    return dw;
}
