// Built-ins about iteration: the lazy iterator types enumerate, zip, map,
// filter, reversed and iter(callable, sentinel), plus next, iter and the
// reductions sorted, min, max, sum, all and any. The iterator types are
// real types (`isinstance(x, map)`, `<class 'zip'>`), as in CPython.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins_internal.h"
#include "vm/containers.h"
#include "vm/sort.h"

// ------------------------------------------------------------ shared glue

static Value iter_self(Value self) { return val_incref(self); }

static void visit_value(Value v, VisitFn visit, void *ctx) {
    if (IS_OBJ(v)) visit(v.as.o, ctx);
}

// Takes ownership of the iterators in [its]; releases them on failure.
static Obj *alloc_or_release(TypeObj *t, size_t size, Value *its, int n) {
    Obj *o = obj_alloc(t, size);
    if (!o)
        for (int i = 0; i < n; i++) val_decref(its[i]);
    return o;
}

// Converts [nargs] iterables into iterators (new references in [out]).
static int iter_all(int nargs, Value *args, Value *out) {
    for (int i = 0; i < nargs; i++) {
        out[i] = val_iter(args[i]);
        if (IS_ERR(out[i])) {
            for (int j = 0; j < i; j++) val_decref(out[j]);
            return -1;
        }
    }
    return 0;
}

// ------------------------------------------------------------ enumerate

typedef struct {
    Obj base;
    Value it;
    int64_t index;
} ObjEnumerate;

static void enumerate_dealloc(Obj *o) { val_decref(((ObjEnumerate *)o)->it); }
static void enumerate_traverse(Obj *o, VisitFn visit, void *ctx) { visit_value(((ObjEnumerate *)o)->it, visit, ctx); }
static void enumerate_clear(Obj *o) { val_set(&((ObjEnumerate *)o)->it, NONE_VAL); }

static Value enumerate_next(Value self) {
    ObjEnumerate *e = (ObjEnumerate *)self.as.o;
    Value x = val_next(e->it);
    if (IS_ERR(x) || IS_UNDEF(x)) return x;
    return tuple_pack(2, INT_VAL(e->index++), x);
}

static TypeObj type_enumerate;

static Value enumerate_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    static const char *const names[] = {"iterable", "start"};
    Value a[2] = {VAL_UNDEFINED, VAL_UNDEFINED};
    if (nargs > 2) return exc_raise(exc_TypeError, "enumerate() takes at most 2 arguments (%d given)", nargs);
    if (builtin_kwargs("enumerate", kw, names, 2, a) < 0) return VAL_ERROR;
    for (int i = 0; i < nargs; i++) a[i] = args[i];
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "enumerate() missing required argument 'iterable'");
    int64_t start = 0;
    if (!IS_UNDEF(a[1]) && index_require(a[1], &start) < 0) return VAL_ERROR;
    Value it = val_iter(a[0]);
    if (IS_ERR(it)) return it;
    ObjEnumerate *e = (ObjEnumerate *)alloc_or_release(&type_enumerate, sizeof(ObjEnumerate), &it, 1);
    if (!e) return VAL_ERROR;
    e->it = it;
    e->index = start;
    return OBJ_VAL(e);
}

static TypeObj type_enumerate = {
    .name = "enumerate", .is_native = true, .instance_size = sizeof(ObjEnumerate),
    .dealloc = enumerate_dealloc, .traverse = enumerate_traverse, .clear = enumerate_clear,
    .call_type = enumerate_new, .iter = iter_self, .next = enumerate_next,
    .doc = "Return an enumerate object.",
};

// ------------------------------------------------------------ zip / map

// zip and map share a layout: a function (map only) and n iterators.
typedef struct {
    Obj base;
    Value fn;            // VAL_NONE for zip
    bool strict;
    int n;
    Value its[];
} ObjMulti;

static void multi_dealloc(Obj *o) {
    ObjMulti *m = (ObjMulti *)o;
    val_decref(m->fn);
    for (int i = 0; i < m->n; i++) val_decref(m->its[i]);
}

static void multi_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjMulti *m = (ObjMulti *)o;
    visit_value(m->fn, visit, ctx);
    for (int i = 0; i < m->n; i++) visit_value(m->its[i], visit, ctx);
}

