// The torch.Tensor type object: wrapping, repr/str/format, the operator
// slots (arithmetic with tensors and Python scalars, reflected and in place,
// comparisons, unary - + ~), truthiness, len, iteration, `in` and hashing.
// Methods and attributes live in the tensor_*.c tables installed at start-up.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "lib/lib_numpy.h"
#include "lib/tensor_autograd.h"
#include "lib/tensor_internal.h"
#include "lib/torch_nn.h"
#include "tensor/convert.h"
#include "tensor/print.h"
#include "vm/containers.h"

TypeObj *lib_parameter_type;

// ---------------------------------------------------------------- wrapping

// Tensor* -> its live wrapper, so one tensor is one language object, as in
// PyTorch (`x.grad is x.grad`, `fn.variable is x`, `x.add_(1) is x`).
// Open addressing on the pointer; tombstones are reused on insert.
#define TOMB ((Tensor *)1)
static struct {
    Tensor **keys;
    ObjTensor **vals;
    size_t cap, used;   // used counts live keys and tombstones
} wrappers;

static size_t slot_of(const Tensor *t) { return ((uintptr_t)t >> 4) * 0x9E3779B97F4A7C15ull; }

static ObjTensor *wrapper_find(const Tensor *t) {
    if (!wrappers.cap) return NULL;
    size_t mask = wrappers.cap - 1;
    for (size_t i = slot_of(t) & mask;; i = (i + 1) & mask) {
        if (wrappers.keys[i] == t) return wrappers.vals[i];
        if (!wrappers.keys[i]) return NULL;
    }
}

static void wrapper_put(Tensor *t, ObjTensor *o);

static void wrappers_grow(void) {
    Tensor **ok = wrappers.keys;
    ObjTensor **ov = wrappers.vals;
    size_t ocap = wrappers.cap;
    wrappers.cap = ocap ? ocap * 2 : 256;
    wrappers.keys = tl_xcalloc(wrappers.cap, sizeof *wrappers.keys);
    wrappers.vals = tl_xcalloc(wrappers.cap, sizeof *wrappers.vals);
    wrappers.used = 0;
    for (size_t i = 0; i < ocap; i++)
        if (ok[i] && ok[i] != TOMB) wrapper_put(ok[i], ov[i]);
    free(ok);
    free(ov);
}

static void wrapper_put(Tensor *t, ObjTensor *o) {
    if ((wrappers.used + 1) * 2 > wrappers.cap) wrappers_grow();
    size_t mask = wrappers.cap - 1;
    size_t i = slot_of(t) & mask;
    while (wrappers.keys[i] && wrappers.keys[i] != TOMB) i = (i + 1) & mask;
    if (!wrappers.keys[i]) wrappers.used++;
    wrappers.keys[i] = t;
    wrappers.vals[i] = o;
}

static void wrapper_del(const Tensor *t) {
    if (!wrappers.cap) return;
    size_t mask = wrappers.cap - 1;
    for (size_t i = slot_of(t) & mask; wrappers.keys[i]; i = (i + 1) & mask)
        if (wrappers.keys[i] == t) {
            wrappers.keys[i] = TOMB;
            wrappers.vals[i] = NULL;
            return;
        }
}

Value lib_tensor_wrap_as(TypeObj *type, Tensor *t) {
    if (!t) return VAL_ERROR;
    // A live wrapper holds a reference, so a tensor we hold the only one of has none.
    ObjTensor *o = t->refcnt > 1 ? wrapper_find(t) : NULL;
    if (o && o->base.type == type) {
        tensor_release(t);    // the wrapper already holds a reference
        return val_incref(OBJ_VAL(o));
    }
    o = (ObjTensor *)obj_alloc(type, sizeof(ObjTensor));
    if (!o) {
        tensor_release(t);
        return VAL_ERROR;
    }
    o->t = t;
    if (t->refcnt == 1 || !wrapper_find(t)) wrapper_put(t, o);
    return OBJ_VAL(o);
}

Value lib_tensor_wrap(Tensor *t) {
    if (t && t->is_param && lib_parameter_type) return lib_tensor_wrap_as(lib_parameter_type, t);
    return lib_tensor_wrap_as(&type_tensor, t);
}

