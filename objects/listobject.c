/*
 * listobject.c -- the mutable sequence type 'list' and its iterators.
 *
 * Layout: a fixed 40-byte object (GC header in front) pointing at a
 * separately allocated array of item slots.
 *
 *   MpListObject                      ob_item (MpMem block)
 *   +-----------+                     +------+------+-----+------+-----+
 *   | refcnt    |                     | it 0 | it 1 | ... | it   | free|
 *   | ob_type   |          --------->  +------+------+-----+------+-----+
 *   | ob_size   | = n in use           |<------ ob_size ------>|
 *   | ob_item   |                      |<----------- allocated -------->|
 *   | allocated |
 *   +-----------+      sys.getsizeof = 40 + 8*allocated + 16
 *
 * Growth (list_resize, CPython 3.11's rule): a new size within
 * [allocated/2, allocated] only moves ob_size; otherwise the capacity
 * becomes (n + n/8 + 6) & ~3, or (n + 3) & ~3 when the request jumps past
 * that over-allocation, and 0 for an empty list.  Appends thus see the
 * capacities 0, 4, 8, 16, 24, 32, 40, 52, 64, 76, 92, ...  Exact sizing:
 * MpList_New(n), slices, copy(), l + l and l * n allocate n slots; filling
 * a list that has no storage yet from a list, a tuple or anything with a
 * length allocates n rounded up to even (list_preallocate_exact).
 *
 * Invariants:
 *   - 0 <= ob_size <= allocated; ob_item == NULL iff allocated == 0.
 *   - Slots below ob_size hold owned references (NULL only while a list
 *     made by MpList_New(n) is being filled).
 *   - Shrinking never fails: if the smaller block cannot be had, the old
 *     one is kept (a larger capacity is always valid).
 *   - Any call out to Python code (comparison, repr, iteration) may change
 *     the list: loops re-read ob_size and hold a reference to the item.
 *   - Items are released last to first (dealloc, clear, slice deletion).
 *
 * Free list: up to 80 dead exact lists (their item arrays freed) are
 * kept, as in CPython, and reused by MpList_New.  Parking counts a death
 * (mp_object_died) and reuse a birth, but the collector's generation-0
 * count sees neither, as in CPython.  Full collections and mp_list_fini
 * empty it.
 *
 * Read alongside CPython 3.11: Objects/listobject.c (list_resize,
 * list_preallocate_exact, list_new_prealloc, list_ass_slice,
 * list_ass_subscript, list_extend, list_richcompare, list_repr,
 * list_pop_impl, listiter_next, listreviter_next).  The sort lives in
 * listsort.c.
 *
 * Left out: the vectorcall constructor, __class_getitem__ and the iterators' pickling
 * methods.
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"
#include "gc/gc.h"

#define MP_LIST_MAXFREELIST 80

static struct {
    int initialized;            /* also: parking is allowed */
    MpListObject *free_list[MP_LIST_MAXFREELIST];
    int numfree;
} state;

/* ---- Storage ---- */

/* Make room for 'newsize' items with CPython's over-allocation rule and
 * set ob_size.  Items past the old size are not initialised.  0 or -1. */
static int
list_resize(MpListObject *self, Mp_ssize_t newsize)
{
    MpObject **items;
    size_t new_allocated;
    Mp_ssize_t allocated = self->allocated;

    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        Mp_SET_SIZE(self, newsize);
        return 0;
    }
    new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6)
                    & ~(size_t)3;
    /* A big jump (e.g. extend by many) gets no over-allocation. */
    if (newsize - Mp_SIZE(self) > (Mp_ssize_t)(new_allocated - newsize))
        new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0) {
        MpMem_Free(self->ob_item);
        self->ob_item = NULL;
        self->allocated = 0;
        Mp_SET_SIZE(self, 0);
        return 0;
    }
    items = NULL;
    if (new_allocated <= (size_t)MP_SSIZE_T_MAX / sizeof(MpObject *))
        items = MpMem_Realloc(self->ob_item,
                              new_allocated * sizeof(MpObject *));
    if (items == NULL) {
        if (newsize <= allocated) {
            /* Shrinking (the rounding may ask for as much as before):
             * the block we have is big enough. */
            Mp_SET_SIZE(self, newsize);
            return 0;
        }
        MpErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    self->allocated = (Mp_ssize_t)new_allocated;
    Mp_SET_SIZE(self, newsize);
    return 0;
}

/* Give a list without storage room for exactly 'size' items, rounded up
 * to even (the allocator hands out 16-byte granules anyway).  0 or -1. */
