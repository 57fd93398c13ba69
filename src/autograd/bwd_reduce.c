// Backward formulas of reductions and scans, after PyTorch 1.13's
// FunctionsManual.cpp: reduced dims are put back (unreduce) and the
// gradient broadcast, scaled or routed to the selected elements.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/index.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"

#define SAVED(i) node_saved(n, (i))
#define SAVED_OUT(j) node_saved(n, n->nin + (j))

static const int64_t *dims_or_null(const AgNode *n) { return n->args.ndims ? n->args.dims : NULL; }

// The gradient (and optionally a saved output) with the reduced dims back.
static Tensor *grad_unreduced(const AgNode *n, const Tensor *g) {
    return unreduce(g, &n->in[0], dims_or_null(n), n->args.ndims, n->args.keepdim);
}

static Tensor *x_unreduce(const AgNode *n, Tensor *t) {
    if (!t) return NULL;
    Tensor *r = grad_unreduced(n, t);
    tensor_release(t);
    return r;
}

static Tensor *mean_of(Tensor *x, const int64_t *dims, int ndims) {
    if (!x) return NULL;
    OpArgs a;
    memset(&a, 0, sizeof a);
    for (int i = 0; i < ndims; i++) a.dims[i] = dims[i];
    a.ndims = dims ? ndims : 0;
    a.keepdim = true;
    const Tensor *in[1] = {x};
    Tensor *r = ag_record(dims ? OP_MEAN_DIM : OP_MEAN,
                          tensor_mean(x, dims, ndims, true, REDUCE_NO_DTYPE), 1, in, &a);
    tensor_release(x);
    return r;
}

int bwd_sum(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_expand(gout[0], n->in[0].ndim, n->in[0].shape));
}

int bwd_sum_dim(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_expand(grad_unreduced(n, gout[0]), &n->in[0]));
}

static int64_t numel_of(const AgInfo *in) {
    int64_t k = 1;
    for (int d = 0; d < in->ndim; d++) k *= in->shape[d];
    return k;
}

// mean: the expanded gradient divided by the number of elements averaged.
static Tensor *mean_backward(const AgNode *n, const Tensor *g) {
    bool mask[TENSOR_MAX_DIMS];
    int64_t count = reduced_mask(&n->in[0], dims_or_null(n), n->args.ndims, mask);
    return x_scalar(OP_DIV, x_expand(grad_unreduced(n, g), &n->in[0]), (double)count);
}

int bwd_mean(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_scalar(OP_DIV, ag_expand(gout[0], n->in[0].ndim, n->in[0].shape),
                                        (double)numel_of(&n->in[0])));
}

int bwd_mean_dim(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, mean_backward(n, gout[0]));
}

// The product of all other elements along [dim] (exclusive prefix product
// times exclusive suffix product): prod's gradient where inputs hold zeros.
static Tensor *prod_others(const Tensor *x, int dim) {
    int64_t len = x->shape[dim];
    AgInfo one_info;
    info_of(&one_info, x);
    one_info.shape[dim] = 1;
    Tensor *ones = tensor_ones(one_info.ndim, one_info.shape, x->dtype);
    Tensor *rev = ag_flip(x, 1, (int64_t[]){dim});
    Tensor *head = ag_narrow(x, dim, 0, len - 1), *rhead = rev ? ag_narrow(rev, dim, 0, len - 1) : NULL;
    Tensor *res = NULL;
    if (ones && head && rhead) {
        const Tensor *l[2] = {ones, head}, *r[2] = {ones, rhead};
        Tensor *lc = ag_cat(2, l, dim), *rc = ag_cat(2, r, dim);
        OpArgs a;
        memset(&a, 0, sizeof a);
        a.dims[0] = dim;
        a.ndims = 1;
        Tensor *lp = lc ? ag_record(OP_CUMPROD, tensor_cumprod(lc, dim, REDUCE_NO_DTYPE), 1,
                                    (const Tensor *const[]){lc}, &a) : NULL;
        Tensor *rp = rc ? ag_record(OP_CUMPROD, tensor_cumprod(rc, dim, REDUCE_NO_DTYPE), 1,
                                    (const Tensor *const[]){rc}, &a) : NULL;
        Tensor *rpf = rp ? ag_flip(rp, 1, (int64_t[]){dim}) : NULL;
        res = lp && rpf ? ag_mul(lp, rpf) : NULL;
        tensor_release(lc);
        tensor_release(rc);
        tensor_release(lp);
        tensor_release(rp);
        tensor_release(rpf);
    }
    tensor_release(ones);
    tensor_release(rev);
    tensor_release(head);
    tensor_release(rhead);
    return res;
}

