/*
 * typeobject.c -- the type `type`: readying static types, creating heap
 * types (classes), attribute lookup along the MRO, and the slot table
 * that connects C slots (tp_repr, nb_add, ...) with dunder methods.
 *
 * The slot table (slotdefs below) has one row per (dunder name, slot):
 *
 *   name        slot            heap-type function    wrapper
 *   ----------  --------------  --------------------  -----------------
 *   __repr__    tp_repr         slot_tp_repr          wrap_unaryfunc
 *   __add__     nb_add          slot_nb_add           wrap_binaryfunc_l
 *   __radd__    nb_add          slot_nb_add           wrap_binaryfunc_r
 *   __len__     mp_length       slot_sq_length        wrap_lenfunc
 *   ...
 *
 * It is read in two directions:
 *
 *   static type, MpType_Ready   each slot the type defines itself becomes
 *     (add_operators)           a wrapper_descriptor in its dict, so
 *                               Python can call list.__len__(l);
 *   heap type, after ready      each slot is pointed at what the MRO
 *     (fixup_slot_dispatchers)  holds for its names: the C function
 *                               itself when that is a wrapper of the same
 *                               slot (a class inheriting list keeps
 *                               list_length), else the generic slot_*
 *                               function that looks the dunder up on the
 *                               type and calls it.
 *
 * Static types may be readied again after Mp_Finalize.  A registry keeps
 * a copy of each static type as defined in C (before inheritance filled
 * its slots), so a second MpType_Ready makes the same decisions as the
 * first.  mp_type_fini_static drops tp_dict and tp_mro of every
 * registered type and clears MP_TPFLAGS_READY.
 *
 * Invariants: tp_mro of a ready type is a tuple (type, base, ..., object);
 * every instance of a heap type holds a reference to its type; a heap
 * type holds references to its dict, base, mro and names, and is a GC
 * object (type -> mro -> type is a cycle the collector frees).
 *
 * Read alongside CPython 3.11: Objects/typeobject.c (type_ready,
 * inherit_special, inherit_slots, add_operators, slotdefs,
 * update_one_slot, fixup_slot_dispatchers, type_new, subtype_dealloc,
 * type_getattro, type_setattro, tp_new_wrapper, PyType_GenericAlloc).
 *
 * Lookups along the MRO go through a small cache keyed by (version tag,
 * interned name); any change to a type's dict gives it a new tag and
 * empties the cache.  Instead of CPython's tp_subclasses, the live heap
 * types form one list: setting a dunder on a class re-runs the slot
 * update on every heap type deriving from it.
 *
 * Left out: multiple inheritance (one base only; the MRO is the chain of
 * bases), metaclasses other than type, __slots__, __init_subclass__,
 * __class_getitem__, weak references, and type.__dict__ as a
 * mappingproxy (a copy is returned).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/typeobject.h"
#include "objects/instancevalues.h"
#include "objects/descrobject.h"
#include "objects/methodobject.h"
#include "objects/unicodeobject.h"
#include "objects/dictobject.h"
#include "objects/tupleobject.h"
#include "gc/gc.h"

#include <stddef.h>

#define MAX_STATIC_TYPES 256

/* A static type as its C definition left it, before any MpType_Ready. */
typedef struct {
    MpTypeObject *type;
    MpTypeObject pristine;
    MpNumberMethods nb;
    MpSequenceMethods sq;
    MpMappingMethods mp;
    int ready;                  /* readied in the running runtime */
} static_type_entry;

/* The registry outlives Mp_Finalize on purpose: it records facts about
 * static C data, not runtime objects, and holds no references. */
static struct {
    static_type_entry entries[MAX_STATIC_TYPES];
    int count;
} registry;

/* Not reset by finalization, so that no lookup remembered before it can
 * look valid after. */
unsigned int mp_type_epoch;

/* The method cache: (tp_version_tag, interned name) -> what the MRO
 * lookup found (Borrowed; NULL for "absent").  A type's tag changes
 * whenever a dict on its MRO may have changed; since subclasses are not
 * tracked, any change anywhere bumps mp_type_epoch, which empties the
 * cache. */
#define MCACHE_SIZE 512

struct mcache_entry {
    unsigned int version;       /* tp_version_tag, 0 = empty */
    unsigned int epoch;
    MpObject *name;             /* owned: keeps the address unique */
    MpObject *value;            /* borrowed */
};

static struct {
    unsigned int next_version_tag;
    struct mcache_entry mcache[MCACHE_SIZE];
    MpHeapTypeObject *heap_types;   /* live heap types (borrowed) */
} state;

#define SUBCLASS_FLAGS (MP_TPFLAGS_LONG_SUBCLASS | MP_TPFLAGS_LIST_SUBCLASS \
                        | MP_TPFLAGS_TUPLE_SUBCLASS                          \
                        | MP_TPFLAGS_UNICODE_SUBCLASS                        \
                        | MP_TPFLAGS_DICT_SUBCLASS                           \
                        | MP_TPFLAGS_BASE_EXC_SUBCLASS                       \
                        | MP_TPFLAGS_TYPE_SUBCLASS)

static int object_is_new_wrapper(MpObject *descr);
static int fixup_slot_dispatchers(MpTypeObject *type);
static int update_slot(MpTypeObject *type, MpObject *name);
static int update_slot_and_subclasses(MpTypeObject *type, MpObject *name);

/* ---- The static type registry ---- */

static static_type_entry *
registry_find(MpTypeObject *type)
{
    int i;
    for (i = 0; i < registry.count; i++) {
        if (registry.entries[i].type == type)
            return &registry.entries[i];
    }
    return NULL;
}

static static_type_entry *
registry_add(MpTypeObject *type)
{
    static_type_entry *e = registry_find(type);

    if (e != NULL)
        return e;
    if (registry.count == MAX_STATIC_TYPES) {
        MpErr_SetString(MpExc_SystemError, "too many static types");
        return NULL;
    }
    e = &registry.entries[registry.count++];
    memset(e, 0, sizeof(*e));
    e->type = type;
    e->pristine = *type;
    if (type->tp_as_number != NULL) {
        e->nb = *type->tp_as_number;
        e->pristine.tp_as_number = &e->nb;
    }
    if (type->tp_as_sequence != NULL) {
        e->sq = *type->tp_as_sequence;
        e->pristine.tp_as_sequence = &e->sq;
    }
    if (type->tp_as_mapping != NULL) {
        e->mp = *type->tp_as_mapping;
        e->pristine.tp_as_mapping = &e->mp;
    }
    return e;
}

/* Static types readied since init drop tp_dict and tp_mro and become
 * not ready; the registry keeps their pristine copies. */
void
mp_type_fini_static(void)
{
    int i;

    for (i = registry.count - 1; i >= 0; i--) {
        static_type_entry *e = &registry.entries[i];
        if (!e->ready)
            continue;
        e->ready = 0;
        Mp_CLEAR(e->type->tp_mro);
        Mp_CLEAR(e->type->tp_dict);
        e->type->tp_flags &= ~(MP_TPFLAGS_READY | MP_TPFLAGS_READYING);
        e->type->tp_version_tag = 0;
    }
    for (i = 0; i < MCACHE_SIZE; i++)
        Mp_CLEAR(state.mcache[i].name);
    /* Heap types still alive now (leaked) leave the list, so that their
     * later unlinking touches nothing. */
    while (state.heap_types != NULL) {
        MpHeapTypeObject *et = state.heap_types;
        state.heap_types = et->ht_next;
        et->ht_next = et->ht_prev = NULL;
    }
    memset(&state, 0, sizeof(state));
}

/* dict[key] for a C string key: 1 with *out set (Borrowed), 0 when
 * missing, -1 with an exception. */
static int
dict_lookup(MpObject *dict, const char *key, MpObject **out)
{
    MpObject *k = MpUnicode_FromString(key);

    *out = NULL;
    if (k == NULL)
        return -1;
    *out = MpDict_GetItemWithError(dict, k);
    Mp_DECREF(k);
    if (*out != NULL)
        return 1;
    return MpErr_Occurred() ? -1 : 0;
}

/* ---- Lookup along the MRO ---- */

/* name along the MRO of type: Borrowed, or NULL without an exception
 * (errors of the dicts are swallowed, as CPython's _PyType_Lookup). */
static MpObject *find_name_in_mro(MpTypeObject *type, MpObject *name);

static size_t
mcache_index(unsigned int version, MpObject *name)
{
    return ((size_t)version ^ ((uintptr_t)name >> 4)) % MCACHE_SIZE;
}

/* A cache miss: walk the MRO and record the answer in e.  Kept out of
 * line so that the hit path of mp_type_lookup needs no stack frame. */
static MP_NOINLINE MpObject *
mcache_fill(struct mcache_entry *e, MpTypeObject *type, MpObject *name)
{
    MpObject *res = find_name_in_mro(type, name);

    e->version = type->tp_version_tag;
    e->epoch = mp_type_epoch;
    e->value = res;
    Mp_XSETREF(e->name, Mp_NewRef(name));
    return res;
}

MpObject *
mp_type_lookup(MpTypeObject *type, MpObject *name)
{
    struct mcache_entry *e;
    unsigned int version = type->tp_version_tag;

    /* next_version_tag is 0 between Mp_Finalize and the next ready: no
     * caching then, so that nothing outlives finalization. */
    if (version == 0 || state.next_version_tag == 0
        || !MpUnicode_CheckExact(name)
        || !MpUnicode_CAST(name)->state.interned)
        return find_name_in_mro(type, name);
    e = &state.mcache[mcache_index(version, name)];
    if (e->version == version && e->name == name && e->epoch == mp_type_epoch)
        return e->value;
    return mcache_fill(e, type, name);
}

/* The uncached walk along the MRO (or the base chain before ready). */
static MpObject *
find_name_in_mro(MpTypeObject *type, MpObject *name)
{
    MpObject *mro = type->tp_mro, *res;
    Mp_ssize_t i, n;

    if (mro == NULL) {
        /* Not ready yet: follow the base chain. */
        for (; type != NULL; type = type->tp_base) {
            if (type->tp_dict == NULL)
                continue;
            res = MpDict_GetItemWithError(type->tp_dict, name);
            if (res != NULL)
                return res;
            if (MpErr_Occurred())
                MpErr_Clear();
        }
        return NULL;
    }
    n = MpTuple_GET_SIZE(mro);
    for (i = 0; i < n; i++) {
        MpTypeObject *base = (MpTypeObject *)MpTuple_GET_ITEM(mro, i);
        if (base->tp_dict == NULL)
            continue;
        res = MpDict_GetItemWithError(base->tp_dict, name);
        if (res != NULL)
            return res;
        if (MpErr_Occurred())
            MpErr_Clear();
    }
    return NULL;
}

/* mp_type_lookup for a C string.  Borrowed, or NULL. */
MpObject *
mp_type_lookup_string(MpTypeObject *type, const char *name)
{
    MpObject *s = MpUnicode_FromString(name), *res;
    if (s == NULL) {
        MpErr_Clear();
        return NULL;
    }
    res = mp_type_lookup(type, s);
    Mp_DECREF(s);
    return res;
}

/* 1 if a is b or derives from it, else 0. */
int
MpType_IsSubtype(MpTypeObject *a, MpTypeObject *b)
{
    MpObject *mro = a->tp_mro;

    if (a == b)
        return 1;
    if (mro != NULL) {
        Mp_ssize_t i, n = MpTuple_GET_SIZE(mro);
        for (i = 0; i < n; i++) {
            if (MpTuple_GET_ITEM(mro, i) == (MpObject *)b)
                return 1;
        }
        return 0;
    }
    for (a = a->tp_base; a != NULL; a = a->tp_base) {
        if (a == b)
            return 1;
    }
    return b == &MpBaseObject_Type;
}

