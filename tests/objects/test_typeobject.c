/*
 * test_typeobject.c -- the type system: readying an embedder's static
 * type (methods, members, getsets), slot wrappers, heap types made with
 * type(name, bases, dict) and their slots, descriptors, builtin
 * functions and calls.  Messages are CPython 3.11's (checked with
 * python3).
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
#include "objects/instancevalues.h"
#include "objects/descrobject.h"

static void
check_exc(MpObject *type, const char *message)
{
    MpObject *exc = MpErr_GetRaisedException(), *s;

    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, type));
    s = MpObject_Str(exc);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), message);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

static void
check_str(MpObject *o, const char *expected)
{
    assert_non_null(o);
    assert_true(MpUnicode_Check(o));
    assert_string_equal(MpUnicode_AsUTF8(o), expected);
}

static void
check_repr(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Repr(o);
    check_str(r, expected);
    Mp_DECREF(r);
}

static void
check_repr_prefix(MpObject *o, const char *prefix)
{
    MpObject *r = MpObject_Repr(o);
    assert_non_null(r);
    assert_int_equal(strncmp(MpUnicode_AsUTF8(r), prefix, strlen(prefix)),
                     0);
    Mp_DECREF(r);
}

static MpObject *
call_type(MpObject *type, Mp_ssize_t n, ...)
{
    MpObject *args[8], *res;
    va_list va;
    Mp_ssize_t i;

    va_start(va, n);
    for (i = 0; i < n; i++)
        args[i] = va_arg(va, MpObject *);
    va_end(va);
    res = MpObject_Vectorcall(type, args, (size_t)n, NULL);
    return res;
}

/* ---- An embedder's static type ---- */

typedef struct {
    MpObject_HEAD
    int count;
    char flag;
    Mp_ssize_t size;
    MpObject *payload;
    MpObject *label;
} ThingObject;

static MpObject *
thing_bump(MpObject *self, MpObject *unused)
{
    (void)unused;
    ((ThingObject *)self)->count++;
    return MpLong_FromLong(((ThingObject *)self)->count);
}

static MpObject *
thing_add(MpObject *self, MpObject *arg)
{
    long v = MpLong_AsLong(arg);
    if (v == -1 && MpErr_Occurred())
        return NULL;
    ((ThingObject *)self)->count += (int)v;
    Mp_RETURN_NONE;
}

static MpObject *
thing_kind(MpObject *cls, MpObject *unused)
{
    (void)unused;
    return mp_type_name((MpTypeObject *)cls);
}

static MpObject *
thing_twice(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    if (MpArg_CheckPositional("twice", nargs, 1, 1) < 0)
        return NULL;
    return MpNumber_Add(args[0], args[0]);
}

static MpObject *
thing_get_double(MpObject *self, void *closure)
{
    (void)closure;
    return MpLong_FromLong(2 * ((ThingObject *)self)->count);
}

static int
thing_set_double(MpObject *self, MpObject *value, void *closure)
{
    long v;
    (void)closure;
    if (value == NULL) {
        MpErr_SetString(MpExc_TypeError, "cannot delete");
        return -1;
    }
    v = MpLong_AsLong(value);
    if (v == -1 && MpErr_Occurred())
        return -1;
    ((ThingObject *)self)->count = (int)(v / 2);
    return 0;
}

static void
thing_dealloc(MpObject *self)
{
    Mp_XDECREF(((ThingObject *)self)->payload);
    Mp_XDECREF(((ThingObject *)self)->label);
    Mp_TYPE(self)->tp_free(self);
}

static MpMethodDef thing_methods[] = {
    {"bump", thing_bump, MP_METH_NOARGS, NULL},
    {"add", thing_add, MP_METH_O, NULL},
    {"kind", thing_kind, MP_METH_NOARGS | MP_METH_CLASS, NULL},
    {"twice", (MpCFunction)(void (*)(void))thing_twice,
     MP_METH_FASTCALL | MP_METH_STATIC, NULL},
    {NULL, NULL, 0, NULL},
};

