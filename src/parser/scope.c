// Two passes over the AST: the first records, per scope, which names are
// bound, used and declared global/nonlocal; the second resolves each name
// to local, cell, free or global, marking captured locals as cells.
#include "parser/scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

struct ScopeTable {
    Scope *root;
    // Map AST node -> scope, open addressing keyed by pointer.
    const AstNode **keys;
    Scope **values;
    int cap, len;
    ParseError *err;
    bool failed;
    char **owned_names;     // names the table allocated (top of `import a.b`)
    int nowned;
};

static unsigned ptr_hash(const void *p) { return (unsigned)(((uintptr_t)p >> 4) * 2654435761u); }

static void map_put(ScopeTable *t, const AstNode *k, Scope *v);

static void map_grow(ScopeTable *t) {
    int old_cap = t->cap;
    const AstNode **old_keys = t->keys;
    Scope **old_values = t->values;
    t->cap = old_cap ? old_cap * 2 : 64;
    t->keys = tl_xcalloc((size_t)t->cap, sizeof *t->keys);
    t->values = tl_xcalloc((size_t)t->cap, sizeof *t->values);
    t->len = 0;
    for (int i = 0; i < old_cap; i++)
        if (old_keys[i]) map_put(t, old_keys[i], old_values[i]);
    free(old_keys);
    free(old_values);
}

static void map_put(ScopeTable *t, const AstNode *k, Scope *v) {
    if ((t->len + 1) * 2 > t->cap) map_grow(t);
    unsigned i = ptr_hash(k) & (unsigned)(t->cap - 1);
    while (t->keys[i] && t->keys[i] != k) i = (i + 1) & (unsigned)(t->cap - 1);
    if (!t->keys[i]) t->len++;
    t->keys[i] = k;
    t->values[i] = v;
}

Scope *scope_for(const ScopeTable *t, const AstNode *node) {
    if (!t->cap) return NULL;
    unsigned i = ptr_hash(node) & (unsigned)(t->cap - 1);
    while (t->keys[i]) {
        if (t->keys[i] == node) return t->values[i];
        i = (i + 1) & (unsigned)(t->cap - 1);
    }
    return NULL;
}

Scope *scope_root(const ScopeTable *t) { return t->root; }

Symbol *scope_lookup(Scope *s, const char *name) {
    for (int i = 0; i < s->nsymbols; i++)
        if (strcmp(s->symbols[i].name, name) == 0) return &s->symbols[i];
    return NULL;
}

static Symbol *symbol(Scope *s, const char *name) {
    Symbol *sym = scope_lookup(s, name);
    if (sym) return sym;
    if (s->nsymbols == s->cap_symbols) {
        s->cap_symbols = s->cap_symbols ? s->cap_symbols * 2 : 8;
        s->symbols = tl_xrealloc(s->symbols, sizeof(Symbol) * (size_t)s->cap_symbols);
    }
    sym = &s->symbols[s->nsymbols++];
    memset(sym, 0, sizeof *sym);
    sym->name = name;
    return sym;
}

static Scope *scope_new(ScopeTable *t, ScopeKind kind, const AstNode *node, Scope *parent, const char *name) {
    Scope *s = tl_xcalloc(1, sizeof(Scope));
    s->kind = kind;
    s->node = node;
    s->parent = parent;
    s->name = name;
    if (parent) {
        if (parent->nchildren == parent->cap_children) {
            parent->cap_children = parent->cap_children ? parent->cap_children * 2 : 4;
            parent->children = tl_xrealloc(parent->children, sizeof(Scope *) * (size_t)parent->cap_children);
        }
        parent->children[parent->nchildren++] = s;
    }
    map_put(t, node, s);
    return s;
}

static void fail(ScopeTable *t, const AstNode *n, const char *msg, const char *name) {
    if (t->failed) return;
    t->failed = true;
    t->err->kind = ERR_SYNTAX;
    snprintf(t->err->msg, sizeof t->err->msg, msg, name);
    t->err->line = n->line;
    t->err->col = n->col + 1;
    t->err->text[0] = '\0';
}

