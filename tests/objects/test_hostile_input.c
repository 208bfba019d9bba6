/*
 * test_hostile_input.c -- input built to hurt the runtime: str keys that
 * collide under one hash key (hash flooding) and data nested deeper than
 * any recursion limit.
 *
 * Flooding: under MINIPYHASHSEED=1 we search "key<n>" strings until 64
 * share the low 12 bits of their hash, i.e. the start slot of every table
 * of up to 4096 slots, which is what an attacker who knew the key would
 * send.  Under MINIPYHASHSEED=2 the same strings must scatter; a dict of
 * them must work under either.  Deep data: a million nested tuples or
 * lists must hash, compare, repr and free with RecursionError at worst
 * (CPython 3.11 crashes hashing such a tuple; there is no reference).
 */
#include "support/harness.h"
#include <stdlib.h>
#include <string.h>

#include "include/internal/mp_core.h"

#define NKEYS 64
#define SLOT_MASK 0xfff

static void
reinit_with_seed(const char *seed)
{
    Mp_Finalize();
    setenv("MINIPYHASHSEED", seed, 1);
    assert_int_equal(Mp_Initialize(), 0);
}

static MpObject *
key(unsigned n)
{
    MpObject *k = MpUnicode_FromFormat("key%u", n);
    assert_non_null(k);
    return k;
}

static Mp_hash_t
key_hash(unsigned n)
{
    MpObject *k = key(n);
    Mp_hash_t h = MpObject_Hash(k);
    Mp_DECREF(k);
    return h;
}

/* NKEYS key numbers whose hashes share the low bits of key 0's. */
static void
find_colliding_keys(unsigned *found)
{
    Mp_hash_t target = key_hash(0) & SLOT_MASK;
    unsigned n = 0, count = 0;

    while (count < NKEYS) {
        if ((key_hash(n) & SLOT_MASK) == target)
            found[count++] = n;
        n++;
    }
}

/* Distinct start slots among the keys under the current seed. */
static int
distinct_slots(const unsigned *keys)
{
    static unsigned char seen[SLOT_MASK + 1];
    int distinct = 0;

    memset(seen, 0, sizeof(seen));
    for (int i = 0; i < NKEYS; i++) {
        Mp_hash_t slot = key_hash(keys[i]) & SLOT_MASK;
        distinct += !seen[slot];
        seen[slot] = 1;
    }
    return distinct;
}

/* Insert, look up, delete and look up again. */
static void
check_dict_of(const unsigned *keys)
{
    MpObject *d = MpDict_New();
    int i;

    assert_non_null(d);
    for (i = 0; i < NKEYS; i++) {
        MpObject *k = key(keys[i]), *v = MpLong_FromLong(i);
        assert_int_equal(MpDict_SetItem(d, k, v), 0);
        Mp_DECREF(k);
        Mp_DECREF(v);
    }
    assert_int_equal(MpDict_Size(d), NKEYS);
    for (i = 0; i < NKEYS; i += 2) {
        MpObject *k = key(keys[i]);
        assert_int_equal(MpDict_DelItem(d, k), 0);
        Mp_DECREF(k);
    }
    assert_int_equal(MpDict_Size(d), NKEYS / 2);
    for (i = 0; i < NKEYS; i++) {
        MpObject *k = key(keys[i]), *v = MpDict_GetItemWithError(d, k);
        if (i % 2)
            assert_int_equal(MpLong_AsLong(v), i);
        else
            assert_null(v);
        assert_null(MpErr_Occurred());
        Mp_DECREF(k);
    }
    Mp_DECREF(d);
}

static void
test_str_hash_flooding(void **state)
{
    unsigned keys[NKEYS];
    (void)state;

    reinit_with_seed("1");
    find_colliding_keys(keys);
    assert_int_equal(distinct_slots(keys), 1);
    check_dict_of(keys);

    reinit_with_seed("2");
    /* 64 random slots of 4096 are nearly all distinct (expected 63.5) */
    assert_true(distinct_slots(keys) >= 56);
    check_dict_of(keys);
    unsetenv("MINIPYHASHSEED");
}

/* (((...),),) or [[...]] nested 'depth' deep.  New. */
static MpObject *
nest(int depth, int use_list)
{
    MpObject *x = MpTuple_New(0);

    assert_non_null(x);
    for (int i = 0; i < depth; i++) {
        MpObject *outer = use_list ? MpList_New(1) : MpTuple_New(1);
        assert_non_null(outer);
        if (use_list)
            MpList_SetItem(outer, 0, x);
        else
            MpTuple_SetItem(outer, 0, x);
        x = outer;
    }
    return x;
}

static void
check_deep(int use_list)
{
    MpObject *a = nest(1000000, use_list), *b = nest(1000000, use_list);
    MpObject *r;

    if (!use_list) {
        assert_int_equal(MpObject_Hash(a), -1);
        mp_assert_raised(MpExc_RecursionError);
    }
    assert_null(MpObject_Repr(a));
    mp_assert_raised(MpExc_RecursionError);
    assert_null(MpObject_RichCompare(a, b, Mp_EQ));
    mp_assert_raised(MpExc_RecursionError);
    assert_null(MpObject_RichCompare(a, b, Mp_LT));
    mp_assert_raised(MpExc_RecursionError);
    /* shallow enough, it works */
    Mp_DECREF(a);
    Mp_DECREF(b);
    a = nest(100, use_list);
    b = nest(100, use_list);
    r = MpObject_RichCompare(a, b, Mp_EQ);
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

static void
test_deep_tuples(void **state)
{
    (void)state;
    check_deep(0);
}

static void
test_deep_lists(void **state)
{
    (void)state;
    check_deep(1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_str_hash_flooding),
        MP_TEST(test_deep_tuples),
        MP_TEST(test_deep_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
