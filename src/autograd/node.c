// Graph nodes, the per-tensor metadata block and saved tensors: allocation,
// refcounting (freeing long chains iteratively, so a 100,000-op graph does
// not overflow the C stack), the leaves' cached AccumulateGrad nodes, and
// unpacking saved tensors with PyTorch's version-counter check.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "tensor/storage.h"

void (*ag_node_free_hook)(AgNode *n, void *user);

static uint64_t seq_counter;
static int64_t live_nodes;

int64_t ag_live_nodes(void) { return live_nodes; }

uint64_t node_next_seq(void) { return seq_counter++; }

static void release_grad_fn(struct AgNode *n) { ag_node_release(n); }

static void hooks_list_release(AgHook *h) {
    while (h) {
        AgHook *next = h->next;
        ag_hook_release(h);
        h = next;
    }
}

// The tensor owning [p] (an AgMeta) died: the weak reference goes NULL.
static void release_meta(void *p) {
    AgMeta *m = p;
    m->owner = NULL;
    hooks_list_release(m->hooks);
    m->hooks = NULL;
    meta_release(m);
}

void ag_init(void) {
    tensor_release_grad_fn_hook = release_grad_fn;
    tensor_release_hooks_hook = release_meta;
}

AgMeta *meta_get(Tensor *t) {
    if (!t->hooks) {
        ag_init();
        AgMeta *m = tl_xcalloc(1, sizeof *m);
        m->refcnt = 1;
        m->owner = t;
        t->hooks = m;
    }
    return t->hooks;
}

AgMeta *meta_retain(AgMeta *m) {
    if (m) m->refcnt++;
    return m;
}

void meta_release(AgMeta *m) {
    if (m && --m->refcnt == 0) free(m);
}

// Freed node blocks are kept by size (in 256-byte classes) for reuse: a
// training step makes and frees the same nodes over and over, and blocks of
// this size are beyond malloc's fast per-thread caches.
#define NODE_CLASS 256
#define NODE_CLASSES 16
#define NODE_CACHE_MAX 64
static void *node_cache[NODE_CLASSES][NODE_CACHE_MAX];
static int node_cached[NODE_CLASSES];

#ifdef __SANITIZE_ADDRESS__
#define NODE_CACHING 0          // let ASan see every node's lifetime
#else
#define NODE_CACHING 1
#endif

static AgNode *node_block(size_t size) {
    size_t cls = (size + NODE_CLASS - 1) / NODE_CLASS;
    if (NODE_CACHING && cls < NODE_CLASSES && node_cached[cls]) {
        void *p = node_cache[cls][--node_cached[cls]];
        memset(p, 0, size);
        return p;
    }
    return tl_xcalloc(1, cls < NODE_CLASSES ? cls * NODE_CLASS : size);
}

static void node_unblock(AgNode *n, size_t size) {
    size_t cls = (size + NODE_CLASS - 1) / NODE_CLASS;
    if (NODE_CACHING && cls < NODE_CLASSES && node_cached[cls] < NODE_CACHE_MAX)
        node_cache[cls][node_cached[cls]++] = n;
    else
        free(n);
}

static size_t node_size(int nin, int nout, int nsaved) {
    return sizeof(AgNode) + (size_t)nin * (sizeof(AgEdge) + sizeof(AgInfo)) +
           (size_t)nout * (sizeof(AgInfo) + sizeof(Tensor *)) + (size_t)nsaved * sizeof(AgSaved);
}

// One allocation per node: the struct, then its edges, input and output
// infos, saved slots and gradient buffers.
AgNode *node_new(const char *name, AgBackwardFn fn, int nin, int nout, int nsaved) {
    ag_init();
    AgNode *n = node_block(node_size(nin, nout, nsaved));
    char *p = (char *)(n + 1);
    n->next = (AgEdge *)p;
    p += (size_t)nin * sizeof(AgEdge);
    n->in = (AgInfo *)p;
    p += (size_t)nin * sizeof(AgInfo);
    n->out = (AgInfo *)p;
    p += (size_t)nout * sizeof(AgInfo);
    n->saved = (AgSaved *)p;
    p += (size_t)nsaved * sizeof(AgSaved);
    n->buf = (Tensor **)p;
    n->refcnt = 1;
    n->name = name;
    n->backward = fn;
    n->nin = nin;
    n->nout = nout;
    n->nsaved = nsaved;
    n->seq = seq_counter++;
    live_nodes++;
    return n;
}

AgNode *ag_node_retain(AgNode *n) {
    if (n) n->refcnt++;
    return n;
}

static void saved_clear(AgSaved *s) {
    tensor_release(s->data);
    tensor_release(s->unpacked);
    ag_node_release(s->fn);
    meta_release(s->weak);
    s->data = s->unpacked = NULL;
    s->fn = NULL;
    s->weak = NULL;
}

