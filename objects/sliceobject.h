/*
 * sliceobject.h -- the slice object and the Ellipsis singleton.
 */
#ifndef MP_SLICEOBJECT_H
#define MP_SLICEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_HEAD
    MpObject *start;    /* never NULL: None when omitted */
    MpObject *stop;
    MpObject *step;
} MpSliceObject;

extern MpTypeObject MpEllipsis_Type;

/* Ready slice and ellipsis.  0, or -1 with an exception set. */
int mp_slice_init(void);
void mp_slice_fini(void);

/* The first half of MpSlice_GetIndicesEx (CPython's PySlice_Unpack):
 * start/stop/step as Mp_ssize_t, clamped, defaults filled in for None.
 * 0, or -1 with ValueError/TypeError. */
int mp_slice_unpack(MpObject *slice, Mp_ssize_t *start, Mp_ssize_t *stop,
                    Mp_ssize_t *step);
/* The second half (PySlice_AdjustIndices): clip to 'length' and return
 * the slice length.  Cannot fail. */
Mp_ssize_t mp_slice_adjust_indices(Mp_ssize_t length, Mp_ssize_t *start,
                                   Mp_ssize_t *stop, Mp_ssize_t step);
/* slice.indices() with int objects of any size: *start, *stop, *step
 * receive New references to ints.  'length' must be a nonnegative int.
 * 0, or -1 with an exception. */
int mp_slice_get_long_indices(MpSliceObject *self, MpObject *length,
                              MpObject **start, MpObject **stop,
                              MpObject **step);

#endif /* MP_SLICEOBJECT_H */
