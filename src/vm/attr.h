// Attribute helpers shared by the VM, builtins (dir) and the REPL's completion.
#ifndef TL_VM_ATTR_H
#define TL_VM_ATTR_H

#include "vm/object.h"

// A native type's getset entry, installed in its dict by type_ready().
typedef struct {
    Obj base;
    const NativeGetSetDef *def;
} ObjGetSet;
extern TypeObj type_getset;

// Names reachable as attributes of [obj] (instance dict, class chain, native
// dir slot). New list; duplicates possible.
ObjList *attr_names(Value obj);
// CPython's "Did you mean" choice among [candidates], or NULL.
const char *attr_suggest(const char *name, ObjList *candidates);
// Raises AttributeError for [name] on [obj] with a suggestion; returns VAL_ERROR.
Value attr_not_found(Value obj, ObjStr *name);
// __name__, __doc__, __mro__, __bases__, __dict__ of a class, or VAL_UNDEF.
Value type_special_attr(TypeObj *cls, ObjStr *name);
// Re-derives a user class's slots after a dunder is (re)assigned.
void class_update_slots(TypeObj *cls, ObjStr *name);
// __class__, __dict__, __doc__ and slot wrappers (`x.__len__`), or VAL_UNDEF.
Value slot_wrapper_getattr(Value obj, ObjStr *name);
// Attribute assignment without a class's __setattr__ hook (object.__setattr__).
// [v] VAL_UNDEF deletes. 0 or -1.
int attr_generic_set(Value obj, ObjStr *name, Value v);
// A sequence iterator over __getitem__/__len__ (old-style iteration).
Value seq_iter_new(Value seq);

#endif
