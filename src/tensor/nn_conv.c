// 2-d convolution on CPU: im2col + gemm (PyTorch's slow_conv2d), one gemm
// per group for a whole chunk of images, with the backward (col2im for the
// input gradient, gemm against the columns for the weight gradient). The checks
// and their messages follow PyTorch 1.13's check_shape_forward.
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "tensor/blas.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"

void nn_conv2d_pack(OpArgs *o, const Conv2dArgs *a) {
    for (int i = 0; i < 2; i++) {
        o->dims[i] = a->stride[i];
        o->dims[2 + i] = a->padding[i];
        o->dims[4 + i] = a->dilation[i];
    }
    o->i[0] = a->groups;
}

void nn_conv2d_unpack(const OpArgs *o, Conv2dArgs *a) {
    for (int i = 0; i < 2; i++) {
        a->stride[i] = o->dims[i];
        a->padding[i] = o->dims[2 + i];
        a->dilation[i] = o->dims[4 + i];
    }
    a->groups = o->i[0];
}

// ---- geometry ----

typedef struct {
    int64_t N, C, H, W;          // input
    int64_t O, Cg, KH, KW;       // weight: O filters of Cg channels
    int64_t OH, OW, G, Og;       // output plane, groups, filters per group
    int64_t sh, sw, ph, pw, dh, dw;
} ConvGeom;

static void geom_of(ConvGeom *c, const Tensor *x, const Tensor *w, const Conv2dArgs *a) {
    c->N = x->shape[0], c->C = x->shape[1], c->H = x->shape[2], c->W = x->shape[3];
    c->O = w->shape[0], c->Cg = w->shape[1], c->KH = w->shape[2], c->KW = w->shape[3];
    c->sh = a->stride[0], c->sw = a->stride[1], c->ph = a->padding[0], c->pw = a->padding[1];
    c->dh = a->dilation[0], c->dw = a->dilation[1];
    c->G = a->groups, c->Og = c->O / a->groups;
    c->OH = (c->H + 2 * c->ph - c->dh * (c->KH - 1) - 1) / c->sh + 1;
    c->OW = (c->W + 2 * c->pw - c->dw * (c->KW - 1) - 1) / c->sw + 1;
}

static char *fmt_shape(char *buf, size_t cap, const Tensor *t) {
    return tensor_shape_fmt(buf, cap, t->ndim, t->shape);
}

// C's name of a dtype, as PyTorch's "Input type (double) and bias type
// (float) should be the same" prints it.
static const char *c_type_name(DType dt) {
    static const char *const names[] = {
        [DT_BOOL] = "bool", [DT_U8] = "unsigned char", [DT_I8] = "signed char",
        [DT_I16] = "short int", [DT_I32] = "int", [DT_I64] = "long int",
        [DT_F16] = "c10::Half", [DT_BF16] = "c10::BFloat16", [DT_F32] = "float", [DT_F64] = "double",
    };
    return (unsigned)dt < DT__COUNT ? names[dt] : "?";
}

