// The op registry: OpCode and per-op facts expanded from tensor/ops.def,
// the scalar-parameter block OpArgs, and the CPU kernel table. One kernel
// signature for every op keeps dispatch and op-walking tests generic.
#ifndef TL_TENSOR_OPS_H
#define TL_TENSOR_OPS_H

#include "tensor/tensor.h"

typedef enum {
#define OP(E, name, nin, kind, grad_fn) OP_##E,
#include "tensor/ops.def"
#undef OP
    OP__COUNT
} OpCode;

typedef enum {
    OPK_UNARY, OPK_BINARY, OPK_TERNARY, OPK_PRED, OPK_COMPARE,
    OPK_REDUCE, OPK_MATMUL, OPK_INDEX, OPK_KERNEL, OPK_VIEW, OPK_SHAPE
} OpKind;

enum { DIV_TRUE = 0, DIV_TRUNC = 1, DIV_FLOOR = 2 };    // OpArgs.mode for OP_DIV_MODE

// Scalar parameters of an op (ggml's op_params). Each row of ops.def says
// which fields it reads; unused fields are ignored. Zero-initialise.
typedef struct OpArgs {
    double s[4];                      // alpha, min/max, fill value, exponent, rtol/atol, ...
    int64_t i[4];                     // decimals, diagonal, ...
    int flags;                        // op-specific bits
    int mode;                         // rounding mode, reduction mode, ...
    int64_t dims[TENSOR_MAX_DIMS];    // reduction / flip dims
    int ndims;
    bool keepdim;
    DType dtype;                      // requested dtype where an op takes dtype=
    bool has_dtype;
} OpArgs;

typedef int (*OpKernel)(Tensor *out, const Tensor *const *in, const OpArgs *args);

typedef struct {
    const char *name;       // "add"
    const char *grad_fn;    // "AddBackward0"
    int nin;                // inputs (-1: a list)
    OpKind kind;
} OpInfo;

extern const OpInfo op_info[OP__COUNT];
// CPU kernels by op; NULL for VIEW and SHAPE rows (plain functions do those).
extern const OpKernel cpu_kernels[OP__COUNT];

// Declarations of every cpu_<name> that ops.def promises: a row without its
// function is a link error.
#define OPS_KERNEL_UNARY(name)   int cpu_##name(Tensor *out, const Tensor *const *in, const OpArgs *args);
#define OPS_KERNEL_BINARY   OPS_KERNEL_UNARY
#define OPS_KERNEL_TERNARY  OPS_KERNEL_UNARY
#define OPS_KERNEL_PRED     OPS_KERNEL_UNARY
#define OPS_KERNEL_COMPARE  OPS_KERNEL_UNARY
#define OPS_KERNEL_REDUCE   OPS_KERNEL_UNARY
#define OPS_KERNEL_MATMUL   OPS_KERNEL_UNARY
#define OPS_KERNEL_INDEX    OPS_KERNEL_UNARY
#define OPS_KERNEL_KERNEL   OPS_KERNEL_UNARY
#define OPS_KERNEL_VIEW(name)
#define OPS_KERNEL_SHAPE(name)
#define OP(E, name, nin, kind, grad_fn) OPS_KERNEL_##kind(name)
#include "tensor/ops.def"
#undef OP

// Runs op [op]'s CPU kernel; -1 with a pending error on failure.
static inline int op_run(OpCode op, Tensor *out, const Tensor *const *in, const OpArgs *args) {
    return cpu_kernels[op](out, in, args);
}

#endif
