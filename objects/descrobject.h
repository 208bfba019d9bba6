/*
 * descrobject.h -- descriptors: the objects a type's dict holds for its
 * C-level methods, members, getsets and slots, plus the Python-level
 * classmethod, staticmethod and property types.
 *
 *   type's dict entry        made from            reads on an instance as
 *   -----------------------  -------------------  ------------------------
 *   method_descriptor        MpMethodDef          builtin method (bound)
 *   classmethod_descriptor   MpMethodDef CLASS    builtin method (on type)
 *   member_descriptor        MpMemberDef          the field's value
 *   getset_descriptor        MpGetSetDef          getter(obj, closure)
 *   wrapper_descriptor       a slot (tp_repr...)  method-wrapper (bound)
 */
#ifndef MP_DESCROBJECT_H
#define MP_DESCROBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"

/* A slot wrapper calls the C slot 'wrapped' of 'self' with the arguments
 * unpacked from the tuple 'args' (and dict 'kwds' for the KEYWORDS
 * flavour). */
typedef MpObject *(*wrapperfunc)(MpObject *self, MpObject *args,
                                 void *wrapped);
typedef MpObject *(*wrapperfunc_kwds)(MpObject *self, MpObject *args,
                                      void *wrapped, MpObject *kwds);
#define MP_WRAPPER_FLAG_KEYWORDS 1

/* One row of the slot table in typeobject.c: dunder name, where the slot
 * lives (an offset into MpHeapTypeObject), the function heap types use
 * for it, and the wrapper exposing a C slot to Python. */
typedef struct wrapperbase {
    MpIdentifier name;
    int offset;
    void *function;
    wrapperfunc wrapper;
    int flags;
} wrapperbase;

/* The fields every descriptor shares. */
typedef struct {
    MpObject_HEAD
    MpTypeObject *d_type;   /* the type defining it; owned */
    MpObject *d_name;       /* str; owned */
} MpDescrObject;

typedef struct {
    MpDescrObject d_common;
    MpMethodDef *d_method;
    vectorcallfunc vectorcall;
} MpMethodDescrObject;

typedef struct {
    MpDescrObject d_common;
    MpMemberDef *d_member;
} MpMemberDescrObject;

typedef struct {
    MpDescrObject d_common;
    MpGetSetDef *d_getset;
} MpGetSetDescrObject;

typedef struct {
    MpDescrObject d_common;
    wrapperbase *d_base;
    void *d_wrapped;        /* the C slot function */
} MpWrapperDescrObject;

extern MpTypeObject MpMethodDescr_Type;
extern MpTypeObject MpClassMethodDescr_Type;
extern MpTypeObject MpMemberDescr_Type;
extern MpTypeObject MpGetSetDescr_Type;
extern MpTypeObject MpWrapperDescr_Type;
extern MpTypeObject MpMethodWrapper_Type;
extern MpTypeObject MpStaticMethod_Type;   /* staticmethod */
extern MpTypeObject MpClassMethod_Type;    /* classmethod */
extern MpTypeObject MpProperty_Type;       /* property */

/* Descriptor constructors used by MpType_Ready.  New. */
MpObject *mp_descr_new_method(MpTypeObject *type, MpMethodDef *ml);
MpObject *mp_descr_new_classmethod(MpTypeObject *type, MpMethodDef *ml);
MpObject *mp_descr_new_member(MpTypeObject *type, MpMemberDef *m);
MpObject *mp_descr_new_getset(MpTypeObject *type, MpGetSetDef *gs);
MpObject *mp_descr_new_wrapper(MpTypeObject *type, wrapperbase *base,
                               void *wrapped);
/* staticmethod(callable) / classmethod(callable).  New. */
MpObject *mp_staticmethod_new(MpObject *callable);
MpObject *mp_classmethod_new(MpObject *callable);

/* 1 if 'd' is a descriptor that defines __set__ (a data descriptor). */
static inline int
mp_descr_is_data(MpObject *d)
{
    return Mp_TYPE(d)->tp_descr_set != NULL;
}

#endif /* MP_DESCROBJECT_H */
