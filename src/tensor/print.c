// Tensor repr as torch/_tensor_str.py (1.13) builds it: one element format
// for the whole tensor (_Formatter), nested brackets with wrapping and
// summarization (_tensor_str_with_formatter), then the suffixes
// (_add_suffixes). Elements are read straight from the strided storage, and
// only the elements that will be shown are ever looked at, as PyTorch's
// formatter only sees the summarized data.
#include "tensor/print.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/strbuf.h"

static PrintOptions options = PRINT_OPTIONS_DEFAULT;

// ---- print options ----

const PrintOptions *tensor_get_printoptions(void) { return &options; }

void tensor_put_printoptions(const PrintOptions *opts) { options = *opts; }

void tensor_set_printoptions(const char *profile, unsigned given,
                             const PrintOptions *set, int sci_mode) {
    static const struct { const char *name; PrintOptions o; } profiles[] = {
        {"default", {4, 1000.0, 3, 80, -1}},
        {"short", {2, 1000.0, 2, 80, -1}},
        {"full", {4, INFINITY, 3, 80, -1}},
    };
    for (size_t i = 0; profile && i < sizeof profiles / sizeof profiles[0]; i++) {
        if (strcmp(profile, profiles[i].name) == 0) options = profiles[i].o;
    }
    if (given & PRINT_OPT_PRECISION) options.precision = set->precision;
    if (given & PRINT_OPT_THRESHOLD) options.threshold = set->threshold;
    if (given & PRINT_OPT_EDGEITEMS) options.edgeitems = set->edgeitems;
    if (given & PRINT_OPT_LINEWIDTH) options.linewidth = set->linewidth;
    options.sci_mode = sci_mode;
}

// ---- reading elements (storage index [off], host memory) ----

// float16/bfloat16 come back as float32 values, as PyTorch prints t.float().
static double read_float(const Tensor *t, int64_t off) {
    return tensor_read((const char *)t->storage->data + off * (int64_t)dtype_size(t->dtype),
                       t->dtype);
}

// Exact for int64 beyond 2^53, which a double would round.
static int64_t read_int(const Tensor *t, int64_t off) {
    if (t->dtype == DT_I64) return ((const int64_t *)t->storage->data)[off];
    return (int64_t)read_float(t, off);
}

// ---- which indices are shown ----

// One dimension prints indices [0, head), then an ellipsis if [split], then
// [tail, n). Rows (the last dim) follow Python slicing t[:e] and t[-e:];
// outer dims follow range(0, e) and range(n - e, n). For e > 0 both are the
// first and last e indices.
typedef struct {
    int64_t head, tail, n;
    bool split;
} Span;

static Span span_of(int64_t n, bool last_dim, bool summarize, int e) {
    Span s = {n, n, n, false};
    if (!summarize || n <= 2 * (int64_t)e) return s;
    s.split = true;
    if (e > 0) {
        s.head = e;
        s.tail = n - e;
    } else if (!last_dim) {
        s.head = 0;                            // never reached: rejected up front
    } else {
        s.head = e == 0 || n + e < 0 ? 0 : n + e;   // t[:e]: t[:0] is empty
        s.tail = e == 0 ? 0 : (-e < n ? -e : n);    // t[-e:]: t[-0:] is all of t
    }
    return s;
}

// ---- the element formatter ----

typedef struct {
    const Tensor *t;
    const PrintOptions *o;
    bool summarize;
    bool floating;
    bool int_mode;     // floats: every shown finite nonzero value is integral
    bool sci_mode;
    int width;         // every element is left-padded to this
    char *buf;         // one element's text
} Printer;

typedef void (*VisitFn)(Printer *p, int64_t off, void *acc);

