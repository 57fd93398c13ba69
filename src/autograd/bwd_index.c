// Backward formulas of indexing: the gradient of a gather is a scatter-add
// into zeros and back. The scatter-adds done here record nodes of their own
// (whose backward gathers again), so create_graph works through indexing.
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/index.h"
#include "tensor/iter.h"
#include "tensor/shape.h"

#define SAVED(i) node_saved(n, (i))

// Records [out] = f(g) for a function linear in [g] whose backward is
// [fn]; [saved] (index tensors) are kept in slots 0.. of the node.
static Tensor *record_linear(const char *name, AgBackwardFn fn, Tensor *out, const Tensor *g,
                             int nsaved, const Tensor *const *saved, const OpArgs *args) {
    if (!out || !ag_wanted(1, &g)) return out;
    AgNode *n = node_new(name, fn, 1, 1, nsaved);
    n->args = *args;
    info_of(&n->in[0], g);
    n->next[0] = node_gradient_edge(g);
    for (int i = 0; i < nsaved; i++) saved_put(&n->saved[i], saved[i], false, 0);
    node_set_output(n, out, 0);
    ag_node_release(n);
    return out;
}

// The TensorIndex list of an INDEX-style node: args.dims[k] != 0 marks a
// tensor entry (taken from saved slots first, first+1, ...), others are ':'.
static int index_list(AgNode *n, int first, TensorIndex *idx) {
    int k = n->args.ndims, slot = first;
    for (int i = 0; i < k; i++) {
        memset(&idx[i], 0, sizeof idx[i]);
        if (n->args.dims[i]) {
            idx[i].kind = TI_TENSOR;
            if (!(idx[i].tensor = SAVED(slot++))) return -1;
        } else {
            idx[i].kind = TI_SLICE;
        }
    }
    return k;
}

static int saved_tensors(AgNode *n, int first, const Tensor **out) {
    int k = 0;
    for (int i = 0; i < n->args.ndims; i++) {
        if (!n->args.dims[i]) continue;
        if (!(out[k] = SAVED(first + k))) return -1;
        k++;
    }
    return k;
}

// x[indices] as a recorded op (IndexBackward0): inputs (x, index tensors).
static Tensor *index_rec(const Tensor *x, const TensorIndex *idx, int k, const OpArgs *args) {
    Tensor *out = tensor_index(x, idx, k);
    const Tensor *in[1 + TENSOR_MAX_DIMS] = {x};
    int nin = 1;
    for (int i = 0; i < k; i++)
        if (idx[i].kind == TI_TENSOR) in[nin++] = idx[i].tensor;
    return ag_record(OP_INDEX, out, nin, in, args);
}

// zeros(shape).index_put_(indices, g, accumulate=True): IndexBackward0's formula.
static int bwd_index_put_zeros(AgNode *n, Tensor *const *gout, Tensor **gin) {
    TensorIndex idx[TENSOR_MAX_DIMS];
    int k = index_list(n, 0, idx);
    if (k < 0) return -1;
    return put_grad(n, gin, 0, index_rec(gout[0], idx, k, &n->args));
}

int bwd_index(AgNode *n, Tensor *const *gout, Tensor **gin) {
    TensorIndex idx[TENSOR_MAX_DIMS];
    const Tensor *ts[TENSOR_MAX_DIMS];
    int k = index_list(n, 1, idx), nt = saved_tensors(n, 1, ts);
    if (k < 0 || nt < 0) return -1;
    const Tensor *g = gout[0];
    Tensor *z = tensor_zeros(n->in[0].ndim, n->in[0].shape, g->dtype);
    if (!z || tensor_index_put_acc(z, idx, k, g, true) < 0) {
        tensor_release(z);
        return -1;
    }
    return put_grad(n, gin, 0, record_linear("IndexPutBackward0", bwd_index_put_zeros, z, g, nt, ts, &n->args));
}

