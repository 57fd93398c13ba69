// Classes defined in tl code and the machinery types need at startup.
#ifndef TL_VM_CLASS_H
#define TL_VM_CLASS_H

#include "vm/object.h"

// Creates a class [name] deriving from [base] (NULL = object) whose
// attributes are [ns] (borrowed; the class keeps a reference).
TypeObj *class_new(ObjStr *name, TypeObj *base, ObjDict *ns);
// Calls a type object: constructs an instance.
Value type_call_value(TypeObj *t, int nargs, Value *args, const KwArgs *kw);
// Sets an exception instance's args from constructor arguments.
int exception_set_args(Value exc, int nargs, Value *args);
void class_types_init(void);
void exceptions_init(ObjDict *builtins);
extern TypeObj type_super, type_seqiter;

#endif
