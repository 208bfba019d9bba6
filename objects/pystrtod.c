/*
 * pystrtod.c -- doubles to decimal strings and back, as CPython does.
 *
 * Every conversion starts from the *exact* decimal value of the double.
 * A finite double is m * 2**e with an integer m < 2**53, so its decimal
 * expansion is finite and has at most 767 significant digits; the C
 * library's "%.*e" with enough digits writes it exactly (glibc prints
 * binary values exactly), and the number of digits needed is estimated
 * from m and e.  From those digits:
 *
 *   request                   digits kept            rounding
 *   ------------------------  ---------------------  --------------------
 *   repr / str / format ''    shortest that reads    pick among the two
 *                             back (1..17)           neighbours of v
 *   'e' with precision p      p + 1 significant      half-even, exact tail
 *   'f' with precision p      decpt + p              half-even, exact tail
 *   'g' with precision p      p significant          half-even, exact tail
 *   round(x, n)               decpt + n              half-even, exact tail
 *
 * Shortest digits: for a digit count n the candidates are the n-digit
 * decimals just below and just above v (truncate, or truncate and add one
 * unit in the last place).  A candidate is good when strtod reads it back
 * as v; the smallest n with a good candidate is found by binary search
 * (once some n works, every larger n does).  Trying both neighbours
 * matters at powers of two, where the interval of decimals that read back
 * as v is twice as wide above v as below it, so the nearest n-digit
 * decimal may fail while the other one succeeds.  When both are good the nearer wins (ties go to the even
 * digit), which is what David Gay's mode 0 returns.
 *
 * Layout (CPython's format_float_short): the digits, a decimal point
 * position 'decpt' (v = 0.DIGITS * 10**decpt), then zeros are added on
 * either side as the format needs, the point is placed, and an exponent
 * "e+XX" (at least two digits) is appended in exponent notation.
 *
 *   repr:  exponent notation when decpt <= -4 or decpt > 16
 *   'g':   exponent notation when decpt <= -4 or decpt > p
 *          (decpt > p - 1 for format(x, '.p'), which adds ".0")
 *
 * Invariant: digit strings handed between the helpers never have trailing
 * zeros, except the single "0" that stands for zero (with decpt 1).
 *
 * Read alongside CPython 3.11: Python/pystrtod.c format_float_short,
 * PyOS_double_to_string, _Py_string_to_number_with_underscores;
 * Objects/floatobject.c double_round.
 *
 * Hexadecimal (float.hex/fromhex) is exact in both directions: 13 hex
 * digits hold the 52 fraction bits, and glibc's strtod rounds hexadecimal
 * input correctly.
 *
 * minipy leaves out: its own big-number strtod (glibc's strtod is
 * correctly rounded, and is used for reading back).
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "include/internal/mp_core.h"
#include "objects/pystrtod.h"

/* Digits after the point in the "%.*e" that gives the exact expansion. */
#define EXACT_PRECISION 770
#define EXACT_BUFSIZE (EXACT_PRECISION + 16)

/* ---- Exact digits and rounding ---- */

/* Significant digits of the exact decimal expansion of the finite v > 0,
 * over-estimated by at most a few: v = mant * 2**exp with mant odd has
 * as many digits as the integer mant * 5**-exp when exp < 0, and as the
 * integer v itself otherwise. */
static int
exact_digit_estimate(double v)
{
    int e2, exp;
    double f = frexp(v, &e2);
    uint64_t mant = (uint64_t)ldexp(f, 53);
    double digits;

    exp = e2 - 53;
    while ((mant & 1) == 0) {
        mant >>= 1;
        exp++;
    }
    if (exp >= 0)
        digits = log10(v);
    else
        digits = log10((double)mant) - exp * 0.69897000433601880479;
    return (int)digits + 3;
}

/* Write the exact significant digits of the finite v > 0 into out (at
 * least EXACT_BUFSIZE bytes), trailing zeros stripped; *decpt as above.
 * Returns the digit count. */
