// The math module with CPython 3.11's results and errors: libm for the
// elementary functions, with CPython's rule for turning special results
// into "math domain error" (ValueError) or "math range error"
// (OverflowError); fsum, hypot and dist use CPython's exact algorithms
// (Shewchuk partials; lossless scaled squaring) so results match bit for bit.
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/std_modules.h"
#include "vm/containers.h"
#include "vm/modules.h"

// ------------------------------------------------------------ arguments and errors

static Value domain_error(void) { return exc_raise(exc_ValueError, "math domain error"); }
static Value range_error(void) { return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "math range error"); }
static Value int_overflow(void) {
    return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "integer overflow (tl ints are 64-bit)");
}

static bool is_int(Value v) { return IS_INT(v) || IS_BOOL(v); }
static int64_t as_int(Value v) { return IS_BOOL(v) ? v.as.b : v.as.i; }

static bool type_has(Value v, const char *name) {
    ObjStr *s = str_intern(name);
    Value m = type_lookup(val_type(v), s);
    obj_decref(s);
    return !IS_UNDEF(m);
}

// A real number argument: ints, floats, bools, or an object with
// __float__ (a one-element tensor) or __index__.
static int to_double(Value v, double *out) {
    if (val_to_double(v, out)) return 0;
    const char *conv = type_has(v, "__float__") ? "__float__" : type_has(v, "__index__") ? "__index__" : NULL;
    if (conv) {
        Value r = val_call_method(v, conv, 0, NULL);
        if (IS_ERR(r)) return -1;
        bool ok = val_to_double(r, out);
        val_decref(r);
        if (ok) return 0;
        exc_raise(exc_TypeError, "%s.%s returned non-float (type %s)", val_type_name(v), conv, val_type_name(r));
        return -1;
    }
    exc_raise(exc_TypeError, "must be real number, not %s", val_type_name(v));
    return -1;
}

static int no_kw(const char *name, const KwArgs *kw) { return arg_no_kwargs(name, kw); }

// One float argument, counted with CPython's "math.sqrt() takes exactly one argument".
static int arg1(const char *name, int nargs, Value *args, const KwArgs *kw, double *x) {
    if (no_kw(name, kw) < 0 || arg_check_count(name, nargs, 1, 1) < 0) return -1;
    return to_double(args[0], x);
}

// Two float arguments ("pow expected 2 arguments, got 1").
static int arg2(const char *name, int nargs, Value *args, const KwArgs *kw, double *x, double *y) {
    if (no_kw(name, kw) < 0 || arg_check_count(name, nargs, 2, 2) < 0) return -1;
    if (to_double(args[0], x) < 0 || to_double(args[1], y) < 0) return -1;
    return 0;
}

// CPython's math_1: a NaN from a non-NaN is a domain error; an infinity
// from a finite argument is a range error for functions that can overflow
// (exp, cosh...) and a domain error for the others (log(0), atanh(1)).
static Value check_result(double x, double r, bool can_overflow) {
    if (isnan(r) && !isnan(x)) return domain_error();
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error() : domain_error();
    return FLOAT_VAL(r);
}

#define MATH_1(NAME, EXPR, OVF, DOC)                                           \
    static Value m_##NAME(int nargs, Value *args, const KwArgs *kw) {         \
        double x;                                                             \
        if (arg1("math." #NAME, nargs, args, kw, &x) < 0) return VAL_ERROR;   \
        return check_result(x, (EXPR), OVF);                                  \
    }

MATH_1(sqrt, sqrt(x), false, "Return the square root of x.")
MATH_1(exp, exp(x), true, "Return e raised to the power of x.")
MATH_1(exp2, exp2(x), true, "Return 2 raised to the power of x.")
MATH_1(expm1, expm1(x), true, "Return exp(x)-1.")
MATH_1(cbrt, cbrt(x), false, "Return the cube root of x.")
MATH_1(sin, sin(x), false, "Return the sine of x (measured in radians).")
MATH_1(cos, cos(x), false, "Return the cosine of x (measured in radians).")
MATH_1(tan, tan(x), false, "Return the tangent of x (measured in radians).")
MATH_1(asin, asin(x), false, "Return the arc sine (measured in radians) of x.")
MATH_1(acos, acos(x), false, "Return the arc cosine (measured in radians) of x.")
MATH_1(atan, atan(x), false, "Return the arc tangent (measured in radians) of x.")
MATH_1(sinh, sinh(x), true, "Return the hyperbolic sine of x.")
MATH_1(cosh, cosh(x), true, "Return the hyperbolic cosine of x.")
MATH_1(tanh, tanh(x), false, "Return the hyperbolic tangent of x.")
MATH_1(asinh, asinh(x), false, "Return the inverse hyperbolic sine of x.")
MATH_1(acosh, acosh(x), false, "Return the inverse hyperbolic cosine of x.")
MATH_1(atanh, atanh(x), false, "Return the inverse hyperbolic tangent of x.")
MATH_1(log1p, log1p(x), false, "Return the natural logarithm of 1+x (base e).")
MATH_1(erf, erf(x), false, "Error function at x.")
MATH_1(erfc, erfc(x), false, "Complementary error function at x.")
MATH_1(fabs, fabs(x), false, "Return the absolute value of the float x.")

// gamma and lgamma: CPython's own Lanczos approximation (g = 6.0246...,
// 13 terms) rather than libm's, so the last bits agree with CPython.
#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
// x(x+1)...(x+11) expanded: the denominator of the rational Lanczos sum.
static const double lanczos_den[LANCZOS_N] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
};

