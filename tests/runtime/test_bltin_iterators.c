/*
 * test_bltin_iterators.c -- enumerate, reversed, zip, map, filter and
 * super called from C: results over lists, tuples, strs and ranges of
 * several lengths against CPython's (bltin_iterators_cases.h, made by
 * gen_bltin_iterators_cases.py), every argument error message, errors
 * raised while iterating, cycles through the iterators, the two-argument
 * and unbound forms of super with descriptor binding, and allocation
 * failures at every step of each constructor.
 *
 * The zero-argument super() needs a running Python frame: small
 * programs run through MpRun_String cover it (their expected results come
 * from CPython too).
 */
#include <string.h>

#include "support/harness.h"
#include "runtime/builtins.h"
#include "objects/descrobject.h"
#include "objects/tupleobject.h"
#include "bltin_iterators_cases.h"

/* ---- Helpers ---- */

/* The harness's set-up, then the types under test made ready (the
 * interpreter does this when it starts; doing it again is harmless). */
static int
bi_setup(void **state)
{
    if (mp_test_setup(state) < 0)
        return -1;
    return mp_builtins_types_init();
}

#define BI_TEST(fn) \
    cmocka_unit_test_setup_teardown(fn, bi_setup, mp_test_teardown)

enum { K_LIST, K_TUPLE, K_STR, K_RANGE };

/* The input (kind, n) the case generator describes.  New. */
static MpObject *
make_input(int kind, int n)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
    MpObject *items[32], *res, *bound;
    int i;

    assert_true(n < 32);
    if (kind == K_STR)
        return MpUnicode_FromStringAndSize(letters, n);
    if (kind == K_RANGE) {
        bound = MpLong_FromLong(n);
        assert_non_null(bound);
        res = MpObject_CallOneArg((MpObject *)&MpRange_Type, bound);
        Mp_DECREF(bound);
        return res;
    }
    for (i = 0; i < n; i++) {
        items[i] = MpLong_FromLong((long)i * (i % 3));
        assert_non_null(items[i]);
    }
    res = kind == K_LIST ? MpList_New(n) : MpTuple_New(n);
    assert_non_null(res);
    for (i = 0; i < n; i++) {
        if (kind == K_LIST)
            MpList_SetItem(res, i, items[i]);
        else
            MpTuple_SetItem(res, i, items[i]);
    }
    return res;
}

/* Call a type with a tuple of 'n' arguments (Borrowed) and kwargs. */
static MpObject *
call_type(MpTypeObject *type, MpObject *kwargs, Mp_ssize_t n, ...)
{
    MpObject *args = MpTuple_New(n), *res;
    va_list va;
    Mp_ssize_t i;

    if (args == NULL)
        return NULL;    /* the fault-injection tests get here */
    va_start(va, n);
    for (i = 0; i < n; i++)
        MpTuple_SetItem(args, i, Mp_NewRef(va_arg(va, MpObject *)));
    va_end(va);
    res = MpObject_Call((MpObject *)type, args, kwargs);
    Mp_DECREF(args);
    return res;
}

/* A dict {name: value} (value Borrowed).  New. */
static MpObject *
kw1(const char *name, MpObject *value)
{
    MpObject *d = MpDict_New();

    assert_non_null(d);
    assert_int_equal(MpDict_SetItemString(d, name, value), 0);
    return d;
}

/* Assert repr(list(it)) == expected; steals 'it'. */
static void
assert_iter_repr(MpObject *it, const char *expected)
{
    MpObject *list, *r;

    assert_non_null(it);
    list = MpSequence_List(it);
    Mp_DECREF(it);
    if (list == NULL)
        MpErr_Print();
    assert_non_null(list);
    r = MpObject_Repr(list);
    Mp_DECREF(list);
    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
}

/* Assert NULL with 'type' set and str(exception) == message. */
static void
assert_error(MpObject *res, MpObject *type, const char *message)
{
    MpObject *exc, *s;

    assert_null(res);
    assert_non_null(MpErr_Occurred());
    assert_true(MpErr_ExceptionMatches(type));
    exc = MpErr_GetRaisedException();
    s = MpObject_Str(exc);
    assert_non_null(s);
    assert_string_equal(MpUnicode_AsUTF8(s), message);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

/* it.__length_hint__() as a C long. */
static long
length_hint(MpObject *it)
{
    MpObject *r = MpObject_CallMethod(it, "__length_hint__", NULL, 0);
    long v;

    assert_non_null(r);
    v = MpLong_AsLong(r);
    Mp_DECREF(r);
    return v;
}

/* pack(*args) -> args, as a tuple. */
static MpObject *
pack_fn(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    return mp_tuple_from_array(args, nargs);
}

/* is_odd(x) -> x % 2, via the number protocol. */
static MpObject *
is_odd_fn(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *two = MpLong_FromLong(2), *r;

    (void)self;
    assert_int_equal(nargs, 1);
    if (two == NULL)
        return NULL;
    r = MpNumber_Remainder(args[0], two);
    Mp_DECREF(two);
    return r;
}

/* self_fn(*args) -> the object it is bound to. */
static MpObject *
self_fn(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)args;
    assert_int_equal(nargs, 0);
    return Mp_NewRef(self);
}

static MpMethodDef method_def = {
    "m", (MpCFunction)(void (*)(void))self_fn, MP_METH_FASTCALL, NULL
};
static MpMethodDef classmethod_def = {
    "cm", (MpCFunction)(void (*)(void))self_fn,
    MP_METH_FASTCALL | MP_METH_CLASS, NULL
};

/* fail(*args) raises KeyError('boom'). */
static MpObject *
fail_fn(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    MpErr_SetString(MpExc_KeyError, "boom");
    return NULL;
}

/* ---- A C sequence: seq[i] = 100 + i for i < 4, KeyError at seq_fail ---- */

static Mp_ssize_t seq_fail = -1;

static Mp_ssize_t
seq_length(MpObject *self)
{
    (void)self;
    return 4;
}

