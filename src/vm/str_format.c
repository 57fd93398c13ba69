// Formatting values as text: format(v, spec) (also behind f-strings),
// str.format / str.format_map (CPython's MarkupIterator grammar and error
// messages), and printf-style `fmt % args`. Numbers and the spec
// mini-language itself are common/numfmt.h's job; this file fetches the
// arguments, applies conversions and dispatches on the value's type.
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/numfmt.h"
#include "vm/containers.h"
#include "vm/str_format.h"
#include "vm/str_internal.h"

// ------------------------------------------------------------ format()

// The __format__ a class (or a native type such as Tensor) defines; the one
// object itself provides is this file's default, so it is skipped.
static bool has_own_format(TypeObj *t) {
    static ObjStr *name;
    if (!name) name = str_intern("__format__");
    for (; t && t != &type_object; t = t->base_type)
        if (t->dict && !IS_UNDEF(dict_get_str(t->dict, name))) return true;
    return false;
}

static Value call_format_dunder(Value v, Value spec) {
    Value r = val_call_method(v, "__format__", 1, &spec);
    if (IS_ERR(r) || val_is_str(r)) return r;
    TypeObj *t = val_type(r);
    val_decref(r);
    return exc_raise(exc_TypeError, "__format__ must return a str, not %s", t->name);
}

// numfmt formats a bool as an int, so its messages say "of type 'int'";
// CPython names the bool.
static void rename_bool_error(void) {
    const char *msg = tl_error_message();
    const char *at = strstr(msg, "of type 'int'");
    if (tl_error_kind() != ERR_VALUE || !at) return;
    char buf[512];
    snprintf(buf, sizeof buf, "%.*sof type 'bool'%s", (int)(at - msg), msg, at + 13);
    tl_raise(ERR_VALUE, "%s", buf);
}

Value val_format(Value v, Value spec) {
    if (!val_is_str(spec))
        return exc_raise(exc_TypeError, "format() argument 2 must be str, not %s",
                         val_type_name(spec));
    const char *sp = val_cstr(spec);
    StrBuf sb = STRBUF_INIT;
    int rc;
    switch (v.tag) {
    case VAL_BOOL:
        if (!*sp) return str_value(v.as.b ? "True" : "False");
        rc = fmt_format_int(v.as.b, sp, &sb);
        break;
    case VAL_INT: rc = fmt_format_int(v.as.i, sp, &sb); break;
    case VAL_FLOAT: rc = fmt_format_float(v.as.f, sp, &sb); break;
    default:
        if (val_is_str(v)) {
            if (!*sp) return val_incref(v);
            rc = fmt_format_str(val_cstr(v), (size_t)AS_STR(v)->len, sp, &sb);
            break;
        }
        if (has_own_format(val_type(v))) return call_format_dunder(v, spec);
        if (!*sp) return val_str(v);
        return exc_raise(exc_TypeError, "unsupported format string passed to %s.__format__",
                         val_type_name(v));
    }
    if (rc < 0) {
        if (IS_BOOL(v)) rename_bool_error();
        sb_free(&sb);
        return VAL_ERROR;
    }
    return str_from_buf(&sb);
}

// ------------------------------------------------------------ str.format
// Arguments come from [args]/[kw] (str.format) or from [mapping]
// (format_map); [auto_idx] numbers the "{}" fields.

typedef struct {
    int nargs;
    Value *args;
    const KwArgs *kw;
    Value mapping;          // VAL_UNDEF for str.format
    int64_t auto_idx;
    enum { NUM_UNSET, NUM_AUTO, NUM_MANUAL } numbering;
} FormatCtx;

static int build_string(FormatCtx *ctx, const char *s, int64_t len, int depth, StrBuf *out);

