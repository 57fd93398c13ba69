// Elementwise and linear-algebra methods with their torch.* forms: binary
// arithmetic (add(other, alpha=, out=) and the `_` in-place forms),
// comparisons, unary math, clamp, where, masked_fill, lerp, isclose, and
// mm/bmm/mv/dot/matmul/outer/addmm/einsum.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/nn_functions.h"
#include "lib/tensor_internal.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"

enum { OUT_OF_PLACE = 0, IN_PLACE = 1 };

// ---------------------------------------------------------------- binary ops

typedef struct {
    Value other, alpha, out, rounding_mode;
} BinArgs;

static int bin_args(const char *fname, int nargs, Value *args, const KwArgs *kw, BinArgs *b) {
    b->other = nargs > 1 ? args[1] : VAL_UNDEFINED;
    b->alpha = b->out = b->rounding_mode = VAL_UNDEFINED;
    if (nargs > 2)
        return tl_raise_int(ERR_TYPE, "%s() takes 1 positional argument but %d were given", fname, nargs - 1);
    for (int k = 0; kw && k < kw->n; k++) {
        const char *n = kw->names[k]->data;
        Value v = kw->values[k];
        if (strcmp(n, "other") == 0 || strcmp(n, "exponent") == 0) b->other = v;
        else if (strcmp(n, "alpha") == 0) b->alpha = v;
        else if (strcmp(n, "out") == 0) b->out = v;
        else if (strcmp(n, "rounding_mode") == 0) b->rounding_mode = v;
        else return tl_raise_int(ERR_TYPE, "%s() got an unexpected keyword argument '%s'", fname, n);
    }
    if (IS_UNDEF(b->other))
        return tl_raise_int(ERR_TYPE, "%s() missing 1 required positional arguments: \"other\"", fname);
    return 0;
}

static Value binary_method(int nargs, Value *args, const KwArgs *kw, const char *fname, OpCode op, int mode) {
    SELF(fname);
    BinArgs b;
    if (bin_args(fname, nargs, args, kw, &b) < 0) return VAL_ERROR;
    OpArgs oa, *pa = NULL;
    if (!IS_UNDEF(b.alpha)) {
        memset(&oa, 0, sizeof oa);
        if (lib_arg_double(b.alpha, fname, "alpha", &oa.s[0]) < 0) return VAL_ERROR;
        pa = &oa;
    }
    if (!IS_UNDEF(b.rounding_mode) && !IS_NONE(b.rounding_mode)) {
        const char *m = val_is_str(b.rounding_mode) ? val_cstr(b.rounding_mode) : "";
        if (strcmp(m, "trunc") != 0 && strcmp(m, "floor") != 0)
            return tl_raise(ERR_VALUE, "div expected rounding_mode to be one of None, 'trunc', or "
                            "'floor' but found '%s'", m), VAL_ERROR;
        memset(&oa, 0, sizeof oa);
        oa.mode = m[0] == 't' ? DIV_TRUNC : DIV_FLOOR;
        op = OP_DIV_MODE;
        pa = &oa;
    }
    Tensor *other;
    TensorScalar s;
    int kind = lib_arg_operand(b.other, fname, "other", 2, &other, &s);
    if (kind < 0) return VAL_ERROR;
    if (mode == IN_PLACE) {
        if (kind) return lib_ret_self(lib_op_binary_(op, self, other, pa), args);
        if (op == OP_POW) return lib_ret_self(lib_op_pow_scalar_(self, s), args);
        return lib_ret_self(lib_op_binary_scalar_(op, self, s, pa), args);
    }
    Tensor *boxed = NULL;
    if (!kind && (!IS_UNDEF(b.out) || op == OP_DIV_MODE)) {
        if (!(boxed = tensor_from_scalar(s, true))) return VAL_ERROR;
        other = boxed;
        kind = 1;
    }
    Value r;
    if (!IS_UNDEF(b.out) && !IS_NONE(b.out)) {
        if (!lib_is_tensor(b.out)) {
            tensor_release(boxed);
            return exc_raise(exc_TypeError, "%s(): argument 'out' must be Tensor, not %s", fname,
                             val_type_name(b.out));
        }
        int rc = op == OP_DIV_MODE ? -1 : lib_op_binary_out(op, lib_tensor(b.out), self, other, pa);
        if (op == OP_DIV_MODE) {
            Tensor *t = lib_op_binary(op, self, other, pa);
            rc = t ? tensor_copy_(lib_tensor(b.out), t) : -1;
            tensor_release(t);
        }
        r = rc < 0 ? VAL_ERROR : val_incref(b.out);
    } else if (kind) {
        r = lib_tensor_wrap(lib_op_binary(op, self, other, pa));
    } else if (op == OP_POW) {
        r = lib_tensor_wrap(lib_op_pow_scalar(self, s));
    } else {
        r = lib_tensor_wrap(lib_op_binary_scalar(op, self, s, pa));
    }
    tensor_release(boxed);
    return r;
}

