// Expressions, by Python 3.11's grammar and precedence (lowest first):
// lambda, if-else, or, and, not, comparisons, | ^ & << >> + - * / // % @,
// unary - + ~, **, then calls, attributes and subscripts, then atoms.
// The binary operators use precedence climbing rather than a function per
// level, which keeps the C stack shallow for deeply bracketed input.
#include <string.h>

#include "parser/parse_internal.h"

static AstNode *factor(Parser *p);

int parse_starts_expression(TokenKind k) {
    switch (k) {
    case TK_NAME: case TK_INT: case TK_FLOAT: case TK_STRING: case TK_LPAR: case TK_LSQB:
    case TK_LBRACE: case TK_MINUS: case TK_PLUS: case TK_TILDE: case TK_NOT: case TK_LAMBDA:
    case TK_NONE: case TK_TRUE: case TK_FALSE: case TK_ELLIPSIS: case TK_STAR: case TK_AWAIT:
        return 1;
    default:
        return 0;
    }
}

// Does parsing an expression from here run into the lexer's error? CPython
// parses the expression after a missing comma before complaining, and a
// tokenizer error met on the way (such as an unclosed bracket) wins.
static int runs_into_lexer_error(Parser *p) {
    Parser saved = *p;
    jmp_buf jb;
    p->fail = &jb;
    int hit;
    if (setjmp(jb) == 0) {
        parse_expression(p);
        while (parse_accept(p, TK_EQUAL) || parse_accept(p, TK_COLONEQUAL))
            parse_expression(p);      // CPython also tries `name = value` here
        hit = cur_kind(p) == TK_ERROR;
    } else {
        hit = p->from_lexer;
    }
    *p = saved;
    return hit;
}

// Inside brackets, two expressions side by side are most likely a missing
// comma: CPython's "invalid syntax. Perhaps you forgot a comma?".
void parse_check_missing_comma(Parser *p, const AstNode *elem) {
    TokenKind k = cur_kind(p);
    switch (k) {
    case TK_NAME: case TK_INT: case TK_FLOAT: case TK_STRING: case TK_NONE: case TK_TRUE:
    case TK_FALSE: case TK_ELLIPSIS: case TK_LAMBDA: case TK_NOT: case TK_TILDE: case TK_LBRACE:
        break;
    default:
        return;
    }
    if (elem->kind == AST_NAME && k == TK_STRING) return;
    switch (elem->kind) {
    case AST_LAMBDA: case AST_IFEXP: case AST_STARRED: case AST_NAMED_EXPR:
    case AST_YIELD: case AST_YIELD_FROM:
        return;
    default:
        if (runs_into_lexer_error(p)) parse_fail_lexer(p);
        parse_fail_node(p, elem, "invalid syntax. Perhaps you forgot a comma?");
    }
}

static AstNode *starred(Parser *p) {
    AstNode *n = parse_node(p, AST_STARRED, parse_advance(p));
    n->u.starred.value = parse_bitwise_or(p);
    parse_end(p, n);
    return n;
}

// ---- atoms ----

static AstNode *name_node(Parser *p) {
    const Token *t = parse_expect(p, TK_NAME);
    AstNode *n = parse_node(p, AST_NAME, t);
    n->u.name.id = parse_strndup(p, t->start, (size_t)t->len);
    return n;
}

// Elements of a tuple, list or set display after the first one, up to
// (not including) [close].
static void more_elements(Parser *p, Vec *elts, TokenKind close) {
    while (parse_accept(p, TK_COMMA)) {
        if (cur_kind(p) == close) break;
        AstNode *e = parse_star_named_expression(p);
        parse_check_missing_comma(p, e);
        parse_push(p, elts, e);
    }
}

static AstNode *comprehension(Parser *p, AstKind kind, const Token *open, AstNode *elt) {
    if (elt->kind == AST_STARRED)
        parse_fail_node(p, elt, "iterable unpacking cannot be used in comprehension");
    AstNode *n = parse_node(p, kind, open);
    n->u.comp.elt = elt;
    n->u.comp.generators = parse_comprehension(p);
    return n;
}

