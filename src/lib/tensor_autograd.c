// Autograd as the language sees it (see tensor_autograd.h): grad_fn node
// objects with next_functions / name() / variable, Tensor.backward and
// register_hook, the grad-mode context managers (also usable as decorators:
// @torch.no_grad()) and torch.autograd (Variable, backward, grad, gradcheck).
#include "lib/tensor_autograd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "common/alloc.h"
#include "lib/tensor_internal.h"
#include "vm/modules.h"

// ---------------------------------------------------------------- grad_fn objects

typedef struct {
    Obj base;
    AgNode *node;        // one reference
} ObjGradFn;

// One type per node name, made on first use and kept for the process.
typedef struct NodeType {
    TypeObj type;
    struct NodeType *next;
} NodeType;
static NodeType *node_types;

static Value node_value(AgNode *n);

static void gradfn_dealloc(Obj *o) {
    ObjGradFn *g = (ObjGradFn *)o;
    ag_node_set_user(g->node, NULL);
    ag_node_release(g->node);
    g->node = NULL;
}

static Value gradfn_repr(Value self) {
    char buf[160];
    snprintf(buf, sizeof buf, "<%s object at %p>", self.as.o->type->name, (void *)self.as.o);
    return str_value(buf);
}

static AgNode *node_of(Value v) { return ((ObjGradFn *)v.as.o)->node; }

static Value gradfn_next_functions(Value self) {
    AgNode *n = node_of(self);
    int k = ag_node_num_next(n);
    ObjTuple *t = tuple_new(k);
    if (!t) return VAL_ERROR;
    for (int i = 0; i < k; i++) {
        int nr = 0;
        AgNode *next = ag_node_next(n, i, &nr);
        Value nv = next ? node_value(next) : NONE_VAL;
        if (IS_ERR(nv)) {
            obj_decref(t);
            return nv;
        }
        t->items[i] = tuple_pack(2, nv, INT_VAL(nr));
    }
    return OBJ_VAL(t);
}

static Value gradfn_metadata(Value self) {
    (void)self;
    return OBJ_VAL(dict_new());
}

static Value gradfn_name(int nargs, Value *args, const KwArgs *kw) {
    if (lib_no_args("name", nargs, kw) < 0) return VAL_ERROR;
    // Nodes written by hand in PyTorch's C++ (not generated) carry their namespace.
    const char *name = ag_node_name(node_of(args[0]));
    if (strcmp(name, "AccumulateGrad") == 0 || strcmp(name, "CopySlices") == 0 ||
        strcmp(name, "CopyBackwards") == 0) {
        char buf[64];
        snprintf(buf, sizeof buf, "torch::autograd::%s", name);
        return str_value(buf);
    }
    return str_value(name);
}

// AccumulateGrad's .variable; other nodes have no such attribute.
static Value gradfn_getattr(Value self, ObjStr *name) {
    if (strcmp(name->data, "variable") != 0) return VAL_UNDEFINED;
    Tensor *v = ag_node_variable(node_of(self));
    return v ? lib_tensor_wrap(tensor_retain(v)) : VAL_UNDEFINED;
}

static const NativeMethodDef gradfn_methods[] = {
    {"name", gradfn_name, NULL},
    {NULL, NULL, NULL},
};

