/*
 * ast.c -- building AST nodes, and writing a tree as ast.dump() does.
 *
 * The dump is the tree's text form in CPython's own notation, e.g.
 *
 *   Module(body=[Expr(value=BinOp(left=Constant(value=1), op=Add(),
 *                right=Name(id='x', ctx=Load())))], type_ignores=[])
 *
 * so the parser can be tested against python3's ast module character for
 * character, and learners can see the tree minipy builds ('--dump-ast').
 * As in ast.dump, optional fields that are absent are left out and lists
 * are always written.
 */
#include <string.h>

#include "runtime/ast.h"

mp_asdl_seq *
mp_asdl_seq_new(Mp_ssize_t size, mp_arena *arena)
{
    size_t bytes = sizeof(mp_asdl_seq) +
                   (size_t)(size > 0 ? size - 1 : 0) * sizeof(void *);
    mp_asdl_seq *seq = mp_arena_malloc(arena, bytes);
    if (seq == NULL)
        return NULL;
    memset(seq, 0, bytes);
    seq->size = size;
    return seq;
}

void *
mp_ast_node(mp_arena *arena, size_t size)
{
    void *node = mp_arena_malloc(arena, size);
    if (node != NULL)
        memset(node, 0, size);
    return node;
}

mp_expr *
mp_ast_expr(mp_arena *arena, mp_expr_kind kind, int lineno, int col_offset,
            int end_lineno, int end_col_offset)
{
    mp_expr *e = mp_ast_node(arena, sizeof(mp_expr));
    if (e == NULL)
        return NULL;
    e->kind = kind;
    e->lineno = lineno;
    e->col_offset = col_offset;
    e->end_lineno = end_lineno;
    e->end_col_offset = end_col_offset;
    return e;
}

mp_stmt *
mp_ast_stmt(mp_arena *arena, mp_stmt_kind kind, int lineno, int col_offset,
            int end_lineno, int end_col_offset)
{
    mp_stmt *s = mp_ast_node(arena, sizeof(mp_stmt));
    if (s == NULL)
        return NULL;
    s->kind = kind;
    s->lineno = lineno;
    s->col_offset = col_offset;
    s->end_lineno = end_lineno;
    s->end_col_offset = end_col_offset;
    return s;
}

/* ---- The dump ----
 * A writer appends to a growing buffer; the first failure sticks and
 * later writes do nothing. */

typedef struct {
    char *data;
    size_t len, cap;
    int failed;
    int depth;
    int attributes;     /* also write the source positions */
} writer;

static void
put(writer *w, const char *s, size_t n)
{
    if (w->failed)
        return;
    if (w->len + n + 1 > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        char *data;
        while (cap < w->len + n + 1)
            cap *= 2;
        data = MpMem_Realloc(w->data, cap);
        if (data == NULL) {
            w->failed = 1;
            MpErr_NoMemory();
            return;
        }
        w->data = data;
        w->cap = cap;
    }
    memcpy(w->data + w->len, s, n);
    w->len += n;
}

