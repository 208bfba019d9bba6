/*
 * rangeobject.c -- range(start, stop, step): an immutable arithmetic
 * sequence that stores four ints and computes its items on demand.
 *
 *   MpRangeObject (48 bytes)          iterators
 *   +-------------+                   range_iterator      C longs: index,
 *   | start       |  ints of any      (everything fits)   start, step, len
 *   | stop        |  size, owned      longrange_iterator  ints: index,
 *   | step   != 0 |                   (otherwise)         start, step, len
 *   | length      |  len(r) as an int
 *   +-------------+
 *
 *   length = 0                          if the interval is empty
 *          = (hi - lo - 1) // |step| + 1 otherwise (lo, hi ordered by the
 *                                       sign of step)
 *   r[i]   = start + i * step           for 0 <= i < length
 *
 * Ints of any size are accepted (range(10**30) is fine); len() raises
 * OverflowError past Mp_ssize_t, as CPython.  Membership of an int is O(1):
 * inside the bounds and (x - start) % step == 0.  Other objects are looked
 * for by iterating and comparing with ==.
 *
 * Invariants: step is never zero; length is never negative; the fields
 * never change after creation.
 *
 * Read alongside CPython 3.11: Objects/rangeobject.c compute_range_length,
 * compute_slice, range_contains_long, range_equals, range_hash,
 * range_reverse, fast_range_iter.
 *
 * minipy leaves out: __reduce__/__setstate__ (pickling) of the range and
 * its iterators.
 */
#include <limits.h>

#include "include/internal/mp_core.h"
#include "objects/rangeobject.h"
#include "objects/sliceobject.h"

typedef struct {
    MpObject_HEAD
    long index;
    long start;
    long step;
    long len;
} rangeiterobject;

typedef struct {
    MpObject_HEAD
    MpObject *index;
    MpObject *start;
    MpObject *step;
    MpObject *len;
} longrangeiterobject;

static MpObject *make_range_iter(MpObject *start, MpObject *step,
                                 MpObject *len);

/* ---- Construction ---- */

/* Number of items of range(lo, hi, step) for C longs, as unsigned long
 * (it may exceed LONG_MAX). */
static unsigned long
get_len_of_range(long lo, long hi, long step)
{
    if (step > 0 && lo < hi)
        return ((unsigned long)hi - (unsigned long)lo - 1)
               / (unsigned long)step + 1;
    if (step < 0 && lo > hi)
        return ((unsigned long)lo - (unsigned long)hi - 1)
               / (0UL - (unsigned long)step) + 1;
    return 0;
}

/* The length with ints of any size.  New. */
static MpObject *
compute_range_length_long(MpObject *start, MpObject *stop, MpObject *step)
{
    MpObject *lo, *hi, *diff = NULL, *one = NULL, *t, *res = NULL;
    int cmp;

    if (MpLong_Sign(step) > 0) {
        lo = start;
        hi = stop;
        step = Mp_NewRef(step);
    }
    else {
        lo = stop;
        hi = start;
        step = MpNumber_Negative(step);
        if (step == NULL)
            return NULL;
    }
    cmp = MpObject_RichCompareBool(lo, hi, Mp_GE);
    if (cmp != 0) {
        Mp_DECREF(step);
        return cmp < 0 ? NULL : MpLong_FromLong(0);
    }
    one = MpLong_FromLong(1);
    if (one == NULL)
        goto done;
    diff = MpNumber_Subtract(hi, lo);
    if (diff == NULL)
        goto done;
    t = MpNumber_Subtract(diff, one);
    Mp_SETREF(diff, t);
    if (diff == NULL)
        goto done;
    t = MpNumber_FloorDivide(diff, step);
    Mp_SETREF(diff, t);
    if (diff == NULL)
        goto done;
    res = MpNumber_Add(diff, one);
  done:
    Mp_XDECREF(diff);
    Mp_XDECREF(one);
    Mp_DECREF(step);
    return res;
}

