// Every backward formula against float64 central differences: one or more
// cases per differentiable row of tensor/ops.def (the test fails if a row
// has none), including broadcasting, keepdim/dim reductions, views, in-place
// ops on non-leaf tensors and views (CopySlices), and second derivatives
// (gradients computed with create_graph=True, checked the same way).
// Cases call the tensor runtime and ag_record() as the bindings do.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "autograd/functions.h"
#include "autograd/internal.h"
#include "autograd/nn_functions.h"
#include "common/error.h"
#include "harness.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/index.h"
#include "tensor/linalg.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"

enum { D_ANY, D_POS, D_UNIT, D_BIG };

typedef struct Case Case;
typedef Tensor *(*CaseFn)(const Case *c, Tensor *const *in);
struct Case {
    OpCode op;              // the formula this case covers
    const char *what;
    CaseFn f;
    const char *shapes;     // "2,3;3": one shape per input, "-" for 0-d
    int domain;
    double s;               // a scalar parameter for the case
    int64_t i0, i1;
    double eps, atol;       // 0: gradcheck's defaults
    unsigned no_grad;       // inputs that do not require grad
};

// ---- inputs ----

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double uniform(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

// Values away from kinks and ties: |v| in [0.3, 1.7] with a random sign
// (D_ANY), positive (D_POS), inside (-0.9, 0.9) (D_UNIT), or [1, 5] (D_BIG).
static double sample(int domain) {
    double u = uniform();
    switch (domain) {
    case D_POS: return 0.3 + 1.4 * u;
    case D_UNIT: return -0.9 + 1.8 * u;
    case D_BIG: return 1 + 4 * u;
    default: return (uniform() < 0.5 ? -1 : 1) * (0.3 + 1.4 * u);
    }
}

static Tensor *random_tensor(int ndim, const int64_t *shape, int domain) {
    Tensor *t = tensor_empty(ndim, shape, DT_F64);
    for (int64_t i = 0; i < tensor_numel(t); i++) tensor_set_flat(t, i, sample(domain));
    return t;
}

static int parse_shapes(const char *s, int64_t shapes[][TENSOR_MAX_DIMS], int *ndims) {
    int n = 0;
    while (*s) {
        ndims[n] = 0;
        if (*s == '-') s++;
        else
            while (*s && *s != ';') {
                shapes[n][ndims[n]++] = strtoll(s, (char **)&s, 10);
                if (*s == ',') s++;
            }
        n++;
        if (*s == ';') s++;
    }
    return n;
}

static Tensor *idx_tensor(int ndim, const int64_t *shape, const int64_t *vals) {
    return tensor_from_i64(vals, ndim, shape, DT_I64);
}

// ---- generic case functions ----

static Tensor *f_unary(const Case *c, Tensor *const *in) { return ag_unary(c->op, in[0], NULL); }
static Tensor *f_binary(const Case *c, Tensor *const *in) { return ag_binary(c->op, in[0], in[1], NULL); }

static Tensor *f_binary_alpha(const Case *c, Tensor *const *in) {
    OpArgs a = {0};
    a.s[0] = c->s;
    const Tensor *ins[2] = {in[0], in[1]};
    return ag_record(c->op, tensor_binary(c->op, in[0], in[1], &a), 2, ins, &a);
}

// [in0] op s with s a wrapped Python scalar, as the bindings record it.
static Tensor *f_scalar(const Case *c, Tensor *const *in) { return ag_scalar(c->op, in[0], c->s); }

// s op [in0] (2 ** x, 2 / x): the scalar is input 0.
static Tensor *f_rscalar(const Case *c, Tensor *const *in) {
    Tensor *w = tensor_from_scalar(tensor_scalar_float(c->s), true);
    const Tensor *ins[2] = {w, in[0]};
    Tensor *out = ag_record(c->op, tensor_binary(c->op, w, in[0], NULL), 2, ins, NULL);
    tensor_release(w);
    return out;
}

static Tensor *f_pow_scalar(const Case *c, Tensor *const *in) {
    OpArgs a = {0};
    TensorScalar e = c->i0 ? tensor_scalar_int((int64_t)c->s) : tensor_scalar_float(c->s);
    a.s[0] = tensor_scalar_as_double(e);
    a.i[0] = e.i;
    a.mode = (int)e.kind;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_POW_SCALAR, tensor_pow_scalar(in[0], e), 1, ins, &a);
}

static Tensor *f_div_mode(const Case *c, Tensor *const *in) {
    OpArgs a = {0};
    a.mode = (int)c->i0;
    const Tensor *ins[2] = {in[0], in[1]};
    return ag_record(OP_DIV_MODE, tensor_div_mode(in[0], in[1], (int)c->i0), 2, ins, &a);
}

static Tensor *f_round_decimals(const Case *c, Tensor *const *in) {
    OpArgs a = {0};
    a.i[0] = 1;
    (void)c;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_ROUND_DECIMALS, tensor_round_decimals(in[0], 1), 1, ins, &a);
}

static Tensor *f_nan_to_num(const Case *c, Tensor *const *in) {
    (void)c;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_NAN_TO_NUM, tensor_nan_to_num(in[0], 0, NULL, NULL), 1, ins, NULL);
}

// clamp with scalar bounds; i0 bit 0: min, bit 1: max.
static Tensor *f_clamp(const Case *c, Tensor *const *in) {
    TensorScalar lo = tensor_scalar_float(-0.5), hi = tensor_scalar_float(0.8);
    OpArgs a = {0};
    a.flags = (int)c->i0;
    a.s[0] = -0.5;
    a.s[1] = 0.8;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_CLAMP, tensor_clamp(in[0], c->i0 & 1 ? &lo : NULL, c->i0 & 2 ? &hi : NULL), 1,
                     ins, &a);
}

static Tensor *f_clamp_tensor(const Case *c, Tensor *const *in) {
    const Tensor *lo = in[1], *hi = c->i0 ? in[2] : NULL;
    const Tensor *ins[3] = {in[0], lo, hi};
    return ag_record(OP_CLAMP_TENSOR, tensor_clamp_tensor(in[0], lo, hi), 3, ins, NULL);
}

static Tensor *f_where(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *cond = tensor_binary_scalar(OP_GT, in[0], tensor_scalar_float(0), NULL);
    Tensor *out = ag_where(cond, in[1], in[2]);
    tensor_release(cond);
    return out;
}

static Tensor *f_lerp(const Case *c, Tensor *const *in) {
    (void)c;
    const Tensor *ins[3] = {in[0], in[1], in[2]};
    return ag_record(OP_LERP, tensor_lerp(in[0], in[1], in[2]), 3, ins, NULL);
}

static Tensor *f_lerp_scalar(const Case *c, Tensor *const *in) {
    OpArgs a = {0};
    a.s[0] = c->s;
    const Tensor *ins[2] = {in[0], in[1]};
    return ag_record(OP_LERP_SCALAR, tensor_lerp_scalar(in[0], in[1], c->s), 2, ins, &a);
}

static Tensor *f_masked_fill(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *mask = tensor_binary_scalar(OP_GT, in[1], tensor_scalar_float(0), NULL);
    Tensor *out = ag_masked_fill(in[0], mask, 7.0);
    tensor_release(mask);
    return out;
}

