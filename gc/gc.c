/*
 * gc.c -- the generational cycle collector.
 *
 * Reference counting frees everything except reference cycles; this file
 * finds groups of tracked container objects that only reference each
 * other and breaks them with tp_clear.
 *
 *   generation 0      generation 1      generation 2      permanent
 *   threshold 700     threshold 10      threshold 10      (gc.freeze)
 *   count: GC allocs  count: gen-0      count: gen-1      never collected
 *   minus GC frees    collections       collections
 *
 *   new objects --> [gen 0] --survive--> [gen 1] --survive--> [gen 2]
 *
 * Each generation is a circular doubly linked list of MpGC_Head (gc.h)
 * with a list head of its own.  One collection of generation g:
 *
 *   1. count[g+1] += 1, count[0..g] = 0; merge generations < g into g
 *      ("young"); "old" is g+1 (young itself for g = 2)
 *   2. update_refs     gc_refs := ob_refcnt, flag COLLECTING
 *   3. subtract_refs   tp_traverse: gc_refs -= 1 per reference from young
 *   4. move_unreachable  gc_refs > 0 means referenced from outside; all
 *      it reaches is alive; the rest goes to "unreachable"
 *   5. untrack_tuples; survivors merge into old (g = 2: untrack_dicts and
 *      the long-lived bookkeeping)
 *   6. finalize_garbage  tp_finalize once per object (FINALIZED flag)
 *   7. handle_resurrected_objects  2-4 again on unreachable; whatever a
 *      finalizer made reachable joins old and is not counted (skipped
 *      when no finalizer ran: then nothing can have changed)
 *   8. delete_garbage  tp_clear each object (holding a reference);
 *      survivors join old; reference counting frees the rest
 *
 * Invariants:
 *   - outside a collection every tracked object is in exactly one list,
 *     its _gc_prev holds a real pointer plus (maybe) FINALIZED, and
 *     COLLECTING and NEXT_MASK_UNREACHABLE are clear (mp_gc_check);
 *   - during steps 2-4 the young list is singly linked: _gc_prev holds
 *     gc_refs; move_unreachable restores the back pointers;
 *   - the collector never allocates: every list lives in the headers, and
 *     move_unreachable uses the young list itself as its work queue, so
 *     no C recursion grows with the object graph;
 *   - no collection starts while one runs; automatic collection needs
 *     enabled, threshold[0] != 0 and no exception set.
 *
 * Automatic collection picks the oldest generation whose count exceeds
 * its threshold, except that generation 2 is skipped while the objects
 * promoted into it since the last full collection (long_lived_pending)
 * are fewer than 25% of what that collection left (long_lived_total).
 *
 * Read alongside CPython 3.11: Modules/gcmodule.c update_refs,
 * subtract_refs, visit_reachable, move_unreachable, deduce_unreachable,
 * untrack_tuples, untrack_dicts, finalize_garbage,
 * handle_resurrected_objects, delete_garbage, gc_collect_main,
 * gc_collect_generations, _PyObject_GC_Link; Include/internal/pycore_gc.h.
 *
 * Left out: weak references, legacy tp_del finalizers and gc.garbage
 * ("uncollectable" is always 0 but kept in the stats), DEBUG_SAVEALL and
 * the other debug flags besides DEBUG_STATS, per-interpreter state.
 * docs/internals/gc.md has the longer story; gc_debug.c holds the
 * introspection (MpGC_GetObjects, mp_gc_check).
 */
#include <sys/types.h>
#include <time.h>

#include "include/internal/mp_core.h"
#include "objects/tupleobject.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "gc/gc.h"
#include "runtime/memtrace.h"

#define NUM_GENERATIONS 3
#define NEXT_MASK_UNREACHABLE MP_GC_NEXT_MASK_UNREACHABLE

struct gc_generation {
    MpGC_Head head;
    int threshold;
    int count;
};

struct gc_callback {
    MpGC_Callback cb;
    void *arg;
};

static struct {
    int ready;                  /* list heads set up */
    int running;                /* between mp_gc_init and mp_gc_fini */
    int enabled;                /* gc.isenabled() */
    int collecting;             /* a collection is running */
    int debug;                  /* MP_GC_DEBUG_* flags */
    struct gc_generation generations[NUM_GENERATIONS];
    struct gc_generation permanent;
    MpGCStats stats[NUM_GENERATIONS];
    Mp_ssize_t long_lived_total;
    Mp_ssize_t long_lived_pending;
    struct gc_callback *callbacks;      /* MpMem_Raw array */
    Mp_ssize_t ncallbacks;
    Mp_ssize_t callbacks_allocated;
    MpObject *trash;            /* the trashcan's deferred objects */
    Mp_ssize_t fini_leftovers;  /* survives the reset */
} state;

