/*
 * compile_expr.c -- expressions: values, targets, jumps, calls,
 * comprehensions, and constant folding.
 *
 * Code shapes follow CPython 3.11 where they are visible from Python:
 *
 *   [1, 2, 3]          BUILD_LIST 0; LOAD_CONST (1, 2, 3); LIST_EXTEND 1
 *                      (so the list is preallocated as 3.11's is: 88 B)
 *   [a, b]             LOAD a; LOAD b; BUILD_LIST 2   (exactly 2 slots)
 *   o.m(x)             LOAD o; LOAD_METHOD m; LOAD x; CALL 1
 *   f(x, k=1)          PUSH_NULL; LOAD f; LOAD x; LOAD 1; KW_NAMES ('k',);
 *                      CALL 2
 *   [e for x in it]    a function with parameter .0, called with iter(it)
 *   -1, 2**8, (1, 2)   folded to constants before code is emitted
 *
 * Folding follows CPython's limits (no int over 128 bits from ** or <<,
 * no str over 4096 characters, no tuple over 256 items), and an operation
 * that raises is simply left for run time.
 *
 * Read alongside CPython 3.11: Python/compile.c (compiler_visit_expr1,
 * starunpack_helper, compiler_call_helper, compiler_comprehension),
 * Python/ast_opt.c (fold_binop, safe_multiply).
 */
#include <string.h>

#include "runtime/compile_state.h"
#include "runtime/parser.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"

#define EMIT(c, op, arg) \
    do { if (mp_compiler_emit((c), (op), (arg)) < 0) return -1; } while (0)
#define EMIT_JUMP(c, op, label) \
    do { if (mp_compiler_emit_jump((c), (op), (label)) < 0) return -1; } \
    while (0)
#define NEW_LABEL(c, var) \
    do { if (((var) = mp_compiler_new_label(c)) < 0) return -1; } while (0)
#define BIND(c, label) mp_compiler_bind_label((c), (label))

#define MAX_INT_SIZE 128        /* bits */
#define MAX_COLLECTION_SIZE 256
#define MAX_STR_SIZE 4096

static int
not_supported(mp_compiler *c, const mp_expr *e, const char *what)
{
    MP_UNUSED(c);
    MpErr_Format(MpExc_NotImplementedError, "%s are not supported by "
                 "minipy (line %d)", what, e->lineno);
    return -1;
}

/* ---- Constant folding ---- */

static int
too_big_for_folding(int op, MpObject *a, MpObject *b)
{
    if (op == AST_Mult) {
        MpObject *seq = MpLong_CheckExact(a) ? b : a;
        MpObject *n = seq == a ? b : a;
        if (MpLong_CheckExact(a) && MpLong_CheckExact(b))
            return MpLong_NumBits(a) + MpLong_NumBits(b) > MAX_INT_SIZE;
        if (!MpLong_CheckExact(n))
            return 0;
        if (MpUnicode_CheckExact(seq) || MpTuple_CheckExact(seq)) {
            long count = MpLong_AsLong(n);
            Mp_ssize_t len = MpObject_Length(seq);
            Mp_ssize_t limit = MpUnicode_CheckExact(seq)
                               ? MAX_STR_SIZE : MAX_COLLECTION_SIZE;
            if (count == -1 && MpErr_Occurred())
                return 1;
            return count > 0 && len > 0 && len > limit / count;
        }
        return 0;
    }
    if ((op == AST_Pow || op == AST_LShift) && MpLong_CheckExact(a) &&
        MpLong_CheckExact(b)) {
        long n = MpLong_AsLong(b);
        if (n == -1 && MpErr_Occurred())
            return 1;
        if (op == AST_LShift)
            return n < 0 || n > MAX_INT_SIZE ||
                   (size_t)n + MpLong_NumBits(a) > MAX_INT_SIZE;
        return n > 0 && MpLong_NumBits(a) * (size_t)n > MAX_INT_SIZE;
    }
    if (op == AST_Add && MpUnicode_CheckExact(a) && MpUnicode_CheckExact(b))
        return MpUnicode_GetLength(a) + MpUnicode_GetLength(b) >
               MAX_STR_SIZE;
    return 0;
}

static MpObject *
fold_binop(int op, MpObject *a, MpObject *b)
{
    switch (op) {
    case AST_Add: return MpNumber_Add(a, b);
    case AST_Sub: return MpNumber_Subtract(a, b);
    case AST_Mult: return MpNumber_Multiply(a, b);
    case AST_Div: return MpNumber_TrueDivide(a, b);
    case AST_FloorDiv: return MpNumber_FloorDivide(a, b);
    case AST_Mod: return MpUnicode_Check(a) ? NULL
                                            : MpNumber_Remainder(a, b);
    case AST_Pow: return MpNumber_Power(a, b, Mp_None);
    case AST_LShift: return MpNumber_Lshift(a, b);
    case AST_RShift: return MpNumber_Rshift(a, b);
    case AST_BitOr: return MpNumber_Or(a, b);
    case AST_BitXor: return MpNumber_Xor(a, b);
    case AST_BitAnd: return MpNumber_And(a, b);
    default: return NULL;
    }
}

