// Tensor attributes (the getset table): shape, dtype, device, ndim, T, mT,
// data, grad, requires_grad, is_leaf, grad_fn, is_cuda and friends, with
// PyTorch's rules for what may be assigned.
#include <string.h>

#include "lib/tensor_autograd.h"
#include "lib/tensor_internal.h"
#include "tensor/storage.h"

static Value get_shape(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return lib_size_new(t->ndim, t->shape);
}

static Value get_dtype(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return lib_dtype_value(t->dtype);
}
static Value get_device(Value self) { (void)self; return lib_device_value((Device){DEV_CPU, -1}); }
static Value get_ndim(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return INT_VAL(t->ndim);
}
static Value get_is_cuda(Value self) { (void)self; return BOOL_VAL(false); }
static Value get_false(Value self) { (void)self; return BOOL_VAL(false); }
static Value get_version(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return INT_VAL(t->storage->version);
}

// x.T reverses every dim (PyTorch: permute, PermuteBackward0).
static Value get_T(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    int64_t perm[TENSOR_MAX_DIMS];
    for (int i = 0; i < t->ndim; i++) perm[i] = t->ndim - 1 - i;
    return lib_tensor_wrap(lib_op_permute(t, t->ndim, perm));
}

static Value get_mT(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    if (t->ndim < 2)
        return tl_raise(ERR_RUNTIME, "tensor.mT is only supported on matrices or batches of matrices. "
                        "Got %d-D tensor.", t->ndim), VAL_ERROR;
    return lib_tensor_wrap(lib_op_transpose(t, -2, -1));
}

static Value get_data(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return lib_tensor_wrap(lib_op_detach(t));
}

// x.data = y: x takes y's storage and geometry, keeping its autograd identity.
static int set_data(Value self, Value v) {
    if (!lib_is_tensor(v))
        return tl_raise_int(ERR_TYPE, "Variable data has to be a tensor, but got %s", val_type_name(v));
    TENSOR_OR_FAIL(t, self, -1);
    Tensor *src = lib_tensor(v);
    Storage *old = t->storage;
    t->storage = storage_retain(src->storage);
    t->dtype = src->dtype;
    t->ndim = src->ndim;
    memcpy(t->shape, src->shape, sizeof(int64_t) * (size_t)src->ndim);
    memcpy(t->strides, src->strides, sizeof(int64_t) * (size_t)src->ndim);
    t->offset = src->offset;
    storage_release(old);
    return 0;
}

static Value get_grad(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    Tensor *g = t->grad;
    return g ? lib_tensor_wrap(tensor_retain(g)) : NONE_VAL;
}

static int set_grad(Value self, Value v) {
    TENSOR_OR_FAIL(t, self, -1);
    if (IS_UNDEF(v) || IS_NONE(v)) {
        tensor_release(t->grad);
        t->grad = NULL;
        return 0;
    }
    if (!lib_is_tensor(v))
        return tl_raise_int(ERR_TYPE, "assigned grad expected to be a Tensor or None but got grad of "
                            "type %s", val_type_name(v));
    Tensor *g = lib_tensor(v);
    if (g->dtype != t->dtype)
        return tl_raise_int(ERR_RUNTIME, "assigned grad has data of a different type");
    if (g->ndim != t->ndim || memcmp(g->shape, t->shape, sizeof(int64_t) * (size_t)t->ndim) != 0)
        return tl_raise_int(ERR_RUNTIME, "assigned grad has data of a different size");
    tensor_retain(g);
    tensor_release(t->grad);
    t->grad = g;
    return 0;
}

static Value get_requires_grad(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return BOOL_VAL(t->requires_grad);
}

int lib_tensor_set_requires_grad(Tensor *t, bool on, int how) {
    static const char *const msgs[] = {
        "only Tensors of floating point and complex dtype can require gradients",
        "only Tensors of floating point dtype can require gradients",
        "Only Tensors of floating point and complex dtype can require gradients",
    };
    if (t->grad_fn && !on)
        return tl_raise_int(ERR_RUNTIME, "you can only change requires_grad flags of leaf variables. "
                            "If you want to use a computed variable in a subgraph that doesn't "
                            "require differentiation use var_no_grad = var.detach().");
    if (t->grad_fn) return 0;
    if (on && !dtype_is_floating(t->dtype))
        return tl_raise_int(ERR_RUNTIME, "%s", msgs[how]);
    t->requires_grad = on;
    return 0;
}

static int set_requires_grad(Value self, Value v) {
    if (IS_UNDEF(v)) return tl_raise_int(ERR_TYPE, "can't delete attribute");
    if (!IS_BOOL(v))
        return tl_raise_int(ERR_RUNTIME, "requires_grad must be a bool");
    TENSOR_OR_FAIL(t, self, -1);
    return lib_tensor_set_requires_grad(t, v.as.b, 0);
}

static Value get_is_leaf(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return BOOL_VAL(t->grad_fn == NULL);
}

static Value get_grad_fn(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return lib_ag_grad_fn(t);
}

const NativeGetSetDef lib_tensor_getset[] = {
    {"shape", get_shape, NULL, NULL},
    {"dtype", get_dtype, NULL, NULL},
    {"device", get_device, NULL, NULL},
    {"ndim", get_ndim, NULL, NULL},
    {"T", get_T, NULL, NULL},
    {"mT", get_mT, NULL, NULL},
    {"data", get_data, set_data, NULL},
    {"grad", get_grad, set_grad, NULL},
    {"requires_grad", get_requires_grad, set_requires_grad, NULL},
    {"is_leaf", get_is_leaf, NULL, NULL},
    {"grad_fn", get_grad_fn, NULL, NULL},
    {"is_cuda", get_is_cuda, NULL, NULL},
    {"is_sparse", get_false, NULL, NULL},
    {"is_quantized", get_false, NULL, NULL},
    {"is_meta", get_false, NULL, NULL},
    {"_version", get_version, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};
