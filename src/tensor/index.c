// x[idx] and x[idx] = v. Basic items (ints, slices, None, ...) are applied
// left to right as views, as PyTorch's applySlicing does; the tensor items
// that remain (int64 indices; masks become their nonzero coordinates) are
// broadcast together and turned into one storage offset per index
// position, which the gather and the scatter then walk block by block.
#include "tensor/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"
#include "tensor/storage.h"

// The result of the basic items plus the advanced index tensors left over.
typedef struct {
    Tensor *view;                         // basic indexing result (shares storage)
    int nadv;
    int adv_dim[TENSOR_MAX_DIMS];         // dim of view each tensor indexes
    Tensor *adv[TENSOR_MAX_DIMS];         // int64 index tensors
} Plan;

static void plan_free(Plan *P) {
    tensor_release(P->view);
    for (int j = 0; j < P->nadv; j++) tensor_release(P->adv[j]);
    memset(P, 0, sizeof *P);
}

static bool is_mask(const Tensor *t) { return t->dtype == DT_BOOL || t->dtype == DT_U8; }

// Dims of the indexed tensor that item [ix] consumes (-1: a bad dtype).
static int consumed(const TensorIndex *ix) {
    switch (ix->kind) {
    case TI_INT: case TI_SLICE: return 1;
    case TI_NONE: case TI_ELLIPSIS: return 0;
    case TI_TENSOR: break;
    }
    const Tensor *t = ix->tensor;
    if (is_mask(t)) return t->ndim;
    if (t->dtype == DT_I64 || (t->ndim == 0 && dtype_is_integral(t->dtype))) return 1;
    return -1;
}

// Replaces P->view by a view with one dim changed (n == 0 removes it,
// n == 2 inserts one before [d]).
static int reshape_view(Plan *P, int d, int n, int64_t size, int64_t stride, int64_t offset) {
    Tensor *v = P->view;
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int nd = 0;
    if (n == 2 && v->ndim >= TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_INDEX, "too many dimensions: tl tensors have at most %d",
                            TENSOR_MAX_DIMS);
    for (int k = 0; k <= v->ndim; k++) {
        if (k == d && n >= 1) { shape[nd] = size; strides[nd] = stride; nd++; }
        if (k == v->ndim || (k == d && n <= 1)) continue;
        shape[nd] = v->shape[k]; strides[nd] = v->strides[k]; nd++;
    }
    Tensor *w = tensor_new_view(v, nd, shape, strides, v->offset + offset);
    tensor_release(v);
    P->view = w;
    return 0;
}

static int apply_int(Plan *P, int d, int64_t i, int pos) {
    int64_t size = P->view->shape[d];
    if (i < -size || i >= size)
        return tl_raise_int(ERR_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                            (long long)i, pos, (long long)size);
    if (i < 0) i += size;
    return reshape_view(P, d, 0, 0, 0, i * P->view->strides[d]);
}

// Python's slice.indices() clamping, then a strided view.
static int apply_slice(Plan *P, int d, const TensorIndex *ix) {
    int64_t size = P->view->shape[d], step = ix->has_step ? ix->step : 1;
    if (step == 0) return tl_raise_int(ERR_VALUE, "slice step cannot be zero");
    if (step < 0) return tl_raise_int(ERR_VALUE, "step must be greater than zero");
    int64_t start = ix->has_start ? ix->start : 0, stop = ix->has_stop ? ix->stop : size;
    if (start < 0) start += size;
    if (stop < 0) stop += size;
    start = start < 0 ? 0 : start > size ? size : start;
    stop = stop < 0 ? 0 : stop > size ? size : stop;
    int64_t len = stop > start ? (stop - start + step - 1) / step : 0;
    int64_t st = P->view->strides[d];
    return reshape_view(P, d, 1, len, st * step, start * st);
}

// PyTorch's unsqueeze stride for a new dim before [d].
static int64_t new_dim_stride(const Tensor *v, int d) {
    return d < v->ndim ? v->shape[d] * v->strides[d] : 1;
}

