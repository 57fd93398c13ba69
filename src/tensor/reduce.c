// Reductions with one result per lane (see ReduceLanes in reduce.h): sum,
// mean, prod, max/min with and without indices, amax/amin, argmax/argmin,
// all/any, count_nonzero. Kernels compute in a per-dtype domain (int64 with
// wrap-around for bool and integers, double for floating types), which also
// makes float32 sums as accurate as PyTorch's cascade sum. Large inputs are
// split across OpenMP threads.
#include "tensor/parallel.h"
#include "tensor/reduce.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "common/error.h"
#include "tensor/ops.h"

// Below this many elements a reduction stays on one thread.
#define PAR_MIN_ELEMS 32768

// Target clones give the dense float sums AVX2/AVX-512 bodies on machines
// that have them while the build stays baseline x86-64.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SIMD_CLONES
#endif

typedef struct { double f; int64_t i; } Acc;   // a lane's result in its domain
typedef void (*LaneFn)(const char *p, const ReduceLanes *L, Acc *a);

#define ADD_int64_t(a, b) ((int64_t)((uint64_t)(a) + (uint64_t)(b)))
#define ADD_double(a, b) ((a) + (b))
#define MUL_int64_t(a, b) ((int64_t)((uint64_t)(a) * (uint64_t)(b)))
#define MUL_double(a, b) ((a) * (b))
#define PUT_int64_t(a, v) ((a)->i = (v))
#define PUT_double(a, v) ((a)->f = (v))
#define ISNAN_int64_t(v) 0
#define ISNAN_double(v) isnan(v)

// ---- dense sums: 16 independent double accumulators vectorise ----

SIMD_CLONES static double dense_sum_f32(const float *x, int64_t n) {
    double acc[16] = {0}, s = 0;
    int64_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (int j = 0; j < 16; j++) acc[j] += x[i + j];
    for (; i < n; i++) s += x[i];
    for (int j = 0; j < 16; j++) s += acc[j];
    return s;
}

SIMD_CLONES static double dense_sum_f64(const double *x, int64_t n) {
    double acc[16] = {0}, s = 0;
    int64_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (int j = 0; j < 16; j++) acc[j] += x[i + j];
    for (; i < n; i++) s += x[i];
    for (int j = 0; j < 16; j++) s += acc[j];
    return s;
}

// ---- run kernels: one strided run of n elements ----

#define DEF_RUN_SUM(E, T, V)                                                       \
    static V run_sum_##E(const T *q, int64_t n, int64_t st) {                      \
        V acc = 0;                                                                 \
        for (int64_t k = 0; k < n; k++) acc = ADD_##V(acc, reduce_ld_##E(q + k * st)); \
        return acc;                                                                \
    }
DEF_RUN_SUM(BOOL, bool, int64_t)
DEF_RUN_SUM(U8, uint8_t, int64_t)
DEF_RUN_SUM(I8, int8_t, int64_t)
DEF_RUN_SUM(I16, int16_t, int64_t)
DEF_RUN_SUM(I32, int32_t, int64_t)
DEF_RUN_SUM(I64, int64_t, int64_t)
#define reduce_ld_F32s reduce_ld_F32
#define reduce_ld_F64s reduce_ld_F64
DEF_RUN_SUM(F16, uint16_t, double)
DEF_RUN_SUM(BF16, uint16_t, double)
DEF_RUN_SUM(F32s, float, double)
DEF_RUN_SUM(F64s, double, double)

static double run_sum_F32(const float *q, int64_t n, int64_t st) {
    return st == 1 ? dense_sum_f32(q, n) : run_sum_F32s(q, n, st);
}
static double run_sum_F64(const double *q, int64_t n, int64_t st) {
    return st == 1 ? dense_sum_f64(q, n) : run_sum_F64s(q, n, st);
}

// ---- lane kernels ----

