// torch.einsum: parses the equation (explicit or implicit output, "...",
// spaces), turns each operand into one dim per distinct subscript (repeated
// subscripts become a diagonal view), then contracts the operands left to
// right: subscripts no later operand or the output needs are summed away,
// the rest are permuted into (batch, rows, contracted) x (batch,
// contracted, cols) and multiplied with bmm. Size-1 dims broadcast.
#include "tensor/linalg.h"

#include <string.h>

#include "common/error.h"
#include "tensor/reduce.h"
#include "tensor/shape.h"

// Subscript ids: 'A'-'Z' are 0-25 and 'a'-'z' 26-51 (ASCII order, which is
// the implicit output's order); ellipsis dims take 52 and up.
#define NLETTERS 52
#define MAXLABELS (NLETTERS + TENSOR_MAX_DIMS)

typedef struct {
    Tensor *t;                        // one dim per entry of lab
    int n;
    int lab[TENSOR_MAX_DIMS];
} Term;

static int letter_id(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    return -1;
}

static char label_char(int id) {
    return id < 26 ? (char)('A' + id) : (char)('a' + id - 26);
}

// One operand's subscripts as ids; [ell] gets the position of "..." or -1.
static int parse_term(const char *s, size_t len, int op, int *ids, int *n, int *ell,
                      size_t base) {
    *n = 0;
    *ell = -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            if (i + 2 >= len || s[i + 1] != '.' || s[i + 2] != '.' || *ell >= 0)
                return tl_raise_int(ERR_RUNTIME, "einsum(): found '.' for operand %d that is "
                                    "not part of any ellipsis", op);
            *ell = *n;
            i += 2;
            continue;
        }
        int id = letter_id(s[i]);
        if (id < 0)
            return tl_raise_int(ERR_RUNTIME, "einsum(): invalid subscript given at index %zu in "
                                "the equation string, subscripts must be in [a-zA-Z]", base + i);
        if (*n >= TENSOR_MAX_DIMS)
            return tl_raise_int(ERR_RUNTIME, "einsum(): too many subscripts for operand %d", op);
        ids[(*n)++] = id;
    }
    return 0;
}

// Builds [term] for operand [op]: diagonal views for repeated subscripts,
// labels for ellipsis dims right-aligned to [nell] shared ones.
static int make_term(Term *term, const Tensor *x, int op, const int *ids, int n, int ell,
                     int nell) {
    int e = ell >= 0 ? x->ndim - n : 0;
    int lab[TENSOR_MAX_DIMS], nd = 0;
    for (int i = 0; i <= n; i++) {
        if (i == ell)
            for (int j = 0; j < e; j++) lab[nd++] = NLETTERS + nell - e + j;
        if (i < n) lab[nd++] = ids[i];
    }
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    term->n = 0;
    for (int d = 0; d < nd; d++) {
        int k = 0;
        while (k < term->n && term->lab[k] != lab[d]) k++;
        if (k == term->n) {
            term->lab[term->n] = lab[d];
            shape[term->n] = x->shape[d];
            strides[term->n] = x->strides[d];
            term->n++;
        } else if (shape[k] != x->shape[d]) {
            return tl_raise_int(ERR_RUNTIME, "einsum(): subscript %c is repeated for operand %d "
                                "but the sizes don't match, %lld != %lld", label_char(lab[d]), op,
                                (long long)x->shape[d], (long long)shape[k]);
        } else {
            strides[k] += x->strides[d];       // a repeat walks the diagonal
        }
    }
    term->t = tensor_new_view(x, term->n, shape, strides, x->offset);
    return 0;
}

// Sums away the dims of [t] whose labels are not in [keep].
static int sum_unneeded(Term *t, const bool *keep) {
    int64_t dims[TENSOR_MAX_DIMS];
    int nd = 0, n = 0;
    for (int d = 0; d < t->n; d++) {
        if (!keep[t->lab[d]]) dims[nd++] = d;
        else t->lab[n++] = t->lab[d];
    }
    if (nd == 0) return 0;
    Tensor *s = tensor_sum(t->t, dims, nd, false, REDUCE_NO_DTYPE);
    if (!s) return -1;
    tensor_release(t->t);
    t->t = s;
    t->n = n;
    return 0;
}

