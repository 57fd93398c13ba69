// Interpreter-wide settings shared between the VM core and the builtins /
// sys module: the recursion limit (sys.getrecursionlimit) and the hook that
// names the running module's globals (globals(), dir() with no argument).
#ifndef TL_VM_LIMITS_H
#define TL_VM_LIMITS_H

#include "vm/object.h"

// Maximum depth of nested tl calls before RecursionError; defined in
// vm/builtins.c (1000, as CPython), changed by sys.setrecursionlimit().
extern int vm_recursion_limit;

// The globals dict of the innermost running frame (the module namespace
// for module or class code), or __main__'s; borrowed. Defined by the VM.
ObjDict *vm_current_globals(void);

#endif
