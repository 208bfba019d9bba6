/*
 * memtrace.c -- the lifetime trace: one line per object birth, death,
 * collection and cache hit, with the source line that caused it.
 *
 *   alloc list at 0x55d0c2a4e0f0 (56 B, class 56) line 3
 *   free list at 0x55d0c2a4e0f0 line 7 (refcount reached 0)
 *   free dict at 0x55d0c2a51a30 line 9 (freed by the gc)
 *   gc gen0: 12 examined, 2 unreachable, 10 promoted to gen1
 *   cache int 7 (small int) line 4
 *   cache str 'name' (interned) line 5
 *
 * Switched on by --trace=alloc,free,gc,cache (main.c), mem.trace() or
 * MpMem_SetTrace; off by default and free when off.  The object layer
 * calls mp_memtrace_birth / mp_memtrace_death from its inline
 * mp_object_birth / mp_object_died (objects/object.h) behind a single
 * test of the global mp_memtrace_on, which is nonzero only while some
 * trace is on; the int cache (longobject.h), the intern table and the
 * collector test the same flag.  Everything else happens out of line here.
 *
 * Sizes come from the allocator (mp_obmalloc_block_size): a pooled block
 * shows its block size and size class (named by its block size, as
 * mem.stats() and mem.map() name them), a bigger one its requested size.
 * The line is that of the instruction the current frame is executing.
 * Births, deaths and cache hits while no frame runs (the compiler making
 * constants, start-up, shutdown) are not shown: they have no source line
 * and are not the program's doing.
 *
 * With the 'ids' option each object traced at birth is numbered #1, #2,
 * ... in order of birth, and its death shows the same number: output that
 * stays the same from run to run, for lessons and tests.  The numbers live
 * in a ptrmap (keyed by address, in system memory: not taken from the
 * allocator whose numbers the trace is showing).  An object born before
 * the trace began, or while the map could not grow, has no number.
 *
 * The trace never creates an object: it formats with fprintf from C
 * strings, so tracing cannot trace itself.
 *
 * Read alongside CPython 3.11: Modules/_tracemalloc.c (the allocator
 * hooks tracemalloc installs, and why they cost even when unused),
 * Modules/gcmodule.c (what gc.DEBUG_STATS prints per collection).
 */
#include <string.h>
#include <sys/types.h>

#include "include/internal/mp_core.h"
#include "alloc/obmalloc.h"
#include "gc/gc.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"
#include "runtime/frameobject.h"
#include "runtime/memtrace.h"
#include "runtime/ptrmap.h"

int mp_memtrace_on;

static struct {
    int flags;                  /* MP_MEM_TRACE_* */
    FILE *out;
    char type_name[64];         /* only objects of this type; "" = all */
    mp_ptrmap ids;              /* MP_MEM_TRACE_IDS: numbers by address */
    size_t next_id;
} trace = {.ids = MP_PTRMAP_INIT};

/* Number 'op'; 0 when the map cannot grow (it is then left out). */
static size_t
ids_add(const void *op)
{
    size_t id = trace.next_id + 1;
    if (mp_ptrmap_put(&trace.ids, op, id) < 0)
        return 0;
    trace.next_id = id;
    return id;
}

/* The number of 'op', forgotten now; 0 if it has none. */
static size_t
ids_take(const void *op)
{
    size_t id;
    return mp_ptrmap_take(&trace.ids, op, &id) ? id : 0;
}

/* ---- Formatting ---- */

static int
wanted(MpObject *op)
{
    const char *name = mp_type_short_name(Mp_TYPE(op));
    return trace.type_name[0] == '\0' || strcmp(name, trace.type_name) == 0;
}

/* The frame running now, or NULL. */
static MpFrameObject *
running_frame(void)
{
    return mp_tstate_get()->frame;
}

static void
print_line(void)
{
    fprintf(trace.out, " line %d", mp_frame_lineno(running_frame()));
}

/* "list at 0x..." or "list #7" (or "list (born before the trace)"). */
static void
print_object(MpObject *op, size_t id)
{
    fputs(mp_type_short_name(Mp_TYPE(op)), trace.out);
    if (!(trace.flags & MP_MEM_TRACE_IDS))
        fprintf(trace.out, " at %p", (void *)op);
    else if (id != 0)
        fprintf(trace.out, " #%zu", id);
    else
        fputs(" (born before the trace)", trace.out);
}

/* ---- The hooks ---- */

