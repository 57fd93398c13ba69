// Autograd's behaviour against PyTorch 1.13: grad_fn class names and
// next_functions for a table of expressions, gradient values, PyTorch's error
// messages, accumulation across backward calls, retain_graph, hooks and
// retain_grad, grad mode, create_graph (second derivatives), in-place ops on
// non-leaf tensors and views, and memory (a 10,000-step training loop in
// constant memory, a 100,000-node chain freed without recursion).
// Expected values were printed by /usr/bin/python3 with torch 1.13, e.g.
//   x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
//   r = x + 1; print(type(r.grad_fn).__name__, tuple((type(f).__name__ if f
//       else None, i) for f, i in r.grad_fn.next_functions))
// Ops are recorded the way the bindings do it: forward, then ag_record().
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/autograd.h"
#include "autograd/functions.h"
#include "common/error.h"
#include "harness.h"
#include "tensor/convert.h"
#include "tensor/create.h"
#include "tensor/elementwise.h"
#include "tensor/index.h"
#include "tensor/linalg.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"
#include "tensor/storage.h"

static Tensor *vec(int n, const double *v, bool rg) {
    int64_t s[1] = {n};
    Tensor *t = tensor_from_f64(v, 1, s, DT_F32);
    if (rg) ag_set_requires_grad(t, true);
    return t;
}

static Tensor *mat22(bool rg) {
    int64_t s[2] = {2, 2};
    Tensor *t = tensor_from_f64((double[]){1, 2, 3, 4}, 2, s, DT_F32);
    if (rg) ag_set_requires_grad(t, true);
    return t;
}

static bool values_are(const Tensor *t, int n, const double *want) {
    if (!t || tensor_numel(t) != n) return false;
    for (int i = 0; i < n; i++)
        if (fabs(tensor_get_flat(t, i) - want[i]) > 1e-5) return false;
    return true;
}

// "(('AccumulateGrad', 0), (None, 0))", as Python prints next_functions.
static const char *next_functions(const Tensor *t) {
    static char buf[512];
    size_t k = 0;
    int n = t->grad_fn ? ag_node_num_next(t->grad_fn) : 0;
    k += (size_t)snprintf(buf + k, sizeof buf - k, "(");
    for (int i = 0; i < n; i++) {
        int nr;
        AgNode *f = ag_node_next(t->grad_fn, i, &nr);
        if (f) k += (size_t)snprintf(buf + k, sizeof buf - k, "%s('%s', %d)", i ? ", " : "", ag_node_name(f), nr);
        else k += (size_t)snprintf(buf + k, sizeof buf - k, "%s(None, %d)", i ? ", " : "", nr);
    }
    snprintf(buf + k, sizeof buf - k, n == 1 ? ",)" : ")");
    return buf;
}

static const char *name_of(const Tensor *t) { return t && t->grad_fn ? ag_node_name(t->grad_fn) : "None"; }

static Tensor *scalar_op(OpCode op, const Tensor *a, double s) { return ag_scalar(op, a, s); }

// s op a with s wrapped (2 ** x), as the bindings' rbinary_scalar records it.
static Tensor *rscalar_op(OpCode op, double s, const Tensor *a) {
    Tensor *w = tensor_from_scalar(tensor_scalar_float(s), true);
    const Tensor *in[2] = {w, a};
    Tensor *out = ag_record(op, tensor_binary(op, w, a, NULL), 2, in, NULL);
    tensor_release(w);
    return out;
}

static Tensor *sum_all(const Tensor *t) { return ag_sum(t, NULL, 0, false); }

static Tensor *sum_dim(const Tensor *t, int64_t d) {
    OpArgs a = {0};
    a.dims[0] = d;
    a.ndims = 1;
    const Tensor *in[1] = {t};
    return ag_record(OP_SUM_DIM, tensor_sum(t, &d, 1, false, REDUCE_NO_DTYPE), 1, in, &a);
}

static Tensor *mean_all(const Tensor *t) {
    const Tensor *in[1] = {t};
    return ag_record(OP_MEAN, tensor_mean(t, NULL, 0, false, REDUCE_NO_DTYPE), 1, in, NULL);
}

static Tensor *pow_int(const Tensor *t, int64_t e) {
    OpArgs a = {0};
    a.s[0] = (double)e;
    a.i[0] = e;
    a.mode = SCALAR_INT;
    const Tensor *in[1] = {t};
    return ag_record(OP_POW_SCALAR, tensor_pow_scalar(t, tensor_scalar_int(e)), 1, in, &a);
}

static Tensor *clamp_min(const Tensor *t, double lo) {
    TensorScalar s = tensor_scalar_float(lo);
    OpArgs a = {0};
    a.s[0] = lo;
    a.flags = 1;
    const Tensor *in[1] = {t};
    return ag_record(OP_CLAMP, tensor_clamp(t, &s, NULL), 1, in, &a);
}

static Tensor *view4(const Tensor *t) {
    int64_t s[1] = {4};
    const Tensor *in[1] = {t};
    OpArgs a = {0};
    return ag_record(OP_VIEW, tensor_view(t, 1, s), 1, in, &a);
}

static Tensor *slice_rows(const Tensor *t, int64_t start, int64_t stop) {
    OpArgs a = {0};
    a.i[0] = 0;
    a.i[1] = start;
    a.i[2] = stop;
    a.i[3] = 1;
    const Tensor *in[1] = {t};
    return ag_record(OP_SLICE, tensor_slice(t, 0, start, stop, 1), 1, in, &a);
}

static Tensor *cat2(const Tensor *a, const Tensor *b) {
    const Tensor *in[2] = {a, b};
    return ag_cat(2, in, 0);
}

static Tensor *where_gt2(const Tensor *x, const Tensor *other) {
    Tensor *cond = tensor_binary_scalar(OP_GT, x, tensor_scalar_float(2), NULL);
    Tensor *out = ag_where(cond, x, other);
    tensor_release(cond);
    return out;
}

static Tensor *max_dim0(const Tensor *x) {
    Tensor *v, *i;
    int64_t d = 0;
    OpArgs a = {0};
    a.dims[0] = 0;
    a.ndims = 1;
    if (tensor_max_dim(x, d, false, &v, &i) < 0) return NULL;
    Tensor *outs[2] = {v, i};
    const Tensor *in[1] = {x};
    ag_record_multi(OP_MAX_DIM, outs, 2, 1, in, &a);
    tensor_release(i);
    return v;
}

