/*
 * descrobject.c -- descriptors: what a type's dict holds for the methods,
 * fields, computed attributes and slots defined in C, and the three
 * descriptor types Python code builds itself (staticmethod, classmethod,
 * property).
 *
 *   object             __get__(obj, type)              call / __set__
 *   -----------------  ------------------------------  ------------------
 *   method_descriptor  builtin method bound to obj     f(self, *args)
 *   classmethod_descr  builtin method bound to type    f(type, *args)
 *   member_descriptor  the C field at d_member->offset __set__ stores it
 *   getset_descriptor  getter(obj, closure)            setter(...)
 *   wrapper_descriptor method-wrapper bound to obj     slot(self, *args)
 *   staticmethod       the callable itself             callable(*args)
 *   classmethod        callable bound to the class     -
 *   property           fget(obj)                       fset / fdel
 *
 * A descriptor with __set__ (member, getset, property) is a "data
 * descriptor" and wins over the instance dict in attribute lookup.
 * Every descriptor refers to the type defining it; as those may be heap
 * types, descriptors are GC objects.
 *
 * Read alongside CPython 3.11: Objects/descrobject.c (descr_check,
 * method_vectorcall_*, member_get, getset_set, wrapperdescr_call,
 * property_init_impl, property_copy), Objects/funcobject.c (sm_*, cm_*).
 *
 * Left out: __text_signature__, __objclass__, __qualname__ of
 * descriptors, classmethod of a callable without __get__ (TypeError).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/typeobject.h"
#include "objects/descrobject.h"
#include "objects/methodobject.h"
#include "objects/unicodeobject.h"
#include "objects/dictobject.h"
#include "objects/tupleobject.h"

#include <stddef.h>

/* ---- The common part ---- */

static MpObject *
descr_new(MpTypeObject *descrtype, MpTypeObject *type, const char *name)
{
    MpDescrObject *descr = MpObject_GC_New(MpDescrObject, descrtype);

    if (descr == NULL)
        return MpErr_Occurred() ? NULL : MpErr_NoMemory();
    descr->d_type = (MpTypeObject *)Mp_NewRef(type);
    descr->d_name = MpUnicode_InternFromString(name);
    if (descr->d_name == NULL) {
        Mp_DECREF(descr);
        return NULL;
    }
    return (MpObject *)descr;
}

static void
descr_dealloc(MpObject *self)
{
    MpDescrObject *descr = (MpDescrObject *)self;

    MpObject_GC_UnTrack(self);
    Mp_XDECREF(descr->d_type);
    Mp_XDECREF(descr->d_name);
    MpObject_GC_Del(self);
}

static int
descr_traverse(MpObject *self, visitproc visit, void *arg)
{
    Mp_VISIT(((MpDescrObject *)self)->d_type);
    return 0;
}

#define DESCR_NAME(d) (((MpDescrObject *)(d))->d_name)
#define DESCR_TYPE(d) (((MpDescrObject *)(d))->d_type)

/* 0 if 'obj' is an instance of the descriptor's type, else TypeError. */
static int
descr_check(MpObject *descr, MpObject *obj)
{
    if (MpObject_TypeCheck(obj, DESCR_TYPE(descr)))
        return 0;
    MpErr_Format(MpExc_TypeError,
                 "descriptor '%U' for '%.100s' objects doesn't apply to a "
                 "'%.100s' object", DESCR_NAME(descr),
                 DESCR_TYPE(descr)->tp_name, Mp_TYPE(obj)->tp_name);
    return -1;
}

static MpObject *
descr_repr(MpObject *self, const char *kind)
{
    return MpUnicode_FromFormat("<%s '%U' of '%s' objects>", kind,
                                DESCR_NAME(self), DESCR_TYPE(self)->tp_name);
}

static MpObject *
descr_get_name(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(DESCR_NAME(self));
}

static MpObject *
descr_get_objclass(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(DESCR_TYPE(self));
}

