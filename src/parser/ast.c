// Freeing a tree, kind names, and ast_dump(): the tree printed the way
// CPython's ast.dump() prints it (same node and field names, same layout
// rules), minus what tl does not keep: ctx, type_ignores, type_comment,
// returns, is_async, kind and AnnAssign.simple. Tests compare it with
// CPython's output.
#include "parser/ast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/strbuf.h"
#include "parser/ast_arena.h"

void ast_free(AstModule *m) {
    if (!m) return;
    ast_arena_free(m->arena);
    free(m);
}

static const char *const kind_names[AST__COUNT] = {
    [AST_NAME] = "Name", [AST_INT] = "Int", [AST_FLOAT] = "Float", [AST_STR] = "Str",
    [AST_FSTRING] = "FString", [AST_FORMATTED] = "Formatted", [AST_NONE] = "None",
    [AST_TRUE] = "True", [AST_FALSE] = "False", [AST_ELLIPSIS] = "Ellipsis",
    [AST_BINOP] = "BinOp", [AST_UNARYOP] = "UnaryOp", [AST_BOOLOP] = "BoolOp",
    [AST_COMPARE] = "Compare", [AST_IFEXP] = "IfExp", [AST_LAMBDA] = "Lambda",
    [AST_CALL] = "Call", [AST_ATTRIBUTE] = "Attribute", [AST_SUBSCRIPT] = "Subscript",
    [AST_SLICE] = "Slice", [AST_STARRED] = "Starred", [AST_TUPLE] = "Tuple", [AST_LIST] = "List",
    [AST_SET] = "Set", [AST_DICT] = "Dict", [AST_LISTCOMP] = "ListComp", [AST_SETCOMP] = "SetComp",
    [AST_GENEXP] = "GeneratorExp", [AST_DICTCOMP] = "DictComp", [AST_YIELD] = "Yield",
    [AST_YIELD_FROM] = "YieldFrom", [AST_NAMED_EXPR] = "NamedExpr", [AST_MODULE] = "Module",
    [AST_EXPR_STMT] = "Expr", [AST_ASSIGN] = "Assign", [AST_AUGASSIGN] = "AugAssign",
    [AST_ANNASSIGN] = "AnnAssign", [AST_DEL] = "Delete", [AST_PASS] = "Pass", [AST_BREAK] = "Break",
    [AST_CONTINUE] = "Continue", [AST_RETURN] = "Return", [AST_IF] = "If", [AST_WHILE] = "While",
    [AST_FOR] = "For", [AST_FUNCDEF] = "FunctionDef", [AST_CLASSDEF] = "ClassDef",
    [AST_GLOBAL] = "Global", [AST_NONLOCAL] = "Nonlocal", [AST_TRY] = "Try",
    [AST_EXCEPT_HANDLER] = "ExceptHandler", [AST_RAISE] = "Raise", [AST_ASSERT] = "Assert",
    [AST_WITH] = "With", [AST_WITH_ITEM] = "withitem", [AST_IMPORT] = "Import",
    [AST_IMPORT_FROM] = "ImportFrom", [AST_ALIAS] = "alias", [AST_KEYWORD] = "keyword",
    [AST_COMPREHENSION] = "comprehension",
};

const char *ast_kind_name(AstKind k) {
    return (unsigned)k < AST__COUNT && kind_names[k] ? kind_names[k] : "?";
}

// ---- Python reprs of constants ----

// Code points Python's repr() escapes beyond ASCII controls: the
// non-printable ones tutorial text meets (spaces, format characters,
// private use, noncharacters); not the whole Unicode database.
static int nonprintable(unsigned cp) {
    return (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x34F || cp == 0x61C ||
           cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 ||
           (cp >= 0xD800 && cp <= 0xF8FF) || cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFB) ||
           cp == 0xFFFE || cp == 0xFFFF || cp >= 0xE0000;
}

