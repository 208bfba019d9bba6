/*
 * parser.c -- tokens to AST: the parser's machinery and the statements.
 *
 * A hand-written recursive-descent parser for CPython 3.11's grammar
 * (Grammar/python.gram), restricted to the language minipy runs.  Each
 * grammar rule is one function that consumes tokens and returns a node, or
 * NULL with an exception set; there is no backtracking, only lookahead of
 * a few tokens (the token buffer keeps everything read so far).
 *
 *   file            statements ENDMARKER
 *   statement       compound_stmt | simple_stmts
 *   simple_stmts    simple_stmt (';' simple_stmt)* [';'] NEWLINE
 *   compound_stmt   function_def | if | class_def | for | try | while
 *   block           NEWLINE INDENT statements DEDENT | simple_stmts
 *
 * Syntax errors carry CPython's messages for the mistakes people make
 * ("expected ':'", "expected an indented block after 'if' statement on
 * line 1", "cannot assign to literal here. Maybe you meant '==' instead of
 * '='?", ...); anything else is "invalid syntax" at the token where
 * parsing stopped.  Constructs outside minipy's language ('with', 'async',
 * 'await') raise NotImplementedError naming the construct.
 *
 * Read alongside CPython 3.11: Grammar/python.gram, Parser/pegen.c,
 * Parser/pegen_errors.c, Parser/action_helpers.c.
 *
 * Expressions are in parser_expr.c, literals in string_parser.c.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/parser_state.h"

static const char *const keyword_text[] = {
    NULL,
#define MP_KW_TEXT(name, text) text,
    MP_KEYWORD_LIST(MP_KW_TEXT)
#undef MP_KW_TEXT
};

/* ---- Token buffer ---- */

static mp_keyword_id
classify_name(const mp_token *t)
{
    size_t n = (size_t)(t->end - t->start);
    size_t i;

    if (n < 2 || n > 8)
        return KW_NONE_;
    for (i = 1; i < MP_ARRAY_LENGTH(keyword_text); i++) {
        if (strlen(keyword_text[i]) == n &&
            memcmp(keyword_text[i], t->start, n) == 0)
            return (mp_keyword_id)i;
    }
    return KW_NONE_;
}

static int
tokenizer_error(mp_parser *p)
{
    mp_tokenizer *tok = &p->tokenizer;
    MpObject *type = tok->err_kind == MP_TOKERR_INDENT ?
                     MpExc_IndentationError : MpExc_SyntaxError;

    /* The error is sticky: a caller may read on after the first report. */
    if (MpErr_Occurred())
        return -1;
    if (tok->err_kind == MP_TOKERR_TAB)
        type = MpExc_TabError;
    p->incomplete = tok->err_kind == MP_TOKERR_EOF;
    mp_parser_raise_syntax_error(type, tok->err_msg, p->filename, p->source,
                                 tok->err_lineno + p->line_offset,
                                 tok->err_col, -1, -1);
    return -1;
}

