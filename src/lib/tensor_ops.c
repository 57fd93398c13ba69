// The dispatch layer (see tensor_ops.h): each lib_op_* runs the runtime's
// function and reports the result to autograd with an OpArgs block that
// records the call's parameters (dims, keepdim, scalars, the view shape),
// which is what a backward formula needs besides the inputs.
#include "lib/tensor_ops.h"

#include <string.h>

#include "autograd/autograd.h"
#include "autograd/functions.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/linalg.h"
#include "tensor/reduce.h"

// Records a single-output op with one, two or three inputs.
static Tensor *rec1(OpCode op, Tensor *out, const Tensor *a, const OpArgs *args) {
    const Tensor *in[1] = {a};
    if (!out || !ag_wanted(1, in)) return out;
    return ag_record(op, out, 1, in, args);
}

static Tensor *rec2(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const OpArgs *args) {
    const Tensor *in[2] = {a, b};
    if (!out || !ag_wanted(2, in)) return out;
    return ag_record(op, out, 2, in, args);
}

static Tensor *rec3(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const Tensor *c,
                    const OpArgs *args) {
    const Tensor *in[3] = {a, b, c};
    if (!out || !ag_wanted(3, in)) return out;
    return ag_record(op, out, 3, in, args);
}

static int rec_pair(OpCode op, int rc, Tensor **a, Tensor **b, const Tensor *x, const OpArgs *args) {
    if (rc < 0) return -1;
    const Tensor *in[1] = {x};
    if (!ag_wanted(1, in)) return 0;
    Tensor *outs[2] = {*a, *b};
    if (ag_record_multi(op, outs, 2, 1, in, args) < 0) {
        tensor_release(*a);
        tensor_release(*b);
        return -1;
    }
    return 0;
}

static int rec_list(OpCode op, int rc, TensorList *l, const Tensor *x, const OpArgs *args) {
    if (rc < 0) return -1;
    const Tensor *in[1] = {x};
    if (!ag_wanted(1, in)) return 0;
    if (ag_record_multi(op, l->items, l->n, 1, in, args) < 0) {
        tensor_list_free(l);
        return -1;
    }
    return 0;
}

// In-place ops: autograd checks self before the write and records after it.
#define INPLACE(op, self, nin, in, call, args)                            \
    do {                                                                  \
        AgInplace ip_;                                                    \
        if (ag_inplace_begin(&ip_, (op), (self), (nin), (in)) < 0) return -1; \
        return ag_inplace_end(&ip_, (call), (args));                      \
    } while (0)

// A Python scalar operand as the wrapped 0-d tensor autograd records, made
// only when the op will be recorded (NULL otherwise: no allocation).
static Tensor *scalar_input(const Tensor *a, TensorScalar s, bool *fail) {
    *fail = false;
    if (!ag_wanted(1, &a)) return NULL;
    Tensor *st = tensor_from_scalar(s, true);
    if (!st) *fail = true;
    return st;
}

static OpArgs dims_args(const int64_t *dims, int ndims, bool keepdim) {
    OpArgs a;
    memset(&a, 0, sizeof a);
    if (dims)
        for (int i = 0; i < ndims && i < TENSOR_MAX_DIMS; i++) a.dims[i] = dims[i];
    a.ndims = dims ? ndims : 0;
    a.keepdim = keepdim;
    return a;
}

static OpArgs int_args(int64_t i0, int64_t i1, int64_t i2) {
    OpArgs a;
    memset(&a, 0, sizeof a);
    a.i[0] = i0;
    a.i[1] = i1;
    a.i[2] = i2;
    return a;
}

static OpArgs scalar_args(TensorScalar s) {
    OpArgs a;
    memset(&a, 0, sizeof a);
    a.s[0] = tensor_scalar_as_double(s);
    a.i[0] = s.i;
    a.mode = (int)s.kind;
    return a;
}

// ---------------------------------------------------------------- elementwise

Tensor *lib_op_unary(OpCode op, const Tensor *a, const OpArgs *args) {
    return rec1(op, tensor_unary(op, a, args), a, args);
}

int lib_op_unary_(OpCode op, Tensor *a, const OpArgs *args) {
    INPLACE(op, a, 0, NULL, tensor_unary_(op, a, args), args);
}

int lib_op_unary_out(OpCode op, Tensor *out, const Tensor *a, const OpArgs *args) {
    return tensor_unary_out(op, out, a, args);
}

Tensor *lib_op_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args) {
    return rec2(op, tensor_binary(op, a, b, args), a, b, args);
}

