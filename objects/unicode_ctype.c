/*
 * unicode_ctype.c -- character classes and case mappings for str methods.
 *
 * CPython generates its tables from the whole Unicode database; minipy
 * writes the rules by hand for the scripts most text uses, and is exact
 * (checked code point by code point against python3 in the tests) for:
 *
 *   range            block               cased  notes
 *   ---------------  ------------------  -----  -------------------------
 *   U+0000..007F     ASCII               yes    every predicate and mapping
 *   U+0080..00FF     Latin-1             yes    ß -> SS, µ, ÿ -> Ÿ, ², ½
 *   U+0100..017F     Latin Extended-A    yes    İ -> i̇, ı, ŉ -> ʼN, ſ
 *   U+0370..03FF     Greek and Coptic    yes    final sigma (in lower()),
 *                                               ΐ/ΰ three-char uppers
 *   U+0400..04FF     Cyrillic            yes
 *
 * Elsewhere the answers are an approximation, documented here:
 *   - letters (isalpha, isidentifier): the ranges of Latin Extended-B,
 *     IPA, Armenian, Hebrew, Arabic, the Indic scripts, Thai, Georgian,
 *     Hangul, kana and CJK ideographs; they are treated as uncased;
 *   - digits: ASCII, Latin-1 superscripts and the vulgar fractions only;
 *   - spaces: CPython's full list (it is short);
 *   - printable (repr): everything except controls, the Zs/Zl/Zp spaces
 *     other than ' ', the common format characters (soft hyphen, zero-width
 *     and bidi controls, BOM), private use and noncharacters; unassigned
 *     code points outside the planes in use count as non-printable.
 *
 * A full mapping can produce up to three code points (CPython's
 * SpecialCasing data); the callers write them all.
 *
 * Read alongside CPython 3.11: Objects/unicodectype.c
 * (_PyUnicode_ToLowerFull, _PyUnicode_IsPrintable, ...),
 * Objects/unicodeobject.c (handle_capital_sigma).
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"

/* ---- Case pairs ---- */

/* Blocks of alternating upper/lower pairs: [first, last] where the upper
 * case letter sits on the parity of 'first'. */
static const uint32_t alternating[][2] = {
    {0x0100, 0x012F}, {0x0132, 0x0137}, {0x0139, 0x0148},
    {0x014A, 0x0177}, {0x0179, 0x017E}, {0x0370, 0x0373},
    {0x0376, 0x0377}, {0x03D8, 0x03EF}, {0x03F7, 0x03F8},
    {0x03FA, 0x03FB}, {0x0460, 0x0481}, {0x048A, 0x04BF},
    {0x04C1, 0x04CE}, {0x04D0, 0x04FF},
};

/* Blocks where upper + delta is lower: [first upper, last upper, delta]. */
static const int32_t shifted[][3] = {
    {'A', 'Z', 32}, {0x00C0, 0x00D6, 32}, {0x00D8, 0x00DE, 32},
    {0x0386, 0x0386, 0x26}, {0x0388, 0x038A, 0x25},
    {0x038C, 0x038C, 0x40}, {0x038E, 0x038F, 0x3F},
    {0x0391, 0x03A1, 32}, {0x03A3, 0x03AB, 32}, {0x03CF, 0x03CF, 8},
    {0x037F, 0x037F, 0x74}, {0x03F4, 0x03F4, -60}, {0x03F9, 0x03F9, -7},
    {0x03FD, 0x03FF, -130}, {0x0400, 0x040F, 80}, {0x0410, 0x042F, 32},
    {0x04C0, 0x04C0, 15}, {0x0178, 0x0178, -121},
};

/* Lowercase letters whose uppercase is not found by the tables above. */
static const uint32_t extra_upper[][2] = {
    {0x00B5, 0x039C}, {0x0131, 'I'}, {0x017F, 'S'}, {0x03C2, 0x03A3},
    {0x03D0, 0x0392}, {0x03D1, 0x0398}, {0x03D5, 0x03A6},
    {0x03D6, 0x03A0}, {0x03F0, 0x039A}, {0x03F1, 0x03A1},
    {0x03F5, 0x0395}, {0x03F2, 0x03F9}, {0x03F3, 0x037F},
};

/* Simple lowercase of c (c itself when it has none). */
static uint32_t
simple_lower(uint32_t c)
{
    size_t i;
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    for (i = 0; i < MP_ARRAY_LENGTH(shifted); i++)
        if ((int32_t)c >= shifted[i][0] && (int32_t)c <= shifted[i][1])
            return (uint32_t)((int32_t)c + shifted[i][2]);
    for (i = 0; i < MP_ARRAY_LENGTH(alternating); i++)
        if (c >= alternating[i][0] && c <= alternating[i][1])
            return ((c ^ alternating[i][0]) & 1) ? c : c + 1;
    if (c == 0x0130)
        return 'i';
    return c;
}

