/*
 * callargs.c -- binding a call's arguments to a function's parameters.
 *
 *   def f(a, b=2, *args, c, d=4, **kw)
 *   slots:  a  b  c  d  args  kw  | other locals | cells | frees
 *
 * Positional arguments fill a, b in order (the rest go to *args, or are
 * an error), keywords find their parameter by name (pointer comparison
 * first: names are interned), defaults fill what is still empty, and any
 * parameter left empty is reported with CPython 3.11's wording, naming
 * the function by its qualified name ("A.meth() missing 1 required
 * positional argument: 'x'").
 *
 * Read alongside CPython 3.11: Python/ceval.c (initialize_locals,
 * missing_arguments, too_many_positional, positional_only_passed_as_
 * keyword).
 */
#include <string.h>

#include "runtime/ceval.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"

/* 'a', 'a' and 'b', or 'a', 'b', and 'c', from the names in 'list'. */
static MpObject *
format_names(MpObject *list)
{
    Mp_ssize_t i, n = MpList_GET_SIZE(list);
    MpObject *out = MpUnicode_FromString("");

    for (i = 0; out != NULL && i < n; i++) {
        const char *sep = i == 0 ? "" : n == 2 ? " and " :
                          i == n - 1 ? ", and " : ", ";
        MpObject *part = MpUnicode_FromFormat("%s%R", sep,
                                              MpList_GET_ITEM(list, i));
        MpUnicode_Append(&out, part);
        Mp_XDECREF(part);
    }
    return out;
}

/* Parameters start..end of the code that are still empty. */
static int
missing_arguments(MpCodeObject *co, MpObject **slots, int start, int end,
                  const char *kind)
{
    MpObject *missing = MpList_New(0), *names;
    int i;

    if (missing == NULL)
        return -1;
    for (i = start; i < end; i++) {
        if (slots[i] == NULL &&
            MpList_Append(missing, MpTuple_GET_ITEM(co->co_localsplusnames,
                                                    i)) < 0) {
            Mp_DECREF(missing);
            return -1;
        }
    }
    names = format_names(missing);
    if (names != NULL) {
        Mp_ssize_t n = MpList_GET_SIZE(missing);
        MpErr_Format(MpExc_TypeError, "%U() missing %zd required %s "
                     "argument%s: %U", co->co_qualname, n, kind,
                     n == 1 ? "" : "s", names);
        Mp_DECREF(names);
    }
    Mp_DECREF(missing);
    return -1;
}

static int
too_many_positional(MpFunctionObject *func, MpObject **slots,
                    Mp_ssize_t given)
{
    MpCodeObject *co = func->func_code;
    Mp_ssize_t ndefaults = func->func_defaults
                           ? MpTuple_GET_SIZE(func->func_defaults) : 0;
    int argcount = co->co_argcount, i, kwonly_given = 0, plural;
    MpObject *sig, *kwonly_sig;

    for (i = argcount; i < argcount + co->co_kwonlyargcount; i++)
        kwonly_given += slots[i] != NULL;
    if (ndefaults > 0) {
        plural = 1;
        sig = MpUnicode_FromFormat("from %zd to %d",
                                   argcount - ndefaults, argcount);
    }
    else {
        plural = argcount != 1;
        sig = MpUnicode_FromFormat("%d", argcount);
    }
    if (kwonly_given > 0)
        kwonly_sig = MpUnicode_FromFormat(
            " positional argument%s (and %d keyword-only argument%s)",
            given != 1 ? "s" : "", kwonly_given,
            kwonly_given != 1 ? "s" : "");
    else
        kwonly_sig = MpUnicode_FromString("");
    if (sig != NULL && kwonly_sig != NULL)
        MpErr_Format(MpExc_TypeError, "%U() takes %U positional argument%s "
                     "but %zd%U %s given", co->co_qualname, sig,
                     plural ? "s" : "", given, kwonly_sig,
                     given == 1 && kwonly_given == 0 ? "was" : "were");
    Mp_XDECREF(sig);
    Mp_XDECREF(kwonly_sig);
    return -1;
}

