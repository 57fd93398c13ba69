// The tensor attributes autograd owns (requires_grad, detach, retain_grad)
// and hooks: a non-leaf's hooks live on its grad_fn (keyed by output_nr),
// a leaf's in its metadata block, where its AccumulateGrad finds them.
#include <stdlib.h>

#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"

static int set_requires_grad(Tensor *t, bool on, const char *dtype_msg) {
    if (t->grad_fn && !on)
        return tl_raise_int(ERR_RUNTIME, "you can only change requires_grad flags of leaf variables. "
                            "If you want to use a computed variable in a subgraph that doesn't "
                            "require differentiation use var_no_grad = var.detach().");
    if (on && !dtype_is_floating(t->dtype)) return tl_raise_int(ERR_RUNTIME, "%s", dtype_msg);
    if (!t->grad_fn) t->requires_grad = on;
    return 0;
}

int ag_set_requires_grad(Tensor *t, bool requires_grad) {
    return set_requires_grad(t, requires_grad,
                             "Only Tensors of floating point and complex dtype can require gradients");
}

int ag_requires_grad_(Tensor *t, bool requires_grad) {
    return set_requires_grad(t, requires_grad, "only Tensors of floating point dtype can require gradients");
}

Tensor *ag_detach(const Tensor *t) {
    return alias_of(t);
}

int ag_detach_(Tensor *t) {
    if (t->base)
        return tl_raise_int(ERR_RUNTIME, "Can't detach views in-place. Use detach() instead. If you "
                            "are using DistributedDataParallel (DDP) for training, and "
                            "gradient_as_bucket_view is set as True, gradients are views of DDP "
                            "buckets, and hence detach_() cannot be called on these gradients. To fix "
                            "this error, please refer to the Optimizer.zero_grad() function in "
                            "torch/optim/optimizer.py as the solution.");
    AgNode *old = t->grad_fn;
    t->grad_fn = NULL;
    t->output_nr = 0;
    t->requires_grad = false;
    ag_node_release(old);
    return 0;
}

static AgHook *hook_new(AgHookFn fn, void *ctx, void (*release)(void *), int output_nr) {
    AgHook *h = tl_xcalloc(1, sizeof *h);
    h->refcnt = 1;
    h->fn = fn;
    h->ctx = ctx;
    h->release = release;
    h->output_nr = output_nr;
    return h;
}

// Appends [h] to [list] (the list takes the caller's reference).
static void append(AgHook **list, AgHook *h) {
    while (*list) list = &(*list)->next;
    *list = h;
}

int ag_retain_grad(Tensor *t) {
    view_refresh(t);
    if (!t->requires_grad)
        return tl_raise_int(ERR_RUNTIME, "can't retain_grad on Tensor that has requires_grad=False");
    if (!t->grad_fn || t->retains_grad) return 0;
    AgHook *h = hook_new(NULL, NULL, NULL, t->output_nr);
    h->retain = meta_retain(meta_get(t));
    append(&t->grad_fn->pre_hooks, h);
    t->retains_grad = true;
    return 0;
}

AgHook *ag_register_hook(Tensor *t, AgHookFn fn, void *ctx, void (*release)(void *ctx)) {
    view_refresh(t);
    if (!t->requires_grad)
        return tl_raise(ERR_RUNTIME, "cannot register a hook on a tensor that doesn't require gradient");
    AgHook *h = hook_new(fn, ctx, release, t->grad_fn ? t->output_nr : 0);
    append(t->grad_fn ? &t->grad_fn->pre_hooks : &meta_get(t)->hooks, h);
    h->refcnt++;                      // one for the list, one for the handle
    return h;
}

void ag_hook_remove(AgHook *h) {
    if (h) h->removed = true;
}

void ag_hook_release(AgHook *h) {
    if (!h || --h->refcnt > 0) return;
    if (h->release) h->release(h->ctx);
    meta_release(h->retain);
    free(h);
}
