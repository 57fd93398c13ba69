// numpy's dtype objects (dtype('float32'), printing `float32`), the scalar
// types (np.float32, np.int64, np.bool_ ...: usable as dtype= and callable)
// and the numpy scalar objects that 0-d results become. float64, int64 and
// bool results are returned as Python float/int/bool, which numpy's scalars
// of those types print and compute exactly like; the other dtypes need
// their own objects (np.float32(0.1) prints `0.1`, not float64's digits).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "lib/numpy_internal.h"
#include "tensor/convert.h"
#include "tensor/print_numpy.h"
#include "vm/modules.h"
#include "vm/str_format.h"

Value np_unsupported(const char *what) {
    return exc_raise(exc_NotImplementedError, "numpy.%s is not supported by tl", what);
}

int np_unsupported_int(const char *what) {
    np_unsupported(what);
    return -1;
}

// ---------------------------------------------------------------- dtype objects

typedef struct {
    Obj base;
    DType dt;
} ObjNpDtype;

static ObjNpDtype dtype_objs[DT__COUNT];

Value np_dtype_value(DType dt) { return val_incref(OBJ_VAL(&dtype_objs[dt])); }

char np_dtype_kind(DType dt) {
    if (dt == DT_BOOL) return 'b';
    if (dt == DT_U8) return 'u';
    return dtype_is_floating(dt) ? 'f' : 'i';
}

static char dtype_char(DType dt) {
    static const char chars[DT__COUNT] = {[DT_BOOL] = '?', [DT_U8] = 'B', [DT_I8] = 'b',
                                          [DT_I16] = 'h', [DT_I32] = 'i', [DT_I64] = 'l',
                                          [DT_F16] = 'e', [DT_F32] = 'f', [DT_F64] = 'd'};
    return chars[dt];
}

int np_check_dtype(DType dt) {
    if (dt == DT_BF16) return tl_raise_int(ERR_TYPE, "data type 'bfloat16' not understood");
    return 0;
}

// Names numpy accepts in dtype= strings, with the ones tl lacks marked -1.
static const struct { const char *name; int dt; } dtype_names[] = {
    {"float64", DT_F64}, {"f8", DT_F64}, {"d", DT_F64}, {"float", DT_F64}, {"double", DT_F64},
    {"float_", DT_F64}, {"float32", DT_F32}, {"f4", DT_F32}, {"f", DT_F32}, {"single", DT_F32},
    {"float16", DT_F16}, {"f2", DT_F16}, {"e", DT_F16}, {"half", DT_F16},
    {"int64", DT_I64}, {"i8", DT_I64}, {"l", DT_I64}, {"q", DT_I64}, {"int", DT_I64},
    {"int_", DT_I64}, {"long", DT_I64}, {"longlong", DT_I64}, {"intp", DT_I64},
    {"int32", DT_I32}, {"i4", DT_I32}, {"i", DT_I32}, {"intc", DT_I32},
    {"int16", DT_I16}, {"i2", DT_I16}, {"h", DT_I16}, {"short", DT_I16},
    {"int8", DT_I8}, {"i1", DT_I8}, {"b", DT_I8}, {"byte", DT_I8},
    {"uint8", DT_U8}, {"u1", DT_U8}, {"B", DT_U8}, {"ubyte", DT_U8},
    {"bool", DT_BOOL}, {"?", DT_BOOL}, {"b1", DT_BOOL}, {"bool_", DT_BOOL},
    {"uint16", -1}, {"uint32", -1}, {"uint64", -1}, {"uint", -1}, {"u2", -1}, {"u4", -1},
    {"u8", -1}, {"complex64", -1}, {"complex128", -1}, {"complex", -1}, {"c8", -1},
    {"c16", -1}, {"longdouble", -1}, {"float128", -1}, {"object", -1}, {"O", -1},
    {"str", -1}, {"U", -1}, {"datetime64", -1}, {"timedelta64", -1},
};

static int dtype_from_string(const char *s, DType *out) {
    const char *name = s;
    if ((*s == '<' || *s == '=' || *s == '|') && s[1]) name = s + 1;   // native byte order
    for (size_t i = 0; i < sizeof dtype_names / sizeof dtype_names[0]; i++)
        if (strcmp(name, dtype_names[i].name) == 0) {
            if (dtype_names[i].dt < 0) return np_unsupported_int(name);
            *out = (DType)dtype_names[i].dt;
            return 1;
        }
    return tl_raise_int(ERR_TYPE, "data type '%s' not understood", s);
}

