// The gc module: the cycle collector's switches (vm/gc.h), as in CPython.
#include "lib/std_modules.h"
#include "vm/gc.h"
#include "vm/modules.h"

static Value gc_collect_fn(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("collect", kw) < 0 || arg_check_count("collect", nargs, 0, 1) < 0) return VAL_ERROR;
    return INT_VAL(gc_collect());
}

static Value gc_enable_fn(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("enable", kw) < 0 || arg_check_count("enable", nargs, 0, 0) < 0) return VAL_ERROR;
    gc_enabled = true;
    return NONE_VAL;
}

static Value gc_disable_fn(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("disable", kw) < 0 || arg_check_count("disable", nargs, 0, 0) < 0) return VAL_ERROR;
    gc_enabled = false;
    return NONE_VAL;
}

static Value gc_isenabled_fn(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("isenabled", kw) < 0 || arg_check_count("isenabled", nargs, 0, 0) < 0) return VAL_ERROR;
    return BOOL_VAL(gc_enabled);
}

ObjModule *lib_gc_init(void) {
    ObjModule *m = module_new("gc");
    if (!m) return NULL;
    module_add_fn(m, "collect", gc_collect_fn, "Run the cycle collector; returns the number of objects freed.");
    module_add_fn(m, "enable", gc_enable_fn, "Enable automatic garbage collection.");
    module_add_fn(m, "disable", gc_disable_fn, "Disable automatic garbage collection.");
    module_add_fn(m, "isenabled", gc_isenabled_fn, "Returns true if automatic collection is enabled.");
    return m;
}
