/*
 * tests/alloc/test_obmalloc.c -- size classes, pools, arenas, realloc,
 * alignment, the ownership test, the fail hook and the statistics.
 *
 * These tests look at pools and arenas, so they force the default mode
 * whatever MINIPYMALLOC says.  Each test checks that blocks_in_use is back
 * at its baseline and that mp_obmalloc_check() finds nothing wrong.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "minipy.h"
#include "alloc/obmalloc.h"
#include "support/pool_fixture.h"


static size_t
capacity(size_t cls)
{
    return POOL_CAPACITY(INDEX2SIZE(cls));
}

static void
test_size_classes(void **unused)
{
    (void)unused;
    assert_int_equal(mp_obmalloc_size_class(0), -1);
    assert_int_equal(mp_obmalloc_size_class(1), 0);
    assert_int_equal(mp_obmalloc_size_class(ALIGNMENT), 0);
    assert_int_equal(mp_obmalloc_size_class(ALIGNMENT + 1), 1);
    assert_int_equal(mp_obmalloc_size_class(512), NB_SMALL_SIZE_CLASSES - 1);
    assert_int_equal(mp_obmalloc_size_class(513), -1);
    assert_int_equal(mp_obmalloc_size_class((size_t)-1), -1);
#ifdef MP_ALLOC_CPYTHON311
    assert_int_equal(NB_SMALL_SIZE_CLASSES, 32);
    assert_int_equal(POOL_SIZE, 16384);
#else
    assert_int_equal(NB_SMALL_SIZE_CLASSES, 64);
    assert_int_equal(POOL_SIZE, 4096);
#endif
    MpAllocStats before = stats();
    assert_int_equal(before.nclasses, NB_SMALL_SIZE_CLASSES);
    for (size_t n = 1; n <= 512; n++) {
        size_t cls = (n + ALIGNMENT - 1) / ALIGNMENT - 1;
        void *p = MpObject_Malloc(n);
        assert_non_null(p);
        MpAllocStats st = stats();
        assert_int_equal(st.classes[cls].block_size, (cls + 1) * ALIGNMENT);
        assert_int_equal(st.classes[cls].blocks_in_use,
                         before.classes[cls].blocks_in_use + 1);
        assert_int_equal(st.small_blocks_in_use,
                         before.small_blocks_in_use + 1);
        assert_true(mp_obmalloc_address_in_range(p));
        memset(p, 0xab, n);
        MpObject_Free(p);
    }
    /* above the threshold: the system malloc, counted as large */
    void *big = MpObject_Malloc(513);
    assert_false(mp_obmalloc_address_in_range(big));
    assert_int_equal(stats().large_blocks_in_use,
                     before.large_blocks_in_use + 1);
    assert_int_equal(stats().large_bytes_in_use,
                     before.large_bytes_in_use + 513);
    MpObject_Free(big);
}