static int check_args(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a) {
    char s1[96], s2[96];
    for (int i = 0; i < 2; i++) {
        if (a->padding[i] < 0) return tl_raise_int(ERR_RUNTIME, "negative padding is not supported");
        if (a->stride[i] <= 0) return tl_raise_int(ERR_RUNTIME, "non-positive stride is not supported");
        if (a->dilation[i] <= 0) return tl_raise_int(ERR_RUNTIME, "dilation should be greater than zero");
    }
    if (a->groups <= 0) return tl_raise_int(ERR_RUNTIME, "non-positive groups is not supported");
    if (w->ndim != x->ndim || x->ndim != 4)
        return tl_raise_int(ERR_RUNTIME, "Expected %d-dimensional input for %d-dimensional weight %s, "
                            "but got %d-dimensional input of size %s instead", w->ndim, w->ndim,
                            fmt_shape(s1, sizeof s1, w), x->ndim, fmt_shape(s2, sizeof s2, x));
    if (w->shape[0] < a->groups)
        return tl_raise_int(ERR_RUNTIME, "Given groups=%lld, expected weight to be at least %lld at "
                            "dimension 0, but got weight of size %s instead", (long long)a->groups,
                            (long long)a->groups, fmt_shape(s1, sizeof s1, w));
    if (w->shape[0] % a->groups)
        return tl_raise_int(ERR_RUNTIME, "Given groups=%lld, expected weight to be divisible by %lld at "
                            "dimension 0, but got weight of size [%s] instead", (long long)a->groups,
                            (long long)a->groups, fmt_shape(s1, sizeof s1, w));
    if (x->shape[1] != w->shape[1] * a->groups)
        return tl_raise_int(ERR_RUNTIME, "Given groups=%lld, weight of size %s, expected input%s to have "
                            "%lld channels, but got %lld channels instead", (long long)a->groups,
                            fmt_shape(s1, sizeof s1, w), fmt_shape(s2, sizeof s2, x),
                            (long long)(w->shape[1] * a->groups), (long long)x->shape[1]);
    if (b && (b->ndim != 1 || b->shape[0] != w->shape[0]))
        return tl_raise_int(ERR_RUNTIME, "Given weight of size %s, expected bias to be 1-dimensional "
                            "with %lld elements, but got bias of size %s instead",
                            fmt_shape(s1, sizeof s1, w), (long long)w->shape[0], fmt_shape(s2, sizeof s2, b));
    int64_t in[2], k[2];
    for (int i = 0; i < 2; i++) {
        in[i] = x->shape[2 + i] + 2 * a->padding[i];
        k[i] = a->dilation[i] * (w->shape[2 + i] - 1) + 1;
    }
    if (in[0] < k[0] || in[1] < k[1])
        return tl_raise_int(ERR_RUNTIME, "Calculated padded input size per channel: (%lld x %lld). "
                            "Kernel size: (%lld x %lld). Kernel size can't be greater than actual "
                            "input size", (long long)in[0], (long long)in[1], (long long)k[0], (long long)k[1]);
    if (b && b->dtype != x->dtype)
        return tl_raise_int(ERR_RUNTIME, "Input type (%s) and bias type (%s) should be the same",
                            c_type_name(x->dtype), c_type_name(b->dtype));
    if (w->dtype != x->dtype)
        return tl_raise_int(ERR_RUNTIME, "expected scalar type %s but found %s",
                            reduce_type_name(x->dtype), reduce_type_name(w->dtype));
    return 0;
}

// ---- gemm: C (m x n) = A (m x k) B (k x n) + beta C, row-major; ta / tb
// mean A / B are stored transposed (k x m, n x k). ----

#define DEF_GEMM(T, SUF, BLAS)                                                                   \
    static void gemm_##SUF(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const T *A,        \
                           const T *B, T beta, T *Cm) {                                          \
        if (blas_available()) {                                                                  \
            BLAS(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,  \
                 (int)m, (int)n, (int)k, 1, A, ta ? (int)m : (int)k, B, tb ? (int)k : (int)n,    \
                 beta, Cm, (int)n);                                                              \
            return;                                                                              \
        }                                                                                        \
        for (int64_t i = 0; i < m; i++)                                                          \
            for (int64_t j = 0; j < n; j++) {                                                    \
                T acc = 0;                                                                       \
                for (int64_t p = 0; p < k; p++)                                                  \
                    acc += (ta ? A[p * m + i] : A[i * k + p]) * (tb ? B[j * k + p] : B[p * n + j]); \
                Cm[i * n + j] = beta == 0 ? acc : beta * Cm[i * n + j] + acc;                    \
            }                                                                                    \
    }
DEF_GEMM(float, f32, blas_sgemm)
DEF_GEMM(double, f64, blas_dgemm)

// ---- im2col / col2im for the Cg channels of one group of one image ----
// col: (Cg * KH * KW) rows of OH * OW values, [ld] apart (several images'
// columns sit side by side); x: the group's first channel, planes of H * W.

// The output columns [lo, hi) whose input column ow * sw + off lies inside
// the image (the others read padding).
static void ow_range(const ConvGeom *c, int64_t off, int64_t *lo, int64_t *hi) {
    int64_t l = off >= 0 ? 0 : (-off + c->sw - 1) / c->sw;
    int64_t h = c->W - off <= 0 ? 0 : (c->W - off - 1) / c->sw + 1;
    *lo = l < c->OW ? l : c->OW;
    *hi = h < *lo ? *lo : h > c->OW ? c->OW : h;
}

