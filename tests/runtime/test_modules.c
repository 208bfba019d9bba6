/*
 * tests/runtime/test_modules.c -- the sys, gc and time modules, called
 * from C the way Python code calls them: attribute lookup on the module,
 * then MpObject_Call with real arguments.
 *
 * Expected values and messages are CPython 3.11's (checked with python3:
 * sys.getsizeof([]) == 56, sys.getsizeof(0) == 28, sys.getsizeof('') ==
 * 49, sys.hash_info's repr, the argument-error wordings, ...).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "support/harness.h"
#include "runtime/builtins.h"
#include "runtime/import.h"
#include "runtime/moduleobject.h"

/* ---- Helpers ---- */

/* The module types must be ready even when no interpreter is set up. */
static void
ready_module_type(void)
{
    assert_int_equal(mp_moduleobject_init(), 0);
}

static MpObject *
make_module(MpObject *(*create)(void))
{
    MpObject *m;

    ready_module_type();
    m = create();
    assert_non_null(m);
    return m;
}

/* A tuple of the n arguments, each a New reference that is stolen. */
static MpObject *
pack(int n, ...)
{
    MpObject *t = MpTuple_New(n);
    va_list va;
    int i;

    assert_non_null(t);
    va_start(va, n);
    for (i = 0; i < n; i++) {
        MpObject *o = va_arg(va, MpObject *);
        assert_non_null(o);
        MpTuple_SetItem(t, i, o);
    }
    va_end(va);
    return t;
}

/* {key: value} with value stolen. */
static MpObject *
kw(const char *key, MpObject *value)
{
    MpObject *d = MpDict_New();

    assert_non_null(d);
    assert_non_null(value);
    assert_int_equal(MpDict_SetItemString(d, key, value), 0);
    Mp_DECREF(value);
    return d;
}

/* module.name(*args, **kwargs), with args and kwargs (may be NULL)
 * stolen.  New, or NULL with the exception set. */
static MpObject *
call(MpObject *module, const char *name, MpObject *args, MpObject *kwargs)
{
    MpObject *f = MpObject_GetAttrString(module, name), *r;

    assert_non_null(f);
    if (args == NULL)
        args = MpTuple_New(0);
    r = MpObject_Call(f, args, kwargs);
    Mp_DECREF(f);
    Mp_DECREF(args);
    Mp_XDECREF(kwargs);
    return r;
}

static MpObject *
i(long v)
{
    return MpLong_FromLong(v);
}

static MpObject *
s(const char *v)
{
    return MpUnicode_FromString(v);
}

static MpObject *
f(double v)
{
    return MpFloat_FromDouble(v);
}

/* Assert that an exception of 'type' with str() 'message' is set, and
 * clear it. */
static void
assert_error(MpObject *type, const char *message)
{
    MpObject *exc = MpErr_GetRaisedException(), *text;

    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, type));
    text = MpObject_Str(exc);
    assert_non_null(text);
    assert_string_equal(MpUnicode_AsUTF8(text), message);
    Mp_DECREF(text);
    Mp_DECREF(exc);
}

/* The call fails with 'type' and 'message'. */
static void
call_fails(MpObject *module, const char *name, MpObject *args,
           MpObject *kwargs, MpObject *type, const char *message)
{
    MpObject *r = call(module, name, args, kwargs);

    if (r != NULL)
        fail_msg("%s() returned instead of raising %s", name, message);
    assert_error(type, message);
}

/* Assert that 'o' (stolen) is an int equal to v. */
static void
assert_int_obj(MpObject *o, long v)
{
    assert_non_null(o);
    assert_true(MpLong_Check(o));
    assert_int_equal(MpLong_AsLong(o), v);
    Mp_DECREF(o);
}

/* Assert that repr(o) is 'expected'; o is stolen. */
static void
assert_repr(MpObject *o, const char *expected)
{
    MpObject *r;

    assert_non_null(o);
    r = MpObject_Repr(o);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
    Mp_DECREF(o);
}

static void
assert_none(MpObject *o)
{
    assert_non_null(o);
    assert_ptr_equal(o, Mp_None);
    Mp_DECREF(o);
}

/* ---- sys ---- */

static void
test_sys_getrefcount(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);
    MpObject *list = MpList_New(0), *f, *r, *argv[1];

    (void)state;
    /* Our reference and the argument tuple's, as CPython's
     * sys.getrefcount(x) for a fresh list in a variable gives 2. */
    Mp_INCREF(list);
    assert_int_obj(call(sys, "getrefcount", pack(1, list), NULL), 2);
    f = MpObject_GetAttrString(sys, "getrefcount");
    argv[0] = list;
    /* A bare C array holds no reference: only ours is counted. */
    r = MpObject_Vectorcall(f, argv, 1, NULL);
    assert_int_obj(r, 1);
    /* One more holder, one more count. */
    r = MpTuple_Pack(1, list);
    assert_int_obj(MpObject_Vectorcall(f, argv, 1, NULL), 2);
    Mp_DECREF(r);
    Mp_DECREF(f);
    Mp_DECREF(list);
    call_fails(sys, "getrefcount", NULL, NULL, MpExc_TypeError,
               "sys.getrefcount() takes exactly one argument (0 given)");
    call_fails(sys, "getrefcount", pack(2, i(1), i(2)), NULL,
               MpExc_TypeError,
               "sys.getrefcount() takes exactly one argument (2 given)");
    call_fails(sys, "getrefcount", pack(1, i(1)), kw("x", i(1)),
               MpExc_TypeError,
               "sys.getrefcount() takes no keyword arguments");
    Mp_DECREF(sys);
}

