/*
 * alloc/rawmem.c -- counted blocks on the system malloc.
 *
 * Serves the MpMem_Raw* family, the MpObject/MpMem requests that pymalloc
 * passes on (above SMALL_REQUEST_THRESHOLD, and 0 bytes), and every request
 * in malloc mode.  Each block has a 16-byte header in front of it:
 *
 *     malloc() result                     pointer handed out
 *     v                                   v
 *     +-----------------+-----------------+------------------------+
 *     | requested bytes | kind            | nbytes of user data    |
 *     +-----------------+-----------------+------------------------+
 *
 * The header keeps MpAllocStats exact in every mode (a free knows how many
 * bytes to subtract) and keeps the malloc alignment of 16.
 * Read alongside CPython 3.11: Objects/obmalloc.c _PyMem_RawMalloc.
 */
#include "alloc/obmalloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

union raw_header {
    struct {
        size_t nbytes;
        size_t kind;
    } h;
    max_align_t align;      /* keeps the user data as aligned as malloc's */
};

#define RAW_HEADER_SIZE sizeof(union raw_header)

static struct {
    size_t blocks[2];       /* live blocks, per mp_rawmem_kind */
    size_t bytes[2];        /* bytes requested by them */
} state;

static inline union raw_header *
raw_header_of(const void *p)
{
    return (union raw_header *)((char *)p - RAW_HEADER_SIZE);
}

static void *
raw_finish(enum mp_rawmem_kind kind, union raw_header *hdr, size_t nbytes)
{
    if (hdr == NULL) {
        return NULL;
    }
    hdr->h.nbytes = nbytes;
    hdr->h.kind = kind;
    state.blocks[kind]++;
    state.bytes[kind] += nbytes;
    return (char *)hdr + RAW_HEADER_SIZE;
}

/* Usage tracking (obmalloc.h), out of line because it is rarely on:
 * 'added' bytes came, 'removed' went, with the block 'p' (NULL: the
 * request failed and nothing changed).  Returns 'p', so that callers keep
 * nothing live across the call. */
static __attribute__((noinline, cold)) void *
count_usage(void *p, size_t added, size_t removed)
{
    if (p != NULL) {
        mp_alloc_usage_sub(removed);
        mp_alloc_usage_add(added);
    }
    return p;
}

/* 'p' from raw_finish, counted while tracking. */
static inline void *
counted(void *p, size_t added, size_t removed)
{
    if (MP_UNLIKELY(mp_alloc_usage.tracking)) {
        return count_usage(p, added, removed);
    }
    return p;
}

/* Returns a new block of 'nbytes' (a unique pointer for 0), or NULL. */
void *
mp_rawmem_malloc(enum mp_rawmem_kind kind, size_t nbytes)
{
    if (nbytes > SIZE_MAX - RAW_HEADER_SIZE) {
        return NULL;
    }
    return counted(raw_finish(kind, malloc(RAW_HEADER_SIZE + nbytes),
                              nbytes), nbytes, 0);
}

/* As mp_rawmem_malloc, with the user data zeroed. */
void *
mp_rawmem_calloc(enum mp_rawmem_kind kind, size_t nbytes)
{
    if (nbytes > SIZE_MAX - RAW_HEADER_SIZE) {
        return NULL;
    }
    return counted(raw_finish(kind, calloc(1, RAW_HEADER_SIZE + nbytes),
                              nbytes), nbytes, 0);
}

/* Resize 'p' (NULL acts as malloc).  On failure returns NULL and 'p' is
 * left untouched and still counted. */
void *
mp_rawmem_realloc(enum mp_rawmem_kind kind, void *p, size_t nbytes)
{
    if (p == NULL) {
        return mp_rawmem_malloc(kind, nbytes);
    }
    if (nbytes > SIZE_MAX - RAW_HEADER_SIZE) {
        return NULL;
    }
    union raw_header *old = raw_header_of(p);
    size_t oldbytes = old->h.nbytes;
    assert(old->h.kind == (size_t)kind);
    union raw_header *hdr = realloc(old, RAW_HEADER_SIZE + nbytes);
    if (hdr == NULL) {
        return NULL;
    }
    state.blocks[kind]--;
    state.bytes[kind] -= oldbytes;
    return counted(raw_finish(kind, hdr, nbytes), nbytes, oldbytes);
}

/* Free 'p' (NULL is ignored). */
void
mp_rawmem_free(enum mp_rawmem_kind kind, void *p)
{
    if (p == NULL) {
        return;
    }
    union raw_header *hdr = raw_header_of(p);
    assert(hdr->h.kind == (size_t)kind);
    assert(state.blocks[kind] > 0);
    state.blocks[kind]--;
    state.bytes[kind] -= hdr->h.nbytes;
    if (MP_UNLIKELY(mp_alloc_usage.tracking)) {
        (void)count_usage(hdr, 0, hdr->h.nbytes);
    }
    free(hdr);
}

/* Bytes requested for the live block 'p'. */
size_t
mp_rawmem_size(const void *p)
{
    return raw_header_of(p)->h.nbytes;
}

void
mp_rawmem_counts(enum mp_rawmem_kind kind, size_t *blocks, size_t *bytes)
{
    *blocks = state.blocks[kind];
    *bytes = state.bytes[kind];
}
