// Grad mode: the one global switch torch.no_grad / enable_grad /
// set_grad_enabled flip. The engine turns it off while running backward
// formulas (on with create_graph), so formulas record exactly when asked.
#include "autograd/autograd.h"

static bool grad_enabled = true;

bool ag_grad_enabled(void) { return grad_enabled; }

bool ag_set_grad_enabled(bool enabled) {
    bool prev = grad_enabled;
    grad_enabled = enabled;
    return prev;
}

bool ag_wanted(int nin, const Tensor *const *in) {
    if (!grad_enabled) return false;
    for (int i = 0; i < nin; i++)
        if (in[i] && in[i]->requires_grad) return true;
    return false;
}
