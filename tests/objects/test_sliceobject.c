/*
 * test_sliceobject.c -- slice objects: indices() and MpSlice_GetIndicesEx
 * against CPython 3.11's slice.indices (gen_float_cases.py), repr,
 * comparison, hashing, the constructor's errors, Ellipsis, and
 * allocation failures.
 */
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "objects/sliceobject.h"
#include "float_cases.h"

static void
check_exc(const char *type_name, const char *msg)
{
    MpObject *exc = MpErr_GetRaisedException(), *s;

    assert_non_null(exc);
    assert_string_equal(Mp_TYPE(exc)->tp_name, type_name);
    s = MpObject_Str(exc);
    assert_string_equal(MpUnicode_AsUTF8(s), msg);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

static void
check_str(MpObject *o, const char *expected)
{
    assert_non_null(o);
    assert_string_equal(MpUnicode_AsUTF8(o), expected);
    Mp_DECREF(o);
}

static MpObject *
bound(const char *text)
{
    return text == NULL ? NULL : MpLong_FromString(text, NULL, 10);
}

/* Decimal text of an int object, compared with 'expected'. */
static void
check_int(MpObject *o, const char *expected)
{
    check_str(MpObject_Repr(o), expected);
}

static void
test_indices_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(slice_cases); i++) {
        MpObject *a = bound(slice_cases[i].start);
        MpObject *b = bound(slice_cases[i].stop);
        MpObject *c = bound(slice_cases[i].step);
        MpObject *s = MpSlice_New(a, b, c);
        MpObject *len = MpLong_FromLong(slice_cases[i].length), *t;
        Mp_ssize_t start, stop, step, n;

        assert_non_null(s);
        t = MpObject_CallMethod(s, "indices", &len, 1);
        if (slice_cases[i].exc == NULL) {
            assert_non_null(t);
            check_int(MpTuple_GetItem(t, 0), slice_cases[i].r_start);
            check_int(MpTuple_GetItem(t, 1), slice_cases[i].r_stop);
            check_int(MpTuple_GetItem(t, 2), slice_cases[i].r_step);
            Mp_DECREF(t);
        }
        else {
            assert_null(t);
            check_exc(slice_cases[i].exc, slice_cases[i].msg);
        }
        n = MpSlice_GetIndicesEx(s, slice_cases[i].length, &start, &stop,
                                 &step);
        if (slice_cases[i].exc == NULL) {
            /* The clamped C version agrees on bounds and length. */
            assert_int_equal(n, slice_cases[i].r_len);
            assert_int_equal(start, atol(slice_cases[i].r_start));
            assert_int_equal(stop, atol(slice_cases[i].r_stop));
        }
        else {
            assert_int_equal(n, -1);
            check_exc(slice_cases[i].exc, slice_cases[i].msg);
        }
        Mp_XDECREF(a);
        Mp_XDECREF(b);
        Mp_XDECREF(c);
        Mp_DECREF(len);
        Mp_DECREF(s);
    }
}

static void
test_indices_errors(void **state)
{
    MpObject *s = MpSlice_New(NULL, NULL, NULL), *t, *arg;
    MpObject *str = MpUnicode_FromString("a"), *bad;
    Mp_ssize_t a, b, c;

    (void)state;
    arg = MpLong_FromLong(-1);
    assert_null(MpObject_CallMethod(s, "indices", &arg, 1));
    check_exc("ValueError", "length should not be negative");
    Mp_DECREF(arg);
    arg = MpLong_FromString("1000000000000000000000000000000", NULL, 10);
    t = MpObject_CallMethod(s, "indices", &arg, 1);
    check_str(MpObject_Repr(t), "(0, 1000000000000000000000000000000, 1)");
    Mp_DECREF(t);
    Mp_DECREF(arg);
    bad = MpSlice_New(str, NULL, NULL);
    assert_int_equal(MpSlice_GetIndicesEx(bad, 5, &a, &b, &c), -1);
    check_exc("TypeError", "slice indices must be integers or None or "
              "have an __index__ method");
    arg = MpLong_FromLong(5);
    assert_null(MpObject_CallMethod(bad, "indices", &arg, 1));
    check_exc("TypeError", "slice indices must be integers or None or "
              "have an __index__ method");
    Mp_DECREF(arg);
    Mp_DECREF(bad);
    Mp_DECREF(str);
    Mp_DECREF(s);
}

static void
test_repr_members(void **state)
{
    MpObject *one = MpLong_FromLong(1), *two = MpLong_FromLong(2);
    MpObject *s = MpSlice_New(one, two, NULL), *attr;

    (void)state;
    check_str(MpObject_Repr(s), "slice(1, 2, None)");
    attr = MpObject_GetAttrString(s, "start");
    assert_ptr_equal(attr, one);
    Mp_DECREF(attr);
    attr = MpObject_GetAttrString(s, "step");
    assert_ptr_equal(attr, Mp_None);
    Mp_DECREF(attr);
    assert_int_equal(MpObject_GetSizeOf(s), 56);
    assert_true(MpObject_GC_IsTracked(s));
    Mp_DECREF(s);
    Mp_DECREF(one);
    Mp_DECREF(two);
}

