/*
 * test_longobject.c -- int: construction, the small-int cache, bignum
 * arithmetic, conversions and errors, checked against results computed
 * by CPython (tests/objects/long_cases.h, made by gen_long_cases.py).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "objects/longobject.h"

struct long_binop_case {
    const char *a, *b, *sum, *diff, *prod, *quot, *mod;
};
struct long_bitwise_case {
    const char *a, *b, *and_, *or_, *xor_;
};
struct long_shift_case {
    const char *a;
    int n;
    const char *lshift, *rshift, *invert;
};
struct long_base_case {
    const char *v, *b2, *b8, *b10, *b16, *b36;
};
struct long_hash_case {
    const char *v;
    long long hash;
};
struct long_float_case {
    const char *v;
    double d;
    int overflow;
};
struct long_truediv_case {
    const char *a, *b;
    double q;
    int overflow;
};
struct long_pow_case {
    const char *a, *b, *m, *r;
};
struct long_big_case {
    const char *a, *b, *prod, *quot, *mod;
};
struct long_error_case {
    const char *text;
    int base;
    const char *message;
};
struct long_parse_case {
    const char *text;
    int base;
    const char *v;
};

#include "objects/long_cases.h"

#define NB (MpLong_Type.tp_as_number)

/* ---- Helpers ---- */

/* An int from "-0x1f"-style text.  New. */
static MpObject *
L(const char *text)
{
    MpObject *v = MpLong_FromString(text, NULL, 0);
    assert_non_null(v);
    return v;
}

static MpObject *
num(long v)
{
    MpObject *o = MpLong_FromLong(v);
    assert_non_null(o);
    return o;
}

/* Assert v is an exact int printing as 'text' in 'base' (0b/0o/0x
 * prefixed), then drop v. */
static void
check_base(MpObject *v, int base, const char *text)
{
    char *buf;
    Mp_ssize_t len;

    assert_non_null(v);
    assert_true(MpLong_CheckExact(v));
    assert_int_equal(mp_long_format_ascii(v, base, 1, &buf, &len), 0);
    assert_string_equal(buf, text);
    assert_int_equal(len, (Mp_ssize_t)strlen(text));
    MpMem_Free(buf);
    Mp_DECREF(v);
}

static void
check_hex(MpObject *v, const char *hex)
{
    check_base(v, 16, hex);
}

/* Assert that an exception of 'type' with message 'msg' is set; clear. */
static void
check_error(MpObject *type, const char *msg)
{
    MpObject *t, *v, *tb, *s;

    assert_non_null(MpErr_Occurred());
    assert_true(MpErr_ExceptionMatches(type));
    MpErr_Fetch(&t, &v, &tb);
    assert_non_null(v);
    s = MpObject_Str(v);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), msg);
    Mp_DECREF(s);
    Mp_XDECREF(t);
    Mp_XDECREF(v);
    Mp_XDECREF(tb);
}

static MpObject *
binop(binaryfunc f, const char *a, const char *b)
{
    MpObject *x = L(a), *y = L(b), *r = f(x, y);
    Mp_DECREF(x);
    Mp_DECREF(y);
    return r;
}

/* ---- The small-int cache ---- */

