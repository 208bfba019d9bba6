/*
 * unicode_repr.c -- repr() of str and ascii() of any object.
 *
 * Quoting follows CPython: single quotes, unless the text contains a
 * single quote and no double quote.  Inside, the chosen quote and the
 * backslash are escaped, and so is every character that is not printable:
 *
 *   character                    written as
 *   ---------------------------  ----------------------------
 *   \n \t \r                     \\n \\t \\r
 *   other < 0x20, 0x7F           \\xHH
 *   non-printable U+0080..00FF   \\xHH
 *   non-printable U+0100..FFFF   \\uHHHH
 *   non-printable above          \\UHHHHHHHH
 *   printable non-ASCII          itself (repr) / escaped (ascii)
 *
 * "Printable" is mp_unicode_isprintable (unicode_ctype.c): controls,
 * separators other than space, format characters, private use,
 * noncharacters and unassigned planes are not.
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c (unicode_repr,
 * PyObject_ASCII's escaping in ascii_escape_unicode).
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"

/* Append the escape for cp (backslash forms as CPython writes them). */
static int
write_escape(mp_unicode_writer *w, uint32_t cp)
{
    char buf[12];
    int n;
    if (cp == '\n')
        return mp_writer_write_ascii(w, "\\n", 2);
    if (cp == '\t')
        return mp_writer_write_ascii(w, "\\t", 2);
    if (cp == '\r')
        return mp_writer_write_ascii(w, "\\r", 2);
    if (cp < 0x100)
        n = snprintf(buf, sizeof(buf), "\\x%02x", (unsigned)cp);
    else if (cp < 0x10000)
        n = snprintf(buf, sizeof(buf), "\\u%04x", (unsigned)cp);
    else
        n = snprintf(buf, sizeof(buf), "\\U%08x", (unsigned)cp);
    return mp_writer_write_ascii(w, buf, n);
}

/* repr of a str; 'ascii_only' also escapes printable non-ASCII. */
static MpObject *
unicode_repr_impl(MpObject *op, int ascii_only)
{
    const char *s = MpUnicode_DATA(op);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(op), pos = 0;
    char quote = '\'';
    mp_unicode_writer w;

    if (memchr(s, '\'', (size_t)n) && !memchr(s, '"', (size_t)n))
        quote = '"';
    mp_writer_init(&w);
    if (mp_writer_reserve(&w, n + 2) < 0)
        return NULL;
    if (mp_writer_write_ascii(&w, &quote, 1) < 0)
        goto error;
    while (pos < n) {
        Mp_ssize_t start = pos;
        uint32_t cp = mp_utf8_decode(s, &pos);
        int rc;
        if (cp == (uint32_t)quote || cp == '\\') {
            char esc[2] = {'\\', (char)cp};
            rc = mp_writer_write_ascii(&w, esc, 2);
        }
        else if (cp >= 0x20 && cp < 0x7F)
            rc = mp_writer_write_ascii(&w, s + start, 1);
        else if (cp < 0x80 || ascii_only || !mp_unicode_isprintable(cp))
            rc = write_escape(&w, cp);
        else
            rc = mp_writer_write(&w, s + start, pos - start, 1, cp);
        if (rc < 0)
            goto error;
    }
    if (mp_writer_write_ascii(&w, &quote, 1) < 0)
        goto error;
    return mp_writer_finish(&w);
error:
    mp_writer_dealloc(&w);
    return NULL;
}

/* repr(s).  New. */
MpObject *
mp_unicode_repr(MpObject *u)
{
    return unicode_repr_impl(u, 0);
}

/* ascii(obj): repr(obj) with every non-ASCII code point escaped.  New. */
MpObject *
mp_unicode_ascii(MpObject *obj)
{
    MpObject *r = MpObject_Repr(obj), *res;
    mp_unicode_writer w;
    Mp_ssize_t pos = 0, n;
    const char *s;

    if (r == NULL || MpUnicode_IS_ASCII(r))
        return r;
    s = MpUnicode_DATA(r);
    n = MpUnicode_UTF8_LENGTH(r);
    mp_writer_init(&w);
    while (pos < n) {
        Mp_ssize_t start = pos;
        uint32_t cp = mp_utf8_decode(s, &pos);
        int rc = cp < 0x80 ? mp_writer_write_ascii(&w, s + start, 1)
                           : write_escape(&w, cp);
        if (rc < 0) {
            mp_writer_dealloc(&w);
            Mp_DECREF(r);
            return NULL;
        }
    }
    Mp_DECREF(r);
    res = mp_writer_finish(&w);
    return res;
}

