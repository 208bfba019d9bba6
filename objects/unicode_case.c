/*
 * unicode_case.c -- str methods that change case or classify characters.
 *
 *   method        per code point                       context rule
 *   ------------  -----------------------------------  ----------------
 *   lower         full lowercase                       final sigma
 *   upper         full uppercase (ß -> SS)             -
 *   capitalize    first: titlecase, rest: lowercase    final sigma
 *   title         after a cased char: lower, else      final sigma
 *                 titlecase
 *   swapcase      upper <-> lower                      final sigma
 *   casefold      full case folding                    -
 *   is...         every code point has the property,   isupper/islower:
 *                 and the str is not empty             one cased char
 *
 * Final sigma: a capital sigma lowercases to 'ς' when a cased letter
 * precedes it and none follows (case-ignorable characters such as
 * apostrophes and combining marks are skipped on both sides), else 'σ'.
 *
 * ASCII strs take byte loops; others decode, map and re-encode through
 * the writer.  The per-code-point data is in unicode_ctype.c (exact for
 * ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic).
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c (do_upper_or_lower,
 * do_capitalize, do_title, do_swapcase, handle_capital_sigma,
 * unicode_isupper_impl, ...).
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "objects/unicode_methods.h"

#define CAPITAL_SIGMA 0x03A3

static int
is_cased(uint32_t c)
{
    return mp_unicode_isupper(c) || mp_unicode_islower(c) ||
           mp_unicode_istitle(c);
}

static int
is_case_ignorable(uint32_t c)
{
    switch (c) {
    case '\'': case '.': case ':': case '^': case '`': case 0xA8:
    case 0xAD: case 0xAF: case 0xB4: case 0xB7: case 0xB8: case 0x0374:
    case 0x0375: case 0x037A: case 0x0384: case 0x0385: case 0x0387:
    case 0x2018: case 0x2019: case 0x2024: case 0x2027:
        return 1;
    }
    return (c >= 0x02B0 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489);
}

/* Final-sigma test for the sigma occupying bytes [at, after). */
static int
final_sigma(const char *d, Mp_ssize_t n, Mp_ssize_t at, Mp_ssize_t after)
{
    Mp_ssize_t p = at, q;
    uint32_t c = 0;
    int found = 0;

    while (p > 0) {
        p--;
        while (p > 0 && ((unsigned char)d[p] & 0xC0) == 0x80)
            p--;
        q = p;
        c = mp_utf8_decode(d, &q);
        if (!is_case_ignorable(c)) {
            found = is_cased(c);
            break;
        }
    }
    if (!found)
        return 0;
    p = after;
    while (p < n) {
        c = mp_utf8_decode(d, &p);
        if (!is_case_ignorable(c))
            return !is_cased(c);
    }
    return 1;
}

enum case_op { TO_LOWER, TO_UPPER, TO_TITLE, TO_FOLD };

/* Write the mapping of the code point c found at bytes [at, after). */
static int
write_mapped(mp_unicode_writer *w, enum case_op op, uint32_t c,
             const char *d, Mp_ssize_t n, Mp_ssize_t at, Mp_ssize_t after)
{
    uint32_t out[3];
    int k, i;

    switch (op) {
    case TO_LOWER:
        if (c == CAPITAL_SIGMA) {
            out[0] = final_sigma(d, n, at, after) ? 0x03C2 : 0x03C3;
            k = 1;
        }
        else
            k = mp_unicode_tolower_full(c, out);
        break;
    case TO_UPPER:
        k = mp_unicode_toupper_full(c, out);
        break;
    case TO_TITLE:
        k = mp_unicode_totitle_full(c, out);
        break;
    default:
        k = mp_unicode_tofolded_full(c, out);
        break;
    }
    for (i = 0; i < k; i++)
        if (mp_writer_write_char(w, out[i]) < 0)
            return -1;
    return 0;
}

/* The shared loop: 'kind' picks the operation for each code point. */
enum method { M_LOWER, M_UPPER, M_CAPITALIZE, M_TITLE, M_SWAPCASE, M_FOLD };

static enum case_op
choose_op(enum method m, uint32_t c, Mp_ssize_t index, int prev_cased)
{
    switch (m) {
    case M_LOWER: return TO_LOWER;
    case M_UPPER: return TO_UPPER;
    case M_FOLD: return TO_FOLD;
    case M_CAPITALIZE: return index == 0 ? TO_TITLE : TO_LOWER;
    case M_TITLE: return prev_cased ? TO_LOWER : TO_TITLE;
    default:
        if (mp_unicode_isupper(c))
            return TO_LOWER;
        return mp_unicode_islower(c) ? TO_UPPER : TO_FOLD;
    }
}

static MpObject *
ascii_case(MpObject *self, enum method m)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), i;
    MpObject *res;
    char *buf = MpMem_Malloc((size_t)n + 1);
    int prev_cased = 0;

    if (buf == NULL)
        return MpErr_NoMemory();
    for (i = 0; i < n; i++) {
        char c = d[i];
        int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        int to_upper;
        switch (m) {
        case M_UPPER: to_upper = 1; break;
        case M_CAPITALIZE: to_upper = i == 0; break;
        case M_TITLE: to_upper = !prev_cased; break;
        case M_SWAPCASE: to_upper = lo; break;
        default: to_upper = 0; break;
        }
        if (to_upper && lo)
            c = (char)(c - 32);
        else if (!to_upper && up)
            c = (char)(c + 32);
        buf[i] = c;
        prev_cased = up || lo;
    }
    res = mp_unicode_from_ascii(buf, n);
    MpMem_Free(buf);
    return res;
}