static void tensor_dealloc(Obj *o) {
    ObjTensor *ot = (ObjTensor *)o;
    if (ot->t && wrapper_find(ot->t) == ot) wrapper_del(ot->t);
    tensor_release(ot->t);
    ot->t = NULL;
    obj_decref(ot->dict);
    ot->dict = NULL;
}

Tensor *lib_tensor_checked(Value v) {
    if (IS_OBJ(v) && type_is_subtype(v.as.o->type, &type_tensor) && ((ObjTensor *)v.as.o)->t)
        return ((ObjTensor *)v.as.o)->t;
    return tl_raise(ERR_TYPE, "'%s' object has no tensor: a subclass of torch.Tensor must call "
                    "torch.Tensor.__init__", val_type_name(v));
}

int lib_self(int nargs, const Value *args, const char *fname, Tensor **out) {
    if (nargs >= 1 && lib_is_tensor(args[0])) {
        *out = lib_tensor(args[0]);
        return 0;
    }
    if (nargs < 1)
        return tl_raise_int(ERR_TYPE, "%s() missing 1 required positional arguments: \"input\"", fname);
    return lib_arg_tensor(args[0], fname, "input", 1, out);
}

int lib_no_args(const char *fname, int nargs, const KwArgs *kw) {
    if (nargs == 1 && (!kw || kw->n == 0)) return 0;
    return tl_raise_int(ERR_TYPE, "%s() takes no arguments (%d given)", fname,
                        nargs - 1 + (kw ? kw->n : 0));
}

// Tensor.__init__: a Python subclass of Tensor (class T(torch.Tensor)) gets
// its tensor here, built as torch.Tensor(*args) would; a no-op otherwise.
static Value tensor_init(int nargs, Value *args, const KwArgs *kw) {
    if (nargs < 1 || !IS_OBJ(args[0]) || !type_is_subtype(args[0].as.o->type, &type_tensor))
        return exc_raise(exc_TypeError, "descriptor '__init__' requires a 'torch.Tensor' object");
    ObjTensor *o = (ObjTensor *)args[0].as.o;
    if (o->t) return NONE_VAL;
    Value v = lib_tensor_legacy_new(&type_tensor, nargs - 1, args + 1, kw);
    if (IS_ERR(v)) return v;
    o->t = tensor_retain(lib_tensor(v));
    val_decref(v);
    if (!wrapper_find(o->t)) wrapper_put(o->t, o);
    return NONE_VAL;
}

static const NativeMethodDef init_method[] = {
    {"__init__", tensor_init, NULL},
    {NULL, NULL, NULL},
};

// ---------------------------------------------------------------- printing

Value lib_tensor_repr(const Tensor *t) {
    TensorReprSuffix sfx = {0};
    if (t->is_param) sfx.prefix = "Parameter containing:\n";
    sfx.grad_fn = lib_ag_grad_fn_name(t);
    sfx.requires_grad = t->requires_grad;
    char *s = tensor_repr(t, &sfx);
    if (!s) return VAL_ERROR;
    Value v = str_value(s);
    free(s);
    return v;
}

static Value tensor_repr_slot(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    return lib_tensor_repr(t);
}

// ---------------------------------------------------------------- operators

static Value binary_tensors(BinaryOp op, const Tensor *a, const Tensor *b, Tensor *inplace) {
    static const int8_t code[BIN__COUNT] = {
        [BIN_ADD] = OP_ADD, [BIN_SUB] = OP_SUB, [BIN_MUL] = OP_MUL, [BIN_TRUEDIV] = OP_DIV,
        [BIN_FLOORDIV] = OP_FLOOR_DIVIDE, [BIN_MOD] = OP_REMAINDER, [BIN_POW] = OP_POW,
        [BIN_AND] = OP_BITWISE_AND, [BIN_OR] = OP_BITWISE_OR, [BIN_XOR] = OP_BITWISE_XOR,
        [BIN_MATMUL] = -1, [BIN_LSHIFT] = -1, [BIN_RSHIFT] = -1,
    };
    if (op == BIN_MATMUL) return inplace ? VAL_UNDEFINED : lib_tensor_wrap(lib_op_matmul(a, b));
    if (code[op] < 0) return VAL_UNDEFINED;
    if (inplace) return lib_op_binary_((OpCode)code[op], inplace, b, NULL) < 0 ? VAL_ERROR : NONE_VAL;
    return lib_tensor_wrap(lib_op_binary((OpCode)code[op], a, b, NULL));
}

