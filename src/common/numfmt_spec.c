// format(value, spec) for float, int and str: CPython's format-spec mini
// language (Python/formatter_unicode.c), parsed once into a Spec, then the
// number laid out as | lpad sign prefix spad grouped-digits . rest rpad |.
// Widths and fill characters count code points of UTF-8 text.
#include "common/numfmt.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"

#define MAX_WIDTH 100000000

typedef struct {
    uint32_t fill;
    char align;           // '<' '>' '^' '='
    char sign;            // 0, '+', '-', ' '
    bool no_neg_0;        // 'z'
    bool alt;             // '#'
    int64_t width;        // -1 when absent
    char grouping;        // 0, ',' or '_'
    int64_t precision;    // -1 when absent
    uint32_t type;        // a code point; 0 when absent
} Spec;

// ---------------------------------------------------------------------------
// UTF-8

// The code point at [s] and its length in *n (a stray byte is taken alone).
static uint32_t cp_at(const char *s, size_t *n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t k = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    uint32_t c = k == 1 ? u[0] : u[0] & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *n = 1;
            return u[0];
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *n = k;
    return c;
}

static size_t cp_count(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

// Byte length of the first [ncp] code points of [s].
static size_t cp_prefix(const char *s, size_t len, size_t ncp) {
    size_t i = 0;
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ncp-- == 0) break;
    return i;
}

static void append_cp(StrBuf *out, uint32_t c) {
    static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
    char b[4];
    int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (int i = n - 1; i > 0; i--, c >>= 6) b[i] = (char)(0x80 | (c & 0x3F));
    b[0] = (char)(lead[n] | c);
    sb_append_n(out, b, (size_t)n);
}

static void repeat_cp(StrBuf *out, uint32_t c, int64_t n) {
    if (c < 0x80) {
        if (n > 0) sb_repeat(out, (char)c, (size_t)n);
        return;
    }
    for (int64_t i = 0; i < n; i++) append_cp(out, c);
}

// ---------------------------------------------------------------------------
// Parsing

static bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

// digits*: returns how many were read, or -1 with a pending error.
static int read_number(const char **p, int64_t *v) {
    int n = 0;
    *v = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++, n++) {
        int d = **p - '0';
        if (*v > (INT64_MAX - d) / 10)
            return tl_raise_int(ERR_VALUE, "Too many decimal digits in format string");
        *v = *v * 10 + d;
    }
    return n;
}

static int bad_separator(char sep, uint32_t type) {
    if (type > 32 && type < 128)
        return tl_raise_int(ERR_VALUE, "Cannot specify '%c' with '%c'.", sep, (char)type);
    return tl_raise_int(ERR_VALUE, "Cannot specify '%c' with '\\x%x'.", sep, (unsigned)type);
}

// Types that take a grouping option (no type included); '_' also groups
// b/o/x/X, by four.
static int check_grouping(const Spec *f) {
    if (!f->grouping || f->type == 0) return 0;
    if (f->type < 128 && strchr("defgEG%F", (int)f->type)) return 0;
    if (f->type < 128 && strchr("boxX", (int)f->type) && f->grouping == '_') return 0;
    return bad_separator(f->grouping, f->type);
}

