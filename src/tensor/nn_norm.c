// Batch and layer normalisation with their backwards. Statistics are
// gathered in double (PyTorch's CPU acc_type for float); the transform is
// x * alpha + beta per channel (batch norm) or (x * rstd - rstd * mean) *
// w + b per row (layer norm), fused as PyTorch's AVX2 kernels compute it.
#include <math.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"

static Tensor *contig_as(const Tensor *t, DType dt) {
    if (!t) return NULL;
    Tensor *c = tensor_to_dtype(t, dt, false);
    Tensor *r = c ? tensor_contiguous(c) : NULL;
    tensor_release(c);
    return r;
}

static double at(const Tensor *t, int64_t i, double def) { return t ? tensor_get_flat(t, i) : def; }

// ---- batch norm: x viewed as (N, C, S) ----

typedef struct {
    int64_t N, C, S;
} BnGeom;

static BnGeom bn_geom(const Tensor *x) {
    BnGeom g = {x->shape[0], x->shape[1], 1};
    for (int d = 2; d < x->ndim; d++) g.S *= x->shape[d];
    return g;
}

// in: x contiguous, w, b (may be NULL), mean, invstd (C); out = x * alpha + beta
// with alpha = invstd w, beta = b - mean alpha per channel.
int cpu_batch_norm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *x = in[0];
    BnGeom g = bn_geom(x);
    for (int64_t c = 0; c < g.C; c++) {
        double alpha = at(in[4], c, 1) * at(in[1], c, 1);
        double beta = at(in[2], c, 0) - at(in[3], c, 0) * alpha;
        for (int64_t n = 0; n < g.N; n++) {
            int64_t base = (n * g.C + c) * g.S;
            if (x->dtype == DT_F32) {
                const float *px = (const float *)tensor_data(x) + base;
                float *py = (float *)tensor_data(out) + base;
                for (int64_t s = 0; s < g.S; s++) py[s] = fmaf(px[s], (float)alpha, (float)beta);
            } else {
                const double *px = (const double *)tensor_data(x) + base;
                double *py = (double *)tensor_data(out) + base;
                for (int64_t s = 0; s < g.S; s++) py[s] = fma(px[s], alpha, beta);
            }
        }
    }
    return 0;
}

static int bn_check(const Tensor *x, const Tensor *const *params, const char *const *names) {
    if (x->ndim < 2) {
        char s[96];
        return tl_raise_int(ERR_RUNTIME, "batch_norm: expected 2D or higher input, got input of size %s",
                            tensor_shape_fmt(s, sizeof s, x->ndim, x->shape));
    }
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"batch_norm\" not implemented for '%s'", reduce_type_name(x->dtype));
    for (int i = 0; i < 4; i++)
        if (params[i] && tensor_numel(params[i]) != x->shape[1])
            return tl_raise_int(ERR_RUNTIME, "%s should contain %lld elements not %lld", names[i],
                                (long long)x->shape[1], (long long)tensor_numel(params[i]));
    return 0;
}

int tensor_batch_norm(const Tensor *x, const Tensor *w, const Tensor *b, Tensor *running_mean,
                      Tensor *running_var, bool training, double momentum, double eps, Tensor **out,
                      Tensor **mean, Tensor **invstd) {
    static const char *const names[] = {"weight", "bias", "running_mean", "running_var"};
    const Tensor *params[4] = {w, b, running_mean, running_var};
    if (bn_check(x, params, names) < 0) return -1;
    if (!training && (!running_mean || !running_var))
        return tl_raise_int(ERR_RUNTIME, "running_mean must be defined in evaluation mode");
    BnGeom g = bn_geom(x);
    Tensor *xc = tensor_contiguous(x);
    Tensor *m = xc ? tensor_empty(1, &g.C, x->dtype) : NULL, *is = m ? tensor_empty(1, &g.C, x->dtype) : NULL;
    if (!is) goto fail;
    int64_t n = g.N * g.S;
    for (int64_t c = 0; c < g.C; c++) {
        if (!training) {
            tensor_set_flat(m, c, tensor_get_flat(running_mean, c));
            tensor_set_flat(is, c, 1 / sqrt(tensor_get_flat(running_var, c) + eps));
            continue;
        }
        double sum = 0, var_sum = 0;
        for (int64_t i = 0; i < g.N; i++)
            for (int64_t s = 0; s < g.S; s++) sum += tensor_get_flat(xc, (i * g.C + c) * g.S + s);
        double mu = sum / (double)n;
        for (int64_t i = 0; i < g.N; i++)
            for (int64_t s = 0; s < g.S; s++) {
                double d = tensor_get_flat(xc, (i * g.C + c) * g.S + s) - mu;
                var_sum += d * d;
            }
        tensor_set_flat(m, c, mu);
        tensor_set_flat(is, c, 1 / sqrt(var_sum / (double)n + eps));
        if (running_mean)
            tensor_set_flat(running_mean, c, momentum * mu + (1 - momentum) * tensor_get_flat(running_mean, c));
        if (running_var && n > 1)
            tensor_set_flat(running_var, c, momentum * var_sum / (double)(n - 1) +
                                                (1 - momentum) * tensor_get_flat(running_var, c));
    }
    if (running_mean) running_mean->storage->version++;
    if (running_var) running_var->storage->version++;
    Tensor *y = tensor_empty(x->ndim, x->shape, x->dtype);
    Tensor *wc = contig_as(w, x->dtype), *bc = contig_as(b, x->dtype);
    const Tensor *ins[5] = {xc, wc, bc, m, is};
    if (!y || op_run(OP_BATCH_NORM, y, ins, NULL) < 0) {
        tensor_release(y), tensor_release(wc), tensor_release(bc);
        goto fail;
    }
    tensor_release(wc), tensor_release(bc), tensor_release(xc);
    *out = y, *mean = m, *invstd = is;
    return 0;
fail:
    tensor_release(xc), tensor_release(m), tensor_release(is);
    return -1;
}

