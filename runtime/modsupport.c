/*
 * modsupport.c -- argument checks shared by the C functions of the
 * builtin modules.  Those functions take vectorcall arguments (an array
 * and a tuple of keyword names); these helpers check the count, or match
 * positional and keyword arguments to a list of parameter names, and
 * word every error as CPython 3.11's argument parser does.
 *
 * Read alongside CPython 3.11: Python/getargs.c (vgetargskeywords and
 * its error messages) and Python/modsupport.c.
 */
#include "runtime/modsupport.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"

int
mp_arg_has_keywords(MpObject *kwnames)
{
    return kwnames != NULL && MpTuple_Size(kwnames) > 0;
}

int
mp_arg_check_count(const char *qualname, Mp_ssize_t nargs,
                   MpObject *kwnames, int want)
{
    if (mp_arg_has_keywords(kwnames)) {
        MpErr_Format(MpExc_TypeError, "%s() takes no keyword arguments",
                     qualname);
        return -1;
    }
    if (nargs != want) {
        MpErr_Format(MpExc_TypeError, want == 0
                     ? "%s() takes no arguments (%zd given)"
                     : "%s() takes exactly one argument (%zd given)",
                     qualname, nargs);
        return -1;
    }
    return 0;
}

int
mp_arg_parse(const char *fname, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames, const char *const *names, Mp_ssize_t min,
             Mp_ssize_t max, MpObject **out)
{
    Mp_ssize_t i, k, nkw = kwnames == NULL ? 0 : MpTuple_Size(kwnames);

    if (nargs + nkw > max) {
        MpErr_Format(MpExc_TypeError, "%s() takes at most %zd %sargument%s "
                     "(%zd given)", fname, max, nargs == 0 ? "keyword " : "",
                     max == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    for (k = 0; k < max; k++)
        out[k] = k < nargs ? args[k] : NULL;
    for (i = 0; i < nkw; i++) {
        MpObject *key = MpTuple_GetItem(kwnames, i);
        for (k = 0; k < max; k++) {
            if (MpUnicode_EqualToUTF8(key, names[k]))
                break;
        }
        if (k == max) {
            MpErr_Format(MpExc_TypeError, "'%U' is an invalid keyword "
                         "argument for %s()", key, fname);
            return -1;
        }
        if (k < nargs) {
            MpErr_Format(MpExc_TypeError, "argument for %s() given by name "
                         "('%s') and position (%zd)", fname, names[k], k + 1);
            return -1;
        }
        out[k] = args[nargs + i];
    }
    for (k = 0; k < min; k++) {
        if (out[k] == NULL) {
            MpErr_Format(MpExc_TypeError, "%s() missing required argument "
                         "'%s' (pos %zd)", fname, names[k], k + 1);
            return -1;
        }
    }
    return 0;
}
