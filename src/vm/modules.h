// The native module table: `import torch`, `import math` and friends
// resolve here before any file is searched. lib/ owns the table itself
// (lib/modules.c); the VM only looks names up through it.
#ifndef TL_VM_MODULES_H
#define TL_VM_MODULES_H

#include "vm/object.h"

typedef struct {
    const char *name;               // dotted: "torch.nn.functional"
    ObjModule *(*init)(void);       // builds the module (new reference) or NULL with pending error
} NativeModuleDef;

// Defined in lib/modules.c, terminated by {NULL, NULL}.
extern const NativeModuleDef native_modules[];

// Helpers for module init functions: add a function / value to a module.
void module_add_fn(ObjModule *m, const char *name, NativeFn fn, const char *doc);
void module_add_value(ObjModule *m, const char *name, Value v);   // steals v

// The builtins dict (print, len, exception classes...), built once.
ObjDict *builtins_dict(void);
void builtins_init(ObjDict *d);      // vm/builtins.c fills it

#endif