#define DEF_SUM_PROD(E, T, V)                                                      \
    static void sum_##E(const char *p, const ReduceLanes *L, Acc *a) {             \
        V acc = 0;                                                                 \
        for (int64_t k1 = 0; k1 < L->K1; k1++)                                     \
            acc = ADD_##V(acc, run_sum_##E((const T *)p + k1 * L->s1, L->K0, L->s0)); \
        PUT_##V(a, acc);                                                           \
    }                                                                              \
    static void prod_##E(const char *p, const ReduceLanes *L, Acc *a) {            \
        V acc = 1;                                                                 \
        for (int64_t k1 = 0; k1 < L->K1; k1++) {                                   \
            const T *q = (const T *)p + k1 * L->s1;                                \
            for (int64_t k0 = 0; k0 < L->K0; k0++)                                 \
                acc = MUL_##V(acc, reduce_ld_##E(q + k0 * L->s0));                 \
        }                                                                          \
        PUT_##V(a, acc);                                                           \
    }
REDUCE_DTYPES(DEF_SUM_PROD)

// Index (in lane order) of the best element by CMP; the first NaN beats
// everything and ties keep the first occurrence, as PyTorch does. K >= 1.
#define DEF_ARG(NAME, CMP, E, T, V)                                                \
    static void NAME##_##E(const char *p, const ReduceLanes *L, Acc *a) {          \
        V best = reduce_ld_##E(p);                                                 \
        int64_t bi = 0, k = 0;                                                     \
        a->i = 0;                                                                  \
        if (ISNAN_##V(best)) return;                                               \
        for (int64_t k1 = 0; k1 < L->K1; k1++) {                                   \
            const T *q = (const T *)p + k1 * L->s1;                                \
            for (int64_t k0 = 0; k0 < L->K0; k0++, k++) {                          \
                V v = reduce_ld_##E(q + k0 * L->s0);                               \
                if (ISNAN_##V(v)) { a->i = k; return; }                            \
                if (v CMP best) { best = v; bi = k; }                              \
            }                                                                      \
        }                                                                          \
        a->i = bi;                                                                 \
    }
#define DEF_ARGS(E, T, V) DEF_ARG(argmax, >, E, T, V) DEF_ARG(argmin, <, E, T, V)
REDUCE_DTYPES(DEF_ARGS)

// all: a->i = 1 unless a zero is found; any: a->i = 1 once a nonzero is.
// count: number of nonzeros. NaN counts as nonzero.
#define DEF_BOOLISH(E, T, V)                                                       \
    static void count_##E(const char *p, const ReduceLanes *L, Acc *a) {           \
        int64_t n = 0;                                                             \
        for (int64_t k1 = 0; k1 < L->K1; k1++) {                                   \
            const T *q = (const T *)p + k1 * L->s1;                                \
            for (int64_t k0 = 0; k0 < L->K0; k0++)                                 \
                n += reduce_ld_##E(q + k0 * L->s0) != 0;                           \
        }                                                                          \
        a->i = n;                                                                  \
    }                                                                              \
    static void all_##E(const char *p, const ReduceLanes *L, Acc *a) {             \
        a->i = 1;                                                                  \
        for (int64_t k1 = 0; k1 < L->K1; k1++) {                                   \
            const T *q = (const T *)p + k1 * L->s1;                                \
            for (int64_t k0 = 0; k0 < L->K0; k0++)                                 \
                if (reduce_ld_##E(q + k0 * L->s0) == 0) { a->i = 0; return; }      \
        }                                                                          \
    }                                                                              \
    static void any_##E(const char *p, const ReduceLanes *L, Acc *a) {             \
        a->i = 0;                                                                  \
        for (int64_t k1 = 0; k1 < L->K1; k1++) {                                   \
            const T *q = (const T *)p + k1 * L->s1;                                \
            for (int64_t k0 = 0; k0 < L->K0; k0++)                                 \
                if (reduce_ld_##E(q + k0 * L->s0) != 0) { a->i = 1; return; }      \
        }                                                                          \
    }