static MpGetSetDef descr_getset[] = {
    {"__name__", descr_get_name, NULL, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define DESCR_TYPE_COMMON                                   \
    .tp_dealloc = descr_dealloc,                            \
    .tp_getattro = MpObject_GenericGetAttr,                 \
    .tp_traverse = descr_traverse,                          \
    .tp_getset = descr_getset

/* ---- method_descriptor ---- */

static MpObject *
method_vectorcall(MpObject *func, MpObject *const *args, size_t nargsf,
                  MpObject *kwnames)
{
    MpMethodDescrObject *descr = (MpMethodDescrObject *)func;
    Mp_ssize_t nargs = MpVectorcall_NARGS(nargsf);

    if (nargs < 1) {
        return MpErr_Format(MpExc_TypeError,
                            "unbound method %s.%s() needs an argument",
                            mp_type_qualname_utf8(DESCR_TYPE(func)),
                            descr->d_method->ml_name);
    }
    if (descr_check(func, args[0]) < 0)
        return NULL;
    return mp_cfunction_call_def(descr->d_method, args[0], args + 1,
                                 nargs - 1, kwnames,
                                 (MpObject *)DESCR_TYPE(func));
}

static MpObject *
method_get(MpObject *self, MpObject *obj, MpObject *type)
{
    MpMethodDescrObject *descr = (MpMethodDescrObject *)self;

    MP_UNUSED(type);
    if (obj == NULL)
        return Mp_NewRef(self);
    if (descr_check(self, obj) < 0)
        return NULL;
    return MpCFunction_NewEx(descr->d_method, obj, NULL);
}

static MpObject *
method_repr(MpObject *self)
{
    return descr_repr(self, "method");
}

static MpObject *
descr_vectorcall_call(MpObject *self, MpObject *args, MpObject *kwds);

MpTypeObject MpMethodDescr_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(MpMethodDescrObject),
    .tp_vectorcall_offset = offsetof(MpMethodDescrObject, vectorcall),
    .tp_repr = method_repr,
    .tp_call = descr_vectorcall_call,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_HAVE_VECTORCALL | MP_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_descr_get = method_get,
    DESCR_TYPE_COMMON,
};

/* method_descriptor for ml, defined by type.  New. */
MpObject *
mp_descr_new_method(MpTypeObject *type, MpMethodDef *ml)
{
    MpMethodDescrObject *descr;

    descr = (MpMethodDescrObject *)descr_new(&MpMethodDescr_Type, type,
                                             ml->ml_name);
    if (descr == NULL)
        return NULL;
    descr->d_method = ml;
    descr->vectorcall = method_vectorcall;
    MpObject_GC_Track(descr);
    return (MpObject *)descr;
}

/* tp_call of descriptors that have a vectorcall: unpack and forward. */
static MpObject *
descr_vectorcall_call(MpObject *self, MpObject *args, MpObject *kwds)
{
    return mp_call_vectorcall_dict(((MpMethodDescrObject *)self)->vectorcall,
                                   self, args, kwds);
}

/* ---- classmethod_descriptor ---- */

static int
classmethod_check(MpObject *descr, MpObject *type)
{
    if (MpType_Check(type)
        && MpType_IsSubtype((MpTypeObject *)type, DESCR_TYPE(descr)))
        return 0;
    MpErr_Format(MpExc_TypeError,
                 "descriptor '%U' requires a subtype of '%.100s' but "
                 "received '%.100s'", DESCR_NAME(descr),
                 DESCR_TYPE(descr)->tp_name,
                 MpType_Check(type) ? ((MpTypeObject *)type)->tp_name
                                    : Mp_TYPE(type)->tp_name);
    return -1;
}

static MpObject *
classmethod_get(MpObject *self, MpObject *obj, MpObject *type)
{
    if (type == NULL && obj == NULL) {
        MpErr_SetString(MpExc_TypeError, "__get__(None, None) is invalid");
        return NULL;
    }
    if (type == NULL)
        type = (MpObject *)Mp_TYPE(obj);
    if (classmethod_check(self, type) < 0)
        return NULL;
    return MpCFunction_NewEx(((MpMethodDescrObject *)self)->d_method, type,
                             NULL);
}

static MpObject *
classmethod_vectorcall(MpObject *func, MpObject *const *args,
                       size_t nargsf, MpObject *kwnames)
{
    MpMethodDescrObject *descr = (MpMethodDescrObject *)func;
    Mp_ssize_t nargs = MpVectorcall_NARGS(nargsf);

    if (nargs < 1) {
        return MpErr_Format(MpExc_TypeError,
                            "descriptor '%U' of '%.100s' object needs an "
                            "argument", DESCR_NAME(func),
                            DESCR_TYPE(func)->tp_name);
    }
    if (classmethod_check(func, args[0]) < 0)
        return NULL;
    return mp_cfunction_call_def(descr->d_method, args[0], args + 1,
                                 nargs - 1, kwnames,
                                 (MpObject *)DESCR_TYPE(func));
}

MpTypeObject MpClassMethodDescr_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(MpMethodDescrObject),
    .tp_vectorcall_offset = offsetof(MpMethodDescrObject, vectorcall),
    .tp_repr = method_repr,
    .tp_call = descr_vectorcall_call,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_HAVE_VECTORCALL,
    .tp_descr_get = classmethod_get,
    DESCR_TYPE_COMMON,
};

