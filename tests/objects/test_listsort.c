/*
 * test_listsort.c -- list.sort (objects/listsort.c): results, stability,
 * key and reverse against CPython 3.11 (container_cases.h), adversarial
 * inputs checked for order and stability, errors raised by comparisons,
 * and mutation of the list while it is being sorted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/harness.h"
#include "include/internal/mp_core.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
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

/* l.sort(key=key, reverse=reverse) through the method (keywords). */
static int
sort_method(MpObject *l, MpObject *key, int reverse)
{
    MpObject *meth, *args, *kwargs, *r;

    meth = MpObject_GetAttrString(l, "sort");
    assert_non_null(meth);
    args = MpTuple_New(0);
    kwargs = MpDict_New();
    if (key != NULL)
        MpDict_SetItemString(kwargs, "key", key);
    if (reverse)
        MpDict_SetItemString(kwargs, "reverse", Mp_True);
    r = MpObject_Call(meth, args, kwargs);
    Mp_DECREF(meth);
    Mp_DECREF(args);
    Mp_DECREF(kwargs);
    if (r == NULL)
        return -1;
    Mp_DECREF(r);
    return 0;
}

/* ---- Key functions written in C ---- */

/* key(t) = t[0] for (key, index) tuples. */
static MpObject *
key_first(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    assert_int_equal(nargs, 1);
    return Mp_NewRef(MpTuple_GET_ITEM(args[0], 0));
}

/* key(t) = t[0] % 7 */
static MpObject *
key_mod7(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)nargs;
    return MpLong_FromLong(MpLong_AsLong(MpTuple_GET_ITEM(args[0], 0)) % 7);
}

static MpObject *mutate_target;
static long key_calls;

/* A key function that appends to the list being sorted. */
static MpObject *
key_mutating(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)nargs;
    key_calls++;
    if (MpList_Append(mutate_target, args[0]) < 0)
        return NULL;
    return Mp_NewRef(args[0]);
}

/* A key function that fails on the 5th call. */
static MpObject *
key_failing(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)nargs;
    if (++key_calls == 5) {
        MpErr_SetString(MpExc_ValueError, "key failed");
        return NULL;
    }
    return Mp_NewRef(args[0]);
}

/* ---- A comparable object that can fail or mutate ---- */

typedef struct {
    MpObject_HEAD
    long value;
} CmpObject;

static long cmp_count, cmp_fail_at = -1;
static MpObject *cmp_mutate;

static MpObject *
cmp_richcompare(MpObject *a, MpObject *b, int op)
{
    long x = ((CmpObject *)a)->value, y = ((CmpObject *)b)->value;

    if (op != Mp_LT)
        Mp_RETURN_NOTIMPLEMENTED;
    if (++cmp_count == cmp_fail_at) {
        MpErr_SetString(MpExc_RuntimeError, "comparison failed");
        return NULL;
    }
    if (cmp_mutate != NULL && cmp_count == 3) {
        if (MpList_Append(cmp_mutate, a) < 0)
            return NULL;
    }
    return Mp_NewRef(x < y ? Mp_True : Mp_False);
}

static void
cmp_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpTypeObject Cmp_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test.Cmp",
    .tp_basicsize = sizeof(CmpObject),
    .tp_dealloc = cmp_dealloc,
    .tp_richcompare = cmp_richcompare,
};

static MpObject *
cmp_list(long n, unsigned seed)
{
    MpObject *l = MpList_New(0);
    long i;

    assert_int_equal(MpType_Ready(&Cmp_Type), 0);
    srand(seed);
    for (i = 0; i < n; i++) {
        CmpObject *c = MpObject_New(CmpObject, &Cmp_Type);
        c->value = rand() % 1000;
        mp_list_append_take(l, (MpObject *)c);
    }
    return l;
}

/* ---- Checks ---- */

/* l holds (key, index) tuples: sorted by key (or by key % 7), stable. */
static void
check_sorted_stable(MpObject *l, int mod7, int reverse)
{
    Mp_ssize_t i;

    for (i = 1; i < MpList_GET_SIZE(l); i++) {
        MpObject *prev = MpList_GET_ITEM(l, i - 1);
        MpObject *cur = MpList_GET_ITEM(l, i);
        long k0 = MpLong_AsLong(MpTuple_GET_ITEM(prev, 0));
        long k1 = MpLong_AsLong(MpTuple_GET_ITEM(cur, 0));
        long i0 = MpLong_AsLong(MpTuple_GET_ITEM(prev, 1));
        long i1 = MpLong_AsLong(MpTuple_GET_ITEM(cur, 1));
        if (mod7) {
            k0 %= 7;
            k1 %= 7;
        }
        if (reverse)
            assert_true(k0 >= k1);
        else
            assert_true(k0 <= k1);
        if (k0 == k1)
            assert_true(i0 < i1);
    }
}

