/*
 * test_floatobject.c -- float: repr (shortest round trip), parsing,
 * arithmetic, hashing, rounding, exact comparison with ints, conversions,
 * the constructor and its errors, and allocation failures.
 *
 * Expected values come from CPython 3.11 through gen_float_cases.py
 * (float_cases.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "objects/floatobject.h"
#include "objects/pystrtod.h"
#include "float_cases.h"

static double
from_bits(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof(v));
    return v;
}

/* Assert that 'type_name' is raised with message 'msg'; clear it. */
static void
check_exc(const char *type_name, const char *msg)
{
    MpObject *exc = MpErr_GetRaisedException(), *s;

    assert_non_null(exc);
    assert_string_equal(Mp_TYPE(exc)->tp_name, type_name);
    s = MpObject_Str(exc);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), msg);
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

static void
test_repr_table(void **state)
{
    char buf[40];
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(repr_cases); i++) {
        double v = from_bits(repr_cases[i].bits);
        MpObject *f = MpFloat_FromDouble(v), *s;

        MpOS_double_to_repr(v, buf, sizeof(buf));
        assert_string_equal(buf, repr_cases[i].repr);
        assert_non_null(f);
        check_repr(f, repr_cases[i].repr);
        s = MpObject_Str(f);
        assert_string_equal(MpUnicode_AsUTF8(s), repr_cases[i].repr);
        Mp_DECREF(s);
        Mp_DECREF(f);
    }
}

/* 1 if some decimal with 'ndig' significant digits reads back as v: the
 * nearest one and its two neighbours are tried. */
static int
shorter_exists(double v, int ndig)
{
    char buf[64];
    long long m, k;
    int e;

    snprintf(buf, sizeof(buf), "%.*e", ndig - 1, v);
    /* buf is "d.ddde+XX": read the mantissa digits as an integer. */
    m = 0;
    for (char *p = buf; *p != 'e'; p++) {
        if (*p >= '0' && *p <= '9')
            m = m * 10 + (*p - '0');
    }
    e = atoi(strchr(buf, 'e') + 1) - (ndig - 1);
    for (k = m - 1; k <= m + 1; k++) {
        snprintf(buf, sizeof(buf), "%llde%d", k, e);
        if (strtod(buf, NULL) == v)
            return 1;
    }
    return 0;
}

/* Count the significant digits of a repr ("1.2345e-07" -> 5). */
static int
repr_digits(const char *s)
{
    int n = 0, started = 0, trailing = 0;

    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (*s != '0')
            started = 1;
        if (!started)
            continue;
        n++;
        trailing = *s == '0' ? trailing + 1 : 0;
    }
    return n - trailing;
}

static void
test_repr_random_roundtrip(void **state)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char buf[40];
    int i, nd;

    (void)state;
    for (i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v = from_bits(x);
        if (!isfinite(v) || v == 0.0)
            continue;
        MpOS_double_to_repr(fabs(v), buf, sizeof(buf));
        assert_true(strtod(buf, NULL) == fabs(v));
        nd = repr_digits(buf);
        assert_true(nd >= 1 && nd <= 17);
        if (nd > 1)
            assert_false(shorter_exists(fabs(v), nd - 1));
    }
}

static void
test_from_string(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(parse_cases); i++) {
        MpObject *s = MpUnicode_FromString(parse_cases[i].text), *f;
        assert_non_null(s);
        f = MpFloat_FromString(s);
        if (parse_cases[i].exc == NULL) {
            assert_non_null(f);
            check_repr(f, parse_cases[i].expected);
            Mp_DECREF(f);
        }
        else {
            assert_null(f);
            check_exc(parse_cases[i].exc, parse_cases[i].expected);
        }
        Mp_DECREF(s);
    }
}

static MpObject *
do_arith(MpObject *a, MpObject *b, const char *op)
{
    MpObject *t, *r;

    if (!strcmp(op, "+"))
        return MpNumber_Add(a, b);
    if (!strcmp(op, "-"))
        return MpNumber_Subtract(a, b);
    if (!strcmp(op, "*"))
        return MpNumber_Multiply(a, b);
    if (!strcmp(op, "/"))
        return MpNumber_TrueDivide(a, b);
    if (!strcmp(op, "//"))
        return MpNumber_FloorDivide(a, b);
    if (!strcmp(op, "%"))
        return MpNumber_Remainder(a, b);
    if (!strcmp(op, "**"))
        return MpNumber_Power(a, b, Mp_None);
    t = MpNumber_Divmod(a, b);
    if (t == NULL)
        return NULL;
    r = Mp_NewRef(MpTuple_GetItem(t, !strcmp(op, "divr")));
    Mp_DECREF(t);
    return r;
}

