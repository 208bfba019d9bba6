/*
 * ceval.c -- the bytecode interpreter.
 *
 * One C function, eval_frame, runs frames.  A call from Python code to a
 * Python function does not recurse in C: the new frame is linked to the
 * running one and the loop carries on with it; its RETURN_VALUE switches
 * back.  Only calls that pass through C (a builtin calling a key
 * function, a type calling __init__, a generator being resumed) start
 * another eval_frame, and those are bounded by the recursion counter and
 * the C stack guard.
 *
 *   frame:  [ locals | cells | frees | value stack →        ]
 *            f_localsplus                 stack_pointer ↑
 *
 *   CALL n         [NULL|meth, callable|self, arg1 .. argn] → [result]
 *   SETUP_FINALLY  pushes (handler, stack depth) on the frame's blocks;
 *                  an exception unwinds the stack to that depth, pushes
 *                  the exception and jumps to the handler.
 *
 * References on the value stack are real references (pushed = owned), so
 * sys.getrefcount sees the same counts as in CPython.  When positional
 * arguments bind one to one, they move from the caller's stack into the
 * callee's parameters, as CPython 3.11 moves them; other calls bind copies.
 * An exception leaving a frame adds a traceback entry for it, so a
 * traceback keeps the raising frames (and their locals) alive.
 *
 * Fast paths instead of specialised instructions: small-int arithmetic
 * and comparisons, l[i] on exact lists, s += t growing an unshared str in
 * place, LOAD_GLOBAL through a per-code cache checked against the dict
 * versions of globals and builtins, and LOAD_ATTR, STORE_ATTR and
 * LOAD_METHOD through per-instruction caches of what they found for the
 * last two types (attrcache.c).
 *
 * Dispatch uses computed gotos when the compiler has them (GCC, Clang)
 * and a switch otherwise.
 *
 * Read alongside CPython 3.11: Python/ceval.c (_PyEval_EvalFrameDefault,
 * do_raise, import_from, format_exc_check_arg), Python/bytecodes.c (3.12,
 * for the instruction bodies).
 *
 * Backward jumps are checkpoints of the evaluation budget (evalbudget.c);
 * so is creating a frame (frameobject.c).
 *
 * Left out: specialising (rewritten) instructions, tracing hooks, signals.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/ceval.h"
#include "runtime/evalbudget.h"
#include "runtime/genobject.h"
#include "runtime/import.h"
#include "runtime/traceback.h"
#include "objects/abstract.h"
#include "objects/dictobject.h"
#include "objects/instancevalues.h"
#include "runtime/attrcache.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/listobject.h"
#include "objects/longobject.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "objects/tupleobject.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"

static struct {
    MpObject *builtins;     /* the builtins module's dict */
} state;

MpObject *
mp_eval_get_builtins(void)
{
    return state.builtins;
}

void
mp_eval_set_builtins(MpObject *builtins)
{
    Mp_XSETREF(state.builtins, builtins);
}

void
mp_eval_fini(void)
{
    Mp_CLEAR(state.builtins);
}

MpFrameObject *
mp_eval_current_frame(void)
{
    return (MpFrameObject *)mp_tstate_get()->frame;
}

MpObject *
mp_eval_builtins_for(MpObject *globals)
{
    MpObject *b = MpDict_GetItemString(globals, "__builtins__");

    if (b != NULL) {
        if (MpDict_Check(b))
            return Mp_NewRef(b);
        b = MpObject_GetAttrString(b, "__dict__");
        if (b != NULL && MpDict_Check(b))
            return b;
        Mp_XDECREF(b);
        MpErr_Clear();
    }
    if (state.builtins == NULL) {
        MpErr_SetString(MpExc_RuntimeError, "no builtins");
        return NULL;
    }
    return Mp_NewRef(state.builtins);
}

/* ---- Errors the instructions raise ---- */

static void
unbound_local_error(MpCodeObject *co, int slot)
{
    MpObject *name = MpTuple_GET_ITEM(co->co_localsplusnames, slot);

    if (slot >= co->co_nlocals + co->co_ncellvars)
        MpErr_Format(MpExc_NameError, "cannot access free variable '%U' "
                     "where it is not associated with a value in enclosing "
                     "scope", name);
    else
        MpErr_Format(MpExc_UnboundLocalError, "cannot access local "
                     "variable '%U' where it is not associated with a value",
                     name);
}

static void
name_error(MpObject *name)
{
    MpObject *exc;
    MpErr_Format(MpExc_NameError, "name '%U' is not defined", name);
    exc = MpErr_GetRaisedException();
    if (exc != NULL) {
        /* NameError.name, as CPython 3.10+ sets it. */
        if (MpObject_SetAttrString(exc, "name", name) < 0)
            MpErr_Clear();
        MpErr_SetRaisedException(exc);
    }
}

/* raise [exc [from cause]] */
static int
do_raise(MpObject *exc, MpObject *cause)
{
    MpObject *value = NULL;

    if (exc == NULL) {
        MpObject *handled = mp_errors_get_handled();
        if (handled == NULL) {
            MpErr_SetString(MpExc_RuntimeError,
                            "No active exception to reraise");
            return -1;
        }
        MpErr_SetRaisedException(Mp_NewRef(handled));
        return 1;       /* a re-raise: no new traceback entry here */
    }
    if (MpExceptionClass_Check(exc)) {
        value = MpObject_CallNoArgs(exc);
        if (value == NULL)
            return -1;
        if (!MpExceptionInstance_Check(value)) {
            MpErr_Format(MpExc_TypeError, "calling %R should have returned "
                         "an instance of BaseException, not %s", exc,
                         Mp_TYPE(value)->tp_name);
            Mp_DECREF(value);
            return -1;
        }
    }
    else if (MpExceptionInstance_Check(exc)) {
        value = Mp_NewRef(exc);
    }
    else {
        MpErr_SetString(MpExc_TypeError,
                        "exceptions must derive from BaseException");
        return -1;
    }
    if (cause != NULL) {
        MpObject *fixed;
        if (MpExceptionClass_Check(cause)) {
            fixed = MpObject_CallNoArgs(cause);
            if (fixed == NULL) {
                Mp_DECREF(value);
                return -1;
            }
        }
        else if (MpExceptionInstance_Check(cause) || cause == Mp_None) {
            fixed = Mp_NewRef(cause);
        }
        else {
            MpErr_SetString(MpExc_TypeError, "exception causes must derive "
                            "from BaseException");
            Mp_DECREF(value);
            return -1;
        }
        MpException_SetCause(value, fixed == Mp_None ? NULL : fixed);
        if (fixed == Mp_None) {
            Mp_DECREF(fixed);
            ((MpBaseExceptionObject *)value)->suppress_context = 1;
        }
    }
    MpErr_SetObject((MpObject *)Mp_TYPE(value), value);
    Mp_DECREF(value);
    return 0;
}

/* The type check of 'except T:' before matching. */
static int
check_except_type(MpObject *t)
{
    Mp_ssize_t i;

    if (MpTuple_Check(t)) {
        for (i = 0; i < MpTuple_GET_SIZE(t); i++) {
            if (!MpExceptionClass_Check(MpTuple_GET_ITEM(t, i)))
                goto bad;
        }
        return 0;
    }
    if (MpExceptionClass_Check(t))
        return 0;
bad:
    MpErr_SetString(MpExc_TypeError, "catching classes that do not inherit "
                    "from BaseException is not allowed");
    return -1;
}