#define DEF_IM2COL(T, SUF)                                                                       \
    static void im2col_##SUF(const ConvGeom *c, const T *x, T *col, int64_t ld) {                \
        for (int64_t ch = 0; ch < c->Cg; ch++)                                                   \
            for (int64_t kh = 0; kh < c->KH; kh++)                                               \
                for (int64_t kw = 0; kw < c->KW; kw++) {                                         \
                    T *row = col + ((ch * c->KH + kh) * c->KW + kw) * ld;                        \
                    const T *plane = x + ch * c->H * c->W;                                       \
                    for (int64_t oh = 0; oh < c->OH; oh++) {                                     \
                        int64_t ih = oh * c->sh - c->ph + kh * c->dh;                            \
                        T *r = row + oh * c->OW;                                                 \
                        if (ih < 0 || ih >= c->H) {                                              \
                            memset(r, 0, (size_t)c->OW * sizeof(T));                             \
                            continue;                                                            \
                        }                                                                        \
                        int64_t lo, hi, off = kw * c->dw - c->pw;                                \
                        ow_range(c, off, &lo, &hi);                                              \
                        const T *src = plane + ih * c->W + (hi > lo ? off + lo * c->sw : 0);    \
                        for (int64_t ow = 0; ow < lo; ow++) r[ow] = 0;                           \
                        if (c->sw == 1)                                                          \
                            memcpy(r + lo, src, (size_t)(hi - lo) * sizeof(T));                  \
                        else                                                                     \
                            for (int64_t ow = lo; ow < hi; ow++) r[ow] = src[(ow - lo) * c->sw]; \
                        for (int64_t ow = hi; ow < c->OW; ow++) r[ow] = 0;                       \
                    }                                                                            \
                }                                                                                \
    }                                                                                            \
    static void col2im_##SUF(const ConvGeom *c, const T *col, int64_t ld, T *dx) {               \
        for (int64_t ch = 0; ch < c->Cg; ch++)                                                   \
            for (int64_t kh = 0; kh < c->KH; kh++)                                               \
                for (int64_t kw = 0; kw < c->KW; kw++) {                                         \
                    const T *row = col + ((ch * c->KH + kh) * c->KW + kw) * ld;                  \
                    T *plane = dx + ch * c->H * c->W;                                            \
                    for (int64_t oh = 0; oh < c->OH; oh++) {                                     \
                        int64_t ih = oh * c->sh - c->ph + kh * c->dh;                            \
                        if (ih < 0 || ih >= c->H) continue;                                      \
                        int64_t lo, hi, off = kw * c->dw - c->pw;                                \
                        ow_range(c, off, &lo, &hi);                                              \
                        T *dst = plane + ih * c->W + (hi > lo ? off + lo * c->sw : 0);           \
                        const T *src = row + oh * c->OW;                                         \
                        for (int64_t ow = lo; ow < hi; ow++) dst[(ow - lo) * c->sw] += src[ow];  \
                    }                                                                            \
                }                                                                                \
    }
DEF_IM2COL(float, f32)
DEF_IM2COL(double, f64)

// Images per gemm: their columns (K x nb * L) stay within about 8M elements,
// so a batch costs a few large products instead of one small one per image.
static int64_t chunk_images(const ConvGeom *c) {
    int64_t per = c->Cg * c->KH * c->KW * c->OH * c->OW;
    int64_t nb = per ? ((int64_t)8 << 20) / per : c->N;
    return nb < 1 ? 1 : nb > c->N ? c->N : nb;
}

// out (N, O, OH, OW) = conv(x, w) + b, all contiguous of one floating dtype.
// Per chunk of nb images and per group: col = im2col of the images side by
// side, tmp (Og x nb L) = w_g (Og x K) @ col, then tmp is scattered to out.
#define DEF_FORWARD(T, SUF)                                                                      \
    static int forward_##SUF(const ConvGeom *c, const T *x, const T *w, const T *b, T *out) {   \
        int64_t L = c->OH * c->OW, K = c->Cg * c->KH * c->KW, nb = chunk_images(c);              \
        T *col = malloc((size_t)(K * nb * L + 1) * sizeof(T));                                   \
        T *tmp = malloc((size_t)(c->Og * nb * L + 1) * sizeof(T));                               \
        if (!col || !tmp) {                                                                      \
            free(col), free(tmp);                                                                \
            return tl_raise_int(ERR_MEMORY, "out of memory in conv2d");                          \
        }                                                                                        \
        for (int64_t n0 = 0; n0 < c->N; n0 += nb) {                                              \
            int64_t m = c->N - n0 < nb ? c->N - n0 : nb;                                         \
            for (int64_t g = 0; g < c->G; g++) {                                                 \
                for (int64_t i = 0; i < m; i++)                                                  \
                    im2col_##SUF(c, x + ((n0 + i) * c->C + g * c->Cg) * c->H * c->W, col + i * L, m * L); \
                gemm_##SUF(false, false, c->Og, m * L, K, w + g * c->Og * K, col, 0, tmp);       \
                for (int64_t i = 0; i < m; i++)                                                  \
                    for (int64_t o = 0; o < c->Og; o++) {                                        \
                        T *dst = out + ((n0 + i) * c->O + g * c->Og + o) * L;                    \
                        const T *src = tmp + o * m * L + i * L;                                  \
                        T bias = b ? b[g * c->Og + o] : 0;                                       \
                        for (int64_t l = 0; l < L; l++) dst[l] = src[l] + bias;                  \
                    }                                                                            \
            }                                                                                    \
        }                                                                                        \
        free(col), free(tmp);                                                                    \
        return 0;                                                                                \
    }
