// The methods of str (split, join, strip, find, case mapping, padding...)
// with CPython 3.11's semantics and error messages. Positions are code
// point indices; searching works on the UTF-8 bytes (a valid UTF-8 needle
// can only match at char boundaries) and converts offsets back.
#include <stdlib.h>
#include <string.h>

#include "vm/containers.h"
#include "vm/str_format.h"
#include "vm/str_internal.h"

// ------------------------------------------------------------ arguments
// CPython words its arity errors four ways, depending on how each method
// is implemented there; [style] picks the one the method uses.
enum {
    ARGS_NONE,      // "str.upper() takes no arguments (1 given)"
    ARGS_ONE,       // "str.join() takes exactly one argument (0 given)"
    ARGS_CLINIC,    // "strip expected at most 1 argument, got 2"
    ARGS_OLD,       // "find() takes at least 1 argument (0 given)"
};

static int check_args(const char *name, int style, int nargs, Value *args, const KwArgs *kw,
                      int min, int max) {
    if (nargs < 1 || !val_is_str(args[0])) {
        if (nargs < 1)
            return tl_raise_int(ERR_TYPE, "unbound method str.%s() needs an argument", name);
        return tl_raise_int(ERR_TYPE, "descriptor '%s' for 'str' objects doesn't apply to a '%s' object",
                            name, val_type_name(args[0]));
    }
    int n = nargs - 1;
    if (kw && kw->n > 0) {
        if (style == ARGS_OLD) return tl_raise_int(ERR_TYPE, "%s() takes no keyword arguments", name);
        return tl_raise_int(ERR_TYPE, "str.%s() takes no keyword arguments", name);
    }
    if (n >= min && n <= max) return 0;
    switch (style) {
    case ARGS_NONE:
        return tl_raise_int(ERR_TYPE, "str.%s() takes no arguments (%d given)", name, n);
    case ARGS_ONE:
        return tl_raise_int(ERR_TYPE, "str.%s() takes exactly one argument (%d given)", name, n);
    case ARGS_CLINIC:
        if (n < min)
            return tl_raise_int(ERR_TYPE, "%s expected at least %d argument%s, got %d", name, min,
                                min == 1 ? "" : "s", n);
        return tl_raise_int(ERR_TYPE, "%s expected at most %d argument%s, got %d", name, max,
                            max == 1 ? "" : "s", n);
    default:
        if (n < min)
            return tl_raise_int(ERR_TYPE, "%s() takes at least %d argument%s (%d given)", name, min,
                                min == 1 ? "" : "s", n);
        return tl_raise_int(ERR_TYPE, "%s() takes at most %d argument%s (%d given)", name, max,
                            max == 1 ? "" : "s", n);
    }
}

// Binds the arguments of a method that accepts keywords (split, splitlines,
// expandtabs); out[i] is VAL_UNDEF when not given.
static int bind_args(const char *name, int nargs, Value *args, const KwArgs *kw,
                     const char *const *names, int nnames, Value *out) {
    int n = nargs - 1;
    if (nargs < 1 || !val_is_str(args[0])) return check_args(name, ARGS_OLD, nargs, args, NULL, 0, 99);
    if (n + (kw ? kw->n : 0) > nnames)
        return tl_raise_int(ERR_TYPE, "%s() takes at most %d argument%s (%d given)", name, nnames,
                            nnames == 1 ? "" : "s", n + (kw ? kw->n : 0));
    for (int i = 0; i < nnames; i++) out[i] = i < n ? args[i + 1] : VAL_UNDEFINED;
    for (int k = 0; kw && k < kw->n; k++) {
        int i = 0;
        while (i < nnames && strcmp(names[i], kw->names[k]->data) != 0) i++;
        if (i == nnames)
            return tl_raise_int(ERR_TYPE, "'%s' is an invalid keyword argument for %s()",
                                kw->names[k]->data, name);
        if (!IS_UNDEF(out[i]))
            return tl_raise_int(ERR_TYPE, "argument for %s() given by name ('%s') and position (%d)",
                                name, names[i], i + 1);
        out[i] = kw->values[k];
    }
    return 0;
}

// A str argument: "must be str, not int" (with [what] prefixed when given).
static ObjStr *arg_str(Value v, const char *what) {
    if (val_is_str(v)) return AS_STR(v);
    if (what) return tl_raise(ERR_TYPE, "%s must be str, not %s", what, val_type_name(v));
    return tl_raise(ERR_TYPE, "must be str, not %s", val_type_name(v));
}

// The optional start/end of find() & co. (None = absent), clamped to
// [0, len] as CPython's ADJUST_INDICES does.
static int arg_range(int nargs, Value *args, int first, int64_t len, int64_t *start, int64_t *end) {
    int64_t v[2] = {0, len};
    for (int k = 0; k < 2; k++) {
        if (first + k >= nargs || IS_NONE(args[first + k])) continue;
        int r = index_from_value(args[first + k], &v[k]);
        if (r < 0) return -1;
        if (r == 0)
            return tl_raise_int(ERR_TYPE, "slice indices must be integers or None or have an "
                                          "__index__ method");
    }
    if (v[1] > len) v[1] = len;
    else if (v[1] < 0 && (v[1] += len) < 0) v[1] = 0;
    if (v[0] < 0 && (v[0] += len) < 0) v[0] = 0;
    *start = v[0];
    *end = v[1];
    return 0;
}

