// 2-d max pooling with indices (PyTorch's max_pool2d_with_indices) and its
// backward, which scatters each upstream gradient to the input position
// that won its window; average and adaptive average pooling. Output sizes and checks follow PyTorch 1.13's
// pooling_output_shape and pool2d_shape_check, messages included.
#include <math.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/nn.h"
#include "tensor/reduce.h"

void nn_pool2d_pack(OpArgs *o, const Pool2dArgs *a) {
    for (int i = 0; i < 2; i++) {
        o->dims[i] = a->kernel[i];
        o->dims[2 + i] = a->stride[i];
        o->dims[4 + i] = a->padding[i];
        o->dims[6 + i] = a->dilation[i];
    }
    o->flags = a->ceil_mode ? 1 : 0;
}

void nn_pool2d_unpack(const OpArgs *o, Pool2dArgs *a) {
    for (int i = 0; i < 2; i++) {
        a->kernel[i] = o->dims[i];
        a->stride[i] = o->dims[2 + i];
        a->padding[i] = o->dims[4 + i];
        a->dilation[i] = o->dims[6 + i];
    }
    a->ceil_mode = o->flags & 1;
}

static int64_t div_floor(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// One output extent; ceil mode drops a last window that would start in the padding.
static int out_size(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dil, bool ceil_mode,
                    int64_t *out) {
    if (stride == 0) return tl_raise_int(ERR_RUNTIME, "stride should not be zero");
    if (pad < 0) return tl_raise_int(ERR_RUNTIME, "pad must be non-negative, but got pad: %lld", (long long)pad);
    if (pad > k / 2)
        return tl_raise_int(ERR_RUNTIME, "pad should be at most half of kernel size, but got pad=%lld "
                            "and kernel_size=%lld", (long long)pad, (long long)k);
    int64_t o = div_floor(in + 2 * pad - dil * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0), stride) + 1;
    if (ceil_mode && (o - 1) * stride >= in + pad) o--;
    *out = o;
    return 0;
}

typedef struct {
    int64_t planes, H, W, OH, OW;
} PoolGeom;

// [kernel] names the kernel in the unsupported-dtype message.
static int pool_geom(const Tensor *x, const Pool2dArgs *a, PoolGeom *p, const char *kernel) {
    if (x->ndim != 3 && x->ndim != 4)
        return tl_raise_int(ERR_RUNTIME, "non-empty 3D or 4D (batch mode) tensor expected for input");
    int nd = x->ndim;
    p->H = x->shape[nd - 2], p->W = x->shape[nd - 1];
    p->planes = x->shape[nd - 3] * (nd == 4 ? x->shape[0] : 1);
    if (out_size(p->H, a->kernel[0], a->padding[0], a->stride[0], a->dilation[0], a->ceil_mode, &p->OH) < 0 ||
        out_size(p->W, a->kernel[1], a->padding[1], a->stride[1], a->dilation[1], a->ceil_mode, &p->OW) < 0)
        return -1;
    if (a->kernel[0] <= 0 || a->kernel[1] <= 0)
        return tl_raise_int(ERR_RUNTIME, "kernel size should be greater than zero, but got kH: %lld kW: %lld",
                            (long long)a->kernel[0], (long long)a->kernel[1]);
    if (a->stride[0] <= 0 || a->stride[1] <= 0)
        return tl_raise_int(ERR_RUNTIME, "stride should be greater than zero, but got dH: %lld dW: %lld",
                            (long long)a->stride[0], (long long)a->stride[1]);
    if (a->dilation[0] <= 0 || a->dilation[1] <= 0)
        return tl_raise_int(ERR_RUNTIME, "dilation should be greater than zero, but got dilationH: %lld "
                            "dilationW: %lld", (long long)a->dilation[0], (long long)a->dilation[1]);
    int64_t C = x->shape[nd - 3];
    bool valid = C != 0 && p->H != 0 && p->W != 0;    // a 4-d batch may be empty
    if (!valid) {
        char s[96];
        return tl_raise_int(ERR_RUNTIME, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch "
                            "size for input, but got:%s", tensor_shape_fmt(s, sizeof s, x->ndim, x->shape));
    }
    if (p->OH < 1 || p->OW < 1)
        return tl_raise_int(ERR_RUNTIME, "Given input size: (%lldx%lldx%lld). Calculated output size: "
                            "(%lldx%lldx%lld). Output size is too small", (long long)C, (long long)p->H,
                            (long long)p->W, (long long)C, (long long)p->OH, (long long)p->OW);
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel, reduce_type_name(x->dtype));
    return 0;
}

