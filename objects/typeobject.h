/*
 * typeobject.h -- internal interface of the type system (typeobject.c).
 *
 * Static types are MpTypeObject values defined in C.  Classes made at run
 * time (type(name, bases, dict), the class statement) are heap types: an
 * MpHeapTypeObject whose slot tables live inside the object, so that each
 * class can point its slots at its own Python methods.
 *
 *   MpHeapTypeObject
 *   +------------------+
 *   | MpTypeObject     |  tp_as_number --+   tp_as_sequence --+ ...
 *   | as_number     <--------------------+                    |
 *   | as_sequence   <-----------------------------------------+
 *   | as_mapping       |
 *   | ht_name          |  str: __name__ (tp_name points into it)
 *   | ht_qualname      |  str: __qualname__
 *   | ht_module        |  the defining module object, or NULL
 *   | ht_next, ht_prev |  links of the list of live heap types
 *   | ht_layout        |  attribute names of instances (instancevalues.c)
 *   +------------------+
 */
#ifndef MP_TYPEOBJECT_H
#define MP_TYPEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct MpHeapTypeObject {
    MpTypeObject ht_type;
    MpNumberMethods as_number;
    MpMappingMethods as_mapping;
    MpSequenceMethods as_sequence;
    MpObject *ht_name;
    MpObject *ht_qualname;
    MpObject *ht_module;
    /* The list of live heap types (borrowed links), walked to update
     * the slots of subclasses when a class's dunder changes. */
    struct MpHeapTypeObject *ht_next;
    struct MpHeapTypeObject *ht_prev;
    /* The attribute names of instances with inline values, or NULL
     * (see instancevalues.c). */
    struct MpAttrLayout *ht_layout;
} MpHeapTypeObject;

#define MpType_IS_HEAP(t) MpType_HasFeature((t), MP_TPFLAGS_HEAPTYPE)

/* Find 'name' (a str) along the MRO of 'type'.  Borrowed reference, or
 * NULL without an exception when absent. */
MpObject *mp_type_lookup(MpTypeObject *type, MpObject *name);
/* The same for a C string name.  Borrowed, NULL without exception. */
MpObject *mp_type_lookup_string(MpTypeObject *type, const char *name);

/* Bumped by every change to any type (and so to any MRO): a lookup
 * remembered with the type's tp_version_tag and this epoch stays valid
 * while both are unchanged. */
extern unsigned int mp_type_epoch;

/* Call after changing type->tp_dict directly (not through setattr):
 * lookups cached for it and its subclasses are forgotten. */
void mp_type_modified(MpTypeObject *type);

/* Called by mp_object_fini: every static type readied since the runtime
 * started drops tp_dict and tp_mro and loses MP_TPFLAGS_READY. */
void mp_type_fini_static(void);

/* The part of tp_name after its last dot ("list", "Point"): borrowed
 * from the type, nothing allocated. */
const char *mp_type_short_name(MpTypeObject *type);
/* __name__ of a type: mp_type_short_name, or ht_name.  New. */
MpObject *mp_type_name(MpTypeObject *type);
/* __qualname__ and __module__ (str or whatever the dict holds).  New, or
 * NULL with an exception. */
MpObject *mp_type_qualname(MpTypeObject *type);
MpObject *mp_type_module(MpTypeObject *type);
/* __qualname__ as UTF-8 owned by the type (for error messages). */
const char *mp_type_qualname_utf8(MpTypeObject *type);

/* Call the special method 'name' of type(self), found on the type only
 * (as CPython's lookup of dunder methods): self.name(*args).  New, or
 * NULL with AttributeError when the type has no such attribute. */
MpObject *mp_type_call_special(MpObject *self, MpObject *name,
                               MpObject *const *args, Mp_ssize_t nargs);

/* The static method __new__ added for types defining tp_new. */
MpObject *mp_type_tp_new_wrapper(MpObject *self, MpObject *args,
                                 MpObject *kwds);

#endif /* MP_TYPEOBJECT_H */