static void
test_arith_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(arith_cases); i++) {
        MpObject *a = MpFloat_FromDouble(from_bits(arith_cases[i].a));
        MpObject *b = MpFloat_FromDouble(from_bits(arith_cases[i].b));
        MpObject *r = do_arith(a, b, arith_cases[i].op);

        if (arith_cases[i].exc == NULL) {
            double want = from_bits(arith_cases[i].rbits);
            assert_non_null(r);
            assert_true(MpFloat_CheckExact(r));
            if (isnan(want)) {
                assert_true(isnan(MpFloat_AS_DOUBLE(r)));
            }
            else {
                double got = MpFloat_AS_DOUBLE(r);
                if (memcmp(&got, &want, sizeof(got)) != 0)
                    fail_msg("case %zu: %s: got %.17g want %.17g", i,
                             arith_cases[i].op, got, want);
            }
            Mp_DECREF(r);
        }
        else {
            assert_null(r);
            check_exc(arith_cases[i].exc, arith_cases[i].msg);
        }
        Mp_DECREF(a);
        Mp_DECREF(b);
    }
}

static void
test_mixed_with_int(void **state)
{
    MpObject *f = MpFloat_FromDouble(1.5), *i = MpLong_FromLong(2), *r;
    MpObject *big = MpLong_FromString("1" "0000000000" "0000000000"
                                      "0000000000", NULL, 10);
    MpObject *huge, *e400;

    (void)state;
    r = MpNumber_Add(f, i);
    assert_true(MpFloat_CheckExact(r));
    assert_true(MpFloat_AS_DOUBLE(r) == 3.5);
    Mp_DECREF(r);
    r = MpNumber_Subtract(i, f);            /* int - float: reflected */
    assert_true(MpFloat_AS_DOUBLE(r) == 0.5);
    Mp_DECREF(r);
    r = MpNumber_Multiply(f, big);
    assert_true(MpFloat_AS_DOUBLE(r) == 1.5 * 1e30);
    Mp_DECREF(r);
    r = MpNumber_Power(f, i, Mp_None);
    assert_true(MpFloat_AS_DOUBLE(r) == 2.25);
    Mp_DECREF(r);
    r = MpNumber_Add(f, Mp_True);
    assert_true(MpFloat_AS_DOUBLE(r) == 2.5);
    Mp_DECREF(r);
    huge = MpLong_FromLong(10);
    r = MpLong_FromLong(400);
    e400 = MpNumber_Power(huge, r, Mp_None);     /* 10**400 */
    Mp_DECREF(r);
    assert_non_null(e400);
    assert_null(MpNumber_Add(f, e400));
    check_exc("OverflowError", "int too large to convert to float");
    assert_null(MpNumber_TrueDivide(e400, f));
    check_exc("OverflowError", "int too large to convert to float");
    r = MpNumber_Power(f, f, i);
    assert_null(r);
    check_exc("TypeError", "pow() 3rd argument not allowed unless all "
              "arguments are integers");
    Mp_DECREF(e400);
    Mp_DECREF(huge);
    Mp_DECREF(big);
    Mp_DECREF(f);
    Mp_DECREF(i);
}

static void
test_unary_and_bool(void **state)
{
    MpObject *f = MpFloat_FromDouble(-2.5), *r;
    MpObject *z = MpFloat_FromDouble(-0.0);

    (void)state;
    r = MpNumber_Negative(f);
    assert_true(MpFloat_AS_DOUBLE(r) == 2.5);
    Mp_DECREF(r);
    r = MpNumber_Absolute(f);
    assert_true(MpFloat_AS_DOUBLE(r) == 2.5);
    Mp_DECREF(r);
    r = MpNumber_Positive(f);
    assert_ptr_equal(r, f);               /* exact float: itself */
    Mp_DECREF(r);
    r = MpNumber_Negative(z);
    check_repr(r, "0.0");
    Mp_DECREF(r);
    check_repr(z, "-0.0");
    assert_int_equal(MpObject_IsTrue(f), 1);
    assert_int_equal(MpObject_IsTrue(z), 0);
    Mp_DECREF(f);
    Mp_DECREF(z);
}

