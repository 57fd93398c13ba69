// Heap objects and the type object. A TypeObj describes a type's behaviour
// through slots (C function pointers, MicroPython/CPython style) plus a dict
// of attributes/methods. Built-in types, native library types (tensor,
// dtype, nn modules in lib/) and classes defined in tl code are all TypeObjs,
// so a script class can subclass a native one. The VM never knows tensors:
// it only calls slots.
#ifndef TL_VM_OBJECT_H
#define TL_VM_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/strbuf.h"
#include "vm/operators.h"
#include "vm/value.h"

typedef struct ObjStr ObjStr;
typedef struct ObjTuple ObjTuple;
typedef struct ObjList ObjList;
typedef struct ObjDict ObjDict;

// Keyword arguments of a call: names[i] = values[i]. Borrowed by callees.
typedef struct {
    int n;
    ObjStr **names;
    Value *values;
} KwArgs;

// A native function: [args] are the positional arguments (for a method,
// args[0] is self), [kw] is NULL when the call had no keyword arguments.
// Returns a new reference, or VAL_ERROR with a pending error.
typedef Value (*NativeFn)(int nargs, Value *args, const KwArgs *kw);

typedef struct {
    const char *name;
    NativeFn fn;
    const char *doc;
} NativeMethodDef;

// A computed attribute of a native type (tensor.shape, x.grad = ...).
typedef struct {
    const char *name;
    Value (*get)(Value self);                 // new reference or VAL_ERROR
    int (*set)(Value self, Value v);          // 0, or -1 with pending error; NULL: read-only
    const char *doc;
} NativeGetSetDef;

typedef void (*VisitFn)(Obj *child, void *ctx);

struct TypeObj {
    Obj base;
    const char *name;           // "list", "Tensor", or the class name
    const char *module_name;    // for repr of classes: "torch" in <class 'torch.Tensor'>; NULL = builtins
    TypeObj *base_type;         // single inheritance; NULL only for object
    ObjDict *dict;              // attributes and methods (class body, native methods)
    size_t instance_size;       // bytes of an instance (for allocation by type_call)
    size_t dict_offset;         // offset of an ObjDict* slot in instances; 0 = none
    bool is_native;             // defined in C
    bool is_exception;          // BaseException or a subclass
    bool is_abstract_native;    // cannot be instantiated by calling (e.g. 'function')
    const char *doc;

    // ---- lifetime ----
    void (*dealloc)(Obj *o);                    // release children; the VM frees the memory
    void (*traverse)(Obj *o, VisitFn visit, void *ctx);  // containers: visit each child Obj
    void (*clear)(Obj *o);                      // break cycles: drop every child reference

    // ---- construction: type(...) ----
    Value (*call_type)(TypeObj *type, int nargs, Value *args, const KwArgs *kw);  // __new__+__init__

    // ---- protocols; NULL = not supported (the VM raises TypeError) ----
    Value (*repr)(Value self);
    Value (*str)(Value self);                   // NULL: use repr
    int64_t (*hash)(Value self);                // -1 with pending error (unhashable)
    // Rich compare: returns a new value, or VAL_UNDEF for NotImplemented.
    Value (*compare)(Value a, Value b, CompareOp op);
    // Binary op: self may be the left or right operand ([reflected] says
    // which); returns VAL_UNDEF for NotImplemented. [inplace] for +=.
    Value (*binary)(BinaryOp op, Value a, Value b, bool reflected, bool inplace);
    Value (*unary)(UnaryOp op, Value a);
    int (*truthy)(Value self);                  // 0/1, -1 with pending error
    int64_t (*len)(Value self);                 // -1 with pending error
    Value (*getattr)(Value self, ObjStr *name); // VAL_UNDEF: not found (generic lookup continues)
    int (*setattr)(Value self, ObjStr *name, Value v);   // v VAL_UNDEF = delete; 1 = not handled
    Value (*getitem)(Value self, Value key);
    int (*setitem)(Value self, Value key, Value v);      // v VAL_UNDEF = delete
    int (*contains)(Value self, Value item);    // 0/1, -1 error
    Value (*iter)(Value self);
    Value (*next)(Value self);                  // VAL_UNDEF when exhausted (no error set)
    Value (*call)(Value self, int nargs, Value *args, const KwArgs *kw);
    Value (*enter)(Value self);                 // with-statement (native context managers)
    Value (*exit)(Value self, Value exc_type, Value exc, Value tb);
    // Completion/dir(): append attribute names not in the dict (native getattr).
    void (*dir)(Value self, ObjList *names);

