/*
 * minipy.h -- the one header an embedder includes.
 *
 * minipy is a miniature CPython-style object runtime.  Names mirror CPython's
 * C API with "Mp" in place of "Py", with the same reference semantics:
 *
 *   New reference       the caller owns the result and must Mp_DECREF it.
 *   Borrowed reference  the caller must not Mp_DECREF it; it stays valid
 *                       while its container is alive and unchanged.
 *   Steals              the function takes over the caller's reference to
 *                       that argument, even when it fails.
 *
 * Errors follow CPython: a function returning an object returns NULL with an
 * exception set; one returning int returns -1 (0 on success; predicates
 * 1/0/-1).  The allocator (MpObject_Malloc and friends) returns NULL and sets
 * nothing.
 *
 * The runtime is single-threaded: one runtime per process, used from one
 * thread at a time.
 */
#ifndef MINIPY_H
#define MINIPY_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MINIPY_VERSION "0.1.0"
#define MP_API __attribute__((visibility("default")))

typedef intptr_t Mp_ssize_t;
typedef Mp_ssize_t Mp_hash_t;
#define MP_SSIZE_T_MAX INTPTR_MAX
#define MP_SSIZE_T_MIN INTPTR_MIN

/* ---- Memory ----
 * Three families, as in CPython:
 *   MpObject_*   the small-object allocator (arenas -> pools -> blocks);
 *                requests above 512 bytes go to the system malloc.
 *   MpMem_*      general memory; backed by the same allocator.
 *   MpMem_Raw*   the system allocator, with its bytes counted in the stats.
 * All return NULL on failure and set no exception.  A request of 0 bytes
 * returns a unique non-NULL pointer.  MINIPYMALLOC=debug adds guard bytes and
 * fills, MINIPYMALLOC=malloc routes everything to the system allocator.
 */
MP_API void *MpObject_Malloc(size_t size);
MP_API void *MpObject_Calloc(size_t nelem, size_t elsize);
MP_API void *MpObject_Realloc(void *ptr, size_t size);
MP_API void MpObject_Free(void *ptr);

MP_API void *MpMem_Malloc(size_t size);
MP_API void *MpMem_Calloc(size_t nelem, size_t elsize);
MP_API void *MpMem_Realloc(void *ptr, size_t size);
MP_API void MpMem_Free(void *ptr);

MP_API void *MpMem_RawMalloc(size_t size);
MP_API void *MpMem_RawCalloc(size_t nelem, size_t elsize);
MP_API void *MpMem_RawRealloc(void *ptr, size_t size);
MP_API void MpMem_RawFree(void *ptr);

/* The maximum number of size classes any build configuration uses. */
#define MP_ALLOC_MAX_CLASSES 64

/* Per size class figures, as sys._debugmallocstats() shows them. */
typedef struct {
    size_t block_size;      /* bytes per block in this class */
    size_t pools;           /* pools now serving this class (used or full) */
    size_t blocks_in_use;   /* blocks handed out */
    size_t free_blocks;     /* free blocks in those pools, carved or not */
    size_t blocks_recorded; /* blocks in use whose request is known */
    size_t bytes_requested; /* the bytes those blocks were asked for */
} MpAllocClassStats;

typedef struct {
    size_t arenas_allocated;    /* arenas ever mapped */
    size_t arenas_freed;        /* arenas returned to the OS with munmap */
    size_t arenas_in_use;       /* mapped now */
    size_t arenas_highwater;    /* most arenas mapped at once */
    size_t arena_size;          /* bytes per arena */
    size_t pool_size;           /* bytes per pool */
    size_t pools_empty;         /* carved pools with no block in use */
    size_t nclasses;            /* size classes in this build */
    MpAllocClassStats classes[MP_ALLOC_MAX_CLASSES];
    size_t small_blocks_in_use; /* sum of blocks_in_use over the classes */
    size_t small_bytes_in_use;  /* sum of block_size * blocks_in_use */
    size_t small_blocks_recorded;   /* sums of the classes' blocks_recorded */
    size_t small_bytes_requested;   /* and bytes_requested (see
                                       MpMem_ResetPeak), and the bytes */
    size_t small_bytes_in_recorded_blocks;  /* of those blocks */
    size_t large_blocks_in_use; /* live MpObject/MpMem blocks the system
                                   malloc holds: requests of 0 or > 512 B,
                                   blocks realloc'ed from those, and every
                                   block in malloc mode */
    size_t large_bytes_in_use;  /* bytes requested by those */
    size_t raw_blocks_in_use;   /* live MpMem_Raw* blocks */
    size_t raw_bytes_in_use;    /* bytes requested by those */
    size_t bytes_in_use;        /* small + large + raw bytes in use */
    size_t bytes_mapped;        /* arenas_in_use * arena_size */
    size_t blocks_in_use;       /* small + large + raw blocks: the number a
                                   leak check compares with its baseline */
} MpAllocStats;

/* Fill *stats with the allocator's current figures. */
MP_API void MpAlloc_GetStats(MpAllocStats *stats);
/* Print a table like CPython's sys._debugmallocstats() to 'out'. */
MP_API void MpAlloc_DumpStats(FILE *out);

/* Fault injection: when a hook is set, every allocation request (of every
 * family above) first calls hook(size, arg); a nonzero result makes that
 * request fail with NULL, leaving the allocator consistent.  NULL removes it. */
typedef int (*MpAlloc_FailHook)(size_t size, void *arg);
MP_API void MpAlloc_SetFailHook(MpAlloc_FailHook hook, void *arg);

/* Cap the runtime's memory: a request that would take bytes_in_use (as
 * MpAlloc_GetStats counts it) above 'bytes' fails with NULL, so the code
 * that asked raises MemoryError.  0 removes the cap (the default); no cost
 * while none is set.  A cap turns on the allocator's usage counting (the
 * one MpMem_Peak uses).  A cap below the current use refuses all growth. */
MP_API void MpAlloc_SetLimit(size_t bytes);
MP_API size_t MpAlloc_GetLimit(void);     /* 0: none */

/* ---- Seeing memory (the mem module) ----
 * Bytes in use as the allocator counts them (MpAllocStats.bytes_in_use)
 * and the most there has been: tracemalloc's two numbers.  The peak is
 * kept from the first MpMem_ResetPeak on (importing mem calls it), which
 * makes every small allocation take the allocator's counting slow path;
 * before that MpMem_Peak is MpMem_Current.  From then on the allocator also
 * records the size each small block was asked for (MpAllocStats:
 * blocks_recorded, bytes_requested); blocks handed out earlier stay
 * unrecorded, so an embedder that wants every request calls
 * MpMem_ResetPeak before Mp_Initialize.  Recording costs a table of one
 * byte per 8 bytes of arena (16 in the CPython 3.11 configuration). */
MP_API size_t MpMem_Current(void);
MP_API size_t MpMem_Peak(void);
MP_API void MpMem_ResetPeak(void);

/* The pools of every mapped arena, by state. */
typedef struct {
    size_t untouched;       /* never carved from their arena */
    size_t empty;           /* carved, no block in use */
    size_t used;            /* some blocks in use, some free */
    size_t full;            /* every block in use */
} MpMemPoolStates;
MP_API void MpMem_GetPoolStates(MpMemPoolStates *states);
/* Draw the arenas as text: one row per arena, one character per pool
 * (its size class, or '.' never used, '-' empty) with '#' under a full
 * pool and '+' under one with free blocks. */
MP_API void MpMem_DumpMap(FILE *out);

/* The lifetime trace: one line per event of the kinds in 'flags' is
 * written to 'out' (NULL: stdout), each with the source line of the
 * running frame.  MP_MEM_TRACE_IDS numbers objects in order of birth in
 * place of their addresses.  'type_name' (NULL: every type) keeps only
 * objects of the type of that name ("list", "Point").  flags 0 stops.
 * Returns 0, or -1 (nothing changed) if the name is over 63 bytes. */
