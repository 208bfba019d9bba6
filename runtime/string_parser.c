/*
 * string_parser.c -- number and string literals, and f-strings.
 *
 * A run of adjacent STRING tokens becomes one node:
 *
 *   'a' "b"            Constant('ab')
 *   'a' f'{x!r:>4}'    JoinedStr([Constant('a'),
 *                                 FormattedValue(x, 'r', JoinedStr(...))])
 *
 * Escapes are decoded here (the tokenizer leaves them alone).  An
 * f-string's replacement fields are scanned for their end -- the matching
 * '}' outside brackets and quotes, or a top-level '!', ':' or '=' -- and
 * the expression text is parsed by a second parser over the same arena.
 * Format specs are themselves parsed as f-strings (one level of nesting,
 * as CPython allows).
 *
 * Read alongside CPython 3.11: Parser/string_parser.c
 * (decode_unicode_with_escapes, fstring_find_expr, fstring_parse).
 *
 * Left out: bytes literals (minipy has no bytes type) and \N{...} escapes
 * (no Unicode name table): both raise NotImplementedError.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/parser_state.h"

/* ---- A growing UTF-8 buffer ---- */

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} strbuf;

static int
strbuf_put(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        char *data;
        while (cap < b->len + n + 1)
            cap *= 2;
        data = MpMem_Realloc(b->data, cap);
        if (data == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static int
strbuf_put_codepoint(strbuf *b, unsigned long cp)
{
    char out[4];
    size_t n;

    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    }
    else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    }
    else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return strbuf_put(b, out, n);
}

/* ---- Numbers ---- */

static void *
huge_literal_error(mp_parser *p, p_token *tok)
{
    MpObject *exc = MpErr_GetRaisedException();
    MpObject *msg = MpObject_Str(exc);
    char text[256];

    Mp_DECREF(exc);
    if (msg == NULL)
        return NULL;
    snprintf(text, sizeof(text), "%s - Consider hexadecimal for huge "
             "integer literals to avoid decimal conversion limits.",
             MpUnicode_AsUTF8(msg));
    Mp_DECREF(msg);
    return mp_parser_error_at(p, tok, NULL, text);
}

mp_expr *
mp_parse_number(mp_parser *p, p_token *tok)
{
    size_t n = (size_t)(tok->t.end - tok->t.start), i, k = 0;
    char *digits = MpMem_Malloc(n + 1);
    int is_float = 0, is_hex;
    MpObject *value;
    mp_expr *e;

    if (digits == NULL)
        return (MpErr_NoMemory(), NULL);
    for (i = 0; i < n; i++) {
        if (tok->t.start[i] != '_')
            digits[k++] = tok->t.start[i];
    }
    digits[k] = '\0';
    is_hex = k > 1 && digits[0] == '0' && (digits[1] | 0x20) == 'x';
    if ((digits[k - 1] | 0x20) == 'j') {
        MpMem_Free(digits);
        MpErr_Format(MpExc_NotImplementedError, "complex numbers are not "
                     "supported by minipy (line %d)", tok->t.lineno);
        return NULL;
    }
    for (i = 0; i < k && !is_hex; i++)
        is_float |= digits[i] == '.' || (digits[i] | 0x20) == 'e';
    if (is_float)
        value = MpFloat_FromDouble(strtod(digits, NULL));
    else
        value = MpLong_FromString(digits, NULL, 0);
    MpMem_Free(digits);
    if (value == NULL) {
        if (MpErr_ExceptionMatches(MpExc_ValueError))
            return huge_literal_error(p, tok);
        return NULL;
    }
    if (mp_parser_own(p, value) == NULL)
        return NULL;
    e = mp_parser_expr(p, AST_Constant, tok);
    if (e != NULL)
        e->v.Constant.value = value;
    return e;
}

/* ---- Escapes ---- */

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int
escape_error(mp_parser *p, p_token *tok, size_t pos, size_t len,
             const char *what)
{
    char msg[160];
    snprintf(msg, sizeof(msg), "(unicode error) 'unicodeescape' codec "
             "can't decode bytes in position %zu-%zu: %s", pos,
             pos + len - 1, what);
    mp_parser_error_at(p, tok, NULL, msg);
    return -1;
}

