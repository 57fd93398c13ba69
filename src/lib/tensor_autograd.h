// The bindings' bridge to autograd: tensor_ops.c reports every op it ran
// here, and the Tensor type asks here for grad_fn names. This file is the one
// place that knows src/autograd's API.
#ifndef TL_LIB_TENSOR_AUTOGRAD_H
#define TL_LIB_TENSOR_AUTOGRAD_H

#include "tensor/ops.h"
#include "vm/object.h"

// True when some input needs a graph node (grad mode on and an input
// requires grad). Cheap: tensor_ops.c calls it after every op.
bool lib_ag_wanted(int nin, const Tensor *const *in);

// [out] = op(in...) just ran with parameters [args]. Attaches a graph node
// when lib_ag_wanted. Returns [out], or NULL (releasing out) with an error.
Tensor *lib_ag_record(OpCode op, Tensor *out, int nin, const Tensor *const *in, const OpArgs *args);
// The same for ops with several differentiable outputs (unbind, split,
// max(dim) values + indices, sort ...): outs[0..nout). 0 / -1.
int lib_ag_record_multi(OpCode op, Tensor **outs, int nout, int nin, const Tensor *const *in,
                        const OpArgs *args);
// [self] was just modified in place by op(self, in...). 0 / -1.
int lib_ag_record_inplace(OpCode op, Tensor *self, int nin, const Tensor *const *in,
                          const OpArgs *args);
// Checks made before an in-place op on [self] (leaf requiring grad). 0 / -1.
int lib_ag_check_inplace(const Tensor *self);

// The class name of [t]'s grad_fn ("AddBackward0") or NULL for leaves.
const char *lib_ag_grad_fn_name(const Tensor *t);

// t.grad_fn: the node object, or None for leaves. New reference.
Value lib_ag_grad_fn(const Tensor *t);

// Whether gradients are being recorded (torch.is_grad_enabled()).
bool lib_ag_grad_enabled(void);

#endif