static int
exact_digits(double v, char *out, int *decpt)
{
    char buf[EXACT_BUFSIZE];
    const char *p;
    int n = 0, precision = exact_digit_estimate(v);

    if (precision > EXACT_PRECISION)
        precision = EXACT_PRECISION;
    snprintf(buf, sizeof(buf), "%.*e", precision, v);
    out[n++] = buf[0];
    for (p = buf + 2; *p != 'e'; p++)
        out[n++] = *p;
    *decpt = atoi(p + 1) + 1;
    while (n > 1 && out[n - 1] == '0')
        n--;
    out[n] = '\0';
    return n;
}

/* Add one unit in the last place of the n digits d; a carry out of the
 * first digit turns "99" into "1" with *decpt one higher.  Returns the new
 * digit count (trailing zeros stripped). */
static int
increment_digits(char *d, int n, int *decpt)
{
    int i = n - 1;

    while (i >= 0 && d[i] == '9')
        d[i--] = '0';
    if (i < 0) {
        d[0] = '1';
        n = 1;
        (*decpt)++;
    }
    else {
        d[i]++;
    }
    while (n > 1 && d[n - 1] == '0')
        n--;
    d[n] = '\0';
    return n;
}

/* Compare the tail d[keep..n) with one half unit at position keep:
 * <0, 0 (exactly half), >0.  keep < n. */
static int
compare_tail_with_half(const char *d, int n, int keep)
{
    int i;

    if (d[keep] != '5')
        return d[keep] < '5' ? -1 : 1;
    for (i = keep + 1; i < n; i++) {
        if (d[i] != '0')
            return 1;
    }
    return 0;
}

/* Round the n exact digits d (with *decpt) to 'keep' significant digits,
 * half-even.  keep may be zero or negative (rounding above the first
 * digit).  Returns the new count; zero comes out as "0" with decpt 1. */
static int
round_digits(char *d, int n, int *decpt, int keep)
{
    int cmp, up;

    if (keep >= n)
        return n;
    if (keep < 0)
        goto zero;
    if (keep == 0) {
        cmp = compare_tail_with_half(d, n, 0);
        if (cmp > 0) {
            d[0] = '1';
            d[1] = '\0';
            (*decpt)++;
            return 1;
        }
        goto zero;    /* half rounds to the even 0 */
    }
    cmp = compare_tail_with_half(d, n, keep);
    up = cmp > 0 || (cmp == 0 && ((d[keep - 1] - '0') & 1));
    n = keep;
    d[n] = '\0';
    if (up)
        return increment_digits(d, n, decpt);
    while (n > 1 && d[n - 1] == '0')
        n--;
    d[n] = '\0';
    return n;

  zero:
    d[0] = '0';
    d[1] = '\0';
    *decpt = 1;
    return 1;
}

/* 1 if 0.D * 10**decpt reads back as v. */
static int
reads_back(const char *d, int decpt, double v)
{
    char buf[48];

    snprintf(buf, sizeof(buf), "0.%se%d", d, decpt);
    return strtod(buf, NULL) == v;
}

/* The two n-digit neighbours of v: lo (the truncation) and hi (lo plus
 * one unit in the last place, with its own decpt).  Sets which of them
 * read back as v.  n < nd. */
static void
neighbours(const char *exact, int n, int decpt, double v, char *lo,
           char *hi, int *hi_n, int *hi_decpt, int *ok_lo, int *ok_hi)
{
    memcpy(lo, exact, (size_t)n);
    lo[n] = '\0';
    memcpy(hi, lo, (size_t)n + 1);
    *hi_decpt = decpt;
    *hi_n = increment_digits(hi, n, hi_decpt);
    *ok_lo = reads_back(lo, decpt, v);
    *ok_hi = reads_back(hi, *hi_decpt, v);
}

