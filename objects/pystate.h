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
} MpThreadState;

extern MpThreadState mp_tstate;

static inline MpThreadState *
mp_tstate_get(void)
{
    return &mp_tstate;
}

int mp_pystate_init(void);
void mp_pystate_fini(void);
/* 1 when the C stack is closer than a safety margin to its limit. */
int mp_pystate_c_stack_exhausted(void);

#endif /* MP_PYSTATE_H */