static int
list_preallocate_exact(MpListObject *self, Mp_ssize_t size)
{
    MpObject **items;

    MP_ASSERT(self->ob_item == NULL && size > 0);
    size = (size + 1) & ~(Mp_ssize_t)1;
    if ((size_t)size > (size_t)MP_SSIZE_T_MAX / sizeof(MpObject *)) {
        MpErr_NoMemory();
        return -1;
    }
    items = MpMem_Malloc((size_t)size * sizeof(MpObject *));
    if (items == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    self->allocated = size;
    return 0;
}

/* An empty list with exactly 'size' (> 0) slots allocated.  New. */
static MpListObject *
list_new_prealloc(Mp_ssize_t size)
{
    MpListObject *op = (MpListObject *)MpList_New(0);

    if (op == NULL)
        return NULL;
    if ((size_t)size > (size_t)MP_SSIZE_T_MAX / sizeof(MpObject *))
        op->ob_item = NULL;
    else
        op->ob_item = MpMem_Malloc((size_t)size * sizeof(MpObject *));
    if (op->ob_item == NULL) {
        Mp_DECREF(op);
        return (MpListObject *)MpErr_NoMemory();
    }
    op->allocated = size;
    return op;
}

/* Drop every item (last to first) and the storage.  Always 0. */
static int
list_clear_impl(MpListObject *a)
{
    MpObject **item = a->ob_item;
    Mp_ssize_t i = Mp_SIZE(a);

    if (item == NULL)
        return 0;
    /* Detach first: releasing an item may run code that looks at 'a'. */
    Mp_SET_SIZE(a, 0);
    a->ob_item = NULL;
    a->allocated = 0;
    while (--i >= 0)
        Mp_XDECREF(item[i]);
    MpMem_Free(item);
    return 0;
}

/* ---- The C API ---- */

/* A list of 'size' NULL slots, exactly that many allocated.  New. */
MpObject *
MpList_New(Mp_ssize_t size)
{
    MpListObject *op;

    if (size < 0) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (state.numfree > 0) {
        op = (MpListObject *)mp_object_birth(
            (MpObject *)state.free_list[--state.numfree], &MpList_Type);
    }
    else {
        op = MpObject_GC_New(MpListObject, &MpList_Type);
        if (op == NULL)
            return NULL;
    }
    op->ob_item = NULL;
    op->allocated = 0;
    Mp_SET_SIZE(op, 0);
    if (size > 0) {
        if ((size_t)size <= (size_t)MP_SSIZE_T_MAX / sizeof(MpObject *))
            op->ob_item = MpMem_Calloc((size_t)size, sizeof(MpObject *));
        if (op->ob_item == NULL) {
            Mp_DECREF(op);
            return MpErr_NoMemory();
        }
        op->allocated = size;
        Mp_SET_SIZE(op, size);
    }
    MpObject_GC_Track(op);
    return (MpObject *)op;
}

/* len(l), or -1 with SystemError when l is not a list. */
Mp_ssize_t
MpList_Size(MpObject *op)
{
    if (!MpList_Check(op)) {
        MpErr_BadInternalCall();
        return -1;
    }
    return Mp_SIZE(op);
}

/* l[i] without negative indices.  Borrowed; NULL + IndexError
 * "list index out of range". */
MpObject *
MpList_GetItem(MpObject *op, Mp_ssize_t i)
{
    if (!MpList_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Mp_SIZE(op)) {
        MpErr_SetString(MpExc_IndexError, "list index out of range");
        return NULL;
    }
    return MpList_GET_ITEM(op, i);
}

/* l[i] = v, stealing v even on failure.  0, or -1 with IndexError
 * "list assignment index out of range" / SystemError. */
int
MpList_SetItem(MpObject *op, Mp_ssize_t i, MpObject *v)
{
    MpObject **slot;

    if (!MpList_Check(op)) {
        Mp_XDECREF(v);
        MpErr_BadInternalCall();
        return -1;
    }
    if (i < 0 || i >= Mp_SIZE(op)) {
        Mp_XDECREF(v);
        MpErr_SetString(MpExc_IndexError,
                        "list assignment index out of range");
        return -1;
    }
    slot = &MpList_CAST(op)->ob_item[i];
    Mp_XSETREF(*slot, v);
    return 0;
}

static int
ins1(MpListObject *self, Mp_ssize_t where, MpObject *v)
{
    Mp_ssize_t i, n = Mp_SIZE(self);
    MpObject **items;

    if (list_resize(self, n + 1) < 0)
        return -1;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    items = self->ob_item;
    for (i = n; --i >= where; )
        items[i + 1] = items[i];
    items[where] = Mp_NewRef(v);
    return 0;
}

/* l.insert(where, v) (v not stolen).  0, or -1 with MemoryError. */
int
MpList_Insert(MpObject *op, Mp_ssize_t where, MpObject *v)
{
    if (!MpList_Check(op) || v == NULL) {
        MpErr_BadInternalCall();
        return -1;
    }
    return ins1(MpList_CAST(op), where, v);
}

/* Append v, stealing it (released on failure).  0, or -1 with
 * MemoryError and the list unchanged. */
int
mp_list_append_take(MpObject *op, MpObject *v)
{
    MpListObject *self = MpList_CAST(op);
    Mp_ssize_t n = Mp_SIZE(self);

    if (self->allocated > n) {
        self->ob_item[n] = v;
        Mp_SET_SIZE(self, n + 1);
        return 0;
    }
    if (list_resize(self, n + 1) < 0) {
        Mp_DECREF(v);
        return -1;
    }
    self->ob_item[n] = v;
    return 0;
}

/* l.append(v) (v not stolen).  0, or -1 with MemoryError. */
int
MpList_Append(MpObject *op, MpObject *v)
{
    if (!MpList_Check(op) || v == NULL) {
        MpErr_BadInternalCall();
        return -1;
    }
    return mp_list_append_take(op, Mp_NewRef(v));
}

/* a[ilow:ihigh] (already clipped).  New. */
static MpObject *
list_slice(MpListObject *a, Mp_ssize_t ilow, Mp_ssize_t ihigh)
{
    MpListObject *np;
    Mp_ssize_t i, len = ihigh - ilow;

    if (len <= 0)
        return MpList_New(0);
    np = list_new_prealloc(len);
    if (np == NULL)
        return NULL;
    for (i = 0; i < len; i++)
        np->ob_item[i] = Mp_NewRef(a->ob_item[ilow + i]);
    Mp_SET_SIZE(np, len);
    return (MpObject *)np;
}

/* l[ilow:ihigh] clipped to the list, exactly sized.  New. */
MpObject *
MpList_GetSlice(MpObject *a, Mp_ssize_t ilow, Mp_ssize_t ihigh)
{
    if (!MpList_Check(a)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (ilow < 0)
        ilow = 0;
    else if (ilow > Mp_SIZE(a))
        ilow = Mp_SIZE(a);
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > Mp_SIZE(a))
        ihigh = Mp_SIZE(a);
    return list_slice(MpList_CAST(a), ilow, ihigh);
}

/* A list of exactly n slots owning items[0..n-1] (released on
 * failure).  New; NULL + MemoryError. */
MpObject *
mp_list_from_array_steal(MpObject *const *items, Mp_ssize_t n)
{
    MpObject *list;
    Mp_ssize_t i;

    list = MpList_New(n);
    if (list == NULL) {
        for (i = 0; i < n; i++)
            Mp_DECREF(items[i]);
        return NULL;
    }
    for (i = 0; i < n; i++)
        MpList_SET_ITEM(list, i, items[i]);
    return list;
}

/* tuple(l).  New. */
MpObject *
MpList_AsTuple(MpObject *v)
{
    if (v == NULL || !MpList_Check(v)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    return mp_tuple_from_array(MpList_CAST(v)->ob_item, Mp_SIZE(v));
}

/* ---- Sequences as arrays: list and tuple, or a fresh list ---- */

/* The items of 'v' as an exact list or tuple (New); TypeError 'msg' when
 * v is not iterable.  Like CPython's PySequence_Fast. */
static MpObject *
list_fast(MpObject *v, const char *msg)
{
    MpObject *it, *list;

    if (MpList_CheckExact(v) || MpTuple_CheckExact(v))
        return Mp_NewRef(v);
    it = MpObject_GetIter(v);
    if (it == NULL) {
        if (MpErr_ExceptionMatches(MpExc_TypeError))
            MpErr_SetString(MpExc_TypeError, msg);
        return NULL;
    }
    list = MpList_New(0);
    if (list != NULL && mp_list_extend(list, it) < 0)
        Mp_CLEAR(list);
    Mp_DECREF(it);
    return list;
}

static MpObject **
fast_items(MpObject *seq)
{
    return MpList_Check(seq) ? MpList_CAST(seq)->ob_item
                             : MpTuple_CAST(seq)->ob_item;
}

/* ---- Slice assignment ---- */

/* Replace a[ilow:ihigh] (already clipped) by the n items of vitem, the
 * list staying non-empty.  Removed items are released last to first,
 * after the move.  0, or -1 with MemoryError and 'a' unchanged. */
static int
list_replace_range(MpListObject *a, Mp_ssize_t ilow, Mp_ssize_t ihigh,
                   MpObject *const *vitem, Mp_ssize_t n)
{
    MpObject *recycle_on_stack[8];
    MpObject **recycle = recycle_on_stack, **item;
    Mp_ssize_t norig = ihigh - ilow, d = n - norig, k = Mp_SIZE(a);

    if (norig > (Mp_ssize_t)MP_ARRAY_LENGTH(recycle_on_stack)) {
        recycle = MpMem_Malloc((size_t)norig * sizeof(MpObject *));
        if (recycle == NULL) {
            MpErr_NoMemory();
            return -1;
        }
    }
    if (d > 0 && list_resize(a, k + d) < 0) {
        if (recycle != recycle_on_stack)
            MpMem_Free(recycle);
        return -1;
    }
    item = a->ob_item;
    if (norig > 0)
        memcpy(recycle, &item[ilow], (size_t)norig * sizeof(MpObject *));
    if (d != 0) {
        /* Slide the tail to its new place. */
        memmove(&item[ihigh + d], &item[ihigh],
                (size_t)(k - ihigh) * sizeof(MpObject *));
    }
    if (d < 0) {
        (void)list_resize(a, k + d);    /* shrinking never fails */
        item = a->ob_item;
    }
    for (k = 0; k < n; k++, ilow++)
        item[ilow] = Mp_XNewRef(vitem[k]);
    for (k = norig - 1; k >= 0; --k)
        Mp_XDECREF(recycle[k]);
    if (recycle != recycle_on_stack)
        MpMem_Free(recycle);
    return 0;
}

/* a[ilow:ihigh] = v (v NULL deletes).  0 or -1; on failure 'a' is as it
 * was. */
static int
list_ass_slice(MpListObject *a, Mp_ssize_t ilow, Mp_ssize_t ihigh,
               MpObject *v)
{
    MpObject *v_as_sf = NULL, **vitem = NULL;
    Mp_ssize_t n = 0;
    int result;

    if (v == (MpObject *)a) {
        /* a[i:j] = a: copy the right side first. */
        v = list_slice(a, 0, Mp_SIZE(a));
        if (v == NULL)
            return -1;
        result = list_ass_slice(a, ilow, ihigh, v);
        Mp_DECREF(v);
        return result;
    }
    if (v != NULL) {
        v_as_sf = list_fast(v, "can only assign an iterable");
        if (v_as_sf == NULL)
            return -1;
        n = Mp_SIZE(v_as_sf);
        vitem = fast_items(v_as_sf);
    }
    if (ilow < 0)
        ilow = 0;
    else if (ilow > Mp_SIZE(a))
        ilow = Mp_SIZE(a);
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > Mp_SIZE(a))
        ihigh = Mp_SIZE(a);
    if (Mp_SIZE(a) - (ihigh - ilow) + n == 0)
        result = list_clear_impl(a);
    else
        result = list_replace_range(a, ilow, ihigh, vitem, n);
    Mp_XDECREF(v_as_sf);
    return result;
}

/* l[ilow:ihigh] = v (any iterable; NULL deletes).  0 or -1; on
 * failure l is unchanged. */
int
MpList_SetSlice(MpObject *a, Mp_ssize_t ilow, Mp_ssize_t ihigh, MpObject *v)
{
    if (!MpList_Check(a)) {
        MpErr_BadInternalCall();
        return -1;
    }
    return list_ass_slice(MpList_CAST(a), ilow, ihigh, v);
}

/* del a[start:stop:step] for step > 1 after normalisation. */
static int
list_del_extended(MpListObject *self, Mp_ssize_t start, Mp_ssize_t step,
                  Mp_ssize_t slicelength)
{
    MpObject **garbage;
    size_t cur;
    Mp_ssize_t i;

    garbage = MpMem_Malloc((size_t)slicelength * sizeof(MpObject *));
    if (garbage == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    /* Slide the kept runs between the deleted items down, then the
     * tail past the last deleted item. */
    for (cur = (size_t)start, i = 0; i < slicelength; cur += step, i++) {
        Mp_ssize_t lim = step - 1;
        garbage[i] = self->ob_item[cur];
        if (cur + step >= (size_t)Mp_SIZE(self))
            lim = Mp_SIZE(self) - (Mp_ssize_t)cur - 1;
        memmove(self->ob_item + cur - i, self->ob_item + cur + 1,
                (size_t)lim * sizeof(MpObject *));
    }
    cur = (size_t)start + (size_t)slicelength * step;
    if (cur < (size_t)Mp_SIZE(self)) {
        memmove(self->ob_item + cur - slicelength, self->ob_item + cur,
                (Mp_SIZE(self) - cur) * sizeof(MpObject *));
    }
    (void)list_resize(self, Mp_SIZE(self) - slicelength);
    for (i = 0; i < slicelength; i++)
        Mp_DECREF(garbage[i]);
    MpMem_Free(garbage);
    return 0;
}

/* a[start:stop:step] = value for step != 1. */
static int
list_ass_extended(MpListObject *self, Mp_ssize_t start, Mp_ssize_t step,
                  Mp_ssize_t slicelength, MpObject *value)
{
    MpObject *seq, **garbage, **seqitems;
    Mp_ssize_t i;
    size_t cur;

    if (value == (MpObject *)self)    /* a[::-1] = a */
        seq = list_slice(self, 0, Mp_SIZE(self));
    else
        seq = list_fast(value, "must assign iterable to extended slice");
    if (seq == NULL)
        return -1;
    if (Mp_SIZE(seq) != slicelength) {
        MpErr_Format(MpExc_ValueError, "attempt to assign sequence of size "
                     "%zd to extended slice of size %zd", Mp_SIZE(seq),
                     slicelength);
        Mp_DECREF(seq);
        return -1;
    }
    if (slicelength == 0) {
        Mp_DECREF(seq);
        return 0;
    }
    garbage = MpMem_Malloc((size_t)slicelength * sizeof(MpObject *));
    if (garbage == NULL) {
        Mp_DECREF(seq);
        MpErr_NoMemory();
        return -1;
    }
    seqitems = fast_items(seq);
    for (cur = (size_t)start, i = 0; i < slicelength; cur += step, i++) {
        garbage[i] = self->ob_item[cur];
        self->ob_item[cur] = Mp_NewRef(seqitems[i]);
    }
    for (i = 0; i < slicelength; i++)
        Mp_DECREF(garbage[i]);
    MpMem_Free(garbage);
    Mp_DECREF(seq);
    return 0;
}

static int list_ass_item(MpListObject *a, Mp_ssize_t i, MpObject *v);

static int
list_ass_subscript(MpListObject *self, MpObject *item, MpObject *value)
{
    Mp_ssize_t i, start, stop, step, slicelength;

    if (MpIndex_Check(item)) {
        i = MpNumber_AsSsize_t(item, MpExc_IndexError);
        if (i == -1 && MpErr_Occurred())
            return -1;
        if (i < 0)
            i += Mp_SIZE(self);
        return list_ass_item(self, i, value);
    }
    if (!MpSlice_Check(item)) {
        MpErr_Format(MpExc_TypeError, "list indices must be integers or "
                     "slices, not %.200s", Mp_TYPE(item)->tp_name);
        return -1;
    }
    slicelength = MpSlice_GetIndicesEx(item, Mp_SIZE(self), &start, &stop,
                                       &step);
    if (slicelength < 0)
        return -1;
    if (step == 1)
        return list_ass_slice(self, start, stop, value);
    if (value != NULL)
        return list_ass_extended(self, start, step, slicelength, value);
    if (slicelength <= 0)
        return 0;
    if (step < 0) {
        /* Walk the same items upwards. */
        start = start + step * (slicelength - 1);
        step = -step;
    }
    return list_del_extended(self, start, step, slicelength);
}

/* ---- extend and friends ---- */

/* len(o) if o has a length, else o.__length_hint__(), else 'dflt'.
 * -1 with an exception set on error. */
static Mp_ssize_t
list_length_hint(MpObject *o, Mp_ssize_t dflt)
{
    MP_IDENTIFIER(__length_hint__);
    MpTypeObject *tp = Mp_TYPE(o);
    MpObject *hint, *result, *name;
    Mp_ssize_t res;

    if ((tp->tp_as_sequence && tp->tp_as_sequence->sq_length)
        || (tp->tp_as_mapping && tp->tp_as_mapping->mp_length)) {
        res = MpObject_Length(o);
        if (res >= 0 || !MpErr_ExceptionMatches(MpExc_TypeError))
            return res;
        MpErr_Clear();
    }
    name = mp_identifier_get(&MpId___length_hint__);
    if (name == NULL)
        return -1;
    hint = MpObject_GetAttr(o, name);
    if (hint == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return -1;
        MpErr_Clear();
        return dflt;
    }
    result = MpObject_CallNoArgs(hint);
    Mp_DECREF(hint);
    if (result == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_TypeError))
            return -1;
        MpErr_Clear();
        return dflt;
    }
    if (result == Mp_NotImplemented) {
        Mp_DECREF(result);
        return dflt;
    }
    if (!MpLong_Check(result)) {
        MpErr_Format(MpExc_TypeError, "__length_hint__ must be an integer, "
                     "not %.100s", Mp_TYPE(result)->tp_name);
        Mp_DECREF(result);
        return -1;
    }
    res = MpLong_AsSsize_t(result);
    Mp_DECREF(result);
    if (res < 0 && !MpErr_Occurred()) {
        MpErr_SetString(MpExc_ValueError,
                        "__length_hint__() should return >= 0");
    }
    return res;
}