int
mp_dtoa_shortest(double v, char *digits, int *decpt)
{
    char exact[EXACT_BUFSIZE];
    char lo[24], hi[24];
    int nd, n, low, high, hi_n, hi_decpt, ok_lo, ok_hi, cmp;

    nd = exact_digits(v, exact, decpt);
    /* "Some n-digit neighbour reads back" holds for every n from the
     * answer on (finer grids have neighbours closer to v), and always for
     * n = 17: binary search for the smallest such n. */
    low = 1;
    high = 17;
    while (low < high) {
        n = (low + high) / 2;
        if (n >= nd) {
            high = n;
            continue;
        }
        neighbours(exact, n, *decpt, v, lo, hi, &hi_n, &hi_decpt, &ok_lo,
                   &ok_hi);
        if (ok_lo || ok_hi)
            high = n;
        else
            low = n + 1;
    }
    n = low;
    if (n >= nd) {
        memcpy(digits, exact, (size_t)nd + 1);
        return nd;
    }
    neighbours(exact, n, *decpt, v, lo, hi, &hi_n, &hi_decpt, &ok_lo,
               &ok_hi);
    if (!ok_lo && !ok_hi) {
        /* 17 digits: the correctly rounded ones always read back. */
        n = round_digits(exact, nd, decpt, 17);
        memcpy(digits, exact, (size_t)n + 1);
        return n;
    }
    cmp = compare_tail_with_half(exact, nd, n);
    if (ok_hi && (!ok_lo || cmp > 0
                  || (cmp == 0 && ((lo[n - 1] - '0') & 1)))) {
        memcpy(digits, hi, (size_t)hi_n + 1);
        *decpt = hi_decpt;
        return hi_n;
    }
    while (n > 1 && lo[n - 1] == '0')
        n--;
    lo[n] = '\0';
    memcpy(digits, lo, (size_t)n + 1);
    return n;
}

/* ---- Layout ---- */

typedef struct {
    char code;          /* 'e', 'f', 'g' or 'r' (lower case) */
    Mp_ssize_t precision;   /* wide: precision + decpt must not overflow */
    int add_dot_0;
    int alt;
} layout_spec;

/* Write the digits d (n of them, decpt) into out as the spec asks, without
 * the sign.  out must hold n + |decpt| + precision + 16 bytes.  Returns
 * the length written. */
static size_t
layout_digits(const char *d, int n, int decpt, const layout_spec *ls,
              char *out)
{
    Mp_ssize_t vstart, vend = n, i, dp = decpt;
    int use_exp = 0, exp = 0;
    size_t len = 0;

    switch (ls->code) {
    case 'e':
        use_exp = 1;
        vend = ls->precision;
        break;
    case 'f':
        vend = dp + ls->precision;
        break;
    case 'g':
        if (dp <= -4
            || dp > (ls->add_dot_0 ? ls->precision - 1 : ls->precision))
            use_exp = 1;
        if (ls->alt)
            vend = ls->precision;
        break;
    default:    /* 'r' */
        if (dp <= -4 || dp > 16)
            use_exp = 1;
        break;
    }
    if (use_exp) {
        exp = dp - 1;
        dp = 1;
    }
    /* A leading "0" before the point when it comes before every digit. */
    vstart = dp <= 0 ? dp - 1 : 0;
    if (!use_exp && ls->add_dot_0)
        vend = MP_MAX(vend, dp + 1);
    else
        vend = MP_MAX(vend, dp);
    vend = MP_MAX(vend, n);
    for (i = vstart; i < vend; i++) {
        if (i == dp)
            out[len++] = '.';
        out[len++] = (i >= 0 && i < n) ? d[i] : '0';
    }
    if (dp == vend && ls->alt)
        out[len++] = '.';
    if (use_exp)
        len += (size_t)sprintf(out + len, "e%+.02d", exp);
    out[len] = '\0';
    return len;
}

/* Digits of the finite |val| for the spec: shortest for 'r', else the
 * exact digits rounded.  digits holds EXACT_BUFSIZE bytes. */
