// Scope analysis: decides, before code generation, where every name of
// every function, lambda, comprehension and class body lives (Python's
// symtable): a fast local slot, a cell shared with inner functions, a free
// variable captured from an enclosing function, a global, or (module and
// class bodies) a namespace lookup.
#ifndef TL_PARSER_SCOPE_H
#define TL_PARSER_SCOPE_H

#include <stdbool.h>

#include "parser/ast.h"
#include "parser/parser.h"

typedef enum { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_CLASS } ScopeKind;

typedef enum {
    NAME_LOCAL,          // fast slot
    NAME_CELL,           // local captured by an inner function
    NAME_FREE,           // captured from an enclosing function
    NAME_GLOBAL,         // globals, then builtins
    NAME_NAMESPACE,      // module/class body: namespace dict, then globals, builtins
} NameKind;

typedef struct Symbol {
    const char *name;
    bool bound;          // assigned, a parameter, imported, def/class name ...
    bool used;
    bool declared_global, declared_nonlocal;
    bool is_param;
    bool captured;       // referenced from an inner function scope
    NameKind kind;
} Symbol;

typedef struct Scope {
    ScopeKind kind;
    const AstNode *node;          // FUNCDEF, LAMBDA, comprehension, CLASSDEF or MODULE
    struct Scope *parent;
    struct Scope **children;
    int nchildren, cap_children;
    Symbol *symbols;
    int nsymbols, cap_symbols;
    bool is_generator;
    bool is_comprehension;
    const char *name;
} Scope;

typedef struct ScopeTable ScopeTable;

// Analyses [module]; NULL with [err] filled for a misplaced global/nonlocal.
ScopeTable *scope_analyze(const AstNode *module, ParseError *err);
void scope_table_free(ScopeTable *t);
Scope *scope_for(const ScopeTable *t, const AstNode *node);
Scope *scope_root(const ScopeTable *t);
// The symbol for [name] in [s], or NULL if the scope never mentions it.
Symbol *scope_lookup(Scope *s, const char *name);

#endif
