// Runs an embedded tl source as a module body (see tl_embed.h).
#include "lib/tl_embed.h"

#include "parser/compile.h"
#include "vm/vm.h"

int lib_run_embedded(ObjModule *m, const char *source, const char *filename) {
    ObjCode *code = compile_source(source, filename, false);
    if (!code) return -1;
    Value r = vm_run_module(code, m->dict);
    obj_decref(code);
    if (IS_ERR(r)) return -1;
    val_decref(r);
    return 0;
}
