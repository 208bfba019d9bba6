/*
 * boolobject.c -- bool, the subclass of int with exactly two instances.
 *
 * True and False are static int objects of type bool with one digit
 * (ob_size 1 and 0), so every int operation works on them unchanged and
 * sys.getsizeof gives 28 for both.  bool adds only: its repr ('True',
 * 'False'), its constructor bool(x) (via MpObject_IsTrue), and '&', '|',
 * '^' that stay bool when both operands are bool.  It cannot be
 * subclassed (no MP_TPFLAGS_BASETYPE).  The two objects are never freed;
 * a reference count that reaches zero is a bug reported as such.
 *
 * Read alongside CPython 3.11: Objects/boolobject.c.
 */
#include "include/internal/mp_core.h"
#include "objects/longobject.h"

MpObject *
MpBool_FromLong(long v)
{
    return Mp_NewRef(v ? Mp_True : Mp_False);
}

static MpObject *
bool_repr(MpObject *self)
{
    return MpUnicode_FromString(self == Mp_True ? "True" : "False");
}

static MpObject *
bool_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    Mp_ssize_t nargs = args != NULL ? MpTuple_Size(args) : 0;
    int ok;

    if (type != &MpBool_Type) {
        MpErr_Format(MpExc_TypeError,
                     "bool.__new__(%s): %s is not a subtype of bool",
                     type->tp_name, type->tp_name);
        return NULL;
    }
    if (kwds != NULL && MpDict_Size(kwds) > 0) {
        MpErr_SetString(MpExc_TypeError,
                        "bool() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) {
        MpErr_Format(MpExc_TypeError,
                     "bool expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    if (nargs == 0)
        return MpBool_FromLong(0);
    ok = MpObject_IsTrue(MpTuple_GetItem(args, 0));
    if (ok < 0)
        return NULL;
    return MpBool_FromLong(ok);
}

/* '&', '|' and '^' of two bools is a bool; otherwise int's result. */
static MpObject *
bool_bitop(MpObject *a, MpObject *b, char op)
{
    binaryfunc intop;

    if (MpBool_Check(a) && MpBool_Check(b)) {
        int x = a == Mp_True, y = b == Mp_True;
        return MpBool_FromLong(op == '&' ? (x & y)
                               : op == '|' ? (x | y) : (x ^ y));
    }
    intop = op == '&' ? MpLong_Type.tp_as_number->nb_and
            : op == '|' ? MpLong_Type.tp_as_number->nb_or
                        : MpLong_Type.tp_as_number->nb_xor;
    return intop(a, b);
}

static MpObject *
bool_and(MpObject *a, MpObject *b)
{
    return bool_bitop(a, b, '&');
}

static MpObject *
bool_or(MpObject *a, MpObject *b)
{
    return bool_bitop(a, b, '|');
}

static MpObject *
bool_xor(MpObject *a, MpObject *b)
{
    return bool_bitop(a, b, '^');
}

static void
bool_dealloc(MpObject *self)
{
    /* True and False are static and must never reach refcount zero. */
    Mp_FatalRefcountError(self, "deallocating True or False");
}

static MpNumberMethods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

MpTypeObject MpBool_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "bool",
    .tp_basicsize = (Mp_ssize_t)sizeof(struct MpLongObject),
    .tp_itemsize = (Mp_ssize_t)sizeof(digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_str = bool_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "bool(x) -> bool\n\n"
              "Returns True when the argument x is true, False otherwise.",
    .tp_base = &MpLong_Type,
    .tp_new = bool_new,
};

struct MpLongObject Mp_FalseStruct = {
    MpVarObject_HEAD_INIT(&MpBool_Type, 0)
    {0},
};

struct MpLongObject Mp_TrueStruct = {
    MpVarObject_HEAD_INIT(&MpBool_Type, 1)
    {1},
};