// spec: [[fill]align][sign]['z']['#']['0'][width][','|'_']['.' precision][type]
static int parse_spec(const char *spec, Spec *f, uint32_t default_type, char default_align,
                      const char *type_name) {
    *f = (Spec){.fill = ' ', .align = default_align, .width = -1, .precision = -1,
                .type = default_type};
    const char *p = spec;
    size_t n;
    uint32_t first = *p ? cp_at(p, &n) : 0;
    bool fill_given = false, align_given = false;
    if (first && is_align(p[n])) {
        f->fill = first;
        f->align = p[n];
        p += n + 1;
        fill_given = align_given = true;
    } else if (is_align(*p)) {
        f->align = *p++;
        align_given = true;
    }
    if (*p == '+' || *p == '-' || *p == ' ') f->sign = *p++;
    if (*p == 'z') {
        f->no_neg_0 = true;
        p++;
    }
    if (*p == '#') {
        f->alt = true;
        p++;
    }
    if (!fill_given && *p == '0') {
        // '0' before the width means zero padding after the sign, but for
        // strings (default '<') it only sets the fill since 3.10.
        f->fill = '0';
        if (!align_given && default_align == '>') f->align = '=';
        p++;
    }
    int got = read_number(&p, &f->width);
    if (got < 0) return -1;
    if (got == 0) f->width = -1;
    if (*p == ',') f->grouping = *p++;
    if (*p == '_') {
        if (f->grouping) return tl_raise_int(ERR_VALUE, "Cannot specify both ',' and '_'.");
        f->grouping = *p++;
    }
    if (*p == ',' && f->grouping == '_')
        return tl_raise_int(ERR_VALUE, "Cannot specify both ',' and '_'.");
    if (*p == '.') {
        p++;
        if ((got = read_number(&p, &f->precision)) < 0) return -1;
        if (got == 0) return tl_raise_int(ERR_VALUE, "Format specifier missing precision");
    }
    if (cp_count(p, strlen(p)) > 1)
        return tl_raise_int(ERR_VALUE, "Invalid format specifier '%s' for object of type '%s'",
                            spec, type_name);
    if (*p) f->type = cp_at(p, &n);
    if (f->width > MAX_WIDTH) return tl_raise_int(ERR_MEMORY, "%s", "");
    return check_grouping(f);
}

static int unknown_type(uint32_t type, const char *type_name) {
    if (type > 32 && type < 128)
        return tl_raise_int(ERR_VALUE, "Unknown format code '%c' for object of type '%s'",
                            (char)type, type_name);
    return tl_raise_int(ERR_VALUE, "Unknown format code '\\x%x' for object of type '%s'",
                        (unsigned)type, type_name);
}

// ---------------------------------------------------------------------------
// Number layout (CPython's calc_number_widths and fill_number)

typedef struct {
    char sign;              // '-' when negative, else 0
    const char *prefix;     // "0x" etc., "" when none
    const char *digits;     // integer digits, grouped and zero-filled
    size_t n_digits;
    bool has_decimal;       // a '.' follows the digits
    const char *rest;       // fraction, exponent, '%', "inf", a 'c' character
    size_t n_rest;
} Number;

// Appends the [n] digits grouped by [size] with [sep] (no grouping when
// size is 0), zero-extended on the left to at least [min_width] characters
// without starting with a separator. Built right to left into [buf].
static size_t group_digits(const char *digits, int64_t n, int64_t min_width, int size,
                           char sep, char *buf, size_t cap) {
    size_t pos = cap;
    int64_t remaining = n, mw = min_width;
    bool use_sep = false;
    for (;;) {
        int64_t want = remaining > mw ? remaining : mw;
        if (want < 1) want = 1;
        int64_t len = size && want > size ? size : want;
        int64_t chars = remaining < len ? remaining : len;
        if (use_sep) buf[--pos] = sep;
        for (int64_t i = 0; i < chars; i++) buf[--pos] = digits[remaining - 1 - i];
        for (int64_t i = chars; i < len; i++) buf[--pos] = '0';
        use_sep = true;
        remaining -= chars;
        mw -= len;
        if (!size || (remaining <= 0 && mw <= 0)) break;
        mw -= 1;
    }
    return pos;
}

