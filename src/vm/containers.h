// Entry points of the container types (obj_tuple.c, obj_list.c, obj_dict.c,
// obj_set.c, obj_range.c, obj_slice.c) beyond what object.h declares: the
// helpers these files share (repr recursion guard, index conversion,
// KeyError) and a few operations builtins want (list_extend, set_next...).
// Sets keep CPython's own hash-table layout (not the dict's insertion order)
// so that `print({3, 1, 2})` shows `{1, 2, 3}` as CPython does: never use
// dict_* functions on ObjSet.table, go through the set_* functions below.
#ifndef TL_VM_CONTAINERS_H
#define TL_VM_CONTAINERS_H

#include "vm/object.h"

// The iterator and view types (besides the ones object.h exports).
extern TypeObj type_list_iterator, type_list_reverseiterator, type_tuple_iterator,
    type_dict_keys, type_dict_values, type_dict_items, type_dict_keyiterator,
    type_dict_valueiterator, type_dict_itemiterator, type_set_iterator,
    type_range_iterator;

// Readies the private iterator/view types and marks dict.fromkeys as a
// classmethod. Call once at startup, after type_ready() of the builtin types.
void containers_ready(void);

// Equality as containers use it (CPython's PyObject_RichCompareBool):
// identical objects are equal without calling __eq__. 0/1, -1 error.
static inline int item_eq(Value a, Value b) {
    if (a.tag == VAL_OBJ && b.tag == VAL_OBJ && a.as.o == b.as.o) return 1;
    return val_eq(a, b);
}

// MemoryError (empty message, as CPython's). Returns -1.
static inline int raise_nomem(void) { return tl_raise_int(ERR_MEMORY, "%s", ""); }

// Identity for objects, bit equality for inline values (so a NaN key
// finds itself, like CPython's identity check on the same float object).
static inline bool val_same(Value a, Value b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
    case VAL_OBJ: return a.as.o == b.as.o;
    case VAL_INT: return a.as.i == b.as.i;
    case VAL_BOOL: return a.as.b == b.as.b;
    case VAL_FLOAT: return __builtin_memcmp(&a.as.f, &b.as.f, sizeof(double)) == 0;
    case VAL_NONE: return true;
    default: return false;
    }
}

// Hash of [v] into *out: 0, or -1 with the pending "unhashable type" error.
int container_hash(Value v, int64_t *out);

// Repr recursion guard (CPython's Py_ReprEnter): 0 = entered (call
// repr_leave after), 1 = [o] is already being printed (print "[...]"),
// -1 = nesting too deep (RecursionError pending).
int repr_enter(Obj *o);
void repr_leave(Obj *o);

// The entry number holding exactly the (interned) string object [key], or
// -1. The VM caches it for global lookups: an entry whose key is still that
// same object still holds the current value.
int64_t dict_index_of_str(ObjDict *d, ObjStr *key);

// Converts an int, bool or object with __index__ into *out.
// 1 = converted, 0 = not an index (no error set), -1 = error.
int index_from_value(Value v, int64_t *out);
// As index_from_value, but a non-index raises CPython's
// "'float' object cannot be interpreted as an integer". 0 or -1.
int index_require(Value v, int64_t *out);

// Is the pending error an instance of [cls] (e.g. exc_TypeError)?
bool pending_is(TypeObj *cls);

// Raises KeyError(key) (str(e) is repr(key), as in CPython).
Value raise_key_error(Value key);
int raise_key_error_int(Value key);

// Lexicographic rich comparison of two lists/tuples (CPython's
// list_richcompare). New reference or VAL_ERROR.
Value seq_richcompare(Value a, Value b, CompareOp op);
// Appends the reprs of a list's/tuple's items, joined by ", ", to [sb]. -1 on error.
int seq_repr_items(StrBuf *sb, Value seq);