static Tensor *addmm(const Tensor *v, const Tensor *x) {
    OpArgs a = {0};
    a.s[0] = a.s[1] = 1;
    const Tensor *in[3] = {v, x, x};
    return ag_record(OP_ADDMM, tensor_addmm(v, x, x, 1, 1), 3, in, &a);
}

// ---- grad_fn names and next_functions ----

typedef struct {
    const char *expr, *name, *next;
} NameCase;

static void check_name(Tensor *r, const NameCase *c) {
    if (strcmp(name_of(r), c->name) != 0 || (c->next && strcmp(next_functions(r), c->next) != 0))
        fprintf(stderr, "%s: got %s %s\n", c->expr, name_of(r), next_functions(r));
    CHECK_STR(name_of(r), c->name);
    if (c->next) CHECK_STR(next_functions(r), c->next);
    tensor_release(r);
}

static void test_names(void) {
    Tensor *x = mat22(true);
    Tensor *v = vec(2, (double[]){1, 2}, true);
    Tensor *c = vec(2, (double[]){1, 2}, false);
    int64_t s3[3] = {2, 2, 2};
    Tensor *b = tensor_ones(3, s3, DT_F32);
    ag_set_requires_grad(b, true);
    static const char ACC[] = "(('AccumulateGrad', 0),)";
    static const char ACC_NONE[] = "(('AccumulateGrad', 0), (None, 0))";
    static const NameCase cases[] = {
        {"x+1", "AddBackward0", ACC_NONE}, {"x*2", "MulBackward0", ACC_NONE},
        {"2-x", "RsubBackward1", ACC}, {"x**2", "PowBackward0", ACC},
        {"2**x", "PowBackward1", "((None, 0), ('AccumulateGrad', 0))"},
        {"x-c", "SubBackward0", ACC_NONE}, {"c*x", "MulBackward0", "((None, 0), ('AccumulateGrad', 0))"},
        {"x/2", "DivBackward0", ACC_NONE}, {"x.sum()", "SumBackward0", ACC},
        {"x.sum(0)", "SumBackward1", ACC}, {"x.mean()", "MeanBackward0", ACC},
        {"x@v", "MvBackward0", "(('AccumulateGrad', 0), ('AccumulateGrad', 0))"},
        {"cat((x, x))", "CatBackward0", "(('AccumulateGrad', 0), ('AccumulateGrad', 0))"},
        {"x.clamp(min=0)", "ClampBackward1", ACC}, {"where(x>2, x, c)", "WhereBackward0", ACC_NONE},
        {"addmm(v, x, x)", "AddmmBackward0", "(('AccumulateGrad', 0), ('AccumulateGrad', 0), ('AccumulateGrad', 0))"},
        {"outer(v, v)", "MulBackward0", "(('ReshapeAliasBackward0', 0), ('AccumulateGrad', 0))"},
        {"x.reshape(4)", "ReshapeAliasBackward0", ACC}, {"x.t().reshape(4)", "UnsafeViewBackward0", NULL},
        {"x % 2", "RemainderBackward0", ACC},
        {"x.max(0)[0]", "MaxBackward0", ACC}, {"x.to(float64)", "ToCopyBackward0", ACC},
        {"(x*2).sum()", "SumBackward0", "(('MulBackward0', 0),)"}, {"x.view(4)", "ViewBackward0", ACC},
        {"x.t()", "TBackward0", ACC}, {"x.transpose(0, 1)", "TransposeBackward0", ACC},
        {"x.mm(x)", "MmBackward0", NULL}, {"x[0]", "SelectBackward0", ACC}, {"x[0:1]", "SliceBackward0", ACC},
        {"dot(x[0], x[1])", "DotBackward0", "(('SelectBackward0', 0), ('SelectBackward0', 0))"},
        {"relu(x - 2)", "ReluBackward0", "(('SubBackward0', 0),)"}, {"-x", "NegBackward0", ACC},
        {"x.exp()", "ExpBackward0", ACC}, {"x.unsqueeze(0)", "UnsqueezeBackward0", ACC},
        {"x.expand(3, 2, 2)", "ExpandBackward0", ACC}, {"x.clone()", "CloneBackward0", ACC},
        {"b @ b", "UnsafeViewBackward0", "(('BmmBackward0', 0),)"},
        {"b @ x", "UnsafeViewBackward0", "(('MmBackward0', 0),)"},
        {"v @ x", "SqueezeBackward1", "(('MmBackward0', 0),)"},
        {"x @ b", "CloneBackward0", "(('TransposeBackward0', 0),)"},
        {"x.std()", "StdBackward0", ACC}, {"x.norm()", "NormBackward1", ACC},
        {"x.max()", "MaxBackward1", ACC}, {"x.cumsum(0)", "CumsumBackward0", ACC},
        {"x.masked_fill(x>2, 0)", "MaskedFillBackward0", ACC}, {"x.sigmoid()", "SigmoidBackward0", ACC},
        {"x.tanh()", "TanhBackward0", ACC}, {"x.abs()", "AbsBackward0", ACC},
    };
    int k = 0;
    check_name(scalar_op(OP_ADD, x, 1), &cases[k++]);
    check_name(scalar_op(OP_MUL, x, 2), &cases[k++]);
    check_name(scalar_op(OP_RSUB, x, 2), &cases[k++]);
    check_name(pow_int(x, 2), &cases[k++]);
    check_name(rscalar_op(OP_POW, 2, x), &cases[k++]);
    check_name(ag_sub(x, c), &cases[k++]);
    check_name(ag_mul(c, x), &cases[k++]);
    check_name(scalar_op(OP_DIV, x, 2), &cases[k++]);
    check_name(sum_all(x), &cases[k++]);
    check_name(sum_dim(x, 0), &cases[k++]);
    check_name(mean_all(x), &cases[k++]);
    check_name(ag_matmul(x, v), &cases[k++]);
    check_name(cat2(x, x), &cases[k++]);
    check_name(clamp_min(x, 0), &cases[k++]);
    check_name(where_gt2(x, c), &cases[k++]);
    check_name(addmm(v, x), &cases[k++]);
    check_name(ag_outer(v, v), &cases[k++]);
    check_name(ag_reshape(x, 1, (int64_t[]){4}), &cases[k++]);
    Tensor *xt = ag_t(x);
    check_name(ag_reshape(xt, 1, (int64_t[]){4}), &cases[k++]);
    tensor_release(xt);
    check_name(scalar_op(OP_REMAINDER, x, 2), &cases[k++]);
    check_name(max_dim0(x), &cases[k++]);
    check_name(ag_to_dtype(x, DT_F64), &cases[k++]);
    Tensor *x2 = scalar_op(OP_MUL, x, 2);
    check_name(sum_all(x2), &cases[k++]);
    tensor_release(x2);
    check_name(view4(x), &cases[k++]);
    check_name(ag_t(x), &cases[k++]);
    check_name(ag_transpose(x, 0, 1), &cases[k++]);
    check_name(ag_mm(x, x), &cases[k++]);
    check_name(ag_select(x, 0, 0), &cases[k++]);
    check_name(slice_rows(x, 0, 1), &cases[k++]);
    Tensor *r0 = ag_select(x, 0, 0), *r1 = ag_select(x, 0, 1);
    check_name(ag_dot(r0, r1), &cases[k++]);
    tensor_release(r0);
    tensor_release(r1);
    Tensor *xm2 = scalar_op(OP_SUB, x, 2);
    check_name(ag_unary(OP_RELU, xm2, NULL), &cases[k++]);
    tensor_release(xm2);
    check_name(ag_neg(x), &cases[k++]);
    check_name(ag_unary(OP_EXP, x, NULL), &cases[k++]);
    check_name(ag_unsqueeze(x, 0), &cases[k++]);
    check_name(ag_expand(x, 3, (int64_t[]){3, 2, 2}), &cases[k++]);
    check_name(ag_clone(x), &cases[k++]);
    check_name(ag_matmul(b, b), &cases[k++]);
    check_name(ag_matmul(b, x), &cases[k++]);
    check_name(ag_matmul(v, x), &cases[k++]);
    check_name(ag_matmul(x, b), &cases[k++]);
    const Tensor *in[1] = {x};
    OpArgs corr = {0};
    corr.s[0] = 1;
    check_name(ag_record(OP_STD, tensor_std(x, NULL, 0, 1, false), 1, in, &corr), &cases[k++]);
    OpArgs p2 = {0};
    p2.s[0] = 2;
    check_name(ag_record(OP_NORM, tensor_norm(x, 2, NULL, 0, false, REDUCE_NO_DTYPE), 1, in, &p2), &cases[k++]);
    check_name(ag_record(OP_MAX, tensor_max(x), 1, in, NULL), &cases[k++]);
    check_name(ag_cumsum(x, 0), &cases[k++]);
    Tensor *mask = tensor_binary_scalar(OP_GT, x, tensor_scalar_float(2), NULL);
    check_name(ag_masked_fill(x, mask, 0), &cases[k++]);
    tensor_release(mask);
    check_name(ag_unary(OP_SIGMOID, x, NULL), &cases[k++]);
    check_name(ag_unary(OP_TANH, x, NULL), &cases[k++]);
    check_name(ag_unary(OP_ABS, x, NULL), &cases[k++]);
    CHECK(k == (int)(sizeof cases / sizeof cases[0]));

    // Comparisons and integer results never get a grad_fn; contiguous() of
    // a contiguous tensor and to() of the same dtype hand back self.
    Tensor *gt = tensor_binary_scalar(OP_GT, x, tensor_scalar_float(2), NULL);
    const Tensor *in2[2] = {x, x};
    gt = ag_record(OP_GT, gt, 2, in2, NULL);
    CHECK(gt->grad_fn == NULL && !gt->requires_grad);
    tensor_release(gt);
    Tensor *same = ag_to_dtype(x, DT_F32);
    CHECK(same == x);
    tensor_release(same);

    // x // 2 has no derivative: grad_fn=<NotImplemented>, backward raises.
    Tensor *two = tensor_from_scalar(tensor_scalar_int(2), true);
    const Tensor *fd_in[2] = {x, two};
    Tensor *fd = ag_record(OP_FLOOR_DIVIDE, tensor_binary(OP_FLOOR_DIVIDE, x, two, NULL), 2, fd_in, NULL);
    CHECK_STR(name_of(fd), "NotImplemented");
    CHECK(fd->requires_grad);
    Tensor *fds = sum_all(fd);
    CHECK(ag_backward(1, &fds, NULL, false, false) == -1);
    CHECK_STR(tl_error_message(), "derivative for aten::floor_divide is not implemented");
    tl_error_clear();
    tensor_release(fds), tensor_release(fd), tensor_release(two);

    // A leaf's AccumulateGrad is one object while it lives (PyTorch's `is`).
    Tensor *e1 = ag_unary(OP_EXP, x, NULL), *m1 = scalar_op(OP_MUL, x, 2);
    CHECK(ag_node_next(e1->grad_fn, 0, NULL) == ag_node_next(m1->grad_fn, 0, NULL));
    CHECK(ag_node_variable(ag_node_next(e1->grad_fn, 0, NULL)) == x);
    CHECK(ag_node_num_next(ag_node_next(e1->grad_fn, 0, NULL)) == 0);
    CHECK(ag_is_leaf(x) && !ag_is_leaf(e1) && e1->requires_grad);
    tensor_release(e1);
    tensor_release(m1);
    tensor_release(x);
    tensor_release(v);
    tensor_release(c);
    tensor_release(b);
}

