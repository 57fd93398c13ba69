// Tests of elementwise math: every op on fixed inputs against the values
// PyTorch 1.13 printed (tensor_cases.h), broadcasting and strided inputs
// against the same op on inputs materialised by naive index loops, the
// OpenMP path against the serial one, type promotion through ops, in-place
// and out= forms, and PyTorch's error messages.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/iter.h"
#include "tensor/shape.h"
#include "tensor_cases.h"

#define WEAK_UNARY(name) __attribute__((weak)) int cpu_##name(Tensor *o, const Tensor *const *i, \
    const OpArgs *a) { (void)o; (void)i; (void)a; return -1; }
#define WEAK_BINARY WEAK_UNARY
#define WEAK_TERNARY WEAK_UNARY
#define WEAK_PRED WEAK_UNARY
#define WEAK_COMPARE WEAK_UNARY
#define WEAK_REDUCE WEAK_UNARY
#define WEAK_MATMUL WEAK_UNARY
#define WEAK_INDEX WEAK_UNARY
#define WEAK_KERNEL WEAK_UNARY
#define WEAK_VIEW(name)
#define WEAK_SHAPE(name)
#define OP(E, name, nin, kind, gf) WEAK_##kind(name)
#include "tensor/ops.def"
#undef OP

#define N_X ((int64_t)(sizeof case_unary_x / sizeof *case_unary_x))
#define N_AB ((int64_t)(sizeof case_bin_a / sizeof *case_bin_a))

// Equal, NaN equal to NaN, and -0.0 told from 0.0 (PyTorch prints "-0.").
static bool same(double a, double b) {
    return (a == b && signbit(a) == signbit(b)) || (isnan(a) && isnan(b));
}

// Equal up to [ulps] float32 (or float64) units: PyTorch's vector math
// (Sleef) and glibc may differ in the last bit.
static bool near(double got, double want, bool f32, double ulps) {
    if (same(got, want)) return true;
    if (isnan(got) || isnan(want) || isinf(got) || isinf(want)) return false;
    double ulp = want == 0 ? (f32 ? 1e-38 : 1e-300)
               : f32 ? ldexp(1.0, ilogb(want) - 23) : ldexp(1.0, ilogb(want) - 52);
    return fabs(got - want) <= ulps * ulp;
}

static Tensor *from_floats(const float *v, int64_t n, DType dt) {
    Tensor *t = tensor_empty(1, &n, DT_F32);
    memcpy(tensor_data(t), v, (size_t)n * sizeof *v);
    Tensor *r = tensor_to_dtype(t, dt, false);
    tensor_release(t);
    return r;
}

static void check_error(const void *r, const char *msg) {
    CHECK(r == NULL);
    CHECK_STR(tl_error_message(), msg);
    tl_error_clear();
}
static void check_error_rc(int rc, const char *msg) {
    CHECK(rc < 0);
    CHECK_STR(tl_error_message(), msg);
    tl_error_clear();
}

// Ops whose result PyTorch computes exactly (no libm rounding freedom).
static bool exact_op(int op) {
    return op == OP_NEG || op == OP_ABS || op == OP_RELU || op == OP_SIGN || op == OP_FLOOR ||
           op == OP_CEIL || op == OP_ROUND || op == OP_TRUNC || op == OP_FRAC || op == OP_SQUARE ||
           op == OP_RECIPROCAL || op == OP_SQRT || op == OP_RSQRT || op == OP_NAN_TO_NUM ||
           op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV || op == OP_MAXIMUM ||
           op == OP_MINIMUM || op == OP_FLOOR_DIVIDE || op == OP_REMAINDER;
}

