// set and frozenset. The table follows CPython's setobject.c (linear
// probing in runs of 9, then perturbation; resize at 60% fill; dummies for
// deleted keys) so that sets iterate and print in CPython's order: print({3,
// 1, 2}) shows {1, 2, 3}. The table lives in the ObjDict that ObjSet.table
// points to, used as a plain struct (not an object), with these meanings:
//   entries = the slots, index_cap = slot count (mask + 1), len = active
//   keys, used = active + dummy ("fill"), cap = pop() finger, index unused.
// A slot is empty when key.tag == VAL_ERR (zeroed), a dummy when VAL_UNDEF.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/containers.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

static inline bool slot_empty(const DictEntry *e) { return e->key.tag == VAL_ERR; }
static inline bool slot_dummy(const DictEntry *e) { return e->key.tag == VAL_UNDEF; }
static inline bool slot_active(const DictEntry *e) { return e->key.tag > VAL_UNDEF; }

bool val_is_anyset(Value v) {
    if (!IS_OBJ(v)) return false;
    TypeObj *t = v.as.o->type;
    return t == &type_set || t == &type_frozenset || type_is_subtype(t, &type_set) ||
           type_is_subtype(t, &type_frozenset);
}

static bool is_frozen(const ObjSet *s) {
    return s->base.type == &type_frozenset || type_is_subtype(s->base.type, &type_frozenset);
}

// The table, created on first use: an instance of a set subclass is
// allocated zeroed by the class machinery.
static ObjDict *tab(ObjSet *s) {
    if (!s->table) {
        s->table = tl_xcalloc(1, sizeof(ObjDict));
        s->table->entries = tl_xcalloc(SET_MINSIZE, sizeof(DictEntry));
        s->table->index_cap = SET_MINSIZE;
    }
    return s->table;
}

ObjSet *set_new(TypeObj *type) {
    size_t size = type->instance_size > sizeof(ObjSet) ? type->instance_size : sizeof(ObjSet);
    ObjSet *s = (ObjSet *)obj_alloc(type, size);
    if (s) tab(s);
    return s;
}

int64_t set_len(ObjSet *s) { return tab(s)->len; }

