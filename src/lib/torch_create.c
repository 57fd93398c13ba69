// Tensor factories of the torch module: empty/zeros/ones/full, the *_like
// forms, arange/linspace/logspace/eye, torch.tensor/as_tensor, and the
// legacy constructors torch.Tensor(5, 3) / torch.FloatTensor([1, 2]) with
// the typed classes (FloatTensor, LongTensor, ...) that x.type() names.
#include <stdio.h>
#include <string.h>

#include "lib/lib_numpy.h"
#include "lib/tensor_internal.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "vm/modules.h"

// ---------------------------------------------------------------- shared parsing

Value lib_factory_finish(Tensor *t, Value device, Value requires_grad) {
    if (!t) return VAL_ERROR;
    Device d;
    if (!IS_UNDEF(device) && !IS_NONE(device) &&
        (lib_arg_device(device, &d) < 0 || lib_check_device(d) < 0)) {
        tensor_release(t);
        return VAL_ERROR;
    }
    if (!IS_UNDEF(requires_grad)) {
        bool on;
        if (lib_arg_bool(requires_grad, "factory", "requires_grad", &on) < 0 ||
            (on && lib_tensor_set_requires_grad(t, true, 2) < 0)) {
            tensor_release(t);
            return VAL_ERROR;
        }
    }
    return lib_tensor_wrap(t);
}

int lib_factory_args(const char *fname, int nargs, Value *args, const KwArgs *kw, FactoryArgs *fa) {
    fa->ndim = 0;
    fa->dtype = -1;
    fa->out = fa->device = fa->requires_grad = fa->generator = VAL_UNDEFINED;
    bool has_size = false;
    for (int k = 0; kw && k < kw->n; k++) {
        const char *n = kw->names[k]->data;
        Value v = kw->values[k];
        if (strcmp(n, "dtype") == 0) {
            DType dt;
            int r = lib_arg_dtype(v, fname, &dt);
            if (r < 0) return -1;
            if (r > 0) fa->dtype = (int)dt;
        } else if (strcmp(n, "out") == 0) fa->out = v;
        else if (strcmp(n, "device") == 0) fa->device = v;
        else if (strcmp(n, "requires_grad") == 0) fa->requires_grad = v;
        else if (strcmp(n, "generator") == 0) fa->generator = v;
        else if (strcmp(n, "size") == 0 && nargs == 0) {
            if (lib_arg_shape(fname, 1, &v, &fa->ndim, fa->shape) < 0) return -1;
            has_size = true;
        } else if (strcmp(n, "layout") != 0 && strcmp(n, "pin_memory") != 0 &&
                   strcmp(n, "memory_format") != 0 && strcmp(n, "names") != 0) {
            return tl_raise_int(ERR_TYPE, "%s() got an unexpected keyword argument '%s'", fname, n);
        }
    }
    if (!has_size) {
        if (nargs == 0)
            return tl_raise_int(ERR_TYPE, "%s() missing 1 required positional arguments: \"size\"", fname);
        if (lib_arg_shape(fname, nargs, args, &fa->ndim, fa->shape) < 0) return -1;
    }
    return 0;
}

// Returns the factory's result: into out= when given, else wrapped.
Value lib_factory_return(Tensor *t, const FactoryArgs *fa) {
    if (!t) return VAL_ERROR;
    if (!IS_UNDEF(fa->out) && !IS_NONE(fa->out)) return lib_return_out_quiet(fa->out, t);
    return lib_factory_finish(t, fa->device, fa->requires_grad);
}

static DType fa_dtype(const FactoryArgs *fa) {
    return fa->dtype < 0 ? dtype_default_float() : (DType)fa->dtype;
}

// ---------------------------------------------------------------- empty / zeros / ones / full

static Value f_empty(int nargs, Value *args, const KwArgs *kw) {
    FactoryArgs fa;
    if (lib_factory_args("empty", nargs, args, kw, &fa) < 0) return VAL_ERROR;
    return lib_factory_return(tensor_empty(fa.ndim, fa.shape, fa_dtype(&fa)), &fa);
}

static Value f_zeros(int nargs, Value *args, const KwArgs *kw) {
    FactoryArgs fa;
    if (lib_factory_args("zeros", nargs, args, kw, &fa) < 0) return VAL_ERROR;
    return lib_factory_return(tensor_zeros(fa.ndim, fa.shape, fa_dtype(&fa)), &fa);
}

