/*
 * fuzz_number.c -- libFuzzer target: number parsing and formatting.
 *
 * Input layout:  [base][spec length][spec bytes][text]
 *
 *   base         byte % 37: 0 (prefixes allowed) or 2..36; 1 means 10
 *   spec         a format spec for format(int) and format(float)
 *   text         what int(text, base) and float(text) parse
 *
 * Properties checked (any failure aborts and libFuzzer keeps the input):
 *
 *   int(text, base)  returns an int or raises ValueError, nothing else;
 *   n = that int     str(n) is canonical: int(str(n)) == n and
 *                    str(int(str(n))) == str(n); for plain decimal text
 *                    ([ws][sign]digits[ws]) str(n) is the text with the
 *                    '+', leading zeros and blanks removed; the base-2, 8,
 *                    16 strings read back as n; float(n) is correctly
 *                    rounded (it equals strtod of str(n)) or raises
 *                    OverflowError;
 *   float(text)      returns a float or raises ValueError; repr reads back
 *                    as the same bits; for text made of digits, '.', 'e'
 *                    and signs it equals C's correctly rounded strtod;
 *   format(n, spec), format(x, spec)  return a str or raise ValueError
 *                    (or OverflowError, MemoryError for huge widths).
 *
 * str(n) above 4300 digits raises ValueError (the int-to-str limit); that
 * is accepted.  A spec may ask for a width of billions, which CPython
 * would try to allocate as well: the runtime runs under a memory cap
 * (MpAlloc_SetLimit), so that ends in MemoryError.  Every input leaves no
 * object alive and no block in use.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/internal/mp_core.h"

/* Bytes the checks may use on top of the initialised runtime. */
#define NUMBER_MEMORY ((size_t)64 * 1024 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static _Noreturn void
fail(const char *what, const char *text)
{
    fprintf(stderr, "fuzz_number: %s: '%s'\n", what, text);
    abort();
}

/* The pending exception must be one of 'a' or 'b'; clear it. */
static void
expect_error(MpObject *a, MpObject *b, const char *what, const char *text)
{
    if (MpErr_Occurred() == NULL)
        fail("NULL without an exception", text);
    if (!MpErr_ExceptionMatches(a) && (b == NULL ||
                                       !MpErr_ExceptionMatches(b))) {
        MpErr_Print();
        fail(what, text);
    }
    MpErr_Clear();
}

static int
equal(MpObject *a, MpObject *b)
{
    int r = MpObject_RichCompareBool(a, b, Mp_EQ);
    if (r < 0)
        fail("comparison failed", "");
    return r;
}

/* 'text' with blanks, a '+' and leading zeros removed, "-0" as "0", if
 * it is plain decimal; else NULL.  Writes into 'out' (as long as text). */
static const char *
canonical_decimal(const char *text, char *out)
{
    const char *s = text, *end = text + strlen(text);
    char *o = out;

    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    while (end > s && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
        end--;
    if (s < end && (*s == '-' || *s == '+')) {
        if (*s == '-')
            *o++ = '-';
        s++;
    }
    if (s == end)
        return NULL;
    for (const char *p = s; p < end; p++) {
        if (*p < '0' || *p > '9')
            return NULL;
    }
    while (s + 1 < end && *s == '0')
        s++;
    if (*s == '0')
        o = out;
    memcpy(o, s, (size_t)(end - s));
    o[end - s] = '\0';
    return out;
}

static void
check_int_base_round_trip(MpObject *n, int base, const char *text)
{
    MpObject *s = MpLong_Format(n, base, 0), *back;
    if (s == NULL)
        fail("MpLong_Format failed", text);
    back = MpLong_FromString(MpUnicode_AsUTF8(s), NULL, base);
    if (back == NULL || !equal(back, n))
        fail("a base-2/8/16 string does not read back", text);
    Mp_DECREF(back);
    Mp_DECREF(s);
}

/* float(n) against strtod of its decimal string 'dec'. */
static void
check_int_to_float(MpObject *n, const char *dec, const char *text)
{
    double d = MpLong_AsDouble(n);
    if (d == -1.0 && MpErr_Occurred()) {
        expect_error(MpExc_OverflowError, NULL, "float(int) raised", text);
        return;
    }
    if (d != strtod(dec, NULL))
        fail("float(int) is not correctly rounded", text);
}

static void
check_int(const char *text, int base)
{
    char *canon = malloc(strlen(text) + 1);
    MpObject *n = MpLong_FromString(text, NULL, base), *s, *back, *s2;

    if (canon == NULL)
        abort();
    if (n == NULL) {
        expect_error(MpExc_ValueError, NULL, "int() raised", text);
        free(canon);
        return;
    }
    s = MpObject_Str(n);
    if (s == NULL) {
        /* over the int-to-str digit limit */
        expect_error(MpExc_ValueError, NULL, "str(int) raised", text);
    }
    else {
        const char *dec = MpUnicode_AsUTF8(s);
        back = MpLong_FromString(dec, NULL, 10);
        if (back == NULL || !equal(back, n))
            fail("int(str(n)) != n", text);
        s2 = MpObject_Str(back);
        if (s2 == NULL || !equal(s2, s))
            fail("str(int(str(n))) != str(n)", text);
        if (base == 10 && canonical_decimal(text, canon) != NULL &&
            strcmp(canon, dec) != 0)
            fail("str(int(text)) is not the canonical text", text);
        check_int_to_float(n, dec, text);
        Mp_DECREF(s2);
        Mp_DECREF(back);
        Mp_DECREF(s);
    }
    check_int_base_round_trip(n, 2, text);
    check_int_base_round_trip(n, 8, text);
    check_int_base_round_trip(n, 16, text);
    Mp_DECREF(n);
    free(canon);
}

/* Text C's strtod reads exactly as float() should. */
static int
plain_float_syntax(const char *text)
{
    size_t i, n = strlen(text);
    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        if (!strchr("0123456789.eE+-", text[i]))
            return 0;
    }
    return 1;
}

