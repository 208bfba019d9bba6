/*
 * tupleobject.c -- the immutable sequence type 'tuple'.
 *
 * Layout: one block with the GC header in front of it.
 *
 *      -16      0          16        24        24 + 8*i
 *   +--------+---------+---------+---------+---------+-----
 *   | MpGC_  | refcnt  | ob_type | ob_size | item 0  | ...
 *   |  Head  |         |         |   = n   |         |
 *   +--------+---------+---------+---------+---------+-----
 *   sys.getsizeof(t) = 24 + 8*n + 16 (the GC header is counted).
 *
 * Invariants:
 *   - A finished tuple never changes: its items are all non-NULL owned
 *     references.  MpTuple_SetItem may only fill a tuple nobody else sees
 *     (refcount 1).
 *   - () is one shared object, created when first asked for (at the
 *     latest by mp_tuple_init) and dropped by mp_tuple_fini.  It is never
 *     tracked by the collector; every other tuple is tracked at birth and
 *     untracked lazily by the collector (mp_tuple_maybe_untrack) once all
 *     its items are atomic or untracked.
 *   - Free list: a dead exact tuple of length 1..20 is parked (at most
 *     2000 per length) instead of being freed.  Parking reports the death
 *     (mp_object_died) and reuse a new birth (MpObject_InitVar), but the
 *     collector's generation-0 count sees neither, as in CPython: only
 *     real GC allocations and frees move it.  The parked block is linked
 *     through ob_item[0].  Full collections and mp_tuple_fini empty it.
 *
 *   free_list[n-1] -> tuple(n) -> tuple(n) -> NULL   (numfree[n-1] of them)
 *
 * Hash: the xxHash-style mixing CPython uses since 3.8 (XXH64 primes); a
 * result of -1 is replaced by 1546275796.
 *
 * Read alongside CPython 3.11: Objects/tupleobject.c (tuple_alloc,
 * PyTuple_New, tupledealloc, tuplerepr, tuplehash, tuplerichcompare,
 * tuplesubscript, tuple_new_impl, _PyTuple_MaybeUntrack, maybe_freelist_*).
 *
 * Left out: __getnewargs__, __class_getitem__, the iterator's pickling
 * methods, and the resize helper CPython uses while building tuples (minipy
 * builds through a list and MpList_AsTuple instead).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/tupleobject.h"
#include "objects/listobject.h"
#include "objects/pystate.h"
#include "gc/gc.h"

static struct {
    MpTupleObject *empty;        /* the () singleton, or NULL */
    int finalized;               /* after mp_tuple_fini: no caching */
    int freelist_enabled;        /* set by mp_tuple_init */
    MpTupleObject *free_list[MP_TUPLE_MAXSAVESIZE];
    int numfree[MP_TUPLE_MAXSAVESIZE];
} state;

/* ---- Allocation and the free list ---- */

/* Storage for a tuple of 'size' >= 1 items, from the free list when one is
 * parked.  Items are not initialised and the result is untracked.  New. */
static MpTupleObject *
tuple_alloc(Mp_ssize_t size)
{
    MpTupleObject *op;

    if (size <= MP_TUPLE_MAXSAVESIZE && state.free_list[size - 1] != NULL) {
        op = state.free_list[size - 1];
        state.free_list[size - 1] = (MpTupleObject *)op->ob_item[0];
        state.numfree[size - 1]--;
        MpObject_InitVar((MpVarObject *)op, &MpTuple_Type, size);
        return op;
    }
    if ((size_t)size > ((size_t)MP_SSIZE_T_MAX - sizeof(MpTupleObject))
                       / sizeof(MpObject *)) {
        return (MpTupleObject *)MpErr_NoMemory();
    }
    return MpObject_GC_NewVar(MpTupleObject, &MpTuple_Type, size);
}

/* The () singleton (New).  After finalisation each call makes a fresh
 * empty tuple, so nothing is cached past Mp_Finalize. */