/* Room for MP_PARSER_TOKEN_CHUNK more tokens.  0 or -1 + MemoryError. */
static int
add_token_chunk(mp_parser *p)
{
    Mp_ssize_t used = p->capacity / MP_PARSER_TOKEN_CHUNK;
    p_token *chunk;

    if (used == p->nslots) {
        Mp_ssize_t n = p->nslots ? p->nslots * 2 : 8;
        p_token **chunks = MpMem_Realloc(p->chunks,
                                         (size_t)n * sizeof(*chunks));
        if (chunks == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        p->chunks = chunks;
        p->nslots = n;
    }
    chunk = MpMem_Malloc(MP_PARSER_TOKEN_CHUNK * sizeof(*chunk));
    if (chunk == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    p->chunks[used] = chunk;
    p->capacity += MP_PARSER_TOKEN_CHUNK;
    return 0;
}

void
mp_parser_free_tokens(mp_parser *p)
{
    Mp_ssize_t i;

    for (i = 0; i < p->capacity / MP_PARSER_TOKEN_CHUNK; i++)
        MpMem_Free(p->chunks[i]);
    MpMem_Free(p->chunks);
    p->chunks = NULL;
    p->nslots = p->capacity = p->ntokens = 0;
}

/* Read one more token into the buffer.  0 or -1. */
static int
fill_token(mp_parser *p)
{
    p_token *t;

    if (p->ntokens == p->capacity && add_token_chunk(p) < 0)
        return -1;
    t = mp_parser_token(p, p->ntokens);
    if (mp_tokenizer_next(&p->tokenizer, &t->t) == MP_TOK_ERROR)
        return tokenizer_error(p);
    /* A sub-parser (an f-string field) reports source positions. */
    if (t->t.lineno == 1)
        t->t.col_offset += p->col_offset;
    if (t->t.end_lineno == 1)
        t->t.end_col_offset += p->col_offset;
    t->t.lineno += p->line_offset;
    t->t.end_lineno += p->line_offset;
    t->keyword = t->t.kind == MP_TOK_NAME ? classify_name(&t->t) : KW_NONE_;
    if (t->t.kind == MP_TOK_OP) {
        mp_operator op = t->t.op;
        if (op == MP_OP_RPAR || op == MP_OP_RSQB || op == MP_OP_RBRACE)
            p->level--;
        t->level = p->level;
        if (op == MP_OP_LPAR || op == MP_OP_LSQB || op == MP_OP_LBRACE)
            p->level++;
    }
    else {
        t->level = p->level;
    }
    p->ntokens++;
    return 0;
}

p_token *
mp_parser_peek(mp_parser *p, Mp_ssize_t k)
{
    while (p->pos + k >= p->ntokens) {
        if (p->ntokens > 0 &&
            mp_parser_token(p, p->ntokens - 1)->t.kind == MP_TOK_ENDMARKER)
            return mp_parser_token(p, p->ntokens - 1);
        if (fill_token(p) < 0)
            return NULL;
    }
    return mp_parser_token(p, p->pos + k);
}

p_token *
mp_parser_next(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    if (t != NULL && t->t.kind != MP_TOK_ENDMARKER)
        p->pos++;
    return t;
}

p_token *
mp_parser_last(mp_parser *p)
{
    return mp_parser_token(p, p->pos > 0 ? p->pos - 1 : 0);
}

int
mp_parser_at_op(mp_parser *p, mp_operator op)
{
    p_token *t = mp_parser_peek(p, 0);
    if (t == NULL)
        return -1;
    return t->t.kind == MP_TOK_OP && t->t.op == op;
}

int
mp_parser_at_keyword(mp_parser *p, mp_keyword_id kw)
{
    p_token *t = mp_parser_peek(p, 0);
    if (t == NULL)
        return -1;
    return t->t.kind == MP_TOK_NAME && t->keyword == kw;
}

int
mp_parser_at_kind(mp_parser *p, mp_token_kind kind)
{
    p_token *t = mp_parser_peek(p, 0);
    if (t == NULL)
        return -1;
    return t->t.kind == kind;
}

int
mp_parser_accept_op(mp_parser *p, mp_operator op)
{
    int r = mp_parser_at_op(p, op);
    if (r == 1)
        p->pos++;
    return r;
}

int
mp_parser_accept_keyword(mp_parser *p, mp_keyword_id kw)
{
    int r = mp_parser_at_keyword(p, kw);
    if (r == 1)
        p->pos++;
    return r;
}

int
mp_parser_expect_op(mp_parser *p, mp_operator op, const char *msg)
{
    int r = mp_parser_accept_op(p, op);
    if (r == 0) {
        if (msg == NULL) {
            mp_parser_invalid_syntax(p);
            return -1;
        }
        /* CPython points just after the previous token for "expected". */
        mp_parser_error_at(p, mp_parser_last(p), NULL, msg);
        return -1;
    }
    return r == 1 ? 0 : -1;
}

MpObject *
mp_parser_own(mp_parser *p, MpObject *obj)
{
    if (obj == NULL)
        return NULL;
    if (mp_arena_add_object(p->arena, obj) < 0) {
        Mp_DECREF(obj);
        return NULL;
    }
    return obj;
}

MpObject *
mp_parser_identifier(mp_parser *p, p_token *tok)
{
    MpObject *name = MpUnicode_FromStringAndSize(
        tok->t.start, tok->t.end - tok->t.start);
    if (name == NULL)
        return NULL;
    MpUnicode_InternInPlace(&name);
    return mp_parser_own(p, name);
}

/* ---- Nodes ---- */

mp_expr *
mp_parser_expr(mp_parser *p, mp_expr_kind kind, p_token *start)
{
    p_token *end = mp_parser_last(p);
    return mp_ast_expr(p->arena, kind, start->t.lineno, start->t.col_offset,
                       end->t.end_lineno, end->t.end_col_offset);
}

/* The last token read that has text: a block ends with its last
 * statement, not with the NEWLINE and DEDENT after it. */
p_token *
mp_parser_last_text(mp_parser *p)
{
    Mp_ssize_t i = p->pos - 1;

    while (i > 0 && (mp_parser_token(p, i)->t.kind == MP_TOK_NEWLINE ||
                     mp_parser_token(p, i)->t.kind == MP_TOK_DEDENT ||
                     mp_parser_token(p, i)->t.kind == MP_TOK_INDENT))
        i--;
    return mp_parser_token(p, i > 0 ? i : 0);
}

mp_stmt *
mp_parser_stmt(mp_parser *p, mp_stmt_kind kind, p_token *start)
{
    p_token *end = mp_parser_last_text(p);
    return mp_ast_stmt(p->arena, kind, start->t.lineno, start->t.col_offset,
                       end->t.end_lineno, end->t.end_col_offset);
}

mp_asdl_seq *
mp_parser_seq(mp_parser *p, void **items, Mp_ssize_t n)
{
    mp_asdl_seq *seq = mp_asdl_seq_new(n, p->arena);
    if (seq != NULL && n > 0)
        memcpy(seq->elements, items, (size_t)n * sizeof(void *));
    return seq;
}

void
p_list_init(p_list *l)
{
    l->items = l->inline_items;
    l->n = 0;
    l->allocated = (Mp_ssize_t)MP_ARRAY_LENGTH(l->inline_items);
}

int
p_list_append(p_list *l, void *item)
{
    if (l->n == l->allocated) {
        Mp_ssize_t n = l->allocated * 2;
        void **items;
        if (l->items == l->inline_items) {
            items = MpMem_Malloc((size_t)n * sizeof(void *));
            if (items != NULL)
                memcpy(items, l->inline_items, sizeof(l->inline_items));
        }
        else {
            items = MpMem_Realloc(l->items, (size_t)n * sizeof(void *));
        }
        if (items == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        l->items = items;
        l->allocated = n;
    }
    l->items[l->n++] = item;
    return 0;
}

void
p_list_clear(p_list *l)
{
    if (l->items != l->inline_items)
        MpMem_Free(l->items);
    p_list_init(l);
}

mp_asdl_seq *
p_list_finish(mp_parser *p, p_list *l)
{
    mp_asdl_seq *seq = mp_parser_seq(p, l->items, l->n);
    p_list_clear(l);
    return seq;
}

/* ---- Errors ---- */

void *
mp_parser_error_node(mp_parser *p, int lineno, int col, int end_lineno,
                     int end_col, const char *msg)
{
    mp_parser_raise_syntax_error(MpExc_SyntaxError, msg, p->filename,
                                 p->source, lineno, col, end_lineno,
                                 end_col);
    return NULL;
}

void *
mp_parser_error_at(mp_parser *p, p_token *a, p_token *b, const char *msg)
{
    if (b == NULL)
        b = a;
    if (a->t.kind == MP_TOK_ENDMARKER)
        p->incomplete = 1;
    return mp_parser_error_node(p, a->t.lineno, a->t.col_offset,
                                b->t.end_lineno, b->t.end_col_offset, msg);
}

void *
mp_parser_indent_error(mp_parser *p, p_token *a, const char *msg)
{
    if (a->t.kind == MP_TOK_ENDMARKER)
        p->incomplete = 1;
    mp_parser_raise_syntax_error(MpExc_IndentationError, msg, p->filename,
                                 p->source, a->t.lineno, a->t.col_offset,
                                 a->t.end_lineno, a->t.end_col_offset);
    return NULL;
}

void *
mp_parser_invalid_syntax(mp_parser *p)
{
    p_token *t;

    if (MpErr_Occurred())
        return NULL;
    t = mp_parser_peek(p, 0);
    if (t == NULL)
        return NULL;
    if (t->t.kind == MP_TOK_ENDMARKER || t->t.kind == MP_TOK_NEWLINE) {
        /* Input ended inside a statement: an open bracket is reported
         * where it was opened (the tokenizer's EOF check). */
        if (t->t.kind == MP_TOK_ENDMARKER)
            p->incomplete = 1;
    }
    return mp_parser_error_at(p, t, NULL, "invalid syntax");
}

int
mp_parser_enter(mp_parser *p)
{
    if (++p->depth > MP_PARSER_MAX_DEPTH) {
        MpErr_SetString(MpExc_RecursionError,
                        "maximum recursion depth exceeded during "
                        "compilation");
        return -1;
    }
    return 0;
}

/* ---- Statements ---- */

static mp_stmt *parse_statement_into(mp_parser *p, p_list *out);
static mp_asdl_seq *parse_block(mp_parser *p, const char *what, int line);

static int
at_statement_end(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    if (t == NULL)
        return -1;
    return t->t.kind == MP_TOK_NEWLINE || t->t.kind == MP_TOK_ENDMARKER ||
           (t->t.kind == MP_TOK_OP && t->t.op == MP_OP_SEMI);
}

static void *
not_supported(mp_parser *p, p_token *t, const char *what)
{
    MP_UNUSED(p);
    MpErr_Format(MpExc_NotImplementedError,
                 "%s is not supported by minipy (line %d)", what,
                 t->t.lineno);
    return NULL;
}

/* A comma-separated list of NAMEs, as 'global' and 'nonlocal' take. */
static mp_asdl_seq *
parse_name_list(mp_parser *p)
{
    p_list names;

    p_list_init(&names);
    do {
        p_token *t = mp_parser_peek(p, 0);
        MpObject *name;
        if (t == NULL)
            goto error;
        if (t->t.kind != MP_TOK_NAME || t->keyword != KW_NONE_) {
            mp_parser_invalid_syntax(p);
            goto error;
        }
        p->pos++;
        name = mp_parser_identifier(p, t);
        if (name == NULL || p_list_append(&names, name) < 0)
            goto error;
    } while (mp_parser_accept_op(p, MP_OP_COMMA) == 1);
    if (MpErr_Occurred())
        goto error;
    return p_list_finish(p, &names);
error:
    p_list_clear(&names);
    return NULL;
}

static mp_stmt *
parse_global(mp_parser *p, p_token *start, mp_stmt_kind kind)
{
    mp_asdl_seq *names = parse_name_list(p);
    mp_stmt *s;

    if (names == NULL)
        return NULL;
    s = mp_parser_stmt(p, kind, start);
    if (s == NULL)
        return NULL;
    if (kind == AST_Global)
        s->v.Global.names = names;
    else
        s->v.Nonlocal.names = names;
    return s;
}

/* A dotted name "a.b.c" as one interned str. */
static MpObject *
parse_dotted_name(mp_parser *p)
{
    p_token *first = mp_parser_peek(p, 0), *last;

    if (first == NULL)
        return NULL;
    if (first->t.kind != MP_TOK_NAME || first->keyword != KW_NONE_)
        return mp_parser_invalid_syntax(p);
    p->pos++;
    last = first;
    while (mp_parser_at_op(p, MP_OP_DOT) == 1) {
        p_token *t = mp_parser_peek(p, 1);
        if (t == NULL)
            return NULL;
        if (t->t.kind != MP_TOK_NAME || t->keyword != KW_NONE_) {
            p->pos++;
            return mp_parser_invalid_syntax(p);
        }
        p->pos += 2;
        last = t;
    }
    if (MpErr_Occurred())
        return NULL;
    {
        /* The tokens may be separated by blanks: rebuild "a.b" without. */
        char *buf = MpMem_Malloc((size_t)(last->t.end - first->t.start) + 1);
        size_t n = 0;
        const char *s;
        MpObject *name;
        if (buf == NULL)
            return MpErr_NoMemory();
        for (s = first->t.start; s < last->t.end; s++) {
            if (*s != ' ' && *s != '\t' && *s != '\\' && *s != '\n')
                buf[n++] = *s;
        }
        name = MpUnicode_FromStringAndSize(buf, (Mp_ssize_t)n);
        MpMem_Free(buf);
        if (name == NULL)
            return NULL;
        MpUnicode_InternInPlace(&name);
        return mp_parser_own(p, name);
    }
}

static mp_alias *
parse_alias(mp_parser *p, int dotted)
{
    mp_alias *alias = mp_ast_node(p->arena, sizeof(mp_alias));

    if (alias == NULL)
        return NULL;
    if (dotted) {
        alias->name = parse_dotted_name(p);
    }
    else {
        p_token *t = mp_parser_peek(p, 0);
        if (t == NULL)
            return NULL;
        if (t->t.kind != MP_TOK_NAME || t->keyword != KW_NONE_)
            return mp_parser_invalid_syntax(p);
        p->pos++;
        alias->name = mp_parser_identifier(p, t);
    }
    if (alias->name == NULL)
        return NULL;
    if (mp_parser_accept_keyword(p, KW_AS) == 1) {
        p_token *t = mp_parser_peek(p, 0);
        if (t == NULL)
            return NULL;
        if (t->t.kind != MP_TOK_NAME || t->keyword != KW_NONE_)
            return mp_parser_invalid_syntax(p);
        p->pos++;
        alias->asname = mp_parser_identifier(p, t);
        if (alias->asname == NULL)
            return NULL;
    }
    return MpErr_Occurred() ? NULL : alias;
}

static mp_stmt *
parse_import(mp_parser *p, p_token *start)
{
    p_list names;
    mp_stmt *s;

    p_list_init(&names);
    do {
        mp_alias *a = parse_alias(p, 1);
        if (a == NULL || p_list_append(&names, a) < 0)
            goto error;
    } while (mp_parser_accept_op(p, MP_OP_COMMA) == 1);
    if (MpErr_Occurred())
        goto error;
    s = mp_parser_stmt(p, AST_Import, start);
    if (s == NULL)
        goto error;
    s->v.Import.names = p_list_finish(p, &names);
    return s->v.Import.names == NULL ? NULL : s;
error:
    p_list_clear(&names);
    return NULL;
}

static mp_asdl_seq *
parse_import_names(mp_parser *p)
{
    p_list names;
    int parens = mp_parser_accept_op(p, MP_OP_LPAR);

    if (parens < 0)
        return NULL;
    p_list_init(&names);
    if (!parens && mp_parser_at_op(p, MP_OP_STAR) == 1) {
        p_token *t = mp_parser_next(p);
        mp_alias *a = mp_ast_node(p->arena, sizeof(mp_alias));
        if (a == NULL ||
            (a->name = mp_parser_own(p, MpUnicode_FromString("*"))) == NULL)
            return NULL;
        MP_UNUSED(t);
        return mp_parser_seq(p, (void **)&a, 1);
    }
    do {
        mp_alias *a;
        if (parens && names.n > 0 && mp_parser_at_op(p, MP_OP_RPAR) == 1)
            break;
        a = parse_alias(p, 0);
        if (a == NULL || p_list_append(&names, a) < 0)
            goto error;
    } while (mp_parser_accept_op(p, MP_OP_COMMA) == 1);
    if (MpErr_Occurred())
        goto error;
    if (parens && mp_parser_expect_op(p, MP_OP_RPAR, NULL) < 0)
        goto error;
    if (!parens && mp_parser_at_op(p, MP_OP_COMMA) == 1) {
        mp_parser_error_at(p, mp_parser_peek(p, 0), NULL,
                           "trailing comma not allowed without surrounding "
                           "parentheses");
        goto error;
    }
    return p_list_finish(p, &names);
error:
    p_list_clear(&names);
    return NULL;
}

static mp_stmt *
parse_from_import(mp_parser *p, p_token *start)
{
    int level = 0;
    MpObject *module = NULL;
    mp_asdl_seq *names;
    mp_stmt *s;

    for (;;) {
        if (mp_parser_accept_op(p, MP_OP_DOT) == 1)
            level++;
        else if (mp_parser_accept_op(p, MP_OP_ELLIPSIS) == 1)
            level += 3;
        else
            break;
    }
    if (MpErr_Occurred())
        return NULL;
    if (level == 0 || mp_parser_at_keyword(p, KW_IMPORT) == 0) {
        module = parse_dotted_name(p);
        if (module == NULL)
            return NULL;
    }
    if (mp_parser_accept_keyword(p, KW_IMPORT) != 1)
        return mp_parser_invalid_syntax(p);
    names = parse_import_names(p);
    if (names == NULL)
        return NULL;
    s = mp_parser_stmt(p, AST_ImportFrom, start);
    if (s == NULL)
        return NULL;
    s->v.ImportFrom.module = module;
    s->v.ImportFrom.names = names;
    s->v.ImportFrom.level = level;
    return s;
}

/* 'return' [star_expressions] */
static mp_stmt *
parse_return(mp_parser *p, p_token *start)
{
    mp_expr *value = NULL;
    mp_stmt *s;
    int end = at_statement_end(p);

    if (end < 0)
        return NULL;
    if (!end && (value = mp_parse_star_expressions(p)) == NULL)
        return NULL;
    s = mp_parser_stmt(p, AST_Return, start);
    if (s != NULL)
        s->v.Return.value = value;
    return s;
}

/* 'raise' [expression ['from' expression]] */
static mp_stmt *
parse_raise(mp_parser *p, p_token *start)
{
    mp_expr *exc = NULL, *cause = NULL;
    mp_stmt *s;
    int end = at_statement_end(p);

    if (end < 0)
        return NULL;
    if (!end) {
        exc = mp_parse_expression(p);
        if (exc == NULL)
            return NULL;
        if (mp_parser_accept_keyword(p, KW_FROM) == 1) {
            cause = mp_parse_expression(p);
            if (cause == NULL)
                return NULL;
        }
        if (MpErr_Occurred())
            return NULL;
    }
    s = mp_parser_stmt(p, AST_Raise, start);
    if (s != NULL) {
        s->v.Raise.exc = exc;
        s->v.Raise.cause = cause;
    }
    return s;
}

/* 'assert' expression [',' expression] */
static mp_stmt *
parse_assert(mp_parser *p, p_token *start)
{
    mp_expr *test = mp_parse_expression(p), *msg = NULL;
    mp_stmt *s;

    if (test == NULL)
        return NULL;
    if (mp_parser_accept_op(p, MP_OP_COMMA) == 1) {
        msg = mp_parse_expression(p);
        if (msg == NULL)
            return NULL;
    }
    if (MpErr_Occurred())
        return NULL;
    s = mp_parser_stmt(p, AST_Assert, start);
    if (s != NULL) {
        s->v.Assert.test = test;
        s->v.Assert.msg = msg;
    }
    return s;
}

/* 'del' del_targets: a comma-separated list of targets. */
static mp_stmt *
parse_del(mp_parser *p, p_token *start)
{
    p_list targets;
    mp_stmt *s;

    p_list_init(&targets);
    do {
        mp_expr *t;
        int end = at_statement_end(p);
        if (end != 0) {
            if (end > 0 && targets.n == 0)
                mp_parser_invalid_syntax(p);
            if (end < 0 || targets.n == 0)
                goto error;
            break;
        }
        if (mp_parser_at_op(p, MP_OP_STAR) == 1) {
            p_token *star = mp_parser_next(p);
            mp_expr *v = mp_parse_bitwise_or(p);
            if (v == NULL || (t = mp_parser_expr(p, AST_Starred, star))
                             == NULL)
                goto error;
            t->v.Starred.value = v;
        }
        else {
            t = mp_parse_bitwise_or(p);
        }
        if (t == NULL ||
            mp_parser_set_context(p, t, AST_Del, MP_TARGET_DELETE) < 0 ||
            p_list_append(&targets, t) < 0)
            goto error;
    } while (mp_parser_accept_op(p, MP_OP_COMMA) == 1);
    if (MpErr_Occurred())
        goto error;
    s = mp_parser_stmt(p, AST_Delete, start);
    if (s == NULL)
        goto error;
    s->v.Delete.targets = p_list_finish(p, &targets);
    return s->v.Delete.targets == NULL ? NULL : s;
error:
    p_list_clear(&targets);
    return NULL;
}

/* The operator of an augmented assignment, or 0. */
static mp_operator_kind
augassign_op(p_token *t)
{
    if (t->t.kind != MP_TOK_OP)
        return 0;
    switch (t->t.op) {
    case MP_OP_PLUSEQUAL: return AST_Add;
    case MP_OP_MINEQUAL: return AST_Sub;
    case MP_OP_STAREQUAL: return AST_Mult;
    case MP_OP_ATEQUAL: return AST_MatMult;
    case MP_OP_SLASHEQUAL: return AST_Div;
    case MP_OP_PERCENTEQUAL: return AST_Mod;
    case MP_OP_AMPEREQUAL: return AST_BitAnd;
    case MP_OP_VBAREQUAL: return AST_BitOr;
    case MP_OP_CIRCUMFLEXEQUAL: return AST_BitXor;
    case MP_OP_LEFTSHIFTEQUAL: return AST_LShift;
    case MP_OP_RIGHTSHIFTEQUAL: return AST_RShift;
    case MP_OP_DOUBLESTAREQUAL: return AST_Pow;
    case MP_OP_DOUBLESLASHEQUAL: return AST_FloorDiv;
    default: return 0;
    }
}

/* The right-hand side of an assignment: yield_expr | star_expressions. */
static mp_expr *
parse_assigned_value(mp_parser *p)
{
    if (mp_parser_at_keyword(p, KW_YIELD) == 1)
        return mp_parse_yield_expr(p);
    return mp_parse_star_expressions(p);
}

static mp_stmt *
parse_augassign(mp_parser *p, p_token *start, mp_expr *target,
                mp_operator_kind op)
{
    mp_expr *value;
    mp_stmt *s;

    if (target->kind != AST_Name && target->kind != AST_Attribute &&
        target->kind != AST_Subscript) {
        char msg[96];
        snprintf(msg, sizeof(msg),
                 "'%s' is an illegal expression for augmented assignment",
                 mp_parser_expr_name(target));
        return mp_parser_error_node(p, target->lineno, target->col_offset,
                                    target->end_lineno,
                                    target->end_col_offset, msg);
    }
    if (mp_parser_set_context(p, target, AST_Store, MP_TARGET_ASSIGN) < 0)
        return NULL;
    p->pos++;       /* the operator */
    value = parse_assigned_value(p);
    if (value == NULL)
        return NULL;
    s = mp_parser_stmt(p, AST_AugAssign, start);
    if (s != NULL) {
        s->v.AugAssign.target = target;
        s->v.AugAssign.op = op;
        s->v.AugAssign.value = value;
    }
    return s;
}

/* target ':' expression ['=' value] */
static mp_stmt *
parse_annassign(mp_parser *p, p_token *start, mp_expr *target)
{
    mp_expr *annotation, *value = NULL;
    mp_stmt *s;
    int simple = target->kind == AST_Name &&
                 !(start->t.kind == MP_TOK_OP && start->t.op == MP_OP_LPAR);

    if (target->kind == AST_Tuple || target->kind == AST_List) {
        char msg[80];
        snprintf(msg, sizeof(msg),
                 "only single target (not %s) can be annotated",
                 target->kind == AST_Tuple ? "tuple" : "list");
        return mp_parser_error_node(p, target->lineno, target->col_offset,
                                    target->end_lineno,
                                    target->end_col_offset, msg);
    }
    if (mp_parser_set_context(p, target, AST_Store, MP_TARGET_ASSIGN) < 0)
        return NULL;
    p->pos++;       /* ':' */
    annotation = mp_parse_expression(p);
    if (annotation == NULL)
        return NULL;
    if (mp_parser_accept_op(p, MP_OP_EQUAL) == 1) {
        value = parse_assigned_value(p);
        if (value == NULL)
            return NULL;
    }
    if (MpErr_Occurred())
        return NULL;
    s = mp_parser_stmt(p, AST_AnnAssign, start);
    if (s != NULL) {
        s->v.AnnAssign.target = target;
        s->v.AnnAssign.annotation = annotation;
        s->v.AnnAssign.value = value;
        s->v.AnnAssign.simple = simple;
    }
    return s;
}

/* star_expressions, then '=' chains, an augmented assignment, an
 * annotation, or nothing (an expression statement). */
static mp_stmt *
parse_expression_statement(mp_parser *p, p_token *start)
{
    p_list targets;
    mp_expr *value;
    mp_stmt *s;
    p_token *t;
    mp_operator_kind aug;

    value = parse_assigned_value(p);
    if (value == NULL || (t = mp_parser_peek(p, 0)) == NULL)
        return NULL;
    if ((aug = augassign_op(t)) != 0)
        return parse_augassign(p, start, value, aug);
    if (t->t.kind == MP_TOK_OP && t->t.op == MP_OP_COLON)
        return parse_annassign(p, start, value);
    if (!(t->t.kind == MP_TOK_OP && t->t.op == MP_OP_EQUAL)) {
        s = mp_parser_stmt(p, AST_Expr, start);
        if (s != NULL)
            s->v.Expr.value = value;
        return s;
    }
    p_list_init(&targets);
    while (mp_parser_accept_op(p, MP_OP_EQUAL) == 1) {
        if (p_list_append(&targets, value) < 0)
            goto error;
        value = parse_assigned_value(p);
        if (value == NULL)
            goto error;
    }
    if (MpErr_Occurred())
        goto error;
    for (Mp_ssize_t i = 0; i < targets.n; i++) {
        mp_expr *target = targets.items[i];
        mp_target_use use = targets.n == 1 ? MP_TARGET_ASSIGN_HERE
                                           : MP_TARGET_ASSIGN;
        if (target->kind == AST_Yield || target->kind == AST_YieldFrom) {
            mp_parser_error_node(p, target->lineno, target->col_offset,
                                 target->end_lineno, target->end_col_offset,
                                 "assignment to yield expression not "
                                 "possible");
            goto error;
        }
        if (target->kind == AST_Starred) {
            mp_parser_error_node(p, target->lineno, target->col_offset,
                                 target->end_lineno, target->end_col_offset,
                                 "starred assignment target must be in a "
                                 "list or tuple");
            goto error;
        }
        if (mp_parser_set_context(p, target, AST_Store, use) < 0)
            goto error;
    }
    s = mp_parser_stmt(p, AST_Assign, start);
    if (s == NULL)
        goto error;
    s->v.Assign.targets = p_list_finish(p, &targets);
    s->v.Assign.value = value;
    return s->v.Assign.targets == NULL ? NULL : s;
error:
    p_list_clear(&targets);
    return NULL;
}

static mp_stmt *
parse_simple_stmt(mp_parser *p)
{
    p_token *start = mp_parser_peek(p, 0);

    if (start == NULL)
        return NULL;
    if (start->t.kind == MP_TOK_NAME) {
        switch (start->keyword) {
        case KW_PASS:
        case KW_BREAK:
        case KW_CONTINUE:
            p->pos++;
            return mp_parser_stmt(p, start->keyword == KW_PASS ? AST_Pass :
                                  start->keyword == KW_BREAK ? AST_Break :
                                  AST_Continue, start);
        case KW_RETURN:
            p->pos++;
            return parse_return(p, start);
        case KW_RAISE:
            p->pos++;
            return parse_raise(p, start);
        case KW_GLOBAL:
            p->pos++;
            return parse_global(p, start, AST_Global);
        case KW_NONLOCAL:
            p->pos++;
            return parse_global(p, start, AST_Nonlocal);
        case KW_DEL:
            p->pos++;
            return parse_del(p, start);
        case KW_ASSERT:
            p->pos++;
            return parse_assert(p, start);
        case KW_IMPORT:
            p->pos++;
            return parse_import(p, start);
        case KW_FROM:
            p->pos++;
            return parse_from_import(p, start);
        default:
            break;
        }
    }
    return parse_expression_statement(p, start);
}

/* The "print x" mistake gets CPython's hint. */
static void *
legacy_print_error(mp_parser *p, mp_stmt *s)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_expr *e = s->v.Expr.value;

    if (t == NULL)
        return NULL;
    if (e->kind == AST_Name && t->level == 0 &&
        (MpUnicode_EqualToUTF8(e->v.Name.id, "print") ||
         MpUnicode_EqualToUTF8(e->v.Name.id, "exec")) &&
        (t->t.kind == MP_TOK_NAME || t->t.kind == MP_TOK_NUMBER ||
         t->t.kind == MP_TOK_STRING)) {
        char msg[96];
        snprintf(msg, sizeof(msg), "Missing parentheses in call to '%s'. "
                 "Did you mean %s(...)?", MpUnicode_AsUTF8(e->v.Name.id),
                 MpUnicode_AsUTF8(e->v.Name.id));
        return mp_parser_error_node(p, e->lineno, e->col_offset,
                                    t->t.end_lineno, t->t.end_col_offset,
                                    msg);
    }
    return mp_parser_invalid_syntax(p);
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE, appended to 'out'. */
static int
parse_simple_stmts(mp_parser *p, p_list *out)
{
    for (;;) {
        mp_stmt *s = parse_simple_stmt(p);
        int r;
        if (s == NULL || p_list_append(out, s) < 0)
            return -1;
        r = mp_parser_accept_op(p, MP_OP_SEMI);
        if (r < 0)
            return -1;
        if (r == 1) {
            int end = mp_parser_at_kind(p, MP_TOK_NEWLINE);
            if (end < 0)
                return -1;
            if (!end && mp_parser_at_kind(p, MP_TOK_ENDMARKER) != 1)
                continue;
        }
        r = mp_parser_at_kind(p, MP_TOK_NEWLINE);
        if (r == 1) {
            p->pos++;
            return 0;
        }
        if (r == 0 && mp_parser_at_kind(p, MP_TOK_ENDMARKER) == 1)
            return 0;
        if (MpErr_Occurred())
            return -1;
        if (s->kind == AST_Expr)
            legacy_print_error(p, s);
        else
            mp_parser_invalid_syntax(p);
        return -1;
    }
}

/* The statements of a block up to its DEDENT (or the end of the file). */
static mp_asdl_seq *
parse_statements(mp_parser *p, int until_dedent)
{
    p_list body;

    p_list_init(&body);
    for (;;) {
        p_token *t = mp_parser_peek(p, 0);
        if (t == NULL)
            goto error;
        if (t->t.kind == MP_TOK_ENDMARKER ||
            (until_dedent && t->t.kind == MP_TOK_DEDENT))
            break;
        if (t->t.kind == MP_TOK_INDENT) {
            mp_parser_indent_error(p, t, "unexpected indent");
            goto error;
        }
        if (t->t.kind == MP_TOK_DEDENT || t->t.kind == MP_TOK_NEWLINE) {
            mp_parser_invalid_syntax(p);
            goto error;
        }
        if (parse_statement_into(p, &body) == NULL && MpErr_Occurred())
            goto error;
    }
    return p_list_finish(p, &body);
error:
    p_list_clear(&body);
    return NULL;
}

static mp_asdl_seq *
parse_block(mp_parser *p, const char *what, int line)
{
    int r = mp_parser_at_kind(p, MP_TOK_NEWLINE);
    p_token *t;
    mp_asdl_seq *body;

    if (r < 0)
        return NULL;
    if (r == 0) {
        p_list simple;
        p_list_init(&simple);
        if (parse_simple_stmts(p, &simple) < 0) {
            p_list_clear(&simple);
            return NULL;
        }
        return p_list_finish(p, &simple);
    }
    p->pos++;
    t = mp_parser_peek(p, 0);
    if (t == NULL)
        return NULL;
    if (t->t.kind != MP_TOK_INDENT) {
        char msg[128];
        snprintf(msg, sizeof(msg),
                 "expected an indented block after %s on line %d", what,
                 line);
        return mp_parser_indent_error(p, t, msg);
    }
    p->pos++;
    if (mp_parser_enter(p) < 0)
        return NULL;
    body = parse_statements(p, 1);
    mp_parser_leave(p);
    if (body == NULL)
        return NULL;
    p->pos++;       /* DEDENT */
    return body;
}

/* ':' block, with the message naming the statement when ':' is missing. */
static mp_asdl_seq *
parse_colon_block(mp_parser *p, const char *what, int line)
{
    if (mp_parser_expect_op(p, MP_OP_COLON, "expected ':'") < 0)
        return NULL;
    return parse_block(p, what, line);
}

static mp_stmt *
parse_if(mp_parser *p, p_token *start, const char *what)
{
    mp_expr *test = mp_parse_named_expression(p);
    mp_asdl_seq *body, *orelse = NULL;
    p_token *t;
    mp_stmt *s;

    if (test == NULL)
        return NULL;
    body = parse_colon_block(p, what, start->t.lineno);
    if (body == NULL || (t = mp_parser_peek(p, 0)) == NULL)
        return NULL;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_ELIF) {
        mp_stmt *elif;
        p->pos++;
        if (mp_parser_enter(p) < 0)
            return NULL;
        elif = parse_if(p, t, "'elif' statement");
        mp_parser_leave(p);
        if (elif == NULL || (orelse = mp_parser_seq(p, (void **)&elif, 1))
                            == NULL)
            return NULL;
    }
    else if (t->t.kind == MP_TOK_NAME && t->keyword == KW_ELSE) {
        p->pos++;
        orelse = parse_colon_block(p, "'else' statement", t->t.lineno);
        if (orelse == NULL)
            return NULL;
    }
    s = mp_parser_stmt(p, AST_If, start);
    if (s != NULL) {
        s->v.If.test = test;
        s->v.If.body = body;
        s->v.If.orelse = orelse;
    }
    return s;
}

/* An optional 'else' ':' block after a loop or try body. */
static int
parse_else_block(mp_parser *p, mp_asdl_seq **orelse)
{
    p_token *t = mp_parser_peek(p, 0);

    *orelse = NULL;
    if (t == NULL)
        return -1;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_ELSE) {
        p->pos++;
        *orelse = parse_colon_block(p, "'else' statement", t->t.lineno);
        if (*orelse == NULL)
            return -1;
    }
    return 0;
}

static mp_stmt *
parse_while(mp_parser *p, p_token *start)
{
    mp_expr *test = mp_parse_named_expression(p);
    mp_asdl_seq *body, *orelse;
    mp_stmt *s;

    if (test == NULL)
        return NULL;
    body = parse_colon_block(p, "'while' statement", start->t.lineno);
    if (body == NULL || parse_else_block(p, &orelse) < 0)
        return NULL;
    s = mp_parser_stmt(p, AST_While, start);
    if (s != NULL) {
        s->v.While.test = test;
        s->v.While.body = body;
        s->v.While.orelse = orelse;
    }
    return s;
}

static mp_stmt *
parse_for(mp_parser *p, p_token *start)
{
    mp_expr *target = mp_parse_star_targets(p), *iter;
    mp_asdl_seq *body, *orelse;
    mp_stmt *s;

    if (target == NULL)
        return NULL;
    if (mp_parser_accept_keyword(p, KW_IN) != 1)
        return mp_parser_invalid_syntax(p);
    if (mp_parser_set_context(p, target, AST_Store, MP_TARGET_FOR) < 0)
        return NULL;
    iter = mp_parse_star_expressions(p);
    if (iter == NULL)
        return NULL;
    body = parse_colon_block(p, "'for' statement", start->t.lineno);
    if (body == NULL || parse_else_block(p, &orelse) < 0)
        return NULL;
    s = mp_parser_stmt(p, AST_For, start);
    if (s != NULL) {
        s->v.For.target = target;
        s->v.For.iter = iter;
        s->v.For.body = body;
        s->v.For.orelse = orelse;
    }
    return s;
}

/* 'except' [expression ['as' NAME]] ':' block */
static mp_excepthandler *
parse_except(mp_parser *p, p_token *start)
{
    mp_excepthandler *h = mp_ast_node(p->arena, sizeof(*h));
    int bare;
    p_token *end;

    if (h == NULL || (bare = mp_parser_at_op(p, MP_OP_COLON)) < 0)
        return NULL;
    if (!bare) {
        h->type = mp_parse_expression(p);
        if (h->type == NULL)
            return NULL;
        if (mp_parser_at_op(p, MP_OP_COMMA) == 1)
            return mp_parser_error_node(
                p, h->type->lineno, h->type->col_offset,
                mp_parser_peek(p, 0)->t.end_lineno,
                mp_parser_peek(p, 0)->t.end_col_offset,
                "multiple exception types must be parenthesized");
        if (mp_parser_accept_keyword(p, KW_AS) == 1) {
            p_token *t = mp_parser_peek(p, 0);
            if (t == NULL)
                return NULL;
            if (t->t.kind != MP_TOK_NAME || t->keyword != KW_NONE_)
                return mp_parser_invalid_syntax(p);
            p->pos++;
            h->name = mp_parser_identifier(p, t);
            if (h->name == NULL)
                return NULL;
        }
    }
    h->body = parse_colon_block(p, "'except' statement", start->t.lineno);
    if (h->body == NULL)
        return NULL;
    end = mp_parser_last_text(p);
    h->lineno = start->t.lineno;
    h->col_offset = start->t.col_offset;
    h->end_lineno = end->t.end_lineno;
    h->end_col_offset = end->t.end_col_offset;
    return h;
}

static mp_stmt *
parse_try(mp_parser *p, p_token *start)
{
    mp_asdl_seq *body, *orelse = NULL, *finalbody = NULL;
    p_list handlers;
    p_token *t;
    mp_stmt *s;

    body = parse_colon_block(p, "'try' statement", start->t.lineno);
    if (body == NULL)
        return NULL;
    p_list_init(&handlers);
    while ((t = mp_parser_peek(p, 0)) != NULL &&
           t->t.kind == MP_TOK_NAME && t->keyword == KW_EXCEPT) {
        mp_excepthandler *h;
        p->pos++;
        if (mp_parser_at_op(p, MP_OP_STAR) == 1) {
            p_list_clear(&handlers);
            return not_supported(p, t, "'except*'");
        }
        h = parse_except(p, t);
        if (h == NULL || p_list_append(&handlers, h) < 0)
            goto error;
    }
    if (t == NULL)
        goto error;
    if (handlers.n > 0 && parse_else_block(p, &orelse) < 0)
        goto error;
    t = mp_parser_peek(p, 0);
    if (t == NULL)
        goto error;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_FINALLY) {
        p->pos++;
        finalbody = parse_colon_block(p, "'finally' statement",
                                      t->t.lineno);
        if (finalbody == NULL)
            goto error;
    }
    else if (handlers.n == 0) {
        mp_parser_error_at(p, t, NULL, "expected 'except' or 'finally' "
                           "block");
        goto error;
    }
    s = mp_parser_stmt(p, AST_Try, start);
    if (s == NULL)
        goto error;
    s->v.Try.body = body;
    s->v.Try.handlers = p_list_finish(p, &handlers);
    s->v.Try.orelse = orelse;
    s->v.Try.finalbody = finalbody;
    return s->v.Try.handlers == NULL ? NULL : s;
error:
    p_list_clear(&handlers);
    return NULL;
}