DEF_FORWARD(float, f32)
DEF_FORWARD(double, f64)

// in: x, w, b (NULL allowed), contiguous, one floating dtype; out contiguous.
int cpu_convolution(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Conv2dArgs a;
    ConvGeom c;
    nn_conv2d_unpack(args, &a);
    geom_of(&c, in[0], in[1], &a);
    const Tensor *b = in[2];
    if (out->dtype == DT_F32)
        return forward_f32(&c, tensor_data(in[0]), tensor_data(in[1]), b ? tensor_data(b) : NULL,
                           tensor_data(out));
    if (out->dtype == DT_F64)
        return forward_f64(&c, tensor_data(in[0]), tensor_data(in[1]), b ? tensor_data(b) : NULL,
                           tensor_data(out));
    return tl_raise_int(ERR_RUNTIME, "\"slow_conv2d_cpu\" not implemented for '%s'",
                        reduce_type_name(out->dtype));
}

// Contiguous copies of the operands in dtype [dt] (b may be NULL).
static int operands(const Tensor *x, const Tensor *w, const Tensor *b, DType dt, Tensor *ops[3]) {
    const Tensor *src[3] = {x, w, b};
    for (int i = 0; i < 3; i++) {
        ops[i] = NULL;
        if (!src[i]) continue;
        Tensor *t = tensor_to_dtype(src[i], dt, false);
        ops[i] = t ? tensor_contiguous(t) : NULL;
        tensor_release(t);
        if (!ops[i]) {
            for (int j = 0; j < i; j++) tensor_release(ops[j]);
            return -1;
        }
    }
    return 0;
}

Tensor *tensor_conv2d(const Tensor *x, const Tensor *w, const Tensor *b, const Conv2dArgs *a) {
    if (check_args(x, w, b, a) < 0) return NULL;
    if (x->dtype == DT_BOOL || x->dtype == DT_F16 || x->dtype == DT_BF16)
        return tl_raise(ERR_RUNTIME, "\"slow_conv2d_cpu\" not implemented for '%s'",
                        reduce_type_name(x->dtype));
    // Integer convolutions run in float64 (exact below 2^53) and convert back.
    DType dt = dtype_is_floating(x->dtype) ? x->dtype : DT_F64;
    ConvGeom c;
    geom_of(&c, x, w, a);
    Tensor *ops[3];
    if (operands(x, w, b, dt, ops) < 0) return NULL;
    int64_t shape[4] = {c.N, c.O, c.OH, c.OW};
    Tensor *out = tensor_empty(4, shape, dt);
    OpArgs args = {0};
    nn_conv2d_pack(&args, a);
    if (out && op_run(OP_CONVOLUTION, out, (const Tensor *const *)ops, &args) < 0) {
        tensor_release(out);
        out = NULL;
    }
    for (int i = 0; i < 3; i++) tensor_release(ops[i]);
    if (out && dt != x->dtype) {
        Tensor *r = tensor_to_dtype(out, x->dtype, false);
        tensor_release(out);
        out = r;
    }
    return out;
}

// ---- backward ----
// Per chunk and group, with gt (Og x nb L) the upstream gradient gathered
// like tmp above: dw_g (Og x K) += gt @ col^T; dcol (K x nb L) = w_g^T @ gt,
// then col2im adds it into each image's dx.

