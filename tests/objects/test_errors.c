/*
 * tests/objects/test_errors.c -- the error indicator: setting, fetching
 * and restoring exceptions, matching, MemoryError without memory,
 * implicit __context__ chaining, the recursion guard and the recursion
 * limit, and what MpErr_Print / MpErr_WriteUnraisable write to stderr.
 *
 * Expected texts are CPython 3.11's (checked with python3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "support/harness.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/pystate.h"

/* ---- Helpers ---- */

/* Assert that 'o' is a str equal to 'expected'. */
static void
assert_str(MpObject *o, const char *expected)
{
    assert_non_null(o);
    assert_true(MpUnicode_Check(o));
    assert_string_equal(MpUnicode_AsUTF8(o), expected);
}

/* Assert that an exception of 'type' with str() 'message' is set, and
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
    assert_null(MpErr_Occurred());
}

/* A new instance type(*args) with one str argument (or none). */
static MpObject *
new_exc(MpObject *type, const char *message)
{
    MpObject *args, *exc;

    if (message == NULL)
        return mp_exception_new(type, NULL);
    args = MpTuple_New(1);
    assert_non_null(args);
    MpTuple_SetItem(args, 0, MpUnicode_FromString(message));
    exc = mp_exception_new(type, args);
    Mp_DECREF(args);
    assert_non_null(exc);
    return exc;
}

static char captured[8192];
static FILE *capture_file;
static int original_stderr = -1;    /* dup of fd 2, made once */

/* Send stderr to a temporary file until capture_end.  A capture left
 * open by a failed test is closed first, so later reports are seen. */
static void
capture_begin(void)
{
    fflush(stderr);
    if (original_stderr < 0)
        original_stderr = dup(2);
    assert_true(original_stderr >= 0);
    if (capture_file != NULL) {
        dup2(original_stderr, 2);
        fclose(capture_file);
    }
    capture_file = tmpfile();
    assert_non_null(capture_file);
    assert_true(dup2(fileno(capture_file), 2) >= 0);
}

/* Restore stderr and return what was written meanwhile. */
static const char *
capture_end(void)
{
    size_t n;

    fflush(stderr);
    dup2(original_stderr, 2);
    rewind(capture_file);
    n = fread(captured, 1, sizeof(captured) - 1, capture_file);
    captured[n] = '\0';
    fclose(capture_file);
    capture_file = NULL;
    return captured;
}

/* ---- Setting and reading the indicator ---- */

static void
test_set_string(void **unused)
{
    MpObject *exc, *args;

    (void)unused;
    assert_null(MpErr_Occurred());
    MpErr_SetString(MpExc_TypeError, "bad thing");
    assert_ptr_equal(MpErr_Occurred(), MpExc_TypeError);
    assert_true(MpErr_ExceptionMatches(MpExc_TypeError));
    assert_true(MpErr_ExceptionMatches(MpExc_Exception));
    assert_false(MpErr_ExceptionMatches(MpExc_ValueError));
    exc = MpErr_GetRaisedException();
    assert_null(MpErr_Occurred());
    assert_int_equal(Mp_REFCNT(exc), 1);
    args = MpException_GetArgs(exc);
    assert_int_equal(MpTuple_Size(args), 1);
    assert_str(MpTuple_GetItem(args, 0), "bad thing");
    Mp_DECREF(args);
    Mp_DECREF(exc);
}

static void
test_set_object_normalizes(void **unused)
{
    MpObject *v, *exc, *args, *s;

    (void)unused;
    /* A tuple is the argument list. */
    v = MpTuple_Pack(2, Mp_None, Mp_True);
    MpErr_SetObject(MpExc_ValueError, v);
    exc = MpErr_GetRaisedException();
    args = MpException_GetArgs(exc);
    assert_int_equal(MpTuple_Size(args), 2);
    assert_ptr_equal(MpTuple_GetItem(args, 1), Mp_True);
    Mp_DECREF(args);
    Mp_DECREF(exc);
    Mp_DECREF(v);

    /* Any other value is the single argument. */
    v = MpUnicode_FromString("k");
    MpErr_SetObject(MpExc_KeyError, v);
    assert_error(MpExc_KeyError, "'k'");

    /* An instance of the class (or a subclass) is raised as it is. */
    exc = new_exc(MpExc_ZeroDivisionError, "z");
    MpErr_SetObject(MpExc_ArithmeticError, exc);
    assert_int_equal(Mp_REFCNT(exc), 2);
    assert_ptr_equal(MpErr_Occurred(), MpExc_ZeroDivisionError);
    MpErr_Clear();
    assert_int_equal(Mp_REFCNT(exc), 1);

    /* An instance of an unrelated class becomes the argument. */
    MpErr_SetObject(MpExc_TypeError, exc);
    assert_ptr_equal(MpErr_Occurred(), MpExc_TypeError);
    s = MpErr_GetRaisedException();
    args = MpException_GetArgs(s);
    assert_ptr_equal(MpTuple_GetItem(args, 0), exc);
    Mp_DECREF(args);
    Mp_DECREF(s);
    Mp_DECREF(exc);
    Mp_DECREF(v);

    /* No value: no arguments. */
    MpErr_SetNone(MpExc_IndexError);
    assert_error(MpExc_IndexError, "");
    MpErr_SetObject(MpExc_IndexError, Mp_None);
    assert_error(MpExc_IndexError, "");
}

