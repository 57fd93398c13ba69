// a[key] and a[key] = v for ndarrays. Basic items (ints, slices with any
// step, None, ...) are applied here as one strided view, as numpy does,
// since the tensor runtime refuses negative steps; integer and boolean
// arrays then go to tensor_index / tensor_index_put on that view. A key of
// ints only gives a numpy scalar; with an Ellipsis a 0-d array view.
#include <string.h>

#include "lib/lib_tensor.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/index.h"
#include "tensor/iter.h"
#include "vm/containers.h"

#define MAX_ITEMS (TENSOR_MAX_DIMS * 2)

typedef struct {
    int kind;               // TI_INT, TI_SLICE (slice in [slice]), TI_NONE, TI_ELLIPSIS, TI_TENSOR
    int64_t index;
    ObjSlice *slice;        // borrowed from the key
    Tensor *tensor;         // owned
} Item;

typedef struct {
    Item items[MAX_ITEMS];
    int n;
    bool ellipsis, advanced;
} Key;

static void key_free(Key *k) {
    for (int i = 0; i < k->n; i++) tensor_release(k->items[i].tensor);
    k->n = 0;
}

static int bad_index(void) {
    return tl_raise_int(ERR_INDEX, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
                        "(`None`) and integer or boolean arrays are valid indices");
}

// An array index: integer arrays become int64, booleans stay masks.
static int array_item(Item *it, Value v) {
    Tensor *t;
    const Tensor *src = np_arraylike_tensor(v);
    if (!src) src = lib_tensor_or_null(v);
    if (src) t = tensor_retain((Tensor *)src);
    else {
        int64_t len;
        seq_items(v, &len);
        t = len == 0 ? tensor_empty(1, &len, DT_I64) : np_tensor_from_data(v, -1);
        if (!t) return -1;
    }
    if (dtype_is_floating(t->dtype)) {
        tensor_release(t);
        return tl_raise_int(ERR_INDEX, "arrays used as indices must be of integer (or boolean) type");
    }
    if (t->dtype != DT_BOOL && t->dtype != DT_I64) {
        Tensor *c = tensor_to_dtype(t, DT_I64, false);
        tensor_release(t);
        if (!(t = c)) return -1;
    }
    it->kind = TI_TENSOR;
    it->tensor = t;
    return 0;
}

// An array-like item: a bool scalar or array is a mask; integer arrays
// index; a 0-d integer array acts as an int.
static int array_like_item(Key *k, Item *it, Value v) {
    if (IS_BOOL(v)) {
        if (!(it->tensor = tensor_from_scalar(tensor_scalar_bool(v.as.b), false))) return -1;
        it->kind = TI_TENSOR;
    } else if (array_item(it, v) < 0) {
        return -1;
    }
    if (it->tensor->ndim == 0 && it->tensor->dtype == DT_I64) {
        it->index = tensor_get_flat_i64(it->tensor, 0);
        tensor_release(it->tensor);
        it->tensor = NULL;
        it->kind = TI_INT;
    } else {
        k->advanced = true;
    }
    return 0;
}

static int parse_item(Key *k, Value v) {
    if (k->n >= MAX_ITEMS) return tl_raise_int(ERR_INDEX, "too many indices for array");
    Item *it = &k->items[k->n];
    memset(it, 0, sizeof *it);
    if (IS_NONE(v)) it->kind = TI_NONE;
    else if (IS_OBJ(v) && v.as.o->type == &type_ellipsis) {
        if (k->ellipsis) return tl_raise_int(ERR_INDEX, "an index can only have a single ellipsis ('...')");
        it->kind = TI_ELLIPSIS;
        k->ellipsis = true;
    } else if (IS_OBJ(v) && v.as.o->type == &type_slice) {
        it->kind = TI_SLICE;
        it->slice = (ObjSlice *)v.as.o;
    } else if (IS_BOOL(v) || lib_is_ndarray(v) || lib_is_tensor(v) || val_is_list(v) ||
               (np_is_scalar_obj(v) && np_tensor(v)->dtype == DT_BOOL)) {
        if (array_like_item(k, it, v) < 0) return -1;
    } else {
        int r = index_from_value(v, &it->index);
        if (r < 0) return -1;
        if (r == 0) return bad_index();
        it->kind = TI_INT;
    }
    k->n++;
    return 0;
}

static int parse_key(Key *k, Value key) {
    k->n = 0;
    k->ellipsis = k->advanced = false;
    int64_t len = 1;
    Value *items = val_is_tuple(key) ? seq_items(key, &len) : &key;
    for (int64_t i = 0; i < len; i++)
        if (parse_item(k, items[i]) < 0) {
            key_free(k);
            return -1;
        }
    return 0;
}

static int item_dims(const Item *it) {
    if (it->kind == TI_INT || it->kind == TI_SLICE) return 1;
    if (it->kind == TI_TENSOR) return it->tensor->dtype == DT_BOOL ? it->tensor->ndim : 1;
    return 0;
}