static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N - 1; i >= 0; i--) {
            num = num * x + lanczos_num[i];
            den = den * x + lanczos_den[i];
        }
    } else {
        // Horner in 1/x: no overflow for large x
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num[i];
            den = den / x + lanczos_den[i];
        }
    }
    return num / den;
}

// sin(pi * x), exact at integers and half-integers.
static double sin_pi(double x) {
    double y = fmod(fabs(x), 2.0), r;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(M_PI * y); break;
    case 1: r = cos(M_PI * (y - 0.5)); break;
    case 2: r = sin(M_PI * (1.0 - y)); break;
    case 3: r = -cos(M_PI * (y - 1.5)); break;
    default: r = sin(M_PI * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

static Value m_gamma(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.gamma", nargs, args, kw, &x) < 0) return VAL_ERROR;
    if (!isfinite(x)) return isnan(x) || x > 0 ? FLOAT_VAL(x) : domain_error();
    if (x == 0.0) return domain_error();
    if (x == floor(x)) {
        if (x < 0.0) return domain_error();
        if (x <= 23.0) {   // exact: (x-1)!
            double f = 1.0;
            for (int i = 2; i < (int)x; i++) f *= i;
            return FLOAT_VAL(f);
        }
    }
    double ax = fabs(x);
    if (ax < 1e-20) return check_result(x, 1.0 / x, true);
    if (ax > 200.0) return x < 0.0 ? FLOAT_VAL(0.0 / sin_pi(x)) : range_error();
    double y = ax + lanczos_g_minus_half, q, z;
    if (ax > lanczos_g_minus_half) {
        q = y - ax;
        z = q - lanczos_g_minus_half;
    } else {
        q = y - lanczos_g_minus_half;
        z = q - ax;
    }
    z = z * lanczos_g / y;
    double r;
    if (x < 0.0) {
        r = -M_PI / sin_pi(ax) / ax * exp(y) / lanczos_sum(ax);
        r -= z * r;
        if (ax < 140.0) {
            r /= pow(y, ax - 0.5);
        } else {
            double sp = pow(y, ax / 2.0 - 0.25);
            r /= sp;
            r /= sp;
        }
    } else {
        r = lanczos_sum(ax) / exp(y);
        r += z * r;
        if (ax < 140.0) {
            r *= pow(y, ax - 0.5);
        } else {
            double sp = pow(y, ax / 2.0 - 0.25);
            r *= sp;
            r *= sp;
        }
    }
    return isinf(r) ? range_error() : FLOAT_VAL(r);
}

static Value m_lgamma(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.lgamma", nargs, args, kw, &x) < 0) return VAL_ERROR;
    if (!isfinite(x)) return FLOAT_VAL(isnan(x) ? x : fabs(x));
    if (x == floor(x) && x <= 2.0) return x <= 0.0 ? domain_error() : FLOAT_VAL(0.0);
    double ax = fabs(x);
    if (ax < 1e-20) return FLOAT_VAL(-log(ax));
    double r = log(lanczos_sum(ax)) - lanczos_g;
    r += (ax - 0.5) * (log(ax + lanczos_g - 0.5) - 1);
    if (x < 0.0) r = log(M_PI) - log(fabs(sin_pi(ax))) - log(ax) - r;
    return isinf(r) ? range_error() : FLOAT_VAL(r);
}

static Value m_degrees(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.degrees", nargs, args, kw, &x) < 0) return VAL_ERROR;
    return FLOAT_VAL(x * (180.0 / M_PI));
}

static Value m_radians(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.radians", nargs, args, kw, &x) < 0) return VAL_ERROR;
    return FLOAT_VAL(x * (M_PI / 180.0));
}

static Value m_isnan(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.isnan", nargs, args, kw, &x) < 0) return VAL_ERROR;
    return BOOL_VAL(isnan(x));
}

static Value m_isinf(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.isinf", nargs, args, kw, &x) < 0) return VAL_ERROR;
    return BOOL_VAL(isinf(x));
}

static Value m_isfinite(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.isfinite", nargs, args, kw, &x) < 0) return VAL_ERROR;
    return BOOL_VAL(isfinite(x));
}

static Value m_ulp(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.ulp", nargs, args, kw, &x) < 0) return VAL_ERROR;
    if (isnan(x)) return FLOAT_VAL(x);
    x = fabs(x);
    if (isinf(x)) return FLOAT_VAL(x);
    double up = nextafter(x, INFINITY);
    if (isinf(up)) return FLOAT_VAL(x - nextafter(x, -INFINITY));
    return FLOAT_VAL(up - x);
}

// ------------------------------------------------------------ logarithms

// log of a positive number; a domain error for x <= 0 (incl. -inf).
static int log_of(double x, double (*f)(double), double *out) {
    if (isnan(x)) {
        *out = x;
        return 0;
    }
    if (x <= 0) {
        domain_error();
        return -1;
    }
    *out = f(x);
    return 0;
}

static Value m_log(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("log", kw) < 0) return VAL_ERROR;
    if (nargs < 1 || nargs > 2) return exc_raise(exc_TypeError, "math.log requires 1 to 2 arguments");
    double x, num;
    if (to_double(args[0], &x) < 0 || log_of(x, log, &num) < 0) return VAL_ERROR;
    if (nargs == 1) return FLOAT_VAL(num);
    double b, den;
    if (to_double(args[1], &b) < 0 || log_of(b, log, &den) < 0) return VAL_ERROR;
    if (den == 0.0) return exc_raise(exc_class_for_kind(ERR_ZERO_DIVISION), "float division by zero");
    return FLOAT_VAL(num / den);
}

static Value m_log2(int nargs, Value *args, const KwArgs *kw) {
    double x, r;
    if (arg1("math.log2", nargs, args, kw, &x) < 0 || log_of(x, log2, &r) < 0) return VAL_ERROR;
    return FLOAT_VAL(r);
}

static Value m_log10(int nargs, Value *args, const KwArgs *kw) {
    double x, r;
    if (arg1("math.log10", nargs, args, kw, &x) < 0 || log_of(x, log10, &r) < 0) return VAL_ERROR;
    return FLOAT_VAL(r);
}

// ------------------------------------------------------------ two arguments

static Value m_pow(int nargs, Value *args, const KwArgs *kw) {
    double x, y;
    if (arg2("pow", nargs, args, kw, &x, &y) < 0) return VAL_ERROR;
    double r = pow(x, y);
    if (isfinite(x) && isfinite(y)) {
        if (isnan(r)) return domain_error();
        if (isinf(r)) return x == 0.0 ? domain_error() : range_error();
    }
    return FLOAT_VAL(r);
}

static Value m_atan2(int nargs, Value *args, const KwArgs *kw) {
    double y, x;
    if (arg2("atan2", nargs, args, kw, &y, &x) < 0) return VAL_ERROR;
    return FLOAT_VAL(atan2(y, x));
}

static Value m_copysign(int nargs, Value *args, const KwArgs *kw) {
    double x, y;
    if (arg2("copysign", nargs, args, kw, &x, &y) < 0) return VAL_ERROR;
    return FLOAT_VAL(copysign(x, y));
}

static Value m_fmod(int nargs, Value *args, const KwArgs *kw) {
    double x, y;
    if (arg2("fmod", nargs, args, kw, &x, &y) < 0) return VAL_ERROR;
    if (isinf(y) && isfinite(x)) return FLOAT_VAL(x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error();
    return FLOAT_VAL(r);
}

static Value m_remainder(int nargs, Value *args, const KwArgs *kw) {
    double x, y;
    if (arg2("remainder", nargs, args, kw, &x, &y) < 0) return VAL_ERROR;
    if (isnan(x) || isnan(y)) return FLOAT_VAL(NAN);
    if (isinf(x) || y == 0.0) return domain_error();
    if (isinf(y)) return FLOAT_VAL(x);
    return FLOAT_VAL(remainder(x, y));
}

static Value m_nextafter(int nargs, Value *args, const KwArgs *kw) {
    double x, y;
    if (arg2("nextafter", nargs, args, kw, &x, &y) < 0) return VAL_ERROR;
    return FLOAT_VAL(nextafter(x, y));
}

static Value m_ldexp(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (no_kw("ldexp", kw) < 0 || arg_check_count("ldexp", nargs, 2, 2) < 0 || to_double(args[0], &x) < 0)
        return VAL_ERROR;
    if (!is_int(args[1])) return exc_raise(exc_TypeError, "Expected an int as second argument to ldexp.");
    int64_t e = as_int(args[1]);
    if (e > 100000) e = 100000;
    if (e < -100000) e = -100000;
    double r = ldexp(x, (int)e);
    if (isinf(r) && isfinite(x)) return range_error();
    return FLOAT_VAL(r);
}

static Value m_frexp(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.frexp", nargs, args, kw, &x) < 0) return VAL_ERROR;
    int e = 0;
    double m = isfinite(x) ? frexp(x, &e) : x;
    return tuple_pack(2, FLOAT_VAL(m), INT_VAL(e));
}

static Value m_modf(int nargs, Value *args, const KwArgs *kw) {
    double x;
    if (arg1("math.modf", nargs, args, kw, &x) < 0) return VAL_ERROR;
    if (isinf(x)) return tuple_pack(2, FLOAT_VAL(copysign(0.0, x)), FLOAT_VAL(x));
    double ip;
    double frac = modf(x, &ip);
    return tuple_pack(2, FLOAT_VAL(frac), FLOAT_VAL(ip));
}

static Value m_isclose(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    Value a[4];
    if (nargs > 2) return exc_raise(exc_TypeError, "isclose() takes exactly 2 positional arguments (%d given)", nargs);
    if (arg_bind("isclose", nargs, args, kw, names, 4, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "isclose() missing required argument 'a' (pos 1)");
    if (IS_UNDEF(a[1])) return exc_raise(exc_TypeError, "isclose() missing required argument 'b' (pos 2)");
    double x, y, rel = 1e-9, abs_tol = 0.0;
    if (to_double(a[0], &x) < 0 || to_double(a[1], &y) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[2]) && to_double(a[2], &rel) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[3]) && to_double(a[3], &abs_tol) < 0) return VAL_ERROR;
    if (rel < 0.0 || abs_tol < 0.0) return exc_raise(exc_ValueError, "tolerances must be non-negative");
    if (x == y) return BOOL_VAL(true);
    if (isinf(x) || isinf(y)) return BOOL_VAL(false);
    double diff = fabs(y - x);
    return BOOL_VAL(diff <= fabs(rel * y) || diff <= fabs(rel * x) || diff <= abs_tol);
}

// ------------------------------------------------------------ to integers

static Value float_to_int(double r) {
    if (isnan(r)) return exc_raise(exc_ValueError, "cannot convert float NaN to integer");
    if (isinf(r)) return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "cannot convert float infinity to integer");
    if (r >= 9223372036854775808.0 || r < -9223372036854775808.0) return int_overflow();
    return INT_VAL((int64_t)r);
}

