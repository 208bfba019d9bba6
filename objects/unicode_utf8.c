/*
 * unicode_utf8.c -- UTF-8 encoding and strict validation for str.
 *
 * Every byte string that becomes a str from outside passes through
 * mp_unicode_check_utf8, which accepts exactly what CPython's 'utf-8'
 * codec accepts in strict mode and reports the same error position and
 * reason:
 *
 *   lead byte  next byte allowed   rules out
 *   ---------  ------------------  --------------------------------------
 *   00..7F     -                   -
 *   80..C1     (invalid start)     stray continuation bytes, C0/C1
 *                                  overlongs
 *   C2..DF     80..BF              -
 *   E0         A0..BF              3-byte overlongs
 *   E1..EC     80..BF              -
 *   ED         80..9F              surrogates D800..DFFF
 *   EE..EF     80..BF              -
 *   F0         90..BF              4-byte overlongs
 *   F1..F3     80..BF              -
 *   F4         80..8F              code points above U+10FFFF
 *   F5..FF     (invalid start)
 *
 * Errors: "invalid start byte" (the lead byte alone), "invalid
 * continuation byte" (the lead byte and the valid continuation bytes
 * before the bad one), "unexpected end of data" (the incomplete tail).
 *
 * mp_unicode_decode_utf8_replace applies the "replace" handler instead
 * (one U+FFFD per fault), as MpUnicode_FromFormat's %s does.
 *
 * Read alongside CPython 3.11: Objects/stringlib/codecs.h (utf8_decode),
 * Objects/unicodeobject.c (unicode_decode_utf8).  Left out: the other
 * error handlers (ignore, surrogateescape, ...).
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "objects/exceptions.h"

/* Encode cp as UTF-8 into out; returns 1..4. */
int
mp_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Where and why a sequence is invalid: bytes [start, end). */
typedef struct {
    Mp_ssize_t start;
    Mp_ssize_t end;
    const char *reason;
} utf8_fault;

/* Check one multi-byte sequence starting at s[i] (lead byte c): its
 * byte count, or 0 after describing the fault. */
static int
check_utf8_sequence(const unsigned char *s, Mp_ssize_t i, Mp_ssize_t n,
                    unsigned char c, utf8_fault *f)
{
    int need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    /* The allowed range of the second byte rules out overlong forms,
     * surrogates (ED A0..BF) and code points above U+10FFFF. */
    unsigned char lo = 0x80, hi = 0xBF;
    int k;

    f->start = i;
    if (c < 0xC2 || c > 0xF4) {
        f->end = i + 1;
        f->reason = "invalid start byte";
        return 0;
    }
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    for (k = 1; k < need; k++) {
        unsigned char lo_k = k == 1 ? lo : 0x80, hi_k = k == 1 ? hi : 0xBF;
        if (i + k >= n) {
            f->end = n;
            f->reason = "unexpected end of data";
            return 0;
        }
        if (s[i + k] < lo_k || s[i + k] > hi_k) {
            f->end = i + k;
            f->reason = "invalid continuation byte";
            return 0;
        }
    }
    return need;
}

/* Scan valid UTF-8 from byte i: the offset of the first invalid
 * sequence (described in *f), or n.  Adds the code points seen to *count
 * and raises *max to the largest. */
static Mp_ssize_t
utf8_scan(const char *s, Mp_ssize_t i, Mp_ssize_t n, Mp_ssize_t *count,
          uint32_t *max, utf8_fault *f)
{
    const unsigned char *p = (const unsigned char *)s;

    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c > *max)
                *max = c;
            i++;
        }
        else {
            Mp_ssize_t pos = i;
            uint32_t cp;
            int len = check_utf8_sequence(p, i, n, c, f);
            if (len == 0)
                return i;
            cp = mp_utf8_decode(s, &pos);
            if (cp > *max)
                *max = cp;
            i += len;
        }
        (*count)++;
    }
    return n;
}

/* Validate n bytes of UTF-8 as CPython's decoder does: 0, or -1 with
 * UnicodeDecodeError naming the first bad byte(s). */
int
mp_unicode_check_utf8(const char *s, Mp_ssize_t n, Mp_ssize_t *length,
                      uint32_t *maxchar)
{
    utf8_fault f;

    *length = 0;
    *maxchar = 0;
    if (utf8_scan(s, 0, n, length, maxchar, &f) < n) {
        mp_exceptions_raise_decode_error("utf-8", s, n, f.start, f.end,
                                         f.reason);
        return -1;
    }
    return 0;
}

/* Decode n bytes, each invalid sequence becoming one U+FFFD (CPython's
 * "replace" error handler).  New. */
MpObject *
mp_unicode_decode_utf8_replace(const char *s, Mp_ssize_t n)
{
    mp_unicode_writer w;
    Mp_ssize_t i = 0;

    mp_writer_init(&w);
    while (i < n) {
        Mp_ssize_t count = 0, j;
        uint32_t max = 0;
        utf8_fault f;
        j = utf8_scan(s, i, n, &count, &max, &f);
        if (mp_writer_write(&w, s + i, j - i, count, max) < 0)
            goto error;
        if (j == n)
            break;
        if (mp_writer_write_char(&w, 0xFFFD) < 0)
            goto error;
        i = f.end;
    }
    return mp_writer_finish(&w);
error:
    mp_writer_dealloc(&w);
    return NULL;
}
