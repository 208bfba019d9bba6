/*
 * bltinmodule.c -- the builtins module: print, len, sorted, isinstance
 * and the rest of the functions every program can call without an
 * import, plus the names of the built-in types and exceptions.
 *
 * Each function takes its arguments as a C array (METH_FASTCALL), with
 * keyword names where CPython accepts keywords, and reports wrong calls
 * with CPython 3.11's messages ("len() takes exactly one argument (2
 * given)", "'x' is an invalid keyword argument for print()").
 *
 * Read alongside CPython 3.11: Python/bltinmodule.c.
 *
 * Left out: open, input, compile, eval, exec, and the site module's
 * help/copyright (exit and quit are here).
 */
#include <stdio.h>
#include <string.h>

#include "runtime/builtins.h"
#include "runtime/ceval.h"
#include "runtime/import.h"
#include "runtime/moduleobject.h"
#include "objects/abstract.h"
#include "objects/descrobject.h"
#include "objects/dictobject.h"
#include "objects/iterobject.h"
#include "objects/listobject.h"
#include "objects/object.h"
#include "objects/tupleobject.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"

/* Keyword arguments matched to 'names' (NULL-terminated) into out[];
 * any other keyword is CPython's "invalid keyword argument" error. */
static int
parse_keywords(const char *fname, MpObject *const *kwvalues,
               MpObject *kwnames, const char *const *names, MpObject **out)
{
    Mp_ssize_t i;

    if (kwnames == NULL)
        return 0;
    for (i = 0; i < MpTuple_GET_SIZE(kwnames); i++) {
        MpObject *key = MpTuple_GET_ITEM(kwnames, i);
        int k;
        for (k = 0; names[k] != NULL; k++) {
            if (MpUnicode_EqualToUTF8(key, names[k])) {
                out[k] = kwvalues[i];
                break;
            }
        }
        if (names[k] == NULL) {
            MpErr_Format(MpExc_TypeError, "'%U' is an invalid keyword "
                         "argument for %s()", key, fname);
            return -1;
        }
    }
    return 0;
}

/* ---- print ---- */

static int
write_text(MpObject *file, MpObject *text)
{
    MpObject *r;

    if (file == NULL || file == Mp_None) {
        Mp_ssize_t n;
        const char *s = MpUnicode_AsUTF8AndSize(text, &n);
        if (s == NULL)
            return -1;
        fwrite(s, 1, (size_t)n, stdout);
        return 0;
    }
    r = MpObject_CallMethod(file, "write", &text, 1);
    Mp_XDECREF(r);
    return r == NULL ? -1 : 0;
}

static int
check_sep_end(MpObject *v, const char *what)
{
    if (v != NULL && v != Mp_None && !MpUnicode_Check(v)) {
        MpErr_Format(MpExc_TypeError, "%s must be None or a string, not %s",
                     what, Mp_TYPE(v)->tp_name);
        return -1;
    }
    return 0;
}

static MpObject *
builtin_print(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
              MpObject *kwnames)
{
    static const char *const names[] = {"sep", "end", "file", "flush",
                                        NULL};
    MpObject *kw[4] = {NULL, NULL, NULL, NULL}, *sep, *end;
    Mp_ssize_t i;

    MP_UNUSED(self);
    if (parse_keywords("print", args + nargs, kwnames, names, kw) < 0 ||
        check_sep_end(kw[0], "sep") < 0 || check_sep_end(kw[1], "end") < 0)
        return NULL;
    sep = kw[0] != NULL && kw[0] != Mp_None ? kw[0] : NULL;
    end = kw[1] != NULL && kw[1] != Mp_None ? kw[1] : NULL;
    for (i = 0; i < nargs; i++) {
        MpObject *s = MpObject_Str(args[i]);
        int r;
        if (s == NULL)
            return NULL;
        if (i > 0) {
            if (sep != NULL)
                r = write_text(kw[2], sep);
            else if (kw[2] != NULL && kw[2] != Mp_None) {
                MpObject *space = MpUnicode_FromString(" ");
                r = space == NULL ? -1 : write_text(kw[2], space);
                Mp_XDECREF(space);
            }
            else
                r = fputc(' ', stdout) == EOF ? 0 : 0;
            if (r < 0) {
                Mp_DECREF(s);
                return NULL;
            }
        }
        r = write_text(kw[2], s);
        Mp_DECREF(s);
        if (r < 0)
            return NULL;
    }
    if (end != NULL) {
        if (write_text(kw[2], end) < 0)
            return NULL;
    }
    else if (kw[2] != NULL && kw[2] != Mp_None) {
        MpObject *nl = MpUnicode_FromString("\n");
        int r = nl == NULL ? -1 : write_text(kw[2], nl);
        Mp_XDECREF(nl);
        if (r < 0)
            return NULL;
    }
    else {
        fputc('\n', stdout);
    }
    if (kw[3] != NULL && MpObject_IsTrue(kw[3]) == 1)
        fflush(stdout);
    Mp_RETURN_NONE;
}

