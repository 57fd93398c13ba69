// Matrix products: the mm/bmm/mv/dot/addmm kernels and wrappers, outer,
// and matmul's dispatch (PyTorch 1.13's at::matmul: fold the batch of a
// >=3-D operand into mm/mv rows, else broadcast batch dims and bmm).
// float32/float64 call OpenBLAS with the operands' own strides whenever one
// of them is 1 (transposes cost nothing); other layouts are packed first.
// Other dtypes use plain loops in int64 (wrapping) or double.
#include "tensor/linalg.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "tensor/blas.h"
#include "tensor/iter.h"
#include "tensor/ops.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"
#include "tensor/convert.h"

static Tensor *reshape(const Tensor *t, int nd, const int64_t *shape) {
    return tensor_reshape(t, nd, shape);
}

static Tensor *transpose_last(const Tensor *t) {
    return tensor_transpose(t, -2, -1);
}

// ---- gemm on one matrix triple ----

typedef struct {
    const char *p;       // element (0, 0)
    int64_t s0, s1;      // row and column strides, in elements
} Mat;

// How BLAS can read a rows x cols operand in row-major terms: as is
// (NoTrans, ld = row stride) or as the transpose of a row-major matrix.
static bool blas_layout(int64_t rows, int64_t cols, int64_t s0, int64_t s1,
                        enum CBLAS_TRANSPOSE *tr, int *ld) {
    int64_t l;
    if ((s1 == 1 || cols <= 1) && (rows <= 1 || s0 >= (cols > 1 ? cols : 1))) {
        *tr = CblasNoTrans;
        l = rows <= 1 ? (cols > 1 ? cols : 1) : s0;
    } else if ((s0 == 1 || rows <= 1) && (cols <= 1 || s1 >= (rows > 1 ? rows : 1))) {
        *tr = CblasTrans;
        l = cols <= 1 ? (rows > 1 ? rows : 1) : s1;
    } else {
        return false;
    }
    if (l > INT_MAX) return false;
    *ld = (int)l;
    return true;
}

// Packs a strided rows x cols operand into [buf] (row-major).
static Mat pack(Mat m, int64_t rows, int64_t cols, size_t es, void *buf) {
    int64_t shape[2] = {rows, cols}, strides[2] = {m.s0, m.s1};
    reduce_strided_copy(buf, m.p, 2, shape, strides, es);
    return (Mat){buf, cols, 1};
}

static int blas_gemm(DType dt, int64_t n, int64_t m, int64_t k, double alpha, Mat a, Mat b,
                     double beta, char *c, int64_t ldc) {
    enum CBLAS_TRANSPOSE ta, tb;
    int lda, ldb;
    void *pa = NULL, *pb = NULL;
    size_t es = dtype_size(dt);
    if (!blas_layout(n, k, a.s0, a.s1, &ta, &lda)) {
        if (!(pa = malloc((size_t)(n * k) * es))) goto oom;
        a = pack(a, n, k, es, pa);
        blas_layout(n, k, a.s0, a.s1, &ta, &lda);
    }
    if (!blas_layout(k, m, b.s0, b.s1, &tb, &ldb)) {
        if (!(pb = malloc((size_t)(k * m) * es))) goto oom;
        b = pack(b, k, m, es, pb);
        blas_layout(k, m, b.s0, b.s1, &tb, &ldb);
    }
    if (dt == DT_F32)
        blas_sgemm(CblasRowMajor, ta, tb, (int)n, (int)m, (int)k, (float)alpha,
                    (const float *)a.p, lda, (const float *)b.p, ldb, (float)beta, (float *)c, (int)ldc);
    else
        blas_dgemm(CblasRowMajor, ta, tb, (int)n, (int)m, (int)k, alpha, (const double *)a.p, lda,
                    (const double *)b.p, ldb, beta, (double *)c, (int)ldc);
    free(pa);
    free(pb);
    return 0;
oom:
    free(pa);
    return tl_raise_int(ERR_MEMORY, "out of memory packing a matrix operand");
}

