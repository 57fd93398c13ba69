// Reductions, scans and sorting ops (tensor/reduce.h) against naive
// reference loops over logical indices, on random inputs in three layouts
// (contiguous, permuted storage, every-other-element slices), for every
// subset of dims with and without keepdim; plus edge values and error
// messages printed by PyTorch 1.13 (/usr/bin/python3, recorded inline).
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "common/error.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"

// ---- helpers ----

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double urand(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

// Random values: floats in [-2, 2), or small integers (ties) when [ties];
// [nan_every] > 0 puts a NaN at roughly that rate (floating dtypes).
static Tensor *rand_tensor(int nd, const int64_t *shape, DType dt, bool ties, int nan_every) {
    Tensor *t = tensor_empty(nd, shape, dt);
    int64_t n = tensor_numel(t);
    for (int64_t i = 0; i < n; i++) {
        double v = ties || !dtype_is_floating(dt) ? floor(urand() * 5) - (dt == DT_U8 ? 0 : 2)
                                                  : urand() * 4 - 2;
        if (dt == DT_BOOL) v = urand() < 0.7;
        if (nan_every && dtype_is_floating(dt) && (int)(urand() * nan_every) == 0)
            v = urand() < 0.5 ? NAN : INFINITY;
        tensor_set_flat(t, i, v);
    }
    return t;
}

// The same logical values in another layout: 1 = storage permuted (dims
// reversed), 2 = every other element of a twice-as-large buffer.
static Tensor *layout(const Tensor *x, int kind) {
    if (kind == 0 || x->ndim == 0) return tensor_retain((Tensor *)x);
    int64_t shape[TENSOR_MAX_DIMS] = {0}, perm[TENSOR_MAX_DIMS];
    int n = x->ndim;
    Tensor *base, *v;
    if (kind == 1) {
        for (int d = 0; d < n; d++) { shape[d] = x->shape[n - 1 - d]; perm[d] = n - 1 - d; }
        base = tensor_zeros(n, shape, x->dtype);
        v = tensor_permute(base, n, perm);
    } else {
        for (int d = 0; d < n; d++) shape[d] = 2 * x->shape[d];
        base = tensor_zeros(n, shape, x->dtype);
        v = tensor_retain(base);
        for (int d = 0; d < n; d++) {
            Tensor *s = tensor_slice(v, d, 0, TENSOR_SLICE_END, 2);
            tensor_release(v);
            v = s;
        }
    }
    tensor_release(base);
    int64_t total = tensor_numel(x);
    for (int64_t i = 0; i < total; i++) {
        if (dtype_is_floating(x->dtype)) tensor_set_flat(v, i, tensor_get_flat(x, i));
        else tensor_set_flat_i64(v, i, tensor_get_flat_i64(x, i));
    }
    return v;
}

// Lane values of a reduction in logical order: lanes[o * K + k].
typedef struct {
    int64_t nout, K;
    double *v;
    int64_t *iv;
} Lanes;

static Lanes naive_lanes(const Tensor *x, const bool *mask) {
    Lanes L = {1, 1, NULL, NULL};
    for (int d = 0; d < x->ndim; d++) {
        if (mask[d]) L.K *= x->shape[d];
        else L.nout *= x->shape[d];
    }
    int64_t n = tensor_numel(x);
    L.v = calloc((size_t)(n + 1), sizeof(double));
    L.iv = calloc((size_t)(n + 1), sizeof(int64_t));
    for (int64_t i = 0; i < n; i++) {
        int64_t rem = i, o = 0, k = 0, om = 1, km = 1;
        for (int d = x->ndim - 1; d >= 0; d--) {
            int64_t c = rem % x->shape[d];
            rem /= x->shape[d];
            if (mask[d]) { k += c * km; km *= x->shape[d]; }
            else { o += c * om; om *= x->shape[d]; }
        }
        L.v[o * L.K + k] = tensor_get_flat(x, i);
        L.iv[o * L.K + k] = tensor_get_flat_i64(x, i);
    }
    return L;
}

static void lanes_free(Lanes *L) { free(L->v); free(L->iv); }

static bool shape_is(const Tensor *t, int nd, const int64_t *shape) {
    if (!t || t->ndim != nd) return false;
    for (int d = 0; d < nd; d++)
        if (t->shape[d] != shape[d]) return false;
    return true;
}

static double tol_for(DType dt, double mag) {
    return (dt == DT_F32 ? 2e-5 : 1e-11) * (mag + 1);
}

// ---- every value reduction against its lanes ----

typedef enum { R_SUM, R_MEAN, R_PROD, R_AMAX, R_AMIN, R_VAR, R_STD, R_NORM1, R_NORM2,
               R_NORMINF, R_NORM3, R_LSE, R_ALL, R_ANY, R_COUNT, R__N } RKind;

static double ref_lane(RKind r, const double *v, int64_t K, DType dt) {
    double s = 0, m = 0;
    bool nan = false;
    switch (r) {
    case R_SUM: for (int64_t k = 0; k < K; k++) s += v[k]; return s;
    case R_MEAN: for (int64_t k = 0; k < K; k++) s += v[k]; return s / (double)K;
    case R_PROD: s = 1; for (int64_t k = 0; k < K; k++) s *= v[k]; return s;
    case R_AMAX: case R_AMIN:
        m = v[0];
        for (int64_t k = 0; k < K; k++) {
            nan |= isnan(v[k]);
            if (r == R_AMAX ? v[k] > m : v[k] < m) m = v[k];
        }
        return nan ? NAN : m;
    case R_VAR: case R_STD: {
        double mean = ref_lane(R_MEAN, v, K, dt);
        for (int64_t k = 0; k < K; k++) s += (v[k] - mean) * (v[k] - mean);
        s /= K > 1 ? (double)(K - 1) : 0.0;
        return r == R_STD ? sqrt(s) : s;
    }
    case R_NORM1: for (int64_t k = 0; k < K; k++) s += fabs(v[k]); return s;
    case R_NORM2: for (int64_t k = 0; k < K; k++) s += v[k] * v[k]; return sqrt(s);
    case R_NORM3: for (int64_t k = 0; k < K; k++) s += pow(fabs(v[k]), 3); return cbrt(s);
    case R_NORMINF:
        for (int64_t k = 0; k < K; k++) { nan |= isnan(v[k]); if (fabs(v[k]) > m) m = fabs(v[k]); }
        return nan ? NAN : m;
    case R_LSE:
        m = -INFINITY;
        for (int64_t k = 0; k < K; k++) { nan |= isnan(v[k]); if (v[k] > m) m = v[k]; }
        if (nan) return NAN;
        if (isinf(m)) return m;
        for (int64_t k = 0; k < K; k++) s += exp(v[k] - m);
        return m + log(s);
    case R_ALL: for (int64_t k = 0; k < K; k++) if (v[k] == 0) return 0; return 1;
    case R_ANY: for (int64_t k = 0; k < K; k++) if (v[k] != 0) return 1; return 0;
    case R_COUNT: for (int64_t k = 0; k < K; k++) s += v[k] != 0; return s;
    default: return 0;
    }
}

static Tensor *api_reduce(RKind r, const Tensor *x, const int64_t *dims, int nd, bool keep) {
    switch (r) {
    case R_SUM: return tensor_sum(x, dims, nd, keep, REDUCE_NO_DTYPE);
    case R_MEAN: return tensor_mean(x, dims, nd, keep, REDUCE_NO_DTYPE);
    case R_PROD: return tensor_prod(x, nd == 1 ? dims : NULL, keep, REDUCE_NO_DTYPE);
    case R_AMAX: return tensor_amax(x, dims, nd, keep);
    case R_AMIN: return tensor_amin(x, dims, nd, keep);
    case R_VAR: return tensor_var(x, dims, nd, 1, keep);
    case R_STD: return tensor_std(x, dims, nd, 1, keep);
    case R_NORM1: return tensor_norm(x, 1, dims, nd, keep, REDUCE_NO_DTYPE);
    case R_NORM2: return tensor_norm(x, 2, dims, nd, keep, REDUCE_NO_DTYPE);
    case R_NORM3: return tensor_norm(x, 3, dims, nd, keep, REDUCE_NO_DTYPE);
    case R_NORMINF: return tensor_norm(x, INFINITY, dims, nd, keep, REDUCE_NO_DTYPE);
    case R_LSE: return tensor_logsumexp(x, dims, nd, keep);
    case R_ALL: return tensor_all(x, dims, nd, keep);
    case R_ANY: return tensor_any(x, dims, nd, keep);
    case R_COUNT: return tensor_count_nonzero(x, dims, nd);
    default: return NULL;
    }
}

static bool float_only(RKind r) {
    return r == R_MEAN || r == R_VAR || r == R_STD || (r >= R_NORM1 && r <= R_NORM3);
}

// One reduction over every dim subset, keepdim, layout; returns mismatches.
static int check_reduction(RKind r, const Tensor *x0, DType dt) {
    int bad = 0, n = x0->ndim;
    for (int sub = 0; sub < (1 << n) + 1; sub++) {      // the extra round: dims=NULL
        int64_t dims[TENSOR_MAX_DIMS];
        int nd = 0;
        bool mask[TENSOR_MAX_DIMS] = {false};
        for (int d = 0; d < n; d++)
            if (sub == (1 << n) || (sub >> d & 1)) { mask[d] = true; dims[nd++] = d - (d & 1) * n; }
        if (nd == 0)            // dim=[] reduces every dim, as PyTorch 1.13 does
            for (int d = 0; d < n; d++) mask[d] = true;
        bool all = sub == (1 << n);
        if (r == R_PROD && !all && nd != 1) continue;
        int64_t K = 1;
        for (int d = 0; d < n; d++)
            if (mask[d]) K *= x0->shape[d];
        if ((r == R_AMAX || r == R_AMIN) && K == 0) continue;
        for (int keep = 0; keep < 2; keep++)
            for (int lay = 0; lay < 3; lay++) {
                if (r == R_COUNT && keep) continue;
                Tensor *x = layout(x0, lay);
                Tensor *out = api_reduce(r, x, all ? NULL : dims, all ? 0 : nd, keep);
                Lanes L = naive_lanes(x0, mask);
                int64_t oshape[TENSOR_MAX_DIMS];
                int ond = 0;
                for (int d = 0; d < n; d++)
                    if (!mask[d]) oshape[ond++] = x0->shape[d];
                    else if (keep) oshape[ond++] = 1;
                if (!shape_is(out, ond, oshape)) {
                    bad++;
                    fprintf(stderr, "reduction %d sub %d keep %d lay %d: shape/err %s\n", r, sub,
                            keep, lay, out ? "" : tl_error_message());
                } else {
                    for (int64_t o = 0; o < L.nout; o++) {
                        double want = ref_lane(r, L.v + o * L.K, L.K, dt), got = tensor_get_flat(out, o);
                        double mag = 0;
                        for (int64_t k = 0; k < L.K; k++) mag += fabs(L.v[o * L.K + k]);
                        if (r == R_PROD || r == R_LSE || r == R_NORM3) mag = fabs(want) * 4;
                        bool ok = (isnan(want) && isnan(got)) || want == got ||
                                  fabs(want - got) <= tol_for(dt, mag);
                        if (!ok && bad < 5)
                            fprintf(stderr, "reduction %d sub %d keep %d lay %d out %lld: %.9g vs %.9g\n",
                                    r, sub, keep, lay, (long long)o, got, want);
                        bad += !ok;
                    }
                }
                lanes_free(&L);
                tensor_release(out);
                tensor_release(x);
            }
    }
    return bad;
}

static void test_value_reductions(void) {
    const int64_t shapes[][3] = {{3, 4, 5}, {1, 7, 1}, {6, 0, 0}, {2, 0, 3}, {9, 4, 5}};
    const int nds[] = {3, 3, 1, 3, 3};
    DType dts[] = {DT_F32, DT_F64, DT_I64, DT_I32, DT_BOOL, DT_U8};
    for (unsigned s = 0; s < sizeof nds / sizeof *nds; s++)
        for (unsigned t = 0; t < sizeof dts / sizeof *dts; t++)
            for (int nanv = 0; nanv < 2; nanv++) {
                DType dt = dts[t];
                if (nanv && !dtype_is_floating(dt)) continue;
                Tensor *x = rand_tensor(nds[s], shapes[s], dt, false, nanv ? 7 : 0);
                for (int r = 0; r < R__N; r++) {
                    if (float_only(r) && !dtype_is_floating(dt)) continue;
                    if (r == R_LSE && !dtype_is_floating(dt)) continue;
                    int bad = check_reduction(r, x, dt);
                    CHECK(bad == 0);
                    if (bad) fprintf(stderr, "  (shape %u dtype %s nan %d op %d)\n", s,
                                     dtype_name(dt), nanv, r);
                }
                tensor_release(x);
            }
    // A 0-d input: every reduction is the identity on its value.
    Tensor *z = rand_tensor(0, NULL, DT_F32, false, 0);
    for (int r = 0; r < R__N; r++) CHECK(check_reduction(r, z, DT_F32) == 0);
    tensor_release(z);
}

// ---- max/min/argmax/argmin with indices ----

static void test_arg_reductions(void) {
    int64_t shape[3] = {4, 3, 5};
    for (int ties = 0; ties < 2; ties++)
        for (int nanv = 0; nanv < 2; nanv++) {
            Tensor *x0 = rand_tensor(3, shape, DT_F32, ties, nanv ? 6 : 0);
            for (int lay = 0; lay < 3; lay++) {
                Tensor *x = layout(x0, lay);
                for (int d = -3; d < 3; d++)
                    for (int keep = 0; keep < 2; keep++)
                        for (int is_max = 0; is_max < 2; is_max++) {
                            bool mask[3] = {false};
                            mask[(d + 3) % 3] = true;
                            Lanes L = naive_lanes(x0, mask);
                            Tensor *v = NULL, *ix = NULL;
                            int rc = is_max ? tensor_max_dim(x, d, keep, &v, &ix)
                                            : tensor_min_dim(x, d, keep, &v, &ix);
                            int64_t dd = d;
                            Tensor *am = is_max ? tensor_argmax(x, &dd, keep) : tensor_argmin(x, &dd, keep);
                            CHECK(rc == 0 && am && v->ndim == 3 - !keep && am->ndim == v->ndim);
                            int bad = 0;
                            for (int64_t o = 0; rc == 0 && o < L.nout; o++) {
                                const double *lv = L.v + o * L.K;
                                int64_t bi = 0;
                                for (int64_t k = 0; k < L.K; k++) {
                                    if (isnan(lv[bi])) break;
                                    if (isnan(lv[k]) || (is_max ? lv[k] > lv[bi] : lv[k] < lv[bi])) bi = k;
                                }
                                bad += tensor_get_flat_i64(ix, o) != bi || tensor_get_flat_i64(am, o) != bi;
                                double got = tensor_get_flat(v, o);
                                bad += !(got == lv[bi] || (isnan(got) && isnan(lv[bi])));
                            }
                            CHECK(bad == 0);
                            lanes_free(&L);
                            tensor_release(v); tensor_release(ix); tensor_release(am);
                        }
                // Full max/min/argmax: the first best element of the flattened tensor.
                bool all[3] = {true, true, true};
                Lanes L = naive_lanes(x0, all);
                int64_t bi = 0;
                for (int64_t k = 0; k < L.K; k++) {
                    if (isnan(L.v[bi])) break;
                    if (isnan(L.v[k]) || L.v[k] > L.v[bi]) bi = k;
                }
                Tensor *m = tensor_max(x), *am = tensor_argmax(x, NULL, false);
                CHECK(m && m->ndim == 0 && am && am->ndim == 0);
                CHECK(tensor_get_flat_i64(am, 0) == bi);
                CHECK_CLOSE(tensor_get_flat(m, 0), L.v[bi], 0);
                lanes_free(&L);
                tensor_release(m); tensor_release(am); tensor_release(x);
            }
            tensor_release(x0);
        }
}

// ---- cumsum / cumprod ----

static void test_scans(void) {
    int64_t shape[3] = {3, 4, 2};
    DType dts[] = {DT_F32, DT_F64, DT_I32, DT_BOOL};
    for (unsigned t = 0; t < 4; t++) {
        Tensor *x0 = rand_tensor(3, shape, dts[t], false, 0);
        for (int lay = 0; lay < 3; lay++) {
            Tensor *x = layout(x0, lay);
            for (int d = 0; d < 3; d++)
                for (int prod = 0; prod < 2; prod++) {
                    Tensor *c = prod ? tensor_cumprod(x, d - 3 * (d == 2), REDUCE_NO_DTYPE)
                                     : tensor_cumsum(x, d, REDUCE_NO_DTYPE);
                    CHECK(c && shape_is(c, 3, shape));
                    CHECK(c && c->dtype == (dtype_is_floating(dts[t]) ? dts[t] : DT_I64));
                    int bad = 0;
                    for (int64_t i = 0; c && i < 24; i++) {
                        // Walk back along dim d from element i.
                        int64_t stride = d == 0 ? 8 : d == 1 ? 2 : 1, pos = i / stride % shape[d];
                        double acc = prod ? 1 : 0;
                        for (int64_t k = 0; k <= pos; k++) {
                            double v = tensor_get_flat(x0, i - (pos - k) * stride);
                            acc = prod ? acc * v : acc + v;
                        }
                        bad += fabs(tensor_get_flat(c, i) - acc) > 1e-5 * (fabs(acc) + 1);
                    }
                    CHECK(bad == 0);
                    tensor_release(c);
                }
            tensor_release(x);
        }
        tensor_release(x0);
    }
}

// ---- sort family against a naive stable sort ----

static bool before(double a, double b, bool desc) {
    if (desc) { double t = a; a = b; b = t; }
    return a < b || (isnan(b) && !isnan(a));
}

// Stable insertion sort of lane [v] into positions [pos].
static void naive_sort(const double *v, int64_t K, bool desc, int64_t *pos) {
    for (int64_t k = 0; k < K; k++) {
        int64_t j = k;
        while (j > 0 && before(v[k], v[pos[j - 1]], desc)) { pos[j] = pos[j - 1]; j--; }
        pos[j] = k;
    }
}

static bool same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

static void test_sorting(void) {
    int64_t shape[3] = {3, 6, 4};
    for (int nanv = 0; nanv < 2; nanv++) {
        Tensor *x0 = rand_tensor(3, shape, DT_F64, true, nanv ? 5 : 0);
        for (int lay = 0; lay < 3; lay++) {
            Tensor *x = layout(x0, lay);
            for (int d = 0; d < 3; d++) {
                bool mask[3] = {false};
                mask[d] = true;
                Lanes L = naive_lanes(x0, mask);
                int64_t pos[8], K = L.K;
                int bad = 0;
                for (int desc = 0; desc < 2; desc++) {
                    Tensor *v, *ix, *tv, *ti;
                    CHECK(tensor_sort(x, d, desc, true, &v, &ix) == 0);
                    CHECK(tensor_topk(x, 2, d, desc, true, &tv, &ti) == 0);
                    // Output lane o, element k sits at the same logical spot as
                    // the input's: rebuild the naive lanes of the outputs.
                    Lanes Lv = naive_lanes(v, mask), Li = naive_lanes(ix, mask);
                    Lanes Ltv = naive_lanes(tv, mask), Lti = naive_lanes(ti, mask);
                    for (int64_t o = 0; o < L.nout; o++) {
                        naive_sort(L.v + o * K, K, desc, pos);
                        for (int64_t k = 0; k < K; k++) {
                            bad += !same(Lv.v[o * K + k], L.v[o * K + pos[k]]) || Li.iv[o * K + k] != pos[k];
                            if (k < 2) bad += Lti.iv[o * 2 + k] != pos[k] || !same(Ltv.v[o * 2 + k], L.v[o * K + pos[k]]);
                        }
                    }
                    lanes_free(&Lv); lanes_free(&Li); lanes_free(&Ltv); lanes_free(&Lti);
                    tensor_release(v); tensor_release(ix); tensor_release(tv); tensor_release(ti);
                }
                // kthvalue(2), median, mode along d (keepdim=False: output o is lane o).
                Tensor *kv, *ki, *mv, *mi, *dv, *di;
                CHECK(tensor_kthvalue(x, 2, d, false, &kv, &ki) == 0);
                CHECK(tensor_median_dim(x, d, false, &mv, &mi) == 0);
                CHECK(tensor_mode(x, d, false, &dv, &di) == 0);
                for (int64_t o = 0; o < L.nout; o++) {
                    const double *lv = L.v + o * K;
                    naive_sort(lv, K, false, pos);
                    bad += tensor_get_flat_i64(ki, o) != pos[1];
                    int64_t med = pos[(K - 1) / 2];
                    for (int64_t k = K - 1; k >= 0; k--) if (isnan(lv[k])) med = k;   // first NaN
                    bad += tensor_get_flat_i64(mi, o) != med || !same(tensor_get_flat(mv, o), lv[med]);
                    // Mode: most frequent value (smallest on ties), its last index.
                    int64_t best = -1, best_n = 0;
                    for (int64_t k = 0; k < K; k++) {
                        int64_t c = 0, last = k;
                        for (int64_t j = 0; j < K; j++) if (lv[j] == lv[k]) { c++; last = j; }
                        if (c > best_n || (c == best_n && lv[k] < lv[best])) { best_n = c; best = last; }
                    }
                    if (best >= 0 && !isnan(lv[best]))
                        bad += tensor_get_flat_i64(di, o) != best || tensor_get_flat(dv, o) != lv[best];
                }
                CHECK(bad == 0);
                lanes_free(&L);
                tensor_release(kv); tensor_release(ki); tensor_release(mv); tensor_release(mi);
                tensor_release(dv); tensor_release(di);
            }
            tensor_release(x);
        }
        tensor_release(x0);
    }
}

// A sort big enough for the threaded path: each output lane must be
// ordered, be a permutation of its input lane, and keep ties in input order.
static void test_sort_large(void) {
    int64_t shape[2] = {300, 200};
    Tensor *x = rand_tensor(2, shape, DT_F32, true, 50);
    for (int d = 0; d < 2; d++) {
        Tensor *v, *ix;
        CHECK(tensor_sort(x, d, false, true, &v, &ix) == 0);
        int64_t K = shape[d], n = shape[1 - d], sk = d == 0 ? 200 : 1, sl = d == 0 ? 1 : 200;
        int bad = 0;
        for (int64_t l = 0; l < n; l++)
            for (int64_t k = 0; k < K; k++) {
                int64_t at = l * sl + k * sk, src = tensor_get_flat_i64(ix, at);
                double got = tensor_get_flat(v, at);
                bad += !same(got, tensor_get_flat(x, l * sl + src * sk));
                if (k == 0) continue;
                double prev = tensor_get_flat(v, at - sk);
                bad += before(got, prev, false);
                if (same(got, prev)) bad += src < tensor_get_flat_i64(ix, at - sk);
            }
        CHECK(bad == 0);
        tensor_release(v);
        tensor_release(ix);
    }
    tensor_release(x);
}

static void test_unique(void) {
    int64_t shape[2] = {5, 7};
    Tensor *x0 = rand_tensor(2, shape, DT_I64, true, 0);
    Tensor *x = layout(x0, 1), *u, *inv, *cnt;
    CHECK(tensor_unique(x, true, &u, &inv, &cnt) == 0);
    int bad = 0;
    for (int64_t i = 1; i < tensor_numel(u); i++) bad += tensor_get_flat(u, i - 1) >= tensor_get_flat(u, i);
    int64_t total = 0;
    for (int64_t g = 0; g < tensor_numel(u); g++) {
        int64_t c = 0;
        for (int64_t i = 0; i < 35; i++) c += tensor_get_flat(x0, i) == tensor_get_flat(u, g);
        bad += c != tensor_get_flat_i64(cnt, g) || c == 0;
        total += c;
    }
    for (int64_t i = 0; i < 35; i++)
        bad += tensor_get_flat(u, tensor_get_flat_i64(inv, i)) != tensor_get_flat(x0, i);
    CHECK(bad == 0 && total == 35 && shape_is(inv, 2, shape));
    tensor_release(u); tensor_release(inv); tensor_release(cnt);
    tensor_release(x); tensor_release(x0);
}

// ---- edge values printed by PyTorch 1.13 ----

static Tensor *vec(DType dt, int n, const double *v) {
    int64_t s = n;
    Tensor *t = tensor_empty(1, &s, dt);
    for (int i = 0; i < n; i++) tensor_set_flat(t, i, v[i]);
    return t;
}

static double val(Tensor *t) {       // reads and releases a one-element result
    double v = t ? tensor_get_flat(t, 0) : -12345;
    tensor_release(t);
    return v;
}

static void test_torch_values(void) {
    Tensor *a = vec(DT_F32, 3, (double[]){1, NAN, 3});
    Tensor *b = vec(DT_F32, 3, (double[]){1, NAN, NAN});
    int64_t zero = 0;
    // torch.tensor([1.,nan,3.]).max() -> nan; .max(0) -> (nan, 1); argmin -> 1
    CHECK(isnan(val(tensor_max(a))));
    CHECK(isnan(val(tensor_amin(a, NULL, 0, false))));
    CHECK(val(tensor_argmin(a, NULL, false)) == 1);
    CHECK(val(tensor_argmax(b, NULL, false)) == 1);     // first NaN
    Tensor *v, *ix;
    CHECK(tensor_max_dim(a, 0, false, &v, &ix) == 0 && isnan(val(v)) && val(ix) == 1);
    // torch.tensor([3.,1.,3.]).argmax() -> 0
    Tensor *c = vec(DT_F32, 3, (double[]){3, 1, 3});
    CHECK(val(tensor_argmax(c, NULL, false)) == 0);
    // std/var of one element -> nan; of [] -> nan; mean of [] -> nan; sum of [] -> 0.
    Tensor *one = vec(DT_F32, 1, (double[]){1}), *none = vec(DT_F32, 0, NULL);
    CHECK(isnan(val(tensor_std(one, NULL, 0, 1, false))));
    CHECK(isnan(val(tensor_var(none, NULL, 0, 1, false))));
    CHECK(isnan(val(tensor_mean(none, NULL, 0, false, REDUCE_NO_DTYPE))));
    CHECK(val(tensor_sum(none, NULL, 0, false, REDUCE_NO_DTYPE)) == 0);
    CHECK(val(tensor_prod(none, NULL, false, REDUCE_NO_DTYPE)) == 1);
    CHECK(val(tensor_norm(none, 2, NULL, 0, false, REDUCE_NO_DTYPE)) == 0);
    CHECK(val(tensor_logsumexp(none, &zero, 1, false)) == -INFINITY);
    CHECK(isnan(val(tensor_median(none))));
    Tensor *ae = tensor_all(none, NULL, 0, false), *an = tensor_any(none, NULL, 0, false);
    CHECK(ae && ae->dtype == DT_BOOL && val(ae) == 1 && val(an) == 0);
    // torch.tensor([1.,-1.]).std() -> 1.4142; var(unbiased=False) of [0,3] -> 2.25
    Tensor *pm = vec(DT_F32, 2, (double[]){1, -1});
    CHECK_CLOSE(val(tensor_std(pm, NULL, 0, 1, false)), 1.4142, 1e-4);
    Tensor *p03 = vec(DT_F32, 2, (double[]){0, 3});
    CHECK_CLOSE(val(tensor_var(p03, NULL, 0, 0, false)), 2.25, 1e-6);
    // norms of [[1,-2],[3,4]]: p=3 4.6416, p=-1 0.4800, p=0 4, inf 4, -inf 1, fro 5.4772
    int64_t s22[2] = {2, 2};
    Tensor *m = tensor_empty(2, s22, DT_F32);
    double mv[4] = {1, -2, 3, 4};
    for (int i = 0; i < 4; i++) tensor_set_flat(m, i, mv[i]);
    CHECK_CLOSE(val(tensor_norm(m, 3, NULL, 0, false, REDUCE_NO_DTYPE)), 4.6416, 1e-4);
    CHECK_CLOSE(val(tensor_norm(m, -1, NULL, 0, false, REDUCE_NO_DTYPE)), 0.48, 1e-4);
    CHECK_CLOSE(val(tensor_norm(m, 0, NULL, 0, false, REDUCE_NO_DTYPE)), 4, 0);
    CHECK_CLOSE(val(tensor_norm(m, INFINITY, NULL, 0, false, REDUCE_NO_DTYPE)), 4, 0);
    CHECK_CLOSE(val(tensor_norm(m, -INFINITY, NULL, 0, false, REDUCE_NO_DTYPE)), 1, 0);
    CHECK_CLOSE(val(tensor_norm(m, 2, NULL, 0, false, REDUCE_NO_DTYPE)), 5.4772, 1e-4);
    // logsumexp: [-inf,-inf] -> -inf, [inf,inf] -> inf, [inf,-inf] -> inf, [1,nan] -> nan,
    // int [1,2] -> 2.3133 (float32); [[1,-2],[3,4]] over (0,1) -> 4.3508
    Tensor *ninf = vec(DT_F32, 2, (double[]){-INFINITY, -INFINITY});
    Tensor *pinf = vec(DT_F32, 2, (double[]){INFINITY, INFINITY});
    Tensor *mix = vec(DT_F32, 2, (double[]){INFINITY, -INFINITY});
    Tensor *ln = vec(DT_F32, 2, (double[]){1, NAN});
    Tensor *i12 = vec(DT_I64, 2, (double[]){1, 2});
    CHECK(val(tensor_logsumexp(ninf, &zero, 1, false)) == -INFINITY);
    CHECK(val(tensor_logsumexp(pinf, &zero, 1, false)) == INFINITY);
    CHECK(val(tensor_logsumexp(mix, &zero, 1, false)) == INFINITY);
    CHECK(isnan(val(tensor_logsumexp(ln, &zero, 1, false))));
    Tensor *li = tensor_logsumexp(i12, &zero, 1, false);
    CHECK(li && li->dtype == DT_F32);
    CHECK_CLOSE(val(li), 2.3133, 1e-4);
    CHECK_CLOSE(val(tensor_logsumexp(m, (int64_t[]){0, 1}, 2, false)), 4.3508, 1e-4);
    // int64 wrap-around: [2**62,2**62].sum() -> -9223372036854775808, [2**62,4].prod() -> 0
    int64_t two = 2;
    Tensor *big = tensor_empty(1, &two, DT_I64);
    ((int64_t *)tensor_data(big))[0] = (int64_t)1 << 62;
    ((int64_t *)tensor_data(big))[1] = (int64_t)1 << 62;
    Tensor *bs = tensor_sum(big, NULL, 0, false, REDUCE_NO_DTYPE);
    CHECK(bs && tensor_get_flat_i64(bs, 0) == INT64_MIN);
    ((int64_t *)tensor_data(big))[1] = 4;
    Tensor *bp = tensor_prod(big, NULL, false, REDUCE_NO_DTYPE);
    CHECK(bp && tensor_get_flat_i64(bp, 0) == 0);
    tensor_release(bs); tensor_release(bp);
    // dtypes: bool/uint8 sum -> int64; uint8 all -> uint8; int all -> bool; float16 mean 1.5
    Tensor *bb = vec(DT_BOOL, 3, (double[]){1, 0, 1}), *uu = vec(DT_U8, 2, (double[]){1, 2});
    Tensor *sb = tensor_sum(bb, NULL, 0, false, REDUCE_NO_DTYPE), *au = tensor_all(uu, NULL, 0, false);
    Tensor *ai = tensor_all(i12, NULL, 0, false), *cb = tensor_cumsum(bb, 0, REDUCE_NO_DTYPE);
    CHECK(sb && sb->dtype == DT_I64 && tensor_get_flat(sb, 0) == 2);
    CHECK(au && au->dtype == DT_U8 && ai && ai->dtype == DT_BOOL);
    CHECK(cb && cb->dtype == DT_I64 && tensor_get_flat(cb, 2) == 2);
    tensor_release(sb); tensor_release(au); tensor_release(ai); tensor_release(cb);
    Tensor *h = vec(DT_F16, 2, (double[]){1, 2});
    Tensor *hm = tensor_mean(h, NULL, 0, false, REDUCE_NO_DTYPE);
    CHECK(hm && hm->dtype == DT_F16 && tensor_get_flat(hm, 0) == 1.5);
    tensor_release(hm);
    // sum(dtype=float32) of ints; float.sum(dtype=int32) truncates first: [1.5,2.5].prod(int64) -> 2
    Tensor *sf = tensor_sum(i12, NULL, 0, false, DT_F32), *f15 = vec(DT_F32, 2, (double[]){1.5, 2.5});
    Tensor *pi = tensor_prod(f15, NULL, false, DT_I64);
    CHECK(sf && sf->dtype == DT_F32 && tensor_get_flat(sf, 0) == 3);
    CHECK(pi && pi->dtype == DT_I64 && tensor_get_flat(pi, 0) == 2);
    tensor_release(sf); tensor_release(pi);
    // median: [[3,1,2],[1,5,0]] -> 1; [3,1,2,4] -> 2 (lower); [1,nan,2] -> nan
    Tensor *md = vec(DT_F32, 4, (double[]){3, 1, 2, 4});
    CHECK(val(tensor_median(md)) == 2);
    CHECK(isnan(val(tensor_median(a))));
    // mode([1,2,2,3,3]) -> (2, 2); topk([3,1,2,4], 2) -> ([4,3], [3,0])
    Tensor *mo = vec(DT_F32, 5, (double[]){1, 2, 2, 3, 3});
    CHECK(tensor_mode(mo, -1, false, &v, &ix) == 0 && val(v) == 2 && val(ix) == 2);
    CHECK(tensor_topk(md, 2, -1, true, true, &v, &ix) == 0);
    CHECK(tensor_get_flat(v, 0) == 4 && tensor_get_flat(v, 1) == 3);
    CHECK(tensor_get_flat_i64(ix, 0) == 3 && tensor_get_flat_i64(ix, 1) == 0);
    tensor_release(v); tensor_release(ix);
    // sort([1,nan,2]) -> [1,2,nan] / [0,2,1]; descending -> [nan,2,1] / [1,2,0]
    CHECK(tensor_sort(a, 0, true, false, &v, &ix) == 0);
    CHECK(isnan(tensor_get_flat(v, 0)) && tensor_get_flat_i64(ix, 0) == 1 &&
          tensor_get_flat_i64(ix, 2) == 0);
    tensor_release(v); tensor_release(ix);
    // unique([2,1,2,3,1], inverse, counts) -> [1,2,3], [1,0,1,2,0], [2,2,1]; NaNs stay apart
    Tensor *un = vec(DT_F32, 5, (double[]){2, 1, 2, 3, 1}), *u, *inv, *cnt;
    CHECK(tensor_unique(un, true, &u, &inv, &cnt) == 0);
    CHECK(tensor_numel(u) == 3 && tensor_get_flat_i64(inv, 3) == 2 && tensor_get_flat_i64(cnt, 1) == 2);
    tensor_release(u); tensor_release(inv); tensor_release(cnt);
    Tensor *nn = vec(DT_F32, 3, (double[]){NAN, 1, NAN});
    CHECK(tensor_unique(nn, true, &u, NULL, NULL) == 0 && tensor_numel(u) == 3);
    tensor_release(u);
    // argmax(keepdim=True) with dim=None keeps every dim as 1: [[5]]
    Tensor *am = tensor_argmax(m, NULL, true);
    CHECK(am && am->ndim == 2 && am->shape[0] == 1 && tensor_get_flat(am, 0) == 3);
    tensor_release(am);
    Tensor *all[] = {a, b, c, one, none, pm, p03, m, ninf, pinf, mix, ln, i12, big, bb, uu, h,
                     f15, md, mo, un, nn};
    for (unsigned i = 0; i < sizeof all / sizeof *all; i++) tensor_release(all[i]);
}

// ---- large inputs: the multi-threaded and row-accumulating paths ----

static void test_large_sums(void) {
    // x_i = 3 sin(0.001 i) + 0.5 in float32, n = 2^20 (PyTorch: sum 525025.5,
    // exact 525025.5669; std 2.1218; norm 2232.4207; reshaped 1024x1024:
    // sum(0)[5] 513.6329, sum(1)[7] 3406.8984, var(1)[3] 0.61275, lse(1)[9] 6.90373).
    int64_t n = 1 << 20, sq[2] = {1024, 1024};
    Tensor *x = tensor_empty(1, &n, DT_F32);
    float *p = tensor_data(x);
    for (int64_t i = 0; i < n; i++) p[i] = (float)(sin((double)i * 0.001) * 3 + 0.5);
    CHECK_CLOSE(val(tensor_sum(x, NULL, 0, false, REDUCE_NO_DTYPE)), 525025.5669, 0.07);
    CHECK_CLOSE(val(tensor_std(x, NULL, 0, 1, false)), 2.121821, 2e-5);
    CHECK_CLOSE(val(tensor_norm(x, 2, NULL, 0, false, REDUCE_NO_DTYPE)), 2232.4207, 2e-3);
    Tensor *y = tensor_view(x, 2, sq);
    int64_t d0 = 0, d1 = 1;
    Tensor *s0 = tensor_sum(y, &d0, 1, false, REDUCE_NO_DTYPE), *s1 = tensor_sum(y, &d1, 1, false, REDUCE_NO_DTYPE);
    Tensor *v1 = tensor_var(y, &d1, 1, 1, false), *l1 = tensor_logsumexp(y, &d1, 1, false);
    CHECK_CLOSE(tensor_get_flat(s0, 5), 513.6329, 2e-4);
    CHECK_CLOSE(tensor_get_flat(s1, 7), 3406.8984, 4e-4);
    CHECK_CLOSE(tensor_get_flat(v1, 3), 0.6127536, 1e-6);
    CHECK_CLOSE(tensor_get_flat(l1, 9), 6.9037323, 1e-5);
    // Column sums of a transposed view take the strided path: same values.
    Tensor *yt = tensor_t(y), *st = tensor_sum(yt, &d1, 1, false, REDUCE_NO_DTYPE);
    int bad = 0;
    for (int j = 0; j < 1024; j++) bad += fabs(tensor_get_flat(st, j) - tensor_get_flat(s0, j)) > 1e-3;
    CHECK(bad == 0);
    Tensor *mean0 = tensor_mean(y, &d0, 1, true, REDUCE_NO_DTYPE);
    CHECK(mean0 && mean0->ndim == 2 && mean0->shape[0] == 1);
    CHECK_CLOSE(tensor_get_flat(mean0, 5), 513.6329 / 1024, 1e-6);
    Tensor *ts[] = {x, y, s0, s1, v1, l1, yt, st, mean0};
    for (unsigned i = 0; i < sizeof ts / sizeof *ts; i++) tensor_release(ts[i]);
}

// ---- error messages, as PyTorch 1.13 prints them ----

static void expect_err(void *r, ErrKind kind, const char *msg) {
    CHECK(r == NULL);
    CHECK(tl_error_kind() == kind);
    CHECK_STR(tl_error_message(), msg);
    tl_error_clear();
}

static void expect_err_int(int rc, ErrKind kind, const char *msg) {
    expect_err(rc < 0 ? NULL : (void *)1, kind, msg);
}

static void test_errors(void) {
    int64_t s23[2] = {2, 3}, s03[2] = {0, 3}, d2 = 2, dm3 = -3, dd[2] = {0, 0}, dm2 = -2;
    Tensor *i = tensor_zeros(2, s23, DT_I64), *f = tensor_zeros(2, s23, DT_F32);
    Tensor *z = tensor_zeros(2, s03, DT_F32), *e = tensor_zeros(1, (int64_t[]){0}, DT_F32), *v, *ix;
    expect_err(tensor_mean(i, NULL, 0, false, REDUCE_NO_DTYPE), ERR_RUNTIME,
               "mean(): could not infer output dtype. Input dtype must be either a floating point "
               "or complex dtype. Got: Long");
    expect_err(tensor_mean(i, NULL, 0, false, DT_I64), ERR_RUNTIME,
               "mean(): could not infer output dtype. Optional dtype must be either a floating "
               "point or complex dtype. Got: Long");
    expect_err(tensor_max(e), ERR_RUNTIME, "max(): Expected reduction dim to be specified for "
               "input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
    expect_err(tensor_amin(z, NULL, 0, false), ERR_RUNTIME, "amin(): Expected reduction dim to be "
               "specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
    expect_err(tensor_argmax(e, NULL, false), ERR_INDEX,
               "argmax(): Expected reduction dim to be specified for input.numel() == 0.");
    expect_err_int(tensor_max_dim(z, -2, false, &v, &ix), ERR_INDEX,
                   "max(): Expected reduction dim 0 to have non-zero size.");
    expect_err(tensor_amin(z, &dm2, 1, false), ERR_INDEX,
               "amin(): Expected reduction dim -2 to have non-zero size.");
    expect_err(tensor_sum(f, &d2, 1, false, REDUCE_NO_DTYPE), ERR_INDEX,
               "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    expect_err(tensor_sum(f, &dm3, 1, false, REDUCE_NO_DTYPE), ERR_INDEX,
               "Dimension out of range (expected to be in range of [-2, 1], but got -3)");
    expect_err(tensor_sum(f, dd, 2, false, REDUCE_NO_DTYPE), ERR_RUNTIME,
               "dim 0 appears multiple times in the list of dims");
    expect_err(tensor_std(i, NULL, 0, 1, false), ERR_RUNTIME,
               "std and var only support floating point and complex dtypes");
    expect_err(tensor_norm(i, 2, NULL, 0, false, REDUCE_NO_DTYPE), ERR_RUNTIME,
               "norm(): input dtype should be either floating point or complex. Got Long instead.");
    expect_err(tensor_cumsum(i, 2, REDUCE_NO_DTYPE), ERR_INDEX,
               "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    expect_err_int(tensor_topk(i, 4, 1, true, true, &v, &ix), ERR_RUNTIME, "selected index k out of range");
    expect_err_int(tensor_kthvalue(f, 4, 1, false, &v, &ix), ERR_RUNTIME,
                   "kthvalue(): selected number k out of range for dimension 1");
    expect_err_int(tensor_mode(e, 0, false, &v, &ix), ERR_INDEX,
                   "mode(): Expected reduction dim 0 to have non-zero size.");
    Tensor *ts[] = {i, f, z, e};
    for (unsigned k = 0; k < 4; k++) tensor_release(ts[k]);
}

int main(void) {
    test_value_reductions();
    test_arg_reductions();
    test_scans();
    test_sorting();
    test_sort_large();
    test_unique();
    test_torch_values();
    test_large_sums();
    test_errors();
    return test_summary();
}