MpObject *
mp_memtrace_birth(MpObject *op)
{
    size_t id = 0, size;
    int szclass;

    if (!(trace.flags & MP_MEM_TRACE_ALLOC) || !wanted(op)
        || running_frame() == NULL)
        return op;
    if (trace.flags & MP_MEM_TRACE_IDS)
        id = ids_add(op);
    size = mp_obmalloc_block_size(mp_gc_block_of(op), &szclass);
    fputs("alloc ", trace.out);
    print_object(op, id);
    if (szclass >= 0)
        fprintf(trace.out, " (%zu B, class %zu)", size, size);
    else
        fprintf(trace.out, " (%zu B, system malloc)", size);
    print_line();
    fputc('\n', trace.out);
    return op;
}

MpObject *
mp_memtrace_death(MpObject *op)
{
    size_t id = 0;

    if (!(trace.flags & MP_MEM_TRACE_FREE) || !wanted(op)
        || running_frame() == NULL)
        return op;
    if (trace.flags & MP_MEM_TRACE_IDS)
        id = ids_take(op);
    fputs("free ", trace.out);
    print_object(op, id);
    print_line();
    fputs(mp_gc_collecting() ? " (freed by the gc)\n"
                             : " (refcount reached 0)\n", trace.out);
    return op;
}

void
mp_memtrace_gc(int generation, Mp_ssize_t examined, Mp_ssize_t unreachable)
{
    Mp_ssize_t survivors = examined - unreachable;

    if (!(trace.flags & MP_MEM_TRACE_GC))
        return;
    fprintf(trace.out, "gc gen%d: %zd examined, %zd unreachable, ",
            generation, (ssize_t)examined, (ssize_t)unreachable);
    if (generation < 2)
        fprintf(trace.out, "%zd promoted to gen%d\n", (ssize_t)survivors,
                generation + 1);
    else
        fprintf(trace.out, "%zd stay in gen2\n", (ssize_t)survivors);
}

void
mp_memtrace_small_int(long value)
{
    if (!(trace.flags & MP_MEM_TRACE_CACHE) || running_frame() == NULL
        || (trace.type_name[0] != '\0' && strcmp(trace.type_name, "int")))
        return;
    fprintf(trace.out, "cache int %ld (small int)", value);
    print_line();
    fputc('\n', trace.out);
}

void
mp_memtrace_interned(MpObject *s)
{
    if (!(trace.flags & MP_MEM_TRACE_CACHE) || !wanted(s)
        || running_frame() == NULL)
        return;
    fprintf(trace.out, "cache str '%.40s' (interned)", MpUnicode_AsUTF8(s));
    print_line();
    fputc('\n', trace.out);
}

/* ---- Switching ---- */

int
MpMem_SetTrace(int flags, const char *type_name, FILE *out)
{
    if (type_name != NULL && strlen(type_name) >= sizeof(trace.type_name))
        return -1;
    if (!(flags & MP_MEM_TRACE_IDS)) {
        mp_ptrmap_clear(&trace.ids);
        trace.next_id = 0;
    }
    trace.flags = flags;
    trace.out = out != NULL ? out : stdout;
    strcpy(trace.type_name, type_name != NULL ? type_name : "");
    mp_memtrace_on = (flags & ~MP_MEM_TRACE_IDS) != 0;
    return 0;
}

int
MpMem_GetTrace(void)
{
    return trace.flags;
}

static const struct {
    const char *word;
    int flag;
} trace_words[] = {
    {"alloc", MP_MEM_TRACE_ALLOC},
    {"free", MP_MEM_TRACE_FREE},
    {"gc", MP_MEM_TRACE_GC},
    {"cache", MP_MEM_TRACE_CACHE},
    {"ids", MP_MEM_TRACE_IDS},
};

/* The flag of the 'len' bytes at 'word', or 0. */
static int
trace_flag(const char *word, size_t len)
{
    for (size_t i = 0; i < MP_ARRAY_LENGTH(trace_words); i++) {
        if (strlen(trace_words[i].word) == len
            && strncmp(trace_words[i].word, word, len) == 0)
            return trace_words[i].flag;
    }
    return 0;
}

int
MpMem_ParseTrace(const char *spec)
{
    int flags = 0;
    while (*spec != '\0') {
        size_t len = strcspn(spec, ",");
        int flag = trace_flag(spec, len);
        if (flag == 0)
            return -1;
        flags |= flag;
        spec += len;
        if (*spec == ',' && *++spec == '\0')
            return -1;
    }
    return flags;
}

void
mp_memtrace_fini(void)
{
    (void)MpMem_SetTrace(0, NULL, NULL);
}
