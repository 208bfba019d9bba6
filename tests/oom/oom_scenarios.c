/*
 * oom_scenarios.c -- object-level operations through the C API, for
 * oom_run -s to sweep with every allocation failing in turn.
 *
 * Each scenario is what the unit tests do to one kind of object (make it,
 * grow it, convert it, compare it, print it), written for a failure at any
 * point: every call is checked, and on the first failure the scenario
 * drops what it holds and returns -1 with the exception still set.  The
 * objects a scenario owns sit in a small 'held' list released at the end,
 * so the error path and the normal path free the same things.
 */
#include <stdio.h>
#include <string.h>

#include "include/internal/mp_core.h"
#include "tests/oom/oom_scenarios.h"

#define MAX_HELD 128

typedef struct {
    MpObject *obj[MAX_HELD];
    int n;
} held;

static MpObject *
hold(held *h, MpObject *obj)
{
    if (obj != NULL)
        h->obj[h->n++] = obj;
    return obj;
}

static int
release(held *h, int rc)
{
    while (h->n > 0)
        Mp_DECREF(h->obj[--h->n]);
    return rc;
}

/* Within a scenario with a 'held h': give up unless the call worked. */
#define NEW(var, expr) \
    do { if (((var) = hold(&h, (expr))) == NULL) return release(&h, -1); \
    } while (0)
#define OK(expr) \
    do { if ((expr) < 0) return release(&h, -1); } while (0)
#define TEMP(expr) \
    do { MpObject *tmp_ = (expr); if (tmp_ == NULL) return release(&h, -1); \
         Mp_DECREF(tmp_); } while (0)

/* ---- int ---- */

static int
scenario_int(void)
{
    held h = {{0}, 0};
    MpObject *a, *b, *c, *seven, *big, *s;

    NEW(a, MpLong_FromString("123456789012345678901234567890", NULL, 10));
    NEW(b, MpLong_FromString("-0x7fffffffffffffffffff", NULL, 16));
    NEW(seven, MpLong_FromLong(7));
    NEW(c, MpNumber_Multiply(a, b));
    TEMP(MpNumber_Add(c, a));
    TEMP(MpNumber_Subtract(a, c));
    TEMP(MpNumber_FloorDivide(c, seven));
    TEMP(MpNumber_Remainder(c, seven));
    TEMP(MpNumber_Divmod(a, b));
    TEMP(MpNumber_TrueDivide(a, b));
    TEMP(MpNumber_Lshift(a, seven));
    TEMP(MpNumber_Rshift(b, seven));
    TEMP(MpNumber_And(a, b));
    TEMP(MpNumber_Xor(a, b));
    TEMP(MpNumber_Negative(b));
    TEMP(MpNumber_Invert(a));
    NEW(big, MpNumber_Power(a, seven, NULL));
    TEMP(MpNumber_Power(big, seven, a));
    NEW(s, MpObject_Str(big));
    TEMP(MpLong_FromUnicodeObject(s, 10));
    TEMP(MpLong_Format(c, 16, 1));
    TEMP(MpLong_Format(c, 2, 0));
    TEMP(MpLong_FromDouble(1e300));
    if (MpObject_Hash(big) == -1)
        return release(&h, -1);
    return release(&h, 0);
}

/* ---- float ---- */

static int
scenario_float(void)
{
    held h = {{0}, 0};
    MpObject *x, *y, *text, *spec, *i;

    NEW(text, MpUnicode_FromString("  -1.5e-7 "));
    NEW(x, MpFloat_FromString(text));
    NEW(y, MpFloat_FromDouble(3.0));
    NEW(i, MpLong_FromLong(1000));
    TEMP(MpNumber_Add(x, y));
    TEMP(MpNumber_TrueDivide(y, i));
    TEMP(MpNumber_Power(y, i, NULL));
    TEMP(MpNumber_Divmod(y, x));
    TEMP(MpNumber_Long(y));
    TEMP(MpNumber_Float(i));
    TEMP(MpObject_Repr(x));
    NEW(spec, MpUnicode_FromString(">+12.4e"));
    TEMP(MpObject_Format(x, spec));
    TEMP(MpObject_RichCompare(x, i, Mp_LT));
    return release(&h, 0);
}

/* ---- str ---- */

