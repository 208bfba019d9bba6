/*
 * object.c -- the generic object protocol, None and NotImplemented, the
 * `object` base type, and the one path by which every object dies.
 *
 * Birth and death of an object:
 *
 *   MpObject_NewFromType ---+                      +--> MpObject_Del
 *   MpObject_GC_New* -------+--> MpObject_Init --> |     (non-GC)
 *   free list reuse --------+    (live + 1)        +--> MpObject_GC_Del
 *                                                  |     (GC types)
 *   Mp_DECREF -> 0 -> Mp_Dealloc -> tp_dealloc ----+--> free-list park
 *                                                      (mp_object_died:
 *                                                       live - 1)
 *
 * The trashcan.  Freeing a deeply nested structure (a list holding a
 * list holding ... a million times) calls tp_dealloc inside tp_dealloc
 * and would overflow the C stack.  Mp_Dealloc counts its nesting depth;
 * past MP_TRASHCAN_DEPTH a dying GC object is not freed at once but
 * pushed on the collector's trash list (linked through its GC header),
 * and the outermost Mp_Dealloc pops and frees those objects one by one
 * after its own tp_dealloc returns.  Each of them may push more; the
 * depth never exceeds the limit, so the stack stays bounded.
 *
 * Attribute lookup (MpObject_GenericGetAttr), in CPython's order:
 *
 *   1. look the name up along type(obj).__mro__  -> descr
 *   2. descr is a data descriptor (has __set__)  -> descr.__get__(obj)
 *   3. the instance has it (inline values or     -> that value
 *      the dict at tp_dictoffset)
 *   4. descr has __get__                         -> descr.__get__(obj)
 *   5. descr found                               -> descr itself
 *   6. AttributeError "'T' object has no attribute 'x'"
 *
 * Rich comparison: when type(w) is a proper subclass of type(v) its
 * reflected method is tried first; then v's, then w's reflected one;
 * if all return NotImplemented, == and != fall back to identity and the
 * others raise TypeError.
 *
 * Invariants: an object counted by MpObject_Init is counted dead exactly
 * once (mp_object_died); the live counter is not reset by init or fini,
 * since objects may be born before this layer is initialised (interned
 * strings) and die after it is finalised.
 *
 * Read alongside CPython 3.11: Objects/object.c (PyObject_Repr,
 * do_richcompare, _PyObject_GenericGetAttrWithDict, PyObject_IsTrue,
 * _PyTrash_thread_deposit_object), Objects/typeobject.c (object_new,
 * object_init, object_repr, object_richcompare).
 *
 * Left out: __class__ assignment, __reduce__/__dir__/__init_subclass__
 * of object, weak references, tp_print and the legacy tp_getattr slot.
 * The trashcan defers only GC objects (only they can form deep chains
 * and only they have a header to link through).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "objects/typeobject.h"
#include "objects/instancevalues.h"
#include "objects/descrobject.h"
#include "objects/methodobject.h"
#include "objects/unicodeobject.h"
#include "objects/dictobject.h"
#include "objects/tupleobject.h"
#include "gc/gc.h"

#include <stdlib.h>

/* Nesting of Mp_Dealloc beyond which GC objects are deferred. */
#define MP_TRASHCAN_DEPTH 50

Mp_ssize_t mp_object_live;

/* Survives init/fini, like mp_object_live. */
static struct {
    int trash_depth;            /* nesting of Mp_Dealloc */
} counters;

static struct {
    MpObject **repr_stack;      /* objects being repr'd (borrowed) */
    Mp_ssize_t repr_len;
    Mp_ssize_t repr_cap;
} state;

/* ---- Birth and death ---- */

/* Initialise the header of fresh memory; counts a birth.  Returns op. */
MpObject *
MpObject_Init(MpObject *op, MpTypeObject *type)
{
    return mp_object_birth(op, type);
}

/* As MpObject_Init, also setting ob_size.  Returns op. */
MpVarObject *
MpObject_InitVar(MpVarObject *op, MpTypeObject *type, Mp_ssize_t size)
{
    Mp_SET_SIZE(op, size);
    MpObject_Init((MpObject *)op, type);
    return op;
}

/* Births minus deaths so far. */
Mp_ssize_t
mp_object_live_count(void)
{
    return mp_object_live;
}

/* Live objects created by the runtime and not yet freed. */
Mp_ssize_t
Mp_GetLiveObjects(void)
{
    return mp_object_live;
}

/* A non-GC object of 'type' (tp_basicsize bytes).  New, or NULL with
 * MemoryError.  The body is not zeroed, as in CPython. */