// Plain-loop gemm for the dtypes BLAS lacks: integers wrap in int64
// (alpha, beta truncated to integers as PyTorch does), bfloat16 goes
// through double. C = beta * C + alpha * A B; beta == 0 ignores C.
static void naive_gemm(DType dt, int64_t n, int64_t m, int64_t k, double alpha, Mat a, Mat b,
                       double beta, char *c, int64_t ldc) {
    int64_t es = (int64_t)dtype_size(dt);
    bool fl = dtype_is_floating(dt);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < m; j++) {
            char *pc = c + (i * ldc + j) * es;
            const char *pa = a.p + i * a.s0 * es, *pb = b.p + j * b.s1 * es;
            if (fl) {
                double acc = 0;
                for (int64_t p = 0; p < k; p++)
                    acc += tensor_read(pa + p * a.s1 * es, dt) * tensor_read(pb + p * b.s0 * es, dt);
                double prev = beta != 0 ? beta * tensor_read(pc, dt) : 0;
                tensor_write(pc, dt, prev + alpha * acc);
            } else {
                uint64_t acc = 0;
                for (int64_t p = 0; p < k; p++)
                    acc += (uint64_t)reduce_load_i64(pa + p * a.s1 * es, dt) *
                           (uint64_t)reduce_load_i64(pb + p * b.s0 * es, dt);
                uint64_t prev = (int64_t)beta != 0 ? (uint64_t)(int64_t)beta *
                                (uint64_t)reduce_load_i64(pc, dt) : 0;
                reduce_store_i64(pc, dt, (int64_t)(prev + (uint64_t)(int64_t)alpha * acc));
            }
        }
}

// Tiny products (einsum's elementwise batches, small attention heads) in
// plain loops: a BLAS call costs more than the arithmetic there.
#define DEF_SMALL_GEMM(NAME, T)                                                     \
    static void NAME(int64_t n, int64_t m, int64_t k, double alpha, Mat a, Mat b,    \
                     double beta, char *c, int64_t ldc) {                           \
        const T *pa = (const T *)a.p, *pb = (const T *)b.p;                         \
        T *pc = (T *)c;                                                             \
        for (int64_t i = 0; i < n; i++)                                             \
            for (int64_t j = 0; j < m; j++) {                                       \
                T acc = 0;                                                          \
                for (int64_t p = 0; p < k; p++)                                     \
                    acc += pa[i * a.s0 + p * a.s1] * pb[p * b.s0 + j * b.s1];       \
                T prev = beta != 0 ? (T)beta * pc[i * ldc + j] : 0;                 \
                pc[i * ldc + j] = prev + (T)alpha * acc;                            \
            }                                                                       \
    }
DEF_SMALL_GEMM(small_gemm_f32, float)
DEF_SMALL_GEMM(small_gemm_f64, double)
#define SMALL_GEMM_MAX 512

// C (n x m, row stride ldc) = beta * C + alpha * A (n x k) B (k x m).
static int gemm(DType dt, int64_t n, int64_t m, int64_t k, double alpha, Mat a, Mat b,
                double beta, char *c, int64_t ldc) {
    if (n == 0 || m == 0) return 0;
    bool blas = (dt == DT_F32 || dt == DT_F64) && n <= INT_MAX && m <= INT_MAX && k <= INT_MAX &&
                blas_available();
    if (blas && n * m * k <= SMALL_GEMM_MAX) {
        (dt == DT_F32 ? small_gemm_f32 : small_gemm_f64)(n, m, k, alpha, a, b, beta, c, ldc);
        return 0;
    }
    if (blas && k > 0) return blas_gemm(dt, n, m, k, alpha, a, b, beta, c, ldc);
    naive_gemm(dt, n, m, k, alpha, a, b, beta, c, ldc);
    return 0;
}

static Mat mat_of(const Tensor *t, int d0) {
    return (Mat){tensor_data(t), t->strides[d0], t->strides[d0 + 1]};
}

// ---- kernels (ops.def MATMUL rows; out contiguous, already shaped) ----

int cpu_mm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *a = in[0], *b = in[1];
    return gemm(a->dtype, a->shape[0], b->shape[1], a->shape[1], 1, mat_of(a, 0), mat_of(b, 0), 0,
                tensor_data(out), b->shape[1]);
}

// in[0] input (broadcastable to out), in[1] a, in[2] b; s[0] beta, s[1] alpha.
int cpu_addmm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    const Tensor *a = in[1], *b = in[2];
    double beta = args->s[0], alpha = args->s[1];
    int64_t n = out->shape[0], m = out->shape[1];
    if (beta != 0) {
        if (tensor_copy_(out, in[0]) < 0) return -1;
    } else {
        memset(tensor_data(out), 0, (size_t)(n * m) * dtype_size(out->dtype));
    }
    return gemm(a->dtype, n, m, a->shape[1], alpha, mat_of(a, 0), mat_of(b, 0), beta,
                tensor_data(out), m);
}

