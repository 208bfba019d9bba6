/*
 * bench_gc.c -- the cycle collector against CPython 3.11's, same workload
 * through both C APIs in one process.
 *
 *   1. full collection of 500,000 two-list cycles (built with automatic
 *      collection off, then one timed collection);
 *   2. 10,000,000 short-lived lists, each freed at once, automatic
 *      collection on;
 *   3. 10,000,000 short-lived self-referencing lists (each a cycle only
 *      the automatic collections can free).
 *
 * Build (the Makefile's bench target does the same):
 *   cc -O2 -I. -Iinclude -I/usr/include/python3.11 bench/bench_gc.c \
 *      build/libminipy.a -lpython3.11 -lm
 * Prints nanoseconds per object for each runtime and minipy / CPython.
 */
#include <Python.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Python.h first: minipy.h then keeps CPython's slot type names. */
#include "minipy.h"

#define NCYCLES 500000
#define NSHORT 10000000L

static double
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void
die(const char *what)
{
    fprintf(stderr, "bench_gc: %s failed\n", what);
    exit(1);
}

/* ---- CPython ---- */

static double
py_cycles(long *found)
{
    double t0;
    long i;

    PyGC_Disable();
    for (i = 0; i < NCYCLES; i++) {
        PyObject *a = PyList_New(0), *b = PyList_New(0);
        if (a == NULL || b == NULL || PyList_Append(a, b) < 0
            || PyList_Append(b, a) < 0)
            die("PyList");
        Py_DECREF(a);
        Py_DECREF(b);
    }
    PyGC_Enable();          /* PyGC_Collect does nothing while disabled */
    t0 = now_ns();
    *found = (long)PyGC_Collect();
    return now_ns() - t0;
}

static double
py_short_lived(int cycle)
{
    double t0 = now_ns();
    long i;

    for (i = 0; i < NSHORT; i++) {
        PyObject *l = PyList_New(0);
        if (l == NULL || (cycle && PyList_Append(l, l) < 0))
            die("PyList");
        Py_DECREF(l);
    }
    return now_ns() - t0;
}

/* ---- minipy ---- */

static double
mp_cycles(long *found)
{
    double t0;
    long i;

    MpGC_Disable();
    for (i = 0; i < NCYCLES; i++) {
        MpObject *a = MpList_New(0), *b = MpList_New(0);
        if (a == NULL || b == NULL || MpList_Append(a, b) < 0
            || MpList_Append(b, a) < 0)
            die("MpList");
        Mp_DECREF(a);
        Mp_DECREF(b);
    }
    MpGC_Enable();
    t0 = now_ns();
    *found = (long)MpGC_Collect();
    return now_ns() - t0;
}

static double
mp_short_lived(int cycle)
{
    double t0 = now_ns();
    long i;

    for (i = 0; i < NSHORT; i++) {
        MpObject *l = MpList_New(0);
        if (l == NULL || (cycle && MpList_Append(l, l) < 0))
            die("MpList");
        Mp_DECREF(l);
    }
    return now_ns() - t0;
}

static void
report(const char *name, double py, double mp, double n)
{
    printf("%-34s CPython %8.1f ns  minipy %8.1f ns  ratio %.2f\n", name,
           py / n, mp / n, mp / py);
}

int
main(void)
{
    double py1, py2, py3, mp1, mp2, mp3;
    long py_found, mp_found;

    Py_Initialize();
    if (Mp_Initialize() != 0)
        die("Mp_Initialize");
    PyGC_Collect();
    MpGC_Collect();

    py1 = py_cycles(&py_found);
    mp1 = mp_cycles(&mp_found);
    py2 = py_short_lived(0);
    mp2 = mp_short_lived(0);
    py3 = py_short_lived(1);
    mp3 = mp_short_lived(1);

    printf("collector benchmark (per object; ratio = minipy / CPython)\n");
    printf("full collection of %d two-list cycles: CPython found %ld "
           "(%.1f ms), minipy found %ld (%.1f ms)\n", NCYCLES, py_found,
           py1 / 1e6, mp_found, mp1 / 1e6);
    report("full collection, per object", py1, mp1, 2.0 * NCYCLES);
    report("short-lived list, freed at once", py2, mp2, (double)NSHORT);
    report("short-lived self-cycle, auto gc", py3, mp3, (double)NSHORT);

    Mp_Finalize();
    if (Py_FinalizeEx() < 0)
        return 1;
    return 0;
}
