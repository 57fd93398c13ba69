// Inclusive scans along one dim: cumsum and cumprod. The wrapper casts the
// input to the result dtype first (int64 for bool/integers, or dtype=), so
// the kernel reads and writes one dtype; floating scans accumulate in
// double as PyTorch's CPU kernel does.
#include "tensor/parallel.h"
#include "tensor/reduce.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#include "common/error.h"

#define DEF_SCAN(E, T, V)                                                           \
    static void scan_##E(const char *p, char *o, int64_t n, int64_t si, int64_t so,  \
                         bool prod) {                                               \
        const T *x = (const T *)p;                                                  \
        T *y = (T *)o;                                                              \
        V acc = prod ? 1 : 0;                                                       \
        for (int64_t k = 0; k < n; k++) {                                           \
            V v = reduce_ld_##E(x + k * si);                                        \
            if (prod) acc = (V)((V)acc * v);                                        \
            else acc = (V)(acc + v);                                                \
            reduce_st_##E(y + k * so, acc);                                         \
        }                                                                           \
    }
// Integers wrap on overflow: do their arithmetic in uint64_t.
#define DEF_ISCAN(E, T, V)                                                          \
    static void scan_##E(const char *p, char *o, int64_t n, int64_t si, int64_t so,  \
                         bool prod) {                                               \
        const T *x = (const T *)p;                                                  \
        T *y = (T *)o;                                                              \
        uint64_t acc = prod ? 1 : 0;                                                \
        for (int64_t k = 0; k < n; k++) {                                           \
            uint64_t v = (uint64_t)reduce_ld_##E(x + k * si);                       \
            acc = prod ? acc * v : acc + v;                                         \
            reduce_st_##E(y + k * so, (V)acc);                                      \
        }                                                                           \
    }
DEF_ISCAN(BOOL, bool, int64_t)
DEF_ISCAN(U8, uint8_t, int64_t)
DEF_ISCAN(I8, int8_t, int64_t)
DEF_ISCAN(I16, int16_t, int64_t)
DEF_ISCAN(I32, int32_t, int64_t)
DEF_ISCAN(I64, int64_t, int64_t)
DEF_SCAN(F16, uint16_t, double)
DEF_SCAN(BF16, uint16_t, double)
DEF_SCAN(F32, float, double)
DEF_SCAN(F64, double, double)

typedef void (*ScanFn)(const char *, char *, int64_t, int64_t, int64_t, bool);
static const ScanFn scan_fns[DT__COUNT] = {
#define X(E, T, V) [DT_##E] = scan_##E,
    REDUCE_DTYPES(X)
#undef X
};

// in[0] and out share shape and dtype; args->dims[0] is the scan dim.
static int scan_kernel(Tensor *out, const Tensor *x, const OpArgs *args, bool prod) {
    bool mask[TENSOR_MAX_DIMS];
    ReduceLanes Li, Lo;
    if (reduce_dim_mask(x, args->dims, 1, mask) < 0) return -1;
    if (reduce_lanes_init(&Li, x, mask, false) < 0) return -1;
    reduce_lanes_init(&Lo, out, mask, false);     // out is contiguous: never copies
    ScanFn fn = scan_fns[x->dtype];
    TL_PARALLEL_FOR(Li.nlanes > 1 && Li.nlanes * Li.K >= 32768, i, Li.nlanes, {
        fn(Li.data + reduce_lane_offset(&Li, i) * (int64_t)Li.elsize,
           (char *)Lo.data + reduce_lane_offset(&Lo, i) * (int64_t)Lo.elsize, Li.K, Li.s0, Lo.s0,
           prod);
    });
    reduce_lanes_free(&Li);
    return 0;
}

int cpu_cumsum(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return scan_kernel(out, in[0], args, false);
}

int cpu_cumprod(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return scan_kernel(out, in[0], args, true);
}

static Tensor *scan(OpCode op, const Tensor *x, int64_t dim, int dtype) {
    int64_t d;
    if (reduce_wrap_dim(dim, x->ndim, &d) < 0) return NULL;
    DType dt = dtype >= 0 ? (DType)dtype : dtype_is_floating(x->dtype) ? x->dtype : DT_I64;
    Tensor *src = dt == x->dtype ? tensor_retain((Tensor *)x) : reduce_to_contig(x, dt);
    Tensor *out = src ? tensor_empty(x->ndim, x->shape, dt) : NULL;
    OpArgs a = {0};
    a.dims[0] = dim;
    a.ndims = 1;
    if (out && op_run(op, out, (const Tensor *const[]){src}, &a) < 0) {
        tensor_release(out);
        out = NULL;
    }
    tensor_release(src);
    return out;
}

Tensor *tensor_cumsum(const Tensor *x, int64_t dim, int dtype) {
    return scan(OP_CUMSUM, x, dim, dtype);
}

Tensor *tensor_cumprod(const Tensor *x, int64_t dim, int dtype) {
    return scan(OP_CUMPROD, x, dim, dtype);
}
