/*
 * alloc/obmalloc.c -- the small-object allocator (arenas -> pools -> blocks)
 * and the public entry points of all three allocation families.
 *
 * Requests of 1..SMALL_REQUEST_THRESHOLD bytes are rounded up to a size
 * class (8-byte steps by default, 16 with MP_ALLOC_CPYTHON311) and served
 * from pools; bigger ones and 0-byte ones go to rawmem.c (system malloc).
 *
 *   arena (ARENA_SIZE, mmap'ed, aligned to ARENA_SIZE)
 *   +-----------+-----------+-----------+-- ... --+-----------------+
 *   | pool      | pool      | pool      |         | never carved    |
 *   +-----------+-----------+-----------+-- ... --+-----------------+
 *   ^ address                                     ^ pool_address
 *
 *   pool (POOL_SIZE, one size class at a time)
 *   +--------+-------+-------+-------+-------+--------------------+
 *   | header | block | block | free  | block |   never used       |
 *   +--------+-------+-------+-------+-------+--------------------+
 *             freeblock --------^ (LIFO list through the first word)
 *                                             ^ nextoffset (frontier)
 *
 *   usedpools[class] -> circular list of pools with free blocks (used);
 *                       a pool that stops being full joins at the tail
 *   arena.freepools  -> pools with no block in use (empty, any class)
 *   usable_arenas    -> arenas with a free pool, ascending nfreepools;
 *                       nfp2lasta[n] is the last one holding n free pools
 *
 * malloc: class = (nbytes - 1) >> ALIGNMENT_SHIFT, take the first pool of
 * usedpools[class], pop its free list or advance its frontier.  Only when
 * the class has no pool do we take an empty or uncarved pool from the
 * first usable arena (the fullest), mapping a new arena if none is left.
 * free: the ownership test (below) says whether p is ours; the pool header
 * is p rounded down to POOL_SIZE; push p on its free list.
 *
 * Ownership test: every arena is aligned to its size (we map twice the
 * size and unmap the excess), so "which arena could hold p" is p >>
 * ARENA_BITS.  A two-level table (arena_map) keyed by that number holds
 * one byte per arena-sized chunk of the address space.  Two loads answer
 * the question for any pointer, without touching the memory p points to.
 *
 * Invariants (checked by mp_obmalloc_check):
 *  - a pool with 0 < count < capacity is on usedpools[szidx] and has
 *    freeblock != NULL; a full pool is on no list and has freeblock NULL;
 *    an empty pool is on its arena's freepools list;
 *  - free-list length + count == blocks carved below nextoffset;
 *  - nfreepools == length of freepools + pools not yet carved;
 *  - usable_arenas holds exactly the arenas with nfreepools > 0, sorted;
 *  - an arena whose pools are all empty is unmapped at once unless it is
 *    the last usable arena (kept so an alloc/free loop does not churn).
 *
 * Read alongside CPython 3.11: Objects/obmalloc.c pymalloc_alloc,
 * allocate_from_new_pool, pymalloc_free, insert_to_freepool, new_arena,
 * arena_map_is_used, _PyObject_DebugMallocStats.
 * Left out: threads (the runtime is single-threaded), the 3-level radix
 * tree (aligned arenas need only two), the unaligned-arena tail_lo/tail_hi
 * bookkeeping, and per-type free lists.  Design notes:
 * docs/internals/allocator.md.
 */
#include "alloc/obmalloc.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct arena_object {
    uintptr_t address;          /* 0 when no arena is attached */
    block *pool_address;        /* first never-carved pool */
    unsigned int nfreepools;    /* empty pools + never-carved pools */
    unsigned int ntotalpools;
    struct pool_header *freepools;  /* empty pools (singly linked) */
    struct arena_object *nextarena; /* usable_arenas, or unused list */
    struct arena_object *prevarena;
    uint8_t *requests;          /* memrequests.c's table, or NULL */
};

/* ---- The arena map: top level indexed by the high address bits, leaves
 * by the bits just above ARENA_BITS. ---- */
#define MAP_BITS        (ADDRESS_BITS - ARENA_BITS)
#define MAP_LEAF_BITS   (MAP_BITS / 2)
#define MAP_TOP_BITS    (MAP_BITS - MAP_LEAF_BITS)
#define MAP_LEAF_LEN    ((size_t)1 << MAP_LEAF_BITS)
#define MAP_TOP_LEN     ((size_t)1 << MAP_TOP_BITS)

struct arena_map_leaf {
    size_t narenas;             /* entries set in 'used' */
    uint8_t used[MAP_LEAF_LEN]; /* 1 iff that chunk is one of our arenas */
};

static struct {
    int slow;                   /* allocations must take slow_malloc */
    int free_slow;              /* frees must take slow_free */
    int limited;                /* MpAlloc_SetLimit is in force */
    int initialized;            /* usedpools set up, mode chosen */
    int mode_chosen;            /* MINIPYMALLOC read (or mode forced) */
    enum mp_obmalloc_mode mode;
    MpAlloc_FailHook fail_hook;
    void *fail_arg;

    struct pool_link usedpools[NB_SMALL_SIZE_CLASSES];

    struct arena_object *arenas;    /* array of maxarenas entries */
    unsigned int maxarenas;
    struct arena_object *unused_arena_objects;
    struct arena_object *usable_arenas;
    struct arena_object *nfp2lasta[POOLS_PER_ARENA + 1];

    size_t ntimes_arena_allocated;
    size_t narenas_freed;
    size_t narenas_currently_allocated;
    size_t narenas_highwater;

    struct arena_map_leaf *arena_map[MAP_TOP_LEN];
    size_t map_leaves;
} state = {
    .slow = 1,      /* the first request takes the slow path: obmalloc_init */
};

static void obmalloc_init(void);

/* ---- The ownership test ---- */