// Each window scans from its first in-bounds row and column; the index
// starts there too, so an all -inf window still reports a valid position.
#define DEF_POOL(T, SUF)                                                                         \
    static void pool_##SUF(const PoolGeom *p, const Pool2dArgs *a, const T *x, T *y, int64_t *idx) { \
        for (int64_t pl = 0; pl < p->planes; pl++) {                                             \
            const T *in = x + pl * p->H * p->W;                                                  \
            for (int64_t oh = 0; oh < p->OH; oh++)                                               \
                for (int64_t ow = 0; ow < p->OW; ow++) {                                         \
                    int64_t h0 = oh * a->stride[0] - a->padding[0];                              \
                    int64_t w0 = ow * a->stride[1] - a->padding[1];                              \
                    int64_t h1 = h0 + (a->kernel[0] - 1) * a->dilation[0] + 1;                   \
                    int64_t w1 = w0 + (a->kernel[1] - 1) * a->dilation[1] + 1;                   \
                    if (h1 > p->H) h1 = p->H;                                                    \
                    if (w1 > p->W) w1 = p->W;                                                    \
                    while (h0 < 0) h0 += a->dilation[0];                                         \
                    while (w0 < 0) w0 += a->dilation[1];                                         \
                    int64_t best = h0 * p->W + w0;                                               \
                    T m = -INFINITY;                                                             \
                    for (int64_t h = h0; h < h1; h += a->dilation[0])                            \
                        for (int64_t w = w0; w < w1; w += a->dilation[1]) {                      \
                            T v = in[h * p->W + w];                                              \
                            if (v > m || isnan(v)) {                                             \
                                m = v;                                                           \
                                best = h * p->W + w;                                             \
                            }                                                                    \
                        }                                                                        \
                    int64_t o = (pl * p->OH + oh) * p->OW + ow;                                  \
                    y[o] = m;                                                                    \
                    idx[o] = best;                                                               \
                }                                                                                \
        }                                                                                        \
    }
DEF_POOL(float, f32)
DEF_POOL(double, f64)

// in[0]: x contiguous; in[1]: the int64 indices output; out: the values.
int cpu_max_pool2d(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Pool2dArgs a;
    PoolGeom p;
    nn_pool2d_unpack(args, &a);
    if (pool_geom(in[0], &a, &p, "max_pool2d") < 0) return -1;
    int64_t *idx = tensor_data(in[1]);
    if (out->dtype == DT_F32) pool_f32(&p, &a, tensor_data(in[0]), tensor_data(out), idx);
    else pool_f64(&p, &a, tensor_data(in[0]), tensor_data(out), idx);
    return 0;
}

int tensor_max_pool2d(const Tensor *x, const Pool2dArgs *a, Tensor **values, Tensor **indices) {
    PoolGeom p;
    if (pool_geom(x, a, &p, "max_pool2d") < 0) return -1;
    int64_t shape[4];
    int nd = x->ndim;
    for (int d = 0; d < nd - 2; d++) shape[d] = x->shape[d];
    shape[nd - 2] = p.OH, shape[nd - 1] = p.OW;
    Tensor *xc = tensor_contiguous(x);
    Tensor *v = xc ? tensor_empty(nd, shape, x->dtype) : NULL;
    Tensor *i = v ? tensor_empty(nd, shape, DT_I64) : NULL;
    OpArgs args = {0};
    nn_pool2d_pack(&args, a);
    const Tensor *ins[2] = {xc, i};
    if (!i || op_run(OP_MAX_POOL2D, v, ins, &args) < 0) {
        tensor_release(xc), tensor_release(v), tensor_release(i);
        return -1;
    }
    tensor_release(xc);
    *values = v;
    *indices = i;
    return 0;
}

#define DEF_UNPOOL(T, SUF)                                                                       \
    static void unpool_##SUF(int64_t planes, int64_t in_plane, int64_t out_plane, const T *g,    \
                             const int64_t *idx, T *dx) {                                        \
        for (int64_t pl = 0; pl < planes; pl++)                                                  \
            for (int64_t o = 0; o < out_plane; o++)                                              \
                dx[pl * in_plane + idx[pl * out_plane + o]] += g[pl * out_plane + o];            \
    }
DEF_UNPOOL(float, f32)
DEF_UNPOOL(double, f64)

