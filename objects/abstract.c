/*
 * abstract.c -- the abstract object protocols: number, sequence, mapping,
 * subscription, iteration, isinstance/issubclass and format().
 *
 * These functions work on any object by looking at its type's slot
 * tables; they hold the dispatch rules and the error messages, the types
 * hold the arithmetic.
 *
 * Binary operators (a OP b) follow CPython's binary_op1:
 *
 *   slotv = type(a)'s slot, slotw = type(b)'s slot (NULL if same as slotv)
 *   1. type(b) is a proper subclass of type(a) with its own slot:
 *      try slotw(a, b) first
 *   2. slotv(a, b)
 *   3. slotw(a, b)
 *   each step may answer NotImplemented, meaning "try the next one";
 *   if all do: + and * fall back to sequence concat / repeat
 *   (so [1] + [2] and 3 * [1] work), else TypeError
 *   "unsupported operand type(s) for +: 'int' and 'str'".
 *
 * In-place operators (a OP= b) first try type(a)'s nb_inplace_* slot,
 * then the binary rule above, then sq_inplace_concat / sq_inplace_repeat
 * (or the plain sequence slots).  pow() with three arguments also tries
 * type(c)'s slot.
 *
 * Subscription o[key] tries the mapping slot first, then the sequence
 * slot with the key converted through __index__ (negative indexes are
 * adjusted by len(o) before sq_item is called).  Iteration uses tp_iter,
 * or a sequence iterator when the type only has sq_item.
 *
 * Invariants: every function returns a New reference or NULL (-1) with
 * an exception set; NotImplemented never escapes to the caller.
 *
 * Read alongside CPython 3.11: Objects/abstract.c (binary_op1,
 * ternary_op, binary_iop1, PyNumber_Index, PyNumber_Long,
 * PyObject_GetItem, PySequence_Contains, PyObject_GetIter,
 * object_recursive_isinstance, PyObject_Format).  minipy leaves out the
 * buffer protocol, bytes, matrix multiplication, __instancecheck__ /
 * __subclasscheck__ on metaclasses and the __trunc__ fallback of int().
 */
#include <stddef.h>

#include "include/internal/mp_core.h"
#include "objects/abstract.h"
#include "objects/iterobject.h"
#include "objects/listobject.h"
#include "objects/longobject.h"
#include "objects/pystate.h"
#include "objects/tupleobject.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"

#define NB_SLOT(x) offsetof(MpNumberMethods, x)
#define NB_BINOP(nb, slot) (*(binaryfunc *)((char *)(nb) + (slot)))
#define NB_TERNOP(nb, slot) (*(ternaryfunc *)((char *)(nb) + (slot)))

/* TypeError with 'format' applied to the type name of 'o'.  NULL. */
static MpObject *
type_error(const char *format, MpObject *o)
{
    MpErr_Format(MpExc_TypeError, format, Mp_TYPE(o)->tp_name);
    return NULL;
}

/* SystemError for a NULL argument (unless an error is already set). */
static MpObject *
null_error(void)
{
    if (MpErr_Occurred() == NULL)
        MpErr_SetString(MpExc_SystemError,
                        "null argument to internal routine");
    return NULL;
}

/* ---- Binary and ternary number operations ---- */

static binaryfunc
binary_slot(MpObject *o, size_t slot)
{
    MpNumberMethods *nb = Mp_TYPE(o)->tp_as_number;

    return nb != NULL ? NB_BINOP(nb, slot) : NULL;
}

/* The dispatch rule at the top of the file.  New reference to the result
 * or to NotImplemented, or NULL with an exception set. */
static MpObject *
binary_op1(MpObject *v, MpObject *w, size_t op_slot)
{
    binaryfunc slotv = binary_slot(v, op_slot);
    binaryfunc slotw = NULL;
    MpObject *x;

    if (Mp_TYPE(w) != Mp_TYPE(v)) {
        slotw = binary_slot(w, op_slot);
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv != NULL) {
        if (slotw != NULL && MpType_IsSubtype(Mp_TYPE(w), Mp_TYPE(v))) {
            x = slotw(v, w);
            if (x != Mp_NotImplemented)
                return x;
            Mp_DECREF(x);
            slotw = NULL;
        }
        x = slotv(v, w);
        if (x != Mp_NotImplemented)
            return x;
        Mp_DECREF(x);
    }
    if (slotw != NULL) {
        x = slotw(v, w);
        if (x != Mp_NotImplemented)
            return x;
        Mp_DECREF(x);
    }
    Mp_RETURN_NOTIMPLEMENTED;
}

static MpObject *
binop_type_error(MpObject *v, MpObject *w, const char *op_name)
{
    MpErr_Format(MpExc_TypeError,
                 "unsupported operand type(s) for %.100s: "
                 "'%.100s' and '%.100s'", op_name, Mp_TYPE(v)->tp_name,
                 Mp_TYPE(w)->tp_name);
    return NULL;
}

