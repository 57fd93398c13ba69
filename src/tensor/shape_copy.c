// Shape operations that produce new memory: cat/stack (with type promotion
// across inputs), flip, roll, repeat, tril/triu, diag. Each writes through
// a strided view of its output and the one copy kernel (cpu_to_copy), so
// dtype conversion and arbitrary input strides come for free.
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/shape.h"

#define SHAPE_BUF (TENSOR_MAX_DIMS * 24 + 4)

// Copies [src] into the region of [dst] described by a view geometry.
static void copy_into(Tensor *dst, int ndim, const int64_t *shape, const int64_t *strides,
                      int64_t offset, const Tensor *src) {
    Tensor *v = tensor_alloc();
    v->storage = dst->storage;          // borrowed: v is released by hand below
    v->dtype = dst->dtype;
    v->ndim = ndim;
    memcpy(v->shape, shape, (size_t)ndim * sizeof *shape);
    memcpy(v->strides, strides, (size_t)ndim * sizeof *strides);
    v->offset = offset;
    const Tensor *in[1] = {src};
    cpu_to_copy(v, in, NULL);
    v->storage = NULL;
    tensor_release(v);
}

// PyTorch's legacy rule: 1-D empty tensors are skipped by cat.
static bool cat_skipped(const Tensor *t) {
    return t->ndim == 1 && t->shape[0] == 0;
}

Tensor *tensor_cat(int n, const Tensor *const *ts, int64_t dim) {
    if (n == 0) return tl_raise(ERR_RUNTIME, "torch.cat(): expected a non-empty list of Tensors");
    for (int i = 0; i < n; i++)
        if (ts[i]->ndim == 0)
            return tl_raise(ERR_RUNTIME, "zero-dimensional tensor (at position %d) cannot be concatenated", i);
    int ref = -1;
    for (int i = 0; i < n && ref < 0; i++)
        if (!cat_skipped(ts[i])) ref = i;
    DType dt = ts[0]->dtype;
    for (int i = 1; i < n; i++) dt = dtype_promote(dt, ts[i]->dtype);
    if (ref < 0) {                        // everything empty: the result is too
        int64_t zero = 0;
        int d;
        if (tensor_wrap_dim(dim, 1, &d) < 0) return NULL;
        return tensor_empty(1, &zero, dt);
    }
    const Tensor *r = ts[ref];
    int d;
    if (tensor_wrap_dim(dim, r->ndim, &d) < 0) return NULL;
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        const Tensor *t = ts[i];
        if (cat_skipped(t)) continue;
        if (t->ndim != r->ndim)
            return tl_raise(ERR_RUNTIME, "Tensors must have same number of dimensions: got %d and %d",
                            r->ndim, t->ndim);
        for (int k = 0; k < r->ndim; k++)
            if (k != d && t->shape[k] != r->shape[k])
                return tl_raise(ERR_RUNTIME, "Sizes of tensors must match except in dimension %d. "
                                "Expected size %lld but got size %lld for tensor number %d in the list.",
                                d, (long long)r->shape[k], (long long)t->shape[k], i);
        total += t->shape[d];
    }
    int64_t shape[TENSOR_MAX_DIMS];
    memcpy(shape, r->shape, (size_t)r->ndim * sizeof *shape);
    shape[d] = total;
    Tensor *out = tensor_empty(r->ndim, shape, dt);
    if (!out) return NULL;
    int64_t pos = 0;
    for (int i = 0; i < n; i++) {
        const Tensor *t = ts[i];
        if (cat_skipped(t)) continue;
        copy_into(out, t->ndim, t->shape, out->strides, pos * out->strides[d], t);
        pos += t->shape[d];
    }
    return out;
}

Tensor *tensor_stack(int n, const Tensor *const *ts, int64_t dim) {
    if (n == 0) return tl_raise(ERR_RUNTIME, "stack expects a non-empty TensorList");
    for (int i = 1; i < n; i++)
        if (ts[i]->ndim != ts[0]->ndim ||
            memcmp(ts[i]->shape, ts[0]->shape, (size_t)ts[0]->ndim * sizeof(int64_t)) != 0) {
            char a[SHAPE_BUF], b[SHAPE_BUF];
            return tl_raise(ERR_RUNTIME, "stack expects each tensor to be equal size, but got %s at "
                            "entry 0 and %s at entry %d",
                            tensor_shape_fmt(a, sizeof a, ts[0]->ndim, ts[0]->shape),
                            tensor_shape_fmt(b, sizeof b, ts[i]->ndim, ts[i]->shape), i);
        }
    int d;
    if (tensor_wrap_dim(dim, ts[0]->ndim + 1, &d) < 0) return NULL;
    Tensor **us = calloc((size_t)n, sizeof *us);
    if (!us) return tl_raise(ERR_MEMORY, "out of memory");
    Tensor *out = NULL;
    for (int i = 0; i < n; i++)
        if (!(us[i] = tensor_unsqueeze(ts[i], d))) goto done;
    out = tensor_cat(n, (const Tensor *const *)us, d);
done:
    for (int i = 0; i < n; i++) tensor_release(us[i]);
    free(us);
    return out;
}

