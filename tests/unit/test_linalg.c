// Matrix products, matmul broadcasting, einsum and the linalg norms
// (tensor/linalg.h) against naive triple loops in double over logical
// indices, with operands contiguous, transposed, strided and broadcast
// (stride 0); errors compared with what PyTorch 1.13 prints.
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "common/error.h"
#include "tensor/linalg.h"
#include "tensor/shape.h"

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static double urand(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

static Tensor *rand_tensor(int nd, const int64_t *shape, DType dt) {
    Tensor *t = tensor_empty(nd, shape, dt);
    for (int64_t i = 0; i < tensor_numel(t); i++)
        tensor_set_flat(t, i, dtype_is_floating(dt) ? urand() * 2 - 1 : floor(urand() * 7) - 3);
    return t;
}

// Same logical values: 0 contiguous, 1 storage with the last two dims
// swapped (a transposed view), 2 every other element of a bigger buffer.
static Tensor *layout(const Tensor *x, int kind) {
    int n = x->ndim;
    if (kind == 0 || n == 0 || (kind == 1 && n < 2)) return tensor_retain((Tensor *)x);
    int64_t shape[TENSOR_MAX_DIMS] = {0};
    Tensor *base, *v;
    if (kind == 1) {
        memcpy(shape, x->shape, sizeof shape);
        shape[n - 2] = x->shape[n - 1];
        shape[n - 1] = x->shape[n - 2];
        base = tensor_zeros(n, shape, x->dtype);
        v = tensor_transpose(base, -2, -1);
    } else {
        for (int d = 0; d < n; d++) shape[d] = 2 * x->shape[d];
        base = tensor_zeros(n, shape, x->dtype);
        v = tensor_retain(base);
        for (int d = 0; d < n; d++) {
            Tensor *s = tensor_slice(v, d, 1, TENSOR_SLICE_END, 2);
            tensor_release(v);
            v = s;
        }
    }
    tensor_release(base);
    for (int64_t i = 0; i < tensor_numel(x); i++) tensor_set_flat(v, i, tensor_get_flat(x, i));
    return v;
}

static double tol(DType dt) { return dt == DT_F32 ? 1e-4 : dt == DT_BF16 ? 0.1 : 1e-10; }

// out (n, m) against the naive product of a (n, k) and b (k, m), all read
// through get_flat at [ao]/[bo]/[oo] element offsets (for batches).
static int cmp_mm(const Tensor *a, const Tensor *b, const Tensor *out, int64_t n, int64_t k,
                  int64_t m, int64_t ao, int64_t bo, int64_t oo, double alpha, double beta,
                  const double *c0, DType dt) {
    int bad = 0;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < m; j++) {
            double s = 0, mag = 0;
            for (int64_t p = 0; p < k; p++) {
                double t = tensor_get_flat(a, ao + i * k + p) * tensor_get_flat(b, bo + p * m + j);
                s += t;
                mag += fabs(t);
            }
            double want = alpha * s + (c0 ? beta * c0[i * m + j] : 0);
            double got = tensor_get_flat(out, oo + i * m + j);
            if (fabs(got - want) > tol(dt) * (mag + 1)) {
                if (bad < 3) fprintf(stderr, "  mm (%lld,%lld): %g vs %g\n", (long long)i,
                                     (long long)j, got, want);
                bad++;
            }
        }
    return bad;
}

static void test_mm(void) {
    const int64_t dims[][3] = {{3, 4, 5}, {1, 7, 1}, {8, 1, 3}, {0, 3, 2}, {2, 0, 3}, {64, 33, 17}};
    DType dts[] = {DT_F32, DT_F64, DT_I64, DT_BF16, DT_I32};
    for (unsigned t = 0; t < 5; t++)
        for (unsigned s = 0; s < 6; s++) {
            int64_t n = dims[s][0], k = dims[s][1], m = dims[s][2];
            Tensor *a0 = rand_tensor(2, (int64_t[]){n, k}, dts[t]);
            Tensor *b0 = rand_tensor(2, (int64_t[]){k, m}, dts[t]);
            for (int la = 0; la < 3; la++)
                for (int lb = 0; lb < 3; lb++) {
                    Tensor *a = layout(a0, la), *b = layout(b0, lb), *o = tensor_mm(a, b);
                    CHECK(o && o->ndim == 2 && o->shape[0] == n && o->shape[1] == m &&
                          o->dtype == dts[t]);
                    if (o) CHECK(cmp_mm(a0, b0, o, n, k, m, 0, 0, 0, 1, 0, NULL, dts[t]) == 0);
                    tensor_release(a); tensor_release(b); tensor_release(o);
                }
            tensor_release(a0);
            tensor_release(b0);
        }
}

