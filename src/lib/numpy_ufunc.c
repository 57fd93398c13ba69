// numpy's ufuncs over the tensor kernels: np.add(a, 1, out=a) and friends,
// the ndarray operator slots (a + 1, a += 1, a < b, -a), and matmul. The
// dtype each ufunc computes in is numpy's (numpy_promote.c): operands are
// converted to it first, so the tensor kernel never promotes on its own.
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/elementwise.h"
#include "tensor/iter.h"
#include "tensor/linalg.h"

enum { UF_ARITH, UF_DIV, UF_BITWISE, UF_CMP, UF_INTDIV };

static const struct {
    const char *name;
    OpCode op;
    int kind;
} bin_info[NPU__COUNT] = {
    [NPU_ADD] = {"add", OP_ADD, UF_ARITH},
    [NPU_SUB] = {"subtract", OP_SUB, UF_ARITH},
    [NPU_MUL] = {"multiply", OP_MUL, UF_ARITH},
    [NPU_TRUEDIV] = {"divide", OP_DIV, UF_DIV},
    [NPU_FLOORDIV] = {"floor_divide", OP_FLOOR_DIVIDE, UF_INTDIV},
    [NPU_MOD] = {"remainder", OP_REMAINDER, UF_INTDIV},
    [NPU_POW] = {"power", OP_POW, UF_ARITH},
    [NPU_MAXIMUM] = {"maximum", OP_MAXIMUM, UF_ARITH},
    [NPU_MINIMUM] = {"minimum", OP_MINIMUM, UF_ARITH},
    [NPU_AND] = {"bitwise_and", OP_BITWISE_AND, UF_BITWISE},
    [NPU_OR] = {"bitwise_or", OP_BITWISE_OR, UF_BITWISE},
    [NPU_XOR] = {"bitwise_xor", OP_BITWISE_XOR, UF_BITWISE},
    [NPU_LT] = {"less", OP_LT, UF_CMP},
    [NPU_LE] = {"less_equal", OP_LE, UF_CMP},
    [NPU_EQ] = {"equal", OP_EQ, UF_CMP},
    [NPU_NE] = {"not_equal", OP_NE, UF_CMP},
    [NPU_GT] = {"greater", OP_GT, UF_CMP},
    [NPU_GE] = {"greater_equal", OP_GE, UF_CMP},
};

static void *raise_no_loop(const char *name) {
    return tl_raise(ERR_TYPE, "ufunc '%s' not supported for the input types, and the inputs could "
                    "not be safely coerced to any supported types according to the casting rule "
                    "''safe''", name);
}

int np_copy_into(Tensor *dst, const Tensor *src) {
    int64_t version = dst->storage->version;
    int rc = tensor_copy_(dst, src);
    dst->storage->version = version;
    return rc;
}

static Tensor *to_dtype_steal(Tensor *t, DType dt) {
    Tensor *c = tensor_to_dtype(t, dt, false);
    tensor_release(t);
    return c;
}

static bool any_value(const Tensor *t, bool (*pred)(int64_t)) {
    int64_t n = tensor_numel(t);
    for (int64_t i = 0; i < n; i++)
        if (pred(tensor_get_flat_i64(t, i))) return true;
    return false;
}
static bool is_negative(int64_t v) { return v < 0; }
static bool is_zero(int64_t v) { return v == 0; }

// Integer // and % by zero give 0 in numpy (with a RuntimeWarning), where
// the tensor kernels raise: divide by 1 there and zero the results.
static Tensor *int_divide(OpCode op, const Tensor *a, const Tensor *b) {
    Tensor *zero = tensor_from_scalar(tensor_scalar_int(0), false), *mask = NULL, *b1 = NULL, *r = NULL;
    if (!zero || !(mask = tensor_binary(OP_EQ, b, zero, NULL))) goto done;
    if (!(b1 = tensor_masked_fill(b, mask, tensor_scalar_int(1)))) goto done;
    if ((r = tensor_binary(op, a, b1, NULL)) && tensor_masked_fill_(r, mask, tensor_scalar_int(0)) < 0) {
        tensor_release(r);
        r = NULL;
    }
done:
    tensor_release(zero);
    tensor_release(mask);
    tensor_release(b1);
    return r;
}