static void
test_small_int_identity(void **unused)
{
    long i;
    MpObject *a, *b;

    (void)unused;
    for (i = -5; i <= 256; i++) {
        char text[32];
        a = MpLong_FromLong(i);
        b = MpLong_FromLongLong(i);
        assert_ptr_equal(a, b);
        Mp_DECREF(b);
        b = MpLong_FromSsize_t(i);
        assert_ptr_equal(a, b);
        Mp_DECREF(b);
        b = MpLong_FromDouble((double)i + (i < 0 ? -0.5 : 0.5));
        assert_ptr_equal(a, b);
        Mp_DECREF(b);
        snprintf(text, sizeof text, " %ld ", i);
        b = MpLong_FromString(text, NULL, 10);
        assert_ptr_equal(a, b);
        Mp_DECREF(b);
        if (i >= 0) {
            b = MpLong_FromUnsignedLong((unsigned long)i);
            assert_ptr_equal(a, b);
            Mp_DECREF(b);
            b = MpLong_FromSize_t((size_t)i);
            assert_ptr_equal(a, b);
            Mp_DECREF(b);
        }
        Mp_DECREF(a);
    }
    a = MpLong_FromLong(257);
    b = MpLong_FromLong(257);
    assert_ptr_not_equal(a, b);
    Mp_DECREF(a);
    Mp_DECREF(b);
    a = MpLong_FromLong(-6);
    b = MpLong_FromString("-6", NULL, 10);
    assert_ptr_not_equal(a, b);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

/* Assert that r is the cached object for 'value'; drops r. */
static void
check_cached(MpObject *r, long value)
{
    MpObject *c = mp_long_get_small(value);

    assert_non_null(r);
    assert_int_equal(MpLong_AsLong(r), value);
    assert_ptr_equal(r, c);
    Mp_DECREF(c);
    Mp_DECREF(r);
}

static void
test_small_int_results(void **unused)
{
    MpObject *x = num(200), *y = num(56), *t, *u;

    (void)unused;
    check_cached(NB->nb_add(x, y), 256);              /* 200 + 56 */
    check_cached(NB->nb_subtract(x, y), 144);
    t = num(2);
    check_cached(NB->nb_multiply(y, t), 112);
    Mp_DECREF(t);
    check_cached(binop(NB->nb_subtract, "0x10000000000000100",
                       "0x10000000000000000"), 256);
    check_cached(binop(NB->nb_add, "0x10000000000000000",
                       "-0x10000000000000005"), -5);
    check_cached(binop(NB->nb_floor_divide, "0x1000000000000000000",
                       "0x10000000000000000"), 256);
    check_cached(binop(NB->nb_remainder, "-0x100000000000000005", "0x10"),
                 11);
    check_cached(binop(NB->nb_rshift, "0x1000000000000000000000", "0x4c"),
                 256);
    check_cached(binop(NB->nb_and, "0x1ffffffffffffffff00", "0x100"), 256);
    check_cached(binop(NB->nb_xor, "-0x10000000000000001",
                       "-0x100000000000000ff"), 254);
    check_cached(binop(NB->nb_lshift, "0x1", "0x8"), 256);
    t = num(5);
    check_cached(NB->nb_negative(t), -5);
    u = NB->nb_negative(t);
    check_cached(NB->nb_absolute(u), 5);
    check_cached(NB->nb_invert(u), 4);
    Mp_DECREF(u);
    Mp_DECREF(t);
    t = num(2);
    u = num(8);
    check_cached(NB->nb_power(t, u, Mp_None), 256);
    Mp_DECREF(t);
    Mp_DECREF(u);
    check_cached(MpLong_FromString("0x100", NULL, 0), 256);
    check_cached(MpLong_FromString("-0b101", NULL, 0), -5);
    t = MpUnicode_FromString("-5");
    check_cached(MpLong_FromUnicodeObject(t, 10), -5);
    Mp_DECREF(t);
    /* int(True) is the int 1, not True */
    check_cached(NB->nb_int(Mp_True), 1);
    Mp_DECREF(x);
    Mp_DECREF(y);
}

/* ---- Arithmetic against CPython ---- */

static void
test_binops(void **unused)
{
    size_t i;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_binop_cases); i++) {
        const struct long_binop_case *c = &long_binop_cases[i];
        MpObject *a = L(c->a), *b = L(c->b), *d, *m, *pair;

        check_hex(NB->nb_add(a, b), c->sum);
        check_hex(NB->nb_subtract(a, b), c->diff);
        check_hex(NB->nb_multiply(a, b), c->prod);
        if (c->quot == NULL) {
            assert_null(NB->nb_floor_divide(a, b));
            check_error(MpExc_ZeroDivisionError,
                        "integer division or modulo by zero");
            assert_null(NB->nb_remainder(a, b));
            check_error(MpExc_ZeroDivisionError, "integer modulo by zero");
            assert_null(NB->nb_divmod(a, b));
            check_error(MpExc_ZeroDivisionError,
                        "integer division or modulo by zero");
        }
        else {
            check_hex(NB->nb_floor_divide(a, b), c->quot);
            check_hex(NB->nb_remainder(a, b), c->mod);
            pair = NB->nb_divmod(a, b);
            assert_non_null(pair);
            d = MpTuple_GetItem(pair, 0);
            m = MpTuple_GetItem(pair, 1);
            check_hex(Mp_NewRef(d), c->quot);
            check_hex(Mp_NewRef(m), c->mod);
            Mp_DECREF(pair);
        }
        Mp_DECREF(a);
        Mp_DECREF(b);
    }
}

static void
test_bitwise_and_shifts(void **unused)
{
    size_t i;
    MpObject *a, *b;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_bitwise_cases); i++) {
        const struct long_bitwise_case *c = &long_bitwise_cases[i];
        check_hex(binop(NB->nb_and, c->a, c->b), c->and_);
        check_hex(binop(NB->nb_or, c->a, c->b), c->or_);
        check_hex(binop(NB->nb_xor, c->a, c->b), c->xor_);
    }
    for (i = 0; i < MP_ARRAY_LENGTH(long_shift_cases); i++) {
        const struct long_shift_case *c = &long_shift_cases[i];
        a = L(c->a);
        b = num(c->n);
        check_hex(NB->nb_lshift(a, b), c->lshift);
        check_hex(NB->nb_rshift(a, b), c->rshift);
        check_hex(NB->nb_invert(a), c->invert);
        Mp_DECREF(a);
        Mp_DECREF(b);
    }
    a = num(1);
    b = num(-1);
    assert_null(NB->nb_lshift(a, b));
    check_error(MpExc_ValueError, "negative shift count");
    assert_null(NB->nb_rshift(a, b));
    check_error(MpExc_ValueError, "negative shift count");
    Mp_DECREF(b);
    b = L("0x400000000000000000");                /* 1 << 70 */
    assert_null(NB->nb_lshift(a, b));
    check_error(MpExc_OverflowError, "too many digits in integer");
    check_hex(NB->nb_rshift(a, b), "0x0");
    Mp_DECREF(a);
    a = num(-7);
    check_hex(NB->nb_rshift(a, b), "-0x1");
    Mp_DECREF(a);
    a = num(0);
    check_hex(NB->nb_lshift(a, b), "0x0");
    Mp_DECREF(a);
    Mp_DECREF(b);
}

