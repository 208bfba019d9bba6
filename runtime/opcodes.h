/*
 * opcodes.h -- minipy's bytecode instructions.
 *
 * An instruction is one 32-bit code unit: the opcode in the low 8 bits and
 * its argument in the high 24 (so no EXTENDED_ARG is needed).  Jump
 * arguments are absolute instruction indexes.  The names and stack effects
 * follow CPython 3.11's (Lib/opcode.py) where minipy has the same
 * instruction; the exception machinery uses a block stack (SETUP_FINALLY /
 * POP_BLOCK), as CPython did up to 3.10, instead of an exception table.
 *
 *   X(name, stack effect when known statically)
 */
#ifndef MP_OPCODES_H
#define MP_OPCODES_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include <stdint.h>

typedef uint32_t mp_codeunit;

#define MP_OPCODE(unit) ((int)((unit) & 0xFF))
#define MP_OPARG(unit) ((int)((unit) >> 8))
#define MP_MAX_OPARG ((1 << 24) - 1)
#define MP_MAKE_UNIT(op, arg) ((mp_codeunit)(op) | ((mp_codeunit)(arg) << 8))

#define MP_OPCODE_LIST(X)                                                  \
    X(NOP)                                                                 \
    /* Stack manipulation */                                               \
    X(POP_TOP) X(COPY) X(SWAP) X(PUSH_NULL)                                \
    /* Operators: BINARY_OP's argument is an MP_NB_* value */              \
    X(UNARY_POSITIVE) X(UNARY_NEGATIVE) X(UNARY_NOT) X(UNARY_INVERT)       \
    X(BINARY_OP) X(COMPARE_OP) X(IS_OP) X(CONTAINS_OP)                     \
    X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR) X(BUILD_SLICE)       \
    /* Names */                                                            \
    X(LOAD_CONST) X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME)                \
    X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL)                        \
    X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST)                              \
    X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLOSURE)           \
    X(LOAD_CLASSDEREF)                                                     \
    X(LOAD_ATTR) X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD)               \
    /* Calls */                                                            \
    X(KW_NAMES) X(CALL) X(CALL_FUNCTION_EX) X(MAKE_FUNCTION)               \
    X(LOAD_BUILD_CLASS) X(RETURN_VALUE)                                    \
    /* Control flow: jump targets are absolute */                          \
    X(JUMP) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE)                       \
    X(JUMP_IF_FALSE_OR_POP) X(JUMP_IF_TRUE_OR_POP)                         \
    X(GET_ITER) X(FOR_ITER)                                                \
    /* Building */                                                         \
    X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_MAP) X(BUILD_STRING)              \
    X(LIST_APPEND) X(MAP_ADD) X(LIST_EXTEND) X(LIST_TO_TUPLE)              \
    X(DICT_UPDATE) X(DICT_MERGE) X(UNPACK_SEQUENCE) X(UNPACK_EX)           \
    X(FORMAT_VALUE)                                                        \
    /* Exceptions */                                                       \
    X(SETUP_FINALLY) X(POP_BLOCK) X(PUSH_EXC_INFO) X(POP_EXCEPT)           \
    X(CHECK_EXC_MATCH) X(RERAISE) X(POP_EXCEPT_AND_RERAISE)                \
    X(RAISE_VARARGS) X(LOAD_ASSERTION_ERROR)                               \
    /* Modules, the REPL and generators */                                 \
    X(IMPORT_NAME) X(IMPORT_FROM) X(PRINT_EXPR)                            \
    X(RETURN_GENERATOR) X(YIELD_VALUE) X(GET_YIELD_FROM_ITER) X(SEND)

typedef enum {
#define MP_OPCODE_ENUM(name) name,
    MP_OPCODE_LIST(MP_OPCODE_ENUM)
#undef MP_OPCODE_ENUM
    MP_NUM_OPCODES
} mp_opcode;

/* BINARY_OP's argument: which operation (in-place ones have the flag). */
typedef enum {
    MP_NB_ADD, MP_NB_AND, MP_NB_FLOOR_DIVIDE, MP_NB_LSHIFT,
    MP_NB_MATRIX_MULTIPLY, MP_NB_MULTIPLY, MP_NB_REMAINDER, MP_NB_OR,
    MP_NB_POWER, MP_NB_RSHIFT, MP_NB_SUBTRACT, MP_NB_TRUE_DIVIDE,
    MP_NB_XOR, MP_NB_COUNT
} mp_nb_op;
#define MP_NB_INPLACE 0x100

/* MAKE_FUNCTION's flags: what lies on the stack under the code object. */
#define MP_MAKE_FUNCTION_DEFAULTS 0x01
#define MP_MAKE_FUNCTION_KWDEFAULTS 0x02
#define MP_MAKE_FUNCTION_CLOSURE 0x08

/* FORMAT_VALUE's argument: conversion in the low bits, spec flag. */
#define MP_FVC_NONE 0x0
#define MP_FVC_STR 0x1
#define MP_FVC_REPR 0x2
#define MP_FVC_ASCII 0x3
#define MP_FVC_MASK 0x3
#define MP_FVS_HAVE_SPEC 0x4

/* The name of an opcode, for disassembly. */
const char *mp_opcode_name(int opcode);

#endif /* MP_OPCODES_H */
