// Tracebacks: the loop records (code, instruction) pairs on the exception
// as it unwinds; printing renders them in CPython 3.11's format, with the
// source line and carets under the failing expression, chained exceptions
// first, and long runs of identical frames folded.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/class.h"
#include "vm/vm_internal.h"

void vm_traceback_add(Value exc, Frame *f, const uint32_t *ip) {
    if (!IS_OBJ(exc) || !exc.as.o->type->is_exception || !f || !ip) return;
    ObjException *e = (ObjException *)exc.as.o;
    if (!IS_OBJ(e->traceback)) e->traceback = OBJ_VAL(list_new(0));
    ObjList *tb = AS_LIST(e->traceback);
    if (tb->len > 2000) return;   // deep recursion: enough to show the pattern
    Value entry = tuple_pack(2, val_incref(OBJ_VAL(f->code)), INT_VAL((int64_t)(ip - 1 - f->code->code)));
    list_append_steal(tb, entry);
}

// Copies line [lineno] (1-based) of [text] into [out] without its newline.
static bool source_line(const char *text, int lineno, char *out, size_t cap) {
    if (!text || lineno < 1) return false;
    const char *p = text;
    for (int i = 1; i < lineno; i++) {
        p = strchr(p, '\n');
        if (!p) return false;
        p++;
    }
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n >= cap) n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    if (n && out[n - 1] == '\r') out[n - 1] = '\0';
    return true;
}

static void print_frame_line(FILE *out, ObjCode *code, int index, bool show_carets) {
    SrcPos pos = code->positions[index];
    const char *fname = code->source ? code->source->filename : "<unknown>";
    fprintf(out, "  File \"%s\", line %d, in %s\n", fname, pos.line, code->name->data);
    char line[1024];
    if (strcmp(fname, "<stdin>") == 0) return;   // as CPython's REPL: no source lines
    if (!code->source || !source_line(code->source->text, pos.line, line, sizeof line)) return;
    int indent = 0;
    while (line[indent] == ' ' || line[indent] == '\t') indent++;
    int len = (int)strlen(line);
    while (len > indent && (line[len - 1] == ' ' || line[len - 1] == '\t')) len--;
    if (len <= indent) return;
    fprintf(out, "    %.*s\n", len - indent, line + indent);
    if (!show_carets || pos.end_line != pos.line) return;
    int start = pos.col, end = pos.end_col;
    if (start < indent) start = indent;
    if (end > len) end = len;
    if (end <= start || (start == indent && end == len)) return;
    fprintf(out, "    %*s", start - indent, "");
    for (int i = start; i < end; i++) fputc('^', out);
    fputc('\n', out);
}

static void print_exception_line(FILE *out, Value exc) {
    TypeObj *t = val_type(exc);
    Value s = val_str(exc);
    const char *msg = "";
    if (IS_ERR(s)) {
        tl_error_clear();
        s = VAL_UNDEFINED;
    } else {
        msg = val_cstr(s);
    }
    if (t->module_name && strcmp(t->module_name, "builtins") != 0 && t->is_native)
        fprintf(out, "%s.%s", t->module_name, t->name);
    else
        fputs(t->name, out);
    if (*msg) fprintf(out, ": %s", msg);
    fputc('\n', out);
    val_decref(s);
}

static Value exc_attr(Value exc, const char *name) {
    ObjException *e = (ObjException *)exc.as.o;
    if (!e->dict) return VAL_UNDEFINED;
    return dict_get_cstr(e->dict, name);
}