static int add_adv(Plan *P, int d, Tensor *t) {
    if (P->nadv >= TENSOR_MAX_DIMS) {
        tensor_release(t);
        return tl_raise_int(ERR_INDEX, "too many indices");
    }
    P->adv_dim[P->nadv] = d;
    P->adv[P->nadv++] = t;
    return 0;
}

// A k-dim mask indexing dims d..d+k-1: checked, then one int64 index per dim.
static int apply_mask(Plan *P, int d, const Tensor *m) {
    const Tensor *v = P->view;
    for (int j = 0; j < m->ndim; j++)
        if (m->shape[j] != v->shape[d + j]) {
            char ms[128], vs[128];
            return tl_raise_int(ERR_INDEX, "The shape of the mask %s at index %d does not match the "
                                "shape of the indexed tensor %s at index %d",
                                tensor_shape_fmt(ms, sizeof ms, m->ndim, m->shape), j,
                                tensor_shape_fmt(vs, sizeof vs, v->ndim, v->shape), d + j);
        }
    Tensor *cols[TENSOR_MAX_DIMS];
    int k = tensor_nonzero_tuple(m, cols);
    if (k < 0) return -1;
    for (int j = 0; j < k; j++)
        if (add_adv(P, d + j, cols[j]) < 0) {
            for (int r = j + 1; r < k; r++) tensor_release(cols[r]);
            return -1;
        }
    return 0;
}

// x[True] / x[False]: a new size-1 dim indexed by [0] or by nothing.
static int apply_bool_scalar(Plan *P, int d, bool b) {
    if (reshape_view(P, d, 2, 1, new_dim_stride(P->view, d), 0) < 0) return -1;
    int64_t n = b ? 1 : 0;
    Tensor *t = tensor_zeros(1, &n, DT_I64);
    return t ? add_adv(P, d, t) : -1;
}

static int apply_tensor(Plan *P, int *d, const Tensor *t, int pos) {
    if (t->ndim == 0 && !is_mask(t)) return apply_int(P, *d, tensor_get_flat_i64(t, 0), pos);
    if (t->ndim == 0) return apply_bool_scalar(P, (*d)++, tensor_get_flat_i64(t, 0) != 0);
    if (is_mask(t)) {
        if (apply_mask(P, *d, t) < 0) return -1;
        *d += t->ndim;
        return 0;
    }
    return add_adv(P, (*d)++, tensor_retain((Tensor *)t));
}

static int plan_build(Plan *P, const Tensor *t, const TensorIndex *idx, int n) {
    memset(P, 0, sizeof *P);
    int spec = 0;
    for (int i = 0; i < n; i++) {
        int c = consumed(&idx[i]);
        if (c < 0)
            return tl_raise_int(ERR_INDEX, "tensors used as indices must be long, byte or bool "
                                "tensors");
        spec += c;
    }
    for (int i = 0; t->ndim == 0 && i < n; i++) {      // PyTorch's 0-d messages
        if (idx[i].kind == TI_INT)
            return tl_raise_int(ERR_INDEX, "invalid index of a 0-dim tensor. Use `tensor.item()` in "
                                "Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a "
                                "number");
        if (idx[i].kind == TI_SLICE)
            return tl_raise_int(ERR_INDEX, "slice() cannot be applied to a 0-dim tensor.");
    }
    if (spec > t->ndim)
        return tl_raise_int(ERR_INDEX, "too many indices for tensor of dimension %d", t->ndim);
    P->view = tensor_new_view(t, t->ndim, t->shape, t->strides, t->offset);
    int d = 0;
    bool seen_ellipsis = false;
    for (int i = 0; i < n; i++) {
        const TensorIndex *ix = &idx[i];
        int rc = 0;
        switch (ix->kind) {
        case TI_INT: rc = apply_int(P, d, ix->index, i); break;
        case TI_SLICE: rc = apply_slice(P, d++, ix); break;
        case TI_NONE: rc = reshape_view(P, d, 2, 1, new_dim_stride(P->view, d), 0); d++; break;
        case TI_ELLIPSIS:
            if (!seen_ellipsis) d += t->ndim - spec;
            seen_ellipsis = true;
            break;
        case TI_TENSOR: rc = apply_tensor(P, &d, ix->tensor, i); break;
        }
        if (rc < 0) { plan_free(P); return -1; }
    }
    return 0;
}

