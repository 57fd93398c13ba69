// Recording: ag_record() turns an op the bindings just ran into a graph
// node, saving what its backward formula needs (the table below says what
// for each op), and the in-place protocol, which rebases a tensor's history
// and, for views, its base's history onto a CopySlices node (PyTorch's).
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "tensor/convert.h"

#define ALL 0xff
#define IF0 0x01        // save when input 0 requires grad
#define IF1 0x02
#define IF2 0x04

// What each op saves: input i when save_in[i] is ALL or names an input that
// requires grad; output j likewise. [hidden] inputs are no edge in
// next_functions (masks, conditions, index tensors); [rest] hides and saves
// every input from the fourth on (index tensors).
typedef struct {
    uint8_t save_in[3];
    uint8_t save_out[2];
    uint8_t hidden;
    bool rest;
} OpSpec;

static const OpSpec specs[OP__COUNT] = {
    [OP_MUL] = {{IF1, IF0}, {0}, 0, false},
    [OP_DIV] = {{IF1, ALL}, {0}, 0, false},
    [OP_REMAINDER] = {{IF1, IF1}, {0}, 0, false},
    [OP_POW] = {{ALL, ALL}, {IF1}, 0, false},
    [OP_POW_SCALAR] = {{ALL}, {0}, 0, false},
    [OP_ATAN2] = {{ALL, ALL}, {0}, 0, false},
    [OP_MAXIMUM] = {{ALL, ALL}, {0}, 0, false},
    [OP_MINIMUM] = {{ALL, ALL}, {0}, 0, false},
    [OP_ABS] = {{ALL}, {0}, 0, false},
    [OP_EXP] = {{0}, {ALL}, 0, false},
    [OP_LOG] = {{ALL}, {0}, 0, false},
    [OP_LOG2] = {{ALL}, {0}, 0, false},
    [OP_LOG10] = {{ALL}, {0}, 0, false},
    [OP_LOG1P] = {{ALL}, {0}, 0, false},
    [OP_EXPM1] = {{0}, {ALL}, 0, false},
    [OP_SQRT] = {{0}, {ALL}, 0, false},
    [OP_RSQRT] = {{0}, {ALL}, 0, false},
    [OP_SIN] = {{ALL}, {0}, 0, false},
    [OP_COS] = {{ALL}, {0}, 0, false},
    [OP_TAN] = {{0}, {ALL}, 0, false},
    [OP_TANH] = {{0}, {ALL}, 0, false},
    [OP_SIGMOID] = {{0}, {ALL}, 0, false},
    [OP_RELU] = {{0}, {ALL}, 0, false},
    [OP_RECIPROCAL] = {{0}, {ALL}, 0, false},
    [OP_SQUARE] = {{ALL}, {0}, 0, false},
    [OP_ERF] = {{ALL}, {0}, 0, false},
    [OP_NAN_TO_NUM] = {{ALL}, {0}, 0, false},
    [OP_CLAMP] = {{ALL}, {0}, 0, false},
    [OP_CLAMP_TENSOR] = {{ALL, ALL, ALL}, {0}, 0, false},
    [OP_WHERE] = {{ALL}, {0}, 0x01, false},
    [OP_LERP] = {{IF2, IF2, ALL}, {0}, 0, false},
    [OP_MASKED_FILL] = {{0, ALL}, {0}, 0x02, false},
    [OP_PROD] = {{ALL}, {ALL}, 0, false},
    [OP_PROD_DIM] = {{ALL}, {ALL}, 0, false},
    [OP_MAX] = {{ALL}, {ALL}, 0, false},
    [OP_MIN] = {{ALL}, {ALL}, 0, false},
    [OP_MAX_DIM] = {{0}, {0, ALL}, 0, false},
    [OP_MIN_DIM] = {{0}, {0, ALL}, 0, false},
    [OP_AMAX] = {{ALL}, {ALL}, 0, false},
    [OP_AMIN] = {{ALL}, {ALL}, 0, false},
    [OP_VAR] = {{ALL}, {0}, 0, false},
    [OP_STD] = {{ALL}, {ALL}, 0, false},
    [OP_VAR_MEAN] = {{ALL}, {0}, 0, false},
    [OP_STD_MEAN] = {{ALL}, {ALL}, 0, false},
    [OP_NORM] = {{ALL}, {ALL}, 0, false},
    [OP_LINALG_VECTOR_NORM] = {{ALL}, {ALL}, 0, false},
    [OP_LOGSUMEXP] = {{ALL}, {ALL}, 0, false},
    [OP_CUMPROD] = {{ALL}, {ALL}, 0, false},
    [OP_SORT] = {{0}, {0, ALL}, 0, false},
    [OP_TOPK] = {{0}, {0, ALL}, 0, false},
    [OP_KTHVALUE] = {{0}, {0, ALL}, 0, false},
    [OP_MEDIAN] = {{ALL}, {ALL}, 0, false},
    [OP_MEDIAN_DIM] = {{0}, {0, ALL}, 0, false},
    [OP_MODE] = {{0}, {0, ALL}, 0, false},
    [OP_MM] = {{IF1, IF0}, {0}, 0, false},
    [OP_BMM] = {{IF1, IF0}, {0}, 0, false},
    [OP_MV] = {{IF1, IF0}, {0}, 0, false},
    [OP_DOT] = {{IF1, IF0}, {0}, 0, false},
    [OP_ADDMM] = {{0, IF2, IF1}, {0}, 0, false},
    [OP_INDEX_SELECT] = {{0, ALL}, {0}, 0x02, false},
    [OP_GATHER] = {{0, ALL}, {0}, 0x02, false},
    [OP_SCATTER] = {{0, ALL}, {0}, 0x02, false},
    [OP_SCATTER_VALUE] = {{0, ALL}, {0}, 0x02, false},
    [OP_SCATTER_ADD] = {{0, ALL}, {0}, 0x02, false},
    [OP_TAKE] = {{0, ALL}, {0}, 0x02, false},
    [OP_INDEX] = {{0, ALL, ALL}, {0}, 0x06, true},
    [OP_INDEX_PUT] = {{0, 0, ALL}, {0}, 0x04, true},
    [OP_MASKED_SELECT] = {{0, ALL}, {0}, 0x02, false},
    [OP_CONVOLUTION] = {{ALL, ALL}, {0}, 0, false},
    [OP_MAX_POOL2D] = {{0}, {0, ALL}, 0, false},
    [OP_SOFTMAX] = {{0}, {ALL}, 0, false},
    [OP_LOG_SOFTMAX] = {{0}, {ALL}, 0, false},
    [OP_MSE_LOSS] = {{ALL, ALL}, {0}, 0, false},
    [OP_NLL_LOSS] = {{0, ALL, ALL}, {0}, 0x06, false},
    [OP_LEAKY_RELU] = {{ALL}, {0}, 0, false},
    [OP_LEAKY_RELU_] = {{0}, {ALL}, 0, false},
    [OP_GELU] = {{ALL}, {0}, 0, false},
    [OP_BINARY_CROSS_ENTROPY] = {{ALL, ALL, ALL}, {0}, 0x04, false},
    [OP_BCE_WITH_LOGITS] = {{ALL, ALL, ALL}, {0}, 0x04, true},
    [OP_BATCH_NORM] = {{ALL, ALL, 0}, {0}, 0, true},
    [OP_LAYER_NORM] = {{ALL, ALL, 0}, {0}, 0, true},
    [OP_EMBEDDING] = {{0, ALL}, {0}, 0x02, false},
};

