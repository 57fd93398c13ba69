// numpy 1.24's type promotion for ufunc operands: promote_types over the
// full numpy ladder (including the uint16/32/64 that value-based casting
// can produce and tl lacks), min_scalar_type for scalars mixed with arrays
// of the same or a higher kind, and the "small unsigned" rule that lets a
// positive scalar such as 100 stay int8 next to an int8 array.
#include <math.h>

#include "lib/numpy_internal.h"
#include "tensor/convert.h"

// numpy's types in promotion order within each kind.
typedef enum {
    NT_BOOL, NT_U8, NT_U16, NT_U32, NT_U64, NT_I8, NT_I16, NT_I32, NT_I64, NT_F16, NT_F32, NT_F64
} NpType;

static const char *const nt_names[] = {"bool", "uint8", "uint16", "uint32", "uint64", "int8",
                                       "int16", "int32", "int64", "float16", "float32", "float64"};

static int nt_kind(NpType t) {   // 0 bool, 1 unsigned, 2 signed, 3 float
    return t == NT_BOOL ? 0 : t <= NT_U64 ? 1 : t <= NT_I64 ? 2 : 3;
}

static int nt_size(NpType t) {   // bytes
    static const int size[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8};
    return size[t];
}

static NpType nt_of(int kind, int size) {
    int k = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
    if (kind == 1) return (NpType)(NT_U8 + k);
    if (kind == 2) return (NpType)(NT_I8 + k);
    return (NpType)(NT_F16 + k - 1);
}

static NpType nt_from_dtype(DType dt) {
    switch (dt) {
    case DT_BOOL: return NT_BOOL;
    case DT_U8: return NT_U8;
    case DT_I8: return NT_I8;
    case DT_I16: return NT_I16;
    case DT_I32: return NT_I32;
    case DT_I64: return NT_I64;
    case DT_F16: return NT_F16;
    case DT_F32: return NT_F32;
    default: return NT_F64;
    }
}

static int nt_to_dtype(NpType t, DType *out) {
    static const int map[] = {DT_BOOL, DT_U8, -1, -1, -1, DT_I8, DT_I16, DT_I32, DT_I64,
                              DT_F16, DT_F32, DT_F64};
    if (map[t] < 0) return np_unsupported_int(nt_names[t]);
    *out = (DType)map[t];
    return 0;
}

// numpy's promote_types: the smallest type both cast to safely.
static NpType nt_promote(NpType a, NpType b) {
    int ka = nt_kind(a), kb = nt_kind(b);
    if (a == b || kb == 0) return a;
    if (ka == 0) return b;
    if (ka == kb) return nt_size(a) >= nt_size(b) ? a : b;
    if (ka == 3 || kb == 3) {
        NpType f = ka == 3 ? a : b, i = ka == 3 ? b : a;
        int need = nt_size(i) == 1 ? 2 : nt_size(i) == 2 ? 4 : 8;   // float holding every int value
        return nt_size(f) >= need ? f : nt_of(3, need);
    }
    NpType u = ka == 1 ? a : b, s = ka == 1 ? b : a;
    if (nt_size(s) > nt_size(u)) return s;
    return nt_size(u) < 8 ? nt_of(2, 2 * nt_size(u)) : NT_F64;
}

// A positive scalar that also fits the signed type of its size promotes as
// that signed type next to signed and float types.
static NpType nt_promote_small(NpType a, bool a_small, NpType b, bool b_small) {
    if (a_small && nt_kind(b) >= 2) a = nt_of(2, nt_size(a));
    else if (b_small && nt_kind(a) >= 2) b = nt_of(2, nt_size(b));
    return nt_promote(a, b);
}

int np_promote_types(DType a, DType b, DType *out) {
    return nt_to_dtype(nt_promote(nt_from_dtype(a), nt_from_dtype(b)), out);
}