/* len(range(start, stop, step)) as an int.  New. */
static MpObject *
compute_range_length(MpObject *start, MpObject *stop, MpObject *step)
{
    int o1, o2, o3;
    long lstart = MpLong_AsLongAndOverflow(start, &o1);
    long lstop = MpLong_AsLongAndOverflow(stop, &o2);
    long lstep = MpLong_AsLongAndOverflow(step, &o3);

    if (MpErr_Occurred())
        return NULL;
    if (!o1 && !o2 && !o3)
        return MpLong_FromUnsignedLong(get_len_of_range(lstart, lstop,
                                                        lstep));
    return compute_range_length_long(start, stop, step);
}

MpObject *
mp_range_new(MpObject *start, MpObject *stop, MpObject *step)
{
    MpRangeObject *r;
    MpObject *length = compute_range_length(start, stop, step);

    if (length == NULL)
        return NULL;
    r = MpObject_New(MpRangeObject, &MpRange_Type);
    if (r == NULL) {
        Mp_DECREF(length);
        return NULL;
    }
    r->start = Mp_NewRef(start);
    r->stop = Mp_NewRef(stop);
    r->step = Mp_NewRef(step);
    r->length = length;
    return (MpObject *)r;
}

/* range(stop) / range(start, stop[, step]) with indexes checked. */
static MpObject *
range_from_args(MpObject *args, Mp_ssize_t n)
{
    MpObject *v[3] = {NULL, NULL, NULL}, *res = NULL;
    Mp_ssize_t i;

    for (i = 0; i < n; i++) {
        v[i] = MpNumber_Index(MpTuple_GetItem(args, i));
        if (v[i] == NULL)
            goto done;
    }
    if (n == 1) {
        v[1] = v[0];
        v[0] = MpLong_FromLong(0);
        if (v[0] == NULL)
            goto done;
    }
    if (n < 3) {
        v[2] = MpLong_FromLong(1);
        if (v[2] == NULL)
            goto done;
    }
    else if (MpLong_Sign(v[2]) == 0) {
        MpErr_SetString(MpExc_ValueError, "range() arg 3 must not be zero");
        goto done;
    }
    res = mp_range_new(v[0], v[1], v[2]);
  done:
    for (i = 0; i < 3; i++)
        Mp_XDECREF(v[i]);
    return res;
}

static MpObject *
range_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    Mp_ssize_t n = MpTuple_Size(args);

    MP_UNUSED(type);
    if (kwds != NULL && MpDict_Size(kwds) > 0) {
        MpErr_SetString(MpExc_TypeError,
                        "range() takes no keyword arguments");
        return NULL;
    }
    if (n < 1) {
        return MpErr_Format(MpExc_TypeError,
                            "range expected at least 1 argument, got %zd",
                            n);
    }
    if (n > 3) {
        return MpErr_Format(MpExc_TypeError,
                            "range expected at most 3 arguments, got %zd",
                            n);
    }
    return range_from_args(args, n);
}

static void
range_dealloc(MpObject *op)
{
    MpRangeObject *r = (MpRangeObject *)op;

    Mp_DECREF(r->start);
    Mp_DECREF(r->stop);
    Mp_DECREF(r->step);
    Mp_DECREF(r->length);
    MpObject_Del(op);
}

static MpObject *
range_repr(MpObject *op)
{
    MpRangeObject *r = (MpRangeObject *)op;
    int overflow;

    if (MpLong_AsLongAndOverflow(r->step, &overflow) == 1 && !overflow)
        return MpUnicode_FromFormat("range(%R, %R)", r->start, r->stop);
    return MpUnicode_FromFormat("range(%R, %R, %R)", r->start, r->stop,
                                r->step);
}

/* ---- Sequence protocol ---- */

static Mp_ssize_t
range_length(MpObject *op)
{
    return MpLong_AsSsize_t(((MpRangeObject *)op)->length);
}

static int
range_bool(MpObject *op)
{
    return MpObject_IsTrue(((MpRangeObject *)op)->length);
}

