// Statements: simple ones separated by ';' up to NEWLINE, and compound
// ones with blocks. Also the few compile-time checks that need to know
// the enclosing function or loop ('return' outside function, 'break'
// outside loop), recorded as deferred errors as CPython reports them only
// when the file parses.
#include <string.h>

#include "parser/parse_internal.h"

static void statement(Parser *p, Vec *body);

// A node for the keyword that starts a statement, which is consumed.
static AstNode *simple(Parser *p, AstKind kind) {
    return parse_node(p, kind, parse_advance(p));
}

// Compound statements end where their last statement ends.
static void end_at_block(AstNode *n, AstList block) {
    const AstNode *last = block.items[block.len - 1];
    n->end_line = last->end_line;
    n->end_col = last->end_col;
}

// ':' after a block header. CPython says "expected ':'" after some headers
// always ([forced]) and after the others only at the end of the line.
static void expect_colon(Parser *p, int forced) {
    if (parse_accept(p, TK_COLON)) return;
    if (forced || cur_kind(p) == TK_NEWLINE)
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "expected ':'");
    parse_invalid_syntax(p);
}

// simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE
static void simple_stmts(Parser *p, Vec *body);

// block: NEWLINE INDENT statement+ DEDENT | simple_stmts
// [what] and [line] name the header for "expected an indented block".
static AstList block(Parser *p, const char *what, int line) {
    Vec body = {0};
    if (!parse_accept(p, TK_NEWLINE)) {
        simple_stmts(p, &body);
        return parse_list(&body);
    }
    if (cur_kind(p) != TK_INDENT)
        parse_fail_tok(p, cur_tok(p), ERR_INDENTATION, "expected an indented block after %s on line %d",
                       what, line);
    parse_advance(p);
    do statement(p, &body);
    while (cur_kind(p) != TK_DEDENT);
    parse_advance(p);
    return parse_list(&body);
}

// A loop body: 'break' and 'continue' are allowed inside.
static AstList loop_block(Parser *p, const char *what, int line) {
    int in_loop = p->in_loop;
    p->in_loop = 1;
    AstList body = block(p, what, line);
    p->in_loop = in_loop;
    return body;
}

// ['else' ':' block]
static AstList else_block(Parser *p) {
    AstList none = {NULL, 0};
    if (cur_kind(p) != TK_ELSE) return none;
    const Token *kw = parse_advance(p);
    expect_colon(p, 1);
    return block(p, "'else' statement", kw->line);
}

// ---- simple statements ----

static int augassign_op(TokenKind k, BinaryOp *op) {
    switch (k) {
    case TK_PLUSEQUAL: *op = BIN_ADD; return 1;
    case TK_MINEQUAL: *op = BIN_SUB; return 1;
    case TK_STAREQUAL: *op = BIN_MUL; return 1;
    case TK_ATEQUAL: *op = BIN_MATMUL; return 1;
    case TK_SLASHEQUAL: *op = BIN_TRUEDIV; return 1;
    case TK_DOUBLESLASHEQUAL: *op = BIN_FLOORDIV; return 1;
    case TK_PERCENTEQUAL: *op = BIN_MOD; return 1;
    case TK_DOUBLESTAREQUAL: *op = BIN_POW; return 1;
    case TK_LEFTSHIFTEQUAL: *op = BIN_LSHIFT; return 1;
    case TK_RIGHTSHIFTEQUAL: *op = BIN_RSHIFT; return 1;
    case TK_AMPEREQUAL: *op = BIN_AND; return 1;
    case TK_VBAREQUAL: *op = BIN_OR; return 1;
    case TK_CIRCUMFLEXEQUAL: *op = BIN_XOR; return 1;
    default: return 0;
    }
}

// The right-hand side of '=', augmented assignment and annotation.
static AstNode *rhs(Parser *p) {
    AstNode *v = cur_kind(p) == TK_YIELD ? parse_yield(p) : parse_star_expressions(p);
    parse_check_no_starred(p, v);
    return v;
}

// assignment: (star_targets '=')+ (yield_expr | star_expressions)
static AstNode *assignment(Parser *p, const Token *start, AstNode *first) {
    Vec targets = {0};
    AstNode *value = first;
    while (parse_accept(p, TK_EQUAL)) {
        parse_push(p, &targets, value);
        value = cur_kind(p) == TK_YIELD ? parse_yield(p) : parse_star_expressions(p);
    }
    parse_check_assign_targets(p, targets.items, targets.len, value);
    parse_check_no_starred(p, value);
    AstNode *n = parse_node(p, AST_ASSIGN, start);
    n->u.assign.targets = parse_list(&targets);
    n->u.assign.value = value;
    parse_end(p, n);
    return n;
}