// ---- gradient values (the tutorials' passages) ----

static void test_values(void) {
    // seed_001: x = ones(2, 2); out = ((x + 2) * (x + 2) * 3).mean() -> 4.5
    int64_t s22[2] = {2, 2};
    Tensor *x = tensor_ones(2, s22, DT_F32);
    ag_set_requires_grad(x, true);
    Tensor *y = scalar_op(OP_ADD, x, 2), *yy = ag_mul(y, y), *z = scalar_op(OP_MUL, yy, 3), *out = mean_all(z);
    CHECK_STR(name_of(y), "AddBackward0");
    CHECK_STR(name_of(z), "MulBackward0");
    CHECK_STR(name_of(out), "MeanBackward0");
    CHECK_CLOSE(tensor_get_flat(out, 0), 27, 1e-6);
    CHECK(ag_backward(1, &out, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 4, (double[]){4.5, 4.5, 4.5, 4.5}));
    CHECK(x->grad->grad_fn == NULL && !x->grad->requires_grad && x->grad->dtype == DT_F32);
    tensor_release(y), tensor_release(yy), tensor_release(z), tensor_release(out);
    // backward(torch.tensor(1.)) gives the same.
    ag_set_requires_grad(x, false);
    tensor_release(x->grad);
    x->grad = NULL;
    ag_set_requires_grad(x, true);
    y = scalar_op(OP_ADD, x, 2), yy = ag_mul(y, y), z = scalar_op(OP_MUL, yy, 3), out = mean_all(z);
    Tensor *one = tensor_from_f64((double[]){1}, 0, NULL, DT_F32);
    CHECK(ag_backward(1, &out, &one, false, false) == 0);
    CHECK(values_are(x->grad, 4, (double[]){4.5, 4.5, 4.5, 4.5}));
    tensor_release(one), tensor_release(y), tensor_release(yy), tensor_release(z), tensor_release(out);
    tensor_release(x);

    // 059: c = dot(a, b) + (a ** 2).mean()
    Tensor *a = vec(3, (double[]){1, -2, 3}, true), *b = vec(3, (double[]){0.5, 0.5, 2}, true);
    Tensor *d = ag_dot(a, b), *a2 = pow_int(a, 2), *m = mean_all(a2), *c = ag_add(d, m);
    CHECK(ag_backward(1, &c, NULL, false, false) == 0);
    CHECK_CLOSE(tensor_get_flat(c, 0), 10.166666030883789, 1e-6);
    CHECK(values_are(a->grad, 3, (double[]){1.1666667461395264, -0.8333333730697632, 4.0}));
    CHECK(values_are(b->grad, 3, (double[]){1, -2, 3}));
    tensor_release(d), tensor_release(a2), tensor_release(m), tensor_release(c);
    tensor_release(a), tensor_release(b);

    // Broadcasting: x (3) + y (2, 3) -> x.grad = 2.
    x = vec(3, (double[]){1, 2, 3}, true);
    int64_t s23[2] = {2, 3};
    y = tensor_ones(2, s23, DT_F32);
    ag_set_requires_grad(y, true);
    z = ag_add(x, y), out = sum_all(z);
    CHECK(ag_backward(1, &out, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){2, 2, 2}));
    CHECK(values_are(y->grad, 6, (double[]){1, 1, 1, 1, 1, 1}));
    tensor_release(z), tensor_release(out), tensor_release(y);

    // A float32 leaf through .double(): its grad is float32.
    tensor_release(x->grad);
    x->grad = NULL;
    Tensor *xd = ag_to_dtype(x, DT_F64);
    CHECK_STR(name_of(xd), "ToCopyBackward0");
    out = sum_all(xd);
    CHECK(ag_backward(1, &out, NULL, false, false) == 0);
    CHECK(x->grad->dtype == DT_F32 && values_are(x->grad, 3, (double[]){1, 1, 1}));
    tensor_release(xd), tensor_release(out), tensor_release(x);

    // Several roots, one reachable from the other: backward([b.sum(), a.sum()]).
    x = vec(3, (double[]){1, 2, 3}, true);
    Tensor *a1 = scalar_op(OP_MUL, x, 2), *b1 = scalar_op(OP_MUL, a1, 3);
    Tensor *roots[2] = {sum_all(b1), sum_all(a1)};
    CHECK(ag_backward(2, roots, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){8, 8, 8}));
    tensor_release(roots[0]), tensor_release(roots[1]), tensor_release(a1), tensor_release(b1);

    // autograd.grad with grad_outputs: d(x*x)/dx . [1, 0.5, 2]
    Tensor *w = ag_mul(x, x), *go = vec(3, (double[]){1, 0.5, 2}, false), *g = NULL;
    CHECK(ag_grad(1, &w, &go, 1, &x, false, false, false, &g) == 0);
    CHECK(values_are(g, 3, (double[]){2, 2, 12}));
    CHECK(values_are(x->grad, 3, (double[]){8, 8, 8}));     // grad() leaves .grad alone
    tensor_release(g), tensor_release(go), tensor_release(w), tensor_release(x);
}