static MpObject *
seq_item(MpObject *self, Mp_ssize_t i)
{
    (void)self;
    if (i == seq_fail) {
        MpErr_SetString(MpExc_KeyError, "seq");
        return NULL;
    }
    if (i < 0 || i >= 4) {
        MpErr_SetString(MpExc_IndexError, "seq index out of range");
        return NULL;
    }
    return MpLong_FromSsize_t(100 + i);
}

static void
plain_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpSequenceMethods seq_as_sequence = {
    .sq_length = seq_length,
    .sq_item = seq_item,
};

static MpTypeObject seq_type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Seq4",
    .tp_basicsize = sizeof(MpObject),
    .tp_dealloc = plain_dealloc,
    .tp_as_sequence = &seq_as_sequence,
    .tp_flags = MP_TPFLAGS_DEFAULT,
};

/* A descriptor: d.__get__(obj, type) -> (d, obj or None, type or None). */
static MpObject *
descr_get(MpObject *self, MpObject *obj, MpObject *type)
{
    return MpTuple_Pack(3, self, obj != NULL ? obj : Mp_None,
                        type != NULL ? type : Mp_None);
}

static MpTypeObject descr_type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Descr",
    .tp_basicsize = sizeof(MpObject),
    .tp_dealloc = plain_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_descr_get = descr_get,
};

static MpObject *
new_plain(MpTypeObject *type)
{
    MpObject *o;

    assert_int_equal(MpType_Ready(type), 0);
    o = MpObject_NewFromType(type);
    assert_non_null(o);
    return o;
}

/* ---- enumerate ---- */

static void
test_enumerate_cases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(enum_cases); i++) {
        const struct enum_case *c = &enum_cases[i];
        MpObject *x = make_input(c->kind, c->n), *start, *kw, *it;
        Mp_ssize_t refs = Mp_REFCNT(x);

        if (c->start == NULL) {
            it = call_type(&MpEnum_Type, NULL, 1, x);
        }
        else {
            start = MpLong_FromString(c->start, NULL, 10);
            assert_non_null(start);
            if (i % 2 == 0) {
                it = call_type(&MpEnum_Type, NULL, 2, x, start);
            }
            else {
                kw = kw1("start", start);
                it = call_type(&MpEnum_Type, kw, 1, x);
                Mp_DECREF(kw);
            }
            Mp_DECREF(start);
        }
        assert_iter_repr(it, c->expected);
        assert_int_equal(Mp_REFCNT(x), refs);
        Mp_DECREF(x);
    }
}

static void
test_enumerate_keywords(void **state)
{
    MpObject *x = make_input(K_STR, 2), *one, *kw, *it, *r;

    (void)state;
    one = MpLong_FromLong(1);
    /* enumerate(start=1, iterable='ab') */
    kw = MpDict_New();
    MpDict_SetItemString(kw, "start", one);
    MpDict_SetItemString(kw, "iterable", x);
    assert_iter_repr(call_type(&MpEnum_Type, kw, 0), "[(1, 'a'), (2, 'b')]");
    Mp_DECREF(kw);
    kw = kw1("iterable", x);
    assert_iter_repr(call_type(&MpEnum_Type, kw, 0), "[(0, 'a'), (1, 'b')]");
    Mp_DECREF(kw);
    /* a bool start is an int */
    assert_iter_repr(call_type(&MpEnum_Type, NULL, 2, x, Mp_True),
                     "[(1, 'a'), (2, 'b')]");
    /* the object itself */
    it = call_type(&MpEnum_Type, NULL, 1, x);
    assert_non_null(it);
    assert_true(Mp_TYPE(it) == &MpEnum_Type);
    assert_true(MpObject_GC_IsTracked(it));
    r = MpObject_Repr(it);
    assert_non_null(r);
    assert_true(strncmp(MpUnicode_AsUTF8(r), "<enumerate object at 0x",
                        23) == 0);
    Mp_DECREF(r);
    assert_true(MpObject_GetIter(it) == it);
    Mp_DECREF(it);      /* one for GetIter */
    r = MpIter_Next(it);
    assert_non_null(r);
    Mp_DECREF(r);
    r = MpIter_Next(it);
    Mp_DECREF(r);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    Mp_DECREF(one);
    Mp_DECREF(x);
}

static void
test_enumerate_errors(void **state)
{
    MpObject *l = MpList_New(0), *s = MpUnicode_FromString("a");
    MpObject *one = MpLong_FromLong(1), *f = MpFloat_FromDouble(1.5), *kw;

    (void)state;
    assert_error(call_type(&MpEnum_Type, NULL, 0), MpExc_TypeError,
                 "enumerate() missing required argument 'iterable'");
    assert_error(call_type(&MpEnum_Type, NULL, 2, l, s), MpExc_TypeError,
                 "'str' object cannot be interpreted as an integer");
    assert_error(call_type(&MpEnum_Type, NULL, 2, l, f), MpExc_TypeError,
                 "'float' object cannot be interpreted as an integer");
    assert_error(call_type(&MpEnum_Type, NULL, 2, l, Mp_None),
                 MpExc_TypeError,
                 "'NoneType' object cannot be interpreted as an integer");
    /* the start is checked before the iterable */
    assert_error(call_type(&MpEnum_Type, NULL, 2, one, s), MpExc_TypeError,
                 "'str' object cannot be interpreted as an integer");
    assert_error(call_type(&MpEnum_Type, NULL, 3, l, one, one),
                 MpExc_TypeError,
                 "enumerate() takes at most 2 arguments (3 given)");
    assert_error(call_type(&MpEnum_Type, NULL, 1, one), MpExc_TypeError,
                 "'int' object is not iterable");
    kw = kw1("x", one);
    assert_error(call_type(&MpEnum_Type, kw, 1, l), MpExc_TypeError,
                 "'x' is an invalid keyword argument for enumerate()");
    assert_error(call_type(&MpEnum_Type, kw, 0), MpExc_TypeError,
                 "'x' is an invalid keyword argument for enumerate()");
    assert_error(call_type(&MpEnum_Type, kw, 2, l, one), MpExc_TypeError,
                 "enumerate() takes at most 2 arguments (3 given)");
    Mp_DECREF(kw);
    kw = kw1("start", one);
    assert_error(call_type(&MpEnum_Type, kw, 0), MpExc_TypeError,
                 "'start' is an invalid keyword argument for enumerate()");
    assert_error(call_type(&MpEnum_Type, kw, 2, l, one), MpExc_TypeError,
                 "enumerate() takes at most 2 arguments (3 given)");
    Mp_DECREF(kw);
    kw = kw1("iterable", l);
    assert_error(call_type(&MpEnum_Type, kw, 1, l), MpExc_TypeError,
                 "'iterable' is an invalid keyword argument for "
                 "enumerate()");
    Mp_DECREF(kw);
    assert_int_equal(Mp_REFCNT(l), 1);
    Mp_DECREF(l);
    Mp_DECREF(s);
    Mp_DECREF(one);
    Mp_DECREF(f);
}

