/*
 * modsupport.h -- argument checks for the C functions of the builtin
 * modules (sys, gc, mem), with the messages of CPython's argument parser.
 */
#ifndef MP_MODSUPPORT_H
#define MP_MODSUPPORT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* 1 when a vectorcall's keyword names tuple holds any name. */
int mp_arg_has_keywords(MpObject *kwnames);

/* The checks of CPython's METH_NOARGS (want 0) and METH_O (want 1)
 * functions: "gc.collect() takes no arguments (1 given)".  0, or -1
 * with TypeError. */
int mp_arg_check_count(const char *qualname, Mp_ssize_t nargs,
                       MpObject *kwnames, int want);

/* Up to 'max' arguments, the first 'min' required, by position or by the
 * keywords 'names', into out[] (Borrowed; NULL when not given).  0, or
 * -1 with TypeError worded as CPython's: "f() takes at most 2 arguments
 * (3 given)", "'x' is an invalid keyword argument for f()", ... */
int mp_arg_parse(const char *fname, MpObject *const *args, Mp_ssize_t nargs,
                 MpObject *kwnames, const char *const *names, Mp_ssize_t min,
                 Mp_ssize_t max, MpObject **out);

#endif /* MP_MODSUPPORT_H */
