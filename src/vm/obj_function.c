// Callables: tl functions (closures over cells), native functions, bound
// methods, cells, code objects, source text and generators' type glue.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/code.h"
#include "vm/vm.h"

// ------------------------------------------------------------ native functions

static void native_dealloc(Obj *o) { val_decref(((ObjNative *)o)->self); }

static void native_traverse(Obj *o, VisitFn visit, void *ctx) {
    Value s = ((ObjNative *)o)->self;
    if (IS_OBJ(s)) visit(s.as.o, ctx);
}

static Value native_call(Value callee, int nargs, Value *args, const KwArgs *kw) {
    ObjNative *n = (ObjNative *)callee.as.o;
    if (IS_UNDEF(n->self)) {
        if (n->owner && nargs == 0)
            return exc_raise(exc_TypeError, "unbound method %s.%s() needs an argument", n->owner->name, n->name);
        return n->fn(nargs, args, kw);
    }
    Value stack[8];
    Value *argv = nargs + 1 <= 8 ? stack : malloc(sizeof(Value) * (size_t)(nargs + 1));
    if (!argv) return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    argv[0] = n->self;
    if (nargs) memcpy(argv + 1, args, sizeof(Value) * (size_t)nargs);
    Value r = n->fn(nargs + 1, argv, kw);
    if (argv != stack) free(argv);
    return r;
}

static Value native_repr(Value v) {
    ObjNative *n = (ObjNative *)v.as.o;
    StrBuf sb = STRBUF_INIT;
    if (!IS_UNDEF(n->self))
        sb_printf(&sb, "<built-in method %s of %s object at %p>", n->name, val_type_name(n->self),
                  IS_OBJ(n->self) ? (void *)n->self.as.o : NULL);
    else if (n->owner)
        sb_printf(&sb, "<method '%s' of '%s' objects>", n->name, n->owner->name);
    else
        sb_printf(&sb, "<built-in function %s>", n->name);
    return str_from_buf(&sb);
}

static Value native_getattr(Value v, ObjStr *name) {
    ObjNative *n = (ObjNative *)v.as.o;
    if (strcmp(name->data, "__name__") == 0 || strcmp(name->data, "__qualname__") == 0) return str_value(n->name);
    if (strcmp(name->data, "__doc__") == 0) return n->doc ? str_value(n->doc) : NONE_VAL;
    if (strcmp(name->data, "__self__") == 0) return IS_UNDEF(n->self) ? NONE_VAL : val_incref(n->self);
    return VAL_UNDEFINED;
}

TypeObj type_native = {
    .name = "builtin_function_or_method", .is_native = true, .is_abstract_native = true,
    .dealloc = native_dealloc, .traverse = native_traverse, .call = native_call,
    .repr = native_repr, .getattr = native_getattr,
};

Value native_new(const char *name, NativeFn fn, const char *doc) {
    ObjNative *n = (ObjNative *)obj_alloc(&type_native, sizeof(ObjNative));
    if (!n) return VAL_ERROR;
    n->name = name;
    n->fn = fn;
    n->doc = doc;
    n->self = VAL_UNDEFINED;
    return OBJ_VAL(n);
}

// ------------------------------------------------------------ bound methods

static void bound_dealloc(Obj *o) {
    ObjBoundMethod *b = (ObjBoundMethod *)o;
    val_decref(b->func);
    val_decref(b->self);
}

static void bound_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjBoundMethod *b = (ObjBoundMethod *)o;
    if (IS_OBJ(b->func)) visit(b->func.as.o, ctx);
    if (IS_OBJ(b->self)) visit(b->self.as.o, ctx);
}

static Value bound_call(Value callee, int nargs, Value *args, const KwArgs *kw) {
    ObjBoundMethod *b = (ObjBoundMethod *)callee.as.o;
    return vm_call_with_self(b->func, b->self, nargs, args, kw);
}

static Value bound_repr(Value v) {
    ObjBoundMethod *b = (ObjBoundMethod *)v.as.o;
    StrBuf sb = STRBUF_INIT;
    const char *fname = "?";
    if (IS_OBJ(b->func) && b->func.as.o->type == &type_function) fname = ((ObjFunction *)b->func.as.o)->qualname->data;
    else if (IS_OBJ(b->func) && b->func.as.o->type == &type_native) fname = ((ObjNative *)b->func.as.o)->name;
    sb_printf(&sb, "<bound method %s of ", fname);
    if (val_repr_to(b->self, &sb) < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_append(&sb, ">");
    return str_from_buf(&sb);
}

static Value bound_getattr(Value v, ObjStr *name) {
    ObjBoundMethod *b = (ObjBoundMethod *)v.as.o;
    if (strcmp(name->data, "__self__") == 0) return val_incref(b->self);
    if (strcmp(name->data, "__func__") == 0) return val_incref(b->func);
    return val_getattr(b->func, name);
}

TypeObj type_bound_method = {
    .name = "method", .is_native = true, .is_abstract_native = true,
    .dealloc = bound_dealloc, .traverse = bound_traverse, .call = bound_call,
    .repr = bound_repr, .getattr = bound_getattr,
};

Value bound_method_new(Value func, Value self) {
    ObjBoundMethod *b = (ObjBoundMethod *)obj_alloc(&type_bound_method, sizeof(ObjBoundMethod));
    if (!b) return VAL_ERROR;
    b->func = val_incref(func);
    b->self = val_incref(self);
    return OBJ_VAL(b);
}

// ------------------------------------------------------------ cells

static void cell_dealloc(Obj *o) { val_decref(((ObjCell *)o)->value); }
static void cell_traverse(Obj *o, VisitFn visit, void *ctx) {
    Value v = ((ObjCell *)o)->value;
    if (IS_OBJ(v)) visit(v.as.o, ctx);
}
static void cell_clear(Obj *o) { val_set(&((ObjCell *)o)->value, VAL_UNDEFINED); }

TypeObj type_cell = {
    .name = "cell", .is_native = true, .is_abstract_native = true,
    .dealloc = cell_dealloc, .traverse = cell_traverse, .clear = cell_clear,
};

// ------------------------------------------------------------ functions

static void function_dealloc(Obj *o) {
    ObjFunction *f = (ObjFunction *)o;
    obj_decref(f->code);
    obj_decref(f->globals);
    obj_decref(f->defaults);
    obj_decref(f->kwdefaults);
    obj_decref(f->closure);
    obj_decref(f->dict);
    obj_decref(f->name);
    obj_decref(f->qualname);
    val_decref(f->doc);
}

static void function_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjFunction *f = (ObjFunction *)o;
    if (f->globals) visit((Obj *)f->globals, ctx);
    if (f->defaults) visit((Obj *)f->defaults, ctx);
    if (f->kwdefaults) visit((Obj *)f->kwdefaults, ctx);
    if (f->closure) visit((Obj *)f->closure, ctx);
    if (f->dict) visit((Obj *)f->dict, ctx);
}

