// The language side of autograd (tensor_autograd.c): grad_fn objects (one
// type per node name, so type(y.grad_fn).__name__ is "AddBackward0"), the
// Tensor methods backward/register_hook/retain_grad, the grad-mode context
// managers (no_grad, enable_grad, set_grad_enabled, inference_mode) and the
// torch.autograd module. Op recording itself happens in tensor_ops.c.
#ifndef TL_LIB_TENSOR_AUTOGRAD_H
#define TL_LIB_TENSOR_AUTOGRAD_H

#include "tensor/tensor.h"
#include "vm/object.h"

// t.grad_fn: the node object (cached per node), or None for leaves. New reference.
Value lib_ag_grad_fn(const Tensor *t);
// The class name of [t]'s grad_fn ("AddBackward0") or NULL for leaves.
const char *lib_ag_grad_fn_name(const Tensor *t);

extern const NativeMethodDef lib_tensor_methods_autograd[];

// Adds no_grad, enable_grad, set_grad_enabled, inference_mode and
// is_grad_enabled to the torch module [m].
void lib_torch_add_grad_mode(ObjModule *m);
// The torch.autograd module (cached): Variable, backward, grad, gradcheck,
// the grad-mode classes.
ObjModule *lib_torch_autograd_init(void);

#endif
