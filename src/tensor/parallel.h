// TL_PARALLEL_FOR(par, i, n, body): runs `for (int64_t i = 0; i < n; i++) body`
// on OpenMP threads when [par] is true and serially otherwise. libgomp
// enters the runtime, with a futex system call, for every parallel region
// even under if(false) or one thread: that alone costs more than a whole
// op on a 3x3 tensor, so small work must never reach the pragma.
#ifndef TL_TENSOR_PARALLEL_H
#define TL_TENSOR_PARALLEL_H

#include <stdint.h>

#ifdef _OPENMP
#define TL_PARALLEL_FOR(PAR, I, N, ...)                        \
    do {                                                        \
        if (PAR) {                                              \
            _Pragma("omp parallel for schedule(static)")        \
            for (int64_t I = 0; I < (N); I++) __VA_ARGS__       \
        } else {                                                \
            for (int64_t I = 0; I < (N); I++) __VA_ARGS__       \
        }                                                       \
    } while (0)
#else
#define TL_PARALLEL_FOR(PAR, I, N, ...) \
    do { for (int64_t I = 0; I < (N); I++) __VA_ARGS__ } while (0)
#endif

#endif