static MpObject *
parse_def_name(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    if (t == NULL)
        return NULL;
    if (t->t.kind != MP_TOK_NAME || t->keyword != KW_NONE_)
        return mp_parser_invalid_syntax(p);
    p->pos++;
    return mp_parser_identifier(p, t);
}

static mp_stmt *
parse_funcdef(mp_parser *p, p_token *start, mp_asdl_seq *decorators)
{
    MpObject *name = parse_def_name(p);
    mp_arguments *args;
    mp_expr *returns = NULL;
    mp_asdl_seq *body;
    mp_stmt *s;

    if (name == NULL ||
        mp_parser_expect_op(p, MP_OP_LPAR, "expected '('") < 0 ||
        (args = mp_parse_parameters(p, 0)) == NULL ||
        mp_parser_expect_op(p, MP_OP_RPAR, NULL) < 0)
        return NULL;
    if (mp_parser_accept_op(p, MP_OP_RARROW) == 1) {
        returns = mp_parse_expression(p);
        if (returns == NULL)
            return NULL;
    }
    if (MpErr_Occurred())
        return NULL;
    body = parse_colon_block(p, "function definition", start->t.lineno);
    if (body == NULL)
        return NULL;
    s = mp_parser_stmt(p, AST_FunctionDef, start);
    if (s != NULL) {
        s->v.FunctionDef.name = name;
        s->v.FunctionDef.args = args;
        s->v.FunctionDef.body = body;
        s->v.FunctionDef.decorator_list = decorators;
        s->v.FunctionDef.returns = returns;
    }
    return s;
}