/* An error raised by the underlying iterator passes through. */
static void
test_enumerate_iter_error(void **state)
{
    MpObject *seq = new_plain(&seq_type), *it, *item;

    (void)state;
    seq_fail = 2;
    it = call_type(&MpEnum_Type, NULL, 1, seq);
    assert_non_null(it);
    item = MpIter_Next(it);
    assert_non_null(item);
    Mp_DECREF(item);
    item = MpIter_Next(it);
    Mp_DECREF(item);
    assert_error(MpIter_Next(it), MpExc_KeyError, "'seq'");
    seq_fail = -1;
    Mp_DECREF(it);
    Mp_DECREF(seq);
}

/* ---- reversed ---- */

static void
test_reversed_cases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(reversed_cases); i++) {
        const struct reversed_case *c = &reversed_cases[i];
        MpObject *x = make_input(c->kind, c->n);
        Mp_ssize_t refs = Mp_REFCNT(x);

        assert_iter_repr(call_type(&MpReversed_Type, NULL, 1, x),
                         c->expected);
        assert_int_equal(Mp_REFCNT(x), refs);
        Mp_DECREF(x);
    }
}

static void
test_reversed_protocols(void **state)
{
    MpObject *seq = new_plain(&seq_type), *s, *it, *item, *d;

    (void)state;
    /* the sequence protocol: a reversed object */
    it = call_type(&MpReversed_Type, NULL, 1, seq);
    assert_non_null(it);
    assert_true(Mp_TYPE(it) == &MpReversed_Type);
    assert_int_equal(length_hint(it), 4);
    item = MpIter_Next(it);
    assert_int_equal(MpLong_AsLong(item), 103);
    Mp_DECREF(item);
    assert_int_equal(length_hint(it), 3);
    assert_iter_repr(Mp_NewRef(it), "[102, 101, 100]");
    assert_int_equal(length_hint(it), 0);
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    /* str has no __reversed__ either */
    s = MpUnicode_FromString("abc");
    it = call_type(&MpReversed_Type, NULL, 1, s);
    assert_int_equal(length_hint(it), 3);
    assert_iter_repr(it, "['c', 'b', 'a']");
    Mp_DECREF(s);
    /* a dict reverses through its own __reversed__ */
    d = MpDict_New();
    MpDict_SetItemString(d, "k1", Mp_None);
    MpDict_SetItemString(d, "k2", Mp_None);
    it = call_type(&MpReversed_Type, NULL, 1, d);
    assert_non_null(it);
    assert_true(Mp_TYPE(it) != &MpReversed_Type);
    assert_iter_repr(it, "['k2', 'k1']");
    Mp_DECREF(d);
    /* an item error passes through; IndexError just ends it */
    seq_fail = 2;
    it = call_type(&MpReversed_Type, NULL, 1, seq);
    item = MpIter_Next(it);
    Mp_DECREF(item);
    assert_error(MpIter_Next(it), MpExc_KeyError, "'seq'");
    seq_fail = -1;
    Mp_DECREF(it);
    Mp_DECREF(seq);
}

/* A class whose __reversed__ is None, or a callable. */
static MpObject *
make_class(const char *name, MpObject *base, const char *attr,
           MpObject *value)
{
    MpObject *bases, *dict, *args, *cls;

    bases = base != NULL ? MpTuple_Pack(1, base) : MpTuple_New(0);
    dict = MpDict_New();
    if (attr != NULL)
        MpDict_SetItemString(dict, attr, value);
    args = MpTuple_New(3);
    MpTuple_SetItem(args, 0, MpUnicode_FromString(name));
    MpTuple_SetItem(args, 1, bases);
    MpTuple_SetItem(args, 2, dict);
    cls = MpObject_Call((MpObject *)&MpType_Type, args, NULL);
    Mp_DECREF(args);
    assert_non_null(cls);
    return cls;
}