static bool has_zero(const Tensor *x) { return !tensor_all_nonzero(x); }

// prod: g * (result / x) without zeros; with zeros, g * (product of the others).
int bwd_prod(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *x = SAVED(0), *r = SAVED_OUT(0);
    if (!x || !r) return -1;
    if (x->ndim == 0) return put_grad(n, gin, 0, keep(g));
    if (!has_zero(x)) return put_grad(n, gin, 0, x_mul(keep(g), x_div(keep(r), keep(x))));
    int64_t flat = tensor_numel(x);
    Tensor *fx = ag_reshape(x, 1, &flat);
    Tensor *others = fx ? prod_others(fx, 0) : NULL;
    tensor_release(fx);
    return put_grad(n, gin, 0, x_reshape(x_mul(keep(g), others), &n->in[0]));
}

int bwd_prod_dim(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = SAVED(0), *r = SAVED_OUT(0);
    if (!x || !r) return -1;
    if (x->ndim == 0) return put_grad(n, gin, 0, keep(gout[0]));
    Tensor *gu = grad_unreduced(n, gout[0]);
    if (!has_zero(x)) return put_grad(n, gin, 0, x_mul(gu, x_div(x_unreduce(n, keep(r)), keep(x))));
    return put_grad(n, gin, 0, x_mul(gu, prod_others(x, wrap_dim(n->args.dims[0], x->ndim))));
}

// max()/min()/median() of all elements: the gradient is shared evenly by
// every element equal to the result (NaN results pick the NaNs).
static int evenly(AgNode *n, const Tensor *g, Tensor **gin) {
    const Tensor *x = SAVED(0), *v = SAVED_OUT(0);
    if (!x || !v) return -1;
    Tensor *mask = isnan(tensor_get_flat(v, 0)) ? tensor_unary(OP_ISNAN, x, NULL)
                                                : tensor_binary(OP_EQ, x, v, NULL);
    if (!mask) return -1;
    Tensor *cnt = tensor_sum(mask, NULL, 0, false, REDUCE_NO_DTYPE);
    if (!cnt) {
        tensor_release(mask);
        return -1;
    }
    double c = tensor_get_flat(cnt, 0);
    tensor_release(cnt);
    return put_grad(n, gin, 0, x_where(mask, ag_scalar(OP_DIV, g, c), tensor_zeros(0, NULL, g->dtype)));
}

int bwd_max(AgNode *n, Tensor *const *gout, Tensor **gin) { return evenly(n, gout[0], gin); }
int bwd_min(AgNode *n, Tensor *const *gout, Tensor **gin) { return evenly(n, gout[0], gin); }
int bwd_median(AgNode *n, Tensor *const *gout, Tensor **gin) { return evenly(n, gout[0], gin); }

// Ops returning values and their indices along dims[0]: the gradient goes
// back to the indexed positions (PyTorch's value_selecting_reduction_backward).
static int select_back(AgNode *n, const Tensor *g, bool keepdim, Tensor **gin) {
    const Tensor *idx = SAVED_OUT(1);
    if (!idx) return -1;
    const AgInfo *in = &n->in[0];
    if (in->ndim == 0) return put_grad(n, gin, 0, keep(g));
    int dim = wrap_dim(n->args.dims[0], in->ndim);
    Tensor *gu = keepdim ? keep(g) : ag_unsqueeze(g, dim);
    Tensor *iu = keepdim ? keep(idx) : tensor_unsqueeze(idx, dim);
    Tensor *z = tensor_zeros(in->ndim, in->shape, g->dtype), *out = NULL;
    if (gu && iu && z) {
        OpArgs a;
        memset(&a, 0, sizeof a);
        a.i[0] = dim;
        const Tensor *ins[3] = {z, iu, gu};
        out = ag_record(OP_SCATTER, tensor_scatter(z, dim, iu, gu, SCATTER_NONE), 3, ins, &a);
    }
    tensor_release(gu);
    tensor_release(iu);
    tensor_release(z);
    return put_grad(n, gin, 0, out);
}

int bwd_max_dim(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], n->args.keepdim, gin); }
int bwd_min_dim(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], n->args.keepdim, gin); }
int bwd_kthvalue(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], n->args.keepdim, gin); }
int bwd_median_dim(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], n->args.keepdim, gin); }
int bwd_mode(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], n->args.keepdim, gin); }
int bwd_sort(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], true, gin); }
int bwd_topk(AgNode *n, Tensor *const *gout, Tensor **gin) { return select_back(n, gout[0], true, gin); }

