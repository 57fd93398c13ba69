// The language side of tensors: the torch.Tensor type wrapping a Tensor*,
// the small torch types around it (dtype, device, Size, Generator, the
// return_types tuples) and the argument helpers every binding shares (also
// the nn/optim bindings). Ownership follows STYLE.md: borrowed in, new
// reference out; lib_tensor_wrap steals its Tensor.
#ifndef TL_LIB_LIB_TENSOR_H
#define TL_LIB_LIB_TENSOR_H

#include "tensor/rng.h"
#include "tensor/tensor.h"
#include "vm/object.h"

// ---------------------------------------------------------------- Tensor

typedef struct {
    Obj base;
    ObjDict *dict;   // attributes a script sets on a tensor; NULL until then
    Tensor *t;       // one reference
} ObjTensor;

extern TypeObj type_tensor;
// nn.Parameter's type, installed by the nn bindings: tensors with is_param
// set are wrapped as instances of it. NULL until then.
extern TypeObj *lib_parameter_type;

static inline bool lib_is_tensor(Value v) {
    return IS_OBJ(v) && (v.as.o->type == &type_tensor || type_is_subtype(v.as.o->type, &type_tensor)) &&
           ((const ObjTensor *)v.as.o)->t;
}
// The Tensor inside [v] (borrowed); [v] must be a tensor.
static inline Tensor *lib_tensor(Value v) { return ((ObjTensor *)v.as.o)->t; }
// For slots and attributes: the Tensor of [v], or NULL with a TypeError when
// [v] is an instance of a Python subclass of Tensor that was never given one.
Tensor *lib_tensor_checked(Value v);
#define TENSOR_OR_FAIL(var, v, fail)          \
    Tensor *var = lib_tensor(v);              \
    if (!var && !(var = lib_tensor_checked(v))) return fail

// The Tensor inside [v] or NULL when [v] is not a tensor (no error set).
static inline Tensor *lib_tensor_or_null(Value v) { return lib_is_tensor(v) ? lib_tensor(v) : NULL; }

// Wraps [t] (stolen) in a new tensor object; NULL gives VAL_ERROR, so
// `return lib_tensor_wrap(tensor_add(a, b));` passes errors through.
Value lib_tensor_wrap(Tensor *t);
// Wraps [t] (stolen) in an object of [type] (a subtype of Tensor).
Value lib_tensor_wrap_as(TypeObj *type, Tensor *t);

// repr(t) as PyTorch prints it, with the grad_fn / requires_grad /
// Parameter parts filled in. New str or VAL_ERROR.
Value lib_tensor_repr(const Tensor *t);

// ---------------------------------------------------------------- dtype, device

extern TypeObj type_dtype, type_device, type_size, type_torch_generator, type_finfo, type_iinfo;

// torch.float32 and friends: a new reference to the dtype object.
Value lib_dtype_value(DType dt);
bool lib_is_dtype(Value v);
DType lib_dtype_of(Value v);          // [v] must be a dtype object
// A dtype argument: a dtype object, or the Python types float/int/bool
// (torch.float64/int64/bool, as PyTorch accepts them). 1 = converted,
// 0 = None or not given (*out untouched), -1 = TypeError raised.
int lib_arg_dtype(Value v, const char *fname, DType *out);

// A device argument (torch.device, "cpu", "cuda:0", an int ordinal).
// 0 with *out set, -1 with an error. cuda devices parse; using them is the
// caller's business (lib_check_device).
int lib_arg_device(Value v, Device *out);
// Raises PyTorch's "Torch not compiled with CUDA enabled" (AssertionError)
// for a CUDA device on this CPU-only build; 0 for the CPU.
int lib_check_device(Device d);
Value lib_device_value(Device d);

// ---------------------------------------------------------------- Size

// torch.Size([...]): a tuple subclass of Python ints.
Value lib_size_new(int ndim, const int64_t *shape);

// ---------------------------------------------------------------- return_types

typedef enum {
    RT_MAX, RT_MIN, RT_SORT, RT_TOPK, RT_KTHVALUE, RT_MEDIAN, RT_MODE, RT_AMINMAX,
    RT_CUMMAX, RT_CUMMIN, RT_NANMEDIAN, RT__COUNT
} ReturnTypeKind;
// A torch.return_types.<kind>(values=[a], indices=[b]); steals a and b.
Value lib_return_pair(ReturnTypeKind kind, Tensor *a, Tensor *b);

