/*
 * longobject.c -- the int object: arbitrary-precision integers.
 *
 * Layout (64-bit), the same as CPython 3.11's:
 *
 *   +----------+---------+---------+----------+-----+------------+
 *   | ob_refcnt| ob_type | ob_size | digit[0] | ... | digit[n-1] |
 *   +----------+---------+---------+----------+-----+------------+
 *      8          8         8        4 each: 30 bits used, LSD first
 *
 *   value = sign(ob_size) * sum(digit[i] * 2**(30*i)), n = |ob_size|
 *
 *   value          ob_size  digits              __sizeof__
 *   0              0        [0] (allocated)     28
 *   -1             -1       [1]                 28
 *   2**30          2        [0, 1]              32
 *   -(2**60)       -3       [0, 0, 1]           36
 *
 * Invariants:
 *   - a normalized int has a nonzero top digit (or ob_size == 0);
 *   - every int in -5..256 handed out by any path is the one cached
 *     object for that value (mp_long_normalize swaps results in);
 *   - ints are immutable once handed out; only a fresh object (refcount 1,
 *     not yet returned) is written to.
 *
 * The small-int cache holds 262 objects made by mp_long_init from the
 * allocator; mp_long_fini drops the cache's references, so an object that
 * is still referenced elsewhere dies later like any other int.  bool
 * (boolobject.c) is a subclass whose two instances are static.
 *
 * This file is the object side: the cache, the number slots (which check
 * operand types and signs and call the digit algorithms of longarith.c),
 * true division, pow, hash, comparison, int(), methods and the type
 * object.  Conversions from and to C numbers live in longconvert.c, base
 * conversion in longformat.c.  Single-digit operands (|v| < 2**30) take
 * fast paths for add, subtract, multiply, divide and compare.
 *
 * Hash: |v| mod (2**61 - 1), computed digit by digit from the top with a
 * rotate instead of a division (2**61 == 1 modulo the prime), then the
 * sign; -1 becomes -2.  This makes hash(n) == hash(float(n)) for exact
 * floats, which floatobject.c relies on.
 *
 * Read alongside CPython 3.11: Objects/longobject.c _PyLong_New,
 * get_small_int, long_hash, long_richcompare,
 * long_add, long_mul, long_true_divide, long_pow, long_invmod,
 * long_new_impl, long_subtype_new; Objects/boolobject.c.
 *
 * minipy leaves out bytes (there is no bytes type): int(b'12'),
 * int.from_bytes and int.to_bytes.
 */
#include <math.h>
#include <float.h>

#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/longobject.h"
#include "objects/unicodeobject.h"
#include "objects/formatter_unicode.h"

#define NSMALL (MP_NSMALLNEGINTS + MP_NSMALLPOSINTS)

static struct {
    int cache_ready;                   /* mp_long_small_ints[] filled */
} state;

/* -5 .. 256; read by the inline mp_long_get_small. */
MpLongObject *mp_long_small_ints[NSMALL];

#define IS_SMALL(v) ((v) >= -MP_NSMALLNEGINTS && (v) < MP_NSMALLPOSINTS)

/* ---- Allocation and the small-int cache ---- */

