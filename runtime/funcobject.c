/*
 * funcobject.c -- function, cell and bound-method objects.
 *
 * A function is what 'def' and 'lambda' make at run time: a code object
 * plus the globals it runs in, the default values evaluated when the def
 * ran, and the cells it closes over.  Looked up through an instance, a
 * function is a descriptor that returns a bound method.
 *
 *   def f(a, b=2): ...        function(f) ── func_code ──► code(f)
 *                                          ── func_defaults ──► (2,)
 *   obj.f                     method(im_func=f, im_self=obj)
 *
 * Calling a function from C goes through mp_eval_function (ceval.c); the
 * VM itself calls functions without recursing in C.
 *
 * Read alongside CPython 3.11: Objects/funcobject.c, Objects/cellobject.c,
 * Objects/classobject.c.
 */
#include <stddef.h>

#include "runtime/funcobject.h"
#include "runtime/ceval.h"
#include "objects/object.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"

/* ---- Functions ---- */

static MpObject *
function_vectorcall(MpObject *func, MpObject *const *args, size_t nargsf,
                    MpObject *kwnames)
{
    return mp_eval_function((MpFunctionObject *)func, args,
                            MpVectorcall_NARGS(nargsf), kwnames);
}

MP_IDENTIFIER(__name__);

MpObject *
mp_function_new(MpCodeObject *code, MpObject *globals)
{
    MpFunctionObject *f;
    MpObject *builtins, *doc = Mp_None, *module, *name;

    name = mp_identifier_get(&MpId___name__);
    module = name == NULL ? NULL : MpDict_GetItemWithError(globals, name);
    if (module == NULL && MpErr_Occurred())
        return NULL;
    builtins = mp_eval_builtins_for(globals);
    if (builtins == NULL)
        return NULL;
    f = MpObject_GC_New(MpFunctionObject, &MpFunction_Type);
    if (f == NULL) {
        Mp_DECREF(builtins);
        return NULL;
    }
    if (MpTuple_GET_SIZE(code->co_consts) > 0 &&
        MpUnicode_CheckExact(MpTuple_GET_ITEM(code->co_consts, 0)) &&
        code->co_name != NULL &&
        !MpUnicode_EqualToUTF8(code->co_name, "<lambda>"))
        doc = MpTuple_GET_ITEM(code->co_consts, 0);
    f->func_code = (MpCodeObject *)Mp_NewRef(code);
    f->func_globals = Mp_NewRef(globals);
    f->func_builtins = builtins;
    f->func_name = Mp_NewRef(code->co_name);
    f->func_qualname = Mp_NewRef(code->co_qualname);
    f->func_defaults = NULL;
    f->func_kwdefaults = NULL;
    f->func_closure = NULL;
    f->func_doc = Mp_NewRef(doc);
    f->func_dict = NULL;
    f->func_module = Mp_XNewRef(module);
    f->vectorcall = function_vectorcall;
    MpObject_GC_Track(f);
    return (MpObject *)f;
}

static int
function_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpFunctionObject *f = (MpFunctionObject *)op;
    Mp_VISIT(f->func_code);
    Mp_VISIT(f->func_globals);
    Mp_VISIT(f->func_builtins);
    Mp_VISIT(f->func_name);
    Mp_VISIT(f->func_qualname);
    Mp_VISIT(f->func_defaults);
    Mp_VISIT(f->func_kwdefaults);
    Mp_VISIT(f->func_closure);
    Mp_VISIT(f->func_doc);
    Mp_VISIT(f->func_dict);
    Mp_VISIT(f->func_module);
    return 0;
}

static int
function_clear(MpObject *op)
{
    MpFunctionObject *f = (MpFunctionObject *)op;
    Mp_CLEAR(f->func_globals);
    Mp_CLEAR(f->func_builtins);
    Mp_CLEAR(f->func_module);
    Mp_CLEAR(f->func_defaults);
    Mp_CLEAR(f->func_kwdefaults);
    Mp_CLEAR(f->func_doc);
    Mp_CLEAR(f->func_dict);
    Mp_CLEAR(f->func_closure);
    return 0;
}