static void
test_pool_states(void **unused)
{
    (void)unused;
    const size_t cls = 5, size = INDEX2SIZE(cls), cap = capacity(cls);
    void **blocks = calloc(cap + 1, sizeof(void *));
    MpAllocStats st0 = stats();
    assert_int_equal(st0.classes[cls].pools, 0);

    /* used: the first block opens a pool */
    blocks[0] = MpObject_Malloc(size);
    assert_int_equal(stats().classes[cls].pools, 1);
    assert_int_equal(stats().classes[cls].free_blocks, cap - 1);
    /* full: every block of the pool handed out, from the same pool */
    for (size_t i = 1; i < cap; i++) {
        blocks[i] = MpObject_Malloc(size);
        assert_ptr_equal(POOL_ADDR(blocks[i]), POOL_ADDR(blocks[0]));
    }
    assert_int_equal(stats().classes[cls].free_blocks, 0);
    assert_int_equal(mp_obmalloc_check(), 0);
    /* the next request needs a second pool */
    blocks[cap] = MpObject_Malloc(size);
    assert_ptr_not_equal(POOL_ADDR(blocks[cap]), POOL_ADDR(blocks[0]));
    assert_int_equal(stats().classes[cls].pools, 2);
    /* full -> used: the pool rejoins its class list at the tail, so the
     * next request still comes from the pool at the head */
    void *victim = blocks[cap / 2];
    MpObject_Free(victim);
    assert_int_equal(mp_obmalloc_check(), 0);
    void *next = MpObject_Malloc(size);
    assert_ptr_equal(POOL_ADDR(next), POOL_ADDR(blocks[cap]));
    /* used -> empty: the second pool leaves the list ... */
    size_t empty0 = stats().pools_empty;
    MpObject_Free(next);
    MpObject_Free(blocks[cap]);
    assert_int_equal(stats().classes[cls].pools, 1);
    assert_int_equal(stats().pools_empty, empty0 + 1);
    /* ... so the first pool's free block is the only one left */
    blocks[cap / 2] = MpObject_Malloc(size);
    assert_ptr_equal(blocks[cap / 2], victim);
    for (size_t i = 0; i < cap; i++) {
        MpObject_Free(blocks[i]);
    }
    assert_int_equal(stats().classes[cls].pools, 0);
    assert_int_equal(stats().pools_empty, empty0 + 2);
    assert_int_equal(mp_obmalloc_check(), 0);
    free(blocks);
}

static void
test_pool_reused_for_other_class(void **unused)
{
    (void)unused;
    const size_t other = NB_SMALL_SIZE_CLASSES - 3;
    assert_int_equal(mp_obmalloc_fini(), 0);    /* start from no arena */
    void *a = MpObject_Malloc(INDEX2SIZE(2));
    struct pool_header *pool = POOL_ADDR(a);
    MpObject_Free(a);
    assert_int_equal(stats().pools_empty, 1);
    /* the empty pool is the first candidate for any other class */
    void *b = MpObject_Malloc(INDEX2SIZE(other));
    assert_ptr_equal(POOL_ADDR(b), pool);
    assert_int_equal(stats().classes[other].pools, 1);
    assert_int_equal(stats().classes[2].pools, 0);
    assert_int_equal(stats().pools_empty, 0);
    /* the whole pool now serves the new class */
    void *c = MpObject_Malloc(INDEX2SIZE(other));
    assert_ptr_equal(POOL_ADDR(c), pool);
    assert_ptr_equal((char *)c, (char *)b + INDEX2SIZE(other));
    MpObject_Free(b);
    MpObject_Free(c);
}

/* Allocate 'n' blocks of class 'cls' into 'out'. */
static void
fill(void **out, size_t n, size_t cls)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = MpObject_Malloc(INDEX2SIZE(cls));
        assert_non_null(out[i]);
    }
}

