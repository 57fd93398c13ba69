// torch.nn, torch.nn.functional, torch.nn.init and torch.optim: the module
// entry points for the native module table (lib/modules.c), the
// nn.Parameter type, and the native function tables that the torch module
// and the Tensor type also take in (torch.softmax, x.log_softmax(1) ...).
// The composition layers (Module, Linear, Sequential, SGD ...) are written
// in tl (src/lib/nn*.tl, optim.tl) and embedded (lib/tl_embed.h).
#ifndef TL_LIB_TORCH_NN_H
#define TL_LIB_TORCH_NN_H

#include "vm/object.h"

// Each returns a new reference to its module, built once, or NULL with the
// error pending.
ObjModule *lib_torch_nn_init(void);
ObjModule *lib_torch_nn_functional_init(void);
ObjModule *lib_torch_nn_init_init(void);        // torch.nn.init
ObjModule *lib_torch_optim_init(void);

// torch's module __getattr__: imports torch.nn / torch.optim on first use
// of torch.nn / torch.optim; other names raise AttributeError.
Value lib_torch_lazy_getattr(int nargs, Value *args, const KwArgs *kw);

// nn.Parameter: a Tensor subtype; a tensor with is_param set is wrapped as one.
extern TypeObj type_parameter;

// torch_nn_functional.c: the natives of torch.nn.functional (before its tl
// half runs), the torch.* functions and the Tensor methods (NULL-terminated).
extern const NativeMethodDef lib_nn_functional_natives[];
extern const NativeMethodDef lib_nn_torch_fns[];
extern const NativeMethodDef lib_nn_tensor_methods[];

#endif