static void test_bmm_mv_dot(void) {
    // bmm: (B, n, k) @ (B, k, m), with a batch-broadcast (stride 0) left operand.
    Tensor *a0 = rand_tensor(3, (int64_t[]){3, 4, 5}, DT_F32), *b0 = rand_tensor(3, (int64_t[]){3, 5, 2}, DT_F32);
    for (int la = 0; la < 3; la++) {
        Tensor *a = layout(a0, la), *b = layout(b0, 2 - la), *o = tensor_bmm(a, b);
        CHECK(o && o->shape[0] == 3 && o->shape[1] == 4 && o->shape[2] == 2);
        int bad = 0;
        for (int64_t i = 0; o && i < 3; i++) bad += cmp_mm(a0, b0, o, 4, 5, 2, i * 20, i * 10, i * 8, 1, 0, NULL, DT_F32);
        CHECK(bad == 0);
        tensor_release(a); tensor_release(b); tensor_release(o);
    }
    Tensor *one = tensor_narrow(a0, 0, 1, 1), *ex = tensor_expand(one, 3, (int64_t[]){3, 4, 5});
    Tensor *o = tensor_bmm(ex, b0);
    int bad = 0;
    for (int64_t i = 0; o && i < 3; i++) bad += cmp_mm(a0, b0, o, 4, 5, 2, 20, i * 10, i * 8, 1, 0, NULL, DT_F32);
    CHECK(o && bad == 0);
    tensor_release(one); tensor_release(ex); tensor_release(o);
    // mv and dot through transposed and strided operands.
    Tensor *m0 = rand_tensor(2, (int64_t[]){6, 5}, DT_F64), *v0 = rand_tensor(1, (int64_t[]){5}, DT_F64);
    for (int lm = 0; lm < 3; lm++)
        for (int lv = 0; lv < 3; lv += 2) {
            Tensor *mm = layout(m0, lm), *vv = layout(v0, lv), *r = tensor_mv(mm, vv);
            CHECK(r && r->ndim == 1 && r->shape[0] == 6);
            if (r) CHECK(cmp_mm(m0, v0, r, 6, 5, 1, 0, 0, 0, 1, 0, NULL, DT_F64) == 0);
            tensor_release(mm); tensor_release(vv); tensor_release(r);
        }
    DType dts[] = {DT_F32, DT_F64, DT_I64};
    for (int t = 0; t < 3; t++) {
        Tensor *x0 = rand_tensor(1, (int64_t[]){9}, dts[t]), *y0 = rand_tensor(1, (int64_t[]){9}, dts[t]);
        Tensor *x = layout(x0, 2), *d = tensor_dot(x, y0);
        CHECK(d && d->ndim == 0 && d->dtype == dts[t]);
        if (d) CHECK(cmp_mm(x0, y0, d, 1, 9, 1, 0, 0, 0, 1, 0, NULL, dts[t]) == 0);
        tensor_release(x0); tensor_release(y0); tensor_release(x); tensor_release(d);
    }
    tensor_release(a0); tensor_release(b0); tensor_release(m0); tensor_release(v0);
}