static void
test_arenas_fill_and_return(void **unused)
{
    (void)unused;
    const size_t cls = NB_SMALL_SIZE_CLASSES - 1;
    const size_t per_arena = POOLS_PER_ARENA * capacity(cls);
    const size_t n = 3 * per_arena;
    void **blocks = malloc(n * sizeof(void *));
    assert_int_equal(mp_obmalloc_fini(), 0);
    MpAllocStats st0 = stats();
    assert_int_equal(st0.arenas_in_use, 0);

    /* aligned arenas hold exactly POOLS_PER_ARENA pools */
    fill(blocks, per_arena, cls);
    assert_int_equal(stats().arenas_in_use, 1);
    assert_int_equal(stats().classes[cls].pools, POOLS_PER_ARENA);
    fill(blocks + per_arena, 1, cls);
    assert_int_equal(stats().arenas_in_use, 2);
    fill(blocks + per_arena + 1, n - per_arena - 1, cls);
    MpAllocStats full = stats();
    assert_int_equal(full.arenas_in_use, 3);
    assert_int_equal(full.arenas_allocated, st0.arenas_allocated + 3);
    assert_int_equal(full.arenas_highwater, 3);
    assert_int_equal(full.bytes_mapped, 3 * ARENA_SIZE);
    assert_int_equal(mp_obmalloc_check(), 0);

    /* empty the last arena: it is kept (the only usable arena) */
    for (size_t i = n; i-- > 2 * per_arena;) {
        MpObject_Free(blocks[i]);
        if (i % 997 == 0) {
            assert_int_equal(mp_obmalloc_check(), 0);
        }
    }
    assert_int_equal(stats().arenas_in_use, 3);
    assert_int_equal(stats().arenas_freed, full.arenas_freed);
    /* empty the middle one: one empty arena is kept already, so this one
     * goes back to the OS at once */
    for (size_t i = per_arena; i < 2 * per_arena; i++) {
        MpObject_Free(blocks[i]);
        if (i % 997 == 0) {
            assert_int_equal(mp_obmalloc_check(), 0);
        }
    }
    assert_int_equal(stats().arenas_in_use, 2);
    assert_int_equal(stats().arenas_freed, full.arenas_freed + 1);
    assert_int_equal(mp_obmalloc_check(), 0);
    for (size_t i = 0; i < per_arena; i++) {
        MpObject_Free(blocks[i]);
    }
    MpAllocStats after = stats();
    assert_int_equal(after.arenas_in_use, 1);
    assert_int_equal(after.arenas_freed, full.arenas_freed + 2);
    assert_int_equal(after.small_blocks_in_use, 0);
    assert_int_equal(mp_obmalloc_check(), 0);
    /* fini releases the kept arena too */
    assert_int_equal(mp_obmalloc_fini(), 0);
    assert_int_equal(stats().arenas_in_use, 0);
    assert_int_equal(stats().bytes_mapped, 0);
    free(blocks);
}

static void
test_fini_keeps_live_arenas(void **unused)
{
    (void)unused;
    void *p = MpObject_Malloc(8);
    assert_int_equal(mp_obmalloc_fini(), 1);
    assert_true(mp_obmalloc_address_in_range(p));
    assert_int_equal(mp_obmalloc_check(), 0);
    MpObject_Free(p);
    assert_int_equal(mp_obmalloc_fini(), 0);
}

static void
fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (unsigned char)(seed * 31 + i * 7);
    }
}

static void
check_pattern(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(p[i], (unsigned char)(seed * 31 + i * 7));
    }
}

static void
test_realloc_contents(void **unused)
{
    (void)unused;
    /* within a class: same block */
    unsigned char *p = MpObject_Realloc(NULL, 2 * ALIGNMENT - 3);
    fill_pattern(p, 2 * ALIGNMENT - 3, 1);
    unsigned char *q = MpObject_Realloc(p, 2 * ALIGNMENT);
    assert_ptr_equal(p, q);
    check_pattern(q, 2 * ALIGNMENT - 3, 1);
    /* growing across classes, up to large sizes and back down */
    size_t sizes[] = {2 * ALIGNMENT, 100, 250, 512, 513, 4000, 100000,
                      700, 300, 40, 8, 1};
    size_t prev = 2 * ALIGNMENT - 3;
    int in_pools = 1;   /* once with the system malloc, a block stays */
    fill_pattern(q, prev, 2);
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t n = sizes[i];
        q = MpObject_Realloc(q, n);
        assert_non_null(q);
        check_pattern(q, prev < n ? prev : n, (unsigned)i + 2);
        in_pools = in_pools && mp_obmalloc_size_class(n) >= 0;
        assert_int_equal(mp_obmalloc_address_in_range(q), in_pools);
        fill_pattern(q, n, (unsigned)i + 3);
        prev = n;
    }
    MpObject_Free(q);
    /* small -> large moves to malloc; a shrink by half moves */
    p = MpMem_Malloc(64);
    fill_pattern(p, 64, 9);
    q = MpMem_Realloc(p, 4096);
    assert_false(mp_obmalloc_address_in_range(q));
    check_pattern(q, 64, 9);
    MpMem_Free(q);
    p = MpObject_Malloc(256);
    fill_pattern(p, 256, 4);
    q = MpObject_Realloc(p, 64);
    assert_ptr_not_equal(p, q);
    assert_true(mp_obmalloc_address_in_range(q));
    check_pattern(q, 64, 4);
    /* realloc to 0 still returns a block */
    q = MpObject_Realloc(q, 0);
    assert_non_null(q);
    MpObject_Free(q);
    MpObject_Free(NULL);
    /* the raw family resizes and keeps its byte count exact */
    size_t raw0 = stats().raw_bytes_in_use;
    p = MpMem_RawRealloc(NULL, 10);
    fill_pattern(p, 10, 5);
    p = MpMem_RawRealloc(p, 50000);
    check_pattern(p, 10, 5);
    assert_int_equal(stats().raw_bytes_in_use, raw0 + 50000);
    MpMem_RawFree(p);
    assert_int_equal(stats().raw_bytes_in_use, raw0);
}