static inline int
address_in_range(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    uintptr_t top = a >> (ARENA_BITS + MAP_LEAF_BITS);
    if (top >= MAP_TOP_LEN) {
        return 0;
    }
    struct arena_map_leaf *leaf = state.arena_map[top];
    if (leaf == NULL) {
        return 0;
    }
    return leaf->used[(a >> ARENA_BITS) & (MAP_LEAF_LEN - 1)];
}

int
mp_obmalloc_address_in_range(const void *p)
{
    return address_in_range(p);
}

/* Mark (used=1) or clear (used=0) the chunk of 'base'.  Marking may need a
 * new leaf: returns -1 if that allocation fails, else 0. */
static int
arena_map_mark(uintptr_t base, int used)
{
    uintptr_t top = base >> (ARENA_BITS + MAP_LEAF_BITS);
    size_t idx = (base >> ARENA_BITS) & (MAP_LEAF_LEN - 1);
    struct arena_map_leaf *leaf = state.arena_map[top];
    if (used) {
        if (leaf == NULL) {
            leaf = calloc(1, sizeof(*leaf));
            if (leaf == NULL) {
                return -1;
            }
            state.arena_map[top] = leaf;
            state.map_leaves++;
        }
        leaf->used[idx] = 1;
        leaf->narenas++;
        return 0;
    }
    assert(leaf != NULL && leaf->used[idx]);
    leaf->used[idx] = 0;
    if (--leaf->narenas == 0) {
        /* no arena left in this leaf's range: give the leaf back */
        free(leaf);
        state.arena_map[top] = NULL;
        state.map_leaves--;
    }
    return 0;
}

/* ---- Arenas ---- */

/* Map ARENA_SIZE bytes aligned to ARENA_SIZE, or return 0.  We map twice
 * the size and unmap the misaligned head and the tail: the excess is only
 * address space, never touched, so it costs no memory. */
static uintptr_t
map_aligned_arena(void)
{
    size_t span = 2 * ARENA_SIZE;
    void *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return 0;
    }
    uintptr_t start = (uintptr_t)p;
    uintptr_t base = (start + ARENA_SIZE - 1) & ~(uintptr_t)(ARENA_SIZE - 1);
    size_t head = base - start;
    size_t tail = span - head - ARENA_SIZE;
    if (head != 0) {
        munmap(p, head);
    }
    if (tail != 0) {
        munmap((void *)(base + ARENA_SIZE), tail);
    }
    if ((base >> (ARENA_BITS + MAP_LEAF_BITS)) >= MAP_TOP_LEN) {
        /* above the range the arena map covers: refuse it */
        munmap((void *)base, ARENA_SIZE);
        return 0;
    }
    return base;
}

/* Make room for more arena objects.  Called only when every arena is full,
 * so no pointer into the old array exists (usable_arenas is empty). */
static int
grow_arena_objects(void)
{
    unsigned int newmax = state.maxarenas ? 2 * state.maxarenas : 16;
    assert(state.usable_arenas == NULL);
    assert(state.unused_arena_objects == NULL);
    struct arena_object *a = realloc(state.arenas, newmax * sizeof(*a));
    if (a == NULL) {
        return -1;
    }
    for (unsigned int i = state.maxarenas; i < newmax; i++) {
        a[i].address = 0;
        a[i].nextarena = (i + 1 < newmax) ? &a[i + 1] : NULL;
    }
    state.unused_arena_objects = &a[state.maxarenas];
    state.arenas = a;
    state.maxarenas = newmax;
    return 0;
}

/* Map a fresh arena and return its (unlinked) arena object, or NULL with
 * nothing changed. */
static struct arena_object *
new_arena(void)
{
    if (state.unused_arena_objects == NULL && grow_arena_objects() < 0) {
        return NULL;
    }
    uintptr_t base = map_aligned_arena();
    if (base == 0) {
        return NULL;
    }
    if (arena_map_mark(base, 1) < 0) {
        munmap((void *)base, ARENA_SIZE);
        return NULL;
    }
    struct arena_object *ao = state.unused_arena_objects;
    state.unused_arena_objects = ao->nextarena;
    ao->address = base;
    ao->pool_address = (block *)base;
    ao->nfreepools = ao->ntotalpools = (unsigned int)POOLS_PER_ARENA;
    ao->freepools = NULL;
    ao->nextarena = ao->prevarena = NULL;
    ao->requests = mp_alloc_requests.on ? mp_requests_table_new() : NULL;
    state.ntimes_arena_allocated++;
    if (++state.narenas_currently_allocated > state.narenas_highwater) {
        state.narenas_highwater = state.narenas_currently_allocated;
    }
    return ao;
}

/* Unmap the arena of 'ao' (already off usable_arenas) and recycle 'ao'. */
static void
free_arena(struct arena_object *ao)
{
    arena_map_mark(ao->address, 0);
    munmap((void *)ao->address, ARENA_SIZE);
    mp_requests_table_free(ao->requests);
    ao->requests = NULL;
    ao->address = 0;
    ao->nextarena = state.unused_arena_objects;
    state.unused_arena_objects = ao;
    state.narenas_currently_allocated--;
    state.narenas_freed++;
}

static void
arena_list_unlink(struct arena_object *ao)
{
    if (ao->prevarena != NULL) {
        ao->prevarena->nextarena = ao->nextarena;
    }
    else {
        state.usable_arenas = ao->nextarena;
    }
    if (ao->nextarena != NULL) {
        ao->nextarena->prevarena = ao->prevarena;
    }
}

/* 'ao' (the first usable arena) has just handed out one free pool. */
static void
arena_lost_pool(struct arena_object *ao)
{
    unsigned int old = ao->nfreepools--;
    unsigned int nf = ao->nfreepools;
    assert(ao == state.usable_arenas);
    /* 'ao' is the first arena, so if it ends its group it is the group */
    if (state.nfp2lasta[old] == ao) {
        state.nfp2lasta[old] = NULL;
    }
    if (nf == 0) {
        /* full: off the list until a pool frees up */
        arena_list_unlink(ao);
        ao->nextarena = ao->prevarena = NULL;
        return;
    }
    /* nobody else had fewer than 'old' free pools */
    assert(state.nfp2lasta[nf] == NULL);
    state.nfp2lasta[nf] = ao;
}

