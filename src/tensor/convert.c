// dtype conversion: one loop per (source, destination) pair, stamped from
// per-dtype load/store rules, used by to(dtype), copy_, clone and the
// elementwise wrappers. Float -> int matches x86 PyTorch: out-of-range and
// NaN give INT_MIN of the 32- or 64-bit conversion, narrower ints keep the
// low bits of the 32-bit result.
#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/half.h"
#include "tensor/loops.h"
#include "tensor/storage.h"

static inline int32_t f2i32(double v) {
    return v > -2147483649.0 && v < 2147483648.0 ? (int32_t)v : INT32_MIN;
}
static inline int64_t f2i64(double v) {
    return v >= -9223372036854775808.0 && v < 9223372036854775808.0 ? (int64_t)v : INT64_MIN;
}

// Load: the source element as bool / its integer type / float / double.
#define LOAD_BOOL(v) (v)
#define LOAD_U8(v) (v)
#define LOAD_I8(v) (v)
#define LOAD_I16(v) (v)
#define LOAD_I32(v) (v)
#define LOAD_I64(v) (v)
#define LOAD_F16(v) f16_to_f32(v)
#define LOAD_BF16(v) bf16_to_f32(v)
#define LOAD_F32(v) (v)
#define LOAD_F64(v) (v)

// Store: a loaded value converted to the destination's storage type.
#define IS_FLOATY(v) _Generic((v), float: 1, double: 1, default: 0)
#define STORE_BOOL(v) ((v) != 0)
#define STORE_SMALL(T, v) (IS_FLOATY(v) ? (T)f2i32((double)(v)) : (T)(v))
#define STORE_U8(v) STORE_SMALL(uint8_t, v)
#define STORE_I8(v) STORE_SMALL(int8_t, v)
#define STORE_I16(v) STORE_SMALL(int16_t, v)
#define STORE_I32(v) STORE_SMALL(int32_t, v)
#define STORE_I64(v) (IS_FLOATY(v) ? f2i64((double)(v)) : (int64_t)(v))
#define STORE_F16(v) f32_to_f16((float)(v))
#define STORE_BF16(v) f32_to_bf16((float)(v))
#define STORE_F32(v) ((float)(v))
#define STORE_F64(v) ((double)(v))

#define DEF_CONV(SE, ST, DE, DST)                                                  \
    static void conv_##SE##_##DE(char **p, const int64_t *s, int64_t n, const OpArgs *args) { \
        DST *o = (DST *)p[0];                                                      \
        const ST *a = (const ST *)p[1];                                            \
        (void)args;                                                                \
        if (s[0] == 1 && s[1] == 1) {                                              \
            SIMD for (int64_t i = 0; i < n; i++) o[i] = STORE_##DE(LOAD_##SE(a[i])); \
        } else {                                                                   \
            for (int64_t i = 0; i < n; i++) o[i * s[0]] = STORE_##DE(LOAD_##SE(a[i * s[1]])); \
        }                                                                          \
    }

// For every destination (outer) and source (inner) dtype.
#define CONV_FROM(SE, ST, DE, DST) DEF_CONV(SE, ST, DE, DST)
#define CONV_TO(DE, DST, NAME, CAT)                                                \
    CONV_FROM(BOOL, bool, DE, DST) CONV_FROM(U8, uint8_t, DE, DST)                 \
    CONV_FROM(I8, int8_t, DE, DST) CONV_FROM(I16, int16_t, DE, DST)                \
    CONV_FROM(I32, int32_t, DE, DST) CONV_FROM(I64, int64_t, DE, DST)              \
    CONV_FROM(F16, uint16_t, DE, DST) CONV_FROM(BF16, uint16_t, DE, DST)           \
    CONV_FROM(F32, float, DE, DST) CONV_FROM(F64, double, DE, DST)
#define DT(E, T, NAME, CAT) CONV_TO(E, T, NAME, CAT)
#include "tensor/dtype.def"
#undef DT

#define ROW(DE, NAME) [DT_##DE] = {                                      \
    [DT_BOOL] = conv_BOOL_##DE, [DT_U8] = conv_U8_##DE, [DT_I8] = conv_I8_##DE,    \
    [DT_I16] = conv_I16_##DE, [DT_I32] = conv_I32_##DE, [DT_I64] = conv_I64_##DE,  \
    [DT_F16] = conv_F16_##DE, [DT_BF16] = conv_BF16_##DE, [DT_F32] = conv_F32_##DE, \
    [DT_F64] = conv_F64_##DE },
// conv_loops[dst][src]
static const IterLoop conv_loops[DT__COUNT][DT__COUNT] = {
#define DT(E, T, NAME, CAT) ROW(E, NAME)
#include "tensor/dtype.def"
#undef DT
};

// Plain copies of 1, 2, 4 or 8-byte elements (same dtype, any strides).
#define DEF_MOVE(NAME, T)                                                          \
    static void NAME(char **p, const int64_t *s, int64_t n, const OpArgs *args) {  \
        T *o = (T *)p[0];                                                          \
        const T *a = (const T *)p[1];                                              \
        (void)args;                                                                \
        if (s[0] == 1 && s[1] == 1) memmove(o, a, (size_t)n * sizeof(T));          \
        else for (int64_t i = 0; i < n; i++) o[i * s[0]] = a[i * s[1]];            \
    }
DEF_MOVE(move_1, uint8_t)
DEF_MOVE(move_2, uint16_t)
DEF_MOVE(move_4, uint32_t)
DEF_MOVE(move_8, uint64_t)

static IterLoop move_loop(size_t elsize) {
    return elsize == 1 ? move_1 : elsize == 2 ? move_2 : elsize == 4 ? move_4 : move_8;
}