// Applies the basic items as one view of [t]; each advanced item stays,
// at the view dim where it starts, in [adv] (full slices elsewhere).
static Tensor *basic_view(const Tensor *t, const Key *k, TensorIndex *adv, int *nadv) {
    int used = 0;
    for (int i = 0; i < k->n; i++) used += item_dims(&k->items[i]);
    if (used > t->ndim)
        return tl_raise(ERR_INDEX, "too many indices for array: array is %d-dimensional, but %d were "
                        "indexed", t->ndim, used);
    int64_t shape[TENSOR_MAX_DIMS * 2], strides[TENSOR_MAX_DIMS * 2], off = t->offset;
    int d = 0, od = 0, covered = 0;
    *nadv = 0;
    for (int i = 0; i < k->n; i++) {
        const Item *it = &k->items[i];
        switch (it->kind) {
        case TI_INT: {
            int64_t idx = it->index < 0 ? it->index + t->shape[d] : it->index;
            if (idx < 0 || idx >= t->shape[d])
                return tl_raise(ERR_INDEX, "index %lld is out of bounds for axis %d with size %lld",
                                (long long)it->index, d, (long long)t->shape[d]);
            off += idx * t->strides[d++];
            break;
        }
        case TI_SLICE: {
            int64_t start, stop, step, len;
            if (slice_indices(it->slice, t->shape[d], &start, &stop, &step, &len) < 0) return NULL;
            off += len ? start * t->strides[d] : 0;
            shape[od] = len;
            strides[od++] = t->strides[d++] * step;
            break;
        }
        case TI_NONE:
            shape[od] = 1;
            strides[od++] = 0;
            break;
        case TI_ELLIPSIS:
            for (int e = 0; e < t->ndim - used; e++, d++, od++) {
                shape[od] = t->shape[d];
                strides[od] = t->strides[d];
            }
            break;
        default:   // TI_TENSOR: its dims pass through to the advanced step
            for (; covered < od; covered++) adv[(*nadv)++] = (TensorIndex){.kind = TI_SLICE};
            adv[(*nadv)++] = (TensorIndex){.kind = TI_TENSOR, .tensor = it->tensor};
            covered += item_dims(it);   // a mask covers as many dims as it has
            for (int e = 0; e < item_dims(it); e++, d++, od++) {
                shape[od] = t->shape[d];
                strides[od] = t->strides[d];
            }
            break;
        }
        if (od > TENSOR_MAX_DIMS) return tl_raise(ERR_INDEX, "too many indices for array");
    }
    for (; d < t->ndim; d++, od++) {
        if (od >= TENSOR_MAX_DIMS) return tl_raise(ERR_INDEX, "too many indices for array");
        shape[od] = t->shape[d];
        strides[od] = t->strides[d];
    }
    return tensor_new_view(t, od, shape, strides, off);
}

// numpy's message when a value does not broadcast into the indexed view.
static int broadcast_check(const Tensor *val, const Tensor *view) {
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    if (iter_broadcast_shapes(view->ndim, view->shape, val->ndim, val->shape, &ndim, shape) == 0 &&
        ndim == view->ndim && memcmp(shape, view->shape, sizeof(int64_t) * (size_t)ndim) == 0)
        return 0;
    char sv[NP_SHAPE_CAP], sd[NP_SHAPE_CAP];
    tl_error_clear();
    return tl_raise_int(ERR_VALUE, "could not broadcast input array from shape %s into shape %s",
                        np_shape_fmt(sv, sizeof sv, val->ndim, val->shape),
                        np_shape_fmt(sd, sizeof sd, view->ndim, view->shape));
}

Value np_index_get(Value self, Value key) {
    Key k;
    if (parse_key(&k, key) < 0) return VAL_ERROR;
    TensorIndex adv[MAX_ITEMS];
    int nadv;
    Tensor *r = basic_view(np_tensor(self), &k, adv, &nadv);
    if (r && k.advanced) {
        Tensor *c = tensor_index(r, adv, nadv);
        tensor_release(r);
        r = c;
    }
    bool ellipsis = k.ellipsis;
    key_free(&k);
    if (!r) return VAL_ERROR;
    return r->ndim == 0 && !ellipsis ? np_scalar_steal(r) : np_wrap(r);
}

int np_index_set(Value self, Value key, Value v) {
    if (IS_UNDEF(v)) return tl_raise_int(ERR_VALUE, "cannot delete array elements");
    Tensor *t = np_tensor(self);
    Tensor *val = np_as_tensor(v, t->dtype);
    if (!val) return -1;
    Key k;
    if (parse_key(&k, key) < 0) {
        tensor_release(val);
        return -1;
    }
    TensorIndex adv[MAX_ITEMS];
    int nadv, rc = -1;
    Tensor *view = basic_view(t, &k, adv, &nadv);
    // numpy drops a value's extra leading 1-dims ((1, 3) goes into a row).
    while (view && !k.advanced && val->ndim > view->ndim && val->shape[0] == 1) {
        Tensor *sq = tensor_new_view(val, val->ndim - 1, val->shape + 1, val->strides + 1, val->offset);
        tensor_release(val);
        val = sq;
    }
    if (view && !k.advanced && broadcast_check(val, view) < 0) {
        tensor_release(view);
        view = NULL;
    }
    if (view) {
        int64_t version = t->storage->version;
        rc = k.advanced ? tensor_index_put(view, adv, nadv, val) : np_copy_into(view, val);
        t->storage->version = version;
    }
    tensor_release(view);
    tensor_release(val);
    key_free(&k);
    return rc;
}