static void test_unary_values(void) {
    Tensor *x32 = from_floats(case_unary_x, N_X, DT_F32), *x64 = tensor_to_dtype(x32, DT_F64, false);
    for (size_t k = 0; k < sizeof case_unary / sizeof *case_unary; k++) {
        const UnaryCase *c = &case_unary[k];
        Tensor *y = tensor_unary(c->op, x32, NULL), *y64 = tensor_unary(c->op, x64, NULL);
        CHECK(y && y->dtype == DT_F32 && y64 && y64->dtype == DT_F64);
        int bad = 0;
        for (int64_t i = 0; i < N_X; i++) {
            double ulps = exact_op(c->op) ? 0 : 2;
            if (!near(tensor_get_flat(y, i), c->y[i], true, ulps)) {
                bad++;
                fprintf(stderr, "%s(%g) float32: %.9g, PyTorch %.9g\n", op_info[c->op].name,
                        case_unary_x[i], tensor_get_flat(y, i), c->y[i]);
            }
            if (!near(tensor_get_flat(y64, i), c->y64[i], false, ulps)) {
                bad++;
                fprintf(stderr, "%s(%g) float64: %.17g, PyTorch %.17g\n", op_info[c->op].name,
                        case_unary_x[i], tensor_get_flat(y64, i), c->y64[i]);
            }
        }
        CHECK(bad == 0);
        tensor_release(y), tensor_release(y64);
    }
    // round(decimals=), clamp and ** by scalars.
    Tensor *s = tensor_mul_scalar(x32, 1.37), *r = tensor_round_decimals(s, 2);
    for (int64_t i = 0; i < N_X; i++) CHECK(same(tensor_get_flat(r, i), case_round2[i]));
    tensor_release(s), tensor_release(r);
    s = tensor_mul_scalar(x32, 37.0), r = tensor_round_decimals(s, -1);
    for (int64_t i = 0; i < N_X; i++) CHECK(same(tensor_get_flat(r, i), case_round_m1[i]));
    tensor_release(s), tensor_release(r);
    TensorScalar lo = tensor_scalar_float(-1), hi = tensor_scalar_int(2);
    r = tensor_clamp(x32, &lo, &hi);
    for (int64_t i = 0; i < N_X; i++) CHECK(same(tensor_get_flat(r, i), case_clamp[i]));
    tensor_release(r);
    for (size_t e = 0; e < sizeof case_pow_exps / sizeof *case_pow_exps; e++) {
        double ex = case_pow_exps[e];
        TensorScalar es = ex == (int64_t)ex ? tensor_scalar_int((int64_t)ex) : tensor_scalar_float(ex);
        r = tensor_pow_scalar(x32, es);
        int bad = 0;
        for (int64_t i = 0; i < N_X; i++)
            if (!near(tensor_get_flat(r, i), case_pow_scalar[e][i], true, 1)) {
                bad++;
                fprintf(stderr, "%g ** %g: %.9g, PyTorch %.9g\n", case_unary_x[i], ex,
                        tensor_get_flat(r, i), case_pow_scalar[e][i]);
            }
        CHECK(bad == 0);
        tensor_release(r);
    }
    tensor_release(x32), tensor_release(x64);
}

static void test_binary_values(void) {
    Tensor *a = from_floats(case_bin_a, N_AB, DT_F32), *b = from_floats(case_bin_b, N_AB, DT_F32);
    Tensor *a64 = tensor_to_dtype(a, DT_F64, false), *b64 = tensor_to_dtype(b, DT_F64, false);
    for (size_t k = 0; k < sizeof case_binary / sizeof *case_binary; k++) {
        const BinaryCase *c = &case_binary[k];
        Tensor *y = tensor_binary(c->op, a, b, NULL), *y64 = tensor_binary(c->op, a64, b64, NULL);
        int bad = 0;
        for (int64_t i = 0; i < N_AB; i++) {
            double ulps = exact_op(c->op) ? 0 : 1;
            if (!near(tensor_get_flat(y, i), c->y[i], true, ulps) ||
                !near(tensor_get_flat(y64, i), c->y64[i], false, ulps)) {
                bad++;
                fprintf(stderr, "%s(%g, %g): %.9g / %.17g, PyTorch %.9g / %.17g\n", op_info[c->op].name,
                        case_bin_a[i], case_bin_b[i], tensor_get_flat(y, i), tensor_get_flat(y64, i),
                        c->y[i], c->y64[i]);
            }
        }
        CHECK(bad == 0);
        tensor_release(y), tensor_release(y64);
    }
    Tensor *t = tensor_div_mode(a, b, DIV_TRUNC);
    for (int64_t i = 0; i < N_AB; i++) CHECK(same(tensor_get_flat(t, i), case_div_trunc[i]));
    tensor_release(t);
    t = tensor_lerp_scalar(a, b, 0.3);
    for (int64_t i = 0; i < N_AB; i++) CHECK(same(tensor_get_flat(t, i), case_lerp[i]));
    tensor_release(t);
    OpArgs alpha = {.s = {2.5}};
    t = tensor_binary(OP_SUB, a, b, &alpha);
    for (int64_t i = 0; i < N_AB; i++) CHECK(same(tensor_get_flat(t, i), case_sub_alpha[i]));
    tensor_release(t);
    tensor_release(a), tensor_release(b), tensor_release(a64), tensor_release(b64);
}

