// Broadcast-shape inference and the strided walk (see iter.h). The walk
// works on a flat element range so that OpenMP threads can each take one
// contiguous slice of it, whatever the dimensionality.
#include "tensor/iter.h"

#include <string.h>

#include "common/error.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int iter_broadcast_shapes(int nd_a, const int64_t *sa, int nd_b, const int64_t *sb,
                          int *ndim, int64_t *shape) {
    int nd = nd_a > nd_b ? nd_a : nd_b;
    int64_t out[TENSOR_MAX_DIMS];
    for (int i = nd - 1; i >= 0; i--) {
        int off = nd - 1 - i;
        int64_t a = nd_a - 1 - off >= 0 ? sa[nd_a - 1 - off] : 1;
        int64_t b = nd_b - 1 - off >= 0 ? sb[nd_b - 1 - off] : 1;
        if (a != b && a != 1 && b != 1)
            return tl_raise_int(ERR_RUNTIME, "The size of tensor a (%lld) must match the size "
                                "of tensor b (%lld) at non-singleton dimension %d",
                                (long long)a, (long long)b, i);
        out[i] = a == 1 ? b : a;
    }
    *ndim = nd;
    memcpy(shape, out, (size_t)nd * sizeof *out);
    return 0;
}

int iter_broadcast_shape(int n, const Tensor *const *ts, int *ndim, int64_t *shape) {
    int nd = -1;
    for (int k = 0; k < n; k++) {
        if (!ts[k]) continue;
        if (nd < 0) {
            nd = ts[k]->ndim;
            memcpy(shape, ts[k]->shape, (size_t)nd * sizeof *shape);
        } else if (iter_broadcast_shapes(nd, shape, ts[k]->ndim, ts[k]->shape, &nd, shape) < 0) {
            return -1;
        }
    }
    *ndim = nd < 0 ? 0 : nd;
    return 0;
}

// Drops size-1 dims and merges each dim into its inner neighbour when every
// operand steps through both as through one.
static void coalesce(Iter *it) {
    int nd = 0;
    for (int d = 0; d < it->ndim; d++) {
        if (it->shape[d] == 1) continue;
        if (nd > 0) {
            bool merge = true;
            for (int k = 0; k < it->nops; k++)
                if (it->strides[k][nd - 1] != it->strides[k][d] * it->shape[d]) merge = false;
            if (merge) {
                it->shape[nd - 1] *= it->shape[d];
                for (int k = 0; k < it->nops; k++) it->strides[k][nd - 1] = it->strides[k][d];
                continue;
            }
        }
        it->shape[nd] = it->shape[d];
        for (int k = 0; k < it->nops; k++) it->strides[k][nd] = it->strides[k][d];
        nd++;
    }
    if (nd == 0) {               // a single element
        it->shape[0] = 1;
        for (int k = 0; k < it->nops; k++) it->strides[k][0] = 0;
        nd = 1;
    }
    it->ndim = nd;
}

// Orders dims so the output's strides decrease, innermost smallest: writing
// into a transposed tensor then walks memory forwards, and coalescing can
// merge what only looked non-contiguous. Stable, so ties keep their order.
static void reorder(Iter *it) {
    const int64_t *os = it->strides[0];
    bool sorted = true;
    for (int d = 1; d < it->ndim; d++)
        if (it->shape[d] > 1 && it->shape[d - 1] > 1 && os[d] > os[d - 1]) sorted = false;
    if (sorted) return;
    for (int d = 0; d < it->ndim; d++)
        if (os[d] == 0 && it->shape[d] > 1) return;     // a reduction-style output: keep
    int perm[TENSOR_MAX_DIMS];
    for (int d = 0; d < it->ndim; d++) perm[d] = d;
    for (int i = 1; i < it->ndim; i++)
        for (int j = i; j > 0 && os[perm[j]] > os[perm[j - 1]]; j--) {
            int tmp = perm[j];
            perm[j] = perm[j - 1];
            perm[j - 1] = tmp;
        }
    Iter old = *it;
    for (int d = 0; d < it->ndim; d++) {
        it->shape[d] = old.shape[perm[d]];
        for (int k = 0; k < it->nops; k++) it->strides[k][d] = old.strides[k][perm[d]];
    }
}