#define MP_MEM_TRACE_ALLOC 0x01     /* "alloc list at 0x... (56 B, ...)" */
#define MP_MEM_TRACE_FREE  0x02     /* "free list at 0x... line 7 (...)" */
#define MP_MEM_TRACE_GC    0x04     /* "gc gen0: 12 examined, ..." */
#define MP_MEM_TRACE_CACHE 0x08     /* small-int and interned-str hits */
#define MP_MEM_TRACE_IDS   0x10     /* "#7" in place of "at 0x..." */
MP_API int MpMem_SetTrace(int flags, const char *type_name, FILE *out);
MP_API int MpMem_GetTrace(void);
/* The flags of a list such as "alloc,free,gc" (words: alloc, free, gc,
 * cache, ids), or -1 if a word is unknown. */
MP_API int MpMem_ParseTrace(const char *spec);

/* The stack/heap picture as Graphviz DOT: the running frames (or, when
 * none runs, the globals of __main__) with their names, and the objects
 * those refer to, followed through tp_traverse up to 'depth' (1..50)
 * objects from each name.  Each object shows its type, a short value,
 * its reference count (as sys.getrefcount(x) - 1 gives it in the
 * program), sys.getsizeof, its size class and GC generation.
 * 0, or -1 with an exception set. */
MP_API int MpMem_WriteHeapGraph(FILE *out, int depth);
/* Write the picture to 'path': rendered by Graphviz's dot when the path
 * ends in .svg, .png or .pdf, else as DOT text.  0, or -1 with OSError
 * (or MemoryError) set. */
MP_API int MpMem_SaveHeapGraph(const char *path, int depth);
/* The path of --heap-graph (copied; NULL forgets it): mem.graph() with no
 * path then writes PATH-1.EXT, PATH-2.EXT, ...  0, or -1 out of memory. */
MP_API int MpMem_SetHeapGraphPath(const char *path);
MP_API const char *MpMem_GetHeapGraphPath(void);
/* Write the next numbered picture; a path must be set.  As SaveHeapGraph. */
MP_API int MpMem_SaveNextHeapGraph(int depth);

/* ---- Objects and types ----
 * Every object starts with MpObject: a reference count and a type pointer.
 * Variable-size objects (int, tuple, list) add ob_size.  Objects of GC types
 * carry a 16-byte collector header *before* the MpObject (see gc/gc.h).
 */
typedef struct MpTypeObject MpTypeObject;

typedef struct MpObject {
    Mp_ssize_t ob_refcnt;
    MpTypeObject *ob_type;
} MpObject;

typedef struct MpVarObject {
    MpObject ob_base;
    Mp_ssize_t ob_size;
} MpVarObject;

#define MpObject_HEAD MpObject ob_base;
#define MpObject_VAR_HEAD MpVarObject ob_base;
#define MpObject_HEAD_INIT(type) { 1, (type) },
#define MpVarObject_HEAD_INIT(type, size) { MpObject_HEAD_INIT(type) (size) },

#define MpObject_CAST(op) ((MpObject *)(op))
#define MpVarObject_CAST(op) ((MpVarObject *)(op))
#define Mp_REFCNT(op) (MpObject_CAST(op)->ob_refcnt)
#define Mp_TYPE(op) (MpObject_CAST(op)->ob_type)
#define Mp_SIZE(op) (MpVarObject_CAST(op)->ob_size)
#define Mp_SET_REFCNT(op, n) (Mp_REFCNT(op) = (n))
#define Mp_SET_TYPE(op, t) (Mp_TYPE(op) = (t))
#define Mp_SET_SIZE(op, n) (Mp_SIZE(op) = (n))
#define Mp_IS_TYPE(op, t) (Mp_TYPE(op) == (t))

/* Called when a reference count reaches zero: runs the type's tp_dealloc
 * (through the deep-structure guard).  Use Mp_DECREF, not this. */
MP_API void Mp_Dealloc(MpObject *op);
/* Debug builds (MP_DEBUG): abort with a message naming the object. */
MP_API void Mp_FatalRefcountError(MpObject *op, const char *what);

static inline void
mp_incref(MpObject *op)
{
#ifdef MP_DEBUG
    if (op->ob_refcnt <= 0)
        Mp_FatalRefcountError(op, "Mp_INCREF on a freed object");
#endif
    op->ob_refcnt++;
}

static inline void
mp_decref(MpObject *op)
{
#ifdef MP_DEBUG
    if (op->ob_refcnt <= 0)
        Mp_FatalRefcountError(op, "Mp_DECREF on a freed object "
                              "(negative reference count)");
#endif
    if (--op->ob_refcnt == 0)
        Mp_Dealloc(op);
}

static inline void
mp_xincref(MpObject *op)
{
    if (op != NULL)
        mp_incref(op);
}

static inline void
mp_xdecref(MpObject *op)
{
    if (op != NULL)
        mp_decref(op);
}

static inline MpObject *
mp_newref(MpObject *op)
{
    mp_incref(op);
    return op;
}

static inline MpObject *
mp_xnewref(MpObject *op)
{
    mp_xincref(op);
    return op;
}

#define Mp_INCREF(op) mp_incref(MpObject_CAST(op))
#define Mp_DECREF(op) mp_decref(MpObject_CAST(op))
#define Mp_XINCREF(op) mp_xincref(MpObject_CAST(op))
#define Mp_XDECREF(op) mp_xdecref(MpObject_CAST(op))
#define Mp_NewRef(op) mp_newref(MpObject_CAST(op))
#define Mp_XNewRef(op) mp_xnewref(MpObject_CAST(op))

/* Set *op to NULL *before* dropping the reference: the object's destructor
 * may run arbitrary code that reads the variable again. */
#define Mp_CLEAR(op)                                  \
    do {                                              \
        MpObject *mp_clear_tmp_ = MpObject_CAST(op);  \
        if (mp_clear_tmp_ != NULL) {                  \
            (op) = NULL;                              \
            Mp_DECREF(mp_clear_tmp_);                 \
        }                                             \
    } while (0)

/* Replace *dst by src, dropping the old value after the store. */
#define Mp_SETREF(dst, src)                           \
    do {                                              \
        MpObject *mp_setref_tmp_ = MpObject_CAST(dst);\
        (dst) = (src);                                \
        Mp_DECREF(mp_setref_tmp_);                    \
    } while (0)
#define Mp_XSETREF(dst, src)                          \
    do {                                              \
        MpObject *mp_setref_tmp_ = MpObject_CAST(dst);\
        (dst) = (src);                                \
        Mp_XDECREF(mp_setref_tmp_);                   \
    } while (0)

/* ---- Slot function types (as CPython's) ---- */
/* A program may include CPython's Python.h as well (before this header):
 * its slot types have the same names, so ours are spelled with an mp_
 * prefix inside this header then, and the names are CPython's again
 * after it. */
