// AST -> bytecode. Resolves every name to a fast local, a cell, a global or
// a namespace lookup (scope.c), then emits vm/opcodes.def instructions with
// a source position each, so tracebacks can point at the failing expression.
#ifndef TL_PARSER_COMPILE_H
#define TL_PARSER_COMPILE_H

#include "parser/ast.h"
#include "parser/parser.h"
#include "vm/code.h"

// Compiles a parsed module. In [repl] mode an expression statement prints
// its value (PRINT_EXPR). Returns a new code object, or NULL with [err]
// filled (a SyntaxError detected after parsing, e.g. 'return' outside function).
ObjCode *compile_module(const AstModule *m, ObjSource *src, bool repl, ParseError *err);

// Parses and compiles [text] in one step; on failure a SyntaxError exception
// is pending (with filename, line, text and caret) and NULL is returned.
ObjCode *compile_source(const char *text, const char *filename, bool repl);

#endif
