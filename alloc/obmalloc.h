/*
 * alloc/obmalloc.h -- internal interface of the allocator (alloc/ files).
 *
 * obmalloc.c owns arenas, pools and the public entry points; rawmem.c is
 * the counted back end on top of the system malloc (blocks above
 * SMALL_REQUEST_THRESHOLD, the MpMem_Raw* family, malloc mode);
 * debugmalloc.c wraps either one with guard bytes when MINIPYMALLOC=debug;
 * memlimit.c enforces MpAlloc_SetLimit; mallocstats.c prints the
 * statistics.
 * The design is described at the top of obmalloc.c and in README.md.
 */
#ifndef MP_ALLOC_OBMALLOC_H
#define MP_ALLOC_OBMALLOC_H
#ifndef MP_BUILD_CORE
#error "internal header"
#endif

#include "minipy.h"

#include <stddef.h>
#include <stdint.h>

/* ---- Build configuration ----
 * Default: 8-byte size classes (64 of them) and 4 KiB pools, as the
 * classic pymalloc description has it.  -DMP_ALLOC_CPYTHON311 selects the
 * choices CPython 3.11 makes on 64-bit: 16-byte classes (32) and 16 KiB
 * pools.  Arenas are 1 MiB on 64-bit and 256 KiB on 32-bit in both.
 */
#ifdef MP_ALLOC_CPYTHON311
#  define ALIGNMENT_SHIFT   4
#  define POOL_BITS         14
#else
#  define ALIGNMENT_SHIFT   3
#  define POOL_BITS         12
#endif
#define ALIGNMENT               ((size_t)1 << ALIGNMENT_SHIFT)
#define SMALL_REQUEST_THRESHOLD 512
#define NB_SMALL_SIZE_CLASSES   (SMALL_REQUEST_THRESHOLD >> ALIGNMENT_SHIFT)
#define POOL_SIZE               ((size_t)1 << POOL_BITS)

#if UINTPTR_MAX > 0xffffffffu
#  define ARENA_BITS        20          /* 1 MiB */
#  define ADDRESS_BITS      48          /* user space on x86-64/aarch64 */
#else
#  define ARENA_BITS        18          /* 256 KiB */
#  define ADDRESS_BITS      32
#endif
#define ARENA_SIZE              ((size_t)1 << ARENA_BITS)
#define POOLS_PER_ARENA         (ARENA_SIZE / POOL_SIZE)

/* Size class 'i' serves requests of (i*ALIGNMENT, (i+1)*ALIGNMENT] bytes. */
#define INDEX2SIZE(i)   (((size_t)(i) + 1) << ALIGNMENT_SHIFT)

/* ---- Pools (layout shared with the tests) ---- */
typedef uint8_t block;

/* The link of usedpools lists; first member of every pool header, so a
 * list head (a bare link in 'state') and a pool share one list. */
struct pool_link {
    struct pool_link *nextpool;
    struct pool_link *prevpool;
};

struct pool_header {
    struct pool_link link;      /* usedpools[szidx], or freepools chain */
    block *freeblock;           /* first free block; NULL when full */
    unsigned int count;         /* blocks in use */
    unsigned int szidx;         /* size class; NO_CLASS if never used */
    unsigned int arenaindex;    /* index in state.arenas */
    unsigned int nextoffset;    /* offset of the next never-used block */
    unsigned int maxnextoffset; /* largest valid nextoffset */
};

#define NO_CLASS        0xffffffffu    /* szidx of a never-used pool */
#define POOL_OVERHEAD \
    ((sizeof(struct pool_header) + ALIGNMENT - 1) & ~(ALIGNMENT - 1))
#define POOL_ADDR(p) \
    ((struct pool_header *)((uintptr_t)(p) & ~(uintptr_t)(POOL_SIZE - 1)))
#define POOL_CAPACITY(size) ((POOL_SIZE - POOL_OVERHEAD) / (size))

/* The three families; debug mode records which one allocated a block. */
enum mp_domain {
    MP_DOMAIN_OBJ = 'o',        /* MpObject_* */
    MP_DOMAIN_MEM = 'm',        /* MpMem_* */
    MP_DOMAIN_RAW = 'r',        /* MpMem_Raw* */
};

/* How every request is served; chosen once from MINIPYMALLOC. */
enum mp_obmalloc_mode {
    MP_OBMALLOC_PYMALLOC = 0,   /* default: arenas, pools, blocks */
    MP_OBMALLOC_DEBUG,          /* the default plus guards and fills */
    MP_OBMALLOC_MALLOC,         /* every family on the system malloc */
};

/* ---- obmalloc.c ---- */

/* Switch mode (tests only).  Returns 0, or -1 (nothing changed) while any
 * block of any family is live.  Also makes the mode stick: MINIPYMALLOC is
 * no longer consulted. */