// Calls [fn] on the storage index of every shown element, in order.
static void walk_shown(Printer *p, int dim, int64_t off, VisitFn fn, void *acc) {
    const Tensor *t = p->t;
    if (dim == t->ndim) {
        fn(p, off, acc);
        return;
    }
    Span s = span_of(t->shape[dim], dim == t->ndim - 1, p->summarize, p->o->edgeitems);
    for (int64_t i = 0; i < s.head; i++)
        walk_shown(p, dim + 1, off + i * t->strides[dim], fn, acc);
    for (int64_t i = s.tail; i < s.n; i++)
        walk_shown(p, dim + 1, off + i * t->strides[dim], fn, acc);
}

// Writes the unpadded text of one element into p->buf; returns its length.
// NaN prints as "nan" whatever its sign bit (Python's format does so; glibc
// would print "-nan").
static int elem_text(Printer *p, int64_t off) {
    char *b = p->buf;
    int prec = p->o->precision;
    if (!p->floating) {
        if (p->t->dtype == DT_BOOL)
            return sprintf(b, "%s", read_int(p->t, off) ? "True" : "False");
        return sprintf(b, "%lld", (long long)read_int(p->t, off));
    }
    double v = read_float(p->t, off);
    if (isnan(v)) return sprintf(b, "nan");
    if (isinf(v)) return sprintf(b, "%s", v > 0 ? "inf" : "-inf");
    if (p->sci_mode) return sprintf(b, "%.*e", prec, v);
    if (p->int_mode) return sprintf(b, "%.0f.", v);
    return sprintf(b, "%.*f", prec, v);
}

typedef struct {
    int64_t count;
    double amin, amax;
    bool all_int;
} Stats;

static void visit_stats(Printer *p, int64_t off, void *acc) {
    Stats *s = acc;
    double v = read_float(p->t, off);
    if (!isfinite(v) || v == 0) return;
    double a = fabs(v);
    if (s->count == 0 || a < s->amin) s->amin = a;
    if (s->count == 0 || a > s->amax) s->amax = a;
    if (v != ceil(v)) s->all_int = false;
    s->count++;
}

// Zeros, NaN and inf never widen a float column.
static void visit_width(Printer *p, int64_t off, void *acc) {
    if (p->floating) {
        double v = read_float(p->t, off);
        if (!isfinite(v) || v == 0) return;
    }
    int n = elem_text(p, off);
    if (n > *(int *)acc) *(int *)acc = n;
}

// _Formatter.__init__: chooses int/fixed/scientific mode and the width.
static int formatter_init(Printer *p) {
    p->floating = dtype_is_floating(p->t->dtype);
    p->int_mode = true;
    p->sci_mode = false;
    p->width = 1;
    if (p->floating) {
        Stats s = {0, 0, 0, true};
        walk_shown(p, 0, p->t->offset, visit_stats, &s);
        if (s.count == 0) return 0;      // PyTorch returns before applying sci_mode
        p->int_mode = s.all_int;
        p->sci_mode = s.amax / s.amin > 1000.0 || s.amax > 1.0e8 ||
                      (!s.all_int && s.amin < 1.0e-4);
        if (p->o->precision < 0 && (p->sci_mode || !p->int_mode))
            return tl_raise_int(ERR_VALUE, "Format specifier missing precision");
    }
    walk_shown(p, 0, p->t->offset, visit_width, &p->width);
    if (p->floating && p->o->sci_mode >= 0) {
        p->sci_mode = p->o->sci_mode;
        if (p->o->precision < 0 && (p->sci_mode || !p->int_mode))
            return tl_raise_int(ERR_VALUE, "Format specifier missing precision");
    }
    return 0;
}

// ---- layout ----

static void put_elem(Printer *p, StrBuf *sb, int64_t off) {
    int n = elem_text(p, off);
    if (n < p->width) sb_repeat(sb, ' ', (size_t)(p->width - n));
    sb_append_n(sb, p->buf, (size_t)n);
}

// Before the [k]-th item of a row: a new line every [per_line] items.
static void put_item_sep(StrBuf *sb, int64_t k, int64_t per_line, int indent) {
    if (k == 0) return;
    if (k % per_line == 0) {
        sb_append(sb, ",\n");
        sb_repeat(sb, ' ', (size_t)indent + 1);
    } else {
        sb_append(sb, ", ");
    }
}

