/*
 * tests/gc/test_gc_containers.c -- the collector with lists, dicts and
 * tuples: what MpGC_Collect returns for the cycles CPython 3.11 was
 * measured on (CPYTHON311.md section 4, "Measured return values"), and
 * the lazy untracking of tuples and dicts (gc.is_tracked rules).
 *
 * The expected numbers come from python3 (3.11.7); tests/gc/gc_counts.py
 * reruns those measurements.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "support/harness.h"
#include "gc/gc.h"

/* a = []; b = [a]; a.append(b) -> 2 */
static void
test_two_list_cycle(void **unused)
{
    MpObject *a, *b;
    (void)unused;
    assert_int_equal(MpGC_Collect(), 0);
    a = MpList_New(0);
    b = MpList_New(0);
    assert_int_equal(MpList_Append(b, a), 0);
    assert_int_equal(MpList_Append(a, b), 0);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_Collect(), 2);
    assert_int_equal(MpGC_Collect(), 0);
}

/* a = []; a.append(a) -> 1 */
static void
test_self_list(void **unused)
{
    MpObject *a;
    (void)unused;
    MpGC_Collect();
    a = MpList_New(0);
    assert_int_equal(MpList_Append(a, a), 0);
    Mp_DECREF(a);
    assert_int_equal(MpGC_Collect(), 1);
}

/* d = {}; d['self'] = d -> 1 */
static void
test_self_dict(void **unused)
{
    MpObject *d;
    (void)unused;
    MpGC_Collect();
    d = MpDict_New();
    assert_false(MpObject_GC_IsTracked(d));     /* born untracked */
    assert_int_equal(MpDict_SetItemString(d, "self", d), 0);
    assert_true(MpObject_GC_IsTracked(d));
    Mp_DECREF(d);
    assert_int_equal(MpGC_Collect(), 1);
}

/* l = []; t = (l,); l.append(t) -> 2 */
static void
test_list_tuple_cycle(void **unused)
{
    MpObject *l, *t;
    (void)unused;
    MpGC_Collect();
    l = MpList_New(0);
    t = MpTuple_Pack(1, l);
    assert_non_null(t);
    assert_true(MpObject_GC_IsTracked(t));
    assert_int_equal(MpList_Append(l, t), 0);
    Mp_DECREF(l);
    Mp_DECREF(t);
    assert_int_equal(MpGC_Collect(), 2);
}

/* l = []; d = {'l': l}; t = (d,); l.append(t) -> 3 */
static void
test_list_tuple_dict_cycle(void **unused)
{
    MpObject *l, *d, *t;
    (void)unused;
    MpGC_Collect();
    l = MpList_New(0);
    d = MpDict_New();
    assert_int_equal(MpDict_SetItemString(d, "l", l), 0);
    t = MpTuple_Pack(1, d);
    assert_int_equal(MpList_Append(l, t), 0);
    Mp_DECREF(l);
    Mp_DECREF(d);
    Mp_DECREF(t);
    assert_int_equal(MpGC_Collect(), 3);
}

/* Garbage is found by a young collection too, and survivors of a cycle
 * held from a root are left alone. */
static void
test_young_collection_and_root(void **unused)
{
    MpObject *root, *a, *b;
    (void)unused;
    MpGC_Collect();
    root = MpList_New(0);
    a = MpList_New(0);
    b = MpList_New(0);
    assert_int_equal(MpList_Append(a, b), 0);
    assert_int_equal(MpList_Append(b, a), 0);
    assert_int_equal(MpList_Append(root, a), 0);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(MpGC_CollectGeneration(0), 0);
    assert_int_equal(mp_gc_generation_of(a), 1);
    assert_int_equal(MpList_Size(a), 1);
    assert_int_equal(MpList_SetSlice(root, 0, 1, NULL), 0);
    assert_int_equal(MpGC_CollectGeneration(1), 2);
    Mp_DECREF(root);
}

/* Tuples are untracked lazily, by the collections that find them among
 * the survivors, in list order (python3 shows the same):
 *   inner = tuple([5, 6]); outer = tuple([inner, 7]); holder = [outer]
 *     one collection untracks both: 'inner' is referenced from outside,
 *     so the scan keeps the creation order and meets it first;
 *   outer = tuple([tuple([5, 6]), 7]); holder = [outer]
 *     the inner tuple is reached only through 'outer', so the scan moves
 *     it behind 'outer': the first collection untracks only the inner
 *     tuple, the second the outer one. */
