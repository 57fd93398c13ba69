#include "tensor/blas.h"

#include <dlfcn.h>

static struct {
    int state;   // 0 not tried, 1 loaded, -1 unavailable
    void (*sgemm)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE, int, int, int, float,
                  const float *, int, const float *, int, float, float *, int);
    void (*dgemm)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE, int, int, int, double,
                  const double *, int, const double *, int, double, double *, int);
    void (*sgemv)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, int, int, float, const float *, int, const float *,
                  int, float, float *, int);
    void (*dgemv)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, int, int, double, const double *, int,
                  const double *, int, double, double *, int);
    float (*sdot)(int, const float *, int, const float *, int);
    double (*ddot)(int, const double *, int, const double *, int);
} blas;

bool blas_available(void) {
    if (blas.state) return blas.state > 0;
    blas.state = -1;
    // The OpenMP build shares libgomp with our kernels; the pthread build's
    // spinning pool slows interleaved OpenMP kernels and sgemm several-fold.
    void *h = dlopen("/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libblas.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!h) return false;
    blas.sgemm = dlsym(h, "cblas_sgemm");
    blas.dgemm = dlsym(h, "cblas_dgemm");
    blas.sgemv = dlsym(h, "cblas_sgemv");
    blas.dgemv = dlsym(h, "cblas_dgemv");
    blas.sdot = dlsym(h, "cblas_sdot");
    blas.ddot = dlsym(h, "cblas_ddot");
    if (blas.sgemm && blas.dgemm && blas.sgemv && blas.dgemv && blas.sdot && blas.ddot) blas.state = 1;
    return blas.state > 0;
}

void blas_sgemm(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    blas.sgemm(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void blas_dgemm(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                double alpha, const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc) {
    blas.dgemm(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void blas_sgemv(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE t, int m, int n, float alpha, const float *a, int lda,
                const float *x, int incx, float beta, float *y, int incy) {
    blas.sgemv(o, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void blas_dgemv(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE t, int m, int n, double alpha, const double *a, int lda,
                const double *x, int incx, double beta, double *y, int incy) {
    blas.dgemv(o, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

float blas_sdot(int n, const float *x, int incx, const float *y, int incy) { return blas.sdot(n, x, incx, y, incy); }
double blas_ddot(int n, const double *x, int incx, const double *y, int incy) { return blas.ddot(n, x, incx, y, incy); }