#define DEF_BACKWARD(T, SUF)                                                                     \
    static int backward_##SUF(const ConvGeom *c, const T *g, const T *x, const T *w, T *dx, T *dw) { \
        int64_t L = c->OH * c->OW, K = c->Cg * c->KH * c->KW, nb = chunk_images(c);              \
        T *col = malloc((size_t)(K * nb * L + 1) * sizeof(T));                                   \
        T *gt = malloc((size_t)(c->Og * nb * L + 1) * sizeof(T));                                \
        if (!col || !gt) {                                                                       \
            free(col), free(gt);                                                                 \
            return tl_raise_int(ERR_MEMORY, "out of memory in conv2d backward");                 \
        }                                                                                        \
        for (int64_t n0 = 0; n0 < c->N; n0 += nb) {                                              \
            int64_t m = c->N - n0 < nb ? c->N - n0 : nb;                                         \
            for (int64_t grp = 0; grp < c->G; grp++) {                                           \
                const T *wg = w + grp * c->Og * K;                                               \
                for (int64_t i = 0; i < m; i++)                                                  \
                    for (int64_t o = 0; o < c->Og; o++)                                          \
                        memcpy(gt + o * m * L + i * L, g + ((n0 + i) * c->O + grp * c->Og + o) * L, \
                               (size_t)L * sizeof(T));                                           \
                if (dw) {                                                                        \
                    for (int64_t i = 0; i < m; i++)                                              \
                        im2col_##SUF(c, x + ((n0 + i) * c->C + grp * c->Cg) * c->H * c->W, col + i * L, m * L); \
                    gemm_##SUF(false, true, c->Og, K, m * L, gt, col, n0 == 0 ? 0 : 1, dw + grp * c->Og * K); \
                }                                                                                \
                if (dx) {                                                                        \
                    gemm_##SUF(true, false, K, m * L, c->Og, wg, gt, 0, col);                    \
                    for (int64_t i = 0; i < m; i++)                                              \
                        col2im_##SUF(c, col + i * L, m * L, dx + ((n0 + i) * c->C + grp * c->Cg) * c->H * c->W); \
                }                                                                                \
            }                                                                                    \
        }                                                                                        \
        free(col), free(gt);                                                                     \
        return 0;                                                                                \
    }
DEF_BACKWARD(float, f32)
DEF_BACKWARD(double, f64)

int tensor_conv2d_backward(const Tensor *g, const Tensor *x, const Tensor *w, const Conv2dArgs *a,
                           const bool need[3], Tensor *out[3]) {
    out[0] = out[1] = out[2] = NULL;
    DType dt = x->dtype;
    if (dt != DT_F32 && dt != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"slow_conv2d_backward_cpu\" not implemented for '%s'",
                            reduce_type_name(dt));
    ConvGeom c;
    geom_of(&c, x, w, a);
    Tensor *ops[3];
    if (operands(g, x, w, dt, ops) < 0) return -1;
    int rc = -1;
    if (need[0] && !(out[0] = tensor_zeros(4, x->shape, dt))) goto done;
    if (need[1] && !(out[1] = tensor_empty(4, w->shape, dt))) goto done;
    if (need[0] || need[1]) {
        if (dt == DT_F32)
            rc = backward_f32(&c, tensor_data(ops[0]), tensor_data(ops[1]), tensor_data(ops[2]),
                              out[0] ? tensor_data(out[0]) : NULL, out[1] ? tensor_data(out[1]) : NULL);
        else
            rc = backward_f64(&c, tensor_data(ops[0]), tensor_data(ops[1]), tensor_data(ops[2]),
                              out[0] ? tensor_data(out[0]) : NULL, out[1] ? tensor_data(out[1]) : NULL);
        if (rc < 0) goto done;
        // N == 0 leaves dw unwritten: its gradient is zero.
        if (out[1] && c.N == 0 && tensor_zero_(out[1]) < 0) goto done;
    }
    rc = 0;
    if (need[2]) {
        int64_t dims[3] = {0, 2, 3};
        if (!(out[2] = tensor_sum(ops[0], dims, 3, false, REDUCE_NO_DTYPE))) rc = -1;
    }
done:
    for (int i = 0; i < 3; i++) tensor_release(ops[i]);
    if (rc < 0)
        for (int i = 0; i < 3; i++) {
            tensor_release(out[i]);
            out[i] = NULL;
        }
    return rc;
}