#define BINARY(NAME, OP)                                                                    \
    static Value m_##NAME(int nargs, Value *args, const KwArgs *kw) {                       \
        return binary_method(nargs, args, kw, #NAME, OP, OUT_OF_PLACE);                     \
    }                                                                                       \
    static Value m_##NAME##_(int nargs, Value *args, const KwArgs *kw) {                    \
        return binary_method(nargs, args, kw, #NAME "_", OP, IN_PLACE);                     \
    }

#define BINARY_ONLY(NAME, OP)                                                               \
    static Value m_##NAME(int nargs, Value *args, const KwArgs *kw) {                       \
        return binary_method(nargs, args, kw, #NAME, OP, OUT_OF_PLACE);                     \
    }

BINARY(add, OP_ADD)
BINARY(sub, OP_SUB)
BINARY(mul, OP_MUL)
BINARY(div, OP_DIV)
BINARY(floor_divide, OP_FLOOR_DIVIDE)
BINARY(remainder, OP_REMAINDER)
BINARY(atan2, OP_ATAN2)
BINARY_ONLY(maximum, OP_MAXIMUM)
BINARY_ONLY(minimum, OP_MINIMUM)
BINARY(eq, OP_EQ)
BINARY(ne, OP_NE)
BINARY(lt, OP_LT)
BINARY(le, OP_LE)
BINARY(gt, OP_GT)
BINARY(ge, OP_GE)
BINARY(logical_and, OP_LOGICAL_AND)
BINARY(logical_or, OP_LOGICAL_OR)
BINARY(logical_xor, OP_LOGICAL_XOR)
BINARY(bitwise_and, OP_BITWISE_AND)
BINARY(bitwise_or, OP_BITWISE_OR)
BINARY(bitwise_xor, OP_BITWISE_XOR)

static Value m_pow(int nargs, Value *args, const KwArgs *kw) {
    TensorScalar s;
    // torch.pow(2, x): a scalar base.
    if (nargs == 2 && !lib_is_tensor(args[0]) && lib_scalar(args[0], &s) && lib_is_tensor(args[1]))
        return lib_tensor_wrap(lib_op_rbinary_scalar(OP_POW, s, lib_tensor(args[1]), NULL));
    return binary_method(nargs, args, kw, "pow", OP_POW, OUT_OF_PLACE);
}

static Value m_pow_(int nargs, Value *args, const KwArgs *kw) {
    return binary_method(nargs, args, kw, "pow_", OP_POW, IN_PLACE);
}

// float_power: pow computed in float64 (the result is float64).
static Value float_power(int nargs, Value *args, const KwArgs *kw, bool inplace) {
    const char *fname = inplace ? "float_power_" : "float_power";
    TensorScalar s;
    if (nargs == 2 && !lib_is_tensor(args[0]) && lib_scalar(args[0], &s) && lib_is_tensor(args[1])) {
        Tensor *e = lib_op_to_dtype(lib_tensor(args[1]), DT_F64, false);
        if (!e) return VAL_ERROR;
        Value r = lib_tensor_wrap(lib_op_rbinary_scalar(OP_POW, tensor_scalar_float(tensor_scalar_as_double(s)), e, NULL));
        tensor_release(e);
        return r;
    }
    SELF(fname);
    if (inplace && self->dtype != DT_F64)
        return tl_raise(ERR_RUNTIME, "the base given to float_power_ has dtype %s but the operation's "
                        "result requires dtype Double", dtype_cpp_name(self->dtype)), VAL_ERROR;
    Tensor *base = lib_op_to_dtype(self, DT_F64, false);
    if (!base) return VAL_ERROR;
    Value argv[2] = {lib_tensor_wrap(base), nargs > 1 ? args[1] : VAL_UNDEFINED};
    Tensor *et = lib_tensor_or_null(argv[1]);
    Value r;
    if (et && et->dtype != DT_F64) {
        Value e64 = lib_tensor_wrap(lib_op_to_dtype(et, DT_F64, false));
        if (IS_ERR(e64)) {
            val_decref(argv[0]);
            return e64;
        }
        argv[1] = e64;
        r = binary_method(nargs, argv, kw, fname, OP_POW, OUT_OF_PLACE);
        val_decref(e64);
    } else if (!et && lib_scalar(argv[1], &s)) {
        Value e = FLOAT_VAL(tensor_scalar_as_double(s));
        argv[1] = e;
        r = binary_method(nargs, argv, kw, fname, OP_POW, OUT_OF_PLACE);
    } else {
        r = binary_method(nargs, argv, kw, fname, OP_POW, OUT_OF_PLACE);
    }
    val_decref(argv[0]);
    if (inplace && !IS_ERR(r)) {
        int rc = lib_op_copy_(self, lib_tensor(r));
        val_decref(r);
        return lib_ret_self(rc, args);
    }
    return r;
}

static Value m_float_power(int nargs, Value *args, const KwArgs *kw) { return float_power(nargs, args, kw, false); }
static Value m_float_power_(int nargs, Value *args, const KwArgs *kw) { return float_power(nargs, args, kw, true); }

