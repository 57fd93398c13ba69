// View operations: each computes a new geometry over the same storage with
// PyTorch's checks and messages. view() uses PyTorch's computeStride rule,
// so views of non-contiguous tensors work whenever the memory allows.
#include "tensor/shape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"

#define SHAPE_BUF (TENSOR_MAX_DIMS * 24 + 4)

void tensor_list_free(TensorList *l) {
    if (!l->items) return;
    for (int i = 0; i < l->n; i++) tensor_release(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

int tensor_wrap_dim(int64_t dim, int ndim, int *out) {
    int64_t n = ndim > 0 ? ndim : 1;
    *out = 0;
    if (dim < -n || dim >= n)
        return tl_raise_int(ERR_INDEX, "Dimension out of range (expected to be in range of "
                            "[%lld, %lld], but got %lld)", (long long)-n, (long long)(n - 1),
                            (long long)dim);
    *out = (int)(dim < 0 ? dim + n : dim);
    return 0;
}

static Tensor *view_of(const Tensor *t, int ndim, const int64_t *shape, const int64_t *strides,
                       int64_t offset) {
    if (ndim > TENSOR_MAX_DIMS)
        return tl_raise(ERR_RUNTIME, "tl supports at most %d dimensions, got %d", TENSOR_MAX_DIMS, ndim);
    return tensor_new_view(t, ndim, shape, strides, offset);
}

// Resolves a -1 in [shape] against [numel] into [out] (PyTorch's infer_size).
static int infer_size(int ndim, const int64_t *shape, int64_t numel, int64_t *out) {
    int infer = -1;
    int64_t prod = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] == -1) {
            if (infer >= 0) return tl_raise_int(ERR_RUNTIME, "only one dimension can be inferred");
            infer = i;
        } else if (shape[i] < 0) {
            return tl_raise_int(ERR_RUNTIME, "invalid shape dimension %lld", (long long)shape[i]);
        } else {
            prod *= shape[i];
        }
        out[i] = shape[i];
    }
    char buf[SHAPE_BUF];
    if (infer >= 0) {
        if (prod == 0)
            return tl_raise_int(ERR_RUNTIME, "cannot reshape tensor of 0 elements into shape %s "
                                "because the unspecified dimension size -1 can be any value and "
                                "is ambiguous", tensor_shape_fmt(buf, sizeof buf, ndim, shape));
        if (numel % prod == 0) {
            out[infer] = numel / prod;
            return 0;
        }
    } else if (prod == numel) {
        return 0;
    }
    return tl_raise_int(ERR_RUNTIME, "shape '%s' is invalid for input of size %lld",
                        tensor_shape_fmt(buf, sizeof buf, ndim, shape), (long long)numel);
}

// PyTorch's computeStride: strides that let [t]'s memory be read as
// [shape], or false when some new dim would span two separate chunks.
static bool compute_stride(const Tensor *t, int ndim, const int64_t *shape, int64_t *strides) {
    if (t->ndim == 0) {
        for (int i = 0; i < ndim; i++) strides[i] = 1;
        return true;
    }
    int64_t numel = tensor_numel(t);
    if (numel == 0) {
        if (ndim == t->ndim && memcmp(shape, t->shape, (size_t)ndim * sizeof *shape) == 0) {
            memcpy(strides, t->strides, (size_t)ndim * sizeof *strides);
            return true;
        }
        tensor_contiguous_strides(ndim, shape, strides);
        return true;
    }
    int view_d = ndim - 1;
    int64_t chunk_base = t->strides[t->ndim - 1], tensor_numel_ = 1, view_numel = 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        tensor_numel_ *= t->shape[d];
        if (d == 0 || (t->shape[d - 1] != 1 && t->strides[d - 1] != tensor_numel_ * chunk_base)) {
            while (view_d >= 0 && (view_numel < tensor_numel_ || shape[view_d] == 1)) {
                strides[view_d] = view_numel * chunk_base;
                view_numel *= shape[view_d];
                view_d--;
            }
            if (view_numel != tensor_numel_) return false;
            if (d > 0) {
                chunk_base = t->strides[d - 1];
                tensor_numel_ = 1;
                view_numel = 1;
            }
        }
    }
    return view_d == -1;
}