static void
test_reversed_errors(void **state)
{
    MpObject *one = MpLong_FromLong(1), *l = MpList_New(0), *kw, *cls;
    MpObject *inst, *lit, *fn, *res;

    (void)state;
    assert_error(call_type(&MpReversed_Type, NULL, 0), MpExc_TypeError,
                 "reversed expected 1 argument, got 0");
    assert_error(call_type(&MpReversed_Type, NULL, 2, l, l),
                 MpExc_TypeError, "reversed expected 1 argument, got 2");
    assert_error(call_type(&MpReversed_Type, NULL, 1, one),
                 MpExc_TypeError, "'int' object is not reversible");
    kw = kw1("seq", l);
    assert_error(call_type(&MpReversed_Type, kw, 0), MpExc_TypeError,
                 "reversed() takes no keyword arguments");
    Mp_DECREF(kw);
    lit = MpObject_GetIter(l);
    assert_error(call_type(&MpReversed_Type, NULL, 1, lit), MpExc_TypeError,
                 "'list_iterator' object is not reversible");
    Mp_DECREF(lit);
    /* __reversed__ = None opts out even of the sequence protocol */
    cls = make_class("N", NULL, "__reversed__", Mp_None);
    inst = MpObject_CallNoArgs(cls);
    assert_non_null(inst);
    assert_error(call_type(&MpReversed_Type, NULL, 1, inst),
                 MpExc_TypeError, "'N' object is not reversible");
    Mp_DECREF(inst);
    Mp_DECREF(cls);
    /* a __reversed__ found on the type is called, its result returned */
    fn = MpCFunction_New("__reversed__", pack_fn, MP_METH_FASTCALL);
    cls = make_class("R", NULL, "__reversed__", fn);
    inst = MpObject_CallNoArgs(cls);
    res = call_type(&MpReversed_Type, NULL, 1, inst);
    assert_non_null(res);
    assert_true(MpTuple_Check(res));
    Mp_DECREF(res);
    Mp_DECREF(inst);
    Mp_DECREF(cls);
    Mp_DECREF(fn);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

/* ---- zip ---- */

static MpObject *
call_multi(MpTypeObject *type, MpObject *first, const struct multi_case *c,
           MpObject *kw)
{
    MpObject *args, *x;
    int j, off = first != NULL;

    args = MpTuple_New(c->ninputs + off);
    assert_non_null(args);
    if (first != NULL)
        MpTuple_SetItem(args, 0, Mp_NewRef(first));
    for (j = 0; j < c->ninputs; j++) {
        x = make_input(c->kind[j], c->n[j]);
        MpTuple_SetItem(args, j + off, x);
    }
    x = MpObject_Call((MpObject *)type, args, kw);
    Mp_DECREF(args);
    return x;
}

static void
test_zip_cases(void **state)
{
    MpObject *kw, *it;
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(zip_cases); i++) {
        const struct multi_case *c = &zip_cases[i];

        kw = c->strict ? kw1("strict", Mp_True)
                       : (i % 4 == 0 ? kw1("strict", Mp_False) : NULL);
        it = call_multi(&MpZip_Type, NULL, c, kw);
        Mp_XDECREF(kw);
        if (!c->is_error) {
            assert_iter_repr(it, c->expected);
            continue;
        }
        assert_non_null(it);
        assert_error(MpSequence_List(it), MpExc_ValueError, c->expected);
        Mp_DECREF(it);
    }
}

static void
test_zip_misc(void **state)
{
    MpObject *one = MpLong_FromLong(1), *l = make_input(K_LIST, 2), *kw;
    MpObject *it, *seq, *item, *empty = MpList_New(0);

    (void)state;
    /* zip() is empty, and stays so */
    it = call_type(&MpZip_Type, NULL, 0);
    assert_non_null(it);
    assert_null(MpIter_Next(it));
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);
    /* strict takes any truth value */
    kw = kw1("strict", empty);
    assert_iter_repr(call_type(&MpZip_Type, kw, 2, l, l),
                     "[(0, 0), (1, 1)]");
    Mp_DECREF(kw);
    kw = kw1("strict", one);
    assert_iter_repr(call_type(&MpZip_Type, kw, 1, l), "[(0,), (1,)]");
    Mp_DECREF(kw);
    assert_error(call_type(&MpZip_Type, NULL, 1, one), MpExc_TypeError,
                 "'int' object is not iterable");
    assert_error(call_type(&MpZip_Type, NULL, 2, l, one), MpExc_TypeError,
                 "'int' object is not iterable");
    kw = kw1("x", one);
    assert_error(call_type(&MpZip_Type, kw, 1, l), MpExc_TypeError,
                 "'x' is an invalid keyword argument for zip()");
    MpDict_SetItemString(kw, "strict", Mp_True);
    assert_error(call_type(&MpZip_Type, kw, 1, l), MpExc_TypeError,
                 "zip() takes at most 1 keyword argument (2 given)");
    Mp_DECREF(kw);
    /* an error of an iterator passes through, strict or not */
    seq = new_plain(&seq_type);
    seq_fail = 1;
    kw = kw1("strict", Mp_True);
    it = call_type(&MpZip_Type, kw, 2, seq, seq);
    item = MpIter_Next(it);
    assert_non_null(item);
    Mp_DECREF(item);
    assert_error(MpIter_Next(it), MpExc_KeyError, "'seq'");
    Mp_DECREF(it);
    /* ... also while strict checks the longer ones */
    seq_fail = 0;
    it = call_type(&MpZip_Type, kw, 2, empty, seq);
    assert_error(MpIter_Next(it), MpExc_KeyError, "'seq'");
    Mp_DECREF(it);
    seq_fail = -1;
    Mp_DECREF(kw);
    Mp_DECREF(seq);
    Mp_DECREF(empty);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

/* ---- map ---- */

static void
test_map_cases(void **state)
{
    MpObject *pack = MpCFunction_New("pack", pack_fn, MP_METH_FASTCALL);
    size_t i;

    (void)state;
    assert_non_null(pack);
    for (i = 0; i < MP_ARRAY_LENGTH(map_cases); i++)
        assert_iter_repr(call_multi(&MpMap_Type, pack, &map_cases[i], NULL),
                         map_cases[i].expected);
    assert_int_equal(Mp_REFCNT(pack), 1);
    Mp_DECREF(pack);
}

