/*
 * moduleobject.c -- the module type.
 *
 * A module is its dict: attribute access reads and writes md_dict, and a
 * missing attribute says which module it was looked up in.  The dict of
 * __main__ is the globals of the script being run.
 *
 * Read alongside CPython 3.11: Objects/moduleobject.c.
 */
#include <stddef.h>

#include "runtime/moduleobject.h"

MpObject *
mp_module_new(const char *name)
{
    MpModuleObject *m = MpObject_GC_New(MpModuleObject, &MpModule_Type);
    MpObject *n;

    if (m == NULL)
        return NULL;
    m->md_dict = MpDict_New();
    n = MpUnicode_InternFromString(name);
    MpObject_GC_Track(m);
    if (m->md_dict == NULL || n == NULL ||
        MpDict_SetItemString(m->md_dict, "__name__", n) < 0 ||
        MpDict_SetItemString(m->md_dict, "__doc__", Mp_None) < 0) {
        Mp_XDECREF(n);
        Mp_DECREF(m);
        return NULL;
    }
    Mp_DECREF(n);
    return (MpObject *)m;
}

MpObject *
mp_module_dict(MpObject *module)
{
    return ((MpModuleObject *)module)->md_dict;
}

int
mp_module_add_functions(MpObject *module, MpMethodDef *methods)
{
    MpObject *name = MpDict_GetItemString(mp_module_dict(module),
                                          "__name__");
    MpMethodDef *ml;

    for (ml = methods; ml->ml_name != NULL; ml++) {
        MpObject *f = MpCFunction_NewEx(ml, NULL, name);
        int r;
        if (f == NULL)
            return -1;
        r = MpDict_SetItemString(mp_module_dict(module), ml->ml_name, f);
        Mp_DECREF(f);
        if (r < 0)
            return -1;
    }
    return 0;
}

static MpObject *
module_getattro(MpObject *op, MpObject *name)
{
    MpObject *r = MpObject_GenericGetAttr(op, name), *mod_name;

    if (r != NULL || !MpErr_ExceptionMatches(MpExc_AttributeError))
        return r;
    MpErr_Clear();
    mod_name = MpDict_GetItemString(mp_module_dict(op), "__name__");
    if (mod_name != NULL && MpUnicode_Check(mod_name))
        MpErr_Format(MpExc_AttributeError, "module '%U' has no attribute "
                     "'%U'", mod_name, name);
    else
        MpErr_Format(MpExc_AttributeError, "module has no attribute '%U'",
                     name);
    return NULL;
}

static MpObject *
module_repr(MpObject *op)
{
    MpObject *d = mp_module_dict(op);
    MpObject *name = MpDict_GetItemString(d, "__name__");
    MpObject *file = MpDict_GetItemString(d, "__file__");

    if (name == NULL)
        return MpUnicode_FromFormat("<module ?>");
    if (file != NULL)
        return MpUnicode_FromFormat("<module %R from %R>", name, file);
    return MpUnicode_FromFormat("<module %R (built-in)>", name);
}

static int
module_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((MpModuleObject *)op)->md_dict);
    return 0;
}

static int
module_clear(MpObject *op)
{
    Mp_CLEAR(((MpModuleObject *)op)->md_dict);
    return 0;
}

static void
module_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    module_clear(op);
    MpObject_GC_Del(op);
}

static MpMemberDef module_members[] = {
    {"__dict__", MP_T_OBJECT, offsetof(MpModuleObject, md_dict),
     MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpModule_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "module",
    .tp_basicsize = sizeof(MpModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = MpObject_GenericSetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_members = module_members,
    .tp_dictoffset = offsetof(MpModuleObject, md_dict),
};

int
mp_moduleobject_init(void)
{
    return MpType_Ready(&MpModule_Type);
}