REDUCE_DTYPES(DEF_BOOLISH)

#define TABLE(NAME) static const LaneFn NAME##_fns[DT__COUNT] = {                 \
        [DT_BOOL] = NAME##_BOOL, [DT_U8] = NAME##_U8, [DT_I8] = NAME##_I8,         \
        [DT_I16] = NAME##_I16, [DT_I32] = NAME##_I32, [DT_I64] = NAME##_I64,       \
        [DT_F16] = NAME##_F16, [DT_BF16] = NAME##_BF16, [DT_F32] = NAME##_F32,     \
        [DT_F64] = NAME##_F64 };
TABLE(sum)
TABLE(prod)
TABLE(argmax)
TABLE(argmin)
TABLE(count)
TABLE(all)
TABLE(any)

// ---- drivers ----

static inline bool go_parallel(const ReduceLanes *L) {
    return L->nlanes > 1 && L->nlanes * L->K >= PAR_MIN_ELEMS;
}

static const char *lane_ptr(const ReduceLanes *L, int64_t i) {
    return L->data + reduce_lane_offset(L, i) * (int64_t)L->elsize;
}

// Sum of one long lane, split into per-thread pieces along its longer run.
static void sum_split(const ReduceLanes *L, LaneFn fn, bool fdom, Acc *out) {
    int nt = 1;
#ifdef _OPENMP
    nt = omp_get_max_threads();
#endif
    if (nt > 64) nt = 64;
    Acc part[64];
    bool outer = L->K1 > 1;
    int64_t n = outer ? L->K1 : L->K0, st = outer ? L->s1 : L->s0;
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(nt)
#endif
    for (int t = 0; t < nt; t++) {
        ReduceLanes sub = *L;
        int64_t lo = n * t / nt, hi = n * (t + 1) / nt;
        if (outer) sub.K1 = hi - lo; else sub.K0 = hi - lo;
        part[t] = (Acc){0, 0};
        fn(L->data + lo * st * (int64_t)L->elsize, &sub, &part[t]);
    }
    *out = (Acc){0, 0};
    for (int t = 0; t < nt; t++) {
        if (fdom) out->f += part[t].f;
        else out->i = ADD_int64_t(out->i, part[t].i);
    }
}

// Runs [fn] on every lane and stores lane i's result, divided by [div] in
// the floating domain, as element i of the contiguous [out]. [splittable]:
// partial results add up, so one huge lane may be split across threads.
static void run_value(const ReduceLanes *L, LaneFn fn, bool fdom, double div, Tensor *out,
                      bool splittable) {
    char *o = tensor_data(out);
    size_t os = dtype_size(out->dtype);
    if (L->nlanes == 1 && splittable && L->K >= 4 * PAR_MIN_ELEMS) {
        Acc a;
        sum_split(L, fn, fdom, &a);
        if (fdom) tensor_write(o, out->dtype, a.f / div);
        else reduce_store_i64(o, out->dtype, a.i);
        return;
    }
    TL_PARALLEL_FOR(go_parallel(L), i, L->nlanes, {
        Acc a = {0, 0};
        fn(lane_ptr(L, i), L, &a);
        if (fdom) tensor_write(o + i * (int64_t)os, out->dtype, a.f / div);
        else reduce_store_i64(o + i * (int64_t)os, out->dtype, a.i);
    });
}

// Runs an arg kernel on every lane; copies the chosen element into [values]
// and its lane index into [indices] (either may be NULL).
static void run_arg(const ReduceLanes *L, LaneFn fn, Tensor *values, Tensor *indices) {
    char *v = values ? tensor_data(values) : NULL;
    int64_t *ix = indices ? tensor_data(indices) : NULL;
    TL_PARALLEL_FOR(go_parallel(L), i, L->nlanes, {
        Acc a = {0, 0};
        const char *p = lane_ptr(L, i);
        fn(p, L, &a);
        if (ix) ix[i] = a.i;
        if (v) {
            int64_t k1 = a.i / L->K0, k0 = a.i % L->K0;
            memcpy(v + i * (int64_t)L->elsize, p + (k1 * L->s1 + k0 * L->s0) * (int64_t)L->elsize,
                   L->elsize);
        }
    });
}