static void print_syntax_error(FILE *out, Value exc) {
    Value fname = exc_attr(exc, "filename"), lineno = exc_attr(exc, "lineno");
    Value offset = exc_attr(exc, "offset"), text = exc_attr(exc, "text");
    if (val_is_str(fname) && IS_INT(lineno)) {
        fprintf(out, "  File \"%s\", line %lld\n", val_cstr(fname), (long long)lineno.as.i);
        if (val_is_str(text) && AS_STR(text)->len) {
            const char *line = val_cstr(text);
            int indent = 0;
            while (line[indent] == ' ' || line[indent] == '\t') indent++;
            int len = (int)strlen(line);
            while (len > indent && (line[len - 1] == '\n' || line[len - 1] == ' ')) len--;
            fprintf(out, "    %.*s\n", len - indent, line + indent);
            if (IS_INT(offset) && offset.as.i >= 1) {
                int col = (int)offset.as.i - 1 - indent;
                if (col < 0) col = 0;
                fprintf(out, "    %*s^\n", col, "");
            }
        }
    }
    TypeObj *t = val_type(exc);
    ObjException *e = (ObjException *)exc.as.o;
    Value msg = e->args && e->args->len ? e->args->items[0] : VAL_UNDEFINED;
    fprintf(out, "%s: %s\n", t->name, val_is_str(msg) ? val_cstr(msg) : "invalid syntax");
}

static void print_one(FILE *out, Value exc, int depth) {
    ObjException *e = (ObjException *)exc.as.o;
    if (depth < 10) {
        if (IS_OBJ(e->cause)) {
            print_one(out, e->cause, depth + 1);
            fputs("\nThe above exception was the direct cause of the following exception:\n\n", out);
        } else if (IS_OBJ(e->context) && !e->suppress_context) {
            print_one(out, e->context, depth + 1);
            fputs("\nDuring handling of the above exception, another exception occurred:\n\n", out);
        }
    }
    if (type_is_subtype(val_type(exc), exc_class_for_kind(ERR_SYNTAX)) && !IS_UNDEF(exc_attr(exc, "lineno"))) {
        print_syntax_error(out, exc);
        return;
    }
    if (IS_OBJ(e->traceback) && AS_LIST(e->traceback)->len) {
        ObjList *tb = AS_LIST(e->traceback);
        fputs("Traceback (most recent call last):\n", out);
        ObjCode *last_code = NULL;
        int last_line = -1, repeats = 0;
        for (int64_t i = tb->len - 1; i >= 0; i--) {
            ObjTuple *entry = AS_TUPLE(tb->items[i]);
            ObjCode *code = (ObjCode *)entry->items[0].as.o;
            int index = (int)entry->items[1].as.i;
            int line = code->positions[index].line;
            if (code == last_code && line == last_line) {
                repeats++;
                if (repeats >= 3) continue;
            } else {
                if (repeats >= 3)
                    fprintf(out, "  [Previous line repeated %d more time%s]\n", repeats - 2, repeats - 2 == 1 ? "" : "s");
                repeats = 0;
            }
            last_code = code;
            last_line = line;
            print_frame_line(out, code, index, true);
        }
        if (repeats >= 3)
            fprintf(out, "  [Previous line repeated %d more time%s]\n", repeats - 2, repeats - 2 == 1 ? "" : "s");
    }
    print_exception_line(out, exc);
}

bool vm_pending_is_system_exit(void) {
    if (tl_error_kind() == ERR_SYSTEM_EXIT) return true;
    if (tl_error_kind() != ERR_OBJECT) return false;
    Value e = exc_take_pending();
    bool is_exit = val_isinstance(e, exc_class_for_kind(ERR_SYSTEM_EXIT));
    exc_raise_value(e);
    return is_exit;
}

int vm_print_pending_exception(void) {
    fflush(stdout);
    Value exc = exc_take_pending();
    if (IS_ERR(exc)) {
        fprintf(stderr, "tl: fatal: could not create the exception object\n");
        tl_error_clear();
        return 1;
    }
    if (val_isinstance(exc, exc_class_for_kind(ERR_SYSTEM_EXIT))) {
        ObjException *e = (ObjException *)exc.as.o;
        Value code = e->args && e->args->len ? e->args->items[0] : NONE_VAL;
        int rc = 0;
        if (IS_INT(code)) rc = (int)code.as.i;
        else if (IS_BOOL(code)) rc = code.as.b;
        else if (!IS_NONE(code)) {
            Value s = val_str(code);
            if (!IS_ERR(s)) fprintf(stderr, "%s\n", val_cstr(s));
            else tl_error_clear();
            val_decref(s);
            rc = 1;
        }
        val_decref(exc);
        return rc;
    }
    print_one(stderr, exc, 0);
    fflush(stderr);
    val_decref(exc);
    return -1;
}