static void
test_set_object_rejects_non_exceptions(void **unused)
{
    (void)unused;
    MpErr_SetObject((MpObject *)&MpLong_Type, NULL);
    assert_error(MpExc_SystemError, "MpErr_SetObject: exception <class "
                 "'int'> is not a BaseException subclass");
    MpErr_SetObject(NULL, NULL);
    assert_non_null(MpErr_Occurred());
    assert_true(MpErr_ExceptionMatches(MpExc_SystemError));
    MpErr_Clear();
}

static void
test_format(void **unused)
{
    MpObject *v = MpUnicode_FromString("v");

    (void)unused;
    assert_null(MpErr_Format(MpExc_ValueError, "%s=%d %R [%zd]", "x", -3,
                             v, (Mp_ssize_t)7));
    assert_error(MpExc_ValueError, "x=-3 'v' [7]");
    /* Formatting replaces an exception already set. */
    MpErr_SetString(MpExc_KeyError, "old");
    MpErr_Format(MpExc_TypeError, "new");
    assert_error(MpExc_TypeError, "new");
    Mp_DECREF(v);
}

static void
test_common_errors(void **unused)
{
    (void)unused;
    assert_int_equal(MpErr_BadArgument(), 0);
    assert_error(MpExc_TypeError, "bad argument type for built-in "
                 "operation");
    MpErr_BadInternalCall();
    assert_error(MpExc_SystemError, "bad argument to internal function");
}

/* ---- Matching ---- */

static void
test_given_exception_matches(void **unused)
{
    MpObject *exc = new_exc(MpExc_KeyError, "k");
    MpObject *pair = MpTuple_Pack(2, MpExc_TypeError, MpExc_LookupError);
    MpObject *other = MpTuple_Pack(2, MpExc_TypeError, MpExc_ValueError);
    MpObject *nested = MpTuple_Pack(2, MpExc_OSError, other);
    MpObject *deep = MpTuple_Pack(1, pair);

    (void)unused;
    assert_true(MpErr_GivenExceptionMatches(MpExc_KeyError,
                                            MpExc_KeyError));
    assert_true(MpErr_GivenExceptionMatches(MpExc_KeyError,
                                            MpExc_LookupError));
    assert_true(MpErr_GivenExceptionMatches(MpExc_KeyError,
                                            MpExc_BaseException));
    assert_false(MpErr_GivenExceptionMatches(MpExc_LookupError,
                                             MpExc_KeyError));
    assert_true(MpErr_GivenExceptionMatches(exc, MpExc_KeyError));
    assert_true(MpErr_GivenExceptionMatches(exc, pair));
    assert_false(MpErr_GivenExceptionMatches(exc, other));
    assert_false(MpErr_GivenExceptionMatches(exc, nested));
    assert_true(MpErr_GivenExceptionMatches(MpExc_ValueError, nested));
    assert_true(MpErr_GivenExceptionMatches(exc, deep));
    assert_false(MpErr_GivenExceptionMatches(NULL, MpExc_KeyError));
    assert_false(MpErr_GivenExceptionMatches(exc, NULL));
    /* Non-classes compare by identity. */
    assert_true(MpErr_GivenExceptionMatches(Mp_None, Mp_None));
    assert_false(MpErr_GivenExceptionMatches(MpExc_KeyError, Mp_None));
    /* SystemExit is not an Exception. */
    assert_false(MpErr_GivenExceptionMatches(MpExc_SystemExit,
                                             MpExc_Exception));
    assert_false(MpErr_ExceptionMatches(MpExc_Exception));
    Mp_DECREF(deep);
    Mp_DECREF(nested);
    Mp_DECREF(other);
    Mp_DECREF(pair);
    Mp_DECREF(exc);
}

