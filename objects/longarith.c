/*
 * longarith.c -- the digit-array algorithms behind int arithmetic.
 *
 * Everything here works on magnitudes held in 30-bit digits (see
 * longobject.h); the object side (longobject.c) deals with signs, types
 * and the small-int cache.  Each function returns a fresh object whose
 * leading zero digits are stripped; none consults the cache, so callers
 * finish with mp_long_normalize().
 *
 *   operation        algorithm                         cost (n digits)
 *   ---------------  --------------------------------  ----------------
 *   x_add, x_sub     schoolbook with carry / borrow    O(n)
 *   x_mul            schoolbook below the cutoff,      O(n^2)
 *                    Karatsuba above it                O(n^1.585)
 *                    (lopsided: Karatsuba by chunks)
 *   x_divrem         one digit: divrem1;               O(n)
 *                    else Knuth vol. 2, 4.3.1, alg. D  O(n*m)
 *   shifts           digit moves plus a bit shift      O(n)
 *   and / or / xor   two's complement on the fly       O(n)
 *
 * Karatsuba: with B = BASE**s (s = half of the larger operand),
 *   a = ah*B + al, b = bh*B + bl,
 *   a*b = t1*B**2 + (t3 - t1 - t2)*B + t2
 *   where t1 = ah*bh, t2 = al*bl, t3 = (ah+al)*(bh+bl).
 * The cutoff (70 digits) was measured with bench/bench_long.c.  When one
 * operand is less than half the other's size, the longer one is cut into
 * slices the size of the shorter one ("lopsided"), so that the split is
 * always balanced.
 *
 * Invariants: a digit is < BASE; twodigits hold any digit product plus
 * two digits of carry; every allocation failure returns NULL (or -1) with
 * MemoryError set and frees everything built so far.
 *
 * Read alongside CPython 3.11: Objects/longobject.c x_add, x_sub, x_mul,
 * k_mul, k_lopsided_mul, x_divrem, inplace_divrem1, long_rshift1,
 * long_lshift1, long_bitwise.  minipy leaves out the squaring shortcut
 * of x_mul and the fast paths for powers of two in division.
 */
#include "include/internal/mp_core.h"
#include "objects/pystate.h"
#include "objects/longobject.h"

static struct {
    Mp_ssize_t karatsuba_cutoff;   /* digits; 0 means the default */
} state;

#define KARATSUBA_CUTOFF_DEFAULT 70

static Mp_ssize_t
karatsuba_cutoff(void)
{
    return state.karatsuba_cutoff > 0 ? state.karatsuba_cutoff
                                      : KARATSUBA_CUTOFF_DEFAULT;
}

Mp_ssize_t
mp_long_set_karatsuba_cutoff(Mp_ssize_t cutoff)
{
    Mp_ssize_t old = karatsuba_cutoff();
    state.karatsuba_cutoff = cutoff < 2 ? 2 : cutoff;
    return old;
}

/* Drop leading zero digits; keeps the sign of ob_size. */
static MpLongObject *
long_strip(MpLongObject *v)
{
    Mp_ssize_t n = mp_long_abs_size(v);
    while (n > 0 && v->ob_digit[n - 1] == 0)
        n--;
    Mp_SET_SIZE(v, Mp_SIZE(v) < 0 ? -n : n);
    return v;
}

static MpLongObject *
long_zeros(Mp_ssize_t n)
{
    MpLongObject *z = mp_long_new(n);
    if (z != NULL)
        memset(z->ob_digit, 0, (size_t)MP_MAX(n, 1) * sizeof(digit));
    return z;
}

/* A positive int holding digits d[0..n-1]. */
static MpLongObject *
long_from_slice(const digit *d, Mp_ssize_t n)
{
    MpLongObject *z = mp_long_new(n);
    if (z == NULL)
        return NULL;
    if (n > 0)
        memcpy(z->ob_digit, d, (size_t)n * sizeof(digit));
    return long_strip(z);
}

/* ---- Addition and subtraction ---- */

