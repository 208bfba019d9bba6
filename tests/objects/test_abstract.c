/*
 * tests/objects/test_abstract.c -- the abstract protocols: binary
 * operator dispatch (subclass first, NotImplemented, sequence
 * fallbacks), in-place operators, unary operators, int()/float()/
 * __index__ conversions, the sequence and mapping protocols,
 * subscription, iteration, isinstance/issubclass and format(), with
 * CPython 3.11's error messages (checked with python3).
 *
 * A few small C types defined here exercise paths the built-in types do
 * not reach: a base and a derived type with their own nb_add, one whose
 * nb_add always answers NotImplemented, a type with only sq_item, a
 * type whose __iter__ returns a non-iterator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support/harness.h"
#include "objects/abstract.h"

/* ---- Helpers ---- */

static void
assert_str(MpObject *o, const char *expected)
{
    assert_non_null(o);
    assert_true(MpUnicode_Check(o));
    assert_string_equal(MpUnicode_AsUTF8(o), expected);
}

/* Assert repr(o) == expected, then release o (stolen; must not be
 * NULL). */
static void
check_repr(MpObject *o, const char *expected)
{
    MpObject *r;

    if (o == NULL)
        MpErr_Print();
    assert_non_null(o);
    r = MpObject_Repr(o);
    assert_str(r, expected);
    Mp_DECREF(r);
    Mp_DECREF(o);
}

/* Assert that 'result' is NULL with 'type' and str() 'message' set, and
 * clear it. */
static void
check_error(MpObject *result, MpObject *type, const char *message)
{
    MpObject *exc, *s;

    assert_null(result);
    exc = MpErr_GetRaisedException();
    assert_non_null(exc);
    assert_true(MpErr_GivenExceptionMatches(exc, type));
    s = MpObject_Str(exc);
    assert_str(s, message);
    Mp_DECREF(s);
    Mp_DECREF(exc);
}

/* The same for an int-returning call: rc must be -1. */
static void
check_error_rc(Mp_ssize_t rc, MpObject *type, const char *message)
{
    assert_int_equal(rc, -1);
    check_error(NULL, type, message);
}

static MpObject *
num(long v)
{
    return MpLong_FromLong(v);
}

static MpObject *
str(const char *s)
{
    return MpUnicode_FromString(s);
}

/* [a, b, ...] of small ints. */
static MpObject *
int_list(int n, ...)
{
    MpObject *l = MpList_New(0);
    va_list va;
    int i;

    va_start(va, n);
    for (i = 0; i < n; i++) {
        MpObject *v = num(va_arg(va, int));
        MpList_Append(l, v);
        Mp_DECREF(v);
    }
    va_end(va);
    return l;
}

/* ---- Test types ---- */

typedef struct {
    MpObject_HEAD
} TagObject;

static void
tag_dealloc(MpObject *op)
{
    MpObject_Del(op);
}

static MpObject *
base_add(MpObject *a, MpObject *b)
{
    (void)a;
    (void)b;
    return str("base");
}

static MpObject *
derived_add(MpObject *a, MpObject *b)
{
    (void)a;
    (void)b;
    return str("derived");
}

static MpObject *
shy_add(MpObject *a, MpObject *b)
{
    (void)a;
    (void)b;
    Mp_RETURN_NOTIMPLEMENTED;
}

static MpNumberMethods base_as_number = {.nb_add = base_add};
static MpNumberMethods derived_as_number = {.nb_add = derived_add};
static MpNumberMethods shy_as_number = {.nb_add = shy_add};

static MpTypeObject Base_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Base",
    .tp_basicsize = sizeof(TagObject),
    .tp_dealloc = tag_dealloc,
    .tp_as_number = &base_as_number,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_BASETYPE,
};

static MpTypeObject Derived_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Derived",
    .tp_basicsize = sizeof(TagObject),
    .tp_dealloc = tag_dealloc,
    .tp_as_number = &derived_as_number,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_base = &Base_Type,
};

static MpTypeObject Shy_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Shy",
    .tp_basicsize = sizeof(TagObject),
    .tp_dealloc = tag_dealloc,
    .tp_as_number = &shy_as_number,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_base = &Base_Type,
};

