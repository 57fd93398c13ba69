// Adjacent string literals become one AST_STR, or one AST_FSTRING when any
// of them is an f-string. An f-string field's expression is parsed from
// the original source with a second token stream, so its nodes carry true
// positions; its literal parts and fields span the whole literal, as in
// CPython 3.11.
#include <string.h>

#include "parser/parse_internal.h"

// The text being built for the current literal part.
typedef struct {
    char *data;
    size_t len, cap;
} Text;

static void text_append(Parser *p, Text *t, const char *s, size_t n) {
    if (t->len + n > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        while (cap < t->len + n) cap *= 2;
        char *data = parse_alloc(p, cap);
        if (t->len) memcpy(data, t->data, t->len);
        t->data = data;
        t->cap = cap;
    }
    if (n) memcpy(t->data + t->len, s, n);
    t->len += n;
}

// Appends the decoded form of [body] (escapes resolved unless raw).
static void append_decoded(Parser *p, Text *t, const char *body, size_t n, int raw,
                           const Token *tok) {
    text_append(p, t, body, n);        // reserves room; decoding never grows text
    t->len -= n;
    char msg[200];
    size_t out_len;
    if (lex_decode_string(body, n, raw, t->data + t->len, &out_len, msg, sizeof msg) < 0)
        parse_fail_at(p, tok->end_line, tok->end_col, "%s", msg);
    t->len += out_len;
}

static AstNode *str_node(Parser *p, const Token *first, const Text *t) {
    AstNode *n = parse_node(p, AST_STR, first);
    n->u.str.data = parse_strndup(p, t->data ? t->data : "", t->len);
    n->u.str.len = t->len;
    return n;
}

typedef struct {
    const Token *first, *last;   // the literal's tokens, for positions
    const Token *after;          // the token after them: CPython's caret for f-string errors
    const Token *tok;            // where the line count below stands: fields come in
    const char *at, *line_start; // source order, so counting lines never restarts
    int line;
} Literal;

static void span_literal(AstNode *n, const Literal *lit) {
    n->line = lit->first->line;
    n->col = lit->first->col;
    n->end_line = lit->last->end_line;
    n->end_col = lit->last->end_col;
}

// Parses the expression of a field, [expr, end) inside token [tok].
static AstNode *field_expression(Parser *p, Literal *lit, const Token *tok, const char *expr,
                                 const char *end) {
    if (lit->tok != tok || lit->at > expr) {
        lit->tok = tok;
        lit->at = tok->start;
        lit->line = tok->line;
        lit->line_start = tok->start - tok->col;
    }
    for (; lit->at < expr; lit->at++)
        if (*lit->at == '\n') lit->line++, lit->line_start = lit->at + 1;
    Lexer lx;
    lex_init_fstring_expr(&lx, expr, end, lit->line, lit->line_start);
    Vec toks = {0};
    for (;;) {
        Token t = {0};
        parse_vec_push(p, &toks, &t, sizeof t);
        TokenKind k = lex_next(&lx, (Token *)toks.items + toks.len - 1);
        if (k == TK_EOF || k == TK_ERROR) break;
    }
    Parser saved = *p;
    p->field_lexerr = lx.err;
    p->toks = toks.items;
    p->ntoks = toks.len;
    p->pos = 0;
    p->lexerr = &p->field_lexerr;
    p->fstring = 1;
    parse_enter(p);
    AstNode *e = cur_kind(p) == TK_YIELD ? parse_yield(p) : parse_star_expressions(p);
    if (cur_kind(p) != TK_EOF) {
        parse_check_missing_comma(p, e);
        parse_invalid_syntax(p);
    }
    parse_leave(p);
    p->toks = saved.toks;
    p->ntoks = saved.ntoks;
    p->pos = saved.pos;
    p->lexerr = saved.lexerr;
    p->fstring = saved.fstring;
    return e;
}

static AstNode *fstring_body(Parser *p, Literal *lit, const Token *tok, const char *body,
                             const char *end, int raw, int in_spec, Vec *parts, Text *text);

