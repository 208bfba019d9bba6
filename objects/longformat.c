/*
 * longformat.c -- converting ints to and from text in bases 2..36.
 *
 *   direction   base              algorithm                      cost
 *   ----------  ----------------  -----------------------------  -------
 *   str -> int  2, 4, 8, 16, 32   pack bits from the last char   O(n)
 *   str -> int  others            chunks of k chars: z = z * b**k
 *                                 + chunk (b**k < 2**30)         O(n^2)
 *   str -> int  others, > 1000    divide and conquer on the text,
 *               digits            halves joined by a Karatsuba
 *                                 product with a shared b**m     O(n^1.6)
 *   int -> str  2, 4, 8, 16, 32   peel bits from the low digit   O(n)
 *   int -> str  others            repack the 30-bit digits into
 *                                 digits of b**k (10**9 for
 *                                 decimal), then print them      O(n^2)
 *
 * The grammar int() accepts (bases 0 and 2..36):
 *
 *   [ws] [+|-] [0x|0o|0b] digit ( ['_'] digit )* [ws]
 *
 * where a prefix is allowed when base is 0 or names that base, one '_'
 * may follow the prefix, and with base 0 a decimal literal may not start
 * with '0' unless it is all zeros ("010" is an error, "00_0" is 0).
 *
 * The int/str conversion limit (CPython 3.11, CVE-2020-10735): a decimal
 * conversion (any non-power-of-two base for parsing) of more than
 * max_str_digits digits (default 4300, 0 = off) raises ValueError before
 * the quadratic work starts.  The sys module exposes it through
 * mp_long_get_max_str_digits / mp_long_set_max_str_digits.
 *
 * Read alongside CPython 3.11: Objects/longobject.c PyLong_FromString,
 * long_from_binary_base, long_from_non_binary_base,
 * long_to_decimal_string_internal, long_format_binary.  minipy leaves out
 * a subquadratic int -> str (3.11 has none either: it would need fast
 * division); with the default limit the quadratic loops are fast.
 */
#include <stdio.h>

#include "include/internal/mp_core.h"
#include "objects/longobject.h"
#include "objects/unicodeobject.h"

static struct {
    int max_str_digits;
} state;

void
mp_long_format_init(void)
{
    state.max_str_digits = MP_LONG_DEFAULT_MAX_STR_DIGITS;
}

int
mp_long_get_max_str_digits(void)
{
    return state.max_str_digits;
}

int
mp_long_set_max_str_digits(int maxdigits)
{
    if (maxdigits != 0 && maxdigits < MP_LONG_MAX_STR_DIGITS_THRESHOLD) {
        MpErr_Format(MpExc_ValueError,
                     "maxdigits must be 0 or larger than %d",
                     MP_LONG_MAX_STR_DIGITS_THRESHOLD);
        return -1;
    }
    state.max_str_digits = maxdigits;
    return 0;
}

/* ---- Text to int ---- */

/* The value of character c as a digit, or 99 for a non-digit. */
static int
digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

static int
is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* ValueError "invalid literal for int() with base 10: 'abc'", quoting at
 * most 200 characters of the repr of 'orig' (or of the text). */
static MpObject *
invalid_literal(int base, const char *s, Mp_ssize_t len, MpObject *orig)
{
    MpObject *text, *repr, *cut;

    if (orig != NULL)
        text = Mp_NewRef(orig);
    else
        text = MpUnicode_FromStringAndSize(s, MP_MIN(len, 200));
    if (text == NULL)
        return NULL;
    repr = MpObject_Repr(text);
    Mp_DECREF(text);
    if (repr == NULL)
        return NULL;
    cut = MpUnicode_Substring(repr, 0, MP_MIN(MpUnicode_GetLength(repr),
                                              200));
    Mp_DECREF(repr);
    if (cut == NULL)
        return NULL;
    MpErr_Format(MpExc_ValueError,
                 "invalid literal for int() with base %d: %S", base, cut);
    Mp_DECREF(cut);
    return NULL;
}

/* A scanned literal: the digit characters s[start..end) in 'base', of
 * which 'ndigits' are digits (the rest underscores). */
typedef struct {
    const char *start;
    const char *end;
    Mp_ssize_t ndigits;
    int base;
    int negative;
} literal;