// annotated: target ':' expression ['=' annotated_rhs]
static AstNode *annotated(Parser *p, const Token *start, AstNode *target) {
    if (target->kind == AST_TUPLE)
        parse_fail_node(p, target, "only single target (not tuple) can be annotated");
    if (target->kind == AST_LIST)
        parse_fail_node(p, target, "only single target (not list) can be annotated");
    if (target->kind != AST_NAME && target->kind != AST_ATTRIBUTE && target->kind != AST_SUBSCRIPT)
        parse_fail_node(p, target, "illegal target for annotation");
    parse_advance(p);
    AstNode *n = parse_node(p, AST_ANNASSIGN, start);
    n->u.annassign.target = target;
    n->u.annassign.annotation = parse_expression(p);
    if (parse_accept(p, TK_EQUAL)) n->u.annassign.value = rhs(p);
    parse_end(p, n);
    return n;
}

static AstNode *augmented(Parser *p, const Token *start, AstNode *target, BinaryOp op) {
    if (target->kind != AST_NAME && target->kind != AST_ATTRIBUTE && target->kind != AST_SUBSCRIPT)
        parse_fail_node(p, target, "'%s' is an illegal expression for augmented assignment",
                        parse_expr_name(target));
    parse_advance(p);
    AstNode *n = parse_node(p, AST_AUGASSIGN, start);
    n->u.augassign.target = target;
    n->u.augassign.op = op;
    n->u.augassign.value = rhs(p);
    parse_end(p, n);
    return n;
}

// An expression statement or one of the assignments, which all start
// with an expression.
static AstNode *expression_stmt(Parser *p) {
    const Token *start = cur_tok(p);
    AstNode *first = cur_kind(p) == TK_YIELD ? parse_yield(p) : parse_star_expressions(p);
    TokenKind k = cur_kind(p);
    BinaryOp op;
    if (k == TK_EQUAL) return assignment(p, start, first);
    if (k == TK_COLON) return annotated(p, start, first);
    if (augassign_op(k, &op)) return augmented(p, start, first, op);
    if (first->kind == AST_NAME && parse_starts_expression(k) && k != TK_LPAR &&
        (strcmp(first->u.name.id, "print") == 0 || strcmp(first->u.name.id, "exec") == 0))
        parse_fail_node(p, first, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                        first->u.name.id, first->u.name.id);
    parse_check_no_starred(p, first);
    AstNode *n = parse_node(p, AST_EXPR_STMT, start);
    n->u.expr_stmt.value = first;
    parse_end(p, n);
    return n;
}

// dotted_name: NAME ('.' NAME)*   -> "a.b.c"
static const char *dotted_name(Parser *p) {
    const Token *first = parse_expect(p, TK_NAME);
    size_t len = (size_t)first->len;
    int count = 1;
    while (cur_kind(p) == TK_DOT) {
        parse_advance(p);
        len += 1 + (size_t)parse_expect(p, TK_NAME)->len;
        count++;
    }
    char *s = parse_alloc(p, len + 1), *o = s;
    for (int i = 0; i < count; i++) {
        const Token *t = first + 2 * i;
        if (i) *o++ = '.';
        memcpy(o, t->start, (size_t)t->len);
        o += t->len;
    }
    *o = '\0';
    return s;
}

// alias: dotted_name ['as' NAME] (for import) | NAME ['as' NAME] (for from)
static AstNode *alias(Parser *p, int dotted) {
    AstNode *a = parse_node(p, AST_ALIAS, cur_tok(p));
    if (dotted) {
        a->u.alias.name = dotted_name(p);
    } else {
        const Token *t = parse_expect(p, TK_NAME);
        a->u.alias.name = parse_strndup(p, t->start, (size_t)t->len);
    }
    if (parse_accept(p, TK_AS)) {
        const Token *t = parse_expect(p, TK_NAME);
        a->u.alias.asname = parse_strndup(p, t->start, (size_t)t->len);
    }
    parse_end(p, a);
    return a;
}