/* Simple uppercase of c. */
static uint32_t
simple_upper(uint32_t c)
{
    size_t i;
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    for (i = 0; i < MP_ARRAY_LENGTH(extra_upper); i++)
        if (c == extra_upper[i][0])
            return extra_upper[i][1];
    for (i = 0; i < MP_ARRAY_LENGTH(shifted); i++) {
        int32_t lo = shifted[i][0] + shifted[i][2];
        int32_t hi = shifted[i][1] + shifted[i][2];
        if ((int32_t)c >= lo && (int32_t)c <= hi)
            return (uint32_t)((int32_t)c - shifted[i][2]);
    }
    for (i = 0; i < MP_ARRAY_LENGTH(alternating); i++)
        if (c >= alternating[i][0] && c <= alternating[i][1])
            return ((c ^ alternating[i][0]) & 1) ? c - 1 : c;
    return c;
}

/* ---- Predicates ---- */

/* 1 if c is an uppercase letter, else 0. */
int
mp_unicode_isupper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0x03D2 && c <= 0x03D4)
        return 1;
    return simple_lower(c) != c;
}

/* 1 if c is a lowercase letter, else 0. */
int
mp_unicode_islower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    switch (c) {
    case 0x00AA: case 0x00BA: case 0x00DF: case 0x0138: case 0x0149:
    case 0x0390: case 0x03B0: case 0x037A: case 0x03FC:
        return 1;
    }
    return simple_upper(c) != c;
}

/* 1 if c is a titlecase letter, else 0. */
int
mp_unicode_istitle(uint32_t c)
{
    MP_UNUSED(c);
    /* The titlecase letters (Dž, ...) lie outside the covered blocks. */
    return 0;
}

/* 1 if c is whitespace (str.isspace), else 0. */
int
mp_unicode_isspace(uint32_t c)
{
    switch (c) {
    case '\t': case '\n': case 0x0B: case 0x0C: case '\r':
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return 1;
    }
    return c >= 0x2000 && c <= 0x200A;
}

/* 1 if c is a line boundary of str.splitlines, else 0. */
int
mp_unicode_islinebreak(uint32_t c)
{
    switch (c) {
    case '\n': case 0x0B: case 0x0C: case '\r': case 0x1C: case 0x1D:
    case 0x1E: case 0x85: case 0x2028: case 0x2029:
        return 1;
    }
    return 0;
}

/* Letter ranges outside the cased blocks (treated as uncased). */
static const uint32_t other_letters[][2] = {
    {0x0180, 0x024F}, {0x0250, 0x02AF}, {0x02B0, 0x02C1},
    {0x0531, 0x0556}, {0x0561, 0x0587}, {0x05D0, 0x05EA},
    {0x0620, 0x064A}, {0x0905, 0x0939}, {0x0E01, 0x0E30},
    {0x10D0, 0x10FA}, {0x3041, 0x3096}, {0x30A1, 0x30FA},
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
    {0x20000, 0x2A6DF},
};

/* 1 if c is a letter (str.isalpha), else 0. */
int
mp_unicode_isalpha(uint32_t c)
{
    size_t i;
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c < 0x100)
        return c == 0xAA || c == 0xB5 || c == 0xBA ||
               (c >= 0xC0 && c != 0xD7 && c != 0xF7);
    if (c <= 0x017F)
        return 1;
    if (c >= 0x0370 && c <= 0x03FF)
        return !(c == 0x0375 || c == 0x037E || c == 0x0384 ||
                 c == 0x0385 || c == 0x0387 || c == 0x03F6 ||
                 c == 0x0378 || c == 0x0379 || (c >= 0x0380 && c <= 0x0383)
                 || c == 0x038B || c == 0x038D || c == 0x03A2);
    if (c >= 0x0400 && c <= 0x04FF)
        return !(c >= 0x0482 && c <= 0x0489);
    for (i = 0; i < MP_ARRAY_LENGTH(other_letters); i++)
        if (c >= other_letters[i][0] && c <= other_letters[i][1])
            return 1;
    return 0;
}

/* The value 0..9 of decimal digit c, else -1. */
int
mp_unicode_todecimal(uint32_t c)
{
    return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
}