// acc[j] += row[j] (+ the next three rows, [st] elements apart, when
// [four]): fixed blocks of 8 so the compiler vectorises them, and four rows
// per pass so the accumulators are loaded and stored a quarter as often.
#define DEF_ADD_ROWS(NAME, T)                                                       \
    SIMD_CLONES static void NAME(double *restrict acc, const T *restrict r0, int64_t m, \
                                 int64_t st, bool four) {                           \
        int64_t j = 0;                                                              \
        if (!four) {                                                                \
            for (; j + 8 <= m; j += 8)                                              \
                for (int u = 0; u < 8; u++) acc[j + u] += r0[j + u];                \
            for (; j < m; j++) acc[j] += r0[j];                                     \
            return;                                                                 \
        }                                                                           \
        const T *r1 = r0 + st, *r2 = r0 + 2 * st, *r3 = r0 + 3 * st;               \
        for (; j + 8 <= m; j += 8)                                                  \
            for (int u = 0; u < 8; u++)                                             \
                acc[j + u] += ((double)r0[j + u] + r1[j + u]) + ((double)r2[j + u] + r3[j + u]); \
        for (; j < m; j++) acc[j] += ((double)r0[j] + r1[j]) + ((double)r2[j] + r3[j]); \
    }
DEF_ADD_ROWS(add_rows_f32, float)
DEF_ADD_ROWS(add_rows_f64, double)

// Sum over a leading run with the kept dims dense (x.sum(0) of a row-major
// matrix): each thread takes a wide block of columns and adds whole row
// segments into double accumulators, so memory is read once, in order;
// per-lane strided walks would reread every cache line. Returns false when
// it does not apply.
static bool sum_rows(const ReduceLanes *L, DType dt, double div, Tensor *out) {
    if ((dt != DT_F32 && dt != DT_F64) || out->dtype != dt || L->K1 != 1 || L->s0 == 1 ||
        L->nk != 1 || L->kstride[0] != 1 || L->nlanes < 16 || L->K < 2)
        return false;
    int nt = 1;
#ifdef _OPENMP
    nt = go_parallel(L) ? omp_get_max_threads() : 1;
#endif
    int64_t width = (L->nlanes + nt - 1) / nt;
    if (width > 16384) width = 16384;          // 128 KiB of accumulators stays in L2
    int64_t nb = (L->nlanes + width - 1) / width;
    double *accs = malloc((size_t)L->nlanes * sizeof(double));
    if (!accs) return false;
    char *o = tensor_data(out);
    TL_PARALLEL_FOR(nt > 1, b, nb, {
        int64_t j0 = b * width, m = L->nlanes - j0 < width ? L->nlanes - j0 : width;
        double *acc = accs + j0;
        for (int64_t j = 0; j < m; j++) acc[j] = 0;
        for (int64_t k = 0; k < L->K0;) {
            bool four = L->K0 - k >= 4;
            if (dt == DT_F32) add_rows_f32(acc, (const float *)L->data + k * L->s0 + j0, m, L->s0, four);
            else add_rows_f64(acc, (const double *)L->data + k * L->s0 + j0, m, L->s0, four);
            k += four ? 4 : 1;
        }
        for (int64_t j = 0; j < m; j++) {
            if (dt == DT_F32) ((float *)o)[j0 + j] = (float)(acc[j] / div);
            else ((double *)o)[j0 + j] = acc[j] / div;
        }
    });
    free(accs);
    return true;
}

