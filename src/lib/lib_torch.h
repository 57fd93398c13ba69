// Entry points of the torch modules for the native module table
// (lib/modules.c). Each returns a new reference to its module, built once.
#ifndef TL_LIB_LIB_TORCH_H
#define TL_LIB_LIB_TORCH_H

#include "vm/object.h"

ObjModule *lib_torch_init(void);
ObjModule *lib_torch_cuda_init(void);
ObjModule *lib_torch_linalg_init(void);
ObjModule *lib_torch_return_types_init(void);
ObjModule *lib_torch_autograd_init(void);      // tensor_autograd.c

#endif
