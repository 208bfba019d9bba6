/*
 * iterobject.h -- the two generic iterators: over any object with
 * __getitem__ (iter(seq)) and over a callable until a sentinel
 * (iter(callable, sentinel)).
 */
#ifndef MP_ITEROBJECT_H
#define MP_ITEROBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

extern MpTypeObject MpSeqIter_Type;     /* iterator */
extern MpTypeObject MpCallIter_Type;    /* callable_iterator */

/* Ready both iterator types.  0, or -1 with an exception set. */
int mp_iter_init(void);
void mp_iter_fini(void);

/* An iterator that calls seq[0], seq[1], ... until IndexError or
 * StopIteration.  New, or NULL with MemoryError. */
MpObject *mp_seqiter_new(MpObject *seq);
/* An iterator that calls callable() until it returns a value equal to
 * 'sentinel' (or raises StopIteration).  New, or NULL with MemoryError. */
MpObject *mp_calliter_new(MpObject *callable, MpObject *sentinel);

#endif /* MP_ITEROBJECT_H */