// Plans the lanes of in[0] over args' dims (ndims 0: every dim).
static int lanes_of(ReduceLanes *L, const Tensor *x, const OpArgs *args, bool any_order) {
    bool mask[TENSOR_MAX_DIMS];
    if (reduce_dim_mask(x, args->dims, args->ndims, mask) < 0) return -1;
    return reduce_lanes_init(L, x, mask, any_order);
}

enum { VAL_SUM, VAL_MEAN, VAL_PROD, VAL_ALL, VAL_ANY, VAL_COUNT };

static int value_kernel(Tensor *out, const Tensor *x, const OpArgs *args, int kind) {
    ReduceLanes L;
    if (lanes_of(&L, x, args, true) < 0) return -1;
    bool fdom = dtype_is_floating(x->dtype);
    double div = kind == VAL_MEAN ? (double)L.K : 1.0;
    switch (kind) {
    case VAL_SUM: case VAL_MEAN:
        if (!sum_rows(&L, x->dtype, div, out)) run_value(&L, sum_fns[x->dtype], fdom, div, out, true);
        break;
    case VAL_PROD: run_value(&L, prod_fns[x->dtype], fdom, 1.0, out, false); break;
    case VAL_ALL: run_value(&L, all_fns[x->dtype], false, 1.0, out, false); break;
    case VAL_ANY: run_value(&L, any_fns[x->dtype], false, 1.0, out, false); break;
    default: run_value(&L, count_fns[x->dtype], false, 1.0, out, false); break;
    }
    reduce_lanes_free(&L);
    return 0;
}

// [indices] NULL: values only (amax); [values] NULL: indices only (argmax).
static int arg_kernel(Tensor *values, Tensor *indices, const Tensor *x, const OpArgs *args,
                      bool is_max) {
    ReduceLanes L;
    if (lanes_of(&L, x, args, indices == NULL) < 0) return -1;
    run_arg(&L, (is_max ? argmax_fns : argmin_fns)[x->dtype], values, indices);
    reduce_lanes_free(&L);
    return 0;
}

// ---- kernels (ops.def rows; out is contiguous and already shaped) ----

int cpu_sum(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_SUM);
}
int cpu_sum_dim(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_SUM);
}
int cpu_mean(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_MEAN);
}
int cpu_mean_dim(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_MEAN);
}
int cpu_prod(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_PROD);
}
int cpu_prod_dim(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_PROD);
}
int cpu_all(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_ALL);
}
int cpu_any(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_ANY);
}
int cpu_count_nonzero(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return value_kernel(out, in[0], args, VAL_COUNT);
}
int cpu_max(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(out, NULL, in[0], args, true);
}
int cpu_min(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(out, NULL, in[0], args, false);
}
int cpu_amax(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(out, NULL, in[0], args, true);
}
int cpu_amin(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(out, NULL, in[0], args, false);
}
int cpu_max_dim(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(out, (Tensor *)in[1], in[0], args, true);
}
int cpu_min_dim(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(out, (Tensor *)in[1], in[0], args, false);
}
int cpu_argmax(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(NULL, out, in[0], args, true);
}
int cpu_argmin(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return arg_kernel(NULL, out, in[0], args, false);
}

// ---- public wrappers: check, allocate, run ----

// Fills [a]'s dims from a user dim list (NULL or empty: every dim).
void reduce_args_dims(OpArgs *a, const int64_t *dims, int ndims, bool keepdim) {
    a->ndims = dims ? ndims : 0;
    for (int i = 0; i < a->ndims; i++) a->dims[i] = dims[i];
    a->keepdim = keepdim;
}

