/*
 * unicode_format.c -- the three ways of building text from values:
 *
 *   MpUnicode_FromFormat("%s=%R", ...)   C printf-like, for C code
 *   "{0!r:>{w}}".format(x, w=10)         str.format (PEP 3101)
 *   "%-5s|%05.1f" % (a, b)               printf-style % (nb_remainder)
 *
 * All three write through an mp_unicode_writer.  str.format walks the
 * template once: literal text (with "{{" / "}}" unescaped), then for each
 * replacement field
 *
 *   { field_name [!conversion] [:format_spec] }
 *     field_name = (index | name | "") ("." attr | "[" key "]")*
 *
 * it looks up the argument (automatic or manual numbering, never both),
 * applies getattr/getitem, converts (!r !s !a), expands fields nested in
 * the spec (two levels, as CPython) and calls MpObject_Format.
 *
 * % formatting parses "%[(name)][flags][width][.precision]type"; integer
 * conversions render the digits of MpLong_Format themselves (so ints of
 * any size work) and floats go through C's snprintf, whose %e/%f/%g rules
 * are the ones CPython's % follows.
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c
 * (PyUnicode_FromFormatV, unicode_fromformat_arg, PyUnicode_Format,
 * unicode_format_arg_parse), Objects/stringlib/unicode_format.h
 * (MarkupIterator_next, field_name_split, get_field_object, render_field).
 * Left out: string.Formatter hooks, %b.
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "objects/unicode_methods.h"
#include "objects/formatter_unicode.h"

#include <ctype.h>
#include <stdlib.h>

/* ==== MpUnicode_FromFormat ==== */

/* Append s (at most 'prec' code points, padded on the left to 'width'). */
static int
write_padded(mp_unicode_writer *w, MpObject *s, Mp_ssize_t width,
             Mp_ssize_t prec)
{
    Mp_ssize_t len = MpUnicode_GET_LENGTH(s);
    int rc;

    if (prec >= 0 && prec < len) {
        MpObject *cut = mp_unicode_substring(s, 0, prec);
        if (cut == NULL)
            return -1;
        rc = write_padded(w, cut, width, -1);
        Mp_DECREF(cut);
        return rc;
    }
    if (width > len && mp_writer_fill(w, ' ', width - len) < 0)
        return -1;
    return mp_writer_write_str(w, s);
}

/* Append an object conversion (%S %R %A %U) consuming the writer's error
 * path for a NULL result. */
static int
write_object(mp_unicode_writer *w, MpObject *s, Mp_ssize_t width,
             Mp_ssize_t prec)
{
    int rc;
    if (s == NULL)
        return -1;
    rc = write_padded(w, s, width, prec);
    Mp_DECREF(s);
    return rc;
}

