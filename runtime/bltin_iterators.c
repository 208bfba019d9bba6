/*
 * bltin_iterators.c -- the lazy iterator types the builtins module
 * exposes: enumerate, reversed, zip, map and filter.
 *
 *   type       holds                          next() returns
 *   ---------  -----------------------------  ---------------------------
 *   enumerate  en_sit, en_index (en_longindex  (index, item); the index
 *              once past MP_SSIZE_T_MAX)       grows as an int without
 *                                              limit
 *   reversed   seq, index                      seq[index], index -= 1
 *   zip        ittuple, strict                 a tuple of one item from
 *                                              each iterator
 *   map        func, iters                     func(*one item from each)
 *   filter     func, it                        the next item for which
 *                                              func(item) (or the item
 *                                              itself, func None) is true
 *
 * Each is built in two steps that keep "track last": every fallible
 * step (parsing the arguments, getting the iterators) happens first, then
 * type->tp_alloc makes the object (already tracked: its zeroed body is
 * safe to traverse) and the fields are stored with nothing failing in
 * between.  Using tp_alloc keeps the types subclassable from Python.
 *
 * Invariants:
 *   - en_longindex is NULL while en_index < MP_SSIZE_T_MAX; from then on
 *     en_index stays at MP_SSIZE_T_MAX and en_longindex is the index.
 *   - reversed: seq == NULL (and index == -1) once exhausted.
 *   - zip and map stop at the shortest input; a non-strict zip or map
 *     asks its iterators again on the next call, as CPython does.
 *   - zip(strict=True) raises ValueError naming the argument that ran out
 *     early ("zip() argument 2 is shorter than argument 1") or late.
 *
 * These files keep no mutable state of their own, so there is nothing to
 * reset between Mp_Finalize and the next Mp_Initialize beyond what
 * MpType_Ready rebuilds.
 *
 * Read alongside CPython 3.11: Objects/enumobject.c (enum_vectorcall,
 * enum_new_impl, enum_next, enum_next_long, reversed_new_impl,
 * reversed_next, reversed_len) and Python/bltinmodule.c (zip_new,
 * zip_next, map_new, map_next, filter_new, filter_next).
 *
 * minipy leaves out: __reduce__ / __setstate__ (pickling),
 * __class_getitem__, and the reuse of zip's and enumerate's result tuple
 * when the caller dropped it.
 */
#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "objects/tupleobject.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"

typedef struct {
    MpObject_HEAD
    Mp_ssize_t en_index;        /* next index while it fits */
    MpObject *en_sit;           /* the iterator */
    MpObject *en_longindex;     /* next index as an int, or NULL */
} enumobject;

typedef struct {
    MpObject_HEAD
    Mp_ssize_t index;           /* next position; -1 when exhausted */
    MpObject *seq;              /* NULL when exhausted */
} reversedobject;

typedef struct {
    MpObject_HEAD
    Mp_ssize_t tuplesize;
    MpObject *ittuple;          /* tuple of iterators */
    int strict;
} zipobject;

typedef struct {
    MpObject_HEAD
    MpObject *iters;            /* tuple of iterators */
    MpObject *func;
} mapobject;

typedef struct {
    MpObject_HEAD
    MpObject *func;             /* None: test the items themselves */
    MpObject *it;
} filterobject;

/* Keyword names of the types taking keywords. */
MP_IDENTIFIER(iterable);
MP_IDENTIFIER(start);
MP_IDENTIFIER(strict);

/* 1 if 'name' (a str) equals the identifier, 0 if not, -1 on error. */
static int
name_is(MpObject *name, MpIdentifier *id)
{
    MpObject *s = mp_identifier_get(id);

    if (s == NULL)
        return -1;
    if (name == s)
        return 1;
    return MpUnicode_Check(name) && MpUnicode_Compare(name, s) == 0;
}

/* ---- enumerate ---- */