#define GEN_HEAD(i) (&state.generations[(i)].head)

/* ---- Header accessors ---- */

static inline MpGC_Head *
gc_next(MpGC_Head *g)
{
    return (MpGC_Head *)g->_gc_next;
}

static inline MpGC_Head *
gc_prev(MpGC_Head *g)
{
    return (MpGC_Head *)(g->_gc_prev & MP_GC_PREV_MASK);
}

static inline void
gc_set_next(MpGC_Head *g, MpGC_Head *next)
{
    g->_gc_next = (uintptr_t)next;
}

/* Keeps the flag bits. */
static inline void
gc_set_prev(MpGC_Head *g, MpGC_Head *prev)
{
    g->_gc_prev = (g->_gc_prev & ~MP_GC_PREV_MASK) | (uintptr_t)prev;
}

static inline int
gc_is_collecting(MpGC_Head *g)
{
    return (g->_gc_prev & MP_GC_PREV_MASK_COLLECTING) != 0;
}

static inline void
gc_clear_collecting(MpGC_Head *g)
{
    g->_gc_prev &= ~MP_GC_PREV_MASK_COLLECTING;
}

static inline Mp_ssize_t
gc_get_refs(MpGC_Head *g)
{
    return (Mp_ssize_t)(g->_gc_prev >> MP_GC_PREV_SHIFT);
}

static inline void
gc_set_refs(MpGC_Head *g, Mp_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & ~MP_GC_PREV_MASK)
                  | ((uintptr_t)refs << MP_GC_PREV_SHIFT);
}

/* Start the working count of 'g' at 'refs', flag it COLLECTING and keep
 * only FINALIZED of the old flags. */
static inline void
gc_reset_refs(MpGC_Head *g, Mp_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & MP_GC_PREV_MASK_FINALIZED)
                  | MP_GC_PREV_MASK_COLLECTING
                  | ((uintptr_t)refs << MP_GC_PREV_SHIFT);
}

static inline void
gc_decref(MpGC_Head *g)
{
    MP_ASSERT(gc_get_refs(g) > 0);
    g->_gc_prev -= (uintptr_t)1 << MP_GC_PREV_SHIFT;
}

/* ---- Lists ---- */

static void
gc_list_init(MpGC_Head *list)
{
    list->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)list;
}

static int
gc_list_is_empty(MpGC_Head *list)
{
    return list->_gc_next == (uintptr_t)list;
}

static void
gc_list_append(MpGC_Head *node, MpGC_Head *list)
{
    MpGC_Head *last = (MpGC_Head *)list->_gc_prev;

    gc_set_prev(node, last);
    gc_set_next(last, node);
    gc_set_next(node, list);
    list->_gc_prev = (uintptr_t)node;
}

/* Unlink 'node'; its own words are left for the caller to set. */
static void
gc_list_remove(MpGC_Head *node)
{
    MpGC_Head *prev = gc_prev(node);
    MpGC_Head *next = gc_next(node);

    gc_set_next(prev, next);
    gc_set_prev(next, prev);
    node->_gc_next = 0;
}

static void
gc_list_move(MpGC_Head *node, MpGC_Head *list)
{
    gc_list_remove(node);
    gc_list_append(node, list);
}

/* Append every node of 'from' to 'to'; 'from' is left empty. */
static void
gc_list_merge(MpGC_Head *from, MpGC_Head *to)
{
    MpGC_Head *to_tail, *from_head, *from_tail;

    if (gc_list_is_empty(from))
        return;
    to_tail = (MpGC_Head *)to->_gc_prev;
    from_head = gc_next(from);
    from_tail = (MpGC_Head *)from->_gc_prev;
    gc_set_next(to_tail, from_head);
    gc_set_prev(from_head, to_tail);
    gc_set_next(from_tail, to);
    to->_gc_prev = (uintptr_t)from_tail;
    gc_list_init(from);
}

static Mp_ssize_t
gc_list_size(MpGC_Head *list)
{
    Mp_ssize_t n = 0;
    MpGC_Head *gc;

    for (gc = gc_next(list); gc != list; gc = gc_next(gc))
        n++;
    return n;
}

