// Plumbing shared by the reduction, sorting, indexing and linear-algebra
// files: dim wrapping and its messages, output shapes, dense copies of
// strided arrays, dtype conversion, and the "lanes" plan that turns any
// reduction over any layout into runs of one stride.
#include "tensor/reduce.h"

#include <math.h>
#include <string.h>

#include "common/error.h"

int reduce_wrap_dim(int64_t dim, int ndim, int64_t *out) {
    int64_t n = ndim > 0 ? ndim : 1;     // PyTorch lets a 0-d tensor use dim 0 / -1
    if (dim < -n || dim >= n)
        return tl_raise_int(ERR_INDEX, "Dimension out of range (expected to be in range "
                            "of [%lld, %lld], but got %lld)", (long long)-n,
                            (long long)(n - 1), (long long)dim);
    *out = dim < 0 ? dim + n : dim;
    return 0;
}

int reduce_dim_mask(const Tensor *x, const int64_t *dims, int ndims, bool *mask) {
    bool all = dims == NULL || ndims == 0;
    for (int d = 0; d < TENSOR_MAX_DIMS; d++) mask[d] = all && d < x->ndim;
    if (all) return 0;
    for (int i = 0; i < ndims; i++) {
        int64_t d = 0;
        if (reduce_wrap_dim(dims[i], x->ndim, &d) < 0) return -1;
        if (x->ndim == 0) continue;
        if (mask[d])
            return tl_raise_int(ERR_RUNTIME, "dim %lld appears multiple times in the list "
                                "of dims", (long long)d);
        mask[d] = true;
    }
    return 0;
}

int reduce_out_shape(const Tensor *x, const bool *mask, bool keepdim, int64_t *shape) {
    int n = 0;
    for (int d = 0; d < x->ndim; d++) {
        if (!mask[d]) shape[n++] = x->shape[d];
        else if (keepdim) shape[n++] = 1;
    }
    return n;
}

const char *reduce_type_name(DType dt) {
    static const char *const names[] = {
        [DT_BOOL] = "Bool", [DT_U8] = "Byte", [DT_I8] = "Char", [DT_I16] = "Short",
        [DT_I32] = "Int", [DT_I64] = "Long", [DT_F16] = "Half", [DT_BF16] = "BFloat16",
        [DT_F32] = "Float", [DT_F64] = "Double",
    };
    return (unsigned)dt < DT__COUNT ? names[dt] : "Undefined";
}

// Merges adjacent dims that step through memory as one, drops size-1 dims.
// Returns the new ndim (at least 1).
static int coalesce(int ndim, int64_t *shape, int64_t *strides) {
    int n = 0;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] == 1) continue;
        if (n > 0 && strides[n - 1] == shape[d] * strides[d]) {
            shape[n - 1] *= shape[d];
            strides[n - 1] = strides[d];
        } else {
            shape[n] = shape[d];
            strides[n] = strides[d];
            n++;
        }
    }
    if (n == 0) { shape[0] = 1; strides[0] = 1; n = 1; }
    return n;
}

#define COPY_RUN(T)                                                              \
    for (int64_t i = 0; i < n; i++) ((T *)d)[i] = ((const T *)s)[i * st];

static void copy_run(char *d, const char *s, int64_t n, int64_t st, size_t elsize) {
    if (st == 1) { memcpy(d, s, (size_t)n * elsize); return; }
    switch (elsize) {
    case 1: COPY_RUN(uint8_t); break;
    case 2: COPY_RUN(uint16_t); break;
    case 4: COPY_RUN(uint32_t); break;
    case 8: COPY_RUN(uint64_t); break;
    default:
        for (int64_t i = 0; i < n; i++) memcpy(d + i * elsize, s + i * st * elsize, elsize);
    }
}

void reduce_strided_copy(void *dst, const void *src, int ndim, const int64_t *shape,
                         const int64_t *strides, size_t elsize) {
    int64_t sh[TENSOR_MAX_DIMS], st[TENSOR_MAX_DIMS], idx[TENSOR_MAX_DIMS] = {0};
    for (int d = 0; d < ndim; d++) {
        if (shape[d] == 0) return;
        sh[d] = shape[d];
        st[d] = strides[d];
    }
    int nd = coalesce(ndim, sh, st);
    int64_t inner = sh[nd - 1], outer = 1;
    for (int d = 0; d < nd - 1; d++) outer *= sh[d];
    char *d = dst;
    const char *s = src;
    int64_t off = 0;
    for (int64_t o = 0; o < outer; o++) {
        copy_run(d, s + off * (int64_t)elsize, inner, st[nd - 1], elsize);
        d += inner * (int64_t)elsize;
        for (int k = nd - 2; k >= 0; k--) {        // odometer over the outer dims
            off += st[k];
            if (++idx[k] < sh[k]) break;
            off -= st[k] * sh[k];
            idx[k] = 0;
        }
    }
}

// Float to integer goes through int64; NaN and out-of-range values give
// INT64_MIN (what x86's conversion gives PyTorch) instead of UB.
static int64_t float_to_int(double v) {
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return INT64_MIN;
    return (int64_t)v;
}