/* 'ao' has just gained one free pool: keep usable_arenas sorted by
 * ascending nfreepools, and unmap the arena once all its pools are empty
 * unless it is the last usable one. */
static void
arena_gained_pool(struct arena_object *ao)
{
    unsigned int nf = ++ao->nfreepools;
    if (nf == 1) {
        /* was full, so off the list; 1 is the smallest count: go first */
        ao->prevarena = NULL;
        ao->nextarena = state.usable_arenas;
        if (ao->nextarena != NULL) {
            ao->nextarena->prevarena = ao;
        }
        state.usable_arenas = ao;
        if (state.nfp2lasta[1] == NULL) {
            state.nfp2lasta[1] = ao;
        }
        return;
    }
    /* 'ao' leaves group nf-1; who ends that group now? */
    struct arena_object *lastnf = state.nfp2lasta[nf - 1];
    if (lastnf == ao) {
        struct arena_object *prev = ao->prevarena;
        state.nfp2lasta[nf - 1] =
            (prev != NULL && prev->nfreepools == nf - 1) ? prev : NULL;
    }
    if (nf == ao->ntotalpools && ao->nextarena != NULL) {
        arena_list_unlink(ao);
        free_arena(ao);
        return;
    }
    if (lastnf != ao) {
        /* move right behind the old end of group nf-1: the arenas after
         * it all hold nf free pools or more */
        arena_list_unlink(ao);
        ao->prevarena = lastnf;
        ao->nextarena = lastnf->nextarena;
        if (ao->nextarena != NULL) {
            ao->nextarena->prevarena = ao;
        }
        lastnf->nextarena = ao;
    }
    if (state.nfp2lasta[nf] == NULL) {
        state.nfp2lasta[nf] = ao;
    }
}

/* ---- Pools ---- */

static inline void
usedpools_push(struct pool_link *head, struct pool_header *pool)
{
    struct pool_link *next = head->nextpool;
    pool->link.nextpool = next;
    pool->link.prevpool = head;
    next->prevpool = &pool->link;
    head->nextpool = &pool->link;
}

static inline void
usedpools_unlink(struct pool_header *pool)
{
    struct pool_link *next = pool->link.nextpool;
    struct pool_link *prev = pool->link.prevpool;
    next->prevpool = prev;
    prev->nextpool = next;
}

/* Hand out one block of 'pool' (on usedpools, so freeblock != NULL). */
static inline void *
pool_pop(struct pool_header *pool, size_t size)
{
    block *bp = pool->freeblock;
    pool->count++;
    pool->freeblock = *(block **)bp;
    if (MP_LIKELY(pool->freeblock != NULL)) {
        /* the next request of this class reads that block's first word:
         * start fetching it now (about 10% off the churn benchmark) */
        __builtin_prefetch(pool->freeblock, 1);
        return bp;
    }
    /* free list exhausted: carve the next never-used block, if any */
    if (pool->nextoffset <= pool->maxnextoffset) {
        block *nb = (block *)pool + pool->nextoffset;
        pool->nextoffset += (unsigned int)size;
        *(block **)nb = NULL;
        pool->freeblock = nb;
        return bp;
    }
    /* the pool is full: it leaves usedpools until a block comes back */
    usedpools_unlink(pool);
    return bp;
}

/* Take an empty or never-carved pool from the first usable arena. */
static struct pool_header *
take_pool(struct arena_object *ao)
{
    struct pool_header *pool = ao->freepools;
    if (pool != NULL) {
        ao->freepools = (struct pool_header *)pool->link.nextpool;
    }
    else {
        pool = (struct pool_header *)ao->pool_address;
        ao->pool_address += POOL_SIZE;
        pool->arenaindex = (unsigned int)(ao - state.arenas);
        pool->szidx = NO_CLASS;
    }
    arena_lost_pool(ao);
    return pool;
}

/* The slow half of malloc: class 'idx' has no pool with a free block. */
static __attribute__((noinline)) void *
allocate_from_new_pool(unsigned int idx)
{
    if (state.usable_arenas == NULL) {
        struct arena_object *ao = new_arena();
        if (ao == NULL) {
            return NULL;
        }
        state.usable_arenas = ao;
        state.nfp2lasta[ao->nfreepools] = ao;
    }
    struct pool_header *pool = take_pool(state.usable_arenas);
    size_t size = INDEX2SIZE(idx);
    if (pool->szidx != idx) {
        /* new, or last used for another class: (re)build it.  A pool
         * that served this class keeps its free list and frontier. */
        pool->szidx = idx;
        pool->freeblock = (block *)pool + POOL_OVERHEAD;
        *(block **)pool->freeblock = NULL;
        pool->nextoffset = (unsigned int)(POOL_OVERHEAD + size);
        pool->maxnextoffset = (unsigned int)(POOL_SIZE - size);
    }
    pool->count = 0;
    usedpools_push(&state.usedpools[idx], pool);
    return pool_pop(pool, size);
}

/* The last block of 'pool' has come back. */
static __attribute__((noinline)) void
pool_became_empty(struct pool_header *pool)
{
    struct arena_object *ao = &state.arenas[pool->arenaindex];
    usedpools_unlink(pool);
    pool->link.nextpool = (struct pool_link *)ao->freepools;
    ao->freepools = pool;
    arena_gained_pool(ao);
}

/* ---- The default-mode families (no hook, no debug) ----
 * The fast paths below end in tail calls only, so they need no stack
 * frame: everything unusual is in a noinline function of its own. */

/* Not served from a pool with room: a new pool, or the system malloc for
 * requests that are not small (0 or above the threshold) and for small
 * ones when no arena can be mapped (as CPython falls back). */