/* Format one integer conversion of C printf into buf. */
static int
format_c_int(char *buf, size_t size, char conv, int lng, int zero,
             Mp_ssize_t width, Mp_ssize_t prec, va_list *va)
{
    char spec[32];
    const char *len = lng == 1 ? "l" : lng == 2 ? "ll" : lng == 3 ? "z" : "";
    char c = conv == 'i' ? 'd' : conv;

    if (prec >= 0)
        snprintf(spec, sizeof(spec), "%%%s%d.%d%s%c", zero ? "0" : "",
                 (int)width, (int)prec, len, c);
    else
        snprintf(spec, sizeof(spec), "%%%s%d%s%c", zero ? "0" : "",
                 (int)width, len, c);
    /* The spec is built from a checked set of parts. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (c == 'd') {
        if (lng == 1)
            return snprintf(buf, size, spec, va_arg(*va, long));
        if (lng == 2)
            return snprintf(buf, size, spec, va_arg(*va, long long));
        if (lng == 3)
            return snprintf(buf, size, spec, va_arg(*va, Mp_ssize_t));
        return snprintf(buf, size, spec, va_arg(*va, int));
    }
    if (lng == 1)
        return snprintf(buf, size, spec, va_arg(*va, unsigned long));
    if (lng == 2)
        return snprintf(buf, size, spec, va_arg(*va, unsigned long long));
    if (lng == 3)
        return snprintf(buf, size, spec, va_arg(*va, size_t));
    return snprintf(buf, size, spec, va_arg(*va, unsigned int));
#pragma GCC diagnostic pop
}

/* One parsed FromFormat directive. */
typedef struct {
    Mp_ssize_t width;       /* 0: none */
    Mp_ssize_t prec;        /* -1: none */
    int zero;               /* '0' flag */
    int lng;                /* 0 int, 1 l, 2 ll, 3 z */
    char conv;
} fromformat_spec;

/* Parse "[0][width][.prec][l|ll|z]conv" at f; returns the end. */
static const char *
parse_fromformat_spec(const char *f, fromformat_spec *sp)
{
    sp->width = 0;
    sp->prec = -1;
    sp->zero = 0;
    sp->lng = 0;
    if (*f == '0') {
        sp->zero = 1;
        f++;
    }
    while (isdigit((unsigned char)*f) && sp->width < 10000)
        sp->width = sp->width * 10 + (*f++ - '0');
    if (*f == '.') {
        f++;
        sp->prec = 0;
        while (isdigit((unsigned char)*f) && sp->prec < 10000)
            sp->prec = sp->prec * 10 + (*f++ - '0');
    }
    if (*f == 'l') {
        sp->lng = 1;
        if (*++f == 'l') {
            sp->lng = 2;
            f++;
        }
    }
    else if (*f == 'z') {
        sp->lng = 3;
        f++;
    }
    sp->conv = *f;
    return *f != '\0' ? f + 1 : f;
}

/* A C string as %s shows it: at most 'prec' bytes (CPython counts bytes
 * here), invalid UTF-8 replaced by U+FFFD.  New. */
static MpObject *
cstr_text(const char *s, Mp_ssize_t prec)
{
    Mp_ssize_t n;
    if (s == NULL)
        s = "(null)";
    n = prec >= 0 ? (Mp_ssize_t)strnlen(s, (size_t)prec)
                  : (Mp_ssize_t)strlen(s);
    return mp_unicode_decode_utf8_replace(s, n);
}

/* The text of an object directive (%s %U %V %S %R %A).  New, or NULL.
 * A precision already applied (to bytes of a C string) is reset. */
static MpObject *
fromformat_text(fromformat_spec *sp, va_list *va)
{
    Mp_ssize_t prec = sp->prec;

    switch (sp->conv) {
    case 's':
        sp->prec = -1;
        return cstr_text(va_arg(*va, const char *), prec);
    case 'U':
        return Mp_NewRef(va_arg(*va, MpObject *));
    case 'V': {
        MpObject *u = va_arg(*va, MpObject *);
        const char *s = va_arg(*va, const char *);
        if (u != NULL)
            return Mp_NewRef(u);
        sp->prec = -1;
        return cstr_text(s, prec);
    }
    case 'S':
        return MpObject_Str(va_arg(*va, MpObject *));
    case 'R':
        return MpObject_Repr(va_arg(*va, MpObject *));
    default:
        return mp_unicode_ascii(va_arg(*va, MpObject *));
    }
}

/* Handle one '%' directive at *pf (just past the '%').  0 or -1. */
static int
fromformat_arg(mp_unicode_writer *w, const char **pf, va_list *va)
{
    const char *begin = *pf - 1;
    fromformat_spec sp;
    char buf[128];
    int n;

    *pf = parse_fromformat_spec(*pf, &sp);
    switch (sp.conv) {
    case 'c': {
        int ch = va_arg(*va, int);
        if (ch < 0 || ch > 0x10FFFF) {
            MpErr_SetString(MpExc_OverflowError,
                            "character argument not in range(0x110000)");
            return -1;
        }
        return mp_writer_write_char(w, (uint32_t)ch);
    }
    case 'd': case 'i': case 'u': case 'x':
        n = format_c_int(buf, sizeof(buf), sp.conv, sp.lng, sp.zero,
                         MP_MIN(sp.width, 100), MP_MIN(sp.prec, 100), va);
        return mp_writer_write_ascii(w, buf, n);
    case 'p':
        n = snprintf(buf, sizeof(buf), "%p", va_arg(*va, void *));
        if (n >= 2 && buf[1] != 'x' &&
            mp_writer_write_ascii(w, "0x", 2) < 0)
            return -1;
        return mp_writer_write_ascii(w, buf, n);
    case '%':
        return mp_writer_write_ascii(w, "%", 1);
    case 's': case 'U': case 'V': case 'S': case 'R': case 'A':
    {
        MpObject *text = fromformat_text(&sp, va);
        return write_object(w, text, sp.width, sp.prec);
    }
    default: {
        /* An unknown directive: copy the rest of the format verbatim,
         * from its '%' on, as CPython does. */
        Mp_ssize_t rest = (Mp_ssize_t)strlen(begin);
        *pf = begin + rest;
        return mp_writer_write(w, begin, rest, rest, 0x7F);
    }
    }
}

/* printf-like construction (the format is ASCII).  New. */
MpObject *
MpUnicode_FromFormatV(const char *format, va_list vargs)
{
    mp_unicode_writer w;
    const char *f = format;
    va_list va;

    mp_writer_init(&w);
    va_copy(va, vargs);
    while (*f) {
        const char *start = f;
        int rc;
        while (*f && *f != '%')
            f++;
        if (f > start &&
            mp_writer_write(&w, start, f - start, f - start, 0x7F) < 0)
            goto error;
        if (*f == '\0')
            break;
        if (f[1] == '\0') {
            /* A lone trailing '%' is copied. */
            if (mp_writer_write_ascii(&w, "%", 1) < 0)
                goto error;
            break;
        }
        f++;
        rc = fromformat_arg(&w, &f, &va);
        if (rc < 0)
            goto error;
    }
    va_end(va);
    /* The format is ASCII but %s/%U/... text may not be: recount. */
    {
        MpObject *res = mp_unicode_from_utf8_trusted(w.buf, w.len);
        mp_writer_dealloc(&w);
        return res;
    }
error:
    va_end(va);
    mp_writer_dealloc(&w);
    return NULL;
}

/* printf-like construction; see MpUnicode_FromFormatV.  New. */
MpObject *
MpUnicode_FromFormat(const char *format, ...)
{
    MpObject *res;
    va_list va;

    va_start(va, format);
    res = MpUnicode_FromFormatV(format, va);
    va_end(va);
    return res;
}

/* ==== str.format ==== */

typedef struct {
    MpObject *const *args;      /* positional */
    Mp_ssize_t nargs;
    MpObject *const *kwvalues;  /* keyword values, names in kwnames */
    MpObject *kwnames;
    MpObject *mapping;          /* format_map's argument, else NULL */
    Mp_ssize_t auto_index;      /* next automatic number */
    int numbering;              /* 0 unknown, 1 automatic, 2 manual */
} format_ctx;

static int render_template(mp_unicode_writer *w, const char *s,
                           Mp_ssize_t n, format_ctx *ctx, int depth);

/* Parse digits of s[0..n): the value, or -1 when not all digits. */
static Mp_ssize_t
parse_index(const char *s, Mp_ssize_t n)
{
    Mp_ssize_t v = 0, i;
    if (n == 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > MP_SSIZE_T_MAX / 10 - 10)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The first object of a field: args[index] or kwargs[name].  New. */
static MpObject *
field_first(format_ctx *ctx, const char *s, Mp_ssize_t n)
{
    Mp_ssize_t idx, i;

    if (n == 0) {
        if (ctx->numbering == 2) {
            MpErr_SetString(MpExc_ValueError, "cannot switch from manual "
                            "field specification to automatic field "
                            "numbering");
            return NULL;
        }
        ctx->numbering = 1;
        idx = ctx->auto_index++;
    }
    else {
        idx = parse_index(s, n);
        if (idx >= 0) {
            if (ctx->numbering == 1) {
                MpErr_SetString(MpExc_ValueError, "cannot switch from "
                                "automatic field numbering to manual field "
                                "specification");
                return NULL;
            }
            ctx->numbering = 2;
        }
    }
    if (idx >= 0 && ctx->mapping != NULL) {
        MpErr_SetString(MpExc_ValueError,
                        "Format string contains positional fields");
        return NULL;
    }
    if (idx >= 0) {
        if (idx >= ctx->nargs) {
            MpErr_Format(MpExc_IndexError, "Replacement index %zd out of "
                         "range for positional args tuple", idx);
            return NULL;
        }
        return Mp_NewRef(ctx->args[idx]);
    }
    for (i = 0; ctx->kwnames != NULL && i < MpTuple_Size(ctx->kwnames);
         i++) {
        MpObject *k = MpTuple_GetItem(ctx->kwnames, i);
        if (MpUnicode_UTF8_LENGTH(k) == n &&
            memcmp(MpUnicode_DATA(k), s, (size_t)n) == 0)
            return Mp_NewRef(ctx->kwvalues[i]);
    }
    {
        MpObject *key = mp_unicode_from_utf8_trusted(s, n), *v = NULL;
        if (key == NULL)
            return NULL;
        if (ctx->mapping != NULL)
            v = MpObject_GetItem(ctx->mapping, key);
        else
            MpErr_SetObject(MpExc_KeyError, key);
        Mp_DECREF(key);
        return v;
    }
}

/* Apply ".attr" / "[key]" parts in s[0..n) to obj (stolen).  New. */
static MpObject *
field_rest(MpObject *obj, const char *s, Mp_ssize_t n)
{
    Mp_ssize_t i = 0;

    while (obj != NULL && i < n) {
        char c = s[i++];
        Mp_ssize_t start = i, idx;
        MpObject *key, *next;
        if (c == '.') {
            while (i < n && s[i] != '.' && s[i] != '[')
                i++;
        }
        else if (c == '[') {
            while (i < n && s[i] != ']')
                i++;
            if (i == n) {
                MpErr_SetString(MpExc_ValueError,
                                "Missing ']' in format string");
                goto error;
            }
        }
        else {
            MpErr_SetString(MpExc_ValueError, "Only '.' or '[' may follow "
                            "']' in format field specifier");
            goto error;
        }
        if (i == start) {
            MpErr_SetString(MpExc_ValueError,
                            "Empty attribute in format string");
            goto error;
        }
        idx = c == '[' ? parse_index(s + start, i - start) : -1;
        key = idx >= 0 ? MpLong_FromSsize_t(idx)
                       : mp_unicode_from_utf8_trusted(s + start, i - start);
        if (key == NULL)
            goto error;
        next = c == '.' ? MpObject_GetAttr(obj, key)
                        : MpObject_GetItem(obj, key);
        Mp_DECREF(key);
        Mp_SETREF(obj, next);
        if (c == '[')
            i++;        /* past ']' */
    }
    return obj;
error:
    Mp_DECREF(obj);
    return NULL;
}

/* Find where the field name ends (first ':' or '!' outside brackets). */
static Mp_ssize_t
field_name_end(const char *s, Mp_ssize_t n)
{
    Mp_ssize_t i;
    int bracket = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '[')
            bracket = 1;
        else if (s[i] == ']')
            bracket = 0;
        else if (!bracket && (s[i] == ':' || s[i] == '!'))
            break;
    }
    return i;
}

