/*
 * exceptions.h -- internal interface of the exception types
 * (exceptions.c).
 *
 * Every exception instance starts with MpBaseExceptionObject; a few
 * classes extend it with their own fields (SyntaxError's location,
 * StopIteration's value, ...).  The collector header sits in front, as
 * for every GC object.
 */
#ifndef MP_EXCEPTIONS_H
#define MP_EXCEPTIONS_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* The fields every exception has.  'dict' is the instance dict (created
 * on demand) so that e.x = 1 and Python subclasses work. */
#define MpException_HEAD            \
    MpObject_HEAD                   \
    MpObject *dict;                 \
    MpObject *args;      /* tuple */\
    MpObject *notes;     /* list or NULL: __notes__ */ \
    MpObject *traceback; /* NULL or a traceback */     \
    MpObject *context;   /* NULL or an exception */    \
    MpObject *cause;     /* NULL or an exception */    \
    char suppress_context;

typedef struct {
    MpException_HEAD
} MpBaseExceptionObject;

typedef struct {
    MpException_HEAD
    MpObject *value;
} MpStopIterationObject;

typedef struct {
    MpException_HEAD
    MpObject *code;
} MpSystemExitObject;

typedef struct {
    MpException_HEAD
    MpObject *msg;
    MpObject *filename;
    MpObject *lineno;
    MpObject *offset;
    MpObject *end_lineno;
    MpObject *end_offset;
    MpObject *text;
    MpObject *print_file_and_line;
} MpSyntaxErrorObject;

typedef struct {
    MpException_HEAD
    MpObject *msg;
    MpObject *name;
    MpObject *path;
} MpImportErrorObject;

typedef struct {
    MpException_HEAD
    MpObject *name;
} MpNameErrorObject;

typedef struct {
    MpException_HEAD
    MpObject *obj;
    MpObject *name;
} MpAttributeErrorObject;

typedef struct {
    MpException_HEAD
    MpObject *encoding;
    MpObject *object;
    Mp_ssize_t start;
    Mp_ssize_t end;
    MpObject *reason;
} MpUnicodeErrorObject;

typedef struct {
    MpException_HEAD
    MpObject *myerrno;
    MpObject *strerror;
    MpObject *filename;
    MpObject *filename2;
} MpOSErrorObject;

/* Ready every exception type and build the MemoryError kept for
 * MpErr_NoMemory.  0, or -1 with an exception set. */
int mp_exceptions_init(void);
/* Drop the kept MemoryError and any exception still set or handled. */
void mp_exceptions_fini(void);

/* The MemoryError made at init for MpErr_NoMemory (Borrowed; NULL before
 * init or after fini). */
MpObject *mp_exceptions_memoryerror(void);

/* Instantiate the exception class 'type' with the tuple 'args' (NULL for
 * no arguments): type(*args).  Static types are built directly through
 * tp_new/tp_init, without the call machinery; Python subclasses are
 * called.  New, or NULL with an exception set (TypeError when the call
 * returns something that is not an exception). */
MpObject *mp_exception_new(MpObject *type, MpObject *args);

/* Raise UnicodeDecodeError(encoding, object, start, end, reason) for
 * 'len' bytes of 'data' that are not valid in 'encoding'.  minipy has no
 * bytes type: the 'object' attribute is a tuple of the byte values.
 * Always returns NULL. */
MpObject *mp_exceptions_raise_decode_error(const char *encoding,
                                           const char *data,
                                           Mp_ssize_t len,
                                           Mp_ssize_t start, Mp_ssize_t end,
                                           const char *reason);

/* The type that __traceback__ accepts (besides None); NULL accepts any
 * object.  Set once by the interpreter; survives re-initialisation. */
void mp_exceptions_set_traceback_type(MpTypeObject *tb_type);

#endif /* MP_EXCEPTIONS_H */