static void
gc_list_clear_collecting(MpGC_Head *list)
{
    MpGC_Head *gc;

    for (gc = gc_next(list); gc != list; gc = gc_next(gc))
        gc_clear_collecting(gc);
}

/* ---- State ---- */

static void
gc_state_setup(void)
{
    static const int thresholds[NUM_GENERATIONS] = {700, 10, 10};
    int i;

    for (i = 0; i < NUM_GENERATIONS; i++) {
        gc_list_init(GEN_HEAD(i));
        state.generations[i].threshold = thresholds[i];
        state.generations[i].count = 0;
    }
    gc_list_init(&state.permanent.head);
    state.enabled = 1;
    state.ready = 1;
}

static inline void
gc_ensure_ready(void)
{
    if (MP_UNLIKELY(!state.ready))
        gc_state_setup();
}

/* ---- Finding the unreachable objects ---- */

/* Step 2: every object of 'containers' gets gc_refs = its refcount. */
static void
update_refs(MpGC_Head *containers)
{
    MpGC_Head *gc;

    for (gc = gc_next(containers); gc != containers; gc = gc_next(gc)) {
        gc_reset_refs(gc, Mp_REFCNT(FROM_GC(gc)));
        /* An object in a list with refcount 0 would be a dead object
         * still tracked: a missing untrack in some tp_dealloc. */
        MP_ASSERT(gc_get_refs(gc) != 0);
    }
}

static int
visit_decref(MpObject *op, void *arg)
{
    MP_UNUSED(arg);
    if (mp_gc_is_gc(op)) {
        MpGC_Head *gc = AS_GC(op);
        /* Only objects of the generation being collected take part. */
        if (gc_is_collecting(gc))
            gc_decref(gc);
    }
    return 0;
}

/* Step 3: take away the references the objects of 'containers' hold on
 * each other; what is left in gc_refs comes from outside. */
static void
subtract_refs(MpGC_Head *containers)
{
    MpGC_Head *gc;

    for (gc = gc_next(containers); gc != containers; gc = gc_next(gc)) {
        MpObject *op = FROM_GC(gc);
        traverseproc traverse = Mp_TYPE(op)->tp_traverse;
        if (traverse != NULL)
            (void)traverse(op, visit_decref, NULL);
    }
}

/* Called on each referent of an object found reachable; 'arg' is the
 * young list move_unreachable is scanning. */
static int
visit_reachable(MpObject *op, void *arg)
{
    MpGC_Head *reachable = (MpGC_Head *)arg;
    MpGC_Head *gc;

    if (!mp_gc_is_gc(op))
        return 0;
    gc = AS_GC(op);
    /* Objects of other generations, and those already scanned, have no
     * COLLECTING flag. */
    if (!gc_is_collecting(gc))
        return 0;
    if (gc->_gc_next & NEXT_MASK_UNREACHABLE) {
        /* Moved to 'unreachable' earlier, but reachable after all: unlink
         * it by hand (the flag bits defeat the list functions) and put it
         * back at the end of young, where the scan will meet it again. */
        MpGC_Head *prev = gc_prev(gc);
        MpGC_Head *next = (MpGC_Head *)(gc->_gc_next
                                        & ~NEXT_MASK_UNREACHABLE);
        prev->_gc_next = gc->_gc_next;  /* keeps the flag of prev's link */
        gc_set_prev(next, prev);
        gc_list_append(gc, reachable);
        gc_set_refs(gc, 1);
    }
    else if (gc_get_refs(gc) == 0) {
        /* Still ahead of the scan: just say it is reachable. */
        gc_set_refs(gc, 1);
    }
    /* gc_refs > 0: ahead of the scan, which will traverse it. */
    return 0;
}

/* Step 4.  Scan 'young' from the front.  An object with gc_refs > 0 is
 * reachable: traverse it (marking its referents reachable, pulling back
 * any already moved to 'unreachable' to the end of young), restore its
 * back pointer and clear COLLECTING.  An object with gc_refs == 0 is
 * moved to 'unreachable' for now, flagged NEXT_MASK_UNREACHABLE.
 *
 * Because pulled-back objects are appended to young, the list itself is
 * the work queue: no recursion, no allocation.  After this, young holds
 * the reachable objects (doubly linked again, COLLECTING clear) and
 * 'unreachable' the rest, still COLLECTING and flagged in _gc_next. */