// floor/ceil: ints unchanged, floats rounded to an int, other objects
// through __floor__ / __ceil__, else as a float.
static Value to_int_with(const char *name, const char *dunder, double (*f)(double), int nargs, Value *args,
                         const KwArgs *kw) {
    if (no_kw(name, kw) < 0 || arg_check_count(name, nargs, 1, 1) < 0) return VAL_ERROR;
    Value x = args[0];
    if (is_int(x)) return INT_VAL(as_int(x));
    if (IS_FLOAT(x)) return float_to_int(f(x.as.f));
    if (type_has(x, dunder)) return val_call_method(x, dunder, 0, NULL);
    double d;
    if (to_double(x, &d) < 0) return VAL_ERROR;
    return float_to_int(f(d));
}

static Value m_floor(int nargs, Value *args, const KwArgs *kw) { return to_int_with("math.floor", "__floor__", floor, nargs, args, kw); }
static Value m_ceil(int nargs, Value *args, const KwArgs *kw) { return to_int_with("math.ceil", "__ceil__", ceil, nargs, args, kw); }

static Value m_trunc(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("math.trunc", kw) < 0 || arg_check_count("math.trunc", nargs, 1, 1) < 0) return VAL_ERROR;
    Value x = args[0];
    if (is_int(x)) return INT_VAL(as_int(x));
    if (IS_FLOAT(x)) return float_to_int(trunc(x.as.f));
    if (type_has(x, "__trunc__")) return val_call_method(x, "__trunc__", 0, NULL);
    return exc_raise(exc_TypeError, "type %s doesn't define __trunc__ method", val_type_name(x));
}

