// printf-style "%" formatting as CPython's PyUnicode_Format does it: parsing
// one conversion spec, and formatting one already-fetched value. The VM owns
// the walk over the format string and the argument tuple or mapping.
#include "common/numfmt.h"

#include <limits.h>
#include <string.h>

#include "common/error.h"

#define MAX_WIDTH 100000000

// ---------------------------------------------------------------------------
// Parsing

typedef struct {
    const char *fmt;
    size_t len, pos;
    uint32_t ch;          // the character last read
    size_t ch_pos;        // its byte offset
} Cursor;

// Reads the next code point into c->ch; false at the end of the format.
static bool next(Cursor *c) {
    if (c->pos >= c->len) return false;
    const unsigned char *u = (const unsigned char *)c->fmt + c->pos;
    size_t k = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    if (k > c->len - c->pos) k = 1;
    uint32_t v = k == 1 ? u[0] : u[0] & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) v = (v << 6) | (u[i] & 0x3F);
    c->ch = v;
    c->ch_pos = c->pos;
    c->pos += k;
    return true;
}

static int incomplete(void) { return tl_raise_int(ERR_VALUE, "incomplete format"); }

// '(' key ')' with balanced parentheses inside the key.
static int parse_key(Cursor *c, FmtPercentSpec *spec) {
    int depth = 1;
    spec->has_key = true;
    spec->key_start = ++c->pos;
    while (depth > 0 && next(c)) {
        if (c->ch == ')') depth--;
        else if (c->ch == '(') depth++;
    }
    if (depth > 0) return tl_raise_int(ERR_VALUE, "incomplete format key");
    spec->key_len = c->pos - spec->key_start - 1;
    return 0;
}

static int flag_of(uint32_t ch) {
    switch (ch) {
    case '-': return FMT_PCT_LJUST;
    case '+': return FMT_PCT_SIGN;
    case ' ': return FMT_PCT_BLANK;
    case '#': return FMT_PCT_ALT;
    case '0': return FMT_PCT_ZERO;
    }
    return 0;
}

// digits after the first (c->ch) into *v; leaves the first non-digit in
// c->ch. Returns -1 past [max] (nothing raised), 0 at the end, 1 otherwise.
static int read_number(Cursor *c, int64_t max, int64_t *v) {
    *v = c->ch - '0';
    for (;;) {
        if (!next(c)) return 0;
        if (c->ch < '0' || c->ch > '9') return 1;
        int d = (int)c->ch - '0';
        if (*v > (max - d) / 10) return -1;
        *v = *v * 10 + d;
    }
}

static bool is_digit_cp(uint32_t ch) { return ch >= '0' && ch <= '9'; }

// [width | '*'], leaving the next character in c->ch; false at the end.
static int parse_width(Cursor *c, FmtPercentSpec *spec) {
    if (c->ch == '*') {
        spec->width_star = true;
        return next(c) ? 1 : 0;
    }
    if (!is_digit_cp(c->ch)) return 1;
    int r = read_number(c, INT64_MAX, &spec->width);
    if (r < 0) return tl_raise_int(ERR_VALUE, "width too big");
    return r;
}

// ['.' [prec | '*']], leaving the next character in c->ch; false at the end.
static int parse_prec(Cursor *c, FmtPercentSpec *spec) {
    if (c->ch != '.') return 1;
    spec->prec = 0;
    if (!next(c)) return 0;
    if (c->ch == '*') {
        spec->prec_star = true;
        return next(c) ? 1 : 0;
    }
    if (!is_digit_cp(c->ch)) return 1;
    int64_t v;
    int r = read_number(c, INT_MAX, &v);
    if (r < 0) return tl_raise_int(ERR_VALUE, "precision too big");
    spec->prec = (int)v;
    return r;
}

int fmt_percent_parse(const char *fmt, size_t len, size_t *pos, FmtPercentSpec *spec) {
    *spec = (FmtPercentSpec){.width = -1, .prec = -1};
    Cursor c = {fmt, len, *pos, 0, 0};
    if (c.pos < len && fmt[c.pos] == '%') {
        spec->literal = true;
        spec->conv = '%';
        spec->conv_pos = c.pos;
        *pos = c.pos + 1;
        return 0;
    }
    if (c.pos < len && fmt[c.pos] == '(' && parse_key(&c, spec) < 0) return -1;
    int flag;
    do {
        if (!next(&c)) return incomplete();
        spec->flags |= flag = flag_of(c.ch);
    } while (flag);
    int r = parse_width(&c, spec);
    if (r > 0) r = parse_prec(&c, spec);
    if (r > 0 && (c.ch == 'h' || c.ch == 'l' || c.ch == 'L')) r = next(&c) ? 1 : 0;
    if (r < 0) return -1;
    if (r == 0) return incomplete();
    spec->conv = c.ch;
    spec->conv_pos = c.ch_pos;
    *pos = c.pos;
    return 0;
}

