/*
 * symtable.h -- which scope each name of a program belongs to.
 *
 * One entry per block (module, function, lambda, comprehension, class),
 * keyed by its AST node.  After the analysis every name a block uses has
 * one scope:
 *
 *   LOCAL            bound in this block (fast local in a function)
 *   GLOBAL_EXPLICIT  declared 'global'
 *   GLOBAL_IMPLICIT  used, bound nowhere around: a global or builtin
 *   FREE             bound in an enclosing function: read through a cell
 *   CELL             local here and used by a nested function
 */
#ifndef MP_SYMTABLE_H
#define MP_SYMTABLE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/ast.h"

/* Flags recorded while walking the tree (CPython's values). */
#define MP_DEF_GLOBAL 1
#define MP_DEF_LOCAL 2
#define MP_DEF_PARAM 4
#define MP_DEF_NONLOCAL 8
#define MP_USE 16
#define MP_DEF_FREE 32
#define MP_DEF_FREE_CLASS 64
#define MP_DEF_IMPORT 128
#define MP_DEF_BOUND (MP_DEF_LOCAL | MP_DEF_PARAM | MP_DEF_IMPORT)

/* Scopes, stored above the flags. */
#define MP_SCOPE_OFFSET 11
#define MP_SCOPE_MASK (7 << MP_SCOPE_OFFSET)
#define MP_LOCAL 1
#define MP_GLOBAL_EXPLICIT 2
#define MP_GLOBAL_IMPLICIT 3
#define MP_FREE 4
#define MP_CELL 5

typedef enum {
    MP_BLOCK_MODULE,
    MP_BLOCK_FUNCTION,
    MP_BLOCK_CLASS
} mp_block_type;

typedef struct mp_ste {
    mp_block_type type;
    const void *key;            /* the AST node of the block */
    MpObject *name;             /* str */
    MpObject *symbols;          /* dict: name -> flags | scope (int) */
    MpObject *varnames;         /* list: parameters, in order */
    MpObject *declarations;     /* dict: global/nonlocal name -> the
                                   statement's (line, col, end line, end
                                   col) */
    struct mp_ste **children;
    Mp_ssize_t nchildren;
    Mp_ssize_t children_allocated;
    struct mp_ste *parent;
    int lineno;
    int nested;                 /* inside a function */
    int is_generator;
    int is_comprehension;
    int has_varargs;
    int has_varkeywords;
    int child_free;             /* a nested block has free variables */
    int needs_class_closure;    /* class body provides the __class__ cell */
} mp_ste;

typedef struct {
    mp_ste *top;
    MpObject *filename;
    const char *source;
} mp_symtable;

/* Build and analyse the table of 'mod'.  NULL with SyntaxError (or
 * MemoryError, RecursionError) set. */
mp_symtable *mp_symtable_build(const mp_mod *mod, MpObject *filename,
                               const char *source);
void mp_symtable_free(mp_symtable *st);

/* The child block of 'ste' made for AST node 'key'. */
mp_ste *mp_symtable_child(mp_ste *ste, const void *key);

/* The scope (MP_LOCAL ... MP_CELL) of 'name' in 'ste', or 0. */
int mp_ste_scope(mp_ste *ste, MpObject *name);
/* The recorded flags of 'name' in 'ste', or 0. */
int mp_ste_flags(mp_ste *ste, MpObject *name);

#endif /* MP_SYMTABLE_H */
