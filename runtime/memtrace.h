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

/* Nonzero while any event is traced.  Hidden, so that the test is one
 * compare with memory (no load of its address first). */
extern int mp_memtrace_on __attribute__((visibility("hidden")));

/* 'op' was born (its header is set) / is dying (its memory is going).
 * Both return 'op', so that callers need not keep it across the call;
 * cold, so that the call is laid out away from the callers' hot paths. */
__attribute__((cold)) MpObject *mp_memtrace_birth(MpObject *op);
__attribute__((cold)) MpObject *mp_memtrace_death(MpObject *op);
/* A collection of 'generation' found 'unreachable' of the 'examined'. */
__attribute__((cold)) void mp_memtrace_gc(int generation, Mp_ssize_t examined,
                    Mp_ssize_t unreachable);
/* The small-int cache handed out 'value'; the intern table handed out s. */
__attribute__((cold)) void mp_memtrace_small_int(long value);
__attribute__((cold)) void mp_memtrace_interned(MpObject *s);
/* Stop tracing and free the trace's table (Mp_Finalize). */
void mp_memtrace_fini(void);

#endif /* MP_MEMTRACE_H */
