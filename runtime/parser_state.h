/*
 * parser_state.h -- what parser.c (statements), parser_expr.c
 * (expressions and targets) and string_parser.c (literals, f-strings)
 * share: the token buffer, lookahead, node construction and errors.
 */
#ifndef MP_PARSER_STATE_H
#define MP_PARSER_STATE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/ast.h"
#include "runtime/parser.h"
#include "runtime/tokenizer.h"

/* Python's keywords, recognised once when a NAME token is read. */
#define MP_KEYWORD_LIST(X)                                               \
    X(FALSE, "False") X(NONE, "None") X(TRUE, "True") X(AND, "and")      \
    X(AS, "as") X(ASSERT, "assert") X(ASYNC, "async") X(AWAIT, "await")  \
    X(BREAK, "break") X(CLASS, "class") X(CONTINUE, "continue")          \
    X(DEF, "def") X(DEL, "del") X(ELIF, "elif") X(ELSE, "else")          \
    X(EXCEPT, "except") X(FINALLY, "finally") X(FOR, "for")              \
    X(FROM, "from") X(GLOBAL, "global") X(IF, "if") X(IMPORT, "import")  \
    X(IN, "in") X(IS, "is") X(LAMBDA, "lambda")                          \
    X(NONLOCAL, "nonlocal") X(NOT, "not") X(OR, "or") X(PASS, "pass")    \
    X(RAISE, "raise") X(RETURN, "return") X(TRY, "try")                  \
    X(WHILE, "while") X(WITH, "with") X(YIELD, "yield")

typedef enum {
    KW_NONE_ = 0,           /* not a keyword */
#define MP_KW_ENUM(name, text) KW_##name,
    MP_KEYWORD_LIST(MP_KW_ENUM)
#undef MP_KW_ENUM
} mp_keyword_id;

typedef struct {
    mp_token t;
    mp_keyword_id keyword;  /* for NAME tokens */
    int level;              /* brackets open before this token */
} p_token;

typedef struct {
    mp_tokenizer tokenizer;
    /* Tokens read so far, in fixed chunks so that a p_token pointer held
     * by a rule stays valid while later tokens are read. */
    p_token **chunks;
    Mp_ssize_t nslots;      /* length of the 'chunks' array */
    Mp_ssize_t capacity;    /* tokens the allocated chunks hold */
    Mp_ssize_t ntokens;
    Mp_ssize_t pos;         /* the next token to consume */
    int level;              /* open brackets while reading */
    mp_arena *arena;
    const char *source;
    MpObject *filename;
    int depth;              /* nesting, against MP_PARSER_MAX_DEPTH */
    int incomplete;         /* the error is "input ended too early" */
    int line_offset;        /* added to lines (f-string sub-parsers) */
    int col_offset;         /* added to columns on the first line */
} mp_parser;

#define MP_PARSER_TOKEN_CHUNK 256

/* Token i (< p->ntokens) of the buffer. */
static inline p_token *
mp_parser_token(mp_parser *p, Mp_ssize_t i)
{
    return &p->chunks[i / MP_PARSER_TOKEN_CHUNK][i % MP_PARSER_TOKEN_CHUNK];
}

/* Release the token buffer (the parser itself is the caller's). */
void mp_parser_free_tokens(mp_parser *p);

/* ---- Tokens ---- */
/* The token 'k' places ahead (0: the next one), or NULL with an exception
 * set when the tokenizer failed. */
p_token *mp_parser_peek(mp_parser *p, Mp_ssize_t k);
/* Consume the next token and return it (NULL on tokenizer error). */
p_token *mp_parser_next(mp_parser *p);
/* The last token consumed, and the last one with text (not NEWLINE,
 * INDENT or DEDENT). */
p_token *mp_parser_last(mp_parser *p);
p_token *mp_parser_last_text(mp_parser *p);
int mp_parser_at_op(mp_parser *p, mp_operator op);          /* 1/0/-1 */
int mp_parser_at_keyword(mp_parser *p, mp_keyword_id kw);   /* 1/0/-1 */
int mp_parser_at_kind(mp_parser *p, mp_token_kind kind);    /* 1/0/-1 */
/* Consume the operator if it is next: 1 consumed, 0 not, -1 error. */
int mp_parser_accept_op(mp_parser *p, mp_operator op);
int mp_parser_accept_keyword(mp_parser *p, mp_keyword_id kw);
/* Consume the operator or raise SyntaxError(msg) at the next token. */
int mp_parser_expect_op(mp_parser *p, mp_operator op, const char *msg);
/* The interned identifier of a NAME token, owned by the arena. */
MpObject *mp_parser_identifier(mp_parser *p, p_token *tok);
/* Give the arena the caller's reference to 'obj' (stolen; NULL in, or a
 * failure, gives NULL). */