Tensor *tensor_max_pool2d_backward(const Tensor *g, const Tensor *indices, int nd,
                                   const int64_t *shape, DType dt) {
    int64_t in_plane = shape[nd - 2] * shape[nd - 1];
    int64_t out_plane = indices->shape[nd - 2] * indices->shape[nd - 1];
    int64_t numel = 1;
    for (int d = 0; d < nd; d++) numel *= shape[d];
    int64_t planes = in_plane ? numel / in_plane : 0;
    Tensor *gc = NULL, *gi = tensor_to_dtype(g, dt, false);
    if (gi) gc = tensor_contiguous(gi);
    tensor_release(gi);
    Tensor *ic = gc ? tensor_contiguous(indices) : NULL;
    Tensor *dx = ic ? tensor_zeros(nd, shape, dt) : NULL;
    if (dx) {
        if (dt == DT_F32) unpool_f32(planes, in_plane, out_plane, tensor_data(gc), tensor_data(ic), tensor_data(dx));
        else unpool_f64(planes, in_plane, out_plane, tensor_data(gc), tensor_data(ic), tensor_data(dx));
    }
    tensor_release(gc);
    tensor_release(ic);
    return dx;
}

// ---- average pooling ----

void nn_avg_pool2d_pack(OpArgs *o, const AvgPool2dArgs *a) {
    for (int i = 0; i < 2; i++) {
        o->dims[i] = a->kernel[i];
        o->dims[2 + i] = a->stride[i];
        o->dims[4 + i] = a->padding[i];
    }
    o->flags = (a->ceil_mode ? 1 : 0) | (a->count_include_pad ? 2 : 0);
    o->i[0] = a->divisor;
}

void nn_avg_pool2d_unpack(const OpArgs *o, AvgPool2dArgs *a) {
    for (int i = 0; i < 2; i++) {
        a->kernel[i] = o->dims[i];
        a->stride[i] = o->dims[2 + i];
        a->padding[i] = o->dims[4 + i];
    }
    a->ceil_mode = o->flags & 1;
    a->count_include_pad = (o->flags & 2) != 0;
    a->divisor = o->i[0];
}

static int avg_geom(const Tensor *x, const AvgPool2dArgs *a, PoolGeom *p) {
    Pool2dArgs m = {{a->kernel[0], a->kernel[1]}, {a->stride[0], a->stride[1]},
                    {a->padding[0], a->padding[1]}, {1, 1}, a->ceil_mode};
    if (x->ndim == 3 || x->ndim == 4) {
        if (a->kernel[0] <= 0 || a->kernel[1] <= 0)
            return tl_raise_int(ERR_RUNTIME, "kernel size should be greater than zero, but got kH: %lld kW: %lld",
                                (long long)a->kernel[0], (long long)a->kernel[1]);
    }
    return pool_geom(x, &m, p, "avg_pool2d_out_frame");
}

// The window of output (oh, ow) clipped to the image, and PyTorch's divisor.
typedef struct {
    int64_t h0, h1, w0, w1, div;
} AvgWindow;

static AvgWindow avg_window(const PoolGeom *p, const AvgPool2dArgs *a, int64_t oh, int64_t ow) {
    AvgWindow w;
    w.h0 = oh * a->stride[0] - a->padding[0], w.w0 = ow * a->stride[1] - a->padding[1];
    w.h1 = w.h0 + a->kernel[0], w.w1 = w.w0 + a->kernel[1];
    if (w.h1 > p->H + a->padding[0]) w.h1 = p->H + a->padding[0];
    if (w.w1 > p->W + a->padding[1]) w.w1 = p->W + a->padding[1];
    int64_t pool = (w.h1 - w.h0) * (w.w1 - w.w0);
    if (w.h0 < 0) w.h0 = 0;
    if (w.w0 < 0) w.w0 = 0;
    if (w.h1 > p->H) w.h1 = p->H;
    if (w.w1 > p->W) w.w1 = p->W;
    w.div = a->divisor ? a->divisor : a->count_include_pad ? pool : (w.h1 - w.h0) * (w.w1 - w.w0);
    return w;
}