/* classmethod_descriptor for ml (MP_METH_CLASS).  New. */
MpObject *
mp_descr_new_classmethod(MpTypeObject *type, MpMethodDef *ml)
{
    MpMethodDescrObject *descr;

    descr = (MpMethodDescrObject *)descr_new(&MpClassMethodDescr_Type, type,
                                             ml->ml_name);
    if (descr == NULL)
        return NULL;
    descr->d_method = ml;
    descr->vectorcall = classmethod_vectorcall;
    MpObject_GC_Track(descr);
    return (MpObject *)descr;
}

/* ---- member_descriptor ---- */

static MpObject *
member_get(MpObject *self, MpObject *obj, MpObject *type)
{
    MpMemberDef *m = ((MpMemberDescrObject *)self)->d_member;
    char *addr;

    MP_UNUSED(type);
    if (obj == NULL)
        return Mp_NewRef(self);
    if (descr_check(self, obj) < 0)
        return NULL;
    addr = (char *)obj + m->offset;
    switch (m->type) {
    case MP_T_INT:
        return MpLong_FromLong(*(int *)addr);
    case MP_T_BOOL:
        return MpBool_FromLong(*(char *)addr);
    case MP_T_PYSSIZET:
        return MpLong_FromSsize_t(*(Mp_ssize_t *)addr);
    case MP_T_OBJECT:
        if (*(MpObject **)addr == NULL)
            Mp_RETURN_NONE;
        return Mp_NewRef(*(MpObject **)addr);
    case MP_T_OBJECT_EX:
        if (*(MpObject **)addr == NULL)
            return MpErr_Format(MpExc_AttributeError,
                                "'%.200s' object has no attribute '%s'",
                                Mp_TYPE(obj)->tp_name, m->name);
        return Mp_NewRef(*(MpObject **)addr);
    default:
        MpErr_SetString(MpExc_SystemError, "bad memberdescr type");
        return NULL;
    }
}

static int
member_set_number(MpMemberDef *m, char *addr, MpObject *value)
{
    if (m->type == MP_T_BOOL) {
        if (!MpBool_Check(value)) {
            MpErr_SetString(MpExc_TypeError,
                            "attribute value type must be bool");
            return -1;
        }
        *(char *)addr = (char)(value == Mp_True);
        return 0;
    }
    if (!MpLong_Check(value)) {
        MpErr_SetString(MpExc_TypeError, "attribute value type must be int");
        return -1;
    }
    if (m->type == MP_T_INT) {
        long v = MpLong_AsLong(value);
        if (v == -1 && MpErr_Occurred())
            return -1;
        *(int *)addr = (int)v;
    }
    else {
        Mp_ssize_t v = MpLong_AsSsize_t(value);
        if (v == -1 && MpErr_Occurred())
            return -1;
        *(Mp_ssize_t *)addr = v;
    }
    return 0;
}

static int
member_set(MpObject *self, MpObject *obj, MpObject *value)
{
    MpMemberDef *m = ((MpMemberDescrObject *)self)->d_member;
    char *addr;

    if (descr_check(self, obj) < 0)
        return -1;
    if (m->flags & MP_READONLY) {
        MpErr_SetString(MpExc_AttributeError, "readonly attribute");
        return -1;
    }
    addr = (char *)obj + m->offset;
    if (m->type == MP_T_OBJECT || m->type == MP_T_OBJECT_EX) {
        MpObject *old = *(MpObject **)addr;
        if (value == NULL && m->type == MP_T_OBJECT_EX && old == NULL) {
            MpErr_SetString(MpExc_AttributeError, m->name);
            return -1;
        }
        *(MpObject **)addr = Mp_XNewRef(value);
        Mp_XDECREF(old);
        return 0;
    }
    if (value == NULL) {
        MpErr_SetString(MpExc_TypeError, "can't delete numeric/char "
                        "attribute");
        return -1;
    }
    return member_set_number(m, addr, value);
}