/* Apply the !conversion. obj stolen.  New. */
static MpObject *
convert_field(MpObject *obj, char conv)
{
    MpObject *res;
    switch (conv) {
    case 'r': res = MpObject_Repr(obj); break;
    case 's': res = MpObject_Str(obj); break;
    case 'a': res = mp_unicode_ascii(obj); break;
    default:
        if (conv > 32 && conv < 127)
            MpErr_Format(MpExc_ValueError,
                         "Unknown conversion specifier %c", conv);
        else
            MpErr_Format(MpExc_ValueError,
                         "Unknown conversion specifier \\x%x",
                         (unsigned)(unsigned char)conv);
        res = NULL;
    }
    Mp_DECREF(obj);
    return res;
}

/* The format spec s[0..n) with its nested fields replaced (only a spec
 * holding '{' is expanded, so only then does the nesting limit apply, as
 * in CPython).  New. */
static MpObject *
expand_spec(const char *s, Mp_ssize_t n, format_ctx *ctx, int depth)
{
    mp_unicode_writer sw;
    MpObject *spec;

    if (memchr(s, '{', (size_t)n) == NULL)
        return mp_unicode_from_utf8_trusted(s, n);
    mp_writer_init(&sw);
    if (render_template(&sw, s, n, ctx, depth - 1) < 0) {
        mp_writer_dealloc(&sw);
        return NULL;
    }
    spec = mp_unicode_from_utf8_trusted(sw.buf, sw.len);
    mp_writer_dealloc(&sw);
    return spec;
}

