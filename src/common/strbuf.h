// A growable byte buffer, always NUL-terminated, for building strings
// (reprs, error messages, printed tensors).
#ifndef TL_COMMON_STRBUF_H
#define TL_COMMON_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;     // NUL-terminated; NULL until the first append
    size_t len;
    size_t cap;
} StrBuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_append(StrBuf *sb, const char *s);
void sb_append_n(StrBuf *sb, const char *s, size_t n);
void sb_append_char(StrBuf *sb, char c);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *sb, const char *fmt, va_list ap);
void sb_repeat(StrBuf *sb, char c, size_t n);
const char *sb_cstr(StrBuf *sb);     // "" when empty; owned by the buffer
char *sb_steal(StrBuf *sb);          // caller frees; buffer is reset
void sb_free(StrBuf *sb);
void sb_clear(StrBuf *sb);

#endif
