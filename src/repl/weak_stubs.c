// TEMPORARY: weak stand-ins until builtins.c and lib/ land. Delete then.
#include <stdio.h>
#include "vm/modules.h"
void lib_sys_set_argv(int argc, char **argv);
__attribute__((weak)) void lib_sys_set_argv(int argc, char **argv) { (void)argc; (void)argv; }
static Value stub_print(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    for (int i = 0; i < nargs; i++) {
        Value s = val_str(args[i]);
        if (IS_ERR(s)) return s;
        printf("%s%s", i ? " " : "", val_cstr(s));
        val_decref(s);
    }
    printf("\n");
    return NONE_VAL;
}
__attribute__((weak)) void builtins_init(ObjDict *d) {
    Value f = native_new("print", stub_print, NULL);
    dict_set_cstr(d, "print", f);
    val_decref(f);
}
__attribute__((weak)) const NativeModuleDef native_modules[] = {{NULL, NULL}};
__attribute__((weak)) int vm_recursion_limit = 1000;