static MpObject *
binary_op(MpObject *v, MpObject *w, size_t op_slot, const char *op_name)
{
    MpObject *result = binary_op1(v, w, op_slot);

    if (result == Mp_NotImplemented) {
        Mp_DECREF(result);
        return binop_type_error(v, w, op_name);
    }
    return result;
}

static ternaryfunc
ternary_slot(MpObject *o, size_t slot)
{
    MpNumberMethods *nb = Mp_TYPE(o)->tp_as_number;

    return nb != NULL ? NB_TERNOP(nb, slot) : NULL;
}

/* Call 'slot' unless it is NULL; *done is set when it gave an answer
 * other than NotImplemented (the answer, or NULL for an error). */
static MpObject *
try_ternary(ternaryfunc slot, MpObject *v, MpObject *w, MpObject *z,
            int *done)
{
    MpObject *x;

    *done = 0;
    if (slot == NULL)
        return NULL;
    x = slot(v, w, z);
    if (x != Mp_NotImplemented) {
        *done = 1;
        return x;
    }
    Mp_DECREF(x);
    return NULL;
}

/* pow(v, w, z) dispatch: as binary_op1, then type(z)'s slot. */
static MpObject *
ternary_op(MpObject *v, MpObject *w, MpObject *z, size_t op_slot,
           const char *op_name)
{
    ternaryfunc slotv = ternary_slot(v, op_slot), slotw = NULL, slotz;
    MpObject *x;
    int done;

    if (Mp_TYPE(w) != Mp_TYPE(v)) {
        slotw = ternary_slot(w, op_slot);
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv != NULL && slotw != NULL
        && MpType_IsSubtype(Mp_TYPE(w), Mp_TYPE(v))) {
        x = try_ternary(slotw, v, w, z, &done);
        if (done)
            return x;
        slotw = NULL;
    }
    x = try_ternary(slotv, v, w, z, &done);
    if (done)
        return x;
    x = try_ternary(slotw, v, w, z, &done);
    if (done)
        return x;
    slotz = ternary_slot(z, op_slot);
    if (slotz != slotv && slotz != slotw) {
        x = try_ternary(slotz, v, w, z, &done);
        if (done)
            return x;
    }
    if (z == Mp_None)
        return binop_type_error(v, w, op_name);
    MpErr_Format(MpExc_TypeError,
                 "unsupported operand type(s) for %.100s: "
                 "'%.100s', '%.100s', '%.100s'", op_name,
                 Mp_TYPE(v)->tp_name, Mp_TYPE(w)->tp_name,
                 Mp_TYPE(z)->tp_name);
    return NULL;
}

/* seq * n through a repeat slot; n must have __index__. */
static MpObject *
sequence_repeat(ssizeargfunc repeat, MpObject *seq, MpObject *n)
{
    Mp_ssize_t count;

    if (!MpIndex_Check(n))
        return type_error("can't multiply sequence by non-int of type "
                          "'%.200s'", n);
    count = MpNumber_AsSsize_t(n, MpExc_OverflowError);
    if (count == -1 && MpErr_Occurred())
        return NULL;
    return repeat(seq, count);
}

#define BINARY_FUNC(func, slot, name)                      \
    MpObject *                                             \
    func(MpObject *v, MpObject *w)                         \
    {                                                      \
        return binary_op(v, w, NB_SLOT(slot), name);       \
    }

/* v - w, v / w, ...: New reference, or NULL with TypeError
 * "unsupported operand type(s) for -: 'str' and 'int'" and the like. */
BINARY_FUNC(MpNumber_Subtract, nb_subtract, "-")
BINARY_FUNC(MpNumber_TrueDivide, nb_true_divide, "/")
BINARY_FUNC(MpNumber_FloorDivide, nb_floor_divide, "//")
BINARY_FUNC(MpNumber_Remainder, nb_remainder, "%")
BINARY_FUNC(MpNumber_Divmod, nb_divmod, "divmod()")
BINARY_FUNC(MpNumber_Lshift, nb_lshift, "<<")
BINARY_FUNC(MpNumber_Rshift, nb_rshift, ">>")
BINARY_FUNC(MpNumber_And, nb_and, "&")
BINARY_FUNC(MpNumber_Or, nb_or, "|")
BINARY_FUNC(MpNumber_Xor, nb_xor, "^")

/* v + w, falling back to sequence concatenation.  New. */
MpObject *
MpNumber_Add(MpObject *v, MpObject *w)
{
    MpObject *result = binary_op1(v, w, NB_SLOT(nb_add));
    MpSequenceMethods *m;

    if (result != Mp_NotImplemented)
        return result;
    Mp_DECREF(result);
    m = Mp_TYPE(v)->tp_as_sequence;
    if (m != NULL && m->sq_concat != NULL)
        return m->sq_concat(v, w);
    return binop_type_error(v, w, "+");
}

