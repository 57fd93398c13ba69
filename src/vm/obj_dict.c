// The dict type: CPython 3.6+'s insertion-ordered hash table (an array of
// entries in insertion order plus an open-addressed int32 index into it,
// probed with CPython's perturbation sequence). Owns lookup/insert/delete,
// the dict type's slots and methods. Views and iterators: obj_dictview.c.
// dict_get_str is on the VM's hot path (globals, attributes): it compares
// interned string pointers first and never calls back into the VM.
#include <stdlib.h>
#include <string.h>

#include "vm/containers.h"

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define MIN_INDEX 8
#define PERTURB_SHIFT 5

// Lookup result: an entry number, or one of these.
#define LOOKUP_MISS (-1)
#define LOOKUP_ERROR (-2)

ObjDict *dict_new(void) {
    return (ObjDict *)obj_alloc(&type_dict, sizeof(ObjDict));
}

// First slot on [hash]'s probe path that holds no entry (the table has no
// dummies when this is used: right after a rebuild).
static size_t find_empty_slot(const ObjDict *d, int64_t hash) {
    size_t mask = (size_t)d->index_cap - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (d->index[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

// Rebuilds the table with room for at least [need] entries, compacting out
// deleted ones (insertion order is kept).
static int dict_resize(ObjDict *d, int64_t need) {
    int64_t index_cap = MIN_INDEX;
    while (index_cap * 2 / 3 < need) {
        if (index_cap > (INT64_C(1) << 30)) return raise_nomem();
        index_cap *= 2;
    }
    int64_t cap = index_cap * 2 / 3;
    int32_t *index = malloc(sizeof(int32_t) * (size_t)index_cap);
    DictEntry *entries = malloc(sizeof(DictEntry) * (size_t)cap);
    if (!index || !entries) {
        free(index);
        free(entries);
        return raise_nomem();
    }
    memset(index, 0xff, sizeof(int32_t) * (size_t)index_cap);   // IX_EMPTY
    int64_t n = 0;
    for (int64_t i = 0; i < d->used; i++)
        if (!IS_UNDEF(d->entries[i].key)) entries[n++] = d->entries[i];
    free(d->index);
    free(d->entries);
    d->index = index;
    d->entries = entries;
    d->index_cap = index_cap;
    d->cap = cap;
    d->used = n;
    for (int64_t i = 0; i < n; i++) d->index[find_empty_slot(d, entries[i].hash)] = (int32_t)i;
    return 0;
}

// Finds [key]: its entry number (*slot = its index slot), LOOKUP_MISS
// (*slot = where to insert it) or LOOKUP_ERROR. A user __eq__ that changes
// the table makes the search start over, as in CPython.
static int64_t lookup(ObjDict *d, Value key, int64_t hash, size_t *slot) {
restart:
    if (!d->index) {   // emptied by dict_clear() in a user __eq__
        *slot = SIZE_MAX;
        return LOOKUP_MISS;
    }
    size_t mask = (size_t)d->index_cap - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    size_t freeslot = SIZE_MAX;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == IX_EMPTY) {
            *slot = freeslot != SIZE_MAX ? freeslot : i;
            return LOOKUP_MISS;
        }
        if (ix == IX_DUMMY) {
            if (freeslot == SIZE_MAX) freeslot = i;
        } else {
            DictEntry *e = &d->entries[ix];
            if (val_same(e->key, key)) {
                *slot = i;
                return ix;
            }
            if (e->hash == hash) {
                if (val_is_str(e->key) && val_is_str(key)) {
                    if (str_eq(AS_STR(e->key), AS_STR(key))) {
                        *slot = i;
                        return ix;
                    }
                } else {
                    DictEntry *entries = d->entries;
                    Value k = val_incref(e->key);
                    int eq = val_eq(k, key);
                    bool changed = d->entries != entries || (size_t)d->index_cap != mask + 1 || d->index[i] != ix ||
                                   !val_same(entries[ix].key, k);
                    val_decref(k);
                    if (eq < 0) return LOOKUP_ERROR;
                    if (changed) goto restart;
                    if (eq) {
                        *slot = i;
                        return ix;
                    }
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

Value dict_get_hash(ObjDict *d, Value key, int64_t hash) {
    if (d->len == 0) return VAL_UNDEFINED;
    size_t slot;
    int64_t ix = lookup(d, key, hash, &slot);
    if (ix == LOOKUP_ERROR) return VAL_ERROR;
    return ix >= 0 ? d->entries[ix].value : VAL_UNDEFINED;
}

Value dict_get(ObjDict *d, Value key) {
    int64_t hash;
    if (container_hash(key, &hash) < 0) return VAL_ERROR;
    return dict_get_hash(d, key, hash);
}

int64_t dict_index_of_str(ObjDict *d, ObjStr *key) {
    if (d->len == 0) return -1;
    int64_t hash = key->hash != -1 ? key->hash : str_hash(key);
    size_t mask = (size_t)d->index_cap - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == IX_EMPTY) return -1;
        if (ix >= 0 && d->entries[ix].key.tag == VAL_OBJ && d->entries[ix].key.as.o == &key->base) return ix;
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

Value dict_get_str(ObjDict *d, ObjStr *key) {
    if (d->len == 0) return VAL_UNDEFINED;
    int64_t hash = key->hash != -1 ? key->hash : str_hash(key);
    size_t mask = (size_t)d->index_cap - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == IX_EMPTY) return VAL_UNDEFINED;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->key.tag == VAL_OBJ && e->key.as.o == &key->base) return e->value;
            if (e->hash == hash) {
                if (!val_is_str(e->key)) return dict_get_hash(d, OBJ_VAL(key), hash);   // a str-equal object
                if (str_eq(AS_STR(e->key), key)) return e->value;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

Value dict_get_cstr(ObjDict *d, const char *key) {
    ObjStr *s = str_from_cstr(key);
    Value v = dict_get_str(d, s);
    obj_decref(s);
    return v;
}

int dict_set_hash(ObjDict *d, Value key, int64_t hash, Value v) {
    if (!d->index && dict_resize(d, 1) < 0) return -1;
    size_t slot;
    int64_t ix = lookup(d, key, hash, &slot);
    if (ix == LOOKUP_ERROR) return -1;
    if (ix >= 0) {
        val_set(&d->entries[ix].value, val_incref(v));
        return 0;
    }
    if (d->used == d->cap || slot == SIZE_MAX) {
        if (dict_resize(d, d->len * 3 > d->len + 1 ? d->len * 3 : d->len + 1) < 0) return -1;
        slot = find_empty_slot(d, hash);
    }
    if (d->used >= INT32_MAX) return raise_nomem();
    d->index[slot] = (int32_t)d->used;
    d->entries[d->used++] = (DictEntry){val_incref(key), val_incref(v), hash};
    d->len++;
    return 0;
}

int dict_set(ObjDict *d, Value key, Value v) {
    int64_t hash;
    if (container_hash(key, &hash) < 0) return -1;
    return dict_set_hash(d, key, hash, v);
}

int dict_set_str(ObjDict *d, ObjStr *key, Value v) {
    int64_t hash = key->hash != -1 ? key->hash : str_hash(key);
    return dict_set_hash(d, OBJ_VAL(key), hash, v);
}

int dict_set_cstr(ObjDict *d, const char *key, Value v) {
    ObjStr *s = str_intern(key);
    int rc = dict_set_str(d, s, v);
    obj_decref(s);
    return rc;
}

// Unlinks entry [ix] at index slot [slot]; returns its value (the caller's reference).
static Value remove_entry(ObjDict *d, int64_t ix, size_t slot) {
    DictEntry *e = &d->entries[ix];
    Value key = e->key, value = e->value;
    d->index[slot] = IX_DUMMY;
    e->key = e->value = VAL_UNDEFINED;
    d->len--;
    val_decref(key);
    return value;
}

Value dict_pop_value(ObjDict *d, Value key) {
    int64_t hash;
    if (container_hash(key, &hash) < 0) return VAL_ERROR;
    if (d->len == 0) return VAL_UNDEFINED;
    size_t slot;
    int64_t ix = lookup(d, key, hash, &slot);
    if (ix == LOOKUP_ERROR) return VAL_ERROR;
    if (ix < 0) return VAL_UNDEFINED;
    return remove_entry(d, ix, slot);
}

int dict_del(ObjDict *d, Value key) {
    Value v = dict_pop_value(d, key);
    if (IS_ERR(v)) return -1;
    if (IS_UNDEF(v)) return raise_key_error_int(key);
    val_decref(v);
    return 0;
}

bool dict_next_hash(ObjDict *d, int64_t *pos, Value *key, Value *value, int64_t *hash) {
    while (*pos < d->used) {
        DictEntry *e = &d->entries[(*pos)++];
        if (IS_UNDEF(e->key)) continue;
        if (key) *key = e->key;
        if (value) *value = e->value;
        if (hash) *hash = e->hash;
        return true;
    }
    return false;
}

bool dict_next(ObjDict *d, int64_t *pos, Value *key, Value *value) {
    return dict_next_hash(d, pos, key, value, NULL);
}

void dict_clear(ObjDict *d) {
    DictEntry *entries = d->entries;
    int64_t used = d->used;
    free(d->index);
    d->index = NULL;
    d->entries = NULL;
    d->len = d->used = d->cap = d->index_cap = 0;
    for (int64_t i = 0; i < used; i++) {
        val_decref(entries[i].key);
        val_decref(entries[i].value);
    }
    free(entries);
}

ObjDict *dict_copy(ObjDict *d) {
    ObjDict *out = dict_new();
    if (d->len && dict_resize(out, d->len) < 0) {
        obj_decref(out);
        return NULL;
    }
    for (int64_t i = 0; i < d->used; i++) {
        DictEntry *e = &d->entries[i];
        if (IS_UNDEF(e->key)) continue;
        out->index[find_empty_slot(out, e->hash)] = (int32_t)out->used;
        out->entries[out->used++] = (DictEntry){val_incref(e->key), val_incref(e->value), e->hash};
        out->len++;
    }
    return out;
}

// ---------------------------------------------------------------- update

static bool is_dict(Value v) {
    return IS_OBJ(v) && (v.as.o->type == &type_dict || type_is_subtype(v.as.o->type, &type_dict));
}

static bool has_keys_method(Value v) {
    static ObjStr *name;
    if (!name) name = str_intern("keys");
    return IS_OBJ(v) && !IS_UNDEF(type_lookup(val_type(v), name));
}

// One element of dict(pairs): must be a 2-item sequence.
static int update_pair(ObjDict *d, Value item, int64_t n) {
    ObjList *tmp = NULL;
    int64_t len;
    Value *kv = seq_items(item, &len);
    if (!kv) {
        Value it = val_iter(item);
        if (IS_ERR(it)) {
            if (pending_is(exc_TypeError))
                tl_raise(ERR_TYPE, "cannot convert dictionary update sequence element #%lld to a sequence",
                         (long long)n);
            return -1;
        }
        val_decref(it);
        if (!(tmp = list_from_iterable(item))) return -1;
        kv = tmp->items;
        len = tmp->len;
    }
    int rc;
    if (len != 2)
        rc = tl_raise_int(ERR_VALUE, "dictionary update sequence element #%lld has length %lld; 2 is required",
                          (long long)n, (long long)len);
    else
        rc = dict_set(d, kv[0], kv[1]);
    obj_decref(tmp);
    return rc;
}

int dict_update_from(ObjDict *d, Value other) {
    if (is_dict(other)) {
        ObjDict *o = AS_DICT(other);
        Value k, v;
        int64_t h;
        for (int64_t pos = 0; dict_next_hash(o, &pos, &k, &v, &h);)
            if (dict_set_hash(d, k, h, v) < 0) return -1;
        return 0;
    }
    if (has_keys_method(other)) {
        Value keys = val_call_method(other, "keys", 0, NULL);
        if (IS_ERR(keys)) return -1;
        Value it = val_iter(keys);
        val_decref(keys);
        if (IS_ERR(it)) return -1;
        int rc = 0;
        for (;;) {
            Value k = val_next(it);
            if (IS_UNDEF(k)) break;
            Value v = IS_ERR(k) ? VAL_ERROR : val_getitem(other, k);
            rc = IS_ERR(v) ? -1 : dict_set(d, k, v);
            val_decref(k);
            val_decref(v);
            if (rc < 0) break;
        }
        val_decref(it);
        return rc;
    }
    Value it = val_iter(other);
    if (IS_ERR(it)) return -1;
    int rc = 0;
    for (int64_t n = 0;; n++) {
        Value item = val_next(it);
        if (IS_UNDEF(item)) break;
        rc = IS_ERR(item) ? -1 : update_pair(d, item, n);
        val_decref(item);
        if (rc < 0) break;
    }
    val_decref(it);
    return rc;
}

int dict_update_kwargs(ObjDict *d, const KwArgs *kw) {
    for (int i = 0; kw && i < kw->n; i++)
        if (dict_set_str(d, kw->names[i], kw->values[i]) < 0) return -1;
    return 0;
}

// ---------------------------------------------------------------- slots

static void dict_dealloc(Obj *o) { dict_clear((ObjDict *)o); }

static void dict_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjDict *d = (ObjDict *)o;
    for (int64_t i = 0; i < d->used; i++) {
        DictEntry *e = &d->entries[i];
        if (IS_OBJ(e->key)) visit(e->key.as.o, ctx);
        if (IS_OBJ(e->value)) visit(e->value.as.o, ctx);
    }
}

static Value dict_init_method(int nargs, Value *args, const KwArgs *kw);

static Value dict_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    size_t size = type->instance_size > sizeof(ObjDict) ? type->instance_size : sizeof(ObjDict);
    Value self = OBJ_VAL(obj_alloc(type, size));
    Value r;
    if (type == &type_dict) {
        Value argv[2] = {self, nargs ? args[0] : NONE_VAL};
        if (nargs > 1) {
            val_decref(self);
            return tl_raise(ERR_TYPE, "dict expected at most 1 argument, got %d", nargs), VAL_ERROR;
        }
        r = dict_init_method(1 + nargs, argv, kw);
    } else {
        // A subclass: run its __init__ (ours unless overridden).
        Value init = val_getattr_cstr(self, "__init__");
        r = IS_ERR(init) ? VAL_ERROR : val_call(init, nargs, args, kw);
        val_decref(init);
    }
    if (IS_ERR(r)) {
        val_decref(self);
        return VAL_ERROR;
    }
    val_decref(r);
    return self;
}

static Value dict_repr(Value self) {
    ObjDict *d = AS_DICT(self);
    if (d->len == 0) return str_value("{}");
    int r = repr_enter(self.as.o);
    if (r < 0) return VAL_ERROR;
    if (r > 0) return str_value("{...}");
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '{');
    bool first = true;
    int rc = 0;
    for (int64_t i = 0; i < d->used && rc == 0; i++) {
        if (IS_UNDEF(d->entries[i].key)) continue;
        Value k = val_incref(d->entries[i].key), v = val_incref(d->entries[i].value);
        if (!first) sb_append(&sb, ", ");
        first = false;
        rc = val_repr_to(k, &sb);
        if (rc == 0) {
            sb_append(&sb, ": ");
            rc = val_repr_to(v, &sb);
        }
        val_decref(k);
        val_decref(v);
    }
    repr_leave(self.as.o);
    if (rc < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_append_char(&sb, '}');
    return str_from_buf(&sb);
}

static int64_t dict_hash(Value self) {
    return tl_raise_int(ERR_TYPE, "unhashable type: '%s'", val_type_name(self));
}

static int dict_equal(ObjDict *a, ObjDict *b) {
    if (a->len != b->len) return 0;
    for (int64_t i = 0; i < a->used; i++) {
        if (IS_UNDEF(a->entries[i].key)) continue;
        Value k = val_incref(a->entries[i].key), va = val_incref(a->entries[i].value);
        Value vb = dict_get_hash(b, k, a->entries[i].hash);
        int eq = IS_ERR(vb) ? -1 : IS_UNDEF(vb) ? 0 : 1;
        if (eq == 1) {
            vb = val_incref(vb);
            eq = item_eq(va, vb);
            val_decref(vb);
        }
        val_decref(k);
        val_decref(va);
        if (eq != 1) return eq;
    }
    return 1;
}

static Value dict_compare(Value a, Value b, CompareOp op) {
    if (!is_dict(a) || !is_dict(b) || (op != CMP_EQ && op != CMP_NE)) return VAL_UNDEFINED;
    int eq = dict_equal(AS_DICT(a), AS_DICT(b));
    if (eq < 0) return VAL_ERROR;
    return BOOL_VAL(op == CMP_EQ ? eq : !eq);
}

static Value dict_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    if (op != BIN_OR) return VAL_UNDEFINED;
    if (inplace && !reflected) {
        if (dict_update_from(AS_DICT(a), b) < 0) return VAL_ERROR;
        return val_incref(a);
    }
    if (!is_dict(a) || !is_dict(b)) return VAL_UNDEFINED;
    ObjDict *out = dict_copy(AS_DICT(a));
    if (!out || dict_update_from(out, b) < 0) {
        obj_decref(out);
        return VAL_ERROR;
    }
    return OBJ_VAL(out);
}

static int dict_truthy(Value self) { return AS_DICT(self)->len != 0; }
static int64_t dict_len(Value self) { return AS_DICT(self)->len; }

static Value dict_getitem(Value self, Value key) {
    Value v = dict_get(AS_DICT(self), key);
    if (IS_ERR(v)) return v;
    if (!IS_UNDEF(v)) return val_incref(v);
    if (self.as.o->type != &type_dict) {
        // dict subclasses may define __missing__ (defaultdict-style).
        static ObjStr *name;
        if (!name) name = str_intern("__missing__");
        if (!IS_UNDEF(type_lookup(self.as.o->type, name))) return val_call_method(self, "__missing__", 1, &key);
    }
    return raise_key_error(key);
}

static int dict_setitem(Value self, Value key, Value v) {
    if (IS_UNDEF(v)) return dict_del(AS_DICT(self), key);
    return dict_set(AS_DICT(self), key, v);
}

static int dict_contains(Value self, Value key) {
    Value v = dict_get(AS_DICT(self), key);
    if (IS_ERR(v)) return -1;
    return !IS_UNDEF(v);
}

static Value dict_iter(Value self) { return dict_view_iter_new(&type_dict_keyiterator, self); }

// ---------------------------------------------------------------- methods

#define SELF AS_DICT(args[0])

static Value m_get(int nargs, Value *args, const KwArgs *kw) {
    if (args_range("get", "dict.get", nargs - 1, 1, 2, kw) < 0) return VAL_ERROR;
    Value v = dict_get(SELF, args[1]);
    if (IS_ERR(v)) return v;
    return val_incref(IS_UNDEF(v) ? (nargs > 2 ? args[2] : NONE_VAL) : v);
}

static Value m_keys(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("dict.keys", nargs - 1, kw) < 0) return VAL_ERROR;
    return dict_view_new(&type_dict_keys, args[0]);
}

static Value m_values(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("dict.values", nargs - 1, kw) < 0) return VAL_ERROR;
    return dict_view_new(&type_dict_values, args[0]);
}

static Value m_items(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("dict.items", nargs - 1, kw) < 0) return VAL_ERROR;
    return dict_view_new(&type_dict_items, args[0]);
}