// float64 -> float32 -> float64: two ToCopyBackward0 nodes.
static Tensor *f_to_copy(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *f = ag_to_dtype(in[0], DT_F32);
    Tensor *out = ag_to_dtype(f, DT_F64);
    tensor_release(f);
    return out;
}

static Tensor *f_clone(const Case *c, Tensor *const *in) { (void)c; return ag_clone(in[0]); }

// ---- in-place ops on a non-leaf y = x * 1 ----

static Tensor *nonleaf(const Tensor *x) { return ag_scalar(OP_MUL, x, 1.0); }

// y = x * 1; y.<op>_(in[1]); returns y.
static Tensor *f_inplace_binary(const Case *c, Tensor *const *in) {
    Tensor *y = nonleaf(in[0]);
    AgInplace ip;
    const Tensor *ins[1] = {in[1]};
    if (ag_inplace_begin(&ip, c->op, y, 1, ins) < 0 ||
        ag_inplace_end(&ip, tensor_binary_(c->op, y, in[1], NULL), NULL) < 0) {
        tensor_release(y);
        return NULL;
    }
    return y;
}

static Tensor *f_inplace_unary(const Case *c, Tensor *const *in) {
    Tensor *y = nonleaf(in[0]);
    AgInplace ip;
    if (ag_inplace_begin(&ip, c->op, y, 0, NULL) < 0 ||
        ag_inplace_end(&ip, tensor_unary_(c->op, y, NULL), NULL) < 0) {
        tensor_release(y);
        return NULL;
    }
    return y;
}

// y.fill_(3) then y * x: only x's second use gets a gradient.
static Tensor *f_fill(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *y = nonleaf(in[0]);
    AgInplace ip;
    OpArgs a = {0};
    a.s[0] = 3;
    if (ag_inplace_begin(&ip, OP_FILL, y, 0, NULL) < 0 ||
        ag_inplace_end(&ip, tensor_fill_(y, tensor_scalar_float(3)), &a) < 0) {
        tensor_release(y);
        return NULL;
    }
    Tensor *out = ag_mul(y, in[0]);
    tensor_release(y);
    return out;
}

// y.copy_(in[1]) with in[1] broadcast over y's rows.
static Tensor *f_copy(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *y = nonleaf(in[0]);
    AgInplace ip;
    const Tensor *ins[1] = {in[1]};
    if (ag_inplace_begin(&ip, OP_COPY, y, 1, ins) < 0 ||
        ag_inplace_end(&ip, tensor_copy_(y, in[1]), NULL) < 0) {
        tensor_release(y);
        return NULL;
    }
    Tensor *out = ag_mul(y, in[0]);
    tensor_release(y);
    return out;
}

// y = x * 1; y[1].mul_(in[1]) (CopySlices); returns y * y.
static Tensor *f_view_inplace(const Case *c, Tensor *const *in) {
    Tensor *y = nonleaf(in[0]);
    Tensor *v = ag_select(y, 0, 1);
    AgInplace ip;
    const Tensor *ins[1] = {in[1]};
    int rc = ag_inplace_begin(&ip, c->op, v, 1, ins);
    if (rc == 0) rc = ag_inplace_end(&ip, tensor_binary_(c->op, v, in[1], NULL), NULL);
    Tensor *out = rc == 0 ? ag_mul(y, v) : NULL;   // v broadcasts over y's rows
    tensor_release(v);
    tensor_release(y);
    return out;
}

// z = zeros(3); z[i] = x[i] * x[i] through copy_ into views: CopySlices
// on a base that did not require grad.
static Tensor *f_setitem_loop(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *z = tensor_zeros(1, (int64_t[]){3}, DT_F64);
    for (int i = 0; i < 3; i++) {
        Tensor *xi = ag_select(in[0], 0, i);
        Tensor *sq = ag_mul(xi, xi);
        Tensor *zi = ag_select(z, 0, i);
        AgInplace ip;
        const Tensor *ins[1] = {sq};
        int rc = ag_inplace_begin(&ip, OP_COPY, zi, 1, ins);
        if (rc == 0) rc = ag_inplace_end(&ip, tensor_copy_(zi, sq), NULL);
        tensor_release(xi);
        tensor_release(sq);
        tensor_release(zi);
        if (rc < 0) {
            tensor_release(z);
            return NULL;
        }
    }
    Tensor *out = ag_scalar(OP_MUL, z, 2.0);
    tensor_release(z);
    return out;
}

// ---- views and shape ops ----

static Tensor *f_view(const Case *c, Tensor *const *in) {
    (void)c;
    int64_t s[2] = {3, 2};
    OpArgs a = {0};
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_VIEW, tensor_view(in[0], 2, s), 1, ins, &a);
}

static Tensor *f_reshape(const Case *c, Tensor *const *in) {
    (void)c;
    return ag_reshape(in[0], 1, (int64_t[]){6});
}

// reshape of a transposed tensor copies: UnsafeViewBackward0.
static Tensor *f_reshape_copy(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *t = ag_t(in[0]);
    Tensor *out = ag_reshape(t, 1, (int64_t[]){6});
    tensor_release(t);
    return out;
}

static Tensor *f_t(const Case *c, Tensor *const *in) { (void)c; return ag_t(in[0]); }
static Tensor *f_transpose(const Case *c, Tensor *const *in) { (void)c; return ag_transpose(in[0], 0, -1); }
static Tensor *f_permute(const Case *c, Tensor *const *in) {
    (void)c;
    return ag_permute(in[0], 3, (int64_t[]){2, 0, 1});
}
static Tensor *f_expand(const Case *c, Tensor *const *in) {
    (void)c;
    return ag_expand(in[0], 3, (int64_t[]){2, 3, 4});
}
static Tensor *f_squeeze(const Case *c, Tensor *const *in) {
    (void)c;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_SQUEEZE, tensor_squeeze(in[0]), 1, ins, NULL);
}
static Tensor *f_squeeze_dim(const Case *c, Tensor *const *in) { (void)c; return ag_squeeze_dim(in[0], 1); }
static Tensor *f_unsqueeze(const Case *c, Tensor *const *in) { (void)c; return ag_unsqueeze(in[0], -1); }
static Tensor *f_select(const Case *c, Tensor *const *in) { return ag_select(in[0], c->i0, c->i1); }

static Tensor *f_slice(const Case *c, Tensor *const *in) {
    (void)c;
    OpArgs a = {0};
    a.i[0] = 1;
    a.i[1] = 0;
    a.i[2] = 5;
    a.i[3] = 2;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_SLICE, tensor_slice(in[0], 1, 0, 5, 2), 1, ins, &a);
}

static Tensor *f_narrow(const Case *c, Tensor *const *in) { (void)c; return ag_narrow(in[0], -1, 1, 2); }
static Tensor *f_diagonal(const Case *c, Tensor *const *in) { return ag_diagonal(in[0], c->i0, 0, 1); }
static Tensor *f_diag(const Case *c, Tensor *const *in) { return ag_diag(in[0], c->i0); }

// A list of outputs combined with distinct weights (i0: only output i1).
static Tensor *combine(const Case *c, TensorList *l) {
    Tensor *acc = NULL;
    for (int i = 0; i < l->n; i++) {
        if (c->i0 && i != c->i1) continue;
        Tensor *w = ag_scalar(OP_MUL, l->items[i], (double)(i + 1));
        Tensor *f = ag_reshape(w, 1, (int64_t[]){-1});
        tensor_release(w);
        if (!acc) {
            acc = f;
            continue;
        }
        const Tensor *two[2] = {acc, f};
        Tensor *cat = ag_cat(2, two, 0);
        tensor_release(acc);
        tensor_release(f);
        acc = cat;
    }
    tensor_list_free(l);
    return acc;
}

