/*
 * rangeobject.h -- the range object and its iterators.
 */
#ifndef MP_RANGEOBJECT_H
#define MP_RANGEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_HEAD
    MpObject *start;    /* ints, owned */
    MpObject *stop;
    MpObject *step;     /* never zero */
    MpObject *length;   /* len() as an int of any size */
} MpRangeObject;

extern MpTypeObject MpRangeIter_Type;      /* range_iterator */
extern MpTypeObject MpLongRangeIter_Type;  /* longrange_iterator */

/* Ready range and its iterator types.  0, or -1 with an exception. */
int mp_range_init(void);
void mp_range_fini(void);

/* range(start, stop, step) from ints (not stolen; step nonzero).  New, or
 * NULL with an exception. */
MpObject *mp_range_new(MpObject *start, MpObject *stop, MpObject *step);

#endif /* MP_RANGEOBJECT_H */