// ---- accumulation and retain_graph (seed_000, 051) ----

static void test_accumulate(void) {
    Tensor *x = vec(3, (double[]){1, 2, 3}, true), *y = vec(3, (double[]){3, 4, 5}, true);
    Tensor *z = ag_mul(x, y), *s = sum_all(z);
    CHECK(ag_backward(1, &s, NULL, true, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){3, 4, 5}) && values_are(y->grad, 3, (double[]){1, 2, 3}));
    Tensor *grad_obj = x->grad;
    CHECK(ag_backward(1, &s, NULL, true, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){6, 8, 10}) && values_are(y->grad, 3, (double[]){2, 4, 6}));
    CHECK(x->grad == grad_obj);          // accumulated in place
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){9, 12, 15}));
    CHECK(ag_backward(1, &s, NULL, false, false) == -1);
    CHECK_STR(tl_error_message(), "Trying to backward through the graph a second time (or directly "
              "access saved tensors after they have already been freed). Saved intermediate values of "
              "the graph are freed when you call .backward() or autograd.grad(). Specify "
              "retain_graph=True if you need to backward through the graph a second time or if you "
              "need to access saved tensors after calling backward.");
    tl_error_clear();
    tensor_zero_(x->grad);
    Tensor *xx = ag_mul(x, x), *s2 = sum_all(xx);
    CHECK(ag_backward(1, &s2, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){2, 4, 6}));
    tensor_release(xx), tensor_release(s2), tensor_release(z), tensor_release(s);

    // Nodes without saved tensors can run twice (PyTorch: (x + 1).sum()).
    Tensor *p = scalar_op(OP_ADD, y, 1), *ps = sum_all(p);
    tensor_release(y->grad);
    y->grad = NULL;
    CHECK(ag_backward(1, &ps, NULL, false, false) == 0);
    CHECK(ag_backward(1, &ps, NULL, false, false) == 0);
    CHECK(values_are(y->grad, 3, (double[]){2, 2, 2}));
    tensor_release(p), tensor_release(ps);

    // x.backward(g) on a leaf: .grad is a copy of g, not g itself.
    Tensor *g = vec(3, (double[]){1, 1, 1}, false);
    tensor_release(x->grad);
    x->grad = NULL;
    CHECK(ag_backward(1, &x, &g, false, false) == 0);
    CHECK(x->grad != g && values_are(x->grad, 3, (double[]){1, 1, 1}));
    tensor_release(g), tensor_release(x), tensor_release(y);
}

// ---- errors ----

static void expect_error(int rc, const char *msg) {
    CHECK(rc == -1);
    CHECK_STR(tl_error_message(), msg);
    tl_error_clear();
}

static int add_scalar_(Tensor *t, double s) {
    AgInplace ip;
    Tensor *w = tensor_from_scalar(tensor_scalar_float(s), true);
    const Tensor *in[1] = {w};
    int rc = ag_inplace_begin(&ip, OP_ADD, t, 1, in);
    if (rc == 0) rc = ag_inplace_end(&ip, tensor_binary_(OP_ADD, t, w, NULL), NULL);
    tensor_release(w);
    return rc;
}

