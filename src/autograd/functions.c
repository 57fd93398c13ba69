// Differentiable functions (see functions.h): the forward from the tensor
// runtime, then ag_record with the OpArgs layout the op's row documents.
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/index.h"
#include "tensor/iter.h"
#include "tensor/linalg.h"
#include "tensor/reduce.h"

static OpArgs ints3(int64_t a, int64_t b, int64_t c) {
    OpArgs x;
    memset(&x, 0, sizeof x);
    x.i[0] = a;
    x.i[1] = b;
    x.i[2] = c;
    return x;
}

static OpArgs dims_of(int n, const int64_t *dims, bool keepdim) {
    OpArgs x;
    memset(&x, 0, sizeof x);
    for (int i = 0; i < n && i < TENSOR_MAX_DIMS; i++) x.dims[i] = dims[i];
    x.ndims = n;
    x.keepdim = keepdim;
    return x;
}

static Tensor *rec1(OpCode op, Tensor *out, const Tensor *a, const OpArgs *args) {
    return ag_record(op, out, 1, &a, args);
}

static Tensor *rec2(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const OpArgs *args) {
    const Tensor *in[2] = {a, b};
    return ag_record(op, out, 2, in, args);
}

// ---- elementwise ----

Tensor *ag_unary(OpCode op, const Tensor *a, const OpArgs *args) {
    return rec1(op, tensor_unary(op, a, args), a, args);
}

// Binary ops: elementwise kinds through tensor_binary, the two-operand
// matrix products through their linalg functions.
static Tensor *binary_forward(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args) {
    switch (op) {
    case OP_MM: return tensor_mm(a, b);
    case OP_BMM: return tensor_bmm(a, b);
    case OP_MV: return tensor_mv(a, b);
    case OP_DOT: return tensor_dot(a, b);
    default: return tensor_binary(op, a, b, args);
    }
}

Tensor *ag_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args) {
    return rec2(op, binary_forward(op, a, b, args), a, b, args);
}

Tensor *ag_scalar(OpCode op, const Tensor *a, double s) {
    if (!ag_wanted(1, &a)) return tensor_binary_scalar(op, a, tensor_scalar_float(s), NULL);
    Tensor *w = tensor_from_scalar(tensor_scalar_float(s), true);
    if (!w) return NULL;
    Tensor *out = ag_binary(op, a, w, NULL);
    tensor_release(w);
    return out;
}

Tensor *ag_pow_scalar(const Tensor *a, double e) {
    OpArgs x;
    memset(&x, 0, sizeof x);
    x.s[0] = e;
    x.i[0] = (int64_t)e;
    x.mode = SCALAR_FLOAT;
    return rec1(OP_POW_SCALAR, tensor_pow_scalar(a, tensor_scalar_float(e)), a, &x);
}

Tensor *ag_where(const Tensor *cond, const Tensor *a, const Tensor *b) {
    const Tensor *in[3] = {cond, a, b};
    return ag_record(OP_WHERE, tensor_where(cond, a, b), 3, in, NULL);
}

Tensor *ag_masked_fill(const Tensor *a, const Tensor *mask, double value) {
    OpArgs x;
    memset(&x, 0, sizeof x);
    x.s[0] = value;
    x.mode = SCALAR_FLOAT;
    return rec2(OP_MASKED_FILL, tensor_masked_fill(a, mask, tensor_scalar_float(value)), a, mask, &x);
}

// ---- shapes and views ----

Tensor *ag_reshape(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_reshape(t, ndim, shape);
    if (!out) return NULL;
    OpArgs x = dims_of(out->ndim, out->shape, false);
    // PyTorch: a reshape that can view is _reshape_alias, one that copies
    // is clone + _unsafe_view.
    return rec1(out->storage == t->storage ? OP_RESHAPE_ALIAS : OP_UNSAFE_VIEW, out, t, &x);
}

static Tensor *unsafe_view(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_reshape(t, ndim, shape);
    if (!out) return NULL;
    OpArgs x = dims_of(out->ndim, out->shape, false);
    return rec1(OP_UNSAFE_VIEW, out, t, &x);
}

Tensor *ag_expand(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_expand(t, ndim, shape);
    if (!out) return NULL;
    OpArgs x = dims_of(out->ndim, out->shape, false);
    return rec1(OP_EXPAND, out, t, &x);
}