static void multi_clear(Obj *o) {
    ObjMulti *m = (ObjMulti *)o;
    val_set(&m->fn, NONE_VAL);
    for (int i = 0; i < m->n; i++) val_set(&m->its[i], NONE_VAL);
}

static Value multi_new(TypeObj *t, Value fn, int n, Value *iterables, bool strict) {
    Value *its = malloc(sizeof(Value) * (size_t)(n ? n : 1));
    if (!its) return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    if (iter_all(n, iterables, its) < 0) {
        free(its);
        return VAL_ERROR;
    }
    ObjMulti *m = (ObjMulti *)alloc_or_release(t, sizeof(ObjMulti) + sizeof(Value) * (size_t)n, its, n);
    if (m) {
        m->fn = val_incref(fn);
        m->strict = strict;
        m->n = n;
        memcpy(m->its, its, sizeof(Value) * (size_t)n);
    }
    free(its);
    return m ? OBJ_VAL(m) : VAL_ERROR;
}

// zip(strict=True) found iterator [i] exhausted (or, with [longer], iterator
// [i] still going after the first ones ended).
static Value zip_mismatch(int i, bool longer) {
    char others[32];
    if (i == 1) snprintf(others, sizeof others, "argument 1");
    else snprintf(others, sizeof others, "arguments 1-%d", i);
    return exc_raise(exc_ValueError, "zip() argument %d is %s than %s", i + 1, longer ? "longer" : "shorter", others);
}

// Fills items[0..n) from the iterators: 1 = got all, 0 = exhausted, -1 = error.
static int multi_fetch(ObjMulti *m, Value *items) {
    for (int i = 0; i < m->n; i++) {
        Value x = val_next(m->its[i]);
        if (IS_ERR(x) || IS_UNDEF(x)) {
            for (int j = 0; j < i; j++) val_decref(items[j]);
            if (IS_ERR(x)) return -1;
            if (!m->strict) return 0;
            if (i > 0) return zip_mismatch(i, false), -1;
            for (int j = 1; j < m->n; j++) {
                Value y = val_next(m->its[j]);
                if (IS_ERR(y)) return -1;
                if (!IS_UNDEF(y)) {
                    val_decref(y);
                    return zip_mismatch(j, true), -1;
                }
            }
            return 0;
        }
        items[i] = x;
    }
    return 1;
}

static Value zip_next(Value self) {
    ObjMulti *m = (ObjMulti *)self.as.o;
    if (m->n == 0) return VAL_UNDEFINED;
    ObjTuple *t = tuple_new(m->n);
    if (!t) return VAL_ERROR;
    int rc = multi_fetch(m, t->items);
    if (rc <= 0) {
        for (int i = 0; i < m->n; i++) t->items[i] = NONE_VAL;
        obj_decref(t);
        return rc < 0 ? VAL_ERROR : VAL_UNDEFINED;
    }
    return OBJ_VAL(t);
}

static TypeObj type_zip;

static Value zip_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    static const char *const names[] = {"strict"};
    Value strict = VAL_UNDEFINED;
    if (builtin_kwargs("zip", kw, names, 1, &strict) < 0) return VAL_ERROR;
    int s = IS_UNDEF(strict) ? 0 : val_truthy(strict);
    if (s < 0) return VAL_ERROR;
    return multi_new(&type_zip, NONE_VAL, nargs, args, s);
}

static TypeObj type_zip = {
    .name = "zip", .is_native = true, .dealloc = multi_dealloc, .traverse = multi_traverse,
    .clear = multi_clear, .call_type = zip_new, .iter = iter_self, .next = zip_next,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
};

static Value map_next(Value self) {
    ObjMulti *m = (ObjMulti *)self.as.o;
    Value stack[8];
    Value *items = m->n <= 8 ? stack : malloc(sizeof(Value) * (size_t)m->n);
    if (!items) return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    int rc = multi_fetch(m, items);
    Value r = rc < 0 ? VAL_ERROR : VAL_UNDEFINED;
    if (rc > 0) {
        r = val_call(m->fn, m->n, items, NULL);
        for (int i = 0; i < m->n; i++) val_decref(items[i]);
    }
    if (items != stack) free(items);
    return r;
}

static TypeObj type_map;