// Argument-count errors in CPython's words; [n] excludes self. 0 or -1.
int args_none(const char *qualname, int n, const KwArgs *kw);   // "list.copy() takes no arguments (1 given)"
int args_one(const char *qualname, int n, const KwArgs *kw);    // "list.append() takes exactly one argument (0 given)"
// "insert expected 2 arguments, got 1", "pop expected at most 1 argument, got 2"
int args_range(const char *name, const char *qualname, int n, int min, int max, const KwArgs *kw);

// ---- lists ----
int list_extend(ObjList *l, Value iterable);     // any iterable; 0 / -1
int list_insert(ObjList *l, int64_t i, Value v); // borrows v; i clamped like list.insert
int list_reserve(ObjList *l, int64_t cap);       // -1 with MemoryError
// reversed(list): a new list_reverseiterator over [l] (live, like CPython's).
Value list_reversed_iter(ObjList *l);

// ---- ranges ----
typedef struct {
    Obj base;
    int64_t next, step, remaining;
} ObjRangeIter;

// The VM's FOR_ITER fast path over a range_iterator ([it] must be one):
// the next int, or VAL_UNDEF when exhausted.
static inline Value range_iter_next_fast(Value it) {
    ObjRangeIter *r = (ObjRangeIter *)it.as.o;
    if (r->remaining <= 0) return VAL_UNDEFINED;
    int64_t v = r->next;
    r->next = (int64_t)((uint64_t)r->next + (uint64_t)r->step);   // may wrap after the last item
    r->remaining--;
    return INT_VAL(v);
}

// ---- tuples ----
Value tuple_from_array(const Value *items, int64_t n);   // borrows items
Value tuple_from_iterable(Value it);
Value tuple_iter_new(Value tuple);                        // a tuple_iterator

// ---- dicts ----
ObjDict *dict_copy(ObjDict *d);                  // shallow copy, NULL on error
void dict_clear(ObjDict *d);
// dict_get/dict_set with a precomputed [hash] (e.g. from set/dict entries).
// dict_get_hash: borrowed value, VAL_UNDEF if absent, VAL_ERROR on error.
Value dict_get_hash(ObjDict *d, Value key, int64_t hash);
int dict_set_hash(ObjDict *d, Value key, int64_t hash, Value v);
// Like dict_next, also returning the stored hash.
bool dict_next_hash(ObjDict *d, int64_t *pos, Value *key, Value *value, int64_t *hash);
// dict.update semantics: a dict, an object with keys(), or an iterable of
// pairs (errors name the element number). 0 / -1.
int dict_update_from(ObjDict *d, Value other);
int dict_update_kwargs(ObjDict *d, const KwArgs *kw);
// Removes [key]: new reference to its value, VAL_UNDEF if absent, VAL_ERROR on error.
Value dict_pop_value(ObjDict *d, Value key);

// Views (dict_keys/values/items) and iterators over [dict] (obj_dictview.c).
Value dict_view_new(TypeObj *view_type, Value dict);
Value dict_view_iter_new(TypeObj *iter_type, Value dict);

// ---- sets (ObjSet; set and frozenset) ----
// Iterates the set in table order: for (int64_t i = 0; set_next(s, &i, &k);)  (borrowed)
bool set_next(ObjSet *s, int64_t *pos, Value *key);
int64_t set_len(ObjSet *s);
int set_contains_value(ObjSet *s, Value key);    // 0/1, -1 error
int set_discard_value(ObjSet *s, Value key);     // 1 removed, 0 absent, -1 error
int set_update(ObjSet *s, Value iterable);       // 0 / -1
ObjSet *set_from_iterable(TypeObj *type, Value iterable);   // NULL on error
// In-place set algebra with any iterable: BIN_OR update, BIN_AND
// intersection_update, BIN_SUB difference_update, BIN_XOR
// symmetric_difference_update. 0 / -1.
int set_apply(ObjSet *s, BinaryOp op, Value other);
bool val_is_anyset(Value v);   // set, frozenset or a subclass

#endif
