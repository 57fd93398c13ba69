// help(obj): a plain-text page in the layout of CPython's pydoc (without a
// pager): signature and docstring for functions, the methods of a class,
// the functions and data of a module.
#include <string.h>

#include "vm/builtins_internal.h"
#include "vm/code.h"
#include "vm/modules.h"
#include "vm/sort.h"

// Appends [doc] with every line prefixed by [indent], after removing the
// common leading whitespace of the lines after the first and the blank
// lines around it (inspect.cleandoc).
static void append_doc(StrBuf *sb, const char *doc, const char *indent) {
    if (!doc) return;
    while (*doc == '\n' || *doc == ' ') doc++;
    const char *end = doc + strlen(doc);
    while (end > doc && (end[-1] == '\n' || end[-1] == ' ')) end--;
    size_t common = (size_t)-1;
    for (const char *p = memchr(doc, '\n', (size_t)(end - doc)); p; p = memchr(p + 1, '\n', (size_t)(end - p - 1))) {
        const char *line = p + 1;
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        size_t len = eol ? (size_t)(eol - line) : (size_t)(end - line);
        size_t ws = strspn(line, " \t");
        if (ws < len && ws < common) common = ws;
    }
    for (const char *line = doc; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        size_t len = eol ? (size_t)(eol - line) : (size_t)(end - line);
        size_t skip = line == doc || common == (size_t)-1 ? 0 : common < len ? common : len;
        sb_append(sb, indent);
        sb_append_n(sb, line + skip, len - skip);
        sb_append_char(sb, '\n');
        line = eol ? eol + 1 : end;
    }
}

static const char *str_or_null(Value v) { return val_is_str(v) ? val_cstr(v) : NULL; }

// f(a, b=2, *args, c, **kw)
static int append_signature(StrBuf *sb, ObjFunction *fn) {
    ObjCode *c = fn->code;
    sb_printf(sb, "%s(", fn->name->data);
    int ndef = fn->defaults ? (int)fn->defaults->len : 0;
    int slot = 0;
    bool first = true;
    for (int i = 0; i < c->nparams_pos; i++, slot++) {
        if (!first) sb_append(sb, ", ");
        first = false;
        sb_append(sb, c->local_names[slot]->data);
        int d = i - (c->nparams_pos - ndef);
        if (d >= 0) {
            sb_append_char(sb, '=');
            if (val_repr_to(fn->defaults->items[d], sb) < 0) return -1;
        }
        if (c->nposonly && i == c->nposonly - 1) sb_append(sb, ", /");
    }
    if (c->has_varargs || c->nparams_kwonly) {
        if (!first) sb_append(sb, ", ");
        first = false;
        sb_append_char(sb, '*');
        if (c->has_varargs) sb_append(sb, c->local_names[slot++]->data);
    }
    for (int i = 0; i < c->nparams_kwonly; i++, slot++) {
        sb_printf(sb, ", %s", c->local_names[slot]->data);
        Value d = fn->kwdefaults ? dict_get_str(fn->kwdefaults, c->local_names[slot]) : VAL_UNDEFINED;
        if (!IS_UNDEF(d) && !IS_ERR(d)) {
            sb_append_char(sb, '=');
            if (val_repr_to(d, sb) < 0) return -1;
        }
    }
    if (c->has_varkw) sb_printf(sb, "%s**%s", first ? "" : ", ", c->local_names[slot]->data);
    sb_append(sb, ")\n");
    return 0;
}

// One callable's entry: signature line, then its doc indented below.
static int append_callable(StrBuf *sb, const char *name, Value f, const char *indent) {
    StrBuf doc_indent = STRBUF_INIT;
    sb_printf(&doc_indent, "%s    ", indent);
    int rc = 0;
    sb_append(sb, indent);
    if (IS_OBJ(f) && f.as.o->type == &type_function) {
        ObjFunction *fn = (ObjFunction *)f.as.o;
        rc = append_signature(sb, fn);
        append_doc(sb, str_or_null(fn->doc), sb_cstr(&doc_indent));
    } else if (IS_OBJ(f) && f.as.o->type == &type_native) {
        sb_printf(sb, "%s(...)\n", name);
        append_doc(sb, ((ObjNative *)f.as.o)->doc, sb_cstr(&doc_indent));
    } else {
        sb_printf(sb, "%s\n", name);
    }
    sb_free(&doc_indent);
    return rc;
}

static bool is_routine(Value v) {
    if (!IS_OBJ(v)) return false;
    TypeObj *t = v.as.o->type;
    return t == &type_function || t == &type_native;
}

// The names of [d]'s entries that pass [want], sorted.
static ObjList *sorted_names(ObjDict *d, bool (*want)(const char *name, Value v)) {
    ObjList *names = list_new(0);
    if (!names) return NULL;
    Value k, v;
    for (int64_t i = 0; d && dict_next(d, &i, &k, &v);)
        if (val_is_str(k) && want(val_cstr(k), v)) list_append(names, k);
    if (list_sort(names, NONE_VAL, false) < 0) {
        obj_decref(names);
        return NULL;
    }
    return names;
}

static bool want_method(const char *name, Value v) {
    (void)name;
    if (IS_OBJ(v) && (v.as.o->type == &type_staticmethod || v.as.o->type == &type_classmethod))
        v = ((ObjStaticMethod *)v.as.o)->func;
    return is_routine(v);
}

static bool want_module_function(const char *name, Value v) { return name[0] != '_' && is_routine(v); }

static bool want_module_data(const char *name, Value v) {
    if (name[0] == '_' || is_routine(v)) return false;
    TypeObj *t = val_type(v);
    return t != &type_module && t != &type_type;
}

