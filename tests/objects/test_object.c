/*
 * test_object.c -- the generic object protocol (objects/object.c):
 * None and NotImplemented, object(), repr/str/hash, rich comparison,
 * truth, attributes, sizes, the live-object counter and the trashcan.
 * Expected messages are CPython 3.11's (checked with python3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "support/harness.h"
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/typeobject.h"

/* Take the current exception, check its type and str(). */
static void
check_exc(MpObject *type, const char *message, int prefix_only)
{
    MpObject *exc = MpErr_GetRaisedException(), *s;

    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, type));
    s = MpObject_Str(exc);
    assert_non_null(s);
    if (prefix_only)
        assert_int_equal(strncmp(MpUnicode_AsUTF8(s), message,
                                 strlen(message)), 0);
    else
        assert_string_equal(MpUnicode_AsUTF8(s), message);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

static void
check_repr(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Repr(o);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
}

/* ---- None and NotImplemented ---- */

static void
test_none(void **state)
{
    (void)state;
    check_repr(Mp_None, "None");
    check_repr(Mp_NotImplemented, "NotImplemented");
    assert_int_equal(MpObject_IsTrue(Mp_None), 0);
    assert_int_equal(MpObject_Not(Mp_None), 1);
    assert_int_equal(MpObject_IsTrue(Mp_NotImplemented), 1);
    /* CPython 3.11 hashes None by address. */
    assert_int_equal(MpObject_Hash(Mp_None), Mp_HashPointer(Mp_None));
    assert_int_equal(MpObject_GetSizeOf(Mp_None), 16);
    assert_string_equal(Mp_TYPE(Mp_None)->tp_name, "NoneType");
}

static void
test_none_type_call(void **state)
{
    MpObject *res, *args, *one = MpLong_FromLong(1);
    (void)state;

    res = MpObject_CallNoArgs((MpObject *)&MpNone_Type);
    assert_ptr_equal(res, Mp_None);
    Mp_DECREF(res);
    args = MpTuple_Pack(1, one);
    assert_null(MpObject_Call((MpObject *)&MpNone_Type, args, NULL));
    check_exc(MpExc_TypeError, "NoneType takes no arguments", 0);
    Mp_DECREF(args);
    Mp_DECREF(one);
}

/* ---- object() ---- */

static void
test_object_new(void **state)
{
    MpObject *o, *r, *one = MpLong_FromLong(1);
    char expected[64];
    (void)state;

    o = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    assert_non_null(o);
    assert_ptr_equal(Mp_TYPE(o), &MpBaseObject_Type);
    assert_int_equal(Mp_REFCNT(o), 1);
    assert_int_equal(MpObject_GetSizeOf(o), 16);
    snprintf(expected, sizeof(expected), "<object object at %p>", (void *)o);
    r = MpObject_Repr(o);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
    /* str() falls back to repr(). */
    r = MpObject_Str(o);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
    assert_int_equal(MpObject_Hash(o), Mp_HashPointer(o));
    Mp_DECREF(o);

    assert_null(MpObject_CallOneArg((MpObject *)&MpBaseObject_Type, one));
    check_exc(MpExc_TypeError, "object() takes no arguments", 0);
    Mp_DECREF(one);
}

static void
test_hash_pointer(void **state)
{
    (void)state;
    /* Rotated right by 4 bits. */
    assert_int_equal(Mp_HashPointer((void *)0x1230),
                     (Mp_hash_t)0x123);
    assert_int_equal(Mp_HashPointer((void *)0x1235),
                     (Mp_hash_t)(((size_t)0x123) |
                                 ((size_t)5 << (8 * sizeof(void *) - 4))));
    /* -1 is reserved for errors. */
    assert_int_equal(Mp_HashPointer((void *)(intptr_t)-1), -2);
}

/* ---- repr and str of a misbehaving type ---- */

static MpObject *
bad_repr(MpObject *self)
{
    (void)self;
    return MpLong_FromLong(7);
}

static MpTypeObject Bad_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Bad",
    .tp_basicsize = sizeof(MpObject),
    .tp_repr = bad_repr,
    .tp_str = bad_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT,
};

