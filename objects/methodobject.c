/*
 * methodobject.c -- builtin functions and bound builtin methods
 * (`builtin_function_or_method`).
 *
 *   MpCFunctionObject                     ml_flags      C signature
 *   +-------------+                       ------------  -------------------
 *   | m_ml  ------+--> MpMethodDef        NOARGS        f(self, NULL)
 *   | m_self      |    {name, meth,       O             f(self, arg)
 *   | m_module    |     flags, doc}       VARARGS       f(self, tuple)
 *   | vectorcall  |                       VARARGS|KW    f(self, tuple, dict)
 *   | m_def       |  (storage for         FASTCALL      f(self, args, n)
 *   +-------------+   MpCFunction_New)    FASTCALL|KW   f(self, args, n, kw)
 *
 * Every call arrives as a vectorcall (an argument array plus an optional
 * tuple of keyword names) and mp_cfunction_call_def converts it to what
 * the C function expects, checking the argument count with CPython's
 * messages ("len() takes exactly one argument (2 given)").  Method
 * descriptors (descrobject.c) reuse that function for unbound calls.
 *
 * Invariant: m_self is NULL for a plain function; a bound method owns a
 * reference to its self, so the type is a GC type.
 *
 * Read alongside CPython 3.11: Objects/methodobject.c (PyCMethod_New,
 * cfunction_vectorcall_*, meth_repr, meth_richcompare, meth_get__qualname__).
 *
 * Left out: METH_METHOD (defining class argument), __text_signature__,
 * pickling.
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "objects/typeobject.h"
#include "objects/methodobject.h"
#include "objects/unicodeobject.h"
#include "objects/dictobject.h"
#include "objects/tupleobject.h"

#include <stddef.h>

#define CALL_FLAGS (MP_METH_VARARGS | MP_METH_KEYWORDS | MP_METH_NOARGS \
                    | MP_METH_O | MP_METH_FASTCALL)

static MpObject *cfunction_vectorcall(MpObject *func, MpObject *const *args,
                                      size_t nargsf, MpObject *kwnames);

/* ---- Construction ---- */

static MpCFunctionObject *
cfunction_alloc(MpObject *self, MpObject *module)
{
    MpCFunctionObject *op = MpObject_GC_New(MpCFunctionObject,
                                            &MpCFunction_Type);
    if (op == NULL) {
        if (!MpErr_Occurred())
            MpErr_NoMemory();
        return NULL;
    }
    op->m_ml = NULL;
    op->m_self = Mp_XNewRef(self);
    op->m_module = Mp_XNewRef(module);
    op->m_name = NULL;
    op->vectorcall = cfunction_vectorcall;
    memset(&op->m_def, 0, sizeof(op->m_def));
    return op;
}

/* A function or method for 'ml' bound to 'self' (may be NULL).  New. */
MpObject *
MpCFunction_NewEx(MpMethodDef *ml, MpObject *self, MpObject *module)
{
    MpCFunctionObject *op;

    if (ml == NULL || ml->ml_name == NULL) {
        MpErr_BadInternalCall();
        return NULL;
    }
    op = cfunction_alloc(self, module);
    if (op == NULL)
        return NULL;
    op->m_ml = ml;
    MpObject_GC_Track(op);
    return (MpObject *)op;
}

/* A plain function 'name' calling fn(NULL, args, nargs).  The name is
 * copied, so it need not outlive the call.  New. */
MpObject *
MpCFunction_New(const char *name, MpCFunctionFast fn, int flags)
{
    MpCFunctionObject *op;

    if (name == NULL || fn == NULL
        || (flags & ~(MP_METH_KEYWORDS)) != MP_METH_FASTCALL) {
        MpErr_SetString(MpExc_SystemError, "MpCFunction_New: needs a name, "
                        "a function and MP_METH_FASTCALL[|MP_METH_KEYWORDS]");
        return NULL;
    }
    op = cfunction_alloc(NULL, NULL);
    if (op == NULL)
        return NULL;
    op->m_name = MpUnicode_FromString(name);
    if (op->m_name == NULL) {
        Mp_DECREF(op);
        return NULL;
    }
    op->m_def.ml_name = MpUnicode_AsUTF8(op->m_name);
    op->m_def.ml_meth = (MpCFunction)(void (*)(void))fn;
    op->m_def.ml_flags = flags;
    op->m_ml = &op->m_def;
    MpObject_GC_Track(op);
    return (MpObject *)op;
}

/* ---- Calling ---- */

/* The type qualifying the name of a bound method in messages, or NULL
 * for a plain function or a module-level one. */
