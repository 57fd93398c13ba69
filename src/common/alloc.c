#include "common/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n) {
    fprintf(stderr, "tl: fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

void *tl_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) out_of_memory(n);
    return p;
}

void *tl_xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory(count * size);
    return p;
}

void *tl_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) out_of_memory(n);
    return q;
}

char *tl_xstrndup(const char *s, size_t n) {
    char *d = tl_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *tl_xstrdup(const char *s) { return tl_xstrndup(s, strlen(s)); }

void tl_assert_fail(const char *what, const char *file, int line) {
    fprintf(stderr, "tl: internal error: %s:%d: assertion failed: %s\n", file, line, what);
    abort();
}