static void
test_factorials_and_powers(void **unused)
{
    MpObject *f = num(1), *k, *t, *s;
    long i;

    (void)unused;
    for (i = 2; i <= 500; i++) {
        k = num(i);
        t = NB->nb_multiply(f, k);
        assert_non_null(t);
        Mp_DECREF(k);
        Mp_DECREF(f);
        f = t;
        if (i == 100) {
            s = MpObject_Str(f);
            assert_string_equal(MpUnicode_AsUTF8(s), LONG_FACT100);
            Mp_DECREF(s);
        }
    }
    s = MpLong_Format(f, 10, 0);
    assert_string_equal(MpUnicode_AsUTF8(s), LONG_FACT500);
    Mp_DECREF(s);
    /* and back: parsing gives the same number */
    t = MpLong_FromString(LONG_FACT500, NULL, 10);
    assert_non_null(t);
    assert_true(MpObject_RichCompareBool(t, f, Mp_EQ));
    Mp_DECREF(t);
    Mp_DECREF(f);
    t = NB->nb_power(k = num(3), s = num(1000), Mp_None);
    Mp_DECREF(k);
    Mp_DECREF(s);
    s = MpObject_Repr(t);
    assert_string_equal(MpUnicode_AsUTF8(s), LONG_POW3_1000);
    Mp_DECREF(s);
    Mp_DECREF(t);
    k = num(1);
    t = NB->nb_lshift(k, s = num(4000));
    Mp_DECREF(s);
    check_hex(NB->nb_subtract(t, k), LONG_POW2_4000_M1);
    Mp_DECREF(t);
    Mp_DECREF(k);
}

static void
test_karatsuba_sizes(void **unused)
{
    size_t i;
    Mp_ssize_t cutoffs[] = {70, 2, 1000};
    size_t j;

    (void)unused;
    for (j = 0; j < MP_ARRAY_LENGTH(cutoffs); j++) {
        Mp_ssize_t old = mp_long_set_karatsuba_cutoff(cutoffs[j]);
        for (i = 0; i < MP_ARRAY_LENGTH(long_big_cases); i++) {
            const struct long_big_case *c = &long_big_cases[i];
            check_hex(binop(NB->nb_multiply, c->a, c->b), c->prod);
            if (j == 0) {
                check_hex(binop(NB->nb_floor_divide, c->a, c->b), c->quot);
                check_hex(binop(NB->nb_remainder, c->a, c->b), c->mod);
            }
        }
        mp_long_set_karatsuba_cutoff(old);
    }
}

static void
test_pow(void **unused)
{
    size_t i;
    MpObject *a, *b, *m, *r;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_pow_cases); i++) {
        const struct long_pow_case *c = &long_pow_cases[i];
        a = L(c->a);
        b = L(c->b);
        m = c->m != NULL ? L(c->m) : Mp_NewRef(Mp_None);
        check_hex(NB->nb_power(a, b, m), c->r);
        Mp_DECREF(a);
        Mp_DECREF(b);
        Mp_DECREF(m);
    }
    a = num(2);
    b = num(3);
    m = num(0);
    assert_null(NB->nb_power(a, b, m));
    check_error(MpExc_ValueError, "pow() 3rd argument cannot be 0");
    Mp_DECREF(b);
    Mp_DECREF(m);
    b = num(-2);
    m = num(6);
    r = num(3);
    assert_null(NB->nb_power(r, b, m));
    check_error(MpExc_ValueError,
                "base is not invertible for the given modulus");
    Mp_DECREF(r);
    Mp_DECREF(m);
    Mp_DECREF(b);
    b = num(-1);
    r = NB->nb_power(a, b, Mp_None);              /* 2 ** -1 == 0.5 */
    assert_non_null(r);
    assert_true(MpFloat_Check(r));
    assert_true(MpFloat_AsDouble(r) == 0.5);
    Mp_DECREF(r);
    m = MpFloat_FromDouble(3.0);
    r = NB->nb_power(a, b, m);                    /* float modulus */
    assert_ptr_equal(r, Mp_NotImplemented);
    Mp_DECREF(r);
    Mp_DECREF(m);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

