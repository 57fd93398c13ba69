// Backward formulas of the elementwise ops, after PyTorch 1.13's
// derivatives.yaml and FunctionsManual.cpp (same operation order, so the
// gradients round as PyTorch's do). Broadcast inputs get the output-shaped
// gradient; the engine sums it back to their shape.
#include <math.h>
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "tensor/elementwise.h"

#define SAVED(i) node_saved(n, (i))
#define SAVED_OUT(j) node_saved(n, n->nin + (j))

static Tensor *scale(const Tensor *g, double s) {
    return s == 1 ? keep(g) : ag_scalar(OP_MUL, g, s);
}

static Tensor *zero0d(const Tensor *like) { return tensor_zeros(0, NULL, like->dtype); }

// z = a + alpha*b
int bwd_add(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (needs(n, 0) && put_grad(n, gin, 0, keep(gout[0])) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, scale(gout[0], n->args.s[0])) < 0) return -1;
    return 0;
}

// z = a - alpha*b
int bwd_sub(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (needs(n, 0) && put_grad(n, gin, 0, keep(gout[0])) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, scale(gout[0], -n->args.s[0])) < 0) return -1;
    return 0;
}

// z = b - alpha*a
int bwd_rsub(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (needs(n, 0) && put_grad(n, gin, 0, scale(gout[0], -n->args.s[0])) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, keep(gout[0])) < 0) return -1;
    return 0;
}

// z = a * b:  da = g * b,  db = g * a
int bwd_mul(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    if (needs(n, 0) && put_grad(n, gin, 0, x_mul(keep(g), keep(SAVED(1)))) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, x_mul(keep(g), keep(SAVED(0)))) < 0) return -1;
    return 0;
}

// z = a / b:  da = g / b,  db = -g * ((a / b) / b)
int bwd_div(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *b = SAVED(1);
    if (!b) return -1;
    if (needs(n, 0) && put_grad(n, gin, 0, x_div(keep(g), keep(b))) < 0) return -1;
    if (needs(n, 1) &&
        put_grad(n, gin, 1, x_mul(x_neg(keep(g)), x_div(x_div(keep(SAVED(0)), keep(b)), keep(b)))) < 0)
        return -1;
    return 0;
}

// Rounding division is piecewise constant: zero gradients.
int bwd_div_mode(AgNode *n, Tensor *const *gout, Tensor **gin) {
    (void)gout;
    for (int i = 0; i < 2; i++)
        if (needs(n, i) && put_grad(n, gin, i, zeros_of(&n->in[i])) < 0) return -1;
    return 0;
}

// z = a - floor(a / b) * b:  da = g,  db = -g * floor(a / b)
int bwd_remainder(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    if (needs(n, 0) && put_grad(n, gin, 0, keep(g)) < 0) return -1;
    if (needs(n, 1)) {
        const Tensor *a = SAVED(0), *b = SAVED(1);
        if (!a || !b) return -1;
        Tensor *q = tensor_div_mode(a, b, DIV_FLOOR);
        if (put_grad(n, gin, 1, x_mul(x_neg(keep(g)), q)) < 0) return -1;
    }
    return 0;
}

// z = a ** b:  da = where(b == 0, 0, g * (b * a ** (b - 1))),
//              db = g * where(a == 0 & b >= 0, 0, z * log(a))
int bwd_pow(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *a = SAVED(0), *b = SAVED(1);
    if (!a || !b) return -1;
    if (needs(n, 0)) {
        Tensor *p = x_binary(OP_POW, keep(a), x_scalar(OP_SUB, keep(b), 1.0));
        Tensor *d = x_mul(keep(g), x_mul(keep(b), p));
        if (put_grad(n, gin, 0, x_where(x_cmps(OP_EQ, keep(b), 0.0), zero0d(g), d)) < 0) return -1;
    }
    if (needs(n, 1)) {
        const Tensor *z = SAVED_OUT(0);
        if (!z) return -1;
        Tensor *cond = x_binary(OP_LOGICAL_AND, x_cmps(OP_EQ, keep(a), 0.0), x_cmps(OP_GE, keep(b), 0.0));
        Tensor *d = x_where(cond, zero0d(g), x_mul(keep(z), x_unary(OP_LOG, keep(a))));
        if (put_grad(n, gin, 1, x_mul(keep(g), d)) < 0) return -1;
    }
    return 0;
}