// ------------------------------------------------------------ pass 1

static void visit(ScopeTable *t, Scope *s, const AstNode *n);

static void visit_list(ScopeTable *t, Scope *s, const AstList *l) {
    for (int i = 0; i < l->len; i++) visit(t, s, l->items[i]);
}

static void bind(ScopeTable *t, Scope *s, const AstNode *target);

static void bind_name(Scope *s, const char *name) { symbol(s, name)->bound = true; }

static void bind(ScopeTable *t, Scope *s, const AstNode *target) {
    if (!target) return;
    switch (target->kind) {
    case AST_NAME: bind_name(s, target->u.name.id); break;
    case AST_TUPLE:
    case AST_LIST:
        for (int i = 0; i < target->u.seq.elts.len; i++) bind(t, s, target->u.seq.elts.items[i]);
        break;
    case AST_STARRED: bind(t, s, target->u.starred.value); break;
    default: visit(t, s, target); break;   // attribute/subscript: their parts are uses
    }
}

static void visit_params(ScopeTable *t, Scope *outer, Scope *inner, const AstParams *p) {
    for (int i = 0; i < p->len; i++) {
        if (p->items[i].default_value) visit(t, outer, p->items[i].default_value);
        if (p->items[i].annotation) visit(t, outer, p->items[i].annotation);
        Symbol *sym = symbol(inner, p->items[i].name);
        sym->bound = true;
        sym->is_param = true;
    }
}

static void visit_comprehension(ScopeTable *t, Scope *s, const AstNode *n) {
    const AstList *gens = &n->u.comp.generators;
    // The first iterable is evaluated in the enclosing scope.
    visit(t, s, gens->items[0]->u.comprehension.iter);
    Scope *c = scope_new(t, SCOPE_FUNCTION, n, s, "<comprehension>");
    c->is_comprehension = true;
    c->is_generator = n->kind == AST_GENEXP;
    symbol(c, ".0")->bound = true;
    symbol(c, ".0")->is_param = true;
    for (int i = 0; i < gens->len; i++) {
        const AstNode *g = gens->items[i];
        if (i > 0) visit(t, c, g->u.comprehension.iter);
        bind(t, c, g->u.comprehension.target);
        visit_list(t, c, &g->u.comprehension.ifs);
    }
    if (n->u.comp.key) visit(t, c, n->u.comp.key);
    visit(t, c, n->u.comp.elt);
}

static void declare(ScopeTable *t, Scope *s, const AstNode *n, bool global) {
    for (int i = 0; i < n->u.names.len; i++) {
        const char *name = n->u.names.names[i];
        Symbol *sym = symbol(s, name);
        if (global) {
            if (sym->is_param) fail(t, n, "name '%s' is parameter and global", name);
            else if (sym->used || sym->bound) fail(t, n, "name '%s' is used prior to global declaration", name);
            sym->declared_global = true;
        } else {
            if (s->kind == SCOPE_MODULE) fail(t, n, "nonlocal declaration not allowed at module level", "");
            else if (sym->is_param) fail(t, n, "name '%s' is parameter and nonlocal", name);
            sym->declared_nonlocal = true;
        }
    }
}

