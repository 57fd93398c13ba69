// Code generation: one CodeBuilder per function/class/module body. Control
// flow that leaves a try/with/except early (return, break, continue) runs
// the cleanup of every block it crosses, inlined at the exit (as CPython
// 3.9+ does), so the VM only needs handler blocks and RERAISE.
#include "parser/compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "parser/scope.h"

typedef enum { FB_WHILE, FB_FOR, FB_TRY, FB_FINALLY_BODY, FB_HANDLER, FB_WITH } FBlockKind;

typedef struct {
    FBlockKind kind;
    int continue_target;     // loops
    int *break_jumps;        // loops: jumps to patch to the loop end
    int nbreaks, cap_breaks;
    const AstList *finalbody;    // FB_TRY with a finally clause (NULL: handler-only try)
    const char *handler_name;    // FB_HANDLER: `except E as name`
} FBlock;

typedef struct CodeBuilder {
    struct CodeBuilder *parent;
    Scope *scope;
    CodeKind kind;
    uint32_t *code;
    SrcPos *pos;
    int ncode, cap_code;
    Value *consts;
    int nconsts, cap_consts;
    ObjStr **names;
    int nnames, cap_names;
    ObjStr **locals;
    int nlocals, cap_locals;
    ObjStr **cells;
    int ncells, cap_cells, ncellvars;
    int depth, max_depth;
    FBlock fblocks[64];
    int nfblocks;
    SrcPos cur;
    const char *qualname;
} CodeBuilder;

typedef struct {
    ScopeTable *scopes;
    ObjSource *source;
    bool repl;
    ParseError *err;
    bool failed;
    CodeBuilder *b;
} Compiler;

static void compile_expr(Compiler *c, const AstNode *n);
static void compile_stmt(Compiler *c, const AstNode *n);
static void compile_body(Compiler *c, const AstList *body);

static void error_at(Compiler *c, const AstNode *n, const char *msg) {
    if (c->failed) return;
    c->failed = true;
    c->err->kind = ERR_SYNTAX;
    snprintf(c->err->msg, sizeof c->err->msg, "%s", msg);
    c->err->line = n->line;
    c->err->col = n->col + 1;
    c->err->text[0] = '\0';
}

// ------------------------------------------------------------ emission

static int stack_effect(Opcode op, uint32_t arg) {
    switch (op) {
#define BC(name, effect) case BC_##name: break;
#include "vm/opcodes.def"
#undef BC
    default: break;
    }
    switch (op) {
    case BC_CALL_METHOD: return -(int)arg - 1;
    case BC_BUILD_TUPLE: case BC_BUILD_LIST: case BC_BUILD_SET: case BC_BUILD_STRING:
    case BC_BUILD_SLICE:
        return 1 - (int)arg;
    case BC_BUILD_DICT: return 1 - 2 * (int)arg;
    case BC_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case BC_UNPACK_SEQUENCE: return (int)arg - 1;
    case BC_UNPACK_EX: return (int)(arg & 0xff) + (int)(arg >> 8);
    case BC_CALL: return -(int)arg;
    case BC_CALL_KW: return -(int)(arg & 0xfff) - (int)(arg >> 12) - 1;
    case BC_CALL_EX: return (arg & 1) ? -2 : -1;
    case BC_MAKE_FUNCTION: return -(((arg & MF_DEFAULTS) != 0) + ((arg & MF_KWDEFAULTS) != 0) + ((arg & MF_CLOSURE) != 0));
    case BC_MAKE_CLASS: return -1 - (int)arg;
    case BC_RAISE: return -(int)arg;
    default: break;
    }
    static const int effects[] = {
#define BC(name, effect) [BC_##name] = effect,
#include "vm/opcodes.def"
#undef BC
    };
    return effects[op];
}

static int emit(Compiler *c, Opcode op, uint32_t arg) {
    CodeBuilder *b = c->b;
    if (b->ncode == b->cap_code) {
        b->cap_code = b->cap_code ? b->cap_code * 2 : 64;
        b->code = tl_xrealloc(b->code, sizeof(uint32_t) * (size_t)b->cap_code);
        b->pos = tl_xrealloc(b->pos, sizeof(SrcPos) * (size_t)b->cap_code);
    }
    if (arg > INSTR_ARG_MAX) arg = INSTR_ARG_MAX;
    b->code[b->ncode] = INSTR(op, arg);
    b->pos[b->ncode] = b->cur;
    b->depth += stack_effect(op, arg);
    if (b->depth > b->max_depth) b->max_depth = b->depth;
    return b->ncode++;
}

static void patch(Compiler *c, int at, int target) {
    uint32_t w = c->b->code[at];
    c->b->code[at] = INSTR(INSTR_OP(w), (uint32_t)target);
}

static int here(Compiler *c) { return c->b->ncode; }

static void set_pos(Compiler *c, const AstNode *n) {
    c->b->cur = (SrcPos){n->line, n->col, n->end_line, n->end_col};
}

static int add_const(Compiler *c, Value v) {
    CodeBuilder *b = c->b;
    for (int i = 0; i < b->nconsts; i++) {
        Value k = b->consts[i];
        if (k.tag != v.tag) continue;
        if ((IS_INT(v) && k.as.i == v.as.i) || (IS_BOOL(v) && k.as.b == v.as.b) || IS_NONE(v) ||
            (IS_FLOAT(v) && memcmp(&k.as.f, &v.as.f, sizeof(double)) == 0) ||
            (val_is_str(v) && val_is_str(k) && str_eq(AS_STR(k), AS_STR(v)))) {
            val_decref(v);
            return i;
        }
    }
    if (b->nconsts == b->cap_consts) {
        b->cap_consts = b->cap_consts ? b->cap_consts * 2 : 16;
        b->consts = tl_xrealloc(b->consts, sizeof(Value) * (size_t)b->cap_consts);
    }
    b->consts[b->nconsts] = v;   // steals
    return b->nconsts++;
}

static int add_name_to(ObjStr ***arr, int *n, int *cap, const char *name) {
    for (int i = 0; i < *n; i++)
        if (strcmp((*arr)[i]->data, name) == 0) return i;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *arr = tl_xrealloc(*arr, sizeof(ObjStr *) * (size_t)*cap);
    }
    (*arr)[*n] = str_intern(name);
    return (*n)++;
}

static int name_index(Compiler *c, const char *name) {
    return add_name_to(&c->b->names, &c->b->nnames, &c->b->cap_names, name);
}

static int local_index(Compiler *c, const char *name) {
    return add_name_to(&c->b->locals, &c->b->nlocals, &c->b->cap_locals, name);
}

static int cell_index(Compiler *c, const char *name) {
    return add_name_to(&c->b->cells, &c->b->ncells, &c->b->cap_cells, name);
}

static void load_const(Compiler *c, Value v) { emit(c, BC_LOAD_CONST, (uint32_t)add_const(c, v)); }

// ------------------------------------------------------------ names

static NameKind name_kind(Compiler *c, const char *name) {
    Scope *s = c->b->scope;
    Symbol *sym = scope_lookup(s, name);
    if (!sym) return s->kind == SCOPE_FUNCTION ? NAME_GLOBAL : (s->kind == SCOPE_CLASS ? NAME_NAMESPACE : NAME_GLOBAL);
    return sym->kind;
}

typedef enum { ACCESS_LOAD, ACCESS_STORE, ACCESS_DELETE } Access;

