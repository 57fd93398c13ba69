// The str type: construction, the intern table, hashing, repr, and the
// protocol slots (concatenation, repetition, indexing and slicing by code
// point, iteration, containment). Methods live in str_methods.c, %- and
// format()-formatting in str_format.c, character classes in str_unicode.c.
// Strings are immutable UTF-8; ASCII strings (nchars == len) take fast paths.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "vm/containers.h"
#include "vm/str_format.h"
#include "vm/str_internal.h"

// Above this many bytes a string is refused with MemoryError up front, so
// that a size computed from user input cannot overflow.
#define STR_MAX_LEN ((int64_t)1 << 46)

// ------------------------------------------------------------ building

static Value no_memory(void) {
    tl_raise(ERR_MEMORY, "%s", "");
    return VAL_ERROR;
}

ObjStr *str_alloc(int64_t len) {
    if (len < 0 || len > STR_MAX_LEN) return tl_raise(ERR_MEMORY, "%s", "");
    ObjStr *s = (ObjStr *)obj_alloc(&type_str, sizeof(ObjStr) + (size_t)len + 1);
    if (!s) return NULL;
    s->len = len;
    s->nchars = len;
    s->hash = -1;
    s->data[len] = '\0';
    return s;
}

void str_finish(ObjStr *s) { s->nchars = utf8_count(s->data, s->len); }

ObjStr *str_new_nchars(const char *src, int64_t len, int64_t nchars) {
    ObjStr *s = str_alloc(len);
    if (!s) return NULL;
    if (len) memcpy(s->data, src, (size_t)len);
    s->nchars = nchars;
    return s;
}

ObjStr *str_new(const char *src, int64_t len) {
    return str_new_nchars(src, len, utf8_count(src, len));
}

ObjStr *str_from_cstr(const char *s) { return str_new(s, (int64_t)strlen(s)); }

Value str_value_n(const char *s, int64_t len) {
    ObjStr *o = str_new(s, len);
    return o ? OBJ_VAL(o) : VAL_ERROR;
}

Value str_value(const char *s) { return str_value_n(s, (int64_t)strlen(s)); }

Value str_from_buf(StrBuf *sb) {
    Value v = str_value_n(sb->data ? sb->data : "", (int64_t)sb->len);
    sb_free(sb);
    return v;
}

Value str_empty(void) {
    static ObjStr *empty;
    if (!empty) empty = str_intern_n("", 0);
    return OBJ_VAL(obj_incref(empty));
}

Value str_from_char(uint32_t cp) {
    static ObjStr *ascii[128];
    if (cp < 128) {
        if (!ascii[cp]) {
            char c = (char)cp;
            ascii[cp] = str_intern_n(&c, 1);
        }
        return OBJ_VAL(obj_incref(ascii[cp]));
    }
    char buf[4];
    ObjStr *s = str_new_nchars(buf, utf8_encode(cp, buf), 1);
    return s ? OBJ_VAL(s) : VAL_ERROR;
}

