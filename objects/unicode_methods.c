/*
 * unicode_methods.c -- the methods of str that search, split and join.
 *
 * Every search runs on the UTF-8 bytes: UTF-8 is self-synchronising, so
 * a byte-level match of a valid needle in a valid haystack always starts
 * and ends on code-point boundaries.  Arguments given in code points
 * (start, end) are turned into byte offsets once, through the str's
 * offset index, and results are turned back by counting lead bytes:
 *
 *   code points  start ------------------- end
 *                  |  mp_unicode_offset      |
 *   bytes        b_start --- match --- b_end
 *                  |  count_codepoints       |
 *   result       start + (lead bytes in b_start..match)
 *
 * Argument handling follows CPython's messages: the old-style methods
 * ("find() takes at least 1 argument (0 given)"), the clinic-style ones
 * ("replace expected at least 2 arguments, got 1") and keyword arguments
 * of split/rsplit/splitlines/expandtabs.
 *
 * The case-changing and classifying methods live in unicode_case.c,
 * padding and tab expansion in unicode_pad.c, format and % in
 * unicode_format.c.
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c (unicode_find_impl,
 * any_find_slice, tailmatch, split, rsplit, do_strip, replace,
 * PyUnicode_Join), Objects/stringlib/split.h.  Left out: the fast-search
 * heuristics (memmem does the work), maketrans/translate and encode.
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "objects/unicode_methods.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"

/* ---- Argument helpers ---- */

/* Old-style positional count check: "f() takes at least 1 argument (0
 * given)". */