static void test_int_values(void) {
    int64_t n = (int64_t)(sizeof case_int_a / sizeof *case_int_a);
    Tensor *a = tensor_from_i64(case_int_a, 1, &n, DT_I64), *b = tensor_from_i64(case_int_b, 1, &n, DT_I64);
    for (size_t k = 0; k < sizeof case_int / sizeof *case_int; k++) {
        Tensor *y = tensor_binary(case_int[k].op, a, b, NULL);
        CHECK(y && y->dtype == DT_I64);
        for (int64_t i = 0; i < n; i++) {
            if (tensor_get_flat_i64(y, i) != case_int[k].y[i])
                fprintf(stderr, "%s(%lld, %lld): %lld, PyTorch %lld\n", op_info[case_int[k].op].name,
                        (long long)case_int_a[i], (long long)case_int_b[i],
                        (long long)tensor_get_flat_i64(y, i), (long long)case_int[k].y[i]);
            CHECK(tensor_get_flat_i64(y, i) == case_int[k].y[i]);
        }
        tensor_release(y);
    }
    Tensor *t = tensor_div_mode(a, b, DIV_TRUNC), *d = tensor_div(a, b);
    CHECK(d->dtype == DT_F32);
    for (int64_t i = 0; i < n; i++) {
        CHECK(tensor_get_flat_i64(t, i) == case_int_div_trunc[i]);
        CHECK(tensor_get_flat(d, i) == (double)(float)case_int_truediv[i]);
    }
    tensor_release(t), tensor_release(d), tensor_release(a), tensor_release(b);
}

// ---- iteration: broadcast and strided inputs vs naive materialisation ----

static uint64_t rng_state = 88172645463325252ull;
static double rnd(void) {
    rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0 * 8 - 4;   // [-4, 4)
}

static Tensor *random_tensor(int ndim, const int64_t *shape, DType dt) {
    Tensor *t = tensor_empty(ndim, shape, DT_F64);
    int64_t n = tensor_numel(t);
    for (int64_t i = 0; i < n; i++) {
        double v = rnd();
        ((double *)tensor_data(t))[i] = dtype_is_floating(dt) ? v : dt == DT_BOOL ? v > 0 : floor(v * 3);
    }
    Tensor *r = tensor_to_dtype(t, dt, false);
    tensor_release(t);
    return r;
}

// A contiguous copy of [t] broadcast to [shape], by explicit index arithmetic
// (nothing from iter.c).
static Tensor *materialize(const Tensor *t, int ndim, const int64_t *shape) {
    Tensor *out = tensor_empty(ndim, shape, t->dtype);
    int64_t n = tensor_numel(out);
    size_t es = dtype_size(t->dtype);
    for (int64_t i = 0; i < n; i++) {
        int64_t rem = i, off = t->offset;
        for (int d = ndim - 1; d >= 0; d--) {
            int64_t idx = rem % shape[d];
            rem /= shape[d];
            int td = d - (ndim - t->ndim);
            if (td >= 0 && t->shape[td] != 1) off += idx * t->strides[td];
        }
        memcpy((char *)tensor_data(out) + i * (int64_t)es, (char *)t->storage->data + off * (int64_t)es, es);
    }
    return out;
}

static bool tensors_same(const Tensor *a, const Tensor *b) {
    if (!a || !b || a->dtype != b->dtype || a->ndim != b->ndim) return false;
    for (int d = 0; d < a->ndim; d++) if (a->shape[d] != b->shape[d]) return false;
    int64_t n = tensor_numel(a);
    for (int64_t i = 0; i < n; i++)
        if (!same(tensor_get_flat(a, i), tensor_get_flat(b, i))) return false;
    return true;
}

static bool op_accepts(int op, DType dt) {
    if (op == OP_BITWISE_AND || op == OP_BITWISE_OR || op == OP_BITWISE_XOR || op == OP_BITWISE_NOT)
        return !dtype_is_floating(dt);
    if (op == OP_SUB || op == OP_RSUB || op == OP_NEG || op == OP_ABS)
        return dt != DT_BOOL;
    if (op == OP_RELU) return dt != DT_BOOL && dt != DT_F16;
    if (op == OP_FLOOR_DIVIDE || op == OP_REMAINDER || op == OP_DIV_MODE || op == OP_POW ||
        op == OP_FLOOR || op == OP_CEIL || op == OP_ROUND || op == OP_TRUNC)
        return dt != DT_BOOL && dt != DT_F16 && !dtype_is_integral(dt);   // ints may divide by 0
    if (op == OP_FRAC || op == OP_ROUND_DECIMALS) return dt == DT_F32 || dt == DT_F64;
    if (op_info[op].kind == OPK_UNARY && dtype_is_floating(dt)) return dt != DT_F16;
    if (op == OP_ATAN2) return dt != DT_F16;
    return true;
}