// tensor op scalar, or scalar op tensor when [reflected].
static Value binary_scalar(BinaryOp op, Tensor *t, TensorScalar s, bool reflected, bool inplace) {
    static const int8_t code[BIN__COUNT] = {
        [BIN_ADD] = OP_ADD, [BIN_SUB] = OP_SUB, [BIN_MUL] = OP_MUL, [BIN_TRUEDIV] = OP_DIV,
        [BIN_FLOORDIV] = OP_FLOOR_DIVIDE, [BIN_MOD] = OP_REMAINDER, [BIN_POW] = OP_POW,
        [BIN_AND] = OP_BITWISE_AND, [BIN_OR] = OP_BITWISE_OR, [BIN_XOR] = OP_BITWISE_XOR,
        [BIN_MATMUL] = -1, [BIN_LSHIFT] = -1, [BIN_RSHIFT] = -1,
    };
    if (code[op] < 0) return VAL_UNDEFINED;
    OpCode oc = (OpCode)code[op];
    if (inplace) {
        int rc = op == BIN_POW ? lib_op_pow_scalar_(t, s) : lib_op_binary_scalar_(oc, t, s, NULL);
        return rc < 0 ? VAL_ERROR : NONE_VAL;
    }
    if (!reflected) {
        if (op == BIN_POW) return lib_tensor_wrap(lib_op_pow_scalar(t, s));
        return lib_tensor_wrap(lib_op_binary_scalar(oc, t, s, NULL));
    }
    switch (op) {
    case BIN_ADD: case BIN_MUL: case BIN_AND: case BIN_OR: case BIN_XOR:   // commutative
        return lib_tensor_wrap(lib_op_binary_scalar(oc, t, s, NULL));
    case BIN_SUB:                                                          // 2 - x: rsub
        return lib_tensor_wrap(lib_op_binary_scalar(OP_RSUB, t, s, NULL));
    case BIN_TRUEDIV: {                                                    // 2 / x: reciprocal * 2
        Tensor *r = lib_op_unary(OP_RECIPROCAL, t, NULL);
        if (!r) return VAL_ERROR;
        Tensor *out = lib_op_binary_scalar(OP_MUL, r, s, NULL);
        tensor_release(r);
        return lib_tensor_wrap(out);
    }
    default:
        return lib_tensor_wrap(lib_op_rbinary_scalar(oc, s, t, NULL));
    }
}

static Value tensor_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    Value self = reflected ? b : a, other = reflected ? a : b;
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    TensorScalar s;
    Value r;
    if (lib_is_tensor(other)) {
        Tensor *o = lib_tensor(other);
        r = reflected ? binary_tensors(op, o, t, NULL) : binary_tensors(op, t, o, inplace ? t : NULL);
    } else if (lib_scalar(other, &s)) {
        r = binary_scalar(op, t, s, reflected, inplace);
    } else {
        return VAL_UNDEFINED;
    }
    if (inplace && IS_NONE(r)) return val_incref(self);
    return r;
}

static Value tensor_compare(Value a, Value b, CompareOp op) {
    static const OpCode code[] = {[CMP_LT] = OP_LT, [CMP_LE] = OP_LE, [CMP_EQ] = OP_EQ,
                                  [CMP_NE] = OP_NE, [CMP_GT] = OP_GT, [CMP_GE] = OP_GE};
    if (op > CMP_GE) return VAL_UNDEFINED;
    TENSOR_OR_FAIL(t, a, VAL_ERROR);
    TensorScalar s;
    if (lib_is_tensor(b)) return lib_tensor_wrap(lib_op_binary(code[op], t, lib_tensor(b), NULL));
    if (lib_scalar(b, &s)) return lib_tensor_wrap(lib_op_binary_scalar(code[op], t, s, NULL));
    return VAL_UNDEFINED;
}

static Value tensor_unary(UnaryOp op, Value a) {
    TENSOR_OR_FAIL(t, a, VAL_ERROR);
    switch (op) {
    case UN_NEG: return lib_tensor_wrap(lib_op_unary(OP_NEG, t, NULL));
    case UN_INVERT: return lib_tensor_wrap(lib_op_unary(OP_BITWISE_NOT, t, NULL));
    case UN_POS:
        if (t->dtype == DT_BOOL)
            return tl_raise(ERR_RUNTIME, "The `+` operator, on a bool tensor is not supported."), VAL_ERROR;
        return val_incref(a);
    default: return VAL_UNDEFINED;
    }
}