/* ---- Conversions ---- */

static void
test_bases(void **unused)
{
    size_t i;
    MpObject *v, *s;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_base_cases); i++) {
        const struct long_base_case *c = &long_base_cases[i];
        const char *texts[] = {c->b2, c->b8, c->b10, c->b16, c->b36};
        int bases[] = {2, 8, 10, 16, 36};
        size_t j;

        v = L(c->v);
        for (j = 0; j < 5; j++) {
            MpObject *back;
            s = MpLong_Format(v, bases[j], 1);
            assert_non_null(s);
            assert_string_equal(MpUnicode_AsUTF8(s), texts[j]);
            back = MpLong_FromUnicodeObject(s, bases[j]);
            check_hex(back, c->v);
            Mp_DECREF(s);
            /* base 0 reads the prefixed forms */
            if (bases[j] != 36)
                check_hex(MpLong_FromString(texts[j], NULL, 0), c->v);
        }
        s = MpObject_Repr(v);
        assert_string_equal(MpUnicode_AsUTF8(s), c->b10);
        Mp_DECREF(s);
        Mp_DECREF(v);
    }
}

static void
test_parse(void **unused)
{
    size_t i;
    char *end;
    MpObject *v;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_parse_cases); i++) {
        const struct long_parse_case *c = &long_parse_cases[i];
        check_hex(MpLong_FromString(c->text, NULL, c->base), c->v);
    }
    for (i = 0; i < MP_ARRAY_LENGTH(long_error_cases); i++) {
        const struct long_error_case *c = &long_error_cases[i];
        MpObject *u = MpUnicode_FromString(c->text);
        assert_null(MpLong_FromString(c->text, NULL, c->base));
        check_error(MpExc_ValueError, c->message);
        assert_null(MpLong_FromUnicodeObject(u, c->base));
        check_error(MpExc_ValueError, c->message);
        Mp_DECREF(u);
    }
    v = MpLong_FromString("  123  ", &end, 10);
    check_hex(v, "0x7b");
    assert_string_equal(end, "  ");
    /* str input: Unicode white space counts, other non-ASCII does not */
    v = MpUnicode_FromString("\xc2\xa0" "5 ");            /* '\xa05 ' */
    check_hex(MpLong_FromUnicodeObject(v, 10), "0x5");
    Mp_DECREF(v);
    v = MpUnicode_FromString("\xc3\xa9");                 /* 'e-acute' */
    assert_null(MpLong_FromUnicodeObject(v, 10));
    check_error(MpExc_ValueError,
                "invalid literal for int() with base 10: '\xc3\xa9'");
    Mp_DECREF(v);
}

static void
test_str_digits_limit(void **unused)
{
    MpObject *ten = num(10), *e = num(5000), *big, *s;

    (void)unused;
    assert_int_equal(mp_long_get_max_str_digits(), 4300);
    big = NB->nb_power(ten, e, Mp_None);
    assert_null(MpObject_Str(big));
    check_error(MpExc_ValueError, "Exceeds the limit (4300 digits) for "
                "integer string conversion; use sys.set_int_max_str_digits()"
                " to increase the limit");
    s = MpLong_Format(big, 16, 0);              /* binary bases: no limit */
    assert_non_null(s);
    Mp_DECREF(s);
    assert_int_equal(mp_long_set_max_str_digits(5), -1);
    check_error(MpExc_ValueError, "maxdigits must be 0 or larger than 640");
    assert_int_equal(mp_long_set_max_str_digits(0), 0);
    s = MpObject_Str(big);
    assert_non_null(s);
    assert_int_equal(MpUnicode_GetLength(s), 5001);
    Mp_DECREF(s);
    assert_int_equal(mp_long_set_max_str_digits(4300), 0);
    Mp_DECREF(big);
    Mp_DECREF(ten);
    Mp_DECREF(e);
}

/* Literals longer than the divide-and-conquer leaf, with the limit off:
 * the value is checked by its hash (computed by CPython) and by printing
 * it back with the independent output algorithm. */
