/*
 * superobject.c -- super(): attribute lookup that starts past a class in
 * the MRO of an object's type.
 *
 *   super(B, b)    type = B, obj = b, obj_type = type(b)
 *   super(B, C)    type = B, obj = C, obj_type = C   (C a subclass of B:
 *                  class methods; functions come back unbound)
 *   super(B)       type = B, obj = NULL: unbound, bound later through
 *                  __get__
 *   super()        inside a method: type from the function's __class__
 *                  cell, obj from its first argument, both read from the
 *                  frame that called super()
 *
 *   obj_type.__mro__ = (D, B, A, object)       super(B, d).name
 *                           ^ search from here: A, then object
 *
 * An attribute found in a class dict of that tail is bound with its
 * tp_descr_get (to obj, or to nothing when obj is the class itself);
 * anything not found there -- and __class__ always -- is looked up on the
 * super object itself, which gives __thisclass__, __self__,
 * __self_class__ and the AttributeError
 * "'super' object has no attribute 'x'".
 *
 * Frame layout used by the zero-argument form (runtime/frameobject.h):
 *
 *   f_localsplus: [ locals (args first) | cells | free variables | ... ]
 *
 * The first argument is f_localsplus[0], unless a nested function
 * captures it: the frame then moved it into the cell i whose
 * co_cell2arg[i] == 0 and f_localsplus[0] is NULL.  __class__ is a free
 * variable of every method that uses super() or __class__.
 *
 * Invariant: obj and obj_type are both NULL or both set; type may be NULL
 * only for an object made by super.__new__ without __init__.
 *
 * Read alongside CPython 3.11: Objects/typeobject.c super_getattro,
 * supercheck, super_descr_get, super_init_impl, super_init_without_args
 * (3.10's version, which knew co_cell2arg, is the closer match).
 *
 * minipy leaves out: super objects with a vectorcall of their own.
 */
#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "runtime/ceval.h"
#include "runtime/frameobject.h"
#include "runtime/funcobject.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"

typedef struct {
    MpObject_HEAD
    MpTypeObject *type;         /* the class to search past */
    MpObject *obj;              /* the instance or class bound, or NULL */
    MpTypeObject *obj_type;     /* whose MRO is searched, or NULL */
} superobject;

MP_IDENTIFIER(__class__);

static void
super_dealloc(MpObject *self)
{
    superobject *su = (superobject *)self;

    MpObject_GC_UnTrack(self);
    Mp_XDECREF(su->obj);
    Mp_XDECREF(su->type);
    Mp_XDECREF(su->obj_type);
    Mp_TYPE(self)->tp_free(self);
}

static int
super_traverse(MpObject *self, visitproc visit, void *arg)
{
    superobject *su = (superobject *)self;

    Mp_VISIT(su->obj);
    Mp_VISIT(su->type);
    Mp_VISIT(su->obj_type);
    return 0;
}

static int
super_clear(MpObject *self)
{
    superobject *su = (superobject *)self;

    Mp_CLEAR(su->obj);
    Mp_CLEAR(su->type);
    Mp_CLEAR(su->obj_type);
    return 0;
}

static MpObject *
super_repr(MpObject *self)
{
    superobject *su = (superobject *)self;
    const char *tname = su->type != NULL ? su->type->tp_name : "NULL";

    if (su->obj_type != NULL) {
        return MpUnicode_FromFormat("<super: <class '%s'>, <%s object>>",
                                    tname, su->obj_type->tp_name);
    }
    return MpUnicode_FromFormat("<super: <class '%s'>, NULL>", tname);
}

/* 1 if 'name' is "__class__", which super never looks up in the MRO
 * (it answers with its own class).  -1 on error. */
static int
is_class_name(MpObject *name)
{
    MpObject *s = mp_identifier_get(&MpId___class__);

    if (s == NULL)
        return -1;
    return name == s || (MpUnicode_Check(name)
                         && MpUnicode_Compare(name, s) == 0);
}

/* Search su->obj_type's MRO after su->type.  New reference to the bound
 * attribute; NULL without an exception when it is not there. */
