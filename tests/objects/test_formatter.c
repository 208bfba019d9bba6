/*
 * test_formatter.c -- the format-spec mini-language for int, float and
 * str against a table of (value, spec, result or error) computed by
 * CPython 3.11 (gen_float_cases.py), plus the dispatch through
 * format() / __format__ and allocation failures.
 */
#include <math.h>
#include <string.h>

#include "support/harness.h"
#include "objects/formatter_unicode.h"
#include "float_cases.h"

static double
from_bits(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof(v));
    return v;
}

static MpObject *
make_value(size_t i)
{
    switch (format_cases[i].kind) {
    case 'i':
        if (strcmp(format_cases[i].ivalue, "True") == 0)
            return Mp_NewRef(Mp_True);
        return MpLong_FromString(format_cases[i].ivalue, NULL, 10);
    case 'f':
        return MpFloat_FromDouble(from_bits(format_cases[i].fbits));
    default:
        return MpUnicode_FromString(format_cases[i].svalue);
    }
}

static MpObject *
format_direct(char kind, MpObject *v, MpObject *spec)
{
    switch (kind) {
    case 'i':
        return mp_format_long(v, spec);
    case 'f':
        return mp_format_float(v, spec);
    default:
        return mp_format_unicode(v, spec);
    }
}

/* Compare the outcome with the table row; 'how' names the path. */
static void
check_outcome(size_t i, MpObject *r, const char *how)
{
    MpObject *exc, *msg;

    if (format_cases[i].exc == NULL) {
        if (r == NULL) {
            MpErr_Print();
            fail_msg("%s case %zu spec '%s': unexpected error", how, i,
                     format_cases[i].spec);
        }
        if (strcmp(MpUnicode_AsUTF8(r), format_cases[i].expected) != 0)
            fail_msg("%s case %zu spec '%s': got '%s' want '%s'", how, i,
                     format_cases[i].spec, MpUnicode_AsUTF8(r),
                     format_cases[i].expected);
        Mp_DECREF(r);
        return;
    }
    if (r != NULL)
        fail_msg("%s case %zu spec '%s': got '%s', want %s", how, i,
                 format_cases[i].spec, MpUnicode_AsUTF8(r),
                 format_cases[i].exc);
    exc = MpErr_GetRaisedException();
    assert_non_null(exc);
    msg = MpObject_Str(exc);
    if (strcmp(Mp_TYPE(exc)->tp_name, format_cases[i].exc) != 0)
        fail_msg("%s case %zu spec '%s': %s '%s' want %s", how, i,
                 format_cases[i].spec, Mp_TYPE(exc)->tp_name,
                 MpUnicode_AsUTF8(msg), format_cases[i].exc);
    if (strcmp(MpUnicode_AsUTF8(msg), format_cases[i].expected) != 0)
        fail_msg("%s case %zu spec '%s': message '%s' want '%s'", how, i,
                 format_cases[i].spec, MpUnicode_AsUTF8(msg),
                 format_cases[i].expected);
    Mp_DECREF(msg);
    Mp_DECREF(exc);
}

static void
test_format_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(format_cases); i++) {
        MpObject *v = make_value(i);
        MpObject *spec = MpUnicode_FromString(format_cases[i].spec);
        assert_non_null(v);
        assert_non_null(spec);
        check_outcome(i, format_direct(format_cases[i].kind, v, spec),
                      "direct");
        Mp_DECREF(v);
        Mp_DECREF(spec);
    }
}

/* The same table through MpObject_Format (each type's __format__). */
static void
test_format_dispatch(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(format_cases); i++) {
        MpObject *v = make_value(i);
        MpObject *spec = MpUnicode_FromString(format_cases[i].spec);
        check_outcome(i, MpObject_Format(v, spec), "format()");
        Mp_DECREF(v);
        Mp_DECREF(spec);
    }
}

/* format(v, spec) == expected, and the result is a well-formed str: it
 * hashes and compares like the same text made directly. */
