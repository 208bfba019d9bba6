/*
 * test_limits.c -- bounding a run from the host: the evaluation budget,
 * the evaluation hook (Mp_SetEvalBudget, Mp_SetEvalHook) and the memory
 * cap (MpAlloc_SetLimit).  Each stops a runaway script with an exception,
 * leaves the runtime usable and leaks nothing.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "minipy.h"
#include "support/harness.h"

/* Run 'source' in a fresh dict; the dict (New) stays for inspection. */
static MpObject *
run(const char *source, MpObject **globals)
{
    *globals = MpDict_New();
    assert_non_null(*globals);
    return MpRun_String(source, "<test>", *globals);
}

/* Run 'source', expect EvalInterrupt, clear it; the globals (New). */
static MpObject *
run_interrupted(const char *source)
{
    MpObject *g, *r = run(source, &g);
    if (r != NULL)
        fail_msg("ran to the end: %s", source);
    assert_true(MpErr_ExceptionMatches(MpExc_EvalInterrupt));
    assert_false(MpErr_ExceptionMatches(MpExc_Exception));
    MpErr_Clear();
    return g;
}

static long
global_long(MpObject *globals, const char *name)
{
    MpObject *v = MpDict_GetItemString(globals, name);
    assert_non_null(v);
    return MpLong_AsLong(v);
}

static void
test_budget_stops_while_true(void **state)
{
    MpObject *g, *r;
    (void)state;

    assert_true(Mp_GetEvalBudget() == ULLONG_MAX);
    Mp_SetEvalBudget(100000);
    g = run_interrupted("while True: pass\n");
    Mp_DECREF(g);
    assert_true(Mp_GetEvalBudget() == 0);
    /* exhausted stays exhausted, for any later run */
    Mp_DECREF(run_interrupted("def f(): pass\nf()\n"));
    /* a new budget, then none: the runtime works again */
    Mp_SetEvalBudget(1000);
    r = run("x = 6 * 7\nx", &g);
    assert_non_null(r);
    assert_int_equal(MpLong_AsLong(r), 42);
    Mp_DECREF(r);
    Mp_DECREF(g);
    Mp_SetEvalBudget(0);
    assert_true(Mp_GetEvalBudget() == ULLONG_MAX);
}

/* 'except Exception' lets it through; a bare 'except' catches it once,
 * but the next loop edge raises again. */
static void
test_budget_cannot_be_swallowed(void **state)
{
    MpObject *g;
    (void)state;

    Mp_SetEvalBudget(50000);
    g = run_interrupted("caught = 0\n"
                        "try:\n"
                        "    while True: pass\n"
                        "except Exception:\n"
                        "    caught = 1\n");
    assert_int_equal(global_long(g, "caught"), 0);
    Mp_DECREF(g);
    Mp_SetEvalBudget(50000);
    g = run_interrupted("caught = 0\n"
                        "while True:\n"
                        "    try:\n"
                        "        while True: pass\n"
                        "    except:\n"
                        "        caught += 1\n");
    assert_int_equal(global_long(g, "caught"), 1);
    Mp_DECREF(g);
    Mp_SetEvalBudget(0);
}

/* A loop of 3 instructions (FOR_ITER, STORE_NAME, JUMP) charges 3 per
 * iteration, plus the module's code once. */
static void
test_budget_counts_loop_edges(void **state)
{
    MpObject *g, *r;
    unsigned long long spent;
    (void)state;

    Mp_SetEvalBudget(1000000000ULL);
    r = run("for i in range(1000): pass\n", &g);
    assert_non_null(r);
    Mp_DECREF(r);
    Mp_DECREF(g);
    spent = 1000000000ULL - Mp_GetEvalBudget();
    assert_true(spent >= 3000 && spent < 3100);
    Mp_SetEvalBudget(0);
}

/* No loop at all: exponential recursion is charged per call, and calls
 * made from C (a key function) are charged too. */
static void
test_budget_stops_calls(void **state)
{
    (void)state;

    Mp_SetEvalBudget(1000000);
    Mp_DECREF(run_interrupted("def f(n):\n"
                              "    return f(n - 1) + f(n - 1) if n else 0\n"
                              "f(60)\n"));
    /* the key's code is 3 instructions long */
    Mp_SetEvalBudget(300000);
    Mp_DECREF(run_interrupted("sorted(range(300000), key=lambda x: -x)\n"));
    Mp_SetEvalBudget(1000000);
    Mp_DECREF(run_interrupted("def g():\n"
                              "    while True:\n"
                              "        yield 1\n"
                              "for x in g(): pass\n"));
    Mp_SetEvalBudget(0);
}

/* Loops inside C code: an iteration consumed by a builtin, and
 * big-int arithmetic, are charged too. */
static void
test_budget_stops_c_work(void **state)
{
    (void)state;

    Mp_SetEvalBudget(1000000);
    Mp_DECREF(run_interrupted("sum(range(10 ** 15))\n"));
    Mp_SetEvalBudget(1000000);
    Mp_DECREF(run_interrupted("x = 7 ** 300000\n"
                              "while True:\n"
                              "    x = x * x\n"));
    Mp_SetEvalBudget(1000000);
    Mp_DECREF(run_interrupted("x = 7 ** 2000000\n"
                              "y = x // (x >> 100000 | 1)\n"));
    Mp_SetEvalBudget(0);
}

static int hook_calls, hook_stop_after;

static int
count_hook(void *arg)
{
    assert_ptr_equal(arg, &hook_calls);
    hook_calls++;
    return hook_stop_after > 0 && hook_calls >= hook_stop_after;
}