static void
function_dealloc(MpObject *op)
{
    MpFunctionObject *f = (MpFunctionObject *)op;
    MpObject_GC_UnTrack(op);
    function_clear(op);
    Mp_CLEAR(f->func_code);
    Mp_CLEAR(f->func_name);
    Mp_CLEAR(f->func_qualname);
    MpObject_GC_Del(op);
}

static MpObject *
function_repr(MpObject *op)
{
    return MpUnicode_FromFormat("<function %U at %p>",
                                ((MpFunctionObject *)op)->func_qualname, op);
}

/* f.__get__(obj): a bound method, or f itself from the class. */
static MpObject *
function_descr_get(MpObject *func, MpObject *obj, MpObject *type)
{
    MP_UNUSED(type);
    if (obj == NULL || obj == Mp_None)
        return Mp_NewRef(func);
    return mp_method_new(func, obj);
}

static int
set_str_attr(MpObject **slot, MpObject *value, const char *name)
{
    if (value == NULL || !MpUnicode_Check(value)) {
        MpErr_Format(MpExc_TypeError, "%s must be set to a string object",
                     name);
        return -1;
    }
    Mp_SETREF(*slot, Mp_NewRef(value));
    return 0;
}

static int
function_set_name(MpObject *op, MpObject *value, void *closure)
{
    MP_UNUSED(closure);
    return set_str_attr(&((MpFunctionObject *)op)->func_name, value,
                        "__name__");
}

static int
function_set_qualname(MpObject *op, MpObject *value, void *closure)
{
    MP_UNUSED(closure);
    return set_str_attr(&((MpFunctionObject *)op)->func_qualname, value,
                        "__qualname__");
}

static MpObject *
function_get_name(MpObject *op, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(((MpFunctionObject *)op)->func_name);
}

static MpObject *
function_get_qualname(MpObject *op, void *closure)
{
    MP_UNUSED(closure);
    return Mp_NewRef(((MpFunctionObject *)op)->func_qualname);
}

static MpObject *
function_get_defaults(MpObject *op, void *closure)
{
    MpFunctionObject *f = (MpFunctionObject *)op;
    MP_UNUSED(closure);
    return Mp_NewRef(f->func_defaults ? f->func_defaults : Mp_None);
}

static int
function_set_defaults(MpObject *op, MpObject *value, void *closure)
{
    MpFunctionObject *f = (MpFunctionObject *)op;
    MP_UNUSED(closure);
    if (value == Mp_None)
        value = NULL;
    if (value != NULL && !MpTuple_Check(value)) {
        MpErr_SetString(MpExc_TypeError, "__defaults__ must be set to a "
                        "tuple object");
        return -1;
    }
    Mp_XSETREF(f->func_defaults, Mp_XNewRef(value));
    return 0;
}

