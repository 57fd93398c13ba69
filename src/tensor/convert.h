// Copies and dtype conversions: to(dtype), copy_ (broadcasting, converting),
// clone, contiguous, fill_ and zero_. Out-of-place functions return a new
// reference or NULL with a pending error; in-place ones return 0 / -1.
#ifndef TL_TENSOR_CONVERT_H
#define TL_TENSOR_CONVERT_H

#include "tensor/tensor.h"

// Returns [t] converted to [dtype] (a new tensor, layout as clone), or a new
// reference to t itself when it already has that dtype and [copy] is false
// (PyTorch's Tensor.to(dtype) returns self then).
Tensor *tensor_to_dtype(const Tensor *t, DType dtype, bool copy);
// Returns a new copy of [t] (same dtype). clone and to() keep a dense
// permuted layout (a transposed tensor stays transposed) as PyTorch's
// preserve_format does; tensor_clone_contiguous always lays out row-major.
Tensor *tensor_clone(const Tensor *t);
Tensor *tensor_clone_contiguous(const Tensor *t);
// Returns [t] itself (new reference) when contiguous, else a contiguous copy.
Tensor *tensor_contiguous(const Tensor *t);
// copy_: writes [src], broadcast to [dst]'s shape and converted to its dtype.
int tensor_copy_(Tensor *dst, const Tensor *src);
// fill_: every element of [t] becomes [v] (cast to t's dtype).
int tensor_fill_(Tensor *t, TensorScalar v);
int tensor_zero_(Tensor *t);

// Returns a new 0-d tensor holding [s]: bool / int64 / float64 as PyTorch
// wraps Python scalars, with is_wrapped_number set when [wrapped].
Tensor *tensor_from_scalar(TensorScalar s, bool wrapped);
// Reads the single element of a one-element tensor [t] as a scalar of its
// dtype's kind (Tensor.item()).
TensorScalar tensor_item(const Tensor *t);

#endif
