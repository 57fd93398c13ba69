// Float -> text as CPython's dtoa-based code does it: shortest round-trip
// digits (repr), fixed/exponent layouts for format() and '%', round().
// glibc's printf is exact (correct rounding, ties to even) and its strtod is
// correctly rounded, so digit strings come from snprintf and are checked or
// read back with strtod instead of porting dtoa's big-number arithmetic.
#include "common/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/error.h"

#define MAX_PRECISION 100000000

// ---------------------------------------------------------------------------
// Shortest digits

// [ax] (finite, >= 0) rounded to [p] significant digits: p digits (trailing
// zeros kept) into [digits], decimal point position into *decpt.
static void round_sig(double ax, int p, char *digits, int *decpt) {
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
    const char *q = buf;
    int n = 0;
    digits[n++] = *q++;
    if (*q == '.')
        for (q++; *q != 'e'; q++) digits[n++] = *q;
    digits[n] = '\0';
    *decpt = atoi(q + 1) + 1;
}

// Reads 0.DIGITS x 10^decpt back as a double (f32: as a float).
static double read_back(const char *digits, int decpt, bool f32) {
    char buf[48];
    snprintf(buf, sizeof buf, "0.%se%d", digits, decpt);
    return f32 ? (double)strtof(buf, NULL) : strtod(buf, NULL);
}

// Adds one unit in the last place of the [p]-digit string; 999 -> 100 with
// the point moved right.
static void bump_last(char *digits, int p, int *decpt) {
    int i = p - 1;
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i >= 0) {
        digits[i]++;
        return;
    }
    digits[0] = '1';
    (*decpt)++;
}

// Does some [p]-digit decimal read back as [ax]? If so leaves the nearest
// such in [digits]/[decpt]. Only the nearest p-digit number can qualify,
// except at a power of two, whose round-trip interval is twice as wide above
// as below: there the next p-digit number up may qualify when the nearest,
// below, does not.
static bool try_prec(double ax, int p, bool f32, bool pow2, char *digits, int *decpt) {
    round_sig(ax, p, digits, decpt);
    double back = read_back(digits, *decpt, f32);
    if (back == ax) return true;
    if (!pow2 || back > ax) return false;
    bump_last(digits, p, decpt);
    return read_back(digits, *decpt, f32) == ax;
}

// Smallest p in [lo, hi] for which try_prec succeeds, [digits] holding the
// result for [hi] on entry and for the answer on return. Round-tripping is
// monotonic in p because p-digit numbers are also (p+1)-digit numbers.
static int search_down(double ax, int lo, int hi, bool f32, bool pow2, char *digits, int *decpt) {
    char cand[24];
    int cdecpt;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (try_prec(ax, mid, f32, pow2, cand, &cdecpt)) {
            hi = mid;
            memcpy(digits, cand, (size_t)mid + 1);
            *decpt = cdecpt;
        } else {
            lo = mid + 1;
        }
    }
    return hi;
}

static int strip_zeros(char *digits, int n) {
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = '\0';
    return n;
}

int fmt_shortest_digits(double x, char *digits, int *decpt) {
    double ax = fabs(x);
    if (ax == 0) {
        strcpy(digits, "0");
        *decpt = 1;
        return 1;
    }
    uint64_t bits;
    memcpy(&bits, &ax, sizeof bits);
    bool pow2 = (bits & ((1ULL << 52) - 1)) == 0 && (bits >> 52) > 1;
    // Most doubles from arithmetic need 16 or 17 digits; settle those with
    // two tries before searching the short ones.
    int p = 17;
    if (try_prec(ax, 15, false, pow2, digits, decpt))
        p = search_down(ax, 1, 15, false, pow2, digits, decpt);
    else if (try_prec(ax, 16, false, pow2, digits, decpt))
        p = 16;
    else
        try_prec(ax, 17, false, pow2, digits, decpt);   // 17 digits always do
    return strip_zeros(digits, p);
}

int fmt_shortest_digits_f32(float x, char *digits, int *decpt) {
    float ax = fabsf(x);
    if (ax == 0) {
        strcpy(digits, "0");
        *decpt = 1;
        return 1;
    }
    uint32_t bits;
    memcpy(&bits, &ax, sizeof bits);
    bool pow2 = (bits & ((1U << 23) - 1)) == 0 && (bits >> 23) > 1;
    try_prec(ax, 9, true, pow2, digits, decpt);          // 9 digits always do
    int p = search_down(ax, 1, 9, true, pow2, digits, decpt);
    return strip_zeros(digits, p);
}

// ---------------------------------------------------------------------------
// Layout (CPython's format_float_short)

typedef struct {
    char *text;     // digits without trailing zeros; "" when rounded to 0
    int n;
    int decpt;      // value = 0.TEXT x 10^decpt
    bool neg;
} Digits;