static __attribute__((noinline)) void *
object_malloc_slow(size_t nbytes)
{
    size_t idx = (nbytes - 1) >> ALIGNMENT_SHIFT;
    if (idx < NB_SMALL_SIZE_CLASSES) {
        void *bp = allocate_from_new_pool((unsigned int)idx);
        if (bp != NULL) {
            return bp;
        }
    }
    return mp_rawmem_malloc(MP_RAWMEM_LARGE, nbytes);
}

static inline void *
object_malloc(size_t nbytes)
{
    size_t idx = (nbytes - 1) >> ALIGNMENT_SHIFT;  /* 0 wraps round */
    if (MP_LIKELY(idx < NB_SMALL_SIZE_CLASSES)) {
        struct pool_link *head = &state.usedpools[idx];
        struct pool_link *first = head->nextpool;
        if (MP_LIKELY(first != head)) {
            return pool_pop((struct pool_header *)first, INDEX2SIZE(idx));
        }
    }
    return object_malloc_slow(nbytes);
}

/* Return 'p', which is ours, to its pool. */
static inline void
pymalloc_free(void *p)
{
    struct pool_header *pool = POOL_ADDR(p);
    block *lastfree = pool->freeblock;
    *(block **)p = lastfree;
    pool->freeblock = (block *)p;
    pool->count--;
    if (MP_UNLIKELY(lastfree == NULL)) {
        /* Was full: back on its class list -- at the tail, where CPython
         * puts it at the head.  Allocation then keeps draining the head
         * pool instead of hopping to whichever pool saw the latest free;
         * that locality cuts the churn benchmark by about 30% (README).
         * capacity > 1, so the pool cannot be empty now. */
        usedpools_push(state.usedpools[pool->szidx].prevpool, pool);
        return;
    }
    if (MP_UNLIKELY(pool->count == 0)) {
        pool_became_empty(pool);
    }
}

static inline void
object_free(void *p)
{
    if (MP_UNLIKELY(!address_in_range(p))) {
        mp_rawmem_free(MP_RAWMEM_LARGE, p);
        return;
    }
    pymalloc_free(p);
}

static void *
object_calloc(size_t nbytes)
{
    if (mp_obmalloc_size_class(nbytes) < 0) {
        return mp_rawmem_calloc(MP_RAWMEM_LARGE, nbytes);
    }
    void *p = object_malloc(nbytes);
    if (p != NULL) {
        memset(p, 0, nbytes);
    }
    return p;
}

static void *
object_realloc(void *p, size_t nbytes)
{
    if (p == NULL) {
        return object_malloc(nbytes);
    }
    if (!address_in_range(p)) {
        /* stays with the system allocator, as in CPython */
        return mp_rawmem_realloc(MP_RAWMEM_LARGE, p, nbytes);
    }
    size_t size = INDEX2SIZE(POOL_ADDR(p)->szidx);
    if (nbytes <= size) {
        /* shrinking by less than a quarter: not worth a copy */
        if (4 * nbytes > 3 * size) {
            return p;
        }
        size = nbytes;
    }
    void *bp = object_malloc(nbytes);
    if (bp != NULL) {
        memcpy(bp, p, size);
        pymalloc_free(p);
    }
    return bp;
}

/* ---- Usage tracking (memusage.c) on the slow paths ---- */

size_t
mp_obmalloc_pooled_bytes(const void *p)
{
    if (p == NULL || !address_in_range(p)) {
        return 0;
    }
    return INDEX2SIZE(POOL_ADDR(p)->szidx);
}

uint8_t *
mp_obmalloc_request_slot(const void *p, unsigned int *szidx)
{
    if (p == NULL || !address_in_range(p)) {
        return NULL;
    }
    struct pool_header *pool = POOL_ADDR(p);
    uint8_t *table = state.arenas[pool->arenaindex].requests;
    if (table == NULL) {
        return NULL;
    }
    *szidx = pool->szidx;
    return table + (((uintptr_t)p & (ARENA_SIZE - 1)) >> ALIGNMENT_SHIFT);
}

void
mp_obmalloc_add_request_tables(void)
{
    for (unsigned int i = 0; i < state.maxarenas; i++) {
        struct arena_object *ao = &state.arenas[i];
        if (ao->address != 0 && ao->requests == NULL) {
            ao->requests = mp_requests_table_new();
        }
    }
}

/* 'p' was just handed out for 'nbytes' (or is NULL): count it, and
 * record the request, while tracking. */
static void *
count_block(void *p, size_t nbytes)
{
    if (mp_alloc_usage.tracking) {
        mp_alloc_usage_add(mp_obmalloc_pooled_bytes(p));
        if (mp_alloc_requests.on) {
            mp_requests_record(p, nbytes);
        }
    }
    return p;
}

static void
uncount_block(const void *p)
{
    if (mp_alloc_usage.tracking) {
        mp_alloc_usage_sub(mp_obmalloc_pooled_bytes(p));
        if (mp_alloc_requests.on) {
            mp_requests_forget(p);
        }
    }
}

/* object_realloc, counted while tracking.  A failure leaves 'p' as it
 * was, its request included. */
static void *
counted_realloc(void *p, size_t nbytes)
{
    if (!mp_alloc_usage.tracking) {
        return object_realloc(p, nbytes);
    }
    size_t old = mp_obmalloc_pooled_bytes(p);
    size_t asked = mp_alloc_requests.on ? mp_requests_forget(p) : 0;
    void *q = object_realloc(p, nbytes);
    if (q == NULL) {
        if (asked != 0) {
            mp_requests_record(p, asked);
        }
        return NULL;
    }
    mp_alloc_usage_sub(old);
    return count_block(q, nbytes);
}

void *
mp_obmalloc_base_malloc(enum mp_domain domain, size_t nbytes)
{
    if (domain == MP_DOMAIN_RAW) {
        return mp_rawmem_malloc(MP_RAWMEM_RAW, nbytes);
    }
    return count_block(object_malloc(nbytes), nbytes);
}