static void test_addmm_outer(void) {
    Tensor *a = rand_tensor(2, (int64_t[]){3, 4}, DT_F32), *b = rand_tensor(2, (int64_t[]){4, 5}, DT_F32);
    const int64_t in_shapes[][2] = {{5, 0}, {3, 5}, {3, 1}, {0, 0}};
    const int in_nd[] = {1, 2, 2, 0};
    for (int s = 0; s < 4; s++) {
        Tensor *in = rand_tensor(in_nd[s], in_shapes[s], DT_F32);
        double c0[15];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 5; j++) {
                int64_t f = in_nd[s] == 0 ? 0 : in_nd[s] == 1 ? j : in_shapes[s][1] == 1 ? i : i * 5 + j;
                c0[i * 5 + j] = tensor_get_flat(in, f);
            }
        Tensor *o = tensor_addmm(in, a, b, 0.5, 2);
        CHECK(o && o->shape[0] == 3 && o->shape[1] == 5);
        if (o) CHECK(cmp_mm(a, b, o, 3, 4, 5, 0, 0, 0, 2, 0.5, c0, DT_F32) == 0);
        tensor_release(o);
        tensor_release(in);
    }
    // beta = 0 ignores the input, NaN included (PyTorch's rule).
    Tensor *nan = tensor_empty(0, NULL, DT_F32);
    tensor_set_flat(nan, 0, NAN);
    Tensor *o = tensor_addmm(nan, a, b, 0, 1);
    CHECK(o && cmp_mm(a, b, o, 3, 4, 5, 0, 0, 0, 1, 0, NULL, DT_F32) == 0);
    tensor_release(o);
    // outer with promotion: int64 x float32 -> float32.
    Tensor *u = rand_tensor(1, (int64_t[]){3}, DT_I64), *w = rand_tensor(1, (int64_t[]){4}, DT_F32);
    Tensor *ou = tensor_outer(u, w);
    CHECK(ou && ou->dtype == DT_F32 && ou->shape[0] == 3 && ou->shape[1] == 4);
    int bad = 0;
    for (int i = 0; ou && i < 12; i++)
        bad += fabs(tensor_get_flat(ou, i) - tensor_get_flat(u, i / 4) * tensor_get_flat(w, i % 4)) > 1e-6;
    CHECK(bad == 0);
    Tensor *ts[] = {a, b, nan, u, w, ou};
    for (int i = 0; i < 6; i++) tensor_release(ts[i]);
}

// Naive broadcast matmul of logical a (.., n, k) and b (.., k, m) with
// PyTorch's 1-D promotion; returns mismatches against [out].
static int cmp_matmul(const Tensor *a, const Tensor *b, const Tensor *out) {
    int da = a->ndim, db = b->ndim;
    int64_t n = da > 1 ? a->shape[da - 2] : 1, k = a->shape[da - 1];
    int64_t m = db > 1 ? b->shape[db - 1] : 1;
    int ba = da > 2 ? da - 2 : 0, bb = db > 2 ? db - 2 : 0, nb = ba > bb ? ba : bb;
    int64_t batch[TENSOR_MAX_DIMS], B = 1;
    for (int d = 0; d < nb; d++) {
        int xa = d - (nb - ba), xb = d - (nb - bb);
        int64_t sa = xa >= 0 ? a->shape[xa] : 1, sb = xb >= 0 ? b->shape[xb] : 1;
        batch[d] = sa > sb ? sa : sb;
        B *= batch[d];
    }
    int expect_nd = nb + (da > 1) + (db > 1), bad = 0;
    if (!out || out->ndim != expect_nd) return 1;
    for (int64_t t = 0; t < B; t++) {
        int64_t rem = t, oa = 0, ob = 0, ma = n * k, mb = k * m;
        for (int d = nb - 1; d >= 0; d--) {
            int64_t c = rem % batch[d];
            rem /= batch[d];
            int xa = d - (nb - ba), xb = d - (nb - bb);
            if (xa >= 0) { oa += (a->shape[xa] == 1 ? 0 : c) * ma; ma *= a->shape[xa]; }
            if (xb >= 0) { ob += (b->shape[xb] == 1 ? 0 : c) * mb; mb *= b->shape[xb]; }
        }
        bad += cmp_mm(a, b, out, n, k, m, oa, ob, t * n * m, 1, 0, NULL, DT_F64);
    }
    return bad;
}

