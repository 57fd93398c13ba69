// CPU kernels for the unary ops of ops.def: math functions (float32 uses the
// float functions, as PyTorch does; tgmath picks them), rounding, clamp,
// pow by a scalar, nan_to_num, and the predicates isnan/isinf/isfinite/
// logical_not. Integer inputs reach the float-only ops already converted.
#include <float.h>
#include <tgmath.h>

#include "tensor/loops.h"

#define TABLE_ALL(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { \
        FOR_BOOL(LOOP_ENTRY, NAME) FOR_INTS(LOOP_ENTRY, NAME) FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_NUM(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_INTS(LOOP_ENTRY, NAME) FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_FLOAT(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_INTBOOL(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_BOOL(LOOP_ENTRY, NAME) FOR_INTS(LOOP_ENTRY, NAME) };

// Kernel over out's dtype (PRED_KERNEL: over the input's dtype, bool out).
#define KERNEL1(NAME)                                                              \
    int cpu_##NAME(Tensor *out, const Tensor *const *in, const OpArgs *args) {     \
        return loops_run(NAME##_loops, out->dtype, #NAME, out, in, 1, args);       \
    }
#define PRED_KERNEL(NAME)                                                          \
    int cpu_##NAME(Tensor *out, const Tensor *const *in, const OpArgs *args) {     \
        return loops_run(NAME##_loops, in[0]->dtype, #NAME, out, in, 1, args);     \
    }

// A function, not `x < 0`, so uint8 stamps raise no always-false warning.
static inline bool is_negative(int64_t v) { return v < 0; }

// Float-only math: y = f(x).
#define FLOAT_FN(NAME, EXPR) FOR_FLOATS(UN_SAME, NAME, , EXPR) TABLE_FLOAT(NAME) KERNEL1(NAME)
FLOAT_FN(exp, exp(x))
FLOAT_FN(log, log(x))
FLOAT_FN(log2, log2(x))
FLOAT_FN(log10, log10(x))
FLOAT_FN(log1p, log1p(x))
FLOAT_FN(expm1, expm1(x))
FLOAT_FN(sqrt, sqrt(x))
FLOAT_FN(rsqrt, (elem_t)1 / sqrt(x))
FLOAT_FN(sin, sin(x))
FLOAT_FN(cos, cos(x))
FLOAT_FN(tan, tan(x))
FLOAT_FN(tanh, tanh(x))
FLOAT_FN(sigmoid, (elem_t)1 / ((elem_t)1 + exp(-x)))
FLOAT_FN(erf, erf(x))
FLOAT_FN(frac, x - trunc(x))
FLOAT_FN(reciprocal, (elem_t)1 / x)

// Rounding: identity on integers.
#define ROUND_FN(NAME, EXPR) \
    FOR_FLOATS(UN_SAME, NAME, , EXPR) FOR_INTS(UN_SAME, NAME, , x) TABLE_NUM(NAME) KERNEL1(NAME)
ROUND_FN(floor, floor(x))
ROUND_FN(ceil, ceil(x))
ROUND_FN(round, nearbyint(x))      // half to even, under the default rounding mode
ROUND_FN(trunc, trunc(x))

// round(decimals=d): PyTorch scales by 10^|d| in the input's float type.
#define ROUND_DEC_PRE const bool neg_d = args->i[0] < 0; \
    const elem_t tenp = (elem_t)pow(10.0, (double)(neg_d ? -args->i[0] : args->i[0]))
FOR_FLOATS(UN_SAME, round_decimals, ROUND_DEC_PRE,
           neg_d ? nearbyint(x / tenp) * tenp : nearbyint(x * tenp) / tenp)
TABLE_FLOAT(round_decimals)
KERNEL1(round_decimals)

FOR_INTS(UN_SAME, neg, , WRAP_SUB(elem_t, 0, x))
FOR_FLOATS(UN_SAME, neg, , -x)
TABLE_NUM(neg)
KERNEL1(neg)

FOR_INTS(UN_SAME, abs, , is_negative(x) ? WRAP_SUB(elem_t, 0, x) : x)
FOR_FLOATS(UN_SAME, abs, , fabs(x))
TABLE_NUM(abs)
KERNEL1(abs)

// relu is clamp_min(x, 0) in PyTorch: NaN stays NaN.
FOR_INTS(UN_SAME, relu, , x > 0 ? x : 0)
FOR_FLOATS(UN_SAME, relu, , x != x ? x : x > 0 ? x : 0)
TABLE_NUM(relu)
KERNEL1(relu)

FOR_INTS(UN_SAME, sign, , (elem_t)((0 < x) - (is_negative(x))))
FOR_FLOATS(UN_SAME, sign, , (elem_t)((0 < x) - (x < 0)))
FOR_BOOL(UN_SAME, sign, , x)
TABLE_ALL(sign)
KERNEL1(sign)

FOR_INTS(UN_SAME, square, , WRAP_MUL(elem_t, x, x))
FOR_FLOATS(UN_SAME, square, , x * x)
TABLE_NUM(square)
KERNEL1(square)

FOR_INTS(UN_SAME, bitwise_not, , ~x)
FOR_BOOL(UN_SAME, bitwise_not, , !x)
TABLE_INTBOOL(bitwise_not)
KERNEL1(bitwise_not)

// ---- clamp by scalars: flags bit 0 = has min (s[0]), bit 1 = has max (s[1]).
// std::min(std::max(x, lo), hi) as PyTorch writes it: NaN x stays NaN and
// lo > hi gives hi.
#define CLAMP_PRE const elem_t lo = (elem_t)args->s[0]; const elem_t hi = (elem_t)args->s[1]; \
    const int fl = args->flags
#define CLAMP_EXPR(x) (fl == 3 ? ((hi < ((x) < lo ? lo : (x))) ? hi : ((x) < lo ? lo : (x))) \
                      : fl == 1 ? ((x) < lo ? lo : (x)) : fl == 2 ? (hi < (x) ? hi : (x)) : (x))
FOR_INTS(UN_SAME, clamp, CLAMP_PRE, CLAMP_EXPR(x))
FOR_FLOATS(UN_SAME, clamp, CLAMP_PRE, CLAMP_EXPR(x))
TABLE_NUM(clamp)
KERNEL1(clamp)

// ---- nan_to_num: s[0] replaces NaN, s[1]/s[2] replace +-inf when flags
// bits 1/2 say they were given, else the dtype's largest/lowest finite value.
#define NAN_TO_NUM_PRE const elem_t nanv = (elem_t)args->s[0];                       \
    const elem_t big = sizeof(elem_t) == 4 ? (elem_t)FLT_MAX : (elem_t)DBL_MAX;      \
    const elem_t posv = (args->flags & 2) ? (elem_t)args->s[1] : big;                \
    const elem_t negv = (args->flags & 4) ? (elem_t)args->s[2] : -big
FOR_FLOATS(UN_SAME, nan_to_num, NAN_TO_NUM_PRE,
           x != x ? nanv : x == (elem_t)INFINITY ? posv : x == -(elem_t)INFINITY ? negv : x)
FOR_INTS(UN_SAME, nan_to_num, , x)
FOR_BOOL(UN_SAME, nan_to_num, , x)
TABLE_ALL(nan_to_num)
KERNEL1(nan_to_num)

// ---- tensor ** scalar (s[0]). Floats: PyTorch's special cases for common
// exponents (they round differently from pow). Integers: exponent in i[0].
static inline int64_t ipow(int64_t b, int64_t e) {
    if (e < 0) return b == 1 ? 1 : b == -1 ? ((e & 1) ? -1 : 1) : 0;
    uint64_t r = 1, base = (uint64_t)b;
    while (e) {
        if (e & 1) r *= base;
        base *= base;
        e >>= 1;
    }
    return (int64_t)r;
}
#define POWS_PRE const elem_t ex = (elem_t)args->s[0]; const double exd = args->s[0]
#define POWS_EXPR(x) (exd == 2 ? (x) * (x) : exd == 3 ? (x) * (x) * (x)              \
    : exd == 0.5 ? sqrt(x) : exd == -0.5 ? (elem_t)1 / sqrt(x)                        \
    : exd == -1 ? (elem_t)1 / (x) : exd == -2 ? (elem_t)1 / ((x) * (x)) : pow((x), ex))