static int
scenario_str(void)
{
    held h = {{0}, 0};
    MpObject *a, *b, *c, *parts, *sep, *args, *fmt, *n, *acc;

    NEW(a, MpUnicode_FromString("caf\xc3\xa9 au lait"));
    NEW(b, MpUnicode_FromFormat("%s-%d-%R-%zd", "x", 42, a, (Mp_ssize_t)7));
    NEW(c, MpUnicode_Concat(a, b));
    NEW(sep, MpUnicode_FromString(" "));
    NEW(parts, MpUnicode_Split(c, sep, -1));
    TEMP(MpUnicode_Join(sep, parts));
    TEMP(MpUnicode_Split(c, NULL, 2));
    TEMP(MpUnicode_Substring(c, 2, 9));
    if (MpUnicode_Find(c, sep, 0, 100, 1) == -2 ||
        MpUnicode_Contains(c, sep) < 0)
        return release(&h, -1);
    TEMP(MpObject_Repr(c));
    TEMP(MpObject_CallMethod(c, "upper", NULL, 0));
    TEMP(MpObject_CallMethod(c, "replace", (MpObject *[]){sep, a}, 2));
    NEW(n, MpLong_FromLong(-17));
    NEW(fmt, MpUnicode_FromString("%5s|%-4d|%x|%r"));
    NEW(args, MpTuple_Pack(4, a, n, n, b));
    TEMP(MpUnicode_Format(fmt, args));
    acc = MpUnicode_FromString("");
    for (int i = 0; i < 20 && acc != NULL; i++)
        MpUnicode_Append(&acc, a);
    NEW(acc, acc);
    TEMP(MpUnicode_InternFromString("a_fresh_identifier_name"));
    if (MpUnicode_AsUTF8(acc) == NULL)
        return release(&h, -1);
    return release(&h, 0);
}

/* ---- tuple and list ---- */

static int
scenario_tuple(void)
{
    held h = {{0}, 0};
    MpObject *one, *s, *t, *u;

    NEW(one, MpLong_FromLong(1));
    NEW(s, MpUnicode_FromString("s"));
    NEW(t, MpTuple_Pack(3, one, s, Mp_None));
    NEW(u, MpTuple_Pack(2, t, t));
    TEMP(MpTuple_GetSlice(u, 0, 1));
    TEMP(MpObject_Repr(u));
    TEMP(MpSequence_List(u));
    TEMP(MpNumber_Add(t, u));
    TEMP(MpNumber_Multiply(t, one));
    TEMP(MpObject_RichCompare(t, u, Mp_LT));
    if (MpObject_Hash(u) == -1 || MpSequence_Contains(u, t) < 0)
        return release(&h, -1);
    return release(&h, 0);
}

static int
scenario_list(void)
{
    held h = {{0}, 0};
    MpObject *l, *m, *item, *slice, *lo, *hi;

    NEW(l, MpList_New(0));
    for (long i = 0; i < 40; i++) {
        NEW(item, MpLong_FromLong((i * 37) % 23));
        OK(MpList_Append(l, item));
        OK(MpList_Insert(l, i / 2, item));
    }
    NEW(m, MpList_GetSlice(l, 5, 30));
    OK(MpList_SetSlice(l, 0, 10, m));
    OK(MpList_SetSlice(l, 3, 8, NULL));
    OK(MpList_Sort(l));
    OK(MpList_Reverse(l));
    TEMP(MpList_AsTuple(l));
    TEMP(MpObject_Repr(l));
    TEMP(MpNumber_InPlaceAdd(l, m));
    NEW(lo, MpLong_FromLong(2));
    NEW(hi, MpLong_FromLong(-3));
    NEW(slice, MpSlice_New(lo, hi, NULL));
    TEMP(MpObject_GetItem(l, slice));
    OK(MpObject_DelItem(l, slice));
    TEMP(MpObject_CallMethod(l, "copy", NULL, 0));
    OK(MpList_Append(l, item));
    TEMP(MpObject_CallMethod(l, "index", &item, 1));
    return release(&h, 0);
}

/* ---- dict ---- */

