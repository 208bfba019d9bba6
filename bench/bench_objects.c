/*
 * bench_objects.c -- the object layer through two C APIs, side by side.
 *
 * Each workload is written twice, once against CPython 3.11's C API
 * (libpython3.11) and once against minipy's, and the two are run
 * alternately in the same process for several rounds.  The table shows the
 * median time of each and the ratio CPython / minipy (above 1: minipy is
 * faster).  Only ratios from one run mean anything on a shared machine.
 *
 *   int boxing       10M ints, mostly outside the small-int cache
 *   list append      10M ints appended, then the list torn down
 *   dict str keys    1M distinct str keys: set each, then get each
 *   intern           1M strings built from C text and interned
 *   nested teardown  a list of 1M small lists freed
 *
 * Then the memory check: a list of 1M distinct ints, in bytes as each
 * runtime's getsizeof counts them, and as minipy's allocator sees them.
 */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "minipy.h"

#define ROUNDS 5
#define N_BOX 10000000L
#define N_APPEND 10000000L
#define N_KEYS 1000000L
#define N_INTERN 1000000L
#define N_NESTED 1000000L

static char **key_text;

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "bench_objects: %s failed\n", what);
        exit(1);
    }
}

/* ---- int boxing ---- */
static void
py_box(void)
{
    for (long i = 0; i < N_BOX; i++) {
        PyObject *v = PyLong_FromLong(i * 7 + 1000);
        check(v != NULL, "PyLong_FromLong");
        Py_DECREF(v);
    }
}

static void
mp_box(void)
{
    for (long i = 0; i < N_BOX; i++) {
        MpObject *v = MpLong_FromLong(i * 7 + 1000);
        check(v != NULL, "MpLong_FromLong");
        Mp_DECREF(v);
    }
}

/* ---- list append ---- */
static void
py_append(void)
{
    PyObject *l = PyList_New(0);
    for (long i = 0; i < N_APPEND; i++) {
        PyObject *v = PyLong_FromLong(i);
        check(v != NULL && PyList_Append(l, v) == 0, "PyList_Append");
        Py_DECREF(v);
    }
    Py_DECREF(l);
}

static void
mp_append(void)
{
    MpObject *l = MpList_New(0);
    for (long i = 0; i < N_APPEND; i++) {
        MpObject *v = MpLong_FromLong(i);
        check(v != NULL && MpList_Append(l, v) == 0, "MpList_Append");
        Mp_DECREF(v);
    }
    Mp_DECREF(l);
}

/* ---- dict with str keys ---- */
static void
py_dict(void)
{
    PyObject *d = PyDict_New();
    PyObject **keys = malloc(N_KEYS * sizeof(*keys));
    for (long i = 0; i < N_KEYS; i++)
        keys[i] = PyUnicode_FromString(key_text[i]);
    for (long i = 0; i < N_KEYS; i++)
        check(PyDict_SetItem(d, keys[i], Py_None) == 0, "PyDict_SetItem");
    for (long i = 0; i < N_KEYS; i++)
        check(PyDict_GetItem(d, keys[i]) == Py_None, "PyDict_GetItem");
    for (long i = 0; i < N_KEYS; i++)
        Py_DECREF(keys[i]);
    free(keys);
    Py_DECREF(d);
}

static void
mp_dict(void)
{
    MpObject *d = MpDict_New();
    MpObject **keys = malloc(N_KEYS * sizeof(*keys));
    for (long i = 0; i < N_KEYS; i++)
        keys[i] = MpUnicode_FromString(key_text[i]);
    for (long i = 0; i < N_KEYS; i++)
        check(MpDict_SetItem(d, keys[i], Mp_None) == 0, "MpDict_SetItem");
    for (long i = 0; i < N_KEYS; i++)
        check(MpDict_GetItem(d, keys[i]) == Mp_None, "MpDict_GetItem");
    for (long i = 0; i < N_KEYS; i++)
        Mp_DECREF(keys[i]);
    free(keys);
    Mp_DECREF(d);
}

/* ---- interning ---- */
static void
py_intern(void)
{
    PyObject **s = malloc(N_INTERN * sizeof(*s));
    for (long i = 0; i < N_INTERN; i++) {
        s[i] = PyUnicode_InternFromString(key_text[i]);
        check(s[i] != NULL, "PyUnicode_InternFromString");
    }
    for (long i = 0; i < N_INTERN; i++)
        Py_DECREF(s[i]);
    free(s);
}

static void
mp_intern(void)
{
    MpObject **s = malloc(N_INTERN * sizeof(*s));
    for (long i = 0; i < N_INTERN; i++) {
        s[i] = MpUnicode_InternFromString(key_text[i]);
        check(s[i] != NULL, "MpUnicode_InternFromString");
    }
    for (long i = 0; i < N_INTERN; i++)
        Mp_DECREF(s[i]);
    free(s);
}

