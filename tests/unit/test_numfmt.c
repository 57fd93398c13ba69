// Tests for common/numfmt: every expectation was printed by CPython 3.11
// (numpy 1.24 for float32), either inline below or in numfmt_cases.h,
// which tests/unit/gen_numfmt_cases.py regenerates.
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/numfmt.h"
#include "harness.h"
#include "numfmt_cases.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static double dbl(uint64_t bits) {
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static uint64_t bits_of(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

// The outcome of a formatting call as the tables spell it: the text, or
// "!Kind: message" when it failed.
static const char *outcome(int rc, StrBuf *sb) {
    static char buf[4096];
    if (rc == 0) return sb_cstr(sb);
    const char *kind = tl_error_kind() == ERR_VALUE      ? "ValueError"
                       : tl_error_kind() == ERR_OVERFLOW ? "OverflowError"
                       : tl_error_kind() == ERR_TYPE     ? "TypeError"
                                                         : "OtherError";
    snprintf(buf, sizeof buf, "!%s: %s", kind, tl_error_message());
    tl_error_clear();
    return buf;
}

// The hand-picked repr cases (from CPython): boundaries of the notation,
// powers of two, subnormals, 17-digit values.
static const ReprCase tricky_reprs[] = {
    {0x3fb999999999999aULL, "0.1"},
    {0x3fee907160000000ULL, "0.9551321864128113"},
    {0x4341c37937e08000ULL, "1e+16"},
    {0x3ee4f8b588e368f1ULL, "1e-05"},
    {0x42dc12218377de40ULL, "123456789012345.0"},
    {0x4345ee2a2eb5a5c4ULL, "1.2345678901234568e+16"},
    {0x7ff0000000000000ULL, "inf"},
    {0xfff0000000000000ULL, "-inf"},
    {0x7ff8000000000000ULL, "nan"},
    {0xfff8000000000000ULL, "nan"},
    {0x8000000000000000ULL, "-0.0"},
    {0x0000000000000000ULL, "0.0"},
    {0x3ff0000000000000ULL, "1.0"},
    {0x0000000000000001ULL, "5e-324"},
    {0x0000000000000003ULL, "1.5e-323"},
    {0x0010000000000000ULL, "2.2250738585072014e-308"},
    {0x000fffffffffffffULL, "2.225073858507201e-308"},
    {0x7fefffffffffffffULL, "1.7976931348623157e+308"},
    {0x4340000000000000ULL, "9007199254740992.0"},
    {0x3fd3333333333334ULL, "0.30000000000000004"},
    {0x4480f0cf064dd592ULL, "1e+22"},
    {0x44b52d02c7e14af6ULL, "1e+23"},
    {0x7e70000000000000ULL, "1.0715086071862673e+301"},
    {0x430c6bf526340000ULL, "1000000000000000.0"},
    {0x4341c37937e07fffULL, "9999999999999998.0"},
    {0x3f1a36e2eb1c432dULL, "0.0001"},
    {0x3f1a36e2eb1c432cULL, "9.999999999999999e-05"},
    {0x3f0a36e2eb1c432dULL, "5e-05"},
    {0x43118b54f22aeb03ULL, "1234567890123456.8"},
    {0x4351c37937e08002ULL, "2.000000000000001e+16"},
    {0x4011666666666666ULL, "4.35"},
    {0x7fe0000000000000ULL, "8.98846567431158e+307"},
    {0x43e0000000000000ULL, "9.223372036854776e+18"},
    {0x3d30000000000000ULL, "5.684341886080802e-14"},
    {0x3fd5555555555555ULL, "0.3333333333333333"},
    {0x4059000000000000ULL, "100.0"},
    {0x54b249ad2594c37dULL, "1e+100"},
    {0x7e41eb2d66005835ULL, "1.5e+300"},
    {0xc028000000000000ULL, "-12.0"},
    // Powers of two whose shortest digits lie above the nearest ones.
    {0x0060000000000000ULL, "7.120236347223045e-307"},
    {0x0100000000000000ULL, "7.291122019556398e-304"},
    {0x0420000000000000ULL, "8.209073602596753e-289"},
};

static void check_repr_table(const ReprCase *cases, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char buf[FMT_REPR_BUFSZ];
        size_t len = fmt_float_repr(dbl(cases[i].bits), buf, sizeof buf);
        CHECK_STR(buf, cases[i].repr);
        CHECK(len == strlen(cases[i].repr));
    }
}

