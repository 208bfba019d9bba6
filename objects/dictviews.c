/*
 * dictviews.c -- dict iterators and the views keys(), values(), items().
 *
 *   iterator           walks             yields           len check
 *   dict_keyiterator   entries 0 -> n    key              ma_used
 *   dict_valueiterator entries 0 -> n    value            unchanged
 *   dict_itemiterator  entries 0 -> n    (key, value)     during the
 *   dict_reverse*      entries n -> 0    as above         iteration
 *
 * An iterator remembers the dict's size when it started (di_used) and how
 * many items it has left (len).  A size change raises RuntimeError
 * "dictionary changed size during iteration" (sticky: di_used becomes
 * -1); finding an item when len says none is left (a key deleted and
 * another added) raises "dictionary keys changed during iteration".
 * The item iterator reuses its result tuple when nobody else holds it,
 * retracking it in case the collector untracked it.
 *
 * A view holds its dict; len(), iteration, `in` (keys and items) and repr
 * ("dict_keys(['a'])") are the dict's at the time of use.
 *
 * Read alongside CPython 3.11: Objects/dictobject.c (dictiter_new,
 * dictiter_iternextkey, dictiter_iternextitem, dictreviter_iternext,
 * dictview_new, dictview_repr, dictkeys_contains, dictitems_contains).
 *
 * Left out: set operations and comparisons of keys/items views, the
 * views' 'mapping' attribute, isdisjoint, pickling of iterators.
 */
#include "include/internal/mp_core.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"

typedef struct {
    MpObject_HEAD
    MpDictObject *di_dict;   /* NULL when exhausted */
    Mp_ssize_t di_used;
    Mp_ssize_t di_pos;
    MpObject *di_result;     /* reusable (key, value) tuple, or NULL */
    Mp_ssize_t len;
} dictiterobject;

typedef struct {
    MpObject_HEAD
    MpDictObject *dv_dict;
} dictviewobject;

static int
is_reverse(MpTypeObject *type)
{
    return type == &MpDictRevIterKey_Type || type == &MpDictRevIterValue_Type
           || type == &MpDictRevIterItem_Type;
}

static int
is_items(MpTypeObject *type)
{
    return type == &MpDictIterItem_Type || type == &MpDictRevIterItem_Type;
}

/* An iterator of the given type over dict (keys, values or items,
 * forwards or reversed).  New. */
MpObject *
mp_dictiter_new(MpDictObject *dict, MpTypeObject *type)
{
    dictiterobject *di = MpObject_GC_New(dictiterobject, type);

    if (di == NULL)
        return NULL;
    di->di_dict = (MpDictObject *)Mp_NewRef(dict);
    di->di_used = dict->ma_used;
    di->len = dict->ma_used;
    di->di_result = NULL;
    if (is_reverse(type) && dict->ma_used != 0)
        di->di_pos = dict->ma_keys->dk_nentries - 1;
    else
        di->di_pos = is_reverse(type) ? -1 : 0;
    if (is_items(type)) {
        di->di_result = MpTuple_Pack(2, Mp_None, Mp_None);
        if (di->di_result == NULL) {
            Mp_DECREF(di);
            return NULL;
        }
    }
    MpObject_GC_Track(di);
    return (MpObject *)di;
}

static void
dictiter_dealloc(dictiterobject *di)
{
    MpObject_GC_UnTrack(di);
    Mp_XDECREF(di->di_dict);
    Mp_XDECREF(di->di_result);
    MpObject_GC_Del(di);
}

static int
dictiter_traverse(dictiterobject *di, visitproc visit, void *arg)
{
    Mp_VISIT(di->di_dict);
    Mp_VISIT(di->di_result);
    return 0;
}

static MpObject *
dictiter_len(dictiterobject *di, MpObject *unused)
{
    Mp_ssize_t len = 0;

    MP_UNUSED(unused);
    if (di->di_dict != NULL && di->di_used == di->di_dict->ma_used)
        len = di->len;
    return MpLong_FromSsize_t(len);
}

/* The next live entry for di (forwards or backwards).  1 with Borrowed
 * key/value, 0 at the end (iterator exhausted), -1 on error. */
static int
dictiter_step(dictiterobject *di, int reverse, MpObject **key,
              MpObject **value)
{
    MpDictObject *d = di->di_dict;
    Mp_ssize_t i = di->di_pos;
    MpDictKeysObject *k;

    if (d == NULL)
        return 0;
    if (di->di_used != d->ma_used) {
        MpErr_SetString(MpExc_RuntimeError,
                        "dictionary changed size during iteration");
        di->di_used = -1;   /* sticky */
        return -1;
    }
    k = d->ma_keys;
    for (;;) {
        if (i < 0 || i >= k->dk_nentries)
            goto exhausted;
        mp_dict_entry_at(k, i, key, value);
        if (*value != NULL)
            break;
        i += reverse ? -1 : 1;
    }
    if (di->len == 0) {
        MpErr_SetString(MpExc_RuntimeError,
                        "dictionary keys changed during iteration");
        goto exhausted;
    }
    di->di_pos = reverse ? i - 1 : i + 1;
    di->len--;
    return 1;
exhausted:
    di->di_dict = NULL;
    Mp_DECREF(d);
    return MpErr_Occurred() ? -1 : 0;
}