/* ---- One-argument functions ---- */

static MpObject *
builtin_len(MpObject *self, MpObject *v)
{
    Mp_ssize_t n = MpObject_Length(v);
    MP_UNUSED(self);
    return n < 0 ? NULL : MpLong_FromSsize_t(n);
}

static MpObject *
builtin_repr(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return MpObject_Repr(v);
}

static MpObject *
builtin_ascii(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return mp_unicode_ascii(v);
}

static MpObject *
builtin_id(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return MpLong_FromSize_t((size_t)(uintptr_t)v);
}

static MpObject *
builtin_abs(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return MpNumber_Absolute(v);
}

static MpObject *
builtin_hash(MpObject *self, MpObject *v)
{
    Mp_hash_t h = MpObject_Hash(v);
    MP_UNUSED(self);
    return h == -1 ? NULL : MpLong_FromSsize_t(h);
}

static MpObject *
builtin_callable(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return MpBool_FromLong(MpCallable_Check(v));
}

static MpObject *
builtin_chr(MpObject *self, MpObject *v)
{
    long i;
    int overflow;
    MP_UNUSED(self);
    if (!MpLong_Check(v)) {
        MpErr_Format(MpExc_TypeError, "'%s' object cannot be interpreted as "
                     "an integer", Mp_TYPE(v)->tp_name);
        return NULL;
    }
    i = MpLong_AsLongAndOverflow(v, &overflow);
    if (overflow) {
        MpErr_SetString(MpExc_OverflowError, "Python int too large to "
                        "convert to C int");
        return NULL;
    }
    if (i < 0 || i > 0x10FFFF) {
        MpErr_SetString(MpExc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return MpUnicode_FromOrdinal((int)i);
}

static MpObject *
builtin_ord(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    if (!MpUnicode_Check(v)) {
        MpErr_Format(MpExc_TypeError, "ord() expected string of length 1, "
                     "but %s found", Mp_TYPE(v)->tp_name);
        return NULL;
    }
    if (MpUnicode_GetLength(v) != 1) {
        MpErr_Format(MpExc_TypeError, "ord() expected a character, but "
                     "string of length %zd found", MpUnicode_GetLength(v));
        return NULL;
    }
    return MpLong_FromLong((long)mp_unicode_read_char(v, 0));
}

static MpObject *
builtin_vars(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *d;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("vars", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0) {
        MpFrameObject *f = mp_eval_current_frame();
        if (f == NULL)
            Mp_RETURN_NONE;
        return Mp_NewRef(f->f_locals ? f->f_locals : f->f_globals);
    }
    d = MpObject_GetAttrString(args[0], "__dict__");
    if (d == NULL && MpErr_ExceptionMatches(MpExc_AttributeError)) {
        MpErr_Clear();
        MpErr_SetString(MpExc_TypeError, "vars() argument must have "
                        "__dict__ attribute");
    }
    return d;
}

static MpObject *
builtin_globals(MpObject *self, MpObject *unused)
{
    MpFrameObject *f = mp_eval_current_frame();
    MP_UNUSED(self);
    MP_UNUSED(unused);
    if (f == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(f->f_globals);
}

/* locals(): the namespace of a module or class body, or a new dict of a
 * function's bound local variables. */
static MpObject *
builtin_locals(MpObject *self, MpObject *unused)
{
    MpFrameObject *f = mp_eval_current_frame();
    MpObject *d;
    int i;

    MP_UNUSED(self);
    MP_UNUSED(unused);
    if (f == NULL)
        Mp_RETURN_NONE;
    if (f->f_locals != NULL)
        return Mp_NewRef(f->f_locals);
    d = MpDict_New();
    for (i = 0; d != NULL && i < f->f_code->co_nlocalsplus; i++) {
        MpObject *v = f->f_localsplus[i];
        if (v != NULL && i >= f->f_code->co_nlocals)
            v = ((MpCellObject *)v)->ob_ref;
        if (v != NULL &&
            MpDict_SetItem(d, MpTuple_GET_ITEM(
                f->f_code->co_localsplusnames, i), v) < 0)
            Mp_CLEAR(d);
    }
    return d;
}

/* ---- Attributes ---- */

static MpObject *
builtin_getattr(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("getattr", nargs, 2, 3) < 0)
        return NULL;
    if (!MpUnicode_Check(args[1])) {
        MpErr_Format(MpExc_TypeError, "attribute name must be string, not "
                     "'%s'", Mp_TYPE(args[1])->tp_name);
        return NULL;
    }
    r = MpObject_GetAttr(args[0], args[1]);
    if (r == NULL && nargs == 3 &&
        MpErr_ExceptionMatches(MpExc_AttributeError)) {
        MpErr_Clear();
        r = Mp_NewRef(args[2]);
    }
    return r;
}

static MpObject *
builtin_hasattr(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("hasattr", nargs, 2, 2) < 0)
        return NULL;
    if (!MpUnicode_Check(args[1])) {
        MpErr_Format(MpExc_TypeError, "attribute name must be string, not "
                     "'%s'", Mp_TYPE(args[1])->tp_name);
        return NULL;
    }
    r = MpObject_GetAttr(args[0], args[1]);
    if (r == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return NULL;
        MpErr_Clear();
        Mp_RETURN_FALSE;
    }
    Mp_DECREF(r);
    Mp_RETURN_TRUE;
}

static MpObject *
builtin_setattr(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *name;
    int r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("setattr", nargs, 3, 3) < 0)
        return NULL;
    name = args[1];
    if (!MpUnicode_Check(name)) {
        MpErr_Format(MpExc_TypeError, "attribute name must be string, not "
                     "'%s'", Mp_TYPE(name)->tp_name);
        return NULL;
    }
    /* Stored attribute names are interned, as CPython does. */
    Mp_INCREF(name);
    MpUnicode_InternInPlace(&name);
    r = MpObject_SetAttr(args[0], name, args[2]);
    Mp_DECREF(name);
    if (r < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
builtin_delattr(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MP_UNUSED(self);
    if (MpArg_CheckPositional("delattr", nargs, 2, 2) < 0 ||
        MpObject_SetAttr(args[0], args[1], NULL) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
builtin_isinstance(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    int r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("isinstance", nargs, 2, 2) < 0)
        return NULL;
    r = MpObject_IsInstance(args[0], args[1]);
    return r < 0 ? NULL : MpBool_FromLong(r);
}

static MpObject *
builtin_issubclass(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    int r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("issubclass", nargs, 2, 2) < 0)
        return NULL;
    r = MpObject_IsSubclass(args[0], args[1]);
    return r < 0 ? NULL : MpBool_FromLong(r);
}

/* ---- Iteration ---- */

static MpObject *
builtin_iter(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MP_UNUSED(self);
    if (MpArg_CheckPositional("iter", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 1)
        return MpObject_GetIter(args[0]);
    if (!MpCallable_Check(args[0])) {
        MpErr_SetString(MpExc_TypeError, "iter(v, w): v must be callable");
        return NULL;
    }
    return mp_calliter_new(args[0], args[1]);
}

static MpObject *
builtin_next(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *it, *r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("next", nargs, 1, 2) < 0)
        return NULL;
    it = args[0];
    if (!MpIter_Check(it)) {
        MpErr_Format(MpExc_TypeError, "'%s' object is not an iterator",
                     Mp_TYPE(it)->tp_name);
        return NULL;
    }
    r = Mp_TYPE(it)->tp_iternext(it);
    if (r != NULL)
        return r;
    if (MpErr_Occurred()) {
        if (nargs < 2 || !MpErr_ExceptionMatches(MpExc_StopIteration))
            return NULL;
        MpErr_Clear();
    }
    if (nargs == 2)
        return Mp_NewRef(args[1]);
    MpErr_SetNone(MpExc_StopIteration);
    return NULL;
}

/* any() / all(): stop at the first item whose truth is 'stop_on'. */
static MpObject *
any_all(MpObject *iterable, int stop_on)
{
    MpObject *it = MpObject_GetIter(iterable), *item;

    if (it == NULL)
        return NULL;
    while ((item = MpIter_Next(it)) != NULL) {
        int truth = MpObject_IsTrue(item);
        Mp_DECREF(item);
        if (truth < 0)
            break;
        if (truth == stop_on) {
            Mp_DECREF(it);
            return MpBool_FromLong(stop_on);
        }
    }
    Mp_DECREF(it);
    if (MpErr_Occurred())
        return NULL;
    return MpBool_FromLong(!stop_on);
}

static MpObject *
builtin_any(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return any_all(v, 1);
}

static MpObject *
builtin_all(MpObject *self, MpObject *v)
{
    MP_UNUSED(self);
    return any_all(v, 0);
}

/* ---- Numbers ---- */

static MpObject *
builtin_divmod(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MP_UNUSED(self);
    if (MpArg_CheckPositional("divmod", nargs, 2, 2) < 0)
        return NULL;
    return MpNumber_Divmod(args[0], args[1]);
}

static MpObject *
builtin_pow(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            MpObject *kwnames)
{
    static const char *const names[] = {"base", "exp", "mod", NULL};
    MpObject *a[3] = {NULL, NULL, NULL};
    Mp_ssize_t i;

    MP_UNUSED(self);
    if (nargs > 3) {
        MpErr_Format(MpExc_TypeError, "pow() takes at most 3 arguments (%zd "
                     "given)", nargs);
        return NULL;
    }
    for (i = 0; i < nargs; i++)
        a[i] = args[i];
    if (parse_keywords("pow", args + nargs, kwnames, names, a) < 0)
        return NULL;
    for (i = 0; i < 2; i++) {
        if (a[i] == NULL) {
            MpErr_Format(MpExc_TypeError, "pow() missing required argument "
                         "'%s' (pos %zd)", names[i], i + 1);
            return NULL;
        }
    }
    return MpNumber_Power(a[0], a[1], a[2] ? a[2] : Mp_None);
}

static MpObject *
builtin_round(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
              MpObject *kwnames)
{
    static const char *const names[] = {"number", "ndigits", NULL};
    MpObject *a[2] = {NULL, NULL}, *method, *name, *r;
    MP_IDENTIFIER(__round__);

    MP_UNUSED(self);
    if (nargs > 2) {
        MpErr_Format(MpExc_TypeError, "round() takes at most 2 arguments "
                     "(%zd given)", nargs);
        return NULL;
    }
    if (nargs > 0)
        a[0] = args[0];
    if (nargs > 1)
        a[1] = args[1];
    if (parse_keywords("round", args + nargs, kwnames, names, a) < 0)
        return NULL;
    if (a[0] == NULL) {
        MpErr_SetString(MpExc_TypeError, "round() missing required argument "
                        "'number' (pos 1)");
        return NULL;
    }
    name = mp_identifier_get(&MpId___round__);
    if (name == NULL)
        return NULL;
    method = mp_type_lookup(Mp_TYPE(a[0]), name);
    if (method == NULL) {
        if (!MpErr_Occurred())
            MpErr_Format(MpExc_TypeError, "type %s doesn't define __round__ "
                         "method", Mp_TYPE(a[0])->tp_name);
        return NULL;
    }
    if (a[1] == NULL || a[1] == Mp_None)
        r = MpObject_CallMethod(a[0], "__round__", NULL, 0);
    else
        r = MpObject_CallMethod(a[0], "__round__", &a[1], 1);
    return r;
}

/* sum(iterable, /, start=0) with fast paths for ints and floats. */
static MpObject *
builtin_sum(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            MpObject *kwnames)
{
    static const char *const names[] = {"start", NULL};
    MpObject *start = NULL, *result, *it, *item;

    MP_UNUSED(self);
    if (nargs < 1) {
        MpErr_Format(MpExc_TypeError, "sum() takes at least 1 positional "
                     "argument (%zd given)", nargs);
        return NULL;
    }
    if (nargs > 2) {
        MpErr_Format(MpExc_TypeError, "sum() takes at most 2 arguments (%zd "
                     "given)", nargs);
        return NULL;
    }
    if (nargs == 2)
        start = args[1];
    if (parse_keywords("sum", args + nargs, kwnames, names, &start) < 0)
        return NULL;
    if (start != NULL && MpUnicode_Check(start)) {
        MpErr_SetString(MpExc_TypeError, "sum() can't sum strings [use "
                        "''.join(seq) instead]");
        return NULL;
    }
    it = MpObject_GetIter(args[0]);
    if (it == NULL)
        return NULL;
    result = start ? Mp_NewRef(start) : MpLong_FromLong(0);
    while (result != NULL && (item = MpIter_Next(it)) != NULL) {
        MpObject *next = MpNumber_Add(result, item);
        Mp_DECREF(item);
        Mp_SETREF(result, next);
    }
    Mp_DECREF(it);
    if (MpErr_Occurred()) {
        Mp_XDECREF(result);
        return NULL;
    }
    return result;
}

/* min() and max(): over an iterable, or over the positional arguments. */
static MpObject *
min_max(MpObject *const *args, Mp_ssize_t nargs, MpObject *kwnames, int op,
        const char *name)
{
    static const char *const names[] = {"key", "default", NULL};
    MpObject *kw[2] = {NULL, NULL}, *it, *item, *best = NULL;
    MpObject *best_key = NULL;

    if (parse_keywords(name, args + nargs, kwnames, names, kw) < 0)
        return NULL;
    if (nargs == 0) {
        MpErr_Format(MpExc_TypeError, "%s expected at least 1 argument, got "
                     "0", name);
        return NULL;
    }
    if (nargs > 1 && kw[1] != NULL) {
        MpErr_Format(MpExc_TypeError, "Cannot specify a default for %s() "
                     "with multiple positional arguments", name);
        return NULL;
    }
    if (kw[0] == Mp_None)
        kw[0] = NULL;
    if (nargs == 1) {
        it = MpObject_GetIter(args[0]);
    }
    else {
        MpObject *t = mp_tuple_from_array(args, nargs);
        it = t ? MpObject_GetIter(t) : NULL;
        Mp_XDECREF(t);
    }
    if (it == NULL)
        return NULL;
    while ((item = MpIter_Next(it)) != NULL) {
        MpObject *key = kw[0] ? MpObject_CallOneArg(kw[0], item)
                              : Mp_NewRef(item);
        int better;
        if (key == NULL) {
            Mp_DECREF(item);
            goto error;
        }
        better = best == NULL ? 1 : MpObject_RichCompareBool(key, best_key,
                                                             op);
        if (better < 0) {
            Mp_DECREF(item);
            Mp_DECREF(key);
            goto error;
        }
        if (better) {
            Mp_XSETREF(best, item);
            Mp_XSETREF(best_key, key);
        }
        else {
            Mp_DECREF(item);
            Mp_DECREF(key);
        }
    }
    if (MpErr_Occurred())
        goto error;
    Mp_DECREF(it);
    Mp_XDECREF(best_key);
    if (best == NULL) {
        if (kw[1] != NULL)
            return Mp_NewRef(kw[1]);
        MpErr_Format(MpExc_ValueError, "%s() arg is an empty sequence",
                     name);
    }
    return best;
error:
    Mp_DECREF(it);
    Mp_XDECREF(best);
    Mp_XDECREF(best_key);
    return NULL;
}

static MpObject *
builtin_min(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            MpObject *kwnames)
{
    MP_UNUSED(self);
    return min_max(args, nargs, kwnames, Mp_LT, "min");
}

static MpObject *
builtin_max(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            MpObject *kwnames)
{
    MP_UNUSED(self);
    return min_max(args, nargs, kwnames, Mp_GT, "max");
}

/* sorted(iterable, /, *, key=None, reverse=False) */
static MpObject *
builtin_sorted(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
               MpObject *kwnames)
{
    MpObject *list, *sort, *r;
    Mp_ssize_t nkw = kwnames ? MpTuple_GET_SIZE(kwnames) : 0;

    MP_UNUSED(self);
    if (nargs != 1) {
        MpErr_Format(MpExc_TypeError, "sorted expected 1 argument, got %zd",
                     nargs);
        return NULL;
    }
    list = MpSequence_List(args[0]);
    if (list == NULL)
        return NULL;
    sort = MpObject_GetAttrString(list, "sort");
    if (sort == NULL) {
        Mp_DECREF(list);
        return NULL;
    }
    r = MpObject_Vectorcall(sort, args + 1, 0, nkw ? kwnames : NULL);
    Mp_DECREF(sort);
    if (r == NULL) {
        Mp_DECREF(list);
        return NULL;
    }
    Mp_DECREF(r);
    return list;
}

/* ---- Formatting ---- */

static MpObject *
builtin_format(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *spec, *r;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("format", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 2 && !MpUnicode_Check(args[1])) {
        MpErr_Format(MpExc_TypeError, "format() argument 2 must be str, not "
                     "%s", Mp_TYPE(args[1])->tp_name);
        return NULL;
    }
    spec = nargs == 2 ? Mp_NewRef(args[1]) : mp_unicode_get_empty();
    r = MpObject_Format(args[0], spec);
    Mp_DECREF(spec);
    return r;
}

/* ---- Modules and classes ---- */

static MpObject *
builtin_import(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
               MpObject *kwnames)
{
    static const char *const names[] = {"name", "globals", "locals",
                                        "fromlist", "level", NULL};
    MpObject *a[5] = {NULL, NULL, NULL, NULL, NULL};
    Mp_ssize_t i;

    MP_UNUSED(self);
    for (i = 0; i < nargs && i < 5; i++)
        a[i] = args[i];
    if (parse_keywords("__import__", args + nargs, kwnames, names, a) < 0)
        return NULL;
    if (a[0] == NULL || !MpUnicode_Check(a[0])) {
        MpErr_SetString(MpExc_TypeError, "__import__() argument 1 must be "
                        "str");
        return NULL;
    }
    return mp_import_name(a[0], a[1], a[3], a[4]);
}

/* Run a class body function with 'ns' as its locals; returns what the
 * body returned (the __class__ cell, or None).  New. */
static MpObject *
run_class_body(MpFunctionObject *func, MpObject *ns)
{
    MpFrameObject *f = mp_frame_new(func->func_code, func->func_globals,
                                    func->func_builtins, ns);
    MpObject *r;

    if (f == NULL)
        return NULL;
    f->f_func = Mp_NewRef(func);
    if (mp_init_cells(func, f->f_localsplus) < 0) {
        Mp_DECREF(f);
        return NULL;
    }
    r = mp_eval_frame(f, NULL, NULL);
    mp_frame_clear_stack(f);
    Mp_DECREF(f);
    return r;
}

MP_IDENTIFIER(__classcell__);

/* __build_class__(func, name, *bases, metaclass=type, **kwds) */
static MpObject *
builtin_build_class(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                    MpObject *kwnames)
{
    MpObject *bases = NULL, *ns = NULL, *cell = NULL, *meta, *cls = NULL;
    MpObject *name;
    MpObject *margs[3];

    MP_UNUSED(self);
    if (nargs < 2 || !MpFunction_Check(args[0]) ||
        !MpUnicode_Check(args[1])) {
        MpErr_SetString(MpExc_TypeError, "__build_class__: bad arguments");
        return NULL;
    }
    if (kwnames != NULL && MpTuple_GET_SIZE(kwnames) > 0) {
        MpErr_SetString(MpExc_TypeError, "class keyword arguments (such as "
                        "metaclass=) are not supported by minipy");
        return NULL;
    }
    bases = mp_tuple_from_array(args + 2, nargs - 2);
    ns = MpDict_New();
    if (bases == NULL || ns == NULL)
        goto done;
    meta = nargs > 2 ? (MpObject *)Mp_TYPE(args[2])
                     : (MpObject *)&MpType_Type;
    cell = run_class_body((MpFunctionObject *)args[0], ns);
    if (cell == NULL)
        goto done;
    name = mp_identifier_get(&MpId___classcell__);
    if (name == NULL)
        goto done;
    if (MpDict_GetItemWithError(ns, name) != NULL) {
        if (MpDict_DelItem(ns, name) < 0)
            goto done;
    }
    else if (MpErr_Occurred()) {
        goto done;
    }
    margs[0] = args[1];
    margs[1] = bases;
    margs[2] = ns;
    cls = MpObject_Vectorcall(meta, margs, 3, NULL);
    if (cls != NULL && MpCell_Check(cell))
        Mp_XSETREF(((MpCellObject *)cell)->ob_ref, Mp_NewRef(cls));
done:
    Mp_XDECREF(cell);
    Mp_XDECREF(bases);
    Mp_XDECREF(ns);
    return cls;
}

static MpObject *
builtin_exit(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MP_UNUSED(self);
    if (MpArg_CheckPositional("exit", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        MpErr_SetNone(MpExc_SystemExit);
    else
        MpErr_SetObject(MpExc_SystemExit, args[0]);
    return NULL;
}

static MpObject *
builtin_dir(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *names, *list;
    MP_UNUSED(self);
    if (MpArg_CheckPositional("dir", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0) {
        names = builtin_locals(NULL, NULL);
        list = names ? MpDict_Keys(names) : NULL;
        Mp_XDECREF(names);
    }
    else {
        list = MpObject_CallMethod(args[0], "__dir__", NULL, 0);
        if (list != NULL && !MpList_CheckExact(list))
            Mp_SETREF(list, MpSequence_List(list));
    }
    if (list != NULL && MpList_Sort(list) < 0)
        Mp_CLEAR(list);
    return list;
}

#define FASTCALL_KW(f) ((MpCFunction)(void (*)(void))(f))

static MpMethodDef builtin_methods[] = {
    {"__build_class__", FASTCALL_KW(builtin_build_class),
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL},
    {"__import__", FASTCALL_KW(builtin_import),
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL},
    {"abs", builtin_abs, MP_METH_O, NULL},
    {"all", builtin_all, MP_METH_O, NULL},
    {"any", builtin_any, MP_METH_O, NULL},
    {"ascii", builtin_ascii, MP_METH_O, NULL},
    {"callable", builtin_callable, MP_METH_O, NULL},
    {"chr", builtin_chr, MP_METH_O, NULL},
    {"delattr", FASTCALL_KW(builtin_delattr), MP_METH_FASTCALL, NULL},
    {"dir", FASTCALL_KW(builtin_dir), MP_METH_FASTCALL, NULL},
    {"divmod", FASTCALL_KW(builtin_divmod), MP_METH_FASTCALL, NULL},
    {"exit", FASTCALL_KW(builtin_exit), MP_METH_FASTCALL, NULL},
    {"format", FASTCALL_KW(builtin_format), MP_METH_FASTCALL, NULL},
    {"getattr", FASTCALL_KW(builtin_getattr), MP_METH_FASTCALL, NULL},
    {"globals", builtin_globals, MP_METH_NOARGS, NULL},
    {"hasattr", FASTCALL_KW(builtin_hasattr), MP_METH_FASTCALL, NULL},
    {"hash", builtin_hash, MP_METH_O, NULL},
    {"id", builtin_id, MP_METH_O, NULL},
    {"isinstance", FASTCALL_KW(builtin_isinstance), MP_METH_FASTCALL, NULL},
    {"issubclass", FASTCALL_KW(builtin_issubclass), MP_METH_FASTCALL, NULL},
    {"iter", FASTCALL_KW(builtin_iter), MP_METH_FASTCALL, NULL},
    {"len", builtin_len, MP_METH_O, NULL},
    {"locals", builtin_locals, MP_METH_NOARGS, NULL},
    {"max", FASTCALL_KW(builtin_max), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     NULL},
    {"min", FASTCALL_KW(builtin_min), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     NULL},
    {"next", FASTCALL_KW(builtin_next), MP_METH_FASTCALL, NULL},
    {"ord", builtin_ord, MP_METH_O, NULL},
    {"pow", FASTCALL_KW(builtin_pow), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     NULL},
    {"print", FASTCALL_KW(builtin_print),
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL},
    {"quit", FASTCALL_KW(builtin_exit), MP_METH_FASTCALL, NULL},
    {"repr", builtin_repr, MP_METH_O, NULL},
    {"round", FASTCALL_KW(builtin_round),
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL},
    {"setattr", FASTCALL_KW(builtin_setattr), MP_METH_FASTCALL, NULL},
    {"sorted", FASTCALL_KW(builtin_sorted),
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL},
    {"sum", FASTCALL_KW(builtin_sum), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     NULL},
    {"vars", FASTCALL_KW(builtin_vars), MP_METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

/* The exception classes, under their names. */
static int
add_exceptions(MpObject *d)
{
    MpObject *const *const exceptions[] = {
        &MpExc_BaseException, &MpExc_Exception, &MpExc_SystemExit,
        &MpExc_KeyboardInterrupt, &MpExc_GeneratorExit,
        &MpExc_StopIteration, &MpExc_ArithmeticError,
        &MpExc_OverflowError, &MpExc_ZeroDivisionError,
        &MpExc_AssertionError, &MpExc_AttributeError, &MpExc_LookupError,
        &MpExc_IndexError, &MpExc_KeyError, &MpExc_MemoryError,
        &MpExc_NameError, &MpExc_UnboundLocalError, &MpExc_RuntimeError,
        &MpExc_RecursionError, &MpExc_NotImplementedError,
        &MpExc_SyntaxError, &MpExc_IndentationError, &MpExc_TabError,
        &MpExc_SystemError, &MpExc_TypeError, &MpExc_ValueError,
        &MpExc_UnicodeError, &MpExc_UnicodeDecodeError, &MpExc_ImportError,
        &MpExc_ModuleNotFoundError, &MpExc_OSError,
    };
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(exceptions); i++) {
        MpObject *exc = *exceptions[i];
        if (MpDict_SetItemString(d, ((MpTypeObject *)exc)->tp_name,
                                 exc) < 0)
            return -1;
    }
    return 0;
}

/* The types and exceptions the builtins name. */
static int
add_builtin_objects(MpObject *d)
{
    static const struct {
        const char *name;
        MpObject *obj;
    } objects[] = {
        {"None", Mp_None}, {"Ellipsis", Mp_Ellipsis},
        {"NotImplemented", Mp_NotImplemented}, {"False", Mp_False},
        {"True", Mp_True}, {"bool", (MpObject *)&MpBool_Type},
        {"dict", (MpObject *)&MpDict_Type},
        {"enumerate", (MpObject *)&MpEnum_Type},
        {"filter", (MpObject *)&MpFilter_Type},
        {"float", (MpObject *)&MpFloat_Type},
        {"property", (MpObject *)&MpProperty_Type},
        {"int", (MpObject *)&MpLong_Type},
        {"list", (MpObject *)&MpList_Type},
        {"map", (MpObject *)&MpMap_Type},
        {"object", (MpObject *)&MpBaseObject_Type},
        {"range", (MpObject *)&MpRange_Type},
        {"reversed", (MpObject *)&MpReversed_Type},
        {"slice", (MpObject *)&MpSlice_Type},
        {"staticmethod", (MpObject *)&MpStaticMethod_Type},
        {"classmethod", (MpObject *)&MpClassMethod_Type},
        {"str", (MpObject *)&MpUnicode_Type},
        {"super", (MpObject *)&MpSuper_Type},
        {"tuple", (MpObject *)&MpTuple_Type},
        {"type", (MpObject *)&MpType_Type},
        {"zip", (MpObject *)&MpZip_Type},
    };
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(objects); i++) {
        if (MpDict_SetItemString(d, objects[i].name, objects[i].obj) < 0)
            return -1;
    }
    return add_exceptions(d) < 0 ||
           MpDict_SetItemString(d, "__debug__", Mp_True) < 0 ? -1 : 0;
}

MpObject *
mp_builtins_module_create(void)
{
    MpObject *m = mp_module_new("builtins");

    if (m == NULL)
        return NULL;
    if (mp_module_add_functions(m, builtin_methods) < 0 ||
        add_builtin_objects(mp_module_dict(m)) < 0) {
        Mp_DECREF(m);
        return NULL;
    }
    return m;
}
