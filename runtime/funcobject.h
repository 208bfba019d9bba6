/*
 * funcobject.h -- Python functions, the cells of closures, and bound
 * methods.
 *
 *   function      code + globals + defaults + closure (a tuple of cells)
 *   cell          one variable shared between a function and the
 *                 functions nested in it
 *   method        a function bound to an instance: calling it prepends
 *                 the instance to the arguments
 */
#ifndef MP_FUNCOBJECT_H
#define MP_FUNCOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "runtime/codeobject.h"

typedef struct {
    MpObject_HEAD
    MpCodeObject *func_code;
    MpObject *func_globals;     /* dict */
    MpObject *func_builtins;    /* dict */
    MpObject *func_name;
    MpObject *func_qualname;
    MpObject *func_defaults;    /* tuple or NULL */
    MpObject *func_kwdefaults;  /* dict or NULL */
    MpObject *func_closure;     /* tuple of cells or NULL */
    MpObject *func_doc;
    MpObject *func_dict;        /* __dict__, created on demand */
    MpObject *func_module;
    vectorcallfunc vectorcall;
} MpFunctionObject;

typedef struct {
    MpObject_HEAD
    MpObject *ob_ref;           /* the variable's value, or NULL */
} MpCellObject;

typedef struct {
    MpObject_HEAD
    MpObject *im_func;
    MpObject *im_self;
    vectorcallfunc vectorcall;
} MpMethodObject;

extern MpTypeObject MpFunction_Type;
extern MpTypeObject MpCell_Type;
extern MpTypeObject MpMethod_Type;
#define MpFunction_Check(op) Mp_IS_TYPE(op, &MpFunction_Type)
#define MpCell_Check(op) Mp_IS_TYPE(op, &MpCell_Type)
#define MpMethod_Check(op) Mp_IS_TYPE(op, &MpMethod_Type)

/* A function running 'code' in 'globals' (builtins come from its
 * __builtins__ entry, or the runtime's).  New. */
MpObject *mp_function_new(MpCodeObject *code, MpObject *globals);
MpObject *mp_cell_new(MpObject *value);             /* New; value not
                                                       stolen (may be
                                                       NULL) */
MpObject *mp_method_new(MpObject *func, MpObject *self);    /* New. */

int mp_funcobject_init(void);

#endif /* MP_FUNCOBJECT_H */