static void repr_str(StrBuf *sb, const char *s, size_t n) {
    int has_single = memchr(s, '\'', n) != NULL, has_double = memchr(s, '"', n) != NULL;
    char q = has_single && !has_double ? '"' : '\'';
    sb_append_char(sb, q);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == (unsigned char)q) {
            sb_printf(sb, "\\%c", c);
        } else if (c == '\n') {
            sb_append(sb, "\\n");
        } else if (c == '\r') {
            sb_append(sb, "\\r");
        } else if (c == '\t') {
            sb_append(sb, "\\t");
        } else if (c < 0x20 || c == 0x7F) {
            sb_printf(sb, "\\x%02x", c);
        } else if (c < 0x80) {
            sb_append_char(sb, (char)c);
        } else {
            int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (i + (size_t)len > n) len = (int)(n - i);
            unsigned cp = c & (0x7F >> len);
            for (int k = 1; k < len; k++) cp = cp << 6 | ((unsigned char)s[i + k] & 0x3F);
            if (!nonprintable(cp)) sb_append_n(sb, s + i, (size_t)len);
            else if (cp < 0x100) sb_printf(sb, "\\x%02x", cp);
            else if (cp < 0x10000) sb_printf(sb, "\\u%04x", cp);
            else sb_printf(sb, "\\U%08x", cp);
            i += (size_t)len - 1;
        }
    }
    sb_append_char(sb, q);
}

// Python's repr(float): the shortest digits that read back the same,
// positional for exponents -4..15, scientific otherwise.
static void repr_float(StrBuf *sb, double v) {
    if (isnan(v)) { sb_append(sb, "nan"); return; }
    if (isinf(v)) { sb_append(sb, v < 0 ? "-inf" : "inf"); return; }
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v) break;
    }
    char digits[24];
    int nd = 0;
    const char *s = buf;
    if (*s == '-') sb_append_char(sb, *s++);
    for (; *s != 'e'; s++)
        if (*s != '.') digits[nd++] = *s;
    int exp = atoi(s + 1);
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            sb_append(sb, "0.");
            sb_repeat(sb, '0', (size_t)(-exp - 1));
            sb_append_n(sb, digits, (size_t)nd);
        } else {
            for (int i = 0; i <= exp; i++) sb_append_char(sb, i < nd ? digits[i] : '0');
            sb_append_char(sb, '.');
            if (nd > exp + 1) sb_append_n(sb, digits + exp + 1, (size_t)(nd - exp - 1));
            else sb_append_char(sb, '0');
        }
    } else {
        sb_append_char(sb, digits[0]);
        if (nd > 1) {
            sb_append_char(sb, '.');
            sb_append_n(sb, digits + 1, (size_t)(nd - 1));
        }
        sb_printf(sb, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
    }
}

// ---- ast.dump's layout ----

// One formatted value: its text and whether ast.dump counts it "simple"
// (a node without fields, an empty list, a constant).
typedef struct {
    char *text;
    int simple;
} Fmt;

typedef struct {
    const char *cls;
    const char *names[8];
    Fmt values[8];
    int n;
    int level, indent;
} Fields;

static Fmt fmt_node(const AstNode *n, int level, int indent);

static Fmt fmt_text(StrBuf *sb, int simple) {
    Fmt f = {sb_steal(sb), simple};
    return f;
}

static void fields_start(Fields *f, const char *cls, int level, int indent) {
    f->cls = cls;
    f->n = 0;
    f->level = level;
    f->indent = indent;
}

static void add_fmt(Fields *f, const char *name, Fmt v) {
    f->names[f->n] = name;
    f->values[f->n++] = v;
}

// An optional node field: left out when NULL, as ast.dump does.
static void add_node(Fields *f, const char *name, const AstNode *n) {
    if (n) add_fmt(f, name, fmt_node(n, f->level, f->indent));
}

static void add_str(Fields *f, const char *name, const char *s) {
    if (!s) return;
    StrBuf sb = STRBUF_INIT;
    repr_str(&sb, s, strlen(s));
    add_fmt(f, name, fmt_text(&sb, 1));
}

static void add_int(Fields *f, const char *name, long long v) {
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%lld", v);
    add_fmt(f, name, fmt_text(&sb, 1));
}

// '\n' plus the indentation of [level], or "" on one line.
static void newline(StrBuf *sb, int level, int indent) {
    if (indent <= 0) return;
    sb_append_char(sb, '\n');
    sb_repeat(sb, ' ', (size_t)(level * indent));
}

