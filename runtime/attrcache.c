/*
 * attrcache.c -- per-instruction caches for attribute access.
 *
 * `self.value`, `self.step` and `obj.method()` in a loop ask the same
 * question of the same class again and again: walk the MRO for a
 * descriptor, then look in the instance.  Each LOAD_ATTR, STORE_ATTR
 * and LOAD_METHOD instruction remembers the answer it got last, in a
 * table beside the bytecode (co_attr_cache: one entry per code unit,
 * allocated the first time the code object runs such an instruction):
 *
 *   co_code:        ... LOAD_FAST self | LOAD_ATTR value | ...
 *   co_attr_cache:  ...      (unused)  | INSTANCE slot 0 | ...
 *
 * Each entry has two ways, for two types: a method of a class called on
 * instances of the class and of a subclass finds both (a third type
 * pushes out the older way).
 *
 *   kind       answer                          hit also needs
 *   INSTANCE   inline values slot 'index'      no __dict__, slot filled
 *   CLASS      descr from the class (__get__)  obj has no own attribute
 *   METHOD     descr, a plain method           obj has no own attribute
 *
 * An entry is valid while type(obj) has the tp_version_tag recorded and
 * no type anywhere has changed since (mp_type_epoch): then the MRO walk
 * would find the same descriptor, and for INSTANCE the class's layout
 * still has the name in the same slot (layouts only grow).  "No own
 * attribute" is certain when the type has no dict slot, or when the
 * instance has no __dict__ and its class's layout has not grown since
 * the name was missing from it.
 *
 * Only types using the generic getattr/setattr are cached, and never a
 * data descriptor (property): those take the slow path, as does every
 * miss; a miss refills the entry after the slow path succeeded.
 *
 * Read alongside CPython 3.11: Python/specialize.c (LOAD_ATTR_INSTANCE_
 * VALUE, LOAD_METHOD_WITH_VALUES, STORE_ATTR_INSTANCE_VALUE), which
 * rewrites the instruction itself instead of keeping a side table.
 */
#include "include/internal/mp_core.h"
#include "runtime/attrcache.h"
#include "objects/descrobject.h"

/* The descriptor the MRO of obj's type has for 'name' (borrowed, or
 * NULL), and whether obj's type is one the caches may describe. */
static int
cacheable(MpObject *obj, MpObject *name, MpObject **descr)
{
    MpTypeObject *tp = Mp_TYPE(obj);

    if (tp->tp_version_tag == 0 || !MpUnicode_CheckExact(name))
        return 0;
    if (tp->tp_dictoffset != 0
        && !MpType_HasFeature(tp, MP_TPFLAGS_INLINE_VALUES))
        return 0;
    *descr = mp_type_lookup(tp, name);
    return 1;
}

/* Note what obj.name gave in a way of c: the one that described the
 * same type, else the newer one, pushing the older out. */
static void
record(mp_attr_cache *c, MpObject *obj, int kind, MpObject *descr,
       Mp_ssize_t index)
{
    MpTypeObject *tp = Mp_TYPE(obj);
    mp_attr_way *w = &c->way[0];

    if (w->version != tp->tp_version_tag)
        c->way[1] = *w;
    w->kind = (uint8_t)kind;
    w->version = tp->tp_version_tag;
    w->epoch = mp_type_epoch;
    w->descr = descr;
    w->index = (uint16_t)index;
    w->layout_size = 0;
    if (MpType_HasFeature(tp, MP_TPFLAGS_INLINE_VALUES))
        w->layout_size = (uint8_t)mp_instance_layout_size(tp);
}

#define NOT_OWN (-1)     /* obj cannot have an attribute of that name */
#define IN_DICT (-2)     /* obj has a __dict__: anything may be in it */

/* Where obj's own attribute 'name' would be: its slot in the layout of
 * the class (whether or not obj has it set), NOT_OWN or IN_DICT. */
static Mp_ssize_t
own_slot(MpObject *obj, MpObject *name)
{
    MpTypeObject *tp = Mp_TYPE(obj);

    if (tp->tp_dictoffset == 0)
        return NOT_OWN;
    if (*mp_object_dictptr(obj) != NULL)
        return IN_DICT;
    return mp_instance_layout_find(tp, name);
}

void
mp_attr_cache_fill_load(mp_attr_cache *c, MpObject *obj, MpObject *name)
{
    MpObject *descr;
    Mp_ssize_t slot;

    if (c == NULL || Mp_TYPE(obj)->tp_getattro != MpObject_GenericGetAttr
        || !cacheable(obj, name, &descr))
        return;
    if (descr != NULL && mp_descr_is_data(descr))
        return;
    slot = own_slot(obj, name);
    if (slot >= 0 && mp_instance_values_get(obj, name) != NULL)
        record(c, obj, MP_ATTR_INSTANCE, NULL, slot);
    else if (slot == NOT_OWN && descr != NULL)
        record(c, obj, MP_ATTR_CLASS, descr, 0);
}

void
mp_attr_cache_fill_method(mp_attr_cache *c, MpObject *obj, MpObject *name)
{
    MpObject *descr;

    if (c == NULL || Mp_TYPE(obj)->tp_getattro != MpObject_GenericGetAttr
        || !cacheable(obj, name, &descr) || descr == NULL
        || !MpType_HasFeature(Mp_TYPE(descr), MP_TPFLAGS_METHOD_DESCRIPTOR))
        return;
    if (own_slot(obj, name) == NOT_OWN)
        record(c, obj, MP_ATTR_METHOD, descr, 0);
}

void
mp_attr_cache_fill_store(mp_attr_cache *c, MpObject *obj, MpObject *name)
{
    MpObject *descr;
    Mp_ssize_t slot;

    if (c == NULL || Mp_TYPE(obj)->tp_setattro != MpObject_GenericSetAttr
        || !MpType_HasFeature(Mp_TYPE(obj), MP_TPFLAGS_INLINE_VALUES)
        || !cacheable(obj, name, &descr))
        return;
    if (descr != NULL && Mp_TYPE(descr)->tp_descr_set != NULL)
        return;
    slot = own_slot(obj, name);
    if (slot >= 0)
        record(c, obj, MP_ATTR_INSTANCE, NULL, slot);
}