/* ---- Fast paths for small ints ----
 * An exact int of at most one 30-bit digit is read straight from its
 * digit; sums, differences and products of two of them fit in 64 bits.
 * Anything else (including division by zero, so that the error is the
 * usual one) takes the general path. */

static inline int
compact_int(MpObject *o, long long *v)
{
    Mp_ssize_t size;

    if (!MpLong_CheckExact(o))
        return 0;
    size = Mp_SIZE(o);
    if (size < -1 || size > 1)
        return 0;
    *v = (long long)size * ((MpLongObject *)o)->ob_digit[0];
    return 1;
}

/* *result for small-int operands: 1 handled (result may be NULL on
 * memory error), 0 not handled. */
static inline int
binary_op_small_ints(int oparg, MpObject *a, MpObject *b, MpObject **result)
{
    long long x, y, r;

    if (!compact_int(a, &x) || !compact_int(b, &y))
        return 0;
    switch (oparg & 0xFF) {
    case MP_NB_ADD: r = x + y; break;
    case MP_NB_SUBTRACT: r = x - y; break;
    case MP_NB_MULTIPLY: r = x * y; break;
    case MP_NB_AND: r = x & y; break;
    case MP_NB_OR: r = x | y; break;
    case MP_NB_XOR: r = x ^ y; break;
    case MP_NB_FLOOR_DIVIDE:
        if (y == 0)
            return 0;
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            r--;
        break;
    case MP_NB_REMAINDER:
        if (y == 0)
            return 0;
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        break;
    default:
        return 0;
    }
    *result = mp_long_get_small((long)r);
    if (*result == NULL)
        *result = MpLong_FromLongLong(r);
    return 1;
}

/* &l[i] for an exact list and an int index in range (negative ones
 * counted from the end), else NULL: the general path then runs and
 * raises what it should. */
static inline MpObject **
list_slot_fast(MpObject *l, MpObject *key)
{
    long long i;

    if (!MpList_CheckExact(l) || !compact_int(key, &i))
        return NULL;
    if (i < 0)
        i += MpList_GET_SIZE(l);
    if (i < 0 || i >= MpList_GET_SIZE(l))
        return NULL;
    return &MpList_CAST(l)->ob_item[i];
}

/* l[i] (New) by list_slot_fast, or NULL without an exception. */
static inline MpObject *
list_item_fast(MpObject *l, MpObject *key)
{
    MpObject **slot = list_slot_fast(l, key);
    return slot != NULL ? Mp_NewRef(*slot) : NULL;
}

static inline int
compare_small_ints(int op, MpObject *a, MpObject *b, MpObject **result)
{
    long long x, y;
    int r;

    if (!compact_int(a, &x) || !compact_int(b, &y))
        return 0;
    switch (op) {
    case Mp_LT: r = x < y; break;
    case Mp_LE: r = x <= y; break;
    case Mp_EQ: r = x == y; break;
    case Mp_NE: r = x != y; break;
    case Mp_GT: r = x > y; break;
    default: r = x >= y; break;
    }
    *result = Mp_NewRef(r ? Mp_True : Mp_False);
    return 1;
}

/* ---- Instructions with longer bodies ---- */

static MpObject *
binary_op(int oparg, MpObject *a, MpObject *b)
{
    static binaryfunc const plain[MP_NB_COUNT] = {
        MpNumber_Add, MpNumber_And, MpNumber_FloorDivide, MpNumber_Lshift,
        NULL, MpNumber_Multiply, MpNumber_Remainder, MpNumber_Or, NULL,
        MpNumber_Rshift, MpNumber_Subtract, MpNumber_TrueDivide,
        MpNumber_Xor,
    };
    static binaryfunc const inplace[MP_NB_COUNT] = {
        MpNumber_InPlaceAdd, MpNumber_InPlaceAnd,
        MpNumber_InPlaceFloorDivide, MpNumber_InPlaceLshift, NULL,
        MpNumber_InPlaceMultiply, MpNumber_InPlaceRemainder,
        MpNumber_InPlaceOr, NULL, MpNumber_InPlaceRshift,
        MpNumber_InPlaceSubtract, MpNumber_InPlaceTrueDivide,
        MpNumber_InPlaceXor,
    };
    int op = oparg & 0xFF;

    if (op == MP_NB_POWER)
        return (oparg & MP_NB_INPLACE) ? MpNumber_InPlacePower(a, b, Mp_None)
                                       : MpNumber_Power(a, b, Mp_None);
    if (op == MP_NB_MATRIX_MULTIPLY) {
        MpErr_Format(MpExc_TypeError, "unsupported operand type(s) for @: "
                     "'%s' and '%s'", Mp_TYPE(a)->tp_name,
                     Mp_TYPE(b)->tp_name);
        return NULL;
    }
    return ((oparg & MP_NB_INPLACE) ? inplace[op] : plain[op])(a, b);
}

/* 's = s + t' or 's += t' with s a local about to be stored back:
 * when the stack and that local hold the only two references, drop the
 * local's so that str can grow s in place (see MpUnicode_Append) and
 * the loop stays linear.  1 when the caller now owns the local's str. */
static int
str_add_to_local(MpFrameObject *f, mp_codeunit next, MpObject *a)
{
    MpObject **local = &f->f_localsplus[MP_OPARG(next)];

    if (MP_OPCODE(next) != STORE_FAST || Mp_REFCNT(a) != 2 || *local != a)
        return 0;
    *local = NULL;
    Mp_DECREF(a);
    return 1;
}

/* Unpack 'seq' into n values written to out[n-1] .. out[0] (so that the
 * first value ends up on top of the stack).  With a starred target,
 * 'after' values follow a list.  0 or -1. */
static int
unpack_iterable(MpObject *seq, int before, int after, MpObject **out)
{
    MpObject *it = MpObject_GetIter(seq), *item, *rest;
    int i, total = before + 1 + after;

    if (it == NULL) {
        if (MpErr_ExceptionMatches(MpExc_TypeError) &&
            Mp_TYPE(seq)->tp_iter == NULL &&
            !MpSequence_Check(seq)) {
            MpErr_Clear();
            MpErr_Format(MpExc_TypeError, "cannot unpack non-iterable %s "
                         "object", Mp_TYPE(seq)->tp_name);
        }
        return -1;
    }
    for (i = 0; i < before; i++) {
        item = MpIter_Next(it);
        if (item == NULL) {
            if (!MpErr_Occurred()) {
                if (after < 0)
                    MpErr_Format(MpExc_ValueError, "not enough values to "
                                 "unpack (expected %d, got %d)", before, i);
                else
                    MpErr_Format(MpExc_ValueError, "not enough values to "
                                 "unpack (expected at least %d, got %d)",
                                 before + after, i);
            }
            goto error;
        }
        out[before + (after < 0 ? 0 : after + 1) - 1 - i] = item;
    }
    if (after < 0) {
        item = MpIter_Next(it);
        if (item != NULL) {
            Mp_DECREF(item);
            MpErr_Format(MpExc_ValueError, "too many values to unpack "
                         "(expected %d)", before);
            goto error;
        }
        if (MpErr_Occurred())
            goto error;
        Mp_DECREF(it);
        return 0;
    }
    rest = MpSequence_List(it);
    if (rest == NULL)
        goto error;
    if (MpList_GET_SIZE(rest) < after) {
        MpErr_Format(MpExc_ValueError, "not enough values to unpack "
                     "(expected at least %d, got %zd)", before + after,
                     (Mp_ssize_t)before + MpList_GET_SIZE(rest));
        Mp_DECREF(rest);
        goto error;
    }
    for (i = 0; i < after; i++) {
        Mp_ssize_t last = MpList_GET_SIZE(rest) - 1;
        out[after - 1 - i] = MpList_GET_ITEM(rest, last);
        MpList_SET_ITEM(rest, last, NULL);
        Mp_SET_SIZE(rest, last);
    }
    out[after] = rest;
    Mp_DECREF(it);
    MP_UNUSED(total);
    return 0;
error:
    /* Release what was unpacked: written from the high end down. */
    {
        int written = i, k;
        for (k = 0; k < written && k < before; k++) {
            int slot = before + (after < 0 ? 0 : after + 1) - 1 - k;
            Mp_CLEAR(out[slot]);
        }
    }
    Mp_DECREF(it);
    return -1;
}