// ---- advanced part: broadcast the index tensors, one offset per position ----

typedef struct {
    int nb;
    int64_t bshape[TENSOR_MAX_DIMS], nbel;
    int64_t *off;                                   // view element offsets, nbel of them
    bool adjacent;
    int npre, nrest;                                // rest dims: the view's non-indexed dims
    int64_t rshape[TENSOR_MAX_DIMS], rstride[TENSOR_MAX_DIMS];
    int out_nd;
    int64_t out_shape[TENSOR_MAX_DIMS];
} Adv;

static int broadcast_indices(const Plan *P, Adv *A) {
    A->nb = 0;
    for (int j = 0; j < P->nadv; j++) {
        const Tensor *t = P->adv[j];
        int nd = t->ndim > A->nb ? t->ndim : A->nb;
        int64_t s[TENSOR_MAX_DIMS];
        for (int k = 0; k < nd; k++) {
            int ka = k - (nd - A->nb), kt = k - (nd - t->ndim);
            int64_t a = ka >= 0 ? A->bshape[ka] : 1, b = kt >= 0 ? t->shape[kt] : 1;
            if (a != b && a != 1 && b != 1) {
                char buf[1024];
                size_t len = 0;
                for (int r = 0; r < P->nadv && len < sizeof buf - 64; r++) {
                    char one[128];
                    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", r ? ", " : "",
                                            tensor_shape_fmt(one, sizeof one, P->adv[r]->ndim,
                                                             P->adv[r]->shape));
                }
                return tl_raise_int(ERR_INDEX, "shape mismatch: indexing tensors could not be "
                                    "broadcast together with shapes %s", buf);
            }
            s[k] = a == 1 ? b : a;
        }
        memcpy(A->bshape, s, sizeof(int64_t) * (size_t)nd);
        A->nb = nd;
    }
    A->nbel = 1;
    for (int k = 0; k < A->nb; k++) A->nbel *= A->bshape[k];
    return 0;
}

// Storage offsets (relative to the view) of every broadcast index position,
// with bounds checks; the message names the index's place among the
// tensor indices, as PyTorch's kernel does.
static int index_offsets(const Plan *P, Adv *A) {
    if (!(A->off = calloc((size_t)(A->nbel ? A->nbel : 1), sizeof(int64_t))))
        return tl_raise_int(ERR_MEMORY, "out of memory computing index offsets");
    for (int j = 0; j < P->nadv; j++) {
        const Tensor *t = P->adv[j];
        int d = P->adv_dim[j];
        int64_t size = P->view->shape[d], stride = P->view->strides[d];
        for (int64_t b = 0; b < A->nbel; b++) {
            // Position b of the broadcast shape, read through t's own dims.
            int64_t rem = b, src = 0;
            for (int k = A->nb - 1; k >= 0; k--) {
                int kt = k - (A->nb - t->ndim);
                int64_t c = rem % A->bshape[k];
                rem /= A->bshape[k];
                if (kt >= 0 && t->shape[kt] != 1) src += c * t->strides[kt];
            }
            int64_t v = reduce_load_i64((const char *)tensor_data(t) + src * 8, DT_I64);
            if (v < -size || v >= size)
                return tl_raise_int(ERR_INDEX, "index %lld is out of bounds for dimension %d with "
                                    "size %lld", (long long)v, j, (long long)size);
            A->off[b] += (v < 0 ? v + size : v) * stride;
        }
    }
    return 0;
}