static MpObject *
member_repr(MpObject *self)
{
    return descr_repr(self, "member");
}

MpTypeObject MpMemberDescr_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(MpMemberDescrObject),
    .tp_repr = member_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
    DESCR_TYPE_COMMON,
};

/* member_descriptor for m.  New. */
MpObject *
mp_descr_new_member(MpTypeObject *type, MpMemberDef *m)
{
    MpMemberDescrObject *descr;

    descr = (MpMemberDescrObject *)descr_new(&MpMemberDescr_Type, type,
                                             m->name);
    if (descr == NULL)
        return NULL;
    descr->d_member = m;
    MpObject_GC_Track(descr);
    return (MpObject *)descr;
}

/* ---- getset_descriptor ---- */

static MpObject *
getset_get(MpObject *self, MpObject *obj, MpObject *type)
{
    MpGetSetDef *gs = ((MpGetSetDescrObject *)self)->d_getset;

    MP_UNUSED(type);
    if (obj == NULL)
        return Mp_NewRef(self);
    if (descr_check(self, obj) < 0)
        return NULL;
    if (gs->get == NULL) {
        return MpErr_Format(MpExc_AttributeError,
                            "attribute '%U' of '%.100s' objects is not "
                            "readable", DESCR_NAME(self),
                            DESCR_TYPE(self)->tp_name);
    }
    return gs->get(obj, gs->closure);
}

static int
getset_set(MpObject *self, MpObject *obj, MpObject *value)
{
    MpGetSetDef *gs = ((MpGetSetDescrObject *)self)->d_getset;

    if (descr_check(self, obj) < 0)
        return -1;
    if (gs->set == NULL) {
        MpErr_Format(MpExc_AttributeError,
                     "attribute '%U' of '%.100s' objects is not writable",
                     DESCR_NAME(self), DESCR_TYPE(self)->tp_name);
        return -1;
    }
    return gs->set(obj, value, gs->closure);
}

static MpObject *
getset_repr(MpObject *self)
{
    return descr_repr(self, "attribute");
}

MpTypeObject MpGetSetDescr_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(MpGetSetDescrObject),
    .tp_repr = getset_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
    DESCR_TYPE_COMMON,
};

/* getset_descriptor for gs.  New. */
MpObject *
mp_descr_new_getset(MpTypeObject *type, MpGetSetDef *gs)
{
    MpGetSetDescrObject *descr;

    descr = (MpGetSetDescrObject *)descr_new(&MpGetSetDescr_Type, type,
                                             gs->name);
    if (descr == NULL)
        return NULL;
    descr->d_getset = gs;
    MpObject_GC_Track(descr);
    return (MpObject *)descr;
}

/* ---- wrapper_descriptor and method-wrapper ---- */

static MpObject *
wrapper_call_raw(MpWrapperDescrObject *d, MpObject *self, MpObject *args,
                 MpObject *kwds)
{
    wrapperbase *base = d->d_base;

    if (base->flags & MP_WRAPPER_FLAG_KEYWORDS)
        return ((wrapperfunc_kwds)(void (*)(void))base->wrapper)(
            self, args, d->d_wrapped, kwds);
    if (kwds != NULL && MpDict_Size(kwds) > 0) {
        return MpErr_Format(MpExc_TypeError,
                            "wrapper %U() takes no keyword arguments",
                            DESCR_NAME(d));
    }
    return base->wrapper(self, args, d->d_wrapped);
}

static MpObject *
wrapperdescr_call(MpObject *self, MpObject *args, MpObject *kwds)
{
    Mp_ssize_t n = MpTuple_GET_SIZE(args);
    MpObject *obj, *rest, *res;

    if (n < 1) {
        return MpErr_Format(MpExc_TypeError,
                            "descriptor '%U' of '%.100s' object needs an "
                            "argument", DESCR_NAME(self),
                            DESCR_TYPE(self)->tp_name);
    }
    obj = MpTuple_GET_ITEM(args, 0);
    if (!MpObject_TypeCheck(obj, DESCR_TYPE(self))) {
        return MpErr_Format(MpExc_TypeError,
                            "descriptor '%U' requires a '%.100s' object but "
                            "received a '%.100s'", DESCR_NAME(self),
                            DESCR_TYPE(self)->tp_name,
                            Mp_TYPE(obj)->tp_name);
    }
    rest = MpTuple_GetSlice(args, 1, n);
    if (rest == NULL)
        return NULL;
    res = wrapper_call_raw((MpWrapperDescrObject *)self, obj, rest, kwds);
    Mp_DECREF(rest);
    return res;
}

