/*
 * test_dictobject.c -- dict: sys.getsizeof tables (container_cases.h,
 * from CPython 3.11), order, a large run against a shadow model,
 * iteration errors, collector tracking, release order, views, the
 * methods and their errors, lookups whose comparison changes the dict,
 * and allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/harness.h"
#include "include/internal/mp_core.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
#include "container_cases.h"

static MpObject *
I(long v)
{
    MpObject *o = MpLong_FromLong(v);
    assert_non_null(o);
    return o;
}

static MpObject *
K(long i)
{
    MpObject *o = MpUnicode_FromFormat("k%ld", i);
    assert_non_null(o);
    return o;
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

/* d[key] = value, stealing both. */
static void
set(MpObject *d, MpObject *key, MpObject *value)
{
    assert_int_equal(mp_dict_setitem_take2(d, key, value), 0);
}

static void
del(MpObject *d, MpObject *key)
{
    assert_int_equal(MpDict_DelItem(d, key), 0);
    Mp_DECREF(key);
}

/* {'k0': 0, ..., 'k<n-1>': n-1} */
static MpObject *
str_dict(long n)
{
    MpObject *d = MpDict_New();
    long i;

    for (i = 0; i < n; i++)
        set(d, K(i), I(i));
    return d;
}

/* obj.name(*args), stealing the arguments. */
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

static void
call_fails(MpObject *obj, const char *name, MpObject *type,
           const char *message, Mp_ssize_t nargs, ...)
{
    MpObject *args[4], *r;
    Mp_ssize_t i;
    va_list va;

    va_start(va, nargs);
    for (i = 0; i < nargs; i++)
        args[i] = va_arg(va, MpObject *);
    va_end(va);
    r = MpObject_CallMethod(obj, name, args, nargs);
    assert_null(r);
    check_exc(type, message);
    for (i = 0; i < nargs; i++)
        Mp_DECREF(args[i]);
}

/* ---- Sizes ---- */

static void
test_sizes_str_keys(void **state)
{
    MpObject *d = MpDict_New();
    long i;

    (void)state;
    assert_int_equal(MpObject_GetSizeOf(d), dict_str_sizes[0]);
    for (i = 0; i < 200; i++) {
        set(d, K(i), I(i));
        assert_int_equal(MpObject_GetSizeOf(d), dict_str_sizes[i + 1]);
    }
    /* Deleting never shrinks; clear() does. */
    for (i = 0; i < 200; i++)
        del(d, K(i));
    assert_int_equal(MpDict_Size(d), 0);
    assert_int_equal(MpObject_GetSizeOf(d), dict_str_sizes[200]);
    MpDict_Clear(d);
    assert_int_equal(MpObject_GetSizeOf(d), 64);
    Mp_DECREF(d);
}

static void
test_sizes_int_keys(void **state)
{
    MpObject *d = MpDict_New();
    long i;

    (void)state;
    for (i = 0; i < 30; i++) {
        set(d, I(i + 1000), I(i));
        assert_int_equal(MpObject_GetSizeOf(d), dict_int_sizes[i + 1]);
    }
    Mp_DECREF(d);
    /* {'a': 1} then d[1] = 1: rebuilt in the general layout. */
    d = MpDict_New();
    set(d, MpUnicode_FromString("a"), I(1));
    assert_int_equal(MpObject_GetSizeOf(d), 184);
    set(d, I(1), I(1));
    assert_int_equal(MpObject_GetSizeOf(d), 352);
    Mp_DECREF(d);
}