Tensor *ag_unsqueeze(const Tensor *t, int64_t dim) {
    OpArgs x = ints3(dim, 0, 0);
    return rec1(OP_UNSQUEEZE, tensor_unsqueeze(t, dim), t, &x);
}

Tensor *ag_squeeze_dim(const Tensor *t, int64_t dim) {
    OpArgs x = ints3(dim, 0, 0);
    return rec1(OP_SQUEEZE_DIM, tensor_squeeze_dim(t, dim), t, &x);
}

Tensor *ag_transpose(const Tensor *t, int64_t d0, int64_t d1) {
    OpArgs x = ints3(d0, d1, 0);
    return rec1(OP_TRANSPOSE, tensor_transpose(t, d0, d1), t, &x);
}

Tensor *ag_t(const Tensor *t) { return rec1(OP_T, tensor_t(t), t, NULL); }

Tensor *ag_permute(const Tensor *t, int n, const int64_t *dims) {
    OpArgs x = dims_of(n, dims, false);
    return rec1(OP_PERMUTE, tensor_permute(t, n, dims), t, &x);
}

Tensor *ag_select(const Tensor *t, int64_t dim, int64_t index) {
    OpArgs x = ints3(dim, index, 0);
    return rec1(OP_SELECT, tensor_select(t, dim, index), t, &x);
}

Tensor *ag_narrow(const Tensor *t, int64_t dim, int64_t start, int64_t length) {
    Tensor *out = tensor_narrow(t, dim, start, length);
    if (!out) return NULL;
    int d = wrap_dim(dim, t->ndim);
    if (start < 0) start += t->shape[d];
    OpArgs x = ints3(d, start, start + length);
    x.i[3] = 1;
    return rec1(OP_SLICE, out, t, &x);
}

Tensor *ag_diagonal(const Tensor *t, int64_t offset, int64_t d1, int64_t d2) {
    OpArgs x = ints3(offset, d1, d2);
    return rec1(OP_DIAGONAL, tensor_diagonal(t, offset, d1, d2), t, &x);
}

Tensor *ag_cat(int n, const Tensor *const *ts, int64_t dim) {
    OpArgs x = ints3(dim, 0, 0);
    return ag_record(OP_CAT, tensor_cat(n, ts, dim), n, ts, &x);
}

Tensor *ag_stack(int n, const Tensor *const *ts, int64_t dim) {
    OpArgs x = ints3(dim, 0, 0);
    return ag_record(OP_STACK, tensor_stack(n, ts, dim), n, ts, &x);
}

Tensor *ag_flip(const Tensor *t, int n, const int64_t *dims) {
    OpArgs x = dims_of(n, dims, false);
    return rec1(OP_FLIP, tensor_flip(t, n, dims), t, &x);
}

Tensor *ag_roll(const Tensor *t, int n, const int64_t *shifts, int ndims, const int64_t *dims) {
    OpArgs x = dims_of(ndims, dims, false);
    for (int i = 0; i < n && i < 4; i++) x.i[i] = shifts[i];
    x.mode = n;
    return rec1(OP_ROLL, tensor_roll(t, n, shifts, ndims, dims), t, &x);
}

Tensor *ag_tril(const Tensor *t, int64_t k) {
    OpArgs x = ints3(k, 0, 0);
    return rec1(OP_TRIL, tensor_tril(t, k), t, &x);
}

Tensor *ag_triu(const Tensor *t, int64_t k) {
    OpArgs x = ints3(k, 0, 0);
    return rec1(OP_TRIU, tensor_triu(t, k), t, &x);
}

Tensor *ag_diag(const Tensor *t, int64_t k) {
    OpArgs x = ints3(k, 0, 0);
    return rec1(OP_DIAG, tensor_diag(t, k), t, &x);
}

Tensor *ag_to_dtype(const Tensor *t, DType dtype) {
    Tensor *out = tensor_to_dtype(t, dtype, false);
    if (!out || out == t) return out;
    OpArgs x;
    memset(&x, 0, sizeof x);
    x.dtype = dtype;
    x.has_dtype = true;
    return rec1(OP_TO_COPY, out, t, &x);
}

Tensor *ag_clone(const Tensor *t) { return rec1(OP_CLONE, tensor_clone(t), t, NULL); }

