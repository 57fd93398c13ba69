// The built-in exception classes with CPython's hierarchy, and the bridge
// between the pending-error slot (kind + message from any layer) and
// exception objects.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/class.h"
#include "vm/code.h"

TypeObj *exc_BaseException, *exc_Exception, *exc_TypeError, *exc_ValueError, *exc_IndexError,
    *exc_KeyError, *exc_AttributeError, *exc_NameError, *exc_StopIteration, *exc_RuntimeError,
    *exc_NotImplementedError;

static TypeObj *kind_class[ERR__COUNT];

static void exception_dealloc(Obj *o) {
    ObjException *e = (ObjException *)o;
    obj_decref(e->dict);
    obj_decref(e->args);
    val_decref(e->traceback);
    val_decref(e->cause);
    val_decref(e->context);
}

static void exception_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjException *e = (ObjException *)o;
    if (e->dict) visit((Obj *)e->dict, ctx);
    if (e->args) visit((Obj *)e->args, ctx);
    if (IS_OBJ(e->traceback)) visit(e->traceback.as.o, ctx);
    if (IS_OBJ(e->cause)) visit(e->cause.as.o, ctx);
    if (IS_OBJ(e->context)) visit(e->context.as.o, ctx);
}

static void exception_clear(Obj *o) {
    ObjException *e = (ObjException *)o;
    ObjDict *d = e->dict;
    ObjTuple *a = e->args;
    e->dict = NULL;
    e->args = NULL;
    obj_decref(d);
    obj_decref(a);
    val_set(&e->traceback, NONE_VAL);
    val_set(&e->cause, NONE_VAL);
    val_set(&e->context, NONE_VAL);
}

int exception_set_args(Value exc, int nargs, Value *args) {
    ObjException *e = (ObjException *)exc.as.o;
    ObjTuple *t = tuple_new(nargs);
    if (!t) return -1;
    for (int i = 0; i < nargs; i++) t->items[i] = val_incref(args[i]);
    obj_decref(e->args);
    e->args = t;
    if (IS_UNDEF(e->traceback) || e->traceback.tag == VAL_ERR) e->traceback = NONE_VAL;
    if (e->cause.tag == VAL_ERR) e->cause = NONE_VAL;
    if (e->context.tag == VAL_ERR) e->context = NONE_VAL;
    return 0;
}

static Value exception_str(Value v) {
    ObjException *e = (ObjException *)v.as.o;
    if (!e->args || e->args->len == 0) return str_value("");
    if (e->args->len == 1) {
        if (type_is_subtype(v.as.o->type, exc_KeyError)) return val_repr(e->args->items[0]);
        return val_str(e->args->items[0]);
    }
    return val_repr(OBJ_VAL(e->args));
}

static Value exception_repr(Value v) {
    ObjException *e = (ObjException *)v.as.o;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, v.as.o->type->name);
    if (!e->args || e->args->len != 1) {
        if (e->args && e->args->len > 1) {
            if (val_repr_to(OBJ_VAL(e->args), &sb) < 0) goto fail;
        } else {
            sb_append(&sb, "()");
        }
    } else {
        sb_append(&sb, "(");
        if (val_repr_to(e->args->items[0], &sb) < 0) goto fail;
        sb_append(&sb, ")");
    }
    return str_from_buf(&sb);
fail:
    sb_free(&sb);
    return VAL_ERROR;
}

static Value exception_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    ObjException *e = (ObjException *)obj_alloc(t, t->instance_size);
    if (!e) return VAL_ERROR;
    e->traceback = e->cause = e->context = NONE_VAL;
    Value v = OBJ_VAL(e);
    if (exception_set_args(v, nargs, args) < 0) {
        val_decref(v);
        return VAL_ERROR;
    }
    return v;
}

