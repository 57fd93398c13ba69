// The small standard modules tl provides natively (math, random, time, sys,
// os, os.path). Each init builds its module (a new reference, or NULL with
// a pending error); lib/modules.c lists them in the import table.
#ifndef TL_LIB_STD_MODULES_H
#define TL_LIB_STD_MODULES_H

#include "vm/object.h"

ObjModule *lib_math_init(void);
ObjModule *lib_random_init(void);
ObjModule *lib_time_init(void);
ObjModule *lib_sys_init(void);
ObjModule *lib_os_init(void);
ObjModule *lib_os_path_init(void);
ObjModule *lib_gc_init(void);

// Adds the entries of a NULL-terminated NativeMethodDef table to module
// [m]; a helper for the init functions.
void lib_module_add_functions(ObjModule *m, const NativeMethodDef *fns);

#endif
