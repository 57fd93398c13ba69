// NumPy's array printing (numpy/core/arrayprint.py, 1.24, default options):
// one FloatingFormat / IntegerFormat / BoolFormat for the shown elements, then
// _formatArray's word-by-word line filling. NumPy prints the *shortest* digits
// that identify a value in its own precision (Dragon4); here that is the
// smallest printf precision whose text reads back to the same value.
#include "tensor/print_numpy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/strbuf.h"
#include "tensor/half.h"

enum { NP_PRECISION = 8, NP_EDGEITEMS = 3, NP_LINEWIDTH = 75 };
#define NP_THRESHOLD 1000

// ---- reading elements ----

static bool is_float(DType dt) {
    return dt == DT_F16 || dt == DT_BF16 || dt == DT_F32 || dt == DT_F64;
}

static double read_float(const Tensor *t, int64_t off) {
    return tensor_read((const char *)t->storage->data + off * (int64_t)dtype_size(t->dtype),
                       t->dtype);
}

static int64_t read_int(const Tensor *t, int64_t off) {
    if (t->dtype == DT_I64) return ((const int64_t *)t->storage->data)[off];
    return (int64_t)read_float(t, off);     // narrower ints and bools are exact in a double
}

// ---- shortest digits ----

// Reads decimal text [s] back in the precision of [dt].
static double parse_as(const char *s, DType dt) {
    if (dt == DT_F64) return strtod(s, NULL);
    float f = strtof(s, NULL);
    if (dt == DT_F16) return f16_to_f32(f32_to_f16(f));
    if (dt == DT_BF16) return bf16_to_f32(f32_to_bf16(f));
    return f;
}

// |v| = d[0] . d[1] ... d[n-1] x 10^exp, without trailing zeros (zero is "0").
typedef struct {
    char d[24];
    int n, exp;
} Digits;

static void digits_from_e(const char *s, Digits *out) {
    out->n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && out->n < (int)sizeof out->d - 1) out->d[out->n++] = *s;
    out->exp = *s == 'e' ? atoi(s + 1) : 0;
    while (out->n > 1 && out->d[out->n - 1] == '0') out->n--;
    out->d[out->n] = '\0';
}

// The shortest digits of finite [v] that read back to v in [dt]'s precision.
static void shortest(double v, DType dt, Digits *out) {
    double a = fabs(v);
    char buf[48];
    for (int p = 0; p <= 16; p++) {
        snprintf(buf, sizeof buf, "%.*e", p, a);
        if (parse_as(buf, dt) == a) break;
    }
    digits_from_e(buf, out);
}

// How positional() ends: NumPy's array first pass (shortest digits, "1."),
// its array elements (min_digits=0: never stop before the units digit, so
// float16 46816 prints "46816." in an array but "46820." in the first pass
// and "46820.0" as a scalar) and scalars ("1.0").
typedef enum { POS_FIRST_PASS, POS_ELEMENT, POS_SCALAR } PosMode;

// Positional text of finite [v]: shortest digits, or %.{cap}f when those need
// more than [cap] fraction digits (cap < 0: no cap). [out] holds 64 bytes.
static void positional(double v, DType dt, int cap, PosMode mode, char *out) {
    Digits d;
    shortest(v, dt, &d);
    int frac = d.n - 1 - d.exp;
    char *p = out;
    if (signbit(v)) *p++ = '-';
    if (mode == POS_ELEMENT && frac < 0) {
        snprintf(p, 48, "%.0f.", fabs(v));     // only integral values get here
    } else if (cap >= 0 && frac > cap) {
        snprintf(p, 48, "%.*f", cap, fabs(v));
        size_t len = strlen(out);
        while (out[len - 1] == '0') out[--len] = '\0';
    } else {
        if (d.exp < 0) *p++ = '0';
        for (int i = 0; i <= d.exp; i++) *p++ = i < d.n ? d.d[i] : '0';
        *p++ = '.';
        for (int i = 0; i < -d.exp - 1; i++) *p++ = '0';
        for (int i = d.exp < 0 ? 0 : d.exp + 1; i < d.n; i++) *p++ = d.d[i];
        *p = '\0';
    }
    if (mode == POS_SCALAR && out[strlen(out) - 1] == '.') strcat(out, "0");
}