static void
test_long_literals(void **unused)
{
    char *text = malloc(LONG_DC_DIGITS + 2), *grouped, *q;
    MpObject *v, *s;
    long i;

    (void)unused;
    assert_non_null(text);
    grouped = malloc(LONG_DC_DIGITS * 2);
    assert_non_null(grouped);
    text[0] = '-';
    for (i = 0; i < LONG_DC_DIGITS; i++)
        text[i + 1] = (char)('0' + (i * 7 + i / 3) % 10);
    text[1] = '9';
    text[LONG_DC_DIGITS + 1] = '\0';
    for (i = 0, q = grouped; i < LONG_DC_DIGITS; i++) {
        if (i > 0 && i % 3 == 0)
            *q++ = '_';
        *q++ = text[i + 1];
    }
    *q = '\0';
    assert_int_equal(mp_long_set_max_str_digits(0), 0);
    v = MpLong_FromString(text + 1, NULL, 10);
    assert_non_null(v);
    assert_int_equal(MpObject_Hash(v), LONG_DC_HASH);
    s = MpObject_Str(v);
    assert_string_equal(MpUnicode_AsUTF8(s), text + 1);
    Mp_DECREF(s);
    Mp_DECREF(v);
    v = MpLong_FromString(text, NULL, 10);
    assert_int_equal(MpObject_Hash(v), LONG_DC_NEG_HASH);
    s = MpObject_Repr(v);
    assert_string_equal(MpUnicode_AsUTF8(s), text);
    Mp_DECREF(s);
    Mp_DECREF(v);
    v = MpLong_FromString(grouped, NULL, 0);
    assert_int_equal(MpObject_Hash(v), LONG_DC_HASH);
    Mp_DECREF(v);
    /* all but the last digit zero: the cached small int, either sign */
    memset(text + 1, '0', LONG_DC_DIGITS);
    text[LONG_DC_DIGITS] = '5';
    v = MpLong_FromString(text, NULL, 10);
    s = mp_long_get_small(-5);
    assert_ptr_equal(v, s);
    Mp_DECREF(s);
    Mp_DECREF(v);
    v = MpLong_FromString(text + 1, NULL, 10);
    s = mp_long_get_small(5);
    assert_ptr_equal(v, s);
    Mp_DECREF(s);
    Mp_DECREF(v);
    assert_int_equal(mp_long_set_max_str_digits(4300), 0);
    free(text);
    free(grouped);
}

static void
test_hash(void **unused)
{
    size_t i;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_hash_cases); i++) {
        MpObject *v = L(long_hash_cases[i].v);
        assert_int_equal(MpLong_Type.tp_hash(v), long_hash_cases[i].hash);
        Mp_DECREF(v);
    }
}

static void
test_as_double(void **unused)
{
    size_t i;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_float_cases); i++) {
        const struct long_float_case *c = &long_float_cases[i];
        MpObject *v = L(c->v), *f;
        double d = MpLong_AsDouble(v);
        if (c->overflow) {
            assert_true(d == -1.0);
            check_error(MpExc_OverflowError,
                        "int too large to convert to float");
            assert_null(NB->nb_float(v));
            check_error(MpExc_OverflowError,
                        "int too large to convert to float");
        }
        else {
            assert_true(d == c->d);
            f = NB->nb_float(v);
            assert_true(MpFloat_AsDouble(f) == c->d);
            Mp_DECREF(f);
        }
        Mp_DECREF(v);
    }
}

static void
test_true_divide(void **unused)
{
    size_t i;
    MpObject *a, *z;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(long_truediv_cases); i++) {
        const struct long_truediv_case *c = &long_truediv_cases[i];
        MpObject *q = binop(NB->nb_true_divide, c->a, c->b);
        if (c->overflow) {
            assert_null(q);
            check_error(MpExc_OverflowError,
                        "integer division result too large for a float");
            continue;
        }
        assert_non_null(q);
        assert_true(MpFloat_AsDouble(q) == c->q);
        assert_int_equal(signbit(MpFloat_AsDouble(q)), signbit(c->q));
        Mp_DECREF(q);
    }
    a = num(1);
    z = num(0);
    assert_null(NB->nb_true_divide(a, z));
    check_error(MpExc_ZeroDivisionError, "division by zero");
    Mp_DECREF(a);
    Mp_DECREF(z);
}

static void
test_from_double(void **unused)
{
    MpObject *v, *w, *t, *u;

    (void)unused;
    assert_null(MpLong_FromDouble(INFINITY));
    check_error(MpExc_OverflowError,
                "cannot convert float infinity to integer");
    assert_null(MpLong_FromDouble(-INFINITY));
    check_error(MpExc_OverflowError,
                "cannot convert float infinity to integer");
    assert_null(MpLong_FromDouble(NAN));
    check_error(MpExc_ValueError, "cannot convert float NaN to integer");
    check_hex(MpLong_FromDouble(-2.9), "-0x2");
    check_hex(MpLong_FromDouble(-0.0), "0x0");
    check_hex(MpLong_FromDouble(9.3e18), "0x81103cb9fb220000");
    /* -DBL_MAX: 0xfffffffffffff8 followed by 242 zero hex digits */
    v = MpLong_FromDouble(-0x1.fffffffffffffp+1023);
    w = MpLong_FromString("-0xfffffffffffff8", NULL, 0);
    t = num(968);
    u = NB->nb_lshift(w, t);
    assert_int_equal(MpObject_RichCompareBool(u, v, Mp_EQ), 1);
    Mp_DECREF(u);
    Mp_DECREF(v);
    Mp_DECREF(w);
    Mp_DECREF(t);
}