// x[indices] = value (accumulate: +=), in place: inputs (self, value, indices...).
int bwd_index_put(AgNode *n, Tensor *const *gout, Tensor **gin) {
    TensorIndex idx[TENSOR_MAX_DIMS];
    int k = index_list(n, 2, idx);
    if (k < 0) return -1;
    const Tensor *g = gout[0];
    if (needs(n, 0)) {
        if (n->args.flags & 1) {
            if (put_grad(n, gin, 0, keep(g)) < 0) return -1;
        } else {
            // g with the overwritten positions zeroed: index_put(g, indices, 0).
            Tensor *zero = tensor_zeros(0, NULL, g->dtype), *c = tensor_clone(g);
            if (!zero || !c || tensor_index_put_acc(c, idx, k, zero, false) < 0) {
                tensor_release(zero);
                tensor_release(c);
                return -1;
            }
            const Tensor *in[2 + TENSOR_MAX_DIMS] = {g, zero};
            int nin = 2;
            for (int i = 0; i < k; i++)
                if (idx[i].kind == TI_TENSOR) in[nin++] = idx[i].tensor;
            OpArgs a = n->args;
            a.flags = 0;
            c = ag_record(OP_INDEX_PUT, c, nin, in, &a);
            tensor_release(zero);
            if (put_grad(n, gin, 0, c) < 0) return -1;
        }
    }
    if (needs(n, 1) && put_grad(n, gin, 1, index_rec(g, idx, k, &n->args)) < 0) return -1;
    return 0;
}

// index_select(x, dim, index): the gradient index_add-ed into zeros.
static int bwd_index_add_zeros(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *index = SAVED(0);
    if (!index) return -1;
    return put_grad(n, gin, 0, ag_index_select(gout[0], n->args.i[0], index));
}

int bwd_index_select(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *index = SAVED(1);
    if (!index) return -1;
    const AgInfo *in = &n->in[0];
    int dim = wrap_dim(n->args.i[0], in->ndim);
    int64_t len = tensor_numel(index);
    Tensor *flat = tensor_reshape(index, 1, &len);
    Tensor *i64 = flat ? tensor_to_dtype(flat, DT_I64, false) : NULL;
    tensor_release(flat);
    Tensor *z = i64 ? tensor_zeros(in->ndim, in->shape, g->dtype) : NULL;
    TensorIndex idx[TENSOR_MAX_DIMS];
    memset(idx, 0, sizeof idx);
    for (int d = 0; d < dim; d++) idx[d].kind = TI_SLICE;
    idx[dim].kind = TI_TENSOR;
    idx[dim].tensor = i64;
    // A 0-d x: index_select keeps it 0-d, so index with the flat view.
    Tensor *target = z && in->ndim == 0 ? tensor_reshape(z, 1, (int64_t[]){1}) : keep(z);
    Tensor *gv = g->ndim == 0 ? tensor_reshape(g, 1, (int64_t[]){1}) : keep(g);
    int rc = target && gv ? tensor_index_put_acc(target, idx, dim + 1, gv, true) : -1;
    tensor_release(target);
    tensor_release(gv);
    OpArgs a;
    memset(&a, 0, sizeof a);
    a.i[0] = dim;
    Tensor *out = NULL;
    if (rc == 0) out = record_linear("IndexAddBackward0", bwd_index_add_zeros, z, g, 1,
                                     (const Tensor *const[]){i64}, &a);
    else tensor_release(z);
    tensor_release(i64);
    return put_grad(n, gin, 0, out);
}

int bwd_gather(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *index = SAVED(1);
    if (!index) return -1;
    Tensor *z = tensor_zeros(n->in[0].ndim, n->in[0].shape, g->dtype);
    if (!z) return -1;
    Tensor *out = ag_scatter_add(z, n->args.i[0], index, g);
    tensor_release(z);
    return put_grad(n, gin, 0, out);
}

// g with the scattered-to positions zeroed: scatter(g, dim, index, 0).
static Tensor *scatter_zero(const Tensor *g, int64_t dim, const Tensor *index) {
    OpArgs a;
    memset(&a, 0, sizeof a);
    a.i[0] = dim;
    const Tensor *in[2] = {g, index};
    return ag_record(OP_SCATTER_VALUE, tensor_scatter_value(g, dim, index, 0, SCATTER_NONE), 2, in, &a);
}

