/*
 * compile.h -- AST to code objects.
 */
#ifndef MP_COMPILE_H
#define MP_COMPILE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "runtime/ast.h"
#include "runtime/codeobject.h"

/* How expression statements at module level end up. */
#define MP_COMPILE_INTERACTIVE 1    /* printed with their repr (REPL) */
#define MP_COMPILE_RETURN_LAST 2    /* the last one's value is returned */

/* Compile a parsed module.  Values made by constant folding are also
 * given to 'arena' (the tree's), which keeps them alive as long as the
 * tree, as CPython's AST optimizer does.  New code object, or NULL with
 * SyntaxError (or MemoryError, RecursionError) set. */
MpCodeObject *mp_compile(const mp_mod *mod, MpObject *filename,
                         const char *source, int flags, mp_arena *arena);

#endif /* MP_COMPILE_H */