// Appends the digits of [d] as [code] (e f g r) would lay them out: pads
// with zeros on either side, places the point, adds an exponent.
static void layout(StrBuf *out, const Digits *d, char code, int precision, int flags, bool upper) {
    bool use_exp = false, dot0 = flags & FMT_DTSF_ADD_DOT_0;
    long decpt = d->decpt, n = d->n, vend = n, exp = 0;
    switch (code) {
    case 'e':
        use_exp = true;
        vend = precision;
        break;
    case 'f':
        vend = decpt + precision;
        break;
    case 'g':
        use_exp = decpt <= -4 || decpt > (dot0 ? precision - 1 : precision);
        if (flags & FMT_DTSF_ALT) vend = precision;
        break;
    default:  // 'r': exponent from 1e16 on
        use_exp = decpt <= -4 || decpt > 16;
        break;
    }
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    long vstart = decpt <= 0 ? decpt - 1 : 0;
    long minend = (!use_exp && dot0) ? decpt + 1 : decpt;
    if (vend < minend) vend = minend;

    bool neg = d->neg;
    if (neg && (flags & FMT_DTSF_NO_NEG_0) && (n == 0 || (n == 1 && d->text[0] == '0')))
        neg = false;
    if (neg) sb_append_char(out, '-');
    else if (flags & FMT_DTSF_SIGN) sb_append_char(out, '+');
    if (decpt <= 0) {
        sb_repeat(out, '0', (size_t)(decpt - vstart));
        sb_append_char(out, '.');
        sb_repeat(out, '0', (size_t)-decpt);
    }
    if (decpt > 0 && decpt <= n) {
        sb_append_n(out, d->text, (size_t)decpt);
        sb_append_char(out, '.');
        sb_append_n(out, d->text + decpt, (size_t)(n - decpt));
    } else {
        sb_append_n(out, d->text, (size_t)n);
    }
    if (n < decpt) {
        sb_repeat(out, '0', (size_t)(decpt - n));
        sb_append_char(out, '.');
        sb_repeat(out, '0', (size_t)(vend - decpt));
    } else {
        sb_repeat(out, '0', (size_t)(vend - n));
    }
    if (out->len && out->data[out->len - 1] == '.' && !(flags & FMT_DTSF_ALT))
        out->data[--out->len] = '\0';
    if (use_exp)
        sb_printf(out, "%c%c%02ld", upper ? 'E' : 'e', exp < 0 ? '-' : '+', labs(exp));
}

static void layout_nonfinite(StrBuf *out, double x, int flags, bool upper) {
    if (isnan(x)) {
        if (flags & FMT_DTSF_SIGN) sb_append_char(out, '+');
        sb_append(out, upper ? "NAN" : "nan");
        return;
    }
    if (x < 0) sb_append_char(out, '-');
    else if (flags & FMT_DTSF_SIGN) sb_append_char(out, '+');
    sb_append(out, upper ? "INF" : "inf");
}

// Fills [d] from printf's "%.*e" / "%.*f" output [s] (no sign): the digits
// with the point removed, leading and trailing zeros dropped.
static void digits_from_printf(char *s, Digits *d) {
    char *e = strchr(s, 'e');
    int exp10 = 0;
    if (e) {
        exp10 = atoi(e + 1);
        *e = '\0';
    }
    char *dot = strchr(s, '.');
    int intlen = dot ? (int)(dot - s) : (int)strlen(s);
    if (dot) memmove(dot, dot + 1, strlen(dot + 1) + 1);
    int n = (int)strlen(s), lead = 0;
    while (lead < n && s[lead] == '0') lead++;
    while (n > lead && s[n - 1] == '0') n--;
    d->text = s + lead;
    d->n = n - lead;
    d->text[d->n] = '\0';
    d->decpt = intlen - lead + exp10;
}

int fmt_double_to_string(double x, char code, int precision, int flags, StrBuf *out) {
    bool upper = code == 'E' || code == 'F' || code == 'G';
    char c = upper ? (char)(code - 'A' + 'a') : code;
    TL_ASSERT(c == 'e' || c == 'f' || c == 'g' || c == 'r');
    if (!isfinite(x)) {
        layout_nonfinite(out, x, flags, upper);
        return 0;
    }
    TL_ASSERT(precision >= 0);
    if (precision > MAX_PRECISION)
        return tl_raise_int(ERR_MEMORY, "%s", "");
    if (c == 'e') precision++;
    if (c == 'g' && precision == 0) precision = 1;

    Digits d = {.neg = signbit(x) != 0};
    char small[40];
    char *buf = small;
    if (c == 'r') {
        d.n = fmt_shortest_digits(x, small, &d.decpt);
        d.text = small;
    } else if (x == 0) {
        d = (Digits){.text = strcpy(small, "0"), .n = 1, .decpt = 1, .neg = d.neg};
    } else {
        // mode 2 (e, g): [precision] significant digits; mode 3 (f): that
        // many after the point, up to 309 before it.
        size_t cap = (size_t)precision + 330;
        if (cap > sizeof small && !(buf = malloc(cap)))
            return tl_raise_int(ERR_MEMORY, "%s", "");
        if (c == 'f') snprintf(buf, cap, "%.*f", precision, fabs(x));
        else snprintf(buf, cap, "%.*e", precision - 1, fabs(x));
        digits_from_printf(buf, &d);
    }
    layout(out, &d, c, precision, flags, upper);
    if (buf != small) free(buf);
    return 0;
}

