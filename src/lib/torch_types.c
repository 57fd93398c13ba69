// The small value types of the torch module: torch.dtype (one singleton per
// dtype), torch.device, torch.Size (a tuple subclass whose slicing, + and *
// stay Sizes) and the torch.return_types tuples (values, indices).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tensor_internal.h"
#include "vm/modules.h"
#include "tensor/print.h"
#include "vm/containers.h"

// ---------------------------------------------------------------- dtype

typedef struct {
    Obj base;
    DType dt;
} ObjDtype;

static ObjDtype dtype_objs[DT__COUNT];

Value lib_dtype_value(DType dt) { return val_incref(OBJ_VAL(&dtype_objs[dt])); }
bool lib_is_dtype(Value v) { return IS_OBJ(v) && v.as.o->type == &type_dtype; }
DType lib_dtype_of(Value v) { return ((ObjDtype *)v.as.o)->dt; }

int lib_arg_dtype(Value v, const char *fname, DType *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    if (lib_is_dtype(v)) {
        *out = lib_dtype_of(v);
        return 1;
    }
    if (IS_OBJ(v) && v.as.o == (Obj *)&type_float) { *out = DT_F64; return 1; }
    if (IS_OBJ(v) && v.as.o == (Obj *)&type_int) { *out = DT_I64; return 1; }
    if (IS_OBJ(v) && v.as.o == (Obj *)&type_bool) { *out = DT_BOOL; return 1; }
    return tl_raise_int(ERR_TYPE, "%s(): argument 'dtype' must be torch.dtype, not %s", fname,
                        val_type_name(v));
}

static Value dtype_repr(Value self) {
    char buf[32];
    snprintf(buf, sizeof buf, "torch.%s", dtype_name(lib_dtype_of(self)));
    return str_value(buf);
}

static int64_t identity_hash(Value self) { return (int64_t)((uintptr_t)self.as.o >> 4); }

static Value dtype_is_floating_get(Value self) { return BOOL_VAL(dtype_is_floating(lib_dtype_of(self))); }
static Value dtype_is_complex_get(Value self) { (void)self; return BOOL_VAL(false); }
static Value dtype_is_signed_get(Value self) {
    DType dt = lib_dtype_of(self);
    return BOOL_VAL(dt != DT_BOOL && dt != DT_U8);
}
static Value dtype_itemsize_get(Value self) { return INT_VAL((int64_t)dtype_size(lib_dtype_of(self))); }

