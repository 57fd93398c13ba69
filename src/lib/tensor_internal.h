// Private to the Tensor bindings (tensor_*.c, torch_*.c): the method and
// function tables each file contributes, the self-argument check shared by
// methods and their torch.* function forms, and the indexing slots.
#ifndef TL_LIB_TENSOR_INTERNAL_H
#define TL_LIB_TENSOR_INTERNAL_H

#include "lib/lib_tensor.h"
#include "lib/tensor_ops.h"

// args[0] as the tensor a method or function works on ([fname] names it in
// PyTorch's "sum(): argument 'input' (position 1) must be Tensor, not int").
int lib_self(int nargs, const Value *args, const char *fname, Tensor **out);
#define SELF(fname)                                               \
    Tensor *self;                                                 \
    if (lib_self(nargs, args, fname, &self) < 0) return VAL_ERROR

// A method that takes no arguments beyond self.
int lib_no_args(const char *fname, int nargs, const KwArgs *kw);

// Returns args[0] itself (new reference) after an in-place method: `x.add_(1) is x`.
static inline Value lib_ret_self(int rc, const Value *args) {
    return rc < 0 ? VAL_ERROR : val_incref(args[0]);
}

// Sets requires_grad with PyTorch's checks; [how] picks the message wording:
// 0 the attribute, 1 requires_grad_(), 2 a factory's requires_grad=.
int lib_tensor_set_requires_grad(Tensor *t, bool on, int how);

// tensor_index.c: x[key] and x[key] = v.
Value lib_tensor_getitem(Value self, Value key);
int lib_tensor_setitem(Value self, Value key, Value v);

// torch_create.c: torch.Tensor(...) and the legacy typed constructors.
Value lib_tensor_legacy_new(TypeObj *type, int nargs, Value *args, const KwArgs *kw);
// The arguments of a factory taking a size (zeros(2, 3, dtype=...)):
// sizes as varargs or one sequence (or size=), plus keyword options.
typedef struct {
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    int dtype;                                   // -1: not given
    Value out, device, requires_grad, generator;  // borrowed; VAL_UNDEF when absent
} FactoryArgs;
int lib_factory_args(const char *fname, int nargs, Value *args, const KwArgs *kw, FactoryArgs *fa);
// The factory's result [t] (stolen): copied into out= or wrapped with
// device= and requires_grad= applied.
Value lib_factory_return(Tensor *t, const FactoryArgs *fa);

// Finishes a factory call: checks device= (a CUDA device raises PyTorch's
// AssertionError) and applies requires_grad=; steals [t] (NULL passes the
// pending error on). Either Value may be VAL_UNDEF.
Value lib_factory_finish(Tensor *t, Value device, Value requires_grad);
// torch.FloatTensor & co. as dtype sources for x.type(torch.LongTensor).
int lib_legacy_type_dtype(Value v, DType *out);
// "torch.FloatTensor" for x.type().
const char *lib_legacy_type_name(DType dt);

// Method tables (Tensor methods), each NULL-terminated.
extern const NativeMethodDef lib_tensor_methods_basic[];    // tensor_methods.c
extern const NativeMethodDef lib_tensor_methods_shape[];    // tensor_shape.c
extern const NativeMethodDef lib_tensor_methods_math[];     // tensor_math.c
extern const NativeMethodDef lib_tensor_methods_reduce[];   // tensor_reduce.c
extern const NativeMethodDef lib_tensor_methods_random[];   // torch_random.c
extern const NativeGetSetDef lib_tensor_getset[];           // tensor_attrs.c

// torch.* function tables, each NULL-terminated.
extern const NativeMethodDef lib_torch_fns_create[];        // torch_create.c
extern const NativeMethodDef lib_torch_fns_shape[];         // tensor_shape.c
extern const NativeMethodDef lib_torch_fns_math[];          // tensor_math.c
extern const NativeMethodDef lib_torch_fns_reduce[];        // tensor_reduce.c
extern const NativeMethodDef lib_torch_fns_random[];        // torch_random.c
extern const NativeMethodDef lib_torch_fns_misc[];          // tensor_methods.c

// Start-up of the torch types (called by lib_torch_init).
void lib_tensor_type_init(void);
void lib_torch_types_init(void);     // dtype, device, Size, return_types, Generator
ObjModule *lib_torch_linalg_module(void);
ObjModule *lib_torch_return_types_module(void);
void lib_torch_add_dtypes(ObjModule *m);
void lib_torch_add_legacy_types(ObjModule *m);
void lib_torch_random_init(ObjModule *m);     // Generator type, default_generator

#endif