static void
test_as_c_types(void **unused)
{
    MpObject *v;
    int overflow;

    (void)unused;
    v = MpLong_FromLong(LONG_MAX);
    assert_int_equal(MpLong_AsLong(v), LONG_MAX);
    assert_int_equal(MpLong_AsSsize_t(v), LONG_MAX);
    Mp_DECREF(v);
    v = MpLong_FromLong(LONG_MIN);
    assert_int_equal(MpLong_AsLong(v), LONG_MIN);
    assert_int_equal(MpLong_AsLongLong(v), LLONG_MIN);
    /* CPython 3.11's C API wordings (PyLong_AsUnsignedLong, _AsSize_t) */
    assert_true(MpLong_AsUnsignedLong(v) == (unsigned long)-1);
    check_error(MpExc_OverflowError,
                "can't convert negative value to unsigned int");
    assert_true(MpLong_AsSize_t(v) == (size_t)-1);
    check_error(MpExc_OverflowError,
                "can't convert negative value to size_t");
    Mp_DECREF(v);
    v = L("0x8000000000000000");                  /* LONG_MAX + 1 */
    assert_int_equal(MpLong_AsLong(v), -1);
    check_error(MpExc_OverflowError,
                "Python int too large to convert to C long");
    assert_int_equal(MpLong_AsLongAndOverflow(v, &overflow), -1);
    assert_int_equal(overflow, 1);
    assert_false(MpErr_Occurred());
    assert_true(MpLong_AsUnsignedLong(v) == 0x8000000000000000UL);
    Mp_DECREF(v);
    v = L("-0x8000000000000001");                 /* LONG_MIN - 1 */
    assert_int_equal(MpLong_AsLongAndOverflow(v, &overflow), -1);
    assert_int_equal(overflow, -1);
    assert_int_equal(MpLong_AsLongLong(v), -1);
    check_error(MpExc_OverflowError, "int too big to convert");
    assert_int_equal(MpLong_AsSsize_t(v), -1);
    check_error(MpExc_OverflowError,
                "Python int too large to convert to C ssize_t");
    Mp_DECREF(v);
    v = L("0x10000000000000000");                 /* ULONG_MAX + 1 */
    assert_true(MpLong_AsUnsignedLong(v) == (unsigned long)-1);
    check_error(MpExc_OverflowError,
                "Python int too large to convert to C unsigned long");
    assert_int_equal(MpLong_Sign(v), 1);
    assert_int_equal(MpLong_NumBits(v), 65);
    Mp_DECREF(v);
    v = MpLong_FromUnsignedLong(ULONG_MAX);
    assert_true(MpLong_AsUnsignedLong(v) == ULONG_MAX);
    assert_true(MpLong_AsSize_t(v) == SIZE_MAX);
    Mp_DECREF(v);
    v = num(-3);
    assert_int_equal(MpLong_Sign(v), -1);
    assert_int_equal(MpLong_NumBits(v), 2);
    Mp_DECREF(v);
}

static void
test_sizes(void **unused)
{
    static const struct {
        const char *v;
        Mp_ssize_t size;
    } cases[] = {
        {"0", 28}, {"1", 28}, {"-1", 28}, {"0x3fffffff", 28},
        {"0x40000000", 32}, {"-0x40000000", 32}, {"0xfffffffffffffff", 32},
        {"0x1000000000000000", 36}, {"0x40000000000000000000000", 40},
    };
    size_t i;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(cases); i++) {
        MpObject *v = L(cases[i].v);
        assert_int_equal(MpObject_GetSizeOf(v), cases[i].size);
        Mp_DECREF(v);
    }
}

static void
test_compare(void **unused)
{
    const char *ordered[] = {"-0x1000000000000000000001", "-0x40000000",
                             "-0x3fffffff", "-1", "0", "1", "0x3fffffff",
                             "0x40000000", "0x1000000000000000000001"};
    size_t i, j;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(ordered); i++) {
        for (j = 0; j < MP_ARRAY_LENGTH(ordered); j++) {
            MpObject *a = L(ordered[i]), *b = L(ordered[j]);
            assert_int_equal(MpObject_RichCompareBool(a, b, Mp_LT), i < j);
            assert_int_equal(MpObject_RichCompareBool(a, b, Mp_LE), i <= j);
            assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), i == j);
            assert_int_equal(MpObject_RichCompareBool(a, b, Mp_NE), i != j);
            assert_int_equal(MpObject_RichCompareBool(a, b, Mp_GT), i > j);
            assert_int_equal(MpObject_RichCompareBool(a, b, Mp_GE), i >= j);
            Mp_DECREF(a);
            Mp_DECREF(b);
        }
    }
}

