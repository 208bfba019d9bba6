/*
 * tests/alloc/test_memrequests.c -- the bytes requested per small block
 * (alloc/memrequests.c): recorded from MpMem_ResetPeak on, kept exact
 * through malloc, calloc, realloc (in place, moved, failed) and free,
 * reported per size class by MpAlloc_GetStats, and reset by
 * mp_obmalloc_fini.
 *
 * Forces the default mode (arenas and pools).  Each test returns every
 * block and then every arena (mp_obmalloc_fini), so each starts with
 * recording off, as a process does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minipy.h"
#include "alloc/obmalloc.h"
#include "support/pool_fixture.h"

#define TABLE_BYTES     (ARENA_SIZE >> ALIGNMENT_SHIFT)

/* The fixture's checks, then every arena back: recording stops. */
static int
teardown_all(void **state)
{
    int r = teardown(state);
    assert_int_equal(mp_obmalloc_fini(), 0);
    assert_false(mp_alloc_requests.on);
    assert_int_equal(mp_alloc_requests.table_bytes, 0);
    return r;
}

static const MpAllocClassStats *
class_of(const MpAllocStats *st, size_t nbytes)
{
    return &st->classes[mp_obmalloc_size_class(nbytes)];
}

/* Blocks handed out before recording stay unrecorded, and freeing them
 * changes no total. */
static void
test_only_after_start(void **unused)
{
    (void)unused;
    void *early = MpObject_Malloc(20);
    assert_false(mp_alloc_requests.on);
    MpMem_ResetPeak();
    assert_true(mp_alloc_requests.on);
    void *late = MpObject_Malloc(20);
    MpAllocStats st = stats();
    assert_int_equal(st.small_blocks_in_use, 2);
    assert_int_equal(st.small_blocks_recorded, 1);
    assert_int_equal(st.small_bytes_requested, 20);
    MpObject_Free(early);
    st = stats();
    assert_int_equal(st.small_blocks_recorded, 1);
    assert_int_equal(class_of(&st, 20)->bytes_requested, 20);
    MpObject_Free(late);
    st = stats();
    assert_int_equal(st.small_blocks_recorded, 0);
    assert_int_equal(st.small_bytes_requested, 0);
}

/* Every small size once: each class holds ALIGNMENT requests, and the
 * totals follow the blocks freed. */
static void
test_every_size(void **unused)
{
    (void)unused;
    static void *p[SMALL_REQUEST_THRESHOLD + 1];
    MpMem_ResetPeak();
    for (size_t n = 1; n <= SMALL_REQUEST_THRESHOLD; n++) {
        p[n] = (n % 2) ? MpObject_Malloc(n) : MpMem_Malloc(n);
        assert_non_null(p[n]);
    }
    MpAllocStats st = stats();
    size_t total = 0;
    for (size_t i = 0; i < st.nclasses; i++) {
        size_t size = st.classes[i].block_size;
        size_t sum = ALIGNMENT * size - ALIGNMENT * (ALIGNMENT - 1) / 2;
        assert_int_equal(st.classes[i].blocks_recorded, ALIGNMENT);
        assert_int_equal(st.classes[i].bytes_requested, sum);
        total += sum;
    }
    assert_int_equal(total, SMALL_REQUEST_THRESHOLD
                            * (SMALL_REQUEST_THRESHOLD + 1) / 2);
    assert_int_equal(st.small_bytes_requested, total);
    assert_int_equal(st.small_blocks_recorded, SMALL_REQUEST_THRESHOLD);
    assert_int_equal(st.small_bytes_in_recorded_blocks, st.small_bytes_in_use);
    for (size_t n = 2; n <= SMALL_REQUEST_THRESHOLD; n += 2) {
        MpMem_Free(p[n]);
        total -= n;
    }
    st = stats();
    assert_int_equal(st.small_bytes_requested, total);
    assert_int_equal(st.small_blocks_recorded, SMALL_REQUEST_THRESHOLD / 2);
    for (size_t n = 1; n <= SMALL_REQUEST_THRESHOLD; n += 2) {
        MpObject_Free(p[n]);
    }
    assert_int_equal(stats().small_bytes_requested, 0);
}

/* In place, moved to another class, moved to the system malloc and
 * back, and refused: the request always belongs to the live block. */
