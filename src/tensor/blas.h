// OpenBLAS, loaded with dlopen on the first matrix product: linking it
// directly costs every `tl -c pass` the library's load and thread-pool
// start-up (tens of ms). The wrappers have cblas's signatures; call
// blas_available() first and fall back to plain loops when it is false.
#ifndef TL_TENSOR_BLAS_H
#define TL_TENSOR_BLAS_H

#include <stdbool.h>

#include <cblas.h>   // enums and prototypes only; nothing is linked

bool blas_available(void);
void blas_sgemm(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);
void blas_dgemm(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                double alpha, const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);
void blas_sgemv(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE t, int m, int n, float alpha, const float *a, int lda,
                const float *x, int incx, float beta, float *y, int incy);
void blas_dgemv(enum CBLAS_ORDER o, enum CBLAS_TRANSPOSE t, int m, int n, double alpha, const double *a, int lda,
                const double *x, int incx, double beta, double *y, int incy);
float blas_sdot(int n, const float *x, int incx, const float *y, int incy);
double blas_ddot(int n, const double *x, int incx, const double *y, int incy);

#endif