static MpObject *
dictiter_iternextkey(dictiterobject *di)
{
    MpObject *key, *value;
    int reverse = Mp_IS_TYPE(di, &MpDictRevIterKey_Type);

    if (dictiter_step(di, reverse, &key, &value) <= 0)
        return NULL;
    return Mp_NewRef(key);
}

static MpObject *
dictiter_iternextvalue(dictiterobject *di)
{
    MpObject *key, *value;
    int reverse = Mp_IS_TYPE(di, &MpDictRevIterValue_Type);

    if (dictiter_step(di, reverse, &key, &value) <= 0)
        return NULL;
    return Mp_NewRef(value);
}

static MpObject *
dictiter_iternextitem(dictiterobject *di)
{
    MpObject *key, *value, *result = di->di_result;
    int reverse = Mp_IS_TYPE(di, &MpDictRevIterItem_Type);

    if (dictiter_step(di, reverse, &key, &value) <= 0)
        return NULL;
    Mp_INCREF(key);
    Mp_INCREF(value);
    if (Mp_REFCNT(result) == 1) {
        /* Nobody kept the last tuple: refill it. */
        MpObject *oldkey = MpTuple_GET_ITEM(result, 0);
        MpObject *oldvalue = MpTuple_GET_ITEM(result, 1);
        MpTuple_SET_ITEM(result, 0, key);
        MpTuple_SET_ITEM(result, 1, value);
        Mp_INCREF(result);
        Mp_DECREF(oldkey);
        Mp_DECREF(oldvalue);
        if (!MpObject_GC_IsTracked(result))
            MpObject_GC_Track(result);
        return result;
    }
    result = MpTuple_New(2);
    if (result == NULL) {
        Mp_DECREF(key);
        Mp_DECREF(value);
        return NULL;
    }
    MpTuple_SET_ITEM(result, 0, key);
    MpTuple_SET_ITEM(result, 1, value);
    return result;
}

static MpMethodDef dictiter_methods[] = {
    {"__length_hint__", (MpCFunction)dictiter_len, MP_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL}
};

#define DICTITER_TYPE(cname, pyname, next)                       \
    MpTypeObject cname = {                                       \
        MpVarObject_HEAD_INIT(&MpType_Type, 0)                   \
        .tp_name = pyname,                                       \
        .tp_basicsize = sizeof(dictiterobject),                  \
        .tp_dealloc = (destructor)dictiter_dealloc,              \
        .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,     \
        .tp_traverse = (traverseproc)dictiter_traverse,          \
        .tp_iter = MpObject_SelfIter,                            \
        .tp_iternext = (iternextfunc)(next),                     \
        .tp_methods = dictiter_methods,                          \
        .tp_free = MpObject_GC_Del,                              \
    }

DICTITER_TYPE(MpDictIterKey_Type, "dict_keyiterator", dictiter_iternextkey);
DICTITER_TYPE(MpDictIterValue_Type, "dict_valueiterator",
              dictiter_iternextvalue);
DICTITER_TYPE(MpDictIterItem_Type, "dict_itemiterator",
              dictiter_iternextitem);
DICTITER_TYPE(MpDictRevIterKey_Type, "dict_reversekeyiterator",
              dictiter_iternextkey);
DICTITER_TYPE(MpDictRevIterValue_Type, "dict_reversevalueiterator",
              dictiter_iternextvalue);
DICTITER_TYPE(MpDictRevIterItem_Type, "dict_reverseitemiterator",
              dictiter_iternextitem);

/* ---- Views ---- */