/* ---- teardown of nested lists (only the teardown is timed) ---- */
static PyObject *py_nested;
static MpObject *mp_nested;

static void
py_build_nested(void)
{
    py_nested = PyList_New(N_NESTED);
    for (long i = 0; i < N_NESTED; i++) {
        PyObject *inner = PyList_New(0);
        PyList_Append(inner, Py_None);
        PyList_SET_ITEM(py_nested, i, inner);
    }
}

static void
mp_build_nested(void)
{
    mp_nested = MpList_New(N_NESTED);
    for (long i = 0; i < N_NESTED; i++) {
        MpObject *inner = MpList_New(0);
        MpList_Append(inner, Mp_None);
        MpList_SetItem(mp_nested, i, inner);
    }
}

static void py_teardown(void) { Py_CLEAR(py_nested); }
static void mp_teardown(void) { Mp_CLEAR(mp_nested); }

typedef struct {
    const char *name;
    void (*py_setup)(void);
    void (*py_run)(void);
    void (*mp_setup)(void);
    void (*mp_run)(void);
} workload;

static const workload workloads[] = {
    {"int boxing (10M)", NULL, py_box, NULL, mp_box},
    {"list append (10M) + free", NULL, py_append, NULL, mp_append},
    {"dict str keys (1M set+get)", NULL, py_dict, NULL, mp_dict},
    {"intern 1M strings", NULL, py_intern, NULL, mp_intern},
    {"free list of 1M lists", py_build_nested, py_teardown,
     mp_build_nested, mp_teardown},
};

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double
timed(void (*setup)(void), void (*run)(void))
{
    if (setup != NULL)
        setup();
    double t0 = now();
    run();
    return now() - t0;
}

static void
memory_check(void)
{
    /* A list of 1M distinct ints, as each runtime's getsizeof counts. */
    PyObject *pl = PyList_New(0);
    MpObject *ml = MpList_New(0);
    long long py_bytes = 0, mp_bytes = 0;
    MpAllocStats before, after;

    MpAlloc_GetStats(&before);
    for (long i = 0; i < 1000000; i++) {
        PyObject *pv = PyLong_FromLong(1000 + i * 3);
        MpObject *mv = MpLong_FromLong(1000 + i * 3);
        PyList_Append(pl, pv);
        MpList_Append(ml, mv);
        py_bytes += (long long)_PySys_GetSizeOf(pv);
        mp_bytes += (long long)MpObject_GetSizeOf(mv);
        Py_DECREF(pv);
        Mp_DECREF(mv);
    }
    py_bytes += (long long)_PySys_GetSizeOf(pl);
    mp_bytes += (long long)MpObject_GetSizeOf(ml);
    MpAlloc_GetStats(&after);
    printf("\nmemory: list of 1M distinct ints\n");
    printf("  getsizeof sum   CPython %lld B   minipy %lld B   (%.3f)\n",
           py_bytes, mp_bytes, (double)mp_bytes / (double)py_bytes);
    printf("  minipy allocator: %zu B in use for it, %zu B mapped\n",
           after.bytes_in_use - before.bytes_in_use, after.bytes_mapped);
    Py_DECREF(pl);
    Mp_DECREF(ml);
}

int
main(void)
{
    Py_InitializeEx(0);
    check(Mp_Initialize() == 0, "Mp_Initialize");
    key_text = malloc(N_KEYS * sizeof(*key_text));
    for (long i = 0; i < N_KEYS; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "key_%ld", i * 2654435761L % 100000007L);
        key_text[i] = strdup(buf);
    }

    printf("%-28s %12s %12s %8s\n", "workload (median of 5)", "CPython ms",
           "minipy ms", "ratio");
    for (size_t w = 0; w < sizeof workloads / sizeof workloads[0]; w++) {
        const workload *wl = &workloads[w];
        double py[ROUNDS], mp[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            py[r] = timed(wl->py_setup, wl->py_run);
            mp[r] = timed(wl->mp_setup, wl->mp_run);
        }
        qsort(py, ROUNDS, sizeof(double), cmp_double);
        qsort(mp, ROUNDS, sizeof(double), cmp_double);
        printf("%-28s %12.1f %12.1f %8.2f\n", wl->name,
               py[ROUNDS / 2] * 1e3, mp[ROUNDS / 2] * 1e3,
               py[ROUNDS / 2] / mp[ROUNDS / 2]);
    }
    memory_check();

    for (long i = 0; i < N_KEYS; i++)
        free(key_text[i]);
    free(key_text);
    Mp_Finalize();
    Py_FinalizeEx();
    return 0;
}
