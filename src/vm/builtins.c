// The builtins dict: the type objects, print/input/open, introspection
// (isinstance, getattr, dir, vars, globals, locals), exit/quit, and the
// registration of the iteration (builtins_iter.c), numeric
// (builtins_num.c) and help (builtins_help.c) families.
// Exception classes are added by exceptions_init, not here.
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vm/attr.h"
#include "vm/builtins_internal.h"
#include "vm/class.h"
#include "vm/containers.h"
#include "vm/limits.h"
#include "vm/modules.h"
#include "vm/obj_file.h"
#include "vm/sort.h"
#include "vm/str_format.h"
#include "vm/vm_internal.h"

int vm_recursion_limit = 1000;

// ------------------------------------------------------------ shared helpers

int builtin_kwargs(const char *fname, const KwArgs *kw, const char *const *names, int nnames, Value *out) {
    for (int i = 0; i < nnames; i++) out[i] = VAL_UNDEFINED;
    for (int k = 0; kw && k < kw->n; k++) {
        int j = 0;
        while (j < nnames && strcmp(names[j], kw->names[k]->data) != 0) j++;
        if (j == nnames) {
            exc_raise(exc_TypeError, "'%s' is an invalid keyword argument for %s()", kw->names[k]->data, fname);
            return -1;
        }
        out[j] = kw->values[k];
    }
    return 0;
}