static MpObject *
fold_tuple(mp_compiler *c, const mp_asdl_seq *elts)
{
    Mp_ssize_t i, n = ASDL_SEQ_LEN(elts);
    MpObject *t = MpTuple_New(n);

    for (i = 0; t != NULL && i < n; i++) {
        const mp_expr *e = ASDL_SEQ_GET(elts, i);
        MpObject *v = e->kind == AST_Starred ? NULL : mp_compile_fold(c, e);
        if (v == NULL) {
            Mp_CLEAR(t);
            break;
        }
        MpTuple_SET_ITEM(t, i, v);
    }
    return t;
}

/* The value of a constant expression, or NULL (no exception) when 'e'
 * is not one or folding it would raise or be too big.  New. */
MpObject *
mp_compile_fold(mp_compiler *c, const mp_expr *e)
{
    MpObject *a, *b, *r = NULL;

    switch (e->kind) {
    case AST_Constant:
        return Mp_NewRef(e->v.Constant.value);
    case AST_UnaryOp:
        if (e->v.UnaryOp.op == AST_Not)
            return NULL;
        a = mp_compile_fold(c, e->v.UnaryOp.operand);
        if (a == NULL)
            break;
        if (!(MpLong_Check(a) || MpFloat_Check(a))) {
            Mp_DECREF(a);
            break;
        }
        r = e->v.UnaryOp.op == AST_USub ? MpNumber_Negative(a) :
            e->v.UnaryOp.op == AST_UAdd ? MpNumber_Positive(a) :
            MpNumber_Invert(a);
        Mp_DECREF(a);
        break;
    case AST_BinOp:
        if (e->v.BinOp.op == AST_MatMult)
            return NULL;
        a = mp_compile_fold(c, e->v.BinOp.left);
        if (a == NULL)
            return NULL;
        b = mp_compile_fold(c, e->v.BinOp.right);
        if (b != NULL && !too_big_for_folding(e->v.BinOp.op, a, b))
            r = fold_binop(e->v.BinOp.op, a, b);
        Mp_DECREF(a);
        Mp_XDECREF(b);
        break;
    case AST_Tuple:
        if (e->v.Tuple.ctx != AST_Load)
            return NULL;
        r = fold_tuple(c, e->v.Tuple.elts);
        break;
    default:
        return NULL;
    }
    if (r == NULL)
        MpErr_Clear();
    return r;
}

/* ---- Sequences and displays ---- */

static int
has_starred(const mp_asdl_seq *elts)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(elts); i++) {
        const mp_expr *e = ASDL_SEQ_GET(elts, i);
        if (e->kind == AST_Starred)
            return 1;
    }
    return 0;
}

static int
compile_exprs(mp_compiler *c, const mp_asdl_seq *elts)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(elts); i++) {
        if (mp_compile_expr(c, ASDL_SEQ_GET(elts, i)) < 0)
            return -1;
    }
    return 0;
}

/* A list (or tuple, 'tuple' set) display, CPython's starunpack_helper. */
static int
compile_sequence_display(mp_compiler *c, const mp_asdl_seq *elts,
                         int tuple)
{
    Mp_ssize_t i, n = ASDL_SEQ_LEN(elts), pushed = 0;
    int big = n > 30;

    if (n > 2 && !has_starred(elts)) {
        MpObject *folded = fold_tuple(c, elts);
        if (folded != NULL) {
            int r;
            if (tuple) {
                r = mp_compiler_emit_const(c, folded);
                Mp_DECREF(folded);
                return r;
            }
            r = mp_compiler_emit(c, BUILD_LIST, 0) < 0 ||
                mp_compiler_emit_const(c, folded) < 0 ||
                mp_compiler_emit(c, LIST_EXTEND, 1) < 0 ? -1 : 0;
            Mp_DECREF(folded);
            return r;
        }
    }
    if (!big && !has_starred(elts)) {
        if (compile_exprs(c, elts) < 0)
            return -1;
        EMIT(c, tuple ? BUILD_TUPLE : BUILD_LIST, (int)n);
        return 0;
    }
    /* Leading plain items on the stack, then one at a time. */
    for (; !big && pushed < n; pushed++) {
        const mp_expr *e = ASDL_SEQ_GET(elts, pushed);
        if (e->kind == AST_Starred)
            break;
        if (mp_compile_expr(c, e) < 0)
            return -1;
    }
    EMIT(c, BUILD_LIST, (int)pushed);
    for (i = pushed; i < n; i++) {
        const mp_expr *e = ASDL_SEQ_GET(elts, i);
        if (e->kind == AST_Starred) {
            if (mp_compile_expr(c, e->v.Starred.value) < 0)
                return -1;
            EMIT(c, LIST_EXTEND, 1);
        }
        else {
            if (mp_compile_expr(c, e) < 0)
                return -1;
            EMIT(c, LIST_APPEND, 1);
        }
    }
    if (tuple)
        EMIT(c, LIST_TO_TUPLE, 0);
    return 0;
}