static MpObject *
change_case(MpObject *self, enum method m)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0, index = 0;
    mp_unicode_writer w;
    int prev_cased = 0;

    if (MpUnicode_IS_ASCII(self))
        return ascii_case(self, m);
    mp_writer_init(&w);
    if (mp_writer_reserve(&w, n) < 0)
        return NULL;
    while (pos < n) {
        Mp_ssize_t at = pos;
        uint32_t c = mp_utf8_decode(d, &pos);
        enum case_op op = choose_op(m, c, index, prev_cased);
        int rc;
        if (m == M_SWAPCASE && op == TO_FOLD)
            rc = mp_writer_write_char(&w, c);   /* uncased: unchanged */
        else
            rc = write_mapped(&w, op, c, d, n, at, pos);
        if (rc < 0) {
            mp_writer_dealloc(&w);
            return NULL;
        }
        prev_cased = is_cased(c);
        index++;
    }
    return mp_writer_finish(&w);
}

/* str.lower() etc.: New str. */
MpObject *
mp_ustr_lower(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return change_case(self, M_LOWER);
}

/* str.upper(): New str. */
MpObject *
mp_ustr_upper(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return change_case(self, M_UPPER);
}

/* str.capitalize(): New str. */
MpObject *
mp_ustr_capitalize(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return change_case(self, M_CAPITALIZE);
}

/* str.title(): New str. */
MpObject *
mp_ustr_title(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return change_case(self, M_TITLE);
}

/* str.swapcase(): New str. */
MpObject *
mp_ustr_swapcase(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return change_case(self, M_SWAPCASE);
}

/* str.casefold(): New str. */
MpObject *
mp_ustr_casefold(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return change_case(self, M_FOLD);
}

/* ---- Predicates ---- */

/* True when s is not empty and pred holds for every code point. */
static MpObject *
all_chars(MpObject *self, int (*pred)(uint32_t))
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0;

    if (n == 0)
        Mp_RETURN_FALSE;
    while (pos < n)
        if (!pred(mp_utf8_decode(d, &pos)))
            Mp_RETURN_FALSE;
    Mp_RETURN_TRUE;
}

static int
isalnum_char(uint32_t c)
{
    return mp_unicode_isalpha(c) || mp_unicode_isnumeric(c);
}

/* str.isdigit() etc.: New bool. */
MpObject *
mp_ustr_isdigit(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return all_chars(self, mp_unicode_isdigit);
}

/* str.isdecimal(): New bool. */
MpObject *
mp_ustr_isdecimal(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return all_chars(self, mp_unicode_isdecimal);
}

/* str.isnumeric(): New bool. */
MpObject *
mp_ustr_isnumeric(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return all_chars(self, mp_unicode_isnumeric);
}

/* str.isalpha(): New bool. */
MpObject *
mp_ustr_isalpha(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return all_chars(self, mp_unicode_isalpha);
}

/* str.isalnum(): New bool. */
MpObject *
mp_ustr_isalnum(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return all_chars(self, isalnum_char);
}

/* str.isspace(): New bool. */
MpObject *
mp_ustr_isspace(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return all_chars(self, mp_unicode_isspace);
}

/* isupper (upper = 1) / islower (upper = 0): one cased character and no
 * character of the other case (nor titlecase). */
static MpObject *
check_case(MpObject *self, int upper)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0;
    int cased = 0;

    while (pos < n) {
        uint32_t c = mp_utf8_decode(d, &pos);
        int same = upper ? mp_unicode_isupper(c) : mp_unicode_islower(c);
        int other = upper ? mp_unicode_islower(c) : mp_unicode_isupper(c);
        if (other || mp_unicode_istitle(c))
            Mp_RETURN_FALSE;
        cased |= same;
    }
    return MpBool_FromLong(cased);
}

/* str.isupper(): New bool. */
MpObject *
mp_ustr_isupper(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return check_case(self, 1);
}

/* str.islower(): New bool. */
MpObject *
mp_ustr_islower(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return check_case(self, 0);
}

/* str.istitle(): New bool. */
MpObject *
mp_ustr_istitle(MpObject *self, MpObject *unused)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0;
    int cased = 0, prev_cased = 0;

    MP_UNUSED(unused);
    while (pos < n) {
        uint32_t c = mp_utf8_decode(d, &pos);
        if (mp_unicode_isupper(c) || mp_unicode_istitle(c)) {
            if (prev_cased)
                Mp_RETURN_FALSE;
            prev_cased = cased = 1;
        }
        else if (mp_unicode_islower(c)) {
            if (!prev_cased)
                Mp_RETURN_FALSE;
            prev_cased = cased = 1;
        }
        else
            prev_cased = 0;
    }
    return MpBool_FromLong(cased);
}

/* str.isidentifier(): New bool. */
MpObject *
mp_ustr_isidentifier(MpObject *self, MpObject *unused)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0;
    uint32_t c;

    MP_UNUSED(unused);
    if (n == 0)
        Mp_RETURN_FALSE;
    c = mp_utf8_decode(d, &pos);
    if (c != '_' && !mp_unicode_isxidstart(c))
        Mp_RETURN_FALSE;
    while (pos < n)
        if (!mp_unicode_isxidcontinue(mp_utf8_decode(d, &pos)))
            Mp_RETURN_FALSE;
    Mp_RETURN_TRUE;
}

/* str.isascii(): New bool. */
MpObject *
mp_ustr_isascii(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpBool_FromLong(MpUnicode_IS_ASCII(self));
}

/* str.isprintable(): New bool. */
MpObject *
mp_ustr_isprintable(MpObject *self, MpObject *unused)
{
    const char *d = MpUnicode_DATA(self);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(self), pos = 0;

    MP_UNUSED(unused);
    while (pos < n)
        if (!mp_unicode_isprintable(mp_utf8_decode(d, &pos)))
            Mp_RETURN_FALSE;
    Mp_RETURN_TRUE;
}