// atleast_1d / atleast_2d for hstack and vstack, then cat.
static Tensor *stack_at_least(int n, const Tensor *const *ts, int min_dims, int64_t dim_1d, int64_t dim) {
    if (n == 0) return tl_raise(ERR_RUNTIME, "torch.cat(): expected a non-empty list of Tensors");
    Tensor **v = calloc((size_t)n, sizeof *v);
    if (!v) return tl_raise(ERR_MEMORY, "out of memory");
    Tensor *out = NULL;
    for (int i = 0; i < n; i++) {
        const Tensor *t = ts[i];
        int64_t shape[2] = {1, tensor_numel(t)};
        if (t->ndim >= min_dims) v[i] = tensor_retain((Tensor *)t);
        else if (min_dims == 1) v[i] = tensor_reshape(t, 1, &shape[1]);
        else v[i] = t->ndim == 0 ? tensor_reshape(t, 2, shape) : tensor_unsqueeze(t, 0);
        if (!v[i]) goto done;
    }
    out = tensor_cat(n, (const Tensor *const *)v, v[0]->ndim == 1 ? dim_1d : dim);
done:
    for (int i = 0; i < n; i++) tensor_release(v[i]);
    free(v);
    return out;
}

Tensor *tensor_hstack(int n, const Tensor *const *ts) {
    return stack_at_least(n, ts, 1, 0, 1);
}

Tensor *tensor_vstack(int n, const Tensor *const *ts) {
    return stack_at_least(n, ts, 2, 0, 0);
}

Tensor *tensor_flip(const Tensor *t, int n, const int64_t *dims) {
    bool flip[TENSOR_MAX_DIMS] = {0};
    for (int i = 0; i < n; i++) {
        int d;
        if (tensor_wrap_dim(dims[i], t->ndim, &d) < 0) return NULL;
        if (flip[d]) return tl_raise(ERR_RUNTIME, "dim %d appears multiple times in the list of dims", d);
        flip[d] = true;
    }
    // Read [t] through negative strides, write contiguously.
    Tensor *src = tensor_new_view(t, t->ndim, t->shape, t->strides, t->offset);
    for (int d = 0; d < t->ndim; d++)
        if (flip[d] && t->shape[d] > 0) {
            src->offset += (t->shape[d] - 1) * t->strides[d];
            src->strides[d] = -t->strides[d];
        }
    Tensor *out = tensor_clone_contiguous(src);
    tensor_release(src);
    return out;
}

// Rolls one dim: out[(i + shift) % size] = t[i], as two block copies.
static Tensor *roll_dim(const Tensor *t, int64_t shift, int d) {
    Tensor *out = tensor_empty(t->ndim, t->shape, t->dtype);
    if (!out) return NULL;
    int64_t size = t->shape[d];
    if (size == 0) return out;
    shift = ((shift % size) + size) % size;
    Tensor *head = tensor_narrow(t, d, 0, size - shift), *tail = tensor_narrow(t, d, size - shift, shift);
    if (!head || !tail) {
        tensor_release(head);
        tensor_release(tail);
        tensor_release(out);
        return NULL;
    }
    copy_into(out, head->ndim, head->shape, out->strides, shift * out->strides[d], head);
    copy_into(out, tail->ndim, tail->shape, out->strides, 0, tail);
    tensor_release(head);
    tensor_release(tail);
    return out;
}

Tensor *tensor_roll(const Tensor *t, int n, const int64_t *shifts, int ndims, const int64_t *dims) {
    if (ndims == 0) {
        if (n != 1) return tl_raise(ERR_RUNTIME, "shifts and dimensions must align. shifts: %d, dims:0", n);
        int64_t flat = tensor_numel(t);
        Tensor *f = tensor_reshape(t, 1, &flat);
        if (!f) return NULL;
        Tensor *r = roll_dim(f, shifts[0], 0);
        tensor_release(f);
        if (!r) return NULL;
        Tensor *out = tensor_view(r, t->ndim, t->shape);
        tensor_release(r);
        if (out) tensor_release(out->base), out->base = NULL;   // a fresh tensor, not a view
        return out;
    }
    if (n != ndims)
        return tl_raise(ERR_RUNTIME, "shifts and dimensions must align. shifts: %d, dims:%d", n, ndims);
    Tensor *cur = tensor_retain((Tensor *)t);
    for (int i = 0; i < n; i++) {
        int d;
        if (tensor_wrap_dim(dims[i], t->ndim, &d) < 0) { tensor_release(cur); return NULL; }
        Tensor *next = roll_dim(cur, shifts[i], d);
        tensor_release(cur);
        if (!(cur = next)) return NULL;
    }
    return cur;
}

