/*
 * test_listobject.c -- list: growth and preallocation sizes, slices,
 * methods, errors, repr, comparison, iterators, release order and
 * allocation failures.  Expected sizes and slice results come from
 * container_cases.h (gen_container_cases.py, run with CPython 3.11);
 * messages are CPython 3.11's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "support/harness.h"
#include "include/internal/mp_core.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
#include "container_cases.h"

/* ---- Helpers ---- */

static MpObject *
I(long v)
{
    MpObject *o = MpLong_FromLong(v);
    assert_non_null(o);
    return o;
}

/* [0, 1, ..., n-1] built by appends. */
static MpObject *
int_list(long n)
{
    MpObject *l = MpList_New(0);
    long i;

    assert_non_null(l);
    for (i = 0; i < n; i++)
        assert_int_equal(mp_list_append_take(l, I(i)), 0);
    return l;
}

static long
item_long(MpObject *l, Mp_ssize_t i)
{
    return MpLong_AsLong(MpList_GET_ITEM(l, i));
}

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
check_repr(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Repr(o);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
}

/* obj.name(*args), stealing the arguments: New or NULL. */
static MpObject *
call(MpObject *obj, const char *name, Mp_ssize_t nargs, ...)
{
    MpObject *args[4], *r;
    Mp_ssize_t i;
    va_list va;

    va_start(va, nargs);
    for (i = 0; i < nargs; i++)
        args[i] = va_arg(va, MpObject *);
    va_end(va);
    r = MpObject_CallMethod(obj, name, args, nargs);
    for (i = 0; i < nargs; i++)
        Mp_DECREF(args[i]);
    return r;
}

/* Call, expect failure with type/message; arguments are stolen. */
static void
call_fails(MpObject *obj, const char *name, MpObject *type,
           const char *message, Mp_ssize_t nargs, MpObject *a0, MpObject *a1)
{
    MpObject *args[2] = {a0, a1};
    MpObject *r = MpObject_CallMethod(obj, name, args, nargs);
    Mp_ssize_t i;

    assert_null(r);
    check_exc(type, message);
    for (i = 0; i < nargs; i++)
        Mp_DECREF(args[i]);
}

static MpObject *
type_call(MpTypeObject *type, MpObject *arg)
{
    MpObject *args = arg ? MpTuple_Pack(1, arg) : MpTuple_New(0);
    MpObject *r;

    assert_non_null(args);
    r = MpObject_Call((MpObject *)type, args, NULL);
    Mp_DECREF(args);
    return r;
}

static MpObject *
make_range(long n)
{
    MpObject *arg = I(n), *r = type_call(&MpRange_Type, arg);
    Mp_DECREF(arg);
    assert_non_null(r);
    return r;
}

/* ---- An iterator with no length hint (like a generator) ---- */

typedef struct {
    MpObject_HEAD
    long i, n;
} CountObject;

static MpObject *
count_next(MpObject *op)
{
    CountObject *c = (CountObject *)op;
    if (c->i >= c->n)
        return NULL;
    return MpLong_FromLong(c->i++);
}

static void
count_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpTypeObject Count_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test.Count",
    .tp_basicsize = sizeof(CountObject),
    .tp_dealloc = count_dealloc,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = count_next,
};

static MpObject *
make_count(long n)
{
    CountObject *c;

    assert_int_equal(MpType_Ready(&Count_Type), 0);
    c = MpObject_New(CountObject, &Count_Type);
    assert_non_null(c);
    c->i = 0;
    c->n = n;
    return (MpObject *)c;
}

/* ---- An object recording the order of deallocations ---- */

static int rec_log[64];
static int rec_nlog;

typedef struct {
    MpObject_HEAD
    int id;
} RecObject;

static void
rec_dealloc(MpObject *op)
{
    rec_log[rec_nlog++] = ((RecObject *)op)->id;
    MpObject_Del(op);
}

static MpTypeObject Rec_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test.Rec",
    .tp_basicsize = sizeof(RecObject),
    .tp_dealloc = rec_dealloc,
};