/* Seq: 0, 1, 2 through sq_item only. */
static Mp_ssize_t
seq_length(MpObject *op)
{
    (void)op;
    return 3;
}

static MpObject *
seq_item(MpObject *op, Mp_ssize_t i)
{
    (void)op;
    if (i < 0 || i >= 3) {
        MpErr_SetString(MpExc_IndexError, "Seq index out of range");
        return NULL;
    }
    return num((long)i);
}

static MpSequenceMethods seq_as_sequence = {
    .sq_length = seq_length,
    .sq_item = seq_item,
};

static MpTypeObject Seq_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "Seq",
    .tp_basicsize = sizeof(TagObject),
    .tp_dealloc = tag_dealloc,
    .tp_as_sequence = &seq_as_sequence,
    .tp_flags = MP_TPFLAGS_DEFAULT,
};

static MpObject *
baditer_iter(MpObject *op)
{
    (void)op;
    return num(7);
}

static MpTypeObject BadIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "BadIter",
    .tp_basicsize = sizeof(TagObject),
    .tp_dealloc = tag_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_iter = baditer_iter,
};

/* A new instance of one of the types above (readied on first use after
 * each initialisation). */
static MpObject *
new_tag(MpTypeObject *type)
{
    MpTypeObject *all[] = {&Base_Type, &Derived_Type, &Shy_Type,
                           &Seq_Type, &BadIter_Type};
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(all); i++)
        assert_int_equal(MpType_Ready(all[i]), 0);
    return MpObject_NewFromType(type);
}

/* ---- Binary operators ---- */

static void
test_binary_dispatch(void **unused)
{
    MpObject *base = new_tag(&Base_Type);
    MpObject *derived = new_tag(&Derived_Type);
    MpObject *shy = new_tag(&Shy_Type);
    MpObject *one = num(1);

    (void)unused;
    /* The right operand's type is a subclass with its own slot: first. */
    check_repr(MpNumber_Add(base, derived), "'derived'");
    check_repr(MpNumber_Add(derived, base), "'derived'");
    /* NotImplemented from the subclass: the left operand's slot. */
    check_repr(MpNumber_Add(base, shy), "'base'");
    check_repr(MpNumber_Add(shy, base), "'base'");
    /* The reflected slot of the right operand. */
    check_repr(MpNumber_Add(one, base), "'base'");
    check_error(MpNumber_Add(shy, shy), MpExc_TypeError,
                "unsupported operand type(s) for +: 'Shy' and 'Shy'");
    check_error(MpNumber_Add(shy, one), MpExc_TypeError,
                "unsupported operand type(s) for +: 'Shy' and 'int'");
    check_error(MpNumber_Subtract(base, one), MpExc_TypeError,
                "unsupported operand type(s) for -: 'Base' and 'int'");
    Mp_DECREF(one);
    Mp_DECREF(shy);
    Mp_DECREF(derived);
    Mp_DECREF(base);
}