static void test_repr(void) {
    check_repr_table(tricky_reprs, LEN(tricky_reprs));
    check_repr_table(repr_cases, LEN(repr_cases));
    char small[6];
    CHECK(fmt_float_repr(0.9551321864128113, small, sizeof small) == 18);
    CHECK_STR(small, "0.955");
    char digits[24];
    int decpt;
    CHECK(fmt_shortest_digits(0.05, digits, &decpt) == 1 && decpt == -1 && !strcmp(digits, "5"));
    CHECK(fmt_shortest_digits(-1250.0, digits, &decpt) == 3 && decpt == 4 && !strcmp(digits, "125"));
    CHECK(fmt_shortest_digits_f32(0.1f, digits, &decpt) == 1 && decpt == 0 && !strcmp(digits, "1"));
}

static void test_float32(void) {
    for (size_t i = 0; i < LEN(f32_cases); i++) {
        float f;
        memcpy(&f, &f32_cases[i].bits, sizeof f);
        char buf[FMT_REPR_BUFSZ];
        fmt_float32_repr(f, buf, sizeof buf);
        CHECK_STR(buf, f32_cases[i].str);
    }
}

static void test_format_spec(void) {
    for (size_t i = 0; i < LEN(float_spec_cases); i++) {
        StrBuf sb = STRBUF_INIT;
        int rc = fmt_format_float(dbl(float_spec_cases[i].bits), float_spec_cases[i].spec, &sb);
        const char *got = outcome(rc, &sb);
        if (strcmp(got, float_spec_cases[i].expect))
            fprintf(stderr, "format(%s, '%s')\n", float_spec_cases[i].expect, float_spec_cases[i].spec);
        CHECK_STR(got, float_spec_cases[i].expect);
        sb_free(&sb);
    }
    for (size_t i = 0; i < LEN(int_spec_cases); i++) {
        StrBuf sb = STRBUF_INIT;
        int rc = fmt_format_int(int_spec_cases[i].v, int_spec_cases[i].spec, &sb);
        const char *got = outcome(rc, &sb);
        if (strcmp(got, int_spec_cases[i].expect))
            fprintf(stderr, "format(%lld, '%s')\n", (long long)int_spec_cases[i].v, int_spec_cases[i].spec);
        CHECK_STR(got, int_spec_cases[i].expect);
        sb_free(&sb);
    }
    for (size_t i = 0; i < LEN(str_spec_cases); i++) {
        StrBuf sb = STRBUF_INIT;
        const char *s = str_spec_cases[i].s;
        int rc = fmt_format_str(s, strlen(s), str_spec_cases[i].spec, &sb);
        const char *got = outcome(rc, &sb);
        if (strcmp(got, str_spec_cases[i].expect))
            fprintf(stderr, "format('%s', '%s')\n", s, str_spec_cases[i].spec);
        CHECK_STR(got, str_spec_cases[i].expect);
        sb_free(&sb);
    }
}

// ---------------------------------------------------------------------------
// A miniature of the VM's '%' operator, enough to run whole format strings:
// arguments are "i:<int>", "f:<hex bits>" or "s:<text>", "key=" in front
// for a mapping.

typedef struct {
    char kind;          // 'i', 'f', 's'
    int64_t i;
    double f;
    const char *s;
} Arg;

static Arg decode_arg(const char *code) {
    Arg a = {.kind = code[0]};
    if (a.kind == 'i') a.i = strtoll(code + 2, NULL, 10);
    else if (a.kind == 'f') a.f = dbl(strtoull(code + 2, NULL, 16));
    else a.s = code + 2;
    return a;
}

static bool next_arg(const PctCase *c, const char *fmt, const FmtPercentSpec *spec, int *argi,
                     Arg *out) {
    if (c->mapping) {
        if (!spec->has_key) return false;
        for (int k = 0; c->args[k]; k++) {
            const char *eq = strchr(c->args[k], '=');
            if ((size_t)(eq - c->args[k]) == spec->key_len &&
                !memcmp(c->args[k], fmt + spec->key_start, spec->key_len)) {
                *out = decode_arg(eq + 1);
                return true;
            }
        }
        return false;
    }
    if (!c->args[*argi]) return false;
    *out = decode_arg(c->args[(*argi)++]);
    return true;
}

// str() of an argument, or repr() when [repr].
static void arg_text(const Arg *a, bool repr, StrBuf *sb) {
    if (a->kind == 'i') {
        sb_printf(sb, "%lld", (long long)a->i);
    } else if (a->kind == 'f') {
        char buf[FMT_REPR_BUFSZ];
        sb_append_n(sb, buf, fmt_float_repr(a->f, buf, sizeof buf));
    } else if (repr) {
        sb_printf(sb, "'%s'", a->s);
    } else {
        sb_append(sb, a->s);
    }
}

