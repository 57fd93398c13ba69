// The dispatch loop. Calls between tl functions stay inside one loop
// (no C recursion); calls from C (sorted's key=, a native base calling
// forward) re-enter through vm_run_frame. Errors go to `exception:`, which
// turns the pending error into an exception, records a traceback entry and
// unwinds to the nearest handler block.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/attr.h"
#include "vm/class.h"
#include "vm/containers.h"
#include "vm/number.h"
#include "vm/str_format.h"
#include "vm/vm_internal.h"

VMState vm;

static void push_exc_info(Value exc) {
    if (vm.exc_depth < (int)(sizeof vm.exc_info / sizeof vm.exc_info[0])) vm.exc_info[vm.exc_depth] = val_incref(exc);
    vm.exc_depth++;
}

void vm_exc_info_truncate(int depth) {
    while (vm.exc_depth > depth) {
        vm.exc_depth--;
        if (vm.exc_depth < (int)(sizeof vm.exc_info / sizeof vm.exc_info[0])) val_decref(vm.exc_info[vm.exc_depth]);
    }
}

static Value current_handled(void) {
    int n = (int)(sizeof vm.exc_info / sizeof vm.exc_info[0]);
    if (vm.exc_depth == 0 || vm.exc_depth > n) return VAL_UNDEFINED;
    return vm.exc_info[vm.exc_depth - 1];
}

// ------------------------------------------------------------ helpers for opcodes

static Value load_global(Frame *f, ObjStr *name) {
    Value v = dict_get_str(f->globals, name);
    if (!IS_UNDEF(v)) return val_incref(v);
    v = dict_get_str(vm.builtins, name);
    if (!IS_UNDEF(v)) return val_incref(v);
    ObjList *cands = list_new(0);
    Value k, x;
    for (int64_t i = 0; dict_next(f->globals, &i, &k, &x);) list_append(cands, k);
    for (int64_t i = 0; dict_next(vm.builtins, &i, &k, &x);) list_append(cands, k);
    const char *best = attr_suggest(name->data, cands);
    Value e;
    if (best) e = exc_raise(exc_NameError, "name '%s' is not defined. Did you mean: '%s'?", name->data, best);
    else e = exc_raise(exc_NameError, "name '%s' is not defined", name->data);
    obj_decref(cands);
    return e;
}

static Value load_name(Frame *f, ObjStr *name) {
    if (f->locals && f->locals != f->globals) {
        Value v = dict_get_str(f->locals, name);
        if (!IS_UNDEF(v)) return val_incref(v);
    }
    return load_global(f, name);
}

static Value unbound_local(Frame *f, int slot) {
    return exc_raise(exc_class_for_kind(ERR_UNBOUND_LOCAL),
                     "cannot access local variable '%s' where it is not associated with a value",
                     f->code->local_names[slot]->data);
}

static Value deref_error(Frame *f, int idx) {
    if (idx < f->code->ncellvars)
        return exc_raise(exc_class_for_kind(ERR_UNBOUND_LOCAL),
                         "cannot access local variable '%s' where it is not associated with a value",
                         f->code->cell_names[idx]->data);
    return exc_raise(exc_NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                     f->code->cell_names[idx]->data);
}

// UNPACK_SEQUENCE: pushes the items of [seq] so the first ends up on top.
static int unpack(Value seq, int n, Value *sp) {
    int64_t len;
    Value *items = seq_items(seq, &len);
    if (items) {
        if (len != n) {
            if (len > n) exc_raise(exc_ValueError, "too many values to unpack (expected %d)", n);
            else exc_raise(exc_ValueError, "not enough values to unpack (expected %d, got %lld)", n, (long long)len);
            return -1;
        }
        for (int i = 0; i < n; i++) sp[n - 1 - i] = val_incref(items[i]);
        return 0;
    }
    ObjList *l = list_from_iterable(seq);
    if (!l) {
        if (tl_error_kind() == ERR_OBJECT || tl_error_pending()) {
            Value e = exc_take_pending();
            if (val_isinstance(e, exc_TypeError) && !val_type(seq)->iter)
                exc_raise(exc_TypeError, "cannot unpack non-iterable %s object", val_type_name(seq));
            else
                exc_raise_value(e), e = VAL_UNDEFINED;
            val_decref(e);
        }
        return -1;
    }
    int rc = unpack(OBJ_VAL(l), n, sp);
    obj_decref(l);
    return rc;
}

static int unpack_ex(Value seq, int before, int after, Value *sp) {
    ObjList *l = list_from_iterable(seq);
    if (!l) return -1;
    int64_t len = l->len;
    if (len < before + after) {
        exc_raise(exc_ValueError, "not enough values to unpack (expected at least %d, got %lld)", before + after, (long long)len);
        obj_decref(l);
        return -1;
    }
    int total = before + after + 1;
    int k = total - 1;
    for (int i = 0; i < before; i++) sp[k--] = val_incref(l->items[i]);
    ObjList *mid = list_new(0);
    for (int64_t i = before; i < len - after; i++) list_append(mid, l->items[i]);
    sp[k--] = OBJ_VAL(mid);
    for (int64_t i = len - after; i < len; i++) sp[k--] = val_incref(l->items[i]);
    obj_decref(l);
    return 0;
}

