/*
 * test_iterobject.c -- the sequence iterator (iter() of an object with
 * only __getitem__) and the callable iterator (iter(callable, sentinel)):
 * items, exhaustion that sticks, __length_hint__, errors passing through,
 * cycles, and allocation failures.
 */
#include <string.h>

#include "support/harness.h"
#include "objects/iterobject.h"

/* ---- A C sequence type with sq_item and sq_length only ---- */

static Mp_ssize_t fail_at = -1;

static Mp_ssize_t
seq_length(MpObject *self)
{
    (void)self;
    return 3;
}

/* seq[i] = 10 * i for i < 3; IndexError after; KeyError at fail_at. */
static MpObject *
seq_item(MpObject *self, Mp_ssize_t i)
{
    (void)self;
    if (i == fail_at) {
        MpErr_SetString(MpExc_KeyError, "seven");
        return NULL;
    }
    if (i >= 3) {
        MpErr_SetString(MpExc_IndexError, "seq index out of range");
        return NULL;
    }
    return MpLong_FromSsize_t(10 * i);
}

static void
seq_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpSequenceMethods seq_as_sequence = {
    .sq_length = seq_length,
    .sq_item = seq_item,
};

static MpTypeObject seq_type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Seq3",
    .tp_basicsize = sizeof(MpObject),
    .tp_dealloc = seq_dealloc,
    .tp_as_sequence = &seq_as_sequence,
    .tp_flags = MP_TPFLAGS_DEFAULT,
};

/* A type with only mp_subscript: m[k] = 2 * k for k < 2. */
static MpObject *
nolen_subscript(MpObject *self, MpObject *key)
{
    long k = MpLong_AsLong(key);

    (void)self;
    if (k >= 2) {
        MpErr_SetString(MpExc_IndexError, "nolen index out of range");
        return NULL;
    }
    return MpLong_FromLong(2 * k);
}

static MpMappingMethods nolen_as_mapping = {
    .mp_subscript = nolen_subscript,
};

static MpTypeObject nolen_type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "NoLen",
    .tp_basicsize = sizeof(MpObject),
    .tp_dealloc = seq_dealloc,
    .tp_as_mapping = &nolen_as_mapping,
    .tp_flags = MP_TPFLAGS_DEFAULT,
};

static MpObject *
new_seq(void)
{
    assert_int_equal(MpType_Ready(&seq_type), 0);
    return MpObject_NewFromType(&seq_type);
}

static long
hint(MpObject *it)
{
    MpObject *h = MpObject_CallMethod(it, "__length_hint__", NULL, 0);
    long v;

    assert_non_null(h);
    v = MpLong_AsLong(h);
    Mp_DECREF(h);
    return v;
}

static void
test_seqiter_items(void **state)
{
    MpObject *seq = new_seq(), *it, *item;
    long i;

    (void)state;
    it = MpObject_GetIter(seq);          /* no tp_iter: the seq iterator */
    assert_non_null(it);
    assert_string_equal(Mp_TYPE(it)->tp_name, "iterator");
    assert_true(MpObject_GC_IsTracked(it));
    assert_int_equal(MpObject_GetSizeOf(it), 48);
    for (i = 0; i < 3; i++) {
        assert_int_equal(hint(it), 3 - i);
        item = MpIter_Next(it);
        assert_int_equal(MpLong_AsLong(item), 10 * i);
        Mp_DECREF(item);
    }
    assert_int_equal(hint(it), 0);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    /* Exhausted for good: the sequence was dropped. */
    assert_int_equal(Mp_REFCNT(seq), 1);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    assert_int_equal(hint(it), 0);
    Mp_DECREF(it);
    Mp_DECREF(seq);
}

static void
test_seqiter_direct(void **state)
{
    MpObject *t = MpTuple_Pack(2, Mp_None, Mp_True), *it, *item;

    (void)state;
    it = mp_seqiter_new(t);
    assert_int_equal(hint(it), 2);
    item = MpIter_Next(it);
    assert_ptr_equal(item, Mp_None);
    Mp_DECREF(item);
    item = MpIter_Next(it);
    assert_ptr_equal(item, Mp_True);
    Mp_DECREF(item);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    Mp_DECREF(t);
}

/* Without a len(), __length_hint__ is NotImplemented; items still come
 * through __getitem__ (the mapping slot here). */
static void
test_seqiter_no_len(void **state)
{
    MpObject *m, *it, *h, *item;

    (void)state;
    assert_int_equal(MpType_Ready(&nolen_type), 0);
    m = MpObject_NewFromType(&nolen_type);
    it = mp_seqiter_new(m);
    h = MpObject_CallMethod(it, "__length_hint__", NULL, 0);
    assert_ptr_equal(h, Mp_NotImplemented);
    Mp_DECREF(h);
    item = MpIter_Next(it);
    assert_int_equal(MpLong_AsLong(item), 0);
    Mp_DECREF(item);
    item = MpIter_Next(it);
    assert_int_equal(MpLong_AsLong(item), 2);
    Mp_DECREF(item);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    assert_int_equal(hint(it), 0);
    Mp_DECREF(it);
    Mp_DECREF(m);
}

