// Types as objects: `type`, `object`, classes defined in tl code (with
// dunder methods mapped onto slots), instances, super(), property,
// staticmethod and classmethod, and type_ready() for native types.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/attr.h"
#include "vm/class.h"
#include "vm/code.h"
#include "vm/vm.h"

// ------------------------------------------------------------ type_ready

static void getset_dealloc(Obj *o) { (void)o; }
TypeObj type_getset = {.name = "getset_descriptor", .is_native = true, .dealloc = getset_dealloc};

void type_ready(TypeObj *t) {
    if (t->dict) return;
    t->base.type = &type_type;
    t->base.refcnt = 1 << 30;   // static: never freed
    t->is_native = true;
    if (!t->base_type && t != &type_object) t->base_type = &type_object;
    t->dict = dict_new();
    for (const NativeMethodDef *m = t->methods; m && m->name; m++) {
        ObjNative *n = (ObjNative *)obj_alloc(&type_native, sizeof(ObjNative));
        n->name = m->name;
        n->fn = m->fn;
        n->doc = m->doc;
        n->self = VAL_UNDEFINED;
        n->owner = t;
        dict_set_cstr(t->dict, m->name, OBJ_VAL(n));
        obj_decref(n);
    }
    for (const NativeGetSetDef *g = t->getset; g && g->name; g++) {
        ObjGetSet *gs = (ObjGetSet *)obj_alloc(&type_getset, sizeof(ObjGetSet));
        gs->def = g;
        dict_set_cstr(t->dict, g->name, OBJ_VAL(gs));
        obj_decref(gs);
    }
    if (t->doc) {
        Value d = str_value(t->doc);
        dict_set_cstr(t->dict, "__doc__", d);
        val_decref(d);
    }
}

// ------------------------------------------------------------ dunder dispatch

static Value call_dunder(Value self, const char *name, int nargs, Value *args, bool *found) {
    ObjStr *s = str_intern(name);
    Value fn = type_lookup(val_type(self), s);
    obj_decref(s);
    if (IS_UNDEF(fn)) {
        if (found) *found = false;
        return VAL_UNDEFINED;
    }
    if (found) *found = true;
    Value argv[4];
    argv[0] = self;
    for (int i = 0; i < nargs; i++) argv[i + 1] = args[i];
    if (IS_OBJ(fn) && fn.as.o->type == &type_staticmethod)
        return val_call(((ObjStaticMethod *)fn.as.o)->func, nargs, args, NULL);
    return val_call(fn, nargs + 1, argv, NULL);
}

// The nearest native ancestor's slot, for dunders a class does not define.
static TypeObj *native_base(TypeObj *t) {
    while (t && !t->is_native) t = t->base_type;
    return t ? t : &type_object;
}

static Value check_str_result(Value r, const char *what) {
    if (IS_ERR(r) || val_is_str(r)) return r;
    Value e = exc_raise(exc_TypeError, "%s returned non-string (type %s)", what, val_type_name(r));
    val_decref(r);
    return e;
}

static Value slot_repr(Value self) {
    bool found;
    Value r = call_dunder(self, "__repr__", 0, NULL, &found);
    if (found) return check_str_result(r, "__repr__");
    TypeObj *nb = native_base(val_type(self));
    if (nb->repr && nb->repr != slot_repr && nb != &type_object) return nb->repr(self);
    StrBuf sb = STRBUF_INIT;
    TypeObj *t = val_type(self);
    sb_printf(&sb, "<%s.%s object at %p>", t->module_name ? t->module_name : "__main__", t->name, (void *)self.as.o);
    return str_from_buf(&sb);
}

static Value slot_str(Value self) {
    bool found;
    Value r = call_dunder(self, "__str__", 0, NULL, &found);
    if (found) return check_str_result(r, "__str__");
    TypeObj *nb = native_base(val_type(self));
    if (nb->str) return nb->str(self);
    return val_repr(self);
}

static int64_t slot_hash(Value self) {
    bool found;
    Value r = call_dunder(self, "__hash__", 0, NULL, &found);
    if (!found) return (int64_t)((uintptr_t)self.as.o >> 4);
    if (IS_ERR(r)) return -1;
    if (IS_NONE(r)) {
        tl_raise(ERR_TYPE, "unhashable type: '%s'", val_type_name(self));
        return -1;
    }
    int64_t h = IS_INT(r) ? r.as.i : 0;
    val_decref(r);
    return h == -1 ? -2 : h;
}