/* v * w, falling back to sequence repetition on either side.  New. */
MpObject *
MpNumber_Multiply(MpObject *v, MpObject *w)
{
    MpObject *result = binary_op1(v, w, NB_SLOT(nb_multiply));
    MpSequenceMethods *mv, *mw;

    if (result != Mp_NotImplemented)
        return result;
    Mp_DECREF(result);
    mv = Mp_TYPE(v)->tp_as_sequence;
    mw = Mp_TYPE(w)->tp_as_sequence;
    if (mv != NULL && mv->sq_repeat != NULL)
        return sequence_repeat(mv->sq_repeat, v, w);
    if (mw != NULL && mw->sq_repeat != NULL)
        return sequence_repeat(mw->sq_repeat, w, v);
    return binop_type_error(v, w, "*");
}

/* pow(v, w) or pow(v, w, z); z may be NULL or None.  New. */
MpObject *
MpNumber_Power(MpObject *v, MpObject *w, MpObject *z)
{
    return ternary_op(v, w, z != NULL ? z : Mp_None, NB_SLOT(nb_power),
                      "** or pow()");
}

/* ---- In-place operations ---- */

/* type(v)'s in-place slot, then the binary rule.  New reference to the
 * result or to NotImplemented. */
static MpObject *
binary_iop1(MpObject *v, MpObject *w, size_t iop_slot, size_t op_slot)
{
    binaryfunc slot = binary_slot(v, iop_slot);

    if (slot != NULL) {
        MpObject *x = slot(v, w);
        if (x != Mp_NotImplemented)
            return x;
        Mp_DECREF(x);
    }
    return binary_op1(v, w, op_slot);
}

static MpObject *
binary_iop(MpObject *v, MpObject *w, size_t iop_slot, size_t op_slot,
           const char *op_name)
{
    MpObject *result = binary_iop1(v, w, iop_slot, op_slot);

    if (result == Mp_NotImplemented) {
        Mp_DECREF(result);
        return binop_type_error(v, w, op_name);
    }
    return result;
}

#define INPLACE_FUNC(func, islot, slot, name)                         \
    MpObject *                                                        \
    func(MpObject *v, MpObject *w)                                    \
    {                                                                 \
        return binary_iop(v, w, NB_SLOT(islot), NB_SLOT(slot), name); \
    }

/* v -= w, ...: New reference to the result (v itself for mutable
 * types), or NULL with TypeError "unsupported operand type(s) for -=:
 * ...". */
INPLACE_FUNC(MpNumber_InPlaceSubtract, nb_inplace_subtract, nb_subtract,
             "-=")
INPLACE_FUNC(MpNumber_InPlaceTrueDivide, nb_inplace_true_divide,
             nb_true_divide, "/=")
INPLACE_FUNC(MpNumber_InPlaceFloorDivide, nb_inplace_floor_divide,
             nb_floor_divide, "//=")
INPLACE_FUNC(MpNumber_InPlaceRemainder, nb_inplace_remainder,
             nb_remainder, "%=")
INPLACE_FUNC(MpNumber_InPlaceLshift, nb_inplace_lshift, nb_lshift, "<<=")
INPLACE_FUNC(MpNumber_InPlaceRshift, nb_inplace_rshift, nb_rshift, ">>=")
INPLACE_FUNC(MpNumber_InPlaceAnd, nb_inplace_and, nb_and, "&=")
INPLACE_FUNC(MpNumber_InPlaceOr, nb_inplace_or, nb_or, "|=")
INPLACE_FUNC(MpNumber_InPlaceXor, nb_inplace_xor, nb_xor, "^=")

/* v += w, with the sequence fallbacks (in-place concat first).  New. */
MpObject *
MpNumber_InPlaceAdd(MpObject *v, MpObject *w)
{
    MpObject *result = binary_iop1(v, w, NB_SLOT(nb_inplace_add),
                                   NB_SLOT(nb_add));
    MpSequenceMethods *m;

    if (result != Mp_NotImplemented)
        return result;
    Mp_DECREF(result);
    m = Mp_TYPE(v)->tp_as_sequence;
    if (m != NULL) {
        binaryfunc func = m->sq_inplace_concat ? m->sq_inplace_concat
                                               : m->sq_concat;
        if (func != NULL)
            return func(v, w);
    }
    return binop_type_error(v, w, "+=");
}

/* v *= w, with the sequence fallbacks (in-place repeat first).  New. */
MpObject *
MpNumber_InPlaceMultiply(MpObject *v, MpObject *w)
{
    MpObject *result = binary_iop1(v, w, NB_SLOT(nb_inplace_multiply),
                                   NB_SLOT(nb_multiply));
    MpSequenceMethods *mv, *mw;

    if (result != Mp_NotImplemented)
        return result;
    Mp_DECREF(result);
    mv = Mp_TYPE(v)->tp_as_sequence;
    mw = Mp_TYPE(w)->tp_as_sequence;
    if (mv != NULL) {
        ssizeargfunc func = mv->sq_inplace_repeat ? mv->sq_inplace_repeat
                                                  : mv->sq_repeat;
        if (func != NULL)
            return sequence_repeat(func, v, w);
    }
    if (mw != NULL && mw->sq_repeat != NULL)
        return sequence_repeat(mw->sq_repeat, w, v);
    return binop_type_error(v, w, "*=");
}