static int
compile_dict(mp_compiler *c, const mp_expr *e)
{
    const mp_asdl_seq *keys = e->v.Dict.keys, *values = e->v.Dict.values;
    Mp_ssize_t i, n = ASDL_SEQ_LEN(keys);
    int unpacking = 0;

    for (i = 0; i < n; i++)
        unpacking |= ASDL_SEQ_GET(keys, i) == NULL;
    if (!unpacking && n <= 30) {
        for (i = 0; i < n; i++) {
            if (mp_compile_expr(c, ASDL_SEQ_GET(keys, i)) < 0 ||
                mp_compile_expr(c, ASDL_SEQ_GET(values, i)) < 0)
                return -1;
        }
        EMIT(c, BUILD_MAP, (int)n);
        return 0;
    }
    EMIT(c, BUILD_MAP, 0);
    for (i = 0; i < n; i++) {
        const mp_expr *k = ASDL_SEQ_GET(keys, i);
        if (k == NULL) {
            if (mp_compile_expr(c, ASDL_SEQ_GET(values, i)) < 0)
                return -1;
            EMIT(c, DICT_UPDATE, 1);
            continue;
        }
        if (mp_compile_expr(c, k) < 0 ||
            mp_compile_expr(c, ASDL_SEQ_GET(values, i)) < 0)
            return -1;
        EMIT(c, MAP_ADD, 1);
    }
    return 0;
}

/* ---- Calls ---- */

static int
has_double_star(const mp_asdl_seq *keywords)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(keywords); i++) {
        const mp_keyword *k = ASDL_SEQ_GET(keywords, i);
        if (k->arg == NULL)
            return 1;
    }
    return 0;
}

static int compile_call_kwargs_ex(mp_compiler *c,
                                  const mp_asdl_seq *keywords);

/* f(*a, **k): the positional tuple and keyword dict, then
 * CALL_FUNCTION_EX. */
static int
compile_call_ex(mp_compiler *c, int already_pushed, const mp_asdl_seq *args,
                const mp_asdl_seq *keywords)
{
    Mp_ssize_t i;
    const mp_expr *first = ASDL_SEQ_LEN(args) ? ASDL_SEQ_GET(args, 0) : NULL;

    if (already_pushed == 0 && ASDL_SEQ_LEN(args) == 1 &&
        first->kind == AST_Starred) {
        /* f(*a): CALL_FUNCTION_EX makes the tuple (and names f in the
         * error when a is not iterable). */
        if (mp_compile_expr(c, first->v.Starred.value) < 0)
            return -1;
        return compile_call_kwargs_ex(c, keywords);
    }
    EMIT(c, BUILD_LIST, already_pushed);
    for (i = 0; i < ASDL_SEQ_LEN(args); i++) {
        const mp_expr *e = ASDL_SEQ_GET(args, i);
        if (e->kind == AST_Starred) {
            if (mp_compile_expr(c, e->v.Starred.value) < 0)
                return -1;
            EMIT(c, LIST_EXTEND, 1);
        }
        else {
            if (mp_compile_expr(c, e) < 0)
                return -1;
            EMIT(c, LIST_APPEND, 1);
        }
    }
    EMIT(c, LIST_TO_TUPLE, 0);
    return compile_call_kwargs_ex(c, keywords);
}

/* The keyword dict (if any) of f(*a, **k), then CALL_FUNCTION_EX. */
static int
compile_call_kwargs_ex(mp_compiler *c, const mp_asdl_seq *keywords)
{
    Mp_ssize_t i, nkw = ASDL_SEQ_LEN(keywords);

    if (nkw > 0) {
        EMIT(c, BUILD_MAP, 0);
        for (i = 0; i < nkw; i++) {
            const mp_keyword *k = ASDL_SEQ_GET(keywords, i);
            if (k->arg != NULL) {
                if (mp_compiler_emit_const(c, k->arg) < 0 ||
                    mp_compile_expr(c, k->value) < 0)
                    return -1;
                EMIT(c, BUILD_MAP, 1);
            }
            else if (mp_compile_expr(c, k->value) < 0) {
                return -1;
            }
            EMIT(c, DICT_MERGE, 1);
        }
    }
    EMIT(c, CALL_FUNCTION_EX, nkw > 0);
    return 0;
}