/* self += list or tuple (or self): copy the array in one go. */
static int
list_extend_fast(MpListObject *self, MpObject *seq)
{
    Mp_ssize_t i, m = Mp_SIZE(self), n = Mp_SIZE(seq);
    MpObject **src;

    if (n == 0)
        return 0;
    if (self->ob_item == NULL) {
        if (list_preallocate_exact(self, n) < 0)
            return -1;
        Mp_SET_SIZE(self, n);
    }
    else if (list_resize(self, m + n) < 0) {
        return -1;
    }
    /* Read the source only now: seq may be self, just resized. */
    src = fast_items(seq);
    for (i = 0; i < n; i++)
        self->ob_item[m + i] = Mp_NewRef(src[i]);
    return 0;
}

static int
list_extend_iter(MpListObject *self, MpObject *it, Mp_ssize_t n)
{
    Mp_ssize_t m = Mp_SIZE(self);
    iternextfunc iternext = Mp_TYPE(it)->tp_iternext;

    if (self->ob_item == NULL) {
        /* An empty list trusts the hint: exact (even-rounded) storage. */
        if (n > 0 && list_preallocate_exact(self, n) < 0)
            return -1;
    }
    else if (m <= MP_SSIZE_T_MAX - n) {
        if (list_resize(self, m + n) < 0)
            return -1;
        Mp_SET_SIZE(self, m);
    }
    for (;;) {
        MpObject *item = iternext(it);
        if (item == NULL) {
            if (MpErr_Occurred()) {
                if (!MpErr_ExceptionMatches(MpExc_StopIteration))
                    return -1;
                MpErr_Clear();
            }
            break;
        }
        if (Mp_SIZE(self) < self->allocated) {
            self->ob_item[Mp_SIZE(self)] = item;
            Mp_SET_SIZE(self, Mp_SIZE(self) + 1);
        }
        else if (mp_list_append_take((MpObject *)self, item) < 0) {
            return -1;
        }
    }
    /* Give back what the length guess over-estimated. */
    if (Mp_SIZE(self) < self->allocated)
        (void)list_resize(self, Mp_SIZE(self));
    return 0;
}