// ------------------------------------------------------------ helpers

static inline uint32_t char_at(const ObjStr *s, int64_t pos) {
    unsigned char c = (unsigned char)s->data[pos];
    return c < 0x80 ? c : utf8_decode(s->data, pos, s->len);
}

static inline int64_t next_pos(const ObjStr *s, int64_t pos) {
    return (unsigned char)s->data[pos] < 0x80 ? pos + 1 : utf8_next(s->data, pos, s->len);
}

// The bytes [b0, b1) of [s] as a new string.
static Value byte_sub(ObjStr *s, int64_t b0, int64_t b1) {
    if (b1 <= b0) return str_empty();
    if (b0 == 0 && b1 == s->len) return OBJ_VAL(obj_incref(s));
    if (b1 - b0 == 1 && (unsigned char)s->data[b0] < 0x80)
        return str_from_char((unsigned char)s->data[b0]);
    int64_t n = str_is_ascii(s) ? b1 - b0 : utf8_count(s->data + b0, b1 - b0);
    ObjStr *r = str_new_nchars(s->data + b0, b1 - b0, n);
    return r ? OBJ_VAL(r) : VAL_ERROR;
}

static Value no_memory(void) {
    tl_raise(ERR_MEMORY, "%s", "");
    return VAL_ERROR;
}

static Value self_ref(Value *args) { return val_incref(args[0]); }

// Byte offset of the first [needle] in hay[from, to), or -1.
static int64_t find_bytes(const ObjStr *hay, int64_t from, int64_t to, const ObjStr *needle) {
    if (to - from < needle->len) return -1;
    const char *p = memmem(hay->data + from, (size_t)(to - from), needle->data, (size_t)needle->len);
    return p ? p - hay->data : -1;
}

// Byte offset of the last [needle] in hay[from, to), or -1.
static int64_t rfind_bytes(const ObjStr *hay, int64_t from, int64_t to, const ObjStr *needle) {
    int64_t n = needle->len;
    if (n == 0) return to;
    for (int64_t i = to - n; i >= from; i--)
        if (hay->data[i] == needle->data[0] && memcmp(hay->data + i, needle->data, (size_t)n) == 0)
            return i;
    return -1;
}

static int append_steal(ObjList *l, Value v) {
    if (IS_ERR(v)) return -1;
    return list_append_steal(l, v);
}

// ------------------------------------------------------------ split

static int split_whitespace(ObjStr *s, int64_t maxsplit, ObjList *out) {
    int64_t pos = 0, len = s->len;
    while (pos < len) {
        while (pos < len && uchar_isspace(char_at(s, pos))) pos = next_pos(s, pos);
        if (pos >= len) break;
        // past maxsplit the rest keeps its trailing whitespace, as in CPython
        if (maxsplit-- == 0) return append_steal(out, byte_sub(s, pos, len));
        int64_t start = pos;
        while (pos < len && !uchar_isspace(char_at(s, pos))) pos = next_pos(s, pos);
        if (append_steal(out, byte_sub(s, start, pos)) < 0) return -1;
    }
    return 0;
}

static int rsplit_whitespace(ObjStr *s, int64_t maxsplit, ObjList *out) {
    int64_t end = s->len;
    while (end > 0) {
        while (end > 0 && uchar_isspace(char_at(s, utf8_prev(s->data, end))))
            end = utf8_prev(s->data, end);
        if (end <= 0) break;
        if (maxsplit-- == 0) return append_steal(out, byte_sub(s, 0, end));
        int64_t stop = end;
        while (end > 0 && !uchar_isspace(char_at(s, utf8_prev(s->data, end))))
            end = utf8_prev(s->data, end);
        if (append_steal(out, byte_sub(s, end, stop)) < 0) return -1;
    }
    return 0;
}

static int split_sep(ObjStr *s, ObjStr *sep, int64_t maxsplit, ObjList *out) {
    int64_t pos = 0;
    while (maxsplit-- != 0) {
        int64_t at = find_bytes(s, pos, s->len, sep);
        if (at < 0) break;
        if (append_steal(out, byte_sub(s, pos, at)) < 0) return -1;
        pos = at + sep->len;
    }
    return append_steal(out, byte_sub(s, pos, s->len));
}

static int rsplit_sep(ObjStr *s, ObjStr *sep, int64_t maxsplit, ObjList *out) {
    int64_t end = s->len;
    while (maxsplit-- != 0) {
        int64_t at = rfind_bytes(s, 0, end, sep);
        if (at < 0) break;
        if (append_steal(out, byte_sub(s, at + sep->len, end)) < 0) return -1;
        end = at;
    }
    return append_steal(out, byte_sub(s, 0, end));
}

static void list_reverse_items(ObjList *l) {
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        Value t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
}