static void
check_float(const char *text)
{
    MpObject *u = MpUnicode_FromString(text), *x, *r, *back;
    double v, w;

    if (u == NULL) {
        expect_error(MpExc_UnicodeDecodeError, NULL, "str() raised", text);
        return;
    }
    x = MpFloat_FromString(u);
    Mp_DECREF(u);
    if (x == NULL) {
        expect_error(MpExc_ValueError, NULL, "float() raised", text);
        return;
    }
    v = MpFloat_AsDouble(x);
    if (plain_float_syntax(text)) {
        char *end;
        double c = strtod(text, &end);
        if (*end == '\0' && memcmp(&c, &v, sizeof(v)) != 0)
            fail("float() differs from strtod", text);
    }
    r = MpObject_Repr(x);
    if (r == NULL)
        fail("repr(float) failed", text);
    back = MpFloat_FromString(r);
    if (back == NULL)
        fail("float(repr(x)) failed", text);
    w = MpFloat_AsDouble(back);
    if (!(isnan(v) && isnan(w)) && memcmp(&v, &w, sizeof(v)) != 0)
        fail("float(repr(x)) != x", text);
    Mp_DECREF(back);
    Mp_DECREF(r);
    Mp_DECREF(x);
}

static void
check_format(MpObject *value, MpObject *spec, const char *text)
{
    MpObject *r = MpObject_Format(value, spec);
    if (r == NULL) {
        if (MpErr_ExceptionMatches(MpExc_OverflowError) ||
            MpErr_ExceptionMatches(MpExc_MemoryError))
            MpErr_Clear();
        else
            expect_error(MpExc_ValueError, NULL, "format() raised", text);
        return;
    }
    if (!MpUnicode_Check(r))
        fail("format() did not return a str", text);
    Mp_DECREF(r);
}

static void
check_formats(const char *spec_text, const char *text)
{
    MpObject *spec = MpUnicode_FromStringAndSize(spec_text,
                                                 (Mp_ssize_t)strlen(spec_text));
    MpObject *values[3];
    size_t i;

    if (spec == NULL) {
        MpErr_Clear();
        return;
    }
    values[0] = MpLong_FromString("-1234567890123456789012345", NULL, 10);
    values[1] = MpFloat_FromDouble(-1234.5678e-3);
    values[2] = MpFloat_FromDouble(INFINITY);
    for (i = 0; i < 3; i++) {
        check_format(values[i], spec, text);
        Mp_DECREF(values[i]);
    }
    Mp_DECREF(spec);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    MpAllocStats st;

    setenv("MINIPYMALLOC", "malloc", 0);
    if (Mp_Initialize() < 0)
        abort();
    MpAlloc_GetStats(&st);
    MpAlloc_SetLimit(st.bytes_in_use + NUMBER_MEMORY);
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Mp_ssize_t live = Mp_GetLiveObjects();
    char *spec, *text;
    size_t speclen;
    int base;

    if (size < 2)
        return 0;
    base = data[0] % 37;
    if (base == 1)
        base = 10;
    speclen = MP_MIN((size_t)data[1], size - 2);
    spec = calloc(1, speclen + 1);
    text = calloc(1, size - 2 - speclen + 1);
    if (spec == NULL || text == NULL)
        abort();
    memcpy(spec, data + 2, speclen);
    memcpy(text, data + 2 + speclen, size - 2 - speclen);
    check_int(text, base);
    check_float(text);
    check_formats(spec, text);
    free(spec);
    free(text);
    if (MpErr_Occurred() != NULL)
        fail("an exception was left set", "");
    if (Mp_GetLiveObjects() != live)
        fail("objects leaked", "");
    return 0;
}
