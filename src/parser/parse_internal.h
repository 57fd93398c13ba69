// Shared by the parser's files (parser.c, parse_stmt.c, parse_expr.c,
// parse_args.c, parse_target.c, parse_string.c); not for other modules.
// The whole source is tokenized first, so the parser can look ahead freely.
// A syntax error unwinds with longjmp: everything the parser allocates
// lives in the arena or in the Parser, so nothing leaks on the way out.
#ifndef TL_PARSER_PARSE_INTERNAL_H
#define TL_PARSER_PARSE_INTERNAL_H

#include <setjmp.h>

#include "lexer/lexer.h"
#include "parser/ast.h"
#include "parser/ast_arena.h"
#include "parser/parser.h"

// A compile-time error found while parsing ("'return' outside function"):
// CPython reports it only if the whole file parses, symtable errors first.
typedef struct {
    int set;
    char msg[160];
    int line, col;    // col: 0-based byte column
} Deferred;

typedef struct Parser {
    Token *toks;          // the stream being parsed (an f-string field's, inside one),
    int ntoks, pos;       // ending in TK_EOF or TK_ERROR
    const LexError *lexerr;   // why [toks] ends in TK_ERROR
    Token *file_toks;     // the file's stream (malloc'd)
    int file_ntoks;
    LexError file_lexerr, field_lexerr;
    const char *src, *src_end;
    AstArena *arena;
    jmp_buf *fail;        // where a syntax error unwinds to
    ParseError *err;
    int from_lexer;       // the error reported is the lexer's
    int at_eof;           // the error is at the end of the input
    int interactive;
    int depth;            // recursion guard
    int fstring;          // parsing the expression of an f-string field
    int in_function;      // innermost scope is a def or lambda
    int in_loop;          // inside a loop body of the innermost scope
    int scope_depth;      // enclosing defs and classes
    Deferred symtable_err, compile_err;
} Parser;

// ---- parser.c: tokens, errors, nodes, lists ----

enum { PARSE_MAX_DEPTH = 1000 };

static inline const Token *cur_tok(const Parser *p) { return &p->toks[p->pos]; }
static inline TokenKind cur_kind(const Parser *p) { return p->toks[p->pos].kind; }
static inline const Token *prev_tok(const Parser *p) { return &p->toks[p->pos - 1]; }
TokenKind parse_peek_kind(const Parser *p, int ahead);
const Token *parse_advance(Parser *p);
int parse_accept(Parser *p, TokenKind k);
const Token *parse_expect(Parser *p, TokenKind k);

_Noreturn void parse_fail_tok(Parser *p, const Token *t, ErrKind kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void parse_fail_node(Parser *p, const AstNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void parse_fail_at(Parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void parse_invalid_syntax(Parser *p);   // at the current token
_Noreturn void parse_fail_lexer(Parser *p);       // reports the lexer's error
_Noreturn void parse_out_of_memory(Parser *p);
void parse_defer(Deferred *d, const AstNode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void parse_enter(Parser *p);     // recursion guard around recursive rules
static inline void parse_leave(Parser *p) { p->depth--; }

void *parse_alloc(Parser *p, size_t n);
const char *parse_strndup(Parser *p, const char *s, size_t n);
AstNode *parse_node(Parser *p, AstKind kind, const Token *start);
void parse_end(Parser *p, AstNode *n);                    // ends at the previous token
void parse_span(AstNode *n, const AstNode *first, const AstNode *last);

// A growable list in the arena: the old array is abandoned on growth,
// which costs at most twice the final size.
typedef struct {
    void *items;
    int len, cap;
} Vec;
void parse_vec_push(Parser *p, Vec *v, const void *item, size_t size);
AstList parse_list(const Vec *v);
void parse_push(Parser *p, Vec *v, AstNode *n);   // a Vec of AstNode *

// ---- parse_expr.c ----
AstNode *parse_expression(Parser *p);            // expression: ternary, lambda, or/and/...
AstNode *parse_named_expression(Parser *p);      // NAME ':=' expression | expression
AstNode *parse_star_expressions(Parser *p);      // a, *b, c  (a tuple when there is a comma)
AstNode *parse_star_named_expression(Parser *p); // '*' bitwise_or | named_expression
AstNode *parse_bitwise_or(Parser *p);
AstNode *parse_disjunction(Parser *p);
AstNode *parse_yield(Parser *p);                 // 'yield' ['from' expression | star_expressions]
AstNode *parse_target_list(Parser *p);           // for/with/comprehension targets
AstList parse_comprehension(Parser *p);          // ('for' targets 'in' disjunction ('if' ...)*)+
int parse_starts_expression(TokenKind k);
void parse_check_missing_comma(Parser *p, const AstNode *elem);

// ---- parse_args.c ----
void parse_call_args(Parser *p, AstNode *call, const Token *lpar);  // after '(' up to ')'
AstParams parse_params(Parser *p, TokenKind close, int annotations);

// ---- parse_target.c ----
typedef enum { TARGET_ASSIGN, TARGET_FOR, TARGET_DEL } TargetKind;
const char *parse_expr_name(const AstNode *n);          // "function call", "literal", ...
void parse_check_target(Parser *p, const AstNode *n, TargetKind kind);
void parse_check_assign_targets(Parser *p, AstNode **targets, int n, const AstNode *value);
void parse_check_bad_equals(Parser *p, const AstNode *cond);
void parse_check_no_starred(Parser *p, const AstNode *value);

// ---- parse_string.c ----
AstNode *parse_strings(Parser *p);               // adjacent literals -> AST_STR or AST_FSTRING

// ---- parse_stmt.c ----
AstList parse_file(Parser *p);

#endif