static const NativeGetSetDef gradfn_getset[] = {
    {"next_functions", gradfn_next_functions, NULL, NULL},
    {"metadata", gradfn_metadata, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static TypeObj *node_type(const char *name) {
    for (NodeType *t = node_types; t; t = t->next)
        if (strcmp(t->type.name, name) == 0) return &t->type;
    NodeType *nt = tl_xcalloc(1, sizeof *nt);
    TypeObj *t = &nt->type;
    t->base.refcnt = 1;
    t->base.type = &type_type;
    t->name = tl_xstrdup(name);
    t->instance_size = sizeof(ObjGradFn);
    t->is_native = true;
    t->is_abstract_native = true;
    t->dealloc = gradfn_dealloc;
    t->repr = gradfn_repr;
    t->getattr = gradfn_getattr;
    t->methods = gradfn_methods;
    t->getset = gradfn_getset;
    type_ready(t);
    nt->next = node_types;
    node_types = nt;
    return t;
}

// The node's object: the cached one when alive, so `y.grad_fn is y.grad_fn`.
static Value node_value(AgNode *n) {
    ObjGradFn *cached = ag_node_user(n);
    if (cached) return val_incref(OBJ_VAL(cached));
    ObjGradFn *g = (ObjGradFn *)obj_alloc(node_type(ag_node_name(n)), sizeof(ObjGradFn));
    if (!g) return VAL_ERROR;
    g->node = ag_node_retain(n);
    ag_node_set_user(n, g);
    return OBJ_VAL(g);
}

// Through ag_grad_fn: a stale view's history is regenerated first.
Value lib_ag_grad_fn(const Tensor *t) {
    AgNode *n = t->grad_fn ? ag_grad_fn((Tensor *)t) : NULL;
    return n ? node_value(n) : NONE_VAL;
}

const char *lib_ag_grad_fn_name(const Tensor *t) {
    AgNode *n = t->grad_fn ? ag_grad_fn((Tensor *)t) : NULL;
    return n ? ag_node_name(n) : NULL;
}

// ---------------------------------------------------------------- backward

static int opt_bool(Value v, const char *fname, const char *what, bool dflt, bool *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) {
        *out = dflt;
        return 0;
    }
    return lib_arg_bool(v, fname, what, out);
}

// x.backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)
static Value m_backward(int nargs, Value *args, const KwArgs *kw) {
    SELF("backward");
    static const char *const names[] = {"gradient", "retain_graph", "create_graph", "inputs"};
    Value a[4];
    bool create, retain;
    if (LIB_BIND("backward", nargs - 1, args + 1, kw, names, 4, a) < 0 ||
        opt_bool(a[2], "backward", "create_graph", false, &create) < 0 ||
        opt_bool(a[1], "backward", "retain_graph", create, &retain) < 0)
        return VAL_ERROR;
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3]))
        return exc_raise(exc_class_for_kind(ERR_NOT_IMPLEMENTED), "backward(inputs=...) is not supported by tl");
    Tensor *grad = NULL;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0]) && lib_arg_tensor(a[0], "backward", "gradient", 1, &grad) < 0)
        return VAL_ERROR;
    Tensor *roots[1] = {self}, *grads[1] = {grad};
    if (ag_backward(1, roots, grads, retain, create) < 0) return VAL_ERROR;
    return NONE_VAL;
}

static Value m_retain_grad(int nargs, Value *args, const KwArgs *kw) {
    SELF("retain_grad");
    if (lib_no_args("retain_grad", nargs, kw) < 0 || ag_retain_grad(self) < 0) return VAL_ERROR;
    return NONE_VAL;
}

// ---- hooks ----

typedef struct {
    Value fn;
} HookCtx;

static int hook_call(void *ctx, const Tensor *grad, Tensor **out) {
    HookCtx *h = ctx;
    Value g = lib_tensor_wrap(tensor_retain((Tensor *)grad));
    if (IS_ERR(g)) return -1;
    Value r = val_call(h->fn, 1, &g, NULL);
    val_decref(g);
    if (IS_ERR(r)) return -1;
    if (lib_is_tensor(r)) *out = tensor_retain(lib_tensor(r));
    else if (!IS_NONE(r)) {
        val_decref(r);
        return tl_raise_int(ERR_TYPE, "hook should return a Tensor or None");
    }
    val_decref(r);
    return 0;
}

static void hook_release(void *ctx) {
    HookCtx *h = ctx;
    val_decref(h->fn);
    free(h);
}

typedef struct {
    Obj base;
    AgHook *hook;
} ObjHookHandle;

static void handle_dealloc(Obj *o) {
    ag_hook_release(((ObjHookHandle *)o)->hook);
}

static Value handle_remove(int nargs, Value *args, const KwArgs *kw) {
    if (lib_no_args("remove", nargs, kw) < 0) return VAL_ERROR;
    ag_hook_remove(((ObjHookHandle *)args[0].as.o)->hook);
    return NONE_VAL;
}