static TypeObj scalar_types[DT__COUNT];

int np_arg_dtype(Value v, DType *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    if (IS_OBJ(v) && v.as.o->type == &type_np_dtype) {
        *out = ((ObjNpDtype *)v.as.o)->dt;
        return 1;
    }
    if (IS_OBJ(v)) {
        Obj *o = v.as.o;
        if (o == (Obj *)&type_float) { *out = DT_F64; return 1; }
        if (o == (Obj *)&type_int) { *out = DT_I64; return 1; }
        if (o == (Obj *)&type_bool) { *out = DT_BOOL; return 1; }
        for (int i = 0; i < DT__COUNT; i++)
            if (o == (Obj *)&scalar_types[i] && scalar_types[i].name) {
                *out = (DType)i;
                return 1;
            }
        if (val_is_str(v)) return dtype_from_string(val_cstr(v), out);
    }
    Value r = val_repr(v);
    if (IS_ERR(r)) return -1;
    tl_raise(ERR_TYPE, "Cannot interpret '%s' as a data type", val_cstr(r));
    val_decref(r);
    return -1;
}

static Value dtype_str(Value self) { return str_value(dtype_name(((ObjNpDtype *)self.as.o)->dt)); }

static Value dtype_repr(Value self) {
    char buf[48];
    snprintf(buf, sizeof buf, "dtype('%s')", dtype_name(((ObjNpDtype *)self.as.o)->dt));
    return str_value(buf);
}

// dtype == np.float32, == 'float32', == float: equal when they name the same dtype.
static Value dtype_compare(Value a, Value b, CompareOp op) {
    if (op != CMP_EQ && op != CMP_NE) return VAL_UNDEFINED;
    DType other = DT_F64;
    int r = np_arg_dtype(b, &other);
    if (r < 0) tl_error_clear();
    bool eq = r > 0 && other == ((ObjNpDtype *)a.as.o)->dt;
    return BOOL_VAL(op == CMP_EQ ? eq : !eq);
}

static int64_t dtype_hash(Value self) { return (int64_t)((uintptr_t)self.as.o >> 4); }

static Value dtype_call(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    (void)type;
    if (arg_check_count("dtype", nargs, 1, 1) < 0 || arg_no_kwargs("dtype", kw) < 0) return VAL_ERROR;
    DType dt = DT_F64;   // np.dtype(None) is float64
    if (np_arg_dtype(args[0], &dt) < 0 || np_check_dtype(dt) < 0) return VAL_ERROR;
    return np_dtype_value(dt);
}

static DType dtype_of(Value self) { return ((ObjNpDtype *)self.as.o)->dt; }
static Value dt_name(Value self) { return str_value(dtype_name(dtype_of(self))); }
static Value dt_itemsize(Value self) { return INT_VAL((int64_t)dtype_size(dtype_of(self))); }
static Value dt_kind(Value self) { return str_value_n((char[]){np_dtype_kind(dtype_of(self))}, 1); }
static Value dt_char(Value self) { return str_value_n((char[]){dtype_char(dtype_of(self))}, 1); }
static Value dt_type(Value self) { return val_incref(OBJ_VAL(np_scalar_type(dtype_of(self)))); }

