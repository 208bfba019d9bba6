/*
 * pythonrun.h -- running source text in __main__ (pythonrun.c).
 */
#ifndef MP_PYTHONRUN_H
#define MP_PYTHONRUN_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include <stdio.h>

#include "include/internal/mp_core.h"
#include "runtime/codeobject.h"
#include "runtime/parser.h"

/* The globals of __main__, created on first use (Borrowed). */
MpObject *mp_run_main_dict(void);
void mp_run_fini(void);

/* Check, parse and compile 'len' bytes of source (see mp_run_source).
 * New, or NULL with an exception set. */
MpCodeObject *mp_run_compile(const char *source, size_t len,
                             MpObject *filename, int flags,
                             mp_parse_mode mode, int *incomplete);

/* Check, parse, compile and run 'len' bytes of source in 'globals'.
 * 'flags' are MP_COMPILE_* and 'mode' the parse mode; *incomplete (if
 * given) tells the REPL the input ended inside a statement.  The value
 * of the code (New), or NULL with an exception set. */
MpObject *mp_run_source(const char *source, size_t len, MpObject *filename,
                        MpObject *globals, int flags, mp_parse_mode mode,
                        int *incomplete);

/* Print the pending exception as CPython does and clear it; the exit
 * status it calls for (SystemExit's code, else 1), or 0 if none. */
int mp_run_report_exception(void);

/* The whole content of an open file (raw memory), or NULL with errno. */
char *mp_run_read_file(FILE *fp, size_t *len);

#endif /* MP_PYTHONRUN_H */
