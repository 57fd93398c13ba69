// Micro benchmark for reductions and linear algebra (not a test):
// torch.mm on 1024x1024 float32 through tensor_mm against cblas_sgemm
// called directly, and x.sum() on 2^24 float32 against a plain-C OpenMP
// read loop (STREAM-like: every byte read once, nothing written), plus the
// two dim reductions of a 4096x4096 matrix. Prints times and ratios.
// Build: gcc -O2 -fopenmp -D_GNU_SOURCE -Isrc bench/bench_linalg.c <lib objs> -lopenblas -lm
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <cblas.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tensor/linalg.h"
#include "tensor/reduce.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

// Best of [reps] timings: noise only ever adds time.
#define BEST(reps, best, body) do { \
    best = 1e30; \
    for (int r_ = 0; r_ < (reps); r_++) { double t0_ = now(); body; double t_ = now() - t0_; if (t_ < best) best = t_; } \
} while (0)

// Best of [reps] for two bodies timed alternately, so that a busy machine
// slows both alike and their ratio stays meaningful.
#define BEST2(reps, b1, body1, b2, body2) do { \
    b1 = b2 = 1e30; \
    for (int r_ = 0; r_ < (reps); r_++) { \
        double t0_ = now(); body1; double t_ = now() - t0_; if (t_ < b1) b1 = t_; \
        t0_ = now(); body2; t_ = now() - t0_; if (t_ < b2) b2 = t_; \
    } \
} while (0)

// The bandwidth yardstick: XOR of every 8-byte word, four chains per thread.
static uint64_t read_loop(const uint64_t *p, int64_t n) {
    uint64_t acc = 0;
    #pragma omp parallel reduction(^:acc)
    {
        uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        #pragma omp for schedule(static)
        for (int64_t i = 0; i < n / 4; i++) {
            a0 ^= p[4 * i]; a1 ^= p[4 * i + 1]; a2 ^= p[4 * i + 2]; a3 ^= p[4 * i + 3];
        }
        acc ^= a0 ^ a1 ^ a2 ^ a3;
    }
    return acc;
}

static Tensor *filled(int nd, const int64_t *shape) {
    Tensor *t = tensor_empty(nd, shape, DT_F32);
    float *p = tensor_data(t);
    for (int64_t i = 0; i < tensor_numel(t); i++) p[i] = (float)(i % 1000) * 0.001f - 0.5f;
    return t;
}

static void bench_mm(void) {
    const int64_t N = 1024, sh[2] = {N, N};
    Tensor *a = filled(2, sh), *b = filled(2, sh), *c = tensor_empty(2, sh, DT_F32);
    double t_api, t_blas;
    for (int w = 0; w < 3; w++) tensor_release(tensor_mm(a, b));         // warm threads, caches
    BEST2(30, t_api, tensor_release(tensor_mm(a, b)),
          t_blas, cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)N, (int)N, (int)N,
                              1.0f, tensor_data(a), (int)N, tensor_data(b), (int)N, 0.0f,
                              tensor_data(c), (int)N));
    double flop = 2.0 * (double)N * N * N;
    printf("mm 1024x1024 f32:   tl %.3f ms (%.0f GFLOP/s)   cblas_sgemm %.3f ms (%.0f GFLOP/s)   tl/cblas %.0f%%\n",
           t_api * 1e3, flop / t_api * 1e-9, t_blas * 1e3, flop / t_blas * 1e-9, 100 * t_blas / t_api);
    Tensor *at = tensor_empty(2, sh, DT_F32);      // a transposed view goes to BLAS as Trans
    Tensor *atv = tensor_new_view(at, 2, sh, (int64_t[]){1, N}, 0);
    double t_tr;
    BEST(20, t_tr, tensor_release(tensor_mm(atv, b)));
    printf("mm a.t() @ b:       tl %.3f ms (%.0f GFLOP/s)\n", t_tr * 1e3, flop / t_tr * 1e-9);
    tensor_release(a); tensor_release(b); tensor_release(c); tensor_release(at); tensor_release(atv);
}

static void bench_sum(void) {
    const int64_t n = (int64_t)1 << 24;
    Tensor *x = filled(1, &n);
    double t_sum, t_read;
    volatile uint64_t sink = 0;
    for (int w = 0; w < 3; w++) tensor_release(tensor_sum(x, NULL, 0, false, REDUCE_NO_DTYPE));
    BEST2(100, t_sum, tensor_release(tensor_sum(x, NULL, 0, false, REDUCE_NO_DTYPE)),
          t_read, sink ^= read_loop(tensor_data(x), n / 2));
    double bytes = 4.0 * (double)n;
    printf("sum 2^24 f32:       tl %.3f ms (%.1f GB/s)   read loop %.3f ms (%.1f GB/s)   tl/read %.0f%%\n",
           t_sum * 1e3, bytes / t_sum * 1e-9, t_read * 1e3, bytes / t_read * 1e-9, 100 * t_read / t_sum);
    (void)sink;
    // The same bytes as a 4096x4096 matrix reduced over each dim.
    const int64_t sh[2] = {4096, 4096}, d0 = 0, d1 = 1;
    Tensor *m = tensor_new_view(x, 2, sh, (int64_t[]){4096, 1}, 0);
    double t0, t1;
    BEST(50, t0, tensor_release(tensor_sum(m, &d0, 1, false, REDUCE_NO_DTYPE)));
    BEST(50, t1, tensor_release(tensor_sum(m, &d1, 1, false, REDUCE_NO_DTYPE)));
    printf("sum(0) 4096x4096:   tl %.3f ms (%.1f GB/s)\n", t0 * 1e3, bytes / t0 * 1e-9);
    printf("sum(1) 4096x4096:   tl %.3f ms (%.1f GB/s)\n", t1 * 1e3, bytes / t1 * 1e-9);
    tensor_release(m);
    tensor_release(x);
}

int main(void) {
    bench_mm();
    bench_sum();
    return 0;
}