typedef struct {
    MpObject_HEAD
    MpWrapperDescrObject *descr;
    MpObject *self;
} wrapperobject;

static MpObject *
wrapperdescr_get(MpObject *self, MpObject *obj, MpObject *type)
{
    wrapperobject *wp;

    MP_UNUSED(type);
    if (obj == NULL)
        return Mp_NewRef(self);
    if (descr_check(self, obj) < 0)
        return NULL;
    wp = MpObject_GC_New(wrapperobject, &MpMethodWrapper_Type);
    if (wp == NULL)
        return MpErr_Occurred() ? NULL : MpErr_NoMemory();
    wp->descr = (MpWrapperDescrObject *)Mp_NewRef(self);
    wp->self = Mp_NewRef(obj);
    MpObject_GC_Track(wp);
    return (MpObject *)wp;
}

static MpObject *
wrapperdescr_repr(MpObject *self)
{
    return descr_repr(self, "slot wrapper");
}

MpTypeObject MpWrapperDescr_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(MpWrapperDescrObject),
    .tp_repr = wrapperdescr_repr,
    .tp_call = wrapperdescr_call,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_descr_get = wrapperdescr_get,
    DESCR_TYPE_COMMON,
};

/* wrapper_descriptor exposing the C slot 'wrapped' of type.  New. */
MpObject *
mp_descr_new_wrapper(MpTypeObject *type, wrapperbase *base, void *wrapped)
{
    MpWrapperDescrObject *descr;

    descr = (MpWrapperDescrObject *)descr_new(&MpWrapperDescr_Type, type,
                                              base->name.string);
    if (descr == NULL)
        return NULL;
    descr->d_base = base;
    descr->d_wrapped = wrapped;
    MpObject_GC_Track(descr);
    return (MpObject *)descr;
}

static void
wrapper_dealloc(MpObject *op)
{
    wrapperobject *wp = (wrapperobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(wp->descr);
    Mp_XDECREF(wp->self);
    MpObject_GC_Del(op);
}

static int
wrapper_traverse(MpObject *op, visitproc visit, void *arg)
{
    wrapperobject *wp = (wrapperobject *)op;
    Mp_VISIT(wp->descr);
    Mp_VISIT(wp->self);
    return 0;
}

static MpObject *
wrapper_repr(MpObject *op)
{
    wrapperobject *wp = (wrapperobject *)op;
    return MpUnicode_FromFormat("<method-wrapper '%U' of %s object at %p>",
                                DESCR_NAME(wp->descr),
                                Mp_TYPE(wp->self)->tp_name,
                                (void *)wp->self);
}

static MpObject *
wrapper_call(MpObject *op, MpObject *args, MpObject *kwds)
{
    wrapperobject *wp = (wrapperobject *)op;
    return wrapper_call_raw(wp->descr, wp->self, args, kwds);
}

static MpObject *
wrapper_get_self(MpObject *op, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(((wrapperobject *)op)->self);
}

static MpObject *
wrapper_get_name(MpObject *op, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(DESCR_NAME(((wrapperobject *)op)->descr));
}

static MpGetSetDef wrapper_getset[] = {
    {"__self__", wrapper_get_self, NULL, NULL, NULL},
    {"__name__", wrapper_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MpTypeObject MpMethodWrapper_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(wrapperobject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_call = wrapper_call,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
    .tp_getset = wrapper_getset,
};

/* ---- staticmethod and classmethod ---- */

typedef struct {
    MpObject_HEAD
    MpObject *callable;
} funcwrapper;

static void
funcwrapper_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    Mp_XDECREF(((funcwrapper *)op)->callable);
    Mp_TYPE(op)->tp_free(op);
}

static int
funcwrapper_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((funcwrapper *)op)->callable);
    return 0;
}

static int
funcwrapper_clear(MpObject *op)
{
    Mp_CLEAR(((funcwrapper *)op)->callable);
    return 0;
}