/* 1 if c is a decimal digit (str.isdecimal), else 0. */
int
mp_unicode_isdecimal(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* 1 if c is a digit (str.isdigit), else 0. */
int
mp_unicode_isdigit(uint32_t c)
{
    return mp_unicode_isdecimal(c) || c == 0xB2 || c == 0xB3 || c == 0xB9;
}

/* 1 if c is numeric (str.isnumeric), else 0. */
int
mp_unicode_isnumeric(uint32_t c)
{
    return mp_unicode_isdigit(c) || (c >= 0xBC && c <= 0xBE);
}

/* 1 if c is printable (str.isprintable, repr), else 0. */
int
mp_unicode_isprintable(uint32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD)
        return 0;
    if (c < 0x0378)
        return 1;
    if (c == 0x0378 || c == 0x0379 || (c >= 0x0380 && c <= 0x0383) ||
        c == 0x038B || c == 0x038D || c == 0x03A2)
        return 0;
    if (c == 0x061C || (c >= 0x0600 && c <= 0x0605) || c == 0x06DD ||
        c == 0x070F || c == 0x180E || c == 0x1680)
        return 0;
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
        (c >= 0x205F && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) ||
        c == 0x3000 || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB))
        return 0;
    if (c >= 0xD800 && c <= 0xF8FF)       /* surrogates, private use */
        return 0;
    if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return 0;
    if (c >= 0x30000 && c <= 0x3134A)    /* CJK extension G */
        return 1;
    if (c >= 0x2FFFF)                    /* unassigned planes, tags, PUA */
        return 0;
    return 1;
}

/* 1 if c is a valid first character of an identifier, else 0. */
int
mp_unicode_isxidstart(uint32_t c)
{
    if (c == 0xAA || c == 0xB5 || c == 0xBA)
        return 1;
    if (c == 0x037A || c == 0x03F6)
        return 0;
    return mp_unicode_isalpha(c);
}

/* 1 if c is valid after the first character of an identifier, else 0. */
int
mp_unicode_isxidcontinue(uint32_t c)
{
    if (mp_unicode_isxidstart(c) || c == '_' || mp_unicode_isdecimal(c))
        return 1;
    return c == 0xB7 || c == 0x0387 || (c >= 0x0300 && c <= 0x036F) ||
           (c >= 0x0483 && c <= 0x0487);
}

/* ---- Full mappings ---- */

/* The full lowercase of c into out; returns how many code points. */
int
mp_unicode_tolower_full(uint32_t c, uint32_t out[3])
{
    if (c == 0x0130) {
        out[0] = 'i';
        out[1] = 0x0307;
        return 2;
    }
    out[0] = simple_lower(c);
    return 1;
}

/* The full uppercase of c into out; returns how many code points. */
int
mp_unicode_toupper_full(uint32_t c, uint32_t out[3])
{
    switch (c) {
    case 0x00DF:
        out[0] = 'S'; out[1] = 'S';
        return 2;
    case 0x0149:
        out[0] = 0x02BC; out[1] = 'N';
        return 2;
    case 0x0390:
        out[0] = 0x0399; out[1] = 0x0308; out[2] = 0x0301;
        return 3;
    case 0x03B0:
        out[0] = 0x03A5; out[1] = 0x0308; out[2] = 0x0301;
        return 3;
    case 0x0587:                         /* Armenian ligature ech-yiwn */
        out[0] = 0x0535; out[1] = 0x0552;
        return 2;
    }
    out[0] = simple_upper(c);
    return 1;
}

/* The full titlecase of c into out; returns how many code points. */
int
mp_unicode_totitle_full(uint32_t c, uint32_t out[3])
{
    switch (c) {
    case 0x00DF:
        out[0] = 'S'; out[1] = 's';
        return 2;
    case 0x0587:
        out[0] = 0x0535; out[1] = 0x0582;
        return 2;
    }
    return mp_unicode_toupper_full(c, out);
}

/* The full case folding of c into out; returns how many code points. */
int
mp_unicode_tofolded_full(uint32_t c, uint32_t out[3])
{
    switch (c) {
    case 0x00DF:
        out[0] = 's'; out[1] = 's';
        return 2;
    case 0x0149:
        out[0] = 0x02BC; out[1] = 'n';
        return 2;
    case 0x0390:
        out[0] = 0x03B9; out[1] = 0x0308; out[2] = 0x0301;
        return 3;
    case 0x03B0:
        out[0] = 0x03C5; out[1] = 0x0308; out[2] = 0x0301;
        return 3;
    case 0x00B5:
        out[0] = 0x03BC;
        return 1;
    case 0x017F:
        out[0] = 's';
        return 1;
    case 0x03C2:
        out[0] = 0x03C3;
        return 1;
    case 0x03D0: case 0x03D1: case 0x03D5: case 0x03D6: case 0x03F0:
    case 0x03F1: case 0x03F5:
        out[0] = simple_lower(simple_upper(c));
        return 1;
    case 0x03F4:
        out[0] = 0x03B8;
        return 1;
    }
    return mp_unicode_tolower_full(c, out);
}