static void name_op(Compiler *c, const char *name, Access a) {
    switch (name_kind(c, name)) {
    case NAME_LOCAL:
        emit(c, a == ACCESS_LOAD ? BC_LOAD_FAST : a == ACCESS_STORE ? BC_STORE_FAST : BC_DELETE_FAST,
             (uint32_t)local_index(c, name));
        break;
    case NAME_CELL:
    case NAME_FREE:
        emit(c, a == ACCESS_LOAD ? BC_LOAD_DEREF : a == ACCESS_STORE ? BC_STORE_DEREF : BC_DELETE_DEREF,
             (uint32_t)cell_index(c, name));
        break;
    case NAME_GLOBAL:
        if (c->b->kind == CODE_MODULE && c->b->scope->kind == SCOPE_MODULE) {
            emit(c, a == ACCESS_LOAD ? BC_LOAD_GLOBAL : a == ACCESS_STORE ? BC_STORE_GLOBAL : BC_DELETE_GLOBAL,
                 (uint32_t)name_index(c, name));
        } else {
            emit(c, a == ACCESS_LOAD ? BC_LOAD_GLOBAL : a == ACCESS_STORE ? BC_STORE_GLOBAL : BC_DELETE_GLOBAL,
                 (uint32_t)name_index(c, name));
        }
        break;
    case NAME_NAMESPACE:
        emit(c, a == ACCESS_LOAD ? BC_LOAD_NAME : a == ACCESS_STORE ? BC_STORE_NAME : BC_DELETE_NAME,
             (uint32_t)name_index(c, name));
        break;
    }
}

// ------------------------------------------------------------ builders

static void builder_init(CodeBuilder *b, CodeBuilder *parent, Scope *scope, CodeKind kind) {
    memset(b, 0, sizeof *b);
    b->parent = parent;
    b->scope = scope;
    b->kind = kind;
    if (parent) b->cur = parent->cur;
}

static void builder_free(CodeBuilder *b) {
    free(b->code);
    free(b->pos);
    for (int i = 0; i < b->nconsts; i++) val_decref(b->consts[i]);
    free(b->consts);
    for (int i = 0; i < b->nnames; i++) obj_decref(b->names[i]);
    free(b->names);
    for (int i = 0; i < b->nlocals; i++) obj_decref(b->locals[i]);
    free(b->locals);
    for (int i = 0; i < b->ncells; i++) obj_decref(b->cells[i]);
    free(b->cells);
}

// Registers parameters as the first locals, then the scope's cells (cellvars
// first, then freevars) in a fixed order.
static void declare_locals(Compiler *c, const AstParams *params, bool comprehension) {
    CodeBuilder *b = c->b;
    if (comprehension) local_index(c, ".0");
    if (params)
        for (int i = 0; i < params->len; i++) local_index(c, params->items[i].name);
    Scope *s = b->scope;
    for (int i = 0; i < s->nsymbols; i++)
        if (s->symbols[i].kind == NAME_CELL) cell_index(c, s->symbols[i].name);
    b->ncellvars = b->ncells;
    for (int i = 0; i < s->nsymbols; i++)
        if (s->symbols[i].kind == NAME_FREE) cell_index(c, s->symbols[i].name);
}

static ObjCode *builder_finish(Compiler *c, const char *name, const AstParams *params, int first_line) {
    CodeBuilder *b = c->b;
    ObjCode *code = (ObjCode *)obj_alloc(&type_code, sizeof(ObjCode));
    code->kind = b->kind;
    code->name = str_intern(name);
    code->qualname = str_intern(b->qualname ? b->qualname : name);
    code->source = obj_incref(c->source);
    code->first_line = first_line;
    code->code = b->code;
    code->positions = b->pos;
    code->ncode = b->ncode;
    code->consts = b->consts;
    code->nconsts = b->nconsts;
    code->names = b->names;
    code->nnames = b->nnames;
    code->global_cache = tl_xmalloc(sizeof(int32_t) * (size_t)(b->nnames + 1));
    for (int i = 0; i < b->nnames; i++) code->global_cache[i] = -1;
    code->local_names = b->locals;
    code->nlocals = b->nlocals;
    code->cell_names = b->cells;
    code->ncellvars = b->ncellvars;
    code->nfreevars = b->ncells - b->ncellvars;
    code->max_stack = b->max_depth + 8;
    code->is_generator = b->scope && b->scope->is_generator && b->kind == CODE_FUNCTION;
    if (params) {
        for (int i = 0; i < params->len; i++) {
            switch (params->items[i].kind) {
            case PARAM_POSITIONAL: code->nparams_pos++; break;
            case PARAM_VARARGS: code->has_varargs = true; break;
            case PARAM_KEYWORD_ONLY: code->nparams_kwonly++; break;
            case PARAM_VARKW: code->has_varkw = true; break;
            }
        }
        code->nposonly = params->posonly_count;
    }
    code->positional_only_call = !code->is_generator && !code->has_varargs && !code->has_varkw &&
                                 code->nparams_kwonly == 0;
    code->cell_param = tl_xmalloc(sizeof(int) * (size_t)(b->ncellvars + 1));
    for (int i = 0; i < b->ncellvars; i++) {
        code->cell_param[i] = -1;
        int nparams = params ? params->len : 0;
        if (b->kind == CODE_FUNCTION && b->scope->is_comprehension) nparams = 1;
        for (int j = 0; j < nparams && j < b->nlocals; j++)
            if (strcmp(b->locals[j]->data, b->cells[i]->data) == 0) code->cell_param[i] = j;
    }
    b->code = NULL; b->pos = NULL; b->consts = NULL; b->names = NULL; b->locals = NULL; b->cells = NULL;
    b->nconsts = b->nnames = b->nlocals = b->ncells = 0;
    return code;
}

// ------------------------------------------------------------ expressions

static void compile_list(Compiler *c, const AstList *l) {
    for (int i = 0; i < l->len; i++) compile_expr(c, l->items[i]);
}

static bool has_starred(const AstList *l) {
    for (int i = 0; i < l->len; i++)
        if (l->items[i]->kind == AST_STARRED) return true;
    return false;
}

// Builds a list from elements that may contain *starred items.
static void compile_starred_list(Compiler *c, const AstList *l) {
    emit(c, BC_BUILD_LIST, 0);
    for (int i = 0; i < l->len; i++) {
        const AstNode *e = l->items[i];
        if (e->kind == AST_STARRED) {
            compile_expr(c, e->u.starred.value);
            emit(c, BC_LIST_EXTEND, 1);
        } else {
            compile_expr(c, e);
            emit(c, BC_LIST_APPEND, 1);
        }
    }
}

static void compile_function_code(Compiler *c, const AstNode *n, const char *name, const AstParams *params,
                                  const AstList *body, const AstNode *expr_body);

static void compile_comprehension(Compiler *c, const AstNode *n);

static void compile_compare(Compiler *c, const AstNode *n) {
    compile_expr(c, n->u.compare.left);
    int count = n->u.compare.comparators.len;
    if (count == 1) {
        compile_expr(c, n->u.compare.comparators.items[0]);
        set_pos(c, n);
        emit(c, BC_COMPARE, n->u.compare.ops[0]);
        return;
    }
    int cleanup_jumps[64];
    int ncleanup = 0;
    for (int i = 0; i < count; i++) {
        compile_expr(c, n->u.compare.comparators.items[i]);
        if (i < count - 1) {
            emit(c, BC_DUP, 0);
            emit(c, BC_ROT3, 0);
            set_pos(c, n);
            emit(c, BC_COMPARE, n->u.compare.ops[i]);
            if (ncleanup < 64) cleanup_jumps[ncleanup++] = emit(c, BC_JUMP_IF_FALSE_OR_POP, 0);
        } else {
            set_pos(c, n);
            emit(c, BC_COMPARE, n->u.compare.ops[i]);
        }
    }
    int end = emit(c, BC_JUMP, 0);
    for (int i = 0; i < ncleanup; i++) patch(c, cleanup_jumps[i], here(c));
    c->b->depth += 1;   // the cleanup path holds [b result]
    emit(c, BC_ROT2, 0);
    emit(c, BC_POP, 0);
    patch(c, end, here(c));
}