static MpObject *
make_rec(int id)
{
    RecObject *r;

    assert_int_equal(MpType_Ready(&Rec_Type), 0);
    r = MpObject_New(RecObject, &Rec_Type);
    assert_non_null(r);
    r->id = id;
    return (MpObject *)r;
}

/* ---- Growth and sizes ---- */

static void
test_append_sizes(void **state)
{
    MpObject *l = MpList_New(0);
    Mp_ssize_t i;

    (void)state;
    assert_int_equal(MpObject_GetSizeOf(l), list_append_sizes[0]);
    for (i = 0; i < 100; i++) {
        assert_int_equal(MpList_Append(l, Mp_None), 0);
        assert_int_equal(MpObject_GetSizeOf(l), list_append_sizes[i + 1]);
    }
    for (i = 0; i < 100; i++) {
        MpObject *v = call(l, "pop", 0);
        assert_ptr_equal(v, Mp_None);
        Mp_DECREF(v);
        assert_int_equal(MpObject_GetSizeOf(l), list_pop_sizes[i]);
    }
    Mp_DECREF(l);
}

static void
test_prealloc_paths(void **state)
{
    size_t k;

    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(prealloc_cases); k++) {
        const struct prealloc_case *c = &prealloc_cases[k];
        MpObject *range = make_range(c->n), *src, *tup, *gen, *r;

        src = type_call(&MpList_Type, range);
        assert_non_null(src);
        assert_int_equal(MpObject_GetSizeOf(src), c->range);
        tup = MpList_AsTuple(src);
        r = type_call(&MpList_Type, tup);
        assert_int_equal(MpObject_GetSizeOf(r), c->tuple);
        Mp_DECREF(r);
        gen = make_count(c->n);
        r = type_call(&MpList_Type, gen);
        assert_int_equal(MpList_GET_SIZE(r), c->n);
        assert_int_equal(MpObject_GetSizeOf(r), c->gen);
        Mp_DECREF(r);
        r = MpList_GetSlice(src, 0, c->n);
        assert_int_equal(MpObject_GetSizeOf(r), c->slice);
        Mp_DECREF(r);
        r = call(src, "copy", 0);
        assert_int_equal(MpObject_GetSizeOf(r), c->copy);
        Mp_DECREF(r);
        r = MpNumber_Add(src, src);
        assert_int_equal(MpObject_GetSizeOf(r), c->concat);
        Mp_DECREF(r);
        r = type_call(&MpList_Type, src);       /* sorted()'s first step */
        assert_int_equal(MpObject_GetSizeOf(r), c->sorted);
        Mp_DECREF(r);
        Mp_DECREF(gen);
        Mp_DECREF(tup);
        Mp_DECREF(range);
        Mp_DECREF(src);
        {
            MpObject *zero = int_list(1), *n = I(c->n);
            r = MpNumber_Multiply(zero, n);
            assert_int_equal(MpObject_GetSizeOf(r), c->repeat);
            Mp_DECREF(r);
            Mp_DECREF(n);
            Mp_DECREF(zero);
        }
    }
}

static void
test_clear_drops_storage(void **state)
{
    MpObject *l = int_list(10), *r;

    (void)state;
    r = call(l, "clear", 0);
    Mp_DECREF(r);
    assert_int_equal(MpObject_GetSizeOf(l), 56);
    Mp_DECREF(l);
    l = int_list(10);
    assert_int_equal(MpList_SetSlice(l, 0, 10, NULL), 0);
    assert_int_equal(MpObject_GetSizeOf(l), 56);
    Mp_DECREF(l);
}

/* ---- Slices ---- */

static MpObject *
slice_arg(int32_t v)
{
    return v == NOARG ? NULL : I(v);
}

