// int, float, bool and None: inline values with Python 3.11 arithmetic.
// Ints are 64-bit; overflow raises OverflowError (tl's documented
// difference from Python's unbounded ints).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/numfmt.h"
#include "vm/number.h"
#include "vm/object.h"

static Value overflow(void) {
    return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "integer overflow (tl ints are 64-bit)");
}

static Value zero_div(const char *msg) {
    return exc_raise(exc_class_for_kind(ERR_ZERO_DIVISION), "%s", msg);
}

static int64_t as_int(Value v) { return IS_BOOL(v) ? v.as.b : v.as.i; }
static double as_double(Value v) {
    return IS_FLOAT(v) ? v.as.f : (double)as_int(v);
}

static int64_t floor_div_i(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static int64_t floor_mod_i(int64_t a, int64_t b) {
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

static Value int_pow(int64_t base, int64_t exp) {
    if (exp < 0) {
        if (base == 0) return zero_div("0.0 cannot be raised to a negative power");
        return FLOAT_VAL(pow((double)base, (double)exp));
    }
    int64_t result = 1;
    while (exp > 0) {
        if (exp & 1 && __builtin_mul_overflow(result, base, &result)) return overflow();
        exp >>= 1;
        if (exp && __builtin_mul_overflow(base, base, &base)) return overflow();
    }
    return INT_VAL(result);
}

static Value int_binary(BinaryOp op, int64_t a, int64_t b) {
    int64_t r;
    switch (op) {
    case BIN_ADD: if (__builtin_add_overflow(a, b, &r)) return overflow(); return INT_VAL(r);
    case BIN_SUB: if (__builtin_sub_overflow(a, b, &r)) return overflow(); return INT_VAL(r);
    case BIN_MUL: if (__builtin_mul_overflow(a, b, &r)) return overflow(); return INT_VAL(r);
    case BIN_TRUEDIV:
        if (b == 0) return zero_div("division by zero");
        return FLOAT_VAL((double)a / (double)b);
    case BIN_FLOORDIV:
        if (b == 0) return zero_div("integer division or modulo by zero");
        if (a == INT64_MIN && b == -1) return overflow();
        return INT_VAL(floor_div_i(a, b));
    case BIN_MOD:
        if (b == 0) return zero_div("integer modulo by zero");
        if (b == -1) return INT_VAL(0);
        return INT_VAL(floor_mod_i(a, b));
    case BIN_POW: return int_pow(a, b);
    case BIN_LSHIFT:
        if (b < 0) return exc_raise(exc_ValueError, "negative shift count");
        if (a == 0) return INT_VAL(0);
        if (b >= 63 || (a > 0 ? a > (INT64_MAX >> b) : a < (INT64_MIN >> b))) return overflow();
        return INT_VAL((int64_t)((uint64_t)a << b));
    case BIN_RSHIFT:
        if (b < 0) return exc_raise(exc_ValueError, "negative shift count");
        return INT_VAL(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    case BIN_AND: return INT_VAL(a & b);
    case BIN_OR: return INT_VAL(a | b);
    case BIN_XOR: return INT_VAL(a ^ b);
    default: return VAL_UNDEFINED;
    }
}

static Value float_binary(BinaryOp op, double a, double b) {
    switch (op) {
    case BIN_ADD: return FLOAT_VAL(a + b);
    case BIN_SUB: return FLOAT_VAL(a - b);
    case BIN_MUL: return FLOAT_VAL(a * b);
    case BIN_TRUEDIV:
        if (b == 0.0) return zero_div("float division by zero");
        return FLOAT_VAL(a / b);
    case BIN_FLOORDIV:
    case BIN_MOD: {
        if (b == 0.0) return zero_div(op == BIN_MOD ? "float modulo" : "float floor division by zero");
        double mod = fmod(a, b);
        double div = (a - mod) / b;
        if (mod != 0.0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = copysign(0.0, b);
        }
        if (op == BIN_MOD) return FLOAT_VAL(mod);
        double floordiv;
        if (div != 0.0) {
            floordiv = floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        } else {
            floordiv = copysign(0.0, a / b);
        }
        return FLOAT_VAL(floordiv);
    }
    case BIN_POW:
        if (a == 0.0 && b < 0.0) return zero_div("0.0 cannot be raised to a negative power");
        if (a < 0.0 && b != floor(b) && isfinite(a) && isfinite(b))
            return exc_raise(exc_ValueError, "complex results are not supported by tl");
        {
            double r = pow(a, b);
            if (isinf(r) && isfinite(a) && isfinite(b))
                return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "(34, 'Numerical result out of range')");
            return FLOAT_VAL(r);
        }
    default: return VAL_UNDEFINED;
    }
}

Value num_binary(BinaryOp op, Value a, Value b) {
    if (!IS_FLOAT(a) && !IS_FLOAT(b)) {
        if (IS_BOOL(a) && IS_BOOL(b) && (op == BIN_AND || op == BIN_OR || op == BIN_XOR)) {
            bool x = a.as.b, y = b.as.b;
            return BOOL_VAL(op == BIN_AND ? (x & y) : op == BIN_OR ? (x | y) : (x ^ y));
        }
        return int_binary(op, as_int(a), as_int(b));
    }
    if (op >= BIN_LSHIFT || op == BIN_MATMUL) {
        static const char *sym[] = {"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
        return val_raise_unsupported(sym[op], a, b);
    }
    return float_binary(op, as_double(a), as_double(b));
}

// Exact comparison of an int with a float (no rounding of large ints).
static int cmp_int_float(int64_t i, double f) {
    if (isnan(f)) return 2;   // unordered
    if (f >= 9223372036854775808.0) return -1;
    if (f < -9223372036854775808.0) return 1;
    double fl = floor(f);
    int64_t fi = (int64_t)fl;
    if (i < fi) return -1;
    if (i > fi) return 1;
    return f > fl ? -1 : 0;
}

Value num_compare(Value a, Value b, CompareOp op) {
    int c;
    if (!IS_FLOAT(a) && !IS_FLOAT(b)) {
        int64_t x = as_int(a), y = as_int(b);
        c = x < y ? -1 : x > y;
    } else if (IS_FLOAT(a) && IS_FLOAT(b)) {
        double x = a.as.f, y = b.as.f;
        c = (isnan(x) || isnan(y)) ? 2 : x < y ? -1 : x > y;
    } else if (IS_FLOAT(b)) {
        c = cmp_int_float(as_int(a), b.as.f);
    } else {
        c = cmp_int_float(as_int(b), a.as.f);
        if (c != 2) c = -c;
    }
    bool r;
    switch (op) {
    case CMP_LT: r = c == -1; break;
    case CMP_LE: r = c == -1 || c == 0; break;
    case CMP_EQ: r = c == 0; break;
    case CMP_NE: r = c != 0; break;
    case CMP_GT: r = c == 1; break;
    case CMP_GE: r = c == 1 || c == 0; break;
    default: return VAL_UNDEFINED;
    }
    return BOOL_VAL(r);
}

Value num_unary(UnaryOp op, Value a) {
    if (IS_FLOAT(a)) {
        if (op == UN_NEG) return FLOAT_VAL(-a.as.f);
        if (op == UN_POS) return a;
        return exc_raise(exc_TypeError, "bad operand type for unary ~: 'float'");
    }
    int64_t i = as_int(a);
    switch (op) {
    case UN_NEG: if (i == INT64_MIN) return overflow(); return INT_VAL(-i);
    case UN_POS: return INT_VAL(i);
    case UN_INVERT: return INT_VAL(~i);
    default: return VAL_UNDEFINED;
    }
}

// CPython's numeric hash: equal numbers hash equal across int and float.
#define HASH_MODULUS ((int64_t)(((uint64_t)1 << 61) - 1))

static int64_t hash_double(double v) {
    if (isinf(v)) return v > 0 ? 314159 : -314159;
    if (isnan(v)) return 0;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & (uint64_t)HASH_MODULUS) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= (uint64_t)HASH_MODULUS) x -= (uint64_t)HASH_MODULUS;
    }
    e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
    x = ((x << e) & (uint64_t)HASH_MODULUS) | x >> (61 - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

int64_t num_hash(Value v) {
    if (IS_FLOAT(v)) return hash_double(v.as.f);
    int64_t i = as_int(v);
    int64_t h = i >= 0 ? i % HASH_MODULUS : -((-(i + 1)) % HASH_MODULUS) - 1;
    if (i < 0 && i != INT64_MIN) h = -((-i) % HASH_MODULUS);
    return h == -1 ? -2 : h;
}

// ------------------------------------------------------------ type slots

static Value int_repr(Value v) {
    char buf[32];
    if (IS_BOOL(v)) return str_value(v.as.b ? "True" : "False");
    snprintf(buf, sizeof buf, "%lld", (long long)v.as.i);
    return str_value(buf);
}

static Value float_repr(Value v) {
    char buf[40];
    fmt_float_repr(v.as.f, buf, sizeof buf);
    return str_value(buf);
}

static Value none_repr(Value v) { (void)v; return str_value("None"); }
static int64_t number_hash(Value v) { return num_hash(v); }
static int64_t none_hash(Value v) { (void)v; return 0x5f3759df; }

static Value number_compare(Value a, Value b, CompareOp op) {
    if (!val_is_number(a) || !val_is_number(b)) return VAL_UNDEFINED;
    return num_compare(a, b, op);
}

static Value number_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    (void)reflected; (void)inplace;
    if (!val_is_number(a) || !val_is_number(b)) return VAL_UNDEFINED;
    return num_binary(op, a, b);
}

// int(x), int(s, base)
static Value int_call(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    static const char *const names[] = {"x", "base"};
    Value a[2];
    if (arg_bind("int", nargs, args, kw, names, 2, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return INT_VAL(0);
    Value x = a[0];
    if (!IS_UNDEF(a[1]) || val_is_str(x)) {
        int64_t base = 10;
        if (!IS_UNDEF(a[1]) && arg_int(a[1], "base", &base) < 0) return VAL_ERROR;
        if (!val_is_str(x)) return exc_raise(exc_TypeError, "int() can't convert non-string with explicit base");
        int64_t out;
        int rc = fmt_parse_int(val_cstr(x), (size_t)AS_STR(x)->len, (int)base, &out);
        if (rc == 0) return INT_VAL(out);
        if (rc == FMT_PARSE_OVERFLOW) return overflow();
        Value r = val_repr(x);
        if (IS_ERR(r)) return r;
        Value e = exc_raise(exc_ValueError, "invalid literal for int() with base %lld: %s", (long long)base, val_cstr(r));
        val_decref(r);
        return e;
    }
    if (IS_INT(x)) return x;
    if (IS_BOOL(x)) return INT_VAL(x.as.b);
    if (IS_FLOAT(x)) {
        double f = x.as.f;
        if (isnan(f)) return exc_raise(exc_ValueError, "cannot convert float NaN to integer");
        if (isinf(f)) return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "cannot convert float infinity to integer");
        if (f >= 9223372036854775808.0 || f < -9223372036854775808.0) return overflow();
        return INT_VAL((int64_t)f);
    }
    Value m = val_getattr_cstr(x, "__int__");
    if (IS_ERR(m)) {
        tl_error_clear();
        m = val_getattr_cstr(x, "__index__");
    }
    if (IS_ERR(m)) {
        tl_error_clear();
        return exc_raise(exc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                         val_type_name(x));
    }
    Value r = val_call(m, 0, NULL, NULL);
    val_decref(m);
    return r;
}

static Value float_call(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    if (arg_no_kwargs("float", kw) < 0 || arg_check_count("float", nargs, 0, 1) < 0) return VAL_ERROR;
    if (nargs == 0) return FLOAT_VAL(0.0);
    Value x = args[0];
    if (IS_FLOAT(x)) return x;
    if (IS_INT(x) || IS_BOOL(x)) return FLOAT_VAL((double)as_int(x));
    if (val_is_str(x)) {
        double d;
        if (fmt_parse_float(val_cstr(x), (size_t)AS_STR(x)->len, &d) == 0) return FLOAT_VAL(d);
        Value r = val_repr(x);
        if (IS_ERR(r)) return r;
        Value e = exc_raise(exc_ValueError, "could not convert string to float: %s", val_cstr(r));
        val_decref(r);
        return e;
    }
    Value m = val_getattr_cstr(x, "__float__");
    if (IS_ERR(m)) {
        tl_error_clear();
        return exc_raise(exc_TypeError, "float() argument must be a string or a real number, not '%s'", val_type_name(x));
    }
    Value r = val_call(m, 0, NULL, NULL);
    val_decref(m);
    return r;
}

static Value bool_call(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    if (arg_no_kwargs("bool", kw) < 0 || arg_check_count("bool", nargs, 0, 1) < 0) return VAL_ERROR;
    if (nargs == 0) return BOOL_VAL(false);
    int r = val_truthy(args[0]);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value int_bit_length(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)kw;
    int64_t i = as_int(args[0]);
    uint64_t u = i < 0 ? (uint64_t)(-(i + 1)) + 1 : (uint64_t)i;
    return INT_VAL(u ? 64 - __builtin_clzll(u) : 0);
}

static Value float_is_integer(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)kw;
    double f = args[0].as.f;
    return BOOL_VAL(isfinite(f) && f == floor(f));
}

static Value number_conjugate(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)kw;
    return IS_BOOL(args[0]) ? INT_VAL(args[0].as.b) : args[0];
}

