// The shared tail of every elementwise kernel: pick the dtype's loop and walk.
#include "tensor/loops.h"

#include "common/error.h"

int loops_run(const IterLoop *table, DType dt, const char *name, Tensor *out,
              const Tensor *const *in, int nin, const OpArgs *args) {
    if (!table[dt])
        return tl_raise_int(ERR_RUNTIME, "\"%s\" has no CPU loop for %s", name, dtype_name(dt));
    const Tensor *ops[ITER_MAX_OPS] = {out};
    for (int k = 0; k < nin; k++) ops[k + 1] = in[k];
    iter_apply(nin + 1, ops, table[dt], args);
    return 0;
}
