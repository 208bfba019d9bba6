/*
 * pool_fixture.h -- the fixture of the allocator tests that look at pools
 * and arenas: the group forces the default mode (whatever MINIPYMALLOC
 * says) and returns every arena at its end; each test must leave
 * blocks_in_use where it found it and mp_obmalloc_check() clean.
 */
#ifndef MP_TESTS_POOL_FIXTURE_H
#define MP_TESTS_POOL_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "minipy.h"
#include "alloc/obmalloc.h"

static size_t baseline;

static MpAllocStats
stats(void)
{
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    return st;
}

static int
setup(void **unused)
{
    (void)unused;
    baseline = stats().blocks_in_use;
    return 0;
}

static int
teardown(void **unused)
{
    (void)unused;
    assert_int_equal(stats().blocks_in_use, baseline);
    assert_int_equal(mp_obmalloc_check(), 0);
    return 0;
}

static int
group_setup(void **unused)
{
    (void)unused;
    return mp_obmalloc_set_mode(MP_OBMALLOC_PYMALLOC);
}

static int
group_teardown(void **unused)
{
    (void)unused;
    return mp_obmalloc_fini() == 0 ? 0 : -1;
}

#endif /* MP_TESTS_POOL_FIXTURE_H */