static Fmt join_list(Fmt *items, int n, int level, int indent) {
    StrBuf sb = STRBUF_INIT;
    if (n == 0) {
        sb_append(&sb, "[]");
        return fmt_text(&sb, 1);
    }
    sb_append_char(&sb, '[');
    for (int i = 0; i < n; i++) {
        if (i) sb_append_char(&sb, ',');
        if (i && indent <= 0) sb_append_char(&sb, ' ');
        newline(&sb, level, indent);
        sb_append(&sb, items[i].text);
        free(items[i].text);
    }
    sb_append_char(&sb, ']');
    return fmt_text(&sb, 0);
}

// A list of nodes; NULL entries print as None (dict keys, kw_defaults).
static void add_nodes(Fields *f, const char *name, AstNode *const *items, int n) {
    int level = f->level + 1;
    Fmt *fmts = tl_xmalloc(sizeof(Fmt) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        if (items[i]) {
            fmts[i] = fmt_node(items[i], level, f->indent);
        } else {
            StrBuf sb = STRBUF_INIT;
            sb_append(&sb, "None");
            fmts[i] = fmt_text(&sb, 1);
        }
    }
    add_fmt(f, name, join_list(fmts, n, level, f->indent));
    free(fmts);
}

static void add_list(Fields *f, const char *name, AstList l) {
    add_nodes(f, name, l.items, l.len);
}

static void add_names(Fields *f, const char *name, const char *const *names, int n) {
    Fmt *fmts = tl_xmalloc(sizeof(Fmt) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        StrBuf sb = STRBUF_INIT;
        repr_str(&sb, names[i], strlen(names[i]));
        fmts[i] = fmt_text(&sb, 1);
    }
    add_fmt(f, name, join_list(fmts, n, f->level + 1, f->indent));
    free(fmts);
}

static Fmt fields_end(Fields *f) {
    StrBuf sb = STRBUF_INIT;
    int all_simple = 1;
    for (int i = 0; i < f->n; i++) all_simple &= f->values[i].simple;
    sb_printf(&sb, "%s(", f->cls);
    int inline_ = all_simple && f->n <= 3;
    for (int i = 0; i < f->n; i++) {
        if (i) sb_append(&sb, inline_ || f->indent <= 0 ? ", " : ",");
        if (!inline_) newline(&sb, f->level, f->indent);
        sb_printf(&sb, "%s=%s", f->names[i], f->values[i].text);
        free(f->values[i].text);
    }
    sb_append_char(&sb, ')');
    return fmt_text(&sb, inline_ && f->n == 0);
}

static Fmt leaf(const char *cls) {
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s()", cls);
    return fmt_text(&sb, 1);
}

static const char *const binop_names[BIN__COUNT] = {
    [BIN_ADD] = "Add", [BIN_SUB] = "Sub", [BIN_MUL] = "Mult", [BIN_MATMUL] = "MatMult",
    [BIN_TRUEDIV] = "Div", [BIN_FLOORDIV] = "FloorDiv", [BIN_MOD] = "Mod", [BIN_POW] = "Pow",
    [BIN_LSHIFT] = "LShift", [BIN_RSHIFT] = "RShift", [BIN_AND] = "BitAnd", [BIN_OR] = "BitOr",
    [BIN_XOR] = "BitXor",
};
static const char *const unop_names[UN__COUNT] = {
    [UN_NEG] = "USub", [UN_POS] = "UAdd", [UN_INVERT] = "Invert", [UN_NOT] = "Not",
};
static const char *const cmpop_names[CMP__COUNT] = {
    [CMP_LT] = "Lt", [CMP_LE] = "LtE", [CMP_EQ] = "Eq", [CMP_NE] = "NotEq", [CMP_GT] = "Gt",
    [CMP_GE] = "GtE", [CMP_IN] = "In", [CMP_NOT_IN] = "NotIn", [CMP_IS] = "Is", [CMP_IS_NOT] = "IsNot",
};

static Fmt fmt_arg(const AstParam *prm, int level, int indent) {
    Fields f;
    fields_start(&f, "arg", level + 1, indent);
    add_str(&f, "arg", prm->name);
    add_node(&f, "annotation", prm->annotation);
    return fields_end(&f);
}