static const NativeGetSetDef dtype_getset[] = {
    {"name", dt_name, NULL, NULL},
    {"itemsize", dt_itemsize, NULL, NULL},
    {"kind", dt_kind, NULL, NULL},
    {"char", dt_char, NULL, NULL},
    {"type", dt_type, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

TypeObj type_np_dtype = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "dtype",
    .module_name = "numpy",
    .instance_size = sizeof(ObjNpDtype),
    .is_native = true,
    .call_type = dtype_call,
    .repr = dtype_repr,
    .str = dtype_str,
    .hash = dtype_hash,
    .compare = dtype_compare,
    .getset = dtype_getset,
};

// ---------------------------------------------------------------- scalars

TypeObj *np_scalar_type(DType dt) { return scalar_types[dt].name ? &scalar_types[dt] : NULL; }

bool np_is_scalar_obj(Value v) {
    if (!IS_OBJ(v)) return false;
    TypeObj *t = v.as.o->type;
    return t >= scalar_types && t < scalar_types + DT__COUNT;
}

Tensor *np_arraylike_tensor(Value v) {
    if (lib_is_ndarray(v) || np_is_scalar_obj(v)) return np_tensor(v);
    return NULL;
}

Value np_wrap(Tensor *t) { return lib_ndarray_wrap(t); }

static Value wrap_scalar(DType dt, Tensor *t) {
    ObjNdarray *o = (ObjNdarray *)obj_alloc(&scalar_types[dt], sizeof(ObjNdarray));
    if (!o) {
        tensor_release(t);
        return VAL_ERROR;
    }
    o->t = t;
    return OBJ_VAL(o);
}

Value np_element(const Tensor *t, int64_t i) {
    switch (t->dtype) {
    case DT_F64: return FLOAT_VAL(tensor_get_flat(t, i));
    case DT_I64: return INT_VAL(tensor_get_flat_i64(t, i));
    case DT_BOOL: return BOOL_VAL(tensor_get_flat_i64(t, i) != 0);
    default: break;
    }
    // A numpy scalar owns its value: a copy, never a view of the array.
    Tensor *s = tensor_empty(0, NULL, t->dtype);
    if (!s) return VAL_ERROR;
    memcpy(tensor_data(s), (char *)t->storage->data + tensor_flat_offset(t, i) * (int64_t)dtype_size(t->dtype),
           dtype_size(t->dtype));
    return wrap_scalar(t->dtype, s);
}

Value np_scalar_steal(Tensor *t) {
    if (!t) return VAL_ERROR;
    Value v = np_element(t, 0);
    tensor_release(t);
    return v;
}

Value np_result(Tensor *t) {
    if (!t) return VAL_ERROR;
    return t->ndim == 0 ? np_scalar_steal(t) : np_wrap(t);
}

static Value scalar_str(Value self) {
    char *s = tensor_numpy_str(np_tensor(self));
    Value v = str_value(s);
    free(s);
    return v;
}

// The Python number with the scalar's value (float for floating types).
static Value scalar_py(Value self) {
    const Tensor *t = np_tensor(self);
    if (dtype_is_floating(t->dtype)) return FLOAT_VAL(tensor_get_flat(t, 0));
    return INT_VAL(tensor_get_flat_i64(t, 0));
}

static int64_t scalar_hash(Value self) { return val_hash(scalar_py(self)); }

static int scalar_truthy(Value self) { return tensor_get_flat(np_tensor(self), 0) != 0; }

static void scalar_dealloc(Obj *o) {
    ObjNdarray *a = (ObjNdarray *)o;
    tensor_release(a->t);
    a->t = NULL;
}

static Value m_float(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    return FLOAT_VAL(tensor_get_flat(np_tensor(args[0]), 0));
}

static Value m_int(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    Value v = scalar_py(args[0]);
    if (IS_INT(v)) return v;
    return val_call(OBJ_VAL(&type_int), 1, &v, NULL);
}

static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    return INT_VAL(tensor_get_flat_i64(np_tensor(args[0]), 0));
}

static Value m_item(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("item", nargs - 1, 0, 0) < 0 || arg_no_kwargs("item", kw) < 0) return VAL_ERROR;
    return scalar_py(args[0]);
}

// f"{x:.3f}" formats the Python value; an empty spec gives str(x) (numpy's digits).
static Value m_format(int nargs, Value *args, const KwArgs *kw) {
    if (nargs != 2 || kw || !val_is_str(args[1]))
        return exc_raise(exc_TypeError, "__format__() takes exactly one str argument");
    if (AS_STR(args[1])->len == 0) return scalar_str(args[0]);
    return val_format(scalar_py(args[0]), args[1]);
}

static Value m_abs(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    return np_ufunc_unary(NPU_ABS, args[0], VAL_UNDEFINED);
}

static const NativeMethodDef float_scalar_methods[] = {
    {"__abs__", m_abs, NULL},
    {"__float__", m_float, NULL},
    {"__int__", m_int, NULL},
    {"__format__", m_format, NULL},
    {"item", m_item, NULL},
    {"tolist", m_item, NULL},
    {NULL, NULL, NULL},
};