static const NativeGetSetDef dtype_getset[] = {
    {"is_floating_point", dtype_is_floating_get, NULL, NULL},
    {"is_complex", dtype_is_complex_get, NULL, NULL},
    {"is_signed", dtype_is_signed_get, NULL, NULL},
    {"itemsize", dtype_itemsize_get, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

TypeObj type_dtype = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "dtype",
    .module_name = "torch",
    .instance_size = sizeof(ObjDtype),
    .is_native = true,
    .is_abstract_native = true,
    .repr = dtype_repr,
    .hash = identity_hash,
    .getset = dtype_getset,
};

// torch.float32, torch.float, ... (and the complex/quantized names tl lacks are absent).
void lib_torch_add_dtypes(ObjModule *m) {
    static const struct { const char *name; DType dt; } names[] = {
        {"float32", DT_F32}, {"float", DT_F32}, {"float64", DT_F64}, {"double", DT_F64},
        {"float16", DT_F16}, {"half", DT_F16}, {"bfloat16", DT_BF16}, {"int64", DT_I64},
        {"long", DT_I64}, {"int32", DT_I32}, {"int", DT_I32}, {"int16", DT_I16},
        {"short", DT_I16}, {"int8", DT_I8}, {"uint8", DT_U8}, {"bool", DT_BOOL},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        module_add_value(m, names[i].name, lib_dtype_value(names[i].dt));
}

// ---------------------------------------------------------------- device

typedef struct {
    Obj base;
    Device d;
} ObjDevice;

Value lib_device_value(Device d) {
    ObjDevice *o = (ObjDevice *)obj_alloc(&type_device, sizeof(ObjDevice));
    if (!o) return VAL_ERROR;
    o->d = d;
    return OBJ_VAL(o);
}

static int parse_device_string(const char *s, Device *out) {
    const char *colon = strchr(s, ':');
    size_t n = colon ? (size_t)(colon - s) : strlen(s);
    if (n == 3 && strncmp(s, "cpu", 3) == 0) *out = (Device){DEV_CPU, -1};
    else if (n == 4 && strncmp(s, "cuda", 4) == 0) *out = (Device){DEV_CUDA, -1};
    else
        return tl_raise_int(ERR_RUNTIME, "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, "
                            "ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone "
                            "device type at start of device string: %s", s);
    if (colon) {
        char *end;
        long idx = strtol(colon + 1, &end, 10);
        if (*end || end == colon + 1 || idx < 0)
            return tl_raise_int(ERR_RUNTIME, "Invalid device string: '%s'", s);
        out->index = (int)idx;
    }
    if (out->type == DEV_CPU && out->index > 0)
        return tl_raise_int(ERR_RUNTIME, "CPU device index must be -1 or zero, got %d", out->index);
    return 0;
}

int lib_arg_device(Value v, Device *out) {
    if (IS_OBJ(v) && v.as.o->type == &type_device) {
        *out = ((ObjDevice *)v.as.o)->d;
        return 0;
    }
    if (val_is_str(v)) return parse_device_string(val_cstr(v), out);
    if (IS_INT(v)) {
        if (v.as.i < 0) return tl_raise_int(ERR_RUNTIME, "Device index must not be negative");
        *out = (Device){DEV_CUDA, (int)v.as.i};
        return 0;
    }
    return tl_raise_int(ERR_TYPE, "expected a torch.device, a string or an int, not %s",
                        val_type_name(v));
}

int lib_check_device(Device d) {
    if (d.type == DEV_CPU) return 0;
    return tl_raise_int(ERR_ASSERTION, "Torch not compiled with CUDA enabled");
}

static Value device_call(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    (void)type;
    static const char *const names[] = {"type", "index"};
    Value a[2];
    if (LIB_BIND("device", nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "device() missing required argument 'type'");
    Device d;
    if (lib_arg_device(a[0], &d) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) {
        if (val_is_str(a[0]) && strchr(val_cstr(a[0]), ':'))
            return exc_raise(exc_class_for_kind(ERR_RUNTIME),
                             "type (string) must not include an index because index was passed "
                             "explicitly: %s", val_cstr(a[0]));
        int64_t idx;
        if (lib_arg_int(a[1], "device", "index", &idx) < 0) return VAL_ERROR;
        d.index = (int)idx;
    }
    return lib_device_value(d);
}

static const char *device_type_name(Device d) { return d.type == DEV_CPU ? "cpu" : "cuda"; }

static Value device_repr(Value self) {
    Device d = ((ObjDevice *)self.as.o)->d;
    char buf[64];
    if (d.index >= 0) snprintf(buf, sizeof buf, "device(type='%s', index=%d)", device_type_name(d), d.index);
    else snprintf(buf, sizeof buf, "device(type='%s')", device_type_name(d));
    return str_value(buf);
}

static Value device_str(Value self) {
    Device d = ((ObjDevice *)self.as.o)->d;
    char buf[32];
    if (d.index >= 0) snprintf(buf, sizeof buf, "%s:%d", device_type_name(d), d.index);
    else snprintf(buf, sizeof buf, "%s", device_type_name(d));
    return str_value(buf);
}

static Value device_compare(Value a, Value b, CompareOp op) {
    if ((op != CMP_EQ && op != CMP_NE) || !IS_OBJ(b) || b.as.o->type != &type_device) return VAL_UNDEFINED;
    Device x = ((ObjDevice *)a.as.o)->d, y = ((ObjDevice *)b.as.o)->d;
    bool eq = x.type == y.type && x.index == y.index;
    return BOOL_VAL(op == CMP_EQ ? eq : !eq);
}

static int64_t device_hash(Value self) {
    Device d = ((ObjDevice *)self.as.o)->d;
    return (int64_t)d.type * 1000003 + d.index + 2;
}

static Value device_type_get(Value self) { return str_value(device_type_name(((ObjDevice *)self.as.o)->d)); }
static Value device_index_get(Value self) {
    int i = ((ObjDevice *)self.as.o)->d.index;
    return i < 0 ? NONE_VAL : INT_VAL(i);
}

static const NativeGetSetDef device_getset[] = {
    {"type", device_type_get, NULL, NULL},
    {"index", device_index_get, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

TypeObj type_device = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "device",
    .module_name = "torch",
    .instance_size = sizeof(ObjDevice),
    .is_native = true,
    .call_type = device_call,
    .repr = device_repr,
    .str = device_str,
    .compare = device_compare,
    .hash = device_hash,
    .getset = device_getset,
};

// ---------------------------------------------------------------- Size

Value lib_size_new(int ndim, const int64_t *shape) {
    ObjTuple *t = tuple_new(ndim);
    if (!t) return VAL_ERROR;
    t->base.type = &type_size;
    for (int i = 0; i < ndim; i++) t->items[i] = INT_VAL(shape[i]);
    return OBJ_VAL(t);
}

// Re-types a fresh tuple result as a Size (slices, +, *).
static Value as_size(Value v) {
    if (!IS_ERR(v) && val_is_tuple(v) && v.as.o->refcnt == 1) v.as.o->type = &type_size;
    else if (!IS_ERR(v) && val_is_tuple(v)) {
        ObjTuple *src = AS_TUPLE(v);
        Value s = tuple_from_array(src->items, src->len);
        val_decref(v);
        if (IS_ERR(s)) return s;
        s.as.o->type = &type_size;
        return s;
    }
    return v;
}

static Value size_repr(Value self) {
    ObjTuple *t = AS_TUPLE(self);
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "torch.Size([");
    for (int64_t i = 0; i < t->len; i++) {
        if (i) sb_append(&sb, ", ");
        if (val_repr_to(t->items[i], &sb) < 0) {
            sb_free(&sb);
            return VAL_ERROR;
        }
    }
    sb_append(&sb, "])");
    return str_from_buf(&sb);
}

static Value size_getitem(Value self, Value key) {
    Value r = type_tuple.getitem(self, key);
    if (IS_OBJ(key) && key.as.o->type == &type_slice) return as_size(r);
    return r;
}

static Value size_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    Value r = type_tuple.binary(op, a, b, reflected, inplace);
    if (IS_ERR(r) || IS_UNDEF(r)) return r;
    if (op == BIN_MUL || (op == BIN_ADD && !reflected)) return as_size(r);
    return r;
}

static Value size_call(Value self, int nargs, Value *args, const KwArgs *kw) {
    (void)self, (void)nargs, (void)args, (void)kw;
    return exc_raise(exc_TypeError, "'torch.Size' object is not callable");
}

static Value size_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    (void)type;
    if (arg_no_kwargs("Size", kw) < 0) return VAL_ERROR;
    if (nargs > 1) return exc_raise(exc_TypeError, "Size expected at most 1 argument, got %d", nargs);
    if (nargs == 0) return lib_size_new(0, NULL);
    int n;
    int64_t shape[64];
    if (lib_arg_int_list(args[0], "Size", "sizes", &n, shape, 64) < 0) return VAL_ERROR;
    if (!lib_is_seq(args[0]) && !lib_is_tensor(args[0]))
        return exc_raise(exc_TypeError, "'%s' object is not iterable", val_type_name(args[0]));
    return lib_size_new(n, shape);
}

static Value size_numel(int nargs, Value *args, const KwArgs *kw) {
    if (lib_no_args("numel", nargs, kw) < 0) return VAL_ERROR;
    ObjTuple *t = AS_TUPLE(args[0]);
    int64_t n = 1;
    for (int64_t i = 0; i < t->len; i++) n *= IS_INT(t->items[i]) ? t->items[i].as.i : 1;
    return INT_VAL(n);
}

static const NativeMethodDef size_methods[] = {
    {"numel", size_numel, "Returns the number of elements a Tensor of this size would hold."},
    {NULL, NULL, NULL},
};

TypeObj type_size = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "Size",
    .module_name = "torch",
    .base_type = &type_tuple,
    .instance_size = sizeof(ObjTuple),
    .is_native = true,
    .call_type = size_call_type,
    .repr = size_repr,
    .getitem = size_getitem,
    .binary = size_binary,
    .call = size_call,
    .methods = size_methods,
};

