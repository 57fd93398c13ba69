// Elementwise math with broadcasting and PyTorch's type promotion. Three
// forms per op: out-of-place (new reference, or NULL with a pending error),
// in place on the first operand (`_`, returns 0 / -1, bumps the version
// counter), and `_out` into a caller's tensor. [args] may be NULL for the
// defaults (alpha 1, rtol 1e-5, atol 1e-8). Which OpArgs fields an op reads
// is listed beside its row in tensor/ops.def.
#ifndef TL_TENSOR_ELEMENTWISE_H
#define TL_TENSOR_ELEMENTWISE_H

#include "tensor/ops.h"

// ---- generic entry points (op kinds UNARY, PRED, BINARY, COMPARE) ----
Tensor *tensor_unary(OpCode op, const Tensor *a, const OpArgs *args);
int tensor_unary_(OpCode op, Tensor *a, const OpArgs *args);
int tensor_unary_out(OpCode op, Tensor *out, const Tensor *a, const OpArgs *args);

Tensor *tensor_binary(OpCode op, const Tensor *a, const Tensor *b, const OpArgs *args);
int tensor_binary_(OpCode op, Tensor *a, const Tensor *b, const OpArgs *args);
int tensor_binary_out(OpCode op, Tensor *out, const Tensor *a, const Tensor *b, const OpArgs *args);

// [a] op [s] and [s] op [a] with a Python scalar (PyTorch's wrapped number:
// it only decides the dtype when of a higher category than the tensor).
Tensor *tensor_binary_scalar(OpCode op, const Tensor *a, TensorScalar s, const OpArgs *args);
Tensor *tensor_rbinary_scalar(OpCode op, TensorScalar s, const Tensor *a, const OpArgs *args);
int tensor_binary_scalar_(OpCode op, Tensor *a, TensorScalar s, const OpArgs *args);

// ---- ops with their own argument shapes ----
// a ** e with a Python-scalar exponent (integer tensors reject e < 0).
Tensor *tensor_pow_scalar(const Tensor *a, TensorScalar e);
int tensor_pow_scalar_(Tensor *a, TensorScalar e);
// clamp/clip: [lo]/[hi] may be NULL (not both: PyTorch's error).
Tensor *tensor_clamp(const Tensor *a, const TensorScalar *lo, const TensorScalar *hi);
int tensor_clamp_(Tensor *a, const TensorScalar *lo, const TensorScalar *hi);
Tensor *tensor_clamp_tensor(const Tensor *a, const Tensor *lo, const Tensor *hi);
// round(decimals=d); d == 0 is plain round.
Tensor *tensor_round_decimals(const Tensor *a, int64_t decimals);
// nan_to_num: [posinf]/[neginf] NULL = the dtype's largest/lowest value.
Tensor *tensor_nan_to_num(const Tensor *a, double nan, const double *posinf, const double *neginf);
// where(cond, a, b): cond bool; a, b promoted together.
Tensor *tensor_where(const Tensor *cond, const Tensor *a, const Tensor *b);
// masked_fill(mask, value): mask bool, broadcast to a.
Tensor *tensor_masked_fill(const Tensor *a, const Tensor *mask, TensorScalar value);
int tensor_masked_fill_(Tensor *a, const Tensor *mask, TensorScalar value);
// lerp(start, end, weight) with a tensor or scalar weight.
Tensor *tensor_lerp(const Tensor *start, const Tensor *end, const Tensor *weight);
Tensor *tensor_lerp_scalar(const Tensor *start, const Tensor *end, double weight);
// div with rounding_mode: DIV_TRUE, DIV_TRUNC or DIV_FLOOR.
Tensor *tensor_div_mode(const Tensor *a, const Tensor *b, int mode);
// isclose / allclose / equal (equal: same shape and same values).
Tensor *tensor_isclose(const Tensor *a, const Tensor *b, double rtol, double atol, bool equal_nan);
int tensor_allclose(const Tensor *a, const Tensor *b, double rtol, double atol, bool equal_nan);  // 1/0/-1
int tensor_equal(const Tensor *a, const Tensor *b);    // 1/0/-1
// True when every element of [t] is nonzero (a helper for allclose).
bool tensor_all_nonzero(const Tensor *t);

// ---- thin wrappers ----
static inline Tensor *tensor_add(const Tensor *a, const Tensor *b) { return tensor_binary(OP_ADD, a, b, NULL); }
static inline Tensor *tensor_sub(const Tensor *a, const Tensor *b) { return tensor_binary(OP_SUB, a, b, NULL); }
static inline Tensor *tensor_mul(const Tensor *a, const Tensor *b) { return tensor_binary(OP_MUL, a, b, NULL); }
static inline Tensor *tensor_div(const Tensor *a, const Tensor *b) { return tensor_binary(OP_DIV, a, b, NULL); }
static inline Tensor *tensor_pow(const Tensor *a, const Tensor *b) { return tensor_binary(OP_POW, a, b, NULL); }
static inline Tensor *tensor_maximum(const Tensor *a, const Tensor *b) { return tensor_binary(OP_MAXIMUM, a, b, NULL); }
static inline Tensor *tensor_minimum(const Tensor *a, const Tensor *b) { return tensor_binary(OP_MINIMUM, a, b, NULL); }
static inline Tensor *tensor_eq(const Tensor *a, const Tensor *b) { return tensor_binary(OP_EQ, a, b, NULL); }
static inline Tensor *tensor_gt(const Tensor *a, const Tensor *b) { return tensor_binary(OP_GT, a, b, NULL); }
static inline Tensor *tensor_lt(const Tensor *a, const Tensor *b) { return tensor_binary(OP_LT, a, b, NULL); }
static inline Tensor *tensor_neg(const Tensor *a) { return tensor_unary(OP_NEG, a, NULL); }
static inline Tensor *tensor_exp(const Tensor *a) { return tensor_unary(OP_EXP, a, NULL); }
static inline Tensor *tensor_log(const Tensor *a) { return tensor_unary(OP_LOG, a, NULL); }
static inline Tensor *tensor_sqrt(const Tensor *a) { return tensor_unary(OP_SQRT, a, NULL); }
static inline Tensor *tensor_tanh(const Tensor *a) { return tensor_unary(OP_TANH, a, NULL); }
static inline Tensor *tensor_sigmoid(const Tensor *a) { return tensor_unary(OP_SIGMOID, a, NULL); }
static inline Tensor *tensor_relu(const Tensor *a) { return tensor_unary(OP_RELU, a, NULL); }
static inline Tensor *tensor_abs(const Tensor *a) { return tensor_unary(OP_ABS, a, NULL); }
static inline Tensor *tensor_sign(const Tensor *a) { return tensor_unary(OP_SIGN, a, NULL); }
static inline Tensor *tensor_square(const Tensor *a) { return tensor_unary(OP_SQUARE, a, NULL); }
static inline Tensor *tensor_reciprocal(const Tensor *a) { return tensor_unary(OP_RECIPROCAL, a, NULL); }
static inline Tensor *tensor_add_scalar(const Tensor *a, double s) {
    return tensor_binary_scalar(OP_ADD, a, tensor_scalar_float(s), NULL);
}
static inline Tensor *tensor_mul_scalar(const Tensor *a, double s) {
    return tensor_binary_scalar(OP_MUL, a, tensor_scalar_float(s), NULL);
}
static inline int tensor_add_(Tensor *a, const Tensor *b) { return tensor_binary_(OP_ADD, a, b, NULL); }

// PyTorch's C++ name of a dtype as kernel errors print it ("Float", "Long").
const char *dtype_cpp_name(DType dt);

#endif