static int find(const Term *t, int lab) {
    for (int d = 0; d < t->n; d++)
        if (t->lab[d] == lab) return d;
    return -1;
}

// [t] permuted to the dims of [labs], each expanded to [size], reshaped to
// (d0, d1, d2) where the groups hold [g0], [g1], [g2] labels.
static Tensor *arrange(const Term *t, const int *labs, const int64_t *size, const int *g,
                       const int64_t *shape3) {
    int64_t shape[TENSOR_MAX_DIMS], strides[TENSOR_MAX_DIMS];
    int n = g[0] + g[1] + g[2];
    for (int i = 0; i < n; i++) {
        int d = find(t, labs[i]);
        shape[i] = size[labs[i]];
        strides[i] = d < 0 || t->t->shape[d] == 1 ? 0 : t->t->strides[d];
    }
    Tensor *v = tensor_new_view(t->t, n, shape, strides, t->t->offset);
    Tensor *r = tensor_reshape(v, 3, shape3);
    tensor_release(v);
    return r;
}

// Contracts [a] with [b] into [a]: labels in both that [keep] does not
// need are summed by the product.
static int contract(Term *a, Term *b, const bool *keep, const int64_t *size) {
    int labs_a[3 * TENSOR_MAX_DIMS], labs_b[3 * TENSOR_MAX_DIMS], out_lab[TENSOR_MAX_DIMS];
    int batch[TENSOR_MAX_DIMS], rows[TENSOR_MAX_DIMS], cols[TENSOR_MAX_DIMS], sum[TENSOR_MAX_DIMS];
    int nb = 0, nr = 0, nc = 0, ns = 0;
    int64_t B = 1, N = 1, M = 1, K = 1;
    for (int d = 0; d < a->n; d++) {
        int l = a->lab[d];
        if (find(b, l) < 0) { rows[nr++] = l; N *= size[l]; }
        else if (keep[l]) { batch[nb++] = l; B *= size[l]; }
        else { sum[ns++] = l; K *= size[l]; }
    }
    for (int d = 0; d < b->n; d++)
        if (find(a, b->lab[d]) < 0) { cols[nc++] = b->lab[d]; M *= size[b->lab[d]]; }
    if (nb + nr + nc > TENSOR_MAX_DIMS)
        return tl_raise_int(ERR_RUNTIME, "einsum(): too many dimensions in an intermediate result");
    int n = 0;
    for (int i = 0; i < nb; i++) labs_a[n++] = batch[i];
    for (int i = 0; i < nr; i++) labs_a[n++] = rows[i];
    for (int i = 0; i < ns; i++) labs_a[n++] = sum[i];
    n = 0;
    for (int i = 0; i < nb; i++) labs_b[n++] = batch[i];
    for (int i = 0; i < ns; i++) labs_b[n++] = sum[i];
    for (int i = 0; i < nc; i++) labs_b[n++] = cols[i];
    int64_t sa[3] = {B, N, K}, sb[3] = {B, K, M};
    Tensor *x = arrange(a, labs_a, size, (int[]){nb, nr, ns}, sa);
    Tensor *y = x ? arrange(b, labs_b, size, (int[]){nb, ns, nc}, sb) : NULL;
    Tensor *p = y ? tensor_bmm(x, y) : NULL;
    tensor_release(x);
    tensor_release(y);
    if (!p) return -1;
    int64_t shape[TENSOR_MAX_DIMS];
    n = 0;
    for (int i = 0; i < nb; i++) { out_lab[n] = batch[i]; shape[n++] = size[batch[i]]; }
    for (int i = 0; i < nr; i++) { out_lab[n] = rows[i]; shape[n++] = size[rows[i]]; }
    for (int i = 0; i < nc; i++) { out_lab[n] = cols[i]; shape[n++] = size[cols[i]]; }
    Tensor *r = tensor_reshape(p, n, shape);
    tensor_release(p);
    if (!r) return -1;
    tensor_release(a->t);
    a->t = r;
    a->n = n;
    memcpy(a->lab, out_lab, sizeof(int) * (size_t)n);
    return 0;
}