static void node_free(AgNode *n) {
    if (n->user && ag_node_free_hook) ag_node_free_hook(n, n->user);
    for (int i = 0; i < n->nin; i++) ag_node_release(n->next[i].fn);
    for (int i = 0; i < n->nsaved; i++) saved_clear(&n->saved[i]);
    for (int i = 0; i < n->nout; i++) tensor_release(n->buf[i]);
    if (n->variable) {
        AgMeta *m = n->variable->hooks;
        if (m && m->acc == n) m->acc = NULL;
        tensor_release(n->variable);
    }
    ag_node_release(n->wrapped);
    hooks_list_release(n->pre_hooks);
    free(n->geom);
    node_unblock(n, node_size(n->nin, n->nout, n->nsaved));
    live_nodes--;
}

// Releasing a node may release its inputs in turn; instead of recursing,
// nodes whose count reached zero are queued and freed by the outermost call.
static AgNode **dying;
static int ndying, cap_dying;
static bool draining;

void ag_node_release(AgNode *n) {
    if (!n || --n->refcnt > 0) return;
    if (ndying == cap_dying) {
        cap_dying = cap_dying ? 2 * cap_dying : 64;
        dying = tl_xrealloc(dying, (size_t)cap_dying * sizeof *dying);
    }
    dying[ndying++] = n;
    if (draining) return;
    draining = true;
    while (ndying) node_free(dying[--ndying]);
    draining = false;
}

void info_of(AgInfo *info, const Tensor *t) {
    info->dtype = t->dtype;
    info->ndim = t->ndim;
    memcpy(info->shape, t->shape, (size_t)t->ndim * sizeof *t->shape);
}

Tensor *alias_of(const Tensor *t) {
    Tensor *a = tensor_alloc();
    a->storage = storage_retain(t->storage);
    a->dtype = t->dtype;
    a->ndim = t->ndim;
    memcpy(a->shape, t->shape, (size_t)t->ndim * sizeof *t->shape);
    memcpy(a->strides, t->strides, (size_t)t->ndim * sizeof *t->strides);
    a->offset = t->offset;
    a->is_wrapped_number = t->is_wrapped_number;
    return a;
}

AgNode *ag_grad_accumulator(Tensor *t) {
    if (t->grad_fn || !t->requires_grad) return NULL;
    AgMeta *m = meta_get(t);
    if (m->acc) return ag_node_retain(m->acc);
    AgNode *n = node_new("AccumulateGrad", NULL, 0, 1, 0);
    n->seq = UINT64_MAX;          // leaves accumulate as soon as they are ready
    n->variable = tensor_retain(t);
    info_of(&n->out[0], t);
    m->acc = n;
    return n;
}

// An identity for a tensor's current history (0: none).
static uint64_t history_of(const Tensor *t) { return t->grad_fn ? t->grad_fn->seq + 1 : 0; }

void view_mark(Tensor *t) {
    if (!t->base) return;
    AgMeta *m = meta_get(t);
    m->is_view = true;
    m->base_hist = history_of(t->base);
}

void view_refresh(Tensor *t) {
    AgMeta *m = t->hooks;
    Tensor *base = t->base;
    if (!base || !m || !m->is_view || m->base_hist == history_of(base) || !base->requires_grad) return;
    AgNode *v = node_new("AsStridedBackward0", ag_bwd_as_strided, 1, 1, 0);
    v->geom = tl_xmalloc(2 * sizeof *v->geom);
    geom_of(&v->geom[0], base);
    geom_of(&v->geom[1], t);
    v->next[0] = node_gradient_edge(base);
    info_of(&v->in[0], base);
    node_set_output(v, t, 0);
    ag_node_release(v);
    m->base_hist = history_of(base);
}

AgNode *ag_grad_fn(Tensor *t) {
    view_refresh(t);
    return t->grad_fn;
}

AgEdge node_gradient_edge(const Tensor *t) {
    if (t->base && t->hooks) view_refresh((Tensor *)t);
    if (t->grad_fn) return (AgEdge){ag_node_retain(t->grad_fn), t->output_nr};
    if (t->requires_grad) return (AgEdge){ag_grad_accumulator((Tensor *)t), 0};
    return (AgEdge){NULL, 0};
}

void node_set_output(AgNode *n, Tensor *t, int output_nr) {
    AgNode *old = t->grad_fn;
    t->grad_fn = ag_node_retain(n);
    t->output_nr = output_nr;
    t->requires_grad = true;
    info_of(&n->out[output_nr], t);
    ag_node_release(old);
}

void saved_put(AgSaved *s, const Tensor *t, bool is_output, int output_nr) {
    s->data = alias_of(t);
    s->version = t->storage->version;
    s->is_output = is_output;
    s->output_nr = output_nr;
    if (is_output) {
        s->requires_grad = dtype_is_floating(t->dtype);
        return;
    }
    if (t->base && t->hooks) view_refresh((Tensor *)t);
    s->requires_grad = t->requires_grad;
    if (t->grad_fn) {
        s->fn = ag_node_retain(t->grad_fn);
        s->output_nr = t->output_nr;
        s->weak = meta_retain(meta_get((Tensor *)t));
    } else if (t->requires_grad) {
        s->fn = ag_grad_accumulator((Tensor *)t);
    }
}

