// Splits the body of an f-string into literal text and {fields}, following
// CPython 3.11's fstring_find_literal/fstring_find_expr (same checks, same
// messages). The parser then parses each field's expression from the
// original source, so its nodes get their true positions.
#include "lexer/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lex_fstring_init(FStringScanner *s, const char *body, const char *end,
                      int raw, int in_spec) {
    memset(s, 0, sizeof *s);
    s->cur = body;
    s->end = end;
    s->raw = raw;
    s->in_spec = in_spec;
}

static FStringPartKind fail(FStringScanner *s, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static FStringPartKind fail(FStringScanner *s, const char *at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    s->err_at = at;
    return FSP_ERROR;
}

// Literal text up to an undoubled '{', or up to '}' inside a format spec.
// A doubled brace ends the piece after its first brace and skips the second.
static FStringPartKind literal(FStringScanner *s, FStringPart *part) {
    const char *p = s->cur, *start = s->cur;
    while (p < s->end) {
        char ch = *p++;
        if (!s->raw && ch == '\\' && p < s->end) {
            ch = *p++;
            if (ch == 'N') {             // \N{NAME}: its braces are no field
                if (p < s->end && *p++ == '{')
                    while (p < s->end && *p++ != '}') {}
                continue;
            }
        }
        if (ch == '{' || ch == '}') {
            if (!s->in_spec) {
                if (p < s->end && *p == ch) {
                    s->cur = p + 1;
                    part->text = start;
                    part->text_end = p;
                    return part->kind = FSP_LITERAL;
                }
                if (ch == '}') return fail(s, p - 1, "f-string: single '}' is not allowed");
            }
            p--;
            break;
        }
    }
    s->cur = p;
    part->text = start;
    part->text_end = p;
    return part->kind = FSP_LITERAL;
}

// Scans the expression of a field up to its top-level '!', ':', '=' or
// '}', skipping nested brackets and strings; s->cur is just past the '{'.
static FStringPartKind field_expr(FStringScanner *s, FStringPart *part) {
    char quote = 0, stack[LEX_MAX_PAREN];
    int triple = 0, depth = 0;
    const char *p = s->cur;
    part->expr = p;
    for (; p < s->end; p++) {
        char ch = *p;
        if (ch == '\\') return fail(s, p, "f-string expression part cannot include a backslash");
        if (quote) {
            if (ch == quote && (!triple || (p + 2 < s->end && p[1] == ch && p[2] == ch))) {
                if (triple) p += 2;
                quote = 0;
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            triple = p + 2 < s->end && p[1] == ch && p[2] == ch;
            if (triple) p += 2;
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= LEX_MAX_PAREN) return fail(s, p, "f-string: too many nested parenthesis");
            stack[depth++] = ch;
        } else if (ch == '#') {
            return fail(s, p, "f-string expression part cannot include '#'");
        } else if (depth == 0 && strchr("!:}=<>", ch)) {
            if (p + 1 < s->end && p[1] == '=' && ch != ':' && ch != '}') {
                p++;                     // != == <= >=
                continue;
            }
            if (ch == '<' || ch == '>') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (depth == 0) return fail(s, p, "f-string: unmatched '%c'", ch);
            char open = stack[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}')))
                return fail(s, p, "f-string: closing parenthesis '%c' does not match "
                            "opening parenthesis '%c'", ch, open);
        }
    }
    if (quote) return fail(s, p, "f-string: unterminated string");
    if (depth) return fail(s, p, "f-string: unmatched '%c'", stack[depth - 1]);
    if (p >= s->end) return fail(s, p, "f-string: expecting '}'");
    part->expr_end = p;
    const char *q = part->expr;
    while (q < p && strchr(" \t\n\f", *q)) q++;
    if (q == p) return fail(s, p, "f-string: empty expression not allowed");
    s->cur = p;
    return FSP_FIELD;
}

// The rest of a field after its expression: '=', '!conv', ':spec', '}'.
static FStringPartKind field_tail(FStringScanner *s, FStringPart *part) {
    const char *p = s->cur;
    if (*p == '=') {
        p++;
        while (p < s->end && strchr(" \t\n\f\r\v", *p)) p++;
        if (p >= s->end) return fail(s, p, "f-string: expecting '}'");
        part->debug = part->expr;
        part->debug_end = p;
    }
    if (*p == '!') {
        if (++p >= s->end) return fail(s, p, "f-string: expecting '}'");
        char c = *p++;
        if (c != 's' && c != 'r' && c != 'a')
            return fail(s, p, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        part->conversion = c;
    }
    if (p < s->end && *p == ':') {
        p++;
        if (p >= s->end) return fail(s, p, "f-string: expecting '}'");
        FStringScanner sub;
        lex_fstring_init(&sub, p, s->end, s->raw, s->in_spec + 1);
        FStringPart sp;
        FStringPartKind k;
        while ((k = lex_fstring_next(&sub, &sp)) != FSP_END)
            if (k == FSP_ERROR) {
                memcpy(s->msg, sub.msg, sizeof s->msg);
                s->err_at = sub.err_at;
                return FSP_ERROR;
            }
        part->spec = p;
        part->spec_end = p = sub.cur;
    }
    if (p >= s->end || *p != '}') return fail(s, p, "f-string: expecting '}'");
    if (part->debug && !part->spec && !part->conversion) part->conversion = 'r';
    s->cur = p + 1;
    return part->kind = FSP_FIELD;
}

FStringPartKind lex_fstring_next(FStringScanner *s, FStringPart *part) {
    memset(part, 0, sizeof *part);
    if (s->cur >= s->end || (s->in_spec && *s->cur == '}')) return part->kind = FSP_END;
    FStringPartKind k = literal(s, part);
    if (k == FSP_ERROR || part->text != part->text_end) return k;
    if (s->cur >= s->end || *s->cur == '}') return part->kind = FSP_END;
    if (s->in_spec >= 2) return fail(s, s->cur, "f-string: expressions nested too deeply");
    s->cur++;                            // the '{' of a field
    if (field_expr(s, part) == FSP_ERROR) return FSP_ERROR;
    return field_tail(s, part);
}