static void test_matmul(void) {
    // Each pair's shapes (0 ends a shape); k = 3 throughout.
    const int64_t cases[][2][5] = {
        {{3, 0}, {3, 0}}, {{2, 3, 0}, {3, 0}}, {{3, 0}, {3, 4, 0}}, {{2, 3, 0}, {3, 4, 0}},
        {{5, 2, 3, 0}, {3, 0}}, {{5, 2, 3, 0}, {3, 4, 0}}, {{3, 0}, {5, 3, 4, 0}},
        {{2, 3, 0}, {5, 3, 4, 0}}, {{5, 2, 3, 0}, {5, 3, 4, 0}}, {{2, 1, 2, 3, 0}, {3, 3, 2, 0}},
        {{1, 2, 3, 0}, {4, 3, 2, 0}}, {{4, 1, 2, 3, 0}, {3, 4, 0}},
    };
    for (unsigned c = 0; c < sizeof cases / sizeof *cases; c++) {
        int64_t sa[5], sb[5];
        int na = 0, nb = 0;
        while (cases[c][0][na]) { sa[na] = cases[c][0][na]; na++; }
        while (cases[c][1][nb]) { sb[nb] = cases[c][1][nb]; nb++; }
        Tensor *a0 = rand_tensor(na, sa, DT_F64), *b0 = rand_tensor(nb, sb, DT_F64);
        for (int lay = 0; lay < 3; lay++) {
            Tensor *a = layout(a0, lay), *b = layout(b0, (lay + 1) % 3), *o = tensor_matmul(a, b);
            int bad = cmp_matmul(a0, b0, o);
            if (bad) fprintf(stderr, "  matmul case %u layout %d: %s\n", c, lay, o ? "values" : tl_error_message());
            CHECK(bad == 0);
            tensor_release(a); tensor_release(b); tensor_release(o);
        }
        tensor_release(a0); tensor_release(b0);
    }
}

// ---- einsum against a naive sum over every subscript assignment ----

// [eq] is explicit ("ij,jk->ik"), letters only; sizes per letter in [size].
static int cmp_einsum(const char *eq, const Tensor *const *ops, const Tensor *out) {
    int64_t size[128] = {0};
    char terms[4][16], res[16];
    const char *arrow = strstr(eq, "->");
    int nt = 0, len = 0;
    for (const char *c = eq; c < arrow; c++) {
        if (*c == ',') { terms[nt++][len] = 0; len = 0; }
        else terms[nt][len++] = *c;
    }
    terms[nt++][len] = 0;
    strcpy(res, arrow + 2);
    char letters[32];
    int nl = 0;
    for (int t = 0; t < nt; t++)
        for (int i = 0; terms[t][i]; i++) {
            int l = terms[t][i];
            if (!size[l]) { size[l] = ops[t]->shape[i]; letters[nl++] = (char)l; }
            if (ops[t]->shape[i] > size[l]) size[l] = ops[t]->shape[i];
        }
    int nr = (int)strlen(res);
    if (!out || out->ndim != nr) return 1;
    int64_t total = 1, val[128] = {0};
    for (int i = 0; i < nl; i++) total *= size[(int)letters[i]];
    double *acc = calloc((size_t)tensor_numel(out) + 1, sizeof(double));
    for (int64_t a = 0; a < total; a++) {
        int64_t rem = a;
        for (int i = nl - 1; i >= 0; i--) { val[(int)letters[i]] = rem % size[(int)letters[i]]; rem /= size[(int)letters[i]]; }
        double p = 1;
        for (int t = 0; t < nt; t++) {
            int64_t f = 0;
            for (int i = 0; terms[t][i]; i++)
                f = f * ops[t]->shape[i] + (ops[t]->shape[i] == 1 ? 0 : val[(int)terms[t][i]]);
            p *= tensor_get_flat(ops[t], f);
        }
        int64_t o = 0;
        for (int i = 0; i < nr; i++) o = o * size[(int)res[i]] + val[(int)res[i]];
        acc[o] += p;
    }
    int bad = 0;
    for (int64_t o = 0; o < tensor_numel(out); o++) bad += fabs(tensor_get_flat(out, o) - acc[o]) > 1e-9;
    free(acc);
    return bad;
}