/* z[0..m-1] += a[0..n-1] (n <= m); returns the carry out. */
static digit
v_iadd(digit *z, Mp_ssize_t m, const digit *a, Mp_ssize_t n)
{
    digit carry = 0;
    Mp_ssize_t i;

    for (i = 0; i < n; i++) {
        carry += z[i] + a[i];
        z[i] = carry & MP_LONG_MASK;
        carry >>= MP_LONG_SHIFT;
    }
    for (; carry && i < m; i++) {
        carry += z[i];
        z[i] = carry & MP_LONG_MASK;
        carry >>= MP_LONG_SHIFT;
    }
    return carry;
}

/* z[0..m-1] -= a[0..n-1] (n <= m); returns the borrow out. */
static digit
v_isub(digit *z, Mp_ssize_t m, const digit *a, Mp_ssize_t n)
{
    digit borrow = 0;
    Mp_ssize_t i;

    for (i = 0; i < n; i++) {
        borrow = z[i] - a[i] - borrow;
        z[i] = borrow & MP_LONG_MASK;
        borrow = (borrow >> MP_LONG_SHIFT) & 1;
    }
    for (; borrow && i < m; i++) {
        borrow = z[i] - borrow;
        z[i] = borrow & MP_LONG_MASK;
        borrow = (borrow >> MP_LONG_SHIFT) & 1;
    }
    return borrow;
}

MpLongObject *
mp_long_x_add(const MpLongObject *a, const MpLongObject *b)
{
    Mp_ssize_t size_a = mp_long_abs_size(a), size_b = mp_long_abs_size(b);
    MpLongObject *z;

    if (size_a < size_b) {
        const MpLongObject *t = a;
        Mp_ssize_t ts = size_a;
        a = b;
        b = t;
        size_a = size_b;
        size_b = ts;
    }
    z = mp_long_new(size_a + 1);
    if (z == NULL)
        return NULL;
    if (size_a > 0)
        memcpy(z->ob_digit, a->ob_digit, (size_t)size_a * sizeof(digit));
    z->ob_digit[size_a] = v_iadd(z->ob_digit, size_a, b->ob_digit, size_b);
    return long_strip(z);
}

MpLongObject *
mp_long_x_sub(const MpLongObject *a, const MpLongObject *b)
{
    Mp_ssize_t size_a = mp_long_abs_size(a), size_b = mp_long_abs_size(b);
    int sign = 1;
    MpLongObject *z;

    if (size_a < size_b) {
        sign = -1;
    }
    else if (size_a == size_b) {
        Mp_ssize_t i = size_a;
        while (--i >= 0 && a->ob_digit[i] == b->ob_digit[i])
            ;
        if (i < 0)
            return long_zeros(0);
        if (a->ob_digit[i] < b->ob_digit[i])
            sign = -1;
        size_a = size_b = i + 1;
    }
    if (sign < 0) {
        const MpLongObject *t = a;
        Mp_ssize_t ts = size_a;
        a = b;
        b = t;
        size_a = size_b;
        size_b = ts;
    }
    z = mp_long_new(size_a);
    if (z == NULL)
        return NULL;
    memcpy(z->ob_digit, a->ob_digit, (size_t)size_a * sizeof(digit));
    v_isub(z->ob_digit, size_a, b->ob_digit, size_b);
    long_strip(z);
    if (sign < 0)
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    return z;
}

/* ---- Multiplication ---- */

/* z[0..na+nb-1] = a * b, schoolbook; z must not overlap a or b. */
static void
digits_mul(digit *z, const digit *a, Mp_ssize_t na,
           const digit *b, Mp_ssize_t nb)
{
    Mp_ssize_t i, j;

    memset(z, 0, (size_t)(na + nb) * sizeof(digit));
    for (i = 0; i < na; i++) {
        twodigits carry = 0, f = a[i];
        if (f == 0)
            continue;
        for (j = 0; j < nb; j++) {
            carry += z[i + j] + b[j] * f;
            z[i + j] = (digit)(carry & MP_LONG_MASK);
            carry >>= MP_LONG_SHIFT;
        }
        z[i + nb] = (digit)carry;   /* that slot is still zero */
    }
}

static MpLongObject *
x_mul(const MpLongObject *a, const MpLongObject *b)
{
    Mp_ssize_t na = mp_long_abs_size(a), nb = mp_long_abs_size(b);
    MpLongObject *z = mp_long_new(na + nb);

    if (z == NULL)
        return NULL;
    if (na + nb == 0)
        z->ob_digit[0] = 0;
    else
        digits_mul(z->ob_digit, a->ob_digit, na, b->ob_digit, nb);
    return long_strip(z);
}