/* Sort the arguments of enumerate(iterable, start=0) into *iterable and
 * *start (Borrowed; *start NULL when absent), with the TypeErrors CPython
 * 3.11 gives: a keyword is accepted only where it names a slot the
 * positional arguments left open. */
static int
enum_parse_args(MpObject *args, MpObject *kwds, MpObject **iterable,
                MpObject **start)
{
    Mp_ssize_t nargs = MpTuple_GET_SIZE(args), nkw, total, pos = 0;
    MpObject *key, *value;
    int is;

    nkw = kwds != NULL ? MpDict_Size(kwds) : 0;
    total = nargs + nkw;
    if (total == 0) {
        MpErr_SetString(MpExc_TypeError,
                        "enumerate() missing required argument 'iterable'");
        return -1;
    }
    if (total > 2) {
        MpErr_Format(MpExc_TypeError, "enumerate() takes at most 2 "
                     "arguments (%zd given)", total);
        return -1;
    }
    *iterable = nargs > 0 ? MpTuple_GET_ITEM(args, 0) : NULL;
    *start = nargs > 1 ? MpTuple_GET_ITEM(args, 1) : NULL;
    while (nkw > 0 && MpDict_Next(kwds, &pos, &key, &value)) {
        if ((is = name_is(key, &MpId_iterable)) < 0)
            return -1;
        if (is && nargs == 0) {
            *iterable = value;
            continue;
        }
        if ((is = name_is(key, &MpId_start)) < 0)
            return -1;
        if (is && total == 2) {
            *start = value;
            continue;
        }
        MpErr_Format(MpExc_TypeError, "'%S' is an invalid keyword "
                     "argument for enumerate()", key);
        return -1;
    }
    return 0;
}

static MpObject *
enum_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *iterable, *start, *longindex = NULL, *it;
    Mp_ssize_t index = 0;
    enumobject *en;

    if (enum_parse_args(args, kwds, &iterable, &start) < 0)
        return NULL;
    if (start != NULL) {
        start = MpNumber_Index(start);
        if (start == NULL)
            return NULL;
        index = MpLong_AsSsize_t(start);
        if (index == -1 && MpErr_Occurred()) {
            /* Too big for a machine word: count with ints. */
            MpErr_Clear();
            index = MP_SSIZE_T_MAX;
            longindex = start;
        }
        else {
            Mp_DECREF(start);
        }
    }
    it = MpObject_GetIter(iterable);
    if (it == NULL)
        goto error;
    en = (enumobject *)type->tp_alloc(type, 0);
    if (en == NULL) {
        Mp_DECREF(it);
        goto error;
    }
    en->en_index = index;
    en->en_sit = it;
    en->en_longindex = longindex;
    return (MpObject *)en;

error:
    Mp_XDECREF(longindex);
    return NULL;
}

