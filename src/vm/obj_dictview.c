// dict views (d.keys(), d.values(), d.items()) and the three dict
// iterators. Views are live: they read the dict at each use. Keys and items
// views are set-like (& | - ^ and comparisons build a temporary set).
// Iterators raise CPython's RuntimeError when the dict changes size.
#include "vm/containers.h"

typedef struct {
    Obj base;
    ObjDict *dict;
} ObjDictView;

typedef struct {
    Obj base;
    ObjDict *dict;      // NULL once exhausted
    int64_t pos;
    int64_t len;        // the dict's size when iteration started
} ObjDictIter;

#define VIEW(v) ((ObjDictView *)(v).as.o)

Value dict_view_new(TypeObj *view_type, Value dict) {
    ObjDictView *v = (ObjDictView *)obj_alloc(view_type, sizeof(ObjDictView));
    v->dict = obj_incref(AS_DICT(dict));
    return OBJ_VAL(v);
}

Value dict_view_iter_new(TypeObj *iter_type, Value dict) {
    ObjDictIter *it = (ObjDictIter *)obj_alloc(iter_type, sizeof(ObjDictIter));
    it->dict = obj_incref(AS_DICT(dict));
    it->len = it->dict->len;
    return OBJ_VAL(it);
}

// ---------------------------------------------------------------- iterators

static void iter_dealloc(Obj *o) {
    ObjDictIter *it = (ObjDictIter *)o;
    obj_decref(it->dict);
    it->dict = NULL;
}

static void iter_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjDictIter *it = (ObjDictIter *)o;
    if (it->dict) visit(&it->dict->base, ctx);
}

static Value iter_self(Value self) { return val_incref(self); }

// Advances to the next live entry: 1 found, 0 exhausted, -1 error.
static int iter_advance(ObjDictIter *it, Value *k, Value *v) {
    if (!it->dict) return 0;
    if (it->dict->len != it->len) {
        it->len = -1;   // stays broken, as in CPython
        return tl_raise_int(ERR_RUNTIME, "dictionary changed size during iteration");
    }
    if (dict_next(it->dict, &it->pos, k, v)) return 1;
    obj_decref(it->dict);
    it->dict = NULL;
    return 0;
}

static Value keyiter_next(Value self) {
    Value k, v;
    int r = iter_advance((ObjDictIter *)self.as.o, &k, &v);
    return r < 0 ? VAL_ERROR : r == 0 ? VAL_UNDEFINED : val_incref(k);
}

static Value valueiter_next(Value self) {
    Value k, v;
    int r = iter_advance((ObjDictIter *)self.as.o, &k, &v);
    return r < 0 ? VAL_ERROR : r == 0 ? VAL_UNDEFINED : val_incref(v);
}

static Value itemiter_next(Value self) {
    Value k, v;
    int r = iter_advance((ObjDictIter *)self.as.o, &k, &v);
    return r < 0 ? VAL_ERROR : r == 0 ? VAL_UNDEFINED : tuple_pack(2, val_incref(k), val_incref(v));
}

#define DICT_ITER_TYPE(var, tname, nextfn)                                         \
    TypeObj var = {                                                                \
        .base = {.refcnt = 1, .type = &type_type},                                 \
        .name = tname,                                                             \
        .base_type = &type_object,                                                 \
        .instance_size = sizeof(ObjDictIter),                                      \
        .is_native = true,                                                         \
        .is_abstract_native = true,                                                \
        .dealloc = iter_dealloc,                                                   \
        .traverse = iter_traverse,                                                 \
        .clear = iter_dealloc,                                                     \
        .iter = iter_self,                                                         \
        .next = nextfn,                                                            \
    }

DICT_ITER_TYPE(type_dict_keyiterator, "dict_keyiterator", keyiter_next);
DICT_ITER_TYPE(type_dict_valueiterator, "dict_valueiterator", valueiter_next);
DICT_ITER_TYPE(type_dict_itemiterator, "dict_itemiterator", itemiter_next);

// ---------------------------------------------------------------- views

static void view_dealloc(Obj *o) {
    ObjDictView *v = (ObjDictView *)o;
    obj_decref(v->dict);
    v->dict = NULL;
}

static void view_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjDictView *v = (ObjDictView *)o;
    if (v->dict) visit(&v->dict->base, ctx);
}

static TypeObj *iter_type_of(Value view) {
    TypeObj *t = view.as.o->type;
    return t == &type_dict_keys ? &type_dict_keyiterator
         : t == &type_dict_values ? &type_dict_valueiterator : &type_dict_itemiterator;
}

static Value view_iter(Value self) {
    return dict_view_iter_new(iter_type_of(self), OBJ_VAL(VIEW(self)->dict));
}

static int64_t view_len(Value self) { return VIEW(self)->dict->len; }
static int view_truthy(Value self) { return VIEW(self)->dict->len != 0; }

