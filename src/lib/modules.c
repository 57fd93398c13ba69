// The native module table the VM's import consults before searching files
// (vm/modules.h). Library modules add their rows here.
#include "vm/modules.h"

#include "lib/lib_numpy.h"
#include "lib/lib_torch.h"
#include "lib/std_modules.h"
#include "lib/torch_nn.h"

const NativeModuleDef native_modules[] = {
    {"math", lib_math_init},
    {"random", lib_random_init},
    {"time", lib_time_init},
    {"sys", lib_sys_init},
    {"os", lib_os_init},
    {"gc", lib_gc_init},
    {"os.path", lib_os_path_init},
    {"torch", lib_torch_init},
    {"torch.cuda", lib_torch_cuda_init},
    {"torch.linalg", lib_torch_linalg_init},
    {"torch.return_types", lib_torch_return_types_init},
    {"torch.autograd", lib_torch_autograd_init},
    {"numpy", lib_numpy_init},
    {"numpy.random", lib_numpy_random_init},
    {"torch.nn", lib_torch_nn_init},
    {"torch.nn.functional", lib_torch_nn_functional_init},
    {"torch.nn.init", lib_torch_nn_init_init},
    {"torch.optim", lib_torch_optim_init},
    {NULL, NULL},
};

void lib_module_add_functions(ObjModule *m, const NativeMethodDef *fns) {
    for (; fns->name; fns++) module_add_fn(m, fns->name, fns->fn, fns->doc);
}