/* Call the no-argument method 'name' of v.  New. */
static MpObject *
call_method0(MpObject *v, const char *name)
{
    MpObject *meth = MpObject_GetAttrString(v, name), *r;

    assert_non_null(meth);
    r = MpObject_CallNoArgs(meth);
    Mp_DECREF(meth);
    return r;
}

static void
test_methods(void **unused)
{
    MpObject *v = L("-0xff000000000000000000000000000001"), *r, *s;
    MpObject *nd;

    (void)unused;
    check_hex(call_method0(v, "bit_length"), "0x80");
    check_hex(call_method0(v, "bit_count"), "0x9");
    check_hex(call_method0(v, "__index__"),
              "-0xff000000000000000000000000000001");
    check_hex(MpObject_GetAttrString(v, "numerator"),
              "-0xff000000000000000000000000000001");
    check_hex(MpObject_GetAttrString(v, "denominator"), "0x1");
    check_hex(MpObject_GetAttrString(v, "imag"), "0x0");
    check_hex(call_method0(v, "__sizeof__"), "0x2c");      /* 5 digits */
    r = call_method0(v, "as_integer_ratio");
    s = MpObject_Repr(r);
    assert_string_equal(MpUnicode_AsUTF8(s),
                        "(-338953138925153547590470800371487866881, 1)");
    Mp_DECREF(s);
    Mp_DECREF(r);
    Mp_DECREF(v);
    /* round(x, -1): to a multiple of 10, ties to even */
    v = num(25);
    nd = num(-1);
    r = MpObject_GetAttrString(v, "__round__");
    check_hex(MpObject_CallOneArg(r, nd), "0x14");         /* 20 */
    Mp_DECREF(r);
    Mp_DECREF(v);
    v = num(-35);
    r = MpObject_GetAttrString(v, "__round__");
    check_hex(MpObject_CallOneArg(r, nd), "-0x28");        /* -40 */
    Mp_DECREF(r);
    Mp_DECREF(v);
    Mp_DECREF(nd);
    /* format() goes through the format-spec engine */
    v = L("-0x12345678901234567890");
    s = MpUnicode_FromString("#x");
    r = MpObject_Format(v, s);
    assert_string_equal(MpUnicode_AsUTF8(r), "-0x12345678901234567890");
    Mp_DECREF(r);
    Mp_DECREF(s);
    s = MpUnicode_FromString(",");
    r = MpObject_Format(v, s);
    assert_string_equal(MpUnicode_AsUTF8(r),
                        "-85,968,058,271,978,839,505,040");
    Mp_DECREF(r);
    Mp_DECREF(s);
    Mp_DECREF(v);
}

/* ---- int() ---- */

static MpObject *
call_int(MpObject *x, MpObject *base, const char *kwname)
{
    MpObject *args, *kw = NULL, *r;

    if (x == NULL)
        args = MpTuple_New(0);
    else if (base == NULL || kwname != NULL)
        args = MpTuple_Pack(1, x);
    else
        args = MpTuple_Pack(2, x, base);
    if (kwname != NULL) {
        kw = MpDict_New();
        MpDict_SetItemString(kw, kwname, base);
    }
    r = MpLong_Type.tp_new(&MpLong_Type, args, kw);
    Mp_DECREF(args);
    Mp_XDECREF(kw);
    return r;
}

