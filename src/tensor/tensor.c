// Tensor lifetime (refcounting, a free list of Tensor structs so tiny ops
// stay off malloc), creation of plain contiguous tensors with PyTorch's
// size checks, and element access by flat index.
#include "tensor/tensor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/error.h"
#include "tensor/half.h"
#include "tensor/storage.h"

void (*tensor_release_grad_fn_hook)(struct AgNode *);
void (*tensor_release_hooks_hook)(void *);

#define TENSOR_FREE_MAX 1024
static Tensor *tensor_free[TENSOR_FREE_MAX];
static int n_tensor_free;

static int64_t live_tensors;

int64_t tensor_live_count(void) {
    return live_tensors;
}

Tensor *tensor_alloc(void) {
    Tensor *t;
    if (n_tensor_free) {
        t = tensor_free[--n_tensor_free];
        tensor_free[n_tensor_free] = NULL;    // so LeakSanitizer still sees lost tensors
    } else {
        t = tl_xmalloc(sizeof(Tensor));
    }
    live_tensors++;
    // Only the header fields are cleared: shape/strides beyond ndim are never read.
    memset(t, 0, offsetof(Tensor, shape));
    memset(&t->offset, 0, sizeof(Tensor) - offsetof(Tensor, offset));
    t->refcnt = 1;
    return t;
}

Tensor *tensor_retain(Tensor *t) {
    if (t) t->refcnt++;
    return t;
}

void tensor_release(Tensor *t) {
    if (!t || --t->refcnt > 0) return;
    if (t->grad_fn && tensor_release_grad_fn_hook) tensor_release_grad_fn_hook(t->grad_fn);
    if (t->hooks && tensor_release_hooks_hook) tensor_release_hooks_hook(t->hooks);
    tensor_release(t->grad);
    tensor_release(t->base);
    storage_release(t->storage);
    live_tensors--;
    if (n_tensor_free < TENSOR_FREE_MAX) tensor_free[n_tensor_free++] = t;
    else free(t);
}

void tensor_contiguous_strides(int ndim, const int64_t *shape, int64_t *strides) {
    int64_t s = 1;
    for (int i = ndim - 1; i >= 0; i--) {
        strides[i] = s;
        s *= shape[i] > 1 ? shape[i] : 1;   // PyTorch: size-0/1 dims still get stride >= 1
    }
}

static void *raise_overflow(int ndim, const int64_t *shape) {
    char buf[TENSOR_MAX_DIMS * 24 + 4];
    tensor_shape_fmt(buf, sizeof buf, ndim, shape);
    return tl_raise(ERR_RUNTIME, "Storage size calculation overflowed with sizes=%s", buf);
}

// Checks [shape] as PyTorch does and stores its element count in *numel.
static int check_shape(int ndim, const int64_t *shape, int64_t *numel, size_t elsize) {
    char buf[TENSOR_MAX_DIMS * 24 + 4];
    if (ndim < 0 || ndim > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_RUNTIME, "tl supports at most %d dimensions, got %d",
                            TENSOR_MAX_DIMS, ndim);
    for (int i = 0; i < ndim; i++)
        if (shape[i] < 0) {
            tensor_shape_fmt(buf, sizeof buf, ndim, shape);
            return tl_raise_int(ERR_RUNTIME, "Trying to create tensor with negative dimension "
                                "%lld: %s", (long long)shape[i], buf);
        }
    int64_t n = 1;
    for (int i = 0; i < ndim; i++)
        if (__builtin_mul_overflow(n, shape[i], &n)) { raise_overflow(ndim, shape); return -1; }
    int64_t bytes;
    if (__builtin_mul_overflow(n, (int64_t)elsize, &bytes)) { raise_overflow(ndim, shape); return -1; }
    *numel = n;
    return 0;
}

static Tensor *make(int ndim, const int64_t *shape, DType dtype, bool zero) {
    int64_t n;
    if (check_shape(ndim, shape, &n, dtype_size(dtype)) < 0) return NULL;
    Storage *s = storage_new((size_t)n * dtype_size(dtype), zero);
    if (!s) return NULL;
    Tensor *t = tensor_alloc();
    t->storage = s;
    t->dtype = dtype;
    t->ndim = ndim;
    if (ndim) memcpy(t->shape, shape, (size_t)ndim * sizeof *shape);
    tensor_contiguous_strides(ndim, shape, t->strides);
    return t;
}

Tensor *tensor_empty(int ndim, const int64_t *shape, DType dtype) {
    return make(ndim, shape, dtype, false);
}

Tensor *tensor_zeros(int ndim, const int64_t *shape, DType dtype) {
    return make(ndim, shape, dtype, true);
}

Tensor *tensor_empty_like(const Tensor *t) {
    return make(t->ndim, t->shape, t->dtype, false);
}

bool tensor_is_dense(const Tensor *t) {
    int idx[TENSOR_MAX_DIMS], n = 0;
    for (int d = 0; d < t->ndim; d++) {
        if (t->shape[d] == 0) return true;
        if (t->shape[d] > 1) idx[n++] = d;
    }
    // Dims of size > 1 by increasing stride must tile memory without gaps.
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && t->strides[idx[j]] < t->strides[idx[j - 1]]; j--) {
            int tmp = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = tmp;
        }
    int64_t expected = 1;
    for (int i = 0; i < n; i++) {
        if (t->strides[idx[i]] != expected) return false;
        expected *= t->shape[idx[i]];
    }
    return true;
}