static void
test_sys_getsizeof(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);

    (void)state;
    assert_int_obj(call(sys, "getsizeof", pack(1, MpList_New(0)), NULL), 56);
    assert_int_obj(call(sys, "getsizeof", pack(1, i(0)), NULL), 28);
    assert_int_obj(call(sys, "getsizeof", pack(1, s("")), NULL), 49);
    assert_int_obj(call(sys, "getsizeof", pack(1, MpTuple_New(0)), NULL),
                   40);
    assert_int_obj(call(sys, "getsizeof", pack(1, i(1)),
                        kw("default", i(3))), 28);
    assert_int_obj(call(sys, "getsizeof", NULL, kw("object", f(1.0))), 24);
    call_fails(sys, "getsizeof", NULL, NULL, MpExc_TypeError,
               "getsizeof() missing required argument 'object' (pos 1)");
    call_fails(sys, "getsizeof", NULL, kw("default", i(2)), MpExc_TypeError,
               "getsizeof() missing required argument 'object' (pos 1)");
    call_fails(sys, "getsizeof", pack(3, i(1), i(2), i(3)), NULL,
               MpExc_TypeError,
               "getsizeof() takes at most 2 arguments (3 given)");
    call_fails(sys, "getsizeof", pack(1, i(1)), kw("d", i(1)),
               MpExc_TypeError,
               "'d' is an invalid keyword argument for getsizeof()");
    call_fails(sys, "getsizeof", pack(1, i(1)), kw("object", i(2)),
               MpExc_TypeError, "argument for getsizeof() given by name "
               "('object') and position (1)");
    Mp_DECREF(sys);
}

static void
test_sys_intern(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);
    MpObject *a = s("not an identifier!"), *b = s("not an identifier!");
    MpObject *ra, *rb;

    (void)state;
    assert_ptr_not_equal(a, b);
    ra = call(sys, "intern", pack(1, Mp_NewRef(a)), NULL);
    rb = call(sys, "intern", pack(1, Mp_NewRef(b)), NULL);
    assert_non_null(ra);
    assert_ptr_equal(ra, rb);
    assert_true(MpUnicode_IsInterned(ra));
    Mp_DECREF(ra);
    Mp_DECREF(rb);
    Mp_DECREF(a);
    Mp_DECREF(b);
    call_fails(sys, "intern", pack(1, i(5)), NULL, MpExc_TypeError,
               "intern() argument must be str, not int");
    call_fails(sys, "intern", NULL, NULL, MpExc_TypeError,
               "sys.intern() takes exactly one argument (0 given)");
    call_fails(sys, "intern", NULL, kw("x", s("a")), MpExc_TypeError,
               "sys.intern() takes no keyword arguments");
    /* ("can't intern S" for a str subclass is unreachable: minipy's str
     * cannot be subclassed.) */
    Mp_DECREF(sys);
}

static void
test_sys_recursionlimit(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);

    (void)state;
    assert_int_obj(call(sys, "getrecursionlimit", NULL, NULL), 1000);
    assert_none(call(sys, "setrecursionlimit", pack(1, i(50)), NULL));
    assert_int_obj(call(sys, "getrecursionlimit", NULL, NULL), 50);
    assert_int_equal(Mp_GetRecursionLimit(), 50);
    call_fails(sys, "setrecursionlimit", pack(1, f(1.5)), NULL,
               MpExc_TypeError,
               "'float' object cannot be interpreted as an integer");
    call_fails(sys, "setrecursionlimit", pack(1, s("a")), NULL,
               MpExc_TypeError,
               "'str' object cannot be interpreted as an integer");
    call_fails(sys, "setrecursionlimit",
               pack(1, MpLong_FromLongLong(1LL << 40)), NULL,
               MpExc_OverflowError,
               "Python int too large to convert to C int");
    call_fails(sys, "setrecursionlimit",
               pack(1, MpLong_FromString("1" "000000000000000000000000",
                                         NULL, 10)), NULL,
               MpExc_OverflowError,
               "Python int too large to convert to C int");
    call_fails(sys, "setrecursionlimit", pack(1, i(0)), NULL,
               MpExc_ValueError,
               "recursion limit must be greater or equal than 1");
    call_fails(sys, "setrecursionlimit", pack(1, i(-5)), NULL,
               MpExc_ValueError,
               "recursion limit must be greater or equal than 1");
    call_fails(sys, "setrecursionlimit", NULL, NULL, MpExc_TypeError,
               "sys.setrecursionlimit() takes exactly one argument "
               "(0 given)");
    call_fails(sys, "setrecursionlimit", NULL, kw("x", i(5)),
               MpExc_TypeError,
               "sys.setrecursionlimit() takes no keyword arguments");
    call_fails(sys, "getrecursionlimit", pack(1, i(1)), NULL,
               MpExc_TypeError,
               "sys.getrecursionlimit() takes no arguments (1 given)");
    assert_int_obj(call(sys, "getrecursionlimit", NULL, NULL), 50);
    assert_none(call(sys, "setrecursionlimit", pack(1, i(1000)), NULL));
    Mp_DECREF(sys);
}

/* str(10**n) through the protocol; NULL with an exception on error. */
static MpObject *
power_of_ten_str(long n)
{
    MpObject *ten = i(10), *e = i(n), *p, *r;

    p = MpNumber_Power(ten, e, Mp_None);
    Mp_DECREF(ten);
    Mp_DECREF(e);
    assert_non_null(p);
    r = MpObject_Str(p);
    Mp_DECREF(p);
    return r;
}