static mp_stmt *
parse_classdef(mp_parser *p, p_token *start, mp_asdl_seq *decorators)
{
    MpObject *name = parse_def_name(p);
    mp_asdl_seq *bases = NULL, *keywords = NULL, *body;
    mp_stmt *s;
    int r;

    if (name == NULL || (r = mp_parser_at_op(p, MP_OP_LPAR)) < 0)
        return NULL;
    if (r == 1) {
        p->pos++;
        if (mp_parse_call_arguments(p, &bases, &keywords) < 0)
            return NULL;
    }
    body = parse_colon_block(p, "class definition", start->t.lineno);
    if (body == NULL)
        return NULL;
    s = mp_parser_stmt(p, AST_ClassDef, start);
    if (s != NULL) {
        s->v.ClassDef.name = name;
        s->v.ClassDef.bases = bases;
        s->v.ClassDef.keywords = keywords;
        s->v.ClassDef.body = body;
        s->v.ClassDef.decorator_list = decorators;
    }
    return s;
}

/* ('@' named_expression NEWLINE)+ then a def or class. */
static mp_stmt *
parse_decorated(mp_parser *p)
{
    p_list decorators;
    p_token *t;
    mp_asdl_seq *seq;

    p_list_init(&decorators);
    while (mp_parser_accept_op(p, MP_OP_AT) == 1) {
        mp_expr *d = mp_parse_named_expression(p);
        if (d == NULL || p_list_append(&decorators, d) < 0)
            goto error;
        if (mp_parser_at_kind(p, MP_TOK_NEWLINE) != 1) {
            mp_parser_invalid_syntax(p);
            goto error;
        }
        p->pos++;
    }
    t = mp_parser_peek(p, 0);
    if (t == NULL || (seq = p_list_finish(p, &decorators)) == NULL)
        goto error;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_DEF) {
        p->pos++;
        return parse_funcdef(p, t, seq);
    }
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_CLASS) {
        p->pos++;
        return parse_classdef(p, t, seq);
    }
    return mp_parser_invalid_syntax(p);
