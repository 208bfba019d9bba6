/*
 * formatter_unicode.c -- the format-spec mini-language (format(), str.format
 * and f-strings) for int, float and str.
 *
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 *
 *   field      values                 meaning
 *   ---------  ---------------------  ------------------------------------
 *   fill       any code point         padding character (default ' ')
 *   align      < > = ^                left, right, after the sign, centre
 *   sign       + - space              sign of positive numbers
 *   z          z                      a float that rounds to -0 shows 0
 *   #          #                      0b/0o/0x prefix; keep float point
 *   0          0                      fill '0', align '=' for numbers
 *   grouping   , _                    thousands separators (_ every 4 for
 *                                     b o x X)
 *   type       int: b c d o x X n     float: e E f F g G n % (none: repr
 *              (and the float ones)   digits, or 'g' with a point kept)
 *              str: s
 *
 * A number is laid out as five pieces, padding going where 'align' says:
 *
 *   [fill][sign][prefix][fill for '='][grouped digits][remainder][fill]
 *
 * where the digits are the leading integer digits and the remainder is
 * the rest of the number's text (".5e+10", "%", "inf").  With fill '0' and
 * align '=' the zero padding is produced by the grouping step itself, so
 * that separators also appear between padding zeros ("00,001,234").
 *
 * Invariants: widths count code points, never bytes; the parsed spec
 * holds code points, so a multi-byte fill character is one column; the
 * largest code point written is tracked exactly, since it decides the
 * storage kind of the str built and so its hash.
 *
 * Read alongside CPython 3.11: Python/formatter_unicode.c
 * parse_internal_render_format_spec, calc_number_widths, fill_number,
 * format_long_internal, format_float_internal, format_string_internal;
 * Objects/unicodeobject.c _PyUnicode_InsertThousandsGrouping.
 *
 * minipy leaves out: locale-dependent 'n' (the C locale is assumed: no
 * grouping, '.' as the point) and complex numbers.
 */
#include <math.h>

#include "include/internal/mp_core.h"
#include "objects/floatobject.h"
#include "objects/formatter_unicode.h"
#include "objects/pystrtod.h"
#include "objects/unicodeobject.h"

/* The parsed spec. */
typedef struct {
    uint32_t fill_char;
    uint32_t align;          /* '<' '>' '=' '^' */
    uint32_t sign;           /* '+' '-' ' ' or 0 */
    int no_neg_0;            /* 'z' */
    int alternate;           /* '#' */
    uint32_t thousands;      /* ',' '_' or 0 */
    Mp_ssize_t width;        /* -1 when absent */
    Mp_ssize_t precision;    /* -1 when absent */
    uint32_t type;
} format_spec;

/* ---- Parsing ---- */

/* A spec decoded to code points. */
typedef struct {
    uint32_t small[64];
    uint32_t *cp;
    Mp_ssize_t len;
} spec_text;

static int
spec_text_init(spec_text *t, MpObject *spec)
{
    Mp_ssize_t n, pos = 0, i = 0;
    const char *s = MpUnicode_AsUTF8AndSize(spec, &n);

    if (s == NULL)
        return -1;
    t->cp = t->small;
    t->len = MpUnicode_GetLength(spec);
    if (t->len > (Mp_ssize_t)MP_ARRAY_LENGTH(t->small)) {
        t->cp = MpMem_Malloc((size_t)t->len * sizeof(uint32_t));
        if (t->cp == NULL) {
            MpErr_NoMemory();
            return -1;
        }
    }
    while (pos < n)
        t->cp[i++] = mp_utf8_decode(s, &pos);
    return 0;
}

static void
spec_text_fini(spec_text *t)
{
    if (t->cp != t->small)
        MpMem_Free(t->cp);
}

