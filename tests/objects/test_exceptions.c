/*
 * tests/objects/test_exceptions.c -- the exception classes: hierarchy,
 * construction through the type (args, keywords), str and repr, the
 * attributes every exception has and those of StopIteration,
 * SystemExit, SyntaxError, ImportError, NameError, AttributeError,
 * OSError and UnicodeDecodeError, subclassing from Python, cycles
 * through the collector, and allocation failure while constructing.
 *
 * Expected texts are CPython 3.11's (checked with python3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support/harness.h"
#include "objects/exceptions.h"

/* ---- Helpers ---- */

static void
assert_str(MpObject *o, const char *expected)
{
    assert_non_null(o);
    assert_true(MpUnicode_Check(o));
    assert_string_equal(MpUnicode_AsUTF8(o), expected);
}

/* Assert that the current exception is 'type' with str() 'message', and
 * clear it. */
static void
assert_error(MpObject *type, const char *message)
{
    MpObject *exc = MpErr_GetRaisedException();
    MpObject *s;

    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, type));
    s = MpObject_Str(exc);
    assert_str(s, message);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

static void
assert_repr(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Repr(o);

    assert_str(r, expected);
    Mp_DECREF(r);
}

static void
assert_str_of(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Str(o);

    assert_str(r, expected);
    Mp_DECREF(r);
}

/* repr(getattr(o, name)) == expected */
static void
assert_attr(MpObject *o, const char *name, const char *expected)
{
    MpObject *v = MpObject_GetAttrString(o, name);

    assert_non_null(v);
    assert_repr(v, expected);
    Mp_DECREF(v);
}

/* type(*args) where args is a tuple built from 'n' stolen objects; the
 * result (New) may be NULL. */
static MpObject *
call_type(MpObject *type, MpObject *kwargs, int n, ...)
{
    MpObject *args = MpTuple_New(n), *r;
    va_list va;
    int i;

    assert_non_null(args);
    va_start(va, n);
    for (i = 0; i < n; i++)
        MpTuple_SetItem(args, i, va_arg(va, MpObject *));
    va_end(va);
    r = MpObject_Call(type, args, kwargs);
    Mp_DECREF(args);
    return r;
}

static MpObject *
str(const char *s)
{
    return MpUnicode_FromString(s);
}

static MpObject *
num(long v)
{
    return MpLong_FromLong(v);
}

/* ---- Hierarchy ---- */

static void
test_hierarchy(void **unused)
{
    static const struct {
        MpObject **sub, **base;
    } pairs[] = {
        {&MpExc_Exception, &MpExc_BaseException},
        {&MpExc_SystemExit, &MpExc_BaseException},
        {&MpExc_KeyboardInterrupt, &MpExc_BaseException},
        {&MpExc_GeneratorExit, &MpExc_BaseException},
        {&MpExc_StopIteration, &MpExc_Exception},
        {&MpExc_OverflowError, &MpExc_ArithmeticError},
        {&MpExc_ZeroDivisionError, &MpExc_ArithmeticError},
        {&MpExc_ArithmeticError, &MpExc_Exception},
        {&MpExc_IndexError, &MpExc_LookupError},
        {&MpExc_KeyError, &MpExc_LookupError},
        {&MpExc_UnboundLocalError, &MpExc_NameError},
        {&MpExc_RecursionError, &MpExc_RuntimeError},
        {&MpExc_NotImplementedError, &MpExc_RuntimeError},
        {&MpExc_IndentationError, &MpExc_SyntaxError},
        {&MpExc_TabError, &MpExc_IndentationError},
        {&MpExc_UnicodeDecodeError, &MpExc_UnicodeError},
        {&MpExc_UnicodeError, &MpExc_ValueError},
        {&MpExc_ModuleNotFoundError, &MpExc_ImportError},
        {&MpExc_OSError, &MpExc_Exception},
        {&MpExc_AssertionError, &MpExc_Exception},
        {&MpExc_AttributeError, &MpExc_Exception},
        {&MpExc_MemoryError, &MpExc_Exception},
        {&MpExc_SystemError, &MpExc_Exception},
        {&MpExc_TypeError, &MpExc_Exception},
    };
    size_t i;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(pairs); i++) {
        MpTypeObject *sub = (MpTypeObject *)*pairs[i].sub;
        MpTypeObject *base = (MpTypeObject *)*pairs[i].base;
        assert_ptr_equal(sub->tp_base, base);
        assert_true(MpType_IsSubtype(sub, base));
        assert_false(MpType_IsSubtype(base, sub));
        assert_true(MpType_HasFeature(sub, MP_TPFLAGS_BASE_EXC_SUBCLASS));
        assert_true(MpType_HasFeature(sub, MP_TPFLAGS_HAVE_GC));
        assert_true(MpType_HasFeature(sub, MP_TPFLAGS_BASETYPE));
        assert_true(MpExceptionClass_Check(*pairs[i].sub));
    }
    assert_false(MpType_IsSubtype((MpTypeObject *)MpExc_SystemExit,
                                  (MpTypeObject *)MpExc_Exception));
    assert_string_equal(((MpTypeObject *)MpExc_ZeroDivisionError)->tp_name,
                        "ZeroDivisionError");
    assert_repr(MpExc_KeyError, "<class 'KeyError'>");
    assert_false(MpExceptionClass_Check((MpObject *)&MpLong_Type));
}