static int
spec_digits(double val, const layout_spec *ls, char *digits, int *decpt)
{
    Mp_ssize_t keep;
    int n;

    if (val == 0.0) {
        digits[0] = '0';
        digits[1] = '\0';
        *decpt = 1;
        return 1;
    }
    if (ls->code == 'r')
        return mp_dtoa_shortest(val, digits, decpt);
    n = exact_digits(val, digits, decpt);
    switch (ls->code) {
    case 'e':
        keep = ls->precision;
        break;
    case 'f':
        keep = *decpt + ls->precision;
        break;
    default:
        keep = ls->precision;
        break;
    }
    /* More digits than exist need no rounding. */
    return round_digits(digits, n, decpt, (int)MP_MIN(keep, EXACT_BUFSIZE));
}

char *
mp_os_double_to_string(double val, char format_code, int precision,
                       int flags, int *type)
{
    char digits[EXACT_BUFSIZE];
    layout_spec ls;
    int upper = 0, negative, n, decpt, kind = MP_DTST_FINITE;
    size_t cap, len = 0, i;
    char *out;

    if (format_code >= 'A' && format_code <= 'Z') {
        upper = 1;
        format_code = (char)(format_code - 'A' + 'a');
    }
    ls.code = format_code;
    ls.precision = precision < 0 ? 0 : precision;
    ls.add_dot_0 = (flags & MP_DTSF_ADD_DOT_0) != 0;
    ls.alt = (flags & MP_DTSF_ALT) != 0;
    if (format_code == 'e')
        ls.precision++;             /* significant digits */
    else if (format_code == 'g' && ls.precision == 0)
        ls.precision = 1;
    negative = signbit(val) != 0;
    if (isnan(val)) {
        kind = MP_DTST_NAN;
        negative = 0;
    }
    else if (isinf(val)) {
        kind = MP_DTST_INFINITE;
    }
    n = 0;
    decpt = 0;
    if (kind == MP_DTST_FINITE)
        n = spec_digits(fabs(val), &ls, digits, &decpt);
    cap = (size_t)n + (size_t)(decpt < 0 ? -decpt : decpt)
          + (size_t)ls.precision + 24;
    out = MpMem_Malloc(cap);
    if (out == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    if (negative && (flags & MP_DTSF_NO_NEG_0) && kind == MP_DTST_FINITE
        && n == 1 && digits[0] == '0')
        negative = 0;       /* 'z': the rounded value is zero */
    if (negative)
        out[len++] = '-';
    else if (flags & MP_DTSF_SIGN)
        out[len++] = '+';
    if (kind == MP_DTST_NAN)
        len += (size_t)sprintf(out + len, "nan");
    else if (kind == MP_DTST_INFINITE)
        len += (size_t)sprintf(out + len, "inf");
    else
        len += layout_digits(digits, n, decpt, &ls, out + len);
    if (upper) {
        for (i = 0; i < len; i++) {
            if (out[i] >= 'a' && out[i] <= 'z')
                out[i] = (char)(out[i] - 'a' + 'A');
        }
    }
    if (type != NULL)
        *type = kind;
    return out;
}

void
MpOS_double_to_repr(double v, char *buf, size_t bufsize)
{
    char digits[EXACT_BUFSIZE];
    char tmp[64];
    layout_spec ls = {'r', 0, 1, 0};
    size_t len = 0;
    int n, decpt;

    if (isnan(v)) {
        snprintf(buf, bufsize, "nan");
        return;
    }
    if (signbit(v))
        tmp[len++] = '-';
    if (isinf(v)) {
        snprintf(tmp + len, sizeof(tmp) - len, "inf");
    }
    else {
        n = spec_digits(fabs(v), &ls, digits, &decpt);
        layout_digits(digits, n, decpt, &ls, tmp + len);
    }
    snprintf(buf, bufsize, "%s", tmp);
}

/* ---- round(x, n) ---- */

double
mp_float_round(double x, Mp_ssize_t ndigits)
{
    char digits[EXACT_BUFSIZE];
    char buf[EXACT_BUFSIZE + 16];
    int n, decpt;
    double r;

    if (!isfinite(x) || x == 0.0)
        return x;
    /* Past these bounds nothing changes (every double has fewer than
     * 324 decimals) or everything rounds to zero (no double reaches
     * 10**309): CPython's NDIGITS_MAX and NDIGITS_MIN. */
    if (ndigits > 323)
        return x;
    if (ndigits < -308)
        return 0.0 * x;
    n = exact_digits(fabs(x), digits, &decpt);
    n = round_digits(digits, n, &decpt, decpt + (int)ndigits);
    snprintf(buf, sizeof(buf), "%s0.%se%d", x < 0 ? "-" : "", digits,
             decpt);
    errno = 0;
    r = strtod(buf, NULL);
    if (isinf(r)) {
        MpErr_SetString(MpExc_OverflowError,
                        "rounded value too large to represent");
        return -1.0;
    }
    return r;
}

/* ---- Reading: float() syntax ---- */

static int
is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Match one of "inf", "infinity", "nan" (any case) filling all of s[0..n).
 * Returns 1 for an infinity, 2 for a NaN, 0 for no match. */
static int
match_special(const char *s, Mp_ssize_t n)
{
    static const char *const words[] = {"inf", "infinity", "nan"};
    Mp_ssize_t i;
    size_t w;

    for (w = 0; w < MP_ARRAY_LENGTH(words); w++) {
        if ((size_t)n != strlen(words[w]))
            continue;
        for (i = 0; i < n; i++) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != words[w][i])
                break;
        }
        if (i == n)
            return w == 2 ? 2 : 1;
    }
    return 0;
}