// torch.rsub(x, y): y - alpha * x (not a Tensor method in PyTorch).
static Value m_rsub(int nargs, Value *args, const KwArgs *kw) {
    SELF("rsub");
    BinArgs b;
    if (bin_args("rsub", nargs, args, kw, &b) < 0) return VAL_ERROR;
    Tensor *other;
    TensorScalar s;
    int kind = lib_arg_operand(b.other, "rsub", "other", 2, &other, &s);
    if (kind < 0) return VAL_ERROR;
    if (!kind) return lib_tensor_wrap(lib_op_binary_scalar(OP_RSUB, self, s, NULL));
    return lib_tensor_wrap(lib_op_binary(OP_SUB, other, self, NULL));
}

// ---------------------------------------------------------------- unary ops

static Value unary_method(int nargs, Value *args, const KwArgs *kw, const char *fname, OpCode op, int mode) {
    SELF(fname);
    Value out = VAL_UNDEFINED;
    for (int k = 0; kw && k < kw->n; k++) {
        if (strcmp(kw->names[k]->data, "out") == 0 && mode == OUT_OF_PLACE) out = kw->values[k];
        else return exc_raise(exc_TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                              kw->names[k]->data);
    }
    if (nargs > 1) return exc_raise(exc_TypeError, "%s() takes no arguments (%d given)", fname, nargs - 1);
    if (mode == IN_PLACE) return lib_ret_self(lib_op_unary_(op, self, NULL), args);
    if (!IS_UNDEF(out) && !IS_NONE(out)) {
        if (!lib_is_tensor(out))
            return exc_raise(exc_TypeError, "%s(): argument 'out' must be Tensor, not %s", fname, val_type_name(out));
        return lib_op_unary_out(op, lib_tensor(out), self, NULL) < 0 ? VAL_ERROR : val_incref(out);
    }
    return lib_tensor_wrap(lib_op_unary(op, self, NULL));
}

#define UNARY(NAME, OP)                                                                    \
    static Value m_##NAME(int nargs, Value *args, const KwArgs *kw) {                      \
        return unary_method(nargs, args, kw, #NAME, OP, OUT_OF_PLACE);                     \
    }                                                                                      \
    static Value m_##NAME##_(int nargs, Value *args, const KwArgs *kw) {                   \
        return unary_method(nargs, args, kw, #NAME "_", OP, IN_PLACE);                     \
    }

#define UNARY_ONLY(NAME, OP)                                                               \
    static Value m_##NAME(int nargs, Value *args, const KwArgs *kw) {                      \
        return unary_method(nargs, args, kw, #NAME, OP, OUT_OF_PLACE);                     \
    }

UNARY(neg, OP_NEG)
UNARY(abs, OP_ABS)
UNARY(exp, OP_EXP)
UNARY(log, OP_LOG)
UNARY(log2, OP_LOG2)
UNARY(log10, OP_LOG10)
UNARY(log1p, OP_LOG1P)
UNARY(expm1, OP_EXPM1)
UNARY(sqrt, OP_SQRT)
UNARY(rsqrt, OP_RSQRT)
UNARY(sin, OP_SIN)
UNARY(cos, OP_COS)
UNARY(tan, OP_TAN)
UNARY(tanh, OP_TANH)
UNARY(sigmoid, OP_SIGMOID)
UNARY(relu, OP_RELU)
UNARY(sign, OP_SIGN)
UNARY(floor, OP_FLOOR)
UNARY(ceil, OP_CEIL)
UNARY(trunc, OP_TRUNC)
UNARY(frac, OP_FRAC)
UNARY(reciprocal, OP_RECIPROCAL)
UNARY(square, OP_SQUARE)
UNARY(erf, OP_ERF)
UNARY(bitwise_not, OP_BITWISE_NOT)
UNARY(logical_not, OP_LOGICAL_NOT)
UNARY_ONLY(isnan, OP_ISNAN)
UNARY_ONLY(isinf, OP_ISINF)
UNARY_ONLY(isfinite, OP_ISFINITE)

static Value m_round(int nargs, Value *args, const KwArgs *kw) {
    SELF("round");
    static const char *const names[] = {"decimals", "out"};
    Value a[2];
    int64_t d = 0;
    if (LIB_BIND("round", nargs - 1, args + 1, kw, names, 0, a) < 0 ||
        (!IS_UNDEF(a[0]) && lib_arg_int(a[0], "round", "decimals", &d) < 0))
        return VAL_ERROR;
    Tensor *r = d == 0 ? lib_op_unary(OP_ROUND, self, NULL) : lib_op_round_decimals(self, d);
    return lib_return_out(a[1], r);
}

static Value m_round_(int nargs, Value *args, const KwArgs *kw) {
    return unary_method(nargs, args, kw, "round_", OP_ROUND, IN_PLACE);
}

// ---------------------------------------------------------------- clamp

