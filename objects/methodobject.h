/*
 * methodobject.h -- builtin functions and bound builtin methods.
 *
 * An MpCFunctionObject pairs an MpMethodDef with the object it is bound to
 * ('m_self', NULL for a plain function).  Calls go through a vectorcall
 * chosen by the calling convention in ml_flags.
 */
#ifndef MP_METHODOBJECT_H
#define MP_METHODOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_HEAD
    MpMethodDef *m_ml;          /* the definition; outlives the function */
    MpObject *m_self;           /* bound object, or NULL; owned */
    MpObject *m_module;         /* the __module__ value, or NULL; owned */
    MpObject *m_name;           /* owned str when made by MpCFunction_New */
    vectorcallfunc vectorcall;
    MpMethodDef m_def;          /* storage used by MpCFunction_New */
} MpCFunctionObject;

#define MpCFunction_GET_SELF(op) (((MpCFunctionObject *)(op))->m_self)
#define MpCFunction_GET_FUNCTION(op) \
    (((MpCFunctionObject *)(op))->m_ml->ml_meth)

/* "name()" or "type.name()" as CPython words call errors: a str.  New. */
MpObject *mp_cfunction_qualname(MpObject *func);

/* Call the C function of 'ml' for 'self' with a vectorcall argument
 * array, following ml_flags.  In argument errors the name is qualified
 * by 'qualifier' when it is a type, by its type when it is another
 * object but a module, else not at all: "list.append() takes exactly
 * one argument".  New, or NULL with an exception. */
MpObject *mp_cfunction_call_def(MpMethodDef *ml, MpObject *self,
                                MpObject *const *args, Mp_ssize_t nargs,
                                MpObject *kwnames, MpObject *qualifier);

/* Call a vectorcall function with a tuple and a dict (or NULL) as
 * tp_call receives them (call.c).  New, or NULL with an exception. */
MpObject *mp_call_vectorcall_dict(vectorcallfunc func, MpObject *callable,
                                  MpObject *args, MpObject *kwds);

/* Check the result of a call of 'callable': NULL must come with an
 * exception and a value without one (SystemError otherwise).  Returns
 * 'result' or NULL. */
MpObject *mp_check_function_result(MpObject *callable, MpObject *result);

#endif /* MP_METHODOBJECT_H */
