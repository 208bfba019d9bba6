/*
 * floatobject.c -- the float type: an immutable C double.
 *
 *   MpFloatObject (24 bytes, no collector header: floats hold no refs)
 *   +-----------+---------+---------+
 *   | ob_refcnt | ob_type | ob_fval |
 *   +-----------+---------+---------+
 *
 * Mixed arithmetic: every binary slot accepts a float or an int on either
 * side; the int is converted with MpLong_AsDouble (OverflowError "int too
 * large to convert to float" when it does not fit).  Anything else gives
 * NotImplemented so the other operand may try.
 *
 * Comparison with an int is exact, never through a lossy conversion:
 *
 *   signs differ            -> decided by the signs
 *   int has <= 48 bits      -> the int converts exactly; compare doubles
 *   bit lengths differ      -> the longer magnitude is the larger
 *   same bit length         -> compare int(trunc(x)) with the int, with
 *                              a lost fraction standing in as a low 1 bit
 *
 * Hash: the exact rational value reduced modulo 2**61 - 1, so that
 * integral floats hash like the equal int and x == y implies equal
 * hashes; +-inf give +-314159, a NaN hashes by its object's identity.
 *
 * Invariants: ob_fval never changes after creation; // and % follow the
 * sign of the divisor and x == (x // y) * y + x % y up to rounding.
 *
 * Read alongside CPython 3.11: Objects/floatobject.c float_richcompare,
 * float_divmod, float_pow, float___round___impl, float_new_impl;
 * Python/pyhash.c _Py_HashDouble.
 *
 * minipy leaves out: the free list, complex results of negative ** non-
 * integer (a ValueError here), __getformat__ and __getnewargs__.
 */
#include <errno.h>
#include <float.h>
#include <math.h>

#include "include/internal/mp_core.h"
#include "objects/floatobject.h"
#include "objects/formatter_unicode.h"
#include "objects/longobject.h"
#include "objects/object.h"
#include "objects/pystrtod.h"
#include "objects/unicodeobject.h"

/* ---- Construction and conversion ---- */

MpObject *
MpFloat_FromDouble(double v)
{
    MpFloatObject *op = MpObject_Malloc(sizeof(MpFloatObject));

    if (op == NULL)
        return MpErr_NoMemory();
    op->ob_fval = v;
    return mp_object_birth((MpObject *)op, &MpFloat_Type);
}

static void
float_dealloc(MpObject *op)
{
    Mp_TYPE(op)->tp_free(op);
}

/* The double of the result of o.__float__(), checking its type. */
static double
float_from_nb_float(MpObject *o)
{
    MpObject *res = Mp_TYPE(o)->tp_as_number->nb_float(o);
    double v;

    if (res == NULL)
        return -1.0;
    if (!MpFloat_Check(res)) {
        MpErr_Format(MpExc_TypeError,
                     "%.50s.__float__ returned non-float (type %.50s)",
                     Mp_TYPE(o)->tp_name, Mp_TYPE(res)->tp_name);
        Mp_DECREF(res);
        return -1.0;
    }
    v = MpFloat_AS_DOUBLE(res);
    Mp_DECREF(res);
    return v;
}

double
MpFloat_AsDouble(MpObject *o)
{
    MpNumberMethods *nb;
    MpObject *index;
    double v;

    if (o == NULL) {
        MpErr_BadInternalCall();
        return -1.0;
    }
    if (MpFloat_Check(o))
        return MpFloat_AS_DOUBLE(o);
    if (MpLong_Check(o))
        return MpLong_AsDouble(o);
    nb = Mp_TYPE(o)->tp_as_number;
    if (nb != NULL && nb->nb_float != NULL)
        return float_from_nb_float(o);
    if (nb != NULL && nb->nb_index != NULL) {
        index = MpNumber_Index(o);
        if (index == NULL)
            return -1.0;
        v = MpLong_AsDouble(index);
        Mp_DECREF(index);
        return v;
    }
    MpErr_Format(MpExc_TypeError, "must be real number, not %.50s",
                 Mp_TYPE(o)->tp_name);
    return -1.0;
}