int cpu_bmm(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *a = in[0], *b = in[1];
    int64_t B = a->shape[0], n = a->shape[1], k = a->shape[2], m = b->shape[2];
    size_t es = dtype_size(a->dtype);
    for (int64_t i = 0; i < B; i++) {
        Mat ma = mat_of(a, 1), mb = mat_of(b, 1);
        ma.p += i * a->strides[0] * (int64_t)es;
        mb.p += i * b->strides[0] * (int64_t)es;
        if (gemm(a->dtype, n, m, k, 1, ma, mb, 0, (char *)tensor_data(out) + i * n * m * (int64_t)es,
                 m) < 0)
            return -1;
    }
    return 0;
}

// y = A x as a gemm with a one-column B: BLAS gemv when the layout allows.
int cpu_mv(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *a = in[0], *v = in[1];
    int64_t n = a->shape[0], m = a->shape[1];
    enum CBLAS_TRANSPOSE tr;
    int lda;
    bool blas = (a->dtype == DT_F32 || a->dtype == DT_F64) && n > 0 && m > 0 && blas_available() &&
                n <= INT_MAX && m <= INT_MAX && v->strides[0] > 0 && v->strides[0] <= INT_MAX;
    if (blas && blas_layout(n, m, a->strides[0], a->strides[1], &tr, &lda)) {
        // Row-major gemv reads A as stored: (n, m) as is, or (m, n) transposed.
        int rows = tr == CblasNoTrans ? (int)n : (int)m, cols = tr == CblasNoTrans ? (int)m : (int)n;
        int inc = (int)v->strides[0];
        if (a->dtype == DT_F32)
            blas_sgemv(CblasRowMajor, tr, rows, cols, 1.0f, tensor_data(a), lda, tensor_data(v),
                        inc, 0.0f, tensor_data(out), 1);
        else
            blas_dgemv(CblasRowMajor, tr, rows, cols, 1.0, tensor_data(a), lda, tensor_data(v),
                        inc, 0.0, tensor_data(out), 1);
        return 0;
    }
    Mat mv = {tensor_data(v), v->strides[0], 0};
    return gemm(a->dtype, n, 1, m, 1, mat_of(a, 0), mv, 0, tensor_data(out), 1);
}

int cpu_dot(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    const Tensor *a = in[0], *b = in[1];
    int64_t n = a->shape[0], sa = a->strides[0], sb = b->strides[0];
    bool blas = n > 0 && n <= INT_MAX && sa > 0 && sb > 0 && sa <= INT_MAX && sb <= INT_MAX && blas_available();
    if (blas && a->dtype == DT_F32) {
        *(float *)tensor_data(out) = blas_sdot((int)n, tensor_data(a), (int)sa, tensor_data(b), (int)sb);
        return 0;
    }
    if (blas && a->dtype == DT_F64) {
        *(double *)tensor_data(out) = blas_ddot((int)n, tensor_data(a), (int)sa, tensor_data(b), (int)sb);
        return 0;
    }
    Mat ma = {tensor_data(a), 0, sa}, mb = {tensor_data(b), sb, 0};
    naive_gemm(a->dtype, 1, 1, n, 1, ma, mb, 0, tensor_data(out), 1);
    return 0;
}

// ---- wrappers ----

static char *shape2(char *buf, size_t cap, const Tensor *t) {
    snprintf(buf, cap, "%lldx%lld", (long long)t->shape[0], (long long)t->shape[1]);
    return buf;
}

static int same_dtype(const Tensor *a, const Tensor *b) {
    if (a->dtype == b->dtype) return 0;
    return tl_raise_int(ERR_RUNTIME, "expected scalar type %s but found %s",
                        reduce_type_name(a->dtype), reduce_type_name(b->dtype));
}

// PyTorch 1.13's CPU matmul kernels have no bool or float16 versions.
static int supported(DType dt, const char *kernel) {
    if (dt != DT_BOOL && dt != DT_F16) return 0;
    return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'", kernel,
                        reduce_type_name(dt));
}