int lib_op_binary_(OpCode op, Tensor *a, const Tensor *b, const OpArgs *args) {
    const Tensor *in[1] = {b};
    INPLACE(op, a, 1, in, tensor_binary_(op, a, b, args), args);
}

int lib_op_binary_out(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const OpArgs *args) {
    return tensor_binary_out(op, out, a, b, args);
}

// Scalar operands are recorded as a wrapped 0-d tensor input (PyTorch's
// next_functions shows (None, 0) for them).
Tensor *lib_op_binary_scalar(OpCode op, const Tensor *a, TensorScalar s, const OpArgs *args) {
    Tensor *out = tensor_binary_scalar(op, a, s, args);
    bool fail;
    Tensor *st = out ? scalar_input(a, s, &fail) : NULL;
    if (!st) return out && fail ? (tensor_release(out), NULL) : out;
    out = rec2(op, out, a, st, args);
    tensor_release(st);
    return out;
}

Tensor *lib_op_rbinary_scalar(OpCode op, TensorScalar s, const Tensor *a, const OpArgs *args) {
    Tensor *out = tensor_rbinary_scalar(op, s, a, args);
    bool fail;
    Tensor *st = out ? scalar_input(a, s, &fail) : NULL;
    if (!st) return out && fail ? (tensor_release(out), NULL) : out;
    out = rec2(op, out, st, a, args);
    tensor_release(st);
    return out;
}

int lib_op_binary_scalar_(OpCode op, Tensor *a, TensorScalar s, const OpArgs *args) {
    bool fail;
    Tensor *st = scalar_input(a, s, &fail);
    if (fail) return -1;
    const Tensor *in[1] = {st};
    AgInplace ip;
    int rc = ag_inplace_begin(&ip, op, a, st ? 1 : 0, in);
    if (rc == 0) rc = ag_inplace_end(&ip, tensor_binary_scalar_(op, a, s, args), args);
    tensor_release(st);
    return rc;
}

Tensor *lib_op_pow_scalar(const Tensor *a, TensorScalar e) {
    OpArgs args = scalar_args(e);
    return rec1(OP_POW_SCALAR, tensor_pow_scalar(a, e), a, &args);
}

int lib_op_pow_scalar_(Tensor *a, TensorScalar e) {
    OpArgs args = scalar_args(e);
    INPLACE(OP_POW_SCALAR, a, 0, NULL, tensor_pow_scalar_(a, e), &args);
}

static OpArgs clamp_args(const TensorScalar *lo, const TensorScalar *hi) {
    OpArgs a;
    memset(&a, 0, sizeof a);
    if (lo) { a.s[0] = tensor_scalar_as_double(*lo); a.flags |= 1; }
    if (hi) { a.s[1] = tensor_scalar_as_double(*hi); a.flags |= 2; }
    return a;
}

Tensor *lib_op_clamp(const Tensor *a, const TensorScalar *lo, const TensorScalar *hi) {
    OpArgs args = clamp_args(lo, hi);
    return rec1(OP_CLAMP, tensor_clamp(a, lo, hi), a, &args);
}

int lib_op_clamp_(Tensor *a, const TensorScalar *lo, const TensorScalar *hi) {
    OpArgs args = clamp_args(lo, hi);
    INPLACE(OP_CLAMP, a, 0, NULL, tensor_clamp_(a, lo, hi), &args);
}

Tensor *lib_op_clamp_tensor(const Tensor *a, const Tensor *lo, const Tensor *hi) {
    return rec3(OP_CLAMP_TENSOR, tensor_clamp_tensor(a, lo, hi), a, lo, hi, NULL);
}

Tensor *lib_op_round_decimals(const Tensor *a, int64_t decimals) {
    OpArgs args = int_args(decimals, 0, 0);
    return rec1(OP_ROUND_DECIMALS, tensor_round_decimals(a, decimals), a, &args);
}

Tensor *lib_op_nan_to_num(const Tensor *a, double nan, const double *posinf, const double *neginf) {
    return rec1(OP_NAN_TO_NUM, tensor_nan_to_num(a, nan, posinf, neginf), a, NULL);
}

Tensor *lib_op_where(const Tensor *cond, const Tensor *a, const Tensor *b) {
    return rec3(OP_WHERE, tensor_where(cond, a, b), cond, a, b, NULL);
}

Tensor *lib_op_masked_fill(const Tensor *a, const Tensor *mask, TensorScalar v) {
    OpArgs args = scalar_args(v);
    return rec2(OP_MASKED_FILL, tensor_masked_fill(a, mask, v), a, mask, &args);
}