static void
enum_dealloc(MpObject *op)
{
    enumobject *en = (enumobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(en->en_sit);
    Mp_XDECREF(en->en_longindex);
    Mp_TYPE(op)->tp_free(op);
}

static int
enum_traverse(MpObject *op, visitproc visit, void *arg)
{
    enumobject *en = (enumobject *)op;

    Mp_VISIT(en->en_sit);
    Mp_VISIT(en->en_longindex);
    return 0;
}

static int
enum_clear(MpObject *op)
{
    enumobject *en = (enumobject *)op;

    Mp_CLEAR(en->en_sit);
    Mp_CLEAR(en->en_longindex);
    return 0;
}

/* The index to hand out next as an int (New), advancing the count. */
static MpObject *
enum_take_index(enumobject *en)
{
    MpObject *index, *one, *next;

    if (en->en_index < MP_SSIZE_T_MAX) {
        /* the count moves only when the index object exists */
        index = MpLong_FromSsize_t(en->en_index);
        if (index != NULL)
            en->en_index++;
        return index;
    }
    if (en->en_longindex == NULL) {
        en->en_longindex = MpLong_FromSsize_t(MP_SSIZE_T_MAX);
        if (en->en_longindex == NULL)
            return NULL;
    }
    one = MpLong_FromLong(1);
    if (one == NULL)
        return NULL;
    next = MpNumber_Add(en->en_longindex, one);
    Mp_DECREF(one);
    if (next == NULL)
        return NULL;
    index = en->en_longindex;
    en->en_longindex = next;
    return index;
}

static MpObject *
enum_next(MpObject *op)
{
    enumobject *en = (enumobject *)op;
    MpObject *pair[2];

    if (en->en_sit == NULL)
        return NULL;
    pair[1] = MpIter_Next(en->en_sit);
    if (pair[1] == NULL)
        return NULL;
    pair[0] = enum_take_index(en);
    if (pair[0] == NULL) {
        Mp_DECREF(pair[1]);
        return NULL;
    }
    return mp_tuple_from_array_steal(pair, 2);
}

MpTypeObject MpEnum_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "enumerate",
    .tp_basicsize = sizeof(enumobject),
    .tp_dealloc = enum_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "Return an enumerate object.",
    .tp_traverse = enum_traverse,
    .tp_clear = enum_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = enum_next,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = enum_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- reversed ---- */

/* seq.__reversed__ looked up on the type and bound to seq: New, or NULL
 * (with no exception when the type has none).  *is_none is set when the
 * type sets it to None, which means "not reversible". */
static MpObject *
lookup_reversed(MpObject *seq, int *is_none)
{
    MP_IDENTIFIER(__reversed__);
    MpObject *name = mp_identifier_get(&MpId___reversed__), *meth;
    descrgetfunc get;

    *is_none = 0;
    if (name == NULL)
        return NULL;
    meth = mp_type_lookup(Mp_TYPE(seq), name);
    if (meth == NULL)
        return NULL;
    if (meth == Mp_None) {
        *is_none = 1;
        return NULL;
    }
    get = Mp_TYPE(meth)->tp_descr_get;
    if (get == NULL)
        return Mp_NewRef(meth);
    return get(meth, seq, (MpObject *)Mp_TYPE(seq));
}

static MpObject *
reversed_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *seq, *meth, *res;
    reversedobject *ro;
    Mp_ssize_t n;
    int is_none;

    if (type == &MpReversed_Type && MpArg_NoKeywords("reversed", kwds) < 0)
        return NULL;
    if (MpArg_CheckPositional("reversed", MpTuple_GET_SIZE(args), 1, 1) < 0)
        return NULL;
    seq = MpTuple_GET_ITEM(args, 0);
    meth = lookup_reversed(seq, &is_none);
    if (meth != NULL) {
        res = MpObject_CallNoArgs(meth);
        Mp_DECREF(meth);
        return res;
    }
    if (MpErr_Occurred())
        return NULL;
    if (is_none || !MpSequence_Check(seq)) {
        return MpErr_Format(MpExc_TypeError, "'%.200s' object is not "
                            "reversible", Mp_TYPE(seq)->tp_name);
    }
    n = MpSequence_Length(seq);
    if (n == -1)
        return NULL;
    ro = (reversedobject *)type->tp_alloc(type, 0);
    if (ro == NULL)
        return NULL;
    ro->index = n - 1;
    ro->seq = Mp_NewRef(seq);
    return (MpObject *)ro;
}

static void
reversed_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    Mp_XDECREF(((reversedobject *)op)->seq);
    Mp_TYPE(op)->tp_free(op);
}

static int
reversed_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((reversedobject *)op)->seq);
    return 0;
}

static int
reversed_clear(MpObject *op)
{
    Mp_CLEAR(((reversedobject *)op)->seq);
    return 0;
}