/* v **= w (z as for MpNumber_Power).  New. */
MpObject *
MpNumber_InPlacePower(MpObject *v, MpObject *w, MpObject *z)
{
    ternaryfunc slot = ternary_slot(v, NB_SLOT(nb_inplace_power));

    if (z == NULL)
        z = Mp_None;
    if (slot != NULL) {
        MpObject *x = slot(v, w, z);
        if (x != Mp_NotImplemented)
            return x;
        Mp_DECREF(x);
    }
    return ternary_op(v, w, z, NB_SLOT(nb_power), "**=");
}

/* ---- Unary operations ---- */

#define UNARY_FUNC(func, slot, message)                                 \
    MpObject *                                                          \
    func(MpObject *o)                                                   \
    {                                                                   \
        MpNumberMethods *nb;                                            \
        if (o == NULL)                                                  \
            return null_error();                                        \
        nb = Mp_TYPE(o)->tp_as_number;                                  \
        if (nb != NULL && nb->slot != NULL)                             \
            return nb->slot(o);                                         \
        return type_error(message, o);                                  \
    }

/* -o, +o, abs(o), ~o: New, or NULL with TypeError "bad operand type for
 * unary -: 'str'" and the like. */
UNARY_FUNC(MpNumber_Negative, nb_negative,
           "bad operand type for unary -: '%.200s'")
UNARY_FUNC(MpNumber_Positive, nb_positive,
           "bad operand type for unary +: '%.200s'")
UNARY_FUNC(MpNumber_Absolute, nb_absolute,
           "bad operand type for abs(): '%.200s'")
UNARY_FUNC(MpNumber_Invert, nb_invert,
           "bad operand type for unary ~: '%.200s'")

/* ---- Conversions ---- */

/* 1 if o has __index__ (an int-like object), else 0. */
int
MpIndex_Check(MpObject *o)
{
    MpNumberMethods *nb = Mp_TYPE(o)->tp_as_number;

    return nb != NULL && nb->nb_index != NULL;
}

/* An exact int equal to the int (or int subclass) 'v'.  Steals v. */
static MpObject *
exact_int(MpObject *v)
{
    MpObject *copy;

    if (MpLong_CheckExact(v))
        return v;
    copy = (MpObject *)mp_long_copy((MpLongObject *)v);
    Mp_DECREF(v);
    if (copy != NULL)
        copy = mp_long_normalize((MpLongObject *)copy);
    return copy;
}

/* operator.index(o): an exact int.  New, or NULL with TypeError "'float'
 * object cannot be interpreted as an integer". */
MpObject *
MpNumber_Index(MpObject *o)
{
    MpObject *result;

    if (o == NULL)
        return null_error();
    if (MpLong_CheckExact(o))
        return Mp_NewRef(o);
    if (MpLong_Check(o))
        return exact_int(Mp_NewRef(o));
    if (!MpIndex_Check(o))
        return type_error("'%.200s' object cannot be interpreted as an "
                          "integer", o);
    result = Mp_TYPE(o)->tp_as_number->nb_index(o);
    if (result == NULL || MpLong_CheckExact(result))
        return result;
    if (!MpLong_Check(result)) {
        MpErr_Format(MpExc_TypeError, "__index__ returned non-int "
                     "(type %.200s)", Mp_TYPE(result)->tp_name);
        Mp_DECREF(result);
        return NULL;
    }
    return exact_int(result);
}

/* o.__index__() as an Mp_ssize_t.  On overflow raise 'exc' ("cannot fit
 * 'int' into an index-sized integer"), or clamp when exc is NULL.  -1
 * with an exception set on error. */
Mp_ssize_t
MpNumber_AsSsize_t(MpObject *o, MpObject *exc)
{
    MpObject *value = MpNumber_Index(o);
    Mp_ssize_t result;

    if (value == NULL)
        return -1;
    result = MpLong_AsSsize_t(value);
    if (result != -1 || MpErr_Occurred() == NULL)
        goto done;
    if (!MpErr_ExceptionMatches(MpExc_OverflowError))
        goto done;
    MpErr_Clear();
    if (exc == NULL)
        result = MpLong_Sign(value) < 0 ? MP_SSIZE_T_MIN : MP_SSIZE_T_MAX;
    else
        MpErr_Format(exc, "cannot fit '%.200s' into an index-sized integer",
                     Mp_TYPE(o)->tp_name);
done:
    Mp_DECREF(value);
    return result;
}

/* int(o): __int__, then __index__, then parsing a str in base 10.  New,
 * or NULL with TypeError "int() argument must be a string, a bytes-like
 * object or a real number, not 'list'" (or the parser's ValueError). */