static Tensor *f_unbind(const Case *c, Tensor *const *in) {
    TensorList l;
    OpArgs a = {0};
    a.i[0] = 1;
    const Tensor *ins[1] = {in[0]};
    if (tensor_unbind(in[0], 1, &l) < 0 || ag_record_multi(OP_UNBIND, l.items, l.n, 1, ins, &a) < 0)
        return NULL;
    return combine(c, &l);
}

static Tensor *f_split(const Case *c, Tensor *const *in) {
    TensorList l;
    OpArgs a = {0};
    a.i[0] = 0;
    a.i[1] = 2;
    const Tensor *ins[1] = {in[0]};
    if (tensor_split(in[0], 2, 0, &l) < 0 || ag_record_multi(OP_SPLIT, l.items, l.n, 1, ins, &a) < 0)
        return NULL;
    return combine(c, &l);
}

static Tensor *f_split_sizes(const Case *c, Tensor *const *in) {
    TensorList l;
    int64_t sizes[3] = {1, 3, 1};
    OpArgs a = {0};
    a.i[0] = -1;
    memcpy(a.dims, sizes, sizeof sizes);
    a.ndims = 3;
    const Tensor *ins[1] = {in[0]};
    if (tensor_split_sizes(in[0], 3, sizes, -1, &l) < 0 ||
        ag_record_multi(OP_SPLIT_SIZES, l.items, l.n, 1, ins, &a) < 0)
        return NULL;
    return combine(c, &l);
}

static Tensor *f_cat(const Case *c, Tensor *const *in) {
    (void)c;
    const Tensor *ins[3] = {in[0], in[1], in[0]};
    return ag_cat(3, ins, 1);
}

static Tensor *f_stack(const Case *c, Tensor *const *in) {
    (void)c;
    const Tensor *ins[2] = {in[0], in[1]};
    return ag_stack(2, ins, -1);
}

static Tensor *f_flip(const Case *c, Tensor *const *in) { (void)c; return ag_flip(in[0], 2, (int64_t[]){0, 2}); }
static Tensor *f_roll(const Case *c, Tensor *const *in) {
    (void)c;
    return ag_roll(in[0], 2, (int64_t[]){1, -2}, 2, (int64_t[]){0, 1});
}
static Tensor *f_roll_flat(const Case *c, Tensor *const *in) { (void)c; return ag_roll(in[0], 1, (int64_t[]){2}, 0, NULL); }

static Tensor *f_repeat(const Case *c, Tensor *const *in) {
    (void)c;
    int64_t r[3] = {2, 1, 3};
    OpArgs a = {0};
    memcpy(a.dims, r, sizeof r);
    a.ndims = 3;
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_REPEAT, tensor_repeat(in[0], 3, r), 1, ins, &a);
}

static Tensor *f_tril(const Case *c, Tensor *const *in) { return ag_tril(in[0], c->i0); }
static Tensor *f_triu(const Case *c, Tensor *const *in) { return ag_triu(in[0], c->i0); }

// ---- reductions ----

static OpArgs dims_args(int n, const int64_t *dims, bool keepdim) {
    OpArgs a = {0};
    for (int i = 0; i < n; i++) a.dims[i] = dims[i];
    a.ndims = n;
    a.keepdim = keepdim;
    return a;
}

static Tensor *f_sum(const Case *c, Tensor *const *in) { (void)c; return ag_sum(in[0], NULL, 0, false); }
static Tensor *f_sum_dim(const Case *c, Tensor *const *in) {
    int64_t dims[2] = {0, -1};
    return ag_sum(in[0], dims, (int)c->i0, c->i1 != 0);
}

static Tensor *f_mean(const Case *c, Tensor *const *in) {
    (void)c;
    OpArgs a = dims_args(0, NULL, false);
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_MEAN, tensor_mean(in[0], NULL, 0, false, REDUCE_NO_DTYPE), 1, ins, &a);
}

static Tensor *f_mean_dim(const Case *c, Tensor *const *in) {
    int64_t dims[2] = {-1, 0};
    OpArgs a = dims_args((int)c->i0, dims, c->i1 != 0);
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_MEAN_DIM, tensor_mean(in[0], dims, (int)c->i0, c->i1 != 0, REDUCE_NO_DTYPE), 1,
                     ins, &a);
}

// prod and cumprod cases plant c->i0 zeros in their input.
static void plant_zeros(const Case *c, Tensor *x) {
    for (int k = 0; k < c->i0; k++) tensor_set_flat(x, 2 * k + 1, 0.0);
}

static Tensor *f_prod(const Case *c, Tensor *const *in) {
    (void)c;
    const Tensor *ins[1] = {in[0]};
    OpArgs a = {0};
    return ag_record(OP_PROD, tensor_prod(in[0], NULL, false, REDUCE_NO_DTYPE), 1, ins, &a);
}

static Tensor *f_prod_dim(const Case *c, Tensor *const *in) {
    (void)c;
    int64_t d = 1;
    OpArgs a = dims_args(1, &d, c->i1 != 0);
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_PROD_DIM, tensor_prod(in[0], &d, c->i1 != 0, REDUCE_NO_DTYPE), 1, ins, &a);
}

static Tensor *f_max_all(const Case *c, Tensor *const *in) {
    const Tensor *ins[1] = {in[0]};
    Tensor *r = c->op == OP_MAX ? tensor_max(in[0]) : c->op == OP_MIN ? tensor_min(in[0]) : tensor_median(in[0]);
    return ag_record(c->op, r, 1, ins, NULL);
}

// Ops with (values, indices) outputs along dim 1: returns values.
static Tensor *f_values(const Case *c, Tensor *const *in) {
    Tensor *v = NULL, *idx = NULL;
    int64_t dim = 1;
    bool keep = c->i1 != 0;
    OpArgs a = dims_args(1, &dim, keep);
    int rc;
    switch (c->op) {
    case OP_MAX_DIM: rc = tensor_max_dim(in[0], dim, keep, &v, &idx); break;
    case OP_MIN_DIM: rc = tensor_min_dim(in[0], dim, keep, &v, &idx); break;
    case OP_SORT: a.flags = 1; rc = tensor_sort(in[0], dim, true, false, &v, &idx); break;
    case OP_TOPK: a.i[0] = 2; rc = tensor_topk(in[0], 2, dim, true, true, &v, &idx); break;
    case OP_KTHVALUE: a.i[0] = 2; rc = tensor_kthvalue(in[0], 2, dim, keep, &v, &idx); break;
    case OP_MEDIAN_DIM: rc = tensor_median_dim(in[0], dim, keep, &v, &idx); break;
    default: rc = tensor_mode(in[0], dim, keep, &v, &idx); break;
    }
    if (rc < 0) return NULL;
    Tensor *outs[2] = {v, idx};
    const Tensor *ins[1] = {in[0]};
    rc = ag_record_multi(c->op, outs, 2, 1, ins, &a);
    tensor_release(idx);
    if (rc < 0) {
        tensor_release(v);
        return NULL;
    }
    return v;
}

