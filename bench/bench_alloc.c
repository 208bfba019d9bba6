/*
 * bench/bench_alloc.c -- allocation churn: minipy's allocator in both
 * configurations against glibc malloc, CPython 3.11's pymalloc and
 * mimalloc, in one process, interleaved, median of several rounds.
 *
 * One deterministic operation list is generated up front and replayed on
 * every allocator: 10M operations on 10,000 slots, each one allocating a
 * block (sizes 8..512, weighted towards small ones) into an empty slot or
 * freeing the block in a full one.  Separate phases time pure mallocs
 * (filling all 10,000 slots) and pure frees (emptying them in shuffled
 * order).  Built by `make bench`, which defines HAVE_MIMALLOC when
 * mimalloc's header is installed, and links a copy of the allocator built
 * with MP_ALLOC_CPYTHON311 whose global names carry the prefix c311_.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include "minipy.h"

/* From libpython3.11.  Python.h is not included: its typedefs clash with
 * minipy.h's.  The object allocator works before Py_Initialize: it is
 * statically set up to pymalloc. */
void *PyObject_Malloc(size_t n);
void PyObject_Free(void *p);

void *c311_MpObject_Malloc(size_t n);
void c311_MpObject_Free(void *p);
void c311_MpAlloc_GetStats(MpAllocStats *st);

#define NSLOTS  10000
#define NOPS    10000000
#define ROUNDS  7

struct allocator {
    const char *name;
    void *(*malloc_fn)(size_t);
    void (*free_fn)(void *);
    double churn[ROUNDS], mallocs[ROUNDS], frees[ROUNDS];
};

static uint32_t *ops;           /* slot << 10 | size */
static uint32_t fill_sizes[NSLOTS];
static uint32_t free_order[NSLOTS];
static void *slots[NSLOTS];

static uint64_t rng = 88172645463325252u;

static uint32_t
next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static uint32_t
random_size(void)
{
    uint32_t r = next_random() % 100;
    if (r < 60) {
        return 8 + next_random() % 57;          /* 8..64 */
    }
    if (r < 90) {
        return 65 + next_random() % 192;        /* 65..256 */
    }
    return 257 + next_random() % 256;           /* 257..512 */
}

static void
make_ops(void)
{
    ops = malloc(sizeof(uint32_t) * NOPS);
    for (size_t i = 0; i < NOPS; i++) {
        ops[i] = (next_random() % NSLOTS) << 10 | random_size();
    }
    for (uint32_t i = 0; i < NSLOTS; i++) {
        fill_sizes[i] = random_size();
        free_order[i] = i;
    }
    for (uint32_t i = NSLOTS - 1; i > 0; i--) {
        uint32_t j = next_random() % (i + 1), t = free_order[i];
        free_order[i] = free_order[j];
        free_order[j] = t;
    }
}

/* CPU time of this thread: on a shared machine, time spent descheduled
 * would otherwise land on whichever allocator happened to be running. */
static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Returns ns per operation of the churn; touches each new block. */
static double
run_churn(struct allocator *a)
{
    double t0 = now();
    for (size_t i = 0; i < NOPS; i++) {
        uint32_t slot = ops[i] >> 10;
        if (slots[slot] != NULL) {
            a->free_fn(slots[slot]);
            slots[slot] = NULL;
        }
        else {
            char *p = a->malloc_fn(ops[i] & 1023);
            p[0] = (char)i;
            slots[slot] = p;
        }
    }
    double t = (now() - t0) / NOPS;
    for (size_t s = 0; s < NSLOTS; s++) {
        a->free_fn(slots[s]);
        slots[s] = NULL;
    }
    return t;
}