int lib_op_masked_fill_(Tensor *a, const Tensor *mask, TensorScalar v) {
    OpArgs args = scalar_args(v);
    const Tensor *in[1] = {mask};
    INPLACE(OP_MASKED_FILL, a, 1, in, tensor_masked_fill_(a, mask, v), &args);
}

Tensor *lib_op_lerp(const Tensor *a, const Tensor *b, const Tensor *w) {
    return rec3(OP_LERP, tensor_lerp(a, b, w), a, b, w, NULL);
}

Tensor *lib_op_lerp_scalar(const Tensor *a, const Tensor *b, double w) {
    OpArgs args = scalar_args(tensor_scalar_float(w));
    return rec2(OP_LERP_SCALAR, tensor_lerp_scalar(a, b, w), a, b, &args);
}

Tensor *lib_op_div_mode(const Tensor *a, const Tensor *b, int mode) {
    OpArgs args;
    memset(&args, 0, sizeof args);
    args.mode = mode;
    return rec2(OP_DIV_MODE, tensor_div_mode(a, b, mode), a, b, &args);
}

// ---------------------------------------------------------------- conversion

Tensor *lib_op_to_dtype(const Tensor *t, DType dt, bool copy) {
    Tensor *out = tensor_to_dtype(t, dt, copy);
    if (out == t) return out;              // to() returned self: no new node
    OpArgs args;
    memset(&args, 0, sizeof args);
    args.dtype = dt;
    args.has_dtype = true;
    return rec1(OP_TO_COPY, out, t, &args);
}

Tensor *lib_op_clone(const Tensor *t) { return rec1(OP_CLONE, tensor_clone(t), t, NULL); }

Tensor *lib_op_contiguous(const Tensor *t) {
    Tensor *out = tensor_contiguous(t);
    if (out == t) return out;
    return rec1(OP_CLONE, out, t, NULL);
}

int lib_op_copy_(Tensor *dst, const Tensor *src) {
    const Tensor *in[1] = {src};
    INPLACE(OP_COPY, dst, 1, in, tensor_copy_(dst, src), NULL);
}

int lib_op_fill_(Tensor *t, TensorScalar v) {
    OpArgs args = scalar_args(v);
    INPLACE(OP_FILL, t, 0, NULL, tensor_fill_(t, v), &args);
}

int lib_op_zero_(Tensor *t) {
    OpArgs args = scalar_args(tensor_scalar_int(0));
    args.flags = 1;   // ZeroBackward0
    INPLACE(OP_FILL, t, 0, NULL, tensor_zero_(t), &args);
}

Tensor *lib_op_detach(const Tensor *t) { return ag_detach(t); }

// ---------------------------------------------------------------- views

static OpArgs shape_args(int ndim, const int64_t *shape) {
    OpArgs a;
    memset(&a, 0, sizeof a);
    for (int i = 0; i < ndim && i < TENSOR_MAX_DIMS; i++) a.dims[i] = shape[i];
    a.ndims = ndim;
    return a;
}

Tensor *lib_op_view(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_view(t, ndim, shape);
    if (!out) return NULL;
    OpArgs args = shape_args(out->ndim, out->shape);
    return rec1(OP_VIEW, out, t, &args);
}

Tensor *lib_op_reshape(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_reshape(t, ndim, shape);
    if (!out) return NULL;
    OpArgs args = shape_args(out->ndim, out->shape);
    // PyTorch: a reshape that can view is _reshape_alias; one that copies
    // is clone + _unsafe_view.
    OpCode op = out->storage == t->storage ? OP_RESHAPE_ALIAS : OP_UNSAFE_VIEW;
    return rec1(op, out, t, &args);
}

Tensor *lib_op_flatten(const Tensor *t, int64_t start, int64_t end) {
    Tensor *out = tensor_flatten(t, start, end);
    if (!out || out == t) return out;
    OpArgs args = shape_args(out->ndim, out->shape);
    OpCode op = out->storage == t->storage ? OP_RESHAPE_ALIAS : OP_UNSAFE_VIEW;
    return rec1(op, out, t, &args);
}

Tensor *lib_op_unflatten(const Tensor *t, int64_t dim, int n, const int64_t *sizes) {
    Tensor *out = tensor_unflatten(t, dim, n, sizes);
    if (!out) return NULL;
    OpArgs args = shape_args(out->ndim, out->shape);
    return rec1(OP_VIEW, out, t, &args);
}