static MpObject *
pairs(const int *keys, long n)
{
    MpObject *l = MpList_New(0);
    long i;

    for (i = 0; i < n; i++) {
        MpObject *k = I(keys[i]), *idx = I(i);
        mp_list_append_take(l, MpTuple_Pack(2, k, idx));
        Mp_DECREF(k);
        Mp_DECREF(idx);
    }
    return l;
}

static void
check_order(MpObject *l, const int *order, long n)
{
    long i;

    for (i = 0; i < n; i++) {
        MpObject *t = MpList_GET_ITEM(l, i);
        assert_int_equal(MpLong_AsLong(MpTuple_GET_ITEM(t, 1)), order[i]);
    }
}

/* ---- Tests ---- */

static void
test_against_cpython(void **state)
{
    MpObject *l, *kf = MpCFunction_New("key_first", key_first,
                                       MP_METH_FASTCALL);
    MpObject *km = MpCFunction_New("key_mod7", key_mod7, MP_METH_FASTCALL);

    (void)state;
    /* Sorting (key, index) tuples by the whole tuple gives key order with
     * ties broken by index, whatever the stability. */
    l = pairs(sort_plain_data, SORT_N);
    assert_int_equal(MpList_Sort(l), 0);
    check_order(l, sort_plain_order, SORT_N);
    Mp_DECREF(l);
    l = pairs(sort_plain_data, SORT_N);
    assert_int_equal(sort_method(l, kf, 0), 0);
    check_order(l, sort_plain_order, SORT_N);
    check_sorted_stable(l, 0, 0);
    Mp_DECREF(l);
    l = pairs(sort_rev_data, SORT_N);
    assert_int_equal(sort_method(l, kf, 1), 0);
    check_order(l, sort_rev_order, SORT_N);
    check_sorted_stable(l, 0, 1);
    Mp_DECREF(l);
    l = pairs(sort_key_data, SORT_N);
    assert_int_equal(sort_method(l, km, 0), 0);
    check_order(l, sort_key_order, SORT_N);
    check_sorted_stable(l, 1, 0);
    Mp_DECREF(l);
    l = pairs(sort_key_rev_data, SORT_N);
    assert_int_equal(sort_method(l, km, 1), 0);
    check_order(l, sort_key_rev_order, SORT_N);
    check_sorted_stable(l, 1, 1);
    Mp_DECREF(l);
    Mp_DECREF(kf);
    Mp_DECREF(km);
}

/* Keys for pattern p at position i of n. */
static int
pattern_key(int p, long i, long n)
{
    switch (p) {
    case 0: return (int)i;                       /* sorted */
    case 1: return (int)(n - i);                 /* reversed */
    case 2: return (int)(i % 37);                /* sawtooth */
    case 3: return (int)(i % 3);                 /* many duplicates */
    case 4: return 5;                            /* all equal */
    case 5: return (int)((i * 7919) % 1009);     /* scattered */
    case 6: return (int)(i < n / 2 ? i : n - i); /* organ pipe */
    case 7: return (int)((i / 64) % 2 ? n - i : i); /* alternating runs */
    default: return (int)(i % 2 ? i : -i);
    }
}

static void
test_adversarial_patterns(void **state)
{
    static const long sizes[] = {0, 1, 2, 3, 31, 64, 65, 257, 1000, 5003};
    MpObject *kf = MpCFunction_New("key_first", key_first, MP_METH_FASTCALL);
    size_t s;
    int p;

    (void)state;
    for (s = 0; s < MP_ARRAY_LENGTH(sizes); s++) {
        for (p = 0; p < 9; p++) {
            long n = sizes[s], i;
            int *keys = malloc(sizeof(int) * (size_t)(n + 1));
            MpObject *l;
            for (i = 0; i < n; i++)
                keys[i] = pattern_key(p, i, n);
            l = pairs(keys, n);
            assert_int_equal(sort_method(l, kf, 0), 0);
            assert_int_equal(MpList_GET_SIZE(l), n);
            check_sorted_stable(l, 0, 0);
            Mp_DECREF(l);
            l = pairs(keys, n);
            assert_int_equal(sort_method(l, kf, 1), 0);
            check_sorted_stable(l, 0, 1);
            Mp_DECREF(l);
            free(keys);
        }
    }
    Mp_DECREF(kf);
}