static void
test_sizes_rebuild_copy_display(void **state)
{
    size_t k;
    long i;

    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(dict_refill_sizes); k++) {
        MpObject *d = str_dict(5);
        for (i = 0; i < (long)k; i++)
            del(d, K(i));
        set(d, MpUnicode_FromString("new"), I(1));
        assert_int_equal(MpObject_GetSizeOf(d), dict_refill_sizes[k]);
        Mp_DECREF(d);
    }
    for (k = 0; k < MP_ARRAY_LENGTH(dict_copy_cases); k++) {
        const struct copy_case *c = &dict_copy_cases[k];
        MpObject *d = str_dict(8), *cp, *args;
        for (i = 0; i < 8 - c->n; i++)
            del(d, K(i));
        cp = MpDict_Copy(d);
        assert_int_equal(MpObject_GetSizeOf(cp), c->copy);
        assert_int_equal(MpDict_Size(cp), c->n);
        Mp_DECREF(cp);
        args = MpTuple_Pack(1, d);
        cp = MpObject_Call((MpObject *)&MpDict_Type, args, NULL);
        assert_int_equal(MpObject_GetSizeOf(cp), c->dict);
        assert_int_equal(MpObject_RichCompareBool(cp, d, Mp_EQ), 1);
        Mp_DECREF(cp);
        Mp_DECREF(args);
        Mp_DECREF(d);
    }
    for (k = 0; k < MP_ARRAY_LENGTH(dict_display_cases); k++) {
        const struct display_case *c = &dict_display_cases[k];
        MpObject *keys[12], *ikeys[12], *vals[12], *d;
        for (i = 0; i < c->n; i++) {
            keys[i] = K(i);
            ikeys[i] = I(i);
            vals[i] = I(i);
        }
        d = mp_dict_from_items(keys, 1, vals, 1, c->n);
        assert_int_equal(MpObject_GetSizeOf(d), c->str_keys);
        Mp_DECREF(d);
        d = mp_dict_from_items(ikeys, 1, vals, 1, c->n);
        assert_int_equal(MpObject_GetSizeOf(d), c->int_keys);
        Mp_DECREF(d);
        for (i = 0; i < c->n; i++) {
            Mp_DECREF(keys[i]);
            Mp_DECREF(ikeys[i]);
            Mp_DECREF(vals[i]);
        }
    }
}

/* ---- Order ---- */

static void
test_order(void **state)
{
    MpObject *d = str_dict(5), *r;

    (void)state;
    del(d, K(1));
    set(d, K(1), I(10));
    set(d, K(3), I(30));          /* updating keeps the position */
    check_repr(d, "{'k0': 0, 'k2': 2, 'k3': 30, 'k4': 4, 'k1': 10}");
    r = call(d, "popitem", 0);
    check_repr(r, "('k1', 10)");
    Mp_DECREF(r);
    set(d, K(9), I(9));
    check_repr(d, "{'k0': 0, 'k2': 2, 'k3': 30, 'k4': 4, 'k9': 9}");
    r = MpDict_Keys(d);
    check_repr(r, "['k0', 'k2', 'k3', 'k4', 'k9']");
    Mp_DECREF(r);
    r = MpDict_Items(d);
    check_repr(r, "[('k0', 0), ('k2', 2), ('k3', 30), ('k4', 4), "
                  "('k9', 9)]");
    Mp_DECREF(r);
    r = call(d, "__reversed__", 0);
    {
        MpObject *l = MpList_New(0);
        mp_list_extend(l, r);
        check_repr(l, "['k9', 'k4', 'k3', 'k2', 'k0']");
        Mp_DECREF(l);
    }
    Mp_DECREF(r);
    Mp_DECREF(d);
}

/* ---- A million operations against a shadow model ---- */

/* Key number k: an int (general table) or a str (unicode table). */
static MpObject *
shadow_key(long k, int str_keys)
{
    return str_keys ? K(k) : I(k * 7919 - 500000);
}

static long
shadow_index(MpObject *key, int str_keys)
{
    if (str_keys)
        return atol(MpUnicode_AsUTF8(key) + 1);
    return (MpLong_AsLong(key) + 500000) / 7919;
}