Tensor *lib_op_squeeze(const Tensor *t) { return rec1(OP_SQUEEZE, tensor_squeeze(t), t, NULL); }

Tensor *lib_op_squeeze_dim(const Tensor *t, int64_t dim) {
    OpArgs args = int_args(dim, 0, 0);
    return rec1(OP_SQUEEZE_DIM, tensor_squeeze_dim(t, dim), t, &args);
}

Tensor *lib_op_unsqueeze(const Tensor *t, int64_t dim) {
    OpArgs args = int_args(dim, 0, 0);
    return rec1(OP_UNSQUEEZE, tensor_unsqueeze(t, dim), t, &args);
}

Tensor *lib_op_t(const Tensor *t) { return rec1(OP_T, tensor_t(t), t, NULL); }

Tensor *lib_op_transpose(const Tensor *t, int64_t d0, int64_t d1) {
    OpArgs args = int_args(d0, d1, 0);
    return rec1(OP_TRANSPOSE, tensor_transpose(t, d0, d1), t, &args);
}

Tensor *lib_op_permute(const Tensor *t, int n, const int64_t *dims) {
    OpArgs args = shape_args(n, dims);
    return rec1(OP_PERMUTE, tensor_permute(t, n, dims), t, &args);
}

Tensor *lib_op_movedim(const Tensor *t, int64_t src, int64_t dst) {
    Tensor *out = tensor_movedim(t, src, dst);
    if (!out || !t->requires_grad) return out;
    // movedim is a permute for autograd (PermuteBackward0).
    int64_t perm[TENSOR_MAX_DIMS];
    int s, d;
    if (tensor_wrap_dim(src, t->ndim, &s) < 0 || tensor_wrap_dim(dst, t->ndim, &d) < 0) {
        tensor_release(out);
        return NULL;
    }
    for (int i = 0, k = 0; i < t->ndim; i++) {
        if (i == d) { perm[i] = s; continue; }
        if (k == s) k++;
        perm[i] = k++;
    }
    OpArgs args = shape_args(t->ndim, perm);
    return rec1(OP_PERMUTE, out, t, &args);
}

Tensor *lib_op_expand(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_expand(t, ndim, shape);
    if (!out) return NULL;
    OpArgs args = shape_args(out->ndim, out->shape);
    return rec1(OP_EXPAND, out, t, &args);
}

Tensor *lib_op_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length) {
    Tensor *out = tensor_narrow(t, dim, start, length);
    if (!out) return NULL;
    int d;
    tensor_wrap_dim(dim, t->ndim, &d);
    if (start < 0) start += t->shape[d];
    OpArgs args = int_args(d, start, start + length);
    args.i[3] = 1;
    return rec1(OP_SLICE, out, t, &args);
}

Tensor *lib_op_select(const Tensor *t, int64_t dim, int64_t index) {
    OpArgs args = int_args(dim, index, 0);
    return rec1(OP_SELECT, tensor_select(t, dim, index), t, &args);
}

Tensor *lib_op_index_int(const Tensor *t, int64_t dim, int64_t index) {
    OpArgs args = int_args(dim, index, 0);
    return rec1(OP_SELECT, tensor_index_int(t, dim, index), t, &args);
}

Tensor *lib_op_slice(const Tensor *t, int64_t dim, int64_t start, int64_t stop, int64_t step) {
    OpArgs args = int_args(dim, start, stop);
    args.i[3] = step;
    return rec1(OP_SLICE, tensor_slice(t, dim, start, stop, step), t, &args);
}

Tensor *lib_op_diagonal(const Tensor *t, int64_t offset, int64_t d1, int64_t d2) {
    OpArgs args = int_args(offset, d1, d2);
    return rec1(OP_DIAGONAL, tensor_diagonal(t, offset, d1, d2), t, &args);
}

int lib_op_unbind(const Tensor *t, int64_t dim, TensorList *out) {
    OpArgs args = int_args(dim, 0, 0);
    return rec_list(OP_UNBIND, tensor_unbind(t, dim, out), out, t, &args);
}

int lib_op_chunk(const Tensor *t, int64_t chunks, int64_t dim, TensorList *out) {
    int rc = tensor_chunk(t, chunks, dim, out);
    if (rc < 0) return -1;
    // chunk is split(ceil(size / chunks)): record the sizes it produced.
    OpArgs args = int_args(dim, 0, 0);
    int d;
    tensor_wrap_dim(dim, t->ndim, &d);
    args.ndims = out->n < TENSOR_MAX_DIMS ? out->n : TENSOR_MAX_DIMS;
    for (int i = 0; i < args.ndims; i++) args.dims[i] = out->items[i]->shape[d];
    return rec_list(OP_SPLIT, 0, out, t, &args);
}

