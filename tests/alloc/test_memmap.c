/*
 * tests/alloc/test_memmap.c -- MpMem_Current / MpMem_Peak against
 * MpAlloc_GetStats (before and after usage tracking starts),
 * MpMem_GetPoolStates, and the arena map drawn by MpMem_DumpMap read back
 * and checked against the statistics.
 *
 * Forces the default mode (arenas and pools), as test_obmalloc.c does;
 * each test checks that blocks_in_use is back at its baseline.
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

#define NBLOCKS 3000

static void *blocks[NBLOCKS];

/* Blocks of many sizes, small and large, from every family. */
static void
allocate_mix(void)
{
    for (size_t i = 0; i < NBLOCKS; i++) {
        size_t size = (i * 37) % 700;
        switch (i % 3) {
        case 0:
            blocks[i] = MpObject_Malloc(size);
            break;
        case 1:
            blocks[i] = MpMem_Malloc(size);
            break;
        default:
            blocks[i] = MpMem_RawMalloc(size);
            break;
        }
        assert_non_null(blocks[i]);
    }
}

static void
free_mix(size_t step)
{
    for (size_t i = 0; i < NBLOCKS; i += step) {
        if (blocks[i] == NULL)
            continue;
        if (i % 3 == 2)
            MpMem_RawFree(blocks[i]);
        else
            MpObject_Free(blocks[i]);
        blocks[i] = NULL;
    }
}

/* Allocate, reallocate and free a mix, comparing MpMem_Current with the
 * census of MpAlloc_GetStats at each step. */
static void
check_current_through_a_mix(void)
{
    assert_int_equal(MpMem_Current(), stats().bytes_in_use);
    allocate_mix();
    assert_int_equal(MpMem_Current(), stats().bytes_in_use);
    for (size_t i = 0; i < NBLOCKS; i += 3) {
        /* grow small to large, large to small, small within its class */
        blocks[i] = MpObject_Realloc(blocks[i], (i * 53) % 900 + 1);
        assert_non_null(blocks[i]);
    }
    blocks[2] = MpMem_RawRealloc(blocks[2], 5000);
    assert_int_equal(MpMem_Current(), stats().bytes_in_use);
    free_mix(2);
    assert_int_equal(MpMem_Current(), stats().bytes_in_use);
    free_mix(1);
    assert_int_equal(MpMem_Current(), stats().bytes_in_use);
}

/* Before any MpMem_ResetPeak: a census, and the peak is the current. */
static void
test_current_untracked(void **unused)
{
    (void)unused;
    assert_false(mp_obmalloc_tracking_usage());
    check_current_through_a_mix();
    assert_int_equal(MpMem_Peak(), MpMem_Current());
    assert_false(mp_obmalloc_tracking_usage());
}

/* After it: the counter kept by the slow paths. */
static void
test_current_tracked(void **unused)
{
    (void)unused;
    MpMem_ResetPeak();
    assert_true(mp_obmalloc_tracking_usage());
    check_current_through_a_mix();
}

static void
test_peak(void **unused)
{
    (void)unused;
    MpMem_ResetPeak();
    size_t before = MpMem_Current();
    assert_int_equal(MpMem_Peak(), before);
    void *small = MpObject_Malloc(100);      /* class of 104 bytes */
    void *large = MpObject_Malloc(10000);
    assert_int_equal(MpMem_Current(), before + 104 + 10000);
    MpObject_Free(large);
    MpObject_Free(small);
    assert_int_equal(MpMem_Current(), before);
    assert_int_equal(MpMem_Peak(), before + 104 + 10000);
    MpMem_ResetPeak();
    assert_int_equal(MpMem_Peak(), before);
}

static void
test_pool_states_match_stats(void **unused)
{
    (void)unused;
    MpMemPoolStates ps;
    allocate_mix();
    free_mix(5);
    MpAllocStats st = stats();
    MpMem_GetPoolStates(&ps);
    size_t in_use = 0;
    for (size_t i = 0; i < st.nclasses; i++)
        in_use += st.classes[i].pools;
    assert_int_equal(ps.used + ps.full, in_use);
    assert_int_equal(ps.empty, st.pools_empty);
    assert_int_equal(ps.untouched + ps.empty + ps.used + ps.full,
                     st.arenas_in_use * (st.arena_size / st.pool_size));
    assert_true(ps.full > 0);
    free_mix(1);
}

/* The map of the current state as a string (free it). */
static char *
draw_map(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    MpMem_DumpMap(out);
    fclose(out);
    return text;
}

/* Counts read back from a map: pools per class symbol, '-' and '#'. */
struct map_counts {
    size_t arenas;
    size_t per_symbol[256];
    size_t empty, full, with_free;
};

static void
read_map(char *text, struct map_counts *c)
{
    int upper = 1;
    memset(c, 0, sizeof(*c));
    for (char *line = strtok(text, "\n"); line != NULL;
         line = strtok(NULL, "\n")) {
        if (strncmp(line, "arena ", 6) == 0) {
            c->arenas++;
            upper = 1;
            continue;
        }
        if (c->arenas == 0 || strncmp(line, "  ", 2) != 0)
            continue;
        for (char *p = line + 2; *p != '\0'; p++) {
            if (upper && *p == '-')
                c->empty++;
            else if (upper && *p != '.')
                c->per_symbol[(unsigned char)*p]++;
            else if (!upper && *p == '#')
                c->full++;
            else if (!upper && *p == '+')
                c->with_free++;
        }
        upper = !upper;
    }
}

static void
test_map_matches_stats(void **unused)
{
    (void)unused;
    static const char symbols[] =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$%";
    struct map_counts c;
    MpMemPoolStates ps;
    allocate_mix();
    free_mix(4);
    MpAllocStats st = stats();
    MpMem_GetPoolStates(&ps);
    char *text = draw_map();
    assert_non_null(strstr(text, "size classes:"));
    read_map(text, &c);
    free(text);
    assert_int_equal(c.arenas, st.arenas_in_use);
    for (size_t i = 0; i < st.nclasses; i++)
        assert_int_equal(c.per_symbol[(unsigned char)symbols[i]],
                         st.classes[i].pools);
    assert_int_equal(c.empty, st.pools_empty);
    assert_int_equal(c.full, ps.full);
    assert_int_equal(c.with_free, ps.used);
    free_mix(1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_current_untracked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_current_tracked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_peak, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_states_match_stats,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_matches_stats, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