static void
check_format(MpObject *v, const char *spec, const char *expected)
{
    MpObject *s = MpUnicode_FromString(spec), *r;
    MpObject *e = MpUnicode_FromString(expected);

    r = MpObject_Format(v, s);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    assert_int_equal(MpObject_Hash(r), MpObject_Hash(e));
    assert_int_equal(MpObject_RichCompareBool(r, e, Mp_EQ), 1);
    assert_int_equal(MpUnicode_GetLength(r), MpUnicode_GetLength(e));
    Mp_DECREF(r);
    Mp_DECREF(e);
    Mp_DECREF(s);
}

static void
test_format_examples(void **state)
{
    MpObject *n = MpLong_FromLong(1234), *f = MpFloat_FromDouble(0.1 + 0.2);
    MpObject *s = MpUnicode_FromString("日本語");
    MpObject *big = MpLong_FromString("-1267650600228229401496703205376",
                                      NULL, 10);

    (void)state;
    check_format(n, "010,", "00,001,234");
    check_format(n, "08,", "0,001,234");
    check_format(n, "#x", "0x4d2");
    check_format(big, "_x", "-10_0000_0000_0000_0000_0000_0000");
    check_format(big, ",", "-1,267,650,600,228,229,401,496,703,205,376");
    check_format(f, "", "0.30000000000000004");
    check_format(f, ".3", "0.3");
    check_format(f, "*^+12.2%", "**+30.00%***");
    check_format(s, "*^7", "**日本語**");
    check_format(s, ".2", "日本");
    check_format(s, "", "日本語");
    check_format(s, "é<5", "日本語éé");
    Mp_DECREF(n);
    n = MpLong_FromLong(0xE9);
    check_format(n, "c", "é");
    check_format(n, ">3c", "  é");
    Mp_DECREF(n);
    n = MpLong_FromLong(0x65E5);
    check_format(n, "c", "日");
    check_format(n, "*^4c", "*日**");
    Mp_DECREF(n);
    n = MpLong_FromLong(65);
    check_format(n, "c", "A");
    check_format(n, "5c", "    A");
    Mp_DECREF(n);
    Mp_DECREF(f);
    Mp_DECREF(s);
    Mp_DECREF(big);
}

/* A str spec is returned unchanged when nothing applies: same object. */
static void
test_format_str_identity(void **state)
{
    MpObject *s = MpUnicode_FromString("abc"), *spec, *r;

    (void)state;
    spec = MpUnicode_FromString("<2");
    r = mp_format_unicode(s, spec);
    assert_ptr_equal(r, s);
    Mp_DECREF(r);
    Mp_DECREF(spec);
    Mp_DECREF(s);
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
test_format_fault_injection(void **state)
{
    MpObject *values[3], *specs[3], *r;
    fail_state fs;
    int k, t;

    (void)state;
    values[0] = MpLong_FromString("123456789012345678901234567890", NULL,
                                  10);
    values[1] = MpFloat_FromDouble(-1234567.891);
    values[2] = MpUnicode_FromString("x\xc3\xa9y");
    specs[0] = MpUnicode_FromString("*^+60,");
    specs[1] = MpUnicode_FromString("0=40,.3f");
    specs[2] = MpUnicode_FromString("\xe6\x97\xa5^90.2");
    for (t = 0; t < 3; t++) {
        for (k = 0;; k++) {
            fs.countdown = k;
            fs.failed = 0;
            MpAlloc_SetFailHook(fail_kth, &fs);
            r = format_direct("ifs"[t], values[t], specs[t]);
            MpAlloc_SetFailHook(NULL, NULL);
            if (!fs.failed) {
                assert_non_null(r);
                Mp_DECREF(r);
                break;
            }
            assert_null(r);
            mp_assert_raised(MpExc_MemoryError);
        }
        Mp_DECREF(values[t]);
        Mp_DECREF(specs[t]);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_format_table),
        MP_TEST(test_format_dispatch),
        MP_TEST(test_format_examples),
        MP_TEST(test_format_str_identity),
        MP_TEST(test_format_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