static Tensor *f_amax(const Case *c, Tensor *const *in) {
    int64_t dims[2] = {0, 2};
    OpArgs a = dims_args(2, dims, c->i1 != 0);
    const Tensor *ins[1] = {in[0]};
    Tensor *r = c->op == OP_AMAX ? tensor_amax(in[0], dims, 2, c->i1 != 0)
                                 : tensor_amin(in[0], dims, 2, c->i1 != 0);
    return ag_record(c->op, r, 1, ins, &a);
}

// var/std with correction c->s over dim 1 (i0 = 0: every dim).
static Tensor *f_var(const Case *c, Tensor *const *in) {
    int64_t d = 1;
    const int64_t *dims = c->i0 ? &d : NULL;
    OpArgs a = dims_args(c->i0 ? 1 : 0, dims, c->i1 != 0);
    a.s[0] = c->s;
    const Tensor *ins[1] = {in[0]};
    Tensor *r = c->op == OP_VAR ? tensor_var(in[0], dims, dims ? 1 : 0, c->s, c->i1 != 0)
                                : tensor_std(in[0], dims, dims ? 1 : 0, c->s, c->i1 != 0);
    return ag_record(c->op, r, 1, ins, &a);
}

// var_mean / std_mean: var * 1 + mean * 3 combined.
static Tensor *f_var_mean(const Case *c, Tensor *const *in) {
    int64_t d = 0;
    OpArgs a = dims_args(1, &d, false);
    a.s[0] = 1;
    Tensor *v = NULL, *m = NULL;
    int rc = c->op == OP_VAR_MEAN ? tensor_var_mean(in[0], &d, 1, 1, false, &v, &m)
                                  : tensor_std_mean(in[0], &d, 1, 1, false, &v, &m);
    Tensor *outs[2] = {v, m};
    const Tensor *ins[1] = {in[0]};
    if (rc < 0 || ag_record_multi(c->op, outs, 2, 1, ins, &a) < 0) return NULL;
    Tensor *out = NULL;
    if (c->i0) {
        out = tensor_retain(c->i0 == 1 ? v : m);     // only one output used
    } else {
        Tensor *m3 = ag_scalar(OP_MUL, m, 3.0);
        out = ag_add(v, m3);
        tensor_release(m3);
    }
    tensor_release(v);
    tensor_release(m);
    return out;
}

static Tensor *f_norm(const Case *c, Tensor *const *in) {
    int64_t d = 1;
    const int64_t *dims = c->i0 ? &d : NULL;
    OpArgs a = dims_args(c->i0 ? 1 : 0, dims, c->i1 != 0);
    a.s[0] = c->s;
    const Tensor *ins[1] = {in[0]};
    Tensor *r = c->op == OP_NORM
                    ? tensor_norm(in[0], c->s, dims, dims ? 1 : 0, c->i1 != 0, REDUCE_NO_DTYPE)
                    : tensor_linalg_vector_norm(in[0], c->s, dims, dims ? 1 : 0, c->i1 != 0, REDUCE_NO_DTYPE);
    return ag_record(c->op, r, 1, ins, &a);
}

static Tensor *f_logsumexp(const Case *c, Tensor *const *in) {
    int64_t d = -1;
    OpArgs a = dims_args(1, &d, c->i1 != 0);
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_LOGSUMEXP, tensor_logsumexp(in[0], &d, 1, c->i1 != 0), 1, ins, &a);
}

static Tensor *f_cumsum(const Case *c, Tensor *const *in) { (void)c; return ag_cumsum(in[0], 1); }

static Tensor *f_cumprod(const Case *c, Tensor *const *in) {
    (void)c;
    int64_t d = 1;
    OpArgs a = dims_args(1, &d, false);
    const Tensor *ins[1] = {in[0]};
    return ag_record(OP_CUMPROD, tensor_cumprod(in[0], 1, REDUCE_NO_DTYPE), 1, ins, &a);
}

// ---- linear algebra ----

static Tensor *f_addmm(const Case *c, Tensor *const *in) {
    OpArgs a = {0};
    a.s[0] = c->s;
    a.s[1] = 0.5;
    const Tensor *ins[3] = {in[0], in[1], in[2]};
    return ag_record(OP_ADDMM, tensor_addmm(in[0], in[1], in[2], c->s, 0.5), 3, ins, &a);
}

static Tensor *f_matmul(const Case *c, Tensor *const *in) { (void)c; return ag_matmul(in[0], in[1]); }
static Tensor *f_outer(const Case *c, Tensor *const *in) { (void)c; return ag_outer(in[0], in[1]); }

// ---- indexing ----

static Tensor *f_index_select(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *idx = idx_tensor(1, (int64_t[]){4}, (int64_t[]){2, 0, 2, 1});
    Tensor *out = ag_index_select(in[0], 1, idx);
    tensor_release(idx);
    return out;
}

static Tensor *f_gather(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *idx = idx_tensor(2, (int64_t[]){2, 2}, (int64_t[]){0, 2, 2, 2});
    Tensor *out = ag_gather(in[0], 1, idx);
    tensor_release(idx);
    return out;
}

static Tensor *f_scatter(const Case *c, Tensor *const *in) {
    Tensor *idx = idx_tensor(2, (int64_t[]){1, 3}, (int64_t[]){1, 0, 1});
    OpArgs a = {0};
    a.i[0] = 0;
    Tensor *out;
    if (c->op == OP_SCATTER) {
        const Tensor *ins[3] = {in[0], idx, in[1]};
        out = ag_record(OP_SCATTER, tensor_scatter(in[0], 0, idx, in[1], SCATTER_NONE), 3, ins, &a);
    } else if (c->op == OP_SCATTER_ADD) {
        out = ag_scatter_add(in[0], 0, idx, in[1]);
    } else {
        a.s[0] = 5;
        const Tensor *ins[2] = {in[0], idx};
        out = ag_record(OP_SCATTER_VALUE, tensor_scatter_value(in[0], 0, idx, 5, SCATTER_NONE), 2, ins, &a);
    }
    tensor_release(idx);
    return out;
}

static Tensor *f_take(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *idx = idx_tensor(2, (int64_t[]){2, 2}, (int64_t[]){5, 0, -1, 5});
    const Tensor *ins[2] = {in[0], idx};
    Tensor *out = ag_record(OP_TAKE, tensor_take(in[0], idx), 2, ins, NULL);
    tensor_release(idx);
    return out;
}

// x[:, idx] with repeated indices (i0 = 0) or x[mask] (i0 = 1).
static Tensor *f_index(const Case *c, Tensor *const *in) {
    Tensor *it = c->i0 ? tensor_binary_scalar(OP_GT, in[0], tensor_scalar_float(0), NULL)
                       : idx_tensor(1, (int64_t[]){3}, (int64_t[]){1, 1, 0});
    TensorIndex idx[2];
    memset(idx, 0, sizeof idx);
    int n = 0;
    OpArgs a = {0};
    if (!c->i0) idx[n++].kind = TI_SLICE;
    idx[n].kind = TI_TENSOR;
    idx[n].tensor = it;
    a.dims[n++] = 1;
    a.ndims = n;
    const Tensor *ins[2] = {in[0], it};
    Tensor *out = ag_record(OP_INDEX, tensor_index(in[0], idx, n), 2, ins, &a);
    tensor_release(it);
    return out;
}

