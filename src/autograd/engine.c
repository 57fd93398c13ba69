// The backward engine (PyTorch's): from the roots, a depth-first walk counts
// each node's dependencies (edges from nodes that can reach it); a node runs
// once all of them delivered their gradients, newest node first. Gradients
// for one input add up in the receiver's buffer; each formula's output is
// checked against the input it belongs to, and broadcasting is undone here,
// in one place (sum_to). AccumulateGrad nodes add into the leaves' .grad.
#include <stdlib.h>
#include <string.h>

#include "autograd/functions.h"
#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"

// A growable array of nodes that starts in place: small graphs (one
// training step of a small model) run without touching malloc.
#define VEC_INLINE 64
typedef struct {
    AgNode **v;
    int n, cap;
    AgNode *small[VEC_INLINE];
} NodeVec;

static void vec_init(NodeVec *s) {
    s->v = s->small;
    s->n = 0;
    s->cap = VEC_INLINE;
}

static void vec_push(NodeVec *s, AgNode *n) {
    if (s->n == s->cap) {
        s->cap *= 2;
        if (s->v == s->small) {
            s->v = tl_xmalloc((size_t)s->cap * sizeof *s->v);
            memcpy(s->v, s->small, sizeof s->small);
        } else {
            s->v = tl_xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
        }
    }
    s->v[s->n++] = n;
}

static void vec_free(NodeVec *s) {
    if (s->v != s->small) free(s->v);
}

// ---- the ready queue: a max-heap on creation order ----

static void heap_push(NodeVec *h, AgNode *n) {
    vec_push(h, n);
    int i = h->n - 1;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (h->v[p]->seq >= h->v[i]->seq) break;
        AgNode *t = h->v[p];
        h->v[p] = h->v[i];
        h->v[i] = t;
        i = p;
    }
}

static AgNode *heap_pop(NodeVec *h) {
    AgNode *top = h->v[0];
    h->v[0] = h->v[--h->n];
    for (int i = 0;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && h->v[l]->seq > h->v[m]->seq) m = l;
        if (r < h->n && h->v[r]->seq > h->v[m]->seq) m = r;
        if (m == i) break;
        AgNode *t = h->v[m];
        h->v[m] = h->v[i];
        h->v[i] = t;
        i = m;
    }
    return top;
}

// ---- one run ----

typedef struct {
    AgEdge edge;
    int index;            // which entry of result[]
} Capture;

typedef struct {
    uint32_t id;
    bool keep_graph;
    NodeVec nodes;        // every node reachable from the roots
    NodeVec ready;
    Capture *caps;
    int ncaps;
    Tensor **result;
} Run;

static uint32_t run_counter;

static void visit_init(Run *r, AgNode *n) {
    n->run = r->id;
    n->deps = 0;
    n->needed = n->exec = false;      // capture was set by the caller
    vec_push(&r->nodes, n);
}

// Depth-first from [root]: dependency counts, and (when capturing for
// autograd.grad) which nodes lead to a captured one, computed in post-order.
static void discover(Run *r, AgNode *root) {
    typedef struct { AgNode *n; int i; } Frame;
    Frame small[64], *stack = small;
    int sp = 0, cap = 64;
    if (root->run != r->id) visit_init(r, root);
    else return;
    stack[sp++] = (Frame){root, 0};
    while (sp) {
        Frame *f = &stack[sp - 1];
        AgNode *n = f->n;
        if (f->i < n->nin) {
            AgNode *c = n->next[f->i++].fn;
            if (!c) continue;
            bool fresh = c->run != r->id;
            if (fresh) visit_init(r, c);
            c->deps++;
            if (fresh) {
                if (sp == cap) {
                    Frame *bigger = tl_xmalloc((size_t)(cap *= 2) * sizeof *stack);
                    memcpy(bigger, stack, (size_t)sp * sizeof *stack);
                    if (stack != small) free(stack);
                    stack = bigger;
                }
                stack[sp++] = (Frame){c, 0};
            }
            continue;
        }
        if (r->ncaps) {
            for (int i = 0; i < n->nin; i++)
                if (n->next[i].fn && n->next[i].fn->needed) n->exec = true;
            n->needed = n->exec || n->capture;
        } else {
            n->needed = n->exec = true;
        }
        sp--;
    }
    if (stack != small) free(stack);
}

static bool same_shape(const Tensor *t, const AgInfo *info) {
    return t->ndim == info->ndim && memcmp(t->shape, info->shape, (size_t)t->ndim * sizeof *t->shape) == 0;
}

