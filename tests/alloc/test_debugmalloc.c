/*
 * tests/alloc/test_debugmalloc.c -- MINIPYMALLOC=debug and =malloc.
 *
 * Damage is provoked in a forked child, which must die of SIGABRT after
 * printing the expected message on stderr.  The env-var test re-runs this
 * binary with MINIPYMALLOC set to see that the mode is read at start-up.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "minipy.h"
#include "alloc/obmalloc.h"

static size_t baseline;
static const char *self_path;   /* argv[0], to run this binary again */

static size_t
blocks_in_use(void)
{
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    return st.blocks_in_use;
}

static int
setup_debug(void **unused)
{
    (void)unused;
    if (mp_obmalloc_set_mode(MP_OBMALLOC_DEBUG) < 0) {
        return -1;
    }
    baseline = blocks_in_use();
    return 0;
}

static int
setup_malloc(void **unused)
{
    (void)unused;
    if (mp_obmalloc_set_mode(MP_OBMALLOC_MALLOC) < 0) {
        return -1;
    }
    baseline = blocks_in_use();
    return 0;
}

static int
teardown(void **unused)
{
    (void)unused;
    assert_int_equal(blocks_in_use(), baseline);
    assert_int_equal(mp_obmalloc_check(), 0);
    assert_int_equal(mp_obmalloc_fini(), 0);
    return 0;
}

/* Run 'damage' in a child; expect SIGABRT and every string of 'expect'
 * (NULL-terminated) in what it wrote to stderr. */
static void
expect_abort(void (*damage)(void), const char *const *expect)
{
    int fds[2];
    char out[4096];
    size_t len = 0;
    ssize_t n;
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        damage();
        _exit(0);       /* not caught: the parent sees a clean exit */
    }
    close(fds[1]);
    while ((n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0) {
        len += (size_t)n;
    }
    out[len] = '\0';
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT) {
        fail_msg("child did not abort; stderr: %s", out);
    }
    for (; *expect != NULL; expect++) {
        if (strstr(out, *expect) == NULL) {
            fail_msg("'%s' missing from: %s", *expect, out);
        }
    }
}

static unsigned char *
victim(size_t n)
{
    return MpObject_Malloc(n);
}

static void
overflow(void)
{
    unsigned char *p = victim(24);
    p[24] = 0;
    MpObject_Free(p);
}

static void
underflow(void)
{
    unsigned char *p = victim(24);
    p[-1] = 0;
    MpObject_Free(p);
}

static void
double_free(void)
{
    unsigned char *p = victim(40);
    MpObject_Free(p);
    MpObject_Free(p);
}

static void
overflow_then_realloc(void)
{
    unsigned char *p = victim(100);
    p[103] = 'x';
    p = MpObject_Realloc(p, 200);
}

static void
wrong_family(void)
{
    unsigned char *p = victim(8);
    MpMem_RawFree(p);
}

static void
large_overflow(void)
{
    unsigned char *p = victim(3000);
    p[3000] = 1;
    MpObject_Free(p);
}

static void
test_overflow(void **unused)
{
    (void)unused;
    const char *const msg[] = {"free of block 0x", "requested size 24",
                               "overflow", "offset 24", NULL};
    expect_abort(overflow, msg);
    const char *const big[] = {"requested size 3000", "overflow", NULL};
    expect_abort(large_overflow, big);
    const char *const re[] = {"realloc of block", "requested size 100",
                              "overflow", "offset 103", NULL};
    expect_abort(overflow_then_realloc, re);
}

static void
test_underflow(void **unused)
{
    (void)unused;
    const char *const msg[] = {"requested size 24", "underflow", NULL};
    expect_abort(underflow, msg);
}

static void
test_double_free(void **unused)
{
    (void)unused;
    const char *const msg[] = {"requested size 40", "double free", NULL};
    expect_abort(double_free, msg);
}

static void
test_api_mismatch(void **unused)
{
    (void)unused;
    const char *const msg[] = {"API mismatch", "MpObject_*", "MpMem_Raw*",
                               NULL};
    expect_abort(wrong_family, msg);
}

static void
test_address_in_message(void **unused)
{
    (void)unused;
    /* the block the child damages is the next one the parent would get:
     * same state after fork; so its address is predictable */
    unsigned char *p = MpObject_Malloc(24);
    char expect[64];
    snprintf(expect, sizeof(expect), "block %p", (void *)p);
    MpObject_Free(p);
    const char *const msg[] = {expect, NULL};
    expect_abort(overflow, msg);
}

