// Argument checking and binding for native functions, with CPython's
// wording for every mismatch.
#include <stdio.h>
#include <string.h>

#include "vm/modules.h"
#include "vm/object.h"

int arg_check_count(const char *fname, int nargs, int min, int max) {
    if (nargs >= min && nargs <= max) return 0;
    if (min == max) {
        if (min == 0) exc_raise(exc_TypeError, "%s() takes no arguments (%d given)", fname, nargs);
        else if (min == 1) exc_raise(exc_TypeError, "%s() takes exactly one argument (%d given)", fname, nargs);
        else exc_raise(exc_TypeError, "%s expected %d arguments, got %d", fname, min, nargs);
    } else if (nargs < min) {
        exc_raise(exc_TypeError, "%s expected at least %d argument%s, got %d", fname, min, min == 1 ? "" : "s", nargs);
    } else {
        exc_raise(exc_TypeError, "%s expected at most %d argument%s, got %d", fname, max, max == 1 ? "" : "s", nargs);
    }
    return -1;
}

int arg_no_kwargs(const char *fname, const KwArgs *kw) {
    if (!kw || kw->n == 0) return 0;
    exc_raise(exc_TypeError, "%s() takes no keyword arguments", fname);
    return -1;
}

int arg_bind(const char *fname, int nargs, Value *args, const KwArgs *kw,
             const char *const *names, int nnames, int npos_max, Value *out) {
    for (int i = 0; i < nnames; i++) out[i] = VAL_UNDEFINED;
    if (nargs > npos_max) {
        exc_raise(exc_TypeError, "%s() takes at most %d positional argument%s (%d given)", fname, npos_max,
                  npos_max == 1 ? "" : "s", nargs);
        return -1;
    }
    for (int i = 0; i < nargs; i++) out[i] = args[i];
    for (int k = 0; kw && k < kw->n; k++) {
        const char *kn = kw->names[k]->data;
        int j = 0;
        while (j < nnames && strcmp(names[j], kn) != 0) j++;
        if (j == nnames) {
            exc_raise(exc_TypeError, "%s() got an unexpected keyword argument '%s'", fname, kn);
            return -1;
        }
        if (!IS_UNDEF(out[j])) {
            exc_raise(exc_TypeError, "%s() got multiple values for argument '%s'", fname, kn);
            return -1;
        }
        out[j] = kw->values[k];
    }
    return 0;
}

int arg_int(Value v, const char *what, int64_t *out) {
    if (IS_INT(v)) { *out = v.as.i; return 0; }
    if (IS_BOOL(v)) { *out = v.as.b; return 0; }
    if (IS_OBJ(v)) {
        Value idx = val_getattr_cstr(v, "__index__");
        if (!IS_ERR(idx)) {
            Value r = val_call(idx, 0, NULL, NULL);
            val_decref(idx);
            if (IS_ERR(r)) return -1;
            if (IS_INT(r)) { *out = r.as.i; return 0; }
            val_decref(r);
        } else {
            tl_error_clear();
        }
    }
    (void)what;
    exc_raise(exc_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(v));
    return -1;
}

int arg_double(Value v, const char *what, double *out) {
    if (val_to_double(v, out)) return 0;
    exc_raise(exc_TypeError, "%s must be a real number, not %s", what, val_type_name(v));
    return -1;
}

int arg_bool(Value v, bool *out) {
    int t = val_truthy(v);
    if (t < 0) return -1;
    *out = t;
    return 0;
}

// ------------------------------------------------------------ modules

static void module_dealloc(Obj *o) {
    ObjModule *m = (ObjModule *)o;
    obj_decref(m->name);
    obj_decref(m->dict);
}

static void module_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjModule *m = (ObjModule *)o;
    if (m->dict) visit((Obj *)m->dict, ctx);
}

static void module_clear(Obj *o) {
    ObjModule *m = (ObjModule *)o;
    ObjDict *d = m->dict;
    m->dict = NULL;
    obj_decref(d);
}

static Value module_repr(Value v) {
    ObjModule *m = (ObjModule *)v.as.o;
    StrBuf sb = STRBUF_INIT;
    if (m->filename) sb_printf(&sb, "<module '%s' from '%s'>", m->name->data, m->filename);
    else sb_printf(&sb, "<module '%s' (built-in)>", m->name->data);
    return str_from_buf(&sb);
}

static void module_dir(Value self, ObjList *names) { (void)self; (void)names; }

TypeObj type_module = {
    .name = "module", .is_native = true, .is_abstract_native = true,
    .dealloc = module_dealloc, .traverse = module_traverse, .clear = module_clear,
    .repr = module_repr, .dir = module_dir,
};

ObjModule *module_new(const char *name) {
    ObjModule *m = (ObjModule *)obj_alloc(&type_module, sizeof(ObjModule));
    if (!m) return NULL;
    m->name = str_from_cstr(name);
    m->dict = dict_new();
    Value n = OBJ_VAL(m->name);
    dict_set_cstr(m->dict, "__name__", n);
    return m;
}

void module_add_fn(ObjModule *m, const char *name, NativeFn fn, const char *doc) {
    Value f = native_new(name, fn, doc);
    dict_set_cstr(m->dict, name, f);
    val_decref(f);
}

void module_add_value(ObjModule *m, const char *name, Value v) {
    dict_set_cstr(m->dict, name, v);
    val_decref(v);
}