static void
test_hash_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(hash_cases); i++) {
        MpObject *f = MpFloat_FromDouble(from_bits(hash_cases[i].bits));
        assert_int_equal(MpObject_Hash(f), hash_cases[i].hash);
        Mp_DECREF(f);
    }
}

static void
test_hash_int_agreement(void **state)
{
    static const char *const ints[] = {
        "0", "1", "-1", "123456789", "9007199254740992",
        "4611686018427387904", "2305843009213693952", "-2305843009213693952",
        "1267650600228229401496703205376",
    };
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(ints); i++) {
        MpObject *n = MpLong_FromString(ints[i], NULL, 10);
        MpObject *f = MpFloat_FromDouble(MpLong_AsDouble(n));
        assert_int_equal(MpObject_Hash(n), MpObject_Hash(f));
        assert_int_equal(MpObject_RichCompareBool(n, f, Mp_EQ), 1);
        Mp_DECREF(n);
        Mp_DECREF(f);
    }
}

static void
test_hash_nan_identity(void **state)
{
    MpObject *a = MpFloat_FromDouble(NAN), *b = MpFloat_FromDouble(NAN);

    (void)state;
    assert_int_equal(MpObject_Hash(a), Mp_HashPointer(a));
    assert_int_equal(MpObject_Hash(b), Mp_HashPointer(b));
    assert_int_not_equal(MpObject_Hash(a), MpObject_Hash(b));
    assert_int_equal(MpObject_RichCompareBool(a, a, Mp_EQ), 1); /* is */
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), 0);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_NE), 1);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

static void
test_round_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(round_cases); i++) {
        double v = from_bits(round_cases[i].bits);
        double r = mp_float_round(v, round_cases[i].ndigits);
        if (round_cases[i].exc == NULL) {
            double want = from_bits(round_cases[i].rbits);
            assert_null(MpErr_Occurred());
            if (isnan(want))
                assert_true(isnan(r));
            else if (memcmp(&r, &want, sizeof(r)) != 0)
                fail_msg("round(%.17g, %ld): got %.17g want %.17g", v,
                         round_cases[i].ndigits, r, want);
        }
        else {
            check_exc(round_cases[i].exc, round_cases[i].msg);
        }
    }
}

static MpObject *
call_round(MpObject *f, MpObject *nd)
{
    return MpObject_CallMethod(f, "__round__", &nd, nd == NULL ? 0 : 1);
}

static void
test_round_method(void **state)
{
    MpObject *f = MpFloat_FromDouble(2.5), *r, *two = MpLong_FromLong(2);
    MpObject *g = MpFloat_FromDouble(2.675);
    MpObject *inf = MpFloat_FromDouble(INFINITY);
    MpObject *nan = MpFloat_FromDouble(NAN), *half = MpFloat_FromDouble(1.0);

    (void)state;
    r = call_round(f, NULL);
    assert_true(MpLong_CheckExact(r));
    assert_int_equal(MpLong_AsLong(r), 2);       /* half to even */
    Mp_DECREF(r);
    r = call_round(f, Mp_None);
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    r = call_round(g, two);
    check_repr(r, "2.67");
    Mp_DECREF(r);
    assert_null(call_round(inf, NULL));
    check_exc("OverflowError", "cannot convert float infinity to integer");
    assert_null(call_round(nan, NULL));
    check_exc("ValueError", "cannot convert float NaN to integer");
    assert_null(call_round(f, half));
    check_exc("TypeError", "'float' object cannot be interpreted as an "
              "integer");
    Mp_DECREF(f);
    Mp_DECREF(g);
    Mp_DECREF(inf);
    Mp_DECREF(nan);
    Mp_DECREF(half);
    Mp_DECREF(two);
}