static void
move_unreachable(MpGC_Head *young, MpGC_Head *unreachable)
{
    MpGC_Head *prev = young;
    MpGC_Head *gc = gc_next(young);

    while (gc != young) {
        if (gc_get_refs(gc)) {
            MpObject *op = FROM_GC(gc);
            traverseproc traverse = Mp_TYPE(op)->tp_traverse;
            if (traverse != NULL)
                (void)traverse(op, visit_reachable, young);
            gc_set_prev(gc, prev);
            gc_clear_collecting(gc);
            prev = gc;
        }
        else {
            /* young is singly linked here: unlink by skipping. */
            MpGC_Head *last = (MpGC_Head *)unreachable->_gc_prev;
            prev->_gc_next = gc->_gc_next;
            /* This may flag the list head's own next word too; repaired
             * below. */
            last->_gc_next = NEXT_MASK_UNREACHABLE | (uintptr_t)gc;
            gc_set_prev(gc, last);
            gc->_gc_next = NEXT_MASK_UNREACHABLE | (uintptr_t)unreachable;
            unreachable->_gc_prev = (uintptr_t)gc;
        }
        gc = gc_next(prev);
    }
    young->_gc_prev = (uintptr_t)prev;
    unreachable->_gc_next &= ~NEXT_MASK_UNREACHABLE;
}

/* Make 'unreachable' an ordinary list again. */
static void
clear_unreachable_mask(MpGC_Head *unreachable)
{
    MpGC_Head *gc;

    for (gc = gc_next(unreachable); gc != unreachable; gc = gc_next(gc))
        gc->_gc_next &= ~NEXT_MASK_UNREACHABLE;
}

/* Steps 2-4: split 'base' into reachable (left in base) and unreachable
 * (moved to 'unreachable', an empty list, still carrying the masks). */
static void
deduce_unreachable(MpGC_Head *base, MpGC_Head *unreachable)
{
    update_refs(base);
    subtract_refs(base);
    gc_list_init(unreachable);
    move_unreachable(base, unreachable);
}

/* ---- Lazy untracking ---- */

static void
untrack_tuples(MpGC_Head *head)
{
    MpGC_Head *gc = gc_next(head);

    while (gc != head) {
        MpObject *op = FROM_GC(gc);
        MpGC_Head *next = gc_next(gc);
        if (Mp_IS_TYPE(op, &MpTuple_Type))
            mp_tuple_maybe_untrack(op);
        gc = next;
    }
}

static void
untrack_dicts(MpGC_Head *head)
{
    MpGC_Head *gc = gc_next(head);

    while (gc != head) {
        MpObject *op = FROM_GC(gc);
        MpGC_Head *next = gc_next(gc);
        if (Mp_IS_TYPE(op, &MpDict_Type))
            mp_dict_maybe_untrack(op);
        gc = next;
    }
}

/* ---- Finalizers and deletion ---- */

/* Step 6: call tp_finalize once on each object of 'collectable' that has
 * one.  A finalizer may free or resurrect anything, so take the first
 * object each time and park it in 'seen'.  Returns how many ran. */
static Mp_ssize_t
finalize_garbage(MpGC_Head *collectable)
{
    MpGC_Head seen;
    Mp_ssize_t ran = 0;

    gc_list_init(&seen);
    while (!gc_list_is_empty(collectable)) {
        MpGC_Head *gc = gc_next(collectable);
        MpObject *op = FROM_GC(gc);
        destructor finalize = Mp_TYPE(op)->tp_finalize;

        gc_list_move(gc, &seen);
        if (finalize != NULL
            && !(gc->_gc_prev & MP_GC_PREV_MASK_FINALIZED)) {
            gc->_gc_prev |= MP_GC_PREV_MASK_FINALIZED;
            Mp_INCREF(op);
            ran++;
            finalize(op);
            if (MpErr_Occurred() != NULL)
                MpErr_WriteUnraisable(op);
            Mp_DECREF(op);
        }
    }
    gc_list_merge(&seen, collectable);
    return ran;
}

/* Step 7: after the finalizers, find again which of 'unreachable' are
 * still unreachable (moved to 'still_unreachable'); the resurrected ones
 * join 'old'. */
static void
handle_resurrected_objects(MpGC_Head *unreachable,
                           MpGC_Head *still_unreachable, MpGC_Head *old)
{
    gc_list_clear_collecting(unreachable);
    deduce_unreachable(unreachable, still_unreachable);
    clear_unreachable_mask(still_unreachable);
    gc_list_merge(unreachable, old);
}

