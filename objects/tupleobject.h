/*
 * tupleobject.h -- the tuple layout and the tuple helpers other files use.
 *
 * A tuple is one block: the variable-size header followed by ob_size item
 * pointers (sizeof(MpTupleObject) counts one slot; the type's basic size is
 * 24 bytes and each item adds 8).  Items are owned references; a tuple under
 * construction may hold NULL slots until it is filled.
 */
#ifndef MP_TUPLEOBJECT_H
#define MP_TUPLEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_VAR_HEAD
    MpObject *ob_item[1];
} MpTupleObject;

#define MpTuple_CAST(op) ((MpTupleObject *)(op))
#define MpTuple_GET_SIZE(op) Mp_SIZE(op)
#define MpTuple_GET_ITEM(op, i) (MpTuple_CAST(op)->ob_item[(i)])
/* Steals v; the old slot content is not released (fill fresh tuples). */
#define MpTuple_SET_ITEM(op, i, v) (MpTuple_CAST(op)->ob_item[(i)] = (v))

/* Free list sizes, as CPython: lengths 1..20, at most 2000 of each. */
#define MP_TUPLE_MAXSAVESIZE 20
#define MP_TUPLE_MAXFREELIST 2000

int mp_tuple_init(void);
void mp_tuple_fini(void);

/* A tuple holding items[0..n-1] (each INCREF'd).  New. */
MpObject *mp_tuple_from_array(MpObject *const *items, Mp_ssize_t n);
/* The same, stealing the n references (released even on failure).  New. */
MpObject *mp_tuple_from_array_steal(MpObject *const *items, Mp_ssize_t n);
/* Untrack t when every item is untracked or atomic (the collector calls
 * this on surviving tuples; nested tuples need one pass per level). */
void mp_tuple_maybe_untrack(MpObject *t);
/* Free every tuple parked on the free list (full collections call it). */
void mp_tuple_clear_freelist(void);
/* Number of tuples of length n parked on the free list (for tests). */
Mp_ssize_t mp_tuple_freelist_count(Mp_ssize_t n);

extern MpTypeObject MpTupleIter_Type;

#endif /* MP_TUPLEOBJECT_H */