/* \x, \u, \U: 'count' hex digits at s[i]. */
static int
decode_hex_escape(mp_parser *p, p_token *tok, const char *s, size_t n,
                  size_t *i, int count, strbuf *out)
{
    unsigned long cp = 0;
    size_t start = *i - 2;
    int k;
    static const char *const what[] = {
        "truncated \\xXX escape", "truncated \\uXXXX escape",
        "truncated \\UXXXXXXXX escape",
    };

    for (k = 0; k < count; k++) {
        int h = *i + (size_t)k < n ? hex_value(s[*i + (size_t)k]) : -1;
        if (h < 0)
            return escape_error(p, tok, start, 2 + (size_t)k,
                                what[count == 2 ? 0 : count == 4 ? 1 : 2]);
        cp = cp * 16 + (unsigned long)h;
    }
    *i += (size_t)count;
    if (cp > 0x10FFFF)
        return escape_error(p, tok, start, 2 + (size_t)count,
                            "illegal Unicode character");
    return strbuf_put_codepoint(out, cp);
}

/* Decode the escape whose backslash is at s[*i - 1]; advance *i. */
static int
decode_escape(mp_parser *p, p_token *tok, const char *s, size_t n,
              size_t *i, strbuf *out)
{
    char c = s[(*i)++];
    static const char simple_in[] = "\n\\'\"abfnrtv";
    static const char simple_out[] = "\0\\'\"\a\b\f\n\r\t\v";
    const char *where = strchr(simple_in, c);

    if (c != '\0' && where != NULL) {
        if (c == '\n')
            return 0;       /* backslash-newline: a line continuation */
        return strbuf_put(out, &simple_out[where - simple_in], 1);
    }
    if (c >= '0' && c <= '7') {
        unsigned long cp = (unsigned long)(c - '0');
        int k;
        for (k = 0; k < 2 && *i < n && s[*i] >= '0' && s[*i] <= '7'; k++)
            cp = cp * 8 + (unsigned long)(s[(*i)++] - '0');
        return strbuf_put_codepoint(out, cp);
    }
    if (c == 'x')
        return decode_hex_escape(p, tok, s, n, i, 2, out);
    if (c == 'u')
        return decode_hex_escape(p, tok, s, n, i, 4, out);
    if (c == 'U')
        return decode_hex_escape(p, tok, s, n, i, 8, out);
    if (c == 'N') {
        MpErr_Format(MpExc_NotImplementedError, "\\N{...} escapes are not "
                     "supported by minipy (line %d)", tok->t.lineno);
        return -1;
    }
    /* An unknown escape keeps its backslash. */
    (*i)--;
    return strbuf_put(out, "\\", 1);
}