static MpLongObject *k_mul(const MpLongObject *a, const MpLongObject *b);

/* Split n's digits at 'at' into a high and a low positive int. */
static int
kmul_split(const MpLongObject *n, Mp_ssize_t at,
           MpLongObject **high, MpLongObject **low)
{
    Mp_ssize_t size = mp_long_abs_size(n);
    Mp_ssize_t size_lo = MP_MIN(size, at);

    *low = long_from_slice(n->ob_digit, size_lo);
    if (*low == NULL)
        return -1;
    *high = long_from_slice(n->ob_digit + size_lo, size - size_lo);
    if (*high == NULL) {
        Mp_CLEAR(*low);
        return -1;
    }
    return 0;
}

/* a * b when 2 * |a| <= |b|: multiply a by |a|-digit slices of b. */
static MpLongObject *
k_lopsided_mul(const MpLongObject *a, const MpLongObject *b)
{
    Mp_ssize_t na = mp_long_abs_size(a), nb = mp_long_abs_size(b);
    Mp_ssize_t done = 0;
    MpLongObject *ret = long_zeros(na + nb);

    if (ret == NULL)
        return NULL;
    while (done < nb) {
        Mp_ssize_t chunk = MP_MIN(nb - done, na);
        MpLongObject *slice, *product;

        slice = long_from_slice(b->ob_digit + done, chunk);
        if (slice == NULL)
            goto error;
        product = k_mul(a, slice);
        Mp_DECREF(slice);
        if (product == NULL)
            goto error;
        v_iadd(ret->ob_digit + done, na + nb - done,
               product->ob_digit, mp_long_abs_size(product));
        Mp_DECREF(product);
        done += chunk;
    }
    return long_strip(ret);
error:
    Mp_DECREF(ret);
    return NULL;
}

/* ret[shift..] += t3 - t1 - t2, where ret already holds t1*B**2 + t2. */
static void
kmul_middle(MpLongObject *ret, Mp_ssize_t shift, const MpLongObject *t1,
            const MpLongObject *t2, const MpLongObject *t3)
{
    digit *z = ret->ob_digit + shift;
    Mp_ssize_t m = Mp_SIZE(ret) - shift;

    /* The intermediate value may go below zero; arithmetic modulo
     * BASE**m makes the final sum right because it fits. */
    v_isub(z, m, t1->ob_digit, mp_long_abs_size(t1));
    v_isub(z, m, t2->ob_digit, mp_long_abs_size(t2));
    v_iadd(z, m, t3->ob_digit, mp_long_abs_size(t3));
}

/* Karatsuba proper; a is the shorter operand, 2 * |a| > |b|. */
static MpLongObject *
k_mul_balanced(const MpLongObject *a, const MpLongObject *b)
{
    Mp_ssize_t na = mp_long_abs_size(a), nb = mp_long_abs_size(b);
    Mp_ssize_t shift = nb >> 1;
    MpLongObject *ah = NULL, *al = NULL, *bh = NULL, *bl = NULL;
    MpLongObject *t1 = NULL, *t2 = NULL, *t3 = NULL, *ret = NULL;
    MpLongObject *sa = NULL, *sb = NULL;

    if (kmul_split(a, shift, &ah, &al) < 0 ||
        kmul_split(b, shift, &bh, &bl) < 0)
        goto done;
    if ((t1 = k_mul(ah, bh)) == NULL || (t2 = k_mul(al, bl)) == NULL)
        goto done;
    if ((sa = mp_long_x_add(ah, al)) == NULL ||
        (sb = mp_long_x_add(bh, bl)) == NULL)
        goto done;
    if ((t3 = k_mul(sa, sb)) == NULL)
        goto done;
    if ((ret = long_zeros(na + nb)) == NULL)
        goto done;
    memcpy(ret->ob_digit, t2->ob_digit,
           (size_t)mp_long_abs_size(t2) * sizeof(digit));
    memcpy(ret->ob_digit + 2 * shift, t1->ob_digit,
           (size_t)mp_long_abs_size(t1) * sizeof(digit));
    kmul_middle(ret, shift, t1, t2, t3);
    long_strip(ret);
done:
    Mp_XDECREF(ah);
    Mp_XDECREF(al);
    Mp_XDECREF(bh);
    Mp_XDECREF(bl);
    Mp_XDECREF(t1);
    Mp_XDECREF(t2);
    Mp_XDECREF(t3);
    Mp_XDECREF(sa);
    Mp_XDECREF(sb);
    return ret;
}