static bool expandable(const AgInfo *info, const Tensor *g) {
    if (info->ndim > g->ndim) return false;
    for (int i = 1; i <= info->ndim; i++) {
        int64_t a = info->shape[info->ndim - i], b = g->shape[g->ndim - i];
        if (a != b && a != 1) return false;
    }
    return true;
}

// Brings formula output [g] (taken) to the shape and dtype of input [i] of [n].
static Tensor *validate(const AgNode *n, int i, Tensor *g) {
    const AgInfo *info = &n->in[i];
    if (!same_shape(g, info)) {
        if (!expandable(info, g)) {
            char got[TENSOR_MAX_DIMS * 24 + 4], want[TENSOR_MAX_DIMS * 24 + 4];
            tl_raise(ERR_RUNTIME, "Function %s returned an invalid gradient at index %d - got %s "
                     "but expected shape compatible with %s", n->name, i,
                     tensor_shape_fmt(got, sizeof got, g->ndim, g->shape),
                     tensor_shape_fmt(want, sizeof want, info->ndim, info->shape));
            tensor_release(g);
            return NULL;
        }
        Tensor *s = ag_sum_to(g, info->ndim, info->shape);
        tensor_release(g);
        if (!(g = s)) return NULL;
    }
    if (g->dtype != info->dtype) {
        Tensor *c = ag_to_dtype(g, info->dtype);
        tensor_release(g);
        g = c;
    }
    return g;
}

static bool exclusive(const Tensor *t) {
    return t->refcnt == 1 && t->storage->refcnt == 1 && !t->requires_grad &&
           tensor_is_contiguous(t);
}

// Adds [g] (taken) into buffer slot [slot].
static int buf_add(Tensor **slot, Tensor *g) {
    if (!*slot) {
        *slot = g;
        return 0;
    }
    Tensor *old = *slot;
    if (!ag_grad_enabled() && exclusive(old) && old->dtype == g->dtype && old->ndim == g->ndim &&
        memcmp(old->shape, g->shape, (size_t)g->ndim * sizeof *g->shape) == 0) {
        int rc = tensor_add_(old, g);
        tensor_release(g);
        return rc;
    }
    Tensor *sum = ag_add(old, g);
    tensor_release(g);
    if (!sum) return -1;
    tensor_release(old);
    *slot = sum;
    return 0;
}

// PyTorch's AccumulateGrad: the first gradient is stolen when nobody else
// holds it (else cloned), later ones are added in place; with create_graph
// the leaf's .grad keeps history (copy_ the first time, + after).
static int accumulate(AgNode *n, const Tensor *g) {
    Tensor *v = n->variable;
    if (!g) return 0;
    if (!v->grad) {
        if (!ag_grad_enabled()) {
            bool steal = exclusive(g) && g->dtype == v->dtype;
            v->grad = steal ? tensor_retain((Tensor *)g) : tensor_clone(g);
            return v->grad ? 0 : -1;
        }
        Tensor *e = tensor_empty_like(g);
        if (!e) return -1;
        AgInplace ip;
        const Tensor *in[1] = {g};
        if (ag_inplace_begin(&ip, OP_COPY, e, 1, in) < 0 ||
            ag_inplace_end(&ip, tensor_copy_(e, g), NULL) < 0) {
            tensor_release(e);
            return -1;
        }
        v->grad = e;
        return 0;
    }
    if (!ag_grad_enabled()) return tensor_add_(v->grad, g);
    Tensor *s = ag_add(v->grad, g);
    if (!s) return -1;
    tensor_release(v->grad);
    v->grad = s;
    return 0;
}

// retain_grad(): the tensor's .grad gets a copy of the gradient (summed
// over backward calls). PyTorch 1.13 keeps every Python hook of a tensor in
// one dict registered where the first of them was, so retain_grad sees the
// effect of all hooks when some hook came before it, and of none otherwise.
static int retain(Tensor *t, const Tensor *g) {
    Tensor *r = t->grad ? ag_add(t->grad, g) : ag_clone(g);
    if (!r) return -1;
    tensor_release(t->grad);
    t->grad = r;
    return 0;
}

static int call_fn_hooks(AgHook *from, int nr, Tensor **slot) {
    for (AgHook *h = from; h; h = h->next) {
        if (h->removed || !h->fn || h->output_nr != nr || !*slot) continue;
        Tensor *rep = NULL;
        if (h->fn(h->ctx, *slot, &rep) < 0) return -1;
        if (rep) {
            tensor_release(*slot);
            *slot = rep;
        }
    }
    return 0;
}

