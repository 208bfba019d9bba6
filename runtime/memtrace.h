/*
 * memtrace.h -- the hooks of the lifetime trace (memtrace.c).
 *
 * Every caller tests mp_memtrace_on first, inline, and calls the hook only
 * when it is set: one predictable branch while no trace is on.
 */
#ifndef MP_MEMTRACE_H
#define MP_MEMTRACE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* Nonzero while any event is traced. */
extern int mp_memtrace_on;

/* 'op' was born (its header is set) / is dying (its memory is going). */
void mp_memtrace_birth(MpObject *op);
void mp_memtrace_death(MpObject *op);
/* A collection of 'generation' found 'unreachable' of the 'examined'. */
void mp_memtrace_gc(int generation, Mp_ssize_t examined,
                    Mp_ssize_t unreachable);
/* The small-int cache handed out 'value'; the intern table handed out s. */
void mp_memtrace_small_int(long value);
void mp_memtrace_interned(MpObject *s);
/* Stop tracing and free the trace's table (Mp_Finalize). */
void mp_memtrace_fini(void);

#endif /* MP_MEMTRACE_H */
