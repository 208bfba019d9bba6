/*
 * listsort.c -- list.sort(): Tim Peters' timsort, as CPython 3.11 runs it.
 *
 * A stable, adaptive merge sort: O(n) on sorted or reversed input, at
 * most O(n log n) comparisons, using only "<" (MpObject_RichCompareBool
 * with Mp_LT).
 *
 *   1. Scan left to right for natural runs: a non-descending run, or a
 *      strictly descending one (reversed in place; strictness keeps equal
 *      items in order).  A run shorter than 'minrun' (32..64, chosen so
 *      that n/minrun is a power of two or just under) is extended to
 *      minrun items with binary insertion sort.
 *   2. Runs are pushed on a stack.  Each run gets a "power" (the depth of
 *      the boundary between it and its predecessor in a perfectly balanced
 *      merge tree, "powersort"); runs on the stack are merged while the
 *      one below has a higher power, so the stack stays logarithmic.
 *   3. A merge of adjacent runs A and B first gallops to skip the prefix
 *      of A already below B[0] and the suffix of B already above A[-1],
 *      then copies the shorter run to temporary memory and merges from
 *      that end (merge_lo when A is shorter, merge_hi otherwise).  When
 *      one side wins MIN_GALLOP times in a row the merge switches to
 *      exponential + binary search ("galloping"); min_gallop adapts.
 *
 *   keys:   | run 0 | run 1 |  run 2  | ...    (values move in lockstep
 *   values: | ...   | ...   |  ...    | ...     when a key function is set)
 *
 * Invariants and safety:
 *   - With a key function, every key is computed first (one call per
 *     item, in order), then keys and items are sorted together.
 *   - reverse=True is reverse, stable sort, reverse: equal items keep
 *     their order.
 *   - The list is emptied during the sort (ob_item NULL, allocated -1).
 *     Code run by a comparison or key function sees an empty list; if it
 *     adds anything, the sort ends with ValueError "list modified during
 *     sort" and the additions are discarded.
 *   - If a comparison raises, the error propagates and the list holds a
 *     permutation of its items: every merge step copies the rest of the
 *     temporary run back before returning.
 *
 * Read alongside CPython 3.11: Objects/listobject.c (list_sort_impl,
 * count_run, binarysort, gallop_left, gallop_right, merge_lo, merge_hi,
 * merge_at, powerloop, found_new_run, merge_force_collapse,
 * merge_compute_minrun) and Objects/listsort.txt.
 *
 * Fast comparisons (CPython's pre-sort scan): when every key has the same
 * exact type str, float, or int with at most one digit, "<" is computed
 * directly instead of through MpObject_RichCompareBool; such comparisons
 * run no user code and cannot fail.  Keys of any other single type go
 * straight to that type's tp_richcompare.  The "<" in use sits in 'state'
 * and is saved and restored around each sort, since a user __lt__ may
 * sort another list.
 *
 * Left out: the fast path for lists of tuples (unsafe_tuple_compare).
 */
#include "include/internal/mp_core.h"
#include "objects/listobject.h"
#include "objects/longobject.h"
#include "objects/floatobject.h"

#define MAX_MERGE_PENDING 85
#define MIN_GALLOP 7
#define MERGESTATE_TEMP_SIZE 256

/* Keys, and the values that move with them (NULL: keys are the items). */
typedef struct {
    MpObject **keys;
    MpObject **values;
} sortslice;

struct s_slice {
    sortslice base;
    Mp_ssize_t len;
    int power;
};

typedef struct {
    Mp_ssize_t min_gallop;
    sortslice a;                /* temporary run copy */
    Mp_ssize_t alloced;         /* slots at a.keys (and a.values) */
    int n;                      /* runs on the pending stack */
    struct s_slice pending[MAX_MERGE_PENDING];
    MpObject *temparray[MERGESTATE_TEMP_SIZE];
    MpObject **basekeys;        /* start of the whole key array */
    Mp_ssize_t listlen;
} MergeState;

/* X < Y: 1, 0, or -1 on error. */
typedef int (*lt_func)(MpObject *x, MpObject *y);

static struct {
    lt_func lt;             /* the "<" of the sort in progress */
    richcmpfunc key_richcompare;    /* for same_type_lt */
} state;