int lib_op_split(const Tensor *t, int64_t size, int64_t dim, TensorList *out) {
    OpArgs args = int_args(dim, size, 0);
    return rec_list(OP_SPLIT, tensor_split(t, size, dim, out), out, t, &args);
}

int lib_op_split_sizes(const Tensor *t, int n, const int64_t *sizes, int64_t dim, TensorList *out) {
    OpArgs args = shape_args(n, sizes);
    args.i[0] = dim;
    return rec_list(OP_SPLIT_SIZES, tensor_split_sizes(t, n, sizes, dim, out), out, t, &args);
}

// ---------------------------------------------------------------- copies

static Tensor *rec_n(OpCode op, Tensor *out, int n, const Tensor *const *ts, const OpArgs *args) {
    if (!out || !ag_wanted(n, ts)) return out;
    return ag_record(op, out, n, ts, args);
}

Tensor *lib_op_cat(int n, const Tensor *const *ts, int64_t dim) {
    OpArgs args = int_args(dim, 0, 0);
    return rec_n(OP_CAT, tensor_cat(n, ts, dim), n, ts, &args);
}

Tensor *lib_op_stack(int n, const Tensor *const *ts, int64_t dim) {
    OpArgs args = int_args(dim, 0, 0);
    return rec_n(OP_STACK, tensor_stack(n, ts, dim), n, ts, &args);
}

Tensor *lib_op_hstack(int n, const Tensor *const *ts) {
    int64_t dim = n > 0 && ts[0]->ndim == 1 ? 0 : 1;
    OpArgs args = int_args(dim, 0, 0);
    return rec_n(OP_CAT, tensor_hstack(n, ts), n, ts, &args);
}

Tensor *lib_op_vstack(int n, const Tensor *const *ts) {
    OpArgs args = int_args(0, 0, 0);
    return rec_n(OP_CAT, tensor_vstack(n, ts), n, ts, &args);
}

Tensor *lib_op_flip(const Tensor *t, int n, const int64_t *dims) {
    OpArgs args = shape_args(n, dims);
    return rec1(OP_FLIP, tensor_flip(t, n, dims), t, &args);
}

Tensor *lib_op_roll(const Tensor *t, int n, const int64_t *shifts, int ndims, const int64_t *dims) {
    OpArgs args = shape_args(ndims, dims);
    for (int i = 0; i < n && i < 4; i++) args.i[i] = shifts[i];
    args.mode = n;
    return rec1(OP_ROLL, tensor_roll(t, n, shifts, ndims, dims), t, &args);
}

Tensor *lib_op_repeat(const Tensor *t, int n, const int64_t *repeats) {
    OpArgs args = shape_args(n, repeats);
    return rec1(OP_REPEAT, tensor_repeat(t, n, repeats), t, &args);
}

Tensor *lib_op_tril(const Tensor *t, int64_t diagonal) {
    OpArgs args = int_args(diagonal, 0, 0);
    return rec1(OP_TRIL, tensor_tril(t, diagonal), t, &args);
}

Tensor *lib_op_triu(const Tensor *t, int64_t diagonal) {
    OpArgs args = int_args(diagonal, 0, 0);
    return rec1(OP_TRIU, tensor_triu(t, diagonal), t, &args);
}

Tensor *lib_op_diag(const Tensor *t, int64_t diagonal) {
    OpArgs args = int_args(diagonal, 0, 0);
    return rec1(OP_DIAG, tensor_diag(t, diagonal), t, &args);
}

// ---------------------------------------------------------------- reductions

Tensor *lib_op_sum(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    return rec1(dims ? OP_SUM_DIM : OP_SUM, tensor_sum(x, dims, ndims, keepdim, dtype), x, &args);
}

Tensor *lib_op_mean(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    return rec1(dims ? OP_MEAN_DIM : OP_MEAN, tensor_mean(x, dims, ndims, keepdim, dtype), x, &args);
}

Tensor *lib_op_prod(const Tensor *x, const int64_t *dim, bool keepdim, int dtype) {
    OpArgs args = dims_args(dim, dim ? 1 : 0, keepdim);
    return rec1(dim ? OP_PROD_DIM : OP_PROD, tensor_prod(x, dim, keepdim, dtype), x, &args);
}