/* Call the dunder method 'name' found on type(self). */
MpObject *
mp_type_call_special(MpObject *self, MpObject *name,
                     MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *stack[8];
    MpObject *func, *res;
    descrgetfunc get;
    Mp_ssize_t i;

    MP_ASSERT(nargs < 7);
    func = mp_type_lookup(Mp_TYPE(self), name);
    if (func == NULL) {
        return MpErr_Format(MpExc_AttributeError,
                            "'%.50s' object has no attribute '%U'",
                            Mp_TYPE(self)->tp_name, name);
    }
    Mp_INCREF(func);
    get = Mp_TYPE(func)->tp_descr_get;
    if (MpType_HasFeature(Mp_TYPE(func), MP_TPFLAGS_METHOD_DESCRIPTOR)) {
        /* Call unbound with self first: no bound object is made. */
        stack[0] = self;
        for (i = 0; i < nargs; i++)
            stack[i + 1] = args[i];
        res = MpObject_Vectorcall(func, stack, (size_t)nargs + 1, NULL);
    }
    else if (get != NULL) {
        MpObject *bound = get(func, self, (MpObject *)Mp_TYPE(self));
        if (bound == NULL) {
            Mp_DECREF(func);
            return NULL;
        }
        res = MpObject_Vectorcall(bound, args, (size_t)nargs, NULL);
        Mp_DECREF(bound);
    }
    else
        res = MpObject_Vectorcall(func, args, (size_t)nargs, NULL);
    Mp_DECREF(func);
    return res;
}

/* ---- Names ---- */

const char *
mp_type_short_name(MpTypeObject *type)
{
    const char *dot = strrchr(type->tp_name, '.');
    return dot != NULL ? dot + 1 : type->tp_name;
}

/* __name__ of a type.  New. */
MpObject *
mp_type_name(MpTypeObject *type)
{
    if (MpType_IS_HEAP(type))
        return Mp_NewRef(((MpHeapTypeObject *)type)->ht_name);
    return MpUnicode_FromString(mp_type_short_name(type));
}

/* __qualname__ of a type.  New. */
MpObject *
mp_type_qualname(MpTypeObject *type)
{
    if (MpType_IS_HEAP(type))
        return Mp_NewRef(((MpHeapTypeObject *)type)->ht_qualname);
    return MpUnicode_FromString(mp_type_short_name(type));
}

/* __qualname__ as UTF-8 owned by the type or its str. */
const char *
mp_type_qualname_utf8(MpTypeObject *type)
{
    if (MpType_IS_HEAP(type)) {
        const char *s = MpUnicode_AsUTF8(
            ((MpHeapTypeObject *)type)->ht_qualname);
        if (s == NULL) {
            MpErr_Clear();
            return type->tp_name;
        }
        return s;
    }
    return mp_type_short_name(type);
}

/* __module__: the dict entry of a heap type, the dotted prefix of a
 * static tp_name or "builtins".  New, or NULL with an exception. */
MpObject *
mp_type_module(MpTypeObject *type)
{
    const char *dot;

    if (MpType_IS_HEAP(type)) {
        MpObject *mod = NULL;
        int found = 0;
        if (type->tp_dict != NULL
            && (found = dict_lookup(type->tp_dict, "__module__", &mod)) < 0)
            return NULL;
        if (!found) {
            MpErr_SetString(MpExc_AttributeError, "__module__");
            return NULL;
        }
        return Mp_NewRef(mod);
    }
    dot = strrchr(type->tp_name, '.');
    if (dot != NULL)
        return MpUnicode_FromStringAndSize(type->tp_name,
                                           dot - type->tp_name);
    return MpUnicode_FromString("builtins");
}

/* ---- Attributes of type objects ---- */

static MpObject *
type_get_name(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return mp_type_name((MpTypeObject *)self);
}

static MpObject *
type_get_qualname(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return mp_type_qualname((MpTypeObject *)self);
}

static MpObject *
type_get_module(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    return mp_type_module((MpTypeObject *)self);
}

static MpObject *
type_get_mro(MpObject *self, void *closure)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MP_UNUSED(closure);
    if (type->tp_mro == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(type->tp_mro);
}

static MpObject *
type_get_base(MpObject *self, void *closure)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MP_UNUSED(closure);
    if (type->tp_base == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(type->tp_base);
}

static MpObject *
type_get_bases(MpObject *self, void *closure)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MP_UNUSED(closure);
    if (type->tp_base == NULL)
        return MpTuple_New(0);
    return MpTuple_Pack(1, (MpObject *)type->tp_base);
}

/* type.__dict__: a copy of the type's dict (CPython returns a read-only
 * mappingproxy; minipy has no such type). */
static MpObject *
type_get_dict(MpObject *self, void *closure)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MP_UNUSED(closure);
    if (type->tp_dict == NULL)
        Mp_RETURN_NONE;
    return MpDict_Copy(type->tp_dict);
}

static MpObject *
type_get_doc(MpObject *self, void *closure)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MpObject *doc;

    MP_UNUSED(closure);
    if (!MpType_IS_HEAP(type)) {
        if (type->tp_doc == NULL)
            Mp_RETURN_NONE;
        return MpUnicode_FromString(type->tp_doc);
    }
    doc = NULL;
    if (type->tp_dict != NULL
        && dict_lookup(type->tp_dict, "__doc__", &doc) < 0)
        return NULL;
    if (doc == NULL)
        Mp_RETURN_NONE;
    if (Mp_TYPE(doc)->tp_descr_get != NULL)
        return Mp_TYPE(doc)->tp_descr_get(doc, NULL, self);
    return Mp_NewRef(doc);
}

static MpGetSetDef type_getset[] = {
    {"__name__", type_get_name, NULL, NULL, NULL},
    {"__qualname__", type_get_qualname, NULL, NULL, NULL},
    {"__module__", type_get_module, NULL, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL, NULL},
    {"__bases__", type_get_bases, NULL, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL, NULL},
    {"__doc__", type_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpMemberDef type_members[] = {
    {"__basicsize__", MP_T_PYSSIZET, offsetof(MpTypeObject, tp_basicsize),
     MP_READONLY, NULL},
    {"__itemsize__", MP_T_PYSSIZET, offsetof(MpTypeObject, tp_itemsize),
     MP_READONLY, NULL},
    {"__dictoffset__", MP_T_PYSSIZET, offsetof(MpTypeObject, tp_dictoffset),
     MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static MpObject *
type_repr(MpObject *self)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MpObject *mod, *name, *res;

    mod = mp_type_module(type);
    if (mod == NULL)
        MpErr_Clear();
    else if (!MpUnicode_Check(mod)) {
        Mp_CLEAR(mod);
    }
    name = mp_type_qualname(type);
    if (name == NULL) {
        Mp_XDECREF(mod);
        return NULL;
    }
    if (mod != NULL && !MpUnicode_EqualToUTF8(mod, "builtins"))
        res = MpUnicode_FromFormat("<class '%U.%U'>", mod, name);
    else
        res = MpUnicode_FromFormat("<class '%s'>", type->tp_name);
    Mp_XDECREF(mod);
    Mp_DECREF(name);
    return res;
}

/* Attribute of a type: data descriptors of the metatype win, then the
 * type's own MRO (descriptors bound with instance NULL), then the rest
 * of the metatype's attributes. */
static MpObject *
type_getattro(MpObject *self, MpObject *name)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MpTypeObject *meta = Mp_TYPE(self);
    MpObject *meta_attr, *attr, *res;
    descrgetfunc meta_get = NULL, local_get;

    if (!MpUnicode_Check(name)) {
        return MpErr_Format(MpExc_TypeError,
                            "attribute name must be string, not '%.200s'",
                            Mp_TYPE(name)->tp_name);
    }
    meta_attr = mp_type_lookup(meta, name);
    if (meta_attr != NULL) {
        Mp_INCREF(meta_attr);
        meta_get = Mp_TYPE(meta_attr)->tp_descr_get;
        if (meta_get != NULL && mp_descr_is_data(meta_attr)) {
            res = meta_get(meta_attr, self, (MpObject *)meta);
            Mp_DECREF(meta_attr);
            return res;
        }
    }
    attr = mp_type_lookup(type, name);
    if (attr != NULL) {
        Mp_INCREF(attr);
        local_get = Mp_TYPE(attr)->tp_descr_get;
        Mp_XDECREF(meta_attr);
        if (local_get != NULL) {
            res = local_get(attr, NULL, self);
            Mp_DECREF(attr);
            return res;
        }
        return attr;
    }
    if (meta_get != NULL) {
        res = meta_get(meta_attr, self, (MpObject *)meta);
        Mp_DECREF(meta_attr);
        return res;
    }
    if (meta_attr != NULL)
        return meta_attr;
    return MpErr_Format(MpExc_AttributeError,
                        "type object '%.50s' has no attribute '%U'",
                        type->tp_name, name);
}

static void
type_modified(MpTypeObject *type)
{
    type->tp_version_tag = ++state.next_version_tag;
    mp_type_epoch++;
}

/* After changing the dict of a ready type directly: forget cached
 * lookups (CPython's PyType_Modified). */
void
mp_type_modified(MpTypeObject *type)
{
    type_modified(type);
}

static int
is_dunder(MpObject *name)
{
    Mp_ssize_t n;
    const char *s = MpUnicode_AsUTF8AndSize(name, &n);
    return s != NULL && n > 4 && s[0] == '_' && s[1] == '_'
           && s[n - 1] == '_' && s[n - 2] == '_';
}

static int
type_setattro(MpObject *self, MpObject *name, MpObject *value)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MpObject *meta_attr;
    int res;

    if (!MpUnicode_Check(name)) {
        MpErr_Format(MpExc_TypeError,
                     "attribute name must be string, not '%.200s'",
                     Mp_TYPE(name)->tp_name);
        return -1;
    }
    if (!MpType_IS_HEAP(type)) {
        MpErr_Format(MpExc_TypeError,
                     "cannot set '%U' attribute of immutable type '%s'",
                     name, type->tp_name);
        return -1;
    }
    meta_attr = mp_type_lookup(Mp_TYPE(self), name);
    if (meta_attr != NULL && Mp_TYPE(meta_attr)->tp_descr_set != NULL) {
        Mp_INCREF(meta_attr);
        res = Mp_TYPE(meta_attr)->tp_descr_set(meta_attr, self, value);
        Mp_DECREF(meta_attr);
        return res;
    }
    if (value != NULL)
        res = MpDict_SetItem(type->tp_dict, name, value);
    else {
        res = MpDict_DelItem(type->tp_dict, name);
        if (res < 0 && MpErr_ExceptionMatches(MpExc_KeyError)) {
            MpErr_Clear();
            MpErr_Format(MpExc_AttributeError,
                         "type object '%.50s' has no attribute '%U'",
                         type->tp_name, name);
        }
    }
    if (res < 0)
        return -1;
    type_modified(type);
    if (is_dunder(name))
        return update_slot_and_subclasses(type, name);
    return 0;
}

/* ---- Calling a type: type(x), type(name, bases, dict), A(...) ---- */

static MpObject *
type_call(MpObject *self, MpObject *args, MpObject *kwds)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MpObject *obj;

    if (type == &MpType_Type && MpTuple_GET_SIZE(args) == 1
        && (kwds == NULL || MpDict_Size(kwds) == 0))
        return Mp_NewRef(Mp_TYPE(MpTuple_GET_ITEM(args, 0)));
    if (type->tp_new == NULL) {
        return MpErr_Format(MpExc_TypeError, "cannot create '%s' instances",
                            type->tp_name);
    }
    obj = type->tp_new(type, args, kwds);
    if (obj == NULL) {
        if (!MpErr_Occurred())
            MpErr_Format(MpExc_SystemError, "%s.__new__ returned NULL "
                         "without setting an exception", type->tp_name);
        return NULL;
    }
    /* __init__ runs only when __new__ made an instance of 'type'. */
    if (!MpObject_TypeCheck(obj, type))
        return obj;
    type = Mp_TYPE(obj);
    if (type->tp_init != NULL && type->tp_init(obj, args, kwds) < 0) {
        Mp_DECREF(obj);
        return NULL;
    }
    return obj;
}

static MpMethodDef tp_new_def = {
    "__new__", (MpCFunction)(void (*)(void))mp_type_tp_new_wrapper,
    MP_METH_VARARGS | MP_METH_KEYWORDS,
    "Create and return a new object."
};

static int
object_is_new_wrapper(MpObject *descr)
{
    return MpCFunction_Check(descr)
           && ((MpCFunctionObject *)descr)->m_ml == &tp_new_def;
}