static void
test_map_misc(void **state)
{
    MpObject *pack = MpCFunction_New("pack", pack_fn, MP_METH_FASTCALL);
    MpObject *fail = MpCFunction_New("fail", fail_fn, MP_METH_FASTCALL);
    MpObject *l = make_input(K_RANGE, 2), *one = MpLong_FromLong(1);
    MpObject *args, *it, *kw;
    int i;

    (void)state;
    /* more iterables than the small argument array holds */
    args = MpTuple_New(11);
    MpTuple_SetItem(args, 0, Mp_NewRef(pack));
    for (i = 1; i < 11; i++)
        MpTuple_SetItem(args, i, Mp_NewRef(l));
    it = MpObject_Call((MpObject *)&MpMap_Type, args, NULL);
    Mp_DECREF(args);
    assert_iter_repr(it, "[(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "
                         "(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)]");
    assert_error(call_type(&MpMap_Type, NULL, 0), MpExc_TypeError,
                 "map() must have at least two arguments.");
    assert_error(call_type(&MpMap_Type, NULL, 1, pack), MpExc_TypeError,
                 "map() must have at least two arguments.");
    assert_error(call_type(&MpMap_Type, NULL, 2, pack, one),
                 MpExc_TypeError, "'int' object is not iterable");
    assert_error(call_type(&MpMap_Type, NULL, 3, pack, l, one),
                 MpExc_TypeError, "'int' object is not iterable");
    kw = kw1("x", one);
    assert_error(call_type(&MpMap_Type, kw, 2, pack, l), MpExc_TypeError,
                 "map() takes no keyword arguments");
    Mp_DECREF(kw);
    /* the function's error passes through */
    it = call_type(&MpMap_Type, NULL, 2, fail, l);
    assert_error(MpIter_Next(it), MpExc_KeyError, "'boom'");
    Mp_DECREF(it);
    Mp_DECREF(pack);
    Mp_DECREF(fail);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

/* ---- filter ---- */

static void
test_filter_cases(void **state)
{
    MpObject *odd = MpCFunction_New("is_odd", is_odd_fn, MP_METH_FASTCALL);
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(filter_cases); i++) {
        const struct filter_case *c = &filter_cases[i];
        MpObject *x = make_input(c->kind, c->n), *func;

        /* filter(bool, x) is filter(None, x) */
        func = c->with_func ? odd
                            : (i % 2 ? Mp_None : (MpObject *)&MpBool_Type);
        assert_iter_repr(call_type(&MpFilter_Type, NULL, 2, func, x),
                         c->expected);
        Mp_DECREF(x);
    }
    Mp_DECREF(odd);
}

static void
test_filter_errors(void **state)
{
    MpObject *fail = MpCFunction_New("fail", fail_fn, MP_METH_FASTCALL);
    MpObject *l = make_input(K_LIST, 3), *one = MpLong_FromLong(1), *kw;
    MpObject *it;

    (void)state;
    assert_error(call_type(&MpFilter_Type, NULL, 0), MpExc_TypeError,
                 "filter expected 2 arguments, got 0");
    assert_error(call_type(&MpFilter_Type, NULL, 1, Mp_None),
                 MpExc_TypeError, "filter expected 2 arguments, got 1");
    assert_error(call_type(&MpFilter_Type, NULL, 3, Mp_None, l, one),
                 MpExc_TypeError, "filter expected 2 arguments, got 3");
    assert_error(call_type(&MpFilter_Type, NULL, 2, Mp_None, one),
                 MpExc_TypeError, "'int' object is not iterable");
    kw = kw1("x", one);
    assert_error(call_type(&MpFilter_Type, kw, 2, Mp_None, l),
                 MpExc_TypeError, "filter() takes no keyword arguments");
    Mp_DECREF(kw);
    it = call_type(&MpFilter_Type, NULL, 2, fail, l);
    assert_error(MpIter_Next(it), MpExc_KeyError, "'boom'");
    Mp_DECREF(it);
    Mp_DECREF(fail);
    Mp_DECREF(l);
    Mp_DECREF(one);
}

/* ---- Cycles: each iterator owning a list that owns it ---- */

static void
test_cycles(void **state)
{
    MpTypeObject *types[] = {&MpEnum_Type, &MpReversed_Type, &MpZip_Type,
                             &MpMap_Type, &MpFilter_Type};
    MpObject *l, *it;
    size_t i;

    (void)state;
    MpGC_Collect();
    for (i = 0; i < MP_ARRAY_LENGTH(types); i++) {
        l = MpList_New(0);
        if (types[i] == &MpMap_Type || types[i] == &MpFilter_Type)
            it = call_type(types[i], NULL, 2, Mp_None, l);
        else
            it = call_type(types[i], NULL, 1, l);
        assert_non_null(it);
        assert_true(MpObject_GC_IsTracked(it));
        MpList_Append(l, it);
        Mp_DECREF(it);
        Mp_DECREF(l);
    }
    /* reversed(list) is a list_reverseiterator, not in the count */
    assert_true(MpGC_Collect() >= 8);
}

/* ---- super ---- */

typedef struct {
    MpObject *a, *b, *c;    /* class A; class B(A); class C(B) */
    MpObject *inst;         /* C() */
    MpObject *fa, *fb;      /* descriptors in A and B under "f" */
} hierarchy;

static void
hierarchy_make(hierarchy *h)
{
    MpObject *v, *cm;

    h->fa = new_plain(&descr_type);
    h->fb = new_plain(&descr_type);
    h->a = make_class("A", NULL, "f", h->fa);
    v = MpLong_FromLong(5);
    MpObject_SetAttrString(h->a, "x", v);
    Mp_DECREF(v);
    /* A.m, a method of A's instances; A.cm, a class method */
    cm = mp_descr_new_method((MpTypeObject *)h->a, &method_def);
    assert_non_null(cm);
    assert_int_equal(MpObject_SetAttrString(h->a, "m", cm), 0);
    Mp_DECREF(cm);
    cm = mp_descr_new_classmethod((MpTypeObject *)h->a, &classmethod_def);
    assert_non_null(cm);
    assert_int_equal(MpObject_SetAttrString(h->a, "cm", cm), 0);
    Mp_DECREF(cm);
    h->b = make_class("B", h->a, "f", h->fb);
    v = MpLong_FromLong(6);
    MpObject_SetAttrString(h->b, "x", v);
    Mp_DECREF(v);
    h->c = make_class("C", h->b, NULL, NULL);
    h->inst = MpObject_CallNoArgs(h->c);
    assert_non_null(h->inst);
}