// y = x * 1; y[idx] = v (i0 = 1: y[idx] += v); returns y * x.
static Tensor *f_index_put(const Case *c, Tensor *const *in) {
    Tensor *y = nonleaf(in[0]);
    Tensor *it = idx_tensor(1, (int64_t[]){2}, (int64_t[]){2, 0});
    TensorIndex idx = {.kind = TI_TENSOR, .tensor = it};
    OpArgs a = {0};
    a.dims[0] = 1;
    a.ndims = 1;
    a.flags = (int)c->i0;
    AgInplace ip;
    const Tensor *ins[2] = {in[1], it};
    int rc = ag_inplace_begin(&ip, OP_INDEX_PUT, y, 2, ins);
    if (rc == 0) rc = ag_inplace_end(&ip, tensor_index_put_acc(y, &idx, 1, in[1], c->i0 != 0), &a);
    tensor_release(it);
    Tensor *out = rc == 0 ? ag_mul(y, in[0]) : NULL;
    tensor_release(y);
    return out;
}

static Tensor *f_masked_select(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *mask = tensor_binary_scalar(OP_GT, in[1], tensor_scalar_float(0), NULL);
    const Tensor *ins[2] = {in[0], mask};
    Tensor *out = ag_record(OP_MASKED_SELECT, tensor_masked_select(in[0], mask), 2, ins, NULL);
    tensor_release(mask);
    return out;
}

// ---- neural-network rows (autograd/nn_functions.h): i0 stride or dim,
// i1 padding or reduction; a missing third shape means no bias ----

static Tensor *f_conv2d(const Case *c, Tensor *const *in) {
    Conv2dArgs a = {{c->i0, c->i0}, {c->i1, c->i1}, {1, 1}, (int64_t)(c->s ? c->s : 1)};
    return ag_conv2d(in[0], in[1], in[2], &a);
}

static Tensor *f_max_pool2d(const Case *c, Tensor *const *in) {
    Pool2dArgs a = {{2, 2}, {c->i0, c->i0}, {c->i1, c->i1}, {1, 1}, false};
    Tensor *v, *idx;
    if (ag_max_pool2d(in[0], &a, &v, &idx) < 0) return NULL;
    tensor_release(idx);
    return v;
}

static Tensor *f_softmax(const Case *c, Tensor *const *in) {
    return ag_softmax(in[0], c->i0, c->op == OP_LOG_SOFTMAX);
}

static Tensor *f_mse_loss(const Case *c, Tensor *const *in) { return ag_mse_loss(in[0], in[1], (int)c->i1); }

// Input (3, 4), targets [2, 0, 1] (one ignored with i0 = 0), optional weight.
static Tensor *f_nll_loss(const Case *c, Tensor *const *in) {
    int64_t n = 3, t[3] = {2, 0, 1};
    Tensor *target = idx_tensor(1, &n, t);
    Tensor *out = ag_nll_loss(in[0], target, in[1], (int)c->i1, c->i0 == 0 ? 0 : -100);
    tensor_release(target);
    return out;
}

static Tensor *f_leaky_relu(const Case *c, Tensor *const *in) { return ag_leaky_relu(in[0], c->s); }

// In place on a non-leaf copy (LeakyReluBackward1).
static Tensor *f_leaky_relu_(const Case *c, Tensor *const *in) {
    Tensor *y = ag_clone(in[0]);
    if (y && ag_leaky_relu_(y, c->s) < 0) {
        tensor_release(y);
        return NULL;
    }
    return y;
}

static Tensor *f_gelu(const Case *c, Tensor *const *in) { return ag_gelu(in[0], c->i0 == 1); }

// Probabilities and targets in (0, 1) through sigmoid; in[2]: a weight.
static Tensor *f_bce(const Case *c, Tensor *const *in) {
    Tensor *p = ag_unary(OP_SIGMOID, in[0], NULL), *t = p ? ag_unary(OP_SIGMOID, in[1], NULL) : NULL;
    Tensor *out = t ? ag_bce(p, t, in[2], (int)c->i1) : NULL;
    tensor_release(p), tensor_release(t);
    return out;
}

// Logits in[0], targets sigmoid(in[1]), pos_weight in[2] (may be absent).
static Tensor *f_bce_logits(const Case *c, Tensor *const *in) {
    Tensor *t = ag_unary(OP_SIGMOID, in[1], NULL);
    Tensor *out = t ? ag_bce_logits(in[0], t, NULL, in[2], (int)c->i1) : NULL;
    tensor_release(t);
    return out;
}

static Tensor *f_avg_pool2d(const Case *c, Tensor *const *in) {
    AvgPool2dArgs a = {{3, 3}, {2, 2}, {1, 1}, c->i0 != 0, c->i1 != 0, (int64_t)c->s};
    return ag_avg_pool2d(in[0], &a);
}

static Tensor *f_adaptive_avg_pool2d(const Case *c, Tensor *const *in) {
    return ag_adaptive_avg_pool2d(in[0], c->i0, c->i1);
}

// Training mode with in[1], in[2] as weight and bias; i0 = 1: evaluation
// with fixed running statistics.
static Tensor *f_batch_norm(const Case *c, Tensor *const *in) {
    if (!c->i0) return ag_batch_norm(in[0], in[1], in[2], NULL, NULL, true, 0.1, 1e-5);
    int64_t C = in[0]->shape[1];
    Tensor *rm = tensor_zeros(1, &C, DT_F64), *rv = tensor_ones(1, &C, DT_F64);
    for (int64_t i = 0; i < C; i++) tensor_set_flat(rm, i, 0.1 * (double)i), tensor_set_flat(rv, i, 1 + 0.5 * (double)i);
    Tensor *out = ag_batch_norm(in[0], in[1], in[2], rm, rv, false, 0.1, 1e-5);
    tensor_release(rm), tensor_release(rv);
    return out;
}

static Tensor *f_layer_norm(const Case *c, Tensor *const *in) {
    return ag_layer_norm(in[0], (int)c->i0, in[1], in[2], 1e-5);
}

static Tensor *f_embedding(const Case *c, Tensor *const *in) {
    int64_t shape[2] = {2, 3}, vals[6] = {0, 2, 4, 2, 1, 2};
    Tensor *idx = idx_tensor(2, shape, vals);
    Tensor *out = ag_embedding(in[0], idx, c->i0);
    tensor_release(idx);
    return out;
}

// ---- second derivatives: the case's first derivative (create_graph=True,
// a fixed grad_output) is itself gradchecked ----

static const Case *gg_inner;

static Tensor *f_gradgrad(const Case *c, Tensor *const *in) {
    (void)c;
    Tensor *y = gg_inner->f(gg_inner, in);
    if (!y) return NULL;
    Tensor *v = tensor_empty(y->ndim, y->shape, y->dtype);
    for (int64_t i = 0; i < tensor_numel(v); i++) tensor_set_flat(v, i, 0.5 + 0.25 * (double)(i % 3));
    Tensor *g = NULL;
    int rc = ag_grad(1, &y, &v, 1, (Tensor *const *)&in[0], true, true, true, &g);
    tensor_release(y);
    tensor_release(v);
    if (rc < 0) return NULL;
    if (!g) g = tensor_zeros(in[0]->ndim, in[0]->shape, DT_F64);
    return g;
}