static void
test_tuples_untracked_lazily(void **unused)
{
    MpObject *five, *six, *seven, *inner, *outer, *holder;
    (void)unused;
    /* Start with zero counts, so that no automatic collection runs in
     * between and the tuples sit in generation 0 in creation order. */
    MpGC_Collect();
    five = MpLong_FromLong(5);
    six = MpLong_FromLong(6);
    seven = MpLong_FromLong(7);
    inner = MpTuple_Pack(2, five, six);
    outer = MpTuple_Pack(2, inner, seven);
    holder = MpList_New(0);
    assert_int_equal(MpList_Append(holder, outer), 0);
    Mp_DECREF(outer);
    assert_true(MpObject_GC_IsTracked(inner));
    assert_true(MpObject_GC_IsTracked(outer));
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(inner));
    assert_false(MpObject_GC_IsTracked(outer));
    assert_true(MpObject_GC_IsTracked(holder));
    Mp_DECREF(holder);
    Mp_DECREF(inner);

    inner = MpTuple_Pack(2, five, six);
    outer = MpTuple_Pack(2, inner, seven);
    Mp_DECREF(inner);                   /* only 'outer' holds it now */
    holder = MpList_New(0);
    assert_int_equal(MpList_Append(holder, outer), 0);
    Mp_DECREF(outer);
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(inner));
    assert_true(MpObject_GC_IsTracked(outer));
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(outer));
    Mp_DECREF(holder);
    Mp_DECREF(five);
    Mp_DECREF(six);
    Mp_DECREF(seven);
}

/* d = {'a': []}: tracked; deleting the list leaves it tracked, and so
 * does collect(1); only a full collection untracks it. */
static void
test_dicts_untracked_by_full_collection(void **unused)
{
    MpObject *d, *l, *one, *atomic;
    (void)unused;
    MpGC_Collect();
    d = MpDict_New();
    l = MpList_New(0);
    one = MpLong_FromLong(1);
    assert_int_equal(MpDict_SetItemString(d, "a", l), 0);
    assert_true(MpObject_GC_IsTracked(d));
    assert_int_equal(MpDict_DelItemString(d, "a"), 0);
    assert_int_equal(MpDict_SetItemString(d, "b", one), 0);
    assert_true(MpObject_GC_IsTracked(d));
    MpGC_CollectGeneration(1);
    assert_true(MpObject_GC_IsTracked(d));
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(d));
    /* {'a': 1} never was tracked. */
    atomic = MpDict_New();
    assert_int_equal(MpDict_SetItemString(atomic, "a", one), 0);
    assert_false(MpObject_GC_IsTracked(atomic));
    Mp_DECREF(atomic);
    Mp_DECREF(d);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

/* A dict holding a tracked tuple is tracked; once the tuple is untracked
 * a full collection untracks the dict too. */
static void
test_dict_with_tuple_value(void **unused)
{
    MpObject *d, *t, *one, *two;
    (void)unused;
    MpGC_Collect();
    one = MpLong_FromLong(1);
    two = MpLong_FromLong(2);
    t = MpTuple_Pack(2, one, two);
    d = MpDict_New();
    assert_int_equal(MpDict_SetItem(d, one, t), 0);
    assert_true(MpObject_GC_IsTracked(d));
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(t));
    assert_false(MpObject_GC_IsTracked(d));
    Mp_DECREF(d);
    Mp_DECREF(t);
    Mp_DECREF(one);
    Mp_DECREF(two);
}

/* sys.getsizeof counts the 16-byte header, also for untracked objects. */
static void
test_sizeof_containers(void **unused)
{
    MpObject *l = MpList_New(0), *d = MpDict_New();
    (void)unused;
    assert_int_equal(MpObject_GetSizeOf(l), 56);
    assert_int_equal(MpObject_GetSizeOf(d), 64);
    Mp_DECREF(l);
    Mp_DECREF(d);
}

/* MpGC_GetObjects lists what is tracked and never the result itself. */
static void
test_get_objects_lists(void **unused)
{
    MpObject *l = MpList_New(0), *objs;
    Mp_ssize_t i, n, found = 0;
    (void)unused;
    objs = MpGC_GetObjects(-1);
    assert_non_null(objs);
    n = MpList_Size(objs);
    for (i = 0; i < n; i++) {
        MpObject *o = MpList_GetItem(objs, i);
        assert_ptr_not_equal(o, objs);
        assert_true(MpObject_GC_IsTracked(o));
        found += o == l;
    }
    assert_int_equal(found, 1);
    assert_int_equal(n, mp_gc_generation_size(0) + mp_gc_generation_size(1)
                        + mp_gc_generation_size(2) - 1);
    Mp_DECREF(objs);
    Mp_DECREF(l);
}