static void test_broadcast_strided(void) {
    const DType dts[] = {DT_F32, DT_F64, DT_I64, DT_I32, DT_U8, DT_BOOL, DT_F16, DT_BF16};
    int64_t sa[2] = {3, 4}, sb[3] = {5, 1, 3}, so[3] = {5, 4, 3};
    for (size_t di = 0; di < sizeof dts / sizeof *dts; di++) {
        DType dt = dts[di];
        Tensor *a0 = random_tensor(2, sa, dt), *a = tensor_t(a0);    // (4, 3), non-contiguous
        Tensor *b = random_tensor(3, sb, dt);                         // broadcasts to (5, 4, 3)
        Tensor *am = materialize(a, 3, so), *bm = materialize(b, 3, so);
        for (int op = 0; op < OP__COUNT; op++) {
            OpKind k = op_info[op].kind;
            if ((k != OPK_BINARY && k != OPK_COMPARE) || op == OP_MASKED_FILL || op == OP_LERP_SCALAR ||
                !op_accepts(op, dt))
                continue;
            OpArgs args = {.s = {1, 1e-5}, .mode = DIV_FLOOR};
            if (op == OP_ISCLOSE && dt != DT_F32 && dt != DT_F64) continue;
            Tensor *r = tensor_binary(op, a, b, &args), *ref = tensor_binary(op, am, bm, &args);
            bool ok = tensors_same(r, ref);
            if (!ok) fprintf(stderr, "broadcast %s on %s differs (%s)\n", op_info[op].name,
                             dtype_name(dt), r ? "" : tl_error_message());
            tl_error_clear();
            CHECK(ok);
            tensor_release(r), tensor_release(ref);
        }
        // Unary ops on a strided slice: every other column of the transpose.
        Tensor *sl = tensor_slice(a, 1, 0, 3, 2);
        int64_t ss[2] = {4, 2};
        Tensor *slm = materialize(sl, 2, ss);
        for (int op = 0; op < OP__COUNT; op++) {
            OpKind k = op_info[op].kind;
            if ((k != OPK_UNARY && k != OPK_PRED) || op == OP_POW_SCALAR || op == OP_CLAMP ||
                op == OP_FILL || !op_accepts(op, dt))
                continue;
            Tensor *r = tensor_unary(op, sl, NULL), *ref = tensor_unary(op, slm, NULL);
            bool ok = tensors_same(r, ref);
            if (!ok) fprintf(stderr, "strided %s on %s differs (%s)\n", op_info[op].name,
                             dtype_name(dt), r ? "" : tl_error_message());
            tl_error_clear();
            CHECK(ok);
            tensor_release(r), tensor_release(ref);
        }
        tensor_release(sl), tensor_release(slm);
        tensor_release(a0), tensor_release(a), tensor_release(b), tensor_release(am), tensor_release(bm);
    }
}

// Large tensors take the OpenMP path: compare with 1-element-at-a-time math.
static void test_parallel(void) {
    int64_t s[2] = {301, 333};                   // odd sizes: ragged thread chunks
    Tensor *x0 = random_tensor(2, s, DT_F32), *x = tensor_t(x0);
    Tensor *y = random_tensor(1, &s[0], DT_F32);  // broadcasts along the last dim of x
    Tensor *r = tensor_mul(x, y), *e = tensor_exp(x);
    CHECK(r && e);
    int bad = 0;
    for (int64_t i = 0; i < 333; i++)
        for (int64_t j = 0; j < 301; j++) {
            float xv = (float)tensor_get_flat(x0, j * 333 + i), yv = (float)tensor_get_flat(y, j);
            bad += tensor_get_flat(r, i * 301 + j) != (double)(xv * yv);
            bad += tensor_get_flat(e, i * 301 + j) != (double)expf(xv);
        }
    CHECK(bad == 0);
    tensor_release(r), tensor_release(e), tensor_release(x0), tensor_release(x), tensor_release(y);
}