// ---- reductions ----

Tensor *ag_sum(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    OpArgs a = dims_of(dims ? ndims : 0, dims, keepdim);
    return rec1(dims ? OP_SUM_DIM : OP_SUM, tensor_sum(x, dims, ndims, keepdim, REDUCE_NO_DTYPE), x, &a);
}

Tensor *ag_sum_to(const Tensor *g, int ndim, const int64_t *shape) {
    int lead = g->ndim - ndim, nr = 0;
    int64_t red[TENSOR_MAX_DIMS];
    for (int i = 0; i < g->ndim; i++)
        if (i < lead || (shape[i - lead] == 1 && g->shape[i] != 1)) red[nr++] = i;
    Tensor *s = nr ? ag_sum(g, red, nr, true) : tensor_retain((Tensor *)g);
    if (!s || lead <= 0) return s;
    Tensor *v = tensor_view(s, ndim, shape);
    if (v) {
        OpArgs x = dims_of(ndim, shape, false);
        v = rec1(OP_VIEW, v, s, &x);
    }
    tensor_release(s);
    return v;
}

Tensor *ag_cumsum(const Tensor *x, int64_t dim) {
    OpArgs a = dims_of(1, &dim, false);
    return rec1(OP_CUMSUM, tensor_cumsum(x, dim, REDUCE_NO_DTYPE), x, &a);
}

// ---- linear algebra ----

Tensor *ag_mm(const Tensor *a, const Tensor *b) { return rec2(OP_MM, tensor_mm(a, b), a, b, NULL); }
Tensor *ag_bmm(const Tensor *a, const Tensor *b) { return rec2(OP_BMM, tensor_bmm(a, b), a, b, NULL); }
Tensor *ag_mv(const Tensor *a, const Tensor *v) { return rec2(OP_MV, tensor_mv(a, v), a, v, NULL); }
Tensor *ag_dot(const Tensor *a, const Tensor *b) { return rec2(OP_DOT, tensor_dot(a, b), a, b, NULL); }

Tensor *ag_outer(const Tensor *a, const Tensor *b) {
    if (!ag_wanted(1, &a) && !ag_wanted(1, &b)) return tensor_outer(a, b);
    if (a->ndim != 1 || b->ndim != 1) return tensor_outer(a, b);     // the runtime's error
    int64_t col[2] = {a->shape[0], 1};
    Tensor *c = ag_reshape(a, 2, col);
    if (!c) return NULL;
    Tensor *out = ag_mul(c, b);
    tensor_release(c);
    return out;
}

// matmul of a (>= 3 dims) with a matrix or vector, or of a matrix or vector
// with b (>= 3 dims): the batch dims fold into the rows of one mm/mv.
static Tensor *matmul_fold(const Tensor *a, const Tensor *b) {
    bool transpose = b->ndim > a->ndim;
    Tensor *t1 = transpose ? ag_transpose(b, -1, -2) : tensor_retain((Tensor *)a);
    Tensor *t2 = !transpose ? tensor_retain((Tensor *)b)
               : a->ndim == 2 ? ag_t(a) : tensor_retain((Tensor *)a);
    Tensor *out = NULL, *folded = NULL, *p = NULL;
    if (!t1 || !t2) goto done;
    bool matrix = t2->ndim == 2;
    int64_t oshape[TENSOR_MAX_DIMS];
    int on = t1->ndim - 1;
    memcpy(oshape, t1->shape, (size_t)on * sizeof *oshape);
    if (matrix) oshape[on++] = t2->shape[1];
    int64_t fs[2] = {-1, t1->shape[t1->ndim - 1]};
    if (!(folded = ag_reshape(t1, 2, fs))) goto done;
    if (!(p = matrix ? ag_mm(folded, t2) : ag_mv(folded, t2))) goto done;
    out = unsafe_view(p, on, oshape);
    if (out && matrix && transpose) {
        Tensor *tr = ag_transpose(out, -1, -2);
        tensor_release(out);
        out = tr ? rec1(OP_CLONE, tensor_contiguous(tr), tr, NULL) : NULL;
        tensor_release(tr);
    }
done:
    tensor_release(t1);
    tensor_release(t2);
    tensor_release(folded);
    tensor_release(p);
    return out;
}

