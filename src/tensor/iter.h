// The one strided, broadcasting walk over up to ITER_MAX_OPS operands
// (operand 0 is the output). Dims are aligned to the output, broadcast dims
// get stride 0, size-1 dims are dropped and mergeable dims coalesced, then
// a per-dtype loop is called once per contiguous-ish run; large walks are
// split over OpenMP threads. Everything lives on the stack: no allocation.
#ifndef TL_TENSOR_ITER_H
#define TL_TENSOR_ITER_H

#include "tensor/tensor.h"

#define ITER_MAX_OPS 4
#define ITER_PARALLEL_MIN 32768     // elements; below this one thread is faster

struct OpArgs;

// Handles one run of [n] elements: operand k starts at [p][k] and advances
// by [s][k] elements (0 = broadcast, 1 = contiguous).
typedef void (*IterLoop)(char **p, const int64_t *s, int64_t n, const struct OpArgs *args);

typedef struct {
    int nops;
    int ndim;                                      // after coalescing; >= 1
    int64_t numel;
    int64_t shape[TENSOR_MAX_DIMS];                // innermost last
    int64_t strides[ITER_MAX_OPS][TENSOR_MAX_DIMS];    // in elements
    int elsize[ITER_MAX_OPS];
    char *data[ITER_MAX_OPS];
} Iter;

// Computes the broadcast shape of [n] tensors (NULL entries skipped) into
// [ndim]/[shape]; -1 with PyTorch's "The size of tensor a (3) must match the
// size of tensor b (4) at non-singleton dimension 1" on failure.
int iter_broadcast_shape(int n, const Tensor *const *ts, int *ndim, int64_t *shape);
int iter_broadcast_shapes(int nd_a, const int64_t *sa, int nd_b, const int64_t *sb,
                          int *ndim, int64_t *shape);

// Prepares a walk over [ops] ([nops] <= ITER_MAX_OPS; ops[0] gives the
// shape, the others must broadcast to it - checked by the caller).
void iter_init(Iter *it, int nops, const Tensor *const *ops);

// Calls [loop] over every element; parallel when large.
void iter_run(const Iter *it, IterLoop loop, const struct OpArgs *args);

// Shorthand: iter_init + iter_run.
void iter_apply(int nops, const Tensor *const *ops, IterLoop loop, const struct OpArgs *args);

#endif
