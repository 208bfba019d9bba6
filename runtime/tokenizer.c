/*
 * tokenizer.c -- Python source text to tokens, as CPython 3.11 splits it.
 *
 * The scanner walks a NUL-terminated UTF-8 buffer once, left to right:
 *
 *     source ──► [ line start? ──► indentation ──► INDENT / DEDENT ]
 *                [ token: NAME | NUMBER | STRING | OP ]
 *                [ end of logical line ──► NEWLINE ]
 *                [ end of input ──► NEWLINE, DEDENT..., ENDMARKER ]
 *
 * Invariants
 *   - Indentation is measured only at the start of a logical line outside
 *     brackets.  Two stacks hold each open block's column: tabs advance to
 *     the next multiple of 8 in one and count as one column in the other;
 *     if the two comparisons disagree the indentation depends on the tab
 *     size, which is a TabError (CPython's rule).
 *   - Blank lines and comment-only lines produce no token at all.
 *   - Inside (), [] and {} a newline is ordinary white space (implicit line
 *     joining); a backslash before a newline joins lines anywhere.
 *   - The bracket stack remembers each opener's position, so a missing
 *     closer is reported where it was opened, as CPython reports it.
 *   - Strings (all prefixes, including f-strings) are one STRING token with
 *     their quotes; escapes and f-string fields are the parser's business.
 *
 * Read alongside CPython 3.11: Parser/tokenizer.c (tok_get,
 * verify_end_of_number, tok_decimal_tail).
 *
 * Left out: encoding declarations (source is always UTF-8), type comments,
 * the interactive-mode prompts (the REPL feeds whole blocks), and the
 * SyntaxWarning for a number followed by a keyword ("1if"), which 3.11
 * accepts silently.  Non-ASCII identifiers accept the letters of the common
 * alphabets listed in is_identifier_char rather than the full Unicode
 * XID tables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "include/internal/mp_core.h"
#include "runtime/tokenizer.h"

static const char *const operator_text[] = {
#define MP_OP_TEXT(name, text) text,
    MP_OPERATOR_LIST(MP_OP_TEXT)
#undef MP_OP_TEXT
};

const char *
mp_operator_text(mp_operator op)
{
    return op < MP_OP_COUNT ? operator_text[op] : "?";
}

void
mp_tokenizer_init(mp_tokenizer *tok, const char *source)
{
    memset(tok, 0, sizeof(*tok));
    tok->buf = source;
    tok->cur = source;
    tok->line_start = source;
    tok->lineno = 1;
    tok->atbol = 1;
}

/* ---- Errors ---- */

static mp_token_kind
error_at(mp_tokenizer *tok, mp_tokerr_kind kind, int lineno, int col,
         const char *format, ...)
{
    va_list va;

    va_start(va, format);
    vsnprintf(tok->err_msg, sizeof(tok->err_msg), format, va);
    va_end(va);
    tok->err_kind = kind;
    tok->err_lineno = lineno;
    tok->err_col = col;
    tok->done = -1;
    return MP_TOK_ERROR;
}

/* An error at byte 'pos' of the current line. */
#define error_here(tok, kind, pos, ...) \
    error_at((tok), (kind), (tok)->lineno, \
             (int)((pos) - (tok)->line_start), __VA_ARGS__)

/* ---- Characters ---- */

/* Decode the UTF-8 sequence at p; store its length in *len.  Malformed
 * input decodes as the byte value itself with length 1. */
static unsigned int
decode_utf8(const char *p, int *len)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned int cp;
    int n, i;

    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0) {
        n = 2;
        cp = s[0] & 0x1F;
    }
    else if ((s[0] & 0xF0) == 0xE0) {
        n = 3;
        cp = s[0] & 0x0F;
    }
    else if ((s[0] & 0xF8) == 0xF0) {
        n = 4;
        cp = s[0] & 0x07;
    }
    else {
        *len = 1;
        return s[0];
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return s[0];
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *len = n;
    return cp;
}

/* Letters of the common alphabets, and combining marks after the first
 * character: a subset of Unicode's XID_Start / XID_Continue. */