// numpy checks the shapes before anything else, in its own words.
static int check_broadcast(const NpOperand *oa, const NpOperand *ob) {
    if (!oa->t || !ob->t) return 0;
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shapes(oa->t->ndim, oa->t->shape, ob->t->ndim, ob->t->shape, &ndim, shape) == 0)
        return 0;
    char sa[NP_SHAPE_CAP], sb[NP_SHAPE_CAP];
    tl_error_clear();
    return tl_raise_int(ERR_VALUE, "operands could not be broadcast together with shapes %s %s ",
                        np_shape_fmt(sa, sizeof sa, oa->t->ndim, oa->t->shape),
                        np_shape_fmt(sb, sizeof sb, ob->t->ndim, ob->t->shape));
}

static Tensor *binary_compute(NpBinary op, const NpOperand *oa, const NpOperand *ob) {
    NpOperand ops[2] = {*oa, *ob};
    DType T;
    if (check_broadcast(oa, ob) < 0) return NULL;
    if (np_result_type(ops, 2, &T) < 0) return NULL;
    int kind = bin_info[op].kind;
    if (kind == UF_DIV && !dtype_is_floating(T)) T = DT_F64;
    if (kind == UF_BITWISE && dtype_is_floating(T)) return raise_no_loop(bin_info[op].name);
    if (op == NPU_SUB && T == DT_BOOL)
        return tl_raise(ERR_TYPE, "numpy boolean subtract, the `-` operator, is not supported, use "
                        "the bitwise_xor, the `^` operator, or the logical_xor function instead.");
    if (T == DT_BOOL && (kind == UF_INTDIV || op == NPU_POW)) T = DT_I8;   // numpy has no bool loop
    // numpy's float16 loops compute in float and round each result to half.
    DType W = T == DT_F16 ? DT_F32 : T;
    Tensor *a = np_operand_tensor(oa, W), *b = a ? np_operand_tensor(ob, W) : NULL, *r = NULL;
    if (!b) goto done;
    if (op == NPU_POW && !dtype_is_floating(T) && any_value(b, is_negative)) {
        tl_raise(ERR_VALUE, "Integers to negative integer powers are not allowed.");
        goto done;
    }
    if (kind == UF_INTDIV && !dtype_is_floating(T) && any_value(b, is_zero)) r = int_divide(bin_info[op].op, a, b);
    else if (op == NPU_POW && ob->is_scalar && tensor_scalar_as_double(ob->value) == 2)
        r = tensor_binary(OP_MUL, a, a, NULL);   // numpy squares exactly; a vectorised pow may not
    else r = tensor_binary(bin_info[op].op, a, b, NULL);
    if (r && W != T && kind != UF_CMP) r = to_dtype_steal(r, T);
done:
    tensor_release(a);
    tensor_release(b);
    return r;
}

// Delivers a ufunc's result: into out= (numpy's same_kind cast and
// broadcast checks) or as a new array/scalar.
static Value finish(Tensor *r, Value out, const char *name) {
    if (!r) return VAL_ERROR;
    if (IS_UNDEF(out) || IS_NONE(out)) return np_result(r);
    Tensor *o = np_tensor(out);
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!np_can_cast_same_kind(r->dtype, o->dtype)) {
        tl_raise(ERR_TYPE, "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with "
                 "casting rule 'same_kind'", name, dtype_name(r->dtype), dtype_name(o->dtype));
        goto fail;
    }
    if (iter_broadcast_shapes(o->ndim, o->shape, r->ndim, r->shape, &ndim, shape) < 0 ||
        ndim != o->ndim || memcmp(shape, o->shape, sizeof(int64_t) * (size_t)ndim) != 0) {
        char so[NP_SHAPE_CAP], sr[NP_SHAPE_CAP];
        tl_error_clear();
        tl_raise(ERR_VALUE, "non-broadcastable output operand with shape %s doesn't match the "
                 "broadcast shape %s", np_shape_fmt(so, sizeof so, o->ndim, o->shape),
                 np_shape_fmt(sr, sizeof sr, ndim, shape));
        goto fail;
    }
    if (np_copy_into(o, r) < 0) goto fail;
    tensor_release(r);
    return val_incref(out);
fail:
    tensor_release(r);
    return VAL_ERROR;
}

static int check_out(Value out) {
    if (IS_UNDEF(out) || IS_NONE(out) || lib_is_ndarray(out)) return 0;
    return tl_raise_int(ERR_TYPE, "return arrays must be of ArrayType");
}