static void
test_sys_int_max_str_digits(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);
    MpObject *r;

    (void)state;
    assert_int_obj(call(sys, "get_int_max_str_digits", NULL, NULL), 4300);
    assert_none(call(sys, "set_int_max_str_digits", pack(1, i(1000)),
                     NULL));
    assert_int_obj(call(sys, "get_int_max_str_digits", NULL, NULL), 1000);
    r = power_of_ten_str(999);              /* 1000 digits: allowed */
    assert_non_null(r);
    assert_int_equal(MpUnicode_GetLength(r), 1000);
    Mp_DECREF(r);
    assert_null(power_of_ten_str(1000));    /* 1001 digits */
    assert_error(MpExc_ValueError, "Exceeds the limit (1000 digits) for "
                 "integer string conversion; use "
                 "sys.set_int_max_str_digits() to increase the limit");
    /* 0 lifts the limit; by keyword as well. */
    assert_none(call(sys, "set_int_max_str_digits", NULL,
                     kw("maxdigits", i(0))));
    r = power_of_ten_str(5000);
    assert_non_null(r);
    assert_int_equal(MpUnicode_GetLength(r), 5001);
    Mp_DECREF(r);
    call_fails(sys, "set_int_max_str_digits", pack(1, i(5)), NULL,
               MpExc_ValueError, "maxdigits must be 0 or larger than 640");
    call_fails(sys, "set_int_max_str_digits", pack(1, i(-1)), NULL,
               MpExc_ValueError, "maxdigits must be 0 or larger than 640");
    call_fails(sys, "set_int_max_str_digits", pack(1, f(1.5)), NULL,
               MpExc_TypeError,
               "'float' object cannot be interpreted as an integer");
    call_fails(sys, "set_int_max_str_digits", NULL, NULL, MpExc_TypeError,
               "set_int_max_str_digits() missing required argument "
               "'maxdigits' (pos 1)");
    call_fails(sys, "set_int_max_str_digits", pack(2, i(1), i(2)), NULL,
               MpExc_TypeError,
               "set_int_max_str_digits() takes at most 1 argument "
               "(2 given)");
    call_fails(sys, "set_int_max_str_digits",
               pack(1, MpLong_FromLongLong(1LL << 40)), NULL,
               MpExc_OverflowError,
               "Python int too large to convert to C int");
    call_fails(sys, "get_int_max_str_digits", pack(1, i(1)), NULL,
               MpExc_TypeError, "sys.get_int_max_str_digits() takes no "
               "arguments (1 given)");
    assert_int_obj(call(sys, "get_int_max_str_digits", NULL, NULL), 0);
    assert_none(call(sys, "set_int_max_str_digits", pack(1, i(4300)),
                     NULL));
    Mp_DECREF(sys);
}

static MpObject *
attr(MpObject *o, const char *name)
{
    MpObject *r = MpObject_GetAttrString(o, name);
    assert_non_null(r);
    return r;
}

static void
assert_str_attr(MpObject *o, const char *name, const char *expected)
{
    MpObject *v = attr(o, name);
    assert_true(MpUnicode_Check(v));
    assert_string_equal(MpUnicode_AsUTF8(v), expected);
    Mp_DECREF(v);
}

static void
test_sys_values(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);
    MpObject *v, *vi, *t, *item;

    (void)state;
    v = attr(sys, "maxsize");
    assert_int_equal(MpLong_AsSsize_t(v), MP_SSIZE_T_MAX);
    Mp_DECREF(v);
    assert_str_attr(sys, "platform", "linux");
    assert_str_attr(sys, "byteorder", "little");
    assert_str_attr(sys, "version", "3.11.7 (minipy " MINIPY_VERSION ")");
    assert_int_obj(attr(sys, "hexversion"), 0x030b07f0);
    assert_repr(attr(sys, "argv"), "['']");

    vi = attr(sys, "version_info");
    assert_repr(Mp_NewRef(vi), "sys.version_info(major=3, minor=11, "
                "micro=7, releaselevel='final', serial=0)");
    assert_int_obj(attr(vi, "major"), 3);
    assert_int_obj(attr(vi, "minor"), 11);
    assert_str_attr(vi, "releaselevel", "final");
    assert_int_equal(MpObject_Length(vi), 5);
    item = MpSequence_GetItem(vi, 2);
    assert_int_obj(item, 7);
    item = MpSequence_GetItem(vi, -1);
    assert_int_obj(item, 0);
    /* sys.version_info >= (3, 8) and < (3, 12), == the plain tuple */
    t = pack(2, i(3), i(8));
    assert_int_equal(MpObject_RichCompareBool(vi, t, Mp_GE), 1);
    Mp_DECREF(t);
    t = pack(2, i(3), i(12));
    assert_int_equal(MpObject_RichCompareBool(vi, t, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(t, vi, Mp_GT), 1);
    Mp_DECREF(t);
    t = pack(5, i(3), i(11), i(7), s("final"), i(0));
    assert_int_equal(MpObject_RichCompareBool(vi, t, Mp_EQ), 1);
    assert_int_equal(MpObject_Hash(vi), MpObject_Hash(t));
    Mp_DECREF(t);
    t = i(4);
    assert_int_equal(MpObject_SetAttrString(vi, "major", t), -1);
    assert_error(MpExc_AttributeError, "readonly attribute");
    Mp_DECREF(t);
    Mp_DECREF(vi);

    v = attr(sys, "hash_info");
    assert_repr(Mp_NewRef(v), "sys.hash_info(width=64, "
                "modulus=2305843009213693951, inf=314159, nan=0, "
                "imag=1000003, algorithm='siphash13', hash_bits=64, "
                "seed_bits=128, cutoff=0)");
    assert_int_obj(attr(v, "width"), 64);
    assert_str_attr(v, "algorithm", "siphash13");
    Mp_DECREF(v);
    /* hash(float('inf')) agrees with hash_info.inf */
    t = f(INFINITY);
    assert_int_equal(MpObject_Hash(t), 314159);
    Mp_DECREF(t);

    v = call(sys, "getdefaultencoding", NULL, NULL);
    assert_non_null(v);
    assert_string_equal(MpUnicode_AsUTF8(v), "utf-8");
    Mp_DECREF(v);
    Mp_DECREF(sys);
}