// ------------------------------------------------------------ integer functions

static Value m_factorial(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("math.factorial", kw) < 0 || arg_check_count("math.factorial", nargs, 1, 1) < 0) return VAL_ERROR;
    int64_t n;
    if (index_require(args[0], &n) < 0) return VAL_ERROR;
    if (n < 0) return exc_raise(exc_ValueError, "factorial() not defined for negative values");
    int64_t r = 1;
    for (int64_t i = 2; i <= n; i++)
        if (__builtin_mul_overflow(r, i, &r)) return int_overflow();
    return INT_VAL(r);
}

static uint64_t gcd_u(uint64_t a, uint64_t b) {
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint64_t abs_u(int64_t v) { return v < 0 ? 0 - (uint64_t)v : (uint64_t)v; }

static Value gcd_lcm(const char *name, bool lcm, int nargs, Value *args, const KwArgs *kw) {
    if (no_kw(name, kw) < 0) return VAL_ERROR;
    uint64_t acc = lcm ? 1 : 0;
    for (int i = 0; i < nargs; i++) {
        int64_t v;
        if (index_require(args[i], &v) < 0) return VAL_ERROR;
        uint64_t a = abs_u(v);
        if (!lcm) {
            acc = gcd_u(acc, a);
        } else if (a == 0 || acc == 0) {
            acc = 0;
        } else {
            unsigned __int128 m = (unsigned __int128)(acc / gcd_u(acc, a)) * a;
            if (m > INT64_MAX) return int_overflow();
            acc = (uint64_t)m;
        }
    }
    if (acc > INT64_MAX) return int_overflow();
    return INT_VAL((int64_t)acc);
}

static Value m_gcd(int nargs, Value *args, const KwArgs *kw) { return gcd_lcm("gcd", false, nargs, args, kw); }
static Value m_lcm(int nargs, Value *args, const KwArgs *kw) { return gcd_lcm("lcm", true, nargs, args, kw); }

static Value m_isqrt(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("math.isqrt", kw) < 0 || arg_check_count("math.isqrt", nargs, 1, 1) < 0) return VAL_ERROR;
    int64_t n;
    if (index_require(args[0], &n) < 0) return VAL_ERROR;
    if (n < 0) return exc_raise(exc_ValueError, "isqrt() argument must be nonnegative");
    int64_t r = (int64_t)sqrt((double)n);
    while ((__int128)r * r > n) r--;
    while ((__int128)(r + 1) * (r + 1) <= n) r++;
    return INT_VAL(r);
}