static Tensor *run2(OpCode op, int nd, const int64_t *shape, DType dt, const Tensor *const *in,
                    const OpArgs *args) {
    Tensor *out = tensor_empty(nd, shape, dt);
    if (out && op_run(op, out, in, args) < 0) {
        tensor_release(out);
        return NULL;
    }
    return out;
}

static int check_mm(const Tensor *a, const Tensor *b, const char *first) {
    char sa[48], sb[48];
    if (a->ndim != 2) return tl_raise_int(ERR_RUNTIME, "%s must be a matrix", first);
    if (b->ndim != 2) return tl_raise_int(ERR_RUNTIME, "mat2 must be a matrix");
    if (a->shape[1] != b->shape[0])
        return tl_raise_int(ERR_RUNTIME, "mat1 and mat2 shapes cannot be multiplied (%s and %s)",
                            shape2(sa, sizeof sa, a), shape2(sb, sizeof sb, b));
    return 0;
}

Tensor *tensor_mm(const Tensor *a, const Tensor *b) {
    if (check_mm(a, b, "self") < 0 || same_dtype(a, b) < 0 ||
        supported(a->dtype, "addmm_impl_cpu_") < 0)
        return NULL;
    int64_t shape[2] = {a->shape[0], b->shape[1]};
    OpArgs args = {0};
    return run2(OP_MM, 2, shape, a->dtype, (const Tensor *const[]){a, b}, &args);
}

Tensor *tensor_addmm(const Tensor *input, const Tensor *a, const Tensor *b, double beta,
                     double alpha) {
    if (a->ndim != 2)
        return tl_raise(ERR_RUNTIME, "mat1 must be a matrix, got %d-D tensor", a->ndim);
    if (b->ndim != 2)
        return tl_raise(ERR_RUNTIME, "mat2 must be a matrix, got %d-D tensor", b->ndim);
    if (check_mm(a, b, "mat1") < 0) return NULL;
    if (input->dtype != b->dtype || a->dtype != b->dtype)
        return tl_raise(ERR_RUNTIME, "self and mat2 must have the same dtype");
    if (supported(a->dtype, "addmm_impl_cpu_") < 0) return NULL;
    int64_t shape[2] = {a->shape[0], b->shape[1]};
    int lead = 2 - input->ndim;
    for (int d = 0; d < 2 && input->ndim <= 2; d++) {
        int sd = d - lead;
        if (sd >= 0 && input->shape[sd] != 1 && input->shape[sd] != shape[d]) {
            char ts[64], is[64];
            return tl_raise(ERR_RUNTIME, "The expanded size of the tensor (%lld) must match the "
                            "existing size (%lld) at non-singleton dimension %d.  Target sizes: "
                            "%s.  Tensor sizes: %s", (long long)shape[d],
                            (long long)input->shape[sd], d, tensor_shape_fmt(ts, sizeof ts, 2, shape),
                            tensor_shape_fmt(is, sizeof is, input->ndim, input->shape));
        }
    }
    if (input->ndim > 2)
        return tl_raise(ERR_RUNTIME, "expand: the number of sizes provided (2) must be greater "
                        "or equal to the number of dimensions in the tensor (%d)", input->ndim);
    OpArgs args = {0};
    args.s[0] = beta;
    args.s[1] = alpha;
    return run2(OP_ADDMM, 2, shape, a->dtype, (const Tensor *const[]){input, a, b}, &args);
}

Tensor *tensor_bmm(const Tensor *a, const Tensor *b) {
    if (a->ndim != 3) return tl_raise(ERR_RUNTIME, "batch1 must be a 3D tensor");
    if (b->ndim != 3) return tl_raise(ERR_RUNTIME, "batch2 must be a 3D tensor");
    if (b->shape[0] != a->shape[0] || b->shape[1] != a->shape[2])
        return tl_raise(ERR_RUNTIME, "Expected size for first two dimensions of batch2 tensor to "
                        "be: [%lld, %lld] but got: [%lld, %lld].", (long long)a->shape[0],
                        (long long)a->shape[2], (long long)b->shape[0], (long long)b->shape[1]);
    if (same_dtype(a, b) < 0 || supported(a->dtype, "bmm") < 0) return NULL;
    int64_t shape[3] = {a->shape[0], a->shape[1], b->shape[2]};
    OpArgs args = {0};
    return run2(OP_BMM, 3, shape, a->dtype, (const Tensor *const[]){a, b}, &args);
}