/* start + i * step.  New. */
static MpObject *
compute_item(MpRangeObject *r, MpObject *i)
{
    MpObject *incr, *res;

    incr = MpNumber_Multiply(i, r->step);
    if (incr == NULL)
        return NULL;
    res = MpNumber_Add(r->start, incr);
    Mp_DECREF(incr);
    return res;
}

/* r[i] for an int i, negatives counting from the end.  New. */
static MpObject *
compute_range_item(MpRangeObject *r, MpObject *arg)
{
    MpObject *i, *t, *res;
    int out;

    i = Mp_NewRef(arg);
    if (MpLong_Sign(i) < 0) {
        t = MpNumber_Add(i, r->length);
        Mp_SETREF(i, t);
        if (i == NULL)
            return NULL;
    }
    out = MpLong_Sign(i) < 0;
    if (!out) {
        out = MpObject_RichCompareBool(i, r->length, Mp_GE);
        if (out < 0) {
            Mp_DECREF(i);
            return NULL;
        }
    }
    if (out) {
        Mp_DECREF(i);
        MpErr_SetString(MpExc_IndexError, "range object index out of range");
        return NULL;
    }
    res = compute_item(r, i);
    Mp_DECREF(i);
    return res;
}

static MpObject *
range_item(MpObject *op, Mp_ssize_t i)
{
    MpObject *arg, *res;

    if (i < 0) {
        MpErr_SetString(MpExc_IndexError, "range object index out of range");
        return NULL;
    }
    arg = MpLong_FromSsize_t(i);
    if (arg == NULL)
        return NULL;
    res = compute_range_item((MpRangeObject *)op, arg);
    Mp_DECREF(arg);
    return res;
}

/* r[slice]: another range.  New. */
static MpObject *
compute_slice(MpRangeObject *r, MpObject *slice)
{
    MpObject *istart, *istop, *istep;
    MpObject *start = NULL, *stop = NULL, *step = NULL, *res = NULL;

    if (mp_slice_get_long_indices((MpSliceObject *)slice, r->length,
                                  &istart, &istop, &istep) < 0)
        return NULL;
    step = MpNumber_Multiply(r->step, istep);
    if (step == NULL)
        goto done;
    start = compute_item(r, istart);
    if (start == NULL)
        goto done;
    stop = compute_item(r, istop);
    if (stop == NULL)
        goto done;
    res = mp_range_new(start, stop, step);
  done:
    Mp_XDECREF(start);
    Mp_XDECREF(stop);
    Mp_XDECREF(step);
    Mp_DECREF(istart);
    Mp_DECREF(istop);
    Mp_DECREF(istep);
    return res;
}

static MpObject *
range_subscript(MpObject *op, MpObject *item)
{
    MpRangeObject *r = (MpRangeObject *)op;
    MpObject *i, *res;

    if (MpIndex_Check(item)) {
        i = MpNumber_Index(item);
        if (i == NULL)
            return NULL;
        res = compute_range_item(r, i);
        Mp_DECREF(i);
        return res;
    }
    if (MpSlice_Check(item))
        return compute_slice(r, item);
    return MpErr_Format(MpExc_TypeError,
                        "range indices must be integers or slices, not "
                        "%.200s", Mp_TYPE(item)->tp_name);
}

/* 1 if the int ob is an item of r, 0 if not, -1 on error. */
static int
range_contains_long(MpRangeObject *r, MpObject *ob)
{
    MpObject *tmp1, *tmp2;
    int cmp1, cmp2, result;

    if (MpLong_Sign(r->step) > 0) {
        cmp1 = MpObject_RichCompareBool(r->start, ob, Mp_LE);
        cmp2 = MpObject_RichCompareBool(ob, r->stop, Mp_LT);
    }
    else {
        cmp1 = MpObject_RichCompareBool(ob, r->start, Mp_LE);
        cmp2 = MpObject_RichCompareBool(r->stop, ob, Mp_LT);
    }
    if (cmp1 < 0 || cmp2 < 0)
        return -1;
    if (!cmp1 || !cmp2)
        return 0;
    tmp1 = MpNumber_Subtract(ob, r->start);
    if (tmp1 == NULL)
        return -1;
    tmp2 = MpNumber_Remainder(tmp1, r->step);
    Mp_DECREF(tmp1);
    if (tmp2 == NULL)
        return -1;
    result = MpLong_Sign(tmp2) == 0;
    Mp_DECREF(tmp2);
    return result;
}