/* Step 8: break the cycles with tp_clear.  An object that survives its
 * tp_clear (or has none) goes to 'old'; it may die later. */
static void
delete_garbage(MpGC_Head *collectable, MpGC_Head *old)
{
    while (!gc_list_is_empty(collectable)) {
        MpGC_Head *gc = gc_next(collectable);
        MpObject *op = FROM_GC(gc);
        inquiry clear = Mp_TYPE(op)->tp_clear;

        MP_ASSERT(Mp_REFCNT(op) > 0);
        if (clear != NULL) {
            Mp_INCREF(op);
            (void)clear(op);
            if (MpErr_Occurred() != NULL)
                MpErr_WriteUnraisable((MpObject *)Mp_TYPE(op));
            Mp_DECREF(op);
        }
        if (gc_next(collectable) == gc) {
            gc_clear_collecting(gc);
            gc_list_move(gc, old);
        }
    }
}

/* ---- One collection ---- */

static double
gc_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
show_stats_each_generations(void)
{
    fprintf(stderr, "gc: objects in each generation: %zd %zd %zd\n",
            (ssize_t)gc_list_size(GEN_HEAD(0)),
            (ssize_t)gc_list_size(GEN_HEAD(1)),
            (ssize_t)gc_list_size(GEN_HEAD(2)));
    fprintf(stderr, "gc: objects in permanent generation: %zd\n",
            (ssize_t)gc_list_size(&state.permanent.head));
}

/* Step 1 and the choice of "old"; returns the young list. */
static MpGC_Head *
gc_prepare_young(int generation, MpGC_Head **old)
{
    int i;

    if (generation + 1 < NUM_GENERATIONS)
        state.generations[generation + 1].count += 1;
    for (i = 0; i <= generation; i++)
        state.generations[i].count = 0;
    for (i = 0; i < generation; i++)
        gc_list_merge(GEN_HEAD(i), GEN_HEAD(generation));
    *old = generation + 1 < NUM_GENERATIONS ? GEN_HEAD(generation + 1)
                                             : GEN_HEAD(generation);
    return GEN_HEAD(generation);
}

/* Collect 'generation' (and the younger ones).  Returns the number of
 * unreachable objects found (collected + uncollectable); both parts are
 * added to the stats.  The caller sets state.collecting. */
static Mp_ssize_t
gc_collect_main(int generation, Mp_ssize_t *n_collected,
                Mp_ssize_t *n_uncollectable)
{
    MpGC_Head *young, *old;
    MpGC_Head unreachable, final_unreachable;
    Mp_ssize_t m = 0, n = 0, n_examined = 0;
    MpGCStats *stats;
    double t1 = 0.0;

    if (state.debug & MP_GC_DEBUG_STATS) {
        fprintf(stderr, "gc: collecting generation %d...\n", generation);
        show_stats_each_generations();
        t1 = gc_clock();
    }
    young = gc_prepare_young(generation, &old);
    if (MP_UNLIKELY(mp_memtrace_on))
        n_examined = gc_list_size(young);
    deduce_unreachable(young, &unreachable);
    untrack_tuples(young);
    if (young != old) {
        if (generation == NUM_GENERATIONS - 2)
            state.long_lived_pending += gc_list_size(young);
        gc_list_merge(young, old);
    }
    else {
        /* Dicts are only untracked by full collections, so that building
         * many dicts does not cost a rescan each time. */
        untrack_dicts(young);
        state.long_lived_pending = 0;
        state.long_lived_total = gc_list_size(young);
    }
    /* With no legacy finalizers, every unreachable object is garbage. */
    clear_unreachable_mask(&unreachable);
    if (MP_UNLIKELY(mp_memtrace_on))
        mp_memtrace_gc(generation, n_examined, gc_list_size(&unreachable));
    if (finalize_garbage(&unreachable) > 0) {
        handle_resurrected_objects(&unreachable, &final_unreachable, old);
    }
    else {
        /* No code ran since move_unreachable: nothing can have been
         * resurrected, and the second analysis would find the same. */
        gc_list_init(&final_unreachable);
        gc_list_merge(&unreachable, &final_unreachable);
    }
    m += gc_list_size(&final_unreachable);
    delete_garbage(&final_unreachable, old);

    if (state.debug & MP_GC_DEBUG_STATS) {
        fprintf(stderr, "gc: done, %zd unreachable, %zd uncollectable, "
                "%.4fs elapsed\n", (ssize_t)(n + m), (ssize_t)n,
                gc_clock() - t1);
    }
    if (generation == NUM_GENERATIONS - 1) {
        mp_tuple_clear_freelist();
        mp_list_clear_freelist();
    }
    if (MpErr_Occurred() != NULL)
        MpErr_WriteUnraisable(NULL);      /* "in garbage collection" */
    stats = &state.stats[generation];
    stats->collections++;
    stats->collected += m;
    stats->uncollectable += n;
    if (n_collected != NULL)
        *n_collected = m;
    if (n_uncollectable != NULL)
        *n_uncollectable = n;
    return n + m;
}