static Value do_split(const char *name, int nargs, Value *args, const KwArgs *kw, bool right) {
    static const char *const names[] = {"sep", "maxsplit"};
    Value a[2];
    if (bind_args(name, nargs, args, kw, names, 2, a) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]), *sep = NULL;
    int64_t maxsplit = -1;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (!val_is_str(a[0]))
            return exc_raise(exc_TypeError, "must be str or None, not %s", val_type_name(a[0]));
        sep = AS_STR(a[0]);
        if (sep->len == 0) return exc_raise(exc_ValueError, "empty separator");
    }
    if (!IS_UNDEF(a[1]) && index_require(a[1], &maxsplit) < 0) return VAL_ERROR;
    if (maxsplit < 0) maxsplit = -1;
    ObjList *out = list_new(0);
    if (!out) return VAL_ERROR;
    int rc = sep ? (right ? rsplit_sep : split_sep)(s, sep, maxsplit, out)
                 : (right ? rsplit_whitespace : split_whitespace)(s, maxsplit, out);
    if (rc < 0) {
        obj_decref(out);
        return VAL_ERROR;
    }
    if (right) list_reverse_items(out);
    return OBJ_VAL(out);
}

static Value m_split(int nargs, Value *args, const KwArgs *kw) {
    return do_split("split", nargs, args, kw, false);
}

static Value m_rsplit(int nargs, Value *args, const KwArgs *kw) {
    return do_split("rsplit", nargs, args, kw, true);
}

// splitlines: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029 end lines.
static Value m_splitlines(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"keepends"};
    Value a[1];
    if (bind_args("splitlines", nargs, args, kw, names, 1, a) < 0) return VAL_ERROR;
    int64_t keep = 0;
    if (!IS_UNDEF(a[0]) && index_require(a[0], &keep) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    ObjList *out = list_new(0);
    if (!out) return VAL_ERROR;
    int64_t pos = 0;
    while (pos < s->len) {
        int64_t start = pos, eol;
        while (pos < s->len && !uchar_islinebreak(char_at(s, pos))) pos = next_pos(s, pos);
        eol = pos;
        if (pos < s->len) {
            bool crlf = s->data[pos] == '\r' && pos + 1 < s->len && s->data[pos + 1] == '\n';
            pos = crlf ? pos + 2 : next_pos(s, pos);
        }
        if (append_steal(out, byte_sub(s, start, keep ? pos : eol)) < 0) {
            obj_decref(out);
            return VAL_ERROR;
        }
    }
    return OBJ_VAL(out);
}

// ------------------------------------------------------------ join

static Value m_join(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("join", ARGS_ONE, nargs, args, kw, 1, 1) < 0) return VAL_ERROR;
    ObjStr *sep = AS_STR(args[0]);
    int64_t n;
    Value *items = seq_items(args[1], &n);
    ObjList *tmp = NULL;
    if (!items) {
        TypeObj *t = val_type(args[1]);
        if (!t->iter && !t->getitem) return exc_raise(exc_TypeError, "can only join an iterable");
        if (!(tmp = list_from_iterable(args[1]))) return VAL_ERROR;
        items = tmp->items;
        n = tmp->len;
    }
    int64_t total = 0, chars = 0;
    for (int64_t i = 0; i < n; i++) {
        if (!val_is_str(items[i])) {
            obj_decref(tmp);
            return exc_raise(exc_TypeError, "sequence item %lld: expected str instance, %s found",
                             (long long)i, val_type_name(items[i]));
        }
        total += AS_STR(items[i])->len + (i ? sep->len : 0);
        chars += AS_STR(items[i])->nchars + (i ? sep->nchars : 0);
    }
    Value result;
    if (n == 1) {
        result = val_incref(items[0]);
    } else {
        ObjStr *r = str_alloc(total);
        result = r ? OBJ_VAL(r) : VAL_ERROR;
        for (int64_t i = 0, at = 0; r && i < n; i++) {
            if (i && sep->len) {
                memcpy(r->data + at, sep->data, (size_t)sep->len);
                at += sep->len;
            }
            ObjStr *p = AS_STR(items[i]);
            if (p->len) memcpy(r->data + at, p->data, (size_t)p->len);
            at += p->len;
        }
        if (r) r->nchars = chars;
    }
    obj_decref(tmp);
    return result;
}

// ------------------------------------------------------------ strip

typedef struct {
    bool ascii[128];
    uint32_t *wide;      // non-ASCII chars to strip
    int64_t nwide;
    bool whitespace;     // chars was None: strip Unicode whitespace
} StripSet;

static bool strip_has(const StripSet *set, uint32_t c) {
    if (set->whitespace) return uchar_isspace(c);
    if (c < 128) return set->ascii[c];
    for (int64_t i = 0; i < set->nwide; i++)
        if (set->wide[i] == c) return true;
    return false;
}

