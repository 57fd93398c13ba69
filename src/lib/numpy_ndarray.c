// The numpy.ndarray type object: wrapping a Tensor, str/repr in numpy's
// format (tensor/print_numpy.h), truthiness, len, iteration, `in`, and the
// attribute fallback that tells numpy methods tl lacks (NotImplementedError)
// from names numpy does not have (AttributeError).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/print_numpy.h"
#include "vm/containers.h"

bool lib_is_ndarray(Value v) { return IS_OBJ(v) && v.as.o->type == &type_ndarray; }

Tensor *lib_ndarray_tensor_or_null(Value v) { return np_arraylike_tensor(v); }

Value lib_ndarray_wrap(Tensor *t) {
    if (!t) return VAL_ERROR;
    if (np_check_dtype(t->dtype) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    ObjNdarray *o = (ObjNdarray *)obj_alloc(&type_ndarray, sizeof(ObjNdarray));
    if (!o) {
        tensor_release(t);
        return VAL_ERROR;
    }
    o->t = t;
    return OBJ_VAL(o);
}

static void ndarray_dealloc(Obj *o) {
    ObjNdarray *a = (ObjNdarray *)o;
    tensor_release(a->t);
    a->t = NULL;
}

static Value text_value(char *s) {
    if (!s) return VAL_ERROR;
    Value v = str_value(s);
    free(s);
    return v;
}

static Value ndarray_repr(Value self) { return text_value(tensor_numpy_repr(np_tensor(self))); }
static Value ndarray_str(Value self) { return text_value(tensor_numpy_str(np_tensor(self))); }

static int ndarray_truthy(Value self) {
    const Tensor *t = np_tensor(self);
    int64_t n = tensor_numel(t);
    if (n > 1)
        return tl_raise_int(ERR_VALUE, "The truth value of an array with more than one element is "
                            "ambiguous. Use a.any() or a.all()");
    return n == 1 && tensor_get_flat(t, 0) != 0;
}

static int64_t ndarray_len(Value self) {
    const Tensor *t = np_tensor(self);
    if (t->ndim == 0) return tl_raise_int(ERR_TYPE, "len() of unsized object");
    return t->shape[0];
}

static int64_t ndarray_hash(Value self) {
    (void)self;
    return tl_raise_int(ERR_TYPE, "unhashable type: 'numpy.ndarray'");
}

// iter(a) walks the first axis: scalars for a 1-d array, row views otherwise.
static Value ndarray_iter(Value self) {
    const Tensor *t = np_tensor(self);
    if (t->ndim == 0) return exc_raise(exc_TypeError, "iteration over a 0-d array");
    ObjTuple *tu = tuple_new(t->shape[0]);
    if (!tu) return VAL_ERROR;
    for (int64_t i = 0; i < t->shape[0]; i++) {
        Value v = np_index_get(self, INT_VAL(i));
        if (IS_ERR(v)) {
            obj_decref(tu);
            return v;
        }
        tu->items[i] = v;
    }
    Value it = tuple_iter_new(OBJ_VAL(tu));
    obj_decref(tu);
    return it;
}

// `x in a` is (a == x).any().
static int ndarray_contains(Value self, Value item) {
    Value eq = np_ufunc_binary(NPU_EQ, self, item, VAL_UNDEFINED);
    if (IS_ERR(eq)) return -1;
    if (IS_UNDEF(eq)) return 0;
    int found = 0;
    const Tensor *t = np_arraylike_tensor(eq);
    if (t) {
        int64_t n = tensor_numel(t);
        for (int64_t i = 0; i < n && !found; i++) found = tensor_get_flat_i64(t, i) != 0;
    } else {
        found = val_truthy(eq);
    }
    val_decref(eq);
    return found;
}

// ndarray methods and attributes numpy has and tl does not.
static const char *const unsupported_attrs[] = {
    "argsort", "sort", "cumsum", "cumprod", "clip", "round", "view", "swapaxes", "nonzero",
    "repeat", "take", "put", "choose", "searchsorted", "diagonal", "trace", "conj", "real",
    "imag", "flat", "flags", "base", "data", "ctypes", "resize", "ptp", "partition",
    "argpartition", "compress", "tobytes", "tofile", "dump", "dumps", "byteswap", "getfield",
    "setfield", "setflags", "newbyteorder", "itemset", "conjugate", NULL,
};

static Value ndarray_getattr(Value self, ObjStr *name) {
    (void)self;
    for (int i = 0; unsupported_attrs[i]; i++)
        if (strcmp(name->data, unsupported_attrs[i]) == 0) {
            char buf[96];
            snprintf(buf, sizeof buf, "ndarray.%s", name->data);
            return np_unsupported(buf);
        }
    return exc_raise(exc_AttributeError, "'numpy.ndarray' object has no attribute '%s'", name->data);
}

// np.ndarray(shape, dtype=float): numpy leaves it uninitialised; tl zeroes it.
static Value ndarray_call(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"shape", "dtype"};
    Value a[2];
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    DType dt = DT_F64;
    (void)type;
    if (NP_BIND("ndarray", nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "ndarray() missing required argument 'shape' (pos 1)");
    if (np_arg_shape(a[0], &ndim, shape) < 0 || np_arg_dtype(a[1], &dt) < 0) return VAL_ERROR;
    return lib_ndarray_wrap(tensor_zeros(ndim, shape, dt));
}

TypeObj type_ndarray = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "ndarray",
    .module_name = "numpy",
    .instance_size = sizeof(ObjNdarray),
    .is_native = true,
    .dealloc = ndarray_dealloc,
    .call_type = ndarray_call,
    .repr = ndarray_repr,
    .str = ndarray_str,
    .hash = ndarray_hash,
    .compare = np_compare_slot,
    .binary = np_binary_slot,
    .unary = np_unary_slot,
    .truthy = ndarray_truthy,
    .len = ndarray_len,
    .getattr = ndarray_getattr,
    .getitem = np_index_get,
    .setitem = np_index_set,
    .contains = ndarray_contains,
    .iter = ndarray_iter,
    .methods = np_ndarray_methods,
    .getset = np_ndarray_getset,
};
