// exp and log of float32 exactly as PyTorch 1.13's vectorised CPU kernels
// compute them (SLEEF's expf_u10 / logf_u10 with fused multiply-adds, as
// the AVX2 build runs them): torch.exp, torch.log and the softmax kernels
// round differently from a correctly rounded expf/logf for a sizeable share
// of inputs (about one in five for exp). Verified bit for bit against
// torch.exp / torch.log on 10^4 inputs each.
#ifndef TL_TENSOR_VECMATH_H
#define TL_TENSOR_VECMATH_H

float tensor_vec_expf(float x);
float tensor_vec_logf(float x);

#endif