static Value do_strip(const char *name, int nargs, Value *args, const KwArgs *kw, bool left,
                      bool right) {
    if (check_args(name, ARGS_CLINIC, nargs, args, kw, 0, 1) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    StripSet set = {.whitespace = nargs < 2 || IS_NONE(args[1])};
    if (!set.whitespace) {
        if (!val_is_str(args[1]))
            return exc_raise(exc_TypeError, "%s arg must be None or str", name);
        ObjStr *chars = AS_STR(args[1]);
        set.wide = malloc((size_t)(chars->nchars + 1) * sizeof *set.wide);
        if (!set.wide) return no_memory();
        for (int64_t pos = 0; pos < chars->len; pos = next_pos(chars, pos)) {
            uint32_t c = char_at(chars, pos);
            if (c < 128) set.ascii[c] = true;
            else set.wide[set.nwide++] = c;
        }
    }
    int64_t b0 = 0, b1 = s->len;
    if (left)
        while (b0 < b1 && strip_has(&set, char_at(s, b0))) b0 = next_pos(s, b0);
    if (right)
        while (b1 > b0 && strip_has(&set, char_at(s, utf8_prev(s->data, b1))))
            b1 = utf8_prev(s->data, b1);
    free(set.wide);
    return byte_sub(s, b0, b1);
}

static Value m_strip(int nargs, Value *args, const KwArgs *kw) {
    return do_strip("strip", nargs, args, kw, true, true);
}
static Value m_lstrip(int nargs, Value *args, const KwArgs *kw) {
    return do_strip("lstrip", nargs, args, kw, true, false);
}
static Value m_rstrip(int nargs, Value *args, const KwArgs *kw) {
    return do_strip("rstrip", nargs, args, kw, false, true);
}

// ------------------------------------------------------------ replace

static Value m_replace(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("replace", ARGS_CLINIC, nargs, args, kw, 2, 3) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    ObjStr *old = arg_str(args[1], "replace() argument 1");
    ObjStr *new = old ? arg_str(args[2], "replace() argument 2") : NULL;
    if (!new) return VAL_ERROR;
    int64_t count = -1;
    if (nargs > 3 && index_require(args[3], &count) < 0) return VAL_ERROR;
    if (count < 0) count = INT64_MAX;
    StrBuf sb = STRBUF_INIT;
    if (old->len == 0) {
        // insert [new] before every char and at the end, [count] times at most
        int64_t pos = 0;
        for (int64_t n = 0; n < count && n <= s->nchars; n++) {
            sb_append_n(&sb, new->data, (size_t)new->len);
            if (pos < s->len) {
                int64_t next = next_pos(s, pos);
                sb_append_n(&sb, s->data + pos, (size_t)(next - pos));
                pos = next;
            }
        }
        sb_append_n(&sb, s->data + pos, (size_t)(s->len - pos));
        return str_from_buf(&sb);
    }
    int64_t pos = 0, n = 0;
    for (int64_t at; n < count && (at = find_bytes(s, pos, s->len, old)) >= 0; n++) {
        sb_append_n(&sb, s->data + pos, (size_t)(at - pos));
        sb_append_n(&sb, new->data, (size_t)new->len);
        pos = at + old->len;
    }
    if (n == 0) {
        sb_free(&sb);
        return self_ref(args);
    }
    sb_append_n(&sb, s->data + pos, (size_t)(s->len - pos));
    return str_from_buf(&sb);
}

// ------------------------------------------------------------ searching

// find/rfind/index/rindex/count share "sub[, start[, end]]".
static int search_args(const char *name, int nargs, Value *args, const KwArgs *kw, ObjStr **sub,
                       int64_t *start, int64_t *end) {
    if (check_args(name, ARGS_OLD, nargs, args, kw, 1, 3) < 0) return -1;
    if (!(*sub = arg_str(args[1], NULL))) return -1;
    return arg_range(nargs, args, 2, AS_STR(args[0])->nchars, start, end);
}

// Char index of [sub] in s[start:end] searching from the left or right, or -1.
static int64_t find_index(ObjStr *s, ObjStr *sub, int64_t start, int64_t end, bool right) {
    if (end - start < sub->nchars) return -1;
    if (sub->len == 0) return right ? end : start;
    int64_t b0 = str_offset_of(s, start), b1 = str_offset_of(s, end);
    int64_t at = right ? rfind_bytes(s, b0, b1, sub) : find_bytes(s, b0, b1, sub);
    return at < 0 ? -1 : str_index_of(s, at);
}

static Value do_find(const char *name, int nargs, Value *args, const KwArgs *kw, bool right,
                     bool raise) {
    ObjStr *sub;
    int64_t start, end;
    if (search_args(name, nargs, args, kw, &sub, &start, &end) < 0) return VAL_ERROR;
    int64_t i = find_index(AS_STR(args[0]), sub, start, end, right);
    if (i < 0 && raise) return exc_raise(exc_ValueError, "substring not found");
    return INT_VAL(i);
}

static Value m_find(int nargs, Value *args, const KwArgs *kw) {
    return do_find("find", nargs, args, kw, false, false);
}
static Value m_rfind(int nargs, Value *args, const KwArgs *kw) {
    return do_find("rfind", nargs, args, kw, true, false);
}
static Value m_index(int nargs, Value *args, const KwArgs *kw) {
    return do_find("index", nargs, args, kw, false, true);
}
static Value m_rindex(int nargs, Value *args, const KwArgs *kw) {
    return do_find("rindex", nargs, args, kw, true, true);
}

static Value m_count(int nargs, Value *args, const KwArgs *kw) {
    ObjStr *sub, *s = AS_STR(args[0]);
    int64_t start, end;
    if (search_args("count", nargs, args, kw, &sub, &start, &end) < 0) return VAL_ERROR;
    if (end - start < sub->nchars) return INT_VAL(0);
    if (sub->len == 0) return INT_VAL(end - start + 1);
    int64_t b0 = str_offset_of(s, start), b1 = str_offset_of(s, end), n = 0;
    for (int64_t at; (at = find_bytes(s, b0, b1, sub)) >= 0; b0 = at + sub->len) n++;
    return INT_VAL(n);
}

// CPython's tailmatch: does s[start:end] start (or end) with [sub]?
static bool tail_match(ObjStr *s, ObjStr *sub, int64_t start, int64_t end, bool at_end) {
    end -= sub->nchars;
    if (end < start) return false;
    if (sub->len == 0) return true;
    int64_t b = str_offset_of(s, at_end ? end : start);
    return b + sub->len <= s->len && memcmp(s->data + b, sub->data, (size_t)sub->len) == 0;
}

static Value do_startswith(const char *name, int nargs, Value *args, const KwArgs *kw,
                           bool at_end) {
    if (check_args(name, ARGS_OLD, nargs, args, kw, 1, 3) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    int64_t start, end;
    Value what = args[1];
    if (!val_is_str(what) && !val_is_tuple(what))
        return exc_raise(exc_TypeError, "%s first arg must be str or a tuple of str, not %s", name,
                         val_type_name(what));
    if (arg_range(nargs, args, 2, s->nchars, &start, &end) < 0) return VAL_ERROR;
    if (val_is_str(what)) return BOOL_VAL(tail_match(s, AS_STR(what), start, end, at_end));
    ObjTuple *t = AS_TUPLE(what);
    for (int64_t i = 0; i < t->len; i++) {
        if (!val_is_str(t->items[i]))
            return exc_raise(exc_TypeError, "tuple for %s must only contain str, not %s", name,
                             val_type_name(t->items[i]));
        if (tail_match(s, AS_STR(t->items[i]), start, end, at_end)) return BOOL_VAL(true);
    }
    return BOOL_VAL(false);
}

static Value m_startswith(int nargs, Value *args, const KwArgs *kw) {
    return do_startswith("startswith", nargs, args, kw, false);
}
static Value m_endswith(int nargs, Value *args, const KwArgs *kw) {
    return do_startswith("endswith", nargs, args, kw, true);
}

static Value do_partition(const char *name, int nargs, Value *args, const KwArgs *kw, bool right) {
    if (check_args(name, ARGS_ONE, nargs, args, kw, 1, 1) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]), *sep = arg_str(args[1], NULL);
    if (!sep) return VAL_ERROR;
    if (sep->len == 0) return exc_raise(exc_ValueError, "empty separator");
    int64_t at = right ? rfind_bytes(s, 0, s->len, sep) : find_bytes(s, 0, s->len, sep);
    if (at < 0) {
        Value e1 = str_empty(), e2 = str_empty();
        return right ? tuple_pack(3, e1, e2, val_incref(args[0]))
                     : tuple_pack(3, val_incref(args[0]), e1, e2);
    }
    Value a = byte_sub(s, 0, at), c = byte_sub(s, at + sep->len, s->len);
    if (IS_ERR(a) || IS_ERR(c)) {
        val_decref(a);
        val_decref(c);
        return VAL_ERROR;
    }
    return tuple_pack(3, a, val_incref(args[1]), c);
}

static Value m_partition(int nargs, Value *args, const KwArgs *kw) {
    return do_partition("partition", nargs, args, kw, false);
}
static Value m_rpartition(int nargs, Value *args, const KwArgs *kw) {
    return do_partition("rpartition", nargs, args, kw, true);
}

static Value do_remove_affix(const char *name, int nargs, Value *args, const KwArgs *kw,
                             bool suffix) {
    if (check_args(name, ARGS_ONE, nargs, args, kw, 1, 1) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    if (!val_is_str(args[1]))
        return exc_raise(exc_TypeError, "%s() argument must be str, not %s", name,
                         val_type_name(args[1]));
    ObjStr *a = AS_STR(args[1]);
    if (a->len == 0 || a->len > s->len) return self_ref(args);
    int64_t at = suffix ? s->len - a->len : 0;
    if (memcmp(s->data + at, a->data, (size_t)a->len) != 0) return self_ref(args);
    return suffix ? byte_sub(s, 0, at) : byte_sub(s, a->len, s->len);
}

static Value m_removeprefix(int nargs, Value *args, const KwArgs *kw) {
    return do_remove_affix("removeprefix", nargs, args, kw, false);
}
static Value m_removesuffix(int nargs, Value *args, const KwArgs *kw) {
    return do_remove_affix("removesuffix", nargs, args, kw, true);
}

// ------------------------------------------------------------ case

typedef enum { CASE_UPPER, CASE_LOWER, CASE_FOLD, CASE_SWAP, CASE_TITLE, CASE_CAPITALIZE } CaseOp;

static char ascii_case(char c, CaseOp op, bool first, bool prev_cased) {
    bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
    if (op == CASE_FOLD) op = CASE_LOWER;   // ASCII folds to lower case
    bool to_upper = op == CASE_UPPER || (op == CASE_SWAP && low) ||
                    (op == CASE_TITLE && !prev_cased) || (op == CASE_CAPITALIZE && first);
    if (to_upper) return low ? (char)(c - 32) : c;
    if (op == CASE_SWAP && !up) return c;
    return up ? (char)(c + 32) : c;
}

// Greek capital sigma lowers to final sigma at the end of a word.
static bool final_sigma(ObjStr *s, int64_t pos, int64_t next) {
    if (pos == 0 || !uchar_iscased(char_at(s, utf8_prev(s->data, pos)))) return false;
    return next >= s->len || !uchar_iscased(char_at(s, next));
}

static void wide_case(ObjStr *s, CaseOp op, StrBuf *sb) {
    bool prev_cased = false;
    for (int64_t pos = 0; pos < s->len;) {
        int64_t next = next_pos(s, pos);
        uint32_t c = char_at(s, pos);
        bool lower;
        switch (op) {
        case CASE_UPPER: lower = false; break;
        case CASE_LOWER: case CASE_FOLD: lower = true; break;
        case CASE_SWAP: lower = uchar_isupper(c); break;
        case CASE_TITLE: lower = prev_cased; break;
        default: lower = pos > 0; break;
        }
        if (op == CASE_SWAP && !lower && !uchar_islower(c)) {
            sb_append_n(sb, s->data + pos, (size_t)(next - pos));
        } else if (op == CASE_FOLD) {
            uchar_append_fold(c, sb);
        } else if (lower) {
            if (c == 0x3A3 && final_sigma(s, pos, next)) sb_append(sb, "\xCF\x82");
            else uchar_append_lower(c, sb);
        } else if (op == CASE_TITLE || op == CASE_CAPITALIZE) {
            uchar_append_title(c, sb);
        } else {
            uchar_append_upper(c, sb);
        }
        prev_cased = uchar_iscased(c);
        pos = next;
    }
}

static Value do_case(const char *name, int nargs, Value *args, const KwArgs *kw, CaseOp op) {
    if (check_args(name, ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    if (s->len == 0) return self_ref(args);
    if (!str_is_ascii(s)) {
        StrBuf sb = STRBUF_INIT;
        wide_case(s, op, &sb);
        return str_from_buf(&sb);
    }
    ObjStr *r = str_alloc(s->len);
    if (!r) return VAL_ERROR;
    bool prev_cased = false;
    for (int64_t i = 0; i < s->len; i++) {
        char c = s->data[i];
        r->data[i] = ascii_case(c, op, i == 0, prev_cased);
        prev_cased = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return OBJ_VAL(r);
}

static Value m_upper(int nargs, Value *args, const KwArgs *kw) {
    return do_case("upper", nargs, args, kw, CASE_UPPER);
}
static Value m_lower(int nargs, Value *args, const KwArgs *kw) {
    return do_case("lower", nargs, args, kw, CASE_LOWER);
}
static Value m_casefold(int nargs, Value *args, const KwArgs *kw) {
    return do_case("casefold", nargs, args, kw, CASE_FOLD);
}
static Value m_swapcase(int nargs, Value *args, const KwArgs *kw) {
    return do_case("swapcase", nargs, args, kw, CASE_SWAP);
}
static Value m_title(int nargs, Value *args, const KwArgs *kw) {
    return do_case("title", nargs, args, kw, CASE_TITLE);
}
static Value m_capitalize(int nargs, Value *args, const KwArgs *kw) {
    return do_case("capitalize", nargs, args, kw, CASE_CAPITALIZE);
}

// ------------------------------------------------------------ predicates

// True when [s] is non-empty and every char satisfies [pred].
static Value all_chars(const char *name, int nargs, Value *args, const KwArgs *kw,
                       bool (*pred)(uint32_t)) {
    if (check_args(name, ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    if (s->len == 0) return BOOL_VAL(false);
    for (int64_t pos = 0; pos < s->len; pos = next_pos(s, pos))
        if (!pred(char_at(s, pos))) return BOOL_VAL(false);
    return BOOL_VAL(true);
}

static bool is_alnum(uint32_t c) {
    return uchar_isalpha(c) || uchar_isdecimal(c) || uchar_isdigit(c) || uchar_isnumeric(c);
}

#define PREDICATE(NAME, PRED) \
    static Value m_##NAME(int nargs, Value *args, const KwArgs *kw) { \
        return all_chars(#NAME, nargs, args, kw, PRED); \
    }
PREDICATE(isdigit, uchar_isdigit)
PREDICATE(isdecimal, uchar_isdecimal)
PREDICATE(isnumeric, uchar_isnumeric)
PREDICATE(isalpha, uchar_isalpha)
PREDICATE(isalnum, is_alnum)
PREDICATE(isspace, uchar_isspace)
#undef PREDICATE

// isupper/islower: some cased char, and none of the other case.
static Value cased_check(const char *name, int nargs, Value *args, const KwArgs *kw, bool upper) {
    if (check_args(name, ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    bool cased = false;
    for (int64_t pos = 0; pos < s->len; pos = next_pos(s, pos)) {
        uint32_t c = char_at(s, pos);
        if (uchar_istitle(c) || (upper ? uchar_islower(c) : uchar_isupper(c))) return BOOL_VAL(false);
        if (upper ? uchar_isupper(c) : uchar_islower(c)) cased = true;
    }
    return BOOL_VAL(cased);
}

static Value m_isupper(int nargs, Value *args, const KwArgs *kw) {
    return cased_check("isupper", nargs, args, kw, true);
}
static Value m_islower(int nargs, Value *args, const KwArgs *kw) {
    return cased_check("islower", nargs, args, kw, false);
}

static Value m_istitle(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("istitle", ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    bool cased = false, prev_cased = false;
    for (int64_t pos = 0; pos < s->len; pos = next_pos(s, pos)) {
        uint32_t c = char_at(s, pos);
        if (uchar_isupper(c) || uchar_istitle(c)) {
            if (prev_cased) return BOOL_VAL(false);
            prev_cased = cased = true;
        } else if (uchar_islower(c)) {
            if (!prev_cased) return BOOL_VAL(false);
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return BOOL_VAL(cased);
}

static Value m_isidentifier(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("isidentifier", ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    if (s->len == 0 || !uchar_isidstart(char_at(s, 0))) return BOOL_VAL(false);
    for (int64_t pos = next_pos(s, 0); pos < s->len; pos = next_pos(s, pos))
        if (!uchar_isidcontinue(char_at(s, pos))) return BOOL_VAL(false);
    return BOOL_VAL(true);
}

static Value m_isascii(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("isascii", ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    for (int64_t i = 0; i < s->len; i++)
        if ((unsigned char)s->data[i] >= 0x80) return BOOL_VAL(false);
    return BOOL_VAL(true);
}

static Value m_isprintable(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("isprintable", ARGS_NONE, nargs, args, kw, 0, 0) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    for (int64_t pos = 0; pos < s->len; pos = next_pos(s, pos))
        if (!uchar_isprintable(char_at(s, pos))) return BOOL_VAL(false);
    return BOOL_VAL(true);
}

// ------------------------------------------------------------ padding

// Width and optional fill char of center/ljust/rjust.
static int pad_args(const char *name, int nargs, Value *args, const KwArgs *kw, int64_t *width,
                    const char **fill, int64_t *fill_len) {
    if (check_args(name, ARGS_CLINIC, nargs, args, kw, 1, 2) < 0) return -1;
    if (index_require(args[1], width) < 0) return -1;
    *fill = " ";
    *fill_len = 1;
    if (nargs > 2) {
        if (!val_is_str(args[2]))
            return tl_raise_int(ERR_TYPE, "The fill character must be a unicode character, not %s",
                                val_type_name(args[2]));
        if (AS_STR(args[2])->nchars != 1)
            return tl_raise_int(ERR_TYPE, "The fill character must be exactly one character long");
        *fill = AS_STR(args[2])->data;
        *fill_len = AS_STR(args[2])->len;
    }
    return 0;
}

static Value pad(ObjStr *s, int64_t left, int64_t right, const char *fill, int64_t fill_len) {
    if (left + right > ((int64_t)1 << 40) / fill_len) return no_memory();
    ObjStr *r = str_alloc((left + right) * fill_len + s->len);
    if (!r) return VAL_ERROR;
    char *p = r->data;
    for (int64_t i = 0; i < left; i++, p += fill_len) memcpy(p, fill, (size_t)fill_len);
    memcpy(p, s->data, (size_t)s->len);
    p += s->len;
    for (int64_t i = 0; i < right; i++, p += fill_len) memcpy(p, fill, (size_t)fill_len);
    r->nchars = s->nchars + left + right;
    return OBJ_VAL(r);
}

static Value do_pad(const char *name, int nargs, Value *args, const KwArgs *kw, int how) {
    int64_t width, fill_len;
    const char *fill;
    if (pad_args(name, nargs, args, kw, &width, &fill, &fill_len) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    if (width <= s->nchars) return self_ref(args);
    int64_t marg = width - s->nchars, left;
    if (how < 0) left = 0;
    else if (how > 0) left = marg;
    else left = marg / 2 + (marg & width & 1);   // CPython's centering rule
    return pad(s, left, marg - left, fill, fill_len);
}

static Value m_ljust(int nargs, Value *args, const KwArgs *kw) {
    return do_pad("ljust", nargs, args, kw, -1);
}
static Value m_rjust(int nargs, Value *args, const KwArgs *kw) {
    return do_pad("rjust", nargs, args, kw, 1);
}
static Value m_center(int nargs, Value *args, const KwArgs *kw) {
    return do_pad("center", nargs, args, kw, 0);
}

static Value m_zfill(int nargs, Value *args, const KwArgs *kw) {
    if (check_args("zfill", ARGS_ONE, nargs, args, kw, 1, 1) < 0) return VAL_ERROR;
    int64_t width;
    if (index_require(args[1], &width) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    if (width <= s->nchars) return self_ref(args);
    Value r = pad(s, width - s->nchars, 0, "0", 1);
    if (IS_ERR(r)) return r;
    ObjStr *o = AS_STR(r);
    int64_t fill = width - s->nchars;
    if (s->len && (s->data[0] == '+' || s->data[0] == '-')) {
        o->data[0] = s->data[0];     // the sign moves in front of the zeros
        o->data[fill] = '0';
    }
    return r;
}

static Value m_expandtabs(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"tabsize"};
    Value a[1];
    if (bind_args("expandtabs", nargs, args, kw, names, 1, a) < 0) return VAL_ERROR;
    int64_t tab = 8;
    if (!IS_UNDEF(a[0]) && index_require(a[0], &tab) < 0) return VAL_ERROR;
    ObjStr *s = AS_STR(args[0]);
    StrBuf sb = STRBUF_INIT;
    int64_t col = 0;
    for (int64_t pos = 0; pos < s->len;) {
        int64_t next = next_pos(s, pos);
        char c = s->data[pos];
        if (c == '\t') {
            if (tab > 0) {
                sb_repeat(&sb, ' ', (size_t)(tab - col % tab));
                col += tab - col % tab;
            }
        } else {
            sb_append_n(&sb, s->data + pos, (size_t)(next - pos));
            col = c == '\n' || c == '\r' ? 0 : col + 1;
        }
        pos = next;
    }
    return str_from_buf(&sb);
}

// ------------------------------------------------------------ table

const NativeMethodDef str_method_defs[] = {
    {"split", m_split, "Return a list of the substrings in the string, using sep as the separator string."},
    {"rsplit", m_rsplit, "Return a list of the substrings in the string, splitting from the right."},
    {"splitlines", m_splitlines, "Return a list of the lines in the string, breaking at line boundaries."},
    {"join", m_join, "Concatenate any number of strings, with this string between them."},
    {"strip", m_strip, "Return a copy of the string with leading and trailing whitespace removed."},
    {"lstrip", m_lstrip, "Return a copy of the string with leading whitespace removed."},
    {"rstrip", m_rstrip, "Return a copy of the string with trailing whitespace removed."},
    {"replace", m_replace, "Return a copy with all occurrences of substring old replaced by new."},
    {"format", str_format_method, "Return a formatted version of the string, using substitutions from args and kwargs."},
    {"format_map", str_format_map_method, "Return a formatted version of the string, using substitutions from mapping."},
    {"startswith", m_startswith, "Return True if the string starts with the specified prefix, False otherwise."},
    {"endswith", m_endswith, "Return True if the string ends with the specified suffix, False otherwise."},
    {"find", m_find, "Return the lowest index where substring sub is found, or -1."},
    {"rfind", m_rfind, "Return the highest index where substring sub is found, or -1."},
    {"index", m_index, "Like find() but raise ValueError when the substring is not found."},
    {"rindex", m_rindex, "Like rfind() but raise ValueError when the substring is not found."},
    {"count", m_count, "Return the number of non-overlapping occurrences of substring sub."},
    {"partition", m_partition, "Partition the string into three parts using the given separator."},
    {"rpartition", m_rpartition, "Partition the string into three parts, searching from the end."},
    {"removeprefix", m_removeprefix, "Return a str with the given prefix string removed if present."},
    {"removesuffix", m_removesuffix, "Return a str with the given suffix string removed if present."},
    {"upper", m_upper, "Return a copy of the string converted to uppercase."},
    {"lower", m_lower, "Return a copy of the string converted to lowercase."},
    {"casefold", m_casefold, "Return a version of the string suitable for caseless comparisons."},
    {"swapcase", m_swapcase, "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"title", m_title, "Return a version of the string where each word is titlecased."},
    {"capitalize", m_capitalize, "Return a capitalized version of the string."},
    {"isdigit", m_isdigit, "Return True if the string is a digit string, False otherwise."},
    {"isdecimal", m_isdecimal, "Return True if the string is a decimal string, False otherwise."},
    {"isnumeric", m_isnumeric, "Return True if the string is a numeric string, False otherwise."},
    {"isalpha", m_isalpha, "Return True if the string is an alphabetic string, False otherwise."},
    {"isalnum", m_isalnum, "Return True if the string is an alpha-numeric string, False otherwise."},
    {"isspace", m_isspace, "Return True if the string is a whitespace string, False otherwise."},
    {"isupper", m_isupper, "Return True if the string is an uppercase string, False otherwise."},
    {"islower", m_islower, "Return True if the string is a lowercase string, False otherwise."},
    {"istitle", m_istitle, "Return True if the string is a title-cased string, False otherwise."},
    {"isidentifier", m_isidentifier, "Return True if the string is a valid Python identifier, False otherwise."},
    {"isascii", m_isascii, "Return True if all characters in the string are ASCII, False otherwise."},
    {"isprintable", m_isprintable, "Return True if the string is printable, False otherwise."},
    {"center", m_center, "Return a centered string of length width."},
    {"ljust", m_ljust, "Return a left-justified string of length width."},
    {"rjust", m_rjust, "Return a right-justified string of length width."},
    {"zfill", m_zfill, "Pad a numeric string with zeros on the left, to fill a field of the given width."},
    {"expandtabs", m_expandtabs, "Return a copy where all tab characters are expanded using spaces."},
    {NULL, NULL, NULL},
};