static void
test_binary_numbers(void **unused)
{
    MpObject *a = num(7), *b = num(2), *s = str("a"), *z = num(0);
    MpObject *big = MpLong_FromString("1180591620717411303424", NULL, 10);

    (void)unused;
    check_repr(MpNumber_Add(a, b), "9");
    check_repr(MpNumber_Subtract(a, b), "5");
    check_repr(MpNumber_Multiply(a, b), "14");
    check_repr(MpNumber_TrueDivide(a, b), "3.5");
    check_repr(MpNumber_FloorDivide(a, b), "3");
    check_repr(MpNumber_Remainder(a, b), "1");
    check_repr(MpNumber_Divmod(a, b), "(3, 1)");
    check_repr(MpNumber_Power(b, a, NULL), "128");
    check_repr(MpNumber_Power(b, a, Mp_None), "128");
    check_repr(MpNumber_Power(b, a, a), "2");
    check_repr(MpNumber_Lshift(a, b), "28");
    check_repr(MpNumber_Rshift(a, b), "1");
    check_repr(MpNumber_And(a, b), "2");
    check_repr(MpNumber_Or(a, b), "7");
    check_repr(MpNumber_Xor(a, b), "5");
    check_error(MpNumber_Add(a, s), MpExc_TypeError,
                "unsupported operand type(s) for +: 'int' and 'str'");
    check_error(MpNumber_TrueDivide(a, z), MpExc_ZeroDivisionError,
                "division by zero");
    check_error(MpNumber_Divmod(s, a), MpExc_TypeError,
                "unsupported operand type(s) for divmod(): 'str' and 'int'");
    check_error(MpNumber_Power(s, a, NULL), MpExc_TypeError,
                "unsupported operand type(s) for ** or pow(): 'str' and "
                "'int'");
    check_error(MpNumber_Power(s, a, b), MpExc_TypeError,
                "unsupported operand type(s) for ** or pow(): 'str', "
                "'int', 'int'");
    check_error(MpNumber_Xor(s, s), MpExc_TypeError,
                "unsupported operand type(s) for ^: 'str' and 'str'");
    Mp_DECREF(big);
    Mp_DECREF(z);
    Mp_DECREF(s);
    Mp_DECREF(b);
    Mp_DECREF(a);
}

static void
test_sequence_fallbacks(void **unused)
{
    MpObject *l = int_list(1, 1), *m = int_list(1, 2), *three = num(3);
    MpObject *f = MpFloat_FromDouble(2.0), *s = str("ab");
    MpObject *big = MpLong_FromString("1180591620717411303424", NULL, 10);

    (void)unused;
    check_repr(MpNumber_Add(l, m), "[1, 2]");
    check_error(MpNumber_Add(l, three), MpExc_TypeError,
                "can only concatenate list (not \"int\") to list");
    check_repr(MpNumber_Multiply(three, l), "[1, 1, 1]");
    check_repr(MpNumber_Multiply(l, three), "[1, 1, 1]");
    check_repr(MpNumber_Multiply(s, three), "'ababab'");
    check_error(MpNumber_Multiply(l, f), MpExc_TypeError,
                "can't multiply sequence by non-int of type 'float'");
    check_error(MpNumber_Multiply(f, l), MpExc_TypeError,
                "can't multiply sequence by non-int of type 'float'");
    check_error(MpNumber_Multiply(l, s), MpExc_TypeError,
                "can't multiply sequence by non-int of type 'str'");
    check_error(MpNumber_Multiply(l, big), MpExc_OverflowError,
                "cannot fit 'int' into an index-sized integer");
    Mp_DECREF(big);
    Mp_DECREF(s);
    Mp_DECREF(f);
    Mp_DECREF(three);
    Mp_DECREF(m);
    Mp_DECREF(l);
}

static void
test_inplace(void **unused)
{
    MpObject *l = int_list(1, 1), *m = int_list(1, 2), *two = num(2);
    MpObject *five = num(5), *s = str("a"), *t, *r;

    (void)unused;
    r = MpNumber_InPlaceAdd(l, m);
    assert_ptr_equal(r, l);
    Mp_DECREF(r);
    r = MpNumber_InPlaceMultiply(l, two);
    assert_ptr_equal(r, l);
    Mp_DECREF(r);
    check_repr(Mp_NewRef(l), "[1, 2, 1, 2]");
    r = MpNumber_InPlaceMultiply(two, m);
    check_repr(r, "[2, 2]");
    check_repr(MpNumber_InPlaceSubtract(five, two), "3");
    check_repr(MpNumber_InPlaceFloorDivide(five, two), "2");
    check_repr(MpNumber_InPlacePower(five, two, NULL), "25");
    check_repr(MpNumber_InPlaceLshift(five, two), "20");
    check_repr(MpNumber_InPlaceOr(five, two), "7");
    /* Tuples have no in-place slots: the plain concat makes a new one. */
    t = MpTuple_Pack(1, two);
    r = MpNumber_InPlaceAdd(t, t);
    assert_ptr_not_equal(r, t);
    check_repr(r, "(2, 2)");
    check_error(MpNumber_InPlaceAdd(five, s), MpExc_TypeError,
                "unsupported operand type(s) for +=: 'int' and 'str'");
    check_error(MpNumber_InPlacePower(five, s, NULL), MpExc_TypeError,
                "unsupported operand type(s) for **=: 'int' and 'str'");
    check_error(MpNumber_InPlaceAdd(l, five), MpExc_TypeError,
                "'int' object is not iterable");
    check_error(MpNumber_InPlaceMultiply(l, s), MpExc_TypeError,
                "can't multiply sequence by non-int of type 'str'");
    Mp_DECREF(t);
    Mp_DECREF(s);
    Mp_DECREF(five);
    Mp_DECREF(two);
    Mp_DECREF(m);
    Mp_DECREF(l);
}