int builtin_required(const char *fname, int nargs, const KwArgs *kw, const char *const *names, int nreq) {
    for (int i = nargs; i < nreq; i++) {
        bool found = false;
        for (int k = 0; kw && k < kw->n && !found; k++) found = strcmp(kw->names[k]->data, names[i]) == 0;
        if (!found) {
            exc_raise(exc_TypeError, "%s() missing required argument '%s' (pos %d)", fname, names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

void builtin_add(ObjDict *d, const char *name, NativeFn fn, const char *doc) {
    Value f = native_new(name, fn, doc);
    dict_set_cstr(d, name, f);
    val_decref(f);
}

bool builtin_pending_is(TypeObj *cls) {
    ErrKind k = tl_error_kind();
    if (k == ERR_NONE) return false;
    if (k != ERR_OBJECT) return type_is_subtype(exc_class_for_kind(k), cls);
    Value e = exc_take_pending();
    bool match = val_isinstance(e, cls);
    exc_raise_value(e);
    return match;
}

static int one_arg(const char *name, int nargs, const KwArgs *kw) {
    if (arg_no_kwargs(name, kw) < 0) return -1;
    return arg_check_count(name, nargs, 1, 1);
}

// sys.stdout / sys.stderr as the script may have replaced them (borrowed).
static Value std_stream(int which) {
    if (vm.modules) {
        Value sys = dict_get_cstr(vm.modules, "sys");
        if (IS_OBJ(sys) && sys.as.o->type == &type_module) {
            Value s = dict_get_cstr(((ObjModule *)sys.as.o)->dict, which == 2 ? "stderr" : "stdout");
            if (!IS_UNDEF(s) && !IS_ERR(s)) return s;
        }
    }
    return file_std_stream(which);
}

// Writes [n] bytes to a file object, or through any object's write().
static int stream_write(Value stream, const char *s, size_t n) {
    if (val_is_file(stream)) return file_write(stream, s, n);
    Value str = str_value_n(s, (int64_t)n);
    if (IS_ERR(str)) return -1;
    Value r = val_call_method(stream, "write", 1, &str);
    val_decref(str);
    if (IS_ERR(r)) return -1;
    val_decref(r);
    return 0;
}

int builtin_stdout_write(const char *s, size_t n) {
    Value out = std_stream(1);
    return IS_NONE(out) ? 0 : stream_write(out, s, n);
}

static int stream_flush(Value stream) {
    if (val_is_file(stream)) return file_flush(stream);
    Value r = val_call_method(stream, "flush", 0, NULL);
    if (IS_ERR(r)) return -1;
    val_decref(r);
    return 0;
}

// ------------------------------------------------------------ print / input / open

static int text_option(const char *what, Value v, const char *dflt, const char **out, size_t *len) {
    if (IS_UNDEF(v) || IS_NONE(v)) {
        *out = dflt;
        *len = strlen(dflt);
        return 0;
    }
    if (!val_is_str(v)) {
        exc_raise(exc_TypeError, "%s must be None or a string, not %s", what, val_type_name(v));
        return -1;
    }
    *out = AS_STR(v)->data;
    *len = (size_t)AS_STR(v)->len;
    return 0;
}

// A file gets the whole line in one write.
static int print_to_file(Value file, int nargs, Value *args, const char *sep, size_t nsep, const char *end,
                         size_t nend) {
    StrBuf sb = STRBUF_INIT;
    for (int i = 0; i < nargs; i++) {
        if (i) sb_append_n(&sb, sep, nsep);
        if (val_str_to(args[i], &sb) < 0) {
            sb_free(&sb);
            return -1;
        }
    }
    sb_append_n(&sb, end, nend);
    int rc = file_write(file, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return rc;
}

// Any other object's write() sees each piece, as CPython calls it: str(arg),
// sep, str(arg), ..., end.
static int print_to_object(Value file, int nargs, Value *args, const char *sep, size_t nsep, const char *end,
                           size_t nend) {
    for (int i = 0; i < nargs; i++) {
        if (i && stream_write(file, sep, nsep) < 0) return -1;
        Value s = val_str(args[i]);
        if (IS_ERR(s)) return -1;
        int rc = stream_write(file, AS_STR(s)->data, (size_t)AS_STR(s)->len);
        val_decref(s);
        if (rc < 0) return -1;
    }
    return stream_write(file, end, nend);
}

static Value bi_print(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"sep", "end", "file", "flush"};
    Value a[4];
    const char *sep, *end;
    size_t nsep, nend;
    if (builtin_kwargs("print", kw, names, 4, a) < 0 || text_option("sep", a[0], " ", &sep, &nsep) < 0 ||
        text_option("end", a[1], "\n", &end, &nend) < 0)
        return VAL_ERROR;
    Value file = IS_UNDEF(a[2]) || IS_NONE(a[2]) ? std_stream(1) : a[2];
    if (IS_NONE(file)) return NONE_VAL;   // sys.stdout = None silences print, as in CPython
    int rc = val_is_file(file) ? print_to_file(file, nargs, args, sep, nsep, end, nend)
                               : print_to_object(file, nargs, args, sep, nsep, end, nend);
    if (rc < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[3])) {
        int fl = val_truthy(a[3]);
        if (fl < 0 || (fl && stream_flush(file) < 0)) return VAL_ERROR;
    }
    return NONE_VAL;
}

// Reads one line of stdin without its newline; EOFError at end of input.
static Value read_stdin_line(void) {
    StrBuf sb = STRBUF_INIT;
    for (;;) {
        int c = getchar();
        if (c == EOF) {
            bool intr = ferror(stdin) && errno == EINTR;
            clearerr(stdin);
            if (intr || tl_interrupted) {
                sb_free(&sb);
                if (tl_check_interrupt() < 0) return VAL_ERROR;
                continue;
            }
            if (sb.len == 0) {
                sb_free(&sb);
                return exc_raise(exc_class_for_kind(ERR_EOF), "EOF when reading a line");
            }
            break;
        }
        if (c == '\n') break;
        sb_append_char(&sb, (char)c);
    }
    return str_from_buf(&sb);
}

static Value bi_input(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("input", kw) < 0 || arg_check_count("input", nargs, 0, 1) < 0) return VAL_ERROR;
    Value out = std_stream(1);
    if (nargs == 1) {
        Value s = val_str(args[0]);
        if (IS_ERR(s)) return s;
        int rc = stream_write(out, AS_STR(s)->data, (size_t)AS_STR(s)->len);
        val_decref(s);
        if (rc < 0) return VAL_ERROR;
    }
    if (!IS_NONE(out) && stream_flush(out) < 0) return VAL_ERROR;
    fflush(stdout);
    return read_stdin_line();
}

static Value bi_open(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"};
    Value a[8];
    if (nargs > 8) return exc_raise(exc_TypeError, "open() takes at most 8 arguments (%d given)", nargs);
    if (builtin_required("open", nargs, kw, names, 1) < 0 || builtin_kwargs("open", kw, names, 8, a) < 0)
        return VAL_ERROR;
    for (int i = 0; i < nargs; i++) {
        if (!IS_UNDEF(a[i]))
            return exc_raise(exc_TypeError, "argument for open() given by name ('%s') and position (%d)", names[i], i + 1);
        a[i] = args[i];
    }
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "open() missing required argument 'file' (pos 1)");
    const char *mode = "r";
    if (!IS_UNDEF(a[1])) {
        if (!val_is_str(a[1]))
            return exc_raise(exc_TypeError, "open() argument 'mode' must be str, not %s", val_type_name(a[1]));
        mode = val_cstr(a[1]);
    }
    return file_open(a[0], mode);
}

// ------------------------------------------------------------ small conversions

static Value bi_len(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("len", nargs, kw) < 0) return VAL_ERROR;
    int64_t n = val_len(args[0]);
    return n < 0 ? VAL_ERROR : INT_VAL(n);
}

