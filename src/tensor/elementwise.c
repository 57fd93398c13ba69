// The elementwise front end: from PyTorch's rules for each op it derives
// the result dtype and the compute dtype (float16/bfloat16 compute in
// float32), checks dtype support and shapes with PyTorch's messages,
// converts inputs, allocates or checks the output, runs the op's CPU kernel
// and converts the result back where the compute dtype differs.
#include "tensor/elementwise.h"

#include <string.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/iter.h"
#include "tensor/storage.h"

typedef enum {
    R_PROMOTE,   // result_type of the inputs
    R_FLOAT,     // result_type, integers and bool -> default float
    R_CMP,       // computed in result_type, bool out
    R_SAME,      // unary: the input's dtype
    R_UFLOAT,    // unary: the input's dtype if floating, else default float
    R_PRED,      // unary: computed in the input's dtype, bool out
} ResultRule;

#define B(E) (1u << DT_##E)
#define M_INTS (B(U8) | B(I8) | B(I16) | B(I32) | B(I64))
#define M_FLOATS (B(F16) | B(BF16) | B(F32) | B(F64))
#define M_NUM (M_INTS | M_FLOATS)
#define M_ALL (M_NUM | B(BOOL))
#define M_FNOHALF (B(BF16) | B(F32) | B(F64))
#define M_NUM_NOHALF (M_INTS | M_FNOHALF)
#define M_INTBOOL (M_INTS | B(BOOL))

typedef struct {
    uint8_t rule;
    uint16_t ok;          // dtypes (result dtype; compare: the compared dtype) supported
    const char *kname;    // PyTorch's kernel name in "not implemented" errors
} EwRule;

