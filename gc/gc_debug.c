/*
 * gc_debug.c -- looking at the collector's lists from outside:
 * MpGC_GetObjects (gc.get_objects), the list sizes and membership used by
 * tests and by DEBUG output, and mp_gc_check, the invariant walker.
 *
 * Everything here only reads the generation lists through
 * mp_gc_list_head; the collector's state stays private to gc.c.
 *
 * Read alongside CPython 3.11: Modules/gcmodule.c gc_get_objects_impl,
 * append_objects, validate_list.
 */
#include <sys/types.h>

#include "include/internal/mp_core.h"
#include "gc/gc.h"

#define NUM_GENERATIONS 3

static inline MpGC_Head *
gc_next(MpGC_Head *g)
{
    return (MpGC_Head *)g->_gc_next;
}

/* New list of the objects tracked in 'generation' (0..2, -1 for all);
 * the list itself is left out.  NULL with ValueError for another
 * generation, MemoryError when the list cannot grow. */
MpObject *
MpGC_GetObjects(int generation)
{
    MpObject *list;
    int i, lo = 0, hi = NUM_GENERATIONS - 1;

    if (generation >= NUM_GENERATIONS) {
        MpErr_Format(MpExc_ValueError, "generation parameter must be less "
                     "than the number of available generations (%d)",
                     NUM_GENERATIONS);
        return NULL;
    }
    if (generation < -1) {
        MpErr_SetString(MpExc_ValueError,
                        "generation parameter cannot be negative");
        return NULL;
    }
    if (generation >= 0)
        lo = hi = generation;
    /* Appending allocates no GC object, so no collection can run while
     * the lists are walked. */
    list = MpList_New(0);
    if (list == NULL)
        return NULL;
    for (i = lo; i <= hi; i++) {
        MpGC_Head *head = mp_gc_list_head(i), *gc;
        for (gc = gc_next(head); gc != head; gc = gc_next(gc)) {
            MpObject *op = FROM_GC(gc);
            if (op == list)
                continue;
            if (MpList_Append(list, op) < 0) {
                Mp_DECREF(list);
                return NULL;
            }
        }
    }
    return list;
}

/* Number of objects in generation 0..2, or in the permanent one for 3. */
Mp_ssize_t
mp_gc_generation_size(int generation)
{
    MpGC_Head *head = mp_gc_list_head(generation), *gc;
    Mp_ssize_t n = 0;

    for (gc = gc_next(head); gc != head; gc = gc_next(gc))
        n++;
    return n;
}

/* 0..2, 3 for the permanent generation, -1 when 'op' is not tracked. */
int
mp_gc_generation_of(MpObject *op)
{
    int i;

    if (!mp_gc_is_gc(op) || !mp_gc_is_tracked(op))
        return -1;
    for (i = 0; i <= NUM_GENERATIONS; i++) {
        MpGC_Head *head = mp_gc_list_head(i), *gc;
        for (gc = gc_next(head); gc != head; gc = gc_next(gc)) {
            if (gc == AS_GC(op))
                return i;
        }
    }
    return -1;
}

/* Check one list outside a collection; report each violation. */
static Mp_ssize_t
check_list(MpGC_Head *head, const char *name)
{
    Mp_ssize_t bad = 0;
    MpGC_Head *prev = head, *gc;

    for (gc = gc_next(head); gc != head; prev = gc, gc = gc_next(gc)) {
        MpObject *op = FROM_GC(gc);
        const char *why = NULL;
        if (gc->_gc_next & MP_GC_NEXT_MASK_UNREACHABLE)
            why = "NEXT_MASK_UNREACHABLE set";
        else if ((MpGC_Head *)(gc->_gc_prev & MP_GC_PREV_MASK) != prev)
            why = "back pointer wrong";
        else if (gc->_gc_prev & MP_GC_PREV_MASK_COLLECTING)
            why = "COLLECTING set";
        else if (Mp_REFCNT(op) <= 0)
            why = "refcount <= 0";
        else if (!mp_gc_is_gc(op))
            why = "not a GC object";
        if (why != NULL) {
            fprintf(stderr, "gc check: %s: object %p: %s\n", name,
                    (void *)op, why);
            if (++bad > 16)
                return bad;
        }
    }
    if ((MpGC_Head *)head->_gc_prev != prev) {
        fprintf(stderr, "gc check: %s: list head's back pointer wrong\n",
                name);
        bad++;
    }
    return bad;
}

Mp_ssize_t
mp_gc_check(void)
{
    static const char *names[] = {"generation 0", "generation 1",
                                  "generation 2", "permanent generation"};
    Mp_ssize_t bad = 0;
    int i;

    if (mp_gc_is_collecting())
        return 0;       /* the lists are not in their resting state */
    for (i = 0; i <= NUM_GENERATIONS; i++)
        bad += check_list(mp_gc_list_head(i), names[i]);
    return bad;
}
