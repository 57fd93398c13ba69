// Internal to the kernel files: macros that stamp out one plain loop per
// compute dtype over a single run of the strided walk (tensor/iter.h), and
// tables of those loops indexed by DType. A loop's body is an expression in
// x (and y, z) of the element type elem_t; PRE declares per-call constants from
// args (separate declarations, no top-level commas). The all-contiguous and
// scalar-broadcast cases get their own loops so gcc vectorizes them.
#ifndef TL_TENSOR_LOOPS_H
#define TL_TENSOR_LOOPS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "tensor/iter.h"
#include "tensor/ops.h"

// `omp simd` makes gcc vectorize at -O2 (its cost model for simd loops is
// "unlimited") and asserts no loop-carried dependence (out may equal an input).
// Without -fopenmp, ivdep still drops the aliasing assumption, but gcc -O2
// then vectorizes little: build the kernels with -fopenmp (or -fopenmp-simd).
#ifdef _OPENMP
#define SIMD _Pragma("omp simd")
#else
#define SIMD _Pragma("GCC ivdep")
#endif

// Compute dtypes: float16/bfloat16 are computed in float32.
#define FOR_INTS(M, ...) \
    M(U8, uint8_t, __VA_ARGS__) M(I8, int8_t, __VA_ARGS__) M(I16, int16_t, __VA_ARGS__) \
    M(I32, int32_t, __VA_ARGS__) M(I64, int64_t, __VA_ARGS__)
#define FOR_FLOATS(M, ...) M(F32, float, __VA_ARGS__) M(F64, double, __VA_ARGS__)
#define FOR_BOOL(M, ...) M(BOOL, bool, __VA_ARGS__)

// out = EXPR(x, y); inputs T, output R.
#define DEF_BINARY_LOOP(NAME, E, T, R, PRE, EXPR)                                   \
    static void NAME##_##E(char **p, const int64_t *s, int64_t n, const OpArgs *args) { \
        R *o = (R *)p[0];                                                           \
        const T *a = (const T *)p[1], *b = (const T *)p[2];                         \
        typedef T elem_t __attribute__((unused));                                   \
        (void)args;                                                                 \
        PRE;                                                                        \
        if (s[0] == 1 && s[1] == 1 && s[2] == 1) {                                  \
            SIMD for (int64_t i = 0; i < n; i++) { T x = a[i], y = b[i]; o[i] = (R)(EXPR); } \
        } else if (s[0] == 1 && s[1] == 1 && s[2] == 0) {                           \
            const T y = b[0];                                                       \
            SIMD for (int64_t i = 0; i < n; i++) { T x = a[i]; o[i] = (R)(EXPR); }  \
        } else if (s[0] == 1 && s[1] == 0 && s[2] == 1) {                           \
            const T x = a[0];                                                       \
            SIMD for (int64_t i = 0; i < n; i++) { T y = b[i]; o[i] = (R)(EXPR); }  \
        } else {                                                                    \
            for (int64_t i = 0; i < n; i++) {                                       \
                T x = a[i * s[1]], y = b[i * s[2]];                                 \
                o[i * s[0]] = (R)(EXPR);                                            \
            }                                                                       \
        }                                                                           \
    }

// out = EXPR(x); input T, output R.
#define DEF_UNARY_LOOP(NAME, E, T, R, PRE, EXPR)                                    \
    static void NAME##_##E(char **p, const int64_t *s, int64_t n, const OpArgs *args) { \
        R *o = (R *)p[0];                                                           \
        const T *a = (const T *)p[1];                                               \
        typedef T elem_t __attribute__((unused));                                   \
        (void)args;                                                                 \
        PRE;                                                                        \
        if (s[0] == 1 && s[1] == 1) {                                               \
            SIMD for (int64_t i = 0; i < n; i++) { T x = a[i]; o[i] = (R)(EXPR); }  \
        } else {                                                                    \
            for (int64_t i = 0; i < n; i++) { T x = a[i * s[1]]; o[i * s[0]] = (R)(EXPR); } \
        }                                                                           \
    }

// out = EXPR(x, y, z); x of type T0, y and z of type T, output R.
#define DEF_TERNARY_LOOP(NAME, E, T0, T, R, PRE, EXPR)                              \
    static void NAME##_##E(char **p, const int64_t *s, int64_t n, const OpArgs *args) { \
        R *o = (R *)p[0];                                                           \
        const T0 *a = (const T0 *)p[1];                                             \
        const T *b = (const T *)p[2], *c = (const T *)p[3];                         \
        typedef T elem_t __attribute__((unused));                                   \
        (void)args;                                                                 \
        PRE;                                                                        \
        if (s[0] == 1 && s[1] == 1 && s[2] == 1 && s[3] == 1) {                     \
            SIMD for (int64_t i = 0; i < n; i++) {                                  \
                T0 x = a[i]; T y = b[i], z = c[i]; o[i] = (R)(EXPR);                \
            }                                                                       \
        } else {                                                                    \
            for (int64_t i = 0; i < n; i++) {                                       \
                T0 x = a[i * s[1]]; T y = b[i * s[2]], z = c[i * s[3]];             \
                o[i * s[0]] = (R)(EXPR);                                            \
            }                                                                       \
        }                                                                           \
    }

// Adapters so FOR_* can stamp a loop with out type = in type, or bool out.
#define BIN_SAME(E, T, NAME, PRE, EXPR)   DEF_BINARY_LOOP(NAME, E, T, T, PRE, EXPR)
#define BIN_BOOL(E, T, NAME, PRE, EXPR)   DEF_BINARY_LOOP(NAME, E, T, bool, PRE, EXPR)
#define UN_SAME(E, T, NAME, PRE, EXPR)    DEF_UNARY_LOOP(NAME, E, T, T, PRE, EXPR)
#define UN_BOOL(E, T, NAME, PRE, EXPR)    DEF_UNARY_LOOP(NAME, E, T, bool, PRE, EXPR)
#define TER_SAME(E, T, NAME, PRE, EXPR)   DEF_TERNARY_LOOP(NAME, E, T, T, T, PRE, EXPR)
#define TER_COND(E, T, NAME, PRE, EXPR)   DEF_TERNARY_LOOP(NAME, E, bool, T, T, PRE, EXPR)

#define LOOP_ENTRY(E, T, NAME) [DT_##E] = NAME##_##E,

// Runs the loop for [out]'s (or, for predicates, the first input's) dtype
// over out and [nin] inputs; -1 if the table has no loop for it (a bug in
// the caller's dtype checks, reported rather than crashed on).
int loops_run(const IterLoop *table, DType dt, const char *name, Tensor *out,
              const Tensor *const *in, int nin, const OpArgs *args);

// Wrapping integer arithmetic (no signed-overflow UB, two's complement
// results as PyTorch gives).
#define WRAP_ADD(T, x, y) ((T)((uint64_t)(x) + (uint64_t)(y)))
#define WRAP_SUB(T, x, y) ((T)((uint64_t)(x) - (uint64_t)(y)))
#define WRAP_MUL(T, x, y) ((T)((uint64_t)(x) * (uint64_t)(y)))

#endif
