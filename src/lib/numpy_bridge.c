// The torch <-> numpy bridge: torch.from_numpy(a) and t.numpy() build a new
// Tensor header over the same Storage (refcounted by both sides), so a write
// through either shows in the other, as PyTorch's bridge shares memory.
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"

Tensor *np_share(const Tensor *t) {
    Tensor *s = tensor_alloc();
    s->storage = t->storage;
    s->storage->refcnt++;
    s->dtype = t->dtype;
    s->ndim = t->ndim;
    memcpy(s->shape, t->shape, sizeof(int64_t) * (size_t)t->ndim);
    memcpy(s->strides, t->strides, sizeof(int64_t) * (size_t)t->ndim);
    s->offset = t->offset;
    return s;
}

// torch.from_numpy(ndarray): a tensor sharing the array's memory.
static Value f_from_numpy(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("from_numpy", nargs, 1, 1) < 0 || arg_no_kwargs("from_numpy", kw) < 0)
        return VAL_ERROR;
    if (!lib_is_ndarray(args[0])) {
        TypeObj *t = val_type(args[0]);
        return exc_raise(exc_TypeError, "expected np.ndarray (got %s%s%s)",
                         t->module_name && np_is_scalar_obj(args[0]) ? t->module_name : "",
                         np_is_scalar_obj(args[0]) ? "." : "", t->name);
    }
    const Tensor *a = np_tensor(args[0]);
    for (int i = 0; i < a->ndim; i++)
        if (a->strides[i] < 0)
            return exc_raise(exc_ValueError, "At least one stride in the given numpy array is negative, "
                             "and tensors with negative strides are not currently supported. (You can "
                             "probably work around this by making a copy of your array  with "
                             "array.copy().) ");
    return lib_tensor_wrap(np_share(a));
}

const NativeMethodDef lib_torch_fns_numpy[] = {
    {"from_numpy", f_from_numpy, NULL},
    {NULL, NULL, NULL},
};

// t.numpy(force=False): an array sharing the tensor's memory.
static Value m_numpy(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"force"};
    Value a[1];
    if (nargs < 1 || !lib_is_tensor(args[0]))
        return exc_raise(exc_TypeError, "descriptor 'numpy' requires a 'torch._C._TensorBase' object");
    if (NP_BIND("numpy", nargs - 1, args + 1, kw, names, 0, a) < 0) return VAL_ERROR;
    bool force = !IS_UNDEF(a[0]) && val_truthy(a[0]) > 0;
    const Tensor *t = lib_tensor(args[0]);
    if (t->requires_grad && !force)
        return exc_raise(exc_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use "
                         "tensor.detach().numpy() instead.");
    if (t->dtype == DT_BF16) return exc_raise(exc_TypeError, "Got unsupported ScalarType BFloat16");
    return lib_ndarray_wrap(np_share(t));
}

const NativeMethodDef lib_tensor_methods_numpy[] = {
    {"numpy", m_numpy, NULL},
    {NULL, NULL, NULL},
};
