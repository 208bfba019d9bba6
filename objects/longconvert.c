/*
 * longconvert.c -- conversions between int and C numbers: the
 * MpLong_From* constructors and the MpLong_As* readers, including the
 * correctly rounded conversion to double.
 *
 *   C value -> int    small values come from the cache; others are
 *                     split into 30-bit digits (a double: 30 bits at a
 *                     time from the top with frexp/ldexp, exactly)
 *   int -> C integer  read the digits into a uint64 magnitude, stop on
 *                     overflow, check the range of the target type
 *   int -> double     take the top 63 bits of |v| and a "sticky" bit for
 *                     anything nonzero below them, then round once to
 *                     53 bits, ties to even (mp_long_round_to_double, also
 *                     used by int / int); beyond DBL_MAX: OverflowError
 *
 * Rounding in one step from a 63-bit prefix is exact because the prefix
 * keeps at least two bits below the 53 kept: the half-way bit and a
 * sticky bit (the lower prefix bits or-ed with the dropped ones).
 *
 * Read alongside CPython 3.11: Objects/longobject.c PyLong_FromLong,
 * PyLong_FromDouble, PyLong_AsLongAndOverflow, PyLong_AsUnsignedLong,
 * _PyLong_Frexp, PyLong_AsDouble.
 */
#include <math.h>
#include <float.h>

#include "include/internal/mp_core.h"
#include "objects/longobject.h"

/* ---- Construction from C values ---- */

static MpObject *
long_from_magnitude(uint64_t mag, int negative)
{
    MpLongObject *v;
    Mp_ssize_t n = 0;
    uint64_t t;

    if (mag < MP_NSMALLPOSINTS && !negative) {
        MpObject *small = mp_long_get_small((long)mag);
        if (small != NULL)
            return small;
    }
    if (mag < MP_LONG_BASE) {
        /* one digit (the common case): no loops */
        v = mp_long_new(mag != 0);
        if (v == NULL)
            return NULL;
        v->ob_digit[0] = (digit)mag;
        if (negative)
            Mp_SET_SIZE(v, -Mp_SIZE(v));
        return (MpObject *)v;
    }
    for (t = mag; t != 0; t >>= MP_LONG_SHIFT)
        n++;
    v = mp_long_new(n);
    if (v == NULL)
        return NULL;
    for (n = 0; mag != 0; mag >>= MP_LONG_SHIFT)
        v->ob_digit[n++] = (digit)(mag & MP_LONG_MASK);
    if (negative)
        Mp_SET_SIZE(v, -n);
    return (MpObject *)v;
}

MpObject *
MpLong_FromLongLong(long long v)
{
    uint64_t mag = v < 0 ? 0U - (uint64_t)v : (uint64_t)v;

    if (v >= -MP_NSMALLNEGINTS && v < MP_NSMALLPOSINTS) {
        MpObject *small = mp_long_get_small((long)v);
        if (small != NULL)
            return small;
    }
    return long_from_magnitude(mag, v < 0);
}

MpObject *
MpLong_FromLong(long v)
{
    return MpLong_FromLongLong(v);
}

MpObject *
MpLong_FromSsize_t(Mp_ssize_t v)
{
    return MpLong_FromLongLong(v);
}

MpObject *
MpLong_FromUnsignedLong(unsigned long v)
{
    return long_from_magnitude(v, 0);
}

MpObject *
MpLong_FromSize_t(size_t v)
{
    return long_from_magnitude(v, 0);
}

MpObject *
MpLong_FromDouble(double dval)
{
    double frac;
    int expo;
    Mp_ssize_t ndig, i;
    MpLongObject *v;
    int negative = dval < 0;

    if (fabs(dval) < 9.2e18)
        return MpLong_FromLongLong((long long)dval);
    if (isinf(dval)) {
        MpErr_SetString(MpExc_OverflowError,
                        "cannot convert float infinity to integer");
        return NULL;
    }
    if (isnan(dval)) {
        MpErr_SetString(MpExc_ValueError,
                        "cannot convert float NaN to integer");
        return NULL;
    }
    /* |dval| = frac * 2**expo with 0.5 <= frac < 1; peel 30 bits at a
     * time from the top.  Exact: a double has at most 53 bits. */
    frac = frexp(fabs(dval), &expo);
    ndig = (expo - 1) / MP_LONG_SHIFT + 1;
    v = mp_long_new(ndig);
    if (v == NULL)
        return NULL;
    frac = ldexp(frac, (expo - 1) % MP_LONG_SHIFT + 1);
    for (i = ndig; --i >= 0;) {
        digit bits = (digit)frac;
        v->ob_digit[i] = bits;
        frac = ldexp(frac - (double)bits, MP_LONG_SHIFT);
    }
    if (negative)
        Mp_SET_SIZE(v, -ndig);
    return (MpObject *)v;
}