static int mul_scalar_(Tensor *t, double s) {
    AgInplace ip;
    Tensor *w = tensor_from_scalar(tensor_scalar_float(s), true);
    const Tensor *in[1] = {w};
    int rc = ag_inplace_begin(&ip, OP_MUL, t, 1, in);
    if (rc == 0) rc = ag_inplace_end(&ip, tensor_binary_(OP_MUL, t, w, NULL), NULL);
    tensor_release(w);
    return rc;
}

static const char HINT[] = " Hint: enable anomaly detection to find the operation that failed to "
                           "compute its gradient, with torch.autograd.set_detect_anomaly(True).";

static void test_errors(void) {
    char want[512];
    Tensor *x = vec(3, (double[]){1, 2, 3}, true);
    expect_error(add_scalar_(x, 1), "a leaf Variable that requires grad is being used in an in-place operation.");
    Tensor *v = ag_select(x, 0, 0);
    expect_error(add_scalar_(v, 1),
                 "a view of a leaf Variable that requires grad is being used in an in-place operation.");
    tensor_release(v);
    bool prev = ag_set_grad_enabled(false);
    v = tensor_slice(x, 0, 0, 1, 1);
    CHECK(add_scalar_(x, 1) == 0);                    // allowed under no_grad
    ag_set_grad_enabled(prev);
    expect_error(add_scalar_(v, 1),
                 "A view was created in no_grad mode and is being modified inplace with grad mode "
                 "enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You "
                 "can clarify your code by moving both the view and the inplace either both inside the "
                 "no_grad block (if you don't want the inplace to be tracked) or both outside (if you "
                 "want the inplace to be tracked).");
    tensor_release(v);

    int64_t s2[1] = {2};
    Tensor *li = tensor_ones(1, s2, DT_I64);
    expect_error(ag_set_requires_grad(li, true), "Only Tensors of floating point and complex dtype can require gradients");
    expect_error(ag_requires_grad_(li, true), "only Tensors of floating point dtype can require gradients");
    CHECK(ag_requires_grad_(li, false) == 0);
    expect_error(ag_retain_grad(li), "can't retain_grad on Tensor that has requires_grad=False");
    CHECK(ag_register_hook(li, NULL, NULL, NULL) == NULL);
    CHECK_STR(tl_error_message(), "cannot register a hook on a tensor that doesn't require gradient");
    tl_error_clear();

    Tensor *y = scalar_op(OP_MUL, x, 2);
    expect_error(ag_requires_grad_(y, false),
                 "you can only change requires_grad flags of leaf variables. If you want to use a "
                 "computed variable in a subgraph that doesn't require differentiation use var_no_grad "
                 "= var.detach().");
    CHECK(ag_requires_grad_(y, true) == 0);
    expect_error(ag_backward(1, &y, NULL, false, false), "grad can be implicitly created only for scalar outputs");
    Tensor *g2 = vec(2, (double[]){1, 1}, false);
    expect_error(ag_backward(1, &y, &g2, false, false),
                 "Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a "
                 "shape of torch.Size([3]).");
    Tensor *plain = sum_all(g2);
    expect_error(ag_backward(1, &plain, NULL, false, false),
                 "element 0 of tensors does not require grad and does not have a grad_fn");
    Tensor *ys = sum_all(y);
    Tensor *two[2] = {ys, plain};
    expect_error(ag_backward(2, two, NULL, false, false),
                 "element 1 of tensors does not require grad and does not have a grad_fn");
    Tensor *unused = vec(2, (double[]){1, 1}, true), *ins[2] = {x, unused}, *res[2];
    expect_error(ag_grad(1, &ys, NULL, 2, ins, true, false, false, res),
                 "One of the differentiated Tensors appears to not have been used in the graph. Set "
                 "allow_unused=True if this is the desired behavior.");
    CHECK(ag_grad(1, &ys, NULL, 2, ins, true, false, true, res) == 0);
    CHECK(values_are(res[0], 3, (double[]){2, 2, 2}) && res[1] == NULL);
    tensor_release(res[0]);
    ins[1] = g2;
    expect_error(ag_grad(1, &ys, NULL, 2, ins, true, false, true, res),
                 "One of the differentiated Tensors does not require grad");
    Tensor *vw = ag_select(y, 0, 0);
    expect_error(ag_detach_(vw),
                 "Can't detach views in-place. Use detach() instead. If you are using "
                 "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as "
                 "True, gradients are views of DDP buckets, and hence detach_() cannot be called on "
                 "these gradients. To fix this error, please refer to the Optimizer.zero_grad() "
                 "function in torch/optim/optimizer.py as the solution.");
    tensor_release(vw), tensor_release(ys), tensor_release(plain), tensor_release(g2);
    tensor_release(unused), tensor_release(li);

    // Saved tensors modified in place (the three wordings PyTorch 1.13 uses).
    Tensor *zz = ag_mul(y, y);          // saves y (MulBackward0), then y.add_(1)
    CHECK(add_scalar_(y, 1) == 0);
    CHECK_STR(name_of(y), "AddBackward0");
    Tensor *zs = sum_all(zz);
    snprintf(want, sizeof want, "one of the variables needed for gradient computation has been "
             "modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of "
             "AddBackward0, is at version 1; expected version 0 instead.%s", HINT);
    expect_error(ag_backward(1, &zs, NULL, false, false), want);
    tensor_release(zz), tensor_release(zs);

    Tensor *w = vec(3, (double[]){1, 2, 3}, true), *q = ag_mul(w, w);
    prev = ag_set_grad_enabled(false);
    CHECK(add_scalar_(w, 1) == 0);
    ag_set_grad_enabled(prev);
    Tensor *qs = sum_all(q);
    snprintf(want, sizeof want, "one of the variables needed for gradient computation has been "
             "modified by an inplace operation: [torch.FloatTensor [3]] is at version 1; expected "
             "version 0 instead.%s", HINT);
    expect_error(ag_backward(1, &qs, NULL, false, false), want);
    tensor_release(q), tensor_release(qs), tensor_release(w);

    Tensor *u = ag_unary(OP_EXP, x, NULL);
    CHECK(add_scalar_(u, 1) == 0);
    Tensor *us = sum_all(u);
    snprintf(want, sizeof want, "one of the variables needed for gradient computation has been "
             "modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of "
             "ExpBackward0, is at version 1; expected version 0 instead.%s", HINT);
    expect_error(ag_backward(1, &us, NULL, false, false), want);
    tensor_release(u), tensor_release(us);

    int64_t s23[2] = {2, 3};
    Tensor *dd = tensor_from_f64((double[]){1, 1, 1, 1, 1, 1}, 2, s23, DT_F64);
    ag_set_requires_grad(dd, true);
    Tensor *e2 = ag_unary(OP_SIN, dd, NULL);
    prev = ag_set_grad_enabled(false);
    CHECK(mul_scalar_(dd, 2) == 0);
    ag_set_grad_enabled(prev);
    Tensor *es = sum_all(e2);
    snprintf(want, sizeof want, "one of the variables needed for gradient computation has been "
             "modified by an inplace operation: [torch.DoubleTensor [2, 3]] is at version 1; expected "
             "version 0 instead.%s", HINT);
    expect_error(ag_backward(1, &es, NULL, false, false), want);
    tensor_release(e2), tensor_release(es), tensor_release(dd);
    tensor_release(y), tensor_release(x);
}