static MpLongObject *
k_mul(const MpLongObject *a, const MpLongObject *b)
{
    if (mp_long_abs_size(a) > mp_long_abs_size(b)) {
        const MpLongObject *t = a;
        a = b;
        b = t;
    }
    if (mp_long_abs_size(a) <= karatsuba_cutoff())
        return x_mul(a, b);
    if (2 * mp_long_abs_size(a) <= mp_long_abs_size(b))
        return k_lopsided_mul(a, b);
    return k_mul_balanced(a, b);
}

/* A big multiplication or division is a checkpoint of the evaluation
 * budget (pystate.h): it is charged its digit products / 32, so that a
 * host's budget also bounds time spent inside one operation.  Small
 * operands cost a compare.  0, or -1 with EvalInterrupt set. */
static int
charge_digit_products(Mp_ssize_t na, Mp_ssize_t nb)
{
    uint64_t products = (uint64_t)na * (uint64_t)nb;
    if (MP_LIKELY(products < 4096))
        return 0;
    return mp_eval_charge((Mp_ssize_t)(products >> 5));
}

MpLongObject *
mp_long_x_mul(const MpLongObject *a, const MpLongObject *b)
{
    if (charge_digit_products(mp_long_abs_size(a),
                              mp_long_abs_size(b)) < 0)
        return NULL;
    return k_mul(a, b);
}

/* ---- Division ---- */

digit
mp_long_inplace_divrem1(digit *pout, const digit *pin, Mp_ssize_t size,
                        digit n)
{
    twodigits rem = 0;

    while (--size >= 0) {
        digit hi;
        rem = (rem << MP_LONG_SHIFT) | pin[size];
        pout[size] = hi = (digit)(rem / n);
        rem -= (twodigits)hi * n;
    }
    return (digit)rem;
}

digit
mp_long_inplace_muladd1(digit *z, Mp_ssize_t size, digit n, digit extra)
{
    twodigits carry = extra;
    Mp_ssize_t i;

    for (i = 0; i < size; i++) {
        carry += (twodigits)z[i] * n;
        z[i] = (digit)(carry & MP_LONG_MASK);
        carry >>= MP_LONG_SHIFT;
    }
    return (digit)carry;
}

static int
bits_in_digit(digit d)
{
    return d == 0 ? 0 : 32 - __builtin_clz(d);
}

/* Shift 'm' digits of a left by d bits (0 <= d < SHIFT) into z; returns
 * the bits shifted out of the top. */
static digit
v_lshift(digit *z, const digit *a, Mp_ssize_t m, int d)
{
    digit carry = 0;
    Mp_ssize_t i;

    for (i = 0; i < m; i++) {
        twodigits acc = (twodigits)a[i] << d | carry;
        z[i] = (digit)acc & MP_LONG_MASK;
        carry = (digit)(acc >> MP_LONG_SHIFT);
    }
    return carry;
}

/* Shift 'm' digits of a right by d bits into z; returns the bits shifted
 * out of the bottom (in the low d bits). */
static digit
v_rshift(digit *z, const digit *a, Mp_ssize_t m, int d)
{
    digit carry = 0;
    digit mask = ((digit)1 << d) - 1U;
    Mp_ssize_t i;

    for (i = m; i-- > 0;) {
        twodigits acc = (twodigits)carry << MP_LONG_SHIFT | a[i];
        carry = (digit)acc & mask;
        z[i] = (digit)(acc >> d);
    }
    return carry;
}

/* One step of algorithm D: subtract q * w from v[k..k+size_w] and fix
 * q when it was one too large.  Returns the final quotient digit. */
