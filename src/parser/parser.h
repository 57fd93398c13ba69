// Source text -> AST. The parser is a hand-written recursive descent over
// the token stream of lexer/; it knows nothing of how code runs.
#ifndef TL_PARSER_PARSER_H
#define TL_PARSER_PARSER_H

#include "common/error.h"
#include "parser/ast.h"

typedef enum {
    PARSE_OK,
    PARSE_ERROR,        // a SyntaxError / IndentationError / TabError: see ParseError
    PARSE_INCOMPLETE,   // the input ended inside an open bracket, string or block:
                        // the REPL should read another line (Lua's <eof> test)
} ParseStatus;

typedef struct {
    ErrKind kind;       // ERR_SYNTAX, ERR_INDENTATION or ERR_TAB
    char msg[256];      // CPython's wording, e.g. "invalid syntax", "'(' was never closed",
                        // "expected ':'", "unindent does not match any outer indentation level",
                        // "inconsistent use of tabs and spaces in indentation"
    int line;           // 1-based
    int col;            // 1-based column of the caret, as CPython prints it
    char text[512];     // the offending source line, without its newline
} ParseError;

// Parses a whole file or REPL input. [filename] is used in messages only.
// On PARSE_OK, *out is a new module the caller frees with ast_free().
// With [interactive], unterminated constructs at end of input give
// PARSE_INCOMPLETE instead of PARSE_ERROR; a compound statement is complete
// only once followed by an empty line (as in the Python REPL).
ParseStatus parse_source(const char *src, const char *filename, int interactive,
                         AstModule **out, ParseError *err);

#endif