// Mantissa digits of |v| rounded to at most cap + 1 significant digits,
// trailing zeros dropped (Dragon4 scientific, unique, trim '.').
static void sci_digits(double v, DType dt, int cap, Digits *d) {
    shortest(v, dt, d);
    if (d->n - 1 > cap) {
        char buf[48];
        snprintf(buf, sizeof buf, "%.*e", cap, fabs(v));
        digits_from_e(buf, d);
    }
}

static int exp_len(int e) {
    int n = 0;
    for (e = abs(e); e > 0; e /= 10) n++;
    return n < 2 ? 2 : n;
}

char *tensor_numpy_float_scalar_str(double v, DType dt) {
    char out[64];
    double a = fabs(v);
    if (isnan(v)) return tl_xstrdup("nan");
    if (isinf(v)) return tl_xstrdup(v > 0 ? "inf" : "-inf");
    if (a == 0 || (a >= 1e-4 && a < 1e16)) {
        positional(v, dt, -1, POS_SCALAR, out);
    } else {
        Digits d;
        shortest(v, dt, &d);
        // "1e-05", "-1.5e+20": no point when one digit, exponent of 2+ digits.
        snprintf(out, sizeof out, "%s%c%s%s%s%c%02d", signbit(v) ? "-" : "", d.d[0],
                 d.n > 1 ? "." : "", d.d + 1, "e", d.exp < 0 ? '-' : '+', abs(d.exp));
    }
    return tl_xstrdup(out);
}

// ---- the element format (FloatingFormat, IntegerFormat, BoolFormat) ----

typedef struct {
    const Tensor *t;
    bool summarize;
    bool exp_format;
    int pad_left, pad_right;   // floats: integer / fraction part widths
    int prec, exp_size;        // exp_format: mantissa fraction digits, exponent digits
    int width;                 // ints: right-aligned to this
    bool neg_inf, nonfinite;
    int64_t nfinite, nnonzero;
    double amin, amax;
    int64_t imin, imax;
} NpFmt;

typedef void (*NpVisit)(NpFmt *f, int64_t off);

// Every shown element (NumPy's _leading_trailing: first and last 3 per axis).
static void walk(NpFmt *f, int dim, int64_t off, NpVisit fn) {
    const Tensor *t = f->t;
    if (dim == t->ndim) {
        fn(f, off);
        return;
    }
    int64_t n = t->shape[dim];
    bool split = f->summarize && n > 2 * NP_EDGEITEMS;
    for (int64_t i = 0; i < n; i++) {
        if (split && i == NP_EDGEITEMS) i = n - NP_EDGEITEMS;
        walk(f, dim + 1, off + i * t->strides[dim], fn);
    }
}

static void visit_range(NpFmt *f, int64_t off) {
    if (!is_float(f->t->dtype)) {
        int64_t v = read_int(f->t, off);
        if (f->nfinite == 0 || v < f->imin) f->imin = v;
        if (f->nfinite == 0 || v > f->imax) f->imax = v;
        f->nfinite++;
        return;
    }
    double v = read_float(f->t, off);
    if (!isfinite(v)) {
        f->nonfinite = true;
        if (v < 0) f->neg_inf = true;
        return;
    }
    f->nfinite++;
    if (v == 0) return;
    double a = fabs(v);
    if (f->nnonzero == 0 || a < f->amin) f->amin = a;
    if (f->nnonzero == 0 || a > f->amax) f->amax = a;
    f->nnonzero++;
}

static int max_int(int a, int b) { return a > b ? a : b; }

static void visit_pads(NpFmt *f, int64_t off) {
    double v = read_float(f->t, off);
    if (!isfinite(v)) return;
    if (f->exp_format) {
        Digits d;
        sci_digits(v, f->t->dtype, NP_PRECISION, &d);
        f->prec = max_int(f->prec, d.n - 1);
        f->exp_size = max_int(f->exp_size, exp_len(d.exp));
        f->pad_left = max_int(f->pad_left, signbit(v) ? 2 : 1);
        return;
    }
    char s[64];
    positional(v, f->t->dtype, NP_PRECISION, POS_FIRST_PASS, s);
    int dot = (int)(strchr(s, '.') - s);
    f->pad_left = max_int(f->pad_left, dot);
    f->pad_right = max_int(f->pad_right, (int)strlen(s) - dot - 1);
}

static int digits_of(int64_t v) {
    char b[24];
    return snprintf(b, sizeof b, "%lld", (long long)v);
}