Tensor *tensor_repeat(const Tensor *t, int n, const int64_t *repeats) {
    if (n < t->ndim)
        return tl_raise(ERR_RUNTIME, "Number of dimensions of repeat dims can not be smaller than "
                        "number of dimensions of tensor");
    if (2 * n > TENSOR_MAX_DIMS)
        return tl_raise(ERR_RUNTIME, "repeat: tl supports at most %d dimensions", TENSOR_MAX_DIMS / 2);
    int lead = n - t->ndim;
    int64_t shape[TENSOR_MAX_DIMS], pshape[TENSOR_MAX_DIMS], ostrides[TENSOR_MAX_DIMS],
            sstrides[TENSOR_MAX_DIMS];
    for (int i = 0; i < n; i++) {
        if (repeats[i] < 0)
            return tl_raise(ERR_RUNTIME, "Trying to create tensor with negative dimension %lld: [%lld]",
                            (long long)repeats[i], (long long)repeats[i]);
        int64_t s = i < lead ? 1 : t->shape[i - lead];
        shape[i] = s * repeats[i];
        // Output seen as (r0, s0, r1, s1, ...); the source repeats with stride 0.
        pshape[2 * i] = repeats[i];
        pshape[2 * i + 1] = s;
        sstrides[2 * i] = 0;
        sstrides[2 * i + 1] = i < lead ? 0 : t->strides[i - lead];
    }
    Tensor *out = tensor_empty(n, shape, t->dtype);
    if (!out) return NULL;
    tensor_contiguous_strides(2 * n, pshape, ostrides);
    Tensor *src = tensor_new_view(t, 2 * n, pshape, sstrides, t->offset);
    copy_into(out, 2 * n, pshape, ostrides, 0, src);
    tensor_release(src);
    return out;
}

// Zeroes, in each trailing matrix of a contiguous [out], the part that
// tril/triu drops: row i keeps columns [lo(i), hi(i)).
static void zero_outside(Tensor *out, int64_t k, bool lower) {
    int64_t rows = out->shape[out->ndim - 2], cols = out->shape[out->ndim - 1];
    int64_t mats = rows != 0 && cols != 0 ? tensor_numel(out) / (rows * cols) : 0;
    size_t es = dtype_size(out->dtype);
    char *base = tensor_data(out);
    for (int64_t m = 0; m < mats; m++)
        for (int64_t i = 0; i < rows; i++) {
            char *row = base + ((m * rows + i) * cols) * (int64_t)es;
            int64_t keep_lo = lower ? 0 : i + k, keep_hi = lower ? i + k + 1 : cols;
            if (keep_lo < 0) keep_lo = 0;
            if (keep_lo > cols) keep_lo = cols;
            if (keep_hi < 0) keep_hi = 0;
            if (keep_hi > cols) keep_hi = cols;
            if (lower) memset(row + keep_hi * (int64_t)es, 0, (size_t)(cols - keep_hi) * es);
            else memset(row, 0, (size_t)keep_lo * es);
        }
}

static Tensor *tri(const Tensor *t, int64_t k, bool lower) {
    if (t->ndim < 2) {
        int d;
        tensor_wrap_dim(-2, t->ndim, &d);
        return NULL;
    }
    Tensor *out = tensor_clone_contiguous(t);
    if (out) zero_outside(out, k, lower);
    return out;
}

Tensor *tensor_tril(const Tensor *t, int64_t diagonal) {
    return tri(t, diagonal, true);
}

Tensor *tensor_triu(const Tensor *t, int64_t diagonal) {
    return tri(t, diagonal, false);
}

Tensor *tensor_diag(const Tensor *t, int64_t k) {
    if (t->ndim == 2) {
        Tensor *v = tensor_diagonal(t, k, 0, 1);
        if (!v) return NULL;
        Tensor *out = tensor_clone_contiguous(v);
        tensor_release(v);
        return out;
    }
    if (t->ndim != 1) return tl_raise(ERR_RUNTIME, "matrix or a vector expected");
    int64_t n = t->shape[0] + (k < 0 ? -k : k);
    int64_t shape[2] = {n, n};
    Tensor *out = tensor_zeros(2, shape, t->dtype);
    if (!out) return NULL;
    int64_t stride = n + 1, off = k >= 0 ? k : -k * n;
    copy_into(out, 1, t->shape, &stride, off, t);
    return out;
}
