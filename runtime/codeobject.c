/*
 * codeobject.c -- the code object type and the bytecode listing.
 *
 * A code object is immutable once built: the compiler makes one per
 * function, lambda, comprehension, class body and module.  It is not a GC
 * type: its constants are constants (numbers, strings, tuples of those,
 * and nested code objects), which cannot form cycles.
 *
 * Read alongside CPython 3.11: Objects/codeobject.c, Lib/dis.py.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/codeobject.h"
#include "objects/tupleobject.h"

static const char *const opcode_names[] = {
#define MP_OPCODE_NAME(name) #name,
    MP_OPCODE_LIST(MP_OPCODE_NAME)
#undef MP_OPCODE_NAME
};

const char *
mp_opcode_name(int opcode)
{
    if (opcode < 0 || opcode >= MP_NUM_OPCODES)
        return "<invalid>";
    return opcode_names[opcode];
}

static void *
copy_array(const void *src, size_t size)
{
    void *dst;
    if (src == NULL)
        return NULL;
    dst = MpMem_Malloc(size ? size : 1);
    if (dst != NULL && size > 0)
        memcpy(dst, src, size);
    return dst;
}

MpCodeObject *
mp_code_new(int argcount, int posonlyargcount, int kwonlyargcount,
            int nlocals, int ncellvars, int nfreevars, int stacksize,
            int flags, int firstlineno, const mp_codeunit *code,
            const mp_location *locations, Mp_ssize_t ncode,
            const int *cell2arg,
            MpObject *consts, MpObject *names, MpObject *localsplusnames,
            MpObject *filename, MpObject *name, MpObject *qualname)
{
    MpCodeObject *co = MpObject_New(MpCodeObject, &MpCode_Type);

    if (co == NULL)
        return NULL;
    co->co_argcount = argcount;
    co->co_posonlyargcount = posonlyargcount;
    co->co_kwonlyargcount = kwonlyargcount;
    co->co_nlocals = nlocals;
    co->co_ncellvars = ncellvars;
    co->co_nfreevars = nfreevars;
    co->co_nlocalsplus = nlocals + ncellvars + nfreevars;
    co->co_stacksize = stacksize;
    co->co_flags = flags;
    co->co_firstlineno = firstlineno;
    co->co_ncode = ncode;
    co->co_code = copy_array(code, (size_t)ncode * sizeof(mp_codeunit));
    co->co_locations = copy_array(locations,
                                  (size_t)ncode * sizeof(mp_location));
    co->co_global_cache = NULL;
    co->co_attr_cache = NULL;
    co->co_cell2arg = copy_array(cell2arg,
                                 (size_t)ncellvars * sizeof(int));
    co->co_consts = Mp_NewRef(consts);
    co->co_names = Mp_NewRef(names);
    co->co_localsplusnames = Mp_NewRef(localsplusnames);
    co->co_filename = Mp_NewRef(filename);
    co->co_name = Mp_NewRef(name);
    co->co_qualname = Mp_NewRef(qualname);
    if (co->co_code == NULL || co->co_locations == NULL ||
        (cell2arg != NULL && co->co_cell2arg == NULL)) {
        Mp_DECREF(co);
        return (MpCodeObject *)MpErr_NoMemory();
    }
    return co;
}

int
mp_code_line(const MpCodeObject *co, int lasti)
{
    if (lasti < 0 || lasti >= co->co_ncode)
        return co->co_firstlineno;
    return co->co_locations[lasti].lineno;
}

int
mp_code_location(const MpCodeObject *co, int lasti, mp_location *loc)
{
    if (lasti < 0 || lasti >= co->co_ncode)
        return 0;
    *loc = co->co_locations[lasti];
    return loc->lineno > 0 && loc->col >= 0 && loc->end_col >= 0;
}

static void
code_dealloc(MpObject *op)
{
    MpCodeObject *co = (MpCodeObject *)op;
    MpMem_Free(co->co_code);
    MpMem_Free(co->co_locations);
    MpMem_Free(co->co_cell2arg);
    MpMem_Free(co->co_global_cache);
    MpMem_Free(co->co_attr_cache);
    Mp_XDECREF(co->co_consts);
    Mp_XDECREF(co->co_names);
    Mp_XDECREF(co->co_localsplusnames);
    Mp_XDECREF(co->co_filename);
    Mp_XDECREF(co->co_name);
    Mp_XDECREF(co->co_qualname);
    MpObject_Del(op);
}

static MpObject *
code_repr(MpObject *op)
{
    MpCodeObject *co = (MpCodeObject *)op;
    return MpUnicode_FromFormat("<code object %U at %p, file \"%U\", "
                                "line %d>", co->co_name, op,
                                co->co_filename, co->co_firstlineno);
}

/* What an instruction's argument refers to, for the listing. */
static MpObject *
describe_arg(MpCodeObject *co, int op, int arg)
{
    switch (op) {
    case LOAD_CONST:
    case KW_NAMES:
        return MpObject_Repr(MpTuple_GET_ITEM(co->co_consts, arg));
    case LOAD_NAME: case STORE_NAME: case DELETE_NAME: case LOAD_GLOBAL:
    case STORE_GLOBAL: case DELETE_GLOBAL: case LOAD_ATTR: case STORE_ATTR:
    case DELETE_ATTR: case LOAD_METHOD: case IMPORT_NAME: case IMPORT_FROM:
        return Mp_NewRef(MpTuple_GET_ITEM(co->co_names, arg));
    case LOAD_FAST: case STORE_FAST: case DELETE_FAST: case LOAD_DEREF:
    case STORE_DEREF: case DELETE_DEREF: case LOAD_CLOSURE:
    case LOAD_CLASSDEREF:
        return Mp_NewRef(MpTuple_GET_ITEM(co->co_localsplusnames, arg));
    default:
        return NULL;
    }
}

