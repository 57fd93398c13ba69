// Library modules written in tl: their sources are compiled into the binary
// (scripts/embed_tl.sh turns src/lib/NAME.tl into `const char lib_tl_NAME[]`)
// and run here as the body of a module. This makes lib/ depend on parser/
// (compile_source): accepted for this bootstrap, as Wren's core module is
// compiled by its own VM at start-up.
#ifndef TL_LIB_TL_EMBED_H
#define TL_LIB_TL_EMBED_H

#include "vm/object.h"

extern const char lib_tl_nn[];            // src/lib/nn.tl: Module, layers, containers
extern const char lib_tl_nn_functional[]; // src/lib/nn_functional.tl
extern const char lib_tl_nn_init[];       // src/lib/nn_init.tl: torch.nn.init
extern const char lib_tl_optim[];         // src/lib/optim.tl: Optimizer, SGD, Adam

// Compiles [source] (its tracebacks name [filename]) and runs it with [m]'s
// dict as globals. 0, or -1 with the exception pending.
int lib_run_embedded(ObjModule *m, const char *source, const char *filename);

#endif
