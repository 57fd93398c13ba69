// The tokenizer proper: indentation stacks, brackets, names, operators and
// the extent of string literals (numbers are in lex_number.c, escapes in
// lex_string.c). It mirrors CPython 3.11's tokenizer.c closely, with the
// same messages and caret positions, because users see them when pasting.
#include "lexer/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer/lex_internal.h"

static const char *const token_text[TK__COUNT] = {
#define TOK(e, s) [TK_##e] = s,
#define OP(e, s) [TK_##e] = s,
#define KW(e, s) [TK_##e] = s,
#include "lexer/tokens.def"
#undef TOK
#undef OP
#undef KW
};

typedef struct {
    const char *text;
    int len;
    TokenKind kind;
} Spelling;

// Longest spellings first, so the first match is the longest one.
static const Spelling operators[] = {
#define TOK(e, s)
#define OP(e, s) {s, sizeof(s) - 1, TK_##e},
#define KW(e, s)
#include "lexer/tokens.def"
#undef TOK
#undef OP
#undef KW
};

static const Spelling keywords[] = {
#define TOK(e, s)
#define OP(e, s)
#define KW(e, s) {s, sizeof(s) - 1, TK_##e},
#include "lexer/tokens.def"
#undef TOK
#undef OP
#undef KW
};

const char *lex_token_text(TokenKind k) {
    return (unsigned)k < TK__COUNT ? token_text[k] : "?";
}

void lex_init(Lexer *lx, const char *src, size_t len) {
    memset(lx, 0, sizeof *lx);
    lx->src = lx->cur = lx->line_start = src;
    lx->end = src + len;
    lx->line = 1;
    lx->at_bol = 1;
    lx->last = TK_NEWLINE;
}

void lex_init_fstring_expr(Lexer *lx, const char *start, const char *end,
                           int line, const char *line_start) {
    lex_init(lx, start, (size_t)(end - start));
    lx->line = line;
    lx->line_start = line_start;
    lx->fstring_expr = 1;
    lx->at_bol = 0;
}

// ---- small helpers ----

static void new_line(Lexer *lx) {
    lx->line++;
    lx->line_start = lx->cur;
}

TokenKind lex_fail(Lexer *lx, ErrKind kind, int line, int offset, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err.msg, sizeof lx->err.msg, fmt, ap);
    va_end(ap);
    lx->err.kind = kind;
    lx->err.line = line;
    lx->err.offset = offset;
    return TK_ERROR;
}

TokenKind lex_fail_here(Lexer *lx, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err.msg, sizeof lx->err.msg, fmt, ap);
    va_end(ap);
    lx->err.kind = ERR_SYNTAX;
    lx->err.line = lx->line;
    lx->err.offset = (int)(lx->cur - lx->line_start);
    return TK_ERROR;
}

static void start_token(const Lexer *lx, Token *t) {
    t->start = lx->cur;
    t->line = lx->line;
    t->col = (int)(lx->cur - lx->line_start);
    t->num.i = 0;
}

TokenKind lex_finish_token(const Lexer *lx, Token *t, TokenKind k) {
    t->len = (int)(lx->cur - t->start);
    t->end_line = lx->line;
    t->end_col = (int)(lx->cur - lx->line_start);
    return k;
}

// ---- indentation ----

static TokenKind indent_error(Lexer *lx, ErrKind kind, int offset, const char *msg) {
    lex_fail(lx, kind, lx->line, offset, "%s", msg);
    lx->err.soft = 1;
    return TK_ERROR;
}

static int line_length(const Lexer *lx) {
    const char *p = lx->line_start;
    while (p < lx->end && *p != '\n') p++;
    return (int)(p - lx->line_start);
}

