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

static void mark_reachable(Obj *child, void *ctx);

static void mark_from(Obj *o) {
    if (o->gc_refs == INT64_MIN) return;
    o->gc_refs = INT64_MIN;   // reachable
    if (o->type->traverse) o->type->traverse(o, mark_reachable, NULL);
}

static void mark_reachable(Obj *child, void *ctx) {
    (void)ctx;
    if (child && child->gc_next) mark_from(child);
}

int64_t gc_collect(void) {
    if (collecting) return 0;
    collecting = true;
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next) o->gc_refs = o->refcnt;
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next)
        if (o->type->traverse) o->type->traverse(o, subtract_ref, NULL);
    for (Obj *o = gc_head.gc_next; o != &gc_head; o = o->gc_next)
        if (o->gc_refs > 0) mark_from(o);
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
