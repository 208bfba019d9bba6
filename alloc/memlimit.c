/*
 * alloc/memlimit.c -- MpAlloc_SetLimit: a cap on the bytes the runtime
 * holds, so a script that grows without bound gets MemoryError instead of
 * taking the host's memory.
 *
 * The figure capped is bytes_in_use exactly as MpAlloc_GetStats counts
 * it: small blocks at their size class, system-malloc blocks (large and
 * raw) at the bytes requested, and in debug mode the guarded base blocks.
 * Setting a limit turns on the allocator's usage tracking (memusage.c),
 * which keeps that figure current on every request:
 *
 *   while limited:   every request takes obmalloc.c's slow path
 *   malloc/calloc    refused if cost(request) > limit - in_use
 *   realloc          refused if cost(request) - cost(old) > limit - in_use
 *
 * cost() is what the request would add to bytes_in_use: its size class
 * when it will be a small block, else its size (plus the guards in debug
 * mode).  A refused request returns NULL like any failed one, and the
 * caller raises MemoryError.  So bytes_in_use never exceeds the limit
 * once it is below it (a limit set under the current use refuses every
 * growth until use drops).
 *
 * Left out: arenas themselves, the arena map and the free pools are not
 * counted, as bytes_in_use does not count them.
 */
#include "alloc/obmalloc.h"

static size_t limit;        /* 0: none */

/* The block the allocator underneath handed out for 'p'. */
static const void *
base_block(const void *p)
{
    if (mp_obmalloc_get_mode() == MP_OBMALLOC_DEBUG) {
        return mp_debugmalloc_base(p);
    }
    return p;
}

/* Bytes bytes_in_use counts for the live block 'p' if it is small. */
static size_t
small_bytes_of(enum mp_domain domain, const void *p)
{
    if (p == NULL || domain == MP_DOMAIN_RAW) {
        return 0;
    }
    return mp_obmalloc_pooled_bytes(base_block(p));
}

/* Bytes bytes_in_use counts for the live block 'p'. */
static size_t
block_cost(enum mp_domain domain, const void *p)
{
    size_t small = small_bytes_of(domain, p);
    return small != 0 ? small : mp_rawmem_size(base_block(p));
}

/* Bytes a new block of 'nbytes' would add to bytes_in_use. */
static size_t
request_cost(enum mp_domain domain, size_t nbytes)
{
    enum mp_obmalloc_mode mode = mp_obmalloc_get_mode();
    if (mode == MP_OBMALLOC_DEBUG) {
        size_t extra = mp_debugmalloc_overhead();
        nbytes = nbytes > SIZE_MAX - extra ? SIZE_MAX : nbytes + extra;
    }
    if (mode != MP_OBMALLOC_MALLOC && domain != MP_DOMAIN_RAW) {
        int idx = mp_obmalloc_size_class(nbytes);
        if (idx >= 0) {
            return INDEX2SIZE(idx);
        }
    }
    return nbytes;
}

int
mp_memlimit_refuses(enum mp_domain domain, const void *old, size_t nbytes)
{
    size_t cost = request_cost(domain, nbytes);
    size_t freed = old != NULL ? block_cost(domain, old) : 0;
    size_t in_use = mp_alloc_usage.current;
    if (cost <= freed) {
        return 0;
    }
    return in_use > limit || cost - freed > limit - in_use;
}

void
MpAlloc_SetLimit(size_t bytes)
{
    limit = bytes;
    mp_obmalloc_set_limited(bytes != 0);
}

size_t
MpAlloc_GetLimit(void)
{
    return limit;
}
