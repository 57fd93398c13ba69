// CPU kernels for the binary arithmetic ops of ops.def (add ... bitwise_xor)
// and the comparisons. Float formulas follow PyTorch's CPU kernels where the
// last bit matters (Python-style floor division and remainder, pow special
// exponents); integer arithmetic wraps like two's complement.
#include <tgmath.h>

#include "tensor/loops.h"

// ---- integer helpers: Python semantics, no UB on /0 or MIN/-1 (the
// wrappers reject a zero divisor before the loop runs) ----

static inline int64_t int_floordiv(int64_t x, int64_t y) {
    if (y == 0) return 0;
    if (y == -1) return (int64_t)(0 - (uint64_t)x);
    int64_t q = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) q--;
    return q;
}
static inline int64_t int_truncdiv(int64_t x, int64_t y) {
    if (y == 0) return 0;
    if (y == -1) return (int64_t)(0 - (uint64_t)x);
    return x / y;
}
static inline int64_t int_mod(int64_t x, int64_t y) {
    if (y == 0 || y == -1) return 0;
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return r;
}
// Integer power by squaring; negative exponents give 0 except for bases 1, -1.
static inline int64_t int_pow(int64_t b, int64_t e) {
    if (e < 0) return b == 1 ? 1 : b == -1 ? ((e & 1) ? -1 : 1) : 0;
    uint64_t r = 1, base = (uint64_t)b;
    while (e) {
        if (e & 1) r *= base;
        base *= base;
        e >>= 1;
    }
    return (int64_t)r;
}

// ---- float helpers (tgmath picks the float or double function) ----

#define DEF_FLOORDIV(T)                                                         \
    static inline T floordiv_##T(T a, T b) {                                    \
        if (b == 0) return a / b;                                               \
        T mod = fmod(a, b);                                                     \
        T div = (a - mod) / b;                                                  \
        if (mod != 0 && (b < 0) != (mod < 0)) div -= (T)1;                      \
        if (div == 0) return copysign((T)0, a / b);                             \
        T fl = floor(div);                                                      \
        if (div - fl > (T)0.5) fl += (T)1;                                      \
        return fl;                                                              \
    }                                                                           \
    static inline T remainder_##T(T a, T b) {                                   \
        T mod = fmod(a, b);                                                     \
        if (mod != 0 && (b < 0) != (mod < 0)) mod += b;                         \
        return mod;                                                             \
    }                                                                           \
    static inline T maximum_##T(T a, T b) { return a != a ? a : b != b ? b : a > b ? a : b; } \
    static inline T minimum_##T(T a, T b) { return a != a ? a : b != b ? b : a < b ? a : b; }
DEF_FLOORDIV(float)
DEF_FLOORDIV(double)
#define FLOORDIV(a, b) _Generic((a), float: floordiv_float, double: floordiv_double)(a, b)
#define REMAINDER(a, b) _Generic((a), float: remainder_float, double: remainder_double)(a, b)
#define MAXIMUM(a, b) _Generic((a), float: maximum_float, double: maximum_double)(a, b)
#define MINIMUM(a, b) _Generic((a), float: minimum_float, double: minimum_double)(a, b)

// ---- arithmetic ----

// Floats with alpha: PyTorch computes fma(b, alpha, a) (an explicit fmadd in
// its vector kernel), so alpha != 1 rounds once; alpha == 1 is the same as
// a plain a + b and keeps the vectorizable loop.
#define ALPHA const elem_t al = (elem_t)args->s[0]
FOR_INTS(BIN_SAME, add, ALPHA, WRAP_ADD(elem_t, x, WRAP_MUL(elem_t, al, y)))
FOR_FLOATS(BIN_SAME, add, ALPHA, fma(y, al, x))
FOR_BOOL(BIN_SAME, add, ALPHA, x || (al && y))
FOR_FLOATS(BIN_SAME, add1, , x + y)
FOR_INTS(BIN_SAME, sub, ALPHA, WRAP_SUB(elem_t, x, WRAP_MUL(elem_t, al, y)))
FOR_FLOATS(BIN_SAME, sub, ALPHA, fma(y, -al, x))
FOR_FLOATS(BIN_SAME, sub1, , x - y)
FOR_INTS(BIN_SAME, rsub, ALPHA, WRAP_SUB(elem_t, y, WRAP_MUL(elem_t, al, x)))
FOR_FLOATS(BIN_SAME, rsub, ALPHA, fma(x, -al, y))
FOR_FLOATS(BIN_SAME, rsub1, , y - x)
FOR_INTS(BIN_SAME, mul, , WRAP_MUL(elem_t, x, y))
FOR_FLOATS(BIN_SAME, mul, , x * y)
FOR_BOOL(BIN_SAME, mul, , x && y)
FOR_FLOATS(BIN_SAME, div, , x / y)
FOR_INTS(BIN_SAME, trunc_div, , int_truncdiv(x, y))
FOR_FLOATS(BIN_SAME, trunc_div, , trunc(x / y))
FOR_INTS(BIN_SAME, floor_div, , int_floordiv(x, y))
FOR_FLOATS(BIN_SAME, floor_div, , FLOORDIV(x, y))
FOR_INTS(BIN_SAME, remainder, , int_mod(x, y))
FOR_FLOATS(BIN_SAME, remainder, , REMAINDER(x, y))
FOR_INTS(BIN_SAME, pow, , int_pow(x, y))
FOR_FLOATS(BIN_SAME, pow, , pow(x, y))
FOR_FLOATS(BIN_SAME, atan2, , atan2(x, y))
FOR_INTS(BIN_SAME, maximum, , x > y ? x : y)
FOR_BOOL(BIN_SAME, maximum, , x || y)
FOR_FLOATS(BIN_SAME, maximum, , MAXIMUM(x, y))
FOR_INTS(BIN_SAME, minimum, , x < y ? x : y)
FOR_BOOL(BIN_SAME, minimum, , x && y)
FOR_FLOATS(BIN_SAME, minimum, , MINIMUM(x, y))
FOR_INTS(BIN_SAME, bitwise_and, , x & y)
FOR_BOOL(BIN_SAME, bitwise_and, , x && y)
FOR_INTS(BIN_SAME, bitwise_or, , x | y)
FOR_BOOL(BIN_SAME, bitwise_or, , x || y)
FOR_INTS(BIN_SAME, bitwise_xor, , x ^ y)
FOR_BOOL(BIN_SAME, bitwise_xor, , x != y)