Value str_substr(ObjStr *s, int64_t cstart, int64_t cend) {
    if (cend <= cstart) return str_empty();
    if (cstart == 0 && cend == s->nchars) return OBJ_VAL(obj_incref(s));
    if (cend - cstart == 1 && str_is_ascii(s)) return str_from_char((unsigned char)s->data[cstart]);
    int64_t b0 = str_offset_of(s, cstart), b1 = str_offset_of(s, cend);
    ObjStr *r = str_new_nchars(s->data + b0, b1 - b0, cend - cstart);
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

// ------------------------------------------------------------ hash / eq

// FNV-1a over the bytes, folded to a non-negative value (never -1).
static int64_t hash_bytes(const char *p, int64_t len) {
    uint64_t h = 14695981039346656037ULL;
    for (int64_t i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return (int64_t)(h >> 1);
}

int64_t str_hash(ObjStr *s) {
    if (s->hash == -1) s->hash = s->len ? hash_bytes(s->data, s->len) : 0;   // hash('') == 0 as in CPython
    return s->hash;
}

bool str_eq(const ObjStr *a, const ObjStr *b) {
    if (a == b) return true;
    if (a->len != b->len) return false;
    if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) return false;
    return memcmp(a->data, b->data, (size_t)a->len) == 0;
}

// ------------------------------------------------------------ interning
// An open-addressed set of strings (linear probing, load <= 1/2). The table
// keeps one reference to each member, so interned strings live forever.

static ObjStr **intern_slots;
static int64_t intern_cap, intern_count;

static void intern_insert(ObjStr **slots, int64_t cap, ObjStr *s) {
    int64_t i = str_hash(s) & (cap - 1);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = s;
}

static void intern_grow(void) {
    int64_t cap = intern_cap ? intern_cap * 2 : 1024;
    ObjStr **slots = tl_xcalloc((size_t)cap, sizeof *slots);
    for (int64_t i = 0; i < intern_cap; i++)
        if (intern_slots[i]) intern_insert(slots, cap, intern_slots[i]);
    free(intern_slots);
    intern_slots = slots;
    intern_cap = cap;
}

ObjStr *str_intern_n(const char *s, int64_t len) {
    if (2 * (intern_count + 1) > intern_cap) intern_grow();
    int64_t hash = hash_bytes(s, len);
    int64_t i = hash & (intern_cap - 1);
    for (ObjStr *e; (e = intern_slots[i]); i = (i + 1) & (intern_cap - 1))
        if (e->hash == hash && e->len == len && memcmp(e->data, s, (size_t)len) == 0)
            return obj_incref(e);
    ObjStr *n = str_new(s, len);
    if (!n) return NULL;
    n->hash = hash;
    n->interned = true;
    intern_slots[i] = n;   // the table's reference
    intern_count++;
    return obj_incref(n);
}

ObjStr *str_intern(const char *s) { return str_intern_n(s, (int64_t)strlen(s)); }

// ------------------------------------------------------------ repr

// CPython's quote choice: single quotes unless the text holds ' and no ".
void str_repr_to(const ObjStr *s, bool ascii_only, StrBuf *sb) {
    bool has_sq = memchr(s->data, '\'', (size_t)s->len) != NULL;
    bool has_dq = memchr(s->data, '"', (size_t)s->len) != NULL;
    char quote = has_sq && !has_dq ? '"' : '\'';
    sb_append_char(sb, quote);
    for (int64_t pos = 0; pos < s->len;) {
        int64_t next = utf8_next(s->data, pos, s->len);
        uint32_t c = utf8_decode(s->data, pos, s->len);
        if (c == (uint32_t)quote || c == '\\') {
            sb_append_char(sb, '\\');
            sb_append_char(sb, (char)c);
        } else if (c == '\n') {
            sb_append(sb, "\\n");
        } else if (c == '\t') {
            sb_append(sb, "\\t");
        } else if (c == '\r') {
            sb_append(sb, "\\r");
        } else if (c < 0x20 || c == 0x7F) {
            sb_printf(sb, "\\x%02x", c);
        } else if (c < 0x80 || (!ascii_only && uchar_isprintable(c))) {
            sb_append_n(sb, s->data + pos, (size_t)(next - pos));
        } else if (c <= 0xFF) {
            sb_printf(sb, "\\x%02x", c);
        } else if (c <= 0xFFFF) {
            sb_printf(sb, "\\u%04x", c);
        } else {
            sb_printf(sb, "\\U%08x", c);
        }
        pos = next;
    }
    sb_append_char(sb, quote);
}

static Value str_repr(Value self) {
    StrBuf sb = STRBUF_INIT;
    str_repr_to(AS_STR(self), false, &sb);
    return str_from_buf(&sb);
}

Value str_ascii_of(Value v) {
    Value r = val_repr(v);
    if (IS_ERR(r) || str_is_ascii(AS_STR(r))) return r;
    // Escape the non-ASCII chars of the repr, as CPython's ascii() does.
    ObjStr *s = AS_STR(r);
    StrBuf sb = STRBUF_INIT;
    for (int64_t pos = 0; pos < s->len;) {
        int64_t next = utf8_next(s->data, pos, s->len);
        uint32_t c = utf8_decode(s->data, pos, s->len);
        if (c < 0x80) sb_append_char(&sb, (char)c);
        else if (c <= 0xFF) sb_printf(&sb, "\\x%02x", c);
        else if (c <= 0xFFFF) sb_printf(&sb, "\\u%04x", c);
        else sb_printf(&sb, "\\U%08x", c);
        pos = next;
    }
    val_decref(r);
    return str_from_buf(&sb);
}

Value val_ascii(Value v) { return str_ascii_of(v); }

// ------------------------------------------------------------ slots

static void str_dealloc(Obj *o) { str_index_forget((ObjStr *)o); }

static Value str_str(Value self) { return val_incref(self); }

static int64_t str_hash_slot(Value self) { return str_hash(AS_STR(self)); }

static int64_t str_len(Value self) { return AS_STR(self)->nchars; }

static int str_truthy(Value self) { return AS_STR(self)->len > 0; }

// Byte order of UTF-8 is code point order, so memcmp compares as CPython does.
static Value str_compare(Value a, Value b, CompareOp op) {
    if (!val_is_str(a) || !val_is_str(b)) return VAL_UNDEFINED;
    ObjStr *x = AS_STR(a), *y = AS_STR(b);
    if (op == CMP_EQ) return BOOL_VAL(str_eq(x, y));
    if (op == CMP_NE) return BOOL_VAL(!str_eq(x, y));
    int64_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, (size_t)n);
    if (c == 0) c = (x->len > y->len) - (x->len < y->len);
    switch (op) {
    case CMP_LT: return BOOL_VAL(c < 0);
    case CMP_LE: return BOOL_VAL(c <= 0);
    case CMP_GT: return BOOL_VAL(c > 0);
    case CMP_GE: return BOOL_VAL(c >= 0);
    default: return VAL_UNDEFINED;
    }
}

