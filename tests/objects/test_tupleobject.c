/*
 * test_tupleobject.c -- tuple: sizes, the () singleton, the C API and its
 * misuse errors, hashing (CPython 3.11's values from container_cases.h),
 * repr, comparison, slicing, methods, the free list, lazy untracking and
 * allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "support/harness.h"
#include "include/internal/mp_core.h"
#include "objects/tupleobject.h"
#include "objects/listobject.h"
#include "container_cases.h"

static MpObject *
I(long v)
{
    MpObject *o = MpLong_FromLong(v);
    assert_non_null(o);
    return o;
}

static void
check_exc(MpObject *type, const char *message)
{
    MpObject *exc = MpErr_GetRaisedException(), *s;

    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, type));
    s = MpObject_Str(exc);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), message);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

static void
check_repr(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Repr(o);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
}

/* (0, 1, ..., n-1) */
static MpObject *
int_tuple(long n)
{
    MpObject *t = MpTuple_New(n);
    long i;

    assert_non_null(t);
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(t, i, I(i));
    return t;
}

static MpObject *
pack2(MpObject *a, MpObject *b)
{
    MpObject *t = MpTuple_Pack(2, a, b);
    Mp_DECREF(a);
    Mp_DECREF(b);
    return t;
}

static MpObject *
pack1(MpObject *a)
{
    MpObject *t = MpTuple_Pack(1, a);
    Mp_DECREF(a);
    return t;
}

/* ---- Tests ---- */

static void
test_sizes_and_empty(void **state)
{
    MpObject *e1 = MpTuple_New(0), *e2 = MpTuple_New(0), *t;

    (void)state;
    assert_ptr_equal(e1, e2);
    assert_false(MpObject_GC_IsTracked(e1));
    assert_int_equal(MpObject_GetSizeOf(e1), 40);
    t = int_tuple(1);
    assert_int_equal(MpObject_GetSizeOf(t), 48);
    assert_true(MpObject_GC_IsTracked(t));
    Mp_DECREF(t);
    t = int_tuple(3);
    assert_int_equal(MpObject_GetSizeOf(t), 64);
    Mp_DECREF(t);
    Mp_DECREF(e1);
    Mp_DECREF(e2);
}

static void
test_hash_values(void **state)
{
    MpObject *cases[9];
    size_t k;

    (void)state;
    cases[0] = MpTuple_New(0);
    cases[1] = pack2(I(1), I(2));
    cases[2] = pack1(I(1));
    cases[3] = pack1(I(-1));
    cases[4] = pack2(I(0), I(0));
    cases[5] = pack2(I(1), pack2(I(2), I(3)));
    cases[6] = int_tuple(20);
    {
        MpObject *big = MpLong_FromString("2305843009213693952", NULL, 10);
        MpObject *neg = MpNumber_Negative(big);
        cases[7] = pack2(big, neg);
    }
    cases[8] = pack2(MpTuple_New(0), pack1(MpTuple_New(0)));
    assert_int_equal(MP_ARRAY_LENGTH(tuple_hash_cases), 9);
    for (k = 0; k < MP_ARRAY_LENGTH(cases); k++) {
        assert_int_equal(MpObject_Hash(cases[k]), tuple_hash_cases[k].hash);
        Mp_DECREF(cases[k]);
    }
    /* The two values the reference quotes. */
    assert_int_equal(tuple_hash_cases[0].hash, 5740354900026072187LL);
    assert_int_equal(tuple_hash_cases[1].hash, -3550055125485641917LL);
}

/* Deep nesting: CPython's value at 10 000 levels; far deeper, a
 * RecursionError rather than a C stack overflow. */
static void
test_hash_deep(void **state)
{
    MpObject *t = MpTuple_New(0);
    long i;

    (void)state;
    for (i = 0; i < 10000; i++)
        t = pack1(t);
    assert_int_equal(MpObject_Hash(t), DEEP_TUPLE_HASH);
    for (; i < 1000000; i++)
        t = pack1(t);
    assert_int_equal(MpObject_Hash(t), -1);
    check_exc(MpExc_RecursionError, "maximum recursion depth exceeded");
    Mp_DECREF(t);
}