void *
mp_obmalloc_base_calloc(enum mp_domain domain, size_t nbytes)
{
    if (domain == MP_DOMAIN_RAW) {
        return mp_rawmem_calloc(MP_RAWMEM_RAW, nbytes);
    }
    return count_block(object_calloc(nbytes), nbytes);
}

void
mp_obmalloc_base_free(enum mp_domain domain, void *p)
{
    if (domain == MP_DOMAIN_RAW) {
        mp_rawmem_free(MP_RAWMEM_RAW, p);
        return;
    }
    uncount_block(p);
    object_free(p);
}

/* ---- Mode, fail hook and the slow paths ---- */

static void
update_slow(void)
{
    state.slow = !state.initialized || state.mode != MP_OBMALLOC_PYMALLOC
                 || state.fail_hook != NULL || mp_alloc_usage.tracking;
    state.free_slow = state.mode != MP_OBMALLOC_PYMALLOC
                      || mp_alloc_usage.tracking;
}

static void
choose_mode_from_env(void)
{
    const char *env = getenv("MINIPYMALLOC");
    state.mode = MP_OBMALLOC_PYMALLOC;
    if (env == NULL || *env == '\0' || strcmp(env, "pymalloc") == 0) {
        /* the default */
    }
    else if (strcmp(env, "debug") == 0) {
        state.mode = MP_OBMALLOC_DEBUG;
    }
    else if (strcmp(env, "malloc") == 0) {
        state.mode = MP_OBMALLOC_MALLOC;
    }
    else {
        fprintf(stderr, "minipy: MINIPYMALLOC=%s is not one of pymalloc, "
                "debug, malloc; using pymalloc\n", env);
    }
    state.mode_chosen = 1;
}

static void
obmalloc_init(void)
{
    if (!state.mode_chosen) {
        choose_mode_from_env();
    }
    for (size_t i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
        state.usedpools[i].nextpool = &state.usedpools[i];
        state.usedpools[i].prevpool = &state.usedpools[i];
    }
    state.initialized = 1;
    update_slow();
}

static enum mp_rawmem_kind
raw_kind(enum mp_domain domain)
{
    return domain == MP_DOMAIN_RAW ? MP_RAWMEM_RAW : MP_RAWMEM_LARGE;
}

/* 1 if this request (replacing block 'old' for realloc) must fail: first
 * use, then the fail hook, then the memory limit. */
static int
slow_gate(enum mp_domain domain, const void *old, size_t nbytes)
{
    if (!state.initialized) {
        obmalloc_init();
    }
    if (state.fail_hook != NULL && state.fail_hook(nbytes, state.fail_arg)) {
        return 1;
    }
    return state.limited && mp_memlimit_refuses(domain, old, nbytes);
}

static __attribute__((noinline)) void *
slow_malloc(enum mp_domain domain, size_t nbytes)
{
    if (slow_gate(domain, NULL, nbytes)) {
        return NULL;
    }
    switch (state.mode) {
    case MP_OBMALLOC_DEBUG:
        return mp_debugmalloc_malloc(domain, nbytes);
    case MP_OBMALLOC_MALLOC:
        return mp_rawmem_malloc(raw_kind(domain), nbytes);
    default:
        return mp_obmalloc_base_malloc(domain, nbytes);
    }
}

static __attribute__((noinline)) void *
slow_calloc(enum mp_domain domain, size_t nelem, size_t elsize)
{
    size_t nbytes;
    if (mp_alloc_mul(nelem, elsize, &nbytes) < 0
        || slow_gate(domain, NULL, nbytes)) {
        return NULL;
    }
    switch (state.mode) {
    case MP_OBMALLOC_DEBUG:
        return mp_debugmalloc_calloc(domain, nbytes);
    case MP_OBMALLOC_MALLOC:
        return mp_rawmem_calloc(raw_kind(domain), nbytes);
    default:
        return mp_obmalloc_base_calloc(domain, nbytes);
    }
}

static __attribute__((noinline)) void *
slow_realloc(enum mp_domain domain, void *p, size_t nbytes)
{
    if (slow_gate(domain, p, nbytes)) {
        return NULL;
    }
    switch (state.mode) {
    case MP_OBMALLOC_DEBUG:
        return mp_debugmalloc_realloc(domain, p, nbytes);
    case MP_OBMALLOC_MALLOC:
        return mp_rawmem_realloc(raw_kind(domain), p, nbytes);
    default:
        if (domain == MP_DOMAIN_RAW) {
            return mp_rawmem_realloc(MP_RAWMEM_RAW, p, nbytes);
        }
        return counted_realloc(p, nbytes);
    }
}

static __attribute__((noinline)) void
slow_free(enum mp_domain domain, void *p)
{
    switch (state.mode) {
    case MP_OBMALLOC_DEBUG:
        mp_debugmalloc_free(domain, p);
        break;
    case MP_OBMALLOC_MALLOC:
        mp_rawmem_free(raw_kind(domain), p);
        break;
    default:
        mp_obmalloc_base_free(domain, p);
        break;
    }
}

/* ---- Public entry points ----
 * Each one is a single test of 'state.slow' (or of 'state.free_slow')
 * in front of the default-mode code, which the compiler inlines here. */

void *
MpObject_Malloc(size_t nbytes)
{
    if (MP_UNLIKELY(state.slow)) {
        return slow_malloc(MP_DOMAIN_OBJ, nbytes);
    }
    return object_malloc(nbytes);
}

void *
MpObject_Calloc(size_t nelem, size_t elsize)
{
    size_t nbytes;
    if (MP_UNLIKELY(state.slow)) {
        return slow_calloc(MP_DOMAIN_OBJ, nelem, elsize);
    }
    if (mp_alloc_mul(nelem, elsize, &nbytes) < 0) {
        return NULL;
    }
    return object_calloc(nbytes);
}

void *
MpObject_Realloc(void *p, size_t nbytes)
{
    if (MP_UNLIKELY(state.slow)) {
        return slow_realloc(MP_DOMAIN_OBJ, p, nbytes);
    }
    return object_realloc(p, nbytes);
}