static MpObject *
super_lookup_mro(superobject *su, MpObject *name)
{
    MpObject *mro = su->obj_type->tp_mro, *res, *dict;
    Mp_ssize_t i, n;
    descrgetfunc get;

    if (mro == NULL)
        return NULL;
    n = MpTuple_GET_SIZE(mro);
    /* The last entry (object) never needs comparing: skipped anyway. */
    for (i = 0; i + 1 < n; i++) {
        if (MpTuple_GET_ITEM(mro, i) == (MpObject *)su->type)
            break;
    }
    /* A dict lookup may run __eq__, which may replace the MRO. */
    Mp_INCREF(mro);
    for (i++; i < n; i++) {
        dict = ((MpTypeObject *)MpTuple_GET_ITEM(mro, i))->tp_dict;
        if (dict == NULL)
            continue;
        res = MpDict_GetItemWithError(dict, name);
        if (res == NULL) {
            if (MpErr_Occurred())
                break;
            continue;
        }
        Mp_INCREF(res);
        get = Mp_TYPE(res)->tp_descr_get;
        if (get != NULL) {
            MpObject *obj = su->obj == (MpObject *)su->obj_type ? NULL
                                                                : su->obj;
            Mp_SETREF(res, get(res, obj, (MpObject *)su->obj_type));
        }
        Mp_DECREF(mro);
        return res;
    }
    Mp_DECREF(mro);
    return NULL;
}

static MpObject *
super_getattro(MpObject *self, MpObject *name)
{
    superobject *su = (superobject *)self;
    MpObject *res;
    int skip;

    if (su->obj_type != NULL) {
        skip = is_class_name(name);
        if (skip < 0)
            return NULL;
        if (!skip) {
            res = super_lookup_mro(su, name);
            if (res != NULL || MpErr_Occurred())
                return res;
        }
    }
    return MpObject_GenericGetAttr(self, name);
}

/* The type whose MRO super(type, obj) searches: obj itself when it is a
 * subclass of 'type' (class methods), else the class of obj -- type(obj)
 * or, for proxies, obj.__class__.  New, or NULL with TypeError. */
static MpTypeObject *
supercheck(MpTypeObject *type, MpObject *obj)
{
    MpObject *name, *class_attr;
    int ok;

    if (MpType_Check(obj) && MpType_IsSubtype((MpTypeObject *)obj, type))
        return (MpTypeObject *)Mp_NewRef(obj);
    if (MpType_IsSubtype(Mp_TYPE(obj), type))
        return (MpTypeObject *)Mp_NewRef(Mp_TYPE(obj));
    name = mp_identifier_get(&MpId___class__);
    if (name == NULL)
        return NULL;
    class_attr = MpObject_GetAttr(obj, name);
    if (class_attr == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return NULL;
        MpErr_Clear();
    }
    else {
        ok = MpType_Check(class_attr)
             && (MpTypeObject *)class_attr != Mp_TYPE(obj)
             && MpType_IsSubtype((MpTypeObject *)class_attr, type);
        if (ok)
            return (MpTypeObject *)class_attr;
        Mp_DECREF(class_attr);
    }
    MpErr_SetString(MpExc_TypeError, "super(type, obj): obj must be an "
                    "instance or subtype of type");
    return NULL;
}

/* Bind the unbound super(type) to obj: super(type, obj).  New. */
static MpObject *
super_descr_get(MpObject *self, MpObject *obj, MpObject *type)
{
    superobject *su = (superobject *)self, *newobj;
    MpTypeObject *obj_type;

    MP_UNUSED(type);
    if (obj == NULL || obj == Mp_None || su->obj != NULL)
        return Mp_NewRef(self);
    if (!Mp_IS_TYPE(su, &MpSuper_Type)) {
        /* A subclass of super: let it build its own kind. */
        MpObject *args = MpTuple_Pack(2, (MpObject *)su->type, obj), *res;
        if (args == NULL)
            return NULL;
        res = MpObject_Call((MpObject *)Mp_TYPE(su), args, NULL);
        Mp_DECREF(args);
        return res;
    }
    obj_type = supercheck(su->type, obj);
    if (obj_type == NULL)
        return NULL;
    newobj = (superobject *)MpSuper_Type.tp_alloc(&MpSuper_Type, 0);
    if (newobj == NULL) {
        Mp_DECREF(obj_type);
        return NULL;
    }
    newobj->type = (MpTypeObject *)Mp_XNewRef((MpObject *)su->type);
    newobj->obj = Mp_NewRef(obj);
    newobj->obj_type = obj_type;
    return (MpObject *)newobj;
}

/* The first argument of the running function, looking through the cell
 * it was moved into when a nested function captures it.  Borrowed, or
 * NULL with RuntimeError. */
static MpObject *
frame_first_arg(MpFrameObject *f)
{
    MpCodeObject *co = f->f_code;
    MpObject *obj = f->f_localsplus[0], *cell;
    int i;

    if (obj == NULL && co->co_cell2arg != NULL) {
        for (i = 0; i < co->co_ncellvars; i++) {
            if (co->co_cell2arg[i] != 0)
                continue;
            cell = f->f_localsplus[co->co_nlocals + i];
            if (cell != NULL && MpCell_Check(cell))
                obj = ((MpCellObject *)cell)->ob_ref;
            break;
        }
    }
    if (obj == NULL)
        MpErr_SetString(MpExc_RuntimeError, "super(): arg[0] deleted");
    return obj;
}