/* Errors other than IndexError/StopIteration pass through, and the
 * iterator is not exhausted by them. */
static void
test_seqiter_error(void **state)
{
    MpObject *seq = new_seq(), *it, *item;

    (void)state;
    it = mp_seqiter_new(seq);
    fail_at = 1;
    item = MpIter_Next(it);
    assert_int_equal(MpLong_AsLong(item), 0);
    Mp_DECREF(item);
    assert_null(MpIter_Next(it));
    mp_assert_raised(MpExc_KeyError);
    fail_at = -1;
    item = MpIter_Next(it);            /* the same index again */
    assert_int_equal(MpLong_AsLong(item), 10);
    Mp_DECREF(item);
    item = MpIter_Next(it);
    assert_int_equal(MpLong_AsLong(item), 20);
    Mp_DECREF(item);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    Mp_DECREF(seq);
}

static int counter;

static MpObject *
counter_fn(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    counter++;
    if (counter == 100) {
        MpErr_SetString(MpExc_StopIteration, "");
        return NULL;
    }
    if (counter == 200) {
        MpErr_SetString(MpExc_RuntimeError, "boom");
        return NULL;
    }
    return MpLong_FromLong(counter);
}

static void
test_calliter_sentinel(void **state)
{
    MpObject *fn = MpCFunction_New("counter", counter_fn, MP_METH_FASTCALL);
    MpObject *four = MpLong_FromLong(4), *it, *item;
    long i;

    (void)state;
    counter = 0;
    it = mp_calliter_new(fn, four);
    assert_string_equal(Mp_TYPE(it)->tp_name, "callable_iterator");
    assert_true(MpObject_GC_IsTracked(it));
    assert_int_equal(MpObject_GetSizeOf(it), 48);
    for (i = 1; i <= 3; i++) {
        item = MpIter_Next(it);
        assert_int_equal(MpLong_AsLong(item), i);
        Mp_DECREF(item);
    }
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    assert_int_equal(counter, 4);
    /* Exhausted: the callable is not called again and was released. */
    assert_null(MpIter_Next(it));
    assert_int_equal(counter, 4);
    assert_int_equal(Mp_REFCNT(fn), 1);
    Mp_DECREF(it);
    Mp_DECREF(fn);
    Mp_DECREF(four);
}

static void
test_calliter_stop_and_error(void **state)
{
    MpObject *fn = MpCFunction_New("counter", counter_fn, MP_METH_FASTCALL);
    MpObject *never = MpUnicode_FromString("never"), *it, *item;

    (void)state;
    counter = 98;
    it = mp_calliter_new(fn, never);
    item = MpIter_Next(it);
    assert_int_equal(MpLong_AsLong(item), 99);
    Mp_DECREF(item);
    assert_null(MpIter_Next(it));       /* StopIteration ends it */
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    counter = 199;
    it = mp_calliter_new(fn, never);
    assert_null(MpIter_Next(it));
    mp_assert_raised(MpExc_RuntimeError);
    item = MpIter_Next(it);            /* an error does not exhaust it */
    assert_int_equal(MpLong_AsLong(item), 201);
    Mp_DECREF(item);
    Mp_DECREF(it);
    Mp_DECREF(fn);
    Mp_DECREF(never);
}

/* A list holding its own iterator is a cycle the collector frees. */
static void
test_cycles(void **state)
{
    MpObject *l = MpList_New(0), *it = mp_seqiter_new(l);
    MpObject *l2 = MpList_New(0), *it2 = mp_calliter_new(l2, l2);

    (void)state;
    MpList_Append(l, it);
    MpList_Append(l2, it2);
    Mp_DECREF(it);
    Mp_DECREF(l);
    Mp_DECREF(it2);
    Mp_DECREF(l2);
    assert_true(MpGC_Collect() >= 4);
}

typedef struct {
    int countdown;
    int failed;
} fail_state;

static int
fail_kth(size_t size, void *arg)
{
    fail_state *fs = arg;

    (void)size;
    if (fs->countdown-- == 0) {
        fs->failed = 1;
        return 1;
    }
    return 0;
}

static void
test_fault_injection(void **state)
{
    MpObject *t = MpTuple_Pack(1, Mp_None), *it;
    fail_state fs = {0, 0};

    (void)state;
    MpAlloc_SetFailHook(fail_kth, &fs);
    it = mp_seqiter_new(t);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_null(it);
    mp_assert_raised(MpExc_MemoryError);
    fs.countdown = 0;
    MpAlloc_SetFailHook(fail_kth, &fs);
    it = mp_calliter_new(t, t);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_null(it);
    mp_assert_raised(MpExc_MemoryError);
    assert_int_equal(Mp_REFCNT(t), 1);
    Mp_DECREF(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_seqiter_items),
        MP_TEST(test_seqiter_direct),
        MP_TEST(test_seqiter_error),
        MP_TEST(test_seqiter_no_len),
        MP_TEST(test_calliter_sentinel),
        MP_TEST(test_calliter_stop_and_error),
        MP_TEST(test_cycles),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