static MpMemberDef thing_members[] = {
    {"count", MP_T_INT, offsetof(ThingObject, count), 0, NULL},
    {"flag", MP_T_BOOL, offsetof(ThingObject, flag), 0, NULL},
    {"size", MP_T_PYSSIZET, offsetof(ThingObject, size), MP_READONLY, NULL},
    {"payload", MP_T_OBJECT, offsetof(ThingObject, payload), 0, NULL},
    {"label", MP_T_OBJECT_EX, offsetof(ThingObject, label), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static MpGetSetDef thing_getset[] = {
    {"double", thing_get_double, thing_set_double, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpTypeObject Thing_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "mymod.Thing",
    .tp_basicsize = sizeof(ThingObject),
    .tp_dealloc = thing_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_BASETYPE,
    .tp_doc = "A thing.",
    .tp_methods = thing_methods,
    .tp_members = thing_members,
    .tp_getset = thing_getset,
    .tp_new = MpType_GenericNew,
};

static void
test_static_type_ready(void **state)
{
    MpObject *t, *r, *doc;
    (void)state;

    assert_int_equal(MpType_Ready(&Thing_Type), 0);
    assert_true(MpType_HasFeature(&Thing_Type, MP_TPFLAGS_READY));
    assert_ptr_equal(Thing_Type.tp_base, &MpBaseObject_Type);
    assert_int_equal(MpTuple_Size(Thing_Type.tp_mro), 2);
    check_repr((MpObject *)&Thing_Type, "<class 'mymod.Thing'>");
    r = MpObject_GetAttrString((MpObject *)&Thing_Type, "__module__");
    check_str(r, "mymod");
    Mp_DECREF(r);
    r = MpObject_GetAttrString((MpObject *)&Thing_Type, "__name__");
    check_str(r, "Thing");
    Mp_DECREF(r);
    doc = MpObject_GetAttrString((MpObject *)&Thing_Type, "__doc__");
    check_str(doc, "A thing.");
    Mp_DECREF(doc);
    r = MpObject_GetAttrString((MpObject *)&Thing_Type, "bump");
    check_repr(r, "<method 'bump' of 'mymod.Thing' objects>");
    Mp_DECREF(r);
    r = MpObject_GetAttrString((MpObject *)&Thing_Type, "count");
    check_repr(r, "<member 'count' of 'mymod.Thing' objects>");
    Mp_DECREF(r);
    r = MpObject_GetAttrString((MpObject *)&Thing_Type, "double");
    check_repr(r, "<attribute 'double' of 'mymod.Thing' objects>");
    Mp_DECREF(r);
    /* Inherited slots: hash and repr of object. */
    t = MpObject_CallNoArgs((MpObject *)&Thing_Type);
    assert_non_null(t);
    assert_int_equal(MpObject_Hash(t), Mp_HashPointer(t));
    check_repr_prefix(t, "<mymod.Thing object at 0x");
    Mp_DECREF(t);
}

static void
test_static_type_methods(void **state)
{
    MpObject *t, *r, *five = MpLong_FromLong(5), *m;
    (void)state;

    assert_int_equal(MpType_Ready(&Thing_Type), 0);
    t = MpObject_CallNoArgs((MpObject *)&Thing_Type);
    r = MpObject_CallMethod(t, "bump", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), 1);
    Mp_DECREF(r);
    r = MpObject_CallMethod(t, "add", &five, 1);
    assert_ptr_equal(r, Mp_None);
    Mp_DECREF(r);
    assert_int_equal(((ThingObject *)t)->count, 6);
    /* Argument-count errors name the method with its type. */
    assert_null(MpObject_CallMethod(t, "bump", &five, 1));
    check_exc(MpExc_TypeError, "Thing.bump() takes no arguments (1 given)");
    assert_null(MpObject_CallMethod(t, "add", NULL, 0));
    check_exc(MpExc_TypeError,
              "Thing.add() takes exactly one argument (0 given)");
    /* A bound method's repr. */
    m = MpObject_GetAttrString(t, "bump");
    check_repr_prefix(m, "<built-in method bump of mymod.Thing object at ");
    Mp_DECREF(m);
    /* Class and static methods. */
    r = MpObject_CallMethod(t, "kind", NULL, 0);
    check_str(r, "Thing");
    Mp_DECREF(r);
    r = MpObject_CallMethod((MpObject *)&Thing_Type, "twice", &five, 1);
    assert_int_equal(MpLong_AsLong(r), 10);
    Mp_DECREF(r);
    /* Unbound call through the descriptor, with a wrong self. */
    m = MpObject_GetAttrString((MpObject *)&Thing_Type, "add");
    r = call_type(m, 2, five, five);
    assert_null(r);
    check_exc(MpExc_TypeError, "descriptor 'add' for 'mymod.Thing' objects "
              "doesn't apply to a 'int' object");
    r = call_type(m, 0);
    assert_null(r);
    check_exc(MpExc_TypeError,
              "unbound method Thing.add() needs an argument");
    r = call_type(m, 2, t, five);
    assert_ptr_equal(r, Mp_None);
    Mp_DECREF(r);
    assert_int_equal(((ThingObject *)t)->count, 11);
    Mp_DECREF(m);
    Mp_DECREF(t);
    Mp_DECREF(five);
}

static void
test_static_type_members(void **state)
{
    MpObject *t, *r, *v = MpLong_FromLong(42);
    MpObject *s = MpUnicode_FromString("not a singleton");
    (void)state;

    assert_int_equal(MpType_Ready(&Thing_Type), 0);
    t = MpObject_CallNoArgs((MpObject *)&Thing_Type);
    assert_int_equal(MpObject_SetAttrString(t, "count", v), 0);
    r = MpObject_GetAttrString(t, "count");
    assert_int_equal(MpLong_AsLong(r), 42);
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(t, "count", s), -1);
    check_exc(MpExc_TypeError, "attribute value type must be int");
    r = MpObject_GetAttrString(t, "flag");
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(t, "flag", Mp_True), 0);
    assert_int_equal(((ThingObject *)t)->flag, 1);
    assert_int_equal(MpObject_SetAttrString(t, "size", v), -1);
    check_exc(MpExc_AttributeError, "readonly attribute");
    /* T_OBJECT reads NULL as None; T_OBJECT_EX raises. */
    r = MpObject_GetAttrString(t, "payload");
    assert_ptr_equal(r, Mp_None);
    Mp_DECREF(r);
    assert_null(MpObject_GetAttrString(t, "label"));
    check_exc(MpExc_AttributeError,
              "'mymod.Thing' object has no attribute 'label'");
    assert_int_equal(MpObject_SetAttrString(t, "label", s), 0);
    assert_int_equal(Mp_REFCNT(s), 2);
    r = MpObject_GetAttrString(t, "label");
    assert_ptr_equal(r, s);
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(t, "label", NULL), 0);
    assert_int_equal(Mp_REFCNT(s), 1);
    /* getset */
    assert_int_equal(MpObject_SetAttrString(t, "double", v), 0);
    assert_int_equal(((ThingObject *)t)->count, 21);
    r = MpObject_GetAttrString(t, "double");
    assert_int_equal(MpLong_AsLong(r), 42);
    Mp_DECREF(r);
    /* No instance dict: other attributes cannot be set. */
    assert_int_equal(MpObject_SetAttrString(t, "other", v), -1);
    check_exc(MpExc_AttributeError,
              "'mymod.Thing' object has no attribute 'other'");
    assert_int_equal(MpObject_SetAttrString(t, "bump", v), -1);
    check_exc(MpExc_AttributeError,
              "'mymod.Thing' object attribute 'bump' is read-only");
    Mp_DECREF(t);
    Mp_DECREF(v);
    Mp_DECREF(s);
}

/* ---- Slot wrappers and __new__ ---- */