    // Native method/attribute tables, installed into dict by type_ready().
    const NativeMethodDef *methods;
    const NativeGetSetDef *getset;
};

// ---------------------------------------------------------------- strings
struct ObjStr {
    Obj base;
    int64_t len;        // bytes
    int64_t nchars;     // code points (== len for ASCII)
    int64_t hash;       // -1 until computed
    bool interned;
    char data[];        // UTF-8, NUL-terminated
};

// --------------------------------------------------------- sequences
struct ObjTuple {
    Obj base;
    int64_t len;
    int64_t hash;       // cached, -1 = not yet
    Value items[];
};

struct ObjList {
    Obj base;
    int64_t len, cap;
    Value *items;
};

// Insertion-ordered hash table (CPython 3.6+ layout): entries in order,
// an open-addressed index of int32 slots into them.
typedef struct {
    Value key;          // VAL_UNDEF for a deleted entry
    Value value;
    int64_t hash;
} DictEntry;

struct ObjDict {
    Obj base;
    int64_t len;        // live entries
    int64_t used;       // entries slots consumed (incl. deleted)
    int64_t cap;        // entries capacity
    int64_t index_cap;  // power of two
    int32_t *index;     // -1 empty, -2 deleted, else entry number
    DictEntry *entries;
};

typedef struct {
    Obj base;
    ObjDict *table;     // keys -> None
} ObjSet;               // set and frozenset share this layout

typedef struct {
    Obj base;
    int64_t start, stop, step, len;
} ObjRange;

typedef struct {
    Obj base;
    Value start, stop, step;   // VAL_NONE when omitted
} ObjSlice;

// ------------------------------------------------------- instances
// An instance of a class defined in tl code (or any type with a dict).
typedef struct {
    Obj base;
    ObjDict *dict;
} ObjInstance;

// BaseException and subclasses (built-in and user-defined).
typedef struct {
    Obj base;
    ObjDict *dict;
    ObjTuple *args;
    Value traceback;     // a list of traceback entries (VM-private), or NONE
    Value cause;         // __cause__ (raise X from Y), or NONE
    Value context;       // __context__, or NONE
    bool suppress_context;
} ObjException;

typedef struct {
    Obj base;
    ObjStr *name;
    ObjDict *dict;       // globals of the module
    const char *filename;
} ObjModule;

typedef struct {
    Obj base;
    const char *name;
    NativeFn fn;
    const char *doc;
    Value self;          // bound receiver for methods of native objects, or UNDEF
    TypeObj *owner;      // type whose method this is (for unbound calls / repr), or NULL
    bool is_classmethod; // e.g. dict.fromkeys: self is the type
} ObjNative;

typedef struct {
    Obj base;
    Value func;
    Value self;
} ObjBoundMethod;

typedef struct {
    Obj base;
    Value value;         // VAL_UNDEF while empty
} ObjCell;

typedef struct {
    Obj base;
    Value fget, fset, fdel;   // VAL_NONE when absent
    Value doc;
} ObjProperty;

typedef struct {
    Obj base;
    Value func;
} ObjStaticMethod;      // also classmethod (distinguished by type)

// ------------------------------------------------------- builtin types
extern TypeObj type_type, type_object, type_none, type_bool, type_int, type_float,
    type_str, type_tuple, type_list, type_dict, type_set, type_frozenset, type_range,
    type_slice, type_module, type_native, type_bound_method, type_cell, type_property,
    type_staticmethod, type_classmethod, type_ellipsis, type_notimplemented;
