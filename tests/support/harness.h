/*
 * harness.h -- the leak check every runtime test runs under.
 *
 *   MP_TEST(test_fn)   a cmocka test run as
 *                      baseline -> Mp_Initialize -> test_fn -> Mp_Finalize
 *                      -> check
 *
 * The check after Mp_Finalize is exact: the allocator's blocks in use are
 * back to what they were before Mp_Initialize, no object created by the
 * runtime is still alive, no exception was left set, and the collector did
 * not have to force-free any object at finalization (a tracked object still
 * alive then was leaked by the test or by the code under test).
 *
 * Header-only on purpose: a test that never initializes the runtime (the
 * allocator's) links without the rest of the library.
 */
#ifndef MP_TESTS_HARNESS_H
#define MP_TESTS_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "minipy.h"
#include "gc/gc.h"

static size_t mp_test_blocks_before;

static inline size_t
mp_test_blocks_in_use(void)
{
    MpAllocStats stats;
    MpAlloc_GetStats(&stats);
    return stats.blocks_in_use;
}

static inline int
mp_test_setup(void **state)
{
    (void)state;
    mp_test_blocks_before = mp_test_blocks_in_use();
    if (Mp_Initialize() != 0)
        return -1;
    return 0;
}

static inline int
mp_test_teardown(void **state)
{
    (void)state;
    if (MpErr_Occurred() != NULL) {
        MpErr_Print();
        fail_msg("the test left an exception set");
    }
    Mp_Finalize();
    assert_int_equal(mp_gc_fini_leftovers(), 0);
    assert_int_equal(Mp_GetLiveObjects(), 0);
    assert_int_equal(mp_test_blocks_in_use(), mp_test_blocks_before);
    return 0;
}

#define MP_TEST(fn) \
    cmocka_unit_test_setup_teardown(fn, mp_test_setup, mp_test_teardown)

/* Assert that an exception of 'type' is set and clear it. */
#define mp_assert_raised(type)                                   \
    do {                                                         \
        assert_non_null(MpErr_Occurred());                       \
        assert_true(MpErr_ExceptionMatches(type));               \
        MpErr_Clear();                                           \
    } while (0)

#endif /* MP_TESTS_HARNESS_H */
