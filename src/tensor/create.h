// Tensor factories: ones/full, arange/linspace/logspace, eye, the *_like
// helpers and construction from flat host buffers. Each returns a new
// reference or NULL with a pending error (negative sizes, MemoryError, ...).
// tensor_empty/tensor_zeros live in tensor/tensor.h.
#ifndef TL_TENSOR_CREATE_H
#define TL_TENSOR_CREATE_H

#include "tensor/tensor.h"

Tensor *tensor_ones(int ndim, const int64_t *shape, DType dtype);
Tensor *tensor_full(int ndim, const int64_t *shape, TensorScalar value, DType dtype);
// The dtype torch.full infers from a fill value: bool, int64 or default float.
DType tensor_full_dtype(TensorScalar value);

// arange(start, end, step): length ceil((end - start) / step). [dtype] < 0
// infers int64 when all three are ints, else the default float dtype.
Tensor *tensor_arange(TensorScalar start, TensorScalar end, TensorScalar step, int dtype);
Tensor *tensor_linspace(double start, double end, int64_t steps, DType dtype);
Tensor *tensor_logspace(double start, double end, int64_t steps, double base, DType dtype);
Tensor *tensor_eye(int64_t n, int64_t m, DType dtype);    // m < 0: square

Tensor *tensor_zeros_like(const Tensor *t, DType dtype);
Tensor *tensor_ones_like(const Tensor *t, DType dtype);
Tensor *tensor_full_like(const Tensor *t, TensorScalar value, DType dtype);

// A new tensor of [shape] and [dtype] holding the row-major values of a
// flat buffer of numel(shape) doubles / int64s (converted, f16 rounded).
Tensor *tensor_from_f64(const double *data, int ndim, const int64_t *shape, DType dtype);
Tensor *tensor_from_i64(const int64_t *data, int ndim, const int64_t *shape, DType dtype);

#endif
