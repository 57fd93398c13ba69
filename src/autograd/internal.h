// Autograd's private types: graph nodes, edges, saved tensors, the per-tensor
// metadata block, and the helpers shared by the recorder, the engine and the
// backward formulas. Ownership runs downward only: a tensor owns its grad_fn,
// a node owns its input edges and saved tensors, an AccumulateGrad owns its
// leaf; upward links (leaf -> AccumulateGrad, saved tensor -> original) are
// weak, through AgMeta.
#ifndef TL_AUTOGRAD_INTERNAL_H
#define TL_AUTOGRAD_INTERNAL_H

#include "autograd/autograd.h"

typedef struct {
    AgNode *fn;          // NULL: PyTorch's (None, 0)
    int input_nr;
} AgEdge;

// What a node remembers of a forward input or output: enough to build
// zeros, undo broadcasting and cast a gradient back.
typedef struct {
    DType dtype;
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
} AgInfo;

// A strided layout: a tensor's shape, strides and offset into a storage of
// [numel] elements (geom.c computes gradients of strided views with it).
typedef struct AgGeom {
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int64_t offset, numel;
} AgGeom;

// Per-tensor block behind Tensor.hooks, refcounted so that it doubles as a
// weak reference to the tensor (owner turns NULL when the tensor dies).
typedef struct AgMeta {
    int64_t refcnt;
    Tensor *owner;       // weak
    AgNode *acc;         // weak: the leaf's AccumulateGrad while one exists
    AgHook *hooks;       // hooks of a leaf (run by its AccumulateGrad)
    bool is_view;        // a view recorded by a view op (or rebased by CopySlices)
    uint64_t base_hist;  // its base's history when its grad_fn was made
} AgMeta;

struct AgHook {
    int64_t refcnt;
    AgHookFn fn;         // NULL for a retain_grad entry
    void *ctx;
    void (*release)(void *ctx);
    AgMeta *retain;      // retain_grad: the tensor whose .grad to set (weak)
    int output_nr;       // which output of the node the hook watches
    bool removed;
    AgHook *next;        // list link; the list owns one reference
};

// A tensor saved for the backward pass, kept as data only: [data] shares the
// storage but has no history, so saving a node's own output makes no cycle.
// The history (for create_graph) is kept separately as an edge.
typedef struct {
    Tensor *data;        // NULL: slot unused
    int64_t version;     // storage version when saved
    AgNode *fn;          // the original's grad_fn or AccumulateGrad (strong), or NULL
    int output_nr;
    bool is_output;      // an output of the saving node itself (fn stays NULL)
    bool requires_grad;
    AgMeta *weak;        // the original non-leaf, for the version error message
    Tensor *unpacked;    // create_graph: data with history, alive during one backward call
} AgSaved;

// Gradients for the node's outputs in (borrowed; for nodes with several
// outputs missing floating ones are zeros, integer ones NULL), gradients for
// its inputs out (new references; NULL where not needed or not defined).
typedef int (*AgBackwardFn)(AgNode *n, Tensor *const *gout, Tensor **gin);

struct AgNode {
    int64_t refcnt;
    const char *name;
    AgBackwardFn backward;
    OpCode op;
    uint64_t seq;              // creation order; the engine runs newest first
    int nin, nout, nsaved;
    uint32_t hidden;           // inputs that are no edge in next_functions (masks, indices)
    AgEdge *next;              // [nin]
    AgInfo *in;                // [nin]
    AgInfo *out;               // [nout]
    AgSaved *saved;            // [nsaved]: input i at i, output j at nin + j
    Tensor **buf;              // [nout] engine: gradients received so far
    OpArgs args;
    struct AgGeom *geom;       // strided-view nodes: [0] the base layout, [1] the view; owned
    Tensor *variable;          // AccumulateGrad: the leaf (strong)
    AgNode *wrapped;           // CopySlices: the in-place op's node (strong)
    AgHook *pre_hooks;         // tensor hooks and retain_grad entries on outputs
    bool saved_released;
    // engine scratch, valid during one run
    uint32_t run;
    int deps;
    bool needed, exec, capture;
    void *user;
};

// ---- node.c ----
AgNode *node_new(const char *name, AgBackwardFn fn, int nin, int nout, int nsaved);
uint64_t node_next_seq(void);
AgMeta *meta_get(Tensor *t);              // creates on demand; borrowed
AgMeta *meta_retain(AgMeta *m);
void meta_release(AgMeta *m);
// (grad_fn, output_nr), or the leaf's AccumulateGrad, or (NULL, 0); new reference.
AgEdge node_gradient_edge(const Tensor *t);
void info_of(AgInfo *info, const Tensor *t);
// A new tensor header over [t]'s storage with t's geometry: no history, no base.
Tensor *alias_of(const Tensor *t);
void saved_put(AgSaved *s, const Tensor *t, bool is_output, int output_nr);
// Returns saved slot [i] of [n] (borrowed), with history when grad mode is
// on (create_graph); NULL with PyTorch's error when freed or modified in place.
const Tensor *node_saved(AgNode *n, int i);
void node_release_saved(AgNode *n);
void node_drop_unpacked(AgNode *n);
void node_set_output(AgNode *n, Tensor *t, int output_nr);  // t gets history n
// Views: [t]'s grad_fn was made against its base's current history.
void view_mark(Tensor *t);
// A view whose base's history changed since (an in-place op on the base or
// a sibling view) gets AsStridedBackward0(base's history), as in PyTorch.
void view_refresh(Tensor *t);

