/*
 * gcobject.c -- allocation, tracking and release of objects of GC types.
 *
 * The object interface of the cycle collector (gc.c is the collector):
 *
 *   MpObject_GC_NewFromType     MpObject_Malloc(16 + size), header zeroed
 *   MpObject_GC_NewVarFromType  (= untracked), generation 0 counted (which
 *                               may start an automatic collection), then
 *                               MpObject_Init / MpObject_InitVar
 *   MpObject_GC_Track           link into generation 0 ("track last")
 *   MpObject_GC_UnTrack         unlink ("untrack first" in tp_dealloc)
 *   MpObject_GC_Del             unlink if needed, uncount, free AS_GC(op)
 *
 * Invariants: a GC object's memory block starts at AS_GC(op); the object
 * is tracked iff _gc_next != 0; generation 0's count goes +1 per
 * allocation here and -1 per MpObject_GC_Del, never below 0, whether or
 * not the object was ever tracked (CPython's rule).
 *
 * Read alongside CPython 3.11: Modules/gcmodule.c _PyObject_GC_New,
 * _PyObject_GC_NewVar, gc_alloc, _PyObject_GC_Link, PyObject_GC_Track,
 * PyObject_GC_UnTrack, PyObject_GC_Del; Include/internal/pycore_object.h
 * _PyObject_GC_TRACK.
 *
 * Left out: the managed-dict pre-header of 3.11 classes (minipy instances
 * keep their dict at tp_dictoffset), _PyObject_GC_Resize (no var-sized
 * GC object grows in place in minipy).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "gc/gc.h"

/* Memory for an object of 'size' bytes with a zeroed header in front,
 * counted in generation 0.  NULL with MemoryError set on failure. */
static MpObject *
gc_alloc(size_t size)
{
    MpGC_Head *g;
    MpObject *op;

    if (size > (size_t)MP_SSIZE_T_MAX - sizeof(MpGC_Head))
        return MpErr_NoMemory();
    g = (MpGC_Head *)MpObject_Malloc(sizeof(MpGC_Head) + size);
    if (g == NULL)
        return MpErr_NoMemory();
    op = FROM_GC(g);
    mp_gc_link(op);
    return op;
}

/* New reference to an untracked object of 'type' (a GC type) with its
 * header initialised; the rest of the object is not initialised.  NULL
 * with MemoryError set on failure. */
MpObject *
MpObject_GC_NewFromType(MpTypeObject *type)
{
    MpObject *op = gc_alloc((size_t)type->tp_basicsize);
    if (op == NULL)
        return NULL;
    return MpObject_Init(op, type);
}

/* New reference to an untracked var-sized object of 'type' with room for
 * 'nitems' items and ob_size set to nitems.  The size is rounded up to a
 * multiple of the pointer size, as CPython's _PyObject_VAR_SIZE.  NULL
 * with MemoryError (SystemError for a negative count) on failure. */
MpVarObject *
MpObject_GC_NewVarFromType(MpTypeObject *type, Mp_ssize_t nitems)
{
    size_t size, items, mask = sizeof(void *) - 1;
    MpObject *op;

    if (nitems < 0) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (type->tp_itemsize != 0
        && (size_t)nitems > ((size_t)MP_SSIZE_T_MAX
                             - (size_t)type->tp_basicsize - mask)
                            / (size_t)type->tp_itemsize) {
        MpErr_NoMemory();
        return NULL;
    }
    items = (size_t)nitems * (size_t)type->tp_itemsize;
    size = ((size_t)type->tp_basicsize + items + mask) & ~mask;
    op = gc_alloc(size);
    if (op == NULL)
        return NULL;
    return MpObject_InitVar((MpVarObject *)op, type, nitems);
}

/* Start tracking 'op' (a fully built GC object) in generation 0.
 * Tracking an object that is already tracked does nothing. */
void
MpObject_GC_Track(void *op)
{
    MpObject *obj = (MpObject *)op;
    if (!mp_gc_is_tracked(obj))
        mp_gc_track(obj);
}

/* Stop tracking 'op'.  Untracking an untracked object does nothing. */
void
MpObject_GC_UnTrack(void *op)
{
    MpObject *obj = (MpObject *)op;
    if (mp_gc_is_tracked(obj))
        mp_gc_untrack(obj);
}

/* Free the memory of a GC object (no destructor runs): untrack it if it
 * is still tracked, uncount it from generation 0, count its death. */
void
MpObject_GC_Del(void *op)
{
    MpObject *obj = (MpObject *)op;
    if (obj == NULL)
        return;
    mp_gc_unlink(obj);
    obj = mp_object_died(obj);
    MpObject_Free(AS_GC(obj));
}

void
mp_gc_free_parked(MpObject *op)
{
    mp_gc_unlink(op);
    MpObject_Free(AS_GC(op));
}

/* 1 if the collector tracks 'op' now, else 0 (also for non-GC objects). */
int
MpObject_GC_IsTracked(MpObject *op)
{
    return mp_gc_is_gc(op) && mp_gc_is_tracked(op);
}

/* 1 if tp_finalize has already run on 'op' (PEP 442), else 0. */
int
MpObject_GC_IsFinalized(MpObject *op)
{
    return mp_gc_is_gc(op)
        && (AS_GC(op)->_gc_prev & MP_GC_PREV_MASK_FINALIZED) != 0;
}