// Records each label's size, checking that sizes agree or are 1.
static int note_sizes(const Term *t, int op, int64_t *size) {
    for (int d = 0; d < t->n; d++) {
        int l = t->lab[d];
        int64_t s = t->t->shape[d];
        if (size[l] < 0 || size[l] == 1) size[l] = s;
        else if (s != 1 && s != size[l]) {
            if (l >= NLETTERS)
                return tl_raise_int(ERR_RUNTIME, "einsum(): operands do not broadcast with "
                                    "remapped shapes (original->remapped)");
            return tl_raise_int(ERR_RUNTIME, "einsum(): subscript %c has size %lld for operand %d "
                                "which does not broadcast with previously seen size %lld",
                                label_char(l), (long long)s, op, (long long)size[l]);
        }
    }
    return 0;
}

// Splits "lhs->rhs" (spaces removed) and parses the output subscripts into
// [out] (ellipsis dims expand to [nell] labels); implicit output when no "->".
static int parse_output(const char *rhs, const int *count, int nell, bool has_ell, int *out,
                        int *nout) {
    *nout = 0;
    if (!rhs) {        // implicit: ellipsis dims, then subscripts used once, sorted
        for (int j = 0; has_ell && j < nell; j++) out[(*nout)++] = NLETTERS + j;
        for (int l = 0; l < NLETTERS; l++)
            if (count[l] == 1) out[(*nout)++] = l;
        return 0;
    }
    bool seen[MAXLABELS] = {false};
    for (size_t i = 0; rhs[i]; i++) {
        if (rhs[i] == '.') {
            if (strncmp(rhs + i, "...", 3) != 0)
                return tl_raise_int(ERR_RUNTIME, "einsum(): found '.' for output that is not part "
                                    "of any ellipsis");
            for (int j = 0; j < nell; j++) out[(*nout)++] = NLETTERS + j;
            i += 2;
            continue;
        }
        int l = letter_id(rhs[i]);
        if (l < 0)
            return tl_raise_int(ERR_RUNTIME, "einsum(): invalid subscript given at index %zu in the "
                                "equation string, subscripts must be in [a-zA-Z]", i);
        if (!count[l])
            return tl_raise_int(ERR_RUNTIME, "einsum(): output subscript %c does not appear in the "
                                "equation for any input operand", rhs[i]);
        if (seen[l])
            return tl_raise_int(ERR_RUNTIME, "einsum(): output subscript %c appears more than once "
                                "in the output", rhs[i]);
        seen[l] = true;
        if (*nout >= TENSOR_MAX_DIMS)
            return tl_raise_int(ERR_RUNTIME, "einsum(): too many output subscripts");
        out[(*nout)++] = l;
    }
    return 0;
}

