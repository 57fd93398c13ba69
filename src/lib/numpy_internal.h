// Private to the numpy bindings (numpy_*.c): the object layout shared by
// ndarrays and numpy scalars, dtype and scalar-type helpers, numpy's type
// promotion, the ufunc entry points and the method/function tables each
// file contributes. An ndarray is a Tensor of the tensor runtime: numpy's
// rules (float64 default, value-based promotion, scalars out of 0-d
// results) live here, the arithmetic in tensor/.
#ifndef TL_LIB_NUMPY_INTERNAL_H
#define TL_LIB_NUMPY_INTERNAL_H

#include "lib/lib_numpy.h"
#include "tensor/ops.h"

// An ndarray, or a numpy scalar (np.float32(1.5)): a 0-d tensor whose
// object type is one of the scalar types.
typedef struct {
    Obj base;
    Tensor *t;    // one reference
} ObjNdarray;

static inline Tensor *np_tensor(Value v) { return ((ObjNdarray *)v.as.o)->t; }

// arg_bind over an array of names (numpy's own axis=/keepdims= words, so
// not LIB_BIND, which renames them to torch's dim=/keepdim=).
#define NP_BIND(fname, nargs, args, kw, names, npos, out) \
    arg_bind(fname, nargs, args, kw, names, (int)(sizeof(names) / sizeof(names[0])), npos, out)

// Raises NotImplementedError "numpy.[what] is not supported by tl".
Value np_unsupported(const char *what);
int np_unsupported_int(const char *what);

// ---------------------------------------------------------------- dtypes (numpy_dtype.c)

extern TypeObj type_np_dtype;
// The scalar types np.float32, np.int64, np.bool_ ... (NULL for bfloat16).
TypeObj *np_scalar_type(DType dt);
// True for an instance of a numpy scalar type (not Python float/int/bool).
bool np_is_scalar_obj(Value v);
// An ndarray or numpy scalar: its tensor (borrowed), else NULL.
Tensor *np_arraylike_tensor(Value v);

Value np_dtype_value(DType dt);     // new reference to the dtype('float32') singleton
// A dtype= argument: np.float32, np.dtype('f'), 'float32', float/int/bool.
// 1 = *out set, 0 = None or absent, -1 = TypeError ("Cannot interpret '4'
// as a data type", "data type 'x' not understood").
int np_arg_dtype(Value v, DType *out);
// -1 with numpy's TypeError for bfloat16 (numpy has no such dtype), else 0.
int np_check_dtype(DType dt);
// numpy's kind letter: 'b', 'u', 'i', 'f'.
char np_dtype_kind(DType dt);

// The scalar a 0-d result becomes: float64 -> Python float, int64 -> int,
// bool -> bool (they print alike); float32, float16, int8/16/32 and uint8
// -> numpy scalar objects. Steals [t] (its first element is taken).
Value np_scalar_steal(Tensor *t);
// The value of element [i] (row-major) of [t] as np_scalar_steal would give it.
Value np_element(const Tensor *t, int64_t i);
// Wraps [t] (stolen) as an ndarray; NULL passes the pending error on.
Value np_wrap(Tensor *t);
// A ufunc/reduction result: 0-d tensors become scalars, others ndarrays.
Value np_result(Tensor *t);

void np_dtype_init(ObjModule *m);   // dtype objects and scalar types into [m]

// ---------------------------------------------------------------- conversion (numpy_create.c)

// np.array(data, dtype): nested lists/tuples of numbers, ndarrays, numpy
// scalars and tensors; [dtype] < 0 infers. Always a new tensor.
Tensor *np_tensor_from_data(Value data, int dtype);
// np.asarray: [v]'s own tensor (new reference) when it is an ndarray of
// [dtype] (or dtype < 0), else a conversion.
Tensor *np_as_tensor(Value v, int dtype);
// A shape argument: an int or a sequence of ints, none negative. 0 / -1.
int np_arg_shape(Value v, int *ndim, int64_t *shape);
// The same without the sign check (reshape's -1, transpose's axes).
int np_arg_ints(Value v, int *ndim, int64_t *shape);
// numpy's way of writing a shape in messages: "(2,3)", "(3,)", "()". Returns [buf].
char *np_shape_fmt(char *buf, size_t cap, int ndim, const int64_t *shape);
#define NP_SHAPE_CAP (TENSOR_MAX_DIMS * 21 + 4)

// ---------------------------------------------------------------- promotion (numpy_promote.c)