static void test_einsum(void) {
    struct { const char *eq, *naive; int nops; int64_t s[3][4]; int nd[3]; } cases[] = {
        {"ij,jk->ik", "ij,jk->ik", 2, {{3, 4}, {4, 5}}, {2, 2}},
        {"ij,jk", "ij,jk->ik", 2, {{3, 4}, {4, 5}}, {2, 2}},
        {"bij,bjk->bik", "bij,bjk->bik", 2, {{2, 3, 4}, {2, 4, 5}}, {3, 3}},
        {"i,i->", "i,i->", 2, {{6}, {6}}, {1, 1}},
        {"ij->ji", "ij->ji", 1, {{3, 4}}, {2}},
        {"ba", "ba->ab", 1, {{3, 4}}, {2}},
        {"ii->i", "ii->i", 1, {{4, 4}}, {2}},
        {"ii", "ii->", 1, {{4, 4}}, {2}},
        {"i,j->ij", "i,j->ij", 2, {{3}, {5}}, {1, 1}},
        {"ij,ij->ij", "ij,ij->ij", 2, {{3, 4}, {3, 4}}, {2, 2}},
        {"ij->", "ij->", 1, {{3, 4}}, {2}},
        {"ij,kj->ik", "ij,kj->ik", 2, {{2, 3}, {4, 3}}, {2, 2}},
        {"i j , j k -> i k", "ij,jk->ik", 2, {{2, 3}, {3, 4}}, {2, 2}},
        {"bij,bjk", "bij,bjk->ik", 2, {{2, 2, 3}, {1, 3, 4}}, {3, 3}},
        {"i,j,k->ijk", "i,j,k->ijk", 3, {{2}, {3}, {4}}, {1, 1, 1}},
        {"...ij,...jk->...ik", "bij,bjk->bik", 2, {{5, 2, 3}, {5, 3, 2}}, {3, 3}},
        {"Ab,bc->Ac", "Ab,bc->Ac", 2, {{2, 3}, {3, 4}}, {2, 2}},
        {"ijk,jk->i", "ijk,jk->i", 2, {{2, 3, 4}, {3, 4}}, {3, 2}},
        {"ij,jk,kl->il", "ij,jk,kl->il", 3, {{2, 3}, {3, 4}, {4, 2}}, {2, 2, 2}},
    };
    for (unsigned c = 0; c < sizeof cases / sizeof *cases; c++) {
        Tensor *ops[3] = {NULL, NULL, NULL}, *lay[3] = {NULL, NULL, NULL};
        for (int i = 0; i < cases[c].nops; i++) {
            ops[i] = rand_tensor(cases[c].nd[i], cases[c].s[i], DT_F64);
            lay[i] = layout(ops[i], (int)(c + (unsigned)i) % 3);
        }
        Tensor *o = tensor_einsum(cases[c].eq, (const Tensor *const *)lay, cases[c].nops);
        int bad = cmp_einsum(cases[c].naive, (const Tensor *const *)ops, o);
        if (bad) fprintf(stderr, "  einsum %s: %s\n", cases[c].eq, o ? "values" : tl_error_message());
        CHECK(bad == 0);
        tensor_release(o);
        for (int i = 0; i < cases[c].nops; i++) { tensor_release(ops[i]); tensor_release(lay[i]); }
    }
}

// ---- norms ----

static void test_norms(void) {
    Tensor *x = rand_tensor(2, (int64_t[]){4, 3}, DT_F64), *xt = layout(x, 1);
    double colmax = 0, colmin = INFINITY, rowmax = 0, rowmin = INFINITY, fro = 0;
    for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int i = 0; i < 4; i++) s += fabs(tensor_get_flat(x, i * 3 + j));
        colmax = fmax(colmax, s);
        colmin = fmin(colmin, s);
    }
    for (int i = 0; i < 4; i++) {
        double s = 0;
        for (int j = 0; j < 3; j++) { double v = tensor_get_flat(x, i * 3 + j); s += fabs(v); fro += v * v; }
        rowmax = fmax(rowmax, s);
        rowmin = fmin(rowmin, s);
    }
    fro = sqrt(fro);
    Tensor *r;
