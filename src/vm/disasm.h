// Debug aid: prints a code object and the code objects nested in it.
#ifndef TL_VM_DISASM_H
#define TL_VM_DISASM_H

#include "vm/code.h"

void disasm_code(const ObjCode *code);

#endif