int
mp_compile_call_helper(mp_compiler *c, int already_pushed,
                       const mp_asdl_seq *args, const mp_asdl_seq *keywords)
{
    Mp_ssize_t i, nargs = ASDL_SEQ_LEN(args), nkw = ASDL_SEQ_LEN(keywords);
    MpObject *names;
    int r;

    if (has_starred(args) || has_double_star(keywords))
        return compile_call_ex(c, already_pushed, args, keywords);
    if (compile_exprs(c, args) < 0)
        return -1;
    if (nkw > 0) {
        names = MpTuple_New(nkw);
        if (names == NULL)
            return -1;
        for (i = 0; i < nkw; i++) {
            const mp_keyword *k = ASDL_SEQ_GET(keywords, i);
            MpTuple_SET_ITEM(names, i, Mp_NewRef(k->arg));
        }
        for (i = 0; i < nkw; i++) {
            const mp_keyword *k = ASDL_SEQ_GET(keywords, i);
            if (mp_compile_expr(c, k->value) < 0) {
                Mp_DECREF(names);
                return -1;
            }
        }
        r = mp_compiler_add_const(c, names);
        Mp_DECREF(names);
        if (r < 0)
            return -1;
        EMIT(c, KW_NAMES, r);
    }
    EMIT(c, CALL, already_pushed + (int)(nargs + nkw));
    return 0;
}

static int
compile_call(mp_compiler *c, const mp_expr *e)
{
    const mp_expr *func = e->v.Call.func;

    if (func->kind == AST_Attribute && !has_starred(e->v.Call.args) &&
        !has_double_star(e->v.Call.keywords)) {
        MpObject *name = mp_compiler_mangle(c->u, func->v.Attribute.attr);
        int idx = name == NULL ? -1 : mp_compiler_add_name(c, name);
        Mp_XDECREF(name);
        if (idx < 0 || mp_compile_expr(c, func->v.Attribute.value) < 0)
            return -1;
        MP_SET_LOC(c, func);
        EMIT(c, LOAD_METHOD, idx);
    }
    else {
        EMIT(c, PUSH_NULL, 0);
        if (mp_compile_expr(c, func) < 0)
            return -1;
    }
    MP_SET_LOC(c, e);
    return mp_compile_call_helper(c, 0, e->v.Call.args, e->v.Call.keywords);
}

/* ---- Comparisons and jumps ---- */

static int
emit_compare(mp_compiler *c, mp_cmpop op)
{
    static const int rich[] = {
        0, Mp_EQ, Mp_NE, Mp_LT, Mp_LE, Mp_GT, Mp_GE,
    };
    switch (op) {
    case AST_Is: EMIT(c, IS_OP, 0); break;
    case AST_IsNot: EMIT(c, IS_OP, 1); break;
    case AST_In: EMIT(c, CONTAINS_OP, 0); break;
    case AST_NotIn: EMIT(c, CONTAINS_OP, 1); break;
    default: EMIT(c, COMPARE_OP, rich[op]); break;
    }
    return 0;
}

/* a < b < c: each comparison short-circuits, the middle operand is
 * evaluated once. */
static int
compile_compare(mp_compiler *c, const mp_expr *e)
{
    const mp_asdl_seq *ops = e->v.Compare.ops;
    const mp_asdl_seq *rhs = e->v.Compare.comparators;
    Mp_ssize_t i, n = ASDL_SEQ_LEN(ops);
    int cleanup, end;

    if (mp_compile_expr(c, e->v.Compare.left) < 0)
        return -1;
    if (n == 1) {
        if (mp_compile_expr(c, ASDL_SEQ_GET(rhs, 0)) < 0)
            return -1;
        return emit_compare(c, (mp_cmpop)(intptr_t)ASDL_SEQ_GET(ops, 0));
    }
    NEW_LABEL(c, cleanup);
    NEW_LABEL(c, end);
    for (i = 0; i < n - 1; i++) {
        if (mp_compile_expr(c, ASDL_SEQ_GET(rhs, i)) < 0)
            return -1;
        EMIT(c, SWAP, 2);
        EMIT(c, COPY, 2);
        if (emit_compare(c, (mp_cmpop)(intptr_t)ASDL_SEQ_GET(ops, i)) < 0)
            return -1;
        EMIT_JUMP(c, JUMP_IF_FALSE_OR_POP, cleanup);
    }
    if (mp_compile_expr(c, ASDL_SEQ_GET(rhs, n - 1)) < 0 ||
        emit_compare(c, (mp_cmpop)(intptr_t)ASDL_SEQ_GET(ops, n - 1)) < 0)
        return -1;
    EMIT_JUMP(c, JUMP, end);
    BIND(c, cleanup);
    EMIT(c, SWAP, 2);
    EMIT(c, POP_TOP, 0);
    BIND(c, end);
    return 0;
}