static const EwRule rules[OP__COUNT] = {
    [OP_ADD] = {R_PROMOTE, M_ALL, "add_cpu"},
    [OP_SUB] = {R_PROMOTE, M_NUM, "sub_cpu"},
    [OP_RSUB] = {R_PROMOTE, M_NUM, "sub_cpu"},
    [OP_MUL] = {R_PROMOTE, M_ALL, "mul_cpu"},
    [OP_DIV] = {R_FLOAT, M_FLOATS, "div_true_cpu"},
    [OP_DIV_MODE] = {R_PROMOTE, M_NUM, "div_floor_cpu"},
    [OP_FLOOR_DIVIDE] = {R_PROMOTE, M_NUM, "div_floor_cpu"},
    [OP_REMAINDER] = {R_PROMOTE, M_NUM, "remainder_cpu"},
    [OP_POW] = {R_PROMOTE, M_NUM, "pow"},
    [OP_POW_SCALAR] = {R_PROMOTE, M_NUM, "pow"},
    [OP_ATAN2] = {R_FLOAT, M_FNOHALF, "atan2_cpu"},
    [OP_MAXIMUM] = {R_PROMOTE, M_ALL, "maximum_cpu"},
    [OP_MINIMUM] = {R_PROMOTE, M_ALL, "minimum_cpu"},
    [OP_EQ] = {R_CMP, M_ALL, "eq_cpu"},
    [OP_NE] = {R_CMP, M_ALL, "ne_cpu"},
    [OP_LT] = {R_CMP, M_ALL, "lt_cpu"},
    [OP_LE] = {R_CMP, M_ALL, "le_cpu"},
    [OP_GT] = {R_CMP, M_ALL, "gt_cpu"},
    [OP_GE] = {R_CMP, M_ALL, "ge_cpu"},
    [OP_LOGICAL_AND] = {R_CMP, M_ALL, "logical_and_cpu"},
    [OP_LOGICAL_OR] = {R_CMP, M_ALL, "logical_or_cpu"},
    [OP_LOGICAL_XOR] = {R_CMP, M_ALL, "logical_xor_cpu"},
    [OP_LOGICAL_NOT] = {R_PRED, M_ALL, "logical_not_cpu"},
    [OP_BITWISE_AND] = {R_PROMOTE, M_INTBOOL, "bitwise_and_cpu"},
    [OP_BITWISE_OR] = {R_PROMOTE, M_INTBOOL, "bitwise_or_cpu"},
    [OP_BITWISE_XOR] = {R_PROMOTE, M_INTBOOL, "bitwise_xor_cpu"},
    [OP_BITWISE_NOT] = {R_SAME, M_INTBOOL, "bitwise_not_cpu"},
    [OP_ISNAN] = {R_PRED, M_ALL, "isnan"},
    [OP_ISINF] = {R_PRED, M_ALL, "isinf"},
    [OP_ISFINITE] = {R_PRED, M_ALL, "isfinite"},
    [OP_ISCLOSE] = {R_CMP, M_ALL, "isclose"},
    [OP_NEG] = {R_SAME, M_NUM, "neg_cpu"},
    [OP_ABS] = {R_SAME, M_NUM, "abs_cpu"},
    [OP_EXP] = {R_UFLOAT, M_FNOHALF, "exp_vml_cpu"},
    [OP_LOG] = {R_UFLOAT, M_FNOHALF, "log_vml_cpu"},
    [OP_LOG2] = {R_UFLOAT, M_FNOHALF, "log2_vml_cpu"},
    [OP_LOG10] = {R_UFLOAT, M_FNOHALF, "log10_vml_cpu"},
    [OP_LOG1P] = {R_UFLOAT, M_FNOHALF, "log1p_vml_cpu"},
    [OP_EXPM1] = {R_UFLOAT, M_FNOHALF, "expm1_vml_cpu"},
    [OP_SQRT] = {R_UFLOAT, M_FNOHALF, "sqrt_vml_cpu"},
    [OP_RSQRT] = {R_UFLOAT, M_FNOHALF, "rsqrt_cpu"},
    [OP_SIN] = {R_UFLOAT, M_FNOHALF, "sin_vml_cpu"},
    [OP_COS] = {R_UFLOAT, M_FNOHALF, "cos_vml_cpu"},
    [OP_TAN] = {R_UFLOAT, M_FNOHALF, "tan_vml_cpu"},
    [OP_TANH] = {R_UFLOAT, M_FNOHALF, "tanh_vml_cpu"},
    [OP_SIGMOID] = {R_UFLOAT, M_FNOHALF, "sigmoid_cpu"},
    [OP_RELU] = {R_SAME, M_NUM_NOHALF, "clamp_min_cpu"},
    [OP_SIGN] = {R_SAME, M_ALL, "sign_cpu"},
    [OP_FLOOR] = {R_SAME, M_NUM_NOHALF, "floor_vml_cpu"},
    [OP_CEIL] = {R_SAME, M_NUM_NOHALF, "ceil_vml_cpu"},
    [OP_ROUND] = {R_SAME, M_NUM_NOHALF, "round_vml_cpu"},
    [OP_ROUND_DECIMALS] = {R_SAME, M_FNOHALF, "round_cpu"},
    [OP_TRUNC] = {R_SAME, M_NUM_NOHALF, "trunc_vml_cpu"},
    [OP_FRAC] = {R_SAME, M_FLOATS, "frac_cpu"},
    [OP_RECIPROCAL] = {R_UFLOAT, M_FLOATS, "reciprocal_cpu"},
    [OP_SQUARE] = {R_SAME, M_NUM, "pow"},
    [OP_ERF] = {R_UFLOAT, M_FNOHALF, "erf_vml_cpu"},
    [OP_NAN_TO_NUM] = {R_SAME, M_ALL, "nan_to_num"},
    [OP_CLAMP] = {R_PROMOTE, M_NUM_NOHALF, "clamp_scalar_cpu"},
    [OP_CLAMP_TENSOR] = {R_PROMOTE, M_NUM_NOHALF, "clamp_cpu"},
    [OP_WHERE] = {R_PROMOTE, M_ALL, "where_cpu"},
    [OP_LERP] = {R_PROMOTE, M_FNOHALF, "lerp_kernel_tensor"},
    [OP_LERP_SCALAR] = {R_PROMOTE, M_FNOHALF, "lerp_kernel_scalar"},
    [OP_MASKED_FILL] = {R_SAME, M_ALL, "masked_fill"},
};