static int
is_identifier_char(unsigned int cp, int first)
{
    static const unsigned int letters[][2] = {
        {0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6},
        {0xD8, 0xF6}, {0xF8, 0x2C1}, {0x370, 0x374}, {0x376, 0x37D},
        {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x3FF}, {0x400, 0x481},
        {0x48A, 0x52F}, {0x531, 0x556}, {0x561, 0x587}, {0x5D0, 0x5EA},
        {0x620, 0x64A}, {0x904, 0x939}, {0x1E00, 0x1FFF},
        {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
    };
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(letters); i++) {
        if (cp >= letters[i][0] && cp <= letters[i][1])
            return 1;
    }
    /* Combining diacritical marks continue an identifier. */
    return !first && cp >= 0x300 && cp <= 0x36F;
}

static int
is_ascii_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ascii_name_char(int c)
{
    return is_ascii_name_start(c) || (c >= '0' && c <= '9');
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ---- Tokens ---- */

static mp_token_kind
make_token(mp_tokenizer *tok, mp_token *token, mp_token_kind kind,
           const char *start, int lineno, int col)
{
    token->kind = kind;
    token->start = start;
    token->end = tok->cur;
    token->lineno = lineno;
    token->col_offset = col;
    token->end_lineno = tok->lineno;
    token->end_col_offset = (int)(tok->cur - tok->line_start);
    return kind;
}

/* A token on the current line from 'start' to tok->cur. */
static mp_token_kind
token_here(mp_tokenizer *tok, mp_token *token, mp_token_kind kind,
           const char *start)
{
    return make_token(tok, token, kind, start, tok->lineno,
                      (int)(start - tok->line_start));
}

/* ---- Indentation ---- */

/* Measure the indentation of a new logical line and queue INDENT/DEDENT
 * tokens in tok->pending.  Blank and comment-only lines are left alone. */
static mp_token_kind
read_indentation(mp_tokenizer *tok)
{
    int col = 0, altcol = 0;
    const char *p = tok->cur;

    for (;; p++) {
        if (*p == ' ') {
            col++;
            altcol++;
        }
        else if (*p == '\t') {
            col = (col / 8 + 1) * 8;
            altcol++;
        }
        else if (*p == '\f') {
            col = altcol = 0;
        }
        else {
            break;
        }
    }
    tok->cur = p;
    if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0')
        return MP_TOK_ENDMARKER;        /* blank line: no indentation */
    if (col == tok->indstack[tok->indent]) {
        if (altcol != tok->altindstack[tok->indent])
            goto tab_error;
    }
    else if (col > tok->indstack[tok->indent]) {
        if (tok->indent + 1 >= MP_TOK_MAXINDENT)
            return error_here(tok, MP_TOKERR_INDENT, p,
                              "too many levels of indentation");
        if (altcol <= tok->altindstack[tok->indent])
            goto tab_error;
        tok->indent++;
        tok->indstack[tok->indent] = col;
        tok->altindstack[tok->indent] = altcol;
        tok->pending++;
    }
    else {
        while (tok->indent > 0 && col < tok->indstack[tok->indent]) {
            tok->pending--;
            tok->indent--;
        }
        /* Reported just past the first character, as CPython does. */
        if (col != tok->indstack[tok->indent])
            return error_here(tok, MP_TOKERR_INDENT, p + 1,
                              "unindent does not match any outer "
                              "indentation level");
        if (altcol != tok->altindstack[tok->indent])
            goto tab_error;
    }
    return MP_TOK_ENDMARKER;

tab_error:
    return error_here(tok, MP_TOKERR_TAB, tok->line_start,
                      "inconsistent use of tabs and spaces in indentation");
}

/* ---- Names and strings ---- */

/* 1 if [start, end) is a string prefix: r, u, b, f and the two-letter
 * combinations rb, br, fr, rf in any case. */
static int
is_string_prefix(const char *start, const char *end)
{
    char a, b;

    if (end - start == 1) {
        a = (char)(start[0] | 0x20);
        return a == 'r' || a == 'u' || a == 'b' || a == 'f';
    }
    if (end - start == 2) {
        a = (char)(start[0] | 0x20);
        b = (char)(start[1] | 0x20);
        return (a == 'r' && (b == 'b' || b == 'f')) ||
               ((a == 'b' || a == 'f') && b == 'r');
    }
    return 0;
}

static mp_token_kind
scan_string(mp_tokenizer *tok, mp_token *token, const char *start)
{
    int start_line = tok->lineno;
    int start_col = (int)(start - tok->line_start);
    char quote = *tok->cur;
    int triple = tok->cur[1] == quote && tok->cur[2] == quote;

    tok->cur += triple ? 3 : 1;
    for (;;) {
        char c = *tok->cur;
        if (c == '\0')
            goto unterminated;
        if (c == '\\') {
            tok->cur++;
            if (*tok->cur == '\0')
                goto unterminated;
            if (*tok->cur == '\n') {
                tok->lineno++;
                tok->line_start = tok->cur + 1;
            }
        }
        else if (c == '\n') {
            if (!triple)
                goto unterminated;
            tok->lineno++;
            tok->line_start = tok->cur + 1;
        }
        else if (c == quote) {
            if (!triple) {
                tok->cur++;
                break;
            }
            if (tok->cur[1] == quote && tok->cur[2] == quote) {
                tok->cur += 3;
                break;
            }
        }
        tok->cur++;
    }
    return make_token(tok, token, MP_TOK_STRING, start, start_line,
                      start_col);

unterminated:
    if (triple) {
        /* A final newline does not begin another line. */
        int last_line = tok->lineno;
        if (tok->cur > tok->buf && tok->cur[-1] == '\n')
            last_line--;
        return error_at(tok, MP_TOKERR_EOF, start_line, start_col,
                        "unterminated triple-quoted string literal "
                        "(detected at line %d)", last_line);
    }
    return error_at(tok, MP_TOKERR_SYNTAX, start_line, start_col,
                    "unterminated string literal (detected at line %d)",
                    start_line);
}

static mp_token_kind
scan_name(mp_tokenizer *tok, mp_token *token)
{
    const char *start = tok->cur;
    int first = 1;

    for (;;) {
        unsigned char c = (unsigned char)*tok->cur;
        if (c < 0x80) {
            if (!is_ascii_name_char(c))
                break;
            tok->cur++;
        }
        else {
            int len;
            unsigned int cp = decode_utf8(tok->cur, &len);
            if (!is_identifier_char(cp, first)) {
                if (first || len == 1)
                    return error_here(tok, MP_TOKERR_SYNTAX, tok->cur,
                                      "invalid character '%.*s' (U+%04X)",
                                      len, tok->cur, cp);
                break;
            }
            tok->cur += len;
        }
        first = 0;
    }
    if ((*tok->cur == '"' || *tok->cur == '\'') &&
        is_string_prefix(start, tok->cur))
        return scan_string(tok, token, start);
    return token_here(tok, token, MP_TOK_NAME, start);
}

/* ---- Numbers ---- */

/* After a number, a letter may only start one of the keywords that can
 * follow a number ("1if x else 2"); anything else makes the literal
 * invalid. */
static int
number_end_ok(const char *p)
{
    static const char *const keywords[] = {
        "and", "else", "for", "if", "in", "is", "not", "or",
    };
    size_t i;

    if (!is_ascii_name_char((unsigned char)*p) &&
        (unsigned char)*p < 0x80)
        return 1;
    for (i = 0; i < MP_ARRAY_LENGTH(keywords); i++) {
        size_t n = strlen(keywords[i]);
        if (strncmp(p, keywords[i], n) == 0)
            return 1;
    }
    return 0;
}

/* Digits accepted by 'is_ok', single underscores allowed between them.
 * Returns the number of digits read, or -1 after a misplaced '_'. */
static int
scan_digits(mp_tokenizer *tok, int (*is_ok)(int))
{
    int count = 0;

    for (;;) {
        if (is_ok((unsigned char)*tok->cur)) {
            tok->cur++;
            count++;
        }
        else if (*tok->cur == '_' && count > 0 &&
                 is_ok((unsigned char)tok->cur[1])) {
            tok->cur++;
        }
        else if (*tok->cur == '_') {
            return -1;
        }
        else {
            return count;
        }
    }
}

static int is_hex(int c) { return is_digit(c) || ((c | 0x20) >= 'a' &&
                                                   (c | 0x20) <= 'f'); }
static int is_octal(int c) { return c >= '0' && c <= '7'; }
static int is_binary(int c) { return c == '0' || c == '1'; }

/* 0x..., 0o..., 0b...: tok->cur is on the base letter. */
static mp_token_kind
scan_prefixed_int(mp_tokenizer *tok, mp_token *token, const char *start)
{
    char base = (char)(*tok->cur | 0x20);
    int (*is_ok)(int) = base == 'x' ? is_hex :
                        base == 'o' ? is_octal : is_binary;
    const char *name = base == 'x' ? "hexadecimal" :
                       base == 'o' ? "octal" : "binary";

    tok->cur++;
    if (*tok->cur == '_')
        tok->cur++;
    if (scan_digits(tok, is_ok) <= 0) {
        if (base != 'x' && is_digit((unsigned char)*tok->cur))
            return error_here(tok, MP_TOKERR_SYNTAX, tok->cur,
                              "invalid digit '%c' in %s literal",
                              *tok->cur, name);
        return error_here(tok, MP_TOKERR_SYNTAX, tok->cur - 1,
                          "invalid %s literal", name);
    }
    if (base != 'x' && is_digit((unsigned char)*tok->cur))
        return error_here(tok, MP_TOKERR_SYNTAX, tok->cur,
                          "invalid digit '%c' in %s literal", *tok->cur,
                          name);
    if (!number_end_ok(tok->cur))
        return error_here(tok, MP_TOKERR_SYNTAX, tok->cur - 1,
                          "invalid %s literal", name);
    return token_here(tok, token, MP_TOK_NUMBER, start);
}

/* CPython points at the last character it accepted, so most number
 * errors are reported one byte before the offending one. */
static mp_token_kind
invalid_decimal(mp_tokenizer *tok, const char *pos)
{
    return error_here(tok, MP_TOKERR_SYNTAX, pos, "invalid decimal literal");
}

/* The fraction, exponent and 'j' of a decimal number; tok->cur is just
 * past the integer digits.  *is_float reports whether any was present. */
static mp_token_kind
scan_decimal_tail(mp_tokenizer *tok, int *is_float)
{
    *is_float = 0;
    if (*tok->cur == '.') {
        tok->cur++;
        *is_float = 1;
        if (scan_digits(tok, is_digit) < 0)
            return invalid_decimal(tok, tok->cur);
    }
    if ((*tok->cur | 0x20) == 'e') {
        const char *e = tok->cur++;
        if (*tok->cur == '+' || *tok->cur == '-') {
            tok->cur++;
            if (!is_digit((unsigned char)*tok->cur))
                return invalid_decimal(tok, tok->cur - 1);
        }
        else if (!is_digit((unsigned char)*tok->cur)) {
            if (strncmp(e, "else", 4) == 0) {
                tok->cur = e;   /* "1else": the 'e' starts a keyword */
                return MP_TOK_NUMBER;
            }
            return invalid_decimal(tok, e - 1);
        }
        if (scan_digits(tok, is_digit) < 0)
            return invalid_decimal(tok, tok->cur);
        *is_float = 1;
    }
    if ((*tok->cur | 0x20) == 'j') {
        tok->cur++;
        *is_float = 1;
    }
    return MP_TOK_NUMBER;
}

static mp_token_kind
scan_number(mp_tokenizer *tok, mp_token *token)
{
    const char *start = tok->cur;
    int is_float, leading_zero, nonzero = 0;
    const char *p;

    if (*tok->cur == '0' && strchr("xXoObB", tok->cur[1]) != NULL &&
        tok->cur[1] != '\0') {
        tok->cur++;
        return scan_prefixed_int(tok, token, start);
    }
    leading_zero = *tok->cur == '0';
    if (*tok->cur != '.' && scan_digits(tok, is_digit) < 0)
        return invalid_decimal(tok, tok->cur);
    for (p = start; p < tok->cur; p++)
        nonzero |= (*p >= '1' && *p <= '9');
    if (scan_decimal_tail(tok, &is_float) == MP_TOK_ERROR)
        return MP_TOK_ERROR;
    if (leading_zero && nonzero && !is_float)
        return error_here(tok, MP_TOKERR_SYNTAX, start,
                          "leading zeros in decimal integer literals are "
                          "not permitted; use an 0o prefix for octal "
                          "integers");
    if (!number_end_ok(tok->cur))
        return invalid_decimal(tok, tok->cur - 1);
    return token_here(tok, token, MP_TOK_NUMBER, start);
}

/* ---- Operators and brackets ---- */

static mp_token_kind
close_bracket(mp_tokenizer *tok, char closer)
{
    char opener;

    if (tok->level == 0)
        return error_here(tok, MP_TOKERR_SYNTAX, tok->cur,
                          "unmatched '%c'", closer);
    opener = tok->parenstack[tok->level - 1];
    if ((opener == '(' && closer != ')') ||
        (opener == '[' && closer != ']') ||
        (opener == '{' && closer != '}')) {
        int line = tok->parenlinestack[tok->level - 1];
        if (line != tok->lineno)
            return error_here(tok, MP_TOKERR_SYNTAX, tok->cur,
                              "closing parenthesis '%c' does not match "
                              "opening parenthesis '%c' on line %d",
                              closer, opener, line);
        return error_here(tok, MP_TOKERR_SYNTAX, tok->cur,
                          "closing parenthesis '%c' does not match "
                          "opening parenthesis '%c'", closer, opener);
    }
    tok->level--;
    return MP_TOK_OP;
}

static mp_token_kind
scan_operator(mp_tokenizer *tok, mp_token *token)
{
    const char *start = tok->cur;
    int op;

    for (op = 0; op < MP_OP_COUNT; op++) {
        size_t n = strlen(operator_text[op]);
        if (strncmp(start, operator_text[op], n) == 0)
            break;
    }
    if (op == MP_OP_COUNT) {
        int len;
        unsigned int cp = decode_utf8(start, &len);
        if (cp >= 0x80)
            return error_here(tok, MP_TOKERR_SYNTAX, start,
                              "invalid character '%.*s' (U+%04X)", len,
                              start, cp);
        if (cp < 0x20 || cp == 0x7F)
            return error_here(tok, MP_TOKERR_SYNTAX, start,
                              "invalid non-printable character U+%04X", cp);
        return error_here(tok, MP_TOKERR_SYNTAX, start, "invalid syntax");
    }
    if (*start == '(' || *start == '[' || *start == '{') {
        if (tok->level >= MP_TOK_MAXLEVEL)
            return error_here(tok, MP_TOKERR_SYNTAX, start,
                              "too many nested parentheses");
        tok->parenstack[tok->level] = *start;
        tok->parenlinestack[tok->level] = tok->lineno;
        tok->parencolstack[tok->level] = (int)(start - tok->line_start);
        tok->level++;
    }
    else if (*start == ')' || *start == ']' || *start == '}') {
        if (close_bracket(tok, *start) == MP_TOK_ERROR)
            return MP_TOK_ERROR;
    }
    tok->cur += strlen(operator_text[op]);
    token->op = (mp_operator)op;
    return token_here(tok, token, MP_TOK_OP, start);
}

/* ---- The main loop ---- */

/* A zero-width token at the end of input.  As in CPython it sits on the
 * last line of the source: a final newline does not begin another one. */
static mp_token_kind
token_at_end(mp_tokenizer *tok, mp_token *token, mp_token_kind kind)
{
    token_here(tok, token, kind, tok->cur);
    if (tok->cur > tok->buf && tok->cur[-1] == '\n') {
        const char *line = tok->cur - 1;
        while (line > tok->buf && line[-1] != '\n')
            line--;
        token->lineno = token->end_lineno = tok->lineno - 1;
        token->col_offset = token->end_col_offset =
            (int)(tok->cur - 1 - line);
    }
    return kind;
}

/* End of input: close the last logical line, then the open blocks. */
static mp_token_kind
end_of_input(mp_tokenizer *tok, mp_token *token)
{
    if (tok->level > 0) {
        int i = tok->level - 1;
        return error_at(tok, MP_TOKERR_EOF, tok->parenlinestack[i],
                        tok->parencolstack[i], "'%c' was never closed",
                        tok->parenstack[i]);
    }
    if (tok->line_has_token) {
        tok->line_has_token = 0;
        return token_here(tok, token, MP_TOK_NEWLINE, tok->cur);
    }
    if (tok->indent > 0) {
        tok->pending = -tok->indent;
        tok->indent = 0;
        tok->pending++;
        return token_at_end(tok, token, MP_TOK_DEDENT);
    }
    tok->done = 1;
    return token_at_end(tok, token, MP_TOK_ENDMARKER);
}

/* Skip blanks, comments and line joins up to the next token.  Returns
 * MP_TOK_NEWLINE when a logical line ended (token filled), MP_TOK_ERROR,
 * or MP_TOK_ENDMARKER to go on scanning. */
static mp_token_kind
skip_space(mp_tokenizer *tok, mp_token *token)
{
    for (;;) {
        char c = *tok->cur;
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            tok->cur++;
        }
        else if (c == '#') {
            while (*tok->cur != '\n' && *tok->cur != '\0')
                tok->cur++;
        }
        else if (c == '\\') {
            const char *p = tok->cur + 1;
            if (*p == '\r')
                p++;
            if (*p == '\0')
                return error_here(tok, MP_TOKERR_EOF, tok->cur + 1,
                                  "unexpected EOF while parsing");
            if (*p != '\n')
                return error_here(tok, MP_TOKERR_SYNTAX, tok->cur + 1,
                                  "unexpected character after line "
                                  "continuation character");
            tok->cur = p + 1;
            tok->lineno++;
            tok->line_start = tok->cur;
        }
        else if (c == '\n') {
            const char *nl = tok->cur++;
            int ends_line = tok->level == 0 && tok->line_has_token;
            if (ends_line) {
                token_here(tok, token, MP_TOK_NEWLINE, nl);
                token->end = tok->cur;
            }
            tok->lineno++;
            tok->line_start = tok->cur;
            if (ends_line) {
                tok->line_has_token = 0;
                tok->atbol = 1;
                return MP_TOK_NEWLINE;
            }
            /* A blank line, or the last one ended inside brackets. */
            if (tok->level == 0 && read_indentation(tok) == MP_TOK_ERROR)
                return MP_TOK_ERROR;
        }
        else {
            return MP_TOK_ENDMARKER;
        }
    }
}