static int
positional_only_as_keyword(MpCodeObject *co, MpObject *kwnames)
{
    MpObject *names = MpList_New(0), *sep, *joined;
    Mp_ssize_t i, k;

    if (names == NULL)
        return -1;
    for (k = 0; k < co->co_posonlyargcount; k++) {
        MpObject *param = MpTuple_GET_ITEM(co->co_localsplusnames, k);
        for (i = 0; i < MpTuple_GET_SIZE(kwnames); i++) {
            if (MpUnicode_Compare(param, MpTuple_GET_ITEM(kwnames, i)) == 0
                && MpList_Append(names, param) < 0) {
                Mp_DECREF(names);
                return -1;
            }
        }
    }
    sep = MpUnicode_FromString(", ");
    joined = sep ? MpUnicode_Join(sep, names) : NULL;
    if (joined != NULL)
        MpErr_Format(MpExc_TypeError, "%U() got some positional-only "
                     "arguments passed as keyword arguments: '%U'",
                     co->co_qualname, joined);
    Mp_XDECREF(joined);
    Mp_XDECREF(sep);
    Mp_DECREF(names);
    return -1;
}

/* The parameter slot named 'name' among the keyword-capable parameters,
 * or -1 (-2 if it is positional-only). */
static int
find_parameter(MpCodeObject *co, MpObject *name)
{
    int i, total = co->co_argcount + co->co_kwonlyargcount;
    MpObject **names = MpTuple_CAST(co->co_localsplusnames)->ob_item;

    for (i = co->co_posonlyargcount; i < total; i++) {
        if (names[i] == name)
            return i;
    }
    for (i = co->co_posonlyargcount; i < total; i++) {
        if (mp_unicode_eq(names[i], name))
            return i;
    }
    for (i = 0; i < co->co_posonlyargcount; i++) {
        if (mp_unicode_eq(names[i], name))
            return -2;
    }
    return -1;
}

static int
bind_keywords(MpFunctionObject *func, MpObject **slots, MpObject *const *kv,
              MpObject *kwnames, MpObject *kwdict)
{
    MpCodeObject *co = func->func_code;
    Mp_ssize_t i, n = MpTuple_GET_SIZE(kwnames);

    for (i = 0; i < n; i++) {
        MpObject *name = MpTuple_GET_ITEM(kwnames, i), *value = kv[i];
        int j = MpUnicode_Check(name) ? find_parameter(co, name) : -1;
        if (!MpUnicode_Check(name)) {
            MpErr_SetString(MpExc_TypeError, "keywords must be strings");
            return -1;
        }
        if (j >= 0) {
            if (slots[j] != NULL) {
                MpErr_Format(MpExc_TypeError, "%U() got multiple values "
                             "for argument '%U'", co->co_qualname, name);
                return -1;
            }
            slots[j] = Mp_NewRef(value);
            continue;
        }
        if (kwdict != NULL) {
            if (MpDict_SetItem(kwdict, name, value) < 0)
                return -1;
            continue;
        }
        if (j == -2)
            return positional_only_as_keyword(co, kwnames);
        MpErr_Format(MpExc_TypeError, "%U() got an unexpected keyword "
                     "argument '%U'", co->co_qualname, name);
        return -1;
    }
    return 0;
}