const char *dtype_cpp_name(DType dt) {
    static const char *const names[DT__COUNT] = {
        [DT_BOOL] = "Bool", [DT_U8] = "Byte", [DT_I8] = "Char", [DT_I16] = "Short",
        [DT_I32] = "Int", [DT_I64] = "Long", [DT_F16] = "Half", [DT_BF16] = "BFloat16",
        [DT_F32] = "Float", [DT_F64] = "Double",
    };
    return names[dt];
}

static DType compute_dtype(DType dt) {
    return dt == DT_F16 || dt == DT_BF16 ? DT_F32 : dt;
}

// PyTorch's canCast: no float -> integral/bool, no integral -> bool.
static bool can_cast(DType from, DType to) {
    if (dtype_is_floating(from) && !dtype_is_floating(to)) return false;
    if (from != DT_BOOL && to == DT_BOOL) return false;
    return true;
}

// Derives the result dtype [*R] and compute dtype [*C] of [op] over the
// type-deciding tensors [ts], checking that the op supports them.
static int resolve(OpCode op, const Tensor *const *ts, int n, DType *R, DType *C) {
    const EwRule *r = &rules[op];
    DType common = r->rule == R_SAME || r->rule == R_UFLOAT || r->rule == R_PRED
                 ? ts[0]->dtype : tensor_result_type(ts, n);
    DType res = common;
    if ((r->rule == R_FLOAT || r->rule == R_UFLOAT) && !dtype_is_floating(common))
        res = dtype_default_float();
    if (op == OP_SQUARE && common == DT_BOOL)
        res = DT_I64;                    // square is pow(x, 2): bool ** int -> int64
    DType checked = r->rule == R_CMP || r->rule == R_PRED ? common : res;
    if (!(r->ok & (1u << checked)))
        return tl_raise_int(ERR_RUNTIME, "\"%s\" not implemented for '%s'",
                            r->kname, dtype_cpp_name(checked));
    *C = compute_dtype(res);
    *R = r->rule == R_CMP || r->rule == R_PRED ? DT_BOOL : res;
    if (*R == DT_BOOL) *C = compute_dtype(common);
    return 0;
}

// Element range [lo, hi] (in elements) that [t] touches in its storage.
static void mem_range(const Tensor *t, int64_t *lo, int64_t *hi) {
    *lo = *hi = t->offset;
    for (int d = 0; d < t->ndim; d++) {
        int64_t ext = (t->shape[d] - 1) * t->strides[d];
        if (ext < 0) *lo += ext;
        else *hi += ext;
    }
}

static bool same_geometry(const Tensor *a, const Tensor *b) {
    return a->offset == b->offset && a->ndim == b->ndim && a->dtype == b->dtype &&
           memcmp(a->shape, b->shape, (size_t)a->ndim * sizeof *a->shape) == 0 &&
           memcmp(a->strides, b->strides, (size_t)a->ndim * sizeof *a->strides) == 0;
}

// PyTorch's overlap checks for a written-to tensor [dst].
static int check_overlap(const Tensor *dst, const Tensor *const *in, int nin) {
    for (int d = 0; d < dst->ndim; d++)
        if (dst->strides[d] == 0 && dst->shape[d] > 1)
            return tl_raise_int(ERR_RUNTIME, "unsupported operation: more than one element of "
                                "the written-to tensor refers to a single memory location. "
                                "Please clone() the tensor before performing the operation.");
    if (tensor_numel(dst) == 0) return 0;
    int64_t dlo, dhi, lo, hi;
    mem_range(dst, &dlo, &dhi);
    size_t des = dtype_size(dst->dtype);
    for (int k = 0; k < nin; k++) {
        const Tensor *t = in[k];
        if (!t || t->storage != dst->storage || same_geometry(t, dst) || tensor_numel(t) == 0)
            continue;
        mem_range(t, &lo, &hi);
        size_t tes = dtype_size(t->dtype);
        // Compare byte ranges: dtypes may differ.
        if ((int64_t)(lo * tes) < (int64_t)((dhi + 1) * des) &&
            (int64_t)(dlo * des) < (int64_t)((hi + 1) * tes))
            return tl_raise_int(ERR_RUNTIME, "unsupported operation: some elements of the input "
                                "tensor and the written-to tensor refer to a single memory "
                                "location. Please clone() the tensor before performing the "
                                "operation.");
    }
    return 0;
}

