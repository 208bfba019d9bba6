/*
 * unicode_pad.c -- str methods that lay text out in columns: center,
 * ljust, rjust, zfill and expandtabs.
 *
 * Widths count code points, as in CPython:
 *
 *   'ab'.center(7, '*')   ***ab**   the odd column goes left when the
 *   'abc'.center(6, '*')  *abc**    width is odd, right otherwise
 *   '-42'.zfill(6)        -00042    zeros after a leading sign
 *   'a\tbc'.expandtabs(4) a   bc    columns reset after \n and \r
 *
 * A result equal to the receiver is the receiver itself.
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c (pad,
 * unicode_center_impl, unicode_zfill_impl, unicode_expandtabs_impl).
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "objects/unicode_methods.h"

/* ---- Padding ---- */

/* self with 'left' and 'right' copies of fill around it.  New. */
static MpObject *
pad(MpObject *self, Mp_ssize_t left, Mp_ssize_t right, uint32_t fill)
{
    mp_unicode_writer w;

    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    if (left == 0 && right == 0 && MpUnicode_CheckExact(self))
        return Mp_NewRef(self);
    mp_writer_init(&w);
    if (mp_writer_fill(&w, fill, left) < 0 ||
        mp_writer_write_str(&w, self) < 0 ||
        mp_writer_fill(&w, fill, right) < 0) {
        mp_writer_dealloc(&w);
        return NULL;
    }
    return mp_writer_finish(&w);
}

/* Parse (width[, fillchar]) of center/ljust/rjust. */
static int
parse_pad_args(const char *name, MpObject *const *args, Mp_ssize_t nargs,
               Mp_ssize_t *width, uint32_t *fill)
{
    if (mp_ustr_check_nargs2(name, nargs, 1, 2) < 0)
        return -1;
    if (mp_ustr_ssize_arg(args[0], width) < 0)
        return -1;
    *fill = ' ';
    if (nargs == 2) {
        MpObject *f = args[1];
        if (!MpUnicode_Check(f)) {
            MpErr_Format(MpExc_TypeError, "The fill character must be a "
                         "unicode character, not %.100s",
                         Mp_TYPE(f)->tp_name);
            return -1;
        }
        if (MpUnicode_GET_LENGTH(f) != 1) {
            MpErr_SetString(MpExc_TypeError, "The fill character must be "
                            "exactly one character long");
            return -1;
        }
        *fill = mp_unicode_read_char(f, 0);
    }
    return 0;
}

/* str.center(width[, fillchar]).  New. */
MpObject *
mp_ustr_center(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t width, marg, left;
    uint32_t fill;

    if (parse_pad_args("center", args, nargs, &width, &fill) < 0)
        return NULL;
    marg = width - MpUnicode_GET_LENGTH(self);
    if (marg <= 0)
        return pad(self, 0, 0, fill);
    /* CPython puts the odd column on the left when width is odd. */
    left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

/* str.ljust(width[, fillchar]).  New. */
MpObject *
mp_ustr_ljust(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t width;
    uint32_t fill;

    if (parse_pad_args("ljust", args, nargs, &width, &fill) < 0)
        return NULL;
    return pad(self, 0, width - MpUnicode_GET_LENGTH(self), fill);
}

/* str.rjust(width[, fillchar]).  New. */
MpObject *
mp_ustr_rjust(MpObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    Mp_ssize_t width;
    uint32_t fill;

    if (parse_pad_args("rjust", args, nargs, &width, &fill) < 0)
        return NULL;
    return pad(self, width - MpUnicode_GET_LENGTH(self), 0, fill);
}

/* str.zfill(width).  New. */
MpObject *
mp_ustr_zfill(MpObject *self, MpObject *arg)
{
    Mp_ssize_t width, fill;
    const char *d = MpUnicode_DATA(self);
    mp_unicode_writer w;
    int sign;

    if (mp_ustr_ssize_arg(arg, &width) < 0)
        return NULL;
    fill = width - MpUnicode_GET_LENGTH(self);
    if (fill <= 0)
        return pad(self, 0, 0, '0');
    sign = MpUnicode_UTF8_LENGTH(self) > 0 && (d[0] == '+' || d[0] == '-');
    mp_writer_init(&w);
    if ((sign && mp_writer_write_ascii(&w, d, 1) < 0) ||
        mp_writer_fill(&w, '0', fill) < 0 ||
        mp_writer_write(&w, d + sign, MpUnicode_UTF8_LENGTH(self) - sign,
                        MpUnicode_GET_LENGTH(self) - sign, 0x10FFFF) < 0) {
        mp_writer_dealloc(&w);
        return NULL;
    }
    /* The copied text may be ASCII: let the constructor recount. */
    {
        MpObject *res = mp_unicode_from_utf8_trusted(w.buf, w.len);
        mp_writer_dealloc(&w);
        return res;
    }
}

/* ---- expandtabs ---- */

/* str.expandtabs(tabsize=8).  New. */
MpObject *
mp_ustr_expandtabs(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                   MpObject *kwnames)
{
    static const char *const names[] = {"tabsize"};
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0, col = 0;
    Mp_ssize_t tabsize = 8;
    MpObject *a[1];
    mp_unicode_writer w;

    if (mp_ustr_parse_kw("expandtabs", args, nargs, kwnames, names, 1, a) < 0)
        return NULL;
    if (a[0] != NULL && mp_ustr_ssize_arg(a[0], &tabsize) < 0)
        return NULL;
    if (memchr(d, '\t', (size_t)n) == NULL)
        return pad(self, 0, 0, ' ');
    mp_writer_init(&w);
    while (pos < n) {
        Mp_ssize_t start = pos;
        uint32_t c = mp_utf8_decode(d, &pos);
        int rc;
        if (c == '\t') {
            Mp_ssize_t spaces = tabsize > 0 ? tabsize - col % tabsize : 0;
            rc = mp_writer_fill(&w, ' ', spaces);
            col += spaces;
        }
        else {
            rc = mp_writer_write(&w, d + start, pos - start, 1, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        if (rc < 0) {
            mp_writer_dealloc(&w);
            return NULL;
        }
    }
    return mp_writer_finish(&w);
}