static int
funcwrapper_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    const char *name = Mp_IS_TYPE(self, &MpStaticMethod_Type)
                       ? "staticmethod" : "classmethod";
    funcwrapper *fw = (funcwrapper *)self;

    if (MpArg_NoKeywords(name, kwds) < 0
        || MpArg_CheckPositional(name, MpTuple_GET_SIZE(args), 1, 1) < 0)
        return -1;
    Mp_XSETREF(fw->callable, Mp_NewRef(MpTuple_GET_ITEM(args, 0)));
    return 0;
}

static MpObject *
funcwrapper_repr(MpObject *op)
{
    const char *name = Mp_IS_TYPE(op, &MpStaticMethod_Type)
                       ? "staticmethod" : "classmethod";
    MpObject *callable = ((funcwrapper *)op)->callable;

    if (callable == NULL)
        return MpUnicode_FromFormat("<%s(NULL)>", name);
    return MpUnicode_FromFormat("<%s(%R)>", name, callable);
}

static MpObject *
funcwrapper_get_func(MpObject *op, void *closure)
{
    MpObject *callable = ((funcwrapper *)op)->callable;
    MP_UNUSED(closure);
    if (callable == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(callable);
}

static MpGetSetDef funcwrapper_getset[] = {
    {"__func__", funcwrapper_get_func, NULL, NULL, NULL},
    {"__wrapped__", funcwrapper_get_func, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpObject *
uninitialized(MpObject *op)
{
    return MpErr_Format(MpExc_RuntimeError, "uninitialized %s object",
                        Mp_TYPE(op)->tp_name);
}

static MpObject *
sm_get(MpObject *self, MpObject *obj, MpObject *type)
{
    MpObject *callable = ((funcwrapper *)self)->callable;

    MP_UNUSED(obj);
    MP_UNUSED(type);
    if (callable == NULL)
        return uninitialized(self);
    return Mp_NewRef(callable);
}

static MpObject *
sm_call(MpObject *self, MpObject *args, MpObject *kwds)
{
    MpObject *callable = ((funcwrapper *)self)->callable;
    if (callable == NULL)
        return uninitialized(self);
    return MpObject_Call(callable, args, kwds);
}

MpTypeObject MpStaticMethod_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(funcwrapper),
    .tp_dealloc = funcwrapper_dealloc,
    .tp_repr = funcwrapper_repr,
    .tp_call = sm_call,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "staticmethod(function) -> method",
    .tp_traverse = funcwrapper_traverse,
    .tp_clear = funcwrapper_clear,
    .tp_getset = funcwrapper_getset,
    .tp_descr_get = sm_get,
    .tp_init = funcwrapper_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = MpType_GenericNew,
    .tp_free = MpObject_GC_Del,
};

/* Bound through the callable's own __get__ with the class as instance,
 * which for a Python function makes a method bound to the class. */
static MpObject *
cm_get(MpObject *self, MpObject *obj, MpObject *type)
{
    MpObject *callable = ((funcwrapper *)self)->callable;
    descrgetfunc get;

    if (callable == NULL)
        return uninitialized(self);
    if (type == NULL && obj == NULL) {
        MpErr_SetString(MpExc_TypeError, "__get__(None, None) is invalid");
        return NULL;
    }
    if (type == NULL)
        type = (MpObject *)Mp_TYPE(obj);
    get = Mp_TYPE(callable)->tp_descr_get;
    if (get == NULL) {
        return MpErr_Format(MpExc_TypeError,
                            "classmethod of a '%.100s' object (a callable "
                            "without __get__) is not supported",
                            Mp_TYPE(callable)->tp_name);
    }
    return get(callable, type, type);
}

MpTypeObject MpClassMethod_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(funcwrapper),
    .tp_dealloc = funcwrapper_dealloc,
    .tp_repr = funcwrapper_repr,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "classmethod(function) -> method",
    .tp_traverse = funcwrapper_traverse,
    .tp_clear = funcwrapper_clear,
    .tp_getset = funcwrapper_getset,
    .tp_descr_get = cm_get,
    .tp_init = funcwrapper_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = MpType_GenericNew,
    .tp_free = MpObject_GC_Del,
};

static MpObject *
funcwrapper_new(MpTypeObject *type, MpObject *callable)
{
    funcwrapper *fw = (funcwrapper *)MpType_GenericAlloc(type, 0);
    if (fw == NULL)
        return NULL;
    fw->callable = Mp_NewRef(callable);
    return (MpObject *)fw;
}

/* staticmethod(callable).  New. */
MpObject *
mp_staticmethod_new(MpObject *callable)
{
    return funcwrapper_new(&MpStaticMethod_Type, callable);
}

/* classmethod(callable).  New. */
MpObject *
mp_classmethod_new(MpObject *callable)
{
    return funcwrapper_new(&MpClassMethod_Type, callable);
}

/* ---- property ---- */

typedef struct {
    MpObject_HEAD
    MpObject *prop_get;
    MpObject *prop_set;
    MpObject *prop_del;
    MpObject *prop_doc;
    MpObject *prop_name;
    int getter_doc;         /* prop_doc was taken from fget.__doc__ */
} propertyobject;

static void
property_dealloc(MpObject *op)
{
    propertyobject *p = (propertyobject *)op;

    MpObject_GC_UnTrack(op);
    Mp_XDECREF(p->prop_get);
    Mp_XDECREF(p->prop_set);
    Mp_XDECREF(p->prop_del);
    Mp_XDECREF(p->prop_doc);
    Mp_XDECREF(p->prop_name);
    Mp_TYPE(op)->tp_free(op);
}

static int
property_traverse(MpObject *op, visitproc visit, void *arg)
{
    propertyobject *p = (propertyobject *)op;
    Mp_VISIT(p->prop_get);
    Mp_VISIT(p->prop_set);
    Mp_VISIT(p->prop_del);
    Mp_VISIT(p->prop_doc);
    return 0;
}

static int
property_clear(MpObject *op)
{
    propertyobject *p = (propertyobject *)op;
    Mp_CLEAR(p->prop_get);
    Mp_CLEAR(p->prop_set);
    Mp_CLEAR(p->prop_del);
    Mp_CLEAR(p->prop_doc);
    return 0;
}

/* AttributeError "property 'x' of 'A' object has no getter". */
static void
property_missing(propertyobject *p, MpObject *obj, const char *what)
{
    MpObject *qualname = mp_type_qualname(Mp_TYPE(obj));

    if (qualname == NULL)
        return;
    if (p->prop_name != NULL)
        MpErr_Format(MpExc_AttributeError,
                     "property %R of %R object has no %s", p->prop_name,
                     qualname, what);
    else
        MpErr_Format(MpExc_AttributeError, "property of %R object has no %s",
                     qualname, what);
    Mp_DECREF(qualname);
}

static MpObject *
property_get(MpObject *self, MpObject *obj, MpObject *type)
{
    propertyobject *p = (propertyobject *)self;

    MP_UNUSED(type);
    if (obj == NULL || obj == Mp_None)
        return Mp_NewRef(self);
    if (p->prop_get == NULL) {
        property_missing(p, obj, "getter");
        return NULL;
    }
    return MpObject_CallOneArg(p->prop_get, obj);
}

static int
property_set(MpObject *self, MpObject *obj, MpObject *value)
{
    propertyobject *p = (propertyobject *)self;
    MpObject *func = value == NULL ? p->prop_del : p->prop_set, *res;
    MpObject *args[2] = {obj, value};

    if (func == NULL) {
        property_missing(p, obj, value == NULL ? "deleter" : "setter");
        return -1;
    }
    res = MpObject_Vectorcall(func, args, value == NULL ? 1 : 2, NULL);
    if (res == NULL)
        return -1;
    Mp_DECREF(res);
    return 0;
}

static int
property_parse(MpObject *args, MpObject *kwds, MpObject *out[4])
{
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    Mp_ssize_t i, n = MpTuple_GET_SIZE(args);
    Mp_ssize_t pos = 0;
    MpObject *key, *value;

    if (n > 4) {
        MpErr_Format(MpExc_TypeError, "property() takes at most 4 arguments "
                     "(%zd given)", n + (kwds ? MpDict_Size(kwds) : 0));
        return -1;
    }
    for (i = 0; i < 4; i++)
        out[i] = i < n ? MpTuple_GET_ITEM(args, i) : NULL;
    while (kwds != NULL && MpDict_Next(kwds, &pos, &key, &value)) {
        for (i = 0; i < 4; i++) {
            if (MpUnicode_Check(key) && MpUnicode_EqualToUTF8(key, names[i]))
                break;
        }
        if (i == 4 || i < n) {
            if (i == 4)
                MpErr_Format(MpExc_TypeError, "%R is an invalid keyword "
                             "argument for property()", key);
            else
                MpErr_Format(MpExc_TypeError, "argument for property() "
                             "given by name ('%s') and position (%zd)",
                             names[i], i + 1);
            return -1;
        }
        out[i] = value;
    }
    for (i = 0; i < 4; i++) {
        if (out[i] == Mp_None)
            out[i] = NULL;
    }
    return 0;
}

static int
property_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    propertyobject *p = (propertyobject *)self;
    MpObject *a[4];

    if (property_parse(args, kwds, a) < 0)
        return -1;
    Mp_XSETREF(p->prop_get, Mp_XNewRef(a[0]));
    Mp_XSETREF(p->prop_set, Mp_XNewRef(a[1]));
    Mp_XSETREF(p->prop_del, Mp_XNewRef(a[2]));
    Mp_XSETREF(p->prop_doc, Mp_XNewRef(a[3]));
    p->getter_doc = 0;
    /* Without a doc, the getter's docstring serves. */
    if (a[3] == NULL && a[0] != NULL) {
        MpObject *doc = MpObject_GetAttrString(a[0], "__doc__");
        if (doc == NULL) {
            if (!MpErr_ExceptionMatches(MpExc_AttributeError))
                return -1;
            MpErr_Clear();
        }
        else if (doc == Mp_None)
            Mp_DECREF(doc);
        else {
            Mp_XSETREF(p->prop_doc, doc);
            p->getter_doc = 1;
        }
    }
    return 0;
}