static MpObject *
reversed_next(MpObject *op)
{
    reversedobject *ro = (reversedobject *)op;
    MpObject *item;

    if (ro->index >= 0 && ro->seq != NULL) {
        item = MpSequence_GetItem(ro->seq, ro->index);
        if (item != NULL) {
            ro->index--;
            return item;
        }
        if (!MpErr_ExceptionMatches(MpExc_IndexError)
            && !MpErr_ExceptionMatches(MpExc_StopIteration))
            return NULL;
        MpErr_Clear();
    }
    ro->index = -1;
    Mp_CLEAR(ro->seq);
    return NULL;
}

/* it.__length_hint__(): the positions left, at most len(seq). */
static MpObject *
reversed_len(MpObject *op, MpObject *unused)
{
    reversedobject *ro = (reversedobject *)op;
    Mp_ssize_t size, position;

    MP_UNUSED(unused);
    if (ro->seq == NULL)
        return MpLong_FromLong(0);
    size = MpSequence_Length(ro->seq);
    if (size == -1)
        return NULL;
    position = ro->index + 1;
    return MpLong_FromSsize_t(size < position ? 0 : position);
}

static MpMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_len, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

MpTypeObject MpReversed_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "reversed",
    .tp_basicsize = sizeof(reversedobject),
    .tp_dealloc = reversed_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "Return a reverse iterator over the values of the given "
              "sequence.",
    .tp_traverse = reversed_traverse,
    .tp_clear = reversed_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = reversed_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- Shared by zip and map: a tuple of iterators ---- */

/* (iter(args[first]), iter(args[first + 1]), ...): New, or NULL. */
static MpObject *
iterators_of(MpObject *args, Mp_ssize_t first)
{
    Mp_ssize_t i, n = MpTuple_GET_SIZE(args) - first;
    MpObject *iters = MpTuple_New(n), *it;

    if (iters == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        it = MpObject_GetIter(MpTuple_GET_ITEM(args, first + i));
        if (it == NULL) {
            Mp_DECREF(iters);
            return NULL;
        }
        MpTuple_SET_ITEM(iters, i, it);
    }
    return iters;
}

/* ---- zip ---- */

/* zip's only keyword, strict=False: 1 or 0 into *strict, or -1. */
static int
zip_parse_strict(MpObject *kwds, int *strict)
{
    Mp_ssize_t pos = 0, nkw = kwds != NULL ? MpDict_Size(kwds) : 0;
    MpObject *key, *value;
    int is;

    *strict = 0;
    if (nkw == 0)
        return 0;
    if (nkw > 1) {
        MpErr_Format(MpExc_TypeError, "zip() takes at most 1 keyword "
                     "argument (%zd given)", nkw);
        return -1;
    }
    MpDict_Next(kwds, &pos, &key, &value);
    if ((is = name_is(key, &MpId_strict)) < 0)
        return -1;
    if (!is) {
        MpErr_Format(MpExc_TypeError, "'%S' is an invalid keyword argument "
                     "for zip()", key);
        return -1;
    }
    *strict = MpObject_IsTrue(value);
    return *strict < 0 ? -1 : 0;
}

static MpObject *
zip_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *ittuple;
    zipobject *lz;
    int strict;

    if (zip_parse_strict(kwds, &strict) < 0)
        return NULL;
    ittuple = iterators_of(args, 0);
    if (ittuple == NULL)
        return NULL;
    lz = (zipobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Mp_DECREF(ittuple);
        return NULL;
    }
    lz->ittuple = ittuple;
    lz->tuplesize = MpTuple_GET_SIZE(ittuple);
    lz->strict = strict;
    return (MpObject *)lz;
}

static void
zip_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    Mp_XDECREF(((zipobject *)op)->ittuple);
    Mp_TYPE(op)->tp_free(op);
}

static int
zip_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((zipobject *)op)->ittuple);
    return 0;
}

static int
zip_clear(MpObject *op)
{
    zipobject *lz = (zipobject *)op;

    Mp_CLEAR(lz->ittuple);
    lz->tuplesize = 0;
    return 0;
}

/* Strict zip after iterator 'i' ran out (no exception set): raise the
 * ValueError when the lengths differ; NULL either way. */
