/*
 * genobject.c -- generator objects.
 *
 * Calling a generator function makes its frame and wraps it here without
 * running it.  Each next() or send() resumes the frame in a fresh call of
 * the eval loop until YIELD_VALUE (the frame is suspended, its stack kept)
 * or RETURN_VALUE (the generator is finished: StopIteration).  While it
 * runs, the generator's own "exception being handled" is on top of the
 * runtime's exc_info stack, as in CPython.
 *
 *   created ──next()──► running ──yield──► suspended ──next()──► ...
 *                              └──return / raise──► finished
 *
 * close() raises GeneratorExit at the paused yield so finally blocks run;
 * it is also the generator's finalizer.
 *
 * Read alongside CPython 3.11: Objects/genobject.c (gen_send_ex2,
 * gen_close, _PyGen_Finalize).  Left out: throw() with a traceback
 * argument, 'yield from', coroutines.
 */
#include "runtime/genobject.h"
#include "runtime/ceval.h"
#include "objects/exceptions.h"

MpObject *
mp_gen_new(MpFrameObject *f)
{
    MpGenObject *gen = MpObject_GC_New(MpGenObject, &MpGen_Type);

    if (gen == NULL) {
        Mp_DECREF(f);
        return NULL;
    }
    gen->gi_frame = f;
    mp_frame_escape(f);
    f->f_gen = (MpObject *)gen;
    gen->gi_name = Mp_NewRef(f->f_code->co_name);
    gen->gi_qualname = Mp_NewRef(f->f_code->co_qualname);
    gen->gi_exc_state.exc_value = NULL;
    gen->gi_exc_state.previous_item = NULL;
    gen->gi_running = 0;
    MpObject_GC_Track(gen);
    return (MpObject *)gen;
}

static void
gen_finish(MpGenObject *gen)
{
    MpFrameObject *f = gen->gi_frame;
    gen->gi_frame = NULL;
    if (f != NULL) {
        f->f_gen = NULL;
        Mp_DECREF(f);
    }
    Mp_CLEAR(gen->gi_exc_state.exc_value);
}

/* Resume the frame.  Returns the value yielded (New); NULL with
 * *finished set and *result the return value when it returned; NULL with
 * an exception when it raised. */
static MpObject *
gen_send_ex(MpGenObject *gen, MpObject *arg, MpObject *exc, int *finished,
            MpObject **result)
{
    MpThreadState *ts = mp_tstate_get();
    MpFrameObject *f = gen->gi_frame;
    MpObject *r;

    *finished = 0;
    *result = NULL;
    if (gen->gi_running) {
        MpErr_SetString(MpExc_ValueError, "generator already executing");
        return NULL;
    }
    if (f == NULL || f->f_state == MP_FRAME_COMPLETED) {
        *finished = 1;
        if (exc != NULL)
            MpErr_SetObject((MpObject *)Mp_TYPE(exc), exc);
        return NULL;
    }
    if (f->f_state == MP_FRAME_CREATED && arg != NULL && arg != Mp_None &&
        exc == NULL) {
        MpErr_SetString(MpExc_TypeError, "can't send non-None value to a "
                        "just-started generator");
        return NULL;
    }
    gen->gi_running = 1;
    gen->gi_exc_state.previous_item = ts->exc_info;
    ts->exc_info = &gen->gi_exc_state;
    r = mp_eval_frame(f, arg ? arg : Mp_None, exc);
    ts->exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = NULL;
    gen->gi_running = 0;
    if (f->f_state == MP_FRAME_SUSPENDED)
        return r;
    /* Finished: returned (r) or raised (NULL). */
    gen_finish(gen);
    if (r != NULL) {
        *finished = 1;
        *result = r;
        return NULL;
    }
    if (MpErr_ExceptionMatches(MpExc_StopIteration)) {
        MpObject *cause = MpErr_GetRaisedException();
        MpErr_SetString(MpExc_RuntimeError, "generator raised StopIteration");
        if (cause != NULL) {
            MpObject *now = MpErr_GetRaisedException();
            MpException_SetCause(now, cause);
            MpErr_SetRaisedException(now);
        }
    }
    return NULL;
}

/* next(gen): a value returned by the generator travels in StopIteration
 * (a for loop ignores it). */
static MpObject *
gen_iternext(MpObject *op)
{
    int finished;
    MpObject *result, *r;

    r = gen_send_ex((MpGenObject *)op, NULL, NULL, &finished, &result);
    if (r == NULL && result != NULL && result != Mp_None)
        MpErr_SetObject(MpExc_StopIteration, result);
    Mp_XDECREF(result);
    return r;
}

