/*
 * ast.h -- the abstract syntax tree the parser builds and the compiler
 * reads: CPython's node names and fields (Parser/Python.asdl) for the
 * language minipy runs.
 *
 *   Module(body=[stmt...])
 *     stmt  FunctionDef ClassDef Return Delete Assign AugAssign AnnAssign
 *           For While If Raise Try Assert Import ImportFrom Global
 *           Nonlocal Expr Pass Break Continue
 *     expr  BoolOp NamedExpr BinOp UnaryOp Lambda IfExp Dict Set ListComp
 *           SetComp DictComp GeneratorExp Yield YieldFrom Compare Call
 *           FormattedValue JoinedStr Constant Attribute Subscript Starred
 *           Name List Tuple Slice
 *
 * Every node, sequence and identifier lives in an mp_arena and is freed
 * with it in one go.  Constants and identifiers are runtime objects the
 * arena holds a reference to until it is freed -- which is why, as in
 * CPython, a literal in the running __main__ module shows one extra
 * reference in sys.getrefcount.
 */
#ifndef MP_AST_H
#define MP_AST_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"
#include "runtime/arena.h"

typedef struct mp_expr mp_expr;
typedef struct mp_stmt mp_stmt;

/* A sequence of node pointers (or identifiers), arena-allocated. */
typedef struct {
    Mp_ssize_t size;
    void *elements[1];
} mp_asdl_seq;

#define ASDL_SEQ_LEN(s) ((s) == NULL ? 0 : (s)->size)
#define ASDL_SEQ_GET(s, i) ((s)->elements[(i)])
#define ASDL_SEQ_SET(s, i, v) ((s)->elements[(i)] = (v))

/* A new sequence of 'size' NULL elements, or NULL with MemoryError. */
mp_asdl_seq *mp_asdl_seq_new(Mp_ssize_t size, mp_arena *arena);

typedef enum { AST_Load = 1, AST_Store, AST_Del } mp_expr_context;
typedef enum { AST_And = 1, AST_Or } mp_boolop;
typedef enum {
    AST_Add = 1, AST_Sub, AST_Mult, AST_MatMult, AST_Div, AST_Mod,
    AST_Pow, AST_LShift, AST_RShift, AST_BitOr, AST_BitXor, AST_BitAnd,
    AST_FloorDiv
} mp_operator_kind;
typedef enum { AST_Invert = 1, AST_Not, AST_UAdd, AST_USub } mp_unaryop;
typedef enum {
    AST_Eq = 1, AST_NotEq, AST_Lt, AST_LtE, AST_Gt, AST_GtE, AST_Is,
    AST_IsNot, AST_In, AST_NotIn
} mp_cmpop;

typedef struct {
    mp_expr *target;
    mp_expr *iter;
    mp_asdl_seq *ifs;           /* expr */
} mp_comprehension;

typedef struct {
    MpObject *arg;              /* identifier (interned str) */
    mp_expr *annotation;        /* or NULL; kept, never evaluated */
    int lineno, col_offset, end_lineno, end_col_offset;
} mp_arg;

typedef struct {
    mp_asdl_seq *posonlyargs;   /* arg */
    mp_asdl_seq *args;          /* arg */
    mp_arg *vararg;             /* or NULL */
    mp_asdl_seq *kwonlyargs;    /* arg */
    mp_asdl_seq *kw_defaults;   /* expr, NULL where there is none */
    mp_arg *kwarg;              /* or NULL */
    mp_asdl_seq *defaults;      /* expr */
} mp_arguments;

typedef struct {
    MpObject *arg;              /* identifier, or NULL for **mapping */
    mp_expr *value;
    int lineno, col_offset, end_lineno, end_col_offset;
} mp_keyword;

typedef struct {
    MpObject *name;             /* dotted name */
    MpObject *asname;           /* or NULL */
} mp_alias;

typedef struct {
    mp_expr *type;              /* or NULL for a bare except */
    MpObject *name;             /* or NULL */
    mp_asdl_seq *body;          /* stmt */
    int lineno, col_offset, end_lineno, end_col_offset;
} mp_excepthandler;

typedef enum {
    AST_BoolOp = 1, AST_NamedExpr, AST_BinOp, AST_UnaryOp, AST_Lambda,
    AST_IfExp, AST_Dict, AST_Set, AST_ListComp, AST_SetComp, AST_DictComp,
    AST_GeneratorExp, AST_Yield, AST_YieldFrom, AST_Compare, AST_Call,
    AST_FormattedValue, AST_JoinedStr, AST_Constant, AST_Attribute,
    AST_Subscript, AST_Starred, AST_Name, AST_List, AST_Tuple, AST_Slice
} mp_expr_kind;

