// Gradients of strided views, for select/slice/diagonal backward and for
// in-place ops on views (CopySlices): gather the elements a view picks,
// scatter a gradient into zeros at a view, replace a view's elements. Each
// is differentiable (records a node when its input requires grad), so
// create_graph works through them.
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"
#include "common/alloc.h"
#include "tensor/convert.h"
#include "tensor/storage.h"

void geom_of(AgGeom *g, const Tensor *t) {
    g->ndim = t->ndim;
    memcpy(g->shape, t->shape, (size_t)t->ndim * sizeof *t->shape);
    memcpy(g->strides, t->strides, (size_t)t->ndim * sizeof *t->strides);
    g->offset = t->offset;
    g->numel = (int64_t)(t->storage->nbytes / dtype_size(t->dtype));
}

static bool plain(const AgGeom *g) {
    int64_t cs[TENSOR_MAX_DIMS], n = 1;
    tensor_contiguous_strides(g->ndim, g->shape, cs);
    for (int d = 0; d < g->ndim; d++) {
        if (g->shape[d] != 1 && g->strides[d] != cs[d]) return false;
        n *= g->shape[d];
    }
    return g->offset == 0 && g->numel == n;
}

// A header over [storage] with geometry [g] (offset shifted by [shift]).
static Tensor *header(Storage *s, DType dt, const AgGeom *g, int64_t shift) {
    Tensor *t = tensor_alloc();
    t->storage = storage_retain(s);
    t->dtype = dt;
    t->ndim = g->ndim;
    memcpy(t->shape, g->shape, (size_t)g->ndim * sizeof *g->shape);
    memcpy(t->strides, g->strides, (size_t)g->ndim * sizeof *g->strides);
    t->offset = g->offset + shift;
    return t;
}

// A fresh tensor of [dt] laid out exactly as [base].
static Tensor *alloc_layout(const AgGeom *base, DType dt, bool zero) {
    if (plain(base))
        return zero ? tensor_zeros(base->ndim, base->shape, dt) : tensor_empty(base->ndim, base->shape, dt);
    Storage *s = storage_new((size_t)base->numel * dtype_size(dt), zero);
    if (!s) return NULL;
    Tensor *t = header(s, dt, base, 0);
    storage_release(s);
    return t;
}

static AgNode *geom_node(const char *name, AgBackwardFn fn, int nin, const Tensor *const *in,
                         const AgGeom *base, const AgGeom *v) {
    AgNode *n = node_new(name, fn, nin, 1, 0);
    n->geom = tl_xmalloc(2 * sizeof *n->geom);
    n->geom[0] = *base;
    n->geom[1] = *v;
    for (int i = 0; i < nin; i++) {
        if (!in[i]) continue;
        info_of(&n->in[i], in[i]);
        n->next[i] = node_gradient_edge(in[i]);
    }
    return n;
}

static Tensor *finish(Tensor *out, AgNode *n) {
    if (n) {
        node_set_output(n, out, 0);
        ag_node_release(n);
    }
    return out;
}

int ag_bwd_as_strided(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, geom_scatter(gout[0], &n->geom[0], &n->geom[1]));
}

static int bwd_geom_scatter(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, geom_gather(gout[0], &n->geom[0], &n->geom[1]));
}

static int bwd_replace(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (needs(n, 0) && put_grad(n, gin, 0, geom_replace(gout[0], NULL, &n->geom[0], &n->geom[1])) < 0)
        return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, geom_gather(gout[0], &n->geom[0], &n->geom[1])) < 0)
        return -1;
    return 0;
}

Tensor *geom_gather(const Tensor *t, const AgGeom *base, const AgGeom *v) {
    Tensor *lay, *view;
    if (plain(base) && tensor_is_contiguous(t)) {
        view = header(t->storage, t->dtype, v, t->offset);   // same layout: no copy
    } else {
        if (!(lay = alloc_layout(base, t->dtype, false))) return NULL;
        if (tensor_copy_(lay, t) < 0) {
            tensor_release(lay);
            return NULL;
        }
        view = header(lay->storage, t->dtype, v, 0);
        tensor_release(lay);
    }
    Tensor *out = tensor_clone(view);
    tensor_release(view);
    if (!out || !ag_wanted(1, &t)) return out;
    return finish(out, geom_node("AsStridedBackward0", ag_bwd_as_strided, 1, &t, base, v));
}

Tensor *geom_scatter(const Tensor *g, const AgGeom *base, const AgGeom *v) {
    Tensor *out = alloc_layout(base, g->dtype, true);
    if (!out) return NULL;
    Tensor *view = header(out->storage, g->dtype, v, 0);
    int rc = tensor_copy_(view, g);
    tensor_release(view);
    if (rc < 0) {
        tensor_release(out);
        return NULL;
    }
    if (!ag_wanted(1, &g)) return out;
    return finish(out, geom_node("AsStridedScatterBackward0", bwd_geom_scatter, 1, &g, base, v));
}

Tensor *geom_replace(const Tensor *t, const Tensor *r, const AgGeom *base, const AgGeom *v) {
    Tensor *out = alloc_layout(base, t->dtype, false);
    if (!out) return NULL;
    Tensor *view = header(out->storage, t->dtype, v, 0);
    int rc = tensor_copy_(out, t);
    if (rc == 0) rc = r ? tensor_copy_(view, r) : tensor_zero_(view);
    tensor_release(view);
    if (rc < 0) {
        tensor_release(out);
        return NULL;
    }
    const Tensor *in[2] = {t, r};
    if (!ag_wanted(2, in)) return out;
    return finish(out, geom_node("AsStridedScatterBackward1", bwd_replace, 2, in, base, v));
}

Tensor *geom_view_backward(const Tensor *g, const AgInfo *in, AgViewFn view_fn,
                           const OpArgs *args) {
    Tensor *z = tensor_zeros(in->ndim, in->shape, g->dtype);
    if (!z) return NULL;
    Tensor *view = view_fn(z, args);
    if (!view) {
        tensor_release(z);
        return NULL;
    }
    if (!ag_wanted(1, &g)) {
        int rc = tensor_copy_(view, g);
        tensor_release(view);
        if (rc < 0) {
            tensor_release(z);
            return NULL;
        }
        return z;
    }
    AgGeom gb, gv;
    geom_of(&gb, z);
    geom_of(&gv, view);
    tensor_release(view);
    tensor_release(z);
    return geom_scatter(g, &gb, &gv);
}