/* ---- Construction, str and repr ---- */

static void
test_args_str_repr(void **unused)
{
    MpObject *e;

    (void)unused;
    e = call_type(MpExc_ValueError, NULL, 0);
    assert_repr(e, "ValueError()");
    assert_str_of(e, "");
    assert_attr(e, "args", "()");
    Mp_DECREF(e);

    e = call_type(MpExc_ValueError, NULL, 1, str("x"));
    assert_repr(e, "ValueError('x')");
    assert_str_of(e, "x");
    assert_attr(e, "args", "('x',)");
    Mp_DECREF(e);

    e = call_type(MpExc_ValueError, NULL, 2, num(1), num(2));
    assert_repr(e, "ValueError(1, 2)");
    assert_str_of(e, "(1, 2)");
    Mp_DECREF(e);

    e = call_type(MpExc_KeyError, NULL, 1, str("k"));
    assert_repr(e, "KeyError('k')");
    assert_str_of(e, "'k'");
    Mp_DECREF(e);
    e = call_type(MpExc_KeyError, NULL, 0);
    assert_str_of(e, "");
    Mp_DECREF(e);
    e = call_type(MpExc_KeyError, NULL, 2, num(1), num(2));
    assert_str_of(e, "(1, 2)");
    Mp_DECREF(e);

    /* str of a single non-str argument is its str. */
    e = call_type(MpExc_ZeroDivisionError, NULL, 1, num(5));
    assert_str_of(e, "5");
    assert_repr(e, "ZeroDivisionError(5)");
    Mp_DECREF(e);
}

static void
test_keywords_rejected(void **unused)
{
    MpObject *kw = MpDict_New(), *one = num(1);

    (void)unused;
    MpDict_SetItemString(kw, "x", one);
    assert_null(call_type(MpExc_ValueError, kw, 0));
    assert_error(MpExc_TypeError, "ValueError() takes no keyword arguments");
    assert_null(call_type(MpExc_ImportError, kw, 0));
    assert_error(MpExc_TypeError,
                 "'x' is an invalid keyword argument for ImportError()");
    assert_null(call_type(MpExc_NameError, kw, 0));
    assert_error(MpExc_TypeError,
                 "'x' is an invalid keyword argument for NameError()");
    assert_null(call_type(MpExc_AttributeError, kw, 0));
    assert_error(MpExc_TypeError,
                 "'x' is an invalid keyword argument for AttributeError()");
    Mp_DECREF(one);
    Mp_DECREF(kw);
}

/* ---- Common attributes ---- */