/* A copy of the property with one of its functions replaced. */
static MpObject *
property_copy(MpObject *self, int which, MpObject *func)
{
    propertyobject *p = (propertyobject *)self, *np;
    MpObject *f[4], *args, *res;
    int i;

    f[0] = p->prop_get;
    f[1] = p->prop_set;
    f[2] = p->prop_del;
    f[3] = p->getter_doc ? NULL : p->prop_doc;
    f[which] = func;
    args = MpTuple_New(4);
    if (args == NULL)
        return NULL;
    for (i = 0; i < 4; i++)
        MpTuple_SET_ITEM(args, i, Mp_NewRef(f[i] != NULL ? f[i] : Mp_None));
    res = MpObject_Call((MpObject *)Mp_TYPE(self), args, NULL);
    Mp_DECREF(args);
    if (res != NULL && MpObject_TypeCheck(res, &MpProperty_Type)) {
        np = (propertyobject *)res;
        Mp_XSETREF(np->prop_name, Mp_XNewRef(p->prop_name));
    }
    return res;
}

static MpObject *
property_getter(MpObject *self, MpObject *func)
{
    return property_copy(self, 0, func);
}

static MpObject *
property_setter(MpObject *self, MpObject *func)
{
    return property_copy(self, 1, func);
}

static MpObject *
property_deleter(MpObject *self, MpObject *func)
{
    return property_copy(self, 2, func);
}

