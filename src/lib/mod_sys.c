// The sys module: argv (set by the runner), exit, the standard streams as
// file objects, version information and the recursion limit. One module
// object for the whole run, so lib_sys_set_argv can reach it after import.
#include <string.h>

#include "lib/mod_sys.h"
#include "lib/std_modules.h"
#include "vm/containers.h"
#include "vm/limits.h"
#include "vm/modules.h"
#include "vm/obj_file.h"

static ObjModule *sys_module;
static ObjList *argv_list;

// sys.path[0] is the script's directory ('' for the REPL), as in CPython.
static Value script_dir(void) {
    if (!argv_list || argv_list->len == 0 || !val_is_str(argv_list->items[0])) return str_value("");
    const char *p = val_cstr(argv_list->items[0]);
    const char *slash = strrchr(p, '/');
    if (!slash) return str_value("");
    return str_value_n(p, slash == p ? 1 : (int64_t)(slash - p));
}

static void install_argv(void) {
    if (!sys_module) return;
    if (!argv_list) {
        argv_list = list_new(0);
        if (!argv_list) return;
        list_append_steal(argv_list, str_value(""));
    }
    dict_set_cstr(sys_module->dict, "argv", OBJ_VAL(argv_list));
    ObjList *path = list_new(0);
    if (!path) return;
    list_append_steal(path, script_dir());
    module_add_value(sys_module, "path", OBJ_VAL(path));
}

void lib_sys_set_argv(int argc, char **argv) {
    ObjList *l = list_new(0);
    if (!l) return;
    for (int i = 0; i < argc; i++) list_append_steal(l, str_value(argv[i]));
    obj_decref(argv_list);
    argv_list = l;
    install_argv();
}

static Value s_exit(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("exit", kw) < 0 || arg_check_count("exit", nargs, 0, 1) < 0) return VAL_ERROR;
    Value exc = val_call(OBJ_VAL(exc_class_for_kind(ERR_SYSTEM_EXIT)), nargs, args, NULL);
    if (IS_ERR(exc)) return exc;
    return exc_raise_value(exc);
}

static Value s_getrecursionlimit(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("sys.getrecursionlimit", kw) < 0 || arg_check_count("sys.getrecursionlimit", nargs, 0, 0) < 0)
        return VAL_ERROR;
    return INT_VAL(vm_recursion_limit);
}

static Value s_setrecursionlimit(int nargs, Value *args, const KwArgs *kw) {
    int64_t n;
    if (arg_no_kwargs("sys.setrecursionlimit", kw) < 0 ||
        arg_check_count("sys.setrecursionlimit", nargs, 1, 1) < 0 || index_require(args[0], &n) < 0)
        return VAL_ERROR;
    if (n < 1) return exc_raise(exc_ValueError, "recursion limit must be greater or equal than 1");
    vm_recursion_limit = n > 1000000 ? 1000000 : (int)n;
    return NONE_VAL;
}

static const NativeMethodDef sys_functions[] = {
    {"exit", s_exit, "Exit the interpreter by raising SystemExit(status).\n\n"
                     "If the status is omitted or None, it defaults to zero (i.e., success).\n"
                     "If the status is an integer, it will be used as the system exit status.\n"
                     "If it is another kind of object, it will be printed and the system\n"
                     "exit status will be one (i.e., failure)."},
    {"getrecursionlimit", s_getrecursionlimit, "Return the current value of the recursion limit."},
    {"setrecursionlimit", s_setrecursionlimit, "Set the maximum depth of the Python interpreter stack to n."},
    {NULL, NULL, NULL},
};

ObjModule *lib_sys_init(void) {
    if (sys_module) return obj_incref(sys_module);
    ObjModule *m = module_new("sys");
    if (!m) return NULL;
    module_add_value(m, "__doc__", str_value("This module provides access to some objects used or maintained by the\n"
                                             "interpreter and to functions that interact strongly with the interpreter."));
    lib_module_add_functions(m, sys_functions);
    static const char *const streams[3] = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < 3; i++) {
        char dunder[16];
        snprintf(dunder, sizeof dunder, "__%s__", streams[i]);
        dict_set_cstr(m->dict, streams[i], file_std_stream(i));
        dict_set_cstr(m->dict, dunder, file_std_stream(i));
    }
    module_add_value(m, "version", str_value("3.11.0 (tl)"));
    module_add_value(m, "version_info", tuple_pack(5, INT_VAL(3), INT_VAL(11), INT_VAL(0), str_value("final"), INT_VAL(0)));
    module_add_value(m, "hexversion", INT_VAL(0x030B00F0));
    module_add_value(m, "platform", str_value("linux"));
    module_add_value(m, "byteorder", str_value("little"));
    module_add_value(m, "maxsize", INT_VAL(INT64_MAX));
    module_add_value(m, "maxunicode", INT_VAL(0x10FFFF));
    module_add_value(m, "executable", str_value(""));
    sys_module = m;
    install_argv();
    return obj_incref(m);   // one reference stays here for lib_sys_set_argv
}
