// Placeholder modules: importable, every attribute raises NotImplementedError.
#ifndef TL_LIB_MOD_UNSUPPORTED_H
#define TL_LIB_MOD_UNSUPPORTED_H

#include "vm/object.h"

ObjModule *lib_numpy_init(void);
ObjModule *lib_torch_nn_init(void);
ObjModule *lib_torch_optim_init(void);

#endif