static int format_one(const char *fmt, const FmtPercentSpec *spec, int64_t width, int prec,
                      const Arg *v, StrBuf *out) {
    uint32_t conv = spec->conv;
    int flags = spec->flags;
    StrBuf text = STRBUF_INIT;
    int rc = 0;
    if (conv == 's' || conv == 'r' || conv == 'a' || (conv == 'c' && v->kind == 's')) {
        if (conv == 'c') sb_append(&text, v->s);
        else arg_text(v, conv != 's', &text);
        rc = fmt_percent_str(text.data, text.len, flags, width, prec, (char)conv, out);
    } else if (conv == 'c') {
        char ch[8] = {0};   // UTF-8 of code points below 0x10000
        uint32_t cp = (uint32_t)v->i;
        if (cp < 0x80) {
            ch[0] = (char)cp;
        } else if (cp < 0x800) {
            ch[0] = (char)(0xC0 | cp >> 6);
            ch[1] = (char)(0x80 | (cp & 0x3F));
        } else {
            ch[0] = (char)(0xE0 | cp >> 12);
            ch[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            ch[2] = (char)(0x80 | (cp & 0x3F));
        }
        rc = fmt_percent_str(ch, strlen(ch), flags, width, prec, 'c', out);
    } else if (conv < 128 && strchr("diuoxX", (int)conv)) {
        int64_t i = v->kind == 'f' ? (int64_t)v->f : v->i;
        rc = fmt_percent_int(i, flags, width, prec, (char)conv, out);
    } else if (conv < 128 && strchr("eEfFgG", (int)conv)) {
        double f = v->kind == 'f' ? v->f : (double)v->i;
        rc = fmt_percent_float(f, flags, width, prec, (char)conv, out);
    } else {
        rc = fmt_percent_unsupported(fmt, spec);
    }
    sb_free(&text);
    return rc;
}

static int run_percent(const PctCase *c, StrBuf *out) {
    const char *fmt = c->fmt;
    size_t len = strlen(fmt), pos = 0;
    int argi = 0;
    while (pos < len) {
        if (fmt[pos] != '%') {
            sb_append_char(out, fmt[pos++]);
            continue;
        }
        pos++;
        FmtPercentSpec spec;
        if (fmt_percent_parse(fmt, len, &pos, &spec) < 0) return -1;
        if (spec.literal) {
            sb_append_char(out, '%');
            continue;
        }
        Arg v, w;
        int64_t width = spec.width;
        int prec = spec.prec;
        if (spec.width_star) {
            if (!next_arg(c, fmt, &spec, &argi, &w)) return tl_raise_int(ERR_TYPE, "args");
            width = w.i < 0 ? -w.i : w.i;
            if (w.i < 0) spec.flags |= FMT_PCT_LJUST;
        }
        if (spec.prec_star) {
            if (!next_arg(c, fmt, &spec, &argi, &w)) return tl_raise_int(ERR_TYPE, "args");
            prec = w.i < 0 ? 0 : (int)w.i;
        }
        if (!next_arg(c, fmt, &spec, &argi, &v)) return tl_raise_int(ERR_TYPE, "args");
        if (format_one(fmt, &spec, width, prec, &v, out) < 0) return -1;
    }
    return 0;
}

static void test_percent(void) {
    for (size_t i = 0; i < LEN(pct_cases); i++) {
        StrBuf sb = STRBUF_INIT;
        const char *got = outcome(run_percent(&pct_cases[i], &sb), &sb);
        if (strcmp(got, pct_cases[i].expect)) fprintf(stderr, "'%s' %% ...\n", pct_cases[i].fmt);
        CHECK_STR(got, pct_cases[i].expect);
        sb_free(&sb);
    }
    // The key and the conversion position as the VM sees them.
    const char *fmt = "ab%(x(y))-5.2f";
    size_t pos = 3;
    FmtPercentSpec spec;
    CHECK(fmt_percent_parse(fmt, strlen(fmt), &pos, &spec) == 0);
    CHECK(spec.has_key && spec.key_len == 4 && !memcmp(fmt + spec.key_start, "x(y)", 4));
    CHECK(spec.flags == FMT_PCT_LJUST && spec.width == 5 && spec.prec == 2);
    CHECK(spec.conv == 'f' && spec.conv_pos == 13 && pos == 14);
}

// ---------------------------------------------------------------------------
// Parsing, round(), bases

static void test_parse(void) {
    for (size_t i = 0; i < LEN(parse_float_cases); i++) {
        const ParseFloatCase *c = &parse_float_cases[i];
        double x = 0;
        int rc = fmt_parse_float(c->s, c->len, &x);
        if (rc != (c->ok ? FMT_PARSE_OK : FMT_PARSE_INVALID)) fprintf(stderr, "float('%s')\n", c->s);
        CHECK(rc == (c->ok ? FMT_PARSE_OK : FMT_PARSE_INVALID));
        if (c->ok && rc == FMT_PARSE_OK) {
            bool same = bits_of(x) == c->bits || (isnan(x) && isnan(dbl(c->bits)) &&
                                                  !signbit(x) == !signbit(dbl(c->bits)));
            if (!same) fprintf(stderr, "float('%s')\n", c->s);
            CHECK(same);
        }
    }
    double x;
    // CPython: math.copysign(1, float("-nan")) == -1.0
    CHECK(fmt_parse_float("-nan", 4, &x) == FMT_PARSE_OK && isnan(x) && signbit(x));
    for (size_t i = 0; i < LEN(parse_int_cases); i++) {
        const ParseIntCase *c = &parse_int_cases[i];
        int64_t v = 0;
        int rc = fmt_parse_int(c->s, c->len, c->base, &v);
        if (rc != c->rc || (rc == FMT_PARSE_OK && v != c->v))
            fprintf(stderr, "int('%s', %d): rc %d v %lld\n", c->s, c->base, rc, (long long)v);
        CHECK(rc == c->rc);
        CHECK(rc != FMT_PARSE_OK || v == c->v);
    }
}

static void test_round(void) {
    for (size_t i = 0; i < LEN(round_cases); i++) {
        const RoundCase *c = &round_cases[i];
        double r = 0;
        int rc = fmt_round_double(dbl(c->x), c->ndigits, &r);
        CHECK(rc == (c->ok ? 0 : -1));
        if (rc == 0) {
            bool same = bits_of(r) == c->bits || (isnan(r) && isnan(dbl(c->bits)));
            if (!same) fprintf(stderr, "round(%.17g, %lld) = %.17g\n", dbl(c->x), (long long)c->ndigits, r);
            CHECK(same);
        } else {
            CHECK(tl_error_kind() == ERR_OVERFLOW);
            CHECK_STR(tl_error_message(), "rounded value too large to represent");
            tl_error_clear();
        }
    }
    // round(x) is an int in Python, so -0.0 and 0.0 compare equal here.
    for (size_t i = 0; i < LEN(round0_cases); i++)
        CHECK(fmt_round_half_even(dbl(round0_cases[i].x)) == dbl(round0_cases[i].bits));
}

static void test_bases(void) {
    for (size_t i = 0; i < LEN(base_cases); i++) {
        const BaseCase *c = &base_cases[i];
        char buf[FMT_INT_BUFSZ];
        fmt_int_to_base(c->v, 16, FMT_BASE_PREFIX, buf);
        CHECK_STR(buf, c->hex);
        fmt_int_to_base(c->v, 8, FMT_BASE_PREFIX, buf);
        CHECK_STR(buf, c->oct);
        CHECK(fmt_int_to_base(c->v, 2, FMT_BASE_PREFIX, buf) == strlen(c->bin));
        CHECK_STR(buf, c->bin);
        fmt_int_to_base(c->v, 10, 0, buf);
        CHECK_STR(buf, c->dec);
    }
    char buf[FMT_INT_BUFSZ];
    fmt_int_to_base(-255, 16, FMT_BASE_PREFIX | FMT_BASE_UPPER, buf);
    CHECK_STR(buf, "-0XFF");   // '%#X' % -255 in CPython
}

// fmt_double_to_string directly, for what format() cannot reach (the
// always-sign flag); expectations from CPython's own PyOS_double_to_string
// called through ctypes.
static void test_double_to_string(void) {
    static const struct { double x; char code; int prec, flags; const char *expect; } cases[] = {
        {1.5, 'f', 2, FMT_DTSF_SIGN, "+1.50"},
        {-0.0, 'r', 0, FMT_DTSF_ADD_DOT_0 | FMT_DTSF_SIGN, "-0.0"},
        {NAN, 'g', 6, FMT_DTSF_SIGN, "+nan"},
        {1e16, 'r', 0, 0, "1e+16"},
        {12.0, 'r', 0, 0, "12"},
        {0.5, 'E', 3, 0, "5.000E-01"},
    };
    for (size_t i = 0; i < LEN(cases); i++) {
        StrBuf sb = STRBUF_INIT;
        CHECK(fmt_double_to_string(cases[i].x, cases[i].code, cases[i].prec, cases[i].flags, &sb) == 0);
        CHECK_STR(sb_cstr(&sb), cases[i].expect);
        sb_free(&sb);
    }
}

int main(void) {
    test_repr();
    test_float32();
    test_format_spec();
    test_percent();
    test_parse();
    test_round();
    test_bases();
    test_double_to_string();
    return test_summary();
}
