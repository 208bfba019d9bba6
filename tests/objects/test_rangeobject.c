/*
 * test_rangeobject.c -- range: construction and its errors, repr, len,
 * indexing, membership, slicing, count/index, equality and hash,
 * iteration forwards and backwards (both iterator kinds), against values
 * from CPython 3.11 (gen_float_cases.py).
 */
#include <string.h>

#include "support/harness.h"
#include "objects/rangeobject.h"
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
check_repr(MpObject *o, const char *expected)
{
    MpObject *r;

    assert_non_null(o);
    r = MpObject_Repr(o);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
}

static MpObject *
call_range(MpObject *args, MpObject *kwargs)
{
    return MpObject_Call((MpObject *)&MpRange_Type, args, kwargs);
}

/* range(*ints) from decimal texts.  New. */
static MpObject *
make_range(int nargs, const char *const *texts)
{
    MpObject *args = MpTuple_New(nargs), *r;
    int i;

    for (i = 0; i < nargs; i++)
        MpTuple_SetItem(args, i, MpLong_FromString(texts[i], NULL, 10));
    r = call_range(args, NULL);
    Mp_DECREF(args);
    return r;
}

static MpObject *
long_from(const char *s)
{
    return MpLong_FromString(s, NULL, 10);
}

static void
test_range_table(void **state)
{
    static const long idx[4] = {0, 1, -1, 2};
    size_t i;
    int p;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(range_cases); i++) {
        MpObject *r = make_range(range_cases[i].nargs, range_cases[i].args);
        Mp_ssize_t len;

        check_repr(r, range_cases[i].repr);
        len = MpObject_Length(r);
        if (range_cases[i].length >= 0) {
            assert_int_equal(len, range_cases[i].length);
        }
        else {
            assert_int_equal(len, -1);
            check_exc("OverflowError",
                      "Python int too large to convert to C ssize_t");
        }
        for (p = 0; p < RANGE_PROBES; p++) {
            MpObject *x = long_from(range_cases[i].probes[p]);
            assert_int_equal(MpSequence_Contains(r, x),
                             range_cases[i].contains[p]);
            Mp_DECREF(x);
        }
        for (p = 0; p < 4; p++) {
            MpObject *k = MpLong_FromLong(idx[p]);
            MpObject *v = MpObject_GetItem(r, k);
            if (range_cases[i].items[p] == NULL) {
                assert_null(v);
                check_exc("IndexError", "range object index out of range");
            }
            else {
                check_repr(v, range_cases[i].items[p]);
                Mp_DECREF(v);
            }
            Mp_DECREF(k);
        }
        Mp_DECREF(r);
    }
}

/* Iterate r forwards and backwards and compare with r[i]. */
static void
check_iteration(MpObject *r, Mp_ssize_t n, const char *iter_type)
{
    MpObject *it = MpObject_GetIter(r), *rev, *item, *want, *k, *hint;
    Mp_ssize_t i;

    assert_string_equal(Mp_TYPE(it)->tp_name, iter_type);
    if (strcmp(iter_type, "range_iterator") == 0)
        assert_int_equal(MpObject_GetSizeOf(it), 48);
    assert_false(MpObject_IS_GC(it));
    rev = MpObject_CallMethod(r, "__reversed__", NULL, 0);
    assert_non_null(rev);
    for (i = 0; i < n; i++) {
        hint = MpObject_CallMethod(it, "__length_hint__", NULL, 0);
        assert_int_equal(MpLong_AsSsize_t(hint), n - i);
        Mp_DECREF(hint);
        item = MpIter_Next(it);
        k = MpLong_FromSsize_t(i);
        want = MpObject_GetItem(r, k);
        assert_int_equal(MpObject_RichCompareBool(item, want, Mp_EQ), 1);
        Mp_DECREF(item);
        Mp_DECREF(want);
        Mp_DECREF(k);
        item = MpIter_Next(rev);
        k = MpLong_FromSsize_t(n - 1 - i);
        want = MpObject_GetItem(r, k);
        assert_int_equal(MpObject_RichCompareBool(item, want, Mp_EQ), 1);
        Mp_DECREF(item);
        Mp_DECREF(want);
        Mp_DECREF(k);
    }
    assert_null(MpIter_Next(it));
    assert_null(MpIter_Next(rev));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    Mp_DECREF(rev);
}

