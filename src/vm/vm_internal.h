// State shared by the dispatch loop (vm.c), calls (vm_call.c), generators
// and tracebacks; private to vm/.
#ifndef TL_VM_VM_INTERNAL_H
#define TL_VM_VM_INTERNAL_H

#include "vm/code.h"
#include "vm/vm.h"

#define VM_MAX_FRAMES 1100

typedef struct {
    Frame *current;          // innermost running frame
    int depth;               // frames on the stack (recursion limit)
    Value *stack_base;       // value stack for ordinary frames
    Value *stack_end;
    Value *top;              // first free slot of the value stack
    Value exc_info[256];     // exceptions being handled (except/finally bodies), innermost last
    int exc_depth;
    ObjDict *builtins;
    ObjDict *modules;        // sys.modules
    ObjDict *main_globals;
} VMState;

extern VMState vm;
extern int vm_recursion_limit;

// Runs [f] (already set up) until it returns; pops it. Returns its result or
// VAL_ERROR. [f] must be the innermost frame.
Value vm_run_frame(Frame *f);

// Allocates a frame for calling [fn] with the given arguments, binding
// parameters (CPython's messages for every mismatch). Generators get a heap
// frame. NULL with a pending error.
Frame *vm_frame_for_call(ObjFunction *fn, Value self, int nargs, Value *args, const KwArgs *kw);
void vm_frame_release(Frame *f);
// The fast path for calling a plain function with exactly its positional
// parameters (vm_call_is_simple): takes over the references to [fn] and
// [args] instead of copying them. NULL with RecursionError pending.
Frame *vm_frame_push_simple(ObjFunction *fn, int nargs, Value *args);
static inline bool vm_call_is_simple(const ObjCode *c, int nargs) {
    return nargs == c->nparams_pos && c->positional_only_call;
}

// Exception bookkeeping used by the loop.
void vm_traceback_add(Value exc, Frame *f, const uint32_t *ip);
Value vm_generator_new(Frame *f);
void vm_exc_info_truncate(int depth);

#endif