static void fmt_init(NpFmt *f) {
    walk(f, 0, f->t->offset, visit_range);
    if (!is_float(f->t->dtype)) {
        f->width = f->nfinite ? max_int(digits_of(f->imax), digits_of(f->imin)) : 0;
        return;
    }
    f->exp_format = f->nnonzero > 0 &&
                    (f->amax >= 1e8 || f->amin < 1e-4 || f->amax / f->amin > 1000.0);
    if (f->nfinite > 0) walk(f, 0, f->t->offset, visit_pads);
    if (f->exp_format) f->pad_right = f->exp_size + 2 + f->prec;
    if (f->nonfinite) {
        int offset = f->pad_right + 1;
        f->pad_left = max_int(f->pad_left, max_int(3 - offset, 3 + f->neg_inf - offset));
    }
}

// One element's padded text.
static void fmt_elem(const NpFmt *f, int64_t off, StrBuf *out) {
    const Tensor *t = f->t;
    if (t->dtype == DT_BOOL) {
        bool v = read_int(t, off) != 0;
        sb_append(out, v ? (t->ndim == 0 ? "True" : " True") : "False");
        return;
    }
    if (!is_float(t->dtype)) {
        sb_printf(out, "%*lld", f->width, (long long)read_int(t, off));
        return;
    }
    double v = read_float(t, off);
    if (!isfinite(v)) {
        const char *s = isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
        sb_printf(out, "%*s", f->pad_left + f->pad_right + 1, s);
        return;
    }
    char s[64];
    if (f->exp_format) {
        snprintf(s, sizeof s, "%.*e", f->prec, fabs(v));
        char *e = strchr(s, 'e');
        int ex = atoi(e + 1);
        *e = '\0';
        sb_printf(out, "%*s%s%s%se%c%0*d", f->pad_left - 1 - (signbit(v) ? 1 : 0), "",
                  signbit(v) ? "-" : "", s, f->prec == 0 ? "." : "", ex < 0 ? '-' : '+',
                  f->exp_size, abs(ex));
        return;
    }
    positional(v, t->dtype, NP_PRECISION, POS_ELEMENT, s);
    char *dot = strchr(s, '.');
    int left = (int)(dot - s), right = (int)strlen(dot + 1);
    sb_printf(out, "%*s%s%*s", f->pad_left - left, "", s, f->pad_right - right, "");
}

// ---- layout (_formatArray) ----

// _extendLine: start a new line when [word] would pass [width], unless the
// line holds nothing but its indentation.
static void extend_line(StrBuf *s, StrBuf *line, const char *word, int width, int hang) {
    size_t wlen = strlen(word);
    if (line->len + wlen > (size_t)width && line->len > (size_t)hang) {
        size_t n = line->len;
        while (n > 0 && line->data[n - 1] == ' ') n--;
        sb_append_n(s, line->data, n);
        sb_append_char(s, '\n');
        sb_clear(line);
        sb_repeat(line, ' ', (size_t)hang);
    }
    sb_append(line, word);
}

typedef struct {
    NpFmt *f;
    const char *sep;       // ", " (repr) or " " (str)
} NpLayout;

static void np_block(NpLayout *L, int dim, int64_t off, int hang, int width, StrBuf *out);

// The k-th shown index of a dimension of size [n], or -1 for the ellipsis.
static int64_t shown_index(int64_t k, int64_t n, bool split) {
    if (!split) return k;
    if (k < NP_EDGEITEMS) return k;
    if (k == NP_EDGEITEMS) return -1;
    return n - (2 * NP_EDGEITEMS + 1 - k);
}

static void np_row(NpLayout *L, int64_t off, int hang, int width, StrBuf *s) {
    const Tensor *t = L->f->t;
    int d = t->ndim - 1;
    int64_t n = t->shape[d];
    bool split = L->f->summarize && n > 2 * NP_EDGEITEMS;
    int64_t count = split ? 2 * NP_EDGEITEMS + 1 : n;
    StrBuf line = STRBUF_INIT, word = STRBUF_INIT;
    sb_repeat(&line, ' ', (size_t)hang);
    for (int64_t k = 0; k < count; k++) {
        int64_t i = shown_index(k, n, split);
        sb_clear(&word);
        if (i < 0) sb_append(&word, "...");
        else np_block(L, d + 1, off + i * t->strides[d], hang + 1, width - 1, &word);
        extend_line(s, &line, sb_cstr(&word), width - 1, hang);
        if (k + 1 < count) sb_append(&line, L->sep);
    }
    sb_append(s, sb_cstr(&line));
    sb_free(&line);
    sb_free(&word);
}