static bool save_rule(uint8_t rule, unsigned needs_mask) {
    return rule == ALL || (rule & needs_mask) != 0;
}

static bool wrapped(int nin, const Tensor *const *in, int i) {
    return i < nin && in[i] && in[i]->is_wrapped_number;
}

// Ops without a derivative (floor_divide) still get a node when their
// result is floating, as in PyTorch: grad_fn=<NotImplemented>, and backward
// through it raises.
static int bwd_not_implemented(AgNode *n, Tensor *const *gout, Tensor **gin) {
    (void)gout, (void)gin;
    return tl_raise_int(ERR_RUNTIME, "derivative for aten::%s is not implemented", op_info[n->op].name);
}

// The class name PyTorch prints, where one row of ops.def stands for
// several PyTorch overloads.
static const char *node_name(OpCode op, int nin, const Tensor *const *in, const OpArgs *args) {
    if (!ag_backward_fns[op]) return "NotImplemented";
    switch (op) {
    case OP_RSUB: return wrapped(nin, in, 1) ? "RsubBackward1" : "RsubBackward0";
    case OP_REMAINDER: return nin < 2 || wrapped(nin, in, 1) ? "RemainderBackward0" : "RemainderBackward1";
    case OP_FILL: return args && (args->flags & 1) ? "ZeroBackward0" : op_info[op].grad_fn;
    default: return op_info[op].grad_fn;
    }
}

static unsigned hidden_inputs(OpCode op, int nin, const Tensor *const *in) {
    unsigned h = specs[op].hidden;
    if (specs[op].rest)
        for (int i = 3; i < nin && i < 32; i++) h |= 1u << i;
    // rsub(Tensor, Scalar) and remainder(Tensor, Scalar) take the scalar as
    // an argument, not an input: one edge only.
    if ((op == OP_RSUB || op == OP_REMAINDER) && wrapped(nin, in, 1)) h |= 1u << 1;
    return h;
}

static uint8_t save_in_rule(OpCode op, int i) {
    if (i < 3) return specs[op].save_in[i];
    return specs[op].rest ? ALL : 0;
}