static void
test_slice_table(void **state)
{
    size_t k;

    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(slice_cases); k++) {
        const struct slice_case *c = &slice_cases[k];
        MpObject *range = make_range(10), *l = type_call(&MpList_Type, range);
        MpObject *vals, *start, *stop, *step, *slice;
        int rc;
        Mp_ssize_t i;

        start = slice_arg(c->start);
        stop = slice_arg(c->stop);
        step = slice_arg(c->step);
        slice = MpSlice_New(start, stop, step);
        assert_non_null(slice);
        if (c->nvals < 0) {
            rc = MpObject_DelItem(l, slice);
        }
        else {
            vals = MpList_New(0);
            for (i = 0; i < c->nvals; i++)
                mp_list_append_take(vals, I(100 + i));
            rc = MpObject_SetItem(l, slice, vals);
            Mp_DECREF(vals);
        }
        if (rc != -c->err)
            print_message("slice case %zu failed\n", k);
        if (c->err) {
            assert_int_equal(rc, -1);
            mp_assert_raised(MpExc_ValueError);
        }
        else {
            assert_int_equal(rc, 0);
            assert_int_equal(MpList_GET_SIZE(l), c->len);
            for (i = 0; i < c->len; i++)
                assert_int_equal(item_long(l, i), c->items[i]);
        }
        if (MpObject_GetSizeOf(l) != c->size)
            print_message("slice case %zu: size\n", k);
        assert_int_equal(MpObject_GetSizeOf(l), c->size);
        Mp_XDECREF(start);
        Mp_XDECREF(stop);
        Mp_XDECREF(step);
        Mp_DECREF(slice);
        Mp_DECREF(l);
        Mp_DECREF(range);
    }
}

static void
test_slice_errors_and_self(void **state)
{
    MpObject *l = int_list(3), *slice, *two, *five, *r;

    (void)state;
    two = I(2);
    slice = MpSlice_New(NULL, NULL, two);
    r = int_list(3);
    assert_int_equal(MpObject_SetItem(l, slice, r), -1);
    check_exc(MpExc_ValueError, "attempt to assign sequence of size 3 to "
              "extended slice of size 2");
    Mp_DECREF(r);
    five = I(5);
    assert_int_equal(MpObject_SetItem(l, slice, five), -1);
    check_exc(MpExc_TypeError, "must assign iterable to extended slice");
    Mp_DECREF(slice);
    slice = MpSlice_New(NULL, two, NULL);
    assert_int_equal(MpObject_SetItem(l, slice, five), -1);
    check_exc(MpExc_TypeError, "can only assign an iterable");
    /* l[:2] = l, then l[::-1] = l */
    assert_int_equal(MpObject_SetItem(l, slice, l), 0);
    assert_int_equal(MpList_GET_SIZE(l), 4);
    assert_int_equal(item_long(l, 0), 0);
    assert_int_equal(item_long(l, 2), 2);
    assert_int_equal(item_long(l, 3), 2);
    Mp_DECREF(slice);
    r = I(-1);
    slice = MpSlice_New(NULL, NULL, r);
    assert_int_equal(MpObject_SetItem(l, slice, l), 0);
    check_repr(l, "[2, 2, 1, 0]");
    Mp_DECREF(r);
    Mp_DECREF(slice);
    Mp_DECREF(two);
    Mp_DECREF(five);
    Mp_DECREF(l);
}

static void
test_subscript(void **state)
{
    MpObject *l = int_list(5), *k, *r, *slice, *step;

    (void)state;
    k = I(-1);
    r = MpObject_GetItem(l, k);
    assert_int_equal(MpLong_AsLong(r), 4);
    Mp_DECREF(r);
    Mp_DECREF(k);
    k = I(5);
    assert_null(MpObject_GetItem(l, k));
    check_exc(MpExc_IndexError, "list index out of range");
    assert_int_equal(MpObject_SetItem(l, k, Mp_None), -1);
    check_exc(MpExc_IndexError, "list assignment index out of range");
    assert_int_equal(MpObject_DelItem(l, k), -1);
    check_exc(MpExc_IndexError, "list assignment index out of range");
    Mp_DECREF(k);
    k = MpUnicode_FromString("a");
    assert_null(MpObject_GetItem(l, k));
    check_exc(MpExc_TypeError, "list indices must be integers or slices, "
              "not str");
    Mp_DECREF(k);
    step = I(-2);
    slice = MpSlice_New(NULL, NULL, step);
    r = MpObject_GetItem(l, slice);
    check_repr(r, "[4, 2, 0]");
    assert_int_equal(MpObject_GetSizeOf(r), 40 + 3 * 8 + 16);
    Mp_DECREF(r);
    Mp_DECREF(slice);
    Mp_DECREF(step);
    assert_null(MpList_GetItem(l, 7));
    check_exc(MpExc_IndexError, "list index out of range");
    assert_int_equal(MpList_SetItem(l, 9, I(1)), -1);
    check_exc(MpExc_IndexError, "list assignment index out of range");
    assert_int_equal(MpList_SetItem(Mp_None, 0, I(1)), -1);
    check_exc(MpExc_SystemError, "bad argument to internal function");
    Mp_DECREF(l);
}