MpObject *
MpNumber_Long(MpObject *o)
{
    MpNumberMethods *nb;
    MpObject *result;

    if (o == NULL)
        return null_error();
    if (MpLong_CheckExact(o))
        return Mp_NewRef(o);
    nb = Mp_TYPE(o)->tp_as_number;
    if (nb != NULL && nb->nb_int != NULL) {
        result = nb->nb_int(o);
        if (result == NULL || MpLong_CheckExact(result))
            return result;
        if (!MpLong_Check(result)) {
            MpErr_Format(MpExc_TypeError, "__int__ returned non-int "
                         "(type %.200s)", Mp_TYPE(result)->tp_name);
            Mp_DECREF(result);
            return NULL;
        }
        return exact_int(result);
    }
    if (nb != NULL && nb->nb_index != NULL)
        return MpNumber_Index(o);
    if (MpUnicode_Check(o))
        return MpLong_FromUnicodeObject(o, 10);
    return type_error("int() argument must be a string, a bytes-like "
                      "object or a real number, not '%.200s'", o);
}

/* float(o): __float__, then __index__, then parsing a str.  New, or NULL
 * with TypeError "float() argument must be a string or a real number,
 * not 'list'". */
MpObject *
MpNumber_Float(MpObject *o)
{
    MpNumberMethods *nb;
    MpObject *result;
    double v;

    if (o == NULL)
        return null_error();
    if (MpFloat_CheckExact(o))
        return Mp_NewRef(o);
    nb = Mp_TYPE(o)->tp_as_number;
    if (nb != NULL && nb->nb_float != NULL) {
        result = nb->nb_float(o);
        if (result == NULL || MpFloat_CheckExact(result))
            return result;
        if (!MpFloat_Check(result)) {
            MpErr_Format(MpExc_TypeError, "%.50s.__float__ returned "
                         "non-float (type %.50s)", Mp_TYPE(o)->tp_name,
                         Mp_TYPE(result)->tp_name);
            Mp_DECREF(result);
            return NULL;
        }
        v = MpFloat_AsDouble(result);
        Mp_DECREF(result);
        return MpFloat_FromDouble(v);
    }
    if (nb != NULL && nb->nb_index != NULL) {
        result = MpNumber_Index(o);
        if (result == NULL)
            return NULL;
        v = MpLong_AsDouble(result);
        Mp_DECREF(result);
        if (v == -1.0 && MpErr_Occurred())
            return NULL;
        return MpFloat_FromDouble(v);
    }
    if (MpUnicode_Check(o))
        return MpFloat_FromString(o);
    return type_error("float() argument must be a string or a real "
                      "number, not '%.200s'", o);
}

/* ---- The sequence protocol ---- */

/* 1 if o supports sq_item and is not a dict, else 0. */
int
MpSequence_Check(MpObject *o)
{
    MpSequenceMethods *sq = Mp_TYPE(o)->tp_as_sequence;

    if (MpDict_Check(o))
        return 0;
    return sq != NULL && sq->sq_item != NULL;
}

/* len(o) for a sequence; -1 with TypeError otherwise. */
Mp_ssize_t
MpSequence_Length(MpObject *o)
{
    MpTypeObject *tp;

    if (o == NULL) {
        null_error();
        return -1;
    }
    tp = Mp_TYPE(o);
    if (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length != NULL)
        return tp->tp_as_sequence->sq_length(o);
    if (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL)
        type_error("%.200s is not a sequence", o);
    else
        type_error("object of type '%.200s' has no len()", o);
    return -1;
}

/* o[i] through sq_item, with a negative i counted from the end.  New. */
MpObject *
MpSequence_GetItem(MpObject *o, Mp_ssize_t i)
{
    MpSequenceMethods *sq;

    if (o == NULL)
        return null_error();
    sq = Mp_TYPE(o)->tp_as_sequence;
    if (sq != NULL && sq->sq_item != NULL) {
        if (i < 0 && sq->sq_length != NULL) {
            Mp_ssize_t n = sq->sq_length(o);
            if (n < 0)
                return NULL;
            i += n;
        }
        return sq->sq_item(o, i);
    }
    if (Mp_TYPE(o)->tp_as_mapping != NULL
        && Mp_TYPE(o)->tp_as_mapping->mp_subscript != NULL)
        return type_error("%.200s is not a sequence", o);
    return type_error("'%.200s' object does not support indexing", o);
}

/* o[i] = v (v NULL deletes) through sq_ass_item, negative i adjusted. */
static int
sequence_ass_item(MpObject *o, Mp_ssize_t i, MpObject *v)
{
    MpSequenceMethods *sq = Mp_TYPE(o)->tp_as_sequence;

    if (sq != NULL && sq->sq_ass_item != NULL) {
        if (i < 0 && sq->sq_length != NULL) {
            Mp_ssize_t n = sq->sq_length(o);
            if (n < 0)
                return -1;
            i += n;
        }
        return sq->sq_ass_item(o, i, v);
    }
    if (Mp_TYPE(o)->tp_as_mapping != NULL
        && Mp_TYPE(o)->tp_as_mapping->mp_ass_subscript != NULL)
        type_error("%.200s is not a sequence", o);
    else if (v != NULL)
        type_error("'%.200s' object does not support item assignment", o);
    else
        type_error("'%.200s' object doesn't support item deletion", o);
    return -1;
}

