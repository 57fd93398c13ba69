// Order statistics along one dim: sort, argsort, topk, kthvalue, median,
// mode, and unique over the flattened tensor. Each lane's keys (int64 for
// bool/integers so large values stay exact, double for floats) are merge
// sorted with their positions, which makes every sort stable; NaN sorts
// above +inf as in PyTorch. Values are copied as raw bytes from the input.
#include "tensor/reduce.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "common/error.h"

typedef struct {
    double f;          // key of a floating element
    int64_t i;         // key of a bool/integer element
    int64_t pos;       // position in the lane
} Key;

// Whether [a] sorts strictly before [b] in ascending order.
static inline bool key_less(const Key *a, const Key *b, bool fl) {
    if (!fl) return a->i < b->i;
    return a->f < b->f || (isnan(b->f) && !isnan(a->f));
}

static inline bool key_equal(const Key *a, const Key *b, bool fl) {
    return fl ? a->f == b->f : a->i == b->i;     // NaN equals nothing
}

// Stable bottom-up merge sort of [n] keys, using [tmp] (n keys) as scratch.
static void merge_sort(Key *a, Key *tmp, int64_t n, bool fl, bool desc) {
    Key *src = a, *dst = tmp;
    for (int64_t w = 1; w < n; w *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int64_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                // Take from the right run only when strictly before: stability.
                bool right = desc ? key_less(&src[i], &src[j], fl) : key_less(&src[j], &src[i], fl);
                dst[k++] = right ? src[j++] : src[i++];
            }
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        Key *t = src; src = dst; dst = t;
    }
    if (src != a) memcpy(a, src, (size_t)n * sizeof *a);
}

// Loads lane [p] (K0 elements s0 apart; sort lanes never have K1 > 1).
static void load_keys(Key *k, const char *p, const ReduceLanes *L, DType dt) {
    bool fl = dtype_is_floating(dt);
    for (int64_t j = 0; j < L->K0; j++) {
        const char *e = p + j * L->s0 * (int64_t)L->elsize;
        if (fl) k[j].f = tensor_read(e, dt);
        else k[j].i = reduce_load_i64(e, dt);
        k[j].pos = j;
    }
}

// What a lane job does once its keys are loaded (and sorted if [sort]).
typedef struct {
    enum { J_SORT, J_TOPK, J_KTH, J_MEDIAN, J_MODE } kind;
    bool desc;
    int64_t k;
} Job;

// Writes element [n] of output lane [i]: the input element at key [key].
static void emit(const ReduceLanes *Li, const char *p, const Key *key, Tensor *values,
                 Tensor *indices, const ReduceLanes *Lo, int64_t i, int64_t n) {
    int64_t off = reduce_lane_offset(Lo, i) + n * Lo->s0;
    if (values)
        memcpy((char *)tensor_data(values) + off * (int64_t)Li->elsize,
               p + key->pos * Li->s0 * (int64_t)Li->elsize, Li->elsize);
    if (indices) ((int64_t *)tensor_data(indices))[off] = key->pos;
}

// The index of the mode in sorted keys [k]: the longest run of equal keys
// (the first, i.e. smallest, on ties) and its last element.
static int64_t mode_of(const Key *k, int64_t n, bool fl) {
    int64_t best = 0, best_len = 0;
    for (int64_t s = 0; s < n;) {
        int64_t e = s + 1;
        while (e < n && key_equal(&k[e], &k[s], fl)) e++;
        if (e - s > best_len) { best_len = e - s; best = e - 1; }
        s = e;
    }
    return best;
}