static Value map_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    if (arg_no_kwargs("map", kw) < 0) return VAL_ERROR;
    if (nargs < 2) return exc_raise(exc_TypeError, "map() must have at least two arguments.");
    return multi_new(&type_map, args[0], nargs - 1, args + 1, false);
}

static TypeObj type_map = {
    .name = "map", .is_native = true, .dealloc = multi_dealloc, .traverse = multi_traverse,
    .clear = multi_clear, .call_type = map_new, .iter = iter_self, .next = map_next,
    .doc = "map(func, *iterables) --> map object",
};

// ------------------------------------------------------------ filter

typedef struct {
    Obj base;
    Value fn;            // VAL_NONE: keep truthy items
    Value it;
} ObjFilter;

static void filter_dealloc(Obj *o) {
    val_decref(((ObjFilter *)o)->fn);
    val_decref(((ObjFilter *)o)->it);
}
static void filter_traverse(Obj *o, VisitFn visit, void *ctx) {
    visit_value(((ObjFilter *)o)->fn, visit, ctx);
    visit_value(((ObjFilter *)o)->it, visit, ctx);
}
static void filter_clear(Obj *o) {
    val_set(&((ObjFilter *)o)->fn, NONE_VAL);
    val_set(&((ObjFilter *)o)->it, NONE_VAL);
}

static Value filter_next(Value self) {
    ObjFilter *f = (ObjFilter *)self.as.o;
    for (;;) {
        Value x = val_next(f->it);
        if (IS_ERR(x) || IS_UNDEF(x)) return x;
        int keep;
        if (IS_NONE(f->fn)) {
            keep = val_truthy(x);
        } else {
            Value r = val_call(f->fn, 1, &x, NULL);
            keep = IS_ERR(r) ? -1 : val_truthy(r);
            val_decref(r);
        }
        if (keep > 0) return x;
        val_decref(x);
        if (keep < 0) return VAL_ERROR;
    }
}

static TypeObj type_filter;

static Value filter_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    if (arg_no_kwargs("filter", kw) < 0 || arg_check_count("filter", nargs, 2, 2) < 0) return VAL_ERROR;
    Value it = val_iter(args[1]);
    if (IS_ERR(it)) return it;
    ObjFilter *f = (ObjFilter *)alloc_or_release(&type_filter, sizeof(ObjFilter), &it, 1);
    if (!f) return VAL_ERROR;
    f->fn = val_incref(args[0]);
    f->it = it;
    return OBJ_VAL(f);
}

static TypeObj type_filter = {
    .name = "filter", .is_native = true, .dealloc = filter_dealloc, .traverse = filter_traverse,
    .clear = filter_clear, .call_type = filter_new, .iter = iter_self, .next = filter_next,
    .doc = "filter(function or None, iterable) --> filter object",
};

// ------------------------------------------------------------ reversed

typedef struct {
    Obj base;
    Value seq;           // VAL_NONE once exhausted
    int64_t index;       // next index to fetch, counting down
} ObjReversed;

static void reversed_dealloc(Obj *o) { val_decref(((ObjReversed *)o)->seq); }
static void reversed_traverse(Obj *o, VisitFn visit, void *ctx) { visit_value(((ObjReversed *)o)->seq, visit, ctx); }
static void reversed_clear(Obj *o) { val_set(&((ObjReversed *)o)->seq, NONE_VAL); }

static Value reversed_next(Value self) {
    ObjReversed *r = (ObjReversed *)self.as.o;
    if (IS_NONE(r->seq) || r->index < 0) {
        val_set(&r->seq, NONE_VAL);
        return VAL_UNDEFINED;
    }
    Value x = val_getitem(r->seq, INT_VAL(r->index));
    if (IS_ERR(x)) {
        if (builtin_pending_is(exc_IndexError) || builtin_pending_is(exc_StopIteration)) {
            tl_error_clear();
            val_set(&r->seq, NONE_VAL);
            return VAL_UNDEFINED;
        }
        return x;
    }
    r->index--;
    return x;
}

static TypeObj type_reversed;