// import_name: 'import' dotted_as_names
static AstNode *import_name(Parser *p) {
    AstNode *n = simple(p, AST_IMPORT);
    Vec aliases = {0};
    do parse_push(p, &aliases, alias(p, 1));
    while (parse_accept(p, TK_COMMA));
    n->u.import.aliases = parse_list(&aliases);
    parse_end(p, n);
    return n;
}

// import_from: 'from' ('.' | '...')* dotted_name 'import' targets
//            | 'from' ('.' | '...')+ 'import' targets
// targets: '(' names [','] ')' | names !',' | '*'
static AstNode *import_from(Parser *p) {
    AstNode *n = simple(p, AST_IMPORT_FROM);
    for (;;) {
        if (parse_accept(p, TK_DOT)) n->u.import.level += 1;
        else if (parse_accept(p, TK_ELLIPSIS)) n->u.import.level += 3;
        else break;
    }
    if (cur_kind(p) == TK_NAME || n->u.import.level == 0) n->u.import.module = dotted_name(p);
    parse_expect(p, TK_IMPORT);
    Vec aliases = {0};
    if (cur_kind(p) == TK_STAR) {
        AstNode *a = parse_node(p, AST_ALIAS, parse_advance(p));
        a->u.alias.name = "*";
        parse_push(p, &aliases, a);
    } else if (parse_accept(p, TK_LPAR)) {
        do {
            if (cur_kind(p) == TK_RPAR && aliases.len) break;
            parse_push(p, &aliases, alias(p, 0));
        } while (parse_accept(p, TK_COMMA));
        parse_expect(p, TK_RPAR);
    } else {
        parse_push(p, &aliases, alias(p, 0));
        while (parse_accept(p, TK_COMMA)) {
            if (cur_kind(p) != TK_NAME)
                parse_fail_tok(p, cur_tok(p), ERR_SYNTAX,
                               "trailing comma not allowed without surrounding parentheses");
            parse_push(p, &aliases, alias(p, 0));
        }
    }
    n->u.import.aliases = parse_list(&aliases);
    parse_end(p, n);
    return n;
}

// global_stmt: 'global' ','.NAME+   nonlocal_stmt: 'nonlocal' ','.NAME+
static AstNode *names_stmt(Parser *p, AstKind kind) {
    AstNode *n = simple(p, kind);
    Vec names = {0};
    do {
        const Token *t = parse_expect(p, TK_NAME);
        const char *name = parse_strndup(p, t->start, (size_t)t->len);
        parse_vec_push(p, &names, &name, sizeof name);
    } while (parse_accept(p, TK_COMMA));
    n->u.names.names = names.items;
    n->u.names.len = names.len;
    parse_end(p, n);
    if (kind == AST_NONLOCAL && p->scope_depth == 0)
        parse_defer(&p->symtable_err, n, "nonlocal declaration not allowed at module level");
    return n;
}

// del_stmt: 'del' ','.del_target+ [',']   (each target its own entry)
static AstNode *del_stmt(Parser *p) {
    AstNode *n = simple(p, AST_DEL);
    AstNode *t = parse_target_list(p);
    parse_check_target(p, t, TARGET_DEL);
    Vec targets = {0};
    if (t->kind == AST_TUPLE && t->u.seq.elts.len && t->line == t->u.seq.elts.items[0]->line &&
        t->col == t->u.seq.elts.items[0]->col) {
        for (int i = 0; i < t->u.seq.elts.len; i++) parse_push(p, &targets, t->u.seq.elts.items[i]);
    } else {
        parse_push(p, &targets, t);
    }
    n->u.del_stmt.targets = parse_list(&targets);
    parse_end(p, n);
    return n;
}

