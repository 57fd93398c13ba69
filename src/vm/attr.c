// Attribute lookup and assignment: the generic rules shared by every type.
// Order (as Python): data descriptors of the type (property, native
// getset) -> the instance dict -> other type attributes (functions bind to
// the instance) -> the native getattr slot -> a class's __getattr__.
#include <stdio.h>
#include <string.h>

#include "vm/attr.h"
#include "vm/class.h"
#include "vm/code.h"
#include "vm/object.h"

static ObjStr *s_getattr_dunder;

static Value bind_attr(Value attr, Value self) {
    if (!IS_OBJ(attr)) return val_incref(attr);
    TypeObj *t = attr.as.o->type;
    if (t == &type_function) return bound_method_new(attr, self);
    if (t == &type_native) {
        ObjNative *n = (ObjNative *)attr.as.o;
        if (IS_UNDEF(n->self) && n->owner) {
            if (n->is_classmethod) return bound_method_new(attr, OBJ_VAL(val_type(self)));
            return bound_method_new(attr, self);
        }
        return val_incref(attr);
    }
    if (t == &type_staticmethod) return val_incref(((ObjStaticMethod *)attr.as.o)->func);
    if (t == &type_classmethod) return bound_method_new(((ObjStaticMethod *)attr.as.o)->func, OBJ_VAL(val_type(self)));
    return val_incref(attr);
}

static ObjDict *instance_dict(Value obj) {
    if (!IS_OBJ(obj)) return NULL;
    TypeObj *t = obj.as.o->type;
    if (!t->dict_offset) return NULL;
    return *(ObjDict **)((char *)obj.as.o + t->dict_offset);
}

static ObjDict **instance_dict_slot(Value obj) {
    if (!IS_OBJ(obj)) return NULL;
    TypeObj *t = obj.as.o->type;
    if (!t->dict_offset) return NULL;
    return (ObjDict **)((char *)obj.as.o + t->dict_offset);
}

static bool is_data_descriptor(Value attr) {
    return IS_OBJ(attr) && (attr.as.o->type == &type_property || attr.as.o->type == &type_getset);
}

static Value descriptor_get(Value attr, Value self) {
    if (attr.as.o->type == &type_getset) {
        ObjGetSet *gs = (ObjGetSet *)attr.as.o;
        return gs->def->get(self);
    }
    ObjProperty *p = (ObjProperty *)attr.as.o;
    if (IS_NONE(p->fget)) return exc_raise(exc_AttributeError, "unreadable attribute");
    return val_call(p->fget, 1, &self, NULL);
}

static Value class_getattr(TypeObj *cls, ObjStr *name) {
    Value attr = type_lookup(cls, name);
    if (!IS_UNDEF(attr)) {
        if (IS_OBJ(attr) && attr.as.o->type == &type_classmethod)
            return bound_method_new(((ObjStaticMethod *)attr.as.o)->func, OBJ_VAL(cls));
        if (IS_OBJ(attr) && attr.as.o->type == &type_staticmethod)
            return val_incref(((ObjStaticMethod *)attr.as.o)->func);
        if (IS_OBJ(attr) && attr.as.o->type == &type_native && ((ObjNative *)attr.as.o)->is_classmethod)
            return bound_method_new(attr, OBJ_VAL(cls));
        return val_incref(attr);
    }
    return type_special_attr(cls, name);
}

Value attr_not_found(Value obj, ObjStr *name) {
    TypeObj *t = val_type(obj);
    ObjList *candidates = attr_names(obj);
    const char *best = candidates ? attr_suggest(name->data, candidates) : NULL;
    char hint[128] = "";
    if (best) snprintf(hint, sizeof hint, ". Did you mean: '%s'?", best);
    Value e;
    if (t == &type_module)
        e = exc_raise(exc_AttributeError, "module '%s' has no attribute '%s'%s",
                      ((ObjModule *)obj.as.o)->name->data, name->data, hint);
    else if (t == &type_type)
        e = exc_raise(exc_AttributeError, "type object '%s' has no attribute '%s'%s",
                      ((TypeObj *)obj.as.o)->name, name->data, hint);
    else
        e = exc_raise(exc_AttributeError, "'%s' object has no attribute '%s'%s", t->name, name->data, hint);
    obj_decref(candidates);
    return e;
}