static MpObject *
gen_send(MpObject *op, MpObject *arg)
{
    int finished;
    MpObject *result, *r;

    r = gen_send_ex((MpGenObject *)op, arg, NULL, &finished, &result);
    if (r == NULL && finished && !MpErr_Occurred()) {
        if (result == NULL || result == Mp_None)
            MpErr_SetNone(MpExc_StopIteration);
        else
            MpErr_SetObject(MpExc_StopIteration, result);
    }
    Mp_XDECREF(result);
    return r;
}

static MpObject *
gen_close(MpObject *op, MpObject *unused)
{
    MpGenObject *gen = (MpGenObject *)op;
    MpObject *exc, *result, *r;
    int finished;

    MP_UNUSED(unused);
    if (gen->gi_frame == NULL ||
        gen->gi_frame->f_state != MP_FRAME_SUSPENDED) {
        gen_finish(gen);
        Mp_RETURN_NONE;
    }
    exc = MpObject_CallNoArgs(MpExc_GeneratorExit);
    if (exc == NULL)
        return NULL;
    r = gen_send_ex(gen, NULL, exc, &finished, &result);
    Mp_DECREF(exc);
    Mp_XDECREF(result);
    if (r != NULL) {
        Mp_DECREF(r);
        MpErr_SetString(MpExc_RuntimeError, "generator ignored "
                        "GeneratorExit");
        return NULL;
    }
    if (MpErr_Occurred()) {
        if (!MpErr_ExceptionMatches(MpExc_GeneratorExit) &&
            !MpErr_ExceptionMatches(MpExc_StopIteration))
            return NULL;
        MpErr_Clear();
    }
    Mp_RETURN_NONE;
}

/* PEP 442 finalizer: close a paused generator, which releases its
 * frame's locals (so a cycle through them falls apart here, as in
 * CPython 3.11, instead of waiting for tp_clear). */
static void
gen_finalize(MpObject *op)
{
    MpGenObject *gen = (MpGenObject *)op;
    MpObject *saved, *r;

    if (gen->gi_frame == NULL ||
        gen->gi_frame->f_state != MP_FRAME_SUSPENDED)
        return;
    saved = MpErr_GetRaisedException();
    r = gen_close(op, NULL);
    if (r == NULL)
        MpErr_WriteUnraisable(op);
    Mp_XDECREF(r);
    MpErr_SetRaisedException(saved);
}

static int
gen_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpGenObject *gen = (MpGenObject *)op;
    Mp_VISIT(gen->gi_frame);
    Mp_VISIT(gen->gi_name);
    Mp_VISIT(gen->gi_qualname);
    Mp_VISIT(gen->gi_exc_state.exc_value);
    return 0;
}

static int
gen_clear(MpObject *op)
{
    gen_finish((MpGenObject *)op);
    return 0;
}

static void
gen_dealloc(MpObject *op)
{
    MpGenObject *gen = (MpGenObject *)op;

    MpObject_GC_UnTrack(op);
    if (!MpObject_GC_IsFinalized(op) && gen->gi_frame != NULL &&
        gen->gi_frame->f_iblock > 0) {
        /* Resurrect for the finalizer, as CPython's dealloc does. */
        Mp_SET_REFCNT(op, 1);
        gen_finalize(op);
        if (--op->ob_refcnt > 0)
            return;
    }
    gen_finish(gen);
    Mp_CLEAR(gen->gi_name);
    Mp_CLEAR(gen->gi_qualname);
    MpObject_GC_Del(op);
}

static MpObject *
gen_repr(MpObject *op)
{
    return MpUnicode_FromFormat("<generator object %U at %p>",
                                ((MpGenObject *)op)->gi_qualname, op);
}

static MpMethodDef gen_methods[] = {
    {"send", (MpCFunction)gen_send, MP_METH_O, NULL},
    {"close", (MpCFunction)gen_close, MP_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MpMemberDef gen_members[] = {
    {"__name__", MP_T_OBJECT, offsetof(MpGenObject, gi_name), MP_READONLY,
     NULL},
    {"__qualname__", MP_T_OBJECT, offsetof(MpGenObject, gi_qualname),
     MP_READONLY, NULL},
    {"gi_frame", MP_T_OBJECT, offsetof(MpGenObject, gi_frame), MP_READONLY,
     NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpGen_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "generator",
    .tp_basicsize = sizeof(MpGenObject),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_clear = gen_clear,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_members = gen_members,
    .tp_finalize = gen_finalize,
};

int
mp_genobject_init(void)
{
    return MpType_Ready(&MpGen_Type);
}