int
mp_compile_jump_if(mp_compiler *c, const mp_expr *e, int label, int cond)
{
    if (e->kind == AST_UnaryOp && e->v.UnaryOp.op == AST_Not)
        return mp_compile_jump_if(c, e->v.UnaryOp.operand, label, !cond);
    if (e->kind == AST_BoolOp) {
        const mp_asdl_seq *values = e->v.BoolOp.values;
        Mp_ssize_t i, n = ASDL_SEQ_LEN(values);
        int is_or = e->v.BoolOp.op == AST_Or, next = label;
        if (is_or != cond)
            NEW_LABEL(c, next);
        for (i = 0; i < n - 1; i++) {
            if (mp_compile_jump_if(c, ASDL_SEQ_GET(values, i), next,
                                   is_or) < 0)
                return -1;
        }
        if (mp_compile_jump_if(c, ASDL_SEQ_GET(values, n - 1), label,
                               cond) < 0)
            return -1;
        if (next != label)
            BIND(c, next);
        return 0;
    }
    if (mp_compile_expr(c, e) < 0)
        return -1;
    EMIT_JUMP(c, cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, label);
    return 0;
}

static int
compile_boolop(mp_compiler *c, const mp_expr *e)
{
    const mp_asdl_seq *values = e->v.BoolOp.values;
    Mp_ssize_t i, n = ASDL_SEQ_LEN(values);
    int end;

    NEW_LABEL(c, end);
    for (i = 0; i < n - 1; i++) {
        if (mp_compile_expr(c, ASDL_SEQ_GET(values, i)) < 0)
            return -1;
        EMIT_JUMP(c, e->v.BoolOp.op == AST_And ? JUMP_IF_FALSE_OR_POP
                                               : JUMP_IF_TRUE_OR_POP, end);
    }
    if (mp_compile_expr(c, ASDL_SEQ_GET(values, n - 1)) < 0)
        return -1;
    BIND(c, end);
    return 0;
}

static int
compile_ifexp(mp_compiler *c, const mp_expr *e)
{
    int orelse, end;

    NEW_LABEL(c, orelse);
    NEW_LABEL(c, end);
    if (mp_compile_jump_if(c, e->v.IfExp.test, orelse, 0) < 0 ||
        mp_compile_expr(c, e->v.IfExp.body) < 0)
        return -1;
    EMIT_JUMP(c, JUMP, end);
    BIND(c, orelse);
    if (mp_compile_expr(c, e->v.IfExp.orelse) < 0)
        return -1;
    BIND(c, end);
    return 0;
}

/* ---- Functions: lambdas and comprehensions ---- */

static int
compile_lambda(mp_compiler *c, const mp_expr *e)
{
    MpObject *name = MpUnicode_InternFromString("<lambda>");
    MpCodeObject *co;
    int flags, r;

    if (name == NULL)
        return -1;
    flags = mp_compiler_defaults(c, e->v.Lambda.args);
    r = flags < 0 ? -1 : mp_compiler_enter_scope(c, name, SCOPE_LAMBDA, e,
                                                 e->lineno);
    Mp_DECREF(name);
    if (r < 0)
        return -1;
    mp_compiler_set_arg_counts(c->u, e->v.Lambda.args);
    /* None first: a lambda has no docstring. */
    if (mp_compiler_add_const(c, Mp_None) < 0 ||
        mp_compile_expr(c, e->v.Lambda.body) < 0 ||
        mp_compiler_emit(c, RETURN_VALUE, 0) < 0) {
        mp_compiler_abandon_scope(c);
        return -1;
    }
    co = mp_compiler_exit_scope(c);
    if (co == NULL)
        return -1;
    r = mp_compiler_make_closure(c, co, flags);
    Mp_DECREF(co);
    return r;
}

/* The loops of a comprehension from generator 'i' on; the element is
 * added at the innermost one.  'depth' counts the iterators on the stack
 * above the result being built. */