static void run_lane(const Job *job, const ReduceLanes *Li, const ReduceLanes *Lo, int64_t i,
                     DType dt, Key *keys, Key *tmp, Tensor *values, Tensor *indices) {
    const char *p = Li->data + reduce_lane_offset(Li, i) * (int64_t)Li->elsize;
    int64_t K = Li->K0;
    bool fl = dtype_is_floating(dt);
    load_keys(keys, p, Li, dt);
    if (job->kind == J_MEDIAN && fl) {
        for (int64_t j = 0; j < K; j++)        // a NaN is the median, first one wins
            if (isnan(keys[j].f)) { emit(Li, p, &keys[j], values, indices, Lo, i, 0); return; }
    }
    merge_sort(keys, tmp, K, fl, job->desc);
    switch (job->kind) {
    case J_SORT:
        for (int64_t j = 0; j < K; j++) emit(Li, p, &keys[j], values, indices, Lo, i, j);
        break;
    case J_TOPK:
        for (int64_t j = 0; j < job->k; j++) emit(Li, p, &keys[j], values, indices, Lo, i, j);
        break;
    case J_KTH: emit(Li, p, &keys[job->k - 1], values, indices, Lo, i, 0); break;
    case J_MEDIAN: emit(Li, p, &keys[(K - 1) / 2], values, indices, Lo, i, 0); break;
    case J_MODE: emit(Li, p, &keys[mode_of(keys, K, fl)], values, indices, Lo, i, 0); break;
    }
}

// Runs [job] on every lane of [x] along [dim] into [values]/[indices]
// (contiguous; their lanes run along the same dim, or are single elements).
// Sorts every lane with per-thread scratch keys; inside a parallel region
// the lanes are shared out, outside it one thread does them all.
static void sort_lanes(const Job *job, const ReduceLanes *Li, const ReduceLanes *Lo, int64_t K, DType dt,
                       Tensor *values, Tensor *indices, bool *failed) {
    Key *keys = malloc((size_t)(2 * K + 1) * sizeof(Key));
    if (!keys) *failed = true;
#ifdef _OPENMP
#pragma omp for schedule(static)
#endif
    for (int64_t i = 0; i < Li->nlanes; i++)
        if (keys) run_lane(job, Li, Lo, i, dt, keys, keys + K, values, indices);
    free(keys);
}

static int run_job(const Job *job, const Tensor *x, int64_t dim, bool all_dims, Tensor *values,
                   Tensor *indices) {
    bool mask[TENSOR_MAX_DIMS], omask[TENSOR_MAX_DIMS] = {false};
    ReduceLanes Li, Lo;
    if (reduce_dim_mask(x, all_dims ? NULL : &dim, all_dims ? 0 : 1, mask) < 0) return -1;
    if (reduce_lanes_init(&Li, x, mask, all_dims) < 0) return -1;
    const Tensor *o = values ? values : indices;
    if (o->ndim == x->ndim) memcpy(omask, mask, sizeof omask);
    // Outputs with the lane dim kept (sort, topk, keepdim) use its stride.
    reduce_lanes_init(&Lo, o, omask, false);
    if (o->ndim != x->ndim || !(job->kind == J_SORT || job->kind == J_TOPK)) Lo.s0 = 0;
    int64_t K = Li.K0;
    bool failed = false;
    // A parallel region costs a futex call even when it would run on one
    // thread (see parallel.h): small sorts never enter one.
    if (Li.nlanes > 1 && Li.nlanes * K >= 32768) {
#ifdef _OPENMP
#pragma omp parallel
#endif
        sort_lanes(job, &Li, &Lo, K, x->dtype, values, indices, &failed);
    } else {
        sort_lanes(job, &Li, &Lo, K, x->dtype, values, indices, &failed);
    }
    reduce_lanes_free(&Li);
    if (failed) return tl_raise_int(ERR_MEMORY, "out of memory sorting %lld elements", (long long)K);
    return 0;
}

// ---- kernels (ops.def rows: in[1] receives the int64 indices) ----

int cpu_sort(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Job job = {J_SORT, args->flags & 1, 0};
    return run_job(&job, in[0], args->dims[0], false, out, (Tensor *)in[1]);
}

int cpu_topk(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Job job = {J_TOPK, args->flags & 1, args->i[0]};
    return run_job(&job, in[0], args->dims[0], false, out, (Tensor *)in[1]);
}