/* T.__new__(S, *args, **kwds): calls T's tp_new for subtype S after
 * checking that this is safe. */
MpObject *
mp_type_tp_new_wrapper(MpObject *self, MpObject *args, MpObject *kwds)
{
    MpTypeObject *type = (MpTypeObject *)self, *subtype, *staticbase;
    MpObject *arg0, *rest, *res;
    Mp_ssize_t n = MpTuple_GET_SIZE(args);

    if (n < 1) {
        return MpErr_Format(MpExc_TypeError,
                            "%s.__new__(): not enough arguments",
                            type->tp_name);
    }
    arg0 = MpTuple_GET_ITEM(args, 0);
    if (!MpType_Check(arg0)) {
        return MpErr_Format(MpExc_TypeError,
                            "%s.__new__(X): X is not a type object (%s)",
                            type->tp_name, Mp_TYPE(arg0)->tp_name);
    }
    subtype = (MpTypeObject *)arg0;
    if (!MpType_IsSubtype(subtype, type)) {
        return MpErr_Format(MpExc_TypeError,
                            "%s.__new__(%s): %s is not a subtype of %s",
                            type->tp_name, subtype->tp_name,
                            subtype->tp_name, type->tp_name);
    }
    /* The nearest base implemented in C must share type's tp_new, or the
     * C-level layout would not be set up. */
    staticbase = subtype;
    while (staticbase != NULL && MpType_IS_HEAP(staticbase))
        staticbase = staticbase->tp_base;
    if (staticbase != NULL && staticbase->tp_new != type->tp_new) {
        return MpErr_Format(MpExc_TypeError,
                            "%s.__new__(%s) is not safe, use %s.__new__()",
                            type->tp_name, subtype->tp_name,
                            staticbase->tp_name);
    }
    rest = MpTuple_GetSlice(args, 1, n);
    if (rest == NULL)
        return NULL;
    res = type->tp_new(subtype, rest, kwds);
    Mp_DECREF(rest);
    return res;
}

/* ---- Allocation ---- */

/* Zeroed memory for an instance of 'type' with room for nitems + 1
 * items; GC objects come from the collector and are tracked at once
 * (the zeroed body is safe to traverse).  New, or NULL with MemoryError. */
MpObject *
MpType_GenericAlloc(MpTypeObject *type, Mp_ssize_t nitems)
{
    size_t size = (size_t)type->tp_basicsize, mask = sizeof(void *) - 1;
    MpObject *obj;

    if (type->tp_itemsize != 0) {
        if (nitems < 0 || (size_t)nitems >= ((size_t)MP_SSIZE_T_MAX - size
                                             - mask)
                                            / (size_t)type->tp_itemsize)
            return MpErr_NoMemory();
        size += (size_t)(nitems + 1) * (size_t)type->tp_itemsize;
        size = (size + mask) & ~mask;
    }
    if (MpType_HasFeature(type, MP_TPFLAGS_HAVE_GC)) {
        if (type->tp_itemsize != 0)
            obj = (MpObject *)MpObject_GC_NewVarFromType(type, nitems + 1);
        else
            obj = MpObject_GC_NewFromType(type);
        if (obj == NULL)
            return MpErr_Occurred() ? NULL : MpErr_NoMemory();
        memset((char *)obj + sizeof(MpObject), 0, size - sizeof(MpObject));
        if (type->tp_itemsize != 0)
            Mp_SET_SIZE(obj, nitems);
        MpObject_GC_Track(obj);
        return obj;
    }
    obj = MpObject_Malloc(size);
    if (obj == NULL)
        return MpErr_NoMemory();
    memset(obj, 0, size);
    if (type->tp_itemsize != 0)
        return (MpObject *)MpObject_InitVar((MpVarObject *)obj, type, nitems);
    return MpObject_Init(obj, type);
}

/* tp_new that only allocates.  New. */
MpObject *
MpType_GenericNew(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MP_UNUSED(args);
    MP_UNUSED(kwds);
    return type->tp_alloc(type, 0);
}

/* ---- MpType_Ready ---- */

static int
add_to_dict(MpTypeObject *type, const char *name, MpObject *value)
{
    MpObject *key;
    int res = 0;

    if (value == NULL)
        return -1;
    key = MpUnicode_InternFromString(name);
    if (key == NULL) {
        Mp_DECREF(value);
        return -1;
    }
    /* Earlier entries win, as with PyDict_SetDefault. */
    if (MpDict_GetItemWithError(type->tp_dict, key) == NULL) {
        if (MpErr_Occurred())
            res = -1;
        else
            res = MpDict_SetItem(type->tp_dict, key, value);
    }
    Mp_DECREF(key);
    Mp_DECREF(value);
    return res;
}

static int
add_methods(MpTypeObject *type)
{
    MpMethodDef *ml;

    for (ml = type->tp_methods; ml != NULL && ml->ml_name != NULL; ml++) {
        MpObject *descr;
        if (ml->ml_flags & MP_METH_CLASS)
            descr = mp_descr_new_classmethod(type, ml);
        else if (ml->ml_flags & MP_METH_STATIC) {
            MpObject *f = MpCFunction_NewEx(ml, NULL, NULL);
            if (f == NULL)
                return -1;
            descr = mp_staticmethod_new(f);
            Mp_DECREF(f);
        }
        else
            descr = mp_descr_new_method(type, ml);
        if (add_to_dict(type, ml->ml_name, descr) < 0)
            return -1;
    }
    return 0;
}

static int
add_members_and_getset(MpTypeObject *type)
{
    MpMemberDef *m;
    MpGetSetDef *gs;

    for (m = type->tp_members; m != NULL && m->name != NULL; m++) {
        if (add_to_dict(type, m->name, mp_descr_new_member(type, m)) < 0)
            return -1;
    }
    for (gs = type->tp_getset; gs != NULL && gs->name != NULL; gs++) {
        if (add_to_dict(type, gs->name, mp_descr_new_getset(type, gs)) < 0)
            return -1;
    }
    return 0;
}