static void
test_unary(void **unused)
{
    MpObject *five = num(-5), *s = str("a");

    (void)unused;
    check_repr(MpNumber_Negative(five), "5");
    check_repr(MpNumber_Positive(five), "-5");
    check_repr(MpNumber_Absolute(five), "5");
    check_repr(MpNumber_Invert(five), "4");
    check_error(MpNumber_Negative(s), MpExc_TypeError,
                "bad operand type for unary -: 'str'");
    check_error(MpNumber_Positive(s), MpExc_TypeError,
                "bad operand type for unary +: 'str'");
    check_error(MpNumber_Absolute(s), MpExc_TypeError,
                "bad operand type for abs(): 'str'");
    check_error(MpNumber_Invert(s), MpExc_TypeError,
                "bad operand type for unary ~: 'str'");
    Mp_DECREF(s);
    Mp_DECREF(five);
}

/* ---- Conversions ---- */

static void
test_index(void **unused)
{
    MpObject *f = MpFloat_FromDouble(1.5), *s = str("a"), *seven = num(7);
    MpObject *big = MpLong_FromString("1180591620717411303424", NULL, 10);
    MpObject *nbig = MpLong_FromString("-1180591620717411303424", NULL, 10);
    MpObject *r;

    (void)unused;
    assert_true(MpIndex_Check(seven));
    assert_false(MpIndex_Check(f));
    r = MpNumber_Index(seven);
    assert_ptr_equal(r, seven);
    Mp_DECREF(r);
    r = MpNumber_Index(Mp_True);
    assert_true(MpLong_CheckExact(r));
    check_repr(r, "1");
    check_error(MpNumber_Index(f), MpExc_TypeError,
                "'float' object cannot be interpreted as an integer");
    assert_int_equal(MpNumber_AsSsize_t(seven, NULL), 7);
    assert_int_equal(MpNumber_AsSsize_t(big, NULL), MP_SSIZE_T_MAX);
    assert_int_equal(MpNumber_AsSsize_t(nbig, NULL), MP_SSIZE_T_MIN);
    check_error_rc(MpNumber_AsSsize_t(big, MpExc_IndexError),
                   MpExc_IndexError,
                   "cannot fit 'int' into an index-sized integer");
    check_error_rc(MpNumber_AsSsize_t(s, MpExc_OverflowError),
                   MpExc_TypeError,
                   "'str' object cannot be interpreted as an integer");
    Mp_DECREF(nbig);
    Mp_DECREF(big);
    Mp_DECREF(seven);
    Mp_DECREF(s);
    Mp_DECREF(f);
}