/* l.extend(iterable): lists and tuples are copied in one go (into an
 * even-rounded exact block when l has no storage), anything else is
 * iterated with its length hint.  0 or -1. */
int
mp_list_extend(MpObject *op, MpObject *iterable)
{
    MpListObject *self = MpList_CAST(op);
    MpObject *it;
    Mp_ssize_t n;
    int rc;

    if (MpList_CheckExact(iterable) || MpTuple_CheckExact(iterable)
        || iterable == op) {
        return list_extend_fast(self, iterable);
    }
    it = MpObject_GetIter(iterable);
    if (it == NULL)
        return -1;
    n = list_length_hint(iterable, 8);
    if (n < 0) {
        Mp_DECREF(it);
        return -1;
    }
    rc = list_extend_iter(self, it, n);
    Mp_DECREF(it);
    return rc;
}

/* ---- Sequence slots ---- */

static Mp_ssize_t
list_length(MpListObject *a)
{
    return Mp_SIZE(a);
}

static int
list_contains(MpListObject *a, MpObject *el)
{
    Mp_ssize_t i;
    int cmp = 0;

    for (i = 0; cmp == 0 && i < Mp_SIZE(a); i++) {
        MpObject *item = Mp_NewRef(a->ob_item[i]);
        cmp = MpObject_RichCompareBool(item, el, Mp_EQ);
        Mp_DECREF(item);
    }
    return cmp;
}