static digit
x_divrem_step(digit *vk, const digit *w, Mp_ssize_t size_w, digit q)
{
    sdigit zhi = 0;
    stwodigits z;
    Mp_ssize_t i;
    digit carry;

    for (i = 0; i < size_w; i++) {
        /* zhi is a borrow in [-BASE, 0]; the sum stays within 64 bits. */
        z = (sdigit)vk[i] + zhi - (stwodigits)q * (stwodigits)w[i];
        vk[i] = (digit)z & MP_LONG_MASK;
        zhi = (sdigit)(z >> MP_LONG_SHIFT);   /* arithmetic shift */
    }
    if ((sdigit)vk[size_w] + zhi < 0) {
        /* q was one too big: add w back. */
        carry = 0;
        for (i = 0; i < size_w; i++) {
            carry += vk[i] + w[i];
            vk[i] = carry & MP_LONG_MASK;
            carry >>= MP_LONG_SHIFT;
        }
        q--;
    }
    vk[size_w] = 0;
    return q;
}

/* Estimate the next quotient digit from the top two digits of vk's
 * window and refine it with the third, so that it is exact or one too
 * large (Knuth's step D3). */
static digit
x_divrem_estimate(const digit *vk, Mp_ssize_t size_w, digit wm1, digit wm2)
{
    twodigits vv = ((twodigits)vk[size_w] << MP_LONG_SHIFT) |
                   vk[size_w - 1];
    digit q = (digit)(vv / wm1);
    digit r = (digit)(vv - (twodigits)wm1 * q);

    while ((twodigits)wm2 * q >
           (((twodigits)r << MP_LONG_SHIFT) | vk[size_w - 2])) {
        --q;
        r += wm1;
        if (r >= MP_LONG_BASE)
            break;
    }
    return q;
}

/* Knuth's algorithm D for |v1| / |w1| with |w1| >= 2 digits and
 * |v1| >= |w1|. */
static int
x_divrem(const MpLongObject *v1, const MpLongObject *w1,
         MpLongObject **pdiv, MpLongObject **prem)
{
    Mp_ssize_t size_v = mp_long_abs_size(v1), size_w = mp_long_abs_size(w1);
    Mp_ssize_t k, j;
    MpLongObject *v, *w, *a = NULL;
    digit wm1, wm2;
    int d;

    v = mp_long_new(size_v + 1);
    w = v != NULL ? mp_long_new(size_w) : NULL;
    if (w == NULL) {
        Mp_XDECREF(v);
        return -1;
    }
    /* Normalize: shift so that w's top digit has its high bit set. */
    d = MP_LONG_SHIFT - bits_in_digit(w1->ob_digit[size_w - 1]);
    v_lshift(w->ob_digit, w1->ob_digit, size_w, d);
    v->ob_digit[size_v] = v_lshift(v->ob_digit, v1->ob_digit, size_v, d);
    if (v->ob_digit[size_v] != 0 || v->ob_digit[size_v - 1] >=
                                    w->ob_digit[size_w - 1])
        size_v++;
    k = size_v - size_w;
    a = mp_long_new(k > 0 ? k : 1);
    if (a == NULL) {
        Mp_DECREF(v);
        Mp_DECREF(w);
        return -1;
    }
    wm1 = w->ob_digit[size_w - 1];
    wm2 = w->ob_digit[size_w - 2];
    a->ob_digit[0] = 0;
    for (j = k; j-- > 0;) {
        digit *vk = v->ob_digit + j;
        digit q = x_divrem_estimate(vk, size_w, wm1, wm2);
        a->ob_digit[j] = x_divrem_step(vk, w->ob_digit, size_w, q);
    }
    /* The remainder is in v's low size_w digits, still shifted by d. */
    v_rshift(w->ob_digit, v->ob_digit, size_w, d);
    Mp_DECREF(v);
    if (k <= 0)
        Mp_SET_SIZE(a, 0);
    *pdiv = long_strip(a);
    *prem = long_strip(w);
    return 0;
}