/* ---- Methods and their errors ---- */

static void
test_methods(void **state)
{
    MpObject *l = int_list(5), *r;

    (void)state;
    r = call(l, "insert", 2, I(0), I(10));
    Mp_DECREF(r);
    check_repr(l, "[10, 0, 1, 2, 3, 4]");
    r = call(l, "pop", 0);
    assert_int_equal(MpLong_AsLong(r), 4);
    Mp_DECREF(r);
    Mp_DECREF(l);
}

static void
test_method_errors(void **state)
{
    MpObject *l = MpList_New(0), *r, *one = I(1);

    (void)state;
    call_fails(l, "pop", MpExc_IndexError, "pop from empty list", 0, NULL,
               NULL);
    assert_int_equal(MpList_Append(l, one), 0);
    call_fails(l, "pop", MpExc_IndexError, "pop index out of range", 1,
               I(5), NULL);
    call_fails(l, "remove", MpExc_ValueError,
               "list.remove(x): x not in list", 1, I(3), NULL);
    call_fails(l, "index", MpExc_ValueError, "5 is not in list", 1, I(5),
               NULL);
    call_fails(l, "index", MpExc_TypeError, "slice indices must be integers "
               "or have an __index__ method", 2, I(1),
               MpUnicode_FromString("a"));
    call_fails(l, "insert", MpExc_TypeError,
               "insert expected 2 arguments, got 1", 1, I(1), NULL);
    call_fails(l, "pop", MpExc_TypeError,
               "'str' object cannot be interpreted as an integer", 1,
               MpUnicode_FromString("a"), NULL);
    call_fails(l, "extend", MpExc_TypeError, "'int' object is not iterable",
               1, I(5), NULL);
    call_fails(l, "sort", MpExc_TypeError,
               "sort() takes no positional arguments", 1, I(1), NULL);
    r = MpNumber_Add(l, one);
    assert_null(r);
    check_exc(MpExc_TypeError,
              "can only concatenate list (not \"int\") to list");
    r = MpNumber_InPlaceAdd(l, one);
    assert_null(r);
    check_exc(MpExc_TypeError, "'int' object is not iterable");
    r = type_call(&MpList_Type, one);
    assert_null(r);
    check_exc(MpExc_TypeError, "'int' object is not iterable");
    {
        MpObject *args = MpTuple_Pack(2, one, one);
        r = MpObject_Call((MpObject *)&MpList_Type, args, NULL);
        assert_null(r);
        check_exc(MpExc_TypeError, "list expected at most 1 argument, got 2");
        Mp_DECREF(args);
    }
    assert_int_equal(MpObject_Hash(l), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'list'");
    Mp_DECREF(one);
    Mp_DECREF(l);
}

static void
test_index_count_remove(void **state)
{
    MpObject *l = int_list(6), *r, *two = I(2);
    MpObject *ext = int_list(3);

    (void)state;
    assert_int_equal(mp_list_extend(l, ext), 0);     /* [0..5, 0, 1, 2] */
    r = call(l, "index", 1, Mp_NewRef(two));
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    r = call(l, "index", 3, Mp_NewRef(two), I(3), I(100));
    assert_int_equal(MpLong_AsLong(r), 8);
    Mp_DECREF(r);
    r = call(l, "index", 2, Mp_NewRef(two), I(-2));
    assert_int_equal(MpLong_AsLong(r), 8);
    Mp_DECREF(r);
    r = call(l, "count", 1, Mp_NewRef(two));
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    r = call(l, "remove", 1, Mp_NewRef(two));
    Mp_DECREF(r);
    check_repr(l, "[0, 1, 3, 4, 5, 0, 1, 2]");
    r = call(l, "reverse", 0);
    Mp_DECREF(r);
    check_repr(l, "[2, 1, 0, 5, 4, 3, 1, 0]");
    r = call(l, "pop", 1, I(0));
    assert_int_equal(MpLong_AsLong(r), 2);
    Mp_DECREF(r);
    assert_int_equal(MpList_Insert(l, -100, two), 0);
    assert_int_equal(MpList_Insert(l, 100, two), 0);
    check_repr(l, "[2, 1, 0, 5, 4, 3, 1, 0, 2]");
    assert_int_equal(MpSequence_Contains(l, two), 1);
    Mp_DECREF(ext);
    Mp_DECREF(two);
    Mp_DECREF(l);
}

static void
test_repeat_and_inplace(void **state)
{
    MpObject *l = int_list(2), *n = I(3), *r, *zero = I(0), *tup;

    (void)state;
    r = MpNumber_InPlaceMultiply(l, n);
    assert_ptr_equal(r, l);
    Mp_DECREF(r);
    check_repr(l, "[0, 1, 0, 1, 0, 1]");
    tup = MpTuple_Pack(2, n, n);
    r = MpNumber_InPlaceAdd(l, tup);
    assert_ptr_equal(r, l);
    Mp_DECREF(r);
    check_repr(l, "[0, 1, 0, 1, 0, 1, 3, 3]");
    r = MpNumber_InPlaceMultiply(l, zero);
    Mp_DECREF(r);
    assert_int_equal(MpList_GET_SIZE(l), 0);
    assert_int_equal(MpObject_GetSizeOf(l), 56);
    Mp_DECREF(tup);
    Mp_DECREF(zero);
    Mp_DECREF(n);
    Mp_DECREF(l);
}

/* ---- repr and comparison ---- */

static void
test_repr(void **state)
{
    MpObject *l = MpList_New(0), *inner = int_list(2), *deep, *r;
    int i;

    (void)state;
    check_repr(l, "[]");
    MpList_Append(l, inner);
    MpList_Append(l, l);
    check_repr(l, "[[0, 1], [...]]");
    /* Break the cycle. */
    assert_int_equal(MpList_SetSlice(l, 0, 2, NULL), 0);
    Mp_DECREF(l);
    Mp_DECREF(inner);
    /* Deep nesting: RecursionError, never a crash. */
    deep = MpList_New(0);
    for (i = 0; i < 100000; i++) {
        MpObject *outer = MpList_New(0);
        mp_list_append_take(outer, deep);
        deep = outer;
    }
    r = MpObject_Repr(deep);
    assert_null(r);
    check_exc(MpExc_RecursionError, "maximum recursion depth exceeded "
              "while getting the repr of an object");
    Mp_DECREF(deep);
}

static void
test_compare(void **state)
{
    MpObject *a = int_list(3), *b = int_list(3), *c = int_list(2);
    MpObject *nan = MpFloat_FromDouble(0.0 / 0.0), *x, *y;
    MpObject *da, *db;
    int i;

    (void)state;
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_EQ), 1);
    assert_int_equal(MpObject_RichCompareBool(c, a, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(a, c, Mp_GE), 1);
    MpList_SetItem(b, 2, I(9));
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_NE), 1);
    /* Identity shortcut: [nan] == [nan] for the same nan. */
    x = MpList_New(0);
    y = MpList_New(0);
    MpList_Append(x, nan);
    MpList_Append(y, nan);
    assert_int_equal(MpObject_RichCompareBool(x, y, Mp_EQ), 1);
    /* Deep nesting in comparison: RecursionError. */
    da = MpList_New(0);
    db = MpList_New(0);
    for (i = 0; i < 100000; i++) {
        MpObject *oa = MpList_New(0), *ob = MpList_New(0);
        mp_list_append_take(oa, da);
        mp_list_append_take(ob, db);
        da = oa;
        db = ob;
    }
    assert_int_equal(MpObject_RichCompareBool(da, db, Mp_EQ), -1);
    check_exc(MpExc_RecursionError,
              "maximum recursion depth exceeded in comparison");
    Mp_DECREF(da);
    Mp_DECREF(db);
    Mp_DECREF(x);
    Mp_DECREF(y);
    Mp_DECREF(nan);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(c);
}

