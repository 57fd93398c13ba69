// The numpy module's public face for the rest of lib/: the ndarray type,
// wrapping a Tensor as an ndarray, and the torch <-> numpy bridge
// (torch.from_numpy, Tensor.numpy()), which shares the Storage both ways.
#ifndef TL_LIB_LIB_NUMPY_H
#define TL_LIB_LIB_NUMPY_H

#include "tensor/tensor.h"
#include "vm/object.h"

extern TypeObj type_ndarray;

// True for a numpy.ndarray (numpy scalars are not ndarrays).
bool lib_is_ndarray(Value v);
// The Tensor inside an ndarray or a numpy scalar such as np.float32(1.5)
// (borrowed; 0-d for a scalar), or NULL when [v] is neither.
Tensor *lib_ndarray_tensor_or_null(Value v);
// Wraps [t] (stolen) as an ndarray; NULL gives VAL_ERROR.
Value lib_ndarray_wrap(Tensor *t);

// `import numpy` (new reference, built once).
ObjModule *lib_numpy_init(void);
ObjModule *lib_numpy_random_init(void);

// torch.from_numpy (torch module table) and Tensor.numpy() (Tensor
// methods), each a NULL-terminated table for torch_module.c / tensor_type.c.
extern const NativeMethodDef lib_torch_fns_numpy[];
extern const NativeMethodDef lib_tensor_methods_numpy[];

#endif