/* Iterate r looking for ob with ==: the count, or the first index (when
 * 'first'), or -1 (not found, first) / -2 (error). */
static Mp_ssize_t
range_iter_search(MpObject *r, MpObject *ob, int first)
{
    MpObject *it = MpObject_GetIter(r), *item;
    Mp_ssize_t count = 0, i = 0;
    int cmp;

    if (it == NULL)
        return -2;
    while ((item = MpIter_Next(it)) != NULL) {
        cmp = MpObject_RichCompareBool(item, ob, Mp_EQ);
        Mp_DECREF(item);
        if (cmp < 0)
            break;
        if (cmp > 0) {
            if (first) {
                Mp_DECREF(it);
                return i;
            }
            count++;
        }
        i++;
    }
    Mp_DECREF(it);
    if (MpErr_Occurred())
        return -2;
    return first ? -1 : count;
}

static int
exact_int(MpObject *ob)
{
    return MpLong_CheckExact(ob) || MpBool_Check(ob);
}

static int
range_contains(MpObject *op, MpObject *ob)
{
    Mp_ssize_t found;

    if (exact_int(ob))
        return range_contains_long((MpRangeObject *)op, ob);
    found = range_iter_search(op, ob, 1);
    return found == -2 ? -1 : found >= 0;
}

static MpObject *
range_count(MpObject *op, MpObject *ob)
{
    Mp_ssize_t count;
    int found;

    if (exact_int(ob)) {
        found = range_contains_long((MpRangeObject *)op, ob);
        return found < 0 ? NULL : MpLong_FromLong(found);
    }
    count = range_iter_search(op, ob, 0);
    return count < 0 ? NULL : MpLong_FromSsize_t(count);
}

static MpObject *
range_index(MpObject *op, MpObject *ob)
{
    MpRangeObject *r = (MpRangeObject *)op;
    MpObject *idx, *res;
    Mp_ssize_t i;
    int found;

    if (!exact_int(ob)) {
        i = range_iter_search(op, ob, 1);
        if (i == -1)
            MpErr_SetString(MpExc_ValueError,
                            "sequence.index(x): x not in sequence");
        return i < 0 ? NULL : MpLong_FromSsize_t(i);
    }
    found = range_contains_long(r, ob);
    if (found <= 0) {
        if (found == 0)
            MpErr_Format(MpExc_ValueError, "%R is not in range", ob);
        return NULL;
    }
    idx = MpNumber_Subtract(ob, r->start);
    if (idx == NULL)
        return NULL;
    res = MpNumber_FloorDivide(idx, r->step);
    Mp_DECREF(idx);
    return res;
}

/* ---- Comparison and hash ---- */

/* Equal as sequences: 1, 0 or -1. */
static int
range_equals(MpRangeObject *r0, MpRangeObject *r1)
{
    int cmp;

    if (r0 == r1)
        return 1;
    cmp = MpObject_RichCompareBool(r0->length, r1->length, Mp_EQ);
    if (cmp != 1)
        return cmp;
    cmp = MpObject_IsTrue(r0->length);
    if (cmp != 1)
        return cmp == 0 ? 1 : -1;     /* both empty */
    cmp = MpObject_RichCompareBool(r0->start, r1->start, Mp_EQ);
    if (cmp != 1)
        return cmp;
    cmp = MpObject_RichCompareBool(r0->length, Mp_True, Mp_EQ);
    if (cmp != 0)
        return cmp;                    /* one item each: same */
    return MpObject_RichCompareBool(r0->step, r1->step, Mp_EQ);
}