static int
is_alignment(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

static int
is_sign(uint32_t c)
{
    return c == '+' || c == '-' || c == ' ';
}

/* Read a run of decimal digits at *pos into *result.  Returns the digits
 * read, or -1 with ValueError on overflow. */
static Mp_ssize_t
get_integer(const spec_text *t, Mp_ssize_t *pos, Mp_ssize_t *result)
{
    Mp_ssize_t acc = 0, count = 0;

    while (*pos < t->len && t->cp[*pos] >= '0' && t->cp[*pos] <= '9') {
        int digit = (int)(t->cp[*pos] - '0');
        if (acc > (MP_SSIZE_T_MAX - digit) / 10) {
            MpErr_SetString(MpExc_ValueError,
                            "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + digit;
        (*pos)++;
        count++;
    }
    *result = acc;
    return count;
}

/* ValueError "Cannot specify ',' with 'x'." (or '\x..' when unprintable). */
static void
invalid_thousands_separator_type(uint32_t sep, uint32_t type)
{
    if (type > 32 && type < 128)
        MpErr_Format(MpExc_ValueError, "Cannot specify '%c' with '%c'.",
                     (int)sep, (int)type);
    else
        MpErr_Format(MpExc_ValueError, "Cannot specify '%c' with '\\x%x'.",
                     (int)sep, (unsigned int)type);
}

/* Check that the grouping option suits the type.  0 or -1. */
static int
check_thousands(const format_spec *f)
{
    switch (f->type) {
    case 'd': case 'e': case 'f': case 'g': case 'E': case 'G':
    case '%': case 'F': case '\0':
        return 0;
    case 'b': case 'o': case 'x': case 'X':
        if (f->thousands == '_')
            return 0;
        /* fall through */
    default:
        invalid_thousands_separator_type(f->thousands, f->type);
        return -1;
    }
}

/* The fill/align/sign/z/#/0 prefix of the spec. */
static void
parse_flags(const spec_text *t, Mp_ssize_t *pos, format_spec *f,
            uint32_t default_align)
{
    int fill_given = 0, align_given = 0;

    if (t->len - *pos >= 2 && is_alignment(t->cp[*pos + 1])) {
        f->fill_char = t->cp[*pos];
        f->align = t->cp[*pos + 1];
        fill_given = align_given = 1;
        *pos += 2;
    }
    else if (t->len - *pos >= 1 && is_alignment(t->cp[*pos])) {
        f->align = t->cp[(*pos)++];
        align_given = 1;
    }
    if (*pos < t->len && is_sign(t->cp[*pos]))
        f->sign = t->cp[(*pos)++];
    if (*pos < t->len && t->cp[*pos] == 'z') {
        f->no_neg_0 = 1;
        (*pos)++;
    }
    if (*pos < t->len && t->cp[*pos] == '#') {
        f->alternate = 1;
        (*pos)++;
    }
    /* The '0' flag: zero fill, and '=' alignment for numbers. */
    if (!fill_given && *pos < t->len && t->cp[*pos] == '0') {
        f->fill_char = '0';
        if (!align_given && default_align == '>')
            f->align = '=';
        (*pos)++;
    }
}

/* Parse 'spec' into f.  0, or -1 with ValueError. */
static int
parse_format_spec(MpObject *value, MpObject *spec, format_spec *f,
                  uint32_t default_type, uint32_t default_align)
{
    spec_text t;
    Mp_ssize_t pos = 0, n;
    int rc = -1;

    memset(f, 0, sizeof(*f));
    f->fill_char = ' ';
    f->align = default_align;
    f->type = default_type;
    f->width = f->precision = -1;
    if (spec_text_init(&t, spec) < 0)
        return -1;
    parse_flags(&t, &pos, f, default_align);
    n = get_integer(&t, &pos, &f->width);
    if (n < 0)
        goto done;
    if (n == 0)
        f->width = -1;
    if (pos < t.len && t.cp[pos] == ',') {
        f->thousands = ',';
        pos++;
    }
    if (pos < t.len && t.cp[pos] == '_') {
        if (f->thousands != 0)
            goto both_separators;
        f->thousands = '_';
        pos++;
    }
    if (pos < t.len && t.cp[pos] == ',')
        goto both_separators;
    if (pos < t.len && t.cp[pos] == '.') {
        pos++;
        n = get_integer(&t, &pos, &f->precision);
        if (n < 0)
            goto done;
        if (n == 0) {
            MpErr_SetString(MpExc_ValueError,
                            "Format specifier missing precision");
            goto done;
        }
    }
    if (t.len - pos > 1) {
        MpErr_Format(MpExc_ValueError, "Invalid format specifier '%U' for "
                     "object of type '%.200s'", spec, Mp_TYPE(value)->tp_name);
        goto done;
    }
    if (t.len - pos == 1)
        f->type = t.cp[pos];
    rc = f->thousands != 0 ? check_thousands(f) : 0;
    goto done;

  both_separators:
    MpErr_SetString(MpExc_ValueError, "Cannot specify both ',' and '_'.");
  done:
    spec_text_fini(&t);
    return rc;
}

static MpObject *
unknown_presentation_type(uint32_t type, const char *type_name)
{
    if (type > 32 && type < 128)
        return MpErr_Format(MpExc_ValueError, "Unknown format code '%c' "
                            "for object of type '%.200s'", (int)type,
                            type_name);
    return MpErr_Format(MpExc_ValueError, "Unknown format code '\\x%x' for "
                        "object of type '%.200s'", (unsigned int)type,
                        type_name);
}

/* ---- Filling ---- */

/* Write 'count' fill characters: 0 or -1. */
static int
write_fill(mp_unicode_writer *w, uint32_t fill, Mp_ssize_t count)
{
    return count > 0 ? mp_writer_fill(w, fill, count) : 0;
}

/* Split the padding for a field of 'len' columns into left and right. */
static void
split_padding(const format_spec *f, Mp_ssize_t len, Mp_ssize_t *left,
              Mp_ssize_t *right)
{
    Mp_ssize_t pad = f->width > len ? f->width - len : 0;

    if (f->align == '>') {
        *left = pad;
        *right = 0;
    }
    else if (f->align == '^') {
        *left = pad / 2;
        *right = pad - pad / 2;
    }
    else {
        *left = 0;
        *right = pad;
    }
}

/* ---- Strings ---- */

/* Checks of format_string_internal.  0 or -1. */
static int
check_string_spec(const format_spec *f)
{
    const char *msg = NULL;

    if (f->sign == ' ')
        msg = "Space not allowed in string format specifier";
    else if (f->sign != 0)
        msg = "Sign not allowed in string format specifier";
    else if (f->no_neg_0)
        msg = "Negative zero coercion (z) not allowed in string format "
              "specifier";
    else if (f->alternate)
        msg = "Alternate form (#) not allowed in string format specifier";
    else if (f->align == '=')
        msg = "'=' alignment not allowed in string format specifier";
    if (msg == NULL)
        return 0;
    MpErr_SetString(MpExc_ValueError, msg);
    return -1;
}

static MpObject *
format_string_internal(MpObject *value, const format_spec *f)
{
    mp_unicode_writer w;
    MpObject *text;
    Mp_ssize_t len = MpUnicode_GetLength(value), left, right;

    if (check_string_spec(f) < 0)
        return NULL;
    if (f->precision >= 0 && len > f->precision)
        len = f->precision;
    if (f->width <= len && len == MpUnicode_GetLength(value)
        && MpUnicode_CheckExact(value))
        return Mp_NewRef(value);
    text = mp_unicode_substring(value, 0, len);
    if (text == NULL)
        return NULL;
    split_padding(f, len, &left, &right);
    mp_writer_init(&w);
    if (write_fill(&w, f->fill_char, left) < 0
        || mp_writer_write_str(&w, text) < 0
        || write_fill(&w, f->fill_char, right) < 0) {
        Mp_DECREF(text);
        mp_writer_dealloc(&w);
        return NULL;
    }
    Mp_DECREF(text);
    return mp_writer_finish(&w);
}

MpObject *
mp_format_unicode(MpObject *value, MpObject *spec)
{
    format_spec f;

    if (MpUnicode_GetLength(spec) == 0)
        return MpObject_Str(value);
    if (parse_format_spec(value, spec, &f, 's', '<') < 0)
        return NULL;
    if (f.type != 's')
        return unknown_presentation_type(f.type, Mp_TYPE(value)->tp_name);
    return format_string_internal(value, &f);
}

/* ---- Numbers ---- */

/* The pieces of a formatted number; 'digits' and 'rest' are UTF-8. */
typedef struct {
    char sign;               /* '-', '+', ' ' or 0 */
    const char *prefix;      /* "0x" ... or "" */
    const char *digits;      /* leading integer digits */
    Mp_ssize_t n_digits;     /* bytes */
    Mp_ssize_t digit_cols;   /* code points */
    uint32_t digit_maxchar;  /* largest code point among them */
    const char *rest;        /* point, fraction, exponent, '%', "inf" */
    Mp_ssize_t n_rest;       /* bytes (always ASCII) */
} number_parts;

/* Write the digits grouped by 'sep' every 'group' digits, left-padded
 * with '0' (and separators) to at least min_width columns.  The result is
 * built right to left in buf (size >= cap), returning its start. */
static char *
group_digits(const char *digits, Mp_ssize_t n, char sep, int group,
             Mp_ssize_t min_width, char *buf, Mp_ssize_t cap)
{
    char *p = buf + cap;
    Mp_ssize_t r = n, len = 0, l, i;
    int first = 1;

    while (first || r > 0 || len < min_width) {
        if (!first) {
            *--p = sep;
            len++;
        }
        if (r >= group) {
            l = group;
        }
        else {
            l = MP_MIN(min_width - len, (Mp_ssize_t)group);
            l = MP_MAX(MP_MAX(l, r), 1);
        }
        for (i = 0; i < l; i++) {
            *--p = r > 0 ? digits[--r] : '0';
            len++;
        }
        first = 0;
    }
    return p;
}

/* Lay out the number described by parts as f asks.  New str. */
static MpObject *
fill_number(const number_parts *np, const format_spec *f)
{
    mp_unicode_writer w;
    Mp_ssize_t n_sign = np->sign != 0, n_prefix = strlen(np->prefix);
    Mp_ssize_t min_width = 0, n_grouped, total, left, right, middle = 0;
    Mp_ssize_t cap;
    char *gbuf = NULL, *grouped = (char *)np->digits;
    MpObject *res = NULL;
    int group = (f->type == 'b' || f->type == 'o' || f->type == 'x'
                 || f->type == 'X') ? 4 : 3;

    n_grouped = np->n_digits;
    if (f->thousands != 0 && np->n_digits > 0) {
        if (f->fill_char == '0' && f->align == '=')
            min_width = f->width - (n_sign + n_prefix + np->n_rest);
        cap = MP_MAX(min_width, np->n_digits) * 2 + 8;
        gbuf = MpMem_Malloc((size_t)cap);
        if (gbuf == NULL)
            return MpErr_NoMemory();
        grouped = group_digits(np->digits, np->n_digits,
                               (char)f->thousands, group, min_width, gbuf,
                               cap);
        n_grouped = gbuf + cap - grouped;
    }
    total = n_sign + n_prefix + (n_grouped - np->n_digits + np->digit_cols)
            + np->n_rest;
    split_padding(f, total, &left, &right);
    if (f->align == '=') {
        middle = right;
        right = 0;
    }
    mp_writer_init(&w);
    if (write_fill(&w, f->fill_char, left) < 0
        || (n_sign && mp_writer_write_ascii(&w, &np->sign, 1) < 0)
        || mp_writer_write_ascii(&w, np->prefix, n_prefix) < 0
        || write_fill(&w, f->fill_char, middle) < 0
        || mp_writer_write(&w, grouped, n_grouped,
                           n_grouped - np->n_digits + np->digit_cols,
                           np->digit_maxchar) < 0
        || mp_writer_write_ascii(&w, np->rest, np->n_rest) < 0
        || write_fill(&w, f->fill_char, right) < 0) {
        mp_writer_dealloc(&w);
        goto done;
    }
    res = mp_writer_finish(&w);
  done:
    MpMem_Free(gbuf);
    return res;
}

/* The sign character for a number: '-', or what the spec asks for. */
static char
sign_char(int negative, const format_spec *f)
{
    if (negative)
        return '-';
    if (f->sign == '+' || f->sign == ' ')
        return (char)f->sign;
    return 0;
}

/* ---- Floats ---- */

static MpObject *
format_float_internal(double val, const format_spec *f)
{
    number_parts np;
    MpObject *res;
    char *buf, *p, type = (char)f->type, *body;
    int flags = 0, add_pct = 0, kind;
    Mp_ssize_t precision = f->precision, n;

    if (precision > INT_MAX) {
        MpErr_SetString(MpExc_ValueError, "precision too big");
        return NULL;
    }
    if (f->alternate)
        flags |= MP_DTSF_ALT;
    if (f->no_neg_0)
        flags |= MP_DTSF_NO_NEG_0;
    if (type == '\0') {
        flags |= MP_DTSF_ADD_DOT_0;
        type = 'r';
    }
    if (type == 'n')
        type = 'g';
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = 1;
    }
    if (precision < 0)
        precision = type == 'r' ? 0 : 6;
    else if (type == 'r')
        type = 'g';
    buf = mp_os_double_to_string(val, type, (int)precision, flags, &kind);
    if (buf == NULL)
        return NULL;
    n = (Mp_ssize_t)strlen(buf);
    if (add_pct)
        buf[n++] = '%';     /* there is room: see pystrtod.h */
    buf[n] = '\0';
    body = buf;
    np.sign = sign_char(*body == '-', f);
    if (*body == '-')
        body++;
    np.prefix = "";
    np.digits = body;
    for (p = body; *p >= '0' && *p <= '9'; p++)
        ;
    np.n_digits = np.digit_cols = p - body;
    np.digit_maxchar = 0x7F;
    np.rest = p;
    np.n_rest = buf + n - p;
    res = fill_number(&np, f);
    MpMem_Free(buf);
    return res;
}

MpObject *
mp_format_float(MpObject *value, MpObject *spec)
{
    format_spec f;
    double val;

    if (MpUnicode_GetLength(spec) == 0)
        return MpObject_Str(value);
    if (parse_format_spec(value, spec, &f, '\0', '>') < 0)
        return NULL;
    switch (f.type) {
    case '\0': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
    case 'n': case '%':
        break;
    default:
        return unknown_presentation_type(f.type, Mp_TYPE(value)->tp_name);
    }
    val = MpFloat_AsDouble(value);
    if (val == -1.0 && MpErr_Occurred())
        return NULL;
    return format_float_internal(val, &f);
}

/* ---- Integers ---- */

/* Checks of format_long_internal before any work.  0 or -1. */
static int
check_long_spec(const format_spec *f)
{
    const char *msg = NULL;

    if (f->precision != -1)
        msg = "Precision not allowed in integer format specifier";
    else if (f->no_neg_0)
        msg = "Negative zero coercion (z) not allowed in integer format "
              "specifier";
    else if (f->type == 'c' && f->sign != 0)
        msg = "Sign not allowed with integer format specifier 'c'";
    else if (f->type == 'c' && f->alternate)
        msg = "Alternate form (#) not allowed with integer format "
              "specifier 'c'";
    if (msg == NULL)
        return 0;
    MpErr_SetString(MpExc_ValueError, msg);
    return -1;
}

/* format(x, 'c'): the character as a one-column number. */
static MpObject *
format_long_char(MpObject *value, const format_spec *f)
{
    number_parts np;
    char utf8[4];
    long x = MpLong_AsLong(value);

    if (x == -1 && MpErr_Occurred())
        return NULL;
    if (x < 0 || x > 0x10FFFF) {
        MpErr_SetString(MpExc_OverflowError,
                        "%c arg not in range(0x110000)");
        return NULL;
    }
    np.sign = 0;
    np.prefix = "";
    np.digits = utf8;
    np.n_digits = mp_utf8_encode((uint32_t)x, utf8);
    np.digit_cols = 1;
    np.digit_maxchar = (uint32_t)x;
    np.rest = "";
    np.n_rest = 0;
    return fill_number(&np, f);
}

static MpObject *
format_long_internal(MpObject *value, const format_spec *f)
{
    static const char *const prefixes[] = {"0b", "0o", "0x", "0X"};
    number_parts np;
    MpObject *text, *res;
    const char *s;
    char *upper = NULL;
    Mp_ssize_t n, i;
    int base = 10, which = -1;

    if (check_long_spec(f) < 0)
        return NULL;
    if (f->type == 'c')
        return format_long_char(value, f);
    switch (f->type) {
    case 'b': base = 2; which = 0; break;
    case 'o': base = 8; which = 1; break;
    case 'x': base = 16; which = 2; break;
    case 'X': base = 16; which = 3; break;
    default: break;
    }
    text = MpLong_Format(value, base, 0);
    if (text == NULL)
        return NULL;
    s = MpUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL)
        goto error;
    np.sign = sign_char(*s == '-', f);
    if (*s == '-') {
        s++;
        n--;
    }
    if (f->type == 'X') {
        upper = MpMem_Malloc((size_t)n + 1);
        if (upper == NULL) {
            MpErr_NoMemory();
            goto error;
        }
        for (i = 0; i < n; i++)
            upper[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32)
                                                    : s[i];
        s = upper;
    }
    np.prefix = (f->alternate && which >= 0) ? prefixes[which] : "";
    np.digits = s;
    np.n_digits = np.digit_cols = n;
    np.digit_maxchar = 0x7F;
    np.rest = "";
    np.n_rest = 0;
    res = fill_number(&np, f);
    MpMem_Free(upper);
    Mp_DECREF(text);
    return res;
  error:
    Mp_DECREF(text);
    return NULL;
}

MpObject *
mp_format_long(MpObject *value, MpObject *spec)
{
    format_spec f;
    double val;

    if (MpUnicode_GetLength(spec) == 0)
        return MpObject_Str(value);
    if (parse_format_spec(value, spec, &f, 'd', '>') < 0)
        return NULL;
    switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        return format_long_internal(value, &f);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
        val = MpLong_AsDouble(value);
        if (val == -1.0 && MpErr_Occurred())
            return NULL;
        return format_float_internal(val, &f);
    default:
        return unknown_presentation_type(f.type, Mp_TYPE(value)->tp_name);
    }
}