#define DEF_AVG(T, SUF)                                                                          \
    static void avg_##SUF(const PoolGeom *p, const AvgPool2dArgs *a, const T *x, T *y) {         \
        for (int64_t pl = 0; pl < p->planes; pl++)                                               \
            for (int64_t oh = 0; oh < p->OH; oh++)                                               \
                for (int64_t ow = 0; ow < p->OW; ow++) {                                         \
                    AvgWindow w = avg_window(p, a, oh, ow);                                      \
                    T s = 0;                                                                     \
                    for (int64_t h = w.h0; h < w.h1; h++)                                        \
                        for (int64_t c = w.w0; c < w.w1; c++) s += x[(pl * p->H + h) * p->W + c]; \
                    y[(pl * p->OH + oh) * p->OW + ow] = w.h0 >= w.h1 || w.w0 >= w.w1 ? 0 : s / (T)w.div; \
                }                                                                                \
    }                                                                                            \
    static void avg_bwd_##SUF(const PoolGeom *p, const AvgPool2dArgs *a, const T *g, T *dx) {    \
        for (int64_t pl = 0; pl < p->planes; pl++)                                               \
            for (int64_t oh = 0; oh < p->OH; oh++)                                               \
                for (int64_t ow = 0; ow < p->OW; ow++) {                                         \
                    AvgWindow w = avg_window(p, a, oh, ow);                                      \
                    T v = g[(pl * p->OH + oh) * p->OW + ow] / (T)w.div;                          \
                    for (int64_t h = w.h0; h < w.h1; h++)                                        \
                        for (int64_t c = w.w0; c < w.w1; c++) dx[(pl * p->H + h) * p->W + c] += v; \
                }                                                                                \
    }
DEF_AVG(float, f32)
DEF_AVG(double, f64)

// in[0] contiguous; out of the pooled shape.
int cpu_avg_pool2d(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    AvgPool2dArgs a;
    PoolGeom p;
    nn_avg_pool2d_unpack(args, &a);
    if (avg_geom(in[0], &a, &p) < 0) return -1;
    if (out->dtype == DT_F32) avg_f32(&p, &a, tensor_data(in[0]), tensor_data(out));
    else avg_f64(&p, &a, tensor_data(in[0]), tensor_data(out));
    return 0;
}

static void pooled_shape(const Tensor *x, const PoolGeom *p, int64_t *shape) {
    int nd = x->ndim;
    for (int d = 0; d < nd - 2; d++) shape[d] = x->shape[d];
    shape[nd - 2] = p->OH, shape[nd - 1] = p->OW;
}

Tensor *tensor_avg_pool2d(const Tensor *x, const AvgPool2dArgs *a) {
    PoolGeom p;
    if (avg_geom(x, a, &p) < 0) return NULL;
    int64_t shape[4];
    pooled_shape(x, &p, shape);
    Tensor *xc = tensor_contiguous(x), *y = xc ? tensor_empty(x->ndim, shape, x->dtype) : NULL;
    OpArgs args = {0};
    nn_avg_pool2d_pack(&args, a);
    const Tensor *ins[1] = {xc};
    if (y && op_run(OP_AVG_POOL2D, y, ins, &args) < 0) {
        tensor_release(y);
        y = NULL;
    }
    tensor_release(xc);
    return y;
}

Tensor *tensor_avg_pool2d_backward(const Tensor *g, int nd, const int64_t *shape, DType dt,
                                   const AvgPool2dArgs *a) {
    Tensor *shape_only = tensor_empty(nd, shape, dt);   // geometry only: no data is read
    PoolGeom p;
    if (!shape_only || avg_geom(shape_only, a, &p) < 0) {
        tensor_release(shape_only);
        return NULL;
    }
    tensor_release(shape_only);
    Tensor *gi = tensor_to_dtype(g, dt, false), *gc = gi ? tensor_contiguous(gi) : NULL;
    Tensor *dx = gc ? tensor_zeros(nd, shape, dt) : NULL;
    if (dx) {
        if (dt == DT_F32) avg_bwd_f32(&p, a, tensor_data(gc), tensor_data(dx));
        else avg_bwd_f64(&p, a, tensor_data(gc), tensor_data(dx));
    }
    tensor_release(gi), tensor_release(gc);
    return dx;
}

// ---- adaptive average pooling ----

static int64_t start_index(int64_t o, int64_t out, int64_t in) { return (o * in) / out; }
static int64_t end_index(int64_t o, int64_t out, int64_t in) { return ((o + 1) * in + out - 1) / out; }

