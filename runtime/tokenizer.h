/*
 * tokenizer.h -- Python source text to tokens.
 *
 * The tokenizer works on a whole source buffer held in memory and hands out
 * one token at a time.  Tokens point into the buffer; nothing is allocated,
 * so the tokenizer needs no object of the runtime and cannot run out of
 * memory.  Errors are reported in the tokenizer state (message, kind,
 * position) for the parser to raise as SyntaxError, IndentationError or
 * TabError.
 */
#ifndef MP_TOKENIZER_H
#define MP_TOKENIZER_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include <stddef.h>

/* CPython's limits: 100 nested indented blocks, 200 nested brackets. */
#define MP_TOK_MAXINDENT 100
#define MP_TOK_MAXLEVEL 200

typedef enum {
    MP_TOK_ENDMARKER,
    MP_TOK_NAME,
    MP_TOK_NUMBER,
    MP_TOK_STRING,
    MP_TOK_NEWLINE,
    MP_TOK_INDENT,
    MP_TOK_DEDENT,
    MP_TOK_OP,
    MP_TOK_ERROR
} mp_token_kind;

/* The operators and delimiters, longest spelling first within each
 * family so that the scanner can take the longest match. */
#define MP_OPERATOR_LIST(X)                                              \
    X(ELLIPSIS, "...") X(DOUBLESTAREQUAL, "**=") X(DOUBLESLASHEQUAL, "//=") \
    X(LEFTSHIFTEQUAL, "<<=") X(RIGHTSHIFTEQUAL, ">>=")                   \
    X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=")                \
    X(GREATEREQUAL, ">=") X(LEFTSHIFT, "<<") X(RIGHTSHIFT, ">>")         \
    X(DOUBLESTAR, "**") X(DOUBLESLASH, "//") X(PLUSEQUAL, "+=")          \
    X(MINEQUAL, "-=") X(STAREQUAL, "*=") X(SLASHEQUAL, "/=")             \
    X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=") X(VBAREQUAL, "|=")         \
    X(CIRCUMFLEXEQUAL, "^=") X(ATEQUAL, "@=") X(RARROW, "->")            \
    X(COLONEQUAL, ":=")                                                  \
    X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{")   \
    X(RBRACE, "}") X(COLON, ":") X(COMMA, ",") X(SEMI, ";") X(PLUS, "+") \
    X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(VBAR, "|") X(AMPER, "&")  \
    X(LESS, "<") X(GREATER, ">") X(EQUAL, "=") X(DOT, ".")               \
    X(PERCENT, "%") X(TILDE, "~") X(CIRCUMFLEX, "^") X(AT, "@")

typedef enum {
#define MP_OP_ENUM(name, text) MP_OP_##name,
    MP_OPERATOR_LIST(MP_OP_ENUM)
#undef MP_OP_ENUM
    MP_OP_COUNT
} mp_operator;

/* The spelling of an operator ("+=" for MP_OP_PLUSEQUAL). */
const char *mp_operator_text(mp_operator op);

typedef struct {
    mp_token_kind kind;
    mp_operator op;         /* when kind == MP_TOK_OP */
    const char *start;      /* the token's text: [start, end) */
    const char *end;
    int lineno;             /* 1-based */
    int col_offset;         /* 0-based, in bytes from the line start */
    int end_lineno;
    int end_col_offset;
} mp_token;

typedef enum {
    MP_TOKERR_SYNTAX,       /* SyntaxError */
    MP_TOKERR_INDENT,       /* IndentationError */
    MP_TOKERR_TAB,          /* TabError */
    MP_TOKERR_EOF           /* SyntaxError at end of input: the REPL reads
                               another line instead of reporting it */
} mp_tokerr_kind;

typedef struct {
    const char *buf;        /* the whole source, NUL-terminated */
    const char *cur;        /* next byte to read */
    const char *line_start; /* first byte of the current line */
    int lineno;
    int atbol;              /* a logical line begins: measure it */
    int pending;            /* > 0: INDENTs to emit, < 0: DEDENTs */
    int indent;             /* top of the indentation stacks */
    int indstack[MP_TOK_MAXINDENT];    /* columns, tabs to multiples of 8 */
    int altindstack[MP_TOK_MAXINDENT]; /* columns, tabs as one column */
    int level;              /* open brackets */
    char parenstack[MP_TOK_MAXLEVEL];
    int parenlinestack[MP_TOK_MAXLEVEL];
    int parencolstack[MP_TOK_MAXLEVEL];
    int line_has_token;     /* a token was emitted on this logical line */
    int done;               /* ENDMARKER was emitted */
    /* The error, when mp_tokenizer_next returned MP_TOK_ERROR. */
    mp_tokerr_kind err_kind;
    char err_msg[160];
    int err_lineno;
    int err_col;            /* 0-based byte column */
} mp_tokenizer;

/* Start tokenizing 'source' (NUL-terminated, UTF-8, '\n' line ends). */
void mp_tokenizer_init(mp_tokenizer *tok, const char *source);

/* Fill *token with the next token and return its kind.  On MP_TOK_ERROR the
 * tokenizer's err_* fields describe the error, and every later call returns
 * the same error. */
mp_token_kind mp_tokenizer_next(mp_tokenizer *tok, mp_token *token);

#endif /* MP_TOKENIZER_H */