static const char *
self_type_name(MpObject *self)
{
    if (self == NULL || strcmp(Mp_TYPE(self)->tp_name, "module") == 0)
        return NULL;
    if (MpType_Check(self))
        return mp_type_qualname_utf8((MpTypeObject *)self);
    return mp_type_qualname_utf8(Mp_TYPE(self));
}

static MpObject *
args_error(MpObject *qualifier, const char *name, const char *fmt,
           Mp_ssize_t n)
{
    const char *type_name = self_type_name(qualifier);
    char qualname[256];

    if (type_name != NULL)
        snprintf(qualname, sizeof(qualname), "%s.%s()", type_name, name);
    else
        snprintf(qualname, sizeof(qualname), "%s()", name);
    return MpErr_Format(MpExc_TypeError, fmt, qualname, n);
}

static int
has_keywords(MpObject *kwnames)
{
    return kwnames != NULL && MpTuple_GET_SIZE(kwnames) > 0;
}

/* The old-style conventions: build a tuple (and a dict). */
static MpObject *
call_varargs(MpMethodDef *ml, MpObject *self, MpObject *const *args,
             Mp_ssize_t nargs, MpObject *kwnames)
{
    Mp_ssize_t i, nkw = kwnames ? MpTuple_GET_SIZE(kwnames) : 0;
    MpObject *tuple, *kwargs = NULL, *res = NULL;

    tuple = mp_tuple_from_array(args, nargs);
    if (tuple == NULL)
        return NULL;
    if (nkw > 0) {
        kwargs = MpDict_New();
        if (kwargs == NULL)
            goto done;
        for (i = 0; i < nkw; i++) {
            if (MpDict_SetItem(kwargs, MpTuple_GET_ITEM(kwnames, i),
                               args[nargs + i]) < 0)
                goto done;
        }
    }
    if (ml->ml_flags & MP_METH_KEYWORDS)
        res = ((MpCFunctionWithKeywords)(void (*)(void))ml->ml_meth)(
            self, tuple, kwargs);
    else
        res = ml->ml_meth(self, tuple);
done:
    Mp_DECREF(tuple);
    Mp_XDECREF(kwargs);
    return res;
}

/* Call ml's C function (see methodobject.h).  New, or NULL with an
 * exception. */
MpObject *
mp_cfunction_call_def(MpMethodDef *ml, MpObject *self, MpObject *const *args,
                      Mp_ssize_t nargs, MpObject *kwnames,
                      MpObject *qualifier)
{
    int flags = ml->ml_flags & CALL_FLAGS;

    if (!(flags & MP_METH_KEYWORDS) && has_keywords(kwnames))
        return args_error(qualifier, ml->ml_name,
                          "%s takes no keyword arguments", 0);
    switch (flags) {
    case MP_METH_NOARGS:
        if (nargs != 0)
            return args_error(qualifier, ml->ml_name,
                              "%s takes no arguments (%zd given)", nargs);
        return ml->ml_meth(self, NULL);
    case MP_METH_O:
        if (nargs != 1)
            return args_error(qualifier, ml->ml_name,
                              "%s takes exactly one argument (%zd given)",
                              nargs);
        return ml->ml_meth(self, args[0]);
    case MP_METH_FASTCALL:
        return ((MpCFunctionFast)(void (*)(void))ml->ml_meth)(self, args,
                                                              nargs);
    case MP_METH_FASTCALL | MP_METH_KEYWORDS:
        return ((MpCFunctionFastWithKeywords)(void (*)(void))ml->ml_meth)(
            self, args, nargs, kwnames);
    case MP_METH_VARARGS:
    case MP_METH_VARARGS | MP_METH_KEYWORDS:
        return call_varargs(ml, self, args, nargs, kwnames);
    default:
        MpErr_Format(MpExc_SystemError, "%s() method: bad call flags",
                     ml->ml_name);
        return NULL;
    }
}

static MpObject *
cfunction_vectorcall(MpObject *func, MpObject *const *args, size_t nargsf,
                     MpObject *kwnames)
{
    MpCFunctionObject *f = (MpCFunctionObject *)func;
    MpObject *res;

    if (mp_enter_recursive_call(" while calling a Python object"))
        return NULL;
    res = mp_cfunction_call_def(f->m_ml, f->m_self, args,
                                MpVectorcall_NARGS(nargsf), kwnames,
                                f->m_self);
    Mp_LeaveRecursiveCall();
    return res;
}

static MpObject *
cfunction_call(MpObject *func, MpObject *args, MpObject *kwds)
{
    return mp_call_vectorcall_dict(cfunction_vectorcall, func, args, kwds);
}

/* ---- Attributes and the rest ---- */

