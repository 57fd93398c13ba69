// The nn kernels (tensor/nn.h, tensor/vecmath.h) against independent
// oracles: values real PyTorch 1.13 computed (nn_cases.h, bit for bit where
// PyTorch's arithmetic is reproduced), naive direct loops for convolution
// and pooling, and central differences for every backward function.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "harness.h"
#include "nn_cases.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/vecmath.h"

// ---- helpers ----

static float f32_of(uint32_t u) {
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static uint32_t bits_of(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

// sin(i * a + b) * scale, as gen_nn_cases.py builds its inputs.
static Tensor *wave(int ndim, const int64_t *shape, double a, double b, double scale, DType dt) {
    Tensor *t = tensor_empty(ndim, shape, dt);
    for (int64_t i = 0; i < tensor_numel(t); i++) tensor_set_flat(t, i, sin((double)i * a + b) * scale);
    return t;
}

static bool same_bits_f32(const Tensor *t, const uint32_t *want, int64_t n) {
    if (!t || t->dtype != DT_F32 || tensor_numel(t) != n) return false;
    int bad = 0;
    for (int64_t i = 0; i < n; i++)
        if (bits_of((float)tensor_get_flat(t, i)) != want[i]) {
            if (bad++ < 3) fprintf(stderr, "  [%lld] %.9g, PyTorch %.9g\n", (long long)i, tensor_get_flat(t, i), f32_of(want[i]));
        }
    return bad == 0;
}

// Sum of f(inputs) * G for numeric gradients.
typedef Tensor *(*Fn)(Tensor *const *in, const void *ctx);

static double weighted_sum(Fn f, Tensor *const *in, const void *ctx, const Tensor *G) {
    Tensor *y = f(in, ctx);
    double s = 0;
    for (int64_t i = 0; i < tensor_numel(y); i++) s += tensor_get_flat(y, i) * (G ? tensor_get_flat(G, i) : 1);
    tensor_release(y);
    return s;
}

// Central differences of sum(f(in) * G) with respect to in[k] (float64),
// compared with [analytic].
static bool numeric_grad_ok(Fn f, Tensor *const *in, int k, const void *ctx, const Tensor *G,
                            const Tensor *analytic) {
    const double eps = 1e-6;
    Tensor *x = in[k];
    if (!analytic || tensor_numel(analytic) != tensor_numel(x)) return false;
    bool ok = true;
    for (int64_t i = 0; i < tensor_numel(x); i++) {
        double v = tensor_get_flat(x, i);
        tensor_set_flat(x, i, v + eps);
        double up = weighted_sum(f, in, ctx, G);
        tensor_set_flat(x, i, v - eps);
        double down = weighted_sum(f, in, ctx, G);
        tensor_set_flat(x, i, v);
        double num = (up - down) / (2 * eps), an = tensor_get_flat(analytic, i);
        if (fabs(num - an) > 1e-6 + 1e-5 * fabs(num)) {
            if (ok) fprintf(stderr, "  input %d [%lld]: numeric %.10g, analytic %.10g\n", k, (long long)i, num, an);
            ok = false;
        }
    }
    return ok;
}

// ---- vectorised exp / log ----

static void test_vecmath(void) {
    int n = (int)(sizeof case_exp_in / sizeof *case_exp_in), bad = 0;
    for (int i = 0; i < n; i++) bad += bits_of(tensor_vec_expf(f32_of(case_exp_in[i]))) != case_exp_out[i];
    CHECK(bad == 0);
    n = (int)(sizeof case_log_in / sizeof *case_log_in), bad = 0;
    for (int i = 0; i < n; i++) bad += bits_of(tensor_vec_logf(f32_of(case_log_in[i]))) != case_log_out[i];
    CHECK(bad == 0);
    CHECK(isnan(tensor_vec_logf(-1.0f)) && tensor_vec_logf(0.0f) == -INFINITY && tensor_vec_expf(200.0f) == INFINITY);
}

// ---- convolution ----

// Direct loops over the definition, in double.
static Tensor *conv_naive(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a) {
    int64_t N = x->shape[0], C = x->shape[1], H = x->shape[2], W = x->shape[3];
    int64_t O = w->shape[0], Cg = w->shape[1], KH = w->shape[2], KW = w->shape[3], Og = O / a->groups;
    int64_t OH = (H + 2 * a->padding[0] - a->dilation[0] * (KH - 1) - 1) / a->stride[0] + 1;
    int64_t OW = (W + 2 * a->padding[1] - a->dilation[1] * (KW - 1) - 1) / a->stride[1] + 1;
    int64_t shape[4] = {N, O, OH, OW};
    Tensor *y = tensor_empty(4, shape, DT_F64);
    (void)C;
    for (int64_t n = 0; n < N; n++)
        for (int64_t o = 0; o < O; o++)
            for (int64_t oh = 0; oh < OH; oh++)
                for (int64_t ow = 0; ow < OW; ow++) {
                    double acc = b ? tensor_get_flat(b, o) : 0;
                    for (int64_t c = 0; c < Cg; c++)
                        for (int64_t kh = 0; kh < KH; kh++)
                            for (int64_t kw = 0; kw < KW; kw++) {
                                int64_t ih = oh * a->stride[0] - a->padding[0] + kh * a->dilation[0];
                                int64_t iw = ow * a->stride[1] - a->padding[1] + kw * a->dilation[1];
                                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                                int64_t ic = (o / Og) * Cg + c;
                                acc += tensor_get_flat(x, ((n * x->shape[1] + ic) * H + ih) * W + iw) *
                                       tensor_get_flat(w, ((o * Cg + c) * KH + kh) * KW + kw);
                            }
                    tensor_set_flat(y, ((n * O + o) * OH + oh) * OW + ow, acc);
                }
    return y;
}

static bool close_to(const Tensor *got, const Tensor *want, double tol) {
    if (!got || !want || got->ndim != want->ndim || tensor_numel(got) != tensor_numel(want)) return false;
    for (int d = 0; d < got->ndim; d++)
        if (got->shape[d] != want->shape[d]) return false;
    for (int64_t i = 0; i < tensor_numel(got); i++)
        if (fabs(tensor_get_flat(got, i) - tensor_get_flat(want, i)) > tol * (1 + fabs(tensor_get_flat(want, i))))
            return false;
    return true;
}

typedef struct {
    int64_t x[4], w[4];
    Conv2dArgs a;
    bool bias;
} ConvCase;

static const ConvCase conv_cases[] = {
    {{1, 1, 5, 5}, {2, 1, 3, 3}, {{1, 1}, {0, 0}, {1, 1}, 1}, true},
    {{2, 3, 7, 6}, {4, 3, 3, 2}, {{2, 1}, {1, 2}, {1, 1}, 1}, true},
    {{2, 4, 6, 6}, {6, 2, 2, 2}, {{1, 1}, {1, 1}, {2, 2}, 2}, false},
    {{1, 6, 4, 4}, {6, 1, 3, 3}, {{1, 1}, {1, 1}, {1, 1}, 6}, true},     // depthwise
    {{3, 2, 4, 5}, {5, 2, 1, 1}, {{1, 1}, {0, 0}, {1, 1}, 1}, true},     // 1x1: columns are the input
    {{1, 2, 32, 32}, {3, 2, 5, 5}, {{1, 1}, {0, 0}, {1, 1}, 1}, true},
};

static void test_conv_forward(void) {
    for (size_t k = 0; k < sizeof conv_cases / sizeof *conv_cases; k++) {
        const ConvCase *c = &conv_cases[k];
        int64_t bs = c->w[0];
        for (int pass = 0; pass < 2; pass++) {
            DType dt = pass ? DT_F32 : DT_F64;
            Tensor *x = wave(4, c->x, 0.37, 0.1, 1.0, dt), *w = wave(4, c->w, 0.53, 0.7, 0.5, dt);
            Tensor *b = c->bias ? wave(1, &bs, 1.3, 0.2, 1.0, dt) : NULL;
            Tensor *y = tensor_conv2d(x, w, b, &c->a), *ref = conv_naive(x, w, b, &c->a);
            bool ok = close_to(y, ref, dt == DT_F64 ? 1e-12 : 1e-5);
            if (!ok) fprintf(stderr, "conv case %zu (%s) differs from the direct loops\n", k, dtype_name(dt));
            CHECK(ok);
            tensor_release(x), tensor_release(w), tensor_release(b), tensor_release(y), tensor_release(ref);
        }
    }
    // PyTorch's values for stride (1, 2), padding (1, 0), dilation (2, 1), groups 2.
    int64_t xs[4] = {2, 4, 5, 6}, ws[4] = {6, 2, 2, 3}, bs = 6;
    Tensor *x = wave(4, xs, 0.3, 0.0, 1.0, DT_F64), *w = wave(4, ws, 0.7, 0.5, 0.5, DT_F64);
    Tensor *b = wave(1, &bs, 1.1, 0.2, 1.0, DT_F64);
    Conv2dArgs a = {{1, 2}, {1, 0}, {2, 1}, 2};
    Tensor *y = tensor_conv2d(x, w, b, &a);
    CHECK(y && memcmp(y->shape, case_conv_out_shape, sizeof case_conv_out_shape) == 0);
    bool ok = y != NULL;
    for (int64_t i = 0; ok && i < tensor_numel(y); i++) ok = fabs(tensor_get_flat(y, i) - case_conv_out[i]) < 1e-12;
    CHECK(ok);
    tensor_release(x), tensor_release(w), tensor_release(b), tensor_release(y);
    // Integer convolutions run through float64 and come back as integers.
    int64_t s1[4] = {1, 1, 3, 3}, s2[4] = {1, 1, 2, 2};
    Tensor *xi = tensor_zeros(4, s1, DT_I64), *wi = tensor_zeros(4, s2, DT_I64);
    for (int i = 0; i < 9; i++) tensor_set_flat_i64(xi, i, i);
    for (int i = 0; i < 4; i++) tensor_set_flat_i64(wi, i, 1);
    Conv2dArgs plain = {{1, 1}, {0, 0}, {1, 1}, 1};
    Tensor *yi = tensor_conv2d(xi, wi, NULL, &plain);
    CHECK(yi && yi->dtype == DT_I64 && tensor_get_flat_i64(yi, 0) == 8 && tensor_get_flat_i64(yi, 3) == 24);
    tensor_release(xi), tensor_release(wi), tensor_release(yi);
}

static Tensor *conv_fn(Tensor *const *in, const void *ctx) { return tensor_conv2d(in[0], in[1], in[2], ctx); }

static void test_conv_backward(void) {
    for (size_t k = 1; k < 5; k++) {
        const ConvCase *c = &conv_cases[k];
        int64_t bs = c->w[0];
        Tensor *in[3] = {wave(4, c->x, 0.37, 0.1, 1.0, DT_F64), wave(4, c->w, 0.53, 0.7, 0.5, DT_F64),
                         c->bias ? wave(1, &bs, 1.3, 0.2, 1.0, DT_F64) : NULL};
        Tensor *y = tensor_conv2d(in[0], in[1], in[2], &c->a);
        Tensor *G = wave(y->ndim, y->shape, 0.91, 0.3, 1.0, DT_F64);
        bool need[3] = {true, true, c->bias};
        Tensor *g[3];
        CHECK(tensor_conv2d_backward(G, in[0], in[1], &c->a, need, g) == 0);
        for (int i = 0; i < 3; i++)
            if (in[i]) {
                bool ok = numeric_grad_ok(conv_fn, in, i, &c->a, G, g[i]);
                if (!ok) fprintf(stderr, "conv backward case %zu, input %d\n", k, i);
                CHECK(ok);
            }
        for (int i = 0; i < 3; i++) tensor_release(in[i]), tensor_release(g[i]);
        tensor_release(y), tensor_release(G);
    }
}

static void test_conv_errors(void) {
    int64_t xs[4] = {1, 1, 8, 8}, ws[4] = {8, 3, 3, 3};
    Tensor *x = tensor_zeros(4, xs, DT_F32), *w = tensor_zeros(4, ws, DT_F32);
    Conv2dArgs a = {{1, 1}, {0, 0}, {1, 1}, 1};
    CHECK(tensor_conv2d(x, w, NULL, &a) == NULL);
    CHECK_STR(tl_error_message(), "Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 1, 8, 8] to "
              "have 3 channels, but got 1 channels instead");
    tl_error_clear();
    a.stride[0] = 0;
    CHECK(tensor_conv2d(x, w, NULL, &a) == NULL);
    CHECK_STR(tl_error_message(), "non-positive stride is not supported");
    tl_error_clear();
    tensor_release(x), tensor_release(w);
}

// ---- pooling ----

static void test_pool(void) {
    int64_t ps[4] = {2, 3, 7, 6};
    Tensor *p = wave(4, ps, 0.9, 0.3, 2.0, DT_F32), *v = NULL, *idx = NULL;
    Pool2dArgs a = {{3, 3}, {2, 2}, {1, 1}, {1, 1}, true};
    CHECK(tensor_max_pool2d(p, &a, &v, &idx) == 0);
    CHECK(v && memcmp(v->shape, case_pool_out_shape, sizeof case_pool_out_shape) == 0);
    int64_t n = v ? tensor_numel(v) : 0;
    CHECK(same_bits_f32(v, case_pool_values, n));
    bool ok = idx != NULL;
    for (int64_t i = 0; ok && i < n; i++) ok = tensor_get_flat_i64(idx, i) == case_pool_indices[i];
    CHECK(ok);
    tensor_release(v), tensor_release(idx);
    // Naive windows, dilation 2, no ceil, on a (C, H, W) input.
    int64_t s3[3] = {2, 9, 8};
    Tensor *q = wave(3, s3, 0.61, 0.2, 1.0, DT_F64);
    Pool2dArgs b = {{2, 3}, {3, 2}, {1, 1}, {2, 2}, false};
    CHECK(tensor_max_pool2d(q, &b, &v, &idx) == 0);
    ok = v && v->ndim == 3 && v->shape[1] == 3 && v->shape[2] == 3;
    for (int64_t c = 0; ok && c < 2; c++)
        for (int64_t oh = 0; oh < 3; oh++)
            for (int64_t ow = 0; ow < 3; ow++) {
                double best = -INFINITY;
                for (int kh = 0; kh < 2; kh++)
                    for (int kw = 0; kw < 3; kw++) {
                        int64_t h = oh * 3 - 1 + kh * 2, w = ow * 2 - 1 + kw * 2;
                        if (h >= 0 && h < 9 && w >= 0 && w < 8) best = fmax(best, tensor_get_flat(q, (c * 9 + h) * 8 + w));
                    }
                int64_t o = (c * 3 + oh) * 3 + ow;
                ok = tensor_get_flat(v, o) == best && tensor_get_flat(q, c * 72 + tensor_get_flat_i64(idx, o)) == best;
            }
    CHECK(ok);
    // Backward scatters the gradient to the winners: numeric check.
    Tensor *G = wave(v->ndim, v->shape, 0.77, 0.0, 1.0, DT_F64);
    Tensor *dq = tensor_max_pool2d_backward(G, idx, q->ndim, q->shape, DT_F64);
    double num_ok = 1;
    for (int64_t i = 0; i < tensor_numel(q); i++) {
        double x0 = tensor_get_flat(q, i), e = 1e-6, s[2];
        for (int k = 0; k < 2; k++) {
            Tensor *vv, *ii;
            tensor_set_flat(q, i, x0 + (k ? -e : e));
            tensor_max_pool2d(q, &b, &vv, &ii);
            s[k] = 0;
            for (int64_t j = 0; j < tensor_numel(vv); j++) s[k] += tensor_get_flat(vv, j) * tensor_get_flat(G, j);
            tensor_release(vv), tensor_release(ii);
        }
        tensor_set_flat(q, i, x0);
        if (fabs((s[0] - s[1]) / (2 * e) - tensor_get_flat(dq, i)) > 1e-6) num_ok = 0;
    }
    CHECK(num_ok);
    tensor_release(G), tensor_release(dq), tensor_release(v), tensor_release(idx), tensor_release(q);
    // Errors as PyTorch words them.
    int64_t tiny[4] = {1, 1, 1, 1};
    Tensor *t = tensor_zeros(4, tiny, DT_F32);
    Pool2dArgs two = {{2, 2}, {2, 2}, {0, 0}, {1, 1}, false};
    CHECK(tensor_max_pool2d(t, &two, &v, &idx) < 0);
    CHECK_STR(tl_error_message(), "Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small");
    tl_error_clear();
    tensor_release(t);
    tensor_release(p);
}

// ---- softmax ----

static void test_softmax(void) {
    int64_t s1[2] = {3, 20}, s2[3] = {2, 3, 10};
    Tensor *a = wave(2, s1, 0.53, 0.0, 4.0, DT_F32), *b = wave(3, s2, 0.61, 0.4, 3.0, DT_F32);
    Tensor *r;
    r = tensor_softmax(a, 1, false);
    CHECK(same_bits_f32(r, case_softmax_last, 60));
    tensor_release(r);
    r = tensor_softmax(a, -1, true);
    CHECK(same_bits_f32(r, case_log_softmax_last, 60));
    tensor_release(r);
    r = tensor_softmax(b, 1, false);
    CHECK(same_bits_f32(r, case_softmax_mid, 60));
    tensor_release(r);
    r = tensor_softmax(b, 1, true);
    CHECK(same_bits_f32(r, case_log_softmax_mid, 60));
    tensor_release(r);
    tensor_release(a), tensor_release(b);
}

typedef struct {
    int64_t dim;
    bool log;
} SoftmaxCtx;

static Tensor *softmax_fn(Tensor *const *in, const void *ctx) {
    const SoftmaxCtx *c = ctx;
    return tensor_softmax(in[0], c->dim, c->log);
}

static void test_softmax_backward(void) {
    int64_t shapes[3][3] = {{3, 11, 1}, {2, 3, 10}, {4, 2, 3}};
    int nd[3] = {2, 3, 3};
    SoftmaxCtx ctx[3] = {{1, false}, {1, true}, {0, false}};
    for (int k = 0; k < 3; k++)
        for (int lg = 0; lg < 2; lg++) {
            SoftmaxCtx c = {ctx[k].dim, lg};
            Tensor *x = wave(nd[k], shapes[k], 0.7, 0.1, 2.0, DT_F64);
            Tensor *y = tensor_softmax(x, c.dim, c.log), *G = wave(nd[k], shapes[k], 0.3, 0.9, 1.0, DT_F64);
            Tensor *dx = tensor_softmax_backward(G, y, c.dim, c.log);
            CHECK(numeric_grad_ok(softmax_fn, &x, 0, &c, G, dx));
            tensor_release(x), tensor_release(y), tensor_release(G), tensor_release(dx);
        }
}

// ---- losses ----

typedef struct {
    const Tensor *target, *weight;
    int reduction;
    int64_t ignore;
} LossCtx;

static Tensor *nll_fn(Tensor *const *in, const void *ctx) {
    const LossCtx *c = ctx;
    return tensor_nll_loss(in[0], c->target, c->weight, c->reduction, c->ignore);
}

static Tensor *mse_fn(Tensor *const *in, const void *ctx) {
    const LossCtx *c = ctx;
    return tensor_mse_loss(in[0], in[1], c->reduction);
}

static void test_nll(void) {
    int64_t cs[2] = {5, 4}, five = 5, four = 4, tv[5] = {3, 0, 1, 3, 2};
    Tensor *x = wave(2, cs, 0.77, 0.1, 2.0, DT_F32), *lp = tensor_softmax(x, 1, true);
    Tensor *t = tensor_empty(1, &five, DT_I64), *w = tensor_empty(1, &four, DT_F32);
    for (int i = 0; i < 5; i++) tensor_set_flat_i64(t, i, tv[i]);
    float wv[4] = {1.0f, 2.0f, 0.5f, 1.5f};
    for (int i = 0; i < 4; i++) tensor_set_flat(w, i, wv[i]);
    Tensor *r;
    r = tensor_nll_loss(lp, t, NULL, NN_REDUCTION_MEAN, -100);
    CHECK(same_bits_f32(r, case_nll_mean, 1));
    tensor_release(r);
    r = tensor_nll_loss(lp, t, w, NN_REDUCTION_MEAN, -100);
    CHECK(same_bits_f32(r, case_nll_weighted, 1));
    tensor_release(r);
    r = tensor_nll_loss(lp, t, NULL, NN_REDUCTION_NONE, 3);
    CHECK(same_bits_f32(r, case_nll_none, 5));
    tensor_release(r);
    // Gradients, float64, every reduction.
    Tensor *x64 = wave(2, cs, 0.77, 0.1, 2.0, DT_F64), *w64 = tensor_to_dtype(w, DT_F64, false);
    for (int red = 0; red < 3; red++) {
        LossCtx c = {t, red == 1 ? w64 : NULL, red, red == 0 ? 3 : -100};
        Tensor *y = tensor_nll_loss(x64, t, c.weight, red, c.ignore);
        Tensor *G = wave(y->ndim, y->shape, 0.5, 0.5, 1.0, DT_F64);
        Tensor *dx = tensor_nll_loss_backward(G, t, c.weight, 2, cs, DT_F64, red, c.ignore);
        CHECK(numeric_grad_ok(nll_fn, &x64, 0, &c, G, dx));
        tensor_release(y), tensor_release(G), tensor_release(dx);
    }
    tensor_set_flat_i64(t, 2, 4);
    CHECK(tensor_nll_loss(lp, t, NULL, NN_REDUCTION_MEAN, -100) == NULL);
    CHECK_STR(tl_error_message(), "Target 4 is out of bounds.");
    tl_error_clear();
    tensor_release(x), tensor_release(lp), tensor_release(t), tensor_release(w), tensor_release(x64), tensor_release(w64);
}

static void test_mse(void) {
    int64_t s[2] = {3, 4};
    Tensor *in[2] = {wave(2, s, 0.4, 0.0, 1.0, DT_F64), wave(2, s, 0.9, 1.0, 1.0, DT_F64)};
    double naive = 0;
    for (int i = 0; i < 12; i++) {
        double d = tensor_get_flat(in[0], i) - tensor_get_flat(in[1], i);
        naive += d * d;
    }
    Tensor *m = tensor_mse_loss(in[0], in[1], NN_REDUCTION_MEAN), *su = tensor_mse_loss(in[0], in[1], NN_REDUCTION_SUM);
    CHECK_CLOSE(tensor_get_flat(m, 0), naive / 12, 1e-14);
    CHECK_CLOSE(tensor_get_flat(su, 0), naive, 1e-13);
    tensor_release(m), tensor_release(su);
    for (int red = 0; red < 3; red++) {
        LossCtx c = {NULL, NULL, red, 0};
        Tensor *y = tensor_mse_loss(in[0], in[1], red);
        Tensor *G = wave(y->ndim, y->shape, 0.5, 0.5, 1.0, DT_F64);
        Tensor *d0 = tensor_mse_loss_backward(G, in[0], in[1], red), *d1 = tensor_mse_loss_backward(G, in[1], in[0], red);
        CHECK(numeric_grad_ok(mse_fn, in, 0, &c, G, d0));
        CHECK(numeric_grad_ok(mse_fn, in, 1, &c, G, d1));
        tensor_release(y), tensor_release(G), tensor_release(d0), tensor_release(d1);
    }
    // A Long target: the forward promotes, the backward refuses (PyTorch's kernel check).
    Tensor *f = tensor_zeros(2, s, DT_F32), *l = tensor_zeros(2, s, DT_I64), *g = tensor_zeros(0, NULL, DT_F32);
    Tensor *y = tensor_mse_loss(f, l, NN_REDUCTION_MEAN);
    CHECK(y && y->dtype == DT_F32 && tensor_get_flat(y, 0) == 0);
    CHECK(tensor_mse_loss_backward(g, f, l, NN_REDUCTION_MEAN) == NULL);
    CHECK_STR(tl_error_message(), "Found dtype Long but expected Float");
    tl_error_clear();
    tensor_release(y), tensor_release(f), tensor_release(l), tensor_release(g);
    tensor_release(in[0]), tensor_release(in[1]);
}

// ---- more layers against PyTorch's values ----

static bool close_f64(const Tensor *t, const double *want, int64_t n, double tol) {
    if (!t || tensor_numel(t) != n) return false;
    for (int64_t i = 0; i < n; i++)
        if (fabs(tensor_get_flat(t, i) - want[i]) > tol) return false;
    return true;
}

static bool close_f32(const Tensor *t, const uint32_t *want, int64_t n, double rel) {
    if (!t || tensor_numel(t) != n) return false;
    for (int64_t i = 0; i < n; i++) {
        double w = f32_of(want[i]);
        if (fabs(tensor_get_flat(t, i) - w) > rel * (fabs(w) + 1e-6)) return false;
    }
    return true;
}

static void test_more_layers(void) {
    int64_t as[4] = {2, 2, 6, 7};
    Tensor *a = wave(4, as, 0.45, 0.6, 2.0, DT_F32);
    AvgPool2dArgs ap = {{3, 3}, {2, 2}, {1, 1}, true, false, 0};
    Tensor *r = tensor_avg_pool2d(a, &ap);
    CHECK(close_f32(r, case_avg_pool, (int64_t)(sizeof case_avg_pool / sizeof *case_avg_pool), 1e-6));
    tensor_release(r), tensor_release(a);

    int64_t bs[4] = {4, 3, 2, 5}, three = 3;
    Tensor *x = wave(4, bs, 0.33, 0.2, 1.5, DT_F64), *w = wave(1, &three, 0.9, 0.1, 1.0, DT_F64);
    Tensor *b = wave(1, &three, 0.4, 0.8, 1.0, DT_F64);
    Tensor *rm = tensor_zeros(1, &three, DT_F64), *rv = tensor_zeros(1, &three, DT_F64), *out, *mean, *invstd;
    tensor_fill_(rv, tensor_scalar_float(1));
    CHECK(tensor_batch_norm(x, w, b, rm, rv, true, 0.1, 1e-5, &out, &mean, &invstd) == 0);
    CHECK(close_f64(out, case_bn_out, 120, 1e-12));
    CHECK(close_f64(rm, case_bn_running_mean, 3, 1e-14) && close_f64(rv, case_bn_running_var, 3, 1e-14));
    tensor_release(out), tensor_release(mean), tensor_release(invstd);
    tensor_release(x), tensor_release(w), tensor_release(b), tensor_release(rm), tensor_release(rv);

    int64_t ls[2] = {3, 8}, eight = 8;
    Tensor *lx = wave(2, ls, 0.71, 0.3, 2.0, DT_F32), *lw = wave(1, &eight, 0.2, 0.0, 1.0, DT_F32);
    Tensor *lb = wave(1, &eight, 0.5, 0.5, 0.3, DT_F32);
    CHECK(tensor_layer_norm(lx, 1, lw, lb, 1e-5, &out, &mean, &invstd) == 0);
    CHECK(close_f32(out, case_ln_out, 24, 1e-6));
    tensor_release(out), tensor_release(mean), tensor_release(invstd);
    tensor_release(lx), tensor_release(lw), tensor_release(lb);

    int64_t ps[2] = {3, 4}, four = 4;
    Tensor *px = wave(2, ps, 0.83, 0.1, 3.0, DT_F32), *pt = wave(2, ps, 0.37, 0.9, 1.0, DT_F32);
    for (int64_t i = 0; i < 12; i++) tensor_set_flat(pt, i, (float)((tensor_get_flat(pt, i) + 1) / 2));
    Tensor *pw = tensor_empty(1, &four, DT_F32);
    float pwv[4] = {1, 2, 0.5f, 3};
    for (int i = 0; i < 4; i++) tensor_set_flat(pw, i, pwv[i]);
    r = tensor_bce_logits(px, pt, NULL, pw, NN_REDUCTION_NONE);
    CHECK(same_bits_f32(r, case_bce_logits, 12));
    tensor_release(r);
    Tensor *sg = tensor_empty(2, ps, DT_F32);
    for (int64_t i = 0; i < 12; i++) tensor_set_flat(sg, i, 1 / (1 + exp(-tensor_get_flat(px, i))));
    r = tensor_bce(sg, pt, NULL, NN_REDUCTION_NONE);
    CHECK(close_f32(r, case_bce, 12, 1e-6));
    tensor_release(r), tensor_release(sg), tensor_release(px), tensor_release(pt), tensor_release(pw);
}

int main(void) {
    int64_t live = tensor_live_count();
    test_vecmath();
    test_conv_forward();
    test_conv_backward();
    test_conv_errors();
    test_pool();
    test_softmax();
    test_softmax_backward();
    test_nll();
    test_mse();
    test_more_layers();
    CHECK(tensor_live_count() == live);
    return test_summary();
}