error:
    p_list_clear(&decorators);
    return NULL;
}

static mp_stmt *
parse_compound(mp_parser *p, p_token *t)
{
    switch (t->keyword) {
    case KW_IF:
        p->pos++;
        return parse_if(p, t, "'if' statement");
    case KW_WHILE:
        p->pos++;
        return parse_while(p, t);
    case KW_FOR:
        p->pos++;
        return parse_for(p, t);
    case KW_TRY:
        p->pos++;
        return parse_try(p, t);
    case KW_DEF:
        p->pos++;
        return parse_funcdef(p, t, NULL);
    case KW_CLASS:
        p->pos++;
        return parse_classdef(p, t, NULL);
    case KW_WITH:
        return not_supported(p, t, "the 'with' statement");
    case KW_ASYNC:
        return not_supported(p, t, "'async'");
    default:
        return NULL;
    }
}

/* One statement line: a compound statement, or simple statements (all
 * appended to 'out').  Returns the last statement, or NULL on error. */
static mp_stmt *
parse_statement_into(mp_parser *p, p_list *out)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_stmt *s;

    if (t == NULL || mp_parser_enter(p) < 0)
        return NULL;
    if (t->t.kind == MP_TOK_OP && t->t.op == MP_OP_AT) {
        s = parse_decorated(p);
    }
    else if (t->t.kind == MP_TOK_NAME &&
             (s = parse_compound(p, t)) != NULL) {
        /* done */
    }
    else if (MpErr_Occurred()) {
        s = NULL;
    }
    else {
        mp_parser_leave(p);
        if (parse_simple_stmts(p, out) < 0)
            return NULL;
        return out->items[out->n - 1];
    }
    mp_parser_leave(p);
    if (s == NULL || p_list_append(out, s) < 0)
        return NULL;
    return s;
}