static void
shadow_run(long ops, long nkeys, int str_keys)
{
    long *shadow = malloc(sizeof(long) * (size_t)nkeys), i, live = 0;
    MpObject *d = MpDict_New(), *key, *v;
    Mp_ssize_t pos;
    unsigned long x = 88172645463325252UL;

    for (i = 0; i < nkeys; i++)
        shadow[i] = -1;
    for (i = 0; i < ops; i++) {
        long k, op;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        k = (long)(x % (unsigned long)nkeys);
        op = (long)((x >> 32) % 4);
        key = shadow_key(k, str_keys);
        if (op <= 1) {                        /* insert / update */
            if (shadow[k] < 0)
                live++;
            shadow[k] = i;
            set(d, Mp_NewRef(key), I(i));
        }
        else if (op == 2) {                   /* delete */
            int rc = MpDict_DelItem(d, key);
            if (shadow[k] < 0) {
                assert_int_equal(rc, -1);
                mp_assert_raised(MpExc_KeyError);
            }
            else {
                assert_int_equal(rc, 0);
                shadow[k] = -1;
                live--;
            }
        }
        else {                                /* lookup */
            v = MpDict_GetItemWithError(d, key);
            if (shadow[k] < 0)
                assert_null(v);
            else
                assert_int_equal(MpLong_AsLong(v), shadow[k]);
        }
        Mp_DECREF(key);
    }
    assert_int_equal(MpDict_Size(d), live);
    /* Everything present is in the shadow and vice versa. */
    pos = 0;
    i = 0;
    while (MpDict_Next(d, &pos, &key, &v)) {
        assert_int_equal(shadow[shadow_index(key, str_keys)],
                         MpLong_AsLong(v));
        i++;
    }
    assert_int_equal(i, live);
    Mp_DECREF(d);
    free(shadow);
}

static void
test_shadow_model(void **state)
{
    int valgrind = getenv("MP_TEST_VALGRIND") != NULL;

    (void)state;
    shadow_run(valgrind ? 100000 : 1000000, 200000, 0);
    shadow_run(valgrind ? 30000 : 300000, 50000, 1);
}

/* A million keys: insert, look up, delete half, check order. */
static void
test_million_keys(void **state)
{
    long n = getenv("MP_TEST_VALGRIND") ? 100000 : 1000000, i;
    MpObject *d = MpDict_New(), *key, *v;
    Mp_ssize_t pos = 0;

    (void)state;
    for (i = 0; i < n; i++)
        set(d, I(i * 3 + 1000), I(i));
    assert_int_equal(MpDict_Size(d), n);
    for (i = 0; i < n; i++) {
        key = I(i * 3 + 1000);
        v = MpDict_GetItemWithError(d, key);
        assert_non_null(v);
        assert_int_equal(MpLong_AsLong(v), i);
        Mp_DECREF(key);
        key = I(i * 3 + 1001);                 /* never inserted */
        assert_null(MpDict_GetItemWithError(d, key));
        assert_null(MpErr_Occurred());
        Mp_DECREF(key);
    }
    for (i = 0; i < n; i += 2)
        del(d, I(i * 3 + 1000));
    assert_int_equal(MpDict_Size(d), n / 2);
    /* The survivors, in insertion order. */
    for (i = 1; MpDict_Next(d, &pos, &key, &v); i += 2) {
        assert_int_equal(MpLong_AsLong(key), i * 3 + 1000);
        assert_int_equal(MpLong_AsLong(v), i);
    }
    assert_int_equal(i, n + 1);
    Mp_DECREF(d);
}

/* ---- Iteration errors ---- */

static void
test_iteration_mutation(void **state)
{
    MpObject *d = str_dict(2), *it, *k;

    (void)state;
    it = MpObject_GetIter(d);
    k = MpIter_Next(it);
    Mp_DECREF(k);
    set(d, K(7), I(7));
    assert_null(MpIter_Next(it));
    check_exc(MpExc_RuntimeError, "dictionary changed size during iteration");
    /* Sticky, even after the size is restored. */
    del(d, K(7));
    assert_null(MpIter_Next(it));
    check_exc(MpExc_RuntimeError, "dictionary changed size during iteration");
    Mp_DECREF(it);
    /* Same size, different keys. */
    it = MpObject_GetIter(d);
    k = MpIter_Next(it);
    Mp_DECREF(k);
    del(d, K(0));
    set(d, K(5), I(5));
    k = MpIter_Next(it);              /* 'k1' */
    check_repr(k, "'k1'");
    Mp_DECREF(k);
    assert_null(MpIter_Next(it));
    check_exc(MpExc_RuntimeError,
              "dictionary keys changed during iteration");
    Mp_DECREF(it);
    Mp_DECREF(d);
}

