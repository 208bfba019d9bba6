/*
 * call.c -- calling objects, and checking argument counts.
 *
 * Two calling conventions meet here:
 *
 *   tp_call       callable(args_tuple, kwargs_dict_or_NULL)
 *   vectorcall    callable(args_array, nargs, kwnames_tuple_or_NULL);
 *                 keyword values follow the positional ones in the array
 *
 * A type supporting vectorcall sets MP_TPFLAGS_HAVE_VECTORCALL and keeps
 * the function pointer in each instance at tp_vectorcall_offset (a NULL
 * pointer there means "use tp_call").  Each entry point converts to the
 * convention the callee supports:
 *
 *   MpObject_Vectorcall --> instance vectorcall, else tuple/dict -> tp_call
 *   MpObject_Call       --> instance vectorcall (array from the tuple,
 *                           kwnames from the dict), else tp_call
 *
 * Every result passes mp_check_function_result: a NULL result must come
 * with an exception set and a real result without one; otherwise a
 * SystemError names the culprit (a bug in a C function).
 *
 * Read alongside CPython 3.11: Objects/call.c (_Py_CheckFunctionResult,
 * _PyObject_MakeTpCall, PyVectorcall_Call, _PyStack_UnpackDict,
 * PyObject_VectorcallMethod), Python/getargs.c (_PyArg_CheckPositional,
 * _PyArg_NoKeywords, _PyArg_NoKwnames).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "objects/typeobject.h"
#include "objects/methodobject.h"
#include "objects/unicodeobject.h"
#include "objects/dictobject.h"
#include "objects/tupleobject.h"

/* Arrays of up to this many arguments live on the C stack. */
#define SMALL_STACK 8

/* Returns result, or NULL with SystemError when result and the error
 * indicator disagree (see methodobject.h). */
MpObject *
mp_check_function_result(MpObject *callable, MpObject *result)
{
    if (result == NULL) {
        if (!MpErr_Occurred())
            MpErr_Format(MpExc_SystemError,
                         "%R returned NULL without setting an exception",
                         callable);
        return NULL;
    }
    if (MpErr_Occurred()) {
        MpObject *exc = MpErr_GetRaisedException();
        Mp_DECREF(result);
        MpErr_Format(MpExc_SystemError,
                     "%R returned a result with an exception set", callable);
        if (exc != NULL) {
            MpObject *err = MpErr_GetRaisedException();
            if (err != NULL) {
                MpException_SetCause(err, exc);
                MpErr_SetRaisedException(err);
            }
            else
                Mp_DECREF(exc);
        }
        return NULL;
    }
    return result;
}

static vectorcallfunc
get_vectorcall(MpObject *callable)
{
    MpTypeObject *tp = Mp_TYPE(callable);

    if (!MpType_HasFeature(tp, MP_TPFLAGS_HAVE_VECTORCALL)
        || tp->tp_vectorcall_offset <= 0)
        return NULL;
    return *(vectorcallfunc *)((char *)callable + tp->tp_vectorcall_offset);
}

static MpObject *
not_callable(MpObject *callable)
{
    return MpErr_Format(MpExc_TypeError, "'%.200s' object is not callable",
                        Mp_TYPE(callable)->tp_name);
}

/* tp_call with the arguments of a vectorcall. */
static MpObject *
make_tp_call(MpObject *callable, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    ternaryfunc call = Mp_TYPE(callable)->tp_call;
    MpObject *tuple, *kwargs = NULL, *res = NULL;
    Mp_ssize_t i, nkw = kwnames != NULL ? MpTuple_GET_SIZE(kwnames) : 0;

    if (call == NULL)
        return not_callable(callable);
    tuple = mp_tuple_from_array(args, nargs);
    if (tuple == NULL)
        return NULL;
    if (nkw > 0) {
        kwargs = MpDict_New();
        if (kwargs == NULL)
            goto done;
        for (i = 0; i < nkw; i++) {
            if (MpDict_SetItem(kwargs, MpTuple_GET_ITEM(kwnames, i),
                               args[nargs + i]) < 0)
                goto done;
        }
    }
    if (Mp_EnterRecursiveCall(" while calling a Python object") == 0) {
        res = call(callable, tuple, kwargs);
        Mp_LeaveRecursiveCall();
        res = mp_check_function_result(callable, res);
    }
done:
    Mp_DECREF(tuple);
    Mp_XDECREF(kwargs);
    return res;
}