// '(' ')' | '(' yield ')' | '(' named ')' | '(' elts ')' | '(' genexp ')'
static AstNode *paren(Parser *p) {
    const Token *open = parse_advance(p);
    if (cur_kind(p) == TK_RPAR) {
        AstNode *n = parse_node(p, AST_TUPLE, open);
        parse_advance(p);
        parse_end(p, n);
        return n;
    }
    if (cur_kind(p) == TK_YIELD) {
        AstNode *y = parse_yield(p);
        parse_expect(p, TK_RPAR);
        return y;
    }
    AstNode *first = parse_star_named_expression(p), *n;
    if (cur_kind(p) == TK_FOR) {
        n = comprehension(p, AST_GENEXP, open, first);
    } else if (cur_kind(p) == TK_COMMA) {
        Vec elts = {0};
        parse_push(p, &elts, first);
        more_elements(p, &elts, TK_RPAR);
        n = parse_node(p, AST_TUPLE, open);
        n->u.seq.elts = parse_list(&elts);
    } else {
        parse_check_missing_comma(p, first);
        parse_expect(p, TK_RPAR);
        if (first->kind == AST_STARRED)
            parse_fail_node(p, first, "cannot use starred expression here");
        return first;        // a group keeps the position of what it holds
    }
    parse_expect(p, TK_RPAR);
    parse_end(p, n);
    return n;
}

// '[' elts ']' | '[' listcomp ']'
static AstNode *list_display(Parser *p) {
    const Token *open = parse_advance(p);
    AstNode *n;
    if (cur_kind(p) == TK_RSQB) {
        n = parse_node(p, AST_LIST, open);
    } else {
        AstNode *first = parse_star_named_expression(p);
        if (cur_kind(p) == TK_FOR) {
            n = comprehension(p, AST_LISTCOMP, open, first);
        } else {
            parse_check_missing_comma(p, first);
            Vec elts = {0};
            parse_push(p, &elts, first);
            more_elements(p, &elts, TK_RSQB);
            n = parse_node(p, AST_LIST, open);
            n->u.seq.elts = parse_list(&elts);
        }
    }
    parse_expect(p, TK_RSQB);
    parse_end(p, n);
    return n;
}

// The entries of a dict display after the first; keys[i] NULL is **value.
static void dict_entries(Parser *p, Vec *keys, Vec *values) {
    while (parse_accept(p, TK_COMMA)) {
        if (cur_kind(p) == TK_RBRACE) break;
        AstNode *key = NULL, *value;
        if (parse_accept(p, TK_DOUBLESTAR)) {
            value = parse_bitwise_or(p);
        } else {
            key = parse_expression(p);
            if (!parse_accept(p, TK_COLON)) {
                if (cur_kind(p) == TK_COMMA || cur_kind(p) == TK_RBRACE)
                    parse_fail_node(p, key, "':' expected after dictionary key");
                parse_check_missing_comma(p, key);
                parse_invalid_syntax(p);
            }
            value = parse_expression(p);
        }
        parse_check_missing_comma(p, value);
        parse_push(p, keys, key);
        parse_push(p, values, value);
    }
}

// After '{' and the first key (NULL when the display starts with '**').
static AstNode *dict_rest(Parser *p, const Token *open, AstNode *key) {
    AstNode *value;
    if (!key) {
        parse_advance(p);
        value = parse_bitwise_or(p);
    } else {
        value = parse_expression(p);
        if (cur_kind(p) == TK_FOR) {
            AstNode *n = comprehension(p, AST_DICTCOMP, open, value);
            n->u.comp.key = key;
            return n;
        }
    }
    parse_check_missing_comma(p, value);
    Vec keys = {0}, values = {0};
    parse_push(p, &keys, key);
    parse_push(p, &values, value);
    dict_entries(p, &keys, &values);
    AstNode *n = parse_node(p, AST_DICT, open);
    n->u.dict.keys = parse_list(&keys);
    n->u.dict.values = parse_list(&values);
    return n;
}

static AstNode *set_rest(Parser *p, const Token *open, AstNode *first) {
    if (cur_kind(p) == TK_FOR) return comprehension(p, AST_SETCOMP, open, first);
    parse_check_missing_comma(p, first);
    Vec elts = {0};
    parse_push(p, &elts, first);
    more_elements(p, &elts, TK_RBRACE);
    AstNode *n = parse_node(p, AST_SET, open);
    n->u.seq.elts = parse_list(&elts);
    return n;
}