int64_t reduce_load_i64(const void *p, DType dt) {
    switch (dt) {
    case DT_BOOL: return reduce_ld_BOOL(p);
    case DT_U8: return reduce_ld_U8(p);
    case DT_I8: return reduce_ld_I8(p);
    case DT_I16: return reduce_ld_I16(p);
    case DT_I32: return reduce_ld_I32(p);
    case DT_I64: return reduce_ld_I64(p);
    default: return float_to_int(tensor_read(p, dt));
    }
}

void reduce_store_i64(void *p, DType dt, int64_t v) {
    switch (dt) {
#define X(E, T, V) case DT_##E: reduce_st_##E(p, (V)v); break;
    REDUCE_DTYPES(X)
#undef X
    default: break;
    }
}

// Converts [n] contiguous elements of dtype [st] at [src] to [dt] at [dst].
static void convert(void *dst, DType dt, const void *src, DType st, int64_t n) {
    size_t ds = dtype_size(dt), ss = dtype_size(st);
    bool fs = dtype_is_floating(st), fd = dtype_is_floating(dt);
    for (int64_t i = 0; i < n; i++) {
        const char *p = (const char *)src + i * (int64_t)ss;
        char *q = (char *)dst + i * (int64_t)ds;
        if (fs && fd) tensor_write(q, dt, tensor_read(p, st));
        else if (fd) tensor_write(q, dt, (double)reduce_load_i64(p, st));
        else if (!fs) reduce_store_i64(q, dt, reduce_load_i64(p, st));
        else if (dt == DT_BOOL) *(bool *)q = tensor_read(p, st) != 0;
        else reduce_store_i64(q, dt, float_to_int(tensor_read(p, st)));
    }
}

Tensor *reduce_to_contig(const Tensor *x, DType dt) {
    if (x->dtype == dt && tensor_is_contiguous(x)) return tensor_retain((Tensor *)x);
    Tensor *out = tensor_empty(x->ndim, x->shape, dt);
    if (!out) return NULL;
    int64_t n = tensor_numel(x);
    if (x->dtype == dt) {
        reduce_strided_copy(tensor_data(out), tensor_data(x), x->ndim, x->shape, x->strides,
                            dtype_size(dt));
        return out;
    }
    const void *src = tensor_data(x);
    Tensor *tmp = NULL;
    if (!tensor_is_contiguous(x)) {
        if (!(tmp = reduce_to_contig(x, x->dtype))) { tensor_release(out); return NULL; }
        src = tensor_data(tmp);
    }
    convert(tensor_data(out), dt, src, x->dtype, n);
    tensor_release(tmp);
    return out;
}

// Sorts the reduced dims by decreasing stride so that any permutation of a
// dense block (a transposed matrix) merges into one run.
static void sort_by_stride(int n, int64_t *shape, int64_t *strides) {
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strides[j] > strides[j - 1]; j--) {
            int64_t a = shape[j]; shape[j] = shape[j - 1]; shape[j - 1] = a;
            int64_t b = strides[j]; strides[j] = strides[j - 1]; strides[j - 1] = b;
        }
}

// Copies [x] into a private buffer laid out as (kept dims..., reduced dims...).
static int lanes_copy(ReduceLanes *L, const Tensor *x, const bool *mask) {
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int d = 0; d < x->ndim; d++)
            if (mask[d] == (pass == 1)) { shape[n] = x->shape[d]; strides[n] = x->strides[d]; n++; }
    int64_t total = tensor_numel(x);
    if (!(L->tmp = tensor_empty(1, &total, x->dtype))) return -1;
    reduce_strided_copy(tensor_data(L->tmp), tensor_data(x), n, shape, strides, L->elsize);
    L->data = tensor_data(L->tmp);
    L->K0 = L->K; L->s0 = 1;
    int64_t st = L->K;
    for (int d = L->nk - 1; d >= 0; d--) { L->kstride[d] = st; st *= L->kshape[d]; }
    return 0;
}

int reduce_lanes_init(ReduceLanes *L, const Tensor *x, const bool *mask, bool any_order) {
    int64_t rshape[TENSOR_MAX_DIMS], rstride[TENSOR_MAX_DIMS];
    int nr = 0;
    memset(L, 0, sizeof *L);
    L->data = tensor_data(x);
    L->elsize = dtype_size(x->dtype);
    L->K = L->K0 = L->K1 = L->nlanes = L->s0 = 1;
    for (int d = 0; d < x->ndim; d++) {
        if (mask[d]) {
            rshape[nr] = x->shape[d]; rstride[nr] = x->strides[d]; nr++;
            L->K *= x->shape[d];
        } else {
            L->kshape[L->nk] = x->shape[d]; L->kstride[L->nk] = x->strides[d]; L->nk++;
            L->nlanes *= x->shape[d];
        }
    }
    L->nk = coalesce(L->nk, L->kshape, L->kstride);
    L->K0 = L->K;
    if (L->K <= 1 || L->nlanes == 0) return 0;
    if (any_order) sort_by_stride(nr, rshape, rstride);
    nr = coalesce(nr, rshape, rstride);
    if (nr > 2) return lanes_copy(L, x, mask);
    L->K0 = rshape[nr - 1]; L->s0 = rstride[nr - 1];
    if (nr == 2) { L->K1 = rshape[0]; L->s1 = rstride[0]; }
    return 0;
}

void reduce_lanes_free(ReduceLanes *L) {
    tensor_release(L->tmp);
    L->tmp = NULL;
}
