// Checks that an expression parsed on the left of '=', after 'for', 'as'
// or 'del' can be assigned to, with CPython's messages ("cannot assign to
// function call here. Maybe you meant '==' instead of '='?").
#include "parser/parse_internal.h"

const char *parse_expr_name(const AstNode *n) {
    switch (n->kind) {
    case AST_ATTRIBUTE: return "attribute";
    case AST_SUBSCRIPT: return "subscript";
    case AST_STARRED: return "starred";
    case AST_NAME: return "name";
    case AST_LIST: return "list";
    case AST_TUPLE: return "tuple";
    case AST_LAMBDA: return "lambda";
    case AST_CALL: return "function call";
    case AST_GENEXP: return "generator expression";
    case AST_YIELD: case AST_YIELD_FROM: return "yield expression";
    case AST_LISTCOMP: return "list comprehension";
    case AST_SETCOMP: return "set comprehension";
    case AST_DICTCOMP: return "dict comprehension";
    case AST_DICT: return "dict literal";
    case AST_SET: return "set display";
    case AST_FSTRING: case AST_FORMATTED: return "f-string expression";
    case AST_NONE: return "None";
    case AST_TRUE: return "True";
    case AST_FALSE: return "False";
    case AST_ELLIPSIS: return "ellipsis";
    case AST_INT: case AST_FLOAT: case AST_STR: return "literal";
    case AST_COMPARE: return "comparison";
    case AST_IFEXP: return "conditional expression";
    case AST_NAMED_EXPR: return "named expression";
    default: return "expression";
    }
}

// The first part of [n] that cannot be a target, or NULL.
static const AstNode *invalid_target(const AstNode *n, TargetKind kind) {
    switch (n->kind) {
    case AST_NAME: case AST_ATTRIBUTE: case AST_SUBSCRIPT:
        return NULL;
    case AST_TUPLE: case AST_LIST:
        for (int i = 0; i < n->u.seq.elts.len; i++) {
            const AstNode *bad = invalid_target(n->u.seq.elts.items[i], kind);
            if (bad) return bad;
        }
        return NULL;
    case AST_STARRED:
        return kind == TARGET_DEL ? n : invalid_target(n->u.starred.value, kind);
    default:
        return n;
    }
}

// Starred targets are a compile-time matter in CPython, reported only
// when the whole file parses.
static void check_starred(Parser *p, const AstNode *n, int in_seq) {
    if (n->kind == AST_STARRED) {
        if (!in_seq)
            parse_defer(&p->compile_err, n, "starred assignment target must be in a list or tuple");
        check_starred(p, n->u.starred.value, 0);
        return;
    }
    if (n->kind != AST_TUPLE && n->kind != AST_LIST) return;
    int stars = 0;
    for (int i = 0; i < n->u.seq.elts.len; i++) {
        const AstNode *e = n->u.seq.elts.items[i];
        stars += e->kind == AST_STARRED;
        check_starred(p, e, 1);
    }
    if (stars > 1) parse_defer(&p->compile_err, n, "multiple starred expressions in assignment");
}

void parse_check_target(Parser *p, const AstNode *n, TargetKind kind) {
    const AstNode *bad = invalid_target(n, kind);
    if (bad)
        parse_fail_node(p, bad, kind == TARGET_DEL ? "cannot delete %s" : "cannot assign to %s",
                        parse_expr_name(bad));
    if (kind != TARGET_DEL) check_starred(p, n, 0);
}

// Could [n] have been parsed by CPython's bitwise_or rule, the operand
// level below comparisons? Only then does it suggest '=='.
static int bitwise_or_level(const AstNode *n) {
    switch (n->kind) {
    case AST_LIST: case AST_TUPLE: case AST_GENEXP: case AST_TRUE: case AST_NONE: case AST_FALSE:
    case AST_COMPARE: case AST_BOOLOP: case AST_IFEXP: case AST_LAMBDA: case AST_STARRED:
    case AST_NAMED_EXPR: case AST_YIELD: case AST_YIELD_FROM:
        return 0;
    case AST_UNARYOP:
        return n->u.unaryop.op != UN_NOT;
    default:
        return 1;
    }
}

// Does the text of [n] start with a bitwise_or operand? (CPython looks for
// `target = operand` not followed by another '='.)
static int starts_with_operand(const AstNode *n) {
    switch (n->kind) {
    case AST_YIELD: case AST_YIELD_FROM: case AST_STARRED: case AST_LAMBDA:
        return 0;
    case AST_UNARYOP:
        return n->u.unaryop.op != UN_NOT;
    case AST_BOOLOP:
        return starts_with_operand(n->u.boolop.values.items[0]);
    case AST_COMPARE:
        return starts_with_operand(n->u.compare.left);
    case AST_IFEXP:
        return starts_with_operand(n->u.ifexp.body);
    case AST_TUPLE:
        if (n->u.seq.elts.len > 0 && n->u.seq.elts.items[0]->line == n->line &&
            n->u.seq.elts.items[0]->col == n->col)
            return starts_with_operand(n->u.seq.elts.items[0]);   // no parentheses
        return 1;
    default:
        return 1;
    }
}

void parse_check_assign_targets(Parser *p, AstNode **targets, int n, const AstNode *value) {
    for (int i = 0; i < n; i++) {
        const AstNode *t = targets[i];
        if (t->kind == AST_YIELD || t->kind == AST_YIELD_FROM)
            parse_fail_node(p, t, "assignment to yield expression not possible");
        if (n == 1 && bitwise_or_level(t) && invalid_target(t, TARGET_ASSIGN) == t &&
            starts_with_operand(value))
            parse_fail_node(p, t, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                            parse_expr_name(t));
        parse_check_target(p, t, TARGET_ASSIGN);
    }
}

// After the condition of if/elif/while, a '=' is a typo for '=='.
void parse_check_bad_equals(Parser *p, const AstNode *cond) {
    if (cur_kind(p) != TK_EQUAL) return;
    if (cond->kind == AST_NAME)
        parse_fail_node(p, cond, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    if (bitwise_or_level(cond))
        parse_fail_node(p, cond, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                        parse_expr_name(cond));
}

void parse_check_no_starred(Parser *p, const AstNode *value) {
    if (value && value->kind == AST_STARRED)
        parse_defer(&p->compile_err, value, "can't use starred expression here");
}