static Value make_function(Frame *f, ObjCode *code, uint32_t flags, Value *sp) {
    ObjFunction *fn = (ObjFunction *)obj_alloc(&type_function, sizeof(ObjFunction));
    if (!fn) return VAL_ERROR;
    int k = 0;
    // stack: [defaults] [kwdefaults] [closure]  (code already popped)
    Value parts[3];
    int nparts = ((flags & MF_DEFAULTS) != 0) + ((flags & MF_KWDEFAULTS) != 0) + ((flags & MF_CLOSURE) != 0);
    for (int i = 0; i < nparts; i++) parts[i] = sp[i - nparts];
    if (flags & MF_DEFAULTS) fn->defaults = (ObjTuple *)parts[k++].as.o;
    if (flags & MF_KWDEFAULTS) fn->kwdefaults = (ObjDict *)parts[k++].as.o;
    if (flags & MF_CLOSURE) fn->closure = (ObjTuple *)parts[k++].as.o;
    fn->code = obj_incref(code);
    fn->globals = obj_incref(f->globals);
    fn->name = obj_incref(code->name);
    fn->qualname = obj_incref(code->qualname);
    fn->doc = code->doc ? val_incref(OBJ_VAL(code->doc)) : NONE_VAL;
    return OBJ_VAL(fn);
}

static Value make_class(Value body, Value name, int nbases, Value *bases) {
    if (nbases > 1)
        return exc_raise(exc_class_for_kind(ERR_NOT_IMPLEMENTED), "multiple inheritance is not supported by tl");
    TypeObj *base = NULL;
    if (nbases == 1) {
        if (!IS_OBJ(bases[0]) || !type_is_subtype(bases[0].as.o->type, &type_type))
            return exc_raise(exc_TypeError, "bases must be types");
        base = (TypeObj *)bases[0].as.o;
    }
    ObjDict *ns = dict_new();
    ObjFunction *fn = (ObjFunction *)body.as.o;
    Frame *f = vm_frame_for_call(fn, VAL_UNDEFINED, 0, NULL, NULL);
    if (!f) {
        obj_decref(ns);
        return VAL_ERROR;
    }
    f->locals = ns;
    f->returns_to_c = true;
    Value r = vm_run_frame(f);
    if (IS_ERR(r)) {
        obj_decref(ns);
        return r;
    }
    val_decref(r);
    TypeObj *cls = class_new(AS_STR(name), base, ns);
    obj_decref(ns);
    return cls ? OBJ_VAL(cls) : VAL_ERROR;
}

static Value call_kw(Value callee, int nargs, Value *args, int nkw, Value names_tuple) {
    ObjTuple *names = AS_TUPLE(names_tuple);
    KwArgs kw = {nkw, (ObjStr **)names->items, args + nargs};
    // names->items are Values; build a name array
    ObjStr *name_arr[64];
    ObjStr **np = nkw <= 64 ? name_arr : tl_xmalloc(sizeof(ObjStr *) * (size_t)nkw);
    for (int i = 0; i < nkw; i++) np[i] = AS_STR(names->items[i]);
    kw.names = np;
    Value r = val_call(callee, nargs, args, &kw);
    if (np != name_arr) free(np);
    return r;
}

static Value call_ex(Value callee, Value argtuple, Value kwdict) {
    ObjTuple *t = AS_TUPLE(argtuple);
    if (IS_UNDEF(kwdict)) return val_call(callee, (int)t->len, t->items, NULL);
    ObjDict *d = AS_DICT(kwdict);
    int n = (int)d->len;
    ObjStr **names = tl_xmalloc(sizeof(ObjStr *) * (size_t)(n + 1));
    Value *values = tl_xmalloc(sizeof(Value) * (size_t)(n + 1));
    int i = 0;
    Value k, v;
    for (int64_t pos = 0; dict_next(d, &pos, &k, &v);) {
        if (!val_is_str(k)) {
            free(names);
            free(values);
            return exc_raise(exc_TypeError, "keywords must be strings");
        }
        names[i] = AS_STR(k);
        values[i++] = v;
    }
    KwArgs kw = {n, names, values};
    Value r = val_call(callee, (int)t->len, t->items, &kw);
    free(names);
    free(values);
    return r;
}

static Value format_value(Value v, uint32_t flags, Value spec) {
    Value conv;
    switch (flags & 3) {
    case 1: conv = val_str(v); break;
    case 2: conv = val_repr(v); break;
    case 3: conv = val_ascii(v); break;
    default: conv = val_incref(v); break;
    }
    if (IS_ERR(conv)) return conv;
    if (IS_UNDEF(spec) && val_is_str(conv)) return conv;
    Value s = IS_UNDEF(spec) ? str_value("") : val_incref(spec);
    Value r = val_format(conv, s);
    val_decref(s);
    val_decref(conv);
    return r;
}