void
MpObject_Free(void *p)
{
    if (MP_UNLIKELY(state.free_slow)) {
        slow_free(MP_DOMAIN_OBJ, p);
        return;
    }
    object_free(p);
}

void *
MpMem_Malloc(size_t nbytes)
{
    if (MP_UNLIKELY(state.slow)) {
        return slow_malloc(MP_DOMAIN_MEM, nbytes);
    }
    return object_malloc(nbytes);
}

void *
MpMem_Calloc(size_t nelem, size_t elsize)
{
    size_t nbytes;
    if (MP_UNLIKELY(state.slow)) {
        return slow_calloc(MP_DOMAIN_MEM, nelem, elsize);
    }
    if (mp_alloc_mul(nelem, elsize, &nbytes) < 0) {
        return NULL;
    }
    return object_calloc(nbytes);
}

void *
MpMem_Realloc(void *p, size_t nbytes)
{
    if (MP_UNLIKELY(state.slow)) {
        return slow_realloc(MP_DOMAIN_MEM, p, nbytes);
    }
    return object_realloc(p, nbytes);
}

void
MpMem_Free(void *p)
{
    if (MP_UNLIKELY(state.free_slow)) {
        slow_free(MP_DOMAIN_MEM, p);
        return;
    }
    object_free(p);
}

void *
MpMem_RawMalloc(size_t nbytes)
{
    if (MP_UNLIKELY(state.slow)) {
        return slow_malloc(MP_DOMAIN_RAW, nbytes);
    }
    return mp_rawmem_malloc(MP_RAWMEM_RAW, nbytes);
}

void *
MpMem_RawCalloc(size_t nelem, size_t elsize)
{
    size_t nbytes;
    if (MP_UNLIKELY(state.slow)) {
        return slow_calloc(MP_DOMAIN_RAW, nelem, elsize);
    }
    if (mp_alloc_mul(nelem, elsize, &nbytes) < 0) {
        return NULL;
    }
    return mp_rawmem_calloc(MP_RAWMEM_RAW, nbytes);
}

void *
MpMem_RawRealloc(void *p, size_t nbytes)
{
    if (MP_UNLIKELY(state.slow)) {
        return slow_realloc(MP_DOMAIN_RAW, p, nbytes);
    }
    return mp_rawmem_realloc(MP_RAWMEM_RAW, p, nbytes);
}

void
MpMem_RawFree(void *p)
{
    if (MP_UNLIKELY(state.mode == MP_OBMALLOC_DEBUG)) {
        mp_debugmalloc_free(MP_DOMAIN_RAW, p);
        return;
    }
    mp_rawmem_free(MP_RAWMEM_RAW, p);
}

void
MpAlloc_SetFailHook(MpAlloc_FailHook hook, void *arg)
{
    state.fail_hook = hook;
    state.fail_arg = arg;
    update_slow();
}

void
mp_obmalloc_track_usage(void)
{
    MpAllocStats st;
    if (mp_alloc_usage.tracking) {
        return;
    }
    if (!state.initialized) {
        obmalloc_init();
    }
    MpAlloc_GetStats(&st);
    mp_alloc_usage.current = mp_alloc_usage.peak = st.bytes_in_use;
    mp_alloc_usage.tracking = 1;
    update_slow();
}

void
mp_obmalloc_set_limited(int on)
{
    if (on) {
        mp_obmalloc_track_usage();
    }
    state.limited = on;
}

int
mp_obmalloc_tracking_usage(void)
{
    return mp_alloc_usage.tracking;
}

int
mp_obmalloc_size_class(size_t nbytes)
{
    size_t idx = (nbytes - 1) >> ALIGNMENT_SHIFT;
    return idx < NB_SMALL_SIZE_CLASSES ? (int)idx : -1;
}

size_t
mp_obmalloc_block_size(const void *p, int *szclass)
{
    *szclass = -1;
    if (state.mode == MP_OBMALLOC_DEBUG) {
        size_t nbytes = mp_debugmalloc_size(p);
        *szclass = mp_obmalloc_size_class(nbytes);
        return *szclass >= 0 ? INDEX2SIZE(*szclass) : nbytes;
    }
    if (state.mode == MP_OBMALLOC_MALLOC || !address_in_range(p)) {
        return mp_rawmem_size(p);
    }
    *szclass = (int)POOL_ADDR(p)->szidx;
    return INDEX2SIZE(*szclass);
}

enum mp_obmalloc_mode
mp_obmalloc_get_mode(void)
{
    if (!state.mode_chosen) {
        choose_mode_from_env();
    }
    return state.mode;
}

int
mp_obmalloc_set_mode(enum mp_obmalloc_mode mode)
{
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    if (st.blocks_in_use != 0) {
        return -1;
    }
    state.mode = mode;
    state.mode_chosen = 1;
    if (!state.initialized) {
        obmalloc_init();
    }
    update_slow();
    return 0;
}

/* ---- Statistics, checking, shutdown ---- */

struct pool_census {
    size_t pools[NB_SMALL_SIZE_CLASSES];
    size_t blocks[NB_SMALL_SIZE_CLASSES];
    size_t empty_pools;         /* carved, no block in use */
    size_t uncarved_pools;
};

static void
take_census(struct pool_census *c)
{
    memset(c, 0, sizeof(*c));
    for (unsigned int i = 0; i < state.maxarenas; i++) {
        struct arena_object *ao = &state.arenas[i];
        if (ao->address == 0) {
            continue;
        }
        block *p = (block *)ao->address;
        for (; p < ao->pool_address; p += POOL_SIZE) {
            struct pool_header *pool = (struct pool_header *)p;
            if (pool->count == 0) {
                c->empty_pools++;
                continue;
            }
            c->pools[pool->szidx]++;
            c->blocks[pool->szidx] += pool->count;
        }
        c->uncarved_pools +=
            (ao->address + ARENA_SIZE - (uintptr_t)ao->pool_address)
            / POOL_SIZE;
    }
}

