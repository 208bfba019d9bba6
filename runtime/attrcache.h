/*
 * attrcache.h -- what LOAD_ATTR, STORE_ATTR and LOAD_METHOD found last
 * time, per instruction (attrcache.c explains the design).
 */
#ifndef MP_ATTRCACHE_H
#define MP_ATTRCACHE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "objects/instancevalues.h"
#include "objects/object.h"
#include "objects/typeobject.h"
#include "runtime/codeobject.h"

enum {
    MP_ATTR_EMPTY = 0,
    MP_ATTR_INSTANCE,   /* the value in slot 'index' of the inline values */
    MP_ATTR_CLASS,      /* 'descr' from the class, through its __get__ */
    MP_ATTR_METHOD      /* 'descr', a method: LOAD_METHOD skips binding */
};

/* What one type gave. */
typedef struct {
    unsigned int version;   /* tp_version_tag of the type seen */
    unsigned int epoch;     /* mp_type_epoch then */
    uint8_t kind;
    uint8_t layout_size;    /* CLASS, METHOD: names in the type's layout */
    uint16_t index;         /* INSTANCE: slot in the inline values */
    MpObject *descr;        /* CLASS, METHOD: borrowed from a class dict,
                               which holds it while version and epoch do */
} mp_attr_way;

/* Two ways, so that a method called on instances of a class and of its
 * subclass in turn finds both. */
struct mp_attr_cache {
    mp_attr_way way[2];
};

/* The cache entry of the instruction at next_instr[-1] (NULL when there
 * was no memory for the table, which only costs speed). */
static inline mp_attr_cache *
mp_attr_cache_at(MpCodeObject *co, const mp_codeunit *next_instr)
{
    mp_attr_cache *table = co->co_attr_cache;

    if (table == NULL) {
        table = MpMem_Calloc((size_t)co->co_ncode, sizeof(*table));
        co->co_attr_cache = table;
        if (table == NULL)
            return NULL;
    }
    return &table[next_instr - 1 - co->co_code];
}

/* The way describing type(obj) as it is now, or NULL. */
static inline const mp_attr_way *
mp_attr_cache_find(const mp_attr_cache *c, MpObject *obj)
{
    unsigned int version = Mp_TYPE(obj)->tp_version_tag;
    int i;

    if (c == NULL)
        return NULL;
    for (i = 0; i < 2; i++) {
        const mp_attr_way *w = &c->way[i];
        if (w->version == version && w->kind != MP_ATTR_EMPTY
            && w->epoch == mp_type_epoch)
            return w;
    }
    return NULL;
}

/* The __dict__ slot of an instance whose type has inline values. */
static inline MpObject **
mp_attr_cache_dictptr(MpObject *obj)
{
    return (MpObject **)((char *)obj + Mp_TYPE(obj)->tp_dictoffset);
}

/* True when obj certainly has no attribute of its own named as the
 * way's: no dict slot, or inline values whose class layout has not
 * grown since the name was found missing from it. */
static inline int
mp_attr_cache_unshadowed(const mp_attr_way *w, MpObject *obj)
{
    MpTypeObject *tp = Mp_TYPE(obj);

    if (tp->tp_dictoffset == 0)
        return 1;
    return *mp_attr_cache_dictptr(obj) == NULL
           && w->layout_size == mp_instance_layout_size(tp);
}

/* The value slot of an INSTANCE way (NULL: a miss); its contents may be
 * NULL when obj lacks the attribute. */
static inline MpObject **
mp_attr_cache_slot(const mp_attr_way *w, MpObject *obj)
{
    MpInstanceValues *values;

    if (*mp_attr_cache_dictptr(obj) != NULL)
        return NULL;
    values = *mp_object_valuesptr(obj);
    if (values == NULL || w->index >= values->capacity)
        return NULL;
    return &values->items[w->index];
}

/* LOAD_ATTR through the cache: 1 with *res (New, or NULL after an
 * error), 0 on a miss. */
static inline int
mp_attr_cache_load(const mp_attr_cache *c, MpObject *obj, MpObject **res)
{
    const mp_attr_way *w = mp_attr_cache_find(c, obj);
    descrgetfunc get;

    if (w == NULL)
        return 0;
    if (w->kind == MP_ATTR_INSTANCE) {
        MpObject **slot = mp_attr_cache_slot(w, obj);
        if (slot == NULL || *slot == NULL)
            return 0;
        *res = Mp_NewRef(*slot);
        return 1;
    }
    if (!mp_attr_cache_unshadowed(w, obj))
        return 0;
    get = Mp_TYPE(w->descr)->tp_descr_get;
    *res = get != NULL ? get(w->descr, obj, (MpObject *)Mp_TYPE(obj))
                       : Mp_NewRef(w->descr);
    return 1;
}

/* LOAD_METHOD through the cache: the method (borrowed), or NULL. */
static inline MpObject *
mp_attr_cache_method(const mp_attr_cache *c, MpObject *obj)
{
    const mp_attr_way *w = mp_attr_cache_find(c, obj);

    if (w == NULL || w->kind != MP_ATTR_METHOD
        || !mp_attr_cache_unshadowed(w, obj))
        return NULL;
    return w->descr;
}

/* STORE_ATTR through the cache, taking the reference to v: 1 when done,
 * 0 on a miss (v untouched), -1 with MemoryError (v untouched). */
static inline int
mp_attr_cache_store(const mp_attr_cache *c, MpObject *obj, MpObject *v)
{
    const mp_attr_way *w = mp_attr_cache_find(c, obj);
    MpObject **slot, *old;

    if (w == NULL || w->kind != MP_ATTR_INSTANCE)
        return 0;
    /* The first store to a new instance (in __init__) makes its values. */
    if (*mp_object_valuesptr(obj) == NULL
        && *mp_attr_cache_dictptr(obj) == NULL
        && mp_instance_values_reserve(obj) < 0)
        return -1;
    slot = mp_attr_cache_slot(w, obj);
    if (slot == NULL)
        return 0;
    old = *slot;
    if (old == NULL) {
        /* A new attribute must not come before one set earlier. */
        MpInstanceValues *values = *mp_object_valuesptr(obj);
        if (w->index < values->used)
            return 0;
        values->used = (uint8_t)(w->index + 1);
    }
    *slot = v;
    Mp_XDECREF(old);
    return 1;
}

/* Record what the slow path found for obj.name (after it succeeded). */
void mp_attr_cache_fill_load(mp_attr_cache *c, MpObject *obj, MpObject *name);
void mp_attr_cache_fill_method(mp_attr_cache *c, MpObject *obj,
                               MpObject *name);
void mp_attr_cache_fill_store(mp_attr_cache *c, MpObject *obj,
                              MpObject *name);

#endif /* MP_ATTRCACHE_H */