/* callable(*args[:nargs], **dict(zip(kwnames, args[nargs:]))).  New. */
MpObject *
MpObject_Vectorcall(MpObject *callable, MpObject *const *args,
                    size_t nargsf, MpObject *kwnames)
{
    vectorcallfunc func = get_vectorcall(callable);
    MpObject *res;

    if (func == NULL)
        return make_tp_call(callable, args, MpVectorcall_NARGS(nargsf),
                            kwnames);
    res = func(callable, args, nargsf, kwnames);
    return mp_check_function_result(callable, res);
}

/* tp_call in terms of a vectorcall function (see methodobject.h). */
MpObject *
mp_call_vectorcall_dict(vectorcallfunc func, MpObject *callable,
                        MpObject *args, MpObject *kwds)
{
    MpObject *small[SMALL_STACK], **stack, *kwnames, *key, *value, *res;
    Mp_ssize_t nargs = MpTuple_GET_SIZE(args), nkw, i, pos = 0;

    nkw = kwds != NULL ? MpDict_Size(kwds) : 0;
    if (nkw == 0)
        return func(callable, &MpTuple_GET_ITEM(args, 0), (size_t)nargs,
                    NULL);
    kwnames = MpTuple_New(nkw);
    if (kwnames == NULL)
        return NULL;
    if (nargs + nkw <= SMALL_STACK)
        stack = small;
    else {
        stack = MpMem_Malloc((size_t)(nargs + nkw) * sizeof(MpObject *));
        if (stack == NULL) {
            Mp_DECREF(kwnames);
            return MpErr_NoMemory();
        }
    }
    for (i = 0; i < nargs; i++)
        stack[i] = MpTuple_GET_ITEM(args, i);
    /* The dict may change during the call; the stack holds borrowed
     * values, so keep the keys and values alive through kwnames and
     * an extra reference each. */
    for (i = 0; MpDict_Next(kwds, &pos, &key, &value); i++) {
        MpTuple_SET_ITEM(kwnames, i, Mp_NewRef(key));
        stack[nargs + i] = Mp_NewRef(value);
    }
    res = func(callable, stack, (size_t)nargs, kwnames);
    for (i = 0; i < nkw; i++)
        Mp_DECREF(stack[nargs + i]);
    if (stack != small)
        MpMem_Free(stack);
    Mp_DECREF(kwnames);
    return res;
}

/* callable(*args, **kwargs).  New, or NULL with an exception. */
MpObject *
MpObject_Call(MpObject *callable, MpObject *args, MpObject *kwargs)
{
    vectorcallfunc func = get_vectorcall(callable);
    ternaryfunc call;
    MpObject *res;

    if (args == NULL || !MpTuple_Check(args)
        || (kwargs != NULL && !MpDict_Check(kwargs))) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (func != NULL) {
        res = mp_call_vectorcall_dict(func, callable, args, kwargs);
        return mp_check_function_result(callable, res);
    }
    call = Mp_TYPE(callable)->tp_call;
    if (call == NULL)
        return not_callable(callable);
    if (mp_enter_recursive_call(" while calling a Python object"))
        return NULL;
    res = call(callable, args, kwargs);
    Mp_LeaveRecursiveCall();
    return mp_check_function_result(callable, res);
}