/* ---- Conversion to C values ---- */

/* The int to read: o itself (borrowed, *owned NULL) or o.__index__(). */
static MpLongObject *
long_operand(MpObject *o, MpObject **owned)
{
    *owned = NULL;
    if (o == NULL) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (MpLong_Check(o))
        return (MpLongObject *)o;
    *owned = MpNumber_Index(o);
    return (MpLongObject *)*owned;
}

/* |v| as uint64; -1 with *overflow set when it needs more bits. */
static int
long_magnitude64(const MpLongObject *v, uint64_t *mag)
{
    Mp_ssize_t i = mp_long_abs_size(v);
    uint64_t x = 0;

    while (--i >= 0) {
        if (x >> (64 - MP_LONG_SHIFT))
            return -1;
        x = (x << MP_LONG_SHIFT) | v->ob_digit[i];
    }
    *mag = x;
    return 0;
}

long
MpLong_AsLongAndOverflow(MpObject *o, int *overflow)
{
    MpObject *owned;
    MpLongObject *v = long_operand(o, &owned);
    uint64_t mag;
    long res = -1;

    *overflow = 0;
    if (v == NULL)
        return -1;
    if (long_magnitude64(v, &mag) < 0) {
        *overflow = Mp_SIZE(v) < 0 ? -1 : 1;
    }
    else if (Mp_SIZE(v) >= 0) {
        if (mag <= (uint64_t)LONG_MAX)
            res = (long)mag;
        else
            *overflow = 1;
    }
    else {
        if (mag <= (uint64_t)LONG_MAX + 1U)
            res = (long)(0U - mag);
        else
            *overflow = -1;
    }
    Mp_XDECREF(owned);
    return res;
}

long
MpLong_AsLong(MpObject *o)
{
    int overflow;
    long res = MpLong_AsLongAndOverflow(o, &overflow);

    if (overflow) {
        MpErr_SetString(MpExc_OverflowError,
                        "Python int too large to convert to C long");
        return -1;
    }
    return res;
}

long long
MpLong_AsLongLong(MpObject *o)
{
    int overflow;
    long res = MpLong_AsLongAndOverflow(o, &overflow);

    if (overflow) {
        /* CPython's wording here comes from its byte-array converter. */
        MpErr_SetString(MpExc_OverflowError, "int too big to convert");
        return -1;
    }
    return res;
}

Mp_ssize_t
MpLong_AsSsize_t(MpObject *o)
{
    int overflow;
    long res;

    if (o == NULL || !MpLong_Check(o)) {
        MpErr_SetString(MpExc_TypeError, "an integer is required");
        return -1;
    }
    res = MpLong_AsLongAndOverflow(o, &overflow);
    if (overflow) {
        MpErr_SetString(MpExc_OverflowError,
                        "Python int too large to convert to C ssize_t");
        return -1;
    }
    return res;
}

/* Shared by the unsigned conversions: 'what' names the C type in the
 * overflow message, 'negmsg' is the one for negative values. */
static uint64_t
long_as_unsigned(MpObject *o, uint64_t max, const char *what,
                 const char *negmsg)
{
    MpLongObject *v = (MpLongObject *)o;
    uint64_t mag;

    if (o == NULL || !MpLong_Check(o)) {
        MpErr_SetString(MpExc_TypeError, "an integer is required");
        return (uint64_t)-1;
    }
    if (Mp_SIZE(v) < 0) {
        MpErr_SetString(MpExc_OverflowError, negmsg);
        return (uint64_t)-1;
    }
    if (long_magnitude64(v, &mag) < 0 || mag > max) {
        MpErr_Format(MpExc_OverflowError,
                     "Python int too large to convert to C %s", what);
        return (uint64_t)-1;
    }
    return mag;
}