static Value m_update(int nargs, Value *args, const KwArgs *kw) {
    if (nargs > 2) return tl_raise(ERR_TYPE, "update expected at most 1 argument, got %d", nargs - 1), VAL_ERROR;
    if (nargs == 2 && dict_update_from(SELF, args[1]) < 0) return VAL_ERROR;
    if (dict_update_kwargs(SELF, kw) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value dict_init_method(int nargs, Value *args, const KwArgs *kw) {
    if (nargs > 2) return tl_raise(ERR_TYPE, "dict expected at most 1 argument, got %d", nargs - 1), VAL_ERROR;
    if (nargs == 2 && dict_update_from(SELF, args[1]) < 0) return VAL_ERROR;
    if (dict_update_kwargs(SELF, kw) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_pop(int nargs, Value *args, const KwArgs *kw) {
    if (args_range("pop", "dict.pop", nargs - 1, 1, 2, kw) < 0) return VAL_ERROR;
    Value v = dict_pop_value(SELF, args[1]);
    if (!IS_UNDEF(v)) return v;
    if (nargs > 2) return val_incref(args[2]);
    return raise_key_error(args[1]);
}

static Value m_popitem(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("dict.popitem", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjDict *d = SELF;
    if (d->len == 0) {
        Value msg = str_value("popitem(): dictionary is empty");
        raise_key_error(msg);
        val_decref(msg);
        return VAL_ERROR;
    }
    int64_t ix = d->used - 1;
    while (IS_UNDEF(d->entries[ix].key)) ix--;
    DictEntry *e = &d->entries[ix];
    size_t mask = (size_t)d->index_cap - 1, i = (size_t)e->hash & mask;
    uint64_t perturb = (uint64_t)e->hash;
    while (d->index[i] != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    Value key = val_incref(e->key);
    Value value = remove_entry(d, ix, i);
    d->used = ix;   // LIFO: the slot is reused, as in CPython
    return tuple_pack(2, key, value);
}

static Value m_setdefault(int nargs, Value *args, const KwArgs *kw) {
    if (args_range("setdefault", "dict.setdefault", nargs - 1, 1, 2, kw) < 0) return VAL_ERROR;
    Value v = dict_get(SELF, args[1]);
    if (IS_ERR(v)) return v;
    if (!IS_UNDEF(v)) return val_incref(v);
    Value dflt = nargs > 2 ? args[2] : NONE_VAL;
    if (dict_set(SELF, args[1], dflt) < 0) return VAL_ERROR;
    return val_incref(dflt);
}

static Value m_copy(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("dict.copy", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjDict *out = dict_copy(SELF);
    return out ? OBJ_VAL(out) : VAL_ERROR;
}

static Value m_clear(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("dict.clear", nargs - 1, kw) < 0) return VAL_ERROR;
    dict_clear(SELF);
    return NONE_VAL;
}

// A classmethod (containers_ready marks it): args[0] is the class. Reached
// unbound (dict.fromkeys looked up on the class without binding), args[0]
// is already the iterable and the class is dict.
static Value m_fromkeys(int nargs, Value *args, const KwArgs *kw) {
    Value cls = OBJ_VAL(&type_dict);
    if (nargs > 0 && IS_OBJ(args[0]) && type_is_subtype(val_type(args[0]), &type_type)) {
        cls = args[0];
        args++;
        nargs--;
    }
    if (args_range("fromkeys", "dict.fromkeys", nargs, 1, 2, kw) < 0) return VAL_ERROR;
    Value out = cls.as.o == &type_dict.base ? OBJ_VAL(dict_new()) : val_call(cls, 0, NULL, NULL);
    if (IS_ERR(out)) return out;
    Value value = nargs > 1 ? args[1] : NONE_VAL;
    Value it = val_iter(args[0]);
    if (IS_ERR(it)) goto fail;
    for (;;) {
        Value k = val_next(it);
        if (IS_UNDEF(k)) break;
        int rc = IS_ERR(k) ? -1 : val_setitem(out, k, value);
        val_decref(k);
        if (rc < 0) {
            val_decref(it);
            goto fail;
        }
    }
    val_decref(it);
    return out;
fail:
    val_decref(out);
    return VAL_ERROR;
}

static Value m_getitem(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("dict.__getitem__", nargs - 1, kw) < 0) return VAL_ERROR;
    return dict_getitem(args[0], args[1]);
}

static Value m_setitem(int nargs, Value *args, const KwArgs *kw) {
    if (args_range("__setitem__", "dict.__setitem__", nargs - 1, 2, 2, kw) < 0 ||
        dict_set(SELF, args[1], args[2]) < 0)
        return VAL_ERROR;
    return NONE_VAL;
}

static Value m_contains(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("dict.__contains__", nargs - 1, kw) < 0) return VAL_ERROR;
    int r = dict_contains(args[0], args[1]);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static const NativeMethodDef dict_methods[] = {
    {"get", m_get, "Return the value for key if key is in the dictionary, else default."},
    {"keys", m_keys, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", m_values, "D.values() -> an object providing a view on D's values"},
    {"items", m_items, "D.items() -> a set-like object providing a view on D's items"},
    {"update", m_update, "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"pop", m_pop, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", m_popitem, "Remove and return a (key, value) pair as a 2-tuple."},
    {"setdefault", m_setdefault, "Insert key with a value of default if key is not in the dictionary."},
    {"copy", m_copy, "D.copy() -> a shallow copy of D"},
    {"clear", m_clear, "D.clear() -> None.  Remove all items from D."},
    {"fromkeys", m_fromkeys, "Create a new dictionary with keys from iterable and values set to value."},
    {"__init__", dict_init_method, "Initialize self."},
    {"__getitem__", m_getitem, "x.__getitem__(y) <==> x[y]"},
    {"__setitem__", m_setitem, "Set self[key] to value."},
    {"__contains__", m_contains, "True if the dictionary has the specified key, else False."},
    {NULL, NULL, NULL},
};

TypeObj type_dict = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "dict",
    .base_type = &type_object,
    .instance_size = sizeof(ObjDict),
    .is_native = true,
    .doc = "Built-in mapping type.",
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .clear = dict_dealloc,
    .call_type = dict_call_type,
    .repr = dict_repr,
    .hash = dict_hash,
    .compare = dict_compare,
    .binary = dict_binary,
    .truthy = dict_truthy,
    .len = dict_len,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains,
    .iter = dict_iter,
    .methods = dict_methods,
};