MpLongObject *
mp_long_new(Mp_ssize_t ndigits)
{
    MpLongObject *v;
    size_t bytes;

    if (ndigits > MP_LONG_MAX_DIGITS) {
        MpErr_SetString(MpExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    bytes = MP_LONG_HEADER_SIZE + sizeof(digit) * (size_t)MP_MAX(ndigits, 1);
    v = (MpLongObject *)MpObject_Malloc(bytes);
    if (v == NULL)
        return (MpLongObject *)MpErr_NoMemory();
    Mp_SET_SIZE(v, ndigits);
    v = (MpLongObject *)mp_object_birth((MpObject *)v, &MpLong_Type);
    return v;
}

/* A one-digit int (|ival| < BASE) without consulting the cache. */
static MpObject *
long_new_medium(sdigit ival)
{
    MpLongObject *v = mp_long_new(ival != 0);

    if (v == NULL)
        return NULL;
    v->ob_digit[0] = (digit)(ival < 0 ? -ival : ival);
    if (ival < 0)
        Mp_SET_SIZE(v, -1);
    return (MpObject *)v;
}

MpObject *
mp_long_normalize(MpLongObject *v)
{
    Mp_ssize_t n;

    if (v == NULL)
        return NULL;
    n = mp_long_abs_size(v);
    while (n > 0 && v->ob_digit[n - 1] == 0)
        n--;
    Mp_SET_SIZE(v, Mp_SIZE(v) < 0 ? -n : n);
    if (n <= 1 && state.cache_ready && Mp_IS_TYPE(v, &MpLong_Type)) {
        long ival = n == 0 ? 0 : (long)v->ob_digit[0];
        if (Mp_SIZE(v) < 0)
            ival = -ival;
        if (IS_SMALL(ival)) {
            Mp_DECREF(v);
            return mp_long_get_small(ival);
        }
    }
    return (MpObject *)v;
}

MpLongObject *
mp_long_copy(const MpLongObject *v)
{
    Mp_ssize_t n = mp_long_abs_size(v);
    MpLongObject *z = mp_long_new(n);

    if (z == NULL)
        return NULL;
    memcpy(z->ob_digit, v->ob_digit, sizeof(digit) * (size_t)MP_MAX(n, 1));
    Mp_SET_SIZE(z, Mp_SIZE(v));
    return z;
}

/* An exact int equal to v (v itself when it is one).  New. */
static MpObject *
long_long(MpObject *v)
{
    if (MpLong_CheckExact(v))
        return Mp_NewRef(v);
    return mp_long_normalize(mp_long_copy((MpLongObject *)v));
}

int
mp_long_init(void)
{
    long i;

    mp_long_format_init();
    if (MpType_Ready(&MpLong_Type) < 0 || MpType_Ready(&MpBool_Type) < 0)
        return -1;
    for (i = -MP_NSMALLNEGINTS; i < MP_NSMALLPOSINTS; i++) {
        MpObject *v = long_new_medium((sdigit)i);
        if (v == NULL) {
            mp_long_fini();
            return -1;
        }
        mp_long_small_ints[i + MP_NSMALLNEGINTS] = (MpLongObject *)v;
    }
    state.cache_ready = 1;
    return 0;
}

void
mp_long_fini(void)
{
    size_t i;

    state.cache_ready = 0;
    for (i = 0; i < NSMALL; i++)
        Mp_CLEAR(mp_long_small_ints[i]);
}

/* ---- Number slots ---- */

#define CHECK_BINOP(a, b)                                   \
    do {                                                    \
        if (!MpLong_Check(a) || !MpLong_Check(b))           \
            Mp_RETURN_NOTIMPLEMENTED;                       \
    } while (0)

/* The value of an int of at most one digit. */
static inline stwodigits
medium_value(const MpLongObject *v)
{
    Mp_ssize_t n = Mp_SIZE(v);
    return n == 0 ? 0 : (n < 0 ? -(stwodigits)v->ob_digit[0]
                               : (stwodigits)v->ob_digit[0]);
}

static inline int
is_medium(const MpLongObject *v)
{
    return mp_long_abs_size(v) <= 1;
}

static MpObject *
long_add(MpObject *a, MpObject *b)
{
    MpLongObject *x = (MpLongObject *)a, *y = (MpLongObject *)b, *z;

    CHECK_BINOP(a, b);
    if (is_medium(x) && is_medium(y))
        return MpLong_FromLongLong(medium_value(x) + medium_value(y));
    if (Mp_SIZE(x) < 0) {
        if (Mp_SIZE(y) < 0) {
            z = mp_long_x_add(x, y);       /* -(|x| + |y|) */
            if (z != NULL)
                Mp_SET_SIZE(z, -Mp_SIZE(z));
        }
        else {
            z = mp_long_x_sub(y, x);       /* |y| - |x| */
        }
    }
    else {
        z = Mp_SIZE(y) < 0 ? mp_long_x_sub(x, y) : mp_long_x_add(x, y);
    }
    return mp_long_normalize(z);
}

static MpObject *
long_sub(MpObject *a, MpObject *b)
{
    MpLongObject *x = (MpLongObject *)a, *y = (MpLongObject *)b, *z;

    CHECK_BINOP(a, b);
    if (is_medium(x) && is_medium(y))
        return MpLong_FromLongLong(medium_value(x) - medium_value(y));
    if (Mp_SIZE(x) < 0) {
        z = Mp_SIZE(y) < 0 ? mp_long_x_sub(x, y) : mp_long_x_add(x, y);
        if (z != NULL)
            Mp_SET_SIZE(z, -Mp_SIZE(z));   /* -(|x| -/+ |y|) */
    }
    else {
        z = Mp_SIZE(y) < 0 ? mp_long_x_add(x, y) : mp_long_x_sub(x, y);
    }
    return mp_long_normalize(z);
}

static MpObject *
long_mul(MpObject *a, MpObject *b)
{
    MpLongObject *x = (MpLongObject *)a, *y = (MpLongObject *)b, *z;

    CHECK_BINOP(a, b);
    if (is_medium(x) && is_medium(y))
        return MpLong_FromLongLong(medium_value(x) * medium_value(y));
    z = mp_long_x_mul(x, y);
    if (z != NULL && (Mp_SIZE(x) < 0) != (Mp_SIZE(y) < 0))
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    return mp_long_normalize(z);
}

/* Floor division and modulo; ZeroDivisionError with 'zmsg'. */
static int
l_divmod(MpObject *a, MpObject *b, MpObject **pdiv, MpObject **pmod,
         const char *zmsg)
{
    MpLongObject *x = (MpLongObject *)a, *y = (MpLongObject *)b;

    if (Mp_SIZE(y) == 0) {
        MpErr_SetString(MpExc_ZeroDivisionError, zmsg);
        return -1;
    }
    if (is_medium(x) && is_medium(y)) {
        stwodigits l = medium_value(x), r = medium_value(y);
        stwodigits q = l / r, m = l % r;
        if (m != 0 && ((m < 0) != (r < 0))) {
            q -= 1;
            m += r;
        }
        if (pdiv != NULL && (*pdiv = MpLong_FromLongLong(q)) == NULL)
            return -1;
        if (pmod != NULL && (*pmod = MpLong_FromLongLong(m)) == NULL) {
            if (pdiv != NULL)
                Mp_CLEAR(*pdiv);
            return -1;
        }
        return 0;
    }
    return mp_long_divmod(x, y, pdiv, pmod);
}

static MpObject *
long_div(MpObject *a, MpObject *b)
{
    MpObject *div;

    CHECK_BINOP(a, b);
    if (l_divmod(a, b, &div, NULL,
                 "integer division or modulo by zero") < 0)
        return NULL;
    return div;
}

static MpObject *
long_mod(MpObject *a, MpObject *b)
{
    MpObject *mod;

    CHECK_BINOP(a, b);
    if (l_divmod(a, b, NULL, &mod, "integer modulo by zero") < 0)
        return NULL;
    return mod;
}

static MpObject *
long_divmod(MpObject *a, MpObject *b)
{
    MpObject *div, *mod, *pair;

    CHECK_BINOP(a, b);
    if (l_divmod(a, b, &div, &mod,
                 "integer division or modulo by zero") < 0)
        return NULL;
    pair = MpTuple_Pack(2, div, mod);
    Mp_DECREF(div);
    Mp_DECREF(mod);
    return pair;
}

static MpObject *
long_neg(MpObject *v)
{
    MpLongObject *z;

    if (is_medium((MpLongObject *)v))
        return MpLong_FromLongLong(-medium_value((MpLongObject *)v));
    z = mp_long_copy((MpLongObject *)v);
    if (z != NULL)
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    return (MpObject *)z;
}

static MpObject *
long_abs(MpObject *v)
{
    if (Mp_SIZE(v) < 0)
        return long_neg(v);
    return long_long(v);
}

static int
long_bool(MpObject *v)
{
    return Mp_SIZE(v) != 0;
}

static MpObject *
long_invert(MpObject *v)
{
    /* ~x == -(x + 1) */
    MpObject *one = MpLong_FromLong(1), *t, *res;

    if (one == NULL)
        return NULL;
    t = long_add(v, one);
    Mp_DECREF(one);
    if (t == NULL)
        return NULL;
    res = long_neg(t);
    Mp_DECREF(t);
    return res;
}

/* The shift count of b: -1 with ValueError or OverflowError. */
static int
shift_count(MpObject *b, Mp_ssize_t *count)
{
    int overflow;
    long n;

    if (Mp_SIZE(b) < 0) {
        MpErr_SetString(MpExc_ValueError, "negative shift count");
        return -1;
    }
    n = MpLong_AsLongAndOverflow(b, &overflow);
    *count = overflow ? MP_SSIZE_T_MAX : n;
    return 0;
}

static MpObject *
long_lshift(MpObject *a, MpObject *b)
{
    Mp_ssize_t n;

    CHECK_BINOP(a, b);
    if (shift_count(b, &n) < 0)
        return NULL;
    if (Mp_SIZE(a) == 0)
        return MpLong_FromLong(0);
    if (n == MP_SSIZE_T_MAX) {
        MpErr_SetString(MpExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    return mp_long_lshift((MpLongObject *)a, n);
}

static MpObject *
long_rshift(MpObject *a, MpObject *b)
{
    Mp_ssize_t n;

    CHECK_BINOP(a, b);
    if (shift_count(b, &n) < 0)
        return NULL;
    return mp_long_rshift((MpLongObject *)a, n);
}

static MpObject *
long_and(MpObject *a, MpObject *b)
{
    CHECK_BINOP(a, b);
    return mp_long_bitwise((MpLongObject *)a, '&', (MpLongObject *)b);
}

static MpObject *
long_or(MpObject *a, MpObject *b)
{
    CHECK_BINOP(a, b);
    return mp_long_bitwise((MpLongObject *)a, '|', (MpLongObject *)b);
}

static MpObject *
long_xor(MpObject *a, MpObject *b)
{
    CHECK_BINOP(a, b);
    return mp_long_bitwise((MpLongObject *)a, '^', (MpLongObject *)b);
}

static MpObject *
long_float(MpObject *v)
{
    double d = MpLong_AsDouble(v);

    if (d == -1.0 && MpErr_Occurred())
        return NULL;
    return MpFloat_FromDouble(d);
}

/* ---- True division ---- */

/* |a| / |b| correctly rounded, for a, b != 0 of any size: compute a
 * quotient of 55..57 bits plus a sticky bit and round it once. */
static double
long_true_divide_big(MpLongObject *a, MpLongObject *b, int *overflow)
{
    Mp_ssize_t diff = (Mp_ssize_t)mp_long_bit_length(a) -
                      (Mp_ssize_t)mp_long_bit_length(b);
    Mp_ssize_t shift = diff - (DBL_MANT_DIG + 2);
    MpLongObject *num, *q, *r;
    MpObject *shifted;
    uint64_t bits;
    int sticky = 0, dummy;
    double x;

    *overflow = 0;
    if (diff > DBL_MAX_EXP + 1) {        /* a/b >= 2**(diff-1) */
        *overflow = 1;
        return -1.0;
    }
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 2)
        return 0.0;                      /* below half the least subnormal */
    num = mp_long_copy(a);
    if (num == NULL)
        return -1.0;
    Mp_SET_SIZE(num, mp_long_abs_size(num));
    if (shift < 0) {
        shifted = mp_long_lshift(num, -shift);
    }
    else {
        /* floor(floor(a / 2**s) / b) == floor(a / (2**s b)); the bits
         * dropped here only matter as "inexact". */
        mp_long_extract_bits(num, (uint64_t)shift, &sticky);
        shifted = mp_long_rshift(num, shift);
    }
    Mp_DECREF(num);
    if (shifted == NULL)
        return -1.0;
    if (mp_long_x_divrem((MpLongObject *)shifted, b, &q, &r) < 0) {
        Mp_DECREF(shifted);
        return -1.0;
    }
    Mp_DECREF(shifted);
    sticky |= Mp_SIZE(r) != 0;
    bits = mp_long_extract_bits(q, 0, &dummy);
    Mp_DECREF(q);
    Mp_DECREF(r);
    x = mp_long_round_to_double(bits, sticky, shift, overflow);
    return x;
}

static MpObject *
long_true_divide(MpObject *a, MpObject *b)
{
    MpLongObject *x = (MpLongObject *)a, *y = (MpLongObject *)b;
    int negate, overflow = 0;
    double res;

    CHECK_BINOP(a, b);
    if (Mp_SIZE(y) == 0) {
        MpErr_SetString(MpExc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    negate = (Mp_SIZE(x) < 0) != (Mp_SIZE(y) < 0);
    if (mp_long_bit_length(x) <= DBL_MANT_DIG &&
        mp_long_bit_length(y) <= DBL_MANT_DIG) {
        /* Both exact as doubles: one IEEE division rounds correctly. */
        res = fabs(MpLong_AsDouble(a)) / fabs(MpLong_AsDouble(b));
    }
    else {
        res = long_true_divide_big(x, y, &overflow);
        if (res == -1.0 && !overflow && MpErr_Occurred())
            return NULL;
    }
    if (overflow) {
        MpErr_SetString(MpExc_OverflowError,
                        "integer division result too large for a float");
        return NULL;
    }
    return MpFloat_FromDouble(negate ? -res : res);
}

/* ---- Power ---- */

/* The inverse of a modulo n (n > 1), by the extended Euclidean
 * algorithm.  New, or NULL with ValueError when none exists. */
static MpObject *
long_invmod(MpObject *a, MpObject *n)
{
    MpObject *b = MpLong_FromLong(1), *c = MpLong_FromLong(0);
    MpObject *q = NULL, *r = NULL, *t = NULL, *res = NULL;

    a = Mp_NewRef(a);
    n = Mp_NewRef(n);
    if (b == NULL || c == NULL)
        goto done;
    while (Mp_SIZE(n) != 0) {
        if (l_divmod(a, n, &q, &r, "") < 0)
            goto done;
        Mp_SETREF(a, n);
        n = r;
        r = NULL;
        t = long_mul(q, c);
        Mp_CLEAR(q);
        if (t == NULL)
            goto done;
        Mp_SETREF(t, long_sub(b, t));     /* b - q*c */
        if (t == NULL)
            goto done;
        Mp_SETREF(b, c);
        c = t;
        t = NULL;
    }
    if (Mp_SIZE(a) != 1 || ((MpLongObject *)a)->ob_digit[0] != 1)
        MpErr_SetString(MpExc_ValueError,
                        "base is not invertible for the given modulus");
    else
        res = Mp_NewRef(b);
done:
    Mp_XDECREF(a);
    Mp_XDECREF(n);
    Mp_XDECREF(b);
    Mp_XDECREF(c);
    return res;
}

/* *acc = (*acc * f) mod m, or just the product when m is NULL. */
static int
mulmod(MpObject **acc, MpObject *f, MpObject *m)
{
    MpObject *t = long_mul(*acc, f);

    if (t != NULL && m != NULL)
        Mp_SETREF(t, long_mod(t, m));
    if (t == NULL)
        return -1;
    Mp_SETREF(*acc, t);
    return 0;
}

/* base ** exp (exp >= 0), reduced modulo m when m is not NULL;
 * left-to-right binary exponentiation. */
static MpObject *
long_pow_binary(MpObject *base, MpLongObject *exp, MpObject *m)
{
    MpObject *z = MpLong_FromLong(1);
    uint64_t i = mp_long_bit_length(exp);

    if (z == NULL)
        return NULL;
    while (i-- > 0) {
        digit d = exp->ob_digit[i / MP_LONG_SHIFT];
        if (mulmod(&z, z, m) < 0 ||
            (((d >> (i % MP_LONG_SHIFT)) & 1) && mulmod(&z, base, m) < 0)) {
            Mp_DECREF(z);
            return NULL;
        }
    }
    return z;
}

/* a ** -b without a modulus is float arithmetic, as in Python. */
static MpObject *
long_pow_float(MpObject *a, MpObject *b)
{
    MpObject *fa = long_float(a), *fb, *res;

    if (fa == NULL)
        return NULL;
    fb = long_float(b);
    if (fb == NULL) {
        Mp_DECREF(fa);
        return NULL;
    }
    res = MpNumber_Power(fa, fb, Mp_None);
    Mp_DECREF(fa);
    Mp_DECREF(fb);
    return res;
}

/* pow(a, b, c) for int c != 0. */
static MpObject *
long_pow_mod(MpObject *a, MpObject *b, MpObject *c)
{
    MpObject *m, *base = NULL, *exp = NULL, *z = NULL;
    int negative_output = Mp_SIZE(c) < 0;

    m = long_abs(c);
    if (m == NULL)
        return NULL;
    if (Mp_SIZE(m) == 1 && ((MpLongObject *)m)->ob_digit[0] == 1) {
        Mp_DECREF(m);
        return MpLong_FromLong(0);
    }
    if (Mp_SIZE(b) < 0) {
        base = long_invmod(a, m);
        exp = base != NULL ? long_neg(b) : NULL;
    }
    else {
        base = Mp_NewRef(a);
        exp = Mp_NewRef(b);
    }
    if (exp == NULL)
        goto done;
    Mp_SETREF(base, long_mod(base, m));
    if (base == NULL)
        goto done;
    z = long_pow_binary(base, (MpLongObject *)exp, m);
    if (z != NULL && negative_output && Mp_SIZE(z) != 0)
        Mp_SETREF(z, long_sub(z, m));
done:
    Mp_DECREF(m);
    Mp_XDECREF(base);
    Mp_XDECREF(exp);
    return z;
}

static MpObject *
long_pow(MpObject *a, MpObject *b, MpObject *c)
{
    if (!MpLong_Check(a) || !MpLong_Check(b))
        Mp_RETURN_NOTIMPLEMENTED;
    if (c != NULL && c != Mp_None) {
        if (!MpLong_Check(c))
            Mp_RETURN_NOTIMPLEMENTED;
        if (Mp_SIZE(c) == 0) {
            MpErr_SetString(MpExc_ValueError,
                            "pow() 3rd argument cannot be 0");
            return NULL;
        }
        return long_pow_mod(a, b, c);
    }
    if (Mp_SIZE(b) < 0)
        return long_pow_float(a, b);
    return long_pow_binary(a, (MpLongObject *)b, NULL);
}

/* ---- Hash, comparison, repr ---- */

static Mp_hash_t
long_hash(MpObject *o)
{
    MpLongObject *v = (MpLongObject *)o;
    Mp_ssize_t i = mp_long_abs_size(v);
    uint64_t x = 0;

    while (--i >= 0) {
        /* x * 2**30 mod P is a rotation of x's 61 bits. */
        x = ((x << MP_LONG_SHIFT) & MP_HASH_MODULUS) |
            (x >> (MP_HASH_BITS - MP_LONG_SHIFT));
        x += v->ob_digit[i];
        if (x >= MP_HASH_MODULUS)
            x -= MP_HASH_MODULUS;
    }
    if (Mp_SIZE(v) < 0) {
        Mp_hash_t h = -(Mp_hash_t)x;
        return h == -1 ? -2 : h;
    }
    return (Mp_hash_t)x;
}

static MpObject *
long_richcompare(MpObject *a, MpObject *b, int op)
{
    int c, r;

    CHECK_BINOP(a, b);
    c = a == b ? 0 : mp_long_compare((MpLongObject *)a, (MpLongObject *)b);
    switch (op) {
    case Mp_LT: r = c < 0; break;
    case Mp_LE: r = c <= 0; break;
    case Mp_EQ: r = c == 0; break;
    case Mp_NE: r = c != 0; break;
    case Mp_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return Mp_NewRef(r ? Mp_True : Mp_False);
}

/* str(v) for |v| < 2**60 (at most two digits): the common case, made
 * in a local buffer with no digit repacking.  New. */
static MpObject *
format_small_decimal(const MpLongObject *v)
{
    char buf[24], *p = buf + sizeof(buf);
    uint64_t mag = v->ob_digit[0];

    if (mp_long_abs_size(v) == 2)
        mag |= (uint64_t)v->ob_digit[1] << MP_LONG_SHIFT;
    do {
        *--p = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag != 0);
    if (Mp_SIZE(v) < 0)
        *--p = '-';
    return mp_unicode_from_ascii(p, buf + sizeof(buf) - p);
}

MpObject *
MpLong_Format(MpObject *o, int base, int alternate)
{
    char *buf;
    Mp_ssize_t len;
    MpObject *res;

    if (o == NULL || !MpLong_Check(o) || base < 2 || base > 36) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (base == 10 && mp_long_abs_size((const MpLongObject *)o) <= 2)
        return format_small_decimal((const MpLongObject *)o);
    if (mp_long_format_ascii(o, base, alternate, &buf, &len) < 0)
        return NULL;
    res = MpUnicode_FromStringAndSize(buf, len);
    MpMem_Free(buf);
    return res;
}

static MpObject *
long_repr(MpObject *v)
{
    return MpLong_Format(v, 10, 0);
}

/* ---- int(x, base) ---- */

/* int(x) for one argument: str parses in base 10; anything else goes
 * through __int__ / __index__ / __trunc__. */
static MpObject *
long_from_object(MpObject *x, MpObject *obase)
{
    Mp_ssize_t base;

    if (obase == NULL) {
        if (MpUnicode_Check(x))
            return MpLong_FromUnicodeObject(x, 10);
        return MpNumber_Long(x);
    }
    base = MpNumber_AsSsize_t(obase, NULL);
    if (base == -1 && MpErr_Occurred())
        return NULL;
    if ((base != 0 && base < 2) || base > 36) {
        MpErr_SetString(MpExc_ValueError,
                        "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    if (!MpUnicode_Check(x)) {
        MpErr_SetString(MpExc_TypeError,
                        "int() can't convert non-string with explicit base");
        return NULL;
    }
    return MpLong_FromUnicodeObject(x, (int)base);
}

/* Unpack (x, base) from int()'s arguments: x positional only, base
 * positional or keyword.  0 or -1. */
static int
long_new_args(MpObject *args, MpObject *kwds, MpObject **px,
              MpObject **pbase)
{
    Mp_ssize_t nargs = args != NULL ? MpTuple_Size(args) : 0;
    Mp_ssize_t nkw = kwds != NULL ? MpDict_Size(kwds) : 0;
    Mp_ssize_t pos = 0;
    MpObject *key, *value;

    *px = nargs > 0 ? MpTuple_GetItem(args, 0) : NULL;
    *pbase = nargs > 1 ? MpTuple_GetItem(args, 1) : NULL;
    if (nargs + nkw > 2) {
        MpErr_Format(MpExc_TypeError,
                     "int() takes at most 2 arguments (%zd given)",
                     nargs + nkw);
        return -1;
    }
    while (nkw > 0 && MpDict_Next(kwds, &pos, &key, &value)) {
        if (!MpUnicode_Check(key) ||
            MpUnicode_CompareWithASCIIString(key, "base") != 0) {
            MpErr_Format(MpExc_TypeError,
                         "%R is an invalid keyword argument for int()", key);
            return -1;
        }
        *pbase = value;
    }
    if (*px == NULL && *pbase != NULL) {
        MpErr_SetString(MpExc_TypeError, "int() missing string argument");
        return -1;
    }
    return 0;
}

/* int.__new__(type, ...) for a subclass: build an exact int, then copy
 * its digits into an instance of 'type'. */
static MpObject *
long_subtype_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpLongObject *tmp, *newobj;
    Mp_ssize_t n;

    tmp = (MpLongObject *)MpLong_Type.tp_new(&MpLong_Type, args, kwds);
    if (tmp == NULL)
        return NULL;
    n = mp_long_abs_size(tmp);
    newobj = (MpLongObject *)type->tp_alloc(type, MP_MAX(n, 1));
    if (newobj != NULL) {
        Mp_SET_SIZE(newobj, Mp_SIZE(tmp));
        memcpy(newobj->ob_digit, tmp->ob_digit,
               sizeof(digit) * (size_t)MP_MAX(n, 1));
    }
    Mp_DECREF(tmp);
    return (MpObject *)newobj;
}

static MpObject *
long_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *x, *obase;

    if (type != &MpLong_Type) {
        if (!MpType_IsSubtype(type, &MpLong_Type)) {
            MpErr_Format(MpExc_TypeError,
                         "int.__new__(%s): %s is not a subtype of int",
                         type->tp_name, type->tp_name);
            return NULL;
        }
        if (type == &MpBool_Type) {
            MpErr_SetString(MpExc_TypeError, "int.__new__(bool) is not "
                            "safe, use bool.__new__()");
            return NULL;
        }
        return long_subtype_new(type, args, kwds);
    }
    if (long_new_args(args, kwds, &x, &obase) < 0)
        return NULL;
    if (x == NULL)
        return MpLong_FromLong(0);
    return long_from_object(x, obase);
}

/* ---- Methods and attributes ---- */

static MpObject *
long_bit_length(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpLong_FromUnsignedLong(
        (unsigned long)mp_long_bit_length((MpLongObject *)self));
}

static MpObject *
long_bit_count(MpObject *self, MpObject *unused)
{
    const MpLongObject *v = (const MpLongObject *)self;
    Mp_ssize_t i, n = mp_long_abs_size(v);
    uint64_t count = 0;

    MP_UNUSED(unused);
    for (i = 0; i < n; i++)
        count += (uint64_t)__builtin_popcount(v->ob_digit[i]);
    return MpLong_FromUnsignedLong((unsigned long)count);
}

static MpObject *
long_as_integer_ratio(MpObject *self, MpObject *unused)
{
    MpObject *num = long_long(self), *one, *pair;

    MP_UNUSED(unused);
    if (num == NULL)
        return NULL;
    one = MpLong_FromLong(1);
    pair = one != NULL ? MpTuple_Pack(2, num, one) : NULL;
    Mp_DECREF(num);
    Mp_XDECREF(one);
    return pair;
}

static MpObject *
long_sizeof(MpObject *self, MpObject *unused)
{
    Mp_ssize_t n = MP_MAX(mp_long_abs_size((MpLongObject *)self), 1);

    MP_UNUSED(unused);
    return MpLong_FromSsize_t((Mp_ssize_t)MP_LONG_HEADER_SIZE +
                              n * (Mp_ssize_t)sizeof(digit));
}

static MpObject *
long_self(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return long_long(self);
}

static MpObject *
long_format_method(MpObject *self, MpObject *spec)
{
    if (!MpUnicode_Check(spec)) {
        MpErr_Format(MpExc_TypeError,
                     "__format__() argument must be str, not %s",
                     Mp_TYPE(spec)->tp_name);
        return NULL;
    }
    return mp_format_long(self, spec);
}

/* round(self, -k) for k > 0: to the nearest multiple of 10**k, ties to
 * even.  New. */
static MpObject *
long_round_negative(MpObject *self, MpObject *ndigits)
{
    MpObject *ten = NULL, *k = NULL, *pow10 = NULL, *q = NULL, *r = NULL;
    MpObject *twice = NULL, *res = NULL;
    int c;

    if ((ten = MpLong_FromLong(10)) == NULL ||
        (k = long_neg(ndigits)) == NULL ||
        (pow10 = long_pow(ten, k, NULL)) == NULL ||
        l_divmod(self, pow10, &q, &r, "") < 0 ||
        (twice = long_add(r, r)) == NULL)
        goto done;
    c = mp_long_compare((MpLongObject *)twice, (MpLongObject *)pow10);
    if (c > 0 || (c == 0 && Mp_SIZE(q) != 0 &&
                  (((MpLongObject *)q)->ob_digit[0] & 1))) {
        MpObject *one = MpLong_FromLong(1);
        if (one == NULL)
            goto done;
        Mp_SETREF(q, long_add(q, one));
        Mp_DECREF(one);
        if (q == NULL)
            goto done;
    }
    res = long_mul(q, pow10);
done:
    Mp_XDECREF(ten);
    Mp_XDECREF(k);
    Mp_XDECREF(pow10);
    Mp_XDECREF(q);
    Mp_XDECREF(r);
    Mp_XDECREF(twice);
    return res;
}

static MpObject *
long_round(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *nd;

    if (nargs > 1) {
        MpErr_Format(MpExc_TypeError,
                     "__round__ expected at most 1 argument, got %zd",
                     nargs);
        return NULL;
    }
    if (nargs == 0)
        return long_long(self);
    nd = MpNumber_Index(args[0]);
    if (nd == NULL)
        return NULL;
    if (Mp_SIZE(nd) >= 0) {
        Mp_DECREF(nd);
        return long_long(self);
    }
    Mp_SETREF(nd, long_round_negative(self, nd));
    return nd;
}

static MpObject *
long_get_self(MpObject *self, void *context)
{
    MP_UNUSED(context);
    return long_long(self);
}

static MpObject *
long_get_zero(MpObject *self, void *context)
{
    MP_UNUSED(self);
    MP_UNUSED(context);
    return MpLong_FromLong(0);
}

static MpObject *
long_get_one(MpObject *self, void *context)
{
    MP_UNUSED(self);
    MP_UNUSED(context);
    return MpLong_FromLong(1);
}

static MpMethodDef long_methods[] = {
    {"bit_length", long_bit_length, MP_METH_NOARGS,
     "Number of bits necessary to represent self in binary."},
    {"bit_count", long_bit_count, MP_METH_NOARGS,
     "Number of ones in the binary representation of the absolute value "
     "of self."},
    {"as_integer_ratio", long_as_integer_ratio, MP_METH_NOARGS,
     "Return integer ratio."},
    {"__sizeof__", long_sizeof, MP_METH_NOARGS,
     "Returns size in memory, in bytes."},
    {"__format__", long_format_method, MP_METH_O, NULL},
    {"__index__", long_self, MP_METH_NOARGS, NULL},
    {"__trunc__", long_self, MP_METH_NOARGS,
     "Truncating an Integral returns itself."},
    {"__floor__", long_self, MP_METH_NOARGS,
     "Flooring an Integral returns itself."},
    {"__ceil__", long_self, MP_METH_NOARGS,
     "Ceiling of an Integral returns itself."},
    {"__round__", (MpCFunction)(void (*)(void))long_round, MP_METH_FASTCALL,
     "Rounding an Integral returns itself."},
    {NULL, NULL, 0, NULL},
};

static MpGetSetDef long_getset[] = {
    {"real", long_get_self, NULL, "the real part of a complex number",
     NULL},
    {"imag", long_get_zero, NULL, "the imaginary part of a complex number",
     NULL},
    {"numerator", long_get_self, NULL,
     "the numerator of a rational number in lowest terms", NULL},
    {"denominator", long_get_one, NULL,
     "the denominator of a rational number in lowest terms", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- The type object ---- */

static void
long_dealloc(MpObject *self)
{
    Mp_TYPE(self)->tp_free(self);
}

static MpNumberMethods long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = long_pow,
    .nb_negative = long_neg,
    .nb_positive = long_long,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = long_lshift,
    .nb_rshift = long_rshift,
    .nb_and = long_and,
    .nb_xor = long_xor,
    .nb_or = long_or,
    .nb_int = long_long,
    .nb_float = long_float,
    .nb_floor_divide = long_div,
    .nb_true_divide = long_true_divide,
    .nb_index = long_long,
};

MpTypeObject MpLong_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "int",
    .tp_basicsize = (Mp_ssize_t)MP_LONG_HEADER_SIZE,
    .tp_itemsize = (Mp_ssize_t)sizeof(digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_as_number = &long_as_number,
    .tp_hash = long_hash,
    .tp_str = long_repr,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_BASETYPE |
                MP_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "int([x]) -> integer\n"
              "int(x, base=10) -> integer\n\n"
              "Convert a number or string to an integer.",
    .tp_richcompare = long_richcompare,
    .tp_methods = long_methods,
    .tp_getset = long_getset,
    .tp_new = long_new,
    .tp_free = MpObject_Del,
};
