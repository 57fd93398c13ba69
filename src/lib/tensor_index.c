// x[key] and x[key] = value: turns a Python index (ints, slices, None,
// Ellipsis, bools, lists, tensors, or a tuple of them) into the TensorIndex
// list of tensor/index.h. When autograd wants a graph, the basic items are
// applied one by one as select/slice/unsqueeze views (PyTorch's
// applySlicing, so grad_fn reads SelectBackward0, SliceBackward0 ...).
#include <string.h>

#include "autograd/autograd.h"
#include "lib/tensor_internal.h"
#include "tensor/convert.h"
#include "vm/containers.h"

#define MAX_ITEMS (TENSOR_MAX_DIMS * 2)

typedef struct {
    TensorIndex idx[MAX_ITEMS];
    int n;
    Tensor *temps[MAX_ITEMS];   // tensors made here (lists, Python bools)
    int ntemps;
} Parsed;

static void parsed_free(Parsed *p) {
    for (int i = 0; i < p->ntemps; i++) tensor_release(p->temps[i]);
    p->ntemps = 0;
}

static int bad_index(Value v) {
    return tl_raise_int(ERR_INDEX, "only integers, slices (`:`), ellipsis (`...`), None and long or "
                        "byte Variables are valid indices (got %s)", val_type_name(v));
}

static int slice_bound(Value v, int64_t *out, bool *has) {
    *has = false;
    if (IS_NONE(v)) return 0;
    int r = index_from_value(v, out);
    if (r < 0) return -1;
    if (r == 0)
        return tl_raise_int(ERR_TYPE, "slice indices must be integers or None or have an __index__ "
                            "method");
    *has = true;
    return 0;
}

static int add_temp(Parsed *p, Tensor *t) {
    if (!t) return -1;
    p->temps[p->ntemps++] = t;
    TensorIndex *ix = &p->idx[p->n++];
    ix->kind = TI_TENSOR;
    ix->tensor = t;
    return 0;
}

static int parse_item(Parsed *p, Value v) {
    if (p->n >= MAX_ITEMS) return tl_raise_int(ERR_INDEX, "too many indices");
    TensorIndex *ix = &p->idx[p->n];
    memset(ix, 0, sizeof *ix);
    if (IS_INT(v)) {
        ix->kind = TI_INT;
        ix->index = v.as.i;
        p->n++;
        return 0;
    }
    if (IS_BOOL(v)) {
        Tensor *b = tensor_from_scalar(tensor_scalar_bool(v.as.b), false);
        return add_temp(p, b);
    }
    if (IS_NONE(v)) {
        ix->kind = TI_NONE;
        p->n++;
        return 0;
    }
    if (!IS_OBJ(v)) return bad_index(v);
    if (val_is_str(v))   // PyTorch tries a str as a sequence of data
        return tl_raise_int(ERR_TYPE, "new(): invalid data type 'str'");
    TypeObj *t = v.as.o->type;
    if (t == &type_ellipsis) {
        ix->kind = TI_ELLIPSIS;
        p->n++;
        return 0;
    }
    if (t == &type_slice) {
        ObjSlice *s = (ObjSlice *)v.as.o;
        ix->kind = TI_SLICE;
        if (slice_bound(s->start, &ix->start, &ix->has_start) < 0 ||
            slice_bound(s->stop, &ix->stop, &ix->has_stop) < 0 ||
            slice_bound(s->step, &ix->step, &ix->has_step) < 0)
            return -1;
        p->n++;
        return 0;
    }
    if (lib_is_tensor(v)) {
        ix->kind = TI_TENSOR;
        ix->tensor = lib_tensor(v);
        p->n++;
        return 0;
    }
    if (val_is_list(v) || val_is_tuple(v)) {
        int64_t len;
        seq_items(v, &len);
        // x[[]] indexes with an empty int64 tensor; otherwise infer bool/int64.
        Tensor *it = len == 0 ? tensor_empty(1, &(int64_t){0}, DT_I64)
                              : lib_tensor_from_data(v, -1, "index");
        if (it && dtype_is_floating(it->dtype)) {
            tensor_release(it);
            return tl_raise_int(ERR_INDEX, "tensors used as indices must be long, byte or bool tensors");
        }
        return add_temp(p, it);
    }
    int64_t i;
    int r = index_from_value(v, &i);
    if (r < 0) return -1;
    if (r == 0) return bad_index(v);
    ix->kind = TI_INT;
    ix->index = i;
    p->n++;
    return 0;
}

// A list key is a sequence of indices (like a tuple) when it holds slices,
// None, Ellipsis or tensors; else it is one advanced index (numpy's rule).
static bool list_is_tuple(Value key) {
    int64_t len;
    Value *items = seq_items(key, &len);
    for (int64_t i = 0; i < len; i++) {
        Value v = items[i];
        if (IS_NONE(v) || lib_is_tensor(v)) return true;
        if (IS_OBJ(v) && (v.as.o->type == &type_slice || v.as.o->type == &type_ellipsis)) return true;
    }
    return false;
}

static int parse_key(Parsed *p, Value key) {
    p->n = p->ntemps = 0;
    if (val_is_tuple(key) || (val_is_list(key) && list_is_tuple(key))) {
        int64_t len;
        Value *items = seq_items(key, &len);
        for (int64_t i = 0; i < len; i++)
            if (parse_item(p, items[i]) < 0) {
                parsed_free(p);
                return -1;
            }
        return 0;
    }
    if (parse_item(p, key) < 0) {
        parsed_free(p);
        return -1;
    }
    return 0;
}

