/*
 * unicode_writer.c -- a growing UTF-8 buffer that becomes a str.
 *
 * Methods and formatting build their results piece by piece; the writer
 * keeps the bytes in an MpMem buffer (doubling as it fills) together with
 * the code-point count and the largest code point seen, so finishing it
 * needs no second pass over the text:
 *
 *   buf [ b0 b1 ... b(len-1) | free ... ]   cap bytes
 *   length = code points in buf, maxchar = largest of them
 *
 * Every append returns 0 or -1 with MemoryError; after an error the caller
 * calls mp_writer_dealloc (finish also frees the buffer, on success or
 * failure).
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c
 * (_PyUnicodeWriter_*).  Left out: the overallocation heuristics of
 * CPython's writer, and writing straight into the result object.
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"

/* Start an empty writer (allocates nothing). */
void
mp_writer_init(mp_unicode_writer *w)
{
    w->buf = NULL;
    w->len = 0;
    w->cap = 0;
    w->length = 0;
    w->maxchar = 0;
}

/* Ensure room for n more bytes. */
int
mp_writer_reserve(mp_unicode_writer *w, Mp_ssize_t n)
{
    Mp_ssize_t need, cap;
    char *nb;

    if (n > MP_SSIZE_T_MAX / 2 - w->len) {
        MpErr_NoMemory();
        return -1;
    }
    need = w->len + n;
    if (need <= w->cap)
        return 0;
    cap = w->cap < 16 ? 16 : w->cap;
    while (cap < need)
        cap *= 2;
    nb = MpMem_Realloc(w->buf, (size_t)cap);
    if (nb == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    w->buf = nb;
    w->cap = cap;
    return 0;
}

/* Append n bytes of valid UTF-8 holding 'length' code points. */
int
mp_writer_write(mp_unicode_writer *w, const char *s, Mp_ssize_t n,
                Mp_ssize_t length, uint32_t maxchar)
{
    if (n == 0)
        return 0;
    if (mp_writer_reserve(w, n) < 0)
        return -1;
    memcpy(w->buf + w->len, s, (size_t)n);
    w->len += n;
    w->length += length;
    if (maxchar > w->maxchar)
        w->maxchar = maxchar;
    return 0;
}

/* Append n ASCII bytes. */
int
mp_writer_write_ascii(mp_unicode_writer *w, const char *s, Mp_ssize_t n)
{
    return mp_writer_write(w, s, n, n, n > 0 ? 0x7F : 0);
}

/* Append a whole str. */
int
mp_writer_write_str(mp_unicode_writer *w, MpObject *u)
{
    MpUnicodeObject *o = MpUnicode_CAST(u);
    uint32_t maxchar = o->state.ascii ? 0x7F
                       : o->state.kind == 1 ? 0xFF
                       : o->state.kind == 2 ? 0xFFFF : 0x10FFFF;
    return mp_writer_write(w, o->data, o->utf8_length, o->length,
                           o->length > 0 ? maxchar : 0);
}

/* Append one code point. */
int
mp_writer_write_char(mp_unicode_writer *w, uint32_t cp)
{
    char buf[4];
    int n = mp_utf8_encode(cp, buf);
    return mp_writer_write(w, buf, n, 1, cp);
}

/* Append 'count' copies of code point cp. */
int
mp_writer_fill(mp_unicode_writer *w, uint32_t cp, Mp_ssize_t count)
{
    char buf[4];
    int n;
    Mp_ssize_t i;

    if (count <= 0)
        return 0;
    n = mp_utf8_encode(cp, buf);
    if (count > MP_SSIZE_T_MAX / 8 || mp_writer_reserve(w, count * n) < 0) {
        if (!MpErr_Occurred())
            MpErr_NoMemory();
        return -1;
    }
    if (n == 1)
        memset(w->buf + w->len, buf[0], (size_t)count);
    else
        for (i = 0; i < count; i++)
            memcpy(w->buf + w->len + i * n, buf, (size_t)n);
    w->len += count * n;
    w->length += count;
    if (cp > w->maxchar)
        w->maxchar = cp;
    return 0;
}

/* Turn the buffer into a str.  New, or NULL with an exception; the
 * buffer is freed either way. */
MpObject *
mp_writer_finish(mp_unicode_writer *w)
{
    MpObject *res;
    uint32_t maxchar = w->maxchar;

    /* The kind class of maxchar is all that matters: keep it exact for
     * one-code-point results, which map to the latin-1 singletons. */
    if (w->length == 1) {
        Mp_ssize_t pos = 0;
        maxchar = mp_utf8_decode(w->buf, &pos);
    }
    res = mp_unicode_from_parts(w->buf, w->len, w->length, maxchar);
    mp_writer_dealloc(w);
    return res;
}

/* Free the buffer of an abandoned writer. */
void
mp_writer_dealloc(mp_unicode_writer *w)
{
    MpMem_Free(w->buf);
    mp_writer_init(w);
}