static MpGetSetDef function_getset[] = {
    {"__name__", function_get_name, function_set_name, NULL, NULL},
    {"__qualname__", function_get_qualname, function_set_qualname, NULL,
     NULL},
    {"__defaults__", function_get_defaults, function_set_defaults, NULL,
     NULL},
    {"__dict__", MpObject_GenericGetDict, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpMemberDef function_members[] = {
    {"__code__", MP_T_OBJECT, offsetof(MpFunctionObject, func_code),
     MP_READONLY, NULL},
    {"__globals__", MP_T_OBJECT, offsetof(MpFunctionObject, func_globals),
     MP_READONLY, NULL},
    {"__closure__", MP_T_OBJECT, offsetof(MpFunctionObject, func_closure),
     MP_READONLY, NULL},
    {"__builtins__", MP_T_OBJECT, offsetof(MpFunctionObject, func_builtins),
     MP_READONLY, NULL},
    {"__doc__", MP_T_OBJECT, offsetof(MpFunctionObject, func_doc), 0, NULL},
    {"__module__", MP_T_OBJECT, offsetof(MpFunctionObject, func_module), 0,
     NULL},
    {"__kwdefaults__", MP_T_OBJECT,
     offsetof(MpFunctionObject, func_kwdefaults), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpFunction_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "function",
    .tp_basicsize = sizeof(MpFunctionObject),
    .tp_dealloc = function_dealloc,
    .tp_vectorcall_offset = offsetof(MpFunctionObject, vectorcall),
    .tp_repr = function_repr,
    .tp_call = NULL,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_setattro = MpObject_GenericSetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC |
                MP_TPFLAGS_HAVE_VECTORCALL | MP_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = function_traverse,
    .tp_clear = function_clear,
    .tp_members = function_members,
    .tp_getset = function_getset,
    .tp_descr_get = function_descr_get,
    .tp_dictoffset = offsetof(MpFunctionObject, func_dict),
};

/* ---- Cells ---- */

MpObject *
mp_cell_new(MpObject *value)
{
    MpCellObject *cell = MpObject_GC_New(MpCellObject, &MpCell_Type);
    if (cell == NULL)
        return NULL;
    cell->ob_ref = Mp_XNewRef(value);
    MpObject_GC_Track(cell);
    return (MpObject *)cell;
}

static int
cell_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((MpCellObject *)op)->ob_ref);
    return 0;
}

static int
cell_clear(MpObject *op)
{
    Mp_CLEAR(((MpCellObject *)op)->ob_ref);
    return 0;
}

static void
cell_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    cell_clear(op);
    MpObject_GC_Del(op);
}

static MpObject *
cell_repr(MpObject *op)
{
    MpObject *ref = ((MpCellObject *)op)->ob_ref;
    if (ref == NULL)
        return MpUnicode_FromFormat("<cell at %p: empty>", op);
    return MpUnicode_FromFormat("<cell at %p: %s object at %p>", op,
                                Mp_TYPE(ref)->tp_name, ref);
}

static MpObject *
cell_get_contents(MpObject *op, void *closure)
{
    MpObject *ref = ((MpCellObject *)op)->ob_ref;
    MP_UNUSED(closure);
    if (ref == NULL) {
        MpErr_SetString(MpExc_ValueError, "Cell is empty");
        return NULL;
    }
    return Mp_NewRef(ref);
}

static int
cell_set_contents(MpObject *op, MpObject *value, void *closure)
{
    MP_UNUSED(closure);
    Mp_XSETREF(((MpCellObject *)op)->ob_ref, Mp_XNewRef(value));
    return 0;
}

static MpGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MpTypeObject MpCell_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "cell",
    .tp_basicsize = sizeof(MpCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_getset = cell_getset,
};

/* ---- Bound methods ---- */

/* Call im_func with im_self first.  When the caller allows it, the slot
 * before args is borrowed for 'self' instead of copying the arguments. */
static MpObject *
method_vectorcall(MpObject *op, MpObject *const *args, size_t nargsf,
                  MpObject *kwnames)
{
    MpMethodObject *m = (MpMethodObject *)op;
    Mp_ssize_t nargs = MpVectorcall_NARGS(nargsf);
    Mp_ssize_t total = nargs + (kwnames ? MpTuple_GET_SIZE(kwnames) : 0);
    MpObject *small[8], **buf, *result;

    if (nargsf & MP_VECTORCALL_ARGUMENTS_OFFSET) {
        MpObject **slot = (MpObject **)args - 1, *saved = *slot;
        *slot = m->im_self;
        result = MpObject_Vectorcall(m->im_func, slot, (size_t)nargs + 1,
                                     kwnames);
        *slot = saved;
        return result;
    }
    buf = total + 1 <= 8 ? small
                         : MpMem_Malloc((size_t)(total + 1) *
                                        sizeof(MpObject *));
    if (buf == NULL)
        return MpErr_NoMemory();
    buf[0] = m->im_self;
    if (total > 0)
        memcpy(buf + 1, args, (size_t)total * sizeof(MpObject *));
    result = MpObject_Vectorcall(m->im_func, buf, (size_t)nargs + 1,
                                 kwnames);
    if (buf != small)
        MpMem_Free(buf);
    return result;
}

