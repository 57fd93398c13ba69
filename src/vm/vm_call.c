// Calls into tl functions: binding arguments to parameters and allocating
// frames. Ordinary frames live on one contiguous value stack; a generator's
// frame lives on the heap so it can be suspended.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/class.h"
#include "vm/vm_internal.h"

static Value missing_args_error(ObjFunction *fn, const char *kind, ObjStr **names, int n) {
    StrBuf sb = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i) sb_append(&sb, n == 2 ? " and " : (i == n - 1 ? ", and " : ", "));
        sb_printf(&sb, "'%s'", names[i]->data);
    }
    Value e = exc_raise(exc_TypeError, "%s() missing %d required %s argument%s: %s", fn->name->data, n, kind,
                        n == 1 ? "" : "s", sb_cstr(&sb));
    sb_free(&sb);
    return e;
}

static int too_many_positional(ObjFunction *fn, int given, int ndefaults) {
    ObjCode *c = fn->code;
    int max = c->nparams_pos, min = max - ndefaults;
    char expected[64];
    if (min == max) snprintf(expected, sizeof expected, "%d positional argument%s", max, max == 1 ? "" : "s");
    else snprintf(expected, sizeof expected, "from %d to %d positional arguments", min, max);
    exc_raise(exc_TypeError, "%s() takes %s but %d %s given", fn->name->data, expected, given,
              given == 1 ? "was" : "were");
    return -1;
}

// Fills slots[0..nlocals) from the call's arguments.
static int bind_args(ObjFunction *fn, Value *slots, Value self, int nargs, Value *args, const KwArgs *kw) {
    ObjCode *c = fn->code;
    int npos = c->nparams_pos;
    int total_given = nargs + (IS_UNDEF(self) ? 0 : 1);
    int ndefaults = fn->defaults ? (int)fn->defaults->len : 0;
    int kwonly_start = npos + (c->has_varargs ? 1 : 0);
    int varkw_slot = kwonly_start + c->nparams_kwonly;
    ObjList *extra_pos = NULL;
    ObjDict *extra_kw = NULL;

    // positional
    int p = 0;
    if (!IS_UNDEF(self)) {
        if (npos == 0 && !c->has_varargs) return too_many_positional(fn, total_given, ndefaults);
        if (npos > 0) slots[p++] = val_incref(self);
    }
    int ai = 0;
    for (; ai < nargs && p < npos; ai++) slots[p++] = val_incref(args[ai]);
    if (c->has_varargs) {
        int first_extra = ai;
        ObjTuple *t = tuple_new(nargs - ai + ((!IS_UNDEF(self) && npos == 0) ? 1 : 0));
        int k = 0;
        if (!IS_UNDEF(self) && npos == 0) t->items[k++] = val_incref(self);
        for (int i = first_extra; i < nargs; i++) t->items[k++] = val_incref(args[i]);
        slots[npos] = OBJ_VAL(t);
    } else if (ai < nargs) {
        return too_many_positional(fn, total_given, ndefaults);
    }
    (void)extra_pos;
    if (c->has_varkw) {
        extra_kw = dict_new();
        slots[varkw_slot] = OBJ_VAL(extra_kw);
    }

    // keywords
    for (int k = 0; kw && k < kw->n; k++) {
        ObjStr *name = kw->names[k];
        int slot = -1;
        for (int i = c->nposonly; i < npos; i++)
            if (c->local_names[i] == name || str_eq(c->local_names[i], name)) { slot = i; break; }
        if (slot < 0)
            for (int i = kwonly_start; i < varkw_slot; i++)
                if (c->local_names[i] == name || str_eq(c->local_names[i], name)) { slot = i; break; }
        if (slot < 0) {
            if (extra_kw) {
                if (dict_set_str(extra_kw, name, kw->values[k]) < 0) return -1;
                continue;
            }
            exc_raise(exc_TypeError, "%s() got an unexpected keyword argument '%s'", fn->name->data, name->data);
            return -1;
        }
        if (!IS_UNDEF(slots[slot])) {
            exc_raise(exc_TypeError, "%s() got multiple values for argument '%s'", fn->name->data, name->data);
            return -1;
        }
        slots[slot] = val_incref(kw->values[k]);
    }

    // defaults and missing
    ObjStr *missing[64];
    int nmissing = 0;
    for (int i = 0; i < npos; i++) {
        if (!IS_UNDEF(slots[i])) continue;
        int d = i - (npos - ndefaults);
        if (d >= 0) slots[i] = val_incref(fn->defaults->items[d]);
        else if (nmissing < 64) missing[nmissing++] = c->local_names[i];
    }
    if (nmissing) {
        missing_args_error(fn, "positional", missing, nmissing);
        return -1;
    }
    for (int i = kwonly_start; i < varkw_slot; i++) {
        if (!IS_UNDEF(slots[i])) continue;
        Value d = fn->kwdefaults ? dict_get_str(fn->kwdefaults, c->local_names[i]) : VAL_UNDEFINED;
        if (!IS_UNDEF(d)) slots[i] = val_incref(d);
        else if (nmissing < 64) missing[nmissing++] = c->local_names[i];
    }
    if (nmissing) {
        missing_args_error(fn, "keyword-only", missing, nmissing);
        return -1;
    }
    return 0;
}