// A 0-d tensor converted onto the stack (no allocation for scalars).
typedef struct {
    Tensor t;
    Storage s;
    uint64_t buf;
} Box;

static const Tensor *box_convert(Box *b, const Tensor *src, DType dt) {
    memset(&b->t, 0, offsetof(Tensor, shape));
    memset(&b->s, 0, sizeof b->s);
    b->t.refcnt = b->s.refcnt = 1 << 30;     // never released
    b->s.data = &b->buf;
    b->s.nbytes = sizeof b->buf;
    b->t.storage = &b->s;
    b->t.dtype = dt;
    b->t.ndim = 0;
    b->t.offset = 0;
    b->t.is_wrapped_number = src->is_wrapped_number;
    const Tensor *in[1] = {src};
    cpu_to_copy(&b->t, in, NULL);
    return &b->t;
}

static void box_scalar(Box *b, TensorScalar s) {
    memset(&b->t, 0, offsetof(Tensor, shape));
    memset(&b->s, 0, sizeof b->s);
    b->t.refcnt = b->s.refcnt = 1 << 30;
    b->s.data = &b->buf;
    b->s.nbytes = sizeof b->buf;
    b->t.storage = &b->s;
    b->t.offset = 0;
    b->t.is_wrapped_number = true;
    if (s.kind == SCALAR_FLOAT) { b->t.dtype = DT_F64; memcpy(&b->buf, &s.f, 8); }
    else if (s.kind == SCALAR_INT) { b->t.dtype = DT_I64; memcpy(&b->buf, &s.i, 8); }
    else { bool v = s.i != 0; b->t.dtype = DT_BOOL; b->buf = 0; memcpy(&b->buf, &v, sizeof v); }
}

// The result follows the layout of the first input that spans the whole
// result (PyTorch's TensorIterator: x.t() + 1 is transposed too).
static Tensor *alloc_result(const Tensor *const *in, int nin, unsigned keep, int nd,
                            const int64_t *shape, DType R) {
    for (int k = 0; k < nin; k++) {
        const Tensor *t = in[k];
        if (!t || (keep & (1u << k))) continue;
        if (t->ndim == nd && memcmp(t->shape, shape, (size_t)nd * sizeof *shape) == 0)
            return tensor_empty_preserve(t, R);
    }
    return tensor_empty(nd, shape, R);
}

// The shared engine. [in] are the op's inputs (NULL entries allowed for
// clamp's missing bounds); inputs whose bit is set in [keep] are passed
// unconverted (where's condition, masked_fill's mask). With [dst] the result
// is written there (in place / out=); otherwise a new tensor is returned
// through [*res].
static int ew_run(OpCode op, const Tensor *const *in, int nin, unsigned keep, Tensor *dst,
                  Tensor **res, const OpArgs *args, DType R, DType C) {
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shape(nin, in, &nd, shape) < 0) return -1;
    if (dst) {
        char a[TENSOR_MAX_DIMS * 24 + 4], b[TENSOR_MAX_DIMS * 24 + 4];
        if (nd != dst->ndim || memcmp(shape, dst->shape, (size_t)nd * sizeof *shape) != 0)
            return tl_raise_int(ERR_RUNTIME, "output with shape %s doesn't match the broadcast shape %s",
                                tensor_shape_fmt(a, sizeof a, dst->ndim, dst->shape),
                                tensor_shape_fmt(b, sizeof b, nd, shape));
        if (!can_cast(R, dst->dtype))
            return tl_raise_int(ERR_RUNTIME, "result type %s can't be cast to the desired output type %s",
                                dtype_cpp_name(R), dtype_cpp_name(dst->dtype));
        if (check_overlap(dst, in, nin) < 0) return -1;
    }
    Box boxes[ITER_MAX_OPS];
    Tensor *temps[ITER_MAX_OPS + 1] = {0};
    const Tensor *cin[ITER_MAX_OPS];
    Tensor *out = NULL, *alloc_out = NULL;
    int rc = -1;
    for (int k = 0; k < nin; k++) {
        const Tensor *t = in[k];
        cin[k] = t;
        if (!t || (keep & (1u << k)) || t->dtype == C) continue;
        if (t->ndim == 0) cin[k] = box_convert(&boxes[k], t, C);
        else if (!(cin[k] = temps[k] = tensor_to_dtype(t, C, false))) goto done;
    }
    if (!dst && !(alloc_out = alloc_result(in, nin, keep, nd, shape, R))) goto done;
    Tensor *target = dst ? dst : alloc_out;
    DType kernel_out = R == DT_BOOL ? DT_BOOL : C;
    if (target->dtype == kernel_out) out = target;
    else if (!(out = temps[nin] = tensor_empty(nd, shape, kernel_out))) goto done;
    if (op_run(op, out, cin, args) < 0) goto done;
    if (out != target) {
        const Tensor *src[1] = {out};
        cpu_to_copy(target, src, NULL);
    }
    if (dst) storage_bump_version(dst->storage);
    rc = 0;
