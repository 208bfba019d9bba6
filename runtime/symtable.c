/*
 * symtable.c -- scope analysis, in two passes as CPython does it.
 *
 * Pass 1 walks the AST and records, block by block, how each name is used:
 * bound (assignment, parameter, import, def, class, except-as), used, or
 * declared global/nonlocal.  Blocks: the module, each function and
 * lambda, each comprehension (a function of its own since Python 3), and
 * each class body.
 *
 * Pass 2 (analyze_block) resolves scopes top-down with three sets:
 *
 *   bound   names bound in enclosing *function* blocks (visible to
 *           nested functions; class bodies do not contribute)
 *   global  names declared global in enclosing blocks
 *   free    on the way back up: names nested blocks read from outside
 *
 * A name local to a function and free in a nested one becomes a CELL; a
 * free name passing through an intermediate function becomes FREE there
 * too, so closures can hand the cell down.  A method that uses super() or
 * __class__ gets the implicit __class__ cell of its class.
 *
 * Read alongside CPython 3.11: Python/symtable.c (symtable_visit_stmt,
 * analyze_block, analyze_name, update_symbols).
 *
 * Left out: type parameters and annotation scopes (3.12), and the
 * error for a named expression rebinding a comprehension variable.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/symtable.h"
#include "runtime/parser.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"

/* (a, b, c, d) as a tuple of ints.  New. */
static MpObject *
tuple_of_four_ints(int a, int b, int c, int d)
{
    MpObject *items[4] = {MpLong_FromLong(a), MpLong_FromLong(b),
                          MpLong_FromLong(c), MpLong_FromLong(d)};
    if (!items[0] || !items[1] || !items[2] || !items[3]) {
        int i;
        for (i = 0; i < 4; i++)
            Mp_XDECREF(items[i]);
        return NULL;
    }
    return mp_tuple_from_array_steal(items, 4);
}

typedef struct {
    mp_symtable *st;
    mp_ste *cur;
    int depth;
} walker;

/* ---- Entries ---- */

static mp_ste *
ste_new(walker *w, mp_block_type type, MpObject *name, const void *key,
        int lineno)
{
    mp_ste *ste = MpMem_Calloc(1, sizeof(mp_ste));
    mp_ste *parent = w->cur;

    if (ste == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    ste->type = type;
    ste->key = key;
    ste->name = Mp_NewRef(name);
    ste->lineno = lineno;
    ste->parent = parent;
    ste->symbols = MpDict_New();
    ste->varnames = MpList_New(0);
    ste->declarations = MpDict_New();
    if (ste->symbols == NULL || ste->varnames == NULL ||
        ste->declarations == NULL)
        goto error;
    if (parent != NULL) {
        ste->nested = parent->nested || parent->type == MP_BLOCK_FUNCTION;
        if (parent->nchildren == parent->children_allocated) {
            Mp_ssize_t n = parent->children_allocated * 2 + 4;
            mp_ste **c = MpMem_Realloc(parent->children,
                                       (size_t)n * sizeof(mp_ste *));
            if (c == NULL) {
                MpErr_NoMemory();
                goto error;
            }
            parent->children = c;
            parent->children_allocated = n;
        }
        parent->children[parent->nchildren++] = ste;
    }
    return ste;
error:
    Mp_XDECREF(ste->symbols);
    Mp_XDECREF(ste->varnames);
    Mp_XDECREF(ste->declarations);
    Mp_DECREF(ste->name);
    MpMem_Free(ste);
    return NULL;
}

static void
ste_free(mp_ste *ste)
{
    Mp_ssize_t i;
    for (i = 0; i < ste->nchildren; i++)
        ste_free(ste->children[i]);
    MpMem_Free(ste->children);
    Mp_XDECREF(ste->symbols);
    Mp_XDECREF(ste->varnames);
    Mp_XDECREF(ste->declarations);
    Mp_XDECREF(ste->name);
    MpMem_Free(ste);
}

mp_ste *
mp_symtable_child(mp_ste *ste, const void *key)
{
    Mp_ssize_t i;
    for (i = 0; i < ste->nchildren; i++) {
        if (ste->children[i]->key == key)
            return ste->children[i];
    }
    return NULL;
}

int
mp_ste_flags(mp_ste *ste, MpObject *name)
{
    MpObject *v = MpDict_GetItem(ste->symbols, name);
    return v == NULL ? 0 : (int)MpLong_AsLong(v);
}

int
mp_ste_scope(mp_ste *ste, MpObject *name)
{
    return (mp_ste_flags(ste, name) & MP_SCOPE_MASK) >> MP_SCOPE_OFFSET;
}

static int
set_flags(MpObject *symbols, MpObject *name, long flags)
{
    MpObject *v = MpLong_FromLong(flags);
    int r;
    if (v == NULL)
        return -1;
    r = MpDict_SetItem(symbols, name, v);
    Mp_DECREF(v);
    return r;
}

/* ---- Errors ---- */

static int
error_range(walker *w, int lineno, int col, int end_lineno, int end_col,
            const char *format, MpObject *name)
{
    char msg[200];
    snprintf(msg, sizeof(msg), format,
             name ? MpUnicode_AsUTF8(name) : "");
    mp_parser_raise_syntax_error(MpExc_SyntaxError, msg, w->st->filename,
                                 w->st->source, lineno, col, end_lineno,
                                 end_col);
    return -1;
}

/* A SyntaxError spanning an AST node (statement or expression). */
#define error_at_node(w, node, format, name) \
    error_range((w), (node)->lineno, (node)->col_offset, \
                (node)->end_lineno, (node)->end_col_offset, (format), (name))

/* ---- Pass 1: recording uses ---- */

static int
add_def_in(walker *w, mp_ste *ste, MpObject *name, int flag, int lineno,
           int col)
{
    int old = mp_ste_flags(ste, name);

    if (MpErr_Occurred())
        return -1;
    if ((flag & MP_DEF_PARAM) && (old & MP_DEF_PARAM))
        return error_range(w, lineno, col, -1, -1, "duplicate argument '%s' in "
                        "function definition", name);
    if (set_flags(ste->symbols, name, old | flag) < 0)
        return -1;
    if (flag & MP_DEF_PARAM)
        return MpList_Append(ste->varnames, name);
    return 0;
}

static int
add_def(walker *w, MpObject *name, int flag, int lineno, int col)
{
    return add_def_in(w, w->cur, name, flag, lineno, col);
}

static int visit_expr(walker *w, const mp_expr *e);
static int visit_stmts(walker *w, const mp_asdl_seq *body);

static int
visit_exprs(walker *w, const mp_asdl_seq *seq)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(seq); i++) {
        const mp_expr *e = ASDL_SEQ_GET(seq, i);
        if (e != NULL && visit_expr(w, e) < 0)
            return -1;
    }
    return 0;
}