Tensor *tensor_empty_preserve(const Tensor *t, DType dtype) {
    Tensor *r = make(t->ndim, t->shape, dtype, false);
    // PyTorch's preserve_format: a dense permuted layout is kept stride for stride.
    if (r && !tensor_is_contiguous(t) && tensor_is_dense(t))
        memcpy(r->strides, t->strides, (size_t)t->ndim * sizeof *t->strides);
    return r;
}

Tensor *tensor_new_view(const Tensor *src, int ndim, const int64_t *shape,
                        const int64_t *strides, int64_t offset) {
    Tensor *t = tensor_alloc();
    t->storage = storage_retain(src->storage);
    t->dtype = src->dtype;
    t->ndim = ndim;
    if (ndim) {
        memcpy(t->shape, shape, (size_t)ndim * sizeof *shape);
        memcpy(t->strides, strides, (size_t)ndim * sizeof *strides);
    }
    t->offset = offset;
    // PyTorch's _base is always the root, never a view of a view.
    t->base = tensor_retain((Tensor *)(src->base ? src->base : src));
    return t;
}

bool tensor_is_contiguous(const Tensor *t) {
    int64_t expected = 1;
    for (int i = t->ndim - 1; i >= 0; i--) {
        if (t->shape[i] == 0) return true;
        if (t->shape[i] == 1) continue;
        if (t->strides[i] != expected) return false;
        expected *= t->shape[i];
    }
    return true;
}

int64_t tensor_flat_offset(const Tensor *t, int64_t i) {
    int64_t off = t->offset;
    for (int d = t->ndim - 1; d >= 0; d--) {
        int64_t n = t->shape[d];
        off += (i % n) * t->strides[d];
        i /= n;
    }
    return off;
}

double tensor_read(const void *p, DType dt) {
    switch (dt) {
    case DT_BOOL: return *(const bool *)p;
    case DT_U8: return *(const uint8_t *)p;
    case DT_I8: return *(const int8_t *)p;
    case DT_I16: return *(const int16_t *)p;
    case DT_I32: return *(const int32_t *)p;
    case DT_I64: return (double)*(const int64_t *)p;
    case DT_F16: return f16_to_f32(*(const uint16_t *)p);
    case DT_BF16: return bf16_to_f32(*(const uint16_t *)p);
    case DT_F32: return *(const float *)p;
    case DT_F64: return *(const double *)p;
    default: return 0;
    }
}

double tensor_get_flat(const Tensor *t, int64_t i) {
    const char *base = t->storage->data;
    return tensor_read(base + tensor_flat_offset(t, i) * (int64_t)dtype_size(t->dtype), t->dtype);
}

int64_t tensor_get_flat_i64(const Tensor *t, int64_t i) {
    const char *p = (const char *)t->storage->data +
                    tensor_flat_offset(t, i) * (int64_t)dtype_size(t->dtype);
    switch (t->dtype) {
    case DT_BOOL: return *(const bool *)p;
    case DT_U8: return *(const uint8_t *)p;
    case DT_I8: return *(const int8_t *)p;
    case DT_I16: return *(const int16_t *)p;
    case DT_I32: return *(const int32_t *)p;
    case DT_I64: return *(const int64_t *)p;
    default: return (int64_t)tensor_read(p, t->dtype);
    }
}

void tensor_write(void *p, DType dt, double v) {
    switch (dt) {
    case DT_BOOL: *(bool *)p = v != 0; break;
    case DT_U8: *(uint8_t *)p = (uint8_t)(int64_t)v; break;
    case DT_I8: *(int8_t *)p = (int8_t)(int64_t)v; break;
    case DT_I16: *(int16_t *)p = (int16_t)(int64_t)v; break;
    case DT_I32: *(int32_t *)p = (int32_t)(int64_t)v; break;
    case DT_I64: *(int64_t *)p = (int64_t)v; break;
    case DT_F16: *(uint16_t *)p = f32_to_f16((float)v); break;
    case DT_BF16: *(uint16_t *)p = f32_to_bf16((float)v); break;
    case DT_F32: *(float *)p = (float)v; break;
    case DT_F64: *(double *)p = v; break;
    default: break;
    }
}

void tensor_set_flat(Tensor *t, int64_t i, double v) {
    char *p = (char *)t->storage->data + tensor_flat_offset(t, i) * (int64_t)dtype_size(t->dtype);
    tensor_write(p, t->dtype, v);
}

void tensor_set_flat_i64(Tensor *t, int64_t i, int64_t v) {
    char *p = (char *)t->storage->data + tensor_flat_offset(t, i) * (int64_t)dtype_size(t->dtype);
    switch (t->dtype) {
    case DT_BOOL: *(bool *)p = v != 0; break;
    case DT_U8: *(uint8_t *)p = (uint8_t)v; break;
    case DT_I8: *(int8_t *)p = (int8_t)v; break;
    case DT_I16: *(int16_t *)p = (int16_t)v; break;
    case DT_I32: *(int32_t *)p = (int32_t)v; break;
    case DT_I64: *(int64_t *)p = v; break;
    default: tensor_write(p, t->dtype, (double)v); break;
    }
}

char *tensor_shape_fmt(char *buf, size_t cap, int ndim, const int64_t *shape) {
    size_t n = 0;
    n += (size_t)snprintf(buf + n, cap - n, "[");
    for (int i = 0; i < ndim && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, i ? ", %lld" : "%lld", (long long)shape[i]);
    if (n < cap) snprintf(buf + n, cap - n, "]");
    return buf;
}