/* ---- Fetch and Restore ---- */

static void
test_fetch_restore(void **unused)
{
    MpObject *type, *value, *tb, *exc;
    Mp_ssize_t type_refs = Mp_REFCNT(MpExc_ValueError);

    (void)unused;
    MpErr_Fetch(&type, &value, &tb);
    assert_null(type);
    assert_null(value);
    assert_null(tb);

    MpErr_SetString(MpExc_ValueError, "v");
    exc = MpErr_GetRaisedException();
    MpErr_SetRaisedException(Mp_NewRef(exc));
    assert_int_equal(Mp_REFCNT(exc), 2);
    MpErr_Fetch(&type, &value, &tb);
    assert_null(MpErr_Occurred());
    assert_ptr_equal(type, MpExc_ValueError);
    assert_int_equal(Mp_REFCNT(MpExc_ValueError), type_refs + 1);
    assert_ptr_equal(value, exc);
    assert_int_equal(Mp_REFCNT(exc), 2);
    assert_null(tb);
    /* Restore steals all three. */
    MpErr_Restore(type, value, tb);
    assert_int_equal(Mp_REFCNT(MpExc_ValueError), type_refs);
    assert_int_equal(Mp_REFCNT(exc), 2);
    assert_ptr_equal(MpErr_Occurred(), MpExc_ValueError);
    MpErr_Clear();
    assert_int_equal(Mp_REFCNT(exc), 1);
    Mp_DECREF(exc);
    assert_int_equal(Mp_REFCNT(MpExc_ValueError), type_refs);
}

static void
test_restore_normalizes(void **unused)
{
    MpObject *tb = MpList_New(0);
    MpObject *type, *value, *got;

    (void)unused;
    /* A NULL value makes an instance with no arguments. */
    MpErr_Restore(Mp_NewRef(MpExc_IndexError), NULL, NULL);
    assert_error(MpExc_IndexError, "");
    /* A plain value becomes the argument. */
    MpErr_Restore(Mp_NewRef(MpExc_ValueError), MpUnicode_FromString("m"),
                  NULL);
    assert_error(MpExc_ValueError, "m");
    /* A NULL type clears the indicator. */
    MpErr_SetString(MpExc_ValueError, "x");
    MpErr_Restore(NULL, NULL, NULL);
    assert_null(MpErr_Occurred());

    /* The traceback given is stored on the instance. */
    mp_exceptions_set_traceback_type(&MpList_Type);
    MpErr_Restore(Mp_NewRef(MpExc_ValueError), NULL, Mp_NewRef(tb));
    assert_int_equal(Mp_REFCNT(tb), 2);
    MpErr_Fetch(&type, &value, &got);
    assert_ptr_equal(got, tb);
    assert_int_equal(Mp_REFCNT(tb), 3);
    got = MpException_GetTraceback(value);
    assert_ptr_equal(got, tb);
    Mp_DECREF(got);
    MpErr_Restore(type, value, tb);     /* gives back the fetched refs */
    MpErr_Clear();
    mp_exceptions_set_traceback_type(NULL);
    assert_int_equal(Mp_REFCNT(tb), 1);
    Mp_DECREF(tb);
}

/* ---- MemoryError ---- */

static int fail_calls;

static int
fail_everything(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    fail_calls++;
    return 1;
}

static void
test_nomemory_allocates_nothing(void **unused)
{
    MpObject *kept = mp_exceptions_memoryerror();
    MpObject *exc, *second;

    (void)unused;
    assert_non_null(kept);
    fail_calls = 0;
    MpAlloc_SetFailHook(fail_everything, NULL);
    assert_null(MpErr_NoMemory());
    MpAlloc_SetFailHook(NULL, NULL);
    assert_int_equal(fail_calls, 0);
    assert_ptr_equal(MpErr_Occurred(), MpExc_MemoryError);
    exc = MpErr_GetRaisedException();
    assert_ptr_equal(exc, kept);

    /* The kept one is in use: with no memory, it is shared. */
    MpAlloc_SetFailHook(fail_everything, NULL);
    MpErr_NoMemory();
    MpAlloc_SetFailHook(NULL, NULL);
    second = MpErr_GetRaisedException();
    assert_ptr_equal(second, kept);
    Mp_DECREF(second);

    /* With memory, a fresh one is made. */
    MpErr_NoMemory();
    second = MpErr_GetRaisedException();
    assert_non_null(second);
    assert_ptr_not_equal(second, kept);
    assert_true(MpErr_GivenExceptionMatches(second, MpExc_MemoryError));
    Mp_DECREF(second);
    Mp_DECREF(exc);
    assert_int_equal(Mp_REFCNT(kept), 1);
}

