// The torch module itself: assembles the function tables of the tensor_*.c
// and torch_*.c files, the types (Tensor, dtype, device, Size, Generator,
// the legacy typed tensors), the dtype names, torch.cuda / torch.linalg /
// torch.return_types, and the process-wide settings (default dtype, print
// options). Each module is built once and cached, so `import torch.linalg`
// and `torch.linalg` are the same object.
#include <math.h>
#include <string.h>

#include "lib/lib_numpy.h"
#include "lib/lib_torch.h"
#include "lib/tensor_autograd.h"
#include "lib/tensor_internal.h"
#include "lib/torch_nn.h"
#include "tensor/print.h"
#include "vm/modules.h"

static void add_table(ObjModule *m, const NativeMethodDef *fns) {
    for (; fns->name; fns++) module_add_fn(m, fns->name, fns->fn, fns->doc);
}

// ---------------------------------------------------------------- settings

static Value f_get_default_dtype(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_check_count("get_default_dtype", nargs, 0, 0) < 0 || arg_no_kwargs("get_default_dtype", kw) < 0)
        return VAL_ERROR;
    return lib_dtype_value(dtype_default_float());
}

static Value f_set_default_dtype(int nargs, Value *args, const KwArgs *kw) {
    DType dt;
    if (arg_check_count("set_default_dtype", nargs, 1, 1) < 0 || arg_no_kwargs("set_default_dtype", kw) < 0)
        return VAL_ERROR;
    if (lib_arg_dtype(args[0], "set_default_dtype", &dt) <= 0) {
        if (!tl_error_pending()) tl_raise(ERR_TYPE, "set_default_dtype(): argument 'd' must be torch.dtype");
        return VAL_ERROR;
    }
    if (dt != DT_F32 && dt != DT_F64)
        return tl_raise(ERR_TYPE, "only floating-point types are supported as the default type"), VAL_ERROR;
    dtype_set_default_float(dt);
    return NONE_VAL;
}

static Value f_set_printoptions(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"};
    Value a[6];
    if (LIB_BIND("set_printoptions", nargs, args, kw, names, 6, a) < 0) return VAL_ERROR;
    PrintOptions set = PRINT_OPTIONS_DEFAULT;
    unsigned given = 0;
    int64_t i;
    double d;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (lib_arg_int(a[0], "set_printoptions", "precision", &i) < 0) return VAL_ERROR;
        set.precision = (int)i;
        given |= PRINT_OPT_PRECISION;
    }
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) {
        if (lib_arg_double(a[1], "set_printoptions", "threshold", &d) < 0) return VAL_ERROR;
        set.threshold = d;
        given |= PRINT_OPT_THRESHOLD;
    }
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) {
        if (lib_arg_int(a[2], "set_printoptions", "edgeitems", &i) < 0) return VAL_ERROR;
        set.edgeitems = (int)i;
        given |= PRINT_OPT_EDGEITEMS;
    }
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3])) {
        if (lib_arg_int(a[3], "set_printoptions", "linewidth", &i) < 0) return VAL_ERROR;
        set.linewidth = (int)i;
        given |= PRINT_OPT_LINEWIDTH;
    }
    const char *profile = !IS_UNDEF(a[4]) && val_is_str(a[4]) ? val_cstr(a[4]) : NULL;
    int sci = -1;
    if (!IS_UNDEF(a[5]) && !IS_NONE(a[5])) {
        bool b;
        if (lib_arg_bool(a[5], "set_printoptions", "sci_mode", &b) < 0) return VAL_ERROR;
        sci = b;
    }
    tensor_set_printoptions(profile, given, &set, sci);
    return NONE_VAL;
}

static Value f_promote_types(int nargs, Value *args, const KwArgs *kw) {
    if (arg_check_count("promote_types", nargs, 2, 2) < 0 || arg_no_kwargs("promote_types", kw) < 0)
        return VAL_ERROR;
    if (!lib_is_dtype(args[0]) || !lib_is_dtype(args[1]))
        return exc_raise(exc_TypeError, "promote_types(): argument 'type1' must be torch.dtype");
    return lib_dtype_value(dtype_promote(lib_dtype_of(args[0]), lib_dtype_of(args[1])));
}