static void test_promotion(void) {
    int64_t s = 3;
    Tensor *i64 = tensor_from_i64((const int64_t[]){1, 2, 3}, 1, &s, DT_I64);
    Tensor *i32 = tensor_to_dtype(i64, DT_I32, false), *u8 = tensor_to_dtype(i64, DT_U8, false);
    Tensor *i8 = tensor_to_dtype(i64, DT_I8, false), *f64 = tensor_to_dtype(i64, DT_F64, false);
    Tensor *f32 = tensor_to_dtype(i64, DT_F32, false), *h = tensor_to_dtype(i64, DT_F16, false);
    Tensor *z64 = tensor_from_i64((const int64_t[]){5}, 0, NULL, DT_I64);
    Tensor *zf64 = tensor_from_f64((const double[]){0.5}, 0, NULL, DT_F64);
    Tensor *r;
    r = tensor_binary_scalar(OP_ADD, i64, tensor_scalar_float(0.5), NULL);
    CHECK(r->dtype == DT_F32 && tensor_get_flat(r, 2) == 3.5);
    tensor_release(r);
    r = tensor_add(i32, z64);                           // 0-d int64 does not widen int32
    CHECK(r->dtype == DT_I32 && tensor_get_flat(r, 0) == 6);
    tensor_release(r);
    r = tensor_add(i32, zf64);                          // but a 0-d float raises the category
    CHECK(r->dtype == DT_F64 && tensor_get_flat(r, 0) == 1.5);
    tensor_release(r);
    r = tensor_add(f32, f64);
    CHECK(r->dtype == DT_F64);
    tensor_release(r);
    r = tensor_add(u8, i8);
    CHECK(r->dtype == DT_I16);
    tensor_release(r);
    r = tensor_div(i64, i64);
    CHECK(r->dtype == DT_F32 && tensor_get_flat(r, 1) == 1);
    tensor_release(r);
    r = tensor_binary_scalar(OP_LT, i64, tensor_scalar_float(2.5), NULL);
    CHECK(r->dtype == DT_BOOL && tensor_get_flat(r, 1) == 1 && tensor_get_flat(r, 2) == 0);
    tensor_release(r);
    r = tensor_binary_scalar(OP_RSUB, i64, tensor_scalar_int(10), NULL);     // 10 - x
    CHECK(r->dtype == DT_I64 && tensor_get_flat_i64(r, 0) == 9);
    tensor_release(r);
    r = tensor_rbinary_scalar(OP_POW, tensor_scalar_int(2), i64, NULL);       // 2 ** x
    CHECK(r->dtype == DT_I64 && tensor_get_flat_i64(r, 2) == 8);
    tensor_release(r);
    r = tensor_rbinary_scalar(OP_FLOOR_DIVIDE, tensor_scalar_float(7.0), f32, NULL);   // 7.0 // x
    CHECK(r->dtype == DT_F32 && tensor_get_flat(r, 1) == 3);
    tensor_release(r);
    r = tensor_add(h, h);                                                      // half stays half
    CHECK(r->dtype == DT_F16 && tensor_get_flat(r, 2) == 6);
    tensor_release(r);
    r = tensor_binary_scalar(OP_MUL, h, tensor_scalar_float(0.1), NULL);
    CHECK(r->dtype == DT_F16 && tensor_get_flat(r, 2) == 0.300048828125);      // PyTorch's half value
    tensor_release(r);
    r = tensor_exp(i64);
    CHECK(r->dtype == DT_F32);
    tensor_release(r);
    Tensor *b = tensor_to_dtype(i64, DT_BOOL, false);
    r = tensor_square(b);
    CHECK(r->dtype == DT_I64);
    tensor_release(r);
    r = tensor_pow_scalar(i64, tensor_scalar_float(0.5));
    CHECK(r->dtype == DT_F32);
    tensor_release(r);
    TensorScalar one = tensor_scalar_int(1);
    r = tensor_clamp(b, &one, NULL);                    // bool with int bounds -> int64
    CHECK(r && r->dtype == DT_I64);
    tensor_release(r);
    r = tensor_where(b, i32, f64);
    CHECK(r->dtype == DT_F64);
    tensor_release(r);
    tensor_release(b);
    tensor_release(i64), tensor_release(i32), tensor_release(u8), tensor_release(i8);
    tensor_release(f64), tensor_release(f32), tensor_release(h), tensor_release(z64), tensor_release(zf64);
}

