/*
 * listobject.h -- the list layout and the list helpers other files use.
 *
 *   MpListObject: VAR_HEAD (ob_size = items in use), ob_item (a separate
 *   MpMem block of 'allocated' slots, NULL when allocated == 0).
 *   0 <= ob_size <= allocated; slots past ob_size hold garbage.
 */
#ifndef MP_LISTOBJECT_H
#define MP_LISTOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_VAR_HEAD
    MpObject **ob_item;
    Mp_ssize_t allocated;
} MpListObject;

#define MpList_CAST(op) ((MpListObject *)(op))
#define MpList_GET_SIZE(op) Mp_SIZE(op)
#define MpList_GET_ITEM(op, i) (MpList_CAST(op)->ob_item[(i)])
/* Steals v; the old slot content is not released. */
#define MpList_SET_ITEM(op, i, v) (MpList_CAST(op)->ob_item[(i)] = (v))

int mp_list_init(void);
void mp_list_fini(void);
/* Free the parked lists (full collections and mp_list_fini). */
void mp_list_clear_freelist(void);

/* Append v, stealing the reference (released on failure).  0 or -1. */
int mp_list_append_take(MpObject *l, MpObject *v);
/* l.extend(iterable).  0 or -1. */
int mp_list_extend(MpObject *l, MpObject *iterable);
/* A list owning items[0..n-1] (references stolen, released on failure),
 * with exactly n slots.  New. */
MpObject *mp_list_from_array_steal(MpObject *const *items, Mp_ssize_t n);
/* l.sort(key=key, reverse=reverse); key may be NULL or None.  0 or -1.
 * Implemented in listsort.c. */
int mp_list_sort_impl(MpListObject *l, MpObject *key, int reverse);

extern MpTypeObject MpListIter_Type;
extern MpTypeObject MpListRevIter_Type;

#endif /* MP_LISTOBJECT_H */