static void compile_call(Compiler *c, const AstNode *n) {
    const AstNode *func = n->u.call.func;
    const AstList *args = &n->u.call.args, *kws = &n->u.call.keywords;
    bool star_args = has_starred(args);
    bool star_kw = false;
    for (int i = 0; i < kws->len; i++)
        if (!kws->items[i]->u.keyword.arg) star_kw = true;
    if (func->kind == AST_ATTRIBUTE && !star_args && !star_kw && kws->len == 0) {
        compile_expr(c, func->u.attribute.value);
        set_pos(c, func);
        emit(c, BC_LOAD_METHOD, (uint32_t)name_index(c, func->u.attribute.attr));
        compile_list(c, args);
        set_pos(c, n);
        emit(c, BC_CALL_METHOD, (uint32_t)args->len);
        return;
    }
    compile_expr(c, func);
    if (!star_args && !star_kw) {
        compile_list(c, args);
        if (kws->len == 0) {
            set_pos(c, n);
            emit(c, BC_CALL, (uint32_t)args->len);
            return;
        }
        ObjTuple *names = tuple_new(kws->len);
        for (int i = 0; i < kws->len; i++) {
            compile_expr(c, kws->items[i]->u.keyword.value);
            names->items[i] = OBJ_VAL(str_intern(kws->items[i]->u.keyword.arg));
        }
        load_const(c, OBJ_VAL(names));
        set_pos(c, n);
        emit(c, BC_CALL_KW, (uint32_t)args->len | ((uint32_t)kws->len << 12));
        return;
    }
    compile_starred_list(c, args);
    emit(c, BC_LIST_TO_TUPLE, 0);
    if (kws->len) {
        emit(c, BC_BUILD_DICT, 0);
        for (int i = 0; i < kws->len; i++) {
            const AstNode *k = kws->items[i];
            if (k->u.keyword.arg) {
                load_const(c, OBJ_VAL(str_intern(k->u.keyword.arg)));
                compile_expr(c, k->u.keyword.value);
                emit(c, BC_MAP_ADD, 1);
            } else {
                compile_expr(c, k->u.keyword.value);
                emit(c, BC_DICT_UPDATE, 1);
            }
        }
    }
    set_pos(c, n);
    emit(c, BC_CALL_EX, kws->len ? 1 : 0);
}

static void compile_slice_part(Compiler *c, const AstNode *n) {
    if (n) compile_expr(c, n);
    else load_const(c, NONE_VAL);
}

static void compile_fstring(Compiler *c, const AstNode *n) {
    const AstList *parts = &n->u.fstring.parts;
    for (int i = 0; i < parts->len; i++) {
        const AstNode *p = parts->items[i];
        if (p->kind == AST_STR) {
            load_const(c, str_value_n(p->u.str.data, (int64_t)p->u.str.len));
            continue;
        }
        compile_expr(c, p->u.formatted.value);
        uint32_t flags = 0;
        switch (p->u.formatted.conversion) {
        case 's': flags = 1; break;
        case 'r': flags = 2; break;
        case 'a': flags = 3; break;
        default: break;
        }
        if (p->u.formatted.format_spec) {
            compile_expr(c, p->u.formatted.format_spec);
            flags |= 4;
        }
        set_pos(c, p);
        emit(c, BC_FORMAT_VALUE, flags);
    }
    if (parts->len == 0) load_const(c, str_value(""));
    else if (parts->len > 1 || parts->items[0]->kind != AST_STR) emit(c, BC_BUILD_STRING, (uint32_t)parts->len);
}

static bool is_constant_set(const AstList *elts) {
    if (elts->len < 3) return false;
    for (int i = 0; i < elts->len; i++) {
        AstKind k = elts->items[i]->kind;
        if (k != AST_INT && k != AST_FLOAT && k != AST_STR) return false;
    }
    return true;
}

static Value constant_frozenset(const AstList *elts) {
    ObjSet *fs = set_new(&type_frozenset);
    for (int i = 0; i < elts->len; i++) {
        const AstNode *e = elts->items[i];
        Value v = e->kind == AST_INT ? INT_VAL(e->u.int_value)
                : e->kind == AST_FLOAT ? FLOAT_VAL(e->u.float_value)
                : str_value_n(e->u.str.data, (int64_t)e->u.str.len);
        set_add(fs, v);
        val_decref(v);
    }
    return OBJ_VAL(fs);
}