// ---------------------------------------------------------------------------
// repr

static size_t copy_out(const char *s, size_t n, char *buf, size_t cap) {
    if (cap) {
        size_t k = n < cap ? n : cap - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
    }
    return n;
}

size_t fmt_float_repr(double x, char *buf, size_t cap) {
    char tmp[FMT_REPR_BUFSZ];
    StrBuf sb = {tmp, 0, sizeof tmp};   // never grows: a repr is < 25 bytes
    tmp[0] = '\0';
    fmt_double_to_string(x, 'r', 0, FMT_DTSF_ADD_DOT_0, &sb);
    return copy_out(tmp, sb.len, buf, cap);
}

size_t fmt_float32_repr(float x, char *buf, size_t cap) {
    char tmp[FMT_REPR_BUFSZ];
    StrBuf sb = {tmp, 0, sizeof tmp};
    tmp[0] = '\0';
    if (!isfinite(x)) {
        layout_nonfinite(&sb, x, 0, false);
        return copy_out(tmp, sb.len, buf, cap);
    }
    char digits[24];
    Digits d = {.text = digits, .neg = signbit(x) != 0};
    d.n = fmt_shortest_digits_f32(x, digits, &d.decpt);
    // numpy picks the notation from the exact value, not from the digits.
    double ax = fabs((double)x);
    bool positional = ax == 0 || (ax >= 1e-4 && ax < 1e16);
    // 'f' with just enough places, or 'e' with all the digits ('e' counts
    // the leading digit too at this level).
    char code = positional ? 'f' : 'e';
    int precision = positional ? (d.decpt < d.n ? d.n - d.decpt : 0) : d.n;
    layout(&sb, &d, code, precision, FMT_DTSF_ADD_DOT_0, false);
    return copy_out(tmp, sb.len, buf, cap);
}

// ---------------------------------------------------------------------------
// round()

double fmt_round_half_even(double x) {
    double r = round(x);
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    return r;
}

// round(x, -k) for k >= 1: the integer part's exact digits rounded at 10^k,
// the fraction only breaking ties; writes "[-]DIGITSe<k>" into [buf].
static void round_left(double x, int k, char *buf, size_t cap) {
    double ip = trunc(x);
    bool sticky = ip != x;
    char digits[640];
    int pad = k + 1;   // leading zeros so that at least k+1 digits exist
    memset(digits, '0', (size_t)pad);
    int n = pad + snprintf(digits + pad, sizeof digits - (size_t)pad, "%.0f", fabs(ip));
    int keep = n - k;  // digits kept, >= 1
    const char *tail = digits + keep;
    int cmp = tail[0] > '5' ? 1 : tail[0] < '5' ? -1 : 0;
    for (int i = 1; cmp == 0 && i < k; i++)
        if (tail[i] != '0') cmp = 1;
    if (cmp == 0 && sticky) cmp = 1;
    bool up = cmp > 0 || (cmp == 0 && (digits[keep - 1] - '0') % 2 == 1);
    digits[keep] = '\0';
    if (up) {
        int i = keep - 1;
        while (digits[i] == '9') digits[i--] = '0';
        digits[i]++;   // cannot run off: digits[0] is a padding '0'
    }
    snprintf(buf, cap, "%s%se%d", signbit(x) ? "-" : "", digits, k);
}

int fmt_round_double(double x, int64_t ndigits, double *out) {
    // Beyond these every double rounds to itself / to zero (CPython's
    // NDIGITS_MAX and NDIGITS_MIN).
    if (!isfinite(x) || ndigits > 323) {
        *out = x;
        return 0;
    }
    if (ndigits < -308) {
        *out = 0.0 * x;
        return 0;
    }
    char buf[720];
    if (ndigits >= 0)
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
    else
        round_left(x, (int)-ndigits, buf, sizeof buf);
    double r = strtod(buf, NULL);
    if (isinf(r))
        return tl_raise_int(ERR_OVERFLOW, "rounded value too large to represent");
    *out = r;
    return 0;
}