static int adv_build(const Plan *P, Adv *A) {
    memset(A, 0, sizeof *A);
    if (broadcast_indices(P, A) < 0 || index_offsets(P, A) < 0) return -1;
    bool indexed[TENSOR_MAX_DIMS] = {false};
    A->adjacent = true;
    for (int j = 0; j < P->nadv; j++) {
        indexed[P->adv_dim[j]] = true;
        if (j > 0 && P->adv_dim[j] != P->adv_dim[j - 1] + 1) A->adjacent = false;
    }
    const Tensor *v = P->view;
    for (int d = 0; d < v->ndim; d++) {
        if (indexed[d]) continue;
        if (d < P->adv_dim[0]) A->npre++;
        A->rshape[A->nrest] = v->shape[d];
        A->rstride[A->nrest++] = v->strides[d];
    }
    if (!A->adjacent) A->npre = 0;            // non-adjacent: the index dims go first
    int n = 0;
    for (int k = 0; k < A->npre; k++) A->out_shape[n++] = A->rshape[k];
    for (int k = 0; k < A->nb; k++) A->out_shape[n++] = A->bshape[k];
    for (int k = A->npre; k < A->nrest; k++) A->out_shape[n++] = A->rshape[k];
    if (n > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_INDEX, "too many dimensions: tl tensors have at most %d",
                            TENSOR_MAX_DIMS);
    A->out_nd = n;
    return 0;
}

// Calls [fn] for every (pre position, index position) pair with the view
// offset of the post block and the dense position of that block in the
// result; the post block is rshape/rstride from npre on.
typedef void (*BlockFn)(void *ctx, int64_t view_off, int64_t dense_block);

static void adv_walk(const Adv *A, BlockFn fn, void *ctx) {
    int64_t npre_el = 1, idx[TENSOR_MAX_DIMS] = {0}, pre_off = 0, block = 0;
    for (int k = 0; k < A->npre; k++) npre_el *= A->rshape[k];
    for (int64_t p = 0; p < npre_el; p++) {
        for (int64_t b = 0; b < A->nbel; b++) fn(ctx, pre_off + A->off[b], block++);
        for (int k = A->npre - 1; k >= 0; k--) {
            pre_off += A->rstride[k];
            if (++idx[k] < A->rshape[k]) break;
            pre_off -= A->rstride[k] * A->rshape[k];
            idx[k] = 0;
        }
    }
}

typedef struct {
    const Adv *A;
    const char *src;      // gather: the view's element 0; put: the dense values
    char *dst;            // gather: the dense result; put: the view's element 0
    size_t es;
    int64_t post_el;
    DType dt;
    bool acc;
} Walk;

static void gather_block(void *ctx, int64_t view_off, int64_t block) {
    Walk *w = ctx;
    const Adv *A = w->A;
    reduce_strided_copy(w->dst + block * w->post_el * (int64_t)w->es,
                        w->src + view_off * (int64_t)w->es, A->nrest - A->npre,
                        A->rshape + A->npre, A->rstride + A->npre, w->es);
}

Tensor *tensor_index(const Tensor *t, const TensorIndex *idx, int n) {
    Plan P;
    Adv A = {0};
    Tensor *out = NULL;
    if (plan_build(&P, t, idx, n) < 0) return NULL;
    if (P.nadv == 0) {
        out = P.view;
        P.view = NULL;
        plan_free(&P);
        return out;
    }
    if (adv_build(&P, &A) < 0 || !(out = tensor_empty(A.out_nd, A.out_shape, t->dtype))) goto done;
    Walk w = {&A, tensor_data(P.view), tensor_data(out), dtype_size(t->dtype), 1, t->dtype, false};
    for (int k = A.npre; k < A.nrest; k++) w.post_el *= A.rshape[k];
    if (tensor_numel(out) > 0) adv_walk(&A, gather_block, &w);
done:
    free(A.off);
    plan_free(&P);
    return out;
}

// ---- index_put ----

// Writes (or adds) one dense block of values into the strided post block.
static void put_block(void *ctx, int64_t view_off, int64_t block) {
    Walk *w = ctx;
    const Adv *A = w->A;
    int nd = A->nrest - A->npre;
    const int64_t *shape = A->rshape + A->npre, *st = A->rstride + A->npre;
    int64_t es = (int64_t)w->es, idx[TENSOR_MAX_DIMS] = {0}, off = view_off;
    const char *s = w->src + block * w->post_el * es;
    for (int64_t e = 0; e < w->post_el; e++) {
        char *p = w->dst + off * es;
        if (!w->acc) memcpy(p, s + e * es, w->es);
        else if (dtype_is_floating(w->dt))
            tensor_write(p, w->dt, tensor_read(p, w->dt) + tensor_read(s + e * es, w->dt));
        else
            reduce_store_i64(p, w->dt, (int64_t)((uint64_t)reduce_load_i64(p, w->dt) +
                                                 (uint64_t)reduce_load_i64(s + e * es, w->dt)));
        for (int k = nd - 1; k >= 0; k--) {
            off += st[k];
            if (++idx[k] < shape[k]) break;
            off -= st[k] * shape[k];
            idx[k] = 0;
        }
    }
}