static MpObject *
zip_check_lengths(zipobject *lz, Mp_ssize_t i)
{
    MpObject *item;

    if (i > 0) {
        return MpErr_Format(MpExc_ValueError, "zip() argument %zd is "
                            "shorter than argument%s%zd", i + 1,
                            i == 1 ? " " : "s 1-", i);
    }
    for (i = 1; i < lz->tuplesize; i++) {
        item = MpIter_Next(MpTuple_GET_ITEM(lz->ittuple, i));
        if (item != NULL) {
            Mp_DECREF(item);
            return MpErr_Format(MpExc_ValueError, "zip() argument %zd is "
                                "longer than argument%s%zd", i + 1,
                                i == 1 ? " " : "s 1-", i);
        }
        if (MpErr_Occurred())
            return NULL;
    }
    return NULL;    /* all exhausted together */
}

static MpObject *
zip_next(MpObject *op)
{
    zipobject *lz = (zipobject *)op;
    MpObject *result, *item;
    Mp_ssize_t i;

    if (lz->tuplesize == 0 || lz->ittuple == NULL)
        return NULL;
    result = MpTuple_New(lz->tuplesize);
    if (result == NULL)
        return NULL;
    for (i = 0; i < lz->tuplesize; i++) {
        item = MpIter_Next(MpTuple_GET_ITEM(lz->ittuple, i));
        if (item == NULL) {
            Mp_DECREF(result);
            if (lz->strict && !MpErr_Occurred())
                return zip_check_lengths(lz, i);
            return NULL;
        }
        MpTuple_SET_ITEM(result, i, item);
    }
    return result;
}

MpTypeObject MpZip_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "zip",
    .tp_basicsize = sizeof(zipobject),
    .tp_dealloc = zip_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "zip(*iterables, strict=False) --> Yield tuples until an "
              "input is exhausted.",
    .tp_traverse = zip_traverse,
    .tp_clear = zip_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = zip_next,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = zip_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- map ---- */

static MpObject *
map_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *iters;
    mapobject *lz;

    if (type == &MpMap_Type && MpArg_NoKeywords("map", kwds) < 0)
        return NULL;
    if (MpTuple_GET_SIZE(args) < 2) {
        MpErr_SetString(MpExc_TypeError,
                        "map() must have at least two arguments.");
        return NULL;
    }
    iters = iterators_of(args, 1);
    if (iters == NULL)
        return NULL;
    lz = (mapobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Mp_DECREF(iters);
        return NULL;
    }
    lz->iters = iters;
    lz->func = Mp_NewRef(MpTuple_GET_ITEM(args, 0));
    return (MpObject *)lz;
}