done:
    for (int k = 0; k <= nin; k++) tensor_release(temps[k]);
    if (rc == 0 && res) *res = alloc_out;
    else tensor_release(alloc_out);
    return rc;
}

static const OpArgs *defaults(OpCode op, const OpArgs *args) {
    static const OpArgs none, alpha_one = {.s = {1}}, isclose = {.s = {1e-5, 1e-8}};
    if (args) return args;
    if (op == OP_ADD || op == OP_SUB || op == OP_RSUB) return &alpha_one;
    return op == OP_ISCLOSE ? &isclose : &none;
}

// Errors PyTorch raises before looking at kernels.
static int check_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args) {
    (void)args;
    if (op == OP_SUB || op == OP_RSUB) {
        if (a->dtype == DT_BOOL && b->dtype == DT_BOOL)
            return tl_raise_int(ERR_RUNTIME, "Subtraction, the `-` operator, with two bool tensors "
                                "is not supported. Use the `^` or `logical_xor()` operator instead.");
        if (a->dtype == DT_BOOL || b->dtype == DT_BOOL)
            return tl_raise_int(ERR_RUNTIME, "Subtraction, the `-` operator, with a bool tensor is "
                                "not supported. If you are trying to invert a mask, use the `~` or "
                                "`logical_not()` operator instead.");
    }
    return 0;
}

// Integer division by zero is an error in PyTorch (floats give inf/nan).
static int check_zero_divisor(OpCode op, const Tensor *b, DType C, const OpArgs *args) {
    bool intdiv = op == OP_FLOOR_DIVIDE || op == OP_REMAINDER ||
                  (op == OP_DIV_MODE && args->mode != DIV_TRUE);
    if (intdiv && !dtype_is_floating(C) && C != DT_BOOL) {
        int64_t n = tensor_numel(b);
        for (int64_t i = 0; i < n; i++)
            if (tensor_get_flat_i64(b, i) == 0)
                return tl_raise_int(ERR_RUNTIME, "ZeroDivisionError");
    }
    return 0;
}

static int binary_impl(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args,
                       Tensor *dst, Tensor **res) {
    args = defaults(op, args);
    const Tensor *ts[2] = {a, b};
    DType R, C;
    if (op == OP_DIV_MODE && args->mode == DIV_TRUE) op = OP_DIV;
    if (op == OP_DIV_MODE && args->mode == DIV_TRUNC) {
        // Only the kernel name in the error differs between the two modes.
        DType r = tensor_result_type(ts, 2);
        if (r == DT_BOOL)
            return tl_raise_int(ERR_RUNTIME, "\"div_trunc_cpu\" not implemented for 'Bool'");
    }
    if (check_binary(op, a, b, args) < 0 || resolve(op, ts, 2, &R, &C) < 0 ||
        check_zero_divisor(op, b, C, args) < 0)
        return -1;
    return ew_run(op, ts, 2, 0, dst, res, args, R, C);
}

Tensor *tensor_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args) {
    Tensor *r = NULL;
    return binary_impl(op, a, b, args, NULL, &r) < 0 ? NULL : r;
}

int tensor_binary_(OpCode op, Tensor *a, const Tensor *b, const OpArgs *args) {
    return binary_impl(op, a, b, args, a, NULL);
}