static void
test_compare_with_int(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(compare_cases); i++) {
        MpObject *f = MpFloat_FromDouble(from_bits(compare_cases[i].fbits));
        MpObject *n = MpLong_FromString(compare_cases[i].ival, NULL, 10);
        assert_non_null(n);
        assert_int_equal(MpObject_RichCompareBool(f, n, Mp_LT),
                         compare_cases[i].lt);
        assert_int_equal(MpObject_RichCompareBool(f, n, Mp_EQ),
                         compare_cases[i].eq);
        assert_int_equal(MpObject_RichCompareBool(f, n, Mp_GT),
                         compare_cases[i].gt);
        assert_int_equal(MpObject_RichCompareBool(f, n, Mp_LE),
                         compare_cases[i].lt || compare_cases[i].eq);
        assert_int_equal(MpObject_RichCompareBool(f, n, Mp_NE),
                         !compare_cases[i].eq);
        /* Reflected: int on the left. */
        assert_int_equal(MpObject_RichCompareBool(n, f, Mp_GT),
                         compare_cases[i].lt);
        assert_int_equal(MpObject_RichCompareBool(n, f, Mp_EQ),
                         compare_cases[i].eq);
        Mp_DECREF(f);
        Mp_DECREF(n);
    }
}

static void
test_compare_float_float(void **state)
{
    MpObject *a = MpFloat_FromDouble(1.0), *b = MpFloat_FromDouble(2.0);
    MpObject *s = MpUnicode_FromString("x"), *r;

    (void)state;
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_GE), 0);
    assert_int_equal(MpObject_RichCompareBool(a, s, Mp_EQ), 0);
    r = MpObject_RichCompare(a, s, Mp_LT);
    assert_null(r);
    check_exc("TypeError",
              "'<' not supported between instances of 'float' and 'str'");
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(s);
}

static void
test_int_conversion(void **state)
{
    MpObject *f = MpFloat_FromDouble(-3.99), *r;
    MpObject *big = MpFloat_FromDouble(1e20);
    MpObject *inf = MpFloat_FromDouble(-INFINITY);
    MpObject *nan = MpFloat_FromDouble(NAN);

    (void)state;
    r = MpNumber_Long(f);
    assert_int_equal(MpLong_AsLong(r), -3);
    Mp_DECREF(r);
    r = MpNumber_Long(big);
    check_repr(r, "100000000000000000000");
    Mp_DECREF(r);
    assert_null(MpNumber_Long(inf));
    check_exc("OverflowError", "cannot convert float infinity to integer");
    assert_null(MpNumber_Long(nan));
    check_exc("ValueError", "cannot convert float NaN to integer");
    Mp_DECREF(f);
    Mp_DECREF(big);
    Mp_DECREF(inf);
    Mp_DECREF(nan);
}

static void
test_as_double(void **state)
{
    MpObject *n = MpLong_FromLong(7), *f = MpFloat_FromDouble(0.25);
    MpObject *s = MpUnicode_FromString("1.0");

    (void)state;
    assert_true(MpFloat_AsDouble(n) == 7.0);
    assert_true(MpFloat_AsDouble(f) == 0.25);
    assert_true(MpFloat_AsDouble(Mp_True) == 1.0);
    assert_true(MpFloat_AsDouble(s) == -1.0);
    check_exc("TypeError", "must be real number, not str");
    Mp_DECREF(n);
    Mp_DECREF(f);
    Mp_DECREF(s);
}

static MpObject *
call_float(MpObject *args, MpObject *kwargs)
{
    return MpObject_Call((MpObject *)&MpFloat_Type, args, kwargs);
}

static void
test_constructor(void **state)
{
    MpObject *args, *r, *l = MpList_New(0), *kw = MpDict_New();
    MpObject *one = MpLong_FromLong(1), *s = MpUnicode_FromString(" 1e3 ");
    MpObject *bad = MpUnicode_FromString("abc");

    (void)state;
    args = MpTuple_New(0);
    r = call_float(args, NULL);
    check_repr(r, "0.0");
    Mp_DECREF(r);
    Mp_DECREF(args);
    args = MpTuple_Pack(1, s);
    r = call_float(args, NULL);
    check_repr(r, "1000.0");
    Mp_DECREF(r);
    Mp_DECREF(args);
    args = MpTuple_Pack(1, one);
    r = call_float(args, NULL);
    check_repr(r, "1.0");
    Mp_DECREF(r);
    Mp_DECREF(args);
    args = MpTuple_Pack(1, l);
    assert_null(call_float(args, NULL));
    check_exc("TypeError", "float() argument must be a string or a real "
              "number, not 'list'");
    Mp_DECREF(args);
    args = MpTuple_Pack(1, bad);
    assert_null(call_float(args, NULL));
    check_exc("ValueError", "could not convert string to float: 'abc'");
    Mp_DECREF(args);
    args = MpTuple_Pack(2, one, one);
    assert_null(call_float(args, NULL));
    check_exc("TypeError", "float expected at most 1 argument, got 2");
    Mp_DECREF(args);
    MpDict_SetItemString(kw, "x", one);
    args = MpTuple_New(0);
    assert_null(call_float(args, kw));
    check_exc("TypeError", "float() takes no keyword arguments");
    Mp_DECREF(args);
    Mp_DECREF(l);
    Mp_DECREF(kw);
    Mp_DECREF(one);
    Mp_DECREF(s);
    Mp_DECREF(bad);
}