static void
hierarchy_free(hierarchy *h)
{
    Mp_DECREF(h->inst);
    Mp_DECREF(h->c);
    Mp_DECREF(h->b);
    Mp_DECREF(h->a);
    Mp_DECREF(h->fa);
    Mp_DECREF(h->fb);
}

/* Assert that v is the tuple (d, obj, type) a Descr returns; steals v. */
static void
assert_bound(MpObject *v, MpObject *d, MpObject *obj, MpObject *type)
{
    assert_non_null(v);
    assert_true(MpTuple_Check(v));
    assert_true(MpTuple_GetItem(v, 0) == d);
    assert_true(MpTuple_GetItem(v, 1) == obj);
    assert_true(MpTuple_GetItem(v, 2) == type);
    Mp_DECREF(v);
}

static void
assert_long_attr(MpObject *o, const char *name, long expected)
{
    MpObject *v = MpObject_GetAttrString(o, name);

    assert_non_null(v);
    assert_int_equal(MpLong_AsLong(v), expected);
    Mp_DECREF(v);
}

static void
assert_repr(MpObject *o, const char *expected)
{
    MpObject *r = MpObject_Repr(o);

    assert_non_null(r);
    assert_string_equal(MpUnicode_AsUTF8(r), expected);
    Mp_DECREF(r);
}

static void
test_super_instance(void **state)
{
    hierarchy h;
    MpObject *su, *v;

    (void)state;
    hierarchy_make(&h);
    /* super(B, c): the search starts after B, at A */
    su = call_type(&MpSuper_Type, NULL, 2, h.b, h.inst);
    assert_non_null(su);
    assert_true(MpObject_GC_IsTracked(su));
    assert_long_attr(su, "x", 5);
    assert_bound(MpObject_GetAttrString(su, "f"), h.fa, h.inst, h.c);
    assert_repr(su, "<super: <class 'B'>, <C object>>");
    v = MpObject_GetAttrString(su, "__class__");
    assert_true(v == (MpObject *)&MpSuper_Type);
    Mp_DECREF(v);
    v = MpObject_GetAttrString(su, "__self__");
    assert_true(v == h.inst);
    Mp_DECREF(v);
    v = MpObject_GetAttrString(su, "__self_class__");
    assert_true(v == h.c);
    Mp_DECREF(v);
    v = MpObject_GetAttrString(su, "__thisclass__");
    assert_true(v == h.b);
    Mp_DECREF(v);
    /* a method binds to the instance, a class method to its class */
    v = MpObject_CallMethod(su, "m", NULL, 0);
    assert_true(v == h.inst);
    Mp_DECREF(v);
    v = MpObject_CallMethod(su, "cm", NULL, 0);
    assert_true(v == h.c);
    Mp_DECREF(v);
    Mp_DECREF(su);
    /* super(C, c) finds B's; super(A, c) only object's */
    su = call_type(&MpSuper_Type, NULL, 2, h.c, h.inst);
    assert_long_attr(su, "x", 6);
    assert_bound(MpObject_GetAttrString(su, "f"), h.fb, h.inst, h.c);
    Mp_DECREF(su);
    su = call_type(&MpSuper_Type, NULL, 2, h.a, h.inst);
    assert_error(MpObject_GetAttrString(su, "x"), MpExc_AttributeError,
                 "'super' object has no attribute 'x'");
    assert_error(MpObject_GetAttrString(su, "f"), MpExc_AttributeError,
                 "'super' object has no attribute 'f'");
    Mp_DECREF(su);
    hierarchy_free(&h);
}

static void
test_super_class_and_unbound(void **state)
{
    hierarchy h;
    MpObject *su, *bound, *v;

    (void)state;
    hierarchy_make(&h);
    /* super(B, C): descriptors bind to no instance */
    su = call_type(&MpSuper_Type, NULL, 2, h.b, h.c);
    assert_non_null(su);
    assert_bound(MpObject_GetAttrString(su, "f"), h.fa, Mp_None, h.c);
    assert_long_attr(su, "x", 5);
    assert_repr(su, "<super: <class 'B'>, <C object>>");
    v = MpObject_GetAttrString(su, "__self__");
    assert_true(v == h.c);
    Mp_DECREF(v);
    v = MpObject_CallMethod(su, "cm", NULL, 0);
    assert_true(v == h.c);
    Mp_DECREF(v);
    Mp_DECREF(su);
    /* super(B) and super(B, None) are unbound */
    su = call_type(&MpSuper_Type, NULL, 2, h.b, Mp_None);
    assert_repr(su, "<super: <class 'B'>, NULL>");
    Mp_DECREF(su);
    su = call_type(&MpSuper_Type, NULL, 1, h.b);
    assert_repr(su, "<super: <class 'B'>, NULL>");
    v = MpObject_GetAttrString(su, "__self__");
    assert_true(v == Mp_None);
    Mp_DECREF(v);
    assert_error(MpObject_GetAttrString(su, "x"), MpExc_AttributeError,
                 "'super' object has no attribute 'x'");
    /* binding through __get__: only when unbound and given an object */
    bound = MpSuper_Type.tp_descr_get(su, h.inst, h.c);
    assert_non_null(bound);
    assert_true(bound != su);
    assert_repr(bound, "<super: <class 'B'>, <C object>>");
    assert_long_attr(bound, "x", 5);
    v = MpSuper_Type.tp_descr_get(bound, h.inst, h.c);
    assert_true(v == bound);
    Mp_DECREF(v);
    Mp_DECREF(bound);
    v = MpSuper_Type.tp_descr_get(su, Mp_None, h.c);
    assert_true(v == su);
    Mp_DECREF(v);
    assert_error(MpSuper_Type.tp_descr_get(su, h.a, NULL), MpExc_TypeError,
                 "super(type, obj): obj must be an instance or subtype "
                 "of type");
    Mp_DECREF(su);
    hierarchy_free(&h);
}