static Value f_ones(int nargs, Value *args, const KwArgs *kw) {
    FactoryArgs fa;
    if (lib_factory_args("ones", nargs, args, kw, &fa) < 0) return VAL_ERROR;
    return lib_factory_return(tensor_ones(fa.ndim, fa.shape, fa_dtype(&fa)), &fa);
}

// Splits off a keyword argument [name] from [kw] into *out (borrowed), so
// the rest can go through lib_factory_args. [rest] has room for kw->n.
static void take_kw(const KwArgs *kw, const char *name, Value *out, KwArgs *rest, ObjStr **names,
                    Value *values) {
    *out = VAL_UNDEFINED;
    rest->n = 0;
    rest->names = names;
    rest->values = values;
    for (int k = 0; kw && k < kw->n; k++) {
        if (strcmp(kw->names[k]->data, name) == 0) {
            *out = kw->values[k];
            continue;
        }
        names[rest->n] = kw->names[k];
        values[rest->n++] = kw->values[k];
    }
}

#define MAX_KW 16

static Value f_full(int nargs, Value *args, const KwArgs *kw) {
    Value fill;
    KwArgs rest;
    ObjStr *names[MAX_KW];
    Value values[MAX_KW];
    if (kw && kw->n > MAX_KW) return exc_raise(exc_TypeError, "full(): too many keyword arguments");
    take_kw(kw, "fill_value", &fill, &rest, names, values);
    int nsize = nargs;
    if (IS_UNDEF(fill)) {
        if (nargs < 2)
            return exc_raise(exc_TypeError, "full() missing 1 required positional arguments: \"fill_value\"");
        fill = args[--nsize];
    }
    FactoryArgs fa;
    if (lib_factory_args("full", nsize, args, &rest, &fa) < 0) return VAL_ERROR;
    TensorScalar s;
    if (!lib_scalar_or_item(fill, &s))
        return exc_raise(exc_TypeError, "full(): argument 'fill_value' (position 2) must be Number, not %s",
                         val_type_name(fill));
    DType dt = fa.dtype < 0 ? tensor_full_dtype(s) : (DType)fa.dtype;
    return lib_factory_return(tensor_full(fa.ndim, fa.shape, s, dt), &fa);
}

// ---------------------------------------------------------------- *_like

static Value like(const char *fname, int nargs, Value *args, const KwArgs *kw, int kind) {
    SELF(fname);
    static const char *const names[] = {"fill_value", "dtype", "layout", "device", "pin_memory",
                                        "requires_grad", "memory_format"};
    Value a[7];
    int npos = kind == 3 ? 1 : 0;
    if (LIB_BIND(fname, nargs - 1, args + 1, kw, names, npos, a) < 0) return VAL_ERROR;
    if (kind != 3 && !IS_UNDEF(a[0]))
        return exc_raise(exc_TypeError, "%s() got an unexpected keyword argument 'fill_value'", fname);
    DType dt = self->dtype;
    if (lib_arg_dtype(a[1], fname, &dt) < 0) return VAL_ERROR;
    Tensor *t;
    if (kind == 0) t = tensor_zeros_like(self, dt);
    else if (kind == 1) t = tensor_ones_like(self, dt);
    else if (kind == 2) t = tensor_empty(self->ndim, self->shape, dt);
    else {
        TensorScalar s;
        if (IS_UNDEF(a[0]) || !lib_scalar_or_item(a[0], &s))
            return exc_raise(exc_TypeError, "full_like(): argument 'fill_value' (position 2) must be Number");
        t = tensor_full_like(self, s, dt);
    }
    return lib_factory_finish(t, a[3], a[5]);
}

static Value f_zeros_like(int nargs, Value *args, const KwArgs *kw) { return like("zeros_like", nargs, args, kw, 0); }
static Value f_ones_like(int nargs, Value *args, const KwArgs *kw) { return like("ones_like", nargs, args, kw, 1); }
static Value f_empty_like(int nargs, Value *args, const KwArgs *kw) { return like("empty_like", nargs, args, kw, 2); }
static Value f_full_like(int nargs, Value *args, const KwArgs *kw) { return like("full_like", nargs, args, kw, 3); }

// ---------------------------------------------------------------- ranges

static int range_scalar(Value v, const char *fname, const char *what, TensorScalar *s) {
    if (lib_scalar_or_item(v, s)) return 0;
    return tl_raise_int(ERR_TYPE, "%s(): argument '%s' must be Number, not %s", fname, what,
                        val_type_name(v));
}