/* (key, index) pairs sorted by key: the exact order CPython gives. */
static void
check_typed_sort(MpObject **keys, long n, const int *order)
{
    MpObject *l = MpList_New(0), *kf;
    long i;

    kf = MpCFunction_New("key_first", key_first, MP_METH_FASTCALL);
    for (i = 0; i < n; i++) {
        MpObject *idx = I(i);
        mp_list_append_take(l, MpTuple_Pack(2, keys[i], idx));
        Mp_DECREF(idx);
        Mp_DECREF(keys[i]);
    }
    assert_int_equal(sort_method(l, kf, 0), 0);
    check_order(l, order, n);
    Mp_DECREF(kf);
    Mp_DECREF(l);
}

static void
test_typed_keys_against_cpython(void **state)
{
    MpObject *keys[SORT_FLOAT_N + SORT_INT_N + SORT_STR_N];
    long i;

    (void)state;
    for (i = 0; i < SORT_STR_N; i++)
        keys[i] = MpUnicode_FromString(sort_str_data[i]);
    check_typed_sort(keys, SORT_STR_N, sort_str_order);
    /* Floats, NaNs and signed zeros included: same algorithm, same
     * order. */
    for (i = 0; i < SORT_FLOAT_N; i++)
        keys[i] = MpFloat_FromDouble(sort_float_data[i]);
    check_typed_sort(keys, SORT_FLOAT_N, sort_float_order);
    /* Ints, some too big for the fast comparison. */
    for (i = 0; i < SORT_INT_N; i++)
        keys[i] = MpLong_FromLongLong(sort_int_data[i]);
    check_typed_sort(keys, SORT_INT_N, sort_int_order);
    /* Only small ints: the fast comparison. */
    for (i = 0; i < SORT_INT_N; i++)
        keys[i] = MpLong_FromLongLong(sort_int_data[i] % 1000);
    {
        MpObject *l = MpList_New(0);
        for (i = 0; i < SORT_INT_N; i++)
            mp_list_append_take(l, keys[i]);
        assert_int_equal(MpList_Sort(l), 0);
        for (i = 1; i < SORT_INT_N; i++)
            assert_true(MpLong_AsLong(MpList_GET_ITEM(l, i - 1))
                        <= MpLong_AsLong(MpList_GET_ITEM(l, i)));
        Mp_DECREF(l);
    }
}

static void
test_plain_ints_and_strs(void **state)
{
    MpObject *l = MpList_New(0), *r;
    long i;
    const char *words[] = {"pear", "apple", "fig", "banana", "apple", "date"};

    (void)state;
    srand(7);
    for (i = 0; i < 2000; i++)
        mp_list_append_take(l, I(rand() % 500 - 250));
    assert_int_equal(MpList_Sort(l), 0);
    for (i = 1; i < 2000; i++)
        assert_true(MpLong_AsLong(MpList_GET_ITEM(l, i - 1))
                    <= MpLong_AsLong(MpList_GET_ITEM(l, i)));
    Mp_DECREF(l);
    l = MpList_New(0);
    for (i = 0; i < 6; i++)
        mp_list_append_take(l, MpUnicode_FromString(words[i]));
    assert_int_equal(MpList_Sort(l), 0);
    r = MpObject_Repr(l);
    assert_string_equal(MpUnicode_AsUTF8(r),
                        "['apple', 'apple', 'banana', 'date', 'fig', "
                        "'pear']");
    Mp_DECREF(r);
    Mp_DECREF(l);
}