#define TABLE_ALL(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { \
        FOR_BOOL(LOOP_ENTRY, NAME) FOR_INTS(LOOP_ENTRY, NAME) FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_NUM(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_INTS(LOOP_ENTRY, NAME) FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_FLOAT(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_INTBOOL(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_BOOL(LOOP_ENTRY, NAME) FOR_INTS(LOOP_ENTRY, NAME) };

TABLE_ALL(add)
TABLE_NUM(sub)
TABLE_NUM(rsub)
TABLE_FLOAT(add1)
TABLE_FLOAT(sub1)
TABLE_FLOAT(rsub1)
TABLE_ALL(mul)
TABLE_FLOAT(div)
TABLE_NUM(trunc_div)
TABLE_NUM(floor_div)
TABLE_NUM(remainder)
TABLE_NUM(pow)
TABLE_FLOAT(atan2)
TABLE_ALL(maximum)
TABLE_ALL(minimum)
TABLE_INTBOOL(bitwise_and)
TABLE_INTBOOL(bitwise_or)
TABLE_INTBOOL(bitwise_xor)

#define KERNEL2(NAME, TABLE)                                                       \
    int cpu_##NAME(Tensor *out, const Tensor *const *in, const OpArgs *args) {     \
        return loops_run(TABLE##_loops, out->dtype, #NAME, out, in, 2, args);      \
    }
// alpha == 1 on floats takes the plain, vectorizable loop (same result).
#define KERNEL_ALPHA(NAME)                                                         \
    int cpu_##NAME(Tensor *out, const Tensor *const *in, const OpArgs *args) {     \
        const IterLoop *t = args->s[0] == 1 && dtype_is_floating(out->dtype)       \
                          ? NAME##1_loops : NAME##_loops;                          \
        return loops_run(t, out->dtype, #NAME, out, in, 2, args);                  \
    }
KERNEL_ALPHA(add)
KERNEL_ALPHA(sub)
KERNEL_ALPHA(rsub)
KERNEL2(mul, mul)
KERNEL2(div, div)
KERNEL2(floor_divide, floor_div)
KERNEL2(remainder, remainder)
KERNEL2(pow, pow)
KERNEL2(atan2, atan2)
KERNEL2(maximum, maximum)
KERNEL2(minimum, minimum)
KERNEL2(bitwise_and, bitwise_and)
KERNEL2(bitwise_or, bitwise_or)
KERNEL2(bitwise_xor, bitwise_xor)

int cpu_div_mode(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    const IterLoop *t = args->mode == DIV_FLOOR ? floor_div_loops
                      : args->mode == DIV_TRUNC ? trunc_div_loops : div_loops;
    return loops_run(t, out->dtype, "div", out, in, 2, args);
}

// ---- comparisons and logical ops: inputs of one dtype, bool out ----

#define CMP(NAME, EXPR) \
    FOR_BOOL(BIN_BOOL, NAME, , EXPR) FOR_INTS(BIN_BOOL, NAME, , EXPR) FOR_FLOATS(BIN_BOOL, NAME, , EXPR) \
    TABLE_ALL(NAME)                                                                 \
    int cpu_##NAME(Tensor *out, const Tensor *const *in, const OpArgs *args) {      \
        return loops_run(NAME##_loops, in[0]->dtype, #NAME, out, in, 2, args);      \
    }
CMP(eq, x == y)
CMP(ne, x != y)
CMP(lt, x < y)
CMP(le, x <= y)
CMP(gt, x > y)
CMP(ge, x >= y)
CMP(logical_and, x != 0 && y != 0)
CMP(logical_or, x != 0 || y != 0)
CMP(logical_xor, (x != 0) != (y != 0))

// isclose: PyTorch's formula, evaluated in the input dtype for floats:
// equal, or both NaN with equal_nan, or a finite |x - y| <= atol + |rtol * y|.
#define ISCLOSE_PRE const elem_t rtol = (elem_t)args->s[0]; const elem_t atol = (elem_t)args->s[1]; \
                    const bool eqnan = args->flags & 1
#define ISCLOSE_F(x, y) \
    ((x) == (y) || (eqnan && (x) != (x) && (y) != (y)) || \
     (isfinite((x) - (y)) && fabs((x) - (y)) <= atol + fabs(rtol * (y))))
FOR_FLOATS(BIN_BOOL, isclose, ISCLOSE_PRE, ISCLOSE_F(x, y))
#define ISCLOSE_I_PRE const double rtol = args->s[0]; const double atol = args->s[1]
FOR_INTS(BIN_BOOL, isclose, ISCLOSE_I_PRE,
         x == y || fabs((double)x - (double)y) <= atol + fabs(rtol * (double)y))
FOR_BOOL(BIN_BOOL, isclose, ISCLOSE_I_PRE,
         x == y || fabs((double)x - (double)y) <= atol + fabs(rtol * (double)y))
TABLE_ALL(isclose)
int cpu_isclose(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return loops_run(isclose_loops, in[0]->dtype, "isclose", out, in, 2, args);
}