static int64_t slot_unhashable(Value self) {
    tl_raise(ERR_TYPE, "unhashable type: '%s'", val_type_name(self));
    return -1;
}

static const char *cmp_dunder[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};

static Value slot_compare(Value a, Value b, CompareOp op) {
    if (op > CMP_GE) return VAL_UNDEFINED;
    bool found;
    Value r = call_dunder(a, cmp_dunder[op], 1, &b, &found);
    if (found) {
        if (IS_OBJ(r) && r.as.o->type == &type_notimplemented) {
            val_decref(r);
            r = VAL_UNDEFINED;
        }
        if (!IS_UNDEF(r)) return r;
    }
    if (op == CMP_NE) {   // default __ne__ inverts __eq__
        r = call_dunder(a, "__eq__", 1, &b, &found);
        if (found && !IS_ERR(r) && !(IS_OBJ(r) && r.as.o->type == &type_notimplemented)) {
            int t = val_truthy(r);
            val_decref(r);
            return t < 0 ? VAL_ERROR : BOOL_VAL(!t);
        }
        if (found && IS_ERR(r)) return r;
        val_decref(r);
    }
    TypeObj *nb = native_base(val_type(a));
    if (nb->compare && nb->compare != slot_compare) return nb->compare(a, b, op);
    return VAL_UNDEFINED;
}

static const char *bin_names[BIN__COUNT] = {"add", "sub", "mul", "matmul", "truediv", "floordiv",
                                            "mod", "pow", "lshift", "rshift", "and", "or", "xor"};

static Value slot_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    char name[32];
    snprintf(name, sizeof name, "__%s%s__", inplace ? "i" : reflected ? "r" : "", bin_names[op]);
    Value self = reflected ? b : a, other = reflected ? a : b;
    bool found;
    Value r = call_dunder(self, name, 1, &other, &found);
    if (found) {
        if (IS_OBJ(r) && r.as.o->type == &type_notimplemented) {
            val_decref(r);
            return VAL_UNDEFINED;
        }
        return r;
    }
    TypeObj *nb = native_base(val_type(self));
    if (nb->binary && nb->binary != slot_binary) return nb->binary(op, a, b, reflected, inplace);
    return VAL_UNDEFINED;
}

static Value slot_unary(UnaryOp op, Value a) {
    static const char *names[] = {"__neg__", "__pos__", "__invert__"};
    if (op > UN_INVERT) return VAL_UNDEFINED;
    bool found;
    Value r = call_dunder(a, names[op], 0, NULL, &found);
    if (found) return r;
    TypeObj *nb = native_base(val_type(a));
    if (nb->unary && nb->unary != slot_unary) return nb->unary(op, a);
    return VAL_UNDEFINED;
}

static int slot_truthy(Value self) {
    bool found;
    Value r = call_dunder(self, "__bool__", 0, NULL, &found);
    if (!found) {
        r = call_dunder(self, "__len__", 0, NULL, &found);
        if (!found) return 1;
    }
    if (IS_ERR(r)) return -1;
    int t = val_truthy(r);
    val_decref(r);
    return t;
}

static int64_t slot_len(Value self) {
    bool found;
    Value r = call_dunder(self, "__len__", 0, NULL, &found);
    if (!found) {
        TypeObj *nb = native_base(val_type(self));
        if (nb->len && nb->len != slot_len) return nb->len(self);
        tl_raise(ERR_TYPE, "object of type '%s' has no len()", val_type_name(self));
        return -1;
    }
    if (IS_ERR(r)) return -1;
    if (!IS_INT(r)) {
        val_decref(r);
        tl_raise(ERR_TYPE, "'%s' object cannot be interpreted as an integer", val_type_name(r));
        return -1;
    }
    if (r.as.i < 0) {
        tl_raise(ERR_VALUE, "__len__() should return >= 0");
        return -1;
    }
    return r.as.i;
}

static Value slot_getitem(Value self, Value key) {
    bool found;
    Value r = call_dunder(self, "__getitem__", 1, &key, &found);
    if (found) return r;
    TypeObj *nb = native_base(val_type(self));
    if (nb->getitem && nb->getitem != slot_getitem) return nb->getitem(self, key);
    return exc_raise(exc_TypeError, "'%s' object is not subscriptable", val_type_name(self));
}