/* ---- Entry points ---- */

static mp_mod *
parse_module(mp_parser *p, mp_parse_mode mode)
{
    mp_mod *mod = mp_ast_node(p->arena, sizeof(mp_mod));

    if (mod == NULL)
        return NULL;
    if (mode == MP_PARSE_EVAL) {
        mod->kind = AST_Expression;
        mod->expr = mp_parse_star_expressions(p);
        if (mod->expr == NULL)
            return NULL;
        while (mp_parser_at_kind(p, MP_TOK_NEWLINE) == 1)
            p->pos++;
        if (mp_parser_at_kind(p, MP_TOK_ENDMARKER) != 1)
            return mp_parser_invalid_syntax(p);
        return mod;
    }
    mod->kind = mode == MP_PARSE_SINGLE ? AST_Interactive : AST_Module;
    mod->body = parse_statements(p, 0);
    return mod->body == NULL ? NULL : mod;
}

/* After a syntax error found by the parser, CPython reads the rest of the
 * source: an error of the tokenizer there (an unclosed bracket, an
 * unterminated string) is reported instead, as it explains the first. */
static void
prefer_tokenizer_error(mp_parser *p)
{
    MpObject *first;
    int last_line;

    if (!MpErr_ExceptionMatches(MpExc_SyntaxError) || p->tokenizer.done < 0)
        return;
    /* Where the parser had got to when it gave up. */
    last_line = p->ntokens > 0
                ? mp_parser_token(p, p->ntokens - 1)->t.lineno : 0;
    first = MpErr_GetRaisedException();
    for (;;) {
        if (p->ntokens > 0 &&
            mp_parser_token(p, p->ntokens - 1)->t.kind == MP_TOK_ENDMARKER)
            break;
        if (fill_token(p) < 0)
            break;
    }
    if (MpErr_Occurred() && MpErr_ExceptionMatches(MpExc_SyntaxError)) {
        /* An unclosed bracket wins only over an error on a later line. */
        if (p->tokenizer.err_kind == MP_TOKERR_EOF && p->level > 0 &&
            last_line <= p->tokenizer.err_lineno) {
            MpErr_Clear();
            MpErr_SetRaisedException(first);
            return;
        }
        Mp_DECREF(first);
        return;
    }
    MpErr_Clear();
    MpErr_SetRaisedException(first);
}