static AstNode *simple_stmt(Parser *p) {
    AstNode *n;
    switch (cur_kind(p)) {
    case TK_PASS:
        return simple(p, AST_PASS);
    case TK_BREAK:
        n = simple(p, AST_BREAK);
        if (!p->in_loop) parse_defer(&p->compile_err, n, "'break' outside loop");
        return n;
    case TK_CONTINUE:
        n = simple(p, AST_CONTINUE);
        if (!p->in_loop) parse_defer(&p->compile_err, n, "'continue' not properly in loop");
        return n;
    case TK_RETURN:
        n = simple(p, AST_RETURN);
        if (parse_starts_expression(cur_kind(p))) {
            n->u.ret.value = parse_star_expressions(p);
            parse_check_no_starred(p, n->u.ret.value);
        }
        parse_end(p, n);
        if (!p->in_function) parse_defer(&p->compile_err, n, "'return' outside function");
        return n;
    case TK_RAISE:
        n = simple(p, AST_RAISE);
        if (parse_starts_expression(cur_kind(p))) {
            n->u.raise.exc = parse_expression(p);
            if (parse_accept(p, TK_FROM)) n->u.raise.cause = parse_expression(p);
        }
        parse_end(p, n);
        return n;
    case TK_GLOBAL:
        return names_stmt(p, AST_GLOBAL);
    case TK_NONLOCAL:
        return names_stmt(p, AST_NONLOCAL);
    case TK_DEL:
        return del_stmt(p);
    case TK_ASSERT:
        n = simple(p, AST_ASSERT);
        n->u.assert_stmt.test = parse_expression(p);
        if (parse_accept(p, TK_COMMA)) n->u.assert_stmt.msg = parse_expression(p);
        parse_end(p, n);
        return n;
    case TK_IMPORT:
        return import_name(p);
    case TK_FROM:
        return import_from(p);
    default:
        return expression_stmt(p);
    }
}

static void simple_stmts(Parser *p, Vec *body) {
    do {
        parse_push(p, body, simple_stmt(p));
    } while (parse_accept(p, TK_SEMI) && cur_kind(p) != TK_NEWLINE);
    if (!parse_accept(p, TK_NEWLINE)) parse_invalid_syntax(p);
}

// ---- compound statements ----

// if_stmt: ('if' | 'elif') named_expression ':' block (elif_stmt | [else_block])
static AstNode *if_stmt(Parser *p) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_IF, kw);
    n->u.if_stmt.test = parse_named_expression(p);
    parse_check_bad_equals(p, n->u.if_stmt.test);
    expect_colon(p, 0);
    n->u.if_stmt.body = block(p, kw->kind == TK_IF ? "'if' statement" : "'elif' statement", kw->line);
    end_at_block(n, n->u.if_stmt.body);
    if (cur_kind(p) == TK_ELIF) {
        parse_enter(p);
        Vec orelse = {0};
        parse_push(p, &orelse, if_stmt(p));
        parse_leave(p);
        n->u.if_stmt.orelse = parse_list(&orelse);
    } else {
        n->u.if_stmt.orelse = else_block(p);
    }
    if (n->u.if_stmt.orelse.len) end_at_block(n, n->u.if_stmt.orelse);
    return n;
}

// while_stmt: 'while' named_expression ':' block [else_block]
static AstNode *while_stmt(Parser *p) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_WHILE, kw);
    n->u.while_stmt.test = parse_named_expression(p);
    parse_check_bad_equals(p, n->u.while_stmt.test);
    expect_colon(p, 0);
    n->u.while_stmt.body = loop_block(p, "'while' statement", kw->line);
    n->u.while_stmt.orelse = else_block(p);
    end_at_block(n, n->u.while_stmt.orelse.len ? n->u.while_stmt.orelse : n->u.while_stmt.body);
    return n;
}

// for_stmt: 'for' star_targets 'in' star_expressions ':' block [else_block]
static AstNode *for_stmt(Parser *p) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_FOR, kw);
    n->u.for_stmt.target = parse_target_list(p);
    parse_check_target(p, n->u.for_stmt.target, TARGET_FOR);
    parse_expect(p, TK_IN);
    n->u.for_stmt.iter = parse_star_expressions(p);
    parse_check_no_starred(p, n->u.for_stmt.iter);
    expect_colon(p, 1);
    n->u.for_stmt.body = loop_block(p, "'for' statement", kw->line);
    n->u.for_stmt.orelse = else_block(p);
    end_at_block(n, n->u.for_stmt.orelse.len ? n->u.for_stmt.orelse : n->u.for_stmt.body);
    return n;
}

// except_block: 'except' [expression ['as' NAME]] ':' block
static AstNode *handler(Parser *p) {
    const Token *kw = parse_advance(p);
    AstNode *h = parse_node(p, AST_EXCEPT_HANDLER, kw);
    if (cur_kind(p) == TK_STAR)
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "'except*' is not supported by tl");
    if (cur_kind(p) != TK_COLON) {
        h->u.handler.type = parse_expression(p);
        if (cur_kind(p) == TK_COMMA)
            parse_fail_node(p, h->u.handler.type, "multiple exception types must be parenthesized");
        if (parse_accept(p, TK_AS)) {
            const Token *t = parse_expect(p, TK_NAME);
            h->u.handler.name = parse_strndup(p, t->start, (size_t)t->len);
        }
    }
    expect_colon(p, 0);
    h->u.handler.body = block(p, "'except' statement", kw->line);
    end_at_block(h, h->u.handler.body);
    return h;
}