/* Render one field whose text (without the braces) is s[0..n). */
static int
render_field(mp_unicode_writer *w, const char *s, Mp_ssize_t n,
             format_ctx *ctx, int depth)
{
    Mp_ssize_t end = field_name_end(s, n), first = 0, spec_at = n;
    MpObject *obj, *spec, *res;
    char conv = 0;
    int rc;

    while (first < end && s[first] != '.' && s[first] != '[')
        first++;
    if (end < n && s[end] == '!') {
        if (end + 1 >= n) {
            MpErr_SetString(MpExc_ValueError,
                            "unmatched '{' in format spec");
            return -1;
        }
        conv = s[end + 1];
        if (end + 2 < n && s[end + 2] != ':') {
            MpErr_SetString(MpExc_ValueError,
                            "expected ':' after conversion specifier");
            return -1;
        }
        spec_at = end + 2 < n ? end + 3 : n;
    }
    else if (end < n)
        spec_at = end + 1;
    obj = field_first(ctx, s, first);
    if (obj == NULL)
        return -1;
    obj = field_rest(obj, s + first, end - first);
    if (obj != NULL && conv != 0)
        obj = convert_field(obj, conv);
    if (obj == NULL)
        return -1;
    spec = expand_spec(s + spec_at, n - spec_at, ctx, depth);
    if (spec == NULL) {
        Mp_DECREF(obj);
        return -1;
    }
    res = MpObject_Format(obj, spec);
    Mp_DECREF(obj);
    Mp_DECREF(spec);
    if (res == NULL)
        return -1;
    rc = mp_writer_write_str(w, res);
    Mp_DECREF(res);
    return rc;
}

/* Find the '}' closing the field that starts at s[i] (just past '{'):
 * its index, or -1 after setting the error. */
static Mp_ssize_t
field_close(const char *s, Mp_ssize_t i, Mp_ssize_t n)
{
    int count = 1, bracket = 0, in_spec = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (!in_spec && c == '[')
            bracket = 1;
        else if (bracket) {
            if (c == ']')
                bracket = 0;
        }
        else if (c == ':' || c == '!')
            in_spec = 1;
        else if (c == '{')
            count++;
        else if (c == '}' && --count == 0)
            return i;
    }
    MpErr_SetString(MpExc_ValueError, "expected '}' before end of string");
    return -1;
}

