// The pending-error slot. One per process: tl is single-threaded at the
// language level (kernels may use threads but never raise from them).
#include "common/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ErrKind pending_kind = ERR_NONE;
static char pending_msg[2048];
static void *pending_obj;
static void (*obj_release)(void *);
volatile int tl_interrupted;

static void drop_object(void) {
    if (pending_obj && obj_release) obj_release(pending_obj);
    pending_obj = NULL;
}

void *tl_vraise(ErrKind kind, const char *fmt, va_list ap) {
    drop_object();
    pending_kind = kind;
    vsnprintf(pending_msg, sizeof pending_msg, fmt, ap);
    return NULL;
}

void *tl_raise(ErrKind kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tl_vraise(kind, fmt, ap);
    va_end(ap);
    return NULL;
}

int tl_raise_int(ErrKind kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tl_vraise(kind, fmt, ap);
    va_end(ap);
    return -1;
}

bool tl_error_pending(void) { return pending_kind != ERR_NONE; }
ErrKind tl_error_kind(void) { return pending_kind; }
const char *tl_error_message(void) { return pending_kind ? pending_msg : ""; }

void tl_error_clear(void) {
    drop_object();
    pending_kind = ERR_NONE;
    pending_msg[0] = '\0';
}

void tl_error_set_object(void *exc) {
    drop_object();
    pending_kind = ERR_OBJECT;
    pending_msg[0] = '\0';
    pending_obj = exc;
}

void *tl_error_take_object(void) {
    void *o = pending_obj;
    pending_obj = NULL;
    pending_kind = ERR_NONE;
    return o;
}

void tl_error_set_object_release(void (*release)(void *)) { obj_release = release; }

int tl_check_interrupt(void) {
    if (!tl_interrupted) return 0;
    tl_interrupted = 0;
    return tl_raise_int(ERR_KEYBOARD_INTERRUPT, "%s", "");
}