static int nonneg_int(Value v, const char *what, int64_t *out) {
    if (index_require(v, out) < 0) return -1;
    if (*out >= 0) return 0;
    exc_raise(exc_ValueError, "%s must be a non-negative integer", what);
    return -1;
}

static Value m_comb(int nargs, Value *args, const KwArgs *kw) {
    int64_t n, k;
    if (no_kw("comb", kw) < 0 || arg_check_count("comb", nargs, 2, 2) < 0 || nonneg_int(args[0], "n", &n) < 0 ||
        nonneg_int(args[1], "k", &k) < 0)
        return VAL_ERROR;
    if (k > n) return INT_VAL(0);
    if (k > n - k) k = n - k;
    unsigned __int128 r = 1;
    for (int64_t i = 0; i < k; i++) {
        r = r * (uint64_t)(n - i) / (uint64_t)(i + 1);   // exact: r is C(n, i+1)
        if (r > INT64_MAX) return int_overflow();
    }
    return INT_VAL((int64_t)r);
}

static Value m_perm(int nargs, Value *args, const KwArgs *kw) {
    int64_t n, k;
    if (no_kw("perm", kw) < 0 || arg_check_count("perm", nargs, 1, 2) < 0 || nonneg_int(args[0], "n", &n) < 0)
        return VAL_ERROR;
    k = n;
    if (nargs == 2 && !IS_NONE(args[1]) && nonneg_int(args[1], "k", &k) < 0) return VAL_ERROR;
    if (k > n) return INT_VAL(0);
    int64_t r = 1;
    for (int64_t i = 0; i < k; i++)
        if (__builtin_mul_overflow(r, n - i, &r)) return int_overflow();
    return INT_VAL(r);
}