/* Printing MemoryError must work with no memory at all. */
static void
test_print_memoryerror_without_memory(void **unused)
{
    (void)unused;
    MpAlloc_SetFailHook(fail_everything, NULL);
    MpErr_NoMemory();
    capture_begin();
    MpErr_Print();
    MpAlloc_SetFailHook(NULL, NULL);
    assert_string_equal(capture_end(), "MemoryError\n");
    assert_null(MpErr_Occurred());
}

static void
test_nomemory_resets_kept_instance(void **unused)
{
    MpObject *kept = mp_exceptions_memoryerror();
    MpObject *cause = new_exc(MpExc_ValueError, "c");
    MpObject *exc, *got;

    (void)unused;
    MpErr_NoMemory();
    exc = MpErr_GetRaisedException();
    assert_ptr_equal(exc, kept);
    MpException_SetCause(exc, cause);
    Mp_DECREF(exc);
    MpErr_NoMemory();
    exc = MpErr_GetRaisedException();
    assert_ptr_equal(exc, kept);
    got = MpException_GetCause(exc);
    assert_null(got);
    Mp_DECREF(exc);
}

static int fail_at;
static int alloc_count;

static int
fail_kth(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return ++alloc_count == fail_at;
}

/* Failing each allocation in turn while raising leaves MemoryError (or
 * the intended error once nothing fails) and no leak. */
static void
test_raise_under_allocation_failure(void **unused)
{
    MpObject *v = MpUnicode_FromString("v");
    int k, done = 0;

    (void)unused;
    for (k = 1; k < 100 && !done; k++) {
        Mp_ssize_t live = Mp_GetLiveObjects();
        alloc_count = 0;
        fail_at = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        MpErr_Format(MpExc_ValueError, "bad value %R in %s", v, "place");
        MpAlloc_SetFailHook(NULL, NULL);
        assert_non_null(MpErr_Occurred());
        if (alloc_count < k) {
            done = 1;
            assert_error(MpExc_ValueError, "bad value 'v' in place");
        }
        else {
            assert_true(MpErr_ExceptionMatches(MpExc_MemoryError));
            MpErr_Clear();
        }
        assert_int_equal(Mp_GetLiveObjects(), live);
    }
    assert_true(done);
    assert_true(k > 2);
    Mp_DECREF(v);
}

/* ---- Implicit chaining ---- */

static void
test_context_from_handled_exception(void **unused)
{
    MpObject *handled = new_exc(MpExc_KeyError, "k");
    mp_err_stackitem item = {handled, mp_tstate.exc_info};
    mp_err_stackitem top = {Mp_None, &item};
    MpObject *exc, *ctx, *self;

    (void)unused;
    mp_tstate.exc_info = &item;
    MpErr_SetString(MpExc_TypeError, "during");
    exc = MpErr_GetRaisedException();
    ctx = MpException_GetContext(exc);
    assert_ptr_equal(ctx, handled);
    Mp_DECREF(ctx);
    assert_null(MpException_GetCause(exc));
    Mp_DECREF(exc);

    /* Raising the handled exception itself sets no context. */
    MpErr_SetObject(MpExc_KeyError, handled);
    self = MpErr_GetRaisedException();
    assert_ptr_equal(self, handled);
    assert_null(MpException_GetContext(self));
    Mp_DECREF(self);

    /* None entries are skipped on the way down the stack. */
    mp_tstate.exc_info = &top;
    assert_ptr_equal(mp_errors_get_handled(), handled);
    MpErr_SetNone(MpExc_ValueError);
    exc = MpErr_GetRaisedException();
    ctx = MpException_GetContext(exc);
    assert_ptr_equal(ctx, handled);
    Mp_DECREF(ctx);
    Mp_DECREF(exc);

    mp_tstate.exc_info = item.previous_item;
    assert_null(mp_errors_get_handled());
    MpErr_SetNone(MpExc_ValueError);
    exc = MpErr_GetRaisedException();
    assert_null(MpException_GetContext(exc));
    Mp_DECREF(exc);
    Mp_DECREF(handled);
}

/* Raising 'e' while handling 'h' whose context chain already leads to
 * 'e' must not make a cycle: the chain is cut before 'e'. */
