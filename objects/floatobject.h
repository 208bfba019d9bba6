/*
 * floatobject.h -- the float object's layout and the helpers other parts
 * of the runtime share with it: the numeric hash of a double (int and
 * float must agree so that hash(1) == hash(1.0)), and correctly rounded
 * round(x, n).
 */
#ifndef MP_FLOATOBJECT_H
#define MP_FLOATOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_HEAD
    double ob_fval;
} MpFloatObject;

#define MpFloat_AS_DOUBLE(op) (((MpFloatObject *)(op))->ob_fval)

/* Ready the float type.  0, or -1 with an exception set. */
int mp_float_init(void);
/* Nothing is cached (minipy keeps no float free list); kept for the
 * init/fini symmetry of pylifecycle.c. */
void mp_float_fini(void);

/* CPython's numeric hash of a double: integral values hash like the
 * equal int, +-inf give +-314159, and a NaN hashes by the identity of
 * 'inst' (the object holding it).  Never -1. */
Mp_hash_t mp_hash_double(MpObject *inst, double v);

/* round(x, ndigits) for a finite or non-finite x, correctly rounded
 * (half-even on the exact binary value) as CPython's double_round.
 * Returns the rounded value; -1.0 with OverflowError "rounded value too
 * large to represent" set when the result overflows (check
 * MpErr_Occurred). */
double mp_float_round(double x, Mp_ssize_t ndigits);

#endif /* MP_FLOATOBJECT_H */