// amax/amin: shared evenly by the elements equal to the result along the dims.
static int amax_back(AgNode *n, const Tensor *g, Tensor **gin) {
    const Tensor *x = SAVED(0), *r = SAVED_OUT(0);
    if (!x || !r) return -1;
    Tensor *mask = x_cmp(OP_EQ, x_unreduce(n, keep(r)), keep(x));
    if (!mask) return -1;
    Tensor *cnt = tensor_sum(mask, dims_or_null(n), n->args.ndims, true, REDUCE_NO_DTYPE);
    return put_grad(n, gin, 0, x_mul(x_div(grad_unreduced(n, g), cnt), mask));
}

int bwd_amax(AgNode *n, Tensor *const *gout, Tensor **gin) { return amax_back(n, gout[0], gin); }
int bwd_amin(AgNode *n, Tensor *const *gout, Tensor **gin) { return amax_back(n, gout[0], gin); }

// var: (2 / (N - correction)) * g * (x - mean(x))
static Tensor *var_backward(const AgNode *n, Tensor *g, const Tensor *x) {
    if (!g) return NULL;
    bool mask[TENSOR_MAX_DIMS];
    const int64_t *dims = dims_or_null(n);
    int64_t count = reduced_mask(&n->in[0], dims, n->args.ndims, mask);
    double dof = (double)count - n->args.s[0];
    if (x->ndim != 0 && dims) g = x_unreduce(n, g);
    Tensor *centered = x_sub(keep(x), mean_of(keep(x), x->ndim ? dims : NULL, n->args.ndims));
    return x_mul(x_scalar(OP_MUL, g, 2.0 / dof), centered);
}

// std: var's gradient of g / (2 * std), zero where std is 0
static Tensor *std_backward(const AgNode *n, const Tensor *g, const Tensor *x, const Tensor *std) {
    Tensor *gv = x_div(keep(g), x_scalar(OP_MUL, keep(std), 2));
    gv = x_zero_where(x_cmps(OP_EQ, keep(std), 0), gv);
    return var_backward(n, gv, x);
}

int bwd_var(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = SAVED(0);
    if (!x) return -1;
    return put_grad(n, gin, 0, var_backward(n, keep(gout[0]), x));
}

int bwd_std(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = SAVED(0), *r = SAVED_OUT(0);
    if (!x || !r) return -1;
    return put_grad(n, gin, 0, std_backward(n, gout[0], x, r));
}

int bwd_var_mean(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = SAVED(0);
    if (!x) return -1;
    return put_grad(n, gin, 0, x_add(var_backward(n, keep(gout[0]), x), mean_backward(n, gout[1])));
}

int bwd_std_mean(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = SAVED(0), *r = SAVED_OUT(0);
    if (!x || !r) return -1;
    return put_grad(n, gin, 0, x_add(std_backward(n, gout[0], x, r), mean_backward(n, gout[1])));
}

// norm(x, p) over dims, PyTorch's norm_backward case by case.
static int norm_back(AgNode *n, const Tensor *g, Tensor **gin) {
    const Tensor *x = SAVED(0), *norm = SAVED_OUT(0);
    if (!x || !norm) return -1;
    double p = n->args.s[0];
    if (p == 0) return put_grad(n, gin, 0, zeros_of(&n->in[0]));
    Tensor *gu = grad_unreduced(n, g), *nu = x_unreduce(n, keep(norm));
    Tensor *sgn = x_unary(OP_SIGN, keep(x)), *r;
    if (p == 1) {
        tensor_release(nu);
        r = x_mul(sgn, gu);
    } else if (p == 2) {
        tensor_release(sgn);
        r = x_mul(gu, x_zero_where(x_cmps(OP_EQ, keep(nu), 0), x_div(keep(x), keep(nu))));
        tensor_release(nu);
    } else if (isinf(p)) {
        Tensor *ax = x_unary(OP_ABS, keep(x));
        Tensor *isnan_ax = x_unary(OP_ISNAN, keep(ax));
        Tensor *mask = x_cmp(OP_LOGICAL_OR, x_cmp(OP_EQ, ax, nu), isnan_ax);
        Tensor *cnt = mask ? tensor_sum(mask, dims_or_null(n), n->args.ndims, true, REDUCE_NO_DTYPE) : NULL;
        r = x_mul(sgn, x_mul(x_div(gu, cnt), mask));
    } else if (p < 1) {
        Tensor *ss = x_mul(sgn, x_zero_where(x_cmps(OP_EQ, keep(x), 0), x_pows(x_unary(OP_ABS, keep(x)), p - 1)));
        r = x_mul(x_mul(ss, gu), x_pows(nu, 1 - p));
    } else {
        Tensor *ss;
        if (p < 2) {
            ss = x_mul(sgn, x_pows(x_unary(OP_ABS, keep(x)), p - 1));
        } else {
            tensor_release(sgn);
            ss = x_mul(keep(x), x_pows(x_unary(OP_ABS, keep(x)), p - 2));
        }
        Tensor *sv = x_div(gu, x_pows(keep(nu), p - 1));
        sv = x_zero_where(x_cmps(OP_EQ, nu, 0), sv);
        r = x_mul(ss, sv);
    }
    return put_grad(n, gin, 0, r);
}