static void
test_unhashable_item(void **state)
{
    MpObject *t = pack1(MpList_New(0));

    (void)state;
    assert_int_equal(MpObject_Hash(t), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'list'");
    Mp_DECREF(t);
}

static void
test_c_api_errors(void **state)
{
    MpObject *t = int_tuple(2), *l = MpList_New(0), *v;

    (void)state;
    assert_null(MpTuple_GetItem(t, 2));
    check_exc(MpExc_IndexError, "tuple index out of range");
    assert_null(MpTuple_GetItem(t, -1));
    check_exc(MpExc_IndexError, "tuple index out of range");
    assert_null(MpTuple_GetItem(l, 0));
    check_exc(MpExc_SystemError, "bad argument to internal function");
    assert_int_equal(MpTuple_Size(l), -1);
    check_exc(MpExc_SystemError, "bad argument to internal function");
    /* SetItem steals even on failure; a shared tuple is refused. */
    Mp_INCREF(t);
    v = I(1000);
    assert_int_equal(MpTuple_SetItem(t, 0, v), -1);
    check_exc(MpExc_SystemError, "bad argument to internal function");
    Mp_DECREF(t);
    assert_int_equal(MpTuple_SetItem(t, 5, I(1000)), -1);
    check_exc(MpExc_IndexError, "tuple assignment index out of range");
    assert_int_equal(MpTuple_SetItem(t, 1, I(1000)), 0);
    check_repr(t, "(0, 1000)");
    assert_null(MpTuple_New(-1));
    check_exc(MpExc_SystemError, "bad argument to internal function");
    Mp_DECREF(t);
    Mp_DECREF(l);
}

static void
test_repr(void **state)
{
    MpObject *t, *l = MpList_New(0), *deep;
    int i;

    (void)state;
    t = MpTuple_New(0);
    check_repr(t, "()");
    Mp_DECREF(t);
    t = int_tuple(1);
    check_repr(t, "(0,)");
    Mp_DECREF(t);
    t = int_tuple(2);
    check_repr(t, "(0, 1)");
    Mp_DECREF(t);
    /* A tuple can contain itself through a list. */
    t = MpTuple_Pack(1, l);
    MpList_Append(l, t);
    check_repr(t, "([(...)],)");
    check_repr(l, "[([...],)]");
    MpList_SetSlice(l, 0, 1, NULL);
    Mp_DECREF(t);
    Mp_DECREF(l);
    deep = MpTuple_New(0);
    for (i = 0; i < 50000; i++)
        deep = pack1(deep);
    assert_null(MpObject_Repr(deep));
    check_exc(MpExc_RecursionError, "maximum recursion depth exceeded "
              "while getting the repr of an object");
    Mp_DECREF(deep);
}

static void
test_compare_concat_repeat(void **state)
{
    MpObject *a = int_tuple(3), *b = int_tuple(2), *c, *l = MpList_New(0);
    MpObject *n, *nan, *x, *y;

    (void)state;
    assert_int_equal(MpObject_RichCompareBool(b, a, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(a, a, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), 0);
    nan = MpFloat_FromDouble(0.0 / 0.0);
    x = MpTuple_Pack(1, nan);
    y = MpTuple_Pack(1, nan);
    assert_int_equal(MpObject_RichCompareBool(x, y, Mp_EQ), 1);
    c = MpNumber_Add(a, b);
    check_repr(c, "(0, 1, 2, 0, 1)");
    Mp_DECREF(c);
    assert_null(MpNumber_Add(a, l));
    check_exc(MpExc_TypeError,
              "can only concatenate tuple (not \"list\") to tuple");
    n = I(2);
    c = MpNumber_Multiply(b, n);
    check_repr(c, "(0, 1, 0, 1)");
    Mp_DECREF(c);
    Mp_DECREF(n);
    n = I(1);
    c = MpNumber_Multiply(a, n);
    assert_ptr_equal(c, a);
    Mp_DECREF(c);
    Mp_DECREF(n);
    assert_int_equal(MpSequence_Contains(a, nan), 0);
    assert_int_equal(MpSequence_Contains(x, nan), 1);
    Mp_DECREF(x);
    Mp_DECREF(y);
    Mp_DECREF(nan);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(l);
}

static void
test_subscript_and_slices(void **state)
{
    MpObject *t = int_tuple(6), *k, *r, *slice, *step, *start;

    (void)state;
    k = I(-1);
    r = MpObject_GetItem(t, k);
    assert_int_equal(MpLong_AsLong(r), 5);
    Mp_DECREF(r);
    Mp_DECREF(k);
    k = I(6);
    assert_null(MpObject_GetItem(t, k));
    check_exc(MpExc_IndexError, "tuple index out of range");
    Mp_DECREF(k);
    k = MpUnicode_FromString("a");
    assert_null(MpObject_GetItem(t, k));
    check_exc(MpExc_TypeError,
              "tuple indices must be integers or slices, not str");
    Mp_DECREF(k);
    step = I(2);
    start = I(1);
    slice = MpSlice_New(start, NULL, step);
    r = MpObject_GetItem(t, slice);
    check_repr(r, "(1, 3, 5)");
    Mp_DECREF(r);
    Mp_DECREF(slice);
    slice = MpSlice_New(NULL, NULL, NULL);
    r = MpObject_GetItem(t, slice);
    assert_ptr_equal(r, t);      /* whole slice of an exact tuple */
    Mp_DECREF(r);
    Mp_DECREF(slice);
    r = MpTuple_GetSlice(t, -5, 2);
    check_repr(r, "(0, 1)");
    Mp_DECREF(r);
    r = MpTuple_GetSlice(t, 4, 1);
    assert_int_equal(MpTuple_GET_SIZE(r), 0);
    Mp_DECREF(r);
    Mp_DECREF(step);
    Mp_DECREF(start);
    Mp_DECREF(t);
}

static MpObject *
call1(MpObject *o, const char *name, Mp_ssize_t nargs, MpObject *a,
      MpObject *b)
{
    MpObject *args[2] = {a, b};
    return MpObject_CallMethod(o, name, args, nargs);
}

static void
test_methods_and_constructor(void **state)
{
    MpObject *t, *one = I(1), *two = I(2), *r, *l, *args, *it, *v;
    long i;

    (void)state;
    t = MpTuple_Pack(4, one, two, one, two);
    r = call1(t, "count", 1, one, NULL);
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    r = call1(t, "index", 2, two, two);
    assert_int_equal(MpLong_AsLong(r), 3);
    Mp_DECREF(r);
    l = MpList_New(0);
    assert_null(call1(t, "index", 1, l, NULL));
    check_exc(MpExc_ValueError, "tuple.index(x): x not in tuple");
    assert_null(call1(t, "index", 0, NULL, NULL));
    check_exc(MpExc_TypeError, "index expected at least 1 argument, got 0");
    /* tuple(iterable) */
    MpList_Append(l, one);
    MpList_Append(l, two);
    args = MpTuple_Pack(1, l);
    r = MpObject_Call((MpObject *)&MpTuple_Type, args, NULL);
    check_repr(r, "(1, 2)");
    Mp_DECREF(r);
    Mp_DECREF(args);
    args = MpTuple_Pack(1, t);
    r = MpObject_Call((MpObject *)&MpTuple_Type, args, NULL);
    assert_ptr_equal(r, t);
    Mp_DECREF(r);
    Mp_DECREF(args);
    args = MpTuple_Pack(2, t, t);
    assert_null(MpObject_Call((MpObject *)&MpTuple_Type, args, NULL));
    check_exc(MpExc_TypeError, "tuple expected at most 1 argument, got 2");
    Mp_DECREF(args);
    args = MpTuple_New(0);
    r = MpObject_Call((MpObject *)&MpTuple_Type, args, NULL);
    assert_int_equal(MpTuple_GET_SIZE(r), 0);
    Mp_DECREF(r);
    Mp_DECREF(args);
    /* Iteration */
    it = MpObject_GetIter(t);
    assert_string_equal(Mp_TYPE(it)->tp_name, "tuple_iterator");
    for (i = 0; (v = MpIter_Next(it)) != NULL; i++) {
        assert_ptr_equal(v, i % 2 ? two : one);
        Mp_DECREF(v);
    }
    assert_int_equal(i, 4);
    Mp_DECREF(it);
    Mp_DECREF(l);
    Mp_DECREF(t);
    Mp_DECREF(one);
    Mp_DECREF(two);
}

static void
test_free_list(void **state)
{
    MpObject *t, *t2;
    int count[3];
    Mp_ssize_t live, parked;

    (void)state;
#ifdef MP_DEBUG_STRESS_GC
    skip();     /* a collection at every allocation moves the counts */
#endif
    MpGC_Collect();                 /* empties the free list */
    assert_int_equal(mp_tuple_freelist_count(3), 0);
    MpGC_GetCount(count);
    assert_int_equal(count[0], 0);
    t = int_tuple(3);
    MpGC_GetCount(count);
    assert_int_equal(count[0], 1);   /* a real GC allocation */
    live = Mp_GetLiveObjects();
    Mp_DECREF(t);
    /* Parked: dead for the live count, not uncounted by the collector. */
    assert_int_equal(mp_tuple_freelist_count(3), 1);
    assert_int_equal(Mp_GetLiveObjects(), live - 1);
    MpGC_GetCount(count);
    assert_int_equal(count[0], 1);
    t2 = int_tuple(3);
    assert_ptr_equal(t2, t);        /* the same block, reused */
    assert_int_equal(mp_tuple_freelist_count(3), 0);
    assert_int_equal(Mp_GetLiveObjects(), live);
    MpGC_GetCount(count);
    assert_int_equal(count[0], 1);   /* reuse is not counted */
    assert_true(MpObject_GC_IsTracked(t2));
    Mp_DECREF(t2);
    /* At most 2000 per length. */
    {
        MpObject *many = MpList_New(0);
        long i;
        for (i = 0; i < 2100; i++)
            mp_list_append_take(many, int_tuple(2));
        parked = mp_tuple_freelist_count(2);
        Mp_DECREF(many);
        assert_int_equal(mp_tuple_freelist_count(2),
                         MP_MIN(parked + 2100, 2000));
    }
    /* Length 21 is never parked. */
    t = int_tuple(21);
    Mp_DECREF(t);
    assert_int_equal(mp_tuple_freelist_count(21), 0);
    /* A full collection empties it. */
    MpGC_Collect();
    assert_int_equal(mp_tuple_freelist_count(2), 0);
    assert_int_equal(mp_tuple_freelist_count(3), 0);
}

static void
test_maybe_untrack(void **state)
{
    MpObject *inner, *outer, *l, *withlist;

    (void)state;
#ifdef MP_DEBUG_STRESS_GC
    skip();     /* collections at every allocation untrack early */
#endif
    inner = int_tuple(2);
    l = MpList_New(0);
    outer = MpTuple_Pack(2, inner, Mp_None);
    withlist = MpTuple_Pack(1, l);
    assert_true(MpObject_GC_IsTracked(outer));
    mp_tuple_maybe_untrack(outer);          /* inner still tracked */
    assert_true(MpObject_GC_IsTracked(outer));
    mp_tuple_maybe_untrack(inner);
    assert_false(MpObject_GC_IsTracked(inner));
    mp_tuple_maybe_untrack(outer);          /* second pass */
    assert_false(MpObject_GC_IsTracked(outer));
    mp_tuple_maybe_untrack(withlist);
    assert_true(MpObject_GC_IsTracked(withlist));
    /* The collector does the same, one level per collection. */
    Mp_DECREF(outer);
    outer = MpTuple_Pack(2, pack2(I(5), I(6)), Mp_None);
    Mp_DECREF(MpTuple_GET_ITEM(outer, 0));   /* pack2 result now owned */
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(MpTuple_GET_ITEM(outer, 0)));
    assert_true(MpObject_GC_IsTracked(outer));
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(outer));
    assert_true(MpObject_GC_IsTracked(withlist));
    Mp_DECREF(outer);
    Mp_DECREF(withlist);
    Mp_DECREF(inner);
    Mp_DECREF(l);
}