/* callable().  New. */
MpObject *
MpObject_CallNoArgs(MpObject *callable)
{
    return MpObject_Vectorcall(callable, NULL, 0, NULL);
}

/* callable(arg).  New. */
MpObject *
MpObject_CallOneArg(MpObject *callable, MpObject *arg)
{
    return MpObject_Vectorcall(callable, &arg, 1, NULL);
}

/* obj.name(*args).  New. */
MpObject *
MpObject_CallMethod(MpObject *obj, const char *name, MpObject *const *args,
                    Mp_ssize_t nargs)
{
    MpObject *meth = MpObject_GetAttrString(obj, name), *res;

    if (meth == NULL)
        return NULL;
    res = MpObject_Vectorcall(meth, args, (size_t)nargs, NULL);
    Mp_DECREF(meth);
    return res;
}

/* obj.name().  New. */
MpObject *
MpObject_CallMethodNoArgs(MpObject *obj, MpObject *name)
{
    MpObject *meth = MpObject_GetAttr(obj, name), *res;

    if (meth == NULL)
        return NULL;
    res = MpObject_Vectorcall(meth, NULL, 0, NULL);
    Mp_DECREF(meth);
    return res;
}

/* obj.name(arg).  New. */
MpObject *
MpObject_CallMethodOneArg(MpObject *obj, MpObject *name, MpObject *arg)
{
    MpObject *meth = MpObject_GetAttr(obj, name), *res;

    if (meth == NULL)
        return NULL;
    res = MpObject_Vectorcall(meth, &arg, 1, NULL);
    Mp_DECREF(meth);
    return res;
}

/* 1 if o can be called, else 0. */
int
MpCallable_Check(MpObject *o)
{
    return o != NULL && Mp_TYPE(o)->tp_call != NULL;
}

/* TypeError unless min <= nargs <= max: "f expected at least 1 argument,
 * got 0" / "f expected at most 2 arguments, got 3" / "f expected 1
 * argument, got 2" (min == max).  0 or -1. */
int
MpArg_CheckPositional(const char *name, Mp_ssize_t nargs, Mp_ssize_t min,
                      Mp_ssize_t max)
{
    if (nargs < min) {
        if (name != NULL)
            MpErr_Format(MpExc_TypeError, "%.200s expected %s%zd argument%s,"
                         " got %zd", name, min == max ? "" : "at least ",
                         min, min == 1 ? "" : "s", nargs);
        else
            MpErr_Format(MpExc_TypeError, "unpacked tuple should have %s%zd "
                         "element%s, but has %zd",
                         min == max ? "" : "at least ", min,
                         min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        if (name != NULL)
            MpErr_Format(MpExc_TypeError, "%.200s expected %s%zd argument%s,"
                         " got %zd", name, min == max ? "" : "at most ",
                         max, max == 1 ? "" : "s", nargs);
        else
            MpErr_Format(MpExc_TypeError, "unpacked tuple should have %s%zd "
                         "element%s, but has %zd",
                         min == max ? "" : "at most ", max,
                         max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* TypeError "f() takes no keyword arguments" when kwnames is non-empty.
 * 0 or -1. */
int
MpArg_NoKwnames(const char *name, MpObject *kwnames)
{
    if (kwnames == NULL || MpTuple_GET_SIZE(kwnames) == 0)
        return 0;
    MpErr_Format(MpExc_TypeError, "%.200s() takes no keyword arguments",
                 name);
    return -1;
}

/* The same for a kwargs dict (NULL or empty is fine).  0 or -1. */
int
MpArg_NoKeywords(const char *name, MpObject *kwargs)
{
    if (kwargs == NULL)
        return 0;
    if (!MpDict_Check(kwargs)) {
        MpErr_BadInternalCall();
        return -1;
    }
    if (MpDict_Size(kwargs) == 0)
        return 0;
    MpErr_Format(MpExc_TypeError, "%.200s() takes no keyword arguments",
                 name);
    return -1;
}