// '{' '}' | '{' kvpairs '}' | '{' dictcomp '}' | '{' elts '}' | '{' setcomp '}'
static AstNode *brace_display(Parser *p) {
    const Token *open = parse_advance(p);
    AstNode *n;
    if (cur_kind(p) == TK_RBRACE) {
        n = parse_node(p, AST_DICT, open);
    } else if (cur_kind(p) == TK_DOUBLESTAR) {
        n = dict_rest(p, open, NULL);
    } else {
        AstNode *first = parse_star_named_expression(p);
        if (first->kind != AST_STARRED && parse_accept(p, TK_COLON))
            n = dict_rest(p, open, first);
        else
            n = set_rest(p, open, first);
    }
    parse_expect(p, TK_RBRACE);
    parse_end(p, n);
    return n;
}

static AstNode *atom(Parser *p) {
    const Token *t = cur_tok(p);
    AstNode *n;
    switch (t->kind) {
    case TK_NAME:
        return name_node(p);
    case TK_INT:
        n = parse_node(p, AST_INT, parse_advance(p));
        n->u.int_value = t->num.i;
        return n;
    case TK_FLOAT:
        n = parse_node(p, AST_FLOAT, parse_advance(p));
        n->u.float_value = t->num.f;
        return n;
    case TK_STRING:
        return parse_strings(p);
    case TK_NONE:
        return parse_node(p, AST_NONE, parse_advance(p));
    case TK_TRUE:
        return parse_node(p, AST_TRUE, parse_advance(p));
    case TK_FALSE:
        return parse_node(p, AST_FALSE, parse_advance(p));
    case TK_ELLIPSIS:
        return parse_node(p, AST_ELLIPSIS, parse_advance(p));
    case TK_LPAR:
        return paren(p);
    case TK_LSQB:
        return list_display(p);
    case TK_LBRACE:
        return brace_display(p);
    case TK_AWAIT:
        parse_advance(p);
        if (!parse_starts_expression(cur_kind(p))) parse_invalid_syntax(p);
        parse_fail_tok(p, t, ERR_SYNTAX, p->in_function ? "'await' outside async function"
                                                        : "'await' outside function");
    default:
        parse_invalid_syntax(p);
    }
}

// ---- subscripts ----

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
//      | '*' bitwise_or
static AstNode *slice(Parser *p) {
    if (cur_kind(p) == TK_STAR) return starred(p);
    AstNode *lower = NULL;
    if (cur_kind(p) != TK_COLON) {
        lower = parse_named_expression(p);
        if (cur_kind(p) != TK_COLON) return lower;
    }
    AstNode *n = parse_node(p, AST_SLICE, cur_tok(p));
    if (lower) parse_span(n, lower, lower);
    parse_advance(p);
    n->u.slice.lower = lower;
    TokenKind k = cur_kind(p);
    if (k != TK_COLON && k != TK_COMMA && k != TK_RSQB) n->u.slice.upper = parse_expression(p);
    if (parse_accept(p, TK_COLON)) {
        k = cur_kind(p);
        if (k != TK_COMMA && k != TK_RSQB) n->u.slice.step = parse_expression(p);
    }
    parse_end(p, n);
    return n;
}

// slices: slice | slice (',' slice)* [',']   -> a tuple when there is a comma
static AstNode *slices(Parser *p) {
    AstNode *first = slice(p);
    parse_check_missing_comma(p, first);
    if (cur_kind(p) != TK_COMMA && first->kind != AST_STARRED) return first;
    Vec elts = {0};
    parse_push(p, &elts, first);
    while (parse_accept(p, TK_COMMA)) {
        if (cur_kind(p) == TK_RSQB) break;
        AstNode *e = slice(p);
        parse_check_missing_comma(p, e);
        parse_push(p, &elts, e);
    }
    AstNode *n = parse_node(p, AST_TUPLE, cur_tok(p));
    parse_span(n, first, first);
    parse_end(p, n);
    n->u.seq.elts = parse_list(&elts);
    return n;
}