static void
test_sys_exc_info_and_exit(void **state)
{
    MpObject *sys = make_module(mp_sys_module_create);
    MpObject *exc, *args;

    (void)state;
    assert_repr(call(sys, "exc_info", NULL, NULL), "(None, None, None)");
    call_fails(sys, "exc_info", pack(1, i(1)), NULL, MpExc_TypeError,
               "sys.exc_info() takes no arguments (1 given)");

    assert_null(call(sys, "exit", NULL, NULL));
    exc = MpErr_GetRaisedException();
    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, MpExc_SystemExit));
    assert_none(attr(exc, "code"));
    Mp_DECREF(exc);

    assert_null(call(sys, "exit", pack(1, i(3)), NULL));
    exc = MpErr_GetRaisedException();
    assert_true(MpErr_GivenExceptionMatches(exc, MpExc_SystemExit));
    assert_int_obj(attr(exc, "code"), 3);
    args = MpException_GetArgs(exc);
    assert_repr(args, "(3,)");
    Mp_DECREF(exc);

    call_fails(sys, "exit", pack(1, s("msg")), NULL, MpExc_SystemExit,
               "msg");
    call_fails(sys, "exit", pack(2, i(1), i(2)), NULL, MpExc_TypeError,
               "exit expected at most 1 argument, got 2");
    call_fails(sys, "exit", NULL, kw("x", i(1)), MpExc_TypeError,
               "sys.exit() takes no keyword arguments");
    Mp_DECREF(sys);
}

static void
test_sys_argv(void **state)
{
    char *argv[] = {"script.py", "a", "b c"};
    MpObject *modules, *sys, *v;

    (void)state;
    ready_module_type();
    modules = mp_import_modules();
    if (modules == NULL) {
        /* No interpreter: there is no sys module to update. */
        assert_int_equal(mp_sys_set_argv(3, argv), -1);
        assert_error(MpExc_RuntimeError, "lost sys module");
        return;
    }
    sys = MpDict_GetItemString(modules, "sys");
    assert_non_null(sys);
    v = attr(sys, "modules");
    assert_ptr_equal(v, modules);
    Mp_DECREF(v);
    assert_int_equal(mp_sys_set_argv(3, argv), 0);
    assert_repr(attr(sys, "argv"), "['script.py', 'a', 'b c']");
    assert_int_equal(mp_sys_set_argv(0, NULL), 0);
    assert_repr(attr(sys, "argv"), "['']");
}

/* ---- gc ---- */

/* A list that contains itself, with no other reference: one object of
 * cyclic garbage, as CPython counts it. */
static void
make_cycle(void)
{
    MpObject *l = MpList_New(0);
    assert_non_null(l);
    assert_int_equal(MpList_Append(l, l), 0);
    Mp_DECREF(l);
}

static void
test_gc_collect(void **state)
{
    MpObject *gc;

    (void)state;
#ifdef MP_DEBUG_STRESS_GC
    skip();     /* a collection at every allocation moves the counts */
#endif
    gc = make_module(mp_gc_module_create);
    assert_int_obj(call(gc, "collect", NULL, NULL), 0);
    make_cycle();
    assert_int_obj(call(gc, "collect", NULL, NULL), 1);
    make_cycle();
    make_cycle();
    assert_int_obj(call(gc, "collect", NULL, kw("generation", i(0))), 2);
    make_cycle();
    assert_int_obj(call(gc, "collect", pack(1, i(1)), NULL), 1);
    call_fails(gc, "collect", pack(1, i(3)), NULL, MpExc_ValueError,
               "invalid generation");
    call_fails(gc, "collect", pack(1, i(-1)), NULL, MpExc_ValueError,
               "invalid generation");
    call_fails(gc, "collect", pack(1, f(1.5)), NULL, MpExc_TypeError,
               "'float' object cannot be interpreted as an integer");
    call_fails(gc, "collect", pack(1, Mp_NewRef(Mp_None)), NULL,
               MpExc_TypeError,
               "'NoneType' object cannot be interpreted as an integer");
    call_fails(gc, "collect", pack(1, MpLong_FromLongLong(1LL << 40)),
               NULL, MpExc_OverflowError,
               "Python int too large to convert to C int");
    call_fails(gc, "collect", pack(2, i(1), i(2)), NULL, MpExc_TypeError,
               "collect() takes at most 1 argument (2 given)");
    call_fails(gc, "collect", pack(1, i(1)), kw("generation", i(2)),
               MpExc_TypeError,
               "collect() takes at most 1 argument (2 given)");
    call_fails(gc, "collect", NULL, kw("gen", i(1)), MpExc_TypeError,
               "'gen' is an invalid keyword argument for collect()");
    Mp_DECREF(gc);
}