static void
test_slot_wrappers(void **state)
{
    MpObject *init, *len, *add, *l, *r, *one, *two, *half, *b;
    (void)state;

    init = MpObject_GetAttrString((MpObject *)&MpBaseObject_Type,
                                  "__init__");
    check_repr(init, "<slot wrapper '__init__' of 'object' objects>");
    assert_null(call_type(init, 0));
    check_exc(MpExc_TypeError,
              "descriptor '__init__' of 'object' object needs an argument");
    Mp_DECREF(init);

    l = MpList_New(0);
    one = MpLong_FromLong(1);
    two = MpLong_FromLong(2);
    MpList_Append(l, one);
    MpList_Append(l, two);
    len = MpObject_GetAttrString((MpObject *)&MpList_Type, "__len__");
    r = call_type(len, 1, l);
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    assert_null(call_type(len, 1, one));
    check_exc(MpExc_TypeError, "descriptor '__len__' requires a 'list' "
              "object but received a 'int'");
    Mp_DECREF(len);

    add = MpObject_GetAttrString((MpObject *)&MpLong_Type, "__add__");
    r = call_type(add, 2, one, two);
    assert_int_equal(MpLong_AsLong(r), 3);
    Mp_DECREF(r);
    half = MpFloat_FromDouble(0.5);
    r = call_type(add, 2, one, half);
    assert_ptr_equal(r, Mp_NotImplemented);
    Mp_DECREF(r);
    Mp_DECREF(add);
    /* Bound form: a method-wrapper. */
    b = MpObject_GetAttrString(one, "__add__");
    check_repr_prefix(b, "<method-wrapper '__add__' of int object at 0x");
    r = call_type(b, 1, two);
    assert_int_equal(MpLong_AsLong(r), 3);
    Mp_DECREF(r);
    Mp_DECREF(b);
    /* object's comparison wrappers */
    r = MpObject_CallMethod(one, "__ne__", &two, 1);
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    r = MpObject_CallMethod(one, "__hash__", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), 1);
    Mp_DECREF(r);
    Mp_DECREF(half);
    Mp_DECREF(l);
    Mp_DECREF(one);
    Mp_DECREF(two);
}

static void
test_new_wrapper(void **state)
{
    MpObject *new, *o, *one = MpLong_FromLong(1);
    (void)state;

    new = MpObject_GetAttrString((MpObject *)&MpBaseObject_Type, "__new__");
    assert_non_null(new);
    o = call_type(new, 1, (MpObject *)&MpBaseObject_Type);
    assert_ptr_equal(Mp_TYPE(o), &MpBaseObject_Type);
    Mp_DECREF(o);
    assert_null(call_type(new, 0));
    check_exc(MpExc_TypeError, "object.__new__(): not enough arguments");
    assert_null(call_type(new, 1, one));
    check_exc(MpExc_TypeError,
              "object.__new__(X): X is not a type object (int)");
    assert_null(call_type(new, 1, (MpObject *)&MpLong_Type));
    check_exc(MpExc_TypeError,
              "object.__new__(int) is not safe, use int.__new__()");
    Mp_DECREF(new);
    Mp_DECREF(one);
}

static void
test_type_builtin(void **state)
{
    MpObject *one = MpLong_FromLong(1), *r, *mro;
    (void)state;

    r = call_type((MpObject *)&MpType_Type, 1, one);
    assert_ptr_equal(r, &MpLong_Type);
    Mp_DECREF(r);
    assert_null(call_type((MpObject *)&MpType_Type, 2, one, one));
    check_exc(MpExc_TypeError, "type() takes 1 or 3 arguments");
    check_repr((MpObject *)&MpLong_Type, "<class 'int'>");
    check_repr((MpObject *)&MpType_Type, "<class 'type'>");
    mro = MpObject_GetAttrString((MpObject *)&MpBool_Type, "__mro__");
    check_repr(mro, "(<class 'bool'>, <class 'int'>, <class 'object'>)");
    Mp_DECREF(mro);
    r = MpObject_GetAttrString((MpObject *)&MpLong_Type, "__module__");
    check_str(r, "builtins");
    Mp_DECREF(r);
    assert_true(MpType_IsSubtype(&MpBool_Type, &MpBaseObject_Type));
    assert_false(MpType_IsSubtype(&MpLong_Type, &MpBool_Type));
    assert_int_equal(MpObject_SetAttrString((MpObject *)&MpLong_Type, "x",
                                            one), -1);
    check_exc(MpExc_TypeError,
              "cannot set 'x' attribute of immutable type 'int'");
    assert_null(MpObject_GetAttrString((MpObject *)&MpLong_Type, "nope"));
    check_exc(MpExc_AttributeError, "type object 'int' has no attribute "
              "'nope'");
    Mp_DECREF(one);
}

/* ---- Heap types ---- */

static MpObject *
make_class(const char *name, MpObject *base, MpObject *dict)
{
    MpObject *n = MpUnicode_FromString(name), *bases, *cls;

    bases = base != NULL ? MpTuple_Pack(1, base) : MpTuple_New(0);
    if (MpDict_GetItemString(dict, "__module__") == NULL) {
        MpObject *mod = MpUnicode_FromString("__main__");
        MpDict_SetItemString(dict, "__module__", mod);
        Mp_DECREF(mod);
    }
    cls = call_type((MpObject *)&MpType_Type, 3, n, bases, dict);
    Mp_DECREF(n);
    Mp_DECREF(bases);
    return cls;
}

/* Attributes live in the instance until __dict__ is asked for; then
 * they move to a dict in the order they were set. */
static void
instance_values_round(void)
{
    MpObject *dict = MpDict_New(), *A, *a, *b, *d, *x, *y, *keys;
    MpObject *v = MpLong_FromLong(1000);

    A = make_class("A", NULL, dict);
    assert_non_null(A);
    assert_true(MpType_HasFeature((MpTypeObject *)A,
                                  MP_TPFLAGS_INLINE_VALUES));
    a = MpObject_CallNoArgs(A);
    b = MpObject_CallNoArgs(A);
    assert_int_equal(MpObject_SetAttrString(a, "x", v), 0);
    assert_int_equal(MpObject_SetAttrString(a, "y", v), 0);
    assert_int_equal(MpObject_SetAttrString(b, "y", v), 0);
    assert_int_equal(MpObject_SetAttrString(b, "x", v), 0);
    assert_int_equal(Mp_REFCNT(v), 5);
    /* a kept the class's order and has no dict; b set y first, which
     * only a dict can remember. */
    assert_null(*mp_object_dictptr(a));
    assert_non_null(*mp_object_dictptr(b));
    x = MpObject_GetAttrString(a, "x");
    assert_ptr_equal(x, v);
    Mp_DECREF(x);
    d = MpObject_GetAttrString(a, "__dict__");
    assert_ptr_equal(d, *mp_object_dictptr(a));
    assert_null(*mp_object_valuesptr(a));
    assert_int_equal(Mp_REFCNT(v), 5);
    keys = MpMapping_Keys(d);
    x = MpList_GetItem(keys, 0);
    y = MpList_GetItem(keys, 1);
    assert_string_equal(MpUnicode_AsUTF8(x), "x");
    assert_string_equal(MpUnicode_AsUTF8(y), "y");
    Mp_DECREF(keys);
    keys = MpMapping_Keys(*mp_object_dictptr(b));
    assert_string_equal(MpUnicode_AsUTF8(MpList_GetItem(keys, 0)), "y");
    Mp_DECREF(keys);
    Mp_DECREF(d);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_int_equal(Mp_REFCNT(v), 1);
    Mp_DECREF(A);
    MpGC_Collect();
    Mp_DECREF(dict);
    Mp_DECREF(v);
}