// Compares the new line's indentation with the stacks, once with tabs to
// multiples of 8 and once with tabs as 1 column: when the two disagree,
// the meaning depends on the tab size and CPython raises TabError.
static TokenKind compare_indent(Lexer *lx, int col, int altcol) {
    int *ind = lx->indstack, *alt = lx->altstack;
    static const char tab_msg[] = "inconsistent use of tabs and spaces in indentation";
    if (col == ind[lx->indent]) {
        if (altcol != alt[lx->indent]) return indent_error(lx, ERR_TAB, 1, tab_msg);
    } else if (col > ind[lx->indent]) {
        if (lx->indent + 1 >= LEX_MAX_INDENT)
            return indent_error(lx, ERR_INDENTATION, 1, "too many levels of indentation");
        if (altcol <= alt[lx->indent]) return indent_error(lx, ERR_TAB, 1, tab_msg);
        lx->pending = 1;
        lx->indent++;
        ind[lx->indent] = col;
        alt[lx->indent] = altcol;
    } else {
        while (lx->indent > 0 && col < ind[lx->indent]) {
            lx->pending--;
            lx->indent--;
        }
        if (col != ind[lx->indent])
            return indent_error(lx, ERR_INDENTATION, line_length(lx) + 1,
                                "unindent does not match any outer indentation level");
        if (altcol != alt[lx->indent]) return indent_error(lx, ERR_TAB, 1, tab_msg);
    }
    return TK_NEWLINE;   // anything but TK_ERROR
}

// At the start of a line: skips blank and comment-only lines (they produce
// no tokens), then measures the indentation of the next real line.
static TokenKind start_line(Lexer *lx) {
    for (;;) {
        int col = 0, altcol = 0;
        while (lx->cur < lx->end) {
            char c = *lx->cur;
            if (c == ' ') col++, altcol++;
            else if (c == '\t') col = (col / 8 + 1) * 8, altcol++;
            else if (c == '\f') col = altcol = 0;
            else break;
            lx->cur++;
        }
        if (lx->cur == lx->end) {
            lx->at_bol = 0;      // end of input: end_of_input() dedents
            return TK_NEWLINE;
        }
        if (*lx->cur == '#' || *lx->cur == '\n') {
            while (lx->cur < lx->end && *lx->cur != '\n') lx->cur++;
            if (lx->cur < lx->end) {
                lx->cur++;
                new_line(lx);
            }
            continue;
        }
        lx->at_bol = 0;
        return compare_indent(lx, col, altcol);
    }
}

static TokenKind indent_token(Lexer *lx, Token *t) {
    start_token(lx, t);
    if (lx->pending > 0) {
        lx->pending--;
        t->start = lx->line_start;   // INDENT spans the indentation, as in CPython's tokenize
        t->col = 0;
        return lex_finish_token(lx, t, TK_INDENT);
    }
    lx->pending++;
    return lex_finish_token(lx, t, TK_DEDENT);
}

// ---- end of input ----

static TokenKind end_of_input(Lexer *lx, Token *t) {
    if (lx->fstring_expr) return lex_finish_token(lx, t, TK_EOF);
    if (lx->level > 0) {
        int i = lx->level - 1;
        lex_fail(lx, ERR_SYNTAX, lx->paren_line[i], lx->paren_col[i] + 1,
             "'%c' was never closed", lx->parens[i]);
        lx->err.incomplete = lx->err.unclosed = 1;
        return TK_ERROR;
    }
    if (lx->cont) {
        lex_fail(lx, ERR_SYNTAX, lx->line - 1, lx->cont, "unexpected EOF while parsing");
        lx->err.incomplete = 1;
        return TK_ERROR;
    }
    if (lx->last != TK_NEWLINE && lx->last != TK_INDENT && lx->last != TK_DEDENT) {
        t->col = (int)(lx->cur - lx->line_start);   // implicit NEWLINE of a last line without one
        return lex_finish_token(lx, t, TK_NEWLINE);
    }
    if (lx->indent > 0) {
        lx->indent--;
        return lex_finish_token(lx, t, TK_DEDENT);
    }
    return lex_finish_token(lx, t, TK_EOF);
}

// ---- names ----

// Decodes one UTF-8 sequence at [p]; returns its length, or 0 when invalid.
static int utf8_decode(const char *p, const char *end, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)p;
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (n == 0 || s[0] > 0xF4 || end - p < n) return 0;
    uint32_t v = s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

