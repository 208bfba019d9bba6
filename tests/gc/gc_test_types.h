/*
 * tests/gc/gc_test_types.h -- container types an embedder would write,
 * used by the collector's tests.
 *
 *   Node     two owned references (a, b), tp_traverse and tp_clear;
 *            deallocations are counted.
 *   Phoenix  a Node with tp_finalize: counts its calls and, while
 *            'phoenix_resurrect' is set, stores itself in phoenix_saved[]
 *            (resurrection, PEP 442).
 *   Leaky    a Node that also keeps a reference to itself which its
 *            tp_traverse does not report (a leak the collector cannot
 *            see); its tp_clear drops it.
 *
 * All are static types defined as in CPython, readied by ready_types().
 */
#ifndef MP_TESTS_GC_TEST_TYPES_H
#define MP_TESTS_GC_TEST_TYPES_H

#include "minipy.h"

typedef struct {
    MpObject_HEAD
    MpObject *a;
    MpObject *b;
    MpObject *self_ref;     /* Leaky only */
} NodeObject;

static Mp_ssize_t node_deallocs;
static Mp_ssize_t phoenix_finalizes;
static int phoenix_resurrect;
static int phoenix_alloc_in_finalizer;
static int phoenix_alloc_failed;
static int phoenix_raise;
static MpObject *phoenix_saved[16];
static int phoenix_nsaved;

static int
node_traverse(MpObject *op, visitproc visit, void *arg)
{
    NodeObject *self = (NodeObject *)op;
    Mp_VISIT(self->a);
    Mp_VISIT(self->b);
    return 0;
}

static int
node_clear(MpObject *op)
{
    NodeObject *self = (NodeObject *)op;
    Mp_CLEAR(self->a);
    Mp_CLEAR(self->b);
    Mp_CLEAR(self->self_ref);
    return 0;
}

static void
node_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    (void)node_clear(op);
    node_deallocs++;
    MpObject_GC_Del(op);
}

static MpTypeObject Node_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test_gc.Node",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
};

static void
phoenix_finalize(MpObject *op)
{
    phoenix_finalizes++;
    if (phoenix_resurrect
        && phoenix_nsaved < (int)(sizeof(phoenix_saved)
                                  / sizeof(phoenix_saved[0])))
        phoenix_saved[phoenix_nsaved++] = Mp_NewRef(op);
    if (phoenix_raise)
        MpErr_SetString(MpExc_RuntimeError, "finalizer failed");
    if (phoenix_alloc_in_finalizer) {
        MpObject *x = MpList_New(0);
        if (x == NULL) {
            phoenix_alloc_failed++;
            MpErr_Clear();
        }
        else {
            Mp_DECREF(x);
        }
    }
}

static MpTypeObject Phoenix_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test_gc.Phoenix",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_finalize = phoenix_finalize,
};

static MpTypeObject Leaky_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test_gc.Leaky",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
};

/* A var-sized GC type for the allocation checks. */
static MpTypeObject VarNode_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test_gc.VarNode",
    .tp_basicsize = sizeof(MpVarObject),
    .tp_itemsize = sizeof(MpObject *),
    .tp_dealloc = (destructor)MpObject_GC_Del,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
};

static void
ready_types(void)
{
    node_deallocs = 0;
    phoenix_finalizes = 0;
    phoenix_resurrect = 0;
    phoenix_alloc_in_finalizer = 0;
    phoenix_alloc_failed = 0;
    phoenix_raise = 0;
    phoenix_nsaved = 0;
    if (MpType_Ready(&Node_Type) < 0 || MpType_Ready(&Phoenix_Type) < 0
        || MpType_Ready(&Leaky_Type) < 0
        || MpType_Ready(&VarNode_Type) < 0) {
        MpErr_Print();
        abort();
    }
}

/* A new node of 'type', not tracked yet. */
static NodeObject *
node_alloc(MpTypeObject *type)
{
    NodeObject *n = MpObject_GC_New(NodeObject, type);
    if (n != NULL) {
        n->a = NULL;
        n->b = NULL;
        n->self_ref = NULL;
    }
    return n;
}

/* A new tracked node of 'type' ("track last"). */
static MpObject *
node_new(MpTypeObject *type)
{
    NodeObject *n = node_alloc(type);
    if (n != NULL)
        MpObject_GC_Track(n);
    return (MpObject *)n;
}

/* Store a new reference to 'target' in slot 'a' of node 'n'. */
static void
node_link(MpObject *n, MpObject *target)
{
    Mp_XSETREF(((NodeObject *)n)->a, Mp_NewRef(target));
}

static void
phoenix_release_saved(void)
{
    while (phoenix_nsaved > 0)
        Mp_DECREF(phoenix_saved[--phoenix_nsaved]);
}

#endif /* MP_TESTS_GC_TEST_TYPES_H */