static void
test_common_attributes(void **unused)
{
    MpObject *e = call_type(MpExc_ValueError, NULL, 1, str("x"));
    MpObject *c = call_type(MpExc_KeyError, NULL, 1, str("c"));
    MpObject *v, *one = num(1);

    (void)unused;
    assert_attr(e, "__traceback__", "None");
    assert_attr(e, "__context__", "None");
    assert_attr(e, "__cause__", "None");
    assert_attr(e, "__suppress_context__", "False");

    assert_int_equal(MpObject_SetAttrString(e, "__context__", c), 0);
    assert_attr(e, "__context__", "KeyError('c')");
    assert_attr(e, "__suppress_context__", "False");
    assert_int_equal(MpObject_SetAttrString(e, "__cause__", c), 0);
    assert_attr(e, "__cause__", "KeyError('c')");
    assert_attr(e, "__suppress_context__", "True");
    assert_int_equal(MpObject_SetAttrString(e, "__cause__", Mp_None), 0);
    assert_attr(e, "__cause__", "None");

    assert_int_equal(MpObject_SetAttrString(e, "__context__", one), -1);
    assert_error(MpExc_TypeError, "exception context must be None or "
                 "derive from BaseException");
    assert_int_equal(MpObject_SetAttrString(e, "__cause__", one), -1);
    assert_error(MpExc_TypeError, "exception cause must be None or "
                 "derive from BaseException");
    assert_int_equal(MpObject_SetAttrString(e, "__context__", NULL), -1);
    assert_error(MpExc_TypeError, "__context__ may not be deleted");

    /* args accepts any iterable and stores a tuple. */
    v = MpList_New(0);
    MpList_Append(v, one);
    assert_int_equal(MpObject_SetAttrString(e, "args", v), 0);
    assert_attr(e, "args", "(1,)");
    assert_str_of(e, "1");
    Mp_DECREF(v);
    assert_int_equal(MpObject_SetAttrString(e, "args", NULL), -1);
    assert_error(MpExc_TypeError, "args may not be deleted");

    /* Arbitrary attributes live in the instance dict. */
    assert_int_equal(MpObject_SetAttrString(e, "x", one), 0);
    assert_attr(e, "x", "1");
    assert_attr(e, "__dict__", "{'x': 1}");
    assert_int_equal(MpObject_SetAttrString(e, "__dict__", one), -1);
    assert_error(MpExc_TypeError,
                 "__dict__ must be set to a dictionary, not a 'int'");

    Mp_DECREF(one);
    Mp_DECREF(c);
    Mp_DECREF(e);
}

static void
test_traceback_and_notes(void **unused)
{
    MpObject *e = call_type(MpExc_ValueError, NULL, 0);
    MpObject *tb = MpList_New(0), *one = num(1), *note = str("n");
    MpObject *r;

    (void)unused;
    mp_exceptions_set_traceback_type(&MpList_Type);
    assert_int_equal(MpObject_SetAttrString(e, "__traceback__", one), -1);
    assert_error(MpExc_TypeError,
                 "__traceback__ must be a traceback or None");
    r = MpObject_CallMethod(e, "with_traceback", &tb, 1);
    assert_ptr_equal(r, e);
    Mp_DECREF(r);
    assert_attr(e, "__traceback__", "[]");
    assert_int_equal(MpObject_SetAttrString(e, "__traceback__", Mp_None), 0);
    assert_attr(e, "__traceback__", "None");
    mp_exceptions_set_traceback_type(NULL);

    assert_null(MpObject_GetAttrString(e, "__notes__"));
    assert_true(MpErr_ExceptionMatches(MpExc_AttributeError));
    MpErr_Clear();
    r = MpObject_CallMethod(e, "add_note", &note, 1);
    assert_ptr_equal(r, Mp_None);
    Mp_DECREF(r);
    assert_attr(e, "__notes__", "['n']");
    assert_null(MpObject_CallMethod(e, "add_note", &one, 1));
    assert_error(MpExc_TypeError, "note must be a str, not 'int'");
    assert_int_equal(MpObject_SetAttrString(e, "__notes__", one), 0);
    assert_null(MpObject_CallMethod(e, "add_note", &note, 1));
    assert_error(MpExc_TypeError, "Cannot add note: __notes__ is not a list");

    Mp_DECREF(note);
    Mp_DECREF(one);
    Mp_DECREF(tb);
    Mp_DECREF(e);
}