/* Copy the code points of s[0..n) to ASCII as CPython's
 * _PyUnicode_TransformDecimalAndSpaceToASCII does: whitespace becomes ' ',
 * any decimal digit its ASCII digit.  Returns 0, or -1 when some other
 * non-ASCII character makes the text invalid (out[] is then unused). */
static int
transform_to_ascii(const char *s, Mp_ssize_t n, char *out, Mp_ssize_t *olen)
{
    Mp_ssize_t pos = 0;
    uint32_t c;
    int d;

    *olen = 0;
    while (pos < n) {
        c = mp_utf8_decode(s, &pos);
        if (c < 0x80)
            out[(*olen)++] = (char)c;
        else if (mp_unicode_isspace(c))
            out[(*olen)++] = ' ';
        else if ((d = mp_unicode_todecimal(c)) >= 0)
            out[(*olen)++] = (char)('0' + d);
        else
            return -1;
    }
    return 0;
}

MpObject *
MpFloat_FromString(MpObject *str)
{
    const char *s;
    char *ascii = NULL;
    Mp_ssize_t n, len;
    double v;
    int rc = -1;

    if (!MpUnicode_Check(str)) {
        return MpErr_Format(MpExc_TypeError,
                            "float() argument must be a string or a real "
                            "number, not '%.200s'", Mp_TYPE(str)->tp_name);
    }
    s = MpUnicode_AsUTF8AndSize(str, &n);
    if (s == NULL)
        return NULL;
    if (MpUnicode_GetLength(str) == n) {
        rc = mp_os_string_to_double(s, n, &v);      /* all ASCII */
    }
    else {
        ascii = MpMem_Malloc((size_t)n + 1);
        if (ascii == NULL)
            return MpErr_NoMemory();
        if (transform_to_ascii(s, n, ascii, &len) == 0)
            rc = mp_os_string_to_double(ascii, len, &v);
        MpMem_Free(ascii);
    }
    if (rc == -2)
        return NULL;
    if (rc == 0)
        return MpFloat_FromDouble(v);
    return MpErr_Format(MpExc_ValueError,
                        "could not convert string to float: %R", str);
}

/* ---- repr and hash ---- */

static MpObject *
float_repr(MpObject *op)
{
    char buf[40];

    MpOS_double_to_repr(MpFloat_AS_DOUBLE(op), buf, sizeof(buf));
    return mp_unicode_from_ascii(buf, (Mp_ssize_t)strlen(buf));
}

Mp_hash_t
mp_hash_double(MpObject *inst, double v)
{
    uint64_t x = 0, y;
    double m;
    int e, sign = 1;
    Mp_hash_t h;

    if (!isfinite(v)) {
        if (isinf(v))
            return v > 0 ? MP_HASH_INF : -MP_HASH_INF;
        return Mp_HashPointer(inst);
    }
    m = frexp(v, &e);
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    /* Feed the mantissa in 28-bit chunks: x = x * 2**28 + chunk, each
     * multiplication by 2**28 being a rotation modulo 2**61 - 1. */
    while (m != 0.0) {
        x = ((x << 28) & MP_HASH_MODULUS) | x >> (MP_HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= MP_HASH_MODULUS)
            x -= MP_HASH_MODULUS;
    }
    /* Multiply by 2**e: a rotation by e mod 61 (2**61 == 1 here). */
    e = e >= 0 ? e % MP_HASH_BITS
               : MP_HASH_BITS - 1 - ((-1 - e) % MP_HASH_BITS);
    x = ((x << e) & MP_HASH_MODULUS) | x >> (MP_HASH_BITS - e);
    h = (Mp_hash_t)x * sign;
    return h == -1 ? -2 : h;
}

static Mp_hash_t
float_hash(MpObject *op)
{
    return mp_hash_double(op, MpFloat_AS_DOUBLE(op));
}

/* ---- Comparison ---- */