MpObject *
MpObject_NewFromType(MpTypeObject *type)
{
    MpObject *op = MpObject_Malloc((size_t)type->tp_basicsize);
    if (op == NULL)
        return MpErr_NoMemory();
    return MpObject_Init(op, type);
}

/* A non-GC var-sized object with room for 'nitems' items.  New, or NULL
 * with MemoryError. */
MpVarObject *
MpObject_NewVarFromType(MpTypeObject *type, Mp_ssize_t nitems)
{
    size_t size;
    MpVarObject *op;

    if (nitems < 0 || (type->tp_itemsize != 0 &&
                       (size_t)nitems > (MP_SSIZE_T_MAX -
                                         (size_t)type->tp_basicsize) /
                                        (size_t)type->tp_itemsize)) {
        MpErr_NoMemory();
        return NULL;
    }
    size = (size_t)type->tp_basicsize + (size_t)nitems *
                                        (size_t)type->tp_itemsize;
    op = MpObject_Malloc(size);
    if (op == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    return MpObject_InitVar(op, type, nitems);
}

/* Free the memory of a non-GC object and count its death. */
void
MpObject_Del(void *op)
{
    if (op == NULL)
        return;
    MpObject_Free(mp_object_died((MpObject *)op));
}

/* Print what went wrong with a reference count and abort: continuing
 * would corrupt memory. */
void
Mp_FatalRefcountError(MpObject *op, const char *what)
{
    fprintf(stderr, "Fatal Python error: %s\n", what);
    fprintf(stderr, "object address  : %p\n", (void *)op);
    fprintf(stderr, "object refcount : %ld\n", (long)op->ob_refcnt);
    if (op->ob_refcnt >= 0 && Mp_TYPE(op) != NULL
        && Mp_TYPE(op)->tp_name != NULL)
        fprintf(stderr, "object type name: %s\n", Mp_TYPE(op)->tp_name);
    fflush(stderr);
    abort();
}

/* Run the destructor of 'op' (its refcount just reached 0), deferring
 * deep chains of GC objects to the trash list (see the file comment). */
void
Mp_Dealloc(MpObject *op)
{
    /* Objects outside the collector end no chain of containers: the
     * depth count is for GC objects (the file comment). */
    if (!mp_gc_is_gc(op)) {
        Mp_TYPE(op)->tp_dealloc(op);
        return;
    }
    if (counters.trash_depth >= MP_TRASHCAN_DEPTH && mp_gc_is_gc(op)) {
        mp_gc_trash_push(op);
        return;
    }
    counters.trash_depth++;
    Mp_TYPE(op)->tp_dealloc(op);
    if (counters.trash_depth == 1) {
        /* Outermost: free what the nested calls deferred.  Each dealloc
         * here starts again at depth 1. */
        MpObject *dead;
        while ((dead = mp_gc_trash_pop()) != NULL)
            Mp_TYPE(dead)->tp_dealloc(dead);
    }
    counters.trash_depth--;
}

/* ---- None and NotImplemented ---- */

static MpObject *
none_repr(MpObject *op)
{
    MP_UNUSED(op);
    return MpUnicode_FromString("None");
}

static void
none_dealloc(MpObject *op)
{
    Mp_FatalRefcountError(op, "deallocating None");
}

static int
none_bool(MpObject *op)
{
    MP_UNUSED(op);
    return 0;
}

static int
excess_args(MpObject *args, MpObject *kwds)
{
    return (args != NULL && MpTuple_Size(args) > 0)
           || (kwds != NULL && MpDict_Check(kwds) && MpDict_Size(kwds) > 0);
}

static MpObject *
none_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MP_UNUSED(type);
    if (excess_args(args, kwds)) {
        MpErr_SetString(MpExc_TypeError, "NoneType takes no arguments");
        return NULL;
    }
    Mp_RETURN_NONE;
}

static MpNumberMethods none_as_number = {
    .nb_bool = none_bool,
};

MpTypeObject MpNone_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "NoneType",
    .tp_basicsize = 0,
    .tp_dealloc = none_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_new = none_new,
};

MpObject Mp_NoneStruct = { 1, &MpNone_Type };

static MpObject *
notimplemented_repr(MpObject *op)
{
    MP_UNUSED(op);
    return MpUnicode_FromString("NotImplemented");
}

static void
notimplemented_dealloc(MpObject *op)
{
    Mp_FatalRefcountError(op, "deallocating NotImplemented");
}

static MpObject *
notimplemented_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MP_UNUSED(type);
    if (excess_args(args, kwds)) {
        MpErr_SetString(MpExc_TypeError,
                        "NotImplementedType takes no arguments");
        return NULL;
    }
    Mp_RETURN_NOTIMPLEMENTED;
}