static void
test_gc_switches_and_thresholds(void **state)
{
    MpObject *gc;
    MpObject *c;

    (void)state;
#ifdef MP_DEBUG_STRESS_GC
    skip();     /* a collection at every allocation moves the counts */
#endif
    gc = make_module(mp_gc_module_create);
    assert_ptr_equal(call(gc, "isenabled", NULL, NULL), Mp_True);
    Mp_DECREF(Mp_True);
    assert_none(call(gc, "disable", NULL, NULL));
    assert_int_equal(MpGC_IsEnabled(), 0);
    assert_ptr_equal(call(gc, "isenabled", NULL, NULL), Mp_False);
    Mp_DECREF(Mp_False);
    assert_none(call(gc, "enable", NULL, NULL));
    assert_int_equal(MpGC_IsEnabled(), 1);
    call_fails(gc, "enable", pack(1, i(1)), NULL, MpExc_TypeError,
               "gc.enable() takes no arguments (1 given)");
    call_fails(gc, "get_count", NULL, kw("x", i(1)), MpExc_TypeError,
               "gc.get_count() takes no keyword arguments");

    assert_repr(call(gc, "get_threshold", NULL, NULL), "(700, 10, 10)");
    assert_none(call(gc, "set_threshold", pack(1, i(100)), NULL));
    assert_repr(call(gc, "get_threshold", NULL, NULL), "(100, 10, 10)");
    assert_none(call(gc, "set_threshold", pack(3, i(-1), i(2), i(3)),
                     NULL));
    assert_repr(call(gc, "get_threshold", NULL, NULL), "(-1, 2, 3)");
    call_fails(gc, "set_threshold", NULL, NULL, MpExc_TypeError,
               "set_threshold() takes at least 1 argument (0 given)");
    call_fails(gc, "set_threshold", pack(4, i(1), i(2), i(3), i(4)), NULL,
               MpExc_TypeError,
               "set_threshold() takes at most 3 arguments (4 given)");
    call_fails(gc, "set_threshold", pack(1, f(1.5)), NULL, MpExc_TypeError,
               "'float' object cannot be interpreted as an integer");
    call_fails(gc, "set_threshold", NULL, kw("x", i(1)), MpExc_TypeError,
               "set_threshold() takes no keyword arguments");
    call_fails(gc, "set_threshold", pack(1, MpLong_FromLongLong(1LL << 40)),
               NULL, MpExc_OverflowError,
               "signed integer is greater than maximum");
    call_fails(gc, "set_threshold",
               pack(1, MpLong_FromLongLong(-(1LL << 40))), NULL,
               MpExc_OverflowError, "signed integer is less than minimum");
    assert_none(call(gc, "set_threshold", pack(3, i(700), i(10), i(10)),
                     NULL));
    MpGC_SetThreshold(700, 10, 10);

    /* get_count: a fresh GC object adds one to generation 0 (a dict:
     * lists may come from their free list, which the count ignores). */
    c = call(gc, "get_count", NULL, NULL);
    assert_non_null(c);
    assert_true(MpTuple_Check(c));
    assert_int_equal(MpTuple_Size(c), 3);
    {
        int before = (int)MpLong_AsLong(MpTuple_GetItem(c, 0));
        MpObject *l = MpDict_New(), *c2;
        c2 = call(gc, "get_count", NULL, NULL);
        /* the dict and the argument tuple of the call are both GC
         * objects still alive */
        assert_true(MpLong_AsLong(MpTuple_GetItem(c2, 0)) > before);
        Mp_DECREF(c2);
        Mp_DECREF(l);
    }
    Mp_DECREF(c);

    assert_none(call(gc, "set_debug", pack(1, i(0)), NULL));
    assert_int_obj(call(gc, "get_debug", NULL, NULL), 0);
    call_fails(gc, "set_debug", pack(1, f(1.5)), NULL, MpExc_TypeError,
               "'float' object cannot be interpreted as an integer");
    call_fails(gc, "set_debug", NULL, NULL, MpExc_TypeError,
               "gc.set_debug() takes exactly one argument (0 given)");
    assert_int_obj(attr(gc, "DEBUG_STATS"), 1);
    assert_repr(attr(gc, "garbage"), "[]");
    Mp_DECREF(gc);
}

static void
test_gc_introspection(void **state)
{
    MpObject *gc = make_module(mp_gc_module_create);
    MpObject *target = MpList_New(0), *holder = MpList_New(0), *r;
    MpObject *st, *d;
    Mp_ssize_t n;

    (void)state;
    assert_ptr_equal(call(gc, "is_tracked", pack(1, MpList_New(0)), NULL),
                     Mp_True);
    Mp_DECREF(Mp_True);
    assert_ptr_equal(call(gc, "is_tracked", pack(1, i(1)), NULL), Mp_False);
    Mp_DECREF(Mp_False);
    assert_ptr_equal(call(gc, "is_tracked", pack(1, s("x")), NULL),
                     Mp_False);
    Mp_DECREF(Mp_False);
    call_fails(gc, "is_tracked", NULL, NULL, MpExc_TypeError,
               "gc.is_tracked() takes exactly one argument (0 given)");
    call_fails(gc, "is_tracked", pack(1, i(1)), kw("x", i(1)),
               MpExc_TypeError, "gc.is_tracked() takes no keyword arguments");
    assert_ptr_equal(call(gc, "is_finalized", pack(1, MpList_New(0)), NULL),
                     Mp_False);
    Mp_DECREF(Mp_False);

    /* get_objects finds a tracked list; by generation too. */
    assert_int_equal(MpList_Append(holder, target), 0);
    r = call(gc, "get_objects", NULL, NULL);
    assert_non_null(r);
    assert_int_equal(MpSequence_Contains(r, holder), 1);
    Mp_DECREF(r);
    r = call(gc, "get_objects", NULL, kw("generation", Mp_NewRef(Mp_None)));
    assert_int_equal(MpSequence_Contains(r, holder), 1);
    Mp_DECREF(r);
    r = call(gc, "get_objects", pack(1, i(-1)), NULL);
    assert_int_equal(MpSequence_Contains(r, holder), 1);
    Mp_DECREF(r);
    r = call(gc, "get_objects", pack(1, i(0)), NULL);
    assert_non_null(r);
    Mp_DECREF(r);
    call_fails(gc, "get_objects", pack(1, i(3)), NULL, MpExc_ValueError,
               "generation parameter must be less than the number of "
               "available generations (3)");
    call_fails(gc, "get_objects", pack(1, i(-2)), NULL, MpExc_ValueError,
               "generation parameter cannot be negative");
    call_fails(gc, "get_objects", NULL, kw("generation", f(1.5)),
               MpExc_TypeError,
               "argument should be integer or None, not 'float'");
    call_fails(gc, "get_objects", pack(2, i(1), i(2)), NULL,
               MpExc_TypeError,
               "get_objects() takes at most 1 argument (2 given)");
    call_fails(gc, "get_objects", NULL, kw("x", i(1)), MpExc_TypeError,
               "'x' is an invalid keyword argument for get_objects()");

    /* get_referrers(target) == [holder]; get_referents(holder). */
    assert_repr(call(gc, "get_referents", pack(1, Mp_NewRef(holder)), NULL),
                "[[]]");
    r = call(gc, "get_referrers", pack(1, Mp_NewRef(target)), NULL);
    assert_non_null(r);
    /* The argument tuple of the call refers to target as well. */
    assert_int_equal(MpSequence_Contains(r, holder), 1);
    n = MpList_Size(r);
    assert_true(n >= 1 && n <= 2);
    Mp_DECREF(r);
    call_fails(gc, "get_referrers", pack(1, i(1)), kw("x", i(2)),
               MpExc_TypeError,
               "get_referrers() takes no keyword arguments");
    Mp_DECREF(holder);
    Mp_DECREF(target);

    /* get_stats: three dicts; a full collection is counted in gen 2. */
    MpGC_Collect();
    st = call(gc, "get_stats", NULL, NULL);
    assert_non_null(st);
    assert_int_equal(MpList_Size(st), 3);
    d = MpList_GetItem(st, 2);
    assert_true(MpDict_Check(d));
    assert_int_equal(MpDict_Size(d), 3);
    assert_true(MpLong_AsLong(MpDict_GetItemString(d, "collections")) >= 1);
    assert_int_equal(MpLong_AsLong(MpDict_GetItemString(d,
                                                        "uncollectable")), 0);
    assert_non_null(MpDict_GetItemString(d, "collected"));
    Mp_DECREF(st);

    /* freeze moves every tracked object to the permanent generation. */
    assert_none(call(gc, "freeze", NULL, NULL));
    r = call(gc, "get_freeze_count", NULL, NULL);
    assert_true(MpLong_AsLong(r) > 0);
    Mp_DECREF(r);
    assert_none(call(gc, "unfreeze", NULL, NULL));
    assert_int_obj(call(gc, "get_freeze_count", NULL, NULL), 0);
    call_fails(gc, "freeze", pack(1, i(1)), NULL, MpExc_TypeError,
               "gc.freeze() takes no arguments (1 given)");
    Mp_DECREF(gc);
}