static int call_hooks(AgHook *list, int nr, Tensor **slot) {
    bool fns_done = false;
    for (AgHook *h = list; h; h = h->next) {
        if (h->output_nr != nr || !*slot) continue;
        if (h->fn) {
            if (!fns_done && call_fn_hooks(h, nr, slot) < 0) return -1;
            fns_done = true;
        } else if (!h->removed && h->retain && h->retain->owner && retain(h->retain->owner, *slot) < 0) {
            return -1;
        }
    }
    return 0;
}

// A non-leaf's hooks live on its grad_fn; a leaf's in its metadata block.
static AgHook *hooks_of(const AgNode *n) {
    if (!n->variable) return n->pre_hooks;
    AgMeta *m = n->variable->hooks;
    return m ? m->hooks : NULL;
}

static int pre_hooks(AgNode *n) {
    AgHook *list = hooks_of(n);
    if (!list) return 0;
    for (int j = 0; j < n->nout; j++)
        if (call_hooks(list, j, &n->buf[j]) < 0) return -1;
    return 0;
}

static int run_node(Run *r, AgNode *n) {
    if (pre_hooks(n) < 0) return -1;
    for (int c = 0; c < r->ncaps; c++)
        if (r->caps[c].edge.fn == n && n->buf[r->caps[c].edge.input_nr]) {
            Tensor **dst = &r->result[r->caps[c].index];
            tensor_release(*dst);
            *dst = tensor_retain(n->buf[r->caps[c].edge.input_nr]);
        }
    if (!n->exec) return 0;
    if (n->variable) return accumulate(n, n->buf[0]);

    Tensor *gin_small[4] = {0}, **gin = n->nin <= 4 ? gin_small : tl_xcalloc((size_t)n->nin, sizeof *gin);
    int rc = 0;
    bool any = false;
    for (int j = 0; j < n->nout; j++) any |= n->buf[j] != NULL;
    if (any) {
        // Formulas of multi-output nodes see zeros for outputs that got nothing.
        for (int j = 0; j < n->nout && n->nout > 1; j++)
            if (!n->buf[j] && dtype_is_floating(n->out[j].dtype) && !(n->buf[j] = zeros_of(&n->out[j])))
                rc = -1;
        if (rc == 0) rc = n->backward(n, n->buf, gin);
    }
    node_drop_unpacked(n);
    if (!r->keep_graph) node_release_saved(n);
    for (int j = 0; j < n->nout; j++) {
        tensor_release(n->buf[j]);
        n->buf[j] = NULL;
    }
    for (int i = 0; i < n->nin; i++) {
        AgEdge e = n->next[i];
        Tensor *g = gin[i];
        gin[i] = NULL;
        if (!e.fn || rc < 0) {
            tensor_release(g);
            continue;
        }
        if (g && !e.fn->needed) {         // autograd.grad: nothing to deliver there
            tensor_release(g);
            g = NULL;
        }
        if (g && (!(g = validate(n, i, g)) || buf_add(&e.fn->buf[e.input_nr], g) < 0)) rc = -1;
        if (rc == 0 && --e.fn->deps == 0) heap_push(&r->ready, e.fn);
    }
    if (gin != gin_small) free(gin);
    return rc;
}

static char *size_text(char *buf, size_t cap, const Tensor *t) {
    return tensor_shape_fmt(buf, cap, t->ndim, t->shape);
}

// _make_grads: the gradient each root starts with (new references in [g]).
static int make_grads(int n, Tensor *const *roots, Tensor *const *grads, Tensor **g) {
    for (int i = 0; i < n; i++) {
        const Tensor *r = roots[i], *gi = grads ? grads[i] : NULL;
        if (gi) {
            if (gi->ndim != r->ndim ||
                memcmp(gi->shape, r->shape, (size_t)r->ndim * sizeof *r->shape) != 0) {
                char a[TENSOR_MAX_DIMS * 24 + 4], b[TENSOR_MAX_DIMS * 24 + 4];
                return tl_raise_int(ERR_RUNTIME, "Mismatch in shape: grad_output[%d] has a shape of "
                                    "torch.Size(%s) and output[%d] has a shape of torch.Size(%s).", i,
                                    size_text(a, sizeof a, gi), i, size_text(b, sizeof b, r));
            }
            g[i] = gi->dtype == r->dtype ? tensor_retain((Tensor *)gi) : tensor_to_dtype(gi, r->dtype, false);
            if (!g[i]) return -1;
        } else if (r->requires_grad) {
            if (tensor_numel(r) != 1)
                return tl_raise_int(ERR_RUNTIME, "grad can be implicitly created only for scalar outputs");
            if (!(g[i] = tensor_ones_like(r, r->dtype))) return -1;
        }
    }
    for (int i = 0; i < n; i++)
        if (!roots[i]->requires_grad)
            return tl_raise_int(ERR_RUNTIME, "element %d of tensors does not require grad and does "
                                "not have a grad_fn", i);
    return 0;
}

