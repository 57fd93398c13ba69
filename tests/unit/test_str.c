// Unit tests of the str type's C API (vm/obj_str.c, str_methods.c,
// str_format.c, str_unicode.c). Expected strings are what CPython 3.11
// prints for the same operations.
#include "harness.h"
#include "vm/str_format.h"
#include "vm/str_internal.h"
#include "vm/vm.h"

static Value S(const char *s) { return str_value(s); }

// Checks that [v] is a str equal to [want], then releases it.
#define CHECK_VAL(v, want) do { \
    Value cv_ = (v); \
    CHECK(val_is_str(cv_)); \
    CHECK_STR(val_is_str(cv_) ? val_cstr(cv_) : tl_error_message(), want); \
    if (IS_ERR(cv_)) tl_error_clear(); \
    val_decref(cv_); \
} while (0)

// repr() / ascii() of a str made from [text].
static Value repr_of(const char *text, bool ascii) {
    Value s = S(text);
    Value r = ascii ? val_ascii(s) : val_repr(s);
    val_decref(s);
    return r;
}

static Value call_method(const char *text, const char *name, int n, Value *args) {
    Value self = S(text), none = NONE_VAL;
    Value r = val_call_method(self, name, n, n ? args : &none);
    val_decref(self);
    return r;
}

static void test_construction(void) {
    ObjStr *a = str_from_cstr("h\xc3\xa9llo \xe4\xb8\xad\xf0\x9f\x98\x80");   // "héllo 中😀"
    CHECK(a->len == 14 && a->nchars == 8);
    CHECK(a->data[a->len] == '\0');
    ObjStr *b = str_new("abc", 3);
    CHECK(b->nchars == 3 && str_is_ascii(b));
    ObjStr *c = str_new("abcdef", 3);
    CHECK(str_eq(b, c) && str_hash(b) == str_hash(c) && str_hash(b) != -1);
    CHECK(!str_eq(a, b));
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%d-%s", 42, "x");
    Value d = str_from_buf(&sb);
    CHECK_STR(val_cstr(d), "42-x");
    CHECK(sb.len == 0);
    val_decref(d);
    obj_decref(a);
    obj_decref(b);
    obj_decref(c);
}

static void test_intern(void) {
    ObjStr *x = str_intern("some_name"), *y = str_intern_n("some_name_more", 9);
    CHECK(x == y && x->interned);
    ObjStr *z = str_new("some_name", 9);
    CHECK(z != x && str_eq(z, x) && str_hash(z) == str_hash(x));
    int64_t rc = x->base.refcnt;
    obj_decref(y);
    CHECK(x->base.refcnt == rc - 1);
    for (int i = 0; i < 5000; i++) {   // forces the table to grow
        char buf[32];
        snprintf(buf, sizeof buf, "intern_%d", i);
        obj_decref(str_intern(buf));
    }
    ObjStr *w = str_intern("some_name");
    CHECK(w == x);
    obj_decref(w);
    obj_decref(x);
    obj_decref(z);
}

static void test_utf8(void) {
    const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80";    // aé中😀
    int64_t len = (int64_t)strlen(s);
    CHECK(utf8_count(s, len) == 4);
    CHECK(utf8_decode(s, 1, len) == 0xE9 && utf8_decode(s, 3, len) == 0x4E2D &&
          utf8_decode(s, 6, len) == 0x1F600);
    char buf[4];
    CHECK(utf8_encode(0x1F600, buf) == 4 && memcmp(buf, s + 6, 4) == 0);
    CHECK(utf8_encode(0xE9, buf) == 2 && memcmp(buf, s + 1, 2) == 0);
    // malformed input is walked one lead byte at a time without overrun
    const char bad[] = "\x80\x80x\xc3";
    CHECK(utf8_count(bad, 4) == 3);
    CHECK(utf8_decode(bad, 3, 4) == 0xFFFD);
    ObjStr *o = str_from_cstr(s);
    CHECK(str_offset_of(o, 0) == 0 && str_offset_of(o, 2) == 3 && str_offset_of(o, 3) == 6 &&
          str_offset_of(o, 4) == 10);
    CHECK(str_index_of(o, 6) == 3);
    obj_decref(o);
}