// ------------------------------------------------------------ sums and norms

// fsum: Shewchuk's exact partial sums, rounded once at the end (half to
// even on the exact total), as CPython's math.fsum.
static Value m_fsum(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("math.fsum", kw) < 0 || arg_check_count("math.fsum", nargs, 1, 1) < 0) return VAL_ERROR;
    Value it = val_iter(args[0]);
    if (IS_ERR(it)) return it;
    size_t n = 0, cap = 32;
    double *p = malloc(cap * sizeof(double));
    double special = 0.0, inf_sum = 0.0;
    Value result = VAL_ERROR;
    if (!p) {
        val_decref(it);
        return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    }
    for (;;) {
        Value v = val_next(it);
        if (IS_UNDEF(v)) break;
        double x;
        int rc = IS_ERR(v) ? -1 : to_double(v, &x);
        val_decref(v);
        if (rc < 0) goto done;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        n = i;
        if (!isfinite(x)) {
            // an inf or nan input poisons the sum; an overflow from finite inputs is an error
            if (isfinite(xsave)) {
                exc_raise(exc_class_for_kind(ERR_OVERFLOW), "intermediate overflow in fsum");
                goto done;
            }
            if (isinf(xsave)) inf_sum += xsave;
            special += xsave;
            n = 0;
        } else {
            if (n == cap) {
                double *np = realloc(p, 2 * cap * sizeof(double));
                if (!np) {
                    exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
                    goto done;
                }
                p = np;
                cap *= 2;
            }
            p[n++] = x;
        }
    }
    if (special != 0.0) {
        if (isnan(inf_sum)) exc_raise(exc_ValueError, "-inf + inf in fsum");
        else result = FLOAT_VAL(special);
        goto done;
    }
    double hi = 0.0;
    if (n > 0) {
        double lo = 0.0;
        hi = p[--n];
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) break;
        }
        // Round half to even on the exact sum: the partial below decides a tie.
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi) hi = x;
        }
    }
    result = FLOAT_VAL(hi);
done:
    free(p);
    val_decref(it);
    return result;
}

// x*x as an exact double-length hi + lo (Dekker's product via Veltkamp split).
static void exact_square(double x, double *hi, double *lo) {
    double t = x * 134217729.0;   // 2**27 + 1
    double xh = t - (t - x), xl = x - xh;
    double p = xh * xh, q = 2.0 * xh * xl;
    *hi = p + q;
    *lo = p - *hi + q + xl * xl;
}