// numpy's min_scalar_type of a scalar's value.
static NpType min_scalar(DType dt, TensorScalar v, bool *small) {
    *small = false;
    if (dt == DT_BOOL) return NT_BOOL;
    if (dtype_is_floating(dt)) {
        double f = tensor_scalar_as_double(v);
        if ((f > -65000 && f < 65000) || !isfinite(f)) return NT_F16;
        if (dt != DT_F16 && f > -3.4e38 && f < 3.4e38) return NT_F32;
        return nt_from_dtype(dt);
    }
    int64_t i = v.i;
    if (i >= 0) {
        static const struct { uint64_t max; NpType t; } ladder[] = {
            {0xff, NT_U8}, {0xffff, NT_U16}, {0xffffffffULL, NT_U32}, {UINT64_MAX, NT_U64}};
        for (int k = 0;; k++)
            if ((uint64_t)i <= ladder[k].max) {
                *small = (uint64_t)i <= ladder[k].max >> 1;
                return ladder[k].t;
            }
    }
    if (i >= -128) return NT_I8;
    if (i >= -32768) return NT_I16;
    if (i >= INT32_MIN) return NT_I32;
    return NT_I64;
}

static int kind_order(DType dt) {    // numpy's simplified kinds: bool, integer, float
    return dt == DT_BOOL ? 0 : dtype_is_floating(dt) ? 2 : 1;
}

int np_result_type(const NpOperand *ops, int n, DType *out) {
    int max_array = -1, max_scalar = -1;
    for (int i = 0; i < n; i++) {
        int k = kind_order(ops[i].dtype);
        int *m = ops[i].is_scalar ? &max_scalar : &max_array;
        if (k > *m) *m = k;
    }
    bool use_min = max_array >= 0 && max_array >= max_scalar;
    NpType ret = NT_BOOL;
    bool ret_small = false;
    for (int i = 0; i < n; i++) {
        bool small = false;
        NpType t = use_min && ops[i].is_scalar ? min_scalar(ops[i].dtype, ops[i].value, &small)
                                               : nt_from_dtype(ops[i].dtype);
        if (i == 0) {
            ret = t;
            ret_small = small;
        } else {
            ret = nt_promote_small(t, small, ret, ret_small);
            ret_small = small && ret_small;
        }
    }
    return nt_to_dtype(ret, out);
}

// numpy orders kinds bool < unsigned < signed < float for 'same_kind'.
bool np_can_cast_same_kind(DType from, DType to) {
    int kf = nt_kind(nt_from_dtype(from)), kt = nt_kind(nt_from_dtype(to));
    return kf <= kt;
}

// ---------------------------------------------------------------- operands

int np_operand(Value v, NpOperand *op) {
    *op = (NpOperand){0};
    switch (v.tag) {
    case VAL_BOOL: op->dtype = DT_BOOL; op->is_scalar = true; op->value = tensor_scalar_bool(v.as.b); return 1;
    case VAL_INT: op->dtype = DT_I64; op->is_scalar = true; op->value = tensor_scalar_int(v.as.i); return 1;
    case VAL_FLOAT: op->dtype = DT_F64; op->is_scalar = true; op->value = tensor_scalar_float(v.as.f); return 1;
    default: break;
    }
    const Tensor *t = np_arraylike_tensor(v);
    if (!t && (val_is_list(v) || val_is_tuple(v))) {
        if (!(op->owned = np_tensor_from_data(v, -1))) return -1;
        t = op->owned;
    }
    if (!t) return 0;
    op->t = t;
    op->dtype = t->dtype;
    op->is_scalar = t->ndim == 0;
    if (op->is_scalar) op->value = tensor_item(t);
    return 1;
}

void np_operand_free(NpOperand *op) {
    tensor_release(op->owned);
    op->owned = NULL;
}

Tensor *np_operand_tensor(const NpOperand *op, DType dt) {
    if (op->t) return tensor_to_dtype(op->t, dt, false);
    Tensor *s = tensor_from_scalar(op->value, false);
    if (!s) return NULL;
    Tensor *c = tensor_to_dtype(s, dt, false);
    tensor_release(s);
    return c;
}