int bwd_scatter(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (n->args.mode != SCATTER_NONE)
        return tl_raise_int(ERR_NOT_IMPLEMENTED, "the derivative for 'scatter' with reduce is not implemented");
    const Tensor *g = gout[0], *index = SAVED(1);
    if (!index) return -1;
    if (needs(n, 0) && put_grad(n, gin, 0, scatter_zero(g, n->args.i[0], index)) < 0) return -1;
    if (needs(n, 2) && put_grad(n, gin, 2, ag_gather(g, n->args.i[0], index)) < 0) return -1;
    return 0;
}

int bwd_scatter_value(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (n->args.mode != SCATTER_NONE)
        return tl_raise_int(ERR_NOT_IMPLEMENTED, "the derivative for 'scatter' with reduce is not implemented");
    const Tensor *index = SAVED(1);
    if (!index) return -1;
    return put_grad(n, gin, 0, scatter_zero(gout[0], n->args.i[0], index));
}

int bwd_scatter_add(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *index = SAVED(1);
    if (!index) return -1;
    if (needs(n, 0) && put_grad(n, gin, 0, keep(g)) < 0) return -1;
    if (needs(n, 2) && put_grad(n, gin, 2, ag_gather(g, n->args.i[0], index)) < 0) return -1;
    return 0;
}

// take(x, index) = x.flatten()[index]: the gradient put (accumulating) back.
static int bwd_put(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *index = SAVED(0);
    if (!index) return -1;
    const Tensor *in[2] = {gout[0], index};
    return put_grad(n, gin, 0, ag_record(OP_TAKE, tensor_take(gout[0], index), 2, in, &n->args));
}

int bwd_take(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *index = SAVED(1);
    if (!index) return -1;
    int64_t numel = 1, m = tensor_numel(index);
    for (int d = 0; d < n->in[0].ndim; d++) numel *= n->in[0].shape[d];
    Tensor *z = tensor_zeros(1, &numel, g->dtype);
    Tensor *fi = tensor_reshape(index, 1, &m), *fg = tensor_reshape(g, 1, &m);
    TensorIndex idx = {.kind = TI_TENSOR, .tensor = fi};
    int rc = z && fi && fg ? tensor_index_put_acc(z, &idx, 1, fg, true) : -1;
    tensor_release(fi);
    tensor_release(fg);
    Tensor *shaped = rc == 0 ? tensor_reshape(z, n->in[0].ndim, n->in[0].shape) : NULL;
    tensor_release(z);
    return put_grad(n, gin, 0, record_linear("PutBackward0", bwd_put, shaped, g, 1, &index, &n->args));
}

// masked_select(x, mask): the gradient scattered to the mask's positions.
static int bwd_masked_scatter(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *mask = SAVED(0);
    if (!mask) return -1;
    const Tensor *in[2] = {gout[0], mask};
    return put_grad(n, gin, 0, ag_record(OP_MASKED_SELECT, tensor_masked_select(gout[0], mask), 2, in,
                                         &n->args));
}

int bwd_masked_select(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *mask = SAVED(1);
    if (!mask) return -1;
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shapes(n->in[0].ndim, n->in[0].shape, mask->ndim, mask->shape, &nd, shape) < 0)
        return -1;
    Tensor *z = tensor_zeros(nd, shape, g->dtype), *mb = tensor_expand(mask, nd, shape);
    TensorIndex idx = {.kind = TI_TENSOR, .tensor = mb};
    int rc = z && mb ? tensor_index_put_acc(z, &idx, 1, g, false) : -1;
    tensor_release(mb);
    if (rc < 0) {
        tensor_release(z);
        return -1;
    }
    return put_grad(n, gin, 0, record_linear("MaskedScatterBackward0", bwd_masked_scatter, z, g, 1, &mask,
                                             &n->args));
}
