// The arena that owns every node, list and string of one parsed module:
// allocation is a pointer bump, and ast_free() releases it all at once.
#ifndef TL_PARSER_AST_ARENA_H
#define TL_PARSER_AST_ARENA_H

#include <stddef.h>

typedef struct AstArena AstArena;

AstArena *ast_arena_new(void);                     // NULL when out of memory
void *ast_arena_alloc(AstArena *a, size_t n);      // uninitialised; NULL when out of memory
void ast_arena_free(AstArena *a);                  // NULL-safe

#endif
