/*
 * compile.c -- AST to bytecode: compilation units, assembly, statements.
 *
 * One compiler_unit per code object being built (module, class body,
 * function, lambda, comprehension), stacked while nested ones are built:
 *
 *   AST ──symtable──► scopes ──compile──► instructions + labels
 *                                          │ assemble: labels → indexes,
 *                                          │ stack depth by flow analysis
 *                                          ▼
 *                                       code object
 *
 * Constants are merged through one cache for the whole compilation, keyed
 * by type and value as CPython keys them, so equal literals anywhere in a
 * module (nested functions included) are one object: `a = 257; b = 257`
 * gives `a is b`.  Identifier-like str constants are interned.
 *
 * Exceptions use a block stack at run time: SETUP_FINALLY pushes a handler
 * and POP_BLOCK pops it.  The compiler mirrors it with fblocks, so that
 * 'return', 'break' and 'continue' can unwind what lies between them and
 * their target (pop a loop's iterator, restore the handled exception, run
 * a finally body inline).  The shapes of try/except/finally are in
 * docs/internals/compiler.md.
 *
 * Read alongside CPython 3.11: Python/compile.c (compiler_enter_scope,
 * compiler_nameop, compiler_unwind_fblock, stackdepth, makecode).
 *
 * Left out: the peephole optimizer, module-level __annotations__, 'with',
 * 'async', pattern matching.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/compile_state.h"
#include "runtime/parser.h"
#include "objects/dictobject.h"
#include "objects/floatobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"

static int compile_stmts(mp_compiler *c, const mp_asdl_seq *body);

/* ---- Errors ---- */

void *
mp_compiler_error(mp_compiler *c, int lineno, int col, const char *msg)
{
    mp_parser_raise_syntax_error(MpExc_SyntaxError, msg, c->filename,
                                 c->source, lineno, col, -1, -1);
    return NULL;
}

/* ---- Instructions and labels ---- */

static int
grow_code(compiler_unit *u)
{
    Mp_ssize_t n = u->allocated ? u->allocated * 2 : 64;
    mp_codeunit *code = MpMem_Realloc(u->code, (size_t)n * sizeof(*code));
    mp_location *locations;
    char *jumps;

    if (code == NULL)
        return -1;
    u->code = code;
    locations = MpMem_Realloc(u->locations,
                              (size_t)n * sizeof(mp_location));
    if (locations == NULL)
        return -1;
    u->locations = locations;
    jumps = MpMem_Realloc(u->is_jump, (size_t)n);
    if (jumps == NULL)
        return -1;
    u->is_jump = jumps;
    u->allocated = n;
    return 0;
}

static int
emit(mp_compiler *c, int op, int arg, int jump)
{
    compiler_unit *u = c->u;

    if (arg < 0 || arg > MP_MAX_OPARG) {
        MpErr_SetString(MpExc_SystemError, "instruction argument out of "
                        "range");
        return -1;
    }
    if (u->ncode == u->allocated && grow_code(u) < 0) {
        MpErr_NoMemory();
        return -1;
    }
    u->code[u->ncode] = MP_MAKE_UNIT(op, arg);
    u->locations[u->ncode] = u->loc;
    u->is_jump[u->ncode] = (char)jump;
    u->ncode++;
    return 0;
}

int
mp_compiler_emit(mp_compiler *c, int op, int arg)
{
    return emit(c, op, arg, 0);
}

int
mp_compiler_emit_jump(mp_compiler *c, int op, int label)
{
    return emit(c, op, label, 1);
}