static void
test_context_chaining_avoids_cycles(void **unused)
{
    MpObject *e = new_exc(MpExc_ValueError, "e");
    MpObject *m = new_exc(MpExc_KeyError, "m");
    MpObject *h = new_exc(MpExc_TypeError, "h");
    mp_err_stackitem item = {h, mp_tstate.exc_info};
    MpObject *ctx;

    (void)unused;
    /* h -> m -> e */
    MpException_SetContext(h, Mp_NewRef(m));
    MpException_SetContext(m, Mp_NewRef(e));
    mp_tstate.exc_info = &item;
    MpErr_SetObject(MpExc_ValueError, e);
    mp_tstate.exc_info = item.previous_item;
    MpErr_Clear();
    /* now e -> h -> m, and m's link to e is gone */
    ctx = MpException_GetContext(e);
    assert_ptr_equal(ctx, h);
    Mp_DECREF(ctx);
    ctx = MpException_GetContext(h);
    assert_ptr_equal(ctx, m);
    Mp_DECREF(ctx);
    assert_null(MpException_GetContext(m));

    /* A cycle already there (h <-> m) does not hang the walk. */
    MpException_SetContext(m, Mp_NewRef(h));
    MpException_SetContext(e, NULL);
    mp_tstate.exc_info = &item;
    MpErr_SetObject(MpExc_ValueError, e);
    mp_tstate.exc_info = item.previous_item;
    MpErr_Clear();
    ctx = MpException_GetContext(e);
    assert_ptr_equal(ctx, h);
    Mp_DECREF(ctx);
    /* Break the cycle so that reference counting frees everything. */
    MpException_SetContext(m, NULL);
    Mp_DECREF(e);
    Mp_DECREF(m);
    Mp_DECREF(h);
}

/* ---- The recursion guard ---- */

static void
test_recursion_guard(void **unused)
{
    int i, depth = mp_tstate.recursion_depth;
    MpObject *first, *second;

    (void)unused;
    assert_int_equal(Mp_GetRecursionLimit(), 1000);
    assert_int_equal(Mp_SetRecursionLimit(depth + 50), 0);
    for (i = 0; i < 50; i++)
        assert_int_equal(Mp_EnterRecursiveCall(" in test"), 0);
    assert_int_equal(mp_tstate.recursion_depth, depth + 50);
    assert_int_equal(Mp_EnterRecursiveCall(" in test"), -1);
    first = MpErr_GetRaisedException();
    /* The failed call is not counted. */
    assert_int_equal(mp_tstate.recursion_depth, depth + 50);
    assert_int_equal(mp_tstate.recursion_headroom, 0);
    assert_int_equal(Mp_EnterRecursiveCall(""), -1);
    second = MpErr_GetRaisedException();
    for (i = 0; i < 50; i++)
        Mp_LeaveRecursiveCall();
    /* str() itself needs a level: check the messages down here. */
    MpErr_SetRaisedException(first);
    assert_error(MpExc_RecursionError,
                 "maximum recursion depth exceeded in test");
    MpErr_SetRaisedException(second);
    assert_error(MpExc_RecursionError, "maximum recursion depth exceeded");
    assert_int_equal(mp_tstate.recursion_depth, depth);
    assert_int_equal(Mp_EnterRecursiveCall(" in test"), 0);
    Mp_LeaveRecursiveCall();
    assert_int_equal(Mp_SetRecursionLimit(1000), 0);
}

/* Recurse in C until the guard refuses; each level uses ~1 KB of stack.
 * Returns the depth reached. */
static int
deep_c_recursion(int level)
{
    volatile char pad[1024];
    int r;

    pad[0] = (char)level;
    if (Mp_EnterRecursiveCall(" in deep_c_recursion") < 0)
        return level;
    r = deep_c_recursion(level + 1);
    Mp_LeaveRecursiveCall();
    return r + (pad[0] - (char)level);
}

static void
test_recursion_guard_protects_c_stack(void **unused)
{
    int depth = mp_tstate.recursion_depth;
    int reached;

    (void)unused;
    assert_int_equal(Mp_SetRecursionLimit(100000000), 0);
    reached = deep_c_recursion(0);
    /* Far below the limit: the C stack ran low first. */
    assert_true(reached > 100);
    assert_true(reached < 100000000);
    assert_error(MpExc_RecursionError, "maximum recursion depth exceeded "
                 "in deep_c_recursion");
    assert_int_equal(mp_tstate.recursion_depth, depth);
    assert_int_equal(Mp_SetRecursionLimit(1000), 0);
}

static void *
recursion_thread(void *arg)
{
    *(int *)arg = deep_c_recursion(0);
    return NULL;
}

/* The runtime entered from a thread with a small stack (one thread at a
 * time) measures that stack, not the initialising one. */
