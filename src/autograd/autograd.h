// tl's autograd, PyTorch's design in C: the language bindings run each op's
// forward with the tensor runtime and then hand the result to ag_record(),
// which attaches a graph node (PyTorch's grad_fn, named as PyTorch names it)
// when grad mode is on and an input requires grad. ag_backward()/ag_grad()
// run the dependency-counted engine. Everything here works on borrowed
// tensors and returns new references, or NULL / -1 with the error pending.
#ifndef TL_AUTOGRAD_AUTOGRAD_H
#define TL_AUTOGRAD_AUTOGRAD_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor/ops.h"
#include "tensor/tensor.h"

typedef struct AgNode AgNode;

// ---- grad mode (torch.no_grad / enable_grad / set_grad_enabled) ----
bool ag_grad_enabled(void);
// Sets grad mode and returns the previous state: a context manager's
// __enter__ saves the result, __exit__ passes it back.
bool ag_set_grad_enabled(bool enabled);

// ---- recording: one call after each op's forward ----
// True when an op over [in] would be recorded: grad mode is on and some
// input requires grad. NULL entries are skipped. Cheap; optional (ag_record
// checks it again).
bool ag_wanted(int nin, const Tensor *const *in);

// [out] = op(in[0..nin)) has just been computed with parameters [args] (as
// listed beside the op's row in tensor/ops.def; NULL = all zero, alpha and
// beta 1). Attaches a grad_fn node to out when ag_wanted and out is floating
// (rows whose grad_fn is NotImplemented get PyTorch's NotImplemented node,
// which raises "derivative for aten::floor_divide is not implemented" in
// backward). Takes over the caller's reference to [out] and returns it, or
// returns NULL (releasing out) with an error pending; out NULL passes through,
// so `return ag_record(OP_MUL, tensor_mul(a, b), 2, in, NULL);` is one line.
// An op that handed back one of its inputs records nothing.
// Python scalars are passed as wrapped 0-d tensors (tensor_from_scalar(s,
// true)) where PyTorch treats them as inputs (add, sub, mul, div, pow, where:
// next_functions shows (None, 0) for them); RSUB and REMAINDER drop a wrapped
// scalar from next_functions as PyTorch's Scalar overloads do.
// OP_INDEX: in = (t, index tensors in order), args->ndims = number of index
// entries, args->dims[k] != 0 where entry k is a tensor (the others are full
// slices: apply ints, slices, None and ... as views first).
// Masks, conditions and index tensors are inputs that never show in
// next_functions (where's cond, masked_fill's mask, gather's index ...).
Tensor *ag_record(OpCode op, Tensor *out, int nin, const Tensor *const *in, const OpArgs *args);

// The same for ops with several outputs (unbind, split, max(dim) values and
// indices, sort, var_mean ...): outs[0..nout) share one node; non-floating
// outputs (indices) get no grad_fn. 0 or -1 (outputs are left to the caller).
int ag_record_multi(OpCode op, Tensor **outs, int nout, int nin, const Tensor *const *in,
                    const OpArgs *args);

// In-place ops: begin before the runtime writes [self], end after it:
//     AgInplace ip;
//     if (ag_inplace_begin(&ip, OP_MUL, self, 1, in) < 0) return -1;
//     return ag_inplace_end(&ip, tensor_binary_(OP_MUL, self, b, NULL), args);
// begin raises PyTorch's errors (a leaf Variable that requires grad ...) and
// keeps a copy of self's old value when the backward needs it; end (always
// called, [rc] being the op's result) gives self its new history, rebasing
// a view's base onto a CopySlices node. [in] are the op's other inputs in
// order (a Python scalar as a wrapped 0-d tensor, as for ag_record); the
// node's inputs are (self, in...). OP_FILL with args->flags & 1 is zero_().
// OP_INDEX_PUT: in = (value, index tensors...), args as for OP_INDEX plus
// args->flags & 1 = accumulate. OP_COPY: in = (src).
#define AG_INPLACE_MAX_IN (TENSOR_MAX_DIMS + 2)
typedef struct {
    OpCode op;
    Tensor *self;
    int nin;
    const Tensor *in[AG_INPLACE_MAX_IN];
    bool record;
    Tensor *orig;       // self's value before the op, when the backward needs it
} AgInplace;
int ag_inplace_begin(AgInplace *st, OpCode op, Tensor *self, int nin, const Tensor *const *in);
int ag_inplace_end(AgInplace *st, int rc, const OpArgs *args);

// ---- tensor attributes ----
// t.requires_grad = b, and requires_grad=True on creation functions. Errors:
// "Only Tensors of floating point and complex dtype can require gradients",
// "you can only change requires_grad flags of leaf variables. ..."
int ag_set_requires_grad(Tensor *t, bool requires_grad);
// t.requires_grad_(b): as above, but PyTorch's message for a non-floating
// tensor is "only Tensors of floating point dtype can require gradients".
int ag_requires_grad_(Tensor *t, bool requires_grad);
static inline bool ag_is_leaf(const Tensor *t) { return t->grad_fn == NULL; }
// t.grad_fn (borrowed; NULL for leaves). Read it through here rather than
// t->grad_fn: a view whose base was modified in place since it was made
// gets its history regenerated first (AsStridedBackward0, as PyTorch does).
AgNode *ag_grad_fn(Tensor *t);
// t.detach(): a new tensor sharing t's storage (and version counter) with no
// history and no base, so in-place ops on it are allowed. Also t.data.
Tensor *ag_detach(const Tensor *t);
// t.detach_(): drops t's history in place; views raise PyTorch's error.
int ag_detach_(Tensor *t);
// t.retain_grad(): a non-leaf keeps its gradient in t->grad during backward.
int ag_retain_grad(Tensor *t);