#define NORM_IS(expr, want) do { r = (expr); CHECK(r != NULL); if (r) CHECK_CLOSE(tensor_get_flat(r, 0), want, 1e-12); tensor_release(r); } while (0)
    NORM_IS(tensor_linalg_matrix_norm(xt, "fro", 0, NULL, false), fro);
    NORM_IS(tensor_linalg_matrix_norm(xt, NULL, 1, NULL, false), colmax);
    NORM_IS(tensor_linalg_matrix_norm(xt, NULL, -1, NULL, false), colmin);
    NORM_IS(tensor_linalg_matrix_norm(xt, NULL, INFINITY, NULL, false), rowmax);
    NORM_IS(tensor_linalg_matrix_norm(xt, NULL, -INFINITY, NULL, false), rowmin);
    NORM_IS(tensor_linalg_norm(xt, false, NULL, 0, NULL, 0, false), fro);
    NORM_IS(tensor_linalg_norm(xt, true, NULL, 1, NULL, 0, false), colmax);
    NORM_IS(tensor_linalg_vector_norm(xt, 2, NULL, 0, false, -1), fro);
    r = tensor_linalg_matrix_norm(xt, NULL, 1, NULL, true);
    CHECK(r && r->ndim == 2 && r->shape[0] == 1 && r->shape[1] == 1);
    tensor_release(r);
    // PyTorch: matrix_norm(arange(6).reshape(2,3)) = 7.4162, ord=1 7, inf 12, -1 3.
    Tensor *ar = tensor_empty(2, (int64_t[]){2, 3}, DT_F32);
    for (int i = 0; i < 6; i++) tensor_set_flat(ar, i, i);
    r = tensor_linalg_matrix_norm(ar, NULL, 1, NULL, false);
    CHECK(r && tensor_get_flat(r, 0) == 7);
    tensor_release(r);
    r = tensor_linalg_matrix_norm(ar, NULL, INFINITY, NULL, false);
    CHECK(r && tensor_get_flat(r, 0) == 12);
    tensor_release(r);
    r = tensor_linalg_matrix_norm(ar, "fro", 0, NULL, false);
    CHECK(r && fabs(tensor_get_flat(r, 0) - 7.4162) < 1e-4);
    tensor_release(r);
    tensor_release(ar); tensor_release(x); tensor_release(xt);
}

// ---- errors (PyTorch 1.13's words) ----

static void expect_err(Tensor *r, const char *msg) {
    CHECK(r == NULL);
    CHECK_STR(tl_error_message(), msg);
    tl_error_clear();
    tensor_release(r);
}