#ifdef Py_PYTHON_H
#  define MP_SLOT_NAMES_PREFIXED
#  define destructor mp_destructor
#  define reprfunc mp_reprfunc
#  define hashfunc mp_hashfunc
#  define richcmpfunc mp_richcmpfunc
#  define visitproc mp_visitproc
#  define traverseproc mp_traverseproc
#  define inquiry mp_inquiry
#  define unaryfunc mp_unaryfunc
#  define binaryfunc mp_binaryfunc
#  define ternaryfunc mp_ternaryfunc
#  define lenfunc mp_lenfunc
#  define ssizeargfunc mp_ssizeargfunc
#  define ssizeobjargproc mp_ssizeobjargproc
#  define objobjargproc mp_objobjargproc
#  define objobjproc mp_objobjproc
#  define getattrofunc mp_getattrofunc
#  define setattrofunc mp_setattrofunc
#  define getiterfunc mp_getiterfunc
#  define iternextfunc mp_iternextfunc
#  define descrgetfunc mp_descrgetfunc
#  define descrsetfunc mp_descrsetfunc
#  define initproc mp_initproc
#  define newfunc mp_newfunc
#  define allocfunc mp_allocfunc
#  define freefunc mp_freefunc
#  define vectorcallfunc mp_vectorcallfunc
#  define getter mp_getter
#  define setter mp_setter
#endif
typedef void (*destructor)(MpObject *);
typedef MpObject *(*reprfunc)(MpObject *);
typedef Mp_hash_t (*hashfunc)(MpObject *);
typedef MpObject *(*richcmpfunc)(MpObject *, MpObject *, int);
typedef int (*visitproc)(MpObject *, void *);
typedef int (*traverseproc)(MpObject *, visitproc, void *);
typedef int (*inquiry)(MpObject *);
typedef MpObject *(*unaryfunc)(MpObject *);
typedef MpObject *(*binaryfunc)(MpObject *, MpObject *);
typedef MpObject *(*ternaryfunc)(MpObject *, MpObject *, MpObject *);
typedef Mp_ssize_t (*lenfunc)(MpObject *);
typedef MpObject *(*ssizeargfunc)(MpObject *, Mp_ssize_t);
typedef int (*ssizeobjargproc)(MpObject *, Mp_ssize_t, MpObject *);
typedef int (*objobjargproc)(MpObject *, MpObject *, MpObject *);
typedef int (*objobjproc)(MpObject *, MpObject *);
typedef MpObject *(*getattrofunc)(MpObject *, MpObject *);
typedef int (*setattrofunc)(MpObject *, MpObject *, MpObject *);
typedef MpObject *(*getiterfunc)(MpObject *);
typedef MpObject *(*iternextfunc)(MpObject *);
typedef MpObject *(*descrgetfunc)(MpObject *, MpObject *, MpObject *);
typedef int (*descrsetfunc)(MpObject *, MpObject *, MpObject *);
typedef int (*initproc)(MpObject *, MpObject *, MpObject *);
typedef MpObject *(*newfunc)(MpTypeObject *, MpObject *, MpObject *);
typedef MpObject *(*allocfunc)(MpTypeObject *, Mp_ssize_t);
typedef void (*freefunc)(void *);
/* args[0..nargs-1] are positional; when kwnames (a tuple of str) is not
 * NULL, the keyword values follow in args[nargs..].  Bit
 * MP_VECTORCALL_ARGUMENTS_OFFSET of nargsf allows the callee to use args[-1]
 * as scratch space (for prepending 'self'); MpVectorcall_NARGS strips it. */
typedef MpObject *(*vectorcallfunc)(MpObject *callable, MpObject *const *args,
                                    size_t nargsf, MpObject *kwnames);
#define MP_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
#define MpVectorcall_NARGS(n) \
    ((Mp_ssize_t)((n) & ~MP_VECTORCALL_ARGUMENTS_OFFSET))

/* Calling the same visit on each member: the body of every tp_traverse. */
#define Mp_VISIT(op)                                          \
    do {                                                      \
        if (op) {                                             \
            int mp_visit_rc_ = visit(MpObject_CAST(op), arg); \
            if (mp_visit_rc_)                                 \
                return mp_visit_rc_;                          \
        }                                                     \
    } while (0)

typedef struct {
    binaryfunc nb_add;
    binaryfunc nb_subtract;
    binaryfunc nb_multiply;
    binaryfunc nb_remainder;
    binaryfunc nb_divmod;
    ternaryfunc nb_power;
    unaryfunc nb_negative;
    unaryfunc nb_positive;
    unaryfunc nb_absolute;
    inquiry nb_bool;
    unaryfunc nb_invert;
    binaryfunc nb_lshift;
    binaryfunc nb_rshift;
    binaryfunc nb_and;
    binaryfunc nb_xor;
    binaryfunc nb_or;
    unaryfunc nb_int;
    unaryfunc nb_float;
    binaryfunc nb_inplace_add;
    binaryfunc nb_inplace_subtract;
    binaryfunc nb_inplace_multiply;
    binaryfunc nb_inplace_remainder;
    ternaryfunc nb_inplace_power;
    binaryfunc nb_inplace_lshift;
    binaryfunc nb_inplace_rshift;
    binaryfunc nb_inplace_and;
    binaryfunc nb_inplace_xor;
    binaryfunc nb_inplace_or;
    binaryfunc nb_floor_divide;
    binaryfunc nb_true_divide;
    binaryfunc nb_inplace_floor_divide;
    binaryfunc nb_inplace_true_divide;
    unaryfunc nb_index;
} MpNumberMethods;

typedef struct {
    lenfunc sq_length;
    binaryfunc sq_concat;
    ssizeargfunc sq_repeat;
    ssizeargfunc sq_item;
    ssizeobjargproc sq_ass_item;
    objobjproc sq_contains;
    binaryfunc sq_inplace_concat;
    ssizeargfunc sq_inplace_repeat;
} MpSequenceMethods;

typedef struct {
    lenfunc mp_length;
    binaryfunc mp_subscript;
    objobjargproc mp_ass_subscript;
} MpMappingMethods;

/* C functions and methods.  ml_meth is cast according to ml_flags:
 *   MP_METH_NOARGS               MpCFunction (self, NULL)
 *   MP_METH_O                    MpCFunction (self, arg)
 *   MP_METH_VARARGS              MpCFunction (self, args tuple)
 *   MP_METH_VARARGS|KEYWORDS     MpCFunctionWithKeywords (self, args, kwargs)
 *   MP_METH_FASTCALL             MpCFunctionFast (self, args, nargs)
 *   MP_METH_FASTCALL|KEYWORDS    MpCFunctionFastWithKeywords
 *                                (self, args, nargs, kwnames)
 * MP_METH_CLASS / MP_METH_STATIC make class / static methods. */
typedef MpObject *(*MpCFunction)(MpObject *, MpObject *);
typedef MpObject *(*MpCFunctionWithKeywords)(MpObject *, MpObject *,
                                             MpObject *);
typedef MpObject *(*MpCFunctionFast)(MpObject *self, MpObject *const *args,
                                     Mp_ssize_t nargs);
typedef MpObject *(*MpCFunctionFastWithKeywords)(MpObject *self,
                                                 MpObject *const *args,
                                                 Mp_ssize_t nargs,
                                                 MpObject *kwnames);
#define MP_METH_VARARGS  0x0001
#define MP_METH_KEYWORDS 0x0002
#define MP_METH_NOARGS   0x0004
#define MP_METH_O        0x0008
#define MP_METH_CLASS    0x0010
#define MP_METH_STATIC   0x0020
#define MP_METH_FASTCALL 0x0080

typedef struct MpMethodDef {
    const char *ml_name;
    MpCFunction ml_meth;
    int ml_flags;
    const char *ml_doc;
} MpMethodDef;

/* Attributes stored at a fixed offset in the object. */
#define MP_T_INT       1
#define MP_T_OBJECT    6    /* NULL reads as None */
#define MP_T_BOOL      14
#define MP_T_OBJECT_EX 16   /* NULL raises AttributeError */
#define MP_T_PYSSIZET  19
#define MP_READONLY    1

typedef struct MpMemberDef {
    const char *name;
    int type;
    Mp_ssize_t offset;
    int flags;
    const char *doc;
} MpMemberDef;

typedef MpObject *(*getter)(MpObject *, void *);
typedef int (*setter)(MpObject *, MpObject *, void *);

typedef struct MpGetSetDef {
    const char *name;
    getter get;
    setter set;
    const char *doc;
    void *closure;
} MpGetSetDef;

/* The type object.  Static types are defined with designated initialisers
 * and MpType_Ready; classes made by Python code are heap types. */