size_t
MpLong_AsSize_t(MpObject *o)
{
    return (size_t)long_as_unsigned(o, SIZE_MAX, "size_t",
                                    "can't convert negative value to size_t");
}

unsigned long
MpLong_AsUnsignedLong(MpObject *o)
{
    return (unsigned long)long_as_unsigned(
        o, ULONG_MAX, "unsigned long",
        "can't convert negative value to unsigned int");
}

int
MpLong_Sign(MpObject *o)
{
    Mp_ssize_t n = Mp_SIZE(o);
    return n == 0 ? 0 : (n < 0 ? -1 : 1);
}

size_t
MpLong_NumBits(MpObject *o)
{
    return (size_t)mp_long_bit_length((MpLongObject *)o);
}

/* ---- Conversion to double ---- */

double
mp_long_round_to_double(uint64_t q, int sticky, Mp_ssize_t exp,
                        int *overflow)
{
    int k = q == 0 ? 0 : 64 - __builtin_clzll(q);
    Mp_ssize_t drop = MP_MAX((Mp_ssize_t)k - DBL_MANT_DIG,
                             (Mp_ssize_t)(DBL_MIN_EXP - DBL_MANT_DIG) - exp);
    uint64_t m = q;

    *overflow = 0;
    if (drop > 0) {
        uint64_t rem, half;
        if (drop >= 64)
            return 0.0;     /* below half the smallest subnormal */
        m = q >> drop;
        rem = q & (((uint64_t)1 << drop) - 1);
        half = (uint64_t)1 << (drop - 1);
        if (rem > half || (rem == half && (sticky || (m & 1))))
            m++;
        exp += drop;
    }
    if (m != 0 && (64 - __builtin_clzll(m)) + exp > DBL_MAX_EXP) {
        *overflow = 1;
        return -1.0;
    }
    return ldexp((double)m, (int)MP_MAX(exp, -2 * DBL_MAX_EXP));
}

uint64_t
mp_long_extract_bits(const MpLongObject *v, uint64_t shift, int *sticky)
{
    Mp_ssize_t n = mp_long_abs_size(v), i;
    Mp_ssize_t lo = (Mp_ssize_t)(shift / MP_LONG_SHIFT);
    int bit = (int)(shift % MP_LONG_SHIFT);
    uint64_t q = 0;
    int pos = -bit;

    *sticky = 0;
    for (i = 0; i < lo && i < n && !*sticky; i++)
        *sticky = v->ob_digit[i] != 0;
    if (lo < n && bit > 0 && (v->ob_digit[lo] & (((digit)1 << bit) - 1)))
        *sticky = 1;
    for (i = lo; i < n && pos < 64; i++, pos += MP_LONG_SHIFT) {
        uint64_t d = v->ob_digit[i];
        q |= pos < 0 ? d >> -pos : d << pos;
    }
    return q;
}

double
MpLong_AsDouble(MpObject *o)
{
    MpLongObject *v = (MpLongObject *)o;
    uint64_t nbits, shift, q;
    int sticky, overflow;
    double x;

    if (o == NULL || !MpLong_Check(o)) {
        MpErr_SetString(MpExc_TypeError, "an integer is required");
        return -1.0;
    }
    if (mp_long_abs_size(v) <= 1)
        return Mp_SIZE(v) < 0 ? -(double)v->ob_digit[0]
                              : (Mp_SIZE(v) ? (double)v->ob_digit[0] : 0.0);
    nbits = mp_long_bit_length(v);
    shift = nbits > 63 ? nbits - 63 : 0;
    q = mp_long_extract_bits(v, shift, &sticky);
    x = mp_long_round_to_double(q, sticky, (Mp_ssize_t)shift, &overflow);
    if (overflow) {
        MpErr_SetString(MpExc_OverflowError,
                        "int too large to convert to float");
        return -1.0;
    }
    return Mp_SIZE(v) < 0 ? -x : x;
}