// Factory options of a call whose positional arguments are not a size.
static int opts_only(const char *fname, const KwArgs *kw, FactoryArgs *fa) {
    Value dummy = INT_VAL(0);
    return lib_factory_args(fname, 1, &dummy, kw, fa);
}

static Value f_arange(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"start", "end", "step"};
    Value a[3] = {VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED};
    KwArgs rest;
    ObjStr *kn[MAX_KW];
    Value kv[MAX_KW];
    if (kw && kw->n > MAX_KW) return exc_raise(exc_TypeError, "arange(): too many keyword arguments");
    rest = (KwArgs){0, kn, kv};
    for (int k = 0; kw && k < kw->n; k++) {
        int j = 0;
        while (j < 3 && strcmp(names[j], kw->names[k]->data) != 0) j++;
        if (j < 3) a[j] = kw->values[k];
        else { kn[rest.n] = kw->names[k]; kv[rest.n++] = kw->values[k]; }
    }
    if (nargs > 3) return exc_raise(exc_TypeError, "arange() takes at most 3 positional arguments");
    if (nargs == 1 && IS_UNDEF(a[1])) { a[1] = args[0]; a[0] = INT_VAL(0); }
    else for (int i = 0; i < nargs; i++) a[i] = args[i];
    if (IS_UNDEF(a[1])) return exc_raise(exc_TypeError, "arange() missing 1 required positional arguments: \"end\"");
    if (IS_UNDEF(a[0])) a[0] = INT_VAL(0);
    if (IS_UNDEF(a[2])) a[2] = INT_VAL(1);
    FactoryArgs fa;
    TensorScalar s[3];
    if (opts_only("arange", &rest, &fa) < 0) return VAL_ERROR;
    for (int i = 0; i < 3; i++)
        if (range_scalar(a[i], "arange", names[i], &s[i]) < 0) return VAL_ERROR;
    return lib_factory_return(tensor_arange(s[0], s[1], s[2], fa.dtype), &fa);
}

static Value f_linlogspace(int nargs, Value *args, const KwArgs *kw, bool log) {
    const char *fname = log ? "logspace" : "linspace";
    static const char *const names[] = {"start", "end", "steps", "base"};
    Value a[4] = {VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED, VAL_UNDEFINED};
    KwArgs rest;
    ObjStr *kn[MAX_KW];
    Value kv[MAX_KW];
    if (kw && kw->n > MAX_KW) return exc_raise(exc_TypeError, "%s(): too many keyword arguments", fname);
    rest = (KwArgs){0, kn, kv};
    int nn = log ? 4 : 3;
    for (int k = 0; kw && k < kw->n; k++) {
        int j = 0;
        while (j < nn && strcmp(names[j], kw->names[k]->data) != 0) j++;
        if (j < nn) a[j] = kw->values[k];
        else { kn[rest.n] = kw->names[k]; kv[rest.n++] = kw->values[k]; }
    }
    if (nargs > nn) return exc_raise(exc_TypeError, "%s() takes at most %d positional arguments", fname, nn);
    for (int i = 0; i < nargs; i++) a[i] = args[i];
    if (IS_UNDEF(a[2]))
        return exc_raise(exc_TypeError, "%s() missing 1 required positional arguments: \"steps\"", fname);
    FactoryArgs fa;
    double start, end, base = 10.0;
    int64_t steps;
    if (opts_only(fname, &rest, &fa) < 0 || lib_arg_double(a[0], fname, "start", &start) < 0 ||
        lib_arg_double(a[1], fname, "end", &end) < 0 || lib_arg_int(a[2], fname, "steps", &steps) < 0 ||
        (log && !IS_UNDEF(a[3]) && lib_arg_double(a[3], fname, "base", &base) < 0))
        return VAL_ERROR;
    DType dt = fa_dtype(&fa);
    Tensor *t = log ? tensor_logspace(start, end, steps, base, dt) : tensor_linspace(start, end, steps, dt);
    return lib_factory_return(t, &fa);
}

static Value f_linspace(int nargs, Value *args, const KwArgs *kw) { return f_linlogspace(nargs, args, kw, false); }
static Value f_logspace(int nargs, Value *args, const KwArgs *kw) { return f_linlogspace(nargs, args, kw, true); }

