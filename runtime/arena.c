/*
 * arena.c -- a bump allocator over a chain of blocks.
 *
 *   arena ──► block ──► block ──► block     (newest first)
 *             [used |   free   ]
 *
 * Requests are carved from the newest block; a request that does not fit
 * starts a new block (of at least BLOCK_SIZE bytes).  Nothing is freed
 * before the whole arena is.  Objects handed to the arena are kept in a
 * growing array and released, newest first, by mp_arena_free.
 *
 * Read alongside CPython 3.11: Python/pyarena.c.
 */
#include "runtime/arena.h"

#define BLOCK_SIZE 8192
#define ALIGNMENT 16

typedef struct arena_block {
    struct arena_block *next;
    size_t size;                /* usable bytes after the header */
    size_t used;
    /* the block's memory follows, aligned to ALIGNMENT */
} arena_block;

#define BLOCK_HEADER \
    ((sizeof(arena_block) + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1))

struct mp_arena {
    arena_block *head;
    MpObject **objects;
    Mp_ssize_t nobjects;
    Mp_ssize_t objects_allocated;
};

static arena_block *
block_new(size_t size)
{
    arena_block *b = MpMem_Malloc(BLOCK_HEADER + size);
    if (b == NULL)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

mp_arena *
mp_arena_new(void)
{
    mp_arena *arena = MpMem_Malloc(sizeof(mp_arena));
    if (arena == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    arena->head = block_new(BLOCK_SIZE);
    if (arena->head == NULL) {
        MpMem_Free(arena);
        MpErr_NoMemory();
        return NULL;
    }
    arena->objects = NULL;
    arena->nobjects = 0;
    arena->objects_allocated = 0;
    return arena;
}

void
mp_arena_free(mp_arena *arena)
{
    arena_block *b;

    if (arena == NULL)
        return;
    while (arena->nobjects > 0)
        Mp_DECREF(arena->objects[--arena->nobjects]);
    MpMem_Free(arena->objects);
    b = arena->head;
    while (b != NULL) {
        arena_block *next = b->next;
        MpMem_Free(b);
        b = next;
    }
    MpMem_Free(arena);
}

void *
mp_arena_malloc(mp_arena *arena, size_t size)
{
    arena_block *b = arena->head;
    size = (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
    if (b->size - b->used < size) {
        b = block_new(size > BLOCK_SIZE ? size : BLOCK_SIZE);
        if (b == NULL) {
            MpErr_NoMemory();
            return NULL;
        }
        b->next = arena->head;
        arena->head = b;
    }
    b->used += size;
    return (char *)b + BLOCK_HEADER + b->used - size;
}

int
mp_arena_add_object(mp_arena *arena, MpObject *obj)
{
    if (arena->nobjects == arena->objects_allocated) {
        Mp_ssize_t n = arena->objects_allocated ?
                       arena->objects_allocated * 2 : 64;
        MpObject **items = MpMem_Realloc(arena->objects,
                                         (size_t)n * sizeof(MpObject *));
        if (items == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        arena->objects = items;
        arena->objects_allocated = n;
    }
    arena->objects[arena->nobjects++] = obj;
    return 0;
}