/* Read the sign and prefix; returns the first digit position. */
static const char *
scan_prefix(const char *p, const char *end, literal *lit, int *after_prefix)
{
    *after_prefix = 0;
    lit->negative = 0;
    if (p < end && (*p == '+' || *p == '-'))
        lit->negative = *p++ == '-';
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb != 0 && (lit->base == 0 || lit->base == pb)) {
            lit->base = pb;
            *after_prefix = 1;
            return p + 2;
        }
    }
    return p;
}

/* Scan digits and single underscores between them; stops at the first
 * character that does not fit.  Returns the scan end. */
static const char *
scan_digits(const char *p, const char *end, literal *lit, int after_prefix)
{
    int prev_digit = after_prefix;   /* an '_' may follow a prefix */

    lit->start = p;
    lit->ndigits = 0;
    while (p < end) {
        if (*p == '_') {
            if (!prev_digit || p + 1 >= end ||
                digit_value((unsigned char)p[1]) >= lit->base)
                break;
            prev_digit = 0;
        }
        else if (digit_value((unsigned char)*p) < lit->base) {
            lit->ndigits++;
            prev_digit = 1;
        }
        else {
            break;
        }
        p++;
    }
    lit->end = p;
    return p;
}

/* Base 0 without a prefix is decimal, where a leading '0' means the
 * literal must be all zeros. */
static int
base0_decimal_ok(const literal *lit)
{
    const char *p;

    if (lit->start == lit->end || *lit->start != '0')
        return 1;
    for (p = lit->start; p < lit->end; p++) {
        if (*p != '0' && *p != '_')
            return 0;
    }
    return 1;
}

/* Power-of-two bases: pack 'bits' bits per character from the end. */
static MpLongObject *
long_from_binary_base(const literal *lit, int bits)
{
    Mp_ssize_t n = (lit->ndigits * bits + MP_LONG_SHIFT - 1) / MP_LONG_SHIFT;
    MpLongObject *z = mp_long_new(n);
    twodigits acc = 0;
    int accbits = 0;
    Mp_ssize_t i = 0;
    const char *p;

    if (z == NULL)
        return NULL;
    for (p = lit->end; p-- > lit->start;) {
        if (*p == '_')
            continue;
        acc |= (twodigits)digit_value((unsigned char)*p) << accbits;
        accbits += bits;
        if (accbits >= MP_LONG_SHIFT) {
            z->ob_digit[i++] = (digit)(acc & MP_LONG_MASK);
            acc >>= MP_LONG_SHIFT;
            accbits -= MP_LONG_SHIFT;
        }
    }
    if (accbits > 0)
        z->ob_digit[i++] = (digit)acc;
    while (i < n)
        z->ob_digit[i++] = 0;
    return z;
}

/* Other bases: z = z * base**k + chunk over chunks of k characters of
 * s[0..len) ('_' skipped), 'ndigits' of them digits.  Quadratic. */
static MpLongObject *
long_from_non_binary_base(const char *s, Mp_ssize_t len, Mp_ssize_t ndigits,
                          int base)
{
    digit convmax = (digit)base, convbase;
    int convwidth = 1, k;
    Mp_ssize_t size = 0, alloc, bits_per_char = 0;
    MpLongObject *z;
    const char *p = s, *end = s + len;

    while ((twodigits)convmax * (digit)base <= MP_LONG_BASE) {
        convmax *= (digit)base;
        convwidth++;
    }
    while ((1 << bits_per_char) < base)
        bits_per_char++;          /* ceil(log2(base)), an upper bound */
    alloc = ndigits * bits_per_char / MP_LONG_SHIFT + 2;
    z = mp_long_new(alloc);
    if (z == NULL)
        return NULL;
    while (p < end) {
        digit chunk = 0, carry;
        convbase = 1;
        for (k = 0; k < convwidth && p < end; p++) {
            if (*p == '_')
                continue;
            chunk = chunk * (digit)base +
                    (digit)digit_value((unsigned char)*p);
            convbase *= (digit)base;
            k++;
        }
        carry = mp_long_inplace_muladd1(z->ob_digit, size, convbase, chunk);
        if (carry != 0)
            z->ob_digit[size++] = carry;
    }
    Mp_SET_SIZE(z, size);
    return z;
}

