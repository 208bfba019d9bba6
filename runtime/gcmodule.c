/*
 * gcmodule.c -- the gc module: the cycle collector seen from Python.
 *
 * A thin layer over the collector's public C API (minipy.h, "The cycle
 * collector"); the collector itself is gc/gc.c.
 *
 *   gc.collect(generation=2)     MpGC_CollectGeneration
 *   gc.enable/disable/isenabled  MpGC_Enable / MpGC_Disable / IsEnabled
 *   gc.get_count/get_threshold   MpGC_GetCount / MpGC_GetThreshold
 *   gc.set_threshold(t0[,t1[,t2]])  MpGC_SetThreshold (missing ones kept)
 *   gc.get_stats()               MpGC_GetStats, as three dicts
 *   gc.get_objects(gen=None)     MpGC_GetObjects
 *   gc.get_referrers/referents   tp_traverse of tracked objects
 *   gc.is_tracked/is_finalized   MpObject_GC_IsTracked / IsFinalized
 *   gc.freeze/unfreeze/get_freeze_count, gc.set_debug/get_debug
 *   gc.callbacks                 list called as cb(phase, info)
 *   gc.garbage                   always empty (nothing is uncollectable)
 *
 * gc.callbacks.  The module object is of a module subtype that also
 * holds the callbacks list (like CPython's per-module state).  Creating
 * the module registers one C callback with MpGC_AddCallback whose 'arg'
 * is the module (Borrowed); the module's dealloc unregisters it, so the
 * collector never calls back into a dead module.  At the start and end
 * of each collection the C callback calls every entry of the list with
 * ("start" | "stop", {"generation": g, "collected": n,
 * "uncollectable": 0}); an exception raised by an entry is reported with
 * MpErr_WriteUnraisable and the next entry still runs.  The collection
 * in progress cannot start another one, so entries may allocate freely.
 *
 * Invariants: a registered module is alive; its callbacks list is the
 * one in its dict until tp_clear drops it (then the C callback does
 * nothing).  The file has no static state: everything lives in the
 * module object, so re-initialisation needs nothing from here.
 *
 * Read alongside CPython 3.11: Modules/gcmodule.c (gc_collect_impl,
 * gc_set_threshold, gc_get_objects_impl, gc_get_referrers,
 * gc_get_referents, invoke_gc_callback, gc_get_stats_impl).
 *
 * Left out: the DEBUG_* flags other than DEBUG_STATS, gc.garbage ever
 * holding anything.
 */
#include <limits.h>
#include <stdint.h>

#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "runtime/modsupport.h"
#include "runtime/moduleobject.h"

#define NUM_GENERATIONS 3

typedef struct {
    MpModuleObject base;
    MpObject *callbacks;        /* gc.callbacks: a list, or NULL */
    int registered;             /* gc_callback registered with the GC */
} gcmodule_object;

/* ---- Argument checking with CPython's messages ---- */

/* One optional argument that may be passed by keyword 'name': *out is
 * Borrowed, NULL when absent. */
static int
parse_optional(const char *fname, const char *name, MpObject *const *args,
               Mp_ssize_t nargs, MpObject *kwnames, MpObject **out)
{
    Mp_ssize_t nkw = kwnames == NULL ? 0 : MpTuple_Size(kwnames);

    if (nargs + nkw > 1) {
        MpErr_Format(MpExc_TypeError, "%s() takes at most 1 %sargument "
                     "(%zd given)", fname, nargs == 0 ? "keyword " : "",
                     nargs + nkw);
        return -1;
    }
    *out = nargs == 1 ? args[0] : NULL;
    if (nkw == 1) {
        MpObject *key = MpTuple_GetItem(kwnames, 0);
        if (!MpUnicode_EqualToUTF8(key, name)) {
            MpErr_Format(MpExc_TypeError, "'%U' is an invalid keyword "
                         "argument for %s()", key, fname);
            return -1;
        }
        *out = args[0];
    }
    return 0;
}

/* o.__index__() as a C int.  'strict' gives the messages of CPython's
 * "i" format ("signed integer is greater than maximum"), otherwise those
 * of its int converter ("Python int too large to convert to C int"). */
