// Shared by the lexer's files (lexer.c, lex_number.c); not for other
// modules. Character access follows CPython's tok_nextc/tok_backup.
#ifndef TL_LEXER_LEX_INTERNAL_H
#define TL_LEXER_LEX_INTERNAL_H

#include "lexer/lexer.h"

// The next byte, or -1 at the end (where backup does nothing).
static inline int lex_nextc(Lexer *lx) {
    return lx->cur < lx->end ? (unsigned char)*lx->cur++ : -1;
}

static inline void lex_backup(Lexer *lx, int c) {
    if (c != -1) lx->cur--;
}

static inline int lex_peek(const Lexer *lx, int k) {
    return lx->cur + k < lx->end ? (unsigned char)lx->cur[k] : -1;
}

static inline int lex_is_digit(int c) { return c >= '0' && c <= '9'; }

static inline int lex_is_ident_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline int lex_is_ident_char(int c) { return lex_is_ident_start(c) || lex_is_digit(c); }

// Records an error at [line], caret [offset] (bytes, 1-based); returns TK_ERROR.
TokenKind lex_fail(Lexer *lx, ErrKind kind, int line, int offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

// CPython's syntaxerror(): a SyntaxError with the caret just before lx->cur.
TokenKind lex_fail_here(Lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// Sets the length and end of [t], which ends at lx->cur; returns [k].
TokenKind lex_finish_token(const Lexer *lx, Token *t, TokenKind k);

// A number starting at lx->cur (a digit, or '.' and a digit).
TokenKind lex_scan_number(Lexer *lx, Token *t);

#endif