/* 'item in seq' by iterating: 1, 0 or -1. */
static int
iter_search_contains(MpObject *seq, MpObject *item)
{
    MpObject *it = MpObject_GetIter(seq), *x;
    int cmp = 0;

    if (it == NULL) {
        if (MpErr_ExceptionMatches(MpExc_TypeError))
            type_error("argument of type '%.200s' is not iterable", seq);
        return -1;
    }
    while (cmp == 0 && (x = MpIter_Next(it)) != NULL) {
        cmp = MpObject_RichCompareBool(x, item, Mp_EQ);
        Mp_DECREF(x);
    }
    if (cmp == 0 && MpErr_Occurred())
        cmp = -1;
    Mp_DECREF(it);
    return cmp;
}

/* 'item in seq': sq_contains, else iteration.  1, 0 or -1. */
int
MpSequence_Contains(MpObject *seq, MpObject *item)
{
    MpSequenceMethods *sq = Mp_TYPE(seq)->tp_as_sequence;

    if (sq != NULL && sq->sq_contains != NULL)
        return sq->sq_contains(seq, item);
    return iter_search_contains(seq, item);
}

/* list(o): a new list of the items of the iterable o.  New. */
MpObject *
MpSequence_List(MpObject *o)
{
    MpObject *list;

    if (o == NULL)
        return null_error();
    list = MpList_New(0);
    if (list == NULL)
        return NULL;
    /* extend presizes from len() like CPython, which getsizeof shows. */
    if (mp_list_extend(list, o) < 0) {
        Mp_DECREF(list);
        return NULL;
    }
    return list;
}

/* tuple(o): o itself for an exact tuple, else a new tuple.  New. */
MpObject *
MpSequence_Tuple(MpObject *o)
{
    MpObject *list, *result;

    if (o == NULL)
        return null_error();
    if (MpTuple_CheckExact(o))
        return Mp_NewRef(o);
    if (MpList_CheckExact(o))
        return MpList_AsTuple(o);
    list = MpSequence_List(o);
    if (list == NULL)
        return NULL;
    result = MpList_AsTuple(list);
    Mp_DECREF(list);
    return result;
}

/* ---- The mapping protocol ---- */

/* 1 if o supports mp_subscript, else 0. */
int
MpMapping_Check(MpObject *o)
{
    MpMappingMethods *mp = Mp_TYPE(o)->tp_as_mapping;

    return mp != NULL && mp->mp_subscript != NULL;
}

/* len(o) for a mapping; -1 with TypeError otherwise. */
Mp_ssize_t
MpMapping_Length(MpObject *o)
{
    MpTypeObject *tp;

    if (o == NULL) {
        null_error();
        return -1;
    }
    tp = Mp_TYPE(o);
    if (tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length != NULL)
        return tp->tp_as_mapping->mp_length(o);
    if (tp->tp_as_sequence != NULL && tp->tp_as_sequence->sq_length != NULL)
        type_error("%.200s is not a mapping", o);
    else
        type_error("object of type '%.200s' has no len()", o);
    return -1;
}

/* list(o.<method>()), with CPython's message when the method returns
 * something that cannot be iterated.  New. */
static MpObject *
method_output_as_list(MpObject *o, const char *method)
{
    MpObject *out, *it, *list;

    out = MpObject_CallMethod(o, method, NULL, 0);
    if (out == NULL)
        return NULL;
    it = MpObject_GetIter(out);
    if (it == NULL) {
        if (MpErr_ExceptionMatches(MpExc_TypeError))
            MpErr_Format(MpExc_TypeError, "%.200s.%s() returned a "
                         "non-iterable (type %.200s)", Mp_TYPE(o)->tp_name,
                         method, Mp_TYPE(out)->tp_name);
        Mp_DECREF(out);
        return NULL;
    }
    Mp_DECREF(out);
    list = MpSequence_List(it);
    Mp_DECREF(it);
    return list;
}

/* list(o.keys()); a dict's keys directly.  New. */
MpObject *
MpMapping_Keys(MpObject *o)
{
    if (o == NULL)
        return null_error();
    if (MpDict_CheckExact(o))
        return MpDict_Keys(o);
    return method_output_as_list(o, "keys");
}

/* list(o.items()); a dict's items directly.  New. */
MpObject *
MpMapping_Items(MpObject *o)
{
    if (o == NULL)
        return null_error();
    if (MpDict_CheckExact(o))
        return MpDict_Items(o);
    return method_output_as_list(o, "items");
}

/* ---- Subscription ---- */

/* The index a sequence slot gets for 'key', or -1 with an exception
 * ("sequence index must be integer, not 'str'"). */