int
mp_long_x_divrem(const MpLongObject *a, const MpLongObject *b,
                 MpLongObject **pdiv, MpLongObject **prem)
{
    Mp_ssize_t size_a = mp_long_abs_size(a), size_b = mp_long_abs_size(b);
    MpLongObject *q, *r;

    MP_ASSERT(size_b > 0);
    if (charge_digit_products(size_a, size_b) < 0)
        return -1;
    if (size_a < size_b ||
        (size_a == size_b &&
         a->ob_digit[size_a - 1] < b->ob_digit[size_b - 1])) {
        /* |a| < |b|: quotient 0, remainder |a|. */
        q = long_zeros(0);
        if (q == NULL)
            return -1;
        r = long_from_slice(a->ob_digit, size_a);
        if (r == NULL) {
            Mp_DECREF(q);
            return -1;
        }
    }
    else if (size_b == 1) {
        q = mp_long_new(size_a);
        if (q == NULL)
            return -1;
        digit rem = mp_long_inplace_divrem1(q->ob_digit, a->ob_digit,
                                            size_a, b->ob_digit[0]);
        long_strip(q);
        r = long_from_slice(&rem, 1);
        if (r == NULL) {
            Mp_DECREF(q);
            return -1;
        }
    }
    else if (x_divrem(a, b, &q, &r) < 0) {
        return -1;
    }
    *pdiv = q;
    *prem = r;
    return 0;
}

/* Floor adjustment: div -= 1, mod += b (signs already applied). */
static int
divmod_floor_fix(MpLongObject **pdiv, MpLongObject **pmod,
                 const MpLongObject *b)
{
    MpLongObject *t, one;

    Mp_SET_SIZE(&one, 1);
    one.ob_digit[0] = 1;
    if (Mp_SIZE(*pmod) < 0)
        t = mp_long_x_sub(b, *pmod);    /* b > 0: mod + b = b - |mod| */
    else
        t = mp_long_x_sub(*pmod, b);    /* b < 0: |mod| - |b| */
    if (t == NULL)
        return -1;
    Mp_SETREF(*pmod, t);
    /* div is negative or zero here: div - 1 = -(|div| + 1). */
    t = mp_long_x_add(*pdiv, &one);
    if (t == NULL)
        return -1;
    Mp_SET_SIZE(t, -Mp_SIZE(t));
    Mp_SETREF(*pdiv, t);
    return 0;
}

int
mp_long_divmod(MpLongObject *a, MpLongObject *b,
               MpObject **pdiv, MpObject **pmod)
{
    MpLongObject *div, *mod;

    if (mp_long_x_divrem(a, b, &div, &mod) < 0)
        return -1;
    /* Truncated results: the quotient is negative when the signs differ,
     * the remainder takes the sign of a. */
    if ((Mp_SIZE(a) < 0) != (Mp_SIZE(b) < 0))
        Mp_SET_SIZE(div, -Mp_SIZE(div));
    if (Mp_SIZE(a) < 0)
        Mp_SET_SIZE(mod, -Mp_SIZE(mod));
    /* Python floors: a nonzero remainder takes the sign of b. */
    if (Mp_SIZE(mod) != 0 && (Mp_SIZE(mod) < 0) != (Mp_SIZE(b) < 0)) {
        if (divmod_floor_fix(&div, &mod, b) < 0) {
            Mp_DECREF(div);
            Mp_DECREF(mod);
            return -1;
        }
    }
    if (pdiv != NULL)
        *pdiv = mp_long_normalize(div);
    else
        Mp_DECREF(div);
    if (pmod != NULL)
        *pmod = mp_long_normalize(mod);
    else
        Mp_DECREF(mod);
    return 0;
}

/* ---- Shifts ---- */