/* The class in the running function's __class__ cell.  Borrowed, or
 * NULL with RuntimeError. */
static MpTypeObject *
frame_class_cell(MpFrameObject *f)
{
    MpCodeObject *co = f->f_code;
    MpObject *name = mp_identifier_get(&MpId___class__), *slotname, *cell;
    MpObject *type;
    int i, first = co->co_nlocals + co->co_ncellvars;

    if (name == NULL)
        return NULL;
    for (i = first; i < first + co->co_nfreevars; i++) {
        slotname = MpTuple_GET_ITEM(co->co_localsplusnames, i);
        if (slotname != name && MpUnicode_Compare(slotname, name) != 0)
            continue;
        cell = f->f_localsplus[i];
        if (cell == NULL || !MpCell_Check(cell)) {
            MpErr_SetString(MpExc_RuntimeError, "super(): bad __class__ "
                            "cell");
            return NULL;
        }
        type = ((MpCellObject *)cell)->ob_ref;
        if (type == NULL) {
            MpErr_SetString(MpExc_RuntimeError, "super(): empty __class__ "
                            "cell");
            return NULL;
        }
        if (!MpType_Check(type)) {
            MpErr_Format(MpExc_RuntimeError, "super(): __class__ is not a "
                         "type (%s)", Mp_TYPE(type)->tp_name);
            return NULL;
        }
        return (MpTypeObject *)type;
    }
    MpErr_SetString(MpExc_RuntimeError, "super(): __class__ cell not found");
    return NULL;
}

/* super() with no arguments: *type and *obj (Borrowed) from the frame
 * of the Python function that called it.  0, or -1 with RuntimeError. */
static int
super_init_without_args(MpTypeObject **type, MpObject **obj)
{
    MpFrameObject *f = mp_eval_current_frame();

    if (f == NULL) {
        MpErr_SetString(MpExc_RuntimeError, "super(): no current frame");
        return -1;
    }
    if (f->f_code->co_argcount == 0) {
        MpErr_SetString(MpExc_RuntimeError, "super(): no arguments");
        return -1;
    }
    *obj = frame_first_arg(f);
    if (*obj == NULL)
        return -1;
    *type = frame_class_cell(f);
    return *type == NULL ? -1 : 0;
}

/* super.__init__(self, type=<from the frame>, obj=None). */
static int
super_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    superobject *su = (superobject *)self;
    MpTypeObject *type = NULL, *obj_type = NULL;
    MpObject *obj = NULL;
    Mp_ssize_t nargs = MpTuple_GET_SIZE(args);

    if (MpArg_NoKeywords("super", kwds) < 0
        || MpArg_CheckPositional("super()", nargs, 0, 2) < 0)
        return -1;
    if (nargs >= 1) {
        MpObject *arg0 = MpTuple_GET_ITEM(args, 0);
        if (!MpType_Check(arg0)) {
            MpErr_Format(MpExc_TypeError, "super() argument 1 must be a "
                         "type, not %.200s", Mp_TYPE(arg0)->tp_name);
            return -1;
        }
        type = (MpTypeObject *)arg0;
        if (nargs == 2)
            obj = MpTuple_GET_ITEM(args, 1);
    }
    else if (super_init_without_args(&type, &obj) < 0) {
        return -1;
    }
    if (obj == Mp_None)
        obj = NULL;
    if (obj != NULL) {
        obj_type = supercheck(type, obj);
        if (obj_type == NULL)
            return -1;
        Mp_INCREF(obj);
    }
    Mp_INCREF(type);
    Mp_XSETREF(su->type, type);
    Mp_XSETREF(su->obj, obj);
    Mp_XSETREF(su->obj_type, obj_type);
    return 0;
}

static MpMemberDef super_members[] = {
    {"__thisclass__", MP_T_OBJECT, offsetof(superobject, type),
     MP_READONLY, "the class invoking super()"},
    {"__self__", MP_T_OBJECT, offsetof(superobject, obj),
     MP_READONLY, "the instance invoking super(); may be None"},
    {"__self_class__", MP_T_OBJECT, offsetof(superobject, obj_type),
     MP_READONLY, "the type of the instance invoking super(); may be None"},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpSuper_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "super",
    .tp_basicsize = sizeof(superobject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "super() -> same as super(__class__, <first argument>)\n"
              "super(type) -> unbound super object\n"
              "super(type, obj) -> bound super object; requires "
              "isinstance(obj, type)\n"
              "super(type, type2) -> bound super object; requires "
              "issubclass(type2, type)",
    .tp_traverse = super_traverse,
    .tp_clear = super_clear,
    .tp_members = super_members,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = MpType_GenericNew,
    .tp_free = MpObject_GC_Del,
};