static void
test_instance_values(void **state)
{
    (void)state;
    instance_values_round();     /* teardown checks nothing leaked */
}

/* One round of class use; run twice so that names interned or cached
 * on first use do not count as leaks. */
static void
heap_basics_round(void)
{
    MpObject *dict = MpDict_New(), *A, *a, *v = MpLong_FromLong(3), *r;
    MpObject *one = MpLong_FromLong(1);
    char expected[80];

    A = make_class("A", NULL, dict);
    assert_non_null(A);
    assert_true(MpType_Check(A));
    check_repr(A, "<class '__main__.A'>");
    a = MpObject_CallNoArgs(A);
    assert_non_null(a);
    assert_int_equal(Mp_REFCNT(a), 1);
    snprintf(expected, sizeof(expected), "<__main__.A object at %p>",
             (void *)a);
    check_repr(a, expected);
    /* Instances get a __dict__ and are GC objects with a header. */
    assert_int_equal(MpObject_SetAttrString(a, "x", v), 0);
    r = MpObject_GetAttrString(a, "x");
    assert_ptr_equal(r, v);
    Mp_DECREF(r);
    r = MpObject_GetAttrString(a, "__dict__");
    assert_true(MpDict_Check(r));
    assert_int_equal(MpDict_Size(r), 1);
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(a, "x", NULL), 0);
    assert_null(MpObject_GetAttrString(a, "x"));
    check_exc(MpExc_AttributeError, "'A' object has no attribute 'x'");
    /* GC header, object header, the __dict__ and inline values slots. */
    assert_int_equal(MpObject_GetSizeOf(a), 16 + 16 + 8 + 8);
    /* Class attributes are seen from instances. */
    assert_int_equal(MpObject_SetAttrString(A, "k", v), 0);
    r = MpObject_GetAttrString(a, "k");
    assert_ptr_equal(r, v);
    Mp_DECREF(r);
    assert_null(MpObject_CallOneArg(A, one));
    check_exc(MpExc_TypeError, "A() takes no arguments");
    r = MpObject_CallMethod(a, "__init__", &one, 1);
    assert_null(r);
    check_exc(MpExc_TypeError, "A.__init__() takes exactly one argument "
              "(the instance to initialize)");
    Mp_DECREF(a);
    Mp_DECREF(A);
    Mp_DECREF(dict);
    Mp_DECREF(v);
    Mp_DECREF(one);
    /* The class lives in a cycle (A -> __mro__ -> A): the collector
     * frees it. */
    MpGC_Collect();
}

static void
test_heap_type_basics(void **state)
{
    Mp_ssize_t live;
    (void)state;

    heap_basics_round();
    live = Mp_GetLiveObjects();
    heap_basics_round();
    assert_int_equal(Mp_GetLiveObjects(), live);
}

static void
test_heap_type_errors(void **state)
{
    MpObject *dict = MpDict_New(), *name = MpUnicode_FromString("X");
    MpObject *bases, *one = MpLong_FromLong(1);
    (void)state;

    assert_null(make_class("X", (MpObject *)&MpBool_Type, dict));
    check_exc(MpExc_TypeError, "type 'bool' is not an acceptable base type");
    bases = MpTuple_Pack(2, (MpObject *)&MpLong_Type,
                         (MpObject *)&MpList_Type);
    assert_null(call_type((MpObject *)&MpType_Type, 3, name, bases, dict));
    check_exc(MpExc_TypeError, "multiple bases are not supported");
    assert_null(call_type((MpObject *)&MpType_Type, 3, name, one, dict));
    check_exc(MpExc_TypeError,
              "type.__new__() argument 2 must be tuple, not int");
    assert_null(call_type((MpObject *)&MpType_Type, 3, name, bases, one));
    check_exc(MpExc_TypeError,
              "type.__new__() argument 3 must be dict, not int");
    Mp_DECREF(bases);
    Mp_DECREF(name);
    Mp_DECREF(dict);
    Mp_DECREF(one);
}

static int calls;

static MpObject *
c_repr(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    calls++;
    if (nargs != 0)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    return MpUnicode_FromString("<custom>");
}

static MpObject *
c_len(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return MpLong_FromLong(42);
}

static MpObject *
c_eq(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    Mp_RETURN_TRUE;
}

static MpObject *
c_add(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    if (nargs != 1)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    return MpNumber_Add(args[0], args[0]);
}

static MpObject *
c_getattr(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    if (nargs != 1)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    return MpUnicode_Concat(args[0], args[0]);
}

static MpObject *
c_del(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    calls += 100;
    Mp_RETURN_NONE;
}

static MpObject *
c_init_bad(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return MpLong_FromLong(5);
}

static void
set_cfunc(MpObject *dict, const char *name, MpCFunctionFast fn)
{
    MpObject *f = MpCFunction_New(name, fn, MP_METH_FASTCALL);
    assert_non_null(f);
    assert_int_equal(MpDict_SetItemString(dict, name, f), 0);
    Mp_DECREF(f);
}

