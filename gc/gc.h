/*
 * gc/gc.h -- the cycle collector's header word and internal interface.
 *
 * Every object of a GC type (MP_TPFLAGS_HAVE_GC) is allocated with a
 * 16-byte MpGC_Head placed *before* it:
 *
 *        MpObject_Malloc() result
 *        |
 *        v
 *        +-----------+-----------+------------+----------+-----
 *        | _gc_next  | _gc_prev  | ob_refcnt  | ob_type  | ...
 *        +-----------+-----------+------------+----------+-----
 *        ^ AS_GC(op)             ^ op == FROM_GC(g)
 *
 * _gc_next  the next object of the generation list; 0 means "untracked".
 *           During a collection bit 0 (NEXT_MASK_UNREACHABLE) marks an
 *           object that was tentatively found unreachable.
 * _gc_prev  the previous object of the list, with two flag bits below it:
 *           bit 0 FINALIZED (tp_finalize has run, PEP 442) and bit 1
 *           COLLECTING (the object belongs to the generation being
 *           collected).  While a collection runs, the bits above the flags
 *           hold the working reference count ("gc_refs") instead of the
 *           pointer, and the list is only singly linked.
 *
 * Static type objects never carry a header even though 'type' is a GC
 * type: mp_gc_is_gc() is the test every visitor uses.
 */
#ifndef MP_GC_GC_H
#define MP_GC_GC_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include <stdint.h>
#include "minipy.h"

typedef struct {
    uintptr_t _gc_next;
    uintptr_t _gc_prev;
} MpGC_Head;

#define AS_GC(op) ((MpGC_Head *)(op) - 1)
#define FROM_GC(g) ((MpObject *)((MpGC_Head *)(g) + 1))

/* Flag bits of _gc_prev, and where the working count starts. */
#define MP_GC_PREV_MASK_FINALIZED  ((uintptr_t)1)
#define MP_GC_PREV_MASK_COLLECTING ((uintptr_t)2)
#define MP_GC_PREV_SHIFT           2
#define MP_GC_PREV_MASK            (~(uintptr_t)0 << MP_GC_PREV_SHIFT)
/* Flag bit of _gc_next while a collection runs. */
#define MP_GC_NEXT_MASK_UNREACHABLE ((uintptr_t)1)

/* 1 if the type object 'type' has a collector header (a heap type). */
int mp_gc_type_is_gc(MpObject *type);

/* 1 if 'op' has a collector header: its type is a GC type and it is not a
 * statically allocated type object. */
static inline int
mp_gc_is_gc(MpObject *op)
{
    MpTypeObject *tp = Mp_TYPE(op);
    if (!MpType_HasFeature(tp, MP_TPFLAGS_HAVE_GC))
        return 0;
    if (MpType_HasFeature(tp, MP_TPFLAGS_TYPE_SUBCLASS))
        return mp_gc_type_is_gc(op);
    return 1;
}

/* Where the allocator block of 'op' starts: at its collector header when
 * it has one, else at the object. */
static inline const void *
mp_gc_block_of(MpObject *op)
{
    return mp_gc_is_gc(op) ? (const void *)AS_GC(op) : (const void *)op;
}

static inline int
mp_gc_is_tracked(MpObject *op)
{
    return AS_GC(op)->_gc_next != 0;
}

/* 1 if 'op' is, or may later become, tracked: a GC object that is not an
 * exact tuple, or an exact tuple that is tracked now.  A dict holding only
 * values for which this is 0 needs no tracking. */
static inline int
mp_gc_may_be_tracked(MpObject *op)
{
    if (!mp_gc_is_gc(op))
        return 0;
    if (Mp_IS_TYPE(op, &MpTuple_Type))
        return mp_gc_is_tracked(op);
    return 1;
}

/* ---- Life cycle (called from runtime/pylifecycle.c) ---- */

/* Turn automatic collection on.  Objects allocated before this call are
 * already counted and tracked.  0 on success. */
int mp_gc_init(void);
/* Run a final full collection; automatic collection stops. */
void mp_gc_fini(void);
/* Collect once more, then tp_clear every object still tracked so that
 * reference counting frees it, and reset the collector's state.  Counts
 * the objects it had to clear (see mp_gc_fini_leftovers). */
void mp_gc_fini_final(void);
/* How many objects the last mp_gc_fini_final found still tracked after its
 * collection: each one was leaked by someone. */
Mp_ssize_t mp_gc_fini_leftovers(void);

/* ---- The trashcan's list of deferred deallocations ----
 * Dead GC objects (refcount 0) linked through _gc_prev of their header.
 * Pushing untracks the object; _gc_next stays 0, so the object never looks
 * tracked while it waits. */
void mp_gc_trash_push(MpObject *op);
/* The most recently pushed object, or NULL when the list is empty. */
MpObject *mp_gc_trash_pop(void);

/* 1 while a collection runs (objects dying now die of it). */
int mp_gc_collecting(void);

/* ---- Between gcobject.c and gc.c ---- */

/* Zero the header of freshly allocated 'op', count it in generation 0 and
 * run an automatic collection if one is due (before 'op' is initialised:
 * it is not tracked, so the collector never sees it). */
void mp_gc_link(MpObject *op);
/* Undo mp_gc_link before the memory is freed: untrack if needed and take
 * one off generation 0's count (never below 0). */
void mp_gc_unlink(MpObject *op);
/* Free the memory of 'op', a GC object whose death was already counted
 * when a free list parked it: mp_gc_unlink, then the block goes. */
void mp_gc_free_parked(MpObject *op);
/* Append 'op' (untracked) to generation 0 / remove it (tracked) from its
 * list, keeping only the FINALIZED flag. */
void mp_gc_track(MpObject *op);
void mp_gc_untrack(MpObject *op);

/* The list head of generation 0..2, or of the permanent generation when
 * 'generation' is 3 (for gc_debug.c). */
MpGC_Head *mp_gc_list_head(int generation);

/* ---- Helpers for the rest of the runtime ----
 * mp_gc_is_collecting is in gc.c, the others in gc_debug.c. */

/* 1 while a collection runs. */
int mp_gc_is_collecting(void);
/* Walk every generation list and check the header invariants (links,
 * flags, no working counts left).  Returns the number of violations, each
 * described on stderr; 0 means consistent. */
Mp_ssize_t mp_gc_check(void);
/* Number of objects tracked in generation 0..2, or in the permanent
 * generation when 'generation' is 3. */
Mp_ssize_t mp_gc_generation_size(int generation);
/* Which list holds 'op': 0..2, 3 for the permanent generation, -1 when
 * it is not tracked.  Walks the lists (for tests and debugging). */
int mp_gc_generation_of(MpObject *op);

#endif /* MP_GC_GC_H */