static const NativeMethodDef int_methods[] = {
    {"bit_length", int_bit_length, "Number of bits necessary to represent self in binary."},
    {"conjugate", number_conjugate, NULL},
    {NULL, NULL, NULL},
};

static const NativeMethodDef float_methods[] = {
    {"is_integer", float_is_integer, "Return True if the float is an integer."},
    {"conjugate", number_conjugate, NULL},
    {NULL, NULL, NULL},
};

static Value number_real(Value self) { return IS_BOOL(self) ? INT_VAL(self.as.b) : self; }
static Value number_imag(Value self) { return IS_FLOAT(self) ? FLOAT_VAL(0.0) : INT_VAL(0); }

static const NativeGetSetDef number_getset[] = {
    {"real", number_real, NULL, NULL},
    {"imag", number_imag, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

TypeObj type_int = {
    .name = "int", .is_native = true, .base_type = &type_object,
    .repr = int_repr, .hash = number_hash, .compare = number_compare, .binary = number_binary,
    .call_type = int_call, .methods = int_methods, .getset = number_getset,
    .doc = "int(x=0) -> integer\nint(x, base=10) -> integer",
};

TypeObj type_bool = {
    .name = "bool", .is_native = true, .base_type = &type_int,
    .repr = int_repr, .hash = number_hash, .compare = number_compare, .binary = number_binary,
    .call_type = bool_call, .doc = "bool(x) -> bool",
};

TypeObj type_float = {
    .name = "float", .is_native = true, .base_type = &type_object,
    .repr = float_repr, .hash = number_hash, .compare = number_compare, .binary = number_binary,
    .call_type = float_call, .methods = float_methods, .getset = number_getset,
    .doc = "Convert a string or number to a floating point number, if possible.",
};

TypeObj type_none = {
    .name = "NoneType", .is_native = true, .base_type = &type_object,
    .repr = none_repr, .hash = none_hash, .is_abstract_native = true,
};

// ------------------------------------------------------------ singletons

static Value ellipsis_repr(Value v) { (void)v; return str_value("Ellipsis"); }
static Value notimplemented_repr(Value v) { (void)v; return str_value("NotImplemented"); }

TypeObj type_ellipsis = {
    .name = "ellipsis", .is_native = true, .is_abstract_native = true, .repr = ellipsis_repr,
};
TypeObj type_notimplemented = {
    .name = "NotImplementedType", .is_native = true, .is_abstract_native = true, .repr = notimplemented_repr,
};
Obj obj_ellipsis = {1 << 30, &type_ellipsis, NULL, NULL, 0};
Obj obj_notimplemented = {1 << 30, &type_notimplemented, NULL, NULL, 0};
