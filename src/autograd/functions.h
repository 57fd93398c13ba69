// Differentiable functions: each runs the tensor runtime's forward and
// records it with ag_record(), so it builds a graph exactly when grad mode
// is on and an input requires grad. Backward formulas are written with these,
// which is what makes create_graph=True work; the bindings may use them for
// ops PyTorch composes from others (matmul, outer). Borrowed inputs, new
// references out, NULL with the error pending.
#ifndef TL_AUTOGRAD_FUNCTIONS_H
#define TL_AUTOGRAD_FUNCTIONS_H

#include "tensor/ops.h"
#include "tensor/shape.h"

// ---- elementwise ----
Tensor *ag_unary(OpCode op, const Tensor *a, const OpArgs *args);
// Elementwise binary ops, and OP_MM/OP_BMM/OP_MV/OP_DOT.
Tensor *ag_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args);
// [a] op [s] with a Python float s (a wrapped number): OP_ADD, OP_SUB, OP_MUL,
// OP_DIV, OP_RSUB (s - a).
Tensor *ag_scalar(OpCode op, const Tensor *a, double s);
Tensor *ag_pow_scalar(const Tensor *a, double e);
Tensor *ag_where(const Tensor *cond, const Tensor *a, const Tensor *b);
Tensor *ag_masked_fill(const Tensor *a, const Tensor *mask, double value);
static inline Tensor *ag_add(const Tensor *a, const Tensor *b) { return ag_binary(OP_ADD, a, b, NULL); }
static inline Tensor *ag_sub(const Tensor *a, const Tensor *b) { return ag_binary(OP_SUB, a, b, NULL); }
static inline Tensor *ag_mul(const Tensor *a, const Tensor *b) { return ag_binary(OP_MUL, a, b, NULL); }
static inline Tensor *ag_div(const Tensor *a, const Tensor *b) { return ag_binary(OP_DIV, a, b, NULL); }
static inline Tensor *ag_neg(const Tensor *a) { return ag_unary(OP_NEG, a, NULL); }

// ---- shapes and views ----
Tensor *ag_reshape(const Tensor *t, int ndim, const int64_t *shape);
Tensor *ag_expand(const Tensor *t, int ndim, const int64_t *shape);
Tensor *ag_unsqueeze(const Tensor *t, int64_t dim);
Tensor *ag_squeeze_dim(const Tensor *t, int64_t dim);
Tensor *ag_transpose(const Tensor *t, int64_t d0, int64_t d1);
Tensor *ag_t(const Tensor *t);
Tensor *ag_permute(const Tensor *t, int n, const int64_t *dims);
Tensor *ag_select(const Tensor *t, int64_t dim, int64_t index);
Tensor *ag_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length);
Tensor *ag_diagonal(const Tensor *t, int64_t offset, int64_t d1, int64_t d2);
Tensor *ag_cat(int n, const Tensor *const *ts, int64_t dim);
Tensor *ag_stack(int n, const Tensor *const *ts, int64_t dim);
Tensor *ag_flip(const Tensor *t, int n, const int64_t *dims);
Tensor *ag_roll(const Tensor *t, int n, const int64_t *shifts, int ndims, const int64_t *dims);
Tensor *ag_tril(const Tensor *t, int64_t k);
Tensor *ag_triu(const Tensor *t, int64_t k);
Tensor *ag_diag(const Tensor *t, int64_t k);
Tensor *ag_to_dtype(const Tensor *t, DType dtype);
Tensor *ag_clone(const Tensor *t);

// ---- reductions ----
// [dims] NULL: every dim.
Tensor *ag_sum(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);
// Sums [g] down to [shape] (PyTorch's sum_to: leading dims, then the dims
// where shape has 1), the one place broadcasting is undone.
Tensor *ag_sum_to(const Tensor *g, int ndim, const int64_t *shape);
Tensor *ag_cumsum(const Tensor *x, int64_t dim);

// ---- linear algebra ----
Tensor *ag_mm(const Tensor *a, const Tensor *b);
Tensor *ag_bmm(const Tensor *a, const Tensor *b);
Tensor *ag_mv(const Tensor *a, const Tensor *v);
Tensor *ag_dot(const Tensor *a, const Tensor *b);
// torch.outer as PyTorch composes it: a.reshape(n, 1) * b (MulBackward0).
Tensor *ag_outer(const Tensor *a, const Tensor *b);
// torch.matmul as PyTorch 1.13 composes it from dot/mv/mm/bmm and views, so
// grad_fn names match (MmBackward0, UnsafeViewBackward0, SqueezeBackward1...).
Tensor *ag_matmul(const Tensor *a, const Tensor *b);

// ---- indexing ----
Tensor *ag_gather(const Tensor *x, int64_t dim, const Tensor *index);
Tensor *ag_scatter_add(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src);
Tensor *ag_index_select(const Tensor *x, int64_t dim, const Tensor *index);

#endif
