// Binary cross entropy on probabilities and on logits, with their input
// and target gradients, in the arithmetic of PyTorch 1.13's CPU kernels
// (logs clamped at -100; the logits form as max(-x, 0) plus log of two
// exps, with the vectorised exp/log of tensor/vecmath.h for float32).
// Weights and pos_weight broadcast; the reductions are the ordinary
// mean/sum of the weighted elementwise loss.
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"
#include "tensor/vecmath.h"

// [t] broadcast to [like]'s shape, as a contiguous tensor of [like]'s dtype.
static Tensor *expand_contig(const Tensor *t, const Tensor *like) {
    if (!t) return NULL;
    Tensor *e = tensor_expand(t, like->ndim, like->shape);
    Tensor *c = e ? tensor_to_dtype(e, like->dtype, true) : NULL;
    Tensor *r = c ? tensor_contiguous(c) : NULL;
    tensor_release(e), tensor_release(c);
    return r;
}

static Tensor *contig(const Tensor *t) { return tensor_contiguous(t); }

static Tensor *reduce(Tensor *loss, int reduction) {
    if (!loss || reduction == NN_REDUCTION_NONE) return loss;
    Tensor *r = reduction == NN_REDUCTION_MEAN ? tensor_mean(loss, NULL, 0, false, REDUCE_NO_DTYPE)
                                               : tensor_sum(loss, NULL, 0, false, REDUCE_NO_DTYPE);
    tensor_release(loss);
    return r;
}

static int check_pair(const Tensor *x, const Tensor *t, const char *kernel) {
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel, reduce_type_name(x->dtype));
    if (t->dtype != x->dtype)
        return tl_raise_int(ERR_RUNTIME, "Found dtype %s but expected %s", reduce_type_name(t->dtype),
                            reduce_type_name(x->dtype));
    if (x->ndim != t->ndim || memcmp(x->shape, t->shape, sizeof(int64_t) * (size_t)x->ndim) != 0) {
        char s1[96], s2[96];
        return tl_raise_int(ERR_RUNTIME, "The size of target %s must match the size of input %s",
                            tensor_shape_fmt(s1, sizeof s1, t->ndim, t->shape),
                            tensor_shape_fmt(s2, sizeof s2, x->ndim, x->shape));
    }
    return 0;
}

// ---- on probabilities ----

#define DEF_BCE(T, SUF, LOG, LOG1P)                                                              \
    static int bce_##SUF(int64_t n, const T *x, const T *t, T *o) {                              \
        for (int64_t i = 0; i < n; i++) {                                                        \
            if (!(x[i] >= 0 && x[i] <= 1))                                                       \
                return tl_raise_int(ERR_RUNTIME, "all elements of input should be between 0 and 1"); \
            if (!(t[i] >= 0 && t[i] <= 1))                                                       \
                return tl_raise_int(ERR_RUNTIME, "all elements of target should be between 0 and 1"); \
            T l1 = LOG1P(-x[i]), l0 = LOG(x[i]);                                                 \
            o[i] = (t[i] - 1) * (l1 > -100 ? l1 : -100) - t[i] * (l0 > -100 ? l0 : -100);         \
        }                                                                                        \
        return 0;                                                                                \
    }
DEF_BCE(float, f32, logf, log1pf)
DEF_BCE(double, f64, log, log1p)

// in: x, t contiguous of out's shape and dtype, w (may be NULL) of any
// broadcastable shape; out: the weighted elementwise loss.
int cpu_binary_cross_entropy(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    int64_t n = tensor_numel(out);
    int rc = out->dtype == DT_F32 ? bce_f32(n, tensor_data(in[0]), tensor_data(in[1]), tensor_data(out))
                                  : bce_f64(n, tensor_data(in[0]), tensor_data(in[1]), tensor_data(out));
    if (rc == 0 && in[2]) rc = tensor_binary_(OP_MUL, out, in[2], NULL);
    return rc;
}

Tensor *tensor_bce(const Tensor *x, const Tensor *t, const Tensor *w, int reduction) {
    if (check_pair(x, t, "binary_cross_entropy") < 0) return NULL;
    Tensor *xc = contig(x), *tc = xc ? contig(t) : NULL;
    Tensor *loss = tc ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    const Tensor *ins[3] = {xc, tc, w};
    if (loss && op_run(OP_BINARY_CROSS_ENTROPY, loss, ins, NULL) < 0) {
        tensor_release(loss);
        loss = NULL;
    }
    tensor_release(xc), tensor_release(tc);
    return reduce(loss, reduction);
}