static int
scenario_dict(void)
{
    held h = {{0}, 0};
    MpObject *d, *e, *key, *value, *k, *v;
    Mp_ssize_t pos = 0;

    NEW(d, MpDict_New());
    for (long i = 0; i < 30; i++) {
        NEW(key, MpUnicode_FromFormat("key%ld", i));
        NEW(value, MpLong_FromLong(i * i));
        OK(MpDict_SetItem(d, key, value));
        OK(MpDict_SetItem(d, value, key));
    }
    if (MpDict_GetItemWithError(d, key) == NULL)
        return release(&h, -1);
    OK(MpDict_DelItem(d, key));
    if (MpDict_SetDefault(d, key, Mp_None) == NULL)
        return release(&h, -1);
    NEW(e, MpDict_Copy(d));
    OK(MpDict_Merge(e, d, 0));
    OK(MpDict_SetItemString(e, "extra", Mp_None));
    OK(MpDict_Update(d, e));
    TEMP(MpDict_Keys(d));
    TEMP(MpDict_Values(d));
    TEMP(MpDict_Items(d));
    TEMP(MpObject_Repr(d));
    TEMP(MpObject_CallMethod(d, "items", NULL, 0));
    while (MpDict_Next(e, &pos, &k, &v))
        if (MpObject_Hash(k) == -1)
            return release(&h, -1);
    if (MpObject_RichCompareBool(d, e, Mp_EQ) < 0)
        return release(&h, -1);
    MpDict_Clear(e);
    return release(&h, 0);
}

/* ---- iteration, attributes, calls ---- */

static int
scenario_iter(void)
{
    held h = {{0}, 0};
    MpObject *l, *it, *item, *name;

    NEW(l, MpRun_String("[x * x for x in range(12)]", "<oom>", NULL));
    NEW(it, MpObject_GetIter(l));
    while ((item = MpIter_Next(it)) != NULL)
        Mp_DECREF(item);
    if (MpErr_Occurred() != NULL)
        return release(&h, -1);
    TEMP(MpSequence_Tuple(l));
    NEW(name, MpUnicode_FromString("append"));
    TEMP(MpObject_GetAttr(l, name));
    TEMP(MpObject_CallMethodOneArg(l, name, Mp_None));
    TEMP(MpObject_GetAttrString((MpObject *)&MpDict_Type, "fromkeys"));
    TEMP(MpObject_Type(l));
    return release(&h, 0);
}

/* ---- exceptions ---- */

static int
scenario_exceptions(void)
{
    held h = {{0}, 0};
    MpObject *first, *second;

    MpErr_Format(MpExc_ValueError, "bad value %d in %s", 3, "here");
    NEW(first, MpErr_GetRaisedException());
    MpErr_SetObject(MpExc_KeyError, first);
    NEW(second, MpErr_GetRaisedException());
    MpException_SetCause(second, Mp_NewRef(first));
    MpException_SetContext(second, Mp_NewRef(first));
    TEMP(MpException_GetArgs(second));
    TEMP(MpObject_Repr(second));
    TEMP(MpObject_Str(first));
    TEMP(MpObject_CallOneArg(MpExc_RuntimeError, first));
    return release(&h, 0);
}

/* ---- the collector ---- */

static int
scenario_gc(void)
{
    held h = {{0}, 0};
    MpObject *a, *b, *d;

    NEW(a, MpList_New(0));
    NEW(b, MpList_New(0));
    NEW(d, MpDict_New());
    OK(MpList_Append(a, b));
    OK(MpList_Append(b, a));
    OK(MpDict_SetItemString(d, "self", d));
    OK(MpList_Append(a, d));
    TEMP(MpGC_GetObjects(-1));
    release(&h, 0);
    MpGC_Collect();
    return MpErr_Occurred() != NULL ? -1 : 0;
}

/* ---- range, slice, sorting with keywords ---- */

static int
scenario_range_sort(void)
{
    held h = {{0}, 0};
    MpObject *start, *stop, *step, *args, *r, *l, *sl, *sort, *key;
    MpObject *k1, *k2, *kwnames, *argv[2];

    NEW(start, MpLong_FromLong(-5));
    NEW(stop, MpLong_FromLong(40));
    NEW(step, MpLong_FromLong(3));
    NEW(args, MpTuple_Pack(3, start, stop, step));
    NEW(r, MpObject_Call((MpObject *)&MpRange_Type, args, NULL));
    TEMP(MpObject_Repr(r));
    NEW(sl, MpSlice_New(stop, start, start));
    TEMP(MpObject_GetItem(r, sl));
    if (MpSequence_Contains(r, stop) < 0)
        return release(&h, -1);
    NEW(l, MpSequence_List(r));
    NEW(sort, MpObject_GetAttrString(l, "sort"));
    NEW(key, MpObject_GetAttrString((MpObject *)&MpLong_Type, "__neg__"));
    NEW(k1, MpUnicode_FromString("key"));
    NEW(k2, MpUnicode_FromString("reverse"));
    NEW(kwnames, MpTuple_Pack(2, k1, k2));
    argv[0] = key;
    argv[1] = Mp_True;
    TEMP(MpObject_Vectorcall(sort, argv, 0, kwnames));
    TEMP(MpObject_Str(l));
    return release(&h, 0);
}