static void visit(ScopeTable *t, Scope *s, const AstNode *n) {
    if (!n) return;
    switch (n->kind) {
    case AST_NAME: symbol(s, n->u.name.id)->used = true; break;
    case AST_INT: case AST_FLOAT: case AST_STR: case AST_NONE: case AST_TRUE: case AST_FALSE:
    case AST_ELLIPSIS: case AST_PASS: case AST_BREAK: case AST_CONTINUE:
        break;
    case AST_FSTRING: visit_list(t, s, &n->u.fstring.parts); break;
    case AST_FORMATTED: visit(t, s, n->u.formatted.value); visit(t, s, n->u.formatted.format_spec); break;
    case AST_BINOP: visit(t, s, n->u.binop.left); visit(t, s, n->u.binop.right); break;
    case AST_UNARYOP: visit(t, s, n->u.unaryop.operand); break;
    case AST_BOOLOP: visit_list(t, s, &n->u.boolop.values); break;
    case AST_COMPARE: visit(t, s, n->u.compare.left); visit_list(t, s, &n->u.compare.comparators); break;
    case AST_IFEXP:
        visit(t, s, n->u.ifexp.test); visit(t, s, n->u.ifexp.body); visit(t, s, n->u.ifexp.orelse);
        break;
    case AST_LAMBDA: {
        Scope *f = scope_new(t, SCOPE_FUNCTION, n, s, "<lambda>");
        visit_params(t, s, f, &n->u.lambda.params);
        visit(t, f, n->u.lambda.body);
        break;
    }
    case AST_CALL: visit(t, s, n->u.call.func); visit_list(t, s, &n->u.call.args); visit_list(t, s, &n->u.call.keywords); break;
    case AST_KEYWORD: visit(t, s, n->u.keyword.value); break;
    case AST_ATTRIBUTE: visit(t, s, n->u.attribute.value); break;
    case AST_SUBSCRIPT: visit(t, s, n->u.subscript.value); visit(t, s, n->u.subscript.index); break;
    case AST_SLICE: visit(t, s, n->u.slice.lower); visit(t, s, n->u.slice.upper); visit(t, s, n->u.slice.step); break;
    case AST_STARRED: visit(t, s, n->u.starred.value); break;
    case AST_TUPLE: case AST_LIST: case AST_SET: visit_list(t, s, &n->u.seq.elts); break;
    case AST_DICT:
        for (int i = 0; i < n->u.dict.keys.len; i++) visit(t, s, n->u.dict.keys.items[i]);
        visit_list(t, s, &n->u.dict.values);
        break;
    case AST_LISTCOMP: case AST_SETCOMP: case AST_GENEXP: case AST_DICTCOMP:
        visit_comprehension(t, s, n);
        break;
    case AST_YIELD: case AST_YIELD_FROM:
        s->is_generator = true;
        if (s->kind != SCOPE_FUNCTION) fail(t, n, "'yield' outside function", "");
        visit(t, s, n->u.yield.value);
        break;
    case AST_NAMED_EXPR: {
        Scope *target_scope = s;
        while (target_scope->is_comprehension) target_scope = target_scope->parent;
        visit(t, s, n->u.named.value);
        bind_name(target_scope, n->u.named.target->u.name.id);
        if (target_scope != s) symbol(s, n->u.named.target->u.name.id)->used = true;
        break;
    }
    case AST_MODULE: visit_list(t, s, &n->u.module.body); break;
    case AST_EXPR_STMT: visit(t, s, n->u.expr_stmt.value); break;
    case AST_ASSIGN:
        visit(t, s, n->u.assign.value);
        for (int i = 0; i < n->u.assign.targets.len; i++) bind(t, s, n->u.assign.targets.items[i]);
        break;
    case AST_AUGASSIGN:
        visit(t, s, n->u.augassign.value);
        visit(t, s, n->u.augassign.target);
        bind(t, s, n->u.augassign.target);
        break;
    case AST_ANNASSIGN:
        visit(t, s, n->u.annassign.annotation);
        visit(t, s, n->u.annassign.value);
        if (n->u.annassign.value) bind(t, s, n->u.annassign.target);
        else if (n->u.annassign.target->kind == AST_NAME && s->kind == SCOPE_FUNCTION)
            bind(t, s, n->u.annassign.target);
        break;
    case AST_DEL:
        for (int i = 0; i < n->u.del_stmt.targets.len; i++) bind(t, s, n->u.del_stmt.targets.items[i]);
        break;
    case AST_RETURN:
        if (s->kind != SCOPE_FUNCTION) fail(t, n, "'return' outside function", "");
        visit(t, s, n->u.ret.value);
        break;
    case AST_IF: visit(t, s, n->u.if_stmt.test); visit_list(t, s, &n->u.if_stmt.body); visit_list(t, s, &n->u.if_stmt.orelse); break;
    case AST_WHILE: visit(t, s, n->u.while_stmt.test); visit_list(t, s, &n->u.while_stmt.body); visit_list(t, s, &n->u.while_stmt.orelse); break;
    case AST_FOR:
        visit(t, s, n->u.for_stmt.iter);
        bind(t, s, n->u.for_stmt.target);
        visit_list(t, s, &n->u.for_stmt.body);
        visit_list(t, s, &n->u.for_stmt.orelse);
        break;
    case AST_FUNCDEF: {
        visit_list(t, s, &n->u.funcdef.decorators);
        bind_name(s, n->u.funcdef.name);
        Scope *f = scope_new(t, SCOPE_FUNCTION, n, s, n->u.funcdef.name);
        visit_params(t, s, f, &n->u.funcdef.params);
        visit_list(t, f, &n->u.funcdef.body);
        break;
    }
    case AST_CLASSDEF: {
        visit_list(t, s, &n->u.classdef.decorators);
        visit_list(t, s, &n->u.classdef.bases);
        visit_list(t, s, &n->u.classdef.keywords);
        bind_name(s, n->u.classdef.name);
        Scope *c = scope_new(t, SCOPE_CLASS, n, s, n->u.classdef.name);
        visit_list(t, c, &n->u.classdef.body);
        break;
    }
    case AST_GLOBAL: declare(t, s, n, true); break;
    case AST_NONLOCAL: declare(t, s, n, false); break;
    case AST_TRY:
        visit_list(t, s, &n->u.try_stmt.body);
        visit_list(t, s, &n->u.try_stmt.handlers);
        visit_list(t, s, &n->u.try_stmt.orelse);
        visit_list(t, s, &n->u.try_stmt.finalbody);
        break;
    case AST_EXCEPT_HANDLER:
        visit(t, s, n->u.handler.type);
        if (n->u.handler.name) bind_name(s, n->u.handler.name);
        visit_list(t, s, &n->u.handler.body);
        break;
    case AST_RAISE: visit(t, s, n->u.raise.exc); visit(t, s, n->u.raise.cause); break;
    case AST_ASSERT: visit(t, s, n->u.assert_stmt.test); visit(t, s, n->u.assert_stmt.msg); break;
    case AST_WITH:
        for (int i = 0; i < n->u.with_stmt.items.len; i++) {
            const AstNode *it = n->u.with_stmt.items.items[i];
            visit(t, s, it->u.with_item.context_expr);
            bind(t, s, it->u.with_item.optional_vars);
        }
        visit_list(t, s, &n->u.with_stmt.body);
        break;
    case AST_IMPORT:
        for (int i = 0; i < n->u.import.aliases.len; i++) {
            const AstNode *a = n->u.import.aliases.items[i];
            if (a->u.alias.asname) { bind_name(s, a->u.alias.asname); continue; }
            const char *name = a->u.alias.name;
            const char *dot = strchr(name, '.');
            // `import a.b` binds `a`: the scope keeps a pointer into the alias text,
            // so store the top-level name separately.
            if (dot) {
                char *top = tl_xstrndup(name, (size_t)(dot - name));
                if (scope_lookup(s, top)) {
                    scope_lookup(s, top)->bound = true;
                    free(top);
                } else {
                    t->owned_names = tl_xrealloc(t->owned_names, sizeof(char *) * (size_t)(t->nowned + 1));
                    t->owned_names[t->nowned++] = top;
                    bind_name(s, top);
                }
            } else {
                bind_name(s, name);
            }
        }
        break;
    case AST_IMPORT_FROM:
        for (int i = 0; i < n->u.import.aliases.len; i++) {
            const AstNode *a = n->u.import.aliases.items[i];
            if (strcmp(a->u.alias.name, "*") == 0) continue;
            bind_name(s, a->u.alias.asname ? a->u.alias.asname : a->u.alias.name);
        }
        break;
    default: break;
    }
}

