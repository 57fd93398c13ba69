// Number literals: decimal, 0x/0o/0b with underscores, floats, with
// CPython 3.11's checks and messages ("invalid decimal literal", "leading
// zeros in decimal integer literals are not permitted; ..."). Integers
// must fit in int64 (tl's ints are 64-bit); floats go through strtod.
#include <stdlib.h>
#include <string.h>

#include "lexer/lex_internal.h"

// CPython's lookahead(): do the next characters spell [word], followed by
// something that cannot continue a name? Consumes nothing.
static int lookahead(const Lexer *lx, const char *word) {
    int i = 0;
    for (; word[i]; i++)
        if (lex_peek(lx, i) != word[i]) return 0;
    int c = lex_peek(lx, i);
    return !(c != -1 && lex_is_ident_char(c));
}

// After a number, a letter is an error unless it starts a keyword that can
// follow a number in valid code (`1if x else 2`): CPython's
// verify_end_of_number(). [c] was just read.
static int verify_end_of_number(Lexer *lx, int c, const char *kind) {
    int ok = 0;
    if (c == 'a') ok = lookahead(lx, "nd");
    else if (c == 'e') ok = lookahead(lx, "lse");
    else if (c == 'f') ok = lookahead(lx, "or");
    else if (c == 'i') ok = lex_peek(lx, 0) == 'f' || lex_peek(lx, 0) == 'n' || lex_peek(lx, 0) == 's';
    else if (c == 'o') ok = lookahead(lx, "r");
    else if (c == 'n') ok = lookahead(lx, "ot");
    if (!ok && c != -1 && lex_is_ident_char(c)) {
        lex_backup(lx, c);
        lex_fail_here(lx, "invalid %s literal", kind);
        return 0;
    }
    return 1;
}

// Digits with single underscores between them; returns the character
// after them (already read), or -2 after an error.
static int decimal_tail(Lexer *lx) {
    for (;;) {
        int c;
        do c = lex_nextc(lx); while (lex_is_digit(c));
        if (c != '_') return c;
        c = lex_nextc(lx);
        if (!lex_is_digit(c)) {
            lex_backup(lx, c);
            lex_fail_here(lx, "invalid decimal literal");
            return -2;
        }
        lex_backup(lx, c);
    }
}

static int digit_value(int c) {
    if (lex_is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

// The value of a finished integer token: digits after an optional 0x/0o/0b
// prefix, underscores skipped.
static TokenKind int_value(Lexer *lx, Token *t) {
    const char *p = t->start, *end = lx->cur;
    int radix = 10;
    if (end - p > 1 && p[0] == '0' && strchr("xXoObB", p[1])) {
        radix = (p[1] == 'x' || p[1] == 'X') ? 16 : (p[1] == 'o' || p[1] == 'O') ? 8 : 2;
        p += 2;
    }
    uint64_t v = 0;
    for (; p < end; p++) {
        if (*p == '_') continue;
        uint64_t d = (uint64_t)digit_value((unsigned char)*p);
        if (v > (UINT64_C(0x7FFFFFFFFFFFFFFF) - d) / (uint64_t)radix)
            return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1,
                        "integer literal too large for tl (64-bit)");
        v = v * (uint64_t)radix + d;
    }
    t->num.i = (int64_t)v;
    return lex_finish_token(lx, t, TK_INT);
}

static TokenKind float_value(Lexer *lx, Token *t) {
    size_t n = (size_t)(lx->cur - t->start);
    char small[64];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return lex_fail(lx, ERR_MEMORY, t->line, 0, "%s", "");
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (t->start[i] != '_') buf[k++] = t->start[i];
    buf[k] = '\0';
    t->num.f = strtod(buf, NULL);
    if (buf != small) free(buf);
    return lex_finish_token(lx, t, TK_FLOAT);
}

// 0x, 0o, 0b literals: [digits] holds the valid digits, [kind] names the
// radix in messages. The prefix has been read.
static TokenKind radix_number(Lexer *lx, Token *t, const char *digits, const char *kind) {
    int c = lex_nextc(lx);
    do {
        if (c == '_') c = lex_nextc(lx);
        if (c == -1 || !strchr(digits, c)) {
            if (lex_is_digit(c) && strcmp(kind, "hexadecimal") != 0)
                return lex_fail_here(lx, "invalid digit '%c' in %s literal", c, kind);
            lex_backup(lx, c);
            return lex_fail_here(lx, "invalid %s literal", kind);
        }
        do c = lex_nextc(lx); while (c != -1 && strchr(digits, c));
    } while (c == '_');
    if (lex_is_digit(c) && strcmp(kind, "hexadecimal") != 0)
        return lex_fail_here(lx, "invalid digit '%c' in %s literal", c, kind);
    if (!verify_end_of_number(lx, c, kind)) return TK_ERROR;
    lex_backup(lx, c);
    return int_value(lx, t);
}

static TokenKind imaginary(Lexer *lx, Token *t) {
    return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1, "complex literals are not supported by tl");
}