static void test_inplace(void) {
    int64_t s[2] = {2, 3}, three = 3;
    Tensor *a = tensor_ones(2, s, DT_F32), *row = tensor_arange(tensor_scalar_int(0), tensor_scalar_int(3),
                                                                 tensor_scalar_int(1), DT_F32);
    int64_t v0 = a->storage->version;
    CHECK(tensor_add_(a, row) == 0 && a->storage->version == v0 + 1);
    CHECK(tensor_get_flat(a, 5) == 3 && tensor_get_flat(a, 3) == 1);
    check_error_rc(tensor_add_(row, a), "output with shape [3] doesn't match the broadcast shape [2, 3]");
    Tensor *l = tensor_ones(1, &three, DT_I64);
    check_error_rc(tensor_add_(l, row), "result type Float can't be cast to the desired output type Long");
    CHECK(tensor_binary_(OP_ADD, row, l, NULL) == 0);   // int into float is fine
    CHECK(tensor_get_flat(row, 2) == 3);
    Tensor *bo = tensor_ones(1, &three, DT_BOOL);
    check_error_rc(tensor_binary_scalar_(OP_ADD, bo, tensor_scalar_int(1), NULL),
                   "result type Long can't be cast to the desired output type Bool");
    // In place on a view writes through to the base.
    Tensor *col = tensor_select(a, 1, 0);
    CHECK(tensor_unary_(OP_NEG, col, NULL) == 0);
    CHECK(tensor_get_flat(a, 0) == -1 && tensor_get_flat(a, 3) == -1 && tensor_get_flat(a, 1) == 2);
    // Overlap checks.
    int64_t sq[2] = {3, 3};
    Tensor *m = tensor_ones(2, sq, DT_F32), *mt = tensor_t(m);
    check_error_rc(tensor_add_(m, mt), "unsupported operation: some elements of the input tensor and "
                   "the written-to tensor refer to a single memory location. Please clone() the "
                   "tensor before performing the operation.");
    int64_t one = 1;
    Tensor *o = tensor_ones(1, &one, DT_F32), *ex = tensor_expand(o, 1, &three);
    check_error_rc(tensor_binary_scalar_(OP_ADD, ex, tensor_scalar_int(1), NULL),
                   "unsupported operation: more than one element of the written-to tensor refers to "
                   "a single memory location. Please clone() the tensor before performing the operation.");
    // out= with a float16 destination converts.
    Tensor *h = tensor_empty(2, s, DT_F16);
    CHECK(tensor_binary_out(OP_MUL, h, a, a, NULL) == 0 && tensor_get_flat(h, 5) == 9);
    CHECK(tensor_fill_(h, tensor_scalar_float(0.1)) == 0 && tensor_get_flat(h, 4) == 0.0999755859375);
    CHECK(tensor_zero_(h) == 0 && tensor_get_flat(h, 4) == 0);
    // pow_ and clamp_ in place.
    CHECK(tensor_pow_scalar_(a, tensor_scalar_int(2)) == 0 && tensor_get_flat(a, 5) == 9);
    TensorScalar hi = tensor_scalar_float(4);
    CHECK(tensor_clamp_(a, NULL, &hi) == 0 && tensor_get_flat(a, 5) == 4);
    Tensor *mask = tensor_binary_scalar(OP_GT, a, tensor_scalar_int(3), NULL);
    CHECK(tensor_masked_fill_(a, mask, tensor_scalar_float(-7)) == 0 && tensor_get_flat(a, 5) == -7 &&
          tensor_get_flat(a, 3) == 1);
    tensor_release(mask), tensor_release(h), tensor_release(o), tensor_release(ex);
    tensor_release(m), tensor_release(mt), tensor_release(col), tensor_release(bo), tensor_release(l);
    tensor_release(a), tensor_release(row);
}