static void
puts_(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void
put_repr(writer *w, MpObject *obj)
{
    MpObject *r;
    const char *s;
    Mp_ssize_t n;

    if (w->failed)
        return;
    r = MpObject_Repr(obj);
    if (r == NULL) {
        w->failed = 1;
        return;
    }
    s = MpUnicode_AsUTF8AndSize(r, &n);
    put(w, s, (size_t)n);
    Mp_DECREF(r);
}

/* ", name=" before every field but the first. */
static void
field(writer *w, int *first, const char *name)
{
    if (!*first)
        puts_(w, ", ");
    *first = 0;
    puts_(w, name);
    puts_(w, "=");
}

static void dump_expr(writer *w, const mp_expr *e);

/* ", lineno=.., col_offset=.., end_lineno=.., end_col_offset=.." */
static void
dump_position(writer *w, int *first, int lineno, int col, int end_lineno,
              int end_col)
{
    char buf[96];

    if (!w->attributes)
        return;
    snprintf(buf, sizeof(buf), "%slineno=%d, col_offset=%d, end_lineno=%d, "
             "end_col_offset=%d", *first ? "" : ", ", lineno, col,
             end_lineno, end_col);
    *first = 0;
    puts_(w, buf);
}
static void dump_stmt(writer *w, const mp_stmt *s);

typedef void (*dump_fn)(writer *, const void *);

static void
dump_seq(writer *w, const mp_asdl_seq *seq, dump_fn fn)
{
    Mp_ssize_t i;

    puts_(w, "[");
    for (i = 0; i < ASDL_SEQ_LEN(seq); i++) {
        const void *item = ASDL_SEQ_GET(seq, i);
        if (i > 0)
            puts_(w, ", ");
        if (item == NULL)
            puts_(w, "None");
        else
            fn(w, item);
    }
    puts_(w, "]");
}

static void
dump_expr_v(writer *w, const void *e)
{
    dump_expr(w, e);
}

static void
dump_stmt_v(writer *w, const void *s)
{
    dump_stmt(w, s);
}

static void
dump_identifier_v(writer *w, const void *name)
{
    put_repr(w, (MpObject *)name);
}

static void
dump_exprs(writer *w, int *first, const char *name, const mp_asdl_seq *seq)
{
    field(w, first, name);
    dump_seq(w, seq, dump_expr_v);
}

static void
dump_stmts(writer *w, int *first, const char *name, const mp_asdl_seq *seq)
{
    field(w, first, name);
    dump_seq(w, seq, dump_stmt_v);
}

static void
dump_opt_expr(writer *w, int *first, const char *name, const mp_expr *e)
{
    if (e != NULL) {
        field(w, first, name);
        dump_expr(w, e);
    }
}

static void
dump_one_expr(writer *w, int *first, const char *name, const mp_expr *e)
{
    field(w, first, name);
    dump_expr(w, e);
}

static void
dump_name(writer *w, int *first, const char *name, MpObject *id)
{
    if (id != NULL) {
        field(w, first, name);
        put_repr(w, id);
    }
}

static void
dump_int(writer *w, int *first, const char *name, int value)
{
    char buf[16];
    field(w, first, name);
    snprintf(buf, sizeof(buf), "%d", value);
    puts_(w, buf);
}

static const char *
context_name(mp_expr_context ctx)
{
    return ctx == AST_Store ? "Store()" : ctx == AST_Del ? "Del()"
                                                         : "Load()";
}

static void
dump_ctx(writer *w, int *first, mp_expr_context ctx)
{
    field(w, first, "ctx");
    puts_(w, context_name(ctx));
}

static const char *
operator_name(mp_operator_kind op)
{
    static const char *const names[] = {
        "?", "Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()",
        "Pow()", "LShift()", "RShift()", "BitOr()", "BitXor()", "BitAnd()",
        "FloorDiv()",
    };
    return names[op];
}

static const char *
cmpop_name(mp_cmpop op)
{
    static const char *const names[] = {
        "?", "Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()", "Is()",
        "IsNot()", "In()", "NotIn()",
    };
    return names[op];
}

static void
dump_arg(writer *w, const void *v)
{
    const mp_arg *a = v;
    int first = 1;
    puts_(w, "arg(");
    dump_name(w, &first, "arg", a->arg);
    dump_opt_expr(w, &first, "annotation", a->annotation);
    dump_position(w, &first, a->lineno, a->col_offset, a->end_lineno,
                  a->end_col_offset);
    puts_(w, ")");
}

static void
dump_opt_arg(writer *w, int *first, const char *name, const mp_arg *a)
{
    if (a != NULL) {
        field(w, first, name);
        dump_arg(w, a);
    }
}

static void
dump_arguments(writer *w, const mp_arguments *a)
{
    int first = 1;
    puts_(w, "arguments(");
    field(w, &first, "posonlyargs");
    dump_seq(w, a->posonlyargs, dump_arg);
    field(w, &first, "args");
    dump_seq(w, a->args, dump_arg);
    dump_opt_arg(w, &first, "vararg", a->vararg);
    field(w, &first, "kwonlyargs");
    dump_seq(w, a->kwonlyargs, dump_arg);
    dump_exprs(w, &first, "kw_defaults", a->kw_defaults);
    dump_opt_arg(w, &first, "kwarg", a->kwarg);
    dump_exprs(w, &first, "defaults", a->defaults);
    puts_(w, ")");
}

static void
dump_keyword(writer *w, const void *v)
{
    const mp_keyword *k = v;
    int first = 1;
    puts_(w, "keyword(");
    dump_name(w, &first, "arg", k->arg);
    dump_one_expr(w, &first, "value", k->value);
    dump_position(w, &first, k->lineno, k->col_offset, k->end_lineno,
                  k->end_col_offset);
    puts_(w, ")");
}

static void
dump_comprehension(writer *w, const void *v)
{
    const mp_comprehension *c = v;
    int first = 1;
    puts_(w, "comprehension(");
    dump_one_expr(w, &first, "target", c->target);
    dump_one_expr(w, &first, "iter", c->iter);
    dump_exprs(w, &first, "ifs", c->ifs);
    dump_int(w, &first, "is_async", 0);
    puts_(w, ")");
}

static void
dump_alias(writer *w, const void *v)
{
    const mp_alias *a = v;
    int first = 1;
    puts_(w, "alias(");
    dump_name(w, &first, "name", a->name);
    dump_name(w, &first, "asname", a->asname);
    puts_(w, ")");
}

static void
dump_handler(writer *w, const void *v)
{
    const mp_excepthandler *h = v;
    int first = 1;
    puts_(w, "ExceptHandler(");
    dump_opt_expr(w, &first, "type", h->type);
    dump_name(w, &first, "name", h->name);
    dump_stmts(w, &first, "body", h->body);
    dump_position(w, &first, h->lineno, h->col_offset, h->end_lineno,
                  h->end_col_offset);
    puts_(w, ")");
}

static void
dump_comprehension_expr(writer *w, int *first, const mp_expr *elt,
                        const mp_asdl_seq *generators)
{
    dump_one_expr(w, first, "elt", elt);
    field(w, first, "generators");
    dump_seq(w, generators, dump_comprehension);
}

/* The fields of the expression kinds with several parts. */
static void
dump_expr_fields(writer *w, const mp_expr *e, int *f)
{
    switch (e->kind) {
    case AST_BoolOp:
        field(w, f, "op");
        puts_(w, e->v.BoolOp.op == AST_And ? "And()" : "Or()");
        dump_exprs(w, f, "values", e->v.BoolOp.values);
        break;
    case AST_NamedExpr:
        dump_one_expr(w, f, "target", e->v.NamedExpr.target);
        dump_one_expr(w, f, "value", e->v.NamedExpr.value);
        break;
    case AST_BinOp:
        dump_one_expr(w, f, "left", e->v.BinOp.left);
        field(w, f, "op");
        puts_(w, operator_name(e->v.BinOp.op));
        dump_one_expr(w, f, "right", e->v.BinOp.right);
        break;
    case AST_UnaryOp: {
        static const char *const names[] = {
            "?", "Invert()", "Not()", "UAdd()", "USub()",
        };
        field(w, f, "op");
        puts_(w, names[e->v.UnaryOp.op]);
        dump_one_expr(w, f, "operand", e->v.UnaryOp.operand);
        break;
    }
    case AST_Lambda:
        field(w, f, "args");
        dump_arguments(w, e->v.Lambda.args);
        dump_one_expr(w, f, "body", e->v.Lambda.body);
        break;
    case AST_IfExp:
        dump_one_expr(w, f, "test", e->v.IfExp.test);
        dump_one_expr(w, f, "body", e->v.IfExp.body);
        dump_one_expr(w, f, "orelse", e->v.IfExp.orelse);
        break;
    case AST_Dict:
        dump_exprs(w, f, "keys", e->v.Dict.keys);
        dump_exprs(w, f, "values", e->v.Dict.values);
        break;
    case AST_Set:
        dump_exprs(w, f, "elts", e->v.Set.elts);
        break;
    case AST_ListComp:
        dump_comprehension_expr(w, f, e->v.ListComp.elt,
                                e->v.ListComp.generators);
        break;
    case AST_SetComp:
        dump_comprehension_expr(w, f, e->v.SetComp.elt,
                                e->v.SetComp.generators);
        break;
    case AST_GeneratorExp:
        dump_comprehension_expr(w, f, e->v.GeneratorExp.elt,
                                e->v.GeneratorExp.generators);
        break;
    case AST_DictComp:
        dump_one_expr(w, f, "key", e->v.DictComp.key);
        dump_one_expr(w, f, "value", e->v.DictComp.value);
        field(w, f, "generators");
        dump_seq(w, e->v.DictComp.generators, dump_comprehension);
        break;
    default:
        break;
    }
}

static void
dump_expr_fields2(writer *w, const mp_expr *e, int *f)
{
    Mp_ssize_t i;

    switch (e->kind) {
    case AST_Yield:
        dump_opt_expr(w, f, "value", e->v.Yield.value);
        break;
    case AST_YieldFrom:
        dump_one_expr(w, f, "value", e->v.YieldFrom.value);
        break;
    case AST_Compare:
        dump_one_expr(w, f, "left", e->v.Compare.left);
        field(w, f, "ops");
        puts_(w, "[");
        for (i = 0; i < ASDL_SEQ_LEN(e->v.Compare.ops); i++) {
            if (i > 0)
                puts_(w, ", ");
            puts_(w, cmpop_name((mp_cmpop)(intptr_t)
                                ASDL_SEQ_GET(e->v.Compare.ops, i)));
        }
        puts_(w, "]");
        dump_exprs(w, f, "comparators", e->v.Compare.comparators);
        break;
    case AST_Call:
        dump_one_expr(w, f, "func", e->v.Call.func);
        dump_exprs(w, f, "args", e->v.Call.args);
        field(w, f, "keywords");
        dump_seq(w, e->v.Call.keywords, dump_keyword);
        break;
    case AST_FormattedValue:
        dump_one_expr(w, f, "value", e->v.FormattedValue.value);
        dump_int(w, f, "conversion", e->v.FormattedValue.conversion);
        dump_opt_expr(w, f, "format_spec", e->v.FormattedValue.format_spec);
        break;
    case AST_JoinedStr:
        dump_exprs(w, f, "values", e->v.JoinedStr.values);
        break;
    case AST_Constant:
        field(w, f, "value");
        put_repr(w, e->v.Constant.value);
        if (e->v.Constant.u_prefix) {
            field(w, f, "kind");
            puts_(w, "'u'");
        }
        break;
    default:
        break;
    }
}

static void
dump_expr_fields3(writer *w, const mp_expr *e, int *f)
{
    switch (e->kind) {
    case AST_Attribute:
        dump_one_expr(w, f, "value", e->v.Attribute.value);
        dump_name(w, f, "attr", e->v.Attribute.attr);
        dump_ctx(w, f, e->v.Attribute.ctx);
        break;
    case AST_Subscript:
        dump_one_expr(w, f, "value", e->v.Subscript.value);
        dump_one_expr(w, f, "slice", e->v.Subscript.slice);
        dump_ctx(w, f, e->v.Subscript.ctx);
        break;
    case AST_Starred:
        dump_one_expr(w, f, "value", e->v.Starred.value);
        dump_ctx(w, f, e->v.Starred.ctx);
        break;
    case AST_Name:
        dump_name(w, f, "id", e->v.Name.id);
        dump_ctx(w, f, e->v.Name.ctx);
        break;
    case AST_List:
        dump_exprs(w, f, "elts", e->v.List.elts);
        dump_ctx(w, f, e->v.List.ctx);
        break;
    case AST_Tuple:
        dump_exprs(w, f, "elts", e->v.Tuple.elts);
        dump_ctx(w, f, e->v.Tuple.ctx);
        break;
    case AST_Slice:
        dump_opt_expr(w, f, "lower", e->v.Slice.lower);
        dump_opt_expr(w, f, "upper", e->v.Slice.upper);
        dump_opt_expr(w, f, "step", e->v.Slice.step);
        break;
    default:
        break;
    }
}

static const char *const expr_names[] = {
    "?", "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp",
    "Dict", "Set", "ListComp", "SetComp", "DictComp", "GeneratorExp",
    "Yield", "YieldFrom", "Compare", "Call", "FormattedValue", "JoinedStr",
    "Constant", "Attribute", "Subscript", "Starred", "Name", "List",
    "Tuple", "Slice",
};

static void
dump_expr(writer *w, const mp_expr *e)
{
    int first = 1;

    if (w->failed)
        return;
    if (++w->depth > 2000 || Mp_EnterRecursiveCall(" in ast.dump") < 0) {
        w->failed = 1;
        if (!MpErr_Occurred())
            MpErr_SetString(MpExc_RecursionError,
                            "maximum recursion depth exceeded in ast.dump");
        return;
    }
    puts_(w, expr_names[e->kind]);
    puts_(w, "(");
    dump_expr_fields(w, e, &first);
    dump_expr_fields2(w, e, &first);
    dump_expr_fields3(w, e, &first);
    dump_position(w, &first, e->lineno, e->col_offset, e->end_lineno,
                  e->end_col_offset);
    puts_(w, ")");
    Mp_LeaveRecursiveCall();
    w->depth--;
}

static const char *const stmt_names[] = {
    "?", "FunctionDef", "ClassDef", "Return", "Delete", "Assign",
    "AugAssign", "AnnAssign", "For", "While", "If", "Raise", "Try",
    "Assert", "Import", "ImportFrom", "Global", "Nonlocal", "Expr", "Pass",
    "Break", "Continue",
};

static void
dump_stmt_fields(writer *w, const mp_stmt *s, int *f)
{
    switch (s->kind) {
    case AST_FunctionDef:
        dump_name(w, f, "name", s->v.FunctionDef.name);
        field(w, f, "args");
        dump_arguments(w, s->v.FunctionDef.args);
        dump_stmts(w, f, "body", s->v.FunctionDef.body);
        dump_exprs(w, f, "decorator_list", s->v.FunctionDef.decorator_list);
        dump_opt_expr(w, f, "returns", s->v.FunctionDef.returns);
        break;
    case AST_ClassDef:
        dump_name(w, f, "name", s->v.ClassDef.name);
        dump_exprs(w, f, "bases", s->v.ClassDef.bases);
        field(w, f, "keywords");
        dump_seq(w, s->v.ClassDef.keywords, dump_keyword);
        dump_stmts(w, f, "body", s->v.ClassDef.body);
        dump_exprs(w, f, "decorator_list", s->v.ClassDef.decorator_list);
        break;
    case AST_Return:
        dump_opt_expr(w, f, "value", s->v.Return.value);
        break;
    case AST_Delete:
        dump_exprs(w, f, "targets", s->v.Delete.targets);
        break;
    case AST_Assign:
        dump_exprs(w, f, "targets", s->v.Assign.targets);
        dump_one_expr(w, f, "value", s->v.Assign.value);
        break;
    case AST_AugAssign:
        dump_one_expr(w, f, "target", s->v.AugAssign.target);
        field(w, f, "op");
        puts_(w, operator_name(s->v.AugAssign.op));
        dump_one_expr(w, f, "value", s->v.AugAssign.value);
        break;
    case AST_AnnAssign:
        dump_one_expr(w, f, "target", s->v.AnnAssign.target);
        dump_one_expr(w, f, "annotation", s->v.AnnAssign.annotation);
        dump_opt_expr(w, f, "value", s->v.AnnAssign.value);
        dump_int(w, f, "simple", s->v.AnnAssign.simple);
        break;
    case AST_For:
        dump_one_expr(w, f, "target", s->v.For.target);
        dump_one_expr(w, f, "iter", s->v.For.iter);
        dump_stmts(w, f, "body", s->v.For.body);
        dump_stmts(w, f, "orelse", s->v.For.orelse);
        break;
    case AST_While:
    case AST_If:
        dump_one_expr(w, f, "test", s->v.While.test);
        dump_stmts(w, f, "body", s->v.While.body);
        dump_stmts(w, f, "orelse", s->v.While.orelse);
        break;
    default:
        break;
    }
}

static void
dump_stmt_fields2(writer *w, const mp_stmt *s, int *f)
{
    switch (s->kind) {
    case AST_Raise:
        dump_opt_expr(w, f, "exc", s->v.Raise.exc);
        dump_opt_expr(w, f, "cause", s->v.Raise.cause);
        break;
    case AST_Try:
        dump_stmts(w, f, "body", s->v.Try.body);
        field(w, f, "handlers");
        dump_seq(w, s->v.Try.handlers, dump_handler);
        dump_stmts(w, f, "orelse", s->v.Try.orelse);
        dump_stmts(w, f, "finalbody", s->v.Try.finalbody);
        break;
    case AST_Assert:
        dump_one_expr(w, f, "test", s->v.Assert.test);
        dump_opt_expr(w, f, "msg", s->v.Assert.msg);
        break;
    case AST_Import:
        field(w, f, "names");
        dump_seq(w, s->v.Import.names, dump_alias);
        break;
    case AST_ImportFrom:
        dump_name(w, f, "module", s->v.ImportFrom.module);
        field(w, f, "names");
        dump_seq(w, s->v.ImportFrom.names, dump_alias);
        dump_int(w, f, "level", s->v.ImportFrom.level);
        break;
    case AST_Global:
    case AST_Nonlocal:
        field(w, f, "names");
        dump_seq(w, s->v.Global.names, dump_identifier_v);
        break;
    case AST_Expr:
        dump_one_expr(w, f, "value", s->v.Expr.value);
        break;
    default:
        break;
    }
}

static void
dump_stmt(writer *w, const mp_stmt *s)
{
    int first = 1;

    if (w->failed)
        return;
    if (Mp_EnterRecursiveCall(" in ast.dump") < 0) {
        w->failed = 1;
        return;
    }
    puts_(w, stmt_names[s->kind]);
    puts_(w, "(");
    dump_stmt_fields(w, s, &first);
    dump_stmt_fields2(w, s, &first);
    dump_position(w, &first, s->lineno, s->col_offset, s->end_lineno,
                  s->end_col_offset);
    puts_(w, ")");
    Mp_LeaveRecursiveCall();
}

MpObject *
mp_ast_dump(const mp_mod *mod, int include_attributes)
{
    writer w;
    int first = 1;
    MpObject *result = NULL;

    memset(&w, 0, sizeof(w));
    w.attributes = include_attributes;
    if (mod->kind == AST_Expression) {
        puts_(&w, "Expression(");
        dump_one_expr(&w, &first, "body", mod->expr);
    }
    else {
        puts_(&w, mod->kind == AST_Module ? "Module(" : "Interactive(");
        dump_stmts(&w, &first, "body", mod->body);
        if (mod->kind == AST_Module)
            puts_(&w, ", type_ignores=[]");
    }
    puts_(&w, ")");
    if (!w.failed)
        result = MpUnicode_FromStringAndSize(w.data, (Mp_ssize_t)w.len);
    MpMem_Free(w.data);
    return result;
}