static void
test_realloc_moves_the_request(void **unused)
{
    (void)unused;
    MpMem_ResetPeak();
    char *p = MpObject_Malloc(20);          /* a 24-byte block */
    char *q = MpObject_Realloc(p, 22);      /* stays in place */
    assert_ptr_equal(q, p);
    MpAllocStats st = stats();
    assert_int_equal(st.small_blocks_recorded, 1);
    assert_int_equal(class_of(&st, 22)->bytes_requested, 22);
    q = MpObject_Realloc(q, 10);            /* to the 16-byte class */
    st = stats();
    assert_int_equal(class_of(&st, 22)->blocks_recorded, 0);
    assert_int_equal(class_of(&st, 10)->bytes_requested, 10);
    MpAlloc_SetLimit(stats().bytes_in_use);     /* no growth allowed */
    assert_null(MpObject_Realloc(q, 100));
    MpAlloc_SetLimit(0);
    st = stats();
    assert_int_equal(st.small_blocks_recorded, 1);
    assert_int_equal(class_of(&st, 10)->bytes_requested, 10);
    q = MpObject_Realloc(q, 2000);          /* to the system malloc */
    st = stats();
    assert_int_equal(st.small_blocks_recorded, 0);
    assert_int_equal(st.small_bytes_requested, 0);
    MpObject_Free(q);
}

/* calloc counts its product; a raw block, a 0-byte one and a large one
 * are the system's and are never small. */
static void
test_calloc_and_system_blocks(void **unused)
{
    (void)unused;
    MpMem_ResetPeak();
    void *c = MpObject_Calloc(3, 7);
    void *raw = MpMem_RawMalloc(10);
    void *zero = MpObject_Malloc(0);
    void *large = MpMem_Malloc(600);
    MpAllocStats st = stats();
    assert_int_equal(st.small_blocks_recorded, 1);
    assert_int_equal(class_of(&st, 21)->bytes_requested, 21);
    assert_int_equal(st.large_blocks_in_use, 2);
    assert_int_equal(st.raw_blocks_in_use, 1);
    MpObject_Free(c);
    MpMem_RawFree(raw);
    MpObject_Free(zero);
    MpMem_Free(large);
    assert_int_equal(stats().small_blocks_recorded, 0);
}

/* A table per mapped arena: made for the arenas already there, and for
 * each one mapped later; given back with its arena. */
static void
test_tables_follow_arenas(void **unused)
{
    (void)unused;
    enum { N = 3 * (ARENA_SIZE / SMALL_REQUEST_THRESHOLD) };
    static void *p[N];
    void *first = MpObject_Malloc(8);
    MpMem_ResetPeak();
    assert_int_equal(mp_alloc_requests.table_bytes,
                     stats().arenas_in_use * TABLE_BYTES);
    for (size_t i = 0; i < N; i++) {
        p[i] = MpObject_Malloc(SMALL_REQUEST_THRESHOLD - 1);
        assert_non_null(p[i]);
    }
    MpAllocStats st = stats();
    assert_true(st.arenas_in_use >= 3);
    assert_int_equal(mp_alloc_requests.table_bytes,
                     st.arenas_in_use * TABLE_BYTES);
    assert_int_equal(st.small_blocks_recorded, N);
    assert_int_equal(st.small_bytes_requested,
                     N * (SMALL_REQUEST_THRESHOLD - 1));
    for (size_t i = 0; i < N; i++) {
        MpObject_Free(p[i]);
    }
    st = stats();
    assert_true(st.arenas_in_use < 3);
    assert_int_equal(mp_alloc_requests.table_bytes,
                     st.arenas_in_use * TABLE_BYTES);
    MpObject_Free(first);
}

/* In debug mode the pool is asked for the guard bytes too. */
static void
test_debug_mode_counts_guards(void **unused)
{
    (void)unused;
    assert_int_equal(mp_obmalloc_set_mode(MP_OBMALLOC_DEBUG), 0);
    MpMem_ResetPeak();
    void *p = MpObject_Malloc(10);
    MpAllocStats st = stats();
    assert_int_equal(st.small_blocks_recorded, 1);
    assert_int_equal(st.small_bytes_requested,
                     10 + mp_debugmalloc_overhead());
    MpObject_Free(p);
    assert_int_equal(stats().small_blocks_recorded, 0);
    assert_int_equal(mp_obmalloc_set_mode(MP_OBMALLOC_PYMALLOC), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_only_after_start, setup,
                                        teardown_all),
        cmocka_unit_test_setup_teardown(test_every_size, setup,
                                        teardown_all),
        cmocka_unit_test_setup_teardown(test_realloc_moves_the_request, setup, teardown_all),
        cmocka_unit_test_setup_teardown(test_calloc_and_system_blocks, setup,
                                        teardown_all),
        cmocka_unit_test_setup_teardown(test_tables_follow_arenas, setup,
                                        teardown_all),
        cmocka_unit_test_setup_teardown(test_debug_mode_counts_guards, setup,
                                        teardown_all),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
