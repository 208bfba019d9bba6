/*
 * alloc/memrequests.c -- how many bytes each small block was asked for,
 * so that the statistics can set "bytes requested" beside "bytes used".
 *
 * A pool rounds every request up to its size class: 20 bytes asked take
 * a 24-byte block, and the block itself does not say which.  While
 * recording is on, each arena has a side table of one byte per ALIGNMENT
 * bytes of arena; a block's first granule indexes the byte that holds
 *
 *     0                       request unknown (handed out before recording)
 *     1 + (block - request)   1..ALIGNMENT
 *
 *   arena  | hdr | 24 | 24 | 24 | ...          (class 24, 8-byte granules)
 *   table    . .   5 . .  0 . .  1 . .         5: a 20-byte request
 *                                              0: unknown, 1: exact fit
 *
 * Tables are created with calloc, so the pages of a mostly idle arena
 * cost nothing until a block there is recorded.  Per-class totals of the
 * recorded blocks and their requests are kept as blocks come and go, so
 * MpAlloc_GetStats reads them without walking anything.  Only the slow
 * paths record, which is why starting recording starts usage tracking:
 * the fast paths stay free of it.
 *
 * Read alongside CPython 3.11: Modules/_tracemalloc.c (which keeps the
 * size of every traced block in a hash table) and Objects/obmalloc.c
 * _PyMem_DebugRawAlloc (which writes it in front of the block).
 */
#include "alloc/obmalloc.h"

#include <stdlib.h>

#define TABLE_BYTES     (ARENA_SIZE >> ALIGNMENT_SHIFT)

struct mp_alloc_requests mp_alloc_requests;

void
mp_requests_start(void)
{
    if (mp_alloc_requests.on) {
        return;
    }
    mp_obmalloc_track_usage();
    mp_alloc_requests.on = 1;
    mp_obmalloc_add_request_tables();
}

uint8_t *
mp_requests_table_new(void)
{
    uint8_t *table = calloc(TABLE_BYTES, 1);
    if (table != NULL) {
        mp_alloc_requests.table_bytes += TABLE_BYTES;
    }
    return table;
}

void
mp_requests_table_free(uint8_t *table)
{
    if (table != NULL) {
        mp_alloc_requests.table_bytes -= TABLE_BYTES;
        free(table);
    }
}

void
mp_requests_record(const void *p, size_t nbytes)
{
    unsigned int szidx;
    uint8_t *slot = mp_obmalloc_request_slot(p, &szidx);
    if (slot == NULL) {
        return;
    }
    *slot = (uint8_t)(1 + INDEX2SIZE(szidx) - nbytes);
    mp_alloc_requests.blocks[szidx]++;
    mp_alloc_requests.bytes[szidx] += nbytes;
}

size_t
mp_requests_forget(const void *p)
{
    unsigned int szidx;
    uint8_t *slot = mp_obmalloc_request_slot(p, &szidx);
    size_t nbytes;
    if (slot == NULL || *slot == 0) {
        return 0;
    }
    nbytes = INDEX2SIZE(szidx) + 1 - *slot;
    *slot = 0;
    mp_alloc_requests.blocks[szidx]--;
    mp_alloc_requests.bytes[szidx] -= nbytes;
    return nbytes;
}