static MpObject *
tuple_get_empty(void)
{
    MpTupleObject *op;

    if (state.empty != NULL)
        return Mp_NewRef(state.empty);
    op = MpObject_GC_NewVar(MpTupleObject, &MpTuple_Type, 0);
    if (op == NULL)
        return NULL;
    if (!state.finalized)
        state.empty = (MpTupleObject *)Mp_NewRef(op);
    return (MpObject *)op;
}

/* Park op (dead, items released) on the free list if there is room.
 * Returns 1 when parked. */
static int
maybe_freelist_push(MpTupleObject *op)
{
    Mp_ssize_t n = Mp_SIZE(op);

    if (!state.freelist_enabled || n < 1 || n > MP_TUPLE_MAXSAVESIZE
        || state.numfree[n - 1] >= MP_TUPLE_MAXFREELIST
        || !Mp_IS_TYPE(op, &MpTuple_Type)) {
        return 0;
    }
    op->ob_item[0] = (MpObject *)state.free_list[n - 1];
    state.free_list[n - 1] = op;
    state.numfree[n - 1]++;
    (void)mp_object_died((MpObject *)op);
    return 1;
}

/* Release every parked tuple for real (its death was counted when it was
 * parked), and the generation-0 count drops as CPython's does here. */
void
mp_tuple_clear_freelist(void)
{
    Mp_ssize_t i;

    for (i = 0; i < MP_TUPLE_MAXSAVESIZE; i++) {
        while (state.free_list[i] != NULL) {
            MpTupleObject *op = state.free_list[i];
            state.free_list[i] = (MpTupleObject *)op->ob_item[0];
            state.numfree[i]--;
            mp_gc_free_parked((MpObject *)op);
        }
    }
}

/* How many tuples of length n are parked (0 outside 1..20). */
Mp_ssize_t
mp_tuple_freelist_count(Mp_ssize_t n)
{
    if (n < 1 || n > MP_TUPLE_MAXSAVESIZE)
        return 0;
    return state.numfree[n - 1];
}

/* ---- The C API ---- */

/* A tuple of n NULL slots to be filled with MpTuple_SET_ITEM / SetItem.
 * n == 0 gives the shared ().  New; NULL + MemoryError. */
MpObject *
MpTuple_New(Mp_ssize_t size)
{
    MpTupleObject *op;

    if (size < 0) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (size == 0)
        return tuple_get_empty();
    op = tuple_alloc(size);
    if (op == NULL)
        return NULL;
    memset(op->ob_item, 0, (size_t)size * sizeof(MpObject *));
    MpObject_GC_Track(op);
    return (MpObject *)op;
}

/* len(t), or -1 with SystemError when t is not a tuple. */
Mp_ssize_t
MpTuple_Size(MpObject *op)
{
    if (!MpTuple_Check(op)) {
        MpErr_BadInternalCall();
        return -1;
    }
    return Mp_SIZE(op);
}

