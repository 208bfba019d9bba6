/*
 * frameobject.c -- the frame type.
 *
 * A frame holds owned references in every non-NULL slot of
 * f_localsplus up to its stack top.  While the frame runs, the VM keeps
 * the stack pointer in a C variable, so tp_traverse sees only the
 * locals then: values on a running stack are reached from outside (the
 * collector keeps them alive), which is the safe direction.
 *
 * A frame is tracked by the collector only once Python code can hold it
 * (mp_frame_escape: a traceback, a generator, frame.f_back): until then
 * only the VM refers to it, so it cannot be part of a garbage cycle.
 * Most calls thus never touch the collector's lists, and, as in CPython
 * 3.11, whose calls make no frame objects at all, gc.get_objects() does
 * not see ordinary running frames.
 *
 * Calls make and drop frames all the time, so dead frames are kept on
 * free lists by size (slots for locals and stack), as CPython keeps dead
 * tuples: parked frames count as dead objects, are untracked, and do not
 * move the collector's counts; the lists are emptied when the interpreter
 * shuts down.
 *
 * Read alongside CPython 3.11: Objects/frameobject.c.
 */
#include <stddef.h>

#include "runtime/frameobject.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "gc/gc.h"

#define FREE_SIZES 64           /* frames of up to 63 slots are kept */
#define MAX_FREE 32             /* per size */

static struct {
    int enabled;
    MpFrameObject *free_list[FREE_SIZES];   /* linked through f_back */
    int numfree[FREE_SIZES];
} state;

/* A frame of 'slots' slots: a parked one, or new memory. */
static MpFrameObject *
frame_alloc(Mp_ssize_t slots)
{
    MpFrameObject *f;

    if (slots < FREE_SIZES && state.free_list[slots] != NULL) {
        f = state.free_list[slots];
        state.free_list[slots] = f->f_back;
        state.numfree[slots]--;
        return (MpFrameObject *)mp_object_birth((MpObject *)f,
                                                &MpFrame_Type);
    }
    return MpObject_GC_NewVar(MpFrameObject, &MpFrame_Type, slots);
}

/* Park a dead frame (untracked, references released); 1 when parked. */
static int
frame_park(MpFrameObject *f)
{
    Mp_ssize_t slots = Mp_SIZE(f);

    if (!state.enabled || slots >= FREE_SIZES ||
        state.numfree[slots] >= MAX_FREE)
        return 0;
    f->f_back = state.free_list[slots];
    state.free_list[slots] = f;
    state.numfree[slots]++;
    /* last, so that nothing is live across the trace hook inside */
    (void)mp_object_died((MpObject *)f);
    return 1;
}

void
mp_frameobject_fini(void)
{
    int i;

    state.enabled = 0;
    for (i = 0; i < FREE_SIZES; i++) {
        while (state.free_list[i] != NULL) {
            MpFrameObject *f = state.free_list[i];
            state.free_list[i] = f->f_back;
            state.numfree[i]--;
            mp_gc_free_parked((MpObject *)f);
        }
    }
}

MpFrameObject *
mp_frame_new(MpCodeObject *code, MpObject *globals, MpObject *builtins,
             MpObject *locals)
{
    Mp_ssize_t slots = code->co_nlocalsplus + code->co_stacksize, i;
    MpFrameObject *f;

    /* every call is a checkpoint of the evaluation budget, charged the
     * length of the code it will run (objects/pystate.h) */
    if (mp_eval_charge(code->co_ncode) < 0)
        return NULL;
    f = frame_alloc(slots);
    if (f == NULL)
        return NULL;
    f->f_back = NULL;
    f->f_code = (MpCodeObject *)Mp_NewRef(code);
    f->f_globals = Mp_NewRef(globals);
    f->f_builtins = Mp_NewRef(builtins);
    f->f_locals = Mp_XNewRef(locals);
    f->f_func = NULL;
    f->f_stacktop = f->f_localsplus + code->co_nlocalsplus;
    f->f_instr = code->co_code;
    f->f_iblock = 0;
    f->f_state = MP_FRAME_CREATED;
    f->f_gen = NULL;
    /* The stack part is only read below f_stacktop: no need to clear. */
    for (i = 0; i < code->co_nlocalsplus; i++)
        f->f_localsplus[i] = NULL;
    return f;
}