static int help_class(StrBuf *sb, TypeObj *t) {
    const char *mod = t->module_name ? t->module_name : t->is_native ? "builtins" : "__main__";
    sb_printf(sb, "Help on class %s in module %s:\n\nclass %s", t->name, mod, t->name);
    if (t->base_type) {
        TypeObj *b = t->base_type;
        const char *bmod = b->module_name ? b->module_name : b->is_native ? "builtins" : "__main__";
        sb_printf(sb, "(%s.%s)", bmod, b->name);
    }
    sb_append_char(sb, '\n');
    Value doc = t->dict ? dict_get_cstr(t->dict, "__doc__") : VAL_UNDEFINED;
    const char *d = val_is_str(doc) ? val_cstr(doc) : t->doc;
    if (d) {
        append_doc(sb, d, " |  ");
        sb_append(sb, " |  \n");
    }
    ObjList *names = sorted_names(t->dict, want_method);
    if (!names) return -1;
    if (names->len) sb_append(sb, " |  Methods defined here:\n |  \n");
    for (int64_t i = 0; i < names->len; i++) {
        Value v = dict_get_str(t->dict, AS_STR(names->items[i]));
        if (IS_OBJ(v) && (v.as.o->type == &type_staticmethod || v.as.o->type == &type_classmethod))
            v = ((ObjStaticMethod *)v.as.o)->func;
        if (append_callable(sb, val_cstr(names->items[i]), v, " |  ") < 0) {
            obj_decref(names);
            return -1;
        }
        sb_append(sb, " |  \n");
    }
    obj_decref(names);
    return 0;
}

static int help_module(StrBuf *sb, ObjModule *m) {
    sb_printf(sb, "Help on module %s:\n\nNAME\n    %s\n\n", m->name->data, m->name->data);
    Value doc = dict_get_cstr(m->dict, "__doc__");
    if (val_is_str(doc)) {
        sb_append(sb, "DESCRIPTION\n");
        append_doc(sb, val_cstr(doc), "    ");
        sb_append_char(sb, '\n');
    }
    ObjList *fns = sorted_names(m->dict, want_module_function);
    ObjList *data = fns ? sorted_names(m->dict, want_module_data) : NULL;
    int rc = data ? 0 : -1;
    if (fns && fns->len) sb_append(sb, "FUNCTIONS\n");
    for (int64_t i = 0; rc == 0 && i < fns->len; i++) {
        rc = append_callable(sb, val_cstr(fns->items[i]), dict_get_str(m->dict, AS_STR(fns->items[i])), "    ");
        sb_append_char(sb, '\n');
    }
    if (data && data->len) sb_append(sb, "DATA\n");
    for (int64_t i = 0; rc == 0 && i < data->len; i++) {
        sb_printf(sb, "    %s = ", val_cstr(data->items[i]));
        rc = val_repr_to(dict_get_str(m->dict, AS_STR(data->items[i])), sb);
        sb_append_char(sb, '\n');
    }
    if (data && data->len) sb_append_char(sb, '\n');
    obj_decref(fns);
    obj_decref(data);
    return rc;
}

static int help_page(StrBuf *sb, Value v) {
    TypeObj *t = val_type(v);
    if (t == &type_function) {
        ObjFunction *fn = (ObjFunction *)v.as.o;
        Value mod = dict_get_cstr(fn->globals, "__name__");
        sb_printf(sb, "Help on function %s in module %s:\n\n", fn->name->data,
                  val_is_str(mod) ? val_cstr(mod) : "__main__");
        return append_callable(sb, fn->name->data, v, "");
    }
    if (t == &type_native) {
        ObjNative *n = (ObjNative *)v.as.o;
        if (n->owner) sb_printf(sb, "Help on method_descriptor:\n\n");
        else sb_printf(sb, "Help on built-in function %s:\n\n", n->name);
        return append_callable(sb, n->name, v, "");
    }
    if (t == &type_module) return help_module(sb, (ObjModule *)v.as.o);
    if (type_is_subtype(t, &type_type)) return help_class(sb, (TypeObj *)v.as.o);
    return help_class(sb, t);
}

static Value bi_help(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("help", kw) < 0 || arg_check_count("help", nargs, 0, 1) < 0) return VAL_ERROR;
    StrBuf sb = STRBUF_INIT;
    int rc = 0;
    if (nargs == 0) {
        sb_append(&sb, "Type help(object) for help about object.\n");
    } else if (val_is_str(args[0])) {
        ObjDict *b = builtins_dict();
        Value v = b ? dict_get_str(b, AS_STR(args[0])) : VAL_UNDEFINED;
        if (!IS_UNDEF(v) && !IS_ERR(v)) {
            rc = help_page(&sb, v);
            sb_append_char(&sb, '\n');
        } else {
            sb_printf(&sb, "No Python documentation found for '%s'.\nUse help() to get the interactive help utility.\n"
                           "Use help(str) for help on the str class.\n", val_cstr(args[0]));
        }
    } else {
        rc = help_page(&sb, args[0]);
        sb_append_char(&sb, '\n');
    }
    if (rc == 0) rc = builtin_stdout_write(sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return rc < 0 ? VAL_ERROR : NONE_VAL;
}

void builtins_help_init(ObjDict *d) {
    builtin_add(d, "help", bi_help,
                "Define the builtin 'help'.\n\n"
                "This is a wrapper around pydoc.help that provides a helpful message\n"
                "when 'help' is typed at the Python interactive prompt.\n\n"
                "Calling help() at the Python prompt starts an interactive help session.\n"
                "Calling help(thing) prints help for the python object 'thing'.");
}