/* ---- Iteration ---- */

static void
test_iterators(void **state)
{
    MpObject *l = int_list(4), *it, *v, *hint;
    long expect;

    (void)state;
    it = MpObject_GetIter(l);
    assert_string_equal(Mp_TYPE(it)->tp_name, "list_iterator");
    for (expect = 0; (v = MpIter_Next(it)) != NULL; expect++) {
        assert_int_equal(MpLong_AsLong(v), expect);
        Mp_DECREF(v);
    }
    assert_int_equal(expect, 4);
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    it = call(l, "__reversed__", 0);
    assert_string_equal(Mp_TYPE(it)->tp_name, "list_reverseiterator");
    hint = call(it, "__length_hint__", 0);
    assert_int_equal(MpLong_AsLong(hint), 4);
    Mp_DECREF(hint);
    for (expect = 3; (v = MpIter_Next(it)) != NULL; expect--) {
        assert_int_equal(MpLong_AsLong(v), expect);
        Mp_DECREF(v);
    }
    assert_int_equal(expect, -1);
    Mp_DECREF(it);
    Mp_DECREF(l);
}

/* ---- Release order ---- */

static void
test_dealloc_order(void **state)
{
    MpObject *l = MpList_New(0);
    int i;

    (void)state;
    rec_nlog = 0;
    for (i = 0; i < 5; i++)
        mp_list_append_take(l, make_rec(i));
    Mp_DECREF(l);
    assert_int_equal(rec_nlog, 5);
    for (i = 0; i < 5; i++)
        assert_int_equal(rec_log[i], 4 - i);
    /* clear() and slice deletion release last to first too. */
    rec_nlog = 0;
    l = MpList_New(0);
    for (i = 0; i < 6; i++)
        mp_list_append_take(l, make_rec(i));
    assert_int_equal(MpList_SetSlice(l, 1, 4, NULL), 0);
    assert_int_equal(rec_nlog, 3);
    assert_int_equal(rec_log[0], 3);
    assert_int_equal(rec_log[2], 1);
    Mp_DECREF(call(l, "clear", 0));
    assert_int_equal(rec_nlog, 6);
    assert_int_equal(rec_log[3], 5);
    assert_int_equal(rec_log[4], 4);
    assert_int_equal(rec_log[5], 0);
    Mp_DECREF(l);
}

