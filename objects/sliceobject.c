/*
 * sliceobject.c -- slice objects (what a[i:j:k] passes to __getitem__) and
 * the Ellipsis singleton.
 *
 * A slice only stores its three arguments; turning them into positions in
 * a sequence of a given length happens in two steps:
 *
 *   unpack   None -> default, each bound through __index__, clamped to
 *            [MP_SSIZE_T_MIN, MP_SSIZE_T_MAX]; step 0 is a ValueError
 *   adjust   negative bounds count from the end, then clip to
 *            [0, length] (or [-1, length - 1] for a negative step);
 *            returns how many items the slice selects
 *
 *   slice(-100, 100, -3) on length 10:  start 9, stop -1, 4 items
 *
 * slice.indices() does the same with ints of any size (so that a huge
 * length works), returning (start, stop, step).
 *
 * Slices are GC objects (their fields may hold anything) and unhashable,
 * as in CPython 3.11; they compare as the tuple (start, stop, step).
 *
 * Read alongside CPython 3.11: Objects/sliceobject.c PySlice_Unpack,
 * PySlice_AdjustIndices, _PySlice_GetLongIndices, slice_richcompare;
 * Python/ceval.c _PyEval_SliceIndex.
 *
 * minipy leaves out: the one-slice free list and slice.__reduce__.
 */
#include "include/internal/mp_core.h"
#include "objects/sliceobject.h"
#include "objects/unicodeobject.h"

/* ---- Ellipsis ---- */

static MpObject *
ellipsis_repr(MpObject *op)
{
    MP_UNUSED(op);
    return MpUnicode_FromString("Ellipsis");
}

static void
ellipsis_dealloc(MpObject *op)
{
    Mp_FatalRefcountError(op, "deallocating Ellipsis");
}

static MpObject *
ellipsis_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MP_UNUSED(type);
    if (MpTuple_Size(args) != 0 || (kwds != NULL && MpDict_Size(kwds))) {
        MpErr_SetString(MpExc_TypeError, "ellipsis() takes no arguments");
        return NULL;
    }
    return Mp_NewRef(Mp_Ellipsis);
}

MpTypeObject MpEllipsis_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "ellipsis",
    .tp_basicsize = 0,
    .tp_dealloc = ellipsis_dealloc,
    .tp_repr = ellipsis_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_new = ellipsis_new,
};

MpObject Mp_EllipsisObject = { 1, &MpEllipsis_Type };

/* ---- Construction ---- */

MpObject *
MpSlice_New(MpObject *start, MpObject *stop, MpObject *step)
{
    MpSliceObject *obj = MpObject_GC_New(MpSliceObject, &MpSlice_Type);

    if (obj == NULL)
        return NULL;
    obj->start = Mp_NewRef(start != NULL ? start : Mp_None);
    obj->stop = Mp_NewRef(stop != NULL ? stop : Mp_None);
    obj->step = Mp_NewRef(step != NULL ? step : Mp_None);
    MpObject_GC_Track(obj);
    return (MpObject *)obj;
}

static MpObject *
slice_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    Mp_ssize_t n = MpTuple_Size(args);

    MP_UNUSED(type);
    if (kwds != NULL && MpDict_Size(kwds) > 0) {
        MpErr_SetString(MpExc_TypeError,
                        "slice() takes no keyword arguments");
        return NULL;
    }
    if (n < 1) {
        return MpErr_Format(MpExc_TypeError,
                            "slice expected at least 1 argument, got %zd",
                            n);
    }
    if (n > 3) {
        return MpErr_Format(MpExc_TypeError,
                            "slice expected at most 3 arguments, got %zd",
                            n);
    }
    if (n == 1)
        return MpSlice_New(NULL, MpTuple_GetItem(args, 0), NULL);
    return MpSlice_New(MpTuple_GetItem(args, 0), MpTuple_GetItem(args, 1),
                       n == 3 ? MpTuple_GetItem(args, 2) : NULL);
}

static void
slice_dealloc(MpObject *op)
{
    MpSliceObject *r = (MpSliceObject *)op;

    MpObject_GC_UnTrack(op);
    Mp_DECREF(r->start);
    Mp_DECREF(r->stop);
    Mp_DECREF(r->step);
    MpObject_GC_Del(op);
}

static int
slice_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpSliceObject *r = (MpSliceObject *)op;

    Mp_VISIT(r->start);
    Mp_VISIT(r->stop);
    Mp_VISIT(r->step);
    return 0;
}