// recurser(): the sub-array at [dim]; [hang] is the hanging indentation and
// [width] the line width left at this depth.
static void np_block(NpLayout *L, int dim, int64_t off, int hang, int width, StrBuf *out) {
    const Tensor *t = L->f->t;
    int left = t->ndim - dim;
    if (left == 0) {
        fmt_elem(L->f, off, out);
        return;
    }
    StrBuf s = STRBUF_INIT;
    if (left == 1) {
        np_row(L, off, hang, width, &s);
    } else {
        int64_t n = t->shape[dim];
        bool split = L->f->summarize && n > 2 * NP_EDGEITEMS;
        int64_t count = split ? 2 * NP_EDGEITEMS + 1 : n;
        size_t seplen = strlen(L->sep);
        while (seplen > 0 && L->sep[seplen - 1] == ' ') seplen--;
        for (int64_t k = 0; k < count; k++) {
            int64_t i = shown_index(k, n, split);
            sb_repeat(&s, ' ', (size_t)hang);
            if (i < 0) sb_append(&s, "...");
            else np_block(L, dim + 1, off + i * t->strides[dim], hang + 1, width - 1, &s);
            if (k + 1 < count) {
                sb_append_n(&s, L->sep, seplen);
                sb_repeat(&s, '\n', (size_t)left - 1);
            }
        }
    }
    sb_append_char(out, '[');
    sb_append(out, sb_cstr(&s) + hang);
    sb_append_char(out, ']');
    sb_free(&s);
}

// array2string for a non-empty array: [prefix_len] is len("array(") or 0.
static void np_body(const Tensor *a, const char *sep, int prefix_len, StrBuf *out) {
    NpFmt f = {.t = a};
    f.summarize = tensor_numel(a) > NP_THRESHOLD;
    fmt_init(&f);
    NpLayout L = {&f, sep};
    // Both repr suffixes, ")" and ",", take one column off the line width.
    int width = NP_LINEWIDTH - (prefix_len ? 1 : 0);
    np_block(&L, 0, a->offset, 1 + prefix_len, width, out);
}

static char *scalar_str(const Tensor *a) {
    if (is_float(a->dtype)) return tensor_numpy_float_scalar_str(read_float(a, a->offset), a->dtype);
    if (a->dtype == DT_BOOL) return tl_xstrdup(read_int(a, a->offset) ? "True" : "False");
    char b[24];
    snprintf(b, sizeof b, "%lld", (long long)read_int(a, a->offset));
    return tl_xstrdup(b);
}

char *tensor_numpy_str(const Tensor *a) {
    if (a->ndim == 0) return scalar_str(a);
    if (tensor_numel(a) == 0) return tl_xstrdup("[]");
    StrBuf sb = STRBUF_INIT;
    np_body(a, " ", 0, &sb);
    return sb_steal(&sb);
}

char *tensor_numpy_repr(const Tensor *a) {
    static const char prefix[] = "array(";
    int64_t numel = tensor_numel(a);
    bool implied = (a->dtype == DT_F64 || a->dtype == DT_I64 || a->dtype == DT_BOOL) && numel > 0;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, prefix);
    if (numel > 0) {
        np_body(a, ", ", (int)strlen(prefix), &sb);
    } else if (a->ndim == 1) {
        sb_append(&sb, "[]");
    } else {
        sb_append(&sb, "[], shape=(");
        for (int i = 0; i < a->ndim; i++) sb_printf(&sb, i ? ", %lld" : "%lld", (long long)a->shape[i]);
        sb_append(&sb, ")");
    }
    sb_append(&sb, implied ? ")" : ",");
    if (implied) return sb_steal(&sb);
    // The dtype goes on its own line when it would pass the line width.
    const char *nl = strrchr(sb_cstr(&sb), '\n');
    size_t last = nl ? sb.len - (size_t)(nl - sb.data) - 1 : sb.len;
    size_t dlen = strlen("dtype=)") + strlen(dtype_name(a->dtype));
    if (last + dlen + 1 > NP_LINEWIDTH) {
        sb_append_char(&sb, '\n');
        sb_repeat(&sb, ' ', strlen(prefix));
    } else {
        sb_append_char(&sb, ' ');
    }
    sb_printf(&sb, "dtype=%s)", dtype_name(a->dtype));
    return sb_steal(&sb);
}
