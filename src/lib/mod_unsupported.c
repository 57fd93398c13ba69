// Modules tl knows by name but does not implement yet (numpy, torch.nn,
// torch.optim): importing them works, so tutorial code that only imports
// them runs; using any attribute raises NotImplementedError naming it,
// rather than silently doing something else (spec/language.md).
#include "lib/mod_unsupported.h"

#include <string.h>

#include "vm/modules.h"

static Value unsupported_getattr(int nargs, Value *args, const KwArgs *kw, const char *module) {
    (void)kw;
    if (nargs != 1 || !val_is_str(args[0])) return exc_raise(exc_TypeError, "__getattr__ expects a name");
    const char *name = val_cstr(args[0]);
    if (strncmp(name, "__", 2) == 0)
        return exc_raise(exc_AttributeError, "module '%s' has no attribute '%s'", module, name);
    return exc_raise(exc_NotImplementedError, "%s.%s is not supported by tl", module, name);
}

#define UNSUPPORTED_MODULE(fn_name, dotted)                                            \
    static Value fn_name##_getattr(int nargs, Value *args, const KwArgs *kw) {         \
        return unsupported_getattr(nargs, args, kw, dotted);                            \
    }                                                                                   \
    ObjModule *fn_name(void) {                                                          \
        ObjModule *m = module_new(dotted);                                              \
        if (m) module_add_fn(m, "__getattr__", fn_name##_getattr, NULL);                \
        return m;                                                                       \
    }

UNSUPPORTED_MODULE(lib_numpy_init, "numpy")
UNSUPPORTED_MODULE(lib_torch_nn_init, "torch.nn")
UNSUPPORTED_MODULE(lib_torch_optim_init, "torch.optim")
