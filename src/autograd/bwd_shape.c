// Backward formulas of views and shape ops: reshapes reshape back, permutes
// permute back, expand sums, selections scatter into zeros (geom.c), and
// cat/stack/split/unbind undo each other.
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "common/error.h"
#include "tensor/shape.h"

static int reshape_back(AgNode *n, const Tensor *g, Tensor **gin) {
    return put_grad(n, gin, 0, ag_reshape(g, n->in[0].ndim, n->in[0].shape));
}

int bwd_view(AgNode *n, Tensor *const *gout, Tensor **gin) { return reshape_back(n, gout[0], gin); }
int bwd_reshape_alias(AgNode *n, Tensor *const *gout, Tensor **gin) { return reshape_back(n, gout[0], gin); }
int bwd_unsafe_view(AgNode *n, Tensor *const *gout, Tensor **gin) { return reshape_back(n, gout[0], gin); }
int bwd_squeeze(AgNode *n, Tensor *const *gout, Tensor **gin) { return reshape_back(n, gout[0], gin); }
int bwd_squeeze_dim(AgNode *n, Tensor *const *gout, Tensor **gin) { return reshape_back(n, gout[0], gin); }
int bwd_unsqueeze(AgNode *n, Tensor *const *gout, Tensor **gin) { return reshape_back(n, gout[0], gin); }

int bwd_t(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_t(gout[0]));
}

int bwd_transpose(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_transpose(gout[0], n->args.i[0], n->args.i[1]));
}

int bwd_permute(AgNode *n, Tensor *const *gout, Tensor **gin) {
    int nd = n->args.ndims;
    int64_t inv[TENSOR_MAX_DIMS];
    for (int i = 0; i < nd; i++) inv[wrap_dim(n->args.dims[i], nd)] = i;
    return put_grad(n, gin, 0, ag_permute(gout[0], nd, inv));
}

int bwd_expand(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_sum_to(gout[0], n->in[0].ndim, n->in[0].shape));
}

static Tensor *select_fn(const Tensor *t, const OpArgs *a) { return tensor_select(t, a->i[0], a->i[1]); }
static Tensor *slice_fn(const Tensor *t, const OpArgs *a) {
    return tensor_slice(t, a->i[0], a->i[1], a->i[2], a->i[3]);
}
static Tensor *diagonal_fn(const Tensor *t, const OpArgs *a) {
    return tensor_diagonal(t, a->i[0], a->i[1], a->i[2]);
}

int bwd_select(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, geom_view_backward(gout[0], &n->in[0], select_fn, &n->args));
}

int bwd_slice(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, geom_view_backward(gout[0], &n->in[0], slice_fn, &n->args));
}

int bwd_diagonal(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, geom_view_backward(gout[0], &n->in[0], diagonal_fn, &n->args));
}

// diag(v, k) of a vector builds a matrix; of a matrix takes a diagonal.
int bwd_diag(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (n->in[0].ndim == 1)
        return put_grad(n, gin, 0, ag_diagonal(gout[0], n->args.i[0], 0, 1));
    OpArgs a = n->args;
    a.i[1] = 0;
    a.i[2] = 1;
    return put_grad(n, gin, 0, geom_view_backward(gout[0], &n->in[0], diagonal_fn, &a));
}

// unbind: the outputs' gradients stacked back (zeros for unused outputs).
int bwd_unbind(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_stack(n->nout, (const Tensor *const *)gout,
                                        wrap_dim(n->args.i[0], n->in[0].ndim)));
}

static int cat_back(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_cat(n->nout, (const Tensor *const *)gout,
                                      wrap_dim(n->args.i[0], n->in[0].ndim)));
}

int bwd_split(AgNode *n, Tensor *const *gout, Tensor **gin) { return cat_back(n, gout, gin); }
int bwd_split_sizes(AgNode *n, Tensor *const *gout, Tensor **gin) { return cat_back(n, gout, gin); }

// cat: each input gets its slice of the gradient.
int bwd_cat(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    int dim = wrap_dim(n->args.i[0], g->ndim);
    int64_t off = 0;
    for (int i = 0; i < n->nin; i++) {
        const AgInfo *in = &n->in[i];
        // PyTorch skips legacy empty 1-d inputs of shape [0].
        if (in->ndim == 1 && in->shape[0] == 0 && g->ndim != 1) continue;
        int64_t size = in->shape[dim];
        if (needs(n, i) && put_grad(n, gin, i, ag_narrow(g, dim, off, size)) < 0) return -1;
        off += size;
    }
    return 0;
}

int bwd_stack(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    int dim = wrap_dim(n->args.i[0], g->ndim);
    for (int i = 0; i < n->nin; i++)
        if (needs(n, i) && put_grad(n, gin, i, ag_select(g, dim, i)) < 0) return -1;
    return 0;
}

int bwd_flip(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_flip(gout[0], n->args.ndims, n->args.dims));
}

int bwd_roll(AgNode *n, Tensor *const *gout, Tensor **gin) {
    int64_t back[4];
    int ns = n->args.mode;
    for (int i = 0; i < ns && i < 4; i++) back[i] = -n->args.i[i];
    return put_grad(n, gin, 0, ag_roll(gout[0], ns, back, n->args.ndims, n->args.dims));
}

// repeat: view the gradient as (r0, s0, r1, s1, ...) and sum the r dims.
int bwd_repeat(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const AgInfo *in = &n->in[0];
    int R = n->args.ndims, lead = R - in->ndim, nd = 0, nr = 0;
    int64_t shape[2 * TENSOR_MAX_DIMS], red[2 * TENSOR_MAX_DIMS];
    for (int i = 0; i < R; i++) {
        red[nr++] = nd;
        shape[nd++] = n->args.dims[i];
        if (i >= lead) shape[nd++] = in->shape[i - lead];
    }
    if (nd > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_NOT_IMPLEMENTED, "repeat backward: tl tensors have at most %d dims",
                            TENSOR_MAX_DIMS);
    Tensor *v = ag_reshape(gout[0], nd, shape);
    if (!v) return -1;
    Tensor *s = x_sum(v, red, nr, false);
    return put_grad(n, gin, 0, x_reshape(s, in));
}

int bwd_tril(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_tril(gout[0], n->args.i[0]));
}

int bwd_triu(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_triu(gout[0], n->args.i[0]));
}