// ---- hooks and retain_grad ----

typedef struct {
    double scale, shift;
    int calls;
    double seen;
} HookCtx;

static int hook_fn(void *ctx, const Tensor *grad, Tensor **out) {
    HookCtx *h = ctx;
    h->calls++;
    h->seen = tensor_get_flat(grad, 0);
    Tensor *m = ag_scalar(OP_MUL, grad, h->scale);
    *out = m ? ag_scalar(OP_ADD, m, h->shift) : NULL;
    tensor_release(m);
    return *out ? 0 : -1;
}

static int released;
static void hook_release(void *ctx) { (void)ctx; released++; }

static void test_hooks(void) {
    // y.register_hook(g * 10); y.retain_grad(); y.register_hook(g + 1):
    // PyTorch 1.13 prints h1 1, h2 10, y.grad 11 (retain_grad runs last), x.grad 22.
    Tensor *x = vec(2, (double[]){1, 2}, true);
    Tensor *y = scalar_op(OP_MUL, x, 2);
    HookCtx h1 = {10, 0, 0, 0}, h2 = {1, 1, 0, 0};
    AgHook *k1 = ag_register_hook(y, hook_fn, &h1, hook_release);
    CHECK(ag_retain_grad(y) == 0);
    AgHook *k2 = ag_register_hook(y, hook_fn, &h2, hook_release);
    Tensor *s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(h1.calls == 1 && h1.seen == 1 && h2.calls == 1 && h2.seen == 10);
    CHECK(values_are(y->grad, 2, (double[]){11, 11}));
    CHECK(values_are(x->grad, 2, (double[]){22, 22}));
    tensor_release(s);

    // A leaf hook (g * 3) runs before accumulation: 22 + 3 = 25.
    HookCtx h3 = {3, 0, 0, 0};
    AgHook *k3 = ag_register_hook(x, hook_fn, &h3, hook_release);
    Tensor *x1 = scalar_op(OP_MUL, x, 1), *s1 = sum_all(x1);
    CHECK(ag_backward(1, &s1, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 2, (double[]){25, 25}));
    tensor_release(x1), tensor_release(s1);

    // A removed hook no longer runs.
    ag_hook_remove(k3);
    x1 = scalar_op(OP_MUL, x, 1), s1 = sum_all(x1);
    CHECK(ag_backward(1, &s1, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 2, (double[]){26, 26}) && h3.calls == 1);
    tensor_release(x1), tensor_release(s1);

    ag_hook_release(k1), ag_hook_release(k2), ag_hook_release(k3);
    CHECK(released == 0);               // the tensors still hold them
    tensor_release(y);
    CHECK(released == 2);
    tensor_release(x);
    CHECK(released == 3);

    // retain_grad on a leaf is a no-op; retained grads accumulate.
    x = vec(2, (double[]){1, 2}, true);
    y = ag_mul(x, x);
    CHECK(ag_retain_grad(x) == 0 && ag_retain_grad(y) == 0);
    s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, true, false) == 0);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(y->grad, 2, (double[]){2, 2}));
    tensor_release(s), tensor_release(y), tensor_release(x);
}

// ---- grad mode, detach ----

static void test_grad_mode(void) {
    Tensor *x = vec(2, (double[]){1, 2}, true);
    CHECK(ag_grad_enabled());
    bool prev = ag_set_grad_enabled(false);
    CHECK(prev && !ag_grad_enabled());
    Tensor *y = scalar_op(OP_MUL, x, 2);
    CHECK(!y->requires_grad && y->grad_fn == NULL);
    bool inner = ag_set_grad_enabled(true);      // enable_grad inside no_grad
    Tensor *z = scalar_op(OP_MUL, x, 2);
    CHECK(z->requires_grad && z->grad_fn != NULL);
    ag_set_grad_enabled(inner);
    ag_set_grad_enabled(prev);
    CHECK(ag_grad_enabled());
    tensor_release(y), tensor_release(z);

    Tensor *d = ag_detach(x);
    CHECK(d->storage == x->storage && !d->requires_grad && d->grad_fn == NULL && d->base == NULL);
    CHECK(add_scalar_(d, 1) == 0);               // x.detach().add_(1) is allowed
    CHECK(values_are(x, 2, (double[]){2, 3}));
    tensor_release(d);

    y = scalar_op(OP_MUL, x, 2);
    CHECK(ag_detach_(y) == 0);
    CHECK(y->grad_fn == NULL && !y->requires_grad);
    tensor_release(y), tensor_release(x);
}

// ---- create_graph ----

static void test_create_graph(void) {
    // g = d(x**3)/dx = 3x² with history (MulBackward0); dg/dx = 6x.
    Tensor *x = vec(2, (double[]){1, 2}, true);
    Tensor *y = pow_int(x, 3), *s = sum_all(y), *g = NULL, *g2 = NULL;
    CHECK(ag_grad(1, &s, NULL, 1, &x, false, true, false, &g) == 0);
    CHECK(values_are(g, 2, (double[]){3, 12}));
    CHECK_STR(name_of(g), "MulBackward0");
    Tensor *gs = sum_all(g);
    CHECK(ag_grad(1, &gs, NULL, 1, &x, false, false, false, &g2) == 0);
    CHECK(values_are(g2, 2, (double[]){6, 12}));
    CHECK(g2->grad_fn == NULL);
    tensor_release(g), tensor_release(g2), tensor_release(gs), tensor_release(s), tensor_release(y);

    // backward(create_graph=True): x.grad keeps history (CopyBackwards in
    // PyTorch); x.grad.sum().backward() adds 6x in place: [9, 24].
    y = pow_int(x, 3), s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, true, true) == 0);
    CHECK(values_are(x->grad, 2, (double[]){3, 12}));
    CHECK_STR(name_of(x->grad), "CopyBackwards");
    Tensor *xs = sum_all(x->grad);
    CHECK(ag_backward(1, &xs, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 2, (double[]){9, 24}));
    CHECK_STR(name_of(x->grad), "CopyBackwards");
    tensor_release(xs), tensor_release(s), tensor_release(y);
    // x.grad holds a graph that holds x: drop it to break the cycle, as
    // PyTorch's warning says.
    tensor_release(x->grad);
    x->grad = NULL;
    tensor_release(x);
}