/* Divide and conquer for long literals (only reachable with the str
 * digits limit raised or off):
 *   value(s) = value(s[0..n-m)) * base**m + value(s[n-m..n))
 * where m = DC_LEAF * 2**j is the largest such below n, so the powers
 * base**(DC_LEAF * 2**j) are shared by all the splits of one level and
 * made by squaring.  With Karatsuba products this is O(n**1.6) instead
 * of O(n**2). */
#define DC_LEAF 1000    /* characters; measured from 10**3 to 3*10**5 digits */
#define DC_MAX_LEVELS 48

typedef struct {
    int base;
    MpObject *pows[DC_MAX_LEVELS];      /* base ** (DC_LEAF << j), lazily */
} dc_state;

static MpObject *
dc_power(dc_state *st, int j)
{
    MpNumberMethods *nb = MpLong_Type.tp_as_number;

    if (st->pows[j] == NULL) {
        if (j == 0) {
            MpObject *b = MpLong_FromLong(st->base), *e;
            e = MpLong_FromLong(DC_LEAF);
            if (b != NULL && e != NULL)
                st->pows[0] = nb->nb_power(b, e, Mp_None);
            Mp_XDECREF(b);
            Mp_XDECREF(e);
        }
        else if (dc_power(st, j - 1) != NULL) {
            st->pows[j] = nb->nb_multiply(st->pows[j - 1], st->pows[j - 1]);
        }
    }
    return st->pows[j];
}

/* The value of the n digit characters at s (no '_').  New. */
static MpObject *
dc_parse(dc_state *st, const char *s, Mp_ssize_t n)
{
    MpNumberMethods *nb = MpLong_Type.tp_as_number;
    MpObject *hi, *lo, *pw, *t, *r = NULL;
    Mp_ssize_t m = DC_LEAF;
    int j = 0;

    if (n <= DC_LEAF)
        return mp_long_normalize(long_from_non_binary_base(s, n, n,
                                                           st->base));
    while (2 * m < n) {
        m *= 2;
        j++;
    }
    if ((pw = dc_power(st, j)) == NULL)
        return NULL;
    if ((hi = dc_parse(st, s, n - m)) == NULL)
        return NULL;
    t = nb->nb_multiply(hi, pw);
    Mp_DECREF(hi);
    if (t == NULL)
        return NULL;
    lo = dc_parse(st, s + n - m, m);
    if (lo != NULL) {
        r = nb->nb_add(t, lo);
        Mp_DECREF(lo);
    }
    Mp_DECREF(t);
    return r;
}

/* A literal of more than DC_LEAF digits in a non-binary base.  New. */
static MpObject *
long_from_long_literal(const literal *lit)
{
    char *digits = (char *)MpMem_Malloc((size_t)lit->ndigits);
    Mp_ssize_t n = 0;
    const char *p;
    dc_state st;
    MpObject *res;
    int j;

    if (digits == NULL)
        return MpErr_NoMemory();
    for (p = lit->start; p < lit->end; p++) {
        if (*p != '_')
            digits[n++] = *p;
    }
    memset(&st, 0, sizeof st);
    st.base = lit->base;
    res = dc_parse(&st, digits, n);
    for (j = 0; j < DC_MAX_LEVELS; j++)
        Mp_XDECREF(st.pows[j]);
    MpMem_Free(digits);
    return res;
}

/* Convert a scanned literal.  New (normalized), or NULL. */
static MpObject *
literal_to_long(const literal *lit)
{
    int bits = 0;
    MpLongObject *z;
    MpObject *res;

    if ((lit->base & (lit->base - 1)) == 0) {
        while ((1 << bits) < lit->base)
            bits++;
        z = long_from_binary_base(lit, bits);
    }
    else if (lit->ndigits > DC_LEAF) {
        /* The result may be a cached small int (leading zeros): negate
         * it as a value, never in place. */
        res = long_from_long_literal(lit);
        if (res != NULL && lit->negative)
            Mp_SETREF(res, MpLong_Type.tp_as_number->nb_negative(res));
        return res;
    }
    else {
        z = long_from_non_binary_base(lit->start, lit->end - lit->start,
                                      lit->ndigits, lit->base);
    }
    if (z != NULL && lit->negative)
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    return mp_long_normalize(z);
}

