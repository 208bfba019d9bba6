/*
 * tests/gc/test_gc.c -- the cycle collector with embedder container types.
 *
 * Everything here uses only C types defined as an embedder would (see
 * gc_test_types.h), so the counting rules can be checked exactly: no
 * free list hides an allocation.  The expected counts follow CPython
 * 3.11's rules (Modules/gcmodule.c); tests/gc/gc_counts.py replays the
 * same allocation sequence on python3 with a Python class and prints
 * what CPython shows: (0, 1, 0) right after the 701st counted allocation,
 * and (x, 0, 1) after 12 * 701, x being the interpreter's own few
 * allocations since the twelfth trigger.
 *
 * The tests on lists, dicts and tuples are in test_gc_containers.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "support/harness.h"
#include "gc/gc.h"
#include "gc_test_types.h"

static void
assert_count(int c0, int c1, int c2)
{
    int c[3];
    MpGC_GetCount(c);
    assert_int_equal(c[0], c0);
    assert_int_equal(c[1], c1);
    assert_int_equal(c[2], c2);
}

static MpGCStats
gen_stats(int generation)
{
    MpGCStats s[3];
    MpGC_GetStats(s);
    return s[generation];
}

/* 1 if 'op' is in the list 'list'. */
static int
list_has(MpObject *list, MpObject *op)
{
    Mp_ssize_t i, n = MpList_Size(list);
    for (i = 0; i < n; i++) {
        if (MpList_GetItem(list, i) == op)
            return 1;
    }
    return 0;
}

static int
in_generation(MpObject *op, int generation)
{
    if (generation == -1)
        return mp_gc_generation_of(op) >= 0
               && mp_gc_generation_of(op) < 3;
    return mp_gc_generation_of(op) == generation;
}

/* ---- Cycles through embedder types ---- */

static void
test_node_self_cycle(void **unused)
{
    MpObject *n;
    (void)unused;
    ready_types();
    assert_int_equal(MpGC_Collect(), 0);
    n = node_new(&Node_Type);
    node_link(n, n);
    Mp_DECREF(n);
    assert_int_equal(node_deallocs, 0);
    assert_int_equal(MpGC_Collect(), 1);
    assert_int_equal(node_deallocs, 1);
    assert_int_equal(MpGC_Collect(), 0);
}

static void
test_node_pair_cycle(void **unused)
{
    MpObject *a, *b;
    MpGCStats before;
    (void)unused;
    ready_types();
    MpGC_Collect();
    before = gen_stats(2);
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(node_deallocs, 2);
    assert_int_equal(gen_stats(2).collections, before.collections + 1);
    assert_int_equal(gen_stats(2).collected, before.collected + 2);
    assert_int_equal(gen_stats(2).uncollectable, before.uncollectable);
    assert_int_equal(mp_gc_check(), 0);
}

static void
test_million_ring(void **unused)
{
    const Mp_ssize_t n = 1000000;
    MpObject *first, *prev;
    Mp_ssize_t i;
    (void)unused;
    ready_types();
    MpGC_Collect();
    first = node_new(&Node_Type);
    assert_non_null(first);
    prev = first;
    for (i = 1; i < n; i++) {
        MpObject *node = node_new(&Node_Type);
        assert_non_null(node);
        ((NodeObject *)prev)->a = node;     /* steals our reference */
        prev = node;
    }
    node_link(prev, first);
    Mp_DECREF(first);
    assert_int_equal(node_deallocs, 0);
    assert_int_equal(MpGC_Collect(), n);
    assert_int_equal(node_deallocs, n);
    assert_int_equal(mp_gc_check(), 0);
}

static void
test_reachable_from_root_survives(void **unused)
{
    MpObject *root, *a, *b;
    (void)unused;
    ready_types();
    MpGC_Collect();
    root = node_new(&Node_Type);
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    node_link(root, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_CollectGeneration(0), 0);
    assert_int_equal(MpGC_Collect(), 0);
    assert_int_equal(node_deallocs, 0);
    /* Unhook the cycle: now it is garbage. */
    Mp_CLEAR(((NodeObject *)root)->a);
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(node_deallocs, 2);
    Mp_DECREF(root);
    assert_int_equal(node_deallocs, 3);
}