MpObject *
mp_code_disassemble(MpCodeObject *co)
{
    MpObject *out = MpUnicode_FromString("");
    Mp_ssize_t i;
    int last_line = -1;

    for (i = 0; out != NULL && i < co->co_ncode; i++) {
        int op = MP_OPCODE(co->co_code[i]), arg = MP_OPARG(co->co_code[i]);
        MpObject *what = describe_arg(co, op, arg), *line;
        char lineno[16] = "", prefix[80];
        if (what == NULL && MpErr_Occurred()) {
            Mp_CLEAR(out);
            break;
        }
        if (co->co_locations[i].lineno != last_line) {
            last_line = co->co_locations[i].lineno;
            snprintf(lineno, sizeof(lineno), "%d", last_line);
        }
        snprintf(prefix, sizeof(prefix), "%4s %6zd %-22s %d", lineno,
                 (size_t)i, mp_opcode_name(op), arg);
        if (what != NULL)
            line = MpUnicode_FromFormat("%s (%S)\n", prefix, what);
        else
            line = MpUnicode_FromFormat("%s\n", prefix);
        Mp_XDECREF(what);
        MpUnicode_Append(&out, line);
        Mp_XDECREF(line);
    }
    return out;
}

MpObject *
mp_code_disassemble_all(MpCodeObject *co)
{
    MpObject *out = mp_code_disassemble(co);
    Mp_ssize_t i;

    for (i = 0; out != NULL && i < MpTuple_GET_SIZE(co->co_consts); i++) {
        MpObject *c = MpTuple_GET_ITEM(co->co_consts, i), *part, *title;
        if (!MpCode_Check(c))
            continue;
        title = MpUnicode_FromFormat("\nDisassembly of %R:\n", c);
        MpUnicode_Append(&out, title);
        Mp_XDECREF(title);
        part = out ? mp_code_disassemble_all((MpCodeObject *)c) : NULL;
        MpUnicode_Append(&out, part);
        Mp_XDECREF(part);
    }
    return out;
}

static MpMemberDef code_members[] = {
    {"co_argcount", MP_T_INT, offsetof(MpCodeObject, co_argcount),
     MP_READONLY, NULL},
    {"co_posonlyargcount", MP_T_INT,
     offsetof(MpCodeObject, co_posonlyargcount), MP_READONLY, NULL},
    {"co_kwonlyargcount", MP_T_INT,
     offsetof(MpCodeObject, co_kwonlyargcount), MP_READONLY, NULL},
    {"co_nlocals", MP_T_INT, offsetof(MpCodeObject, co_nlocals),
     MP_READONLY, NULL},
    {"co_stacksize", MP_T_INT, offsetof(MpCodeObject, co_stacksize),
     MP_READONLY, NULL},
    {"co_flags", MP_T_INT, offsetof(MpCodeObject, co_flags), MP_READONLY,
     NULL},
    {"co_firstlineno", MP_T_INT, offsetof(MpCodeObject, co_firstlineno),
     MP_READONLY, NULL},
    {"co_consts", MP_T_OBJECT, offsetof(MpCodeObject, co_consts),
     MP_READONLY, NULL},
    {"co_names", MP_T_OBJECT, offsetof(MpCodeObject, co_names),
     MP_READONLY, NULL},
    {"co_varnames", MP_T_OBJECT,
     offsetof(MpCodeObject, co_localsplusnames), MP_READONLY, NULL},
    {"co_filename", MP_T_OBJECT, offsetof(MpCodeObject, co_filename),
     MP_READONLY, NULL},
    {"co_name", MP_T_OBJECT, offsetof(MpCodeObject, co_name), MP_READONLY,
     NULL},
    {"co_qualname", MP_T_OBJECT, offsetof(MpCodeObject, co_qualname),
     MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpCode_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "code",
    .tp_basicsize = sizeof(MpCodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_flags = MP_TPFLAGS_DEFAULT,
    .tp_members = code_members,
};

int
mp_code_init(void)
{
    return MpType_Ready(&MpCode_Type);
}