static void function_clear(Obj *o) {
    ObjFunction *f = (ObjFunction *)o;
    ObjDict *g = f->globals, *kd = f->kwdefaults, *d = f->dict;
    ObjTuple *df = f->defaults, *cl = f->closure;
    f->globals = NULL;
    f->kwdefaults = f->dict = NULL;
    f->defaults = f->closure = NULL;
    obj_decref(g); obj_decref(kd); obj_decref(d); obj_decref(df); obj_decref(cl);
}

static Value function_call(Value callee, int nargs, Value *args, const KwArgs *kw) {
    return vm_call_with_self(callee, VAL_UNDEFINED, nargs, args, kw);
}

static Value function_repr(Value v) {
    ObjFunction *f = (ObjFunction *)v.as.o;
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "<function %s at %p>", f->qualname->data, (void *)f);
    return str_from_buf(&sb);
}

static Value function_getattr(Value v, ObjStr *name) {
    ObjFunction *f = (ObjFunction *)v.as.o;
    if (f->dict) {
        Value x = dict_get_str(f->dict, name);
        if (!IS_UNDEF(x)) return val_incref(x);
    }
    if (strcmp(name->data, "__name__") == 0) return val_incref(OBJ_VAL(f->name));
    if (strcmp(name->data, "__qualname__") == 0) return val_incref(OBJ_VAL(f->qualname));
    if (strcmp(name->data, "__doc__") == 0) return val_incref(f->doc);
    if (strcmp(name->data, "__module__") == 0) return str_value("__main__");
    if (strcmp(name->data, "__defaults__") == 0) return f->defaults ? val_incref(OBJ_VAL(f->defaults)) : NONE_VAL;
    if (strcmp(name->data, "__dict__") == 0) {
        if (!f->dict) f->dict = dict_new();
        return val_incref(OBJ_VAL(f->dict));
    }
    return VAL_UNDEFINED;
}

static int function_setattr(Value v, ObjStr *name, Value x) {
    ObjFunction *f = (ObjFunction *)v.as.o;
    if (strcmp(name->data, "__doc__") == 0) {
        val_set(&f->doc, val_incref(IS_UNDEF(x) ? NONE_VAL : x));
        return 0;
    }
    if (!f->dict) f->dict = dict_new();
    if (IS_UNDEF(x)) return dict_del(f->dict, OBJ_VAL(name));
    return dict_set_str(f->dict, name, x);
}

TypeObj type_function = {
    .name = "function", .is_native = true, .is_abstract_native = true,
    .dealloc = function_dealloc, .traverse = function_traverse, .clear = function_clear,
    .call = function_call, .repr = function_repr, .getattr = function_getattr,
    .setattr = function_setattr,
};

// ------------------------------------------------------------ code & source

static void code_dealloc(Obj *o) {
    ObjCode *c = (ObjCode *)o;
    obj_decref(c->name);
    obj_decref(c->qualname);
    obj_decref(c->source);
    obj_decref(c->doc);
    free(c->code);
    free(c->positions);
    for (int i = 0; i < c->nconsts; i++) val_decref(c->consts[i]);
    free(c->consts);
    for (int i = 0; i < c->nnames; i++) obj_decref(c->names[i]);
    free(c->names);
    free(c->global_cache);
    for (int i = 0; i < c->nlocals; i++) obj_decref(c->local_names[i]);
    free(c->local_names);
    for (int i = 0; i < c->ncellvars + c->nfreevars; i++) obj_decref(c->cell_names[i]);
    free(c->cell_names);
    free(c->cell_param);
}

TypeObj type_code = {
    .name = "code", .is_native = true, .is_abstract_native = true, .dealloc = code_dealloc,
};

static void source_dealloc(Obj *o) {
    ObjSource *s = (ObjSource *)o;
    free(s->filename);
    free(s->text);
}

TypeObj type_source = {
    .name = "source", .is_native = true, .is_abstract_native = true, .dealloc = source_dealloc,
};

void function_types_init(void) {
    type_ready(&type_native);
    type_ready(&type_bound_method);
    type_ready(&type_cell);
    type_ready(&type_function);
    type_ready(&type_code);
    type_ready(&type_source);
}
