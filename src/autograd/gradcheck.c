// torch.autograd.gradcheck: the analytical Jacobian (one backward pass per
// output element, one-hot grad_outputs) against central differences, for
// every input that requires grad. Rows of both are input elements, columns
// output elements, as PyTorch prints them.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autograd/internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "tensor/create.h"
#include "tensor/print.h"

typedef struct {
    AgGradcheckFn fn;
    void *ctx;
    Tensor *const *in;
    int nin;
} Fn;

static void release_all(Tensor **t, int n) {
    for (int i = 0; i < n; i++) {
        tensor_release(t[i]);
        t[i] = NULL;
    }
}

static int call(const Fn *f, Tensor **out, int *nout) {
    *nout = 0;
    if (f->fn(f->ctx, f->in, f->nin, out, nout) < 0) return -1;
    if (*nout > AG_GRADCHECK_MAX_OUT) {
        release_all(out, *nout);
        return tl_raise_int(ERR_VALUE, "gradcheck: at most %d outputs", AG_GRADCHECK_MAX_OUT);
    }
    return 0;
}

// Fills [jac] (in_numel x out_numel, row-major) with d out / d in[j] by
// backward passes, one per output element.
static int analytical(Tensor *out, Tensor *inp, double *jac, int64_t ni, int64_t no) {
    memset(jac, 0, (size_t)(ni * no) * sizeof *jac);
    if (!out->requires_grad) return 0;
    for (int64_t e = 0; e < no; e++) {
        Tensor *onehot = tensor_zeros(out->ndim, out->shape, out->dtype);
        if (!onehot) return -1;
        tensor_set_flat(onehot, e, 1);
        Tensor *g = NULL;
        int rc = ag_grad(1, &out, &onehot, 1, &inp, true, false, true, &g);
        tensor_release(onehot);
        if (rc < 0) return -1;
        for (int64_t k = 0; g && k < ni; k++) jac[k * no + e] = tensor_get_flat(g, k);
        tensor_release(g);
    }
    return 0;
}

// Output [o] of [f] at the current inputs, copied out (outputs may be
// views of the inputs, which are about to change), into [vals].
static int eval_output(const Fn *f, int o, double *vals, int64_t no) {
    Tensor *outs[AG_GRADCHECK_MAX_OUT] = {0};
    int nout = 0;
    if (call(f, outs, &nout) < 0) return -1;
    for (int64_t e = 0; e < no; e++) vals[e] = tensor_get_flat(outs[o], e);
    release_all(outs, nout);
    return 0;
}

// Central differences of output [o] with respect to input [j].
static int numerical(const Fn *f, int o, int j, double eps, double *jac, int64_t ni, int64_t no) {
    Tensor *x = f->in[j];
    double *plus = tl_xmalloc((size_t)(2 * no + 1) * sizeof *plus), *minus = plus + no;
    // Grad mode stays on: the function may itself differentiate (gradgradcheck).
    bool prev = ag_set_grad_enabled(true);
    int rc = 0;
    for (int64_t k = 0; k < ni && rc == 0; k++) {
        double v = tensor_get_flat(x, k);
        tensor_set_flat(x, k, v + eps);
        rc = eval_output(f, o, plus, no);
        tensor_set_flat(x, k, v - eps);
        if (rc == 0) rc = eval_output(f, o, minus, no);
        tensor_set_flat(x, k, v);
        for (int64_t e = 0; rc == 0 && e < no; e++) jac[k * no + e] = (plus[e] - minus[e]) / (2 * eps);
    }
    ag_set_grad_enabled(prev);
    free(plus);
    return rc;
}

static char *jac_repr(const double *jac, int64_t ni, int64_t no) {
    int64_t shape[2] = {ni, no};
    Tensor *t = tensor_from_f64(jac, 2, shape, DT_F64);
    if (!t) return NULL;
    char *s = tensor_repr(t, NULL);
    tensor_release(t);
    return s;
}

static int mismatch(int o, int j, const double *num, const double *ana, int64_t ni, int64_t no,
                    bool raise_exception) {
    if (!raise_exception) return 0;
    char *ns = jac_repr(num, ni, no), *as = jac_repr(ana, ni, no);
    if (ns && as)
        tl_raise(ERR_RUNTIME, "Jacobian mismatch for output %d with respect to input %d,\n"
                 "numerical:%s\nanalytical:%s\n", o, j, ns, as);
    free(ns);
    free(as);
    return -1;
}

int ag_gradcheck(AgGradcheckFn fn, void *ctx, Tensor *const *in, int nin, double eps,
                 double atol, double rtol, bool raise_exception) {
    Fn f = {fn, ctx, in, nin};
    bool any = false;
    for (int j = 0; j < nin; j++) any |= in[j] && in[j]->requires_grad;
    if (!any)
        return tl_raise_int(ERR_VALUE, "gradcheck expects at least one input tensor to require "
                            "gradient, but none of the them have requires_grad=True.");
    Tensor *outs[AG_GRADCHECK_MAX_OUT] = {0};
    int nout, agree = 1;
    bool prev = ag_set_grad_enabled(true);
    int rc = call(&f, outs, &nout);
    ag_set_grad_enabled(prev);
    for (int o = 0; rc == 0 && agree && o < nout; o++) {
        if (!dtype_is_floating(outs[o]->dtype)) continue;
        int64_t no = tensor_numel(outs[o]);
        for (int j = 0; rc == 0 && agree && j < nin; j++) {
            if (!in[j] || !in[j]->requires_grad) continue;
            int64_t ni = tensor_numel(in[j]);
            double *ana = malloc((size_t)(ni * no + 1) * sizeof *ana);
            double *num = malloc((size_t)(ni * no + 1) * sizeof *num);
            if (!ana || !num) rc = tl_raise_int(ERR_MEMORY, "gradcheck: out of memory");
            if (rc == 0) rc = analytical(outs[o], in[j], ana, ni, no);
            if (rc == 0) rc = numerical(&f, o, j, eps, num, ni, no);
            for (int64_t k = 0; rc == 0 && k < ni * no; k++)
                if (!(fabs(ana[k] - num[k]) <= atol + rtol * fabs(num[k]))) {
                    agree = 0;
                    rc = mismatch(o, j, num, ana, ni, no, raise_exception);
                    break;
                }
            free(ana);
            free(num);
        }
    }
    release_all(outs, nout);
    return rc < 0 ? -1 : agree;
}
