/*
 * bench_long.c -- int: minipy against CPython 3.11, same workloads through
 * both C APIs in one process, plus the measurement behind minipy's
 * Karatsuba cutoff.
 *
 *   boxing        10M ints from C longs, mostly outside the small-int
 *                 cache, each dropped at once
 *   factorial     1000! by repeated multiplication, 20 times
 *   mul 10k       product of two 10,000-hex-digit numbers (40,000 bits
 *                 each), 50 times
 *   divmod        divmod of a 4,000-digit by a 2,000-digit number, 200x
 *   str 4000      str() of a 4,000-digit number, 200 times
 *   int 4000      int() of a 4,000-digit decimal string, 200 times
 *
 * Each workload runs alternately on both runtimes for several rounds; the
 * table shows the medians and the ratio CPython / minipy (above 1: minipy
 * is faster).  Only ratios from one run mean anything on a shared machine.
 *
 * The cutoff table then times minipy's multiplication of two n-digit
 * (30-bit digit) numbers with schoolbook only and with Karatsuba from
 * several cutoffs; the crossover it shows is how the default was chosen.
 *
 * Built by `make bench`.  Python.h is not included (its typedefs clash
 * with minipy.h's); the few CPython functions used are declared by hand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "minipy.h"

/* ---- CPython 3.11's C API, declared by hand ---- */
typedef struct py_object PyObject;
void Py_Initialize(void);
int Py_FinalizeEx(void);
void _Py_Dealloc(PyObject *op);
PyObject *PyLong_FromLong(long v);
PyObject *PyLong_FromString(const char *str, char **pend, int base);
PyObject *PyNumber_Multiply(PyObject *a, PyObject *b);
PyObject *PyNumber_Divmod(PyObject *a, PyObject *b);
PyObject *PyObject_Str(PyObject *o);

static inline void
py_decref(PyObject *op)
{
    if (--*(intptr_t *)op == 0)
        _Py_Dealloc(op);
}

/* Internal to minipy (hidden from the shared library, linked from the
 * static one): the Karatsuba cutoff in digits; returns the old value. */
intptr_t mp_long_set_karatsuba_cutoff(intptr_t cutoff);

#define ROUNDS 5
#define N_BOX 10000000L

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "bench_long: %s failed\n", what);
        exit(1);
    }
}

/* Operands shared by both runtimes: decimal text of fixed length. */
static char text_4000[4001], text_2000[2001], text_10k_a[10001],
            text_10k_b[10001];

static void
fill_digits(char *buf, size_t n, uint32_t seed)
{
    size_t i;

    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (char)('0' + (seed >> 16) % 10);
    }
    buf[0] = '7';
    buf[n] = '\0';
}

/* ---- The workloads, once per runtime ---- */

static void
py_boxing(void)
{
    long i;

    for (i = 0; i < N_BOX; i++) {
        PyObject *v = PyLong_FromLong(i * 7 + 1000);
        check(v != NULL, "PyLong_FromLong");
        py_decref(v);
    }
}

static void
mp_boxing(void)
{
    long i;

    for (i = 0; i < N_BOX; i++) {
        MpObject *v = MpLong_FromLong(i * 7 + 1000);
        check(v != NULL, "MpLong_FromLong");
        Mp_DECREF(v);
    }
}

static void
py_factorial(void)
{
    int r;

    for (r = 0; r < 20; r++) {
        PyObject *f = PyLong_FromLong(1);
        long i;
        for (i = 2; i <= 1000; i++) {
            PyObject *k = PyLong_FromLong(i), *t = PyNumber_Multiply(f, k);
            check(t != NULL, "PyNumber_Multiply");
            py_decref(k);
            py_decref(f);
            f = t;
        }
        py_decref(f);
    }
}

static void
mp_factorial(void)
{
    int r;

    for (r = 0; r < 20; r++) {
        MpObject *f = MpLong_FromLong(1);
        long i;
        for (i = 2; i <= 1000; i++) {
            MpObject *k = MpLong_FromLong(i), *t = MpNumber_Multiply(f, k);
            check(t != NULL, "MpNumber_Multiply");
            Mp_DECREF(k);
            Mp_DECREF(f);
            f = t;
        }
        Mp_DECREF(f);
    }
}

/* The binary and conversion workloads share one shape: repeat an
 * operation on operands parsed once. */
enum op { OP_MUL, OP_DIVMOD, OP_STR, OP_PARSE };

static void
py_op(enum op op)
{
    PyObject *a = NULL, *b = NULL, *r;
    int i, n = op == OP_MUL ? 50 : 200;

    if (op == OP_MUL) {
        a = PyLong_FromString(text_10k_a, NULL, 16);
        b = PyLong_FromString(text_10k_b, NULL, 16);
    }
    else {
        a = PyLong_FromString(text_4000, NULL, 10);
        b = PyLong_FromString(text_2000, NULL, 10);
    }
    check(a != NULL && b != NULL, "PyLong_FromString");
    for (i = 0; i < n; i++) {
        r = op == OP_MUL ? PyNumber_Multiply(a, b)
            : op == OP_DIVMOD ? PyNumber_Divmod(a, b)
            : op == OP_STR ? PyObject_Str(a)
            : PyLong_FromString(text_4000, NULL, 10);
        check(r != NULL, "CPython operation");
        py_decref(r);
    }
    py_decref(a);
    py_decref(b);
}

