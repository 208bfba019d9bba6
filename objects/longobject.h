/*
 * longobject.h -- the int object's layout and the helpers shared by the
 * four files that implement it:
 *
 *   objects/longobject.c   the object: small-int cache, number slots,
 *                          hash, comparison, int(), methods, the type
 *   objects/longconvert.c  conversions from and to C numbers and double
 *   objects/longarith.c    the digit-array algorithms: add, subtract,
 *                          multiply (schoolbook, Karatsuba), long division
 *                          (Knuth's algorithm D), shifts, bitwise ops
 *   objects/longformat.c   base conversion both ways (str <-> int) and the
 *                          int/str conversion length limit
 *
 * An int is sign-magnitude: |ob_size| digits of 30 bits, least significant
 * first, each kept in a uint32_t; ob_size < 0 for negatives, 0 for zero
 * (which still has one digit allocated).  A normalized int has a nonzero top
 * digit.  See longobject.c for the full picture.
 */
#ifndef MP_LONGOBJECT_H
#define MP_LONGOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "runtime/memtrace.h"

typedef uint32_t digit;         /* one 30-bit digit */
typedef int32_t sdigit;         /* signed digit, for carries */
typedef uint64_t twodigits;     /* product of two digits */
typedef int64_t stwodigits;     /* signed, for borrows */

#define MP_LONG_SHIFT 30
#define MP_LONG_BASE ((digit)1 << MP_LONG_SHIFT)
#define MP_LONG_MASK ((digit)(MP_LONG_BASE - 1))

struct MpLongObject {
    MpObject_VAR_HEAD
    uint32_t ob_digit[1];
};

/* Header bytes before the digits: __sizeof__ is this + 4 * max(1, n). */
#define MP_LONG_HEADER_SIZE offsetof(struct MpLongObject, ob_digit)
/* More digits than this cannot be allocated ("too many digits"). */
#define MP_LONG_MAX_DIGITS \
    ((Mp_ssize_t)((MP_SSIZE_T_MAX - MP_LONG_HEADER_SIZE) / sizeof(digit)))

/* The small-int cache covers MP_NSMALLNEGINTS negatives and
 * 0 .. MP_NSMALLPOSINTS - 1. */
#define MP_NSMALLNEGINTS 5
#define MP_NSMALLPOSINTS 257

/* Default of sys.get_int_max_str_digits() and the lowest nonzero value. */
#define MP_LONG_DEFAULT_MAX_STR_DIGITS 4300
#define MP_LONG_MAX_STR_DIGITS_THRESHOLD 640

static inline Mp_ssize_t
mp_long_abs_size(const MpLongObject *v)
{
    Mp_ssize_t n = Mp_SIZE(v);
    return n < 0 ? -n : n;
}

/* ---- longobject.c ---- */

/* Set up the small-int cache and ready int and bool.  0 or -1. */
int mp_long_init(void);
/* Drop the cache's references (objects still used elsewhere live on). */
void mp_long_fini(void);

/* A new int of 'ndigits' digits with ob_size = ndigits and the digits
 * uninitialised.  New reference, or NULL with MemoryError (OverflowError
 * "too many digits in integer" past MP_LONG_MAX_DIGITS). */
MpLongObject *mp_long_new(Mp_ssize_t ndigits);
/* Strip leading zero digits of v (fixing ob_size) and, when the value is
 * in -5..256, swap v for the cached object.  Steals v; returns New.  A
 * NULL v (a failed constructor) gives NULL, so calls can be chained. */
MpObject *mp_long_normalize(MpLongObject *v);
/* The cached object for -5 <= ival <= 256 (New), or NULL if the cache is
 * not set up.  Inline: the VM's int fast paths go through it. */
extern MpLongObject *mp_long_small_ints[MP_NSMALLNEGINTS + MP_NSMALLPOSINTS];
static inline MpObject *
mp_long_get_small(long ival)
{
    MpLongObject *v;

    if (ival < -MP_NSMALLNEGINTS || ival >= MP_NSMALLPOSINTS)
        return NULL;
    v = mp_long_small_ints[ival + MP_NSMALLNEGINTS];
    if (MP_UNLIKELY(mp_memtrace_on))
        mp_memtrace_small_int(ival);
    return v != NULL ? Mp_NewRef((MpObject *)v) : NULL;
}
/* A copy of v (same sign), New, or NULL with MemoryError. */
MpLongObject *mp_long_copy(const MpLongObject *v);

/* ---- longconvert.c ---- */

/* Bits [shift, shift + 64) of |v| as a uint64 (higher bits are lost);
 * *sticky = whether any bit below 'shift' is set. */