// Parses every operand's subscripts into [terms] (views) and the output.
static int parse(const char *equation, const Tensor *const *ops, int nops, Term *terms,
                 int *out, int *nout) {
    char eq[1024];
    size_t n = 0;
    for (const char *c = equation; *c && n + 1 < sizeof eq; c++)
        if (*c != ' ') eq[n++] = *c;
    eq[n] = 0;
    char *arrow = strstr(eq, "->");
    const char *rhs = arrow ? arrow + 2 : NULL;
    if (arrow) *arrow = 0;
    int ids[64][TENSOR_MAX_DIMS], nid[64], ell[64], count[NLETTERS] = {0}, nell = 0;
    bool has_ell = false;
    const char *s = eq;
    for (int op = 0;; op++) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (op >= nops)
            return tl_raise_int(ERR_RUNTIME, "einsum(): more operands were provided than "
                                "specified in the equation");
        if (parse_term(s, len, op, ids[op], &nid[op], &ell[op], (size_t)(s - eq)) < 0) return -1;
        const Tensor *x = ops[op];
        if (ell[op] < 0 && nid[op] != x->ndim)
            return tl_raise_int(ERR_RUNTIME, "einsum(): the number of subscripts in the equation "
                                "(%d) does not match the number of dimensions (%d) for operand %d "
                                "and no ellipsis was given", nid[op], x->ndim, op);
        if (ell[op] >= 0 && nid[op] > x->ndim)
            return tl_raise_int(ERR_RUNTIME, "einsum(): the number of subscripts in the equation "
                                "(%d) is more than the number of dimensions (%d) for operand %d",
                                nid[op], x->ndim, op);
        if (ell[op] >= 0) {
            has_ell = true;
            if (x->ndim - nid[op] > nell) nell = x->ndim - nid[op];
        }
        for (int i = 0; i < nid[op]; i++) count[ids[op][i]]++;
        if (!end) {
            if (op + 1 < nops)
                return tl_raise_int(ERR_RUNTIME, "einsum(): more operands were provided than "
                                    "specified in the equation");
            break;
        }
        if (op + 1 >= nops || op + 1 >= 64)
            return tl_raise_int(ERR_RUNTIME, "einsum(): fewer operands were provided than "
                                "specified in the equation");
        s = end + 1;
    }
    if (parse_output(rhs, count, nell, has_ell, out, nout) < 0) return -1;
    for (int op = 0; op < nops; op++)
        if (make_term(&terms[op], ops[op], op, ids[op], nid[op], ell[op], nell) < 0) return -1;
    return 0;
}

// Folds operand [op] into the running result terms[0] (op 0 only sums
// away what nothing needs). A label is still needed when the output or a
// later operand has it; each side first sums the labels that neither the
// other side nor a later step uses, the product then sums the shared ones.
static int step(Term *terms, int op, int nops, const int *out, int nout, const int64_t *size) {
    bool keep[MAXLABELS] = {false}, keep_a[MAXLABELS], keep_b[MAXLABELS];
    for (int i = 0; i < nout; i++) keep[out[i]] = true;
    for (int j = op + 1; j < nops; j++)
        for (int d = 0; d < terms[j].n; d++) keep[terms[j].lab[d]] = true;
    memcpy(keep_a, keep, sizeof keep);
    for (int d = 0; op > 0 && d < terms[op].n; d++) keep_a[terms[op].lab[d]] = true;
    if (sum_unneeded(&terms[0], keep_a) < 0) return -1;
    if (op == 0) return 0;
    memcpy(keep_b, keep, sizeof keep);
    for (int d = 0; d < terms[0].n; d++) keep_b[terms[0].lab[d]] = true;
    if (sum_unneeded(&terms[op], keep_b) < 0) return -1;
    return contract(&terms[0], &terms[op], keep, size);
}

// Permutes the final term into the output's label order.
static Tensor *finish(Term *t, const int *out, int nout) {
    int64_t perm[TENSOR_MAX_DIMS];
    for (int i = 0; i < nout; i++) perm[i] = find(t, out[i]);
    return tensor_permute(t->t, nout, perm);
}

Tensor *tensor_einsum(const char *equation, const Tensor *const *ops, int nops) {
    Term terms[64] = {0};
    int out[TENSOR_MAX_DIMS], nout = 0;
    int64_t size[MAXLABELS];
    Tensor *result = NULL;
    if (nops < 1) return tl_raise(ERR_RUNTIME, "einsum(): must provide at least one operand");
    if (nops > 64) return tl_raise(ERR_RUNTIME, "einsum(): too many operands");
    if (parse(equation, ops, nops, terms, out, &nout) < 0) goto done;
    for (int l = 0; l < MAXLABELS; l++) size[l] = -1;
    for (int op = 0; op < nops; op++)
        if (note_sizes(&terms[op], op, size) < 0) goto done;
    for (int op = 0; op < nops; op++)
        if (step(terms, op, nops, out, nout, size) < 0) goto done;
    result = finish(&terms[0], out, nout);
done:
    for (int op = 0; op < nops; op++) tensor_release(terms[op].t);
    return result;
}