static void
test_accessors(void **unused)
{
    MpObject *e = call_type(MpExc_ValueError, NULL, 1, str("e"));
    MpObject *c = call_type(MpExc_KeyError, NULL, 0);
    MpObject *got, *args;

    (void)unused;
    assert_null(MpException_GetCause(e));
    assert_null(MpException_GetContext(e));
    assert_null(MpException_GetTraceback(e));
    MpException_SetCause(e, Mp_NewRef(c));
    assert_int_equal(Mp_REFCNT(c), 2);
    got = MpException_GetCause(e);
    assert_ptr_equal(got, c);
    assert_int_equal(Mp_REFCNT(c), 3);
    Mp_DECREF(got);
    MpException_SetContext(e, Mp_NewRef(c));
    assert_int_equal(Mp_REFCNT(c), 3);
    MpException_SetCause(e, NULL);
    MpException_SetContext(e, NULL);
    assert_int_equal(Mp_REFCNT(c), 1);
    args = MpException_GetArgs(e);
    assert_repr(args, "('e',)");
    Mp_DECREF(args);
    Mp_DECREF(c);
    Mp_DECREF(e);
}

/* ---- Classes with fields of their own ---- */

static void
test_stopiteration_and_systemexit(void **unused)
{
    MpObject *e;

    (void)unused;
    e = call_type(MpExc_StopIteration, NULL, 0);
    assert_attr(e, "value", "None");
    Mp_DECREF(e);
    e = call_type(MpExc_StopIteration, NULL, 2, num(5), num(6));
    assert_attr(e, "value", "5");
    Mp_DECREF(e);
    e = call_type(MpExc_SystemExit, NULL, 0);
    assert_attr(e, "code", "None");
    Mp_DECREF(e);
    e = call_type(MpExc_SystemExit, NULL, 1, num(3));
    assert_attr(e, "code", "3");
    Mp_DECREF(e);
    e = call_type(MpExc_SystemExit, NULL, 2, num(1), num(2));
    assert_attr(e, "code", "(1, 2)");
    Mp_DECREF(e);
}

static MpObject *
info_tuple(MpObject *file, MpObject *line, long n)
{
    MpObject *t = MpTuple_New(n);
    long i;

    MpTuple_SetItem(t, 0, file);
    MpTuple_SetItem(t, 1, line);
    for (i = 2; i < n; i++)
        MpTuple_SetItem(t, i, num(i + 2));
    return t;
}

static void
test_syntax_error(void **unused)
{
    MpObject *e;

    (void)unused;
    e = call_type(MpExc_SyntaxError, NULL, 0);
    assert_str_of(e, "None");
    assert_attr(e, "msg", "None");
    Mp_DECREF(e);

    e = call_type(MpExc_SyntaxError, NULL, 2, str("m"),
                  info_tuple(str("/a/b.py"), num(3), 6));
    assert_str_of(e, "m (b.py, line 3)");
    assert_repr(e, "SyntaxError('m', ('/a/b.py', 3, 4, 5, 6, 7))");
    assert_attr(e, "msg", "'m'");
    assert_attr(e, "filename", "'/a/b.py'");
    assert_attr(e, "lineno", "3");
    assert_attr(e, "offset", "4");
    assert_attr(e, "text", "5");
    assert_attr(e, "end_lineno", "6");
    assert_attr(e, "end_offset", "7");
    Mp_DECREF(e);

    e = call_type(MpExc_SyntaxError, NULL, 2, str("m"),
                  info_tuple(Mp_NewRef(Mp_None), num(3), 4));
    assert_str_of(e, "m (line 3)");
    assert_attr(e, "end_lineno", "None");
    Mp_DECREF(e);
    e = call_type(MpExc_IndentationError, NULL, 2, str("m"),
                  info_tuple(str("f"), Mp_NewRef(Mp_None), 4));
    assert_str_of(e, "m (f)");
    Mp_DECREF(e);

    assert_null(call_type(MpExc_SyntaxError, NULL, 2, str("m"),
                          MpTuple_Pack(2, Mp_None, Mp_None)));
    assert_error(MpExc_TypeError,
                 "function takes at least 4 arguments (2 given)");
    assert_null(call_type(MpExc_SyntaxError, NULL, 2, str("m"),
                          info_tuple(str("f"), num(1), 7)));
    assert_error(MpExc_TypeError,
                 "function takes at most 6 arguments (7 given)");
}