static void
test_repr_type_checks(void **state)
{
    MpObject *o;
    (void)state;

    assert_int_equal(MpType_Ready(&Bad_Type), 0);
    o = MpObject_NewFromType(&Bad_Type);
    assert_non_null(o);
    assert_null(MpObject_Repr(o));
    check_exc(MpExc_TypeError, "__repr__ returned non-string (type int)", 0);
    assert_null(MpObject_Str(o));
    check_exc(MpExc_TypeError, "__str__ returned non-string (type int)", 0);
    /* Inherited from object: dealloc, hash. */
    assert_int_equal(MpObject_Hash(o), Mp_HashPointer(o));
    Mp_DECREF(o);
}

static void
test_repr_stack(void **state)
{
    MpObject *a = MpList_New(0), *b = MpList_New(0);
    (void)state;

    assert_int_equal(MpRepr_Enter(a), 0);
    assert_int_equal(MpRepr_Enter(b), 0);
    assert_int_equal(MpRepr_Enter(a), 1);
    MpRepr_Leave(b);
    assert_int_equal(MpRepr_Enter(b), 0);
    MpRepr_Leave(b);
    MpRepr_Leave(a);
    assert_int_equal(MpRepr_Enter(a), 0);
    MpRepr_Leave(a);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

/* ---- hash ---- */

static void
test_unhashable(void **state)
{
    MpObject *l = MpList_New(0);
    (void)state;

    assert_int_equal(MpObject_Hash(l), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'list'", 0);
    assert_int_equal(MpObject_HashNotImplemented(l), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'list'", 0);
    Mp_DECREF(l);
}

/* ---- rich comparison ---- */

static void
test_richcompare(void **state)
{
    MpObject *one = MpLong_FromLong(1), *s = MpUnicode_FromString("a");
    MpObject *o1, *o2, *res;
    (void)state;

    assert_null(MpObject_RichCompare(one, s, Mp_LT));
    check_exc(MpExc_TypeError,
              "'<' not supported between instances of 'int' and 'str'", 0);
    assert_int_equal(MpObject_RichCompareBool(s, one, Mp_GE), -1);
    check_exc(MpExc_TypeError,
              "'>=' not supported between instances of 'str' and 'int'", 0);
    /* == and != fall back to identity. */
    res = MpObject_RichCompare(one, s, Mp_EQ);
    assert_ptr_equal(res, Mp_False);
    Mp_DECREF(res);
    res = MpObject_RichCompare(one, s, Mp_NE);
    assert_ptr_equal(res, Mp_True);
    Mp_DECREF(res);

    o1 = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    o2 = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    assert_int_equal(MpObject_RichCompareBool(o1, o1, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(o1, o2, Mp_EQ), 0);
    assert_int_equal(MpObject_RichCompareBool(o1, o2, Mp_NE), 1);
    res = MpObject_RichCompare(o1, o1, Mp_EQ);
    assert_ptr_equal(res, Mp_True);
    Mp_DECREF(res);
    assert_null(MpObject_RichCompare(o1, o2, Mp_GT));
    check_exc(MpExc_TypeError, "'>' not supported between instances of "
              "'object' and 'object'", 0);
    Mp_DECREF(o1);
    Mp_DECREF(o2);
    Mp_DECREF(one);
    Mp_DECREF(s);
}

/* ---- truth and length ---- */

static void
test_truth_and_length(void **state)
{
    MpObject *l = MpList_New(0), *zero = MpLong_FromLong(0);
    MpObject *o = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    (void)state;

    assert_int_equal(MpObject_IsTrue(l), 0);
    assert_int_equal(MpList_Append(l, zero), 0);
    assert_int_equal(MpObject_IsTrue(l), 1);
    assert_int_equal(MpObject_Length(l), 1);
    assert_int_equal(MpObject_IsTrue(zero), 0);
    assert_int_equal(MpObject_IsTrue(o), 1);
    assert_int_equal(MpObject_IsTrue(Mp_True), 1);
    assert_int_equal(MpObject_Not(Mp_False), 1);
    assert_int_equal(MpObject_Length(zero), -1);
    check_exc(MpExc_TypeError, "object of type 'int' has no len()", 0);
    Mp_DECREF(l);
    Mp_DECREF(zero);
    Mp_DECREF(o);
}

/* ---- attributes ---- */

static void
test_getattr_errors(void **state)
{
    MpObject *one = MpLong_FromLong(1);
    MpObject *o = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    MpObject *x = MpUnicode_FromString("x");
    (void)state;

    assert_null(MpObject_GetAttrString(one, "x"));
    check_exc(MpExc_AttributeError, "'int' object has no attribute 'x'", 0);
    assert_null(MpObject_GetAttr(one, one));
    check_exc(MpExc_TypeError, "attribute name must be string, not 'int'",
              0);
    assert_int_equal(MpObject_SetAttr(one, one, one), -1);
    check_exc(MpExc_TypeError, "attribute name must be string, not 'int'",
              0);
    assert_int_equal(MpObject_SetAttrString(one, "x", one), -1);
    check_exc(MpExc_AttributeError, "'int' object has no attribute 'x'", 0);
    assert_int_equal(MpObject_SetAttrString(o, "x", one), -1);
    check_exc(MpExc_AttributeError, "'object' object has no attribute 'x'",
              0);
    assert_int_equal(MpObject_DelAttr(o, x), -1);
    check_exc(MpExc_AttributeError, "'object' object has no attribute 'x'",
              0);
    assert_int_equal(MpObject_HasAttr(o, x), 0);
    assert_null(MpErr_Occurred());
    Mp_DECREF(one);
    Mp_DECREF(o);
    Mp_DECREF(x);
}

static void
test_getattr_descriptors(void **state)
{
    MpObject *o = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    MpObject *cls, *size, *name;
    Mp_ssize_t before;
    (void)state;

    /* __class__: a getset on object; a new reference each time. */
    before = Mp_REFCNT(&MpBaseObject_Type);
    cls = MpObject_GetAttrString(o, "__class__");
    assert_ptr_equal(cls, &MpBaseObject_Type);
    assert_int_equal(Mp_REFCNT(&MpBaseObject_Type), before + 1);
    Mp_DECREF(cls);
    assert_int_equal(Mp_REFCNT(&MpBaseObject_Type), before);
    /* __class__ has no setter. */
    assert_int_equal(MpObject_SetAttrString(o, "__class__", o), -1);
    check_exc(MpExc_AttributeError,
              "attribute '__class__' of 'object' objects is not writable", 0);
    /* A method descriptor bound on access, then called. */
    size = MpObject_CallMethod(o, "__sizeof__", NULL, 0);
    assert_non_null(size);
    assert_int_equal(MpLong_AsLong(size), 16);
    Mp_DECREF(size);
    name = MpUnicode_FromString("__sizeof__");
    assert_int_equal(MpObject_HasAttr(o, name), 1);
    Mp_DECREF(name);
    Mp_DECREF(o);
}

static void
test_sizeof(void **state)
{
    MpObject *l = MpList_New(0), *t = MpTuple_New(0);
    MpObject *f = MpFloat_FromDouble(1.0), *big = MpLong_FromLong(1 << 30);
    (void)state;

    /* Figures from python3 (CPython 3.11, 64-bit). */
    assert_int_equal(MpObject_GetSizeOf(l), 56);
    assert_int_equal(MpObject_GetSizeOf(t), 40);
    assert_int_equal(MpObject_GetSizeOf(f), 24);
    assert_int_equal(MpObject_GetSizeOf(big), 32);
    Mp_DECREF(l);
    Mp_DECREF(t);
    Mp_DECREF(f);
    Mp_DECREF(big);
}

static void
test_print(void **state)
{
    FILE *fp = tmpfile();
    MpObject *s = MpUnicode_FromString("hi");
    char buf[32] = {0};
    (void)state;

    assert_non_null(fp);
    assert_int_equal(MpObject_Print(s, fp, 0), 0);
    assert_int_equal(MpObject_Print(s, fp, MP_PRINT_RAW), 0);
    assert_int_equal(MpObject_Print(Mp_None, fp, 0), 0);
    rewind(fp);
    assert_non_null(fgets(buf, sizeof(buf), fp));
    assert_string_equal(buf, "'hi'hiNone");
    fclose(fp);
    Mp_DECREF(s);
}

/* ---- life and death ---- */

static void
test_live_objects(void **state)
{
    Mp_ssize_t before = Mp_GetLiveObjects();
    MpObject *a = MpList_New(0);
    MpObject *b = MpObject_CallNoArgs((MpObject *)&MpBaseObject_Type);
    (void)state;

    assert_int_equal(Mp_GetLiveObjects(), before + 2);
    Mp_DECREF(a);
    assert_int_equal(Mp_GetLiveObjects(), before + 1);
    Mp_DECREF(b);
    assert_int_equal(Mp_GetLiveObjects(), before);
    /* Statically allocated singletons are never counted. */
    Mp_INCREF(Mp_None);
    Mp_DECREF(Mp_None);
    assert_int_equal(Mp_GetLiveObjects(), before);
}

static void
test_new_from_type(void **state)
{
    Mp_ssize_t before = Mp_GetLiveObjects();
    MpObject *o = MpObject_NewFromType(&MpBaseObject_Type);
    (void)state;

    assert_non_null(o);
    assert_int_equal(Mp_REFCNT(o), 1);
    assert_int_equal(Mp_GetLiveObjects(), before + 1);
    MpObject_Del(o);
    assert_int_equal(Mp_GetLiveObjects(), before);
}

static int
fail_all(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return 1;
}

static void
test_new_from_type_nomemory(void **state)
{
    MpObject *o;
    (void)state;

    MpAlloc_SetFailHook(fail_all, NULL);
    o = MpObject_NewFromType(&MpBaseObject_Type);
    MpAlloc_SetFailHook(NULL, NULL);
    assert_null(o);
    mp_assert_raised(MpExc_MemoryError);
}

/* Freeing a million nested lists must not recurse a million deep. */
static void
test_trashcan_deep_list(void **state)
{
    MpObject *top = MpList_New(0);
    Mp_ssize_t before = Mp_GetLiveObjects();
    int i;
    (void)state;

    assert_non_null(top);
    for (i = 0; i < 1000000; i++) {
        MpObject *outer = MpList_New(1);
        assert_non_null(outer);
        MpList_SetItem(outer, 0, top);     /* steals */
        top = outer;
    }
    assert_int_equal(Mp_GetLiveObjects(), before + 1000000);
    Mp_DECREF(top);
    assert_int_equal(Mp_GetLiveObjects(), before - 1);
}

static MpObject *
nested_list(int depth)
{
    MpObject *top = MpList_New(0);
    int i;

    for (i = 0; i < depth && top != NULL; i++) {
        MpObject *outer = MpList_New(1);
        assert_non_null(outer);
        MpList_SetItem(outer, 0, top);
        top = outer;
    }
    return top;
}

/* repr and == of deep structures stop at the recursion limit. */
static void
test_recursion_guards(void **state)
{
    MpObject *a = nested_list(20000), *b = nested_list(20000);
    (void)state;

    assert_null(MpObject_Repr(a));
    check_exc(MpExc_RecursionError, "maximum recursion depth exceeded "
              "while getting the repr of an object", 0);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), -1);
    check_exc(MpExc_RecursionError,
              "maximum recursion depth exceeded in comparison", 0);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_none),
        MP_TEST(test_none_type_call),
        MP_TEST(test_object_new),
        MP_TEST(test_hash_pointer),
        MP_TEST(test_repr_type_checks),
        MP_TEST(test_repr_stack),
        MP_TEST(test_unhashable),
        MP_TEST(test_richcompare),
        MP_TEST(test_truth_and_length),
        MP_TEST(test_getattr_errors),
        MP_TEST(test_getattr_descriptors),
        MP_TEST(test_sizeof),
        MP_TEST(test_print),
        MP_TEST(test_live_objects),
        MP_TEST(test_new_from_type),
        MP_TEST(test_new_from_type_nomemory),
        MP_TEST(test_trashcan_deep_list),
        MP_TEST(test_recursion_guards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