/* Append the literal text s[0..n) (escapes decoded unless raw). */
static int
decode_literal(mp_parser *p, p_token *tok, const char *s, size_t n, int raw,
               strbuf *out)
{
    size_t i = 0;

    while (i < n) {
        size_t run = i;
        while (run < n && (raw || s[run] != '\\'))
            run++;
        if (strbuf_put(out, s + i, run - i) < 0)
            return -1;
        i = run;
        if (i < n) {
            i++;
            if (decode_escape(p, tok, s, n, &i, out) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- f-strings ---- */

typedef struct {
    p_list values;          /* the JoinedStr's nodes so far */
    strbuf literal;         /* literal text not yet flushed */
    int is_fstring;         /* a JoinedStr is needed */
} string_parts;

static void *
fstring_error(mp_parser *p, p_token *tok, const char *msg)
{
    char text[160];
    snprintf(text, sizeof(text), "f-string: %s", msg);
    return mp_parser_error_at(p, tok, NULL, text);
}

/* Turn the pending literal text into a Constant node. */
static int
flush_literal(mp_parser *p, p_token *tok, string_parts *parts)
{
    MpObject *text;
    mp_expr *e;

    if (parts->literal.len == 0)
        return 0;
    text = MpUnicode_FromStringAndSize(parts->literal.data,
                                       (Mp_ssize_t)parts->literal.len);
    if (mp_parser_own(p, text) == NULL)
        return -1;
    parts->literal.len = 0;
    e = mp_parser_expr(p, AST_Constant, tok);
    if (e == NULL)
        return -1;
    e->v.Constant.value = text;
    return p_list_append(&parts->values, e);
}

/* Where the expression of a replacement field ends: the index of the
 * first top-level '}', '!', ':' or debugging '='. */
static int
find_expression_end(mp_parser *p, p_token *tok, const char *s, size_t n,
                    size_t start, size_t *end)
{
    int depth = 0;
    char quote = 0;
    size_t j;

    for (j = start; j < n; j++) {
        char c = s[j];
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"')
            quote = c;
        else if (c == '\\') {
            fstring_error(p, tok, "expression part cannot include a "
                          "backslash");
            return -1;
        }
        else if (c == '#') {
            fstring_error(p, tok, "expression part cannot include '#'");
            return -1;
        }
        else if (c == '(' || c == '[' || c == '{')
            depth++;
        else if (c == ')' || c == ']' || (c == '}' && depth > 0))
            depth--;
        else if (depth == 0 && (c == '}' || c == ':' ||
                 (c == '!' && j + 1 < n && s[j + 1] != '=') ||
                 (c == '=' && j + 1 < n && s[j + 1] != '=' && j > start &&
                  strchr("=!<>", s[j - 1]) == NULL))) {
            *end = j;
            return 0;
        }
    }
    fstring_error(p, tok, quote ? "unterminated string" : "expecting '}'");
    return -1;
}

/* Parse the expression text s[start..end) with a sub-parser. */
static mp_expr *
parse_field_expression(mp_parser *p, p_token *tok, const char *s,
                       size_t start, size_t end)
{
    size_t i, n = end - start;
    char *text;
    mp_parser sub;
    mp_expr *e = NULL;

    for (i = start; i < end && strchr(" \t\n\r\f", s[i]) != NULL; i++)
        ;
    if (i == end)
        return fstring_error(p, tok, "empty expression not allowed");
    text = MpMem_Malloc(n + 3);
    if (text == NULL)
        return (MpErr_NoMemory(), NULL);
    text[0] = '(';
    memcpy(text + 1, s + start, n);
    text[n + 1] = ')';
    text[n + 2] = '\0';
    memset(&sub, 0, sizeof(sub));
    mp_tokenizer_init(&sub.tokenizer, text);
    sub.arena = p->arena;
    sub.source = text;
    sub.filename = p->filename;
    sub.depth = p->depth;
    sub.line_offset = tok->t.lineno - 1;
    /* Columns as in the source line (when the field is on the string's
     * first line); the '(' added in front is column -1. */
    {
        const char *line = s + start, *q = tok->t.start;
        int first_line = 1;
        for (; q < line; q++)
            first_line &= *q != '\n';
        sub.col_offset = first_line
            ? tok->t.col_offset + (int)(line - tok->t.start) - 1 : 0;
    }
    e = mp_parse_star_expressions(&sub);
    if (e != NULL && mp_parser_at_kind(&sub, MP_TOK_NEWLINE) == 1)
        sub.pos++;
    if (e != NULL && mp_parser_at_kind(&sub, MP_TOK_ENDMARKER) != 1)
        e = mp_parser_invalid_syntax(&sub);
    mp_parser_free_tokens(&sub);
    MpMem_Free(text);
    if (e == NULL && MpErr_ExceptionMatches(MpExc_SyntaxError)) {
        /* Report it as CPython does: "f-string: <message>". */
        MpObject *exc = MpErr_GetRaisedException();
        MpObject *msg = MpObject_GetAttrString(exc, "msg");
        Mp_DECREF(exc);
        if (msg == NULL)
            return NULL;
        fstring_error(p, tok, MpUnicode_AsUTF8(msg));
        Mp_DECREF(msg);
    }
    return e;
}

static int parse_fstring_body(mp_parser *p, p_token *tok, const char *s,
                              size_t n, int raw, size_t *pos,
                              string_parts *parts, int in_spec);

/* The format spec after ':' as a JoinedStr, up to the field's '}'. */
static mp_expr *
parse_format_spec(mp_parser *p, p_token *tok, const char *s, size_t n,
                  int raw, size_t *pos)
{
    string_parts spec;
    mp_expr *e;

    memset(&spec, 0, sizeof(spec));
    p_list_init(&spec.values);
    if (parse_fstring_body(p, tok, s, n, raw, pos, &spec, 1) < 0 ||
        flush_literal(p, tok, &spec) < 0)
        goto error;
    e = mp_parser_expr(p, AST_JoinedStr, tok);
    if (e == NULL || (e->v.JoinedStr.values = p_list_finish(p, &spec.values))
                     == NULL)
        goto error;
    MpMem_Free(spec.literal.data);
    return e;
error:
    p_list_clear(&spec.values);
    MpMem_Free(spec.literal.data);
    return NULL;
}

/* One replacement field; s[*pos] is just after its '{'. */
static int
parse_field(mp_parser *p, p_token *tok, const char *s, size_t n, int raw,
            size_t *pos, string_parts *parts)
{
    size_t start = *pos, end;
    int conversion = -1, debug = 0;
    mp_expr *value, *spec = NULL, *e;

    if (find_expression_end(p, tok, s, n, start, &end) < 0 ||
        (value = parse_field_expression(p, tok, s, start, end)) == NULL)
        return -1;
    *pos = end;
    if (s[*pos] == '=') {
        /* f'{x=}': the text up to here, then the value's repr. */
        debug = 1;
        (*pos)++;
        while (*pos < n && strchr(" \t\n", s[*pos]) != NULL)
            (*pos)++;
        if (strbuf_put(&parts->literal, s + start, *pos - start) < 0)
            return -1;
    }
    if (flush_literal(p, tok, parts) < 0)
        return -1;
    if (*pos < n && s[*pos] == '!') {
        char c = *pos + 1 < n ? s[*pos + 1] : '\0';
        if (c != 's' && c != 'r' && c != 'a') {
            fstring_error(p, tok, "invalid conversion character: expected "
                          "'s', 'r', or 'a'");
            return -1;
        }
        conversion = c;
        *pos += 2;
    }
    if (*pos < n && s[*pos] == ':') {
        (*pos)++;
        spec = parse_format_spec(p, tok, s, n, raw, pos);
        if (spec == NULL)
            return -1;
    }
    if (*pos >= n || s[*pos] != '}') {
        fstring_error(p, tok, "expecting '}'");
        return -1;
    }
    (*pos)++;
    if (debug && conversion == -1 && spec == NULL)
        conversion = 'r';
    e = mp_parser_expr(p, AST_FormattedValue, tok);
    if (e == NULL)
        return -1;
    e->v.FormattedValue.value = value;
    e->v.FormattedValue.conversion = conversion;
    e->v.FormattedValue.format_spec = spec;
    return p_list_append(&parts->values, e);
}

/* Literal text and fields of an f-string body from s[*pos]; in a format
 * spec, stop before the '}' that closes the field. */
static int
parse_fstring_body(mp_parser *p, p_token *tok, const char *s, size_t n,
                   int raw, size_t *pos, string_parts *parts, int in_spec)
{
    while (*pos < n) {
        size_t run = *pos;
        while (run < n && s[run] != '{' && s[run] != '}')
            run++;
        if (decode_literal(p, tok, s + *pos, run - *pos, raw,
                           &parts->literal) < 0)
            return -1;
        *pos = run;
        if (run == n)
            break;
        if (s[run] == '}') {
            if (in_spec)
                return 0;
            if (run + 1 < n && s[run + 1] == '}') {
                if (strbuf_put(&parts->literal, "}", 1) < 0)
                    return -1;
                *pos = run + 2;
                continue;
            }
            fstring_error(p, tok, "single '}' is not allowed");
            return -1;
        }
        if (!in_spec && run + 1 < n && s[run + 1] == '{') {
            if (strbuf_put(&parts->literal, "{", 1) < 0)
                return -1;
            *pos = run + 2;
            continue;
        }
        *pos = run + 1;
        if (mp_parser_enter(p) < 0)
            return -1;
        if (parse_field(p, tok, s, n, raw, pos, parts) < 0) {
            mp_parser_leave(p);
            return -1;
        }
        mp_parser_leave(p);
    }
    if (in_spec) {
        fstring_error(p, tok, "expecting '}'");
        return -1;
    }
    return 0;
}

/* ---- String tokens ---- */

typedef struct {
    int raw, bytes, fstring, u;
    const char *body;       /* between the quotes */
    size_t len;
} string_token;

static void
split_string_token(p_token *tok, string_token *st)
{
    const char *s = tok->t.start;
    size_t quote_len;

    memset(st, 0, sizeof(*st));
    for (; *s != '\'' && *s != '"'; s++) {
        char c = (char)(*s | 0x20);
        st->raw |= c == 'r';
        st->bytes |= c == 'b';
        st->fstring |= c == 'f';
        st->u |= c == 'u';
    }
    quote_len = (s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
    st->body = s + quote_len;
    st->len = (size_t)(tok->t.end - st->body) - quote_len;
}

static mp_expr *
finish_strings(mp_parser *p, p_token *first, string_parts *parts, int u)
{
    mp_expr *e;

    if (!parts->is_fstring) {
        MpObject *text = MpUnicode_FromStringAndSize(
            parts->literal.data ? parts->literal.data : "",
            (Mp_ssize_t)parts->literal.len);
        if (mp_parser_own(p, text) == NULL)
            return NULL;
        e = mp_parser_expr(p, AST_Constant, first);
        if (e != NULL) {
            e->v.Constant.value = text;
            e->v.Constant.u_prefix = u;
        }
        return e;
    }
    if (flush_literal(p, first, parts) < 0)
        return NULL;
    e = mp_parser_expr(p, AST_JoinedStr, first);
    if (e == NULL)
        return NULL;
    e->v.JoinedStr.values = p_list_finish(p, &parts->values);
    return e->v.JoinedStr.values == NULL ? NULL : e;
}

mp_expr *
mp_parse_strings(mp_parser *p)
{
    p_token *first = mp_parser_peek(p, 0), *tok;
    string_parts parts;
    int any_bytes = 0, any_text = 0, first_u = -1;
    mp_expr *e = NULL;

    if (first == NULL)
        return NULL;
    memset(&parts, 0, sizeof(parts));
    p_list_init(&parts.values);
    while ((tok = mp_parser_peek(p, 0)) != NULL &&
           tok->t.kind == MP_TOK_STRING) {
        string_token st;
        p->pos++;
        split_string_token(tok, &st);
        if (first_u < 0)
            first_u = st.u;
        any_bytes |= st.bytes;
        any_text |= !st.bytes;
        if (any_bytes && any_text) {
            mp_parser_error_at(p, first, tok, "cannot mix bytes and "
                               "nonbytes literals");
            goto done;
        }
        if (st.bytes) {
            MpErr_Format(MpExc_NotImplementedError, "bytes literals are "
                         "not supported by minipy (line %d)", tok->t.lineno);
            goto done;
        }
        if (st.fstring) {
            size_t pos = 0;
            parts.is_fstring = 1;
            if (parse_fstring_body(p, tok, st.body, st.len, st.raw, &pos,
                                   &parts, 0) < 0)
                goto done;
        }
        else if (decode_literal(p, tok, st.body, st.len, st.raw,
                                &parts.literal) < 0) {
            goto done;
        }
    }
    if (tok != NULL)
        e = finish_strings(p, first, &parts, first_u == 1);
done:
    p_list_clear(&parts.values);
    MpMem_Free(parts.literal.data);
    return e;
}