static void
test_alignment(void **unused)
{
    (void)unused;
    enum { N = 700 };
    void *obj[N], *mem[N], *raw[N];
    for (size_t n = 0; n < N; n++) {
        obj[n] = MpObject_Malloc(n);
        mem[n] = MpMem_Calloc(1, n);
        raw[n] = MpMem_RawMalloc(n);
        size_t align = mp_obmalloc_size_class(n) >= 0 ? ALIGNMENT : 16;
        assert_int_equal((uintptr_t)obj[n] % align, 0);
        assert_int_equal((uintptr_t)mem[n] % align, 0);
        assert_int_equal((uintptr_t)raw[n] % 16, 0);
    }
    for (size_t n = 0; n < N; n++) {
        MpObject_Free(obj[n]);
        MpMem_Free(mem[n]);
        MpMem_RawFree(raw[n]);
    }
}

static void
test_zero_size_and_calloc(void **unused)
{
    (void)unused;
    void *a = MpObject_Malloc(0), *b = MpObject_Malloc(0);
    void *c = MpMem_Malloc(0), *d = MpMem_RawMalloc(0);
    assert_non_null(a);
    assert_non_null(d);
    assert_ptr_not_equal(a, b);
    assert_ptr_not_equal(a, c);
    MpObject_Free(a);
    MpObject_Free(b);
    MpMem_Free(c);
    MpMem_RawFree(d);
    /* calloc zeroes a recycled block */
    unsigned char *p = MpObject_Malloc(48);
    memset(p, 0xee, 48);
    MpObject_Free(p);
    unsigned char *z = MpObject_Calloc(6, 8);
    assert_ptr_equal(z, p);
    for (int i = 0; i < 48; i++) {
        assert_int_equal(z[i], 0);
    }
    MpObject_Free(z);
    assert_null(MpObject_Calloc(SIZE_MAX / 2, 3));
    assert_null(MpMem_Calloc(SIZE_MAX / 2, 3));
    assert_null(MpMem_RawCalloc(SIZE_MAX / 2, 3));
    assert_null(MpObject_Malloc(SIZE_MAX - 4));
    assert_null(MpMem_RawMalloc(SIZE_MAX - 4));
}