typedef struct {
    bool has_lo, has_hi, tensors;
    TensorScalar lo, hi;
    Tensor *tlo, *thi;
} Bounds;

static int bound(Value v, const char *fname, const char *what, bool *has, TensorScalar *s, Tensor **t,
                 bool *tensors) {
    *has = false;
    *t = NULL;
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    *has = true;
    if (lib_is_tensor(v) && lib_tensor(v)->ndim > 0) {
        *t = lib_tensor(v);
        *tensors = true;
        return 0;
    }
    if (lib_scalar_or_item(v, s)) return 0;
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be Number, not %s", fname, what, val_type_name(v));
}

static Value clamp_method(int nargs, Value *args, const KwArgs *kw, const char *fname, int which, int mode) {
    SELF(fname);
    static const char *const names[] = {"min", "max", "out"};
    Value a[3];
    Bounds b = {0};
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, which ? 1 : 2, a) < 0) return VAL_ERROR;
    if (which == 2) { a[1] = a[0]; a[0] = VAL_UNDEFINED; }   // clamp_max(max)
    if (bound(a[0], fname, "min", &b.has_lo, &b.lo, &b.tlo, &b.tensors) < 0 ||
        bound(a[1], fname, "max", &b.has_hi, &b.hi, &b.thi, &b.tensors) < 0)
        return VAL_ERROR;
    if (!b.has_lo && !b.has_hi)
        return tl_raise(ERR_RUNTIME, "torch.clamp: At least one of 'min' or 'max' must not be None"), VAL_ERROR;
    if (b.tensors) {
        Tensor *lo = b.tlo, *hi = b.thi, *tmp[2] = {NULL, NULL};
        if (b.has_lo && !lo && !(lo = tmp[0] = tensor_from_scalar(b.lo, true))) return VAL_ERROR;
        if (b.has_hi && !hi && !(hi = tmp[1] = tensor_from_scalar(b.hi, true))) {
            tensor_release(tmp[0]);
            return VAL_ERROR;
        }
        Tensor *r = lib_op_clamp_tensor(self, lo, hi);
        tensor_release(tmp[0]);
        tensor_release(tmp[1]);
        if (mode == IN_PLACE) {
            int rc = r ? lib_op_copy_(self, r) : -1;
            tensor_release(r);
            return lib_ret_self(rc, args);
        }
        return lib_return_out(a[2], r);
    }
    const TensorScalar *lo = b.has_lo ? &b.lo : NULL, *hi = b.has_hi ? &b.hi : NULL;
    if (mode == IN_PLACE) return lib_ret_self(lib_op_clamp_(self, lo, hi), args);
    return lib_return_out(a[2], lib_op_clamp(self, lo, hi));
}