static int
cmp_result(int cmp, int op)
{
    switch (op) {
    case Mp_LT: return cmp < 0;
    case Mp_LE: return cmp <= 0;
    case Mp_EQ: return cmp == 0;
    case Mp_NE: return cmp != 0;
    case Mp_GT: return cmp > 0;
    default: return cmp >= 0;
    }
}

/* Three-way comparison of |x| and |w| for a finite x and an int w of the
 * same nonzero sign with more than 48 bits: -1, 0, 1, or -2 on error. */
static int
compare_magnitudes(double x, MpObject *w)
{
    MpObject *vv = NULL, *ww = NULL, *t;
    double intpart, fracpart;
    size_t nbits = MpLong_NumBits(w);
    int exponent, cmp = -2;

    frexp(x, &exponent);
    if (exponent < 0 || (size_t)exponent < nbits)
        return -1;
    if ((size_t)exponent > nbits)
        return 1;
    /* Same bit length: compare the integer parts exactly; a nonzero
     * fraction becomes a low 1 bit on the float's side. */
    fracpart = modf(fabs(x), &intpart);
    vv = MpLong_FromDouble(intpart);
    ww = MpNumber_Absolute(w);
    if (vv == NULL || ww == NULL)
        goto done;
    if (fracpart != 0.0) {
        t = mp_long_lshift((MpLongObject *)vv, 1);
        Mp_SETREF(vv, t);
        if (vv == NULL)
            goto done;
        t = mp_long_lshift((MpLongObject *)ww, 1);
        Mp_SETREF(ww, t);
        if (ww == NULL)
            goto done;
        t = MpNumber_Or(vv, Mp_True);
        Mp_SETREF(vv, t);
        if (vv == NULL)
            goto done;
    }
    cmp = mp_long_compare((MpLongObject *)vv, (MpLongObject *)ww);
    cmp = cmp < 0 ? -1 : cmp > 0;
  done:
    Mp_XDECREF(vv);
    Mp_XDECREF(ww);
    return cmp;
}

/* Three-way comparison of the finite double x with the int w, or -2. */
static int
compare_with_int(double x, MpObject *w)
{
    int xsign = x < 0 ? -1 : x > 0;
    int wsign = MpLong_Sign(w), cmp;
    double wd;

    if (xsign != wsign)
        return xsign < wsign ? -1 : 1;
    if (MpLong_NumBits(w) <= 48) {
        wd = MpLong_AsDouble(w);
        return x < wd ? -1 : x > wd;
    }
    cmp = compare_magnitudes(x, w);
    if (cmp == -2)
        return -2;
    return xsign < 0 ? -cmp : cmp;
}

static MpObject *
float_richcompare(MpObject *v, MpObject *w, int op)
{
    double i = MpFloat_AS_DOUBLE(v), j;
    int cmp;

    if (MpFloat_Check(w)) {
        j = MpFloat_AS_DOUBLE(w);
        if (isnan(i) || isnan(j))
            return MpBool_FromLong(op == Mp_NE);
        cmp = i < j ? -1 : i > j;
    }
    else if (MpLong_Check(w)) {
        if (isnan(i))
            return MpBool_FromLong(op == Mp_NE);
        if (isinf(i))
            cmp = i > 0 ? 1 : -1;
        else if ((cmp = compare_with_int(i, w)) == -2)
            return NULL;
    }
    else {
        Mp_RETURN_NOTIMPLEMENTED;
    }
    return MpBool_FromLong(cmp_result(cmp, op));
}

/* ---- Arithmetic ---- */

/* Convert an operand to a double: 1 on success, 0 when the operand is
 * not a number this type handles (NotImplemented), -1 on error. */
static int
convert_to_double(MpObject *obj, double *dbl)
{
    if (MpFloat_Check(obj)) {
        *dbl = MpFloat_AS_DOUBLE(obj);
        return 1;
    }
    if (MpLong_Check(obj)) {
        *dbl = MpLong_AsDouble(obj);
        if (*dbl == -1.0 && MpErr_Occurred())
            return -1;
        return 1;
    }
    return 0;
}