static int emit_number(const Number *num, const Spec *f, int group_size, StrBuf *out) {
    char sign = num->sign;
    if (!sign && (f->sign == '+' || f->sign == ' ')) sign = f->sign;
    int64_t n_prefix = (int64_t)strlen(num->prefix);
    int64_t n_other = (sign != 0) + n_prefix + num->has_decimal +
                      (int64_t)cp_count(num->rest, num->n_rest);
    int64_t min_width = f->fill == '0' && f->align == '=' ? f->width - n_other : 0;
    char sep = f->grouping ? f->grouping : ',';
    size_t cap = 2 * (num->n_digits + (size_t)(min_width > 0 ? min_width : 0)) + 8;
    char *buf = malloc(cap);
    if (!buf) return tl_raise_int(ERR_MEMORY, "%s", "");
    size_t start = cap, n_grouped = 0;
    if (num->n_digits) {
        start = group_digits(num->digits, (int64_t)num->n_digits, min_width,
                             f->grouping ? group_size : 0, sep, buf, cap);
        n_grouped = cap - start;
    }
    int64_t pad = f->width - (n_other + (int64_t)n_grouped), lpad = 0, spad = 0, rpad = 0;
    if (pad > 0) {
        switch (f->align) {
        case '<': rpad = pad; break;
        case '^': lpad = pad / 2; rpad = pad - lpad; break;
        case '=': spad = pad; break;
        default: lpad = pad; break;
        }
    }
    repeat_cp(out, f->fill, lpad);
    if (sign) sb_append_char(out, sign);
    sb_append(out, num->prefix);
    repeat_cp(out, f->fill, spad);
    sb_append_n(out, buf + start, n_grouped);
    if (num->has_decimal) sb_append_char(out, '.');
    sb_append_n(out, num->rest, num->n_rest);
    repeat_cp(out, f->fill, rpad);
    free(buf);
    return 0;
}

// ---------------------------------------------------------------------------
// float

static int format_float_spec(double x, const Spec *f, StrBuf *out) {
    if (f->precision > INT_MAX) return tl_raise_int(ERR_VALUE, "precision too big");
    int precision = (int)f->precision, flags = 0, default_prec = 6;
    char type = (char)f->type;
    bool pct = false;
    if (f->alt) flags |= FMT_DTSF_ALT;
    if (f->no_neg_0) flags |= FMT_DTSF_NO_NEG_0;
    if (type == 0) {
        // No type: repr() without a precision, else 'g' keeping a '.0'.
        flags |= FMT_DTSF_ADD_DOT_0;
        type = 'r';
        default_prec = 0;
    }
    if (type == 'n') type = 'g';   // the C locale: no separators
    if (type == '%') {
        type = 'f';
        x *= 100;
        pct = true;
    }
    if (precision < 0) precision = default_prec;
    else if (type == 'r') type = 'g';

    StrBuf body = STRBUF_INIT;
    if (fmt_double_to_string(x, type, precision, flags, &body) < 0) return -1;
    if (pct) sb_append_char(&body, '%');
    const char *s = sb_cstr(&body);
    Number num = {.prefix = ""};
    if (*s == '-') num.sign = *s++;
    num.digits = s;
    while (*s >= '0' && *s <= '9') s++;
    num.n_digits = (size_t)(s - num.digits);
    if ((num.has_decimal = *s == '.')) s++;
    num.rest = s;
    num.n_rest = strlen(s);
    int rc = emit_number(&num, f, 3, out);
    sb_free(&body);
    return rc;
}

int fmt_format_float(double x, const char *spec, StrBuf *out) {
    Spec f;
    if (!*spec) {
        char buf[FMT_REPR_BUFSZ];
        sb_append_n(out, buf, fmt_float_repr(x, buf, sizeof buf));
        return 0;
    }
    if (parse_spec(spec, &f, 0, '>', "float") < 0) return -1;
    if (f.type >= 128 || !strchr("eEfFgGn%", (int)f.type))
        return unknown_type(f.type, "float");
    return format_float_spec(x, &f, out);
}

// ---------------------------------------------------------------------------
// int