int tensor_binary_out(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const OpArgs *args) {
    return binary_impl(op, a, b, args, out, NULL);
}

Tensor *tensor_binary_scalar(OpCode op, const Tensor *a, TensorScalar s, const OpArgs *args) {
    Box box;
    box_scalar(&box, s);
    return tensor_binary(op, a, &box.t, args);
}

Tensor *tensor_rbinary_scalar(OpCode op, TensorScalar s, const Tensor *a, const OpArgs *args) {
    Box box;
    box_scalar(&box, s);
    return tensor_binary(op, &box.t, a, args);
}

int tensor_binary_scalar_(OpCode op, Tensor *a, TensorScalar s, const OpArgs *args) {
    Box box;
    box_scalar(&box, s);
    return tensor_binary_(op, a, &box.t, args);
}

// ---- unary ----

static int unary_impl(OpCode op, const Tensor *a, const OpArgs *args, Tensor *dst, Tensor **res) {
    args = defaults(op, args);
    if (op == OP_NEG && a->dtype == DT_BOOL)
        return tl_raise_int(ERR_RUNTIME, "Negation, the `-` operator, on a bool tensor is not "
                            "supported. If you are trying to invert a mask, use the `~` or "
                            "`logical_not()` operator instead.");
    if (op == OP_RELU && a->dtype == DT_BOOL)
        return tl_raise_int(ERR_RUNTIME, "Boolean inputs not supported for relu");
    const Tensor *ts[1] = {a};
    DType R, C;
    if (resolve(op, ts, 1, &R, &C) < 0) return -1;
    return ew_run(op, ts, 1, 0, dst, res, args, R, C);
}

Tensor *tensor_unary(OpCode op, const Tensor *a, const OpArgs *args) {
    Tensor *r = NULL;
    return unary_impl(op, a, args, NULL, &r) < 0 ? NULL : r;
}

int tensor_unary_(OpCode op, Tensor *a, const OpArgs *args) {
    return unary_impl(op, a, args, a, NULL);
}

int tensor_unary_out(OpCode op, Tensor *out, const Tensor *a, const OpArgs *args) {
    return unary_impl(op, a, args, out, NULL);
}

// ---- ops with scalar parameters that take part in type promotion ----

static int pow_scalar_impl(const Tensor *a, TensorScalar e, Tensor *dst, Tensor **res) {
    Box box;
    box_scalar(&box, e);
    const Tensor *ts[2] = {a, &box.t};
    DType R, C;
    if (resolve(OP_POW_SCALAR, ts, 2, &R, &C) < 0) return -1;
    if (!dtype_is_floating(C) && e.kind != SCALAR_FLOAT && e.i < 0)
        return tl_raise_int(ERR_RUNTIME, "Integers to negative integer powers are not allowed.");
    OpArgs args = {0};
    args.s[0] = tensor_scalar_as_double(e);
    args.i[0] = e.kind == SCALAR_FLOAT ? (int64_t)e.f : e.i;
    const Tensor *in[1] = {a};
    return ew_run(OP_POW_SCALAR, in, 1, 0, dst, res, &args, R, C);
}

Tensor *tensor_pow_scalar(const Tensor *a, TensorScalar e) {
    Tensor *r = NULL;
    return pow_scalar_impl(a, e, NULL, &r) < 0 ? NULL : r;
}

int tensor_pow_scalar_(Tensor *a, TensorScalar e) {
    return pow_scalar_impl(a, e, a, NULL);
}

static int clamp_impl(const Tensor *a, const TensorScalar *lo, const TensorScalar *hi,
                      Tensor *dst, Tensor **res) {
    if (!lo && !hi)
        return tl_raise_int(ERR_RUNTIME, "torch.clamp: At least one of 'min' or 'max' must not be None");
    Box blo, bhi;
    const Tensor *ts[3] = {a, NULL, NULL};
    OpArgs args = {0};
    if (lo) { box_scalar(&blo, *lo); ts[1] = &blo.t; args.s[0] = tensor_scalar_as_double(*lo); args.flags |= 1; }
    if (hi) { box_scalar(&bhi, *hi); ts[2] = &bhi.t; args.s[1] = tensor_scalar_as_double(*hi); args.flags |= 2; }
    DType R, C;
    if (resolve(OP_CLAMP, ts, 3, &R, &C) < 0) return -1;
    const Tensor *in[1] = {a};
    return ew_run(OP_CLAMP, in, 1, 0, dst, res, &args, R, C);
}