// ---- record.c, geom.c: nodes of in-place ops on views ----
int ag_bwd_copy_slices(AgNode *n, Tensor *const *gout, Tensor **gin);
int ag_bwd_as_strided(AgNode *n, Tensor *const *gout, Tensor **gin);

// ---- geom.c: gradients of strided views ----
void geom_of(AgGeom *g, const Tensor *t);
// The elements a view [v] of a tensor laid out as [base] picks from [t] (which
// has base's shape), as a new contiguous tensor (AsStridedBackward0).
Tensor *geom_gather(const Tensor *t, const AgGeom *base, const AgGeom *v);
// A tensor of base's shape, zero except for [g] placed at view [v].
Tensor *geom_scatter(const Tensor *g, const AgGeom *base, const AgGeom *v);
// [t] with the elements at view [v] replaced by [r] (zeros when r is NULL).
Tensor *geom_replace(const Tensor *t, const Tensor *r, const AgGeom *base, const AgGeom *v);
// select/slice/diagonal backward: zeros of [shape] with [g] at the view that
// [view_fn] takes of a contiguous tensor of that shape.
typedef Tensor *(*AgViewFn)(const Tensor *t, const OpArgs *args);
Tensor *geom_view_backward(const Tensor *g, const AgInfo *in, AgViewFn view_fn,
                           const OpArgs *args);

// ---- the backward table (backward_table.c, from tensor/ops.def) ----
extern const AgBackwardFn ag_backward_fns[OP__COUNT];
#define OP(E, name, nin, kind, grad_fn) int bwd_##name(AgNode *n, Tensor *const *gout, Tensor **gin);
#include "tensor/ops.def"
#undef OP

// ---- helpers for formulas (bwd_util.c) ----
static inline bool needs(const AgNode *n, int i) { return n->next[i].fn != NULL; }
Tensor *zeros_of(const AgInfo *info);
// Reinserts the reduced dims of [dims] (NULL/0: all) into [g] so it
// broadcasts against an input of [in]'s shape (a no-op when keepdim).
Tensor *unreduce(const Tensor *g, const AgInfo *in, const int64_t *dims, int ndims, bool keepdim);
// Marks the reduced dims in [mask] (wrapped); returns the number of elements reduced.
int64_t reduced_mask(const AgInfo *in, const int64_t *dims, int ndims, bool *mask);
int wrap_dim(int64_t dim, int ndim);
// Formula expressions: x_* take their tensor arguments (release them),
// propagate NULL (an error pending), and record when grad mode is on, so a
// formula reads like its maths: x_mul(keep(g), x_muls(keep(a), 2)).
static inline Tensor *keep(const Tensor *t) { return tensor_retain((Tensor *)t); }
Tensor *x_binary(OpCode op, Tensor *a, Tensor *b);
Tensor *x_scalar(OpCode op, Tensor *a, double s);      // a op s; OP_RSUB: s - a
Tensor *x_unary(OpCode op, Tensor *a);
Tensor *x_pows(Tensor *a, double e);
Tensor *x_where(Tensor *cond, Tensor *a, Tensor *b);   // cond: bool, no history
Tensor *x_zero_where(Tensor *mask, Tensor *a);         // a with 0 where mask
Tensor *x_sum(Tensor *a, const int64_t *dims, int ndims, bool keepdim);
Tensor *x_expand(Tensor *a, const AgInfo *to);
Tensor *x_reshape(Tensor *a, const AgInfo *to);
static inline Tensor *x_mul(Tensor *a, Tensor *b) { return x_binary(OP_MUL, a, b); }
static inline Tensor *x_add(Tensor *a, Tensor *b) { return x_binary(OP_ADD, a, b); }
static inline Tensor *x_sub(Tensor *a, Tensor *b) { return x_binary(OP_SUB, a, b); }
static inline Tensor *x_div(Tensor *a, Tensor *b) { return x_binary(OP_DIV, a, b); }
static inline Tensor *x_neg(Tensor *a) { return x_unary(OP_NEG, a); }
// A bool tensor: a op b (comparisons), no history.
Tensor *x_cmp(OpCode op, Tensor *a, Tensor *b);
Tensor *x_cmps(OpCode op, Tensor *a, double s);

// Moves a new reference into gin[i], or releases it if not needed; returns
// -1 when [t] is NULL (the error is pending).
int put_grad(AgNode *n, Tensor **gin, int i, Tensor *t);

#endif
