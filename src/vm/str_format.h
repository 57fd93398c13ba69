// What the str type exports beyond object.h: value formatting for the VM
// (f-strings), the builtins (format, ascii) and `fmt % args`, plus the
// iterator types' start-up hook. Implemented in str_format.c / obj_str.c.
#ifndef TL_VM_STR_FORMAT_H
#define TL_VM_STR_FORMAT_H

#include "vm/object.h"

// format(v, spec) / f"{v:spec}": ints, bools, floats and strs through
// common/numfmt.h; other objects through a class's __format__, else
// object.__format__ (str(v) for an empty spec, TypeError otherwise).
// [spec] is a str. New str or VAL_ERROR.
Value val_format(Value v, Value spec);

// fmt % args with CPython's rules: a tuple supplies the arguments, a
// mapping serves %(key)s, anything else is the single argument.
// New str or VAL_ERROR ("not enough arguments for format string" ...).
Value str_percent_format(ObjStr *fmt, Value args);

// str.format(*args, **kwargs) as a native method (args[0] is the format).
Value str_format_method(int nargs, Value *args, const KwArgs *kw);
// str.format_map(mapping).
Value str_format_map_method(int nargs, Value *args, const KwArgs *kw);

// ascii(v): repr(v) with non-ASCII chars escaped. New str or VAL_ERROR.
Value val_ascii(Value v);

// The str iterator types. str_ready() readies str and them (call once at
// start-up; type_ready() of str before or after is harmless).
extern TypeObj type_str_iterator, type_str_ascii_iterator;
void str_ready(void);

#endif