int bwd_norm(AgNode *n, Tensor *const *gout, Tensor **gin) { return norm_back(n, gout[0], gin); }
int bwd_linalg_vector_norm(AgNode *n, Tensor *const *gout, Tensor **gin) { return norm_back(n, gout[0], gin); }

// logsumexp: g * exp(x - result)
int bwd_logsumexp(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *x = SAVED(0), *r = SAVED_OUT(0);
    if (!x || !r) return -1;
    Tensor *e = x_unary(OP_EXP, x_sub(keep(x), x_unreduce(n, keep(r))));
    return put_grad(n, gin, 0, x_mul(grad_unreduced(n, gout[0]), e));
}

// The sum from each position to the end along [dim].
static Tensor *reversed_cumsum(Tensor *t, int dim) {
    if (!t) return NULL;
    int64_t d = dim;
    Tensor *f = ag_flip(t, 1, &d);
    tensor_release(t);
    Tensor *c = f ? ag_cumsum(f, dim) : NULL;
    tensor_release(f);
    Tensor *r = c ? ag_flip(c, 1, &d) : NULL;
    tensor_release(c);
    return r;
}

int bwd_cumsum(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (n->in[0].ndim == 0) return put_grad(n, gin, 0, keep(gout[0]));
    return put_grad(n, gin, 0, reversed_cumsum(keep(gout[0]), wrap_dim(n->args.dims[0], n->in[0].ndim)));
}

// cumprod with zeros in the input: grad_i = sum_{j >= i} g_j * prod_{k <= j, k != i} x_k,
// lane by lane in float64 (no history: create_graph stops here).
static Tensor *cumprod_zeros(const Tensor *x, const Tensor *g, int dim) {
    Tensor *xm = tensor_movedim(x, dim, -1), *gm = tensor_movedim(g, dim, -1);
    Tensor *xd = xm ? tensor_to_dtype(xm, DT_F64, true) : NULL;
    Tensor *gd = gm ? tensor_to_dtype(gm, DT_F64, true) : NULL;
    Tensor *od = xd ? tensor_zeros(xd->ndim, xd->shape, DT_F64) : NULL, *res = NULL;
    if (gd && od) {
        int64_t L = xd->shape[xd->ndim - 1], lanes = L ? tensor_numel(xd) / L : 0;
        const double *xv = tensor_data(xd), *gv = tensor_data(gd);
        double *ov = tensor_data(od);
        for (int64_t l = 0; l < lanes; l++) {
            const double *xs = xv + l * L, *gs = gv + l * L;
            double prefix = 1;
            for (int64_t i = 0; i < L; i++) {
                double run = prefix, acc = 0;
                for (int64_t j = i; j < L; j++) {
                    if (j > i) run *= xs[j];
                    acc += gs[j] * run;
                }
                ov[l * L + i] = acc;
                prefix *= xs[i];
            }
        }
        Tensor *back = tensor_movedim(od, -1, dim);
        res = back ? tensor_to_dtype(back, g->dtype, true) : NULL;
        tensor_release(back);
    }
    tensor_release(xm);
    tensor_release(gm);
    tensor_release(xd);
    tensor_release(gd);
    tensor_release(od);
    return res;
}

int bwd_cumprod(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *x = SAVED(0), *out = SAVED_OUT(0);
    if (!x || !out) return -1;
    if (tensor_numel(x) <= 1 || x->ndim == 0) return put_grad(n, gin, 0, keep(g));
    int dim = wrap_dim(n->args.dims[0], x->ndim);
    if (x->shape[dim] == 1) return put_grad(n, gin, 0, keep(g));
    if (has_zero(x)) return put_grad(n, gin, 0, cumprod_zeros(x, g, dim));
    return put_grad(n, gin, 0, x_div(reversed_cumsum(x_mul(keep(out), keep(g)), dim), keep(x)));
}
