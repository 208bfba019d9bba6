/*
 * object.h -- internal interface of the generic object layer (object.c).
 *
 * The life-cycle entry points of the object layer, the live-object
 * counter that Mp_GetLiveObjects reports, and small helpers the other
 * object files share: where an instance keeps its __dict__, and the
 * excess-argument test of object.__new__ / object.__init__.
 */
#ifndef MP_OBJECT_H
#define MP_OBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "runtime/memtrace.h"

/* Ready object, type, None, NotImplemented, the descriptor and builtin
 * function types.  0, or -1 with an exception set. */
int mp_object_init(void);
/* Every static type readied since init drops tp_dict and tp_mro and is
 * marked not ready; caches of this layer are emptied. */
void mp_object_fini(void);
/* Births minus deaths (Mp_GetLiveObjects).  Not reset by init or fini:
 * objects born before this layer starts (interned strings) and dying
 * after it stops are still counted. */
extern Mp_ssize_t mp_object_live;

/* MpObject_Init, inline for the allocators of the common types: set the
 * type (a heap type gains a reference) and refcount 1; count a birth.
 * Returns 'op': a caller that goes on with the result rather than with
 * its own copy keeps nothing live across the trace hook, so the hook
 * costs its fast path one compare and branch and no registers. */
static inline MpObject *
mp_object_birth(MpObject *op, MpTypeObject *type)
{
    Mp_SET_TYPE(op, type);
    Mp_SET_REFCNT(op, 1);
    if (MpType_HasFeature(type, MP_TPFLAGS_HEAPTYPE))
        Mp_INCREF(type);
    mp_object_live++;
    if (MP_UNLIKELY(mp_memtrace_on))
        return mp_memtrace_birth(op);
    return op;
}

/* Count the death of 'op' (its memory is being freed or parked on a free
 * list).  MpObject_Del and MpObject_GC_Del call it.  Returns 'op', for
 * the reason mp_object_birth does. */
static inline MpObject *
mp_object_died(MpObject *op)
{
    mp_object_live--;
    if (MP_UNLIKELY(mp_memtrace_on))
        return mp_memtrace_death(op);
    return op;
}

/* Address of the instance-dict pointer of 'op', or NULL when its type has
 * no tp_dictoffset.  Handles the negative offsets of var-sized types. */
MpObject **mp_object_dictptr(MpObject *op);

/* The repr every object has when nothing better exists:
 * "<module.Name object at 0x...>".  New. */
MpObject *mp_object_default_repr(MpObject *op);

/* The number of objects alive now (births minus deaths). */
Mp_ssize_t mp_object_live_count(void);

#endif /* MP_OBJECT_H */