static Value bi_repr(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("repr", nargs, kw) < 0) return VAL_ERROR;
    return val_repr(args[0]);
}

static Value bi_ascii(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("ascii", nargs, kw) < 0) return VAL_ERROR;
    return val_ascii(args[0]);
}

static Value bi_format(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("format", kw) < 0 || arg_check_count("format", nargs, 1, 2) < 0) return VAL_ERROR;
    if (nargs == 2 && !val_is_str(args[1]))
        return exc_raise(exc_TypeError, "format() argument 2 must be str, not %s", val_type_name(args[1]));
    if (nargs == 2) return val_format(args[0], args[1]);
    Value spec = str_value("");
    if (IS_ERR(spec)) return spec;
    Value r = val_format(args[0], spec);
    val_decref(spec);
    return r;
}

// Inline values have no address: they get a stable number derived from
// their bits, so equal small values share an id (as CPython's cached ints).
static Value bi_id(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("id", nargs, kw) < 0) return VAL_ERROR;
    Value v = args[0];
    if (IS_OBJ(v)) return INT_VAL((int64_t)(uintptr_t)v.as.o);
    uint64_t bits = v.tag == VAL_FLOAT ? 0 : (uint64_t)v.as.i;
    if (v.tag == VAL_FLOAT) memcpy(&bits, &v.as.f, sizeof bits);
    if (v.tag == VAL_BOOL) bits = v.as.b;
    if (v.tag == VAL_NONE) bits = 0;
    return INT_VAL((int64_t)(((bits * 0x9E3779B97F4A7C15ull) >> 8) * 16 + (uint64_t)v.tag) & INT64_MAX);
}

static Value bi_hash(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("hash", nargs, kw) < 0) return VAL_ERROR;
    int64_t h = val_hash(args[0]);
    if (h == -1 && tl_error_pending()) return VAL_ERROR;
    return INT_VAL(h);
}

static Value bi_callable(int nargs, Value *args, const KwArgs *kw) {
    if (one_arg("callable", nargs, kw) < 0) return VAL_ERROR;
    return BOOL_VAL(val_type(args[0])->call != NULL);
}

// ------------------------------------------------------------ isinstance & co

static bool is_class(Value v) { return IS_OBJ(v) && type_is_subtype(v.as.o->type, &type_type); }

// 1/0 whether [v] (an instance, or a class when [sub]) matches [info]: a
// class or a (nested) tuple of them. -1 with a TypeError for anything else.
static int class_check(Value v, Value info, bool sub) {
    if (is_class(info)) {
        TypeObj *t = (TypeObj *)info.as.o;
        return sub ? type_is_subtype((TypeObj *)v.as.o, t) : val_isinstance(v, t);
    }
    if (val_is_tuple(info)) {
        ObjTuple *tu = AS_TUPLE(info);
        for (int64_t i = 0; i < tu->len; i++) {
            int r = class_check(v, tu->items[i], sub);
            if (r != 0) return r;
        }
        return 0;
    }
    if (sub) exc_raise(exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    else exc_raise(exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
}

static Value bi_isinstance(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("isinstance", kw) < 0 || arg_check_count("isinstance", nargs, 2, 2) < 0) return VAL_ERROR;
    int r = class_check(args[0], args[1], false);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value bi_issubclass(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("issubclass", kw) < 0 || arg_check_count("issubclass", nargs, 2, 2) < 0) return VAL_ERROR;
    if (!is_class(args[0])) return exc_raise(exc_TypeError, "issubclass() arg 1 must be a class");
    int r = class_check(args[0], args[1], true);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static int attr_name(Value v) {
    if (val_is_str(v)) return 0;
    exc_raise(exc_TypeError, "attribute name must be string, not '%s'", val_type_name(v));
    return -1;
}

static Value bi_getattr(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("getattr", kw) < 0 || arg_check_count("getattr", nargs, 2, 3) < 0 || attr_name(args[1]) < 0)
        return VAL_ERROR;
    Value r = val_getattr(args[0], AS_STR(args[1]));
    if (IS_ERR(r) && nargs == 3 && builtin_pending_is(exc_AttributeError)) {
        tl_error_clear();
        return val_incref(args[2]);
    }
    return r;
}

static Value bi_hasattr(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("hasattr", kw) < 0 || arg_check_count("hasattr", nargs, 2, 2) < 0 || attr_name(args[1]) < 0)
        return VAL_ERROR;
    Value r = val_getattr(args[0], AS_STR(args[1]));
    if (!IS_ERR(r)) {
        val_decref(r);
        return BOOL_VAL(true);
    }
    if (!builtin_pending_is(exc_AttributeError)) return VAL_ERROR;
    tl_error_clear();
    return BOOL_VAL(false);
}

