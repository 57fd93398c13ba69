// parse_source(): prepares the text, tokenizes it, runs the statement
// parser and turns failures into CPython's SyntaxError report. Also the
// small shared machinery of the parser: token access, error unwinding,
// node and list allocation.
//
// Which error wins follows CPython 3.11: a later tokenizer error (bad
// character, unterminated string) hides an earlier parse error, but an
// indentation error does not; an unclosed bracket wins when it was opened
// on an earlier line than the parse error.
#include "parser/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/parse_internal.h"

// ---- tokens ----

TokenKind parse_peek_kind(const Parser *p, int ahead) {
    int i = p->pos + ahead;
    return p->toks[i < p->ntoks ? i : p->ntoks - 1].kind;
}

const Token *parse_advance(Parser *p) {
    const Token *t = &p->toks[p->pos];
    if (p->pos < p->ntoks - 1) p->pos++;
    return t;
}

int parse_accept(Parser *p, TokenKind k) {
    if (cur_kind(p) != k) return 0;
    parse_advance(p);
    return 1;
}

const Token *parse_expect(Parser *p, TokenKind k) {
    if (cur_kind(p) != k) parse_invalid_syntax(p);
    return parse_advance(p);
}

// ---- errors ----

// The text of 1-based line [line] of the source.
static const char *line_text(const Parser *p, int line, size_t *len) {
    const char *s = p->src;
    for (int l = 1; l < line && s < p->src_end; s++)
        if (*s == '\n') l++;
    const char *e = s;
    while (e < p->src_end && *e != '\n') e++;
    *len = (size_t)(e - s);
    return s;
}

// The last line holding any text (where CPython reports errors at EOF).
static int last_line(const Parser *p) {
    int line = 1;
    for (const char *s = p->src; s < p->src_end; s++)
        if (*s == '\n' && s + 1 < p->src_end) line++;
    return line;
}

// Fills p->err. [byte_offset] is CPython's caret offset counted in bytes;
// the report counts characters, as CPython's SyntaxError.offset does.
static void set_error(Parser *p, ErrKind kind, int line, int byte_offset, const char *msg) {
    ParseError *e = p->err;
    size_t len;
    const char *text = line_text(p, line, &len);
    int chars = byte_offset;
    if (byte_offset > 0) {
        chars = 0;
        for (int i = 0; i < byte_offset; i++)
            if ((size_t)i >= len || (text[i] & 0xC0) != 0x80) chars++;
    }
    e->kind = kind;
    e->line = line;
    e->col = chars;
    const char *prefix = p->fstring && strncmp(msg, "f-string", 8) != 0 ? "f-string: " : "";
    snprintf(e->msg, sizeof e->msg, "%s%s", prefix, msg);
    if (len >= sizeof e->text) len = sizeof e->text - 1;
    memcpy(e->text, text, len);
    e->text[len] = '\0';
}

_Noreturn static void unwind(Parser *p) {
    longjmp(*p->fail, 1);
}

static int tok_at_eof(const Parser *p, const Token *t) {
    return t->kind == TK_EOF || (t->kind == TK_DEDENT && t->start == p->src_end);
}

void parse_fail_lexer(Parser *p) {
    p->from_lexer = 1;
    set_error(p, p->lexerr->kind, p->lexerr->line, p->lexerr->offset, p->lexerr->msg);
    unwind(p);
}

// Errors at a token put the caret under it, except at INDENT/DEDENT and
// the end of input, where CPython uses the tokenizer's position.
static _Noreturn void fail_tok(Parser *p, const Token *t, ErrKind kind, int generic, const char *msg) {
    if (t->kind == TK_ERROR) parse_fail_lexer(p);
    if (!p->fstring && tok_at_eof(p, t)) {
        p->at_eof = 1;
        int line = last_line(p);
        size_t len;
        line_text(p, line, &len);
        set_error(p, kind, line, generic ? 0 : (int)len + 1, msg);
    } else if (t->kind == TK_INDENT) {
        set_error(p, kind, t->line, t->end_col, msg);
    } else if (t->kind == TK_DEDENT) {
        set_error(p, kind, t->line, t->col, msg);
    } else {
        set_error(p, kind, t->line, t->col + 1, msg);
    }
    unwind(p);
}

void parse_fail_tok(Parser *p, const Token *t, ErrKind kind, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fail_tok(p, t, kind, 0, msg);
}

void parse_fail_at(Parser *p, int line, int col, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    set_error(p, ERR_SYNTAX, line, col + 1, msg);
    unwind(p);
}