// ------------------------------------------------------------ pass 2

// Finds the function scope that binds [name] for a free reference from [s].
static Scope *enclosing_binder(Scope *s, const char *name) {
    for (Scope *p = s->parent; p; p = p->parent) {
        if (p->kind == SCOPE_CLASS) continue;
        if (p->kind == SCOPE_MODULE) return NULL;
        Symbol *sym = scope_lookup(p, name);
        if (sym && sym->declared_global) return NULL;
        if (sym && (sym->bound || sym->declared_nonlocal) ) return p;
    }
    return NULL;
}

static void mark_captured(Scope *from, Scope *binder, const char *name) {
    // Every function scope between [from] and [binder] passes the cell through.
    for (Scope *p = from->parent; p && p != binder; p = p->parent) {
        if (p->kind != SCOPE_FUNCTION) continue;
        Symbol *sym = symbol(p, name);
        sym->kind = NAME_FREE;
    }
    Symbol *sym = scope_lookup(binder, name);
    sym->captured = true;
}

static void resolve(ScopeTable *t, Scope *s) {
    for (int i = 0; i < s->nsymbols; i++) {
        Symbol *sym = &s->symbols[i];
        if (s->kind == SCOPE_MODULE) {
            sym->kind = NAME_GLOBAL;
        } else if (sym->declared_global) {
            sym->kind = NAME_GLOBAL;
        } else if (sym->declared_nonlocal) {
            Scope *b = enclosing_binder(s, sym->name);
            if (!b) {
                fail(t, s->node, "no binding for nonlocal '%s' found", sym->name);
                return;
            }
            sym->kind = NAME_FREE;
            mark_captured(s, b, sym->name);
        } else if (sym->bound) {
            sym->kind = s->kind == SCOPE_CLASS ? NAME_NAMESPACE : NAME_LOCAL;
        } else {
            Scope *b = enclosing_binder(s, sym->name);
            if (b) {
                sym->kind = NAME_FREE;
                mark_captured(s, b, sym->name);
            } else {
                sym->kind = s->kind == SCOPE_CLASS ? NAME_NAMESPACE : NAME_GLOBAL;
            }
        }
    }
    for (int i = 0; i < s->nchildren; i++) resolve(t, s->children[i]);
}

