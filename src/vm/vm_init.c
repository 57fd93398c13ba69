// Start-up and module-level entry points of the VM: readying the built-in
// types, the builtins dict, running module code, zero-argument super(), and
// the import system (native module table first, then .tl/.py files).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/alloc.h"
#include "vm/class.h"
#include "vm/containers.h"
#include "vm/limits.h"
#include "vm/modules.h"
#include "vm/str_format.h"
#include "vm/vm_internal.h"

#define VM_STACK_VALUES (1 << 20)

ObjModule *(*vm_import_file_hook)(const char *name, const char *path);
void exceptions_install_release(void);

ObjDict *builtins_dict(void) { return vm.builtins; }
ObjDict *vm_main_globals(void) { return vm.main_globals; }

ObjDict *vm_current_globals(void) {
    if (vm.current) return vm.current->locals ? vm.current->locals : vm.current->globals;
    return vm.main_globals;
}

void vm_init(void) {
    vm.stack_base = malloc(sizeof(Value) * VM_STACK_VALUES);
    if (!vm.stack_base) {
        fprintf(stderr, "tl: cannot allocate the value stack\n");
        exit(1);
    }
    vm.stack_end = vm.stack_base + VM_STACK_VALUES;
    vm.top = vm.stack_base;
    exceptions_install_release();
    class_types_init();
    TypeObj *types[] = {&type_none, &type_bool, &type_int, &type_float, &type_tuple, &type_list,
                        &type_dict, &type_set, &type_frozenset, &type_range, &type_slice, &type_module,
                        &type_ellipsis, &type_notimplemented, &type_generator};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) type_ready(types[i]);
    str_ready();
    containers_ready();
    function_types_init();
    vm.builtins = dict_new();
    exceptions_init(vm.builtins);
    builtins_init(vm.builtins);
    vm.modules = dict_new();
    vm.main_globals = dict_new();
    dict_set_cstr(vm.main_globals, "__name__", OBJ_VAL(str_intern("__main__")));
    obj_decref(str_intern("__main__"));
    dict_set_cstr(vm.main_globals, "__doc__", NONE_VAL);
}

void vm_shutdown(void) {
    vm_exc_info_truncate(0);
    obj_decref(vm.main_globals);
    vm.main_globals = NULL;
    obj_decref(vm.modules);
    vm.modules = NULL;
    obj_decref(vm.builtins);
    vm.builtins = NULL;
    free(vm.stack_base);
    vm.stack_base = NULL;
}

Value vm_run_module(ObjCode *code, ObjDict *globals) {
    ObjFunction *fn = (ObjFunction *)obj_alloc(&type_function, sizeof(ObjFunction));
    if (!fn) return VAL_ERROR;
    fn->code = obj_incref(code);
    fn->globals = obj_incref(globals);
    fn->name = obj_incref(code->name);
    fn->qualname = obj_incref(code->qualname);
    fn->doc = NONE_VAL;
    Frame *f = vm_frame_for_call(fn, VAL_UNDEFINED, 0, NULL, NULL);
    obj_decref(fn);
    if (!f) return VAL_ERROR;
    f->locals = NULL;
    f->returns_to_c = true;
    return vm_run_frame(f);
}

int vm_current_super_args(TypeObj **cls, Value *self) {
    Frame *f = vm.current;
    if (!f || !f->fn || !f->fn->owner_class || f->code->nlocals == 0 || f->code->nparams_pos == 0) {
        exc_raise(exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    Value first = f->slots[0];
    // a captured `self` lives in its cell
    for (int i = 0; i < f->code->ncellvars; i++)
        if (f->code->cell_param[i] == 0) first = ((ObjCell *)f->slots[f->code->nlocals + i].as.o)->value;
    if (IS_UNDEF(first)) {
        exc_raise(exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    *cls = f->fn->owner_class;
    *self = first;
    return 0;
}

// ------------------------------------------------------------ import

static Value find_native(const char *name) {
    for (const NativeModuleDef *d = native_modules; d->name; d++) {
        if (strcmp(d->name, name) != 0) continue;
        ObjModule *m = d->init();
        if (!m) return VAL_ERROR;
        return OBJ_VAL(m);
    }
    return VAL_UNDEFINED;
}

static Value find_file(const char *name) {
    if (!vm_import_file_hook) return VAL_UNDEFINED;
    char rel[512];
    snprintf(rel, sizeof rel, "%s", name);
    for (char *p = rel; *p; p++)
        if (*p == '.') *p = '/';
    const char *exts[] = {".tl", ".py", "/__init__.tl", "/__init__.py"};
    Value dirs = dict_get_cstr(vm.main_globals, "__tl_path__");
    (void)dirs;
    for (size_t e = 0; e < sizeof exts / sizeof exts[0]; e++) {
        char path[1024];
        snprintf(path, sizeof path, "%s%s", rel, exts[e]);
        if (access(path, R_OK) == 0) {
            ObjModule *m = vm_import_file_hook(name, path);
            return m ? OBJ_VAL(m) : VAL_ERROR;
        }
    }
    return VAL_UNDEFINED;
}

// Imports exactly [name] (its parent must already be imported).
static Value import_one(const char *name) {
    Value cached = dict_get_cstr(vm.modules, name);
    if (!IS_UNDEF(cached)) return val_incref(cached);
    Value m = find_native(name);
    if (IS_UNDEF(m)) m = find_file(name);
    if (IS_ERR(m)) return m;
    if (IS_UNDEF(m)) return exc_raise(exc_class_for_kind(ERR_MODULE_NOT_FOUND), "No module named '%s'", name);
    dict_set_cstr(vm.modules, name, m);
    return m;
}

Value vm_import(const char *dotted, int level, bool want_leaf) {
    (void)level;
    char prefix[512];
    Value top = VAL_UNDEFINED, parent = VAL_UNDEFINED, mod = VAL_UNDEFINED;
    size_t n = strlen(dotted);
    if (n == 0 || n >= sizeof prefix) return exc_raise(exc_class_for_kind(ERR_IMPORT), "Empty module name");
    for (size_t i = 0; i <= n; i++) {
        if (dotted[i] != '.' && dotted[i] != '\0') continue;
        memcpy(prefix, dotted, i);
        prefix[i] = '\0';
        Value m = import_one(prefix);
        if (IS_ERR(m)) {
            val_decref(top);
            val_decref(parent);
            return m;
        }
        if (!IS_UNDEF(parent) && val_type(parent) == &type_module) {
            const char *leaf = strrchr(prefix, '.') + 1;
            ObjDict *pd = ((ObjModule *)parent.as.o)->dict;
            if (IS_UNDEF(dict_get_cstr(pd, leaf))) dict_set_cstr(pd, leaf, m);
        }
        if (IS_UNDEF(top)) top = val_incref(m);
        val_decref(parent);
        parent = m;
    }
    mod = parent;
    if (want_leaf) {
        val_decref(top);
        return mod;
    }
    val_decref(mod);
    return top;
}