Value np_ufunc_binary(NpBinary op, Value a, Value b, Value out) {
    NpOperand oa, ob;
    int ra = np_operand(a, &oa);
    if (ra <= 0) return ra < 0 ? VAL_ERROR : VAL_UNDEFINED;
    int rb = np_operand(b, &ob);
    if (rb <= 0) {
        np_operand_free(&oa);
        return rb < 0 ? VAL_ERROR : VAL_UNDEFINED;
    }
    Tensor *r = check_out(out) < 0 ? NULL : binary_compute(op, &oa, &ob);
    np_operand_free(&oa);
    np_operand_free(&ob);
    return finish(r, out, bin_info[op].name);
}

// ---------------------------------------------------------------- unary

enum { UU_KEEP, UU_FLOAT };

static const struct {
    const char *name;
    OpCode op;
    int kind;
} un_info[NPU_UNARY__COUNT] = {
    [NPU_NEG] = {"negative", OP_NEG, UU_KEEP},       [NPU_POS] = {"positive", OP_NEG, UU_KEEP},
    [NPU_ABS] = {"absolute", OP_ABS, UU_KEEP},       [NPU_INVERT] = {"invert", OP_BITWISE_NOT, UU_KEEP},
    [NPU_EXP] = {"exp", OP_EXP, UU_FLOAT},           [NPU_LOG] = {"log", OP_LOG, UU_FLOAT},
    [NPU_SQRT] = {"sqrt", OP_SQRT, UU_FLOAT},        [NPU_SIN] = {"sin", OP_SIN, UU_FLOAT},
    [NPU_COS] = {"cos", OP_COS, UU_FLOAT},           [NPU_TAN] = {"tan", OP_TAN, UU_FLOAT},
    [NPU_TANH] = {"tanh", OP_TANH, UU_FLOAT},        [NPU_FLOOR] = {"floor", OP_FLOOR, UU_FLOAT},
    [NPU_CEIL] = {"ceil", OP_CEIL, UU_FLOAT},        [NPU_TRUNC] = {"trunc", OP_TRUNC, UU_FLOAT},
    [NPU_RINT] = {"rint", OP_ROUND, UU_FLOAT},       [NPU_SQUARE] = {"square", OP_SQUARE, UU_KEEP},
    [NPU_SIGN] = {"sign", OP_SIGN, UU_KEEP},         [NPU_LOG2] = {"log2", OP_LOG2, UU_FLOAT},
    [NPU_LOG10] = {"log10", OP_LOG10, UU_FLOAT},     [NPU_EXPM1] = {"expm1", OP_EXPM1, UU_FLOAT},
    [NPU_LOG1P] = {"log1p", OP_LOG1P, UU_FLOAT},     [NPU_RECIPROCAL] = {"reciprocal", OP_RECIPROCAL, UU_KEEP},
};

// The float type numpy's float-only loops pick for an integer input: the
// smallest one holding every value (bool/int8/uint8 -> float16).
static DType float_loop(DType dt) {
    if (dtype_is_floating(dt)) return dt;
    if (dt == DT_BOOL || dt == DT_I8 || dt == DT_U8) return DT_F16;
    return dt == DT_I16 ? DT_F32 : DT_F64;
}

static Tensor *unary_compute(NpUnary op, const NpOperand *oa) {
    DType T = un_info[op].kind == UU_FLOAT ? float_loop(oa->dtype) : oa->dtype;
    if (op == NPU_NEG && T == DT_BOOL)
        return tl_raise(ERR_TYPE, "The numpy boolean negative, the `-` operator, is not supported, "
                        "use the `~` operator or the logical_not function instead.");
    if (op == NPU_INVERT && dtype_is_floating(T)) return raise_no_loop("invert");
    if (T == DT_BOOL && (op == NPU_SQUARE || op == NPU_RECIPROCAL || op == NPU_SIGN)) T = DT_I8;
    DType W = T == DT_F16 ? DT_F32 : T;   // half loops compute in float
    Tensor *a = np_operand_tensor(oa, W);
    if (!a) return NULL;
    Tensor *r;
    if (op == NPU_POS || (op == NPU_ABS && T == DT_BOOL)) r = tensor_clone_contiguous(a);
    else r = tensor_unary(un_info[op].op, a, NULL);
    tensor_release(a);
    return r && W != T ? to_dtype_steal(r, T) : r;
}