static void
test_reachable_from_older_generation(void **unused)
{
    MpObject *old, *young;
    (void)unused;
    ready_types();
    old = node_new(&Node_Type);
    MpGC_Collect();                         /* 'old' now in generation 2 */
    assert_true(in_generation(old, 2));
    young = node_new(&Node_Type);
    node_link(young, young);                /* a cycle of its own ... */
    ((NodeObject *)old)->b = young;         /* ... held only by 'old' */
    assert_true(in_generation(young, 0));
    assert_int_equal(MpGC_CollectGeneration(0), 0);
    assert_int_equal(MpGC_CollectGeneration(1), 0);
    assert_int_equal(node_deallocs, 0);
    assert_true(in_generation(young, 2));
    assert_int_equal(Mp_REFCNT(young), 2);
    Mp_DECREF(old);                         /* frees old, not young */
    assert_int_equal(node_deallocs, 1);
    assert_int_equal(MpGC_Collect(), 1);
    assert_int_equal(node_deallocs, 2);
}

/* ---- Finalizers (PEP 442) ---- */

static void
test_finalizer_runs_once(void **unused)
{
    MpObject *a, *b;
    (void)unused;
    ready_types();
    MpGC_Collect();
    a = node_new(&Phoenix_Type);
    b = node_new(&Phoenix_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(phoenix_finalizes, 2);
    assert_int_equal(node_deallocs, 2);
}

static void
test_resurrection(void **unused)
{
    MpObject *a, *b;
    (void)unused;
    ready_types();
    MpGC_Collect();
    a = node_new(&Phoenix_Type);
    b = node_new(&Phoenix_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    phoenix_resurrect = 1;
    /* Both finalizers store themselves: nothing is collected or counted. */
    assert_int_equal(MpGC_Collect(), 0);
    assert_int_equal(phoenix_finalizes, 2);
    assert_int_equal(node_deallocs, 0);
    assert_int_equal(phoenix_nsaved, 2);
    assert_true(MpObject_GC_IsFinalized(a));
    assert_true(MpObject_GC_IsFinalized(b));
    assert_true(MpObject_GC_IsTracked(a));
    assert_true(in_generation(a, 2));
    assert_int_equal(mp_gc_check(), 0);
    /* Drop the saved references: the finalizers do not run again. */
    phoenix_release_saved();
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(phoenix_finalizes, 2);
    assert_int_equal(node_deallocs, 2);
    assert_int_equal(phoenix_nsaved, 0);
}

static void
test_resurrection_of_one_keeps_its_cycle(void **unused)
{
    MpObject *a, *b;
    (void)unused;
    ready_types();
    MpGC_Collect();
    a = node_new(&Phoenix_Type);     /* resurrects, and holds b */
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    phoenix_resurrect = 1;
    assert_int_equal(MpGC_Collect(), 0);
    assert_int_equal(node_deallocs, 0);
    phoenix_resurrect = 0;
    phoenix_release_saved();
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(phoenix_finalizes, 1);
    assert_int_equal(node_deallocs, 2);
}

/* ---- Counting and automatic collection ---- */

#define KEEP_MAX (12 * 701 + 16)
static MpObject *keep[KEEP_MAX];

static void
release_keep(Mp_ssize_t n)
{
    while (n > 0)
        Mp_DECREF(keep[--n]);
}

static void
test_count_alloc_and_free(void **unused)
{
    NodeObject *u;
    int i;
    (void)unused;
    ready_types();
    MpGC_Collect();
    assert_count(0, 0, 0);
    u = node_alloc(&Node_Type);             /* counted though untracked */
    assert_count(1, 0, 0);
    assert_false(MpObject_GC_IsTracked((MpObject *)u));
    for (i = 0; i < 9; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(10, 0, 0);
    Mp_DECREF(u);
    release_keep(9);
    assert_count(0, 0, 0);
    /* Never below zero: free objects counted before the last collection. */
    for (i = 0; i < 5; i++)
        keep[i] = node_new(&Node_Type);
    MpGC_CollectGeneration(0);
    assert_count(0, 1, 0);
    release_keep(5);
    assert_count(0, 1, 0);
}

static void
test_auto_collection_on_701st_allocation(void **unused)
{
    Mp_ssize_t i;
    MpGCStats g0, g1;
    (void)unused;
    ready_types();
    MpGC_Collect();
    assert_count(0, 0, 0);
    g0 = gen_stats(0);
    g1 = gen_stats(1);
    for (i = 0; i < 700; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(700, 0, 0);
    assert_int_equal(gen_stats(0).collections, g0.collections);
    keep[i++] = node_new(&Node_Type);       /* the 701st */
    assert_count(0, 1, 0);
    assert_int_equal(gen_stats(0).collections, g0.collections + 1);
    assert_true(in_generation(keep[0], 1));
    /* The new object was not tracked yet when the collection ran. */
    assert_true(in_generation(keep[700], 0));
    /* Eleven generation-0 collections, then the twelfth trigger
     * collects generation 1. */
    for (; i < 11 * 701; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(0, 11, 0);
    keep[i++] = node_new(&Node_Type);
    assert_count(1, 11, 0);
    for (; i < 12 * 701; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(0, 0, 1);
    assert_int_equal(gen_stats(0).collections, g0.collections + 11);
    assert_int_equal(gen_stats(1).collections, g1.collections + 1);
    assert_true(in_generation(keep[0], 2));
    release_keep(i);
    assert_count(0, 0, 1);
    assert_int_equal(node_deallocs, 12 * 701);
}

static void
test_net_allocations_count(void **unused)
{
    Mp_ssize_t i;
    MpGCStats g0;
    (void)unused;
    ready_types();
    MpGC_Collect();
    g0 = gen_stats(0);
    for (i = 0; i < 700; i++)
        keep[i] = node_new(&Node_Type);
    Mp_DECREF(keep[--i]);
    Mp_DECREF(keep[--i]);
    assert_count(698, 0, 0);
    keep[i++] = node_new(&Node_Type);
    keep[i++] = node_new(&Node_Type);       /* net 700: not yet */
    assert_count(700, 0, 0);
    assert_int_equal(gen_stats(0).collections, g0.collections);
    keep[i++] = node_new(&Node_Type);       /* net 701 */
    assert_count(0, 1, 0);
    assert_int_equal(gen_stats(0).collections, g0.collections + 1);
    release_keep(i);
}

static void
test_garbage_freed_by_automatic_collection(void **unused)
{
    Mp_ssize_t i;
    MpGCStats g0;
    (void)unused;
    ready_types();
    MpGC_Collect();
    g0 = gen_stats(0);
    for (i = 0; i < 350; i++) {
        MpObject *a = node_new(&Node_Type), *b = node_new(&Node_Type);
        node_link(a, b);
        node_link(b, a);
        Mp_DECREF(a);
        Mp_DECREF(b);
    }
    assert_int_equal(node_deallocs, 0);
    assert_count(700, 0, 0);
    keep[0] = node_new(&Node_Type);
    assert_int_equal(node_deallocs, 700);
    assert_int_equal(gen_stats(0).collected, g0.collected + 700);
    assert_count(0, 1, 0);
    Mp_DECREF(keep[0]);
}

static void
test_threshold_zero_disables(void **unused)
{
    int t[3];
    Mp_ssize_t i;
    MpGCStats g0;
    (void)unused;
    ready_types();
    MpGC_GetThreshold(t);
    assert_int_equal(t[0], 700);
    assert_int_equal(t[1], 10);
    assert_int_equal(t[2], 10);
    MpGC_SetThreshold(0, 10, 10);
    MpGC_Collect();
    g0 = gen_stats(0);
    for (i = 0; i < 2000; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(2000, 0, 0);
    assert_int_equal(gen_stats(0).collections, g0.collections);
    MpGC_SetThreshold(100, 10, 10);
    keep[i++] = node_new(&Node_Type);       /* 2001 > 100 */
    assert_count(0, 1, 0);
    release_keep(i);
}

static void
test_disable_enable(void **unused)
{
    Mp_ssize_t i;
    MpGCStats g0;
    MpObject *a, *b;
    (void)unused;
    ready_types();
    assert_true(MpGC_IsEnabled());
    assert_int_equal(MpGC_Disable(), 1);
    assert_int_equal(MpGC_Disable(), 0);
    assert_false(MpGC_IsEnabled());
    MpGC_Collect();
    g0 = gen_stats(0);
    for (i = 0; i < 1000; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(1000, 0, 0);               /* counting goes on */
    assert_int_equal(gen_stats(0).collections, g0.collections);
    /* An explicit collection still runs while disabled. */
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(MpGC_Enable(), 0);
    assert_int_equal(MpGC_Enable(), 1);
    for (i = 1000; i < 1700; i++)
        keep[i] = node_new(&Node_Type);
    assert_count(700, 0, 0);
    keep[i++] = node_new(&Node_Type);
    assert_count(0, 1, 0);
    release_keep(i);
}

/* One chunk: 701 allocations (the last one triggers a collection), then
 * free them all.  The objects are counted but never tracked, so no
 * collection finds survivors to promote (long_lived_pending stays 0). */
static void
trigger_once(void)
{
    Mp_ssize_t i;
    for (i = 0; i < 701; i++)
        keep[i] = (MpObject *)node_alloc(&Node_Type);
    release_keep(701);
}

static void
test_long_lived_rule_defers_full_collection(void **unused)
{
    Mp_ssize_t i;
    MpGCStats g2;
    (void)unused;
    ready_types();
    MpGC_Freeze();          /* take the runtime's objects out of the way */
    /* 400 long-lived objects: the next full collection leaves
     * long_lived_total = 400, and the chunks promote none. */
    for (i = 0; i < 400; i++)
        keep[KEEP_MAX - 1 - i] = node_new(&Node_Type);
    MpGC_Collect();
    g2 = gen_stats(2);
    for (i = 0; i < 12 * 11; i++)
        trigger_once();
    assert_count(0, 0, 11);
    trigger_once();         /* count[2] > 10, but pending 0 < 400 / 4 */
    assert_count(0, 1, 11);
    assert_int_equal(gen_stats(2).collections, g2.collections);
    for (i = 0; i < 11; i++)
        trigger_once();
    assert_count(0, 0, 12);
    assert_int_equal(gen_stats(2).collections, g2.collections);
    for (i = 0; i < 400; i++)
        Mp_DECREF(keep[KEEP_MAX - 1 - i]);
    MpGC_Unfreeze();
}

static void
test_long_lived_rule_allows_full_collection(void **unused)
{
    Mp_ssize_t i;
    MpGCStats g2;
    (void)unused;
    ready_types();
    MpGC_Freeze();
    MpGC_Collect();         /* generation 2 is empty: total 0 */
    g2 = gen_stats(2);
    for (i = 0; i < 12 * 11; i++)
        trigger_once();
    assert_count(0, 0, 11);
    assert_int_equal(gen_stats(2).collections, g2.collections);
    trigger_once();         /* pending 0 >= 0 / 4: full collection */
    assert_count(0, 0, 0);
    assert_int_equal(gen_stats(2).collections, g2.collections + 1);
    MpGC_Unfreeze();
}

static void
test_promotion_and_counts(void **unused)
{
    MpObject *n;
    (void)unused;
    ready_types();
    MpGC_Collect();
    n = node_new(&Node_Type);
    assert_true(in_generation(n, 0));
    assert_int_equal(MpGC_CollectGeneration(0), 0);
    assert_count(0, 1, 0);
    assert_false(in_generation(n, 0));
    assert_true(in_generation(n, 1));
    assert_int_equal(MpGC_CollectGeneration(1), 0);
    assert_count(0, 0, 1);
    assert_true(in_generation(n, 2));
    assert_int_equal(MpGC_CollectGeneration(2), 0);
    assert_count(0, 0, 0);
    assert_true(in_generation(n, 2));
    assert_true(in_generation(n, -1));
    Mp_DECREF(n);
}

static void
test_collect_generation_invalid(void **unused)
{
    (void)unused;
    ready_types();
    assert_int_equal(MpGC_CollectGeneration(3), -1);
    mp_assert_raised(MpExc_ValueError);
    assert_int_equal(MpGC_CollectGeneration(-1), -1);
    mp_assert_raised(MpExc_ValueError);
}

static void
test_collect_keeps_pending_exception(void **unused)
{
    MpObject *a;
    (void)unused;
    ready_types();
    a = node_new(&Node_Type);
    node_link(a, a);
    Mp_DECREF(a);
    MpErr_SetString(MpExc_KeyError, "pending");
    assert_int_equal(MpGC_Collect(), 1);
    mp_assert_raised(MpExc_KeyError);
}

/* ---- Callbacks, debug output ---- */

struct cb_record {
    char phase[8];
    int generation;
    Mp_ssize_t collected, uncollectable;
    Mp_ssize_t nested_collect;
};
static struct cb_record cb_log[16];
static int cb_n;

static void
record_cb(const char *phase, int generation, Mp_ssize_t collected,
          Mp_ssize_t uncollectable, void *arg)
{
    struct cb_record *r;
    assert_ptr_equal(arg, &cb_n);
    if (cb_n >= 16)
        return;
    r = &cb_log[cb_n++];
    snprintf(r->phase, sizeof(r->phase), "%s", phase);
    r->generation = generation;
    r->collected = collected;
    r->uncollectable = uncollectable;
    /* A collection requested during a collection does nothing. */
    r->nested_collect = MpGC_Collect() + MpGC_CollectGeneration(0);
}

static void
test_callbacks(void **unused)
{
    MpObject *a, *b;
    Mp_ssize_t i;
    (void)unused;
    ready_types();
    MpGC_Collect();
    cb_n = 0;
    assert_int_equal(MpGC_AddCallback(record_cb, &cb_n), 0);
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(cb_n, 2);
    assert_string_equal(cb_log[0].phase, "start");
    assert_int_equal(cb_log[0].generation, 2);
    assert_int_equal(cb_log[0].collected, 0);
    assert_int_equal(cb_log[0].uncollectable, 0);
    assert_string_equal(cb_log[1].phase, "stop");
    assert_int_equal(cb_log[1].generation, 2);
    assert_int_equal(cb_log[1].collected, 2);
    assert_int_equal(cb_log[1].uncollectable, 0);
    assert_int_equal(cb_log[0].nested_collect, 0);
    assert_int_equal(cb_log[1].nested_collect, 0);
    /* Automatic collections call them too. */
    for (i = 0; i < 701; i++)
        keep[i] = node_new(&Node_Type);
    assert_int_equal(cb_n, 4);
    assert_string_equal(cb_log[2].phase, "start");
    assert_int_equal(cb_log[2].generation, 0);
    assert_string_equal(cb_log[3].phase, "stop");
    assert_int_equal(cb_log[3].generation, 0);
    release_keep(701);
    assert_int_equal(MpGC_RemoveCallback(record_cb, &cb_n), 0);
    assert_int_equal(MpGC_RemoveCallback(record_cb, &cb_n), -1);
    mp_assert_raised(MpExc_ValueError);
    MpGC_Collect();
    assert_int_equal(cb_n, 4);
}

static Mp_ssize_t capture_result;

static void
run_collect(void)
{
    capture_result = MpGC_Collect();
}

static void
run_finalize(void)
{
    Mp_Finalize();
    capture_result = 0;
}

/* Run fn() with stderr sent to a temporary file; the text written is
 * returned in buf. */
static void
capture_stderr(void (*fn)(void), char *buf, size_t size)
{
    FILE *tmp = tmpfile();
    int saved;
    size_t got;

    assert_non_null(tmp);
    fflush(stderr);
    saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(tmp), 2) >= 0);
    fn();
    fflush(stderr);
    assert_true(dup2(saved, 2) >= 0);
    close(saved);
    rewind(tmp);
    got = fread(buf, 1, size - 1, tmp);
    buf[got] = '\0';
    fclose(tmp);
}

/* MpGC_Collect with stderr captured in buf; returns its result. */
static Mp_ssize_t
collect_capturing_stderr(char *buf, size_t size)
{
    capture_stderr(run_collect, buf, size);
    return capture_result;
}

static void
test_debug_stats_output(void **unused)
{
    char out[1024], expect[256], *done;
    Mp_ssize_t g0, g1, g2;
    MpObject *a, *b;
    double secs;
    int pos = 0;
    (void)unused;
    ready_types();
    MpGC_Collect();
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    MpGC_Freeze();
    a = node_new(&Node_Type);
    node_link(a, a);
    Mp_DECREF(a);
    g0 = mp_gc_generation_size(0);
    g1 = mp_gc_generation_size(1);
    g2 = mp_gc_generation_size(2);
    assert_int_equal(MpGC_GetDebug(), 0);
    MpGC_SetDebug(MP_GC_DEBUG_STATS);
    assert_int_equal(MpGC_GetDebug(), MP_GC_DEBUG_STATS);
    assert_int_equal(collect_capturing_stderr(out, sizeof(out)), 1);
    MpGC_SetDebug(0);
    snprintf(expect, sizeof(expect),
             "gc: collecting generation 2...\n"
             "gc: objects in each generation: %zd %zd %zd\n"
             "gc: objects in permanent generation: %zd\n"
             "gc: done, 1 unreachable, 0 uncollectable, ",
             (ssize_t)g0, (ssize_t)g1, (ssize_t)g2,
             (ssize_t)MpGC_GetFreezeCount());
    assert_int_equal(strncmp(out, expect, strlen(expect)), 0);
    done = out + strlen(expect);
    assert_int_equal(sscanf(done, "%lfs elapsed\n%n", &secs, &pos), 1);
    assert_true(pos > 0 && done[pos] == '\0');
    /* "%.4f": one digit (or more), a point, four digits. */
    assert_non_null(strchr(done, '.'));
    assert_int_equal(strchr(done, 's') - strchr(done, '.'), 5);
    MpGC_Unfreeze();
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(node_deallocs, 3);
}

/* An exception left by a finalizer is reported ("Exception ignored
 * in: ...") and cleared; the collection goes on. */
static void
test_finalizer_exception_reported(void **unused)
{
    char out[2048];
    MpObject *a, *b;
    (void)unused;
    ready_types();
    MpGC_Collect();
    a = node_new(&Phoenix_Type);
    b = node_new(&Phoenix_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    phoenix_raise = 1;
    assert_int_equal(collect_capturing_stderr(out, sizeof(out)), 2);
    assert_null(MpErr_Occurred());
    assert_int_equal(phoenix_finalizes, 2);
    assert_int_equal(node_deallocs, 2);
    assert_non_null(strstr(out, "Exception ignored in: "));
    assert_non_null(strstr(out, "RuntimeError: finalizer failed"));
}

/* ---- Objects, freezing ---- */

static void
test_get_objects(void **unused)
{
    MpObject *n, *objs;
    (void)unused;
    ready_types();
    n = node_new(&Node_Type);
    objs = MpGC_GetObjects(-1);
    assert_non_null(objs);
    assert_true(list_has(objs, n));
    assert_false(list_has(objs, objs));
    assert_true(MpObject_GC_IsTracked(objs));
    Mp_DECREF(objs);
    objs = MpGC_GetObjects(0);
    assert_true(list_has(objs, n));
    Mp_DECREF(objs);
    objs = MpGC_GetObjects(2);
    assert_false(list_has(objs, n));
    Mp_DECREF(objs);
    assert_null(MpGC_GetObjects(3));
    mp_assert_raised(MpExc_ValueError);
    assert_null(MpGC_GetObjects(-2));
    mp_assert_raised(MpExc_ValueError);
    Mp_DECREF(n);
}

static void
test_freeze_unfreeze(void **unused)
{
    MpObject *n, *a, *b;
    Mp_ssize_t frozen;
    (void)unused;
    ready_types();
    MpGC_Collect();
    n = node_new(&Node_Type);
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_GetFreezeCount(), 0);
    MpGC_Freeze();
    frozen = MpGC_GetFreezeCount();
    assert_true(frozen >= 3);
    assert_count(0, 0, 0);
    assert_int_equal(mp_gc_generation_size(0), 0);
    assert_int_equal(mp_gc_generation_size(1), 0);
    assert_int_equal(mp_gc_generation_size(2), 0);
    assert_false(in_generation(n, -1));
    assert_true(MpObject_GC_IsTracked(n));
    /* The permanent generation is never collected. */
    assert_int_equal(MpGC_Collect(), 0);
    assert_int_equal(node_deallocs, 0);
    MpGC_Unfreeze();
    assert_int_equal(MpGC_GetFreezeCount(), 0);
    assert_true(in_generation(n, 2));
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(node_deallocs, 2);
    Mp_DECREF(n);
}

/* ---- Allocation ---- */

static int fail_all(size_t size, void *arg)
{
    (void)size;
    (*(int *)arg)++;
    return 1;
}

static void
test_gc_new_failure(void **unused)
{
    int calls = 0, c[3];
    Mp_ssize_t live;
    NodeObject *n;
    (void)unused;
    ready_types();
    MpGC_Collect();
    live = Mp_GetLiveObjects();
    MpAlloc_SetFailHook(fail_all, &calls);
    n = node_alloc(&Node_Type);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_null(n);
    assert_true(calls >= 1);
    mp_assert_raised(MpExc_MemoryError);
    MpGC_GetCount(c);
    assert_int_equal(c[0], 0);
    assert_int_equal(Mp_GetLiveObjects(), live);
    assert_null(MpObject_GC_NewVar(MpVarObject, &VarNode_Type, -1));
    mp_assert_raised(MpExc_SystemError);
    assert_null(MpObject_GC_NewVar(MpVarObject, &VarNode_Type,
                                   MP_SSIZE_T_MAX / 4));
    mp_assert_raised(MpExc_MemoryError);
}

static void
test_gc_new_var_layout(void **unused)
{
    MpVarObject *v;
    (void)unused;
    ready_types();
    v = MpObject_GC_NewVar(MpVarObject, &VarNode_Type, 3);
    assert_non_null(v);
    assert_int_equal(Mp_SIZE(v), 3);
    assert_int_equal(Mp_REFCNT(v), 1);
    assert_ptr_equal(Mp_TYPE(v), &VarNode_Type);
    assert_false(MpObject_GC_IsTracked((MpObject *)v));
    assert_int_equal(AS_GC(v)->_gc_next, 0);
    assert_int_equal(AS_GC(v)->_gc_prev, 0);
    assert_int_equal(sizeof(MpGC_Head), 16);
    assert_ptr_equal(FROM_GC(AS_GC(v)), v);
    MpObject_GC_Track(v);
    MpObject_GC_Track(v);                   /* idempotent */
    assert_true(MpObject_GC_IsTracked((MpObject *)v));
    MpObject_GC_UnTrack(v);
    MpObject_GC_UnTrack(v);                 /* idempotent */
    assert_false(MpObject_GC_IsTracked((MpObject *)v));
    MpObject_GC_Track(v);
    Mp_DECREF(v);                           /* GC_Del untracks */
    assert_int_equal(mp_gc_check(), 0);
    /* Non-GC objects are never tracked. */
    assert_false(MpObject_GC_IsTracked(Mp_None));
}

static void
test_collection_under_allocation_failure(void **unused)
{
    MpObject *a, *b, *c;
    int calls = 0;
    (void)unused;
    ready_types();
    MpGC_Collect();
    a = node_new(&Phoenix_Type);
    b = node_new(&Phoenix_Type);
    c = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, c);
    node_link(c, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(c);
    phoenix_alloc_in_finalizer = 1;
    cb_n = 0;
    assert_int_equal(MpGC_AddCallback(record_cb, &cb_n), 0);
    MpAlloc_SetFailHook(fail_all, &calls);
    assert_int_equal(MpGC_Collect(), 3);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_int_equal(MpGC_RemoveCallback(record_cb, &cb_n), 0);
    assert_int_equal(phoenix_alloc_failed, 2);
    assert_true(calls >= 2);
    assert_int_equal(node_deallocs, 3);
    assert_int_equal(cb_n, 2);
    assert_int_equal(mp_gc_check(), 0);
    assert_null(MpErr_Occurred());
    /* And the collector is still fine afterwards. */
    a = node_new(&Node_Type);
    node_link(a, a);
    Mp_DECREF(a);
    assert_int_equal(MpGC_Collect(), 1);
}

/* ---- Trashcan list, sizes ---- */

static void
test_trash_list(void **unused)
{
    MpObject *a, *b;
    (void)unused;
    ready_types();
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    assert_null(mp_gc_trash_pop());
    mp_gc_trash_push(a);
    mp_gc_trash_push(b);
    assert_false(MpObject_GC_IsTracked(a));
    assert_false(MpObject_GC_IsTracked(b));
    assert_int_equal(AS_GC(a)->_gc_next, 0);
    assert_int_equal(mp_gc_check(), 0);
    assert_ptr_equal(mp_gc_trash_pop(), b);
    assert_ptr_equal(mp_gc_trash_pop(), a);
    assert_null(mp_gc_trash_pop());
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(node_deallocs, 2);
}

static void
test_sizeof_counts_header(void **unused)
{
    MpObject *n;
    (void)unused;
    ready_types();
    n = node_new(&Node_Type);
    assert_int_equal(MpObject_GetSizeOf(n),
                     (Mp_ssize_t)(sizeof(NodeObject) + 16));
    Mp_DECREF(n);
}

/* ---- Finalization (own life cycle, not MP_TEST) ---- */

static void
test_fini_clears_leftovers(void **unused)
{
    size_t blocks = mp_test_blocks_in_use();
    char out[512];
    NodeObject *leak;
    int t[3];
    (void)unused;
    assert_int_equal(Mp_Initialize(), 0);
    ready_types();
    MpGC_SetThreshold(5, 6, 7);
    MpGC_Disable();
    MpGC_SetDebug(0);
    /* A reference tp_traverse does not report: the collector cannot see
     * this object is garbage, so finalization has to clear it. */
    leak = (NodeObject *)node_new(&Leaky_Type);
    leak->self_ref = (MpObject *)leak;      /* keeps our reference */
    capture_stderr(run_finalize, out, sizeof(out));
    assert_string_equal(out, "minipy: 1 object(s) still tracked at "
                        "finalization (leaked): test_gc.Leaky(refcnt 1)\n");
    assert_int_equal(mp_gc_fini_leftovers(), 1);
    assert_int_equal(node_deallocs, 1);
    assert_int_equal(Mp_GetLiveObjects(), 0);
    assert_int_equal(mp_test_blocks_in_use(), blocks);
    /* The state starts afresh. */
    assert_int_equal(Mp_Initialize(), 0);
    MpGC_GetThreshold(t);
    assert_int_equal(t[0], 700);
    assert_int_equal(t[1], 10);
    assert_int_equal(t[2], 10);
    assert_true(MpGC_IsEnabled());
    assert_int_equal(MpGC_GetFreezeCount(), 0);
    Mp_Finalize();
    assert_int_equal(mp_gc_fini_leftovers(), 0);
    assert_int_equal(mp_test_blocks_in_use(), blocks);
}

static void
test_fini_collects_cycles(void **unused)
{
    size_t blocks = mp_test_blocks_in_use();
    MpObject *a, *b;
    (void)unused;
    assert_int_equal(Mp_Initialize(), 0);
    ready_types();
    a = node_new(&Node_Type);
    b = node_new(&Node_Type);
    node_link(a, b);
    node_link(b, a);
    Mp_DECREF(a);
    Mp_DECREF(b);
    MpGC_Freeze();
    Mp_Finalize();
    assert_int_equal(node_deallocs, 2);
    assert_int_equal(mp_gc_fini_leftovers(), 0);
    assert_int_equal(Mp_GetLiveObjects(), 0);
    assert_int_equal(mp_test_blocks_in_use(), blocks);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_node_self_cycle),
        MP_TEST(test_node_pair_cycle),
        MP_TEST(test_million_ring),
        MP_TEST(test_reachable_from_root_survives),
        MP_TEST(test_reachable_from_older_generation),
        MP_TEST(test_finalizer_runs_once),
        MP_TEST(test_resurrection),
        MP_TEST(test_resurrection_of_one_keeps_its_cycle),
        MP_TEST(test_count_alloc_and_free),
        MP_TEST(test_auto_collection_on_701st_allocation),
        MP_TEST(test_net_allocations_count),
        MP_TEST(test_garbage_freed_by_automatic_collection),
        MP_TEST(test_threshold_zero_disables),
        MP_TEST(test_disable_enable),
        MP_TEST(test_long_lived_rule_defers_full_collection),
        MP_TEST(test_long_lived_rule_allows_full_collection),
        MP_TEST(test_promotion_and_counts),
        MP_TEST(test_collect_generation_invalid),
        MP_TEST(test_collect_keeps_pending_exception),
        MP_TEST(test_callbacks),
        MP_TEST(test_debug_stats_output),
        MP_TEST(test_finalizer_exception_reported),
        MP_TEST(test_get_objects),
        MP_TEST(test_freeze_unfreeze),
        MP_TEST(test_gc_new_failure),
        MP_TEST(test_gc_new_var_layout),
        MP_TEST(test_collection_under_allocation_failure),
        MP_TEST(test_trash_list),
        MP_TEST(test_sizeof_counts_header),
        cmocka_unit_test(test_fini_clears_leftovers),
        cmocka_unit_test(test_fini_collects_cycles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