// a ** e for a Python scalar e of the kind stored in args (int stays int).
static Tensor *pow_kind(Tensor *a, const OpArgs *args, double delta) {
    if (!a) return NULL;
    TensorScalar e = args->mode == SCALAR_FLOAT ? tensor_scalar_float(args->s[0] + delta)
                                                : tensor_scalar_int(args->i[0] + (int64_t)delta);
    OpArgs x = *args;
    x.s[0] = tensor_scalar_as_double(e);
    x.i[0] = e.i;
    x.mode = (int)e.kind;
    const Tensor *in[1] = {a};
    Tensor *r = ag_record(OP_POW_SCALAR, tensor_pow_scalar(a, e), 1, in, &x);
    tensor_release(a);
    return r;
}

// z = a ** e:  da = g * (e * a ** (e - 1)), zero when e == 0
int bwd_pow_scalar(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const OpArgs *x = &n->args;
    double e = x->mode == SCALAR_FLOAT ? x->s[0] : (double)x->i[0];
    if (e == 0) return put_grad(n, gin, 0, zeros_of(&n->in[0]));
    Tensor *d = x_scalar(OP_MUL, pow_kind(keep(SAVED(0)), x, -1), e);
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), d));
}

// square is pow(a, 2) in PyTorch (PowBackward0).
int bwd_square(AgNode *n, Tensor *const *gout, Tensor **gin) {
    OpArgs x;
    memset(&x, 0, sizeof x);
    x.i[0] = 2;
    x.s[0] = 2;
    x.mode = SCALAR_INT;
    Tensor *d = x_scalar(OP_MUL, pow_kind(keep(SAVED(0)), &x, -1), 2);
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), d));
}

// z = atan2(a, b):  da = g * b / (a² + b²),  db = g * -a / (a² + b²)
int bwd_atan2(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *a = SAVED(0), *b = SAVED(1);
    if (!a || !b) return -1;
    Tensor *r = x_unary(OP_RECIPROCAL, x_add(x_mul(keep(a), keep(a)), x_mul(keep(b), keep(b))));
    if (!r) return -1;
    int rc = 0;
    if (needs(n, 0)) rc = put_grad(n, gin, 0, x_mul(x_mul(keep(g), keep(b)), keep(r)));
    if (rc == 0 && needs(n, 1)) rc = put_grad(n, gin, 1, x_mul(x_mul(keep(g), x_neg(keep(a))), keep(r)));
    tensor_release(r);
    return rc;
}

// maximum/minimum: the gradient goes to the larger (smaller) input, split
// in half on ties.
static int extremum(AgNode *n, const Tensor *g, Tensor **gin, bool is_max) {
    const Tensor *a = SAVED(0), *b = SAVED(1);
    if (!a || !b) return -1;
    for (int i = 0; i < 2; i++) {
        if (!needs(n, i)) continue;
        Tensor *split = x_where(x_cmp(OP_EQ, keep(a), keep(b)), x_scalar(OP_DIV, keep(g), 2), keep(g));
        OpCode lose = (i == 0) == is_max ? OP_LT : OP_GT;
        if (put_grad(n, gin, i, x_zero_where(x_cmp(lose, keep(a), keep(b)), split)) < 0) return -1;
    }
    return 0;
}

int bwd_maximum(AgNode *n, Tensor *const *gout, Tensor **gin) { return extremum(n, gout[0], gin, true); }
int bwd_minimum(AgNode *n, Tensor *const *gout, Tensor **gin) { return extremum(n, gout[0], gin, false); }

int bwd_neg(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_neg(keep(gout[0])));
}

int bwd_abs(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), x_unary(OP_SIGN, keep(SAVED(0)))));
}

int bwd_exp(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), keep(SAVED_OUT(0))));
}

int bwd_log(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_div(keep(gout[0]), keep(SAVED(0))));
}

int bwd_log2(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_div(keep(gout[0]), x_scalar(OP_MUL, keep(SAVED(0)), 0.6931471805599453)));
}

int bwd_log10(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_div(keep(gout[0]), x_scalar(OP_MUL, keep(SAVED(0)), 2.302585092994046)));
}

int bwd_log1p(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_div(keep(gout[0]), x_scalar(OP_ADD, keep(SAVED(0)), 1)));
}