static int slot_setitem(Value self, Value key, Value v) {
    bool found;
    Value args[2] = {key, v};
    Value r = IS_UNDEF(v) ? call_dunder(self, "__delitem__", 1, args, &found)
                          : call_dunder(self, "__setitem__", 2, args, &found);
    if (found) {
        if (IS_ERR(r)) return -1;
        val_decref(r);
        return 0;
    }
    TypeObj *nb = native_base(val_type(self));
    if (nb->setitem && nb->setitem != slot_setitem) return nb->setitem(self, key, v);
    tl_raise(ERR_TYPE, "'%s' object does not support item assignment", val_type_name(self));
    return -1;
}

static int slot_contains(Value self, Value item) {
    bool found;
    Value r = call_dunder(self, "__contains__", 1, &item, &found);
    if (!found) {
        Value it = val_iter(self);
        if (IS_ERR(it)) return -1;
        int res = 0;
        for (;;) {
            Value x = val_next(it);
            if (IS_ERR(x)) { res = -1; break; }
            if (IS_UNDEF(x)) break;
            int eq = val_eq(x, item);
            val_decref(x);
            if (eq) { res = eq; break; }
        }
        val_decref(it);
        return res;
    }
    if (IS_ERR(r)) return -1;
    int t = val_truthy(r);
    val_decref(r);
    return t;
}

static Value slot_iter(Value self) {
    bool found;
    Value r = call_dunder(self, "__iter__", 0, NULL, &found);
    if (found) return r;
    if (!IS_UNDEF(type_lookup(val_type(self), str_intern("__getitem__")))) return seq_iter_new(self);
    TypeObj *nb = native_base(val_type(self));
    if (nb->iter && nb->iter != slot_iter) return nb->iter(self);
    return exc_raise(exc_TypeError, "'%s' object is not iterable", val_type_name(self));
}

static Value slot_next(Value self) {
    bool found;
    Value r = call_dunder(self, "__next__", 0, NULL, &found);
    if (!found) return exc_raise(exc_TypeError, "'%s' object is not an iterator", val_type_name(self));
    if (IS_ERR(r) && tl_error_kind() == ERR_OBJECT) {
        Value e = exc_take_pending();
        if (val_isinstance(e, exc_StopIteration)) {
            val_decref(e);
            return VAL_UNDEFINED;
        }
        exc_raise_value(e);
        return VAL_ERROR;
    }
    if (IS_ERR(r) && tl_error_kind() == ERR_STOP_ITERATION) {
        tl_error_clear();
        return VAL_UNDEFINED;
    }
    return r;
}

static Value slot_call(Value self, int nargs, Value *args, const KwArgs *kw) {
    ObjStr *s = str_intern("__call__");
    Value fn = type_lookup(val_type(self), s);
    obj_decref(s);
    if (IS_UNDEF(fn)) {
        TypeObj *nb = native_base(val_type(self));
        if (nb->call && nb->call != slot_call) return nb->call(self, nargs, args, kw);
        return exc_raise(exc_TypeError, "'%s' object is not callable", val_type_name(self));
    }
    return vm_call_with_self(fn, self, nargs, args, kw);
}

// __setattr__ / __delattr__ defined in a class: returns 0/-1, or 1 when the
// class does not define the hook (generic assignment goes on).
static int slot_setattr(Value self, ObjStr *name, Value v) {
    bool found;
    Value args[2] = {OBJ_VAL(name), v};
    Value r = IS_UNDEF(v) ? call_dunder(self, "__delattr__", 1, args, &found)
                          : call_dunder(self, "__setattr__", 2, args, &found);
    if (!found) {
        TypeObj *nb = native_base(val_type(self));
        if (nb->setattr && nb->setattr != slot_setattr) return nb->setattr(self, name, v);
        return 1;
    }
    if (IS_ERR(r)) return -1;
    val_decref(r);
    return 0;
}

static Value slot_enter(Value self) {
    bool found;
    Value r = call_dunder(self, "__enter__", 0, NULL, &found);
    if (found) return r;
    TypeObj *nb = native_base(val_type(self));
    if (nb->enter && nb->enter != slot_enter) return nb->enter(self);
    return exc_raise(exc_AttributeError, "__enter__");
}

static Value slot_exit(Value self, Value et, Value e, Value tb) {
    bool found;
    Value args[3] = {et, e, tb};
    Value r = call_dunder(self, "__exit__", 3, args, &found);
    if (found) return r;
    TypeObj *nb = native_base(val_type(self));
    if (nb->exit && nb->exit != slot_exit) return nb->exit(self, et, e, tb);
    return exc_raise(exc_AttributeError, "__exit__");
}

