/*
 * pystate.h -- the runtime's per-thread state (minipy has one thread).
 *
 * Holds the raised exception, the stack of exceptions being handled (for
 * implicit chaining and bare 'raise'), the recursion counter shared by
 * Python frames and C recursion guards, and the executing frame.
 */
#ifndef MP_PYSTATE_H
#define MP_PYSTATE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* One entry per 'except'/'finally' block being run: the exception it
 * handles.  The VM pushes and pops these; errors.c reads the top one to set
 * __context__ of a newly raised exception. */
typedef struct mp_err_stackitem {
    MpObject *exc_value;                    /* owned, or NULL */
    struct mp_err_stackitem *previous_item;
} mp_err_stackitem;

typedef struct MpThreadState {
    MpObject *current_exception;   /* raised and not yet caught; owned */
    mp_err_stackitem *exc_info;    /* top of the handled-exception stack */
    mp_err_stackitem exc_state;    /* its bottom entry */
    int recursion_depth;           /* Python frames + guarded C calls */
    int recursion_limit;           /* sys.getrecursionlimit() */
    int recursion_headroom;        /* set while raising RecursionError */
    char *stack_base;              /* C stack address at initialisation */
    size_t stack_limit;            /* bytes of C stack we allow ourselves */
    void *frame;                   /* the executing frame (runtime/) */
    long long eval_countdown;      /* instructions before the next poll
                                      (runtime/evalbudget.c) */
} MpThreadState;

/* Hidden, as every internal name is: code built with -fPIC then reaches
 * it directly instead of loading its address from the GOT first. */
extern MpThreadState mp_tstate __attribute__((visibility("hidden")));

static inline MpThreadState *
mp_tstate_get(void)
{
    return &mp_tstate;
}

int mp_pystate_init(void);
void mp_pystate_fini(void);
/* 1 when the C stack is closer than a safety margin to its limit. */
int mp_pystate_c_stack_exhausted(void);

/* Mp_EnterRecursiveCall for the hot paths (every rich comparison): the
 * common case -- under the limit, on the known stack, well within it --
 * is decided here; anything else takes the full function. */
static inline int
mp_enter_recursive_call(const char *where)
{
    MpThreadState *ts = &mp_tstate;
    char *here = (char *)__builtin_frame_address(0);

    if (MP_LIKELY(ts->recursion_depth < ts->recursion_limit &&
                  here <= ts->stack_base &&
                  (size_t)(ts->stack_base - here) <= ts->stack_limit)) {
        ts->recursion_depth++;
        return 0;
    }
    return Mp_EnterRecursiveCall(where);
}

/* ---- The evaluation budget's checkpoint (runtime/evalbudget.c) ---- */

/* Called by mp_eval_charge when the countdown has gone below zero:
 * settles what was spent, calls the hook when it is due, re-arms the
 * countdown.  0, or -1 with EvalInterrupt (or MemoryError) set. */
int mp_eval_poll(void);

/* Charge 'n' instructions at a checkpoint: a loop's back edge, a new
 * frame (a call), an item taken by a C-level iteration
 * (MpIter_Next), a big-int multiplication or division (its digit
 * products / 32).  While no budget and no hook is set the countdown
 * starts near LLONG_MAX, so this is one subtraction and one branch that
 * is never taken.  The thread state is named directly, not through a
 * pointer the VM would have to keep in a register or reload.  0, or -1
 * with an exception set. */
static inline int
mp_eval_charge(Mp_ssize_t n)
{
    if (MP_UNLIKELY((mp_tstate.eval_countdown -= n) < 0))
        return mp_eval_poll();
    return 0;
}

#endif /* MP_PYSTATE_H */