static const NativeMethodDef handle_methods[] = {
    {"remove", handle_remove, NULL},
    {NULL, NULL, NULL},
};

static TypeObj type_hook_handle = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "RemovableHandle",
    .module_name = "torch.utils.hooks",
    .instance_size = sizeof(ObjHookHandle),
    .is_native = true,
    .is_abstract_native = true,
    .dealloc = handle_dealloc,
    .methods = handle_methods,
};

static Value m_register_hook(int nargs, Value *args, const KwArgs *kw) {
    SELF("register_hook");
    if (arg_check_count("register_hook", nargs - 1, 1, 1) < 0 || arg_no_kwargs("register_hook", kw) < 0)
        return VAL_ERROR;
    HookCtx *ctx = tl_xmalloc(sizeof *ctx);
    ctx->fn = val_incref(args[1]);
    AgHook *h = ag_register_hook(self, hook_call, ctx, hook_release);
    if (!h) return VAL_ERROR;
    type_ready(&type_hook_handle);
    ObjHookHandle *o = (ObjHookHandle *)obj_alloc(&type_hook_handle, sizeof(ObjHookHandle));
    if (!o) {
        ag_hook_release(h);
        return VAL_ERROR;
    }
    o->hook = h;
    return OBJ_VAL(o);
}

const NativeMethodDef lib_tensor_methods_autograd[] = {
    {"backward", m_backward, NULL},
    {"retain_grad", m_retain_grad, NULL},
    {"register_hook", m_register_hook, NULL},
    {NULL, NULL, NULL},
};

// ---------------------------------------------------------------- grad mode

typedef enum { GM_NO_GRAD, GM_ENABLE_GRAD, GM_SET, GM_INFERENCE } GradModeKind;

typedef struct {
    Obj base;
    bool mode;           // the mode inside the block
    bool prev;           // the mode before __enter__ (set_grad_enabled: before construction)
} ObjGradMode;

static TypeObj type_no_grad, type_enable_grad, type_set_grad_enabled, type_inference_mode;

static Value grad_mode_new(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    ObjGradMode *o;
    if (type == &type_set_grad_enabled) {
        static const char *const names[] = {"mode"};
        Value a[1];
        bool mode;
        if (LIB_BIND("set_grad_enabled", nargs, args, kw, names, 1, a) < 0) return VAL_ERROR;
        if (IS_UNDEF(a[0]))
            return exc_raise(exc_TypeError, "__init__() missing 1 required positional argument: 'mode'");
        if (lib_arg_bool(a[0], "set_grad_enabled", "mode", &mode) < 0) return VAL_ERROR;
        if (!(o = (ObjGradMode *)obj_alloc(type, sizeof(ObjGradMode)))) return VAL_ERROR;
        o->mode = mode;
        o->prev = ag_set_grad_enabled(mode);   // takes effect at once, as in PyTorch
        return OBJ_VAL(o);
    }
    bool mode = type == &type_enable_grad;
    if (type == &type_inference_mode) {
        static const char *const names[] = {"mode"};
        Value a[1];
        bool on = true;
        if (LIB_BIND("inference_mode", nargs, args, kw, names, 1, a) < 0 ||
            (!IS_UNDEF(a[0]) && lib_arg_bool(a[0], "inference_mode", "mode", &on) < 0))
            return VAL_ERROR;
        mode = !on;
    } else if (nargs || (kw && kw->n)) {
        return exc_raise(exc_TypeError, "%s() takes no arguments", type->name);
    }
    if (!(o = (ObjGradMode *)obj_alloc(type, sizeof(ObjGradMode)))) return VAL_ERROR;
    o->mode = mode;
    o->prev = ag_grad_enabled();
    return OBJ_VAL(o);
}

static Value grad_mode_enter(Value self) {
    ObjGradMode *o = (ObjGradMode *)self.as.o;
    if (self.as.o->type != &type_set_grad_enabled) o->prev = ag_set_grad_enabled(o->mode);
    return NONE_VAL;
}