static void compile_expr(Compiler *c, const AstNode *n) {
    if (c->failed) return;
    SrcPos saved = c->b->cur;
    set_pos(c, n);
    switch (n->kind) {
    case AST_NAME: name_op(c, n->u.name.id, ACCESS_LOAD); break;
    case AST_INT: load_const(c, INT_VAL(n->u.int_value)); break;
    case AST_FLOAT: load_const(c, FLOAT_VAL(n->u.float_value)); break;
    case AST_STR: load_const(c, str_value_n(n->u.str.data, (int64_t)n->u.str.len)); break;
    case AST_FSTRING: compile_fstring(c, n); break;
    case AST_NONE: load_const(c, NONE_VAL); break;
    case AST_TRUE: load_const(c, BOOL_VAL(true)); break;
    case AST_FALSE: load_const(c, BOOL_VAL(false)); break;
    case AST_ELLIPSIS: load_const(c, val_incref(OBJ_VAL(&obj_ellipsis))); break;
    case AST_BINOP:
        compile_expr(c, n->u.binop.left);
        compile_expr(c, n->u.binop.right);
        set_pos(c, n);
        emit(c, BC_BINARY, n->u.binop.op);
        break;
    case AST_UNARYOP:
        compile_expr(c, n->u.unaryop.operand);
        set_pos(c, n);
        emit(c, BC_UNARY, n->u.unaryop.op);
        break;
    case AST_BOOLOP: {
        int jumps[256], nj = 0;
        const AstList *vals = &n->u.boolop.values;
        for (int i = 0; i < vals->len; i++) {
            compile_expr(c, vals->items[i]);
            if (i < vals->len - 1 && nj < 256)
                jumps[nj++] = emit(c, n->u.boolop.is_and ? BC_JUMP_IF_FALSE_OR_POP : BC_JUMP_IF_TRUE_OR_POP, 0);
        }
        for (int i = 0; i < nj; i++) patch(c, jumps[i], here(c));
        break;
    }
    case AST_COMPARE: compile_compare(c, n); break;
    case AST_IFEXP: {
        compile_expr(c, n->u.ifexp.test);
        int to_else = emit(c, BC_POP_JUMP_IF_FALSE, 0);
        compile_expr(c, n->u.ifexp.body);
        int to_end = emit(c, BC_JUMP, 0);
        c->b->depth--;
        patch(c, to_else, here(c));
        compile_expr(c, n->u.ifexp.orelse);
        patch(c, to_end, here(c));
        break;
    }
    case AST_LAMBDA:
        compile_function_code(c, n, "<lambda>", &n->u.lambda.params, NULL, n->u.lambda.body);
        break;
    case AST_CALL: compile_call(c, n); break;
    case AST_ATTRIBUTE:
        compile_expr(c, n->u.attribute.value);
        set_pos(c, n);
        emit(c, BC_LOAD_ATTR, (uint32_t)name_index(c, n->u.attribute.attr));
        break;
    case AST_SUBSCRIPT:
        compile_expr(c, n->u.subscript.value);
        compile_expr(c, n->u.subscript.index);
        set_pos(c, n);
        emit(c, BC_SUBSCR, 0);
        break;
    case AST_SLICE:
        compile_slice_part(c, n->u.slice.lower);
        compile_slice_part(c, n->u.slice.upper);
        if (n->u.slice.step) {
            compile_expr(c, n->u.slice.step);
            emit(c, BC_BUILD_SLICE, 3);
        } else {
            emit(c, BC_BUILD_SLICE, 2);
        }
        break;
    case AST_STARRED:
        error_at(c, n, "can't use starred expression here");
        break;
    case AST_TUPLE:
        if (has_starred(&n->u.seq.elts)) {
            compile_starred_list(c, &n->u.seq.elts);
            emit(c, BC_LIST_TO_TUPLE, 0);
        } else {
            compile_list(c, &n->u.seq.elts);
            emit(c, BC_BUILD_TUPLE, (uint32_t)n->u.seq.elts.len);
        }
        break;
    case AST_LIST:
        if (has_starred(&n->u.seq.elts)) {
            compile_starred_list(c, &n->u.seq.elts);
        } else {
            compile_list(c, &n->u.seq.elts);
            emit(c, BC_BUILD_LIST, (uint32_t)n->u.seq.elts.len);
        }
        break;
    case AST_SET:
        if (is_constant_set(&n->u.seq.elts)) {
            // As CPython: BUILD_SET 0 + SET_UPDATE of a frozenset constant, so
            // the set's table (and print order) matches CPython's.
            emit(c, BC_BUILD_SET, 0);
            load_const(c, constant_frozenset(&n->u.seq.elts));
            emit(c, BC_SET_UPDATE, 1);
        } else if (has_starred(&n->u.seq.elts)) {
            emit(c, BC_BUILD_SET, 0);
            for (int i = 0; i < n->u.seq.elts.len; i++) {
                const AstNode *e = n->u.seq.elts.items[i];
                if (e->kind == AST_STARRED) {
                    compile_expr(c, e->u.starred.value);
                    emit(c, BC_SET_UPDATE, 1);
                } else {
                    compile_expr(c, e);
                    emit(c, BC_SET_ADD, 1);
                }
            }
        } else {
            compile_list(c, &n->u.seq.elts);
            emit(c, BC_BUILD_SET, (uint32_t)n->u.seq.elts.len);
        }
        break;
    case AST_DICT: {
        bool any_unpack = false;
        for (int i = 0; i < n->u.dict.keys.len; i++)
            if (!n->u.dict.keys.items[i]) any_unpack = true;
        if (!any_unpack) {
            for (int i = 0; i < n->u.dict.keys.len; i++) {
                compile_expr(c, n->u.dict.keys.items[i]);
                compile_expr(c, n->u.dict.values.items[i]);
            }
            emit(c, BC_BUILD_DICT, (uint32_t)n->u.dict.keys.len);
        } else {
            emit(c, BC_BUILD_DICT, 0);
            for (int i = 0; i < n->u.dict.keys.len; i++) {
                if (n->u.dict.keys.items[i]) {
                    compile_expr(c, n->u.dict.keys.items[i]);
                    compile_expr(c, n->u.dict.values.items[i]);
                    emit(c, BC_MAP_ADD, 1);
                } else {
                    compile_expr(c, n->u.dict.values.items[i]);
                    emit(c, BC_DICT_UPDATE, 1);
                }
            }
        }
        break;
    }
    case AST_LISTCOMP: case AST_SETCOMP: case AST_GENEXP: case AST_DICTCOMP:
        compile_comprehension(c, n);
        break;
    case AST_YIELD:
        if (n->u.yield.value) compile_expr(c, n->u.yield.value);
        else load_const(c, NONE_VAL);
        emit(c, BC_YIELD_VALUE, 0);
        break;
    case AST_YIELD_FROM: {
        // for x in value: yield x   (the expression's value is None)
        compile_expr(c, n->u.yield.value);
        emit(c, BC_GET_ITER, 0);
        int top = here(c);
        int exit_jump = emit(c, BC_FOR_ITER, 0);
        emit(c, BC_YIELD_VALUE, 0);
        emit(c, BC_POP, 0);
        emit(c, BC_JUMP, (uint32_t)top);
        patch(c, exit_jump, here(c));
        c->b->depth--;
        load_const(c, NONE_VAL);
        break;
    }
    case AST_NAMED_EXPR:
        compile_expr(c, n->u.named.value);
        emit(c, BC_DUP, 0);
        name_op(c, n->u.named.target->u.name.id, ACCESS_STORE);
        break;
    default:
        error_at(c, n, "invalid syntax");
        break;
    }
    c->b->cur = saved;
}

// ------------------------------------------------------------ assignment

static void compile_store(Compiler *c, const AstNode *t);

static void compile_unpack(Compiler *c, const AstNode *t) {
    const AstList *elts = &t->u.seq.elts;
    int star = -1;
    for (int i = 0; i < elts->len; i++) {
        if (elts->items[i]->kind == AST_STARRED) {
            if (star >= 0) {
                error_at(c, elts->items[i], "multiple starred expressions in assignment");
                return;
            }
            star = i;
        }
    }
    set_pos(c, t);
    if (star < 0) emit(c, BC_UNPACK_SEQUENCE, (uint32_t)elts->len);
    else emit(c, BC_UNPACK_EX, (uint32_t)star | ((uint32_t)(elts->len - star - 1) << 8));
    for (int i = 0; i < elts->len; i++) {
        const AstNode *e = elts->items[i];
        compile_store(c, e->kind == AST_STARRED ? e->u.starred.value : e);
    }
}

// Stores the value on top of the stack into target [t].
static void compile_store(Compiler *c, const AstNode *t) {
    switch (t->kind) {
    case AST_NAME: name_op(c, t->u.name.id, ACCESS_STORE); break;
    case AST_ATTRIBUTE:
        compile_expr(c, t->u.attribute.value);
        set_pos(c, t);
        emit(c, BC_STORE_ATTR, (uint32_t)name_index(c, t->u.attribute.attr));
        break;
    case AST_SUBSCRIPT:
        compile_expr(c, t->u.subscript.value);
        compile_expr(c, t->u.subscript.index);
        set_pos(c, t);
        emit(c, BC_STORE_SUBSCR, 0);
        break;
    case AST_TUPLE:
    case AST_LIST: compile_unpack(c, t); break;
    case AST_STARRED: error_at(c, t, "starred assignment target must be in a list or tuple"); break;
    default: error_at(c, t, "cannot assign to expression"); break;
    }
}