// out[...] = in[0][...] converted to out's dtype, in[0] broadcast to out.
int cpu_to_copy(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    IterLoop loop = out->dtype == in[0]->dtype ? move_loop(dtype_size(out->dtype))
                                               : conv_loops[out->dtype][in[0]->dtype];
    const Tensor *ops[2] = {out, in[0]};
    iter_apply(2, ops, loop, args);
    return 0;
}

int cpu_copy(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return cpu_to_copy(out, in, args);
}

int cpu_clone(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return cpu_to_copy(out, in, args);
}

// ---- fill: the value's bit pattern in the destination dtype is i[0] ----
#define DEF_FILL(NAME, T)                                                          \
    static void NAME(char **p, const int64_t *s, int64_t n, const OpArgs *args) {  \
        T *o = (T *)p[0];                                                          \
        T v;                                                                       \
        memcpy(&v, &args->i[0], sizeof v);                                         \
        if (s[0] == 1) { SIMD for (int64_t i = 0; i < n; i++) o[i] = v; }          \
        else for (int64_t i = 0; i < n; i++) o[i * s[0]] = v;                      \
    }
DEF_FILL(fill_1, uint8_t)
DEF_FILL(fill_2, uint16_t)
DEF_FILL(fill_4, uint32_t)
DEF_FILL(fill_8, uint64_t)

// out[...] = s[0] (or, for integer dtypes with flags & 1, the exact i[1]).
int cpu_fill(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)in;
    OpArgs a = {0};
    size_t es = dtype_size(out->dtype);
    char bits[8] = {0};
    if ((args->flags & 1) && dtype_is_integral(out->dtype)) {
        int64_t v = args->i[1];
        // Little-endian truncation to the element width = C's modular cast.
        memcpy(bits, &v, es);
    } else {
        tensor_write(bits, out->dtype, args->s[0]);
    }
    memcpy(&a.i[0], bits, 8);
    IterLoop loop = es == 1 ? fill_1 : es == 2 ? fill_2 : es == 4 ? fill_4 : fill_8;
    const Tensor *ops[1] = {out};
    iter_apply(1, ops, loop, &a);
    return 0;
}

// ---- public conversions ----

static Tensor *copy_as(const Tensor *t, DType dtype, bool preserve) {
    Tensor *out = preserve ? tensor_empty_preserve(t, dtype) : tensor_empty(t->ndim, t->shape, dtype);
    if (!out) return NULL;
    const Tensor *in[1] = {t};
    cpu_to_copy(out, in, NULL);
    return out;
}

Tensor *tensor_to_dtype(const Tensor *t, DType dtype, bool copy) {
    if (t->dtype == dtype && !copy) return tensor_retain((Tensor *)t);
    return copy_as(t, dtype, true);
}

Tensor *tensor_clone(const Tensor *t) {
    return copy_as(t, t->dtype, true);
}

Tensor *tensor_clone_contiguous(const Tensor *t) {
    return copy_as(t, t->dtype, false);
}

Tensor *tensor_contiguous(const Tensor *t) {
    if (tensor_is_contiguous(t)) return tensor_retain((Tensor *)t);
    return copy_as(t, t->dtype, false);
}

int tensor_copy_(Tensor *dst, const Tensor *src) {
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    const Tensor *both[2] = {dst, src};
    if (iter_broadcast_shape(2, both, &nd, shape) < 0) return -1;
    if (nd != dst->ndim || memcmp(shape, dst->shape, (size_t)nd * sizeof *shape) != 0) {
        char a[TENSOR_MAX_DIMS * 24 + 4], b[TENSOR_MAX_DIMS * 24 + 4];
        return tl_raise_int(ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s",
                            tensor_shape_fmt(a, sizeof a, dst->ndim, dst->shape),
                            tensor_shape_fmt(b, sizeof b, nd, shape));
    }
    // A source overlapping the destination is copied out first, so the walk
    // never reads an element it has already overwritten.
    Tensor *tmp = NULL;
    if (src->storage == dst->storage && src != dst) {
        if (!(tmp = tensor_clone(src))) return -1;
        src = tmp;
    }
    const Tensor *in[1] = {src};
    cpu_to_copy(dst, in, NULL);
    tensor_release(tmp);
    storage_bump_version(dst->storage);
    return 0;
}

int tensor_fill_(Tensor *t, TensorScalar v) {
    OpArgs a = {0};
    a.s[0] = tensor_scalar_as_double(v);
    if (v.kind != SCALAR_FLOAT) {
        a.flags = 1;
        a.i[1] = v.i;
    }
    cpu_fill(t, NULL, &a);
    storage_bump_version(t->storage);
    return 0;
}

int tensor_zero_(Tensor *t) {
    return tensor_fill_(t, tensor_scalar_int(0));
}

Tensor *tensor_from_scalar(TensorScalar s, bool wrapped) {
    DType dt = s.kind == SCALAR_BOOL ? DT_BOOL : s.kind == SCALAR_INT ? DT_I64 : DT_F64;
    Tensor *t = tensor_empty(0, NULL, dt);
    if (!t) return NULL;
    if (dt == DT_BOOL) *(bool *)tensor_data(t) = s.i != 0;
    else if (dt == DT_I64) *(int64_t *)tensor_data(t) = s.i;
    else *(double *)tensor_data(t) = s.f;
    t->is_wrapped_number = wrapped;
    return t;
}

TensorScalar tensor_item(const Tensor *t) {
    if (t->dtype == DT_BOOL) return tensor_scalar_bool(tensor_get_flat_i64(t, 0) != 0);
    if (dtype_is_integral(t->dtype)) return tensor_scalar_int(tensor_get_flat_i64(t, 0));
    return tensor_scalar_float(tensor_get_flat(t, 0));
}
