/*
 * ptrmap.h -- a map from addresses to numbers for the tools that look at
 * the heap (memtrace.c numbers objects, heapgraph.c names graph nodes).
 *
 * Open addressing with linear probing, keyed by the address alone: it
 * never reads or references what the address points to.  Its memory
 * comes from the system malloc, not from minipy's allocator, so that
 * looking at the heap does not change the numbers being shown.
 */
#ifndef MP_PTRMAP_H
#define MP_PTRMAP_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include <stddef.h>

typedef struct {
    const void *key;            /* NULL: empty; mp_ptrmap_dead: removed */
    size_t value;
} mp_ptrmap_entry;

typedef struct {
    mp_ptrmap_entry *entries;   /* NULL until the first put */
    size_t mask;                /* capacity - 1 (a power of two) */
    size_t used;                /* entries not empty, removed ones too */
} mp_ptrmap;

#define MP_PTRMAP_INIT {NULL, 0, 0}

/* Map 'key' (not NULL) to 'value'.  0, or -1 when out of memory (the map
 * is unchanged). */
int mp_ptrmap_put(mp_ptrmap *m, const void *key, size_t value);
/* The value of 'key' in *value: 1 if present, else 0. */
int mp_ptrmap_get(const mp_ptrmap *m, const void *key, size_t *value);
/* Remove 'key' and return 1 with its value in *value, or return 0. */
int mp_ptrmap_take(mp_ptrmap *m, const void *key, size_t *value);
/* Free the entries; the map is empty again. */
void mp_ptrmap_clear(mp_ptrmap *m);

#endif /* MP_PTRMAP_H */
