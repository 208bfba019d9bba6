/*
 * import.c -- importing minipy's built-in modules, and the interpreter's
 * start-up and shutdown.
 *
 * minipy has no module files: 'import sys', 'import gc', 'import time'
 * and 'import mem' find modules built in C, created on first import and
 * kept in sys.modules.  Anything else is a ModuleNotFoundError, as for a
 * missing file in CPython.
 *
 * Read alongside CPython 3.11: Python/import.c (PyImport_ImportModuleLevel
 * Object), Python/pylifecycle.c (init_interp_main).
 */
#include <string.h>

#include "runtime/import.h"
#include "runtime/builtins.h"
#include "runtime/ceval.h"
#include "runtime/codeobject.h"
#include "runtime/frameobject.h"
#include "runtime/funcobject.h"
#include "runtime/genobject.h"
#include "runtime/moduleobject.h"
#include "runtime/pythonrun.h"
#include "runtime/traceback.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/listobject.h"
#include "objects/unicodeobject.h"

typedef MpObject *(*module_maker)(void);

static const struct {
    const char *name;
    module_maker make;
} builtin_modules[] = {
    {"sys", mp_sys_module_create},
    {"gc", mp_gc_module_create},
    {"time", mp_time_module_create},
    {"mem", mp_mem_module_create},
};

static struct {
    MpObject *modules;      /* sys.modules */
} state;

MpObject *
mp_import_modules(void)
{
    return state.modules;
}

int
mp_import_add_module(const char *name, MpObject *module)
{
    return MpDict_SetItemString(state.modules, name, module);
}

static MpObject *
find_builtin_module(MpObject *name)
{
    MpObject *m = MpDict_GetItemWithError(state.modules, name);
    size_t i;

    if (m != NULL)
        return Mp_NewRef(m);
    if (MpErr_Occurred())
        return NULL;
    for (i = 0; i < MP_ARRAY_LENGTH(builtin_modules); i++) {
        if (MpUnicode_EqualToUTF8(name, builtin_modules[i].name)) {
            m = builtin_modules[i].make();
            if (m == NULL || MpDict_SetItem(state.modules, name, m) < 0) {
                Mp_XDECREF(m);
                return NULL;
            }
            return m;
        }
    }
    return NULL;
}

static void
module_not_found(MpObject *name)
{
    MpObject *exc;

    MpErr_Format(MpExc_ModuleNotFoundError, "No module named '%U'", name);
    exc = MpErr_GetRaisedException();
    if (exc != NULL && MpObject_SetAttrString(exc, "name", name) < 0)
        MpErr_Clear();
    MpErr_SetRaisedException(exc);
}

MpObject *
mp_import_name(MpObject *name, MpObject *globals, MpObject *fromlist,
               MpObject *level)
{
    const char *s = MpUnicode_AsUTF8(name), *dot;
    MpObject *first, *m;

    MP_UNUSED(globals);
    MP_UNUSED(fromlist);
    if (level != NULL && MpLong_Check(level) && MpLong_AsLong(level) > 0) {
        MpErr_SetString(MpExc_ImportError, "attempted relative import with "
                        "no known parent package");
        return NULL;
    }
    if (s == NULL)
        return NULL;
    if (*s == '\0') {
        MpErr_SetString(MpExc_ValueError, "Empty module name");
        return NULL;
    }
    dot = strchr(s, '.');
    first = dot ? MpUnicode_FromStringAndSize(s, dot - s)
                : Mp_NewRef(name);
    if (first == NULL)
        return NULL;
    m = find_builtin_module(first);
    if (m == NULL && !MpErr_Occurred()) {
        module_not_found(first);
    }
    else if (m != NULL && dot != NULL) {
        /* Built-in modules have no submodules. */
        Mp_DECREF(m);
        m = NULL;
        MpErr_Format(MpExc_ModuleNotFoundError, "No module named '%U'; "
                     "'%U' is not a package", name, first);
    }
    Mp_DECREF(first);
    return m;
}