static void
test_iteration(void **state)
{
    static const char *const small[3] = {"-7", "20", "3"};
    static const char *const down[3] = {"10", "-10", "-4"};
    static const char *const big[3] = {"18446744073709551616",
                                       "18446744073709551650", "5"};
    static const char *const edge[3] = {"9223372036854775800",
                                        "9223372036854775807", "2"};
    MpObject *r;

    (void)state;
    r = make_range(3, small);
    check_iteration(r, 9, "range_iterator");
    Mp_DECREF(r);
    r = make_range(3, down);
    check_iteration(r, 5, "range_iterator");
    Mp_DECREF(r);
    r = make_range(3, big);
    check_iteration(r, 7, "longrange_iterator");
    Mp_DECREF(r);
    r = make_range(3, edge);
    check_iteration(r, 4, "range_iterator");
    Mp_DECREF(r);
}

static void
test_slicing(void **state)
{
    static const char *const a[3] = {"0", "10", "2"};
    static const char *const b[2] = {"-5", "5"};
    MpObject *r = make_range(3, a), *r2 = make_range(2, b), *s, *v;
    MpObject *one = MpLong_FromLong(1), *three = MpLong_FromLong(3);
    MpObject *m1 = MpLong_FromLong(-1), *two = MpLong_FromLong(2);
    MpObject *hundred = MpLong_FromLong(100);

    (void)state;
    s = MpSlice_New(one, three, NULL);
    v = MpObject_GetItem(r, s);
    check_repr(v, "range(2, 6, 2)");
    Mp_DECREF(v);
    Mp_DECREF(s);
    s = MpSlice_New(NULL, NULL, m1);
    v = MpObject_GetItem(r, s);
    check_repr(v, "range(8, -2, -2)");
    Mp_DECREF(v);
    Mp_DECREF(s);
    s = MpSlice_New(three, hundred, two);
    v = MpObject_GetItem(r2, s);
    check_repr(v, "range(-2, 5, 2)");
    Mp_DECREF(v);
    Mp_DECREF(s);
    Mp_DECREF(r);
    Mp_DECREF(r2);
    Mp_DECREF(one);
    Mp_DECREF(three);
    Mp_DECREF(m1);
    Mp_DECREF(two);
    Mp_DECREF(hundred);
}

static void
test_count_index(void **state)
{
    static const char *const a[1] = {"3"};
    MpObject *r = make_range(1, a), *v, *one = MpLong_FromLong(1);
    MpObject *five = MpLong_FromLong(5), *s = MpUnicode_FromString("a");
    MpObject *f = MpFloat_FromDouble(2.0);

    (void)state;
    v = MpObject_CallMethod(r, "count", &one, 1);
    assert_int_equal(MpLong_AsLong(v), 1);
    Mp_DECREF(v);
    v = MpObject_CallMethod(r, "count", &f, 1);     /* 2.0 == 2 */
    assert_int_equal(MpLong_AsLong(v), 1);
    Mp_DECREF(v);
    v = MpObject_CallMethod(r, "index", &f, 1);
    assert_int_equal(MpLong_AsLong(v), 2);
    Mp_DECREF(v);
    assert_null(MpObject_CallMethod(r, "index", &five, 1));
    check_exc("ValueError", "5 is not in range");
    assert_null(MpObject_CallMethod(r, "index", &s, 1));
    check_exc("ValueError", "sequence.index(x): x not in sequence");
    assert_int_equal(MpSequence_Contains(r, f), 1);
    assert_int_equal(MpSequence_Contains(r, s), 0);
    Mp_DECREF(r);
    Mp_DECREF(one);
    Mp_DECREF(five);
    Mp_DECREF(s);
    Mp_DECREF(f);
}