static void
test_heap_type_slots(void **state)
{
    MpObject *dict = MpDict_New(), *A, *a, *b, *r, *seven, *attr;
    (void)state;

    calls = 0;
    set_cfunc(dict, "__repr__", c_repr);
    set_cfunc(dict, "__eq__", c_eq);
    set_cfunc(dict, "__add__", c_add);
    set_cfunc(dict, "__getattr__", c_getattr);
    A = make_class("A", NULL, dict);
    assert_non_null(A);
    a = MpObject_CallNoArgs(A);
    b = MpObject_CallNoArgs(A);
    /* A plain builtin function is not bound: called without self. */
    check_repr(a, "<custom>");
    assert_int_equal(calls, 1);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), 1);
    /* __eq__ without __hash__: unhashable. */
    assert_int_equal(MpObject_Hash(a), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'A'");
    seven = MpLong_FromLong(7);
    r = MpNumber_Add(a, seven);
    assert_int_equal(MpLong_AsLong(r), 14);
    Mp_DECREF(r);
    /* __getattr__ runs only when normal lookup fails. */
    attr = MpObject_GetAttrString(a, "ab");
    check_str(attr, "abab");
    Mp_DECREF(attr);
    assert_int_equal(MpObject_SetAttrString(a, "ab", seven), 0);
    attr = MpObject_GetAttrString(a, "ab");
    assert_ptr_equal(attr, seven);
    Mp_DECREF(attr);
    /* Setting a dunder on the class updates its slot. */
    assert_int_equal(MpObject_Length(a), -1);
    check_exc(MpExc_TypeError, "object of type 'A' has no len()");
    attr = MpCFunction_New("__len__", c_len, MP_METH_FASTCALL);
    assert_int_equal(MpObject_SetAttrString(A, "__len__", attr), 0);
    Mp_DECREF(attr);
    assert_int_equal(MpObject_Length(a), 42);
    assert_int_equal(MpObject_IsTrue(a), 1);
    Mp_DECREF(seven);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(A);
    Mp_DECREF(dict);
    MpGC_Collect();
}

static MpObject *
c_init_ok(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    Mp_RETURN_NONE;
}

/* object.__init__ and object.__new__ reject extra arguments in the
 * ways CPython words them. */
static void
test_object_init_messages(void **state)
{
    MpObject *dict = MpDict_New(), *A, *a, *init, *new, *one;
    (void)state;

    one = MpLong_FromLong(1);
    set_cfunc(dict, "__init__", c_init_ok);
    A = make_class("A", NULL, dict);
    a = MpObject_CallOneArg(A, one);
    assert_non_null(a);
    init = MpObject_GetAttrString((MpObject *)&MpBaseObject_Type,
                                  "__init__");
    assert_null(call_type(init, 2, a, one));
    check_exc(MpExc_TypeError, "object.__init__() takes exactly one "
              "argument (the instance to initialize)");
    new = MpObject_GetAttrString((MpObject *)&MpBaseObject_Type, "__new__");
    /* A defines __init__, so object.__new__ accepts the arguments. */
    Mp_DECREF(a);
    a = call_type(new, 2, A, one);
    assert_non_null(a);
    assert_ptr_equal(Mp_TYPE(a), A);
    Mp_DECREF(a);
    Mp_DECREF(new);
    Mp_DECREF(init);
    Mp_DECREF(A);
    Mp_DECREF(dict);
    Mp_DECREF(one);
    MpGC_Collect();
}

static void
test_heap_type_init_and_del(void **state)
{
    MpObject *dict = MpDict_New(), *A, *a;
    (void)state;

    calls = 0;
    set_cfunc(dict, "__init__", c_init_bad);
    set_cfunc(dict, "__del__", c_del);
    A = make_class("A", NULL, dict);
    assert_null(MpObject_CallNoArgs(A));
    check_exc(MpExc_TypeError, "__init__() should return None, not 'int'");
    /* The half-made instance was freed and its __del__ ran. */
    assert_int_equal(calls, 100);
    /* Deleting __init__ from the class puts object's back in the slot. */
    assert_int_equal(MpObject_SetAttrString(A, "__init__", NULL), 0);
    a = MpObject_CallNoArgs(A);
    assert_non_null(a);
    Mp_DECREF(a);
    assert_int_equal(calls, 200);
    Mp_DECREF(A);
    Mp_DECREF(dict);
    MpGC_Collect();
}

static void
subclass_list_round(void)
{
    MpObject *dict = MpDict_New(), *L, *l, *one = MpLong_FromLong(1), *r;

    L = make_class("L", (MpObject *)&MpList_Type, dict);
    assert_non_null(L);
    l = MpObject_CallNoArgs(L);
    assert_non_null(l);
    assert_true(MpList_Check(l));
    assert_false(MpList_CheckExact(l));
    assert_int_equal(MpList_Append(l, one), 0);
    assert_int_equal(MpObject_Length(l), 1);
    check_repr(l, "[1]");
    r = MpObject_CallMethod(l, "__len__", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), 1);
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(l, "tag", one), 0);
    /* A cycle through the instance dict. */
    assert_int_equal(MpObject_SetAttrString(l, "me", l), 0);
    Mp_DECREF(l);
    Mp_DECREF(L);
    Mp_DECREF(dict);
    Mp_DECREF(one);
    MpGC_Collect();
}

static void
test_subclass_list(void **state)
{
    Mp_ssize_t live;
    (void)state;

    subclass_list_round();
    live = Mp_GetLiveObjects();
    subclass_list_round();
    assert_int_equal(Mp_GetLiveObjects(), live);
}

static void
test_subclass_static_thing(void **state)
{
    MpObject *dict = MpDict_New(), *S, *s, *r, *sub;
    (void)state;

    assert_int_equal(MpType_Ready(&Thing_Type), 0);
    S = make_class("S", (MpObject *)&Thing_Type, dict);
    assert_non_null(S);
    s = MpObject_CallNoArgs(S);
    r = MpObject_CallMethod(s, "bump", NULL, 0);
    assert_int_equal(MpLong_AsLong(r), 1);
    Mp_DECREF(r);
    r = MpObject_CallMethod(s, "kind", NULL, 0);
    check_str(r, "S");
    Mp_DECREF(r);
    sub = MpObject_GetAttrString(S, "__base__");
    assert_ptr_equal(sub, &Thing_Type);
    Mp_DECREF(sub);
    assert_true(MpObject_TypeCheck(s, &Thing_Type));
    Mp_DECREF(s);
    Mp_DECREF(S);
    Mp_DECREF(dict);
    MpGC_Collect();
}

