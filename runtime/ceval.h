/*
 * ceval.h -- running code: the bytecode interpreter's entry points.
 */
#ifndef MP_CEVAL_H
#define MP_CEVAL_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/frameobject.h"
#include "runtime/funcobject.h"

/* Call a Python function from C.  Arguments are borrowed.  New. */
MpObject *mp_eval_function(MpFunctionObject *func, MpObject *const *args,
                           Mp_ssize_t nargs, MpObject *kwnames);
/* Run a module or class body with the given namespaces.  New. */
MpObject *mp_eval_code(MpCodeObject *co, MpObject *globals,
                       MpObject *locals);
/* Run (or resume) a generator's frame.  On resume 'sendval' becomes the
 * value of the paused yield; with 'throwexc' that exception is raised at
 * the yield instead.  The value yielded or returned (New), or NULL. */
MpObject *mp_eval_frame(MpFrameObject *f, MpObject *sendval,
                        MpObject *throwexc);

/* The builtins dict functions of 'globals' use: its __builtins__ entry
 * (a dict or a module), else the runtime's.  New. */
MpObject *mp_eval_builtins_for(MpObject *globals);
MpObject *mp_eval_get_builtins(void);           /* Borrowed, or NULL */
void mp_eval_set_builtins(MpObject *builtins);  /* takes a reference */
/* The innermost executing frame (Borrowed), or NULL. */
MpFrameObject *mp_eval_current_frame(void);

/* ---- callargs.c ---- */
/* Put the arguments of a call into the frame's parameter slots, with
 * defaults, *args and **kwargs; errors are CPython's TypeErrors.  The
 * arguments are borrowed.  0, or -1 with an exception set. */
int mp_bind_arguments(MpFunctionObject *func, MpObject **localsplus,
                      MpObject *const *args, Mp_ssize_t nargs,
                      MpObject *kwnames);
/* Fill the cells and free variables of a new frame.  0 or -1. */
int mp_init_cells(MpFunctionObject *func, MpObject **localsplus);
/* "mod.f()" as CPython names a callable in call errors.  New, or NULL
 * with an exception. */
MpObject *mp_function_str(MpObject *func);

void mp_eval_fini(void);

#endif /* MP_CEVAL_H */