static MpObject *
range_richcompare(MpObject *a, MpObject *b, int op)
{
    int eq;

    if (!Mp_IS_TYPE(b, &MpRange_Type) || (op != Mp_EQ && op != Mp_NE))
        Mp_RETURN_NOTIMPLEMENTED;
    eq = range_equals((MpRangeObject *)a, (MpRangeObject *)b);
    if (eq < 0)
        return NULL;
    return MpBool_FromLong(op == Mp_EQ ? eq : !eq);
}

/* hash((len, start, step)), with None for what does not matter: start
 * and step when empty, step when there is one item. */
static Mp_hash_t
range_hash(MpObject *op)
{
    MpRangeObject *r = (MpRangeObject *)op;
    MpObject *t;
    Mp_hash_t h;
    int nonempty, single;

    nonempty = MpObject_IsTrue(r->length);
    if (nonempty < 0)
        return -1;
    single = MpObject_RichCompareBool(r->length, Mp_True, Mp_EQ);
    if (single < 0)
        return -1;
    t = MpTuple_Pack(3, r->length, nonempty ? r->start : Mp_None,
                     nonempty && !single ? r->step : Mp_None);
    if (t == NULL)
        return -1;
    h = MpObject_Hash(t);
    Mp_DECREF(t);
    return h;
}

/* ---- Iteration ---- */

static MpObject *
range_iter(MpObject *op)
{
    MpRangeObject *r = (MpRangeObject *)op;

    return make_range_iter(r->start, r->step, r->length);
}

/* reversed(r): start at the last item and walk back. */
static MpObject *
range_reverse(MpObject *op, MpObject *unused)
{
    MpRangeObject *r = (MpRangeObject *)op;
    MpObject *last, *one, *start, *step, *res;

    MP_UNUSED(unused);
    one = MpLong_FromLong(1);
    if (one == NULL)
        return NULL;
    last = MpNumber_Subtract(r->length, one);
    Mp_DECREF(one);
    if (last == NULL)
        return NULL;
    start = compute_item(r, last);
    Mp_DECREF(last);
    if (start == NULL)
        return NULL;
    step = MpNumber_Negative(r->step);
    if (step == NULL) {
        Mp_DECREF(start);
        return NULL;
    }
    res = make_range_iter(start, step, r->length);
    Mp_DECREF(start);
    Mp_DECREF(step);
    return res;
}

static MpSequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

static MpMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

static MpNumberMethods range_as_number = {
    .nb_bool = range_bool,
};

static MpMethodDef range_methods[] = {
    {"__reversed__", range_reverse, MP_METH_NOARGS,
     "Return a reverse iterator."},
    {"count", range_count, MP_METH_O,
     "rangeobject.count(value) -> integer"},
    {"index", range_index, MP_METH_O,
     "rangeobject.index(value) -> integer"},
    {NULL, NULL, 0, NULL},
};