static Mp_ssize_t
sequence_index(MpObject *key)
{
    if (!MpIndex_Check(key)) {
        type_error("sequence index must be integer, not '%.200s'", key);
        return -1;
    }
    return MpNumber_AsSsize_t(key, MpExc_IndexError);
}

/* type[key] for a type object: its __class_getitem__, if any. */
static MpObject *
type_getitem(MpObject *type, MpObject *key)
{
    MpObject *meth = MpObject_GetAttrString(type, "__class_getitem__");
    MpObject *result;

    if (meth == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return NULL;
        MpErr_Clear();
        MpErr_Format(MpExc_TypeError, "type '%.200s' is not subscriptable",
                     ((MpTypeObject *)type)->tp_name);
        return NULL;
    }
    result = MpObject_CallOneArg(meth, key);
    Mp_DECREF(meth);
    return result;
}

/* o[key]: the mapping slot, else the sequence slot.  New, or NULL with
 * TypeError "'int' object is not subscriptable" and the like. */
MpObject *
MpObject_GetItem(MpObject *o, MpObject *key)
{
    MpMappingMethods *mp;
    MpSequenceMethods *sq;

    if (o == NULL || key == NULL)
        return null_error();
    mp = Mp_TYPE(o)->tp_as_mapping;
    if (mp != NULL && mp->mp_subscript != NULL)
        return mp->mp_subscript(o, key);
    sq = Mp_TYPE(o)->tp_as_sequence;
    if (sq != NULL && sq->sq_item != NULL) {
        Mp_ssize_t i = sequence_index(key);
        if (i == -1 && MpErr_Occurred())
            return NULL;
        return MpSequence_GetItem(o, i);
    }
    if (MpType_Check(o))
        return type_getitem(o, key);
    return type_error("'%.200s' object is not subscriptable", o);
}

