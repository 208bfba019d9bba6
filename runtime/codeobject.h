/*
 * codeobject.h -- compiled code: the bytecode of one function, class body
 * or module, with everything the VM needs to run it.
 *
 *   co_code         instructions (opcodes.h), co_ncode of them
 *   co_locations    the source range of each instruction (tracebacks)
 *   co_consts       tuple of constants (LOAD_CONST's argument indexes it)
 *   co_names        tuple of names for globals, attributes, imports
 *   co_localsplusnames  the frame's slots: locals (arguments first),
 *                   then cell variables, then free variables
 *   co_cell2arg     for each cell variable that is also an argument, the
 *                   argument's index (the frame moves it into the cell)
 */
#ifndef MP_CODEOBJECT_H
#define MP_CODEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "runtime/opcodes.h"

/* Where an instruction comes from: the source range of its AST node
 * (columns are 0-based byte offsets; -1 when unknown). */
typedef struct {
    int lineno;
    int end_lineno;
    int col;
    int end_col;
} mp_location;

/* co_flags, with CPython's values. */
#define MP_CO_OPTIMIZED 0x0001
#define MP_CO_NEWLOCALS 0x0002
#define MP_CO_VARARGS 0x0004
#define MP_CO_VARKEYWORDS 0x0008
#define MP_CO_NESTED 0x0010
#define MP_CO_GENERATOR 0x0020
#define MP_CO_NOFREE 0x0040

/* What LOAD_GLOBAL of one name found, valid while the globals and the
 * builtins dict still carry the recorded versions (every change of any
 * dict takes a fresh, never reused version number).  'value' is
 * borrowed: the unchanged dict still holds it. */
typedef struct {
    uint64_t globals_version;
    uint64_t builtins_version;
    MpObject *value;            /* NULL: nothing recorded */
} mp_global_cache;

/* One per instruction, for the attribute instructions (attrcache.h). */
typedef struct mp_attr_cache mp_attr_cache;

typedef struct {
    MpObject_HEAD
    int co_argcount;            /* positional, including positional-only */
    int co_posonlyargcount;
    int co_kwonlyargcount;
    int co_nlocals;
    int co_ncellvars;
    int co_nfreevars;
    int co_nlocalsplus;         /* nlocals + ncellvars + nfreevars */
    int co_stacksize;
    int co_flags;
    int co_firstlineno;
    Mp_ssize_t co_ncode;
    mp_codeunit *co_code;
    mp_location *co_locations;
    int *co_cell2arg;           /* NULL when no cell is an argument */
    MpObject *co_consts;
    MpObject *co_names;
    MpObject *co_localsplusnames;
    MpObject *co_filename;
    MpObject *co_name;
    MpObject *co_qualname;
    mp_global_cache *co_global_cache;   /* one per name; made when needed */
    mp_attr_cache *co_attr_cache;       /* one per instruction; the same */
} MpCodeObject;

extern MpTypeObject MpCode_Type;
#define MpCode_Check(op) Mp_IS_TYPE(op, &MpCode_Type)

/* A new code object.  'code', 'lines' and 'cell2arg' are copied; the
 * object references are not stolen.  New, or NULL with an exception. */
MpCodeObject *mp_code_new(int argcount, int posonlyargcount,
                          int kwonlyargcount, int nlocals, int ncellvars,
                          int nfreevars, int stacksize, int flags,
                          int firstlineno, const mp_codeunit *code,
                          const mp_location *locations, Mp_ssize_t ncode,
                          const int *cell2arg, MpObject *consts,
                          MpObject *names, MpObject *localsplusnames,
                          MpObject *filename, MpObject *name,
                          MpObject *qualname);

/* The source line of instruction 'lasti' (the first line if unknown). */
int mp_code_line(const MpCodeObject *co, int lasti);
/* The source range of instruction 'lasti': 1, or 0 when unknown. */
int mp_code_location(const MpCodeObject *co, int lasti, mp_location *loc);

/* A readable listing of the bytecode (minipy --dis): New str. */
MpObject *mp_code_disassemble(MpCodeObject *co);
/* The same for 'co' and every code object nested in its constants. */
MpObject *mp_code_disassemble_all(MpCodeObject *co);

int mp_code_init(void);

#endif /* MP_CODEOBJECT_H */
