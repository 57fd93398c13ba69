// Tables expanded from tensor/ops.def: op facts and the CPU kernel table.
#include "tensor/ops.h"

const OpInfo op_info[OP__COUNT] = {
#define OP(E, nm, n, k, gf) [OP_##E] = {.name = #nm, .grad_fn = #gf, .nin = n, .kind = OPK_##k},
#include "tensor/ops.def"
#undef OP
};

#define KERNEL_OF_UNARY(name)   cpu_##name
#define KERNEL_OF_BINARY(name)  cpu_##name
#define KERNEL_OF_TERNARY(name) cpu_##name
#define KERNEL_OF_PRED(name)    cpu_##name
#define KERNEL_OF_COMPARE(name) cpu_##name
#define KERNEL_OF_REDUCE(name)  cpu_##name
#define KERNEL_OF_MATMUL(name)  cpu_##name
#define KERNEL_OF_INDEX(name)   cpu_##name
#define KERNEL_OF_KERNEL(name)  cpu_##name
#define KERNEL_OF_VIEW(name)    NULL
#define KERNEL_OF_SHAPE(name)   NULL

const OpKernel cpu_kernels[OP__COUNT] = {
#define OP(E, name, nin, kind, gf) [OP_##E] = KERNEL_OF_##kind(name),
#include "tensor/ops.def"
#undef OP
};