uint64_t mp_long_extract_bits(const MpLongObject *v, uint64_t shift,
                              int *sticky);
/* Round the nonnegative value (q + frac) * 2**exp to the nearest double,
 * ties to even.  q has at most 63 significant bits; 'sticky' says whether
 * a nonzero fraction 0 < frac < 1 was dropped below q's last bit, which
 * requires q to keep at least two bits below the 53 kept (callers pass
 * 55 bits or more, or sticky 0).  Sets *overflow (and returns -1.0) when
 * the result is beyond the double range. */
double mp_long_round_to_double(uint64_t q, int sticky, Mp_ssize_t exp,
                               int *overflow);

/* ---- longarith.c (all work on magnitudes unless said otherwise) ---- */

/* |a| + |b| and |a| - |b| with the sign of the result set (x_sub may
 * return a negative).  New, not normalized to the cache. */
MpLongObject *mp_long_x_add(const MpLongObject *a, const MpLongObject *b);
MpLongObject *mp_long_x_sub(const MpLongObject *a, const MpLongObject *b);
/* |a| * |b| (sign left positive).  Karatsuba above the cutoff.  New. */
MpLongObject *mp_long_x_mul(const MpLongObject *a, const MpLongObject *b);
/* Truncating division of magnitudes: *pdiv = |a| / |b|, *prem = |a| % |b|
 * (both nonnegative, New).  b must be nonzero.  0 or -1 (MemoryError). */
int mp_long_x_divrem(const MpLongObject *a, const MpLongObject *b,
                     MpLongObject **pdiv, MpLongObject **prem);
/* Signed floor division and modulo with Python's sign rules.  Either out
 * pointer may be NULL.  ZeroDivisionError is the caller's job.  0 or -1. */
int mp_long_divmod(MpLongObject *a, MpLongObject *b,
                   MpObject **pdiv, MpObject **pmod);
/* Divide the n digits of pin by the single digit n (> 0) into pout (may
 * be pin); returns the remainder. */
digit mp_long_inplace_divrem1(digit *pout, const digit *pin, Mp_ssize_t size,
                              digit n);
/* Multiply-add in place: z = z * n + extra over 'size' digits; returns
 * the carry out. */
digit mp_long_inplace_muladd1(digit *z, Mp_ssize_t size, digit n,
                              digit extra);
/* Signed shifts by a nonnegative bit count (floor semantics for >>).
 * New (normalized), or NULL with an exception. */
MpObject *mp_long_lshift(MpLongObject *a, Mp_ssize_t shiftby);
MpObject *mp_long_rshift(MpLongObject *a, Mp_ssize_t shiftby);
/* Two's-complement bitwise and/or/xor ('&', '|', '^').  New. */
MpObject *mp_long_bitwise(MpLongObject *a, char op, MpLongObject *b);
/* Three-way comparison of signed values: <0, 0, >0. */
int mp_long_compare(const MpLongObject *a, const MpLongObject *b);
/* Number of significant bits of |v| (0 for zero). */
uint64_t mp_long_bit_length(const MpLongObject *v);
/* The Karatsuba cutoff in digits, and a way to change it (for the
 * benchmark that measures it).  Returns the previous value. */
Mp_ssize_t mp_long_set_karatsuba_cutoff(Mp_ssize_t cutoff);

/* ---- longformat.c ---- */

/* Parse 'len' bytes of ASCII text as int() does with 'base' (0 or
 * 2..36).  'orig' (may be NULL) is the object to quote in the error
 * message.  *pend, if not NULL, receives the end of the parsed digits.
 * New, or NULL with ValueError. */
MpObject *mp_long_from_ascii(const char *s, Mp_ssize_t len, int base,
                             const char **pend, MpObject *orig);
/* Write v in 'base' (2..36) as NUL-terminated ASCII into a new buffer
 * from MpMem_Malloc (*pout, length *plen); prefixes 0b/0o/0x when
 * 'alternate'.  Decimal output obeys the str-digits limit.  0 or -1. */
int mp_long_format_ascii(MpObject *v, int base, int alternate,
                         char **pout, Mp_ssize_t *plen);
/* sys.get_int_max_str_digits() / set: 0 means no limit; set raises
 * ValueError "maxdigits must be 0 or larger than 640".  0 or -1. */
int mp_long_get_max_str_digits(void);
int mp_long_set_max_str_digits(int maxdigits);
/* Reset the limit to its default (called by mp_long_init). */
void mp_long_format_init(void);

#endif /* MP_LONGOBJECT_H */