// Both operands have >= 3 dims: broadcast the batch dims, one bmm.
static Tensor *matmul_batched(const Tensor *a, const Tensor *b) {
    int64_t n = a->shape[a->ndim - 2], k = a->shape[a->ndim - 1];
    int64_t k2 = b->shape[b->ndim - 2], m = b->shape[b->ndim - 1];
    int nd;
    int64_t batch[TENSOR_MAX_DIMS];
    if (iter_broadcast_shapes(a->ndim - 2, a->shape, b->ndim - 2, b->shape, &nd, batch) < 0)
        return NULL;
    int64_t B = 1;
    for (int i = 0; i < nd; i++) B *= batch[i];
    int64_t ea[TENSOR_MAX_DIMS], eb[TENSOR_MAX_DIMS], oshape[TENSOR_MAX_DIMS];
    memcpy(ea, batch, (size_t)nd * sizeof *ea);
    memcpy(eb, batch, (size_t)nd * sizeof *eb);
    memcpy(oshape, batch, (size_t)nd * sizeof *oshape);
    ea[nd] = n, ea[nd + 1] = k;
    eb[nd] = k2, eb[nd + 1] = m;
    oshape[nd] = n, oshape[nd + 1] = m;
    int64_t ra[3] = {B, n, k}, rb[3] = {B, k2, m};
    Tensor *xa = ag_expand(a, nd + 2, ea), *xb = ag_expand(b, nd + 2, eb);
    Tensor *a3 = xa ? ag_reshape(xa, 3, ra) : NULL, *b3 = xb ? ag_reshape(xb, 3, rb) : NULL;
    Tensor *p = a3 && b3 ? ag_bmm(a3, b3) : NULL;
    Tensor *out = p ? unsafe_view(p, nd + 2, oshape) : NULL;
    tensor_release(xa);
    tensor_release(xb);
    tensor_release(a3);
    tensor_release(b3);
    tensor_release(p);
    return out;
}

Tensor *ag_matmul(const Tensor *a, const Tensor *b) {
    const Tensor *in[2] = {a, b};
    if (!ag_wanted(2, in) || a->ndim == 0 || b->ndim == 0) return tensor_matmul(a, b);
    int d1 = a->ndim, d2 = b->ndim;
    if (d1 == 1 && d2 == 1) return ag_dot(a, b);
    if (d1 == 2 && d2 == 1) return ag_mv(a, b);
    if (d1 == 2 && d2 == 2) return ag_mm(a, b);
    if (d1 == 1 && d2 == 2) {
        Tensor *row = ag_unsqueeze(a, 0);
        Tensor *p = row ? ag_mm(row, b) : NULL;
        Tensor *out = p ? ag_squeeze_dim(p, 0) : NULL;
        tensor_release(row);
        tensor_release(p);
        return out;
    }
    if ((d1 >= 3 && d2 <= 2) || (d2 >= 3 && d1 <= 2)) {
        // The fold needs matching inner sizes; let the runtime raise otherwise.
        int64_t ka = a->shape[d1 - 1], kb = d2 == 1 ? b->shape[0] : b->shape[d2 - 2];
        if (ka != kb) return tensor_matmul(a, b);
        return matmul_fold(a, b);
    }
    if (a->shape[d1 - 1] != b->shape[d2 - 2]) return tensor_matmul(a, b);
    return matmul_batched(a, b);
}

// ---- indexing ----

Tensor *ag_gather(const Tensor *x, int64_t dim, const Tensor *index) {
    OpArgs a = ints3(dim, 0, 0);
    return rec2(OP_GATHER, tensor_gather(x, dim, index), x, index, &a);
}

Tensor *ag_scatter_add(const Tensor *x, int64_t dim, const Tensor *index, const Tensor *src) {
    OpArgs a = ints3(dim, 0, 0);
    const Tensor *in[3] = {x, index, src};
    return ag_record(OP_SCATTER_ADD, tensor_scatter_add(x, dim, index, src), 3, in, &a);
}

Tensor *ag_index_select(const Tensor *x, int64_t dim, const Tensor *index) {
    OpArgs a = ints3(dim, 0, 0);
    return rec2(OP_INDEX_SELECT, tensor_index_select(x, dim, index), x, index, &a);
}