static MpObject *
format_value(MpObject *value, int flags, MpObject *spec)
{
    MpObject *converted, *result;

    switch (flags & MP_FVC_MASK) {
    case MP_FVC_STR: converted = MpObject_Str(value); break;
    case MP_FVC_REPR: converted = MpObject_Repr(value); break;
    case MP_FVC_ASCII: converted = mp_unicode_ascii(value); break;
    default: converted = Mp_NewRef(value); break;
    }
    if (converted == NULL)
        return NULL;
    if (spec == NULL && MpUnicode_CheckExact(converted))
        return converted;
    if (spec == NULL) {
        spec = mp_unicode_get_empty();
        result = MpObject_Format(converted, spec);
        Mp_DECREF(spec);
    }
    else {
        result = MpObject_Format(converted, spec);
    }
    Mp_DECREF(converted);
    return result;
}

static MpObject *
build_string(MpObject **items, Mp_ssize_t n)
{
    MpObject *empty = mp_unicode_get_empty(), *tuple, *r;

    tuple = mp_tuple_from_array(items, n);
    if (tuple == NULL) {
        Mp_DECREF(empty);
        return NULL;
    }
    r = MpUnicode_Join(empty, tuple);
    Mp_DECREF(tuple);
    Mp_DECREF(empty);
    return r;
}

/* obj.name for a call: [function, obj] when it is a method defined on
 * the type (no bound method is made), else [NULL, attribute]. */
static int
load_method(MpObject *obj, MpObject *name, MpObject **meth)
{
    MpTypeObject *tp = Mp_TYPE(obj);
    MpObject *descr, **dictptr;

    if (tp->tp_getattro == MpObject_GenericGetAttr) {
        descr = mp_type_lookup(tp, name);
        if (descr != NULL && MpType_HasFeature(Mp_TYPE(descr),
                                               MP_TPFLAGS_METHOD_DESCRIPTOR)) {
            MpObject *shadow = NULL;
            dictptr = mp_object_dictptr(obj);
            if (dictptr != NULL && mp_object_has_inline_values(obj, dictptr))
                shadow = mp_instance_values_get(obj, name);
            else if (dictptr != NULL && *dictptr != NULL) {
                shadow = MpDict_GetItemWithError(*dictptr, name);
                if (shadow == NULL && MpErr_Occurred())
                    return -1;
            }
            if (shadow == NULL) {
                *meth = Mp_NewRef(descr);
                return 1;
            }
        }
    }
    *meth = MpObject_GetAttr(obj, name);
    return *meth == NULL ? -1 : 0;
}

static int
import_from(MpObject *module, MpObject *name, MpObject **out)
{
    MpObject *mod_name;

    *out = MpObject_GetAttr(module, name);
    if (*out != NULL || !MpErr_ExceptionMatches(MpExc_AttributeError))
        return *out == NULL ? -1 : 0;
    MpErr_Clear();
    mod_name = MpObject_GetAttrString(module, "__name__");
    if (mod_name == NULL) {
        MpErr_Clear();
        MpErr_Format(MpExc_ImportError, "cannot import name '%U'", name);
        return -1;
    }
    MpErr_Format(MpExc_ImportError, "cannot import name '%U' from '%U' "
                 "(unknown location)", name, mod_name);
    Mp_DECREF(mod_name);
    return -1;
}

/* DICT_MERGE for f(**m): keys must be new, m a mapping. */
static int
dict_merge(MpObject *func, MpObject *dict, MpObject *update)
{
    MpObject *keys, *fs;
    Mp_ssize_t i;

    keys = MpMapping_Keys(update);
    if (keys == NULL) {
        /* No keys() at all: not a mapping, as CPython words it. */
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return -1;
        MpErr_Clear();
        fs = mp_function_str(func);
        if (fs != NULL)
            MpErr_Format(MpExc_TypeError, "%U argument after ** must be a "
                         "mapping, not %s", fs, Mp_TYPE(update)->tp_name);
        Mp_XDECREF(fs);
        return -1;
    }
    for (i = 0; i < MpList_GET_SIZE(keys); i++) {
        MpObject *k = MpList_GET_ITEM(keys, i), *v;
        int has = MpDict_Contains(dict, k);
        if (has != 0) {
            if (has > 0 && (fs = mp_function_str(func)) != NULL) {
                if (MpUnicode_Check(k))
                    MpErr_Format(MpExc_TypeError, "%U got multiple values "
                                 "for keyword argument '%U'", fs, k);
                else
                    MpErr_Format(MpExc_TypeError, "%U keywords must be "
                                 "strings", fs);
                Mp_DECREF(fs);
            }
            Mp_DECREF(keys);
            return -1;
        }
        v = MpObject_GetItem(update, k);
        if (v == NULL || MpDict_SetItem(dict, k, v) < 0) {
            Mp_XDECREF(v);
            Mp_DECREF(keys);
            return -1;
        }
        Mp_DECREF(v);
    }
    Mp_DECREF(keys);
    return 0;
}

/* CALL_FUNCTION_EX: func(*args, **kwargs). */
static MpObject *
call_function_ex(MpObject *func, MpObject *args, MpObject *kwargs)
{
    MpObject *tuple, *result;

    if (MpTuple_CheckExact(args)) {
        tuple = Mp_NewRef(args);
    }
    else {
        if (Mp_TYPE(args)->tp_iter == NULL && !MpSequence_Check(args)) {
            MpObject *fs = mp_function_str(func);
            if (fs != NULL)
                MpErr_Format(MpExc_TypeError, "%U argument after * must be "
                             "an iterable, not %s", fs,
                             Mp_TYPE(args)->tp_name);
            Mp_XDECREF(fs);
            return NULL;
        }
        tuple = MpSequence_Tuple(args);
        if (tuple == NULL)
            return NULL;
    }
    result = MpObject_Call(func, tuple, kwargs);
    Mp_DECREF(tuple);
    return result;
}

static MpObject *
make_function(MpFrameObject *f, int flags, MpObject **stack_pointer)
{
    MpObject *code = stack_pointer[-1];
    MpFunctionObject *func = (MpFunctionObject *)mp_function_new(
        (MpCodeObject *)code, f->f_globals);
    int k = 2;

    if (func == NULL)
        return NULL;
    if (flags & MP_MAKE_FUNCTION_CLOSURE)
        func->func_closure = Mp_NewRef(stack_pointer[-k++]);
    if (flags & MP_MAKE_FUNCTION_KWDEFAULTS)
        func->func_kwdefaults = Mp_NewRef(stack_pointer[-k++]);
    if (flags & MP_MAKE_FUNCTION_DEFAULTS)
        func->func_defaults = Mp_NewRef(stack_pointer[-k++]);
    return (MpObject *)func;
}