static int
as_c_int(MpObject *o, int strict, int *out)
{
    MpObject *index = MpNumber_Index(o);
    int overflow = 0;
    long v;

    if (index == NULL)
        return -1;
    v = MpLong_AsLongAndOverflow(index, &overflow);
    Mp_DECREF(index);
    if (v == -1 && MpErr_Occurred())
        return -1;
    if (overflow != 0 || v > INT_MAX || v < INT_MIN) {
        if (!strict)
            MpErr_SetString(MpExc_OverflowError,
                            "Python int too large to convert to C int");
        else if (overflow != 0)
            MpErr_SetString(MpExc_OverflowError,
                            "Python int too large to convert to C long");
        else
            MpErr_SetString(MpExc_OverflowError, v > 0
                            ? "signed integer is greater than maximum"
                            : "signed integer is less than minimum");
        return -1;
    }
    *out = (int)v;
    return 0;
}

static MpObject *
int_triple(const int v[3])
{
    MpObject *a = MpLong_FromLong(v[0]), *b = MpLong_FromLong(v[1]);
    MpObject *c = MpLong_FromLong(v[2]), *t = NULL;

    if (a != NULL && b != NULL && c != NULL)
        t = MpTuple_Pack(3, a, b, c);
    Mp_XDECREF(a);
    Mp_XDECREF(b);
    Mp_XDECREF(c);
    return t;
}

/* ---- Switches, counts and thresholds ---- */

#define NOARGS_PROLOGUE(name)                                       \
    MP_UNUSED(self);                                                \
    MP_UNUSED(args);                                                \
    if (mp_arg_check_count("gc." name, nargs, kwnames, 0) < 0)              \
        return NULL

static MpObject *
gc_enable(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
          MpObject *kwnames)
{
    NOARGS_PROLOGUE("enable");
    (void)MpGC_Enable();
    Mp_RETURN_NONE;
}

static MpObject *
gc_disable(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
           MpObject *kwnames)
{
    NOARGS_PROLOGUE("disable");
    (void)MpGC_Disable();
    Mp_RETURN_NONE;
}

static MpObject *
gc_isenabled(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    NOARGS_PROLOGUE("isenabled");
    return MpBool_FromLong(MpGC_IsEnabled());
}

static MpObject *
gc_collect(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
           MpObject *kwnames)
{
    MpObject *arg;
    int generation = NUM_GENERATIONS - 1;
    Mp_ssize_t n;

    MP_UNUSED(self);
    if (parse_optional("collect", "generation", args, nargs, kwnames,
                       &arg) < 0
        || (arg != NULL && as_c_int(arg, 0, &generation) < 0))
        return NULL;
    n = MpGC_CollectGeneration(generation);     /* "invalid generation" */
    return n < 0 ? NULL : MpLong_FromSsize_t(n);
}

static MpObject *
gc_get_count(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    int count[3];

    NOARGS_PROLOGUE("get_count");
    MpGC_GetCount(count);
    return int_triple(count);
}

static MpObject *
gc_get_threshold(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                 MpObject *kwnames)
{
    int threshold[3];

    NOARGS_PROLOGUE("get_threshold");
    MpGC_GetThreshold(threshold);
    return int_triple(threshold);
}