static void finish(Scope *s) {
    for (int i = 0; i < s->nsymbols; i++) {
        Symbol *sym = &s->symbols[i];
        if (sym->captured && sym->kind == NAME_LOCAL) sym->kind = NAME_CELL;
    }
    for (int i = 0; i < s->nchildren; i++) finish(s->children[i]);
}

ScopeTable *scope_analyze(const AstNode *module, ParseError *err) {
    ScopeTable *t = tl_xcalloc(1, sizeof(ScopeTable));
    t->err = err;
    t->root = scope_new(t, SCOPE_MODULE, module, NULL, "<module>");
    visit(t, t->root, module);
    if (!t->failed) resolve(t, t->root);
    if (!t->failed) finish(t->root);
    if (t->failed) {
        scope_table_free(t);
        return NULL;
    }
    return t;
}

static void scope_free(Scope *s) {
    for (int i = 0; i < s->nchildren; i++) scope_free(s->children[i]);
    free(s->children);
    free(s->symbols);
    free(s);
}

void scope_table_free(ScopeTable *t) {
    if (!t) return;
    scope_free(t->root);
    for (int i = 0; i < t->nowned; i++) free(t->owned_names[i]);
    free(t->owned_names);
    free(t->keys);
    free(t->values);
    free(t);
}