bool tensor_can_view(const Tensor *t, int ndim, const int64_t *shape) {
    int64_t strides[TENSOR_MAX_DIMS];
    return ndim <= TENSOR_MAX_DIMS && compute_stride(t, ndim, shape, strides);
}

Tensor *tensor_view(const Tensor *t, int ndim, const int64_t *shape) {
    int64_t sizes[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    if (ndim > TENSOR_MAX_DIMS)
        return tl_raise(ERR_RUNTIME, "tl supports at most %d dimensions, got %d", TENSOR_MAX_DIMS, ndim);
    if (infer_size(ndim, shape, tensor_numel(t), sizes) < 0) return NULL;
    if (!compute_stride(t, ndim, sizes, strides))
        return tl_raise(ERR_RUNTIME, "view size is not compatible with input tensor's size and "
                        "stride (at least one dimension spans across two contiguous subspaces). "
                        "Use .reshape(...) instead.");
    return view_of(t, ndim, sizes, strides, t->offset);
}

Tensor *tensor_reshape(const Tensor *t, int ndim, const int64_t *shape) {
    int64_t sizes[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    if (ndim > TENSOR_MAX_DIMS)
        return tl_raise(ERR_RUNTIME, "tl supports at most %d dimensions, got %d", TENSOR_MAX_DIMS, ndim);
    if (infer_size(ndim, shape, tensor_numel(t), sizes) < 0) return NULL;
    if (compute_stride(t, ndim, sizes, strides)) return view_of(t, ndim, sizes, strides, t->offset);
    // A copy is a fresh tensor, not a view: it gets no base.
    Tensor *c = tensor_clone_contiguous(t);
    if (!c) return NULL;
    c->ndim = ndim;
    memcpy(c->shape, sizes, (size_t)ndim * sizeof *sizes);
    tensor_contiguous_strides(ndim, sizes, c->strides);
    return c;
}

Tensor *tensor_flatten(const Tensor *t, int64_t start, int64_t end) {
    int s, e;
    if (t->ndim == 0) {
        int64_t one = 1;
        if (tensor_wrap_dim(start, 0, &s) < 0 || tensor_wrap_dim(end, 0, &e) < 0) return NULL;
        return tensor_reshape(t, 1, &one);
    }
    if (tensor_wrap_dim(start, t->ndim, &s) < 0 || tensor_wrap_dim(end, t->ndim, &e) < 0) return NULL;
    if (s > e)
        return tl_raise(ERR_RUNTIME, "flatten() has invalid args: start_dim cannot come after end_dim");
    if (s == e) return tensor_retain((Tensor *)t);
    int64_t shape[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < s; d++) shape[nd++] = t->shape[d];
    int64_t m = 1;
    for (int d = s; d <= e; d++) m *= t->shape[d];
    shape[nd++] = m;
    for (int d = e + 1; d < t->ndim; d++) shape[nd++] = t->shape[d];
    return tensor_reshape(t, nd, shape);
}

Tensor *tensor_unflatten(const Tensor *t, int64_t dim, int n, const int64_t *sizes) {
    int d;
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return NULL;
    if (t->ndim - 1 + n > TENSOR_MAX_DIMS)
        return tl_raise(ERR_RUNTIME, "tl supports at most %d dimensions", TENSOR_MAX_DIMS);
    int64_t inferred[TENSOR_MAX_DIMS];
    int64_t prod = 1;
    int infer = -1;
    for (int i = 0; i < n; i++) {
        if (sizes[i] == -1) infer = i;
        else prod *= sizes[i];
    }
    memcpy(inferred, sizes, (size_t)n * sizeof *sizes);
    int64_t size = t->ndim ? t->shape[d] : 1;
    if (infer >= 0 && prod != 0 && size % prod == 0) inferred[infer] = size / prod, prod = size;
    if (prod != size) {
        char buf[SHAPE_BUF];
        return tl_raise(ERR_RUNTIME, "unflatten: Provided sizes %s don't multiply up to the size "
                        "of dim %d (%lld) in the input tensor",
                        tensor_shape_fmt(buf, sizeof buf, n, sizes), d, (long long)size);
    }
    int64_t shape[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int i = 0; i < d; i++) shape[nd++] = t->shape[i];
    for (int i = 0; i < n; i++) shape[nd++] = inferred[i];
    for (int i = d + 1; i < t->ndim; i++) shape[nd++] = t->shape[i];
    return tensor_view(t, nd, shape);
}

Tensor *tensor_squeeze(const Tensor *t) {
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < t->ndim; d++)
        if (t->shape[d] != 1) {
            shape[nd] = t->shape[d];
            strides[nd++] = t->strides[d];
        }
    return view_of(t, nd, shape, strides, t->offset);
}

Tensor *tensor_squeeze_dim(const Tensor *t, int64_t dim) {
    int d;
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return NULL;
    if (t->ndim == 0 || t->shape[d] != 1) return view_of(t, t->ndim, t->shape, t->strides, t->offset);
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int i = 0; i < t->ndim; i++)
        if (i != d) {
            shape[nd] = t->shape[i];
            strides[nd++] = t->strides[i];
        }
    return view_of(t, nd, shape, strides, t->offset);
}