/* 'k' = (X < Y); on error jump to 'fail'. */
#define ISLT(X, Y) state.lt((X), (Y))
#define IFLT(X, Y) if ((k = ISLT(X, Y)) < 0) goto fail; if (k)

/* ---- Comparisons ---- */

static int
safe_object_lt(MpObject *x, MpObject *y)
{
    return MpObject_RichCompareBool(x, y, Mp_LT);
}

/* Keys all of one type: its tp_richcompare directly, without the
 * recursion check and reflected-operand logic of the generic path (as
 * CPython's unsafe_object_compare); NotImplemented falls back to it. */
static int
same_type_lt(MpObject *x, MpObject *y)
{
    MpObject *r;
    int k;

    if (Mp_TYPE(x)->tp_richcompare != state.key_richcompare)
        return MpObject_RichCompareBool(x, y, Mp_LT);
    r = state.key_richcompare(x, y, Mp_LT);
    if (r == Mp_NotImplemented) {
        Mp_DECREF(r);
        return MpObject_RichCompareBool(x, y, Mp_LT);
    }
    if (r == NULL)
        return -1;
    k = r == Mp_True ? 1 : r == Mp_False ? 0 : MpObject_IsTrue(r);
    Mp_DECREF(r);
    return k;
}

/* Exact strs: UTF-8 byte order is code point order. */
static int
unsafe_unicode_lt(MpObject *x, MpObject *y)
{
    return MpUnicode_Compare(x, y) < 0;
}

static int64_t
compact_long_value(MpObject *v)
{
    Mp_ssize_t size = Mp_SIZE(v);
    int64_t digit = ((MpLongObject *)v)->ob_digit[0];

    return size == 0 ? 0 : size > 0 ? digit : -digit;
}

/* Exact ints of at most one 30-bit digit. */
static int
unsafe_long_lt(MpObject *x, MpObject *y)
{
    return compact_long_value(x) < compact_long_value(y);
}

/* Exact floats: C's "<" is float's (false whenever a NaN is involved). */
static int
unsafe_float_lt(MpObject *x, MpObject *y)
{
    return MpFloat_AS_DOUBLE(x) < MpFloat_AS_DOUBLE(y);
}

/* The "<" to use for keys[0:n): a direct one when all keys share a type
 * that allows it, else the generic rich comparison. */
static lt_func
choose_lt(MpObject **keys, Mp_ssize_t n)
{
    MpTypeObject *type;
    Mp_ssize_t i;
    int compact = 1;

    if (n < 2)
        return safe_object_lt;
    type = Mp_TYPE(keys[0]);
    for (i = 0; i < n; i++) {
        if (Mp_TYPE(keys[i]) != type)
            return safe_object_lt;
        if (type == &MpLong_Type && (Mp_SIZE(keys[i]) < -1
                                     || Mp_SIZE(keys[i]) > 1)) {
            compact = 0;
        }
    }
    if (type == &MpUnicode_Type)
        return unsafe_unicode_lt;
    if (type == &MpLong_Type && compact)
        return unsafe_long_lt;
    if (type == &MpFloat_Type)
        return unsafe_float_lt;
    state.key_richcompare = type->tp_richcompare;
    return state.key_richcompare != NULL ? same_type_lt : safe_object_lt;
}

/* ---- sortslice helpers ---- */

static void
sortslice_copy(sortslice *s1, Mp_ssize_t i, sortslice *s2, Mp_ssize_t j)
{
    s1->keys[i] = s2->keys[j];
    if (s1->values != NULL)
        s1->values[i] = s2->values[j];
}

static void
sortslice_copy_incr(sortslice *dst, sortslice *src)
{
    *dst->keys++ = *src->keys++;
    if (dst->values != NULL)
        *dst->values++ = *src->values++;
}

static void
sortslice_copy_decr(sortslice *dst, sortslice *src)
{
    *dst->keys-- = *src->keys--;
    if (dst->values != NULL)
        *dst->values-- = *src->values--;
}

static void
sortslice_memcpy(sortslice *s1, Mp_ssize_t i, sortslice *s2, Mp_ssize_t j,
                 Mp_ssize_t n)
{
    memcpy(&s1->keys[i], &s2->keys[j], sizeof(MpObject *) * (size_t)n);
    if (s1->values != NULL)
        memcpy(&s1->values[i], &s2->values[j],
               sizeof(MpObject *) * (size_t)n);
}