/* Declares a and b and converts both operands, returning NULL or
 * NotImplemented from the enclosing slot as needed. */
#define CONVERT_BOTH(v, w, a, b)                                  \
    double a, b;                                                  \
    do {                                                          \
        int rc_ = convert_to_double((v), &a);                     \
        if (rc_ > 0)                                              \
            rc_ = convert_to_double((w), &b);                     \
        if (rc_ < 0)                                              \
            return NULL;                                          \
        if (rc_ == 0)                                             \
            Mp_RETURN_NOTIMPLEMENTED;                             \
    } while (0)

static MpObject *
float_add(MpObject *v, MpObject *w)
{
    CONVERT_BOTH(v, w, a, b);
    return MpFloat_FromDouble(a + b);
}

static MpObject *
float_sub(MpObject *v, MpObject *w)
{
    CONVERT_BOTH(v, w, a, b);
    return MpFloat_FromDouble(a - b);
}

static MpObject *
float_mul(MpObject *v, MpObject *w)
{
    CONVERT_BOTH(v, w, a, b);
    return MpFloat_FromDouble(a * b);
}

static MpObject *
float_div(MpObject *v, MpObject *w)
{
    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        MpErr_SetString(MpExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return MpFloat_FromDouble(a / b);
}

/* Python's modulo: the result takes the sign of the divisor. */
static double
float_mod_impl(double vx, double wx)
{
    double mod = fmod(vx, wx);

    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0))
            mod += wx;
    }
    else {
        mod = copysign(0.0, wx);
    }
    return mod;
}

static MpObject *
float_rem(MpObject *v, MpObject *w)
{
    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        MpErr_SetString(MpExc_ZeroDivisionError, "float modulo");
        return NULL;
    }
    return MpFloat_FromDouble(float_mod_impl(a, b));
}

/* Floor quotient and modulo of vx by the nonzero wx. */
static void
float_divmod_impl(double vx, double wx, double *pdiv, double *pmod)
{
    double mod = fmod(vx, wx), div, floordiv;

    /* vx - mod is a multiple of wx, so this division is nearly exact. */
    div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    }
    else {
        mod = copysign(0.0, wx);
    }
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    }
    else {
        floordiv = copysign(0.0, vx / wx);
    }
    *pdiv = floordiv;
    *pmod = mod;
}

static MpObject *
float_floor_div(MpObject *v, MpObject *w)
{
    double div, mod;

    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        MpErr_SetString(MpExc_ZeroDivisionError,
                        "float floor division by zero");
        return NULL;
    }
    float_divmod_impl(a, b, &div, &mod);
    return MpFloat_FromDouble(div);
}

static MpObject *
float_divmod(MpObject *v, MpObject *w)
{
    MpObject *d, *m, *res;
    double div, mod;

    CONVERT_BOTH(v, w, a, b);
    if (b == 0.0) {
        MpErr_SetString(MpExc_ZeroDivisionError, "float divmod()");
        return NULL;
    }
    float_divmod_impl(a, b, &div, &mod);
    d = MpFloat_FromDouble(div);
    if (d == NULL)
        return NULL;
    m = MpFloat_FromDouble(mod);
    if (m == NULL) {
        Mp_DECREF(d);
        return NULL;
    }
    res = MpTuple_Pack(2, d, m);
    Mp_DECREF(d);
    Mp_DECREF(m);
    return res;
}

/* 1 if w is an odd integer (w finite). */
static int
double_is_odd_integer(double w)
{
    return fmod(fabs(w), 2.0) == 1.0;
}

/* x ** y for the special operands (nan, inf, zero base): 1 with *res set
 * when handled, 0 when the general case applies, -1 on error. */