static int
enter_block(walker *w, mp_block_type type, MpObject *name, const void *key,
            int lineno)
{
    mp_ste *ste = ste_new(w, type, name, key, lineno);
    if (ste == NULL)
        return -1;
    w->cur = ste;
    return 0;
}

static void
leave_block(walker *w)
{
    w->cur = w->cur->parent;
}

/* Defaults and annotations belong to the enclosing block. */
static int
visit_argument_defaults(walker *w, const mp_arguments *a)
{
    return visit_exprs(w, a->defaults) < 0 ||
           visit_exprs(w, a->kw_defaults) < 0 ? -1 : 0;
}

static int
visit_annotations(walker *w, const mp_arguments *a)
{
    const mp_asdl_seq *lists[] = {a->posonlyargs, a->args, a->kwonlyargs};
    const mp_arg *single[] = {a->vararg, a->kwarg};
    size_t k;
    Mp_ssize_t i;

    for (k = 0; k < 3; k++) {
        for (i = 0; i < ASDL_SEQ_LEN(lists[k]); i++) {
            const mp_arg *arg = ASDL_SEQ_GET(lists[k], i);
            if (arg->annotation && visit_expr(w, arg->annotation) < 0)
                return -1;
        }
    }
    for (k = 0; k < 2; k++) {
        if (single[k] && single[k]->annotation &&
            visit_expr(w, single[k]->annotation) < 0)
            return -1;
    }
    return 0;
}

static int
add_params(walker *w, const mp_asdl_seq *params)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(params); i++) {
        const mp_arg *a = ASDL_SEQ_GET(params, i);
        if (add_def(w, a->arg, MP_DEF_PARAM, a->lineno, a->col_offset) < 0)
            return -1;
    }
    return 0;
}

/* Parameters in CPython's order: positional, keyword-only, *args,
 * **kwargs. */
static int
add_arguments(walker *w, const mp_arguments *a)
{
    if (add_params(w, a->posonlyargs) < 0 || add_params(w, a->args) < 0 ||
        add_params(w, a->kwonlyargs) < 0)
        return -1;
    if (a->vararg != NULL) {
        w->cur->has_varargs = 1;
        if (add_def(w, a->vararg->arg, MP_DEF_PARAM, a->vararg->lineno,
                    a->vararg->col_offset) < 0)
            return -1;
    }
    if (a->kwarg != NULL) {
        w->cur->has_varkeywords = 1;
        if (add_def(w, a->kwarg->arg, MP_DEF_PARAM, a->kwarg->lineno,
                    a->kwarg->col_offset) < 0)
            return -1;
    }
    return 0;
}