/* ---- Collector tracking ---- */

static void
test_tracking(void **state)
{
    MpObject *d = MpDict_New(), *l = MpList_New(0), *t, *cp, *fk, *r;

    (void)state;
    assert_false(MpObject_GC_IsTracked(d));
    set(d, MpUnicode_FromString("a"), I(1));
    assert_false(MpObject_GC_IsTracked(d));
    cp = MpDict_Copy(d);
    assert_false(MpObject_GC_IsTracked(cp));
    Mp_DECREF(cp);
    set(d, MpUnicode_FromString("x"), Mp_NewRef(l));
    assert_true(MpObject_GC_IsTracked(d));
    cp = MpDict_Copy(d);
    assert_true(MpObject_GC_IsTracked(cp));
    Mp_DECREF(cp);
    del(d, MpUnicode_FromString("x"));
    assert_true(MpObject_GC_IsTracked(d));
    MpGC_CollectGeneration(1);
    assert_true(MpObject_GC_IsTracked(d));
    MpGC_Collect();
    assert_false(MpObject_GC_IsTracked(d));
    /* A tuple value counts while it is tracked. */
    t = MpTuple_Pack(2, Mp_None, Mp_None);
    set(d, I(1), Mp_NewRef(t));
    assert_true(MpObject_GC_IsTracked(d));
    MpGC_Collect();      /* untracks t, then d */
    assert_false(MpObject_GC_IsTracked(t));
    assert_false(MpObject_GC_IsTracked(d));
    set(d, I(2), Mp_NewRef(t));
    assert_false(MpObject_GC_IsTracked(d));
    /* fromkeys(range(3)) and dict() are untracked. */
    r = MpObject_Call((MpObject *)&MpRange_Type, t, NULL);
    Mp_XDECREF(r);
    MpErr_Clear();
    {
        MpObject *three = I(3), *args = MpTuple_Pack(1, three), *range;
        range = MpObject_Call((MpObject *)&MpRange_Type, args, NULL);
        fk = call((MpObject *)&MpDict_Type, "fromkeys", 1, range);
        assert_false(MpObject_GC_IsTracked(fk));
        assert_int_equal(MpObject_GetSizeOf(fk), 224);
        Mp_DECREF(fk);
        Mp_DECREF(args);
        Mp_DECREF(three);
        args = MpTuple_New(0);
        fk = MpObject_Call((MpObject *)&MpDict_Type, args, NULL);
        assert_false(MpObject_GC_IsTracked(fk));
        Mp_DECREF(fk);
        Mp_DECREF(args);
    }
    Mp_DECREF(t);
    Mp_DECREF(l);
    Mp_DECREF(d);
}

/* ---- Release order ---- */

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

static void
test_dealloc_order(void **state)
{
    MpObject *d = MpDict_New(), *keys[5];
    int i;

    (void)state;
    rec_nlog = 0;
    for (i = 0; i < 5; i++) {
        keys[i] = make_rec(10 + i);
        set(d, Mp_NewRef(keys[i]), make_rec(i));  /* key 1x, value x */
    }
    /* Delete the second item and put it back at the end. */
    assert_int_equal(MpDict_DelItem(d, keys[1]), 0);
    assert_int_equal(rec_nlog, 1);          /* value 1 died, key lives */
    assert_int_equal(rec_log[0], 1);
    set(d, Mp_NewRef(keys[1]), make_rec(5));
    for (i = 0; i < 5; i++)
        Mp_DECREF(keys[i]);
    Mp_DECREF(d);
    /* Insertion order, key then value. */
    {
        static const int expect[] = {1, 10, 0, 12, 2, 13, 3, 14, 4, 11, 5};
        assert_int_equal(rec_nlog, 11);
        for (i = 0; i < 11; i++)
            assert_int_equal(rec_log[i], expect[i]);
    }
}