/* A view of the given type (MpDictKeys_Type ...) on dict.  New. */
MpObject *
mp_dictview_new(MpObject *dict, MpTypeObject *type)
{
    dictviewobject *dv;

    if (dict == NULL || !MpDict_Check(dict)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    dv = MpObject_GC_New(dictviewobject, type);
    if (dv == NULL)
        return NULL;
    dv->dv_dict = (MpDictObject *)Mp_NewRef(dict);
    MpObject_GC_Track(dv);
    return (MpObject *)dv;
}

static void
dictview_dealloc(dictviewobject *dv)
{
    MpObject_GC_UnTrack(dv);
    Mp_XDECREF(dv->dv_dict);
    MpObject_GC_Del(dv);
}

static int
dictview_traverse(dictviewobject *dv, visitproc visit, void *arg)
{
    Mp_VISIT(dv->dv_dict);
    return 0;
}

static Mp_ssize_t
dictview_len(dictviewobject *dv)
{
    return dv->dv_dict->ma_used;
}

/* The iterator type matching a view type, forwards or reversed. */
static MpTypeObject *
view_iter_type(MpTypeObject *view_type, int reverse)
{
    if (view_type == &MpDictKeys_Type)
        return reverse ? &MpDictRevIterKey_Type : &MpDictIterKey_Type;
    if (view_type == &MpDictValues_Type)
        return reverse ? &MpDictRevIterValue_Type : &MpDictIterValue_Type;
    return reverse ? &MpDictRevIterItem_Type : &MpDictIterItem_Type;
}

static MpObject *
dictview_iter(dictviewobject *dv)
{
    return mp_dictiter_new(dv->dv_dict, view_iter_type(Mp_TYPE(dv), 0));
}

static MpObject *
dictview_reversed(dictviewobject *dv, MpObject *unused)
{
    MP_UNUSED(unused);
    return mp_dictiter_new(dv->dv_dict, view_iter_type(Mp_TYPE(dv), 1));
}

/* "dict_keys([...])", "..." when already being repr'd. */
static MpObject *
dictview_repr(dictviewobject *dv)
{
    MpObject *seq, *result;
    int rc = MpRepr_Enter((MpObject *)dv);

    if (rc != 0)
        return rc > 0 ? MpUnicode_FromString("...") : NULL;
    seq = MpList_New(0);
    if (seq != NULL && mp_list_extend(seq, (MpObject *)dv) < 0)
        Mp_CLEAR(seq);
    result = NULL;
    if (seq != NULL) {
        result = MpUnicode_FromFormat("%s(%R)", Mp_TYPE(dv)->tp_name, seq);
        Mp_DECREF(seq);
    }
    MpRepr_Leave((MpObject *)dv);
    return result;
}

static int
dictkeys_contains(dictviewobject *dv, MpObject *obj)
{
    return MpDict_Contains((MpObject *)dv->dv_dict, obj);
}

/* (key, value) in d.items(): the key is present with an equal value. */
static int
dictitems_contains(dictviewobject *dv, MpObject *obj)
{
    MpObject *key, *value, *found;
    int result;

    if (!MpTuple_Check(obj) || MpTuple_GET_SIZE(obj) != 2)
        return 0;
    key = MpTuple_GET_ITEM(obj, 0);
    value = MpTuple_GET_ITEM(obj, 1);
    found = MpDict_GetItemWithError((MpObject *)dv->dv_dict, key);
    if (found == NULL)
        return MpErr_Occurred() ? -1 : 0;
    Mp_INCREF(found);
    result = MpObject_RichCompareBool(found, value, Mp_EQ);
    Mp_DECREF(found);
    return result;
}

static MpSequenceMethods dictkeys_as_sequence = {
    .sq_length = (lenfunc)dictview_len,
    .sq_contains = (objobjproc)dictkeys_contains,
};

static MpSequenceMethods dictitems_as_sequence = {
    .sq_length = (lenfunc)dictview_len,
    .sq_contains = (objobjproc)dictitems_contains,
};

static MpSequenceMethods dictvalues_as_sequence = {
    .sq_length = (lenfunc)dictview_len,
};

static MpMethodDef dictview_methods[] = {
    {"__reversed__", (MpCFunction)dictview_reversed, MP_METH_NOARGS,
     "Return a reverse iterator over the dict view."},
    {NULL, NULL, 0, NULL}
};

#define DICTVIEW_TYPE(cname, pyname, seq, hash)                      \
    MpTypeObject cname = {                                       \
        MpVarObject_HEAD_INIT(&MpType_Type, 0)                   \
        .tp_name = pyname,                                       \
        .tp_basicsize = sizeof(dictviewobject),                  \
        .tp_dealloc = (destructor)dictview_dealloc,              \
        .tp_repr = (reprfunc)dictview_repr,                      \
        .tp_as_sequence = (seq),                                 \
        .tp_hash = (hash),                                       \
        .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,     \
        .tp_traverse = (traverseproc)dictview_traverse,          \
        .tp_iter = (getiterfunc)dictview_iter,                   \
        .tp_methods = dictview_methods,                          \
        .tp_free = MpObject_GC_Del,                              \
    }

DICTVIEW_TYPE(MpDictKeys_Type, "dict_keys", &dictkeys_as_sequence,
              MpObject_HashNotImplemented);
DICTVIEW_TYPE(MpDictItems_Type, "dict_items", &dictitems_as_sequence,
              MpObject_HashNotImplemented);
/* values views hash by identity, as CPython's. */
DICTVIEW_TYPE(MpDictValues_Type, "dict_values", &dictvalues_as_sequence,
              NULL);
