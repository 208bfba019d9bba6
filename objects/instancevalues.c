/*
 * instancevalues.c -- instance attributes without a dict per instance.
 *
 * Instances of a class mostly set the same attributes in the same order
 * (self.x, then self.y, in __init__).  A dict per instance would repeat
 * the same keys, hashes and table in every one of them.  Instead, as
 * CPython 3.11 does, the class keeps the names once, in its layout, and
 * each instance keeps only an array of values:
 *
 *   class Point (heap type)              p = Point(1, 2)
 *   +--------------+                     +--------------+
 *   | ht_layout ---+--> n = 2            | GC header    |
 *   +--------------+    names: "x" "y"   | refcnt, type |
 *                              |    |    | __dict__ NULL|
 *                              v    v    | values ------+--> cap 2, used 2
 *                       items: 1    2  <-----------------    items: 1  2
 *
 * The values slot follows the __dict__ slot in the instance.  Exactly one
 * of them is in use: an instance starts with neither (no attributes), the
 * first attribute store allocates its values, and asking for __dict__
 * (vars(p), p.__dict__) moves the values into a real dict for good.
 *
 * Order.  A dict remembers insertion order, and p.__dict__ must show it.
 * The layout appends a name the first time any instance sets it, so an
 * instance's values are in insertion order as long as each new attribute
 * lands after every slot it ever filled ('used').  A store that would
 * break this (the class's layout is a, b but this instance sets b then
 * a, or it re-adds a deleted attribute) moves the instance to a dict.
 * So does the 31st name of a class, or a name that is not an exact str.
 *
 * Names in the layout are interned, and attribute names in code are too,
 * so a lookup is a scan comparing pointers; only a name built at run
 * time (setattr(p, "x" + s, v)) is compared by value.
 *
 * Memory: an instance with one attribute costs its 48-byte object and a
 * 16-byte values block, against 48 + 64 + 120 bytes with a dict.
 *
 * Read alongside CPython 3.11: Objects/dictobject.c
 * (_PyObject_InitializeDict, _PyObject_StoreInstanceAttribute,
 * make_dict_from_instance_attributes), which shares its key tables the
 * same way but keeps them in a dict-keys object.
 */
#include "include/internal/mp_core.h"
#include "objects/instancevalues.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"
#include "objects/dictobject.h"
#include "objects/object.h"

#include <string.h>

/* A name slot the layout has no room for. */
#define LAYOUT_FULL (-2)

static MpAttrLayout *
layout_of(MpObject *obj)
{
    return ((MpHeapTypeObject *)Mp_TYPE(obj))->ht_layout;
}

/* The slot of 'name' in 'layout', or -1. */
static Mp_ssize_t
layout_find(const MpAttrLayout *layout, MpObject *name)
{
    Mp_ssize_t i;

    if (layout == NULL)
        return -1;
    for (i = 0; i < layout->n; i++) {
        if (layout->names[i] == name)
            return i;
    }
    /* Every layout name is interned: an interned name that is not among
     * them by identity is not among them at all. */
    if (MpUnicode_CAST(name)->state.interned)
        return -1;
    for (i = 0; i < layout->n; i++) {
        if (mp_unicode_eq(layout->names[i], name))
            return i;
    }
    return -1;
}

/* Append 'name' to the layout of obj's class: its slot, LAYOUT_FULL, or
 * -1 with an exception. */
