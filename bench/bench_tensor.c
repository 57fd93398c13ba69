// Micro benchmark for the tensor core (not a test): a*b and a+b on 2^24
// float32 against a plain-C STREAM-like triad, large-allocation reuse, and
// the per-op overhead of tiny tensors. Prints GB/s and ns/op.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/shape.h"
#include "tensor/storage.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

// Best of [reps] timings: memory bandwidth numbers are noisy upwards only.
#define BEST(reps, best, body) do { \
    best = 1e30; \
    for (int r_ = 0; r_ < (reps); r_++) { double t0_ = now(); body; double t_ = now() - t0_; if (t_ < best) best = t_; } \
} while (0)

static double min_of(const double *v, int n) {
    double m = v[0];
    for (int i = 1; i < n; i++) if (v[i] < m) m = v[i];
    return m;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_of(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static void triad(float *a, const float *b, const float *c, float s, long n) {
    #pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}

int main(void) {
    const int64_t n = (int64_t)1 << 24;
    const double bytes3 = 3.0 * 4.0 * (double)n;
    Tensor *a = tensor_full(1, &n, tensor_scalar_float(1.5), DT_F32);
    Tensor *b = tensor_full(1, &n, tensor_scalar_float(2.5), DT_F32);
    if (!a || !b) { fprintf(stderr, "%s\n", tl_error_message()); return 1; }

    // The reference arrays get the same 2 MiB alignment and huge pages as
    // tensor storages, so the comparison measures the kernels, not the TLB.
    size_t nb = (size_t)n * 4;
    float *ta = aligned_alloc(2 << 20, nb), *tb = aligned_alloc(2 << 20, nb), *tc = aligned_alloc(2 << 20, nb);
    madvise(ta, nb, MADV_HUGEPAGE), madvise(tb, nb, MADV_HUGEPAGE), madvise(tc, nb, MADV_HUGEPAGE);
    triad(ta, ta, ta, 0, n);         // first touch, in parallel like the kernels
    triad(tb, tb, tb, 0, n);
    triad(tc, tc, tc, 0, n);
    memset(ta, 0, (size_t)n * 4), memset(tb, 0, (size_t)n * 4), memset(tc, 0, (size_t)n * 4);
    // Rounds interleave the reference and the kernels so that load from
    // other processes hits all three alike; best times and the median of the
    // per-round ratios are reported.
    enum { ROUNDS = 25 };
    double tt[ROUNDS], tm[ROUNDS], tadd[ROUNDS], rm[ROUNDS], ra[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = now();
        triad(ta, tb, tc, 3.0f, n);
        tt[r] = now() - t0;
        t0 = now();
        Tensor *c = tensor_mul(a, b);
        tm[r] = now() - t0;
        tensor_release(c);
        t0 = now();
        c = tensor_add(a, b);
        tadd[r] = now() - t0;
        tensor_release(c);
        rm[r] = tt[r] / tm[r];
        ra[r] = tt[r] / tadd[r];
    }
    double triad_bw = bytes3 / min_of(tt, ROUNDS) / 1e9;
    printf("triad (plain C, OpenMP)   %7.2f GB/s\n", triad_bw);
    printf("a*b   (2^24 float32)      %7.2f GB/s  (median per-round ratio to triad %3.0f%%)\n",
           bytes3 / min_of(tm, ROUNDS) / 1e9, 100 * median_of(rm, ROUNDS));
    printf("a+b   (2^24 float32)      %7.2f GB/s  (median per-round ratio to triad %3.0f%%)\n",
           bytes3 / min_of(tadd, ROUNDS) / 1e9, 100 * median_of(ra, ROUNDS));
    double t;
    BEST(20, t, tensor_add_(a, b));
    printf("a+=b  (in place)          %7.2f GB/s\n", bytes3 / t / 1e9);
    BEST(10, t, { Tensor *c = tensor_exp(a); tensor_release(c); });
    printf("exp(a)                    %7.2f GB/s  %6.2f ms\n", 8.0 * (double)n / t / 1e9, t * 1e3);

    // Allocation loop: 10000x10000 float32 (400 MB) created and filled.
    int64_t big[2] = {10000, 10000};
    BEST(5, t, { Tensor *x = tensor_full(2, big, tensor_scalar_float(1), DT_F32); tensor_release(x); });
    printf("full(10000x10000) reuse   %7.2f ms  (%5.2f GB/s)\n", t * 1e3, 4e8 / t / 1e9);
    storage_cache_trim();
    double t0 = now();
    Tensor *x = tensor_full(2, big, tensor_scalar_float(1), DT_F32);
    double cold = now() - t0;
    tensor_release(x);
    printf("full(10000x10000) cold    %7.2f ms  (%5.2f GB/s)\n", cold * 1e3, 4e8 / cold / 1e9);

    // Tiny tensors: per-op overhead.
    int64_t s33[2] = {3, 3}, nine = 9;
    Tensor *p = tensor_ones(2, s33, DT_F32), *q = tensor_ones(2, s33, DT_F32);
    const int iters = 1000000;
    t0 = now();
    for (int i = 0; i < iters; i++) { Tensor *c = tensor_add(p, q); tensor_release(c); }
    printf("3x3 x + y                 %7.1f ns/op\n", (now() - t0) / iters * 1e9);
    t0 = now();
    for (int i = 0; i < iters; i++) { Tensor *c = tensor_view(p, 1, &nine); tensor_release(c); }
    printf("3x3 x.view(9)             %7.1f ns/op\n", (now() - t0) / iters * 1e9);
    t0 = now();
    for (int i = 0; i < iters; i++) { Tensor *c = tensor_binary_scalar(OP_MUL, p, tensor_scalar_int(2), NULL); tensor_release(c); }
    printf("3x3 x * 2                 %7.1f ns/op\n", (now() - t0) / iters * 1e9);

    tensor_release(p), tensor_release(q), tensor_release(a), tensor_release(b);
    free(ta), free(tb), free(tc);
    return 0;
}