static void
inherit_special(MpTypeObject *type, MpTypeObject *base)
{
    if (!MpType_HasFeature(type, MP_TPFLAGS_HAVE_GC)
        && MpType_HasFeature(base, MP_TPFLAGS_HAVE_GC)
        && type->tp_traverse == NULL && type->tp_clear == NULL) {
        type->tp_flags |= MP_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    type->tp_flags |= base->tp_flags & SUBCLASS_FLAGS;
    if (type->tp_basicsize == 0)
        type->tp_basicsize = base->tp_basicsize;
    if (type->tp_itemsize == 0)
        type->tp_itemsize = base->tp_itemsize;
    if (type->tp_dictoffset == 0)
        type->tp_dictoffset = base->tp_dictoffset;
}

#define COPYSLOT(dst, src, field)                 \
    do {                                          \
        if ((dst)->field == NULL)                 \
            (dst)->field = (src)->field;          \
    } while (0)

static void
inherit_number(MpNumberMethods *t, const MpNumberMethods *b)
{
    COPYSLOT(t, b, nb_add); COPYSLOT(t, b, nb_subtract);
    COPYSLOT(t, b, nb_multiply); COPYSLOT(t, b, nb_remainder);
    COPYSLOT(t, b, nb_divmod); COPYSLOT(t, b, nb_power);
    COPYSLOT(t, b, nb_negative); COPYSLOT(t, b, nb_positive);
    COPYSLOT(t, b, nb_absolute); COPYSLOT(t, b, nb_bool);
    COPYSLOT(t, b, nb_invert); COPYSLOT(t, b, nb_lshift);
    COPYSLOT(t, b, nb_rshift); COPYSLOT(t, b, nb_and);
    COPYSLOT(t, b, nb_xor); COPYSLOT(t, b, nb_or);
    COPYSLOT(t, b, nb_int); COPYSLOT(t, b, nb_float);
    COPYSLOT(t, b, nb_inplace_add); COPYSLOT(t, b, nb_inplace_subtract);
    COPYSLOT(t, b, nb_inplace_multiply);
    COPYSLOT(t, b, nb_inplace_remainder);
    COPYSLOT(t, b, nb_inplace_power); COPYSLOT(t, b, nb_inplace_lshift);
    COPYSLOT(t, b, nb_inplace_rshift); COPYSLOT(t, b, nb_inplace_and);
    COPYSLOT(t, b, nb_inplace_xor); COPYSLOT(t, b, nb_inplace_or);
    COPYSLOT(t, b, nb_floor_divide); COPYSLOT(t, b, nb_true_divide);
    COPYSLOT(t, b, nb_inplace_floor_divide);
    COPYSLOT(t, b, nb_inplace_true_divide);
    COPYSLOT(t, b, nb_index);
}

static void
inherit_sequence_mapping(MpTypeObject *type, MpTypeObject *base)
{
    if (type->tp_as_sequence != NULL && base->tp_as_sequence != NULL) {
        MpSequenceMethods *t = type->tp_as_sequence;
        const MpSequenceMethods *b = base->tp_as_sequence;
        COPYSLOT(t, b, sq_length); COPYSLOT(t, b, sq_concat);
        COPYSLOT(t, b, sq_repeat); COPYSLOT(t, b, sq_item);
        COPYSLOT(t, b, sq_ass_item); COPYSLOT(t, b, sq_contains);
        COPYSLOT(t, b, sq_inplace_concat);
        COPYSLOT(t, b, sq_inplace_repeat);
    }
    else if (type->tp_as_sequence == NULL)
        type->tp_as_sequence = base->tp_as_sequence;
    if (type->tp_as_mapping != NULL && base->tp_as_mapping != NULL) {
        MpMappingMethods *t = type->tp_as_mapping;
        const MpMappingMethods *b = base->tp_as_mapping;
        COPYSLOT(t, b, mp_length); COPYSLOT(t, b, mp_subscript);
        COPYSLOT(t, b, mp_ass_subscript);
    }
    else if (type->tp_as_mapping == NULL)
        type->tp_as_mapping = base->tp_as_mapping;
}

static void
inherit_slots(MpTypeObject *type, MpTypeObject *base,
              const MpTypeObject *pristine)
{
    if (type->tp_as_number != NULL && base->tp_as_number != NULL)
        inherit_number(type->tp_as_number, base->tp_as_number);
    else if (type->tp_as_number == NULL)
        type->tp_as_number = base->tp_as_number;
    inherit_sequence_mapping(type, base);
    COPYSLOT(type, base, tp_dealloc);
    COPYSLOT(type, base, tp_getattro);
    COPYSLOT(type, base, tp_setattro);
    COPYSLOT(type, base, tp_repr);
    COPYSLOT(type, base, tp_str);
    /* A type defining neither keeps both of its base: equality and hash
     * must agree. */
    if (type->tp_richcompare == NULL && type->tp_hash == NULL) {
        type->tp_richcompare = base->tp_richcompare;
        type->tp_hash = base->tp_hash;
    }
    if (!MpType_IS_HEAP(type) && pristine != NULL && pristine->tp_call == NULL
        && MpType_HasFeature(base, MP_TPFLAGS_HAVE_VECTORCALL)
        && type->tp_vectorcall_offset == 0) {
        type->tp_vectorcall_offset = base->tp_vectorcall_offset;
        type->tp_flags |= MP_TPFLAGS_HAVE_VECTORCALL;
    }
    COPYSLOT(type, base, tp_call);
    COPYSLOT(type, base, tp_iter);
    COPYSLOT(type, base, tp_iternext);
    COPYSLOT(type, base, tp_descr_get);
    COPYSLOT(type, base, tp_descr_set);
    COPYSLOT(type, base, tp_init);
    COPYSLOT(type, base, tp_alloc);
    COPYSLOT(type, base, tp_finalize);
    if (MpType_HasFeature(type, MP_TPFLAGS_HAVE_GC)
        == MpType_HasFeature(base, MP_TPFLAGS_HAVE_GC))
        COPYSLOT(type, base, tp_free);
    else if (type->tp_free == NULL && base->tp_free == MpObject_Del)
        type->tp_free = MpObject_GC_Del;
}

static int
type_ready_mro(MpTypeObject *type, MpTypeObject *base)
{
    MpObject *mro;
    Mp_ssize_t i, n = base != NULL ? MpTuple_GET_SIZE(base->tp_mro) : 0;

    mro = MpTuple_New(n + 1);
    if (mro == NULL)
        return -1;
    MpTuple_SET_ITEM(mro, 0, Mp_NewRef(type));
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(mro, i + 1,
                         Mp_NewRef(MpTuple_GET_ITEM(base->tp_mro, i)));
    Mp_XSETREF(type->tp_mro, mro);
    return 0;
}

static int add_operators(MpTypeObject *type, const MpTypeObject *pristine);

/* The dict entries of a static type: slot wrappers, __new__, methods,
 * members, getsets, __doc__. */
static int
type_ready_fill_dict(MpTypeObject *type, const MpTypeObject *pristine)
{
    if (add_operators(type, pristine) < 0)
        return -1;
    if (pristine->tp_new != NULL
        && add_to_dict(type, "__new__",
                       MpCFunction_NewEx(&tp_new_def, (MpObject *)type,
                                         NULL)) < 0)
        return -1;
    if (add_methods(type) < 0 || add_members_and_getset(type) < 0)
        return -1;
    if (type->tp_doc != NULL)
        return add_to_dict(type, "__doc__",
                           MpUnicode_FromString(type->tp_doc));
    return add_to_dict(type, "__doc__", Mp_NewRef(Mp_None));
}

/* tp_new and tp_hash of a static type, decided from its C definition. */
static int
type_ready_new_and_hash(MpTypeObject *type, MpTypeObject *base,
                        const MpTypeObject *pristine)
{
    if (pristine->tp_new == NULL) {
        /* A C type deriving straight from object without tp_new cannot
         * be instantiated from Python, as in CPython. */
        if (base != &MpBaseObject_Type)
            type->tp_new = base->tp_new;
        else
            type->tp_new = NULL;
    }
    /* Neither defined nor inherited (inheriting needs both tp_hash and
     * tp_richcompare undefined): explicitly unhashable, __hash__ None. */
    if (pristine->tp_hash == NULL
        && (pristine->tp_richcompare != NULL || base == NULL
            || base->tp_hash == NULL)) {
        type->tp_hash = MpObject_HashNotImplemented;
        return add_to_dict(type, "__hash__", Mp_NewRef(Mp_None));
    }
    return 0;
}

static int
type_ready_static(MpTypeObject *type, MpTypeObject *base,
                  static_type_entry *entry)
{
    const MpTypeObject *pristine = &entry->pristine;

    if (type_ready_fill_dict(type, pristine) < 0)
        return -1;
    if (base != NULL) {
        inherit_special(type, base);
        inherit_slots(type, base, pristine);
    }
    if (type->tp_alloc == NULL)
        type->tp_alloc = MpType_GenericAlloc;
    if (type_ready_new_and_hash(type, base, pristine) < 0)
        return -1;
    entry->ready = 1;
    return 0;
}

/* Finish a type: base readied first, MRO, dict, inherited slots.  0, or
 * -1 with an exception set. */
int
MpType_Ready(MpTypeObject *type)
{
    MpTypeObject *base;
    static_type_entry *entry = NULL;

    if (MpType_HasFeature(type, MP_TPFLAGS_READY))
        return 0;
    if (MpType_HasFeature(type, MP_TPFLAGS_READYING))
        return 0;
    if (!MpType_IS_HEAP(type) && (entry = registry_add(type)) == NULL)
        return -1;
    type->tp_flags |= MP_TPFLAGS_READYING;
    base = type->tp_base;
    if (base == NULL && type != &MpBaseObject_Type)
        base = type->tp_base = &MpBaseObject_Type;
    if (base != NULL && !MpType_HasFeature(base, MP_TPFLAGS_READY)
        && MpType_Ready(base) < 0)
        goto error;
    if (Mp_TYPE(type) == NULL)
        Mp_SET_TYPE(type, base != NULL ? Mp_TYPE(base) : &MpType_Type);
    if (type->tp_dict == NULL && (type->tp_dict = MpDict_New()) == NULL)
        goto error;
    if (type_ready_mro(type, base) < 0)
        goto error;
    if (entry != NULL) {
        if (type_ready_static(type, base, entry) < 0)
            goto error;
    }
    else if (base != NULL) {
        inherit_special(type, base);
        inherit_slots(type, base, NULL);
        if (type->tp_new == NULL)
            type->tp_new = base->tp_new;
    }
    type_modified(type);
    type->tp_flags = (type->tp_flags & ~MP_TPFLAGS_READYING)
                     | MP_TPFLAGS_READY;
    return 0;
error:
    /* A static type readied in part keeps nothing: mp_type_fini_static
     * only releases the ready ones, and the next attempt starts over. */
    if (entry != NULL) {
        Mp_CLEAR(type->tp_mro);
        Mp_CLEAR(type->tp_dict);
    }
    type->tp_flags &= ~MP_TPFLAGS_READYING;
    return -1;
}

/* ---- Slot wrappers: C slots called from Python ---- */

static int
check_num_args(MpObject *args, Mp_ssize_t n)
{
    if (MpTuple_GET_SIZE(args) == n)
        return 1;
    MpErr_Format(MpExc_TypeError, "expected %zd argument%s, got %zd",
                 n, n == 1 ? "" : "s", MpTuple_GET_SIZE(args));
    return 0;
}

static MpObject *
wrap_unaryfunc(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    return ((unaryfunc)wrapped)(self);
}

static MpObject *
wrap_next(MpObject *self, MpObject *args, void *wrapped)
{
    MpObject *res;
    if (!check_num_args(args, 0))
        return NULL;
    res = ((iternextfunc)wrapped)(self);
    if (res == NULL && !MpErr_Occurred())
        MpErr_SetNone(MpExc_StopIteration);
    return res;
}

static MpObject *
wrap_binaryfunc(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    return ((binaryfunc)wrapped)(self, MpTuple_GET_ITEM(args, 0));
}

static MpObject *
wrap_binaryfunc_r(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    return ((binaryfunc)wrapped)(MpTuple_GET_ITEM(args, 0), self);
}

static MpObject *
wrap_ternaryfunc(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t n = MpTuple_GET_SIZE(args);
    if (MpArg_CheckPositional("__pow__", n, 1, 2) < 0)
        return NULL;
    return ((ternaryfunc)wrapped)(self, MpTuple_GET_ITEM(args, 0),
                                  n == 2 ? MpTuple_GET_ITEM(args, 1)
                                         : Mp_None);
}

static MpObject *
wrap_ternaryfunc_r(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t n = MpTuple_GET_SIZE(args);
    if (MpArg_CheckPositional("__rpow__", n, 1, 2) < 0)
        return NULL;
    return ((ternaryfunc)wrapped)(MpTuple_GET_ITEM(args, 0), self,
                                  n == 2 ? MpTuple_GET_ITEM(args, 1)
                                         : Mp_None);
}

static MpObject *
wrap_inquirypred(MpObject *self, MpObject *args, void *wrapped)
{
    int res;
    if (!check_num_args(args, 0))
        return NULL;
    res = ((inquiry)wrapped)(self);
    if (res < 0)
        return NULL;
    return MpBool_FromLong(res);
}

static MpObject *
wrap_lenfunc(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t res;
    if (!check_num_args(args, 0))
        return NULL;
    res = ((lenfunc)wrapped)(self);
    if (res == -1 && MpErr_Occurred())
        return NULL;
    return MpLong_FromSsize_t(res);
}

static MpObject *
wrap_hashfunc(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_hash_t res;
    if (!check_num_args(args, 0))
        return NULL;
    res = ((hashfunc)wrapped)(self);
    if (res == -1 && MpErr_Occurred())
        return NULL;
    return MpLong_FromSsize_t(res);
}

static MpObject *
wrap_objobjproc(MpObject *self, MpObject *args, void *wrapped)
{
    int res;
    if (!check_num_args(args, 1))
        return NULL;
    res = ((objobjproc)wrapped)(self, MpTuple_GET_ITEM(args, 0));
    if (res < 0)
        return NULL;
    return MpBool_FromLong(res);
}

static MpObject *
wrap_objobjargproc(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 2))
        return NULL;
    if (((objobjargproc)wrapped)(self, MpTuple_GET_ITEM(args, 0),
                                 MpTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_delitem(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    if (((objobjargproc)wrapped)(self, MpTuple_GET_ITEM(args, 0), NULL) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static Mp_ssize_t
getindex(MpObject *self, MpObject *arg)
{
    MpSequenceMethods *sq = Mp_TYPE(self)->tp_as_sequence;
    Mp_ssize_t i = MpNumber_AsSsize_t(arg, MpExc_OverflowError);

    if (i == -1 && MpErr_Occurred())
        return -1;
    if (i < 0 && sq != NULL && sq->sq_length != NULL) {
        Mp_ssize_t n = sq->sq_length(self);
        if (n < 0)
            return -1;
        i += n;
    }
    return i;
}

static MpObject *
wrap_sq_item(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t i;
    if (!check_num_args(args, 1))
        return NULL;
    i = getindex(self, MpTuple_GET_ITEM(args, 0));
    if (i == -1 && MpErr_Occurred())
        return NULL;
    return ((ssizeargfunc)wrapped)(self, i);
}

static MpObject *
wrap_indexargfunc(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t i;
    if (!check_num_args(args, 1))
        return NULL;
    i = MpNumber_AsSsize_t(MpTuple_GET_ITEM(args, 0), MpExc_OverflowError);
    if (i == -1 && MpErr_Occurred())
        return NULL;
    return ((ssizeargfunc)wrapped)(self, i);
}

static MpObject *
wrap_sq_setitem(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t i;
    if (!check_num_args(args, 2))
        return NULL;
    i = getindex(self, MpTuple_GET_ITEM(args, 0));
    if (i == -1 && MpErr_Occurred())
        return NULL;
    if (((ssizeobjargproc)wrapped)(self, i, MpTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_sq_delitem(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t i;
    if (!check_num_args(args, 1))
        return NULL;
    i = getindex(self, MpTuple_GET_ITEM(args, 0));
    if (i == -1 && MpErr_Occurred())
        return NULL;
    if (((ssizeobjargproc)wrapped)(self, i, NULL) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_setattr(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 2))
        return NULL;
    if (((setattrofunc)wrapped)(self, MpTuple_GET_ITEM(args, 0),
                                MpTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_delattr(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    if (((setattrofunc)wrapped)(self, MpTuple_GET_ITEM(args, 0), NULL) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_descr_get(MpObject *self, MpObject *args, void *wrapped)
{
    Mp_ssize_t n = MpTuple_GET_SIZE(args);
    MpObject *obj, *type = NULL;

    if (MpArg_CheckPositional("__get__", n, 1, 2) < 0)
        return NULL;
    obj = MpTuple_GET_ITEM(args, 0);
    if (n == 2)
        type = MpTuple_GET_ITEM(args, 1);
    if (obj == Mp_None)
        obj = NULL;
    if (type == Mp_None)
        type = NULL;
    if (obj == NULL && type == NULL) {
        MpErr_SetString(MpExc_TypeError,
                        "__get__(None, None) is invalid");
        return NULL;
    }
    return ((descrgetfunc)wrapped)(self, obj, type);
}

static MpObject *
wrap_descr_set(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 2))
        return NULL;
    if (((descrsetfunc)wrapped)(self, MpTuple_GET_ITEM(args, 0),
                                MpTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_descr_delete(MpObject *self, MpObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    if (((descrsetfunc)wrapped)(self, MpTuple_GET_ITEM(args, 0), NULL) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_init(MpObject *self, MpObject *args, void *wrapped, MpObject *kwds)
{
    if (((initproc)wrapped)(self, args, kwds) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
wrap_call(MpObject *self, MpObject *args, void *wrapped, MpObject *kwds)
{
    return ((ternaryfunc)wrapped)(self, args, kwds);
}

#define RICHCMP_WRAPPER(NAME, OP)                                       \
    static MpObject *                                                   \
    richcmp_##NAME(MpObject *self, MpObject *args, void *wrapped)       \
    {                                                                   \
        if (!check_num_args(args, 1))                                   \
            return NULL;                                                \
        return ((richcmpfunc)wrapped)(self, MpTuple_GET_ITEM(args, 0),  \
                                      OP);                              \
    }

RICHCMP_WRAPPER(lt, Mp_LT)
RICHCMP_WRAPPER(le, Mp_LE)
RICHCMP_WRAPPER(eq, Mp_EQ)
RICHCMP_WRAPPER(ne, Mp_NE)
RICHCMP_WRAPPER(gt, Mp_GT)
RICHCMP_WRAPPER(ge, Mp_GE)

/* ---- Slot functions of heap types: dunder methods called from C ---- */

static MpObject *
call_special(MpObject *self, MpIdentifier *id, MpObject *const *args,
             Mp_ssize_t nargs)
{
    MpObject *name = mp_identifier_get(id);
    if (name == NULL)
        return NULL;
    return mp_type_call_special(self, name, args, nargs);
}

/* As call_special, but NotImplemented when type(self) lacks the name. */
static MpObject *
call_maybe(MpObject *self, MpIdentifier *id, MpObject *const *args,
           Mp_ssize_t nargs)
{
    MpObject *name = mp_identifier_get(id);
    if (name == NULL)
        return NULL;
    if (mp_type_lookup(Mp_TYPE(self), name) == NULL)
        Mp_RETURN_NOTIMPLEMENTED;
    return mp_type_call_special(self, name, args, nargs);
}

#define SLOT0(FUNC, DUNDER)                                             \
    static MpObject *                                                   \
    FUNC(MpObject *self)                                                \
    {                                                                   \
        MP_IDENTIFIER(DUNDER);                                          \
        return call_special(self, &MpId_##DUNDER, NULL, 0);             \
    }

#define SLOT1(FUNC, DUNDER)                                             \
    static MpObject *                                                   \
    FUNC(MpObject *self, MpObject *other)                               \
    {                                                                   \
        MP_IDENTIFIER(DUNDER);                                          \
        return call_special(self, &MpId_##DUNDER, &other, 1);           \
    }

/* a + b for heap types: try b.__radd__ first when type(b) is a proper
 * subclass of type(a); then a.__add__; then b.__radd__. */
#define SLOT1BINTEST(FUNC, TESTFUNC, SLOTNAME, DUNDER, RDUNDER)         \
    static MpObject *                                                   \
    FUNC(MpObject *self, MpObject *other)                               \
    {                                                                   \
        MP_IDENTIFIER(DUNDER);                                          \
        MP_IDENTIFIER(RDUNDER);                                         \
        MpTypeObject *st = Mp_TYPE(self), *ot = Mp_TYPE(other);         \
        int do_other = st != ot && ot->tp_as_number != NULL             \
                       && ot->tp_as_number->SLOTNAME == TESTFUNC;       \
        MpObject *r;                                                    \
        if (st->tp_as_number != NULL                                    \
            && st->tp_as_number->SLOTNAME == TESTFUNC) {                \
            if (do_other && MpType_IsSubtype(ot, st)) {                 \
                r = call_maybe(other, &MpId_##RDUNDER, &self, 1);       \
                if (r != Mp_NotImplemented)                             \
                    return r;                                           \
                Mp_DECREF(r);                                           \
                do_other = 0;                                           \
            }                                                           \
            r = call_maybe(self, &MpId_##DUNDER, &other, 1);            \
            if (r != Mp_NotImplemented || ot == st)                     \
                return r;                                               \
            Mp_DECREF(r);                                               \
        }                                                               \
        if (do_other)                                                   \
            return call_maybe(other, &MpId_##RDUNDER, &self, 1);        \
        Mp_RETURN_NOTIMPLEMENTED;                                       \
    }
#define SLOT1BINFULL(FUNC, SLOTNAME, DUNDER, RDUNDER) \
    SLOT1BINTEST(FUNC, FUNC, SLOTNAME, DUNDER, RDUNDER)

static MpObject *slot_nb_power(MpObject *self, MpObject *other,
                               MpObject *modulus);

SLOT0(slot_tp_repr, __repr__)
SLOT0(slot_tp_str, __str__)
SLOT0(slot_tp_iter, __iter__)
SLOT0(slot_nb_negative, __neg__)
SLOT0(slot_nb_positive, __pos__)
SLOT0(slot_nb_absolute, __abs__)
SLOT0(slot_nb_invert, __invert__)
SLOT0(slot_nb_int, __int__)
SLOT0(slot_nb_float, __float__)
SLOT0(slot_nb_index, __index__)
SLOT1(slot_mp_subscript, __getitem__)
SLOT1(slot_nb_inplace_add, __iadd__)
SLOT1(slot_nb_inplace_subtract, __isub__)
SLOT1(slot_nb_inplace_multiply, __imul__)
SLOT1(slot_nb_inplace_remainder, __imod__)
SLOT1(slot_nb_inplace_lshift, __ilshift__)
SLOT1(slot_nb_inplace_rshift, __irshift__)
SLOT1(slot_nb_inplace_and, __iand__)
SLOT1(slot_nb_inplace_xor, __ixor__)
SLOT1(slot_nb_inplace_or, __ior__)
SLOT1(slot_nb_inplace_floor_divide, __ifloordiv__)
SLOT1(slot_nb_inplace_true_divide, __itruediv__)
SLOT1BINFULL(slot_nb_add, nb_add, __add__, __radd__)
SLOT1BINFULL(slot_nb_subtract, nb_subtract, __sub__, __rsub__)
SLOT1BINFULL(slot_nb_multiply, nb_multiply, __mul__, __rmul__)
SLOT1BINFULL(slot_nb_remainder, nb_remainder, __mod__, __rmod__)
SLOT1BINFULL(slot_nb_divmod, nb_divmod, __divmod__, __rdivmod__)
SLOT1BINFULL(slot_nb_lshift, nb_lshift, __lshift__, __rlshift__)
SLOT1BINFULL(slot_nb_rshift, nb_rshift, __rshift__, __rrshift__)
SLOT1BINFULL(slot_nb_and, nb_and, __and__, __rand__)
SLOT1BINFULL(slot_nb_xor, nb_xor, __xor__, __rxor__)
SLOT1BINFULL(slot_nb_or, nb_or, __or__, __ror__)
SLOT1BINFULL(slot_nb_floor_divide, nb_floor_divide, __floordiv__,
             __rfloordiv__)
SLOT1BINFULL(slot_nb_true_divide, nb_true_divide, __truediv__,
             __rtruediv__)
SLOT1BINTEST(slot_nb_power_binary, slot_nb_power, nb_power, __pow__,
             __rpow__)

static MpObject *
slot_nb_power(MpObject *self, MpObject *other, MpObject *modulus)
{
    MP_IDENTIFIER(__pow__);
    MpObject *args[2];

    if (modulus == Mp_None)
        return slot_nb_power_binary(self, other);
    /* Three-argument pow() is only tried on the first operand. */
    if (Mp_TYPE(self)->tp_as_number != NULL
        && Mp_TYPE(self)->tp_as_number->nb_power == slot_nb_power) {
        args[0] = other;
        args[1] = modulus;
        return call_maybe(self, &MpId___pow__, args, 2);
    }
    Mp_RETURN_NOTIMPLEMENTED;
}

static MpObject *
slot_nb_inplace_power(MpObject *self, MpObject *other, MpObject *modulus)
{
    MP_IDENTIFIER(__ipow__);
    MP_UNUSED(modulus);
    return call_special(self, &MpId___ipow__, &other, 1);
}

static int
slot_nb_bool(MpObject *self)
{
    MP_IDENTIFIER(__bool__);
    MpObject *res = call_special(self, &MpId___bool__, NULL, 0);
    int ok;

    if (res == NULL)
        return -1;
    if (!MpBool_Check(res)) {
        MpErr_Format(MpExc_TypeError,
                     "__bool__ should return bool, returned %.200s",
                     Mp_TYPE(res)->tp_name);
        Mp_DECREF(res);
        return -1;
    }
    ok = (res == Mp_True);
    Mp_DECREF(res);
    return ok;
}

static Mp_ssize_t
slot_sq_length(MpObject *self)
{
    MP_IDENTIFIER(__len__);
    MpObject *res = call_special(self, &MpId___len__, NULL, 0);
    Mp_ssize_t len;

    if (res == NULL)
        return -1;
    len = MpNumber_AsSsize_t(res, MpExc_OverflowError);
    Mp_DECREF(res);
    if (len == -1 && MpErr_Occurred())
        return -1;
    if (len < 0) {
        MpErr_SetString(MpExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return len;
}

static MpObject *
slot_sq_item(MpObject *self, Mp_ssize_t i)
{
    MP_IDENTIFIER(__getitem__);
    MpObject *index = MpLong_FromSsize_t(i), *res;

    if (index == NULL)
        return NULL;
    res = call_special(self, &MpId___getitem__, &index, 1);
    Mp_DECREF(index);
    return res;
}

static int
slot_mp_ass_subscript(MpObject *self, MpObject *key, MpObject *value)
{
    MP_IDENTIFIER(__setitem__);
    MP_IDENTIFIER(__delitem__);
    MpObject *args[2] = {key, value}, *res;

    if (value == NULL)
        res = call_special(self, &MpId___delitem__, args, 1);
    else
        res = call_special(self, &MpId___setitem__, args, 2);
    if (res == NULL)
        return -1;
    Mp_DECREF(res);
    return 0;
}

static int
slot_sq_contains(MpObject *self, MpObject *value)
{
    MP_IDENTIFIER(__contains__);
    MpObject *res = call_special(self, &MpId___contains__, &value, 1);
    int ok;

    if (res == NULL)
        return -1;
    ok = MpObject_IsTrue(res);
    Mp_DECREF(res);
    return ok;
}

static Mp_hash_t
slot_tp_hash(MpObject *self)
{
    MP_IDENTIFIER(__hash__);
    MpObject *name = mp_identifier_get(&MpId___hash__), *func, *res;
    Mp_hash_t h;

    if (name == NULL)
        return -1;
    func = mp_type_lookup(Mp_TYPE(self), name);
    if (func == NULL || func == Mp_None)
        return MpObject_HashNotImplemented(self);
    res = mp_type_call_special(self, name, NULL, 0);
    if (res == NULL)
        return -1;
    if (!MpLong_Check(res)) {
        MpErr_SetString(MpExc_TypeError,
                        "__hash__ method should return an integer");
        Mp_DECREF(res);
        return -1;
    }
    h = MpLong_AsSsize_t(res);
    if (h == -1 && MpErr_Occurred()) {
        /* Too big for a hash: hash the int instead. */
        MpErr_Clear();
        h = MpObject_Hash(res);
    }
    else if (h == -1)
        h = -2;
    Mp_DECREF(res);
    return h;
}

static MpObject *
slot_tp_richcompare(MpObject *self, MpObject *other, int op)
{
    static MpIdentifier ids[] = {
        {"__lt__", NULL, NULL}, {"__le__", NULL, NULL},
        {"__eq__", NULL, NULL}, {"__ne__", NULL, NULL},
        {"__gt__", NULL, NULL}, {"__ge__", NULL, NULL},
    };
    return call_maybe(self, &ids[op], &other, 1);
}

static MpObject *
slot_tp_call(MpObject *self, MpObject *args, MpObject *kwds)
{
    MP_IDENTIFIER(__call__);
    MpObject *name = mp_identifier_get(&MpId___call__), *meth, *res;

    if (name == NULL)
        return NULL;
    meth = mp_type_lookup(Mp_TYPE(self), name);
    if (meth == NULL)
        return MpErr_Format(MpExc_TypeError, "'%.200s' object is not "
                            "callable", Mp_TYPE(self)->tp_name);
    Mp_INCREF(meth);
    if (Mp_TYPE(meth)->tp_descr_get != NULL) {
        MpObject *bound = Mp_TYPE(meth)->tp_descr_get(
            meth, self, (MpObject *)Mp_TYPE(self));
        Mp_SETREF(meth, bound);
        if (meth == NULL)
            return NULL;
    }
    res = MpObject_Call(meth, args, kwds);
    Mp_DECREF(meth);
    return res;
}

static MpObject *
slot_tp_iternext(MpObject *self)
{
    MP_IDENTIFIER(__next__);
    return call_special(self, &MpId___next__, NULL, 0);
}

static MpObject *
slot_tp_getattr_hook(MpObject *self, MpObject *name)
{
    MP_IDENTIFIER(__getattribute__);
    MP_IDENTIFIER(__getattr__);
    MpTypeObject *tp = Mp_TYPE(self);
    MpObject *gname, *getattribute, *getattr, *res;

    gname = mp_identifier_get(&MpId___getattribute__);
    if (gname == NULL)
        return NULL;
    getattribute = mp_type_lookup(tp, gname);
    if (getattribute == NULL
        || (Mp_IS_TYPE(getattribute, &MpWrapperDescr_Type)
            && ((MpWrapperDescrObject *)getattribute)->d_wrapped
               == (void *)MpObject_GenericGetAttr))
        res = MpObject_GenericGetAttr(self, name);
    else
        res = mp_type_call_special(self, gname, &name, 1);
    if (res != NULL || !MpErr_ExceptionMatches(MpExc_AttributeError))
        return res;
    gname = mp_identifier_get(&MpId___getattr__);
    if (gname == NULL)
        return NULL;
    getattr = mp_type_lookup(tp, gname);
    if (getattr == NULL)
        return NULL;
    MpErr_Clear();
    return mp_type_call_special(self, gname, &name, 1);
}

static int
slot_tp_setattro(MpObject *self, MpObject *name, MpObject *value)
{
    MP_IDENTIFIER(__setattr__);
    MP_IDENTIFIER(__delattr__);
    MpObject *args[2] = {name, value}, *res;

    if (value == NULL)
        res = call_special(self, &MpId___delattr__, args, 1);
    else
        res = call_special(self, &MpId___setattr__, args, 2);
    if (res == NULL)
        return -1;
    Mp_DECREF(res);
    return 0;
}

/* A class defining __get__ is a descriptor; without __get__ (only
 * __set__) the attribute reads as the descriptor itself. */
static MpObject *
slot_tp_descr_get(MpObject *self, MpObject *obj, MpObject *type)
{
    MP_IDENTIFIER(__get__);
    MpObject *name = mp_identifier_get(&MpId___get__), *args[2];

    if (name == NULL)
        return NULL;
    if (mp_type_lookup(Mp_TYPE(self), name) == NULL)
        return Mp_NewRef(self);
    args[0] = obj != NULL ? obj : Mp_None;
    args[1] = type != NULL ? type : Mp_None;
    return mp_type_call_special(self, name, args, 2);
}

static int
slot_tp_descr_set(MpObject *self, MpObject *target, MpObject *value)
{
    MP_IDENTIFIER(__set__);
    MP_IDENTIFIER(__delete__);
    MpObject *args[2] = {target, value}, *res;

    if (value == NULL)
        res = call_special(self, &MpId___delete__, args, 1);
    else
        res = call_special(self, &MpId___set__, args, 2);
    if (res == NULL)
        return -1;
    Mp_DECREF(res);
    return 0;
}

#define INIT_FAST_ARGS 8

/* func(self, *args) without making a bound method: for descriptors
 * that bind like functions (MP_TPFLAGS_METHOD_DESCRIPTOR).  New. */
static MpObject *
call_unbound(MpObject *func, MpObject *self, MpObject *args)
{
    MpObject *stack[INIT_FAST_ARGS + 1];
    Mp_ssize_t i, n = MpTuple_GET_SIZE(args);

    stack[0] = self;
    for (i = 0; i < n; i++)
        stack[i + 1] = MpTuple_GET_ITEM(args, i);
    return MpObject_Vectorcall(func, stack, (size_t)(n + 1), NULL);
}

static int
slot_tp_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    MP_IDENTIFIER(__init__);
    MpObject *name = mp_identifier_get(&MpId___init__), *meth, *res;

    if (name == NULL)
        return -1;
    meth = mp_type_lookup(Mp_TYPE(self), name);
    if (meth == NULL) {
        MpErr_SetString(MpExc_AttributeError, "__init__");
        return -1;
    }
    Mp_INCREF(meth);
    if (MpType_HasFeature(Mp_TYPE(meth), MP_TPFLAGS_METHOD_DESCRIPTOR) &&
        (kwds == NULL || MpDict_GET_SIZE(kwds) == 0) &&
        MpTuple_GET_SIZE(args) < INIT_FAST_ARGS) {
        /* A plain function: call it with self in front, unbound. */
        res = call_unbound(meth, self, args);
    }
    else {
        if (Mp_TYPE(meth)->tp_descr_get != NULL) {
            MpObject *bound = Mp_TYPE(meth)->tp_descr_get(
                meth, self, (MpObject *)Mp_TYPE(self));
            Mp_SETREF(meth, bound);
            if (meth == NULL)
                return -1;
        }
        res = MpObject_Call(meth, args, kwds);
    }
    Mp_DECREF(meth);
    if (res == NULL)
        return -1;
    if (res != Mp_None) {
        MpErr_Format(MpExc_TypeError,
                     "__init__() should return None, not '%.200s'",
                     Mp_TYPE(res)->tp_name);
        Mp_DECREF(res);
        return -1;
    }
    Mp_DECREF(res);
    return 0;
}

static MpObject *
slot_tp_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *func, *newargs, *res;
    Mp_ssize_t i, n = MpTuple_GET_SIZE(args);

    func = MpObject_GetAttrString((MpObject *)type, "__new__");
    if (func == NULL)
        return NULL;
    newargs = MpTuple_New(n + 1);
    if (newargs == NULL) {
        Mp_DECREF(func);
        return NULL;
    }
    MpTuple_SET_ITEM(newargs, 0, Mp_NewRef(type));
    for (i = 0; i < n; i++)
        MpTuple_SET_ITEM(newargs, i + 1, Mp_NewRef(MpTuple_GET_ITEM(args, i)));
    res = MpObject_Call(func, newargs, kwds);
    Mp_DECREF(newargs);
    Mp_DECREF(func);
    return res;
}

/* __del__: errors cannot propagate from a destructor; they are printed
 * as "Exception ignored in: <the __del__ method>". */
static void
slot_tp_finalize(MpObject *self)
{
    MP_IDENTIFIER(__del__);
    MpObject *exc, *name, *del, *res;

    exc = MpErr_GetRaisedException();
    name = mp_identifier_get(&MpId___del__);
    del = name != NULL ? mp_type_lookup(Mp_TYPE(self), name) : NULL;
    if (del != NULL) {
        Mp_INCREF(del);
        res = mp_type_call_special(self, name, NULL, 0);
        if (res == NULL)
            MpErr_WriteUnraisable(del);
        else
            Mp_DECREF(res);
        Mp_DECREF(del);
    }
    else if (name == NULL)
        MpErr_WriteUnraisable(self);
    MpErr_SetRaisedException(exc);
}

/* ---- The slot table ---- */

#define HT_OFF(field) ((int)offsetof(MpHeapTypeObject, field))
#define ROW(NAME, FIELD, FUNC, WRAPPER, FLAGS) \
    {{NAME, NULL, NULL}, HT_OFF(FIELD), (void *)(FUNC), \
     (wrapperfunc)(void (*)(void))(WRAPPER), FLAGS}
#define TPSLOT(NAME, SLOT, FUNC, WRAPPER) \
    ROW(NAME, ht_type.SLOT, FUNC, WRAPPER, 0)
#define NBSLOT(NAME, SLOT, FUNC, WRAPPER) \
    ROW(NAME, as_number.SLOT, FUNC, WRAPPER, 0)
#define MPSLOT(NAME, SLOT, FUNC, WRAPPER) \
    ROW(NAME, as_mapping.SLOT, FUNC, WRAPPER, 0)
#define SQSLOT(NAME, SLOT, FUNC, WRAPPER) \
    ROW(NAME, as_sequence.SLOT, FUNC, WRAPPER, 0)
#define BINSLOT(NAME, RNAME, SLOT, FUNC) \
    NBSLOT(NAME, SLOT, FUNC, wrap_binaryfunc), \
    NBSLOT(RNAME, SLOT, FUNC, wrap_binaryfunc_r)

static wrapperbase slotdefs[] = {
    TPSLOT("__getattribute__", tp_getattro, slot_tp_getattr_hook,
           wrap_binaryfunc),
    TPSLOT("__getattr__", tp_getattro, slot_tp_getattr_hook, NULL),
    TPSLOT("__setattr__", tp_setattro, slot_tp_setattro, wrap_setattr),
    TPSLOT("__delattr__", tp_setattro, slot_tp_setattro, wrap_delattr),
    TPSLOT("__repr__", tp_repr, slot_tp_repr, wrap_unaryfunc),
    TPSLOT("__hash__", tp_hash, slot_tp_hash, wrap_hashfunc),
    ROW("__call__", ht_type.tp_call, slot_tp_call, wrap_call,
        MP_WRAPPER_FLAG_KEYWORDS),
    TPSLOT("__str__", tp_str, slot_tp_str, wrap_unaryfunc),
    TPSLOT("__lt__", tp_richcompare, slot_tp_richcompare, richcmp_lt),
    TPSLOT("__le__", tp_richcompare, slot_tp_richcompare, richcmp_le),
    TPSLOT("__eq__", tp_richcompare, slot_tp_richcompare, richcmp_eq),
    TPSLOT("__ne__", tp_richcompare, slot_tp_richcompare, richcmp_ne),
    TPSLOT("__gt__", tp_richcompare, slot_tp_richcompare, richcmp_gt),
    TPSLOT("__ge__", tp_richcompare, slot_tp_richcompare, richcmp_ge),
    TPSLOT("__iter__", tp_iter, slot_tp_iter, wrap_unaryfunc),
    TPSLOT("__next__", tp_iternext, slot_tp_iternext, wrap_next),
    TPSLOT("__get__", tp_descr_get, slot_tp_descr_get, wrap_descr_get),
    TPSLOT("__set__", tp_descr_set, slot_tp_descr_set, wrap_descr_set),
    TPSLOT("__delete__", tp_descr_set, slot_tp_descr_set,
           wrap_descr_delete),
    ROW("__init__", ht_type.tp_init, slot_tp_init, wrap_init,
        MP_WRAPPER_FLAG_KEYWORDS),
    TPSLOT("__new__", tp_new, slot_tp_new, NULL),
    TPSLOT("__del__", tp_finalize, slot_tp_finalize, NULL),
    BINSLOT("__add__", "__radd__", nb_add, slot_nb_add),
    BINSLOT("__sub__", "__rsub__", nb_subtract, slot_nb_subtract),
    BINSLOT("__mul__", "__rmul__", nb_multiply, slot_nb_multiply),
    BINSLOT("__mod__", "__rmod__", nb_remainder, slot_nb_remainder),
    BINSLOT("__divmod__", "__rdivmod__", nb_divmod, slot_nb_divmod),
    NBSLOT("__pow__", nb_power, slot_nb_power, wrap_ternaryfunc),
    NBSLOT("__rpow__", nb_power, slot_nb_power, wrap_ternaryfunc_r),
    NBSLOT("__neg__", nb_negative, slot_nb_negative, wrap_unaryfunc),
    NBSLOT("__pos__", nb_positive, slot_nb_positive, wrap_unaryfunc),
    NBSLOT("__abs__", nb_absolute, slot_nb_absolute, wrap_unaryfunc),
    NBSLOT("__bool__", nb_bool, slot_nb_bool, wrap_inquirypred),
    NBSLOT("__invert__", nb_invert, slot_nb_invert, wrap_unaryfunc),
    BINSLOT("__lshift__", "__rlshift__", nb_lshift, slot_nb_lshift),
    BINSLOT("__rshift__", "__rrshift__", nb_rshift, slot_nb_rshift),
    BINSLOT("__and__", "__rand__", nb_and, slot_nb_and),
    BINSLOT("__xor__", "__rxor__", nb_xor, slot_nb_xor),
    BINSLOT("__or__", "__ror__", nb_or, slot_nb_or),
    NBSLOT("__int__", nb_int, slot_nb_int, wrap_unaryfunc),
    NBSLOT("__float__", nb_float, slot_nb_float, wrap_unaryfunc),
    NBSLOT("__iadd__", nb_inplace_add, slot_nb_inplace_add,
           wrap_binaryfunc),
    NBSLOT("__isub__", nb_inplace_subtract, slot_nb_inplace_subtract,
           wrap_binaryfunc),
    NBSLOT("__imul__", nb_inplace_multiply, slot_nb_inplace_multiply,
           wrap_binaryfunc),
    NBSLOT("__imod__", nb_inplace_remainder, slot_nb_inplace_remainder,
           wrap_binaryfunc),
    NBSLOT("__ipow__", nb_inplace_power, slot_nb_inplace_power,
           wrap_ternaryfunc),
    NBSLOT("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift,
           wrap_binaryfunc),
    NBSLOT("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift,
           wrap_binaryfunc),
    NBSLOT("__iand__", nb_inplace_and, slot_nb_inplace_and,
           wrap_binaryfunc),
    NBSLOT("__ixor__", nb_inplace_xor, slot_nb_inplace_xor,
           wrap_binaryfunc),
    NBSLOT("__ior__", nb_inplace_or, slot_nb_inplace_or, wrap_binaryfunc),
    BINSLOT("__floordiv__", "__rfloordiv__", nb_floor_divide,
            slot_nb_floor_divide),
    BINSLOT("__truediv__", "__rtruediv__", nb_true_divide,
            slot_nb_true_divide),
    NBSLOT("__ifloordiv__", nb_inplace_floor_divide,
           slot_nb_inplace_floor_divide, wrap_binaryfunc),
    NBSLOT("__itruediv__", nb_inplace_true_divide,
           slot_nb_inplace_true_divide, wrap_binaryfunc),
    NBSLOT("__index__", nb_index, slot_nb_index, wrap_unaryfunc),
    MPSLOT("__len__", mp_length, slot_sq_length, wrap_lenfunc),
    MPSLOT("__getitem__", mp_subscript, slot_mp_subscript,
           wrap_binaryfunc),
    MPSLOT("__setitem__", mp_ass_subscript, slot_mp_ass_subscript,
           wrap_objobjargproc),
    MPSLOT("__delitem__", mp_ass_subscript, slot_mp_ass_subscript,
           wrap_delitem),
    SQSLOT("__len__", sq_length, slot_sq_length, wrap_lenfunc),
    SQSLOT("__add__", sq_concat, NULL, wrap_binaryfunc),
    SQSLOT("__mul__", sq_repeat, NULL, wrap_indexargfunc),
    SQSLOT("__rmul__", sq_repeat, NULL, wrap_indexargfunc),
    SQSLOT("__getitem__", sq_item, slot_sq_item, wrap_sq_item),
    SQSLOT("__setitem__", sq_ass_item, NULL, wrap_sq_setitem),
    SQSLOT("__delitem__", sq_ass_item, NULL, wrap_sq_delitem),
    SQSLOT("__contains__", sq_contains, slot_sq_contains, wrap_objobjproc),
    SQSLOT("__iadd__", sq_inplace_concat, NULL, wrap_binaryfunc),
    SQSLOT("__imul__", sq_inplace_repeat, NULL, wrap_indexargfunc),
};

/* Address of the slot at 'offset' (an offset into MpHeapTypeObject) in
 * 'type', or NULL when the type has no such sub-table. */
static void **
slotptr(const MpTypeObject *type, int ioffset)
{
    size_t offset = (size_t)ioffset;
    char *ptr;

    if (offset >= offsetof(MpHeapTypeObject, as_sequence)) {
        ptr = (char *)type->tp_as_sequence;
        offset -= offsetof(MpHeapTypeObject, as_sequence);
    }
    else if (offset >= offsetof(MpHeapTypeObject, as_mapping)) {
        ptr = (char *)type->tp_as_mapping;
        offset -= offsetof(MpHeapTypeObject, as_mapping);
    }
    else if (offset >= offsetof(MpHeapTypeObject, as_number)) {
        ptr = (char *)type->tp_as_number;
        offset -= offsetof(MpHeapTypeObject, as_number);
    }
    else
        ptr = (char *)type;
    if (ptr == NULL)
        return NULL;
    return (void **)(ptr + offset);
}

/* Wrapper descriptors for the slots a static type defines itself. */
static int
add_operators(MpTypeObject *type, const MpTypeObject *pristine)
{
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(slotdefs); i++) {
        wrapperbase *p = &slotdefs[i];
        void **ptr;
        MpObject *descr;

        if (p->wrapper == NULL)
            continue;
        ptr = slotptr(pristine, p->offset);
        if (ptr == NULL || *ptr == NULL)
            continue;
        if (*ptr == (void *)MpObject_HashNotImplemented)
            descr = Mp_NewRef(Mp_None);
        else
            descr = mp_descr_new_wrapper(type, p, *ptr);
        if (add_to_dict(type, p->name.string, descr) < 0)
            return -1;
    }
    return 0;
}

/* Point the slot at 'offset' of heap type 'type' at what its MRO holds
 * for the slot's dunder names (see the file comment). */
static int
update_one_slot(MpTypeObject *type, int offset)
{
    void **ptr = slotptr(type, offset);
    void *generic = NULL, *specific = NULL;
    int use_generic = 0;
    size_t i;

    if (ptr == NULL)
        return 0;
    for (i = 0; i < MP_ARRAY_LENGTH(slotdefs); i++) {
        wrapperbase *p = &slotdefs[i];
        MpObject *name, *descr;

        if (p->offset != offset)
            continue;
        name = mp_identifier_get(&p->name);
        if (name == NULL)
            return -1;
        descr = mp_type_lookup(type, name);
        if (descr == NULL)
            continue;
        if (Mp_IS_TYPE(descr, &MpWrapperDescr_Type)
            && ((MpWrapperDescrObject *)descr)->d_base->offset == offset) {
            void *tptr = ((MpWrapperDescrObject *)descr)->d_wrapped;
            if (specific == NULL || specific == tptr)
                specific = tptr;
            else
                use_generic = 1;
        }
        else if (offset == HT_OFF(ht_type.tp_hash) && descr == Mp_None)
            specific = (void *)MpObject_HashNotImplemented;
        else if (offset == HT_OFF(ht_type.tp_new)
                 && object_is_new_wrapper(descr))
            specific = *ptr;    /* keep the inherited C tp_new */
        else {
            use_generic = 1;
            generic = p->function;
        }
    }
    if (specific != NULL && !use_generic)
        *ptr = specific;
    else
        *ptr = generic;
    return 0;
}

static int
fixup_slot_dispatchers(MpTypeObject *type)
{
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(slotdefs); i++) {
        if (update_one_slot(type, slotdefs[i].offset) < 0)
            return -1;
    }
    return 0;
}

static int
update_slot(MpTypeObject *type, MpObject *name)
{
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(slotdefs); i++) {
        MpObject *s = mp_identifier_get(&slotdefs[i].name);
        if (s == NULL)
            return -1;
        if (mp_unicode_eq(s, name)
            && update_one_slot(type, slotdefs[i].offset) < 0)
            return -1;
    }
    return 0;
}

/* ---- The list of live heap types ---- */

static void
heap_type_link(MpHeapTypeObject *et)
{
    et->ht_prev = NULL;
    et->ht_next = state.heap_types;
    if (state.heap_types != NULL)
        state.heap_types->ht_prev = et;
    state.heap_types = et;
}

static void
heap_type_unlink(MpHeapTypeObject *et)
{
    if (et->ht_prev != NULL)
        et->ht_prev->ht_next = et->ht_next;
    else if (state.heap_types == et)
        state.heap_types = et->ht_next;
    if (et->ht_next != NULL)
        et->ht_next->ht_prev = et->ht_prev;
    et->ht_next = et->ht_prev = NULL;
}

/* After 'name' changed in the dict of 'type': repoint the slots of
 * 'type' and of every heap type deriving from it. */
static int
update_slot_and_subclasses(MpTypeObject *type, MpObject *name)
{
    MpHeapTypeObject *et;

    if (update_slot(type, name) < 0)
        return -1;
    for (et = state.heap_types; et != NULL; et = et->ht_next) {
        MpTypeObject *sub = (MpTypeObject *)et;
        if (sub != type && sub->tp_mro != NULL
            && MpType_IsSubtype(sub, type) && update_slot(sub, name) < 0)
            return -1;
    }
    return 0;
}

/* ---- Heap types: instances ---- */

/* Run tp_finalize from a destructor; 1 when the object was resurrected
 * (and must not be freed). */
static int
call_finalizer_from_dealloc(MpObject *self)
{
    if (MpObject_GC_IsFinalized(self))
        return 0;
    Mp_SET_REFCNT(self, 1);
    MpObject_GC_Track(self);
    AS_GC(self)->_gc_prev |= MP_GC_PREV_MASK_FINALIZED;
    Mp_TYPE(self)->tp_finalize(self);
    if (--self->ob_refcnt != 0)
        return 1;
    MpObject_GC_UnTrack(self);
    return 0;
}

static void subtype_dealloc(MpObject *self);

static MpTypeObject *
static_base(MpTypeObject *type)
{
    while (type->tp_dealloc == subtype_dealloc)
        type = type->tp_base;
    return type;
}

/* The __dict__ slot when the class added it to its static base's
 * layout (and with it the inline values slot), else NULL. */
static MpObject **
added_dictptr(MpObject *self, MpTypeObject *type, MpTypeObject *base)
{
    if (type->tp_dictoffset == 0 || base->tp_dictoffset != 0)
        return NULL;
    return mp_object_dictptr(self);
}

/* Drop the instance's attributes, inline or in its __dict__. */
static void
clear_attributes(MpObject *self, MpObject **dictptr)
{
    if (MpType_HasFeature(Mp_TYPE(self), MP_TPFLAGS_INLINE_VALUES))
        mp_instance_values_clear(self);
    Mp_CLEAR(*dictptr);
}

static void
subtype_dealloc(MpObject *self)
{
    MpTypeObject *type = Mp_TYPE(self), *base = static_base(type);
    MpObject **dictptr;

    MpObject_GC_UnTrack(self);
    if (type->tp_finalize != NULL && call_finalizer_from_dealloc(self))
        return;
    dictptr = added_dictptr(self, type, base);
    if (dictptr != NULL)
        clear_attributes(self, dictptr);
    base->tp_dealloc(self);
    /* The instance held a reference to its class. */
    Mp_DECREF(type);
}

static int
subtype_traverse(MpObject *self, visitproc visit, void *arg)
{
    MpTypeObject *type = Mp_TYPE(self), *base = static_base(type);
    MpObject **dictptr = added_dictptr(self, type, base);

    /* CPython's order, which gc.get_referents shows: the attributes,
     * the class, then what the static base holds. */
    if (dictptr != NULL) {
        if (MpType_HasFeature(type, MP_TPFLAGS_INLINE_VALUES)) {
            int r = mp_instance_values_traverse(self, visit, arg);
            if (r != 0)
                return r;
        }
        Mp_VISIT(*dictptr);
    }
    Mp_VISIT(type);
    if (base->tp_traverse != NULL)
        return base->tp_traverse(self, visit, arg);
    return 0;
}

static int
subtype_clear(MpObject *self)
{
    MpTypeObject *type = Mp_TYPE(self), *base = static_base(type);
    MpObject **dictptr = added_dictptr(self, type, base);

    if (dictptr != NULL)
        clear_attributes(self, dictptr);
    if (base->tp_clear != NULL)
        return base->tp_clear(self);
    return 0;
}

static MpObject *
subtype_get_dict(MpObject *self, void *closure)
{
    return MpObject_GenericGetDict(self, closure);
}

static int
subtype_set_dict(MpObject *self, MpObject *value, void *closure)
{
    MpObject **dictptr = mp_object_dictptr(self);

    MP_UNUSED(closure);
    if (dictptr == NULL) {
        MpErr_SetString(MpExc_AttributeError,
                        "This object has no __dict__");
        return -1;
    }
    if (value == NULL || !MpDict_Check(value)) {
        MpErr_Format(MpExc_TypeError, "__dict__ must be set to a "
                     "dictionary, not a '%.200s'",
                     value == NULL ? "NoneType" : Mp_TYPE(value)->tp_name);
        return -1;
    }
    Mp_XSETREF(*dictptr, Mp_NewRef(value));
    if (MpType_HasFeature(Mp_TYPE(self), MP_TPFLAGS_INLINE_VALUES))
        mp_instance_values_clear(self);
    return 0;
}

static MpGetSetDef subtype_getset[] = {
    {"__dict__", subtype_get_dict, subtype_set_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- Heap types: creation ---- */

/* 1 if dict has key, 0 if not, -1 with an exception. */
static int
dict_has(MpObject *dict, const char *key)
{
    MpObject *unused;
    return dict_lookup(dict, key, &unused);
}

/* dict.setdefault(key, None) for a C string key.  0 or -1. */
static int
dict_default_none(MpObject *dict, const char *key)
{
    int has = dict_has(dict, key);
    if (has != 0)
        return has < 0 ? -1 : 0;
    return MpDict_SetItemString(dict, key, Mp_None);
}

/* The entries type() adds or rewrites in a new class's dict. */
static int
type_new_prepare_dict(MpHeapTypeObject *et, MpObject *dict)
{
    MpObject *qualname, *newfunc;
    int has_eq, has_hash;

    if (dict_lookup(dict, "__qualname__", &qualname) < 0)
        return -1;
    if (qualname != NULL) {
        if (!MpUnicode_Check(qualname)) {
            MpErr_Format(MpExc_TypeError,
                         "type __qualname__ must be a str, not %s",
                         Mp_TYPE(qualname)->tp_name);
            return -1;
        }
        et->ht_qualname = Mp_NewRef(qualname);
        if (MpDict_DelItemString(dict, "__qualname__") < 0)
            return -1;
    }
    else
        et->ht_qualname = Mp_NewRef(et->ht_name);
    if (dict_default_none(dict, "__doc__") < 0)
        return -1;
    /* __eq__ without __hash__ makes instances unhashable. */
    if ((has_eq = dict_has(dict, "__eq__")) < 0
        || (has_hash = dict_has(dict, "__hash__")) < 0)
        return -1;
    if (has_eq && !has_hash && dict_default_none(dict, "__hash__") < 0)
        return -1;
    /* A plain function as __new__ is a static method. */
    if (dict_lookup(dict, "__new__", &newfunc) < 0)
        return -1;
    if (newfunc != NULL && Mp_TYPE(newfunc)->tp_descr_get != NULL
        && !Mp_IS_TYPE(newfunc, &MpStaticMethod_Type)
        && !Mp_IS_TYPE(newfunc, &MpClassMethod_Type)) {
        MpObject *sm = mp_staticmethod_new(newfunc);
        int res;
        if (sm == NULL)
            return -1;
        res = MpDict_SetItemString(dict, "__new__", sm);
        Mp_DECREF(sm);
        if (res < 0)
            return -1;
    }
    return 0;
}

/* Instance layout: the base's, plus a __dict__ pointer unless the base
 * already has one. */
static int
type_new_layout(MpTypeObject *type, MpTypeObject *base)
{
    type->tp_basicsize = base->tp_basicsize;
    type->tp_itemsize = base->tp_itemsize;
    type->tp_dictoffset = base->tp_dictoffset;
    type->tp_flags |= base->tp_flags & MP_TPFLAGS_INLINE_VALUES;
    if (base->tp_dictoffset == 0) {
        if (base->tp_itemsize != 0)
            type->tp_dictoffset = -(Mp_ssize_t)sizeof(MpObject *);
        else
            type->tp_dictoffset = type->tp_basicsize;
        type->tp_basicsize += sizeof(MpObject *);
        if (base == &MpBaseObject_Type) {
            /* Instances keep their attributes inline until asked for
             * __dict__: a values slot after the dict slot.  As in
             * CPython 3.11, only for instances object.__new__ makes. */
            type->tp_flags |= MP_TPFLAGS_INLINE_VALUES;
            type->tp_basicsize += sizeof(MpObject *);
        }
        /* add_to_dict keeps an existing "__dict__" entry. */
        if (add_to_dict(type, "__dict__",
                        mp_descr_new_getset(type, subtype_getset)) < 0)
            return -1;
    }
    type->tp_dealloc = subtype_dealloc;
    type->tp_traverse = subtype_traverse;
    type->tp_clear = subtype_clear;
    type->tp_alloc = MpType_GenericAlloc;
    type->tp_free = MpObject_GC_Del;
    return 0;
}

/* Call value.__set_name__(type, key) for each class attribute having
 * one (how a property learns its name). */
static int
type_new_set_names(MpTypeObject *type)
{
    MP_IDENTIFIER(__set_name__);
    MpObject *items, *name;
    Mp_ssize_t i, n;
    int res = 0;

    name = mp_identifier_get(&MpId___set_name__);
    if (name == NULL)
        return -1;
    items = MpDict_Items(type->tp_dict);
    if (items == NULL)
        return -1;
    n = MpList_Size(items);
    for (i = 0; i < n && res == 0; i++) {
        MpObject *item = MpList_GetItem(items, i);
        MpObject *args[2], *value = MpTuple_GET_ITEM(item, 1), *r;
        if (mp_type_lookup(Mp_TYPE(value), name) == NULL)
            continue;
        args[0] = (MpObject *)type;
        args[1] = MpTuple_GET_ITEM(item, 0);
        r = mp_type_call_special(value, name, args, 2);
        if (r == NULL)
            res = -1;
        Mp_XDECREF(r);
    }
    Mp_DECREF(items);
    return res;
}

static MpTypeObject *
type_new_base(MpObject *bases)
{
    MpTypeObject *base;

    if (MpTuple_GET_SIZE(bases) > 1) {
        MpErr_SetString(MpExc_TypeError, "multiple bases are not supported");
        return NULL;
    }
    if (MpTuple_GET_SIZE(bases) == 0)
        return &MpBaseObject_Type;
    if (!MpType_Check(MpTuple_GET_ITEM(bases, 0))) {
        MpErr_Format(MpExc_TypeError, "bases must be types, not '%.100s'",
                     Mp_TYPE(MpTuple_GET_ITEM(bases, 0))->tp_name);
        return NULL;
    }
    base = (MpTypeObject *)MpTuple_GET_ITEM(bases, 0);
    if (!MpType_HasFeature(base, MP_TPFLAGS_BASETYPE)) {
        MpErr_Format(MpExc_TypeError,
                     "type '%.100s' is not an acceptable base type",
                     base->tp_name);
        return NULL;
    }
    if (MpType_Ready(base) < 0)
        return NULL;
    return base;
}

static MpObject *
type_new_impl(MpTypeObject *metatype, MpObject *name, MpObject *bases,
              MpObject *orig_dict)
{
    MpTypeObject *base = type_new_base(bases), *type;
    MpHeapTypeObject *et;

    if (base == NULL)
        return NULL;
    type = (MpTypeObject *)metatype->tp_alloc(metatype, 0);
    if (type == NULL)
        return NULL;
    et = (MpHeapTypeObject *)type;
    heap_type_link(et);
    type->tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HEAPTYPE
                     | MP_TPFLAGS_BASETYPE | MP_TPFLAGS_HAVE_GC;
    type->tp_as_number = &et->as_number;
    type->tp_as_sequence = &et->as_sequence;
    type->tp_as_mapping = &et->as_mapping;
    et->ht_name = Mp_NewRef(name);
    type->tp_name = MpUnicode_AsUTF8(name);
    type->tp_base = (MpTypeObject *)Mp_NewRef(base);
    type->tp_dict = MpDict_Copy(orig_dict);
    if (type->tp_name == NULL || type->tp_dict == NULL
        || type_new_prepare_dict(et, type->tp_dict) < 0
        || type_new_layout(type, base) < 0
        || MpType_Ready(type) < 0)
        goto error;
    if (fixup_slot_dispatchers(type) < 0 || type_new_set_names(type) < 0)
        goto error;
    return (MpObject *)type;
error:
    Mp_DECREF(type);
    return NULL;
}

static MpObject *
type_new(MpTypeObject *metatype, MpObject *args, MpObject *kwds)
{
    MpObject *name, *bases, *dict;
    Mp_ssize_t nargs = MpTuple_GET_SIZE(args);

    if (nargs == 1 && (kwds == NULL || MpDict_Size(kwds) == 0))
        return Mp_NewRef(Mp_TYPE(MpTuple_GET_ITEM(args, 0)));
    if (nargs != 3) {
        MpErr_SetString(MpExc_TypeError, "type() takes 1 or 3 arguments");
        return NULL;
    }
    name = MpTuple_GET_ITEM(args, 0);
    bases = MpTuple_GET_ITEM(args, 1);
    dict = MpTuple_GET_ITEM(args, 2);
    if (!MpUnicode_Check(name))
        return MpErr_Format(MpExc_TypeError, "type.__new__() argument 1 "
                            "must be str, not %.100s", Mp_TYPE(name)->tp_name);
    if (!MpTuple_Check(bases))
        return MpErr_Format(MpExc_TypeError, "type.__new__() argument 2 "
                            "must be tuple, not %.100s",
                            Mp_TYPE(bases)->tp_name);
    if (!MpDict_Check(dict))
        return MpErr_Format(MpExc_TypeError, "type.__new__() argument 3 "
                            "must be dict, not %.100s",
                            Mp_TYPE(dict)->tp_name);
    return type_new_impl(metatype, name, bases, dict);
}

static int
type_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    Mp_ssize_t n = MpTuple_GET_SIZE(args);

    MP_UNUSED(self);
    MP_UNUSED(kwds);
    if (n != 1 && n != 3) {
        MpErr_SetString(MpExc_TypeError,
                        "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

/* ---- The type object itself ---- */

static void
type_dealloc(MpObject *self)
{
    MpTypeObject *type = (MpTypeObject *)self;
    MpHeapTypeObject *et = (MpHeapTypeObject *)self;

    if (!MpType_IS_HEAP(type)) {
        Mp_FatalRefcountError(self, "deallocating a static type");
        return;
    }
    MpObject_GC_UnTrack(self);
    heap_type_unlink(et);
    Mp_XDECREF(type->tp_base);
    Mp_XDECREF(type->tp_dict);
    Mp_XDECREF(type->tp_mro);
    Mp_XDECREF(et->ht_name);
    Mp_XDECREF(et->ht_qualname);
    Mp_XDECREF(et->ht_module);
    mp_attr_layout_free(et->ht_layout);
    Mp_TYPE(self)->tp_free(self);
}

static int
type_traverse(MpObject *self, visitproc visit, void *arg)
{
    MpTypeObject *type = (MpTypeObject *)self;

    /* Static types are not GC objects (see mp_gc_is_gc). */
    if (!MpType_IS_HEAP(type))
        return 0;
    Mp_VISIT(type->tp_dict);
    Mp_VISIT(type->tp_mro);
    Mp_VISIT(type->tp_base);
    Mp_VISIT(((MpHeapTypeObject *)type)->ht_module);
    return 0;
}

static int
type_clear(MpObject *self)
{
    MpTypeObject *type = (MpTypeObject *)self;

    type_modified(type);
    Mp_CLEAR(type->tp_dict);
    Mp_CLEAR(type->tp_mro);
    Mp_CLEAR(((MpHeapTypeObject *)type)->ht_module);
    return 0;
}

MpTypeObject MpType_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "type",
    .tp_basicsize = sizeof(MpHeapTypeObject),
    .tp_dealloc = type_dealloc,
    .tp_vectorcall_offset = offsetof(MpTypeObject, tp_vectorcall),
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC
                | MP_TPFLAGS_BASETYPE | MP_TPFLAGS_TYPE_SUBCLASS
                | MP_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "type(object) -> the object's type\n"
              "type(name, bases, dict) -> a new type",
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_members = type_members,
    .tp_getset = type_getset,
    .tp_base = &MpBaseObject_Type,
    .tp_init = type_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = type_new,
    .tp_free = MpObject_GC_Del,
};
