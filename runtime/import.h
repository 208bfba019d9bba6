/*
 * import.h -- the 'import' statement: the modules minipy has built in,
 * and sys.modules.
 */
#ifndef MP_IMPORT_H
#define MP_IMPORT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* IMPORT_NAME: the module for 'name' (the top package for a dotted name
 * without a fromlist).  New, or NULL with ModuleNotFoundError. */
MpObject *mp_import_name(MpObject *name, MpObject *globals,
                         MpObject *fromlist, MpObject *level);
/* sys.modules (Borrowed). */
MpObject *mp_import_modules(void);
/* Register a module under its name in sys.modules.  0 or -1. */
int mp_import_add_module(const char *name, MpObject *module);

/* Set up builtins, sys and the interpreter's types; tear them down. */
int mp_interp_init(void);
void mp_interp_fini(void);

#endif /* MP_IMPORT_H */
