/*
 * unicode_methods.h -- helpers shared by the files that implement str
 * methods (unicode_methods.c, unicode_case.c, unicode_format.c).
 */
#ifndef MP_UNICODE_METHODS_H
#define MP_UNICODE_METHODS_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* "f() takes at least N argument(s) (M given)" style check: 0 or -1. */
int mp_ustr_check_nargs(const char *name, Mp_ssize_t nargs, Mp_ssize_t min,
                        Mp_ssize_t max);
/* "f expected at least N arguments, got M" style check: 0 or -1. */
int mp_ustr_check_nargs2(const char *name, Mp_ssize_t nargs, Mp_ssize_t min,
                         Mp_ssize_t max);
/* Bind args + kwnames to nnames optional parameters (out[i] or NULL). */
int mp_ustr_parse_kw(const char *fname, MpObject *const *args,
                     Mp_ssize_t nargs, MpObject *kwnames,
                     const char *const *names, int nnames, MpObject **out);
/* An integer argument as Mp_ssize_t (OverflowError if too big). */
int mp_ustr_ssize_arg(MpObject *o, Mp_ssize_t *out);

/* unicode_case.c: case mapping and classification methods. */
MpObject *mp_ustr_lower(MpObject *self, MpObject *unused);
MpObject *mp_ustr_upper(MpObject *self, MpObject *unused);
MpObject *mp_ustr_capitalize(MpObject *self, MpObject *unused);
MpObject *mp_ustr_title(MpObject *self, MpObject *unused);
MpObject *mp_ustr_swapcase(MpObject *self, MpObject *unused);
MpObject *mp_ustr_casefold(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isdigit(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isdecimal(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isnumeric(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isalpha(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isalnum(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isspace(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isupper(MpObject *self, MpObject *unused);
MpObject *mp_ustr_islower(MpObject *self, MpObject *unused);
MpObject *mp_ustr_istitle(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isidentifier(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isascii(MpObject *self, MpObject *unused);
MpObject *mp_ustr_isprintable(MpObject *self, MpObject *unused);
MpObject *mp_ustr_format_spec(MpObject *self, MpObject *spec);
/* unicode_pad.c: padding and tab expansion. */
MpObject *mp_ustr_center(MpObject *self, MpObject *const *args,
                         Mp_ssize_t nargs);
MpObject *mp_ustr_ljust(MpObject *self, MpObject *const *args,
                        Mp_ssize_t nargs);
MpObject *mp_ustr_rjust(MpObject *self, MpObject *const *args,
                        Mp_ssize_t nargs);
MpObject *mp_ustr_zfill(MpObject *self, MpObject *arg);
MpObject *mp_ustr_expandtabs(MpObject *self, MpObject *const *args,
                             Mp_ssize_t nargs, MpObject *kwnames);

#define MP_USTR_FAST(f) ((MpCFunction)(void (*)(void))(f))
#define MP_UNICODE_PAD_METHODS                                            \
    {"center", MP_USTR_FAST(mp_ustr_center), MP_METH_FASTCALL,            \
     "Return a centered string of length width."},                        \
    {"ljust", MP_USTR_FAST(mp_ustr_ljust), MP_METH_FASTCALL,              \
     "Return a left-justified string of length width."},                  \
    {"rjust", MP_USTR_FAST(mp_ustr_rjust), MP_METH_FASTCALL,              \
     "Return a right-justified string of length width."},                 \
    {"zfill", mp_ustr_zfill, MP_METH_O,                                   \
     "Pad a numeric string with zeros on the left."},                     \
    {"expandtabs", MP_USTR_FAST(mp_ustr_expandtabs),                      \
     MP_METH_FASTCALL | MP_METH_KEYWORDS,                                 \
     "Return a copy where all tab characters are expanded using spaces."},

/* unicode_format.c: str.format_map(mapping). */
MpObject *mp_ustr_format_map(MpObject *self, MpObject *mapping);

#define MP_UNICODE_CASE_METHODS                                           \
    {"lower", mp_ustr_lower, MP_METH_NOARGS, "Return a lowercased copy."}, \
    {"upper", mp_ustr_upper, MP_METH_NOARGS, "Return an uppercased copy."},\
    {"capitalize", mp_ustr_capitalize, MP_METH_NOARGS,                    \
     "Return a capitalized version of the string."},                      \
    {"title", mp_ustr_title, MP_METH_NOARGS,                              \
     "Return a version of the string where each word is titlecased."},    \
    {"swapcase", mp_ustr_swapcase, MP_METH_NOARGS,                        \
     "Convert uppercase characters to lowercase and vice versa."},        \
    {"casefold", mp_ustr_casefold, MP_METH_NOARGS,                        \
     "Return a version of the string suitable for caseless comparisons."},\
    {"isdigit", mp_ustr_isdigit, MP_METH_NOARGS, NULL},                   \
    {"isdecimal", mp_ustr_isdecimal, MP_METH_NOARGS, NULL},               \
    {"isnumeric", mp_ustr_isnumeric, MP_METH_NOARGS, NULL},               \
    {"isalpha", mp_ustr_isalpha, MP_METH_NOARGS, NULL},                   \
    {"isalnum", mp_ustr_isalnum, MP_METH_NOARGS, NULL},                   \
    {"isspace", mp_ustr_isspace, MP_METH_NOARGS, NULL},                   \
    {"isupper", mp_ustr_isupper, MP_METH_NOARGS, NULL},                   \
    {"islower", mp_ustr_islower, MP_METH_NOARGS, NULL},                   \
    {"istitle", mp_ustr_istitle, MP_METH_NOARGS, NULL},                   \
    {"isidentifier", mp_ustr_isidentifier, MP_METH_NOARGS, NULL},         \
    {"isascii", mp_ustr_isascii, MP_METH_NOARGS, NULL},                   \
    {"isprintable", mp_ustr_isprintable, MP_METH_NOARGS, NULL},           \
    {"__format__", mp_ustr_format_spec, MP_METH_O,                        \
     "Return a formatted version of the string as described by spec."},

#endif /* MP_UNICODE_METHODS_H */