static int
float_pow_special(double iv, double iw, double *res)
{
    if (iw == 0.0 || iv == 1.0) {
        *res = 1.0;
        return 1;
    }
    if (isnan(iv) || isnan(iw)) {
        *res = isnan(iv) ? iv : iw;
        return 1;
    }
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0)
            *res = 1.0;
        else if ((iw > 0.0) == (iv > 1.0))
            *res = fabs(iw);
        else
            *res = 0.0;
        return 1;
    }
    if (isinf(iv)) {
        int odd = double_is_odd_integer(iw);
        if (iw > 0.0)
            *res = odd ? iv : fabs(iv);
        else
            *res = odd ? copysign(0.0, iv) : 0.0;
        return 1;
    }
    if (iv == 0.0) {
        if (iw < 0.0) {
            MpErr_SetString(MpExc_ZeroDivisionError,
                            "0.0 cannot be raised to a negative power");
            return -1;
        }
        *res = double_is_odd_integer(iw) ? iv : 0.0;
        return 1;
    }
    return 0;
}

static MpObject *
float_pow(MpObject *v, MpObject *w, MpObject *z)
{
    double ix;
    int negate = 0, rc;

    if (z != Mp_None) {
        MpErr_SetString(MpExc_TypeError, "pow() 3rd argument not allowed "
                        "unless all arguments are integers");
        return NULL;
    }
    CONVERT_BOTH(v, w, iv, iw);
    rc = float_pow_special(iv, iw, &ix);
    if (rc < 0)
        return NULL;
    if (rc > 0)
        return MpFloat_FromDouble(ix);
    if (iv < 0.0) {
        if (iw != floor(iw)) {
            /* CPython returns a complex here; minipy has none. */
            MpErr_SetString(MpExc_ValueError, "negative number cannot be "
                            "raised to a fractional power");
            return NULL;
        }
        iv = -iv;
        negate = double_is_odd_integer(iw);
    }
    errno = 0;
    ix = pow(iv, iw);
    if (negate)
        ix = -ix;
    if (isinf(ix)) {
        MpErr_SetString(MpExc_OverflowError,
                        "(34, 'Numerical result out of range')");
        return NULL;
    }
    return MpFloat_FromDouble(ix);
}

static MpObject *
float_neg(MpObject *v)
{
    return MpFloat_FromDouble(-MpFloat_AS_DOUBLE(v));
}

static MpObject *
float_float(MpObject *v)
{
    if (MpFloat_CheckExact(v))
        return Mp_NewRef(v);
    return MpFloat_FromDouble(MpFloat_AS_DOUBLE(v));
}

static MpObject *
float_abs(MpObject *v)
{
    return MpFloat_FromDouble(fabs(MpFloat_AS_DOUBLE(v)));
}

static int
float_bool(MpObject *v)
{
    return MpFloat_AS_DOUBLE(v) != 0.0;
}

/* int(x): truncation toward zero; errors for inf and nan. */
static MpObject *
float_trunc(MpObject *v, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpLong_FromDouble(trunc(MpFloat_AS_DOUBLE(v)));
}

static MpObject *
float_int(MpObject *v)
{
    return float_trunc(v, NULL);
}

static MpNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_div,
};

/* ---- Methods ---- */

static MpObject *
float_is_integer(MpObject *v, MpObject *unused)
{
    double x = MpFloat_AS_DOUBLE(v);

    MP_UNUSED(unused);
    return MpBool_FromLong(isfinite(x) && floor(x) == x);
}

/* round(x) with no ndigits: nearest int, halves to even. */
static MpObject *
float_round_to_int(double x)
{
    double rounded = round(x);

    if (fabs(x - rounded) == 0.5)
        rounded = 2.0 * round(x / 2.0);
    return MpLong_FromDouble(rounded);
}

