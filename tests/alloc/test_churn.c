/*
 * tests/alloc/test_churn.c -- millions of random malloc/realloc/free calls
 * over all three families, checked against a shadow model.
 *
 * Every live block is filled with a pattern derived from its id and
 * verified before it is resized or freed, so two live blocks that overlap
 * (or a block the allocator scribbles on) fail the test.  The live set
 * swings between a few and 10,000 blocks so that pools and arenas are
 * emptied and given back along the way.  Runs in whatever mode
 * MINIPYMALLOC selects.  MP_TEST_VALGRIND=1 (set by `make valgrind`) cuts
 * the number of operations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "minipy.h"
#include "alloc/obmalloc.h"

#define MAX_LIVE 10000

struct shadow {
    unsigned char *p;
    size_t size;
    uint32_t id;
    enum mp_domain family;
};

static struct shadow live[MAX_LIVE];
static size_t nlive;
static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t
next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static unsigned char
pattern(uint32_t id, size_t i)
{
    return (unsigned char)((id * 2654435761u + i * 131u) >> 5);
}

static void
fill(struct shadow *s)
{
    for (size_t i = 0; i < s->size; i++) {
        s->p[i] = pattern(s->id, i);
    }
}

static void
verify(const struct shadow *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s->p[i] != pattern(s->id, i)) {
            fail_msg("block %u (%p, %zu bytes): byte %zu damaged", s->id,
                     (void *)s->p, s->size, i);
        }
    }
}

static size_t
random_size(void)
{
    uint32_t r = next_random() % 100;
    if (r < 85) {
        return 1 + next_random() % 512;
    }
    if (r < 90) {
        return 1 + next_random() % 64;
    }
    if (r < 93) {
        return 0;
    }
    return 513 + next_random() % 6000;
}

static void *
family_malloc(enum mp_domain f, size_t n)
{
    switch (f) {
    case MP_DOMAIN_OBJ:
        return MpObject_Malloc(n);
    case MP_DOMAIN_MEM:
        return MpMem_Malloc(n);
    default:
        return MpMem_RawMalloc(n);
    }
}

static void *
family_realloc(enum mp_domain f, void *p, size_t n)
{
    switch (f) {
    case MP_DOMAIN_OBJ:
        return MpObject_Realloc(p, n);
    case MP_DOMAIN_MEM:
        return MpMem_Realloc(p, n);
    default:
        return MpMem_RawRealloc(p, n);
    }
}

static void
family_free(enum mp_domain f, void *p)
{
    switch (f) {
    case MP_DOMAIN_OBJ:
        MpObject_Free(p);
        break;
    case MP_DOMAIN_MEM:
        MpMem_Free(p);
        break;
    default:
        MpMem_RawFree(p);
    }
}

static void
do_alloc(uint32_t id)
{
    static const enum mp_domain families[] = {
        MP_DOMAIN_OBJ, MP_DOMAIN_OBJ, MP_DOMAIN_OBJ, MP_DOMAIN_MEM,
        MP_DOMAIN_MEM, MP_DOMAIN_RAW,
    };
    struct shadow *s = &live[nlive];
    s->family = families[next_random() % 6];
    s->size = random_size();
    s->id = id;
    s->p = family_malloc(s->family, s->size);
    assert_non_null(s->p);
    assert_int_equal((uintptr_t)s->p % ALIGNMENT, 0);
    fill(s);
    nlive++;
}

static void
do_free(size_t k)
{
    struct shadow *s = &live[k];
    verify(s, s->size);
    family_free(s->family, s->p);
    live[k] = live[--nlive];
}

static void
do_realloc(size_t k, uint32_t id)
{
    struct shadow *s = &live[k];
    size_t n = random_size();
    verify(s, s->size);
    s->p = family_realloc(s->family, s->p, n);
    assert_non_null(s->p);
    verify(s, n < s->size ? n : s->size);
    s->size = n;
    s->id = id;
    fill(s);
}

static void
test_churn(void **unused)
{
    (void)unused;
    const char *quick = getenv("MP_TEST_VALGRIND");
    const size_t nops = (quick && *quick == '1') ? 200000 : 3000000;
    const size_t period = nops / 6;
    size_t base = 0, high = 0;
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    base = st.blocks_in_use;
    for (size_t op = 0; op < nops; op++) {
        /* the target live size swings 10,000 -> 0 -> 10,000 ... */
        size_t phase = op % period;
        size_t half = period / 2;
        size_t target = (phase < half ? phase : period - phase)
                        * MAX_LIVE / half;
        uint32_t r = next_random() % 100;
        if (r < 10 && nlive > 0) {
            do_realloc(next_random() % nlive, (uint32_t)op);
        }
        else if (nlive < target && nlive < MAX_LIVE && r < 95) {
            do_alloc((uint32_t)op);
        }
        else if (nlive > 0) {
            do_free(next_random() % nlive);
        }
        high = nlive > high ? nlive : high;
        if (op % (nops / 20) == 0) {
            MpAlloc_GetStats(&st);
            assert_int_equal(st.blocks_in_use, base + nlive);
            assert_int_equal(mp_obmalloc_check(), 0);
        }
    }
    assert_true(high > MAX_LIVE / 2);
    while (nlive > 0) {
        do_free(nlive - 1);
    }
    MpAlloc_GetStats(&st);
    assert_int_equal(st.blocks_in_use, base);
    assert_int_equal(st.small_blocks_in_use, 0);
    assert_int_equal(st.raw_bytes_in_use, 0);
    assert_int_equal(st.large_bytes_in_use, 0);
    assert_true(st.arenas_in_use <= 1);
    if (mp_obmalloc_get_mode() != MP_OBMALLOC_MALLOC) {
        assert_true(st.arenas_freed > 0);
    }
    assert_int_equal(mp_obmalloc_check(), 0);
    assert_int_equal(mp_obmalloc_fini(), 0);
    MpAlloc_GetStats(&st);
    assert_int_equal(st.arenas_in_use, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_churn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