void
MpAlloc_GetStats(MpAllocStats *st)
{
    struct pool_census c;
    take_census(&c);
    memset(st, 0, sizeof(*st));
    st->arenas_allocated = state.ntimes_arena_allocated;
    st->arenas_freed = state.narenas_freed;
    st->arenas_in_use = state.narenas_currently_allocated;
    st->arenas_highwater = state.narenas_highwater;
    st->arena_size = ARENA_SIZE;
    st->pool_size = POOL_SIZE;
    st->pools_empty = c.empty_pools;
    st->nclasses = NB_SMALL_SIZE_CLASSES;
    for (size_t i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
        size_t size = INDEX2SIZE(i);
        MpAllocClassStats *cs = &st->classes[i];
        cs->block_size = size;
        cs->pools = c.pools[i];
        cs->blocks_in_use = c.blocks[i];
        cs->free_blocks = c.pools[i] * POOL_CAPACITY(size) - c.blocks[i];
        cs->blocks_recorded = mp_alloc_requests.blocks[i];
        cs->bytes_requested = mp_alloc_requests.bytes[i];
        st->small_blocks_in_use += c.blocks[i];
        st->small_bytes_in_use += c.blocks[i] * size;
        st->small_blocks_recorded += cs->blocks_recorded;
        st->small_bytes_requested += cs->bytes_requested;
        st->small_bytes_in_recorded_blocks += cs->blocks_recorded * size;
    }
    mp_rawmem_counts(MP_RAWMEM_LARGE, &st->large_blocks_in_use,
                     &st->large_bytes_in_use);
    mp_rawmem_counts(MP_RAWMEM_RAW, &st->raw_blocks_in_use,
                     &st->raw_bytes_in_use);
    st->bytes_in_use = st->small_bytes_in_use + st->large_bytes_in_use
                       + st->raw_bytes_in_use;
    st->blocks_in_use = st->small_blocks_in_use + st->large_blocks_in_use
                        + st->raw_blocks_in_use;
    st->bytes_mapped = state.narenas_currently_allocated * ARENA_SIZE;
}

/* The state of the carved pool 'pool'. */
static enum mp_pool_state
pool_state(const struct pool_header *pool)
{
    if (pool->count == 0) {
        return MP_POOL_EMPTY;
    }
    return pool->freeblock == NULL ? MP_POOL_FULL : MP_POOL_USED;
}

void
mp_obmalloc_walk_pools(mp_pool_visitor visit, void *arg)
{
    for (unsigned int i = 0; i < state.maxarenas; i++) {
        struct arena_object *ao = &state.arenas[i];
        struct mp_pool_view v = {.arena = i};
        if (ao->address == 0) {
            continue;
        }
        for (v.index = 0; v.index < POOLS_PER_ARENA; v.index++) {
            block *p = (block *)ao->address + (size_t)v.index * POOL_SIZE;
            struct pool_header *pool = (struct pool_header *)p;
            int carved = p < ao->pool_address;
            v.state = carved ? pool_state(pool) : MP_POOL_UNTOUCHED;
            v.szidx = carved ? pool->szidx : NO_CLASS;
            v.count = carved ? pool->count : 0;
            visit(&v, arg);
        }
    }
}

/* Bytes the arena map uses now (the static top level and the leaves). */
size_t
mp_obmalloc_map_bytes(void)
{
    return sizeof(state.arena_map)
           + state.map_leaves * sizeof(struct arena_map_leaf);
}