Value val_getattr(Value obj, ObjStr *name) {
    TypeObj *t = val_type(obj);
    if (t == &type_module) {
        ObjDict *d = ((ObjModule *)obj.as.o)->dict;
        Value v = dict_get_str(d, name);
        if (!IS_UNDEF(v)) return val_incref(v);
        Value hook = dict_get_cstr(d, "__getattr__");   // module __getattr__ (PEP 562)
        if (!IS_UNDEF(hook)) {
            Value arg = OBJ_VAL(name);
            return val_call(hook, 1, &arg, NULL);
        }
        return attr_not_found(obj, name);
    }
    if (t == &type_type || type_is_subtype(t, &type_type)) {
        Value v = class_getattr((TypeObj *)obj.as.o, name);
        if (!IS_UNDEF(v)) return v;
        return attr_not_found(obj, name);
    }
    if (t == &type_super) return t->getattr(obj, name);   // lookup starts past the class
    Value attr = type_lookup(t, name);
    if (!IS_UNDEF(attr) && is_data_descriptor(attr)) return descriptor_get(attr, obj);
    ObjDict *d = instance_dict(obj);
    if (d) {
        Value v = dict_get_str(d, name);
        if (!IS_UNDEF(v)) return val_incref(v);
    }
    if (!IS_UNDEF(attr)) return bind_attr(attr, obj);
    if (t->getattr) {
        Value v = t->getattr(obj, name);
        if (!IS_UNDEF(v)) return v;
    }
    Value special = slot_wrapper_getattr(obj, name);
    if (!IS_UNDEF(special)) return special;
    if (!s_getattr_dunder) s_getattr_dunder = str_intern("__getattr__");
    Value hook = type_lookup(t, s_getattr_dunder);
    if (!IS_UNDEF(hook) && IS_OBJ(hook) && hook.as.o->type == &type_function) {
        Value args[2] = {obj, OBJ_VAL(name)};
        return val_call(hook, 2, args, NULL);
    }
    return attr_not_found(obj, name);
}

Value val_getattr_cstr(Value obj, const char *name) {
    ObjStr *s = str_intern(name);
    Value v = val_getattr(obj, s);
    obj_decref(s);
    return v;
}

static int set_on_class(TypeObj *cls, ObjStr *name, Value v) {
    if (cls->is_native) {
        tl_raise(ERR_TYPE, "cannot set '%s' attribute of immutable type '%s'", name->data, cls->name);
        return -1;
    }
    if (!cls->dict) cls->dict = dict_new();
    if (IS_UNDEF(v)) return dict_del(cls->dict, OBJ_VAL(name));
    int rc = dict_set_str(cls->dict, name, v);
    if (rc == 0) class_update_slots(cls, name);
    return rc;
}

int val_setattr(Value obj, ObjStr *name, Value v) {
    TypeObj *t = val_type(obj);
    if (t->setattr && !t->is_native && t != &type_module && t != &type_type) {
        int rc = t->setattr(obj, name, v);   // a class's __setattr__ hook
        if (rc <= 0) return rc;
    }
    return attr_generic_set(obj, name, v);
}