static bool saves_anything(OpCode op) {
    const OpSpec *s = &specs[op];
    return s->save_in[0] | s->save_in[1] | s->save_in[2] | s->save_out[0] | s->save_out[1] | s->rest;
}

// A node for op over [in] with [nout] outputs, edges and input saves done.
static AgNode *make_node(OpCode op, int nin, const Tensor *const *in, const OpArgs *args, int nout) {
    int nsaved = saves_anything(op) ? nin + nout : 0;
    AgBackwardFn fn = ag_backward_fns[op] ? ag_backward_fns[op] : bwd_not_implemented;
    AgNode *n = node_new(node_name(op, nin, in, args), fn, nin, nout, nsaved);
    n->op = op;
    if (args) n->args = *args;
    else if (op == OP_ADD || op == OP_SUB || op == OP_RSUB) n->args.s[0] = 1;   // alpha
    else if (op == OP_ADDMM) n->args.s[0] = n->args.s[1] = 1;                  // beta, alpha
    n->hidden = hidden_inputs(op, nin, in);
    unsigned needs_mask = 0;
    for (int i = 0; i < nin; i++) {
        if (!in[i]) continue;
        info_of(&n->in[i], in[i]);
        if (i < 32 && (n->hidden & (1u << i))) continue;
        n->next[i] = node_gradient_edge(in[i]);
        if (n->next[i].fn && i < 8) needs_mask |= 1u << i;
    }
    if (nsaved)
        for (int i = 0; i < nin; i++)
            if (in[i] && save_in_rule(op, i) && save_rule(save_in_rule(op, i), needs_mask))
                saved_put(&n->saved[i], in[i], false, 0);
    return n;
}

static void save_outputs(AgNode *n, Tensor *const *outs, int nout) {
    if (!n->nsaved) return;
    unsigned needs_mask = 0;
    for (int i = 0; i < n->nin && i < 8; i++)
        if (n->next[i].fn) needs_mask |= 1u << i;
    for (int j = 0; j < nout && j < 2; j++)
        if (specs[n->op].save_out[j] && save_rule(specs[n->op].save_out[j], needs_mask))
            saved_put(&n->saved[n->nin + j], outs[j], true, j);
}

static bool recordable(OpCode op) {
    return (int)op >= 0 && op < OP__COUNT;
}

Tensor *ag_record(OpCode op, Tensor *out, int nin, const Tensor *const *in, const OpArgs *args) {
    if (!out || !recordable(op) || !dtype_is_floating(out->dtype) || !ag_wanted(nin, in))
        return out;
    for (int i = 0; i < nin; i++)
        if (in[i] == out) return out;        // the op handed its input back
    AgNode *n = make_node(op, nin, in, args, 1);
    node_set_output(n, out, 0);
    save_outputs(n, &out, 1);
    ag_node_release(n);
    if (op_info[op].kind == OPK_VIEW) view_mark(out);
    return out;
}

int ag_record_multi(OpCode op, Tensor **outs, int nout, int nin, const Tensor *const *in,
                    const OpArgs *args) {
    if (!recordable(op) || !ag_wanted(nin, in)) return 0;
    bool any = false;
    for (int j = 0; j < nout; j++) any |= dtype_is_floating(outs[j]->dtype);
    if (!any) return 0;
    AgNode *n = make_node(op, nin, in, args, nout);
    for (int j = 0; j < nout; j++) {
        if (dtype_is_floating(outs[j]->dtype)) node_set_output(n, outs[j], j);
        else info_of(&n->out[j], outs[j]);
        if (op_info[op].kind == OPK_VIEW) view_mark(outs[j]);
    }
    save_outputs(n, outs, nout);
    ag_node_release(n);
    return 0;
}

// ---- in-place ops ----

static int inplace_errors(const Tensor *self) {
    if (self->requires_grad && !self->grad_fn)
        return tl_raise_int(ERR_RUNTIME, "a leaf Variable that requires grad is being used in an "
                            "in-place operation.");
    const Tensor *base = self->base;
    if (base && base->requires_grad) {
        if (!self->requires_grad)
            return tl_raise_int(ERR_RUNTIME, "A view was created in no_grad mode and is being "
                                "modified inplace with grad mode enabled. Given that this use case "
                                "is ambiguous and error-prone, it is forbidden. You can clarify your "
                                "code by moving both the view and the inplace either both inside the "
                                "no_grad block (if you don't want the inplace to be tracked) or both "
                                "outside (if you want the inplace to be tracked).");
        if (!base->grad_fn)
            return tl_raise_int(ERR_RUNTIME, "a view of a leaf Variable that requires grad is being "
                                "used in an in-place operation.");
    }
    return 0;
}