// ---- in-place ops ----

static void test_inplace(void) {
    // y = x * 2; y.add_(1); y.sum().backward() -> 2
    Tensor *x = vec(3, (double[]){1, 2, 3}, true);
    Tensor *y = scalar_op(OP_MUL, x, 2);
    CHECK(add_scalar_(y, 1) == 0);
    CHECK_STR(name_of(y), "AddBackward0");
    CHECK_STR(next_functions(y), "(('MulBackward0', 0), (None, 0))");
    CHECK(values_are(y, 3, (double[]){3, 5, 7}));
    Tensor *s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){2, 2, 2}));
    tensor_release(s), tensor_release(y);

    // y = x * 2; y.mul_(x) -> 4x
    tensor_release(x->grad);
    x->grad = NULL;
    y = scalar_op(OP_MUL, x, 2);
    AgInplace ip;
    const Tensor *in[1] = {x};
    CHECK(ag_inplace_begin(&ip, OP_MUL, y, 1, in) == 0);
    CHECK(ag_inplace_end(&ip, tensor_binary_(OP_MUL, y, x, NULL), NULL) == 0);
    s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){4, 8, 12}));
    tensor_release(s), tensor_release(y), tensor_release(x);

    // y = x * 1; y[0].mul_(2): CopySlices on y, AsStridedBackward0 on the view.
    Tensor *m = mat22(true);
    y = scalar_op(OP_MUL, m, 1);
    Tensor *v = ag_select(y, 0, 0);
    CHECK(mul_scalar_(v, 2) == 0);
    CHECK_STR(name_of(y), "CopySlices");
    CHECK_STR(next_functions(y), "(('MulBackward0', 0), (None, 0))");
    CHECK_STR(name_of(v), "AsStridedBackward0");
    CHECK_STR(next_functions(v), "(('CopySlices', 0),)");
    CHECK(values_are(y, 4, (double[]){2, 4, 3, 4}));
    s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(m->grad, 4, (double[]){2, 2, 1, 1}));
    tensor_release(s), tensor_release(v), tensor_release(y);

    // A view of a tensor later modified in place gets its history
    // regenerated: z = x * 1; v = z[0]; z.mul_(2) -> v is AsStridedBackward0
    // and carries the factor 2.
    tensor_release(m->grad);
    m->grad = NULL;
    y = scalar_op(OP_MUL, m, 1);
    v = ag_select(y, 0, 0);
    Tensor *sib = ag_select(y, 0, 1);
    CHECK(mul_scalar_(y, 2) == 0);
    CHECK(ag_grad_fn(v) != NULL);
    CHECK_STR(name_of(v), "AsStridedBackward0");
    CHECK_STR(next_functions(v), "(('MulBackward0', 0),)");
    s = sum_all(v);
    CHECK(ag_backward(1, &s, NULL, true, false) == 0);
    CHECK(values_are(m->grad, 4, (double[]){2, 2, 0, 0}));
    tensor_release(s), tensor_release(v), tensor_release(y);
    // A sibling view used without asking for grad_fn first regenerates too.
    s = sum_all(sib);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(m->grad, 4, (double[]){2, 2, 2, 2}));
    tensor_release(s), tensor_release(sib);

    // y[0] = 5 (copy_ of a scalar into a view): x.grad [[0, 0], [1, 1]]
    tensor_release(m->grad);
    m->grad = NULL;
    y = scalar_op(OP_MUL, m, 1);
    v = ag_select(y, 0, 0);
    Tensor *five = tensor_from_scalar(tensor_scalar_float(5), false);
    in[0] = five;
    CHECK(ag_inplace_begin(&ip, OP_COPY, v, 1, in) == 0);
    CHECK(ag_inplace_end(&ip, tensor_copy_(v, five), NULL) == 0);
    s = sum_all(y);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(m->grad, 4, (double[]){0, 0, 1, 1}));
    tensor_release(five), tensor_release(s), tensor_release(v), tensor_release(y), tensor_release(m);

    // z = zeros(3); z[i] = a[i] * a[i]: z becomes CopySlices, a.grad = 2a.
    Tensor *a = vec(3, (double[]){1, 2, 3}, true);
    int64_t s3[1] = {3};
    Tensor *z = tensor_zeros(1, s3, DT_F32);
    for (int i = 0; i < 3; i++) {
        Tensor *ai = ag_select(a, 0, i), *sq = ag_mul(ai, ai), *zi = ag_select(z, 0, i);
        in[0] = sq;
        CHECK(ag_inplace_begin(&ip, OP_COPY, zi, 1, in) == 0);
        CHECK(ag_inplace_end(&ip, tensor_copy_(zi, sq), NULL) == 0);
        tensor_release(ai), tensor_release(sq), tensor_release(zi);
    }
    CHECK_STR(name_of(z), "CopySlices");
    CHECK_STR(next_functions(z), "(('CopySlices', 0), ('MulBackward0', 0))");
    CHECK(values_are(z, 3, (double[]){1, 4, 9}));
    s = sum_all(z);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(a->grad, 3, (double[]){2, 4, 6}));
    tensor_release(s), tensor_release(z), tensor_release(a);

    // copy_ from a tensor requiring grad into a plain one: CopyBackwards.
    x = mat22(true);
    int64_t s22[2] = {2, 2};
    z = tensor_zeros(2, s22, DT_F32);
    in[0] = x;
    CHECK(ag_inplace_begin(&ip, OP_COPY, z, 1, in) == 0);
    CHECK(ag_inplace_end(&ip, tensor_copy_(z, x), NULL) == 0);
    CHECK_STR(name_of(z), "CopyBackwards");
    CHECK_STR(next_functions(z), "((None, 0), ('AccumulateGrad', 0))");
    CHECK(!ag_is_leaf(z) && z->requires_grad);
    tensor_release(z);

    // y.fill_(1) and y.zero_(): FillBackward2 / ZeroBackward0.
    y = scalar_op(OP_MUL, x, 1);
    OpArgs fa = {0};
    CHECK(ag_inplace_begin(&ip, OP_FILL, y, 0, NULL) == 0);
    CHECK(ag_inplace_end(&ip, tensor_fill_(y, tensor_scalar_float(1)), &fa) == 0);
    CHECK_STR(name_of(y), "FillBackward2");
    fa.flags = 1;
    CHECK(ag_inplace_begin(&ip, OP_FILL, y, 0, NULL) == 0);
    CHECK(ag_inplace_end(&ip, tensor_zero_(y), &fa) == 0);
    CHECK_STR(name_of(y), "ZeroBackward0");
    CHECK_STR(next_functions(y), "(('FillBackward2', 0),)");
    tensor_release(y), tensor_release(x);
}