/* ---- gc.callbacks ---- */

static MpObject *recorded;      /* list of (phase, info) tuples */

static MpObject *
record_callback(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *t;

    (void)self;
    assert_int_equal(nargs, 2);
    assert_null(MpErr_Occurred());
    t = MpTuple_Pack(2, args[0], args[1]);
    assert_non_null(t);
    assert_int_equal(MpList_Append(recorded, t), 0);
    Mp_DECREF(t);
    Mp_RETURN_NONE;
}

static MpObject *
raising_callback(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    MpErr_SetString(MpExc_RuntimeError, "callback failed");
    return NULL;
}

/* recorded[k] as a repr. */
static void
assert_recorded(Mp_ssize_t k, const char *expected)
{
    assert_repr(Mp_NewRef(MpList_GetItem(recorded, k)), expected);
}

static void
test_gc_callbacks(void **state)
{
    MpObject *gc, *cbs, *rec, *bad;

    (void)state;
#ifdef MP_DEBUG_STRESS_GC
    skip();     /* a collection at every allocation moves the counts */
#endif
    gc = make_module(mp_gc_module_create);
    cbs = attr(gc, "callbacks");
    rec = MpCFunction_New("rec", record_callback, MP_METH_FASTCALL);
    bad = MpCFunction_New("bad", raising_callback, MP_METH_FASTCALL);
    recorded = MpList_New(0);
    assert_non_null(rec);
    assert_non_null(bad);
    assert_true(MpList_CheckExact(cbs));
    assert_int_equal(MpList_Size(cbs), 0);

    /* An empty list: nothing happens. */
    assert_int_obj(call(gc, "collect", NULL, NULL), 0);
    assert_int_equal(MpList_Size(recorded), 0);

    assert_int_equal(MpList_Append(cbs, rec), 0);
    make_cycle();
    assert_int_obj(call(gc, "collect", NULL, NULL), 1);
    assert_int_equal(MpList_Size(recorded), 2);
    assert_recorded(0, "('start', {'generation': 2, 'collected': 0, "
                    "'uncollectable': 0})");
    assert_recorded(1, "('stop', {'generation': 2, 'collected': 1, "
                    "'uncollectable': 0})");

    /* A failing entry is reported and the next one still runs; the
     * caller sees no exception.  The C API collections call back too. */
    assert_int_equal(MpList_SetSlice(recorded, 0, 2, NULL), 0);
    assert_int_equal(MpList_Insert(cbs, 0, bad), 0);
    assert_int_equal(MpGC_CollectGeneration(0), 0);
    assert_null(MpErr_Occurred());
    assert_int_equal(MpList_Size(recorded), 2);
    assert_recorded(0, "('start', {'generation': 0, 'collected': 0, "
                    "'uncollectable': 0})");
    assert_recorded(1, "('stop', {'generation': 0, 'collected': 0, "
                    "'uncollectable': 0})");

    /* Once the module is gone, no more calls (and no crash). */
    assert_int_equal(MpList_SetSlice(recorded, 0, 2, NULL), 0);
    Mp_DECREF(cbs);
    Mp_DECREF(gc);
    MpGC_Collect();
    assert_int_equal(MpList_Size(recorded), 0);

    /* Two modules: each calls its own list. */
    {
        MpObject *g1 = make_module(mp_gc_module_create);
        MpObject *g2 = make_module(mp_gc_module_create);
        MpObject *l1 = attr(g1, "callbacks"), *l2 = attr(g2, "callbacks");
        assert_ptr_not_equal(l1, l2);
        assert_int_equal(MpList_Append(l1, rec), 0);
        assert_int_equal(MpList_Append(l2, rec), 0);
        MpGC_CollectGeneration(1);
        assert_int_equal(MpList_Size(recorded), 4);
        Mp_DECREF(l1);
        Mp_DECREF(g1);
        MpGC_CollectGeneration(1);
        assert_int_equal(MpList_Size(recorded), 6);
        Mp_DECREF(l2);
        Mp_DECREF(g2);
    }
    Mp_DECREF(rec);
    Mp_DECREF(bad);
    Mp_CLEAR(recorded);
}