Tensor *tensor_unsqueeze(const Tensor *t, int64_t dim) {
    int d;
    if (tensor_wrap_dim(dim, t->ndim + 1, &d) < 0) return NULL;
    int64_t shape[TENSOR_MAX_DIMS + 1], strides[TENSOR_MAX_DIMS + 1];
    int nd = 0;
    for (int i = 0; i <= t->ndim; i++) {
        if (i == d) {
            shape[nd] = 1;
            strides[nd++] = d >= t->ndim ? 1 : t->shape[d] * t->strides[d];
        }
        if (i < t->ndim) {
            shape[nd] = t->shape[i];
            strides[nd++] = t->strides[i];
        }
    }
    return view_of(t, nd, shape, strides, t->offset);
}

Tensor *tensor_transpose(const Tensor *t, int64_t d0, int64_t d1) {
    int a, b;
    if (tensor_wrap_dim(d0, t->ndim, &a) < 0 || tensor_wrap_dim(d1, t->ndim, &b) < 0) return NULL;
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    memcpy(shape, t->shape, (size_t)t->ndim * sizeof *shape);
    memcpy(strides, t->strides, (size_t)t->ndim * sizeof *strides);
    if (t->ndim > 0) {
        shape[a] = t->shape[b], shape[b] = t->shape[a];
        strides[a] = t->strides[b], strides[b] = t->strides[a];
    }
    return view_of(t, t->ndim, shape, strides, t->offset);
}

Tensor *tensor_t(const Tensor *t) {
    if (t->ndim > 2)
        return tl_raise(ERR_RUNTIME, "t() expects a tensor with <= 2 dimensions, but self is %dD", t->ndim);
    if (t->ndim < 2) return view_of(t, t->ndim, t->shape, t->strides, t->offset);
    return tensor_transpose(t, 0, 1);
}

Tensor *tensor_permute(const Tensor *t, int n, const int64_t *dims) {
    if (n != t->ndim)
        return tl_raise(ERR_RUNTIME, "permute(sparse_coo): number of dimensions in the tensor input "
                        "does not match the length of the desired ordering of dimensions i.e. "
                        "input.dim() = %d is not equal to len(dims) = %d", t->ndim, n);
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    bool seen[TENSOR_MAX_DIMS] = {0};
    for (int i = 0; i < n; i++) {
        int d;
        if (tensor_wrap_dim(dims[i], t->ndim, &d) < 0) return NULL;
        if (seen[d]) return tl_raise(ERR_RUNTIME, "permute(): duplicate dims are not allowed.");
        seen[d] = true;
        shape[i] = t->shape[d];
        strides[i] = t->strides[d];
    }
    return view_of(t, n, shape, strides, t->offset);
}