// _vector_str: the last dimension at [off], wrapped to the line width.
static void put_row(Printer *p, StrBuf *sb, int64_t off, int indent) {
    const Tensor *t = p->t;
    int d = t->ndim - 1;
    int64_t stride = t->strides[d];
    Span s = span_of(t->shape[d], true, p->summarize, p->o->edgeitems);
    int64_t per_line = ((int64_t)p->o->linewidth - indent) / (p->width + 2);
    if (per_line < 1) per_line = 1;
    int64_t k = 0;
    sb_append_char(sb, '[');
    for (int64_t i = 0; i < s.head; i++) {
        put_item_sep(sb, k++, per_line, indent);
        put_elem(p, sb, off + i * stride);
    }
    if (s.split) {
        put_item_sep(sb, k++, per_line, indent);
        sb_append(sb, " ...");
    }
    for (int64_t i = s.tail; i < s.n; i++) {
        put_item_sep(sb, k++, per_line, indent);
        put_elem(p, sb, off + i * stride);
    }
    sb_append_char(sb, ']');
}

// Sub-tensors of an n-d block are separated by "," and one newline per
// remaining dimension, so 3-d blocks get one blank line between them.
static void put_block_sep(StrBuf *sb, int newlines, int indent) {
    sb_append_char(sb, ',');
    sb_repeat(sb, '\n', (size_t)newlines);
    sb_repeat(sb, ' ', (size_t)indent + 1);
}

// _tensor_str_with_formatter for the sub-tensor starting at dimension [dim].
static void put_block(Printer *p, StrBuf *sb, int dim, int64_t off, int indent) {
    const Tensor *t = p->t;
    if (dim == t->ndim) {
        put_elem(p, sb, off);
        return;
    }
    if (dim == t->ndim - 1) {
        put_row(p, sb, off, indent);
        return;
    }
    Span s = span_of(t->shape[dim], false, p->summarize, p->o->edgeitems);
    int newlines = t->ndim - dim - 1;
    bool first = true;
    sb_append_char(sb, '[');
    for (int64_t i = 0; i < s.head; i++, first = false) {
        if (!first) put_block_sep(sb, newlines, indent);
        put_block(p, sb, dim + 1, off + i * t->strides[dim], indent + 1);
    }
    if (s.split) {
        if (!first) put_block_sep(sb, newlines, indent);
        sb_append(sb, "...");
        first = false;
    }
    for (int64_t i = s.tail; i < s.n; i++, first = false) {
        if (!first) put_block_sep(sb, newlines, indent);
        put_block(p, sb, dim + 1, off + i * t->strides[dim], indent + 1);
    }
    sb_append_char(sb, ']');
}

// _tensor_str for a tensor with numel > 0; appends the body to [sb].
static int put_body(const Tensor *t, StrBuf *sb, int indent) {
    Printer p = {.t = t, .o = &options};
    p.summarize = (double)tensor_numel(t) > options.threshold;
    if (p.summarize && t->ndim >= 2 && options.edgeitems <= 0)
        return tl_raise_int(ERR_RUNTIME, "stack expects a non-empty TensorList");
    // Longest text: %.{p}f of DBL_MAX is 309 digits, a sign, a point and p digits.
    size_t cap = 340 + (size_t)(options.precision > 0 ? options.precision : 0);
    p.buf = malloc(cap);
    if (!p.buf) return tl_raise_int(ERR_MEMORY, "out of memory printing a tensor");
    int rc = formatter_init(&p);
    if (rc == 0) put_block(&p, sb, 0, t->offset, indent);
    free(p.buf);
    return rc;
}

// ---- suffixes and the whole repr ----

enum { MAX_SUFFIXES = 4 };

typedef struct {
    StrBuf s[MAX_SUFFIXES];
    int n;
} Suffixes;