static void
test_equality_hash(void **state)
{
    static const char *const e1[1] = {"0"};
    static const char *const e2[2] = {"5", "2"};
    static const char *const o1[3] = {"1", "2", "5"};
    static const char *const o2[3] = {"1", "3", "7"};
    static const char *const s1[3] = {"0", "10", "3"};
    static const char *const s2[3] = {"0", "11", "3"};
    static const char *const s3[3] = {"0", "10", "4"};
    MpObject *a = make_range(1, e1), *b = make_range(2, e2);
    MpObject *c = make_range(3, o1), *d = make_range(3, o2);
    MpObject *e = make_range(3, s1), *f = make_range(3, s2);
    MpObject *g = make_range(3, s3), *t, *one = MpLong_FromLong(1);
    MpObject *zero = MpLong_FromLong(0);

    (void)state;
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(c, d, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(e, f, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(e, g, Mp_EQ), 0);
    assert_int_equal(MpObject_RichCompareBool(e, g, Mp_NE), 1);
    assert_int_equal(MpObject_Hash(a), MpObject_Hash(b));
    assert_int_equal(MpObject_Hash(c), MpObject_Hash(d));
    assert_int_equal(MpObject_Hash(e), MpObject_Hash(f));
    t = MpTuple_Pack(3, zero, Mp_None, Mp_None);
    assert_int_equal(MpObject_Hash(a), MpObject_Hash(t));
    Mp_DECREF(t);
    t = MpTuple_Pack(3, one, one, Mp_None);
    assert_int_equal(MpObject_Hash(c), MpObject_Hash(t));
    Mp_DECREF(t);
    assert_null(MpObject_RichCompare(a, b, Mp_LT));
    check_exc("TypeError",
              "'<' not supported between instances of 'range' and 'range'");
    assert_int_equal(MpObject_IsTrue(a), 0);
    assert_int_equal(MpObject_IsTrue(c), 1);
    assert_int_equal(MpObject_GetSizeOf(c), 48);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(c);
    Mp_DECREF(d);
    Mp_DECREF(e);
    Mp_DECREF(f);
    Mp_DECREF(g);
    Mp_DECREF(one);
    Mp_DECREF(zero);
}

static void
test_errors(void **state)
{
    MpObject *one = MpLong_FromLong(1), *zero = MpLong_FromLong(0);
    MpObject *f = MpFloat_FromDouble(1.0), *args, *kw = MpDict_New(), *r;
    static const char *const a[1] = {"3"};

    (void)state;
    args = MpTuple_New(0);
    assert_null(call_range(args, NULL));
    check_exc("TypeError", "range expected at least 1 argument, got 0");
    Mp_DECREF(args);
    args = MpTuple_Pack(4, one, one, one, one);
    assert_null(call_range(args, NULL));
    check_exc("TypeError", "range expected at most 3 arguments, got 4");
    Mp_DECREF(args);
    args = MpTuple_Pack(3, one, one, zero);
    assert_null(call_range(args, NULL));
    check_exc("ValueError", "range() arg 3 must not be zero");
    Mp_DECREF(args);
    args = MpTuple_Pack(1, f);
    assert_null(call_range(args, NULL));
    check_exc("TypeError",
              "'float' object cannot be interpreted as an integer");
    Mp_DECREF(args);
    MpDict_SetItemString(kw, "x", one);
    args = MpTuple_Pack(1, one);
    assert_null(call_range(args, kw));
    check_exc("TypeError", "range() takes no keyword arguments");
    Mp_DECREF(args);
    r = make_range(1, a);
    assert_null(MpObject_GetItem(r, f));
    check_exc("TypeError",
              "range indices must be integers or slices, not float");
    Mp_DECREF(r);
    Mp_DECREF(kw);
    Mp_DECREF(one);
    Mp_DECREF(zero);
    Mp_DECREF(f);
}

static void
test_attributes(void **state)
{
    static const char *const a[3] = {"2", "9", "3"};
    MpObject *r = make_range(3, a), *v;

    (void)state;
    v = MpObject_GetAttrString(r, "start");
    assert_int_equal(MpLong_AsLong(v), 2);
    Mp_DECREF(v);
    v = MpObject_GetAttrString(r, "stop");
    assert_int_equal(MpLong_AsLong(v), 9);
    Mp_DECREF(v);
    v = MpObject_GetAttrString(r, "step");
    assert_int_equal(MpLong_AsLong(v), 3);
    Mp_DECREF(v);
    Mp_DECREF(r);
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
    static const char *const texts[2][3] = {
        {"-7", "20", "3"},
        {"-100000000000000000000000", "100000000000000000000000",
         "7000000000000000000000"},
    };
    MpObject *args, *r, *it;
    fail_state fs;
    int k, t, i;

    (void)state;
    for (t = 0; t < 2; t++) {
        args = MpTuple_New(3);
        for (i = 0; i < 3; i++)
            MpTuple_SetItem(args, i, long_from(texts[t][i]));
        for (k = 0;; k++) {
            fs.countdown = k;
            fs.failed = 0;
            MpAlloc_SetFailHook(fail_kth, &fs);
            r = call_range(args, NULL);
            it = r != NULL ? MpObject_GetIter(r) : NULL;
            MpAlloc_SetFailHook(NULL, NULL);
            Mp_XDECREF(r);
            if (!fs.failed) {
                assert_non_null(it);
                Mp_DECREF(it);
                break;
            }
            assert_null(it);
            mp_assert_raised(MpExc_MemoryError);
        }
        Mp_DECREF(args);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_range_table),
        MP_TEST(test_iteration),
        MP_TEST(test_slicing),
        MP_TEST(test_count_index),
        MP_TEST(test_equality_hash),
        MP_TEST(test_errors),
        MP_TEST(test_attributes),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