static Value f_eye(int nargs, Value *args, const KwArgs *kw) {
    if (nargs < 1 || nargs > 2) return exc_raise(exc_TypeError, "eye() takes 1 or 2 positional arguments");
    FactoryArgs fa;
    int64_t n, m = -1;
    if (opts_only("eye", kw, &fa) < 0 || lib_arg_int(args[0], "eye", "n", &n) < 0 ||
        (nargs == 2 && lib_arg_int(args[1], "eye", "m", &m) < 0))
        return VAL_ERROR;
    if (n < 0) return tl_raise(ERR_RUNTIME, "n must be greater or equal to 0, got %lld", (long long)n), VAL_ERROR;
    if (nargs == 2 && m < 0)
        return tl_raise(ERR_RUNTIME, "m must be greater or equal to 0, got %lld", (long long)m), VAL_ERROR;
    return lib_factory_return(tensor_eye(n, m, fa_dtype(&fa)), &fa);
}

// ---------------------------------------------------------------- tensor(data)

static Value f_tensor(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"data", "dtype", "device", "requires_grad", "pin_memory"};
    Value a[5];
    if (LIB_BIND("tensor", nargs, args, kw, names, 1, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "tensor() missing 1 required positional arguments: \"data\"");
    DType dt;
    int r = lib_arg_dtype(a[1], "tensor", &dt);
    if (r < 0) return VAL_ERROR;
    if (lib_is_tensor(a[0]))
        fprintf(stderr, "UserWarning: To copy construct from a tensor, it is recommended to use "
                "sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), "
                "rather than torch.tensor(sourceTensor).\n");
    Tensor *t = lib_tensor_from_data(a[0], r > 0 ? (int)dt : -1, "new");
    return lib_factory_finish(t, a[2], a[3]);
}