static MpObject *
list_item(MpListObject *a, Mp_ssize_t i)
{
    if (i < 0 || i >= Mp_SIZE(a)) {
        MpErr_SetString(MpExc_IndexError, "list index out of range");
        return NULL;
    }
    return Mp_NewRef(a->ob_item[i]);
}

static int
list_ass_item(MpListObject *a, Mp_ssize_t i, MpObject *v)
{
    if (i < 0 || i >= Mp_SIZE(a)) {
        MpErr_SetString(MpExc_IndexError,
                        "list assignment index out of range");
        return -1;
    }
    if (v == NULL)
        return list_ass_slice(a, i, i + 1, NULL);
    Mp_SETREF(a->ob_item[i], Mp_NewRef(v));
    return 0;
}

static MpObject *
list_concat(MpListObject *a, MpObject *bb)
{
    MpListObject *np, *b;
    Mp_ssize_t i, size;

    if (!MpList_Check(bb)) {
        return MpErr_Format(MpExc_TypeError,
                            "can only concatenate list (not \"%.200s\") to "
                            "list", Mp_TYPE(bb)->tp_name);
    }
    b = MpList_CAST(bb);
    if (Mp_SIZE(a) > MP_SSIZE_T_MAX - Mp_SIZE(b))
        return MpErr_NoMemory();
    size = Mp_SIZE(a) + Mp_SIZE(b);
    if (size == 0)
        return MpList_New(0);
    np = list_new_prealloc(size);
    if (np == NULL)
        return NULL;
    for (i = 0; i < Mp_SIZE(a); i++)
        np->ob_item[i] = Mp_NewRef(a->ob_item[i]);
    for (i = 0; i < Mp_SIZE(b); i++)
        np->ob_item[i + Mp_SIZE(a)] = Mp_NewRef(b->ob_item[i]);
    Mp_SET_SIZE(np, size);
    return (MpObject *)np;
}