static void
sortslice_memmove(sortslice *s1, Mp_ssize_t i, sortslice *s2, Mp_ssize_t j,
                  Mp_ssize_t n)
{
    memmove(&s1->keys[i], &s2->keys[j], sizeof(MpObject *) * (size_t)n);
    if (s1->values != NULL)
        memmove(&s1->values[i], &s2->values[j],
                sizeof(MpObject *) * (size_t)n);
}

static void
sortslice_advance(sortslice *slice, Mp_ssize_t n)
{
    slice->keys += n;
    if (slice->values != NULL)
        slice->values += n;
}

static void
reverse_slice(MpObject **lo, MpObject **hi)
{
    --hi;
    while (lo < hi) {
        MpObject *t = *lo;
        *lo++ = *hi;
        *hi-- = t;
    }
}

static void
reverse_sortslice(sortslice *s, Mp_ssize_t n)
{
    reverse_slice(s->keys, &s->keys[n]);
    if (s->values != NULL)
        reverse_slice(s->values, &s->values[n]);
}

/* ---- Runs ---- */

/* Sort lo[0:hi) by binary insertion, knowing lo[0:start) is sorted.
 * 0, or -1 on a comparison error (the slice is still a permutation). */
static int
binarysort(sortslice lo, MpObject **hi, MpObject **start)
{
    Mp_ssize_t k, offset;
    MpObject **l, **p, **r, *pivot;

    if (lo.keys == start)
        ++start;
    for (; start < hi; ++start) {
        /* Find where *start goes in lo[0:start): after equal items. */
        l = lo.keys;
        r = start;
        pivot = *r;
        do {
            p = l + ((r - l) >> 1);
            IFLT(pivot, *p)
                r = p;
            else
                l = p + 1;
        } while (l < r);
        for (p = start; p > l; --p)
            *p = *(p - 1);
        *l = pivot;
        if (lo.values != NULL) {
            offset = lo.values - lo.keys;
            p = start + offset;
            pivot = *p;
            l += offset;
            for (; p > l; --p)
                *p = *(p - 1);
            *l = pivot;
        }
    }
    return 0;
fail:
    return -1;
}

/* Length of the run starting at lo (lo < hi).  *descending is set when it
 * is strictly descending.  -1 on error. */
static Mp_ssize_t
count_run(MpObject **lo, MpObject **hi, int *descending)
{
    Mp_ssize_t k, n;

    *descending = 0;
    ++lo;
    if (lo == hi)
        return 1;
    n = 2;
    IFLT(*lo, *(lo - 1)) {
        *descending = 1;
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1))
                ;
            else
                break;
        }
    }
    else {
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1))
                break;
        }
    }
    return n;
fail:
    return -1;
}

/* ---- Galloping ---- */

/* The k in 0..n with a[k-1] < key <= a[k] (leftmost place for key), by
 * exponential search from a[hint] and then binary search.  -1 on error. */