static void init_cells(Frame *f) {
    ObjCode *c = f->code;
    Value *cells = f->slots + c->nlocals;
    for (int i = 0; i < c->ncellvars; i++) {
        ObjCell *cell = (ObjCell *)obj_alloc(&type_cell, sizeof(ObjCell));
        int p = c->cell_param[i];
        cell->value = p >= 0 ? val_incref(f->slots[p]) : VAL_UNDEFINED;
        cells[i] = OBJ_VAL(cell);
    }
    for (int i = 0; i < c->nfreevars; i++) {
        Value cell = f->fn && f->fn->closure ? f->fn->closure->items[i] : VAL_UNDEFINED;
        cells[c->ncellvars + i] = val_incref(cell);
    }
}

Frame *vm_frame_for_call(ObjFunction *fn, Value self, int nargs, Value *args, const KwArgs *kw) {
    Value *stack_top = vm.top;
    ObjCode *c = fn->code;
    int nslots = c->nlocals + c->ncellvars + c->nfreevars;
    size_t need = (size_t)nslots + (size_t)c->max_stack;
    Frame *f;
    Value *slots;
    if (c->is_generator) {
        f = calloc(1, sizeof(Frame));
        slots = calloc(need, sizeof(Value));
        if (!f || !slots) {
            free(f);
            free(slots);
            exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
            return NULL;
        }
        f->on_heap = true;
        for (int i = 0; i < nslots; i++) slots[i] = VAL_UNDEFINED;   // bind_args tests for UNDEF
    } else {
        if (vm.depth >= vm_recursion_limit) {
            exc_raise(exc_class_for_kind(ERR_RECURSION), "maximum recursion depth exceeded");
            return NULL;
        }
        if (stack_top + need + sizeof(Frame) / sizeof(Value) + 1 >= vm.stack_end) {
            exc_raise(exc_class_for_kind(ERR_RECURSION), "maximum recursion depth exceeded");
            return NULL;
        }
        // The Frame itself sits on the value stack, just below its slots.
        f = (Frame *)stack_top;
        slots = stack_top + (sizeof(Frame) + sizeof(Value) - 1) / sizeof(Value);
        memset(f, 0, offsetof(Frame, blocks));
        f->nblocks = 0;
        f->prev = NULL;
        f->on_heap = false;
        f->returns_to_c = false;
        for (int i = 0; i < nslots; i++) slots[i] = VAL_UNDEFINED;
        f->saved_top = vm.top;
        vm.top = slots + need;
    }
    f->fn = obj_incref(fn);
    f->code = c;
    f->globals = fn->globals;
    f->locals = NULL;
    f->slots = slots;
    f->sp = slots + nslots;
    f->ip = c->code;
    if (bind_args(fn, slots, self, nargs, args, kw) < 0) {
        vm_frame_release(f);
        return NULL;
    }
    init_cells(f);
    return f;
}

Frame *vm_frame_push_simple(ObjFunction *fn, int nargs, Value *args) {
    ObjCode *c = fn->code;
    int nslots = c->nlocals + c->ncellvars + c->nfreevars;
    size_t need = (size_t)nslots + (size_t)c->max_stack;
    Value *stack_top = vm.top;
    if (vm.depth >= vm_recursion_limit ||
        stack_top + need + sizeof(Frame) / sizeof(Value) + 1 >= vm.stack_end) {
        exc_raise(exc_class_for_kind(ERR_RECURSION), "maximum recursion depth exceeded");
        return NULL;
    }
    Frame *f = (Frame *)stack_top;
    Value *slots = stack_top + (sizeof(Frame) + sizeof(Value) - 1) / sizeof(Value);
    f->nblocks = 0;
    f->on_heap = false;
    f->returns_to_c = false;
    f->saved_top = vm.top;
    vm.top = slots + need;
    f->fn = fn;                       // the caller's reference moves here
    f->code = c;
    f->globals = fn->globals;
    f->locals = NULL;
    f->slots = slots;
    f->sp = slots + nslots;
    f->ip = c->code;
    for (int i = 0; i < nargs; i++) slots[i] = args[i];   // the arguments move too
    for (int i = nargs; i < nslots; i++) slots[i] = VAL_UNDEFINED;
    if (c->ncellvars || c->nfreevars) init_cells(f);
    return f;
}

void vm_frame_release(Frame *f) {
    ObjCode *c = f->code;
    for (Value *v = f->slots; v < f->sp; v++) val_decref(*v);
    f->sp = f->slots;
    (void)c;
    obj_decref(f->fn);
    f->fn = NULL;
    if (!f->on_heap) vm.top = f->saved_top;
    if (f->on_heap) {
        free(f->slots);
        free(f);
    }
}

Value vm_call_with_self(Value fnv, Value self, int nargs, Value *args, const KwArgs *kw) {
    if (!IS_OBJ(fnv) || fnv.as.o->type != &type_function) {
        if (IS_UNDEF(self)) return val_call(fnv, nargs, args, kw);
        Value stack[8];
        Value *argv = nargs + 1 <= 8 ? stack : malloc(sizeof(Value) * (size_t)(nargs + 1));
        if (!argv) return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
        argv[0] = self;
        if (nargs) memcpy(argv + 1, args, sizeof(Value) * (size_t)nargs);
        Value r = val_call(fnv, nargs + 1, argv, kw);
        if (argv != stack) free(argv);
        return r;
    }
    ObjFunction *fn = (ObjFunction *)fnv.as.o;
    Frame *f = vm_frame_for_call(fn, self, nargs, args, kw);
    if (!f) return VAL_ERROR;
    if (fn->code->is_generator) return vm_generator_new(f);
    f->returns_to_c = true;
    return vm_run_frame(f);
}
