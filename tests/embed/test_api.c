/*
 * test_api.c -- the C API as an embedder sees it, through minipy.h only:
 * which calls return new references, which borrow, which steal, and that
 * failures return NULL / -1 with an exception set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "minipy.h"
#include "support/harness.h"

static void
check_message(MpObject *type, const char *message)
{
    MpObject *ptype, *pvalue, *ptb, *s;

    MpErr_Fetch(&ptype, &pvalue, &ptb);
    assert_non_null(ptype);
    assert_true(MpErr_GivenExceptionMatches(ptype, type));
    assert_null(MpErr_Occurred());
    s = MpObject_Str(pvalue);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), message);
    Mp_DECREF(s);
    Mp_XDECREF(ptype);
    Mp_XDECREF(pvalue);
    Mp_XDECREF(ptb);
}

/* New references: the caller owns the result. */
static void
test_new_references(void **state)
{
    MpObject *l = MpList_New(0), *cls, *r, *s;
    Mp_ssize_t before;
    (void)state;

    assert_int_equal(Mp_REFCNT(l), 1);
    before = Mp_REFCNT(&MpList_Type);
    cls = MpObject_Type(l);
    assert_ptr_equal(cls, &MpList_Type);
    assert_int_equal(Mp_REFCNT(&MpList_Type), before + 1);
    Mp_DECREF(cls);
    r = MpObject_Repr(l);
    assert_int_equal(Mp_REFCNT(r), 1);
    assert_string_equal(MpUnicode_AsUTF8(r), "[]");
    s = MpObject_Str(r);        /* str(str) is the same object */
    assert_ptr_equal(s, r);
    assert_int_equal(Mp_REFCNT(r), 2);
    Mp_DECREF(s);
    Mp_DECREF(r);
    r = MpObject_GetAttrString(l, "append");
    assert_int_equal(Mp_REFCNT(r), 1);
    /* The bound method holds a reference to the list. */
    assert_int_equal(Mp_REFCNT(l), 2);
    Mp_DECREF(r);
    assert_int_equal(Mp_REFCNT(l), 1);
    Mp_DECREF(l);
}

/* Borrowed references and stolen ones. */
static void
test_borrow_and_steal(void **state)
{
    MpObject *t = MpTuple_New(1), *l = MpList_New(0), *d = MpDict_New();
    MpObject *x = MpList_New(0), *k = MpUnicode_FromString("k"), *b;
    (void)state;

    Mp_INCREF(x);
    assert_int_equal(MpTuple_SetItem(t, 0, x), 0);   /* steals */
    assert_int_equal(Mp_REFCNT(x), 2);
    b = MpTuple_GetItem(t, 0);                      /* borrowed */
    assert_ptr_equal(b, x);
    assert_int_equal(Mp_REFCNT(x), 2);
    assert_int_equal(MpList_Append(l, x), 0);       /* not stolen */
    assert_int_equal(Mp_REFCNT(x), 3);
    assert_ptr_equal(MpList_GetItem(l, 0), x);
    assert_int_equal(MpDict_SetItem(d, k, x), 0);   /* not stolen */
    assert_int_equal(Mp_REFCNT(x), 4);
    assert_ptr_equal(MpDict_GetItem(d, k), x);      /* borrowed */
    assert_int_equal(Mp_REFCNT(x), 4);
    Mp_DECREF(t);
    Mp_DECREF(l);
    Mp_DECREF(d);
    assert_int_equal(Mp_REFCNT(x), 1);
    Mp_DECREF(x);
    Mp_DECREF(k);
}

/* Failures: NULL or -1, always with an exception. */
static void
test_error_conventions(void **state)
{
    MpObject *one = MpLong_FromLong(1), *s = MpUnicode_FromString("s");
    (void)state;

    assert_null(MpObject_GetAttrString(one, "nope"));
    check_message(MpExc_AttributeError,
                  "'int' object has no attribute 'nope'");
    assert_int_equal(MpObject_SetAttrString(one, "nope", one), -1);
    check_message(MpExc_AttributeError,
                  "'int' object has no attribute 'nope'");
    assert_int_equal(MpObject_Length(one), -1);
    check_message(MpExc_TypeError, "object of type 'int' has no len()");
    assert_null(MpObject_RichCompare(one, s, Mp_LT));
    check_message(MpExc_TypeError,
                  "'<' not supported between instances of 'int' and 'str'");
    assert_int_equal(MpObject_RichCompareBool(one, s, Mp_LE), -1);
    check_message(MpExc_TypeError,
                  "'<=' not supported between instances of 'int' and 'str'");
    assert_null(MpObject_CallNoArgs(one));
    check_message(MpExc_TypeError, "'int' object is not callable");
    assert_int_equal(MpArg_CheckPositional("f", 3, 0, 2), -1);
    check_message(MpExc_TypeError, "f expected at most 2 arguments, got 3");
    /* Successful predicates leave no exception behind. */
    assert_int_equal(MpObject_RichCompareBool(one, one, Mp_EQ), 1);
    assert_int_equal(MpObject_IsTrue(one), 1);
    assert_null(MpErr_Occurred());
    Mp_DECREF(one);
    Mp_DECREF(s);
}