static int
render_template(mp_unicode_writer *w, const char *s, Mp_ssize_t n,
                format_ctx *ctx, int depth)
{
    Mp_ssize_t i = 0;

    if (depth <= 0) {
        MpErr_SetString(MpExc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    while (i < n) {
        Mp_ssize_t start = i, close;
        while (i < n && s[i] != '{' && s[i] != '}')
            i++;
        if (i > start && mp_writer_write(w, s + start, i - start, i - start,
                                         0x10FFFF) < 0)
            return -1;
        if (i == n)
            break;
        if (i + 1 < n && s[i + 1] == s[i]) {      /* "{{" or "}}" */
            if (mp_writer_write_ascii(w, s + i, 1) < 0)
                return -1;
            i += 2;
            continue;
        }
        if (s[i] == '}' || i + 1 == n) {
            MpErr_Format(MpExc_ValueError, "Single '%c' encountered in "
                         "format string", s[i]);
            return -1;
        }
        close = field_close(s, i + 1, n);
        if (close < 0 || render_field(w, s + i + 1, close - i - 1, ctx,
                                      depth) < 0)
            return -1;
        i = close + 1;
    }
    return 0;
}

/* Render the template 'self' with the given arguments.  New. */
static MpObject *
format_impl(MpObject *self, format_ctx *ctx)
{
    mp_unicode_writer w;
    MpObject *res;

    ctx->auto_index = 0;
    ctx->numbering = 0;
    mp_writer_init(&w);
    if (render_template(&w, MpUnicode_DATA(self),
                        MpUnicode_UTF8_LENGTH(self), ctx, 2) < 0) {
        mp_writer_dealloc(&w);
        return NULL;
    }
    res = mp_unicode_from_utf8_trusted(w.buf, w.len);
    mp_writer_dealloc(&w);
    return res;
}

/* str.format(*args, **kwargs).  New. */
MpObject *
mp_unicode_format_method(MpObject *self, MpObject *const *args,
                         Mp_ssize_t nargs, MpObject *kwnames)
{
    format_ctx ctx;

    ctx.args = args;
    ctx.nargs = nargs;
    ctx.kwvalues = args + nargs;
    ctx.kwnames = kwnames;
    ctx.mapping = NULL;
    return format_impl(self, &ctx);
}

/* str.format_map(mapping): names are looked up with mapping[name].
 * New. */
MpObject *
mp_ustr_format_map(MpObject *self, MpObject *mapping)
{
    format_ctx ctx;

    ctx.args = NULL;
    ctx.nargs = 0;
    ctx.kwvalues = NULL;
    ctx.kwnames = NULL;
    ctx.mapping = mapping;
    return format_impl(self, &ctx);
}

/* str.__format__(spec).  New. */
MpObject *
mp_ustr_format_spec(MpObject *self, MpObject *spec)
{
    if (!MpUnicode_Check(spec)) {
        MpErr_Format(MpExc_TypeError, "__format__() argument must be str, "
                     "not %.100s", Mp_TYPE(spec)->tp_name);
        return NULL;
    }
    return mp_format_unicode(self, spec);
}

/* ==== printf-style % formatting ==== */

typedef struct {
    MpObject *args;         /* the right operand */
    MpObject *dict;         /* it, when it is a mapping, else NULL */
    Mp_ssize_t arglen;      /* items of a tuple, or -1 for one object */
    Mp_ssize_t argidx;
} percent_ctx;

typedef struct {
    int left, sign, space, alt, zero;
    Mp_ssize_t width, prec;
    char type;
} percent_spec;

/* Code points in the first 'nbytes' bytes of s. */
static Mp_ssize_t
count_cp_prefix(MpObject *s, Mp_ssize_t nbytes)
{
    const unsigned char *p = (const unsigned char *)MpUnicode_DATA(s);
    Mp_ssize_t i, n = 0;
    for (i = 0; i < nbytes; i++)
        n += (p[i] & 0xC0) != 0x80;
    return n;
}

/* The next positional argument (Borrowed) or NULL + TypeError. */
static MpObject *
next_arg(percent_ctx *ctx)
{
    /* A single object starts at argidx -2 against arglen -1, so it can
     * be taken once; a tuple at 0 against its size. */
    if (ctx->argidx < ctx->arglen) {
        ctx->argidx++;
        if (ctx->arglen < 0)
            return ctx->args;
        return MpTuple_GetItem(ctx->args, ctx->argidx - 1);
    }
    MpErr_SetString(MpExc_TypeError, "not enough arguments for format "
                    "string");
    return NULL;
}

/* A '*' width or precision. */
static int
star_arg(percent_ctx *ctx, Mp_ssize_t *out)
{
    MpObject *v = next_arg(ctx);
    if (v == NULL)
        return -1;
    if (!MpLong_Check(v)) {
        MpErr_SetString(MpExc_TypeError, "* wants int");
        return -1;
    }
    *out = MpLong_AsSsize_t(v);
    if (*out == -1 && MpErr_Occurred())
        return -1;
    return 0;
}

/* Append digits with sign and prefix, padded per spec; 'upper' makes
 * the hex digits capitals. */
static int
write_number(mp_unicode_writer *w, const percent_spec *sp, const char *sign,
             const char *prefix, const char *digits, Mp_ssize_t nd,
             int upper)
{
    Mp_ssize_t ns = (Mp_ssize_t)strlen(sign), np = (Mp_ssize_t)strlen(prefix);
    Mp_ssize_t zeros = sp->prec > nd ? sp->prec - nd : 0;
    Mp_ssize_t total = ns + np + zeros + nd, pad = sp->width - total, i;

    if (pad > 0 && sp->zero && !sp->left) {
        zeros += pad;
        pad = 0;
    }
    if ((pad > 0 && !sp->left && mp_writer_fill(w, ' ', pad) < 0) ||
        mp_writer_write_ascii(w, sign, ns) < 0 ||
        mp_writer_write_ascii(w, prefix, np) < 0 ||
        mp_writer_fill(w, '0', zeros) < 0 ||
        mp_writer_write_ascii(w, digits, nd) < 0)
        return -1;
    for (i = w->len - nd; upper && i < w->len; i++)
        w->buf[i] = (char)toupper((unsigned char)w->buf[i]);
    if (pad > 0 && sp->left && mp_writer_fill(w, ' ', pad) < 0)
        return -1;
    return 0;
}

/* The int a %d / %x / %o directive prints.  New, or NULL + TypeError. */
static MpObject *
percent_int_value(const percent_spec *sp, MpObject *v)
{
    if (sp->type != 'x' && sp->type != 'X' && sp->type != 'o') {
        if (!MpLong_Check(v) && !MpFloat_Check(v)) {
            MpErr_Format(MpExc_TypeError, "%%%c format: a real number is "
                         "required, not %.200s", sp->type,
                         Mp_TYPE(v)->tp_name);
            return NULL;
        }
        return MpNumber_Long(v);
    }
    if (!MpIndex_Check(v)) {
        MpErr_Format(MpExc_TypeError, "%%%c format: an integer is "
                     "required, not %.200s", sp->type, Mp_TYPE(v)->tp_name);
        return NULL;
    }
    return MpNumber_Index(v);
}

/* %d %i %u %x %X %o */
static int
percent_int(mp_unicode_writer *w, const percent_spec *sp, MpObject *v)
{
    int base = sp->type == 'o' ? 8 : (sp->type == 'x' || sp->type == 'X')
               ? 16 : 10;
    MpObject *num = percent_int_value(sp, v), *text;
    char prefix[3] = {0, 0, 0};
    int neg, rc;

    if (num == NULL)
        return -1;
    text = MpLong_Format(num, base, 0);
    neg = MpLong_Sign(num) < 0;
    Mp_DECREF(num);
    if (text == NULL)
        return -1;
    if (sp->alt && base != 10) {
        prefix[0] = '0';
        prefix[1] = sp->type;
    }
    rc = write_number(w, sp, neg ? "-" : sp->sign ? "+" : sp->space ? " " : "",
                      prefix, MpUnicode_DATA(text) + neg,
                      MpUnicode_UTF8_LENGTH(text) - neg, sp->type == 'X');
    Mp_DECREF(text);
    return rc;
}

/* %e %E %f %F %g %G: the digits from snprintf (whose rules CPython's %
 * follows), the width applied here, because CPython also zero-pads inf
 * and nan where C pads them with spaces. */
static int
percent_float(mp_unicode_writer *w, const percent_spec *sp, MpObject *v)
{
    double x;
    char spec[16], *buf;
    int n, rc, sign;
    Mp_ssize_t prec = sp->prec < 0 ? 6 : MP_MIN(sp->prec, 100000), pad;

    x = MpFloat_AsDouble(v);
    if (x == -1.0 && MpErr_Occurred())
        return -1;
    snprintf(spec, sizeof(spec), "%%%s%s%s.%d%c", sp->sign ? "+" : "",
             sp->space ? " " : "", sp->alt ? "#" : "", (int)prec, sp->type);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    n = snprintf(NULL, 0, spec, x);
    buf = MpMem_Malloc((size_t)n + 1);
    if (buf == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    snprintf(buf, (size_t)n + 1, spec, x);
#pragma GCC diagnostic pop
    pad = sp->width > n ? sp->width - n : 0;
    sign = n > 0 && (buf[0] == '-' || buf[0] == '+' || buf[0] == ' ');
    if (sp->left)
        rc = mp_writer_write_ascii(w, buf, n) < 0 ||
             mp_writer_fill(w, ' ', pad) < 0 ? -1 : 0;
    else if (sp->zero)
        rc = mp_writer_write_ascii(w, buf, sign) < 0 ||
             mp_writer_fill(w, '0', pad) < 0 ||
             mp_writer_write_ascii(w, buf + sign, n - sign) < 0 ? -1 : 0;
    else
        rc = mp_writer_fill(w, ' ', pad) < 0 ||
             mp_writer_write_ascii(w, buf, n) < 0 ? -1 : 0;
    MpMem_Free(buf);
    return rc;
}

/* %s %r %a %c: a text conversion padded to width. */
static int
percent_text(mp_unicode_writer *w, const percent_spec *sp, MpObject *v)
{
    MpObject *s;
    Mp_ssize_t len, pad;
    int rc;

    if (sp->type == 'c') {
        if (MpUnicode_Check(v)) {
            if (MpUnicode_GET_LENGTH(v) != 1) {
                MpErr_SetString(MpExc_TypeError, "%c requires int or char");
                return -1;
            }
            s = Mp_NewRef(v);
        }
        else if (MpLong_Check(v)) {
            long c = MpLong_AsLong(v);
            if (c == -1 && MpErr_Occurred()) {
                if (!MpErr_ExceptionMatches(MpExc_OverflowError))
                    return -1;
                MpErr_Clear();
            }
            if (c < 0 || c > 0x10FFFF) {
                MpErr_SetString(MpExc_OverflowError,
                                "%c arg not in range(0x110000)");
                return -1;
            }
            s = MpUnicode_FromOrdinal((int)c);
        }
        else {
            MpErr_SetString(MpExc_TypeError, "%c requires int or char");
            return -1;
        }
    }
    else if (sp->type == 's')
        s = MpObject_Str(v);
    else if (sp->type == 'r')
        s = MpObject_Repr(v);
    else
        s = mp_unicode_ascii(v);
    if (s == NULL)
        return -1;
    if (sp->prec >= 0 && sp->prec < MpUnicode_GET_LENGTH(s) &&
        sp->type != 'c')
        Mp_SETREF(s, mp_unicode_substring(s, 0, sp->prec));
    if (s == NULL)
        return -1;
    len = MpUnicode_GET_LENGTH(s);
    pad = sp->width > len ? sp->width - len : 0;
    rc = (!sp->left && mp_writer_fill(w, ' ', pad) < 0) ||
         mp_writer_write_str(w, s) < 0 ||
         (sp->left && mp_writer_fill(w, ' ', pad) < 0) ? -1 : 0;
    Mp_DECREF(s);
    return rc;
}

/* Parse "(name)" at s[*i] (just past '(') and look the name up in the
 * mapping.  New. */
static MpObject *
mapping_arg(percent_ctx *ctx, const char *s, Mp_ssize_t n, Mp_ssize_t *i)
{
    Mp_ssize_t start = *i, depth = 1;
    MpObject *key, *v;

    if (ctx->dict == NULL) {
        MpErr_SetString(MpExc_TypeError, "format requires a mapping");
        return NULL;
    }
    while (*i < n) {
        if (s[*i] == '(')
            depth++;
        else if (s[*i] == ')' && --depth == 0)
            break;
        (*i)++;
    }
    if (*i >= n) {
        MpErr_SetString(MpExc_ValueError, "incomplete format key");
        return NULL;
    }
    key = mp_unicode_from_utf8_trusted(s + start, *i - start);
    (*i)++;
    if (key == NULL)
        return NULL;
    v = MpObject_GetItem(ctx->dict, key);
    Mp_DECREF(key);
    /* The value stands for the one argument, now consumed: a later
     * positional directive finds none left (CPython's rule). */
    ctx->arglen = -1;
    ctx->argidx = -1;
    return v;
}

/* Parse flags, width and precision at s[*i]. */
static int
parse_spec(percent_ctx *ctx, const char *s, Mp_ssize_t n, Mp_ssize_t *i,
           percent_spec *sp)
{
    memset(sp, 0, sizeof(*sp));
    sp->prec = -1;
    for (; *i < n; (*i)++) {
        switch (s[*i]) {
        case '-': sp->left = 1; continue;
        case '+': sp->sign = 1; continue;
        case ' ': sp->space = 1; continue;
        case '#': sp->alt = 1; continue;
        case '0': sp->zero = 1; continue;
        }
        break;
    }
    if (*i < n && s[*i] == '*') {
        (*i)++;
        if (star_arg(ctx, &sp->width) < 0)
            return -1;
        if (sp->width < 0) {
            sp->left = 1;
            sp->width = -sp->width;
        }
    }
    else
        while (*i < n && isdigit((unsigned char)s[*i]))
            sp->width = sp->width * 10 + (s[(*i)++] - '0');
    if (*i < n && s[*i] == '.') {
        (*i)++;
        sp->prec = 0;
        if (*i < n && s[*i] == '*') {
            (*i)++;
            if (star_arg(ctx, &sp->prec) < 0)
                return -1;
            if (sp->prec < 0)
                sp->prec = 0;
        }
        else
            while (*i < n && isdigit((unsigned char)s[*i]))
                sp->prec = sp->prec * 10 + (s[(*i)++] - '0');
    }
    while (*i < n && (s[*i] == 'h' || s[*i] == 'l' || s[*i] == 'L'))
        (*i)++;
    if (*i >= n) {
        MpErr_SetString(MpExc_ValueError, "incomplete format");
        return -1;
    }
    sp->type = s[(*i)++];
    return 0;
}

/* One directive starting just past '%' at s[*i]. */
static int
percent_directive(mp_unicode_writer *w, percent_ctx *ctx, MpObject *fmt,
                  Mp_ssize_t *i)
{
    const char *s = MpUnicode_DATA(fmt);
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(fmt), at;
    MpObject *v = NULL, *owned = NULL;
    percent_spec sp;
    int rc;

    if (*i < n && s[*i] == '%') {      /* "%%": only the bare form */
        (*i)++;
        return mp_writer_write_ascii(w, "%", 1);
    }
    if (*i < n && s[*i] == '(') {
        (*i)++;
        owned = v = mapping_arg(ctx, s, n, i);
        if (v == NULL)
            return -1;
    }
    if (parse_spec(ctx, s, n, i, &sp) < 0)
        goto error;
    at = *i - 1;
    if (v == NULL && (v = next_arg(ctx)) == NULL)
        goto error;
    switch (sp.type) {
    case 's': case 'r': case 'a': case 'c':
        rc = percent_text(w, &sp, v);
        break;
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        rc = percent_int(w, &sp, v);
        break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        rc = percent_float(w, &sp, v);
        break;
    default: {
        Mp_ssize_t p = at, index = count_cp_prefix(fmt, at);
        uint32_t c = mp_utf8_decode(s, &p);
        MpErr_Format(MpExc_ValueError, "unsupported format character "
                     "'%c' (0x%x) at index %zd", (int)c, (unsigned)c, index);
        rc = -1;
    }
    }
    Mp_XDECREF(owned);
    return rc;
error:
    Mp_XDECREF(owned);
    return -1;
}

/* format % args.  New; TypeError/ValueError/KeyError as CPython. */
MpObject *
MpUnicode_Format(MpObject *format, MpObject *args)
{
    const char *s;
    Mp_ssize_t n, i = 0;
    percent_ctx ctx;
    mp_unicode_writer w;
    MpObject *res;

    if (format == NULL || !MpUnicode_Check(format) || args == NULL) {
        MpErr_BadInternalCall();
        return NULL;
    }
    s = MpUnicode_DATA(format);
    n = MpUnicode_UTF8_LENGTH(format);
    ctx.args = args;
    ctx.dict = NULL;
    if (MpTuple_Check(args)) {
        ctx.arglen = MpTuple_Size(args);
        ctx.argidx = 0;
    }
    else {
        ctx.arglen = -1;
        ctx.argidx = -2;
    }
    if (MpMapping_Check(args) && !MpTuple_Check(args) &&
        !MpUnicode_Check(args))
        ctx.dict = args;
    mp_writer_init(&w);
    while (i < n) {
        Mp_ssize_t start = i;
        while (i < n && s[i] != '%')
            i++;
        if (i > start && mp_writer_write(&w, s + start, i - start,
                                         i - start, 0x10FFFF) < 0)
            goto error;
        if (i == n)
            break;
        i++;
        if (percent_directive(&w, &ctx, format, &i) < 0)
            goto error;
    }
    if (ctx.dict == NULL && ctx.argidx < ctx.arglen) {
        MpErr_SetString(MpExc_TypeError, "not all arguments converted "
                        "during string formatting");
        goto error;
    }
    res = mp_unicode_from_utf8_trusted(w.buf, w.len);
    mp_writer_dealloc(&w);
    return res;
error:
    mp_writer_dealloc(&w);
    return NULL;
}

/* The nb_remainder of str: 'a' is a str.  New. */
MpObject *
mp_unicode_mod(MpObject *a, MpObject *b)
{
    return MpUnicode_Format(a, b);
}
