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

/* mp_eval_charge and mp_eval_poll, the checkpoint the VM and long C
 * loops call, are in objects/pystate.h beside the countdown. */

int mp_evalbudget_init(void);

#endif /* MP_EVALBUDGET_H */