static void
test_compare_hash(void **state)
{
    MpObject *one = MpLong_FromLong(1), *two = MpLong_FromLong(2);
    MpObject *three = MpLong_FromLong(3);
    MpObject *a = MpSlice_New(one, two, NULL);
    MpObject *b = MpSlice_New(one, two, NULL);
    MpObject *c = MpSlice_New(one, three, NULL);

    (void)state;
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(a, c, Mp_EQ), 0);
    assert_int_equal(MpObject_RichCompareBool(a, c, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(c, a, Mp_LE), 0);
    assert_int_equal(MpObject_RichCompareBool(a, one, Mp_EQ), 0);
    assert_int_equal(MpObject_Hash(a), -1);
    check_exc("TypeError", "unhashable type: 'slice'");
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(c);
    Mp_DECREF(one);
    Mp_DECREF(two);
    Mp_DECREF(three);
}

static MpObject *
call_slice(MpObject *args, MpObject *kwargs)
{
    return MpObject_Call((MpObject *)&MpSlice_Type, args, kwargs);
}

static void
test_constructor(void **state)
{
    MpObject *one = MpLong_FromLong(1), *args, *r, *kw = MpDict_New();

    (void)state;
    args = MpTuple_New(0);
    assert_null(call_slice(args, NULL));
    check_exc("TypeError", "slice expected at least 1 argument, got 0");
    Mp_DECREF(args);
    args = MpTuple_Pack(4, one, one, one, one);
    assert_null(call_slice(args, NULL));
    check_exc("TypeError", "slice expected at most 3 arguments, got 4");
    Mp_DECREF(args);
    args = MpTuple_Pack(1, one);
    r = call_slice(args, NULL);
    check_str(MpObject_Repr(r), "slice(None, 1, None)");
    Mp_DECREF(r);
    MpDict_SetItemString(kw, "x", one);
    assert_null(call_slice(args, kw));
    check_exc("TypeError", "slice() takes no keyword arguments");
    Mp_DECREF(args);
    args = MpTuple_Pack(3, one, Mp_None, one);
    r = call_slice(args, NULL);
    check_str(MpObject_Repr(r), "slice(1, None, 1)");
    Mp_DECREF(r);
    Mp_DECREF(args);
    Mp_DECREF(kw);
    Mp_DECREF(one);
}

static void
test_ellipsis(void **state)
{
    MpObject *args = MpTuple_New(0), *r, *t;

    (void)state;
    check_str(MpObject_Repr(Mp_Ellipsis), "Ellipsis");
    t = MpObject_Type(Mp_Ellipsis);
    r = MpObject_Call(t, args, NULL);
    assert_ptr_equal(r, Mp_Ellipsis);
    Mp_DECREF(r);
    Mp_DECREF(t);
    Mp_DECREF(args);
    assert_string_equal(Mp_TYPE(Mp_Ellipsis)->tp_name, "ellipsis");
}

/* A slice can sit in a reference cycle; the collector frees it. */
static void
test_cycle(void **state)
{
    MpObject *l = MpList_New(0), *s = MpSlice_New(l, NULL, NULL);

    (void)state;
    MpList_Append(l, s);
    Mp_DECREF(s);
    Mp_DECREF(l);
    assert_true(MpGC_Collect() >= 2);
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
    MpObject *one = MpLong_FromLong(1), *s, *t, *len;
    MpObject *big = MpLong_FromString("-100000000000000000000000", NULL, 10);
    fail_state fs;
    int k;

    (void)state;
    fs.countdown = 0;
    fs.failed = 0;
    MpAlloc_SetFailHook(fail_kth, &fs);
    s = MpSlice_New(one, one, one);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_null(s);
    mp_assert_raised(MpExc_MemoryError);
    s = MpSlice_New(big, NULL, NULL);
    len = MpLong_FromString("10000000000000000000000000", NULL, 10);
    for (k = 0;; k++) {
        fs.countdown = k;
        fs.failed = 0;
        MpAlloc_SetFailHook(fail_kth, &fs);
        t = MpObject_CallMethod(s, "indices", &len, 1);
        MpAlloc_SetFailHook(NULL, NULL);
        if (!fs.failed) {
            check_str(MpObject_Repr(t),
                      "(9900000000000000000000000, "
                      "10000000000000000000000000, 1)");
            Mp_DECREF(t);
            break;
        }
        assert_null(t);
        mp_assert_raised(MpExc_MemoryError);
    }
    Mp_DECREF(len);
    Mp_DECREF(s);
    Mp_DECREF(big);
    Mp_DECREF(one);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_indices_table),
        MP_TEST(test_indices_errors),
        MP_TEST(test_repr_members),
        MP_TEST(test_compare_hash),
        MP_TEST(test_constructor),
        MP_TEST(test_ellipsis),
        MP_TEST(test_cycle),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