static bool class_has(TypeObj *cls, const char *name) {
    for (TypeObj *t = cls; t && !t->is_native; t = t->base_type) {
        if (t->dict && !IS_UNDEF(dict_get_cstr(t->dict, name))) return true;
    }
    return false;
}

static bool class_has_binary(TypeObj *cls) {
    for (int op = 0; op < BIN__COUNT; op++) {
        char n[32];
        const char *pre[] = {"", "r", "i"};
        for (int p = 0; p < 3; p++) {
            snprintf(n, sizeof n, "__%s%s__", pre[p], bin_names[op]);
            if (class_has(cls, n)) return true;
        }
    }
    return false;
}

// Points the slots of a class at the dunder dispatchers for what it defines.
static void class_derive_slots(TypeObj *cls) {
    if (class_has(cls, "__repr__")) cls->repr = slot_repr;
    else if (!cls->repr || !native_base(cls)->repr) cls->repr = slot_repr;
    if (class_has(cls, "__str__")) cls->str = slot_str;
    if (class_has(cls, "__hash__")) cls->hash = slot_hash;
    else if (class_has(cls, "__eq__")) cls->hash = slot_unhashable;
    for (int op = 0; op <= CMP_GE; op++)
        if (class_has(cls, cmp_dunder[op])) cls->compare = slot_compare;
    if (class_has_binary(cls)) cls->binary = slot_binary;
    if (class_has(cls, "__neg__") || class_has(cls, "__pos__") || class_has(cls, "__invert__")) cls->unary = slot_unary;
    if (class_has(cls, "__bool__") || class_has(cls, "__len__")) cls->truthy = slot_truthy;
    if (class_has(cls, "__len__")) cls->len = slot_len;
    if (class_has(cls, "__getitem__")) cls->getitem = slot_getitem;
    if (class_has(cls, "__setitem__") || class_has(cls, "__delitem__")) cls->setitem = slot_setitem;
    if (class_has(cls, "__contains__")) cls->contains = slot_contains;
    if (class_has(cls, "__iter__") || class_has(cls, "__getitem__")) cls->iter = slot_iter;
    if (class_has(cls, "__next__")) cls->next = slot_next;
    if (class_has(cls, "__call__")) cls->call = slot_call;
    if (class_has(cls, "__enter__")) cls->enter = slot_enter;
    if (class_has(cls, "__setattr__") || class_has(cls, "__delattr__")) cls->setattr = slot_setattr;
    if (class_has(cls, "__exit__")) cls->exit = slot_exit;
}

void class_update_slots(TypeObj *cls, ObjStr *name) {
    if (name->len > 4 && name->data[0] == '_' && name->data[1] == '_') class_derive_slots(cls);
}

// ------------------------------------------------------------ instances

static void instance_dealloc(Obj *o) {
    ObjInstance *in = (ObjInstance *)o;
    obj_decref(in->dict);
}

static void instance_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjInstance *in = (ObjInstance *)o;
    if (in->dict) visit((Obj *)in->dict, ctx);
}

static void instance_clear(Obj *o) {
    ObjInstance *in = (ObjInstance *)o;
    ObjDict *d = in->dict;
    in->dict = NULL;
    obj_decref(d);
}

static ObjDict **subclass_dict_slot(Obj *o) { return (ObjDict **)((char *)o + o->type->dict_offset); }

static void native_subclass_dealloc(Obj *o) {
    obj_decref(*subclass_dict_slot(o));
    TypeObj *nb = native_base(o->type);
    if (nb->dealloc) nb->dealloc(o);
}

static void native_subclass_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjDict *d = *subclass_dict_slot(o);
    if (d) visit((Obj *)d, ctx);
    TypeObj *nb = native_base(o->type);
    if (nb->traverse) nb->traverse(o, visit, ctx);
}

static void native_subclass_clear(Obj *o) {
    ObjDict **slot = subclass_dict_slot(o), *d = *slot;
    *slot = NULL;
    obj_decref(d);
    TypeObj *nb = native_base(o->type);
    if (nb->clear) nb->clear(o);
}