static void
test_recursion_guard_on_thread_stack(void **unused)
{
    pthread_attr_t attr;
    pthread_t thread;
    int reached = 0;

    (void)unused;
    assert_int_equal(Mp_SetRecursionLimit(100000000), 0);
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, 1024 * 1024), 0);
    assert_int_equal(pthread_create(&thread, &attr, recursion_thread,
                                    &reached), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    pthread_attr_destroy(&attr);
    /* ~1 KB per level, half of the 1 MB stack usable. */
    assert_true(reached > 100);
    assert_true(reached < 1024);
    assert_error(MpExc_RecursionError, "maximum recursion depth exceeded "
                 "in deep_c_recursion");
    /* Back on the main stack, the guard measures it again. */
    assert_int_equal(mp_pystate_c_stack_exhausted(), 0);
    assert_int_equal(Mp_EnterRecursiveCall(""), 0);
    Mp_LeaveRecursiveCall();
    assert_int_equal(Mp_SetRecursionLimit(1000), 0);
}

static void
test_set_recursion_limit_errors(void **unused)
{
    int i;

    (void)unused;
    assert_int_equal(Mp_SetRecursionLimit(0), -1);
    assert_error(MpExc_ValueError,
                 "recursion limit must be greater or equal than 1");
    assert_int_equal(Mp_SetRecursionLimit(-5), -1);
    assert_error(MpExc_ValueError,
                 "recursion limit must be greater or equal than 1");
    assert_int_equal(Mp_SetRecursionLimit((Mp_ssize_t)1 << 31), -1);
    assert_error(MpExc_OverflowError,
                 "Python int too large to convert to C int");
    for (i = 0; i < 103; i++)
        assert_int_equal(Mp_EnterRecursiveCall(""), 0);
    assert_int_equal(Mp_SetRecursionLimit(50), -1);
    assert_error(MpExc_RecursionError, "cannot set the recursion limit to "
                 "50 at the recursion depth 103: the limit is too low");
    assert_int_equal(Mp_SetRecursionLimit(103), -1);
    MpErr_Clear();
    assert_int_equal(Mp_SetRecursionLimit(104), 0);
    assert_int_equal(Mp_GetRecursionLimit(), 104);
    for (i = 0; i < 103; i++)
        Mp_LeaveRecursiveCall();
    assert_int_equal(Mp_SetRecursionLimit(1000), 0);
    assert_int_equal(Mp_GetRecursionLimit(), 1000);
}

/* ---- Printing ---- */

static void
test_print_plain(void **unused)
{
    MpObject *k = MpUnicode_FromString("k");
    const char *out;

    (void)unused;
    MpErr_SetString(MpExc_TypeError, "message");
    capture_begin();
    MpErr_Print();
    out = capture_end();
    assert_string_equal(out, "TypeError: message\n");
    assert_null(MpErr_Occurred());

    MpErr_SetNone(MpExc_TypeError);
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "TypeError\n");

    MpErr_SetObject(MpExc_KeyError, k);
    capture_begin();
    MpErr_PrintEx(0);
    assert_string_equal(capture_end(), "KeyError: 'k'\n");

    /* Nothing set: nothing printed. */
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "");
    Mp_DECREF(k);
}

static void
test_print_chained(void **unused)
{
    MpObject *a = new_exc(MpExc_ValueError, "a");
    MpObject *b = new_exc(MpExc_KeyError, "k");
    MpObject *c = new_exc(MpExc_RuntimeError, NULL);
    MpObject *k;

    (void)unused;
    MpException_SetCause(b, a);                 /* raise KeyError from a */
    MpException_SetContext(b, Mp_NewRef(a));
    MpException_SetContext(c, b);               /* raised while handling */
    MpErr_SetRaisedException(c);
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(),
        "ValueError: a\n"
        "\n"
        "The above exception was the direct cause of the following "
        "exception:\n"
        "\n"
        "KeyError: 'k'\n"
        "\n"
        "During handling of the above exception, another exception "
        "occurred:\n"
        "\n"
        "RuntimeError\n");

    /* __suppress_context__ hides the context ("raise ... from None"). */
    k = new_exc(MpExc_KeyError, "inner");
    c = new_exc(MpExc_TypeError, "outer");
    MpException_SetContext(c, k);
    MpException_SetCause(c, NULL);
    MpErr_SetRaisedException(c);
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "TypeError: outer\n");
}