static Value grad_mode_exit(Value self, Value et, Value e, Value tb) {
    (void)et, (void)e, (void)tb;
    ag_set_grad_enabled(((ObjGradMode *)self.as.o)->prev);
    return BOOL_VAL(false);
}

static Value grad_mode_repr(Value self) {
    char buf[128];
    snprintf(buf, sizeof buf, "<torch.autograd.grad_mode.%s object at %p>", self.as.o->type->name,
             (void *)self.as.o);
    return str_value(buf);
}

// @torch.no_grad(): a function running with the mode set.
typedef struct {
    Obj base;
    Value fn;
    bool mode;
} ObjGradModeFn;

static void gmfn_dealloc(Obj *o) {
    val_decref(((ObjGradModeFn *)o)->fn);
}

static Value gmfn_call(Value self, int nargs, Value *args, const KwArgs *kw) {
    ObjGradModeFn *w = (ObjGradModeFn *)self.as.o;
    bool prev = ag_set_grad_enabled(w->mode);
    Value r = val_call(w->fn, nargs, args, kw);
    ag_set_grad_enabled(prev);
    return r;
}

static Value gmfn_getattr(Value self, ObjStr *name) {
    // __name__, __doc__ ... come from the wrapped function (functools.wraps).
    return val_getattr(((ObjGradModeFn *)self.as.o)->fn, name);
}

static TypeObj type_grad_mode_fn = {
    .base = {.refcnt = 1, .type = &type_type},
    .name = "function",
    .instance_size = sizeof(ObjGradModeFn),
    .is_native = true,
    .is_abstract_native = true,
    .dealloc = gmfn_dealloc,
    .call = gmfn_call,
    .getattr = gmfn_getattr,
};

static Value grad_mode_call(Value self, int nargs, Value *args, const KwArgs *kw) {
    if (nargs != 1 || (kw && kw->n))
        return exc_raise(exc_TypeError, "%s object is not callable with these arguments", self.as.o->type->name);
    type_ready(&type_grad_mode_fn);
    ObjGradModeFn *w = (ObjGradModeFn *)obj_alloc(&type_grad_mode_fn, sizeof(ObjGradModeFn));
    if (!w) return VAL_ERROR;
    w->fn = val_incref(args[0]);
    w->mode = ((ObjGradMode *)self.as.o)->mode;
    return OBJ_VAL(w);
}

#define GRAD_MODE_TYPE(VAR, NAME)                                  \
    static TypeObj VAR = {                                         \
        .base = {.refcnt = 1, .type = &type_type},                 \
        .name = NAME,                                              \
        .module_name = "torch.autograd.grad_mode",                 \
        .instance_size = sizeof(ObjGradMode),                      \
        .is_native = true,                                         \
        .call_type = grad_mode_new,                                \
        .repr = grad_mode_repr,                                    \
        .call = grad_mode_call,                                    \
        .enter = grad_mode_enter,                                  \
        .exit = grad_mode_exit,                                    \
    }

GRAD_MODE_TYPE(type_no_grad, "no_grad");
GRAD_MODE_TYPE(type_enable_grad, "enable_grad");
GRAD_MODE_TYPE(type_set_grad_enabled, "set_grad_enabled");
GRAD_MODE_TYPE(type_inference_mode, "inference_mode");

static Value f_is_grad_enabled(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (arg_check_count("is_grad_enabled", nargs, 0, 0) < 0 || arg_no_kwargs("is_grad_enabled", kw) < 0)
        return VAL_ERROR;
    return BOOL_VAL(ag_grad_enabled());
}

static void add_grad_mode_types(ObjModule *m) {
    TypeObj *types[] = {&type_no_grad, &type_enable_grad, &type_set_grad_enabled, &type_inference_mode};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        type_ready(types[i]);
        module_add_value(m, types[i]->name, val_incref(OBJ_VAL(types[i])));
    }
}

void lib_torch_add_grad_mode(ObjModule *m) {
    add_grad_mode_types(m);
    module_add_fn(m, "is_grad_enabled", f_is_grad_enabled, NULL);
}

// ---------------------------------------------------------------- torch.autograd

