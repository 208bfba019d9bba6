/*
 * memmodule.c -- the mem module: the allocator, object lifetimes and the
 * stack/heap graph seen from Python, for learners.
 *
 *   mem.current(), mem.peak()   MpMem_Current / MpMem_Peak: bytes in use
 *                               now and at most since the import or the
 *                               last reset (tracemalloc's numbers)
 *   mem.reset_peak()            MpMem_ResetPeak
 *   mem.stats()                 MpAlloc_GetStats + MpMem_GetPoolStates as
 *                               a dict (see mem_stats below)
 *   mem.dump()                  MpAlloc_DumpStats to stdout
 *   mem.map()                   MpMem_DumpMap to stdout
 *   mem.trace(on, events='alloc,free,gc', type=None)
 *                               MpMem_SetTrace: the lifetime trace on
 *                               stdout (events as for --trace), or off
 *   mem.graph(path=None, depth=6)
 *                               the stack/heap picture (heapgraph.c):
 *                               written to 'path' (.svg/.png/.pdf through
 *                               Graphviz's dot, else DOT text); with no
 *                               path, to the next numbered file of
 *                               --heap-graph if given, else returned as
 *                               a str of DOT text
 *
 * A thin layer over the C API of minipy.h ("Seeing memory"): every number
 * here is also available to embedders.  Output goes to the C stdout, where
 * print() writes, so that a lesson's prints and pictures interleave.
 * Arguments are checked as CPython checks those of METH_NOARGS and
 * argument-clinic functions, with the same messages.  The file keeps no
 * state.
 *
 * Read alongside CPython 3.11: Modules/_tracemalloc.c (get_traced_memory,
 * reset_peak) and Objects/obmalloc.c (_PyObject_DebugMallocStats).
 */
#include <stdio.h>
#include <stdlib.h>

#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "runtime/modsupport.h"
#include "runtime/moduleobject.h"

/* ---- Argument checking with CPython's messages ---- */

/* The UTF-8 text of the optional str argument 'name' of fname(): *out is
 * NULL when it is absent or None (if 'none_ok').  0 or -1. */
static int
str_arg(const char *fname, const char *name, MpObject *o, int none_ok,
        const char **out)
{
    *out = NULL;
    if (o == NULL || (none_ok && o == Mp_None))
        return 0;
    if (!MpUnicode_Check(o)) {
        MpErr_Format(MpExc_TypeError, "%s() argument '%s' must be str%s, "
                     "not %.200s", fname, name, none_ok ? " or None" : "",
                     Mp_TYPE(o)->tp_name);
        return -1;
    }
    *out = MpUnicode_AsUTF8(o);
    return *out == NULL ? -1 : 0;
}

#define NOARGS_PROLOGUE(name)                                       \
    MP_UNUSED(self);                                                \
    MP_UNUSED(args);                                                \
    if (mp_arg_check_count("mem." name, nargs, kwnames, 0) < 0)     \
        return NULL

/* ---- Numbers ---- */

static MpObject *
mem_current(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            MpObject *kwnames)
{
    NOARGS_PROLOGUE("current");
    return MpLong_FromSize_t(MpMem_Current());
}

static MpObject *
mem_peak(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
         MpObject *kwnames)
{
    NOARGS_PROLOGUE("peak");
    return MpLong_FromSize_t(MpMem_Peak());
}

static MpObject *
mem_reset_peak(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
               MpObject *kwnames)
{
    NOARGS_PROLOGUE("reset_peak");
    MpMem_ResetPeak();
    Mp_RETURN_NONE;
}

/* ---- mem.stats() ---- */

/* d[key] = v; 0 or -1. */
static int
set_size(MpObject *d, const char *key, size_t v)
{
    MpObject *o = MpLong_FromSize_t(v);
    int r = o == NULL ? -1 : MpDict_SetItemString(d, key, o);
    Mp_XDECREF(o);
    return r;
}

/* d[key] = v, stealing v (which may be NULL after a failure). */
static int
set_steal(MpObject *d, const char *key, MpObject *v)
{
    int r = v == NULL ? -1 : MpDict_SetItemString(d, key, v);
    Mp_XDECREF(v);
    return r;
}

/* {"full": n, "used": n, "empty": n, "untouched": n}.  New. */
static MpObject *
pools_dict(void)
{
    MpMemPoolStates ps;
    MpObject *d = MpDict_New();

    MpMem_GetPoolStates(&ps);
    if (d == NULL || set_size(d, "full", ps.full) < 0
        || set_size(d, "used", ps.used) < 0
        || set_size(d, "empty", ps.empty) < 0
        || set_size(d, "untouched", ps.untouched) < 0) {
        Mp_XDECREF(d);
        return NULL;
    }
    return d;
}

