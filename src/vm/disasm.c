// A bytecode disassembler for debugging (TL_DIS=1 prints every compiled
// code object before it runs).
#include <stdio.h>

#include "vm/code.h"
#include "vm/disasm.h"

static const char *const opnames[] = {
#define BC(name, effect) #name,
#include "vm/opcodes.def"
#undef BC
};

void disasm_code(const ObjCode *code) {
    fprintf(stderr, "== %s (locals %d, cells %d+%d, stack %d)\n", code->qualname->data, code->nlocals,
            code->ncellvars, code->nfreevars, code->max_stack);
    for (int i = 0; i < code->ncode; i++) {
        uint32_t w = code->code[i];
        fprintf(stderr, "%4d  line %-4d %-22s %u", i, code->positions[i].line, opnames[INSTR_OP(w)], INSTR_ARG(w));
        Opcode op = INSTR_OP(w);
        if (op == BC_LOAD_CONST) {
            Value r = val_repr(code->consts[INSTR_ARG(w)]);
            if (!IS_ERR(r)) fprintf(stderr, "  (%.40s)", val_cstr(r));
            val_decref(r);
        } else if (op == BC_LOAD_GLOBAL || op == BC_STORE_GLOBAL || op == BC_LOAD_ATTR || op == BC_LOAD_NAME ||
                   op == BC_STORE_NAME || op == BC_LOAD_METHOD || op == BC_STORE_ATTR) {
            fprintf(stderr, "  (%s)", code->names[INSTR_ARG(w)]->data);
        } else if (op == BC_LOAD_FAST || op == BC_STORE_FAST) {
            fprintf(stderr, "  (%s)", code->local_names[INSTR_ARG(w)]->data);
        }
        fputc('\n', stderr);
    }
    for (int i = 0; i < code->nconsts; i++)
        if (IS_OBJ(code->consts[i]) && code->consts[i].as.o->type == &type_code)
            disasm_code((const ObjCode *)code->consts[i].as.o);
}