Value np_ufunc_unary(NpUnary op, Value a, Value out) {
    NpOperand oa;
    int ra = np_operand(a, &oa);
    if (ra <= 0) return ra < 0 ? VAL_ERROR : VAL_UNDEFINED;
    Tensor *r = check_out(out) < 0 ? NULL : unary_compute(op, &oa);
    np_operand_free(&oa);
    return finish(r, out, un_info[op].name);
}

// ---------------------------------------------------------------- matmul

static Value matmul(Value a, Value b) {
    NpOperand oa, ob;
    int ra = np_operand(a, &oa), rb = ra > 0 ? np_operand(b, &ob) : 0;
    if (ra <= 0 || rb <= 0) {
        if (ra > 0) np_operand_free(&oa);
        return ra < 0 || rb < 0 ? VAL_ERROR : VAL_UNDEFINED;
    }
    Tensor *x = NULL, *y = NULL, *r = NULL;
    DType T;
    if (oa.is_scalar || ob.is_scalar) {
        tl_raise(ERR_VALUE, "matmul: Input operand %d does not have enough dimensions (has 0, gufunc "
                 "core with signature (n?,k),(k,m?)->(n?,m?) requires 1)", oa.is_scalar ? 0 : 1);
    } else if (np_promote_types(oa.dtype, ob.dtype, &T) == 0) {
        if ((x = np_operand_tensor(&oa, T)) && (y = np_operand_tensor(&ob, T))) r = tensor_matmul(x, y);
    }
    tensor_release(x);
    tensor_release(y);
    np_operand_free(&oa);
    np_operand_free(&ob);
    return r ? np_result(r) : VAL_ERROR;
}

// ---------------------------------------------------------------- operator slots

static const int8_t slot_ops[BIN__COUNT] = {
    [BIN_ADD] = NPU_ADD, [BIN_SUB] = NPU_SUB, [BIN_MUL] = NPU_MUL, [BIN_TRUEDIV] = NPU_TRUEDIV,
    [BIN_FLOORDIV] = NPU_FLOORDIV, [BIN_MOD] = NPU_MOD, [BIN_POW] = NPU_POW, [BIN_AND] = NPU_AND,
    [BIN_OR] = NPU_OR, [BIN_XOR] = NPU_XOR, [BIN_MATMUL] = -1, [BIN_LSHIFT] = -1, [BIN_RSHIFT] = -1,
};

// tensor op ndarray: the tensor's slot declines, so numpy computes it on
// t.__array__() (numpy's dtypes) and Tensor.__array_wrap__ turns the result
// into a tensor over the same memory (bool results as uint8, PyTorch 1.13).
// ndarray op tensor is a TypeError in numpy 1.24 + PyTorch 1.13.
static Value tensor_op_array(BinaryOp op, Value t, Value arr) {
    const Tensor *tt = lib_tensor(t);
    if (tt->requires_grad)
        return exc_raise(exc_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use "
                         "tensor.detach().numpy() instead.");
    Value ta = lib_ndarray_wrap(np_share(tt));
    if (IS_ERR(ta)) return ta;
    Value r = np_ufunc_binary((NpBinary)slot_ops[op], ta, arr, VAL_UNDEFINED);
    val_decref(ta);
    if (!lib_is_ndarray(r)) return r;
    Tensor *res = np_tensor(r);
    Tensor *w = res->dtype == DT_BOOL ? tensor_to_dtype(res, DT_U8, false) : np_share(res);
    val_decref(r);
    return lib_tensor_wrap(w);
}

Value np_binary_slot(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    Value other = reflected ? a : b;
    if (op == BIN_MATMUL && !lib_is_tensor(other)) return inplace ? VAL_UNDEFINED : matmul(a, b);
    if (slot_ops[op] < 0) return VAL_UNDEFINED;
    if (lib_is_tensor(other)) return reflected ? tensor_op_array(op, a, b) : VAL_UNDEFINED;
    // ndarray.__pow__ takes a shortcut for ** 2 (np.square): on a bool
    // array that gives int8, where np.power would give int64.
    if (op == BIN_POW && !reflected && lib_is_ndarray(a) && np_tensor(a)->dtype == DT_BOOL &&
        (IS_INT(b) || IS_FLOAT(b)) && (IS_INT(b) ? b.as.i == 2 : b.as.f == 2.0))
        return np_ufunc_unary(NPU_SQUARE, a, inplace ? a : VAL_UNDEFINED);
    // numpy scalars are immutable: `x += 1` rebinds x to a new scalar.
    Value out = inplace && lib_is_ndarray(a) ? a : VAL_UNDEFINED;
    return np_ufunc_binary((NpBinary)slot_ops[op], a, b, out);
}