// A list of `arg` nodes: the params of [ps] for which [pick] holds.
static void add_args(Fields *f, const char *name, const AstParams *ps, int from, int to, ParamKind kind) {
    Fmt *fmts = tl_xmalloc(sizeof(Fmt) * (size_t)(ps->len + 1));
    int n = 0;
    for (int i = from; i < to; i++)
        if (ps->items[i].kind == kind) fmts[n++] = fmt_arg(&ps->items[i], f->level + 1, f->indent);
    add_fmt(f, name, join_list(fmts, n, f->level + 1, f->indent));
    free(fmts);
}

// AstParams as CPython's `arguments` node.
static Fmt fmt_params(const AstParams *ps, int level, int indent) {
    Fields f;
    fields_start(&f, "arguments", level + 1, indent);
    add_args(&f, "posonlyargs", ps, 0, ps->posonly_count, PARAM_POSITIONAL);
    add_args(&f, "args", ps, ps->posonly_count, ps->len, PARAM_POSITIONAL);
    AstNode **defaults = tl_xmalloc(sizeof(AstNode *) * (size_t)(ps->len + 1));
    for (int i = 0; i < ps->len; i++)
        if (ps->items[i].kind == PARAM_VARARGS)
            add_fmt(&f, "vararg", fmt_arg(&ps->items[i], f.level, indent));
    add_args(&f, "kwonlyargs", ps, 0, ps->len, PARAM_KEYWORD_ONLY);
    int n = 0;
    for (int i = 0; i < ps->len; i++)
        if (ps->items[i].kind == PARAM_KEYWORD_ONLY) defaults[n++] = ps->items[i].default_value;
    add_nodes(&f, "kw_defaults", defaults, n);
    for (int i = 0; i < ps->len; i++)
        if (ps->items[i].kind == PARAM_VARKW)
            add_fmt(&f, "kwarg", fmt_arg(&ps->items[i], f.level, indent));
    n = 0;
    for (int i = 0; i < ps->len; i++)
        if (ps->items[i].kind == PARAM_POSITIONAL && ps->items[i].default_value)
            defaults[n++] = ps->items[i].default_value;
    add_nodes(&f, "defaults", defaults, n);
    free(defaults);
    return fields_end(&f);
}

static Fmt fmt_constant(const AstNode *n, int level, int indent) {
    Fields f;
    fields_start(&f, "Constant", level, indent);
    StrBuf sb = STRBUF_INIT;
    switch (n->kind) {
    case AST_INT: sb_printf(&sb, "%lld", (long long)n->u.int_value); break;
    case AST_FLOAT: repr_float(&sb, n->u.float_value); break;
    case AST_STR: repr_str(&sb, n->u.str.data, n->u.str.len); break;
    case AST_NONE: sb_append(&sb, "None"); break;
    case AST_TRUE: sb_append(&sb, "True"); break;
    case AST_FALSE: sb_append(&sb, "False"); break;
    default: sb_append(&sb, "Ellipsis"); break;
    }
    add_fmt(&f, "value", fmt_text(&sb, 1));
    return fields_end(&f);
}

