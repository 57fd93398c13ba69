// Numeric built-ins: abs, round, pow (with a modulus), divmod, hex, oct,
// bin, chr and ord. Python numbers are handled here directly; other
// objects (tensors, user classes) through their __abs__, __round__,
// __divmod__ methods, as CPython's number protocol would.
#include <math.h>
#include <stdint.h>

#include "common/numfmt.h"
#include "vm/builtins_internal.h"
#include "vm/containers.h"
#include "vm/number.h"

static Value overflow(void) {
    return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "integer overflow (tl ints are 64-bit)");
}

static bool is_int(Value v) { return IS_INT(v) || IS_BOOL(v); }
static int64_t as_int(Value v) { return IS_BOOL(v) ? v.as.b : v.as.i; }

// Calls type(x).[name](x, *args) when the type defines it; VAL_UNDEF if not.
static Value call_type_method(Value x, const char *name, int nargs, Value *args) {
    ObjStr *s = str_intern(name);
    Value m = type_lookup(val_type(x), s);
    obj_decref(s);
    if (IS_UNDEF(m)) return VAL_UNDEFINED;
    return val_call_method(x, name, nargs, args);
}

static int one_arg(const char *name, int nargs, const KwArgs *kw) {
    if (arg_no_kwargs(name, kw) < 0) return -1;
    return arg_check_count(name, nargs, 1, 1);
}

// ------------------------------------------------------------ abs

static Value bi_abs(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("abs", nargs, kw) < 0) return VAL_ERROR;
    Value x = args[0];
    if (IS_BOOL(x)) return INT_VAL(x.as.b);
    if (IS_INT(x)) return x.as.i < 0 ? num_unary(UN_NEG, x) : x;
    if (IS_FLOAT(x)) return FLOAT_VAL(fabs(x.as.f));
    Value r = call_type_method(x, "__abs__", 0, NULL);
    if (!IS_UNDEF(r)) return r;
    return exc_raise(exc_TypeError, "bad operand type for abs(): '%s'", val_type_name(x));
}

// ------------------------------------------------------------ round

// round(int, ndigits < 0): to a multiple of 10**-ndigits, halves to even.
static Value round_int(int64_t x, int64_t ndigits) {
    if (ndigits >= 0) return INT_VAL(x);
    if (ndigits < -18) return INT_VAL(0);
    int64_t p = 1;
    for (int64_t i = 0; i < -ndigits; i++) p *= 10;
    int64_t q = x / p, r = x % p;
    if (r < 0) {
        q--;
        r += p;
    }
    if (2 * (__int128)r > p || (2 * (__int128)r == p && (q & 1))) q++;
    int64_t out;
    if (__builtin_mul_overflow(q, p, &out)) return overflow();
    return INT_VAL(out);
}

static Value round_float(double x, Value ndigits) {
    if (IS_UNDEF(ndigits)) {
        if (isnan(x)) return exc_raise(exc_ValueError, "cannot convert float NaN to integer");
        if (isinf(x)) return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "cannot convert float infinity to integer");
        double r = fmt_round_half_even(x);
        if (r >= 9223372036854775808.0 || r < -9223372036854775808.0) return overflow();
        return INT_VAL((int64_t)r);
    }
    int64_t nd;
    if (index_require(ndigits, &nd) < 0) return VAL_ERROR;
    double out;
    if (fmt_round_double(x, nd, &out) < 0) return VAL_ERROR;
    return FLOAT_VAL(out);
}

static Value bi_round(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"number", "ndigits"};
    Value a[2];
    if (nargs > 2) return exc_raise(exc_TypeError, "round() takes at most 2 arguments (%d given)", nargs);
    if (builtin_required("round", nargs, kw, names, 1) < 0 || builtin_kwargs("round", kw, names, 2, a) < 0)
        return VAL_ERROR;
    for (int i = 0; i < nargs; i++) {
        if (!IS_UNDEF(a[i]))
            return exc_raise(exc_TypeError, "argument for round() given by name ('%s') and position (%d)", names[i], i + 1);
        a[i] = args[i];
    }
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "round() missing required argument 'number' (pos 1)");
    Value x = a[0], nd = IS_NONE(a[1]) ? VAL_UNDEFINED : a[1];
    if (IS_FLOAT(x)) return round_float(x.as.f, nd);
    if (is_int(x)) {
        int64_t n = 0;
        if (!IS_UNDEF(nd) && index_require(nd, &n) < 0) return VAL_ERROR;
        return round_int(as_int(x), n);
    }
    Value r = call_type_method(x, "__round__", IS_UNDEF(nd) ? 0 : 1, &nd);
    if (!IS_UNDEF(r)) return r;
    return exc_raise(exc_TypeError, "type %s doesn't define __round__ method", val_type_name(x));
}

