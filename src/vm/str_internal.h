// Private to the str implementation (obj_str.c, str_methods.c,
// str_format.c, str_unicode.c): UTF-8 walking, Unicode character classes
// and the helpers these files share. Strings are UTF-8 with [nchars] code
// points; a char starts at every byte that is not a continuation byte
// (and at byte 0), so even malformed input is walked consistently.
#ifndef TL_VM_STR_INTERNAL_H
#define TL_VM_STR_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/object.h"

// ---------------------------------------------------------------- UTF-8
static inline bool str_is_ascii(const ObjStr *s) { return s->nchars == s->len; }

// Byte offset of the char after the one starting at [pos] (< len).
static inline int64_t utf8_next(const char *s, int64_t pos, int64_t len) {
    pos++;
    while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80) pos++;
    return pos;
}

// Byte offset of the char before the one starting at [pos] (> 0).
static inline int64_t utf8_prev(const char *s, int64_t pos) {
    pos--;
    while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80) pos--;
    return pos;
}

// Code point of the char starting at [pos]; malformed bytes decode to U+FFFD.
uint32_t utf8_decode(const char *s, int64_t pos, int64_t len);
// Writes [cp] as 1-4 bytes to [out]; returns the byte count.
int utf8_encode(uint32_t cp, char *out);
// Number of chars in [len] bytes (the walk utf8_next does).
int64_t utf8_count(const char *s, int64_t len);

// Byte offset of char index [ci] (0 <= ci <= nchars).
int64_t str_offset_of(const ObjStr *s, int64_t ci);
// Char index of byte offset [bo] (a char boundary).
int64_t str_index_of(const ObjStr *s, int64_t bo);
// Long non-ASCII strings cache a sparse char index for the two functions
// above; a dying string must drop it (the str type's dealloc does).
void str_index_forget(const ObjStr *s);

// ------------------------------------------------------------ building
// A new string of [len] bytes whose data the caller fills (NUL is written);
// call str_finish() after filling to count its chars. NULL + MemoryError.
ObjStr *str_alloc(int64_t len);
void str_finish(ObjStr *s);
// New string from [len] bytes known to hold [nchars] chars.
ObjStr *str_new_nchars(const char *s, int64_t len, int64_t nchars);
// The chars [cstart, cend) of [s] as a new Value (by code point index).
Value str_substr(ObjStr *s, int64_t cstart, int64_t cend);
// A 1-char string for [cp] (ASCII ones are cached and interned).
Value str_from_char(uint32_t cp);
// The empty string (new reference).
Value str_empty(void);
// repr() of a string into [sb]; [ascii_only] escapes non-ASCII (ascii()).
void str_repr_to(const ObjStr *s, bool ascii_only, StrBuf *sb);
// ascii(v): repr with every non-ASCII char escaped. New str or VAL_ERROR.
Value str_ascii_of(Value v);

// ------------------------------------------------------ Unicode classes
// Python's str.is* predicates on one code point, and simple case maps.
bool uchar_isspace(uint32_t c);
bool uchar_isalpha(uint32_t c);
bool uchar_isdecimal(uint32_t c);
bool uchar_isdigit(uint32_t c);
bool uchar_isnumeric(uint32_t c);
bool uchar_isupper(uint32_t c);
bool uchar_islower(uint32_t c);
bool uchar_istitle(uint32_t c);
bool uchar_iscased(uint32_t c);
bool uchar_isprintable(uint32_t c);
bool uchar_islinebreak(uint32_t c);
bool uchar_isidstart(uint32_t c);
bool uchar_isidcontinue(uint32_t c);
uint32_t uchar_toupper(uint32_t c);
uint32_t uchar_tolower(uint32_t c);
uint32_t uchar_totitle(uint32_t c);
// Full case mappings (CPython's: 'ß'.upper() == 'SS') appended to [sb].
void uchar_append_upper(uint32_t c, StrBuf *sb);
void uchar_append_lower(uint32_t c, StrBuf *sb);
void uchar_append_title(uint32_t c, StrBuf *sb);
void uchar_append_fold(uint32_t c, StrBuf *sb);    // str.casefold()

// ------------------------------------------------------------- methods
extern const NativeMethodDef str_method_defs[];   // str_methods.c

#endif