static void compile_delete(Compiler *c, const AstNode *t) {
    set_pos(c, t);
    switch (t->kind) {
    case AST_NAME: name_op(c, t->u.name.id, ACCESS_DELETE); break;
    case AST_ATTRIBUTE:
        compile_expr(c, t->u.attribute.value);
        set_pos(c, t);
        emit(c, BC_DELETE_ATTR, (uint32_t)name_index(c, t->u.attribute.attr));
        break;
    case AST_SUBSCRIPT:
        compile_expr(c, t->u.subscript.value);
        compile_expr(c, t->u.subscript.index);
        set_pos(c, t);
        emit(c, BC_DELETE_SUBSCR, 0);
        break;
    case AST_TUPLE:
    case AST_LIST:
        for (int i = 0; i < t->u.seq.elts.len; i++) compile_delete(c, t->u.seq.elts.items[i]);
        break;
    default: error_at(c, t, "cannot delete expression"); break;
    }
}

static void compile_augassign(Compiler *c, const AstNode *n) {
    const AstNode *t = n->u.augassign.target;
    switch (t->kind) {
    case AST_NAME:
        name_op(c, t->u.name.id, ACCESS_LOAD);
        compile_expr(c, n->u.augassign.value);
        set_pos(c, n);
        emit(c, BC_INPLACE, n->u.augassign.op);
        name_op(c, t->u.name.id, ACCESS_STORE);
        break;
    case AST_ATTRIBUTE: {
        compile_expr(c, t->u.attribute.value);
        emit(c, BC_DUP, 0);
        int idx = name_index(c, t->u.attribute.attr);
        set_pos(c, t);
        emit(c, BC_LOAD_ATTR, (uint32_t)idx);
        compile_expr(c, n->u.augassign.value);
        set_pos(c, n);
        emit(c, BC_INPLACE, n->u.augassign.op);
        emit(c, BC_ROT2, 0);
        emit(c, BC_STORE_ATTR, (uint32_t)idx);
        break;
    }
    case AST_SUBSCRIPT:
        compile_expr(c, t->u.subscript.value);
        compile_expr(c, t->u.subscript.index);
        emit(c, BC_DUP2, 0);
        set_pos(c, t);
        emit(c, BC_SUBSCR, 0);
        compile_expr(c, n->u.augassign.value);
        set_pos(c, n);
        emit(c, BC_INPLACE, n->u.augassign.op);
        emit(c, BC_ROT3, 0);
        emit(c, BC_STORE_SUBSCR, 0);
        break;
    default: error_at(c, t, "'expression' is an illegal expression for augmented assignment"); break;
    }
}

// ------------------------------------------------------------ functions

static void compile_defaults(Compiler *c, const AstParams *params, uint32_t *flags) {
    int ndefaults = 0, nkw = 0;
    for (int i = 0; i < params->len; i++) {
        const AstParam *p = &params->items[i];
        if (!p->default_value) continue;
        if (p->kind == PARAM_POSITIONAL) {
            compile_expr(c, p->default_value);
            ndefaults++;
        }
    }
    if (ndefaults) {
        emit(c, BC_BUILD_TUPLE, (uint32_t)ndefaults);
        *flags |= MF_DEFAULTS;
    }
    for (int i = 0; i < params->len; i++) {
        const AstParam *p = &params->items[i];
        if (p->kind != PARAM_KEYWORD_ONLY || !p->default_value) continue;
        load_const(c, OBJ_VAL(str_intern(p->name)));
        compile_expr(c, p->default_value);
        nkw++;
    }
    if (nkw) {
        emit(c, BC_BUILD_DICT, (uint32_t)nkw);
        *flags |= MF_KWDEFAULTS;
    }
}

static void emit_closure(Compiler *c, ObjCode *code, uint32_t *flags) {
    if (!code->nfreevars) return;
    for (int i = 0; i < code->nfreevars; i++) {
        const char *name = code->cell_names[code->ncellvars + i]->data;
        emit(c, BC_LOAD_CLOSURE, (uint32_t)cell_index(c, name));
    }
    emit(c, BC_BUILD_TUPLE, (uint32_t)code->nfreevars);
    *flags |= MF_CLOSURE;
}

static char *make_qualname(Compiler *c, const char *name) {
    CodeBuilder *b = c->b;
    char buf[512];
    if (!b->parent || b->scope->kind == SCOPE_MODULE) snprintf(buf, sizeof buf, "%s", name);
    else if (b->scope->kind == SCOPE_CLASS) snprintf(buf, sizeof buf, "%s.%s", b->qualname, name);
    else snprintf(buf, sizeof buf, "%s.<locals>.%s", b->qualname, name);
    return tl_xstrdup(buf);
}

static const AstNode *docstring_of(const AstList *body) {
    if (body && body->len && body->items[0]->kind == AST_EXPR_STMT &&
        body->items[0]->u.expr_stmt.value->kind == AST_STR)
        return body->items[0]->u.expr_stmt.value;
    return NULL;
}

// Compiles a def/lambda body into a code object and emits MAKE_FUNCTION.
static void compile_function_code(Compiler *c, const AstNode *n, const char *name, const AstParams *params,
                                  const AstList *body, const AstNode *expr_body) {
    uint32_t flags = 0;
    compile_defaults(c, params, &flags);
    char *qualname = make_qualname(c, name);
    CodeBuilder fb;
    builder_init(&fb, c->b, scope_for(c->scopes, n), CODE_FUNCTION);
    fb.qualname = qualname;
    c->b = &fb;
    declare_locals(c, params, false);
    for (int i = 0; i < params->len; i++)
        if (params->items[i].annotation) { /* evaluated at def time in Python; ignored here */ }
    if (expr_body) {
        compile_expr(c, expr_body);
        emit(c, BC_RETURN, 0);
    } else {
        compile_body(c, body);
        load_const(c, NONE_VAL);
        emit(c, BC_RETURN, 0);
    }
    ObjCode *code = builder_finish(c, name, params, n->line);
    const AstNode *doc = docstring_of(body);
    if (doc) code->doc = str_new(doc->u.str.data, (int64_t)doc->u.str.len);
    builder_free(&fb);
    c->b = fb.parent;
    free(qualname);
    emit_closure(c, code, &flags);
    load_const(c, OBJ_VAL(code));
    set_pos(c, n);
    emit(c, BC_MAKE_FUNCTION, flags);
}

static void compile_decorated(Compiler *c, const AstList *decorators, const AstNode *n, const char *name) {
    for (int i = 0; i < decorators->len; i++) compile_expr(c, decorators->items[i]);
    if (n->kind == AST_FUNCDEF) {
        compile_function_code(c, n, name, &n->u.funcdef.params, &n->u.funcdef.body, NULL);
    }
    for (int i = decorators->len - 1; i >= 0; i--) {
        set_pos(c, decorators->items[i]);
        emit(c, BC_CALL, 1);
    }
    name_op(c, name, ACCESS_STORE);
}