static void
invoke_gc_callback(const char *phase, int generation, Mp_ssize_t collected,
                   Mp_ssize_t uncollectable)
{
    Mp_ssize_t i;

    /* By index: a callback may add or remove callbacks. */
    for (i = 0; i < state.ncallbacks; i++) {
        struct gc_callback c = state.callbacks[i];
        c.cb(phase, generation, collected, uncollectable, c.arg);
        if (MpErr_Occurred() != NULL)
            MpErr_WriteUnraisable(NULL);
    }
}

static Mp_ssize_t
gc_collect_with_callback(int generation)
{
    Mp_ssize_t result, collected = 0, uncollectable = 0;

    invoke_gc_callback("start", generation, 0, 0);
    result = gc_collect_main(generation, &collected, &uncollectable);
    invoke_gc_callback("stop", generation, collected, uncollectable);
    return result;
}

/* The automatic collection: the oldest generation over its threshold,
 * with the 25% rule holding back full collections. */
static Mp_ssize_t
gc_collect_generations(void)
{
    int i;

    for (i = NUM_GENERATIONS - 1; i >= 0; i--) {
        if (state.generations[i].count > state.generations[i].threshold) {
            if (i == NUM_GENERATIONS - 1
                && state.long_lived_pending < state.long_lived_total / 4)
                continue;
            return gc_collect_with_callback(i);
        }
    }
    return 0;
}

/* A collection of 'generation' run by request: the caller's exception, if
 * any, is set aside meanwhile. */
static Mp_ssize_t
gc_collect_requested(int generation, int with_callbacks)
{
    MpObject *exc;
    Mp_ssize_t n;

    gc_ensure_ready();
    if (state.collecting)
        return 0;
    exc = MpErr_GetRaisedException();
    state.collecting = 1;
    if (with_callbacks)
        n = gc_collect_with_callback(generation);
    else
        n = gc_collect_main(generation, NULL, NULL);
    state.collecting = 0;
    if (exc != NULL)
        MpErr_SetRaisedException(exc);
    return n;
}

int
mp_gc_collecting(void)
{
    return state.collecting;
}

/* ---- Between gcobject.c and gc.c ---- */

void
mp_gc_link(MpObject *op)
{
    MpGC_Head *g = AS_GC(op);
    struct gc_generation *gen0;

    gc_ensure_ready();
    g->_gc_next = 0;
    g->_gc_prev = 0;
    gen0 = &state.generations[0];
    gen0->count++;
#ifdef MP_DEBUG_STRESS_GC
    if (state.running && !state.collecting && MpErr_Occurred() == NULL) {
        state.collecting = 1;
        gc_collect_with_callback(0);
        state.collecting = 0;
        return;
    }
#endif
    if (gen0->count > gen0->threshold
        && state.enabled
        && state.running
        && gen0->threshold != 0
        && !state.collecting
        && MpErr_Occurred() == NULL) {
        state.collecting = 1;
        gc_collect_generations();
        state.collecting = 0;
    }
}

void
mp_gc_unlink(MpObject *op)
{
    if (mp_gc_is_tracked(op))
        mp_gc_untrack(op);
    if (state.generations[0].count > 0)
        state.generations[0].count--;
}

void
mp_gc_track(MpObject *op)
{
    gc_ensure_ready();
    gc_list_append(AS_GC(op), GEN_HEAD(0));
}

void
mp_gc_untrack(MpObject *op)
{
    MpGC_Head *g = AS_GC(op);

    gc_list_remove(g);
    g->_gc_prev &= MP_GC_PREV_MASK_FINALIZED;
}

/* ---- The trashcan's list ---- */

/* Queue dead 'op' (refcount 0) for a deferred tp_dealloc.  It is
 * untracked first; the link lives in _gc_prev, _gc_next stays 0. */