int
mp_compiler_new_label(mp_compiler *c)
{
    compiler_unit *u = c->u;

    if (u->nlabels == u->labels_allocated) {
        int n = u->labels_allocated ? u->labels_allocated * 2 : 16;
        int *labels = MpMem_Realloc(u->labels, (size_t)n * sizeof(int));
        if (labels == NULL) {
            MpErr_NoMemory();
            return -1;
        }
        u->labels = labels;
        u->labels_allocated = n;
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

int
mp_compiler_bind_label(mp_compiler *c, int label)
{
    c->u->labels[label] = (int)c->u->ncode;
    return 0;
}

#define EMIT(c, op, arg) \
    do { if (mp_compiler_emit((c), (op), (arg)) < 0) return -1; } while (0)
#define EMIT_JUMP(c, op, label) \
    do { if (mp_compiler_emit_jump((c), (op), (label)) < 0) return -1; } \
    while (0)
#define NEW_LABEL(c, var) \
    do { if (((var) = mp_compiler_new_label(c)) < 0) return -1; } while (0)
#define BIND(c, label) mp_compiler_bind_label((c), (label))

/* ---- Constants and names ---- */

/* CPython's constant key: values of different types (1, 1.0, True) or
 * signs (0.0, -0.0) must not be merged. */
static MpObject *
const_key(MpObject *o)
{
    if (o == Mp_None || o == Mp_Ellipsis || MpLong_CheckExact(o) ||
        MpUnicode_CheckExact(o) || MpCode_Check(o))
        return Mp_NewRef(o);
    if (MpFloat_CheckExact(o)) {
        double d = MpFloat_AsDouble(o);
        if (d == 0.0 && signbit(d))
            return MpTuple_Pack(3, (MpObject *)Mp_TYPE(o), o, Mp_None);
        return MpTuple_Pack(2, (MpObject *)Mp_TYPE(o), o);
    }
    if (MpTuple_CheckExact(o)) {
        Mp_ssize_t i, n = MpTuple_GET_SIZE(o);
        MpObject *keys = MpTuple_New(n), *key;
        if (keys == NULL)
            return NULL;
        for (i = 0; i < n; i++) {
            MpObject *k = const_key(MpTuple_GET_ITEM(o, i));
            if (k == NULL) {
                Mp_DECREF(keys);
                return NULL;
            }
            MpTuple_SET_ITEM(keys, i, k);
        }
        key = MpTuple_Pack(2, o, keys);
        Mp_DECREF(keys);
        return key;
    }
    return MpTuple_Pack(2, (MpObject *)Mp_TYPE(o), o);
}

/* Intern identifier-like strings, also inside constant tuples. */
static void
intern_constant(MpObject **o)
{
    if (MpUnicode_CheckExact(*o) && mp_unicode_is_identifier_like(*o)) {
        MpUnicode_InternInPlace(o);
    }
    else if (MpTuple_CheckExact(*o)) {
        Mp_ssize_t i;
        for (i = 0; i < MpTuple_GET_SIZE(*o); i++)
            intern_constant(&MpTuple_CAST(*o)->ob_item[i]);
    }
}

int
mp_compiler_add_const(mp_compiler *c, MpObject *obj)
{
    compiler_unit *u = c->u;
    MpObject *key, *canonical, *index;
    int i = -1;

    Mp_INCREF(obj);
    intern_constant(&obj);
    key = const_key(obj);
    if (key == NULL)
        goto done;
    canonical = MpDict_SetDefault(c->const_cache, key, obj);
    if (canonical == NULL)
        goto done;
    index = MpDict_GetItemWithError(u->consts_index, key);
    if (index != NULL) {
        i = (int)MpLong_AsLong(index);
        goto done;
    }
    if (MpErr_Occurred())
        goto done;
    index = MpLong_FromSsize_t(MpList_GET_SIZE(u->consts));
    if (index != NULL && MpDict_SetItem(u->consts_index, key, index) == 0 &&
        MpList_Append(u->consts, canonical) == 0)
        i = (int)MpList_GET_SIZE(u->consts) - 1;
    Mp_XDECREF(index);
done:
    Mp_XDECREF(key);
    Mp_DECREF(obj);
    return i;
}

int
mp_compiler_emit_const(mp_compiler *c, MpObject *obj)
{
    int i = mp_compiler_add_const(c, obj);
    return i < 0 ? -1 : mp_compiler_emit(c, LOAD_CONST, i);
}

/* The index of 'name' in a (list, index dict) pair, appended if new. */
static int
list_index(MpObject *list, MpObject *index, MpObject *name)
{
    MpObject *v = MpDict_GetItemWithError(index, name);
    int r;

    if (v != NULL)
        return (int)MpLong_AsLong(v);
    if (MpErr_Occurred())
        return -1;
    v = MpLong_FromSsize_t(MpList_GET_SIZE(list));
    if (v == NULL)
        return -1;
    r = MpDict_SetItem(index, name, v) < 0 || MpList_Append(list, name) < 0
        ? -1 : (int)MpList_GET_SIZE(list) - 1;
    Mp_DECREF(v);
    return r;
}

int
mp_compiler_add_name(mp_compiler *c, MpObject *name)
{
    return list_index(c->u->names, c->u->names_index, name);
}

/* __spam inside class Ham becomes _Ham__spam. */
MpObject *
mp_compiler_mangle(compiler_unit *u, MpObject *name)
{
    const char *s = MpUnicode_AsUTF8(name), *cls;
    size_t n = strlen(s);
    MpObject *result;

    if (u->private_name == NULL || n < 3 || s[0] != '_' || s[1] != '_' ||
        (s[n - 1] == '_' && s[n - 2] == '_') || strchr(s, '.') != NULL)
        return Mp_NewRef(name);
    cls = MpUnicode_AsUTF8(u->private_name);
    while (*cls == '_')
        cls++;
    if (*cls == '\0')
        return Mp_NewRef(name);
    result = MpUnicode_FromFormat("_%s%s", cls, s);
    if (result != NULL)
        MpUnicode_InternInPlace(&result);
    return result;
}

typedef enum { OP_FAST, OP_DEREF, OP_GLOBAL, OP_NAME } name_op_kind;

static int
nameop_with(mp_compiler *c, MpObject *name, mp_expr_context ctx)
{
    compiler_unit *u = c->u;
    int scope = mp_ste_scope(u->ste, name);
    int optimized = u->scope != SCOPE_MODULE && u->scope != SCOPE_CLASS;
    name_op_kind kind = OP_NAME;
    int arg, op;

    if (scope == MP_FREE || scope == MP_CELL)
        kind = OP_DEREF;
    else if (scope == MP_LOCAL)
        kind = optimized ? OP_FAST : OP_NAME;
    else if (scope == MP_GLOBAL_IMPLICIT)
        kind = optimized ? OP_GLOBAL : OP_NAME;
    else if (scope == MP_GLOBAL_EXPLICIT)
        kind = OP_GLOBAL;
    switch (kind) {
    case OP_FAST:
        arg = list_index(u->varnames, u->varnames_index, name);
        op = ctx == AST_Load ? LOAD_FAST : ctx == AST_Store ? STORE_FAST
                                                            : DELETE_FAST;
        break;
    case OP_DEREF:
        /* Cells first, then free variables; assembly adds nlocals. */
        if (scope == MP_CELL)
            arg = list_index(u->cellvars, u->cellvars_index, name);
        else
            arg = (int)MpList_GET_SIZE(u->cellvars) +
                  list_index(u->freevars, u->freevars_index, name);
        op = ctx == AST_Load ? (u->scope == SCOPE_CLASS ? LOAD_CLASSDEREF
                                                        : LOAD_DEREF)
           : ctx == AST_Store ? STORE_DEREF : DELETE_DEREF;
        break;
    case OP_GLOBAL:
        arg = mp_compiler_add_name(c, name);
        op = ctx == AST_Load ? LOAD_GLOBAL : ctx == AST_Store ? STORE_GLOBAL
                                                              : DELETE_GLOBAL;
        break;
    default:
        arg = mp_compiler_add_name(c, name);
        op = ctx == AST_Load ? LOAD_NAME : ctx == AST_Store ? STORE_NAME
                                                            : DELETE_NAME;
        break;
    }
    if (arg < 0 || MpErr_Occurred())
        return -1;
    return mp_compiler_emit(c, op, arg);
}

int
mp_compiler_nameop(mp_compiler *c, MpObject *name, mp_expr_context ctx)
{
    MpObject *mangled = mp_compiler_mangle(c->u, name);
    int r;

    if (mangled == NULL)
        return -1;
    r = nameop_with(c, mangled, ctx);
    Mp_DECREF(mangled);
    return r;
}

/* ---- Units ---- */

static void
unit_free(compiler_unit *u)
{
    MpMem_Free(u->code);
    MpMem_Free(u->locations);
    MpMem_Free(u->is_jump);
    MpMem_Free(u->labels);
    Mp_XDECREF(u->name);
    Mp_XDECREF(u->qualname);
    Mp_XDECREF(u->private_name);
    Mp_XDECREF(u->consts);
    Mp_XDECREF(u->consts_index);
    Mp_XDECREF(u->names);
    Mp_XDECREF(u->names_index);
    Mp_XDECREF(u->varnames);
    Mp_XDECREF(u->varnames_index);
    Mp_XDECREF(u->cellvars);
    Mp_XDECREF(u->cellvars_index);
    Mp_XDECREF(u->freevars);
    Mp_XDECREF(u->freevars_index);
    MpMem_Free(u);
}

static MpObject *
make_qualname(compiler_unit *parent, MpObject *name)
{
    if (parent == NULL || parent->scope == SCOPE_MODULE)
        return Mp_NewRef(name);
    if (parent->scope == SCOPE_CLASS)
        return MpUnicode_FromFormat("%U.%U", parent->qualname, name);
    return MpUnicode_FromFormat("%U.<locals>.%U", parent->qualname, name);
}

/* Names of 'ste' with the given scope (or flag), sorted, into list. */
static int
add_sorted_names(mp_ste *ste, int scope, int flag, MpObject *list,
                 MpObject *index)
{
    MpObject *names = MpList_New(0), *name, *v;
    Mp_ssize_t pos = 0, i;
    int r = -1;

    if (names == NULL)
        return -1;
    while (MpDict_Next(ste->symbols, &pos, &name, &v)) {
        long flags = MpLong_AsLong(v);
        if (((flags & MP_SCOPE_MASK) >> MP_SCOPE_OFFSET) == scope ||
            (flag && (flags & flag))) {
            if (MpList_Append(names, name) < 0)
                goto done;
        }
    }
    if (MpList_Sort(names) < 0)
        goto done;
    for (i = 0; i < MpList_GET_SIZE(names); i++) {
        if (list_index(list, index, MpList_GET_ITEM(names, i)) < 0)
            goto done;
    }
    r = 0;
done:
    Mp_DECREF(names);
    return r;
}

static int
init_unit_names(compiler_unit *u)
{
    Mp_ssize_t i;

    u->consts = MpList_New(0);
    u->consts_index = MpDict_New();
    u->names = MpList_New(0);
    u->names_index = MpDict_New();
    u->varnames = MpList_New(0);
    u->varnames_index = MpDict_New();
    u->cellvars = MpList_New(0);
    u->cellvars_index = MpDict_New();
    u->freevars = MpList_New(0);
    u->freevars_index = MpDict_New();
    if (!u->consts || !u->consts_index || !u->names || !u->names_index ||
        !u->varnames || !u->varnames_index || !u->cellvars ||
        !u->cellvars_index || !u->freevars || !u->freevars_index)
        return -1;
    for (i = 0; i < MpList_GET_SIZE(u->ste->varnames); i++) {
        if (list_index(u->varnames, u->varnames_index,
                       MpList_GET_ITEM(u->ste->varnames, i)) < 0)
            return -1;
    }
    if (add_sorted_names(u->ste, MP_CELL, 0, u->cellvars,
                         u->cellvars_index) < 0)
        return -1;
    if (u->ste->needs_class_closure) {
        MpObject *cls = MpUnicode_InternFromString("__class__");
        int r = cls == NULL ? -1 : list_index(u->cellvars, u->cellvars_index,
                                              cls);
        Mp_XDECREF(cls);
        if (r < 0)
            return -1;
    }
    return add_sorted_names(u->ste, MP_FREE, MP_DEF_FREE_CLASS, u->freevars,
                            u->freevars_index);
}

int
mp_compiler_enter_scope(mp_compiler *c, MpObject *name, scope_type scope,
                        const void *key, int lineno)
{
    compiler_unit *u = MpMem_Calloc(1, sizeof(compiler_unit));

    if (u == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    u->parent = c->u;
    u->scope = scope;
    u->name = Mp_NewRef(name);
    u->firstlineno = lineno;
    u->loc = (mp_location){lineno, lineno, -1, -1};
    u->ste = c->u == NULL ? c->st->top : mp_symtable_child(c->u->ste, key);
    if (u->ste == NULL) {
        MpErr_SetString(MpExc_SystemError, "no symbol table for a block");
        unit_free(u);
        return -1;
    }
    u->qualname = make_qualname(c->u, name);
    if (scope == SCOPE_CLASS)
        u->private_name = Mp_NewRef(name);
    else if (c->u != NULL && c->u->private_name != NULL)
        u->private_name = Mp_NewRef(c->u->private_name);
    if (u->qualname == NULL || init_unit_names(u) < 0) {
        unit_free(u);
        return -1;
    }
    c->u = u;
    return 0;
}

/* ---- Assembly ---- */

static int
stack_effect(int op, int arg, int jump)
{
    switch (op) {
    case NOP: case SWAP: case UNARY_POSITIVE: case UNARY_NEGATIVE:
    case UNARY_NOT: case UNARY_INVERT: case DELETE_NAME: case DELETE_GLOBAL:
    case DELETE_FAST: case DELETE_DEREF: case LOAD_ATTR: case KW_NAMES:
    case JUMP: case GET_ITER: case LIST_TO_TUPLE: case POP_BLOCK:
    case CHECK_EXC_MATCH: case RETURN_GENERATOR: case YIELD_VALUE:
    case GET_YIELD_FROM_ITER:
        return 0;
    case POP_TOP: case BINARY_OP: case COMPARE_OP: case IS_OP:
    case CONTAINS_OP: case BINARY_SUBSCR: case STORE_NAME:
    case STORE_GLOBAL: case STORE_FAST: case STORE_DEREF: case DELETE_ATTR:
    case RETURN_VALUE: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE:
    case LIST_APPEND: case LIST_EXTEND: case DICT_UPDATE: case DICT_MERGE:
    case POP_EXCEPT: case RERAISE: case IMPORT_NAME: case PRINT_EXPR:
        return -1;
    case COPY: case PUSH_NULL: case LOAD_CONST: case LOAD_NAME:
    case LOAD_GLOBAL: case LOAD_FAST: case LOAD_DEREF: case LOAD_CLOSURE:
    case LOAD_CLASSDEREF: case LOAD_METHOD: case LOAD_BUILD_CLASS:
    case PUSH_EXC_INFO: case LOAD_ASSERTION_ERROR: case IMPORT_FROM:
        return 1;
    case STORE_SUBSCR:
        return -3;
    case DELETE_SUBSCR: case STORE_ATTR: case MAP_ADD:
    case POP_EXCEPT_AND_RERAISE:
        return -2;
    case BUILD_SLICE: case BUILD_TUPLE: case BUILD_LIST: case BUILD_STRING:
        return 1 - arg;
    case BUILD_MAP:
        return 1 - 2 * arg;
    case CALL:
        return -arg - 1;
    case CALL_FUNCTION_EX:
        return -2 - (arg & 1);
    case MAKE_FUNCTION:
        return -((arg & MP_MAKE_FUNCTION_DEFAULTS) != 0) -
               ((arg & MP_MAKE_FUNCTION_KWDEFAULTS) != 0) -
               ((arg & MP_MAKE_FUNCTION_CLOSURE) != 0);
    case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case FOR_ITER:
        return jump ? -1 : 1;
    case UNPACK_SEQUENCE:
        return arg - 1;
    case UNPACK_EX:
        return (arg & 0xFF) + (arg >> 8);
    case FORMAT_VALUE:
        return (arg & MP_FVS_HAVE_SPEC) ? -1 : 0;
    case SETUP_FINALLY:
        return jump ? 1 : 0;
    case RAISE_VARARGS:
        return -arg;
    case SEND:
        return jump ? 0 : 0;
    default:
        return 0;
    }
}

static int
is_terminator(int op)
{
    return op == JUMP || op == RETURN_VALUE || op == RERAISE ||
           op == POP_EXCEPT_AND_RERAISE || op == RAISE_VARARGS;
}

static int
has_jump_target(int op)
{
    return op == JUMP || op == POP_JUMP_IF_FALSE || op == POP_JUMP_IF_TRUE ||
           op == JUMP_IF_FALSE_OR_POP || op == JUMP_IF_TRUE_OR_POP ||
           op == FOR_ITER || op == SETUP_FINALLY || op == SEND;
}

/* The deepest the value stack gets, by following every path. */
static int
compute_stackdepth(compiler_unit *u, int *maxdepth)
{
    int *depth = MpMem_Malloc((size_t)(u->ncode + 1) * sizeof(int));
    int *work = MpMem_Malloc((size_t)(u->ncode + 1) * sizeof(int));
    int nwork = 0, max = 0;
    Mp_ssize_t i;

    if (depth == NULL || work == NULL) {
        MpMem_Free(depth);
        MpMem_Free(work);
        MpErr_NoMemory();
        return -1;
    }
    for (i = 0; i <= u->ncode; i++)
        depth[i] = -1;
    depth[0] = 0;
    work[nwork++] = 0;
    while (nwork > 0) {
        int pc = work[--nwork], d = depth[pc];
        for (; pc < u->ncode; pc++) {
            int op = MP_OPCODE(u->code[pc]), arg = MP_OPARG(u->code[pc]);
            if (has_jump_target(op)) {
                int target = arg, td = d + stack_effect(op, arg, 1);
                if (td > max)
                    max = td;
                if (depth[target] < 0) {
                    depth[target] = td;
                    work[nwork++] = target;
                }
            }
            d += stack_effect(op, arg, 0);
            if (d > max)
                max = d;
            if (is_terminator(op))
                break;
            if (depth[pc + 1] >= 0)
                break;
            depth[pc + 1] = d;
        }
    }
    MpMem_Free(depth);
    MpMem_Free(work);
    *maxdepth = max;
    return 0;
}

/* Jump labels become instruction indexes; cell/free indexes become
 * frame slots (after the locals). */
static int
resolve(compiler_unit *u)
{
    Mp_ssize_t i;
    int nlocals = (int)MpList_GET_SIZE(u->varnames);

    for (i = 0; i < u->ncode; i++) {
        int op = MP_OPCODE(u->code[i]), arg = MP_OPARG(u->code[i]);
        if (u->is_jump[i]) {
            arg = u->labels[arg];
            if (arg < 0) {
                MpErr_SetString(MpExc_SystemError, "unbound jump label");
                return -1;
            }
        }
        else if (op == LOAD_DEREF || op == STORE_DEREF ||
                 op == DELETE_DEREF || op == LOAD_CLOSURE ||
                 op == LOAD_CLASSDEREF) {
            arg += nlocals;
        }
        u->code[i] = MP_MAKE_UNIT(op, arg);
    }
    return 0;
}

/* *out: for each cell variable that is also a parameter, the parameter's
 * index; NULL when there is none.  0, or -1 with MemoryError. */
static int
make_cell2arg(compiler_unit *u, int nargs, int **out)
{
    Mp_ssize_t ncells = MpList_GET_SIZE(u->cellvars), i;
    int *cell2arg = NULL, any = 0;

    *out = NULL;
    if (ncells == 0)
        return 0;
    cell2arg = MpMem_Malloc((size_t)ncells * sizeof(int));
    if (cell2arg == NULL) {
        MpErr_NoMemory();
        return -1;
    }
    for (i = 0; i < ncells; i++) {
        MpObject *name = MpList_GET_ITEM(u->cellvars, i);
        int j;
        cell2arg[i] = -1;
        for (j = 0; j < nargs; j++) {
            if (MpUnicode_Compare(name, MpList_GET_ITEM(u->varnames, j))
                == 0) {
                cell2arg[i] = j;
                any = 1;
                break;
            }
        }
    }
    if (!any)
        MpMem_Free(cell2arg);
    else
        *out = cell2arg;
    return 0;
}

static int
code_flags(compiler_unit *u)
{
    int flags = 0;

    if (u->scope != SCOPE_MODULE && u->scope != SCOPE_CLASS)
        flags |= MP_CO_OPTIMIZED | MP_CO_NEWLOCALS;
    if (u->ste->nested)
        flags |= MP_CO_NESTED;
    if (u->ste->is_generator)
        flags |= MP_CO_GENERATOR;
    if (u->ste->has_varargs)
        flags |= MP_CO_VARARGS;
    if (u->ste->has_varkeywords)
        flags |= MP_CO_VARKEYWORDS;
    if (MpList_GET_SIZE(u->cellvars) == 0 &&
        MpList_GET_SIZE(u->freevars) == 0)
        flags |= MP_CO_NOFREE;
    return flags;
}

static MpCodeObject *
assemble(mp_compiler *c, compiler_unit *u)
{
    MpObject *consts = NULL, *names = NULL, *plus = NULL;
    MpCodeObject *co = NULL;
    int stacksize, nargs;
    int *cell2arg = NULL;
    Mp_ssize_t i, nlocals = MpList_GET_SIZE(u->varnames);

    if (resolve(u) < 0 || compute_stackdepth(u, &stacksize) < 0)
        return NULL;
    nargs = u->argcount + u->kwonlyargcount + u->ste->has_varargs +
            u->ste->has_varkeywords;
    if (make_cell2arg(u, nargs, &cell2arg) < 0)
        return NULL;
    consts = MpList_AsTuple(u->consts);
    names = MpList_AsTuple(u->names);
    plus = MpTuple_New(nlocals + MpList_GET_SIZE(u->cellvars) +
                       MpList_GET_SIZE(u->freevars));
    if (consts == NULL || names == NULL || plus == NULL)
        goto done;
    for (i = 0; i < MpTuple_GET_SIZE(plus); i++) {
        MpObject *list = i < nlocals ? u->varnames :
            i < nlocals + MpList_GET_SIZE(u->cellvars) ? u->cellvars
                                                      : u->freevars;
        Mp_ssize_t j = i < nlocals ? i :
            i < nlocals + MpList_GET_SIZE(u->cellvars) ? i - nlocals :
            i - nlocals - MpList_GET_SIZE(u->cellvars);
        MpTuple_SET_ITEM(plus, i, Mp_NewRef(MpList_GET_ITEM(list, j)));
    }
    co = mp_code_new(u->argcount, u->posonlyargcount, u->kwonlyargcount,
                     (int)nlocals, (int)MpList_GET_SIZE(u->cellvars),
                     (int)MpList_GET_SIZE(u->freevars), stacksize,
                     code_flags(u), u->firstlineno, u->code, u->locations,
                     u->ncode, cell2arg, consts, names, plus, c->filename,
                     u->name, u->qualname);
done:
    MpMem_Free(cell2arg);
    Mp_XDECREF(consts);
    Mp_XDECREF(names);
    Mp_XDECREF(plus);
    return co;
}

void
mp_compiler_abandon_scope(mp_compiler *c)
{
    compiler_unit *u = c->u;
    c->u = u->parent;
    unit_free(u);
}

MpCodeObject *
mp_compiler_exit_scope(mp_compiler *c)
{
    compiler_unit *u = c->u;
    MpCodeObject *co = assemble(c, u);

    c->u = u->parent;
    unit_free(u);
    return co;
}

/* Push a function object for 'co': its closure tuple (the cells of this
 * unit it captures) and the defaults already on the stack ('flags'). */
int
mp_compiler_make_closure(mp_compiler *c, MpCodeObject *co, int flags)
{
    Mp_ssize_t i, nfree = co->co_nfreevars;
    int r;

    for (i = 0; i < nfree; i++) {
        MpObject *name = MpTuple_GET_ITEM(co->co_localsplusnames,
                                          co->co_nlocals + co->co_ncellvars +
                                          i);
        compiler_unit *u = c->u;
        int arg;
        MpObject *cell_index = MpDict_GetItem(u->cellvars_index, name);
        if (cell_index != NULL) {
            arg = (int)MpLong_AsLong(cell_index);
        }
        else {
            MpObject *free_index = MpDict_GetItem(u->freevars_index, name);
            if (free_index == NULL) {
                MpErr_Format(MpExc_SystemError, "no cell for free "
                             "variable '%U'", name);
                return -1;
            }
            arg = (int)(MpList_GET_SIZE(u->cellvars) +
                        MpLong_AsLong(free_index));
        }
        EMIT(c, LOAD_CLOSURE, arg);
    }
    if (nfree > 0) {
        EMIT(c, BUILD_TUPLE, (int)nfree);
        flags |= MP_MAKE_FUNCTION_CLOSURE;
    }
    r = mp_compiler_emit_const(c, (MpObject *)co);
    if (r < 0)
        return -1;
    return mp_compiler_emit(c, MAKE_FUNCTION, flags);
}

/* ---- fblocks ---- */

static int
push_fblock(mp_compiler *c, const mp_stmt *s, fblock_type type, int start,
            int exit, const void *datum)
{
    compiler_unit *u = c->u;
    fblock *f;

    if (u->nfblocks >= MP_MAXBLOCKS) {
        mp_compiler_error(c, s ? s->lineno : u->loc.lineno,
                          s ? s->col_offset : 0,
                          "too many statically nested blocks");
        return -1;
    }
    f = &u->fblocks[u->nfblocks++];
    f->type = type;
    f->start = start;
    f->exit = exit;
    f->datum = datum;
    return 0;
}

static void
pop_fblock(mp_compiler *c)
{
    c->u->nfblocks--;
}

/* name = None; del name: what ends an 'except E as name:' body. */
static int
clear_handler_name(mp_compiler *c, MpObject *name)
{
    if (mp_compiler_emit_const(c, Mp_None) < 0 ||
        mp_compiler_nameop(c, name, AST_Store) < 0)
        return -1;
    return mp_compiler_nameop(c, name, AST_Del);
}

/* Emit what leaving fblock 'f' early needs; the value on top of the
 * stack survives when preserve_tos. */
static int
unwind_fblock(mp_compiler *c, fblock *f, int preserve_tos)
{
    switch (f->type) {
    case FB_WHILE_LOOP:
        return 0;
    case FB_FOR_LOOP:
        if (preserve_tos)
            EMIT(c, SWAP, 2);
        EMIT(c, POP_TOP, 0);
        return 0;
    case FB_TRY_EXCEPT:
        EMIT(c, POP_BLOCK, 0);
        return 0;
    case FB_FINALLY_TRY: {
        fblock saved = *f;
        int r;
        EMIT(c, POP_BLOCK, 0);
        if (preserve_tos && push_fblock(c, NULL, FB_POP_VALUE, 0, 0,
                                        NULL) < 0)
            return -1;
        /* The finally body runs outside this block. */
        r = compile_stmts(c, saved.datum);
        if (preserve_tos)
            pop_fblock(c);
        return r;
    }
    case FB_FINALLY_END:
        EMIT(c, POP_BLOCK, 0);
        if (preserve_tos)
            EMIT(c, SWAP, 2);
        EMIT(c, POP_TOP, 0);
        if (preserve_tos)
            EMIT(c, SWAP, 2);
        EMIT(c, POP_EXCEPT, 0);
        return 0;
    case FB_EXCEPTION_HANDLER:
        EMIT(c, POP_BLOCK, 0);
        if (preserve_tos)
            EMIT(c, SWAP, 2);
        EMIT(c, POP_EXCEPT, 0);
        return 0;
    case FB_HANDLER_CLEANUP:
        EMIT(c, POP_BLOCK, 0);
        EMIT(c, POP_BLOCK, 0);
        if (preserve_tos)
            EMIT(c, SWAP, 2);
        EMIT(c, POP_EXCEPT, 0);
        return clear_handler_name(c, (MpObject *)f->datum);
    case FB_POP_VALUE:
        if (preserve_tos)
            EMIT(c, SWAP, 2);
        EMIT(c, POP_TOP, 0);
        return 0;
    }
    return 0;
}

/* Unwind the fblocks above the innermost loop (break/continue: *loop
 * gets a copy of it and *found is set), or all of them (return: found is
 * NULL).  Each block is popped while its exit code is emitted, so a
 * finally body compiled here sees only the blocks around it. */
static int
unwind_fblock_stack(mp_compiler *c, int preserve_tos, fblock *loop,
                    int *found)
{
    compiler_unit *u = c->u;
    fblock top;
    int r;

    if (u->nfblocks == 0)
        return 0;
    top = u->fblocks[u->nfblocks - 1];
    if (found != NULL && (top.type == FB_WHILE_LOOP ||
                          top.type == FB_FOR_LOOP)) {
        *loop = top;
        *found = 1;
        return 0;
    }
    u->nfblocks--;
    r = unwind_fblock(c, &top, preserve_tos);
    if (r == 0)
        r = unwind_fblock_stack(c, preserve_tos, loop, found);
    u->fblocks[u->nfblocks++] = top;
    return r;
}

/* ---- Statements ---- */

static int
compile_return(mp_compiler *c, const mp_stmt *s)
{
    if (c->u->scope != SCOPE_FUNCTION && c->u->scope != SCOPE_LAMBDA) {
        mp_compiler_error(c, s->lineno, s->col_offset,
                          "'return' outside function");
        return -1;
    }
    if (s->v.Return.value != NULL) {
        if (mp_compile_expr(c, s->v.Return.value) < 0)
            return -1;
    }
    else if (mp_compiler_emit_const(c, Mp_None) < 0) {
        return -1;
    }
    if (unwind_fblock_stack(c, 1, NULL, NULL) < 0)
        return -1;
    EMIT(c, RETURN_VALUE, 0);
    return 0;
}

static int
compile_break_continue(mp_compiler *c, const mp_stmt *s, int is_break)
{
    fblock loop;
    int found = 0;

    if (unwind_fblock_stack(c, 0, &loop, &found) < 0)
        return -1;
    if (!found) {
        mp_compiler_error(c, s->lineno, s->col_offset, is_break ?
                          "'break' outside loop" :
                          "'continue' not properly in loop");
        return -1;
    }
    if (is_break) {
        if (unwind_fblock(c, &loop, 0) < 0)
            return -1;
        EMIT_JUMP(c, JUMP, loop.exit);
    }
    else {
        EMIT_JUMP(c, JUMP, loop.start);
    }
    return 0;
}

static int
compile_if(mp_compiler *c, const mp_stmt *s)
{
    int next, end;

    NEW_LABEL(c, next);
    NEW_LABEL(c, end);
    if (mp_compile_jump_if(c, s->v.If.test, next, 0) < 0 ||
        compile_stmts(c, s->v.If.body) < 0)
        return -1;
    if (ASDL_SEQ_LEN(s->v.If.orelse) > 0) {
        EMIT_JUMP(c, JUMP, end);
        BIND(c, next);
        if (compile_stmts(c, s->v.If.orelse) < 0)
            return -1;
    }
    else {
        BIND(c, next);
    }
    BIND(c, end);
    return 0;
}

static int
compile_while(mp_compiler *c, const mp_stmt *s)
{
    int start, orelse, end;

    NEW_LABEL(c, start);
    NEW_LABEL(c, orelse);
    NEW_LABEL(c, end);
    BIND(c, start);
    if (mp_compile_jump_if(c, s->v.While.test, orelse, 0) < 0 ||
        push_fblock(c, s, FB_WHILE_LOOP, start, end, NULL) < 0 ||
        compile_stmts(c, s->v.While.body) < 0)
        return -1;
    pop_fblock(c);
    MP_SET_LOC(c, s);
    EMIT_JUMP(c, JUMP, start);
    BIND(c, orelse);
    if (compile_stmts(c, s->v.While.orelse) < 0)
        return -1;
    BIND(c, end);
    return 0;
}

static int
compile_for(mp_compiler *c, const mp_stmt *s)
{
    int start, cleanup, end;

    NEW_LABEL(c, start);
    NEW_LABEL(c, cleanup);
    NEW_LABEL(c, end);
    if (mp_compile_expr(c, s->v.For.iter) < 0)
        return -1;
    EMIT(c, GET_ITER, 0);
    BIND(c, start);
    EMIT_JUMP(c, FOR_ITER, cleanup);
    if (mp_compile_store(c, s->v.For.target) < 0 ||
        push_fblock(c, s, FB_FOR_LOOP, start, end, NULL) < 0 ||
        compile_stmts(c, s->v.For.body) < 0)
        return -1;
    pop_fblock(c);
    MP_SET_LOC(c, s);
    EMIT_JUMP(c, JUMP, start);
    BIND(c, cleanup);
    if (compile_stmts(c, s->v.For.orelse) < 0)
        return -1;
    BIND(c, end);
    return 0;
}

static int
compile_raise(mp_compiler *c, const mp_stmt *s)
{
    int n = 0;

    if (s->v.Raise.exc != NULL) {
        if (mp_compile_expr(c, s->v.Raise.exc) < 0)
            return -1;
        n = 1;
        if (s->v.Raise.cause != NULL) {
            if (mp_compile_expr(c, s->v.Raise.cause) < 0)
                return -1;
            n = 2;
        }
    }
    EMIT(c, RAISE_VARARGS, n);
    return 0;
}

static int
compile_assert(mp_compiler *c, const mp_stmt *s)
{
    int ok;

    NEW_LABEL(c, ok);
    if (mp_compile_jump_if(c, s->v.Assert.test, ok, 1) < 0)
        return -1;
    if (s->v.Assert.msg != NULL) {
        EMIT(c, PUSH_NULL, 0);
        EMIT(c, LOAD_ASSERTION_ERROR, 0);
        if (mp_compile_expr(c, s->v.Assert.msg) < 0)
            return -1;
        EMIT(c, CALL, 1);
    }
    else {
        EMIT(c, LOAD_ASSERTION_ERROR, 0);
    }
    EMIT(c, RAISE_VARARGS, 1);
    BIND(c, ok);
    return 0;
}

/* One 'except' clause; the stack holds [prev, exc]. */
static int
compile_handler(mp_compiler *c, const mp_stmt *s,
                const mp_excepthandler *h, int end, int is_last)
{
    int next, named_cleanup;

    NEW_LABEL(c, next);
    MP_SET_LOC(c, h);
    if (h->type == NULL && !is_last) {
        mp_compiler_error(c, h->lineno, h->col_offset,
                          "default 'except:' must be last");
        return -1;
    }
    if (h->type != NULL) {
        if (mp_compile_expr(c, h->type) < 0)
            return -1;
        EMIT(c, CHECK_EXC_MATCH, 0);
        EMIT_JUMP(c, POP_JUMP_IF_FALSE, next);
    }
    if (h->name == NULL) {
        EMIT(c, POP_TOP, 0);
        if (push_fblock(c, s, FB_EXCEPTION_HANDLER, 0, 0, NULL) < 0 ||
            compile_stmts(c, h->body) < 0)
            return -1;
        pop_fblock(c);
        EMIT(c, POP_BLOCK, 0);
        EMIT(c, POP_EXCEPT, 0);
        EMIT_JUMP(c, JUMP, end);
    }
    else {
        NEW_LABEL(c, named_cleanup);
        if (mp_compiler_nameop(c, h->name, AST_Store) < 0)
            return -1;
        EMIT_JUMP(c, SETUP_FINALLY, named_cleanup);
        if (push_fblock(c, s, FB_HANDLER_CLEANUP, 0, 0, h->name) < 0 ||
            compile_stmts(c, h->body) < 0)
            return -1;
        pop_fblock(c);
        EMIT(c, POP_BLOCK, 0);
        EMIT(c, POP_BLOCK, 0);
        EMIT(c, POP_EXCEPT, 0);
        if (clear_handler_name(c, h->name) < 0)
            return -1;
        EMIT_JUMP(c, JUMP, end);
        /* The body raised: unbind the name, pass the exception on. */
        BIND(c, named_cleanup);
        if (clear_handler_name(c, h->name) < 0)
            return -1;
        EMIT(c, RERAISE, 0);
    }
    BIND(c, next);
    return 0;
}

static int
compile_try_except(mp_compiler *c, const mp_stmt *s)
{
    int except, cleanup, end;
    Mp_ssize_t i, n = ASDL_SEQ_LEN(s->v.Try.handlers);

    NEW_LABEL(c, except);
    NEW_LABEL(c, cleanup);
    NEW_LABEL(c, end);
    EMIT_JUMP(c, SETUP_FINALLY, except);
    if (push_fblock(c, s, FB_TRY_EXCEPT, 0, 0, NULL) < 0 ||
        compile_stmts(c, s->v.Try.body) < 0)
        return -1;
    pop_fblock(c);
    EMIT(c, POP_BLOCK, 0);
    if (compile_stmts(c, s->v.Try.orelse) < 0)
        return -1;
    EMIT_JUMP(c, JUMP, end);
    BIND(c, except);                      /* [exc] */
    EMIT_JUMP(c, SETUP_FINALLY, cleanup);
    EMIT(c, PUSH_EXC_INFO, 0);            /* [prev, exc] */
    for (i = 0; i < n; i++) {
        if (compile_handler(c, s, ASDL_SEQ_GET(s->v.Try.handlers, i), end,
                            i == n - 1) < 0)
            return -1;
    }
    EMIT(c, RERAISE, 0);                  /* no clause matched */
    BIND(c, cleanup);                     /* [prev, exc] */
    EMIT(c, POP_EXCEPT_AND_RERAISE, 0);
    BIND(c, end);
    return 0;
}

static int
compile_try_finally(mp_compiler *c, const mp_stmt *s)
{
    int handler, cleanup, end;
    const mp_asdl_seq *finalbody = s->v.Try.finalbody;

    NEW_LABEL(c, handler);
    NEW_LABEL(c, cleanup);
    NEW_LABEL(c, end);
    EMIT_JUMP(c, SETUP_FINALLY, handler);
    if (push_fblock(c, s, FB_FINALLY_TRY, 0, 0, finalbody) < 0)
        return -1;
    if (ASDL_SEQ_LEN(s->v.Try.handlers) > 0) {
        if (compile_try_except(c, s) < 0)
            return -1;
    }
    else if (compile_stmts(c, s->v.Try.body) < 0) {
        return -1;
    }
    pop_fblock(c);
    EMIT(c, POP_BLOCK, 0);
    if (compile_stmts(c, finalbody) < 0)
        return -1;
    EMIT_JUMP(c, JUMP, end);
    BIND(c, handler);                     /* [exc] */
    EMIT_JUMP(c, SETUP_FINALLY, cleanup);
    EMIT(c, PUSH_EXC_INFO, 0);            /* [prev, exc] */
    if (push_fblock(c, s, FB_FINALLY_END, 0, 0, NULL) < 0 ||
        compile_stmts(c, finalbody) < 0)
        return -1;
    pop_fblock(c);
    EMIT(c, RERAISE, 0);
    BIND(c, cleanup);
    EMIT(c, POP_EXCEPT_AND_RERAISE, 0);
    BIND(c, end);
    return 0;
}

static int
compile_try(mp_compiler *c, const mp_stmt *s)
{
    if (ASDL_SEQ_LEN(s->v.Try.finalbody) > 0)
        return compile_try_finally(c, s);
    return compile_try_except(c, s);
}

static int
compile_import(mp_compiler *c, const mp_stmt *s)
{
    Mp_ssize_t i;

    for (i = 0; i < ASDL_SEQ_LEN(s->v.Import.names); i++) {
        const mp_alias *a = ASDL_SEQ_GET(s->v.Import.names, i);
        MpObject *level = MpLong_FromLong(0);
        int r = level == NULL ? -1 : mp_compiler_emit_const(c, level);
        int name;
        Mp_XDECREF(level);
        if (r < 0 || mp_compiler_emit_const(c, Mp_None) < 0 ||
            (name = mp_compiler_add_name(c, a->name)) < 0)
            return -1;
        EMIT(c, IMPORT_NAME, name);
        if (a->asname != NULL) {
            if (mp_compiler_nameop(c, a->asname, AST_Store) < 0)
                return -1;
        }
        else {
            const char *full = MpUnicode_AsUTF8(a->name);
            const char *dot = strchr(full, '.');
            MpObject *first = MpUnicode_FromStringAndSize(
                full, dot ? dot - full : (Mp_ssize_t)strlen(full));
            if (first == NULL)
                return -1;
            MpUnicode_InternInPlace(&first);
            r = mp_compiler_nameop(c, first, AST_Store);
            Mp_DECREF(first);
            if (r < 0)
                return -1;
        }
    }
    return 0;
}

static int
compile_from_import(mp_compiler *c, const mp_stmt *s)
{
    const mp_asdl_seq *names = s->v.ImportFrom.names;
    Mp_ssize_t i, n = ASDL_SEQ_LEN(names);
    MpObject *level = MpLong_FromLong(s->v.ImportFrom.level);
    MpObject *fromlist = MpTuple_New(n), *module;
    int r = -1, idx;

    if (level == NULL || fromlist == NULL)
        goto done;
    for (i = 0; i < n; i++) {
        const mp_alias *a = ASDL_SEQ_GET(names, i);
        if (MpUnicode_EqualToUTF8(a->name, "*")) {
            MpErr_Format(MpExc_NotImplementedError, "'from ... import *' "
                         "is not supported by minipy (line %d)",
                         s->lineno);
            goto done;
        }
        MpTuple_SET_ITEM(fromlist, i, Mp_NewRef(a->name));
    }
    module = s->v.ImportFrom.module ? Mp_NewRef(s->v.ImportFrom.module)
                                    : MpUnicode_InternFromString("");
    if (module == NULL)
        goto done;
    idx = mp_compiler_add_name(c, module);
    Mp_DECREF(module);
    if (idx < 0 || mp_compiler_emit_const(c, level) < 0 ||
        mp_compiler_emit_const(c, fromlist) < 0 ||
        mp_compiler_emit(c, IMPORT_NAME, idx) < 0)
        goto done;
    for (i = 0; i < n; i++) {
        const mp_alias *a = ASDL_SEQ_GET(names, i);
        if ((idx = mp_compiler_add_name(c, a->name)) < 0 ||
            mp_compiler_emit(c, IMPORT_FROM, idx) < 0 ||
            mp_compiler_nameop(c, a->asname ? a->asname : a->name,
                               AST_Store) < 0)
            goto done;
    }
    r = mp_compiler_emit(c, POP_TOP, 0);
done:
    Mp_XDECREF(level);
    Mp_XDECREF(fromlist);
    return r;
}

static int
compile_augassign(mp_compiler *c, const mp_stmt *s)
{
    static const int ops[] = {
        -1, MP_NB_ADD, MP_NB_SUBTRACT, MP_NB_MULTIPLY,
        MP_NB_MATRIX_MULTIPLY, MP_NB_TRUE_DIVIDE, MP_NB_REMAINDER,
        MP_NB_POWER, MP_NB_LSHIFT, MP_NB_RSHIFT, MP_NB_OR, MP_NB_XOR,
        MP_NB_AND, MP_NB_FLOOR_DIVIDE,
    };
    const mp_expr *t = s->v.AugAssign.target;
    int op = ops[s->v.AugAssign.op] | MP_NB_INPLACE;

    switch (t->kind) {
    case AST_Name:
        if (mp_compiler_nameop(c, t->v.Name.id, AST_Load) < 0 ||
            mp_compile_expr(c, s->v.AugAssign.value) < 0)
            return -1;
        EMIT(c, BINARY_OP, op);
        return mp_compiler_nameop(c, t->v.Name.id, AST_Store);
    case AST_Attribute: {
        int name;
        if (mp_compile_expr(c, t->v.Attribute.value) < 0 ||
            (name = mp_compiler_add_name(c, t->v.Attribute.attr)) < 0)
            return -1;
        EMIT(c, COPY, 1);
        EMIT(c, LOAD_ATTR, name);
        if (mp_compile_expr(c, s->v.AugAssign.value) < 0)
            return -1;
        EMIT(c, BINARY_OP, op);
        EMIT(c, SWAP, 2);
        EMIT(c, STORE_ATTR, name);
        return 0;
    }
    default:        /* Subscript */
        if (mp_compile_expr(c, t->v.Subscript.value) < 0 ||
            mp_compile_expr(c, t->v.Subscript.slice) < 0)
            return -1;
        EMIT(c, COPY, 2);
        EMIT(c, COPY, 2);
        EMIT(c, BINARY_SUBSCR, 0);
        if (mp_compile_expr(c, s->v.AugAssign.value) < 0)
            return -1;
        EMIT(c, BINARY_OP, op);
        EMIT(c, SWAP, 3);
        EMIT(c, SWAP, 2);
        EMIT(c, STORE_SUBSCR, 0);
        return 0;
    }
}

static int
compile_assign(mp_compiler *c, const mp_stmt *s)
{
    Mp_ssize_t i, n = ASDL_SEQ_LEN(s->v.Assign.targets);

    if (mp_compile_expr(c, s->v.Assign.value) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (i < n - 1)
            EMIT(c, COPY, 1);
        if (mp_compile_store(c, ASDL_SEQ_GET(s->v.Assign.targets, i)) < 0)
            return -1;
    }
    return 0;
}

static int
compile_annassign(mp_compiler *c, const mp_stmt *s)
{
    const mp_expr *t = s->v.AnnAssign.target;

    if (s->v.AnnAssign.value != NULL)
        return mp_compile_expr(c, s->v.AnnAssign.value) < 0 ? -1 :
               mp_compile_store(c, t);
    /* "a.b: int" still evaluates 'a' (and 'a[i]' its parts). */
    if (t->kind == AST_Attribute) {
        if (mp_compile_expr(c, t->v.Attribute.value) < 0)
            return -1;
        EMIT(c, POP_TOP, 0);
    }
    else if (t->kind == AST_Subscript) {
        if (mp_compile_expr(c, t->v.Subscript.value) < 0 ||
            mp_compile_expr(c, t->v.Subscript.slice) < 0)
            return -1;
        EMIT(c, POP_TOP, 0);
        EMIT(c, POP_TOP, 0);
    }
    return 0;
}

/* Defaults and keyword-only defaults: pushed, flags returned. */
int
mp_compiler_defaults(mp_compiler *c, const mp_arguments *a)
{
    int flags = 0;
    Mp_ssize_t i, nkw = 0;

    if (ASDL_SEQ_LEN(a->defaults) > 0) {
        for (i = 0; i < ASDL_SEQ_LEN(a->defaults); i++) {
            if (mp_compile_expr(c, ASDL_SEQ_GET(a->defaults, i)) < 0)
                return -1;
        }
        EMIT(c, BUILD_TUPLE, (int)ASDL_SEQ_LEN(a->defaults));
        flags |= MP_MAKE_FUNCTION_DEFAULTS;
    }
    for (i = 0; i < ASDL_SEQ_LEN(a->kw_defaults); i++) {
        const mp_expr *d = ASDL_SEQ_GET(a->kw_defaults, i);
        const mp_arg *arg = ASDL_SEQ_GET(a->kwonlyargs, i);
        MpObject *name;
        if (d == NULL)
            continue;
        name = mp_compiler_mangle(c->u, arg->arg);
        if (name == NULL || mp_compiler_emit_const(c, name) < 0) {
            Mp_XDECREF(name);
            return -1;
        }
        Mp_DECREF(name);
        if (mp_compile_expr(c, d) < 0)
            return -1;
        nkw++;
    }
    if (nkw > 0) {
        EMIT(c, BUILD_MAP, (int)nkw);
        flags |= MP_MAKE_FUNCTION_KWDEFAULTS;
    }
    return flags;
}

void
mp_compiler_set_arg_counts(compiler_unit *u, const mp_arguments *a)
{
    u->posonlyargcount = (int)ASDL_SEQ_LEN(a->posonlyargs);
    u->argcount = u->posonlyargcount + (int)ASDL_SEQ_LEN(a->args);
    u->kwonlyargcount = (int)ASDL_SEQ_LEN(a->kwonlyargs);
}

static int
is_docstring(const mp_stmt *s)
{
    return s != NULL && s->kind == AST_Expr &&
           s->v.Expr.value->kind == AST_Constant &&
           MpUnicode_CheckExact(s->v.Expr.value->v.Constant.value);
}

static int
ends_with_return(compiler_unit *u)
{
    return u->ncode > 0 && MP_OPCODE(u->code[u->ncode - 1]) == RETURN_VALUE;
}

static int
compile_function(mp_compiler *c, const mp_stmt *s)
{
    const mp_asdl_seq *body = s->v.FunctionDef.body;
    const mp_asdl_seq *decorators = s->v.FunctionDef.decorator_list;
    MpCodeObject *co;
    Mp_ssize_t i, first = 0;
    int flags, r;

    for (i = 0; i < ASDL_SEQ_LEN(decorators); i++) {
        if (mp_compile_expr(c, ASDL_SEQ_GET(decorators, i)) < 0)
            return -1;
    }
    if ((flags = mp_compiler_defaults(c, s->v.FunctionDef.args)) < 0 ||
        mp_compiler_enter_scope(c, s->v.FunctionDef.name, SCOPE_FUNCTION,
                                s, s->lineno) < 0)
        return -1;
    mp_compiler_set_arg_counts(c->u, s->v.FunctionDef.args);
    /* The first constant is the docstring, or None. */
    if (is_docstring(ASDL_SEQ_LEN(body) ? ASDL_SEQ_GET(body, 0) : NULL)) {
        const mp_stmt *doc = ASDL_SEQ_GET(body, 0);
        r = mp_compiler_add_const(c, doc->v.Expr.value->v.Constant.value);
        first = 1;
    }
    else {
        r = mp_compiler_add_const(c, Mp_None);
    }
    for (i = first; r >= 0 && i < ASDL_SEQ_LEN(body); i++)
        r = mp_compile_stmt(c, ASDL_SEQ_GET(body, i));
    if (r >= 0 && !ends_with_return(c->u))
        r = mp_compiler_emit_const(c, Mp_None) < 0 ? -1 :
            mp_compiler_emit(c, RETURN_VALUE, 0);
    if (r < 0) {
        mp_compiler_abandon_scope(c);
        return -1;
    }
    co = mp_compiler_exit_scope(c);
    if (co == NULL)
        return -1;
    r = mp_compiler_make_closure(c, co, flags);
    Mp_DECREF(co);
    for (i = 0; r == 0 && i < ASDL_SEQ_LEN(decorators); i++)
        r = mp_compiler_emit(c, CALL, 0);
    return r < 0 ? -1 : mp_compiler_nameop(c, s->v.FunctionDef.name,
                                            AST_Store);
}

/* The body of 'class C:' as a function run with the class namespace as
 * its locals. */
static MpCodeObject *
compile_class_body(mp_compiler *c, const mp_stmt *s)
{
    const mp_asdl_seq *body = s->v.ClassDef.body;
    MpObject *module = NULL, *qualname = NULL, *name_name = NULL;
    Mp_ssize_t i, first = 0;
    int r = -1;

    if (mp_compiler_enter_scope(c, s->v.ClassDef.name, SCOPE_CLASS, s,
                                s->lineno) < 0)
        return NULL;
    module = MpUnicode_InternFromString("__module__");
    qualname = MpUnicode_InternFromString("__qualname__");
    name_name = MpUnicode_InternFromString("__name__");
    if (!module || !qualname || !name_name ||
        mp_compiler_nameop(c, name_name, AST_Load) < 0 ||
        mp_compiler_nameop(c, module, AST_Store) < 0 ||
        mp_compiler_emit_const(c, c->u->qualname) < 0 ||
        mp_compiler_nameop(c, qualname, AST_Store) < 0)
        goto done;
    if (is_docstring(ASDL_SEQ_LEN(body) ? ASDL_SEQ_GET(body, 0) : NULL)) {
        const mp_stmt *doc = ASDL_SEQ_GET(body, 0);
        MpObject *name = MpUnicode_InternFromString("__doc__");
        int rr = name == NULL ? -1 :
            mp_compiler_emit_const(c, doc->v.Expr.value->v.Constant.value);
        if (rr == 0)
            rr = mp_compiler_nameop(c, name, AST_Store);
        Mp_XDECREF(name);
        if (rr < 0)
            goto done;
        first = 1;
    }
    for (i = first; i < ASDL_SEQ_LEN(body); i++) {
        if (mp_compile_stmt(c, ASDL_SEQ_GET(body, i)) < 0)
            goto done;
    }
    if (c->u->ste->needs_class_closure) {
        /* Return the __class__ cell so the class can fill it in. */
        MpObject *cell = MpUnicode_InternFromString("__classcell__");
        MpObject *idx = MpUnicode_InternFromString("__class__");
        int rr = (!cell || !idx) ? -1 : 0;
        MpObject *ci = idx ? MpDict_GetItem(c->u->cellvars_index, idx)
                           : NULL;
        if (rr == 0 && ci != NULL &&
            mp_compiler_emit(c, LOAD_CLOSURE, (int)MpLong_AsLong(ci)) == 0 &&
            mp_compiler_emit(c, COPY, 1) == 0 &&
            mp_compiler_nameop(c, cell, AST_Store) == 0)
            rr = mp_compiler_emit(c, RETURN_VALUE, 0);
        else
            rr = -1;
        Mp_XDECREF(cell);
        Mp_XDECREF(idx);
        if (rr < 0)
            goto done;
    }
    else if (mp_compiler_emit_const(c, Mp_None) < 0 ||
             mp_compiler_emit(c, RETURN_VALUE, 0) < 0) {
        goto done;
    }
    r = 0;
done:
    Mp_XDECREF(module);
    Mp_XDECREF(qualname);
    Mp_XDECREF(name_name);
    if (r < 0) {
        mp_compiler_abandon_scope(c);
        return NULL;
    }
    return mp_compiler_exit_scope(c);
}

static int
compile_class(mp_compiler *c, const mp_stmt *s)
{
    const mp_asdl_seq *decorators = s->v.ClassDef.decorator_list;
    MpCodeObject *co;
    Mp_ssize_t i;
    int r;

    for (i = 0; i < ASDL_SEQ_LEN(decorators); i++) {
        if (mp_compile_expr(c, ASDL_SEQ_GET(decorators, i)) < 0)
            return -1;
    }
    EMIT(c, PUSH_NULL, 0);
    EMIT(c, LOAD_BUILD_CLASS, 0);
    co = compile_class_body(c, s);
    if (co == NULL)
        return -1;
    r = mp_compiler_make_closure(c, co, 0);
    Mp_DECREF(co);
    if (r < 0 || mp_compiler_emit_const(c, s->v.ClassDef.name) < 0 ||
        mp_compile_call_helper(c, 2, s->v.ClassDef.bases,
                               s->v.ClassDef.keywords) < 0)
        return -1;
    for (i = 0; i < ASDL_SEQ_LEN(decorators); i++)
        EMIT(c, CALL, 0);
    return mp_compiler_nameop(c, s->v.ClassDef.name, AST_Store);
}

static int
compile_expr_stmt(mp_compiler *c, const mp_stmt *s)
{
    const mp_expr *value = s->v.Expr.value;

    if ((c->flags & MP_COMPILE_INTERACTIVE) && c->u->scope == SCOPE_MODULE
        && c->u->nfblocks == 0) {
        if (mp_compile_expr(c, value) < 0)
            return -1;
        EMIT(c, PRINT_EXPR, 0);
        return 0;
    }
    /* A lone constant (a docstring, '...') does nothing. */
    if (value->kind == AST_Constant)
        return 0;
    if (mp_compile_expr(c, value) < 0)
        return -1;
    EMIT(c, POP_TOP, 0);
    return 0;
}

int
mp_compile_stmt(mp_compiler *c, const mp_stmt *s)
{
    int r;

    if (++c->depth > MP_PARSER_MAX_DEPTH) {
        MpErr_SetString(MpExc_RecursionError, "maximum recursion depth "
                        "exceeded during compilation");
        return -1;
    }
    MP_SET_LOC(c, s);
    switch (s->kind) {
    case AST_FunctionDef: r = compile_function(c, s); break;
    case AST_ClassDef: r = compile_class(c, s); break;
    case AST_Return: r = compile_return(c, s); break;
    case AST_Delete: {
        Mp_ssize_t i;
        r = 0;
        for (i = 0; r == 0 && i < ASDL_SEQ_LEN(s->v.Delete.targets); i++)
            r = mp_compile_delete(c, ASDL_SEQ_GET(s->v.Delete.targets, i));
        break;
    }
    case AST_Assign: r = compile_assign(c, s); break;
    case AST_AugAssign: r = compile_augassign(c, s); break;
    case AST_AnnAssign: r = compile_annassign(c, s); break;
    case AST_For: r = compile_for(c, s); break;
    case AST_While: r = compile_while(c, s); break;
    case AST_If: r = compile_if(c, s); break;
    case AST_Raise: r = compile_raise(c, s); break;
    case AST_Try: r = compile_try(c, s); break;
    case AST_Assert: r = compile_assert(c, s); break;
    case AST_Import: r = compile_import(c, s); break;
    case AST_ImportFrom: r = compile_from_import(c, s); break;
    case AST_Expr: r = compile_expr_stmt(c, s); break;
    case AST_Break: r = compile_break_continue(c, s, 1); break;
    case AST_Continue: r = compile_break_continue(c, s, 0); break;
    default: r = 0; break;      /* Pass, Global, Nonlocal */
    }
    c->depth--;
    return r;
}

static int
compile_stmts(mp_compiler *c, const mp_asdl_seq *body)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(body); i++) {
        if (mp_compile_stmt(c, ASDL_SEQ_GET(body, i)) < 0)
            return -1;
    }
    return 0;
}

/* ---- The module ---- */

static int
compile_module_body(mp_compiler *c, const mp_mod *mod)
{
    const mp_asdl_seq *body = mod->body;
    Mp_ssize_t i, n = ASDL_SEQ_LEN(body);
    const mp_stmt *last = n > 0 ? ASDL_SEQ_GET(body, n - 1) : NULL;

    if (mod->kind == AST_Expression) {
        if (mp_compile_expr(c, mod->expr) < 0)
            return -1;
        EMIT(c, RETURN_VALUE, 0);
        return 0;
    }
    if ((c->flags & MP_COMPILE_RETURN_LAST) && last != NULL &&
        last->kind == AST_Expr) {
        for (i = 0; i < n - 1; i++) {
            if (mp_compile_stmt(c, ASDL_SEQ_GET(body, i)) < 0)
                return -1;
        }
        MP_SET_LOC(c, last);
        if (mp_compile_expr(c, last->v.Expr.value) < 0)
            return -1;
        EMIT(c, RETURN_VALUE, 0);
        return 0;
    }
    if (compile_stmts(c, body) < 0 || mp_compiler_emit_const(c, Mp_None) < 0)
        return -1;
    EMIT(c, RETURN_VALUE, 0);
    return 0;
}

MpCodeObject *
mp_compile(const mp_mod *mod, MpObject *filename, const char *source,
           int flags, mp_arena *arena)
{
    mp_compiler c;
    MpObject *name;
    MpCodeObject *co = NULL;

    memset(&c, 0, sizeof(c));
    c.filename = filename;
    c.source = source;
    c.flags = flags;
    c.arena = arena;
    c.st = mp_symtable_build(mod, filename, source);
    c.const_cache = MpDict_New();
    name = MpUnicode_InternFromString("<module>");
    if (c.st == NULL || c.const_cache == NULL || name == NULL ||
        mp_compiler_enter_scope(&c, name, SCOPE_MODULE, mod, 1) < 0)
        goto done;
    if (compile_module_body(&c, mod) < 0) {
        while (c.u != NULL)
            mp_compiler_abandon_scope(&c);
        goto done;
    }
    co = mp_compiler_exit_scope(&c);
done:
    Mp_XDECREF(name);
    Mp_XDECREF(c.const_cache);
    mp_symtable_free(c.st);
    return co;
}