static int
compile_generators(mp_compiler *c, const mp_expr *e,
                   const mp_asdl_seq *gens, Mp_ssize_t i)
{
    const mp_comprehension *g = ASDL_SEQ_GET(gens, i);
    Mp_ssize_t j, n = ASDL_SEQ_LEN(gens);
    int start, anchor;

    NEW_LABEL(c, start);
    NEW_LABEL(c, anchor);
    if (i == 0) {
        EMIT(c, LOAD_FAST, 0);      /* .0: the iterator passed in */
    }
    else {
        if (mp_compile_expr(c, g->iter) < 0)
            return -1;
        EMIT(c, GET_ITER, 0);
    }
    BIND(c, start);
    EMIT_JUMP(c, FOR_ITER, anchor);
    if (mp_compile_store(c, g->target) < 0)
        return -1;
    for (j = 0; j < ASDL_SEQ_LEN(g->ifs); j++) {
        if (mp_compile_jump_if(c, ASDL_SEQ_GET(g->ifs, j), start, 0) < 0)
            return -1;
    }
    if (i + 1 < n) {
        if (compile_generators(c, e, gens, i + 1) < 0)
            return -1;
    }
    else if (e->kind == AST_ListComp) {
        if (mp_compile_expr(c, e->v.ListComp.elt) < 0)
            return -1;
        EMIT(c, LIST_APPEND, (int)n + 1);
    }
    else if (e->kind == AST_DictComp) {
        if (mp_compile_expr(c, e->v.DictComp.key) < 0 ||
            mp_compile_expr(c, e->v.DictComp.value) < 0)
            return -1;
        EMIT(c, MAP_ADD, (int)n + 1);
    }
    else {
        if (mp_compile_expr(c, e->v.GeneratorExp.elt) < 0)
            return -1;
        EMIT(c, YIELD_VALUE, 0);
        EMIT(c, POP_TOP, 0);
    }
    EMIT_JUMP(c, JUMP, start);
    BIND(c, anchor);
    return 0;
}

static int
compile_comprehension(mp_compiler *c, const mp_expr *e,
                      const mp_asdl_seq *gens, const char *name)
{
    const mp_comprehension *outer = ASDL_SEQ_GET(gens, 0);
    MpObject *scope_name = MpUnicode_InternFromString(name);
    MpCodeObject *co;
    int r, gen = e->kind == AST_GeneratorExp;

    if (scope_name == NULL)
        return -1;
    r = mp_compiler_enter_scope(c, scope_name, SCOPE_COMPREHENSION, e,
                                e->lineno);
    Mp_DECREF(scope_name);
    if (r < 0)
        return -1;
    c->u->argcount = 1;
    if (gen)
        r = mp_compiler_emit(c, RETURN_GENERATOR, 0);
    else
        r = mp_compiler_emit(c, e->kind == AST_ListComp ? BUILD_LIST
                                                        : BUILD_MAP, 0);
    if (r < 0 || compile_generators(c, e, gens, 0) < 0 ||
        (gen && mp_compiler_emit_const(c, Mp_None) < 0) ||
        mp_compiler_emit(c, RETURN_VALUE, 0) < 0) {
        mp_compiler_abandon_scope(c);
        return -1;
    }
    co = mp_compiler_exit_scope(c);
    if (co == NULL)
        return -1;
    r = mp_compiler_emit(c, PUSH_NULL, 0) < 0 ? -1 :
        mp_compiler_make_closure(c, co, 0);
    Mp_DECREF(co);
    if (r < 0 || mp_compile_expr(c, outer->iter) < 0)
        return -1;
    EMIT(c, GET_ITER, 0);
    EMIT(c, CALL, 1);
    return 0;
}

/* ---- f-strings ---- */

static int
compile_formatted_value(mp_compiler *c, const mp_expr *e)
{
    int conversion = e->v.FormattedValue.conversion, flags;

    if (mp_compile_expr(c, e->v.FormattedValue.value) < 0)
        return -1;
    flags = conversion == 's' ? MP_FVC_STR : conversion == 'r' ?
            MP_FVC_REPR : conversion == 'a' ? MP_FVC_ASCII : MP_FVC_NONE;
    if (e->v.FormattedValue.format_spec != NULL) {
        if (mp_compile_expr(c, e->v.FormattedValue.format_spec) < 0)
            return -1;
        flags |= MP_FVS_HAVE_SPEC;
    }
    EMIT(c, FORMAT_VALUE, flags);
    return 0;
}

static int
compile_joined_str(mp_compiler *c, const mp_expr *e)
{
    const mp_asdl_seq *values = e->v.JoinedStr.values;
    Mp_ssize_t n = ASDL_SEQ_LEN(values);

    if (n == 0) {
        MpObject *empty = MpUnicode_FromString("");
        int r = empty == NULL ? -1 : mp_compiler_emit_const(c, empty);
        Mp_XDECREF(empty);
        return r;
    }
    if (compile_exprs(c, values) < 0)
        return -1;
    if (n > 1 || ((const mp_expr *)ASDL_SEQ_GET(values, 0))->kind !=
                 AST_FormattedValue)
        EMIT(c, BUILD_STRING, (int)n);
    return 0;
}