// ---------------------------------------------------------------- return_types

static const char *const rt_names[RT__COUNT] = {
    [RT_MAX] = "max", [RT_MIN] = "min", [RT_SORT] = "sort", [RT_TOPK] = "topk",
    [RT_KTHVALUE] = "kthvalue", [RT_MEDIAN] = "median", [RT_MODE] = "mode",
    [RT_AMINMAX] = "aminmax", [RT_CUMMAX] = "cummax", [RT_CUMMIN] = "cummin",
    [RT_NANMEDIAN] = "nanmedian",
};
static TypeObj rt_types[RT__COUNT];

static const char *rt_field(Value self, int i) {
    bool minmax = self.as.o->type == &rt_types[RT_AMINMAX];
    return minmax ? (i ? "max" : "min") : (i ? "indices" : "values");
}

static Value rt_repr(Value self) {
    ObjTuple *t = AS_TUPLE(self);
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "torch.return_types.%s(", self.as.o->type->name);
    for (int64_t i = 0; i < t->len; i++) {
        sb_printf(&sb, "\n%s=", rt_field(self, (int)i));
        if (val_repr_to(t->items[i], &sb) < 0) {
            sb_free(&sb);
            return VAL_ERROR;
        }
        if (i + 1 < t->len) sb_append_char(&sb, ',');
    }
    sb_append_char(&sb, ')');
    return str_from_buf(&sb);
}