static MpObject *
gc_set_threshold(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                 MpObject *kwnames)
{
    int t[3];
    Mp_ssize_t i;

    MP_UNUSED(self);
    if (mp_arg_has_keywords(kwnames)) {
        MpErr_SetString(MpExc_TypeError,
                        "set_threshold() takes no keyword arguments");
        return NULL;
    }
    if (nargs < 1 || nargs > 3) {
        MpErr_Format(MpExc_TypeError, "set_threshold() takes at %s %d "
                     "argument%s (%zd given)", nargs < 1 ? "least" : "most",
                     nargs < 1 ? 1 : 3, nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    MpGC_GetThreshold(t);
    for (i = 0; i < nargs; i++) {
        if (as_c_int(args[i], 1, &t[i]) < 0)
            return NULL;
    }
    MpGC_SetThreshold(t[0], t[1], t[2]);
    Mp_RETURN_NONE;
}

static MpObject *
gc_set_debug(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    int flags;

    MP_UNUSED(self);
    if (mp_arg_check_count("gc.set_debug", nargs, kwnames, 1) < 0
        || as_c_int(args[0], 0, &flags) < 0)
        return NULL;
    MpGC_SetDebug(flags);
    Mp_RETURN_NONE;
}

static MpObject *
gc_get_debug(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    NOARGS_PROLOGUE("get_debug");
    return MpLong_FromLong(MpGC_GetDebug());
}

/* ---- Statistics and introspection ---- */

static MpObject *
stats_dict(const MpGCStats *st)
{
    MpObject *d = MpDict_New();
    MpObject *v[3];
    static const char *const keys[3] = {"collections", "collected",
                                        "uncollectable"};
    int i, ok = d != NULL;

    v[0] = MpLong_FromSsize_t(st->collections);
    v[1] = MpLong_FromSsize_t(st->collected);
    v[2] = MpLong_FromSsize_t(st->uncollectable);
    for (i = 0; i < 3; i++) {
        if (ok && (v[i] == NULL
                   || MpDict_SetItemString(d, keys[i], v[i]) < 0))
            ok = 0;
        Mp_XDECREF(v[i]);
    }
    if (!ok)
        Mp_CLEAR(d);
    return d;
}

static MpObject *
gc_get_stats(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    MpGCStats stats[NUM_GENERATIONS];
    MpObject *list;
    int i;

    NOARGS_PROLOGUE("get_stats");
    MpGC_GetStats(stats);
    list = MpList_New(NUM_GENERATIONS);
    if (list == NULL)
        return NULL;
    for (i = 0; i < NUM_GENERATIONS; i++) {
        MpObject *d = stats_dict(&stats[i]);
        if (d == NULL) {
            Mp_DECREF(list);
            return NULL;
        }
        MpList_SetItem(list, i, d);
    }
    return list;
}

static MpObject *
gc_get_objects(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
               MpObject *kwnames)
{
    MpObject *arg;
    Mp_ssize_t gen = -1;

    MP_UNUSED(self);
    if (parse_optional("get_objects", "generation", args, nargs, kwnames,
                       &arg) < 0)
        return NULL;
    if (arg != NULL && arg != Mp_None) {
        if (!MpIndex_Check(arg)) {
            MpErr_Format(MpExc_TypeError, "argument should be integer or "
                         "None, not '%s'", Mp_TYPE(arg)->tp_name);
            return NULL;
        }
        gen = MpNumber_AsSsize_t(arg, MpExc_OverflowError);
        if (gen == -1 && MpErr_Occurred())
            return NULL;
    }
    /* -1 means all generations, as in CPython; MpGC_GetObjects raises
     * ValueError for a generation >= 3 or < -1. */
    if (gen > NUM_GENERATIONS)
        gen = NUM_GENERATIONS;
    if (gen < -2)
        gen = -2;
    return MpGC_GetObjects((int)gen);
}

struct referrers_search {
    MpObject *const *objs;
    Mp_ssize_t nobjs;
};

/* tp_traverse visitor: 1 (stop) when 'op' is one of the objects. */
static int
referrers_visit(MpObject *op, void *arg)
{
    struct referrers_search *s = arg;
    Mp_ssize_t i;

    for (i = 0; i < s->nobjs; i++) {
        if (s->objs[i] == op)
            return 1;
    }
    return 0;
}

static MpObject *
gc_get_referrers(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                 MpObject *kwnames)
{
    struct referrers_search search = {args, nargs};
    MpObject *all, *result;
    Mp_ssize_t i, n;

    MP_UNUSED(self);
    if (mp_arg_has_keywords(kwnames)) {
        MpErr_SetString(MpExc_TypeError,
                        "get_referrers() takes no keyword arguments");
        return NULL;
    }
    result = MpList_New(0);
    all = result == NULL ? NULL : MpGC_GetObjects(-1);
    if (all == NULL) {
        Mp_XDECREF(result);
        return NULL;
    }
    n = MpList_Size(all);
    for (i = 0; i < n; i++) {
        MpObject *op = MpList_GetItem(all, i);
        traverseproc traverse = Mp_TYPE(op)->tp_traverse;
        if (op == result || traverse == NULL)
            continue;
        if (traverse(op, referrers_visit, &search) == 1
            && MpList_Append(result, op) < 0) {
            Mp_CLEAR(result);
            break;
        }
    }
    Mp_DECREF(all);
    return result;
}

/* tp_traverse visitor appending each referent to the list 'arg'. */
static int
referents_visit(MpObject *op, void *arg)
{
    return MpList_Append((MpObject *)arg, op) < 0 ? -1 : 0;
}

static MpObject *
gc_get_referents(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                 MpObject *kwnames)
{
    MpObject *result;
    Mp_ssize_t i;

    MP_UNUSED(self);
    if (mp_arg_has_keywords(kwnames)) {
        MpErr_SetString(MpExc_TypeError,
                        "get_referents() takes no keyword arguments");
        return NULL;
    }
    result = MpList_New(0);
    for (i = 0; result != NULL && i < nargs; i++) {
        traverseproc traverse = Mp_TYPE(args[i])->tp_traverse;
        /* As CPython: only objects of GC types report their referents. */
        if (!MpObject_IS_GC(args[i]) || traverse == NULL)
            continue;
        if (traverse(args[i], referents_visit, result) != 0)
            Mp_CLEAR(result);
    }
    return result;
}

static MpObject *
gc_is_tracked(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
              MpObject *kwnames)
{
    MP_UNUSED(self);
    if (mp_arg_check_count("gc.is_tracked", nargs, kwnames, 1) < 0)
        return NULL;
    return MpBool_FromLong(MpObject_GC_IsTracked(args[0]));
}

static MpObject *
gc_is_finalized(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                MpObject *kwnames)
{
    MP_UNUSED(self);
    if (mp_arg_check_count("gc.is_finalized", nargs, kwnames, 1) < 0)
        return NULL;
    return MpBool_FromLong(MpObject_GC_IsFinalized(args[0]));
}

static MpObject *
gc_freeze(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
          MpObject *kwnames)
{
    NOARGS_PROLOGUE("freeze");
    MpGC_Freeze();
    Mp_RETURN_NONE;
}

static MpObject *
gc_unfreeze(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            MpObject *kwnames)
{
    NOARGS_PROLOGUE("unfreeze");
    MpGC_Unfreeze();
    Mp_RETURN_NONE;
}

static MpObject *
gc_get_freeze_count(MpObject *self, MpObject *const *args,
                    Mp_ssize_t nargs, MpObject *kwnames)
{
    NOARGS_PROLOGUE("get_freeze_count");
    return MpLong_FromSsize_t(MpGC_GetFreezeCount());
}

#define GC_FUNC(name) \
    {#name, (MpCFunction)(void (*)(void))gc_##name, \
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL}

static MpMethodDef gc_methods[] = {
    GC_FUNC(enable),
    GC_FUNC(disable),
    GC_FUNC(isenabled),
    GC_FUNC(set_debug),
    GC_FUNC(get_debug),
    GC_FUNC(get_count),
    GC_FUNC(set_threshold),
    GC_FUNC(get_threshold),
    GC_FUNC(collect),
    GC_FUNC(get_objects),
    GC_FUNC(get_stats),
    GC_FUNC(is_tracked),
    GC_FUNC(is_finalized),
    GC_FUNC(get_referrers),
    GC_FUNC(get_referents),
    GC_FUNC(freeze),
    GC_FUNC(unfreeze),
    GC_FUNC(get_freeze_count),
    {NULL, NULL, 0, NULL},
};

/* ---- gc.callbacks ---- */

static MpObject *
callback_info(int generation, Mp_ssize_t collected,
              Mp_ssize_t uncollectable)
{
    MpObject *d = MpDict_New();
    MpObject *v[3];
    static const char *const keys[3] = {"generation", "collected",
                                        "uncollectable"};
    int i, ok = d != NULL;

    v[0] = MpLong_FromLong(generation);
    v[1] = MpLong_FromSsize_t(collected);
    v[2] = MpLong_FromSsize_t(uncollectable);
    for (i = 0; i < 3; i++) {
        if (ok && (v[i] == NULL
                   || MpDict_SetItemString(d, keys[i], v[i]) < 0))
            ok = 0;
        Mp_XDECREF(v[i]);
    }
    if (!ok)
        Mp_CLEAR(d);
    return d;
}

/* The MpGC_Callback registered for the module 'arg': calls each entry
 * of gc.callbacks with (phase, info).  Leaves no exception set. */
static void
gc_callback(const char *phase, int generation, Mp_ssize_t collected,
            Mp_ssize_t uncollectable, void *arg)
{
    gcmodule_object *m = arg;
    MpObject *list, *args[2] = {NULL, NULL};
    Mp_ssize_t i;

    list = m->callbacks;
    if (list == NULL || MpList_Size(list) == 0)
        return;
    /* An entry may drop the last other reference to the module or the
     * list: hold both while they are walked. */
    Mp_INCREF(m);
    Mp_INCREF(list);
    args[0] = MpUnicode_FromString(phase);
    args[1] = args[0] == NULL ? NULL
              : callback_info(generation, collected, uncollectable);
    if (args[1] == NULL) {
        MpErr_WriteUnraisable(NULL);
        goto done;
    }
    /* By index, as the list may change under the calls. */
    for (i = 0; i < MpList_Size(list); i++) {
        MpObject *cb = Mp_NewRef(MpList_GetItem(list, i));
        MpObject *r = MpObject_Vectorcall(cb, args, 2, NULL);
        if (r == NULL)
            MpErr_WriteUnraisable(cb);
        Mp_XDECREF(r);
        Mp_DECREF(cb);
    }
done:
    Mp_XDECREF(args[0]);
    Mp_XDECREF(args[1]);
    Mp_DECREF(list);
    Mp_DECREF(m);
}

/* ---- The module type: a module with the callbacks list ---- */

static int
gcmodule_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((gcmodule_object *)op)->callbacks);
    return MpModule_Type.tp_traverse(op, visit, arg);
}

