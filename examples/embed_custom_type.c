/*
 * embed_custom_type.c -- an embedder's own container type, collected.
 *
 * Defines "demo.Pair", a static C type holding one reference to another
 * object, exactly as a CPython extension would: designated initialisers,
 * MP_TPFLAGS_HAVE_GC, tp_traverse reporting the reference, tp_clear
 * dropping it, MpType_Ready.  Two pairs pointing at each other form a
 * cycle that reference counting alone never frees; MpGC_Collect does.
 *
 *   make && build/examples/embed_custom_type
 */
#include <stdio.h>
#include <stdlib.h>

#include "minipy.h"

typedef struct {
    MpObject_HEAD
    const char *name;
    MpObject *other;        /* owned reference, or NULL */
} PairObject;

/* Report each reference to the collector. */
static int
pair_traverse(MpObject *op, visitproc visit, void *arg)
{
    PairObject *self = (PairObject *)op;
    Mp_VISIT(self->other);
    return 0;
}

/* Drop the references that may be part of a cycle. */
static int
pair_clear(MpObject *op)
{
    PairObject *self = (PairObject *)op;
    printf("  tp_clear   %s\n", self->name);
    Mp_CLEAR(self->other);
    return 0;
}

static void
pair_dealloc(MpObject *op)
{
    PairObject *self = (PairObject *)op;
    MpObject_GC_UnTrack(op);                /* untrack first */
    printf("  tp_dealloc %s\n", self->name);
    Mp_CLEAR(self->other);
    MpObject_GC_Del(op);
}

static MpObject *
pair_repr(MpObject *op)
{
    PairObject *self = (PairObject *)op;
    return MpUnicode_FromFormat("<Pair %s>", self->name);
}

static MpTypeObject Pair_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "demo.Pair",
    .tp_basicsize = sizeof(PairObject),
    .tp_dealloc = pair_dealloc,
    .tp_repr = pair_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_doc = "A pair holding one reference to another object.",
    .tp_traverse = pair_traverse,
    .tp_clear = pair_clear,
};

/* A new Pair (New reference), tracked once fully built. */
static MpObject *
pair_new(const char *name)
{
    PairObject *self = MpObject_GC_New(PairObject, &Pair_Type);
    if (self == NULL)
        return NULL;
    self->name = name;
    self->other = NULL;
    MpObject_GC_Track(self);                /* track last */
    return (MpObject *)self;
}

static void
show(MpObject *op)
{
    printf("  ");
    MpObject_Print(op, stdout, 0);
    printf(" refcount %ld, tracked %d\n", (long)Mp_REFCNT(op),
           MpObject_GC_IsTracked(op));
}

int
main(void)
{
    MpObject *a, *b, *c;
    Mp_ssize_t found;

    if (Mp_Initialize() != 0 || MpType_Ready(&Pair_Type) < 0) {
        fprintf(stderr, "embed_custom_type: initialization failed\n");
        return 1;
    }
    printf("build a <-> b, and c alone:\n");
    a = pair_new("a");
    b = pair_new("b");
    c = pair_new("c");
    if (a == NULL || b == NULL || c == NULL) {
        MpErr_Print();
        return 1;
    }
    ((PairObject *)a)->other = Mp_NewRef(b);
    ((PairObject *)b)->other = Mp_NewRef(a);
    show(a);
    show(b);
    show(c);
    printf("  sys.getsizeof(a) = %ld: %ld bytes of Pair + 16 of GC header\n",
           (long)MpObject_GetSizeOf(a), (long)sizeof(PairObject));

    printf("drop our references:\n");
    Mp_DECREF(c);                           /* no cycle: freed at once */
    Mp_DECREF(a);
    Mp_DECREF(b);
    printf("  a and b keep each other alive\n");

    printf("MpGC_Collect():\n");
    found = MpGC_Collect();
    printf("  unreachable objects found: %ld\n", (long)found);
    printf("MpGC_Collect() again: %ld\n", (long)MpGC_Collect());

    Mp_Finalize();
    printf("finalized\n");
    return 0;
}