static MpMemberDef range_members[] = {
    {"start", MP_T_OBJECT, offsetof(MpRangeObject, start), MP_READONLY,
     NULL},
    {"stop", MP_T_OBJECT, offsetof(MpRangeObject, stop), MP_READONLY, NULL},
    {"step", MP_T_OBJECT, offsetof(MpRangeObject, step), MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpRange_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "range",
    .tp_basicsize = sizeof(MpRangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_doc = "range(stop) -> range object\n"
              "range(start, stop[, step]) -> range object",
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_new = range_new,
    .tp_free = MpObject_Del,
};

/* ---- range_iterator: everything fits in a C long ---- */

static void
rangeiter_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpObject *
rangeiter_next(MpObject *op)
{
    rangeiterobject *it = (rangeiterobject *)op;
    unsigned long v;

    if (it->index >= it->len)
        return NULL;
    /* Wrap-around arithmetic: the true value fits in a long. */
    v = (unsigned long)it->start
        + (unsigned long)it->index * (unsigned long)it->step;
    it->index++;
    return MpLong_FromLong((long)v);
}

static MpObject *
rangeiter_length_hint(MpObject *op, MpObject *unused)
{
    rangeiterobject *it = (rangeiterobject *)op;

    MP_UNUSED(unused);
    return MpLong_FromLong(it->len - it->index);
}

static MpMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

MpTypeObject MpRangeIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(rangeiterobject),
    .tp_dealloc = rangeiter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
    .tp_free = MpObject_Del,
};

/* ---- longrange_iterator: ints of any size ---- */

static void
longrangeiter_dealloc(MpObject *op)
{
    longrangeiterobject *it = (longrangeiterobject *)op;

    Mp_DECREF(it->index);
    Mp_DECREF(it->start);
    Mp_DECREF(it->step);
    Mp_DECREF(it->len);
    MpObject_Del(op);
}

static MpObject *
longrangeiter_next(MpObject *op)
{
    longrangeiterobject *it = (longrangeiterobject *)op;
    MpObject *one, *next_index, *product, *res;
    int more = MpObject_RichCompareBool(it->index, it->len, Mp_LT);

    if (more <= 0)
        return NULL;
    one = MpLong_FromLong(1);
    if (one == NULL)
        return NULL;
    next_index = MpNumber_Add(it->index, one);
    Mp_DECREF(one);
    if (next_index == NULL)
        return NULL;
    product = MpNumber_Multiply(it->index, it->step);
    if (product == NULL) {
        Mp_DECREF(next_index);
        return NULL;
    }
    res = MpNumber_Add(it->start, product);
    Mp_DECREF(product);
    if (res == NULL) {
        Mp_DECREF(next_index);
        return NULL;
    }
    Mp_SETREF(it->index, next_index);
    return res;
}

static MpObject *
longrangeiter_length_hint(MpObject *op, MpObject *unused)
{
    longrangeiterobject *it = (longrangeiterobject *)op;

    MP_UNUSED(unused);
    return MpNumber_Subtract(it->len, it->index);
}

static MpMethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_length_hint, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

MpTypeObject MpLongRangeIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(longrangeiterobject),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
    .tp_free = MpObject_Del,
};

/* An iterator over start, start + step, ... (len items): the C long one
 * when start, step, len and the last item all fit.  New. */
static MpObject *
make_range_iter(MpObject *start, MpObject *step, MpObject *len)
{
    longrangeiterobject *lit;
    rangeiterobject *it;
    int o1, o2, o3;
    long lstart = MpLong_AsLongAndOverflow(start, &o1);
    long lstep = MpLong_AsLongAndOverflow(step, &o2);
    long llen = MpLong_AsLongAndOverflow(len, &o3);
    long last;

    if (MpErr_Occurred())
        return NULL;
    if (!o1 && !o2 && !o3
        && (llen == 0 || (!__builtin_mul_overflow(llen - 1, lstep, &last)
                          && !__builtin_add_overflow(lstart, last, &last)))) {
        it = MpObject_New(rangeiterobject, &MpRangeIter_Type);
        if (it == NULL)
            return NULL;
        it->index = 0;
        it->start = lstart;
        it->step = lstep;
        it->len = llen;
        return (MpObject *)it;
    }
    lit = MpObject_New(longrangeiterobject, &MpLongRangeIter_Type);
    if (lit == NULL)
        return NULL;
    lit->index = MpLong_FromLong(0);
    if (lit->index == NULL) {
        MpObject_Del(lit);
        return NULL;
    }
    lit->start = Mp_NewRef(start);
    lit->step = Mp_NewRef(step);
    lit->len = Mp_NewRef(len);
    return (MpObject *)lit;
}

int
mp_range_init(void)
{
    if (MpType_Ready(&MpRange_Type) < 0
        || MpType_Ready(&MpRangeIter_Type) < 0
        || MpType_Ready(&MpLongRangeIter_Type) < 0)
        return -1;
    return 0;
}

void
mp_range_fini(void)
{
}
