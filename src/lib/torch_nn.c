// The torch.nn family of modules and nn.Parameter. Each module is a native
// module object whose dict is first given its native members (Parameter,
// the functional natives) and then filled by running its embedded tl source
// (lib/tl_embed.h). torch.nn's source uses torch.nn.functional and
// torch.nn.init through the names `functional` and `init` placed in its dict
// beforehand, never through `import torch.nn...`, which would re-enter this
// initialisation.
#include "lib/torch_nn.h"

#include <string.h>

#include "autograd/autograd.h"
#include "lib/lib_tensor.h"
#include "lib/lib_torch.h"
#include "lib/std_modules.h"
#include "lib/tl_embed.h"
#include "vm/modules.h"
#include "vm/vm.h"

// ---------------------------------------------------------------- Parameter

TypeObj type_parameter;

// Parameter(data=None, requires_grad=True): a leaf sharing data's storage
// (PyTorch's _make_subclass of data.detach()).
static Value parameter_new(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"data", "requires_grad"};
    Value v[2];
    if (LIB_BIND("Parameter", nargs, args, kw, names, 2, v) < 0) return VAL_ERROR;
    Tensor *data = NULL, *t;
    bool rg = true;
    if (!IS_UNDEF(v[1]) && lib_arg_bool(v[1], "_make_subclass", "require_grad", &rg) < 0) return VAL_ERROR;
    if (IS_UNDEF(v[0]) || IS_NONE(v[0])) {
        int64_t zero = 0;
        t = tensor_empty(1, &zero, dtype_default_float());
    } else {
        if (lib_arg_tensor(v[0], "_make_subclass", "data", 2, &data) < 0) return VAL_ERROR;
        t = ag_detach(data);
    }
    if (!t) return VAL_ERROR;
    t->is_param = true;
    if (rg && ag_set_requires_grad(t, true) < 0) {
        tensor_release(t);
        return VAL_ERROR;
    }
    return lib_tensor_wrap_as(type, t);
}

// Parameter copies the Tensor type's slots: the VM calls a native type's
// own slots, so a native subtype must carry them.
static void parameter_type_init(void) {
    if (type_parameter.dict) return;
    type_parameter = type_tensor;
    type_parameter.base = (Obj){0};
    type_parameter.name = "Parameter";
    type_parameter.module_name = "torch.nn.parameter";
    type_parameter.base_type = &type_tensor;
    type_parameter.dict = NULL;
    type_parameter.methods = NULL;
    type_parameter.getset = NULL;
    type_parameter.doc = NULL;
    type_parameter.call_type = parameter_new;
    type_ready(&type_parameter);
    lib_parameter_type = &type_parameter;
}

// ---------------------------------------------------------------- modules

// A module named [name], given its native members by [prepare] (may be
// NULL), then the body [source]. *[slot] caches it; *[busy] refuses a
// re-entrant import while the body runs.
static ObjModule *build(ObjModule **slot, bool *busy, const char *name, const char *filename,
                        const char *source, int (*prepare)(ObjModule *)) {
    if (*slot) return obj_incref(*slot);
    if (*busy) return exc_raise(exc_class_for_kind(ERR_IMPORT), "cannot import name '%s' (most likely due "
                                "to a circular import)", name), NULL;
    ObjModule *torch = lib_torch_init();     // the Tensor type must be ready
    if (!torch) return NULL;
    obj_decref(torch);
    parameter_type_init();
    ObjModule *m = module_new(name);
    if (!m) return NULL;
    *busy = true;
    int rc = prepare ? prepare(m) : 0;
    if (rc == 0) rc = lib_run_embedded(m, source, filename);
    *busy = false;
    if (rc < 0) {
        obj_decref(m);
        return NULL;
    }
    *slot = m;
    return obj_incref(m);
}

static int add_module(ObjModule *m, const char *name, ObjModule *sub) {
    if (!sub) return -1;
    module_add_value(m, name, OBJ_VAL(sub));
    return 0;
}

static ObjModule *functional_module, *init_module, *nn_module, *optim_module;
static bool functional_busy, init_busy, nn_busy, optim_busy;

static int prepare_functional(ObjModule *m) {
    lib_module_add_functions(m, lib_nn_functional_natives);
    return 0;
}

ObjModule *lib_torch_nn_functional_init(void) {
    return build(&functional_module, &functional_busy, "torch.nn.functional", "torch/nn/functional.tl",
                 lib_tl_nn_functional, prepare_functional);
}

ObjModule *lib_torch_nn_init_init(void) {
    return build(&init_module, &init_busy, "torch.nn.init", "torch/nn/init.tl", lib_tl_nn_init, NULL);
}

static int prepare_nn(ObjModule *m) {
    module_add_value(m, "Parameter", val_incref(OBJ_VAL(&type_parameter)));
    if (add_module(m, "functional", lib_torch_nn_functional_init()) < 0) return -1;
    return add_module(m, "init", lib_torch_nn_init_init());
}

ObjModule *lib_torch_nn_init(void) {
    return build(&nn_module, &nn_busy, "torch.nn", "torch/nn/modules.tl", lib_tl_nn, prepare_nn);
}

ObjModule *lib_torch_optim_init(void) {
    return build(&optim_module, &optim_busy, "torch.optim", "torch/optim.tl", lib_tl_optim, NULL);
}

// ---------------------------------------------------------------- torch.nn from torch

// torch.__getattr__: `import torch` alone makes torch.nn and torch.optim
// reachable in PyTorch, so they are imported on first use.
Value lib_torch_lazy_getattr(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (nargs != 1 || !val_is_str(args[0])) return exc_raise(exc_TypeError, "__getattr__ expects a name");
    const char *name = val_cstr(args[0]);
    if (strcmp(name, "nn") == 0) return vm_import("torch.nn", 0, true);
    if (strcmp(name, "optim") == 0) return vm_import("torch.optim", 0, true);
    return exc_raise(exc_AttributeError, "module 'torch' has no attribute '%s'", name);
}