// primary: atom ('.' NAME | '(' arguments ')' | '[' slices ']')*
// Each trailer nests the tree one level deeper, so it counts as depth.
static AstNode *primary(Parser *p) {
    int depth = p->depth;
    AstNode *n = atom(p);
    for (;;) {
        AstNode *t;
        switch (cur_kind(p)) {
        case TK_DOT:
            parse_advance(p);
            t = parse_node(p, AST_ATTRIBUTE, parse_expect(p, TK_NAME));
            t->u.attribute.value = n;
            t->u.attribute.attr = parse_strndup(p, prev_tok(p)->start, (size_t)prev_tok(p)->len);
            break;
        case TK_LPAR:
            t = parse_node(p, AST_CALL, cur_tok(p));
            t->u.call.func = n;
            parse_call_args(p, t, parse_advance(p));
            break;
        case TK_LSQB:
            parse_advance(p);
            t = parse_node(p, AST_SUBSCRIPT, cur_tok(p));
            t->u.subscript.value = n;
            t->u.subscript.index = slices(p);
            parse_expect(p, TK_RSQB);
            break;
        default:
            p->depth = depth;
            return n;
        }
        t->line = n->line;
        t->col = n->col;
        parse_end(p, t);
        n = t;
        parse_enter(p);
    }
}

// ---- operators ----

// power: primary ['**' factor]   (right-associative through factor)
static AstNode *power(Parser *p) {
    AstNode *base = primary(p);
    if (cur_kind(p) != TK_DOUBLESTAR) return base;
    parse_advance(p);
    parse_enter(p);
    AstNode *n = parse_node(p, AST_BINOP, cur_tok(p));
    n->u.binop.left = base;
    n->u.binop.op = BIN_POW;
    n->u.binop.right = factor(p);
    parse_leave(p);
    parse_span(n, base, n->u.binop.right);
    return n;
}

// factor: ('+' | '-' | '~') factor | power
static AstNode *factor(Parser *p) {
    UnaryOp op;
    switch (cur_kind(p)) {
    case TK_MINUS: op = UN_NEG; break;
    case TK_PLUS: op = UN_POS; break;
    case TK_TILDE: op = UN_INVERT; break;
    default: return power(p);
    }
    AstNode *n = parse_node(p, AST_UNARYOP, parse_advance(p));
    parse_enter(p);
    n->u.unaryop.op = op;
    n->u.unaryop.operand = factor(p);
    parse_leave(p);
    parse_end(p, n);
    return n;
}

// Binding strength of a binary operator token, 0 for none.
static int binary_prec(TokenKind k, BinaryOp *op) {
    switch (k) {
    case TK_VBAR: *op = BIN_OR; return 1;
    case TK_CIRCUMFLEX: *op = BIN_XOR; return 2;
    case TK_AMPER: *op = BIN_AND; return 3;
    case TK_LEFTSHIFT: *op = BIN_LSHIFT; return 4;
    case TK_RIGHTSHIFT: *op = BIN_RSHIFT; return 4;
    case TK_PLUS: *op = BIN_ADD; return 5;
    case TK_MINUS: *op = BIN_SUB; return 5;
    case TK_STAR: *op = BIN_MUL; return 6;
    case TK_SLASH: *op = BIN_TRUEDIV; return 6;
    case TK_DOUBLESLASH: *op = BIN_FLOORDIV; return 6;
    case TK_PERCENT: *op = BIN_MOD; return 6;
    case TK_AT: *op = BIN_MATMUL; return 6;
    default: return 0;
    }
}

// Left-associative binary operators binding at least as tightly as
// [min_prec]: bitwise_or, xor, and, shift, sum and term in one loop.
static AstNode *binary(Parser *p, int min_prec) {
    int depth = p->depth;
    AstNode *left = factor(p);
    for (;;) {
        BinaryOp op;
        int prec = binary_prec(cur_kind(p), &op);
        if (prec == 0 || prec < min_prec) break;
        parse_advance(p);
        AstNode *right = binary(p, prec + 1);
        AstNode *n = parse_node(p, AST_BINOP, cur_tok(p));
        n->u.binop.left = left;
        n->u.binop.op = op;
        n->u.binop.right = right;
        parse_span(n, left, right);
        left = n;
        parse_enter(p);
    }
    p->depth = depth;
    return left;
}

AstNode *parse_bitwise_or(Parser *p) {
    return binary(p, 1);
}