// The part of a float from its fraction on; [c] is the character after
// the '.', or the 'e' of an exponent when [c] == 'e'/'E' and [at_exp].
static TokenKind float_tail(Lexer *lx, Token *t, int c, int at_exp) {
    if (!at_exp && lex_is_digit(c)) {
        c = decimal_tail(lx);
        if (c == -2) return TK_ERROR;
    }
    if (c == 'e' || c == 'E') {
        int e = c;
        c = lex_nextc(lx);
        if (c == '+' || c == '-') {
            c = lex_nextc(lx);
            if (!lex_is_digit(c)) {
                lex_backup(lx, c);
                return lex_fail_here(lx, "invalid decimal literal");
            }
        } else if (!lex_is_digit(c)) {
            lex_backup(lx, c);
            if (!verify_end_of_number(lx, e, "decimal")) return TK_ERROR;
            lex_backup(lx, e);       // `1else`: the 'e' starts a keyword
            return float_value(lx, t);
        }
        c = decimal_tail(lx);
        if (c == -2) return TK_ERROR;
    }
    if (c == 'j' || c == 'J') return imaginary(lx, t);
    if (!verify_end_of_number(lx, c, "decimal")) return TK_ERROR;
    lex_backup(lx, c);
    return float_value(lx, t);
}

// A literal starting with '0': radix prefixes, or zeros, or a float.
static TokenKind zero_number(Lexer *lx, Token *t) {
    int c = lex_nextc(lx);
    if (c == 'x' || c == 'X') return radix_number(lx, t, "0123456789abcdefABCDEF", "hexadecimal");
    if (c == 'o' || c == 'O') return radix_number(lx, t, "01234567", "octal");
    if (c == 'b' || c == 'B') return radix_number(lx, t, "01", "binary");
    int nonzero = 0;
    for (;;) {
        if (c == '_') {
            c = lex_nextc(lx);
            if (!lex_is_digit(c)) {
                lex_backup(lx, c);
                return lex_fail_here(lx, "invalid decimal literal");
            }
        }
        if (c != '0') break;
        c = lex_nextc(lx);
    }
    if (lex_is_digit(c)) {
        nonzero = 1;
        c = decimal_tail(lx);
        if (c == -2) return TK_ERROR;
    }
    if (c == '.') return float_tail(lx, t, lex_nextc(lx), 0);
    if (c == 'e' || c == 'E') return float_tail(lx, t, c, 1);
    if (c == 'j' || c == 'J') return imaginary(lx, t);
    if (nonzero)
        return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1,
                    "leading zeros in decimal integer literals are not permitted; "
                    "use an 0o prefix for octal integers");
    if (!verify_end_of_number(lx, c, "decimal")) return TK_ERROR;
    lex_backup(lx, c);
    return int_value(lx, t);
}

TokenKind lex_scan_number(Lexer *lx, Token *t) {
    int c = lex_nextc(lx);
    if (c == '.') return float_tail(lx, t, lex_nextc(lx), 0);
    if (c == '0') return zero_number(lx, t);
    c = decimal_tail(lx);
    if (c == -2) return TK_ERROR;
    if (c == '.') return float_tail(lx, t, lex_nextc(lx), 0);
    if (c == 'e' || c == 'E') return float_tail(lx, t, c, 1);
    if (c == 'j' || c == 'J') return imaginary(lx, t);
    if (!verify_end_of_number(lx, c, "decimal")) return TK_ERROR;
    lex_backup(lx, c);
    return int_value(lx, t);
}