static Fmt fmt_expr(const AstNode *n, Fields *f) {
    switch (n->kind) {
    case AST_NAME: add_str(f, "id", n->u.name.id); break;
    case AST_FSTRING: add_list(f, "values", n->u.fstring.parts); break;
    case AST_FORMATTED:
        add_node(f, "value", n->u.formatted.value);
        add_int(f, "conversion", n->u.formatted.conversion ? n->u.formatted.conversion : -1);
        add_node(f, "format_spec", n->u.formatted.format_spec);
        break;
    case AST_BINOP:
        add_node(f, "left", n->u.binop.left);
        add_fmt(f, "op", leaf(binop_names[n->u.binop.op]));
        add_node(f, "right", n->u.binop.right);
        break;
    case AST_UNARYOP:
        add_fmt(f, "op", leaf(unop_names[n->u.unaryop.op]));
        add_node(f, "operand", n->u.unaryop.operand);
        break;
    case AST_BOOLOP:
        add_fmt(f, "op", leaf(n->u.boolop.is_and ? "And" : "Or"));
        add_list(f, "values", n->u.boolop.values);
        break;
    case AST_COMPARE: {
        add_node(f, "left", n->u.compare.left);
        int k = n->u.compare.comparators.len;
        Fmt *ops = tl_xmalloc(sizeof(Fmt) * (size_t)k);
        for (int i = 0; i < k; i++) ops[i] = leaf(cmpop_names[n->u.compare.ops[i]]);
        add_fmt(f, "ops", join_list(ops, k, f->level + 1, f->indent));
        free(ops);
        add_list(f, "comparators", n->u.compare.comparators);
        break;
    }
    case AST_IFEXP:
        add_node(f, "test", n->u.ifexp.test);
        add_node(f, "body", n->u.ifexp.body);
        add_node(f, "orelse", n->u.ifexp.orelse);
        break;
    case AST_LAMBDA:
        add_fmt(f, "args", fmt_params(&n->u.lambda.params, f->level, f->indent));
        add_node(f, "body", n->u.lambda.body);
        break;
    case AST_CALL:
        add_node(f, "func", n->u.call.func);
        add_list(f, "args", n->u.call.args);
        add_list(f, "keywords", n->u.call.keywords);
        break;
    case AST_ATTRIBUTE:
        add_node(f, "value", n->u.attribute.value);
        add_str(f, "attr", n->u.attribute.attr);
        break;
    case AST_SUBSCRIPT:
        add_node(f, "value", n->u.subscript.value);
        add_node(f, "slice", n->u.subscript.index);
        break;
    case AST_SLICE:
        add_node(f, "lower", n->u.slice.lower);
        add_node(f, "upper", n->u.slice.upper);
        add_node(f, "step", n->u.slice.step);
        break;
    case AST_STARRED: add_node(f, "value", n->u.starred.value); break;
    case AST_TUPLE: case AST_LIST: case AST_SET: add_list(f, "elts", n->u.seq.elts); break;
    case AST_DICT:
        add_list(f, "keys", n->u.dict.keys);
        add_list(f, "values", n->u.dict.values);
        break;
    case AST_LISTCOMP: case AST_SETCOMP: case AST_GENEXP:
        add_node(f, "elt", n->u.comp.elt);
        add_list(f, "generators", n->u.comp.generators);
        break;
    case AST_DICTCOMP:
        add_node(f, "key", n->u.comp.key);
        add_node(f, "value", n->u.comp.elt);
        add_list(f, "generators", n->u.comp.generators);
        break;
    case AST_YIELD: case AST_YIELD_FROM: add_node(f, "value", n->u.yield.value); break;
    case AST_NAMED_EXPR:
        add_node(f, "target", n->u.named.target);
        add_node(f, "value", n->u.named.value);
        break;
    default: break;
    }
    return fields_end(f);
}

