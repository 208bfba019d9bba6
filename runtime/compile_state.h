/*
 * compile_state.h -- what compile.c (units, statements, assembly) and
 * compile_expr.c (expressions) share.
 */
#ifndef MP_COMPILE_STATE_H
#define MP_COMPILE_STATE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/ast.h"
#include "runtime/codeobject.h"
#include "runtime/compile.h"
#include "runtime/symtable.h"

/* CPython's limit on statically nested blocks (and the frame's). */
#define MP_MAXBLOCKS 20

typedef enum {
    FB_WHILE_LOOP, FB_FOR_LOOP, FB_TRY_EXCEPT, FB_FINALLY_TRY,
    FB_FINALLY_END, FB_EXCEPTION_HANDLER, FB_HANDLER_CLEANUP, FB_POP_VALUE
} fblock_type;

typedef struct {
    fblock_type type;
    int start;              /* loops: the label 'continue' jumps to */
    int exit;               /* loops: the label 'break' jumps to */
    const void *datum;      /* FINALLY_TRY: the finally body;
                               HANDLER_CLEANUP: the bound name */
} fblock;

typedef enum {
    SCOPE_MODULE, SCOPE_CLASS, SCOPE_FUNCTION, SCOPE_LAMBDA,
    SCOPE_COMPREHENSION
} scope_type;

typedef struct compiler_unit {
    mp_ste *ste;
    scope_type scope;
    MpObject *name;
    MpObject *qualname;
    /* Instructions; a jump's argument holds a label until assembly. */
    mp_codeunit *code;
    mp_location *locations;
    char *is_jump;
    Mp_ssize_t ncode;
    Mp_ssize_t allocated;
    int *labels;            /* label -> instruction index (-1 unbound) */
    int nlabels;
    int labels_allocated;
    MpObject *consts;       /* list */
    MpObject *consts_index; /* dict: constant key -> index */
    MpObject *names;        /* list */
    MpObject *names_index;  /* dict */
    MpObject *varnames;     /* list: locals, parameters first */
    MpObject *varnames_index;
    MpObject *cellvars;
    MpObject *cellvars_index;
    MpObject *freevars;
    MpObject *freevars_index;
    int argcount, posonlyargcount, kwonlyargcount;
    int firstlineno;
    mp_location loc;        /* given to the instructions emitted now */
    MpObject *private_name; /* the enclosing class's name, for mangling */
    fblock fblocks[MP_MAXBLOCKS];
    int nfblocks;
    struct compiler_unit *parent;
} compiler_unit;

typedef struct {
    mp_symtable *st;
    compiler_unit *u;
    MpObject *filename;
    const char *source;
    MpObject *const_cache;  /* dict: key -> the one object of a value */
    mp_arena *arena;        /* the tree's: holds folded constants */
    int flags;              /* MP_COMPILE_* */
    int depth;              /* nesting guard */
} mp_compiler;

/* The source range instructions emitted from now on come from. */
#define MP_SET_LOC(c, node)                                   \
    ((c)->u->loc = (mp_location){(node)->lineno, (node)->end_lineno, \
                                 (node)->col_offset,          \
                                 (node)->end_col_offset})

/* ---- compile.c ---- */
int mp_compiler_emit(mp_compiler *c, int op, int arg);
int mp_compiler_emit_jump(mp_compiler *c, int op, int label);
int mp_compiler_new_label(mp_compiler *c);
int mp_compiler_bind_label(mp_compiler *c, int label);
/* The index of a constant in the unit (deduplicated through the whole
 * compilation).  Takes a reference to 'obj' only on success. */
int mp_compiler_add_const(mp_compiler *c, MpObject *obj);
int mp_compiler_emit_const(mp_compiler *c, MpObject *obj);
int mp_compiler_add_name(mp_compiler *c, MpObject *name);
/* Load, store or delete a name with the op its scope calls for. */
int mp_compiler_nameop(mp_compiler *c, MpObject *name, mp_expr_context ctx);
void *mp_compiler_error(mp_compiler *c, int lineno, int col,
                        const char *msg);
/* Compile a nested function-like unit (lambda, comprehension) from the
 * current unit: leaves the function object on the stack. */
int mp_compiler_enter_scope(mp_compiler *c, MpObject *name,
                            scope_type scope, const void *key, int lineno);
MpCodeObject *mp_compiler_exit_scope(mp_compiler *c);
/* Drop the current unit after an error, without assembling it. */
void mp_compiler_abandon_scope(mp_compiler *c);
int mp_compile_stmt(mp_compiler *c, const mp_stmt *s);
int mp_compiler_make_closure(mp_compiler *c, MpCodeObject *co, int flags);
/* Push a function's defaults; returns MAKE_FUNCTION flags, or -1. */
int mp_compiler_defaults(mp_compiler *c, const mp_arguments *a);
void mp_compiler_set_arg_counts(compiler_unit *u, const mp_arguments *a);
/* Private names: __x in class C is _C__x.  New. */
MpObject *mp_compiler_mangle(compiler_unit *u, MpObject *name);

/* ---- compile_expr.c ---- */
int mp_compile_expr(mp_compiler *c, const mp_expr *e);
/* Store the value on top of the stack into an assignment target. */
int mp_compile_store(mp_compiler *c, const mp_expr *target);
int mp_compile_delete(mp_compiler *c, const mp_expr *target);
/* Jump to 'label' when the truth of 'e' equals 'cond'. */
int mp_compile_jump_if(mp_compiler *c, const mp_expr *e, int label,
                       int cond);
int mp_compile_call_helper(mp_compiler *c, int already_pushed,
                           const mp_asdl_seq *args,
                           const mp_asdl_seq *keywords);
/* The constant value of 'e' after folding, or NULL (Borrowed). */
MpObject *mp_compile_fold(mp_compiler *c, const mp_expr *e);

#endif /* MP_COMPILE_STATE_H */