static mp_token_kind
emit_pending(mp_tokenizer *tok, mp_token *token)
{
    if (tok->pending > 0) {
        tok->pending--;
        return token_here(tok, token, MP_TOK_INDENT, tok->cur);
    }
    tok->pending++;
    if (*tok->cur == '\0')
        return token_at_end(tok, token, MP_TOK_DEDENT);
    return token_here(tok, token, MP_TOK_DEDENT, tok->cur);
}

mp_token_kind
mp_tokenizer_next(mp_tokenizer *tok, mp_token *token)
{
    unsigned char c;

    memset(token, 0, sizeof(*token));
    if (tok->done < 0)
        return MP_TOK_ERROR;
    if (tok->done > 0)
        return token_at_end(tok, token, MP_TOK_ENDMARKER);
    if (tok->atbol) {
        /* A logical line begins: measure its indentation first. */
        tok->atbol = 0;
        if (read_indentation(tok) == MP_TOK_ERROR)
            return MP_TOK_ERROR;
    }
    if (tok->pending == 0) {
        mp_token_kind k = skip_space(tok, token);
        if (k != MP_TOK_ENDMARKER)
            return k;
    }
    /* Indentation changes take effect before the line's first token. */
    if (tok->pending != 0)
        return emit_pending(tok, token);
    c = (unsigned char)*tok->cur;
    if (c == '\0')
        return end_of_input(tok, token);
    tok->line_has_token = 1;
    if (is_ascii_name_start(c) || c >= 0x80)
        return scan_name(tok, token);
    if (is_digit(c) || (c == '.' && is_digit((unsigned char)tok->cur[1])))
        return scan_number(tok, token);
    if (c == '"' || c == '\'')
        return scan_string(tok, token, tok->cur);
    return scan_operator(tok, token);
}
