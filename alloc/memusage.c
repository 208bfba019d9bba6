/*
 * alloc/memusage.c -- MpMem_Current, MpMem_Peak, MpMem_ResetPeak: the
 * numbers of Python's tracemalloc.get_traced_memory(), counted by the
 * allocator itself.
 *
 * The counter lives in obmalloc.h (struct mp_alloc_usage).  A system
 * block adds and subtracts its requested size in rawmem.c; a pooled block
 * adds and subtracts its block size -- exactly how MpAlloc_GetStats counts
 * bytes_in_use, so the two agree (a test checks it).  Counting pooled
 * blocks on the fast paths would cost every allocation an add and a
 * compare (about 3% of the interpreter benchmarks), so it happens only
 * while usage tracking is on: then every small request takes the
 * allocator's slow path, which counts it.  Tracking starts, as
 * tracemalloc.start() does, with the first MpMem_ResetPeak -- importing
 * the mem module calls it -- and lasts until the allocator is shut down.
 * While it is off, MpMem_Current takes a census of the pools and the peak
 * is the current value.  Starting also starts recording the size of each
 * small request (memrequests.c), which mem.stats() reports.
 *
 * Read alongside CPython 3.11: Modules/_tracemalloc.c
 * (tracemalloc_add_trace, _tracemalloc_get_traced_memory_impl,
 * _tracemalloc_reset_peak_impl).
 */
#include "alloc/obmalloc.h"

struct mp_alloc_usage mp_alloc_usage;

size_t
MpMem_Current(void)
{
    MpAllocStats st;
    if (mp_obmalloc_tracking_usage()) {
        return mp_alloc_usage.current;
    }
    MpAlloc_GetStats(&st);
    return st.bytes_in_use;
}

size_t
MpMem_Peak(void)
{
    if (mp_obmalloc_tracking_usage()) {
        return mp_alloc_usage.peak;
    }
    return MpMem_Current();
}

void
MpMem_ResetPeak(void)
{
    mp_requests_start();
    mp_alloc_usage.peak = mp_alloc_usage.current;
}