// Variable(data, requires_grad=False): a new tensor sharing data's storage.
static Value f_variable(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"data", "requires_grad", "volatile"};
    Value a[3];
    Tensor *t;
    bool rg;
    if (LIB_BIND("Variable", nargs, args, kw, names, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return lib_tensor_wrap(tensor_empty(1, &(int64_t){0}, dtype_default_float()));
    if (lib_arg_tensor(a[0], "Variable", "data", 1, &t) < 0 ||
        opt_bool(a[1], "Variable", "requires_grad", false, &rg) < 0)
        return VAL_ERROR;
    Tensor *d = ag_detach(t);
    if (!d) return VAL_ERROR;
    if (rg && ag_set_requires_grad(d, true) < 0) {
        tensor_release(d);
        return VAL_ERROR;
    }
    return lib_tensor_wrap(d);
}

// A tensor or a sequence of tensors as a malloc'd array (borrowed entries).
static int tensor_seq(Value v, const char *fname, const char *what, Tensor ***out, int *n) {
    if (lib_is_tensor(v)) {
        *out = tl_xmalloc(sizeof(Tensor *));
        (*out)[0] = lib_tensor(v);
        *n = 1;
        return 0;
    }
    return lib_arg_tensor_list(v, fname, what, out, n);
}

// Gradient arguments: None, a tensor, or a sequence of tensors/None; [n] entries.
static int grad_seq(Value v, int n, Tensor **out) {
    for (int i = 0; i < n; i++) out[i] = NULL;
    if (IS_UNDEF(v) || IS_NONE(v)) return 0;
    if (lib_is_tensor(v)) {
        out[0] = lib_tensor(v);
        return 0;
    }
    Value *items;
    int64_t len;
    if (!lib_seq(v, &items, &len))
        return tl_raise_int(ERR_TYPE, "grad_tensors must be a Tensor, a sequence of Tensors or None");
    if (len != n)
        return tl_raise_int(ERR_RUNTIME, "got %lld tensors and %d gradients", (long long)len, n);
    for (int i = 0; i < n; i++)
        if (lib_is_tensor(items[i])) out[i] = lib_tensor(items[i]);
    return 0;
}

static Value f_backward(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"tensors", "grad_tensors", "retain_graph", "create_graph",
                                        "grad_variables", "inputs"};
    Value a[6];
    Tensor **roots;
    int n;
    bool create, retain;
    if (LIB_BIND("backward", nargs, args, kw, names, 4, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "backward() missing required argument 'tensors'");
    if (opt_bool(a[3], "backward", "create_graph", false, &create) < 0 ||
        opt_bool(a[2], "backward", "retain_graph", create, &retain) < 0 ||
        tensor_seq(a[0], "backward", "tensors", &roots, &n) < 0)
        return VAL_ERROR;
    Tensor **grads = tl_xcalloc((size_t)(n ? n : 1), sizeof *grads);
    int rc = grad_seq(IS_UNDEF(a[1]) ? a[4] : a[1], n, grads);
    if (rc == 0) rc = ag_backward(n, roots, grads, retain, create);
    free(roots);
    free(grads);
    return rc < 0 ? VAL_ERROR : NONE_VAL;
}

static Value f_grad(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"outputs", "inputs", "grad_outputs", "retain_graph", "create_graph",
                                        "only_inputs", "allow_unused"};
    Value a[7];
    Tensor **outs = NULL, **ins = NULL, **gouts = NULL, **res = NULL;
    int no, ni;
    bool create, retain, unused;
    Value r = VAL_ERROR;
    if (LIB_BIND("grad", nargs, args, kw, names, 7, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1]))
        return exc_raise(exc_TypeError, "grad() missing required arguments 'outputs' and 'inputs'");
    if (opt_bool(a[4], "grad", "create_graph", false, &create) < 0 ||
        opt_bool(a[3], "grad", "retain_graph", create, &retain) < 0 ||
        opt_bool(a[6], "grad", "allow_unused", false, &unused) < 0 ||
        tensor_seq(a[0], "grad", "outputs", &outs, &no) < 0)
        return VAL_ERROR;
    if (tensor_seq(a[1], "grad", "inputs", &ins, &ni) < 0) goto done;
    gouts = tl_xcalloc((size_t)(no ? no : 1), sizeof *gouts);
    res = tl_xcalloc((size_t)(ni ? ni : 1), sizeof *res);
    if (grad_seq(a[2], no, gouts) < 0 || ag_grad(no, outs, gouts, ni, ins, retain, create, unused, res) < 0)
        goto done;
    ObjTuple *t = tuple_new(ni);
    if (!t) goto done;
    for (int i = 0; i < ni; i++) {
        t->items[i] = res[i] ? lib_tensor_wrap(res[i]) : NONE_VAL;
        res[i] = NULL;
    }
    r = OBJ_VAL(t);