static void
test_import_name_attribute_errors(void **unused)
{
    MpObject *kw = MpDict_New(), *n = str("n"), *e;

    (void)unused;
    MpDict_SetItemString(kw, "name", n);
    e = call_type(MpExc_ImportError, kw, 1, str("m"));
    assert_repr(e, "ImportError('m')");
    assert_attr(e, "msg", "'m'");
    assert_attr(e, "name", "'n'");
    assert_attr(e, "path", "None");
    assert_str_of(e, "m");
    Mp_DECREF(e);
    e = call_type(MpExc_ModuleNotFoundError, kw, 0);
    assert_str_of(e, "");
    assert_attr(e, "name", "'n'");
    Mp_DECREF(e);

    e = call_type(MpExc_NameError, kw, 1, str("m"));
    assert_repr(e, "NameError('m')");
    assert_attr(e, "name", "'n'");
    Mp_DECREF(e);
    e = call_type(MpExc_UnboundLocalError, NULL, 1, str("m"));
    assert_attr(e, "name", "None");
    Mp_DECREF(e);

    MpDict_SetItemString(kw, "obj", Mp_True);
    e = call_type(MpExc_AttributeError, kw, 1, str("m"));
    assert_attr(e, "name", "'n'");
    assert_attr(e, "obj", "True");
    Mp_DECREF(e);
    Mp_DECREF(n);
    Mp_DECREF(kw);
}

static void
test_oserror(void **unused)
{
    MpObject *e;

    (void)unused;
    e = call_type(MpExc_OSError, NULL, 2, num(2), str("No such"));
    assert_str_of(e, "[Errno 2] No such");
    assert_attr(e, "errno", "2");
    assert_attr(e, "strerror", "'No such'");
    assert_attr(e, "filename", "None");
    Mp_DECREF(e);
    e = call_type(MpExc_OSError, NULL, 3, num(2), str("No such"), str("f"));
    assert_str_of(e, "[Errno 2] No such: 'f'");
    assert_attr(e, "args", "(2, 'No such')");
    Mp_DECREF(e);
    e = call_type(MpExc_OSError, NULL, 5, num(2), str("x"), str("f"),
                  Mp_NewRef(Mp_None), str("g"));
    assert_str_of(e, "[Errno 2] x: 'f' -> 'g'");
    Mp_DECREF(e);
    e = call_type(MpExc_OSError, NULL, 1, num(1));
    assert_str_of(e, "1");
    assert_attr(e, "errno", "None");
    Mp_DECREF(e);
    e = call_type(MpExc_OSError, NULL, 6, num(2), num(3), num(4), num(5),
                  num(6), num(7));
    assert_str_of(e, "(2, 3, 4, 5, 6, 7)");
    Mp_DECREF(e);
}

static void
test_unicode_decode_error(void **unused)
{
    MpObject *bytes, *e;

    (void)unused;
    bytes = MpTuple_Pack(2, MpLong_FromLong(0xff), MpLong_FromLong(0xfe));
    /* MpTuple_Pack does not steal: drop the extra references. */
    Mp_DECREF(MpTuple_GetItem(bytes, 0));
    Mp_DECREF(MpTuple_GetItem(bytes, 1));
    e = call_type(MpExc_UnicodeDecodeError, NULL, 5, str("utf-8"),
                  Mp_NewRef(bytes), num(0), num(1),
                  str("invalid start byte"));
    assert_str_of(e, "'utf-8' codec can't decode byte 0xff in position 0: "
                  "invalid start byte");
    assert_attr(e, "start", "0");
    assert_attr(e, "end", "1");
    assert_attr(e, "encoding", "'utf-8'");
    assert_attr(e, "reason", "'invalid start byte'");
    Mp_DECREF(e);
    e = call_type(MpExc_UnicodeDecodeError, NULL, 5, str("utf-8"),
                  Mp_NewRef(bytes), num(0), num(2), str("r"));
    assert_str_of(e, "'utf-8' codec can't decode bytes in position 0-1: r");
    Mp_DECREF(e);
    e = call_type(MpExc_UnicodeDecodeError, NULL, 5, str("utf-8"),
                  Mp_NewRef(bytes), num(5), num(6), str("r"));
    assert_str_of(e, "'utf-8' codec can't decode bytes in position 5-5: r");
    Mp_DECREF(e);

    assert_null(call_type(MpExc_UnicodeDecodeError, NULL, 3, num(1),
                          num(2), num(3)));
    assert_error(MpExc_TypeError,
                 "function takes exactly 5 arguments (3 given)");
    assert_null(call_type(MpExc_UnicodeDecodeError, NULL, 5, num(1),
                          Mp_NewRef(bytes), num(3), num(4), str("r")));
    assert_error(MpExc_TypeError, "argument 1 must be str, not int");

    assert_null(mp_exceptions_raise_decode_error("utf-8", "a\xc3", 2, 1, 2,
                                                 "unexpected end of data"));
    assert_error(MpExc_UnicodeDecodeError, "'utf-8' codec can't decode "
                 "byte 0xc3 in position 1: unexpected end of data");
    Mp_DECREF(bytes);
}