int
mp_ustr_check_nargs(const char *name, Mp_ssize_t nargs, Mp_ssize_t min,
                    Mp_ssize_t max)
{
    if (nargs < min) {
        MpErr_Format(MpExc_TypeError, "%s() takes at least %zd argument%s "
                     "(%zd given)", name, min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        MpErr_Format(MpExc_TypeError, "%s() takes at most %zd argument%s "
                     "(%zd given)", name, max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* Clinic-style count check: "replace expected at least 2 arguments, got
 * 1". */
int
mp_ustr_check_nargs2(const char *name, Mp_ssize_t nargs, Mp_ssize_t min,
                     Mp_ssize_t max)
{
    if (nargs < min || nargs > max) {
        Mp_ssize_t lim = nargs < min ? min : max;
        MpErr_Format(MpExc_TypeError, "%s expected %s %zd argument%s, "
                     "got %zd", name, nargs < min ? "at least" : "at most",
                     lim, lim == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* Bind positional and keyword arguments to 'nnames' optional parameters:
 * out[i] is the argument or NULL.  0 or -1 with CPython's TypeErrors. */
int
mp_ustr_parse_kw(const char *fname, MpObject *const *args, Mp_ssize_t nargs,
                 MpObject *kwnames, const char *const *names, int nnames,
                 MpObject **out)
{
    Mp_ssize_t i, nkw = kwnames != NULL ? MpTuple_Size(kwnames) : 0;
    int j;

    if (nargs > nnames) {
        MpErr_Format(MpExc_TypeError, "%s() takes at most %d argument%s "
                     "(%zd given)", fname, nnames, nnames == 1 ? "" : "s",
                     nargs + nkw);
        return -1;
    }
    for (j = 0; j < nnames; j++)
        out[j] = j < nargs ? args[j] : NULL;
    for (i = 0; i < nkw; i++) {
        MpObject *key = MpTuple_GetItem(kwnames, i);
        for (j = 0; j < nnames; j++)
            if (MpUnicode_EqualToUTF8(key, names[j]))
                break;
        if (j == nnames) {
            MpErr_Format(MpExc_TypeError, "'%U' is an invalid keyword "
                         "argument for %s()", key, fname);
            return -1;
        }
        if (out[j] != NULL) {
            MpErr_Format(MpExc_TypeError, "argument for %s() given by name "
                         "('%s') and position (%d)", fname, names[j], j + 1);
            return -1;
        }
        out[j] = args[nargs + i];
    }
    return 0;
}

/* An Mp_ssize_t argument (__index__; OverflowError when too large). */
int
mp_ustr_ssize_arg(MpObject *o, Mp_ssize_t *out)
{
    MpObject *num = MpNumber_Index(o);
    Mp_ssize_t v;

    if (num == NULL)
        return -1;
    v = MpLong_AsSsize_t(num);
    Mp_DECREF(num);
    if (v == -1 && MpErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

/* A slice index argument: None keeps *out; ints are clamped. */
static int
slice_index_arg(MpObject *o, Mp_ssize_t *out)
{
    Mp_ssize_t v;
    if (o == NULL || o == Mp_None)
        return 0;
    if (!MpIndex_Check(o)) {
        MpErr_SetString(MpExc_TypeError, "slice indices must be integers or "
                        "None or have an __index__ method");
        return -1;
    }
    v = MpNumber_AsSsize_t(o, NULL);
    if (v == -1 && MpErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

/* Clip start/end as CPython's ADJUST_INDICES. */
static void
adjust_indices(Mp_ssize_t *start, Mp_ssize_t *end, Mp_ssize_t len)
{
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
}

/* Code points in data[from..to). */
static Mp_ssize_t
count_codepoints(MpObject *s, Mp_ssize_t from, Mp_ssize_t to)
{
    const unsigned char *p = (const unsigned char *)MpUnicode_DATA(s);
    Mp_ssize_t n = 0, i;
    if (MpUnicode_IS_ASCII(s))
        return to - from;
    for (i = from; i < to; i++)
        n += (p[i] & 0xC0) != 0x80;
    return n;
}

/* Last occurrence of needle in hay[0..hn), or -1. */
static Mp_ssize_t
rfind_bytes(const char *hay, Mp_ssize_t hn, const char *needle,
            Mp_ssize_t nn)
{
    Mp_ssize_t i;
    if (nn == 0)
        return hn;
    for (i = hn - nn; i >= 0; i--)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)nn) == 0)
            return i;
    return -1;
}

/* First occurrence, or -1. */
static Mp_ssize_t
find_bytes(const char *hay, Mp_ssize_t hn, const char *needle, Mp_ssize_t nn)
{
    const char *p;
    if (nn == 0)
        return 0;
    if (nn > hn)
        return -1;
    p = memmem(hay, (size_t)hn, needle, (size_t)nn);
    return p != NULL ? p - hay : -1;
}

/* ---- find / rfind / index / rindex / count ---- */

/* Index (code points) of sub in s[start:end]; -1 if absent. */
static Mp_ssize_t
find_slice(MpObject *s, MpObject *sub, Mp_ssize_t start, Mp_ssize_t end,
           int direction)
{
    Mp_ssize_t b0, b1, r, sublen = MpUnicode_GET_LENGTH(sub);

    adjust_indices(&start, &end, MpUnicode_GET_LENGTH(s));
    if (end - start < sublen)
        return -1;
    if (sublen == 0)
        return direction > 0 ? start : end;
    b0 = mp_unicode_offset(s, start);
    b1 = mp_unicode_offset(s, end);
    if (direction > 0)
        r = find_bytes(MpUnicode_DATA(s) + b0, b1 - b0, MpUnicode_DATA(sub),
                       MpUnicode_UTF8_LENGTH(sub));
    else
        r = rfind_bytes(MpUnicode_DATA(s) + b0, b1 - b0,
                        MpUnicode_DATA(sub), MpUnicode_UTF8_LENGTH(sub));
    if (r < 0)
        return -1;
    return start + count_codepoints(s, b0, b0 + r);
}

/* Public find: index, -1 if absent, -2 with an exception on error. */
Mp_ssize_t
MpUnicode_Find(MpObject *s, MpObject *sub, Mp_ssize_t start, Mp_ssize_t end,
               int direction)
{
    if (!MpUnicode_Check(s) || !MpUnicode_Check(sub)) {
        MpErr_BadArgument();
        return -2;
    }
    return find_slice(s, sub, start, end, direction);
}

/* Parse (sub[, start[, end]]) of the find family. */
static int
parse_find_args(const char *name, MpObject *const *args, Mp_ssize_t nargs,
                MpObject **sub, Mp_ssize_t *start, Mp_ssize_t *end)
{
    if (mp_ustr_check_nargs(name, nargs, 1, 3) < 0)
        return -1;
    *start = 0;
    *end = MP_SSIZE_T_MAX;
    if (nargs > 1 && slice_index_arg(args[1], start) < 0)
        return -1;
    if (nargs > 2 && slice_index_arg(args[2], end) < 0)
        return -1;
    *sub = args[0];
    if (!MpUnicode_Check(*sub)) {
        MpErr_Format(MpExc_TypeError, "must be str, not %.100s",
                     Mp_TYPE(*sub)->tp_name);
        return -1;
    }
    return 0;
}

static MpObject *
find_common(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
            const char *name, int direction, int raise)
{
    MpObject *sub;
    Mp_ssize_t start, end, r;

    if (parse_find_args(name, args, nargs, &sub, &start, &end) < 0)
        return NULL;
    r = find_slice(self, sub, start, end, direction);
    if (r < 0 && raise) {
        MpErr_SetString(MpExc_ValueError, "substring not found");
        return NULL;
    }
    return MpLong_FromSsize_t(r);
}

static MpObject *
unicode_find(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return find_common(self, args, nargs, "find", 1, 0);
}

static MpObject *
unicode_rfind(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return find_common(self, args, nargs, "rfind", -1, 0);
}

static MpObject *
unicode_index(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return find_common(self, args, nargs, "index", 1, 1);
}

static MpObject *
unicode_rindex(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return find_common(self, args, nargs, "rindex", -1, 1);
}

static MpObject *
unicode_count(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *sub;
    Mp_ssize_t start, end, b0, b1, n = 0, pos, nn;

    if (parse_find_args("count", args, nargs, &sub, &start, &end) < 0)
        return NULL;
    adjust_indices(&start, &end, MpUnicode_GET_LENGTH(self));
    if (end - start < MpUnicode_GET_LENGTH(sub))
        return MpLong_FromSsize_t(0);
    if (MpUnicode_GET_LENGTH(sub) == 0)
        return MpLong_FromSsize_t(end - start + 1);
    b0 = mp_unicode_offset(self, start);
    b1 = mp_unicode_offset(self, end);
    nn = MpUnicode_UTF8_LENGTH(sub);
    pos = b0;
    for (;;) {
        Mp_ssize_t r = find_bytes(MpUnicode_DATA(self) + pos, b1 - pos,
                                  MpUnicode_DATA(sub), nn);
        if (r < 0)
            break;
        n++;
        pos += r + nn;
    }
    return MpLong_FromSsize_t(n);
}

/* ---- startswith / endswith ---- */

static int
tailmatch(MpObject *self, MpObject *sub, Mp_ssize_t start, Mp_ssize_t end,
          int direction)
{
    Mp_ssize_t b0, b1, nn = MpUnicode_UTF8_LENGTH(sub);

    adjust_indices(&start, &end, MpUnicode_GET_LENGTH(self));
    end -= MpUnicode_GET_LENGTH(sub);
    if (end < start)
        return 0;
    if (nn == 0)
        return 1;
    if (direction < 0) {
        b0 = mp_unicode_offset(self, start);
        return memcmp(MpUnicode_DATA(self) + b0, MpUnicode_DATA(sub),
                      (size_t)nn) == 0;
    }
    b1 = mp_unicode_offset(self, end + MpUnicode_GET_LENGTH(sub));
    return b1 >= nn && memcmp(MpUnicode_DATA(self) + b1 - nn,
                              MpUnicode_DATA(sub), (size_t)nn) == 0;
}

static MpObject *
xswith(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
       const char *name, int direction)
{
    Mp_ssize_t start = 0, end = MP_SSIZE_T_MAX, i;
    MpObject *arg;

    if (mp_ustr_check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    if ((nargs > 1 && slice_index_arg(args[1], &start) < 0) ||
        (nargs > 2 && slice_index_arg(args[2], &end) < 0))
        return NULL;
    arg = args[0];
    if (MpTuple_Check(arg)) {
        for (i = 0; i < MpTuple_Size(arg); i++) {
            MpObject *sub = MpTuple_GetItem(arg, i);
            if (!MpUnicode_Check(sub)) {
                MpErr_Format(MpExc_TypeError, "tuple for %s must only "
                             "contain str, not %.100s", name,
                             Mp_TYPE(sub)->tp_name);
                return NULL;
            }
            if (tailmatch(self, sub, start, end, direction))
                Mp_RETURN_TRUE;
        }
        Mp_RETURN_FALSE;
    }
    if (!MpUnicode_Check(arg)) {
        MpErr_Format(MpExc_TypeError, "%s first arg must be str or a tuple "
                     "of str, not %.100s", name, Mp_TYPE(arg)->tp_name);
        return NULL;
    }
    return MpBool_FromLong(tailmatch(self, arg, start, end, direction));
}

static MpObject *
unicode_startswith(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return xswith(self, args, nargs, "startswith", -1);
}

static MpObject *
unicode_endswith(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return xswith(self, args, nargs, "endswith", 1);
}

/* ---- join ---- */

/* sep.join(items) for an array of objects: all must be str. */
static MpObject *
join_array(MpObject *sep, MpObject *const *items, Mp_ssize_t n)
{
    Mp_ssize_t i, total = 0, length = 0;
    mp_unicode_writer w;

    if (n == 1 && MpUnicode_CheckExact(items[0]))
        return Mp_NewRef(items[0]);
    for (i = 0; i < n; i++) {
        if (!MpUnicode_Check(items[i])) {
            MpErr_Format(MpExc_TypeError, "sequence item %zd: expected str "
                         "instance, %.80s found", i,
                         Mp_TYPE(items[i])->tp_name);
            return NULL;
        }
        total += MpUnicode_UTF8_LENGTH(items[i]);
        length += MpUnicode_GET_LENGTH(items[i]);
        if (total < 0) {
            MpErr_SetString(MpExc_OverflowError, "join() result is too "
                            "long for a Python string");
            return NULL;
        }
    }
    mp_writer_init(&w);
    if (n > 1 && mp_writer_reserve(&w, total + (n - 1) *
                                   MpUnicode_UTF8_LENGTH(sep)) < 0)
        return NULL;
    for (i = 0; i < n; i++) {
        if ((i > 0 && mp_writer_write_str(&w, sep) < 0) ||
            mp_writer_write_str(&w, items[i]) < 0) {
            mp_writer_dealloc(&w);
            return NULL;
        }
    }
    MP_UNUSED(length);
    return mp_writer_finish(&w);
}

/* sep.join(seq).  New; TypeError for non-iterables and non-str items. */
MpObject *
MpUnicode_Join(MpObject *sep, MpObject *seq)
{
    MpObject *it, *list, *res;

    if (MpList_CheckExact(seq))
        /* The items cannot change: joining runs no Python code. */
        return join_array(sep, MpList_CAST(seq)->ob_item,
                          MpList_GET_SIZE(seq));
    if (MpTuple_CheckExact(seq))
        return join_array(sep, MpTuple_CAST(seq)->ob_item,
                          MpTuple_GET_SIZE(seq));
    it = MpObject_GetIter(seq);
    if (it == NULL) {
        if (MpErr_ExceptionMatches(MpExc_TypeError)) {
            MpErr_Clear();
            MpErr_SetString(MpExc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    list = MpSequence_List(it);
    Mp_DECREF(it);
    if (list == NULL)
        return NULL;
    res = join_array(sep, MpList_CAST(list)->ob_item, MpList_GET_SIZE(list));
    Mp_DECREF(list);
    return res;
}

static MpObject *
unicode_join(MpObject *self, MpObject *seq)
{
    return MpUnicode_Join(self, seq);
}

/* ---- split / rsplit ---- */

static int
append_piece(MpObject *list, MpObject *s, Mp_ssize_t b0, Mp_ssize_t b1)
{
    MpObject *piece;
    int rc;
    if (b0 == 0 && b1 == MpUnicode_UTF8_LENGTH(s) &&
        MpUnicode_CheckExact(s))
        piece = Mp_NewRef(s);
    else if (MpUnicode_IS_ASCII(s))
        piece = mp_unicode_from_ascii(MpUnicode_DATA(s) + b0, b1 - b0);
    else
        piece = mp_unicode_from_utf8_trusted(MpUnicode_DATA(s) + b0,
                                             b1 - b0);
    if (piece == NULL)
        return -1;
    rc = MpList_Append(list, piece);
    Mp_DECREF(piece);
    return rc;
}

/* Is there a whitespace code point at byte i?  Sets *next past it. */
static int
space_at(const char *s, Mp_ssize_t i, Mp_ssize_t *next)
{
    Mp_ssize_t p = i;
    uint32_t c = mp_utf8_decode(s, &p);
    *next = p;
    return mp_unicode_isspace(c);
}

/* Is the code point ending at byte i (exclusive) whitespace?  Sets *prev
 * to its start. */
static int
space_before(const char *s, Mp_ssize_t i, Mp_ssize_t *prev)
{
    Mp_ssize_t p = i - 1, q;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    *prev = p;
    q = p;
    return mp_unicode_isspace(mp_utf8_decode(s, &q));
}

static int
split_whitespace(MpObject *s, MpObject *list, Mp_ssize_t maxsplit)
{
    const char *d = MpUnicode_DATA(s);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(s), i = 0, j, next;

    while (i < n) {
        while (i < n && space_at(d, i, &next))
            i = next;
        if (i == n)
            break;
        if (maxsplit-- == 0)        /* the rest, as it is */
            return append_piece(list, s, i, n);
        j = i;
        while (j < n && !space_at(d, j, &next))
            j = next;
        if (append_piece(list, s, i, j) < 0)
            return -1;
        i = j;
    }
    return 0;
}

static int
rsplit_whitespace(MpObject *s, MpObject *list, Mp_ssize_t maxsplit)
{
    const char *d = MpUnicode_DATA(s);
    Mp_ssize_t i = MpUnicode_UTF8_LENGTH(s), j, prev;

    while (i > 0) {
        while (i > 0 && space_before(d, i, &prev))
            i = prev;
        if (i == 0)
            break;
        if (maxsplit-- == 0)
            return append_piece(list, s, 0, i);
        j = i;
        while (j > 0 && !space_before(d, j, &prev))
            j = prev;
        if (append_piece(list, s, j, i) < 0)
            return -1;
        i = j;
    }
    return 0;
}

static int
split_sep(MpObject *s, MpObject *sep, MpObject *list, Mp_ssize_t maxsplit,
          int direction)
{
    const char *d = MpUnicode_DATA(s), *sd = MpUnicode_DATA(sep);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(s), sn = MpUnicode_UTF8_LENGTH(sep);
    Mp_ssize_t lo = 0, hi = n, r;

    while (maxsplit-- != 0) {
        if (direction > 0) {
            r = find_bytes(d + lo, hi - lo, sd, sn);
            if (r < 0)
                break;
            if (append_piece(list, s, lo, lo + r) < 0)
                return -1;
            lo += r + sn;
        }
        else {
            r = rfind_bytes(d + lo, hi - lo, sd, sn);
            if (r < 0)
                break;
            if (append_piece(list, s, lo + r + sn, hi) < 0)
                return -1;
            hi = lo + r;
        }
    }
    return append_piece(list, s, lo, hi);
}

/* s.split(sep, maxsplit) / rsplit; sep NULL or None splits on runs of
 * whitespace.  New list. */
static MpObject *
split_impl(MpObject *s, MpObject *sep, Mp_ssize_t maxsplit, int direction)
{
    MpObject *list;
    int rc;

    if (sep != NULL && sep != Mp_None) {
        if (!MpUnicode_Check(sep)) {
            MpErr_Format(MpExc_TypeError, "must be str or None, not %.100s",
                         Mp_TYPE(sep)->tp_name);
            return NULL;
        }
        if (MpUnicode_UTF8_LENGTH(sep) == 0) {
            MpErr_SetString(MpExc_ValueError, "empty separator");
            return NULL;
        }
    }
    list = MpList_New(0);
    if (list == NULL)
        return NULL;
    if (maxsplit < 0)
        maxsplit = MP_SSIZE_T_MAX;
    if (sep == NULL || sep == Mp_None)
        rc = direction > 0 ? split_whitespace(s, list, maxsplit)
                           : rsplit_whitespace(s, list, maxsplit);
    else
        rc = split_sep(s, sep, list, maxsplit, direction);
    if (rc == 0 && direction < 0)
        rc = MpList_Reverse(list);
    if (rc < 0) {
        Mp_DECREF(list);
        return NULL;
    }
    return list;
}

/* s.split(sep, maxsplit).  New list. */
MpObject *
MpUnicode_Split(MpObject *s, MpObject *sep, Mp_ssize_t maxsplit)
{
    if (!MpUnicode_Check(s)) {
        MpErr_BadArgument();
        return NULL;
    }
    return split_impl(s, sep, maxsplit, 1);
}

static MpObject *
split_method(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames, const char *name, int direction)
{
    static const char *const names[] = {"sep", "maxsplit"};
    MpObject *a[2];
    Mp_ssize_t maxsplit = -1;

    if (mp_ustr_parse_kw(name, args, nargs, kwnames, names, 2, a) < 0)
        return NULL;
    if (a[1] != NULL && mp_ustr_ssize_arg(a[1], &maxsplit) < 0)
        return NULL;
    return split_impl(self, a[0], maxsplit, direction);
}

static MpObject *
unicode_split(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
              MpObject *kwnames)
{
    return split_method(self, args, nargs, kwnames, "split", 1);
}

static MpObject *
unicode_rsplit(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
               MpObject *kwnames)
{
    return split_method(self, args, nargs, kwnames, "rsplit", -1);
}

static MpObject *
unicode_splitlines(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                   MpObject *kwnames)
{
    static const char *const names[] = {"keepends"};
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), i = 0, keepends = 0;
    MpObject *a[1], *list;

    if (mp_ustr_parse_kw("splitlines", args, nargs, kwnames, names, 1, a) < 0)
        return NULL;
    if (a[0] != NULL && mp_ustr_ssize_arg(a[0], &keepends) < 0)
        return NULL;
    list = MpList_New(0);
    if (list == NULL)
        return NULL;
    while (i < n) {
        Mp_ssize_t start = i, eol = n, next = i;
        while (next < n) {
            Mp_ssize_t at = next;
            uint32_t c = mp_utf8_decode(d, &next);
            if (mp_unicode_islinebreak(c)) {
                eol = at;
                if (c == '\r' && next < n && d[next] == '\n')
                    next++;
                break;
            }
        }
        if (append_piece(list, self, start, keepends ? next : eol) < 0) {
            Mp_DECREF(list);
            return NULL;
        }
        i = next;
    }
    return list;
}

/* ---- strip ---- */

/* Is c in the code points of 'chars' (a str), or whitespace if NULL? */
static int
strip_match(MpObject *chars, uint32_t c)
{
    Mp_ssize_t p = 0;
    if (chars == NULL)
        return mp_unicode_isspace(c);
    if (c < 0x80 && MpUnicode_IS_ASCII(chars))
        return memchr(MpUnicode_DATA(chars), (int)c,
                      (size_t)MpUnicode_UTF8_LENGTH(chars)) != NULL;
    while (p < MpUnicode_UTF8_LENGTH(chars))
        if (mp_utf8_decode(MpUnicode_DATA(chars), &p) == c)
            return 1;
    return 0;
}

/* which: 1 left, 2 right, 3 both. */
static MpObject *
do_strip(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
         const char *name, int which)
{
    MpObject *chars = NULL;
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t lo = 0, hi = MpUnicode_UTF8_LENGTH(self), p;

    if (mp_ustr_check_nargs2(name, nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 1 && args[0] != Mp_None) {
        chars = args[0];
        if (!MpUnicode_Check(chars)) {
            MpErr_Format(MpExc_TypeError, "%s arg must be None or str",
                         name);
            return NULL;
        }
    }
    if (which & 1) {
        while (lo < hi) {
            p = lo;
            if (!strip_match(chars, mp_utf8_decode(d, &p)))
                break;
            lo = p;
        }
    }
    if (which & 2) {
        while (hi > lo) {
            Mp_ssize_t q = hi - 1;
            while (q > lo && ((unsigned char)d[q] & 0xC0) == 0x80)
                q--;
            p = q;
            if (!strip_match(chars, mp_utf8_decode(d, &p)))
                break;
            hi = q;
        }
    }
    if (lo == 0 && hi == MpUnicode_UTF8_LENGTH(self) &&
        MpUnicode_CheckExact(self))
        return Mp_NewRef(self);
    return mp_unicode_from_utf8_trusted(d + lo, hi - lo);
}

static MpObject *
unicode_strip(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return do_strip(self, args, nargs, "strip", 3);
}

static MpObject *
unicode_lstrip(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return do_strip(self, args, nargs, "lstrip", 1);
}

static MpObject *
unicode_rstrip(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    return do_strip(self, args, nargs, "rstrip", 2);
}

/* ---- replace ---- */

static MpObject *
replace_impl(MpObject *self, MpObject *old, MpObject *new,
             Mp_ssize_t count)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self);
    Mp_ssize_t on = MpUnicode_UTF8_LENGTH(old);
    Mp_ssize_t pos = 0, r, done = 0;
    mp_unicode_writer w;

    if (count < 0)
        count = MP_SSIZE_T_MAX;
    mp_writer_init(&w);
    if (on == 0) {
        /* Insert 'new' before every code point and at the end. */
        while (done < count && pos <= n) {
            Mp_ssize_t next = pos;
            if (mp_writer_write_str(&w, new) < 0)
                goto error;
            done++;
            if (pos == n) {
                pos = n + 1;
                break;
            }
            mp_utf8_decode(d, &next);
            if (mp_writer_write(&w, d + pos, next - pos, 1, 0x10FFFF) < 0)
                goto error;
            pos = next;
        }
    }
    else {
        while (done < count &&
               (r = find_bytes(d + pos, n - pos, MpUnicode_DATA(old), on))
               >= 0) {
            if (mp_writer_write(&w, d + pos, r, count_codepoints(self, pos,
                                pos + r), 0x10FFFF) < 0 ||
                mp_writer_write_str(&w, new) < 0)
                goto error;
            pos += r + on;
            done++;
        }
    }
    if (done == 0 && MpUnicode_CheckExact(self)) {
        mp_writer_dealloc(&w);
        return Mp_NewRef(self);
    }
    if (pos < n && mp_writer_write(&w, d + pos, n - pos,
                                   count_codepoints(self, pos, n),
                                   0x10FFFF) < 0)
        goto error;
    /* Pieces of 'self' were written with a worst-case maxchar: recount. */
    {
        MpObject *res;
        res = mp_unicode_from_utf8_trusted(w.buf, w.len);
        mp_writer_dealloc(&w);
        return res;
    }
error:
    mp_writer_dealloc(&w);
    return NULL;
}

static MpObject *
unicode_replace(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t count = -1;
    int i;

    if (mp_ustr_check_nargs2("replace", nargs, 2, 3) < 0)
        return NULL;
    for (i = 0; i < 2; i++) {
        if (!MpUnicode_Check(args[i])) {
            MpErr_Format(MpExc_TypeError, "replace() argument %d must be "
                         "str, not %.100s", i + 1, Mp_TYPE(args[i])->tp_name);
            return NULL;
        }
    }
    if (nargs == 3 && mp_ustr_ssize_arg(args[2], &count) < 0)
        return NULL;
    return replace_impl(self, args[0], args[1], count);
}

/* ---- removeprefix / removesuffix ---- */

static MpObject *
remove_affix(MpObject *self, MpObject *arg, const char *name, int suffix)
{
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self);
    Mp_ssize_t an;

    if (!MpUnicode_Check(arg)) {
        MpErr_Format(MpExc_TypeError, "%s() argument must be str, not "
                     "%.100s", name, Mp_TYPE(arg)->tp_name);
        return NULL;
    }
    an = MpUnicode_UTF8_LENGTH(arg);
    if (an == 0 || an > n)
        goto unchanged;
    if (suffix && memcmp(MpUnicode_DATA(self) + n - an, MpUnicode_DATA(arg),
                         (size_t)an) == 0)
        return mp_unicode_from_utf8_trusted(MpUnicode_DATA(self), n - an);
    if (!suffix && memcmp(MpUnicode_DATA(self), MpUnicode_DATA(arg),
                          (size_t)an) == 0)
        return mp_unicode_from_utf8_trusted(MpUnicode_DATA(self) + an,
                                            n - an);
unchanged:
    if (MpUnicode_CheckExact(self))
        return Mp_NewRef(self);
    return mp_unicode_from_utf8_trusted(MpUnicode_DATA(self), n);
}

static MpObject *
unicode_removeprefix(MpObject *self, MpObject *arg)
{
    return remove_affix(self, arg, "removeprefix", 0);
}

static MpObject *
unicode_removesuffix(MpObject *self, MpObject *arg)
{
    return remove_affix(self, arg, "removesuffix", 1);
}

/* ---- partition / rpartition ---- */

static MpObject *
partition_impl(MpObject *self, MpObject *sep, int direction)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), sn, r;
    MpObject *parts[3] = {NULL, NULL, NULL}, *res;
    int i;

    if (!MpUnicode_Check(sep)) {
        MpErr_Format(MpExc_TypeError, "must be str, not %.100s",
                     Mp_TYPE(sep)->tp_name);
        return NULL;
    }
    sn = MpUnicode_UTF8_LENGTH(sep);
    if (sn == 0) {
        MpErr_SetString(MpExc_ValueError, "empty separator");
        return NULL;
    }
    r = direction > 0 ? find_bytes(d, n, MpUnicode_DATA(sep), sn)
                      : rfind_bytes(d, n, MpUnicode_DATA(sep), sn);
    if (r < 0) {
        MpObject *empty = mp_unicode_get_empty();
        if (empty == NULL)
            return NULL;
        res = direction > 0 ? MpTuple_Pack(3, self, empty, empty)
                            : MpTuple_Pack(3, empty, empty, self);
        Mp_DECREF(empty);
        return res;
    }
    parts[0] = mp_unicode_from_utf8_trusted(d, r);
    parts[1] = Mp_NewRef(sep);
    parts[2] = mp_unicode_from_utf8_trusted(d + r + sn, n - r - sn);
    res = NULL;
    if (parts[0] != NULL && parts[2] != NULL)
        res = MpTuple_Pack(3, parts[0], parts[1], parts[2]);
    for (i = 0; i < 3; i++)
        Mp_XDECREF(parts[i]);
    return res;
}

static MpObject *
unicode_partition(MpObject *self, MpObject *sep)
{
    return partition_impl(self, sep, 1);
}

static MpObject *
unicode_rpartition(MpObject *self, MpObject *sep)
{
    return partition_impl(self, sep, -1);
}

/* ---- The method table ---- */

#define FAST(f) ((MpCFunction)(void (*)(void))(f))

MpMethodDef mp_unicode_methods[] = {
    {"join", unicode_join, MP_METH_O, "Concatenate any number of strings."},
    {"split", FAST(unicode_split), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     "Return a list of the substrings in the string, using sep."},
    {"rsplit", FAST(unicode_rsplit), MP_METH_FASTCALL | MP_METH_KEYWORDS,
     "Return a list of the substrings, splitting from the right."},
    {"splitlines", FAST(unicode_splitlines),
     MP_METH_FASTCALL | MP_METH_KEYWORDS,
     "Return a list of the lines in the string."},
    {"strip", FAST(unicode_strip), MP_METH_FASTCALL,
     "Return a copy with leading and trailing whitespace removed."},
    {"lstrip", FAST(unicode_lstrip), MP_METH_FASTCALL,
     "Return a copy with leading whitespace removed."},
    {"rstrip", FAST(unicode_rstrip), MP_METH_FASTCALL,
     "Return a copy with trailing whitespace removed."},
    {"replace", FAST(unicode_replace), MP_METH_FASTCALL,
     "Return a copy with occurrences of old replaced by new."},
    {"find", FAST(unicode_find), MP_METH_FASTCALL,
     "Return the lowest index where substring sub is found, or -1."},
    {"rfind", FAST(unicode_rfind), MP_METH_FASTCALL,
     "Return the highest index where substring sub is found, or -1."},
    {"index", FAST(unicode_index), MP_METH_FASTCALL,
     "Like find() but raise ValueError when not found."},
    {"rindex", FAST(unicode_rindex), MP_METH_FASTCALL,
     "Like rfind() but raise ValueError when not found."},
    {"count", FAST(unicode_count), MP_METH_FASTCALL,
     "Return the number of non-overlapping occurrences of sub."},
    {"startswith", FAST(unicode_startswith), MP_METH_FASTCALL,
     "Return True if the string starts with the prefix."},
    {"endswith", FAST(unicode_endswith), MP_METH_FASTCALL,
     "Return True if the string ends with the suffix."},
    {"removeprefix", unicode_removeprefix, MP_METH_O,
     "Return a str with the given prefix string removed if present."},
    {"removesuffix", unicode_removesuffix, MP_METH_O,
     "Return a str with the given suffix string removed if present."},
    {"partition", unicode_partition, MP_METH_O,
     "Partition the string into three parts using the separator."},
    {"rpartition", unicode_rpartition, MP_METH_O,
     "Partition the string into three parts, searching from the end."},
    MP_UNICODE_PAD_METHODS
    MP_UNICODE_CASE_METHODS
    {"format", FAST(mp_unicode_format_method),
     MP_METH_FASTCALL | MP_METH_KEYWORDS,
     "Return a formatted version of the string."},
    {"format_map", mp_ustr_format_map, MP_METH_O,
     "Return a formatted version of the string, using a mapping."},
    {"__sizeof__", mp_unicode_sizeof, MP_METH_NOARGS,
     "Return the size of the string in memory, in bytes."},
    {NULL, NULL, 0, NULL}
};