struct MpTypeObject {
    MpObject_VAR_HEAD
    const char *tp_name;          /* "int", or "module.Name" */
    Mp_ssize_t tp_basicsize;      /* bytes of the fixed part */
    Mp_ssize_t tp_itemsize;       /* bytes per item (var-size objects) */
    destructor tp_dealloc;
    Mp_ssize_t tp_vectorcall_offset; /* where an instance keeps its
                                        vectorcallfunc, or 0 */
    reprfunc tp_repr;
    MpNumberMethods *tp_as_number;
    MpSequenceMethods *tp_as_sequence;
    MpMappingMethods *tp_as_mapping;
    hashfunc tp_hash;
    ternaryfunc tp_call;
    reprfunc tp_str;
    getattrofunc tp_getattro;
    setattrofunc tp_setattro;
    unsigned long tp_flags;
    const char *tp_doc;
    traverseproc tp_traverse;
    inquiry tp_clear;
    richcmpfunc tp_richcompare;
    getiterfunc tp_iter;
    iternextfunc tp_iternext;
    MpMethodDef *tp_methods;
    MpMemberDef *tp_members;
    MpGetSetDef *tp_getset;
    MpTypeObject *tp_base;
    MpObject *tp_dict;            /* attributes; built by MpType_Ready */
    descrgetfunc tp_descr_get;
    descrsetfunc tp_descr_set;
    Mp_ssize_t tp_dictoffset;     /* offset of the instance dict pointer */
    initproc tp_init;
    allocfunc tp_alloc;
    newfunc tp_new;
    freefunc tp_free;
    MpObject *tp_mro;             /* tuple: the type, its base, ... object */
    destructor tp_finalize;       /* PEP 442: may resurrect; runs once */
    vectorcallfunc tp_vectorcall; /* calling the type object itself */
    unsigned int tp_version_tag;  /* changes when the type's dict changes */
};

/* tp_flags */
#define MP_TPFLAGS_DEFAULT              0UL
/* Instances keep their attributes in an array until __dict__ is asked
 * for (set by the class statement; CPython 3.11's MANAGED_DICT). */
#define MP_TPFLAGS_INLINE_VALUES        (1UL << 4)
#define MP_TPFLAGS_HEAPTYPE             (1UL << 9)
#define MP_TPFLAGS_BASETYPE             (1UL << 10)
#define MP_TPFLAGS_HAVE_VECTORCALL      (1UL << 11)
#define MP_TPFLAGS_READY                (1UL << 12)
#define MP_TPFLAGS_READYING             (1UL << 13)
#define MP_TPFLAGS_HAVE_GC              (1UL << 14)
#define MP_TPFLAGS_METHOD_DESCRIPTOR    (1UL << 17)
#define MP_TPFLAGS_LONG_SUBCLASS        (1UL << 24)
#define MP_TPFLAGS_LIST_SUBCLASS        (1UL << 25)
#define MP_TPFLAGS_TUPLE_SUBCLASS       (1UL << 26)
#define MP_TPFLAGS_UNICODE_SUBCLASS     (1UL << 28)
#define MP_TPFLAGS_DICT_SUBCLASS        (1UL << 29)
#define MP_TPFLAGS_BASE_EXC_SUBCLASS    (1UL << 30)
#define MP_TPFLAGS_TYPE_SUBCLASS        (1UL << 31)

#define MpType_HasFeature(t, f) (((t)->tp_flags & (f)) != 0)
#define MpType_FastSubclass(t, f) MpType_HasFeature(t, f)
#define MpObject_IS_GC(op) MpType_HasFeature(Mp_TYPE(op), MP_TPFLAGS_HAVE_GC)

MP_API extern MpTypeObject MpType_Type;       /* type */
MP_API extern MpTypeObject MpBaseObject_Type; /* object */

/* Finish a statically defined type: inherit slots from tp_base (object by
 * default) and build tp_dict from tp_methods, tp_members, tp_getset and the
 * slots.  0 on success, -1 with an exception set. */
MP_API int MpType_Ready(MpTypeObject *type);
/* 1 if a is b or a subclass of b, else 0. */
MP_API int MpType_IsSubtype(MpTypeObject *a, MpTypeObject *b);
/* Generic tp_alloc: zeroed memory for 'nitems', header set, GC-tracked if
 * the type is a GC type.  New reference. */
MP_API MpObject *MpType_GenericAlloc(MpTypeObject *type, Mp_ssize_t nitems);
/* Generic tp_new: calls type->tp_alloc(type, 0).  New reference. */
MP_API MpObject *MpType_GenericNew(MpTypeObject *type, MpObject *args,
                                   MpObject *kwds);
#define MpType_Check(op) \
    MpType_FastSubclass(Mp_TYPE(op), MP_TPFLAGS_TYPE_SUBCLASS)

/* Allocation of objects of non-GC types: memory from MpObject_Malloc with
 * the header initialised (refcount 1).  New reference, or NULL with
 * MemoryError set. */
MP_API MpObject *MpObject_NewFromType(MpTypeObject *type);
MP_API MpVarObject *MpObject_NewVarFromType(MpTypeObject *type,
                                            Mp_ssize_t nitems);
/* Initialise the header of memory obtained elsewhere.  Returns op. */
MP_API MpObject *MpObject_Init(MpObject *op, MpTypeObject *type);
MP_API MpVarObject *MpObject_InitVar(MpVarObject *op, MpTypeObject *type,
                                     Mp_ssize_t size);
/* Free the memory of a non-GC object (no destructor runs). */
MP_API void MpObject_Del(void *op);
#define MpObject_New(TYPE, typeobj) ((TYPE *)MpObject_NewFromType(typeobj))
#define MpObject_NewVar(TYPE, typeobj, n) \
    ((TYPE *)MpObject_NewVarFromType((typeobj), (n)))

/* ---- The cycle collector's object interface ----
 * GC objects are allocated with a collector header in front.  They are born
 * untracked: track them once fully built ("track last"), untrack them first
 * thing in tp_dealloc ("untrack first"). */
MP_API MpObject *MpObject_GC_NewFromType(MpTypeObject *type);
MP_API MpVarObject *MpObject_GC_NewVarFromType(MpTypeObject *type,
                                               Mp_ssize_t nitems);
#define MpObject_GC_New(TYPE, typeobj) \
    ((TYPE *)MpObject_GC_NewFromType(typeobj))
#define MpObject_GC_NewVar(TYPE, typeobj, n) \
    ((TYPE *)MpObject_GC_NewVarFromType((typeobj), (n)))
MP_API void MpObject_GC_Track(void *op);
MP_API void MpObject_GC_UnTrack(void *op);
MP_API void MpObject_GC_Del(void *op);
MP_API int MpObject_GC_IsTracked(MpObject *op);
MP_API int MpObject_GC_IsFinalized(MpObject *op);

/* ---- Singletons ---- */
MP_API extern MpObject Mp_NoneStruct;
MP_API extern MpObject Mp_NotImplementedStruct;
MP_API extern MpTypeObject MpNone_Type;
MP_API extern MpTypeObject MpNotImplemented_Type;
#define Mp_None (&Mp_NoneStruct)
#define Mp_NotImplemented (&Mp_NotImplementedStruct)
#define Mp_IsNone(op) ((op) == Mp_None)
#define Mp_Is(a, b) ((a) == (b))
#define Mp_RETURN_NONE return Mp_NewRef(Mp_None)
#define Mp_RETURN_NOTIMPLEMENTED return Mp_NewRef(Mp_NotImplemented)

/* Rich comparison operators (the values CPython uses). */
#define Mp_LT 0
#define Mp_LE 1
#define Mp_EQ 2
#define Mp_NE 3
#define Mp_GT 4
#define Mp_GE 5

/* ---- The generic object protocol ---- */
MP_API MpObject *MpObject_Repr(MpObject *o);                /* New. */
MP_API MpObject *MpObject_Str(MpObject *o);                 /* New. */
MP_API Mp_hash_t MpObject_Hash(MpObject *o);  /* -1 on error */
/* TypeError "unhashable type: 'list'"; the tp_hash of unhashable types. */
MP_API Mp_hash_t MpObject_HashNotImplemented(MpObject *o);
MP_API MpObject *MpObject_RichCompare(MpObject *a, MpObject *b,
                                      int op);              /* New. */
/* 1, 0, or -1 on error.  Identity implies equality for Mp_EQ / Mp_NE. */
MP_API int MpObject_RichCompareBool(MpObject *a, MpObject *b, int op);
MP_API int MpObject_IsTrue(MpObject *o);      /* 1, 0, -1 */
MP_API int MpObject_Not(MpObject *o);         /* 1, 0, -1 */
MP_API Mp_ssize_t MpObject_Length(MpObject *o); /* -1 on error */
#define MpObject_Size MpObject_Length
MP_API MpObject *MpObject_GetItem(MpObject *o, MpObject *key);  /* New. */
MP_API int MpObject_SetItem(MpObject *o, MpObject *key, MpObject *v);
MP_API int MpObject_DelItem(MpObject *o, MpObject *key);
MP_API MpObject *MpObject_GetAttr(MpObject *o, MpObject *name); /* New. */
MP_API MpObject *MpObject_GetAttrString(MpObject *o,
                                        const char *name);      /* New. */