/* o[key] = v (v NULL deletes), shared by SetItem and DelItem. */
static int
object_ass_item(MpObject *o, MpObject *key, MpObject *v)
{
    MpMappingMethods *mp;
    MpSequenceMethods *sq;

    if (o == NULL || key == NULL) {
        null_error();
        return -1;
    }
    mp = Mp_TYPE(o)->tp_as_mapping;
    if (mp != NULL && mp->mp_ass_subscript != NULL)
        return mp->mp_ass_subscript(o, key, v);
    sq = Mp_TYPE(o)->tp_as_sequence;
    if (sq != NULL) {
        if (MpIndex_Check(key)) {
            Mp_ssize_t i = MpNumber_AsSsize_t(key, MpExc_IndexError);
            if (i == -1 && MpErr_Occurred())
                return -1;
            return sequence_ass_item(o, i, v);
        }
        if (sq->sq_ass_item != NULL) {
            type_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    if (v != NULL)
        type_error("'%.200s' object does not support item assignment", o);
    else
        type_error("'%.200s' object does not support item deletion", o);
    return -1;
}

/* o[key] = v (v not stolen).  0, or -1 with TypeError "'tuple' object
 * does not support item assignment" and the like. */
int
MpObject_SetItem(MpObject *o, MpObject *key, MpObject *v)
{
    if (v == NULL) {
        null_error();
        return -1;
    }
    return object_ass_item(o, key, v);
}

/* del o[key].  0, or -1 with TypeError "'str' object doesn't support
 * item deletion" and the like. */
int
MpObject_DelItem(MpObject *o, MpObject *key)
{
    return object_ass_item(o, key, NULL);
}

/* ---- Iteration ---- */

/* 1 if o is an iterator (has tp_iternext), else 0. */
int
MpIter_Check(MpObject *o)
{
    return Mp_TYPE(o)->tp_iternext != NULL;
}

/* iter(o).  New, or NULL with TypeError "'int' object is not iterable"
 * or "iter() returned non-iterator of type 'int'". */
MpObject *
MpObject_GetIter(MpObject *o)
{
    getiterfunc f;
    MpObject *it;

    if (o == NULL)
        return null_error();
    f = Mp_TYPE(o)->tp_iter;
    if (f == NULL) {
        if (MpSequence_Check(o))
            return mp_seqiter_new(o);
        return type_error("'%.200s' object is not iterable", o);
    }
    it = f(o);
    if (it != NULL && !MpIter_Check(it)) {
        MpErr_Format(MpExc_TypeError, "iter() returned non-iterator "
                     "of type '%.100s'", Mp_TYPE(it)->tp_name);
        Mp_DECREF(it);
        return NULL;
    }
    return it;
}

/* next(iter) without a default: New, or NULL -- with an exception on
 * error, without one when exhausted (StopIteration is swallowed). */
MpObject *
MpIter_Next(MpObject *iter)
{
    iternextfunc next = Mp_TYPE(iter)->tp_iternext;
    MpObject *result;

    if (next == NULL)
        return type_error("'%.200s' object is not an iterator", iter);
    /* C loops over iterators (sum, max, list(), ...) are checkpoints of
     * the evaluation budget too: one instruction per item */
    if (mp_eval_charge(1) < 0)
        return NULL;
    result = next(iter);
    if (result == NULL && MpErr_Occurred() != NULL
        && MpErr_ExceptionMatches(MpExc_StopIteration))
        MpErr_Clear();
    return result;
}

/* ---- isinstance and issubclass ---- */

/* isinstance(inst, cls): 1, 0, or -1 with TypeError "isinstance() arg 2
 * must be a type, a tuple of types, or a union".  Nested tuples are
 * guarded by the recursion limit. */
int
MpObject_IsInstance(MpObject *inst, MpObject *cls)
{
    Mp_ssize_t i, n;
    int r = 0;

    if ((MpObject *)Mp_TYPE(inst) == cls)
        return 1;
    if (MpType_Check(cls))
        return MpObject_TypeCheck(inst, (MpTypeObject *)cls);
    if (!MpTuple_Check(cls)) {
        MpErr_SetString(MpExc_TypeError, "isinstance() arg 2 must be a "
                        "type, a tuple of types, or a union");
        return -1;
    }
    if (Mp_EnterRecursiveCall(" in __instancecheck__"))
        return -1;
    n = MpTuple_GET_SIZE(cls);
    for (i = 0; i < n && r == 0; i++)
        r = MpObject_IsInstance(inst, MpTuple_GET_ITEM(cls, i));
    Mp_LeaveRecursiveCall();
    return r;
}

/* issubclass(derived, cls): 1, 0, or -1 with TypeError "issubclass() arg
 * 1 must be a class" / "issubclass() arg 2 must be a class, a tuple of
 * classes, or a union". */
int
MpObject_IsSubclass(MpObject *derived, MpObject *cls)
{
    Mp_ssize_t i, n;
    int r = 0;

    if (MpTuple_Check(cls)) {
        if (Mp_EnterRecursiveCall(" in __subclasscheck__"))
            return -1;
        n = MpTuple_GET_SIZE(cls);
        for (i = 0; i < n && r == 0; i++)
            r = MpObject_IsSubclass(derived, MpTuple_GET_ITEM(cls, i));
        Mp_LeaveRecursiveCall();
        return r;
    }
    if (!MpType_Check(derived)) {
        MpErr_SetString(MpExc_TypeError,
                        "issubclass() arg 1 must be a class");
        return -1;
    }
    if (!MpType_Check(cls)) {
        MpErr_SetString(MpExc_TypeError, "issubclass() arg 2 must be a "
                        "class, a tuple of classes, or a union");
        return -1;
    }
    return MpType_IsSubtype((MpTypeObject *)derived, (MpTypeObject *)cls);
}

/* ---- format() ---- */

/* See abstract.h. */
MpObject *
mp_object_format_default(MpObject *self, MpObject *spec)
{
    if (!MpUnicode_Check(spec)) {
        MpErr_Format(MpExc_TypeError, "__format__() argument must be str, "
                     "not %.200s", Mp_TYPE(spec)->tp_name);
        return NULL;
    }
    if (MpUnicode_GetLength(spec) > 0) {
        MpErr_Format(MpExc_TypeError, "unsupported format string passed "
                     "to %.200s.__format__", Mp_TYPE(self)->tp_name);
        return NULL;
    }
    return MpObject_Str(self);
}

MP_IDENTIFIER(__format__);

/* format(obj, spec): type(obj).__format__(obj, spec); spec NULL means
 * ''.  New, or NULL with TypeError ("__format__ must return a str, not
 * int", or whatever __format__ raised). */
MpObject *
MpObject_Format(MpObject *obj, MpObject *format_spec)
{
    MpObject *empty = NULL, *name, *result;

    if (format_spec != NULL && !MpUnicode_Check(format_spec))
        return MpErr_Format(MpExc_SystemError, "Format specifier must be "
                            "a string, not %.200s",
                            Mp_TYPE(format_spec)->tp_name);
    if (format_spec == NULL || MpUnicode_GetLength(format_spec) == 0) {
        if (MpUnicode_CheckExact(obj))
            return Mp_NewRef(obj);
        if (MpLong_CheckExact(obj))
            return MpObject_Str(obj);
    }
    name = mp_identifier_get(&MpId___format__);
    if (name == NULL)
        return NULL;
    if (mp_type_lookup(Mp_TYPE(obj), name) == NULL)
        return type_error("Type %.100s doesn't define __format__", obj);
    if (format_spec == NULL) {
        format_spec = empty = MpUnicode_FromString("");
        if (empty == NULL)
            return NULL;
    }
    result = mp_type_call_special(obj, name, &format_spec, 1);
    Mp_XDECREF(empty);
    if (result != NULL && !MpUnicode_Check(result)) {
        MpErr_Format(MpExc_TypeError, "__format__ must return a str, "
                     "not %.200s", Mp_TYPE(result)->tp_name);
        Mp_CLEAR(result);
    }
    return result;
}
