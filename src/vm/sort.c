// Stable top-down merge sort over (key, value) pairs for list.sort().
// While sorting, the list is emptied (as CPython does) so that a key
// function or __lt__ that mutates it is detected instead of corrupting it.
#include "vm/sort.h"

#include <stdlib.h>
#include <string.h>

#include "vm/containers.h"

// Runs this short are sorted by insertion, which is stable and cheap.
#define INSERTION_MAX 12

typedef struct {
    Value key, value;
} Pair;

typedef struct {
    bool failed;      // an error is pending: stop comparing, only move items
} SortState;

// a < b as 1/0; 0 once failed (so merging just finishes the permutation).
static int less(SortState *st, Value a, Value b) {
    if (st->failed) return 0;
    if (a.tag == VAL_INT && b.tag == VAL_INT) return a.as.i < b.as.i;
    if (a.tag == VAL_FLOAT && b.tag == VAL_FLOAT) return a.as.f < b.as.f;
    if (val_is_str(a) && val_is_str(b)) {
        // UTF-8 byte order is code point order.
        ObjStr *x = AS_STR(a), *y = AS_STR(b);
        int64_t n = x->len < y->len ? x->len : y->len;
        int c = memcmp(x->data, y->data, (size_t)n);
        return c < 0 || (c == 0 && x->len < y->len);
    }
    Value r = val_compare(a, b, CMP_LT);
    int t = IS_ERR(r) ? -1 : val_truthy(r);
    val_decref(r);
    if (t < 0) {
        st->failed = true;
        return 0;
    }
    return t;
}

static void insertion_sort(SortState *st, Pair *a, int64_t n) {
    for (int64_t i = 1; i < n; i++) {
        Pair x = a[i];
        int64_t j = i;
        while (j > 0 && less(st, x.key, a[j - 1].key)) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static void merge_sort(SortState *st, Pair *a, Pair *tmp, int64_t n) {
    if (n <= INSERTION_MAX) {
        insertion_sort(st, a, n);
        return;
    }
    int64_t mid = n / 2;
    merge_sort(st, a, tmp, mid);
    merge_sort(st, a + mid, tmp, n - mid);
    if (!less(st, a[mid].key, a[mid - 1].key)) return;   // already in order
    // Merge the left half (moved to tmp) with the right half in place; the
    // right element wins only when strictly smaller, which keeps it stable.
    memcpy(tmp, a, sizeof(Pair) * (size_t)mid);
    int64_t i = 0, j = mid, o = 0;
    while (i < mid && j < n) {
        if (less(st, a[j].key, tmp[i].key)) a[o++] = a[j++];
        else a[o++] = tmp[i++];
    }
    while (i < mid) a[o++] = tmp[i++];
}

static void reverse_pairs(Pair *a, int64_t n) {
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        Pair t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

int list_sort(ObjList *l, Value key, bool reverse) {
    bool has_key = !IS_NONE(key) && !IS_UNDEF(key);
    Value *items = l->items;
    int64_t n = l->len, cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;

    int rc = 0;
    Pair *pairs = NULL, *tmp = NULL;
    int64_t nkeys = 0;
    if (n > 1) {
        pairs = malloc(sizeof(Pair) * (size_t)n);
        tmp = malloc(sizeof(Pair) * (size_t)(n / 2 + 1));
        if (!pairs || !tmp) {
            rc = raise_nomem();
            goto restore;
        }
        for (; nkeys < n; nkeys++) {
            Value v = items[nkeys];
            Value k = has_key ? val_call(key, 1, &v, NULL) : v;
            if (IS_ERR(k)) {
                rc = -1;
                goto restore;
            }
            pairs[nkeys] = (Pair){k, v};
        }
        // Reversing before and after a stable sort keeps equal items in order.
        if (reverse) reverse_pairs(pairs, n);
        SortState st = {false};
        merge_sort(&st, pairs, tmp, n);
        if (reverse) reverse_pairs(pairs, n);
        for (int64_t i = 0; i < n; i++) items[i] = pairs[i].value;
        if (st.failed) rc = -1;
    }
restore:
    if (l->items || l->len) {
        // The key function or __lt__ put items into the emptied list.
        Value *extra = l->items;
        int64_t m = l->len;
        l->items = NULL;
        l->len = l->cap = 0;
        for (int64_t i = 0; i < m; i++) val_decref(extra[i]);
        free(extra);
        if (rc == 0) rc = tl_raise_int(ERR_VALUE, "list modified during sort");
    }
    free(l->items);
    l->items = items;
    l->len = n;
    l->cap = cap;
    if (has_key)
        for (int64_t i = 0; i < nkeys; i++) val_decref(pairs[i].key);
    free(pairs);
    free(tmp);
    return rc;
}