// Euclidean norm of [v] (finite values, max |v| = [max]), correctly rounded
// in nearly all cases: CPython 3.11's vector_norm (scale by a power of two
// so the squares are exact, accumulate with compensation, then one Newton
// correction of the square root).
static double vector_norm(int64_t n, double *v, double max, bool found_nan) {
    if (isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    int max_e;
    frexp(max, &max_e);
    if (max_e < -1023) {
        for (int64_t i = 0; i < n; i++) v[i] /= DBL_MIN;
        return DBL_MIN * vector_norm(n, v, max / DBL_MIN, found_nan);
    }
    double scale = ldexp(1.0, -max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0, hi, lo;
    for (int64_t i = 0; i < n; i++) {
        exact_square(v[i] * scale, &hi, &lo);
        double s = csum + hi;           // |csum| >= |hi|: Fast2Sum is exact
        frac2 += (csum - s) + hi;
        csum = s;
        frac1 += lo;
    }
    double h = sqrt(csum - 1.0 + (frac1 + frac2));
    exact_square(h, &hi, &lo);
    hi = -hi;
    lo = -lo;
    double s = csum + hi;
    frac2 += (csum - s) + hi;
    csum = s;
    frac1 += lo;
    double x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    return h / scale;
}

// Collects |values| of [vals] into a new array, tracking the max and NaNs.
static double *abs_values(int64_t n, const Value *vals, const Value *minus, double *max, bool *nan) {
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    if (!v) {
        exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
        return NULL;
    }
    *max = 0.0;
    *nan = false;
    for (int64_t i = 0; i < n; i++) {
        double x, y = 0.0;
        if (to_double(vals[i], &x) < 0 || (minus && to_double(minus[i], &y) < 0)) {
            free(v);
            return NULL;
        }
        x = fabs(x - y);
        v[i] = x;
        *nan |= isnan(x);
        if (x > *max) *max = x;
    }
    return v;
}

static Value m_hypot(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("hypot", kw) < 0) return VAL_ERROR;
    double max;
    bool nan;
    double *v = abs_values(nargs, args, NULL, &max, &nan);
    if (!v) return VAL_ERROR;
    double r = vector_norm(nargs, v, max, nan);
    free(v);
    return FLOAT_VAL(r);
}

static Value m_dist(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("dist", kw) < 0 || arg_check_count("dist", nargs, 2, 2) < 0) return VAL_ERROR;
    int64_t np, nq;
    Value *p = seq_items(args[0], &np), *q = seq_items(args[1], &nq);
    if (!p || !q) return exc_raise(exc_TypeError, "dist(): argument must be tuple or list");
    if (np != nq) return exc_raise(exc_ValueError, "both points must have the same number of dimensions");
    double max;
    bool nan;
    double *v = abs_values(np, p, q, &max, &nan);
    if (!v) return VAL_ERROR;
    double r = vector_norm(np, v, max, nan);
    free(v);
    return FLOAT_VAL(r);
}

static Value m_prod(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"start"};
    Value start = VAL_UNDEFINED;
    if (nargs != 1) return exc_raise(exc_TypeError, "prod() takes exactly 1 positional argument (%d given)", nargs);
    for (int k = 0; kw && k < kw->n; k++) {
        if (strcmp(kw->names[k]->data, names[0]) != 0)
            return exc_raise(exc_TypeError, "prod() got an unexpected keyword argument '%s'", kw->names[k]->data);
        start = kw->values[k];
    }
    Value it = val_iter(args[0]);
    if (IS_ERR(it)) return it;
    Value acc = IS_UNDEF(start) ? INT_VAL(1) : val_incref(start);
    for (;;) {
        Value x = val_next(it);
        if (IS_UNDEF(x)) break;
        Value r = IS_ERR(x) ? VAL_ERROR : val_binary(BIN_MUL, acc, x);
        val_decref(x);
        val_decref(acc);
        acc = r;
        if (IS_ERR(acc)) break;
    }
    val_decref(it);
    return acc;
}

// ------------------------------------------------------------ the module