static MpObject *
slice_repr(MpObject *op)
{
    MpSliceObject *r = (MpSliceObject *)op;

    return MpUnicode_FromFormat("slice(%R, %R, %R)", r->start, r->stop,
                                r->step);
}

/* ---- Indices ---- */

static const char slice_index_msg[] =
    "slice indices must be integers or None or have an __index__ method";

/* A slice bound as Mp_ssize_t, clamped on overflow (CPython's
 * _PyEval_SliceIndex).  0, or -1 with TypeError. */
static int
slice_index(MpObject *v, Mp_ssize_t *pi)
{
    Mp_ssize_t x;

    if (!MpIndex_Check(v)) {
        MpErr_SetString(MpExc_TypeError, slice_index_msg);
        return -1;
    }
    x = MpNumber_AsSsize_t(v, NULL);
    if (x == -1 && MpErr_Occurred())
        return -1;
    *pi = x;
    return 0;
}

int
mp_slice_unpack(MpObject *slice, Mp_ssize_t *start, Mp_ssize_t *stop,
                Mp_ssize_t *step)
{
    MpSliceObject *r = (MpSliceObject *)slice;

    if (r->step == Mp_None) {
        *step = 1;
    }
    else {
        if (slice_index(r->step, step) < 0)
            return -1;
        if (*step == 0) {
            MpErr_SetString(MpExc_ValueError, "slice step cannot be zero");
            return -1;
        }
        /* -step must not overflow when a caller reverses. */
        if (*step < -MP_SSIZE_T_MAX)
            *step = -MP_SSIZE_T_MAX;
    }
    if (r->start == Mp_None)
        *start = *step < 0 ? MP_SSIZE_T_MAX : 0;
    else if (slice_index(r->start, start) < 0)
        return -1;
    if (r->stop == Mp_None)
        *stop = *step < 0 ? MP_SSIZE_T_MIN : MP_SSIZE_T_MAX;
    else if (slice_index(r->stop, stop) < 0)
        return -1;
    return 0;
}

/* Clip one bound to the sequence. */
static Mp_ssize_t
adjust_bound(Mp_ssize_t i, Mp_ssize_t length, Mp_ssize_t step)
{
    if (i < 0) {
        i += length;
        if (i < 0)
            i = step < 0 ? -1 : 0;
    }
    else if (i >= length) {
        i = step < 0 ? length - 1 : length;
    }
    return i;
}

Mp_ssize_t
mp_slice_adjust_indices(Mp_ssize_t length, Mp_ssize_t *start,
                        Mp_ssize_t *stop, Mp_ssize_t step)
{
    *start = adjust_bound(*start, length, step);
    *stop = adjust_bound(*stop, length, step);
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    }
    else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

Mp_ssize_t
MpSlice_GetIndicesEx(MpObject *slice, Mp_ssize_t length, Mp_ssize_t *start,
                     Mp_ssize_t *stop, Mp_ssize_t *step)
{
    if (!MpSlice_Check(slice)) {
        MpErr_BadInternalCall();
        return -1;
    }
    if (mp_slice_unpack(slice, start, stop, step) < 0)
        return -1;
    return mp_slice_adjust_indices(length, start, stop, *step);
}

/* A bound as an int of any size (New), through __index__. */
static MpObject *
long_index(MpObject *v)
{
    if (!MpIndex_Check(v)) {
        MpErr_SetString(MpExc_TypeError, slice_index_msg);
        return NULL;
    }
    return MpNumber_Index(v);
}

/* Clip the int bound 'v' (None -> 'deflt') into [lower, upper] after
 * counting negatives from the end.  New, or NULL. */
static MpObject *
long_bound(MpObject *v, MpObject *deflt, MpObject *length, MpObject *lower,
           MpObject *upper)
{
    MpObject *x, *t;
    int cmp;

    if (v == Mp_None)
        return Mp_NewRef(deflt);
    x = long_index(v);
    if (x == NULL)
        return NULL;
    if (MpLong_Sign(x) < 0) {
        t = MpNumber_Add(x, length);
        Mp_SETREF(x, t);
        if (x == NULL)
            return NULL;
        cmp = MpObject_RichCompareBool(x, lower, Mp_LT);
        if (cmp != 0)
            Mp_SETREF(x, cmp > 0 ? Mp_NewRef(lower) : NULL);
    }
    else {
        cmp = MpObject_RichCompareBool(x, upper, Mp_GT);
        if (cmp != 0)
            Mp_SETREF(x, cmp > 0 ? Mp_NewRef(upper) : NULL);
    }
    return x;
}