int bwd_expm1(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), x_scalar(OP_ADD, keep(SAVED_OUT(0)), 1)));
}

int bwd_sqrt(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_div(keep(gout[0]), x_scalar(OP_MUL, keep(SAVED_OUT(0)), 2)));
}

// z = a ** -1/2:  da = -0.5 * g * z³
int bwd_rsqrt(AgNode *n, Tensor *const *gout, Tensor **gin) {
    Tensor *d = x_mul(x_scalar(OP_MUL, keep(gout[0]), -0.5), x_pows(keep(SAVED_OUT(0)), 3));
    return put_grad(n, gin, 0, d);
}

int bwd_sin(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), x_unary(OP_COS, keep(SAVED(0)))));
}

int bwd_cos(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), x_neg(x_unary(OP_SIN, keep(SAVED(0))))));
}

// z = tan(a):  da = g * (1 + z²)
int bwd_tan(AgNode *n, Tensor *const *gout, Tensor **gin) {
    Tensor *d = x_scalar(OP_ADD, x_pows(keep(SAVED_OUT(0)), 2), 1);
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), d));
}

// z = tanh(a):  da = g * (1 - z * z)
int bwd_tanh(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *z = SAVED_OUT(0);
    if (!z) return -1;
    Tensor *d = x_scalar(OP_RSUB, x_mul(keep(z), keep(z)), 1);
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), d));
}

// z = sigmoid(a):  da = g * (1 - z) * z
int bwd_sigmoid(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *z = SAVED_OUT(0);
    if (!z) return -1;
    return put_grad(n, gin, 0, x_mul(x_mul(keep(gout[0]), x_scalar(OP_RSUB, keep(z), 1)), keep(z)));
}

// z = relu(a):  da = g where z > 0
int bwd_relu(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_zero_where(x_cmps(OP_LE, keep(SAVED_OUT(0)), 0), keep(gout[0])));
}

// Piecewise constant functions have zero gradients.
static int zero_grad(AgNode *n, Tensor **gin) {
    return put_grad(n, gin, 0, zeros_of(&n->in[0]));
}

int bwd_sign(AgNode *n, Tensor *const *gout, Tensor **gin) { (void)gout; return zero_grad(n, gin); }
int bwd_floor(AgNode *n, Tensor *const *gout, Tensor **gin) { (void)gout; return zero_grad(n, gin); }
int bwd_ceil(AgNode *n, Tensor *const *gout, Tensor **gin) { (void)gout; return zero_grad(n, gin); }
int bwd_round(AgNode *n, Tensor *const *gout, Tensor **gin) { (void)gout; return zero_grad(n, gin); }
int bwd_round_decimals(AgNode *n, Tensor *const *gout, Tensor **gin) { (void)gout; return zero_grad(n, gin); }
int bwd_trunc(AgNode *n, Tensor *const *gout, Tensor **gin) { (void)gout; return zero_grad(n, gin); }

int bwd_frac(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, keep(gout[0]));
}

// z = 1 / a:  da = -g * (z * z)
int bwd_reciprocal(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *z = SAVED_OUT(0);
    if (!z) return -1;
    return put_grad(n, gin, 0, x_mul(x_neg(keep(gout[0])), x_mul(keep(z), keep(z))));
}

// z = erf(a):  da = 2 / sqrt(pi) * exp(-(a²)) * g
int bwd_erf(AgNode *n, Tensor *const *gout, Tensor **gin) {
    Tensor *e = x_unary(OP_EXP, x_neg(x_pows(keep(SAVED(0)), 2)));
    return put_grad(n, gin, 0, x_mul(x_scalar(OP_MUL, e, 2.0 / sqrt(M_PI)), keep(gout[0])));
}

int bwd_nan_to_num(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *a = SAVED(0);
    if (!a) return -1;
    return put_grad(n, gin, 0, x_mul(keep(gout[0]), tensor_unary(OP_ISFINITE, a, NULL)));
}

