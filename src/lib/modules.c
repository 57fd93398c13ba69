// The native module table the VM's import consults before searching files
// (vm/modules.h). Library modules add their rows here.
#include "vm/modules.h"

#include "lib/std_modules.h"

const NativeModuleDef native_modules[] = {
    {"math", lib_math_init},
    {"random", lib_random_init},
    {"time", lib_time_init},
    {"sys", lib_sys_init},
    {"os", lib_os_init},
    {"os.path", lib_os_path_init},
    {NULL, NULL},
};

void lib_module_add_functions(ObjModule *m, const NativeMethodDef *fns) {
    for (; fns->name; fns++) module_add_fn(m, fns->name, fns->fn, fns->doc);
}