MpObject *mp_parser_own(mp_parser *p, MpObject *obj);

/* ---- Errors ---- */
/* SyntaxError(msg) spanning tokens a..b (b may be NULL: just a).
 * Always returns NULL. */
void *mp_parser_error_at(mp_parser *p, p_token *a, p_token *b,
                         const char *msg);
/* SyntaxError spanning a node's source range. */
void *mp_parser_error_node(mp_parser *p, int lineno, int col,
                           int end_lineno, int end_col, const char *msg);
/* IndentationError at token a. */
void *mp_parser_indent_error(mp_parser *p, p_token *a, const char *msg);
/* Generic "invalid syntax" at the next token (or the tokenizer's error). */
void *mp_parser_invalid_syntax(mp_parser *p);
/* RecursionError when nesting passes MP_PARSER_MAX_DEPTH.  0 or -1. */
int mp_parser_enter(mp_parser *p);
#define mp_parser_leave(p) ((p)->depth--)

/* Node positions: from token 'start' to the last consumed token. */
mp_expr *mp_parser_expr(mp_parser *p, mp_expr_kind kind, p_token *start);
mp_stmt *mp_parser_stmt(mp_parser *p, mp_stmt_kind kind, p_token *start);
/* A sequence from a growing buffer (see p_list below). */
mp_asdl_seq *mp_parser_seq(mp_parser *p, void **items, Mp_ssize_t n);

/* A growable list of node pointers used while parsing a sequence. */
typedef struct {
    void **items;
    Mp_ssize_t n;
    Mp_ssize_t allocated;
    void *inline_items[8];
} p_list;
void p_list_init(p_list *l);
int p_list_append(p_list *l, void *item);   /* -1 with MemoryError */
mp_asdl_seq *p_list_finish(mp_parser *p, p_list *l);  /* frees l */
void p_list_clear(p_list *l);

/* ---- Expressions (parser_expr.c) ---- */
mp_expr *mp_parse_expression(mp_parser *p);
mp_expr *mp_parse_named_expression(mp_parser *p);
mp_expr *mp_parse_star_expressions(mp_parser *p);
mp_expr *mp_parse_bitwise_or(mp_parser *p);
/* Targets of for loops and comprehensions: star_targets before 'in'. */
mp_expr *mp_parse_star_targets(mp_parser *p);
/* Check and mark 'e' as an assignment (AST_Store) or deletion (AST_Del)
 * target.  'what' picks CPython's message for an invalid one. */
typedef enum {
    MP_TARGET_ASSIGN,       /* "cannot assign to %s" */
    MP_TARGET_ASSIGN_HERE,  /* "... here. Maybe you meant '==' ..." */
    MP_TARGET_DELETE,       /* "cannot delete %s" */
    MP_TARGET_FOR           /* "cannot assign to %s" */
} mp_target_use;
int mp_parser_set_context(mp_parser *p, mp_expr *e, mp_expr_context ctx,
                          mp_target_use use);
/* CPython's description of an expression in error messages. */
const char *mp_parser_expr_name(const mp_expr *e);
mp_arguments *mp_parse_parameters(mp_parser *p, int lambda);
/* Call arguments after the '(' up to and including the ')'.  0 or -1. */
int mp_parse_call_arguments(mp_parser *p, mp_asdl_seq **args,
                            mp_asdl_seq **keywords);
mp_expr *mp_parse_yield_expr(mp_parser *p);

/* ---- Literals (string_parser.c) ---- */
/* The Constant or JoinedStr for a run of adjacent STRING tokens starting
 * at the next token. */
mp_expr *mp_parse_strings(mp_parser *p);
/* The Constant for a NUMBER token. */
mp_expr *mp_parse_number(mp_parser *p, p_token *tok);

#endif /* MP_PARSER_STATE_H */