static Value str_concat(ObjStr *a, ObjStr *b) {
    if (a->len == 0) return OBJ_VAL(obj_incref(b));
    if (b->len == 0) return OBJ_VAL(obj_incref(a));
    ObjStr *r = str_alloc(a->len + b->len);
    if (!r) return VAL_ERROR;
    memcpy(r->data, a->data, (size_t)a->len);
    memcpy(r->data + a->len, b->data, (size_t)b->len);
    r->nchars = a->nchars + b->nchars;
    return OBJ_VAL(r);
}

static Value str_repeat(ObjStr *s, int64_t n) {
    if (n <= 0 || s->len == 0) return str_empty();
    if (n == 1) return OBJ_VAL(obj_incref(s));
    if (n > STR_MAX_LEN / s->len) return no_memory();
    ObjStr *r = str_alloc(s->len * n);
    if (!r) return VAL_ERROR;
    if (s->len == 1) {
        memset(r->data, s->data[0], (size_t)n);
    } else {
        // double the filled prefix until done
        memcpy(r->data, s->data, (size_t)s->len);
        int64_t done = s->len, total = s->len * n;
        while (done < total) {
            int64_t k = done < total - done ? done : total - done;
            memcpy(r->data + done, r->data, (size_t)k);
            done += k;
        }
    }
    r->nchars = s->nchars * n;
    return OBJ_VAL(r);
}

// A native operand other than an int makes `*` an error at once; a class
// instance may still supply __rmul__.
static Value repeat_operand(ObjStr *s, Value n) {
    if (IS_INT(n)) return str_repeat(s, n.as.i);
    if (IS_BOOL(n)) return str_repeat(s, n.as.b);
    int64_t k;
    int r = index_from_value(n, &k);
    if (r < 0) return VAL_ERROR;
    if (r > 0) return str_repeat(s, k);
    if (!val_type(n)->is_native) return VAL_UNDEFINED;
    return exc_raise(exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                     val_type_name(n));
}

static Value str_binary(BinaryOp op, Value a, Value b, bool reflected, bool inplace) {
    (void)inplace;
    switch (op) {
    case BIN_ADD:
        if (val_is_str(a) && val_is_str(b)) return str_concat(AS_STR(a), AS_STR(b));
        return VAL_UNDEFINED;
    case BIN_MUL:
        return reflected ? repeat_operand(AS_STR(b), a) : repeat_operand(AS_STR(a), b);
    case BIN_MOD:
        if (reflected) return VAL_UNDEFINED;
        return str_percent_format(AS_STR(a), b);
    default:
        return VAL_UNDEFINED;
    }
}

static Value str_slice(ObjStr *s, ObjSlice *sl) {
    int64_t start, stop, step, n;
    if (slice_indices(sl, s->nchars, &start, &stop, &step, &n) < 0) return VAL_ERROR;
    if (step == 1) return str_substr(s, start, start + n);
    if (n <= 0) return str_empty();
    if (str_is_ascii(s)) {
        ObjStr *r = str_alloc(n);
        if (!r) return VAL_ERROR;
        for (int64_t i = 0, j = start; i < n; i++, j += step) r->data[i] = s->data[j];
        return OBJ_VAL(r);
    }
    // Non-ASCII with a step: index every char start once, then gather.
    int64_t *offs = malloc((size_t)(s->nchars + 1) * sizeof *offs);
    if (!offs) return no_memory();
    for (int64_t i = 0, pos = 0; i <= s->nchars; i++) {
        offs[i] = pos;
        if (pos < s->len) pos = utf8_next(s->data, pos, s->len);
    }
    StrBuf sb = STRBUF_INIT;
    for (int64_t i = 0, j = start; i < n; i++, j += step)
        sb_append_n(&sb, s->data + offs[j], (size_t)(offs[j + 1] - offs[j]));
    free(offs);
    return str_from_buf(&sb);
}