int fmt_percent_unsupported(const char *fmt, const FmtPercentSpec *spec) {
    size_t index = 0;
    for (size_t i = 0; i < spec->conv_pos; i++) index += ((unsigned char)fmt[i] & 0xC0) != 0x80;
    uint32_t ch = spec->conv;
    return tl_raise_int(ERR_VALUE, "unsupported format character '%c' (0x%x) at index %zu",
                        ch >= 31 && ch <= 126 ? (char)ch : '?', (unsigned)ch, index);
}

// ---------------------------------------------------------------------------
// Output (CPython's unicode_format_arg_output)

static size_t cp_prefix(const char *s, size_t len, int64_t ncp) {
    size_t i = 0;
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ncp-- == 0) break;
    return i;
}

static int64_t cp_count(const char *s, size_t len) {
    int64_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

// Pads the converted text [s] to [width]. Numbers ([numeric]) get their
// sign (or '+'/' ' from the flags) and their 0x/0o prefix placed before
// zero padding, after space padding.
static int pad_output(const char *s, size_t len, int flags, int64_t width, int prec, char conv,
                      bool numeric, StrBuf *out) {
    if (width > MAX_WIDTH) return tl_raise_int(ERR_MEMORY, "%s", "");
    char fill = numeric && (flags & FMT_PCT_ZERO) ? '0' : ' ';
    int64_t n = cp_count(s, len);
    if ((conv == 's' || conv == 'r' || conv == 'a') && prec >= 0 && n > prec) {
        n = prec;
        len = cp_prefix(s, len, n);
    }
    char sign = 0;
    if (numeric) {
        if (*s == '-' || *s == '+') {
            sign = *s++;
            len--;
            n--;
        }
        else if (flags & FMT_PCT_SIGN) sign = '+';
        else if (flags & FMT_PCT_BLANK) sign = ' ';
    }
    if (width < n) width = n;
    if (sign) {
        if (fill != ' ') sb_append_char(out, sign);
        if (width > n) width--;
    }
    bool prefix = (flags & FMT_PCT_ALT) && (conv == 'x' || conv == 'X' || conv == 'o');
    const char *pre = s;
    if (prefix) {
        s += 2;
        len -= 2;
        n -= 2;
        if (fill != ' ') sb_append_n(out, pre, 2);
        width = width > 2 ? width - 2 : 0;
    }
    if (width > n && !(flags & FMT_PCT_LJUST)) {
        sb_repeat(out, fill, (size_t)(width - n));
        width = n;
    }
    if (fill == ' ') {
        if (sign) sb_append_char(out, sign);
        if (prefix) sb_append_n(out, pre, 2);
    }
    sb_append_n(out, s, len);
    if (width > n) sb_repeat(out, ' ', (size_t)(width - n));
    return 0;
}

int fmt_percent_float(double x, int flags, int64_t width, int prec, char conv, StrBuf *out) {
    StrBuf body = STRBUF_INIT;
    int rc = fmt_double_to_string(x, conv, prec < 0 ? 6 : prec,
                                  (flags & FMT_PCT_ALT) ? FMT_DTSF_ALT : 0, &body);
    if (rc == 0) rc = pad_output(sb_cstr(&body), body.len, flags, width, prec, conv, true, out);
    sb_free(&body);
    return rc;
}

// The text of '%d'/'%o'/'%x'/'%X' before padding (CPython's
// _PyUnicode_FormatLong): sign, the prefix only with '#', digits widened
// with zeros to [prec].
int fmt_percent_int(int64_t v, int flags, int64_t width, int prec, char conv, StrBuf *out) {
    int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
    int bflags = (conv == 'X' ? FMT_BASE_UPPER : 0) | ((flags & FMT_PCT_ALT) ? FMT_BASE_PREFIX : 0);
    char buf[FMT_INT_BUFSZ];
    size_t len = fmt_int_to_base(v, base, bflags, buf);
    size_t lead = (v < 0) + ((flags & FMT_PCT_ALT) && base != 10 ? 2 : 0);
    int64_t ndigits = (int64_t)(len - lead);
    if (prec > MAX_WIDTH) return tl_raise_int(ERR_MEMORY, "%s", "");
    StrBuf body = STRBUF_INIT;
    sb_append_n(&body, buf, lead);
    if (prec > ndigits) sb_repeat(&body, '0', (size_t)(prec - ndigits));
    sb_append_n(&body, buf + lead, len - lead);
    int rc = pad_output(body.data, body.len, flags, width, prec, conv, true, out);
    sb_free(&body);
    return rc;
}

int fmt_percent_str(const char *s, size_t len, int flags, int64_t width, int prec, char conv,
                    StrBuf *out) {
    return pad_output(s, len, flags, width, prec, conv, false, out);
}
