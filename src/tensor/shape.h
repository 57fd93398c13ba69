// Shape operations. Views (view, reshape when possible, flatten, squeeze,
// unsqueeze, t, transpose, permute, expand, narrow, select, slice, unbind,
// chunk, split, diagonal) share [t]'s storage and set base; the others (cat,
// stack, flip, roll, repeat, tril, triu, diag) copy. All return a new
// reference, or NULL with PyTorch's error pending. Dims may be negative.
#ifndef TL_TENSOR_SHAPE_H
#define TL_TENSOR_SHAPE_H

#include "tensor/tensor.h"

// A list of tensors owned by the list (each entry one reference).
typedef struct {
    int n;
    Tensor **items;
} TensorList;
void tensor_list_free(TensorList *l);     // releases the entries and the array

// Wraps [dim] into [0, ndim) (ndim 0 counts as 1), or raises IndexError
// "Dimension out of range (expected to be in range of [-2, 1], but got 2)".
int tensor_wrap_dim(int64_t dim, int ndim, int *out);

// ---- views ----
Tensor *tensor_view(const Tensor *t, int ndim, const int64_t *shape);   // one -1 allowed
Tensor *tensor_reshape(const Tensor *t, int ndim, const int64_t *shape);
// True when view() would succeed (reshape without a copy).
bool tensor_can_view(const Tensor *t, int ndim, const int64_t *shape);
Tensor *tensor_flatten(const Tensor *t, int64_t start, int64_t end);
Tensor *tensor_unflatten(const Tensor *t, int64_t dim, int n, const int64_t *sizes);
Tensor *tensor_squeeze(const Tensor *t);
Tensor *tensor_squeeze_dim(const Tensor *t, int64_t dim);
Tensor *tensor_unsqueeze(const Tensor *t, int64_t dim);
Tensor *tensor_t(const Tensor *t);
Tensor *tensor_transpose(const Tensor *t, int64_t d0, int64_t d1);
Tensor *tensor_permute(const Tensor *t, int n, const int64_t *dims);
Tensor *tensor_movedim(const Tensor *t, int64_t src, int64_t dst);
Tensor *tensor_expand(const Tensor *t, int ndim, const int64_t *shape);  // -1 keeps a size
Tensor *tensor_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length);
// select(dim, index): torch.select's error ("select(): index 5 out of range ...").
Tensor *tensor_select(const Tensor *t, int64_t dim, int64_t index);
// t[index] along [dim] for Python indexing: IndexError "index 5 is out of
// bounds for dimension 0 with size 3" (and the 0-dim message).
Tensor *tensor_index_int(const Tensor *t, int64_t dim, int64_t index);
// Python slice semantics: start/stop clamped; TENSOR_SLICE_END for "to the end".
#define TENSOR_SLICE_END INT64_MAX
Tensor *tensor_slice(const Tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step);
Tensor *tensor_diagonal(const Tensor *t, int64_t offset, int64_t d1, int64_t d2);
int tensor_unbind(const Tensor *t, int64_t dim, TensorList *out);
int tensor_chunk(const Tensor *t, int64_t chunks, int64_t dim, TensorList *out);
int tensor_split(const Tensor *t, int64_t size, int64_t dim, TensorList *out);
int tensor_split_sizes(const Tensor *t, int n, const int64_t *sizes, int64_t dim, TensorList *out);

// ---- copies ----
Tensor *tensor_cat(int n, const Tensor *const *ts, int64_t dim);
Tensor *tensor_stack(int n, const Tensor *const *ts, int64_t dim);
Tensor *tensor_hstack(int n, const Tensor *const *ts);
Tensor *tensor_vstack(int n, const Tensor *const *ts);
Tensor *tensor_flip(const Tensor *t, int n, const int64_t *dims);
// roll: [n] shifts over [dims]; ndims 0 rolls the flattened tensor.
Tensor *tensor_roll(const Tensor *t, int n, const int64_t *shifts, int ndims, const int64_t *dims);
Tensor *tensor_repeat(const Tensor *t, int n, const int64_t *repeats);
Tensor *tensor_tril(const Tensor *t, int64_t diagonal);
Tensor *tensor_triu(const Tensor *t, int64_t diagonal);
Tensor *tensor_diag(const Tensor *t, int64_t diagonal);

#endif