#define DEF_ADAPTIVE(T, SUF)                                                                     \
    static void adaptive_##SUF(int64_t planes, int64_t H, int64_t W, int64_t OH, int64_t OW,     \
                               const T *x, T *y, const T *g, T *dx) {                            \
        for (int64_t pl = 0; pl < planes; pl++)                                                  \
            for (int64_t oh = 0; oh < OH; oh++)                                                  \
                for (int64_t ow = 0; ow < OW; ow++) {                                            \
                    int64_t h0 = start_index(oh, OH, H), h1 = end_index(oh, OH, H);              \
                    int64_t w0 = start_index(ow, OW, W), w1 = end_index(ow, OW, W);              \
                    int64_t o = (pl * OH + oh) * OW + ow;                                        \
                    if (g) {                                                                     \
                        T v = g[o] / (T)(h1 - h0) / (T)(w1 - w0);                                \
                        for (int64_t h = h0; h < h1; h++)                                        \
                            for (int64_t c = w0; c < w1; c++) dx[(pl * H + h) * W + c] += v;     \
                        continue;                                                                \
                    }                                                                            \
                    T s = 0;                                                                     \
                    for (int64_t h = h0; h < h1; h++)                                            \
                        for (int64_t c = w0; c < w1; c++) s += x[(pl * H + h) * W + c];          \
                    y[o] = s / (T)(h1 - h0) / (T)(w1 - w0);                                      \
                }                                                                                \
    }
DEF_ADAPTIVE(float, f32)
DEF_ADAPTIVE(double, f64)

static int64_t planes_of(int nd, const int64_t *shape) {
    int64_t n = 1;
    for (int d = 0; d < nd - 2; d++) n *= shape[d];
    return n;
}

// in[0] contiguous (N, C, H, W) or (C, H, W); out's last two dims give the output size.
int cpu_adaptive_avg_pool2d(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *x = in[0];
    int nd = x->ndim;
    if (x->dtype != DT_F32 && x->dtype != DT_F64)
        return tl_raise_int(ERR_RUNTIME, "\"adaptive_avg_pool2d\" not implemented for '%s'", reduce_type_name(x->dtype));
    int64_t H = x->shape[nd - 2], W = x->shape[nd - 1], OH = out->shape[nd - 2], OW = out->shape[nd - 1];
    if (x->dtype == DT_F32)
        adaptive_f32(planes_of(nd, x->shape), H, W, OH, OW, tensor_data(x), tensor_data(out), NULL, NULL);
    else
        adaptive_f64(planes_of(nd, x->shape), H, W, OH, OW, tensor_data(x), tensor_data(out), NULL, NULL);
    return 0;
}

Tensor *tensor_adaptive_avg_pool2d(const Tensor *x, int64_t oh, int64_t ow) {
    if (x->ndim != 3 && x->ndim != 4)
        return tl_raise(ERR_RUNTIME, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got %s",
                        x->ndim < 3 ? "fewer dims" : "more dims");
    for (int d = 1; d < x->ndim; d++)
        if (x->shape[d] == 0) {
            char s[96];
            return tl_raise(ERR_RUNTIME, "adaptive_avg_pool2d(): Expected input to have non-zero size for "
                            "non-batch dimensions, but input has sizes %s with dimension %d being empty",
                            tensor_shape_fmt(s, sizeof s, x->ndim, x->shape), d);
        }
    if (oh < 0 || ow < 0) return tl_raise(ERR_RUNTIME, "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {%lld, %lld}", (long long)oh, (long long)ow);
    int64_t shape[4];
    int nd = x->ndim;
    for (int d = 0; d < nd - 2; d++) shape[d] = x->shape[d];
    shape[nd - 2] = oh, shape[nd - 1] = ow;
    Tensor *xc = tensor_contiguous(x), *y = xc ? tensor_empty(nd, shape, x->dtype) : NULL;
    const Tensor *ins[1] = {xc};
    if (y && op_run(OP_ADAPTIVE_AVG_POOL2D, y, ins, NULL) < 0) {
        tensor_release(y);
        y = NULL;
    }
    tensor_release(xc);
    return y;
}

Tensor *tensor_adaptive_avg_pool2d_backward(const Tensor *g, int nd, const int64_t *shape, DType dt) {
    Tensor *gi = tensor_to_dtype(g, dt, false), *gc = gi ? tensor_contiguous(gi) : NULL;
    Tensor *dx = gc ? tensor_zeros(nd, shape, dt) : NULL;
    if (dx) {
        int64_t H = shape[nd - 2], W = shape[nd - 1], OH = gc->shape[nd - 2], OW = gc->shape[nd - 1];
        if (dt == DT_F32)
            adaptive_f32(planes_of(nd, shape), H, W, OH, OW, NULL, NULL, tensor_data(gc), tensor_data(dx));
        else
            adaptive_f64(planes_of(nd, shape), H, W, OH, OW, NULL, NULL, tensor_data(gc), tensor_data(dx));
    }
    tensor_release(gi), tensor_release(gc);
    return dx;
}