Tensor *reduce_run(OpCode op, const Tensor *x, const OpArgs *args, DType odt, Tensor **second,
                   DType second_dt) {
    bool mask[TENSOR_MAX_DIMS];
    int64_t shape[TENSOR_MAX_DIMS];
    if (reduce_dim_mask(x, args->dims, args->ndims, mask) < 0) return NULL;
    int nd = reduce_out_shape(x, mask, args->keepdim, shape);
    Tensor *out = tensor_empty(nd, shape, odt), *out2 = NULL;
    if (!out) return NULL;
    if (second && !(out2 = tensor_empty(nd, shape, second_dt))) goto fail;
    const Tensor *in[2] = {x, out2};
    if (op_run(op, out, in, args) < 0) goto fail;
    if (second) *second = out2;
    return out;
fail:
    tensor_release(out);
    tensor_release(out2);
    return NULL;
}

// Casts [x] to [dtype] first when one is given (PyTorch's sum(dtype=)).
static Tensor *with_dtype(const Tensor *x, int dtype) {
    if (dtype < 0 || dtype == (int)x->dtype) return tensor_retain((Tensor *)x);
    return reduce_to_contig(x, (DType)dtype);
}

static Tensor *sum_like(OpCode op_all, OpCode op_dim, const Tensor *x, const int64_t *dims,
                        int ndims, bool keepdim, int dtype) {
    Tensor *src = with_dtype(x, dtype);
    if (!src) return NULL;
    OpArgs a = {0};
    reduce_args_dims(&a, dims, ndims, keepdim);
    DType odt = dtype >= 0 || dtype_is_floating(src->dtype) ? src->dtype : DT_I64;
    Tensor *out = reduce_run(dims ? op_dim : op_all, src, &a, odt, NULL, 0);
    tensor_release(src);
    return out;
}

Tensor *tensor_sum(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    return sum_like(OP_SUM, OP_SUM_DIM, x, dims, ndims, keepdim, dtype);
}

Tensor *tensor_mean(const Tensor *x, const int64_t *dims, int ndims, bool keepdim, int dtype) {
    if (dtype >= 0 && !dtype_is_floating((DType)dtype))
        return tl_raise(ERR_RUNTIME, "mean(): could not infer output dtype. Optional dtype "
                        "must be either a floating point or complex dtype. Got: %s",
                        reduce_type_name((DType)dtype));
    if (dtype < 0 && !dtype_is_floating(x->dtype))
        return tl_raise(ERR_RUNTIME, "mean(): could not infer output dtype. Input dtype must "
                        "be either a floating point or complex dtype. Got: %s",
                        reduce_type_name(x->dtype));
    return sum_like(OP_MEAN, OP_MEAN_DIM, x, dims, ndims, keepdim, dtype);
}

Tensor *tensor_prod(const Tensor *x, const int64_t *dim, bool keepdim, int dtype) {
    return sum_like(OP_PROD, OP_PROD_DIM, x, dim, dim ? 1 : 0, keepdim, dtype);
}

// ---- max / min family ----

static void *raise_numel0(const char *name) {
    return tl_raise(ERR_RUNTIME, "%s(): Expected reduction dim to be specified for "
                    "input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
                    name);
}

// Raises PyTorch's error for reducing over an empty dim: max/argmax print
// the dim wrapped, amax/amin as the user gave it.
static int check_nonempty(const Tensor *x, const int64_t *dims, int ndims, const char *name,
                          bool wrapped) {
    for (int i = 0; i < ndims; i++) {
        int64_t d = 0;
        if (reduce_wrap_dim(dims[i], x->ndim, &d) < 0) return -1;
        if (x->ndim > 0 && x->shape[d] == 0)
            return tl_raise_int(ERR_INDEX, "%s(): Expected reduction dim %lld to have non-zero "
                                "size.", name, (long long)(wrapped ? d : dims[i]));
    }
    return 0;
}

Tensor *tensor_max(const Tensor *x) {
    if (tensor_numel(x) == 0) return raise_numel0("max");
    OpArgs a = {0};
    return reduce_run(OP_MAX, x, &a, x->dtype, NULL, 0);
}

Tensor *tensor_min(const Tensor *x) {
    if (tensor_numel(x) == 0) return raise_numel0("min");
    OpArgs a = {0};
    return reduce_run(OP_MIN, x, &a, x->dtype, NULL, 0);
}