static int
visit_function(walker *w, const void *key, MpObject *name,
               const mp_arguments *args, const mp_asdl_seq *body,
               const mp_expr *lambda_body, int lineno)
{
    if (visit_argument_defaults(w, args) < 0 ||
        visit_annotations(w, args) < 0 ||
        enter_block(w, MP_BLOCK_FUNCTION, name, key, lineno) < 0)
        return -1;
    if (add_arguments(w, args) < 0 ||
        (body && visit_stmts(w, body) < 0) ||
        (lambda_body && visit_expr(w, lambda_body) < 0))
        return -1;
    leave_block(w);
    return 0;
}

/* A comprehension: the first iterable is evaluated outside; the rest
 * runs in a function of its own with the hidden parameter ".0". */
static int
visit_comprehension(walker *w, const mp_expr *e, const mp_asdl_seq *gens,
                    const mp_expr *elt, const mp_expr *value,
                    const char *name)
{
    const mp_comprehension *first = ASDL_SEQ_GET(gens, 0);
    MpObject *block_name = MpUnicode_InternFromString(name);
    MpObject *dot0;
    Mp_ssize_t i;
    int r = -1;

    if (block_name == NULL || visit_expr(w, first->iter) < 0 ||
        enter_block(w, MP_BLOCK_FUNCTION, block_name, e, e->lineno) < 0)
        goto done;
    w->cur->is_comprehension = 1;
    w->cur->is_generator = e->kind == AST_GeneratorExp;
    dot0 = MpUnicode_InternFromString(".0");
    if (dot0 == NULL)
        goto done;
    r = add_def(w, dot0, MP_DEF_PARAM, e->lineno, e->col_offset);
    Mp_DECREF(dot0);
    if (r < 0)
        goto done;
    r = -1;
    for (i = 0; i < ASDL_SEQ_LEN(gens); i++) {
        const mp_comprehension *c = ASDL_SEQ_GET(gens, i);
        if (visit_expr(w, c->target) < 0 || visit_exprs(w, c->ifs) < 0 ||
            (i > 0 && visit_expr(w, c->iter) < 0))
            goto done;
    }
    if ((value && visit_expr(w, value) < 0) || visit_expr(w, elt) < 0)
        goto done;
    leave_block(w);
    r = 0;
done:
    Mp_XDECREF(block_name);
    return r;
}

/* x := v inside a comprehension binds x in the enclosing function or
 * module (PEP 572). */
static int
visit_named_target(walker *w, const mp_expr *target)
{
    MpObject *name = target->v.Name.id;
    mp_ste *ste = w->cur;

    if (!ste->is_comprehension)
        return add_def(w, name, MP_DEF_LOCAL, target->lineno,
                       target->col_offset);
    while (ste->is_comprehension)
        ste = ste->parent;
    if (ste->type == MP_BLOCK_CLASS)
        return error_at_node(w, target,
                        "assignment expression within a comprehension "
                        "cannot be used in a class body", NULL);
    if (add_def_in(w, ste, name, MP_DEF_LOCAL, target->lineno,
                   target->col_offset) < 0)
        return -1;
    for (mp_ste *c = w->cur; c != ste; c = c->parent) {
        int flag = ste->type == MP_BLOCK_MODULE ? MP_DEF_GLOBAL
                                                : MP_DEF_NONLOCAL;
        if (add_def_in(w, c, name, flag, target->lineno,
                       target->col_offset) < 0)
            return -1;
    }
    return 0;
}

static int
visit_name(walker *w, const mp_expr *e)
{
    int flag = e->v.Name.ctx == AST_Load ? MP_USE : MP_DEF_LOCAL;

    if (add_def(w, e->v.Name.id, flag, e->lineno, e->col_offset) < 0)
        return -1;
    /* super() and __class__ in a method need the class's __class__
     * cell. */
    if (e->v.Name.ctx == AST_Load && w->cur->type == MP_BLOCK_FUNCTION &&
        (MpUnicode_EqualToUTF8(e->v.Name.id, "super") ||
         MpUnicode_EqualToUTF8(e->v.Name.id, "__class__"))) {
        MpObject *cls = MpUnicode_InternFromString("__class__");
        int r;
        if (cls == NULL)
            return -1;
        r = add_def(w, cls, MP_USE, e->lineno, e->col_offset);
        Mp_DECREF(cls);
        return r;
    }
    return 0;
}