// One ufunc operand: an array (ndim > 0) or a scalar (Python number, numpy
// scalar, 0-d array) whose value numpy's value-based casting looks at.
typedef struct {
    const Tensor *t;       // the operand's tensor (borrowed), or NULL for a Python number
    Tensor *owned;         // a tensor made from a list operand (owned), or NULL
    DType dtype;
    bool is_scalar;
    TensorScalar value;    // scalars only
} NpOperand;

// Classifies [v]: 1 = an operand, 0 = not array-like (no error), -1 error.
int np_operand(Value v, NpOperand *op);
void np_operand_free(NpOperand *op);
// numpy 1.24's result_type over [ops] (value-based for scalars mixed with
// arrays). -1 with NotImplementedError when the result is a dtype tl
// lacks (uint16 ...).
int np_result_type(const NpOperand *ops, int n, DType *out);
// The operand as a tensor of [dt] (new reference; Python numbers become 0-d).
Tensor *np_operand_tensor(const NpOperand *op, DType dt);
// numpy's can_cast(from, to, 'same_kind').
bool np_can_cast_same_kind(DType from, DType to);
// numpy's promote_types for two dtypes tl has (-1: a dtype tl lacks).
int np_promote_types(DType a, DType b, DType *out);

// ---------------------------------------------------------------- ufuncs (numpy_ufunc.c)

typedef enum {
    NPU_ADD, NPU_SUB, NPU_MUL, NPU_TRUEDIV, NPU_FLOORDIV, NPU_MOD, NPU_POW,
    NPU_MAXIMUM, NPU_MINIMUM, NPU_AND, NPU_OR, NPU_XOR,
    NPU_LT, NPU_LE, NPU_EQ, NPU_NE, NPU_GT, NPU_GE, NPU__COUNT
} NpBinary;

typedef enum {
    NPU_NEG, NPU_POS, NPU_ABS, NPU_INVERT, NPU_EXP, NPU_LOG, NPU_SQRT, NPU_SIN, NPU_COS,
    NPU_TAN, NPU_TANH, NPU_FLOOR, NPU_CEIL, NPU_TRUNC, NPU_RINT, NPU_SQUARE, NPU_SIGN,
    NPU_LOG2, NPU_LOG10, NPU_EXPM1, NPU_LOG1P, NPU_RECIPROCAL, NPU_UNARY__COUNT
} NpUnary;

// A binary ufunc on two array-likes; [out] an ndarray or VAL_UNDEF.
// VAL_UNDEF (no error) when an operand is not array-like (NotImplemented).
Value np_ufunc_binary(NpBinary op, Value a, Value b, Value out);
Value np_ufunc_unary(NpUnary op, Value a, Value out);
// np.dot: matmul for 1-d and 2-d operands, multiply when one is a scalar.
Value np_dot(Value a, Value b);
// The ndarray/scalar operator slots.
Value np_binary_slot(BinaryOp op, Value a, Value b, bool reflected, bool inplace);
Value np_compare_slot(Value a, Value b, CompareOp op);
Value np_unary_slot(UnaryOp op, Value a);

// Writes [src] (converted) into [dst] as numpy does, without touching the
// storage's version counter (numpy writes bypass autograd's). 0 / -1.
int np_copy_into(Tensor *dst, const Tensor *src);

// ---------------------------------------------------------------- reductions (numpy_reduce.c)

typedef enum { NPR_SUM, NPR_MEAN, NPR_MAX, NPR_MIN, NPR_PROD, NPR_ARGMAX, NPR_ARGMIN,
               NPR_ALL, NPR_ANY, NPR_STD, NPR_VAR } NpReduce;
// a.sum(axis=None, dtype=None, keepdims=False) and friends: [args] holds
// self then the call's arguments, as a method receives them.
Value np_reduce_call(NpReduce op, const char *fname, int nargs, Value *args, const KwArgs *kw);

// A new tensor over [t]'s storage with its geometry and nothing else (no
// autograd state, no base): how an array and a tensor share memory.
Tensor *np_share(const Tensor *t);    // numpy_bridge.c

// ---------------------------------------------------------------- tables

extern const NativeMethodDef np_ndarray_methods[];    // numpy_methods.c
extern const NativeGetSetDef np_ndarray_getset[];     // numpy_methods.c
extern const NativeMethodDef np_fns_create[];         // numpy_create.c
extern const NativeMethodDef np_fns_ufunc[];          // numpy_ufunc.c
extern const NativeMethodDef np_fns_misc[];           // numpy_module.c
Value np_index_get(Value self, Value key);            // numpy_index.c
int np_index_set(Value self, Value key, Value v);
ObjModule *np_random_module(void);                    // numpy_random.c

#endif