static const NativeMethodDef torch_settings[] = {
    {"get_default_dtype", f_get_default_dtype, NULL},
    {"set_default_dtype", f_set_default_dtype, NULL},
    {"set_printoptions", f_set_printoptions, NULL},
    {"promote_types", f_promote_types, NULL},
    {NULL, NULL, NULL},
};

// ---------------------------------------------------------------- torch.cuda

static Value cuda_false(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)args, (void)kw;
    return BOOL_VAL(false);
}

static Value cuda_zero(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)args, (void)kw;
    return INT_VAL(0);
}

static Value cuda_none(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)args, (void)kw;
    return NONE_VAL;
}

static Value cuda_no_driver(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)args, (void)kw;
    return tl_raise(ERR_ASSERTION, "Torch not compiled with CUDA enabled"), VAL_ERROR;
}

static ObjModule *cuda_module;

ObjModule *lib_torch_cuda_init(void) {
    if (cuda_module) return obj_incref(cuda_module);
    ObjModule *m = module_new("torch.cuda");
    if (!m) return NULL;
    module_add_fn(m, "is_available", cuda_false, NULL);
    module_add_fn(m, "is_initialized", cuda_false, NULL);
    module_add_fn(m, "device_count", cuda_zero, NULL);
    module_add_fn(m, "manual_seed", cuda_none, NULL);
    module_add_fn(m, "manual_seed_all", cuda_none, NULL);
    module_add_fn(m, "synchronize", cuda_no_driver, NULL);
    module_add_fn(m, "current_device", cuda_no_driver, NULL);
    module_add_fn(m, "get_device_name", cuda_no_driver, NULL);
    module_add_fn(m, "empty_cache", cuda_none, NULL);
    cuda_module = m;
    return obj_incref(m);
}

static ObjModule *linalg_module, *rt_module;

ObjModule *lib_torch_linalg_init(void) {
    if (!linalg_module && !(linalg_module = lib_torch_linalg_module())) return NULL;
    return obj_incref(linalg_module);
}

ObjModule *lib_torch_return_types_init(void) {
    if (!rt_module && !(rt_module = lib_torch_return_types_module())) return NULL;
    return obj_incref(rt_module);
}

// ---------------------------------------------------------------- torch

static ObjModule *torch_module;

static void add_submodule(ObjModule *m, const char *name, ObjModule *sub) {
    if (sub) module_add_value(m, name, OBJ_VAL(sub));
}

ObjModule *lib_torch_init(void) {
    if (torch_module) return obj_incref(torch_module);
    lib_torch_types_init();
    lib_tensor_type_init();
    ObjModule *m = module_new("torch");
    if (!m) return NULL;
    const NativeMethodDef *tables[] = {lib_torch_fns_create, lib_torch_fns_shape, lib_torch_fns_math,
                                       lib_torch_fns_reduce, lib_torch_fns_random, lib_torch_fns_misc,
                                       torch_settings, lib_torch_fns_numpy, lib_nn_torch_fns};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) add_table(m, tables[i]);
    lib_torch_add_dtypes(m);
    lib_torch_add_legacy_types(m);
    lib_torch_random_init(m);
    module_add_value(m, "Tensor", val_incref(OBJ_VAL(&type_tensor)));
    module_add_value(m, "Size", val_incref(OBJ_VAL(&type_size)));
    module_add_value(m, "dtype", val_incref(OBJ_VAL(&type_dtype)));
    module_add_value(m, "device", val_incref(OBJ_VAL(&type_device)));
    module_add_value(m, "Generator", val_incref(OBJ_VAL(&type_torch_generator)));
    module_add_value(m, "finfo", val_incref(OBJ_VAL(&type_finfo)));
    module_add_value(m, "iinfo", val_incref(OBJ_VAL(&type_iinfo)));
    module_add_value(m, "__version__", str_value("1.13.0a0"));
    module_add_value(m, "inf", FLOAT_VAL(INFINITY));
    module_add_value(m, "nan", FLOAT_VAL(NAN));
    lib_torch_add_grad_mode(m);
    module_add_fn(m, "__getattr__", lib_torch_lazy_getattr, NULL);
    add_submodule(m, "cuda", lib_torch_cuda_init());
    add_submodule(m, "autograd", lib_torch_autograd_init());
    add_submodule(m, "linalg", lib_torch_linalg_init());
    add_submodule(m, "return_types", lib_torch_return_types_init());
    torch_module = m;
    return obj_incref(m);
}
