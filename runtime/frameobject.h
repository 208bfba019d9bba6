/*
 * frameobject.h -- an executing (or suspended, or finished) call.
 *
 *   f_localsplus:  [ locals ... | cells ... | frees ... | value stack ... ]
 *                    co_nlocals   co_ncellvars co_nfreevars co_stacksize
 *
 * Frames are heap objects, as in CPython: a traceback keeps the frames it
 * passes through -- and so their locals -- alive until the exception is
 * gone.  f_back links a running frame to its caller (borrowed, cleared
 * when the frame finishes).
 */
#ifndef MP_FRAMEOBJECT_H
#define MP_FRAMEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "runtime/codeobject.h"
#include "runtime/compile_state.h"

typedef struct {
    int handler;            /* instruction to jump to */
    int level;              /* stack depth to unwind to */
} mp_block;

typedef enum {
    MP_FRAME_CREATED, MP_FRAME_EXECUTING, MP_FRAME_SUSPENDED,
    MP_FRAME_COMPLETED
} mp_frame_state;

typedef struct MpFrameObject {
    MpObject_VAR_HEAD
    struct MpFrameObject *f_back;   /* caller while running; borrowed */
    MpCodeObject *f_code;
    MpObject *f_globals;
    MpObject *f_builtins;
    MpObject *f_locals;             /* dict (module, class) or NULL */
    MpObject *f_func;               /* the function running, or NULL */
    MpObject **f_stacktop;          /* saved stack pointer, or NULL */
    const mp_codeunit *f_instr;     /* the current/last instruction */
    int f_iblock;
    mp_frame_state f_state;
    MpObject *f_gen;                /* its generator (borrowed) or NULL */
    mp_block f_blockstack[MP_MAXBLOCKS];
    MpObject *f_localsplus[1];
} MpFrameObject;

extern MpTypeObject MpFrame_Type;
#define MpFrame_Check(op) Mp_IS_TYPE(op, &MpFrame_Type)

/* A new frame for 'code' with every slot empty.  New. */
MpFrameObject *mp_frame_new(MpCodeObject *code, MpObject *globals,
                            MpObject *builtins, MpObject *locals);
/* The index of the current/last instruction in f_code->co_code. */
static inline int
mp_frame_lasti(const MpFrameObject *f)
{
    return (int)(f->f_instr - f->f_code->co_code);
}

/* Python code can now reach f (through a traceback, a generator, ...):
 * from here on the collector tracks it. */
void mp_frame_escape(MpFrameObject *f);

/* The line being executed. */
int mp_frame_lineno(MpFrameObject *f);
/* Drop the values on the stack (top down) and mark it empty. */
static inline void
mp_frame_clear_stack(MpFrameObject *f)
{
    MpObject **base = f->f_localsplus + f->f_code->co_nlocalsplus;

    if (f->f_stacktop != NULL) {
        while (f->f_stacktop > base) {
            MpObject *v = *--f->f_stacktop;
            Mp_XDECREF(v);
        }
    }
    f->f_stacktop = base;
}

int mp_frameobject_init(void);
/* Free the parked frames and stop parking. */
void mp_frameobject_fini(void);

#endif /* MP_FRAMEOBJECT_H */