// ---- memory ----

// Linear regression by hand, 10,000 steps: the graph, saved tensors and
// gradients of each step are freed, so nothing grows.
static void test_training_loop(void) {
    int64_t sx[2] = {8, 3}, sw[2] = {3, 1}, sb[1] = {1};
    Tensor *X = tensor_empty(2, sx, DT_F32), *Y = tensor_empty(2, (int64_t[]){8, 1}, DT_F32);
    for (int i = 0; i < 8; i++) {
        double t = 0;
        for (int j = 0; j < 3; j++) {
            double v = (double)((i * 3 + j) % 5) / 5.0 - 0.4;
            tensor_set_flat(X, i * 3 + j, v);
            t += (j + 1) * v;
        }
        tensor_set_flat(Y, i, t + 0.5);
    }
    Tensor *w = tensor_zeros(2, sw, DT_F32), *b = tensor_zeros(1, sb, DT_F32);
    ag_set_requires_grad(w, true);
    ag_set_requires_grad(b, true);
    int64_t live_t = 0, live_n = 0, live_s = 0;
    double loss0 = 0, loss = 0;
    for (int step = 0; step < 10000; step++) {
        Tensor *p = ag_matmul(X, w), *pb = ag_add(p, b), *d = ag_sub(pb, Y), *sq = ag_mul(d, d);
        Tensor *l = mean_all(sq);
        if (step == 0) loss0 = tensor_get_flat(l, 0);
        loss = tensor_get_flat(l, 0);
        if (ag_backward(1, &l, NULL, false, false) < 0) break;
        tensor_release(p), tensor_release(pb), tensor_release(d), tensor_release(sq), tensor_release(l);
        bool prev = ag_set_grad_enabled(false);     // with torch.no_grad(): p -= lr * p.grad
        Tensor *uw = ag_scalar(OP_MUL, w->grad, 0.1), *ub = ag_scalar(OP_MUL, b->grad, 0.1);
        tensor_binary_(OP_SUB, w, uw, NULL);
        tensor_binary_(OP_SUB, b, ub, NULL);
        tensor_release(uw), tensor_release(ub);
        ag_set_grad_enabled(prev);
        tensor_zero_(w->grad);
        tensor_zero_(b->grad);
        if (step == 10) {
            live_t = tensor_live_count();
            live_n = ag_live_nodes();
            live_s = storage_stats().live;
        }
    }
    CHECK(tensor_live_count() == live_t);
    CHECK(ag_live_nodes() == live_n && live_n == 0);
    CHECK(storage_stats().live == live_s);
    CHECK(loss < 1e-8 && loss0 > 0.5);
    CHECK_CLOSE(tensor_get_flat(w, 0), 1, 1e-2);
    CHECK_CLOSE(tensor_get_flat(w, 2), 3, 1e-2);
    tensor_release(X), tensor_release(Y), tensor_release(w), tensor_release(b);
}

// A 100,000-node chain frees without recursing through every node.
static void test_long_chain(void) {
    Tensor *x = vec(3, (double[]){1, 2, 3}, true);
    Tensor *h = tensor_retain(x);
    for (int i = 0; i < 100000; i++) {
        Tensor *n = scalar_op(OP_MUL, h, 1.0);
        tensor_release(h);
        h = n;
    }
    CHECK(ag_live_nodes() == 100001);
    Tensor *s = sum_all(h);
    CHECK(ag_backward(1, &s, NULL, false, false) == 0);
    CHECK(values_are(x->grad, 3, (double[]){1, 1, 1}));
    tensor_release(s);
    tensor_release(h);
    CHECK(ag_live_nodes() == 0);
    tensor_release(x);
}

// gradcheck itself: a wrong formula is caught (sin recorded as cos's node).
static int wrong_fn(void *ctx, Tensor *const *in, int nin, Tensor **out, int *nout) {
    (void)ctx, (void)nin;
    const Tensor *ins[1] = {in[0]};
    out[0] = ag_record(OP_COS, tensor_unary(OP_SIN, in[0], NULL), 1, ins, NULL);
    *nout = 1;
    return out[0] ? 0 : -1;
}

static int right_fn(void *ctx, Tensor *const *in, int nin, Tensor **out, int *nout) {
    (void)ctx, (void)nin;
    out[0] = ag_unary(OP_SIN, in[0], NULL);
    *nout = 1;
    return out[0] ? 0 : -1;
}

static void test_gradcheck_api(void) {
    Tensor *x = tensor_from_f64((double[]){0.5, 1.0}, 1, (int64_t[]){2}, DT_F64);
    ag_set_requires_grad(x, true);
    CHECK(ag_gradcheck(right_fn, NULL, &x, 1, 1e-6, 1e-5, 1e-3, true) == 1);
    CHECK(ag_gradcheck(wrong_fn, NULL, &x, 1, 1e-6, 1e-5, 1e-3, false) == 0);
    CHECK(ag_gradcheck(wrong_fn, NULL, &x, 1, 1e-6, 1e-5, 1e-3, true) == -1);
    CHECK(strncmp(tl_error_message(), "Jacobian mismatch for output 0 with respect to input 0,\n"
                  "numerical:tensor([[0.8776, 0.0000],\n        [0.0000, 0.5403]], dtype=torch.float64)\n"
                  "analytical:tensor([[-0.4794, -0.0000],", 150) == 0);
    tl_error_clear();
    tensor_release(x);
}

int main(void) {
    ag_init();
    int64_t live = tensor_live_count();
    test_names();
    test_values();
    test_accumulate();
    test_errors();
    test_hooks();
    test_grad_mode();
    test_create_graph();
    test_inplace();
    test_training_loop();
    test_long_chain();
    test_gradcheck_api();
    CHECK(ag_live_nodes() == 0);
    CHECK(tensor_live_count() == live);
    return test_summary();
}