FOR_FLOATS(UN_SAME, pow_scalar, POWS_PRE, POWS_EXPR(x))
FOR_INTS(UN_SAME, pow_scalar, const int64_t ei = args->i[0], ipow(x, ei))
TABLE_NUM(pow_scalar)
KERNEL1(pow_scalar)

// ---- predicates: any dtype in, bool out ----
FOR_FLOATS(UN_BOOL, isnan, , x != x)
FOR_INTS(UN_BOOL, isnan, , ((void)x, false))
FOR_BOOL(UN_BOOL, isnan, , ((void)x, false))
TABLE_ALL(isnan)
PRED_KERNEL(isnan)
FOR_FLOATS(UN_BOOL, isinf, , isinf(x))
FOR_INTS(UN_BOOL, isinf, , ((void)x, false))
FOR_BOOL(UN_BOOL, isinf, , ((void)x, false))
TABLE_ALL(isinf)
PRED_KERNEL(isinf)
FOR_FLOATS(UN_BOOL, isfinite, , isfinite(x))
FOR_INTS(UN_BOOL, isfinite, , ((void)x, true))
FOR_BOOL(UN_BOOL, isfinite, , ((void)x, true))
TABLE_ALL(isfinite)
PRED_KERNEL(isfinite)
FOR_FLOATS(UN_BOOL, logical_not, , x == 0)
FOR_INTS(UN_BOOL, logical_not, , x == 0)
FOR_BOOL(UN_BOOL, logical_not, , !x)
TABLE_ALL(logical_not)
PRED_KERNEL(logical_not)