/* ---- Methods and errors ---- */

static void
test_errors(void **state)
{
    MpObject *d = str_dict(1), *l = MpList_New(0), *key, *args, *r, *one;
    MpObject *exc, *eargs;

    (void)state;
    /* KeyError carries the key, even a tuple key, as its one argument. */
    key = MpTuple_Pack(2, Mp_None, Mp_None);
    assert_null(MpObject_GetItem(d, key));
    exc = MpErr_GetRaisedException();
    assert_true(MpErr_GivenExceptionMatches(exc, MpExc_KeyError));
    eargs = MpException_GetArgs(exc);
    assert_int_equal(MpTuple_GET_SIZE(eargs), 1);
    assert_ptr_equal(MpTuple_GET_ITEM(eargs, 0), key);
    Mp_DECREF(eargs);
    Mp_DECREF(exc);
    assert_int_equal(MpDict_DelItem(d, key), -1);
    mp_assert_raised(MpExc_KeyError);
    Mp_DECREF(key);
    call_fails(d, "pop", MpExc_KeyError, "'x'", 1,
               MpUnicode_FromString("x"));
    assert_null(MpObject_GetItem(d, l));
    check_exc(MpExc_TypeError, "unhashable type: 'list'");
    assert_int_equal(MpDict_SetItem(d, l, l), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'list'");
    call_fails(d, "get", MpExc_TypeError,
               "get expected at least 1 argument, got 0", 0);
    call_fails(d, "pop", MpExc_TypeError,
               "pop expected at least 1 argument, got 0", 0);
    call_fails(d, "setdefault", MpExc_TypeError,
               "setdefault expected at least 1 argument, got 0", 0);
    call_fails(d, "update", MpExc_TypeError,
               "update expected at most 1 argument, got 2", 2, I(1), I(2));
    one = I(1);
    r = MpNumber_Or(d, one);
    assert_null(r);
    check_exc(MpExc_TypeError,
              "unsupported operand type(s) for |: 'dict' and 'int'");
    /* Update sequences. */
    mp_list_append_take(l, MpTuple_Pack(1, one));
    call_fails(d, "update", MpExc_ValueError, "dictionary update sequence "
               "element #0 has length 1; 2 is required", 1, Mp_NewRef(l));
    MpList_SetSlice(l, 0, 1, NULL);
    MpList_Append(l, one);
    call_fails(d, "update", MpExc_TypeError, "cannot convert dictionary "
               "update sequence element #0 to a sequence", 1, Mp_NewRef(l));
    args = MpTuple_Pack(1, one);
    assert_null(MpObject_Call((MpObject *)&MpDict_Type, args, NULL));
    check_exc(MpExc_TypeError, "'int' object is not iterable");
    Mp_DECREF(args);
    args = MpTuple_Pack(2, d, d);
    assert_null(MpObject_Call((MpObject *)&MpDict_Type, args, NULL));
    check_exc(MpExc_TypeError, "dict expected at most 1 argument, got 2");
    Mp_DECREF(args);
    MpDict_Clear(d);
    call_fails(d, "popitem", MpExc_KeyError,
               "'popitem(): dictionary is empty'", 0);
    assert_int_equal(MpObject_Hash(d), -1);
    check_exc(MpExc_TypeError, "unhashable type: 'dict'");
    Mp_DECREF(one);
    Mp_DECREF(l);
    Mp_DECREF(d);
}

static void
test_methods(void **state)
{
    MpObject *d = str_dict(3), *r, *other, *kw, *meth, *args, *pairs;

    (void)state;
    r = call(d, "get", 1, K(1));
    assert_int_equal(MpLong_AsLong(r), 1);
    Mp_DECREF(r);
    r = call(d, "get", 2, K(9), I(99));
    assert_int_equal(MpLong_AsLong(r), 99);
    Mp_DECREF(r);
    r = call(d, "get", 1, K(9));
    assert_ptr_equal(r, Mp_None);
    Mp_DECREF(r);
    r = call(d, "setdefault", 2, K(1), I(50));
    assert_int_equal(MpLong_AsLong(r), 1);
    Mp_DECREF(r);
    r = call(d, "setdefault", 2, K(3), I(50));
    assert_int_equal(MpLong_AsLong(r), 50);
    Mp_DECREF(r);
    r = call(d, "pop", 1, K(3));
    assert_int_equal(MpLong_AsLong(r), 50);
    Mp_DECREF(r);
    r = call(d, "pop", 2, K(3), I(7));
    assert_int_equal(MpLong_AsLong(r), 7);
    Mp_DECREF(r);
    r = call(d, "__contains__", 1, K(2));
    assert_ptr_equal(r, Mp_True);
    Mp_DECREF(r);
    r = call(d, "__sizeof__", 0);
    assert_int_equal(MpLong_AsLong(r), 48 + 120);
    Mp_DECREF(r);
    /* update(mapping, **kwargs) and update(pairs) */
    other = str_dict(5);
    kw = MpDict_New();
    set(kw, MpUnicode_FromString("z"), I(26));
    meth = MpObject_GetAttrString(d, "update");
    args = MpTuple_Pack(1, other);
    r = MpObject_Call(meth, args, kw);
    Mp_DECREF(r);
    Mp_DECREF(args);
    check_repr(d, "{'k0': 0, 'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'z': 26}");
    pairs = MpList_New(0);
    mp_list_append_take(pairs, MpTuple_Pack(2, Mp_None, Mp_True));
    args = MpTuple_Pack(1, pairs);
    r = MpObject_Call(meth, args, NULL);
    Mp_DECREF(r);
    Mp_DECREF(args);
    check_repr(d, "{'k0': 0, 'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'z': 26, "
                  "None: True}");
    /* dict(pairs, **kw), |, |= */
    args = MpTuple_Pack(1, pairs);
    r = MpObject_Call((MpObject *)&MpDict_Type, args, kw);
    check_repr(r, "{None: True, 'z': 26}");
    Mp_DECREF(args);
    {
        MpObject *u = MpNumber_Or(r, kw), *ip;
        check_repr(u, "{None: True, 'z': 26}");
        ip = MpNumber_InPlaceOr(u, pairs);     /* any pairs iterable */
        assert_ptr_equal(ip, u);
        Mp_DECREF(ip);
        Mp_DECREF(u);
    }
    Mp_DECREF(r);
    Mp_DECREF(other);
    /* equality ignores order */
    r = str_dict(3);
    other = r;
    {
        MpObject *e = MpDict_New();
        set(e, K(2), I(2));
        set(e, K(0), I(0));
        set(e, K(1), I(1));
        assert_int_equal(MpObject_RichCompareBool(e, other, Mp_EQ), 1);
        set(e, K(1), I(5));
        assert_int_equal(MpObject_RichCompareBool(e, other, Mp_NE), 1);
        Mp_DECREF(e);
    }
    Mp_DECREF(r);
    Mp_DECREF(pairs);
    Mp_DECREF(meth);
    Mp_DECREF(kw);
    Mp_DECREF(d);
}

static void
test_repr_and_views(void **state)
{
    MpObject *d = MpDict_New(), *v, *it, *x, *t;

    (void)state;
    check_repr(d, "{}");
    set(d, MpUnicode_FromString("a"), I(1));
    check_repr(d, "{'a': 1}");
    set(d, MpUnicode_FromString("self"), Mp_NewRef(d));
    check_repr(d, "{'a': 1, 'self': {...}}");
    del(d, MpUnicode_FromString("self"));
    v = call(d, "keys", 0);
    check_repr(v, "dict_keys(['a'])");
    assert_int_equal(MpObject_Length(v), 1);
    x = MpUnicode_FromString("a");
    assert_int_equal(MpSequence_Contains(v, x), 1);
    Mp_DECREF(v);
    v = call(d, "values", 0);
    check_repr(v, "dict_values([1])");
    Mp_DECREF(v);
    v = call(d, "items", 0);
    check_repr(v, "dict_items([('a', 1)])");
    t = MpTuple_Pack(2, x, Mp_True);      /* True == 1 */
    assert_int_equal(MpSequence_Contains(v, t), 1);
    Mp_DECREF(t);
    t = MpTuple_Pack(2, x, Mp_False);
    assert_int_equal(MpSequence_Contains(v, t), 0);
    Mp_DECREF(t);
    /* A view sees later changes. */
    set(d, MpUnicode_FromString("b"), I(2));
    assert_int_equal(MpObject_Length(v), 2);
    it = MpObject_GetIter(v);
    assert_string_equal(Mp_TYPE(it)->tp_name, "dict_itemiterator");
    {
        MpObject *first = MpIter_Next(it), *second;
        check_repr(first, "('a', 1)");
        Mp_DECREF(first);
        second = MpIter_Next(it);      /* the tuple is recycled */
        check_repr(second, "('b', 2)");
        Mp_DECREF(second);
        assert_null(MpIter_Next(it));
        assert_null(MpErr_Occurred());
    }
    Mp_DECREF(it);
    Mp_DECREF(v);
    Mp_DECREF(x);
    Mp_DECREF(d);
}

/* ---- A key whose comparison changes the dict ---- */

typedef struct {
    MpObject_HEAD
    MpObject *target;       /* dict to change on comparison (borrowed) */
    int grow;               /* add 40 keys (forcing a resize) instead of
                               clearing */
} EvilObject;

static long evil_compares;

static Mp_hash_t
evil_hash(MpObject *op)
{
    (void)op;
    return 42;
}

static MpObject *
evil_richcompare(MpObject *a, MpObject *b, int op)
{
    EvilObject *self = (EvilObject *)a;
    (void)b;
    (void)op;
    evil_compares++;
    if (self->target != NULL && self->grow) {
        long i;
        for (i = 0; i < 40; i++) {
            MpObject *k = MpLong_FromLong(1000 + i);
            if (MpDict_SetItem(self->target, k, k) < 0)
                return NULL;
            Mp_DECREF(k);
        }
        self->grow = 0;
        self->target = NULL;
    }
    else if (self->target != NULL) {
        MpDict_Clear(self->target);
    }
    Mp_RETURN_FALSE;
}

static void
evil_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpTypeObject Evil_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "test.Evil",
    .tp_basicsize = sizeof(EvilObject),
    .tp_dealloc = evil_dealloc,
    .tp_hash = evil_hash,
    .tp_richcompare = evil_richcompare,
};

