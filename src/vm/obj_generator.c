// Generators: a suspended heap frame resumed by next()/send(). Each resume
// re-enters the dispatch loop until the frame yields or returns.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm_internal.h"

static void generator_dealloc(Obj *o) {
    ObjGenerator *g = (ObjGenerator *)o;
    if (g->frame) vm_frame_release(g->frame);
    obj_decref(g->name);
}

static void generator_traverse(Obj *o, VisitFn visit, void *ctx) {
    ObjGenerator *g = (ObjGenerator *)o;
    if (!g->frame) return;
    for (Value *v = g->frame->slots; v < g->frame->sp; v++)
        if (IS_OBJ(*v)) visit(v->as.o, ctx);
}

static void generator_clear(Obj *o) {
    ObjGenerator *g = (ObjGenerator *)o;
    if (g->frame && !g->running) {
        Frame *f = g->frame;
        g->frame = NULL;
        vm_frame_release(f);
    }
}

Value vm_generator_new(Frame *f) {
    ObjGenerator *g = (ObjGenerator *)obj_alloc(&type_generator, sizeof(ObjGenerator));
    if (!g) {
        vm_frame_release(f);
        return VAL_ERROR;
    }
    g->frame = f;
    g->name = obj_incref(f->code->name);
    return OBJ_VAL(g);
}

// Resumes [g] with [sent] pushed (None for next()). Returns the yielded
// value, VAL_UNDEF when the generator finished, or VAL_ERROR.
static Value generator_resume(ObjGenerator *g, Value sent, bool first_needs_none) {
    if (!g->frame) return VAL_UNDEFINED;
    if (g->running) return exc_raise(exc_class_for_kind(ERR_VALUE), "generator already executing");
    Frame *f = g->frame;
    bool started = f->ip != f->code->code;
    if (!started && first_needs_none && !IS_NONE(sent))
        return exc_raise(exc_TypeError, "can't send non-None value to a just-started generator");
    if (started) *f->sp++ = val_incref(sent);
    g->running = true;
    Value r = vm_run_frame(f);
    g->running = false;
    if (f->ip == NULL) {   // returned or raised: the frame is finished
        g->frame = NULL;
        vm_frame_release(f);
        if (IS_ERR(r)) {
            if (tl_error_kind() == ERR_OBJECT) {
                Value e = exc_take_pending();
                if (val_isinstance(e, exc_StopIteration)) {
                    val_decref(e);
                    return exc_raise(exc_RuntimeError, "generator raised StopIteration");
                }
                exc_raise_value(e);
            }
            return VAL_ERROR;
        }
        val_decref(r);
        return VAL_UNDEFINED;
    }
    return r;
}

static Value generator_iter(Value self) { return val_incref(self); }

static Value generator_next(Value self) {
    return generator_resume((ObjGenerator *)self.as.o, NONE_VAL, false);
}

static Value generator_send(int nargs, Value *args, const KwArgs *kw) {
    (void)kw;
    if (arg_check_count("send", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    Value r = generator_resume((ObjGenerator *)args[0].as.o, args[1], true);
    if (IS_UNDEF(r)) return exc_raise(exc_StopIteration, "%s", "");
    return r;
}

static Value generator_close(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)kw;
    generator_clear(args[0].as.o);
    return NONE_VAL;
}

static Value generator_repr(Value self) {
    ObjGenerator *g = (ObjGenerator *)self.as.o;
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "<generator object %s at %p>", g->name->data, (void *)g);
    return str_from_buf(&sb);
}

static const NativeMethodDef generator_methods[] = {
    {"send", generator_send, NULL},
    {"close", generator_close, NULL},
    {NULL, NULL, NULL},
};

TypeObj type_generator = {
    .name = "generator", .is_native = true, .is_abstract_native = true,
    .dealloc = generator_dealloc, .traverse = generator_traverse, .clear = generator_clear,
    .iter = generator_iter, .next = generator_next, .repr = generator_repr, .methods = generator_methods,
};