/* Copy a digit run with single underscores between digits from s[*i..)
 * to out (without the underscores).  Returns the digits copied, or -1 when
 * an underscore is misplaced. */
static Mp_ssize_t
copy_digit_part(const char *s, Mp_ssize_t n, Mp_ssize_t *i, char *out,
                Mp_ssize_t *olen)
{
    Mp_ssize_t count = 0;

    while (*i < n) {
        if (is_digit(s[*i])) {
            out[(*olen)++] = s[(*i)++];
            count++;
        }
        else if (s[*i] == '_') {
            if (count == 0 || *i + 1 >= n || !is_digit(s[*i + 1]))
                return -1;
            (*i)++;
        }
        else {
            break;
        }
    }
    return count;
}

/* Check the decimal literal s[0..n) (sign already removed) and copy it
 * without underscores into out.  0, or -1 when it is not a literal. */
static int
copy_decimal(const char *s, Mp_ssize_t n, char *out, Mp_ssize_t *olen)
{
    Mp_ssize_t i = 0, intd, fracd = 0, expd;

    intd = copy_digit_part(s, n, &i, out, olen);
    if (intd < 0)
        return -1;
    if (i < n && s[i] == '.') {
        out[(*olen)++] = s[i++];
        fracd = copy_digit_part(s, n, &i, out, olen);
        if (fracd < 0)
            return -1;
    }
    if (intd + fracd == 0)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        out[(*olen)++] = s[i++];
        if (i < n && (s[i] == '+' || s[i] == '-'))
            out[(*olen)++] = s[i++];
        expd = copy_digit_part(s, n, &i, out, olen);
        if (expd <= 0)
            return -1;
    }
    return i == n ? 0 : -1;
}

