// Compiled code objects, functions, frames and generators: the contract
// between the compiler (parser/compile.c) and the dispatch loop (vm/vm.c).
#ifndef TL_VM_CODE_H
#define TL_VM_CODE_H

#include <stdint.h>

#include "vm/object.h"

typedef enum {
#define BC(name, effect) BC_##name,
#include "vm/opcodes.def"
#undef BC
    BC__COUNT
} Opcode;

#define INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define INSTR_OP(w) ((Opcode)((w) & 0xff))
#define INSTR_ARG(w) ((w) >> 8)
#define INSTR_ARG_MAX 0xffffff

// Source position of one instruction, for tracebacks and carets.
typedef struct {
    int32_t line, col, end_line, end_col;   // col 0-based byte offsets, as the AST
} SrcPos;

// The shared, refcounted source text of one file or REPL input.
typedef struct {
    Obj base;
    char *filename;
    char *text;
} ObjSource;

// MAKE_FUNCTION flags.
enum { MF_DEFAULTS = 1, MF_KWDEFAULTS = 2, MF_CLOSURE = 4 };

typedef enum {
    CODE_MODULE,      // module / REPL input: names are globals
    CODE_FUNCTION,
    CODE_CLASS,       // class body: names live in a namespace dict
} CodeKind;

typedef struct {
    Obj base;
    CodeKind kind;
    ObjStr *name;           // function name, "<module>", class name
    ObjStr *qualname;       // "Net.forward"
    ObjSource *source;
    int first_line;
    uint32_t *code;
    SrcPos *positions;      // one per instruction
    int ncode;
    Value *consts;
    int nconsts;
    ObjStr **names;         // for LOAD_GLOBAL/ATTR/...
    int nnames;
    int32_t *global_cache;  // per name: the globals dict entry it was last found in, or -1
    // Locals: slots[0..nlocals); params come first in declaration order:
    // positional, [*args], keyword-only, [**kwargs].
    ObjStr **local_names;
    int nlocals;
    int nparams_pos;        // positional params (incl. those with defaults)
    int nposonly;
    int nparams_kwonly;
    bool has_varargs, has_varkw;
    bool is_generator;
    bool positional_only_call;   // no *args, **kwargs, keyword-only params, not a generator
    // Cells: cellvars (locals captured by inner functions) then freevars.
    ObjStr **cell_names;
    int ncellvars, nfreevars;
    int *cell_param;        // for each cellvar: the param slot it starts from, or -1
    int max_stack;
    ObjStr *doc;            // docstring or NULL
} ObjCode;

typedef struct {
    Obj base;
    ObjCode *code;
    ObjDict *globals;
    ObjTuple *defaults;     // NULL or tuple for the last positional params
    ObjDict *kwdefaults;    // NULL or dict name -> value
    ObjTuple *closure;      // NULL or tuple of ObjCell (freevars)
    ObjDict *dict;          // function attributes (__doc__ etc.), lazily created
    TypeObj *owner_class;   // the class whose body defined it (zero-arg super())
    ObjStr *name, *qualname;
    Value doc;
} ObjFunction;

// A try/with handler block.
typedef struct {
    int handler;            // instruction index to jump to
    int stack_level;        // operand stack depth to restore
    int exc_depth;          // exc_info depth when the block was set up
} Block;

#define FRAME_MAX_BLOCKS 32

typedef struct Frame {
    ObjFunction *fn;        // NULL for module code run directly
    ObjCode *code;
    ObjDict *globals;
    ObjDict *locals;        // namespace dict for module/class code; NULL in functions
    Value *slots;           // nlocals locals, then ncellvars+nfreevars cells, then the stack
    Value *sp;
    const uint32_t *ip;
    Block blocks[FRAME_MAX_BLOCKS];
    int nblocks;
    struct Frame *prev;
    bool on_heap;           // a generator's frame: owned by the generator
    bool returns_to_c;      // vm_run returns when this frame returns
    Value *saved_top;       // the shared stack's top before this frame was pushed
    int exc_depth;          // exc_info depth at entry (restored on return)
} Frame;

typedef struct {
    Obj base;
    Frame *frame;           // NULL once finished
    Value *storage;         // the frame's slots+stack
    bool running;
    ObjStr *name;
} ObjGenerator;

extern TypeObj type_code, type_function, type_generator, type_source;

// Readies the function, native, bound-method, cell, code and source types.
void function_types_init(void);

#endif
