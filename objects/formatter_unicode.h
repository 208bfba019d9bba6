/*
 * formatter_unicode.h -- the format-spec mini-language of format() and
 * f-strings for int, float and str:
 *
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 *
 * The __format__ methods of int, float and str call these.
 */
#ifndef MP_FORMATTER_UNICODE_H
#define MP_FORMATTER_UNICODE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* format(value, spec) for an int (or bool) 'value' and a str 'spec'.
 * New, or NULL with ValueError/TypeError/OverflowError as CPython. */
MpObject *mp_format_long(MpObject *value, MpObject *spec);
/* format(value, spec) for a float.  New, or NULL with an exception. */
MpObject *mp_format_float(MpObject *value, MpObject *spec);
/* format(value, spec) for a str.  New, or NULL with an exception. */
MpObject *mp_format_unicode(MpObject *value, MpObject *spec);

#endif /* MP_FORMATTER_UNICODE_H */