int
mp_os_string_to_double(const char *s, Mp_ssize_t n, double *result)
{
    char small[128];
    char *buf = small;
    Mp_ssize_t olen = 0;
    int negative = 0, special, rc = -1;

    while (n > 0 && is_ascii_space(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_ascii_space(s[n - 1]))
        n--;
    if (n > 0 && (*s == '+' || *s == '-')) {
        negative = *s == '-';
        s++;
        n--;
    }
    special = match_special(s, n);
    if (special) {
        *result = special == 1 ? INFINITY : NAN;
        if (negative)
            *result = -*result;
        return 0;
    }
    if ((size_t)n + 2 > sizeof(small)) {
        buf = MpMem_Malloc((size_t)n + 2);
        if (buf == NULL) {
            MpErr_NoMemory();
            return -2;
        }
    }
    if (negative)
        buf[olen++] = '-';
    if (copy_decimal(s, n, buf, &olen) == 0) {
        buf[olen] = '\0';
        *result = strtod(buf, NULL);
        rc = 0;
    }
    if (buf != small)
        MpMem_Free(buf);
    return rc;
}

/* ---- Hexadecimal: float.hex() and float.fromhex() ---- */

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void
mp_os_double_to_hex(double v, char *buf, size_t bufsize)
{
    static const char hexdigits[] = "0123456789abcdef";
    char mant[24];
    double m;
    int e, shift, i, n = 0, d;

    if (isnan(v) || isinf(v)) {
        snprintf(buf, bufsize, isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == 0.0) {
        snprintf(buf, bufsize, "%s0x0.0p+0", signbit(v) ? "-" : "");
        return;
    }
    /* Scale to 1 <= m < 2 (normal) or m < 1 with exponent -1022
     * (subnormal), then peel off 13 hexadecimal digits of fraction. */
    m = frexp(fabs(v), &e);
    shift = 1 - MP_MAX(DBL_MIN_EXP - e, 0);
    m = ldexp(m, shift);
    e -= shift;
    d = (int)m;
    mant[n++] = hexdigits[d];
    m -= d;
    mant[n++] = '.';
    for (i = 0; i < 13; i++) {
        m *= 16.0;
        d = (int)m;
        mant[n++] = hexdigits[d];
        m -= d;
    }
    mant[n] = '\0';
    snprintf(buf, bufsize, "%s0x%sp%+d", v < 0 ? "-" : "", mant, e);
}

/* Copy a run of hexadecimal digits from s[*i..n) to out; returns how
 * many. */
static Mp_ssize_t
copy_hex_digits(const char *s, Mp_ssize_t n, Mp_ssize_t *i, char *out,
                Mp_ssize_t *olen)
{
    Mp_ssize_t count = 0;

    while (*i < n && hex_value(s[*i]) >= 0) {
        out[(*olen)++] = s[(*i)++];
        count++;
    }
    return count;
}

/* Check the body of a hexadecimal literal (after sign and optional 0x)
 * and copy it in strtod's syntax ("0x<digits>.<digits>p<exp>") to out.
 * 0, or -1 when it is malformed. */
static int
copy_hex_body(const char *s, Mp_ssize_t n, char *out, Mp_ssize_t *olen)
{
    Mp_ssize_t i = 0, digits;

    out[(*olen)++] = '0';
    out[(*olen)++] = 'x';
    digits = copy_hex_digits(s, n, &i, out, olen);
    if (i < n && s[i] == '.') {
        out[(*olen)++] = s[i++];
        digits += copy_hex_digits(s, n, &i, out, olen);
    }
    if (digits == 0)
        return -1;
    out[(*olen)++] = 'p';
    if (i < n && (s[i] == 'p' || s[i] == 'P')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            out[(*olen)++] = s[i++];
        if (i >= n || !is_digit(s[i]))
            return -1;
        while (i < n && is_digit(s[i]))
            out[(*olen)++] = s[i++];
    }
    else {
        out[(*olen)++] = '0';
    }
    return i == n ? 0 : -1;
}

int
mp_os_hex_to_double(const char *s, Mp_ssize_t n, double *result)
{
    char *buf;
    Mp_ssize_t olen = 0;
    int negative = 0, special, rc = -1;

    while (n > 0 && is_ascii_space(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_ascii_space(s[n - 1]))
        n--;
    if (n > 0 && (*s == '+' || *s == '-')) {
        negative = *s == '-';
        s++;
        n--;
    }
    special = match_special(s, n);
    if (special) {
        *result = special == 1 ? INFINITY : NAN;
        if (negative)
            *result = -*result;
        return 0;
    }
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        n -= 2;
    }
    buf = MpMem_Malloc((size_t)n + 8);
    if (buf == NULL) {
        MpErr_NoMemory();
        return -2;
    }
    if (negative)
        buf[olen++] = '-';
    if (copy_hex_body(s, n, buf, &olen) == 0) {
        buf[olen] = '\0';
        *result = strtod(buf, NULL);
        rc = isinf(*result) ? -3 : 0;
    }
    MpMem_Free(buf);
    return rc;
}
