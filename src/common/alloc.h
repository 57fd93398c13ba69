// Allocation wrappers. tl_xmalloc and friends are for small internal
// allocations only and abort on failure; anything sized by user input
// (storages, big lists) must use plain malloc and raise MemoryError.
#ifndef TL_COMMON_ALLOC_H
#define TL_COMMON_ALLOC_H

#include <stddef.h>

void *tl_xmalloc(size_t n);
void *tl_xcalloc(size_t count, size_t size);
void *tl_xrealloc(void *p, size_t n);
char *tl_xstrdup(const char *s);
char *tl_xstrndup(const char *s, size_t n);

// Bug checks (never for user input): print file:line and abort.
#define TL_ASSERT(cond) \
    ((cond) ? (void)0 : tl_assert_fail(#cond, __FILE__, __LINE__))
void tl_assert_fail(const char *what, const char *file, int line)
    __attribute__((noreturn));

#endif