// Characters CPython rejects in identifiers that pasted text often holds:
// returns 2 for invisible ones (no-break space, zero-width space, ...),
// 1 for visible symbols (smart quotes, dashes, currency, arrows, ...).
static int bad_ident_char(uint32_t cp) {
    if (cp < 0xA0 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F) || cp == 0xA0 || cp == 0xAD || cp == 0x3000 ||
        cp == 0xFEFF || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFFF0 && cp <= 0xFFFF))
        return 2;
    if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xB7 && cp != 0xBA) ||
        cp == 0xD7 || cp == 0xF7)
        return 1;
    if ((cp >= 0x2010 && cp <= 0x2027) ||
        (cp >= 0x2030 && cp <= 0x205E && cp != 0x203F && cp != 0x2040 && cp != 0x2054))
        return 1;
    if ((cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x23FF) ||
        (cp >= 0x2500 && cp <= 0x27BF) || (cp >= 0x2900 && cp <= 0x2BFF) ||
        (cp >= 0x3001 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) || cp == 0x3030 ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40 && cp != 0xFF3F) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF))
        return 1;
    return 0;
}

static TokenKind bad_char(Lexer *lx, const char *p, int n, uint32_t cp, int kind) {
    int offset = (int)(p - lx->line_start) + 1;
    if (kind == 2)
        return lex_fail(lx, ERR_SYNTAX, lx->line, offset, "invalid non-printable character U+%04X", cp);
    return lex_fail(lx, ERR_SYNTAX, lx->line, offset, "invalid character '%.*s' (U+%04X)", n, p, cp);
}

// r, u, f, b and their two-letter combinations, in any case.
static int is_string_prefix(const char *s, size_t n) {
    if (n == 0 || n > 2) return 0;
    int r = 0, f = 0, b = 0, u = 0;
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case 'r': case 'R': r++; break;
        case 'f': case 'F': f++; break;
        case 'b': case 'B': b++; break;
        case 'u': case 'U': u++; break;
        default: return 0;
        }
    }
    if (n == 1) return 1;
    return r == 1 && (f == 1 || b == 1);
}

static TokenKind scan_string(Lexer *lx, Token *t, const char *quote);

static TokenKind scan_name(Lexer *lx, Token *t) {
    const char *p = lx->cur;
    while (p < lx->end && lex_is_ident_char((unsigned char)*p)) p++;
    if (p < lx->end && (*p == '\'' || *p == '"') && is_string_prefix(lx->cur, (size_t)(p - lx->cur)))
        return scan_string(lx, t, p);
    for (const char *q = lx->cur; q < p;) {
        if ((unsigned char)*q < 0x80) {
            q++;
            continue;
        }
        uint32_t cp = 0;
        int n = utf8_decode(q, p, &cp);
        if (n == 0) return lex_fail(lx, ERR_SYNTAX, lx->line, (int)(q - lx->line_start) + 1,
                                "invalid UTF-8 in identifier");
        int bad = bad_ident_char(cp);
        if (bad) return bad_char(lx, q, n, cp, bad);
        q += n;
    }
    lx->cur = p;
    int len = (int)(p - t->start);
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (keywords[i].len == len && memcmp(keywords[i].text, t->start, (size_t)len) == 0)
            return lex_finish_token(lx, t, keywords[i].kind);
    return lex_finish_token(lx, t, TK_NAME);
}

// ---- strings ----

// Finds the end of a literal whose opening quote is at [quote] (the
// prefix, if any, starts at t->start). Escapes are only skipped here.
static TokenKind scan_string(Lexer *lx, Token *t, const char *quote) {
    char q = *quote;
    int first_line = lx->line;
    const char *first_line_start = lx->line_start;
    int quote_size = 1, end_quote = 0;
    lx->cur = quote + 1;
    if (lex_peek(lx, 0) == q) {
        if (lex_peek(lx, 1) == q) {
            quote_size = 3;
            lx->cur += 2;
        } else {
            lx->cur++;
            end_quote = 1;        // the empty string ''
        }
    }
    while (end_quote != quote_size) {
        int c = lex_nextc(lx);
        if (c == -1 || (quote_size == 1 && c == '\n')) {
            int detected = lx->line;
            if (c == -1 && lx->cur > lx->src && lx->cur[-1] == '\n') detected--;
            lex_fail(lx, ERR_SYNTAX, first_line, (int)(t->start - first_line_start) + 1,
                 quote_size == 3 ? "unterminated triple-quoted string literal (detected at line %d)"
                                 : "unterminated string literal (detected at line %d)",
                 detected);
            lx->err.incomplete = c == -1;
            return TK_ERROR;
        }
        if (c == q) {
            end_quote++;
            continue;
        }
        end_quote = 0;
        if (c == '\\') c = lex_nextc(lx);
        if (c == '\n') new_line(lx);
    }
    return lex_finish_token(lx, t, TK_STRING);
}