static Value m_clamp(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clamp", 0, OUT_OF_PLACE); }
static Value m_clamp_(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clamp_", 0, IN_PLACE); }
static Value m_clip(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clip", 0, OUT_OF_PLACE); }
static Value m_clip_(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clip_", 0, IN_PLACE); }
static Value m_clamp_min(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clamp_min", 1, OUT_OF_PLACE); }
static Value m_clamp_max(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clamp_max", 2, OUT_OF_PLACE); }
static Value m_clamp_min_(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clamp_min_", 1, IN_PLACE); }
static Value m_clamp_max_(int nargs, Value *args, const KwArgs *kw) { return clamp_method(nargs, args, kw, "clamp_max_", 2, IN_PLACE); }

// ---------------------------------------------------------------- selection

// A tensor operand, or a Python scalar as a wrapped 0-d tensor in *tmp.
static int operand_tensor(Value v, const char *fname, const char *what, int pos, Tensor **t, Tensor **tmp) {
    TensorScalar s;
    *tmp = NULL;
    int k = lib_arg_operand(v, fname, what, pos, t, &s);
    if (k < 0) return -1;
    if (k == 0 && !(*t = *tmp = tensor_from_scalar(s, true))) return -1;
    return 0;
}

// torch.where(cond, x, y) / x.where(cond, y) / torch.where(cond).
static Value f_where(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"condition", "input", "other"};
    Value a[3];
    if (LIB_BIND("where", nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    Tensor *cond, *x, *y, *tx, *ty;
    if (lib_arg_tensor(a[0], "where", "condition", 1, &cond) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[1]) && IS_UNDEF(a[2])) {
        Tensor *cols[TENSOR_MAX_DIMS];
        int n = tensor_nonzero_tuple(cond, cols);
        return n < 0 ? VAL_ERROR : lib_tuple_of_tensors(cols, n);
    }
    if (IS_UNDEF(a[1]) || IS_UNDEF(a[2]))
        return exc_raise(exc_TypeError, "where() missing 1 required positional arguments: \"other\"");
    if (operand_tensor(a[1], "where", "input", 2, &x, &tx) < 0) return VAL_ERROR;
    if (operand_tensor(a[2], "where", "other", 3, &y, &ty) < 0) {
        tensor_release(tx);
        return VAL_ERROR;
    }
    Value r = lib_tensor_wrap(lib_op_where(cond, x, y));
    tensor_release(tx);
    tensor_release(ty);
    return r;
}

static Value m_where(int nargs, Value *args, const KwArgs *kw) {
    SELF("where");
    static const char *const names[] = {"condition", "other"};
    Value a[2];
    if (LIB_BIND("where", nargs - 1, args + 1, kw, names, 2, a) < 0) return VAL_ERROR;
    Value fa[3] = {a[0], args[0], a[1]};
    (void)self;
    return f_where(3, fa, NULL);
}

static Value masked_fill(int nargs, Value *args, const KwArgs *kw, const char *fname, int mode) {
    SELF(fname);
    static const char *const names[] = {"mask", "value"};
    Value a[2];
    Tensor *mask;
    TensorScalar s;
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, 2, a) < 0 ||
        lib_arg_tensor(a[0], fname, "mask", 1, &mask) < 0)
        return VAL_ERROR;
    if (lib_is_tensor(a[1]) && lib_tensor(a[1])->ndim != 0)
        return tl_raise(ERR_RUNTIME, "masked_fill_ only supports a 0-dimensional value tensor, but got "
                        "tensor with %d dimension(s).", lib_tensor(a[1])->ndim), VAL_ERROR;
    if (!lib_scalar_or_item(a[1], &s))
        return exc_raise(exc_TypeError, "%s(): argument 'value' must be Number", fname);
    if (mode == IN_PLACE) return lib_ret_self(lib_op_masked_fill_(self, mask, s), args);
    return lib_tensor_wrap(lib_op_masked_fill(self, mask, s));
}

static Value m_masked_fill(int nargs, Value *args, const KwArgs *kw) { return masked_fill(nargs, args, kw, "masked_fill", OUT_OF_PLACE); }
static Value m_masked_fill_(int nargs, Value *args, const KwArgs *kw) { return masked_fill(nargs, args, kw, "masked_fill_", IN_PLACE); }

static Value m_lerp(int nargs, Value *args, const KwArgs *kw) {
    SELF("lerp");
    static const char *const names[] = {"end", "weight"};
    Value a[2];
    Tensor *end;
    double w;
    if (LIB_BIND("lerp", nargs - 1, args + 1, kw, names, 2, a) < 0 ||
        lib_arg_tensor(a[0], "lerp", "end", 1, &end) < 0)
        return VAL_ERROR;
    if (lib_is_tensor(a[1])) return lib_tensor_wrap(lib_op_lerp(self, end, lib_tensor(a[1])));
    if (lib_arg_double(a[1], "lerp", "weight", &w) < 0) return VAL_ERROR;
    return lib_tensor_wrap(lib_op_lerp_scalar(self, end, w));
}

static Value m_nan_to_num(int nargs, Value *args, const KwArgs *kw) {
    SELF("nan_to_num");
    static const char *const names[] = {"nan", "posinf", "neginf", "out"};
    Value a[4];
    double nan = 0, pinf, ninf;
    if (LIB_BIND("nan_to_num", nargs - 1, args + 1, kw, names, 3, a) < 0 ||
        (!IS_UNDEF(a[0]) && !IS_NONE(a[0]) && lib_arg_double(a[0], "nan_to_num", "nan", &nan) < 0))
        return VAL_ERROR;
    bool hp = !IS_UNDEF(a[1]) && !IS_NONE(a[1]), hn = !IS_UNDEF(a[2]) && !IS_NONE(a[2]);
    if ((hp && lib_arg_double(a[1], "nan_to_num", "posinf", &pinf) < 0) ||
        (hn && lib_arg_double(a[2], "nan_to_num", "neginf", &ninf) < 0))
        return VAL_ERROR;
    return lib_return_out(a[3], lib_op_nan_to_num(self, nan, hp ? &pinf : NULL, hn ? &ninf : NULL));
}

static Value m_isclose(int nargs, Value *args, const KwArgs *kw) {
    SELF("isclose");
    static const char *const names[] = {"other", "rtol", "atol", "equal_nan"};
    Value a[4];
    Tensor *other;
    double rtol = 1e-5, atol = 1e-8;
    bool en = false;
    if (LIB_BIND("isclose", nargs - 1, args + 1, kw, names, 4, a) < 0 ||
        lib_arg_tensor(a[0], "isclose", "other", 2, &other) < 0 ||
        (!IS_UNDEF(a[1]) && lib_arg_double(a[1], "isclose", "rtol", &rtol) < 0) ||
        (!IS_UNDEF(a[2]) && lib_arg_double(a[2], "isclose", "atol", &atol) < 0) ||
        (!IS_UNDEF(a[3]) && lib_arg_bool(a[3], "isclose", "equal_nan", &en) < 0))
        return VAL_ERROR;
    return lib_tensor_wrap(tensor_isclose(self, other, rtol, atol, en));
}

// ---------------------------------------------------------------- addcmul / addcdiv

// self + value * t1 * t2 (or / t2), in PyTorch's kernel order:
// (value * t1) op t2, then + self. Composed, so grad_fn is AddBackward0.
static Value addc(int nargs, Value *args, const KwArgs *kw, const char *fname, OpCode op, bool inplace) {
    SELF(fname);
    static const char *const names[] = {"tensor1", "tensor2", "value", "out"};
    Value a[4];
    Tensor *t1, *t2;
    TensorScalar value = tensor_scalar_int(1);
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, 3, a) < 0 ||
        lib_arg_tensor(a[0], fname, "tensor1", 2, &t1) < 0 || lib_arg_tensor(a[1], fname, "tensor2", 3, &t2) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(a[2]) && !lib_scalar_or_item(a[2], &value))
        return exc_raise(exc_TypeError, "%s(): argument 'value' must be Number", fname);
    Tensor *s = lib_op_binary_scalar(OP_MUL, t1, value, NULL);
    Tensor *q = s ? lib_op_binary(op, s, t2, NULL) : NULL;
    tensor_release(s);
    if (!q) return VAL_ERROR;
    if (inplace) {
        int rc = lib_op_binary_(OP_ADD, self, q, NULL);
        tensor_release(q);
        return lib_ret_self(rc, args);
    }
    Tensor *r = lib_op_binary(OP_ADD, self, q, NULL);
    tensor_release(q);
    return lib_return_out(a[3], r);
}

static Value m_addcmul(int nargs, Value *args, const KwArgs *kw) { return addc(nargs, args, kw, "addcmul", OP_MUL, false); }
static Value m_addcmul_(int nargs, Value *args, const KwArgs *kw) { return addc(nargs, args, kw, "addcmul_", OP_MUL, true); }
static Value m_addcdiv(int nargs, Value *args, const KwArgs *kw) { return addc(nargs, args, kw, "addcdiv", OP_DIV, false); }
static Value m_addcdiv_(int nargs, Value *args, const KwArgs *kw) { return addc(nargs, args, kw, "addcdiv_", OP_DIV, true); }

// trace: the sum of the main diagonal of a matrix.
static Value m_trace(int nargs, Value *args, const KwArgs *kw) {
    SELF("trace");
    if (lib_no_args("trace", nargs, kw) < 0) return VAL_ERROR;
    if (self->ndim != 2) return tl_raise(ERR_RUNTIME, "trace: expected a matrix, but got tensor with dim %d", self->ndim), VAL_ERROR;
    Tensor *d = lib_op_diagonal(self, 0, 0, 1);
    if (!d) return VAL_ERROR;
    Value r = lib_tensor_wrap(lib_op_sum(d, NULL, 0, false, -1));
    tensor_release(d);
    return r;
}

// ---------------------------------------------------------------- softmax

static Value softmax_method(int nargs, Value *args, const KwArgs *kw, const char *fname, bool log) {
    SELF(fname);
    static const char *const names[] = {"dim", "dtype", "_stacklevel"};
    Value a[3];
    int64_t dim;
    DType dt;
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0]))
        return exc_raise(exc_TypeError, "%s() missing 1 required positional arguments: \"dim\"", fname);
    if (lib_arg_int(a[0], fname, "dim", &dim) < 0) return VAL_ERROR;
    int r = lib_arg_dtype(a[1], fname, &dt);
    if (r < 0) return VAL_ERROR;
    if (r == 0) return lib_tensor_wrap(ag_softmax(self, dim, log));
    Tensor *c = lib_op_to_dtype(self, dt, false);
    if (!c) return VAL_ERROR;
    Value v = lib_tensor_wrap(ag_softmax(c, dim, log));
    tensor_release(c);
    return v;
}

