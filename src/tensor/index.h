// Indexing with NumPy/PyTorch semantics, as a C API the language bindings
// call with an already-parsed index list (x[0, 1:3, None, ..., idx, mask]),
// plus the index ops: index_select, gather, scatter(_add), masked_select,
// nonzero, take. Inputs are borrowed; results are new references, or NULL /
// -1 with PyTorch's error pending.
#ifndef TL_TENSOR_INDEX_H
#define TL_TENSOR_INDEX_H

#include "tensor/tensor.h"

typedef enum {
    TI_INT,         // x[3]: selects (removes) a dim
    TI_SLICE,       // x[a:b:c], each bound optional
    TI_NONE,        // x[None]: inserts a size-1 dim
    TI_ELLIPSIS,    // x[...]: as many full slices as needed
    TI_TENSOR,      // an int64 tensor (advanced index), a bool/uint8 mask, or a
                    // 0-d int64 tensor (acts as TI_INT) / 0-d bool (x[True])
} TensorIndexKind;

typedef struct {
    TensorIndexKind kind;
    int64_t index;                         // TI_INT
    int64_t start, stop, step;             // TI_SLICE, read when has_* is set
    bool has_start, has_stop, has_step;
    const Tensor *tensor;                  // TI_TENSOR (borrowed)
} TensorIndex;

// x[idx]: basic indices only (ints, slices, None, ...) give a view sharing
// x's storage; any tensor index gives a copy with PyTorch's result shape
// (the advanced dims replace the indexed ones in place when adjacent, and
// go first otherwise). Ints and slices apply before the tensor indices.
Tensor *tensor_index(const Tensor *t, const TensorIndex *idx, int n);

// x[idx] = value: [value] broadcasts to the indexed shape. Basic indexing
// converts value's dtype (copy_); advanced indexing requires the same dtype
// as x (PyTorch's rule: bindings turn Python scalars into x's dtype).
// [accumulate] adds instead of storing (index_put_(accumulate=True)).
int tensor_index_put(Tensor *t, const TensorIndex *idx, int n, const Tensor *value);
int tensor_index_put_acc(Tensor *t, const TensorIndex *idx, int n, const Tensor *value,
                         bool accumulate);

// index_select(x, dim, index): index 1-D (or 0-d), int32 or int64.
Tensor *tensor_index_select(const Tensor *x, int64_t dim, const Tensor *index);
// gather(x, dim, index): out[i][j] = x[index[i][j]][j] (dim 0), index int64
// with x's ndim and sizes no larger than x's apart from dim.
Tensor *tensor_gather(const Tensor *x, int64_t dim, const Tensor *index);

// scatter reductions (PyTorch's reduce= strings).
typedef enum { SCATTER_NONE = 0, SCATTER_ADD = 1, SCATTER_MULTIPLY = 2 } ScatterReduce;
// scatter(x, dim, index, src): a new tensor, x with x[index[i][j]][j] = src[i][j].
Tensor *tensor_scatter(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                       ScatterReduce reduce);
// scatter(x, dim, index, value) with a scalar value (cast to x's dtype).
Tensor *tensor_scatter_value(const Tensor *x, int64_t dim, const Tensor *index, double value,
                             ScatterReduce reduce);
Tensor *tensor_scatter_add(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src);
// In-place forms (scatter_, scatter_add_): 0 or -1.
int tensor_scatter_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                    ScatterReduce reduce);
int tensor_scatter_value_(Tensor *x, int64_t dim, const Tensor *index, double value,
                          ScatterReduce reduce);
int tensor_scatter_add_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src);

// masked_select(x, mask): the elements where the (broadcast) bool mask is set, 1-D.
Tensor *tensor_masked_select(const Tensor *x, const Tensor *mask);
// nonzero(x): (n, ndim) int64 coordinates of the nonzero elements, row-major.
Tensor *tensor_nonzero(const Tensor *x);
// nonzero(x, as_tuple=True): one 1-D int64 tensor per dim (1 for a 0-d x)
// into [out] (room for max(1, ndim) entries); returns their count or -1.
int tensor_nonzero_tuple(const Tensor *x, Tensor **out);
// take(x, index): x.flatten()[index], shaped like index.
Tensor *tensor_take(const Tensor *x, const Tensor *index);

#endif
