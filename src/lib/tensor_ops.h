// The bindings' dispatch layer: every tensor op the torch module and the
// Tensor methods perform goes through one lib_op_* function here, which
// runs the tensor runtime's kernel and then hands the result to autograd
// (lib_ag_record in tensor_autograd.c) with the op code and an OpArgs block
// describing the call. Autograd therefore plugs in at one place.
// Same contracts as the tensor/ functions they wrap: borrowed inputs, new
// references out, NULL / -1 with the error pending.
#ifndef TL_LIB_TENSOR_OPS_H
#define TL_LIB_TENSOR_OPS_H

#include "tensor/index.h"
#include "tensor/ops.h"
#include "tensor/shape.h"

// ---- elementwise ----
Tensor *lib_op_unary(OpCode op, const Tensor *a, const OpArgs *args);
int lib_op_unary_(OpCode op, Tensor *a, const OpArgs *args);
int lib_op_unary_out(OpCode op, Tensor *out, const Tensor *a, const OpArgs *args);
Tensor *lib_op_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args);
int lib_op_binary_(OpCode op, Tensor *a, const Tensor *b, const OpArgs *args);
int lib_op_binary_out(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const OpArgs *args);
Tensor *lib_op_binary_scalar(OpCode op, const Tensor *a, TensorScalar s, const OpArgs *args);
// s op a (2 ** x, 2 - x as OP_RSUB through lib_op_binary_scalar instead).
Tensor *lib_op_rbinary_scalar(OpCode op, TensorScalar s, const Tensor *a, const OpArgs *args);
int lib_op_binary_scalar_(OpCode op, Tensor *a, TensorScalar s, const OpArgs *args);
Tensor *lib_op_pow_scalar(const Tensor *a, TensorScalar e);
int lib_op_pow_scalar_(Tensor *a, TensorScalar e);
Tensor *lib_op_clamp(const Tensor *a, const TensorScalar *lo, const TensorScalar *hi);
int lib_op_clamp_(Tensor *a, const TensorScalar *lo, const TensorScalar *hi);
Tensor *lib_op_clamp_tensor(const Tensor *a, const Tensor *lo, const Tensor *hi);
Tensor *lib_op_round_decimals(const Tensor *a, int64_t decimals);
Tensor *lib_op_nan_to_num(const Tensor *a, double nan, const double *posinf, const double *neginf);
Tensor *lib_op_where(const Tensor *cond, const Tensor *a, const Tensor *b);
Tensor *lib_op_masked_fill(const Tensor *a, const Tensor *mask, TensorScalar v);
int lib_op_masked_fill_(Tensor *a, const Tensor *mask, TensorScalar v);
Tensor *lib_op_lerp(const Tensor *a, const Tensor *b, const Tensor *w);
Tensor *lib_op_lerp_scalar(const Tensor *a, const Tensor *b, double w);
Tensor *lib_op_div_mode(const Tensor *a, const Tensor *b, int mode);

// ---- conversion and copies ----
Tensor *lib_op_to_dtype(const Tensor *t, DType dt, bool copy);
Tensor *lib_op_clone(const Tensor *t);
Tensor *lib_op_contiguous(const Tensor *t);
int lib_op_copy_(Tensor *dst, const Tensor *src);
int lib_op_fill_(Tensor *t, TensorScalar v);
int lib_op_zero_(Tensor *t);
// A new tensor sharing [t]'s storage, outside the graph (detach()).
Tensor *lib_op_detach(const Tensor *t);

// ---- views ----
Tensor *lib_op_view(const Tensor *t, int ndim, const int64_t *shape);
Tensor *lib_op_reshape(const Tensor *t, int ndim, const int64_t *shape);
Tensor *lib_op_flatten(const Tensor *t, int64_t start, int64_t end);
Tensor *lib_op_unflatten(const Tensor *t, int64_t dim, int n, const int64_t *sizes);
Tensor *lib_op_squeeze(const Tensor *t);
Tensor *lib_op_squeeze_dim(const Tensor *t, int64_t dim);
Tensor *lib_op_unsqueeze(const Tensor *t, int64_t dim);
Tensor *lib_op_t(const Tensor *t);
Tensor *lib_op_transpose(const Tensor *t, int64_t d0, int64_t d1);
Tensor *lib_op_permute(const Tensor *t, int n, const int64_t *dims);
Tensor *lib_op_movedim(const Tensor *t, int64_t src, int64_t dst);
Tensor *lib_op_expand(const Tensor *t, int ndim, const int64_t *shape);
Tensor *lib_op_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length);
Tensor *lib_op_select(const Tensor *t, int64_t dim, int64_t index);
// Python indexing t[i] along [dim] (IndexError wording), SelectBackward0.
Tensor *lib_op_index_int(const Tensor *t, int64_t dim, int64_t index);
Tensor *lib_op_slice(const Tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step);
Tensor *lib_op_diagonal(const Tensor *t, int64_t offset, int64_t d1, int64_t d2);
int lib_op_unbind(const Tensor *t, int64_t dim, TensorList *out);
int lib_op_chunk(const Tensor *t, int64_t chunks, int64_t dim, TensorList *out);
int lib_op_split(const Tensor *t, int64_t size, int64_t dim, TensorList *out);
int lib_op_split_sizes(const Tensor *t, int n, const int64_t *sizes, int64_t dim, TensorList *out);

