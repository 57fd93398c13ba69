// Parse + compile in one call, turning a ParseError into a SyntaxError
// exception that carries filename, line, offset and text for the traceback.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "parser/compile.h"
#include "vm/disasm.h"

static void raise_syntax_error(const ParseError *err, const char *filename) {
    Value msg = str_value(err->msg);
    Value exc = val_call(OBJ_VAL(exc_class_for_kind(err->kind)), 1, &msg, NULL);
    val_decref(msg);
    if (IS_ERR(exc)) return;
    Value fn = str_value(filename), text = str_value(err->text);
    val_setattr(exc, str_intern("filename"), fn);
    val_setattr(exc, str_intern("lineno"), INT_VAL(err->line));
    val_setattr(exc, str_intern("offset"), INT_VAL(err->col));
    val_setattr(exc, str_intern("text"), text);
    val_setattr(exc, str_intern("msg"), OBJ_VAL(((ObjException *)exc.as.o)->args->items[0].as.o));
    val_decref(fn);
    val_decref(text);
    exc_raise_value(exc);
}

// Fills err->text from the source when the reporter left it empty.
static void fill_text(ParseError *err, const char *src) {
    if (err->text[0] || err->line < 1) return;
    const char *p = src;
    for (int i = 1; i < err->line && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return;
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n >= sizeof err->text) n = sizeof err->text - 1;
    memcpy(err->text, p, n);
    err->text[n] = '\0';
}

ObjCode *compile_source(const char *text, const char *filename, bool repl) {
    AstModule *m = NULL;
    ParseError err;
    memset(&err, 0, sizeof err);
    ParseStatus st = parse_source(text, filename, repl, &m, &err);
    if (st != PARSE_OK) {
        if (st == PARSE_INCOMPLETE) {
            err.kind = ERR_SYNTAX;
            snprintf(err.msg, sizeof err.msg, "unexpected EOF while parsing");
        }
        fill_text(&err, text);
        raise_syntax_error(&err, filename);
        ast_free(m);
        return NULL;
    }
    ObjSource *src = (ObjSource *)obj_alloc(&type_source, sizeof(ObjSource));
    src->filename = tl_xstrdup(filename);
    src->text = tl_xstrdup(text);
    ObjCode *code = compile_module(m, src, repl, &err);
    obj_decref(src);
    ast_free(m);
    if (!code) {
        fill_text(&err, text);
        raise_syntax_error(&err, filename);
    } else if (getenv("TL_DIS")) {
        disasm_code(code);
    }
    return code;
}