mp_mod *
mp_parse_string(const char *source, MpObject *filename, mp_parse_mode mode,
                mp_arena *arena, int *incomplete)
{
    mp_parser p;
    mp_mod *mod;

    memset(&p, 0, sizeof(p));
    mp_tokenizer_init(&p.tokenizer, source);
    p.arena = arena;
    p.source = source;
    p.filename = filename;
    mod = parse_module(&p, mode);
    if (mod == NULL)
        prefer_tokenizer_error(&p);
    mp_parser_free_tokens(&p);
    if (incomplete != NULL)
        *incomplete = mod == NULL && p.incomplete;
    return mod;
}

/* ---- SyntaxError ---- */

/* Code points in the first 'nbytes' bytes of UTF-8 text. */
static Mp_ssize_t
count_chars(const char *s, Mp_ssize_t nbytes)
{
    Mp_ssize_t n = 0, i;
    for (i = 0; i < nbytes && s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    }
    return n;
}

/* The text of line 'lineno' of 'source' (with its newline), as a str. */
static MpObject *
source_line(const char *source, int lineno, const char **line_start)
{
    const char *s = source, *e;
    int n = 1;

    while (n < lineno && *s != '\0') {
        if (*s++ == '\n')
            n++;
    }
    if (n != lineno) {
        *line_start = NULL;
        Mp_RETURN_NONE;
    }
    *line_start = s;
    e = s;
    while (*e != '\0' && *e != '\n')
        e++;
    if (*e == '\n')
        e++;
    return MpUnicode_FromStringAndSize(s, e - s);
}