static int best_dim(OpCode op, const char *name, const Tensor *x, int64_t dim, bool keepdim,
                    Tensor **values, Tensor **indices) {
    if (check_nonempty(x, &dim, 1, name, true) < 0) return -1;
    OpArgs a = {0};
    reduce_args_dims(&a, &dim, 1, keepdim);
    Tensor *ix = NULL, *v = reduce_run(op, x, &a, x->dtype, &ix, DT_I64);
    if (!v) return -1;
    *values = v;
    *indices = ix;
    return 0;
}

int tensor_max_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices) {
    return best_dim(OP_MAX_DIM, "max", x, dim, keepdim, values, indices);
}

int tensor_min_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices) {
    return best_dim(OP_MIN_DIM, "min", x, dim, keepdim, values, indices);
}

static Tensor *amax_amin(OpCode op, const char *name, const Tensor *x, const int64_t *dims,
                         int ndims, bool keepdim) {
    bool mask[TENSOR_MAX_DIMS];
    if (reduce_dim_mask(x, dims, ndims, mask) < 0) return NULL;
    if (dims && ndims > 0) {
        if (check_nonempty(x, dims, ndims, name, false) < 0) return NULL;
    } else if (tensor_numel(x) == 0) {
        return raise_numel0(name);
    }
    OpArgs a = {0};
    reduce_args_dims(&a, dims, ndims, keepdim);
    return reduce_run(op, x, &a, x->dtype, NULL, 0);
}

Tensor *tensor_amax(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    return amax_amin(OP_AMAX, "amax", x, dims, ndims, keepdim);
}

Tensor *tensor_amin(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    return amax_amin(OP_AMIN, "amin", x, dims, ndims, keepdim);
}

static Tensor *arg_best(OpCode op, const char *name, const Tensor *x, const int64_t *dim,
                        bool keepdim) {
    if (!dim && tensor_numel(x) == 0)
        return tl_raise(ERR_INDEX, "%s(): Expected reduction dim to be specified for "
                        "input.numel() == 0.", name);
    if (dim && check_nonempty(x, dim, 1, name, true) < 0) return NULL;
    OpArgs a = {0};
    // argmax(dim=None, keepdim=True) keeps every dim, as size 1.
    reduce_args_dims(&a, dim, dim ? 1 : 0, keepdim);
    return reduce_run(op, x, &a, DT_I64, NULL, 0);
}

Tensor *tensor_argmax(const Tensor *x, const int64_t *dim, bool keepdim) {
    return arg_best(OP_ARGMAX, "argmax", x, dim, keepdim);
}

Tensor *tensor_argmin(const Tensor *x, const int64_t *dim, bool keepdim) {
    return arg_best(OP_ARGMIN, "argmin", x, dim, keepdim);
}

// ---- all / any / count_nonzero ----

static Tensor *bool_reduce(OpCode op, const Tensor *x, const int64_t *dims, int ndims,
                           bool keepdim, DType odt) {
    OpArgs a = {0};
    reduce_args_dims(&a, dims, ndims, keepdim);
    return reduce_run(op, x, &a, odt, NULL, 0);
}

// PyTorch 1.13 keeps uint8 for all/any of a uint8 tensor.
Tensor *tensor_all(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    return bool_reduce(OP_ALL, x, dims, ndims, keepdim, x->dtype == DT_U8 ? DT_U8 : DT_BOOL);
}

Tensor *tensor_any(const Tensor *x, const int64_t *dims, int ndims, bool keepdim) {
    return bool_reduce(OP_ANY, x, dims, ndims, keepdim, x->dtype == DT_U8 ? DT_U8 : DT_BOOL);
}

Tensor *tensor_count_nonzero(const Tensor *x, const int64_t *dims, int ndims) {
    return bool_reduce(OP_COUNT_NONZERO, x, dims, ndims, false, DT_I64);
}