static void
test_super_builtin_types(void **state)
{
    MpObject *su, *v;

    (void)state;
    su = call_type(&MpSuper_Type, NULL, 2, &MpBool_Type, Mp_True);
    assert_non_null(su);
    assert_repr(su, "<super: <class 'bool'>, <bool object>>");
    /* int's __repr__ bound to True */
    v = MpObject_CallMethod(su, "__repr__", NULL, 0);
    assert_non_null(v);
    assert_string_equal(MpUnicode_AsUTF8(v), "1");
    Mp_DECREF(v);
    v = MpObject_CallMethod(su, "bit_length", NULL, 0);
    assert_non_null(v);
    assert_int_equal(MpLong_AsLong(v), 1);
    Mp_DECREF(v);
    Mp_DECREF(su);
    su = call_type(&MpSuper_Type, NULL, 2, &MpBool_Type, &MpBool_Type);
    assert_repr(su, "<super: <class 'bool'>, <bool object>>");
    Mp_DECREF(su);
}

static void
test_super_errors(void **state)
{
    MpObject *one = MpLong_FromLong(1), *s = MpUnicode_FromString("a");
    MpObject *kw;

    (void)state;
    assert_error(call_type(&MpSuper_Type, NULL, 1, one), MpExc_TypeError,
                 "super() argument 1 must be a type, not int");
    assert_error(call_type(&MpSuper_Type, NULL, 2, one, one),
                 MpExc_TypeError,
                 "super() argument 1 must be a type, not int");
    assert_error(call_type(&MpSuper_Type, NULL, 2, &MpLong_Type, s),
                 MpExc_TypeError, "super(type, obj): obj must be an "
                 "instance or subtype of type");
    assert_error(call_type(&MpSuper_Type, NULL, 2, &MpUnicode_Type,
                           &MpLong_Type),
                 MpExc_TypeError, "super(type, obj): obj must be an "
                 "instance or subtype of type");
    assert_error(call_type(&MpSuper_Type, NULL, 3, &MpLong_Type, one, one),
                 MpExc_TypeError, "super() expected at most 2 arguments, "
                 "got 3");
    kw = kw1("x", one);
    assert_error(call_type(&MpSuper_Type, kw, 1, &MpLong_Type),
                 MpExc_TypeError, "super() takes no keyword arguments");
    Mp_DECREF(kw);
    /* with no Python code running there is no frame to read */
    assert_error(call_type(&MpSuper_Type, NULL, 0), MpExc_RuntimeError,
                 "super(): no current frame");
    Mp_DECREF(one);
    Mp_DECREF(s);
}

static void
test_super_cycle(void **state)
{
    hierarchy h;
    MpObject *su;

    (void)state;
    hierarchy_make(&h);
    su = call_type(&MpSuper_Type, NULL, 2, h.b, h.inst);
    assert_int_equal(MpObject_SetAttrString(h.inst, "sup", su), 0);
    Mp_DECREF(su);
    hierarchy_free(&h);
    MpGC_Collect();
}

/* ---- Python programs: zero-argument super(), subclasses ---- */

static void
test_programs(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(program_cases); i++) {
        const struct program_case *c = &program_cases[i];
        MpObject *globals = MpDict_New(), *res, *r;

        assert_non_null(globals);
        res = MpRun_String(c->source, c->name, globals);
        Mp_DECREF(globals);
        if (res == NULL)
            MpErr_Print();
        assert_non_null(res);
        r = MpObject_Repr(res);
        Mp_DECREF(res);
        assert_non_null(r);
        assert_string_equal(MpUnicode_AsUTF8(r), c->expected);
        Mp_DECREF(r);
    }
    MpGC_Collect();
}

/* The exception class named 'name' (one of those the cases use). */
static MpObject *
exception_named(const char *name)
{
    if (strcmp(name, "RuntimeError") == 0)
        return MpExc_RuntimeError;
    if (strcmp(name, "TypeError") == 0)
        return MpExc_TypeError;
    assert_string_equal(name, "ValueError");
    return MpExc_ValueError;
}

static void
test_error_programs(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(error_program_cases); i++) {
        const struct error_program_case *c = &error_program_cases[i];
        MpObject *globals = MpDict_New(), *res;

        assert_non_null(globals);
        res = MpRun_String(c->source, c->name, globals);
        assert_error(res, exception_named(c->exc_type), c->message);
        /* the globals may hold cycles through the classes defined */
        MpDict_Clear(globals);
        Mp_DECREF(globals);
    }
    MpGC_Collect();
}

/* ---- Fault injection: fail the k-th allocation, for every k ---- */

typedef struct {
    long countdown;
    int failed;
} fail_state;

static int
fail_kth(size_t size, void *arg)
{
    fail_state *fs = arg;

    (void)size;
    if (fs->countdown-- == 0) {
        fs->failed = 1;
        return 1;
    }
    return 0;
}

typedef MpObject *(*scenario_fn)(void *ctx);

/* Run 'fn' with the k-th allocation failing for k = 0, 1, ... until it
 * runs without hitting the failure; each failure must give NULL and
 * MemoryError and leave the allocator's block count where it was. */
static void
fault_loop(scenario_fn fn, void *ctx)
{
    MpAllocStats before, after;
    fail_state fs;
    MpObject *res;
    long k;

    for (k = 0; k < 10000; k++) {
        MpGC_Collect();
        MpAlloc_GetStats(&before);
        fs.countdown = k;
        fs.failed = 0;
        MpAlloc_SetFailHook(fail_kth, &fs);
        res = fn(ctx);
        MpAlloc_SetFailHook(NULL, NULL);
        if (!fs.failed) {
            if (res == NULL)
                MpErr_Print();
            assert_non_null(res);
            Mp_DECREF(res);
            assert_true(k > 0);
            return;
        }
        if (res != NULL) {
            /* the failure was absorbed (e.g. a cache); still fine */
            Mp_DECREF(res);
        }
        else {
            mp_assert_raised(MpExc_MemoryError);
        }
        MpGC_Collect();
        MpAlloc_GetStats(&after);
        assert_int_equal(after.blocks_in_use, before.blocks_in_use);
    }
    fail();
}