bool set_next(ObjSet *s, int64_t *pos, Value *key) {
    ObjDict *t = tab(s);
    while (*pos < t->index_cap) {
        DictEntry *e = &t->entries[(*pos)++];
        if (slot_active(e)) {
            *key = e->key;
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------- probing

// Does slot [e] hold [key]? 1 yes, 0 no, -1 error, 2 the table changed
// under a user __eq__ (start the search over).
static int slot_match(ObjDict *t, DictEntry *e, Value key) {
    if (val_same(e->key, key)) return 1;
    if (val_is_str(e->key) && val_is_str(key)) return str_eq(AS_STR(e->key), AS_STR(key));
    DictEntry *table = t->entries;
    Value start = val_incref(e->key);
    int cmp = val_eq(start, key);
    bool changed = t->entries != table || !val_same(e->key, start);
    val_decref(start);
    if (cmp < 0) return -1;
    if (changed) return 2;
    return cmp;
}

// The slot holding [key], or the empty slot ending its probe run; NULL on error.
static DictEntry *lookkey(ObjSet *s, Value key, int64_t hash) {
restart:;
    ObjDict *t = tab(s);
    size_t mask = (size_t)t->index_cap - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        DictEntry *e = &t->entries[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (slot_empty(e)) return e;
            if (slot_active(e) && e->hash == hash) {
                int m = slot_match(t, e, key);
                if (m < 0) return NULL;
                if (m == 2) goto restart;
                if (m == 1) return e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// Places [key] (reference taken over) in a table known not to contain it.
static void insert_clean(DictEntry *table, size_t mask, Value key, int64_t hash) {
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        if (slot_empty(&table[i])) break;
        if (i + LINEAR_PROBES <= mask) {
            size_t j;
            for (j = 1; j <= LINEAR_PROBES && !slot_empty(&table[i + j]); j++) {}
            if (j <= LINEAR_PROBES) {
                i += j;
                break;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
    table[i] = (DictEntry){key, NONE_VAL, hash};
}

// Rebuilds the table with more than [minused] slots, dropping dummies.
static int table_resize(ObjSet *s, int64_t minused) {
    ObjDict *t = tab(s);
    int64_t newsize = SET_MINSIZE;
    while (newsize <= minused) {
        if (newsize > (INT64_C(1) << 40)) return raise_nomem();
        newsize <<= 1;
    }
    if (newsize == SET_MINSIZE && t->index_cap == SET_MINSIZE && t->used == t->len)
        return 0;   // CPython keeps a dummy-free minimum table as it is
    DictEntry *table = calloc((size_t)newsize, sizeof(DictEntry));
    if (!table) return raise_nomem();
    for (int64_t i = 0; i < t->index_cap; i++)
        if (slot_active(&t->entries[i]))
            insert_clean(table, (size_t)newsize - 1, t->entries[i].key, t->entries[i].hash);
    free(t->entries);
    t->entries = table;
    t->index_cap = newsize;
    t->used = t->len;
    return 0;
}

// Adds [key] (borrowed) with [hash]. 0 / -1.
static int add_entry(ObjSet *s, Value key, int64_t hash) {
restart:;
    ObjDict *t = tab(s);
    size_t mask = (size_t)t->index_cap - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    DictEntry *freeslot = NULL, *e;
    for (;;) {
        e = &t->entries[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (slot_empty(e)) goto found_unused_or_dummy;
            if (slot_active(e) && e->hash == hash) {
                int m = slot_match(t, e, key);
                if (m < 0) return -1;
                if (m == 2) goto restart;
                if (m == 1) return 0;
            } else if (slot_dummy(e)) {
                freeslot = e;   // CPython reuses the last dummy on the path
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        t->len++;
        *freeslot = (DictEntry){val_incref(key), NONE_VAL, hash};
        return 0;
    }
    t->used++;
    t->len++;
    *e = (DictEntry){val_incref(key), NONE_VAL, hash};
    if ((size_t)t->used * 5 < mask * 3) return 0;
    return table_resize(s, t->len > 50000 ? t->len * 2 : t->len * 4);
}

// 1 removed, 0 absent, -1 error.
static int discard_entry(ObjSet *s, Value key, int64_t hash) {
    DictEntry *e = lookkey(s, key, hash);
    if (!e) return -1;
    if (slot_empty(e)) return 0;
    Value old = e->key;
    e->key = VAL_UNDEFINED;   // dummy
    e->hash = -1;
    tab(s)->len--;
    val_decref(old);
    return 1;
}

// A set used as a key is looked up as the equal frozenset, as in CPython.
static Value as_key(Value key, bool *temp) {
    *temp = false;
    if (IS_OBJ(key) && key.as.o->type == &type_set) {
        ObjSet *f = set_from_iterable(&type_frozenset, key);
        if (!f) return VAL_ERROR;
        *temp = true;
        return OBJ_VAL(f);
    }
    return key;
}

int set_contains_value(ObjSet *s, Value key) {
    bool temp;
    Value k = as_key(key, &temp);
    int64_t hash;
    if (IS_ERR(k) || container_hash(k, &hash) < 0) {
        if (temp) val_decref(k);
        return -1;
    }
    DictEntry *e = lookkey(s, k, hash);
    if (temp) val_decref(k);
    return e ? !slot_empty(e) : -1;
}

int set_discard_value(ObjSet *s, Value key) {
    bool temp;
    Value k = as_key(key, &temp);
    int64_t hash;
    int r = IS_ERR(k) || container_hash(k, &hash) < 0 ? -1 : discard_entry(s, k, hash);
    if (temp) val_decref(k);
    return r;
}

int set_add(ObjSet *s, Value v) {
    int64_t hash;
    if (container_hash(v, &hash) < 0) return -1;
    return add_entry(s, v, hash);
}

static void set_clear_internal(ObjSet *s) {
    ObjDict *t = tab(s);
    DictEntry *old = t->entries;
    int64_t n = t->index_cap;
    t->entries = tl_xcalloc(SET_MINSIZE, sizeof(DictEntry));
    t->index_cap = SET_MINSIZE;
    t->len = t->used = t->cap = 0;
    for (int64_t i = 0; i < n; i++)
        if (slot_active(&old[i])) val_decref(old[i].key);
    free(old);
}

// ---------------------------------------------------------------- algebra

static int set_merge(ObjSet *so, ObjSet *other) {
    ObjDict *a = tab(so), *b = tab(other);
    if (so == other || b->len == 0) return 0;
    if ((a->used + b->len) * 5 >= (a->index_cap - 1) * 3 && table_resize(so, (a->len + b->len) * 2) < 0)
        return -1;
    if (a->used == 0 && a->index_cap == b->index_cap && b->used == b->len) {
        // Same size, no dummies: copy the slots as they are.
        for (int64_t i = 0; i < b->index_cap; i++)
            if (slot_active(&b->entries[i]))
                a->entries[i] = (DictEntry){val_incref(b->entries[i].key), NONE_VAL, b->entries[i].hash};
        a->used = a->len = b->len;
        return 0;
    }
    if (a->used == 0) {
        for (int64_t i = 0; i < b->index_cap; i++)
            if (slot_active(&b->entries[i]))
                insert_clean(a->entries, (size_t)a->index_cap - 1, val_incref(b->entries[i].key),
                             b->entries[i].hash);
        a->used = a->len = b->len;
        return 0;
    }
    for (int64_t i = 0; i < b->index_cap; i++) {
        DictEntry *e = &tab(other)->entries[i];
        if (slot_active(e) && add_entry(so, e->key, e->hash) < 0) return -1;
    }
    return 0;
}

static int set_update_internal(ObjSet *s, Value other) {
    if (val_is_anyset(other)) return set_merge(s, (ObjSet *)other.as.o);
    if (val_is_dict(other)) {
        ObjDict *d = AS_DICT(other), *t = tab(s);
        if ((t->used + d->len) * 5 >= (t->index_cap - 1) * 3 && table_resize(s, (t->len + d->len) * 2) < 0)
            return -1;
        Value k;
        int64_t h;
        for (int64_t pos = 0; dict_next_hash(d, &pos, &k, NULL, &h);)
            if (add_entry(s, k, h) < 0) return -1;
        return 0;
    }
    Value it = val_iter(other);
    if (IS_ERR(it)) return -1;
    int rc = 0;
    for (;;) {
        Value k = val_next(it);
        if (IS_UNDEF(k)) break;
        rc = IS_ERR(k) ? -1 : set_add(s, k);
        val_decref(k);
        if (rc < 0) break;
    }
    val_decref(it);
    return rc;
}

int set_update(ObjSet *s, Value iterable) { return set_update_internal(s, iterable); }

ObjSet *set_from_iterable(TypeObj *type, Value iterable) {
    ObjSet *s = set_new(type);
    if (set_update_internal(s, iterable) < 0) {
        obj_decref(s);
        return NULL;
    }
    return s;
}

// A new set of [t]'s builtin base (set or frozenset), holding [iterable]'s items.
static ObjSet *new_basetype(TypeObj *t, Value iterable) {
    TypeObj *base = t == &type_set || type_is_subtype(t, &type_set) ? &type_set : &type_frozenset;
    if (IS_UNDEF(iterable)) return set_new(base);
    return set_from_iterable(base, iterable);
}

static ObjSet *set_copy(ObjSet *s) { return new_basetype(s->base.type, OBJ_VAL(s)); }

static ObjSet *set_intersection(ObjSet *so, Value other) {
    if (IS_OBJ(other) && other.as.o == &so->base) return set_copy(so);
    ObjSet *result = new_basetype(so->base.type, VAL_UNDEFINED);
    if (val_is_anyset(other)) {
        ObjSet *big = so, *small = (ObjSet *)other.as.o;
        if (set_len(small) > set_len(big)) big = small, small = so;
        Value k;
        for (int64_t pos = 0; set_next(small, &pos, &k);) {
            int64_t h = tab(small)->entries[pos - 1].hash;
            k = val_incref(k);
            DictEntry *e = lookkey(big, k, h);
            int rc = !e ? -1 : !slot_empty(e) ? add_entry(result, k, h) : 0;
            val_decref(k);
            if (rc < 0) goto fail;
        }
        return result;
    }
    Value it = val_iter(other);
    if (IS_ERR(it)) goto fail;
    for (;;) {
        Value k = val_next(it);
        if (IS_UNDEF(k)) break;
        int64_t h;
        int rc = IS_ERR(k) || container_hash(k, &h) < 0 ? -1 : 0;
        DictEntry *e = rc == 0 ? lookkey(so, k, h) : NULL;
        if (rc == 0 && !e) rc = -1;
        if (rc == 0 && !slot_empty(e)) rc = add_entry(result, k, h) < 0 ? -1 : set_len(result) >= set_len(so) ? 1 : 0;
        val_decref(k);
        if (rc != 0) {
            val_decref(it);
            if (rc < 0) goto fail;
            return result;
        }
    }
    val_decref(it);
    return result;
fail:
    obj_decref(result);
    return NULL;
}

static int set_difference_update_internal(ObjSet *so, Value other) {
    if (IS_OBJ(other) && other.as.o == &so->base) {
        set_clear_internal(so);
        return 0;
    }
    if (val_is_anyset(other)) {
        ObjSet *o = (ObjSet *)other.as.o;
        // Much bigger other: only the common elements matter.
        if ((set_len(o) >> 3) > set_len(so)) o = set_intersection(so, other);
        else obj_incref(o);
        if (!o) return -1;
        Value k;
        int rc = 0;
        for (int64_t pos = 0; rc == 0 && set_next(o, &pos, &k);) {
            k = val_incref(k);
            rc = discard_entry(so, k, tab(o)->entries[pos - 1].hash) < 0 ? -1 : 0;
            val_decref(k);
        }
        obj_decref(o);
        if (rc < 0) return -1;
    } else {
        Value it = val_iter(other);
        if (IS_ERR(it)) return -1;
        for (;;) {
            Value k = val_next(it);
            if (IS_UNDEF(k)) break;
            int rc = IS_ERR(k) ? -1 : set_discard_value(so, k);
            val_decref(k);
            if (rc < 0) {
                val_decref(it);
                return -1;
            }
        }
        val_decref(it);
    }
    // More than a quarter dummies: rebuild.
    ObjDict *t = tab(so);
    if (t->used - t->len <= (t->index_cap - 1) / 4) return 0;
    return table_resize(so, t->len > 50000 ? t->len * 2 : t->len * 4);
}

static ObjSet *set_copy_and_difference(ObjSet *so, Value other) {
    ObjSet *r = set_copy(so);
    if (r && set_difference_update_internal(r, other) < 0) {
        obj_decref(r);
        return NULL;
    }
    return r;
}

static ObjSet *set_difference(ObjSet *so, Value other) {
    int64_t other_size;
    if (val_is_anyset(other)) other_size = set_len((ObjSet *)other.as.o);
    else if (val_is_dict(other)) other_size = AS_DICT(other)->len;
    else return set_copy_and_difference(so, other);
    if ((set_len(so) >> 2) > other_size) return set_copy_and_difference(so, other);
    ObjSet *result = new_basetype(so->base.type, VAL_UNDEFINED);
    Value k;
    for (int64_t pos = 0; set_next(so, &pos, &k);) {
        int64_t h = tab(so)->entries[pos - 1].hash;
        k = val_incref(k);
        int in;
        if (val_is_dict(other)) {
            Value v = dict_get_hash(AS_DICT(other), k, h);
            in = IS_ERR(v) ? -1 : !IS_UNDEF(v);
        } else {
            DictEntry *e = lookkey((ObjSet *)other.as.o, k, h);
            in = e ? !slot_empty(e) : -1;
        }
        int rc = in < 0 ? -1 : in ? 0 : add_entry(result, k, h);
        val_decref(k);
        if (rc < 0) {
            obj_decref(result);
            return NULL;
        }
    }
    return result;
}

static int set_symmetric_difference_update(ObjSet *so, Value other) {
    if (IS_OBJ(other) && other.as.o == &so->base) {
        set_clear_internal(so);
        return 0;
    }
    if (val_is_dict(other)) {
        Value k;
        int64_t h;
        for (int64_t pos = 0; dict_next_hash(AS_DICT(other), &pos, &k, NULL, &h);) {
            k = val_incref(k);
            int r = discard_entry(so, k, h);
            if (r == 0) r = add_entry(so, k, h);
            val_decref(k);
            if (r < 0) return -1;
        }
        return 0;
    }
    ObjSet *o = val_is_anyset(other) ? obj_incref((ObjSet *)other.as.o) : new_basetype(so->base.type, other);
    if (!o) return -1;
    Value k;
    int rc = 0;
    for (int64_t pos = 0; rc == 0 && set_next(o, &pos, &k);) {
        int64_t h = tab(o)->entries[pos - 1].hash;
        k = val_incref(k);
        int r = discard_entry(so, k, h);
        if (r == 0) r = add_entry(so, k, h);
        rc = r < 0 ? -1 : 0;
        val_decref(k);
    }
    obj_decref(o);
    return rc;
}

static ObjSet *set_symmetric_difference(ObjSet *so, Value other) {
    ObjSet *r = new_basetype(so->base.type, other);
    if (r && set_symmetric_difference_update(r, OBJ_VAL(so)) < 0) {
        obj_decref(r);
        return NULL;
    }
    return r;
}

// 0/1, -1 error.
static int set_issubset(ObjSet *so, Value other) {
    if (!val_is_anyset(other)) {
        ObjSet *tmp = set_from_iterable(&type_set, other);
        if (!tmp) return -1;
        int r = set_issubset(so, OBJ_VAL(tmp));
        obj_decref(tmp);
        return r;
    }
    ObjSet *o = (ObjSet *)other.as.o;
    if (set_len(so) > set_len(o)) return 0;
    Value k;
    for (int64_t pos = 0; set_next(so, &pos, &k);) {
        k = val_incref(k);
        DictEntry *e = lookkey(o, k, tab(so)->entries[pos - 1].hash);
        val_decref(k);
        if (!e) return -1;
        if (slot_empty(e)) return 0;
    }
    return 1;
}

static int set_issuperset(ObjSet *so, Value other) {
    if (val_is_anyset(other)) return set_issubset((ObjSet *)other.as.o, OBJ_VAL(so));
    Value it = val_iter(other);
    if (IS_ERR(it)) return -1;
    int r = 1;
    for (;;) {
        Value k = val_next(it);
        if (IS_UNDEF(k)) break;
        int in = IS_ERR(k) ? -1 : set_contains_value(so, k);
        val_decref(k);
        if (in <= 0) {
            r = in;
            break;
        }
    }
    val_decref(it);
    return r;
}

int set_apply(ObjSet *s, BinaryOp op, Value other) {
    switch (op) {
    case BIN_OR: return set_update_internal(s, other);
    case BIN_SUB: return set_difference_update_internal(s, other);
    case BIN_XOR: return set_symmetric_difference_update(s, other);
    case BIN_AND: {
        ObjSet *r = set_intersection(s, other);
        if (!r) return -1;
        ObjDict *t = tab(s);   // swap bodies
        s->table = tab(r);
        r->table = t;
        obj_decref(r);
        return 0;
    }
    default: return 0;
    }
}

// ---------------------------------------------------------------- slots

static void set_dealloc(Obj *o) {
    ObjSet *s = (ObjSet *)o;
    ObjDict *t = s->table;
    if (!t) return;
    s->table = NULL;
    for (int64_t i = 0; i < t->index_cap; i++)
        if (slot_active(&t->entries[i])) val_decref(t->entries[i].key);
    free(t->entries);
    free(t);
}

static void set_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjSet *s = (ObjSet *)o;
    Value k;
    for (int64_t pos = 0; s->table && set_next(s, &pos, &k);)
        if (IS_OBJ(k)) visit(k.as.o, ctx);
}

static void set_gc_clear(Obj *o) {
    if (((ObjSet *)o)->table) set_clear_internal((ObjSet *)o);
}

static Value set_call_type(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    bool frozen = type == &type_frozenset || type_is_subtype(type, &type_frozenset);
    const char *name = frozen ? "frozenset" : "set";
    if (type != &type_set && !frozen) {
        // A set subclass: allocate, then run its __init__ (ours unless overridden).
        Value self = OBJ_VAL(set_new(type));
        Value init = val_getattr_cstr(self, "__init__");
        Value r = IS_ERR(init) ? VAL_ERROR : val_call(init, nargs, args, kw);
        val_decref(init);
        if (IS_ERR(r)) {
            val_decref(self);
            return VAL_ERROR;
        }
        val_decref(r);
        return self;
    }
    if (kw && kw->n) return tl_raise(ERR_TYPE, "%s() takes no keyword arguments", name), VAL_ERROR;
    if (nargs > 1) return tl_raise(ERR_TYPE, "%s expected at most 1 argument, got %d", name, nargs), VAL_ERROR;
    if (type == &type_frozenset && nargs && IS_OBJ(args[0]) && args[0].as.o->type == &type_frozenset)
        return val_incref(args[0]);   // frozenset(f) is f
    ObjSet *s = nargs ? set_from_iterable(type, args[0]) : set_new(type);
    return s ? OBJ_VAL(s) : VAL_ERROR;
}

static Value set_repr(Value self) {
    ObjSet *s = (ObjSet *)self.as.o;
    const char *tname = s->base.type->name;
    bool plain = s->base.type == &type_set;
    int r = repr_enter(self.as.o);
    if (r < 0) return VAL_ERROR;
    StrBuf sb = STRBUF_INIT;
    if (r > 0) {
        sb_printf(&sb, "%s(...)", tname);
        return str_from_buf(&sb);
    }
    if (set_len(s) == 0) {
        repr_leave(self.as.o);
        sb_printf(&sb, "%s()", tname);
        return str_from_buf(&sb);
    }
    ObjList *keys = list_from_iterable(self);
    if (!plain) sb_printf(&sb, "%s(", tname);
    sb_append_char(&sb, '{');
    int rc = keys ? seq_repr_items(&sb, OBJ_VAL(keys)) : -1;
    obj_decref(keys);
    repr_leave(self.as.o);
    if (rc < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_append(&sb, plain ? "}" : "})");
    return str_from_buf(&sb);
}

static int64_t set_hash(Value self) {
    return tl_raise_int(ERR_TYPE, "unhashable type: '%s'", val_type_name(self));
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

// CPython's frozenset hash: order-independent xor of shuffled entry hashes.
static int64_t frozenset_hash(Value self) {
    ObjSet *s = (ObjSet *)self.as.o;
    uint64_t hash = 0;
    Value k;
    for (int64_t pos = 0; set_next(s, &pos, &k);) hash ^= shuffle_bits((uint64_t)tab(s)->entries[pos - 1].hash);
    hash ^= ((uint64_t)set_len(s) + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == (uint64_t)-1) hash = 590923713ULL;
    return (int64_t)hash;
}

static Value set_compare(Value a, Value b, CompareOp op) {
    if (!val_is_anyset(a) || !val_is_anyset(b) || op > CMP_GE) return VAL_UNDEFINED;
    ObjSet *v = (ObjSet *)a.as.o, *w = (ObjSet *)b.as.o;
    int r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        r = set_len(v) != set_len(w) ? 0 : set_issubset(v, b);
        if (r >= 0 && op == CMP_NE) r = !r;
        break;
    case CMP_LE: r = set_issubset(v, b); break;
    case CMP_GE: r = set_issuperset(v, b); break;
    case CMP_LT: r = set_len(v) < set_len(w) ? set_issubset(v, b) : 0; break;
    default: r = set_len(v) > set_len(w) ? set_issuperset(v, b) : 0; break;   // CMP_GT
    }
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value set_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    if (op != BIN_OR && op != BIN_AND && op != BIN_SUB && op != BIN_XOR) return VAL_UNDEFINED;
    if (!val_is_anyset(a) || !val_is_anyset(b)) return VAL_UNDEFINED;
    ObjSet *so = (ObjSet *)a.as.o;
    if (inplace && !reflected && !is_frozen(so)) {
        if (set_apply(so, op, b) < 0) return VAL_ERROR;
        return val_incref(a);
    }
    ObjSet *r;
    switch (op) {
    case BIN_OR:
        r = set_copy(so);
        if (r && !(IS_OBJ(b) && b.as.o == a.as.o) && set_update_internal(r, b) < 0) {
            obj_decref(r);
            r = NULL;
        }
        break;
    case BIN_AND: r = set_intersection(so, b); break;
    case BIN_SUB: r = set_difference(so, b); break;
    default: r = set_symmetric_difference(so, b); break;
    }
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static int set_truthy(Value self) { return set_len((ObjSet *)self.as.o) != 0; }
static int64_t set_len_slot(Value self) { return set_len((ObjSet *)self.as.o); }
static int set_contains_slot(Value self, Value item) { return set_contains_value((ObjSet *)self.as.o, item); }

// ---------------------------------------------------------------- iterator

typedef struct {
    Obj base;
    ObjSet *set;        // NULL once exhausted
    int64_t pos;
    int64_t len;        // the set's size when iteration started
} ObjSetIter;

static Value set_iter(Value self) {
    ObjSetIter *it = (ObjSetIter *)obj_alloc(&type_set_iterator, sizeof(ObjSetIter));
    it->set = obj_incref((ObjSet *)self.as.o);
    it->len = set_len(it->set);
    return OBJ_VAL(it);
}

static Value setiter_next(Value self) {
    ObjSetIter *it = (ObjSetIter *)self.as.o;
    if (!it->set) return VAL_UNDEFINED;
    if (set_len(it->set) != it->len) {
        it->len = -1;
        return tl_raise(ERR_RUNTIME, "Set changed size during iteration"), VAL_ERROR;
    }
    Value k;
    if (set_next(it->set, &it->pos, &k)) return val_incref(k);
    obj_decref(it->set);
    it->set = NULL;
    return VAL_UNDEFINED;
}

static void setiter_dealloc(Obj *o) {
    ObjSetIter *it = (ObjSetIter *)o;
    obj_decref(it->set);
    it->set = NULL;
}

static void setiter_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjSetIter *it = (ObjSetIter *)o;
    if (it->set) visit(&it->set->base, ctx);
}

static Value iter_self(Value self) { return val_incref(self); }

TypeObj type_set_iterator = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "set_iterator",
    .base_type = &type_object,
    .instance_size = sizeof(ObjSetIter),
    .is_native = true,
    .is_abstract_native = true,
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .clear = setiter_dealloc,
    .iter = iter_self,
    .next = setiter_next,
};

// ---------------------------------------------------------------- methods

#define SELF ((ObjSet *)args[0].as.o)

static Value m_add(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("set.add", nargs - 1, kw) < 0 || set_add(SELF, args[1]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_remove(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("set.remove", nargs - 1, kw) < 0) return VAL_ERROR;
    int r = set_discard_value(SELF, args[1]);
    if (r < 0) return VAL_ERROR;
    if (r == 0) return raise_key_error(args[1]);
    return NONE_VAL;
}

static Value m_discard(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("set.discard", nargs - 1, kw) < 0 || set_discard_value(SELF, args[1]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_pop(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("set.pop", nargs - 1, kw) < 0) return VAL_ERROR;
    ObjDict *t = tab(SELF);
    if (t->len == 0) {
        Value msg = str_value("pop from an empty set");
        raise_key_error(msg);
        val_decref(msg);
        return VAL_ERROR;
    }
    int64_t i = t->cap & (t->index_cap - 1);
    while (!slot_active(&t->entries[i])) i = (i + 1) & (t->index_cap - 1);
    Value key = t->entries[i].key;
    t->entries[i].key = VAL_UNDEFINED;
    t->entries[i].hash = -1;
    t->len--;
    t->cap = i + 1;   // the finger: the next pop starts here
    return key;
}

static Value m_clear(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("set.clear", nargs - 1, kw) < 0) return VAL_ERROR;
    set_clear_internal(SELF);
    return NONE_VAL;
}

static Value m_copy(int nargs, Value *args, const KwArgs *kw) {
    if (args_none(is_frozen(SELF) ? "frozenset.copy" : "set.copy", nargs - 1, kw) < 0) return VAL_ERROR;
    if (args[0].as.o->type == &type_frozenset) return val_incref(args[0]);
    ObjSet *r = set_copy(SELF);
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static const char *qual(Value self, const char *method, char *buf, size_t n) {
    snprintf(buf, n, "%s.%s", is_frozen((ObjSet *)self.as.o) ? "frozenset" : "set", method);
    return buf;
}

static Value m_union(int nargs, Value *args, const KwArgs *kw) {
    char q[40];
    if (kw && kw->n) return tl_raise(ERR_TYPE, "%s() takes no keyword arguments", qual(args[0], "union", q, sizeof q)), VAL_ERROR;
    ObjSet *r = set_copy(SELF);
    for (int i = 1; r && i < nargs; i++) {
        if (IS_OBJ(args[i]) && args[i].as.o == args[0].as.o) continue;
        if (set_update_internal(r, args[i]) < 0) {
            obj_decref(r);
            r = NULL;
        }
    }
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static Value m_intersection(int nargs, Value *args, const KwArgs *kw) {
    char q[40];
    if (kw && kw->n)
        return tl_raise(ERR_TYPE, "%s() takes no keyword arguments", qual(args[0], "intersection", q, sizeof q)),
               VAL_ERROR;
    if (nargs == 1) {
        ObjSet *r = set_copy(SELF);
        return r ? OBJ_VAL(r) : VAL_ERROR;
    }
    ObjSet *r = obj_incref(SELF);
    for (int i = 1; r && i < nargs; i++) {
        ObjSet *n = set_intersection(r, args[i]);
        obj_decref(r);
        r = n;
    }
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static Value m_difference(int nargs, Value *args, const KwArgs *kw) {
    char q[40];
    if (kw && kw->n)
        return tl_raise(ERR_TYPE, "%s() takes no keyword arguments", qual(args[0], "difference", q, sizeof q)),
               VAL_ERROR;
    ObjSet *r = nargs == 1 ? set_copy(SELF) : set_difference(SELF, args[1]);
    for (int i = 2; r && i < nargs; i++) {
        if (set_difference_update_internal(r, args[i]) < 0) {
            obj_decref(r);
            r = NULL;
        }
    }
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static Value m_symmetric_difference(int nargs, Value *args, const KwArgs *kw) {
    char q[48];
    if (args_one(qual(args[0], "symmetric_difference", q, sizeof q), nargs - 1, kw) < 0) return VAL_ERROR;
    ObjSet *r = set_symmetric_difference(SELF, args[1]);
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static Value m_issubset(int nargs, Value *args, const KwArgs *kw) {
    char q[40];
    if (args_one(qual(args[0], "issubset", q, sizeof q), nargs - 1, kw) < 0) return VAL_ERROR;
    int r = set_issubset(SELF, args[1]);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value m_issuperset(int nargs, Value *args, const KwArgs *kw) {
    char q[40];
    if (args_one(qual(args[0], "issuperset", q, sizeof q), nargs - 1, kw) < 0) return VAL_ERROR;
    int r = set_issuperset(SELF, args[1]);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value m_isdisjoint(int nargs, Value *args, const KwArgs *kw) {
    char q[40];
    if (args_one(qual(args[0], "isdisjoint", q, sizeof q), nargs - 1, kw) < 0) return VAL_ERROR;
    ObjSet *r = set_intersection(SELF, args[1]);
    if (!r) return VAL_ERROR;
    bool disjoint = set_len(r) == 0;
    obj_decref(r);
    return BOOL_VAL(disjoint);
}

static Value m_update(int nargs, Value *args, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise(ERR_TYPE, "set.update() takes no keyword arguments"), VAL_ERROR;
    for (int i = 1; i < nargs; i++)
        if (set_update_internal(SELF, args[i]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_intersection_update(int nargs, Value *args, const KwArgs *kw) {
    Value r = m_intersection(nargs, args, kw);
    if (IS_ERR(r)) return r;
    ObjSet *n = (ObjSet *)r.as.o;
    ObjDict *t = tab(SELF);
    SELF->table = tab(n);
    n->table = t;
    val_decref(r);
    return NONE_VAL;
}

static Value m_difference_update(int nargs, Value *args, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise(ERR_TYPE, "set.difference_update() takes no keyword arguments"), VAL_ERROR;
    for (int i = 1; i < nargs; i++)
        if (set_difference_update_internal(SELF, args[i]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_symmetric_difference_update(int nargs, Value *args, const KwArgs *kw) {
    if (args_one("set.symmetric_difference_update", nargs - 1, kw) < 0 ||
        set_symmetric_difference_update(SELF, args[1]) < 0)
        return VAL_ERROR;
    return NONE_VAL;
}

static Value m_init(int nargs, Value *args, const KwArgs *kw) {
    if (kw && kw->n) return tl_raise(ERR_TYPE, "set() takes no keyword arguments"), VAL_ERROR;
    if (nargs > 2) return tl_raise(ERR_TYPE, "set expected at most 1 argument, got %d", nargs - 1), VAL_ERROR;
    set_clear_internal(SELF);
    if (nargs == 2 && set_update_internal(SELF, args[1]) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static const NativeMethodDef set_methods[] = {
    {"add", m_add, "Add an element to a set."},
    {"remove", m_remove, "Remove an element from a set; it must be a member."},
    {"discard", m_discard, "Remove an element from a set if it is a member."},
    {"pop", m_pop, "Remove and return an arbitrary set element."},
    {"clear", m_clear, "Remove all elements from this set."},
    {"copy", m_copy, "Return a shallow copy of a set."},
    {"union", m_union, "Return the union of sets as a new set."},
    {"intersection", m_intersection, "Return the intersection of two sets as a new set."},
    {"difference", m_difference, "Return the difference of two or more sets as a new set."},
    {"symmetric_difference", m_symmetric_difference, "Return the symmetric difference of two sets as a new set."},
    {"issubset", m_issubset, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, "Report whether this set contains another set."},
    {"isdisjoint", m_isdisjoint, "Return True if two sets have a null intersection."},
    {"update", m_update, "Update a set with the union of itself and others."},
    {"intersection_update", m_intersection_update, "Update a set with the intersection of itself and another."},
    {"difference_update", m_difference_update, "Remove all elements of another set from this set."},
    {"symmetric_difference_update", m_symmetric_difference_update,
     "Update a set with the symmetric difference of itself and another."},
    {"__init__", m_init, "Initialize self."},
    {NULL, NULL, NULL},
};

static const NativeMethodDef frozenset_methods[] = {
    {"copy", m_copy, "Return a shallow copy of a set."},
    {"union", m_union, "Return the union of sets as a new set."},
    {"intersection", m_intersection, "Return the intersection of two sets as a new set."},
    {"difference", m_difference, "Return the difference of two or more sets as a new set."},
    {"symmetric_difference", m_symmetric_difference, "Return the symmetric difference of two sets as a new set."},
    {"issubset", m_issubset, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, "Report whether this set contains another set."},
    {"isdisjoint", m_isdisjoint, "Return True if two sets have a null intersection."},
    {NULL, NULL, NULL},
};

TypeObj type_set = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "set",
    .base_type = &type_object,
    .instance_size = sizeof(ObjSet),
    .is_native = true,
    .doc = "Build an unordered collection of unique elements.",
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_gc_clear,
    .call_type = set_call_type,
    .repr = set_repr,
    .hash = set_hash,
    .compare = set_compare,
    .binary = set_binary,
    .truthy = set_truthy,
    .len = set_len_slot,
    .contains = set_contains_slot,
    .iter = set_iter,
    .methods = set_methods,
};

TypeObj type_frozenset = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "frozenset",
    .base_type = &type_object,
    .instance_size = sizeof(ObjSet),
    .is_native = true,
    .doc = "Build an immutable unordered collection of unique elements.",
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_gc_clear,
    .call_type = set_call_type,
    .repr = set_repr,
    .hash = frozenset_hash,
    .compare = set_compare,
    .binary = set_binary,
    .truthy = set_truthy,
    .len = set_len_slot,
    .contains = set_contains_slot,
    .iter = set_iter,
    .methods = frozenset_methods,
};