static void test_misc_ops(void) {
    int64_t s = 4;
    Tensor *a = tensor_from_f64((const double[]){1, NAN, INFINITY, -2}, 1, &s, DT_F32);
    Tensor *b = tensor_from_f64((const double[]){1.000001, NAN, INFINITY, -2.1}, 1, &s, DT_F32);
    Tensor *c = tensor_isclose(a, b, 1e-5, 1e-8, false);
    CHECK(tensor_get_flat(c, 0) == 1 && tensor_get_flat(c, 1) == 0 && tensor_get_flat(c, 2) == 1 &&
          tensor_get_flat(c, 3) == 0);
    tensor_release(c);
    c = tensor_isclose(a, b, 1e-5, 1e-8, true);
    CHECK(tensor_get_flat(c, 1) == 1);
    tensor_release(c);
    CHECK(tensor_allclose(a, a, 1e-5, 1e-8, true) == 1 && tensor_allclose(a, a, 1e-5, 1e-8, false) == 0);
    CHECK(tensor_equal(b, b) == 0);                      // NaN != NaN
    Tensor *l = tensor_to_dtype(a, DT_I64, false);
    check_error(tensor_isclose(a, l, 1e-5, 1e-8, false), "Float did not match Long");
    double pinf = 100;
    Tensor *n = tensor_nan_to_num(a, 0, &pinf, NULL);
    CHECK(tensor_get_flat(n, 1) == 0 && tensor_get_flat(n, 2) == 100);
    tensor_release(n);
    Tensor *neg = tensor_neg(a);
    n = tensor_nan_to_num(neg, 5, NULL, NULL);
    CHECK(tensor_get_flat(n, 1) == 5 && tensor_get_flat(n, 2) == -3.4028234663852886e38);
    tensor_release(n), tensor_release(neg);
    Tensor *isn = tensor_unary(OP_ISNAN, a, NULL), *isi = tensor_unary(OP_ISINF, a, NULL),
           *isf = tensor_unary(OP_ISFINITE, a, NULL);
    CHECK(isn->dtype == DT_BOOL && tensor_get_flat(isn, 1) == 1 && tensor_get_flat(isi, 2) == 1 &&
          tensor_get_flat(isf, 0) == 1 && tensor_get_flat(isf, 2) == 0);
    Tensor *w = tensor_where(isn, b, a);
    CHECK(isnan(tensor_get_flat(w, 1)) && tensor_get_flat(w, 3) == -2);
    tensor_release(w);
    Tensor *mf = tensor_masked_fill(a, isi, tensor_scalar_int(9));
    CHECK(tensor_get_flat(mf, 2) == 9 && tensor_get_flat(mf, 0) == 1);
    tensor_release(mf);
    Tensor *lt = tensor_clamp_tensor(a, NULL, b);
    CHECK(tensor_get_flat(lt, 3) == -2.0999999046325684 && tensor_get_flat(lt, 0) == 1);
    tensor_release(lt);
    Tensor *land = tensor_binary(OP_LOGICAL_AND, isn, isf, NULL), *lx = tensor_binary(OP_LOGICAL_XOR, isn, isi, NULL);
    CHECK(tensor_get_flat(land, 1) == 0 && tensor_get_flat(lx, 1) == 1 && tensor_get_flat(lx, 0) == 0);
    Tensor *bn = tensor_unary(OP_BITWISE_NOT, isn, NULL);
    CHECK(bn->dtype == DT_BOOL && tensor_get_flat(bn, 0) == 1 && tensor_get_flat(bn, 1) == 0);
    tensor_release(land), tensor_release(lx), tensor_release(bn);
    tensor_release(isn), tensor_release(isi), tensor_release(isf);
    Tensor *wt = tensor_full(1, &s, tensor_scalar_float(0.75), DT_F32);
    Tensor *lp = tensor_lerp(b, b, wt);
    CHECK(tensor_get_flat(lp, 3) == -2.0999999046325684);
    tensor_release(lp), tensor_release(wt);
    tensor_release(l), tensor_release(a), tensor_release(b);
}