int cpu_kthvalue(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Job job = {J_KTH, false, args->i[0]};
    return run_job(&job, in[0], args->dims[0], false, out, (Tensor *)in[1]);
}

int cpu_median(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    (void)args;
    Job job = {J_MEDIAN, false, 0};
    if (tensor_numel(in[0]) == 0) {     // PyTorch: NaN, or INT64_MIN cast for integers
        if (dtype_is_floating(out->dtype)) tensor_write(tensor_data(out), out->dtype, NAN);
        else reduce_store_i64(tensor_data(out), out->dtype, INT64_MIN);
        return 0;
    }
    // A contiguous copy makes the whole tensor one run (sort lanes need K1 = 1).
    Tensor *c = reduce_to_contig(in[0], in[0]->dtype);
    int rc = c ? run_job(&job, c, 0, true, out, NULL) : -1;
    tensor_release(c);
    return rc;
}

int cpu_median_dim(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Job job = {J_MEDIAN, false, 0};
    return run_job(&job, in[0], args->dims[0], false, out, (Tensor *)in[1]);
}

int cpu_mode(Tensor *out, const Tensor *const *in, const OpArgs *args) {
    Job job = {J_MODE, false, 0};
    return run_job(&job, in[0], args->dims[0], false, out, (Tensor *)in[1]);
}

// ---- wrappers ----

// Allocates values (x's dtype) and int64 indices of [shape], runs [op].
static int run2(OpCode op, const Tensor *x, int nd, const int64_t *shape, const OpArgs *args,
                Tensor **values, Tensor **indices) {
    Tensor *v = tensor_empty(nd, shape, x->dtype);
    Tensor *ix = v ? tensor_empty(nd, shape, DT_I64) : NULL;
    if (!ix || op_run(op, v, (const Tensor *const[]){x, ix}, args) < 0) {
        tensor_release(v);
        tensor_release(ix);
        return -1;
    }
    *values = v;
    *indices = ix;
    return 0;
}

int tensor_sort(const Tensor *x, int64_t dim, bool descending, bool stable, Tensor **values,
                Tensor **indices) {
    (void)stable;          // always stable
    int64_t d;
    if (reduce_wrap_dim(dim, x->ndim, &d) < 0) return -1;
    OpArgs a = {0};
    a.dims[0] = d;
    a.ndims = 1;
    a.flags = descending;
    return run2(OP_SORT, x, x->ndim, x->shape, &a, values, indices);
}

Tensor *tensor_argsort(const Tensor *x, int64_t dim, bool descending, bool stable) {
    Tensor *v, *ix;
    if (tensor_sort(x, dim, descending, stable, &v, &ix) < 0) return NULL;
    tensor_release(v);
    return ix;
}

int tensor_topk(const Tensor *x, int64_t k, int64_t dim, bool largest, bool sorted,
                Tensor **values, Tensor **indices) {
    (void)sorted;          // results always come best first
    int64_t d;
    if (reduce_wrap_dim(dim, x->ndim, &d) < 0) return -1;
    int64_t K = x->ndim ? x->shape[d] : 1;
    if (k < 0 || k > K) return tl_raise_int(ERR_RUNTIME, "selected index k out of range");
    int64_t shape[TENSOR_MAX_DIMS];
    memcpy(shape, x->shape, sizeof shape);
    if (x->ndim) shape[d] = k;
    OpArgs a = {0};
    a.dims[0] = d;
    a.ndims = 1;
    a.i[0] = k;
    a.flags = largest;
    return run2(OP_TOPK, x, x->ndim, shape, &a, values, indices);
}

