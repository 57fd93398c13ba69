// Backward formulas of the matrix products (PyTorch's mm_mat1_backward and
// friends, without their sparse and stride special cases).
#include "autograd/functions.h"
#include "autograd/internal.h"

#define SAVED(i) node_saved(n, (i))

static Tensor *x_mm(Tensor *a, Tensor *b) { return x_binary(OP_MM, a, b); }

static Tensor *x_t(Tensor *a) {
    if (!a) return NULL;
    Tensor *r = ag_t(a);
    tensor_release(a);
    return r;
}

static Tensor *x_transpose12(Tensor *a) {
    if (!a) return NULL;
    Tensor *r = ag_transpose(a, 1, 2);
    tensor_release(a);
    return r;
}

// c = a @ b:  da = g @ b^T,  db = a^T @ g
int bwd_mm(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    if (needs(n, 0) && put_grad(n, gin, 0, x_mm(keep(g), x_t(keep(SAVED(1))))) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, x_mm(x_t(keep(SAVED(0))), keep(g))) < 0) return -1;
    return 0;
}

int bwd_bmm(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    if (needs(n, 0) && put_grad(n, gin, 0, x_binary(OP_BMM, keep(g), x_transpose12(keep(SAVED(1))))) < 0)
        return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, x_binary(OP_BMM, x_transpose12(keep(SAVED(0))), keep(g))) < 0)
        return -1;
    return 0;
}

// y = A v:  dA = outer(g, v),  dv = A^T g
int bwd_mv(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    if (needs(n, 0)) {
        const Tensor *v = SAVED(1);
        if (!v || put_grad(n, gin, 0, ag_outer(g, v)) < 0) return -1;
    }
    if (needs(n, 1) && put_grad(n, gin, 1, x_binary(OP_MV, x_t(keep(SAVED(0))), keep(g))) < 0) return -1;
    return 0;
}

int bwd_dot(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    if (needs(n, 0) && put_grad(n, gin, 0, x_mul(keep(g), keep(SAVED(1)))) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, x_mul(keep(g), keep(SAVED(0)))) < 0) return -1;
    return 0;
}

// PyTorch's maybe_multiply: skip the multiplication by exactly 1.
static Tensor *maybe_mul(Tensor *t, double s) { return s == 1 ? t : x_scalar(OP_MUL, t, s); }

// out = beta * input + alpha * (m1 @ m2)
int bwd_addmm(AgNode *n, Tensor *const *gout, Tensor **gin) {
    const Tensor *g = gout[0];
    double beta = n->args.s[0], alpha = n->args.s[1];
    if (needs(n, 0) && put_grad(n, gin, 0, maybe_mul(keep(g), beta)) < 0) return -1;
    if (needs(n, 1) && put_grad(n, gin, 1, maybe_mul(x_mm(keep(g), x_t(keep(SAVED(2)))), alpha)) < 0)
        return -1;
    if (needs(n, 2) && put_grad(n, gin, 2, maybe_mul(x_mm(x_t(keep(SAVED(1))), keep(g)), alpha)) < 0)
        return -1;
    return 0;
}