// PyTorch's legacy type names ("torch.FloatTensor") used in the message.
static const char *legacy_type(DType dt) {
    static const char *const names[DT__COUNT] = {
        [DT_BOOL] = "Bool", [DT_U8] = "Byte", [DT_I8] = "Char", [DT_I16] = "Short",
        [DT_I32] = "Int", [DT_I64] = "Long", [DT_F16] = "Half", [DT_BF16] = "BFloat16",
        [DT_F32] = "Float", [DT_F64] = "Double",
    };
    return names[dt];
}

static void *version_error(const AgNode *n, const AgSaved *s) {
    const AgNode *fn = NULL;
    int nr = s->output_nr;
    if (s->is_output) {
        fn = n;
    } else if (s->weak && s->weak->owner && s->weak->owner->grad_fn) {
        // PyTorch names the tensor's current grad_fn (after the in-place op).
        fn = s->weak->owner->grad_fn;
        nr = s->weak->owner->output_nr;
    } else if (s->fn && !s->fn->variable) {
        fn = s->fn;
    }
    char shape[TENSOR_MAX_DIMS * 24 + 4], which[160] = "";
    tensor_shape_fmt(shape, sizeof shape, s->data->ndim, s->data->shape);
    if (fn) snprintf(which, sizeof which, ", which is output %d of %s,", nr, fn->name);
    return tl_raise(ERR_RUNTIME, "one of the variables needed for gradient computation has been "
                    "modified by an inplace operation: [torch.%sTensor %s]%s is at version %lld; "
                    "expected version %lld instead. Hint: enable anomaly detection to find the "
                    "operation that failed to compute its gradient, with "
                    "torch.autograd.set_detect_anomaly(True).", legacy_type(s->data->dtype), shape,
                    which, (long long)s->data->storage->version, (long long)s->version);
}

const Tensor *node_saved(AgNode *n, int i) {
    if (n->saved_released)
        return tl_raise(ERR_RUNTIME, "Trying to backward through the graph a second time (or "
                        "directly access saved tensors after they have already been freed). Saved "
                        "intermediate values of the graph are freed when you call .backward() or "
                        "autograd.grad(). Specify retain_graph=True if you need to backward through "
                        "the graph a second time or if you need to access saved tensors after "
                        "calling backward.");
    AgSaved *s = &n->saved[i];
    TL_ASSERT(i < n->nsaved && s->data);
    if (s->data->storage->version != s->version) return version_error(n, s);
    if (!ag_grad_enabled() || !s->requires_grad) return s->data;
    // create_graph: formulas must see the saved tensor's history.
    if (s->unpacked) return s->unpacked;
    if (s->fn && s->fn->variable) return s->fn->variable;
    AgNode *fn = s->is_output ? n : s->fn;
    if (!fn) return s->data;
    Tensor *u = alias_of(s->data);
    u->grad_fn = ag_node_retain(fn);
    u->output_nr = s->output_nr;
    u->requires_grad = true;
    s->unpacked = u;
    return u;
}

void node_drop_unpacked(AgNode *n) {
    for (int i = 0; i < n->nsaved; i++) {
        tensor_release(n->saved[i].unpacked);
        n->saved[i].unpacked = NULL;
    }
    if (n->wrapped) node_drop_unpacked(n->wrapped);
}

void node_release_saved(AgNode *n) {
    if (n->nsaved) {
        for (int i = 0; i < n->nsaved; i++) saved_clear(&n->saved[i]);
        n->saved_released = true;
    }
    if (n->wrapped) node_release_saved(n->wrapped);
}

// ---- introspection for the bindings ----

const char *ag_node_name(const AgNode *n) { return n->name; }

int ag_node_num_next(const AgNode *n) {
    int k = 0;
    for (int i = 0; i < n->nin; i++)
        if (i >= 32 || !(n->hidden & (1u << i))) k++;
    return k;
}

AgNode *ag_node_next(const AgNode *n, int i, int *input_nr) {
    for (int j = 0; j < n->nin; j++) {
        if (j < 32 && (n->hidden & (1u << j))) continue;
        if (i-- == 0) {
            if (input_nr) *input_nr = n->next[j].fn ? n->next[j].input_nr : 0;
            return n->next[j].fn;
        }
    }
    if (input_nr) *input_nr = 0;
    return NULL;
}

Tensor *ag_node_variable(const AgNode *n) { return n->variable; }
void *ag_node_user(const AgNode *n) { return n->user; }
void ag_node_set_user(AgNode *n, void *user) { n->user = user; }
