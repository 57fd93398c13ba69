// The single pending-error slot shared by every layer (QuickJS style).
// A failing function records the error once with tl_raise() and returns
// NULL / -1 / a VAL_ERR value; callers pass the failure up untouched.
// The VM turns the pending error into an exception object at its
// `exception:` label. Layers below the VM (tensor, autograd) only know the
// kind and the message; the VM may also park an exception object here.
#ifndef TL_COMMON_ERROR_H
#define TL_COMMON_ERROR_H

#include <stdarg.h>
#include <stdbool.h>

// The kinds map one-to-one onto Python exception classes of the same name.
typedef enum {
    ERR_NONE = 0,
    ERR_EXCEPTION,        // Exception
    ERR_TYPE,             // TypeError
    ERR_VALUE,            // ValueError
    ERR_INDEX,            // IndexError
    ERR_KEY,              // KeyError
    ERR_ATTRIBUTE,        // AttributeError
    ERR_NAME,             // NameError
    ERR_UNBOUND_LOCAL,    // UnboundLocalError
    ERR_ZERO_DIVISION,    // ZeroDivisionError
    ERR_OVERFLOW,         // OverflowError
    ERR_RUNTIME,          // RuntimeError
    ERR_NOT_IMPLEMENTED,  // NotImplementedError
    ERR_RECURSION,        // RecursionError
    ERR_MEMORY,           // MemoryError
    ERR_STOP_ITERATION,   // StopIteration
    ERR_ASSERTION,        // AssertionError
    ERR_KEYBOARD_INTERRUPT, // KeyboardInterrupt
    ERR_SYNTAX,           // SyntaxError
    ERR_INDENTATION,      // IndentationError
    ERR_TAB,              // TabError
    ERR_EOF,              // EOFError
    ERR_OS,               // OSError
    ERR_FILE_NOT_FOUND,   // FileNotFoundError
    ERR_IMPORT,           // ImportError
    ERR_MODULE_NOT_FOUND, // ModuleNotFoundError
    ERR_LOOKUP,           // LookupError
    ERR_ARITHMETIC,       // ArithmeticError
    ERR_SYSTEM_EXIT,      // SystemExit
    ERR_OBJECT,           // the VM parked an exception object (tl_error_object)
    ERR__COUNT
} ErrKind;

// Records a pending error of [kind] with a printf-style message and returns
// NULL so that raising reads `return tl_raise(...)`. An error already
// pending is replaced.
void *tl_raise(ErrKind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void *tl_vraise(ErrKind kind, const char *fmt, va_list ap);

// As tl_raise but returns -1, for int-returning functions.
int tl_raise_int(ErrKind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

bool tl_error_pending(void);
ErrKind tl_error_kind(void);
const char *tl_error_message(void);   // "" when none; valid until the next raise/clear
void tl_error_clear(void);

// The VM may park a language exception object here (kind ERR_OBJECT); the
// slot then owns one reference, released through the hook below.
void tl_error_set_object(void *exc);
void *tl_error_take_object(void);    // new reference or NULL; clears the slot
void tl_error_set_object_release(void (*release)(void *));

// Ctrl-C: the signal handler only sets this flag; the VM polls it on
// backward jumps and calls, long kernels between chunks (tl_check_interrupt).
extern volatile int tl_interrupted;
// Returns -1 with a pending KeyboardInterrupt when Ctrl-C was pressed.
int tl_check_interrupt(void);

#endif
