/*
 * alloc/memlimit.c -- MpAlloc_SetLimit: a cap on the bytes the runtime
 * holds, so a script that grows without bound gets MemoryError instead of
 * taking the host's memory.
 *
 * The figure capped is bytes_in_use exactly as MpAlloc_GetStats counts
 * it: small blocks at their size class, system-malloc blocks (large and
 * raw) at the bytes requested, and in debug mode the guarded base blocks.
 * rawmem.c keeps the large and raw byte counts already; small bytes are
 * counted only while a limit is set, starting from a census when it is
 * set:
 *
 *   while limited:   every request takes obmalloc.c's slow path
 *   malloc/calloc    refused if cost(request) > limit - in_use
 *   realloc          refused if cost(request) - cost(old) > limit - in_use
 *   after success    small_bytes += small bytes of the new block
 *                                   - small bytes of the old one
 *   free             small_bytes -= small bytes of the block
 *
 * cost() is what the request would add to bytes_in_use: its size class
 * when it will be a small block, else its size (plus the guards in debug
 * mode).  A refused request returns NULL like any failed one, and the
 * caller raises MemoryError.
 *
 * Invariant: while limited, small_bytes == the census's small_bytes_in_use,
 * so bytes_in_use never exceeds the limit once it is below it (a limit
 * set under the current use refuses every growth until use drops).
 *
 * Left out: arenas themselves, the arena map and the free pools are not
 * counted, as bytes_in_use does not count them.
 */
#include "alloc/obmalloc.h"

static struct {
    size_t limit;           /* 0: none */
    size_t small_bytes;     /* small bytes in use while limited */
} state;

/* The block the allocator underneath handed out for 'p'. */
static const void *
base_block(const void *p)
{
    if (mp_obmalloc_get_mode() == MP_OBMALLOC_DEBUG) {
        return mp_debugmalloc_base(p);
    }
    return p;
}

/* Bytes the census counts for the live block 'p' if it is small. */
static size_t
small_bytes_of(enum mp_domain domain, const void *p)
{
    if (p == NULL || domain == MP_DOMAIN_RAW) {
        return 0;
    }
    p = base_block(p);
    if (!mp_obmalloc_address_in_range(p)) {
        return 0;
    }
    return INDEX2SIZE(POOL_ADDR(p)->szidx);
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

static size_t
bytes_in_use(void)
{
    size_t large_blocks, large, raw_blocks, raw;
    mp_rawmem_counts(MP_RAWMEM_LARGE, &large_blocks, &large);
    mp_rawmem_counts(MP_RAWMEM_RAW, &raw_blocks, &raw);
    return state.small_bytes + large + raw;
}

int
mp_memlimit_refuses(enum mp_domain domain, const void *old, size_t nbytes)
{
    size_t cost = request_cost(domain, nbytes);
    size_t freed = old != NULL ? block_cost(domain, old) : 0;
    size_t in_use = bytes_in_use();
    if (cost <= freed) {
        return 0;
    }
    return in_use > state.limit || cost - freed > state.limit - in_use;
}

size_t
mp_memlimit_small_bytes(enum mp_domain domain, const void *p)
{
    return small_bytes_of(domain, p);
}

void
mp_memlimit_replaced(enum mp_domain domain, size_t old_small, const void *p)
{
    state.small_bytes += small_bytes_of(domain, p);
    state.small_bytes -= old_small;
}

void
MpAlloc_SetLimit(size_t bytes)
{
    if (bytes != 0 && state.limit == 0) {
        MpAllocStats st;
        MpAlloc_GetStats(&st);
        state.small_bytes = st.small_bytes_in_use;
    }
    state.limit = bytes;
    mp_obmalloc_set_limited(bytes != 0);
}

size_t
MpAlloc_GetLimit(void)
{
    return state.limit;
}
