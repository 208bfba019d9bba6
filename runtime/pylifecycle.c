/*
 * pylifecycle.c -- Mp_Initialize and Mp_Finalize.
 *
 * Each part of the runtime keeps its mutable state in one struct, set up by
 * its init function and torn down by its fini function.  This file calls
 * them in one documented order:
 *
 *   step        init                         fini (run in reverse order)
 *   ----------  ---------------------------  -----------------------------
 *   pystate     thread state, recursion      -
 *   evalbudget  no budget, no hook           -
 *   hash        str hash key (MINIPYHASHSEED) -
 *   unicode     interned table, singletons   drop the cached strings
 *   gc-final    -                            collect; clear what is left
 *   object      object, type, None, ...      static types drop their dicts
 *   unicode-types  str's types readied       -
 *   long        int, bool, small-int cache   drop the small-int cache
 *   float ... iter                           free lists off and emptied
 *   exceptions  types, the MemoryError       drop the MemoryError
 *   gc          generations, thresholds      final collection
 *   interp      builtins, sys, __main__      modules emptied (__main__
 *                                            first, builtins last)
 *
 * A fini function only drops the references its caches hold and turns its
 * caches off; an object still referenced elsewhere dies later, when its
 * last reference goes, and its destructor must work after the fini.
 * When an init function fails (out of memory), its own fini runs too,
 * then those of the steps before it: a fini function must also undo a
 * step that stopped half way, so that a failed Mp_Initialize leaves
 * nothing allocated.
 *
 * After Mp_Finalize every block the runtime took is back with the
 * allocator and every arena is unmapped, so the runtime can start again.
 */
#include "include/internal/mp_core.h"
#include "objects/pystate.h"
#include "objects/object.h"
#include "runtime/memtrace.h"
#include "objects/longobject.h"
#include "objects/floatobject.h"
#include "objects/unicodeobject.h"
#include "objects/tupleobject.h"
#include "objects/listobject.h"
#include "objects/dictobject.h"
#include "objects/sliceobject.h"
#include "objects/rangeobject.h"
#include "objects/iterobject.h"
#include "objects/pyhash.h"
#include "objects/exceptions.h"
#include "gc/gc.h"
#include "alloc/obmalloc.h"
#include "runtime/evalbudget.h"
#include "runtime/import.h"

static struct {
    int initialized;
} state;

typedef struct {
    const char *name;
    int (*init)(void);
    void (*fini)(void);
} lifecycle_step;

/* Run in this order by Mp_Initialize, in reverse by Mp_Finalize. */
static const lifecycle_step steps[] = {
    {"pystate", mp_pystate_init, mp_pystate_fini},
    {"evalbudget", mp_evalbudget_init, NULL},
    {"hash", mp_hash_init, NULL},
    {"unicode", mp_unicode_init, mp_unicode_fini},
    /* Runs after the static types have dropped their dicts: collect once
     * more, then clear whatever is still tracked (leaked or uncollectable)
     * so that it is freed too. */
    {"gc-final", NULL, mp_gc_fini_final},
    {"object", mp_object_init, mp_object_fini},
    {"unicode-types", mp_unicode_ready_types, NULL},
    {"long", mp_long_init, mp_long_fini},
    {"float", mp_float_init, mp_float_fini},
    {"tuple", mp_tuple_init, mp_tuple_fini},
    {"list", mp_list_init, mp_list_fini},
    {"dict", mp_dict_init, mp_dict_fini},
    {"slice", mp_slice_init, mp_slice_fini},
    {"range", mp_range_init, mp_range_fini},
    {"iter", mp_iter_init, mp_iter_fini},
    {"exceptions", mp_exceptions_init, mp_exceptions_fini},
    {"gc", mp_gc_init, mp_gc_fini},
    {"interp", mp_interp_init, mp_interp_fini},
    /* Finalization is not traced: the trace stops first. */
    {"memtrace", NULL, mp_memtrace_fini},
};

static void
fini_steps(size_t count)
{
    while (count > 0) {
        const lifecycle_step *step = &steps[--count];
        if (step->fini != NULL)
            step->fini();
    }
}

int
Mp_Initialize(void)
{
    size_t i;

    if (state.initialized)
        return 0;
    for (i = 0; i < MP_ARRAY_LENGTH(steps); i++) {
        if (steps[i].init != NULL && steps[i].init() < 0) {
            fprintf(stderr, "minipy: initialisation failed in '%s'\n",
                    steps[i].name);
            fini_steps(i + 1);
            mp_obmalloc_fini();
            return -1;
        }
    }
    state.initialized = 1;
    return 0;
}

void
Mp_Finalize(void)
{
    if (!state.initialized)
        return;
    fini_steps(MP_ARRAY_LENGTH(steps));
    mp_obmalloc_fini();
    state.initialized = 0;
}

int
Mp_IsInitialized(void)
{
    return state.initialized;
}
