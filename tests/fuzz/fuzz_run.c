/*
 * fuzz_run.c -- libFuzzer target: arbitrary bytes run as a program, in a
 * runtime bounded the way an embedder bounds it.
 *
 * Each input gets a fresh runtime (Mp_Initialize .. Mp_Finalize, about a
 * millisecond), so nothing one program does to sys, builtins or the
 * import cache can look like a leak in the next.  The run is bounded by
 * an evaluation budget (Mp_SetEvalBudget) and a memory cap
 * (MpAlloc_SetLimit) above what the fresh runtime holds.  The target
 * aborts, and libFuzzer saves the input, when:
 *
 *   - the run returns NULL without an exception set, or a value with one;
 *   - after Mp_Finalize, the allocator holds more blocks than before
 *     Mp_Initialize, an object is still alive, or the collector had to
 *     force-free objects that were still referenced (a leak);
 *   - ASan or UBSan reports anything (make fuzz builds with both, and
 *     MINIPYMALLOC=malloc makes every object a malloc block they watch).
 *
 * print() goes to /dev/null.  Seeds: tests/programs; inputs that once
 * failed are kept in tests/fuzz/regress_run/ and replayed by make fuzz.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "include/internal/mp_core.h"
#include "gc/gc.h"
#include "runtime/pythonrun.h"

/* Instructions and bytes one input may use. */
#define RUN_BUDGET 200000ULL
#define RUN_MEMORY ((size_t)16 * 1024 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("MINIPYMALLOC", "malloc", 0);
    setenv("MINIPYHASHSEED", "0", 0);
    if (freopen("/dev/null", "w", stdout) == NULL)
        abort();
    return 0;
}

static size_t
blocks_in_use(void)
{
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    return st.blocks_in_use;
}

static size_t
bytes_in_use(void)
{
    MpAllocStats st;
    MpAlloc_GetStats(&st);
    return st.bytes_in_use;
}

static void
fail(const char *what, long long n)
{
    fprintf(stderr, "fuzz_run: %s (%lld)\n", what, n);
    abort();
}

/* Run the program in a dict of its own and drop everything it made. */
static void
run_program(const uint8_t *data, size_t size)
{
    MpObject *filename = MpUnicode_FromString("<fuzz>");
    MpObject *globals = MpDict_New(), *r;

    if (filename == NULL || globals == NULL)
        fail("no memory for the run", 0);
    r = mp_run_source((const char *)data, size, filename, globals, 0,
                      MP_PARSE_FILE, NULL);
    if (r == NULL && MpErr_Occurred() == NULL)
        fail("NULL without an exception", 0);
    if (r != NULL && MpErr_Occurred() != NULL)
        fail("a result with an exception set", 0);
    MpErr_Clear();
    Mp_XDECREF(r);
    /* the program's objects go now, while the budget still bounds any
     * __del__ they run */
    MpDict_Clear(globals);
    Mp_DECREF(globals);
    Mp_DECREF(filename);
    MpGC_Collect();
    MpErr_Clear();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t blocks = blocks_in_use();
    Mp_ssize_t leftovers;

    if (Mp_Initialize() < 0)
        fail("Mp_Initialize failed", 0);
    Mp_SetEvalBudget(RUN_BUDGET);
    MpAlloc_SetLimit(bytes_in_use() + RUN_MEMORY);
    run_program(data, size);
    MpAlloc_SetLimit(0);
    Mp_Finalize();
    leftovers = mp_gc_fini_leftovers();
    if (leftovers != 0)
        fail("objects still referenced at finalization", leftovers);
    if (Mp_GetLiveObjects() != 0)
        fail("objects alive after Mp_Finalize", Mp_GetLiveObjects());
    if (blocks_in_use() != blocks)
        fail("allocator blocks leaked", (long long)(blocks_in_use() - blocks));
    return 0;
}