// ---- operators and brackets ----

static TokenKind bracket(Lexer *lx, Token *t, TokenKind k) {
    char c = *t->start;
    if (k == TK_LPAR || k == TK_LSQB || k == TK_LBRACE) {
        if (lx->level >= LEX_MAX_PAREN)
            return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1, "too many nested parentheses");
        lx->parens[lx->level] = c;
        lx->paren_line[lx->level] = t->line;
        lx->paren_col[lx->level] = t->col;
        lx->level++;
        return k;
    }
    if (lx->level == 0) return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1, "unmatched '%c'", c);
    int i = lx->level - 1;
    char open = lx->parens[i];
    if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}')) {
        if (lx->paren_line[i] != t->line)
            return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1,
                        "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                        c, open, lx->paren_line[i]);
        return lex_fail(lx, ERR_SYNTAX, t->line, t->col + 1,
                    "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
    }
    lx->level--;
    return k;
}

static TokenKind scan_operator(Lexer *lx, Token *t) {
    long left = lx->end - lx->cur;
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        const Spelling *op = &operators[i];
        if (op->len <= left && memcmp(op->text, lx->cur, (size_t)op->len) == 0) {
            lx->cur += op->len;
            lex_finish_token(lx, t, op->kind);
            if (strchr("()[]{}", *op->text)) return bracket(lx, t, op->kind);
            return op->kind;
        }
    }
    int c = (unsigned char)*lx->cur;
    if (c < 0x20 || c == 0x7F) return bad_char(lx, lx->cur, 1, (uint32_t)c, 2);
    if (c >= 0x80) {
        uint32_t cp = 0;
        int n = utf8_decode(lx->cur, lx->end, &cp);
        if (n == 0) return lex_fail(lx, ERR_SYNTAX, lx->line, t->col + 1, "invalid UTF-8 in source");
        return bad_char(lx, lx->cur, n, cp, bad_ident_char(cp) == 2 ? 2 : 1);
    }
    lx->cur++;
    return lex_finish_token(lx, t, TK_ERRORTOKEN);
}

// ---- the main loop ----

static TokenKind scan(Lexer *lx, Token *t) {
    for (;;) {
        if (lx->pending) return indent_token(lx, t);
        if (lx->at_bol) {
            if (start_line(lx) == TK_ERROR) return TK_ERROR;
            continue;
        }
        while (lx->cur < lx->end && (*lx->cur == ' ' || *lx->cur == '\t' || *lx->cur == '\f'))
            lx->cur++;
        start_token(lx, t);
        if (lx->cur == lx->end) return end_of_input(lx, t);
        int c = (unsigned char)*lx->cur;
        if (c == '#') {
            while (lx->cur < lx->end && *lx->cur != '\n') lx->cur++;
            continue;
        }
        if (c == '\n') {
            lx->cur++;
            if (lx->level > 0 || lx->fstring_expr) {
                new_line(lx);
                continue;
            }
            lex_finish_token(lx, t, TK_NEWLINE);
            new_line(lx);
            lx->at_bol = 1;
            return TK_NEWLINE;
        }
        if (c == '\\') {
            if (lex_peek(lx, 1) == '\n' || lex_peek(lx, 1) == -1) {
                lx->cont = t->col + 2;
                lx->cur++;
                if (lx->cur < lx->end) lx->cur++;
                new_line(lx);
                continue;
            }
            return lex_fail(lx, ERR_SYNTAX, lx->line, t->col + 2,
                        "unexpected character after line continuation character");
        }
        if (lex_is_ident_start(c)) return scan_name(lx, t);
        if (lex_is_digit(c) || (c == '.' && lex_is_digit(lex_peek(lx, 1)))) return lex_scan_number(lx, t);
        if (c == '\'' || c == '"') return scan_string(lx, t, lx->cur);
        return scan_operator(lx, t);
    }
}

TokenKind lex_next(Lexer *lx, Token *t) {
    TokenKind k = lx->err.kind != ERR_NONE ? TK_ERROR : scan(lx, t);
    if (k == TK_ERROR) {
        start_token(lx, t);
        lex_finish_token(lx, t, TK_ERROR);
    } else {
        lx->cont = 0;
    }
    t->kind = k;
    lx->last = k;
    return k;
}