done:
    if (res)
        for (int i = 0; i < ni; i++) tensor_release(res[i]);
    free(outs);
    free(ins);
    free(gouts);
    free(res);
    return r;
}

// gradcheck(func, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, ...)
typedef struct {
    Value fn;
} CheckCtx;

static int gradcheck_call(void *ctx, Tensor *const *in, int nin, Tensor **out, int *nout) {
    CheckCtx *c = ctx;
    Value argv[AG_GRADCHECK_MAX_OUT * 4];
    if (nin > (int)(sizeof argv / sizeof argv[0])) return tl_raise_int(ERR_VALUE, "gradcheck: too many inputs");
    for (int i = 0; i < nin; i++) argv[i] = lib_tensor_wrap(tensor_retain(in[i]));
    Value r = val_call(c->fn, nin, argv, NULL);
    for (int i = 0; i < nin; i++) val_decref(argv[i]);
    if (IS_ERR(r)) return -1;
    Value *items;
    int64_t len;
    *nout = 0;
    if (lib_is_tensor(r)) {
        out[(*nout)++] = tensor_retain(lib_tensor(r));
    } else if (lib_seq(r, &items, &len)) {
        for (int64_t i = 0; i < len && *nout < AG_GRADCHECK_MAX_OUT; i++)
            if (lib_is_tensor(items[i])) out[(*nout)++] = tensor_retain(lib_tensor(items[i]));
    }
    val_decref(r);
    return 0;
}

static Value f_gradcheck(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"func", "inputs", "eps", "atol", "rtol", "raise_exception"};
    Value a[6];
    Tensor **ins;
    int n;
    double eps = 1e-6, atol = 1e-5, rtol = 1e-3;
    bool raise = true;
    if (LIB_BIND("gradcheck", nargs, args, kw, names, 6, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0]) || IS_UNDEF(a[1]))
        return exc_raise(exc_TypeError, "gradcheck() missing required arguments 'func' and 'inputs'");
    if ((!IS_UNDEF(a[2]) && lib_arg_double(a[2], "gradcheck", "eps", &eps) < 0) ||
        (!IS_UNDEF(a[3]) && lib_arg_double(a[3], "gradcheck", "atol", &atol) < 0) ||
        (!IS_UNDEF(a[4]) && lib_arg_double(a[4], "gradcheck", "rtol", &rtol) < 0) ||
        opt_bool(a[5], "gradcheck", "raise_exception", true, &raise) < 0 ||
        tensor_seq(a[1], "gradcheck", "inputs", &ins, &n) < 0)
        return VAL_ERROR;
    CheckCtx ctx = {a[0]};
    int r = ag_gradcheck(gradcheck_call, &ctx, ins, n, eps, atol, rtol, raise);
    free(ins);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r == 1);
}

static ObjModule *autograd_module;

ObjModule *lib_torch_autograd_init(void) {
    if (autograd_module) return obj_incref(autograd_module);
    ObjModule *m = module_new("torch.autograd");
    if (!m) return NULL;
    module_add_fn(m, "Variable", f_variable, NULL);
    module_add_fn(m, "backward", f_backward, NULL);
    module_add_fn(m, "grad", f_grad, NULL);
    module_add_fn(m, "gradcheck", f_gradcheck, NULL);
    lib_torch_add_grad_mode(m);
    autograd_module = m;
    return obj_incref(m);
}
