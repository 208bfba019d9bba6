/*
 * traceback.h -- traceback objects and their printing.
 *
 * As an exception leaves each frame, a traceback entry recording the
 * frame and the line is put in front of exc.__traceback__; printed most
 * recent call last, it is CPython's familiar report.
 */
#ifndef MP_TRACEBACK_H
#define MP_TRACEBACK_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/frameobject.h"

typedef struct MpTracebackObject {
    MpObject_HEAD
    struct MpTracebackObject *tb_next;
    MpFrameObject *tb_frame;
    int tb_lasti;
    int tb_lineno;
} MpTracebackObject;

extern MpTypeObject MpTraceBack_Type;
#define MpTraceBack_Check(op) Mp_IS_TYPE(op, &MpTraceBack_Type)

/* Record frame 'f' at its current instruction in the traceback of the
 * exception being raised.  0, or -1 (MemoryError replaces it). */
int mp_traceback_here(MpFrameObject *f);

/* Print "Traceback (most recent call last):" and the entries of
 * exc.__traceback__ to 'out', as CPython 3.11 does (source lines read
 * from the files, runs of one repeated line collapsed). */
int mp_traceback_print(MpObject *exc, FILE *out);

int mp_traceback_init(void);

#endif /* MP_TRACEBACK_H */