// Shared by kthvalue/median/mode: one result per lane along [dim].
static int select_dim(OpCode op, const char *name, const Tensor *x, int64_t dim, bool keepdim,
                      int64_t k, Tensor **values, Tensor **indices) {
    int64_t d;
    if (reduce_wrap_dim(dim, x->ndim, &d) < 0) return -1;
    int64_t K = x->ndim ? x->shape[d] : 1;
    if (K == 0)
        return tl_raise_int(ERR_INDEX, "%s(): Expected reduction dim %lld to have non-zero size.",
                            name, (long long)d);
    if (op == OP_KTHVALUE && (k < 1 || k > K))
        return tl_raise_int(ERR_RUNTIME, "kthvalue(): selected number k out of range for "
                            "dimension %lld", (long long)d);
    OpArgs a = {0};
    reduce_args_dims(&a, &d, 1, keepdim);
    a.i[0] = k;
    Tensor *ix = NULL, *v = reduce_run(op, x, &a, x->dtype, &ix, DT_I64);
    if (!v) return -1;
    *values = v;
    *indices = ix;
    return 0;
}

int tensor_kthvalue(const Tensor *x, int64_t k, int64_t dim, bool keepdim, Tensor **values,
                    Tensor **indices) {
    return select_dim(OP_KTHVALUE, "kthvalue", x, dim, keepdim, k, values, indices);
}

int tensor_median_dim(const Tensor *x, int64_t dim, bool keepdim, Tensor **values,
                      Tensor **indices) {
    return select_dim(OP_MEDIAN_DIM, "median", x, dim, keepdim, 0, values, indices);
}

int tensor_mode(const Tensor *x, int64_t dim, bool keepdim, Tensor **values, Tensor **indices) {
    return select_dim(OP_MODE, "mode", x, dim, keepdim, 0, values, indices);
}

Tensor *tensor_median(const Tensor *x) {
    OpArgs a = {0};
    return reduce_run(OP_MEDIAN, x, &a, x->dtype, NULL, 0);
}

// ---- unique ----

int tensor_unique(const Tensor *x, bool sorted, Tensor **out, Tensor **inverse, Tensor **counts) {
    (void)sorted;
    int64_t n = tensor_numel(x);
    bool fl = dtype_is_floating(x->dtype);
    size_t es = dtype_size(x->dtype);
    Tensor *flat = reduce_to_contig(x, x->dtype), *u = NULL, *inv = NULL, *cnt = NULL;
    Key *keys = flat ? malloc((size_t)(2 * n + 1) * sizeof(Key)) : NULL;
    if (!keys) {
        if (flat) tl_raise(ERR_MEMORY, "out of memory in unique");
        goto fail;
    }
    const char *p = tensor_data(flat);
    for (int64_t j = 0; j < n; j++) {
        if (fl) keys[j].f = tensor_read(p + j * (int64_t)es, x->dtype);
        else keys[j].i = reduce_load_i64(p + j * (int64_t)es, x->dtype);
        keys[j].pos = j;
    }
    merge_sort(keys, keys + n, n, fl, false);
    int64_t ng = 0;
    for (int64_t j = 0; j < n; j++) ng += j == 0 || !key_equal(&keys[j], &keys[j - 1], fl);
    if (!(u = tensor_empty(1, &ng, x->dtype))) goto fail;
    if (inverse && !(inv = tensor_empty(x->ndim, x->shape, DT_I64))) goto fail;
    if (counts && !(cnt = tensor_zeros(1, &ng, DT_I64))) goto fail;
    for (int64_t j = 0, g = -1; j < n; j++) {
        if (j == 0 || !key_equal(&keys[j], &keys[j - 1], fl)) {
            g++;
            memcpy((char *)tensor_data(u) + g * (int64_t)es, p + keys[j].pos * (int64_t)es, es);
        }
        if (inv) ((int64_t *)tensor_data(inv))[keys[j].pos] = g;
        if (cnt) ((int64_t *)tensor_data(cnt))[g]++;
    }
    free(keys);
    tensor_release(flat);
    *out = u;
    if (inverse) *inverse = inv;
    if (counts) *counts = cnt;
    return 0;
fail:
    free(keys);
    tensor_release(flat);
    tensor_release(u);
    tensor_release(inv);
    tensor_release(cnt);
    return -1;
}