static Value m_softmax(int nargs, Value *args, const KwArgs *kw) { return softmax_method(nargs, args, kw, "softmax", false); }
static Value m_log_softmax(int nargs, Value *args, const KwArgs *kw) { return softmax_method(nargs, args, kw, "log_softmax", true); }

// ---------------------------------------------------------------- linear algebra

static Value matmul_like(int nargs, Value *args, const KwArgs *kw, const char *fname, const char *other_name,
                         Tensor *(*fn)(const Tensor *, const Tensor *)) {
    SELF(fname);
    const char *const names[] = {other_name, "out"};
    Value a[2];
    Tensor *other;
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, 1, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]))
        return exc_raise(exc_TypeError, "%s() missing 1 required positional arguments: \"%s\"", fname, other_name);
    if (lib_arg_tensor(a[0], fname, other_name, 2, &other) < 0) return VAL_ERROR;
    return lib_return_out(a[1], fn(self, other));
}

static Value m_matmul(int nargs, Value *args, const KwArgs *kw) { return matmul_like(nargs, args, kw, "matmul", "other", lib_op_matmul); }
static Value m_mm(int nargs, Value *args, const KwArgs *kw) { return matmul_like(nargs, args, kw, "mm", "mat2", lib_op_mm); }
static Value m_bmm(int nargs, Value *args, const KwArgs *kw) { return matmul_like(nargs, args, kw, "bmm", "mat2", lib_op_bmm); }
static Value m_mv(int nargs, Value *args, const KwArgs *kw) { return matmul_like(nargs, args, kw, "mv", "vec", lib_op_mv); }
static Value m_dot(int nargs, Value *args, const KwArgs *kw) { return matmul_like(nargs, args, kw, "dot", "tensor", lib_op_dot); }
static Value m_outer(int nargs, Value *args, const KwArgs *kw) { return matmul_like(nargs, args, kw, "outer", "vec2", lib_op_outer); }