/* Fill every slot, then empty them in shuffled order, 100 times. */
static void
run_phases(struct allocator *a, double *malloc_ns, double *free_ns)
{
    double tm = 0, tf = 0;
    for (int rep = 0; rep < 100; rep++) {
        double t0 = now();
        for (size_t s = 0; s < NSLOTS; s++) {
            char *p = a->malloc_fn(fill_sizes[s]);
            p[0] = 1;
            slots[s] = p;
        }
        double t1 = now();
        for (size_t s = 0; s < NSLOTS; s++) {
            a->free_fn(slots[free_order[s]]);
        }
        tf += now() - t1;
        tm += t1 - t0;
    }
    memset(slots, 0, sizeof(slots));
    *malloc_ns = tm / (100.0 * NSLOTS);
    *free_ns = tf / (100.0 * NSLOTS);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double
median(double *v)
{
    double tmp[ROUNDS];
    memcpy(tmp, v, sizeof(tmp));
    qsort(tmp, ROUNDS, sizeof(double), cmp_double);
    return tmp[ROUNDS / 2];
}

static void *
glibc_malloc(size_t n)
{
    return malloc(n);
}

static void
glibc_free(void *p)
{
    free(p);
}

/* Memory check: 10,000 live 32-byte blocks from a fresh allocator. */
static int
memory_check(const char *name, void *(*m)(size_t), void (*f)(void *),
             void (*stats)(MpAllocStats *))
{
    MpAllocStats st;
    for (size_t s = 0; s < NSLOTS; s++) {
        slots[s] = m(32);
    }
    stats(&st);
    double requested = 32.0 * NSLOTS;
    double limit = 1.2 * requested + (double)st.arena_size;
    int ok = st.bytes_mapped <= limit;
    printf("memory %-26s %zu bytes mapped for %.0f requested "
           "(limit 1.2x + one arena = %.0f): %s\n", name, st.bytes_mapped,
           requested, limit, ok ? "ok" : "FAILED");
    for (size_t s = 0; s < NSLOTS; s++) {
        f(slots[s]);
        slots[s] = NULL;
    }
    return ok;
}

static void
print_table(struct allocator *all, int n, int pymalloc, int mimalloc)
{
    char title[40];
    snprintf(title, sizeof(title), "allocator (median of %d)", ROUNDS);
    printf("\n%-26s %9s %9s %9s %11s %11s\n", title, "churn", "malloc",
           "free", "vs CPython", "vs mimalloc");
    printf("%-26s %9s %9s %9s %11s %11s\n", "", "ns/op", "ns/op", "ns/op",
           "(churn)", "(churn)");
    for (int i = 0; i < n; i++) {
        double c = median(all[i].churn);
        char vs_py[16] = "-", vs_mi[16] = "-";
        snprintf(vs_py, sizeof(vs_py), "%.2fx",
                 median(all[pymalloc].churn) / c);
        if (mimalloc >= 0) {
            snprintf(vs_mi, sizeof(vs_mi), "%.2fx",
                     median(all[mimalloc].churn) / c);
        }
        printf("%-26s %9.2f %9.2f %9.2f %11s %11s\n", all[i].name, c,
               median(all[i].mallocs), median(all[i].frees), vs_py, vs_mi);
    }
    printf("(vs X = X's ns/op divided by this row's: above 1 is faster)\n");
}

int
main(void)
{
    struct allocator all[] = {
        {"minipy (8 B, 4 KiB pools)", MpObject_Malloc, MpObject_Free,
         {0}, {0}, {0}},
        {"minipy (16 B, 16 KiB, 3.11)", c311_MpObject_Malloc,
         c311_MpObject_Free, {0}, {0}, {0}},
        {"glibc malloc", glibc_malloc, glibc_free, {0}, {0}, {0}},
        {"CPython 3.11 pymalloc", PyObject_Malloc, PyObject_Free,
         {0}, {0}, {0}},
#ifdef HAVE_MIMALLOC
        {"mimalloc", mi_malloc, mi_free, {0}, {0}, {0}},
#endif
    };
    int n = (int)(sizeof(all) / sizeof(all[0]));
    int mimalloc = n == 5 ? 4 : -1;
#ifndef HAVE_MIMALLOC
    printf("mimalloc: not installed (libmimalloc-dev), skipped\n");
#endif
    make_ops();
    printf("%d operations on %d slots, sizes 8..512, %d rounds\n", NOPS,
           NSLOTS, ROUNDS);
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < n; i++) {
            struct allocator *a = &all[(i + r) % n];
            a->churn[r] = run_churn(a);
            run_phases(a, &a->mallocs[r], &a->frees[r]);
        }
    }
    print_table(all, n, 3, mimalloc);
    printf("\n");
    int ok = memory_check("minipy (8 B, 4 KiB pools)", MpObject_Malloc,
                          MpObject_Free, MpAlloc_GetStats);
    ok &= memory_check("minipy (16 B, 16 KiB, 3.11)", c311_MpObject_Malloc,
                       c311_MpObject_Free, c311_MpAlloc_GetStats);
    free(ops);
    return ok ? 0 : 1;
}