static void
test_fills_and_counts(void **unused)
{
    (void)unused;
    unsigned char *p = MpObject_Malloc(50);
    unsigned char *q = MpMem_Calloc(5, 10);
    unsigned char *r = MpMem_RawMalloc(70);
    assert_int_equal(blocks_in_use(), baseline + 3);
    for (int i = 0; i < 50; i++) {
        assert_int_equal(p[i], 0xCD);
        assert_int_equal(q[i], 0);
    }
    assert_int_equal(r[69], 0xCD);
    /* guards sit right after the data */
    assert_int_equal(p[50], 0xFD);
    assert_int_equal(p[57], 0xFD);
    assert_int_equal(p[-1], 0xFD);
    assert_int_equal((uintptr_t)p % 16, 0);
    memset(p, 1, 50);
    unsigned char *p2 = MpObject_Realloc(p, 500);
    assert_ptr_not_equal(p2, p);    /* debug realloc always moves */
    assert_int_equal(p2[49], 1);
    assert_int_equal(p2[50], 0xCD);
    p2 = MpObject_Realloc(p2, 10);
    assert_int_equal(p2[9], 1);
    assert_int_equal(p2[10], 0xFD);
    MpObject_Free(p2);
    MpMem_Free(q);
    MpMem_RawFree(r);
    MpObject_Free(NULL);
    void *z = MpObject_Malloc(0);
    assert_non_null(z);
    MpObject_Free(z);
}

static void
test_malloc_mode(void **unused)
{
    (void)unused;
    MpAllocStats st0, st;
    MpAlloc_GetStats(&st0);
    void *p = MpObject_Malloc(16), *q = MpMem_Malloc(200);
    void *r = MpMem_RawMalloc(10);
    assert_false(mp_obmalloc_address_in_range(p));
    assert_false(mp_obmalloc_address_in_range(q));
    MpAlloc_GetStats(&st);
    assert_int_equal(st.small_blocks_in_use, 0);
    assert_int_equal(st.large_blocks_in_use, st0.large_blocks_in_use + 2);
    assert_int_equal(st.large_bytes_in_use, st0.large_bytes_in_use + 216);
    assert_int_equal(st.raw_bytes_in_use, st0.raw_bytes_in_use + 10);
    assert_int_equal(st.arenas_in_use, 0);
    p = MpObject_Realloc(p, 5000);
    memset(p, 2, 5000);
    MpObject_Free(p);
    MpMem_Free(q);
    MpMem_RawFree(r);
    /* no switching while blocks are live */
    p = MpObject_Malloc(1);
    assert_int_equal(mp_obmalloc_set_mode(MP_OBMALLOC_PYMALLOC), -1);
    assert_int_equal(mp_obmalloc_get_mode(), MP_OBMALLOC_MALLOC);
    MpObject_Free(p);
}

/* Run this binary again with MINIPYMALLOC=value; it prints its mode. */
static int
mode_for_env(const char *value)
{
    int status;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("MINIPYMALLOC", value, 1);
        execl(self_path, self_path, "--report-mode", (char *)NULL);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
test_mode_from_env(void **unused)
{
    (void)unused;
    assert_int_equal(mode_for_env("debug"), MP_OBMALLOC_DEBUG);
    assert_int_equal(mode_for_env("malloc"), MP_OBMALLOC_MALLOC);
    assert_int_equal(mode_for_env("pymalloc"), MP_OBMALLOC_PYMALLOC);
    assert_int_equal(mode_for_env(""), MP_OBMALLOC_PYMALLOC);
}

/* Child side of test_mode_from_env: the mode is chosen by the first
 * allocation; report it (and that a block of that mode works). */
static int
report_mode(void)
{
    void *p = MpObject_Malloc(10);
    int mode = mp_obmalloc_get_mode();
    int ours = mp_obmalloc_address_in_range(p);
    MpObject_Free(p);
    if (ours != (mode != MP_OBMALLOC_MALLOC)) {
        return 98;
    }
    return mode;
}

int
main(int argc, char **argv)
{
    self_path = argv[0];
    if (argc > 1 && strcmp(argv[1], "--report-mode") == 0) {
        return report_mode();
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_overflow, setup_debug,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_underflow, setup_debug,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_double_free, setup_debug,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_api_mismatch, setup_debug,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_address_in_message, setup_debug,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fills_and_counts, setup_debug,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_malloc_mode, setup_malloc,
                                        teardown),
        cmocka_unit_test(test_mode_from_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