static int
visit_expr_inner(walker *w, const mp_expr *e)
{
    switch (e->kind) {
    case AST_BoolOp:
        return visit_exprs(w, e->v.BoolOp.values);
    case AST_NamedExpr:
        if (visit_expr(w, e->v.NamedExpr.value) < 0)
            return -1;
        return visit_named_target(w, e->v.NamedExpr.target);
    case AST_BinOp:
        return visit_expr(w, e->v.BinOp.left) < 0 ? -1 :
               visit_expr(w, e->v.BinOp.right);
    case AST_UnaryOp:
        return visit_expr(w, e->v.UnaryOp.operand);
    case AST_Lambda: {
        MpObject *name = MpUnicode_InternFromString("<lambda>");
        int r;
        if (name == NULL)
            return -1;
        r = visit_function(w, e, name, e->v.Lambda.args, NULL,
                           e->v.Lambda.body, e->lineno);
        Mp_DECREF(name);
        return r;
    }
    case AST_IfExp:
        return visit_expr(w, e->v.IfExp.test) < 0 ||
               visit_expr(w, e->v.IfExp.body) < 0 ? -1 :
               visit_expr(w, e->v.IfExp.orelse);
    case AST_Dict:
        return visit_exprs(w, e->v.Dict.keys) < 0 ? -1 :
               visit_exprs(w, e->v.Dict.values);
    case AST_Set:
        return visit_exprs(w, e->v.Set.elts);
    case AST_ListComp:
        return visit_comprehension(w, e, e->v.ListComp.generators,
                                   e->v.ListComp.elt, NULL, "<listcomp>");
    case AST_SetComp:
        return visit_comprehension(w, e, e->v.SetComp.generators,
                                   e->v.SetComp.elt, NULL, "<setcomp>");
    case AST_DictComp:
        return visit_comprehension(w, e, e->v.DictComp.generators,
                                   e->v.DictComp.key, e->v.DictComp.value,
                                   "<dictcomp>");
    case AST_GeneratorExp:
        return visit_comprehension(w, e, e->v.GeneratorExp.generators,
                                   e->v.GeneratorExp.elt, NULL, "<genexpr>");
    default:
        return 1;   /* not handled here */
    }
}

static int
visit_expr_inner2(walker *w, const mp_expr *e)
{
    Mp_ssize_t i;

    switch (e->kind) {
    case AST_Yield:
    case AST_YieldFrom:
        if (w->cur->type != MP_BLOCK_FUNCTION)
            return error_at_node(w, e,
                            "'yield' outside function", NULL);
        w->cur->is_generator = 1;
        return e->v.Yield.value ? visit_expr(w, e->v.Yield.value) : 0;
    case AST_Compare:
        return visit_expr(w, e->v.Compare.left) < 0 ? -1 :
               visit_exprs(w, e->v.Compare.comparators);
    case AST_Call:
        if (visit_expr(w, e->v.Call.func) < 0 ||
            visit_exprs(w, e->v.Call.args) < 0)
            return -1;
        for (i = 0; i < ASDL_SEQ_LEN(e->v.Call.keywords); i++) {
            const mp_keyword *k = ASDL_SEQ_GET(e->v.Call.keywords, i);
            if (visit_expr(w, k->value) < 0)
                return -1;
        }
        return 0;
    case AST_FormattedValue:
        return visit_expr(w, e->v.FormattedValue.value) < 0 ? -1 :
               e->v.FormattedValue.format_spec ?
               visit_expr(w, e->v.FormattedValue.format_spec) : 0;
    case AST_JoinedStr:
        return visit_exprs(w, e->v.JoinedStr.values);
    case AST_Constant:
        return 0;
    case AST_Attribute:
        return visit_expr(w, e->v.Attribute.value);
    case AST_Subscript:
        return visit_expr(w, e->v.Subscript.value) < 0 ? -1 :
               visit_expr(w, e->v.Subscript.slice);
    case AST_Starred:
        return visit_expr(w, e->v.Starred.value);
    case AST_Name:
        return visit_name(w, e);
    case AST_List:
        return visit_exprs(w, e->v.List.elts);
    case AST_Tuple:
        return visit_exprs(w, e->v.Tuple.elts);
    case AST_Slice:
        return (e->v.Slice.lower && visit_expr(w, e->v.Slice.lower) < 0) ||
               (e->v.Slice.upper && visit_expr(w, e->v.Slice.upper) < 0) ||
               (e->v.Slice.step && visit_expr(w, e->v.Slice.step) < 0)
               ? -1 : 0;
    default:
        return 0;
    }
}