static void
test_mutation_detected(void **state)
{
    MpObject *l = MpList_New(0), *km, *r;
    long i;

    (void)state;
    for (i = 0; i < 10; i++)
        mp_list_append_take(l, I(9 - i));
    km = MpCFunction_New("key_mutating", key_mutating, MP_METH_FASTCALL);
    mutate_target = l;
    key_calls = 0;
    assert_int_equal(sort_method(l, km, 0), -1);
    check_exc(MpExc_ValueError, "list modified during sort");
    assert_int_equal(key_calls, 10);
    /* The list keeps its items (sorted); the additions are dropped. */
    assert_int_equal(MpList_GET_SIZE(l), 10);
    r = MpObject_Repr(l);
    assert_string_equal(MpUnicode_AsUTF8(r),
                        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    Mp_DECREF(r);
    mutate_target = NULL;
    Mp_DECREF(km);
    Mp_DECREF(l);
    /* A comparison that appends. */
    l = cmp_list(50, 3);
    cmp_mutate = l;
    cmp_count = 0;
    assert_int_equal(MpList_Sort(l), -1);
    check_exc(MpExc_ValueError, "list modified during sort");
    assert_int_equal(MpList_GET_SIZE(l), 50);
    cmp_mutate = NULL;
    Mp_DECREF(l);
}

/* Sum of the values: a permutation keeps it. */
static long
cmp_sum(MpObject *l)
{
    long s = 0;
    Mp_ssize_t i;

    for (i = 0; i < MpList_GET_SIZE(l); i++)
        s += ((CmpObject *)MpList_GET_ITEM(l, i))->value;
    return s;
}

static void
test_comparison_errors(void **state)
{
    long fail, sum;

    (void)state;
    for (fail = 1; fail < 3000; fail += 37) {
        MpObject *l = cmp_list(300, 11);
        sum = cmp_sum(l);
        cmp_count = 0;
        cmp_fail_at = fail;
        if (MpList_Sort(l) < 0)
            check_exc(MpExc_RuntimeError, "comparison failed");
        assert_int_equal(MpList_GET_SIZE(l), 300);
        assert_int_equal(cmp_sum(l), sum);
        Mp_DECREF(l);
    }
    cmp_fail_at = -1;
    {
        MpObject *l = cmp_list(100, 5), *kf;
        kf = MpCFunction_New("key_failing", key_failing, MP_METH_FASTCALL);
        key_calls = 0;
        assert_int_equal(sort_method(l, kf, 0), -1);
        check_exc(MpExc_ValueError, "key failed");
        assert_int_equal(MpList_GET_SIZE(l), 100);
        Mp_DECREF(kf);
        Mp_DECREF(l);
    }
}

static void
test_argument_errors(void **state)
{
    MpObject *l = MpList_New(0), *meth, *args, *kwargs, *r, *one = I(1);
    MpObject *s = MpUnicode_FromString("x");

    (void)state;
    meth = MpObject_GetAttrString(l, "sort");
    args = MpTuple_New(0);
    kwargs = MpDict_New();
    MpDict_SetItemString(kwargs, "foo", one);
    r = MpObject_Call(meth, args, kwargs);
    assert_null(r);
    check_exc(MpExc_TypeError, "'foo' is an invalid keyword argument for "
              "sort()");
    MpDict_Clear(kwargs);
    MpDict_SetItemString(kwargs, "reverse", s);
    r = MpObject_Call(meth, args, kwargs);
    assert_null(r);
    check_exc(MpExc_TypeError, "'str' object cannot be interpreted as an "
              "integer");
    Mp_DECREF(args);
    args = MpTuple_Pack(1, one);
    r = MpObject_Call(meth, args, NULL);
    assert_null(r);
    check_exc(MpExc_TypeError, "sort() takes no positional arguments");
    /* A non-callable key fails only when there is something to sort. */
    MpList_Append(l, one);
    MpDict_Clear(kwargs);
    MpDict_SetItemString(kwargs, "key", one);
    Mp_DECREF(args);
    args = MpTuple_New(0);
    r = MpObject_Call(meth, args, kwargs);
    assert_null(r);
    check_exc(MpExc_TypeError, "'int' object is not callable");
    Mp_DECREF(args);
    Mp_DECREF(kwargs);
    Mp_DECREF(meth);
    Mp_DECREF(one);
    Mp_DECREF(s);
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

/* The merge memory and the key array can fail: MemoryError, and the list
 * still holds a permutation of its items. */
static void
test_fault_injection(void **state)
{
    MpObject *kf = MpCFunction_New("key_first", key_first, MP_METH_FASTCALL);
    long k;
    int done = 0;

    (void)state;
    for (k = 0; !done; k++) {
        MpObject *l = cmp_list(3000, 17), *pl;
        long sum = cmp_sum(l);
        int rc;
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        rc = MpList_Sort(l);
        MpAlloc_SetFailHook(NULL, NULL);
        if (rc < 0)
            mp_assert_raised(MpExc_MemoryError);
        else
            done = fail_countdown >= 0;
        assert_int_equal(MpList_GET_SIZE(l), 3000);
        assert_int_equal(cmp_sum(l), sum);
        Mp_DECREF(l);
        /* With a key function (keys array, paired merge memory). */
        pl = pairs(sort_plain_data, SORT_N);
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        rc = mp_list_sort_impl(MpList_CAST(pl), kf, 1);
        MpAlloc_SetFailHook(NULL, NULL);
        if (rc < 0) {
            mp_assert_raised(MpExc_MemoryError);
            done = 0;
        }
        assert_int_equal(MpList_GET_SIZE(pl), SORT_N);
        Mp_DECREF(pl);
    }
    assert_true(k > 1);
    Mp_DECREF(kf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_against_cpython),
        MP_TEST(test_adversarial_patterns),
        MP_TEST(test_plain_ints_and_strs),
        MP_TEST(test_typed_keys_against_cpython),
        MP_TEST(test_mutation_detected),
        MP_TEST(test_comparison_errors),
        MP_TEST(test_argument_errors),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