int mp_obmalloc_set_mode(enum mp_obmalloc_mode mode);
/* The mode in force (reads MINIPYMALLOC first if nothing has yet). */
enum mp_obmalloc_mode mp_obmalloc_get_mode(void);

/* Walk every arena, pool and list and check the invariants listed atop
 * obmalloc.c.  Returns the number of violations, each described on
 * stderr; 0 means consistent. */
int mp_obmalloc_check(void);

/* Give back every arena that holds no block (the one kept against churn
 * too) and, once none is left, the bookkeeping arrays.  Returns the number
 * of arenas still holding blocks (0 after a clean shutdown). */
size_t mp_obmalloc_fini(void);

/* The ownership test: 1 iff 'p' lies inside an arena this allocator has
 * mapped.  O(1); never reads memory that 'p' points to.  Any pointer value
 * may be passed. */
int mp_obmalloc_address_in_range(const void *p);
/* The block size of 'p' if a pool serves it, else 0 (NULL included). */
size_t mp_obmalloc_pooled_bytes(const void *p);

/* Bytes the arena map takes now (for MpAlloc_DumpStats). */
size_t mp_obmalloc_map_bytes(void);

/* The size class that a request of 'nbytes' uses, or -1 when it goes to
 * the system malloc. */
int mp_obmalloc_size_class(size_t nbytes);

/* The bytes the allocator gave the live MpObject/MpMem block 'p': its
 * block size when a pool serves it (*szclass = its class), otherwise the
 * size requested (*szclass = -1).  In debug mode, what the default mode
 * would give the size requested (the guard bytes left out). */
size_t mp_obmalloc_block_size(const void *p, int *szclass);

/* The allocator underneath debug mode: what 'domain' uses in the default
 * mode, without the fail hook and without debug wrapping. */
void *mp_obmalloc_base_malloc(enum mp_domain domain, size_t nbytes);
void *mp_obmalloc_base_calloc(enum mp_domain domain, size_t nbytes);
void mp_obmalloc_base_free(enum mp_domain domain, void *p);

/* ---- rawmem.c: counted blocks on the system malloc ----
 * Each block carries a 16-byte header holding the requested size, so the
 * figures in MpAllocStats stay exact and alignment stays at 16. */
enum mp_rawmem_kind {
    MP_RAWMEM_LARGE = 0,        /* MpObject/MpMem blocks pymalloc passes on */
    MP_RAWMEM_RAW = 1,          /* MpMem_Raw* */
};
void *mp_rawmem_malloc(enum mp_rawmem_kind kind, size_t nbytes);
void *mp_rawmem_calloc(enum mp_rawmem_kind kind, size_t nbytes);
void *mp_rawmem_realloc(enum mp_rawmem_kind kind, void *p, size_t nbytes);
void mp_rawmem_free(enum mp_rawmem_kind kind, void *p);
/* Bytes requested for a live block 'p' of either kind. */
size_t mp_rawmem_size(const void *p);
/* Live blocks and their requested bytes, per kind. */
void mp_rawmem_counts(enum mp_rawmem_kind kind, size_t *blocks,
                      size_t *bytes);

/* ---- memusage.c: bytes in use and their peak ----
 * While usage tracking is on, every family adds the bytes of a block it
 * hands out (the block size for a small block, the requested size for a
 * system one) and subtracts them when the block comes back, so 'current'
 * equals MpAllocStats.bytes_in_use without a census, and 'peak' is the
 * largest value 'current' has had since tracking started or the last
 * MpMem_ResetPeak.  rawmem.c counts its blocks after one test of
 * 'tracking'; small blocks are counted on the slow paths, which every
 * small request takes while tracking is on, so the fast paths pay
 * nothing while it is off. */
struct mp_alloc_usage {
    size_t current;
    size_t peak;
    int tracking;               /* counting is on */
};
extern struct mp_alloc_usage mp_alloc_usage
    __attribute__((visibility("hidden")));

static inline void
mp_alloc_usage_add(size_t nbytes)
{
    size_t current = mp_alloc_usage.current + nbytes;
    mp_alloc_usage.current = current;
    if (current > mp_alloc_usage.peak) {
        mp_alloc_usage.peak = current;
    }
}

static inline void
mp_alloc_usage_sub(size_t nbytes)
{
    mp_alloc_usage.current -= nbytes;
}

/* Start usage tracking (current from a census, peak = current) if it is
 * off; it stays on until mp_obmalloc_fini returns everything. */
void mp_obmalloc_track_usage(void);
/* 1 while usage tracking is on. */
int mp_obmalloc_tracking_usage(void);