static Value reversed_seq(Value seq) {
    int64_t n = val_len(seq);
    if (n < 0) return VAL_ERROR;
    ObjReversed *r = (ObjReversed *)obj_alloc(&type_reversed, sizeof(ObjReversed));
    if (!r) return VAL_ERROR;
    r->seq = val_incref(seq);
    r->index = n - 1;
    return OBJ_VAL(r);
}

static Value reversed_new(TypeObj *t, int nargs, Value *args, const KwArgs *kw) {
    (void)t;
    if (arg_no_kwargs("reversed", kw) < 0) return VAL_ERROR;
    if (nargs != 1) return exc_raise(exc_TypeError, "reversed expected 1 argument, got %d", nargs);
    Value seq = args[0];
    if (val_is_list(seq)) return list_reversed_iter(AS_LIST(seq));
    TypeObj *st = val_type(seq);
    ObjStr *name = str_intern("__reversed__");
    Value meth = type_lookup(st, name);
    obj_decref(name);
    if (!IS_UNDEF(meth) && !IS_NONE(meth)) return val_call_method(seq, "__reversed__", 0, NULL);
    if (type_is_subtype(st, &type_dict)) {
        // dicts reverse their keys (CPython's dict_reversekeyiterator)
        ObjList *keys = list_from_iterable(seq);
        if (!keys) return VAL_ERROR;
        Value r = list_reversed_iter(keys);
        obj_decref(keys);
        return r;
    }
    if (st->getitem && st->len && !val_is_anyset(seq)) return reversed_seq(seq);
    return exc_raise(exc_TypeError, "'%s' object is not reversible", st->name);
}

static TypeObj type_reversed = {
    .name = "reversed", .is_native = true, .dealloc = reversed_dealloc, .traverse = reversed_traverse,
    .clear = reversed_clear, .call_type = reversed_new, .iter = iter_self, .next = reversed_next,
    .doc = "Return a reverse iterator over the values of the given sequence.",
};

// ------------------------------------------------------------ iter / next

typedef struct {
    Obj base;
    Value fn;            // VAL_NONE once the sentinel was seen
    Value sentinel;
} ObjCallIter;

static void calliter_dealloc(Obj *o) {
    val_decref(((ObjCallIter *)o)->fn);
    val_decref(((ObjCallIter *)o)->sentinel);
}
static void calliter_traverse(Obj *o, VisitFn visit, void *ctx) {
    visit_value(((ObjCallIter *)o)->fn, visit, ctx);
    visit_value(((ObjCallIter *)o)->sentinel, visit, ctx);
}
static void calliter_clear(Obj *o) {
    val_set(&((ObjCallIter *)o)->fn, NONE_VAL);
    val_set(&((ObjCallIter *)o)->sentinel, NONE_VAL);
}

static Value calliter_next(Value self) {
    ObjCallIter *c = (ObjCallIter *)self.as.o;
    if (IS_NONE(c->fn)) return VAL_UNDEFINED;
    Value r = val_call(c->fn, 0, NULL, NULL);
    if (IS_ERR(r)) {
        if (!builtin_pending_is(exc_StopIteration)) return r;
        tl_error_clear();
        val_set(&c->fn, NONE_VAL);
        return VAL_UNDEFINED;
    }
    int eq = item_eq(r, c->sentinel);
    if (eq == 0) return r;
    val_decref(r);
    if (eq < 0) return VAL_ERROR;
    val_set(&c->fn, NONE_VAL);
    return VAL_UNDEFINED;
}

static TypeObj type_callable_iterator = {
    .name = "callable_iterator", .is_native = true, .is_abstract_native = true,
    .dealloc = calliter_dealloc, .traverse = calliter_traverse, .clear = calliter_clear,
    .iter = iter_self, .next = calliter_next,
};

static Value bi_iter(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("iter", kw) < 0 || arg_check_count("iter", nargs, 1, 2) < 0) return VAL_ERROR;
    if (nargs == 1) return val_iter(args[0]);
    if (!val_type(args[0])->call) return exc_raise(exc_TypeError, "iter(v, w): v must be callable");
    ObjCallIter *c = (ObjCallIter *)obj_alloc(&type_callable_iterator, sizeof(ObjCallIter));
    if (!c) return VAL_ERROR;
    c->fn = val_incref(args[0]);
    c->sentinel = val_incref(args[1]);
    return OBJ_VAL(c);
}