// Dims of the indexed tensor an item consumes (for the Ellipsis).
static int item_dims(const TensorIndex *ix) {
    if (ix->kind == TI_INT || ix->kind == TI_SLICE) return 1;
    if (ix->kind != TI_TENSOR) return 0;
    const Tensor *t = ix->tensor;
    if (t->dtype == DT_BOOL || t->dtype == DT_U8) return t->ndim;
    return 1;
}

// The autograd path: basic items become recorded views (*view, a new
// reference), and the advanced ones are left in [adv] for lib_op_index /
// lib_op_index_put_, with full slices in between. 0 / -1.
static int apply_basic(const Tensor *t, const Parsed *p, Tensor **view, TensorIndex *adv, int *nadv) {
    int spec = 0;
    for (int i = 0; i < p->n; i++) spec += item_dims(&p->idx[i]);
    Tensor *cur = tensor_retain((Tensor *)t), *next = NULL;
    int d = 0, covered = 0;
    bool ellipsis = false;
    *nadv = 0;
    for (int i = 0; i < p->n; i++) {
        const TensorIndex *ix = &p->idx[i];
        next = NULL;
        switch (ix->kind) {
        case TI_INT: next = lib_op_index_int(cur, d, ix->index); break;
        case TI_SLICE:
            next = lib_op_slice(cur, d++, ix->has_start ? ix->start : 0,
                                ix->has_stop ? ix->stop : TENSOR_SLICE_END, ix->has_step ? ix->step : 1);
            break;
        case TI_NONE: next = lib_op_unsqueeze(cur, d++); break;
        case TI_ELLIPSIS:
            if (!ellipsis) d += t->ndim - spec;
            ellipsis = true;
            continue;
        case TI_TENSOR: {
            const Tensor *x = ix->tensor;
            if (x->ndim == 0 && x->dtype != DT_BOOL && x->dtype != DT_U8) {
                next = lib_op_index_int(cur, d, tensor_get_flat_i64(x, 0));
                break;
            }
            while (covered < d) {
                adv[(*nadv)++] = (TensorIndex){.kind = TI_SLICE};
                covered++;
            }
            adv[(*nadv)++] = *ix;
            d += item_dims(ix);       // a mask covers its ndim dims; x[True] none
            covered = d;
            continue;
        }
        }
        tensor_release(cur);
        if (!next) return -1;
        cur = next;
    }
    *view = cur;
    return 0;
}

static Tensor *index_traced(const Tensor *t, const Parsed *p) {
    int spec = 0;
    for (int i = 0; i < p->n; i++) spec += item_dims(&p->idx[i]);
    if (spec > t->ndim) return tensor_index(t, p->idx, p->n);   // the runtime's error
    Tensor *view, *r;
    TensorIndex adv[MAX_ITEMS];
    int nadv;
    if (apply_basic(t, p, &view, adv, &nadv) < 0) return NULL;
    if (nadv) r = lib_op_index(view, adv, nadv);
    else if (view != t) return view;
    else r = lib_op_view(view, view->ndim, view->shape);   // x[()] is a new view
    tensor_release(view);
    return r;
}

Value lib_tensor_getitem(Value self, Value key) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    bool traced = t->requires_grad && ag_grad_enabled();
    if (IS_INT(key) && !traced) return lib_tensor_wrap(tensor_index_int(t, 0, key.as.i));
    Parsed p;
    if (parse_key(&p, key) < 0) return VAL_ERROR;
    Tensor *r = traced ? index_traced(t, &p) : tensor_index(t, p.idx, p.n);
    parsed_free(&p);
    return lib_tensor_wrap(r);
}

// PyTorch's "can't assign a str to a torch.FloatTensor".
static Tensor *value_tensor(Value v, const Tensor *dst) {
    if (lib_is_tensor(v)) return tensor_retain(lib_tensor(v));
    TensorScalar s;
    if (!lib_scalar(v, &s))
        return tl_raise(ERR_TYPE, "can't assign a %s to a %s", val_type_name(v),
                        lib_legacy_type_name(dst->dtype));
    Tensor *st = tensor_from_scalar(s, false);
    if (!st) return NULL;
    Tensor *c = tensor_to_dtype(st, dst->dtype, false);
    tensor_release(st);
    return c;
}

int lib_tensor_setitem(Value self, Value key, Value v) {
    TENSOR_OR_FAIL(t, self, -1);
    if (IS_UNDEF(v)) return tl_raise_int(ERR_TYPE, "'Tensor' object does not support item deletion");
    Tensor *val = value_tensor(v, t);
    if (!val) return -1;
    Parsed p;
    if (parse_key(&p, key) < 0) {
        tensor_release(val);
        return -1;
    }
    int rc;
    if (ag_grad_enabled() && (t->requires_grad || val->requires_grad)) {
        // PyTorch: the basic items make a (recorded) view, then copy_ or
        // index_put_ writes through it, so the base gets CopySlices.
        Tensor *view;
        TensorIndex adv[MAX_ITEMS];
        int nadv;
        rc = apply_basic(t, &p, &view, adv, &nadv);
        if (rc == 0) {
            rc = nadv ? lib_op_index_put_(view, adv, nadv, val, false) : lib_op_copy_(view, val);
            tensor_release(view);
        }
    } else {
        rc = lib_op_index_put_(t, p.idx, p.n, val, false);
    }
    parsed_free(&p);
    tensor_release(val);
    return rc;
}