MpTypeObject MpNotImplemented_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "NotImplementedType",
    .tp_basicsize = 0,
    .tp_dealloc = notimplemented_dealloc,
    .tp_repr = notimplemented_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_new = notimplemented_new,
};

MpObject Mp_NotImplementedStruct = { 1, &MpNotImplemented_Type };

/* ---- The object type ---- */

static int object_init(MpObject *self, MpObject *args, MpObject *kwds);

static MpObject *
object_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    if (excess_args(args, kwds)) {
        if (type->tp_new != object_new) {
            MpErr_SetString(MpExc_TypeError,
                            "object.__new__() takes exactly one argument "
                            "(the type to instantiate)");
            return NULL;
        }
        if (type->tp_init == object_init) {
            MpErr_Format(MpExc_TypeError, "%.200s() takes no arguments",
                         type->tp_name);
            return NULL;
        }
    }
    return type->tp_alloc(type, 0);
}

static int
object_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    MpTypeObject *type = Mp_TYPE(self);

    if (excess_args(args, kwds)) {
        if (type->tp_init != object_init) {
            MpErr_SetString(MpExc_TypeError,
                            "object.__init__() takes exactly one argument "
                            "(the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            MpErr_Format(MpExc_TypeError,
                         "%.200s.__init__() takes exactly one argument "
                         "(the instance to initialize)", type->tp_name);
            return -1;
        }
    }
    return 0;
}

static void
object_dealloc(MpObject *self)
{
    Mp_TYPE(self)->tp_free(self);
}

/* "<module.Qualname object at 0x...>", the repr of last resort.  New. */
MpObject *
mp_object_default_repr(MpObject *self)
{
    MpTypeObject *type = Mp_TYPE(self);
    MpObject *mod, *name, *res;

    mod = mp_type_module(type);
    if (mod == NULL) {
        /* No __module__ is fine; running out of memory is not. */
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return NULL;
        MpErr_Clear();
    }
    else if (!MpUnicode_Check(mod)) {
        Mp_CLEAR(mod);
    }
    name = mp_type_qualname(type);
    if (name == NULL) {
        Mp_XDECREF(mod);
        return NULL;
    }
    if (mod != NULL && !MpUnicode_EqualToUTF8(mod, "builtins"))
        res = MpUnicode_FromFormat("<%U.%U object at %p>", mod, name,
                                   (void *)self);
    else
        res = MpUnicode_FromFormat("<%s object at %p>", type->tp_name,
                                   (void *)self);
    Mp_XDECREF(mod);
    Mp_DECREF(name);
    return res;
}

static MpObject *
object_str(MpObject *self)
{
    unaryfunc f = Mp_TYPE(self)->tp_repr;
    if (f == NULL)
        f = mp_object_default_repr;
    return f(self);
}

static MpObject *
object_richcompare(MpObject *self, MpObject *other, int op)
{
    MpObject *res;

    switch (op) {
    case Mp_EQ:
        /* Identity only; NotImplemented lets the other side try. */
        res = (self == other) ? Mp_True : Mp_NotImplemented;
        return Mp_NewRef(res);
    case Mp_NE: {
        richcmpfunc eq = Mp_TYPE(self)->tp_richcompare;
        int ok;
        if (eq == NULL)
            Mp_RETURN_NOTIMPLEMENTED;
        res = eq(self, other, Mp_EQ);
        if (res == NULL || res == Mp_NotImplemented)
            return res;
        ok = MpObject_IsTrue(res);
        Mp_DECREF(res);
        if (ok < 0)
            return NULL;
        return Mp_NewRef(ok ? Mp_False : Mp_True);
    }
    default:
        Mp_RETURN_NOTIMPLEMENTED;
    }
}

static MpObject *
object_get_class(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(Mp_TYPE(self));
}

static MpObject *
object_sizeof(MpObject *self, MpObject *unused)
{
    MpTypeObject *tp = Mp_TYPE(self);
    Mp_ssize_t size = tp->tp_basicsize;

    MP_UNUSED(unused);
    if (tp->tp_itemsize != 0) {
        Mp_ssize_t n = Mp_SIZE(self);
        size += tp->tp_itemsize * (n < 0 ? -n : n);
    }
    return MpLong_FromSsize_t(size);
}