// Creates an instance of a class and runs __init__.
static Value class_instantiate(TypeObj *cls, int nargs, Value *args, const KwArgs *kw) {
    TypeObj *nb = native_base(cls);
    Value self;
    if (nb->call_type && nb != &type_object && !nb->is_exception && !cls->instance_size) {
        return exc_raise(exc_TypeError, "type '%s' is not an acceptable base type", nb->name);
    }
    Obj *o = obj_alloc(cls, cls->instance_size ? cls->instance_size : sizeof(ObjInstance));
    if (!o) return VAL_ERROR;
    self = OBJ_VAL(o);
    if (cls->is_exception) {
        if (exception_set_args(self, nargs, args) < 0) goto fail;
    }
    ObjStr *init_name = str_intern("__init__");
    Value init = type_lookup(cls, init_name);
    obj_decref(init_name);
    if (!IS_UNDEF(init) && !(IS_OBJ(init) && init.as.o->type == &type_native && ((ObjNative *)init.as.o)->owner == &type_object)) {
        Value r = vm_call_with_self(init, self, nargs, args, kw);
        if (IS_ERR(r)) goto fail;
        if (!IS_NONE(r)) {
            val_decref(r);
            exc_raise(exc_TypeError, "__init__() should return None, not '%s'", val_type_name(r));
            goto fail;
        }
    } else if ((nargs > 0 || (kw && kw->n)) && !cls->is_exception) {
        exc_raise(exc_TypeError, "%s() takes no arguments", cls->name);
        goto fail;
    }
    return self;
fail:
    val_decref(self);
    return VAL_ERROR;
}

Value type_call_value(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    if (t->is_native && t->call_type) return t->call_type(t, nargs, args, kw);
    if (t->is_native && t->is_abstract_native)
        return exc_raise(exc_TypeError, "cannot create '%s' instances", t->name);
    return class_instantiate(t, nargs, args, kw);
}

static Value type_obj_call(Value self, int nargs, Value *args, const KwArgs *kw) {
    TypeObj *t = (TypeObj *)self.as.o;
    if (t == &type_type && nargs == 1 && !kw) return val_incref(OBJ_VAL(val_type(args[0])));
    return type_call_value(t, nargs, args, kw);
}

TypeObj *class_new(ObjStr *name, TypeObj *base, ObjDict *ns) {
    if (!base) base = &type_object;
    TypeObj *cls = (TypeObj *)obj_alloc(&type_type, sizeof(TypeObj));
    if (!cls) return NULL;
    TypeObj *slots_from = base;
    memcpy((char *)cls + sizeof(Obj), (char *)slots_from + sizeof(Obj), sizeof(TypeObj) - sizeof(Obj));
    cls->name = tl_xstrdup(name->data);
    cls->module_name = NULL;
    cls->base_type = base;
    obj_incref(base->is_native ? NULL : base);
    cls->dict = ns;
    obj_incref(ns);
    cls->is_native = false;
    cls->methods = NULL;
    cls->getset = NULL;
    cls->doc = NULL;
    if (!cls->dict_offset) {
        if (base == &type_object) {
            cls->dict_offset = offsetof(ObjInstance, dict);
            cls->instance_size = sizeof(ObjInstance);
            cls->dealloc = instance_dealloc;
            cls->traverse = instance_traverse;
            cls->clear = instance_clear;
        } else if (base->is_native && base->instance_size && !base->is_abstract_native) {
            // A subclass of list/dict/...: the native layout, then a dict slot.
            cls->dict_offset = (base->instance_size + 7) & ~(size_t)7;
            cls->instance_size = cls->dict_offset + sizeof(ObjDict *);
            cls->dealloc = native_subclass_dealloc;
            cls->traverse = native_subclass_traverse;
            cls->clear = native_subclass_clear;
        } else {
            obj_decref(cls);
            tl_raise(ERR_TYPE, "type '%s' is not an acceptable base type", base->name);
            return NULL;
        }
    }
    if (base == &type_object) {
        cls->repr = NULL;
        cls->hash = NULL;
        cls->compare = NULL;
    }
    class_derive_slots(cls);
    // Functions defined in the body learn their class (zero-argument super()).
    Value k, v;
    for (int64_t i = 0; dict_next(ns, &i, &k, &v);) {
        Value f = v;
        if (IS_OBJ(f) && (f.as.o->type == &type_staticmethod || f.as.o->type == &type_classmethod))
            f = ((ObjStaticMethod *)f.as.o)->func;
        if (IS_OBJ(f) && f.as.o->type == &type_property) f = ((ObjProperty *)f.as.o)->fget;
        if (IS_OBJ(f) && f.as.o->type == &type_function) ((ObjFunction *)f.as.o)->owner_class = cls;
        if (IS_OBJ(v) && v.as.o->type == &type_property) {
            ObjProperty *p = (ObjProperty *)v.as.o;
            if (IS_OBJ(p->fset) && p->fset.as.o->type == &type_function) ((ObjFunction *)p->fset.as.o)->owner_class = cls;
        }
    }
    return cls;
}