MpObject *
mp_long_from_ascii(const char *s, Mp_ssize_t len, int base,
                   const char **pend, MpObject *orig)
{
    const char *p = s, *end = s + len;
    int after_prefix, orig_base = base, limit = state.max_str_digits;
    literal lit;
    MpObject *res;

    if ((base != 0 && base < 2) || base > 36) {
        MpErr_SetString(MpExc_ValueError,
                        "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    while (p < end && is_space((unsigned char)*p))
        p++;
    lit.base = base;
    p = scan_prefix(p, end, &lit, &after_prefix);
    if (lit.base == 0)
        lit.base = 10;
    p = scan_digits(p, end, &lit, after_prefix);
    if (pend != NULL)
        *pend = p;
    if (lit.ndigits > 0 && (lit.base & (lit.base - 1)) != 0 &&
        limit > 0 && lit.ndigits > limit) {
        MpErr_Format(MpExc_ValueError, "Exceeds the limit (%d digits) for "
                     "integer string conversion: value has %zd digits; use "
                     "sys.set_int_max_str_digits() to increase the limit",
                     limit, lit.ndigits);
        return NULL;
    }
    while (p < end && is_space((unsigned char)*p))
        p++;
    if (lit.ndigits == 0 || p != end ||
        (orig_base == 0 && !after_prefix && !base0_decimal_ok(&lit)))
        return invalid_literal(orig_base, s, len, orig);
    res = literal_to_long(&lit);
    return res;
}

MpObject *
MpLong_FromString(const char *str, char **pend, int base)
{
    const char *end;
    MpObject *res;

    if (str == NULL) {
        MpErr_BadInternalCall();
        return NULL;
    }
    res = mp_long_from_ascii(str, (Mp_ssize_t)strlen(str), base, &end,
                             NULL);
    if (pend != NULL)
        *pend = (char *)end;
    return res;
}

/* The code point starting at s (valid UTF-8) and its length in *n. */
static uint32_t
utf8_decode(const unsigned char *s, int *n)
{
    if (s[0] < 0xE0) {
        *n = 2;
        return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (s[0] < 0xF0) {
        *n = 3;
        return ((uint32_t)(s[0] & 0x0F) << 12) |
               ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12)
           | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Copy UTF-8 text to ASCII as int() reads it: Unicode spaces become ' ',
 * Unicode decimal digits their ASCII digit, any other non-ASCII character
 * '?', which no base accepts. */
static char *
transform_to_ascii(const char *s, Mp_ssize_t len, Mp_ssize_t *plen)
{
    char *out = (char *)MpMem_Malloc((size_t)len + 1);
    Mp_ssize_t i = 0, j = 0;

    if (out == NULL)
        return (char *)MpErr_NoMemory();
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[j++] = (char)c;
            i++;
        }
        else {
            int n;
            uint32_t cp = utf8_decode((const unsigned char *)s + i, &n);
            int dec = mp_unicode_todecimal(cp);
            out[j++] = mp_unicode_isspace(cp) ? ' '
                       : dec >= 0 ? (char)('0' + dec) : '?';
            i += n;
        }
    }
    out[j] = '\0';
    *plen = j;
    return out;
}

MpObject *
MpLong_FromUnicodeObject(MpObject *u, int base)
{
    Mp_ssize_t len, alen = 0;
    const char *s = MpUnicode_AsUTF8AndSize(u, &len);
    char *ascii;
    MpObject *res;

    if (s == NULL)
        return NULL;
    ascii = transform_to_ascii(s, len, &alen);
    if (ascii == NULL)
        return NULL;
    res = mp_long_from_ascii(ascii, alen, base, NULL, u);
    MpMem_Free(ascii);
    return res;
}

/* ---- int to text ---- */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

static MpObject *
limit_exceeded(void)
{
    MpErr_Format(MpExc_ValueError, "Exceeds the limit (%d digits) for "
                 "integer string conversion; use "
                 "sys.set_int_max_str_digits() to increase the limit",
                 state.max_str_digits);
    return NULL;
}

/* Allocate the output buffer and write the sign and prefix; returns the
 * position after them. */
static char *
output_start(const MpLongObject *v, int base, int alternate,
             Mp_ssize_t ndigits, char **pout)
{
    char *buf = (char *)MpMem_Malloc((size_t)ndigits + 4);
    char *p = buf;

    if (buf == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    if (Mp_SIZE(v) < 0)
        *p++ = '-';
    if (alternate && (base == 2 || base == 8 || base == 16)) {
        *p++ = '0';
        *p++ = base == 2 ? 'b' : base == 8 ? 'o' : 'x';
    }
    *pout = buf;
    return p;
}

static int
format_binary(const MpLongObject *v, int base, int alternate,
              char **pout, Mp_ssize_t *plen)
{
    int bits = 0;
    uint64_t nbits = mp_long_bit_length(v);
    Mp_ssize_t nchars, i, n = mp_long_abs_size(v), j = 0;
    twodigits acc = 0;
    int accbits = 0;
    char *p;

    while ((1 << bits) < base)
        bits++;
    nchars = nbits == 0 ? 1 : (Mp_ssize_t)((nbits + (uint64_t)bits - 1) /
                                           (uint64_t)bits);
    p = output_start(v, base, alternate, nchars, pout);
    if (p == NULL)
        return -1;
    /* Fill the digit characters from the right. */
    for (i = nchars; i-- > 0;) {
        if (accbits < bits && j < n) {
            acc |= (twodigits)v->ob_digit[j++] << accbits;
            accbits += MP_LONG_SHIFT;
        }
        p[i] = digit_chars[acc & (twodigits)(base - 1)];
        acc >>= bits;
        accbits -= bits;
    }
    p[nchars] = '\0';
    *plen = (p - *pout) + nchars;
    return 0;
}

/* Repack |v| into 'pout' digits of convbase (< 2**30), least significant
 * first; returns their count.  Inlined so that the decimal call, with a
 * constant 10**9, divides by multiplication. */
static inline Mp_ssize_t
repack_digits(const MpLongObject *v, digit *pout, digit convbase)
{
    Mp_ssize_t size = 0, i, j;

    for (i = mp_long_abs_size(v); i-- > 0;) {
        digit hi = v->ob_digit[i];
        for (j = 0; j < size; j++) {
            twodigits z = (twodigits)pout[j] << MP_LONG_SHIFT | hi;
            hi = (digit)(z / convbase);
            pout[j] = (digit)(z - (twodigits)hi * convbase);
        }
        while (hi) {
            pout[size++] = hi % convbase;
            hi /= convbase;
        }
    }
    if (size == 0)
        pout[size++] = 0;
    return size;
}

static int
format_non_binary(const MpLongObject *v, int base, char **pout,
                  Mp_ssize_t *plen)
{
    digit convbase = (digit)base, *pwork, top;
    int convwidth = 1;
    Mp_ssize_t size_a = mp_long_abs_size(v), size, nchars, i;
    char *p;

    if (base == 10 && state.max_str_digits > 0 &&
        size_a >= 10 * state.max_str_digits / (3 * MP_LONG_SHIFT) + 2) {
        limit_exceeded();
        return -1;
    }
    while ((twodigits)convbase * (digit)base <= MP_LONG_BASE) {
        convbase *= (digit)base;
        convwidth++;
    }
    /* Each 30-bit digit needs at most 1 + 30 / log2(convbase) digits. */
    pwork = (digit *)MpMem_Malloc(sizeof(digit) * (size_t)(size_a * 2 + 1));
    if (pwork == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    if (base == 10)
        size = repack_digits(v, pwork, 1000000000);
    else
        size = repack_digits(v, pwork, convbase);
    nchars = (size - 1) * convwidth;
    for (top = pwork[size - 1]; ; top /= (digit)base) {
        nchars++;
        if (top < (digit)base)
            break;
    }
    if (base == 10 && state.max_str_digits > 0 &&
        nchars > state.max_str_digits) {
        MpMem_Free(pwork);
        limit_exceeded();
        return -1;
    }
    p = output_start(v, base, 0, nchars, pout);
    if (p == NULL) {
        MpMem_Free(pwork);
        return -1;
    }
    for (i = nchars; i > 0;) {
        digit rem = pwork[(nchars - i) / convwidth];
        int k;
        for (k = 0; k < convwidth && i > 0; k++, rem /= (digit)base)
            p[--i] = digit_chars[rem % (digit)base];
    }
    p[nchars] = '\0';
    *plen = (p - *pout) + nchars;
    MpMem_Free(pwork);
    return 0;
}

int
mp_long_format_ascii(MpObject *v, int base, int alternate,
                     char **pout, Mp_ssize_t *plen)
{
    const MpLongObject *lv = (const MpLongObject *)v;

    if ((base & (base - 1)) == 0)
        return format_binary(lv, base, alternate, pout, plen);
    return format_non_binary(lv, base, pout, plen);
}