/* A callback that refers back to the module: a cycle the collector
 * frees, unregistering the callback on the way. */
static void
test_gc_module_cycle(void **state)
{
    MpObject *gc = make_module(mp_gc_module_create);
    MpObject *cbs = attr(gc, "callbacks");
    Mp_ssize_t live;

    (void)state;
    assert_int_equal(MpList_Append(cbs, gc), 0);   /* not callable */
    Mp_DECREF(cbs);
    Mp_DECREF(gc);
    live = Mp_GetLiveObjects();
    /* The start callback reports "module is not callable" as
     * unraisable; the collection then frees the module cycle. */
    assert_true(MpGC_Collect() >= 3);
    assert_true(Mp_GetLiveObjects() < live);
    assert_null(MpErr_Occurred());
}

/* ---- time ---- */

static double
as_double(MpObject *o)
{
    double d;
    assert_non_null(o);
    d = MpFloat_Check(o) ? MpFloat_AsDouble(o) : MpLong_AsDouble(o);
    Mp_DECREF(o);
    return d;
}

static void
test_time_clocks(void **state)
{
    MpObject *tm = make_module(mp_time_module_create);
    MpObject *r;
    double t, tns, p1, p2, m1, m2;

    (void)state;
    r = call(tm, "time", NULL, NULL);
    assert_true(MpFloat_CheckExact(r));
    t = as_double(r);
    r = call(tm, "time_ns", NULL, NULL);
    assert_true(MpLong_CheckExact(r));
    tns = as_double(r);
    assert_true(t > 1.6e9);                  /* after 2020 */
    assert_true(fabs(tns / 1e9 - t) < 5.0);

    p1 = as_double(call(tm, "perf_counter", NULL, NULL));
    m1 = as_double(call(tm, "monotonic", NULL, NULL));
    assert_none(call(tm, "sleep", pack(1, f(0.002)), NULL));
    assert_none(call(tm, "sleep", pack(1, i(0)), NULL));
    p2 = as_double(call(tm, "perf_counter", NULL, NULL));
    m2 = as_double(call(tm, "monotonic", NULL, NULL));
    assert_true(p2 - p1 >= 0.002);
    assert_true(m2 >= m1);
    r = call(tm, "perf_counter_ns", NULL, NULL);
    assert_true(MpLong_CheckExact(r));
    assert_true(as_double(r) >= p2 * 1e9 - 1e6);
    r = call(tm, "monotonic_ns", NULL, NULL);
    assert_true(MpLong_CheckExact(r));
    Mp_DECREF(r);

    call_fails(tm, "time", pack(1, i(1)), NULL, MpExc_TypeError,
               "time.time() takes no arguments (1 given)");
    call_fails(tm, "perf_counter", pack(1, i(1)), NULL, MpExc_TypeError,
               "time.perf_counter() takes no arguments (1 given)");
    call_fails(tm, "time_ns", NULL, kw("x", i(1)), MpExc_TypeError,
               "time.time_ns() takes no keyword arguments");
    Mp_DECREF(tm);
}

static void
test_time_sleep_errors(void **state)
{
    MpObject *tm = make_module(mp_time_module_create);

    (void)state;
    assert_none(call(tm, "sleep", pack(1, f(-0.0)), NULL));
    assert_none(call(tm, "sleep", pack(1, Mp_NewRef(Mp_False)), NULL));
    call_fails(tm, "sleep", pack(1, i(-1)), NULL, MpExc_ValueError,
               "sleep length must be non-negative");
    call_fails(tm, "sleep", pack(1, f(-1e-10)), NULL, MpExc_ValueError,
               "sleep length must be non-negative");
    call_fails(tm, "sleep", pack(1, f(NAN)), NULL, MpExc_ValueError,
               "Invalid value NaN (not a number)");
    call_fails(tm, "sleep", pack(1, f(1e10)), NULL, MpExc_OverflowError,
               "timestamp out of range for platform time_t");
    call_fails(tm, "sleep", pack(1, MpLong_FromLongLong(10000000000LL)),
               NULL, MpExc_OverflowError,
               "timestamp too large to convert to C _PyTime_t");
    call_fails(tm, "sleep", pack(1, s("a")), NULL, MpExc_TypeError,
               "'str' object cannot be interpreted as an integer");
    call_fails(tm, "sleep", NULL, NULL, MpExc_TypeError,
               "time.sleep() takes exactly one argument (0 given)");
    call_fails(tm, "sleep", NULL, kw("x", i(1)), MpExc_TypeError,
               "time.sleep() takes no keyword arguments");
    Mp_DECREF(tm);
}

/* ---- From Python code ---- */

/* The value of the last expression of 'source' run in a fresh
 * namespace, compared by repr with 'expected'. */
static void
assert_python(const char *source, const char *expected)
{
    MpObject *globals = MpDict_New(), *r;

    assert_non_null(globals);
    r = MpRun_String(source, "<test>", globals);
    if (r == NULL)
        MpErr_Print();
    assert_repr(r, expected);
    MpDict_Clear(globals);
    Mp_DECREF(globals);
}