// comparison: bitwise_or (compare_op bitwise_or)*
static AstNode *comparison(Parser *p) {
    AstNode *left = parse_bitwise_or(p);
    Vec ops = {0}, comparators = {0};
    for (;;) {
        CompareOp op;
        int skip = 1;
        switch (cur_kind(p)) {
        case TK_LESS: op = CMP_LT; break;
        case TK_LESSEQUAL: op = CMP_LE; break;
        case TK_EQEQUAL: op = CMP_EQ; break;
        case TK_NOTEQUAL: op = CMP_NE; break;
        case TK_GREATER: op = CMP_GT; break;
        case TK_GREATEREQUAL: op = CMP_GE; break;
        case TK_IN: op = CMP_IN; break;
        case TK_IS:
            op = parse_peek_kind(p, 1) == TK_NOT ? CMP_IS_NOT : CMP_IS;
            skip = op == CMP_IS_NOT ? 2 : 1;
            break;
        case TK_NOT:
            if (parse_peek_kind(p, 1) != TK_IN) goto done;
            op = CMP_NOT_IN;
            skip = 2;
            break;
        default:
            goto done;
        }
        while (skip--) parse_advance(p);
        parse_vec_push(p, &ops, &op, sizeof op);
        parse_push(p, &comparators, parse_bitwise_or(p));
    }
done:
    if (ops.len == 0) return left;
    AstNode *n = parse_node(p, AST_COMPARE, cur_tok(p));
    n->u.compare.left = left;
    n->u.compare.ops = ops.items;
    n->u.compare.comparators = parse_list(&comparators);
    parse_span(n, left, n->u.compare.comparators.items[ops.len - 1]);
    return n;
}

// inversion: 'not' inversion | comparison
static AstNode *inversion(Parser *p) {
    if (cur_kind(p) != TK_NOT) return comparison(p);
    AstNode *n = parse_node(p, AST_UNARYOP, parse_advance(p));
    parse_enter(p);
    n->u.unaryop.op = UN_NOT;
    n->u.unaryop.operand = inversion(p);
    parse_leave(p);
    parse_end(p, n);
    return n;
}

// disjunction: conjunction ('or' conjunction)*   conjunction: inversion ('and' inversion)*
static AstNode *boolop(Parser *p, int is_and) {
    AstNode *first = is_and ? inversion(p) : boolop(p, 1);
    TokenKind k = is_and ? TK_AND : TK_OR;
    if (cur_kind(p) != k) return first;
    Vec values = {0};
    parse_push(p, &values, first);
    while (parse_accept(p, k)) parse_push(p, &values, is_and ? inversion(p) : boolop(p, 1));
    AstNode *n = parse_node(p, AST_BOOLOP, cur_tok(p));
    n->u.boolop.is_and = is_and;
    n->u.boolop.values = parse_list(&values);
    parse_span(n, first, n->u.boolop.values.items[values.len - 1]);
    return n;
}

AstNode *parse_disjunction(Parser *p) {
    return boolop(p, 0);
}

// ---- expressions ----

// lambdef: 'lambda' [params] ':' expression
static AstNode *lambda(Parser *p) {
    AstNode *n = parse_node(p, AST_LAMBDA, parse_advance(p));
    n->u.lambda.params = parse_params(p, TK_COLON, 0);
    parse_expect(p, TK_COLON);
    int in_function = p->in_function, in_loop = p->in_loop;
    p->in_function = 1;
    p->in_loop = 0;
    n->u.lambda.body = parse_expression(p);
    p->in_function = in_function;
    p->in_loop = in_loop;
    parse_end(p, n);
    return n;
}

// expression: disjunction ['if' disjunction 'else' expression] | lambdef
AstNode *parse_expression(Parser *p) {
    parse_enter(p);
    AstNode *n;
    if (cur_kind(p) == TK_LAMBDA) {
        n = lambda(p);
    } else {
        n = parse_disjunction(p);
        if (cur_kind(p) == TK_IF) {
            parse_advance(p);
            AstNode *test = parse_disjunction(p);
            if (!parse_accept(p, TK_ELSE)) {
                if (cur_kind(p) == TK_COLON) parse_invalid_syntax(p);
                parse_fail_node(p, n, "expected 'else' after 'if' expression");
            }
            AstNode *e = parse_node(p, AST_IFEXP, cur_tok(p));
            e->u.ifexp.body = n;
            e->u.ifexp.test = test;
            e->u.ifexp.orelse = parse_expression(p);
            parse_span(e, n, e->u.ifexp.orelse);
            n = e;
        }
    }
    parse_leave(p);
    return n;
}