static void
test_init_and_subclass_api(void **state)
{
    MpObject *l = int_list(3), *args, *r, *t;

    (void)state;
    /* list.__init__ clears then extends. */
    t = MpTuple_Pack(2, Mp_True, Mp_False);
    args = MpTuple_Pack(1, t);
    assert_int_equal(MpList_Type.tp_init(l, args, NULL), 0);
    check_repr(l, "[True, False]");
    r = MpList_AsTuple(l);
    check_repr(r, "(True, False)");
    Mp_DECREF(r);
    assert_int_equal(MpList_Reverse(l), 0);
    check_repr(l, "[False, True]");
    assert_int_equal(MpList_Size(l), 2);
    assert_true(MpObject_GC_IsTracked(l));
    Mp_DECREF(args);
    Mp_DECREF(t);
    Mp_DECREF(l);
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

/* Run op under "fail the k-th allocation" for k = 0, 1, ... until it
 * succeeds without a failure; each failing run must leave MemoryError
 * and the list unchanged. */
static void
fault_loop(int (*op)(MpObject *l, MpObject *arg), MpObject *arg,
           const char *unchanged_repr)
{
    long k;

    for (k = 0; ; k++) {
        MpObject *l = int_list(4);
        int rc;
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        rc = op(l, arg);
        MpAlloc_SetFailHook(NULL, NULL);
        if (fail_countdown < 0 && rc < 0) {
            mp_assert_raised(MpExc_MemoryError);
            check_repr(l, unchanged_repr);
            Mp_DECREF(l);
            continue;
        }
        assert_int_equal(rc, 0);
        Mp_DECREF(l);
        if (fail_countdown >= 0)
            break;
    }
    assert_true(k >= 1);
}

static int
op_append(MpObject *l, MpObject *arg)
{
    return MpList_Append(l, arg);
}

static int
op_insert(MpObject *l, MpObject *arg)
{
    return MpList_Insert(l, 0, arg);
}

static int
op_extend(MpObject *l, MpObject *arg)
{
    return mp_list_extend(l, arg);
}

static int
op_new(MpObject *l, MpObject *arg)
{
    MpObject *r = MpList_New(100);
    (void)l;
    (void)arg;
    if (r == NULL)
        return -1;
    Mp_DECREF(r);
    return 0;
}

static int
op_slice_assign(MpObject *l, MpObject *arg)
{
    return MpList_SetSlice(l, 1, 2, arg);
}

static void
test_fault_injection(void **state)
{
    MpObject *big = int_list(20), *tup, *obj = I(1000);

    (void)state;
    tup = MpList_AsTuple(big);
    fault_loop(op_append, obj, "[0, 1, 2, 3]");
    fault_loop(op_insert, obj, "[0, 1, 2, 3]");
    fault_loop(op_extend, big, "[0, 1, 2, 3]");
    fault_loop(op_extend, tup, "[0, 1, 2, 3]");
    fault_loop(op_new, NULL, "[0, 1, 2, 3]");
    fault_loop(op_slice_assign, big, "[0, 1, 2, 3]");
    assert_int_equal(Mp_REFCNT(obj), 1);
    Mp_DECREF(obj);
    Mp_DECREF(tup);
    Mp_DECREF(big);
}

/* Generic iteration may stop part-way: nothing leaks, MemoryError set. */
static void
test_fault_injection_generic_extend(void **state)
{
    long k;

    (void)state;
    for (k = 0; ; k++) {
        MpObject *l = int_list(2), *it = make_count(30);
        int rc;
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        rc = mp_list_extend(l, it);
        MpAlloc_SetFailHook(NULL, NULL);
        Mp_DECREF(it);
        if (rc < 0) {
            mp_assert_raised(MpExc_MemoryError);
            assert_true(MpList_GET_SIZE(l) >= 2);
            Mp_DECREF(l);
            continue;
        }
        assert_int_equal(MpList_GET_SIZE(l), 32);
        Mp_DECREF(l);
        if (fail_countdown >= 0)
            break;
    }
}

static int
fail_always(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    return 1;
}

/* Deleting never needs memory: with every allocation failing, removing
 * items one at a time from lists of every size (whatever capacity the
 * shrinking realloc would ask for) succeeds and keeps the right items. */
static void
test_shrink_without_memory(void **state)
{
    long n, i;

    (void)state;
    for (n = 1; n <= 40; n++) {
        MpObject *l = int_list(n);
        MpAlloc_SetFailHook(fail_always, NULL);
        for (i = 1; i <= n; i++) {
            assert_int_equal(MpList_SetSlice(l, 0, 1, NULL), 0);
            assert_null(MpErr_Occurred());
            assert_int_equal(MpList_GET_SIZE(l), n - i);
            if (i < n)
                assert_int_equal(item_long(l, 0), i);
        }
        MpAlloc_SetFailHook(NULL, NULL);
        Mp_DECREF(l);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_append_sizes),
        MP_TEST(test_prealloc_paths),
        MP_TEST(test_clear_drops_storage),
        MP_TEST(test_slice_table),
        MP_TEST(test_slice_errors_and_self),
        MP_TEST(test_subscript),
        MP_TEST(test_methods),
        MP_TEST(test_method_errors),
        MP_TEST(test_index_count_remove),
        MP_TEST(test_repeat_and_inplace),
        MP_TEST(test_repr),
        MP_TEST(test_compare),
        MP_TEST(test_iterators),
        MP_TEST(test_dealloc_order),
        MP_TEST(test_init_and_subclass_api),
        MP_TEST(test_fault_injection),
        MP_TEST(test_fault_injection_generic_extend),
        MP_TEST(test_shrink_without_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
