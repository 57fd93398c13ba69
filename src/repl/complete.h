// Tab completion for the REPL: keywords, names in scope, module members and
// attributes of the value before the dot (`x.vi<TAB>` -> `x.view(`).
#ifndef TL_REPL_COMPLETE_H
#define TL_REPL_COMPLETE_H

#include "vm/object.h"

void complete_install(void);
// The completions of [word] (e.g. "x.vi", "pri") as a new list of strs,
// sorted, without duplicates; callables get a trailing "(". NULL on error.
ObjList *complete_candidates(const char *word);

#endif
