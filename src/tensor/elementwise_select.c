// CPU kernels that pick or blend between inputs: where, masked_fill,
// clamp with tensor bounds, and lerp (PyTorch's two-sided formula, exact
// at both ends).
#include <string.h>
#include <tgmath.h>

#include "tensor/loops.h"

#define TABLE_ALL(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { \
        FOR_BOOL(LOOP_ENTRY, NAME) FOR_INTS(LOOP_ENTRY, NAME) FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_NUM(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_INTS(LOOP_ENTRY, NAME) FOR_FLOATS(LOOP_ENTRY, NAME) };
#define TABLE_FLOAT(NAME) \
    static const IterLoop NAME##_loops[DT__COUNT] = { FOR_FLOATS(LOOP_ENTRY, NAME) };

// where(cond, a, b): in[0] bool.
FOR_BOOL(TER_COND, where, , x ? y : z)
FOR_INTS(TER_COND, where, , x ? y : z)
FOR_FLOATS(TER_COND, where, , x ? y : z)
TABLE_ALL(where)
int cpu_where(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return loops_run(where_loops, out->dtype, "where", out, in, 3, args);
}

// masked_fill(x, mask): in[0] = x, in[1] = bool mask, value in the loop's
// dtype as bits in i[0] (set by the wrapper through cpu_fill's rule).
#define DEF_MASKED(E, T, NAME)                                                     \
    static void NAME##_##E(char **p, const int64_t *s, int64_t n, const OpArgs *args) { \
        T *o = (T *)p[0];                                                          \
        const T *a = (const T *)p[1];                                              \
        const bool *m = (const bool *)p[2];                                        \
        T v;                                                                       \
        memcpy(&v, &args->i[0], sizeof v);                                         \
        for (int64_t i = 0; i < n; i++) o[i * s[0]] = m[i * s[2]] ? v : a[i * s[1]]; \
    }
FOR_BOOL(DEF_MASKED, masked_fill)
FOR_INTS(DEF_MASKED, masked_fill)
FOR_FLOATS(DEF_MASKED, masked_fill)
TABLE_ALL(masked_fill)
int cpu_masked_fill(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    OpArgs a = *args;
    char bits[8] = {0};
    tensor_write(bits, out->dtype, args->s[0]);
    memcpy(&a.i[0], bits, 8);
    return loops_run(masked_fill_loops, out->dtype, "masked_fill", out, in, 2, &a);
}

// clamp(x, min=tensor, max=tensor): std::min(std::max(x, lo), hi), as PyTorch.
#define MAX_STD(a, b) ((a) < (b) ? (b) : (a))
#define MIN_STD(a, b) ((b) < (a) ? (b) : (a))
FOR_INTS(TER_SAME, clamp_both, , MIN_STD(MAX_STD(x, y), z))
FOR_FLOATS(TER_SAME, clamp_both, , x != x ? x : MIN_STD(MAX_STD(x, y), z))
TABLE_NUM(clamp_both)
FOR_INTS(BIN_SAME, clamp_lo, , MAX_STD(x, y))
FOR_FLOATS(BIN_SAME, clamp_lo, , x != x ? x : MAX_STD(x, y))
TABLE_NUM(clamp_lo)
FOR_INTS(BIN_SAME, clamp_hi, , MIN_STD(x, y))
FOR_FLOATS(BIN_SAME, clamp_hi, , x != x ? x : MIN_STD(x, y))
TABLE_NUM(clamp_hi)

// in[1] = min or NULL, in[2] = max or NULL (not both NULL).
int cpu_clamp_tensor(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    if (in[1] && in[2]) return loops_run(clamp_both_loops, out->dtype, "clamp", out, in, 3, args);
    const Tensor *two[2] = {in[0], in[1] ? in[1] : in[2]};
    return loops_run(in[1] ? clamp_lo_loops : clamp_hi_loops, out->dtype, "clamp", out, two, 2, args);
}

// lerp(start, end, weight) = start + w*(end-start) for |w| < 0.5, else
// end + (w-1)*(end-start): exact at w = 0 and w = 1. One rounding (fma), as
// PyTorch's vector kernel computes it.
#define LERP(x, y, w) (fabs(w) < (elem_t)0.5 ? fma((w), (y) - (x), (x)) \
                                            : fma((w) - (elem_t)1, (y) - (x), (y)))
FOR_FLOATS(TER_SAME, lerp, , LERP(x, y, z))
TABLE_FLOAT(lerp)
int cpu_lerp(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return loops_run(lerp_loops, out->dtype, "lerp", out, in, 3, args);
}
FOR_FLOATS(BIN_SAME, lerp_scalar, const elem_t w = (elem_t)args->s[0], LERP(x, y, w))
TABLE_FLOAT(lerp_scalar)
int cpu_lerp_scalar(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return loops_run(lerp_scalar_loops, out->dtype, "lerp", out, in, 2, args);
}