static void class_dealloc(Obj *o) {
    TypeObj *t = (TypeObj *)o;
    if (t->is_native) return;
    obj_decref(t->dict);
    if (!t->base_type->is_native) obj_decref(t->base_type);
    free((char *)t->name);
}

static void class_traverse(Obj *o, VisitFn visit, void *ctx) {
    TypeObj *t = (TypeObj *)o;
    if (t->is_native) return;
    if (t->dict) visit((Obj *)t->dict, ctx);
}

static void class_clear(Obj *o) {
    TypeObj *t = (TypeObj *)o;
    if (t->is_native) return;
    ObjDict *d = t->dict;
    t->dict = NULL;
    obj_decref(d);
}

static Value type_repr(Value self) {
    TypeObj *t = (TypeObj *)self.as.o;
    StrBuf sb = STRBUF_INIT;
    if (t->is_native && !t->module_name) sb_printf(&sb, "<class '%s'>", t->name);
    else sb_printf(&sb, "<class '%s.%s'>", t->module_name ? t->module_name : "__main__", t->name);
    return str_from_buf(&sb);
}

static Value tuple_of_bases(TypeObj *t) {
    if (!t->base_type) return OBJ_VAL(tuple_new(0));
    ObjTuple *tu = tuple_new(1);
    tu->items[0] = val_incref(OBJ_VAL(t->base_type));
    return OBJ_VAL(tu);
}

Value type_special_attr(TypeObj *cls, ObjStr *name) {
    const char *n = name->data;
    if (strcmp(n, "__name__") == 0 || strcmp(n, "__qualname__") == 0) return str_value(cls->name);
    if (strcmp(n, "__module__") == 0) return str_value(cls->module_name ? cls->module_name : cls->is_native ? "builtins" : "__main__");
    if (strcmp(n, "__doc__") == 0) return cls->doc ? str_value(cls->doc) : NONE_VAL;
    if (strcmp(n, "__bases__") == 0) return tuple_of_bases(cls);
    if (strcmp(n, "__base__") == 0) return cls->base_type ? val_incref(OBJ_VAL(cls->base_type)) : NONE_VAL;
    if (strcmp(n, "__mro__") == 0) {
        int count = 0;
        for (TypeObj *t = cls; t; t = t->base_type) count++;
        if (cls != &type_object && !type_is_subtype(cls, &type_object)) count++;
        ObjTuple *tu = tuple_new(count);
        int i = 0;
        for (TypeObj *t = cls; t; t = t->base_type) tu->items[i++] = val_incref(OBJ_VAL(t));
        return OBJ_VAL(tu);
    }
    if (strcmp(n, "__dict__") == 0 && cls->dict) return val_incref(OBJ_VAL(cls->dict));
    if (strcmp(n, "__class__") == 0) return val_incref(OBJ_VAL(&type_type));
    return VAL_UNDEFINED;
}

static Value object_init(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)args; (void)kw;
    return NONE_VAL;
}

static Value object_new_instance(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    (void)args;
    if (nargs || (kw && kw->n)) return exc_raise(exc_TypeError, "object() takes no arguments");
    Obj *o = obj_alloc(&type_object, sizeof(Obj));
    return o ? OBJ_VAL(o) : VAL_ERROR;
}

static Value object_repr(Value self) {
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "<object object at %p>", (void *)self.as.o);
    return str_from_buf(&sb);
}

static int64_t object_hash(Value self) { return (int64_t)((uintptr_t)self.as.o >> 4); }

// object.__setattr__(self, name, value): assignment without the class hook.
static Value object_setattr(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("__setattr__", nargs - 1, 2, 2) < 0) return VAL_ERROR;
    if (!val_is_str(args[1])) return exc_raise(exc_TypeError, "attribute name must be string, not '%s'", val_type_name(args[1]));
    return attr_generic_set(args[0], AS_STR(args[1]), args[2]) < 0 ? VAL_ERROR : NONE_VAL;
}