static const NativeMethodDef math_functions[] = {
    {"sqrt", m_sqrt, "Return the square root of x."},
    {"exp", m_exp, "Return e raised to the power of x."},
    {"exp2", m_exp2, "Return 2 raised to the power of x."},
    {"expm1", m_expm1, "Return exp(x)-1.\n\nThis function avoids the loss of precision involved in the direct evaluation of exp(x)-1 for small x."},
    {"cbrt", m_cbrt, "Return the cube root of x."},
    {"log", m_log, "log(x, [base=math.e])\nReturn the logarithm of x to the given base.\n\n"
                   "If the base not specified, returns the natural logarithm (base e) of x."},
    {"log2", m_log2, "Return the base 2 logarithm of x."},
    {"log10", m_log10, "Return the base 10 logarithm of x."},
    {"log1p", m_log1p, "Return the natural logarithm of 1+x (base e).\n\nThe result is computed in a way which is accurate for x near zero."},
    {"pow", m_pow, "Return x**y (x to the power of y)."},
    {"sin", m_sin, "Return the sine of x (measured in radians)."},
    {"cos", m_cos, "Return the cosine of x (measured in radians)."},
    {"tan", m_tan, "Return the tangent of x (measured in radians)."},
    {"asin", m_asin, "Return the arc sine (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"acos", m_acos, "Return the arc cosine (measured in radians) of x.\n\nThe result is between 0 and pi."},
    {"atan", m_atan, "Return the arc tangent (measured in radians) of x.\n\nThe result is between -pi/2 and pi/2."},
    {"atan2", m_atan2, "Return the arc tangent (measured in radians) of y/x.\n\nUnlike atan(y/x), the signs of both x and y are considered."},
    {"sinh", m_sinh, "Return the hyperbolic sine of x."},
    {"cosh", m_cosh, "Return the hyperbolic cosine of x."},
    {"tanh", m_tanh, "Return the hyperbolic tangent of x."},
    {"asinh", m_asinh, "Return the inverse hyperbolic sine of x."},
    {"acosh", m_acosh, "Return the inverse hyperbolic cosine of x."},
    {"atanh", m_atanh, "Return the inverse hyperbolic tangent of x."},
    {"erf", m_erf, "Error function at x."},
    {"erfc", m_erfc, "Complementary error function at x."},
    {"gamma", m_gamma, "Gamma function at x."},
    {"lgamma", m_lgamma, "Natural logarithm of absolute value of Gamma function at x."},
    {"floor", m_floor, "Return the floor of x as an Integral.\n\nThis is the largest integer <= x."},
    {"ceil", m_ceil, "Return the ceiling of x as an Integral.\n\nThis is the smallest integer >= x."},
    {"trunc", m_trunc, "Truncates the Real x to the nearest Integral toward 0.\n\nUses the __trunc__ magic method."},
    {"fabs", m_fabs, "Return the absolute value of the float x."},
    {"fmod", m_fmod, "Return fmod(x, y), according to platform C.\n\nx % y may differ."},
    {"remainder", m_remainder, "Difference between x and the closest integer multiple of y.\n\n"
                               "Return x - n*y where n*y is the closest integer multiple of y."},
    {"copysign", m_copysign, "Return a float with the magnitude (absolute value) of x but the sign of y."},
    {"frexp", m_frexp, "Return the mantissa and exponent of x, as pair (m, e).\n\n"
                       "m is a float and e is an int, such that x = m * 2.**e."},
    {"ldexp", m_ldexp, "Return x * (2**i).\n\nThis is essentially the inverse of frexp()."},
    {"modf", m_modf, "Return the fractional and integer parts of x.\n\nBoth results carry the sign of x and are floats."},
    {"factorial", m_factorial, "Find n!.\n\nRaise a ValueError if x is negative or non-integral."},
    {"gcd", m_gcd, "Greatest Common Divisor."},
    {"lcm", m_lcm, "Least Common Multiple."},
    {"isqrt", m_isqrt, "Return the integer part of the square root of the input."},
    {"comb", m_comb, "Number of ways to choose k items from n items without repetition and without order."},
    {"perm", m_perm, "Number of ways to choose k items from n items without repetition and with order."},
    {"hypot", m_hypot, "hypot(*coordinates) -> value\n\nMultidimensional Euclidean distance from the origin to a point."},
    {"dist", m_dist, "Return the Euclidean distance between two points p and q."},
    {"degrees", m_degrees, "Convert angle x from radians to degrees."},
    {"radians", m_radians, "Convert angle x from degrees to radians."},
    {"isnan", m_isnan, "Return True if x is a NaN (not a number), and False otherwise."},
    {"isinf", m_isinf, "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isfinite", m_isfinite, "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"isclose", m_isclose, "Determine whether two floating point numbers are close in value."},
    {"fsum", m_fsum, "Return an accurate floating point sum of values in the iterable seq.\n\n"
                     "Assumes IEEE-754 floating point arithmetic."},
    {"prod", m_prod, "Calculate the product of all the elements in the input iterable.\n\n"
                     "The default start value for the product is 1."},
    {"ulp", m_ulp, "Return the value of the least significant bit of the float x."},
    {"nextafter", m_nextafter, "Return the next floating-point value after x towards y."},
    {NULL, NULL, NULL},
};

ObjModule *lib_math_init(void) {
    ObjModule *m = module_new("math");
    if (!m) return NULL;
    module_add_value(m, "__doc__", str_value("This module provides access to the mathematical functions\n"
                                             "defined by the C standard."));
    lib_module_add_functions(m, math_functions);
    module_add_value(m, "pi", FLOAT_VAL(M_PI));
    module_add_value(m, "e", FLOAT_VAL(M_E));
    module_add_value(m, "tau", FLOAT_VAL(2 * M_PI));
    module_add_value(m, "inf", FLOAT_VAL(INFINITY));
    module_add_value(m, "nan", FLOAT_VAL(NAN));
    return m;
}
