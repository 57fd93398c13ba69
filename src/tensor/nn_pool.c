// 2-d max pooling with indices (PyTorch's max_pool2d_with_indices) and its
// backward, which scatters each upstream gradient to the input position
// that won its window. Output sizes and checks follow PyTorch 1.13's
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

static int pool_geom(const Tensor *x, const Pool2dArgs *a, PoolGeom *p) {
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
        return tl_raise_int(ERR_RUNTIME, "\"max_pool2d\" not implemented for '%s'", reduce_type_name(x->dtype));
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
    if (pool_geom(in[0], &a, &p) < 0) return -1;
    int64_t *idx = tensor_data(in[1]);
    if (out->dtype == DT_F32) pool_f32(&p, &a, tensor_data(in[0]), tensor_data(out), idx);
    else pool_f64(&p, &a, tensor_data(in[0]), tensor_data(out), idx);
    return 0;
}

int tensor_max_pool2d(const Tensor *x, const Pool2dArgs *a, Tensor **values, Tensor **indices) {
    PoolGeom p;
    if (pool_geom(x, a, &p) < 0) return -1;
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