/* {block size: {"pools": n, "blocks": n, "free_blocks": n,
 * "blocks_recorded": n, "bytes_requested": n}} for every size class with a
 * pool.  New. */
static MpObject *
classes_dict(const MpAllocStats *st)
{
    MpObject *d = MpDict_New();

    for (size_t i = 0; d != NULL && i < st->nclasses; i++) {
        const MpAllocClassStats *cs = &st->classes[i];
        MpObject *key, *c;
        int r;
        if (cs->pools == 0)
            continue;
        c = MpDict_New();
        key = MpLong_FromSize_t(cs->block_size);
        r = c == NULL || key == NULL || set_size(c, "pools", cs->pools) < 0
            || set_size(c, "blocks", cs->blocks_in_use) < 0
            || set_size(c, "free_blocks", cs->free_blocks) < 0
            || set_size(c, "blocks_recorded", cs->blocks_recorded) < 0
            || set_size(c, "bytes_requested", cs->bytes_requested) < 0
            || MpDict_SetItem(d, key, c) < 0 ? -1 : 0;
        Mp_XDECREF(key);
        Mp_XDECREF(c);
        if (r < 0)
            Mp_CLEAR(d);
    }
    return d;
}

/* The bytes of free blocks in pools that are in use. */
static size_t
free_block_bytes(const MpAllocStats *st)
{
    size_t n = 0;
    for (size_t i = 0; i < st->nclasses; i++)
        n += st->classes[i].free_blocks * st->classes[i].block_size;
    return n;
}

/* The share of the mapped arenas not holding a block in use. */
static double
fragmentation(const MpAllocStats *st)
{
    if (st->bytes_mapped == 0)
        return 0.0;
    return (double)(st->bytes_mapped - st->small_bytes_in_use)
           / (double)st->bytes_mapped;
}

/* The arena and pool counts, the size classes, bytes by kind of block, and
 * the requests: "bytes_requested" is what the "blocks_recorded" small
 * blocks were asked for, and "bytes_in_recorded_blocks" what they take;
 * "blocks_unrecorded" were handed out before the import started recording
 * (memrequests.c).  New. */
static MpObject *
mem_stats(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
          MpObject *kwnames)
{
    MpAllocStats st;
    MpObject *d;

    NOARGS_PROLOGUE("stats");
    MpAlloc_GetStats(&st);
    d = MpDict_New();
    if (d == NULL || set_size(d, "arenas", st.arenas_in_use) < 0
        || set_size(d, "arenas_allocated", st.arenas_allocated) < 0
        || set_size(d, "arenas_freed", st.arenas_freed) < 0
        || set_size(d, "arenas_highwater", st.arenas_highwater) < 0
        || set_size(d, "arena_size", st.arena_size) < 0
        || set_size(d, "pool_size", st.pool_size) < 0
        || set_steal(d, "pools", pools_dict()) < 0
        || set_steal(d, "classes", classes_dict(&st)) < 0
        || set_size(d, "blocks_in_use", st.blocks_in_use) < 0
        || set_size(d, "bytes_in_small_blocks", st.small_bytes_in_use) < 0
        || set_size(d, "bytes_in_free_blocks", free_block_bytes(&st)) < 0
        || set_size(d, "bytes_in_large_blocks", st.large_bytes_in_use) < 0
        || set_size(d, "bytes_in_raw_blocks", st.raw_bytes_in_use) < 0
        || set_size(d, "bytes_in_use", st.bytes_in_use) < 0
        || set_size(d, "bytes_mapped", st.bytes_mapped) < 0
        || set_size(d, "blocks_recorded", st.small_blocks_recorded) < 0
        || set_size(d, "blocks_unrecorded",
                    st.small_blocks_in_use - st.small_blocks_recorded) < 0
        || set_size(d, "bytes_requested", st.small_bytes_requested) < 0
        || set_size(d, "bytes_in_recorded_blocks",
                    st.small_bytes_in_recorded_blocks) < 0
        || set_steal(d, "fragmentation",
                     MpFloat_FromDouble(fragmentation(&st))) < 0) {
        Mp_XDECREF(d);
        return NULL;
    }
    return d;
}

/* ---- Pictures as text ---- */

static MpObject *
mem_dump(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
         MpObject *kwnames)
{
    NOARGS_PROLOGUE("dump");
    MpAlloc_DumpStats(stdout);
    Mp_RETURN_NONE;
}