int attr_generic_set(Value obj, ObjStr *name, Value v) {
    TypeObj *t = val_type(obj);
    if (t == &type_module) {
        ObjDict *d = ((ObjModule *)obj.as.o)->dict;
        return IS_UNDEF(v) ? dict_del(d, OBJ_VAL(name)) : dict_set_str(d, name, v);
    }
    if (t == &type_type) return set_on_class((TypeObj *)obj.as.o, name, v);
    Value attr = type_lookup(t, name);
    if (!IS_UNDEF(attr) && is_data_descriptor(attr)) {
        if (attr.as.o->type == &type_getset) {
            ObjGetSet *gs = (ObjGetSet *)attr.as.o;
            if (!gs->def->set) {
                tl_raise(ERR_ATTRIBUTE, "attribute '%s' of '%s' objects is not writable", name->data, t->name);
                return -1;
            }
            return gs->def->set(obj, v);
        }
        ObjProperty *p = (ObjProperty *)attr.as.o;
        Value fn = IS_UNDEF(v) ? p->fdel : p->fset;
        if (IS_NONE(fn)) {
            tl_raise(ERR_ATTRIBUTE, "can't set attribute '%s'", name->data);
            return -1;
        }
        Value args[2] = {obj, v};
        Value r = val_call(fn, IS_UNDEF(v) ? 1 : 2, args, NULL);
        if (IS_ERR(r)) return -1;
        val_decref(r);
        return 0;
    }
    TypeObj *nb = t;
    while (nb && !nb->is_native) nb = nb->base_type;
    if (nb && nb->setattr) {   // a native base's own attributes (e.g. Tensor.grad)
        int rc = nb->setattr(obj, name, v);
        if (rc <= 0) return rc;
    }
    ObjDict **slot = instance_dict_slot(obj);
    if (!slot) {
        if (!IS_UNDEF(attr))
            tl_raise(ERR_ATTRIBUTE, "'%s' object attribute '%s' is read-only", t->name, name->data);
        else
            tl_raise(ERR_ATTRIBUTE, "'%s' object has no attribute '%s'", t->name, name->data);
        return -1;
    }
    if (!*slot) *slot = dict_new();
    if (IS_UNDEF(v)) {
        if (IS_UNDEF(dict_get_str(*slot, name))) {
            tl_raise(ERR_ATTRIBUTE, "'%s' object has no attribute '%s'", t->name, name->data);
            return -1;
        }
        return dict_del(*slot, OBJ_VAL(name));
    }
    return dict_set_str(*slot, name, v);
}

int val_delattr(Value obj, ObjStr *name) { return val_setattr(obj, name, VAL_UNDEFINED); }

// ------------------------------------------------------------ names, suggestions

static void add_dict_keys(ObjList *out, ObjDict *d) {
    if (!d) return;
    Value k, v;
    for (int64_t i = 0; dict_next(d, &i, &k, &v);)
        if (val_is_str(k)) list_append(out, k);
}

ObjList *attr_names(Value obj) {
    ObjList *out = list_new(0);
    if (!out) return NULL;
    TypeObj *t = val_type(obj);
    if (t == &type_module) {
        add_dict_keys(out, ((ObjModule *)obj.as.o)->dict);
        return out;
    }
    if (t == &type_type) t = (TypeObj *)obj.as.o;
    else add_dict_keys(out, instance_dict(obj));
    for (TypeObj *c = t; c; c = c->base_type) add_dict_keys(out, c->dict);
    if (val_type(obj)->dir) val_type(obj)->dir(obj, out);
    return out;
}

// Levenshtein distance with CPython's costs (substitution 2 unless only case differs).
static int edit_distance(const char *a, const char *b, int max) {
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 40 || lb > 40) return max + 1;
    int row[41];
    for (int j = 0; j <= lb; j++) row[j] = j * 2;
    for (int i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = i * 2;
        for (int j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : ((a[i - 1] | 32) == (b[j - 1] | 32) ? 1 : 2);
            int best = prev + cost;
            if (row[j] + 2 < best) best = row[j] + 2;
            if (row[j - 1] + 2 < best) best = row[j - 1] + 2;
            prev = row[j];
            row[j] = best;
        }
    }
    return row[lb];
}

const char *attr_suggest(const char *name, ObjList *candidates) {
    const char *best = NULL;
    int best_d = 0;
    int len = (int)strlen(name);
    for (int64_t i = 0; i < candidates->len; i++) {
        Value c = candidates->items[i];
        if (!val_is_str(c)) continue;
        const char *s = val_cstr(c);
        if (strcmp(s, name) == 0) continue;
        int slen = (int)strlen(s);
        int max = ((len > slen ? len : slen) + 3) * 2 / 6;   // CPython: (len+3)//3 moves of cost 2
        int d = edit_distance(name, s, max);
        if (d <= max && (!best || d < best_d)) {
            best = s;
            best_d = d;
        }
    }
    return best;
}