static Mp_ssize_t
layout_add(MpObject *obj, MpObject *name)
{
    MpHeapTypeObject *et = (MpHeapTypeObject *)Mp_TYPE(obj);
    MpAttrLayout *layout = et->ht_layout;

    if (layout == NULL) {
        layout = MpMem_Malloc(sizeof(*layout));
        if (layout == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        layout->n = 0;
        et->ht_layout = layout;
    }
    if (layout->n == MP_LAYOUT_MAX)
        return LAYOUT_FULL;
    Mp_INCREF(name);
    MpUnicode_InternInPlace(&name);
    if (!MpUnicode_CAST(name)->state.interned) {
        Mp_DECREF(name);
        return MpErr_Occurred() ? -1 : LAYOUT_FULL;
    }
    layout->names[layout->n] = name;
    return layout->n++;
}

/* Make room for slot i in obj's values: as many slots as its class's
 * layout has names, so later stores of known names need no resize. */
static int
values_grow(MpInstanceValues **vp, const MpAttrLayout *layout, Mp_ssize_t i)
{
    MpInstanceValues *values = *vp;
    Mp_ssize_t old = values == NULL ? 0 : values->capacity;
    Mp_ssize_t cap = layout->n > i ? layout->n : i + 1;

    values = MpMem_Realloc(values, sizeof(*values)
                                   + (size_t)cap * sizeof(MpObject *));
    if (values == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    memset(values->items + old, 0, (size_t)(cap - old) * sizeof(MpObject *));
    if (old == 0)
        values->used = 0;
    values->capacity = (uint8_t)cap;
    *vp = values;
    return 0;
}

int
mp_instance_values_reserve(MpObject *obj)
{
    MpAttrLayout *layout = layout_of(obj);

    if (layout == NULL || layout->n == 0)
        return 0;
    return values_grow(mp_object_valuesptr(obj), layout, 0);
}

Mp_ssize_t
mp_instance_layout_find(MpTypeObject *type, MpObject *name)
{
    return layout_find(((MpHeapTypeObject *)type)->ht_layout, name);
}

MpObject *
mp_instance_values_get(MpObject *obj, MpObject *name)
{
    MpInstanceValues *values = *mp_object_valuesptr(obj);
    Mp_ssize_t i;

    if (values == NULL)
        return NULL;
    i = layout_find(layout_of(obj), name);
    if (i < 0 || i >= values->capacity)
        return NULL;
    return values->items[i];
}

int
mp_instance_values_set(MpObject *obj, MpObject *name, MpObject *value)
{
    MpInstanceValues **vp = mp_object_valuesptr(obj);
    Mp_ssize_t i = layout_find(layout_of(obj), name);
    MpObject *old;

    if (i < 0) {
        i = layout_add(obj, name);
        if (i == LAYOUT_FULL)
            return 1;
        if (i < 0)
            return -1;
    }
    if ((*vp == NULL || i >= (*vp)->capacity)
        && values_grow(vp, layout_of(obj), i) < 0)
        return -1;
    old = (*vp)->items[i];
    if (old == NULL && i < (*vp)->used)
        return 1;               /* it would come out of insertion order */
    (*vp)->items[i] = Mp_NewRef(value);
    if (i >= (*vp)->used)
        (*vp)->used = (uint8_t)(i + 1);
    Mp_XDECREF(old);            /* last: it may run a __del__ */
    return 0;
}

int
mp_instance_values_del(MpObject *obj, MpObject *name)
{
    MpInstanceValues *values = *mp_object_valuesptr(obj);
    Mp_ssize_t i;
    MpObject *old;

    if (values == NULL)
        return 1;
    i = layout_find(layout_of(obj), name);
    if (i < 0 || i >= values->capacity || values->items[i] == NULL)
        return 1;
    old = values->items[i];
    values->items[i] = NULL;
    Mp_DECREF(old);
    return 0;
}

int
mp_instance_values_next(MpObject *obj, Mp_ssize_t *pos, MpObject **name,
                        MpObject **value)
{
    MpInstanceValues *values = *mp_object_valuesptr(obj);
    Mp_ssize_t i;

    for (i = *pos; values != NULL && i < values->used; i++) {
        if (values->items[i] != NULL) {
            *name = layout_of(obj)->names[i];
            *value = values->items[i];
            *pos = i + 1;
            return 1;
        }
    }
    return 0;
}

MpObject *
mp_instance_values_to_dict(MpObject *obj)
{
    MpInstanceValues *values = *mp_object_valuesptr(obj);
    MpObject *dict, *name, *value;
    Mp_ssize_t pos = 0;

    dict = mp_dict_new_presized(values == NULL ? 0 : values->used, 1);
    if (dict == NULL)
        return NULL;
    while (mp_instance_values_next(obj, &pos, &name, &value)) {
        if (MpDict_SetItem(dict, name, value) < 0) {
            Mp_DECREF(dict);
            return NULL;
        }
    }
    /* The dict holds every value now, so clearing drops no last ref. */
    mp_instance_values_clear(obj);
    *mp_object_dictptr(obj) = dict;
    return dict;
}

int
mp_instance_values_traverse(MpObject *obj, visitproc visit, void *arg)
{
    MpInstanceValues *values = *mp_object_valuesptr(obj);
    Mp_ssize_t i;

    for (i = 0; values != NULL && i < values->used; i++)
        Mp_VISIT(values->items[i]);
    return 0;
}

void
mp_instance_values_clear(MpObject *obj)
{
    MpInstanceValues **vp = mp_object_valuesptr(obj), *values = *vp;
    Mp_ssize_t i;

    if (values == NULL)
        return;
    /* Detach first: a __del__ run by the decrefs sees no attributes. */
    *vp = NULL;
    for (i = 0; i < values->used; i++)
        Mp_XDECREF(values->items[i]);
    MpMem_Free(values);
}

void
mp_attr_layout_free(MpAttrLayout *layout)
{
    Mp_ssize_t i;

    if (layout == NULL)
        return;
    for (i = 0; i < layout->n; i++)
        Mp_DECREF(layout->names[i]);
    MpMem_Free(layout);
}