// d/dx: g (x - t) / max((1 - x) x, 1e-12);  d/dt: -g logit(x); both times
// w, over numel for the mean.
Tensor *tensor_bce_backward(const Tensor *g, const Tensor *x, const Tensor *t, const Tensor *w,
                            int reduction, bool wrt_target) {
    Tensor *xc = contig(x), *tc = xc ? contig(t) : NULL, *gc = tc ? expand_contig(g, x) : NULL;
    Tensor *wc = gc && w ? expand_contig(w, x) : NULL;
    Tensor *d = gc && (!w || wc) ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    int64_t n = tensor_numel(x);
    double norm = reduction == NN_REDUCTION_MEAN ? (double)n : 1;
    for (int64_t i = 0; d && i < n; i++) {
        double xi = tensor_get_flat(xc, i), ti = tensor_get_flat(tc, i), gi = tensor_get_flat(gc, i), v;
        if (wrt_target) v = -log(xi / (1 - xi)) * gi;
        else v = gi * (xi - ti) / fmax((1 - xi) * xi, 1e-12);
        if (wc) v *= tensor_get_flat(wc, i);
        tensor_set_flat(d, i, v / norm);
    }
    tensor_release(xc), tensor_release(tc), tensor_release(gc), tensor_release(wc);
    return d;
}

// ---- on logits ----

// loss = (1 - t) x + lw (log(exp(-m) + exp(-x - m)) + m), m = max(-x, 0),
// lw = (pw - 1) t + 1 (1 without pos_weight), in PyTorch's order.
#define DEF_BCE_LOGITS(T, SUF, EXP, LOG)                                                         \
    static void bce_logits_##SUF(int64_t n, const T *x, const T *t, const T *pw, T *o) {         \
        for (int64_t i = 0; i < n; i++) {                                                        \
            T m = -x[i] > 0 ? -x[i] : 0;                                                         \
            T s = LOG(EXP(-m) + EXP(-x[i] - m));                                                 \
            T a = (1 - t[i]) * x[i];                                                             \
            if (pw) {                                                                            \
                T lw = (pw[i] - 1) * t[i] + 1;                                                   \
                o[i] = a + lw * (s + m);                                                         \
            } else {                                                                             \
                o[i] = a + m + s;                                                                \
            }                                                                                    \
        }                                                                                        \
    }
DEF_BCE_LOGITS(float, f32, tensor_vec_expf, tensor_vec_logf)
DEF_BCE_LOGITS(double, f64, exp, log)

// in: x, t contiguous; w (may be NULL) any broadcastable shape; pw (may be
// NULL) contiguous of out's shape (the wrapper expands it).
int cpu_bce_with_logits(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    int64_t n = tensor_numel(out);
    if (out->dtype == DT_F32)
        bce_logits_f32(n, tensor_data(in[0]), tensor_data(in[1]), in[3] ? tensor_data(in[3]) : NULL, tensor_data(out));
    else
        bce_logits_f64(n, tensor_data(in[0]), tensor_data(in[1]), in[3] ? tensor_data(in[3]) : NULL, tensor_data(out));
    return in[2] ? tensor_binary_(OP_MUL, out, in[2], NULL) : 0;
}

Tensor *tensor_bce_logits(const Tensor *x, const Tensor *t, const Tensor *w, const Tensor *pw, int reduction) {
    if (check_pair(x, t, "binary_cross_entropy_with_logits") < 0) return NULL;
    Tensor *xc = contig(x), *tc = xc ? contig(t) : NULL, *pc = tc && pw ? expand_contig(pw, x) : NULL;
    Tensor *loss = tc && (!pw || pc) ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    const Tensor *ins[4] = {xc, tc, w, pc};
    if (loss && op_run(OP_BCE_WITH_LOGITS, loss, ins, NULL) < 0) {
        tensor_release(loss);
        loss = NULL;
    }
    tensor_release(xc), tensor_release(tc), tensor_release(pc);
    return reduce(loss, reduction);
}

static double log_sigmoid(double v) { return v < 0 ? v - log1p(exp(v)) : -log1p(exp(-v)); }

// d/dx: ((pw t + 1 - t) sigmoid(x) - pw t) g;  d/dt: (log_sigmoid(-x) -
// pw log_sigmoid(x)) g (-x g without pos_weight); times w, over numel for
// the mean.
Tensor *tensor_bce_logits_backward(const Tensor *g, const Tensor *x, const Tensor *t, const Tensor *w,
                                   const Tensor *pw, int reduction, bool wrt_target) {
    Tensor *xc = contig(x), *tc = xc ? contig(t) : NULL, *gc = tc ? expand_contig(g, x) : NULL;
    Tensor *wc = gc && w ? expand_contig(w, x) : NULL, *pc = gc && pw ? expand_contig(pw, x) : NULL;
    bool ok = gc && (!w || wc) && (!pw || pc);
    Tensor *d = ok ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    int64_t n = tensor_numel(x);
    double norm = reduction == NN_REDUCTION_MEAN ? (double)n : 1;
    for (int64_t i = 0; d && i < n; i++) {
        double xi = tensor_get_flat(xc, i), ti = tensor_get_flat(tc, i), gi = tensor_get_flat(gc, i), v;
        double p = pc ? tensor_get_flat(pc, i) : 1, sig = 1 / (1 + exp(-xi));
        if (wrt_target) v = (pc ? log_sigmoid(-xi) - p * log_sigmoid(xi) : -xi) * gi;
        else v = (pc ? (p * ti + 1 - ti) * sig - p * ti : sig - ti) * gi;
        if (wc) v *= tensor_get_flat(wc, i);
        tensor_set_flat(d, i, v / norm);
    }
    tensor_release(xc), tensor_release(tc), tensor_release(gc), tensor_release(wc), tensor_release(pc);
    return d;
}