static Value bi_next(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("next", kw) < 0 || arg_check_count("next", nargs, 1, 2) < 0) return VAL_ERROR;
    if (!val_type(args[0])->next)
        return exc_raise(exc_TypeError, "'%s' object is not an iterator", val_type_name(args[0]));
    Value x = val_next(args[0]);
    if (!IS_UNDEF(x)) return x;
    if (nargs == 2) return val_incref(args[1]);
    return tl_raise(ERR_STOP_ITERATION, "%s", ""), VAL_ERROR;
}

// ------------------------------------------------------------ reductions

static Value bi_sorted(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"key", "reverse"};
    Value a[2];
    if (nargs != 1) return exc_raise(exc_TypeError, "sorted expected 1 argument, got %d", nargs);
    if (builtin_kwargs("sort", kw, names, 2, a) < 0) return VAL_ERROR;
    int64_t reverse = 0;
    if (!IS_UNDEF(a[1]) && index_require(a[1], &reverse) < 0) return VAL_ERROR;
    ObjList *l = list_from_iterable(args[0]);
    if (!l) return VAL_ERROR;
    if (list_sort(l, IS_UNDEF(a[0]) ? NONE_VAL : a[0], reverse != 0) < 0) {
        obj_decref(l);
        return VAL_ERROR;
    }
    return OBJ_VAL(l);
}