/* ---- Names, attributes, subscripts ---- */

static int
compile_attribute(mp_compiler *c, const mp_expr *e, mp_expr_context ctx)
{
    MpObject *name = mp_compiler_mangle(c->u, e->v.Attribute.attr);
    int idx = name == NULL ? -1 : mp_compiler_add_name(c, name);

    Mp_XDECREF(name);
    if (idx < 0 || mp_compile_expr(c, e->v.Attribute.value) < 0)
        return -1;
    MP_SET_LOC(c, e);
    EMIT(c, ctx == AST_Load ? LOAD_ATTR : ctx == AST_Store ? STORE_ATTR
                                                           : DELETE_ATTR,
         idx);
    return 0;
}

static int
compile_slice(mp_compiler *c, const mp_expr *e)
{
    const mp_expr *parts[3] = {
        e->v.Slice.lower, e->v.Slice.upper, e->v.Slice.step,
    };
    int i, n = parts[2] != NULL ? 3 : 2;

    for (i = 0; i < n; i++) {
        if (parts[i] != NULL) {
            if (mp_compile_expr(c, parts[i]) < 0)
                return -1;
        }
        else if (mp_compiler_emit_const(c, Mp_None) < 0) {
            return -1;
        }
    }
    EMIT(c, BUILD_SLICE, n);
    return 0;
}

static int
compile_subscript(mp_compiler *c, const mp_expr *e, mp_expr_context ctx)
{
    if (mp_compile_expr(c, e->v.Subscript.value) < 0 ||
        mp_compile_expr(c, e->v.Subscript.slice) < 0)
        return -1;
    EMIT(c, ctx == AST_Load ? BINARY_SUBSCR : ctx == AST_Store ? STORE_SUBSCR
                                                               : DELETE_SUBSCR,
         0);
    return 0;
}

static int
compile_unpack(mp_compiler *c, const mp_expr *target,
               const mp_asdl_seq *elts)
{
    Mp_ssize_t i, n = ASDL_SEQ_LEN(elts), star = -1;

    for (i = 0; i < n; i++) {
        const mp_expr *e = ASDL_SEQ_GET(elts, i);
        if (e->kind == AST_Starred)
            star = i;
    }
    if (star < 0) {
        EMIT(c, UNPACK_SEQUENCE, (int)n);
    }
    else {
        if (star >= 256 || n - star - 1 >= (1 << 16)) {
            mp_compiler_error(c, target->lineno, target->col_offset,
                              "too many expressions in star-unpacking "
                              "assignment");
            return -1;
        }
        EMIT(c, UNPACK_EX, (int)(star | ((n - star - 1) << 8)));
    }
    for (i = 0; i < n; i++) {
        const mp_expr *e = ASDL_SEQ_GET(elts, i);
        if (mp_compile_store(c, e->kind == AST_Starred ? e->v.Starred.value
                                                       : e) < 0)
            return -1;
    }
    return 0;
}

int
mp_compile_store(mp_compiler *c, const mp_expr *t)
{
    MP_SET_LOC(c, t);
    switch (t->kind) {
    case AST_Name:
        return mp_compiler_nameop(c, t->v.Name.id, AST_Store);
    case AST_Attribute:
        return compile_attribute(c, t, AST_Store);
    case AST_Subscript:
        return compile_subscript(c, t, AST_Store);
    case AST_Tuple:
        return compile_unpack(c, t, t->v.Tuple.elts);
    case AST_List:
        return compile_unpack(c, t, t->v.List.elts);
    default:
        mp_compiler_error(c, t->lineno, t->col_offset,
                          "starred assignment target must be in a list or "
                          "tuple");
        return -1;
    }
}

int
mp_compile_delete(mp_compiler *c, const mp_expr *t)
{
    Mp_ssize_t i;
    const mp_asdl_seq *elts;

    MP_SET_LOC(c, t);
    switch (t->kind) {
    case AST_Name:
        return mp_compiler_nameop(c, t->v.Name.id, AST_Del);
    case AST_Attribute:
        return compile_attribute(c, t, AST_Del);
    case AST_Subscript:
        return compile_subscript(c, t, AST_Del);
    default:
        elts = t->kind == AST_Tuple ? t->v.Tuple.elts : t->v.List.elts;
        for (i = 0; i < ASDL_SEQ_LEN(elts); i++) {
            if (mp_compile_delete(c, ASDL_SEQ_GET(elts, i)) < 0)
                return -1;
        }
        return 0;
    }
}

/* ---- Dispatch ---- */