Tensor *tensor_movedim(const Tensor *t, int64_t src, int64_t dst) {
    int s, d;
    if (tensor_wrap_dim(src, t->ndim, &s) < 0 || tensor_wrap_dim(dst, t->ndim, &d) < 0) return NULL;
    int64_t order[TENSOR_MAX_DIMS];
    int k = 0;
    for (int i = 0; i < t->ndim; i++) {
        if (i == s) continue;
        if (k == d) order[k++] = s;
        order[k++] = i;
    }
    if (k == d) order[k++] = s;
    return tensor_permute(t, t->ndim, order);
}

Tensor *tensor_expand(const Tensor *t, int ndim, const int64_t *shape) {
    char a[SHAPE_BUF], b[SHAPE_BUF];
    if (ndim < t->ndim)
        return tl_raise(ERR_RUNTIME, "expand(torch.%sTensor{%s}, size=%s): the number of sizes "
                        "provided (%d) must be greater or equal to the number of dimensions in "
                        "the tensor (%d)", dtype_cpp_name(t->dtype),
                        tensor_shape_fmt(a, sizeof a, t->ndim, t->shape),
                        tensor_shape_fmt(b, sizeof b, ndim, shape), ndim, t->ndim);
    if (ndim > TENSOR_MAX_DIMS)
        return tl_raise(ERR_RUNTIME, "tl supports at most %d dimensions, got %d", TENSOR_MAX_DIMS, ndim);
    int64_t sizes[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int lead = ndim - t->ndim;
    for (int i = ndim - 1; i >= 0; i--) {
        int td = i - lead;
        if (td < 0) {
            if (shape[i] < 0)
                return tl_raise(ERR_RUNTIME, "The expanded size of the tensor (%lld) isn't allowed "
                                "in a leading, non-existing dimension %d", (long long)shape[i], i);
            sizes[i] = shape[i];
            strides[i] = 0;
            continue;
        }
        int64_t want = shape[i] == -1 ? t->shape[td] : shape[i];
        if (t->shape[td] == want) {
            sizes[i] = want;
            strides[i] = t->strides[td];
        } else if (t->shape[td] == 1) {
            if (want < 0) return tl_raise(ERR_RUNTIME, "Trying to create tensor with negative dimension %lld: %s",
                                          (long long)want, tensor_shape_fmt(a, sizeof a, ndim, shape));
            sizes[i] = want;
            strides[i] = 0;
        } else {
            return tl_raise(ERR_RUNTIME, "The expanded size of the tensor (%lld) must match the "
                            "existing size (%lld) at non-singleton dimension %d.  Target sizes: "
                            "%s.  Tensor sizes: %s", (long long)want, (long long)t->shape[td], i,
                            tensor_shape_fmt(a, sizeof a, ndim, shape),
                            tensor_shape_fmt(b, sizeof b, t->ndim, t->shape));
        }
    }
    return view_of(t, ndim, sizes, strides, t->offset);
}

Tensor *tensor_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length) {
    int d;
    if (t->ndim == 0) return tl_raise(ERR_RUNTIME, "narrow() cannot be applied to a 0-dim tensor.");
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return NULL;
    int64_t size = t->shape[d];
    // PyTorch wraps start like a dim index (start == size is allowed), hence
    // the dimension wording in its error.
    if (start != size) {
        int64_t n = size > 0 ? size : 1;
        if (start < -n || start >= n)
            return tl_raise(ERR_INDEX, "Dimension out of range (expected to be in range of [%lld, "
                            "%lld], but got %lld)", (long long)-n, (long long)(n - 1), (long long)start);
        if (start < 0) start += n;
    }
    if (length < 0 || start > size - length)
        return tl_raise(ERR_RUNTIME, "start (%lld) + length (%lld) exceeds dimension size (%lld).",
                        (long long)start, (long long)length, (long long)size);
    int64_t shape[TENSOR_MAX_DIMS];
    memcpy(shape, t->shape, (size_t)t->ndim * sizeof *shape);
    shape[d] = length;
    return view_of(t, t->ndim, shape, t->strides, t->offset + start * t->strides[d]);
}

