// Unit tests of the container types' C API (vm/obj_dict.c, obj_set.c,
// obj_list.c, sort.c, obj_slice.c, obj_tuple.c). Oracles: a naive model of
// an insertion-ordered map, a naive stable insertion sort, and values that
// CPython 3.11 printed (containers_cases.h, from gen_containers_cases.py).
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "vm/containers.h"
#include "containers_cases.h"
#include "vm/sort.h"
#include "vm/vm.h"

// The message of the pending error (str of the exception), which is cleared.
static const char *pending_msg(void) {
    static char buf[256];
    Value e = exc_take_pending();
    Value m = IS_ERR(e) ? VAL_ERROR : val_str(e);
    snprintf(buf, sizeof buf, "%s", val_is_str(m) ? val_cstr(m) : "?");
    val_decref(m);
    val_decref(e);
    tl_error_clear();
    return buf;
}

// A naive insertion-ordered map of int keys: parallel arrays, linear search.
typedef struct {
    int64_t keys[4096], vals[4096];
    int n;
} Model;

static int model_find(const Model *m, int64_t k) {
    for (int i = 0; i < m->n; i++)
        if (m->keys[i] == k) return i;
    return -1;
}

static void model_set(Model *m, int64_t k, int64_t v) {
    int i = model_find(m, k);
    if (i >= 0) m->vals[i] = v;
    else m->keys[m->n] = k, m->vals[m->n++] = v;
}

static void model_del(Model *m, int i) {
    for (int j = i; j < m->n - 1; j++) m->keys[j] = m->keys[j + 1], m->vals[j] = m->vals[j + 1];
    m->n--;
}

static void test_dict_against_model(void) {
    static Model m;
    ObjDict *d = dict_new();
    srand(12345);
    int bad = 0;
    for (int step = 0; step < 20000; step++) {
        int64_t k = rand() % 700 - 100;
        int op = rand() % 3;
        if (op < 2) {
            model_set(&m, k, step);
            if (dict_set(d, INT_VAL(k), INT_VAL(step)) < 0) bad++;
        } else {
            int i = model_find(&m, k);
            Value v = dict_pop_value(d, INT_VAL(k));
            if (i >= 0) {
                if (!IS_INT(v) || v.as.i != m.vals[i]) bad++;
                model_del(&m, i);
            } else if (!IS_UNDEF(v)) {
                bad++;
            }
        }
        if (d->len != m.n) bad++;
    }
    CHECK(bad == 0);
    // Same order and values as the model.
    Value k, v;
    int i = 0;
    for (int64_t pos = 0; dict_next(d, &pos, &k, &v); i++)
        if (i >= m.n || k.as.i != m.keys[i] || v.as.i != m.vals[i]) bad++;
    CHECK(bad == 0 && i == m.n);
    for (int64_t q = -100; q < 600; q++) {
        Value got = dict_get(d, INT_VAL(q));
        int j = model_find(&m, q);
        if (j < 0 ? !IS_UNDEF(got) : (!IS_INT(got) || got.as.i != m.vals[j])) bad++;
    }
    CHECK(bad == 0);
    // 1, 1.0 and True are one key, as in CPython.
    ObjDict *e = dict_new();
    dict_set(e, INT_VAL(1), INT_VAL(10));
    dict_set(e, FLOAT_VAL(1.0), INT_VAL(20));
    dict_set(e, BOOL_VAL(true), INT_VAL(30));
    CHECK(e->len == 1 && dict_get(e, INT_VAL(1)).as.i == 30 && IS_INT(e->entries[0].key));
    obj_decref(e);
    obj_decref(d);
}

static void test_dict_str_keys(void) {
    ObjDict *d = dict_new();
    char name[32];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "name_%d", i);
        dict_set_cstr(d, name, INT_VAL(i));
    }
    int bad = 0;
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "name_%d", i);
        ObjStr *fresh = str_from_cstr(name);   // not interned: compared by content
        Value v = dict_get_str(d, fresh);
        if (!IS_INT(v) || v.as.i != i) bad++;
        if (dict_get_cstr(d, name).as.i != i) bad++;
        obj_decref(fresh);
    }
    CHECK(bad == 0);
    CHECK(IS_UNDEF(dict_get_cstr(d, "name_500")));
    Value s = str_value("name_7");
    CHECK(dict_del(d, s) == 0 && d->len == 499 && IS_UNDEF(dict_get(d, s)));
    CHECK(dict_del(d, s) == -1 && tl_error_pending());
    CHECK_STR(pending_msg(), "'name_7'");
    val_decref(s);
    ObjList *l = list_new(0);
    CHECK(IS_ERR(dict_get(d, OBJ_VAL(l))));   // unhashable
    CHECK_STR(pending_msg(), "unhashable type: 'list'");
    obj_decref(l);
    obj_decref(d);
}

static void test_set_order(void) {
    int bad = 0;
    for (size_t c = 0; c < sizeof set_cases / sizeof set_cases[0]; c++) {
        ObjSet *s = set_new(&type_set);
        for (int i = 0; i < set_cases[c].n_add; i++) set_add(s, INT_VAL(set_cases[c].add[i]));
        for (int i = 0; i < set_cases[c].n_remove; i++) set_discard_value(s, INT_VAL(set_cases[c].remove[i]));
        Value k;
        int i = 0;
        for (int64_t pos = 0; set_next(s, &pos, &k); i++)
            if (i >= set_cases[c].n_out || k.as.i != set_cases[c].out[i]) bad++;
        if (i != set_cases[c].n_out || set_len(s) != set_cases[c].n_out) bad++;
        obj_decref(s);
    }
    CHECK(bad == 0);
}