static const NativeMethodDef int_scalar_methods[] = {
    {"__abs__", m_abs, NULL},
    {"__float__", m_float, NULL},
    {"__int__", m_int, NULL},
    {"__index__", m_index, NULL},
    {"__format__", m_format, NULL},
    {"item", m_item, NULL},
    {"tolist", m_item, NULL},
    {NULL, NULL, NULL},
};

static Value s_dtype(Value self) { return np_dtype_value(np_tensor(self)->dtype); }
static Value s_shape(Value self) { (void)self; return OBJ_VAL(tuple_new(0)); }
static Value s_ndim(Value self) { (void)self; return INT_VAL(0); }
static Value s_size(Value self) { (void)self; return INT_VAL(1); }

static const NativeGetSetDef scalar_getset[] = {
    {"dtype", s_dtype, NULL, NULL},
    {"shape", s_shape, NULL, NULL},
    {"ndim", s_ndim, NULL, NULL},
    {"size", s_size, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

// np.float32(x): a scalar from a number (or a string of one), an array of
// that dtype from a sequence; float64/int64/bool_ give Python numbers.
static Value scalar_call(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    DType dt = (DType)(type - scalar_types);
    if (arg_check_count(type->name, nargs, 0, 1) < 0 || arg_no_kwargs(type->name, kw) < 0)
        return VAL_ERROR;
    if (nargs == 0) return np_scalar_steal(tensor_zeros(0, NULL, dt));
    Value x = args[0];
    if (val_is_str(x)) {
        Value num = val_call(OBJ_VAL(dtype_is_floating(dt) ? &type_float : &type_int), 1, &x, NULL);
        if (IS_ERR(num)) return num;
        Value r = scalar_call(type, 1, &num, NULL);
        val_decref(num);
        return r;
    }
    Tensor *t = np_tensor_from_data(x, dt);
    return np_result(t);
}

static void scalar_type_init(DType dt, const char *name) {
    TypeObj *t = &scalar_types[dt];
    t->name = name;
    t->module_name = "numpy";
    t->instance_size = sizeof(ObjNdarray);
    t->is_native = true;
    t->dealloc = scalar_dealloc;
    t->call_type = scalar_call;
    t->repr = scalar_str;
    t->hash = scalar_hash;
    t->compare = np_compare_slot;
    t->binary = np_binary_slot;
    t->unary = np_unary_slot;
    t->truthy = scalar_truthy;
    t->methods = dtype_is_floating(dt) ? float_scalar_methods : int_scalar_methods;
    t->getset = scalar_getset;
    type_ready(t);
}

void np_dtype_init(ObjModule *m) {
    if (!type_np_dtype.dict) {
        type_ready(&type_np_dtype);
        for (int i = 0; i < DT__COUNT; i++) {
            dtype_objs[i].base.refcnt = 1 << 30;   // static: never freed
            dtype_objs[i].base.type = &type_np_dtype;
            dtype_objs[i].dt = (DType)i;
        }
        for (int i = 0; i < DT__COUNT; i++)
            if (i != DT_BF16) scalar_type_init((DType)i, i == DT_BOOL ? "bool_" : dtype_name((DType)i));
    }
    static const struct { const char *name; DType dt; } aliases[] = {
        {"float64", DT_F64}, {"float32", DT_F32}, {"float16", DT_F16}, {"int64", DT_I64},
        {"int32", DT_I32}, {"int16", DT_I16}, {"int8", DT_I8}, {"uint8", DT_U8},
        {"bool_", DT_BOOL}, {"double", DT_F64}, {"float_", DT_F64}, {"single", DT_F32},
        {"half", DT_F16}, {"int_", DT_I64}, {"intp", DT_I64}, {"longlong", DT_I64},
        {"intc", DT_I32}, {"short", DT_I16}, {"byte", DT_I8}, {"ubyte", DT_U8},
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        module_add_value(m, aliases[i].name, val_incref(OBJ_VAL(&scalar_types[aliases[i].dt])));
    module_add_value(m, "dtype", val_incref(OBJ_VAL(&type_np_dtype)));
}
