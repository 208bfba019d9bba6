/*
 * builtins.h -- the modules minipy has built in, and the types only the
 * builtins make (enumerate, zip, map, filter, reversed, super).
 */
#ifndef MP_BUILTINS_H
#define MP_BUILTINS_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

MpObject *mp_builtins_module_create(void);      /* bltinmodule.c */
MpObject *mp_sys_module_create(void);           /* sysmodule.c */
MpObject *mp_gc_module_create(void);            /* gcmodule.c */
MpObject *mp_time_module_create(void);          /* timemodule.c */
MpObject *mp_mem_module_create(void);           /* memmodule.c */

/* sys.argv as the CLI sets it (a list of str; Borrowed by the module). */
int mp_sys_set_argv(int argc, char **argv);

extern MpTypeObject MpEnum_Type;                /* bltin_iterators.c */
extern MpTypeObject MpReversed_Type;
extern MpTypeObject MpZip_Type;
extern MpTypeObject MpMap_Type;
extern MpTypeObject MpFilter_Type;
extern MpTypeObject MpSuper_Type;               /* superobject.c */

int mp_builtins_types_init(void);

#endif /* MP_BUILTINS_H */
