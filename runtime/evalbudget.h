/*
 * evalbudget.h -- the evaluation budget and hook the VM polls
 * (Mp_SetEvalBudget, Mp_SetEvalHook); see evalbudget.c.
 */
#ifndef MP_EVALBUDGET_H
#define MP_EVALBUDGET_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "objects/pystate.h"

/* Called by the VM when the countdown has gone below zero: settles what
 * was spent, calls the hook when it is due, re-arms the countdown.
 * Returns 0, or -1 with EvalInterrupt (or MemoryError) set. */
int mp_eval_poll(void);

/* Charge 'n' instructions at a checkpoint (a loop's back edge, a frame
 * starting or resuming).  While no budget and no hook is set the
 * countdown starts near LLONG_MAX, so this is one subtraction and one
 * branch that is never taken.  0, or -1 with an exception set. */
static inline int
mp_eval_charge(MpThreadState *ts, Mp_ssize_t n)
{
    if (MP_UNLIKELY((ts->eval_countdown -= n) < 0))
        return mp_eval_poll();
    return 0;
}

int mp_evalbudget_init(void);

#endif /* MP_EVALBUDGET_H */