static void
test_hook(void **state)
{
    MpObject *g, *r;
    (void)state;

    /* 30000 instructions charged: about 30 calls */
    hook_calls = 0;
    hook_stop_after = 0;
    Mp_SetEvalHook(count_hook, &hook_calls, 1000);
    r = run("for i in range(10000): pass\n", &g);
    assert_non_null(r);
    Mp_DECREF(r);
    Mp_DECREF(g);
    assert_true(hook_calls >= 29 && hook_calls <= 31);

    /* the fifth call stops the script, and it stays stopped */
    hook_calls = 0;
    hook_stop_after = 5;
    g = run_interrupted("n = 0\n"
                        "while True:\n"
                        "    try:\n"
                        "        while True: n += 1\n"
                        "    except BaseException:\n"
                        "        pass\n");
    assert_true(hook_calls >= 5 && hook_calls <= 6);
    assert_true(global_long(g, "n") > 0);
    Mp_DECREF(g);
    Mp_SetEvalHook(NULL, NULL, 0);
    r = run("sum(range(100))", &g);
    assert_non_null(r);
    assert_int_equal(MpLong_AsLong(r), 4950);
    Mp_DECREF(r);
    Mp_DECREF(g);
}

static size_t
bytes_in_use(void)
{
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    return st.bytes_in_use;
}

/* A list that grows without end meets MemoryError at the cap. */
static void
test_memory_limit_stops_growth(void **state)
{
    MpObject *g, *r;
    size_t limit = bytes_in_use() + 4 * 1024 * 1024;
    (void)state;

    MpAlloc_SetLimit(limit);
    assert_int_equal(MpAlloc_GetLimit(), limit);
    r = run("l = []\n"
            "try:\n"
            "    while True:\n"
            "        l.append('x' * 100)\n"
            "except MemoryError:\n"
            "    n = len(l)\n", &g);
    assert_non_null(r);
    Mp_DECREF(r);
    assert_true(bytes_in_use() <= limit);
    /* about 4 MiB / (149 bytes of str + 8 of list slot) */
    assert_true(global_long(g, "n") > 20000);
    assert_int_equal(MpDict_DelItemString(g, "l"), 0);
    Mp_DECREF(g);

    /* one request too big, then an uncaught one */
    r = run("'x' * (8 * 1024 * 1024)", &g);
    assert_null(r);
    mp_assert_raised(MpExc_MemoryError);
    Mp_DECREF(g);
    assert_true(bytes_in_use() <= limit);

    MpAlloc_SetLimit(0);
    assert_int_equal(MpAlloc_GetLimit(), 0);
    r = run("len('x' * (8 * 1024 * 1024))", &g);
    assert_non_null(r);
    assert_int_equal(MpLong_AsLong(r), 8 * 1024 * 1024);
    Mp_DECREF(r);
    Mp_DECREF(g);
}

static size_t
debug_guards(void)
{
    const char *mode = getenv("MINIPYMALLOC");
    return mode != NULL && strcmp(mode, "debug") == 0 ? 40 : 0;
}

/* The count kept while limited matches the allocator's census through
 * mallocs, reallocs and frees of every family and size. */
static void
test_memory_limit_accounting(void **state)
{
    void *obj[64], *raw[8];
    size_t base, limit, i;
    (void)state;

    base = bytes_in_use();
    limit = base + 64 * 1024;
    MpAlloc_SetLimit(limit);
    for (i = 0; i < 64; i++) {
        obj[i] = (i % 2 ? MpObject_Malloc : MpMem_Malloc)(i * 24);
        assert_non_null(obj[i]);
    }
    for (i = 0; i < 8; i++) {
        raw[i] = MpMem_RawMalloc(100 * i);
        assert_non_null(raw[i]);
    }
    for (i = 0; i < 64; i++) {
        void *p = (i % 2 ? MpObject_Realloc : MpMem_Realloc)(obj[i],
                                                              600 - i * 9);
        assert_non_null(p);
        obj[i] = p;
    }
    assert_true(bytes_in_use() <= limit);
    /* a request over what is left fails; a smaller one succeeds */
    assert_null(MpMem_Malloc(limit - bytes_in_use() + 1));
    assert_null(MpMem_RawMalloc(limit - bytes_in_use() + 1));
    assert_null(MpObject_Realloc(obj[0], limit));
    assert_non_null(raw[0] = MpMem_RawRealloc(raw[0], 16));
    for (i = 0; i < 64; i++)
        (i % 2 ? MpObject_Free : MpMem_Free)(obj[i]);
    for (i = 0; i < 8; i++)
        MpMem_RawFree(raw[i]);
    assert_int_equal(bytes_in_use(), base);
    /* what is left is all of it, to the byte (with debug mode's 40 bytes
     * of guards counted) */
    raw[0] = MpMem_RawMalloc(limit - base - debug_guards());
    assert_non_null(raw[0]);
    assert_null(MpMem_RawMalloc(1));
    MpMem_RawFree(raw[0]);
    MpAlloc_SetLimit(0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_budget_stops_while_true),
        MP_TEST(test_budget_cannot_be_swallowed),
        MP_TEST(test_budget_counts_loop_edges),
        MP_TEST(test_budget_stops_calls),
        MP_TEST(test_budget_stops_c_work),
        MP_TEST(test_hook),
        MP_TEST(test_memory_limit_stops_growth),
        MP_TEST(test_memory_limit_accounting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