static void
test_subclass_sees_base_changes(void **state)
{
    MpObject *dA = MpDict_New(), *dB = MpDict_New(), *A, *B, *b, *r;
    MpObject *one = MpLong_FromLong(1), *two = MpLong_FromLong(2);
    (void)state;

    MpDict_SetItemString(dA, "k", one);
    A = make_class("A", NULL, dA);
    B = make_class("B", A, dB);
    b = MpObject_CallNoArgs(B);
    r = MpObject_GetAttrString(b, "k");
    assert_ptr_equal(r, one);
    Mp_DECREF(r);
    /* Looked up (and cached) through B; changed on A. */
    assert_int_equal(MpObject_SetAttrString(A, "k", two), 0);
    r = MpObject_GetAttrString(b, "k");
    assert_ptr_equal(r, two);
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(A, "k", NULL), 0);
    assert_null(MpObject_GetAttrString(b, "k"));
    check_exc(MpExc_AttributeError, "'B' object has no attribute 'k'");
    assert_int_equal(MpObject_SetAttrString(A, "k", NULL), -1);
    check_exc(MpExc_AttributeError, "type object 'A' has no attribute 'k'");
    /* A new attribute on the base appears in the subclass. */
    assert_int_equal(MpObject_SetAttrString(A, "fresh", one), 0);
    r = MpObject_GetAttrString(B, "fresh");
    assert_ptr_equal(r, one);
    Mp_DECREF(r);
    r = MpObject_GetAttrString(B, "__mro__");
    assert_int_equal(MpTuple_Size(r), 3);
    Mp_DECREF(r);
    /* A dunder set on the base reaches the subclass's slot. */
    r = MpCFunction_New("__repr__", c_repr, MP_METH_FASTCALL);
    assert_int_equal(MpObject_SetAttrString(A, "__repr__", r), 0);
    Mp_DECREF(r);
    check_repr(b, "<custom>");
    r = MpCFunction_New("__len__", c_len, MP_METH_FASTCALL);
    assert_int_equal(MpObject_SetAttrString(A, "__len__", r), 0);
    Mp_DECREF(r);
    assert_int_equal(MpObject_Length(b), 42);
    assert_int_equal(MpObject_SetAttrString(A, "__len__", NULL), 0);
    assert_int_equal(MpObject_Length(b), -1);
    check_exc(MpExc_TypeError, "object of type 'B' has no len()");
    Mp_DECREF(b);
    Mp_DECREF(B);
    Mp_DECREF(A);
    Mp_DECREF(dA);
    Mp_DECREF(dB);
    Mp_DECREF(one);
    Mp_DECREF(two);
    MpGC_Collect();
}

static MpObject *
c_identity(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    if (nargs < 1)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    return Mp_NewRef(args[0]);
}

static MpObject *
c_minus_one(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return MpLong_FromLong(-1);
}

static MpObject *
c_raise(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    calls++;
    MpErr_SetString(MpExc_ValueError, "from __del__");
    return NULL;
}

/* Dunder methods as plain builtin functions: they are not bound, so
 * each receives only the explicit arguments of the slot call. */
static void
test_heap_type_more_slots(void **state)
{
    MpObject *dict = MpDict_New(), *A, *a, *r, *seven = MpLong_FromLong(7);
    (void)state;

    set_cfunc(dict, "__getitem__", c_identity);
    set_cfunc(dict, "__contains__", c_identity);
    set_cfunc(dict, "__call__", c_identity);
    set_cfunc(dict, "__bool__", c_len);
    set_cfunc(dict, "__len__", c_minus_one);
    set_cfunc(dict, "__hash__", c_repr);
    A = make_class("A", NULL, dict);
    a = MpObject_CallNoArgs(A);
    r = MpObject_GetItem(a, seven);
    assert_ptr_equal(r, seven);
    Mp_DECREF(r);
    assert_int_equal(MpSequence_Contains(a, seven), 1);
    r = MpObject_CallOneArg(a, seven);
    assert_ptr_equal(r, seven);
    Mp_DECREF(r);
    assert_int_equal(MpObject_IsTrue(a), -1);
    check_exc(MpExc_TypeError, "__bool__ should return bool, returned int");
    assert_int_equal(MpObject_Length(a), -1);
    check_exc(MpExc_ValueError, "__len__() should return >= 0");
    assert_int_equal(MpObject_Hash(a), -1);
    check_exc(MpExc_TypeError, "__hash__ method should return an integer");
    Mp_DECREF(a);
    Mp_DECREF(A);
    Mp_DECREF(dict);
    Mp_DECREF(seven);
    MpGC_Collect();
}

static void
test_del_error_is_unraisable(void **state)
{
    MpObject *dict = MpDict_New(), *A, *a;
    Mp_ssize_t live;
    (void)state;

    set_cfunc(dict, "__del__", c_raise);
    A = make_class("A", NULL, dict);
    a = MpObject_CallNoArgs(A);
    live = Mp_GetLiveObjects();
    calls = 0;
    /* "Exception ignored in: <built-in function __del__>" on stderr. */
    Mp_DECREF(a);
    assert_int_equal(calls, 1);
    assert_null(MpErr_Occurred());
    assert_int_equal(Mp_GetLiveObjects(), live - 1);
    Mp_DECREF(A);
    Mp_DECREF(dict);
    MpGC_Collect();
}

static MpObject *
c_get(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    if (nargs != 2)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    /* (instance or None, owner class) */
    return MpTuple_Pack(2, args[0], args[1]);
}

static MpObject *
c_set(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    if (nargs != 2)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    calls++;
    Mp_RETURN_NONE;
}