// named_expression: NAME ':=' expression | expression !':='
AstNode *parse_named_expression(Parser *p) {
    if (cur_kind(p) == TK_NAME && parse_peek_kind(p, 1) == TK_COLONEQUAL) {
        AstNode *target = name_node(p);
        parse_advance(p);
        AstNode *n = parse_node(p, AST_NAMED_EXPR, cur_tok(p));
        n->u.named.target = target;
        n->u.named.value = parse_expression(p);
        parse_span(n, target, n->u.named.value);
        return n;
    }
    AstNode *e = parse_expression(p);
    if (cur_kind(p) == TK_COLONEQUAL)
        parse_fail_node(p, e, "cannot use assignment expressions with %s", parse_expr_name(e));
    return e;
}

// star_named_expression: '*' bitwise_or | named_expression
AstNode *parse_star_named_expression(Parser *p) {
    return cur_kind(p) == TK_STAR ? starred(p) : parse_named_expression(p);
}

// star_expressions: star_expression (',' star_expression)* [',']
// star_expression: '*' bitwise_or | expression
AstNode *parse_star_expressions(Parser *p) {
    AstNode *first = cur_kind(p) == TK_STAR ? starred(p) : parse_expression(p);
    if (cur_kind(p) != TK_COMMA) return first;
    Vec elts = {0};
    parse_push(p, &elts, first);
    while (parse_accept(p, TK_COMMA)) {
        if (!parse_starts_expression(cur_kind(p))) break;
        parse_push(p, &elts, cur_kind(p) == TK_STAR ? starred(p) : parse_expression(p));
    }
    AstNode *n = parse_node(p, AST_TUPLE, cur_tok(p));
    parse_span(n, first, first);
    parse_end(p, n);
    n->u.seq.elts = parse_list(&elts);
    return n;
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
AstNode *parse_yield(Parser *p) {
    AstNode *n = parse_node(p, AST_YIELD, parse_advance(p));
    if (parse_accept(p, TK_FROM)) {
        n->kind = AST_YIELD_FROM;
        n->u.yield.value = parse_expression(p);
    } else if (parse_starts_expression(cur_kind(p))) {
        n->u.yield.value = parse_star_expressions(p);
        parse_check_no_starred(p, n->u.yield.value);
    }
    parse_end(p, n);
    if (!p->in_function) parse_defer(&p->compile_err, n, "'yield' outside function");
    return n;
}

// Targets of for, with and comprehensions: star_target (',' star_target)*
// [','], parsed as expressions (bitwise_or, so `in` is left alone) and
// checked by the caller.
AstNode *parse_target_list(Parser *p) {
    AstNode *first = cur_kind(p) == TK_STAR ? starred(p) : parse_bitwise_or(p);
    if (cur_kind(p) != TK_COMMA) return first;
    Vec elts = {0};
    parse_push(p, &elts, first);
    while (parse_accept(p, TK_COMMA)) {
        if (!parse_starts_expression(cur_kind(p))) break;
        parse_push(p, &elts, cur_kind(p) == TK_STAR ? starred(p) : parse_bitwise_or(p));
    }
    AstNode *n = parse_node(p, AST_TUPLE, cur_tok(p));
    parse_span(n, first, first);
    parse_end(p, n);
    n->u.seq.elts = parse_list(&elts);
    return n;
}

// for_if_clauses: ('for' star_targets 'in' disjunction ('if' disjunction)*)+
AstList parse_comprehension(Parser *p) {
    Vec gens = {0};
    while (cur_kind(p) == TK_FOR) {
        AstNode *c = parse_node(p, AST_COMPREHENSION, parse_advance(p));
        c->u.comprehension.target = parse_target_list(p);
        parse_check_target(p, c->u.comprehension.target, TARGET_FOR);
        parse_expect(p, TK_IN);
        c->u.comprehension.iter = parse_disjunction(p);
        Vec ifs = {0};
        while (parse_accept(p, TK_IF)) parse_push(p, &ifs, parse_disjunction(p));
        c->u.comprehension.ifs = parse_list(&ifs);
        parse_end(p, c);
        parse_push(p, &gens, c);
    }
    if (cur_kind(p) == TK_ASYNC)
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "'async' is not supported by tl");
    return parse_list(&gens);
}
