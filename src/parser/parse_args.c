// The two comma lists with ordering rules: call arguments (positional,
// *args, name=value, **kwargs, or a lone generator expression) and the
// parameters of def and lambda (defaults, /, *, keyword-only, **).
#include <string.h>

#include "parser/parse_internal.h"

static AstNode *keyword(Parser *p, const Token *start, const char *arg) {
    AstNode *k = parse_node(p, AST_KEYWORD, start);
    k->u.keyword.arg = arg;
    k->u.keyword.value = parse_expression(p);
    parse_end(p, k);
    if (cur_kind(p) != TK_FOR) parse_check_missing_comma(p, k->u.keyword.value);
    return k;
}

static void check_repeated(Parser *p, const Vec *kws, const AstNode *k) {
    AstNode **items = kws->items;
    for (int i = 0; i < kws->len; i++)
        if (items[i]->u.keyword.arg && strcmp(items[i]->u.keyword.arg, k->u.keyword.arg) == 0)
            parse_defer(&p->compile_err, k, "keyword argument repeated: %s", k->u.keyword.arg);
}

// A positional argument, or a generator expression when `for` follows.
static AstNode *positional(Parser *p, const Token *lpar, int first) {
    AstNode *e = parse_named_expression(p);
    if (cur_kind(p) == TK_FOR) {
        AstNode *g = parse_node(p, AST_GENEXP, lpar);
        g->u.comp.elt = e;
        g->u.comp.generators = parse_comprehension(p);
        if (!first || cur_kind(p) != TK_RPAR)
            parse_fail_node(p, e, "Generator expression must be parenthesized");
        g->end_line = cur_tok(p)->end_line;
        g->end_col = cur_tok(p)->end_col;
        return g;
    }
    if (cur_kind(p) == TK_EQUAL)
        parse_fail_node(p, e, "expression cannot contain assignment, perhaps you meant \"==\"?");
    return e;
}

// arguments: after '(' up to and including ')': fills call.args and
// call.keywords of [call] and ends it at the ')'.
void parse_call_args(Parser *p, AstNode *call, const Token *lpar) {
    Vec args = {0}, kws = {0};
    int seen_kw = 0, seen_unpack = 0;
    while (cur_kind(p) != TK_RPAR) {
        const Token *start = cur_tok(p);
        if (start->kind == TK_STAR) {
            AstNode *s = parse_node(p, AST_STARRED, parse_advance(p));
            s->u.starred.value = parse_expression(p);
            parse_end(p, s);
            if (seen_unpack)
                parse_fail_node(p, s, "iterable argument unpacking follows keyword argument unpacking");
            parse_push(p, &args, s);
        } else if (start->kind == TK_DOUBLESTAR) {
            parse_advance(p);
            parse_push(p, &kws, keyword(p, start, NULL));
            seen_unpack = 1;
        } else if (start->kind == TK_NAME && parse_peek_kind(p, 1) == TK_EQUAL) {
            const char *arg = parse_strndup(p, start->start, (size_t)start->len);
            parse_advance(p);
            parse_advance(p);
            AstNode *k = keyword(p, start, arg);
            if (cur_kind(p) == TK_FOR)      // f(a=x for x in y)
                parse_fail_tok(p, start, ERR_SYNTAX,
                               "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            check_repeated(p, &kws, k);
            parse_push(p, &kws, k);
            seen_kw = 1;
        } else {
            AstNode *e = positional(p, lpar, args.len + kws.len == 0);
            if (seen_kw || seen_unpack)
                parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, seen_unpack
                               ? "positional argument follows keyword argument unpacking"
                               : "positional argument follows keyword argument");
            parse_check_missing_comma(p, e);
            parse_push(p, &args, e);
        }
        if (!parse_accept(p, TK_COMMA)) break;
    }
    parse_expect(p, TK_RPAR);
    call->u.call.args = parse_list(&args);
    call->u.call.keywords = parse_list(&kws);
}

static void add_param(Parser *p, Vec *params, ParamKind kind, const Token *name) {
    AstParam prm = {kind, parse_strndup(p, name->start, (size_t)name->len), NULL, NULL,
                    name->line, name->col};
    AstParam *items = params->items;
    for (int i = 0; i < params->len; i++)
        if (strcmp(items[i].name, prm.name) == 0) {
            AstNode at = {.line = name->line, .col = name->col};
            parse_defer(&p->symtable_err, &at, "duplicate argument '%s' in function definition",
                        prm.name);
        }
    parse_vec_push(p, params, &prm, sizeof prm);
}

static AstParam *last_param(const Vec *params) {
    return (AstParam *)params->items + params->len - 1;
}

// params up to (not including) [close]: ')' for def, ':' for lambda.
// [annotations]: def parameters may carry `: annotation`.
AstParams parse_params(Parser *p, TokenKind close, int annotations) {
    Vec params = {0};
    AstParams out = {NULL, 0, 0};
    int state = 0;           // 0 positional, 1 after '*', 2 after '**'
    int seen_default = 0, seen_slash = 0;
    while (cur_kind(p) != close) {
        const Token *t = cur_tok(p);
        if (state == 2) parse_fail_tok(p, t, ERR_SYNTAX, "arguments cannot follow var-keyword argument");
        if (t->kind == TK_SLASH) {
            if (state != 0 || params.len == 0 || seen_slash) {
                if (state == 1) parse_fail_tok(p, t, ERR_SYNTAX, "/ must be ahead of *");
                parse_invalid_syntax(p);
            }
            parse_advance(p);
            seen_slash = 1;
            out.posonly_count = params.len;
        } else if (t->kind == TK_STAR) {
            if (state != 0) parse_fail_tok(p, t, ERR_SYNTAX, "* argument may appear only once");
            parse_advance(p);
            state = 1;
            if (cur_kind(p) == TK_NAME) {
                add_param(p, &params, PARAM_VARARGS, parse_advance(p));
                if (annotations && parse_accept(p, TK_COLON))
                    last_param(&params)->annotation = parse_expression(p);
            } else if (cur_kind(p) != TK_COMMA || parse_peek_kind(p, 1) == close ||
                       parse_peek_kind(p, 1) == TK_DOUBLESTAR) {
                parse_fail_tok(p, t, ERR_SYNTAX, "named arguments must follow bare *");
            }
        } else if (t->kind == TK_DOUBLESTAR) {
            parse_advance(p);
            add_param(p, &params, PARAM_VARKW, parse_expect(p, TK_NAME));
            if (annotations && parse_accept(p, TK_COLON))
                last_param(&params)->annotation = parse_expression(p);
            state = 2;
        } else {
            const Token *name = parse_expect(p, TK_NAME);
            add_param(p, &params, state == 0 ? PARAM_POSITIONAL : PARAM_KEYWORD_ONLY, name);
            AstParam *prm = last_param(&params);
            if (annotations && parse_accept(p, TK_COLON)) prm->annotation = parse_expression(p);
            if (parse_accept(p, TK_EQUAL)) {
                prm->default_value = parse_expression(p);
                if (state == 0) seen_default = 1;
            } else if (state == 0 && seen_default) {
                parse_fail_tok(p, name, ERR_SYNTAX, "non-default argument follows default argument");
            }
        }
        if (!parse_accept(p, TK_COMMA)) break;
    }
    out.items = params.items;
    out.len = params.len;
    return out;
}
