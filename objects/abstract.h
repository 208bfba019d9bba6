/*
 * abstract.h -- internal interface of the abstract object protocols
 * (abstract.c).
 *
 * The public MpNumber_*, MpSequence_*, MpMapping_* and MpObject_GetItem
 * family are in minipy.h.  This header holds what the type system needs
 * to register on 'object'.
 */
#ifndef MP_ABSTRACT_H
#define MP_ABSTRACT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* object.__format__(self, spec): str(self) when 'spec' is the empty str;
 * TypeError "unsupported format string passed to list.__format__" for a
 * non-empty spec, "__format__() argument must be str, not int" for a
 * spec that is not a str.  New. */
MpObject *mp_object_format_default(MpObject *self, MpObject *spec);

#endif /* MP_ABSTRACT_H */