void
mp_frame_escape(MpFrameObject *f)
{
    if (!MpObject_GC_IsTracked((MpObject *)f))
        MpObject_GC_Track(f);
}

int
mp_frame_lineno(MpFrameObject *f)
{
    return mp_code_line(f->f_code, mp_frame_lasti(f));
}

static int
frame_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpFrameObject *f = (MpFrameObject *)op;
    MpObject **p, **end;

    Mp_VISIT(f->f_code);
    Mp_VISIT(f->f_globals);
    Mp_VISIT(f->f_builtins);
    Mp_VISIT(f->f_locals);
    Mp_VISIT(f->f_func);
    end = f->f_stacktop != NULL ? f->f_stacktop
                                : f->f_localsplus + f->f_code->co_nlocalsplus;
    for (p = f->f_localsplus; p < end; p++)
        Mp_VISIT(*p);
    return 0;
}

/* Release the stack, the locals, f_locals and f_func of a frame that
 * is not running. */
static inline void
release_values(MpFrameObject *f)
{
    Mp_ssize_t i;

    mp_frame_clear_stack(f);
    for (i = 0; i < f->f_code->co_nlocalsplus; i++)
        Mp_CLEAR(f->f_localsplus[i]);
    Mp_CLEAR(f->f_locals);
    Mp_CLEAR(f->f_func);
}

static int
frame_clear(MpObject *op)
{
    MpFrameObject *f = (MpFrameObject *)op;

    if (f->f_state != MP_FRAME_EXECUTING)    /* else the VM owns them */
        release_values(f);
    return 0;
}

static void
frame_dealloc(MpObject *op)
{
    MpFrameObject *f = (MpFrameObject *)op;

    if (mp_gc_is_tracked(op))
        mp_gc_untrack(op);
    f->f_state = MP_FRAME_COMPLETED;
    release_values(f);
    Mp_CLEAR(f->f_code);
    Mp_CLEAR(f->f_globals);
    Mp_CLEAR(f->f_builtins);
    if (!frame_park(f))
        MpObject_GC_Del(op);
}

static MpObject *
frame_repr(MpObject *op)
{
    MpFrameObject *f = (MpFrameObject *)op;
    return MpUnicode_FromFormat("<frame at %p, file '%U', line %d, code %U>",
                                op, f->f_code->co_filename,
                                mp_frame_lineno(f), f->f_code->co_name);
}

static MpObject *
frame_get_lineno(MpObject *op, void *closure)
{
    MP_UNUSED(closure);
    return MpLong_FromLong(mp_frame_lineno((MpFrameObject *)op));
}

static MpObject *
frame_get_back(MpObject *op, void *closure)
{
    MpFrameObject *f = (MpFrameObject *)op;
    MP_UNUSED(closure);
    if (f->f_back == NULL)
        return Mp_NewRef(Mp_None);
    mp_frame_escape(f->f_back);
    return Mp_NewRef((MpObject *)f->f_back);
}

static MpObject *
frame_get_lasti(MpObject *op, void *closure)
{
    MP_UNUSED(closure);
    return MpLong_FromLong(mp_frame_lasti((MpFrameObject *)op));
}

static MpGetSetDef frame_getset[] = {
    {"f_lineno", frame_get_lineno, NULL, NULL, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL, NULL},
    {"f_back", frame_get_back, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpMemberDef frame_members[] = {
    {"f_code", MP_T_OBJECT, offsetof(MpFrameObject, f_code), MP_READONLY,
     NULL},
    {"f_globals", MP_T_OBJECT, offsetof(MpFrameObject, f_globals),
     MP_READONLY, NULL},
    {"f_builtins", MP_T_OBJECT, offsetof(MpFrameObject, f_builtins),
     MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpFrame_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "frame",
    .tp_basicsize = offsetof(MpFrameObject, f_localsplus),
    .tp_itemsize = sizeof(MpObject *),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_clear,
    .tp_getset = frame_getset,
    .tp_members = frame_members,
};

int
mp_frameobject_init(void)
{
    state.enabled = 1;
    return MpType_Ready(&MpFrame_Type);
}