static void
test_int_and_float(void **unused)
{
    MpObject *l = MpList_New(0), *f = MpFloat_FromDouble(3.7);
    MpObject *s = str(" 42 "), *x = str("x"), *fs = str("1.5");
    MpObject *three = num(3), *r;

    (void)unused;
    check_repr(MpNumber_Long(s), "42");
    check_repr(MpNumber_Long(f), "3");
    r = MpNumber_Long(Mp_True);
    assert_true(MpLong_CheckExact(r));
    check_repr(r, "1");
    r = MpNumber_Long(three);
    assert_ptr_equal(r, three);
    Mp_DECREF(r);
    check_error(MpNumber_Long(l), MpExc_TypeError,
                "int() argument must be a string, a bytes-like object or "
                "a real number, not 'list'");
    check_error(MpNumber_Long(x), MpExc_ValueError,
                "invalid literal for int() with base 10: 'x'");
    check_repr(MpNumber_Float(three), "3.0");
    check_repr(MpNumber_Float(fs), "1.5");
    check_repr(MpNumber_Float(Mp_True), "1.0");
    r = MpNumber_Float(f);
    assert_ptr_equal(r, f);
    Mp_DECREF(r);
    check_error(MpNumber_Float(l), MpExc_TypeError,
                "float() argument must be a string or a real number, "
                "not 'list'");
    Mp_DECREF(three);
    Mp_DECREF(fs);
    Mp_DECREF(x);
    Mp_DECREF(s);
    Mp_DECREF(f);
    Mp_DECREF(l);
}

/* ---- Sequences and mappings ---- */

static void
test_sequence_protocol(void **unused)
{
    MpObject *l = int_list(3, 10, 20, 30), *d = MpDict_New();
    MpObject *one = num(1), *twenty = num(20), *seq = new_tag(&Seq_Type);
    MpObject *t, *r, *s = str("ab");

    (void)unused;
    assert_true(MpSequence_Check(l));
    assert_true(MpSequence_Check(seq));
    assert_false(MpSequence_Check(d));
    assert_false(MpSequence_Check(one));
    assert_int_equal(MpSequence_Length(l), 3);
    check_error_rc(MpSequence_Length(d), MpExc_TypeError,
                   "dict is not a sequence");
    check_error_rc(MpSequence_Length(one), MpExc_TypeError,
                   "object of type 'int' has no len()");
    check_repr(MpSequence_GetItem(l, -1), "30");
    check_repr(MpSequence_GetItem(seq, -1), "2");
    check_error(MpSequence_GetItem(l, 3), MpExc_IndexError,
                "list index out of range");
    check_error(MpSequence_GetItem(d, 0), MpExc_TypeError,
                "dict is not a sequence");
    check_error(MpSequence_GetItem(one, 0), MpExc_TypeError,
                "'int' object does not support indexing");
    assert_int_equal(MpSequence_Contains(l, twenty), 1);
    assert_int_equal(MpSequence_Contains(l, one), 0);
    /* Seq has no sq_contains: found by iterating. */
    assert_int_equal(MpSequence_Contains(seq, one), 1);
    assert_int_equal(MpSequence_Contains(seq, twenty), 0);
    check_error_rc(MpSequence_Contains(one, one), MpExc_TypeError,
                   "argument of type 'int' is not iterable");

    t = MpSequence_Tuple(l);
    check_repr(Mp_NewRef(t), "(10, 20, 30)");
    r = MpSequence_Tuple(t);
    assert_ptr_equal(r, t);
    Mp_DECREF(r);
    check_repr(MpSequence_List(t), "[10, 20, 30]");
    check_repr(MpSequence_List(s), "['a', 'b']");
    check_repr(MpSequence_Tuple(seq), "(0, 1, 2)");
    check_error(MpSequence_Tuple(one), MpExc_TypeError,
                "'int' object is not iterable");
    check_error(MpSequence_List(one), MpExc_TypeError,
                "'int' object is not iterable");
    Mp_DECREF(t);
    Mp_DECREF(s);
    Mp_DECREF(seq);
    Mp_DECREF(twenty);
    Mp_DECREF(one);
    Mp_DECREF(d);
    Mp_DECREF(l);
}

static MpObject *
keys_method(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return MpTuple_Pack(2, Mp_True, Mp_False);
}

static MpObject *
items_method(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return num(5);
}