static int
fill_defaults(MpFunctionObject *func, MpObject **slots)
{
    MpCodeObject *co = func->func_code;
    int argcount = co->co_argcount, i;
    Mp_ssize_t ndef = func->func_defaults
                      ? MpTuple_GET_SIZE(func->func_defaults) : 0;

    for (i = 0; i < argcount; i++) {
        if (slots[i] == NULL && i >= argcount - ndef)
            slots[i] = Mp_NewRef(MpTuple_GET_ITEM(
                func->func_defaults, i - (argcount - ndef)));
    }
    for (i = 0; i < argcount; i++) {
        if (slots[i] == NULL)
            return missing_arguments(co, slots, 0, argcount, "positional");
    }
    for (i = argcount; i < argcount + co->co_kwonlyargcount; i++) {
        MpObject *v;
        if (slots[i] != NULL || func->func_kwdefaults == NULL)
            continue;
        v = MpDict_GetItem(func->func_kwdefaults,
                           MpTuple_GET_ITEM(co->co_localsplusnames, i));
        if (v != NULL)
            slots[i] = Mp_NewRef(v);
    }
    for (i = argcount; i < argcount + co->co_kwonlyargcount; i++) {
        if (slots[i] == NULL)
            return missing_arguments(co, slots, argcount,
                                     argcount + co->co_kwonlyargcount,
                                     "keyword-only");
    }
    return 0;
}

int
mp_bind_arguments(MpFunctionObject *func, MpObject **slots,
                  MpObject *const *args, Mp_ssize_t nargs, MpObject *kwnames)
{
    MpCodeObject *co = func->func_code;
    int argcount = co->co_argcount;
    int total = argcount + co->co_kwonlyargcount, i;
    MpObject *kwdict = NULL;
    Mp_ssize_t n = nargs < argcount ? nargs : argcount;

    if (co->co_flags & MP_CO_VARKEYWORDS) {
        kwdict = MpDict_New();
        if (kwdict == NULL)
            return -1;
        slots[total + ((co->co_flags & MP_CO_VARARGS) != 0)] = kwdict;
    }
    for (i = 0; i < n; i++)
        slots[i] = Mp_NewRef(args[i]);
    if (co->co_flags & MP_CO_VARARGS) {
        MpObject *rest = mp_tuple_from_array(args + n, nargs - n);
        if (rest == NULL)
            return -1;
        slots[total] = rest;
    }
    if (kwnames != NULL &&
        bind_keywords(func, slots, args + nargs, kwnames, kwdict) < 0)
        return -1;
    if (nargs > argcount && !(co->co_flags & MP_CO_VARARGS))
        return too_many_positional(func, slots, nargs);
    if ((nargs < argcount || co->co_kwonlyargcount > 0) &&
        fill_defaults(func, slots) < 0)
        return -1;
    return 0;
}

int
mp_init_cells(MpFunctionObject *func, MpObject **slots)
{
    MpCodeObject *co = func->func_code;
    int i, first_cell = co->co_nlocals;

    for (i = 0; i < co->co_ncellvars; i++) {
        int arg = co->co_cell2arg ? co->co_cell2arg[i] : -1;
        MpObject *cell = mp_cell_new(arg >= 0 ? slots[arg] : NULL);
        if (cell == NULL)
            return -1;
        if (arg >= 0)
            Mp_CLEAR(slots[arg]);
        slots[first_cell + i] = cell;
    }
    for (i = 0; i < co->co_nfreevars; i++)
        slots[first_cell + co->co_ncellvars + i] =
            Mp_NewRef(MpTuple_GET_ITEM(func->func_closure, i));
    return 0;
}

MpObject *
mp_function_str(MpObject *func)
{
    MpObject *qualname = MpObject_GetAttrString(func, "__qualname__");
    MpObject *module, *r;

    /* A missing attribute means another form; any other error (out of
     * memory) is the result, as in CPython. */
    if (qualname == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return NULL;
        MpErr_Clear();
        return MpObject_Str(func);
    }
    module = MpObject_GetAttrString(func, "__module__");
    if (module == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError)) {
            Mp_DECREF(qualname);
            return NULL;
        }
        MpErr_Clear();
    }
    if (module != NULL && MpUnicode_Check(module) &&
        !MpUnicode_EqualToUTF8(module, "builtins"))
        r = MpUnicode_FromFormat("%U.%U()", module, qualname);
    else
        r = MpUnicode_FromFormat("%U()", qualname);
    Mp_XDECREF(module);
    Mp_DECREF(qualname);
    return r;
}