static long fail_countdown;

static int
fail_kth(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return fail_countdown-- == 0;
}

static void
test_fault_injection(void **state)
{
    MpObject *items[30], *l;
    long k, i;
    int ok = 0;

    (void)state;
    MpGC_Collect();     /* no parked tuples: allocations really happen */
    for (i = 0; i < 30; i++)
        items[i] = I(i + 1000);
    l = mp_list_from_array_steal(items, 0);
    for (k = 0; !ok; k++) {
        MpObject *t, *t2, *t3;
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        t = mp_tuple_from_array(items, 30);
        t2 = t ? MpTuple_Pack(3, items[0], items[1], items[2]) : NULL;
        t3 = t2 ? MpList_AsTuple(l) : NULL;
        MpAlloc_SetFailHook(NULL, NULL);
        if (t3 == NULL) {
            mp_assert_raised(MpExc_MemoryError);
        }
        else {
            ok = fail_countdown >= 0;
        }
        Mp_XDECREF(t);
        Mp_XDECREF(t2);
        Mp_XDECREF(t3);
        for (i = 0; i < 30; i++)
            assert_int_equal(Mp_REFCNT(items[i]), 1);
        MpGC_Collect();
    }
    assert_true(k > 1);
    for (i = 0; i < 30; i++)
        Mp_DECREF(items[i]);
    Mp_DECREF(l);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_sizes_and_empty),
        MP_TEST(test_hash_values),
        MP_TEST(test_hash_deep),
        MP_TEST(test_unhashable_item),
        MP_TEST(test_c_api_errors),
        MP_TEST(test_repr),
        MP_TEST(test_compare_concat_repeat),
        MP_TEST(test_subscript_and_slices),
        MP_TEST(test_methods_and_constructor),
        MP_TEST(test_free_list),
        MP_TEST(test_maybe_untrack),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