static int
set_int_attr(MpObject *obj, const char *name, Mp_ssize_t value)
{
    MpObject *v = MpLong_FromSsize_t(value);
    int r;

    if (v == NULL)
        return -1;
    r = MpObject_SetAttrString(obj, name, v);
    Mp_DECREF(v);
    return r;
}

void
mp_parser_raise_syntax_error(MpObject *exc_type, const char *msg,
                             MpObject *filename, const char *source,
                             int lineno, int col, int end_lineno,
                             int end_col)
{
    const char *line_start = NULL, *end_line_start = NULL;
    MpObject *text = NULL, *end_text = NULL, *args = NULL, *exc = NULL;
    Mp_ssize_t offset, end_offset;

    text = source_line(source, lineno, &line_start);
    if (text == NULL)
        goto done;
    offset = line_start ? count_chars(line_start, col) + 1 : col + 1;
    if (end_lineno < 0) {
        end_lineno = lineno;
        end_offset = offset;
    }
    else {
        end_text = source_line(source, end_lineno, &end_line_start);
        if (end_text == NULL)
            goto done;
        end_offset = end_line_start ?
                     count_chars(end_line_start, end_col) + 1 : end_col + 1;
    }
    args = MpUnicode_FromFormat("%s", msg);
    if (args == NULL)
        goto done;
    exc = MpObject_CallOneArg(exc_type, args);
    if (exc == NULL)
        goto done;
    if (MpObject_SetAttrString(exc, "filename", filename) < 0)
        goto done;
    if (set_int_attr(exc, "lineno", lineno) < 0 ||
        set_int_attr(exc, "offset", offset) < 0 ||
        set_int_attr(exc, "end_lineno", end_lineno) < 0 ||
        set_int_attr(exc, "end_offset", end_offset) < 0 ||
        MpObject_SetAttrString(exc, "text", text) < 0)
        goto done;
    MpErr_SetObject(exc_type, exc);
done:
    Mp_XDECREF(exc);
    Mp_XDECREF(args);
    Mp_XDECREF(text);
    Mp_XDECREF(end_text);
}