// ---------------------------------------------------------------- arguments

// True when [v] is a list or tuple (or a subclass such as torch.Size), with
// its items (borrowed; NULL possible when empty) and length.
static inline bool lib_seq(Value v, Value **items, int64_t *len) {
    if (!IS_OBJ(v)) return false;
    TypeObj *t = v.as.o->type;
    if (t != &type_list && t != &type_tuple && !type_is_subtype(t, &type_tuple) &&
        !type_is_subtype(t, &type_list))
        return false;
    *items = seq_items(v, len);
    return true;
}
static inline bool lib_is_seq(Value v) {
    Value *items;
    int64_t len;
    return lib_seq(v, &items, &len);
}

// Binds arguments like arg_bind (out[i] borrowed, VAL_UNDEF when absent),
// also accepting PyTorch's numpy-style aliases axis= (dim) and keepdims=
// (keepdim). [names] must be an array (its size is taken).
int lib_bind(const char *fname, int nargs, const Value *args, const KwArgs *kw,
             const char *const *names, int nnames, int npos_max, Value *out);
#define LIB_BIND(fname, nargs, args, kw, names, npos, out) \
    lib_bind(fname, nargs, args, kw, names, (int)(sizeof(names) / sizeof(names[0])), npos, out)

// A Python scalar (bool, int, float) or a 0-d... no: only Python numbers.
// 1 = *out set, 0 = not a Python number (no error).
int lib_scalar(Value v, TensorScalar *out);
// A Python number or a one-element tensor as a scalar (clamp(min=t) etc.).
int lib_scalar_or_item(Value v, TensorScalar *out);

// A tensor argument: *out is borrowed. Raises PyTorch's
// "add(): argument 'other' (position 2) must be Tensor, not int".
int lib_arg_tensor(Value v, const char *fname, const char *argname, int pos, Tensor **out);

// The operand of a binary op: a tensor (borrowed into *t) or a Python
// scalar (*s); returns 1 for a tensor, 0 for a scalar, -1 (TypeError) else.
int lib_arg_operand(Value v, const char *fname, const char *argname, int pos, Tensor **t,
                    TensorScalar *s);

// A size given as varargs ints (zeros(2, 3)) or one sequence (zeros((2, 3)),
// zeros(torch.Size)). args[0..nargs) are the candidates. 0 / -1.
int lib_arg_shape(const char *fname, int nargs, const Value *args, int *ndim, int64_t *shape);
// One sequence (list/tuple/Size) or int as a list of ints; [what] names it
// in errors ("size", "dims"). 0 / -1.
int lib_arg_int_list(Value v, const char *fname, const char *what, int *n, int64_t *out, int max);
// An int argument (bools allowed, 0-d int tensors allowed). 0 / -1.
int lib_arg_int(Value v, const char *fname, const char *what, int64_t *out);
int lib_arg_double(Value v, const char *fname, const char *what, double *out);
int lib_arg_bool(Value v, const char *fname, const char *what, bool *out);
// dim=None / int / tuple of ints: [*has] false for None; 0 / -1.
int lib_arg_dims(Value v, const char *fname, int *ndims, int64_t *dims, bool *has);

// A Python value (nested lists/tuples of numbers, 0-d tensors, a tensor)
// converted to a new tensor as torch.tensor(data, dtype) does; [dtype] -1
// infers. The error messages are torch.tensor's.
Tensor *lib_tensor_from_data(Value data, int dtype, const char *fname);

// A list of tensors from a Python sequence (torch.cat's argument): fills
// [*out] with borrowed pointers (malloc'd array the caller frees). 0 / -1.
int lib_arg_tensor_list(Value v, const char *fname, const char *argname, Tensor ***out, int *n);

// out= handling: when [out] is a tensor, copies [res] (stolen) into it
// (resizing an empty out as PyTorch does) and returns a new reference to
// out; otherwise wraps res.
Value lib_return_out(Value out, Tensor *res);
// The same without the resize warning (factories: zeros(..., out=t)).
Value lib_return_out_quiet(Value out, Tensor *res);

// A new tuple of wrapped tensors (steals each entry of [ts]; frees nothing else).
Value lib_tuple_of_tensors(Tensor **ts, int n);

// ---------------------------------------------------------------- generators

// The Generator behind a generator= argument (None: the default one).
// NULL with a TypeError for other values.
Generator *lib_arg_generator(Value v);

#endif