// The singletons Ellipsis (`...`) and NotImplemented.
extern Obj obj_ellipsis, obj_notimplemented;

// ------------------------------------------------------- object core
// Allocates a zeroed object of [size] bytes with refcount 1.
// Containers (types with traverse) are linked into the cycle collector.
Obj *obj_alloc(TypeObj *type, size_t size);
TypeObj *val_type(Value v);
const char *val_type_name(Value v);
bool type_is_subtype(const TypeObj *t, const TypeObj *base);
bool val_isinstance(Value v, const TypeObj *t);
// Installs a native type's methods/getset into its dict; call once at startup.
void type_ready(TypeObj *t);
// Looks [name] up along the type's inheritance chain; borrowed or VAL_UNDEF.
Value type_lookup(const TypeObj *t, ObjStr *name);

// ---- generic protocols (new references; VAL_ERROR with pending error) ----
Value val_repr(Value v);            // always an ObjStr on success
Value val_str(Value v);
int64_t val_hash(Value v);          // -1 with pending TypeError "unhashable type: 'list'"
int val_truthy(Value v);            // 0/1, -1 error
int val_eq(Value a, Value b);       // 0/1, -1 error (fast paths for ints, floats, strs)
Value val_compare(Value a, Value b, CompareOp op);
Value val_binary(BinaryOp op, Value a, Value b);
Value val_inplace(BinaryOp op, Value a, Value b);
Value val_unary(UnaryOp op, Value a);
int64_t val_len(Value v);           // -1 with pending error
Value val_getattr(Value obj, ObjStr *name);
Value val_getattr_cstr(Value obj, const char *name);
int val_setattr(Value obj, ObjStr *name, Value v);
int val_delattr(Value obj, ObjStr *name);
Value val_getitem(Value obj, Value key);
int val_setitem(Value obj, Value key, Value v);
int val_delitem(Value obj, Value key);
int val_contains(Value container, Value item);
Value val_iter(Value v);
// Next item of an iterator: a new reference, VAL_UNDEF when exhausted
// (no error pending), or VAL_ERROR.
Value val_next(Value it);
Value val_call(Value callable, int nargs, Value *args, const KwArgs *kw);
Value val_call_method(Value self, const char *name, int nargs, Value *args);
// repr/str straight into a buffer (used by containers' reprs). -1 on error.
int val_repr_to(Value v, StrBuf *out);
int val_str_to(Value v, StrBuf *out);
// Python numbers: ints, bools and floats.
bool val_is_number(Value v);
bool val_to_double(Value v, double *out);   // false if not a number (no error set)
// Raises "TypeError: '<' not supported between instances of 'int' and 'str'" etc.
Value val_raise_unsupported(const char *op, Value a, Value b);

// ------------------------------------------------------- strings
ObjStr *str_new(const char *s, int64_t len);      // copies
ObjStr *str_from_cstr(const char *s);
ObjStr *str_intern(const char *s);                 // borrowed? no: new reference to the interned string
ObjStr *str_intern_n(const char *s, int64_t len);
Value str_value(const char *s);                    // new str as a Value
Value str_value_n(const char *s, int64_t len);
Value str_from_buf(StrBuf *sb);                    // takes the buffer's text; resets sb
int64_t str_hash(ObjStr *s);
bool str_eq(const ObjStr *a, const ObjStr *b);
static inline bool val_is_str(Value v) { return IS_OBJ(v) && v.as.o->type == &type_str; }
#define AS_STR(v) ((ObjStr *)(v).as.o)
static inline const char *val_cstr(Value v) { return AS_STR(v)->data; }