static MpObject *
property_set_name(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    propertyobject *p = (propertyobject *)self;

    if (MpArg_CheckPositional("__set_name__", nargs, 2, 2) < 0)
        return NULL;
    Mp_XSETREF(p->prop_name, Mp_NewRef(args[1]));
    Mp_RETURN_NONE;
}

static MpMethodDef property_methods[] = {
    {"getter", property_getter, MP_METH_O, NULL},
    {"setter", property_setter, MP_METH_O, NULL},
    {"deleter", property_deleter, MP_METH_O, NULL},
    {"__set_name__", (MpCFunction)(void (*)(void))property_set_name,
     MP_METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static MpMemberDef property_members[] = {
    {"fget", MP_T_OBJECT, offsetof(propertyobject, prop_get), MP_READONLY,
     NULL},
    {"fset", MP_T_OBJECT, offsetof(propertyobject, prop_set), MP_READONLY,
     NULL},
    {"fdel", MP_T_OBJECT, offsetof(propertyobject, prop_del), MP_READONLY,
     NULL},
    {"__doc__", MP_T_OBJECT, offsetof(propertyobject, prop_doc), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpProperty_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "property",
    .tp_basicsize = sizeof(propertyobject),
    .tp_dealloc = property_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE,
    .tp_doc = "property(fget=None, fset=None, fdel=None, doc=None)",
    .tp_traverse = property_traverse,
    .tp_clear = property_clear,
    .tp_methods = property_methods,
    .tp_members = property_members,
    .tp_descr_get = property_get,
    .tp_descr_set = property_set,
    .tp_init = property_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = MpType_GenericNew,
    .tp_free = MpObject_GC_Del,
};
