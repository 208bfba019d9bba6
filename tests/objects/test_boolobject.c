/*
 * test_boolobject.c -- bool: the two singletons, their repr and size,
 * bool(x), and the operators that keep or lose the bool type.
 */
#include <string.h>

#include "support/harness.h"
#include "objects/longobject.h"

static void
check_repr(MpObject *v, const char *text)
{
    MpObject *s = MpObject_Repr(v);

    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), text);
    Mp_DECREF(s);
    s = MpObject_Str(v);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), text);
    Mp_DECREF(s);
}

/* Assert that an exception of 'type' with message 'msg' is set; clear. */
static void
check_error(MpObject *type, const char *msg)
{
    MpObject *t, *v, *tb, *s;

    assert_true(MpErr_ExceptionMatches(type));
    MpErr_Fetch(&t, &v, &tb);
    s = MpObject_Str(v);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), msg);
    Mp_DECREF(s);
    Mp_XDECREF(t);
    Mp_XDECREF(v);
    Mp_XDECREF(tb);
}

/* Assert r is an exact int (not a bool) equal to 'value'; drops r. */
static void
check_int(MpObject *r, long value)
{
    assert_non_null(r);
    assert_true(MpLong_CheckExact(r));
    assert_int_equal(MpLong_AsLong(r), value);
    Mp_DECREF(r);
}

static void
test_singletons(void **unused)
{
    Mp_ssize_t before = Mp_REFCNT(Mp_True);
    MpObject *t;

    (void)unused;
    t = MpBool_FromLong(42);
    assert_ptr_equal(t, Mp_True);
    assert_int_equal(Mp_REFCNT(Mp_True), before + 1);
    Mp_DECREF(t);
    t = MpBool_FromLong(0);
    assert_ptr_equal(t, Mp_False);
    Mp_DECREF(t);
    assert_true(MpBool_Check(Mp_True));
    assert_true(MpLong_Check(Mp_False));
    assert_false(MpLong_CheckExact(Mp_True));
    assert_int_equal(Mp_SIZE(Mp_True), 1);
    assert_int_equal(Mp_SIZE(Mp_False), 0);
    check_repr(Mp_True, "True");
    check_repr(Mp_False, "False");
    assert_int_equal(MpObject_GetSizeOf(Mp_True), 28);
    assert_int_equal(MpObject_GetSizeOf(Mp_False), 28);
    assert_int_equal(MpObject_Hash(Mp_True), 1);
    assert_int_equal(MpObject_Hash(Mp_False), 0);
    assert_int_equal(MpLong_AsLong(Mp_True), 1);
    assert_false(MpType_HasFeature(&MpBool_Type, MP_TPFLAGS_BASETYPE));
    assert_ptr_equal(MpBool_Type.tp_base, &MpLong_Type);
}

static void
test_bitwise_stays_bool(void **unused)
{
    MpNumberMethods *nb = MpBool_Type.tp_as_number;
    MpObject *one = MpLong_FromLong(1), *r;

    (void)unused;
    r = nb->nb_and(Mp_True, Mp_False);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    r = nb->nb_or(Mp_True, Mp_False);
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    r = nb->nb_xor(Mp_True, Mp_True);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    r = MpNumber_Xor(Mp_False, Mp_True);
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    /* with an int operand the result is an int */
    check_int(nb->nb_and(Mp_True, one), 1);
    check_int(nb->nb_or(one, Mp_False), 1);
    check_int(MpNumber_Xor(Mp_True, one), 0);
    Mp_DECREF(one);
}

static void
test_arithmetic_gives_int(void **unused)
{
    (void)unused;
    check_int(MpNumber_Add(Mp_True, Mp_True), 2);
    check_int(MpNumber_Negative(Mp_True), -1);
    check_int(MpNumber_Invert(Mp_True), -2);
    check_int(MpNumber_Positive(Mp_True), 1);
    check_int(MpNumber_Absolute(Mp_False), 0);
    check_int(MpNumber_Multiply(Mp_True, Mp_False), 0);
}

static MpObject *
call_bool(MpObject *args, MpObject *kwds)
{
    MpObject *r = MpBool_Type.tp_new(&MpBool_Type, args, kwds);
    Mp_DECREF(args);
    return r;
}

static void
test_bool_new(void **unused)
{
    MpObject *big = MpLong_FromString("0x100000000000000000000", NULL, 0);
    MpObject *zero = MpLong_FromLong(0), *r, *kw;

    (void)unused;
    r = call_bool(MpTuple_New(0), NULL);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    r = call_bool(MpTuple_Pack(1, big), NULL);
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    r = call_bool(MpTuple_Pack(1, zero), NULL);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    r = call_bool(MpTuple_Pack(1, Mp_None), NULL);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    assert_null(call_bool(MpTuple_Pack(2, big, zero), NULL));
    check_error(MpExc_TypeError, "bool expected at most 1 argument, got 2");
    kw = MpDict_New();
    MpDict_SetItemString(kw, "x", big);
    assert_null(call_bool(MpTuple_New(0), kw));
    check_error(MpExc_TypeError, "bool() takes no keyword arguments");
    Mp_DECREF(kw);
    r = MpTuple_New(0);
    assert_null(MpBool_Type.tp_new(&MpLong_Type, r, NULL));
    check_error(MpExc_TypeError,
                "bool.__new__(int): int is not a subtype of bool");
    assert_null(MpLong_Type.tp_new(&MpBool_Type, r, NULL));
    check_error(MpExc_TypeError,
                "int.__new__(bool) is not safe, use bool.__new__()");
    Mp_DECREF(r);
    Mp_DECREF(big);
    Mp_DECREF(zero);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_singletons),
        MP_TEST(test_bitwise_stays_bool),
        MP_TEST(test_arithmetic_gives_int),
        MP_TEST(test_bool_new),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