Value np_compare_slot(Value a, Value b, CompareOp op) {
    static const int8_t cmp_ops[CMP__COUNT] = {
        [CMP_LT] = NPU_LT, [CMP_LE] = NPU_LE, [CMP_EQ] = NPU_EQ, [CMP_NE] = NPU_NE,
        [CMP_GT] = NPU_GT, [CMP_GE] = NPU_GE, [CMP_IN] = -1, [CMP_NOT_IN] = -1,
        [CMP_IS] = -1, [CMP_IS_NOT] = -1};
    if (cmp_ops[op] < 0 || lib_is_tensor(b)) return VAL_UNDEFINED;
    return np_ufunc_binary((NpBinary)cmp_ops[op], a, b, VAL_UNDEFINED);
}

Value np_unary_slot(UnaryOp op, Value a) {
    switch (op) {
    case UN_NEG: return np_ufunc_unary(NPU_NEG, a, VAL_UNDEFINED);
    case UN_POS: return np_ufunc_unary(NPU_POS, a, VAL_UNDEFINED);
    case UN_INVERT: return np_ufunc_unary(NPU_INVERT, a, VAL_UNDEFINED);
    default: return VAL_UNDEFINED;
    }
}

// ---------------------------------------------------------------- np.add(...) and friends

static Value no_loop_error(const char *name, Value a, Value b) {
    return exc_raise(exc_TypeError, "ufunc '%s' did not contain a loop with signature matching "
                     "types (%s, %s) -> None", name, val_type_name(a),
                     IS_UNDEF(b) ? "" : val_type_name(b));
}

static Value binary_call(NpBinary op, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"x1", "x2", "out", "dtype"};
    Value a[4];
    const char *name = bin_info[op].name;
    if (NP_BIND(name, nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1]))
        return exc_raise(exc_TypeError, "%s() takes from 2 to 3 positional arguments but %d were given",
                         name, nargs);
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3])) return np_unsupported("ufunc(dtype=...)");
    Value out = a[2];
    if (val_is_tuple(out) && AS_TUPLE(out)->len == 1) out = AS_TUPLE(out)->items[0];
    Value r = np_ufunc_binary(op, a[0], a[1], out);
    if (IS_UNDEF(r)) return no_loop_error(name, a[0], a[1]);
    return r;
}

static Value unary_call(NpUnary op, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"x", "out"};
    Value a[2];
    const char *name = un_info[op].name;
    if (NP_BIND(name, nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]))
        return exc_raise(exc_TypeError, "%s() takes from 1 to 2 positional arguments but 0 were given", name);
    Value out = a[1];
    if (val_is_tuple(out) && AS_TUPLE(out)->len == 1) out = AS_TUPLE(out)->items[0];
    Value r = np_ufunc_unary(op, a[0], out);
    if (IS_UNDEF(r)) return no_loop_error(name, a[0], VAL_UNDEFINED);
    return r;
}

#define BINARY_FN(E, name) \
    static Value f_##name(int nargs, Value *args, const KwArgs *kw) { return binary_call(NPU_##E, nargs, args, kw); }
#define UNARY_FN(E, name) \
    static Value f_##name(int nargs, Value *args, const KwArgs *kw) { return unary_call(NPU_##E, nargs, args, kw); }