// ---------------------------------------------------------------- protocols

static int tensor_truthy(Value self) {
    TENSOR_OR_FAIL(t, self, -1);
    int64_t n = tensor_numel(t);
    if (n == 1) return tensor_get_flat(t, 0) != 0;
    return tl_raise_int(ERR_RUNTIME, "Boolean value of Tensor with %s value%s is ambiguous",
                        n == 0 ? "no" : "more than one", n == 0 ? "s" : "");
}

static int64_t tensor_len(Value self) {
    TENSOR_OR_FAIL(t, self, -1);
    if (t->ndim == 0) return tl_raise_int(ERR_TYPE, "len() of a 0-d tensor");
    return t->shape[0];
}

static int64_t tensor_hash(Value self) { return (int64_t)((uintptr_t)self.as.o >> 4); }

// iter(t) is iter(t.unbind(0)), as in PyTorch.
static Value tensor_iter(Value self) {
    TENSOR_OR_FAIL(t, self, VAL_ERROR);
    if (t->ndim == 0) return tl_raise(ERR_TYPE, "iteration over a 0-d tensor"), VAL_ERROR;
    TensorList l = {0};
    if (lib_op_unbind(t, 0, &l) < 0) return VAL_ERROR;
    Value tu = lib_tuple_of_tensors(l.items, l.n);
    free(l.items);
    if (IS_ERR(tu)) return tu;
    Value it = tuple_iter_new(tu);
    val_decref(tu);
    return it;
}

// `x in t` is (x == t).any().
static int tensor_contains(Value self, Value item) {
    TENSOR_OR_FAIL(t, self, -1);
    Tensor *eq;
    TensorScalar s;
    if (lib_is_tensor(item)) eq = lib_op_binary(OP_EQ, lib_tensor(item), t, NULL);
    else if (lib_scalar(item, &s)) eq = lib_op_binary_scalar(OP_EQ, t, s, NULL);
    else
        return tl_raise_int(ERR_RUNTIME, "Tensor.__contains__ only supports Tensor or scalar, but "
                            "you passed in a <class '%s'>.", val_type_name(item));
    if (!eq) return -1;
    int64_t n = tensor_numel(eq);
    int found = 0;
    for (int64_t i = 0; i < n && !found; i++) found = tensor_get_flat_i64(eq, i) != 0;
    tensor_release(eq);
    return found;
}

TypeObj type_tensor = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "Tensor",
    .module_name = "torch",
    .instance_size = sizeof(ObjTensor),
    .dict_offset = offsetof(ObjTensor, dict),
    .is_native = true,
    .dealloc = tensor_dealloc,
    .call_type = lib_tensor_legacy_new,
    .repr = tensor_repr_slot,
    .hash = tensor_hash,
    .compare = tensor_compare,
    .binary = tensor_binary,
    .unary = tensor_unary,
    .truthy = tensor_truthy,
    .len = tensor_len,
    .getitem = lib_tensor_getitem,
    .setitem = lib_tensor_setitem,
    .contains = tensor_contains,
    .iter = tensor_iter,
};

// The methods come from several files; their tables are concatenated here.
void lib_tensor_type_init(void) {
    if (type_tensor.dict) return;
    const NativeMethodDef *tables[] = {lib_tensor_methods_basic, lib_tensor_methods_shape,
                                       lib_tensor_methods_math, lib_tensor_methods_reduce,
                                       lib_tensor_methods_random, lib_tensor_methods_autograd,
                                       lib_tensor_methods_numpy, lib_nn_tensor_methods, init_method};
    size_t ntables = sizeof tables / sizeof tables[0], n = 0;
    for (size_t k = 0; k < ntables; k++)
        for (const NativeMethodDef *m = tables[k]; m->name; m++) n++;
    NativeMethodDef *all = tl_xcalloc(n + 1, sizeof *all);
    n = 0;
    for (size_t k = 0; k < ntables; k++)
        for (const NativeMethodDef *m = tables[k]; m->name; m++) all[n++] = *m;
    type_tensor.methods = all;
    type_tensor.getset = lib_tensor_getset;
    type_ready(&type_tensor);
}