// dict_keys(['a', 'b']): the type name around the repr of a list of the items.
static Value view_repr(Value self) {
    int r = repr_enter(self.as.o);
    if (r < 0) return VAL_ERROR;
    if (r > 0) return str_value("...");
    ObjList *items = list_from_iterable(self);
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s(", self.as.o->type->name);
    int rc = items ? val_repr_to(OBJ_VAL(items), &sb) : -1;
    obj_decref(items);
    repr_leave(self.as.o);
    if (rc < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_append_char(&sb, ')');
    return str_from_buf(&sb);
}

static int keys_contains(Value self, Value key) {
    Value v = dict_get(VIEW(self)->dict, key);
    if (IS_ERR(v)) return -1;
    return !IS_UNDEF(v);
}

static int items_contains(Value self, Value item) {
    if (!val_is_tuple(item) || AS_TUPLE(item)->len != 2) return 0;
    Value v = dict_get(VIEW(self)->dict, AS_TUPLE(item)->items[0]);
    if (IS_ERR(v)) return -1;
    if (IS_UNDEF(v)) return 0;
    v = val_incref(v);
    int eq = item_eq(v, AS_TUPLE(item)->items[1]);
    val_decref(v);
    return eq;
}

static int values_contains(Value self, Value x) {
    ObjDict *d = VIEW(self)->dict;
    Value k, v;
    for (int64_t pos = 0; dict_next(d, &pos, &k, &v);) {
        v = val_incref(v);
        int eq = item_eq(v, x);
        val_decref(v);
        if (eq != 0) return eq;
    }
    return 0;
}

static bool is_setlike_view(Value v) {
    return IS_OBJ(v) && (v.as.o->type == &type_dict_keys || v.as.o->type == &type_dict_items);
}

// keys/items views: `a op b` is set(a) op b, whichever side the view is on.
static Value view_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    (void)reflected, (void)inplace;
    if (op != BIN_OR && op != BIN_AND && op != BIN_SUB && op != BIN_XOR) return VAL_UNDEFINED;
    ObjSet *s = set_from_iterable(&type_set, a);
    if (!s) return VAL_ERROR;
    if (set_apply(s, op, b) < 0) {
        obj_decref(s);
        return VAL_ERROR;
    }
    return OBJ_VAL(s);
}

static Value view_compare(Value a, Value b, CompareOp op) {
    if (op > CMP_GE) return VAL_UNDEFINED;
    if (!(is_setlike_view(a) || val_is_anyset(a)) || !(is_setlike_view(b) || val_is_anyset(b)))
        return VAL_UNDEFINED;
    Value sa = val_is_anyset(a) ? val_incref(a) : OBJ_VAL(set_from_iterable(&type_set, a));
    Value sb = val_is_anyset(b) ? val_incref(b) : OBJ_VAL(set_from_iterable(&type_set, b));
    Value r = (sa.as.o && sb.as.o) ? val_compare(sa, sb, op) : VAL_ERROR;
    if (sa.as.o) val_decref(sa);
    if (sb.as.o) val_decref(sb);
    return r;
}

static Value m_isdisjoint(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("isdisjoint", nargs - 1, kw) < 0) return VAL_ERROR;
    Value it = val_iter(args[1]);
    if (IS_ERR(it)) return it;
    int found = 0;
    for (;;) {
        Value x = val_next(it);
        if (IS_UNDEF(x)) break;
        found = IS_ERR(x) ? -1 : args[0].as.o->type->contains(args[0], x);
        val_decref(x);
        if (found != 0) break;
    }
    val_decref(it);
    return found < 0 ? VAL_ERROR : BOOL_VAL(!found);
}

// reversed(view): iterates a snapshot of the view backwards (CPython's
// reverse iterators are live; the difference shows only under mutation).
static Value m_reversed(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("__reversed__", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjList *items = list_from_iterable(args[0]);
    if (!items) return VAL_ERROR;
    Value it = list_reversed_iter(items);
    obj_decref(items);
    return it;
}

static const NativeMethodDef setlike_view_methods[] = {
    {"isdisjoint", m_isdisjoint, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", m_reversed, "Return a reverse iterator over the dict keys."},
    {NULL, NULL, NULL},
};

static const NativeMethodDef values_view_methods[] = {
    {"__reversed__", m_reversed, "Return a reverse iterator over the dict values."},
    {NULL, NULL, NULL},
};

#define VIEW_TYPE(var, tname, containsfn, binaryfn, comparefn, methodtab)          \
    TypeObj var = {                                                                \
        .base = {.refcnt = 1, .type = &type_type},                                 \
        .name = tname,                                                             \
        .base_type = &type_object,                                                 \
        .instance_size = sizeof(ObjDictView),                                      \
        .is_native = true,                                                         \
        .is_abstract_native = true,                                                \
        .dealloc = view_dealloc,                                                   \
        .traverse = view_traverse,                                                 \
        .clear = view_dealloc,                                                     \
        .repr = view_repr,                                                         \
        .compare = comparefn,                                                      \
        .binary = binaryfn,                                                        \
        .truthy = view_truthy,                                                     \
        .len = view_len,                                                           \
        .contains = containsfn,                                                    \
        .iter = view_iter,                                                         \
        .methods = methodtab,                                                      \
    }

VIEW_TYPE(type_dict_keys, "dict_keys", keys_contains, view_binary, view_compare, setlike_view_methods);
VIEW_TYPE(type_dict_items, "dict_items", items_contains, view_binary, view_compare, setlike_view_methods);
VIEW_TYPE(type_dict_values, "dict_values", values_contains, NULL, NULL, values_view_methods);
