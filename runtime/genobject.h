/*
 * genobject.h -- generators: a suspended frame that resumes on next().
 */
#ifndef MP_GENOBJECT_H
#define MP_GENOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/frameobject.h"
#include "objects/pystate.h"

typedef struct {
    MpObject_HEAD
    MpFrameObject *gi_frame;        /* NULL once finished */
    MpObject *gi_name;
    MpObject *gi_qualname;
    mp_err_stackitem gi_exc_state;  /* the exception it is handling */
    char gi_running;
} MpGenObject;

extern MpTypeObject MpGen_Type;
#define MpGen_Check(op) Mp_IS_TYPE(op, &MpGen_Type)

/* A generator that will run frame 'f' (stolen).  New. */
MpObject *mp_gen_new(MpFrameObject *f);

int mp_genobject_init(void);

#endif /* MP_GENOBJECT_H */