static void
test_methods(void **state)
{
    MpObject *f = MpFloat_FromDouble(3.0), *g = MpFloat_FromDouble(3.5);
    MpObject *r, *spec = MpUnicode_FromString(">8.2f");

    (void)state;
    r = MpObject_CallMethod(f, "is_integer", NULL, 0);
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    r = MpObject_CallMethod(g, "is_integer", NULL, 0);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    r = MpObject_CallMethod(g, "__sizeof__", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), 24);
    Mp_DECREF(r);
    assert_int_equal(MpObject_GetSizeOf(g), 24);
    r = MpObject_Format(g, spec);
    assert_string_equal(MpUnicode_AsUTF8(r), "    3.50");
    Mp_DECREF(r);
    r = MpObject_CallMethod(g, "__format__", &spec, 1);
    assert_string_equal(MpUnicode_AsUTF8(r), "    3.50");
    Mp_DECREF(r);
    r = MpObject_CallMethod(g, "__format__", &f, 1);
    assert_null(r);
    check_exc("TypeError", "__format__() argument must be str, not float");
    r = MpObject_GetAttrString(g, "real");
    assert_true(MpFloat_AS_DOUBLE(r) == 3.5);
    Mp_DECREF(r);
    r = MpObject_GetAttrString(g, "imag");
    assert_true(MpFloat_AS_DOUBLE(r) == 0.0);
    Mp_DECREF(r);
    Mp_DECREF(f);
    Mp_DECREF(g);
    Mp_DECREF(spec);
}

static void
test_pow_special(void **state)
{
    MpObject *m8 = MpFloat_FromDouble(-8.0), *third = MpFloat_FromDouble(0.5);
    MpObject *m2 = MpFloat_FromDouble(-2.0), *three = MpFloat_FromDouble(3.0);
    MpObject *r;

    (void)state;
    assert_null(MpNumber_Power(m8, third, Mp_None));
    check_exc("ValueError",
              "negative number cannot be raised to a fractional power");
    r = MpNumber_Power(m2, three, Mp_None);
    check_repr(r, "-8.0");
    Mp_DECREF(r);
    Mp_DECREF(m8);
    Mp_DECREF(third);
    Mp_DECREF(m2);
    Mp_DECREF(three);
}

static void
test_hex_and_ratio(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(hex_cases); i++) {
        MpObject *f = MpFloat_FromDouble(from_bits(hex_cases[i].bits));
        MpObject *h = MpObject_CallMethod(f, "hex", NULL, 0);
        MpObject *r, *back;

        assert_string_equal(MpUnicode_AsUTF8(h), hex_cases[i].hex);
        back = MpObject_CallMethod((MpObject *)&MpFloat_Type, "fromhex",
                                   &h, 1);
        assert_non_null(back);
        if (!isnan(MpFloat_AS_DOUBLE(f)))
            assert_memory_equal(&MpFloat_AS_DOUBLE(back),
                                &MpFloat_AS_DOUBLE(f), sizeof(double));
        r = MpObject_CallMethod(f, "as_integer_ratio", NULL, 0);
        if (hex_cases[i].num != NULL) {
            MpObject *num = MpObject_Repr(MpTuple_GetItem(r, 0));
            MpObject *den = MpObject_Repr(MpTuple_GetItem(r, 1));
            assert_string_equal(MpUnicode_AsUTF8(num), hex_cases[i].num);
            assert_string_equal(MpUnicode_AsUTF8(den), hex_cases[i].den);
            Mp_DECREF(num);
            Mp_DECREF(den);
            Mp_DECREF(r);
        }
        else {
            assert_null(r);
            check_exc(isnan(MpFloat_AS_DOUBLE(f)) ? "ValueError"
                                                  : "OverflowError",
                      isnan(MpFloat_AS_DOUBLE(f))
                      ? "cannot convert NaN to integer ratio"
                      : "cannot convert Infinity to integer ratio");
        }
        Mp_DECREF(back);
        Mp_DECREF(h);
        Mp_DECREF(f);
    }
}