static void
test_int_new(void **unused)
{
    MpObject *s, *b, *f;

    (void)unused;
    check_hex(call_int(NULL, NULL, NULL), "0x0");
    s = MpUnicode_FromString("12");
    check_hex(call_int(s, NULL, NULL), "0xc");
    Mp_DECREF(s);
    s = MpUnicode_FromString("ff");
    b = num(16);
    check_hex(call_int(s, b, NULL), "0xff");
    check_hex(call_int(s, b, "base"), "0xff");
    assert_null(call_int(s, b, "x"));
    check_error(MpExc_TypeError,
                "'x' is an invalid keyword argument for int()");
    Mp_DECREF(b);
    b = num(37);
    assert_null(call_int(s, b, NULL));
    check_error(MpExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    Mp_DECREF(b);
    f = MpFloat_FromDouble(3.9);
    check_hex(call_int(f, NULL, NULL), "0x3");
    b = num(10);
    assert_null(call_int(f, b, NULL));
    check_error(MpExc_TypeError,
                "int() can't convert non-string with explicit base");
    Mp_DECREF(f);
    Mp_DECREF(b);
    Mp_DECREF(s);
    check_hex(call_int(Mp_True, NULL, NULL), "0x1");
    s = MpUnicode_FromString("abc");
    assert_null(call_int(s, NULL, NULL));
    check_error(MpExc_ValueError,
                "invalid literal for int() with base 10: 'abc'");
    Mp_DECREF(s);
}

/* ---- Allocation failure ---- */

struct fail_state {
    long countdown;      /* fail the allocation this many from now */
    long seen;
};

static int
fail_kth(size_t size, void *arg)
{
    struct fail_state *fs = (struct fail_state *)arg;

    (void)size;
    fs->seen++;
    return --fs->countdown == 0;
}

/* *acc = f(*acc, y), dropping the old *acc; -1 (with *acc NULL) on
 * failure. */
static int
step(MpObject **acc, binaryfunc f, MpObject *y)
{
    MpObject *r = f(*acc, y);

    Mp_DECREF(*acc);
    *acc = r;
    return r == NULL ? -1 : 0;
}

/* One scenario touching every algorithm that allocates: Karatsuba
 * multiply, long division, decimal output and input, true division,
 * modular power, bitwise operations and shifts.  0, or -1 with an
 * exception set. */
static int
bignum_scenario(MpObject *a, MpObject *b, MpObject *seven)
{
    MpObject *acc = Mp_NewRef(a), *s;

    if (step(&acc, NB->nb_multiply, b) < 0 ||
        step(&acc, NB->nb_floor_divide, a) < 0)
        return -1;
    s = MpObject_Str(acc);
    Mp_DECREF(acc);
    if (s == NULL)
        return -1;
    acc = MpLong_FromUnicodeObject(s, 10);
    Mp_DECREF(s);
    if (acc == NULL || step(&acc, NB->nb_true_divide, a) < 0)
        return -1;
    Mp_DECREF(acc);
    acc = NB->nb_power(a, seven, b);
    if (acc == NULL ||
        step(&acc, NB->nb_xor, a) < 0 ||
        step(&acc, NB->nb_and, b) < 0 ||
        step(&acc, NB->nb_lshift, seven) < 0 ||
        step(&acc, NB->nb_rshift, seven) < 0)
        return -1;
    Mp_DECREF(acc);
    return 0;
}

/* Literal parsing through the divide-and-conquer path (4,500 digits,
 * limit off).  0, or -1 with an exception set. */
static int
long_literal_scenario(MpObject *a, MpObject *b, MpObject *seven)
{
    static char text[4501];
    MpObject *v;
    int i;

    (void)a;
    (void)b;
    (void)seven;
    for (i = 0; i < 4500; i++)
        text[i] = (char)('1' + i % 9);
    v = MpLong_FromString(text, NULL, 10);
    if (v == NULL)
        return -1;
    Mp_DECREF(v);
    return 0;
}

/* Run 'scenario' failing its k-th allocation for k = 1, 2, ... until it
 * succeeds; each failure must be a clean MemoryError.  Returns how many
 * allocations the scenario makes. */
static long
fail_each_allocation(int (*scenario)(MpObject *, MpObject *, MpObject *),
                     MpObject *a, MpObject *b, MpObject *seven)
{
    long i;

    for (i = 1;; i++) {
        struct fail_state fs = {i, 0};
        int rc;

        MpAlloc_SetFailHook(fail_kth, &fs);
        rc = scenario(a, b, seven);
        MpAlloc_SetFailHook(NULL, NULL);
        if (rc == 0) {
            assert_true(fs.seen < i);     /* no allocation failed */
            return i - 1;
        }
        mp_assert_raised(MpExc_MemoryError);
    }
}

static void
test_allocation_failures(void **unused)
{
    MpObject *a, *b, *t, *k, *seven = num(7);

    (void)unused;
    /* 7**3000 and 3**5000: about 280 and 265 digits, Karatsuba sizes */
    a = NB->nb_power(t = num(7), b = num(3000), Mp_None);
    Mp_DECREF(t);
    Mp_DECREF(b);
    b = NB->nb_power(t = num(3), k = num(5000), Mp_None);
    Mp_DECREF(t);
    Mp_DECREF(k);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(fail_each_allocation(bignum_scenario, a, b, seven) > 40);
    assert_int_equal(mp_long_set_max_str_digits(0), 0);
    assert_true(fail_each_allocation(long_literal_scenario, a, b,
                                     seven) > 10);
    assert_int_equal(mp_long_set_max_str_digits(4300), 0);
    Mp_DECREF(seven);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_small_int_identity),
        MP_TEST(test_small_int_results),
        MP_TEST(test_binops),
        MP_TEST(test_bitwise_and_shifts),
        MP_TEST(test_factorials_and_powers),
        MP_TEST(test_karatsuba_sizes),
        MP_TEST(test_pow),
        MP_TEST(test_bases),
        MP_TEST(test_parse),
        MP_TEST(test_str_digits_limit),
        MP_TEST(test_long_literals),
        MP_TEST(test_hash),
        MP_TEST(test_as_double),
        MP_TEST(test_true_divide),
        MP_TEST(test_from_double),
        MP_TEST(test_as_c_types),
        MP_TEST(test_sizes),
        MP_TEST(test_compare),
        MP_TEST(test_methods),
        MP_TEST(test_int_new),
        MP_TEST(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