/* A class with __get__ (and __set__) used as a class attribute. */
static void
test_heap_type_descriptor(void **state)
{
    MpObject *dD = MpDict_New(), *dA = MpDict_New(), *D, *d, *A, *a, *r;
    MpObject *one = MpLong_FromLong(1);
    (void)state;

    set_cfunc(dD, "__get__", c_get);
    D = make_class("D", NULL, dD);
    d = MpObject_CallNoArgs(D);
    MpDict_SetItemString(dA, "attr", d);
    A = make_class("A", NULL, dA);
    a = MpObject_CallNoArgs(A);
    r = MpObject_GetAttrString(a, "attr");
    assert_true(MpTuple_Check(r));
    assert_ptr_equal(MpTuple_GetItem(r, 0), a);
    assert_ptr_equal(MpTuple_GetItem(r, 1), A);
    Mp_DECREF(r);
    r = MpObject_GetAttrString(A, "attr");
    assert_ptr_equal(MpTuple_GetItem(r, 0), Mp_None);
    Mp_DECREF(r);
    /* Non-data descriptor: the instance dict wins once set. */
    assert_int_equal(MpObject_SetAttrString(a, "attr", one), 0);
    r = MpObject_GetAttrString(a, "attr");
    assert_ptr_equal(r, one);
    Mp_DECREF(r);
    /* Adding __set__ to D makes it a data descriptor. */
    r = MpCFunction_New("__set__", c_set, MP_METH_FASTCALL);
    assert_int_equal(MpObject_SetAttrString(D, "__set__", r), 0);
    Mp_DECREF(r);
    calls = 0;
    assert_int_equal(MpObject_SetAttrString(a, "attr", one), 0);
    assert_int_equal(calls, 1);
    r = MpObject_GetAttrString(a, "attr");
    assert_true(MpTuple_Check(r));
    Mp_DECREF(r);
    Mp_DECREF(a);
    Mp_DECREF(A);
    Mp_DECREF(d);
    Mp_DECREF(D);
    Mp_DECREF(dA);
    Mp_DECREF(dD);
    Mp_DECREF(one);
    MpGC_Collect();
}

/* ---- property, staticmethod, classmethod ---- */

static MpObject *
c_getter(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    if (nargs != 1)
        return MpErr_Format(MpExc_TypeError, "got %zd", nargs);
    return MpUnicode_FromString("got it");
}

static void
test_property(void **state)
{
    MpObject *dict = MpDict_New(), *A, *a, *getter, *prop, *r;
    (void)state;

    getter = MpCFunction_New("g", c_getter, MP_METH_FASTCALL);
    prop = MpObject_CallOneArg((MpObject *)&MpProperty_Type, getter);
    assert_non_null(prop);
    MpDict_SetItemString(dict, "p", prop);
    A = make_class("A", NULL, dict);
    a = MpObject_CallNoArgs(A);
    r = MpObject_GetAttrString(a, "p");
    check_str(r, "got it");
    Mp_DECREF(r);
    assert_int_equal(MpObject_SetAttrString(a, "p", a), -1);
    check_exc(MpExc_AttributeError,
              "property 'p' of 'A' object has no setter");
    assert_int_equal(MpObject_SetAttrString(a, "p", NULL), -1);
    check_exc(MpExc_AttributeError,
              "property 'p' of 'A' object has no deleter");
    r = MpObject_GetAttrString(A, "p");
    assert_ptr_equal(r, prop);
    Mp_DECREF(r);
    r = MpObject_CallMethod(prop, "setter", &getter, 1);
    assert_non_null(r);
    assert_true(MpObject_TypeCheck(r, &MpProperty_Type));
    Mp_DECREF(r);
    Mp_DECREF(a);
    Mp_DECREF(A);
    Mp_DECREF(prop);
    Mp_DECREF(getter);
    Mp_DECREF(dict);
    MpGC_Collect();
}

static void
test_staticmethod(void **state)
{
    MpObject *getter, *sm, *r, *one = MpLong_FromLong(1);
    (void)state;

    getter = MpCFunction_New("g", c_getter, MP_METH_FASTCALL);
    sm = MpObject_CallOneArg((MpObject *)&MpStaticMethod_Type, getter);
    check_repr(sm, "<staticmethod(<built-in function g>)>");
    r = Mp_TYPE(sm)->tp_descr_get(sm, one, (MpObject *)&MpLong_Type);
    assert_ptr_equal(r, getter);
    Mp_DECREF(r);
    r = MpObject_CallOneArg(sm, one);
    check_str(r, "got it");
    Mp_DECREF(r);
    assert_null(MpObject_CallNoArgs((MpObject *)&MpStaticMethod_Type));
    check_exc(MpExc_TypeError, "staticmethod expected 1 argument, got 0");
    Mp_DECREF(sm);
    Mp_DECREF(getter);
    Mp_DECREF(one);
}

/* ---- Builtin functions and calls ---- */

static MpObject *
c_null(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return NULL;
}

static MpObject *
c_noargs(MpObject *self, MpObject *unused)
{
    (void)self;
    (void)unused;
    Mp_RETURN_NONE;
}

static MpMethodDef noargs_def = {"f", c_noargs, MP_METH_NOARGS, NULL};

static void
test_cfunction(void **state)
{
    MpObject *f, *g, *one = MpLong_FromLong(1), *kw, *args[2], *r;
    (void)state;

    f = MpCFunction_New("bad", c_null, MP_METH_FASTCALL);
    check_repr(f, "<built-in function bad>");
    r = MpObject_GetAttrString(f, "__name__");
    check_str(r, "bad");
    Mp_DECREF(r);
    assert_null(MpObject_CallNoArgs(f));
    check_exc(MpExc_SystemError, "<built-in function bad> returned NULL "
              "without setting an exception");
    g = MpCFunction_NewEx(&noargs_def, NULL, NULL);
    assert_null(MpObject_CallOneArg(g, one));
    check_exc(MpExc_TypeError, "f() takes no arguments (1 given)");
    kw = MpTuple_Pack(1, MpUnicode_InternFromString("x"));
    Mp_DECREF(MpTuple_GetItem(kw, 0));
    args[0] = one;
    assert_null(MpObject_Vectorcall(g, args, 0, kw));
    check_exc(MpExc_TypeError, "f() takes no keyword arguments");
    r = MpObject_CallNoArgs(g);
    assert_ptr_equal(r, Mp_None);
    Mp_DECREF(r);
    assert_null(MpObject_CallNoArgs(one));
    check_exc(MpExc_TypeError, "'int' object is not callable");
    assert_true(MpCallable_Check(f));
    assert_false(MpCallable_Check(one));
    Mp_DECREF(kw);
    Mp_DECREF(f);
    Mp_DECREF(g);
    Mp_DECREF(one);
}

