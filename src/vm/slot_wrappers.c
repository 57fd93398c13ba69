// Dunder attributes of objects whose behaviour lives in C slots:
// `x.__class__`, `obj.__dict__`, and slot wrappers such as `"ab".__len__()`
// or `t.__add__(u)`, which call the type's slot as Python's wrappers do.
#include <string.h>

#include "vm/attr.h"
#include "vm/object.h"

typedef enum {
    W_LEN, W_REPR, W_STR, W_HASH, W_GETITEM, W_SETITEM, W_DELITEM, W_CONTAINS, W_ITER, W_NEXT,
    W_BOOL, W_CALL, W_CMP, W_BINARY, W_RBINARY, W_IBINARY, W_UNARY,
} WrapperKind;

typedef struct {
    const char *name;
    WrapperKind kind;
    int op;          // CompareOp / BinaryOp / UnaryOp
} WrapperDef;

static const WrapperDef wrappers[] = {
    {"__len__", W_LEN, 0}, {"__repr__", W_REPR, 0}, {"__str__", W_STR, 0}, {"__hash__", W_HASH, 0},
    {"__getitem__", W_GETITEM, 0}, {"__setitem__", W_SETITEM, 0}, {"__delitem__", W_DELITEM, 0},
    {"__contains__", W_CONTAINS, 0}, {"__iter__", W_ITER, 0}, {"__next__", W_NEXT, 0},
    {"__bool__", W_BOOL, 0}, {"__call__", W_CALL, 0},
    {"__lt__", W_CMP, CMP_LT}, {"__le__", W_CMP, CMP_LE}, {"__eq__", W_CMP, CMP_EQ},
    {"__ne__", W_CMP, CMP_NE}, {"__gt__", W_CMP, CMP_GT}, {"__ge__", W_CMP, CMP_GE},
    {"__add__", W_BINARY, BIN_ADD}, {"__sub__", W_BINARY, BIN_SUB}, {"__mul__", W_BINARY, BIN_MUL},
    {"__matmul__", W_BINARY, BIN_MATMUL}, {"__truediv__", W_BINARY, BIN_TRUEDIV},
    {"__floordiv__", W_BINARY, BIN_FLOORDIV}, {"__mod__", W_BINARY, BIN_MOD}, {"__pow__", W_BINARY, BIN_POW},
    {"__and__", W_BINARY, BIN_AND}, {"__or__", W_BINARY, BIN_OR}, {"__xor__", W_BINARY, BIN_XOR},
    {"__radd__", W_RBINARY, BIN_ADD}, {"__rsub__", W_RBINARY, BIN_SUB}, {"__rmul__", W_RBINARY, BIN_MUL},
    {"__rtruediv__", W_RBINARY, BIN_TRUEDIV}, {"__rpow__", W_RBINARY, BIN_POW},
    {"__iadd__", W_IBINARY, BIN_ADD}, {"__isub__", W_IBINARY, BIN_SUB}, {"__imul__", W_IBINARY, BIN_MUL},
    {"__itruediv__", W_IBINARY, BIN_TRUEDIV},
    {"__neg__", W_UNARY, UN_NEG}, {"__pos__", W_UNARY, UN_POS}, {"__invert__", W_UNARY, UN_INVERT},
};