static int
visit_expr(walker *w, const mp_expr *e)
{
    int r;

    if (++w->depth > MP_PARSER_MAX_DEPTH) {
        MpErr_SetString(MpExc_RecursionError, "maximum recursion depth "
                        "exceeded during compilation");
        return -1;
    }
    r = visit_expr_inner(w, e);
    if (r == 1)
        r = visit_expr_inner2(w, e);
    w->depth--;
    return r;
}

/* 'global' / 'nonlocal': CPython's checks against earlier uses. */
static int
visit_declaration(walker *w, const mp_stmt *s, int global)
{
    const mp_asdl_seq *names = s->v.Global.names;
    const char *what = global ? "global" : "nonlocal";
    Mp_ssize_t i;

    if (!global && w->cur->type == MP_BLOCK_MODULE)
        return error_at_node(w, s, "nonlocal declaration "
                        "not allowed at module level", NULL);
    for (i = 0; i < ASDL_SEQ_LEN(names); i++) {
        MpObject *name = ASDL_SEQ_GET(names, i);
        int old = mp_ste_flags(w->cur, name);
        char format[96];
        if (old & (MP_DEF_PARAM | MP_DEF_LOCAL | MP_USE)) {
            if (old & MP_DEF_PARAM)
                snprintf(format, sizeof(format), "name '%%s' is parameter "
                         "and %s", what);
            else if (old & MP_DEF_LOCAL)
                snprintf(format, sizeof(format), "name '%%s' is assigned "
                         "to before %s declaration", what);
            else
                snprintf(format, sizeof(format), "name '%%s' is used prior "
                         "to %s declaration", what);
            return error_at_node(w, s, format, name);
        }
        MpObject *where;
        int r;
        if (add_def(w, name, global ? MP_DEF_GLOBAL : MP_DEF_NONLOCAL,
                    s->lineno, s->col_offset) < 0)
            return -1;
        where = tuple_of_four_ints(s->lineno, s->col_offset, s->end_lineno,
                                    s->end_col_offset);
        r = where == NULL ? -1 : MpDict_SetItem(w->cur->declarations, name,
                                                 where);
        Mp_XDECREF(where);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* The name an import binds: the alias, or the first dotted part. */
static int
visit_import_names(walker *w, const mp_stmt *s, const mp_asdl_seq *names)
{
    Mp_ssize_t i;

    for (i = 0; i < ASDL_SEQ_LEN(names); i++) {
        const mp_alias *a = ASDL_SEQ_GET(names, i);
        MpObject *bound = a->asname;
        const char *full = MpUnicode_AsUTF8(a->name), *dot;
        int r;
        if (strcmp(full, "*") == 0) {
            if (w->cur->type != MP_BLOCK_MODULE)
                return error_at_node(w, s, "import * "
                                "only allowed at module level", NULL);
            continue;
        }
        if (bound == NULL && (dot = strchr(full, '.')) != NULL) {
            MpObject *first = MpUnicode_FromStringAndSize(
                full, dot - full);
            if (first == NULL)
                return -1;
            MpUnicode_InternInPlace(&first);
            r = add_def(w, first, MP_DEF_IMPORT, s->lineno, s->col_offset);
            Mp_DECREF(first);
        }
        else {
            r = add_def(w, bound ? bound : a->name, MP_DEF_IMPORT,
                        s->lineno, s->col_offset);
        }
        if (r < 0)
            return -1;
    }
    return 0;
}

static int
visit_try(walker *w, const mp_stmt *s)
{
    Mp_ssize_t i;

    if (visit_stmts(w, s->v.Try.body) < 0)
        return -1;
    for (i = 0; i < ASDL_SEQ_LEN(s->v.Try.handlers); i++) {
        const mp_excepthandler *h = ASDL_SEQ_GET(s->v.Try.handlers, i);
        if ((h->type && visit_expr(w, h->type) < 0) ||
            (h->name && add_def(w, h->name, MP_DEF_LOCAL, h->lineno,
                                h->col_offset) < 0) ||
            visit_stmts(w, h->body) < 0)
            return -1;
    }
    return visit_stmts(w, s->v.Try.orelse) < 0 ? -1 :
           visit_stmts(w, s->v.Try.finalbody);
}

static int
visit_class(walker *w, const mp_stmt *s)
{
    Mp_ssize_t i;

    if (add_def(w, s->v.ClassDef.name, MP_DEF_LOCAL, s->lineno,
                s->col_offset) < 0 ||
        visit_exprs(w, s->v.ClassDef.bases) < 0 ||
        visit_exprs(w, s->v.ClassDef.decorator_list) < 0)
        return -1;
    for (i = 0; i < ASDL_SEQ_LEN(s->v.ClassDef.keywords); i++) {
        const mp_keyword *k = ASDL_SEQ_GET(s->v.ClassDef.keywords, i);
        if (visit_expr(w, k->value) < 0)
            return -1;
    }
    if (enter_block(w, MP_BLOCK_CLASS, s->v.ClassDef.name, s,
                    s->lineno) < 0 ||
        visit_stmts(w, s->v.ClassDef.body) < 0)
        return -1;
    leave_block(w);
    return 0;
}

static int
visit_stmt(walker *w, const mp_stmt *s)
{
    switch (s->kind) {
    case AST_FunctionDef:
        if (add_def(w, s->v.FunctionDef.name, MP_DEF_LOCAL, s->lineno,
                    s->col_offset) < 0 ||
            visit_exprs(w, s->v.FunctionDef.decorator_list) < 0 ||
            (s->v.FunctionDef.returns &&
             visit_expr(w, s->v.FunctionDef.returns) < 0))
            return -1;
        return visit_function(w, s, s->v.FunctionDef.name,
                              s->v.FunctionDef.args, s->v.FunctionDef.body,
                              NULL, s->lineno);
    case AST_ClassDef:
        return visit_class(w, s);
    case AST_Return:
        return s->v.Return.value ? visit_expr(w, s->v.Return.value) : 0;
    case AST_Delete:
        return visit_exprs(w, s->v.Delete.targets);
    case AST_Assign:
        return visit_exprs(w, s->v.Assign.targets) < 0 ? -1 :
               visit_expr(w, s->v.Assign.value);
    case AST_AugAssign:
        return visit_expr(w, s->v.AugAssign.target) < 0 ? -1 :
               visit_expr(w, s->v.AugAssign.value);
    case AST_AnnAssign:
        return visit_expr(w, s->v.AnnAssign.target) < 0 ||
               visit_expr(w, s->v.AnnAssign.annotation) < 0 ? -1 :
               s->v.AnnAssign.value ? visit_expr(w, s->v.AnnAssign.value)
                                    : 0;
    case AST_For:
        return visit_expr(w, s->v.For.target) < 0 ||
               visit_expr(w, s->v.For.iter) < 0 ||
               visit_stmts(w, s->v.For.body) < 0 ? -1 :
               visit_stmts(w, s->v.For.orelse);
    case AST_While:
    case AST_If:
        return visit_expr(w, s->v.If.test) < 0 ||
               visit_stmts(w, s->v.If.body) < 0 ? -1 :
               visit_stmts(w, s->v.If.orelse);
    case AST_Raise:
        return (s->v.Raise.exc && visit_expr(w, s->v.Raise.exc) < 0) ||
               (s->v.Raise.cause && visit_expr(w, s->v.Raise.cause) < 0)
               ? -1 : 0;
    case AST_Try:
        return visit_try(w, s);
    case AST_Assert:
        return visit_expr(w, s->v.Assert.test) < 0 ? -1 :
               s->v.Assert.msg ? visit_expr(w, s->v.Assert.msg) : 0;
    case AST_Import:
        return visit_import_names(w, s, s->v.Import.names);
    case AST_ImportFrom:
        return visit_import_names(w, s, s->v.ImportFrom.names);
    case AST_Global:
        return visit_declaration(w, s, 1);
    case AST_Nonlocal:
        return visit_declaration(w, s, 0);
    case AST_Expr:
        return visit_expr(w, s->v.Expr.value);
    default:
        return 0;
    }
}

static int
visit_stmts(walker *w, const mp_asdl_seq *body)
{
    Mp_ssize_t i;
    for (i = 0; i < ASDL_SEQ_LEN(body); i++) {
        if (visit_stmt(w, ASDL_SEQ_GET(body, i)) < 0)
            return -1;
    }
    return 0;
}

/* ---- Pass 2: scopes ---- */

/* Sets are dicts with None values. */
static int
set_add(MpObject *set, MpObject *name)
{
    return MpDict_SetItem(set, name, Mp_None);
}

static int
set_has(MpObject *set, MpObject *name)
{
    return set != NULL && MpDict_GetItem(set, name) != NULL;
}

static int
set_discard(MpObject *set, MpObject *name)
{
    if (set_has(set, name))
        return MpDict_DelItem(set, name);
    return 0;
}

/* A SyntaxError located at the global/nonlocal statement that declared
 * 'name' in 'ste'. */
static int
declaration_error(walker *w, mp_ste *ste, MpObject *name, const char *format)
{
    MpObject *where = MpDict_GetItem(ste->declarations, name);
    char msg[200];
    int pos[4] = {ste->lineno, 0, -1, -1}, i;

    for (i = 0; where != NULL && i < 4; i++)
        pos[i] = (int)MpLong_AsLong(MpTuple_GET_ITEM(where, i));
    snprintf(msg, sizeof(msg), format, MpUnicode_AsUTF8(name));
    mp_parser_raise_syntax_error(MpExc_SyntaxError, msg, w->st->filename,
                                 w->st->source, pos[0], pos[1], pos[2],
                                 pos[3]);
    return -1;
}

static int
analyze_name(walker *w, mp_ste *ste, MpObject *scopes, MpObject *name,
             int flags, MpObject *bound, MpObject *local, MpObject *free,
             MpObject *global)
{
    int scope;

    if (flags & MP_DEF_GLOBAL) {
        if (flags & MP_DEF_NONLOCAL)
            return declaration_error(w, ste, name,
                                     "name '%s' is nonlocal and global");
        scope = MP_GLOBAL_EXPLICIT;
        if (set_add(global, name) < 0 || set_discard(bound, name) < 0)
            return -1;
    }
    else if (flags & MP_DEF_NONLOCAL) {
        if (!set_has(bound, name))
            return declaration_error(w, ste, name,
                                     "no binding for nonlocal '%s' found");
        scope = MP_FREE;
        if (set_add(free, name) < 0)
            return -1;
    }
    else if (flags & MP_DEF_BOUND) {
        scope = MP_LOCAL;
        if (set_add(local, name) < 0 || set_discard(global, name) < 0)
            return -1;
    }
    else if (set_has(bound, name)) {
        scope = MP_FREE;
        if (set_add(free, name) < 0)
            return -1;
    }
    else {
        scope = MP_GLOBAL_IMPLICIT;
    }
    return set_flags(scopes, name, scope);
}

/* Locals of a function that nested blocks use become cells. */
static int
analyze_cells(MpObject *scopes, MpObject *free)
{
    Mp_ssize_t pos = 0;
    MpObject *name, *v;

    while (MpDict_Next(scopes, &pos, &name, &v)) {
        if (MpLong_AsLong(v) != MP_LOCAL || !set_has(free, name))
            continue;
        /* Changing a value keeps the dict's size: iteration stays valid. */
        if (set_flags(scopes, name, MP_CELL) < 0 ||
            MpDict_DelItem(free, name) < 0)
            return -1;
    }
    return 0;
}

/* Store each symbol's scope; names free in children that are bound in
 * an enclosing function pass through this block as free too. */
static int
update_symbols(mp_ste *ste, MpObject *scopes, MpObject *bound,
               MpObject *free)
{
    Mp_ssize_t pos = 0;
    MpObject *name, *v;

    while (MpDict_Next(ste->symbols, &pos, &name, &v)) {
        MpObject *scope = MpDict_GetItem(scopes, name);
        long flags = MpLong_AsLong(v);
        if (scope != NULL)
            flags |= MpLong_AsLong(scope) << MP_SCOPE_OFFSET;
        if (set_flags(ste->symbols, name, flags) < 0)
            return -1;
    }
    pos = 0;
    while (MpDict_Next(free, &pos, &name, &v)) {
        long flags = mp_ste_flags(ste, name);
        if (flags != 0) {
            /* A class body with its own binding of a free name. */
            if (ste->type == MP_BLOCK_CLASS &&
                (flags & (MP_DEF_BOUND | MP_DEF_GLOBAL))) {
                if (set_flags(ste->symbols, name,
                              flags | MP_DEF_FREE_CLASS) < 0)
                    return -1;
            }
            continue;
        }
        if (!set_has(bound, name))
            continue;
        if (set_flags(ste->symbols, name,
                      MP_FREE << MP_SCOPE_OFFSET) < 0)
            return -1;
    }
    return 0;
}

static int analyze_block(walker *w, mp_ste *ste, MpObject *bound,
                         MpObject *free, MpObject *global);

static int
analyze_children(walker *w, mp_ste *ste, MpObject *newbound,
                 MpObject *newfree, MpObject *newglobal)
{
    Mp_ssize_t i;

    for (i = 0; i < ste->nchildren; i++) {
        mp_ste *child = ste->children[i];
        MpObject *child_free = MpDict_New();
        MpObject *b = MpDict_Copy(newbound), *g = MpDict_Copy(newglobal);
        int r = -1;
        if (child_free && b && g &&
            analyze_block(w, child, b, child_free, g) == 0 &&
            MpDict_Update(newfree, child_free) == 0)
            r = 0;
        if (r == 0 && MpDict_Size(child_free) > 0)
            ste->child_free = 1;
        Mp_XDECREF(child_free);
        Mp_XDECREF(b);
        Mp_XDECREF(g);
        if (r < 0)
            return -1;
    }
    return 0;
}

static int
analyze_block(walker *w, mp_ste *ste, MpObject *bound, MpObject *free,
              MpObject *global)
{
    MpObject *local = MpDict_New(), *scopes = MpDict_New();
    MpObject *newbound = MpDict_New(), *newfree = MpDict_New();
    MpObject *newglobal = MpDict_New(), *name, *v;
    Mp_ssize_t pos = 0;
    int r = -1;

    if (!local || !scopes || !newbound || !newfree || !newglobal)
        goto done;
    if (ste->type == MP_BLOCK_CLASS &&
        (MpDict_Update(newglobal, global) < 0 ||
         MpDict_Update(newbound, bound) < 0))
        goto done;
    while (MpDict_Next(ste->symbols, &pos, &name, &v)) {
        if (analyze_name(w, ste, scopes, name, (int)MpLong_AsLong(v),
                         bound, local, free, global) < 0)
            goto done;
    }
    if (ste->type != MP_BLOCK_CLASS) {
        if ((ste->type == MP_BLOCK_FUNCTION &&
             MpDict_Update(newbound, local) < 0) ||
            MpDict_Update(newbound, bound) < 0 ||
            MpDict_Update(newglobal, global) < 0)
            goto done;
    }
    else {
        /* Methods see the class's __class__ cell, nothing else of it. */
        MpObject *cls = MpUnicode_InternFromString("__class__");
        int failed = cls == NULL || set_add(newbound, cls) < 0;
        Mp_XDECREF(cls);
        if (failed)
            goto done;
    }
    if (analyze_children(w, ste, newbound, newfree, newglobal) < 0)
        goto done;
    if (ste->type == MP_BLOCK_FUNCTION && analyze_cells(scopes, newfree) < 0)
        goto done;
    if (ste->type == MP_BLOCK_CLASS) {
        MpObject *cls = MpUnicode_InternFromString("__class__");
        if (cls == NULL)
            goto done;
        if (set_has(newfree, cls)) {
            ste->needs_class_closure = 1;
            if (MpDict_DelItem(newfree, cls) < 0) {
                Mp_DECREF(cls);
                goto done;
            }
        }
        Mp_DECREF(cls);
    }
    if (update_symbols(ste, scopes, bound, newfree) < 0 ||
        MpDict_Update(free, newfree) < 0)
        goto done;
    r = 0;
done:
    Mp_XDECREF(local);
    Mp_XDECREF(scopes);
    Mp_XDECREF(newbound);
    Mp_XDECREF(newfree);
    Mp_XDECREF(newglobal);
    return r;
}

/* ---- Entry points ---- */

void
mp_symtable_free(mp_symtable *st)
{
    if (st == NULL)
        return;
    if (st->top != NULL)
        ste_free(st->top);
    MpMem_Free(st);
}

mp_symtable *
mp_symtable_build(const mp_mod *mod, MpObject *filename, const char *source)
{
    mp_symtable *st = MpMem_Calloc(1, sizeof(mp_symtable));
    MpObject *top_name = NULL, *free = NULL, *global = NULL;
    MpObject *bound = NULL;
    walker w;
    int r = -1;

    if (st == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    st->filename = filename;
    st->source = source;
    memset(&w, 0, sizeof(w));
    w.st = st;
    top_name = MpUnicode_InternFromString("top");
    if (top_name == NULL || enter_block(&w, MP_BLOCK_MODULE, top_name, mod,
                                        1) < 0)
        goto done;
    st->top = w.cur;
    if (mod->kind == AST_Expression) {
        if (visit_expr(&w, mod->expr) < 0)
            goto done;
    }
    else if (visit_stmts(&w, mod->body) < 0) {
        goto done;
    }
    free = MpDict_New();
    global = MpDict_New();
    bound = MpDict_New();
    if (free && global && bound &&
        analyze_block(&w, st->top, bound, free, global) == 0)
        r = 0;
done:
    Mp_XDECREF(top_name);
    Mp_XDECREF(free);
    Mp_XDECREF(global);
    Mp_XDECREF(bound);
    if (r < 0) {
        mp_symtable_free(st);
        return NULL;
    }
    return st;
}