static void
test_fromhex_table(void **state)
{
    size_t i;
    MpObject *one = MpLong_FromLong(1);

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(fromhex_cases); i++) {
        MpObject *s = MpUnicode_FromString(fromhex_cases[i].text);
        MpObject *r = MpObject_CallMethod((MpObject *)&MpFloat_Type,
                                          "fromhex", &s, 1);
        if (fromhex_cases[i].exc == NULL) {
            check_repr(r, fromhex_cases[i].expected);
            Mp_DECREF(r);
        }
        else {
            assert_null(r);
            check_exc(fromhex_cases[i].exc, fromhex_cases[i].expected);
        }
        Mp_DECREF(s);
    }
    assert_null(MpObject_CallMethod((MpObject *)&MpFloat_Type, "fromhex",
                                    &one, 1));
    check_exc("TypeError", "bad argument type for built-in operation");
    Mp_DECREF(one);
}

static void
test_floor_ceil(void **state)
{
    MpObject *f = MpFloat_FromDouble(-2.5), *r;
    MpObject *inf = MpFloat_FromDouble(INFINITY);

    (void)state;
    r = MpObject_CallMethod(f, "__floor__", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), -3);
    Mp_DECREF(r);
    r = MpObject_CallMethod(f, "__ceil__", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), -2);
    Mp_DECREF(r);
    r = MpObject_CallMethod(f, "__trunc__", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), -2);
    Mp_DECREF(r);
    assert_null(MpObject_CallMethod(inf, "__floor__", NULL, 0));
    check_exc("OverflowError", "cannot convert float infinity to integer");
    Mp_DECREF(f);
    Mp_DECREF(inf);
}

/* ---- Allocation failures ---- */

typedef struct {
    int countdown;    /* fail the request when it reaches 0 */
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
    MpObject *s = MpUnicode_FromString("  -1_234.5e-2  "), *r;
    MpObject *big = MpUnicode_FromString(
        "1234567890123456789012345678901234567890123456789012345678901234"
        "5678901234567890123456789012345678901234567890123456789012345678"
        "90123456789012345678901234567890");
    MpObject *texts[2] = {s, big};
    fail_state fs;
    int k, t;

    (void)state;
    fs.countdown = 0;
    fs.failed = 0;
    MpAlloc_SetFailHook(fail_kth, &fs);
    r = MpFloat_FromDouble(1.0);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_null(r);
    mp_assert_raised(MpExc_MemoryError);
    for (t = 0; t < 2; t++) {
        for (k = 0;; k++) {
            fs.countdown = k;
            fs.failed = 0;
            MpAlloc_SetFailHook(fail_kth, &fs);
            r = MpFloat_FromString(texts[t]);
            MpAlloc_SetFailHook(NULL, NULL);
            if (!fs.failed) {
                assert_non_null(r);
                Mp_DECREF(r);
                break;
            }
            assert_null(r);
            mp_assert_raised(MpExc_MemoryError);
        }
    }
    Mp_DECREF(s);
    Mp_DECREF(big);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_repr_table),
        MP_TEST(test_repr_random_roundtrip),
        MP_TEST(test_from_string),
        MP_TEST(test_arith_table),
        MP_TEST(test_mixed_with_int),
        MP_TEST(test_unary_and_bool),
        MP_TEST(test_hash_table),
        MP_TEST(test_hash_int_agreement),
        MP_TEST(test_hash_nan_identity),
        MP_TEST(test_round_table),
        MP_TEST(test_round_method),
        MP_TEST(test_compare_with_int),
        MP_TEST(test_compare_float_float),
        MP_TEST(test_int_conversion),
        MP_TEST(test_as_double),
        MP_TEST(test_constructor),
        MP_TEST(test_methods),
        MP_TEST(test_pow_special),
        MP_TEST(test_hex_and_ratio),
        MP_TEST(test_fromhex_table),
        MP_TEST(test_floor_ceil),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