static void
test_list_method_messages(void **state)
{
    MpObject *l = MpList_New(0), *one = MpLong_FromLong(1), *r, *m, *args[2];
    (void)state;

    assert_null(MpObject_CallMethod(l, "append", NULL, 0));
    check_exc(MpExc_TypeError,
              "list.append() takes exactly one argument (0 given)");
    args[0] = one;
    args[1] = one;
    assert_null(MpObject_CallMethod(l, "append", args, 2));
    check_exc(MpExc_TypeError,
              "list.append() takes exactly one argument (2 given)");
    m = MpObject_GetAttrString((MpObject *)&MpList_Type, "append");
    check_repr(m, "<method 'append' of 'list' objects>");
    assert_null(MpObject_Vectorcall(m, args, 2, NULL));
    check_exc(MpExc_TypeError, "descriptor 'append' for 'list' objects "
              "doesn't apply to a 'int' object");
    Mp_DECREF(m);
    m = MpObject_GetAttrString(l, "append");
    r = MpObject_GetAttrString(m, "__self__");
    assert_ptr_equal(r, l);
    Mp_DECREF(r);
    r = MpObject_GetAttrString(m, "__qualname__");
    check_str(r, "list.append");
    Mp_DECREF(r);
    Mp_DECREF(m);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

static void
test_check_positional(void **state)
{
    (void)state;
    assert_int_equal(MpArg_CheckPositional("f", 1, 1, 2), 0);
    assert_int_equal(MpArg_CheckPositional("f", 0, 1, 2), -1);
    check_exc(MpExc_TypeError, "f expected at least 1 argument, got 0");
    assert_int_equal(MpArg_CheckPositional("f", 3, 1, 2), -1);
    check_exc(MpExc_TypeError, "f expected at most 2 arguments, got 3");
    assert_int_equal(MpArg_CheckPositional("f", 2, 1, 1), -1);
    check_exc(MpExc_TypeError, "f expected 1 argument, got 2");
    assert_int_equal(MpArg_NoKwnames("f", NULL), 0);
}

/* ---- Allocation failures ---- */

static long fail_countdown;

static int
fail_kth(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return fail_countdown-- == 0;
}

/* type("name", (), dict) with every error reported. */
static MpObject *
make_class_strict(const char *name, MpObject *dict)
{
    MpObject *args[3], *cls = NULL;

    args[0] = MpUnicode_FromString(name);
    args[1] = MpTuple_New(0);
    args[2] = dict;
    if (args[0] != NULL && args[1] != NULL)
        cls = MpObject_Vectorcall((MpObject *)&MpType_Type, args, 3, NULL);
    Mp_XDECREF(args[0]);
    Mp_XDECREF(args[1]);
    return cls;
}

/* Make a class with a method-bearing dict, an instance and a bound
 * method.  0 on success, -1 with an exception. */
static int
oom_scenario(void)
{
    MpObject *dict, *A = NULL, *a = NULL, *f = NULL, *m = NULL;
    int res = -1;

    dict = MpDict_New();
    if (dict == NULL)
        return -1;
    f = MpCFunction_New("__len__", c_len, MP_METH_FASTCALL);
    if (f == NULL || MpDict_SetItemString(dict, "__len__", f) < 0)
        goto done;
    A = make_class_strict("A", dict);
    if (A == NULL)
        goto done;
    a = MpObject_CallNoArgs(A);
    if (a == NULL)
        goto done;
    m = MpObject_GetAttrString(a, "__sizeof__");
    if (m == NULL || MpObject_Length(a) < 0)
        goto done;
    /* Inline values, then their move to a __dict__. */
    if (MpObject_SetAttrString(a, "x", f) < 0
        || MpObject_SetAttrString(a, "y", f) < 0)
        goto done;
    Mp_SETREF(m, MpObject_GetAttrString(a, "__dict__"));
    if (m == NULL || MpObject_SetAttrString(a, "z", f) < 0)
        goto done;
    res = 0;
done:
    Mp_XDECREF(m);
    Mp_XDECREF(a);
    Mp_XDECREF(A);
    Mp_XDECREF(f);
    Mp_DECREF(dict);
    return res;
}

/* Fail the k-th allocation of the scenario for every k: each run must
 * fail with MemoryError (no failure is swallowed) and leak nothing,
 * until k passes the number of allocations the scenario makes. */
static void
test_type_new_nomemory(void **state)
{
    Mp_ssize_t live;
    long k, nallocs;
    int res;
    (void)state;

    assert_int_equal(oom_scenario(), 0);
    MpGC_Collect();
    live = Mp_GetLiveObjects();
    /* Count the allocations of one successful run. */
    MpGC_Disable();
    fail_countdown = 1000000;
    MpAlloc_SetFailHook(fail_kth, NULL);
    res = oom_scenario();
    MpAlloc_SetFailHook(NULL, NULL);
    MpGC_Enable();
    assert_int_equal(res, 0);
    nallocs = 1000000 - fail_countdown;
    assert_true(nallocs > 20);
    MpGC_Collect();
    for (k = 0; k <= nallocs; k++) {
        MpGC_Disable();
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        res = oom_scenario();
        MpAlloc_SetFailHook(NULL, NULL);
        MpGC_Enable();
        if (k < nallocs) {
            assert_int_equal(res, -1);
            mp_assert_raised(MpExc_MemoryError);
        }
        else
            assert_int_equal(res, 0);
        MpGC_Collect();
        assert_int_equal(Mp_GetLiveObjects(), live);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_static_type_ready),
        MP_TEST(test_static_type_methods),
        MP_TEST(test_static_type_members),
        MP_TEST(test_slot_wrappers),
        MP_TEST(test_new_wrapper),
        MP_TEST(test_type_builtin),
        MP_TEST(test_heap_type_basics),
        MP_TEST(test_instance_values),
        MP_TEST(test_heap_type_errors),
        MP_TEST(test_heap_type_slots),
        MP_TEST(test_heap_type_init_and_del),
        MP_TEST(test_object_init_messages),
        MP_TEST(test_subclass_list),
        MP_TEST(test_subclass_static_thing),
        MP_TEST(test_subclass_sees_base_changes),
        MP_TEST(test_heap_type_more_slots),
        MP_TEST(test_del_error_is_unraisable),
        MP_TEST(test_heap_type_descriptor),
        MP_TEST(test_property),
        MP_TEST(test_staticmethod),
        MP_TEST(test_cfunction),
        MP_TEST(test_list_method_messages),
        MP_TEST(test_check_positional),
        MP_TEST(test_type_new_nomemory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