// ------------------------------------------------------------ pow

// Inverse of [a] modulo [m] (m > 0) by the extended Euclidean algorithm;
// false when gcd(a, m) != 1.
static bool mod_inverse(uint64_t a, uint64_t m, uint64_t *out) {
    __int128 t = 0, newt = 1, r = m, newr = a % m;
    while (newr != 0) {
        __int128 q = r / newr, tmp;
        tmp = t - q * newt; t = newt; newt = tmp;
        tmp = r - q * newr; r = newr; newr = tmp;
    }
    if (r != 1) return false;
    if (t < 0) t += m;
    *out = (uint64_t)t;
    return true;
}

static Value pow_mod(int64_t base, int64_t exp, int64_t mod) {
    if (mod == 0) return exc_raise(exc_ValueError, "pow() 3rd argument cannot be 0");
    uint64_t m = mod < 0 ? 0 - (uint64_t)mod : (uint64_t)mod;
    // base reduced into [0, m)
    uint64_t b = base < 0 ? (m - (0 - (uint64_t)base) % m) % m : (uint64_t)base % m;
    uint64_t e = exp < 0 ? 0 - (uint64_t)exp : (uint64_t)exp;
    if (exp < 0 && !mod_inverse(b, m, &b))
        return exc_raise(exc_ValueError, "base is not invertible for the given modulus");
    uint64_t r = 1 % m;
    while (e) {
        if (e & 1) r = (uint64_t)((unsigned __int128)r * b % m);
        b = (uint64_t)((unsigned __int128)b * b % m);
        e >>= 1;
    }
    // Python's result takes the sign of the modulus.
    if (mod < 0 && r != 0) return INT_VAL((int64_t)(r - m));
    return INT_VAL((int64_t)r);
}

static Value bi_pow(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"base", "exp", "mod"};
    Value a[3];
    if (nargs > 3) return exc_raise(exc_TypeError, "pow() takes at most 3 arguments (%d given)", nargs);
    if (builtin_required("pow", nargs, kw, names, 2) < 0 || builtin_kwargs("pow", kw, names, 3, a) < 0)
        return VAL_ERROR;
    for (int i = 0; i < nargs; i++) {
        if (!IS_UNDEF(a[i]))
            return exc_raise(exc_TypeError, "argument for pow() given by name ('%s') and position (%d)", names[i], i + 1);
        a[i] = args[i];
    }
    for (int i = 0; i < 2; i++)
        if (IS_UNDEF(a[i]))
            return exc_raise(exc_TypeError, "pow() missing required argument '%s' (pos %d)", names[i], i + 1);
    if (IS_UNDEF(a[2]) || IS_NONE(a[2])) return val_binary(BIN_POW, a[0], a[1]);
    if (!is_int(a[0]) || !is_int(a[1]) || !is_int(a[2]))
        return exc_raise(exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return pow_mod(as_int(a[0]), as_int(a[1]), as_int(a[2]));
}

// ------------------------------------------------------------ divmod

// CPython's float_divmod, so that divmod agrees with // and % bit for bit.
static Value float_divmod(double vx, double wx) {
    if (wx == 0.0) return exc_raise(exc_class_for_kind(ERR_ZERO_DIVISION), "float divmod()");
    double mod = fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, wx);
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, vx / wx);
    }
    return tuple_pack(2, FLOAT_VAL(floordiv), FLOAT_VAL(mod));
}

static Value int_divmod(int64_t a, int64_t b) {
    if (b == 0) return exc_raise(exc_class_for_kind(ERR_ZERO_DIVISION), "integer division or modulo by zero");
    if (a == INT64_MIN && b == -1) return overflow();
    int64_t q = a / b, r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        q--;
        r += b;
    }
    return tuple_pack(2, INT_VAL(q), INT_VAL(r));
}