static bool all_digits(const char *s, int64_t n) {
    if (n == 0) return false;
    for (int64_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int64_t parse_digits(const char *s, int64_t n) {
    int64_t v = 0;
    for (int64_t i = 0; i < n; i++) {
        if (v > (INT64_MAX - 9) / 10) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// The object the first part of a field name designates (new reference).
static Value field_base(FormatCtx *ctx, const char *s, int64_t n) {
    bool numeric = all_digits(s, n);
    int64_t index = 0;
    if (n == 0) {
        if (ctx->numbering == NUM_MANUAL)
            return exc_raise(exc_ValueError, "cannot switch from manual field specification to "
                                             "automatic field numbering");
        ctx->numbering = NUM_AUTO;
        index = ctx->auto_idx++;
        numeric = true;
    } else if (numeric) {
        if (ctx->numbering == NUM_AUTO)
            return exc_raise(exc_ValueError, "cannot switch from automatic field numbering to "
                                             "manual field specification");
        ctx->numbering = NUM_MANUAL;
        if ((index = parse_digits(s, n)) < 0)
            return exc_raise(exc_ValueError, "Too many decimal digits in format string");
    }
    if (numeric) {
        if (!IS_UNDEF(ctx->mapping))
            return exc_raise(exc_ValueError, "Format string contains positional fields");
        if (index >= ctx->nargs)
            return exc_raise(exc_IndexError,
                             "Replacement index %lld out of range for positional args tuple",
                             (long long)index);
        return val_incref(ctx->args[index]);
    }
    Value key = str_value_n(s, n);
    if (IS_ERR(key)) return key;
    Value r;
    if (!IS_UNDEF(ctx->mapping)) {
        r = val_getitem(ctx->mapping, key);
    } else {
        r = VAL_UNDEFINED;
        for (int i = 0; ctx->kw && i < ctx->kw->n; i++)
            if (str_eq(ctx->kw->names[i], AS_STR(key))) r = val_incref(ctx->kw->values[i]);
        if (IS_UNDEF(r)) r = raise_key_error(key);
    }
    val_decref(key);
    return r;
}

// Follows ".attr" and "[key]" accessors after the first part; steals [obj].
static Value field_access(Value obj, const char *s, int64_t n) {
    int64_t i = 0;
    while (i < n && !IS_ERR(obj)) {
        Value next;
        if (s[i] == '.') {
            int64_t start = ++i;
            while (i < n && s[i] != '.' && s[i] != '[') i++;
            if (i == start) {
                val_decref(obj);
                return exc_raise(exc_ValueError, "Empty attribute in format string");
            }
            ObjStr *name = str_intern_n(s + start, i - start);
            next = name ? val_getattr(obj, name) : VAL_ERROR;
            obj_decref(name);
        } else if (s[i] == '[') {
            int64_t start = ++i;
            while (i < n && s[i] != ']') i++;
            if (i >= n) {
                val_decref(obj);
                return exc_raise(exc_ValueError, "Missing ']' in format string");
            }
            if (i == start) {
                val_decref(obj);
                return exc_raise(exc_ValueError, "Empty attribute in format string");
            }
            Value key = all_digits(s + start, i - start)
                            ? INT_VAL(parse_digits(s + start, i - start))
                            : str_value_n(s + start, i - start);
            i++;
            if (i < n && s[i] != '.' && s[i] != '[') {
                val_decref(key);
                val_decref(obj);
                return exc_raise(exc_ValueError, "Only '.' or '[' may follow ']' in format field "
                                                 "specifier");
            }
            next = IS_ERR(key) ? key : val_getitem(obj, key);
            val_decref(key);
        } else {
            val_decref(obj);
            return exc_raise(exc_ValueError, "Only '.' or '[' may follow ']' in format field "
                                             "specifier");
        }
        val_decref(obj);
        obj = next;
    }
    return obj;
}

static Value apply_conversion(Value obj, uint32_t conv) {
    Value r;
    switch (conv) {
    case 0: return obj;
    case 'r': r = val_repr(obj); break;
    case 's': r = val_str(obj); break;
    case 'a': r = val_ascii(obj); break;
    default:
        val_decref(obj);
        if (conv > 32 && conv < 127)
            return exc_raise(exc_ValueError, "Unknown conversion specifier %c", (char)conv);
        return exc_raise(exc_ValueError, "Unknown conversion specifier \\x%x", conv);
    }
    val_decref(obj);
    return r;
}

// One replacement field: name, conversion and (expanded) spec, formatted.
static int render_field(FormatCtx *ctx, const char *name, int64_t name_len, uint32_t conv,
                        const char *spec, int64_t spec_len, bool expand, int depth, StrBuf *out) {
    int64_t first = 0;
    while (first < name_len && name[first] != '.' && name[first] != '[') first++;
    Value obj = field_base(ctx, name, first);
    if (IS_ERR(obj)) return -1;
    obj = field_access(obj, name + first, name_len - first);
    if (IS_ERR(obj) || IS_ERR(obj = apply_conversion(obj, conv))) return -1;
    Value spec_v;
    if (expand) {
        StrBuf sb = STRBUF_INIT;
        if (build_string(ctx, spec, spec_len, depth - 1, &sb) < 0) {
            sb_free(&sb);
            val_decref(obj);
            return -1;
        }
        spec_v = str_from_buf(&sb);
    } else {
        spec_v = str_value_n(spec, spec_len);
    }
    Value r = IS_ERR(spec_v) ? VAL_ERROR : val_format(obj, spec_v);
    val_decref(spec_v);
    val_decref(obj);
    if (IS_ERR(r)) return -1;
    sb_append_n(out, AS_STR(r)->data, (size_t)AS_STR(r)->len);
    val_decref(r);
    return 0;
}

// Parses the field after a '{' at s[*pos] (CPython's parse_field) and
// renders it; *pos ends after the closing '}'.
static int parse_field(FormatCtx *ctx, const char *s, int64_t len, int64_t *pos, int depth,
                       StrBuf *out) {
    int64_t i = *pos, name_start = i;
    char c = 0;
    while (i < len) {
        c = s[i++];
        if (c == '{') return tl_raise_int(ERR_VALUE, "unexpected '{' in field name");
        if (c == '[') {
            while (i < len && s[i] != ']') i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') break;
    }
    int64_t name_len = i - 1 - name_start;
    uint32_t conv = 0;
    int64_t spec_start = i, spec_len = 0;
    bool expand = false;
    if (c == '!' || c == ':') {
        if (c == '!') {
            if (i >= len)
                return tl_raise_int(ERR_VALUE, "end of string while looking for conversion "
                                               "specifier");
            conv = (unsigned char)s[i] < 0x80 ? (unsigned char)s[i] : utf8_decode(s, i, len);
            i = (unsigned char)s[i] < 0x80 ? i + 1 : utf8_next(s, i, len);
            if (i < len) {
                c = s[i++];
                if (c == '}') goto done;
                if (c != ':') return tl_raise_int(ERR_VALUE, "expected ':' after conversion specifier");
            }
        }
        spec_start = i;
        int depth_count = 1;
        while (i < len) {
            c = s[i++];
            if (c == '{') {
                expand = true;
                depth_count++;
            } else if (c == '}' && --depth_count == 0) {
                spec_len = i - 1 - spec_start;
                goto done;
            }
        }
        return tl_raise_int(ERR_VALUE, "unmatched '{' in format spec");
    } else if (c != '}') {
        return tl_raise_int(ERR_VALUE, "expected '}' before end of string");
    }
done:
    *pos = i;
    return render_field(ctx, s + name_start, name_len, conv, s + spec_start, spec_len, expand,
                        depth, out);
}

static int build_string(FormatCtx *ctx, const char *s, int64_t len, int depth, StrBuf *out) {
    if (depth <= 0) return tl_raise_int(ERR_VALUE, "Max string recursion exceeded");
    int64_t i = 0;
    while (i < len) {
        int64_t start = i;
        while (i < len && s[i] != '{' && s[i] != '}') i++;
        sb_append_n(out, s + start, (size_t)(i - start));
        if (i >= len) break;
        char c = s[i++];
        if (i < len && s[i] == c) {   // "{{" or "}}"
            sb_append_char(out, c);
            i++;
            continue;
        }
        if (c == '}') return tl_raise_int(ERR_VALUE, "Single '}' encountered in format string");
        if (i >= len) return tl_raise_int(ERR_VALUE, "Single '{' encountered in format string");
        if (parse_field(ctx, s, len, &i, depth, out) < 0) return -1;
    }
    return 0;
}

static Value format_with(FormatCtx *ctx, ObjStr *fmt) {
    StrBuf sb = STRBUF_INIT;
    if (build_string(ctx, fmt->data, fmt->len, 2, &sb) < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    return str_from_buf(&sb);
}

Value str_format_method(int nargs, Value *args, const KwArgs *kw) {
    if (nargs < 1 || !val_is_str(args[0]))
        return exc_raise(exc_TypeError, "descriptor 'format' for 'str' objects doesn't apply to a "
                                        "'%s' object", nargs < 1 ? "NoneType" : val_type_name(args[0]));
    FormatCtx ctx = {.nargs = nargs - 1, .args = args + 1, .kw = kw, .mapping = VAL_UNDEFINED};
    return format_with(&ctx, AS_STR(args[0]));
}

Value str_format_map_method(int nargs, Value *args, const KwArgs *kw) {
    if (nargs < 1 || !val_is_str(args[0]))
        return exc_raise(exc_TypeError, "descriptor 'format_map' for 'str' objects doesn't apply "
                                        "to a '%s' object", nargs < 1 ? "NoneType" : val_type_name(args[0]));
    if (kw && kw->n) return exc_raise(exc_TypeError, "str.format_map() takes no keyword arguments");
    if (nargs != 2)
        return exc_raise(exc_TypeError, "str.format_map() takes exactly one argument (%d given)",
                         nargs - 1);
    FormatCtx ctx = {.mapping = args[1]};
    return format_with(&ctx, AS_STR(args[0]));
}

// ------------------------------------------------------------ fmt % args

typedef struct {
    Value *items;       // the tuple's items, or NULL for a single argument
    Value single;
    int64_t arglen, argidx;   // CPython's bookkeeping: a single argument is arglen -1
} PctArgs;

static Value next_arg(PctArgs *a) {
    if (a->argidx < a->arglen) {
        a->argidx++;
        return a->arglen < 0 ? a->single : a->items[a->argidx - 1];
    }
    return exc_raise(exc_TypeError, "not enough arguments for format string");
}

// Calls a numeric conversion dunder (__int__, __float__, __index__) when
// the value's class defines one: 1 with *out set, 0 if absent, -1 on error.
static int via_dunder(Value v, const char *dunder, Value *out) {
    ObjStr *name = str_intern(dunder);
    bool has = name && !IS_UNDEF(type_lookup(val_type(v), name));
    obj_decref(name);
    if (!has) return 0;
    *out = val_call_method(v, dunder, 0, NULL);
    return IS_ERR(*out) ? -1 : 1;
}

static int float_to_int64(double d, int64_t *out) {
    if (isnan(d)) return tl_raise_int(ERR_VALUE, "cannot convert float NaN to integer");
    if (isinf(d)) return tl_raise_int(ERR_OVERFLOW, "cannot convert float infinity to integer");
    d = trunc(d);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return tl_raise_int(ERR_OVERFLOW, "integer overflow (tl ints are 64-bit)");
    *out = (int64_t)d;
    return 0;
}

// The integer for %d (floats truncate) or %x/%o (only true integers).
static int pct_int_arg(Value v, char conv, int64_t *out) {
    if (IS_INT(v)) { *out = v.as.i; return 0; }
    if (IS_BOOL(v)) { *out = v.as.b; return 0; }
    bool decimal = conv == 'd' || conv == 'i' || conv == 'u';
    if (IS_FLOAT(v)) {
        if (decimal) return float_to_int64(v.as.f, out);
    } else {
        Value r = VAL_UNDEFINED;
        int got = via_dunder(v, "__index__", &r);
        if (got == 0 && decimal) got = via_dunder(v, "__int__", &r);
        if (got < 0) return -1;
        if (got > 0) {
            int rc = pct_int_arg(r, 'd', out);
            val_decref(r);
            return rc;
        }
    }
    if (decimal)
        return tl_raise_int(ERR_TYPE, "%%%c format: a real number is required, not %s", conv,
                            val_type_name(v));
    return tl_raise_int(ERR_TYPE, "%%%c format: an integer is required, not %s", conv,
                        val_type_name(v));
}

static int pct_float_arg(Value v, double *out) {
    if (val_to_double(v, out)) return 0;
    Value r = VAL_UNDEFINED;
    int got = via_dunder(v, "__float__", &r);
    if (got == 0) got = via_dunder(v, "__index__", &r);
    if (got < 0) return -1;
    if (got > 0) {
        bool ok = val_to_double(r, out);
        val_decref(r);
        if (ok) return 0;
    }
    return tl_raise_int(ERR_TYPE, "must be real number, not %s", val_type_name(v));
}

// The text of %s %r %a %c (new str).
static Value pct_text(Value v, char conv) {
    if (conv == 's') return val_str(v);
    if (conv == 'r') return val_repr(v);
    if (conv == 'a') return val_ascii(v);
    if (IS_INT(v) || IS_BOOL(v)) {
        int64_t c = IS_INT(v) ? v.as.i : v.as.b;
        if (c < 0 || c > 0x10FFFF)
            return exc_raise(exc_class_for_kind(ERR_OVERFLOW), "%%c arg not in range(0x110000)");
        return str_from_char((uint32_t)c);
    }
    if (val_is_str(v) && AS_STR(v)->nchars == 1) return val_incref(v);
    return exc_raise(exc_TypeError, "%%c requires int or char");
}

static int pct_convert(const FmtPercentSpec *sp, int64_t width, int prec, Value v, StrBuf *out) {
    char conv = (char)sp->conv;
    switch (conv) {
    case 's': case 'r': case 'a': case 'c': {
        Value t = pct_text(v, conv);
        if (IS_ERR(t)) return -1;
        int rc = fmt_percent_str(val_cstr(t), (size_t)AS_STR(t)->len, sp->flags, width, prec, conv, out);
        val_decref(t);
        return rc;
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        int64_t n;
        if (pct_int_arg(v, conv, &n) < 0) return -1;
        return fmt_percent_int(n, sp->flags, width, prec, conv, out);
    }
    default: {
        double d;
        if (pct_float_arg(v, &d) < 0) return -1;
        return fmt_percent_float(d, sp->flags, width, prec, conv, out);
    }
    }
}

// A '*' width or precision: an int argument.
static int star_arg(PctArgs *a, int64_t *out) {
    Value v = next_arg(a);
    if (IS_ERR(v)) return -1;
    if (IS_INT(v)) *out = v.as.i;
    else if (IS_BOOL(v)) *out = v.as.b;
    else return tl_raise_int(ERR_TYPE, "* wants int");
    return 0;
}

static bool is_mapping(Value v) {
    if (val_is_tuple(v) || val_is_str(v)) return false;
    return val_type(v)->getitem != NULL;
}

// One conversion whose spec [sp] is parsed; fetches its arguments.
static int pct_one(ObjStr *fmt, FmtPercentSpec *sp, PctArgs *a, Value dict, StrBuf *out) {
    Value keyed = VAL_UNDEFINED;
    if (sp->has_key) {
        if (IS_UNDEF(dict)) return tl_raise_int(ERR_TYPE, "format requires a mapping");
        Value key = str_value_n(fmt->data + sp->key_start, (int64_t)sp->key_len);
        if (IS_ERR(key)) return -1;
        keyed = val_getitem(dict, key);
        val_decref(key);
        if (IS_ERR(keyed)) return -1;
        a->items = NULL;
        a->single = keyed;
        a->arglen = -1;
        a->argidx = -2;
    }
    int rc = -1;
    int64_t width = sp->width, prec = sp->prec;
    int flags = sp->flags;
    if (sp->width_star) {
        if (star_arg(a, &width) < 0) goto done;
        if (width < 0) {
            flags |= FMT_PCT_LJUST;
            width = -width;
        }
    }
    if (sp->prec_star) {
        if (star_arg(a, &prec) < 0) goto done;
        if (prec < 0) prec = 0;
        if (prec > 0x7FFFFFFF) {
            tl_raise(ERR_VALUE, "precision too big");
            goto done;
        }
    }
    Value v = next_arg(a);
    if (IS_ERR(v)) goto done;
    if (sp->conv == 0 || sp->conv >= 128 || !strchr("sracdiuoxXeEfFgG", (int)sp->conv)) {
        rc = fmt_percent_unsupported(fmt->data, sp);
        goto done;
    }
    FmtPercentSpec eff = *sp;
    eff.flags = flags;
    rc = pct_convert(&eff, width, (int)prec, v, out);
done:
    val_decref(keyed);
    if (sp->has_key) a->single = VAL_UNDEFINED;   // no longer owned
    return rc;
}

// CPython fetches '*' arguments while parsing, so in a malformed spec
// ("%*") their errors win over "incomplete format"; replays that order.
static void star_args_first(ObjStr *fmt, size_t pos, PctArgs *a) {
    const char *f = fmt->data;
    size_t len = (size_t)fmt->len;
    if (pos < len && f[pos] == '(') return;     // keyed: the key error stands
    while (pos < len && strchr("-+ #0", f[pos]) && f[pos]) pos++;
    for (int k = 0; k < 2 && pos < len; k++) {
        if (f[pos] == '*') {
            int64_t ignored;
            char saved[256];
            snprintf(saved, sizeof saved, "%s", tl_error_message());
            if (star_arg(a, &ignored) < 0) return;
            tl_raise(ERR_VALUE, "%s", saved);
            pos++;
        } else {
            while (pos < len && f[pos] >= '0' && f[pos] <= '9') pos++;
        }
        if (pos >= len || f[pos] != '.') return;
        pos++;
    }
}

Value str_percent_format(ObjStr *fmt, Value args) {
    PctArgs a = {.single = args, .arglen = -1, .argidx = -2};
    if (val_is_tuple(args)) {
        a.items = AS_TUPLE(args)->items;
        a.arglen = AS_TUPLE(args)->len;
        a.argidx = 0;
    }
    Value dict = is_mapping(args) ? args : VAL_UNDEFINED;
    StrBuf out = STRBUF_INIT;
    size_t len = (size_t)fmt->len, pos = 0;
    while (pos < len) {
        const char *pct = memchr(fmt->data + pos, '%', len - pos);
        size_t stop = pct ? (size_t)(pct - fmt->data) : len;
        sb_append_n(&out, fmt->data + pos, stop - pos);
        if (!pct) break;
        pos = stop + 1;
        if (pos < len && fmt->data[pos] == '(' && IS_UNDEF(dict)) {
            tl_raise(ERR_TYPE, "format requires a mapping");
            goto fail;
        }
        FmtPercentSpec sp;
        size_t spec_pos = pos;
        if (fmt_percent_parse(fmt->data, len, &pos, &sp) < 0) {
            star_args_first(fmt, spec_pos, &a);
            goto fail;
        }
        if (sp.literal) {
            sb_append_char(&out, '%');
            continue;
        }
        if (pct_one(fmt, &sp, &a, dict, &out) < 0) goto fail;
    }
    if (a.argidx < a.arglen && IS_UNDEF(dict)) {
        exc_raise(exc_TypeError, "not all arguments converted during string formatting");
        goto fail;
    }
    return str_from_buf(&out);
fail:
    sb_free(&out);
    return VAL_ERROR;
}