/* ---- memrequests.c: the size each small block was asked for ----
 * A pool hands out whole blocks, so a request of 20 bytes takes a 24-byte
 * block and the allocator forgets the 20.  While recording is on it keeps
 * it: every arena gets a table of one byte per ALIGNMENT bytes of arena,
 * and the byte for a block's first granule holds 1 + (block size -
 * request), or 0 when the request is unknown (the block was handed out
 * before recording began).  Recording starts with MpMem_ResetPeak (which
 * importing mem calls) and turns usage tracking on, so every small request
 * takes the slow paths that record it; a memory limit alone does not
 * record.  It ends when mp_obmalloc_fini has taken everything back.
 * In MINIPYMALLOC=debug mode a request includes the guard bytes. */
struct mp_alloc_requests {
    int on;                                 /* recording */
    size_t blocks[NB_SMALL_SIZE_CLASSES];   /* live blocks with a request */
    size_t bytes[NB_SMALL_SIZE_CLASSES];    /* the bytes they asked for */
    size_t table_bytes;                     /* bytes in the tables */
};
extern struct mp_alloc_requests mp_alloc_requests
    __attribute__((visibility("hidden")));

/* Start recording (and usage tracking) if it is off. */
void mp_requests_start(void);
/* A zeroed table for one arena, or NULL (its blocks go unrecorded). */
uint8_t *mp_requests_table_new(void);
void mp_requests_table_free(uint8_t *table);
/* The small block 'p' (or NULL, or a system block: ignored) was handed
 * out for a request of 'nbytes'. */
void mp_requests_record(const void *p, size_t nbytes);
/* 'p' is going back: forget its request and return it (0: unknown). */
size_t mp_requests_forget(const void *p);

/* obmalloc.c: the table byte of the pooled block 'p' and its size class
 * in *szidx, or NULL if 'p' is not pooled or its arena has no table. */
uint8_t *mp_obmalloc_request_slot(const void *p, unsigned int *szidx);
/* obmalloc.c: give every mapped arena without a table a new one. */
void mp_obmalloc_add_request_tables(void);

/* ---- Walking the pools (arenamap.c draws them) ---- */
enum mp_pool_state {
    MP_POOL_UNTOUCHED = 0,      /* never carved out of its arena */
    MP_POOL_EMPTY,              /* carved, no block in use */
    MP_POOL_USED,               /* some blocks in use, some free */
    MP_POOL_FULL,               /* every block in use */
};

struct mp_pool_view {
    unsigned int arena;         /* index of its arena object */
    unsigned int index;         /* position in the arena, from 0 */
    enum mp_pool_state state;
    unsigned int szidx;         /* size class (used and full pools) */
    unsigned int count;         /* blocks in use */
};

/* Call visit(view, arg) for every pool of every mapped arena, arenas in
 * the order of their arena objects, pools by address. */
typedef void (*mp_pool_visitor)(const struct mp_pool_view *view, void *arg);
void mp_obmalloc_walk_pools(mp_pool_visitor visit, void *arg);

/* ---- debugmalloc.c: MINIPYMALLOC=debug ---- */
void *mp_debugmalloc_malloc(enum mp_domain domain, size_t nbytes);
void *mp_debugmalloc_calloc(enum mp_domain domain, size_t nbytes);
void *mp_debugmalloc_realloc(enum mp_domain domain, void *p, size_t nbytes);
void mp_debugmalloc_free(enum mp_domain domain, void *p);
/* The base block under the user pointer 'p', the bytes of guards a
 * block adds to its request (for memlimit.c), and the size requested for
 * the live block 'p'. */
const void *mp_debugmalloc_base(const void *p);
size_t mp_debugmalloc_overhead(void);
size_t mp_debugmalloc_size(const void *p);

/* ---- memlimit.c: MpAlloc_SetLimit ----
 * While a limit is set, usage tracking (memusage.c) is on, so every
 * request takes obmalloc.c's slow path, which asks mp_memlimit_refuses
 * before it allocates. */
/* 1 if a request of 'nbytes' (replacing the live block 'old', or NULL)
 * would take bytes_in_use above the limit. */
int mp_memlimit_refuses(enum mp_domain domain, const void *old,
                        size_t nbytes);
/* obmalloc.c: consult memlimit.c on every request (on) or not (off). */
void mp_obmalloc_set_limited(int on);

/* ---- Shared helpers ---- */
#define MP_LIKELY(x)    __builtin_expect(!!(x), 1)
#define MP_UNLIKELY(x)  __builtin_expect(!!(x), 0)

/* nelem * elsize into *total; 0 on success, -1 on overflow. */
static inline int
mp_alloc_mul(size_t nelem, size_t elsize, size_t *total)
{
    return __builtin_mul_overflow(nelem, elsize, total) ? -1 : 0;
}

#endif /* MP_ALLOC_OBMALLOC_H */
