/*
 * iterobject.c -- the two iterators every object can get without writing
 * one:
 *
 *   type               made by                  next() does
 *   -----------------  -----------------------  ---------------------------
 *   iterator           iter(seq) when seq has   seq[i], i += 1; IndexError
 *                      __getitem__ but no       or StopIteration ends it
 *                      __iter__
 *   callable_iterator  iter(callable, sentinel) callable(); a result equal
 *                                               to sentinel (or
 *                                               StopIteration) ends it
 *
 * Invariant: an exhausted iterator drops what it holds (it_seq, or the
 * callable and sentinel become NULL) and stays exhausted: later next()
 * calls return NULL without calling anything.
 *
 * Both are GC objects: the sequence or callable may refer back to the
 * iterator.
 *
 * Read alongside CPython 3.11: Objects/iterobject.c iter_iternext,
 * iter_len, calliter_iternext.
 *
 * minipy leaves out: __reduce__ and __setstate__ (pickling).
 */
#include "include/internal/mp_core.h"
#include "objects/iterobject.h"

typedef struct {
    MpObject_HEAD
    Mp_ssize_t it_index;
    MpObject *it_seq;        /* NULL once exhausted */
} seqiterobject;

typedef struct {
    MpObject_HEAD
    MpObject *it_callable;   /* NULL once exhausted */
    MpObject *it_sentinel;   /* NULL once exhausted */
} calliterobject;

/* ---- iterator (over __getitem__) ---- */

MpObject *
mp_seqiter_new(MpObject *seq)
{
    seqiterobject *it = MpObject_GC_New(seqiterobject, &MpSeqIter_Type);

    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = Mp_NewRef(seq);
    MpObject_GC_Track(it);
    return (MpObject *)it;
}

static void
iter_dealloc(MpObject *op)
{
    seqiterobject *it = (seqiterobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(it->it_seq);
    MpObject_GC_Del(op);
}

static int
iter_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((seqiterobject *)op)->it_seq);
    return 0;
}

static int
iter_clear(MpObject *op)
{
    Mp_CLEAR(((seqiterobject *)op)->it_seq);
    return 0;
}

static MpObject *
iter_iternext(MpObject *op)
{
    seqiterobject *it = (seqiterobject *)op;
    MpObject *index, *result;

    if (it->it_seq == NULL)
        return NULL;
    if (it->it_index == MP_SSIZE_T_MAX) {
        MpErr_SetString(MpExc_OverflowError, "iter index too large");
        return NULL;
    }
    index = MpLong_FromSsize_t(it->it_index);
    if (index == NULL)
        return NULL;
    result = MpObject_GetItem(it->it_seq, index);
    Mp_DECREF(index);
    if (result != NULL) {
        it->it_index++;
        return result;
    }
    if (MpErr_ExceptionMatches(MpExc_IndexError)
        || MpErr_ExceptionMatches(MpExc_StopIteration)) {
        MpErr_Clear();
        Mp_CLEAR(it->it_seq);
    }
    return NULL;
}

/* 1 if o has a len() (a length slot of either kind). */
static int
has_len(MpObject *o)
{
    MpTypeObject *tp = Mp_TYPE(o);

    return (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length)
           || (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length);
}

/* it.__length_hint__(): items left if the sequence has a length,
 * NotImplemented when it has none. */
static MpObject *
iter_len(MpObject *op, MpObject *unused)
{
    seqiterobject *it = (seqiterobject *)op;
    Mp_ssize_t seqsize, len;

    MP_UNUSED(unused);
    if (it->it_seq != NULL) {
        if (!has_len(it->it_seq))
            Mp_RETURN_NOTIMPLEMENTED;
        seqsize = MpObject_Length(it->it_seq);
        if (seqsize == -1)
            return NULL;
        len = seqsize - it->it_index;
        if (len >= 0)
            return MpLong_FromSsize_t(len);
    }
    return MpLong_FromLong(0);
}

static MpMethodDef seqiter_methods[] = {
    {"__length_hint__", iter_len, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

MpTypeObject MpSeqIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "iterator",
    .tp_basicsize = sizeof(seqiterobject),
    .tp_dealloc = iter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = iter_traverse,
    .tp_clear = iter_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = iter_iternext,
    .tp_methods = seqiter_methods,
    .tp_free = MpObject_GC_Del,
};

/* ---- callable_iterator ---- */

MpObject *
mp_calliter_new(MpObject *callable, MpObject *sentinel)
{
    calliterobject *it = MpObject_GC_New(calliterobject, &MpCallIter_Type);

    if (it == NULL)
        return NULL;
    it->it_callable = Mp_NewRef(callable);
    it->it_sentinel = Mp_NewRef(sentinel);
    MpObject_GC_Track(it);
    return (MpObject *)it;
}

static void
calliter_dealloc(MpObject *op)
{
    calliterobject *it = (calliterobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(it->it_callable);
    Mp_XDECREF(it->it_sentinel);
    MpObject_GC_Del(op);
}

static int
calliter_traverse(MpObject *op, visitproc visit, void *arg)
{
    calliterobject *it = (calliterobject *)op;

    Mp_VISIT(it->it_callable);
    Mp_VISIT(it->it_sentinel);
    return 0;
}

static int
calliter_clear(MpObject *op)
{
    calliterobject *it = (calliterobject *)op;

    Mp_CLEAR(it->it_callable);
    Mp_CLEAR(it->it_sentinel);
    return 0;
}

static MpObject *
calliter_iternext(MpObject *op)
{
    calliterobject *it = (calliterobject *)op;
    MpObject *result;
    int ok;

    if (it->it_callable == NULL)
        return NULL;
    result = MpObject_CallNoArgs(it->it_callable);
    if (result != NULL) {
        ok = MpObject_RichCompareBool(it->it_sentinel, result, Mp_EQ);
        if (ok == 0)
            return result;
        Mp_DECREF(result);
        if (ok > 0)
            calliter_clear(op);
    }
    else if (MpErr_ExceptionMatches(MpExc_StopIteration)) {
        MpErr_Clear();
        calliter_clear(op);
    }
    return NULL;
}

MpTypeObject MpCallIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(calliterobject),
    .tp_dealloc = calliter_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = calliter_traverse,
    .tp_clear = calliter_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = calliter_iternext,
    .tp_free = MpObject_GC_Del,
};

int
mp_iter_init(void)
{
    if (MpType_Ready(&MpSeqIter_Type) < 0
        || MpType_Ready(&MpCallIter_Type) < 0)
        return -1;
    return 0;
}

void
mp_iter_fini(void)
{
}