// min() and max(): [op] is CMP_LT for min, CMP_GT for max; the first of
// several equal extremes wins, as in CPython.
static Value min_max(const char *name, CompareOp op, int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"key", "default"};
    Value a[2];
    if (nargs == 0) return exc_raise(exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (builtin_kwargs(name, kw, names, 2, a) < 0) return VAL_ERROR;
    if (nargs > 1 && !IS_UNDEF(a[1]))
        return exc_raise(exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    Value key = IS_UNDEF(a[0]) || IS_NONE(a[0]) ? VAL_UNDEFINED : a[0];
    Value it = VAL_UNDEFINED, best = VAL_UNDEFINED, best_key = VAL_UNDEFINED;
    if (nargs == 1 && IS_ERR(it = val_iter(args[0]))) return it;
    for (int i = 0;; i++) {
        Value x;
        if (nargs == 1) {
            x = val_next(it);
            if (IS_ERR(x)) goto fail;
            if (IS_UNDEF(x)) break;
        } else {
            if (i >= nargs) break;
            x = val_incref(args[i]);
        }
        Value k = IS_UNDEF(key) ? val_incref(x) : val_call(key, 1, &x, NULL);
        if (IS_ERR(k)) {
            val_decref(x);
            goto fail;
        }
        if (IS_UNDEF(best)) {
            best = x;
            best_key = k;
            continue;
        }
        Value c = val_compare(k, best_key, op);
        int better = IS_ERR(c) ? -1 : val_truthy(c);
        val_decref(c);
        if (better > 0) {
            val_set(&best, x);
            val_set(&best_key, k);
            continue;
        }
        val_decref(x);
        val_decref(k);
        if (better < 0) goto fail;
    }
    val_decref(it);
    val_decref(best_key);
    if (!IS_UNDEF(best)) return best;
    if (!IS_UNDEF(a[1])) return val_incref(a[1]);
    return exc_raise(exc_ValueError, "%s() arg is an empty sequence", name);
fail:
    val_decref(it);
    val_decref(best);
    val_decref(best_key);
    return VAL_ERROR;
}

static Value bi_min(int nargs, Value *args, const KwArgs *kw) { return min_max("min", CMP_LT, nargs, args, kw); }
static Value bi_max(int nargs, Value *args, const KwArgs *kw) { return min_max("max", CMP_GT, nargs, args, kw); }

// sum(iterable, /, start=0): plain left-to-right `+` (CPython 3.11 adds
// floats naively too: sum([0.1] * 10) == 0.9999999999999999).
static Value bi_sum(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"start"};
    Value start = VAL_UNDEFINED;
    if (nargs == 0) return exc_raise(exc_TypeError, "sum() takes at least 1 positional argument (0 given)");
    int total = nargs + (kw ? kw->n : 0);
    if (total > 2) return exc_raise(exc_TypeError, "sum() takes at most 2 arguments (%d given)", total);
    if (builtin_kwargs("sum", kw, names, 1, &start) < 0) return VAL_ERROR;
    if (nargs == 2) {
        if (!IS_UNDEF(start))
            return exc_raise(exc_TypeError, "argument for sum() given by name ('start') and position (2)");
        start = args[1];
    }
    if (IS_UNDEF(start)) start = INT_VAL(0);
    if (val_is_str(start)) return exc_raise(exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    Value it = val_iter(args[0]);
    if (IS_ERR(it)) return it;
    Value acc = val_incref(start);
    for (;;) {
        Value x = val_next(it);
        if (IS_UNDEF(x)) break;
        Value r = IS_ERR(x) ? VAL_ERROR : val_binary(BIN_ADD, acc, x);
        val_decref(x);
        val_decref(acc);
        acc = r;
        if (IS_ERR(acc)) break;
    }
    val_decref(it);
    return acc;
}

// all() / any(): stops at the first item whose truth is [stop_on].
static Value all_any(const char *name, int nargs, Value *args, const KwArgs *kw, bool stop_on) {
    if (arg_no_kwargs(name, kw) < 0 || arg_check_count(name, nargs, 1, 1) < 0) return VAL_ERROR;
    Value it = val_iter(args[0]);
    if (IS_ERR(it)) return it;
    Value result = BOOL_VAL(!stop_on);
    for (;;) {
        Value x = val_next(it);
        if (IS_UNDEF(x)) break;
        int t = IS_ERR(x) ? -1 : val_truthy(x);
        val_decref(x);
        if (t < 0) {
            result = VAL_ERROR;
            break;
        }
        if ((t != 0) == stop_on) {
            result = BOOL_VAL(stop_on);
            break;
        }
    }
    val_decref(it);
    return result;
}

static Value bi_all(int nargs, Value *args, const KwArgs *kw) { return all_any("all", nargs, args, kw, false); }
static Value bi_any(int nargs, Value *args, const KwArgs *kw) { return all_any("any", nargs, args, kw, true); }

void builtins_iter_init(ObjDict *d) {
    TypeObj *types[] = {&type_enumerate, &type_zip, &type_map, &type_filter, &type_reversed};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        type_ready(types[i]);
        dict_set_cstr(d, types[i]->name, OBJ_VAL(types[i]));
    }
    type_ready(&type_callable_iterator);
    builtin_add(d, "iter", bi_iter,
                "iter(iterable) -> iterator\niter(callable, sentinel) -> iterator\n\n"
                "Get an iterator from an object.  In the first form, the argument must\n"
                "supply its own iterator, or be a sequence.\n"
                "In the second form, the callable is called until it returns the sentinel.");
    builtin_add(d, "next", bi_next,
                "next(iterator[, default])\n\nReturn the next item from the iterator. If default is given and the iterator\n"
                "is exhausted, it is returned instead of raising StopIteration.");
    builtin_add(d, "sorted", bi_sorted,
                "Return a new list containing all items from the iterable in ascending order.\n\n"
                "A custom key function can be supplied to customize the sort order, and the\n"
                "reverse flag can be set to request the result in descending order.");
    builtin_add(d, "min", bi_min,
                "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\n"
                "With a single iterable argument, return its smallest item. The\n"
                "default keyword-only argument specifies an object to return if\n"
                "the provided iterable is empty.\n"
                "With two or more arguments, return the smallest argument.");
    builtin_add(d, "max", bi_max,
                "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\n"
                "With a single iterable argument, return its biggest item. The\n"
                "default keyword-only argument specifies an object to return if\n"
                "the provided iterable is empty.\n"
                "With two or more arguments, return the largest argument.");
    builtin_add(d, "sum", bi_sum,
                "Return the sum of a 'start' value (default: 0) plus an iterable of numbers\n\n"
                "When the iterable is empty, return the start value.\n"
                "This function is intended specifically for use with numeric values and may\n"
                "reject non-numeric types.");
    builtin_add(d, "all", bi_all,
                "Return True if bool(x) is True for all values x in the iterable.\n\n"
                "If the iterable is empty, return True.");
    builtin_add(d, "any", bi_any,
                "Return True if bool(x) is True for any x in the iterable.\n\n"
                "If the iterable is empty, return False.");
}