int tensor_batch_norm_backward(const Tensor *g, const Tensor *x, const Tensor *w, const Tensor *mean,
                               const Tensor *invstd, bool training, const bool need[3], Tensor *out[3]) {
    BnGeom geo = bn_geom(x);
    int64_t cshape[1] = {geo.C}, n = geo.N * geo.S;
    out[0] = out[1] = out[2] = NULL;
    Tensor *gc = contig_as(g, x->dtype), *xc = gc ? tensor_contiguous(x) : NULL;
    if (!xc) goto fail;
    if (need[0] && !(out[0] = tensor_empty(x->ndim, x->shape, x->dtype))) goto fail;
    if (need[1] && !(out[1] = tensor_empty(1, cshape, x->dtype))) goto fail;
    if (need[2] && !(out[2] = tensor_empty(1, cshape, x->dtype))) goto fail;
    for (int64_t c = 0; c < geo.C; c++) {
        double mu = tensor_get_flat(mean, c), is = tensor_get_flat(invstd, c), wc = at(w, c, 1);
        double sum_g = 0, dot = 0;
        for (int64_t i = 0; i < geo.N; i++)
            for (int64_t s = 0; s < geo.S; s++) {
                int64_t k = (i * geo.C + c) * geo.S + s;
                double gv = tensor_get_flat(gc, k);
                sum_g += gv;
                dot += gv * (tensor_get_flat(xc, k) - mu);
            }
        if (out[1]) tensor_set_flat(out[1], c, dot * is);
        if (out[2]) tensor_set_flat(out[2], c, sum_g);
        if (!out[0]) continue;
        for (int64_t i = 0; i < geo.N; i++)
            for (int64_t s = 0; s < geo.S; s++) {
                int64_t k = (i * geo.C + c) * geo.S + s;
                double gv = tensor_get_flat(gc, k), v;
                if (training) {
                    double xm = tensor_get_flat(xc, k) - mu;
                    v = (gv - sum_g / (double)n - xm * is * is * dot / (double)n) * is * wc;
                } else {
                    v = gv * is * wc;
                }
                tensor_set_flat(out[0], k, v);
            }
    }
    tensor_release(gc), tensor_release(xc);
    return 0;
fail:
    tensor_release(gc), tensor_release(xc);
    for (int i = 0; i < 3; i++) tensor_release(out[i]), out[i] = NULL;
    return -1;
}

// ---- layer norm: x viewed as (M, K), K the normalised elements ----

static void ln_geom(const Tensor *x, int nd, int64_t *M, int64_t *K) {
    *M = 1, *K = 1;
    for (int d = 0; d < x->ndim; d++) {
        if (d < x->ndim - nd) *M *= x->shape[d];
        else *K *= x->shape[d];
    }
}

// in: x contiguous, w, b (K, may be NULL), mean, rstd (M);
// out = fma(fma(x, rstd, -rstd * mean), w, b).
int cpu_layer_norm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    const Tensor *x = in[0], *w = in[1], *b = in[2];
    int64_t M, K;
    ln_geom(x, (int)args->i[0], &M, &K);
    for (int64_t r = 0; r < M; r++) {
        double rs = tensor_get_flat(in[4], r), sh = -rs * tensor_get_flat(in[3], r);
        for (int64_t k = 0; k < K; k++) {
            int64_t i = r * K + k;
            if (x->dtype == DT_F32) {
                float y = fmaf(((const float *)tensor_data(x))[i], (float)rs, (float)sh);
                if (w) y = fmaf(y, ((const float *)tensor_data(w))[k], b ? ((const float *)tensor_data(b))[k] : 0);
                else if (b) y += ((const float *)tensor_data(b))[k];
                ((float *)tensor_data(out))[i] = y;
            } else {
                double y = fma(((const double *)tensor_data(x))[i], rs, sh);
                if (w) y = fma(y, ((const double *)tensor_data(w))[k], b ? ((const double *)tensor_data(b))[k] : 0);
                else if (b) y += ((const double *)tensor_data(b))[k];
                ((double *)tensor_data(out))[i] = y;
            }
        }
    }
    return 0;
}