static Value object_delattr(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("__delattr__", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    if (!val_is_str(args[1])) return exc_raise(exc_TypeError, "attribute name must be string, not '%s'", val_type_name(args[1]));
    return attr_generic_set(args[0], AS_STR(args[1]), VAL_UNDEFINED) < 0 ? VAL_ERROR : NONE_VAL;
}

static Value object_getattribute(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("__getattribute__", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    if (!val_is_str(args[1])) return exc_raise(exc_TypeError, "attribute name must be string, not '%s'", val_type_name(args[1]));
    return val_getattr(args[0], AS_STR(args[1]));
}

static const NativeMethodDef object_methods[] = {
    {"__init__", object_init, "Initialize self."},
    {"__setattr__", object_setattr, "Implement setattr(self, name, value)."},
    {"__delattr__", object_delattr, "Implement delattr(self, name)."},
    {"__getattribute__", object_getattribute, "Return getattr(self, name)."},
    {NULL, NULL, NULL},
};

TypeObj type_object = {
    .name = "object", .is_native = true, .call_type = object_new_instance,
    .repr = object_repr, .hash = object_hash, .methods = object_methods,
    .doc = "The base class of the class hierarchy.",
};

TypeObj type_type = {
    .name = "type", .is_native = true, .base_type = &type_object,
    .repr = type_repr, .hash = object_hash, .call = type_obj_call,
    .dealloc = class_dealloc, .traverse = class_traverse, .clear = class_clear,
    .doc = "type(object) -> the object's type",
};

// ------------------------------------------------------------ super

typedef struct {
    Obj base;
    TypeObj *start;     // lookup begins after this class
    Value self;
} ObjSuper;

static void super_dealloc(Obj *o) { val_decref(((ObjSuper *)o)->self); }

static Value super_getattr(Value v, ObjStr *name) {
    ObjSuper *s = (ObjSuper *)v.as.o;
    Value attr = type_lookup(s->start->base_type, name);
    if (IS_UNDEF(attr)) {
        if (strcmp(name->data, "__init__") == 0) return native_new("__init__", object_init, NULL);
        return exc_raise(exc_AttributeError, "'super' object has no attribute '%s'", name->data);
    }
    if (IS_OBJ(attr)) {
        TypeObj *at = attr.as.o->type;
        if (at == &type_function || (at == &type_native && IS_UNDEF(((ObjNative *)attr.as.o)->self)))
            return bound_method_new(attr, s->self);
        if (at == &type_staticmethod) return val_incref(((ObjStaticMethod *)attr.as.o)->func);
        if (at == &type_classmethod)
            return bound_method_new(((ObjStaticMethod *)attr.as.o)->func, OBJ_VAL(val_type(s->self)));
        if (at == &type_property) {
            ObjProperty *p = (ObjProperty *)attr.as.o;
            return val_call(p->fget, 1, &s->self, NULL);
        }
    }
    return val_incref(attr);
}

static Value super_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    if (arg_no_kwargs("super", kw) < 0) return VAL_ERROR;
    TypeObj *cls;
    Value self;
    if (nargs == 2) {
        if (!IS_OBJ(args[0]) || !type_is_subtype(args[0].as.o->type, &type_type))
            return exc_raise(exc_TypeError, "super() argument 1 must be a type, not %s", val_type_name(args[0]));
        cls = (TypeObj *)args[0].as.o;
        self = args[1];
    } else if (nargs == 0) {
        if (vm_current_super_args(&cls, &self) < 0) return VAL_ERROR;
    } else {
        return exc_raise(exc_TypeError, "super() takes 0 or 2 arguments (%d given)", nargs);
    }
    ObjSuper *s = (ObjSuper *)obj_alloc(&type_super, sizeof(ObjSuper));
    if (!s) return VAL_ERROR;
    s->start = cls;
    s->self = val_incref(self);
    return OBJ_VAL(s);
}

TypeObj type_super = {
    .name = "super", .is_native = true, .call_type = super_new, .getattr = super_getattr,
    .dealloc = super_dealloc,
};

// ------------------------------------------------------------ property & co

static void property_dealloc(Obj *o) {
    ObjProperty *p = (ObjProperty *)o;
    val_decref(p->fget);
    val_decref(p->fset);
    val_decref(p->fdel);
    val_decref(p->doc);
}

static void property_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjProperty *p = (ObjProperty *)o;
    Value vs[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) if (IS_OBJ(vs[i])) visit(vs[i].as.o, ctx);
}

static Value property_make(Value fget, Value fset, Value fdel) {
    ObjProperty *p = (ObjProperty *)obj_alloc(&type_property, sizeof(ObjProperty));
    if (!p) return VAL_ERROR;
    p->fget = val_incref(IS_UNDEF(fget) ? NONE_VAL : fget);
    p->fset = val_incref(IS_UNDEF(fset) ? NONE_VAL : fset);
    p->fdel = val_incref(IS_UNDEF(fdel) ? NONE_VAL : fdel);
    p->doc = NONE_VAL;
    return OBJ_VAL(p);
}