void iter_init(Iter *it, int nops, const Tensor *const *ops) {
    const Tensor *out = ops[0];
    it->nops = nops;
    it->ndim = out->ndim;
    it->numel = 1;
    for (int d = 0; d < out->ndim; d++) {
        it->shape[d] = out->shape[d];
        it->numel *= out->shape[d];
    }
    for (int k = 0; k < nops; k++) {
        const Tensor *t = ops[k];
        int lead = out->ndim - t->ndim;
        for (int d = 0; d < out->ndim; d++) {
            int td = d - lead;
            it->strides[k][d] = td < 0 || t->shape[td] == 1 ? 0 : t->strides[td];
        }
        it->elsize[k] = (int)dtype_size(t->dtype);
        it->data[k] = tensor_data(t);
    }
    reorder(it);
    coalesce(it);
}

// Walks flat elements [begin, end) of the coalesced iteration space.
static void run_range(const Iter *it, IterLoop loop, const struct OpArgs *args,
                      int64_t begin, int64_t end) {
    int nd = it->ndim, nops = it->nops;
    int64_t idx[TENSOR_MAX_DIMS];
    char *p[ITER_MAX_OPS];
    int64_t inner[ITER_MAX_OPS];
    int64_t rem = begin;
    for (int d = nd - 1; d >= 0; d--) {
        idx[d] = rem % it->shape[d];
        rem /= it->shape[d];
    }
    for (int k = 0; k < nops; k++) {
        int64_t off = 0;
        for (int d = 0; d < nd; d++) off += idx[d] * it->strides[k][d];
        p[k] = it->data[k] + off * it->elsize[k];
        inner[k] = it->strides[k][nd - 1];
    }
    int64_t pos = begin, n_inner = it->shape[nd - 1];
    while (pos < end) {
        int64_t n = n_inner - idx[nd - 1];
        if (n > end - pos) n = end - pos;
        loop(p, inner, n, args);
        pos += n;
        if (pos >= end) break;
        // Step to the start of the next run: carry through the outer dims.
        for (int k = 0; k < nops; k++) p[k] += n * inner[k] * it->elsize[k];
        idx[nd - 1] += n;
        for (int d = nd - 1; d > 0 && idx[d] == it->shape[d]; d--) {
            idx[d] = 0;
            idx[d - 1]++;
            for (int k = 0; k < nops; k++)
                p[k] += (it->strides[k][d - 1] - it->shape[d] * it->strides[k][d]) * it->elsize[k];
        }
    }
}

void iter_run(const Iter *it, IterLoop loop, const struct OpArgs *args) {
    int64_t numel = it->numel;
    if (numel == 0) return;
#ifdef _OPENMP
    if (numel >= ITER_PARALLEL_MIN && omp_get_max_threads() > 1 && !omp_in_parallel()) {
        #pragma omp parallel
        {
            int nt = omp_get_num_threads(), t = omp_get_thread_num();
            // Chunk edges rounded to 16 elements keep each thread's slice
            // cache-line aligned for contiguous float32 data.
            int64_t chunk = ((numel + nt - 1) / nt + 15) & ~(int64_t)15;
            int64_t b = (int64_t)t * chunk, e = b + chunk < numel ? b + chunk : numel;
            if (b < e) run_range(it, loop, args, b, e);
        }
        return;
    }
#endif
    run_range(it, loop, args, 0, numel);
}

void iter_apply(int nops, const Tensor *const *ops, IterLoop loop, const struct OpArgs *args) {
    Iter it;
    iter_init(&it, nops, ops);
    iter_run(&it, loop, args);
}