void
mp_gc_trash_push(MpObject *op)
{
    MpGC_Head *g = AS_GC(op);

    if (mp_gc_is_tracked(op))
        mp_gc_untrack(op);
    g->_gc_prev = (uintptr_t)state.trash;
    state.trash = op;
}

/* Take the last queued object back (NULL when none is queued). */
MpObject *
mp_gc_trash_pop(void)
{
    MpObject *op = state.trash;

    if (op != NULL) {
        state.trash = (MpObject *)AS_GC(op)->_gc_prev;
        AS_GC(op)->_gc_prev = 0;
    }
    return op;
}

/* ---- Public API ---- */

/* Full collection, even while automatic collection is disabled.  Returns
 * the unreachable objects found; 0 when called during a collection. */
Mp_ssize_t
MpGC_Collect(void)
{
    return gc_collect_requested(NUM_GENERATIONS - 1, 1);
}

/* Collect generation 0, 1 or 2 and the younger ones.  -1 with ValueError
 * "invalid generation" for any other number. */
Mp_ssize_t
MpGC_CollectGeneration(int generation)
{
    if (generation < 0 || generation >= NUM_GENERATIONS) {
        MpErr_SetString(MpExc_ValueError, "invalid generation");
        return -1;
    }
    return gc_collect_requested(generation, 1);
}

/* gc.enable(): returns the previous state (1 enabled, 0 disabled). */
int
MpGC_Enable(void)
{
    int old;

    gc_ensure_ready();
    old = state.enabled;
    state.enabled = 1;
    return old;
}

/* gc.disable(): allocations are still counted.  Previous state. */
int
MpGC_Disable(void)
{
    int old;

    gc_ensure_ready();
    old = state.enabled;
    state.enabled = 0;
    return old;
}

int
MpGC_IsEnabled(void)
{
    gc_ensure_ready();
    return state.enabled;
}

void
MpGC_GetThreshold(int threshold[3])
{
    int i;

    gc_ensure_ready();
    for (i = 0; i < NUM_GENERATIONS; i++)
        threshold[i] = state.generations[i].threshold;
}

/* threshold 0 for generation 0 turns automatic collection off. */
void
MpGC_SetThreshold(int t0, int t1, int t2)
{
    gc_ensure_ready();
    state.generations[0].threshold = t0;
    state.generations[1].threshold = t1;
    state.generations[2].threshold = t2;
}

void
MpGC_GetCount(int count[3])
{
    int i;

    gc_ensure_ready();
    for (i = 0; i < NUM_GENERATIONS; i++)
        count[i] = state.generations[i].count;
}

/* Per generation: collections, collected, uncollectable (cumulative). */
void
MpGC_GetStats(MpGCStats stats[3])
{
    int i;

    for (i = 0; i < NUM_GENERATIONS; i++)
        stats[i] = state.stats[i];
}

/* Move every tracked object into the permanent generation. */
void
MpGC_Freeze(void)
{
    int i;

    gc_ensure_ready();
    for (i = 0; i < NUM_GENERATIONS; i++)
        gc_list_merge(GEN_HEAD(i), &state.permanent.head);
    state.generations[0].count = 0;
}

/* Move the permanent generation back into the oldest generation. */
void
MpGC_Unfreeze(void)
{
    gc_ensure_ready();
    gc_list_merge(&state.permanent.head, GEN_HEAD(NUM_GENERATIONS - 1));
}

Mp_ssize_t
MpGC_GetFreezeCount(void)
{
    gc_ensure_ready();
    return gc_list_size(&state.permanent.head);
}

/* Register cb(phase, generation, collected, uncollectable, arg).  0, or
 * -1 with MemoryError. */
