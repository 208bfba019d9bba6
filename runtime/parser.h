/*
 * parser.h -- source text to AST.
 */
#ifndef MP_PARSER_H
#define MP_PARSER_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/ast.h"

typedef enum {
    MP_PARSE_FILE,          /* a module: statements */
    MP_PARSE_SINGLE,        /* one interactive statement (the REPL) */
    MP_PARSE_EVAL           /* one expression */
} mp_parse_mode;

/* Nesting beyond this many levels of expressions or blocks raises
 * RecursionError "maximum recursion depth exceeded during compilation"
 * (CPython 3.11 gives up between 2,500 and 3,000 nested unary operators). */
#define MP_PARSER_MAX_DEPTH 2800

/* Parse 'source' (NUL-terminated UTF-8) into a tree allocated in 'arena'.
 * 'filename' is a str used in SyntaxError.  Returns NULL with an exception
 * set: SyntaxError (or IndentationError, TabError), RecursionError,
 * MemoryError.  When 'incomplete' is not NULL, *incomplete is set to 1 if
 * the error is only that the input ended too early (an open bracket, an
 * unfinished block), so the REPL can read another line. */
mp_mod *mp_parse_string(const char *source, MpObject *filename,
                        mp_parse_mode mode, mp_arena *arena,
                        int *incomplete);

/* Raise SyntaxError(msg) located in 'source' at a 1-based line and 0-based
 * byte columns (end may be -1): sets filename, lineno, offset (1-based, in
 * characters), text, end_lineno and end_offset as CPython does. */
void mp_parser_raise_syntax_error(MpObject *exc_type, const char *msg,
                                  MpObject *filename, const char *source,
                                  int lineno, int col, int end_lineno,
                                  int end_col);

#endif /* MP_PARSER_H */