static Mp_ssize_t
gallop_left(MpObject *key, MpObject **a, Mp_ssize_t n, Mp_ssize_t hint)
{
    Mp_ssize_t ofs = 1, lastofs = 0, maxofs, k, m;

    a += hint;
    IFLT(*a, key) {
        /* a[hint] < key: go right until a[hint+lastofs] < key <=
         * a[hint+ofs]. */
        maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(a[ofs], key) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            else
                break;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    else {
        /* key <= a[hint]: go left until a[hint-ofs] < key <=
         * a[hint-lastofs]. */
        maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(*(a - ofs), key)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    a -= hint;
    /* a[lastofs] < key <= a[ofs]: binary search in between. */
    ++lastofs;
    while (lastofs < ofs) {
        m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(a[m], key)
            lastofs = m + 1;
        else
            ofs = m;
    }
    return ofs;
fail:
    return -1;
}

/* The k in 0..n with a[k-1] <= key < a[k] (rightmost place for key).
 * -1 on error. */
static Mp_ssize_t
gallop_right(MpObject *key, MpObject **a, Mp_ssize_t n, Mp_ssize_t hint)
{
    Mp_ssize_t ofs = 1, lastofs = 0, maxofs, k, m;

    a += hint;
    IFLT(key, *a) {
        /* key < a[hint]: go left until a[hint-ofs] <= key <
         * a[hint-lastofs]. */
        maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(key, *(a - ofs)) {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            else
                break;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    else {
        /* a[hint] <= key: go right until a[hint+lastofs] <= key <
         * a[hint+ofs]. */
        maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(key, a[ofs])
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(key, a[m])
            ofs = m;
        else
            lastofs = m + 1;
    }
    return ofs;
fail:
    return -1;
}

/* ---- Merge state ---- */

static void
merge_init(MergeState *ms, Mp_ssize_t list_size, int has_keyfunc,
           sortslice *lo)
{
    if (has_keyfunc) {
        ms->alloced = MERGESTATE_TEMP_SIZE / 2;
        ms->a.values = &ms->temparray[MERGESTATE_TEMP_SIZE / 2];
    }
    else {
        ms->alloced = MERGESTATE_TEMP_SIZE;
        ms->a.values = NULL;
    }
    ms->a.keys = ms->temparray;
    ms->n = 0;
    ms->min_gallop = MIN_GALLOP;
    ms->listlen = list_size;
    ms->basekeys = lo->keys;
}

static void
merge_freemem(MergeState *ms)
{
    if (ms->a.keys != ms->temparray) {
        MpMem_Free(ms->a.keys);
        ms->a.keys = NULL;
    }
}

/* Room for 'need' keys (and values) in ms->a.  0, or -1 + MemoryError. */
static int
merge_getmem(MergeState *ms, Mp_ssize_t need)
{
    size_t multiplier = ms->a.values != NULL ? 2 : 1;

    if (need <= ms->alloced)
        return 0;
    /* Old contents need not be kept: free first to lower the peak. */
    merge_freemem(ms);
    ms->a.keys = NULL;
    if ((size_t)need <= (size_t)MP_SSIZE_T_MAX / sizeof(MpObject *)
                        / multiplier) {
        ms->a.keys = MpMem_Malloc(multiplier * (size_t)need
                                  * sizeof(MpObject *));
    }
    if (ms->a.keys == NULL) {
        /* Fall back to the built-in array so the state stays sane. */
        ms->a.keys = ms->temparray;
        ms->alloced = ms->a.values != NULL ? MERGESTATE_TEMP_SIZE / 2
                                           : MERGESTATE_TEMP_SIZE;
        if (ms->a.values != NULL)
            ms->a.values = &ms->temparray[MERGESTATE_TEMP_SIZE / 2];
        MpErr_NoMemory();
        return -1;
    }
    ms->alloced = need;
    if (ms->a.values != NULL)
        ms->a.values = &ms->a.keys[need];
    return 0;
}
#define MERGE_GETMEM(MS, NEED) \
    ((NEED) <= (MS)->alloced ? 0 : merge_getmem(MS, NEED))

/* ---- Merging ---- */

/* Merge the na items at ssa with the nb items at ssb (ssa.keys + na ==
 * ssb.keys) in place, na <= nb, knowing ssb[0] belongs first and ssa[na-1]
 * last.  Copies A to temporary memory and fills from the left.  0 or -1;
 * on failure the rest of A is copied back, so nothing is lost. */
static Mp_ssize_t
merge_lo(MergeState *ms, sortslice ssa, Mp_ssize_t na, sortslice ssb,
         Mp_ssize_t nb)
{
    Mp_ssize_t k, acount, bcount, min_gallop;
    sortslice dest;
    int result = -1;

    if (MERGE_GETMEM(ms, na) < 0)
        return -1;
    sortslice_memcpy(&ms->a, 0, &ssa, 0, na);
    dest = ssa;
    ssa = ms->a;
    sortslice_copy_incr(&dest, &ssb);
    --nb;
    if (nb == 0)
        goto succeed;
    if (na == 1)
        goto copy_b;
    min_gallop = ms->min_gallop;
    for (;;) {
        acount = bcount = 0;
        /* One item at a time until one run keeps winning. */
        for (;;) {
            IFLT(ssb.keys[0], ssa.keys[0]) {
                sortslice_copy_incr(&dest, &ssb);
                ++bcount;
                acount = 0;
                if (--nb == 0)
                    goto succeed;
                if (bcount >= min_gallop)
                    break;
            }
            else {
                sortslice_copy_incr(&dest, &ssa);
                ++acount;
                bcount = 0;
                if (--na == 1)
                    goto copy_b;
                if (acount >= min_gallop)
                    break;
            }
        }
        /* Gallop while it pays; then penalise leaving the mode. */
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(ssb.keys[0], ssa.keys, na, 0);
            acount = k;
            if (k) {
                if (k < 0)
                    goto fail;
                sortslice_memcpy(&dest, 0, &ssa, 0, k);
                sortslice_advance(&dest, k);
                sortslice_advance(&ssa, k);
                na -= k;
                if (na == 1)
                    goto copy_b;
                /* Only an inconsistent "<" can empty A here. */
                if (na == 0)
                    goto succeed;
            }
            sortslice_copy_incr(&dest, &ssb);
            if (--nb == 0)
                goto succeed;
            k = gallop_left(ssa.keys[0], ssb.keys, nb, 0);
            bcount = k;
            if (k) {
                if (k < 0)
                    goto fail;
                sortslice_memmove(&dest, 0, &ssb, 0, k);
                sortslice_advance(&dest, k);
                sortslice_advance(&ssb, k);
                nb -= k;
                if (nb == 0)
                    goto succeed;
            }
            sortslice_copy_incr(&dest, &ssa);
            if (--na == 1)
                goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na)
        sortslice_memcpy(&dest, 0, &ssa, 0, na);
    return result;
copy_b:
    /* The last item of A goes after what is left of B. */
    sortslice_memmove(&dest, 0, &ssb, 0, nb);
    sortslice_copy(&dest, nb, &ssa, 0);
    return 0;
}

/* The mirror image of merge_lo for na >= nb: copies B to temporary
 * memory and fills from the right.  0 or -1 (nothing lost). */
static Mp_ssize_t
merge_hi(MergeState *ms, sortslice ssa, Mp_ssize_t na, sortslice ssb,
         Mp_ssize_t nb)
{
    Mp_ssize_t k, acount, bcount, min_gallop;
    sortslice dest, basea, baseb;
    int result = -1;

    if (MERGE_GETMEM(ms, nb) < 0)
        return -1;
    dest = ssb;
    sortslice_advance(&dest, nb - 1);
    sortslice_memcpy(&ms->a, 0, &ssb, 0, nb);
    basea = ssa;
    baseb = ms->a;
    ssb.keys = ms->a.keys + nb - 1;
    if (ssb.values != NULL)
        ssb.values = ms->a.values + nb - 1;
    sortslice_advance(&ssa, na - 1);
    sortslice_copy_decr(&dest, &ssa);
    if (--na == 0)
        goto succeed;
    if (nb == 1)
        goto copy_a;
    min_gallop = ms->min_gallop;
    for (;;) {
        acount = bcount = 0;
        for (;;) {
            IFLT(ssb.keys[0], ssa.keys[0]) {
                sortslice_copy_decr(&dest, &ssa);
                ++acount;
                bcount = 0;
                if (--na == 0)
                    goto succeed;
                if (acount >= min_gallop)
                    break;
            }
            else {
                sortslice_copy_decr(&dest, &ssb);
                ++bcount;
                acount = 0;
                if (--nb == 1)
                    goto copy_a;
                if (bcount >= min_gallop)
                    break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            k = gallop_right(ssb.keys[0], basea.keys, na, na - 1);
            if (k < 0)
                goto fail;
            k = na - k;
            acount = k;
            if (k) {
                sortslice_advance(&dest, -k);
                sortslice_advance(&ssa, -k);
                sortslice_memmove(&dest, 1, &ssa, 1, k);
                na -= k;
                if (na == 0)
                    goto succeed;
            }
            sortslice_copy_decr(&dest, &ssb);
            if (--nb == 1)
                goto copy_a;
            k = gallop_left(ssa.keys[0], baseb.keys, nb, nb - 1);
            if (k < 0)
                goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                sortslice_advance(&dest, -k);
                sortslice_advance(&ssb, -k);
                sortslice_memcpy(&dest, 1, &ssb, 1, k);
                nb -= k;
                if (nb == 1)
                    goto copy_a;
                /* Only an inconsistent "<" can empty B here. */
                if (nb == 0)
                    goto succeed;
            }
            sortslice_copy_decr(&dest, &ssa);
            if (--na == 0)
                goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb)
        sortslice_memcpy(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
copy_a:
    /* The first item of B goes before what is left of A. */
    sortslice_memmove(&dest, 1 - na, &ssa, 1 - na, na);
    sortslice_advance(&dest, -na);
    sortslice_advance(&ssa, -na);
    sortslice_copy(&dest, 0, &ssb, 0);
    return 0;
}

/* Merge pending runs i and i+1 (i is the second or third from the top).
 * 0 or -1. */
static Mp_ssize_t
merge_at(MergeState *ms, Mp_ssize_t i)
{
    sortslice ssa = ms->pending[i].base, ssb = ms->pending[i + 1].base;
    Mp_ssize_t na = ms->pending[i].len, nb = ms->pending[i + 1].len, k;

    ms->pending[i].len = na + nb;
    if (i == ms->n - 3)
        ms->pending[i + 1] = ms->pending[i + 2];
    --ms->n;
    /* Items of A below B[0] are already in place. */
    k = gallop_right(*ssb.keys, ssa.keys, na, 0);
    if (k < 0)
        return -1;
    sortslice_advance(&ssa, k);
    na -= k;
    if (na == 0)
        return 0;
    /* Items of B above A[-1] are already in place too. */
    nb = gallop_left(ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0)
        return nb;
    if (na <= nb)
        return merge_lo(ms, ssa, na, ssb, nb);
    return merge_hi(ms, ssa, na, ssb, nb);
}

/* Powersort: the level of the node that separates the run [s1, s1+n1)
 * from the following run of n2 items in the ideal merge tree of n items.
 * Computed with the midpoints scaled by 2 to stay in integers. */
static int
powerloop(Mp_ssize_t s1, Mp_ssize_t n1, Mp_ssize_t n2, Mp_ssize_t n)
{
    int result = 0;
    Mp_ssize_t a = 2 * s1 + n1;    /* twice the first midpoint */
    Mp_ssize_t b = a + n1 + n2;    /* twice the second midpoint */

    for (;;) {
        ++result;
        if (a >= n) {
            a -= n;
            b -= n;
        }
        else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/* A run of n2 items follows the top of the stack: merge while the run
 * below the top has a higher power, then record the top's power. */
static int
found_new_run(MergeState *ms, Mp_ssize_t n2)
{
    struct s_slice *p = ms->pending;
    Mp_ssize_t s1, n1;
    int power;

    if (ms->n == 0)
        return 0;
    s1 = p[ms->n - 1].base.keys - ms->basekeys;
    n1 = p[ms->n - 1].len;
    power = powerloop(s1, n1, n2, ms->listlen);
    while (ms->n > 1 && p[ms->n - 2].power > power) {
        if (merge_at(ms, ms->n - 2) < 0)
            return -1;
    }
    p[ms->n - 1].power = power;
    return 0;
}

/* Merge everything left on the stack into one run.  0 or -1. */
static int
merge_force_collapse(MergeState *ms)
{
    struct s_slice *p = ms->pending;

    while (ms->n > 1) {
        Mp_ssize_t n = ms->n - 2;
        if (n > 0 && p[n - 1].len < p[n + 1].len)
            --n;
        if (merge_at(ms, n) < 0)
            return -1;
    }
    return 0;
}

/* minrun for n items: n itself below 64, else a value in [32, 64] such
 * that n / minrun is a power of two or a little less. */
static Mp_ssize_t
merge_compute_minrun(Mp_ssize_t n)
{
    Mp_ssize_t r = 0;

    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* ---- The driver ---- */

/* Timsort lo.keys[0:n) (values in lockstep).  0 or -1. */
static int
timsort(MergeState *ms, sortslice lo, Mp_ssize_t n)
{
    Mp_ssize_t nremaining = n, minrun, runlen;

    if (n < 2)
        return 0;
    minrun = merge_compute_minrun(nremaining);
    do {
        int descending;
        runlen = count_run(lo.keys, lo.keys + nremaining, &descending);
        if (runlen < 0)
            return -1;
        if (descending)
            reverse_sortslice(&lo, runlen);
        if (runlen < minrun) {
            Mp_ssize_t force = nremaining <= minrun ? nremaining : minrun;
            if (binarysort(lo, lo.keys + force, lo.keys + runlen) < 0)
                return -1;
            runlen = force;
        }
        if (found_new_run(ms, runlen) < 0)
            return -1;
        ms->pending[ms->n].base = lo;
        ms->pending[ms->n].len = runlen;
        ++ms->n;
        sortslice_advance(&lo, runlen);
        nremaining -= runlen;
    } while (nremaining);
    return merge_force_collapse(ms);
}

/* key(item) for every item, in order.  New array of New references, or
 * NULL with an exception set (nothing left over). */
static MpObject **
compute_keys(MpObject *keyfunc, MpObject **items, Mp_ssize_t n)
{
    MpObject **keys;
    Mp_ssize_t i;

    if ((size_t)n > (size_t)MP_SSIZE_T_MAX / sizeof(MpObject *))
        return (MpObject **)MpErr_NoMemory();
    keys = MpMem_Malloc((size_t)(n > 0 ? n : 1) * sizeof(MpObject *));
    if (keys == NULL)
        return (MpObject **)MpErr_NoMemory();
    for (i = 0; i < n; i++) {
        keys[i] = MpObject_CallOneArg(keyfunc, items[i]);
        if (keys[i] == NULL) {
            while (--i >= 0)
                Mp_DECREF(keys[i]);
            MpMem_Free(keys);
            return NULL;
        }
    }
    return keys;
}

/* Put the saved items back, dropping whatever was added meanwhile. */
static void
restore_list(MpListObject *self, MpObject **saved_ob_item,
             Mp_ssize_t saved_ob_size, Mp_ssize_t saved_allocated)
{
    MpObject **final_ob_item = self->ob_item;
    Mp_ssize_t i = Mp_SIZE(self);

    Mp_SET_SIZE(self, saved_ob_size);
    self->ob_item = saved_ob_item;
    self->allocated = saved_allocated;
    if (final_ob_item != NULL) {
        while (--i >= 0)
            Mp_XDECREF(final_ob_item[i]);
        MpMem_Free(final_ob_item);
    }
}

/* Sort self in place, stably, by key(item) when keyfunc is given (not
 * None), descending when reverse.  0, or -1 with the error of a key call
 * or comparison (self then holds a permutation of its items) or
 * ValueError "list modified during sort". */
int
mp_list_sort_impl(MpListObject *self, MpObject *keyfunc, int reverse)
{
    MergeState ms;
    MpObject **saved_ob_item = self->ob_item, **keys = NULL;
    Mp_ssize_t i, saved_ob_size = Mp_SIZE(self);
    Mp_ssize_t saved_allocated = self->allocated;
    sortslice lo;
    lt_func saved_lt;
    richcmpfunc saved_richcompare;
    int result;

    if (keyfunc == Mp_None)
        keyfunc = NULL;
    /* Empty the list while sorting; allocated -1 flags "untouched". */
    Mp_SET_SIZE(self, 0);
    self->ob_item = NULL;
    self->allocated = -1;
    if (keyfunc != NULL) {
        keys = compute_keys(keyfunc, saved_ob_item, saved_ob_size);
        if (keys == NULL) {
            restore_list(self, saved_ob_item, saved_ob_size,
                         saved_allocated);
            return -1;
        }
        lo.keys = keys;
        lo.values = saved_ob_item;
    }
    else {
        lo.keys = saved_ob_item;
        lo.values = NULL;
    }
    merge_init(&ms, saved_ob_size, keys != NULL, &lo);
    saved_lt = state.lt;
    saved_richcompare = state.key_richcompare;
    state.lt = choose_lt(lo.keys, saved_ob_size);
    /* Stable descending order: reverse, sort ascending, reverse back. */
    if (reverse && saved_ob_size > 1)
        reverse_sortslice(&lo, saved_ob_size);
    result = timsort(&ms, lo, saved_ob_size);
    state.lt = saved_lt;
    state.key_richcompare = saved_richcompare;
    if (reverse && saved_ob_size > 1)
        reverse_slice(saved_ob_item, saved_ob_item + saved_ob_size);
    merge_freemem(&ms);
    if (keys != NULL) {
        for (i = 0; i < saved_ob_size; i++)
            Mp_DECREF(keys[i]);
        MpMem_Free(keys);
    }
    if (self->allocated != -1 && result == 0) {
        /* Code run during the sort changed the list. */
        MpErr_SetString(MpExc_ValueError, "list modified during sort");
        result = -1;
    }
    restore_list(self, saved_ob_item, saved_ob_size, saved_allocated);
    return result;
}