int
MpGC_AddCallback(MpGC_Callback cb, void *arg)
{
    if (state.ncallbacks == state.callbacks_allocated) {
        Mp_ssize_t n = state.callbacks_allocated * 2 + 4;
        struct gc_callback *p = MpMem_RawRealloc(
            state.callbacks, (size_t)n * sizeof(*p));
        if (p == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        state.callbacks = p;
        state.callbacks_allocated = n;
    }
    state.callbacks[state.ncallbacks].cb = cb;
    state.callbacks[state.ncallbacks].arg = arg;
    state.ncallbacks++;
    return 0;
}

/* Remove the first registration of (cb, arg).  0, or -1 with ValueError
 * when there is none. */
int
MpGC_RemoveCallback(MpGC_Callback cb, void *arg)
{
    Mp_ssize_t i;

    for (i = 0; i < state.ncallbacks; i++) {
        if (state.callbacks[i].cb == cb && state.callbacks[i].arg == arg) {
            memmove(&state.callbacks[i], &state.callbacks[i + 1],
                    (size_t)(state.ncallbacks - i - 1)
                    * sizeof(state.callbacks[0]));
            state.ncallbacks--;
            return 0;
        }
    }
    MpErr_SetString(MpExc_ValueError, "callback not registered");
    return -1;
}

void
MpGC_SetDebug(int flags)
{
    state.debug = flags;
}

int
MpGC_GetDebug(void)
{
    return state.debug;
}

/* ---- Life cycle ---- */

int
mp_gc_init(void)
{
    gc_ensure_ready();
    state.running = 1;
    return 0;
}

void
mp_gc_fini(void)
{
    if (state.ready)
        (void)gc_collect_requested(NUM_GENERATIONS - 1, 0);
    state.running = 0;
}

/* Move every object of every generation (permanent included) to 'list'. */
static void
gc_gather_all(MpGC_Head *list)
{
    int i;

    for (i = 0; i < NUM_GENERATIONS; i++)
        gc_list_merge(GEN_HEAD(i), list);
    gc_list_merge(&state.permanent.head, list);
}

static void
report_leftovers(MpGC_Head *list, Mp_ssize_t n)
{
    MpGC_Head *gc;
    int shown = 0;

    fprintf(stderr, "minipy: %zd object(s) still tracked at "
            "finalization (leaked):", (ssize_t)n);
    for (gc = gc_next(list); gc != list && shown < 8; gc = gc_next(gc)) {
        MpObject *op = FROM_GC(gc);
        fprintf(stderr, " %s(refcnt %zd)", Mp_TYPE(op)->tp_name,
                (ssize_t)Mp_REFCNT(op));
        shown++;
    }
    fprintf(stderr, "%s\n", gc != list ? " ..." : "");
}

/* tp_clear each object of 'list' (holding a reference meanwhile);
 * survivors are parked in 'done', still linked. */
static void
clear_leftovers(MpGC_Head *list, MpGC_Head *done)
{
    while (!gc_list_is_empty(list)) {
        MpGC_Head *gc = gc_next(list);
        MpObject *op = FROM_GC(gc);
        inquiry clear = Mp_TYPE(op)->tp_clear;

        gc_list_move(gc, done);
        if (clear != NULL) {
            Mp_INCREF(op);
            (void)clear(op);
            if (MpErr_Occurred() != NULL)
                MpErr_Clear();
            Mp_DECREF(op);
        }
    }
}

void
mp_gc_fini_final(void)
{
    MpGC_Head leftover, done;
    Mp_ssize_t n;
    int pass;

    state.fini_leftovers = 0;
    if (!state.ready)
        return;
    MpGC_Unfreeze();
    (void)gc_collect_requested(NUM_GENERATIONS - 1, 0);
    gc_list_init(&leftover);
    gc_list_init(&done);
    gc_gather_all(&leftover);
    n = gc_list_size(&leftover);
    if (n > 0) {
        report_leftovers(&leftover, n);
        state.fini_leftovers = n;
        state.collecting = 1;   /* nothing automatic from here on */
        /* Clearing may track new objects; a few passes catch those. */
        for (pass = 0; pass < 4 && !gc_list_is_empty(&leftover); pass++) {
            clear_leftovers(&leftover, &done);
            gc_gather_all(&leftover);
        }
        /* Whatever still lives is leaked: unlink it from our lists. */
        gc_list_merge(&leftover, &done);
        while (!gc_list_is_empty(&done))
            mp_gc_untrack(FROM_GC(gc_next(&done)));
    }
    MpMem_RawFree(state.callbacks);
    n = state.fini_leftovers;
    memset(&state, 0, sizeof(state));
    state.fini_leftovers = n;
}

Mp_ssize_t
mp_gc_fini_leftovers(void)
{
    return state.fini_leftovers;
}

/* ---- Helpers for the rest of the runtime ---- */

int
mp_gc_type_is_gc(MpObject *type)
{
    return MpType_HasFeature((MpTypeObject *)type, MP_TPFLAGS_HEAPTYPE);
}

int
mp_gc_is_collecting(void)
{
    return state.collecting;
}

MpGC_Head *
mp_gc_list_head(int generation)
{
    gc_ensure_ready();
    if (generation == NUM_GENERATIONS)
        return &state.permanent.head;
    return GEN_HEAD(generation);
}