/* A new frame for a call of 'func', arguments bound. */
static MpFrameObject *
function_frame(MpFunctionObject *func, MpObject *const *args,
               Mp_ssize_t nargs, MpObject *kwnames)
{
    MpCodeObject *co = func->func_code;
    MpFrameObject *f = mp_frame_new(co, func->func_globals,
                                    func->func_builtins, NULL);

    if (f == NULL)
        return NULL;
    f->f_func = Mp_NewRef(func);
    if (mp_bind_arguments(func, f->f_localsplus, args, nargs, kwnames) < 0
        || ((co->co_ncellvars | co->co_nfreevars) != 0 &&
            mp_init_cells(func, f->f_localsplus) < 0)) {
        Mp_DECREF(f);
        return NULL;
    }
    return f;
}

/* Whether a call with n positional arguments and nothing else binds
 * them one to one: no defaults needed, no *args, **kwargs or cells. */
static inline int
takes_exactly(const MpCodeObject *co, int n)
{
    return co->co_argcount == n && co->co_kwonlyargcount == 0 &&
           (co->co_flags & (MP_CO_VARARGS | MP_CO_VARKEYWORDS)) == 0 &&
           (co->co_ncellvars | co->co_nfreevars) == 0;
}

/* The frame for such a call, taking over the n argument references. */
static MpFrameObject *
frame_taking_args(MpFunctionObject *func, MpObject **args, int n)
{
    MpFrameObject *f = mp_frame_new(func->func_code, func->func_globals,
                                    func->func_builtins, NULL);
    int i;

    if (f == NULL)
        return NULL;
    f->f_func = Mp_NewRef(func);
    for (i = 0; i < n; i++)
        f->f_localsplus[i] = args[i];
    return f;
}

static int
print_expr(MpObject *v)
{
    if (v == Mp_None)
        return 0;
    if (state.builtins != NULL &&
        MpDict_SetItemString(state.builtins, "_", Mp_None) < 0)
        return -1;
    if (MpObject_Print(v, stdout, 0) < 0)
        return -1;
    putchar('\n');
    if (state.builtins != NULL &&
        MpDict_SetItemString(state.builtins, "_", v) < 0)
        return -1;
    return 0;
}

static MpObject *
lookup_name(MpFrameObject *f, MpObject *name)
{
    MpObject *v;

    if (f->f_locals != NULL) {
        if (MpDict_CheckExact(f->f_locals)) {
            v = MpDict_GetItemWithError(f->f_locals, name);
            if (v != NULL)
                return Mp_NewRef(v);
        }
        else {
            v = MpObject_GetItem(f->f_locals, name);
            if (v != NULL)
                return v;
            if (!MpErr_ExceptionMatches(MpExc_KeyError))
                return NULL;
            MpErr_Clear();
        }
        if (MpErr_Occurred())
            return NULL;
    }
    v = MpDict_GetItemWithError(f->f_globals, name);
    if (v == NULL && !MpErr_Occurred())
        v = MpDict_GetItemWithError(f->f_builtins, name);
    if (v == NULL) {
        if (!MpErr_Occurred())
            name_error(name);
        return NULL;
    }
    return Mp_NewRef(v);
}

static MpObject *
lookup_global(MpFrameObject *f, MpObject *name)
{
    MpObject *v = MpDict_GetItemWithError(f->f_globals, name);

    if (v == NULL && !MpErr_Occurred())
        v = MpDict_GetItemWithError(f->f_builtins, name);
    if (v == NULL) {
        if (!MpErr_Occurred())
            name_error(name);
        return NULL;
    }
    return Mp_NewRef(v);
}

/* LOAD_GLOBAL of names[i] through the code object's cache: a hit costs
 * two version compares instead of one or two hash lookups.  New. */
static MpObject *
load_global_cached(MpFrameObject *f, int i)
{
    MpCodeObject *co = f->f_code;
    mp_global_cache *c = co->co_global_cache;
    uint64_t gv, bv;
    MpObject *v;

    if (!MpDict_CheckExact(f->f_globals) || !MpDict_CheckExact(f->f_builtins))
        return lookup_global(f, MpTuple_GET_ITEM(co->co_names, i));
    gv = MpDict_CAST(f->f_globals)->ma_version_tag;
    bv = MpDict_CAST(f->f_builtins)->ma_version_tag;
    if (c != NULL && c[i].value != NULL && c[i].globals_version == gv &&
        c[i].builtins_version == bv)
        return Mp_NewRef(c[i].value);
    v = lookup_global(f, MpTuple_GET_ITEM(co->co_names, i));
    if (v == NULL)
        return NULL;
    if (c == NULL) {
        /* No memory for the cache only costs speed. */
        c = MpMem_Calloc((size_t)MpTuple_GET_SIZE(co->co_names), sizeof(*c));
        co->co_global_cache = c;
    }
    if (c != NULL) {
        c[i].globals_version = gv;
        c[i].builtins_version = bv;
        c[i].value = v;
    }
    return v;
}

/* ---- The loop ---- */

#if defined(__GNUC__) || defined(__clang__)
#  define USE_COMPUTED_GOTOS 1
#endif

#define TOP() (stack_pointer[-1])
#define SECOND() (stack_pointer[-2])
#define THIRD() (stack_pointer[-3])
#define PEEK(n) (stack_pointer[-(n)])
#define SET_TOP(v) (stack_pointer[-1] = (v))
#define SET_SECOND(v) (stack_pointer[-2] = (v))
#define PUSH(v) (*stack_pointer++ = (v))
#define POP() (*--stack_pointer)
#define STACK_BASE() (f->f_localsplus + f->f_code->co_nlocalsplus)
#define STACK_LEVEL() ((int)(stack_pointer - STACK_BASE()))
#define JUMPTO(x) (next_instr = first_instr + (x))
#define GETLOCAL(i) (f->f_localsplus[(i)])
#define SETLOCAL(i, v)                                  \
    do {                                                \
        MpObject *setlocal_tmp_ = GETLOCAL(i);          \
        GETLOCAL(i) = (v);                              \
        Mp_XDECREF(setlocal_tmp_);                      \
    } while (0)

#ifdef USE_COMPUTED_GOTOS
#  define TARGET(op) TARGET_##op:
#  define DISPATCH()                                        \
    do {                                                    \
        mp_codeunit unit_;                                  \
        f->f_instr = next_instr;                            \
        unit_ = *next_instr++;                              \
        opcode = MP_OPCODE(unit_);                          \
        oparg = MP_OPARG(unit_);                            \
        goto *opcode_targets[opcode];                       \
    } while (0)
#else
#  define TARGET(op) case op:
#  define DISPATCH() continue
#endif

MP_IDENTIFIER(__build_class__);

/* Run frame 'f' (and the frames it calls) until it returns, raises or
 * yields.  'sendval' is pushed when resuming a suspended frame. */