Tensor *tensor_mv(const Tensor *a, const Tensor *v) {
    if (a->ndim != 2 || v->ndim != 1)
        return tl_raise(ERR_RUNTIME, "vector + matrix @ vector expected, got 1, %d, %d",
                        a->ndim, v->ndim);
    if (a->shape[1] != v->shape[0])
        return tl_raise(ERR_RUNTIME, "size mismatch, got %lld, %lldx%lld,%lld",
                        (long long)a->shape[0], (long long)a->shape[0], (long long)a->shape[1],
                        (long long)v->shape[0]);
    if (same_dtype(a, v) < 0 || supported(a->dtype, "addmv_impl_cpu") < 0) return NULL;
    OpArgs args = {0};
    return run2(OP_MV, 1, a->shape, a->dtype, (const Tensor *const[]){a, v}, &args);
}

Tensor *tensor_dot(const Tensor *a, const Tensor *b) {
    if (a->ndim != 1 || b->ndim != 1)
        return tl_raise(ERR_RUNTIME, "1D tensors expected, but got %dD and %dD tensors",
                        a->ndim, b->ndim);
    if (a->dtype != b->dtype)
        return tl_raise(ERR_RUNTIME, "dot : expected both vectors to have same dtype, but found "
                        "%s and %s", reduce_type_name(a->dtype), reduce_type_name(b->dtype));
    if (a->shape[0] != b->shape[0])
        return tl_raise(ERR_RUNTIME, "inconsistent tensor size, expected tensor [%lld] and src "
                        "[%lld] to have the same number of elements, but got %lld and %lld "
                        "elements respectively", (long long)a->shape[0], (long long)b->shape[0],
                        (long long)a->shape[0], (long long)b->shape[0]);
    if (supported(a->dtype, "dot") < 0) return NULL;
    OpArgs args = {0};
    return run2(OP_DOT, 0, NULL, a->dtype, (const Tensor *const[]){a, b}, &args);
}

Tensor *tensor_outer(const Tensor *a, const Tensor *b) {
    if (a->ndim != 1)
        return tl_raise(ERR_RUNTIME, "outer: Expected 1-D argument self, but got %d-D", a->ndim);
    if (b->ndim != 1)
        return tl_raise(ERR_RUNTIME, "outer: Expected 1-D argument vec2, but got %d-D", b->ndim);
    DType dt = tensor_result_type((const Tensor *const[]){a, b}, 2);
    int64_t shape[2] = {a->shape[0], b->shape[0]};
    Tensor *out = tensor_empty(2, shape, dt);
    if (!out) return NULL;
    size_t es = dtype_size(dt);
    char *o = tensor_data(out);
    const char *pa = tensor_data(a), *pb = tensor_data(b);
    int64_t ea = (int64_t)dtype_size(a->dtype), eb = (int64_t)dtype_size(b->dtype);
    for (int64_t i = 0; i < shape[0]; i++)
        for (int64_t j = 0; j < shape[1]; j++, o += es) {
            const char *x = pa + i * a->strides[0] * ea, *y = pb + j * b->strides[0] * eb;
            if (dtype_is_floating(dt))
                tensor_write(o, dt, tensor_read(x, a->dtype) * tensor_read(y, b->dtype));
            else if (dt == DT_BOOL)
                *(bool *)o = reduce_load_i64(x, a->dtype) && reduce_load_i64(y, b->dtype);
            else
                reduce_store_i64(o, dt, (int64_t)((uint64_t)reduce_load_i64(x, a->dtype) *
                                                  (uint64_t)reduce_load_i64(y, b->dtype)));
        }
    return out;
}

// ---- matmul ----

// A >=3-D [t1] times a 1-D or 2-D [t2]: fold t1's batch into rows.
static Tensor *matmul_fold(const Tensor *t1, const Tensor *t2) {
    int64_t shape[TENSOR_MAX_DIMS], rows = 1;
    int nd = t1->ndim - 1;
    for (int d = 0; d < nd; d++) { shape[d] = t1->shape[d]; rows *= t1->shape[d]; }
    int64_t fold_shape[2] = {rows, t1->shape[t1->ndim - 1]};
    Tensor *folded = reshape(t1, 2, fold_shape), *prod = NULL, *out = NULL;
    if (!folded) return NULL;
    if (t2->ndim == 2) {
        shape[nd++] = t2->shape[1];
        prod = tensor_mm(folded, t2);
    } else {
        prod = tensor_mv(folded, t2);
    }
    if (prod) out = reshape(prod, nd, shape);
    tensor_release(folded);
    tensor_release(prod);
    return out;
}

