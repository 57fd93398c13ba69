// Text -> number as Python's float(str) and int(str, base) read it, and
// integers -> text in bases 2/8/10/16 (hex(), bin(), oct(), str()).
// Syntax is checked here, digit by digit; the value of a float literal
// comes from glibc's correctly rounded strtod once the text is known valid.
#include "common/numfmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

size_t fmt_int_to_base(int64_t v, int base, int flags, char *buf) {
    TL_ASSERT(base == 2 || base == 8 || base == 10 || base == 16);
    const char *digs = (flags & FMT_BASE_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
    uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
    char tmp[70];
    int n = 0;
    do {
        tmp[n++] = digs[mag % (uint64_t)base];
        mag /= (uint64_t)base;
    } while (mag);
    size_t len = 0;
    if (v < 0) buf[len++] = '-';
    if ((flags & FMT_BASE_PREFIX) && base != 10) {
        char letter = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
        buf[len++] = '0';
        buf[len++] = (flags & FMT_BASE_UPPER) ? (char)(letter - 'a' + 'A') : letter;
    }
    while (n) buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

// ---------------------------------------------------------------------------
// Normalising the input

// Python's Py_ISSPACE: the ASCII whitespace that int() and float() strip.
static bool is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Unicode whitespace above ASCII (str.isspace()), which CPython turns into
// ' ' before parsing numbers.
static bool is_unicode_space(uint32_t cp) {
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Decodes the UTF-8 sequence at s[0..avail); returns its length and the
// code point, or 0 for a malformed sequence.
static size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp) {
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (n == 0 || n > avail) return 0;
    uint32_t c = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return n;
}

// Copies [s] into a new ASCII string (caller frees) with Unicode spaces as
// ' '. Returns NULL when the text cannot be a number: any other non-ASCII
// character, an embedded NUL, or no memory.
static char *to_ascii(const char *s, size_t len) {
    char *a = malloc(len + 1);
    if (!a) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t k;
        if (c == 0) goto fail;
        if (c < 0x80) {
            a[n++] = (char)c;
            i++;
        } else if ((k = utf8_decode((const unsigned char *)s + i, len - i, &cp)) &&
                   is_unicode_space(cp)) {
            a[n++] = ' ';
            i += k;
        } else {
            goto fail;
        }
    }
    a[n] = '\0';
    return a;
fail:
    free(a);
    return NULL;
}

// ---------------------------------------------------------------------------
// float()

// Removes the underscores of [s] in place; fails unless each one sits
// between two digits (CPython's _Py_string_to_number_with_underscores).
static bool drop_underscores(char *s) {
    char prev = '\0', *w = s;
    for (const char *p = s; *p; p++) {
        if (*p == '_') {
            if (!is_digit(prev)) return false;
        } else {
            if (prev == '_' && !is_digit(*p)) return false;
            *w++ = *p;
        }
        prev = *p;
    }
    *w = '\0';
    return prev != '_';
}

static bool match_word(const char *p, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - p) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != word[i]) return false;
    return true;
}

// number: [sign] (digits ['.' digits*] | '.' digits) [('e'|'E') [sign] digits]
static bool is_decimal(const char *p, const char *end) {
    if (p < end && (*p == '+' || *p == '-')) p++;
    const char *m = p;
    while (p < end && is_digit(*p)) p++;
    bool any = p > m;
    if (p < end && *p == '.') {
        const char *f = ++p;
        while (p < end && is_digit(*p)) p++;
        any = any || p > f;
    }
    if (!any) return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        const char *e = p;
        while (p < end && is_digit(*p)) p++;
        if (p == e) return false;
    }
    return p == end;
}

int fmt_parse_float(const char *s, size_t len, double *out) {
    char *a = to_ascii(s, len);
    if (!a) return FMT_PARSE_INVALID;
    int rc = FMT_PARSE_INVALID;
    if (strchr(a, '_') && !drop_underscores(a)) goto done;
    char *p = a, *end = a + strlen(a);
    while (p < end && is_space(*p)) p++;
    while (end > p && is_space(end[-1])) end--;
    *end = '\0';
    const char *w = p + (*p == '+' || *p == '-');
    if (match_word(w, end, "inf") || match_word(w, end, "infinity")) {
        *out = *p == '-' ? -HUGE_VAL : HUGE_VAL;
        rc = FMT_PARSE_OK;
    } else if (match_word(w, end, "nan")) {
        *out = *p == '-' ? -NAN : NAN;
        rc = FMT_PARSE_OK;
    } else if (is_decimal(p, end)) {
        *out = strtod(p, NULL);   // overflow gives inf, underflow 0, as in Python
        rc = FMT_PARSE_OK;
    }
done:
    free(a);
    return rc;
}

// ---------------------------------------------------------------------------
// int()

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// Picks the base for base 0 from the prefix; *only_zero is set for a
// leading '0' without a prefix, where only zero is valid ('00', not '010').
static int detect_base(const char *p, bool *only_zero) {
    if (p[0] != '0') return 10;
    switch (p[1] | 0x20) {
    case 'x': return 16;
    case 'o': return 8;
    case 'b': return 2;
    }
    *only_zero = true;
    return 10;
}

static bool has_prefix(const char *p, int base) {
    if (p[0] != '0') return false;
    char c = (char)(p[1] | 0x20);
    return (base == 16 && c == 'x') || (base == 8 && c == 'o') || (base == 2 && c == 'b');
}

// digits: digit (['_'] digit)*, accumulated into *mag; *overflow is set
// once the magnitude passes [limit]. Returns the end, or NULL on bad
// underscores or no digits.
static const char *scan_digits(const char *p, int base, uint64_t limit, uint64_t *mag,
                               bool *overflow) {
    const char *start = p;
    char prev = '\0';
    for (; digit_value(*p) < base || *p == '_'; prev = *p++) {
        if (*p == '_') {
            if (prev == '_') return NULL;
            continue;
        }
        uint64_t d = (uint64_t)digit_value(*p);
        if (*mag > (limit - d) / (uint64_t)base) *overflow = true;
        else *mag = *mag * (uint64_t)base + d;
    }
    if (p == start || prev == '_') return NULL;
    return p;
}

int fmt_parse_int(const char *s, size_t len, int base, int64_t *out) {
    char *a = to_ascii(s, len);
    if (!a) return FMT_PARSE_INVALID;
    int rc = FMT_PARSE_INVALID;
    const char *p = a;
    while (is_space(*p)) p++;
    bool neg = *p == '-';
    if (*p == '+' || *p == '-') p++;
    bool only_zero = false;
    if (base == 0) base = detect_base(p, &only_zero);
    if (has_prefix(p, base)) {
        p += 2;
        if (*p == '_') p++;   // '0x_ff' is valid
    }
    if (*p == '_') goto done;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, mag = 0;
    bool overflow = false;
    if (!(p = scan_digits(p, base, limit, &mag, &overflow))) goto done;
    if (only_zero && (mag || overflow)) goto done;
    while (is_space(*p)) p++;
    if (*p) goto done;
    if (overflow) {
        rc = FMT_PARSE_OVERFLOW;
    } else {
        *out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
        rc = FMT_PARSE_OK;
    }
done:
    free(a);
    return rc;
}