static MpObject *
eval_frame(MpThreadState *ts, MpFrameObject *f, MpObject *sendval,
           MpObject *throwexc)
{
#ifdef USE_COMPUTED_GOTOS
    static void *const opcode_targets[MP_NUM_OPCODES] = {
#define MP_TARGET_ADDRESS(name) &&TARGET_##name,
        MP_OPCODE_LIST(MP_TARGET_ADDRESS)
#undef MP_TARGET_ADDRESS
    };
#endif
    MpFrameObject *entry = f;
    const mp_codeunit *first_instr, *next_instr;
    MpObject **stack_pointer, **consts, **names;
    MpObject *kwnames = NULL, *retval = NULL;
    int opcode, oparg, reraise = 0;

    if (++ts->recursion_depth > ts->recursion_limit ||
        mp_pystate_c_stack_exhausted()) {
        ts->recursion_depth--;
        MpErr_SetString(MpExc_RecursionError,
                        "maximum recursion depth exceeded");
        return NULL;
    }
    f->f_back = (MpFrameObject *)ts->frame;
    ts->frame = f;
    if (f->f_state == MP_FRAME_SUSPENDED && sendval != NULL &&
        throwexc == NULL)
        *f->f_stacktop++ = Mp_NewRef(sendval);

load_frame:
    first_instr = f->f_code->co_code;
    consts = MpTuple_CAST(f->f_code->co_consts)->ob_item;
    names = MpTuple_CAST(f->f_code->co_names)->ob_item;
    stack_pointer = f->f_stacktop;
    f->f_stacktop = NULL;
    next_instr = f->f_instr;
    if (f->f_state == MP_FRAME_SUSPENDED)
        next_instr++;
    f->f_state = MP_FRAME_EXECUTING;
    if (throwexc != NULL) {
        MpErr_SetObject((MpObject *)Mp_TYPE(throwexc), throwexc);
        throwexc = NULL;
        goto error;
    }

#ifdef USE_COMPUTED_GOTOS
    DISPATCH();
#else
    for (;;) {
        mp_codeunit unit_;
        f->f_instr = next_instr;
        unit_ = *next_instr++;
        opcode = MP_OPCODE(unit_);
        oparg = MP_OPARG(unit_);
        switch (opcode) {
#endif

    TARGET(NOP) {
        DISPATCH();
    }

    TARGET(POP_TOP) {
        MpObject *v = POP();
        Mp_XDECREF(v);
        DISPATCH();
    }

    TARGET(COPY) {
        MpObject *v = PEEK(oparg);
        PUSH(Mp_NewRef(v));
        DISPATCH();
    }

    TARGET(SWAP) {
        MpObject *top = TOP();
        SET_TOP(PEEK(oparg));
        PEEK(oparg) = top;
        DISPATCH();
    }

    TARGET(PUSH_NULL) {
        PUSH(NULL);
        DISPATCH();
    }

    TARGET(UNARY_POSITIVE) {
        MpObject *v = TOP(), *r = MpNumber_Positive(v);
        Mp_DECREF(v);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(UNARY_NEGATIVE) {
        MpObject *v = TOP(), *r = MpNumber_Negative(v);
        Mp_DECREF(v);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(UNARY_INVERT) {
        MpObject *v = TOP(), *r = MpNumber_Invert(v);
        Mp_DECREF(v);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(UNARY_NOT) {
        MpObject *v = TOP();
        int truth = MpObject_IsTrue(v);
        Mp_DECREF(v);
        if (truth < 0) {
            SET_TOP(NULL);
            goto error_pop1;
        }
        SET_TOP(Mp_NewRef(truth ? Mp_False : Mp_True));
        DISPATCH();
    }

    TARGET(BINARY_OP) {
        MpObject *b = POP(), *a = TOP(), *r;
        if ((oparg & 0xFF) == MP_NB_ADD && MpUnicode_CheckExact(a) &&
            MpUnicode_CheckExact(b) && str_add_to_local(f, *next_instr, a)) {
            MpUnicode_Append(&a, b);    /* steals a, in place if it can */
            Mp_DECREF(b);
            SET_TOP(a);
            if (a == NULL)
                goto error_pop1;
            DISPATCH();
        }
        if (!binary_op_small_ints(oparg, a, b, &r))
            r = binary_op(oparg, a, b);
        Mp_DECREF(a);
        Mp_DECREF(b);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(COMPARE_OP) {
        MpObject *b = POP(), *a = TOP(), *r;
        if (!compare_small_ints(oparg, a, b, &r))
            r = MpObject_RichCompare(a, b, oparg);
        Mp_DECREF(a);
        Mp_DECREF(b);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(IS_OP) {
        MpObject *b = POP(), *a = TOP();
        int same = (a == b) ^ oparg;
        Mp_DECREF(a);
        Mp_DECREF(b);
        SET_TOP(Mp_NewRef(same ? Mp_True : Mp_False));
        DISPATCH();
    }

    TARGET(CONTAINS_OP) {
        MpObject *container = POP(), *item = TOP();
        int r = MpSequence_Contains(container, item);
        Mp_DECREF(container);
        Mp_DECREF(item);
        if (r < 0) {
            SET_TOP(NULL);
            goto error_pop1;
        }
        SET_TOP(Mp_NewRef((r ^ oparg) ? Mp_True : Mp_False));
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) {
        MpObject *key = POP(), *container = TOP();
        MpObject *r = list_item_fast(container, key);
        if (r == NULL)
            r = MpObject_GetItem(container, key);
        Mp_DECREF(container);
        Mp_DECREF(key);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(STORE_SUBSCR) {
        MpObject *key = POP(), *container = POP(), *v = POP();
        MpObject **slot = list_slot_fast(container, key);
        int r = 0;
        if (slot != NULL)
            Mp_SETREF(*slot, Mp_NewRef(v));
        else
            r = MpObject_SetItem(container, key, v);
        Mp_DECREF(v);
        Mp_DECREF(container);
        Mp_DECREF(key);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) {
        MpObject *key = POP(), *container = POP();
        int r = MpObject_DelItem(container, key);
        Mp_DECREF(container);
        Mp_DECREF(key);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(BUILD_SLICE) {
        MpObject *step = oparg == 3 ? POP() : NULL;
        MpObject *stop = POP(), *start = TOP();
        MpObject *s = MpSlice_New(start, stop, step);
        Mp_DECREF(start);
        Mp_DECREF(stop);
        Mp_XDECREF(step);
        SET_TOP(s);
        if (s == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(LOAD_CONST) {
        PUSH(Mp_NewRef(consts[oparg]));
        DISPATCH();
    }

    TARGET(LOAD_NAME) {
        MpObject *v = lookup_name(f, names[oparg]);
        if (v == NULL)
            goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_NAME) {
        MpObject *v = POP();
        int r;
        if (f->f_locals == NULL) {
            Mp_DECREF(v);
            MpErr_Format(MpExc_SystemError, "no locals found when storing "
                         "%R", names[oparg]);
            goto error;
        }
        r = MpDict_CheckExact(f->f_locals)
            ? MpDict_SetItem(f->f_locals, names[oparg], v)
            : MpObject_SetItem(f->f_locals, names[oparg], v);
        Mp_DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME) {
        if (f->f_locals == NULL ||
            MpObject_DelItem(f->f_locals, names[oparg]) < 0) {
            if (f->f_locals != NULL &&
                !MpErr_ExceptionMatches(MpExc_KeyError))
                goto error;
            MpErr_Clear();
            name_error(names[oparg]);
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        MpObject *v = load_global_cached(f, oparg);
        if (v == NULL)
            goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_GLOBAL) {
        MpObject *v = POP();
        int r = MpDict_SetItem(f->f_globals, names[oparg], v);
        Mp_DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL) {
        if (MpDict_DelItem(f->f_globals, names[oparg]) < 0) {
            if (!MpErr_ExceptionMatches(MpExc_KeyError))
                goto error;
            MpErr_Clear();
            name_error(names[oparg]);
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_FAST) {
        MpObject *v = GETLOCAL(oparg);
        if (v == NULL) {
            unbound_local_error(f->f_code, oparg);
            goto error;
        }
        PUSH(Mp_NewRef(v));
        DISPATCH();
    }

    TARGET(STORE_FAST) {
        MpObject *v = POP();
        SETLOCAL(oparg, v);
        DISPATCH();
    }

    TARGET(DELETE_FAST) {
        if (GETLOCAL(oparg) == NULL) {
            unbound_local_error(f->f_code, oparg);
            goto error;
        }
        SETLOCAL(oparg, NULL);
        DISPATCH();
    }

    TARGET(LOAD_DEREF) {
        MpObject *v = ((MpCellObject *)GETLOCAL(oparg))->ob_ref;
        if (v == NULL) {
            unbound_local_error(f->f_code, oparg);
            goto error;
        }
        PUSH(Mp_NewRef(v));
        DISPATCH();
    }

    TARGET(STORE_DEREF) {
        MpCellObject *cell = (MpCellObject *)GETLOCAL(oparg);
        MpObject *v = POP();
        Mp_XSETREF(cell->ob_ref, v);
        DISPATCH();
    }

    TARGET(DELETE_DEREF) {
        MpCellObject *cell = (MpCellObject *)GETLOCAL(oparg);
        if (cell->ob_ref == NULL) {
            unbound_local_error(f->f_code, oparg);
            goto error;
        }
        Mp_CLEAR(cell->ob_ref);
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) {
        PUSH(Mp_NewRef(GETLOCAL(oparg)));
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF) {
        MpObject *name = MpTuple_GET_ITEM(f->f_code->co_localsplusnames,
                                          oparg);
        MpObject *v = f->f_locals ? MpDict_GetItemWithError(f->f_locals,
                                                            name) : NULL;
        if (v == NULL) {
            if (MpErr_Occurred())
                goto error;
            v = ((MpCellObject *)GETLOCAL(oparg))->ob_ref;
            if (v == NULL) {
                unbound_local_error(f->f_code, oparg);
                goto error;
            }
        }
        PUSH(Mp_NewRef(v));
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        MpObject *owner = TOP(), *v;
        mp_attr_cache *c = mp_attr_cache_at(f->f_code, next_instr);
        if (!mp_attr_cache_load(c, owner, &v)) {
            v = MpObject_GetAttr(owner, names[oparg]);
            if (v != NULL)
                mp_attr_cache_fill_load(c, owner, names[oparg]);
        }
        Mp_DECREF(owner);
        SET_TOP(v);
        if (v == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(STORE_ATTR) {
        MpObject *owner = POP(), *v = POP();
        mp_attr_cache *c = mp_attr_cache_at(f->f_code, next_instr);
        int r = mp_attr_cache_store(c, owner, v);
        if (r == 0) {
            r = MpObject_SetAttr(owner, names[oparg], v);
            if (r == 0)
                mp_attr_cache_fill_store(c, owner, names[oparg]);
        }
        if (r != 1)             /* the cache did not take v */
            Mp_DECREF(v);
        Mp_DECREF(owner);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DELETE_ATTR) {
        MpObject *owner = POP();
        int r = MpObject_SetAttr(owner, names[oparg], NULL);
        Mp_DECREF(owner);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LOAD_METHOD) {
        MpObject *obj = TOP(), *meth;
        mp_attr_cache *c = mp_attr_cache_at(f->f_code, next_instr);
        int r;
        meth = mp_attr_cache_method(c, obj);
        if (meth != NULL) {
            SET_TOP(Mp_NewRef(meth));
            PUSH(obj);
            DISPATCH();
        }
        r = load_method(obj, names[oparg], &meth);
        if (r < 0)
            goto error;
        if (r > 0)
            mp_attr_cache_fill_method(c, obj, names[oparg]);
        if (r > 0) {            /* [meth, obj] */
            SET_TOP(meth);
            PUSH(obj);
        }
        else {                  /* [NULL, attribute] */
            SET_TOP(NULL);
            Mp_DECREF(obj);
            PUSH(meth);
        }
        DISPATCH();
    }

    TARGET(KW_NAMES) {
        kwnames = consts[oparg];
        DISPATCH();
    }

    TARGET(CALL) {
        int is_meth = PEEK(oparg + 2) != NULL;
        int total = oparg + is_meth;
        MpObject *callable = is_meth ? PEEK(oparg + 2) : PEEK(oparg + 1);
        MpObject **args = stack_pointer - total, *r;
        Mp_ssize_t nkw = kwnames ? MpTuple_GET_SIZE(kwnames) : 0;
        MpObject *kw = kwnames;
        int i;

        kwnames = NULL;
        if (MpFunction_Check(callable) &&
            !(((MpFunctionObject *)callable)->func_code->co_flags &
              MP_CO_GENERATOR)) {
            MpFunctionObject *fn = (MpFunctionObject *)callable;
            MpFrameObject *callee;
            int left = total + 2 - is_meth;
            if (kw == NULL && takes_exactly(fn->func_code, total)) {
                callee = frame_taking_args(fn, args, total);
                if (callee != NULL) {
                    stack_pointer -= total;     /* now the callee's */
                    left -= total;
                }
            }
            else {
                callee = function_frame(fn, args, total - nkw, kw);
            }
            for (i = 0; i < left; i++) {
                MpObject *v = POP();
                Mp_XDECREF(v);
            }
            if (callee == NULL)
                goto error;
            if (ts->recursion_depth + 1 > ts->recursion_limit) {
                Mp_DECREF(callee);
                MpErr_SetString(MpExc_RecursionError,
                                "maximum recursion depth exceeded");
                goto error;
            }
            ts->recursion_depth++;
            f->f_stacktop = stack_pointer;
            callee->f_back = f;
            ts->frame = callee;
            f = callee;
            goto load_frame;
        }
        r = MpObject_Vectorcall(callable, args,
                                (size_t)(total - nkw) |
                                MP_VECTORCALL_ARGUMENTS_OFFSET, kw);
        for (i = 0; i < total + 2 - is_meth; i++) {
            MpObject *v = POP();
            Mp_XDECREF(v);
        }
        if (r == NULL)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(CALL_FUNCTION_EX) {
        MpObject *kwargs = (oparg & 1) ? POP() : NULL;
        MpObject *callargs = POP(), *func = POP(), *null = POP();
        MpObject *r = call_function_ex(func, callargs, kwargs);
        Mp_XDECREF(kwargs);
        Mp_DECREF(callargs);
        Mp_DECREF(func);
        Mp_XDECREF(null);
        if (r == NULL)
            goto error;
        PUSH(r);
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) {
        MpObject *func = make_function(f, oparg, stack_pointer);
        int n = 1 + ((oparg & MP_MAKE_FUNCTION_DEFAULTS) != 0) +
                ((oparg & MP_MAKE_FUNCTION_KWDEFAULTS) != 0) +
                ((oparg & MP_MAKE_FUNCTION_CLOSURE) != 0);
        while (n-- > 0) {
            MpObject *v = POP();
            Mp_DECREF(v);
        }
        if (func == NULL)
            goto error;
        PUSH(func);
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS) {
        MpObject *name = mp_identifier_get(&MpId___build_class__);
        MpObject *bc = name == NULL ? NULL
            : MpDict_GetItemWithError(f->f_builtins, name);
        if (bc == NULL) {
            if (!MpErr_Occurred())
                MpErr_SetString(MpExc_NameError,
                                "__build_class__ not found");
            goto error;
        }
        PUSH(Mp_NewRef(bc));
        DISPATCH();
    }

    TARGET(RETURN_VALUE) {
        retval = POP();
        f->f_state = MP_FRAME_COMPLETED;
        goto exit_frame;
    }

    TARGET(JUMP) {
        const mp_codeunit *target = first_instr + oparg;
        /* a loop's back edge: charge the loop's length */
        if (target < next_instr &&
            mp_eval_charge(next_instr - target) < 0)
            goto error;
        next_instr = target;
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_FALSE) {
        MpObject *cond = POP();
        int truth = cond == Mp_True ? 1 : cond == Mp_False ? 0
                                                           : MpObject_IsTrue(cond);
        Mp_DECREF(cond);
        if (truth < 0)
            goto error;
        if (!truth)
            JUMPTO(oparg);
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_TRUE) {
        MpObject *cond = POP();
        int truth = cond == Mp_True ? 1 : cond == Mp_False ? 0
                                                           : MpObject_IsTrue(cond);
        Mp_DECREF(cond);
        if (truth < 0)
            goto error;
        if (truth)
            JUMPTO(oparg);
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) {
        int truth = MpObject_IsTrue(TOP());
        if (truth < 0)
            goto error;
        if (!truth) {
            JUMPTO(oparg);
        }
        else {
            MpObject *v = POP();
            Mp_DECREF(v);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP) {
        int truth = MpObject_IsTrue(TOP());
        if (truth < 0)
            goto error;
        if (truth) {
            JUMPTO(oparg);
        }
        else {
            MpObject *v = POP();
            Mp_DECREF(v);
        }
        DISPATCH();
    }

    TARGET(GET_ITER) {
        MpObject *v = TOP(), *it = MpObject_GetIter(v);
        Mp_DECREF(v);
        SET_TOP(it);
        if (it == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(FOR_ITER) {
        MpObject *it = TOP();
        MpObject *next = Mp_TYPE(it)->tp_iternext(it);
        if (next != NULL) {
            PUSH(next);
            DISPATCH();
        }
        if (MpErr_Occurred()) {
            if (!MpErr_ExceptionMatches(MpExc_StopIteration))
                goto error;
            MpErr_Clear();
        }
        it = POP();
        Mp_DECREF(it);
        JUMPTO(oparg);
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        MpObject *t = mp_tuple_from_array_steal(stack_pointer - oparg,
                                                oparg);
        stack_pointer -= oparg;
        if (t == NULL)
            goto error;
        PUSH(t);
        DISPATCH();
    }

    TARGET(BUILD_LIST) {
        MpObject *l = mp_list_from_array_steal(stack_pointer - oparg,
                                               oparg);
        stack_pointer -= oparg;
        if (l == NULL)
            goto error;
        PUSH(l);
        DISPATCH();
    }

    TARGET(BUILD_MAP) {
        MpObject *d = mp_dict_from_items(stack_pointer - 2 * oparg, 2,
                                         stack_pointer - 2 * oparg + 1, 2,
                                         oparg);
        int i;
        for (i = 0; i < 2 * oparg; i++) {
            MpObject *v = POP();
            Mp_DECREF(v);
        }
        if (d == NULL)
            goto error;
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_STRING) {
        MpObject *s = build_string(stack_pointer - oparg, oparg);
        int i;
        for (i = 0; i < oparg; i++) {
            MpObject *v = POP();
            Mp_DECREF(v);
        }
        if (s == NULL)
            goto error;
        PUSH(s);
        DISPATCH();
    }

    TARGET(LIST_APPEND) {
        MpObject *v = POP();
        if (mp_list_append_take(PEEK(oparg), v) < 0)
            goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD) {
        MpObject *value = POP(), *key = POP();
        int r = MpDict_SetItem(PEEK(oparg), key, value);
        Mp_DECREF(key);
        Mp_DECREF(value);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND) {
        MpObject *iterable = POP();
        int r = mp_list_extend(PEEK(oparg), iterable);
        if (r < 0 && MpErr_ExceptionMatches(MpExc_TypeError) &&
            Mp_TYPE(iterable)->tp_iter == NULL &&
            !MpSequence_Check(iterable)) {
            MpErr_Clear();
            MpErr_Format(MpExc_TypeError, "Value after * must be an "
                         "iterable, not %s", Mp_TYPE(iterable)->tp_name);
        }
        Mp_DECREF(iterable);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) {
        MpObject *l = TOP(), *t = MpList_AsTuple(l);
        Mp_DECREF(l);
        SET_TOP(t);
        if (t == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(DICT_UPDATE) {
        MpObject *update = POP();
        int r = MpDict_Update(PEEK(oparg), update);
        if (r < 0 && MpErr_ExceptionMatches(MpExc_AttributeError)) {
            MpErr_Clear();
            MpErr_Format(MpExc_TypeError, "'%s' object is not a mapping",
                         Mp_TYPE(update)->tp_name);
        }
        Mp_DECREF(update);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(DICT_MERGE) {
        MpObject *update = POP();
        int r = dict_merge(PEEK(oparg + 2), PEEK(oparg), update);
        Mp_DECREF(update);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) {
        MpObject *seq = POP();
        Mp_ssize_t i;
        if ((MpTuple_CheckExact(seq) && MpTuple_GET_SIZE(seq) == oparg) ||
            (MpList_CheckExact(seq) && MpList_GET_SIZE(seq) == oparg)) {
            MpObject **items = MpTuple_CheckExact(seq)
                ? MpTuple_CAST(seq)->ob_item : MpList_CAST(seq)->ob_item;
            for (i = oparg - 1; i >= 0; i--)
                PUSH(Mp_NewRef(items[i]));
        }
        else if (MpTuple_CheckExact(seq) || MpList_CheckExact(seq)) {
            Mp_ssize_t n = Mp_SIZE(seq);
            if (n < oparg)
                MpErr_Format(MpExc_ValueError, "not enough values to unpack "
                             "(expected %d, got %zd)", oparg, n);
            else
                MpErr_Format(MpExc_ValueError, "too many values to unpack "
                             "(expected %d)", oparg);
            Mp_DECREF(seq);
            goto error;
        }
        else {
            for (i = 0; i < oparg; i++)
                stack_pointer[i] = NULL;
            if (unpack_iterable(seq, oparg, -1, stack_pointer) < 0) {
                Mp_DECREF(seq);
                goto error;
            }
            stack_pointer += oparg;
        }
        Mp_DECREF(seq);
        DISPATCH();
    }

    TARGET(UNPACK_EX) {
        MpObject *seq = POP();
        int before = oparg & 0xFF, after = oparg >> 8, i;
        for (i = 0; i < before + after + 1; i++)
            stack_pointer[i] = NULL;
        if (unpack_iterable(seq, before, after, stack_pointer) < 0) {
            Mp_DECREF(seq);
            goto error;
        }
        stack_pointer += before + after + 1;
        Mp_DECREF(seq);
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) {
        MpObject *spec = (oparg & MP_FVS_HAVE_SPEC) ? POP() : NULL;
        MpObject *value = TOP(), *r = format_value(value, oparg, spec);
        Mp_XDECREF(spec);
        Mp_DECREF(value);
        SET_TOP(r);
        if (r == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(SETUP_FINALLY) {
        mp_block *b = &f->f_blockstack[f->f_iblock++];
        b->handler = oparg;
        b->level = STACK_LEVEL();
        DISPATCH();
    }

    TARGET(POP_BLOCK) {
        f->f_iblock--;
        DISPATCH();
    }

    TARGET(PUSH_EXC_INFO) {
        MpObject *exc = TOP();
        MpObject *prev = ts->exc_info->exc_value;
        SET_TOP(prev != NULL ? prev : Mp_NewRef(Mp_None));
        ts->exc_info->exc_value = Mp_NewRef(exc);
        PUSH(exc);
        DISPATCH();
    }

    TARGET(POP_EXCEPT) {
        MpObject *prev = POP(), *old = ts->exc_info->exc_value;
        ts->exc_info->exc_value = prev == Mp_None ? NULL : prev;
        if (prev == Mp_None)
            Mp_DECREF(prev);
        Mp_XDECREF(old);
        DISPATCH();
    }

    TARGET(CHECK_EXC_MATCH) {
        MpObject *type = POP();
        int match;
        if (check_except_type(type) < 0) {
            Mp_DECREF(type);
            goto error;
        }
        match = MpErr_GivenExceptionMatches(TOP(), type);
        Mp_DECREF(type);
        PUSH(Mp_NewRef(match ? Mp_True : Mp_False));
        DISPATCH();
    }

    TARGET(RERAISE) {
        MpObject *exc = POP();
        MpErr_SetRaisedException(exc);
        reraise = 1;
        goto exception_unwind;
    }

    TARGET(POP_EXCEPT_AND_RERAISE) {
        MpObject *exc = POP(), *prev = POP(), *old = ts->exc_info->exc_value;
        ts->exc_info->exc_value = prev == Mp_None ? NULL : prev;
        if (prev == Mp_None)
            Mp_DECREF(prev);
        Mp_XDECREF(old);
        MpErr_SetRaisedException(exc);
        reraise = 1;
        goto exception_unwind;
    }

    TARGET(RAISE_VARARGS) {
        MpObject *cause = oparg == 2 ? POP() : NULL;
        MpObject *exc = oparg >= 1 ? POP() : NULL;
        int r = do_raise(exc, cause);
        Mp_XDECREF(exc);
        Mp_XDECREF(cause);
        if (r > 0) {
            reraise = 1;
            goto exception_unwind;
        }
        goto error;
    }

    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(Mp_NewRef(MpExc_AssertionError));
        DISPATCH();
    }

    TARGET(IMPORT_NAME) {
        MpObject *fromlist = POP(), *level = TOP();
        MpObject *m = mp_import_name(names[oparg], f->f_globals, fromlist,
                                     level);
        Mp_DECREF(fromlist);
        Mp_DECREF(level);
        SET_TOP(m);
        if (m == NULL)
            goto error_pop1;
        DISPATCH();
    }

    TARGET(IMPORT_FROM) {
        MpObject *v;
        if (import_from(TOP(), names[oparg], &v) < 0)
            goto error;
        PUSH(v);
        DISPATCH();
    }

    TARGET(PRINT_EXPR) {
        MpObject *v = POP();
        int r = print_expr(v);
        Mp_DECREF(v);
        if (r < 0)
            goto error;
        DISPATCH();
    }

    TARGET(RETURN_GENERATOR) {
        DISPATCH();
    }

    TARGET(YIELD_VALUE) {
        retval = POP();
        f->f_state = MP_FRAME_SUSPENDED;
        goto exit_frame;
    }

    TARGET(GET_YIELD_FROM_ITER)
    TARGET(SEND) {
        MpErr_Format(MpExc_SystemError, "unexpected instruction %s",
                     mp_opcode_name(opcode));
        goto error;
    }

#ifndef USE_COMPUTED_GOTOS
        default:
            MpErr_Format(MpExc_SystemError, "unknown opcode %d", opcode);
            goto error;
        }
    }
#endif

error_pop1:
    /* The instruction left NULL on top of the stack. */
    stack_pointer--;
error:
    if (!MpErr_Occurred())
        MpErr_SetString(MpExc_SystemError,
                        "error return without exception set");
    reraise = 0;
exception_unwind:
    if (!reraise && mp_traceback_here(f) < 0)
        MpErr_NoMemory();
    reraise = 0;
    kwnames = NULL;
    if (f->f_iblock > 0) {
        mp_block *b = &f->f_blockstack[--f->f_iblock];
        MpObject **level = STACK_BASE() + b->level;
        while (stack_pointer > level) {
            MpObject *v = POP();
            Mp_XDECREF(v);
        }
        PUSH(MpErr_GetRaisedException());
        JUMPTO(b->handler);
        DISPATCH();
    }
    while (stack_pointer > STACK_BASE()) {
        MpObject *v = POP();
        Mp_XDECREF(v);
    }
    retval = NULL;
    f->f_state = MP_FRAME_COMPLETED;

exit_frame:
    ts->recursion_depth--;
    f->f_stacktop = stack_pointer;
    if (f == entry) {
        ts->frame = f->f_back;
        f->f_back = NULL;
        return retval;
    }
    {
        MpFrameObject *caller = f->f_back;
        f->f_back = NULL;
        ts->frame = caller;
        mp_frame_clear_stack(f);
        Mp_DECREF(f);
        f = caller;
        first_instr = f->f_code->co_code;
        consts = MpTuple_CAST(f->f_code->co_consts)->ob_item;
        names = MpTuple_CAST(f->f_code->co_names)->ob_item;
        stack_pointer = f->f_stacktop;
        f->f_stacktop = NULL;
        next_instr = f->f_instr + 1;
        if (retval == NULL)
            goto error;
        PUSH(retval);
        retval = NULL;
        DISPATCH();
    }
}

MpObject *
mp_eval_frame(MpFrameObject *f, MpObject *sendval, MpObject *throwexc)
{
    return eval_frame(mp_tstate_get(), f, sendval, throwexc);
}

MpObject *
mp_eval_function(MpFunctionObject *func, MpObject *const *args,
                 Mp_ssize_t nargs, MpObject *kwnames)
{
    MpFrameObject *f = function_frame(func, args, nargs, kwnames);
    MpObject *r;

    if (f == NULL)
        return NULL;
    if (func->func_code->co_flags & MP_CO_GENERATOR)
        return mp_gen_new(f);
    r = eval_frame(mp_tstate_get(), f, NULL, NULL);
    mp_frame_clear_stack(f);
    Mp_DECREF(f);
    return r;
}

MpObject *
mp_eval_code(MpCodeObject *co, MpObject *globals, MpObject *locals)
{
    MpObject *builtins = mp_eval_builtins_for(globals), *r;
    MpFrameObject *f;

    if (builtins == NULL)
        return NULL;
    f = mp_frame_new(co, globals, builtins, locals);
    Mp_DECREF(builtins);
    if (f == NULL)
        return NULL;
    r = eval_frame(mp_tstate_get(), f, NULL, NULL);
    mp_frame_clear_stack(f);
    Mp_DECREF(f);
    return r;
}