// Runs the engine from [roots]. With [ncaps] captures (autograd.grad) only
// the nodes leading to them run and result[] receives their gradients.
static int engine_run(int nroots, Tensor *const *roots, Tensor *const *grads, bool keep_graph,
                      bool create_graph, Capture *caps, int ncaps, Tensor **result) {
    Run r = {.id = ++run_counter, .keep_graph = keep_graph, .caps = caps, .ncaps = ncaps,
             .result = result};
    vec_init(&r.nodes);
    vec_init(&r.ready);
    Tensor *g_small[4] = {0};
    AgEdge edges_small[4] = {{0}};
    Tensor **g = nroots <= 4 ? g_small : tl_xcalloc((size_t)nroots, sizeof *g);
    AgEdge *edges = nroots <= 4 ? edges_small : tl_xcalloc((size_t)nroots, sizeof *edges);
    int rc = make_grads(nroots, roots, grads, g);
    bool prev = ag_set_grad_enabled(create_graph);
    if (rc == 0) {
        for (int c = 0; c < ncaps; c++) caps[c].edge.fn->capture = true;
        for (int i = 0; i < nroots; i++) {
            edges[i] = node_gradient_edge(roots[i]);
            discover(&r, edges[i].fn);
            edges[i].fn->deps++;        // the root edge is a dependency too
        }
        for (int i = 0; i < nroots && rc == 0; i++) {
            rc = buf_add(&edges[i].fn->buf[edges[i].input_nr], g[i]);
            g[i] = NULL;
        }
        for (int i = 0; i < nroots; i++)
            if (--edges[i].fn->deps == 0) heap_push(&r.ready, edges[i].fn);
        while (rc == 0 && r.ready.n) {
            AgNode *n = heap_pop(&r.ready);
            if (n->needed) rc = run_node(&r, n);
        }
    }
    ag_set_grad_enabled(prev);
    for (int k = 0; k < r.nodes.n; k++) {
        AgNode *n = r.nodes.v[k];
        for (int j = 0; j < n->nout; j++) {
            tensor_release(n->buf[j]);
            n->buf[j] = NULL;
        }
        n->capture = false;
    }
    for (int c = 0; c < ncaps; c++) caps[c].edge.fn->capture = false;
    for (int i = 0; i < nroots; i++) {
        tensor_release(g[i]);
        ag_node_release(edges[i].fn);
    }
    if (g != g_small) free(g);
    if (edges != edges_small) free(edges);
    vec_free(&r.nodes);
    vec_free(&r.ready);
    return rc;
}

int ag_backward(int n, Tensor *const *roots, Tensor *const *grads, bool retain_graph,
                bool create_graph) {
    return engine_run(n, roots, grads, retain_graph, create_graph, NULL, 0, NULL);
}

int ag_grad(int nout, Tensor *const *outputs, Tensor *const *grad_outputs, int nin,
            Tensor *const *inputs, bool retain_graph, bool create_graph, bool allow_unused,
            Tensor **result) {
    for (int i = 0; i < nin; i++) result[i] = NULL;
    for (int i = 0; i < nin; i++)
        if (!inputs[i]->requires_grad)
            return tl_raise_int(ERR_RUNTIME, "One of the differentiated Tensors does not require grad");
    Capture *caps = tl_xcalloc((size_t)(nin ? nin : 1), sizeof *caps);
    for (int i = 0; i < nin; i++) caps[i] = (Capture){node_gradient_edge(inputs[i]), i};
    int rc = engine_run(nout, outputs, grad_outputs, retain_graph, create_graph, caps, nin, result);
    for (int i = 0; i < nin; i++) ag_node_release(caps[i].edge.fn);
    free(caps);
    for (int i = 0; rc == 0 && i < nin; i++)
        if (!result[i] && !allow_unused)
            rc = tl_raise_int(ERR_RUNTIME, "One of the differentiated Tensors appears to not have "
                              "been used in the graph. Set allow_unused=True if this is the desired "
                              "behavior.");
    if (rc < 0)
        for (int i = 0; i < nin; i++) {
            tensor_release(result[i]);
            result[i] = NULL;
        }
    return rc;
}