// try_stmt: 'try' ':' block (except_block+ [else_block] [finally_block] | finally_block)
static AstNode *try_stmt(Parser *p) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_TRY, kw);
    expect_colon(p, 1);
    n->u.try_stmt.body = block(p, "'try' statement", kw->line);
    end_at_block(n, n->u.try_stmt.body);
    Vec handlers = {0};
    while (cur_kind(p) == TK_EXCEPT) parse_push(p, &handlers, handler(p));
    n->u.try_stmt.handlers = parse_list(&handlers);
    if (handlers.len) {
        end_at_block(n, n->u.try_stmt.handlers);
        n->u.try_stmt.orelse = else_block(p);
        if (n->u.try_stmt.orelse.len) end_at_block(n, n->u.try_stmt.orelse);
    }
    if (cur_kind(p) == TK_FINALLY) {
        const Token *fin = parse_advance(p);
        expect_colon(p, 1);
        n->u.try_stmt.finalbody = block(p, "'finally' statement", fin->line);
        end_at_block(n, n->u.try_stmt.finalbody);
    } else if (!handlers.len) {
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "expected 'except' or 'finally' block");
    }
    for (int i = 0; i + 1 < handlers.len; i++) {
        AstNode *h = n->u.try_stmt.handlers.items[i];
        if (!h->u.handler.type) parse_defer(&p->compile_err, h, "default 'except:' must be last");
    }
    return n;
}

// with_item: expression ['as' star_target]
static AstNode *with_item(Parser *p) {
    AstNode *item = parse_node(p, AST_WITH_ITEM, cur_tok(p));
    item->u.with_item.context_expr = parse_expression(p);
    if (parse_accept(p, TK_AS)) {
        AstNode *t = cur_kind(p) == TK_STAR ? parse_target_list(p) : parse_bitwise_or(p);
        parse_check_target(p, t, TARGET_ASSIGN);
        item->u.with_item.optional_vars = t;
    }
    parse_end(p, item);
    return item;
}

// Is the '(' after 'with' the start of parenthesized items, as in
// `with (open(a) as f, open(b) as g):`? CPython decides so when the
// matching ')' is followed by ':'.
static int parenthesized_items(const Parser *p) {
    int depth = 0;
    if (parse_peek_kind(p, 1) == TK_YIELD) return 0;      // with (yield):
    for (int i = p->pos; i < p->ntoks; i++) {
        TokenKind k = p->toks[i].kind;
        if (k == TK_LPAR || k == TK_LSQB || k == TK_LBRACE) depth++;
        else if (k == TK_RPAR || k == TK_RSQB || k == TK_RBRACE) depth--;
        else if (k == TK_NEWLINE || k == TK_EOF || k == TK_ERROR) return 0;
        if (depth == 0) return i + 1 < p->ntoks && p->toks[i + 1].kind == TK_COLON;
    }
    return 0;
}

// with_stmt: 'with' '(' ','.with_item+ [','] ')' ':' block
//          | 'with' ','.with_item+ ':' block
static AstNode *with_stmt(Parser *p) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_WITH, kw);
    Vec items = {0};
    if (cur_kind(p) == TK_LPAR && parenthesized_items(p)) {
        parse_advance(p);
        do {
            if (cur_kind(p) == TK_RPAR && items.len) break;
            parse_push(p, &items, with_item(p));
        } while (parse_accept(p, TK_COMMA));
        parse_expect(p, TK_RPAR);
    } else {
        do parse_push(p, &items, with_item(p));
        while (parse_accept(p, TK_COMMA));
    }
    n->u.with_stmt.items = parse_list(&items);
    expect_colon(p, 0);
    n->u.with_stmt.body = block(p, "'with' statement", kw->line);
    end_at_block(n, n->u.with_stmt.body);
    return n;
}

// The body of a def or class is a new scope: 'return' is allowed in a
// def only, and loops outside do not reach in.
static AstList scope_block(Parser *p, int is_function, const char *what, int line) {
    int in_function = p->in_function, in_loop = p->in_loop;
    p->in_function = is_function;
    p->in_loop = 0;
    p->scope_depth++;
    AstList body = block(p, what, line);
    p->scope_depth--;
    p->in_function = in_function;
    p->in_loop = in_loop;
    return body;
}