struct fail_nth {
    int n;          /* fail the n-th allocation from now (1-based) */
    int calls;
};

static int
fail_nth_hook(size_t size, void *arg)
{
    struct fail_nth *f = arg;
    (void)size;
    return ++f->calls == f->n;
}

/* MpGC_GetObjects and MpGC_AddCallback under allocation failure: for
 * every k, failing the k-th allocation gives NULL / -1 with MemoryError
 * and leaks nothing (the harness checks the blocks). */
static void
test_get_objects_allocation_failure(void **unused)
{
    MpObject *objs, *keep[40];
    int k, i, failures = 0;
    (void)unused;
    for (i = 0; i < 40; i++)
        keep[i] = MpList_New(0);
    for (k = 1; k < 1000; k++) {
        struct fail_nth f = {k, 0};
        MpAlloc_SetFailHook(fail_nth_hook, &f);
        objs = MpGC_GetObjects(-1);
        MpAlloc_SetFailHook(NULL, NULL);
        if (objs != NULL) {
            Mp_DECREF(objs);
            break;
        }
        mp_assert_raised(MpExc_MemoryError);
        failures++;
    }
    assert_true(failures >= 2);     /* the list and its growth */
    assert_true(k < 1000);
    {
        struct fail_nth f = {1, 0};
        MpAlloc_SetFailHook(fail_nth_hook, &f);
        assert_int_equal(MpGC_AddCallback(NULL, NULL), -1);
        MpAlloc_SetFailHook(NULL, NULL);
        mp_assert_raised(MpExc_MemoryError);
    }
    for (i = 0; i < 40; i++)
        Mp_DECREF(keep[i]);
    assert_int_equal(mp_gc_check(), 0);
}

/* Which values make a dict tracked (mp_gc_may_be_tracked); python3:
 * {1: None}, {1: 1}, {1: list} are untracked, {1: tuple([1])} and
 * {1: []} tracked. */
static int
dict_tracked_with(MpObject *value)
{
    MpObject *d = MpDict_New(), *key = MpLong_FromLong(1);
    int tracked;
    assert_int_equal(MpDict_SetItem(d, key, value), 0);
    tracked = MpObject_GC_IsTracked(d);
    Mp_DECREF(d);
    Mp_DECREF(key);
    return tracked;
}

static void
test_may_be_tracked(void **unused)
{
    MpObject *one = MpLong_FromLong(1), *l = MpList_New(0);
    MpObject *t = MpTuple_Pack(1, one);
    (void)unused;
    assert_false(dict_tracked_with(Mp_None));
    assert_false(dict_tracked_with(one));
    assert_false(dict_tracked_with((MpObject *)&MpList_Type));
    assert_true(dict_tracked_with(l));
    assert_true(dict_tracked_with(t));
    MpObject_GC_UnTrack(t);
    assert_false(dict_tracked_with(t));
    Mp_DECREF(t);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

/* A 100,000-deep nesting of lists in a cycle: no deep C recursion in the
 * collector, and the freeing goes through the trashcan. */
static void
test_deep_list_cycle(void **unused)
{
    MpObject *top, *cur;
    int i;
    (void)unused;
    MpGC_Collect();
    top = MpList_New(0);
    cur = top;
    for (i = 0; i < 100000; i++) {
        MpObject *next = MpList_New(0);
        assert_int_equal(MpList_Append(cur, next), 0);
        Mp_DECREF(next);
        cur = next;
    }
    assert_int_equal(MpList_Append(cur, top), 0);
    Mp_DECREF(top);
    assert_int_equal(MpGC_Collect(), 100001);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_two_list_cycle),
        MP_TEST(test_self_list),
        MP_TEST(test_self_dict),
        MP_TEST(test_list_tuple_cycle),
        MP_TEST(test_list_tuple_dict_cycle),
        MP_TEST(test_young_collection_and_root),
        MP_TEST(test_tuples_untracked_lazily),
        MP_TEST(test_dicts_untracked_by_full_collection),
        MP_TEST(test_dict_with_tuple_value),
        MP_TEST(test_sizeof_containers),
        MP_TEST(test_get_objects_lists),
        MP_TEST(test_deep_list_cycle),
        MP_TEST(test_get_objects_allocation_failure),
        MP_TEST(test_may_be_tracked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