// Long non-ASCII strings use a cached sparse index: compare it with a
// naive walk over every char.
static void test_char_index(void) {
    static const char *pieces[] = {"a", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80"};
    StrBuf sb = STRBUF_INIT;
    for (int i = 0; i < 3001; i++) sb_append(&sb, pieces[(i * 7 + i / 5) % 4]);
    Value v = str_from_buf(&sb);
    ObjStr *s = AS_STR(v);
    CHECK(s->nchars == 3001);
    int bad = 0;
    for (int64_t ci = 0, pos = 0; ci <= s->nchars; ci++) {
        if (str_offset_of(s, ci) != pos || str_index_of(s, pos) != ci) bad++;
        if (pos < s->len) pos = utf8_next(s->data, pos, s->len);
    }
    CHECK(bad == 0);
    val_decref(v);
}

static void test_repr(void) {
    CHECK_VAL(repr_of("it's", false), "\"it's\"");
    CHECK_VAL(repr_of("both ' and \"", false), "'both \\' and \"'");
    CHECK_VAL(repr_of("\t\n\r\\\x01\x7f", false), "'\\t\\n\\r\\\\\\x01\\x7f'");
    CHECK_VAL(repr_of("caf\xc3\xa9 \xc2\xa0", false), "'caf\xc3\xa9 \\xa0'");
    CHECK_VAL(repr_of("\xe2\x80\x8b\xf0\x9f\x98\x80", false), "'\\u200b\xf0\x9f\x98\x80'");
    CHECK_VAL(repr_of("\xc3\xa9\xf0\x9f\x98\x80", true), "'\\xe9\\U0001f600'");
}

static void test_slots(void) {
    Value s = S("a\xc3\xb1" "b\xe4\xb8\xad" "c");    // "añb中c"
    CHECK(val_len(s) == 5);
    CHECK_VAL(val_getitem(s, INT_VAL(-2)), "\xe4\xb8\xad");
    Value sl = slice_new(NONE_VAL, NONE_VAL, INT_VAL(-2));
    CHECK_VAL(val_getitem(s, sl), "c" "b" "a");
    val_decref(sl);
    sl = slice_new(INT_VAL(1), INT_VAL(4), NONE_VAL);
    CHECK_VAL(val_getitem(s, sl), "\xc3\xb1" "b\xe4\xb8\xad");
    val_decref(sl);
    Value sub = S("b\xe4\xb8\xad");
    CHECK(val_contains(s, sub) == 1);
    val_decref(sub);
    CHECK(IS_ERR(val_getitem(s, INT_VAL(5))) && tl_error_pending());
    tl_error_clear();
    Value two = S("ab");
    CHECK_VAL(val_binary(BIN_MUL, two, INT_VAL(3)), "ababab");
    CHECK_VAL(val_binary(BIN_MUL, INT_VAL(2), two), "abab");
    CHECK_VAL(val_binary(BIN_ADD, two, s), "aba\xc3\xb1" "b\xe4\xb8\xad" "c");
    Value lt = val_compare(two, s, CMP_LT);   // 'ab' < 'añb中c': 'b' < 'ñ'
    CHECK(IS_BOOL(lt) && lt.as.b);
    val_decref(two);
    val_decref(s);
}

static void test_methods(void) {
    Value a[3];
    a[0] = S(",");
    Value parts = call_method("a,b,,c", "split", 1, a);
    CHECK(val_is_list(parts) && AS_LIST(parts)->len == 4);
    CHECK_VAL(call_method("-", "join", 1, &parts), "a-b--c");
    val_decref(parts);
    val_decref(a[0]);
    CHECK_VAL(call_method("  x y  ", "strip", 0, NULL), "x y");
    a[0] = S("an");
    a[1] = S("AN");
    a[2] = INT_VAL(1);
    CHECK_VAL(call_method("banana", "replace", 3, a), "bANana");
    val_decref(a[0]);
    val_decref(a[1]);
    CHECK_VAL(call_method("hello world", "title", 0, NULL), "Hello World");
    CHECK_VAL(call_method("stra\xc3\x9f" "e", "upper", 0, NULL), "STRASSE");
    a[0] = INT_VAL(7);
    a[1] = S("*");
    CHECK_VAL(call_method("ab", "center", 2, a), "***ab**");
    val_decref(a[1]);
    a[0] = S("\xe4\xb8\xad");
    Value r = call_method("a\xc3\xa9\xe4\xb8\xad", "find", 1, a);
    CHECK(IS_INT(r) && r.as.i == 2);
    val_decref(a[0]);
}

static void test_format(void) {
    Value args = tuple_pack(3, S("Al"), INT_VAL(5), FLOAT_VAL(3.14159));
    ObjStr *fmt = str_from_cstr("%s is %03d (%.2f) %%");
    CHECK_VAL(str_percent_format(fmt, args), "Al is 005 (3.14) %");
    obj_decref(fmt);
    Value f[4] = {S("{0:>5}|{1!r}|{2:.3e}|{x}"), S("ab"), S("q"), FLOAT_VAL(1234.5)};
    Value xv = INT_VAL(9);
    ObjStr *xn = str_intern("x");
    KwArgs kw = {1, &xn, &xv};
    CHECK_VAL(str_format_method(4, f, &kw), "   ab|'q'|1.234e+03|9");
    obj_decref(xn);
    for (int i = 0; i < 3; i++) val_decref(f[i]);
    Value spec = S(",.2f");
    CHECK_VAL(val_format(FLOAT_VAL(1234567.891), spec), "1,234,567.89");
    val_decref(spec);
    spec = S("");
    CHECK_VAL(val_format(BOOL_VAL(true), spec), "True");
    CHECK_VAL(val_format(args, spec), "('Al', 5, 3.14159)");
    val_decref(spec);
    spec = S(">3");
    CHECK_VAL(val_format(BOOL_VAL(true), spec), "  1");
    Value bad = val_format(args, spec);
    CHECK(IS_ERR(bad));
    CHECK_STR(tl_error_pending() ? "pending" : "none", "pending");
    tl_error_clear();
    val_decref(spec);
    ObjStr *one = str_from_cstr("%d %d");
    Value single = INT_VAL(1);
    CHECK(IS_ERR(str_percent_format(one, single)));
    tl_error_clear();
    obj_decref(one);
    val_decref(args);
}

int main(void) {
    vm_init();
    test_construction();
    test_intern();
    test_utf8();
    test_char_index();
    test_repr();
    test_slots();
    test_methods();
    test_format();
    return test_summary();
}