static void
test_print_survives_context_cycle(void **unused)
{
    MpObject *a = new_exc(MpExc_ValueError, "a");
    MpObject *b = new_exc(MpExc_TypeError, "b");

    (void)unused;
    MpException_SetContext(a, Mp_NewRef(b));
    MpException_SetContext(b, Mp_NewRef(a));
    MpErr_SetRaisedException(Mp_NewRef(a));
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(),
        "TypeError: b\n"
        "\n"
        "During handling of the above exception, another exception "
        "occurred:\n"
        "\n"
        "ValueError: a\n");
    MpException_SetContext(a, NULL);
    Mp_DECREF(a);
    Mp_DECREF(b);
}

/* A chain longer than the printer's local storage. */
static void
test_print_long_chain(void **unused)
{
    MpObject *exc = NULL;
    const char *out, *p;
    char expected[32];
    int i, separators = 0;

    (void)unused;
    for (i = 0; i < 40; i++) {
        char msg[16];
        MpObject *next;
        snprintf(msg, sizeof(msg), "e%d", i);
        next = new_exc(MpExc_ValueError, msg);
        MpException_SetContext(next, exc);
        exc = next;
    }
    MpErr_SetRaisedException(exc);
    capture_begin();
    MpErr_Print();
    out = capture_end();
    assert_true(strncmp(out, "ValueError: e0\n", 15) == 0);
    snprintf(expected, sizeof(expected), "ValueError: e39\n");
    assert_string_equal(out + strlen(out) - strlen(expected), expected);
    for (p = out; (p = strstr(p, "During handling")) != NULL; p++)
        separators++;
    assert_int_equal(separators, 39);
}

static int
fake_traceback_printer(MpObject *exc, FILE *out)
{
    MpObject *tb = MpException_GetTraceback(exc);

    fprintf(out, "Traceback (most recent call last):\n  %zd frames\n",
            MpList_Size(tb));
    Mp_DECREF(tb);
    return 0;
}

static void
test_print_uses_traceback_printer(void **unused)
{
    MpObject *tb = MpList_New(0);
    MpObject *exc = new_exc(MpExc_ValueError, "v");

    (void)unused;
    /* The interpreter may have installed its printer: this test's
     * "traceback" is a list, which only the fake printer understands. */
    mp_errors_set_traceback_printer(NULL);
    mp_exceptions_set_traceback_type(&MpList_Type);
    assert_int_equal(MpException_SetTraceback(exc, tb), 0);
    /* Without a printer no traceback lines are written. */
    MpErr_SetRaisedException(Mp_NewRef(exc));
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "ValueError: v\n");

    mp_errors_set_traceback_printer(fake_traceback_printer);
    MpErr_SetRaisedException(Mp_NewRef(exc));
    capture_begin();
    MpErr_Print();
    mp_errors_set_traceback_printer(NULL);
    mp_exceptions_set_traceback_type(NULL);
    assert_string_equal(capture_end(), "Traceback (most recent call last):\n"
                        "  0 frames\nValueError: v\n");
    Mp_DECREF(exc);
    Mp_DECREF(tb);
}

static void
test_print_notes(void **unused)
{
    MpObject *exc = new_exc(MpExc_ValueError, "x");
    MpObject *note = MpUnicode_FromString("note one");
    MpObject *r;

    (void)unused;
    r = MpObject_CallMethod(exc, "add_note", &note, 1);
    assert_non_null(r);
    Mp_DECREF(r);
    Mp_DECREF(note);
    MpErr_SetRaisedException(exc);
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "ValueError: x\nnote one\n");
}

/* SyntaxError('invalid syntax', (file, line, offset, text, end_line,
 * end_offset)) */
static MpObject *
syntax_error(const char *text, long offset, long end_offset)
{
    MpObject *info = MpTuple_New(6), *args, *exc;

    MpTuple_SetItem(info, 0, MpUnicode_FromString("x.py"));
    MpTuple_SetItem(info, 1, MpLong_FromLong(2));
    MpTuple_SetItem(info, 2, MpLong_FromLong(offset));
    MpTuple_SetItem(info, 3, MpUnicode_FromString(text));
    MpTuple_SetItem(info, 4, MpLong_FromLong(2));
    MpTuple_SetItem(info, 5, MpLong_FromLong(end_offset));
    args = MpTuple_New(2);
    MpTuple_SetItem(args, 0, MpUnicode_FromString("invalid syntax"));
    MpTuple_SetItem(args, 1, info);
    exc = mp_exception_new(MpExc_SyntaxError, args);
    assert_non_null(exc);
    Mp_DECREF(args);
    return exc;
}