static MpObject *
object_format(MpObject *self, MpObject *spec)
{
    if (!MpUnicode_Check(spec)) {
        return MpErr_Format(MpExc_TypeError,
                            "format() argument 2 must be str, not %.200s",
                            Mp_TYPE(spec)->tp_name);
    }
    if (MpUnicode_GetLength(spec) > 0) {
        return MpErr_Format(MpExc_TypeError,
                            "unsupported format string passed to "
                            "%.200s.__format__", Mp_TYPE(self)->tp_name);
    }
    return MpObject_Str(self);
}

static MpMethodDef object_methods[] = {
    {"__sizeof__", (MpCFunction)object_sizeof, MP_METH_NOARGS,
     "Size of the object in memory, in bytes."},
    {"__format__", (MpCFunction)object_format, MP_METH_O,
     "Default object formatter."},
    {NULL, NULL, 0, NULL},
};

static MpGetSetDef object_getset[] = {
    {"__class__", object_get_class, NULL, "the object's type", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MpTypeObject MpBaseObject_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "object",
    .tp_basicsize = sizeof(MpObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = mp_object_default_repr,
    .tp_hash = (hashfunc)Mp_HashPointer,
    .tp_str = object_str,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_setattro = MpObject_GenericSetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_BASETYPE,
    .tp_doc = "The base class of the class hierarchy.",
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getset,
    .tp_init = object_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = object_new,
    .tp_free = MpObject_Del,
};

/* ---- repr, str, hash ---- */

/* repr(v).  New, or NULL with an exception. */
MpObject *
MpObject_Repr(MpObject *v)
{
    MpObject *res;

    if (v == NULL)
        return MpUnicode_FromString("<NULL>");
    if (Mp_TYPE(v)->tp_repr == NULL)
        return mp_object_default_repr(v);
    if (Mp_EnterRecursiveCall(" while getting the repr of an object"))
        return NULL;
    res = Mp_TYPE(v)->tp_repr(v);
    Mp_LeaveRecursiveCall();
    if (res == NULL)
        return NULL;
    if (!MpUnicode_Check(res)) {
        MpErr_Format(MpExc_TypeError,
                     "__repr__ returned non-string (type %.200s)",
                     Mp_TYPE(res)->tp_name);
        Mp_DECREF(res);
        return NULL;
    }
    return res;
}

/* str(v).  New, or NULL with an exception. */
MpObject *
MpObject_Str(MpObject *v)
{
    MpObject *res;

    if (v == NULL)
        return MpUnicode_FromString("<NULL>");
    if (MpUnicode_CheckExact(v))
        return Mp_NewRef(v);
    if (Mp_TYPE(v)->tp_str == NULL)
        return MpObject_Repr(v);
    if (Mp_EnterRecursiveCall(" while getting the str of an object"))
        return NULL;
    res = Mp_TYPE(v)->tp_str(v);
    Mp_LeaveRecursiveCall();
    if (res == NULL)
        return NULL;
    if (!MpUnicode_Check(res)) {
        MpErr_Format(MpExc_TypeError,
                     "__str__ returned non-string (type %.200s)",
                     Mp_TYPE(res)->tp_name);
        Mp_DECREF(res);
        return NULL;
    }
    return res;
}

/* The identity hash: the address rotated right by 4 bits (the low bits
 * of an aligned address are always zero), never -1. */
Mp_hash_t
Mp_HashPointer(const void *p)
{
    size_t y = (size_t)p;
    Mp_hash_t x;

    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    x = (Mp_hash_t)y;
    if (x == -1)
        x = -2;
    return x;
}

/* TypeError "unhashable type: 'T'"; returns -1. */
Mp_hash_t
MpObject_HashNotImplemented(MpObject *v)
{
    MpErr_Format(MpExc_TypeError, "unhashable type: '%.200s'",
                 Mp_TYPE(v)->tp_name);
    return -1;
}

/* hash(v), or -1 with an exception. */
Mp_hash_t
MpObject_Hash(MpObject *v)
{
    MpTypeObject *tp = Mp_TYPE(v);

    if (tp->tp_hash != NULL)
        return tp->tp_hash(v);
    if (!MpType_HasFeature(tp, MP_TPFLAGS_READY)) {
        /* A type not readied yet may inherit a hash. */
        if (MpType_Ready(tp) < 0)
            return -1;
        if (tp->tp_hash != NULL)
            return tp->tp_hash(v);
    }
    return MpObject_HashNotImplemented(v);
}

/* ---- Rich comparison ---- */

static const int swapped_op[] = {Mp_GT, Mp_GE, Mp_EQ, Mp_NE, Mp_LT, Mp_LE};
static const char *const opstrings[] = {"<", "<=", "==", "!=", ">", ">="};

static MpObject *
do_richcompare(MpObject *v, MpObject *w, int op)
{
    richcmpfunc f;
    MpObject *res;
    int checked_reverse_op = 0;

    if (!Mp_IS_TYPE(v, Mp_TYPE(w))
        && MpType_IsSubtype(Mp_TYPE(w), Mp_TYPE(v))
        && (f = Mp_TYPE(w)->tp_richcompare) != NULL) {
        checked_reverse_op = 1;
        res = f(w, v, swapped_op[op]);
        if (res != Mp_NotImplemented)
            return res;
        Mp_DECREF(res);
    }
    if ((f = Mp_TYPE(v)->tp_richcompare) != NULL) {
        res = f(v, w, op);
        if (res != Mp_NotImplemented)
            return res;
        Mp_DECREF(res);
    }
    if (!checked_reverse_op && (f = Mp_TYPE(w)->tp_richcompare) != NULL) {
        res = f(w, v, swapped_op[op]);
        if (res != Mp_NotImplemented)
            return res;
        Mp_DECREF(res);
    }
    switch (op) {
    case Mp_EQ:
        return Mp_NewRef(v == w ? Mp_True : Mp_False);
    case Mp_NE:
        return Mp_NewRef(v != w ? Mp_True : Mp_False);
    default:
        return MpErr_Format(MpExc_TypeError,
                            "'%s' not supported between instances of "
                            "'%.100s' and '%.100s'", opstrings[op],
                            Mp_TYPE(v)->tp_name, Mp_TYPE(w)->tp_name);
    }
}

/* v <op> w.  New, or NULL with an exception. */
MpObject *
MpObject_RichCompare(MpObject *v, MpObject *w, int op)
{
    MpObject *res;

    if (op < Mp_LT || op > Mp_GE || v == NULL || w == NULL) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (mp_enter_recursive_call(" in comparison"))
        return NULL;
    res = do_richcompare(v, w, op);
    Mp_LeaveRecursiveCall();
    return res;
}

/* 1, 0, or -1 with an exception.  Identical objects are equal. */
int
MpObject_RichCompareBool(MpObject *v, MpObject *w, int op)
{
    MpObject *res;
    int ok;

    if (v == w) {
        if (op == Mp_EQ)
            return 1;
        if (op == Mp_NE)
            return 0;
    }
    res = MpObject_RichCompare(v, w, op);
    if (res == NULL)
        return -1;
    if (MpBool_Check(res))
        ok = (res == Mp_True);
    else
        ok = MpObject_IsTrue(res);
    Mp_DECREF(res);
    return ok;
}

/* ---- Truth and length ---- */

/* bool(v): 1, 0, or -1 with an exception. */
int
MpObject_IsTrue(MpObject *v)
{
    MpTypeObject *tp = Mp_TYPE(v);
    Mp_ssize_t res;

    if (v == Mp_True)
        return 1;
    if (v == Mp_False || v == Mp_None)
        return 0;
    if (tp->tp_as_number != NULL && tp->tp_as_number->nb_bool != NULL)
        return tp->tp_as_number->nb_bool(v);
    if (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL)
        res = tp->tp_as_mapping->mp_length(v);
    else if (tp->tp_as_sequence != NULL
             && tp->tp_as_sequence->sq_length != NULL)
        res = tp->tp_as_sequence->sq_length(v);
    else
        return 1;
    return res > 0 ? 1 : (int)res;
}

/* not v: 1, 0, or -1 with an exception. */
int
MpObject_Not(MpObject *v)
{
    int res = MpObject_IsTrue(v);
    if (res < 0)
        return res;
    return res == 0;
}

/* len(o), or -1 with TypeError "object of type 'int' has no len()". */
Mp_ssize_t
MpObject_Length(MpObject *o)
{
    MpTypeObject *tp = Mp_TYPE(o);

    if (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length != NULL)
        return tp->tp_as_sequence->sq_length(o);
    if (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL)
        return tp->tp_as_mapping->mp_length(o);
    MpErr_Format(MpExc_TypeError, "object of type '%.200s' has no len()",
                 tp->tp_name);
    return -1;
}

/* ---- Attributes ---- */

static int
check_attr_name(MpObject *name)
{
    if (!MpUnicode_Check(name)) {
        MpErr_Format(MpExc_TypeError,
                     "attribute name must be string, not '%.200s'",
                     Mp_TYPE(name)->tp_name);
        return -1;
    }
    return 0;
}

static MpObject *
no_attribute(MpObject *v, MpObject *name)
{
    return MpErr_Format(MpExc_AttributeError,
                        "'%.50s' object has no attribute '%U'",
                        Mp_TYPE(v)->tp_name, name);
}

/* getattr(v, name).  New, or NULL with an exception. */
MpObject *
MpObject_GetAttr(MpObject *v, MpObject *name)
{
    MpTypeObject *tp = Mp_TYPE(v);

    if (check_attr_name(name) < 0)
        return NULL;
    if (tp->tp_getattro != NULL)
        return tp->tp_getattro(v, name);
    return no_attribute(v, name);
}

/* getattr(v, "name").  New, or NULL with an exception. */
MpObject *
MpObject_GetAttrString(MpObject *v, const char *name)
{
    MpObject *s, *res;

    s = MpUnicode_FromString(name);
    if (s == NULL)
        return NULL;
    res = MpObject_GetAttr(v, s);
    Mp_DECREF(s);
    return res;
}

/* 1 if getattr(v, name) succeeds, else 0 (errors are swallowed). */
int
MpObject_HasAttr(MpObject *v, MpObject *name)
{
    MpObject *res = MpObject_GetAttr(v, name);
    if (res == NULL) {
        MpErr_Clear();
        return 0;
    }
    Mp_DECREF(res);
    return 1;
}

/* setattr(v, name, value), or delattr when value is NULL.  0 or -1. */
int
MpObject_SetAttr(MpObject *v, MpObject *name, MpObject *value)
{
    MpTypeObject *tp = Mp_TYPE(v);
    int err;

    if (check_attr_name(name) < 0)
        return -1;
    if (tp->tp_setattro == NULL) {
        if (tp->tp_getattro == NULL)
            MpErr_Format(MpExc_TypeError,
                         "'%.100s' object has no attributes (%s .%U)",
                         tp->tp_name,
                         value == NULL ? "del" : "assign to", name);
        else
            MpErr_Format(MpExc_TypeError,
                         "'%.100s' object has only read-only attributes "
                         "(%s .%U)", tp->tp_name,
                         value == NULL ? "del" : "assign to", name);
        return -1;
    }
    /* Stored attribute names are interned, as in CPython. */
    Mp_INCREF(name);
    if (MpUnicode_CheckExact(name))
        MpUnicode_InternInPlace(&name);
    err = tp->tp_setattro(v, name, value);
    Mp_DECREF(name);
    return err;
}

/* setattr(v, "name", w).  0 or -1. */
int
MpObject_SetAttrString(MpObject *v, const char *name, MpObject *w)
{
    MpObject *s;
    int res;

    s = MpUnicode_FromString(name);
    if (s == NULL)
        return -1;
    res = MpObject_SetAttr(v, s, w);
    Mp_DECREF(s);
    return res;
}

/* delattr(v, name).  0 or -1. */
int
MpObject_DelAttr(MpObject *v, MpObject *name)
{
    return MpObject_SetAttr(v, name, NULL);
}

/* Where obj keeps its __dict__ pointer, or NULL (see object.h). */
MpObject **
mp_object_dictptr(MpObject *obj)
{
    MpTypeObject *tp = Mp_TYPE(obj);
    Mp_ssize_t offset = tp->tp_dictoffset;

    if (offset == 0)
        return NULL;
    if (offset < 0) {
        /* Var-sized objects keep the pointer after their items. */
        Mp_ssize_t n = Mp_SIZE(obj);
        size_t size;
        if (n < 0)
            n = -n;
        size = (size_t)tp->tp_basicsize + (size_t)n * (size_t)tp->tp_itemsize;
        size = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
        offset += (Mp_ssize_t)size;
    }
    return (MpObject **)((char *)obj + offset);
}

/* The generic tp_getattro (see the file comment for the order).  New,
 * or NULL with an exception. */
MpObject *
MpObject_GenericGetAttr(MpObject *obj, MpObject *name)
{
    MpTypeObject *tp = Mp_TYPE(obj);
    MpObject *descr, *res = NULL, **dictptr;
    descrgetfunc f = NULL;

    if (check_attr_name(name) < 0)
        return NULL;
    descr = mp_type_lookup(tp, name);
    if (descr != NULL) {
        Mp_INCREF(descr);
        f = Mp_TYPE(descr)->tp_descr_get;
        if (f != NULL && mp_descr_is_data(descr)) {
            res = f(descr, obj, (MpObject *)tp);
            goto done;
        }
    }
    dictptr = mp_object_dictptr(obj);
    if (dictptr != NULL && mp_object_has_inline_values(obj, dictptr)) {
        if (MpUnicode_CheckExact(name)) {
            res = mp_instance_values_get(obj, name);
            if (res != NULL) {
                Mp_INCREF(res);
                goto done;
            }
        }
        else if (mp_instance_values_to_dict(obj) == NULL)
            goto done;
    }
    if (dictptr != NULL && *dictptr != NULL) {
        MpObject *dict = *dictptr;
        Mp_INCREF(dict);
        res = MpDict_GetItemWithError(dict, name);
        Mp_XINCREF(res);
        Mp_DECREF(dict);
        if (res != NULL || MpErr_Occurred())
            goto done;
    }
    if (f != NULL) {
        res = f(descr, obj, (MpObject *)tp);
        goto done;
    }
    if (descr != NULL) {
        res = descr;
        descr = NULL;
        goto done;
    }
    no_attribute(obj, name);
done:
    Mp_XDECREF(descr);
    return res;
}

static int
set_in_dict(MpObject *obj, MpObject **dictptr, MpObject *name,
            MpObject *value)
{
    MpObject *dict = *dictptr;
    int res;

    if (dict == NULL) {
        if (value == NULL) {
            no_attribute(obj, name);
            return -1;
        }
        dict = MpDict_New();
        if (dict == NULL)
            return -1;
        *dictptr = dict;
    }
    Mp_INCREF(dict);
    if (value != NULL)
        res = MpDict_SetItem(dict, name, value);
    else {
        res = MpDict_DelItem(dict, name);
        if (res < 0 && MpErr_ExceptionMatches(MpExc_KeyError)) {
            MpErr_Clear();
            no_attribute(obj, name);
        }
    }
    Mp_DECREF(dict);
    return res;
}

/* Store or delete in obj's inline values: 0, -1 with an exception, or
 * 1 when the attribute needs the instance dict. */
static int
set_in_values(MpObject *obj, MpObject *name, MpObject *value)
{
    if (!MpUnicode_CheckExact(name))
        return 1;
    if (value != NULL)
        return mp_instance_values_set(obj, name, value);
    if (mp_instance_values_del(obj, name) == 0)
        return 0;
    no_attribute(obj, name);
    return -1;
}

/* The generic tp_setattro: a data descriptor's __set__/__delete__, else
 * the instance dict.  0 or -1. */
int
MpObject_GenericSetAttr(MpObject *obj, MpObject *name, MpObject *value)
{
    MpTypeObject *tp = Mp_TYPE(obj);
    MpObject *descr, **dictptr;
    descrsetfunc f;
    int res;

    if (check_attr_name(name) < 0)
        return -1;
    descr = mp_type_lookup(tp, name);
    if (descr != NULL) {
        Mp_INCREF(descr);
        f = Mp_TYPE(descr)->tp_descr_set;
        if (f != NULL) {
            res = f(descr, obj, value);
            Mp_DECREF(descr);
            return res;
        }
    }
    dictptr = mp_object_dictptr(obj);
    if (dictptr == NULL) {
        if (descr == NULL)
            no_attribute(obj, name);
        else
            MpErr_Format(MpExc_AttributeError,
                         "'%.50s' object attribute '%U' is read-only",
                         tp->tp_name, name);
        Mp_XDECREF(descr);
        return -1;
    }
    res = 1;
    if (mp_object_has_inline_values(obj, dictptr)) {
        res = set_in_values(obj, name, value);
        if (res > 0 && mp_instance_values_to_dict(obj) == NULL)
            res = -1;
    }
    if (res > 0)
        res = set_in_dict(obj, dictptr, name, value);
    Mp_XDECREF(descr);
    return res;
}

/* The instance __dict__, created when missing.  New, or NULL with
 * AttributeError (no dict slot) or MemoryError. */
MpObject *
MpObject_GenericGetDict(MpObject *obj, void *context)
{
    MpObject **dictptr = mp_object_dictptr(obj);

    MP_UNUSED(context);
    if (dictptr == NULL) {
        MpErr_SetString(MpExc_AttributeError,
                        "This object has no __dict__");
        return NULL;
    }
    if (mp_object_has_inline_values(obj, dictptr))
        return Mp_XNewRef(mp_instance_values_to_dict(obj));
    if (*dictptr == NULL) {
        *dictptr = MpDict_New();
        if (*dictptr == NULL)
            return NULL;
    }
    return Mp_NewRef(*dictptr);
}

/* ---- Small helpers ---- */

/* type(o).  New. */
MpObject *
MpObject_Type(MpObject *o)
{
    return Mp_NewRef(Mp_TYPE(o));
}

/* The tp_iter of iterators: returns o itself.  New. */
MpObject *
MpObject_SelfIter(MpObject *o)
{
    return Mp_NewRef(o);
}

/* sys.getsizeof(o): o.__sizeof__() plus the collector header of GC
 * objects.  -1 with an exception on error. */
Mp_ssize_t
MpObject_GetSizeOf(MpObject *o)
{
    MP_IDENTIFIER(__sizeof__);
    MpObject *name, *res;
    Mp_ssize_t size;

    name = mp_identifier_get(&MpId___sizeof__);
    if (name == NULL)
        return -1;
    res = mp_type_call_special(o, name, NULL, 0);
    if (res == NULL) {
        if (MpErr_ExceptionMatches(MpExc_AttributeError)) {
            MpErr_Clear();
            MpErr_Format(MpExc_TypeError,
                         "Type %.100s doesn't define __sizeof__",
                         Mp_TYPE(o)->tp_name);
        }
        return -1;
    }
    size = MpLong_AsSsize_t(res);
    Mp_DECREF(res);
    if (size == -1 && MpErr_Occurred())
        return -1;
    if (size < 0) {
        MpErr_SetString(MpExc_ValueError,
                        "__sizeof__() should return >= 0");
        return -1;
    }
    if (mp_gc_is_gc(o))
        size += (Mp_ssize_t)sizeof(MpGC_Head);
    return size;
}

/* Write repr(o), or str(o) with MP_PRINT_RAW, to fp.  0 or -1. */
int
MpObject_Print(MpObject *o, FILE *fp, int flags)
{
    MpObject *s;
    const char *text;
    Mp_ssize_t len;

    if (o == NULL) {
        fputs("<nil>", fp);
        return 0;
    }
    s = (flags & MP_PRINT_RAW) ? MpObject_Str(o) : MpObject_Repr(o);
    if (s == NULL)
        return -1;
    text = MpUnicode_AsUTF8AndSize(s, &len);
    if (text == NULL) {
        Mp_DECREF(s);
        return -1;
    }
    fwrite(text, 1, (size_t)len, fp);
    Mp_DECREF(s);
    return 0;
}

/* ---- The stack of objects being repr'd ---- */

/* 0 when 'o' was pushed, 1 when it is already being repr'd, -1 with
 * MemoryError. */
int
MpRepr_Enter(MpObject *o)
{
    Mp_ssize_t i;

    for (i = 0; i < state.repr_len; i++) {
        if (state.repr_stack[i] == o)
            return 1;
    }
    if (state.repr_len == state.repr_cap) {
        Mp_ssize_t cap = state.repr_cap ? state.repr_cap * 2 : 16;
        MpObject **stack = MpMem_Realloc(state.repr_stack,
                                         (size_t)cap * sizeof(MpObject *));
        if (stack == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        state.repr_stack = stack;
        state.repr_cap = cap;
    }
    state.repr_stack[state.repr_len++] = o;
    return 0;
}

/* Remove 'o' (the most recent entry for it) from the repr stack. */
void
MpRepr_Leave(MpObject *o)
{
    Mp_ssize_t i;

    for (i = state.repr_len - 1; i >= 0; i--) {
        if (state.repr_stack[i] == o) {
            memmove(&state.repr_stack[i], &state.repr_stack[i + 1],
                    (size_t)(state.repr_len - i - 1) * sizeof(MpObject *));
            state.repr_len--;
            break;
        }
    }
    if (state.repr_len == 0 && state.repr_stack != NULL) {
        MpMem_Free(state.repr_stack);
        state.repr_stack = NULL;
        state.repr_cap = 0;
    }
}

/* ---- Life cycle ---- */

static MpTypeObject *const core_types[] = {
    &MpBaseObject_Type,
    &MpType_Type,
    &MpNone_Type,
    &MpNotImplemented_Type,
    &MpCFunction_Type,
    &MpMethodDescr_Type,
    &MpClassMethodDescr_Type,
    &MpMemberDescr_Type,
    &MpGetSetDescr_Type,
    &MpWrapperDescr_Type,
    &MpMethodWrapper_Type,
    &MpStaticMethod_Type,
    &MpClassMethod_Type,
    &MpProperty_Type,
};

/* Ready the types of this layer.  0, or -1 with an exception. */
int
mp_object_init(void)
{
    size_t i;

    memset(&state, 0, sizeof(state));
    for (i = 0; i < MP_ARRAY_LENGTH(core_types); i++) {
        if (MpType_Ready(core_types[i]) < 0)
            return -1;
    }
    return 0;
}

/* Drop the static types' dicts and this layer's caches. */
void
mp_object_fini(void)
{
    mp_type_fini_static();
    MpMem_Free(state.repr_stack);
    memset(&state, 0, sizeof(state));
}