MpObject *
mp_long_lshift(MpLongObject *a, Mp_ssize_t shiftby)
{
    Mp_ssize_t wordshift = shiftby / MP_LONG_SHIFT;
    int remshift = (int)(shiftby % MP_LONG_SHIFT);
    Mp_ssize_t oldsize = mp_long_abs_size(a), newsize;
    MpLongObject *z;

    if (oldsize == 0)
        return mp_long_normalize(long_zeros(0));
    if (wordshift > MP_LONG_MAX_DIGITS - oldsize - 1) {
        MpErr_SetString(MpExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    newsize = oldsize + wordshift + 1;
    z = mp_long_new(newsize);
    if (z == NULL)
        return NULL;
    memset(z->ob_digit, 0, (size_t)wordshift * sizeof(digit));
    z->ob_digit[newsize - 1] = v_lshift(z->ob_digit + wordshift,
                                        a->ob_digit, oldsize, remshift);
    long_strip(z);
    if (Mp_SIZE(a) < 0)
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    return mp_long_normalize(z);
}

MpObject *
mp_long_rshift(MpLongObject *a, Mp_ssize_t shiftby)
{
    Mp_ssize_t wordshift = shiftby / MP_LONG_SHIFT;
    int remshift = (int)(shiftby % MP_LONG_SHIFT);
    Mp_ssize_t oldsize = mp_long_abs_size(a), newsize, i;
    int negative = Mp_SIZE(a) < 0, lost = 0;
    MpLongObject *z, one;

    if (wordshift >= oldsize)
        return MpLong_FromLong(negative ? -1 : 0);
    newsize = oldsize - wordshift;
    z = mp_long_new(newsize);
    if (z == NULL)
        return NULL;
    for (i = 0; i < wordshift && !lost; i++)
        lost = a->ob_digit[i] != 0;
    if (v_rshift(z->ob_digit, a->ob_digit + wordshift, newsize, remshift))
        lost = 1;
    long_strip(z);
    if (negative) {
        /* floor(-m / 2**n) = -ceil(m / 2**n). */
        if (lost) {
            MpLongObject *t;
            Mp_SET_SIZE(&one, 1);
            one.ob_digit[0] = 1;
            t = mp_long_x_add(z, &one);
            Mp_DECREF(z);
            if (t == NULL)
                return NULL;
            z = t;
        }
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    }
    return mp_long_normalize(z);
}

/* ---- Bitwise operations ---- */

/* Digit i of the two's complement form of v (infinitely sign-extended);
 * *carry starts at 1 and carries the +1 of the complement. */
static digit
twos_digit(const MpLongObject *v, Mp_ssize_t i, digit *carry)
{
    Mp_ssize_t n = mp_long_abs_size(v);
    digit d = i < n ? v->ob_digit[i] : 0;

    if (Mp_SIZE(v) >= 0)
        return d;
    d = (d ^ MP_LONG_MASK) + *carry;
    *carry = d >> MP_LONG_SHIFT;
    return d & MP_LONG_MASK;
}

static digit
bit_op(char op, digit x, digit y)
{
    switch (op) {
    case '&':
        return x & y;
    case '|':
        return x | y;
    default:
        return x ^ y;
    }
}

MpObject *
mp_long_bitwise(MpLongObject *a, char op, MpLongObject *b)
{
    Mp_ssize_t n = MP_MAX(mp_long_abs_size(a), mp_long_abs_size(b)) + 1;
    digit ca = 1, cb = 1, carry = 1;
    int nega = Mp_SIZE(a) < 0, negb = Mp_SIZE(b) < 0, negz;
    MpLongObject *z;
    Mp_ssize_t i;

    negz = (int)bit_op(op, (digit)nega, (digit)negb);
    z = mp_long_new(n);
    if (z == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        z->ob_digit[i] = bit_op(op, twos_digit(a, i, &ca),
                                twos_digit(b, i, &cb));
    if (negz) {
        /* Back from two's complement: magnitude = ~z + 1. */
        for (i = 0; i < n; i++) {
            digit d = (z->ob_digit[i] ^ MP_LONG_MASK) + carry;
            carry = d >> MP_LONG_SHIFT;
            z->ob_digit[i] = d & MP_LONG_MASK;
        }
    }
    long_strip(z);
    if (negz)
        Mp_SET_SIZE(z, -Mp_SIZE(z));
    return mp_long_normalize(z);
}

/* ---- Comparison and size ---- */

int
mp_long_compare(const MpLongObject *a, const MpLongObject *b)
{
    Mp_ssize_t i;
    int sign;

    if (Mp_SIZE(a) != Mp_SIZE(b))
        return Mp_SIZE(a) < Mp_SIZE(b) ? -1 : 1;
    sign = Mp_SIZE(a) < 0 ? -1 : 1;
    for (i = mp_long_abs_size(a); i-- > 0;) {
        if (a->ob_digit[i] != b->ob_digit[i])
            return a->ob_digit[i] < b->ob_digit[i] ? -sign : sign;
    }
    return 0;
}

uint64_t
mp_long_bit_length(const MpLongObject *v)
{
    Mp_ssize_t n = mp_long_abs_size(v);

    if (n == 0)
        return 0;
    return (uint64_t)(n - 1) * MP_LONG_SHIFT +
           (uint64_t)bits_in_digit(v->ob_digit[n - 1]);
}