static Value m_addmm(int nargs, Value *args, const KwArgs *kw) {
    SELF("addmm");
    static const char *const names[] = {"mat1", "mat2", "beta", "alpha", "out"};
    Value a[5];
    Tensor *m1, *m2;
    double beta = 1, alpha = 1;
    if (LIB_BIND("addmm", nargs - 1, args + 1, kw, names, 2, a) < 0 ||
        lib_arg_tensor(a[0], "addmm", "mat1", 2, &m1) < 0 || lib_arg_tensor(a[1], "addmm", "mat2", 3, &m2) < 0 ||
        (!IS_UNDEF(a[2]) && lib_arg_double(a[2], "addmm", "beta", &beta) < 0) ||
        (!IS_UNDEF(a[3]) && lib_arg_double(a[3], "addmm", "alpha", &alpha) < 0))
        return VAL_ERROR;
    return lib_return_out(a[4], lib_op_addmm(self, m1, m2, beta, alpha));
}

// torch.einsum("ij,jk->ik", a, b) or einsum(eq, [a, b]).
static Value f_einsum(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("einsum", kw) < 0) return VAL_ERROR;
    if (nargs < 1 || !val_is_str(args[0]))
        return exc_raise(exc_TypeError, "einsum(): argument 'equation' must be str");
    Tensor **ts = NULL;
    int n;
    if (nargs == 2 && !lib_is_tensor(args[1])) {
        if (lib_arg_tensor_list(args[1], "einsum", "tensors", &ts, &n) < 0) return VAL_ERROR;
    } else {
        n = nargs - 1;
        ts = malloc(sizeof(Tensor *) * (size_t)(n ? n : 1));
        if (!ts) return tl_raise(ERR_MEMORY, "%s", ""), VAL_ERROR;
        for (int i = 0; i < n; i++)
            if (lib_arg_tensor(args[i + 1], "einsum", "tensors", i + 2, &ts[i]) < 0) {
                free(ts);
                return VAL_ERROR;
            }
    }
    Tensor *r = lib_op_einsum(val_cstr(args[0]), (const Tensor *const *)ts, n);
    free(ts);
    return lib_tensor_wrap(r);
}

#define BOTH(NAME) {#NAME, m_##NAME, NULL}, {#NAME "_", m_##NAME##_, NULL}

const NativeMethodDef lib_tensor_methods_math[] = {
    BOTH(add), BOTH(sub), BOTH(mul), BOTH(div), BOTH(floor_divide), BOTH(remainder), BOTH(pow),
    BOTH(atan2), BOTH(eq), BOTH(ne), BOTH(lt), BOTH(le), BOTH(gt), BOTH(ge),
    BOTH(logical_and), BOTH(logical_or), BOTH(logical_xor), BOTH(bitwise_and), BOTH(bitwise_or),
    BOTH(bitwise_xor),
    {"subtract", m_sub, NULL}, {"subtract_", m_sub_, NULL},
    {"multiply", m_mul, NULL}, {"multiply_", m_mul_, NULL},
    {"divide", m_div, NULL}, {"divide_", m_div_, NULL},
    {"true_divide", m_div, NULL}, {"true_divide_", m_div_, NULL},
    {"greater", m_gt, NULL}, {"greater_equal", m_ge, NULL}, {"less", m_lt, NULL},
    {"less_equal", m_le, NULL}, {"not_equal", m_ne, NULL},
    {"maximum", m_maximum, NULL}, {"minimum", m_minimum, NULL},
    {"float_power", m_float_power, NULL}, {"float_power_", m_float_power_, NULL},
    BOTH(neg), BOTH(abs), BOTH(exp), BOTH(log), BOTH(log2), BOTH(log10), BOTH(log1p), BOTH(expm1),
    BOTH(sqrt), BOTH(rsqrt), BOTH(sin), BOTH(cos), BOTH(tan), BOTH(tanh), BOTH(sigmoid), BOTH(relu),
    BOTH(sign), BOTH(floor), BOTH(ceil), BOTH(trunc), BOTH(frac), BOTH(reciprocal), BOTH(square),
    BOTH(erf), BOTH(bitwise_not), BOTH(logical_not), BOTH(round),
    {"negative", m_neg, NULL}, {"negative_", m_neg_, NULL},
    {"absolute", m_abs, NULL}, {"absolute_", m_abs_, NULL},
    {"fix", m_trunc, NULL}, {"fix_", m_trunc_, NULL},
    {"__abs__", m_abs, NULL},
    {"isnan", m_isnan, NULL}, {"isinf", m_isinf, NULL}, {"isfinite", m_isfinite, NULL},
    BOTH(clamp), BOTH(clip), BOTH(clamp_min), BOTH(clamp_max),
    {"where", m_where, NULL},
    BOTH(masked_fill),
    {"lerp", m_lerp, NULL},
    {"nan_to_num", m_nan_to_num, NULL},
    {"isclose", m_isclose, NULL},
    {"matmul", m_matmul, NULL}, {"mm", m_mm, NULL}, {"bmm", m_bmm, NULL}, {"mv", m_mv, NULL},
    {"dot", m_dot, NULL}, {"outer", m_outer, NULL}, {"ger", m_outer, NULL}, {"addmm", m_addmm, NULL},
    {"softmax", m_softmax, NULL}, {"log_softmax", m_log_softmax, NULL},
    BOTH(addcmul), BOTH(addcdiv), {"trace", m_trace, NULL},
    {NULL, NULL, NULL},
};