// Moves the pending literal text into [parts] as an AST_STR.
static void flush_text(Parser *p, const Literal *lit, Vec *parts, Text *text) {
    if (text->len == 0) return;
    AstNode *s = str_node(p, lit->first, text);
    span_literal(s, lit);
    parse_push(p, parts, s);
    text->len = 0;
    text->data = NULL;
    text->cap = 0;
}

static AstNode *formatted(Parser *p, Literal *lit, const Token *tok, const FStringPart *fp,
                          int raw, int in_spec) {
    AstNode *f = parse_node(p, AST_FORMATTED, lit->first);
    span_literal(f, lit);
    f->u.formatted.value = field_expression(p, lit, tok, fp->expr, fp->expr_end);
    f->u.formatted.conversion = fp->conversion;
    if (fp->spec) {
        Vec parts = {0};
        Text text = {0};
        f->u.formatted.format_spec =
            fstring_body(p, lit, tok, fp->spec, fp->spec_end, raw, in_spec + 1, &parts, &text);
    }
    return f;
}

// Adds the parts of one f-string body (or format spec) to [parts]; the
// literal text stays pending in [text] so that neighbours merge. For a
// spec, returns its own AST_FSTRING.
static AstNode *fstring_body(Parser *p, Literal *lit, const Token *tok, const char *body,
                             const char *end, int raw, int in_spec, Vec *parts, Text *text) {
    FStringScanner sc;
    FStringPart fp;
    lex_fstring_init(&sc, body, end, raw, in_spec);
    for (;;) {
        FStringPartKind k = lex_fstring_next(&sc, &fp);
        if (k == FSP_END) break;
        if (k == FSP_ERROR) parse_fail_tok(p, lit->after, ERR_SYNTAX, "%s", sc.msg);
        if (k == FSP_LITERAL) {
            append_decoded(p, text, fp.text, (size_t)(fp.text_end - fp.text), raw, tok);
            continue;
        }
        if (fp.debug) text_append(p, text, fp.debug, (size_t)(fp.debug_end - fp.debug));
        flush_text(p, lit, parts, text);
        parse_push(p, parts, formatted(p, lit, tok, &fp, raw, in_spec));
    }
    if (!in_spec) return NULL;
    flush_text(p, lit, parts, text);
    AstNode *spec = parse_node(p, AST_FSTRING, lit->first);
    span_literal(spec, lit);
    spec->u.fstring.parts = parse_list(parts);
    return spec;
}

// strings: STRING+
AstNode *parse_strings(Parser *p) {
    Literal lit = {0};
    int start = p->pos, any_f = 0, bytes = 0;
    lit.first = cur_tok(p);
    while (cur_kind(p) == TK_STRING) {
        StrLit s;
        lex_string_split(parse_advance(p), &s);
        any_f |= (s.flags & LEX_STR_F) != 0;
        bytes += (s.flags & LEX_STR_BYTES) != 0;
    }
    int count = p->pos - start;
    lit.last = prev_tok(p);
    lit.after = cur_tok(p);
    if (bytes && bytes != count)
        parse_fail_tok(p, lit.after, ERR_SYNTAX, "cannot mix bytes and nonbytes literals");
    if (bytes) parse_fail_tok(p, lit.first, ERR_SYNTAX, "bytes literals are not supported by tl");
    Vec parts = {0};
    Text text = {0};
    for (int i = start; i < start + count; i++) {
        const Token *tok = &p->toks[i];
        StrLit s;
        lex_string_split(tok, &s);
        int raw = (s.flags & LEX_STR_RAW) != 0;
        if (s.flags & LEX_STR_F)
            fstring_body(p, &lit, tok, s.body, s.body + s.len, raw, 0, &parts, &text);
        else
            append_decoded(p, &text, s.body, s.len, raw, tok);
    }
    if (!any_f) {
        AstNode *n = str_node(p, lit.first, &text);
        span_literal(n, &lit);
        return n;
    }
    flush_text(p, &lit, &parts, &text);
    AstNode *n = parse_node(p, AST_FSTRING, lit.first);
    span_literal(n, &lit);
    n->u.fstring.parts = parse_list(&parts);
    return n;
}