static void
test_mutating_comparison(void **state)
{
    MpObject *d = MpDict_New();
    EvilObject *a, *b;

    (void)state;
    assert_int_equal(MpType_Ready(&Evil_Type), 0);
    a = MpObject_New(EvilObject, &Evil_Type);
    b = MpObject_New(EvilObject, &Evil_Type);
    a->target = d;
    a->grow = 0;
    b->target = NULL;
    b->grow = 0;
    set(d, Mp_NewRef(a), I(1));
    evil_compares = 0;
    /* b == a clears nothing; a == b (stored key compared) clears d. */
    assert_null(MpDict_GetItemWithError(d, (MpObject *)b));
    assert_null(MpErr_Occurred());
    assert_int_equal(evil_compares, 1);
    assert_int_equal(MpDict_Size(d), 0);
    /* Insert after the table vanished under the lookup. */
    set(d, Mp_NewRef(b), I(2));
    set(d, Mp_NewRef(a), I(3));     /* compares b == a: b clears nothing */
    assert_int_equal(MpDict_Size(d), 2);
    /* Inserting b into {a: ...}: the lookup compares a == b, which
     * empties the dict; the insertion must still find a proper table. */
    MpDict_Clear(d);
    set(d, Mp_NewRef(a), I(1));
    evil_compares = 0;
    set(d, Mp_NewRef(b), I(2));
    assert_int_equal(evil_compares, 1);
    assert_int_equal(MpDict_Size(d), 1);
    assert_int_equal(MpObject_GetSizeOf(d), 224);     /* general, 8 */
    assert_int_equal(MpLong_AsLong(MpDict_GetItem(d, (MpObject *)b)), 2);
    /* A comparison that makes the table grow under the lookup. */
    MpDict_Clear(d);
    set(d, Mp_NewRef(a), I(1));
    a->grow = 1;
    evil_compares = 0;
    assert_null(MpDict_GetItemWithError(d, (MpObject *)b));
    assert_null(MpErr_Occurred());
    assert_int_equal(evil_compares, 2);      /* restarted once */
    assert_int_equal(MpDict_Size(d), 41);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(d);
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

static int
op_insert_resize(MpObject *d)
{
    MpObject *k = MpUnicode_FromString("new"), *v;
    int rc;

    if (k == NULL)
        return -1;
    v = MpLong_FromLong(123456);
    if (v == NULL) {
        Mp_DECREF(k);
        return -1;
    }
    rc = MpDict_SetItem(d, k, v);
    Mp_DECREF(k);
    Mp_DECREF(v);
    return rc;
}

static int
op_insert_int(MpObject *d)
{
    MpObject *k = MpLong_FromLong(5);    /* cached: no allocation */
    int rc = MpDict_SetItem(d, k, k);
    Mp_DECREF(k);
    return rc;
}

static int
op_copy(MpObject *d)
{
    MpObject *c = MpDict_Copy(d);
    if (c == NULL)
        return -1;
    Mp_DECREF(c);
    return 0;
}

static int
op_merge_into_new(MpObject *d)
{
    MpObject *n = MpDict_New();
    int rc;

    if (n == NULL)
        return -1;
    rc = MpDict_Update(n, d);
    Mp_DECREF(n);
    return rc;
}

static int
op_sparse_copy(MpObject *d)
{
    MpObject *k = MpUnicode_FromString("k0"), *c;
    int rc = 0;

    if (k == NULL)
        return -1;
    /* Make d sparse, copy it (merge path), then put k0 back. */
    if (MpDict_DelItem(d, k) < 0) {
        Mp_DECREF(k);
        return -1;
    }
    c = MpDict_Copy(d);
    if (c == NULL)
        rc = -1;
    Mp_XDECREF(c);
    if (MpDict_SetItem(d, k, Mp_None) < 0)
        rc = -1;
    Mp_DECREF(k);
    return rc;
}

static void
fault_loop(int (*op)(MpObject *d), long n, int may_change)
{
    long k;
    int done = 0;

    for (k = 0; !done; k++) {
        MpObject *d = str_dict(n);
        Mp_ssize_t size = MpObject_GetSizeOf(d);
        int rc;
        fail_countdown = k;
        MpAlloc_SetFailHook(fail_kth, NULL);
        rc = op(d);
        MpAlloc_SetFailHook(NULL, NULL);
        if (rc < 0) {
            mp_assert_raised(MpExc_MemoryError);
            if (!may_change) {
                assert_int_equal(MpDict_Size(d), n);
                assert_int_equal(MpObject_GetSizeOf(d), size);
            }
        }
        else {
            done = fail_countdown >= 0;
        }
        Mp_DECREF(d);
    }
    assert_true(k > 1);
}

static void
test_fault_injection(void **state)
{
    (void)state;
    fault_loop(op_insert_resize, 0, 0);      /* first insert */
    fault_loop(op_insert_resize, 5, 0);      /* resize 8 -> 16 */
    fault_loop(op_insert_int, 3, 0);         /* switch to general */
    fault_loop(op_copy, 7, 0);
    fault_loop(op_merge_into_new, 7, 0);
    fault_loop(op_sparse_copy, 9, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_sizes_str_keys),
        MP_TEST(test_sizes_int_keys),
        MP_TEST(test_sizes_rebuild_copy_display),
        MP_TEST(test_order),
        MP_TEST(test_shadow_model),
        MP_TEST(test_million_keys),
        MP_TEST(test_iteration_mutation),
        MP_TEST(test_tracking),
        MP_TEST(test_dealloc_order),
        MP_TEST(test_errors),
        MP_TEST(test_methods),
        MP_TEST(test_repr_and_views),
        MP_TEST(test_mutating_comparison),
        MP_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