Tensor *tensor_clamp(const Tensor *a, const TensorScalar *lo, const TensorScalar *hi) {
    Tensor *r = NULL;
    return clamp_impl(a, lo, hi, NULL, &r) < 0 ? NULL : r;
}

int tensor_clamp_(Tensor *a, const TensorScalar *lo, const TensorScalar *hi) {
    return clamp_impl(a, lo, hi, a, NULL);
}

Tensor *tensor_clamp_tensor(const Tensor *a, const Tensor *lo, const Tensor *hi) {
    if (!lo && !hi)
        return tl_raise(ERR_RUNTIME, "torch.clamp: At least one of 'min' or 'max' must not be None");
    const Tensor *ts[3] = {a, lo, hi};
    DType R, C;
    if (resolve(OP_CLAMP_TENSOR, ts, 3, &R, &C) < 0) return NULL;
    OpArgs args = {0};
    Tensor *r = NULL;
    return ew_run(OP_CLAMP_TENSOR, ts, 3, 0, NULL, &r, &args, R, C) < 0 ? NULL : r;
}

Tensor *tensor_round_decimals(const Tensor *a, int64_t decimals) {
    if (decimals == 0) return tensor_unary(OP_ROUND, a, NULL);
    OpArgs args = {0};
    args.i[0] = decimals;
    return tensor_unary(OP_ROUND_DECIMALS, a, &args);
}

Tensor *tensor_nan_to_num(const Tensor *a, double nan, const double *posinf, const double *neginf) {
    OpArgs args = {0};
    args.s[0] = nan;
    if (posinf) { args.s[1] = *posinf; args.flags |= 2; }
    if (neginf) { args.s[2] = *neginf; args.flags |= 4; }
    return tensor_unary(OP_NAN_TO_NUM, a, &args);
}

Tensor *tensor_where(const Tensor *cond, const Tensor *a, const Tensor *b) {
    if (cond->dtype != DT_BOOL && cond->dtype != DT_U8)
        return tl_raise(ERR_RUNTIME, "where expected condition to be a boolean tensor, but got a "
                        "tensor with dtype %s", dtype_cpp_name(cond->dtype));
    const Tensor *ts[2] = {a, b};
    DType R, C;
    if (resolve(OP_WHERE, ts, 2, &R, &C) < 0) return NULL;
    Tensor *bc = NULL, *r = NULL;
    if (cond->dtype != DT_BOOL && !(bc = tensor_to_dtype(cond, DT_BOOL, false))) return NULL;
    const Tensor *in[3] = {bc ? bc : cond, a, b};
    OpArgs args = {0};
    int rc = ew_run(OP_WHERE, in, 3, 1u, NULL, &r, &args, R, C);
    tensor_release(bc);
    return rc < 0 ? NULL : r;
}

static int masked_fill_impl(const Tensor *a, const Tensor *mask, TensorScalar v, Tensor *dst,
                            Tensor **res) {
    Tensor *bm = NULL;
    if (mask->dtype != DT_BOOL && !(bm = tensor_to_dtype(mask, DT_BOOL, false))) return -1;
    const Tensor *in[2] = {a, bm ? bm : mask};
    DType R = a->dtype, C = compute_dtype(a->dtype);
    OpArgs args = {0};
    args.s[0] = tensor_scalar_as_double(v);
    int rc = ew_run(OP_MASKED_FILL, in, 2, 2u, dst, res, &args, R, C);
    tensor_release(bm);
    return rc;
}

Tensor *tensor_masked_fill(const Tensor *a, const Tensor *mask, TensorScalar value) {
    Tensor *r = NULL;
    return masked_fill_impl(a, mask, value, NULL, &r) < 0 ? NULL : r;
}

int tensor_masked_fill_(Tensor *a, const Tensor *mask, TensorScalar value) {
    return masked_fill_impl(a, mask, value, a, NULL);
}

