// The abstract syntax tree produced by parse_*() and consumed by the
// compiler. Nodes live in an arena owned by the AstModule: free the whole
// tree with ast_free(). Positions follow CPython: line is 1-based, col is a
// 0-based byte offset into the line; end_line/end_col delimit the node so a
// traceback can put carets under the failing expression.
#ifndef TL_PARSER_AST_H
#define TL_PARSER_AST_H

#include <stddef.h>
#include <stdint.h>

#include "vm/operators.h"

typedef struct AstNode AstNode;

typedef struct {
    AstNode **items;
    int len;
} AstList;

typedef enum {
    // ---- expressions ----
    AST_NAME,          // name.id
    AST_INT,           // int_value
    AST_FLOAT,         // float_value
    AST_STR,           // str.data/str.len: UTF-8 after escape processing (adjacent literals joined)
    AST_FSTRING,       // fstring.parts: AST_STR and AST_FORMATTED nodes, in order
    AST_FORMATTED,     // formatted: one {value!conv:spec} of an f-string
    AST_NONE, AST_TRUE, AST_FALSE, AST_ELLIPSIS,
    AST_BINOP,         // binop: left op right
    AST_UNARYOP,       // unaryop: op operand   (UN_NOT for `not`)
    AST_BOOLOP,        // boolop: is_and, values (2 or more, left to right)
    AST_COMPARE,       // compare: left, ops[i] comparators[i]   (a < b < c)
    AST_IFEXP,         // ifexp: body if test else orelse
    AST_LAMBDA,        // lambda: params, body (an expression)
    AST_CALL,          // call: func(args..., keywords...)  args may hold AST_STARRED
    AST_ATTRIBUTE,     // attribute: value.attr
    AST_SUBSCRIPT,     // subscript: value[index]  (index is AST_TUPLE for x[a, b])
    AST_SLICE,         // slice: lower:upper:step, each may be NULL
    AST_STARRED,       // starred: *value (call args, assignment targets, displays)
    AST_TUPLE, AST_LIST, AST_SET,   // seq.elts
    AST_DICT,          // dict: keys[i]: values[i]; keys[i] == NULL means **values[i]
    AST_LISTCOMP, AST_SETCOMP, AST_GENEXP,  // comp: elt, generators
    AST_DICTCOMP,      // comp: key, elt (the value), generators
    AST_YIELD,         // yield: value (may be NULL)
    AST_YIELD_FROM,    // yield: value
    AST_NAMED_EXPR,    // named: target := value (target is AST_NAME)

    // ---- statements ----
    AST_MODULE,        // module: body
    AST_EXPR_STMT,     // expr_stmt: value
    AST_ASSIGN,        // assign: targets (a = b = value has 2 targets), value
    AST_AUGASSIGN,     // augassign: target op= value
    AST_ANNASSIGN,     // annassign: target: annotation [= value]
    AST_DEL,           // del_stmt: targets
    AST_PASS, AST_BREAK, AST_CONTINUE,
    AST_RETURN,        // ret: value (may be NULL)
    AST_IF,            // if_stmt: test, body, orelse (elif is a nested AST_IF in orelse)
    AST_WHILE,         // while_stmt: test, body, orelse
    AST_FOR,           // for_stmt: target in iter: body else orelse
    AST_FUNCDEF,       // funcdef: decorators, name, params, body
    AST_CLASSDEF,      // classdef: decorators, name, bases, keywords, body
    AST_GLOBAL, AST_NONLOCAL,  // names: names
    AST_TRY,           // try_stmt: body, handlers, orelse, finalbody
    AST_EXCEPT_HANDLER,// handler: type (may be NULL), name (may be NULL), body
    AST_RAISE,         // raise: exc (may be NULL), cause (may be NULL)
    AST_ASSERT,        // assert_stmt: test, msg (may be NULL)
    AST_WITH,          // with_stmt: items, body
    AST_WITH_ITEM,     // with_item: context_expr as optional_vars (may be NULL)
    AST_IMPORT,        // import: aliases   (import a.b as c, d)
    AST_IMPORT_FROM,   // import: module, aliases  (from a.b import x as y; name "*" for import *)
    AST_ALIAS,         // alias: name (dotted for import), asname (may be NULL)
    AST_KEYWORD,       // keyword: arg = value in a call or class bases; arg NULL means **value
    AST_COMPREHENSION, // comprehension: for target in iter if ifs...
    AST__COUNT
} AstKind;

