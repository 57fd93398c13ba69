// The bridge to autograd (see tensor_autograd.h). Until src/autograd's API
// is wired in here, ops record nothing: results of ops on tensors that
// require grad are plain tensors.
#include "lib/tensor_autograd.h"

#include <stddef.h>

static bool grad_enabled = true;

bool lib_ag_grad_enabled(void) { return grad_enabled; }

bool lib_ag_wanted(int nin, const Tensor *const *in) {
    if (!grad_enabled) return false;
    for (int i = 0; i < nin; i++)
        if (in[i] && in[i]->requires_grad) return true;
    return false;
}

Tensor *lib_ag_record(OpCode op, Tensor *out, int nin, const Tensor *const *in, const OpArgs *args) {
    (void)op, (void)nin, (void)in, (void)args;
    return out;
}

int lib_ag_record_multi(OpCode op, Tensor **outs, int nout, int nin, const Tensor *const *in,
                        const OpArgs *args) {
    (void)op, (void)outs, (void)nout, (void)nin, (void)in, (void)args;
    return 0;
}

int lib_ag_record_inplace(OpCode op, Tensor *self, int nin, const Tensor *const *in,
                          const OpArgs *args) {
    (void)op, (void)self, (void)nin, (void)in, (void)args;
    return 0;
}

int lib_ag_check_inplace(const Tensor *self) {
    (void)self;
    return 0;
}

const char *lib_ag_grad_fn_name(const Tensor *t) {
    (void)t;
    return NULL;
}

Value lib_ag_grad_fn(const Tensor *t) {
    (void)t;
    return NONE_VAL;
}