static MpObject *
sum_args(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *total = MpLong_FromLong(0);
    Mp_ssize_t i;

    (void)self;
    for (i = 0; i < nargs && total != NULL; i++) {
        MpObject *next = MpNumber_Add(total, args[i]);
        Mp_DECREF(total);
        total = next;
    }
    return total;
}

/* A C function exposed as a callable; called through each entry point. */
static void
test_cfunction_calls(void **state)
{
    MpObject *f, *args, *r, *one = MpLong_FromLong(1);
    MpObject *two = MpLong_FromLong(2), *kw = MpDict_New();
    (void)state;

    f = MpCFunction_New("sum_args", sum_args, MP_METH_FASTCALL);
    assert_non_null(f);
    args = MpTuple_Pack(2, one, two);
    r = MpObject_Call(f, args, NULL);
    assert_int_equal(MpLong_AsLong(r), 3);
    Mp_DECREF(r);
    r = MpObject_CallOneArg(f, two);
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    r = MpObject_CallNoArgs(f);
    assert_int_equal(MpLong_AsLong(r), 0);
    Mp_DECREF(r);
    MpDict_SetItemString(kw, "x", one);
    assert_null(MpObject_Call(f, args, kw));
    check_message(MpExc_TypeError, "sum_args() takes no keyword arguments");
    Mp_DECREF(kw);
    Mp_DECREF(args);
    Mp_DECREF(f);
    Mp_DECREF(one);
    Mp_DECREF(two);
}

static void
test_type_call_and_sizes(void **state)
{
    MpObject *o, *r, *args[2];
    (void)state;

    o = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    assert_non_null(o);
    assert_int_equal(MpObject_GetSizeOf(o), 16);
    assert_int_equal(MpObject_GetSizeOf(Mp_None), 16);
    assert_true(MpObject_TypeCheck(o, &MpBaseObject_Type));
    args[0] = (MpObject *)&MpType_Type;
    args[1] = o;
    /* type.__call__(type, o) is type(o). */
    r = MpObject_CallMethod((MpObject *)&MpType_Type, "__call__", args, 2);
    assert_ptr_equal(r, &MpBaseObject_Type);
    Mp_DECREF(r);
    Mp_DECREF(o);
}

/* An embedder's container type, defined statically as in CPython. */
typedef struct {
    MpObject_HEAD
    MpObject *item;
} BoxObject;

static int
box_traverse(MpObject *self, visitproc visit, void *arg)
{
    Mp_VISIT(((BoxObject *)self)->item);
    return 0;
}

static int
box_clear(MpObject *self)
{
    Mp_CLEAR(((BoxObject *)self)->item);
    return 0;
}

static void
box_dealloc(MpObject *self)
{
    MpObject_GC_UnTrack(self);
    Mp_XDECREF(((BoxObject *)self)->item);
    Mp_TYPE(self)->tp_free(self);
}

static MpMemberDef box_members[] = {
    {"item", MP_T_OBJECT, offsetof(BoxObject, item), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static MpTypeObject Box_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "embed.Box",
    .tp_basicsize = sizeof(BoxObject),
    .tp_dealloc = box_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_members = box_members,
    .tp_new = MpType_GenericNew,
};

static void
test_static_container_type(void **state)
{
    MpObject *box, *l, *r;
    Mp_ssize_t live;
    (void)state;

    assert_int_equal(MpType_Ready(&Box_Type), 0);
    box = MpObject_CallNoArgs((MpObject *)&Box_Type);
    assert_non_null(box);
    assert_true(MpObject_GC_IsTracked(box));
    assert_int_equal(MpObject_GetSizeOf(box), 24 + 16);
    r = MpObject_Repr(box);
    assert_int_equal(strncmp(MpUnicode_AsUTF8(r), "<embed.Box object at ",
                             21), 0);
    Mp_DECREF(r);
    Mp_DECREF(box);

    MpGC_Collect();
    live = Mp_GetLiveObjects();
    /* box -> list -> box: only the collector can free it. */
    box = MpObject_CallNoArgs((MpObject *)&Box_Type);
    l = MpList_New(0);
    assert_int_equal(MpList_Append(l, box), 0);
    assert_int_equal(MpObject_SetAttrString(box, "item", l), 0);
    r = MpObject_GetAttrString(box, "item");
    assert_ptr_equal(r, l);
    Mp_DECREF(r);
    Mp_DECREF(l);
    Mp_DECREF(box);
    assert_int_equal(Mp_GetLiveObjects(), live + 2);
    assert_true(MpGC_Collect() >= 2);
    assert_int_equal(Mp_GetLiveObjects(), live);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_new_references),
        MP_TEST(test_borrow_and_steal),
        MP_TEST(test_error_conventions),
        MP_TEST(test_cfunction_calls),
        MP_TEST(test_type_call_and_sizes),
        MP_TEST(test_static_container_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