static Tensor *select_at(const Tensor *t, int d, int64_t index) {
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int i = 0; i < t->ndim; i++)
        if (i != d) {
            shape[nd] = t->shape[i];
            strides[nd++] = t->strides[i];
        }
    return view_of(t, nd, shape, strides, t->offset + index * t->strides[d]);
}

Tensor *tensor_select(const Tensor *t, int64_t dim, int64_t index) {
    if (t->ndim == 0) return tl_raise(ERR_INDEX, "select() cannot be applied to a 0-dim tensor.");
    int d;
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return NULL;
    int64_t size = t->shape[d];
    if (index < -size || index >= size) {
        char buf[SHAPE_BUF];
        return tl_raise(ERR_INDEX, "select(): index %lld out of range for tensor of size %s at "
                        "dimension %d", (long long)index,
                        tensor_shape_fmt(buf, sizeof buf, t->ndim, t->shape), d);
    }
    return select_at(t, d, index < 0 ? index + size : index);
}

Tensor *tensor_index_int(const Tensor *t, int64_t dim, int64_t index) {
    if (t->ndim == 0)
        return tl_raise(ERR_INDEX, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python "
                        "or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
    int d;
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return NULL;
    int64_t size = t->shape[d];
    if (index < -size || index >= size)
        return tl_raise(ERR_INDEX, "index %lld is out of bounds for dimension %d with size %lld",
                        (long long)index, d, (long long)size);
    return select_at(t, d, index < 0 ? index + size : index);
}

Tensor *tensor_slice(const Tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step) {
    if (t->ndim == 0) return tl_raise(ERR_INDEX, "slice() cannot be applied to a 0-dim tensor.");
    int d;
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return NULL;
    if (step <= 0) return tl_raise(ERR_VALUE, step == 0 ? "slice step cannot be zero"
                                                        : "step must be greater than zero");
    int64_t size = t->shape[d];
    if (start < 0) start += size;
    if (stop < 0) stop += size;
    if (start < 0) start = 0;
    if (start > size) start = size;
    if (stop < start) stop = start;
    if (stop > size) stop = size;
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    memcpy(shape, t->shape, (size_t)t->ndim * sizeof *shape);
    memcpy(strides, t->strides, (size_t)t->ndim * sizeof *strides);
    shape[d] = (stop - start + step - 1) / step;
    strides[d] = t->strides[d] * step;
    return view_of(t, t->ndim, shape, strides, t->offset + start * t->strides[d]);
}

Tensor *tensor_diagonal(const Tensor *t, int64_t offset, int64_t d1, int64_t d2) {
    int a, b;
    if (tensor_wrap_dim(d1, t->ndim, &a) < 0 || tensor_wrap_dim(d2, t->ndim, &b) < 0) return NULL;
    if (a == b)
        return tl_raise(ERR_RUNTIME, "diagonal dimensions cannot be identical %lld, %lld",
                        (long long)d1, (long long)d2);
    int64_t len, off = t->offset;
    if (offset >= 0) {
        len = t->shape[a] < t->shape[b] - offset ? t->shape[a] : t->shape[b] - offset;
        off += offset * t->strides[b];
    } else {
        len = t->shape[a] + offset < t->shape[b] ? t->shape[a] + offset : t->shape[b];
        off -= offset * t->strides[a];
    }
    if (len <= 0) {
        len = 0;
        off = t->offset;
    }
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int i = 0; i < t->ndim; i++)
        if (i != a && i != b) {
            shape[nd] = t->shape[i];
            strides[nd++] = t->strides[i];
        }
    shape[nd] = len;
    strides[nd++] = t->strides[a] + t->strides[b];
    return view_of(t, nd, shape, strides, off);
}

// ---- lists of views ----

static int list_init(TensorList *out, int n) {
    out->n = 0;
    out->items = tl_xcalloc((size_t)(n > 0 ? n : 1), sizeof(Tensor *));
    return 0;
}

static int list_push(TensorList *out, Tensor *t) {
    if (!t) {
        tensor_list_free(out);
        return -1;
    }
    out->items[out->n++] = t;
    return 0;
}