// 'c': the code point [v] as the only character.
static int format_char(int64_t v, const Spec *f, StrBuf *out) {
    if (f->sign)
        return tl_raise_int(ERR_VALUE, "Sign not allowed with integer format specifier 'c'");
    if (f->alt)
        return tl_raise_int(ERR_VALUE,
                            "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0 || v > 0x10FFFF)
        return tl_raise_int(ERR_OVERFLOW, "%%c arg not in range(0x110000)");
    StrBuf ch = STRBUF_INIT;
    append_cp(&ch, (uint32_t)v);
    Number num = {.prefix = "", .digits = "", .rest = ch.data, .n_rest = ch.len};
    int rc = emit_number(&num, f, 3, out);
    sb_free(&ch);
    return rc;
}

static int format_int_spec(int64_t v, const Spec *f, StrBuf *out) {
    if (f->precision != -1)
        return tl_raise_int(ERR_VALUE, "Precision not allowed in integer format specifier");
    if (f->no_neg_0)
        return tl_raise_int(ERR_VALUE,
                            "Negative zero coercion (z) not allowed in integer format specifier");
    char type = (char)f->type;
    if (type == 'c') return format_char(v, f, out);
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    char buf[FMT_INT_BUFSZ];
    fmt_int_to_base(v, base, type == 'X' ? FMT_BASE_UPPER : 0, buf);
    static const char *const prefixes[] = {"0b", "0o", "0x", "0X"};
    Number num = {.prefix = "", .digits = buf, .rest = ""};
    if (f->alt && base != 10)
        num.prefix = prefixes[base == 2 ? 0 : base == 8 ? 1 : type == 'x' ? 2 : 3];
    if (*buf == '-') num.sign = *num.digits++;
    num.n_digits = strlen(num.digits);
    return emit_number(&num, f, base == 10 ? 3 : 4, out);
}

int fmt_format_int(int64_t v, const char *spec, StrBuf *out) {
    Spec f;
    if (!*spec) {
        char buf[FMT_INT_BUFSZ];
        sb_append_n(out, buf, fmt_int_to_base(v, 10, 0, buf));
        return 0;
    }
    if (parse_spec(spec, &f, 'd', '>', "int") < 0) return -1;
    if (f.type < 128 && f.type && strchr("bcdoxXn", (int)f.type))
        return format_int_spec(v, &f, out);
    if (f.type < 128 && f.type && strchr("eEfFgG%", (int)f.type))
        return format_float_spec((double)v, &f, out);
    return unknown_type(f.type, "int");
}

// ---------------------------------------------------------------------------
// str

static int format_str_spec(const char *s, size_t len, const Spec *f, StrBuf *out) {
    if (f->sign == ' ')
        return tl_raise_int(ERR_VALUE, "Space not allowed in string format specifier");
    if (f->sign)
        return tl_raise_int(ERR_VALUE, "Sign not allowed in string format specifier");
    if (f->no_neg_0)
        return tl_raise_int(ERR_VALUE,
                            "Negative zero coercion (z) not allowed in string format specifier");
    if (f->alt)
        return tl_raise_int(ERR_VALUE, "Alternate form (#) not allowed in string format specifier");
    if (f->align == '=')
        return tl_raise_int(ERR_VALUE, "'=' alignment not allowed in string format specifier");
    int64_t n = (int64_t)cp_count(s, len);
    if (f->precision >= 0 && n > f->precision) {
        n = f->precision;
        len = cp_prefix(s, len, (size_t)n);
    }
    int64_t pad = f->width > n ? f->width - n : 0;
    int64_t lpad = f->align == '>' ? pad : f->align == '^' ? pad / 2 : 0;
    repeat_cp(out, f->fill, lpad);
    sb_append_n(out, s, len);
    repeat_cp(out, f->fill, pad - lpad);
    return 0;
}

int fmt_format_str(const char *s, size_t len, const char *spec, StrBuf *out) {
    Spec f;
    if (!*spec) {
        sb_append_n(out, s, len);
        return 0;
    }
    if (parse_spec(spec, &f, 's', '<', "str") < 0) return -1;
    if (f.type != 's') return unknown_type(f.type, "str");
    return format_str_spec(s, len, &f, out);
}