static Value exception_init(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (exception_set_args(args[0], nargs - 1, args + 1) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value exception_with_traceback(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)kw;
    return val_incref(args[0]);
}

static Value get_args(Value self) {
    ObjException *e = (ObjException *)self.as.o;
    return e->args ? val_incref(OBJ_VAL(e->args)) : OBJ_VAL(tuple_new(0));
}
static int set_args(Value self, Value v) {
    ObjList *l = list_from_iterable(v);
    if (!l) return -1;
    int rc = exception_set_args(self, (int)l->len, l->items);
    obj_decref(l);
    return rc;
}
static Value get_cause(Value self) { return val_incref(((ObjException *)self.as.o)->cause); }
static int set_cause(Value self, Value v) {
    val_set(&((ObjException *)self.as.o)->cause, val_incref(IS_UNDEF(v) ? NONE_VAL : v));
    return 0;
}
static Value get_context(Value self) { return val_incref(((ObjException *)self.as.o)->context); }
static int set_context(Value self, Value v) {
    val_set(&((ObjException *)self.as.o)->context, val_incref(IS_UNDEF(v) ? NONE_VAL : v));
    return 0;
}
static Value get_first_arg(Value self) {
    ObjException *e = (ObjException *)self.as.o;
    return e->args && e->args->len ? val_incref(e->args->items[0]) : NONE_VAL;
}
static Value get_traceback(Value self) { (void)self; return NONE_VAL; }

static const NativeGetSetDef exception_getset[] = {
    {"args", get_args, set_args, NULL},
    {"__cause__", get_cause, set_cause, NULL},
    {"__context__", get_context, set_context, NULL},
    {"__traceback__", get_traceback, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static const NativeGetSetDef value_getset[] = {   // StopIteration.value, SystemExit.code
    {"value", get_first_arg, NULL, NULL},
    {"code", get_first_arg, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static const NativeMethodDef exception_methods[] = {
    {"__init__", exception_init, "Initialize self."},
    {"with_traceback", exception_with_traceback, NULL},
    {NULL, NULL, NULL},
};

static TypeObj base_exception_type = {
    .name = "BaseException", .is_native = true, .is_exception = true,
    .instance_size = sizeof(ObjException), .dict_offset = offsetof(ObjException, dict),
    .dealloc = exception_dealloc, .traverse = exception_traverse, .clear = exception_clear,
    .call_type = exception_new, .repr = exception_repr, .str = exception_str,
    .methods = exception_methods, .getset = exception_getset,
    .doc = "Common base class for all exceptions",
};

static TypeObj *define(ObjDict *builtins, const char *name, TypeObj *base, ErrKind kind) {
    TypeObj *t = tl_xcalloc(1, sizeof(TypeObj));
    memcpy(t, base, sizeof(TypeObj));
    t->name = name;
    t->base_type = base;
    t->dict = NULL;
    t->methods = NULL;
    t->getset = NULL;
    t->doc = NULL;
    if (strcmp(name, "StopIteration") == 0 || strcmp(name, "SystemExit") == 0) t->getset = value_getset;
    type_ready(t);
    if (kind != ERR_NONE) kind_class[kind] = t;
    dict_set_cstr(builtins, name, OBJ_VAL(t));
    return t;
}

void exceptions_init(ObjDict *b) {
    type_ready(&base_exception_type);
    TypeObj *base = exc_BaseException = &base_exception_type;
    dict_set_cstr(b, "BaseException", OBJ_VAL(base));
    TypeObj *exc = exc_Exception = define(b, "Exception", base, ERR_EXCEPTION);
    define(b, "SystemExit", base, ERR_SYSTEM_EXIT);
    define(b, "KeyboardInterrupt", base, ERR_KEYBOARD_INTERRUPT);
    define(b, "GeneratorExit", base, ERR_NONE);
    TypeObj *arith = define(b, "ArithmeticError", exc, ERR_ARITHMETIC);
    define(b, "ZeroDivisionError", arith, ERR_ZERO_DIVISION);
    define(b, "OverflowError", arith, ERR_OVERFLOW);
    define(b, "FloatingPointError", arith, ERR_NONE);
    define(b, "AssertionError", exc, ERR_ASSERTION);
    exc_AttributeError = define(b, "AttributeError", exc, ERR_ATTRIBUTE);
    define(b, "EOFError", exc, ERR_EOF);
    TypeObj *imp = define(b, "ImportError", exc, ERR_IMPORT);
    define(b, "ModuleNotFoundError", imp, ERR_MODULE_NOT_FOUND);
    TypeObj *lookup = define(b, "LookupError", exc, ERR_LOOKUP);
    exc_IndexError = define(b, "IndexError", lookup, ERR_INDEX);
    exc_KeyError = define(b, "KeyError", lookup, ERR_KEY);
    define(b, "MemoryError", exc, ERR_MEMORY);
    exc_NameError = define(b, "NameError", exc, ERR_NAME);
    define(b, "UnboundLocalError", exc_NameError, ERR_UNBOUND_LOCAL);
    TypeObj *os = define(b, "OSError", exc, ERR_OS);
    dict_set_cstr(b, "IOError", OBJ_VAL(os));
    define(b, "FileNotFoundError", os, ERR_FILE_NOT_FOUND);
    define(b, "FileExistsError", os, ERR_NONE);
    define(b, "PermissionError", os, ERR_NONE);
    define(b, "IsADirectoryError", os, ERR_NONE);
    exc_RuntimeError = define(b, "RuntimeError", exc, ERR_RUNTIME);
    exc_NotImplementedError = define(b, "NotImplementedError", exc_RuntimeError, ERR_NOT_IMPLEMENTED);
    define(b, "RecursionError", exc_RuntimeError, ERR_RECURSION);
    exc_StopIteration = define(b, "StopIteration", exc, ERR_STOP_ITERATION);
    define(b, "StopAsyncIteration", exc, ERR_NONE);
    TypeObj *syntax = define(b, "SyntaxError", exc, ERR_SYNTAX);
    TypeObj *indent = define(b, "IndentationError", syntax, ERR_INDENTATION);
    define(b, "TabError", indent, ERR_TAB);
    exc_TypeError = define(b, "TypeError", exc, ERR_TYPE);
    exc_ValueError = define(b, "ValueError", exc, ERR_VALUE);
    define(b, "UnicodeError", exc_ValueError, ERR_NONE);
    TypeObj *warning = define(b, "Warning", exc, ERR_NONE);
    define(b, "UserWarning", warning, ERR_NONE);
    define(b, "DeprecationWarning", warning, ERR_NONE);
    define(b, "RuntimeWarning", warning, ERR_NONE);
    kind_class[ERR_OBJECT] = exc_Exception;
}

TypeObj *exc_class_for_kind(ErrKind k) {
    if (k <= ERR_NONE || k >= ERR__COUNT || !kind_class[k]) return exc_Exception;
    return kind_class[k];
}

static Value make_exception(TypeObj *cls, const char *msg) {
    Value m = str_value(msg);
    Value e = exception_new(cls, 1, &m, NULL);
    val_decref(m);
    return e;
}

Value exc_raise_value(Value exc) {
    tl_error_set_object(exc.as.o);
    return VAL_ERROR;
}

Value exc_raise(TypeObj *cls, const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    Value e = make_exception(cls, buf);
    if (IS_ERR(e)) return e;
    return exc_raise_value(e);
}

Value exc_take_pending(void) {
    ErrKind k = tl_error_kind();
    if (k == ERR_OBJECT) return OBJ_VAL((Obj *)tl_error_take_object());
    if (k == ERR_NONE) return make_exception(exc_RuntimeError, "error return without exception set");
    char msg[2048];
    snprintf(msg, sizeof msg, "%s", tl_error_message());
    tl_error_clear();
    TypeObj *cls = exc_class_for_kind(k);
    if (msg[0] == '\0' && (k == ERR_KEYBOARD_INTERRUPT || k == ERR_MEMORY || k == ERR_STOP_ITERATION))
        return exception_new(cls, 0, NULL, NULL);
    return make_exception(cls, msg);
}

static void release_exception_object(void *o) { obj_decref(o); }

void exceptions_install_release(void);

void exceptions_install_release(void) { tl_error_set_object_release(release_exception_object); }