static Value bi_divmod(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("divmod", kw) < 0 || arg_check_count("divmod", nargs, 2, 2) < 0) return VAL_ERROR;
    Value a = args[0], b = args[1];
    if (is_int(a) && is_int(b)) return int_divmod(as_int(a), as_int(b));
    double x, y;
    if (val_to_double(a, &x) && val_to_double(b, &y)) return float_divmod(x, y);
    Value r = call_type_method(a, "__divmod__", 1, &b);
    if (IS_ERR(r)) return r;
    if (!IS_UNDEF(r) && !(IS_OBJ(r) && r.as.o == &obj_notimplemented)) return r;
    val_decref(r);
    r = call_type_method(b, "__rdivmod__", 1, &a);
    if (IS_ERR(r)) return r;
    if (!IS_UNDEF(r) && !(IS_OBJ(r) && r.as.o == &obj_notimplemented)) return r;
    val_decref(r);
    return val_raise_unsupported("divmod()", a, b);
}

// ------------------------------------------------------------ bases, characters

static Value int_to_base(const char *name, int base, int nargs, Value *args, const KwArgs *kw) {
    if (one_arg(name, nargs, kw) < 0) return VAL_ERROR;
    int64_t v;
    if (index_require(args[0], &v) < 0) return VAL_ERROR;
    char buf[FMT_INT_BUFSZ];
    size_t n = fmt_int_to_base(v, base, FMT_BASE_PREFIX, buf);
    return str_value_n(buf, (int64_t)n);
}

static Value bi_hex(int nargs, Value *args, const KwArgs *kw) { return int_to_base("hex", 16, nargs, args, kw); }
static Value bi_oct(int nargs, Value *args, const KwArgs *kw) { return int_to_base("oct", 8, nargs, args, kw); }
static Value bi_bin(int nargs, Value *args, const KwArgs *kw) { return int_to_base("bin", 2, nargs, args, kw); }

static Value bi_chr(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("chr", nargs, kw) < 0) return VAL_ERROR;
    int64_t cp;
    if (index_require(args[0], &cp) < 0) return VAL_ERROR;
    if (cp < 0 || cp > 0x10FFFF) return exc_raise(exc_ValueError, "chr() arg not in range(0x110000)");
    char buf[4];
    int n;
    if (cp < 0x80) {
        buf[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (cp >> 18));
        buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return str_value_n(buf, n);
}

static Value bi_ord(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("ord", nargs, kw) < 0) return VAL_ERROR;
    Value s = args[0];
    if (!val_is_str(s))
        return exc_raise(exc_TypeError, "ord() expected string of length 1, but %s found", val_type_name(s));
    ObjStr *str = AS_STR(s);
    if (str->nchars != 1)
        return exc_raise(exc_TypeError, "ord() expected a character, but string of length %lld found",
                         (long long)str->nchars);
    const unsigned char *p = (const unsigned char *)str->data;
    int extra = p[0] >= 0xF0 ? 3 : p[0] >= 0xE0 ? 2 : p[0] >= 0xC0 ? 1 : 0;
    uint32_t cp = extra == 0 ? p[0] : p[0] & (0x3F >> extra);
    for (int i = 1; i <= extra && i < str->len; i++) cp = (cp << 6) | (p[i] & 0x3F);
    return INT_VAL(cp);
}

void builtins_num_init(ObjDict *d) {
    builtin_add(d, "abs", bi_abs, "Return the absolute value of the argument.");
    builtin_add(d, "round", bi_round,
                "Round a number to a given precision in decimal digits.\n\n"
                "The return value is an integer if ndigits is omitted or None.  Otherwise\n"
                "the return value has the same type as the number.  ndigits may be negative.");
    builtin_add(d, "pow", bi_pow,
                "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments\n\n"
                "Some types, such as ints, are able to use a more efficient algorithm when\n"
                "invoked using the three argument form.");
    builtin_add(d, "divmod", bi_divmod, "Return the tuple (x//y, x%y).  Invariant: div*y + mod == x.");
    builtin_add(d, "hex", bi_hex,
                "Return the hexadecimal representation of an integer.\n\n   >>> hex(12648430)\n   '0xc0ffee'");
    builtin_add(d, "oct", bi_oct,
                "Return the octal representation of an integer.\n\n   >>> oct(342391)\n   '0o1234567'");
    builtin_add(d, "bin", bi_bin,
                "Return the binary representation of an integer.\n\n   >>> bin(2796202)\n   '0b1010101010101010101010'");
    builtin_add(d, "chr", bi_chr, "Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff.");
    builtin_add(d, "ord", bi_ord, "Return the Unicode code point for a one-character string.");
}