// ---- the cases ----

#define UN(OPC, dom) {OPC, #OPC, f_unary, "2,3", dom, 0, 0, 0, 0, 0, 0}
static const Case cases[] = {
    {OP_ADD, "add broadcast", f_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_ADD, "add alpha", f_binary_alpha, "2,1;2,3", D_ANY, 2.5, 0, 0, 0, 0, 0},
    {OP_ADD, "add scalar", f_scalar, "2,3", D_ANY, 3, 0, 0, 0, 0, 0},
    {OP_SUB, "sub alpha broadcast", f_binary_alpha, "3;2,3", D_ANY, -1.5, 0, 0, 0, 0, 0},
    {OP_RSUB, "rsub", f_binary_alpha, "2,3;2,3", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_RSUB, "2 - x", f_scalar, "2,3", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_MUL, "mul broadcast", f_binary, "2,1,3;4,1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MUL, "mul scalar", f_scalar, "2,3", D_ANY, -1.5, 0, 0, 0, 0, 0},
    {OP_MUL, "mul one input", f_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 2},
    {OP_DIV, "div broadcast", f_binary, "2,3;2,1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_DIV, "2 / x", f_rscalar, "2,3", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_DIV_MODE, "div floor", f_div_mode, "2,3;3", D_ANY, 0, DIV_FLOOR, 0, 0, 0, 0},
    {OP_REMAINDER, "remainder", f_binary, "2,3;3", D_BIG, 0, 0, 0, 0, 0, 0},
    {OP_REMAINDER, "x % 2", f_scalar, "2,3", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_POW, "pow tensor", f_binary, "2,3;3", D_POS, 0, 0, 0, 0, 0, 0},
    {OP_POW, "2 ** x", f_rscalar, "2,3", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_POW_SCALAR, "x ** 3", f_pow_scalar, "2,3", D_ANY, 3, 1, 0, 0, 0, 0},
    {OP_POW_SCALAR, "x ** 0.5", f_pow_scalar, "2,3", D_POS, 0.5, 0, 0, 0, 0, 0},
    {OP_POW_SCALAR, "x ** 0", f_pow_scalar, "2,3", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_POW_SCALAR, "x ** -2", f_pow_scalar, "2,3", D_ANY, -2, 1, 0, 0, 0, 0},
    {OP_ATAN2, "atan2", f_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MAXIMUM, "maximum", f_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MINIMUM, "minimum", f_binary, "2,3;2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    UN(OP_NEG, D_ANY), UN(OP_ABS, D_ANY), UN(OP_EXP, D_ANY), UN(OP_LOG, D_POS), UN(OP_LOG2, D_POS),
    UN(OP_LOG10, D_POS), UN(OP_LOG1P, D_POS), UN(OP_EXPM1, D_ANY), UN(OP_SQRT, D_POS),
    UN(OP_RSQRT, D_POS), UN(OP_SIN, D_ANY), UN(OP_COS, D_ANY), UN(OP_TAN, D_UNIT),
    UN(OP_TANH, D_ANY), UN(OP_SIGMOID, D_ANY), UN(OP_RELU, D_ANY), UN(OP_SIGN, D_ANY),
    UN(OP_FLOOR, D_ANY), UN(OP_CEIL, D_ANY), UN(OP_ROUND, D_ANY), UN(OP_TRUNC, D_ANY),
    UN(OP_FRAC, D_ANY), UN(OP_RECIPROCAL, D_ANY), UN(OP_SQUARE, D_ANY), UN(OP_ERF, D_ANY),
    {OP_ROUND_DECIMALS, "round(decimals=1)", f_round_decimals, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_NAN_TO_NUM, "nan_to_num", f_nan_to_num, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_CLAMP, "clamp min max", f_clamp, "3,4", D_ANY, 0, 3, 0, 0, 0, 0},
    {OP_CLAMP, "clamp min", f_clamp, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_CLAMP, "clamp max", f_clamp, "3,4", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_CLAMP_TENSOR, "clamp tensors", f_clamp_tensor, "3,4;4;3,1", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_CLAMP_TENSOR, "clamp tensor min", f_clamp_tensor, "3,4;4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_FILL, "fill_ on non-leaf", f_fill, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_WHERE, "where broadcast", f_where, "2,3;3;2,1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_LERP, "lerp tensor", f_lerp, "2,3;3;2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_LERP_SCALAR, "lerp scalar", f_lerp_scalar, "2,3;2,3", D_ANY, 0.3, 0, 0, 0, 0, 0},
    {OP_MASKED_FILL, "masked_fill", f_masked_fill, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 2},
    {OP_TO_COPY, "to float32 and back", f_to_copy, "2,3", D_ANY, 0, 0, 0, 1e-2, 1e-3, 0},
    {OP_CLONE, "clone", f_clone, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_COPY, "copy_ broadcast", f_copy, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_ADD, "add_ on non-leaf", f_inplace_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MUL, "mul_ on non-leaf", f_inplace_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_DIV, "div_ on non-leaf", f_inplace_binary, "2,3;2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_EXP, "exp_ on non-leaf", f_inplace_unary, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SIN, "sin_ on non-leaf", f_inplace_unary, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MUL, "mul_ on a view (CopySlices)", f_view_inplace, "3,4;4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_ADD, "add_ on a view (CopySlices)", f_view_inplace, "3,4;1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_COPY, "z[i] = x[i] * x[i]", f_setitem_loop, "3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_VIEW, "view", f_view, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_RESHAPE_ALIAS, "reshape", f_reshape, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_UNSAFE_VIEW, "reshape of t()", f_reshape_copy, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_T, "t", f_t, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_TRANSPOSE, "transpose", f_transpose, "2,3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_PERMUTE, "permute", f_permute, "2,3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_EXPAND, "expand", f_expand, "3,1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SQUEEZE, "squeeze", f_squeeze, "2,1,3,1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SQUEEZE_DIM, "squeeze(1)", f_squeeze_dim, "2,1,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_UNSQUEEZE, "unsqueeze(-1)", f_unsqueeze, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SELECT, "select(1, -1)", f_select, "2,3,2", D_ANY, 0, 1, -1, 0, 0, 0},
    {OP_SELECT, "select(0, 1)", f_select, "3", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_SLICE, "x[:, 0:5:2]", f_slice, "2,5", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SLICE, "narrow(-1, 1, 2)", f_narrow, "2,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_DIAGONAL, "diagonal(1)", f_diagonal, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_DIAG, "diag of a vector", f_diag, "3", D_ANY, 0, -1, 0, 0, 0, 0},
    {OP_DIAG, "diag of a matrix", f_diag, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_UNBIND, "unbind(1)", f_unbind, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_UNBIND, "unbind, one output used", f_unbind, "2,3", D_ANY, 0, 1, 2, 0, 0, 0},
    {OP_SPLIT, "split(2)", f_split, "5,2", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SPLIT, "split, one output used", f_split, "5,2", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_SPLIT_SIZES, "split([1, 3, 1], -1)", f_split_sizes, "2,5", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_CAT, "cat", f_cat, "2,3;2,1", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_STACK, "stack(-1)", f_stack, "2,3;2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_FLIP, "flip", f_flip, "2,3,2", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_ROLL, "roll", f_roll, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_ROLL, "roll flat", f_roll_flat, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_REPEAT, "repeat", f_repeat, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_TRIL, "tril(-1)", f_tril, "3,4", D_ANY, 0, -1, 0, 0, 0, 0},
    {OP_TRIU, "triu(1)", f_triu, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_SUM, "sum", f_sum, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SUM_DIM, "sum(0)", f_sum_dim, "2,3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_SUM_DIM, "sum((0, -1), keepdim)", f_sum_dim, "2,3,4", D_ANY, 0, 2, 1, 0, 0, 0},
    {OP_MEAN, "mean", f_mean, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MEAN_DIM, "mean(-1)", f_mean_dim, "2,3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_MEAN_DIM, "mean((-1, 0), keepdim)", f_mean_dim, "2,3,4", D_ANY, 0, 2, 1, 0, 0, 0},
    {OP_PROD, "prod", f_prod, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_PROD, "prod with a zero", f_prod, "2,3", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_PROD, "prod with two zeros", f_prod, "2,3", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_PROD_DIM, "prod(1)", f_prod_dim, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_PROD_DIM, "prod(1, keepdim) with a zero", f_prod_dim, "2,3", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_MAX, "max", f_max_all, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MIN, "min", f_max_all, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MEDIAN, "median", f_max_all, "3,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MAX_DIM, "max(1)", f_values, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MAX_DIM, "max(1, keepdim)", f_values, "3,4", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_MIN_DIM, "min(1)", f_values, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SORT, "sort(1, descending)", f_values, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_TOPK, "topk(2, 1)", f_values, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_KTHVALUE, "kthvalue(2, 1)", f_values, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MEDIAN_DIM, "median(1, keepdim)", f_values, "3,5", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_MODE, "mode(1)", f_values, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_AMAX, "amax((0, 2))", f_amax, "2,3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_AMIN, "amin((0, 2), keepdim)", f_amax, "2,3,4", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_VAR, "var", f_var, "3,4", D_ANY, 1, 0, 0, 0, 0, 0},
    {OP_VAR, "var(1, correction=0, keepdim)", f_var, "3,4", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_STD, "std", f_var, "3,4", D_ANY, 1, 0, 0, 0, 0, 0},
    {OP_STD, "std(1)", f_var, "3,4", D_ANY, 1, 1, 0, 0, 0, 0},
    {OP_VAR_MEAN, "var_mean(0)", f_var_mean, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_VAR_MEAN, "var_mean(0), mean only", f_var_mean, "3,4", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_STD_MEAN, "std_mean(0)", f_var_mean, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_STD_MEAN, "std_mean(0), std only", f_var_mean, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_NORM, "norm", f_norm, "3,4", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_NORM, "norm(p=1, dim=1)", f_norm, "3,4", D_ANY, 1, 1, 0, 0, 0, 0},
    {OP_NORM, "norm(p=3, dim=1, keepdim)", f_norm, "3,4", D_ANY, 3, 1, 1, 0, 0, 0},
    {OP_NORM, "norm(p=1.5)", f_norm, "3,4", D_ANY, 1.5, 0, 0, 0, 0, 0},
    {OP_NORM, "norm(p=0.5, dim=1)", f_norm, "3,4", D_ANY, 0.5, 1, 0, 0, 0, 0},
    {OP_NORM, "norm(p=inf, dim=1)", f_norm, "3,4", D_ANY, INFINITY, 1, 0, 0, 0, 0},
    {OP_NORM, "norm(p=0)", f_norm, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_LINALG_VECTOR_NORM, "vector_norm", f_norm, "3,4", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_LINALG_VECTOR_NORM, "vector_norm(-inf, 1)", f_norm, "3,4", D_ANY, -INFINITY, 1, 0, 0, 0, 0},
    {OP_LOGSUMEXP, "logsumexp(-1)", f_logsumexp, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_LOGSUMEXP, "logsumexp(-1, keepdim)", f_logsumexp, "3,4", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_CUMSUM, "cumsum(1)", f_cumsum, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_CUMPROD, "cumprod(1)", f_cumprod, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_CUMPROD, "cumprod(1) with zeros", f_cumprod, "3,4", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_MM, "mm", f_binary, "2,3;3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_BMM, "bmm", f_binary, "2,2,3;2,3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MV, "mv", f_binary, "2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_DOT, "dot", f_binary, "3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_ADDMM, "addmm beta=2 alpha=0.5", f_addmm, "4;2,3;3,4", D_ANY, 2, 0, 0, 0, 0, 0},
    {OP_ADDMM, "addmm beta=0", f_addmm, "2,4;2,3;3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MM, "matmul 1-d @ 2-d", f_matmul, "3;3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MM, "matmul 3-d @ 2-d (fold)", f_matmul, "2,2,3;3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MM, "matmul 2-d @ 3-d (fold, transposed)", f_matmul, "2,3;2,3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MV, "matmul 3-d @ 1-d", f_matmul, "2,2,3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MV, "matmul 1-d @ 3-d", f_matmul, "3;2,3,2", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_BMM, "matmul batched broadcast", f_matmul, "2,1,2,3;3,3,2", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MUL, "outer", f_outer, "3;4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_INDEX_SELECT, "index_select(1)", f_index_select, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_GATHER, "gather(1)", f_gather, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SCATTER, "scatter(0)", f_scatter, "2,3;1,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SCATTER_VALUE, "scatter(0, value)", f_scatter, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_SCATTER_ADD, "scatter_add(0)", f_scatter, "2,3;1,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_TAKE, "take", f_take, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_INDEX, "x[:, [1, 1, 0]]", f_index, "2,3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_INDEX, "x[x > 0]", f_index, "2,3", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_INDEX_PUT, "y[[2, 0]] = v", f_index_put, "3,2;2", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_INDEX_PUT, "y[[2, 0]] += v", f_index_put, "3,2;2", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_MASKED_SELECT, "masked_select broadcast", f_masked_select, "3;2,3", D_ANY, 0, 0, 0, 0, 0, 2},
    {OP_CONVOLUTION, "conv2d stride 1 padding 1", f_conv2d, "2,2,4,4;3,2,3,3;3", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_CONVOLUTION, "conv2d stride 2, no bias", f_conv2d, "1,1,5,6;2,1,2,3", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_CONVOLUTION, "conv2d groups=2, input fixed", f_conv2d, "1,4,4,4;2,2,2,2;2", D_ANY, 2, 1, 0, 0, 0, 1},
    {OP_MAX_POOL2D, "max_pool2d(2)", f_max_pool2d, "2,2,4,5", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_MAX_POOL2D, "max_pool2d(2, stride=1, padding=1) 3-d", f_max_pool2d, "2,3,3", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_SOFTMAX, "softmax(1)", f_softmax, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_SOFTMAX, "softmax(0) of 3-d", f_softmax, "3,2,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_LOG_SOFTMAX, "log_softmax(-1)", f_softmax, "3,4", D_ANY, 0, -1, 0, 0, 0, 0},
    {OP_LOG_SOFTMAX, "log_softmax(1) of 3-d", f_softmax, "2,3,2", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_MSE_LOSS, "mse_loss mean", f_mse_loss, "3,4;3,4", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_MSE_LOSS, "mse_loss none", f_mse_loss, "3,4;3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_MSE_LOSS, "mse_loss sum, target fixed", f_mse_loss, "5;5", D_ANY, 0, 0, 2, 0, 0, 2},
    {OP_NLL_LOSS, "nll_loss mean", f_nll_loss, "3,4", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_NLL_LOSS, "nll_loss none, ignore_index", f_nll_loss, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_NLL_LOSS, "nll_loss sum, weighted", f_nll_loss, "3,4;4", D_POS, 0, 1, 2, 0, 0, 2},
    {OP_LEAKY_RELU, "leaky_relu(0.2)", f_leaky_relu, "3,4", D_ANY, 0.2, 0, 0, 0, 0, 0},
    {OP_LEAKY_RELU_, "leaky_relu_(0.1) on non-leaf", f_leaky_relu_, "3,4", D_ANY, 0.1, 0, 0, 0, 0, 0},
    {OP_GELU, "gelu", f_gelu, "3,4", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_GELU, "gelu tanh", f_gelu, "3,4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_BINARY_CROSS_ENTROPY, "bce mean", f_bce, "3,4;3,4", D_ANY, 0, 0, 1, 0, 0, 0},
    {OP_BINARY_CROSS_ENTROPY, "bce none, weighted", f_bce, "3,4;3,4;4", D_ANY, 0, 0, 0, 0, 0, 4},
    {OP_BCE_WITH_LOGITS, "bce_with_logits sum", f_bce_logits, "3,4;3,4", D_ANY, 0, 0, 2, 0, 0, 0},
    {OP_BCE_WITH_LOGITS, "bce_with_logits mean, pos_weight", f_bce_logits, "3,4;3,4;4", D_ANY, 0, 0, 1, 0, 0, 4},
    {OP_AVG_POOL2D, "avg_pool2d(3, 2, 1) ceil", f_avg_pool2d, "2,2,5,6", D_ANY, 0, 1, 1, 0, 0, 0},
    {OP_AVG_POOL2D, "avg_pool2d no pad count, divisor 5", f_avg_pool2d, "2,4,5", D_ANY, 5, 0, 0, 0, 0, 0},
    {OP_ADAPTIVE_AVG_POOL2D, "adaptive_avg_pool2d(2, 3)", f_adaptive_avg_pool2d, "2,5,7", D_ANY, 0, 2, 3, 0, 0, 0},
    {OP_BATCH_NORM, "batch_norm training", f_batch_norm, "4,3,2,2;3;3", D_ANY, 0, 0, 0, 0, 0, 0},
    {OP_BATCH_NORM, "batch_norm eval", f_batch_norm, "3,2,3;2;2", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_LAYER_NORM, "layer_norm(4)", f_layer_norm, "2,3,4;4;4", D_ANY, 0, 1, 0, 0, 0, 0},
    {OP_LAYER_NORM, "layer_norm((3, 4))", f_layer_norm, "2,3,4;3,4;3,4", D_ANY, 0, 2, 0, 0, 0, 0},
    {OP_EMBEDDING, "embedding", f_embedding, "5,3", D_ANY, 0, -1, 0, 0, 0, 0},
    {OP_EMBEDDING, "embedding, unused padding_idx 3", f_embedding, "5,3", D_ANY, 0, 3, 0, 0, 0, 0},
};

// Cases whose first derivative is gradchecked again (second derivatives).
static const char *const gradgrad[] = {
    "mul broadcast", "div broadcast", "pow tensor", "x ** 3", "OP_EXP", "OP_LOG", "OP_TANH",
    "OP_SIGMOID", "OP_SIN", "OP_SQRT", "OP_RECIPROCAL", "OP_ERF", "atan2", "mm", "bmm", "mv", "dot",
    "addmm beta=2 alpha=0.5", "matmul 2-d @ 3-d (fold, transposed)", "sum((0, -1), keepdim)",
    "mean(-1)", "prod", "prod with a zero", "var(1, correction=0, keepdim)", "std(1)",
    "norm(p=3, dim=1, keepdim)", "logsumexp(-1)", "cumsum(1)", "cumprod(1)", "select(1, -1)",
    "x[:, 0:5:2]", "diagonal(1)", "cat", "stack(-1)", "unbind(1)", "split([1, 3, 1], -1)",
    "where broadcast", "gather(1)", "index_select(1)", "x[:, [1, 1, 0]]", "take",
    "masked_select broadcast", "mul_ on non-leaf", "mul_ on a view (CopySlices)",
    "z[i] = x[i] * x[i]", "max(1)", "amax((0, 2))", "lerp tensor", "maximum", "clamp tensors",
};

static int run_case(void *ctx, Tensor *const *in, int nin, Tensor **out, int *nout) {
    (void)nin;
    const Case *c = ctx;
    out[0] = c->f(c, in);
    *nout = 1;
    return out[0] ? 0 : -1;
}

static int check(const Case *c, const Case *as) {
    int64_t shapes[4][TENSOR_MAX_DIMS];
    int ndims[4];
    int64_t live = tensor_live_count();
    int nin = parse_shapes(c->shapes, shapes, ndims);
    Tensor *in[4] = {0};
    for (int i = 0; i < nin; i++) {
        in[i] = random_tensor(ndims[i], shapes[i], c->domain);
        if (c->op == OP_PROD || c->op == OP_PROD_DIM || c->op == OP_CUMPROD) plant_zeros(c, in[i]);
        if (!(c->no_grad & (1u << i))) ag_set_requires_grad(in[i], true);
    }
    double eps = c->eps ? c->eps : 1e-6, atol = c->atol ? c->atol : 1e-5;
    int rc = ag_gradcheck(run_case, (void *)as, in, nin, eps, atol, 1e-3, true);
    if (rc != 1)
        fprintf(stderr, "gradcheck failed: %s%s: %s\n", as == c ? "" : "second derivative of ", c->what,
                tl_error_message());
    tl_error_clear();
    for (int i = 0; i < nin; i++) tensor_release(in[i]);
    if (tensor_live_count() != live)
        fprintf(stderr, "%s: %lld tensors leaked\n", as->what, (long long)(tensor_live_count() - live));
    return rc == 1 && tensor_live_count() == live;
}

static const Case *find_case(const char *what) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(cases[i].what, what) == 0) return &cases[i];
    return NULL;
}

int main(void) {
    size_t ncases = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < ncases; i++) CHECK(check(&cases[i], &cases[i]));

    Case gg = {0};
    gg.f = f_gradgrad;
    for (size_t i = 0; i < sizeof gradgrad / sizeof gradgrad[0]; i++) {
        const Case *c = find_case(gradgrad[i]);
        CHECK(c != NULL);
        if (!c) continue;
        gg_inner = c;
        gg.what = c->what;
        gg.shapes = c->shapes;
        gg.domain = c->domain;
        gg.no_grad = c->no_grad;
        gg.i0 = c->i0;
        CHECK(check(c, &gg));
    }

    // Every differentiable row of ops.def has at least one case.
    for (int op = 0; op < OP__COUNT; op++) {
        if (!ag_backward_fns[op]) continue;
        bool found = false;
        for (size_t i = 0; i < ncases && !found; i++) found = cases[i].op == (OpCode)op;
        if (!found) fprintf(stderr, "no gradcheck case for %s\n", op_info[op].name);
        CHECK(found);
    }
    CHECK(ag_live_nodes() == 0);
    return test_summary();
}