static void
test_mapping_protocol(void **unused)
{
    MpObject *d = MpDict_New(), *one = num(1), *l = MpList_New(0);
    MpObject *ns = MpDict_New(), *cls, *inst, *fn, *args;

    (void)unused;
    MpDict_SetItemString(d, "a", one);
    assert_true(MpMapping_Check(d));
    assert_true(MpMapping_Check(l));
    assert_false(MpMapping_Check(one));
    assert_int_equal(MpMapping_Length(d), 1);
    check_error_rc(MpMapping_Length(one), MpExc_TypeError,
                   "object of type 'int' has no len()");
    check_repr(MpMapping_Keys(d), "['a']");
    check_repr(MpMapping_Items(d), "[('a', 1)]");

    /* A class whose keys() and items() are plain functions. */
    fn = MpCFunction_New("keys", keys_method, MP_METH_FASTCALL);
    MpDict_SetItemString(ns, "keys", fn);
    Mp_DECREF(fn);
    fn = MpCFunction_New("items", items_method, MP_METH_FASTCALL);
    MpDict_SetItemString(ns, "items", fn);
    Mp_DECREF(fn);
    args = MpTuple_New(3);
    MpTuple_SetItem(args, 0, str("M"));
    MpTuple_SetItem(args, 1, MpTuple_New(0));
    MpTuple_SetItem(args, 2, ns);
    cls = MpObject_Call((MpObject *)&MpType_Type, args, NULL);
    Mp_DECREF(args);
    assert_non_null(cls);
    inst = MpObject_CallNoArgs(cls);
    assert_non_null(inst);
    check_repr(MpMapping_Keys(inst), "[True, False]");
    check_error(MpMapping_Items(inst), MpExc_TypeError,
                "M.items() returned a non-iterable (type int)");
    check_error(MpMapping_Keys(one), MpExc_AttributeError,
                "'int' object has no attribute 'keys'");
    Mp_DECREF(inst);
    Mp_DECREF(cls);
    Mp_DECREF(l);
    Mp_DECREF(one);
    Mp_DECREF(d);
}

/* ---- Subscription ---- */

static void
test_getitem(void **unused)
{
    MpObject *l = int_list(2, 10, 20), *one = num(1), *m1 = num(-1);
    MpObject *a = str("a"), *seq = new_tag(&Seq_Type), *d = MpDict_New();

    (void)unused;
    check_repr(MpObject_GetItem(l, one), "20");
    check_repr(MpObject_GetItem(l, m1), "20");
    check_repr(MpObject_GetItem(seq, one), "1");
    check_repr(MpObject_GetItem(seq, m1), "2");
    check_error(MpObject_GetItem(seq, a), MpExc_TypeError,
                "sequence index must be integer, not 'str'");
    check_error(MpObject_GetItem(l, a), MpExc_TypeError,
                "list indices must be integers or slices, not str");
    check_error(MpObject_GetItem(one, one), MpExc_TypeError,
                "'int' object is not subscriptable");
    check_error(MpObject_GetItem((MpObject *)&MpLong_Type, one),
                MpExc_TypeError, "type 'int' is not subscriptable");
    check_error(MpObject_GetItem(d, a), MpExc_KeyError, "'a'");
    Mp_DECREF(d);
    Mp_DECREF(seq);
    Mp_DECREF(a);
    Mp_DECREF(m1);
    Mp_DECREF(one);
    Mp_DECREF(l);
}

static void
test_setitem_delitem(void **unused)
{
    MpObject *l = int_list(2, 10, 20), *one = num(1), *m1 = num(-1);
    MpObject *a = str("a"), *t = MpTuple_Pack(1, one), *d = MpDict_New();
    MpObject *seq = new_tag(&Seq_Type);

    (void)unused;
    assert_int_equal(MpObject_SetItem(l, m1, a), 0);
    check_repr(Mp_NewRef(l), "[10, 'a']");
    assert_int_equal(MpObject_DelItem(l, m1), 0);
    check_repr(Mp_NewRef(l), "[10]");
    assert_int_equal(MpObject_SetItem(d, a, one), 0);
    check_repr(MpObject_GetItem(d, a), "1");
    assert_int_equal(MpObject_DelItem(d, a), 0);
    check_error_rc(MpObject_DelItem(d, a), MpExc_KeyError, "'a'");

    check_error_rc(MpObject_SetItem(t, one, one), MpExc_TypeError,
                   "'tuple' object does not support item assignment");
    check_error_rc(MpObject_DelItem(t, one), MpExc_TypeError,
                   "'tuple' object doesn't support item deletion");
    check_error_rc(MpObject_SetItem(a, one, one), MpExc_TypeError,
                   "'str' object does not support item assignment");
    check_error_rc(MpObject_DelItem(a, one), MpExc_TypeError,
                   "'str' object doesn't support item deletion");
    check_error_rc(MpObject_SetItem(one, one, one), MpExc_TypeError,
                   "'int' object does not support item assignment");
    check_error_rc(MpObject_DelItem(one, one), MpExc_TypeError,
                   "'int' object does not support item deletion");
    check_error_rc(MpObject_SetItem(seq, one, one), MpExc_TypeError,
                   "'Seq' object does not support item assignment");
    check_error_rc(MpObject_DelItem(seq, one), MpExc_TypeError,
                   "'Seq' object doesn't support item deletion");
    check_error_rc(MpObject_SetItem(l, a, one), MpExc_TypeError,
                   "list indices must be integers or slices, not str");
    Mp_DECREF(seq);
    Mp_DECREF(d);
    Mp_DECREF(t);
    Mp_DECREF(a);
    Mp_DECREF(m1);
    Mp_DECREF(one);
    Mp_DECREF(l);
}