/* ---- Interpreter start-up ---- */

static int
ready_types(void)
{
    return mp_code_init() < 0 || mp_funcobject_init() < 0 ||
           mp_frameobject_init() < 0 || mp_traceback_init() < 0 ||
           mp_moduleobject_init() < 0 || mp_genobject_init() < 0 ||
           mp_builtins_types_init() < 0 ? -1 : 0;
}

MP_IDENTIFIER(sys);

int
mp_interp_init(void)
{
    MpObject *builtins, *sys, *name;

    if (ready_types() < 0)
        return -1;
    state.modules = MpDict_New();
    if (state.modules == NULL)
        return -1;
    builtins = mp_builtins_module_create();
    if (builtins == NULL)
        return -1;
    mp_eval_set_builtins(Mp_NewRef(mp_module_dict(builtins)));
    if (mp_import_add_module("builtins", builtins) < 0) {
        Mp_DECREF(builtins);
        return -1;
    }
    Mp_DECREF(builtins);
    name = mp_identifier_get(&MpId_sys);
    sys = name == NULL ? NULL : find_builtin_module(name);
    if (sys == NULL)
        return -1;
    Mp_DECREF(sys);
    mp_exceptions_set_traceback_type(&MpTraceBack_Type);
    mp_errors_set_traceback_printer(mp_traceback_print);
    return 0;
}

/* Empty a module's namespace as CPython does at exit: names starting
 * with '_' first, then the others, each set to None (so __del__ methods
 * that run meanwhile find their module's names gone, not missing). */
static void
clear_module_dict(MpObject *dict)
{
    int pass;

    for (pass = 0; pass < 2; pass++) {
        Mp_ssize_t pos = 0;
        MpObject *key, *value;
        while (MpDict_Next(dict, &pos, &key, &value)) {
            const char *name = MpUnicode_Check(key) ? MpUnicode_AsUTF8(key)
                                                    : NULL;
            if (value == Mp_None || name == NULL ||
                (name[0] == '_') != (pass == 0) ||
                strcmp(name, "__builtins__") == 0)
                continue;
            /* Replacing a value keeps the dict's size: iteration goes on. */
            if (MpDict_SetItem(dict, key, Mp_None) < 0)
                MpErr_WriteUnraisable(NULL);
        }
    }
}

/* Shut the interpreter down in CPython's order: the modules in reverse
 * order of import (__main__ first), then sys, then builtins. */
void
mp_interp_fini(void)
{
    MpObject *modules = state.modules, *list, *sys, *builtins;
    Mp_ssize_t i;

    if (modules == NULL)
        goto done;
    list = MpDict_Values(modules);
    sys = MpDict_GetItemString(modules, "sys");
    builtins = MpDict_GetItemString(modules, "builtins");
    for (i = list ? MpList_GET_SIZE(list) - 1 : -1; i >= 0; i--) {
        MpObject *m = MpList_GET_ITEM(list, i);
        if (m != sys && m != builtins && MpModule_Check(m))
            clear_module_dict(mp_module_dict(m));
    }
    mp_run_fini();
    if (sys != NULL)
        MpDict_Clear(mp_module_dict(sys));
    if (builtins != NULL)
        MpDict_Clear(mp_module_dict(builtins));
    if (list != NULL) {
        for (i = 0; i < MpList_GET_SIZE(list); i++) {
            MpObject *m = MpList_GET_ITEM(list, i);
            if (MpModule_Check(m))
                MpDict_Clear(mp_module_dict(m));
        }
        Mp_DECREF(list);
    }
    state.modules = NULL;
    Mp_DECREF(modules);
done:
    mp_frameobject_fini();
    mp_errors_set_traceback_printer(NULL);
    mp_exceptions_set_traceback_type(NULL);
    mp_eval_fini();
    MpErr_Clear();
}