static Value bi_setattr(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("setattr", kw) < 0 || arg_check_count("setattr", nargs, 3, 3) < 0 || attr_name(args[1]) < 0)
        return VAL_ERROR;
    return val_setattr(args[0], AS_STR(args[1]), args[2]) < 0 ? VAL_ERROR : NONE_VAL;
}

static Value bi_delattr(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("delattr", kw) < 0 || arg_check_count("delattr", nargs, 2, 2) < 0 || attr_name(args[1]) < 0)
        return VAL_ERROR;
    return val_delattr(args[0], AS_STR(args[1])) < 0 ? VAL_ERROR : NONE_VAL;
}

// ------------------------------------------------------------ namespaces

static ObjDict *running_globals(void) {
    if (vm.current && vm.current->globals) return vm.current->globals;
    return vm_current_globals();
}

// locals(): the namespace dict of module and class code; for a function, a
// new dict of its bound locals and cells (CPython's snapshot).
static Value current_locals(void) {
    Frame *f = vm.current;
    if (!f) return val_incref(OBJ_VAL(vm_current_globals()));
    if (f->locals) return val_incref(OBJ_VAL(f->locals));
    if (f->code->kind != CODE_FUNCTION) return val_incref(OBJ_VAL(f->globals));
    ObjDict *d = dict_new();
    if (!d) return VAL_ERROR;
    ObjCode *c = f->code;
    for (int i = 0; i < c->nlocals; i++)
        if (!IS_UNDEF(f->slots[i]) && !IS_ERR(f->slots[i])) dict_set_str(d, c->local_names[i], f->slots[i]);
    for (int i = 0; i < c->ncellvars + c->nfreevars; i++) {
        Value cell = f->slots[c->nlocals + i];
        if (!IS_OBJ(cell) || cell.as.o->type != &type_cell) continue;
        Value v = ((ObjCell *)cell.as.o)->value;
        if (!IS_UNDEF(v)) dict_set_str(d, c->cell_names[i], v);
    }
    return OBJ_VAL(d);
}

static Value bi_globals(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("globals", kw) < 0 || arg_check_count("globals", nargs, 0, 0) < 0) return VAL_ERROR;
    return val_incref(OBJ_VAL(running_globals()));
}

static Value bi_locals(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_no_kwargs("locals", kw) < 0 || arg_check_count("locals", nargs, 0, 0) < 0) return VAL_ERROR;
    return current_locals();
}

// Sorts [l] (str items) and drops duplicates in place.
static int sort_unique(ObjList *l) {
    if (list_sort(l, NONE_VAL, false) < 0) return -1;
    int64_t w = 0;
    for (int64_t i = 0; i < l->len; i++) {
        if (w > 0 && val_is_str(l->items[i]) && val_is_str(l->items[w - 1]) &&
            str_eq(AS_STR(l->items[i]), AS_STR(l->items[w - 1]))) {
            val_decref(l->items[i]);
            continue;
        }
        l->items[w++] = l->items[i];
    }
    l->len = w;
    return 0;
}