// clamp(a, min, max) with scalar bounds: the gradient passes inside [min, max].
int bwd_clamp(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *a = SAVED(0);
    if (!a) return -1;
    Tensor *in = NULL;
    if (n->args.flags & 1) in = x_cmps(OP_GE, keep(a), n->args.s[0]);
    if (n->args.flags & 2) {
        Tensor *le = x_cmps(OP_LE, keep(a), n->args.s[1]);
        in = in ? x_cmp(OP_LOGICAL_AND, in, le) : le;
    }
    if (!in) return -1;
    return put_grad(n, gin, 0, x_where(in, keep(gout[0]), zero0d(gout[0])));
}

// clamp(a, min, max) with tensor bounds (either may be absent).
int bwd_clamp_tensor(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *a = SAVED(0);
    const Tensor *lo = n->saved[1].data ? SAVED(1) : NULL, *hi = n->saved[2].data ? SAVED(2) : NULL;
    if (!a || (n->saved[1].data && !lo) || (n->saved[2].data && !hi)) return -1;
    if (needs(n, 0)) {
        Tensor *in = lo ? x_cmp(OP_GE, keep(a), keep(lo)) : NULL;
        if (hi) {
            Tensor *le = x_cmp(OP_LE, keep(a), keep(hi));
            in = in ? x_cmp(OP_LOGICAL_AND, in, le) : le;
        }
        if (put_grad(n, gin, 0, x_where(in, keep(g), zero0d(g))) < 0) return -1;
    }
    if (needs(n, 1)) {
        Tensor *m = x_cmp(OP_LT, keep(a), keep(lo));
        if (hi) m = x_cmp(OP_LOGICAL_AND, m, x_cmp(OP_LT, keep(lo), keep(hi)));
        if (put_grad(n, gin, 1, x_where(m, keep(g), zero0d(g))) < 0) return -1;
    }
    if (needs(n, 2)) {
        Tensor *m = x_cmp(OP_GT, keep(a), keep(hi));
        if (lo) m = x_cmp(OP_LOGICAL_OR, m, x_cmp(OP_LT, keep(hi), keep(lo)));
        if (put_grad(n, gin, 2, x_where(m, keep(g), zero0d(g))) < 0) return -1;
    }
    return 0;
}

// fill_ / zero_ overwrite every element.
int bwd_fill(AgNode *n, Tensor *const *gout, Tensor **gin) {
    (void)gout;
    return zero_grad(n, gin);
}

// where(cond, a, b)
int bwd_where(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *cond = SAVED(0);
    if (!cond) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, x_where(keep(cond), keep(g), zero0d(g))) < 0) return -1;
    if (needs(n, 2) && put_grad(n, gin, 2, x_where(keep(cond), zero0d(g), keep(g))) < 0) return -1;
    return 0;
}

// lerp(s, e, w) = s + w * (e - s) with a tensor weight
int bwd_lerp(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0], *w = SAVED(2);
    if (!w) return -1;
    if (needs(n, 0) && put_grad(n, gin, 0, x_mul(keep(g), x_scalar(OP_RSUB, keep(w), 1))) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, x_mul(keep(g), keep(w))) < 0) return -1;
    if (needs(n, 2) && put_grad(n, gin, 2, x_mul(keep(g), x_sub(keep(SAVED(1)), keep(SAVED(0))))) < 0)
        return -1;
    return 0;
}

// lerp(s, e, w) with a Python float weight (args s[0])
int bwd_lerp_scalar(AgNode *n, Tensor *const *gout, Tensor **gin) {
    double w = n->args.s[0];
    if (needs(n, 0) && put_grad(n, gin, 0, ag_scalar(OP_MUL, gout[0], 1 - w)) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, ag_scalar(OP_MUL, gout[0], w)) < 0) return -1;
    return 0;
}

// masked_fill(a, mask, v): the filled positions get nothing.
int bwd_masked_fill(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, x_zero_where(keep(SAVED(1)), keep(gout[0])));
}

int bwd_to_copy(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, ag_to_dtype(gout[0], n->in[0].dtype));
}

// copy_(self, src): self's old value is gone; src gets the gradient (the
// engine sums it to src's shape and casts it to src's dtype).
int bwd_copy(AgNode *n, Tensor *const *gout, Tensor **gin) {
    if (needs(n, 0) && put_grad(n, gin, 0, zeros_of(&n->in[0])) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, keep(gout[0])) < 0) return -1;
    return 0;
}

int bwd_clone(AgNode *n, Tensor *const *gout, Tensor **gin) {
    return put_grad(n, gin, 0, keep(gout[0]));
}