static void
test_python_level(void **state)
{
    (void)state;
#ifdef MP_DEBUG_STRESS_GC
    skip();     /* a collection at every allocation moves the counts */
#endif
    if (mp_import_modules() == NULL)
        skip();                 /* built without the interpreter */
    /* CPython 3.11 gives the same numbers for these programs. */
    assert_python("import sys\nx = []\nsys.getrefcount(x)", "2");
    assert_python("import sys\ndef f():\n    y = {}\n"
                  "    return sys.getrefcount(y)\nf()", "2");
    assert_python("import sys\nclass A: pass\na = A()\nb = a\n"
                  "sys.getrefcount(a)", "3");
    assert_python("import sys\n(sys.getsizeof([]), sys.getsizeof(0), "
                  "sys.getsizeof(''), sys.getsizeof(1.0))",
                  "(56, 28, 49, 24)");
    assert_python("import sys\nsys.intern('a b') is sys.intern('a ' + 'b')",
                  "True");
    assert_python("import sys\ntry:\n    raise KeyError('k')\n"
                  "except KeyError:\n    t, v, tb = sys.exc_info()\n"
                  "(t.__name__, v.args, tb is not None, sys.exc_info())",
                  "('KeyError', ('k',), True, (None, None, None))");
    assert_python("import sys\ntry:\n    sys.exit(5)\n"
                  "except SystemExit as e:\n    c = e.code\nc", "5");
    assert_python("import sys\n(sys.modules['sys'] is sys, "
                  "sys.version_info >= (3, 8), sys.version_info.minor)",
                  "(True, True, 11)");
    assert_python("import gc\nseen = []\n"
                  "def cb(phase, info):\n    seen.append((phase, "
                  "info['generation'], info['collected']))\n"
                  "gc.collect()\n"
                  "gc.callbacks.append(cb)\n"
                  "l = []\nl.append(l)\ndel l\nn = gc.collect()\n"
                  "gc.callbacks.remove(cb)\n(n, seen)",
                  "(1, [('start', 2, 0), ('stop', 2, 1)])");
    assert_python("import gc\n(gc.get_threshold(), gc.is_tracked({}), "
                  "gc.is_tracked({'a': []}), gc.is_tracked([]))",
                  "((700, 10, 10), False, True, True)");
    assert_python("import gc\nx = []\nholder = [x]\n"
                  "holder in gc.get_referrers(x)", "True");
    assert_python("import time\nt = time.perf_counter()\n"
                  "time.sleep(0.001)\ntime.perf_counter() - t >= 0.001",
                  "True");
    assert_python("import time\ntry:\n    time.sleep(-1)\n"
                  "except ValueError as e:\n    m = str(e)\nm",
                  "'sleep length must be non-negative'");
}

/* ---- Allocation failures ---- */

struct fail_nth {
    long count;
    long n;
};

static int
fail_nth_hook(size_t size, void *arg)
{
    struct fail_nth *f = arg;
    (void)size;
    return f->count++ == f->n;
}

/* Fail the k-th allocation of create() for every k until it succeeds:
 * each failure is NULL + MemoryError (or another exception raised while
 * reporting it) and leaves nothing behind (checked by MP_TEST). */
static void
fail_each_allocation(MpObject *(*create)(void))
{
    struct fail_nth fn;
    long k;

    Mp_DECREF(make_module(create));     /* types ready, caches warm */
    for (k = 0; k < 10000; k++) {
        MpObject *m;
        Mp_ssize_t live = Mp_GetLiveObjects();
        fn.count = 0;
        fn.n = k;
        MpAlloc_SetFailHook(fail_nth_hook, &fn);
        m = create();
        MpAlloc_SetFailHook(NULL, NULL);
        if (m != NULL) {
            /* Either no allocation failed (done), or the failure hit a
             * cache that tolerates it (interning): the module is whole. */
            assert_null(MpErr_Occurred());
            Mp_DECREF(m);
            if (fn.count <= k)
                break;
            continue;
        }
        assert_non_null(MpErr_Occurred());
        MpErr_Clear();
        MpGC_Collect();
        assert_int_equal(Mp_GetLiveObjects(), live);
    }
    assert_true(k > 10 && k < 10000);
}

static void
test_sys_module_no_memory(void **state)
{
    (void)state;
    fail_each_allocation(mp_sys_module_create);
}

static void
test_gc_module_no_memory(void **state)
{
    (void)state;
    fail_each_allocation(mp_gc_module_create);
    /* No registration is left behind by the failed attempts. */
    {
        MpObject *gc = make_module(mp_gc_module_create);
        MpObject *cbs = attr(gc, "callbacks");
        MpObject *rec = MpCFunction_New("rec", record_callback,
                                        MP_METH_FASTCALL);
        recorded = MpList_New(0);
        assert_int_equal(MpList_Append(cbs, rec), 0);
        MpGC_CollectGeneration(0);
        assert_int_equal(MpList_Size(recorded), 2);
        Mp_DECREF(rec);
        Mp_DECREF(cbs);
        Mp_DECREF(gc);
        Mp_CLEAR(recorded);
    }
}

static void
test_time_module_no_memory(void **state)
{
    (void)state;
    fail_each_allocation(mp_time_module_create);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_sys_getrefcount),
        MP_TEST(test_sys_getsizeof),
        MP_TEST(test_sys_intern),
        MP_TEST(test_sys_recursionlimit),
        MP_TEST(test_sys_int_max_str_digits),
        MP_TEST(test_sys_values),
        MP_TEST(test_sys_exc_info_and_exit),
        MP_TEST(test_sys_argv),
        MP_TEST(test_gc_collect),
        MP_TEST(test_gc_switches_and_thresholds),
        MP_TEST(test_gc_introspection),
        MP_TEST(test_gc_callbacks),
        MP_TEST(test_gc_module_cycle),
        MP_TEST(test_time_clocks),
        MP_TEST(test_time_sleep_errors),
        MP_TEST(test_python_level),
        MP_TEST(test_sys_module_no_memory),
        MP_TEST(test_gc_module_no_memory),
        MP_TEST(test_time_module_no_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