static void compile_class(Compiler *c, const AstNode *n) {
    const AstList *decorators = &n->u.classdef.decorators;
    for (int i = 0; i < decorators->len; i++) compile_expr(c, decorators->items[i]);
    char *qualname = make_qualname(c, n->u.classdef.name);
    CodeBuilder cb;
    builder_init(&cb, c->b, scope_for(c->scopes, n), CODE_CLASS);
    cb.qualname = qualname;
    c->b = &cb;
    declare_locals(c, NULL, false);
    const AstNode *doc = docstring_of(&n->u.classdef.body);
    if (doc) {
        load_const(c, str_value_n(doc->u.str.data, (int64_t)doc->u.str.len));
        emit(c, BC_STORE_NAME, (uint32_t)name_index(c, "__doc__"));
    }
    emit(c, BC_LOAD_GLOBAL, (uint32_t)name_index(c, "__name__"));
    emit(c, BC_STORE_NAME, (uint32_t)name_index(c, "__module__"));
    load_const(c, str_value(qualname));
    emit(c, BC_STORE_NAME, (uint32_t)name_index(c, "__qualname__"));
    compile_body(c, &n->u.classdef.body);
    load_const(c, NONE_VAL);
    emit(c, BC_RETURN, 0);
    ObjCode *code = builder_finish(c, n->u.classdef.name, NULL, n->line);
    builder_free(&cb);
    c->b = cb.parent;
    free(qualname);
    uint32_t flags = 0;
    emit_closure(c, code, &flags);
    load_const(c, OBJ_VAL(code));
    set_pos(c, n);
    emit(c, BC_MAKE_FUNCTION, flags);
    load_const(c, str_value(n->u.classdef.name));
    compile_list(c, &n->u.classdef.bases);
    set_pos(c, n);
    emit(c, BC_MAKE_CLASS, (uint32_t)n->u.classdef.bases.len);
    for (int i = decorators->len - 1; i >= 0; i--) emit(c, BC_CALL, 1);
    name_op(c, n->u.classdef.name, ACCESS_STORE);
}

// [x for a in A if p for b in B] compiles to a nested function called with
// iter(A), as in CPython 3.11: the loop variables stay local to it.
static void compile_comprehension(Compiler *c, const AstNode *n) {
    const AstList *gens = &n->u.comp.generators;
    Scope *scope = scope_for(c->scopes, n);
    const char *name = n->kind == AST_LISTCOMP ? "<listcomp>" : n->kind == AST_SETCOMP ? "<setcomp>"
                     : n->kind == AST_DICTCOMP ? "<dictcomp>" : "<genexpr>";
    char *qualname = make_qualname(c, name);
    CodeBuilder fb;
    builder_init(&fb, c->b, scope, CODE_FUNCTION);
    fb.qualname = qualname;
    c->b = &fb;
    declare_locals(c, NULL, true);
    bool is_gen = n->kind == AST_GENEXP;
    if (!is_gen) emit(c, n->kind == AST_LISTCOMP ? BC_BUILD_LIST : n->kind == AST_SETCOMP ? BC_BUILD_SET : BC_BUILD_DICT, 0);
    int loop_starts[32], loop_exits[32];
    int ngens = gens->len < 32 ? gens->len : 32;
    for (int i = 0; i < ngens; i++) {
        const AstNode *g = gens->items[i];
        if (i == 0) emit(c, BC_LOAD_FAST, 0);
        else {
            compile_expr(c, g->u.comprehension.iter);
            emit(c, BC_GET_ITER, 0);
        }
        loop_starts[i] = here(c);
        loop_exits[i] = emit(c, BC_FOR_ITER, 0);
        compile_store(c, g->u.comprehension.target);
        for (int j = 0; j < g->u.comprehension.ifs.len; j++) {
            compile_expr(c, g->u.comprehension.ifs.items[j]);
            emit(c, BC_POP_JUMP_IF_FALSE, (uint32_t)loop_starts[i]);
        }
    }
    uint32_t depth = (uint32_t)ngens + 1;   // the collection sits below one iterator per loop
    switch (n->kind) {
    case AST_LISTCOMP: compile_expr(c, n->u.comp.elt); emit(c, BC_LIST_APPEND, depth); break;
    case AST_SETCOMP: compile_expr(c, n->u.comp.elt); emit(c, BC_SET_ADD, depth); break;
    case AST_DICTCOMP:
        compile_expr(c, n->u.comp.key);
        compile_expr(c, n->u.comp.elt);
        emit(c, BC_MAP_ADD, depth);
        break;
    default:
        compile_expr(c, n->u.comp.elt);
        emit(c, BC_YIELD_VALUE, 0);
        emit(c, BC_POP, 0);
        break;
    }
    for (int i = ngens - 1; i >= 0; i--) {
        emit(c, BC_JUMP, (uint32_t)loop_starts[i]);
        patch(c, loop_exits[i], here(c));
        c->b->depth--;
    }
    if (is_gen) load_const(c, NONE_VAL);
    emit(c, BC_RETURN, 0);
    ObjCode *code = builder_finish(c, name, NULL, n->line);
    code->nparams_pos = 1;
    code->is_generator = is_gen;
    code->positional_only_call = !is_gen;
    builder_free(&fb);
    c->b = fb.parent;
    free(qualname);
    uint32_t flags = 0;
    emit_closure(c, code, &flags);
    load_const(c, OBJ_VAL(code));
    emit(c, BC_MAKE_FUNCTION, flags);
    compile_expr(c, gens->items[0]->u.comprehension.iter);
    set_pos(c, n);
    emit(c, BC_GET_ITER, 0);
    emit(c, BC_CALL, 1);
}

// ------------------------------------------------------------ statements