static Value f_as_tensor(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"data", "dtype", "device"};
    Value a[3];
    if (LIB_BIND("as_tensor", nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    DType dt;
    int r = lib_arg_dtype(a[1], "as_tensor", &dt);
    if (r < 0) return VAL_ERROR;
    Tensor *nd = lib_ndarray_tensor_or_null(a[0]);
    if (nd && (r == 0 || dt == nd->dtype))   // as_tensor(ndarray) shares the memory
        return lib_factory_finish(lib_op_detach(nd), a[2], VAL_UNDEFINED);
    if (lib_is_tensor(a[0])) {
        Tensor *t = lib_tensor(a[0]);
        if (r == 0 || dt == t->dtype) return val_incref(a[0]);
        return lib_factory_finish(lib_op_to_dtype(t, dt, false), a[2], VAL_UNDEFINED);
    }
    return lib_factory_finish(lib_tensor_from_data(a[0], r > 0 ? (int)dt : -1, "as_tensor"), a[2],
                              VAL_UNDEFINED);
}

// ---------------------------------------------------------------- legacy constructors

typedef struct {
    TypeObj type;
    DType dt;
} LegacyType;

static LegacyType legacy[] = {
    {{.name = "FloatTensor"}, DT_F32},     {{.name = "DoubleTensor"}, DT_F64},
    {{.name = "HalfTensor"}, DT_F16},      {{.name = "BFloat16Tensor"}, DT_BF16},
    {{.name = "ByteTensor"}, DT_U8},       {{.name = "CharTensor"}, DT_I8},
    {{.name = "ShortTensor"}, DT_I16},     {{.name = "IntTensor"}, DT_I32},
    {{.name = "LongTensor"}, DT_I64},      {{.name = "BoolTensor"}, DT_BOOL},
};
#define NLEGACY (int)(sizeof legacy / sizeof legacy[0])

const char *lib_legacy_type_name(DType dt) {
    static char names[DT__COUNT][32];
    for (int i = 0; i < NLEGACY; i++)
        if (legacy[i].dt == dt) {
            if (!names[dt][0]) snprintf(names[dt], sizeof names[dt], "torch.%s", legacy[i].type.name);
            return names[dt];
        }
    return "torch.Tensor";
}

int lib_legacy_type_dtype(Value v, DType *out) {
    for (int i = 0; i < NLEGACY; i++)
        if (IS_OBJ(v) && v.as.o == (Obj *)&legacy[i].type) {
            *out = legacy[i].dt;
            return 0;
        }
    if (val_is_str(v)) {
        const char *s = val_cstr(v);
        for (int i = 0; i < NLEGACY; i++)
            if (strcmp(s, lib_legacy_type_name(legacy[i].dt)) == 0) {
                *out = legacy[i].dt;
                return 0;
            }
        if (strcmp(s, "torch.Tensor") == 0) {
            *out = dtype_default_float();
            return 0;
        }
        return tl_raise_int(ERR_VALUE, "invalid type: '%s'", s);
    }
    if (IS_OBJ(v) && v.as.o == (Obj *)&type_tensor) {
        *out = dtype_default_float();
        return 0;
    }
    return tl_raise_int(ERR_TYPE, "dtype must be a type, str, or dtype object");
}

// torch.Tensor(5, 3) (uninitialised), torch.Tensor([1, 2]) (data),
// torch.Tensor(torch.Size([2, 3])) (a size), torch.Tensor(t) (an alias).
Value lib_tensor_legacy_new(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    DType dt = dtype_default_float();
    for (int i = 0; i < NLEGACY; i++)
        if (type == &legacy[i].type) dt = legacy[i].dt;
    Value device = VAL_UNDEFINED;
    for (int k = 0; kw && k < kw->n; k++) {
        if (strcmp(kw->names[k]->data, "device") == 0) device = kw->values[k];
        else return exc_raise(exc_TypeError, "new() got an unexpected keyword argument '%s'",
                              kw->names[k]->data);
    }
    if (nargs == 0) return lib_factory_finish(tensor_empty(1, &(int64_t){0}, dt), device, VAL_UNDEFINED);
    if (nargs == 1 && lib_is_tensor(args[0])) {
        Tensor *t = lib_tensor(args[0]);
        if (t->dtype != dt)
            return exc_raise(exc_TypeError, "expected %s (got %s)", dtype_name(dt), dtype_name(t->dtype));
        return lib_tensor_wrap(lib_op_detach(t));
    }
    if (nargs == 1 && lib_ndarray_tensor_or_null(args[0]))
        return lib_factory_finish(lib_tensor_from_data(args[0], (int)dt, "new"), device, VAL_UNDEFINED);
    bool is_size = nargs == 1 && IS_OBJ(args[0]) && args[0].as.o->type == &type_size;
    if (nargs == 1 && !is_size && !IS_INT(args[0]) && !IS_BOOL(args[0])) {
        if (!lib_is_seq(args[0])) {
            if (val_is_number(args[0]))
                return exc_raise(exc_TypeError, "new(): data must be a sequence (got %s)", val_type_name(args[0]));
            return exc_raise(exc_TypeError, "new(): invalid data type '%s'", val_type_name(args[0]));
        }
        return lib_factory_finish(lib_tensor_from_data(args[0], (int)dt, "new"), device, VAL_UNDEFINED);
    }
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    for (int i = 0; i < nargs && !is_size; i++)
        if (!IS_INT(args[i]) && !IS_BOOL(args[i])) {
            if (IS_FLOAT(args[i]))
                return exc_raise(exc_TypeError, "new(): data must be a sequence (got %s)", val_type_name(args[i]));
            return exc_raise(exc_TypeError, "new(): invalid data type '%s'", val_type_name(args[i]));
        }
    if (lib_arg_shape("new", nargs, args, &nd, shape) < 0) return VAL_ERROR;
    return lib_factory_finish(tensor_empty(nd, shape, dt), device, VAL_UNDEFINED);
}

void lib_torch_add_legacy_types(ObjModule *m) {
    for (int i = 0; i < NLEGACY; i++) {
        TypeObj *t = &legacy[i].type;
        if (!t->dict) {
            t->base.refcnt = 1;
            t->base.type = &type_type;
            t->module_name = "torch";
            t->base_type = &type_tensor;
            t->instance_size = sizeof(ObjTensor);
            t->call_type = lib_tensor_legacy_new;
            type_ready(t);
        }
        module_add_value(m, t->name, val_incref(OBJ_VAL(t)));
    }
}

const NativeMethodDef lib_torch_fns_create[] = {
    {"empty", f_empty, NULL},
    {"zeros", f_zeros, NULL},
    {"ones", f_ones, NULL},
    {"full", f_full, NULL},
    {"zeros_like", f_zeros_like, NULL},
    {"ones_like", f_ones_like, NULL},
    {"empty_like", f_empty_like, NULL},
    {"full_like", f_full_like, NULL},
    {"arange", f_arange, NULL},
    {"linspace", f_linspace, NULL},
    {"logspace", f_logspace, NULL},
    {"eye", f_eye, NULL},
    {"tensor", f_tensor, NULL},
    {"as_tensor", f_as_tensor, NULL},
    {NULL, NULL, NULL},
};