// A bound wrapper: a native object whose self is a (receiver, wrapper index) pair.
static Value call_wrapper(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    ObjTuple *bound = AS_TUPLE(args[0]);
    Value self = bound->items[0];
    const WrapperDef *w = &wrappers[bound->items[1].as.i];
    Value *rest = args + 1;
    int n = nargs - 1;
    int want = (w->kind == W_SETITEM) ? 2
             : (w->kind == W_GETITEM || w->kind == W_DELITEM || w->kind == W_CONTAINS || w->kind == W_CMP ||
                w->kind == W_BINARY || w->kind == W_RBINARY || w->kind == W_IBINARY) ? 1 : 0;
    if (w->kind == W_CALL) return val_call(self, n, rest, kw);
    if (arg_check_count(w->name, n, want, want) < 0) return VAL_ERROR;
    switch (w->kind) {
    case W_LEN: { int64_t len = val_len(self); return len < 0 ? VAL_ERROR : INT_VAL(len); }
    case W_REPR: return val_repr(self);
    case W_STR: return val_str(self);
    case W_HASH: { int64_t h = val_hash(self); return h == -1 && tl_error_pending() ? VAL_ERROR : INT_VAL(h); }
    case W_GETITEM: return val_getitem(self, rest[0]);
    case W_SETITEM: return val_setitem(self, rest[0], rest[1]) < 0 ? VAL_ERROR : NONE_VAL;
    case W_DELITEM: return val_delitem(self, rest[0]) < 0 ? VAL_ERROR : NONE_VAL;
    case W_CONTAINS: { int c = val_contains(self, rest[0]); return c < 0 ? VAL_ERROR : BOOL_VAL(c); }
    case W_ITER: return val_iter(self);
    case W_NEXT: {
        Value v = val_next(self);
        if (IS_UNDEF(v)) return exc_raise(exc_StopIteration, "%s", "");
        return v;
    }
    case W_BOOL: { int t = val_truthy(self); return t < 0 ? VAL_ERROR : BOOL_VAL(t); }
    case W_CMP: return val_compare(self, rest[0], (CompareOp)w->op);
    case W_BINARY: return val_binary((BinaryOp)w->op, self, rest[0]);
    case W_RBINARY: return val_binary((BinaryOp)w->op, rest[0], self);
    case W_IBINARY: return val_inplace((BinaryOp)w->op, self, rest[0]);
    case W_UNARY: return val_unary((UnaryOp)w->op, self);
    default: return VAL_UNDEFINED;
    }
}

static bool type_has_slot(TypeObj *t, const WrapperDef *w) {
    switch (w->kind) {
    case W_LEN: return t->len != NULL;
    case W_REPR: case W_STR: case W_HASH: case W_BOOL: return true;
    case W_GETITEM: return t->getitem != NULL;
    case W_SETITEM: case W_DELITEM: return t->setitem != NULL;
    case W_CONTAINS: return t->contains != NULL || t->iter != NULL;
    case W_ITER: return t->iter != NULL;
    case W_NEXT: return t->next != NULL;
    case W_CALL: return t->call != NULL;
    case W_CMP: return true;
    case W_BINARY: case W_RBINARY: case W_IBINARY: return t->binary != NULL || t == &type_int || t == &type_float;
    case W_UNARY: return t->unary != NULL || t == &type_int || t == &type_float;
    }
    return false;
}

Value slot_wrapper_getattr(Value obj, ObjStr *name) {
    const char *n = name->data;
    if (n[0] != '_' || n[1] != '_') return VAL_UNDEFINED;
    TypeObj *t = val_type(obj);
    if (strcmp(n, "__class__") == 0) return val_incref(OBJ_VAL(t));
    if (strcmp(n, "__dict__") == 0 && t->dict_offset && IS_OBJ(obj)) {
        ObjDict **slot = (ObjDict **)((char *)obj.as.o + t->dict_offset);
        if (!*slot) *slot = dict_new();
        return val_incref(OBJ_VAL(*slot));
    }
    if (strcmp(n, "__doc__") == 0) return t->doc ? str_value(t->doc) : NONE_VAL;
    for (size_t i = 0; i < sizeof wrappers / sizeof wrappers[0]; i++) {
        if (strcmp(wrappers[i].name, n) != 0 || !type_has_slot(t, &wrappers[i])) continue;
        Value fn = native_new(wrappers[i].name, call_wrapper, NULL);
        Value bound = tuple_pack(2, val_incref(obj), INT_VAL((int64_t)i));
        Value m = bound_method_new(fn, bound);
        val_decref(fn);
        val_decref(bound);
        return m;
    }
    return VAL_UNDEFINED;
}
