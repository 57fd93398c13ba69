// Private to the builtins (builtins.c, builtins_iter.c, builtins_num.c,
// builtins_help.c): each file registers its functions into the builtins
// dict, and they share CPython's argument-clinic wording for keywords.
#ifndef TL_VM_BUILTINS_INTERNAL_H
#define TL_VM_BUILTINS_INTERNAL_H

#include <stddef.h>

#include "vm/object.h"

// Stores each keyword argument named in [names] into out[i] (borrowed;
// VAL_UNDEF when absent). Any other name raises CPython's
// "'foo' is an invalid keyword argument for print()". 0 or -1.
int builtin_kwargs(const char *fname, const KwArgs *kw, const char *const *names, int nnames, Value *out);

// CPython checks required arguments before unknown keywords: raises
// "round() missing required argument 'number' (pos 1)" when one of the
// first [nreq] of [names] is given neither by position nor by keyword. 0 or -1.
int builtin_required(const char *fname, int nargs, const KwArgs *kw, const char *const *names, int nreq);

// Adds a native function to [d].
void builtin_add(ObjDict *d, const char *name, NativeFn fn, const char *doc);

// True when the pending error is an instance of [cls] (the error stays pending).
bool builtin_pending_is(TypeObj *cls);

// Writes text to sys.stdout (as replaced by the script, if it was). 0 or -1.
int builtin_stdout_write(const char *s, size_t n);

void builtins_iter_init(ObjDict *d);   // builtins_iter.c: iteration and reductions
void builtins_num_init(ObjDict *d);    // builtins_num.c: abs, round, pow, divmod, chr, hex...
void builtins_help_init(ObjDict *d);   // builtins_help.c: help()

#endif