struct mp_expr {
    mp_expr_kind kind;
    union {
        struct { mp_boolop op; mp_asdl_seq *values; } BoolOp;
        struct { mp_expr *target; mp_expr *value; } NamedExpr;
        struct { mp_expr *left; mp_operator_kind op; mp_expr *right; } BinOp;
        struct { mp_unaryop op; mp_expr *operand; } UnaryOp;
        struct { mp_arguments *args; mp_expr *body; } Lambda;
        struct { mp_expr *test; mp_expr *body; mp_expr *orelse; } IfExp;
        /* keys[i] is NULL for a **mapping entry */
        struct { mp_asdl_seq *keys; mp_asdl_seq *values; } Dict;
        struct { mp_asdl_seq *elts; } Set;
        struct { mp_expr *elt; mp_asdl_seq *generators; } ListComp;
        struct { mp_expr *elt; mp_asdl_seq *generators; } SetComp;
        struct {
            mp_expr *key; mp_expr *value; mp_asdl_seq *generators;
        } DictComp;
        struct { mp_expr *elt; mp_asdl_seq *generators; } GeneratorExp;
        struct { mp_expr *value; } Yield;           /* value may be NULL */
        struct { mp_expr *value; } YieldFrom;
        /* ops: an array of mp_cmpop stored as pointers-sized ints */
        struct {
            mp_expr *left; mp_asdl_seq *ops; mp_asdl_seq *comparators;
        } Compare;
        struct {
            mp_expr *func; mp_asdl_seq *args; mp_asdl_seq *keywords;
        } Call;
        /* conversion: -1, or 's', 'r', 'a' */
        struct {
            mp_expr *value; int conversion; mp_expr *format_spec;
        } FormattedValue;
        struct { mp_asdl_seq *values; } JoinedStr;
        /* u_prefix: written u'...' (ast.dump shows kind='u') */
        struct { MpObject *value; int u_prefix; } Constant;
        struct {
            mp_expr *value; MpObject *attr; mp_expr_context ctx;
        } Attribute;
        struct {
            mp_expr *value; mp_expr *slice; mp_expr_context ctx;
        } Subscript;
        struct { mp_expr *value; mp_expr_context ctx; } Starred;
        struct { MpObject *id; mp_expr_context ctx; } Name;
        struct { mp_asdl_seq *elts; mp_expr_context ctx; } List;
        struct { mp_asdl_seq *elts; mp_expr_context ctx; } Tuple;
        struct { mp_expr *lower; mp_expr *upper; mp_expr *step; } Slice;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

typedef enum {
    AST_FunctionDef = 1, AST_ClassDef, AST_Return, AST_Delete, AST_Assign,
    AST_AugAssign, AST_AnnAssign, AST_For, AST_While, AST_If, AST_Raise,
    AST_Try, AST_Assert, AST_Import, AST_ImportFrom, AST_Global,
    AST_Nonlocal, AST_Expr, AST_Pass, AST_Break, AST_Continue
} mp_stmt_kind;

struct mp_stmt {
    mp_stmt_kind kind;
    union {
        struct {
            MpObject *name; mp_arguments *args; mp_asdl_seq *body;
            mp_asdl_seq *decorator_list; mp_expr *returns;
        } FunctionDef;
        struct {
            MpObject *name; mp_asdl_seq *bases; mp_asdl_seq *keywords;
            mp_asdl_seq *body; mp_asdl_seq *decorator_list;
        } ClassDef;
        struct { mp_expr *value; } Return;
        struct { mp_asdl_seq *targets; } Delete;
        struct { mp_asdl_seq *targets; mp_expr *value; } Assign;
        struct {
            mp_expr *target; mp_operator_kind op; mp_expr *value;
        } AugAssign;
        struct {
            mp_expr *target; mp_expr *annotation; mp_expr *value;
            int simple;
        } AnnAssign;
        struct {
            mp_expr *target; mp_expr *iter; mp_asdl_seq *body;
            mp_asdl_seq *orelse;
        } For;
        struct {
            mp_expr *test; mp_asdl_seq *body; mp_asdl_seq *orelse;
        } While;
        struct {
            mp_expr *test; mp_asdl_seq *body; mp_asdl_seq *orelse;
        } If;
        struct { mp_expr *exc; mp_expr *cause; } Raise;
        struct {
            mp_asdl_seq *body; mp_asdl_seq *handlers; mp_asdl_seq *orelse;
            mp_asdl_seq *finalbody;
        } Try;
        struct { mp_expr *test; mp_expr *msg; } Assert;
        struct { mp_asdl_seq *names; } Import;          /* alias */
        struct {
            MpObject *module; mp_asdl_seq *names; int level;
        } ImportFrom;
        struct { mp_asdl_seq *names; } Global;          /* identifier */
        struct { mp_asdl_seq *names; } Nonlocal;
        struct { mp_expr *value; } Expr;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

typedef enum { AST_Module = 1, AST_Interactive, AST_Expression } mp_mod_kind;

typedef struct {
    mp_mod_kind kind;
    mp_asdl_seq *body;          /* stmt (Module, Interactive) */
    mp_expr *expr;              /* Expression */
} mp_mod;

/* Node constructors: arena-allocated, zeroed, kind and position set.
 * NULL with MemoryError on failure. */
mp_expr *mp_ast_expr(mp_arena *arena, mp_expr_kind kind, int lineno,
                     int col_offset, int end_lineno, int end_col_offset);
mp_stmt *mp_ast_stmt(mp_arena *arena, mp_stmt_kind kind, int lineno,
                     int col_offset, int end_lineno, int end_col_offset);
void *mp_ast_node(mp_arena *arena, size_t size);    /* zeroed */

/* The tree written as CPython's ast.dump(tree, include_attributes=...)
 * writes it: a new str, or NULL with an exception set. */
MpObject *mp_ast_dump(const mp_mod *mod, int include_attributes);

#endif /* MP_AST_H */