static void test_slice_indices(void) {
    int bad = 0;
    for (size_t c = 0; c < sizeof slice_cases / sizeof slice_cases[0]; c++) {
        Value v[3];
        int64_t in[3] = {slice_cases[c].start, slice_cases[c].stop, slice_cases[c].step};
        for (int i = 0; i < 3; i++) v[i] = in[i] == SL_NONE ? NONE_VAL : INT_VAL(in[i]);
        Value sl = slice_new(v[0], v[1], v[2]);
        int64_t a, b, st, n;
        if (slice_indices((ObjSlice *)sl.as.o, slice_cases[c].len, &a, &b, &st, &n) < 0 ||
            a != slice_cases[c].rstart || b != slice_cases[c].rstop || st != slice_cases[c].rstep ||
            n != slice_cases[c].rlen)
            bad++;
        val_decref(sl);
    }
    CHECK(bad == 0);
    Value sl = slice_new(NONE_VAL, NONE_VAL, INT_VAL(0));
    int64_t a, b, st, n;
    CHECK(slice_indices((ObjSlice *)sl.as.o, 5, &a, &b, &st, &n) == -1);
    CHECK_STR(pending_msg(), "slice step cannot be zero");
    val_decref(sl);
}

static Value first_item(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs, (void)kw;
    return val_incref(AS_TUPLE(args[0])->items[0]);
}

// Naive stable insertion sort of positions by key (descending if [desc]).
static void naive_order(const int64_t *keys, int64_t *order, int n, bool desc) {
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = 1; i < n; i++) {
        int64_t x = order[i];
        int j = i;
        while (j > 0 && (desc ? keys[order[j - 1]] < keys[x] : keys[order[j - 1]] > keys[x]))
            order[j] = order[j - 1], j--;
        order[j] = x;
    }
}

// Sorts (key, position) tuples by key only: stability shows in the positions.
static void test_sort_stable(void) {
    enum { N = 3000 };
    static int64_t keys[N], order[N];
    srand(99);
    ObjList *l = list_new(0);
    for (int i = 0; i < N; i++) {
        keys[i] = rand() % 50;
        list_append_steal(l, tuple_pack(2, INT_VAL(keys[i]), INT_VAL(i)));
    }
    Value key = native_new("first_item", first_item, NULL);
    int bad = 0;
    for (int desc = 0; desc < 2; desc++) {
        naive_order(keys, order, N, desc);
        CHECK(list_sort(l, key, desc) == 0);
        for (int i = 0; i < N; i++)
            if (AS_TUPLE(l->items[i])->items[1].as.i != order[i]) bad++;
        CHECK(bad == 0);
        // Restore the original order for the next round (sort by position).
        ObjList *tmp = list_new(N);
        for (int i = 0; i < N; i++) val_set(&tmp->items[AS_TUPLE(l->items[i])->items[1].as.i], val_incref(l->items[i]));
        for (int i = 0; i < N; i++) val_set(&l->items[i], val_incref(tmp->items[i]));
        obj_decref(tmp);
    }
    val_decref(key);
    obj_decref(l);
    // Plain ints, ascending.
    ObjList *m = list_new(0);
    for (int i = 0; i < N; i++) list_append(m, INT_VAL(keys[i]));
    naive_order(keys, order, N, false);
    CHECK(list_sort(m, NONE_VAL, false) == 0);
    for (int i = 0; i < N; i++)
        if (m->items[i].as.i != keys[order[i]]) bad++;
    CHECK(bad == 0);
    // Mixed types fail with CPython's message and keep every item.
    list_append_steal(m, str_value("x"));
    CHECK(list_sort(m, NONE_VAL, false) == -1 && m->len == N + 1);
    CHECK_STR(pending_msg(), "'<' not supported between instances of 'str' and 'int'");
    obj_decref(m);
}

static void test_hashes_and_reprs(void) {
    Value t = tuple_pack(2, INT_VAL(1), INT_VAL(2));
    CHECK(val_hash(t) == hash_tuple_1_2);
    Value e = OBJ_VAL(tuple_new(0));
    CHECK(val_hash(e) == hash_tuple_empty);
    Value nested = tuple_pack(2, INT_VAL(1), tuple_pack(2, INT_VAL(2), INT_VAL(3)));
    CHECK(val_hash(nested) == hash_tuple_nested);
    ObjSet *f = set_new(&type_frozenset);
    for (int i = 1; i <= 3; i++) set_add(f, INT_VAL(i));
    CHECK(val_hash(OBJ_VAL(f)) == hash_frozenset_123);
    ObjSet *f0 = set_new(&type_frozenset);
    CHECK(val_hash(OBJ_VAL(f0)) == hash_frozenset_empty);
    Value r = val_repr(nested);
    CHECK_STR(val_cstr(r), "(1, (2, 3))");
    val_decref(r);
    r = val_repr(OBJ_VAL(f));
    CHECK_STR(val_cstr(r), "frozenset({1, 2, 3})");
    val_decref(r);
    ObjList *l = list_new(0);
    list_append(l, OBJ_VAL(l));
    list_append(l, e);
    r = val_repr(OBJ_VAL(l));
    CHECK_STR(val_cstr(r), "[[...], ()]");
    val_decref(r);
    list_pop(l, 0);   // drop the self-reference (returned reference is l itself)
    obj_decref(l);
    obj_decref(l);
    val_decref(t);
    val_decref(e);
    val_decref(nested);
    obj_decref(f);
    obj_decref(f0);
}

int main(void) {
    vm_init();
    test_dict_against_model();
    test_dict_str_keys();
    test_set_order();
    test_slice_indices();
    test_sort_stable();
    test_hashes_and_reprs();
    return test_summary();
}