static Value bi_dir(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("dir", kw) < 0 || arg_check_count("dir", nargs, 0, 1) < 0) return VAL_ERROR;
    ObjList *names;
    if (nargs == 0) {
        Value loc = current_locals();
        if (IS_ERR(loc)) return loc;
        names = list_from_iterable(loc);
        val_decref(loc);
    } else {
        ObjStr *s = str_intern("__dir__");
        Value custom = type_lookup(val_type(args[0]), s);
        obj_decref(s);
        if (IS_OBJ(custom) && custom.as.o->type != &type_native) {
            Value r = val_call_method(args[0], "__dir__", 0, NULL);
            if (IS_ERR(r)) return r;
            names = list_from_iterable(r);
            val_decref(r);
        } else {
            names = attr_names(args[0]);
        }
    }
    if (!names) return VAL_ERROR;
    if (sort_unique(names) < 0) {
        obj_decref(names);
        return VAL_ERROR;
    }
    return OBJ_VAL(names);
}

static Value bi_vars(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("vars", kw) < 0 || arg_check_count("vars", nargs, 0, 1) < 0) return VAL_ERROR;
    if (nargs == 0) return current_locals();
    Value v = args[0];
    TypeObj *t = val_type(v);
    if (t == &type_module) return val_incref(OBJ_VAL(((ObjModule *)v.as.o)->dict));
    if (IS_OBJ(v) && t->dict_offset && !is_class(v)) {
        ObjDict **slot = (ObjDict **)((char *)v.as.o + t->dict_offset);
        if (!*slot && !(*slot = dict_new())) return VAL_ERROR;
        return val_incref(OBJ_VAL(*slot));
    }
    Value d = val_getattr_cstr(v, "__dict__");
    if (!IS_ERR(d)) return d;
    if (!builtin_pending_is(exc_AttributeError)) return VAL_ERROR;
    return exc_raise(exc_TypeError, "vars() argument must have __dict__ attribute");
}

// ------------------------------------------------------------ exit / quit

// exit and quit are objects (CPython's site.Quitter): their repr is the hint
// the REPL shows when a user types `exit` without parentheses.
typedef struct {
    Obj base;
    const char *name;
} ObjQuitter;

static Value quitter_repr(Value self) {
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "Use %s() or Ctrl-D (i.e. EOF) to exit", ((ObjQuitter *)self.as.o)->name);
    return str_from_buf(&sb);
}

static Value quitter_call(Value self, int nargs, Value *args, const KwArgs *kw) {
    (void)self;
    if (arg_no_kwargs("Quitter.__call__", kw) < 0) return VAL_ERROR;
    if (nargs > 1)
        return exc_raise(exc_TypeError,
                         "Quitter.__call__() takes from 1 to 2 positional arguments but %d were given", nargs + 1);
    Value code = nargs ? args[0] : NONE_VAL;
    Value exc = val_call(OBJ_VAL(exc_class_for_kind(ERR_SYSTEM_EXIT)), 1, &code, NULL);
    if (IS_ERR(exc)) return exc;
    return exc_raise_value(exc);
}

static TypeObj type_quitter = {
    .name = "Quitter", .module_name = "_sitebuiltins", .is_native = true, .is_abstract_native = true,
    .repr = quitter_repr, .call = quitter_call,
};

static ObjQuitter quit_objects[2] = {
    {{1 << 30, &type_quitter, NULL, NULL, 0}, "exit"},
    {{1 << 30, &type_quitter, NULL, NULL, 0}, "quit"},
};

// ------------------------------------------------------------ registration

