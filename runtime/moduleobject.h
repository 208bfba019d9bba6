/*
 * moduleobject.h -- module objects: a namespace dict with a name.
 */
#ifndef MP_MODULEOBJECT_H
#define MP_MODULEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_HEAD
    MpObject *md_dict;
} MpModuleObject;

extern MpTypeObject MpModule_Type;
#define MpModule_Check(op) MpObject_TypeCheck(op, &MpModule_Type)

/* A module named 'name' with __name__, __doc__ (None) in its dict. New. */
MpObject *mp_module_new(const char *name);
/* The module's dict (Borrowed). */
MpObject *mp_module_dict(MpObject *module);
/* Add C functions from a NULL-terminated table.  0 or -1. */
int mp_module_add_functions(MpObject *module, MpMethodDef *methods);

int mp_moduleobject_init(void);

#endif /* MP_MODULEOBJECT_H */