static int
gcmodule_clear(MpObject *op)
{
    Mp_CLEAR(((gcmodule_object *)op)->callbacks);
    return MpModule_Type.tp_clear(op);
}

static void
gcmodule_dealloc(MpObject *op)
{
    gcmodule_object *m = (gcmodule_object *)op;

    MpObject_GC_UnTrack(op);
    if (m->registered) {
        /* Unregistering cannot fail while registered; an exception
         * being propagated meanwhile is kept as it is. */
        MpObject *exc = MpErr_GetRaisedException();
        if (MpGC_RemoveCallback(gc_callback, m) < 0)
            MpErr_Clear();
        MpErr_SetRaisedException(exc);
        m->registered = 0;
    }
    gcmodule_clear(op);
    MpObject_GC_Del(op);
}

static MpTypeObject GCModule_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "module",
    .tp_basicsize = sizeof(gcmodule_object),
    .tp_dealloc = gcmodule_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = gcmodule_traverse,
    .tp_clear = gcmodule_clear,
    .tp_base = &MpModule_Type,
};

/* The bare module: __name__, __doc__ and the callbacks list.  New. */
static gcmodule_object *
gcmodule_new(void)
{
    gcmodule_object *m;
    MpObject *name;

    if (!MpType_HasFeature(&GCModule_Type, MP_TPFLAGS_READY)
        && MpType_Ready(&GCModule_Type) < 0)
        return NULL;
    m = MpObject_GC_New(gcmodule_object, &GCModule_Type);
    if (m == NULL)
        return NULL;
    m->callbacks = MpList_New(0);
    m->registered = 0;
    m->base.md_dict = MpDict_New();
    MpObject_GC_Track(m);
    name = MpUnicode_InternFromString("gc");
    if (name == NULL || m->callbacks == NULL || m->base.md_dict == NULL
        || MpDict_SetItemString(m->base.md_dict, "__name__", name) < 0
        || MpDict_SetItemString(m->base.md_dict, "__doc__", Mp_None) < 0
        || MpDict_SetItemString(m->base.md_dict, "callbacks",
                                m->callbacks) < 0) {
        Mp_XDECREF(name);
        Mp_DECREF(m);
        return NULL;
    }
    Mp_DECREF(name);
    return m;
}

/* A new gc module (New), or NULL with an exception set.  Its callbacks
 * are called by every collection until the module is freed. */
MpObject *
mp_gc_module_create(void)
{
    gcmodule_object *m = gcmodule_new();
    MpObject *d, *garbage, *flag;
    int r;

    if (m == NULL)
        return NULL;
    d = m->base.md_dict;
    garbage = MpList_New(0);
    flag = MpLong_FromLong(MP_GC_DEBUG_STATS);
    r = garbage == NULL || flag == NULL
        || mp_module_add_functions((MpObject *)m, gc_methods) < 0
        || MpDict_SetItemString(d, "garbage", garbage) < 0
        || MpDict_SetItemString(d, "DEBUG_STATS", flag) < 0
        || MpGC_AddCallback(gc_callback, m) < 0 ? -1 : 0;
    Mp_XDECREF(garbage);
    Mp_XDECREF(flag);
    if (r < 0) {
        Mp_DECREF(m);
        return NULL;
    }
    m->registered = 1;
    return (MpObject *)m;
}