static void
test_ownership(void **unused)
{
    (void)unused;
    enum { N = 400 };
    void *sys[N];
    unsigned char *small = MpObject_Malloc(16);
    uintptr_t arena = (uintptr_t)small & ~(uintptr_t)(ARENA_SIZE - 1);
    /* every byte of every arena is ours ... */
    assert_true(mp_obmalloc_address_in_range((void *)arena));
    assert_true(mp_obmalloc_address_in_range(
        (void *)(arena + ARENA_SIZE - 1)));
    /* ... and pointers from the system malloc never are, whatever their
     * size (glibc maps the big ones, possibly right next to an arena) */
    for (size_t i = 0; i < N; i++) {
        size_t n = (i % 4 == 3) ? 200000 + i : 1 + i * 37;
        sys[i] = malloc(n);
        assert_non_null(sys[i]);
        assert_false(mp_obmalloc_address_in_range(sys[i]));
        assert_false(mp_obmalloc_address_in_range((char *)sys[i] + n - 1));
    }
    for (size_t i = 0; i < N; i++) {
        free(sys[i]);
    }
    /* a mapping of our own next to the arena */
    void *m = mmap(NULL, 3 * ARENA_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(m != MAP_FAILED);
    int hits = 0;
    for (size_t off = 0; off < 3 * ARENA_SIZE; off += POOL_SIZE) {
        hits += mp_obmalloc_address_in_range((char *)m + off);
    }
    assert_int_equal(hits, 0);
    munmap(m, 3 * ARENA_SIZE);
    /* odd values: no crash, not ours */
    assert_false(mp_obmalloc_address_in_range(NULL));
    assert_false(mp_obmalloc_address_in_range((void *)1));
    assert_false(mp_obmalloc_address_in_range((void *)UINTPTR_MAX));
    assert_false(mp_obmalloc_address_in_range((void *)(UINTPTR_MAX / 2)));
    assert_false(mp_obmalloc_address_in_range(&baseline));
    /* frees route correctly */
    void *large = MpObject_Malloc(1000);
    size_t large0 = stats().large_blocks_in_use;
    MpObject_Free(large);
    assert_int_equal(stats().large_blocks_in_use, large0 - 1);
    MpObject_Free(small);
}

static int fail_countdown;

static int
fail_after(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return fail_countdown-- <= 0;
}

static int
fail_over_100(size_t size, void *arg)
{
    *(int *)arg += 1;
    return size > 100;
}

static void
test_fail_hook(void **unused)
{
    (void)unused;
    void *keep = MpObject_Malloc(30);
    memset(keep, 7, 30);
    MpAllocStats before = stats();
    fail_countdown = 0;
    MpAlloc_SetFailHook(fail_after, NULL);
    assert_null(MpObject_Malloc(8));
    assert_null(MpObject_Calloc(1, 8));
    assert_null(MpObject_Malloc(100000));
    assert_null(MpMem_Malloc(8));
    assert_null(MpMem_Calloc(2, 8));
    assert_null(MpMem_RawMalloc(8));
    assert_null(MpMem_RawCalloc(8, 1));
    assert_null(MpMem_RawRealloc(NULL, 8));
    assert_null(MpObject_Realloc(keep, 300));
    assert_null(MpMem_Realloc(keep, 3000));
    assert_int_equal(stats().blocks_in_use, before.blocks_in_use);
    assert_int_equal(mp_obmalloc_check(), 0);
    /* the block survives a failed realloc untouched */
    for (int i = 0; i < 30; i++) {
        assert_int_equal(((unsigned char *)keep)[i], 7);
    }
    /* the hook sees the size */
    int calls = 0;
    MpAlloc_SetFailHook(fail_over_100, &calls);
    void *ok = MpMem_Malloc(100);
    assert_non_null(ok);
    assert_null(MpMem_Malloc(101));
    assert_int_equal(calls, 2);
    MpMem_Free(ok);
    /* removed: everything works again */
    MpAlloc_SetFailHook(NULL, NULL);
    void *p = MpObject_Realloc(keep, 300);
    assert_non_null(p);
    assert_int_equal(((unsigned char *)p)[29], 7);
    MpObject_Free(p);
}

/* Address space in use now, from /proc/self/statm (pages). */
static size_t
address_space_bytes(void)
{
    size_t pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%zu", &pages) != 1) {
            pages = 0;
        }
        fclose(f);
    }
    return pages * (size_t)sysconf(_SC_PAGESIZE);
}