static MpObject *
mem_map(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
        MpObject *kwnames)
{
    NOARGS_PROLOGUE("map");
    MpMem_DumpMap(stdout);
    Mp_RETURN_NONE;
}

/* ---- The lifetime trace ---- */

static MpObject *
mem_trace(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
          MpObject *kwnames)
{
    static const char *const names[] = {"on", "events", "type"};
    MpObject *a[3];
    const char *events, *type;
    int on, flags = 0;

    MP_UNUSED(self);
    if (mp_arg_parse("trace", args, nargs, kwnames, names, 1, 3, a) < 0
        || str_arg("trace", "events", a[1], 0, &events) < 0
        || str_arg("trace", "type", a[2], 1, &type) < 0)
        return NULL;
    on = MpObject_IsTrue(a[0]);
    if (on < 0)
        return NULL;
    if (on) {
        flags = MpMem_ParseTrace(events != NULL ? events : "alloc,free,gc");
        if (flags <= 0) {
            MpErr_Format(MpExc_ValueError, "trace events must be a "
                         "comma-separated list of alloc, free, gc, cache, "
                         "ids, not %R", a[1]);
            return NULL;
        }
    }
    fflush(stdout);
    if (MpMem_SetTrace(on ? flags : 0, type, stdout) < 0) {
        MpErr_SetString(MpExc_ValueError, "trace type name too long");
        return NULL;
    }
    Mp_RETURN_NONE;
}

/* ---- The stack/heap picture ---- */

#define GRAPH_DEFAULT_DEPTH 6
#define GRAPH_MAX_DEPTH 50

/* The depth argument: an int in 1..GRAPH_MAX_DEPTH. */
static int
depth_arg(MpObject *o, int *depth)
{
    MpObject *index;
    long v;
    int overflow = 0;

    *depth = GRAPH_DEFAULT_DEPTH;
    if (o == NULL)
        return 0;
    index = MpNumber_Index(o);
    if (index == NULL)
        return -1;
    v = MpLong_AsLongAndOverflow(index, &overflow);
    Mp_DECREF(index);
    if (overflow != 0 || v < 1 || v > GRAPH_MAX_DEPTH) {
        MpErr_Format(MpExc_ValueError, "depth must be between 1 and %d",
                     GRAPH_MAX_DEPTH);
        return -1;
    }
    *depth = (int)v;
    return 0;
}

/* The DOT text as a str.  New. */
static MpObject *
graph_text(int depth)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    MpObject *s = NULL;

    if (out == NULL)
        return MpErr_NoMemory();
    if (MpMem_WriteHeapGraph(out, depth) < 0) {
        fclose(out);
        free(text);
        return NULL;
    }
    fclose(out);
    s = MpUnicode_FromStringAndSize(text, (Mp_ssize_t)len);
    free(text);
    return s;
}

static MpObject *
mem_graph(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
          MpObject *kwnames)
{
    static const char *const names[] = {"path", "depth"};
    MpObject *a[2];
    const char *path;
    int depth, status;

    MP_UNUSED(self);
    if (mp_arg_parse("graph", args, nargs, kwnames, names, 0, 2, a) < 0
        || str_arg("graph", "path", a[0], 1, &path) < 0
        || depth_arg(a[1], &depth) < 0)
        return NULL;
    if (path != NULL)
        status = MpMem_SaveHeapGraph(path, depth);
    else if (MpMem_GetHeapGraphPath() != NULL)
        status = MpMem_SaveNextHeapGraph(depth);
    else
        return graph_text(depth);
    if (status < 0)
        return NULL;
    Mp_RETURN_NONE;
}

#define MEM_FUNC(name) \
    {#name, (MpCFunction)(void (*)(void))mem_##name, \
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL}

static MpMethodDef mem_methods[] = {
    MEM_FUNC(current),
    MEM_FUNC(peak),
    MEM_FUNC(reset_peak),
    MEM_FUNC(stats),
    MEM_FUNC(dump),
    MEM_FUNC(map),
    MEM_FUNC(trace),
    MEM_FUNC(graph),
    {NULL, NULL, 0, NULL},
};

/* A new mem module (New), or NULL with an exception set. */
MpObject *
mp_mem_module_create(void)
{
    MpObject *m = mp_module_new("mem");

    if (m == NULL)
        return NULL;
    if (mp_module_add_functions(m, mem_methods) < 0) {
        Mp_DECREF(m);
        return NULL;
    }
    /* the peak is kept from here on, as after tracemalloc.start() */
    MpMem_ResetPeak();
    return m;
}