static FBlock *push_fblock(Compiler *c, FBlockKind kind, const AstNode *at) {
    if (c->b->nfblocks == 64) {
        error_at(c, at, "too many statically nested blocks");
        return &c->b->fblocks[63];
    }
    FBlock *f = &c->b->fblocks[c->b->nfblocks++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    return f;
}

static void pop_fblock(Compiler *c) {
    FBlock *f = &c->b->fblocks[--c->b->nfblocks];
    free(f->break_jumps);
}

// Emits the cleanup for leaving fblock [f] early. [preserve_tos]: a return
// value sits on top of the stack and must stay there.
static void unwind_fblock(Compiler *c, FBlock *f, bool preserve_tos) {
    switch (f->kind) {
    case FB_WHILE: break;
    case FB_FOR:
        if (preserve_tos) emit(c, BC_ROT2, 0);
        emit(c, BC_POP, 0);
        break;
    case FB_TRY:
        emit(c, BC_POP_BLOCK, 0);
        if (f->finalbody) {
            // The finally body runs outside this block and those inside it:
            // compile it with them hidden, then put them back.
            int index = (int)(f - c->b->fblocks), saved = c->b->nfblocks;
            FBlock hidden[64];
            memcpy(hidden, c->b->fblocks + index, sizeof(FBlock) * (size_t)(saved - index));
            c->b->nfblocks = index;
            push_fblock(c, FB_FINALLY_BODY, NULL);
            compile_body(c, hidden[0].finalbody);
            c->b->nfblocks--;
            memcpy(c->b->fblocks + index, hidden, sizeof(FBlock) * (size_t)(saved - index));
            c->b->nfblocks = saved;
        }
        break;
    case FB_FINALLY_BODY: break;
    case FB_HANDLER:
        if (preserve_tos) emit(c, BC_ROT2, 0);
        emit(c, BC_POP_EXCEPT, 0);
        if (f->handler_name) {
            load_const(c, NONE_VAL);
            name_op(c, f->handler_name, ACCESS_STORE);
        }
        break;
    case FB_WITH:
        emit(c, BC_POP_BLOCK, 0);
        if (preserve_tos) emit(c, BC_ROT2, 0);
        emit(c, BC_WITH_EXIT, 0);
        break;
    }
}

static void compile_break_continue(Compiler *c, const AstNode *n, bool is_break) {
    int i = c->b->nfblocks - 1;
    while (i >= 0 && c->b->fblocks[i].kind != FB_WHILE && c->b->fblocks[i].kind != FB_FOR) i--;
    if (i < 0) {
        error_at(c, n, is_break ? "'break' outside loop" : "'continue' not properly in loop");
        return;
    }
    int depth = c->b->depth;
    for (int j = c->b->nfblocks - 1; j > i; j--) unwind_fblock(c, &c->b->fblocks[j], false);
    FBlock *loop = &c->b->fblocks[i];
    if (is_break) {
        if (loop->kind == FB_FOR) emit(c, BC_POP, 0);
        if (loop->nbreaks == loop->cap_breaks) {
            loop->cap_breaks = loop->cap_breaks ? loop->cap_breaks * 2 : 4;
            loop->break_jumps = tl_xrealloc(loop->break_jumps, sizeof(int) * (size_t)loop->cap_breaks);
        }
        loop->break_jumps[loop->nbreaks++] = emit(c, BC_JUMP, 0);
    } else {
        emit(c, BC_JUMP, (uint32_t)loop->continue_target);
    }
    c->b->depth = depth;
}

static void compile_return(Compiler *c, const AstNode *n) {
    if (c->b->kind != CODE_FUNCTION) {
        error_at(c, n, "'return' outside function");
        return;
    }
    if (n->u.ret.value) compile_expr(c, n->u.ret.value);
    else load_const(c, NONE_VAL);
    int depth = c->b->depth;
    for (int j = c->b->nfblocks - 1; j >= 0; j--) unwind_fblock(c, &c->b->fblocks[j], true);
    set_pos(c, n);
    emit(c, BC_RETURN, 0);
    c->b->depth = depth - 1;
}

static void compile_while(Compiler *c, const AstNode *n) {
    int top = here(c);
    compile_expr(c, n->u.while_stmt.test);
    int exit_jump = emit(c, BC_POP_JUMP_IF_FALSE, 0);
    FBlock *f = push_fblock(c, FB_WHILE, n);
    f->continue_target = top;
    compile_body(c, &n->u.while_stmt.body);
    emit(c, BC_JUMP, (uint32_t)top);
    patch(c, exit_jump, here(c));
    f = &c->b->fblocks[c->b->nfblocks - 1];
    int nbreaks = f->nbreaks;
    int *breaks = f->break_jumps;
    f->break_jumps = NULL;
    pop_fblock(c);
    compile_body(c, &n->u.while_stmt.orelse);
    for (int i = 0; i < nbreaks; i++) patch(c, breaks[i], here(c));
    free(breaks);
}

static void compile_for(Compiler *c, const AstNode *n) {
    compile_expr(c, n->u.for_stmt.iter);
    set_pos(c, n->u.for_stmt.iter);
    emit(c, BC_GET_ITER, 0);
    int top = here(c);
    int exit_jump = emit(c, BC_FOR_ITER, 0);
    FBlock *f = push_fblock(c, FB_FOR, n);
    f->continue_target = top;
    compile_store(c, n->u.for_stmt.target);
    compile_body(c, &n->u.for_stmt.body);
    emit(c, BC_JUMP, (uint32_t)top);
    patch(c, exit_jump, here(c));
    c->b->depth--;   // FOR_ITER's exit pops the iterator
    f = &c->b->fblocks[c->b->nfblocks - 1];
    int nbreaks = f->nbreaks;
    int *breaks = f->break_jumps;
    f->break_jumps = NULL;
    pop_fblock(c);
    compile_body(c, &n->u.for_stmt.orelse);
    for (int i = 0; i < nbreaks; i++) patch(c, breaks[i], here(c));
    free(breaks);
}

static void compile_if(Compiler *c, const AstNode *n) {
    compile_expr(c, n->u.if_stmt.test);
    int to_else = emit(c, BC_POP_JUMP_IF_FALSE, 0);
    compile_body(c, &n->u.if_stmt.body);
    if (n->u.if_stmt.orelse.len) {
        int to_end = emit(c, BC_JUMP, 0);
        patch(c, to_else, here(c));
        compile_body(c, &n->u.if_stmt.orelse);
        patch(c, to_end, here(c));
    } else {
        patch(c, to_else, here(c));
    }
}

// try: body / except handlers / else / (finally is handled by the caller)
static void compile_try_except(Compiler *c, const AstNode *n) {
    const AstList *handlers = &n->u.try_stmt.handlers;
    int setup = emit(c, BC_SETUP_FINALLY, 0);
    int base_depth = c->b->depth;
    push_fblock(c, FB_TRY, n);
    compile_body(c, &n->u.try_stmt.body);
    pop_fblock(c);
    emit(c, BC_POP_BLOCK, 0);
    compile_body(c, &n->u.try_stmt.orelse);
    int to_end_jumps[128], nend = 0;
    to_end_jumps[nend++] = emit(c, BC_JUMP, 0);
    patch(c, setup, here(c));
    c->b->depth = base_depth + 1;   // the exception
    if (c->b->depth > c->b->max_depth) c->b->max_depth = c->b->depth;
    for (int i = 0; i < handlers->len; i++) {
        const AstNode *h = handlers->items[i];
        set_pos(c, h);
        int next = -1;
        if (h->u.handler.type) {
            compile_expr(c, h->u.handler.type);
            emit(c, BC_EXC_MATCH, 0);
            next = emit(c, BC_POP_JUMP_IF_FALSE, 0);
        } else if (i != handlers->len - 1) {
            error_at(c, h, "default 'except:' must be last");
        }
        if (h->u.handler.name) {
            emit(c, BC_DUP, 0);
            name_op(c, h->u.handler.name, ACCESS_STORE);
        }
        FBlock *f = push_fblock(c, FB_HANDLER, h);
        f->handler_name = h->u.handler.name;
        compile_body(c, &h->u.handler.body);
        pop_fblock(c);
        emit(c, BC_POP_EXCEPT, 0);
        if (h->u.handler.name) {
            load_const(c, NONE_VAL);
            name_op(c, h->u.handler.name, ACCESS_STORE);
            name_op(c, h->u.handler.name, ACCESS_DELETE);
        }
        if (nend < 128) to_end_jumps[nend++] = emit(c, BC_JUMP, 0);
        c->b->depth = base_depth + 1;
        if (next >= 0) patch(c, next, here(c));
    }
    emit(c, BC_RERAISE, 0);
    c->b->depth = base_depth;
    for (int i = 0; i < nend; i++) patch(c, to_end_jumps[i], here(c));
}

static void compile_try(Compiler *c, const AstNode *n) {
    const AstList *finalbody = &n->u.try_stmt.finalbody;
    if (!finalbody->len) {
        compile_try_except(c, n);
        return;
    }
    int setup = emit(c, BC_SETUP_FINALLY, 0);
    int base_depth = c->b->depth;
    FBlock *f = push_fblock(c, FB_TRY, n);
    f->finalbody = finalbody;
    if (n->u.try_stmt.handlers.len) compile_try_except(c, n);
    else compile_body(c, &n->u.try_stmt.body);
    pop_fblock(c);
    emit(c, BC_POP_BLOCK, 0);
    push_fblock(c, FB_FINALLY_BODY, n);
    compile_body(c, finalbody);
    pop_fblock(c);
    int to_end = emit(c, BC_JUMP, 0);
    patch(c, setup, here(c));
    c->b->depth = base_depth + 1;
    if (c->b->depth > c->b->max_depth) c->b->max_depth = c->b->depth;
    FBlock *h = push_fblock(c, FB_HANDLER, n);   // the exception is being handled here
    (void)h;
    compile_body(c, finalbody);
    pop_fblock(c);
    emit(c, BC_RERAISE, 0);
    c->b->depth = base_depth;
    patch(c, to_end, here(c));
}

static void compile_with_items(Compiler *c, const AstNode *n, int item) {
    const AstList *items = &n->u.with_stmt.items;
    if (item == items->len) {
        compile_body(c, &n->u.with_stmt.body);
        return;
    }
    const AstNode *it = items->items[item];
    compile_expr(c, it->u.with_item.context_expr);
    set_pos(c, it);
    emit(c, BC_BEFORE_WITH, 0);
    if (it->u.with_item.optional_vars) compile_store(c, it->u.with_item.optional_vars);
    else emit(c, BC_POP, 0);
    int setup = emit(c, BC_SETUP_FINALLY, 0);
    int base_depth = c->b->depth;   // [exit]
    push_fblock(c, FB_WITH, n);
    compile_with_items(c, n, item + 1);
    pop_fblock(c);
    emit(c, BC_POP_BLOCK, 0);
    set_pos(c, it);
    emit(c, BC_WITH_EXIT, 0);
    int to_end = emit(c, BC_JUMP, 0);
    patch(c, setup, here(c));
    c->b->depth = base_depth + 1;   // [exit exc]
    if (c->b->depth + 1 > c->b->max_depth) c->b->max_depth = c->b->depth + 1;
    emit(c, BC_WITH_EXCEPT, 0);
    c->b->depth++;
    int suppress = emit(c, BC_POP_JUMP_IF_TRUE, 0);
    emit(c, BC_RERAISE, 0);
    patch(c, suppress, here(c));
    c->b->depth = base_depth + 1;
    emit(c, BC_POP_EXCEPT, 0);
    emit(c, BC_POP, 0);
    c->b->depth = base_depth - 1;
    patch(c, to_end, here(c));
}

static void compile_import(Compiler *c, const AstNode *n) {
    for (int i = 0; i < n->u.import.aliases.len; i++) {
        const AstNode *a = n->u.import.aliases.items[i];
        const char *name = a->u.alias.name;
        set_pos(c, n);
        bool leaf = a->u.alias.asname != NULL;
        emit(c, BC_IMPORT_NAME, (uint32_t)name_index(c, name) | (leaf ? 1u << 23 : 0));
        if (leaf) {
            name_op(c, a->u.alias.asname, ACCESS_STORE);
        } else {
            const char *dot = strchr(name, '.');
            if (dot) {
                char *top = tl_xstrndup(name, (size_t)(dot - name));
                name_op(c, top, ACCESS_STORE);
                free(top);
            } else {
                name_op(c, name, ACCESS_STORE);
            }
        }
    }
}

static void compile_import_from(Compiler *c, const AstNode *n) {
    set_pos(c, n);
    const char *module = n->u.import.module ? n->u.import.module : "";
    emit(c, BC_IMPORT_NAME, (uint32_t)name_index(c, module) | (1u << 23));
    for (int i = 0; i < n->u.import.aliases.len; i++) {
        const AstNode *a = n->u.import.aliases.items[i];
        if (strcmp(a->u.alias.name, "*") == 0) {
            emit(c, BC_IMPORT_STAR, 0);
            return;
        }
        emit(c, BC_IMPORT_FROM, (uint32_t)name_index(c, a->u.alias.name));
        name_op(c, a->u.alias.asname ? a->u.alias.asname : a->u.alias.name, ACCESS_STORE);
    }
    emit(c, BC_POP, 0);
}

static void compile_stmt(Compiler *c, const AstNode *n) {
    if (c->failed) return;
    set_pos(c, n);
    switch (n->kind) {
    case AST_EXPR_STMT:
        compile_expr(c, n->u.expr_stmt.value);
        set_pos(c, n);
        emit(c, c->repl && c->b->kind == CODE_MODULE ? BC_PRINT_EXPR : BC_POP, 0);
        break;
    case AST_ASSIGN: {
        compile_expr(c, n->u.assign.value);
        int nt = n->u.assign.targets.len;
        for (int i = 0; i < nt; i++) {
            if (i < nt - 1) emit(c, BC_DUP, 0);
            compile_store(c, n->u.assign.targets.items[i]);
        }
        break;
    }
    case AST_AUGASSIGN: compile_augassign(c, n); break;
    case AST_ANNASSIGN:
        if (n->u.annassign.value) {
            compile_expr(c, n->u.annassign.value);
            compile_store(c, n->u.annassign.target);
        }
        break;
    case AST_DEL:
        for (int i = 0; i < n->u.del_stmt.targets.len; i++) compile_delete(c, n->u.del_stmt.targets.items[i]);
        break;
    case AST_PASS: break;
    case AST_BREAK: compile_break_continue(c, n, true); break;
    case AST_CONTINUE: compile_break_continue(c, n, false); break;
    case AST_RETURN: compile_return(c, n); break;
    case AST_IF: compile_if(c, n); break;
    case AST_WHILE: compile_while(c, n); break;
    case AST_FOR: compile_for(c, n); break;
    case AST_FUNCDEF: compile_decorated(c, &n->u.funcdef.decorators, n, n->u.funcdef.name); break;
    case AST_CLASSDEF: compile_class(c, n); break;
    case AST_GLOBAL: case AST_NONLOCAL: break;
    case AST_TRY: compile_try(c, n); break;
    case AST_RAISE:
        if (n->u.raise.exc) compile_expr(c, n->u.raise.exc);
        if (n->u.raise.cause) compile_expr(c, n->u.raise.cause);
        set_pos(c, n);
        emit(c, BC_RAISE, n->u.raise.exc ? (n->u.raise.cause ? 2 : 1) : 0);
        break;
    case AST_ASSERT: {
        compile_expr(c, n->u.assert_stmt.test);
        int ok = emit(c, BC_POP_JUMP_IF_TRUE, 0);
        set_pos(c, n);
        emit(c, BC_LOAD_ASSERTION_ERROR, 0);
        if (n->u.assert_stmt.msg) {
            compile_expr(c, n->u.assert_stmt.msg);
            emit(c, BC_CALL, 1);
        }
        set_pos(c, n);
        emit(c, BC_RAISE, 1);
        patch(c, ok, here(c));
        break;
    }
    case AST_WITH: compile_with_items(c, n, 0); break;
    case AST_IMPORT: compile_import(c, n); break;
    case AST_IMPORT_FROM: compile_import_from(c, n); break;
    default:
        compile_expr(c, n);
        emit(c, BC_POP, 0);
        break;
    }
}

static void compile_body(Compiler *c, const AstList *body) {
    for (int i = 0; i < body->len && !c->failed; i++) compile_stmt(c, body->items[i]);
}

ObjCode *compile_module(const AstModule *m, ObjSource *src, bool repl, ParseError *err) {
    Compiler c = {0};
    c.source = src;
    c.repl = repl;
    c.err = err;
    c.scopes = scope_analyze(m->root, err);
    if (!c.scopes) return NULL;
    CodeBuilder b;
    builder_init(&b, NULL, scope_root(c.scopes), CODE_MODULE);
    c.b = &b;
    const AstNode *doc = docstring_of(&m->root->u.module.body);
    if (doc && !repl) {
        load_const(&c, str_value_n(doc->u.str.data, (int64_t)doc->u.str.len));
        emit(&c, BC_STORE_GLOBAL, (uint32_t)name_index(&c, "__doc__"));
    }
    compile_body(&c, &m->root->u.module.body);
    load_const(&c, NONE_VAL);
    emit(&c, BC_RETURN, 0);
    ObjCode *code = c.failed ? NULL : builder_finish(&c, "<module>", NULL, 1);
    builder_free(&b);
    scope_table_free(c.scopes);
    return code;
}