static void test_errors(void) {
    int64_t s = 3, s23[2] = {2, 3}, s4 = 4;
    Tensor *f = tensor_ones(1, &s, DT_F32), *b = tensor_ones(1, &s, DT_BOOL), *i = tensor_ones(1, &s, DT_I64);
    Tensor *f23 = tensor_ones(2, s23, DT_F32), *f4 = tensor_ones(1, &s4, DT_F32), *h = tensor_ones(1, &s, DT_F16);
    check_error(tensor_add(f23, f4),
                "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1");
    check_error(tensor_sub(b, b), "Subtraction, the `-` operator, with two bool tensors is not supported. "
                "Use the `^` or `logical_xor()` operator instead.");
    check_error(tensor_binary_scalar(OP_SUB, b, tensor_scalar_int(1), NULL),
                "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
                "to invert a mask, use the `~` or `logical_not()` operator instead.");
    check_error(tensor_neg(b), "Negation, the `-` operator, on a bool tensor is not supported. If you "
                "are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
    check_error(tensor_binary(OP_BITWISE_AND, f, f, NULL), "\"bitwise_and_cpu\" not implemented for 'Float'");
    check_error(tensor_unary(OP_BITWISE_NOT, f, NULL), "\"bitwise_not_cpu\" not implemented for 'Float'");
    check_error(tensor_exp(h), "\"exp_vml_cpu\" not implemented for 'Half'");
    check_error(tensor_abs(b), "\"abs_cpu\" not implemented for 'Bool'");
    check_error(tensor_unary(OP_FRAC, i, NULL), "\"frac_cpu\" not implemented for 'Long'");
    check_error(tensor_relu(b), "Boolean inputs not supported for relu");
    Tensor *z = tensor_zeros(1, &s, DT_I64);
    check_error(tensor_binary(OP_FLOOR_DIVIDE, i, z, NULL), "ZeroDivisionError");
    check_error(tensor_binary_scalar(OP_REMAINDER, i, tensor_scalar_int(0), NULL), "ZeroDivisionError");
    Tensor *fz = tensor_zeros(0, NULL, DT_F32), *dz = tensor_binary(OP_FLOOR_DIVIDE, f, fz, NULL);
    CHECK(dz && isinf(tensor_get_flat(dz, 0)));                // floats divide by zero quietly
    tensor_release(dz), tensor_release(fz);
    tl_error_clear();
    check_error(tensor_pow_scalar(i, tensor_scalar_int(-1)), "Integers to negative integer powers are not allowed.");
    check_error(tensor_clamp(f, NULL, NULL), "torch.clamp: At least one of 'min' or 'max' must not be None");
    check_error(tensor_where(f, f, f), "where expected condition to be a boolean tensor, but got a tensor "
                "with dtype Float");
    Tensor *d = tensor_to_dtype(f, DT_F64, false);
    check_error(tensor_lerp_scalar(f, d, 0.5), "expected dtype float for `end` but got dtype double");
    tensor_release(d), tensor_release(z);
    tensor_release(f), tensor_release(b), tensor_release(i), tensor_release(f23), tensor_release(f4), tensor_release(h);
}

// Result layouts as PyTorch 1.13 reports them (a = torch.ones(3, 4).t()):
// (a+1).stride() == (1, 4), (ones(4,3)+a).stride() == (3, 1), a.clone() and
// a.double() keep (1, 4), a.contiguous() is (3, 1), (a > 0) keeps (1, 4);
// ones(4, 6)[:, ::2].clone().stride() == (3, 1).
static void test_layouts(void) {
    int64_t s34[2] = {3, 4}, s43[2] = {4, 3}, s46[2] = {4, 6};
    Tensor *a0 = tensor_ones(2, s34, DT_F32), *a = tensor_t(a0), *o = tensor_ones(2, s43, DT_F32);
    Tensor *r1 = tensor_binary_scalar(OP_ADD, a, tensor_scalar_int(1), NULL), *r2 = tensor_add(o, a);
    Tensor *c = tensor_clone(a), *d = tensor_to_dtype(a, DT_F64, false), *k = tensor_contiguous(a);
    Tensor *g = tensor_binary_scalar(OP_GT, a, tensor_scalar_int(0), NULL);
    CHECK(r1->strides[0] == 1 && r1->strides[1] == 4 && !tensor_is_contiguous(r1));
    CHECK(r2->strides[0] == 3 && r2->strides[1] == 1);
    CHECK(c->strides[0] == 1 && c->strides[1] == 4 && d->strides[0] == 1 && d->strides[1] == 4);
    CHECK(k->strides[0] == 3 && k->strides[1] == 1 && g->strides[0] == 1 && g->strides[1] == 4);
    CHECK(tensor_get_flat(r1, 5) == 2 && tensor_get_flat(r2, 11) == 2);
    Tensor *w0 = tensor_ones(2, s46, DT_F32), *w = tensor_slice(w0, 1, 0, 6, 2), *wc = tensor_clone(w);
    CHECK(wc->strides[0] == 3 && wc->strides[1] == 1);
    tensor_release(w0), tensor_release(w), tensor_release(wc);
    tensor_release(a0), tensor_release(a), tensor_release(o), tensor_release(r1), tensor_release(r2);
    tensor_release(c), tensor_release(d), tensor_release(k), tensor_release(g);
}

int main(void) {
    test_layouts();
    test_unary_values();
    test_binary_values();
    test_int_values();
    test_broadcast_strided();
    test_parallel();
    test_promotion();
    test_inplace();
    test_misc_ops();
    test_errors();
    CHECK(tensor_live_count() == 0);
    return test_summary();
}
