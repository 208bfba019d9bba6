/*
 * ptrmap.c -- a map from addresses to numbers (see ptrmap.h).
 *
 * Linear probing over a power-of-two table kept at most half full; a
 * removed entry becomes a tombstone so that probe chains stay intact, and
 * the table is rebuilt without tombstones when it grows.
 */
#include <stdint.h>
#include <stdlib.h>

#include "runtime/ptrmap.h"

static const char dead_key;
#define DEAD ((const void *)&dead_key)

static size_t
hash_address(const void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * (uintptr_t)0x9E3779B97F4A7C15u);
}

/* The entry of 'key', or where it would go (the first tombstone or empty
 * entry met).  The table must exist. */
static mp_ptrmap_entry *
find(const mp_ptrmap *m, const void *key)
{
    mp_ptrmap_entry *tomb = NULL;
    for (size_t i = hash_address(key) & m->mask;; i = (i + 1) & m->mask) {
        mp_ptrmap_entry *e = &m->entries[i];
        if (e->key == key)
            return e;
        if (e->key == NULL)
            return tomb != NULL ? tomb : e;
        if (e->key == DEAD && tomb == NULL)
            tomb = e;
    }
}

static int
grow(mp_ptrmap *m)
{
    size_t oldcap = m->entries != NULL ? m->mask + 1 : 0;
    size_t cap = oldcap != 0 ? oldcap * 2 : 64;
    mp_ptrmap_entry *old = m->entries;
    mp_ptrmap_entry *table = calloc(cap, sizeof(*table));
    if (table == NULL)
        return -1;
    m->entries = table;
    m->mask = cap - 1;
    m->used = 0;
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].key != NULL && old[i].key != DEAD) {
            *find(m, old[i].key) = old[i];
            m->used++;
        }
    }
    free(old);
    return 0;
}

int
mp_ptrmap_put(mp_ptrmap *m, const void *key, size_t value)
{
    mp_ptrmap_entry *e;
    if ((m->entries == NULL || (m->used + 1) * 2 > m->mask + 1)
        && grow(m) < 0)
        return -1;
    e = find(m, key);
    if (e->key == NULL)
        m->used++;
    e->key = key;
    e->value = value;
    return 0;
}

int
mp_ptrmap_get(const mp_ptrmap *m, const void *key, size_t *value)
{
    const mp_ptrmap_entry *e;
    if (m->entries == NULL)
        return 0;
    e = find(m, key);
    if (e->key != key)
        return 0;
    *value = e->value;
    return 1;
}

int
mp_ptrmap_take(mp_ptrmap *m, const void *key, size_t *value)
{
    mp_ptrmap_entry *e;
    if (m->entries == NULL)
        return 0;
    e = find(m, key);
    if (e->key != key)
        return 0;
    *value = e->value;
    e->key = DEAD;
    return 1;
}

void
mp_ptrmap_clear(mp_ptrmap *m)
{
    free(m->entries);
    m->entries = NULL;
    m->mask = m->used = 0;
}