static Value property_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    Value a[4];
    if (arg_bind("property", nargs, args, kw, names, 4, 4, a) < 0) return VAL_ERROR;
    return property_make(a[0], a[1], a[2]);
}

static Value property_setter(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("setter", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    ObjProperty *p = (ObjProperty *)args[0].as.o;
    return property_make(p->fget, args[1], p->fdel);
}

static Value property_deleter(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("deleter", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    ObjProperty *p = (ObjProperty *)args[0].as.o;
    return property_make(p->fget, p->fset, args[1]);
}

static Value property_getter(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("getter", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    ObjProperty *p = (ObjProperty *)args[0].as.o;
    return property_make(args[1], p->fset, p->fdel);
}

static const NativeMethodDef property_methods[] = {
    {"setter", property_setter, NULL},
    {"getter", property_getter, NULL},
    {"deleter", property_deleter, NULL},
    {NULL, NULL, NULL},
};

TypeObj type_property = {
    .name = "property", .is_native = true, .call_type = property_new, .dealloc = property_dealloc,
    .traverse = property_traverse, .methods = property_methods,
};

static void wrapper_dealloc(Obj *o) { val_decref(((ObjStaticMethod *)o)->func); }
static void wrapper_traverse(Obj *o, VisitFn visit, void *ctx) {
    Value f = ((ObjStaticMethod *)o)->func;
    if (IS_OBJ(f)) visit(f.as.o, ctx);
}

static Value wrap_function(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs(t->name, kw) < 0 || arg_check_count(t->name, nargs, 1, 1) < 0) return VAL_ERROR;
    ObjStaticMethod *s = (ObjStaticMethod *)obj_alloc(t, sizeof(ObjStaticMethod));
    if (!s) return VAL_ERROR;
    s->func = val_incref(args[0]);
    return OBJ_VAL(s);
}

TypeObj type_staticmethod = {
    .name = "staticmethod", .is_native = true, .call_type = wrap_function,
    .dealloc = wrapper_dealloc, .traverse = wrapper_traverse,
};
TypeObj type_classmethod = {
    .name = "classmethod", .is_native = true, .call_type = wrap_function,
    .dealloc = wrapper_dealloc, .traverse = wrapper_traverse,
};

// ------------------------------------------------------------ sequence iterator

typedef struct {
    Obj base;
    Value seq;
    int64_t index;
} ObjSeqIter;

static void seqiter_dealloc(Obj *o) { val_decref(((ObjSeqIter *)o)->seq); }
static Value seqiter_iter(Value self) { return val_incref(self); }

static Value seqiter_next(Value self) {
    ObjSeqIter *it = (ObjSeqIter *)self.as.o;
    if (IS_UNDEF(it->seq)) return VAL_UNDEFINED;
    Value r = val_getitem(it->seq, INT_VAL(it->index));
    if (IS_ERR(r)) {
        ErrKind k = tl_error_kind();
        bool stop = k == ERR_INDEX || k == ERR_STOP_ITERATION;
        if (k == ERR_OBJECT) {
            Value e = exc_take_pending();
            stop = val_isinstance(e, exc_IndexError) || val_isinstance(e, exc_StopIteration);
            if (!stop) exc_raise_value(e);
            else val_decref(e);
        }
        if (stop) {
            tl_error_clear();
            val_set(&it->seq, VAL_UNDEFINED);
            return VAL_UNDEFINED;
        }
        return VAL_ERROR;
    }
    it->index++;
    return r;
}

TypeObj type_seqiter = {
    .name = "iterator", .is_native = true, .dealloc = seqiter_dealloc,
    .iter = seqiter_iter, .next = seqiter_next,
};

Value seq_iter_new(Value seq) {
    ObjSeqIter *it = (ObjSeqIter *)obj_alloc(&type_seqiter, sizeof(ObjSeqIter));
    if (!it) return VAL_ERROR;
    it->seq = val_incref(seq);
    return OBJ_VAL(it);
}

void class_types_init(void) {
    type_ready(&type_object);
    type_ready(&type_type);
    type_ready(&type_getset);
    type_ready(&type_super);
    type_ready(&type_property);
    type_ready(&type_staticmethod);
    type_ready(&type_classmethod);
    type_ready(&type_seqiter);
}
