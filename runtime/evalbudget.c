/*
 * evalbudget.c -- bounding a run: an instruction budget and a periodic
 * hook for embedders (Mp_SetEvalBudget, Mp_SetEvalHook), the way Lua's
 * count hook lets a host stop a runaway script.
 *
 * The VM does not count every instruction.  The runtime charges
 * instructions at checkpoints it passes anyway, through mp_eval_charge
 * (objects/pystate.h):
 *
 *   checkpoint                      charge
 *   ------------------------------  -----------------------------------
 *   a backward JUMP (loop edge)     the loop's length: target .. JUMP
 *   a new frame (every call)        the length of its code
 *   an item taken by MpIter_Next    1 (sum, max, list() ... in C)
 *   a big-int multiply or divide    its digit products / 32
 *
 * Straight-line code between checkpoints runs at most once per charge
 * (a generator resumed runs at most its code's length, and whoever
 * resumes it loops), so the count is an estimate within a small factor,
 * never unboundedly low: every path that runs for long passes a back
 * edge, makes frames or loops in one of those C operations.
 *
 * One countdown in the thread state, 'eval_countdown', stands for "the
 * instructions left before anything is due".  arm() sets it to the
 * smaller of the budget left and the instructions until the next hook
 * call, or near LLONG_MAX when neither is set; the VM only subtracts and
 * tests the sign, so with nothing set a checkpoint costs one subtraction
 * and one branch that is never taken.  When the sign flips, mp_eval_poll
 * settles what was spent since arm() ('armed' - countdown) against both,
 * calls the hook if it is due, and re-arms.
 *
 * Invariants: between polls, armed - eval_countdown is the number of
 * instructions charged since the last settle; budget and hook_left never
 * go below 0 (they saturate).  An exhausted budget stays at 0, so the
 * countdown is armed at 0 and every later checkpoint raises EvalInterrupt
 * again: an 'except:' clause can run its own straight-line code but not
 * loop or call its way on.  A hook that asks to stop is asked again at
 * every checkpoint until it returns 0.  EvalInterrupt derives from
 * BaseException, so 'except Exception' does not catch it.
 *
 * Read alongside Lua 5.4: ldebug.c luaG_traceexec, ldo.c luaD_hook
 * (LUA_MASKCOUNT); CPython 3.11 Python/ceval.c eval_breaker (its
 * checkpoints are the same backward jumps and frame entries).
 * Left out: line and call hooks, asynchronous interruption from another
 * thread (the runtime is single-threaded), charging other long C
 * operations (sorting, str search, dict probes among equal hashes).
 */
#include "include/internal/mp_core.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "runtime/evalbudget.h"

#define COUNTDOWN_MAX ((unsigned long long)LLONG_MAX)

static struct {
    int budget_set;
    unsigned long long budget;      /* instructions left at the last settle */
    Mp_EvalHook hook;
    void *hook_arg;
    unsigned long long hook_every;
    unsigned long long hook_left;   /* instructions until the next call */
    long long armed;                /* eval_countdown at the last arm() */
} state;

static unsigned long long
saturating_sub(unsigned long long a, unsigned long long b)
{
    return a > b ? a - b : 0;
}

/* Take what was charged since the last arm() off the budget and off the
 * hook's interval. */
static void
settle(void)
{
    MpThreadState *ts = mp_tstate_get();
    /* armed >= countdown; computed unsigned, as the countdown may have
     * gone a little below zero */
    unsigned long long spent = (unsigned long long)state.armed
                               - (unsigned long long)ts->eval_countdown;

    state.budget = saturating_sub(state.budget, spent);
    state.hook_left = saturating_sub(state.hook_left, spent);
    state.armed = ts->eval_countdown;
}

/* Set the countdown to the instructions until the next event. */
static void
arm(void)
{
    unsigned long long next = COUNTDOWN_MAX;

    if (state.budget_set)
        next = MP_MIN(next, state.budget);
    if (state.hook != NULL)
        next = MP_MIN(next, state.hook_left);
    state.armed = (long long)next;
    mp_tstate_get()->eval_countdown = (long long)next;
}

/* See evalbudget.h. */
int
mp_eval_poll(void)
{
    settle();
    if (state.budget_set && state.budget == 0) {
        arm();
        MpErr_SetString(MpExc_EvalInterrupt, "evaluation budget exhausted");
        return -1;
    }
    if (state.hook != NULL && state.hook_left == 0) {
        /* armed before the call: the hook may run code that charges */
        state.hook_left = state.hook_every;
        arm();
        if (state.hook(state.hook_arg) != 0) {
            settle();
            state.hook_left = 0;
            arm();
            MpErr_SetString(MpExc_EvalInterrupt,
                            "stopped by the evaluation hook");
            return -1;
        }
        return 0;
    }
    arm();
    return 0;
}

void
Mp_SetEvalBudget(unsigned long long instructions)
{
    settle();
    state.budget_set = instructions != 0;
    state.budget = instructions;
    arm();
}

unsigned long long
Mp_GetEvalBudget(void)
{
    settle();
    arm();
    return state.budget_set ? state.budget : ULLONG_MAX;
}

void
Mp_SetEvalHook(Mp_EvalHook hook, void *arg, unsigned long long every)
{
    settle();
    state.hook = hook;
    state.hook_arg = arg;
    state.hook_every = every != 0 ? every : 1;
    state.hook_left = state.hook_every;
    arm();
}

/* No budget, no hook: the countdown starts at its maximum. */
int
mp_evalbudget_init(void)
{
    memset(&state, 0, sizeof(state));
    arm();
    return 0;
}
