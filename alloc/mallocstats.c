/*
 * alloc/mallocstats.c -- MpAlloc_DumpStats: the figures of MpAlloc_GetStats
 * as a table in the style of CPython's sys._debugmallocstats().
 *
 * The per-class table comes first, then the arena counters, then the bytes
 * of the mapped arenas broken down so that the lines add up to the total:
 * blocks in use, free blocks of pools in use, unused pools, pool headers,
 * the tail of each pool too short for one more block ("quantization") and
 * alignment (always 0: arenas are aligned).  Then what the blocks were
 * asked for, when memrequests.c recorded it, and the bookkeeping outside
 * the arenas.  docs/internals/allocator.md, "Statistics", shows an example.
 * Read alongside CPython 3.11: Objects/obmalloc.c
 * _PyObject_DebugMallocStats, printone.
 */
#include "alloc/obmalloc.h"

#include <stdio.h>

/* 'v' with thousands separators, as _debugmallocstats prints it. */
static const char *
with_commas(char *buf, size_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof(tmp), "%zu", v);
    int j = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            buf[j++] = ',';
        }
        buf[j++] = tmp[i];
    }
    buf[j] = '\0';
    return buf;
}

static void
dump_line(FILE *out, const char *label, size_t v)
{
    char buf[40];
    fprintf(out, "%-35s= %20s\n", label, with_commas(buf, v));
}

static void
dump_classes(FILE *out, const MpAllocStats *st)
{
    fprintf(out, "Small block threshold = %d, in %zu size classes.\n\n",
            SMALL_REQUEST_THRESHOLD, st->nclasses);
    fprintf(out, "class   size   num pools   blocks in use  avail blocks\n"
                 "-----   ----   ---------   -------------  ------------\n");
    for (size_t i = 0; i < st->nclasses; i++) {
        const MpAllocClassStats *cs = &st->classes[i];
        if (cs->pools == 0) {
            continue;
        }
        fprintf(out, "%5zu %6zu %11zu %15zu %13zu\n", i, cs->block_size,
                cs->pools, cs->blocks_in_use, cs->free_blocks);
    }
    fputc('\n', out);
}

/* Small blocks whose request memrequests.c recorded, and what rounding
 * them up to their classes cost. */
static void
dump_requests(FILE *out, const MpAllocStats *st)
{
    dump_line(out, "# blocks with a recorded request",
              st->small_blocks_recorded);
    dump_line(out, "# bytes requested by them", st->small_bytes_requested);
    dump_line(out, "# bytes lost to rounding them up",
              st->small_bytes_in_recorded_blocks
              - st->small_bytes_requested);
    dump_line(out, "# bytes in request tables",
              mp_alloc_requests.table_bytes);
}

void
MpAlloc_DumpStats(FILE *out)
{
    MpAllocStats st;
    char label[64];
    size_t used_pools = 0, quantization = 0, avail = 0;
    MpAlloc_GetStats(&st);
    dump_classes(out, &st);
    for (size_t i = 0; i < st.nclasses; i++) {
        size_t size = st.classes[i].block_size;
        used_pools += st.classes[i].pools;
        avail += st.classes[i].free_blocks * size;
        quantization += st.classes[i].pools
                        * ((POOL_SIZE - POOL_OVERHEAD) % size);
    }
    dump_line(out, "# arenas allocated total", st.arenas_allocated);
    dump_line(out, "# arenas reclaimed", st.arenas_freed);
    dump_line(out, "# arenas highwater mark", st.arenas_highwater);
    dump_line(out, "# arenas allocated current", st.arenas_in_use);
    snprintf(label, sizeof(label), "%zu arenas * %zu bytes/arena",
             st.arenas_in_use, st.arena_size);
    dump_line(out, label, st.bytes_mapped);
    fputc('\n', out);
    size_t unused = st.arenas_in_use * POOLS_PER_ARENA - used_pools;
    dump_line(out, "# bytes in allocated blocks", st.small_bytes_in_use);
    dump_line(out, "# bytes in available blocks", avail);
    snprintf(label, sizeof(label), "%zu unused pools * %zu bytes", unused,
             st.pool_size);
    dump_line(out, label, unused * POOL_SIZE);
    dump_line(out, "# bytes lost to pool headers", used_pools * POOL_OVERHEAD);
    dump_line(out, "# bytes lost to quantization", quantization);
    dump_line(out, "# bytes lost to arena alignment", 0);
    dump_line(out, "Total", st.bytes_mapped);
    fputc('\n', out);
    dump_requests(out, &st);
    dump_line(out, "# bytes in arena map", mp_obmalloc_map_bytes());
    dump_line(out, "# large blocks (system malloc)", st.large_blocks_in_use);
    dump_line(out, "# bytes in large blocks", st.large_bytes_in_use);
    dump_line(out, "# raw blocks", st.raw_blocks_in_use);
    dump_line(out, "# bytes in raw blocks", st.raw_bytes_in_use);
    fprintf(out, "%-35s= %19.1f%%\n", "fragmentation (mapped, not in use)",
            st.bytes_mapped ? 100.0 * (double)(st.bytes_mapped
                                               - st.small_bytes_in_use)
                              / (double)st.bytes_mapped : 0.0);
}