typedef enum { PARAM_POSITIONAL, PARAM_VARARGS, PARAM_KEYWORD_ONLY, PARAM_VARKW } ParamKind;

typedef struct {
    ParamKind kind;
    const char *name;
    AstNode *default_value;   // NULL when none
    AstNode *annotation;      // NULL when none (evaluated and ignored)
    int line, col;
} AstParam;

// Parameters in source order: positional ones (those with defaults come
// last), then at most one PARAM_VARARGS, keyword-only ones, at most one
// PARAM_VARKW. A bare `*` produces no entry; it only switches to keyword-only.
// A `/` (positional-only marker) is accepted and sets posonly_count.
typedef struct {
    AstParam *items;
    int len;
    int posonly_count;
} AstParams;

struct AstNode {
    AstKind kind;
    int line, col, end_line, end_col;
    union {
        struct { const char *id; } name;
        int64_t int_value;
        double float_value;
        struct { const char *data; size_t len; } str;
        struct { AstList parts; } fstring;
        struct { AstNode *value; char conversion; AstNode *format_spec; } formatted;
        // conversion: 0, 'r', 's' or 'a'; format_spec: NULL, or an AST_FSTRING
        // (a spec may itself hold {fields}, as in f"{x:{width}}")
        struct { AstNode *left; BinaryOp op; AstNode *right; } binop;
        struct { UnaryOp op; AstNode *operand; } unaryop;
        struct { int is_and; AstList values; } boolop;
        struct { AstNode *left; CompareOp *ops; AstList comparators; } compare;
        struct { AstNode *test, *body, *orelse; } ifexp;
        struct { AstParams params; AstNode *body; } lambda;
        struct { AstNode *func; AstList args; AstList keywords; } call;
        struct { AstNode *value; const char *attr; } attribute;
        struct { AstNode *value; AstNode *index; } subscript;
        struct { AstNode *lower, *upper, *step; } slice;
        struct { AstNode *value; } starred;
        struct { AstList elts; } seq;
        struct { AstList keys; AstList values; } dict;
        struct { AstNode *key; AstNode *elt; AstList generators; } comp;
        struct { AstNode *value; } yield;
        struct { AstNode *target; AstNode *value; } named;

        struct { AstList body; } module;
        struct { AstNode *value; } expr_stmt;
        struct { AstList targets; AstNode *value; } assign;
        struct { AstNode *target; BinaryOp op; AstNode *value; } augassign;
        struct { AstNode *target; AstNode *annotation; AstNode *value; } annassign;
        struct { AstList targets; } del_stmt;
        struct { AstNode *value; } ret;
        struct { AstNode *test; AstList body; AstList orelse; } if_stmt;
        struct { AstNode *test; AstList body; AstList orelse; } while_stmt;
        struct { AstNode *target; AstNode *iter; AstList body; AstList orelse; } for_stmt;
        struct { AstList decorators; const char *name; AstParams params; AstList body; } funcdef;
        struct { AstList decorators; const char *name; AstList bases; AstList keywords; AstList body; } classdef;
        struct { const char **names; int len; } names;
        struct { AstList body; AstList handlers; AstList orelse; AstList finalbody; } try_stmt;
        struct { AstNode *type; const char *name; AstList body; } handler;
        struct { AstNode *exc; AstNode *cause; } raise;
        struct { AstNode *test; AstNode *msg; } assert_stmt;
        struct { AstList items; AstList body; } with_stmt;
        struct { AstNode *context_expr; AstNode *optional_vars; } with_item;
        struct { const char *module; AstList aliases; int level; } import;
        struct { const char *name; const char *asname; } alias;
        struct { const char *arg; AstNode *value; } keyword;
        struct { AstNode *target; AstNode *iter; AstList ifs; } comprehension;
    } u;
};

// A parsed module; owns every node and string of the tree.
typedef struct AstModule AstModule;
struct AstModule {
    AstNode *root;            // AST_MODULE
    struct AstArena *arena;   // private to the parser
};

void ast_free(AstModule *m);  // NULL-safe

// Debug aid: prints the tree in a CPython ast.dump-like form.
void ast_dump(const AstNode *n, int indent);

const char *ast_kind_name(AstKind k);

#endif
