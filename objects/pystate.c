/*
 * pystate.c -- the runtime's one thread state and the recursion limit.
 *
 * minipy runs on one thread, so there is exactly one MpThreadState,
 * 'mp_tstate', shared by every part of the runtime:
 *
 *   field                 meaning
 *   --------------------  ------------------------------------------------
 *   current_exception     the raised exception (errors.c), owned
 *   exc_info / exc_state  the stack of exceptions being handled; the VM
 *                         pushes an entry per except block
 *   recursion_depth       Python frames + Mp_EnterRecursiveCall nesting
 *   recursion_limit       sys.getrecursionlimit(), 1000 at start
 *   recursion_headroom    nonzero while a RecursionError is being raised
 *   stack_base            highest C stack address seen in the runtime
 *   stack_limit           bytes of C stack below stack_base we may use
 *   eval_countdown        instructions the VM may charge before it polls
 *                         the budget and hook (runtime/evalbudget.c)
 *
 * The recursion limit counts levels, not bytes, so a high limit could
 * still overflow the C stack; mp_pystate_c_stack_exhausted() measures the
 * real C stack against the process's RLIMIT_STACK (minus a safety margin)
 * and Mp_EnterRecursiveCall raises RecursionError before it overflows.
 *
 * Invariants: recursion_depth >= 0; stack_base only moves up (towards
 * shallower frames), so the measured depth never under-estimates.  When
 * the runtime is entered on another stack (an embedder calling from
 * another thread, one at a time), the frame is found outside the stack
 * measured so far and that thread's own stack bounds are taken instead.
 *
 * Read alongside CPython 3.11: Python/pystate.c (PyThreadState),
 * Python/sysmodule.c sys_setrecursionlimit, Python/ceval.c
 * Py_SetRecursionLimit.  minipy leaves out threads and interpreters.
 */
#include <pthread.h>
#include <sys/resource.h>

#include "include/internal/mp_core.h"
#include "objects/pystate.h"

MpThreadState mp_tstate;

/* Stack kept free below the limit for the code that raises the error and
 * unwinds, and for frames between two recursion checks. */
#define STACK_SAFETY_MARGIN ((size_t)512 * 1024)
/* Used when the stack size is unlimited or cannot be read. */
#define STACK_DEFAULT_SIZE ((size_t)8 * 1024 * 1024)
/* Never assume more than this much stack. */
#define STACK_MAX_SIZE ((size_t)1024 * 1024 * 1024)

#define RECURSION_LIMIT_DEFAULT 1000

/* The usable part of a stack of 'size' bytes. */
static size_t
usable_stack(size_t size)
{
    if (size > STACK_MAX_SIZE)
        size = STACK_MAX_SIZE;
    /* A tiny stack: keep half of it as margin. */
    if (size <= 2 * STACK_SAFETY_MARGIN)
        return size / 2;
    return size - STACK_SAFETY_MARGIN;
}

static size_t
c_stack_size(void)
{
    struct rlimit rl;
    size_t size;

    if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        size = STACK_DEFAULT_SIZE;
    else
        size = (size_t)rl.rlim_cur;
    return usable_stack(size);
}

/* Set up the thread state: no exception, depth 0, limit 1000, and the C
 * stack measured from the caller's frame (Mp_Initialize's).  Returns 0. */
int
mp_pystate_init(void)
{
    memset(&mp_tstate, 0, sizeof(mp_tstate));
    mp_tstate.exc_info = &mp_tstate.exc_state;
    mp_tstate.recursion_limit = RECURSION_LIMIT_DEFAULT;
    mp_tstate.stack_base = (char *)__builtin_frame_address(0);
    mp_tstate.stack_limit = c_stack_size();
    return 0;
}

/* Drop any exception left raised or handled and reset the counters. */
void
mp_pystate_fini(void)
{
    MpObject *exc = mp_tstate.current_exception;
    MpObject *handled = mp_tstate.exc_state.exc_value;

    mp_tstate.current_exception = NULL;
    mp_tstate.exc_state.exc_value = NULL;
    mp_tstate.exc_info = &mp_tstate.exc_state;
    mp_tstate.recursion_depth = 0;
    mp_tstate.recursion_headroom = 0;
    mp_tstate.frame = NULL;
    Mp_XDECREF(exc);
    Mp_XDECREF(handled);
}

/* The frame 'here' lies outside the stack measured so far: take the
 * bounds of the running thread's stack, or failing that measure from
 * 'here' with the same allowance. */
static void
stack_rebase(char *here)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;

    mp_tstate.stack_base = here;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0
        && here > (char *)addr && here <= (char *)addr + size) {
        mp_tstate.stack_base = (char *)addr + size;
        mp_tstate.stack_limit = usable_stack(size);
    }
    pthread_attr_destroy(&attr);
}

/* 1 when the C stack in use (from the highest frame seen) is beyond the
 * allowed size, else 0.  Never fails. */
int
mp_pystate_c_stack_exhausted(void)
{
    char *here = (char *)__builtin_frame_address(0);
    size_t used;

    if (mp_tstate.stack_base == NULL)
        return 0;
    /* Stacks grow down on every supported machine.  A frame above the
     * base, or deeper than any stack of the measured size could reach,
     * is on another stack (or above the initialising frame). */
    if (here > mp_tstate.stack_base) {
        stack_rebase(here);
        return 0;
    }
    used = (size_t)(mp_tstate.stack_base - here);
    if (used > mp_tstate.stack_limit + STACK_SAFETY_MARGIN) {
        stack_rebase(here);
        used = (size_t)(mp_tstate.stack_base - here);
    }
    return used > mp_tstate.stack_limit;
}

/* sys.getrecursionlimit(). */
Mp_ssize_t
Mp_GetRecursionLimit(void)
{
    return mp_tstate.recursion_limit;
}

/* sys.setrecursionlimit(limit): 0, or -1 with ValueError (limit < 1),
 * OverflowError (beyond a C int) or RecursionError (limit at or below the
 * current depth). */
int
Mp_SetRecursionLimit(Mp_ssize_t limit)
{
    if (limit < 1) {
        MpErr_SetString(MpExc_ValueError,
                        "recursion limit must be greater or equal than 1");
        return -1;
    }
    if (limit > INT_MAX) {
        MpErr_SetString(MpExc_OverflowError,
                        "Python int too large to convert to C int");
        return -1;
    }
    if (limit <= mp_tstate.recursion_depth) {
        MpErr_Format(MpExc_RecursionError,
                     "cannot set the recursion limit to %zd at the "
                     "recursion depth %d: the limit is too low",
                     limit, mp_tstate.recursion_depth);
        return -1;
    }
    mp_tstate.recursion_limit = (int)limit;
    return 0;
}