Tensor *lib_op_var(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    args.s[0] = correction;
    return rec1(OP_VAR, tensor_var(x, dims, ndims, correction, keepdim), x, &args);
}

Tensor *lib_op_std(const Tensor *x, const int64_t *dims, int ndims, double correction, bool keepdim) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    args.s[0] = correction;
    return rec1(OP_STD, tensor_std(x, dims, ndims, correction, keepdim), x, &args);
}

int lib_op_var_mean(const Tensor *x, const int64_t *dims, int ndims, double correction,
                    bool keepdim, bool is_std, Tensor **a, Tensor **mean) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    args.s[0] = correction;
    int rc = is_std ? tensor_std_mean(x, dims, ndims, correction, keepdim, a, mean)
                    : tensor_var_mean(x, dims, ndims, correction, keepdim, a, mean);
    return rec_pair(is_std ? OP_STD_MEAN : OP_VAR_MEAN, rc, a, mean, x, &args);
}

Tensor *lib_op_max(const Tensor *x) { return rec1(OP_MAX, tensor_max(x), x, NULL); }
Tensor *lib_op_min(const Tensor *x) { return rec1(OP_MIN, tensor_min(x), x, NULL); }

int lib_op_max_dim(const Tensor *x, int64_t dim, bool keepdim, bool is_min, Tensor **values,
                   Tensor **indices) {
    OpArgs args = dims_args(&dim, 1, keepdim);
    int rc = is_min ? tensor_min_dim(x, dim, keepdim, values, indices)
                    : tensor_max_dim(x, dim, keepdim, values, indices);
    return rec_pair(is_min ? OP_MIN_DIM : OP_MAX_DIM, rc, values, indices, x, &args);
}

Tensor *lib_op_amax(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, bool is_min) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    if (is_min) return rec1(OP_AMIN, tensor_amin(x, dims, ndims, keepdim), x, &args);
    return rec1(OP_AMAX, tensor_amax(x, dims, ndims, keepdim), x, &args);
}

Tensor *lib_op_argmax(const Tensor *x, const int64_t *dim, bool keepdim, bool is_min) {
    return is_min ? tensor_argmin(x, dim, keepdim) : tensor_argmax(x, dim, keepdim);
}

Tensor *lib_op_all(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, bool is_any) {
    return is_any ? tensor_any(x, dims, ndims, keepdim) : tensor_all(x, dims, ndims, keepdim);
}

Tensor *lib_op_count_nonzero(const Tensor *x, const int64_t *dims, int ndims) {
    return tensor_count_nonzero(x, dims, ndims);
}

Tensor *lib_op_norm(const Tensor *x, double p, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    args.s[0] = p;
    return rec1(OP_NORM, tensor_norm(x, p, dims, ndims, keepdim, dtype), x, &args);
}

Tensor *lib_op_logsumexp(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    return rec1(OP_LOGSUMEXP, tensor_logsumexp(x, dims, ndims, keepdim), x, &args);
}

Tensor *lib_op_cumsum(const Tensor *x, int64_t dim, int dtype, bool is_prod) {
    OpArgs args = dims_args(&dim, 1, false);
    if (is_prod) return rec1(OP_CUMPROD, tensor_cumprod(x, dim, dtype), x, &args);
    return rec1(OP_CUMSUM, tensor_cumsum(x, dim, dtype), x, &args);
}

int lib_op_sort(const Tensor *x, int64_t dim, bool descending, bool stable, Tensor **values,
                Tensor **indices) {
    OpArgs args = dims_args(&dim, 1, false);
    args.flags = descending;
    return rec_pair(OP_SORT, tensor_sort(x, dim, descending, stable, values, indices), values,
                    indices, x, &args);
}

Tensor *lib_op_argsort(const Tensor *x, int64_t dim, bool descending, bool stable) {
    return tensor_argsort(x, dim, descending, stable);
}

int lib_op_topk(const Tensor *x, int64_t k, int64_t dim, bool largest, bool sorted,
                Tensor **values, Tensor **indices) {
    OpArgs args = dims_args(&dim, 1, false);
    args.i[0] = k;
    args.flags = largest;
    return rec_pair(OP_TOPK, tensor_topk(x, k, dim, largest, sorted, values, indices), values,
                    indices, x, &args);
}