/* Child of test_out_of_memory: exit status 0 if all went well. */
static int
exhaust_memory(void)
{
    enum { MAX = 1 << 20 };
    static void *blocks[MAX];
    size_t n = 0, base = stats().blocks_in_use;
    struct rlimit lim;
    lim.rlim_cur = lim.rlim_max = address_space_bytes() + 16 * ARENA_SIZE;
    if (setrlimit(RLIMIT_AS, &lim) != 0) {
        return 10;
    }
    /* pools, then the malloc fallback, then nothing */
    while (n < MAX && (blocks[n] = MpObject_Malloc(64 + n % 400)) != NULL) {
        n++;
    }
    if (n == MAX || n < 1000 || mp_obmalloc_check() != 0) {
        return 11;
    }
    if (MpMem_RawMalloc(1 << 24) != NULL || MpObject_Malloc(1 << 24)) {
        return 12;
    }
    if (stats().blocks_in_use != base + n) {
        return 13;
    }
    while (n > 0) {
        MpObject_Free(blocks[--n]);
    }
    if (stats().blocks_in_use != base || mp_obmalloc_check() != 0) {
        return 14;
    }
    /* usable again, and everything can be given back */
    void *p = MpObject_Malloc(100);
    MpObject_Free(p);
    return (p != NULL && mp_obmalloc_fini() == 0) ? 0 : 15;
}

static void
test_out_of_memory(void **unused)
{
    (void)unused;
#if defined(__SANITIZE_ADDRESS__)
    skip();     /* ASan's shadow memory does not fit under RLIMIT_AS */
#endif
    const char *vg = getenv("MP_TEST_VALGRIND");
    if (vg != NULL && *vg == '1') {
        skip();     /* valgrind's own mappings count against the limit */
    }
    int status;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        _exit(exhaust_memory());
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_stats_and_dump(void **unused)
{
    (void)unused;
    void *s = MpObject_Malloc(20), *l = MpMem_Malloc(2000);
    void *r = MpMem_RawMalloc(77);
    MpAllocStats st = stats();
    assert_int_equal(st.arena_size, ARENA_SIZE);
    assert_int_equal(st.pool_size, POOL_SIZE);
    assert_int_equal(st.blocks_in_use, st.small_blocks_in_use
                     + st.large_blocks_in_use + st.raw_blocks_in_use);
    assert_int_equal(st.bytes_in_use, st.small_bytes_in_use
                     + st.large_bytes_in_use + st.raw_bytes_in_use);
    assert_true(st.small_bytes_in_use >= 24);
    assert_true(st.large_bytes_in_use >= 2000);
    assert_true(st.raw_bytes_in_use >= 77);
    assert_int_equal(st.bytes_mapped, st.arenas_in_use * ARENA_SIZE);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    MpAlloc_DumpStats(out);
    fclose(out);
    assert_non_null(strstr(text, "Small block threshold = 512, in "));
    assert_non_null(strstr(text, "class   size   num pools"));
    assert_non_null(strstr(text, "# arenas allocated total"));
    assert_non_null(strstr(text, "# bytes lost to pool headers"));
    assert_non_null(strstr(text, "fragmentation"));
    free(text);
    MpObject_Free(s);
    MpMem_Free(l);
    MpMem_RawFree(r);
}

static void
test_check_finds_damage(void **unused)
{
    (void)unused;
    void *p = MpObject_Malloc(32), *q = MpObject_Malloc(32);
    struct pool_header *pool = POOL_ADDR(p);
    assert_int_equal(mp_obmalloc_check(), 0);
    unsigned int count = pool->count;
    pool->count = count + 1;
    fprintf(stderr, "(complaints about a damaged pool expected below)\n");
    assert_true(mp_obmalloc_check() > 0);
    pool->count = count;
    block *fb = pool->freeblock;
    pool->freeblock = (block *)pool + 3;
    assert_true(mp_obmalloc_check() > 0);
    pool->freeblock = fb;
    assert_int_equal(mp_obmalloc_check(), 0);
    MpObject_Free(p);
    MpObject_Free(q);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_size_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_reused_for_other_class,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_arenas_fill_and_return, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fini_keeps_live_arenas, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_realloc_contents, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_size_and_calloc, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ownership, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_hook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_and_dump, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_finds_damage, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