// ---- shape ops that copy ----
Tensor *lib_op_cat(int n, const Tensor *const *ts, int64_t dim);
Tensor *lib_op_stack(int n, const Tensor *const *ts, int64_t dim);
Tensor *lib_op_hstack(int n, const Tensor *const *ts);
Tensor *lib_op_vstack(int n, const Tensor *const *ts);
Tensor *lib_op_flip(const Tensor *t, int n, const int64_t *dims);
Tensor *lib_op_roll(const Tensor *t, int n, const int64_t *shifts, int ndims, const int64_t *dims);
Tensor *lib_op_repeat(const Tensor *t, int n, const int64_t *repeats);
Tensor *lib_op_tril(const Tensor *t, int64_t diagonal);
Tensor *lib_op_triu(const Tensor *t, int64_t diagonal);
Tensor *lib_op_diag(const Tensor *t, int64_t diagonal);

// ---- reductions (dims NULL: every dim; dtype REDUCE_NO_DTYPE or a DType) ----
Tensor *lib_op_sum(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype);
Tensor *lib_op_mean(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype);
Tensor *lib_op_prod(const Tensor *x, const int64_t *dim, bool keepdim, int dtype);
Tensor *lib_op_var(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim);
Tensor *lib_op_std(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim);
int lib_op_var_mean(const Tensor *x, const int64_t *dims, int ndims, double correction,
                    bool keepdim, bool is_std, Tensor **a, Tensor **mean);
Tensor *lib_op_max(const Tensor *x);
Tensor *lib_op_min(const Tensor *x);
int lib_op_max_dim(const Tensor *x, int64_t dim, bool keepdim, bool is_min, Tensor **values,
                   Tensor **indices);
Tensor *lib_op_amax(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, bool is_min);
Tensor *lib_op_argmax(const Tensor *x, const int64_t *dim, bool keepdim, bool is_min);
Tensor *lib_op_all(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, bool is_any);
Tensor *lib_op_count_nonzero(const Tensor *x, const int64_t *dims, int ndims);
Tensor *lib_op_norm(const Tensor *x, double p, const int64_t *dims, int ndims, bool keepdim, int dtype);
Tensor *lib_op_logsumexp(const Tensor *x, const int64_t *dims, int ndims, bool keepdim);
Tensor *lib_op_cumsum(const Tensor *x, int64_t dim, int dtype, bool is_prod);
int lib_op_sort(const Tensor *x, int64_t dim, bool descending, bool stable, Tensor **values,
                Tensor **indices);
Tensor *lib_op_argsort(const Tensor *x, int64_t dim, bool descending, bool stable);
int lib_op_topk(const Tensor *x, int64_t k, int64_t dim, bool largest, bool sorted,
                Tensor **values, Tensor **indices);
int lib_op_kthvalue(const Tensor *x, int64_t k, int64_t dim, bool keepdim, Tensor **values,
                    Tensor **indices);
Tensor *lib_op_median(const Tensor *x);
int lib_op_median_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices);
int lib_op_mode(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices);
int lib_op_unique(const Tensor *x, bool sorted, Tensor **out, Tensor **inverse, Tensor **counts);

// ---- linear algebra ----
Tensor *lib_op_mm(const Tensor *a, const Tensor *b);
Tensor *lib_op_bmm(const Tensor *a, const Tensor *b);
Tensor *lib_op_mv(const Tensor *a, const Tensor *v);
Tensor *lib_op_dot(const Tensor *a, const Tensor *b);
Tensor *lib_op_addmm(const Tensor *input, const Tensor *a, const Tensor *b, double beta, double alpha);
Tensor *lib_op_outer(const Tensor *a, const Tensor *b);
Tensor *lib_op_matmul(const Tensor *a, const Tensor *b);
Tensor *lib_op_einsum(const char *equation, const Tensor *const *ops, int nops);
Tensor *lib_op_vector_norm(const Tensor *x, double ord, const int64_t *dims, int ndims,
                           bool keepdim, int dtype);
Tensor *lib_op_matrix_norm(const Tensor *x, const char *ord_str, double ord, const int64_t *dims,
                           bool keepdim);
Tensor *lib_op_linalg_norm(const Tensor *x, bool has_ord, const char *ord_str, double ord,
                           const int64_t *dims, int ndims, bool keepdim);

// ---- indexing ----
// Advanced indexing: [idx] holds only full slices and TI_TENSOR entries
// (the bindings apply ints, slices, None and ... as views first).
Tensor *lib_op_index(const Tensor *t, const TensorIndex *idx, int n);
int lib_op_index_put_(Tensor *t, const TensorIndex *idx, int n, const Tensor *value, bool accumulate);
Tensor *lib_op_index_select(const Tensor *x, int64_t dim, const Tensor *index);
Tensor *lib_op_gather(const Tensor *x, int64_t dim, const Tensor *index);
Tensor *lib_op_scatter(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                       ScatterReduce reduce);
Tensor *lib_op_scatter_value(const Tensor *x, int64_t dim, const Tensor *index, double value,
                             ScatterReduce reduce);
Tensor *lib_op_scatter_add(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src);
int lib_op_scatter_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src, ScatterReduce reduce);
int lib_op_scatter_value_(Tensor *x, int64_t dim, const Tensor *index, double value, ScatterReduce reduce);
int lib_op_scatter_add_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src);
Tensor *lib_op_masked_select(const Tensor *x, const Tensor *mask);
Tensor *lib_op_take(const Tensor *x, const Tensor *index);

#endif