int lib_op_kthvalue(const Tensor *x, int64_t k, int64_t dim, bool keepdim, Tensor **values,
                    Tensor **indices) {
    OpArgs args = dims_args(&dim, 1, keepdim);
    args.i[0] = k;
    return rec_pair(OP_KTHVALUE, tensor_kthvalue(x, k, dim, keepdim, values, indices), values,
                    indices, x, &args);
}

Tensor *lib_op_median(const Tensor *x) { return rec1(OP_MEDIAN, tensor_median(x), x, NULL); }

int lib_op_median_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices) {
    OpArgs args = dims_args(&dim, 1, keepdim);
    return rec_pair(OP_MEDIAN_DIM, tensor_median_dim(x, dim, keepdim, values, indices), values,
                    indices, x, &args);
}

int lib_op_mode(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices) {
    OpArgs args = dims_args(&dim, 1, keepdim);
    return rec_pair(OP_MODE, tensor_mode(x, dim, keepdim, values, indices), values, indices, x,
                    &args);
}

int lib_op_unique(const Tensor *x, bool sorted, Tensor **out, Tensor **inverse, Tensor **counts) {
    return tensor_unique(x, sorted, out, inverse, counts);
}

// ---------------------------------------------------------------- linalg

Tensor *lib_op_mm(const Tensor *a, const Tensor *b) { return rec2(OP_MM, tensor_mm(a, b), a, b, NULL); }
Tensor *lib_op_bmm(const Tensor *a, const Tensor *b) { return rec2(OP_BMM, tensor_bmm(a, b), a, b, NULL); }
Tensor *lib_op_mv(const Tensor *a, const Tensor *v) { return rec2(OP_MV, tensor_mv(a, v), a, v, NULL); }
Tensor *lib_op_dot(const Tensor *a, const Tensor *b) { return rec2(OP_DOT, tensor_dot(a, b), a, b, NULL); }

Tensor *lib_op_addmm(const Tensor *input, const Tensor *a, const Tensor *b, double beta, double alpha) {
    OpArgs args;
    memset(&args, 0, sizeof args);
    args.s[0] = beta;
    args.s[1] = alpha;
    return rec3(OP_ADDMM, tensor_addmm(input, a, b, beta, alpha), input, a, b, &args);
}

// outer and matmul are compositions in PyTorch; autograd's versions record
// the same ops so grad_fn names match (MulBackward0, MmBackward0 ...).
Tensor *lib_op_outer(const Tensor *a, const Tensor *b) {
    const Tensor *in[2] = {a, b};
    return ag_wanted(2, in) ? ag_outer(a, b) : tensor_outer(a, b);
}

Tensor *lib_op_matmul(const Tensor *a, const Tensor *b) {
    const Tensor *in[2] = {a, b};
    return ag_wanted(2, in) ? ag_matmul(a, b) : tensor_matmul(a, b);
}

Tensor *lib_op_einsum(const char *equation, const Tensor *const *ops, int nops) {
    return tensor_einsum(equation, ops, nops);
}

Tensor *lib_op_vector_norm(const Tensor *x, double ord, const int64_t *dims, int ndims,
                           bool keepdim, int dtype) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    args.s[0] = ord;
    return rec1(OP_LINALG_VECTOR_NORM, tensor_linalg_vector_norm(x, ord, dims, ndims, keepdim, dtype),
                x, &args);
}

Tensor *lib_op_matrix_norm(const Tensor *x, const char *ord_str, double ord, const int64_t *dims,
                           bool keepdim) {
    return tensor_linalg_matrix_norm(x, ord_str, ord, dims, keepdim);
}

Tensor *lib_op_linalg_norm(const Tensor *x, bool has_ord, const char *ord_str, double ord,
                           const int64_t *dims, int ndims, bool keepdim) {
    OpArgs args = dims_args(dims, ndims, keepdim);
    args.s[0] = has_ord ? ord : 2;
    Tensor *out = tensor_linalg_norm(x, has_ord, ord_str, ord, dims, ndims, keepdim);
    if (!has_ord || !ord_str) return rec1(OP_LINALG_VECTOR_NORM, out, x, &args);
    return out;
}

// ---------------------------------------------------------------- indexing

// The args of OP_INDEX / OP_INDEX_PUT: ndims entries, dims[k] != 0 marking
// tensor entries (the others are full slices); the index tensors follow
// the other inputs in [in]. Returns the number of inputs added.
static int index_args(const TensorIndex *idx, int n, OpArgs *args, const Tensor **in) {
    memset(args, 0, sizeof *args);
    int k = 0;
    for (int i = 0; i < n && i < TENSOR_MAX_DIMS; i++) {
        args->dims[i] = idx[i].kind == TI_TENSOR;
        if (idx[i].kind == TI_TENSOR) in[k++] = idx[i].tensor;
    }
    args->ndims = n;
    return k;
}

