// String literals: splitting a token into prefix and body, and decoding
// escape sequences to UTF-8 as CPython's unicode_escape codec does
// (unknown escapes keep their backslash; \N{...} is not supported).
#include "lexer/lexer.h"

#include <stdio.h>
#include <string.h>

void lex_string_split(const Token *t, StrLit *out) {
    const char *s = t->start, *end = t->start + t->len;
    out->flags = 0;
    while (s < end && *s != '\'' && *s != '"') {
        switch (*s++) {
        case 'r': case 'R': out->flags |= LEX_STR_RAW; break;
        case 'f': case 'F': out->flags |= LEX_STR_F; break;
        case 'b': case 'B': out->flags |= LEX_STR_BYTES; break;
        default: break;   // 'u'
        }
    }
    // '' is the only one-quote literal that starts with two quotes
    out->quote_len = (end - s >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
    out->body = s + out->quote_len;
    out->len = (size_t)(end - s) - 2 * (size_t)out->quote_len;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t put_utf8(char *out, unsigned cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

// \xhh, \uXXXX, \UXXXXXXXX: [n] hex digits after the letter at body[i+1].
static int hex_escape(const char *body, size_t len, size_t i, int n, unsigned *cp,
                      char *msg, size_t msg_size) {
    static const char *const what[] = {"", "", "truncated \\xXX escape", "",
                                       "truncated \\uXXXX escape", "", "", "",
                                       "truncated \\UXXXXXXXX escape"};
    unsigned v = 0;
    for (int k = 0; k < n; k++) {
        size_t at = i + 2 + (size_t)k;
        int d = at < len ? hex_value(body[at]) : -1;
        if (d < 0) {
            snprintf(msg, msg_size, "(unicode error) 'unicodeescape' codec can't decode bytes "
                     "in position %zu-%zu: %s", i, at - 1, what[n]);
            return -1;
        }
        v = v << 4 | (unsigned)d;
    }
    if (v > 0x10FFFF) {
        snprintf(msg, msg_size, "(unicode error) 'unicodeescape' codec can't decode bytes "
                 "in position %zu-%zu: illegal Unicode character", i, i + 1 + (size_t)n);
        return -1;
    }
    *cp = v;
    return 0;
}

int lex_decode_string(const char *body, size_t len, int raw, char *out,
                      size_t *out_len, char *msg, size_t msg_size) {
    size_t o = 0, i = 0;
    while (i < len) {
        if (raw || body[i] != '\\' || i + 1 == len) {
            out[o++] = body[i++];
            continue;
        }
        char e = body[i + 1];
        const char *simple = strchr("\\'\"abfnrtv", e);
        if (e != '\0' && simple) {
            static const char values[] = "\\'\"\a\b\f\n\r\t\v";
            out[o++] = values[simple - "\\'\"abfnrtv"];
            i += 2;
        } else if (e == '\n') {             // backslash-newline joins the lines
            i += 2;
        } else if (e >= '0' && e <= '7') {
            unsigned v = 0;
            size_t k = i + 1;
            for (int n = 0; n < 3 && k < len && body[k] >= '0' && body[k] <= '7'; n++, k++)
                v = v * 8 + (unsigned)(body[k] - '0');
            o += put_utf8(out + o, v);
            i = k;
        } else if (e == 'x' || e == 'u' || e == 'U') {
            int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            unsigned cp;
            if (hex_escape(body, len, i, n, &cp, msg, msg_size) < 0) return -1;
            o += put_utf8(out + o, cp);
            i += 2 + (size_t)n;
        } else if (e == 'N') {
            snprintf(msg, msg_size, "(unicode error) \\N{...} escapes are not supported by tl");
            return -1;
        } else {
            out[o++] = body[i++];   // unknown escape: the backslash stays
        }
    }
    *out_len = o;
    return 0;
}