static void test_errors(void) {
    Tensor *f53 = rand_tensor(2, (int64_t[]){5, 3}, DT_F32), *f44 = rand_tensor(2, (int64_t[]){4, 4}, DT_F32);
    Tensor *d32 = rand_tensor(2, (int64_t[]){3, 2}, DT_F64), *f3 = rand_tensor(1, (int64_t[]){3}, DT_F32);
    Tensor *f4 = rand_tensor(1, (int64_t[]){4}, DT_F32), *d3 = rand_tensor(1, (int64_t[]){3}, DT_F64);
    Tensor *f22 = rand_tensor(2, (int64_t[]){2, 2}, DT_F32), *b253 = rand_tensor(3, (int64_t[]){2, 5, 3}, DT_F32);
    Tensor *b344 = rand_tensor(3, (int64_t[]){3, 4, 4}, DT_F32), *b244 = rand_tensor(3, (int64_t[]){2, 4, 4}, DT_F32);
    Tensor *s = tensor_empty(0, NULL, DT_F32), *i3 = rand_tensor(1, (int64_t[]){3}, DT_BOOL);
    expect_err(tensor_mm(f53, f44), "mat1 and mat2 shapes cannot be multiplied (5x3 and 4x4)");
    expect_err(tensor_mm(f53, d32), "expected scalar type Float but found Double");
    expect_err(tensor_mm(f3, f44), "self must be a matrix");
    expect_err(tensor_mm(f44, f3), "mat2 must be a matrix");
    expect_err(tensor_matmul(f53, f44), "mat1 and mat2 shapes cannot be multiplied (5x3 and 4x4)");
    expect_err(tensor_matmul(f3, f4), "inconsistent tensor size, expected tensor [3] and src [4] to "
               "have the same number of elements, but got 3 and 4 elements respectively");
    expect_err(tensor_matmul(f53, f4), "size mismatch, got 5, 5x3,4");
    expect_err(tensor_matmul(f3, f44), "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x4)");
    expect_err(tensor_matmul(b253, b344), "The size of tensor a (2) must match the size of tensor b (3) "
               "at non-singleton dimension 0");
    expect_err(tensor_matmul(s, f3), "both arguments to matmul need to be at least 1D, but they are 0D and 1D");
    expect_err(tensor_matmul(f22, b253), "mat1 and mat2 shapes cannot be multiplied (6x5 and 2x2)");
    expect_err(tensor_bmm(b253, b244), "Expected size for first two dimensions of batch2 tensor to be: "
               "[2, 3] but got: [2, 4].");
    expect_err(tensor_bmm(b253, f44), "batch2 must be a 3D tensor");
    expect_err(tensor_bmm(f44, b244), "batch1 must be a 3D tensor");
    expect_err(tensor_mv(f53, f4), "size mismatch, got 5, 5x3,4");
    expect_err(tensor_mv(f3, f3), "vector + matrix @ vector expected, got 1, 1, 1");
    expect_err(tensor_dot(f22, f22), "1D tensors expected, but got 2D and 2D tensors");
    expect_err(tensor_dot(f3, f4), "inconsistent tensor size, expected tensor [3] and src [4] to have "
               "the same number of elements, but got 3 and 4 elements respectively");
    expect_err(tensor_dot(f3, d3), "dot : expected both vectors to have same dtype, but found Float and Double");
    expect_err(tensor_dot(i3, i3), "\"dot\" not implemented for 'Bool'");
    expect_err(tensor_addmm(f4, f53, d32, 1, 1), "self and mat2 must have the same dtype");
    Tensor *t35 = tensor_t(f53);
    expect_err(tensor_addmm(f4, f53, t35, 1, 1), "The expanded size of the tensor (5) must match the "
               "existing size (4) at non-singleton dimension 1.  Target sizes: [5, 5].  Tensor sizes: [4]");
    expect_err(tensor_outer(f22, f3), "outer: Expected 1-D argument self, but got 2-D");
    expect_err(tensor_einsum("ij,jk->ik", (const Tensor *const[]){f53, f44}, 2),
               "einsum(): subscript j has size 4 for operand 1 which does not broadcast with "
               "previously seen size 3");
    expect_err(tensor_einsum("ij->ik", (const Tensor *const[]){f53}, 1),
               "einsum(): output subscript k does not appear in the equation for any input operand");
    expect_err(tensor_einsum("ij,jk->ik", (const Tensor *const[]){f53}, 1),
               "einsum(): fewer operands were provided than specified in the equation");
    expect_err(tensor_einsum("ijk->ik", (const Tensor *const[]){f53}, 1),
               "einsum(): the number of subscripts in the equation (3) does not match the number of "
               "dimensions (2) for operand 0 and no ellipsis was given");
    expect_err(tensor_einsum("ii->i", (const Tensor *const[]){f53}, 1),
               "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 5");
    expect_err(tensor_linalg_matrix_norm(f3, "fro", 0, NULL, false),
               "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
    expect_err(tensor_linalg_matrix_norm(f44, NULL, 3, NULL, false), "linalg.matrix_norm: Order 3 not supported.");
    expect_err(tensor_linalg_norm(b253, true, NULL, 1, NULL, 0, false),
               "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.");
    Tensor *ts[] = {f53, f44, d32, f3, f4, d3, f22, b253, b344, b244, s, i3, t35};
    for (unsigned k = 0; k < sizeof ts / sizeof *ts; k++) tensor_release(ts[k]);
}

int main(void) {
    test_mm();
    test_bmm_mv_dot();
    test_addmm_outer();
    test_matmul();
    test_einsum();
    test_norms();
    test_errors();
    return test_summary();
}