/* ---- Iteration ---- */

static void
test_iteration(void **unused)
{
    MpObject *l = int_list(2, 1, 2), *one = num(1);
    MpObject *seq = new_tag(&Seq_Type), *bad = new_tag(&BadIter_Type);
    MpObject *it, *x;
    long expect = 0;

    (void)unused;
    assert_false(MpIter_Check(l));
    it = MpObject_GetIter(l);
    assert_non_null(it);
    assert_true(MpIter_Check(it));
    check_repr(MpIter_Next(it), "1");
    check_repr(MpIter_Next(it), "2");
    assert_null(MpIter_Next(it));
    assert_null(MpErr_Occurred());
    Mp_DECREF(it);

    /* A type with only sq_item iterates until IndexError. */
    it = MpObject_GetIter(seq);
    assert_non_null(it);
    while ((x = MpIter_Next(it)) != NULL) {
        assert_int_equal(MpLong_AsLong(x), expect++);
        Mp_DECREF(x);
    }
    assert_null(MpErr_Occurred());
    assert_int_equal(expect, 3);
    Mp_DECREF(it);

    check_error(MpObject_GetIter(one), MpExc_TypeError,
                "'int' object is not iterable");
    check_error(MpObject_GetIter(bad), MpExc_TypeError,
                "iter() returned non-iterator of type 'int'");
    check_error(MpIter_Next(l), MpExc_TypeError,
                "'list' object is not an iterator");
    Mp_DECREF(bad);
    Mp_DECREF(seq);
    Mp_DECREF(one);
    Mp_DECREF(l);
}

/* ---- isinstance / issubclass ---- */