static Value rt_first(Value self) { return val_incref(AS_TUPLE(self)->items[0]); }
static Value rt_second(Value self) { return val_incref(AS_TUPLE(self)->items[1]); }

static const NativeGetSetDef rt_getset[] = {
    {"values", rt_first, NULL, NULL},
    {"indices", rt_second, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};
static const NativeGetSetDef rt_minmax_getset[] = {
    {"min", rt_first, NULL, NULL},
    {"max", rt_second, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

Value lib_return_pair(ReturnTypeKind kind, Tensor *a, Tensor *b) {
    Tensor *ts[2] = {a, b};
    Value t = lib_tuple_of_tensors(ts, 2);
    if (!IS_ERR(t)) t.as.o->type = &rt_types[kind];
    return t;
}

ObjModule *lib_torch_return_types_module(void) {
    ObjModule *m = module_new("torch.return_types");
    if (!m) return NULL;
    for (int k = 0; k < RT__COUNT; k++)
        module_add_value(m, rt_names[k], val_incref(OBJ_VAL(&rt_types[k])));
    return m;
}

// ---------------------------------------------------------------- finfo / iinfo

typedef struct {
    Obj base;
    DType dt;
} ObjTypeInfo;

typedef struct {
    int bits;
    double eps, max, tiny, resolution;
} FloatInfo;

static FloatInfo float_info(DType dt) {
    switch (dt) {
    case DT_F64: return (FloatInfo){64, 2.220446049250313e-16, 1.7976931348623157e+308, 2.2250738585072014e-308, 1e-15};
    case DT_F16: return (FloatInfo){16, 0.0009765625, 65504.0, 6.103515625e-05, 0.001};
    case DT_BF16: return (FloatInfo){16, 0.0078125, 3.3895313892515355e+38, 1.1754943508222875e-38, 0.01};
    default: return (FloatInfo){32, 1.1920928955078125e-07, 3.4028234663852886e+38, 1.1754943508222875e-38, 1e-06};
    }
}

static void int_range(DType dt, int64_t *lo, int64_t *hi) {
    switch (dt) {
    case DT_U8: *lo = 0; *hi = 255; break;
    case DT_I8: *lo = -128; *hi = 127; break;
    case DT_I16: *lo = -32768; *hi = 32767; break;
    case DT_I32: *lo = INT32_MIN; *hi = INT32_MAX; break;
    default: *lo = INT64_MIN; *hi = INT64_MAX; break;
    }
}

static Value info_new(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    bool fl = type == &type_finfo;
    const char *fname = fl ? "finfo" : "iinfo";
    if (arg_no_kwargs(fname, kw) < 0 || arg_check_count(fname, nargs, fl ? 0 : 1, 1) < 0) return VAL_ERROR;
    DType dt = dtype_default_float();
    if (nargs && lib_arg_dtype(args[0], fname, &dt) <= 0) {
        if (!tl_error_pending()) tl_raise(ERR_TYPE, "%s(): argument 'type' must be torch.dtype", fname);
        return VAL_ERROR;
    }
    if (fl && !dtype_is_floating(dt))
        return exc_raise(exc_TypeError, "torch.finfo() requires a floating point input type. Use "
                         "torch.iinfo to handle 'torch.finfo'");
    if (!fl && (dtype_is_floating(dt) || dt == DT_BOOL))
        return exc_raise(exc_TypeError, "torch.iinfo() requires an integer input type. Use "
                         "torch.finfo to handle 'torch.iinfo'");
    ObjTypeInfo *o = (ObjTypeInfo *)obj_alloc(type, sizeof(ObjTypeInfo));
    if (!o) return VAL_ERROR;
    o->dt = dt;
    return OBJ_VAL(o);
}

static Value info_getattr(Value self, ObjStr *name) {
    ObjTypeInfo *o = (ObjTypeInfo *)self.as.o;
    const char *n = name->data;
    if (strcmp(n, "dtype") == 0) return str_value(dtype_name(o->dt));
    if (strcmp(n, "bits") == 0) return INT_VAL((int64_t)dtype_size(o->dt) * 8);
    if (self.as.o->type == &type_iinfo) {
        int64_t lo, hi;
        int_range(o->dt, &lo, &hi);
        if (strcmp(n, "min") == 0) return INT_VAL(lo);
        if (strcmp(n, "max") == 0) return INT_VAL(hi);
        return VAL_UNDEFINED;
    }
    FloatInfo f = float_info(o->dt);
    if (strcmp(n, "eps") == 0) return FLOAT_VAL(f.eps);
    if (strcmp(n, "max") == 0) return FLOAT_VAL(f.max);
    if (strcmp(n, "min") == 0) return FLOAT_VAL(-f.max);
    if (strcmp(n, "tiny") == 0 || strcmp(n, "smallest_normal") == 0) return FLOAT_VAL(f.tiny);
    if (strcmp(n, "resolution") == 0) return FLOAT_VAL(f.resolution);
    return VAL_UNDEFINED;
}

static Value info_repr(Value self) {
    ObjTypeInfo *o = (ObjTypeInfo *)self.as.o;
    char buf[256];
    if (self.as.o->type == &type_iinfo) {
        int64_t lo, hi;
        int_range(o->dt, &lo, &hi);
        snprintf(buf, sizeof buf, "iinfo(min=%g, max=%g, dtype=%s)", (double)lo, (double)hi, dtype_name(o->dt));
    } else {
        FloatInfo f = float_info(o->dt);
        snprintf(buf, sizeof buf, "finfo(resolution=%g, min=%g, max=%g, eps=%g, smallest_normal=%g, tiny=%g, "
                 "dtype=%s)", f.resolution, -f.max, f.max, f.eps, f.tiny, f.tiny, dtype_name(o->dt));
    }
    return str_value(buf);
}

TypeObj type_finfo = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "finfo",
    .module_name = "torch",
    .instance_size = sizeof(ObjTypeInfo),
    .is_native = true,
    .call_type = info_new,
    .repr = info_repr,
    .getattr = info_getattr,
};

TypeObj type_iinfo = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "iinfo",
    .module_name = "torch",
    .instance_size = sizeof(ObjTypeInfo),
    .is_native = true,
    .call_type = info_new,
    .repr = info_repr,
    .getattr = info_getattr,
};

// ---------------------------------------------------------------- start-up

void lib_torch_types_init(void) {
    if (type_dtype.dict) return;
    type_ready(&type_dtype);
    for (int i = 0; i < DT__COUNT; i++) {
        dtype_objs[i].base.refcnt = 1 << 30;   // static: never freed
        dtype_objs[i].base.type = &type_dtype;
        dtype_objs[i].dt = (DType)i;
    }
    type_ready(&type_device);
    type_ready(&type_finfo);
    type_ready(&type_iinfo);
    // Size and the return types reuse the tuple's own slots.
    TypeObj *tuples[RT__COUNT + 1];
    tuples[0] = &type_size;
    for (int k = 0; k < RT__COUNT; k++) {
        TypeObj *t = &rt_types[k];
        t->base.refcnt = 1;
        t->base.type = &type_type;
        t->name = rt_names[k];
        t->module_name = "torch.return_types";
        t->base_type = &type_tuple;
        t->instance_size = sizeof(ObjTuple);
        t->is_native = true;
        t->is_abstract_native = true;
        t->repr = rt_repr;
        t->getitem = type_tuple.getitem;
        t->binary = type_tuple.binary;
        t->getset = k == RT_AMINMAX ? rt_minmax_getset : rt_getset;
        tuples[k + 1] = t;
    }
    for (int k = 0; k <= RT__COUNT; k++) {
        TypeObj *t = tuples[k];
        t->dealloc = type_tuple.dealloc;
        t->traverse = type_tuple.traverse;
        t->clear = type_tuple.clear;
        t->hash = type_tuple.hash;
        t->compare = type_tuple.compare;
        t->truthy = type_tuple.truthy;
        t->len = type_tuple.len;
        t->contains = type_tuple.contains;
        t->iter = type_tuple.iter;
        type_ready(t);
    }
}