typedef struct {
    MpObject *list, *tuple, *str, *big, *pack, *seq;
    hierarchy h;
} fault_ctx;

static MpObject *
sc_enum(void *p)
{
    fault_ctx *c = p;
    return call_type(&MpEnum_Type, NULL, 2, c->list, c->big);
}

static MpObject *
sc_enum_kw_list(void *p)
{
    fault_ctx *c = p;
    MpObject *kw = MpDict_New(), *it, *res = NULL;

    if (kw == NULL || MpDict_SetItemString(kw, "start", c->big) < 0) {
        Mp_XDECREF(kw);
        return NULL;
    }
    it = call_type(&MpEnum_Type, kw, 1, c->str);
    Mp_DECREF(kw);
    if (it != NULL) {
        res = MpSequence_List(it);
        Mp_DECREF(it);
    }
    return res;
}

static MpObject *
sc_reversed(void *p)
{
    fault_ctx *c = p;
    MpObject *it = call_type(&MpReversed_Type, NULL, 1, c->seq), *res;

    if (it == NULL)
        return NULL;
    res = MpSequence_List(it);
    Mp_DECREF(it);
    return res;
}

static MpObject *
sc_zip(void *p)
{
    fault_ctx *c = p;
    MpObject *kw = MpDict_New(), *it, *res = NULL;

    if (kw == NULL || MpDict_SetItemString(kw, "strict", Mp_True) < 0) {
        Mp_XDECREF(kw);
        return NULL;
    }
    it = call_type(&MpZip_Type, kw, 3, c->list, c->tuple, c->str);
    Mp_DECREF(kw);
    if (it != NULL) {
        res = MpSequence_List(it);
        Mp_DECREF(it);
    }
    return res;
}

static MpObject *
sc_map(void *p)
{
    fault_ctx *c = p;
    MpObject *it = call_type(&MpMap_Type, NULL, 3, c->pack, c->list,
                             c->str), *res;

    if (it == NULL)
        return NULL;
    res = MpSequence_List(it);
    Mp_DECREF(it);
    return res;
}

static MpObject *
sc_filter(void *p)
{
    fault_ctx *c = p;
    MpObject *it = call_type(&MpFilter_Type, NULL, 2, Mp_None, c->tuple);
    MpObject *res;

    if (it == NULL)
        return NULL;
    res = MpSequence_List(it);
    Mp_DECREF(it);
    return res;
}

static MpObject *
sc_super(void *p)
{
    fault_ctx *c = p;
    MpObject *su = call_type(&MpSuper_Type, NULL, 2, c->h.b, c->h.inst);
    MpObject *unbound, *res;

    if (su == NULL)
        return NULL;
    res = MpObject_GetAttrString(su, "f");
    Mp_DECREF(su);
    if (res == NULL)
        return NULL;
    Mp_DECREF(res);
    unbound = call_type(&MpSuper_Type, NULL, 1, c->h.b);
    if (unbound == NULL)
        return NULL;
    res = MpSuper_Type.tp_descr_get(unbound, c->h.inst, c->h.c);
    Mp_DECREF(unbound);
    return res;
}

static void
test_fault_injection(void **state)
{
    fault_ctx c;
    scenario_fn fns[] = {sc_enum, sc_enum_kw_list, sc_reversed, sc_zip,
                         sc_map, sc_filter, sc_super};
    size_t i;

    (void)state;
    c.list = make_input(K_LIST, 7);
    c.tuple = make_input(K_TUPLE, 7);
    c.str = make_input(K_STR, 7);
    c.big = MpLong_FromString("9223372036854775805", NULL, 10);
    c.pack = MpCFunction_New("pack", pack_fn, MP_METH_FASTCALL);
    c.seq = new_plain(&seq_type);
    hierarchy_make(&c.h);
    /* warm the identifier and method caches outside the loop */
    for (i = 0; i < MP_ARRAY_LENGTH(fns); i++) {
        MpObject *r = fns[i](&c);
        assert_non_null(r);
        Mp_DECREF(r);
    }
    for (i = 0; i < MP_ARRAY_LENGTH(fns); i++)
        fault_loop(fns[i], &c);
    assert_int_equal(Mp_REFCNT(c.list), 1);
    assert_int_equal(Mp_REFCNT(c.tuple), 1);
    assert_int_equal(Mp_REFCNT(c.big), 1);
    assert_int_equal(Mp_REFCNT(c.pack), 1);
    hierarchy_free(&c.h);
    Mp_DECREF(c.list);
    Mp_DECREF(c.tuple);
    Mp_DECREF(c.str);
    Mp_DECREF(c.big);
    Mp_DECREF(c.pack);
    Mp_DECREF(c.seq);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        BI_TEST(test_enumerate_cases),
        BI_TEST(test_enumerate_keywords),
        BI_TEST(test_enumerate_errors),
        BI_TEST(test_enumerate_iter_error),
        BI_TEST(test_reversed_cases),
        BI_TEST(test_reversed_protocols),
        BI_TEST(test_reversed_errors),
        BI_TEST(test_zip_cases),
        BI_TEST(test_zip_misc),
        BI_TEST(test_map_cases),
        BI_TEST(test_map_misc),
        BI_TEST(test_filter_cases),
        BI_TEST(test_filter_errors),
        BI_TEST(test_cycles),
        BI_TEST(test_super_instance),
        BI_TEST(test_super_class_and_unbound),
        BI_TEST(test_super_builtin_types),
        BI_TEST(test_super_errors),
        BI_TEST(test_super_cycle),
        BI_TEST(test_programs),
        BI_TEST(test_error_programs),
        BI_TEST(test_fault_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
