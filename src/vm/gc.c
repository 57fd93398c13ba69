// Trial deletion over all tracked containers: subtract internal references
// (each tracked object's references to other tracked objects); whatever
// keeps a positive count is reachable from outside, and so is everything it
// reaches. The rest is garbage held only by cycles: clear() breaks them.
#include "vm/gc.h"

#include <stdlib.h>

#include "vm/object.h"

static Obj gc_head = {0, NULL, &gc_head, &gc_head, 0};
static int64_t tracked_count, allocs_since_collect;
static int64_t threshold = 10000;
static bool collecting;
bool gc_enabled = true;

void gc_track(Obj *o) {
    o->gc_next = &gc_head;
    o->gc_prev = gc_head.gc_prev;
    gc_head.gc_prev->gc_next = o;
    gc_head.gc_prev = o;
    tracked_count++;
    allocs_since_collect++;
}

void gc_untrack(Obj *o) {
    if (!o->gc_next) return;
    o->gc_prev->gc_next = o->gc_next;
    o->gc_next->gc_prev = o->gc_prev;
    o->gc_next = o->gc_prev = NULL;
    tracked_count--;
}

static void subtract_ref(Obj *child, void *ctx) {
    (void)ctx;
    if (child && child->gc_next) child->gc_refs--;
}

// Marking uses an explicit stack: a chain of a million nested lists must
// not recurse a million C frames.
typedef struct {
    Obj **items;
    int64_t len, cap;
    bool failed;
} MarkStack;

static void mark_push(Obj *child, void *ctx) {
    MarkStack *st = ctx;
    if (!child || !child->gc_next || child->gc_refs == INT64_MIN) return;
    child->gc_refs = INT64_MIN;   // reachable
    if (st->len == st->cap) {
        int64_t cap = st->cap ? st->cap * 2 : 256;
        Obj **items = realloc(st->items, (size_t)cap * sizeof *items);
        if (!items) {
            st->failed = true;
            return;
        }
        st->items = items;
        st->cap = cap;
    }
    st->items[st->len++] = child;
}

// Marks everything reachable from objects with outside references; false
// if memory ran out (then nothing may be collected).
static bool mark_reachable_all(void) {
    MarkStack st = {0};
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next) {
        if (o->gc_refs <= 0) continue;
        if (o->gc_refs == INT64_MIN) continue;
        o->gc_refs = INT64_MIN;
        if (o->type->traverse) o->type->traverse(o, mark_push, &st);
        while (st.len > 0) {
            Obj *x = st.items[--st.len];
            if (x->type->traverse) x->type->traverse(x, mark_push, &st);
        }
    }
    free(st.items);
    return !st.failed;
}

int64_t gc_collect(void) {
    if (collecting) return 0;
    collecting = true;
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next) o->gc_refs = o->refcnt;
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next)
        if (o->type->traverse) o->type->traverse(o, subtract_ref, NULL);
    if (!mark_reachable_all()) {
        collecting = false;
        return 0;
    }
    // Collect the garbage into an array first: clearing frees objects.
    int64_t n = 0, cap = 0;
    Obj **garbage = NULL;
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next) {
        if (o->gc_refs == INT64_MIN) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            Obj **g = realloc(garbage, (size_t)cap * sizeof *g);
            if (!g) break;
            garbage = g;
        }
        garbage[n++] = o;
        o->refcnt++;          // keep alive while clearing
    }
    for (int64_t i = 0; i < n; i++)
        if (garbage[i]->type->clear) garbage[i]->type->clear(garbage[i]);
    for (int64_t i = 0; i < n; i++) obj_decref(garbage[i]);
    free(garbage);
    allocs_since_collect = 0;
    threshold = tracked_count > 5000 ? tracked_count * 2 : 10000;
    collecting = false;
    return n;
}

void gc_maybe_collect(void) {
    if (gc_enabled && allocs_since_collect > threshold) gc_collect();
}