int ag_inplace_begin(AgInplace *st, OpCode op, Tensor *self, int nin, const Tensor *const *in) {
    memset(st, 0, sizeof *st);
    st->op = op;
    st->self = self;
    if (nin > AG_INPLACE_MAX_IN)
        return tl_raise_int(ERR_INDEX, "too many indices (at most %d)", AG_INPLACE_MAX_IN - 2);
    st->nin = nin;
    for (int i = 0; i < nin; i++) st->in[i] = in[i];
    if (!ag_grad_enabled()) return 0;
    view_refresh(self);
    if (inplace_errors(self) < 0) return -1;
    unsigned needs_mask = self->requires_grad ? 1 : 0;
    for (int i = 0; i < nin; i++)
        if (in[i] && in[i]->requires_grad && i + 1 < 8) needs_mask |= 1u << (i + 1);
    if (!needs_mask || !recordable(op) || !dtype_is_floating(self->dtype)) return 0;
    st->record = true;
    uint8_t rule = save_in_rule(op, 0);
    if (rule && save_rule(rule, needs_mask)) {
        // The backward needs self's old value: keep a copy that carries
        // self's old history.
        if (!(st->orig = tensor_clone(self))) return -1;
        st->orig->grad_fn = ag_node_retain(self->grad_fn);
        st->orig->output_nr = self->output_nr;
        st->orig->requires_grad = self->requires_grad;
    }
    return 0;
}

// [self], a view of [base], was written in place by [fn]'s op: base's new
// history is CopySlices(base's old history, fn), and self's is
// AsStridedBackward0(base's new history), as in PyTorch.
static void copy_slices(AgNode *fn, Tensor *self) {
    Tensor *base = self->base;
    AgNode *cs = node_new("CopySlices", ag_bwd_copy_slices, fn->nin, 1, 0);
    cs->op = fn->op;
    cs->hidden = fn->hidden;
    cs->geom = tl_xmalloc(2 * sizeof *cs->geom);
    geom_of(&cs->geom[0], base);
    geom_of(&cs->geom[1], self);
    cs->next[0] = node_gradient_edge(base);
    info_of(&cs->in[0], base);
    for (int i = 1; i < fn->nin; i++) {
        cs->next[i] = (AgEdge){ag_node_retain(fn->next[i].fn), fn->next[i].input_nr};
        cs->in[i] = fn->in[i];
    }
    cs->wrapped = ag_node_retain(fn);
    node_set_output(cs, base, 0);

    AgNode *v = node_new("AsStridedBackward0", ag_bwd_as_strided, 1, 1, 0);
    v->geom = tl_xmalloc(2 * sizeof *v->geom);
    memcpy(v->geom, cs->geom, 2 * sizeof *v->geom);
    v->next[0] = (AgEdge){ag_node_retain(cs), 0};
    info_of(&v->in[0], base);
    node_set_output(v, self, 0);
    view_mark(self);
    ag_node_release(v);
    ag_node_release(cs);
}

int ag_inplace_end(AgInplace *st, int rc, const OpArgs *args) {
    Tensor *orig = st->orig;
    st->orig = NULL;
    if (rc < 0 || !st->record) {
        tensor_release(orig);
        return rc < 0 ? -1 : 0;
    }
    Tensor *self = st->self;
    const Tensor *ins[1 + AG_INPLACE_MAX_IN];
    ins[0] = orig ? orig : self;
    for (int i = 0; i < st->nin; i++) ins[i + 1] = st->in[i];
    AgNode *fn = make_node(st->op, 1 + st->nin, ins, args, 1);
    tensor_release(orig);
    if (self->base) {
        info_of(&fn->out[0], self);
        save_outputs(fn, &self, 1);
        copy_slices(fn, self);
    } else {
        node_set_output(fn, self, 0);
        save_outputs(fn, &self, 1);
    }
    ag_node_release(fn);
    return 0;
}

// CopySlices: the base's gradient passes through except at the view, where
// the in-place op's own backward turns it into the gradient of the view's
// old value; the op's other inputs get their gradients from that call too.
int ag_bwd_copy_slices(AgNode *n, Tensor *const *gout, Tensor **gin) {
    AgNode *fn = n->wrapped;
    const AgGeom *gb = &n->geom[0], *gv = &n->geom[1];
    Tensor *slice = geom_gather(gout[0], gb, gv);
    if (!slice) return -1;
    Tensor **res = tl_xcalloc((size_t)fn->nin, sizeof *res);
    int rc = fn->backward(fn, &slice, res);
    tensor_release(slice);
    if (rc == 0 && needs(n, 0) && !(gin[0] = geom_replace(gout[0], res[0], gb, gv))) rc = -1;
    for (int i = 1; i < fn->nin; i++) {
        if (rc == 0) gin[i] = res[i];
        else tensor_release(res[i]);
    }
    tensor_release(res[0]);
    free(res);
    return rc;
}