/* ---- classes made from C: type(name, bases, dict) ---- */

static int
scenario_type(void)
{
    held h = {{0}, 0};
    MpObject *name, *bases, *ns, *args, *cls, *obj, *value, *sub;

    NEW(name, MpUnicode_FromString("Point"));
    NEW(bases, MpTuple_Pack(1, (MpObject *)&MpBaseObject_Type));
    NEW(ns, MpDict_New());
    NEW(value, MpLong_FromLong(3));
    OK(MpDict_SetItemString(ns, "dims", value));
    NEW(args, MpTuple_Pack(3, name, bases, ns));
    NEW(cls, MpObject_Call((MpObject *)&MpType_Type, args, NULL));
    NEW(obj, MpObject_CallNoArgs(cls));
    OK(MpObject_SetAttrString(obj, "x", value));
    OK(MpObject_SetAttrString(obj, "y", name));
    TEMP(MpObject_GetAttrString(obj, "dims"));
    TEMP(MpObject_GetAttrString(obj, "__dict__"));
    TEMP(MpObject_Repr(cls));
    if (MpObject_IsInstance(obj, cls) < 0 || MpObject_Hash(obj) == -1)
        return release(&h, -1);
    NEW(bases, MpTuple_Pack(1, cls));
    NEW(args, MpTuple_Pack(3, name, bases, ns));
    NEW(sub, MpObject_Call((MpObject *)&MpType_Type, args, NULL));
    if (MpObject_IsSubclass(sub, cls) < 0)
        return release(&h, -1);
    TEMP(MpObject_GetAttrString(sub, "__mro__"));
    return release(&h, 0);
}

/* ---- the embedding calls that print instead of raising ---- */

static int
scenario_embed(void)
{
    /* Both print their exception (the second always raises one) and
     * return -1 with none left set: only crashes and leaks count. */
    if (MpRun_SimpleString("d = {i: str(i) for i in range(9)}\n"
                           "print(sorted(d.values(), reverse=True))\n") < 0
        && MpErr_Occurred() != NULL)
        return -1;
    if (MpRun_SimpleString("def f(n):\n"
                           "    return f(n - 1) if n else {}['key']\n"
                           "f(5)\n") == 0 || MpErr_Occurred() != NULL)
        return -1;
    return 0;
}

/* ---- running source ---- */

static int
scenario_run(void)
{
    held h = {{0}, 0};
    MpObject *globals, *r;

    NEW(globals, MpDict_New());
    NEW(r, MpRun_String(
        "class Point:\n"
        "    def __init__(self, x, y):\n"
        "        self.x, self.y = x, y\n"
        "    def __repr__(self):\n"
        "        return f'Point({self.x!r}, {self.y:>3})'\n"
        "def gen(n):\n"
        "    for i in range(n):\n"
        "        yield Point(i, str(i) * 2)\n"
        "pts = {p.x: p for p in gen(5)}\n"
        "try:\n"
        "    pts[99]\n"
        "except KeyError as e:\n"
        "    msg = repr(e)\n"
        "repr(list(pts.values())) + msg\n", "<oom>", globals));
    return release(&h, 0);
}

const oom_scenario oom_scenarios[] = {
    {"int", scenario_int},
    {"float", scenario_float},
    {"str", scenario_str},
    {"tuple", scenario_tuple},
    {"list", scenario_list},
    {"dict", scenario_dict},
    {"iter", scenario_iter},
    {"exceptions", scenario_exceptions},
    {"gc", scenario_gc},
    {"range_sort", scenario_range_sort},
    {"type", scenario_type},
    {"embed", scenario_embed},
    {"run", scenario_run},
    {NULL, NULL},
};
