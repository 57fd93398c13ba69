// Source text -> tokens, as CPython 3.11's tokenizer: NEWLINE, INDENT and
// DEDENT from the indentation, implicit line joining inside brackets,
// backslash continuation, numbers with their values, and string literals
// kept as raw source text. Decoding a literal's escapes and splitting an
// f-string into its parts are separate steps (lex_decode_string,
// lex_fstring_next) so the parser can report errors at the right place.
#ifndef TL_LEXER_LEXER_H
#define TL_LEXER_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

typedef enum {
#define TOK(e, s) TK_##e,
#define OP(e, s) TK_##e,
#define KW(e, s) TK_##e,
#include "lexer/tokens.def"
#undef TOK
#undef OP
#undef KW
    TK__COUNT
} TokenKind;

typedef struct {
    TokenKind kind;
    const char *start;   // first byte in the source (TK_STRING: includes prefix and quotes)
    int len;             // bytes
    int line, col;       // 1-based line, 0-based byte column (CPython's col_offset)
    int end_line, end_col;
    union { int64_t i; double f; } num;   // TK_INT, TK_FLOAT
} Token;

#define LEX_MAX_PAREN 200    // CPython's MAXLEVEL: "too many nested parentheses"
#define LEX_MAX_INDENT 100   // CPython's MAXINDENT: "too many levels of indentation"

typedef struct {
    ErrKind kind;        // ERR_NONE, ERR_SYNTAX, ERR_INDENTATION or ERR_TAB
    char msg[256];       // CPython's wording
    int line;            // 1-based
    int offset;          // caret position as CPython computes it, counted in bytes
                         // of the line (1 = first byte); 0 when there is none
    int incomplete;      // the input ended early (open bracket, triple-quoted string,
                         // trailing backslash): more lines could complete it
    int soft;            // indentation error: does not hide an earlier parse error
    int unclosed;        // end of input inside brackets ("'(' was never closed")
} LexError;

typedef struct {
    const char *src, *cur, *end;
    const char *line_start;
    int line;
    int fstring_expr;    // lexing the expression of an f-string field
    int at_bol;          // at the start of a logical line: measure indentation
    int cont;            // the last line ended in a backslash
    int indent;          // top of the indentation stacks
    int indstack[LEX_MAX_INDENT + 1];   // columns with tabs to multiples of 8
    int altstack[LEX_MAX_INDENT + 1];   // columns with tabs counted as 1
    int pending;         // > 0: INDENTs to emit, < 0: DEDENTs to emit
    int level;           // bracket depth
    char parens[LEX_MAX_PAREN];
    int paren_line[LEX_MAX_PAREN], paren_col[LEX_MAX_PAREN];
    TokenKind last;      // the previous token
    LexError err;
} Lexer;

// Prepares to tokenize [len] bytes at [src] (UTF-8, '\n' line ends, no NUL).
// The lexer keeps pointers into [src]; it allocates nothing.
void lex_init(Lexer *lx, const char *src, size_t len);

// Prepares to tokenize the expression of an f-string field, [start, end),
// which lies inside a larger source at 1-based [line] whose first byte is
// [line_start]: tokens get their true positions, newlines are ignored as
// inside brackets, and no NEWLINE/INDENT/DEDENT is produced.
void lex_init_fstring_expr(Lexer *lx, const char *start, const char *end,
                           int line, const char *line_start);

// Scans the next token into [t] and returns its kind. TK_ERROR means the
// lexer failed; lx->err says why and every later call returns TK_ERROR.
TokenKind lex_next(Lexer *lx, Token *t);

// "(" for TK_LPAR, "if" for TK_IF, "name" for TK_NAME, ...
const char *lex_token_text(TokenKind k);

// ---- string literals (lex_string.c) ----

enum { LEX_STR_RAW = 1, LEX_STR_F = 2, LEX_STR_BYTES = 4 };

typedef struct {
    unsigned flags;      // LEX_STR_*
    const char *body;    // between the quotes
    size_t len;
    int quote_len;       // 1 or 3
} StrLit;

// Splits a TK_STRING token into prefix flags and body.
void lex_string_split(const Token *t, StrLit *out);

// Decodes the escapes of a string body of [len] bytes into [out], which
// must hold [len] bytes (decoding never grows the text); stores the decoded
// length in *out_len. Unknown escapes keep their backslash, as in Python.
// On a malformed escape returns -1 with CPython's message in [msg].
int lex_decode_string(const char *body, size_t len, int raw, char *out,
                      size_t *out_len, char *msg, size_t msg_size);

// ---- f-strings (lex_fstring.c) ----

typedef enum { FSP_LITERAL, FSP_FIELD, FSP_END, FSP_ERROR } FStringPartKind;

typedef struct {
    FStringPartKind kind;
    const char *text, *text_end;     // FSP_LITERAL: source text, escapes not decoded
                                     // ("{{" and "}}" arrive as a piece ending in one brace)
    const char *expr, *expr_end;     // FSP_FIELD: the expression's source
    const char *debug, *debug_end;   // {x=}: the text "x=" printed before the value, else NULL
    char conversion;                 // 0, 's', 'r' or 'a'
    const char *spec, *spec_end;     // the format spec (itself an f-string body), or NULL
} FStringPart;

typedef struct {
    const char *cur, *end;
    int raw;
    int in_spec;                     // format spec nesting: 0 for the body, 1 inside
                                     // {x:spec}, 2 inside a field of a spec; '}' ends a spec
    char msg[128];                   // FSP_ERROR: CPython's message
    const char *err_at;              // FSP_ERROR: where to put the caret
} FStringScanner;

// Starts scanning the body [body, end) of an f-string; [in_spec] when the
// body is a format spec.
void lex_fstring_init(FStringScanner *s, const char *body, const char *end,
                      int raw, int in_spec);

// Returns the next part of the body in [part]: literal text, a {field},
// FSP_END, or FSP_ERROR with s->msg set.
FStringPartKind lex_fstring_next(FStringScanner *s, FStringPart *part);

#endif