BINARY_FN(ADD, add)
BINARY_FN(SUB, subtract)
BINARY_FN(MUL, multiply)
BINARY_FN(TRUEDIV, divide)
BINARY_FN(FLOORDIV, floor_divide)
BINARY_FN(MOD, remainder)
BINARY_FN(POW, power)
BINARY_FN(MAXIMUM, maximum)
BINARY_FN(MINIMUM, minimum)
BINARY_FN(AND, bitwise_and)
BINARY_FN(OR, bitwise_or)
BINARY_FN(XOR, bitwise_xor)
BINARY_FN(LT, less)
BINARY_FN(LE, less_equal)
BINARY_FN(EQ, equal)
BINARY_FN(NE, not_equal)
BINARY_FN(GT, greater)
BINARY_FN(GE, greater_equal)
UNARY_FN(NEG, negative)
UNARY_FN(POS, positive)
UNARY_FN(ABS, absolute)
UNARY_FN(INVERT, invert)
UNARY_FN(EXP, exp)
UNARY_FN(LOG, log)
UNARY_FN(SQRT, sqrt)
UNARY_FN(SIN, sin)
UNARY_FN(COS, cos)
UNARY_FN(TAN, tan)
UNARY_FN(TANH, tanh)
UNARY_FN(FLOOR, floor)
UNARY_FN(CEIL, ceil)
UNARY_FN(TRUNC, trunc)
UNARY_FN(RINT, rint)
UNARY_FN(SQUARE, square)
UNARY_FN(SIGN, sign)
UNARY_FN(LOG2, log2)
UNARY_FN(LOG10, log10)
UNARY_FN(EXPM1, expm1)
UNARY_FN(LOG1P, log1p)
UNARY_FN(RECIPROCAL, reciprocal)

static Value f_matmul(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("matmul", nargs, 2, 2) < 0 || arg_no_kwargs("matmul", kw) < 0) return VAL_ERROR;
    Value r = matmul(args[0], args[1]);
    return IS_UNDEF(r) ? no_loop_error("matmul", args[0], args[1]) : r;
}

Value np_dot(Value a, Value b) {
    NpOperand oa, ob;
    int ra = np_operand(a, &oa), rb = ra > 0 ? np_operand(b, &ob) : 0;
    if (ra <= 0 || rb <= 0) {
        if (ra > 0) np_operand_free(&oa);
        return ra < 0 || rb < 0 ? VAL_ERROR : no_loop_error("dot", a, b);
    }
    bool scalar = oa.is_scalar || ob.is_scalar;
    bool big = (oa.t && oa.t->ndim > 2) || (ob.t && ob.t->ndim > 2);
    np_operand_free(&oa);
    np_operand_free(&ob);
    if (big) return np_unsupported("dot of arrays with more than 2 dimensions");
    return scalar ? np_ufunc_binary(NPU_MUL, a, b, VAL_UNDEFINED) : matmul(a, b);
}

static Value f_dot(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("dot", nargs, 2, 2) < 0 || arg_no_kwargs("dot", kw) < 0) return VAL_ERROR;
    return np_dot(args[0], args[1]);
}

const NativeMethodDef np_fns_ufunc[] = {
    {"add", f_add, NULL},
    {"subtract", f_subtract, NULL},
    {"multiply", f_multiply, NULL},
    {"divide", f_divide, NULL},
    {"true_divide", f_divide, NULL},
    {"floor_divide", f_floor_divide, NULL},
    {"remainder", f_remainder, NULL},
    {"mod", f_remainder, NULL},
    {"power", f_power, NULL},
    {"maximum", f_maximum, NULL},
    {"minimum", f_minimum, NULL},
    {"bitwise_and", f_bitwise_and, NULL},
    {"bitwise_or", f_bitwise_or, NULL},
    {"bitwise_xor", f_bitwise_xor, NULL},
    {"less", f_less, NULL},
    {"less_equal", f_less_equal, NULL},
    {"equal", f_equal, NULL},
    {"not_equal", f_not_equal, NULL},
    {"greater", f_greater, NULL},
    {"greater_equal", f_greater_equal, NULL},
    {"negative", f_negative, NULL},
    {"positive", f_positive, NULL},
    {"absolute", f_absolute, NULL},
    {"abs", f_absolute, NULL},
    {"invert", f_invert, NULL},
    {"exp", f_exp, NULL},
    {"log", f_log, NULL},
    {"sqrt", f_sqrt, NULL},
    {"sin", f_sin, NULL},
    {"cos", f_cos, NULL},
    {"tan", f_tan, NULL},
    {"tanh", f_tanh, NULL},
    {"floor", f_floor, NULL},
    {"ceil", f_ceil, NULL},
    {"trunc", f_trunc, NULL},
    {"rint", f_rint, NULL},
    {"square", f_square, NULL},
    {"sign", f_sign, NULL},
    {"log2", f_log2, NULL},
    {"log10", f_log10, NULL},
    {"expm1", f_expm1, NULL},
    {"log1p", f_log1p, NULL},
    {"reciprocal", f_reciprocal, NULL},
    {"matmul", f_matmul, NULL},
    {"dot", f_dot, NULL},
    {NULL, NULL, NULL},
};
