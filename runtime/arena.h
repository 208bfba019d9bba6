/*
 * arena.h -- bump allocation for the parser and compiler's short-lived
 * data (AST nodes), freed all at once.  The arena also owns references to
 * the objects its nodes point at (constants, identifiers).
 */
#ifndef MP_ARENA_H
#define MP_ARENA_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct mp_arena mp_arena;

/* A new empty arena, or NULL with MemoryError. */
mp_arena *mp_arena_new(void);
/* Free every block and drop every object reference the arena holds. */
void mp_arena_free(mp_arena *arena);
/* 'size' bytes aligned for any node, valid until the arena is freed;
 * NULL with MemoryError. */
void *mp_arena_malloc(mp_arena *arena, size_t size);
/* Hand the arena the caller's reference to 'obj' (stolen on success).
 * -1 with MemoryError on failure, when the caller still owns it. */
int mp_arena_add_object(mp_arena *arena, MpObject *obj);

#endif /* MP_ARENA_H */
