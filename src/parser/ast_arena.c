// A chunked bump allocator. Big requests get a chunk of their own so the
// current chunk keeps its free space.
#include "parser/ast_arena.h"

#include <stdlib.h>

enum { CHUNK_SIZE = 64 * 1024, ALIGN = 16 };

typedef struct Chunk {
    struct Chunk *next;
    max_align_t data[];
} Chunk;

struct AstArena {
    Chunk *chunks;
    char *cur, *end;
};

AstArena *ast_arena_new(void) {
    return calloc(1, sizeof(AstArena));
}

void *ast_arena_alloc(AstArena *a, size_t n) {
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (n > (size_t)(a->end - a->cur)) {
        int own = n > CHUNK_SIZE / 4;
        size_t size = own ? n : CHUNK_SIZE;
        Chunk *c = malloc(sizeof(Chunk) + size);
        if (!c) return NULL;
        c->next = a->chunks;
        a->chunks = c;
        if (own) return c->data;
        a->cur = (char *)c->data;
        a->end = a->cur + size;
    }
    void *p = a->cur;
    a->cur += n;
    return p;
}

void ast_arena_free(AstArena *a) {
    if (!a) return;
    for (Chunk *c = a->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}