static MpObject *
float___round__(MpObject *v, MpObject *const *args, Mp_ssize_t nargs)
{
    double x = MpFloat_AS_DOUBLE(v), r;
    Mp_ssize_t ndigits;

    if (MpArg_CheckPositional("__round__", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0 || args[0] == Mp_None)
        return float_round_to_int(x);
    ndigits = MpNumber_AsSsize_t(args[0], NULL);
    if (ndigits == -1 && MpErr_Occurred())
        return NULL;
    r = mp_float_round(x, ndigits);
    if (r == -1.0 && MpErr_Occurred())
        return NULL;
    return MpFloat_FromDouble(r);
}

static MpObject *
float___format__(MpObject *v, MpObject *spec)
{
    if (!MpUnicode_Check(spec)) {
        return MpErr_Format(MpExc_TypeError,
                            "__format__() argument must be str, not %.200s",
                            Mp_TYPE(spec)->tp_name);
    }
    return mp_format_float(v, spec);
}

static MpObject *
float___sizeof__(MpObject *v, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpLong_FromSsize_t(Mp_TYPE(v)->tp_basicsize);
}

static MpObject *
float_conjugate(MpObject *v, MpObject *unused)
{
    MP_UNUSED(unused);
    return float_float(v);
}

static MpObject *
float_get_real(MpObject *v, void *closure)
{
    MP_UNUSED(closure);
    return float_float(v);
}

static MpObject *
float_get_imag(MpObject *v, void *closure)
{
    MP_UNUSED(v);
    MP_UNUSED(closure);
    return MpFloat_FromDouble(0.0);
}

static MpObject *
float___floor__(MpObject *v, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpLong_FromDouble(floor(MpFloat_AS_DOUBLE(v)));
}

static MpObject *
float___ceil__(MpObject *v, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpLong_FromDouble(ceil(MpFloat_AS_DOUBLE(v)));
}

/* x.as_integer_ratio(): the exact (numerator, denominator) in lowest
 * terms, denominator a power of two. */
static MpObject *
float_as_integer_ratio(MpObject *v, MpObject *unused)
{
    double x = MpFloat_AS_DOUBLE(v), m;
    MpObject *num = NULL, *den = NULL, *res = NULL, *t;
    int e, i;

    MP_UNUSED(unused);
    if (isinf(x)) {
        MpErr_SetString(MpExc_OverflowError,
                        "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(x)) {
        MpErr_SetString(MpExc_ValueError,
                        "cannot convert NaN to integer ratio");
        return NULL;
    }
    /* Shift fraction bits into the integer part: at most 1074 doublings
     * for the smallest subnormal, each exact. */
    m = frexp(x, &e);
    for (i = 0; i < 1100 && m != floor(m); i++) {
        m *= 2.0;
        e--;
    }
    num = MpLong_FromDouble(m);
    den = MpLong_FromLong(1);
    if (num == NULL || den == NULL)
        goto done;
    if (e > 0) {
        t = mp_long_lshift((MpLongObject *)num, e);
        Mp_SETREF(num, t);
    }
    else if (e < 0) {
        t = mp_long_lshift((MpLongObject *)den, -e);
        Mp_SETREF(den, t);
    }
    if (num != NULL && den != NULL)
        res = MpTuple_Pack(2, num, den);
  done:
    Mp_XDECREF(num);
    Mp_XDECREF(den);
    return res;
}

static MpObject *
float_hex(MpObject *v, MpObject *unused)
{
    char buf[40];

    MP_UNUSED(unused);
    mp_os_double_to_hex(MpFloat_AS_DOUBLE(v), buf, sizeof(buf));
    return mp_unicode_from_ascii(buf, (Mp_ssize_t)strlen(buf));
}

/* float.fromhex(string): a class method; a subclass gets cls(value). */
static MpObject *
float_fromhex(MpObject *cls, MpObject *string)
{
    const char *s;
    Mp_ssize_t n;
    double v;
    int rc = -1;
    MpObject *res;

    if (!MpUnicode_Check(string)) {
        MpErr_BadArgument();
        return NULL;
    }
    s = MpUnicode_AsUTF8AndSize(string, &n);
    if (s == NULL)
        return NULL;
    if (MpUnicode_GetLength(string) == n)
        rc = mp_os_hex_to_double(s, n, &v);
    if (rc == -2)
        return NULL;
    if (rc == -3) {
        MpErr_SetString(MpExc_OverflowError, "hexadecimal value too large "
                        "to represent as a float");
        return NULL;
    }
    if (rc < 0) {
        MpErr_SetString(MpExc_ValueError,
                        "invalid hexadecimal floating-point string");
        return NULL;
    }
    res = MpFloat_FromDouble(v);
    if (res != NULL && cls != (MpObject *)&MpFloat_Type)
        Mp_SETREF(res, MpObject_CallOneArg(cls, res));
    return res;
}

static MpMethodDef float_methods[] = {
    {"is_integer", float_is_integer, MP_METH_NOARGS,
     "Return True if the float is an integer."},
    {"__round__", (MpCFunction)(void (*)(void))float___round__,
     MP_METH_FASTCALL, "Return the float rounded to ndigits decimals."},
    {"__trunc__", float_trunc, MP_METH_NOARGS,
     "Return the Integral closest to x between 0 and x."},
    {"__floor__", float___floor__, MP_METH_NOARGS,
     "Return the floor as an Integral."},
    {"__ceil__", float___ceil__, MP_METH_NOARGS,
     "Return the ceiling as an Integral."},
    {"as_integer_ratio", float_as_integer_ratio, MP_METH_NOARGS,
     "Return the exact ratio of two ints equal to the float."},
    {"hex", float_hex, MP_METH_NOARGS,
     "Return a hexadecimal representation of the float."},
    {"fromhex", float_fromhex, MP_METH_O | MP_METH_CLASS,
     "Create a float from a hexadecimal string."},
    {"__format__", float___format__, MP_METH_O,
     "Format the float with a format-spec."},
    {"__sizeof__", float___sizeof__, MP_METH_NOARGS,
     "Size of the object in memory, in bytes."},
    {"conjugate", float_conjugate, MP_METH_NOARGS,
     "Return self, the complex conjugate of any float."},
    {NULL, NULL, 0, NULL},
};

static MpGetSetDef float_getset[] = {
    {"real", float_get_real, NULL, "the real part", NULL},
    {"imag", float_get_imag, NULL, "the imaginary part", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- The constructor ---- */

/* float(x) for an exact float result. */
static MpObject *
float_from_object(MpObject *x)
{
    MpNumberMethods *nb = Mp_TYPE(x)->tp_as_number;
    double v;

    if (MpUnicode_Check(x))
        return MpFloat_FromString(x);
    if (MpFloat_CheckExact(x))
        return Mp_NewRef(x);
    if (nb == NULL || (nb->nb_float == NULL && nb->nb_index == NULL)) {
        return MpErr_Format(MpExc_TypeError,
                            "float() argument must be a string or a real "
                            "number, not '%.200s'", Mp_TYPE(x)->tp_name);
    }
    v = MpFloat_AsDouble(x);
    if (v == -1.0 && MpErr_Occurred())
        return NULL;
    return MpFloat_FromDouble(v);
}

static MpObject *
float_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *tmp, *res;
    Mp_ssize_t nargs = MpTuple_Size(args);

    if (kwds != NULL && MpDict_Size(kwds) > 0) {
        MpErr_SetString(MpExc_TypeError,
                        "float() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        return MpErr_Format(MpExc_TypeError,
                            "float expected at most 1 argument, got %zd",
                            nargs);
    }
    tmp = nargs == 0 ? MpFloat_FromDouble(0.0)
                     : float_from_object(MpTuple_GetItem(args, 0));
    if (tmp == NULL || type == &MpFloat_Type)
        return tmp;
    /* A subclass: copy the value into an instance of 'type'. */
    res = type->tp_alloc(type, 0);
    if (res != NULL)
        ((MpFloatObject *)res)->ob_fval = MpFloat_AS_DOUBLE(tmp);
    Mp_DECREF(tmp);
    return res;
}

MpTypeObject MpFloat_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "float",
    .tp_basicsize = sizeof(MpFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_as_number = &float_as_number,
    .tp_hash = float_hash,
    .tp_str = float_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_BASETYPE,
    .tp_doc = "Convert a string or number to a floating point number.",
    .tp_richcompare = float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_new = float_new,
    .tp_free = MpObject_Del,
};

int
mp_float_init(void)
{
    return MpType_Ready(&MpFloat_Type);
}

void
mp_float_fini(void)
{
}