// ------------------------------------------------------- tuples & lists
ObjTuple *tuple_new(int64_t len);                  // items VAL_NONE; fill with tuple items
Value tuple_pack(int n, ...);                      // steals each argument
ObjList *list_new(int64_t len);                    // items NONE
int list_append(ObjList *l, Value v);              // borrows v (increfs)
int list_append_steal(ObjList *l, Value v);
Value list_pop(ObjList *l, int64_t i);
#define AS_TUPLE(v) ((ObjTuple *)(v).as.o)
#define AS_LIST(v) ((ObjList *)(v).as.o)
static inline bool val_is_tuple(Value v) { return IS_OBJ(v) && v.as.o->type == &type_tuple; }
static inline bool val_is_list(Value v) { return IS_OBJ(v) && v.as.o->type == &type_list; }
// Collects any iterable into a new list (NULL on error).
ObjList *list_from_iterable(Value it);
// Borrowed view of a list's or tuple's items, or NULL (not an error) for other types.
Value *seq_items(Value v, int64_t *len);

// ------------------------------------------------------- dicts & sets
ObjDict *dict_new(void);
Value dict_get(ObjDict *d, Value key);             // borrowed; VAL_UNDEF if absent; VAL_ERROR if unhashable
Value dict_get_str(ObjDict *d, ObjStr *key);       // borrowed; fast path for string keys
Value dict_get_cstr(ObjDict *d, const char *key);  // borrowed
int dict_set(ObjDict *d, Value key, Value v);      // borrows both (increfs)
int dict_set_str(ObjDict *d, ObjStr *key, Value v);
int dict_set_cstr(ObjDict *d, const char *key, Value v);    // borrows v
int dict_del(ObjDict *d, Value key);               // -1 with KeyError if absent
// Iterates live entries: for (int64_t i = 0; dict_next(d, &i, &k, &v);) ...  (borrowed)
bool dict_next(ObjDict *d, int64_t *pos, Value *key, Value *value);
#define AS_DICT(v) ((ObjDict *)(v).as.o)
static inline bool val_is_dict(Value v) { return IS_OBJ(v) && v.as.o->type == &type_dict; }
ObjSet *set_new(TypeObj *type);                    // type_set or type_frozenset
int set_add(ObjSet *s, Value v);

// ------------------------------------------------------- misc objects
Value native_new(const char *name, NativeFn fn, const char *doc);   // a free function
Value bound_method_new(Value func, Value self);
Value range_new(int64_t start, int64_t stop, int64_t step);
Value slice_new(Value start, Value stop, Value step);               // borrows
// Resolves a slice against a sequence length (Python's PySlice_GetIndicesEx).
int slice_indices(ObjSlice *s, int64_t len, int64_t *start, int64_t *stop, int64_t *step, int64_t *slicelen);
ObjModule *module_new(const char *name);

// ------------------------------------------------------- errors
// The exception class for an error kind (ERR_TYPE -> TypeError).
TypeObj *exc_class_for_kind(ErrKind k);
// Raises an instance of [cls] with a formatted message (parks it in the pending slot).
Value exc_raise(TypeObj *cls, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// Raise a language exception object (steals [exc]).
Value exc_raise_value(Value exc);
// Converts the pending error into an exception object (new reference).
Value exc_take_pending(void);
extern TypeObj *exc_BaseException, *exc_Exception, *exc_TypeError, *exc_ValueError,
    *exc_IndexError, *exc_KeyError, *exc_AttributeError, *exc_NameError,
    *exc_StopIteration, *exc_RuntimeError, *exc_NotImplementedError;

// Argument helpers for native functions: "expected N arguments, got M" etc.
int arg_check_count(const char *fname, int nargs, int min, int max);
int arg_no_kwargs(const char *fname, const KwArgs *kw);
// Binds positional+keyword args to [names] (nnames entries; NULL-terminated not
// needed). out[i] borrowed, VAL_UNDEF when not given. [npos_max]: how many
// may be given positionally. Errors in CPython's words.
int arg_bind(const char *fname, int nargs, Value *args, const KwArgs *kw,
             const char *const *names, int nnames, int npos_max, Value *out);
// Conversions with CPython-style TypeErrors naming [what].
int arg_int(Value v, const char *what, int64_t *out);
int arg_double(Value v, const char *what, double *out);
int arg_bool(Value v, bool *out);

#endif