/* Report one broken invariant; returns 1 so callers can count. */
static int
bad(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mp_obmalloc_check: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

/* Free list, frontier and count of one pool in use.  Counts the pools
 * that should be on usedpools in 'partial'. */
static int
check_used_pool(struct pool_header *pool, size_t *partial)
{
    if (pool->szidx >= NB_SMALL_SIZE_CLASSES) {
        return bad("pool %p: size class %u", (void *)pool, pool->szidx);
    }
    size_t size = INDEX2SIZE(pool->szidx), cap = POOL_CAPACITY(size);
    size_t span = pool->nextoffset - POOL_OVERHEAD, carved = span / size;
    int err = 0;
    if (pool->nextoffset < POOL_OVERHEAD || span % size != 0
        || carved > cap || pool->maxnextoffset != POOL_SIZE - size) {
        return bad("pool %p: frontier %u/%u", (void *)pool,
                   pool->nextoffset, pool->maxnextoffset);
    }
    size_t nfree = 0;
    for (block *b = pool->freeblock; b != NULL; b = *(block **)b) {
        size_t off = (size_t)(b - (block *)pool);
        if (nfree > carved || off < POOL_OVERHEAD || off >= pool->nextoffset
            || (off - POOL_OVERHEAD) % size != 0) {
            return bad("pool %p: bad free block %p", (void *)pool, (void *)b);
        }
        nfree++;
    }
    if (nfree + pool->count != carved) {
        err += bad("pool %p: %zu free + %u in use != %zu carved",
                   (void *)pool, nfree, pool->count, carved);
    }
    if (pool->count < cap) {
        partial[pool->szidx]++;
        if (pool->freeblock == NULL) {
            err += bad("pool %p: not full, no free block", (void *)pool);
        }
    }
    return err;
}

/* Pools of one arena, its freepools list and its map entry. */
static int
check_arena(struct arena_object *ao, size_t *partial)
{
    int err = 0;
    unsigned int index = (unsigned int)(ao - state.arenas);
    size_t nempty = 0, nlisted = 0;
    if (ao->address % ARENA_SIZE != 0 || !address_in_range((void *)ao->address)
        || !address_in_range((void *)(ao->address + ARENA_SIZE - 1))) {
        err += bad("arena %p: misaligned or not in the arena map",
                   (void *)ao->address);
    }
    for (block *p = (block *)ao->address; p < ao->pool_address;
         p += POOL_SIZE) {
        struct pool_header *pool = (struct pool_header *)p;
        if (pool->arenaindex != index) {
            err += bad("pool %p: arena index %u, not %u", (void *)pool,
                       pool->arenaindex, index);
        }
        if (pool->count == 0) {
            nempty++;
        }
        else {
            err += check_used_pool(pool, partial);
        }
    }
    for (struct pool_header *pool = ao->freepools; pool != NULL;
         pool = (struct pool_header *)pool->link.nextpool) {
        if (nlisted++ > nempty || POOL_ADDR(pool) != pool
            || (uintptr_t)pool - ao->address >= ARENA_SIZE
            || pool->count != 0) {
            return err + bad("arena %p: bad freepools entry %p",
                             (void *)ao->address, (void *)pool);
        }
    }
    size_t uncarved = (ao->address + ARENA_SIZE
                       - (uintptr_t)ao->pool_address) / POOL_SIZE;
    if (nlisted != nempty || ao->nfreepools != nempty + uncarved) {
        err += bad("arena %p: nfreepools %u, %zu empty (%zu listed), "
                   "%zu uncarved", (void *)ao->address, ao->nfreepools,
                   nempty, nlisted, uncarved);
    }
    return err;
}

/* usedpools lists against the census of partly used pools. */
static int
check_usedpools(const size_t *partial)
{
    int err = 0;
    for (unsigned int c = 0; c < NB_SMALL_SIZE_CLASSES; c++) {
        struct pool_link *head = &state.usedpools[c];
        size_t n = 0;
        for (struct pool_link *l = head->nextpool; l != head;
             l = l->nextpool) {
            struct pool_header *pool = (struct pool_header *)l;
            if (n++ > partial[c] || l->nextpool->prevpool != l
                || pool->szidx != c || pool->count == 0
                || pool->count >= POOL_CAPACITY(INDEX2SIZE(c))) {
                return err + bad("usedpools[%u]: bad pool %p", c,
                                 (void *)pool);
            }
        }
        if (n != partial[c]) {
            err += bad("usedpools[%u]: %zu listed, %zu partly used", c, n,
                       partial[c]);
        }
    }
    return err;
}

/* usable_arenas order, back links and nfp2lasta. */
static int
check_usable_arenas(size_t nusable)
{
    struct arena_object *last[POOLS_PER_ARENA + 1] = {NULL};
    struct arena_object *prev = NULL;
    size_t n = 0;
    int err = 0;
    for (struct arena_object *ao = state.usable_arenas; ao != NULL;
         ao = ao->nextarena) {
        if (n++ > nusable || ao->prevarena != prev || ao->nfreepools == 0
            || ao->nfreepools > POOLS_PER_ARENA
            || (prev != NULL && prev->nfreepools > ao->nfreepools)) {
            return bad("usable_arenas: bad entry %p", (void *)ao->address);
        }
        last[ao->nfreepools] = ao;
        prev = ao;
    }
    if (n != nusable) {
        err += bad("usable_arenas: %zu listed, %zu have free pools", n,
                   nusable);
    }
    for (size_t k = 0; k <= POOLS_PER_ARENA; k++) {
        if (state.nfp2lasta[k] != last[k]) {
            err += bad("nfp2lasta[%zu] is wrong", k);
        }
    }
    return err;
}

int
mp_obmalloc_check(void)
{
    size_t partial[NB_SMALL_SIZE_CLASSES] = {0};
    size_t nlive = 0, nusable = 0, nmapped = 0;
    int err = 0;
    if (!state.initialized) {
        return 0;
    }
    for (unsigned int i = 0; i < state.maxarenas; i++) {
        struct arena_object *ao = &state.arenas[i];
        if (ao->address != 0) {
            nlive++;
            nusable += ao->nfreepools > 0;
            err += check_arena(ao, partial);
        }
    }
    for (size_t t = 0; t < MAP_TOP_LEN; t++) {
        nmapped += state.arena_map[t] ? state.arena_map[t]->narenas : 0;
    }
    if (nlive != state.narenas_currently_allocated || nmapped != nlive) {
        err += bad("%zu arenas live, %zu counted, %zu in the map", nlive,
                   state.narenas_currently_allocated, nmapped);
    }
    return err + check_usedpools(partial) + check_usable_arenas(nusable);
}

size_t
mp_obmalloc_fini(void)
{
#ifdef MP_DEBUG
    if (mp_obmalloc_check() != 0) {
        fprintf(stderr, "mp_obmalloc_fini: the allocator is inconsistent\n");
        abort();
    }
#endif
    for (unsigned int i = 0; i < state.maxarenas; i++) {
        struct arena_object *ao = &state.arenas[i];
        unsigned int nf = ao->nfreepools;
        if (ao->address == 0 || nf != ao->ntotalpools) {
            continue;
        }
        if (state.nfp2lasta[nf] == ao) {
            struct arena_object *prev = ao->prevarena;
            state.nfp2lasta[nf] =
                (prev != NULL && prev->nfreepools == nf) ? prev : NULL;
        }
        arena_list_unlink(ao);
        free_arena(ao);
    }
    if (state.narenas_currently_allocated != 0) {
        return state.narenas_currently_allocated;
    }
    /* nothing left: back to the initial state, but the mode, the hook and
     * the limit stay as chosen (MINIPYMALLOC is read once per process);
     * usage tracking stops unless the limit needs it (every pool block was
     * freed, and uncounted, before this point), and so does recording */
    enum mp_obmalloc_mode mode = state.mode;
    int chosen = state.mode_chosen;
    int limited = state.limited;
    MpAlloc_FailHook hook = state.fail_hook;
    void *arg = state.fail_arg;
    free(state.arenas);
    memset(&state, 0, sizeof(state));
    state.mode = mode;
    state.mode_chosen = chosen;
    state.limited = limited;
    state.fail_hook = hook;
    state.fail_arg = arg;
    mp_alloc_usage.tracking = limited;
    mp_alloc_requests.on = 0;
    update_slow();
    return 0;
}