static Fmt fmt_stmt(const AstNode *n, Fields *f) {
    switch (n->kind) {
    case AST_MODULE: add_list(f, "body", n->u.module.body); break;
    case AST_EXPR_STMT: add_node(f, "value", n->u.expr_stmt.value); break;
    case AST_ASSIGN:
        add_list(f, "targets", n->u.assign.targets);
        add_node(f, "value", n->u.assign.value);
        break;
    case AST_AUGASSIGN:
        add_node(f, "target", n->u.augassign.target);
        add_fmt(f, "op", leaf(binop_names[n->u.augassign.op]));
        add_node(f, "value", n->u.augassign.value);
        break;
    case AST_ANNASSIGN:
        add_node(f, "target", n->u.annassign.target);
        add_node(f, "annotation", n->u.annassign.annotation);
        add_node(f, "value", n->u.annassign.value);
        break;
    case AST_DEL: add_list(f, "targets", n->u.del_stmt.targets); break;
    case AST_RETURN: add_node(f, "value", n->u.ret.value); break;
    case AST_IF: case AST_WHILE:
        add_node(f, "test", n->u.if_stmt.test);
        add_list(f, "body", n->u.if_stmt.body);
        add_list(f, "orelse", n->u.if_stmt.orelse);
        break;
    case AST_FOR:
        add_node(f, "target", n->u.for_stmt.target);
        add_node(f, "iter", n->u.for_stmt.iter);
        add_list(f, "body", n->u.for_stmt.body);
        add_list(f, "orelse", n->u.for_stmt.orelse);
        break;
    case AST_FUNCDEF:
        add_str(f, "name", n->u.funcdef.name);
        add_fmt(f, "args", fmt_params(&n->u.funcdef.params, f->level, f->indent));
        add_list(f, "body", n->u.funcdef.body);
        add_list(f, "decorator_list", n->u.funcdef.decorators);
        break;
    case AST_CLASSDEF:
        add_str(f, "name", n->u.classdef.name);
        add_list(f, "bases", n->u.classdef.bases);
        add_list(f, "keywords", n->u.classdef.keywords);
        add_list(f, "body", n->u.classdef.body);
        add_list(f, "decorator_list", n->u.classdef.decorators);
        break;
    case AST_GLOBAL: case AST_NONLOCAL: add_names(f, "names", n->u.names.names, n->u.names.len); break;
    case AST_TRY:
        add_list(f, "body", n->u.try_stmt.body);
        add_list(f, "handlers", n->u.try_stmt.handlers);
        add_list(f, "orelse", n->u.try_stmt.orelse);
        add_list(f, "finalbody", n->u.try_stmt.finalbody);
        break;
    case AST_EXCEPT_HANDLER:
        add_node(f, "type", n->u.handler.type);
        add_str(f, "name", n->u.handler.name);
        add_list(f, "body", n->u.handler.body);
        break;
    case AST_RAISE:
        add_node(f, "exc", n->u.raise.exc);
        add_node(f, "cause", n->u.raise.cause);
        break;
    case AST_ASSERT:
        add_node(f, "test", n->u.assert_stmt.test);
        add_node(f, "msg", n->u.assert_stmt.msg);
        break;
    case AST_WITH:
        add_list(f, "items", n->u.with_stmt.items);
        add_list(f, "body", n->u.with_stmt.body);
        break;
    case AST_WITH_ITEM:
        add_node(f, "context_expr", n->u.with_item.context_expr);
        add_node(f, "optional_vars", n->u.with_item.optional_vars);
        break;
    case AST_IMPORT: add_list(f, "names", n->u.import.aliases); break;
    case AST_IMPORT_FROM:
        add_str(f, "module", n->u.import.module);
        add_list(f, "names", n->u.import.aliases);
        add_int(f, "level", n->u.import.level);
        break;
    case AST_ALIAS:
        add_str(f, "name", n->u.alias.name);
        add_str(f, "asname", n->u.alias.asname);
        break;
    case AST_KEYWORD:
        add_str(f, "arg", n->u.keyword.arg);
        add_node(f, "value", n->u.keyword.value);
        break;
    case AST_COMPREHENSION:
        add_node(f, "target", n->u.comprehension.target);
        add_node(f, "iter", n->u.comprehension.iter);
        add_list(f, "ifs", n->u.comprehension.ifs);
        break;
    default: break;
    }
    return fields_end(f);
}

// CPython's _format(): every call goes one level deeper.
static Fmt fmt_node(const AstNode *n, int level, int indent) {
    level++;
    switch (n->kind) {
    case AST_INT: case AST_FLOAT: case AST_STR: case AST_NONE: case AST_TRUE: case AST_FALSE:
    case AST_ELLIPSIS:
        return fmt_constant(n, level, indent);
    case AST_PASS: return leaf("Pass");
    case AST_BREAK: return leaf("Break");
    case AST_CONTINUE: return leaf("Continue");
    default: break;
    }
    Fields f;
    const char *cls = n->kind == AST_FSTRING ? "JoinedStr" : n->kind == AST_FORMATTED
                    ? "FormattedValue" : ast_kind_name(n->kind);
    fields_start(&f, cls, level, indent);
    return n->kind < AST_MODULE ? fmt_expr(n, &f) : fmt_stmt(n, &f);
}

void ast_dump(const AstNode *n, int indent) {
    Fmt f = fmt_node(n, 0, indent);
    printf("%s\n", f.text);
    free(f.text);
}