// Broadcast the batch dims of [a] (.., n, k) and [b] (.., k, p) or (k),
// flatten them and bmm.
static Tensor *matmul_batched(const Tensor *a, const Tensor *b) {
    int da = a->ndim, db = b->ndim;
    int64_t n = da > 1 ? a->shape[da - 2] : 1, m1 = a->shape[da - 1];
    int64_t m2 = db > 1 ? b->shape[db - 2] : b->shape[0], p = db > 1 ? b->shape[db - 1] : 1;
    int nb;
    int64_t batch[TENSOR_MAX_DIMS + 2], ea[TENSOR_MAX_DIMS], eb[TENSOR_MAX_DIMS];
    if (iter_broadcast_shapes(da > 2 ? da - 2 : 0, a->shape, db > 2 ? db - 2 : 0, b->shape, &nb,
                              batch) < 0)
        return NULL;
    int64_t B = 1;
    for (int d = 0; d < nb; d++) B *= batch[d];
    memcpy(ea, batch, sizeof(int64_t) * (size_t)nb);
    memcpy(eb, batch, sizeof(int64_t) * (size_t)nb);
    ea[nb] = n; ea[nb + 1] = m1;
    eb[nb] = m2; eb[nb + 1] = p;
    Tensor *a1 = NULL, *b1 = NULL, *ax = NULL, *bx = NULL, *prod = NULL, *out = NULL;
    int64_t sa[3] = {B, n, m1}, sb[3] = {B, m2, p};
    // A 1-D left operand behaves as (1, k); a 1-D right one as (k, 1).
    int64_t one_a[2] = {1, m1}, col_b[2] = {m2, 1};
    if (!(a1 = da == 1 ? reshape(a, 2, one_a) : tensor_retain((Tensor *)a))) goto done;
    if (!(b1 = db == 1 ? reshape(b, 2, col_b) : tensor_retain((Tensor *)b))) goto done;
    Tensor *ae = tensor_expand(a1, nb + 2, ea), *be = tensor_expand(b1, nb + 2, eb);
    ax = ae ? reshape(ae, 3, sa) : NULL;
    bx = be ? reshape(be, 3, sb) : NULL;
    tensor_release(ae);
    tensor_release(be);
    if (!ax || !bx || !(prod = tensor_bmm(ax, bx))) goto done;
    if (da > 1) batch[nb++] = n;
    if (db > 1) batch[nb++] = p;
    out = reshape(prod, nb, batch);
done:
    tensor_release(a1); tensor_release(b1); tensor_release(ax); tensor_release(bx);
    tensor_release(prod);
    return out;
}

Tensor *tensor_matmul(const Tensor *a, const Tensor *b) {
    int da = a->ndim, db = b->ndim;
    if (da == 0 || db == 0)
        return tl_raise(ERR_RUNTIME, "both arguments to matmul need to be at least 1D, but they "
                        "are %dD and %dD", da, db);
    if (da == 1 && db == 1) return tensor_dot(a, b);
    if (da == 2 && db == 1) return tensor_mv(a, b);
    if (da == 2 && db == 2) return tensor_mm(a, b);
    if (da == 1 && db == 2) {
        int64_t row[2] = {1, a->shape[0]};
        Tensor *a2 = reshape(a, 2, row), *prod = a2 ? tensor_mm(a2, b) : NULL, *out = NULL;
        if (prod) out = reshape(prod, 1, &prod->shape[1]);
        tensor_release(a2);
        tensor_release(prod);
        return out;
    }
    if (da >= 3 && db <= 2) return matmul_fold(a, b);
    if (db >= 3 && da <= 2) {
        // (b^T a^T)^T with b's batch folded, made contiguous as PyTorch does.
        Tensor *bt = transpose_last(b), *at = da == 2 ? transpose_last(a) : tensor_retain((Tensor *)a);
        Tensor *prod = matmul_fold(bt, at), *out = NULL;
        tensor_release(bt);
        tensor_release(at);
        if (prod && da == 2) {
            Tensor *pt = transpose_last(prod);
            out = pt ? tensor_contiguous(pt) : NULL;
            tensor_release(pt);
            tensor_release(prod);
            return out;
        }
        return prod;
    }
    return matmul_batched(a, b);
}