MpObject *
mp_method_new(MpObject *func, MpObject *self)
{
    MpMethodObject *m = MpObject_GC_New(MpMethodObject, &MpMethod_Type);
    if (m == NULL)
        return NULL;
    m->im_func = Mp_NewRef(func);
    m->im_self = Mp_NewRef(self);
    m->vectorcall = method_vectorcall;
    MpObject_GC_Track(m);
    return (MpObject *)m;
}

static int
method_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((MpMethodObject *)op)->im_func);
    Mp_VISIT(((MpMethodObject *)op)->im_self);
    return 0;
}

static void
method_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    Mp_CLEAR(((MpMethodObject *)op)->im_func);
    Mp_CLEAR(((MpMethodObject *)op)->im_self);
    MpObject_GC_Del(op);
}

static MpObject *
method_repr(MpObject *op)
{
    MpMethodObject *m = (MpMethodObject *)op;
    MpObject *name = MpObject_GetAttrString(m->im_func, "__qualname__");
    MpObject *r;

    if (name == NULL) {
        MpErr_Clear();
        name = MpUnicode_FromString("?");
        if (name == NULL)
            return NULL;
    }
    r = MpUnicode_FromFormat("<bound method %U of %R>", name, m->im_self);
    Mp_DECREF(name);
    return r;
}

static MpObject *
method_richcompare(MpObject *a, MpObject *b, int op)
{
    MpMethodObject *x = (MpMethodObject *)a, *y = (MpMethodObject *)b;
    int eq;

    if ((op != Mp_EQ && op != Mp_NE) || !MpMethod_Check(b))
        Mp_RETURN_NOTIMPLEMENTED;
    eq = x->im_self == y->im_self &&
         MpObject_RichCompareBool(x->im_func, y->im_func, Mp_EQ) == 1;
    if (MpErr_Occurred())
        return NULL;
    return MpBool_FromLong(op == Mp_EQ ? eq : !eq);
}

static Mp_hash_t
method_hash(MpObject *op)
{
    MpMethodObject *m = (MpMethodObject *)op;
    Mp_hash_t h = MpObject_Hash(m->im_func);
    if (h == -1)
        return -1;
    h ^= Mp_HashPointer(m->im_self);
    return h == -1 ? -2 : h;
}

/* Attributes the method does not have come from its function. */
static MpObject *
method_getattro(MpObject *op, MpObject *name)
{
    MpObject *r = MpObject_GenericGetAttr(op, name);
    if (r == NULL && MpErr_ExceptionMatches(MpExc_AttributeError)) {
        MpErr_Clear();
        r = MpObject_GetAttr(((MpMethodObject *)op)->im_func, name);
    }
    return r;
}

static MpMemberDef method_members[] = {
    {"__func__", MP_T_OBJECT, offsetof(MpMethodObject, im_func),
     MP_READONLY, NULL},
    {"__self__", MP_T_OBJECT, offsetof(MpMethodObject, im_self),
     MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpMethod_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "method",
    .tp_basicsize = sizeof(MpMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_vectorcall_offset = offsetof(MpMethodObject, vectorcall),
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_getattro = method_getattro,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC |
                MP_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_members = method_members,
};

int
mp_funcobject_init(void)
{
    if (MpType_Ready(&MpFunction_Type) < 0 ||
        MpType_Ready(&MpCell_Type) < 0 ||
        MpType_Ready(&MpMethod_Type) < 0)
        return -1;
    return 0;
}