static MpObject *
list_repeat(MpListObject *a, Mp_ssize_t n)
{
    MpListObject *np;
    Mp_ssize_t i, j, size, len = Mp_SIZE(a);

    if (n < 0)
        n = 0;
    if (n > 0 && len > MP_SSIZE_T_MAX / n)
        return MpErr_NoMemory();
    size = len * n;
    if (size == 0)
        return MpList_New(0);
    np = list_new_prealloc(size);
    if (np == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        for (j = 0; j < len; j++)
            np->ob_item[i * len + j] = Mp_NewRef(a->ob_item[j]);
    Mp_SET_SIZE(np, size);
    return (MpObject *)np;
}

static MpObject *
list_inplace_concat(MpListObject *self, MpObject *other)
{
    if (mp_list_extend((MpObject *)self, other) < 0)
        return NULL;
    return Mp_NewRef(self);
}

static MpObject *
list_inplace_repeat(MpListObject *self, Mp_ssize_t n)
{
    Mp_ssize_t i, j, size = Mp_SIZE(self);

    if (size == 0 || n == 1)
        return Mp_NewRef(self);
    if (n < 1) {
        list_clear_impl(self);
        return Mp_NewRef(self);
    }
    if (size > MP_SSIZE_T_MAX / n)
        return MpErr_NoMemory();
    if (list_resize(self, size * n) < 0)
        return NULL;
    for (i = 1; i < n; i++)
        for (j = 0; j < size; j++)
            self->ob_item[i * size + j] = Mp_NewRef(self->ob_item[j]);
    return Mp_NewRef(self);
}

static MpObject *
list_subscript(MpListObject *self, MpObject *item)
{
    Mp_ssize_t i, start, stop, step, slicelength;
    size_t cur;
    MpListObject *result;

    if (MpIndex_Check(item)) {
        i = MpNumber_AsSsize_t(item, MpExc_IndexError);
        if (i == -1 && MpErr_Occurred())
            return NULL;
        if (i < 0)
            i += Mp_SIZE(self);
        return list_item(self, i);
    }
    if (!MpSlice_Check(item)) {
        return MpErr_Format(MpExc_TypeError, "list indices must be integers "
                            "or slices, not %.200s", Mp_TYPE(item)->tp_name);
    }
    slicelength = MpSlice_GetIndicesEx(item, Mp_SIZE(self), &start, &stop,
                                       &step);
    if (slicelength < 0)
        return NULL;
    if (slicelength == 0)
        return MpList_New(0);
    if (step == 1)
        return list_slice(self, start, stop);
    result = list_new_prealloc(slicelength);
    if (result == NULL)
        return NULL;
    for (cur = (size_t)start, i = 0; i < slicelength; cur += step, i++)
        result->ob_item[i] = Mp_NewRef(self->ob_item[cur]);
    Mp_SET_SIZE(result, slicelength);
    return (MpObject *)result;
}

/* ---- Object slots ---- */

static void
list_dealloc(MpListObject *op)
{
    Mp_ssize_t i;

    MpObject_GC_UnTrack(op);
    if (op->ob_item != NULL) {
        /* Last to first, as CPython releases them. */
        i = Mp_SIZE(op);
        while (--i >= 0)
            Mp_XDECREF(op->ob_item[i]);
        MpMem_Free(op->ob_item);
    }
    if (state.initialized && state.numfree < MP_LIST_MAXFREELIST &&
        MpList_CheckExact(op)) {
        state.free_list[state.numfree++] = op;
        (void)mp_object_died((MpObject *)op);
        return;
    }
    Mp_TYPE(op)->tp_free((MpObject *)op);
}

/* Release every parked list for real (its death was counted when it was
 * parked), which lowers the generation-0 count as CPython's does here. */
void
mp_list_clear_freelist(void)
{
    while (state.numfree > 0) {
        MpListObject *op = state.free_list[--state.numfree];
        mp_gc_free_parked((MpObject *)op);
    }
}

static int
list_traverse(MpListObject *o, visitproc visit, void *arg)
{
    Mp_ssize_t i;

    for (i = Mp_SIZE(o); --i >= 0; )
        Mp_VISIT(o->ob_item[i]);
    return 0;
}

static int
list_tp_clear(MpListObject *o)
{
    return list_clear_impl(o);
}

static MpObject *
list_repr(MpListObject *v)
{
    MpObject *pieces = NULL, *sep = NULL, *body = NULL, *result = NULL;
    Mp_ssize_t i;
    int rc;

    if (Mp_SIZE(v) == 0)
        return MpUnicode_FromString("[]");
    rc = MpRepr_Enter((MpObject *)v);
    if (rc != 0)
        return rc > 0 ? MpUnicode_FromString("[...]") : NULL;
    pieces = MpList_New(0);
    if (pieces == NULL)
        goto done;
    /* An item's repr may shrink the list: re-read the size each time. */
    for (i = 0; i < Mp_SIZE(v); i++) {
        MpObject *item = Mp_NewRef(v->ob_item[i]);
        MpObject *r = MpObject_Repr(item);
        Mp_DECREF(item);
        if (r == NULL || mp_list_append_take(pieces, r) < 0)
            goto done;
    }
    sep = MpUnicode_FromString(", ");
    if (sep == NULL)
        goto done;
    body = MpUnicode_Join(sep, pieces);
    if (body != NULL)
        result = MpUnicode_FromFormat("[%U]", body);
done:
    Mp_XDECREF(body);
    Mp_XDECREF(sep);
    Mp_XDECREF(pieces);
    MpRepr_Leave((MpObject *)v);
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
list_richcompare(MpObject *v, MpObject *w, int op)
{
    MpListObject *vl, *wl;
    Mp_ssize_t i;

    if (!MpList_Check(v) || !MpList_Check(w))
        Mp_RETURN_NOTIMPLEMENTED;
    vl = MpList_CAST(v);
    wl = MpList_CAST(w);
    if (Mp_SIZE(vl) != Mp_SIZE(wl) && (op == Mp_EQ || op == Mp_NE))
        return Mp_NewRef(op == Mp_EQ ? Mp_False : Mp_True);
    for (i = 0; i < Mp_SIZE(vl) && i < Mp_SIZE(wl); i++) {
        MpObject *vitem = vl->ob_item[i], *witem = wl->ob_item[i];
        int k;
        if (vitem == witem)
            continue;
        Mp_INCREF(vitem);
        Mp_INCREF(witem);
        k = MpObject_RichCompareBool(vitem, witem, Mp_EQ);
        Mp_DECREF(vitem);
        Mp_DECREF(witem);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= Mp_SIZE(vl) || i >= Mp_SIZE(wl))
        return compare_sizes(Mp_SIZE(vl), Mp_SIZE(wl), op);
    if (op == Mp_EQ)
        Mp_RETURN_FALSE;
    if (op == Mp_NE)
        Mp_RETURN_TRUE;
    return MpObject_RichCompare(vl->ob_item[i], wl->ob_item[i], op);
}

/* list.__init__(self, iterable=()): clear, then extend. */
static int
list___init__(MpListObject *self, MpObject *args, MpObject *kwds)
{
    MpObject *iterable;
    Mp_ssize_t n;

    if (Mp_TYPE(self) == &MpList_Type && MpArg_NoKeywords("list", kwds) < 0)
        return -1;
    if (Mp_SIZE(args) > 1) {
        MpErr_Format(MpExc_TypeError,
                     "list expected at most 1 argument, got %zd",
                     Mp_SIZE(args));
        return -1;
    }
    if (self->ob_item != NULL)
        list_clear_impl(self);
    if (Mp_SIZE(args) == 0)
        return 0;
    iterable = MpTuple_GET_ITEM(args, 0);
    if ((Mp_TYPE(iterable)->tp_as_sequence
         && Mp_TYPE(iterable)->tp_as_sequence->sq_length)
        || (Mp_TYPE(iterable)->tp_as_mapping
            && Mp_TYPE(iterable)->tp_as_mapping->mp_length)) {
        n = MpObject_Length(iterable);
        if (n == -1) {
            if (!MpErr_ExceptionMatches(MpExc_TypeError))
                return -1;
            MpErr_Clear();
        }
        if (n > 0 && self->ob_item == NULL
            && list_preallocate_exact(self, n) < 0) {
            return -1;
        }
    }
    return mp_list_extend((MpObject *)self, iterable);
}

/* ---- Methods ---- */

static MpObject *
list_append(MpListObject *self, MpObject *object)
{
    if (mp_list_append_take((MpObject *)self, Mp_NewRef(object)) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
list_extend(MpListObject *self, MpObject *iterable)
{
    if (mp_list_extend((MpObject *)self, iterable) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
list_insert(MpListObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t index;

    if (MpArg_CheckPositional("insert", nargs, 2, 2) < 0)
        return NULL;
    index = MpNumber_AsSsize_t(args[0], MpExc_OverflowError);
    if (index == -1 && MpErr_Occurred())
        return NULL;
    if (ins1(self, index, args[1]) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
list_pop(MpListObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t index = -1;
    MpObject *v;

    if (MpArg_CheckPositional("pop", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 1) {
        index = MpNumber_AsSsize_t(args[0], MpExc_OverflowError);
        if (index == -1 && MpErr_Occurred())
            return NULL;
    }
    if (Mp_SIZE(self) == 0) {
        MpErr_SetString(MpExc_IndexError, "pop from empty list");
        return NULL;
    }
    if (index < 0)
        index += Mp_SIZE(self);
    if (index < 0 || index >= Mp_SIZE(self)) {
        MpErr_SetString(MpExc_IndexError, "pop index out of range");
        return NULL;
    }
    v = self->ob_item[index];
    if (index == Mp_SIZE(self) - 1) {
        /* The list's reference passes to the caller. */
        (void)list_resize(self, Mp_SIZE(self) - 1);
        return v;
    }
    Mp_INCREF(v);
    if (list_ass_slice(self, index, index + 1, NULL) < 0) {
        Mp_DECREF(v);
        return NULL;
    }
    return v;
}

static MpObject *
list_remove(MpListObject *self, MpObject *value)
{
    Mp_ssize_t i;

    for (i = 0; i < Mp_SIZE(self); i++) {
        MpObject *obj = Mp_NewRef(self->ob_item[i]);
        int cmp = MpObject_RichCompareBool(obj, value, Mp_EQ);
        Mp_DECREF(obj);
        if (cmp > 0) {
            if (list_ass_slice(self, i, i + 1, NULL) < 0)
                return NULL;
            Mp_RETURN_NONE;
        }
        if (cmp < 0)
            return NULL;
    }
    MpErr_SetString(MpExc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

/* A start/stop argument of index(): an int (or __index__), clamped. */
static int
list_slice_index(MpObject *v, Mp_ssize_t *pi)
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
list_index(MpListObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t i, start = 0, stop = MP_SSIZE_T_MAX;

    if (MpArg_CheckPositional("index", nargs, 1, 3) < 0)
        return NULL;
    if (nargs >= 2 && list_slice_index(args[1], &start) < 0)
        return NULL;
    if (nargs >= 3 && list_slice_index(args[2], &stop) < 0)
        return NULL;
    if (start < 0) {
        start += Mp_SIZE(self);
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += Mp_SIZE(self);
        if (stop < 0)
            stop = 0;
    }
    for (i = start; i < stop && i < Mp_SIZE(self); i++) {
        MpObject *obj = Mp_NewRef(self->ob_item[i]);
        int cmp = MpObject_RichCompareBool(obj, args[0], Mp_EQ);
        Mp_DECREF(obj);
        if (cmp > 0)
            return MpLong_FromSsize_t(i);
        if (cmp < 0)
            return NULL;
    }
    return MpErr_Format(MpExc_ValueError, "%R is not in list", args[0]);
}

static MpObject *
list_count(MpListObject *self, MpObject *value)
{
    Mp_ssize_t i, count = 0;

    for (i = 0; i < Mp_SIZE(self); i++) {
        MpObject *obj = self->ob_item[i];
        int cmp;
        if (obj == value) {
            count++;
            continue;
        }
        Mp_INCREF(obj);
        cmp = MpObject_RichCompareBool(obj, value, Mp_EQ);
        Mp_DECREF(obj);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return MpLong_FromSsize_t(count);
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

/* l.reverse().  0, or -1 with SystemError when l is not a list. */
int
MpList_Reverse(MpObject *v)
{
    if (v == NULL || !MpList_Check(v)) {
        MpErr_BadInternalCall();
        return -1;
    }
    if (Mp_SIZE(v) > 1) {
        MpListObject *self = MpList_CAST(v);
        reverse_slice(self->ob_item, self->ob_item + Mp_SIZE(self));
    }
    return 0;
}

static MpObject *
list_reverse(MpListObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    (void)MpList_Reverse((MpObject *)self);
    Mp_RETURN_NONE;
}

static MpObject *
list_copy(MpListObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return list_slice(self, 0, Mp_SIZE(self));
}

static MpObject *
list_clear(MpListObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    list_clear_impl(self);
    Mp_RETURN_NONE;
}

static MpObject *
list___sizeof__(MpListObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpLong_FromSsize_t(Mp_TYPE(self)->tp_basicsize
                              + self->allocated
                                * (Mp_ssize_t)sizeof(MpObject *));
}

/* l.sort() without key or reverse.  0 or -1 (see listsort.c). */
int
MpList_Sort(MpObject *v)
{
    if (v == NULL || !MpList_Check(v)) {
        MpErr_BadInternalCall();
        return -1;
    }
    return mp_list_sort_impl(MpList_CAST(v), NULL, 0);
}

/* sort(*, key=None, reverse=False) */
static MpObject *
list_sort(MpListObject *self, MpObject *const *args, Mp_ssize_t nargs,
          MpObject *kwnames)
{
    MpObject *key = NULL;
    Mp_ssize_t i, nkw = kwnames == NULL ? 0 : Mp_SIZE(kwnames);
    Mp_ssize_t reverse = 0;

    if (nargs > 0) {
        MpErr_SetString(MpExc_TypeError,
                        "sort() takes no positional arguments");
        return NULL;
    }
    if (nkw > 2) {
        return MpErr_Format(MpExc_TypeError, "sort() takes at most 2 "
                            "keyword arguments (%zd given)", nkw);
    }
    for (i = 0; i < nkw; i++) {
        MpObject *name = MpTuple_GET_ITEM(kwnames, i);
        MpObject *value = args[nargs + i];
        if (MpUnicode_EqualToUTF8(name, "key")) {
            key = value;
        }
        else if (MpUnicode_EqualToUTF8(name, "reverse")) {
            if (MpFloat_Check(value) || !MpIndex_Check(value)) {
                return MpErr_Format(MpExc_TypeError, "'%.200s' object cannot"
                                    " be interpreted as an integer",
                                    Mp_TYPE(value)->tp_name);
            }
            reverse = MpNumber_AsSsize_t(value, NULL);
            if (reverse == -1 && MpErr_Occurred())
                return NULL;
        }
        else {
            return MpErr_Format(MpExc_TypeError, "'%U' is an invalid "
                                "keyword argument for sort()", name);
        }
    }
    if (mp_list_sort_impl(self, key, reverse != 0) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *list_reversed(MpListObject *self, MpObject *unused);

#define FASTCALL(f) ((MpCFunction)(void (*)(void))(f))

static MpMethodDef list_methods[] = {
    {"__reversed__", (MpCFunction)list_reversed, MP_METH_NOARGS,
     "Return a reverse iterator over the list."},
    {"__sizeof__", (MpCFunction)list___sizeof__, MP_METH_NOARGS,
     "Return the size of the list in memory, in bytes."},
    {"clear", (MpCFunction)list_clear, MP_METH_NOARGS,
     "Remove all items from list."},
    {"copy", (MpCFunction)list_copy, MP_METH_NOARGS,
     "Return a shallow copy of the list."},
    {"append", (MpCFunction)list_append, MP_METH_O,
     "Append object to the end of the list."},
    {"insert", FASTCALL(list_insert), MP_METH_FASTCALL,
     "Insert object before index."},
    {"extend", (MpCFunction)list_extend, MP_METH_O,
     "Extend list by appending elements from the iterable."},
    {"pop", FASTCALL(list_pop), MP_METH_FASTCALL,
     "Remove and return item at index (default last)."},
    {"remove", (MpCFunction)list_remove, MP_METH_O,
     "Remove first occurrence of value."},
    {"index", FASTCALL(list_index), MP_METH_FASTCALL,
     "Return first index of value."},
    {"count", (MpCFunction)list_count, MP_METH_O,
     "Return number of occurrences of value."},
    {"reverse", (MpCFunction)list_reverse, MP_METH_NOARGS,
     "Reverse *IN PLACE*."},
    {"sort", FASTCALL(list_sort), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     "Sort the list in ascending order and return None."},
    {NULL, NULL, 0, NULL}
};

static MpSequenceMethods list_as_sequence = {
    .sq_length = (lenfunc)list_length,
    .sq_concat = (binaryfunc)list_concat,
    .sq_repeat = (ssizeargfunc)list_repeat,
    .sq_item = (ssizeargfunc)list_item,
    .sq_ass_item = (ssizeobjargproc)list_ass_item,
    .sq_contains = (objobjproc)list_contains,
    .sq_inplace_concat = (binaryfunc)list_inplace_concat,
    .sq_inplace_repeat = (ssizeargfunc)list_inplace_repeat,
};

static MpMappingMethods list_as_mapping = {
    .mp_length = (lenfunc)list_length,
    .mp_subscript = (binaryfunc)list_subscript,
    .mp_ass_subscript = (objobjargproc)list_ass_subscript,
};

static MpObject *list_iter(MpObject *seq);

MpTypeObject MpList_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "list",
    .tp_basicsize = sizeof(MpListObject),
    .tp_dealloc = (destructor)list_dealloc,
    .tp_repr = (reprfunc)list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = MpObject_HashNotImplemented,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC | MP_TPFLAGS_BASETYPE
                | MP_TPFLAGS_LIST_SUBCLASS,
    .tp_doc = "Built-in mutable sequence.",
    .tp_traverse = (traverseproc)list_traverse,
    .tp_clear = (inquiry)list_tp_clear,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_init = (initproc)list___init__,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = MpType_GenericNew,
    .tp_free = MpObject_GC_Del,
};

/* ---- Iterators ---- */

typedef struct {
    MpObject_HEAD
    Mp_ssize_t it_index;
    MpListObject *it_seq;    /* NULL once exhausted */
} listiterobject;

static MpObject *
listiter_new(MpTypeObject *type, MpListObject *seq, Mp_ssize_t index)
{
    listiterobject *it = MpObject_GC_New(listiterobject, type);

    if (it == NULL)
        return NULL;
    it->it_index = index;
    it->it_seq = (MpListObject *)Mp_NewRef(seq);
    MpObject_GC_Track(it);
    return (MpObject *)it;
}

static MpObject *
list_iter(MpObject *seq)
{
    return listiter_new(&MpListIter_Type, MpList_CAST(seq), 0);
}

static MpObject *
list_reversed(MpListObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return listiter_new(&MpListRevIter_Type, self, Mp_SIZE(self) - 1);
}

static void
listiter_dealloc(listiterobject *it)
{
    MpObject_GC_UnTrack(it);
    Mp_XDECREF(it->it_seq);
    MpObject_GC_Del(it);
}

static int
listiter_traverse(listiterobject *it, visitproc visit, void *arg)
{
    Mp_VISIT(it->it_seq);
    return 0;
}

static MpObject *
listiter_next(listiterobject *it)
{
    MpListObject *seq = it->it_seq;

    if (seq == NULL)
        return NULL;
    if (it->it_index < Mp_SIZE(seq))
        return Mp_NewRef(seq->ob_item[it->it_index++]);
    it->it_seq = NULL;
    Mp_DECREF(seq);
    return NULL;
}

static MpObject *
listiter_len(listiterobject *it, MpObject *unused)
{
    Mp_ssize_t len = 0;

    MP_UNUSED(unused);
    if (it->it_seq != NULL && it->it_index < Mp_SIZE(it->it_seq))
        len = Mp_SIZE(it->it_seq) - it->it_index;
    return MpLong_FromSsize_t(len);
}

static MpObject *
listreviter_next(listiterobject *it)
{
    MpListObject *seq = it->it_seq;
    Mp_ssize_t index = it->it_index;

    if (seq == NULL)
        return NULL;
    if (index >= 0 && index < Mp_SIZE(seq)) {
        it->it_index--;
        return Mp_NewRef(seq->ob_item[index]);
    }
    it->it_index = -1;
    it->it_seq = NULL;
    Mp_DECREF(seq);
    return NULL;
}

static MpObject *
listreviter_len(listiterobject *it, MpObject *unused)
{
    Mp_ssize_t len = it->it_index + 1;

    MP_UNUSED(unused);
    if (it->it_seq == NULL || Mp_SIZE(it->it_seq) < len)
        len = 0;
    return MpLong_FromSsize_t(len);
}

static MpMethodDef listiter_methods[] = {
    {"__length_hint__", (MpCFunction)listiter_len, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL}
};

static MpMethodDef listreviter_methods[] = {
    {"__length_hint__", (MpCFunction)listreviter_len, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL}
};

MpTypeObject MpListIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = (destructor)listiter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)listiter_traverse,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = (iternextfunc)listiter_next,
    .tp_methods = listiter_methods,
    .tp_free = MpObject_GC_Del,
};

MpTypeObject MpListRevIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = (destructor)listiter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)listiter_traverse,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = (iternextfunc)listreviter_next,
    .tp_methods = listreviter_methods,
    .tp_free = MpObject_GC_Del,
};

/* ---- Life cycle ---- */

/* Ready the list types.  0 or -1. */
int
mp_list_init(void)
{
    if (MpType_Ready(&MpList_Type) < 0
        || MpType_Ready(&MpListIter_Type) < 0
        || MpType_Ready(&MpListRevIter_Type) < 0) {
        return -1;
    }
    state.initialized = 1;
    return 0;
}

/* Nothing is cached: lists keep no free list. */
void
mp_list_fini(void)
{
    state.initialized = 0;
    mp_list_clear_freelist();
}