void parse_fail_node(Parser *p, const AstNode *n, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    set_error(p, ERR_SYNTAX, n->line, n->col + 1, msg);
    unwind(p);
}

void parse_invalid_syntax(Parser *p) {
    const Token *t = cur_tok(p);
    if (t->kind == TK_INDENT) fail_tok(p, t, ERR_INDENTATION, 0, "unexpected indent");
    fail_tok(p, t, ERR_SYNTAX, 1, "invalid syntax");
}

void parse_out_of_memory(Parser *p) {
    p->err->kind = ERR_MEMORY;
    p->err->msg[0] = '\0';
    unwind(p);
}

void parse_defer(Deferred *d, const AstNode *at, const char *fmt, ...) {
    if (d->set) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    d->set = 1;
    d->line = at->line;
    d->col = at->col;
}

void parse_enter(Parser *p) {
    if (++p->depth > PARSE_MAX_DEPTH)
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "code is too deeply nested (tl allows %d levels)",
                       PARSE_MAX_DEPTH);
}

// ---- nodes and lists ----

void *parse_alloc(Parser *p, size_t n) {
    void *m = ast_arena_alloc(p->arena, n);
    if (!m) parse_out_of_memory(p);
    return m;
}

const char *parse_strndup(Parser *p, const char *s, size_t n) {
    char *d = parse_alloc(p, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

AstNode *parse_node(Parser *p, AstKind kind, const Token *start) {
    AstNode *n = parse_alloc(p, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = start->line;
    n->col = start->col;
    n->end_line = start->end_line;
    n->end_col = start->end_col;
    return n;
}

void parse_end(Parser *p, AstNode *n) {
    n->end_line = prev_tok(p)->end_line;
    n->end_col = prev_tok(p)->end_col;
}

void parse_span(AstNode *n, const AstNode *first, const AstNode *last) {
    n->line = first->line;
    n->col = first->col;
    n->end_line = last->end_line;
    n->end_col = last->end_col;
}

void parse_vec_push(Parser *p, Vec *v, const void *item, size_t size) {
    if (v->len == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void *items = parse_alloc(p, (size_t)cap * size);
        if (v->len) memcpy(items, v->items, (size_t)v->len * size);
        v->items = items;
        v->cap = cap;
    }
    memcpy((char *)v->items + (size_t)v->len * size, item, size);
    v->len++;
}

void parse_push(Parser *p, Vec *v, AstNode *n) {
    parse_vec_push(p, v, &n, sizeof n);
}

AstList parse_list(const Vec *v) {
    AstList l = {v->items, v->len};
    return l;
}

// ---- the entry point ----

// A private copy of the text: UTF-8 BOM dropped, \r\n and \r made \n.
static char *normalize(const char *src, size_t *len) {
    size_t n = strlen(src);
    if (n >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) src += 3, n -= 3;
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (src[i] == '\r') {
            out[o++] = '\n';
            if (i + 1 < n && src[i + 1] == '\n') i++;
        } else {
            out[o++] = src[i];
        }
    }
    out[o] = '\0';
    *len = o;
    return out;
}

// CPython refuses a file that is not UTF-8 before tokenizing it.
static void check_utf8(Parser *p, const char *filename) {
    const unsigned char *s = (const unsigned char *)p->src, *end = (const unsigned char *)p->src_end;
    int line = 1;
    while (s < end) {
        if (*s < 0x80) {
            line += *s++ == '\n';
            continue;
        }
        int n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 0;
        int ok = n > 0 && *s <= 0xF4 && end - s >= n;
        for (int i = 1; ok && i < n; i++) ok = (s[i] & 0xC0) == 0x80;
        if (ok && n == 2) ok = *s >= 0xC2;                         // overlong
        if (ok && n == 3) ok = !(*s == 0xE0 && s[1] < 0xA0);
        if (ok && n == 4) ok = !(*s == 0xF0 && s[1] < 0x90) && !(*s == 0xF4 && s[1] >= 0x90);
        if (!ok) {
            char msg[256];
            snprintf(msg, sizeof msg, "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, "
                     "but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                     *s, filename ? filename : "<string>", line);
            set_error(p, ERR_SYNTAX, line, 0, msg);
            unwind(p);
        }
        s += n;
    }
}

static void tokenize(Parser *p) {
    Lexer lx;
    lex_init(&lx, p->src, (size_t)(p->src_end - p->src));
    int cap = 256;
    p->file_toks = malloc((size_t)cap * sizeof(Token));
    if (!p->file_toks) parse_out_of_memory(p);
    for (;;) {
        if (p->file_ntoks == cap) {
            Token *t = realloc(p->file_toks, (size_t)cap * 2 * sizeof(Token));
            if (!t) parse_out_of_memory(p);
            p->file_toks = t;
            cap *= 2;
        }
        TokenKind k = lex_next(&lx, &p->file_toks[p->file_ntoks++]);
        if (k == TK_EOF) break;
        if (k == TK_ERROR) {
            p->file_lexerr = lx.err;
            break;
        }
    }
    p->toks = p->file_toks;
    p->ntoks = p->file_ntoks;
    p->lexerr = &p->file_lexerr;
}

// Does the input end with an empty line? The REPL needs one after a
// compound statement, as the Python REPL does.
static int ends_with_blank_line(const Parser *p) {
    const char *e = p->src_end;
    if (e > p->src && e[-1] == '\n') e--;
    return e == p->src || e[-1] == '\n';
}

static int compound(const AstNode *n) {
    switch (n->kind) {
    case AST_IF: case AST_WHILE: case AST_FOR: case AST_TRY: case AST_WITH:
    case AST_FUNCDEF: case AST_CLASSDEF:
        return 1;
    default:
        return 0;
    }
}

static ParseStatus report_deferred(Parser *p) {
    Deferred *d = p->symtable_err.set ? &p->symtable_err : &p->compile_err;
    if (!d->set) return PARSE_OK;
    set_error(p, ERR_SYNTAX, d->line, d->col + 1, d->msg);
    return PARSE_ERROR;
}

// A parse error may be replaced by what the lexer found further on.
static ParseStatus resolve_error(Parser *p) {
    if (p->err->kind == ERR_MEMORY) return PARSE_ERROR;
    int lex_failed = p->file_ntoks > 0 && p->file_toks[p->file_ntoks - 1].kind == TK_ERROR;
    if (!p->from_lexer && lex_failed && !p->interactive) {
        const LexError *le = &p->file_lexerr;
        if ((le->unclosed && le->line < p->err->line) || (!le->unclosed && !le->soft)) {
            p->fstring = 0;
            set_error(p, le->kind, le->line, le->offset, le->msg);
            p->from_lexer = 1;
        }
    }
    if (p->interactive) {
        if (p->from_lexer && p->lexerr == &p->file_lexerr && p->file_lexerr.incomplete)
            return PARSE_INCOMPLETE;
        if (p->at_eof && !ends_with_blank_line(p)) return PARSE_INCOMPLETE;
    }
    return PARSE_ERROR;
}

static ParseStatus run(Parser *p, const char *filename, AstNode **root) {
    jmp_buf jb;
    p->fail = &jb;
    if (setjmp(jb)) return resolve_error(p);
    check_utf8(p, filename);
    tokenize(p);
    AstNode *m = parse_node(p, AST_MODULE, &p->toks[0]);
    m->line = 1;
    m->col = 0;
    m->u.module.body = parse_file(p);
    AstList body = m->u.module.body;
    m->end_line = body.len ? body.items[body.len - 1]->end_line : 1;
    m->end_col = body.len ? body.items[body.len - 1]->end_col : 0;
    *root = m;
    if (p->interactive && body.len > 0 && compound(body.items[body.len - 1]) &&
        !ends_with_blank_line(p))
        return PARSE_INCOMPLETE;
    return report_deferred(p);
}

ParseStatus parse_source(const char *src, const char *filename, int interactive,
                         AstModule **out, ParseError *err) {
    *out = NULL;
    memset(err, 0, sizeof *err);
    Parser p;
    memset(&p, 0, sizeof p);
    p.err = err;
    p.interactive = interactive;
    size_t len = 0;
    char *text = normalize(src, &len);
    p.arena = ast_arena_new();
    AstModule *m = malloc(sizeof *m);
    if (!text || !p.arena || !m) {
        free(text);
        free(m);
        ast_arena_free(p.arena);
        err->kind = ERR_MEMORY;
        tl_raise(ERR_MEMORY, "%s", "");
        return PARSE_ERROR;
    }
    p.src = text;
    p.src_end = text + len;
    AstNode *root = NULL;
    ParseStatus st = run(&p, filename, &root);
    free(p.file_toks);
    free(text);
    if (st != PARSE_OK) {
        if (err->kind == ERR_MEMORY) tl_raise(ERR_MEMORY, "%s", "");
        ast_arena_free(p.arena);
        free(m);
        return st;
    }
    m->root = root;
    m->arena = p.arena;
    *out = m;
    return PARSE_OK;
}
