// The language's value representation: a 16-byte tagged union. Small
// immutable values (None, bools, ints, floats) live inline; everything else
// is a refcounted heap Obj whose type (a TypeObj) supplies its behaviour.
// Ownership: borrowed in, new reference out (see STYLE.md section 4).
#ifndef TL_VM_VALUE_H
#define TL_VM_VALUE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Obj Obj;
typedef struct TypeObj TypeObj;

typedef enum {
    VAL_ERR = 0,   // not a value: "an error is pending" (see common/error.h)
    VAL_UNDEF,     // not a value: an unbound local / missing entry
    VAL_NONE,
    VAL_BOOL,
    VAL_INT,
    VAL_FLOAT,
    VAL_OBJ,
} ValTag;

typedef struct {
    ValTag tag;
    union {
        bool b;
        int64_t i;
        double f;
        Obj *o;
    } as;
} Value;

struct Obj {
    int64_t refcnt;
    TypeObj *type;
    Obj *gc_prev, *gc_next;   // cycle collector's list (containers only; else NULL)
    int64_t gc_refs;          // scratch for the cycle collector
};

#define VAL_ERROR ((Value){.tag = VAL_ERR})
#define VAL_UNDEFINED ((Value){.tag = VAL_UNDEF})
#define NONE_VAL ((Value){.tag = VAL_NONE})
#define BOOL_VAL(v) ((Value){.tag = VAL_BOOL, .as.b = (v)})
#define INT_VAL(v) ((Value){.tag = VAL_INT, .as.i = (v)})
#define FLOAT_VAL(v) ((Value){.tag = VAL_FLOAT, .as.f = (v)})
#define OBJ_VAL(p) ((Value){.tag = VAL_OBJ, .as.o = (Obj *)(p)})

#define IS_ERR(v) ((v).tag == VAL_ERR)
#define IS_UNDEF(v) ((v).tag == VAL_UNDEF)
#define IS_NONE(v) ((v).tag == VAL_NONE)
#define IS_BOOL(v) ((v).tag == VAL_BOOL)
#define IS_INT(v) ((v).tag == VAL_INT)
#define IS_FLOAT(v) ((v).tag == VAL_FLOAT)
#define IS_OBJ(v) ((v).tag == VAL_OBJ)
#define AS_OBJ(v) ((v).as.o)

void obj_free(Obj *o);   // called when the count drops to zero

static inline Value val_incref(Value v) {
    if (v.tag == VAL_OBJ) v.as.o->refcnt++;
    return v;
}
static inline void val_decref(Value v) {
    if (v.tag == VAL_OBJ && --v.as.o->refcnt == 0) obj_free(v.as.o);
}
static inline void *obj_incref(void *o) {
    if (o) ((Obj *)o)->refcnt++;
    return o;
}
static inline void obj_decref(void *o) {
    if (o && --((Obj *)o)->refcnt == 0) obj_free((Obj *)o);
}
// Replaces *slot with [v] (stolen), releasing the old value.
static inline void val_set(Value *slot, Value v) {
    Value old = *slot;
    *slot = v;
    val_decref(old);
}

#endif