static void
test_print_syntax_error(void **unused)
{
    static const struct {
        const char *text;
        long offset, end_offset;
        const char *expected;
    } cases[] = {
        {"x = = 2\n", 5, 6, "    x = = 2\n        ^\n"},
        {"    foo bar baz\n", 6, 100, "    foo bar baz\n     ^^^^^^^^^^^\n"},
        {"    foo bar baz\n", 6, 3, "    foo bar baz\n     ^\n"},
        {"    foo bar baz\n", 3, 8, "    foo bar baz\n"},
        {"foo bar baz\n", 0, 3, "    foo bar baz\n"},
        {"foo bar baz\n", 100, 300, "    foo bar baz\n               ^\n"},
        {"foo bar baz", 2, -1, "    foo bar baz\n     ^\n"},
        {"foo\nbar baz\n", 2, 9, "    foo\nbar baz\n     ^^^^^^^\n"},
    };
    char expected[256];
    size_t i;

    (void)unused;
    for (i = 0; i < MP_ARRAY_LENGTH(cases); i++) {
        MpErr_SetRaisedException(syntax_error(cases[i].text,
                                              cases[i].offset,
                                              cases[i].end_offset));
        capture_begin();
        MpErr_Print();
        snprintf(expected, sizeof(expected),
                 "  File \"x.py\", line 2\n%sSyntaxError: invalid syntax\n",
                 cases[i].expected);
        assert_string_equal(capture_end(), expected);
    }
}

/* type(name, (KeyError,), {'__module__': module}) */
static MpObject *
make_class(const char *name, const char *module)
{
    MpObject *ns = MpDict_New(), *mod = MpUnicode_FromString(module);
    MpObject *args = MpTuple_New(3), *cls;

    MpDict_SetItemString(ns, "__module__", mod);
    Mp_DECREF(mod);
    MpTuple_SetItem(args, 0, MpUnicode_FromString(name));
    MpTuple_SetItem(args, 1, MpTuple_Pack(1, MpExc_KeyError));
    MpTuple_SetItem(args, 2, ns);
    cls = MpObject_Call((MpObject *)&MpType_Type, args, NULL);
    Mp_DECREF(args);
    assert_non_null(cls);
    return cls;
}

static void
test_print_python_class_names(void **unused)
{
    MpObject *in_main = make_class("MainError", "__main__");
    MpObject *in_mod = make_class("ModError", "pkg.mod");

    (void)unused;
    MpErr_SetString(in_main, "boom");
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "MainError: 'boom'\n");
    MpErr_SetNone(in_mod);
    capture_begin();
    MpErr_Print();
    assert_string_equal(capture_end(), "pkg.mod.ModError\n");
    Mp_DECREF(in_mod);
    Mp_DECREF(in_main);
}

static void
test_write_unraisable(void **unused)
{
    MpObject *obj = MpUnicode_FromString("obj");

    (void)unused;
    MpErr_SetString(MpExc_ValueError, "in __del__");
    capture_begin();
    MpErr_WriteUnraisable(obj);
    assert_string_equal(capture_end(), "Exception ignored in: 'obj'\n"
                        "ValueError: in __del__\n");
    assert_null(MpErr_Occurred());
    MpErr_SetNone(MpExc_KeyError);
    capture_begin();
    MpErr_WriteUnraisable(NULL);
    assert_string_equal(capture_end(), "KeyError\n");
    Mp_DECREF(obj);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_set_string),
        MP_TEST(test_set_object_normalizes),
        MP_TEST(test_set_object_rejects_non_exceptions),
        MP_TEST(test_format),
        MP_TEST(test_common_errors),
        MP_TEST(test_given_exception_matches),
        MP_TEST(test_fetch_restore),
        MP_TEST(test_restore_normalizes),
        MP_TEST(test_nomemory_allocates_nothing),
        MP_TEST(test_nomemory_resets_kept_instance),
        MP_TEST(test_print_memoryerror_without_memory),
        MP_TEST(test_raise_under_allocation_failure),
        MP_TEST(test_context_from_handled_exception),
        MP_TEST(test_context_chaining_avoids_cycles),
        MP_TEST(test_recursion_guard),
        MP_TEST(test_recursion_guard_protects_c_stack),
        MP_TEST(test_recursion_guard_on_thread_stack),
        MP_TEST(test_set_recursion_limit_errors),
        MP_TEST(test_print_plain),
        MP_TEST(test_print_chained),
        MP_TEST(test_print_survives_context_cycle),
        MP_TEST(test_print_long_chain),
        MP_TEST(test_print_uses_traceback_printer),
        MP_TEST(test_print_notes),
        MP_TEST(test_print_syntax_error),
        MP_TEST(test_print_python_class_names),
        MP_TEST(test_write_unraisable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