/* t[i] without negative indices.  Borrowed; NULL + IndexError. */
MpObject *
MpTuple_GetItem(MpObject *op, Mp_ssize_t i)
{
    if (!MpTuple_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Mp_SIZE(op)) {
        MpErr_SetString(MpExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return MpTuple_GET_ITEM(op, i);
}

/* Store v (stolen, even on failure) in slot i of a tuple that only the
 * caller holds.  0, or -1 with SystemError / IndexError. */
int
MpTuple_SetItem(MpObject *op, Mp_ssize_t i, MpObject *v)
{
    MpObject **slot;

    if (!MpTuple_Check(op) || Mp_REFCNT(op) != 1) {
        Mp_XDECREF(v);
        MpErr_BadInternalCall();
        return -1;
    }
    if (i < 0 || i >= Mp_SIZE(op)) {
        Mp_XDECREF(v);
        MpErr_SetString(MpExc_IndexError,
                        "tuple assignment index out of range");
        return -1;
    }
    slot = &MpTuple_CAST(op)->ob_item[i];
    Mp_XSETREF(*slot, v);
    return 0;
}

/* (a, b, ...) from n objects passed as varargs (not stolen).  New. */
MpObject *
MpTuple_Pack(Mp_ssize_t n, ...)
{
    MpObject *result;
    Mp_ssize_t i;
    va_list va;

    result = MpTuple_New(n);
    if (result == NULL || n == 0)
        return result;
    va_start(va, n);
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(result, i, Mp_NewRef(va_arg(va, MpObject *)));
    va_end(va);
    return result;
}

/* A tuple of items[0..n-1], each INCREF'd.  New; NULL + MemoryError. */
MpObject *
mp_tuple_from_array(MpObject *const *items, Mp_ssize_t n)
{
    MpObject *result;
    Mp_ssize_t i;

    result = MpTuple_New(n);
    if (result == NULL || n == 0)
        return result;
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(result, i, Mp_NewRef(items[i]));
    return result;
}

/* A tuple taking over the n references in items (released if the
 * tuple cannot be made).  New; NULL + MemoryError. */
MpObject *
mp_tuple_from_array_steal(MpObject *const *items, Mp_ssize_t n)
{
    MpObject *result;
    Mp_ssize_t i;

    result = MpTuple_New(n);
    if (result == NULL) {
        for (i = 0; i < n; i++)
            Mp_DECREF(items[i]);
        return NULL;
    }
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(result, i, items[i]);
    return result;
}

/* t[lo:hi] with CPython's clipping.  New. */
MpObject *
MpTuple_GetSlice(MpObject *op, Mp_ssize_t lo, Mp_ssize_t hi)
{
    Mp_ssize_t len;

    if (op == NULL || !MpTuple_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    len = Mp_SIZE(op);
    if (lo < 0)
        lo = 0;
    if (hi > len)
        hi = len;
    if (hi < lo)
        hi = lo;
    if (lo == 0 && hi == len && MpTuple_CheckExact(op))
        return Mp_NewRef(op);
    return mp_tuple_from_array(&MpTuple_CAST(op)->ob_item[lo], hi - lo);
}

/* Untrack an exact, tracked, fully built tuple whose items are all
 * atomic or untracked.  Called by the collector on survivors. */
void
mp_tuple_maybe_untrack(MpObject *op)
{
    Mp_ssize_t i;

    if (!MpTuple_CheckExact(op) || !MpObject_GC_IsTracked(op))
        return;
    for (i = 0; i < Mp_SIZE(op); i++) {
        MpObject *elt = MpTuple_GET_ITEM(op, i);
        /* A tuple still being filled, or one holding something the
         * collector may have to look at, stays tracked. */
        if (elt == NULL || mp_gc_may_be_tracked(elt))
            return;
    }
    MpObject_GC_UnTrack(op);
}

/* ---- Slots ---- */

static void
tupledealloc(MpTupleObject *op)
{
    Mp_ssize_t i = Mp_SIZE(op);

    MpObject_GC_UnTrack(op);
    /* Last to first, as CPython releases them. */
    while (--i >= 0)
        Mp_XDECREF(op->ob_item[i]);
    if (maybe_freelist_push(op))
        return;
    Mp_TYPE(op)->tp_free((MpObject *)op);
}

static int
tupletraverse(MpTupleObject *op, visitproc visit, void *arg)
{
    Mp_ssize_t i;

    for (i = Mp_SIZE(op); --i >= 0; )
        Mp_VISIT(op->ob_item[i]);
    return 0;
}

/* "(a, b)" or "(a,)"; "(...)" if op is already being repr'd. */
static MpObject *
tuplerepr(MpTupleObject *op)
{
    Mp_ssize_t i, n = Mp_SIZE(op);
    MpObject *pieces = NULL, *sep = NULL, *body = NULL, *result = NULL;
    int rc;

    if (n == 0)
        return MpUnicode_FromString("()");
    rc = MpRepr_Enter((MpObject *)op);
    if (rc != 0)
        return rc > 0 ? MpUnicode_FromString("(...)") : NULL;
    pieces = MpList_New(0);
    if (pieces == NULL)
        goto done;
    for (i = 0; i < n; i++) {
        MpObject *r = MpObject_Repr(op->ob_item[i]);
        if (r == NULL || mp_list_append_take(pieces, r) < 0)
            goto done;
    }
    sep = MpUnicode_FromString(", ");
    if (sep == NULL)
        goto done;
    body = MpUnicode_Join(sep, pieces);
    if (body == NULL)
        goto done;
    result = MpUnicode_FromFormat(n == 1 ? "(%U,)" : "(%U)", body);
done:
    Mp_XDECREF(body);
    Mp_XDECREF(sep);
    Mp_XDECREF(pieces);
    MpRepr_Leave((MpObject *)op);
    return result;
}

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static Mp_hash_t
tuplehash(MpTupleObject *op)
{
    Mp_ssize_t i, len = Mp_SIZE(op);
    uint64_t acc = XXPRIME_5;

    /* CPython 3.11 has no recursion check here (a tuple nested 100 000
     * deep hashes fine); minipy only refuses to overflow the C stack. */
    if (MP_UNLIKELY(mp_pystate_c_stack_exhausted())) {
        MpErr_SetString(MpExc_RecursionError,
                        "maximum recursion depth exceeded");
        return -1;
    }
    for (i = 0; i < len; i++) {
        Mp_hash_t lane = MpObject_Hash(op->ob_item[i]);
        if (lane == -1)
            return -1;
        acc += (uint64_t)lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    /* Mix in the length so that (), ((),) ... differ. */
    acc += (uint64_t)len ^ (XXPRIME_5 ^ 3527539ULL);
    if (acc == (uint64_t)-1)
        return 1546275796;
    return (Mp_hash_t)acc;
}

static Mp_ssize_t
tuplelength(MpTupleObject *op)
{
    return Mp_SIZE(op);
}

static int
tuplecontains(MpTupleObject *op, MpObject *el)
{
    Mp_ssize_t i;
    int cmp = 0;

    for (i = 0; cmp == 0 && i < Mp_SIZE(op); i++)
        cmp = MpObject_RichCompareBool(op->ob_item[i], el, Mp_EQ);
    return cmp;
}

static MpObject *
tupleitem(MpTupleObject *op, Mp_ssize_t i)
{
    if (i < 0 || i >= Mp_SIZE(op)) {
        MpErr_SetString(MpExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return Mp_NewRef(op->ob_item[i]);
}

static MpObject *
tupleconcat(MpTupleObject *a, MpObject *bb)
{
    MpTupleObject *b;
    MpObject *result;
    Mp_ssize_t i, size;

    if (!MpTuple_Check(bb)) {
        return MpErr_Format(MpExc_TypeError,
                            "can only concatenate tuple (not \"%s\") to tuple",
                            Mp_TYPE(bb)->tp_name);
    }
    b = MpTuple_CAST(bb);
    if (Mp_SIZE(b) == 0 && MpTuple_CheckExact(a))
        return Mp_NewRef(a);
    if (Mp_SIZE(a) == 0 && MpTuple_CheckExact(b))
        return Mp_NewRef(b);
    if (Mp_SIZE(a) > MP_SSIZE_T_MAX - Mp_SIZE(b))
        return MpErr_NoMemory();
    size = Mp_SIZE(a) + Mp_SIZE(b);
    result = MpTuple_New(size);
    if (result == NULL)
        return NULL;
    for (i = 0; i < Mp_SIZE(a); i++)
        MpTuple_SET_ITEM(result, i, Mp_NewRef(a->ob_item[i]));
    for (i = 0; i < Mp_SIZE(b); i++)
        MpTuple_SET_ITEM(result, i + Mp_SIZE(a), Mp_NewRef(b->ob_item[i]));
    return result;
}

static MpObject *
tuplerepeat(MpTupleObject *a, Mp_ssize_t n)
{
    Mp_ssize_t i, j, size, len = Mp_SIZE(a);
    MpObject *result;

    if (len == 0 || n == 1) {
        if (MpTuple_CheckExact(a))
            return Mp_NewRef(a);
    }
    if (len == 0 || n <= 0)
        return MpTuple_New(0);
    if (len > MP_SSIZE_T_MAX / n)
        return MpErr_NoMemory();
    size = len * n;
    result = MpTuple_New(size);
    if (result == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        for (j = 0; j < len; j++)
            MpTuple_SET_ITEM(result, i * len + j, Mp_NewRef(a->ob_item[j]));
    return result;
}

static MpObject *
tuplesubscript(MpTupleObject *self, MpObject *item)
{
    Mp_ssize_t i, start, stop, step, slicelen, cur;
    MpObject *result;

    if (MpIndex_Check(item)) {
        i = MpNumber_AsSsize_t(item, MpExc_IndexError);
        if (i == -1 && MpErr_Occurred())
            return NULL;
        if (i < 0)
            i += Mp_SIZE(self);
        return tupleitem(self, i);
    }
    if (!MpSlice_Check(item)) {
        return MpErr_Format(MpExc_TypeError,
                            "tuple indices must be integers or slices, "
                            "not %.200s", Mp_TYPE(item)->tp_name);
    }
    slicelen = MpSlice_GetIndicesEx(item, Mp_SIZE(self), &start, &stop,
                                    &step);
    if (slicelen < 0)
        return NULL;
    if (slicelen == 0)
        return MpTuple_New(0);
    if (start == 0 && step == 1 && slicelen == Mp_SIZE(self)
        && MpTuple_CheckExact(self)) {
        return Mp_NewRef(self);
    }
    result = MpTuple_New(slicelen);
    if (result == NULL)
        return NULL;
    for (cur = start, i = 0; i < slicelen; cur += step, i++)
        MpTuple_SET_ITEM(result, i, Mp_NewRef(self->ob_item[cur]));
    return result;
}

static MpObject *
compare_sizes(Mp_ssize_t a, Mp_ssize_t b, int op)
{
    int r;

    switch (op) {
    case Mp_LT: r = a < b; break;
    case Mp_LE: r = a <= b; break;
    case Mp_EQ: r = a == b; break;
    case Mp_NE: r = a != b; break;
    case Mp_GT: r = a > b; break;
    default: r = a >= b; break;
    }
    return Mp_NewRef(r ? Mp_True : Mp_False);
}

static MpObject *
tuplerichcompare(MpObject *v, MpObject *w, int op)
{
    Mp_ssize_t i, vlen, wlen;
    MpObject *const *vi, *const *wi;

    if (!MpTuple_Check(v) || !MpTuple_Check(w))
        Mp_RETURN_NOTIMPLEMENTED;
    vlen = Mp_SIZE(v);
    wlen = Mp_SIZE(w);
    vi = MpTuple_CAST(v)->ob_item;
    wi = MpTuple_CAST(w)->ob_item;
    /* Find the first index where the items differ (identity counts as
     * equal: MpObject_RichCompareBool checks it first). */
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = MpObject_RichCompareBool(vi[i], wi[i], Mp_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= vlen || i >= wlen)
        return compare_sizes(vlen, wlen, op);
    if (op == Mp_EQ)
        Mp_RETURN_FALSE;
    if (op == Mp_NE)
        Mp_RETURN_TRUE;
    return MpObject_RichCompare(vi[i], wi[i], op);
}

/* ---- Construction from Python: tuple(iterable) ---- */

static MpObject *
tuple_from_iterable(MpObject *iterable)
{
    MpObject *list, *result;

    if (MpTuple_CheckExact(iterable))
        return Mp_NewRef(iterable);
    if (MpList_CheckExact(iterable))
        return MpList_AsTuple(iterable);
    list = MpList_New(0);
    if (list == NULL)
        return NULL;
    if (mp_list_extend(list, iterable) < 0) {
        Mp_DECREF(list);
        return NULL;
    }
    result = MpList_AsTuple(list);
    Mp_DECREF(list);
    return result;
}

/* tuple subclasses: build an exact tuple, then copy into the subtype. */
static MpObject *
tuple_subtype_new(MpTypeObject *type, MpObject *iterable)
{
    MpObject *tmp, *newobj;
    Mp_ssize_t i, n;

    tmp = iterable == NULL ? MpTuple_New(0) : tuple_from_iterable(iterable);
    if (tmp == NULL)
        return NULL;
    n = Mp_SIZE(tmp);
    newobj = type->tp_alloc(type, n);
    if (newobj == NULL) {
        Mp_DECREF(tmp);
        return NULL;
    }
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(newobj, i, Mp_NewRef(MpTuple_GET_ITEM(tmp, i)));
    Mp_DECREF(tmp);
    return newobj;
}

static MpObject *
tuple_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *iterable = NULL;

    if (type == &MpTuple_Type && MpArg_NoKeywords("tuple", kwds) < 0)
        return NULL;
    if (Mp_SIZE(args) > 1) {
        return MpErr_Format(MpExc_TypeError,
                            "tuple expected at most 1 argument, got %zd",
                            Mp_SIZE(args));
    }
    if (Mp_SIZE(args) == 1)
        iterable = MpTuple_GET_ITEM(args, 0);
    if (type != &MpTuple_Type)
        return tuple_subtype_new(type, iterable);
    if (iterable == NULL)
        return MpTuple_New(0);
    return tuple_from_iterable(iterable);
}

/* ---- Methods ---- */

/* A start/stop argument of index(): an int (or __index__), clamped. */
static int
tuple_slice_index(MpObject *v, Mp_ssize_t *pi)
{
    Mp_ssize_t x;

    if (!MpIndex_Check(v)) {
        MpErr_SetString(MpExc_TypeError, "slice indices must be integers "
                        "or have an __index__ method");
        return -1;
    }
    x = MpNumber_AsSsize_t(v, NULL);
    if (x == -1 && MpErr_Occurred())
        return -1;
    *pi = x;
    return 0;
}

static MpObject *
tuple_index(MpTupleObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t i, start = 0, stop = MP_SSIZE_T_MAX;

    if (MpArg_CheckPositional("index", nargs, 1, 3) < 0)
        return NULL;
    if (nargs >= 2 && tuple_slice_index(args[1], &start) < 0)
        return NULL;
    if (nargs >= 3 && tuple_slice_index(args[2], &stop) < 0)
        return NULL;
    if (start < 0) {
        start += Mp_SIZE(self);
        if (start < 0)
            start = 0;
    }
    if (stop < 0)
        stop += Mp_SIZE(self);
    else if (stop > Mp_SIZE(self))
        stop = Mp_SIZE(self);
    for (i = start; i < stop; i++) {
        int cmp = MpObject_RichCompareBool(self->ob_item[i], args[0], Mp_EQ);
        if (cmp > 0)
            return MpLong_FromSsize_t(i);
        if (cmp < 0)
            return NULL;
    }
    MpErr_SetString(MpExc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static MpObject *
tuple_count(MpTupleObject *self, MpObject *value)
{
    Mp_ssize_t i, count = 0;

    for (i = 0; i < Mp_SIZE(self); i++) {
        int cmp = MpObject_RichCompareBool(self->ob_item[i], value, Mp_EQ);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return MpLong_FromSsize_t(count);
}

static MpObject *tuple_iter(MpObject *seq);

static MpMethodDef tuple_methods[] = {
    {"index", (MpCFunction)(void (*)(void))tuple_index, MP_METH_FASTCALL,
     "Return first index of value."},
    {"count", (MpCFunction)tuple_count, MP_METH_O,
     "Return number of occurrences of value."},
    {NULL, NULL, 0, NULL}
};

static MpSequenceMethods tuple_as_sequence = {
    .sq_length = (lenfunc)tuplelength,
    .sq_concat = (binaryfunc)tupleconcat,
    .sq_repeat = (ssizeargfunc)tuplerepeat,
    .sq_item = (ssizeargfunc)tupleitem,
    .sq_contains = (objobjproc)tuplecontains,
};

static MpMappingMethods tuple_as_mapping = {
    .mp_length = (lenfunc)tuplelength,
    .mp_subscript = (binaryfunc)tuplesubscript,
};

MpTypeObject MpTuple_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "tuple",
    .tp_basicsize = sizeof(MpTupleObject) - sizeof(MpObject *),
    .tp_itemsize = sizeof(MpObject *),
    .tp_dealloc = (destructor)tupledealloc,
    .tp_repr = (reprfunc)tuplerepr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = (hashfunc)tuplehash,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC | MP_TPFLAGS_BASETYPE
                | MP_TPFLAGS_TUPLE_SUBCLASS,
    .tp_doc = "Built-in immutable sequence.",
    .tp_traverse = (traverseproc)tupletraverse,
    .tp_richcompare = tuplerichcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = tuple_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- The tuple iterator ---- */

typedef struct {
    MpObject_HEAD
    Mp_ssize_t it_index;
    MpTupleObject *it_seq;   /* NULL once exhausted */
} tupleiterobject;

static MpObject *
tuple_iter(MpObject *seq)
{
    tupleiterobject *it;

    it = MpObject_GC_New(tupleiterobject, &MpTupleIter_Type);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = (MpTupleObject *)Mp_NewRef(seq);
    MpObject_GC_Track(it);
    return (MpObject *)it;
}

static void
tupleiter_dealloc(tupleiterobject *it)
{
    MpObject_GC_UnTrack(it);
    Mp_XDECREF(it->it_seq);
    MpObject_GC_Del(it);
}

static int
tupleiter_traverse(tupleiterobject *it, visitproc visit, void *arg)
{
    Mp_VISIT(it->it_seq);
    return 0;
}

static MpObject *
tupleiter_next(tupleiterobject *it)
{
    MpTupleObject *seq = it->it_seq;

    if (seq == NULL)
        return NULL;
    if (it->it_index < Mp_SIZE(seq))
        return Mp_NewRef(seq->ob_item[it->it_index++]);
    it->it_seq = NULL;
    Mp_DECREF(seq);
    return NULL;
}

static MpObject *
tupleiter_len(tupleiterobject *it, MpObject *unused)
{
    Mp_ssize_t len = 0;

    MP_UNUSED(unused);
    if (it->it_seq != NULL)
        len = Mp_SIZE(it->it_seq) - it->it_index;
    return MpLong_FromSsize_t(len);
}

static MpMethodDef tupleiter_methods[] = {
    {"__length_hint__", (MpCFunction)tupleiter_len, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL}
};

MpTypeObject MpTupleIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(tupleiterobject),
    .tp_dealloc = (destructor)tupleiter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)tupleiter_traverse,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = (iternextfunc)tupleiter_next,
    .tp_methods = tupleiter_methods,
    .tp_free = MpObject_GC_Del,
};

/* ---- Life cycle ---- */

/* Ready the types, make () and turn the free list on.  0 or -1. */
int
mp_tuple_init(void)
{
    MpObject *empty;

    state.finalized = 0;
    if (MpType_Ready(&MpTuple_Type) < 0
        || MpType_Ready(&MpTupleIter_Type) < 0) {
        return -1;
    }
    empty = tuple_get_empty();
    if (empty == NULL)
        return -1;
    Mp_DECREF(empty);
    state.freelist_enabled = 1;
    return 0;
}

/* Empty and disable the free list and drop (); a () still referenced
 * elsewhere lives on as an ordinary object. */
void
mp_tuple_fini(void)
{
    state.freelist_enabled = 0;
    mp_tuple_clear_freelist();
    Mp_CLEAR(state.empty);
    state.finalized = 1;
}