const NativeMethodDef lib_torch_fns_math[] = {
    {"softmax", m_softmax, NULL}, {"log_softmax", m_log_softmax, NULL},
    {"addcmul", m_addcmul, NULL}, {"addcdiv", m_addcdiv, NULL}, {"trace", m_trace, NULL},
    {"add", m_add, NULL}, {"sub", m_sub, NULL}, {"subtract", m_sub, NULL}, {"mul", m_mul, NULL},
    {"multiply", m_mul, NULL}, {"div", m_div, NULL}, {"divide", m_div, NULL},
    {"true_divide", m_div, NULL}, {"floor_divide", m_floor_divide, NULL},
    {"remainder", m_remainder, NULL}, {"pow", m_pow, NULL}, {"atan2", m_atan2, NULL},
    {"maximum", m_maximum, NULL}, {"minimum", m_minimum, NULL}, {"rsub", m_rsub, NULL},
    {"float_power", m_float_power, NULL},
    {"eq", m_eq, NULL}, {"ne", m_ne, NULL}, {"lt", m_lt, NULL}, {"le", m_le, NULL},
    {"gt", m_gt, NULL}, {"ge", m_ge, NULL}, {"greater", m_gt, NULL}, {"greater_equal", m_ge, NULL},
    {"less", m_lt, NULL}, {"less_equal", m_le, NULL}, {"not_equal", m_ne, NULL},
    {"logical_and", m_logical_and, NULL}, {"logical_or", m_logical_or, NULL},
    {"logical_xor", m_logical_xor, NULL}, {"logical_not", m_logical_not, NULL},
    {"bitwise_and", m_bitwise_and, NULL}, {"bitwise_or", m_bitwise_or, NULL},
    {"bitwise_xor", m_bitwise_xor, NULL}, {"bitwise_not", m_bitwise_not, NULL},
    {"neg", m_neg, NULL}, {"negative", m_neg, NULL}, {"abs", m_abs, NULL}, {"absolute", m_abs, NULL},
    {"exp", m_exp, NULL}, {"log", m_log, NULL}, {"log2", m_log2, NULL}, {"log10", m_log10, NULL},
    {"log1p", m_log1p, NULL}, {"expm1", m_expm1, NULL}, {"sqrt", m_sqrt, NULL},
    {"rsqrt", m_rsqrt, NULL}, {"sin", m_sin, NULL}, {"cos", m_cos, NULL}, {"tan", m_tan, NULL},
    {"tanh", m_tanh, NULL}, {"sigmoid", m_sigmoid, NULL}, {"relu", m_relu, NULL},
    {"relu_", m_relu_, NULL}, {"sign", m_sign, NULL}, {"floor", m_floor, NULL},
    {"ceil", m_ceil, NULL}, {"round", m_round, NULL}, {"trunc", m_trunc, NULL},
    {"fix", m_trunc, NULL}, {"frac", m_frac, NULL}, {"reciprocal", m_reciprocal, NULL},
    {"square", m_square, NULL}, {"erf", m_erf, NULL}, {"isnan", m_isnan, NULL},
    {"isinf", m_isinf, NULL}, {"isfinite", m_isfinite, NULL},
    {"clamp", m_clamp, NULL}, {"clip", m_clip, NULL}, {"clamp_min", m_clamp_min, NULL},
    {"clamp_max", m_clamp_max, NULL}, {"where", f_where, NULL}, {"masked_fill", m_masked_fill, NULL},
    {"lerp", m_lerp, NULL}, {"nan_to_num", m_nan_to_num, NULL}, {"isclose", m_isclose, NULL},
    {"matmul", m_matmul, NULL}, {"mm", m_mm, NULL}, {"bmm", m_bmm, NULL}, {"mv", m_mv, NULL},
    {"dot", m_dot, NULL}, {"outer", m_outer, NULL}, {"ger", m_outer, NULL}, {"addmm", m_addmm, NULL},
    {"einsum", f_einsum, NULL},
    {NULL, NULL, NULL},
};