/* "name" or "Type.name" of a builtin function or method.  New. */
MpObject *
mp_cfunction_qualname(MpObject *func)
{
    MpCFunctionObject *f = (MpCFunctionObject *)func;
    const char *type_name = self_type_name(f->m_self);

    if (type_name == NULL)
        return MpUnicode_FromString(f->m_ml->ml_name);
    if (MpType_Check(f->m_self)) {
        MpObject *q = mp_type_qualname((MpTypeObject *)f->m_self), *res;
        if (q == NULL)
            return NULL;
        res = MpUnicode_FromFormat("%U.%s", q, f->m_ml->ml_name);
        Mp_DECREF(q);
        return res;
    }
    return MpUnicode_FromFormat("%s.%s", type_name, f->m_ml->ml_name);
}

static MpObject *
meth_get_name(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return MpUnicode_FromString(((MpCFunctionObject *)self)->m_ml->ml_name);
}

static MpObject *
meth_get_qualname(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return mp_cfunction_qualname(self);
}

static MpObject *
meth_get_self(MpObject *self, void *closure)
{
    MpCFunctionObject *f = (MpCFunctionObject *)self;
    MP_UNUSED(closure);
    if (f->m_self != NULL)
        return Mp_NewRef(f->m_self);
    if (f->m_module != NULL)
        return Mp_NewRef(f->m_module);
    Mp_RETURN_NONE;
}

static MpObject *
meth_get_doc(MpObject *self, void *closure)
{
    MpCFunctionObject *f = (MpCFunctionObject *)self;
    MP_UNUSED(closure);
    if (f->m_ml->ml_doc == NULL)
        Mp_RETURN_NONE;
    return MpUnicode_FromString(f->m_ml->ml_doc);
}

static MpGetSetDef meth_getset[] = {
    {"__name__", meth_get_name, NULL, NULL, NULL},
    {"__qualname__", meth_get_qualname, NULL, NULL, NULL},
    {"__self__", meth_get_self, NULL, NULL, NULL},
    {"__doc__", meth_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpMemberDef meth_members[] = {
    {"__module__", MP_T_OBJECT, offsetof(MpCFunctionObject, m_module), 0,
     NULL},
    {NULL, 0, 0, 0, NULL},
};

static MpObject *
meth_repr(MpObject *self)
{
    MpCFunctionObject *f = (MpCFunctionObject *)self;

    if (f->m_self == NULL || self_type_name(f->m_self) == NULL)
        return MpUnicode_FromFormat("<built-in function %s>",
                                    f->m_ml->ml_name);
    return MpUnicode_FromFormat("<built-in method %s of %s object at %p>",
                                f->m_ml->ml_name,
                                Mp_TYPE(f->m_self)->tp_name,
                                (void *)f->m_self);
}

/* Two builtin methods are equal when they wrap the same C function for
 * the same self. */
static MpObject *
meth_richcompare(MpObject *self, MpObject *other, int op)
{
    MpCFunctionObject *a, *b;
    int eq;

    if ((op != Mp_EQ && op != Mp_NE) || !MpCFunction_Check(self)
        || !MpCFunction_Check(other))
        Mp_RETURN_NOTIMPLEMENTED;
    a = (MpCFunctionObject *)self;
    b = (MpCFunctionObject *)other;
    eq = a->m_self == b->m_self && a->m_ml->ml_meth == b->m_ml->ml_meth;
    if (op == Mp_NE)
        eq = !eq;
    return Mp_NewRef(eq ? Mp_True : Mp_False);
}

static Mp_hash_t
meth_hash(MpObject *self)
{
    MpCFunctionObject *f = (MpCFunctionObject *)self;
    Mp_hash_t x = Mp_HashPointer(f->m_self);
    Mp_hash_t y = Mp_HashPointer((void *)(uintptr_t)f->m_ml->ml_meth);

    x ^= y;
    return x == -1 ? -2 : x;
}

static void
meth_dealloc(MpObject *self)
{
    MpCFunctionObject *f = (MpCFunctionObject *)self;

    MpObject_GC_UnTrack(self);
    Mp_XDECREF(f->m_self);
    Mp_XDECREF(f->m_module);
    Mp_XDECREF(f->m_name);
    MpObject_GC_Del(self);
}

static int
meth_traverse(MpObject *self, visitproc visit, void *arg)
{
    MpCFunctionObject *f = (MpCFunctionObject *)self;
    Mp_VISIT(f->m_self);
    Mp_VISIT(f->m_module);
    return 0;
}

MpTypeObject MpCFunction_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(MpCFunctionObject),
    .tp_dealloc = meth_dealloc,
    .tp_vectorcall_offset = offsetof(MpCFunctionObject, vectorcall),
    .tp_repr = meth_repr,
    .tp_hash = meth_hash,
    .tp_call = cfunction_call,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = meth_traverse,
    .tp_richcompare = meth_richcompare,
    .tp_members = meth_members,
    .tp_getset = meth_getset,
};
