/*
 * instancevalues.h -- attributes of class instances kept in a small array
 * instead of a per-instance dict (instancevalues.c explains the design).
 */
#ifndef MP_INSTANCEVALUES_H
#define MP_INSTANCEVALUES_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "objects/typeobject.h"
#include <stdint.h>

/* The most attribute names one class's layout records (CPython 3.11
 * shares the keys of at most 30 names the same way). */
#define MP_LAYOUT_MAX 30

/* Per class: the attribute names its instances have set, in the order
 * they were first set.  Names are interned strs (owned). */
typedef struct MpAttrLayout {
    Mp_ssize_t n;
    MpObject *names[MP_LAYOUT_MAX];
} MpAttrLayout;

/* Per instance: items[i] is the value of layout->names[i], or NULL. */
typedef struct MpInstanceValues {
    uint8_t capacity;           /* slots allocated in items */
    uint8_t used;               /* 1 + the highest slot ever filled */
    MpObject *items[];
} MpInstanceValues;

/* Where an instance of a type with MP_TPFLAGS_INLINE_VALUES keeps its
 * values pointer: the slot after its __dict__ pointer. */
static inline MpInstanceValues **
mp_object_valuesptr(MpObject *obj)
{
    return (MpInstanceValues **)((char *)obj + Mp_TYPE(obj)->tp_dictoffset
                                 + sizeof(MpObject *));
}

/* True when obj has no __dict__ yet and keeps its attributes inline. */
static inline int
mp_object_has_inline_values(MpObject *obj, MpObject **dictptr)
{
    return *dictptr == NULL
           && MpType_HasFeature(Mp_TYPE(obj), MP_TPFLAGS_INLINE_VALUES);
}

/* How many names the layout of 'type' (one with inline values) has. */
static inline Mp_ssize_t
mp_instance_layout_size(MpTypeObject *type)
{
    const MpAttrLayout *layout = ((MpHeapTypeObject *)type)->ht_layout;
    return layout == NULL ? 0 : layout->n;
}

/* Give obj, which has no values yet, room for every name its class's
 * layout has.  0, or -1 with MemoryError. */
int mp_instance_values_reserve(MpObject *obj);

/* The slot of 'name' (an exact str) in the layout of 'type', or -1. */
Mp_ssize_t mp_instance_layout_find(MpTypeObject *type, MpObject *name);

/* The attribute 'name' (an exact str).  Borrowed, or NULL when absent;
 * never raises. */
MpObject *mp_instance_values_get(MpObject *obj, MpObject *name);
/* Set 'name' (an exact str) to 'value'.  0 when done, -1 with an
 * exception, 1 when the attribute does not fit the inline values (the
 * caller moves them to a dict with mp_instance_values_to_dict). */
int mp_instance_values_set(MpObject *obj, MpObject *name, MpObject *value);
/* Delete 'name' (an exact str).  0 when deleted, 1 when absent. */
int mp_instance_values_del(MpObject *obj, MpObject *name);
/* Move obj's attributes into a new dict, which becomes its __dict__ for
 * good.  Borrowed reference to that dict, or NULL with an exception. */
MpObject *mp_instance_values_to_dict(MpObject *obj);

/* Step through obj's inline attributes in insertion order, as
 * MpDict_Next does (*pos starts at 0): 1 with *name and *value
 * (borrowed), 0 at the end. */
int mp_instance_values_next(MpObject *obj, Mp_ssize_t *pos, MpObject **name,
                            MpObject **value);

/* tp_traverse / tp_clear helpers of instances. */
int mp_instance_values_traverse(MpObject *obj, visitproc visit, void *arg);
void mp_instance_values_clear(MpObject *obj);

/* Release a class's layout (type dealloc). */
void mp_attr_layout_free(MpAttrLayout *layout);

#endif
