// Linear algebra on CPU tensors: mm, bmm, mv, dot, addmm, outer, matmul
// (PyTorch's full broadcasting rules), einsum, and the linalg norms.
// float32/float64 go to OpenBLAS (strided or transposed operands are
// passed as they lie whenever BLAS can read them); other dtypes use plain
// loops. Inputs are borrowed; results are new references, or NULL with a
// pending error in PyTorch's words.
#ifndef TL_TENSOR_LINALG_H
#define TL_TENSOR_LINALG_H

#include "tensor/tensor.h"

// a: (n, k), b: (k, m) -> (n, m). Same dtype required.
Tensor *tensor_mm(const Tensor *a, const Tensor *b);
// a: (B, n, k), b: (B, k, m) -> (B, n, m).
Tensor *tensor_bmm(const Tensor *a, const Tensor *b);
// a: (n, m), v: (m) -> (n).
Tensor *tensor_mv(const Tensor *a, const Tensor *v);
// a: (n), b: (n) -> 0-d.
Tensor *tensor_dot(const Tensor *a, const Tensor *b);
// beta * input + alpha * (a @ b); input broadcasts to (n, m). beta == 0
// ignores input's values (NaN included), as PyTorch does.
Tensor *tensor_addmm(const Tensor *input, const Tensor *a, const Tensor *b, double beta,
                     double alpha);
// a: (n), b: (m) -> (n, m), with type promotion.
Tensor *tensor_outer(const Tensor *a, const Tensor *b);
// torch.matmul / @: dot, mv, mm, and batched products broadcasting the
// batch dims; 1-D operands get a dim prepended/appended and removed again.
Tensor *tensor_matmul(const Tensor *a, const Tensor *b);
// torch.einsum([equation], *ops): explicit ("ij,jk->ik") or implicit
// output, "..." ellipses, repeated subscripts (diagonals), size-1
// broadcasting, any number of operands (contracted left to right).
Tensor *tensor_einsum(const char *equation, const Tensor *const *ops, int nops);

// linalg.vector_norm(x, ord, dim, keepdim, dtype) (defined in reduce_stat.c).
Tensor *tensor_linalg_vector_norm(const Tensor *x, double ord, const int64_t *dims, int ndims,
                                  bool keepdim, int dtype);
// linalg.matrix_norm over [dims] (NULL: the last two): [ord_str] "fro" (or
// NULL with numeric [ord] 1, -1, inf, -inf). "nuc" and 2/-2 need an SVD and
// raise NotImplementedError.
Tensor *tensor_linalg_matrix_norm(const Tensor *x, const char *ord_str, double ord,
                                  const int64_t *dims, bool keepdim);
// linalg.norm: [has_ord] false gives the 2-norm of the flattened input (or
// over [dims]); with an ord, 1-D inputs (or one dim) take the vector norm
// and 2-D inputs (or two dims) the matrix norm; [ord_str] "fro"/"nuc".
Tensor *tensor_linalg_norm(const Tensor *x, bool has_ord, const char *ord_str, double ord,
                           const int64_t *dims, int ndims, bool keepdim);

#endif
