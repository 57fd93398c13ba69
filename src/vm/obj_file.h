// Text file objects: what open() returns and what sys.stdout/sys.stderr
// are (CPython's _io.TextIOWrapper, UTF-8, universal newlines on reading).
// A file wraps a C stdio stream, so print(), sys.stdout.write() and the
// tensor printer share one buffer and their output never interleaves wrongly.
#ifndef TL_VM_OBJ_FILE_H
#define TL_VM_OBJ_FILE_H

#include <stdio.h>

#include "vm/object.h"

extern TypeObj type_file;

static inline bool val_is_file(Value v) { return IS_OBJ(v) && v.as.o->type == &type_file; }

// open(path, mode): [path] a str, [mode] as CPython's open() accepts for text
// ('r', 'w', 'a', 'x', each with optional '+', 't' or 'b'; 'b' is read as
// text). New file object, or VAL_ERROR with CPython's exception
// (FileNotFoundError "[Errno 2] No such file or directory: 'x.txt'",
// ValueError "invalid mode: 'q'").
Value file_open(Value path, const char *mode);

// The process's standard streams as shared file objects (borrowed; created
// on first use and never freed). [which]: 0 stdin, 1 stdout, 2 stderr.
Value file_std_stream(int which);

// Writes [n] bytes of UTF-8 text to the file object [f]. 0, or -1 with
// ValueError "I/O operation on closed file." / "not writable".
int file_write(Value f, const char *s, size_t n);
// Flushes [f]'s buffer. 0 or -1 (closed file).
int file_flush(Value f);

// Raises the OSError subclass for [err] (errno) with CPython's message
// "[Errno 2] No such file or directory: 'name'" and the errno, strerror and
// filename attributes set. Returns VAL_ERROR. Used by open() and module os.
Value file_raise_errno(int err, const char *filename);

// Readies type_file; call once at start-up (builtins_init does).
void file_type_init(void);

#endif