static int
compile_operator(mp_compiler *c, const mp_expr *e)
{
    static const int binops[] = {
        -1, MP_NB_ADD, MP_NB_SUBTRACT, MP_NB_MULTIPLY,
        MP_NB_MATRIX_MULTIPLY, MP_NB_TRUE_DIVIDE, MP_NB_REMAINDER,
        MP_NB_POWER, MP_NB_LSHIFT, MP_NB_RSHIFT, MP_NB_OR, MP_NB_XOR,
        MP_NB_AND, MP_NB_FLOOR_DIVIDE,
    };
    static const int unops[] = {
        -1, UNARY_INVERT, UNARY_NOT, UNARY_POSITIVE, UNARY_NEGATIVE,
    };

    if (e->kind == AST_BinOp) {
        if (mp_compile_expr(c, e->v.BinOp.left) < 0 ||
            mp_compile_expr(c, e->v.BinOp.right) < 0)
            return -1;
        MP_SET_LOC(c, e);
        EMIT(c, BINARY_OP, binops[e->v.BinOp.op]);
        return 0;
    }
    if (mp_compile_expr(c, e->v.UnaryOp.operand) < 0)
        return -1;
    EMIT(c, unops[e->v.UnaryOp.op], 0);
    return 0;
}

static int
compile_expr_inner(mp_compiler *c, const mp_expr *e)
{
    switch (e->kind) {
    case AST_BoolOp: return compile_boolop(c, e);
    case AST_NamedExpr:
        if (mp_compile_expr(c, e->v.NamedExpr.value) < 0)
            return -1;
        EMIT(c, COPY, 1);
        return mp_compile_store(c, e->v.NamedExpr.target);
    case AST_BinOp:
    case AST_UnaryOp: return compile_operator(c, e);
    case AST_Lambda: return compile_lambda(c, e);
    case AST_IfExp: return compile_ifexp(c, e);
    case AST_Dict: return compile_dict(c, e);
    case AST_Set:
    case AST_SetComp: return not_supported(c, e, "sets");
    case AST_ListComp:
        return compile_comprehension(c, e, e->v.ListComp.generators,
                                     "<listcomp>");
    case AST_DictComp:
        return compile_comprehension(c, e, e->v.DictComp.generators,
                                     "<dictcomp>");
    case AST_GeneratorExp:
        return compile_comprehension(c, e, e->v.GeneratorExp.generators,
                                     "<genexpr>");
    case AST_Yield:
        if (e->v.Yield.value != NULL) {
            if (mp_compile_expr(c, e->v.Yield.value) < 0)
                return -1;
        }
        else if (mp_compiler_emit_const(c, Mp_None) < 0) {
            return -1;
        }
        EMIT(c, YIELD_VALUE, 0);
        return 0;
    case AST_YieldFrom: return not_supported(c, e, "'yield from' expressions");
    case AST_Compare: return compile_compare(c, e);
    case AST_Call: return compile_call(c, e);
    case AST_FormattedValue: return compile_formatted_value(c, e);
    case AST_JoinedStr: return compile_joined_str(c, e);
    case AST_Constant: return mp_compiler_emit_const(c, e->v.Constant.value);
    case AST_Attribute: return compile_attribute(c, e, AST_Load);
    case AST_Subscript: return compile_subscript(c, e, AST_Load);
    case AST_Starred:
        mp_compiler_error(c, e->lineno, e->col_offset,
                          "can't use starred expression here");
        return -1;
    case AST_Name: return mp_compiler_nameop(c, e->v.Name.id, AST_Load);
    case AST_List: return compile_sequence_display(c, e->v.List.elts, 0);
    case AST_Tuple: return compile_sequence_display(c, e->v.Tuple.elts, 1);
    case AST_Slice: return compile_slice(c, e);
    }
    return 0;
}

int
mp_compile_expr(mp_compiler *c, const mp_expr *e)
{
    mp_location saved = c->u->loc;
    int r;
    MpObject *folded;

    if (++c->depth > MP_PARSER_MAX_DEPTH) {
        MpErr_SetString(MpExc_RecursionError, "maximum recursion depth "
                        "exceeded during compilation");
        return -1;
    }
    MP_SET_LOC(c, e);
    folded = (e->kind == AST_UnaryOp || e->kind == AST_BinOp)
             ? mp_compile_fold(c, e) : NULL;
    if (folded != NULL) {
        r = mp_compiler_emit_const(c, folded);
        /* The tree keeps the folded value, as CPython's optimized tree
         * does (it shows in sys.getrefcount while __main__ runs). */
        if (r == 0 && c->arena != NULL &&
            mp_arena_add_object(c->arena, folded) == 0)
            folded = NULL;
        Mp_XDECREF(folded);
    }
    else {
        r = compile_expr_inner(c, e);
    }
    c->u->loc = saved;
    c->depth--;
    return r;
}