static void
mp_op(enum op op)
{
    MpObject *a = NULL, *b = NULL, *r;
    int i, n = op == OP_MUL ? 50 : 200;

    if (op == OP_MUL) {
        a = MpLong_FromString(text_10k_a, NULL, 16);
        b = MpLong_FromString(text_10k_b, NULL, 16);
    }
    else {
        a = MpLong_FromString(text_4000, NULL, 10);
        b = MpLong_FromString(text_2000, NULL, 10);
    }
    check(a != NULL && b != NULL, "MpLong_FromString");
    for (i = 0; i < n; i++) {
        r = op == OP_MUL ? MpNumber_Multiply(a, b)
            : op == OP_DIVMOD ? MpNumber_Divmod(a, b)
            : op == OP_STR ? MpObject_Str(a)
            : MpLong_FromString(text_4000, NULL, 10);
        check(r != NULL, "minipy operation");
        Mp_DECREF(r);
    }
    Mp_DECREF(a);
    Mp_DECREF(b);
}

static void py_mul(void) { py_op(OP_MUL); }
static void mp_mul(void) { mp_op(OP_MUL); }
static void py_divmod(void) { py_op(OP_DIVMOD); }
static void mp_divmod(void) { mp_op(OP_DIVMOD); }
static void py_str(void) { py_op(OP_STR); }
static void mp_str(void) { mp_op(OP_STR); }
static void py_parse(void) { py_op(OP_PARSE); }
static void mp_parse(void) { mp_op(OP_PARSE); }

struct workload {
    const char *name;
    void (*py)(void);
    void (*mp)(void);
};

static const struct workload workloads[] = {
    {"boxing", py_boxing, mp_boxing},
    {"factorial", py_factorial, mp_factorial},
    {"mul 10k", py_mul, mp_mul},
    {"divmod", py_divmod, mp_divmod},
    {"str 4000", py_str, mp_str},
    {"int 4000", py_parse, mp_parse},
};

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double
median(double *v)
{
    qsort(v, ROUNDS, sizeof(double), cmp_double);
    return v[ROUNDS / 2];
}

static void
run_workloads(void)
{
    size_t w;
    int r;

    printf("%-12s %12s %12s %10s\n", "workload", "CPython ms", "minipy ms",
           "ratio");
    for (w = 0; w < sizeof workloads / sizeof workloads[0]; w++) {
        double py[ROUNDS], mp[ROUNDS], t0;
        for (r = 0; r < ROUNDS; r++) {
            t0 = now_s();
            workloads[w].py();
            py[r] = now_s() - t0;
            t0 = now_s();
            workloads[w].mp();
            mp[r] = now_s() - t0;
        }
        printf("%-12s %12.1f %12.1f %10.2f\n", workloads[w].name,
               median(py) * 1e3, median(mp) * 1e3, median(py) / median(mp));
    }
}

/* ---- The Karatsuba cutoff ---- */

/* Nanoseconds per multiplication of two n-digit numbers (best of 5). */
static double
time_mul(MpObject *a, MpObject *b, long reps)
{
    double best = 1e30;
    int r;

    for (r = 0; r < 5; r++) {
        double t0 = now_s();
        long k;
        for (k = 0; k < reps; k++) {
            MpObject *z = MpNumber_Multiply(a, b);
            check(z != NULL, "MpNumber_Multiply");
            Mp_DECREF(z);
        }
        t0 = (now_s() - t0) / (double)reps * 1e9;
        if (t0 < best)
            best = t0;
    }
    return best;
}

static void
run_cutoffs(void)
{
    static const long sizes[] = {30, 50, 70, 100, 140, 200, 400};
    static const intptr_t cutoffs[] = {1000000, 30, 50, 70, 100};
    size_t s, c;
    intptr_t old = mp_long_set_karatsuba_cutoff(70);

    printf("\nns per n-digit x n-digit multiply, by Karatsuba cutoff "
           "(1000000 = schoolbook only)\n%8s", "n");
    for (c = 0; c < sizeof cutoffs / sizeof cutoffs[0]; c++)
        printf("%10ld", (long)cutoffs[c]);
    printf("\n");
    for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        /* 2**(30n) - 1 and 3**(19n): n-digit operands */
        MpObject *one = MpLong_FromLong(1), *three = MpLong_FromLong(3);
        MpObject *bits = MpLong_FromLong(30 * sizes[s]);
        MpObject *e = MpLong_FromLong(19 * sizes[s]);
        MpObject *p = MpNumber_Lshift(one, bits);
        MpObject *a = MpNumber_Subtract(p, one);
        MpObject *b = MpNumber_Power(three, e, Mp_None);
        long reps = 20000000L / (sizes[s] * sizes[s]) + 1;

        check(a != NULL && b != NULL, "operands");
        printf("%8ld", sizes[s]);
        for (c = 0; c < sizeof cutoffs / sizeof cutoffs[0]; c++) {
            mp_long_set_karatsuba_cutoff(cutoffs[c]);
            printf("%10.0f", time_mul(a, b, reps));
        }
        printf("\n");
        Mp_DECREF(one);
        Mp_DECREF(three);
        Mp_DECREF(bits);
        Mp_DECREF(e);
        Mp_DECREF(p);
        Mp_DECREF(a);
        Mp_DECREF(b);
    }
    mp_long_set_karatsuba_cutoff(old);
}

int
main(void)
{
    fill_digits(text_4000, 4000, 1);
    fill_digits(text_2000, 2000, 2);
    fill_digits(text_10k_a, 10000, 3);   /* read as hex: 40,000 bits */
    fill_digits(text_10k_b, 10000, 4);
    Py_Initialize();
    check(Mp_Initialize() == 0, "Mp_Initialize");
    run_workloads();
    run_cutoffs();
    Mp_Finalize();
    Py_FinalizeEx();
    return 0;
}