static void
test_isinstance_issubclass(void **unused)
{
    MpObject *one = num(1);
    MpObject *INT = (MpObject *)&MpLong_Type;
    MpObject *STR = (MpObject *)&MpUnicode_Type;
    MpObject *FLOAT = (MpObject *)&MpFloat_Type;
    MpObject *BOOL = (MpObject *)&MpBool_Type;
    MpObject *inner = MpTuple_Pack(1, FLOAT);
    MpObject *sf = MpTuple_Pack(2, STR, inner);
    MpObject *si = MpTuple_Pack(2, STR, INT);
    MpObject *deep;
    int i;

    (void)unused;
    assert_int_equal(MpObject_IsInstance(one, INT), 1);
    assert_int_equal(MpObject_IsInstance(one, STR), 0);
    assert_int_equal(MpObject_IsInstance(Mp_True, INT), 1);
    assert_int_equal(MpObject_IsInstance(one, si), 1);
    assert_int_equal(MpObject_IsInstance(one, sf), 0);
    check_error_rc(MpObject_IsInstance(one, one), MpExc_TypeError,
                   "isinstance() arg 2 must be a type, a tuple of types, "
                   "or a union");
    assert_int_equal(MpObject_IsSubclass(BOOL, INT), 1);
    assert_int_equal(MpObject_IsSubclass(INT, BOOL), 0);
    assert_int_equal(MpObject_IsSubclass(BOOL, si), 1);
    assert_int_equal(MpObject_IsSubclass(BOOL, sf), 0);
    check_error_rc(MpObject_IsSubclass(one, INT), MpExc_TypeError,
                   "issubclass() arg 1 must be a class");
    check_error_rc(MpObject_IsSubclass(one, si), MpExc_TypeError,
                   "issubclass() arg 1 must be a class");
    check_error_rc(MpObject_IsSubclass(INT, one), MpExc_TypeError,
                   "issubclass() arg 2 must be a class, a tuple of "
                   "classes, or a union");

    /* Deeply nested tuples hit the recursion limit, not the C stack. */
    deep = MpTuple_Pack(1, STR);
    for (i = 0; i < 5000; i++) {
        MpObject *outer = MpTuple_Pack(1, deep);
        Mp_DECREF(deep);
        deep = outer;
    }
    check_error_rc(MpObject_IsInstance(one, deep), MpExc_RecursionError,
                   "maximum recursion depth exceeded in __instancecheck__");
    check_error_rc(MpObject_IsSubclass(INT, deep), MpExc_RecursionError,
                   "maximum recursion depth exceeded in __subclasscheck__");
    Mp_DECREF(deep);
    Mp_DECREF(si);
    Mp_DECREF(sf);
    Mp_DECREF(inner);
    Mp_DECREF(one);
}

/* ---- format() ---- */

static void
test_format(void **unused)
{
    MpObject *s = str("ab"), *five = num(5), *l = MpList_New(0);
    MpObject *empty = str(""), *x = str("x"), *spec = str(">4");
    MpObject *r;

    (void)unused;
    r = MpObject_Format(s, NULL);
    assert_ptr_equal(r, s);
    Mp_DECREF(r);
    r = MpObject_Format(s, empty);
    assert_ptr_equal(r, s);
    Mp_DECREF(r);
    check_repr(MpObject_Format(five, NULL), "'5'");
    check_repr(MpObject_Format(five, spec), "'   5'");
    check_repr(MpObject_Format(s, spec), "'  ab'");
    check_repr(MpObject_Format(l, empty), "'[]'");
    check_error(MpObject_Format(l, x), MpExc_TypeError,
                "unsupported format string passed to list.__format__");
    check_error(MpObject_Format(l, five), MpExc_SystemError,
                "Format specifier must be a string, not int");

    check_repr(mp_object_format_default(l, empty), "'[]'");
    check_error(mp_object_format_default(l, x), MpExc_TypeError,
                "unsupported format string passed to list.__format__");
    check_error(mp_object_format_default(l, five), MpExc_TypeError,
                "__format__() argument must be str, not int");
    Mp_DECREF(spec);
    Mp_DECREF(x);
    Mp_DECREF(empty);
    Mp_DECREF(l);
    Mp_DECREF(five);
    Mp_DECREF(s);
}

/* ---- NULL arguments ---- */

static void
test_null_arguments(void **unused)
{
    MpObject *one = num(1);

    (void)unused;
    check_error(MpObject_GetItem(NULL, one), MpExc_SystemError,
                "null argument to internal routine");
    check_error(MpNumber_Index(NULL), MpExc_SystemError,
                "null argument to internal routine");
    check_error_rc(MpObject_SetItem(one, one, NULL), MpExc_SystemError,
                   "null argument to internal routine");
    Mp_DECREF(one);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_binary_dispatch),
        MP_TEST(test_binary_numbers),
        MP_TEST(test_sequence_fallbacks),
        MP_TEST(test_inplace),
        MP_TEST(test_unary),
        MP_TEST(test_index),
        MP_TEST(test_int_and_float),
        MP_TEST(test_sequence_protocol),
        MP_TEST(test_mapping_protocol),
        MP_TEST(test_getitem),
        MP_TEST(test_setitem_delitem),
        MP_TEST(test_iteration),
        MP_TEST(test_isinstance_issubclass),
        MP_TEST(test_format),
        MP_TEST(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