MP_API int MpObject_SetAttr(MpObject *o, MpObject *name, MpObject *v);
MP_API int MpObject_SetAttrString(MpObject *o, const char *name,
                                  MpObject *v);
MP_API int MpObject_DelAttr(MpObject *o, MpObject *name);
MP_API int MpObject_HasAttr(MpObject *o, MpObject *name);      /* 1/0 */
MP_API MpObject *MpObject_GenericGetAttr(MpObject *o,
                                         MpObject *name);       /* New. */
MP_API int MpObject_GenericSetAttr(MpObject *o, MpObject *name,
                                   MpObject *v);
/* The instance dict (created on demand) of an object whose type has
 * tp_dictoffset.  New reference, or NULL with AttributeError. */
MP_API MpObject *MpObject_GenericGetDict(MpObject *o, void *context);
MP_API MpObject *MpObject_Type(MpObject *o);                   /* New. */
MP_API int MpObject_IsInstance(MpObject *o, MpObject *cls); /* 1/0/-1 */
MP_API int MpObject_IsSubclass(MpObject *derived, MpObject *cls);
static inline int
MpObject_TypeCheck(MpObject *o, MpTypeObject *type)
{
    return Mp_IS_TYPE(o, type) || MpType_IsSubtype(Mp_TYPE(o), type);
}
#define MpObject_TypeCheck(o, t) MpObject_TypeCheck(MpObject_CAST(o), (t))
/* What sys.getsizeof returns: __sizeof__() plus the collector header for
 * GC types.  -1 with an exception set on error. */
MP_API Mp_ssize_t MpObject_GetSizeOf(MpObject *o);
/* Write repr(o) (or str(o) with flags MP_PRINT_RAW) to fp.  0 or -1. */
#define MP_PRINT_RAW 1
MP_API int MpObject_Print(MpObject *o, FILE *fp, int flags);
/* id(o) and the default hash of objects compared by identity. */
MP_API Mp_hash_t Mp_HashPointer(const void *p);
MP_API MpObject *MpObject_SelfIter(MpObject *o);              /* New. */
MP_API MpObject *MpObject_GetIter(MpObject *o);               /* New. */
/* The next item (New), or NULL: with an exception set on error, without
 * one when the iterator is exhausted (StopIteration is swallowed). */
MP_API MpObject *MpIter_Next(MpObject *iter);
MP_API int MpIter_Check(MpObject *o);
/* dir()-free helpers used by repr of containers: 0 if o is new on the
 * stack of objects being repr'd, 1 if it is already there ("[...]"),
 * -1 on error; MpRepr_Leave pops it. */
MP_API int MpRepr_Enter(MpObject *o);
MP_API void MpRepr_Leave(MpObject *o);

/* ---- Calling ---- */
/* callable(*args, **kwargs); args is a tuple, kwargs a dict or NULL. New. */
MP_API MpObject *MpObject_Call(MpObject *callable, MpObject *args,
                               MpObject *kwargs);
MP_API MpObject *MpObject_CallNoArgs(MpObject *callable);     /* New. */
MP_API MpObject *MpObject_CallOneArg(MpObject *callable,
                                     MpObject *arg);          /* New. */
MP_API MpObject *MpObject_Vectorcall(MpObject *callable,
                                     MpObject *const *args, size_t nargsf,
                                     MpObject *kwnames);      /* New. */
/* Call a method by name: obj.name(*args).  New. */
MP_API MpObject *MpObject_CallMethod(MpObject *obj, const char *name,
                                     MpObject *const *args,
                                     Mp_ssize_t nargs);
MP_API MpObject *MpObject_CallMethodNoArgs(MpObject *obj,
                                           MpObject *name);   /* New. */
MP_API MpObject *MpObject_CallMethodOneArg(MpObject *obj, MpObject *name,
                                           MpObject *arg);    /* New. */
MP_API int MpCallable_Check(MpObject *o);
/* TypeError unless min <= nargs <= max ("len() takes exactly one argument
 * (2 given)" and CPython's other wordings).  0 or -1. */
MP_API int MpArg_CheckPositional(const char *name, Mp_ssize_t nargs,
                                 Mp_ssize_t min, Mp_ssize_t max);
/* TypeError "f() takes no keyword arguments" when kwnames/kwargs is
 * non-empty.  0 or -1. */
MP_API int MpArg_NoKwnames(const char *name, MpObject *kwnames);
MP_API int MpArg_NoKeywords(const char *name, MpObject *kwargs);