static const char *name_of(Parser *p) {
    const Token *t = parse_expect(p, TK_NAME);
    return parse_strndup(p, t->start, (size_t)t->len);
}

// function_def: 'def' NAME '(' [params] ')' ['->' expression] ':' block
static AstNode *funcdef(Parser *p, AstList decorators) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_FUNCDEF, kw);
    n->u.funcdef.decorators = decorators;
    n->u.funcdef.name = name_of(p);
    if (!parse_accept(p, TK_LPAR)) parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "expected '('");
    n->u.funcdef.params = parse_params(p, TK_RPAR, 1);
    parse_expect(p, TK_RPAR);
    if (parse_accept(p, TK_RARROW)) parse_expression(p);     // return annotation: ignored
    expect_colon(p, 1);
    n->u.funcdef.body = scope_block(p, 1, "function definition", kw->line);
    end_at_block(n, n->u.funcdef.body);
    return n;
}

// class_def: 'class' NAME ['(' [arguments] ')'] ':' block
static AstNode *classdef(Parser *p, AstList decorators) {
    const Token *kw = parse_advance(p);
    AstNode *n = parse_node(p, AST_CLASSDEF, kw);
    n->u.classdef.decorators = decorators;
    n->u.classdef.name = name_of(p);
    if (cur_kind(p) == TK_LPAR) {
        AstNode call;
        parse_call_args(p, &call, parse_advance(p));
        n->u.classdef.bases = call.u.call.args;
        n->u.classdef.keywords = call.u.call.keywords;
    }
    expect_colon(p, 0);
    n->u.classdef.body = scope_block(p, 0, "class definition", kw->line);
    end_at_block(n, n->u.classdef.body);
    return n;
}

// decorators: ('@' named_expression NEWLINE)+ (function_def | class_def)
static AstNode *decorated(Parser *p) {
    Vec decorators = {0};
    while (parse_accept(p, TK_AT)) {
        parse_push(p, &decorators, parse_named_expression(p));
        parse_expect(p, TK_NEWLINE);
    }
    if (cur_kind(p) == TK_DEF) return funcdef(p, parse_list(&decorators));
    if (cur_kind(p) == TK_CLASS) return classdef(p, parse_list(&decorators));
    if (cur_kind(p) == TK_ASYNC)
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "'async' is not supported by tl");
    parse_invalid_syntax(p);
}

// A line `match subject:` is a match statement, which tl does not have
// (CPython's soft keyword); anything else starting with `match` is a name.
static int match_statement(const Parser *p) {
    const Token *t = cur_tok(p);
    if (t->kind != TK_NAME || t->len != 5 || memcmp(t->start, "match", 5) != 0) return 0;
    int i = p->pos + 1;
    while (i < p->ntoks && p->toks[i].kind != TK_NEWLINE && p->toks[i].kind != TK_EOF &&
           p->toks[i].kind != TK_ERROR)
        i++;
    return i < p->ntoks && p->toks[i].kind == TK_NEWLINE && i > p->pos + 2 &&
           p->toks[i - 1].kind == TK_COLON;
}

static void statement(Parser *p, Vec *body) {
    AstList none = {NULL, 0};
    AstNode *n;
    if (match_statement(p))
        parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "'match' statements are not supported by tl");
    switch (cur_kind(p)) {
    case TK_IF: n = if_stmt(p); break;
    case TK_WHILE: n = while_stmt(p); break;
    case TK_FOR: n = for_stmt(p); break;
    case TK_TRY: n = try_stmt(p); break;
    case TK_WITH: n = with_stmt(p); break;
    case TK_DEF: n = funcdef(p, none); break;
    case TK_CLASS: n = classdef(p, none); break;
    case TK_AT: n = decorated(p); break;
    case TK_ASYNC: parse_fail_tok(p, cur_tok(p), ERR_SYNTAX, "'async' is not supported by tl");
    default:
        simple_stmts(p, body);
        return;
    }
    parse_push(p, body, n);
}

// file: statement* ENDMARKER
AstList parse_file(Parser *p) {
    Vec body = {0};
    while (cur_kind(p) != TK_EOF) statement(p, &body);
    return parse_list(&body);
}