static const NativeMethodDef builtin_functions[] = {
    {"print", bi_print,
     "print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)\n\n"
     "Prints the values to a stream, or to sys.stdout by default.\n"
     "Optional keyword arguments:\n"
     "file:  a file-like object (stream); defaults to the current sys.stdout.\n"
     "sep:   string inserted between values, default a space.\n"
     "end:   string appended after the last value, default a newline.\n"
     "flush: whether to forcibly flush the stream."},
    {"input", bi_input,
     "Read a string from standard input.  The trailing newline is stripped.\n\n"
     "The prompt string, if given, is printed to standard output without a\n"
     "trailing newline before reading input.\n\n"
     "If the user hits EOF (*nix: Ctrl-D, Windows: Ctrl-Z+Return), raise EOFError."},
    {"open", bi_open, "Open file and return a stream.  Raise OSError upon failure."},
    {"len", bi_len, "Return the number of items in a container."},
    {"repr", bi_repr,
     "Return the canonical string representation of the object.\n\n"
     "For many object types, including most builtins, eval(repr(obj)) == obj."},
    {"ascii", bi_ascii,
     "Return an ASCII-only representation of an object.\n\n"
     "As repr(), return a string containing a printable representation of an\n"
     "object, but escape the non-ASCII characters in the string returned by\n"
     "repr() using \\\\x, \\\\u or \\\\U escapes."},
    {"format", bi_format,
     "Return value.__format__(format_spec)\n\n"
     "format_spec defaults to the empty string."},
    {"id", bi_id,
     "Return the identity of an object.\n\n"
     "This is guaranteed to be unique among simultaneously existing objects."},
    {"hash", bi_hash,
     "Return the hash value for the given object.\n\n"
     "Two objects that compare equal must also have the same hash value, but the\n"
     "reverse is not necessarily true."},
    {"callable", bi_callable,
     "Return whether the object is callable (i.e., some kind of function).\n\n"
     "Note that classes are callable, as are instances of classes with a\n"
     "__call__() method."},
    {"isinstance", bi_isinstance,
     "Return whether an object is an instance of a class or of a subclass thereof.\n\n"
     "A tuple, as in ``isinstance(x, (A, B, ...))``, may be given as the target to\n"
     "check against. This is equivalent to ``isinstance(x, A) or isinstance(x, B)\n"
     "or ...`` etc."},
    {"issubclass", bi_issubclass,
     "Return whether 'cls' is derived from another class or is the same class.\n\n"
     "A tuple, as in ``issubclass(x, (A, B, ...))``, may be given as the target to\n"
     "check against. This is equivalent to ``issubclass(x, A) or issubclass(x, B)\n"
     "or ...``."},
    {"getattr", bi_getattr,
     "getattr(object, name[, default]) -> value\n\n"
     "Get a named attribute from an object; getattr(x, 'y') is equivalent to x.y.\n"
     "When a default argument is given, it is returned when the attribute doesn't\n"
     "exist; without it, an exception is raised in that case."},
    {"hasattr", bi_hasattr,
     "Return whether the object has an attribute with the given name.\n\n"
     "This is done by calling getattr(obj, name) and catching AttributeError."},
    {"setattr", bi_setattr,
     "Sets the named attribute on the given object to the specified value.\n\n"
     "setattr(x, 'y', v) is equivalent to ``x.y = v``"},
    {"delattr", bi_delattr,
     "Deletes the named attribute from the given object.\n\n"
     "delattr(x, 'y') is equivalent to ``del x.y``"},
    {"globals", bi_globals, "Return the dictionary containing the current scope's global variables."},
    {"locals", bi_locals, "Return a dictionary containing the current scope's local variables."},
    {"dir", bi_dir,
     "Show attributes of an object.\n\n"
     "If called without an argument, return the names in the current scope.\n"
     "Else, return an alphabetized list of names comprising (some of) the attributes\n"
     "of the given object, and of attributes reachable from it."},
    {"vars", bi_vars,
     "vars([object]) -> dictionary\n\n"
     "Without arguments, equivalent to locals().\n"
     "With an argument, equivalent to object.__dict__."},
    {NULL, NULL, NULL},
};

void builtins_init(ObjDict *d) {
    TypeObj *types[] = {&type_int, &type_float, &type_bool, &type_str, &type_list, &type_tuple,
                        &type_dict, &type_set, &type_frozenset, &type_type, &type_object, &type_slice,
                        &type_super, &type_property, &type_staticmethod, &type_classmethod, &type_range};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        type_ready(types[i]);
        dict_set_cstr(d, types[i]->name, OBJ_VAL(types[i]));
    }
    for (const NativeMethodDef *m = builtin_functions; m->name; m++) builtin_add(d, m->name, m->fn, m->doc);
    builtins_iter_init(d);
    builtins_num_init(d);
    builtins_help_init(d);
    file_type_init();
    type_ready(&type_quitter);
    dict_set_cstr(d, "exit", OBJ_VAL(&quit_objects[0]));
    dict_set_cstr(d, "quit", OBJ_VAL(&quit_objects[1]));
    dict_set_cstr(d, "NotImplemented", OBJ_VAL(&obj_notimplemented));
    dict_set_cstr(d, "Ellipsis", OBJ_VAL(&obj_ellipsis));
    dict_set_cstr(d, "__debug__", BOOL_VAL(true));
}