// [value] broadcast to [shape] and made dense, or PyTorch's shape error.
static Tensor *dense_values(const Tensor *value, int nd, const int64_t *shape) {
    int64_t st[TENSOR_MAX_DIMS];
    bool ok = value->ndim <= nd;
    for (int k = 0; ok && k < nd; k++) {
        int kv = k - (nd - value->ndim);
        st[k] = 0;
        if (kv < 0) continue;
        if (value->shape[kv] != 1 && value->shape[kv] != shape[k]) ok = false;
        else if (value->shape[kv] != 1) st[k] = value->strides[kv];
    }
    if (!ok) {
        char vs[128], is[128];
        return tl_raise(ERR_RUNTIME, "shape mismatch: value tensor of shape %s cannot be broadcast "
                        "to indexing result of shape %s",
                        tensor_shape_fmt(vs, sizeof vs, value->ndim, value->shape),
                        tensor_shape_fmt(is, sizeof is, nd, shape));
    }
    Tensor *v = tensor_new_view(value, nd, shape, st, value->offset);
    Tensor *d = reduce_to_contig(v, value->dtype);
    tensor_release(v);
    return d;
}

// PyTorch's setitem copy: the value loses its leading size-1 dims, then
// expands to the target (so the errors are expand's), then copies.
static int copy_to(Tensor *dst, const Tensor *src) {
    bool same = dst->ndim == src->ndim;
    for (int d = 0; same && d < dst->ndim; d++) same = dst->shape[d] == src->shape[d];
    if (same || src->ndim == 0) return tensor_copy_(dst, src);
    int lead = 0;
    while (lead < src->ndim && src->shape[lead] == 1) lead++;
    Tensor *v = tensor_new_view(src, src->ndim - lead, src->shape + lead, src->strides + lead,
                                src->offset);
    Tensor *e = tensor_expand(v, dst->ndim, dst->shape);
    int rc = e ? tensor_copy_(dst, e) : -1;
    tensor_release(v);
    tensor_release(e);
    return rc;
}

int tensor_index_put_acc(Tensor *t, const TensorIndex *idx, int n, const Tensor *value,
                         bool accumulate) {
    Plan P;
    Adv A = {0};
    Tensor *vals = NULL;
    int rc = -1;
    if (plan_build(&P, t, idx, n) < 0) return -1;
    if (P.nadv == 0) {
        rc = accumulate ? tensor_binary_(OP_ADD, P.view, value, NULL) : copy_to(P.view, value);
        plan_free(&P);
        return rc;
    }
    if (value->dtype != t->dtype) {
        tl_raise(ERR_RUNTIME, "Index put requires the source and destination dtypes match, got %s "
                 "for the destination and %s for the source.", reduce_type_name(t->dtype),
                 reduce_type_name(value->dtype));
        goto done;
    }
    if (adv_build(&P, &A) < 0 || !(vals = dense_values(value, A.out_nd, A.out_shape))) goto done;
    Walk w = {&A, tensor_data(vals), tensor_data(P.view), dtype_size(t->dtype), 1, t->dtype,
              accumulate};
    for (int k = A.npre; k < A.nrest; k++) w.post_el *= A.rshape[k];
    if (tensor_numel(vals) > 0) adv_walk(&A, put_block, &w);
    storage_bump_version(t->storage);
    rc = 0;
done:
    free(A.off);
    tensor_release(vals);
    plan_free(&P);
    return rc;
}

int tensor_index_put(Tensor *t, const TensorIndex *idx, int n, const Tensor *value) {
    return tensor_index_put_acc(t, idx, n, value, false);
}