/* ---- Subclasses made from Python ---- */

/* type(name, (base,), {}) */
static MpObject *
make_class(const char *name, MpObject *base)
{
    MpObject *bases = MpTuple_Pack(1, base);
    MpObject *cls = call_type((MpObject *)&MpType_Type, NULL, 3, str(name),
                              bases, MpDict_New());

    assert_non_null(cls);
    return cls;
}

static void
test_python_subclass(void **unused)
{
    MpObject *cls = make_class("MyError", MpExc_KeyError);
    MpObject *e, *one = num(1), *exc;

    (void)unused;
    assert_true(MpExceptionClass_Check(cls));
    e = call_type(cls, NULL, 1, str("k"));
    assert_non_null(e);
    assert_true(MpErr_GivenExceptionMatches(e, MpExc_LookupError));
    assert_repr(e, "MyError('k')");
    assert_str_of(e, "'k'");
    assert_int_equal(MpObject_SetAttrString(e, "extra", one), 0);
    assert_attr(e, "extra", "1");
    Mp_DECREF(e);

    /* Raising the class from C instantiates it. */
    MpErr_SetObject(cls, one);
    exc = MpErr_GetRaisedException();
    assert_ptr_equal(Mp_TYPE(exc), (MpTypeObject *)cls);
    assert_attr(exc, "args", "(1,)");
    Mp_DECREF(exc);
    Mp_DECREF(one);
    Mp_DECREF(cls);
}

/* ---- The collector ---- */

static void
test_cycles_are_collected(void **unused)
{
    MpObject *a = call_type(MpExc_ValueError, NULL, 0);
    MpObject *b = call_type(MpExc_TypeError, NULL, 0);

    (void)unused;
    assert_true(MpObject_GC_IsTracked(a));
    MpException_SetContext(a, Mp_NewRef(b));
    MpException_SetContext(b, Mp_NewRef(a));
    assert_int_equal(MpObject_SetAttrString(a, "me", a), 0);
    Mp_DECREF(a);
    Mp_DECREF(b);
    assert_true(MpGC_Collect() >= 2);
}

/* ---- Allocation failure ---- */

static int fail_at;
static int alloc_count;

static int
fail_kth(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return ++alloc_count == fail_at;
}

static void
test_construct_under_allocation_failure(void **unused)
{
    MpObject *args = MpTuple_Pack(1, Mp_None);
    MpObject *e;
    int k, succeeded = 0;

    (void)unused;
    for (k = 1; k < 50 && !succeeded; k++) {
        Mp_ssize_t live = Mp_GetLiveObjects();
        alloc_count = 0;
        fail_at = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        e = mp_exception_new(MpExc_KeyError, args);
        MpAlloc_SetFailHook(NULL, NULL);
        if (e == NULL) {
            assert_true(MpErr_ExceptionMatches(MpExc_MemoryError));
            MpErr_Clear();
            assert_int_equal(Mp_GetLiveObjects(), live);
        }
        else {
            succeeded = 1;
            assert_attr(e, "args", "(None,)");
            Mp_DECREF(e);
        }
    }
    assert_true(succeeded);
    assert_true(k > 2);
    Mp_DECREF(args);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_hierarchy),
        MP_TEST(test_args_str_repr),
        MP_TEST(test_keywords_rejected),
        MP_TEST(test_common_attributes),
        MP_TEST(test_traceback_and_notes),
        MP_TEST(test_accessors),
        MP_TEST(test_stopiteration_and_systemexit),
        MP_TEST(test_syntax_error),
        MP_TEST(test_import_name_attribute_errors),
        MP_TEST(test_oserror),
        MP_TEST(test_unicode_decode_error),
        MP_TEST(test_python_subclass),
        MP_TEST(test_cycles_are_collected),
        MP_TEST(test_construct_under_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