static Value str_getitem(Value self, Value key) {
    ObjStr *s = AS_STR(self);
    if (IS_OBJ(key) && key.as.o->type == &type_slice) return str_slice(s, (ObjSlice *)key.as.o);
    int64_t i;
    int r = index_from_value(key, &i);
    if (r < 0) return VAL_ERROR;
    if (r == 0)
        return exc_raise(exc_TypeError, "string indices must be integers, not '%s'",
                         val_type_name(key));
    if (i < 0) i += s->nchars;
    if (i < 0 || i >= s->nchars) return exc_raise(exc_IndexError, "string index out of range");
    if (str_is_ascii(s)) return str_from_char((unsigned char)s->data[i]);
    return str_substr(s, i, i + 1);
}

static int str_contains(Value self, Value item) {
    if (!val_is_str(item)) {
        tl_raise(ERR_TYPE, "'in <string>' requires string as left operand, not %s",
                 val_type_name(item));
        return -1;
    }
    ObjStr *s = AS_STR(self), *sub = AS_STR(item);
    if (sub->len == 0) return 1;
    return memmem(s->data, (size_t)s->len, sub->data, (size_t)sub->len) != NULL;
}

// str(object='') -> the object's str(); bytes decoding is not supported.
static Value str_call(TypeObj *type, int nargs, Value *args, const KwArgs *kw) {
    if (type != &type_str)
        return exc_raise(exc_NotImplementedError, "subclassing str is not supported by tl");
    static const char *const names[] = {"object", "encoding", "errors"};
    Value a[3];
    if (arg_bind("str", nargs, args, kw, names, 3, 3, a) < 0) return VAL_ERROR;
    if (!IS_UNDEF(a[1]) || !IS_UNDEF(a[2])) {
        Value bad = !IS_UNDEF(a[1]) ? a[1] : a[2];
        if (!val_is_str(bad))
            return exc_raise(exc_TypeError, "str() argument '%s' must be str, not %s",
                             !IS_UNDEF(a[1]) ? "encoding" : "errors", val_type_name(bad));
        return exc_raise(exc_TypeError, "decoding str is not supported");
    }
    if (IS_UNDEF(a[0])) return str_empty();
    Value r = val_str(a[0]);
    if (!IS_ERR(r) && !val_is_str(r)) {
        TypeObj *t = val_type(r);
        val_decref(r);
        return exc_raise(exc_TypeError, "__str__ returned non-string (type %s)", t->name);
    }
    return r;
}

// ------------------------------------------------------------ iterator

typedef struct {
    Obj base;
    ObjStr *str;
    int64_t pos;    // byte offset of the next char
} StrIter;

static void str_iter_dealloc(Obj *o) { obj_decref(((StrIter *)o)->str); }

static Value str_iter_self(Value self) { return val_incref(self); }

static Value str_iter_next(Value self) {
    StrIter *it = (StrIter *)self.as.o;
    ObjStr *s = it->str;
    if (!s || it->pos >= s->len) return VAL_UNDEFINED;
    int64_t pos = it->pos;
    if (str_is_ascii(s)) {
        it->pos++;
        return str_from_char((unsigned char)s->data[pos]);
    }
    it->pos = utf8_next(s->data, pos, s->len);
    ObjStr *r = str_new_nchars(s->data + pos, it->pos - pos, 1);
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

// CPython 3.11 names the two iterator classes apart; so do we.
TypeObj type_str_iterator = {
    .name = "str_iterator", .is_native = true, .base_type = &type_object,
    .is_abstract_native = true, .instance_size = sizeof(StrIter),
    .dealloc = str_iter_dealloc, .iter = str_iter_self, .next = str_iter_next,
};

TypeObj type_str_ascii_iterator = {
    .name = "str_ascii_iterator", .is_native = true, .base_type = &type_object,
    .is_abstract_native = true, .instance_size = sizeof(StrIter),
    .dealloc = str_iter_dealloc, .iter = str_iter_self, .next = str_iter_next,
};

static Value str_iter(Value self) {
    ObjStr *s = AS_STR(self);
    TypeObj *t = str_is_ascii(s) ? &type_str_ascii_iterator : &type_str_iterator;
    StrIter *it = (StrIter *)obj_alloc(t, sizeof(StrIter));
    if (!it) return VAL_ERROR;
    it->str = obj_incref(s);
    it->pos = 0;
    return OBJ_VAL(it);
}

TypeObj type_str = {
    .name = "str", .is_native = true, .base_type = &type_object,
    .instance_size = sizeof(ObjStr),
    .dealloc = str_dealloc, .call_type = str_call,
    .repr = str_repr, .str = str_str, .hash = str_hash_slot, .compare = str_compare,
    .binary = str_binary, .truthy = str_truthy, .len = str_len, .getitem = str_getitem,
    .contains = str_contains, .iter = str_iter,
    .methods = str_method_defs,
    .doc = "str(object='') -> str\n\nCreate a new string object from the given object.",
};

void str_ready(void) {
    type_ready(&type_str);
    type_ready(&type_str_iterator);
    type_ready(&type_str_ascii_iterator);
}