static StrBuf *suffix_next(Suffixes *sx) {
    StrBuf *b = &sx->s[sx->n++];
    *b = (StrBuf)STRBUF_INIT;
    return b;
}

// In _str_intern's order: device, then size/dtype, then grad_fn or requires_grad.
static void collect_suffixes(const Tensor *t, const TensorReprSuffix *info, Suffixes *sx) {
    if (info && info->device) sb_printf(suffix_next(sx), "device='%s'", info->device);
    DType def = dtype_default_float();
    if (tensor_numel(t) == 0) {
        // No element shows the dtype of an empty tensor, so only the default
        // float dtype goes unmarked; the shape shows unless it is 1-d.
        if (t->ndim != 1) {
            char *tup = tensor_shape_tuple_repr(t->ndim, t->shape);
            sb_printf(suffix_next(sx), "size=%s", tup);
            free(tup);
        }
        if (t->dtype != def) sb_printf(suffix_next(sx), "dtype=torch.%s", dtype_name(t->dtype));
    } else if (t->dtype != def && t->dtype != DT_I64 && t->dtype != DT_BOOL) {
        sb_printf(suffix_next(sx), "dtype=torch.%s", dtype_name(t->dtype));
    }
    if (info && info->grad_fn) sb_printf(suffix_next(sx), "grad_fn=<%s>", info->grad_fn);
    else if (info && info->requires_grad) sb_append(suffix_next(sx), "requires_grad=True");
}

// _add_suffixes. [start] is where "tensor(" begins in [sb]. The "+ 2" in the
// running line length is PyTorch's (len(s) - s.rfind("\n") + 1).
static void put_suffixes(StrBuf *sb, size_t start, Suffixes *sx, int indent) {
    size_t line_start = start;
    for (size_t i = start; i < sb->len; i++)
        if (sb->data[i] == '\n') line_start = i + 1;
    int64_t last = (int64_t)(sb->len - line_start) + 2;
    for (int i = 0; i < sx->n; i++) {
        int64_t len = (int64_t)sx->s[i].len;
        if (last + len + 2 > options.linewidth) {
            sb_append(sb, ",\n");
            sb_repeat(sb, ' ', (size_t)indent);
            last = indent + len;
        } else {
            sb_append(sb, ", ");
            last += len + 2;
        }
        sb_append(sb, sb_cstr(&sx->s[i]));
    }
    sb_append_char(sb, ')');
}

char *tensor_repr(const Tensor *t, const TensorReprSuffix *suffix) {
    static const char head[] = "tensor(";
    const int indent = (int)strlen(head);
    StrBuf sb = STRBUF_INIT;
    if (suffix && suffix->prefix) sb_append(&sb, suffix->prefix);
    size_t start = sb.len;
    sb_append(&sb, head);
    if (tensor_numel(t) == 0) {
        sb_append(&sb, "[]");
    } else if (put_body(t, &sb, indent) < 0) {
        sb_free(&sb);
        return NULL;
    }
    Suffixes sx = {.n = 0};
    collect_suffixes(t, suffix, &sx);
    put_suffixes(&sb, start, &sx, indent);
    for (int i = 0; i < sx.n; i++) sb_free(&sx.s[i]);
    return sb_steal(&sb);
}

// ---- shapes ----

static void put_dims(StrBuf *sb, int ndim, const int64_t *shape) {
    for (int i = 0; i < ndim; i++)
        sb_printf(sb, i ? ", %lld" : "%lld", (long long)shape[i]);
}

char *tensor_size_repr(int ndim, const int64_t *shape) {
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "torch.Size([");
    put_dims(&sb, ndim, shape);
    sb_append(&sb, "])");
    return sb_steal(&sb);
}

char *tensor_shape_tuple_repr(int ndim, const int64_t *shape) {
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '(');
    put_dims(&sb, ndim, shape);
    sb_append(&sb, ndim == 1 ? ",)" : ")");
    return sb_steal(&sb);
}
