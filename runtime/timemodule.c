/*
 * timemodule.c -- the time module: clocks and sleep.
 *
 *   function              clock                 result
 *   --------------------  --------------------  ---------------------
 *   time(), time_ns()     CLOCK_REALTIME        float s / int ns
 *   monotonic(), _ns()    CLOCK_MONOTONIC       float s / int ns
 *   perf_counter(), _ns() CLOCK_MONOTONIC       float s / int ns
 *   sleep(secs)           nanosleep, resumed after signals
 *
 * The float clocks return the nanosecond count divided by 1e9, as CPython
 * does, so a float keeps microsecond resolution for the wall clock.
 * sleep() takes an int or a float and refuses what CPython refuses: a
 * negative length, NaN, and lengths that do not fit its nanosecond
 * counter (about 292 years).
 *
 * Read alongside CPython 3.11: Modules/timemodule.c (time_time,
 * time_perf_counter, time_sleep, pysleep), Python/pytime.c
 * (_PyTime_FromSecondsObject).
 *
 * Left out: process_time, thread_time, localtime/gmtime/strftime and the
 * struct_time type, get_clock_info, the timezone constants.
 */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "runtime/moduleobject.h"

#define NS_PER_SEC 1000000000LL

/* The checks of a function taking no arguments: "time.f() ...". */
static int
check_noargs(const char *qualname, Mp_ssize_t nargs, MpObject *kwnames)
{
    if (kwnames != NULL && MpTuple_Size(kwnames) > 0) {
        MpErr_Format(MpExc_TypeError, "%s() takes no keyword arguments",
                     qualname);
        return -1;
    }
    if (nargs != 0) {
        MpErr_Format(MpExc_TypeError, "%s() takes no arguments "
                     "(%zd given)", qualname, nargs);
        return -1;
    }
    return 0;
}

/* Nanoseconds on 'clock' (which always works on Linux for the clocks
 * used here).  -1 with OSError if it fails. */
static long long
clock_ns(clockid_t clock)
{
    struct timespec ts;

    if (clock_gettime(clock, &ts) != 0) {
        MpErr_SetString(MpExc_OSError, "clock_gettime failed");
        return -1;
    }
    return (long long)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static MpObject *
seconds(clockid_t clock)
{
    long long ns = clock_ns(clock);
    return ns < 0 ? NULL : MpFloat_FromDouble((double)ns / 1e9);
}

static MpObject *
nanoseconds(clockid_t clock)
{
    long long ns = clock_ns(clock);
    return ns < 0 ? NULL : MpLong_FromLongLong(ns);
}

#define CLOCK_FUNCTION(name, clock, conv)                                \
    static MpObject *                                                    \
    time_##name(MpObject *self, MpObject *const *args, Mp_ssize_t nargs, \
                MpObject *kwnames)                                       \
    {                                                                    \
        MP_UNUSED(self);                                                 \
        MP_UNUSED(args);                                                 \
        if (check_noargs("time." #name, nargs, kwnames) < 0)             \
            return NULL;                                                 \
        return conv(clock);                                              \
    }

CLOCK_FUNCTION(time, CLOCK_REALTIME, seconds)
CLOCK_FUNCTION(time_ns, CLOCK_REALTIME, nanoseconds)
CLOCK_FUNCTION(monotonic, CLOCK_MONOTONIC, seconds)
CLOCK_FUNCTION(monotonic_ns, CLOCK_MONOTONIC, nanoseconds)
CLOCK_FUNCTION(perf_counter, CLOCK_MONOTONIC, seconds)
CLOCK_FUNCTION(perf_counter_ns, CLOCK_MONOTONIC, nanoseconds)

/* The length of a sleep in nanoseconds, from an int or a float, with
 * CPython's errors.  0 or -1. */
static int
sleep_length(MpObject *obj, long long *ns)
{
    if (MpFloat_Check(obj)) {
        double d = MpFloat_AsDouble(obj);
        if (isnan(d)) {
            MpErr_SetString(MpExc_ValueError,
                            "Invalid value NaN (not a number)");
            return -1;
        }
        d *= 1e9;
        if (!(d < 9223372036854775807.0 && d >= -9223372036854775808.0)) {
            MpErr_SetString(MpExc_OverflowError,
                            "timestamp out of range for platform time_t");
            return -1;
        }
        /* Rounded up, as CPython rounds timeouts: never sleep short; the
         * sign is checked before rounding (-1e-10 is refused). */
        *ns = d < 0 ? -1 : (long long)ceil(d);
    }
    else {
        MpObject *index = MpNumber_Index(obj);
        long long secs;
        if (index == NULL)
            return -1;
        secs = MpLong_AsLongLong(index);
        Mp_DECREF(index);
        if (secs == -1 && MpErr_Occurred()) {
            if (!MpErr_ExceptionMatches(MpExc_OverflowError))
                return -1;
            secs = LLONG_MAX;
            MpErr_Clear();
        }
        if (secs > LLONG_MAX / NS_PER_SEC || secs < LLONG_MIN / NS_PER_SEC) {
            MpErr_SetString(MpExc_OverflowError, "timestamp too large to "
                            "convert to C _PyTime_t");
            return -1;
        }
        *ns = secs * NS_PER_SEC;
    }
    if (*ns < 0) {
        MpErr_SetString(MpExc_ValueError, "sleep length must be "
                        "non-negative");
        return -1;
    }
    return 0;
}

static MpObject *
time_sleep(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
           MpObject *kwnames)
{
    struct timespec req;
    long long ns;

    MP_UNUSED(self);
    if (kwnames != NULL && MpTuple_Size(kwnames) > 0) {
        MpErr_SetString(MpExc_TypeError,
                        "time.sleep() takes no keyword arguments");
        return NULL;
    }
    if (nargs != 1) {
        MpErr_Format(MpExc_TypeError, "time.sleep() takes exactly one "
                     "argument (%zd given)", nargs);
        return NULL;
    }
    if (sleep_length(args[0], &ns) < 0)
        return NULL;
    req.tv_sec = (time_t)(ns / NS_PER_SEC);
    req.tv_nsec = (long)(ns % NS_PER_SEC);
    /* A signal interrupts nanosleep: sleep the rest (PEP 475). */
    while (nanosleep(&req, &req) != 0) {
        if (errno != EINTR) {
            MpErr_SetString(MpExc_OSError, "nanosleep failed");
            return NULL;
        }
    }
    Mp_RETURN_NONE;
}

#define TIME_FUNC(name) \
    {#name, (MpCFunction)(void (*)(void))time_##name, \
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL}

static MpMethodDef time_methods[] = {
    TIME_FUNC(time),
    TIME_FUNC(time_ns),
    TIME_FUNC(monotonic),
    TIME_FUNC(monotonic_ns),
    TIME_FUNC(perf_counter),
    TIME_FUNC(perf_counter_ns),
    TIME_FUNC(sleep),
    {NULL, NULL, 0, NULL},
};

/* A new time module (New), or NULL with an exception set. */
MpObject *
mp_time_module_create(void)
{
    MpObject *m = mp_module_new("time");

    if (m == NULL)
        return NULL;
    if (mp_module_add_functions(m, time_methods) < 0) {
        Mp_DECREF(m);
        return NULL;
    }
    return m;
}