int tensor_unbind(const Tensor *t, int64_t dim, TensorList *out) {
    int d;
    if (t->ndim == 0) return tl_raise_int(ERR_INDEX, "Dimension specified as 0 but tensor has no dimensions");
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return -1;
    list_init(out, (int)t->shape[d]);
    for (int64_t i = 0; i < t->shape[d]; i++)
        if (list_push(out, select_at(t, d, i)) < 0) return -1;
    return 0;
}

int tensor_split(const Tensor *t, int64_t size, int64_t dim, TensorList *out) {
    int d;
    if (t->ndim == 0) return tl_raise_int(ERR_RUNTIME, "split expects at least a 1-dimensional tensor");
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return -1;
    int64_t dsize = t->shape[d];
    if (size < 0) return tl_raise_int(ERR_RUNTIME, "split expects split_size be non-negative, but got split_size=%lld", (long long)size);
    if (size == 0 && dsize != 0)
        return tl_raise_int(ERR_RUNTIME, "split_size can only be 0 if dimension size is 0, but got "
                            "dimension size of %lld", (long long)dsize);
    int64_t n = size == 0 ? 1 : (dsize + size - 1) / size;
    if (n == 0) n = 1;
    list_init(out, (int)n);
    for (int64_t i = 0; i < n; i++) {
        int64_t start = i * size, len = start + size > dsize ? dsize - start : size;
        if (list_push(out, tensor_narrow(t, d, start, len)) < 0) return -1;
    }
    return 0;
}

int tensor_chunk(const Tensor *t, int64_t chunks, int64_t dim, TensorList *out) {
    if (t->ndim == 0) return tl_raise_int(ERR_RUNTIME, "chunk expects at least a 1-dimensional tensor");
    if (chunks <= 0)
        return tl_raise_int(ERR_RUNTIME, "chunk expects `chunks` to be greater than 0, got: %lld",
                            (long long)chunks);
    int d;
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return -1;
    int64_t size = (t->shape[d] + chunks - 1) / chunks;
    if (size == 0 && t->shape[d] == 0) {
        // PyTorch returns `chunks` empty pieces for an empty dim.
        list_init(out, (int)chunks);
        for (int64_t i = 0; i < chunks; i++)
            if (list_push(out, tensor_narrow(t, d, 0, 0)) < 0) return -1;
        return 0;
    }
    return tensor_split(t, size, d, out);
}

int tensor_split_sizes(const Tensor *t, int n, const int64_t *sizes, int64_t dim, TensorList *out) {
    int d;
    if (t->ndim == 0) return tl_raise_int(ERR_RUNTIME, "split expects at least a 1-dimensional tensor");
    if (tensor_wrap_dim(dim, t->ndim, &d) < 0) return -1;
    int64_t sum = 0;
    for (int i = 0; i < n; i++) {
        if (sizes[i] < 0)
            return tl_raise_int(ERR_RUNTIME, "split_with_sizes expects split_sizes have only "
                                "non-negative entries, but got split_sizes=%lld", (long long)sizes[i]);
        sum += sizes[i];
    }
    if (sum != t->shape[d]) {
        char buf[1024];
        size_t k = 0;
        k += (size_t)snprintf(buf, sizeof buf, "[");
        for (int i = 0; i < n && k < sizeof buf - 32; i++)
            k += (size_t)snprintf(buf + k, sizeof buf - k, i ? ", %lld" : "%lld", (long long)sizes[i]);
        snprintf(buf + k, sizeof buf - k, "]");
        return tl_raise_int(ERR_RUNTIME, "split_with_sizes expects split_sizes to sum exactly to "
                            "%lld (input tensor's size at dimension %d), but got split_sizes=%s",
                            (long long)t->shape[d], d, buf);
    }
    list_init(out, n);
    int64_t start = 0;
    for (int i = 0; i < n; i++) {
        if (list_push(out, tensor_narrow(t, d, start, sizes[i])) < 0) return -1;
        start += sizes[i];
    }
    return 0;
}