int tensor_layer_norm(const Tensor *x, int nd, const Tensor *w, const Tensor *b, double eps, Tensor **out,
                      Tensor **mean, Tensor **rstd) {
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"LayerNormKernelImpl\" not implemented for '%s'", reduce_type_name(x->dtype));
    int64_t M, K;
    ln_geom(x, nd, &M, &K);
    Tensor *xc = tensor_contiguous(x);
    Tensor *m = xc ? tensor_empty(1, &M, x->dtype) : NULL, *rs = m ? tensor_empty(1, &M, x->dtype) : NULL;
    Tensor *wc = contig_as(w, x->dtype), *bc = contig_as(b, x->dtype);
    Tensor *y = rs ? tensor_empty(x->ndim, x->shape, x->dtype) : NULL;
    if (!y) goto fail;
    for (int64_t r = 0; r < M; r++) {
        double sum = 0, var = 0;
        for (int64_t k = 0; k < K; k++) sum += tensor_get_flat(xc, r * K + k);
        double mu = sum / (double)K;
        for (int64_t k = 0; k < K; k++) {
            double d = tensor_get_flat(xc, r * K + k) - mu;
            var += d * d;
        }
        tensor_set_flat(m, r, mu);
        tensor_set_flat(rs, r, 1 / sqrt(var / (double)K + eps));
    }
    OpArgs args = {0};
    args.i[0] = nd;
    const Tensor *ins[5] = {xc, wc, bc, m, rs};
    if (op_run(OP_LAYER_NORM, y, ins, &args) < 0) goto fail;
    tensor_release(xc), tensor_release(wc), tensor_release(bc);
    *out = y, *mean = m, *rstd = rs;
    return 0;
fail:
    tensor_release(xc), tensor_release(wc), tensor_release(bc), tensor_release(m), tensor_release(rs), tensor_release(y);
    return -1;
}

int tensor_layer_norm_backward(const Tensor *g, const Tensor *x, int nd, const Tensor *w, const Tensor *mean,
                               const Tensor *rstd, const bool need[3], Tensor *out[3]) {
    int64_t M, K;
    ln_geom(x, nd, &M, &K);
    const int64_t *pshape = x->shape + x->ndim - nd;
    out[0] = out[1] = out[2] = NULL;
    Tensor *gc = contig_as(g, x->dtype), *xc = gc ? tensor_contiguous(x) : NULL;
    if (!xc) goto fail;
    if (need[0] && !(out[0] = tensor_empty(x->ndim, x->shape, x->dtype))) goto fail;
    if (need[1] && !(out[1] = tensor_zeros(nd, pshape, x->dtype))) goto fail;
    if (need[2] && !(out[2] = tensor_zeros(nd, pshape, x->dtype))) goto fail;
    for (int64_t r = 0; r < M; r++) {
        double mu = tensor_get_flat(mean, r), rs = tensor_get_flat(rstd, r), a = 0, bsum = 0;
        for (int64_t k = 0; k < K; k++) {
            int64_t i = r * K + k;
            double gv = tensor_get_flat(gc, i), xh = (tensor_get_flat(xc, i) - mu) * rs, gw = gv * at(w, k, 1);
            a += gw;
            bsum += gw * xh;
            if (out[1]) tensor_set_flat(out[1], k, tensor_get_flat(out[1], k) + gv * xh);
            if (out[2]) tensor_set_flat(out[2], k, tensor_get_flat(out[2], k) + gv);
        }
        if (!out[0]) continue;
        for (int64_t k = 0; k < K; k++) {
            int64_t i = r * K + k;
            double xh = (tensor_get_flat(xc, i) - mu) * rs, gw = tensor_get_flat(gc, i) * at(w, k, 1);
            tensor_set_flat(out[0], i, rs * (gw - a / (double)K - xh * bsum / (double)K));
        }
    }
    tensor_release(gc), tensor_release(xc);
    return 0;
fail:
    tensor_release(gc), tensor_release(xc);
    for (int i = 0; i < 3; i++) tensor_release(out[i]), out[i] = NULL;
    return -1;
}
