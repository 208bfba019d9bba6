/*
 * errors.h -- internal interface of the error indicator (errors.c).
 *
 * The public MpErr_* functions are in minipy.h.  This header adds the
 * hooks through which the interpreter prints tracebacks, and the display
 * routine the CLI and REPL share with MpErr_Print.
 */
#ifndef MP_ERRORS_H
#define MP_ERRORS_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* Prints the "Traceback (most recent call last):" block of 'exc' (whose
 * __traceback__ is set) to 'out'.  0, or -1 with an exception set. */
typedef int (*mp_traceback_printer)(MpObject *exc, FILE *out);

/* Install the printer (NULL removes it).  Without one, exceptions are
 * displayed without their traceback lines.  Survives re-initialisation. */
void mp_errors_set_traceback_printer(mp_traceback_printer printer);

/* Write 'exc' (an exception instance) to 'out' as CPython does: the
 * chain of causes and contexts first, each with its traceback, then the
 * last line "TypeError: message".  Exceptions raised while printing are
 * swallowed.  0 on success, -1 if something could not be printed. */
int mp_errors_display(MpObject *exc, FILE *out);

/* The handled exception at the top of the stack of except blocks
 * (Borrowed), or NULL when no exception is being handled. */
MpObject *mp_errors_get_handled(void);

#endif /* MP_ERRORS_H */