static void
map_dealloc(MpObject *op)
{
    mapobject *lz = (mapobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(lz->iters);
    Mp_XDECREF(lz->func);
    Mp_TYPE(op)->tp_free(op);
}

static int
map_traverse(MpObject *op, visitproc visit, void *arg)
{
    mapobject *lz = (mapobject *)op;

    Mp_VISIT(lz->iters);
    Mp_VISIT(lz->func);
    return 0;
}

static int
map_clear(MpObject *op)
{
    mapobject *lz = (mapobject *)op;

    Mp_CLEAR(lz->iters);
    Mp_CLEAR(lz->func);
    return 0;
}

/* A small argument array on the stack; larger ones come from the heap. */
#define MAP_SMALL_ARGS 8

static MpObject *
map_next(MpObject *op)
{
    mapobject *lz = (mapobject *)op;
    MpObject *small[MAP_SMALL_ARGS], **stack, *result = NULL;
    Mp_ssize_t niters, nargs = 0, i;

    if (lz->iters == NULL || lz->func == NULL)
        return NULL;
    niters = MpTuple_GET_SIZE(lz->iters);
    stack = small;
    if (niters > MAP_SMALL_ARGS) {
        stack = MpMem_Malloc((size_t)niters * sizeof(MpObject *));
        if (stack == NULL)
            return MpErr_NoMemory();
    }
    for (i = 0; i < niters; i++) {
        stack[i] = MpIter_Next(MpTuple_GET_ITEM(lz->iters, i));
        if (stack[i] == NULL)
            goto exit;
        nargs++;
    }
    result = MpObject_Vectorcall(lz->func, stack, (size_t)nargs, NULL);

exit:
    for (i = 0; i < nargs; i++)
        Mp_DECREF(stack[i]);
    if (stack != small)
        MpMem_Free(stack);
    return result;
}

MpTypeObject MpMap_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "map",
    .tp_basicsize = sizeof(mapobject),
    .tp_dealloc = map_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "map(func, *iterables) --> map object",
    .tp_traverse = map_traverse,
    .tp_clear = map_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = map_next,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = map_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- filter ---- */

static MpObject *
filter_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *it;
    filterobject *lz;

    if (type == &MpFilter_Type && MpArg_NoKeywords("filter", kwds) < 0)
        return NULL;
    if (MpArg_CheckPositional("filter", MpTuple_GET_SIZE(args), 2, 2) < 0)
        return NULL;
    it = MpObject_GetIter(MpTuple_GET_ITEM(args, 1));
    if (it == NULL)
        return NULL;
    lz = (filterobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        Mp_DECREF(it);
        return NULL;
    }
    lz->func = Mp_NewRef(MpTuple_GET_ITEM(args, 0));
    lz->it = it;
    return (MpObject *)lz;
}

static void
filter_dealloc(MpObject *op)
{
    filterobject *lz = (filterobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(lz->func);
    Mp_XDECREF(lz->it);
    Mp_TYPE(op)->tp_free(op);
}

static int
filter_traverse(MpObject *op, visitproc visit, void *arg)
{
    filterobject *lz = (filterobject *)op;

    Mp_VISIT(lz->func);
    Mp_VISIT(lz->it);
    return 0;
}

static int
filter_clear(MpObject *op)
{
    filterobject *lz = (filterobject *)op;

    Mp_CLEAR(lz->func);
    Mp_CLEAR(lz->it);
    return 0;
}

static MpObject *
filter_next(MpObject *op)
{
    filterobject *lz = (filterobject *)op;
    MpObject *item, *good;
    int ok, checktrue;

    if (lz->it == NULL || lz->func == NULL)
        return NULL;
    /* filter(None, it) and filter(bool, it) test the items directly. */
    checktrue = lz->func == Mp_None || lz->func == (MpObject *)&MpBool_Type;
    for (;;) {
        item = MpIter_Next(lz->it);
        if (item == NULL)
            return NULL;
        if (checktrue) {
            ok = MpObject_IsTrue(item);
        }
        else {
            good = MpObject_CallOneArg(lz->func, item);
            if (good == NULL) {
                Mp_DECREF(item);
                return NULL;
            }
            ok = MpObject_IsTrue(good);
            Mp_DECREF(good);
        }
        if (ok > 0)
            return item;
        Mp_DECREF(item);
        if (ok < 0)
            return NULL;
    }
}

MpTypeObject MpFilter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "filter",
    .tp_basicsize = sizeof(filterobject),
    .tp_dealloc = filter_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "filter(function or None, iterable) --> filter object",
    .tp_traverse = filter_traverse,
    .tp_clear = filter_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = filter_next,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = filter_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- Start-up ---- */

/* Ready the six types only the builtins make (called while the
 * interpreter starts).  0, or -1 with an exception set. */
int
mp_builtins_types_init(void)
{
    MpTypeObject *types[] = {
        &MpEnum_Type, &MpReversed_Type, &MpZip_Type, &MpMap_Type,
        &MpFilter_Type, &MpSuper_Type,
    };
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(types); i++) {
        if (MpType_Ready(types[i]) < 0)
            return -1;
    }
    return 0;
}
