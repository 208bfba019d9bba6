/*
 * alloc/memusage.c -- MpMem_Current, MpMem_Peak, MpMem_ResetPeak: the
 * numbers of Python's tracemalloc.get_traced_memory(), counted by the
 * allocator itself.
 *
 * The counter lives in obmalloc.h (struct mp_alloc_usage) so that the
 * allocation paths of obmalloc.c and rawmem.c update it inline: a small
 * block adds its block size when pool_pop hands it out and subtracts it in
 * pymalloc_free; a system block adds and subtracts its requested size.
 * That is exactly how MpAlloc_GetStats counts bytes_in_use (a census of
 * the pools plus rawmem's counters), so the two always agree -- a test
 * checks it.  Unlike tracemalloc nothing is recorded per block: there is
 * no cost beyond an add, and a compare for the peak, per allocation.
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
    return mp_alloc_usage.current;
}

size_t
MpMem_Peak(void)
{
    return mp_alloc_usage.peak;
}

void
MpMem_ResetPeak(void)
{
    mp_alloc_usage.peak = mp_alloc_usage.current;
}