int
mp_slice_get_long_indices(MpSliceObject *self, MpObject *length,
                          MpObject **start, MpObject **stop,
                          MpObject **step)
{
    MpObject *lower = NULL, *upper = NULL, *st = NULL;
    int negative, rc = -1;

    *start = *stop = *step = NULL;
    st = self->step == Mp_None ? MpLong_FromLong(1) : long_index(self->step);
    if (st == NULL)
        return -1;
    if (MpLong_Sign(st) == 0) {
        MpErr_SetString(MpExc_ValueError, "slice step cannot be zero");
        goto done;
    }
    negative = MpLong_Sign(st) < 0;
    lower = MpLong_FromLong(negative ? -1 : 0);
    if (lower == NULL)
        goto done;
    upper = negative ? MpNumber_Add(length, lower) : Mp_NewRef(length);
    if (upper == NULL)
        goto done;
    *start = long_bound(self->start, negative ? upper : lower, length,
                        lower, upper);
    if (*start == NULL)
        goto done;
    *stop = long_bound(self->stop, negative ? lower : upper, length, lower,
                       upper);
    if (*stop == NULL) {
        Mp_CLEAR(*start);
        goto done;
    }
    *step = st;
    st = NULL;
    rc = 0;
  done:
    Mp_XDECREF(st);
    Mp_XDECREF(lower);
    Mp_XDECREF(upper);
    return rc;
}

/* slice.indices(length) -> (start, stop, step). */
static MpObject *
slice_indices(MpObject *self, MpObject *len)
{
    MpObject *length, *start, *stop, *step, *res;

    length = MpNumber_Index(len);
    if (length == NULL)
        return NULL;
    if (MpLong_Sign(length) < 0) {
        MpErr_SetString(MpExc_ValueError, "length should not be negative");
        Mp_DECREF(length);
        return NULL;
    }
    if (mp_slice_get_long_indices((MpSliceObject *)self, length, &start,
                                  &stop, &step) < 0) {
        Mp_DECREF(length);
        return NULL;
    }
    res = MpTuple_Pack(3, start, stop, step);
    Mp_DECREF(start);
    Mp_DECREF(stop);
    Mp_DECREF(step);
    Mp_DECREF(length);
    return res;
}

/* ---- Comparison ---- */

static MpObject *
slice_richcompare(MpObject *v, MpObject *w, int op)
{
    MpSliceObject *a = (MpSliceObject *)v, *b = (MpSliceObject *)w;
    MpObject *t1, *t2, *res;

    if (!MpSlice_Check(v) || !MpSlice_Check(w))
        Mp_RETURN_NOTIMPLEMENTED;
    if (v == w && (op == Mp_EQ || op == Mp_NE))
        return MpBool_FromLong(op == Mp_EQ);
    t1 = MpTuple_Pack(3, a->start, a->stop, a->step);
    if (t1 == NULL)
        return NULL;
    t2 = MpTuple_Pack(3, b->start, b->stop, b->step);
    if (t2 == NULL) {
        Mp_DECREF(t1);
        return NULL;
    }
    res = MpObject_RichCompare(t1, t2, op);
    Mp_DECREF(t1);
    Mp_DECREF(t2);
    return res;
}

static MpMethodDef slice_methods[] = {
    {"indices", slice_indices, MP_METH_O,
     "S.indices(len) -> (start, stop, stride)"},
    {NULL, NULL, 0, NULL},
};

static MpMemberDef slice_members[] = {
    {"start", MP_T_OBJECT, offsetof(MpSliceObject, start), MP_READONLY,
     NULL},
    {"stop", MP_T_OBJECT, offsetof(MpSliceObject, stop), MP_READONLY, NULL},
    {"step", MP_T_OBJECT, offsetof(MpSliceObject, step), MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpSlice_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "slice",
    .tp_basicsize = sizeof(MpSliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = MpObject_HashNotImplemented,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_doc = "slice(stop)\nslice(start, stop[, step])",
    .tp_traverse = slice_traverse,
    .tp_richcompare = slice_richcompare,
    .tp_methods = slice_methods,
    .tp_members = slice_members,
    .tp_new = slice_new,
    .tp_free = MpObject_GC_Del,
};

int
mp_slice_init(void)
{
    if (MpType_Ready(&MpEllipsis_Type) < 0)
        return -1;
    return MpType_Ready(&MpSlice_Type);
}

void
mp_slice_fini(void)
{
}