// The C++ type names PyTorch's TypeMeta prints in some dtype errors.
static const char *typemeta_name(DType dt) {
    static const char *const names[DT__COUNT] = {
        [DT_BOOL] = "bool", [DT_U8] = "unsigned char", [DT_I8] = "signed char",
        [DT_I16] = "short int", [DT_I32] = "int", [DT_I64] = "long int",
        [DT_F16] = "c10::Half", [DT_BF16] = "c10::BFloat16", [DT_F32] = "float",
        [DT_F64] = "double",
    };
    return names[dt];
}

static int check_lerp_dtypes(const Tensor *start, const Tensor *end, const Tensor *weight) {
    if (end->dtype != start->dtype)
        return tl_raise_int(ERR_RUNTIME, "expected dtype %s for `end` but got dtype %s",
                            typemeta_name(start->dtype), typemeta_name(end->dtype));
    if (weight && weight->dtype != start->dtype)
        return tl_raise_int(ERR_RUNTIME, "expected dtype %s for `weight` but got dtype %s",
                            typemeta_name(start->dtype), typemeta_name(weight->dtype));
    return 0;
}

Tensor *tensor_lerp(const Tensor *start, const Tensor *end, const Tensor *weight) {
    if (check_lerp_dtypes(start, end, weight) < 0) return NULL;
    const Tensor *ts[3] = {start, end, weight};
    DType R, C;
    if (resolve(OP_LERP, ts, 3, &R, &C) < 0) return NULL;
    OpArgs args = {0};
    Tensor *r = NULL;
    return ew_run(OP_LERP, ts, 3, 0, NULL, &r, &args, R, C) < 0 ? NULL : r;
}

Tensor *tensor_lerp_scalar(const Tensor *start, const Tensor *end, double weight) {
    if (check_lerp_dtypes(start, end, NULL) < 0) return NULL;
    const Tensor *ts[2] = {start, end};
    DType R, C;
    if (resolve(OP_LERP_SCALAR, ts, 2, &R, &C) < 0) return NULL;
    OpArgs args = {0};
    args.s[0] = weight;
    Tensor *r = NULL;
    return ew_run(OP_LERP_SCALAR, ts, 2, 0, NULL, &r, &args, R, C) < 0 ? NULL : r;
}

Tensor *tensor_div_mode(const Tensor *a, const Tensor *b, int mode) {
    OpArgs args = {0};
    args.mode = mode;
    return tensor_binary(OP_DIV_MODE, a, b, &args);
}

Tensor *tensor_isclose(const Tensor *a, const Tensor *b, double rtol, double atol, bool equal_nan) {
    if (a->dtype != b->dtype)
        return tl_raise(ERR_RUNTIME, "%s did not match %s", dtype_cpp_name(a->dtype),
                        dtype_cpp_name(b->dtype));
    OpArgs args = {0};
    args.s[0] = rtol;
    args.s[1] = atol;
    args.flags = equal_nan;
    return tensor_binary(OP_ISCLOSE, a, b, &args);
}

bool tensor_all_nonzero(const Tensor *t) {
    int64_t n = tensor_numel(t);
    if (t->dtype == DT_BOOL && tensor_is_contiguous(t))      // the usual case: a fresh mask
        return memchr(tensor_data(t), 0, (size_t)n) == NULL;
    for (int64_t i = 0; i < n; i++)
        if (tensor_get_flat(t, i) == 0) return false;
    return true;
}

int tensor_allclose(const Tensor *a, const Tensor *b, double rtol, double atol, bool equal_nan) {
    Tensor *c = tensor_isclose(a, b, rtol, atol, equal_nan);
    if (!c) return -1;
    bool r = tensor_all_nonzero(c);
    tensor_release(c);
    return r;
}

int tensor_equal(const Tensor *a, const Tensor *b) {
    if (a->ndim != b->ndim || memcmp(a->shape, b->shape, (size_t)a->ndim * sizeof *a->shape) != 0)
        return 0;
    Tensor *c = tensor_binary(OP_EQ, a, b, NULL);
    if (!c) return -1;
    bool r = tensor_all_nonzero(c);
    tensor_release(c);
    return r;
}