Tensor *lib_op_index(const Tensor *t, const TensorIndex *idx, int n) {
    Tensor *out = tensor_index(t, idx, n);
    if (!out || !ag_wanted(1, &t)) return out;
    const Tensor *in[1 + TENSOR_MAX_DIMS] = {t};
    OpArgs args;
    int nin = 1 + index_args(idx, n, &args, in + 1);
    return ag_record(OP_INDEX, out, nin, in, &args);
}

// Basic-only keys (no tensor items) write through a view: copy_ semantics.
int lib_op_index_put_(Tensor *t, const TensorIndex *idx, int n, const Tensor *value, bool accumulate) {
    const Tensor *in[1 + TENSOR_MAX_DIMS] = {value};
    OpArgs args;
    int nt = index_args(idx, n, &args, in + 1);
    args.flags = accumulate;
    if (nt == 0 && !accumulate) {
        Tensor *view = tensor_index(t, idx, n);
        if (!view) return -1;
        AgInplace ip;
        int rc = ag_inplace_begin(&ip, OP_COPY, view, 1, in);
        if (rc == 0) rc = ag_inplace_end(&ip, tensor_copy_(view, value), NULL);
        tensor_release(view);
        return rc;
    }
    INPLACE(OP_INDEX_PUT, t, 1 + nt, in, tensor_index_put_acc(t, idx, n, value, accumulate), &args);
}

Tensor *lib_op_index_select(const Tensor *x, int64_t dim, const Tensor *index) {
    OpArgs args = int_args(dim, 0, 0);
    return rec2(OP_INDEX_SELECT, tensor_index_select(x, dim, index), x, index, &args);
}

Tensor *lib_op_gather(const Tensor *x, int64_t dim, const Tensor *index) {
    OpArgs args = int_args(dim, 0, 0);
    return rec2(OP_GATHER, tensor_gather(x, dim, index), x, index, &args);
}

Tensor *lib_op_scatter(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src,
                       ScatterReduce reduce) {
    OpArgs args = int_args(dim, 0, 0);
    args.mode = (int)reduce;
    return rec3(OP_SCATTER, tensor_scatter(x, dim, index, src, reduce), x, index, src, &args);
}

Tensor *lib_op_scatter_value(const Tensor *x, int64_t dim, const Tensor *index, double value,
                             ScatterReduce reduce) {
    OpArgs args = int_args(dim, 0, 0);
    args.mode = (int)reduce;
    args.s[0] = value;
    return rec2(OP_SCATTER_VALUE, tensor_scatter_value(x, dim, index, value, reduce), x, index, &args);
}

Tensor *lib_op_scatter_add(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src) {
    OpArgs args = int_args(dim, 0, 0);
    return rec3(OP_SCATTER_ADD, tensor_scatter_add(x, dim, index, src), x, index, src, &args);
}

int lib_op_scatter_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src, ScatterReduce reduce) {
    OpArgs args = int_args(dim, 0, 0);
    args.mode = (int)reduce;
    const Tensor *in[2] = {index, src};
    INPLACE(OP_SCATTER, x, 2, in, tensor_scatter_(x, dim, index, src, reduce), &args);
}

int lib_op_scatter_value_(Tensor *x, int64_t dim, const Tensor *index, double value, ScatterReduce reduce) {
    OpArgs args = int_args(dim, 0, 0);
    args.mode = (int)reduce;
    args.s[0] = value;
    const Tensor *in[1] = {index};
    INPLACE(OP_SCATTER_VALUE, x, 1, in, tensor_scatter_value_(x, dim, index, value, reduce), &args);
}

int lib_op_scatter_add_(Tensor *x, int64_t dim, const Tensor *index, const Tensor *src) {
    OpArgs args = int_args(dim, 0, 0);
    const Tensor *in[2] = {index, src};
    INPLACE(OP_SCATTER_ADD, x, 2, in, tensor_scatter_add_(x, dim, index, src), &args);
}

Tensor *lib_op_masked_select(const Tensor *x, const Tensor *mask) {
    return rec2(OP_MASKED_SELECT, tensor_masked_select(x, mask), x, mask, NULL);
}

Tensor *lib_op_take(const Tensor *x, const Tensor *index) {
    return rec2(OP_TAKE, tensor_take(x, index), x, index, NULL);
}