// ---- hooks (Tensor.register_hook) ----
// Called with the gradient flowing into the tensor; stores a new reference
// to a replacement in *[out] or leaves it NULL to keep [grad]; -1 with an
// error pending aborts the backward pass. Bindings wrap a language callable
// in [ctx] and check the replacement's shape/dtype with their own messages.
typedef int (*AgHookFn)(void *ctx, const Tensor *grad, Tensor **out);
typedef struct AgHook AgHook;
// Registers [fn]; [release]([ctx]) runs when the hook is dropped. Returns a
// handle (a new reference, for RemovableHandle.remove()), or NULL with
// "cannot register a hook on a tensor that doesn't require gradient".
AgHook *ag_register_hook(Tensor *t, AgHookFn fn, void *ctx, void (*release)(void *ctx));
void ag_hook_remove(AgHook *h);      // the hook stops running; NULL-safe
void ag_hook_release(AgHook *h);     // drops the handle's reference; NULL-safe

// ---- the engine ----
// torch.autograd.backward(roots, grads, retain_graph, create_graph): grads[i]
// may be NULL for one-element roots (implicit ones); [grads] itself may be
// NULL. Gradients accumulate into the .grad of the leaves. Bindings pass
// retain_graph = create_graph when the user passed None.
int ag_backward(int n, Tensor *const *roots, Tensor *const *grads, bool retain_graph,
                bool create_graph);
// torch.autograd.grad: stores in result[i] a new reference to d(outputs)/d(inputs[i])
// (NULL when unused and [allow_unused]). [grad_outputs] may be NULL.
int ag_grad(int nout, Tensor *const *outputs, Tensor *const *grad_outputs, int nin,
            Tensor *const *inputs, bool retain_graph, bool create_graph, bool allow_unused,
            Tensor **result);

// ---- graph nodes (grad_fn objects) ----
AgNode *ag_node_retain(AgNode *n);          // NULL-safe; returns n
void ag_node_release(AgNode *n);            // NULL-safe
// The class name PyTorch prints: "AddBackward0", "AccumulateGrad", "CopySlices".
// (AccumulateGrad's name() method says "torch::autograd::AccumulateGrad".)
const char *ag_node_name(const AgNode *n);
// next_functions: [i] in [0, ag_node_num_next(n)); returns the node (borrowed,
// NULL for PyTorch's None) and stores the input_nr in *[input_nr].
int ag_node_num_next(const AgNode *n);
AgNode *ag_node_next(const AgNode *n, int i, int *input_nr);
// AccumulateGrad's .variable (borrowed), NULL for other nodes.
Tensor *ag_node_variable(const AgNode *n);
// The leaf's AccumulateGrad (new reference; created on first use and cached
// while alive, so next_functions shows the same object), or NULL when [t]
// is not a leaf requiring grad.
AgNode *ag_grad_accumulator(Tensor *t);
// One pointer-sized slot per node for the bindings (the cached grad_fn
// object); [ag_node_free_hook] runs when a node with a non-NULL slot dies.
void *ag_node_user(const AgNode *n);
void ag_node_set_user(AgNode *n, void *user);
extern void (*ag_node_free_hook)(AgNode *n, void *user);

// ---- gradcheck ----
// Computes the outputs of the function under test from [in] (borrowed);
// stores new references in out[0..*nout) (at most AG_GRADCHECK_MAX_OUT).
#define AG_GRADCHECK_MAX_OUT 8
typedef int (*AgGradcheckFn)(void *ctx, Tensor *const *in, int nin, Tensor **out, int *nout);
// torch.autograd.gradcheck: compares the analytical Jacobian (backward with
// one-hot grad_outputs) with central differences of step [eps] for every
// input that requires grad, elementwise |a - n| <= atol + rtol * |n|. Inputs
// should be float64. Returns 1 when they agree; otherwise raises PyTorch's
// "Jacobian mismatch for output 0 with respect to input 0, ..." (a
// RuntimeError here; GradcheckError in PyTorch) and returns -1, or returns 0
// when ![raise_exception]. Defaults: eps 1e-6, atol 1e-5, rtol 1e-3.
int ag_gradcheck(AgGradcheckFn fn, void *ctx, Tensor *const *in, int nin, double eps,
                 double atol, double rtol, bool raise_exception);

// Installs autograd's release hooks into the tensor layer. Called on first
// use anyway; calling it at startup is harmless.
void ag_init(void);

// Graph nodes alive (leak tests).
int64_t ag_live_nodes(void);

#endif
