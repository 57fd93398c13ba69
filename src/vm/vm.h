// The virtual machine: runs compiled code, owns the frame stack, turns
// pending errors into exceptions with tracebacks, and prints them.
#ifndef TL_VM_VM_H
#define TL_VM_VM_H

#include <stdio.h>

#include "vm/code.h"

// Initialises the type system, builtins and exception classes. Call once.
void vm_init(void);
void vm_shutdown(void);

// Runs module-level [code] with [globals] (also its locals).
// Returns the result (None for modules) or VAL_ERROR with the exception pending.
Value vm_run_module(ObjCode *code, ObjDict *globals);

// Calls a tl function or any callable; [self] is prepended when not UNDEF.
Value vm_call_with_self(Value fn, Value self, int nargs, Value *args, const KwArgs *kw);

// Zero-argument super(): the class of the running method and its first argument.
int vm_current_super_args(TypeObj **cls, Value *self);

// Prints the pending exception's traceback in CPython's format to stderr and
// clears it. Returns the exit code a SystemExit asks for, or -1 for others.
int vm_print_pending_exception(void);
// For SystemExit: true if the pending exception is one (REPL/runner use it).
bool vm_pending_is_system_exit(void);

// The module `__main__` globals dict used by the runner and REPL.
ObjDict *vm_main_globals(void);

// Import hook for `.tl`/`.py` files (installed by the REPL/runner):
// compiles and runs [path] as module [name]; NULL with pending error.
extern ObjModule *(*vm_import_file_hook)(const char *name, const char *path);
Value vm_import(const char *dotted_name, int level, bool want_leaf);

#endif