/* ---- Number, sequence and mapping protocols (all New references) ---- */
MP_API MpObject *MpNumber_Add(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Subtract(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Multiply(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_TrueDivide(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_FloorDivide(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Remainder(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Divmod(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Power(MpObject *a, MpObject *b, MpObject *mod);
MP_API MpObject *MpNumber_Lshift(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Rshift(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_And(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Or(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Xor(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceAdd(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceSubtract(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceMultiply(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceTrueDivide(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceFloorDivide(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceRemainder(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlacePower(MpObject *a, MpObject *b,
                                       MpObject *mod);
MP_API MpObject *MpNumber_InPlaceLshift(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceRshift(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceAnd(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceOr(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_InPlaceXor(MpObject *a, MpObject *b);
MP_API MpObject *MpNumber_Negative(MpObject *o);
MP_API MpObject *MpNumber_Positive(MpObject *o);
MP_API MpObject *MpNumber_Absolute(MpObject *o);
MP_API MpObject *MpNumber_Invert(MpObject *o);
MP_API MpObject *MpNumber_Index(MpObject *o);  /* an exact int or error */
MP_API MpObject *MpNumber_Long(MpObject *o);   /* int(o) */
MP_API MpObject *MpNumber_Float(MpObject *o);  /* float(o) */
/* o.__index__() as Mp_ssize_t; on overflow raise 'exc' (or clamp when
 * exc is NULL).  -1 with an exception set on error. */
MP_API Mp_ssize_t MpNumber_AsSsize_t(MpObject *o, MpObject *exc);
MP_API int MpIndex_Check(MpObject *o);

MP_API int MpSequence_Check(MpObject *o);
MP_API Mp_ssize_t MpSequence_Length(MpObject *o);
MP_API MpObject *MpSequence_GetItem(MpObject *o, Mp_ssize_t i);  /* New. */
MP_API int MpSequence_Contains(MpObject *seq, MpObject *item); /* 1/0/-1 */
MP_API MpObject *MpSequence_Tuple(MpObject *o);                 /* New. */
MP_API MpObject *MpSequence_List(MpObject *o);                  /* New. */
MP_API int MpMapping_Check(MpObject *o);
MP_API Mp_ssize_t MpMapping_Length(MpObject *o);
MP_API MpObject *MpMapping_Keys(MpObject *o);                   /* New. */
MP_API MpObject *MpMapping_Items(MpObject *o);                  /* New. */

/* ---- int ----
 * Arbitrary precision, 30-bit digits like CPython.  -5..256 are cached:
 * each such value is one object. */
MP_API extern MpTypeObject MpLong_Type;
#define MpLong_Check(op) \
    MpType_FastSubclass(Mp_TYPE(op), MP_TPFLAGS_LONG_SUBCLASS)
#define MpLong_CheckExact(op) Mp_IS_TYPE(op, &MpLong_Type)
MP_API MpObject *MpLong_FromLong(long v);                        /* New. */
MP_API MpObject *MpLong_FromUnsignedLong(unsigned long v);       /* New. */
MP_API MpObject *MpLong_FromLongLong(long long v);               /* New. */
MP_API MpObject *MpLong_FromSsize_t(Mp_ssize_t v);               /* New. */
MP_API MpObject *MpLong_FromSize_t(size_t v);                    /* New. */
MP_API MpObject *MpLong_FromDouble(double v);                    /* New. */
/* Parse str (leading/trailing whitespace, sign, '_' separators, base
 * prefixes when base is 0 or matches).  *pend, if given, points past the
 * digits.  ValueError "invalid literal for int() with base 10: 'x'". New. */
MP_API MpObject *MpLong_FromString(const char *str, char **pend, int base);
MP_API MpObject *MpLong_FromUnicodeObject(MpObject *u, int base); /* New. */
/* -1 with OverflowError "Python int too large to convert to C long". */
MP_API long MpLong_AsLong(MpObject *o);
MP_API long MpLong_AsLongAndOverflow(MpObject *o, int *overflow);
MP_API long long MpLong_AsLongLong(MpObject *o);
MP_API Mp_ssize_t MpLong_AsSsize_t(MpObject *o);
MP_API size_t MpLong_AsSize_t(MpObject *o);
MP_API unsigned long MpLong_AsUnsignedLong(MpObject *o);
MP_API double MpLong_AsDouble(MpObject *o);
/* str(o) in the given base (2..36), with 0b/0o/0x prefixes for 2/8/16 when
 * 'alternate'. New. */
MP_API MpObject *MpLong_Format(MpObject *o, int base, int alternate);
MP_API int MpLong_Sign(MpObject *o);   /* -1, 0, 1 */
MP_API size_t MpLong_NumBits(MpObject *o);

/* ---- bool ---- */
typedef struct MpLongObject MpLongObject;
MP_API extern MpTypeObject MpBool_Type;
MP_API extern struct MpLongObject Mp_FalseStruct;
MP_API extern struct MpLongObject Mp_TrueStruct;
#define Mp_False ((MpObject *)&Mp_FalseStruct)
#define Mp_True ((MpObject *)&Mp_TrueStruct)
#define Mp_IsTrue(x) ((x) == Mp_True)
#define Mp_IsFalse(x) ((x) == Mp_False)
#define MpBool_Check(op) Mp_IS_TYPE(op, &MpBool_Type)
#define Mp_RETURN_TRUE return Mp_NewRef(Mp_True)
#define Mp_RETURN_FALSE return Mp_NewRef(Mp_False)
MP_API MpObject *MpBool_FromLong(long v);                        /* New. */

/* ---- float ---- */
MP_API extern MpTypeObject MpFloat_Type;
#define MpFloat_Check(op) MpObject_TypeCheck(op, &MpFloat_Type)
#define MpFloat_CheckExact(op) Mp_IS_TYPE(op, &MpFloat_Type)
MP_API MpObject *MpFloat_FromDouble(double v);                   /* New. */
/* Parse a float literal ("1.5", " -inf ", "1e10", "nan"); ValueError
 * "could not convert string to float: 'x'".  New. */
MP_API MpObject *MpFloat_FromString(MpObject *str);
/* -1.0 with an exception set on error (TypeError for non-numbers). */
MP_API double MpFloat_AsDouble(MpObject *o);
/* repr(float) as CPython writes it: the shortest string that reads back
 * as the same double.  Writes into buf (at least 32 bytes). */
MP_API void MpOS_double_to_repr(double v, char *buf, size_t bufsize);

/* ---- str ----
 * Immutable text stored as UTF-8 with code-point length and indexing.
 * The hash is keyed SipHash-1-3 (MINIPYHASHSEED=N fixes the key, 0 turns
 * randomization off), cached in the object. */
MP_API extern MpTypeObject MpUnicode_Type;
#define MpUnicode_Check(op) \
    MpType_FastSubclass(Mp_TYPE(op), MP_TPFLAGS_UNICODE_SUBCLASS)
#define MpUnicode_CheckExact(op) Mp_IS_TYPE(op, &MpUnicode_Type)
/* From UTF-8 (must be valid UTF-8: UnicodeDecodeError otherwise).  New. */
MP_API MpObject *MpUnicode_FromString(const char *u);
MP_API MpObject *MpUnicode_FromStringAndSize(const char *u, Mp_ssize_t n);
/* printf-like: %s %d %i %u %ld %lu %zd %zu %x %c %p %% and %R (repr of an
 * object) %S (str of an object) %U (a str object) %A.  New. */
MP_API MpObject *MpUnicode_FromFormat(const char *format, ...);
MP_API MpObject *MpUnicode_FromFormatV(const char *format, va_list va);
MP_API MpObject *MpUnicode_FromOrdinal(int ordinal);             /* New. */
/* The UTF-8 bytes, NUL-terminated, owned by the object. */
MP_API const char *MpUnicode_AsUTF8(MpObject *unicode);
MP_API const char *MpUnicode_AsUTF8AndSize(MpObject *unicode,
                                           Mp_ssize_t *size);
MP_API Mp_ssize_t MpUnicode_GetLength(MpObject *unicode); /* code points */
MP_API MpObject *MpUnicode_Concat(MpObject *left, MpObject *right); /* New. */
/* Steals the old *pleft, stores left+right or NULL on error. */
MP_API void MpUnicode_Append(MpObject **pleft, MpObject *right);
MP_API MpObject *MpUnicode_Join(MpObject *sep, MpObject *seq);  /* New. */
MP_API MpObject *MpUnicode_Split(MpObject *s, MpObject *sep,
                                 Mp_ssize_t maxsplit);          /* New. */
MP_API MpObject *MpUnicode_Substring(MpObject *s, Mp_ssize_t start,
                                     Mp_ssize_t end);           /* New. */
MP_API int MpUnicode_Compare(MpObject *a, MpObject *b);  /* <0, 0, >0 */
MP_API int MpUnicode_CompareWithASCIIString(MpObject *a, const char *b);
MP_API int MpUnicode_EqualToUTF8(MpObject *a, const char *b);   /* 1/0 */
MP_API Mp_ssize_t MpUnicode_Find(MpObject *s, MpObject *sub,
                                 Mp_ssize_t start, Mp_ssize_t end,
                                 int direction);  /* -1 not found, -2 err */
MP_API int MpUnicode_Contains(MpObject *container, MpObject *element);
MP_API MpObject *MpUnicode_Format(MpObject *format, MpObject *args);
/* format(obj, spec) with the format-spec mini-language.  New. */
MP_API MpObject *MpObject_Format(MpObject *obj, MpObject *format_spec);
/* Interning: one object per content.  InternInPlace replaces *p by the
 * interned copy (taking care of the references); Intern* return New. */
MP_API void MpUnicode_InternInPlace(MpObject **p);
MP_API MpObject *MpUnicode_InternFromString(const char *u);
MP_API int MpUnicode_IsInterned(MpObject *s);

/* ---- tuple ---- */
MP_API extern MpTypeObject MpTuple_Type;
#define MpTuple_Check(op) \
    MpType_FastSubclass(Mp_TYPE(op), MP_TPFLAGS_TUPLE_SUBCLASS)
#define MpTuple_CheckExact(op) Mp_IS_TYPE(op, &MpTuple_Type)
/* New tuple of n NULL slots, to be filled with MpTuple_SetItem.  New. */
MP_API MpObject *MpTuple_New(Mp_ssize_t n);
MP_API MpObject *MpTuple_Pack(Mp_ssize_t n, ...);  /* New; refs not stolen */
MP_API MpObject *MpTuple_GetItem(MpObject *t, Mp_ssize_t i); /* Borrowed. */
MP_API int MpTuple_SetItem(MpObject *t, Mp_ssize_t i, MpObject *v);/* Steals v*/
MP_API Mp_ssize_t MpTuple_Size(MpObject *t);
MP_API MpObject *MpTuple_GetSlice(MpObject *t, Mp_ssize_t lo,
                                  Mp_ssize_t hi);               /* New. */

/* ---- list ---- */
MP_API extern MpTypeObject MpList_Type;
#define MpList_Check(op) \
    MpType_FastSubclass(Mp_TYPE(op), MP_TPFLAGS_LIST_SUBCLASS)
#define MpList_CheckExact(op) Mp_IS_TYPE(op, &MpList_Type)
/* New list of n NULL slots (fill with MpList_SetItem) .  New. */
MP_API MpObject *MpList_New(Mp_ssize_t n);
MP_API int MpList_Append(MpObject *l, MpObject *v);   /* v not stolen */
MP_API int MpList_Insert(MpObject *l, Mp_ssize_t i, MpObject *v);
MP_API MpObject *MpList_GetItem(MpObject *l, Mp_ssize_t i); /* Borrowed. */
MP_API int MpList_SetItem(MpObject *l, Mp_ssize_t i, MpObject *v);/*Steals v*/
MP_API Mp_ssize_t MpList_Size(MpObject *l);
MP_API MpObject *MpList_GetSlice(MpObject *l, Mp_ssize_t lo,
                                 Mp_ssize_t hi);                /* New. */
MP_API int MpList_SetSlice(MpObject *l, Mp_ssize_t lo, Mp_ssize_t hi,
                           MpObject *v);  /* v NULL deletes */
MP_API int MpList_Sort(MpObject *l);
MP_API int MpList_Reverse(MpObject *l);
MP_API MpObject *MpList_AsTuple(MpObject *l);                   /* New. */

/* ---- dict (insertion ordered) ---- */
MP_API extern MpTypeObject MpDict_Type;
#define MpDict_Check(op) \
    MpType_FastSubclass(Mp_TYPE(op), MP_TPFLAGS_DICT_SUBCLASS)
#define MpDict_CheckExact(op) Mp_IS_TYPE(op, &MpDict_Type)
MP_API MpObject *MpDict_New(void);                              /* New. */
/* Key and value are not stolen. */
MP_API int MpDict_SetItem(MpObject *d, MpObject *key, MpObject *v);
MP_API int MpDict_SetItemString(MpObject *d, const char *key, MpObject *v);
/* Borrowed; NULL when missing, and errors are swallowed. */
MP_API MpObject *MpDict_GetItem(MpObject *d, MpObject *key);
MP_API MpObject *MpDict_GetItemString(MpObject *d, const char *key);
/* Borrowed; NULL without an exception when missing, with one on error. */
MP_API MpObject *MpDict_GetItemWithError(MpObject *d, MpObject *key);
MP_API int MpDict_DelItem(MpObject *d, MpObject *key);  /* KeyError */
MP_API int MpDict_DelItemString(MpObject *d, const char *key);
MP_API int MpDict_Contains(MpObject *d, MpObject *key); /* 1/0/-1 */
MP_API Mp_ssize_t MpDict_Size(MpObject *d);
/* Iterate: pos starts at 0; *key and *value are Borrowed.  Returns 0 at
 * the end.  The dict must not change size during the iteration. */
MP_API int MpDict_Next(MpObject *d, Mp_ssize_t *pos, MpObject **key,
                       MpObject **value);
MP_API MpObject *MpDict_Keys(MpObject *d);    /* New list. */
MP_API MpObject *MpDict_Values(MpObject *d);  /* New list. */
MP_API MpObject *MpDict_Items(MpObject *d);   /* New list of 2-tuples. */
MP_API void MpDict_Clear(MpObject *d);
MP_API MpObject *MpDict_Copy(MpObject *d);    /* New. */
/* Update a from b (a mapping, or with override 0 keep a's values). */
MP_API int MpDict_Merge(MpObject *a, MpObject *b, int override);
MP_API int MpDict_Update(MpObject *a, MpObject *b);
/* d.setdefault(key, deflt): Borrowed. */
MP_API MpObject *MpDict_SetDefault(MpObject *d, MpObject *key,
                                   MpObject *deflt);

/* ---- slice and range ---- */
MP_API extern MpTypeObject MpSlice_Type;
MP_API extern MpTypeObject MpRange_Type;
MP_API extern MpObject Mp_EllipsisObject;
#define Mp_Ellipsis (&Mp_EllipsisObject)
#define MpSlice_Check(op) Mp_IS_TYPE(op, &MpSlice_Type)
/* start, stop, step may be NULL (None).  Not stolen.  New. */
MP_API MpObject *MpSlice_New(MpObject *start, MpObject *stop,
                             MpObject *step);
/* Clip a slice to a sequence of 'length': fills start/stop/step and
 * returns the slice length, or -1 with an exception set. */
MP_API Mp_ssize_t MpSlice_GetIndicesEx(MpObject *slice, Mp_ssize_t length,
                                       Mp_ssize_t *start, Mp_ssize_t *stop,
                                       Mp_ssize_t *step);

/* ---- Exceptions and the error indicator ----
 * The current exception lives in the runtime state until caught.
 * Exception objects have 'args'; raising with a message string makes
 * args == (message,). */
MP_API void MpErr_SetString(MpObject *type, const char *message);
MP_API void MpErr_SetObject(MpObject *type, MpObject *value);
MP_API void MpErr_SetNone(MpObject *type);
/* Formats like MpUnicode_FromFormat.  Always returns NULL. */
MP_API MpObject *MpErr_Format(MpObject *type, const char *format, ...);
MP_API MpObject *MpErr_FormatV(MpObject *type, const char *format,
                               va_list va);
/* The type of the current exception (Borrowed), or NULL. */
MP_API MpObject *MpErr_Occurred(void);
MP_API void MpErr_Clear(void);
MP_API int MpErr_ExceptionMatches(MpObject *exc);
/* 'exc' may be a class or an instance; 'match' a class or a tuple. */
MP_API int MpErr_GivenExceptionMatches(MpObject *exc, MpObject *match);
/* Take the current exception out of the indicator: New references (each
 * may be NULL); the indicator is cleared. */
MP_API void MpErr_Fetch(MpObject **ptype, MpObject **pvalue,
                        MpObject **ptraceback);
/* Put an exception back (steals all three). */
MP_API void MpErr_Restore(MpObject *type, MpObject *value,
                          MpObject *traceback);
/* Take / set the current exception as one object (New / Steals). */
MP_API MpObject *MpErr_GetRaisedException(void);
MP_API void MpErr_SetRaisedException(MpObject *exc);
/* Print the traceback and the exception to stderr and clear it. */
MP_API void MpErr_Print(void);
MP_API void MpErr_PrintEx(int set_sys_last_vars);
/* Set MemoryError; works when no memory is left.  Returns NULL. */
MP_API MpObject *MpErr_NoMemory(void);
MP_API int MpErr_BadArgument(void);       /* TypeError; returns 0 */
MP_API void MpErr_BadInternalCall(void);  /* SystemError */
/* Report an exception that cannot be raised (e.g. in __del__) on stderr
 * as "Exception ignored in: <obj>" and clear it. */
MP_API void MpErr_WriteUnraisable(MpObject *obj);
/* Guard C recursion that user data can drive (repr, compare, ...): -1
 * with RecursionError "maximum recursion depth exceeded<where>". */
MP_API int Mp_EnterRecursiveCall(const char *where);
MP_API void Mp_LeaveRecursiveCall(void);

MP_API MpObject *MpException_GetTraceback(MpObject *exc);     /* New. */
MP_API int MpException_SetTraceback(MpObject *exc, MpObject *tb);
MP_API MpObject *MpException_GetCause(MpObject *exc);         /* New. */
MP_API void MpException_SetCause(MpObject *exc, MpObject *cause);/*Steals*/
MP_API MpObject *MpException_GetContext(MpObject *exc);       /* New. */
MP_API void MpException_SetContext(MpObject *exc, MpObject *ctx);/*Steals*/
MP_API MpObject *MpException_GetArgs(MpObject *exc);          /* New. */
#define MpExceptionClass_Check(x) \
    (MpType_Check(x) && MpType_FastSubclass((MpTypeObject *)(x), \
                                            MP_TPFLAGS_BASE_EXC_SUBCLASS))
#define MpExceptionInstance_Check(x) \
    MpType_FastSubclass(Mp_TYPE(x), MP_TPFLAGS_BASE_EXC_SUBCLASS)

MP_API extern MpObject *MpExc_BaseException;
MP_API extern MpObject *MpExc_Exception;
MP_API extern MpObject *MpExc_SystemExit;
MP_API extern MpObject *MpExc_KeyboardInterrupt;
MP_API extern MpObject *MpExc_GeneratorExit;
MP_API extern MpObject *MpExc_EvalInterrupt;  /* see Mp_SetEvalBudget */
MP_API extern MpObject *MpExc_StopIteration;
MP_API extern MpObject *MpExc_ArithmeticError;
MP_API extern MpObject *MpExc_OverflowError;
MP_API extern MpObject *MpExc_ZeroDivisionError;
MP_API extern MpObject *MpExc_AssertionError;
MP_API extern MpObject *MpExc_AttributeError;
MP_API extern MpObject *MpExc_LookupError;
MP_API extern MpObject *MpExc_IndexError;
MP_API extern MpObject *MpExc_KeyError;
MP_API extern MpObject *MpExc_MemoryError;
MP_API extern MpObject *MpExc_NameError;
MP_API extern MpObject *MpExc_UnboundLocalError;
MP_API extern MpObject *MpExc_RuntimeError;
MP_API extern MpObject *MpExc_RecursionError;
MP_API extern MpObject *MpExc_NotImplementedError;
MP_API extern MpObject *MpExc_SyntaxError;
MP_API extern MpObject *MpExc_IndentationError;
MP_API extern MpObject *MpExc_TabError;
MP_API extern MpObject *MpExc_SystemError;
MP_API extern MpObject *MpExc_TypeError;
MP_API extern MpObject *MpExc_ValueError;
MP_API extern MpObject *MpExc_UnicodeError;
MP_API extern MpObject *MpExc_UnicodeDecodeError;
MP_API extern MpObject *MpExc_ImportError;
MP_API extern MpObject *MpExc_ModuleNotFoundError;
MP_API extern MpObject *MpExc_OSError;

/* ---- The cycle collector ----
 * Three generations with thresholds (700, 10, 10), as CPython 3.11. */
MP_API Mp_ssize_t MpGC_Collect(void);     /* full; unreachable found */
MP_API Mp_ssize_t MpGC_CollectGeneration(int generation); /* -1: bad gen */
MP_API int MpGC_Enable(void);             /* previous state */
MP_API int MpGC_Disable(void);            /* previous state */
MP_API int MpGC_IsEnabled(void);
MP_API void MpGC_GetThreshold(int threshold[3]);
MP_API void MpGC_SetThreshold(int t0, int t1, int t2);
MP_API void MpGC_GetCount(int count[3]);
typedef struct {
    Mp_ssize_t collections;
    Mp_ssize_t collected;
    Mp_ssize_t uncollectable;
} MpGCStats;
MP_API void MpGC_GetStats(MpGCStats stats[3]);
/* The tracked objects of generation 0..2, or of all when -1: a New list. */
MP_API MpObject *MpGC_GetObjects(int generation);
MP_API void MpGC_Freeze(void);
MP_API void MpGC_Unfreeze(void);
MP_API Mp_ssize_t MpGC_GetFreezeCount(void);
/* Called at the start ("start") and end ("stop") of every collection. */
typedef void (*MpGC_Callback)(const char *phase, int generation,
                              Mp_ssize_t collected, Mp_ssize_t uncollectable,
                              void *arg);
MP_API int MpGC_AddCallback(MpGC_Callback cb, void *arg);
MP_API int MpGC_RemoveCallback(MpGC_Callback cb, void *arg);
/* gc.DEBUG_STATS: print statistics of each collection to stderr. */
#define MP_GC_DEBUG_STATS 1
MP_API void MpGC_SetDebug(int flags);
MP_API int MpGC_GetDebug(void);

/* ---- Life cycle ---- */
/* 0 on success, -1 on failure (nothing left allocated). */
MP_API int Mp_Initialize(void);
/* Collect, then free every object and give back every byte the runtime
 * took.  The runtime may be initialized again afterwards. */
MP_API void Mp_Finalize(void);
MP_API int Mp_IsInitialized(void);
/* Live objects created by the runtime and not yet freed (for leak checks). */
MP_API Mp_ssize_t Mp_GetLiveObjects(void);
MP_API Mp_ssize_t Mp_GetRecursionLimit(void);
MP_API int Mp_SetRecursionLimit(Mp_ssize_t limit);

/* ---- C functions exposed to Python ---- */
MP_API extern MpTypeObject MpCFunction_Type;
#define MpCFunction_Check(op) Mp_IS_TYPE(op, &MpCFunction_Type)
/* A callable named 'name' that calls fn(NULL, args, nargs); flags is
 * MP_METH_FASTCALL, or MP_METH_FASTCALL | MP_METH_KEYWORDS with fn cast
 * from an MpCFunctionFastWithKeywords.  New. */
MP_API MpObject *MpCFunction_New(const char *name, MpCFunctionFast fn,
                                 int flags);
/* A function for a method definition, bound to 'self' (may be NULL).
 * 'ml' must outlive the function.  New. */
MP_API MpObject *MpCFunction_NewEx(MpMethodDef *ml, MpObject *self,
                                   MpObject *module);

/* ---- Running code ----
 * Source runs in the globals of the __main__ module unless a dict is
 * given.  An uncaught exception is printed as CPython prints it. */
/* Run 'source'; 0, or -1 after printing the exception. */
MP_API int MpRun_SimpleString(const char *source);
/* Run 'source' ('filename' names it in tracebacks) in 'globals' (NULL:
 * __main__'s): the value of its last expression statement, or None.
 * New, or NULL with an exception set. */
MP_API MpObject *MpRun_String(const char *source, const char *filename,
                              MpObject *globals);
/* Run the file at 'path' as __main__; 0, or -1 after printing. */
MP_API int MpRun_SimpleFile(const char *path);

/* ---- Bounding a run ----
 * The runtime charges instructions at checkpoints: loop back edges (the
 * loop's length), calls (the called code's length), items taken by C
 * loops over iterators (1) and big-int multiplications and divisions
 * (digit products / 32) -- an estimate within a small factor.  Free
 * while neither is set.  Both settings are cleared by Mp_Initialize.
 * Other long C operations (a huge sort, a str search) are not charged.
 *
 * Once 'instructions' have been charged, the running code gets
 * EvalInterrupt, a BaseException subclass ('except Exception' does not
 * catch it), and the budget stays exhausted: every later checkpoint
 * raises again, so even a bare 'except:' cannot keep the script going.
 * MpRun_String then returns NULL (MpRun_Simple*: -1) with EvalInterrupt
 * set.  Call again to grant a new budget; 0 removes it. */
MP_API void Mp_SetEvalBudget(unsigned long long instructions);
/* The instructions left (0 when exhausted), or ULLONG_MAX with no budget. */
MP_API unsigned long long Mp_GetEvalBudget(void);
/* Call hook(arg) about every 'every' instructions (0 counts as 1).  A
 * nonzero result raises EvalInterrupt in the running code, and the hook is
 * then called at every checkpoint until it returns 0.  NULL removes it. */
typedef int (*Mp_EvalHook)(void *arg);
MP_API void Mp_SetEvalHook(Mp_EvalHook hook, void *arg,
                           unsigned long long every);

#ifdef MP_SLOT_NAMES_PREFIXED
#  undef destructor
#  undef reprfunc
#  undef hashfunc
#  undef richcmpfunc
#  undef visitproc
#  undef traverseproc
#  undef inquiry
#  undef unaryfunc
#  undef binaryfunc
#  undef ternaryfunc
#  undef lenfunc
#  undef ssizeargfunc
#  undef ssizeobjargproc
#  undef objobjargproc
#  undef objobjproc
#  undef getattrofunc
#  undef setattrofunc
#  undef getiterfunc
#  undef iternextfunc
#  undef descrgetfunc
#  undef descrsetfunc
#  undef initproc
#  undef newfunc
#  undef allocfunc
#  undef freefunc
#  undef vectorcallfunc
#  undef getter
#  undef setter
#  undef MP_SLOT_NAMES_PREFIXED
#endif

#ifdef __cplusplus
}
#endif
#endif /* MINIPY_H */