static int print_expr(Value v) {
    if (IS_NONE(v)) return 0;
    Value r = val_repr(v);
    if (IS_ERR(r)) return -1;
    fwrite(AS_STR(r)->data, 1, (size_t)AS_STR(r)->len, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    val_decref(r);
    dict_set_cstr(vm.builtins, "_", v);
    return 0;
}

static int exc_matches(Value exc, Value type) {
    if (val_is_tuple(type)) {
        ObjTuple *t = AS_TUPLE(type);
        for (int64_t i = 0; i < t->len; i++) {
            int m = exc_matches(exc, t->items[i]);
            if (m) return m;
        }
        return 0;
    }
    if (!IS_OBJ(type) || type.as.o->type != &type_type || !((TypeObj *)type.as.o)->is_exception) {
        exc_raise(exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return val_isinstance(exc, (TypeObj *)type.as.o);
}

// Makes an exception instance from `raise X`: a class is instantiated.
static Value exception_from(Value x) {
    if (IS_OBJ(x) && x.as.o->type == &type_type && ((TypeObj *)x.as.o)->is_exception)
        return val_call(x, 0, NULL, NULL);
    if (IS_OBJ(x) && x.as.o->type->is_exception) return val_incref(x);
    return exc_raise(exc_TypeError, "exceptions must derive from BaseException");
}

static Value do_raise(int count, Value *args) {
    if (count == 0) {
        Value cur = current_handled();
        if (IS_UNDEF(cur)) return exc_raise(exc_RuntimeError, "No active exception to reraise");
        return exc_raise_value(val_incref(cur));
    }
    Value exc = exception_from(args[0]);
    if (IS_ERR(exc)) return exc;
    if (count == 2) {
        Value cause = IS_NONE(args[1]) ? NONE_VAL : exception_from(args[1]);
        if (IS_ERR(cause)) {
            val_decref(exc);
            return cause;
        }
        ObjException *e = (ObjException *)exc.as.o;
        val_set(&e->cause, cause);
        e->suppress_context = true;
    }
    return exc_raise_value(exc);
}

static Value with_enter(Value mgr, Value *exit_out) {
    TypeObj *t = val_type(mgr);
    if (!t->enter || !t->exit) {
        Value e = exc_raise(exc_TypeError, "'%s' object does not support the context manager protocol", t->name);
        return e;
    }
    *exit_out = val_incref(mgr);
    return t->enter(mgr);
}

static Value with_exit(Value mgr, Value exc) {
    TypeObj *t = val_type(mgr);
    if (IS_UNDEF(exc)) return t->exit(mgr, NONE_VAL, NONE_VAL, NONE_VAL);
    return t->exit(mgr, OBJ_VAL(val_type(exc)), exc, NONE_VAL);
}

// ------------------------------------------------------------ the loop

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(int)(n)])

Value vm_run_frame(Frame *entry) {
    Frame *f = entry;
    entry->prev = vm.current;
    entry->exc_depth = vm.exc_depth;
    vm.current = entry;
    if (!entry->on_heap) vm.depth++;
    Value *sp = f->sp;
    const uint32_t *ip = f->ip;
    Value *slots = f->slots;
    Value *consts = f->code->consts;
    Value result = NONE_VAL;
    bool reraise = false;
    int call_n;   // CALL and CALL_METHOD share one call path

#define SYNC() (f->sp = sp, f->ip = ip)
#define LOAD_FRAME() (sp = f->sp, ip = f->ip, slots = f->slots, consts = f->code->consts)
#define CHECK(v) do { if (IS_ERR(v)) goto exception; } while (0)

    for (;;) {
        uint32_t word = *ip++;
        uint32_t arg = INSTR_ARG(word);
        switch (INSTR_OP(word)) {
        case BC_NOP: break;
        case BC_POP: val_decref(POP()); break;
        case BC_DUP: { Value v = TOP(); PUSH(val_incref(v)); break; }
        case BC_DUP2: {
            Value a = PEEK(2), b = PEEK(1);
            PUSH(val_incref(a));
            PUSH(val_incref(b));
            break;
        }
        case BC_ROT2: { Value t = PEEK(1); PEEK(1) = PEEK(2); PEEK(2) = t; break; }
        case BC_ROT3: {
            Value c = PEEK(1);
            PEEK(1) = PEEK(2);
            PEEK(2) = PEEK(3);
            PEEK(3) = c;
            break;
        }
        case BC_LOAD_CONST: PUSH(val_incref(consts[arg])); break;
        case BC_LOAD_FAST: {
            Value v = slots[arg];
            if (IS_UNDEF(v)) { SYNC(); unbound_local(f, (int)arg); goto exception; }
            PUSH(val_incref(v));
            break;
        }
        case BC_STORE_FAST: val_set(&slots[arg], POP()); break;
        case BC_DELETE_FAST:
            if (IS_UNDEF(slots[arg])) { SYNC(); unbound_local(f, (int)arg); goto exception; }
            val_set(&slots[arg], VAL_UNDEFINED);
            break;
        case BC_LOAD_DEREF: {
            ObjCell *cell = (ObjCell *)slots[f->code->nlocals + arg].as.o;
            if (IS_UNDEF(cell->value)) {
                SYNC();
                deref_error(f, (int)arg);
                goto exception;
            }
            PUSH(val_incref(cell->value));
            break;
        }
        case BC_STORE_DEREF: {
            ObjCell *cell = (ObjCell *)slots[f->code->nlocals + arg].as.o;
            val_set(&cell->value, POP());
            break;
        }
        case BC_DELETE_DEREF: {
            ObjCell *cell = (ObjCell *)slots[f->code->nlocals + arg].as.o;
            if (IS_UNDEF(cell->value)) { SYNC(); deref_error(f, (int)arg); goto exception; }
            val_set(&cell->value, VAL_UNDEFINED);
            break;
        }
        case BC_LOAD_CLOSURE: PUSH(val_incref(slots[f->code->nlocals + arg])); break;
        case BC_LOAD_GLOBAL: {
            ObjDict *g = f->globals;
            ObjStr *name = f->code->names[arg];
            int32_t ci = f->code->global_cache[arg];
            if (ci >= 0 && ci < g->used && g->entries[ci].key.tag == VAL_OBJ &&
                g->entries[ci].key.as.o == &name->base) {
                PUSH(val_incref(g->entries[ci].value));
                break;
            }
            SYNC();
            Value v = load_global(f, name);
            CHECK(v);
            int64_t ix = dict_index_of_str(g, name);
            if (ix >= 0 && ix <= INT32_MAX) f->code->global_cache[arg] = (int32_t)ix;
            PUSH(v);
            break;
        }
        case BC_STORE_GLOBAL: {
            Value v = POP();
            int rc = dict_set_str(f->globals, f->code->names[arg], v);
            val_decref(v);
            if (rc < 0) goto exception_sync;
            break;
        }
        case BC_DELETE_GLOBAL:
        case BC_DELETE_NAME: {
            ObjDict *d = INSTR_OP(word) == BC_DELETE_NAME && f->locals ? f->locals : f->globals;
            ObjStr *name = f->code->names[arg];
            if (IS_UNDEF(dict_get_str(d, name))) {
                SYNC();
                exc_raise(exc_NameError, "name '%s' is not defined", name->data);
                goto exception;
            }
            if (dict_del(d, OBJ_VAL(name)) < 0) goto exception_sync;
            break;
        }
        case BC_LOAD_NAME: {
            SYNC();
            Value v = load_name(f, f->code->names[arg]);
            CHECK(v);
            PUSH(v);
            break;
        }
        case BC_STORE_NAME: {
            Value v = POP();
            int rc = dict_set_str(f->locals ? f->locals : f->globals, f->code->names[arg], v);
            val_decref(v);
            if (rc < 0) goto exception_sync;
            break;
        }
        case BC_LOAD_ATTR: {
            SYNC();
            Value o = TOP();
            Value v = val_getattr(o, f->code->names[arg]);
            CHECK(v);
            val_decref(o);
            TOP() = v;
            break;
        }
        case BC_STORE_ATTR: {
            SYNC();
            Value o = PEEK(1), v = PEEK(2);
            int rc = val_setattr(o, f->code->names[arg], v);
            if (rc < 0) goto exception;
            sp -= 2;
            val_decref(o);
            val_decref(v);
            break;
        }
        case BC_DELETE_ATTR: {
            SYNC();
            Value o = PEEK(1);
            if (val_delattr(o, f->code->names[arg]) < 0) goto exception;
            sp--;
            val_decref(o);
            break;
        }
        case BC_LOAD_METHOD: {
            SYNC();
            Value o = TOP();
            ObjStr *name = f->code->names[arg];
            TypeObj *t = val_type(o);
            // Plain functions found on the class bind without allocating a bound method.
            if (t != &type_module && t != &type_type && t != &type_super) {
                Value attr = type_lookup(t, name);
                if (IS_OBJ(attr) && (attr.as.o->type == &type_function ||
                                     (attr.as.o->type == &type_native && IS_UNDEF(((ObjNative *)attr.as.o)->self) &&
                                      !((ObjNative *)attr.as.o)->is_classmethod))) {
                    ObjDict *d = NULL;
                    if (t->dict_offset && IS_OBJ(o)) d = *(ObjDict **)((char *)o.as.o + t->dict_offset);
                    if (!d || IS_UNDEF(dict_get_str(d, name))) {
                        TOP() = val_incref(attr);
                        PUSH(o);
                        break;
                    }
                }
            }
            Value v = val_getattr(o, name);
            CHECK(v);
            val_decref(o);
            TOP() = v;
            PUSH(VAL_UNDEFINED);
            break;
        }
        case BC_CALL_METHOD: {
            // [meth self a1..an] or [attr UNDEF a1..an]: made into a plain call
            int n = (int)arg;
            Value *base = sp - n - 2;
            if (!IS_UNDEF(base[1])) {
                n++;   // self is the first argument
            } else {
                memmove(base + 1, base + 2, sizeof(Value) * (size_t)n);
                sp--;
            }
            call_n = n;
            goto call_common;
        }
        case BC_SUBSCR: {
            SYNC();
            Value o = PEEK(2), k = PEEK(1);
            Value v;
            if (val_is_list(o) && IS_INT(k)) {
                ObjList *l = AS_LIST(o);
                int64_t i = k.as.i < 0 ? k.as.i + l->len : k.as.i;
                if (i >= 0 && i < l->len) v = val_incref(l->items[i]);
                else v = val_getitem(o, k);
            } else {
                v = val_getitem(o, k);
            }
            CHECK(v);
            sp -= 2;
            val_decref(o);
            val_decref(k);
            PUSH(v);
            break;
        }
        case BC_STORE_SUBSCR: {
            SYNC();
            Value v = PEEK(3), o = PEEK(2), k = PEEK(1);
            if (val_setitem(o, k, v) < 0) goto exception;
            sp -= 3;
            val_decref(v);
            val_decref(o);
            val_decref(k);
            break;
        }
        case BC_DELETE_SUBSCR: {
            SYNC();
            Value o = PEEK(2), k = PEEK(1);
            if (val_delitem(o, k) < 0) goto exception;
            sp -= 2;
            val_decref(o);
            val_decref(k);
            break;
        }
        case BC_BINARY:
        case BC_INPLACE: {
            Value a = PEEK(2), b = PEEK(1);
            Value r;
            if (IS_INT(a) && IS_INT(b)) {
                int64_t x = a.as.i, y = b.as.i, z;
                switch (arg) {
                case BIN_ADD: if (!__builtin_add_overflow(x, y, &z)) { sp--; PEEK(1) = INT_VAL(z); continue; } break;
                case BIN_SUB: if (!__builtin_sub_overflow(x, y, &z)) { sp--; PEEK(1) = INT_VAL(z); continue; } break;
                case BIN_MUL: if (!__builtin_mul_overflow(x, y, &z)) { sp--; PEEK(1) = INT_VAL(z); continue; } break;
                default: break;
                }
            } else if (IS_FLOAT(a) && IS_FLOAT(b)) {
                switch (arg) {
                case BIN_ADD: sp--; PEEK(1) = FLOAT_VAL(a.as.f + b.as.f); continue;
                case BIN_SUB: sp--; PEEK(1) = FLOAT_VAL(a.as.f - b.as.f); continue;
                case BIN_MUL: sp--; PEEK(1) = FLOAT_VAL(a.as.f * b.as.f); continue;
                default: break;
                }
            }
            SYNC();
            r = INSTR_OP(word) == BC_BINARY ? val_binary((BinaryOp)arg, a, b) : val_inplace((BinaryOp)arg, a, b);
            CHECK(r);
            sp -= 2;
            val_decref(a);
            val_decref(b);
            PUSH(r);
            break;
        }
        case BC_UNARY: {
            SYNC();
            Value a = TOP();
            Value r = val_unary((UnaryOp)arg, a);
            CHECK(r);
            val_decref(a);
            TOP() = r;
            break;
        }
        case BC_COMPARE: {
            Value a = PEEK(2), b = PEEK(1);
            Value r;
            if (IS_INT(a) && IS_INT(b) && arg <= CMP_GE) {
                int64_t x = a.as.i, y = b.as.i;
                bool t;
                switch (arg) {
                case CMP_LT: t = x < y; break;
                case CMP_LE: t = x <= y; break;
                case CMP_EQ: t = x == y; break;
                case CMP_NE: t = x != y; break;
                case CMP_GT: t = x > y; break;
                default: t = x >= y; break;
                }
                sp--;
                PEEK(1) = BOOL_VAL(t);
                continue;
            }
            SYNC();
            switch (arg) {
            case CMP_IS: r = BOOL_VAL(a.tag == b.tag && (IS_OBJ(a) ? a.as.o == b.as.o : a.tag == VAL_NONE || memcmp(&a.as, &b.as, sizeof a.as) == 0)); break;
            case CMP_IS_NOT: r = BOOL_VAL(!(a.tag == b.tag && (IS_OBJ(a) ? a.as.o == b.as.o : a.tag == VAL_NONE || memcmp(&a.as, &b.as, sizeof a.as) == 0))); break;
            case CMP_IN:
            case CMP_NOT_IN: {
                int c = val_contains(b, a);
                if (c < 0) goto exception;
                r = BOOL_VAL(arg == CMP_IN ? c : !c);
                break;
            }
            default: r = val_compare(a, b, (CompareOp)arg); break;
            }
            CHECK(r);
            sp -= 2;
            val_decref(a);
            val_decref(b);
            PUSH(r);
            break;
        }
        case BC_JUMP:
            if (ip - f->code->code > (long)arg && tl_interrupted) {
                SYNC();
                if (tl_check_interrupt() < 0) goto exception;
            }
            ip = f->code->code + arg;
            break;
        case BC_POP_JUMP_IF_FALSE:
        case BC_POP_JUMP_IF_TRUE: {
            Value v = POP();
            int t;
            if (IS_BOOL(v)) t = v.as.b;
            else {
                SYNC();
                t = val_truthy(v);
                val_decref(v);
                if (t < 0) goto exception;
            }
            if (t == (INSTR_OP(word) == BC_POP_JUMP_IF_TRUE)) ip = f->code->code + arg;
            break;
        }
        case BC_JUMP_IF_FALSE_OR_POP:
        case BC_JUMP_IF_TRUE_OR_POP: {
            SYNC();
            int t = val_truthy(TOP());
            if (t < 0) goto exception;
            if (t == (INSTR_OP(word) == BC_JUMP_IF_TRUE_OR_POP)) ip = f->code->code + arg;
            else val_decref(POP());
            break;
        }
        case BC_GET_ITER: {
            SYNC();
            Value o = TOP();
            Value it = val_iter(o);
            CHECK(it);
            val_decref(o);
            TOP() = it;
            break;
        }
        case BC_FOR_ITER: {
            Value it = TOP();
            Value v;
            SYNC();
            v = val_next(it);
            CHECK(v);
            if (IS_UNDEF(v)) {
                val_decref(POP());
                ip = f->code->code + arg;
                if (tl_interrupted) {
                    SYNC();
                    if (tl_check_interrupt() < 0) goto exception;
                }
            } else {
                PUSH(v);
            }
            break;
        }
        case BC_BUILD_TUPLE: {
            ObjTuple *t = tuple_new((int64_t)arg);
            if (!t) goto exception_sync;
            for (uint32_t i = 0; i < arg; i++) t->items[i] = sp[(int)i - (int)arg];
            sp -= arg;
            PUSH(OBJ_VAL(t));
            break;
        }
        case BC_BUILD_LIST: {
            ObjList *l = list_new((int64_t)arg);
            if (!l) goto exception_sync;
            for (uint32_t i = 0; i < arg; i++) l->items[i] = sp[(int)i - (int)arg];
            sp -= arg;
            PUSH(OBJ_VAL(l));
            break;
        }
        case BC_BUILD_SET: {
            SYNC();
            ObjSet *s = set_new(&type_set);
            if (!s) goto exception;
            for (uint32_t i = 0; i < arg; i++) {
                if (set_add(s, sp[(int)i - (int)arg]) < 0) {
                    obj_decref(s);
                    goto exception;
                }
            }
            for (uint32_t i = 0; i < arg; i++) val_decref(POP());
            PUSH(OBJ_VAL(s));
            break;
        }
        case BC_BUILD_DICT: {
            SYNC();
            ObjDict *d = dict_new();
            for (uint32_t i = 0; i < arg; i++) {
                if (dict_set(d, sp[2 * (int)i - 2 * (int)arg], sp[2 * (int)i - 2 * (int)arg + 1]) < 0) {
                    obj_decref(d);
                    goto exception;
                }
            }
            for (uint32_t i = 0; i < 2 * arg; i++) val_decref(POP());
            PUSH(OBJ_VAL(d));
            break;
        }
        case BC_BUILD_SLICE: {
            Value step = arg == 3 ? POP() : NONE_VAL;
            Value stop = POP(), start = POP();
            Value s = slice_new(start, stop, step);
            val_decref(start);
            val_decref(stop);
            val_decref(step);
            if (IS_ERR(s)) goto exception_sync;
            PUSH(s);
            break;
        }
        case BC_BUILD_STRING: {
            StrBuf sb = STRBUF_INIT;
            for (uint32_t i = 0; i < arg; i++) {
                Value s = sp[(int)i - (int)arg];
                sb_append_n(&sb, AS_STR(s)->data, (size_t)AS_STR(s)->len);
            }
            for (uint32_t i = 0; i < arg; i++) val_decref(POP());
            PUSH(str_from_buf(&sb));
            break;
        }
        case BC_FORMAT_VALUE: {
            SYNC();
            Value spec = (arg & 4) ? PEEK(1) : VAL_UNDEFINED;
            Value v = (arg & 4) ? PEEK(2) : PEEK(1);
            Value r = format_value(v, arg, spec);
            CHECK(r);
            if (arg & 4) val_decref(POP());
            val_decref(POP());
            PUSH(r);
            break;
        }
        case BC_LIST_APPEND: {
            Value v = POP();
            list_append_steal(AS_LIST(PEEK(arg)), v);
            break;
        }
        case BC_SET_ADD: {
            Value v = POP();
            int rc = set_add((ObjSet *)PEEK(arg).as.o, v);
            val_decref(v);
            if (rc < 0) goto exception_sync;
            break;
        }
        case BC_MAP_ADD: {
            Value v = POP(), k = POP();
            int rc = dict_set(AS_DICT(PEEK(arg)), k, v);
            val_decref(k);
            val_decref(v);
            if (rc < 0) goto exception_sync;
            break;
        }
        case BC_LIST_EXTEND: {
            SYNC();
            Value it = TOP();
            ObjList *src = list_from_iterable(it);
            if (!src) goto exception;
            ObjList *dst = AS_LIST(PEEK(2));
            for (int64_t i = 0; i < src->len; i++) list_append(dst, src->items[i]);
            obj_decref(src);
            val_decref(POP());
            break;
        }
        case BC_SET_UPDATE: {
            SYNC();
            if (set_update((ObjSet *)PEEK(2).as.o, TOP()) < 0) goto exception;
            val_decref(POP());
            break;
        }
        case BC_DICT_UPDATE: {
            SYNC();
            Value m = TOP();
            if (!val_is_dict(m)) {
                Value keys = val_call_method(m, "keys", 0, NULL);
                if (IS_ERR(keys)) {
                    tl_error_clear();
                    exc_raise(exc_TypeError, "'%s' object is not a mapping", val_type_name(m));
                    goto exception;
                }
                ObjList *kl = list_from_iterable(keys);
                val_decref(keys);
                if (!kl) goto exception;
                for (int64_t i = 0; i < kl->len; i++) {
                    Value v = val_getitem(m, kl->items[i]);
                    if (IS_ERR(v)) { obj_decref(kl); goto exception; }
                    dict_set(AS_DICT(PEEK(2)), kl->items[i], v);
                    val_decref(v);
                }
                obj_decref(kl);
            } else {
                Value k, v;
                for (int64_t i = 0; dict_next(AS_DICT(m), &i, &k, &v);) dict_set(AS_DICT(PEEK(2)), k, v);
            }
            val_decref(POP());
            break;
        }
        case BC_LIST_TO_TUPLE: {
            ObjList *l = AS_LIST(TOP());
            ObjTuple *t = tuple_new(l->len);
            for (int64_t i = 0; i < l->len; i++) t->items[i] = val_incref(l->items[i]);
            val_decref(TOP());
            TOP() = OBJ_VAL(t);
            break;
        }
        case BC_UNPACK_SEQUENCE: {
            SYNC();
            Value seq = TOP();
            if (unpack(seq, (int)arg, sp - 1) < 0) goto exception;
            val_decref(seq);
            sp += (int)arg - 1;
            break;
        }
        case BC_UNPACK_EX: {
            SYNC();
            Value seq = TOP();
            int before = (int)(arg & 0xff), after = (int)(arg >> 8);
            if (unpack_ex(seq, before, after, sp - 1) < 0) goto exception;
            val_decref(seq);
            sp += before + after;
            break;
        }
        case BC_CALL:
            call_n = (int)arg;
        call_common: {
            int n = call_n;
            Value *base = sp - n - 1;
            Value callee = base[0];
            Value *args = base + 1;
            if (IS_OBJ(callee) && callee.as.o->type == &type_function) {
                ObjFunction *fn = (ObjFunction *)callee.as.o;
                SYNC();
                Frame *nf;
                if (vm_call_is_simple(fn->code, n)) {
                    nf = vm_frame_push_simple(fn, n, args);   // moves callee and args
                    if (!nf) goto exception;
                } else {
                    nf = vm_frame_for_call(fn, VAL_UNDEFINED, n, args, NULL);
                    if (!nf) goto exception;
                    for (int i = 0; i < n; i++) val_decref(args[i]);
                    val_decref(callee);
                }
                sp = base;
                f->sp = sp;
                if (fn->code->is_generator) {
                    Value g = vm_generator_new(nf);
                    CHECK(g);
                    PUSH(g);
                    break;
                }
                nf->prev = f;
                nf->exc_depth = vm.exc_depth;
                vm.depth++;
                f = nf;
                vm.current = f;
                LOAD_FRAME();
                if (tl_interrupted) { if (tl_check_interrupt() < 0) goto exception; }
                break;
            }
            SYNC();
            Value r = val_call(callee, n, args, NULL);
            CHECK(r);
            for (int i = 0; i < n; i++) val_decref(args[i]);
            val_decref(callee);
            sp = base;
            PUSH(r);
            break;
        }
        case BC_CALL_KW: {
            int n = (int)(arg & 0xfff), nkw = (int)(arg >> 12);
            Value names = TOP();
            Value *base = sp - 1 - nkw - n - 1;
            SYNC();
            Value r = call_kw(base[0], n, base + 1, nkw, names);
            CHECK(r);
            while (sp > base) val_decref(POP());
            PUSH(r);
            break;
        }
        case BC_CALL_EX: {
            Value kwd = (arg & 1) ? POP() : VAL_UNDEFINED;
            Value targs = POP();
            Value callee = POP();
            SYNC();
            Value r = call_ex(callee, targs, kwd);
            val_decref(kwd);
            val_decref(targs);
            val_decref(callee);
            CHECK(r);
            PUSH(r);
            break;
        }
        case BC_MAKE_FUNCTION: {
            Value code = POP();
            int nparts = ((arg & MF_DEFAULTS) != 0) + ((arg & MF_KWDEFAULTS) != 0) + ((arg & MF_CLOSURE) != 0);
            Value fn = make_function(f, (ObjCode *)code.as.o, arg, sp);
            val_decref(code);
            if (IS_ERR(fn)) goto exception_sync;
            sp -= nparts;   // ownership of the parts moved into the function
            PUSH(fn);
            break;
        }
        case BC_MAKE_CLASS: {
            int nbases = (int)arg;
            Value *base = sp - nbases - 2;
            SYNC();
            Value cls = make_class(base[0], base[1], nbases, base + 2);
            CHECK(cls);
            while (sp > base) val_decref(POP());
            PUSH(cls);
            break;
        }
        case BC_RETURN: {
            result = POP();
            SYNC();
            if (vm.exc_depth > f->exc_depth) vm_exc_info_truncate(f->exc_depth);
            {
                Frame *done = f;
                bool to_c = done->returns_to_c || done == entry;
                Frame *prev = done->prev;
                if (!done->on_heap) vm.depth--;
                if (done->on_heap) {
                    // a generator finished: its owner releases the frame
                    done->ip = NULL;
                    vm.current = prev;
                    return result;
                }
                vm_frame_release(done);
                vm.current = prev;
                if (to_c) return result;
                f = prev;
                LOAD_FRAME();
                PUSH(result);
            }
            break;
        }
        case BC_YIELD_VALUE: {
            result = POP();
            SYNC();
            vm.current = f->prev;
            return result;   // the generator resumes at ip with the sent value pushed
        }
        case BC_SETUP_FINALLY:
            if (f->nblocks == FRAME_MAX_BLOCKS) {
                SYNC();
                exc_raise(exc_class_for_kind(ERR_SYNTAX), "too many statically nested blocks");
                goto exception;
            }
            f->blocks[f->nblocks].handler = (int)arg;
            f->blocks[f->nblocks].stack_level = (int)(sp - f->slots);
            f->blocks[f->nblocks].exc_depth = vm.exc_depth;
            f->nblocks++;
            break;
        case BC_POP_BLOCK: f->nblocks--; break;
        case BC_POP_EXCEPT: {
            Value e = POP();
            val_decref(e);
            vm_exc_info_truncate(vm.exc_depth - 1);
            break;
        }
        case BC_RERAISE: {
            Value e = POP();
            SYNC();
            vm_exc_info_truncate(vm.exc_depth - 1);
            exc_raise_value(e);
            reraise = true;
            goto exception;
        }
        case BC_RAISE: {
            SYNC();
            Value r = do_raise((int)arg, sp - arg);
            for (uint32_t i = 0; i < arg; i++) val_decref(POP());
            (void)r;
            if (arg == 0) reraise = true;
            goto exception_sync;
        }
        case BC_EXC_MATCH: {
            SYNC();
            Value type = POP();
            int m = exc_matches(TOP(), type);
            val_decref(type);
            if (m < 0) goto exception;
            PUSH(BOOL_VAL(m));
            break;
        }
        case BC_BEFORE_WITH: {
            SYNC();
            Value mgr = TOP();
            Value exitv = VAL_UNDEFINED;
            Value entered = with_enter(mgr, &exitv);
            if (IS_ERR(entered)) {
                val_decref(exitv);
                goto exception;
            }
            val_decref(mgr);
            TOP() = exitv;
            PUSH(entered);
            break;
        }
        case BC_WITH_EXIT: {
            SYNC();
            Value mgr = TOP();
            Value r = with_exit(mgr, VAL_UNDEFINED);
            CHECK(r);
            val_decref(r);
            val_decref(POP());
            break;
        }
        case BC_WITH_EXCEPT: {
            SYNC();
            Value r = with_exit(PEEK(2), PEEK(1));
            CHECK(r);
            int t = val_truthy(r);
            val_decref(r);
            if (t < 0) goto exception;
            PUSH(BOOL_VAL(t));
            break;
        }
        case BC_IMPORT_NAME: {
            SYNC();
            bool leaf = (arg >> 23) & 1;
            ObjStr *name = f->code->names[arg & 0x7fffff];
            Value m = vm_import(name->data, 0, leaf);
            CHECK(m);
            PUSH(m);
            break;
        }
        case BC_IMPORT_FROM: {
            SYNC();
            Value m = TOP();
            ObjStr *name = f->code->names[arg];
            Value v = val_getattr(m, name);
            if (IS_ERR(v) && val_type(m) == &type_module) {
                tl_error_clear();
                char full[512];
                snprintf(full, sizeof full, "%s.%s", ((ObjModule *)m.as.o)->name->data, name->data);
                v = vm_import(full, 0, true);
                if (IS_ERR(v)) {
                    tl_error_clear();
                    exc_raise(exc_class_for_kind(ERR_IMPORT), "cannot import name '%s' from '%s' (unknown location)",
                              name->data, ((ObjModule *)m.as.o)->name->data);
                }
            }
            CHECK(v);
            PUSH(v);
            break;
        }
        case BC_IMPORT_STAR: {
            Value m = POP();
            if (val_type(m) == &type_module) {
                Value k, v;
                ObjDict *target = f->locals ? f->locals : f->globals;
                for (int64_t i = 0; dict_next(((ObjModule *)m.as.o)->dict, &i, &k, &v);)
                    if (val_is_str(k) && AS_STR(k)->data[0] != '_') dict_set(target, k, v);
            }
            val_decref(m);
            break;
        }
        case BC_PRINT_EXPR: {
            SYNC();
            Value v = TOP();
            if (print_expr(v) < 0) goto exception;
            val_decref(POP());
            break;
        }
        case BC_LOAD_ASSERTION_ERROR:
            PUSH(val_incref(OBJ_VAL(exc_class_for_kind(ERR_ASSERTION))));
            break;
        case BC__COUNT:
            SYNC();
            exc_raise(exc_RuntimeError, "bad opcode %u", (unsigned)INSTR_OP(word));
            goto exception;
        default:
            // The compiler emits only the opcodes above: telling gcc so drops
            // the jump table's range check from every dispatch.
            __builtin_unreachable();
        }
        continue;

    exception_sync:
        SYNC();
    exception: {
            Value exc = exc_take_pending();
            if (!reraise) vm_traceback_add(exc, f, f->ip);
            reraise = false;
            Value ctx = current_handled();
            if (!IS_UNDEF(ctx) && IS_OBJ(exc) && ctx.as.o != exc.as.o && exc.as.o->type->is_exception) {
                ObjException *e = (ObjException *)exc.as.o;
                if (IS_NONE(e->context) || e->context.tag == VAL_ERR) val_set(&e->context, val_incref(ctx));
            }
            for (;;) {
                if (f->nblocks > 0) {
                    Block b = f->blocks[--f->nblocks];
                    Value *level = f->slots + b.stack_level;
                    while (f->sp > level) val_decref(*--f->sp);
                    vm_exc_info_truncate(b.exc_depth);
                    sp = f->sp;
                    PUSH(val_incref(exc));
                    push_exc_info(exc);
                    ip = f->code->code + b.handler;
                    break;
                }
                // no handler in this frame: pop it
                vm_exc_info_truncate(f->exc_depth);
                Frame *done = f;
                bool to_c = done->returns_to_c || done == entry;
                Frame *prev = done->prev;
                if (!done->on_heap) vm.depth--;
                if (done->on_heap) {
                    done->ip = NULL;
                    while (done->sp > done->slots) val_decref(*--done->sp);
                } else {
                    vm_frame_release(done);
                }
                vm.current = prev;
                if (to_c) return exc_raise_value(exc);
                f = prev;
                LOAD_FRAME();
                vm_traceback_add(exc, f, f->ip);
            }
            slots = f->slots;
            consts = f->code->consts;
            val_decref(exc);   // the stack and exc_info hold their own references
        }
    }
}
