/*
 * parser_expr.c -- expressions, targets, parameters and call arguments.
 *
 * Precedence, loosest first (Grammar/python.gram):
 *
 *   expression      disjunction ['if' disjunction 'else' expression]
 *                   | lambda
 *   disjunction     conjunction ('or' conjunction)*
 *   conjunction     inversion ('and' inversion)*
 *   inversion       'not' inversion | comparison
 *   comparison      bitwise_or (compare_op bitwise_or)*
 *   bitwise_or ...  | ^ & << >> + - * / // % @    (precedence climbing)
 *   factor          ('+' | '-' | '~') factor | power
 *   power           primary ['**' factor]
 *   primary         atom ('.' NAME | '(' args ')' | '[' slices ']')*
 *
 * Binary operators are parsed by precedence climbing, so nesting depth
 * grows only with brackets and prefix operators; every recursive rule
 * passes through mp_parser_enter, which turns runaway nesting into
 * RecursionError instead of a C stack overflow.
 *
 * Targets are parsed as expressions and then checked by
 * mp_parser_set_context, which also produces CPython's messages for what
 * cannot be assigned or deleted.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/parser_state.h"

/* A node spanning from the start of 'first' to the end of 'last'. */
static mp_expr *
expr_span(mp_parser *p, mp_expr_kind kind, const mp_expr *first,
          const mp_expr *last)
{
    return mp_ast_expr(p->arena, kind, first->lineno, first->col_offset,
                       last->end_lineno, last->end_col_offset);
}

static int
is_name(const p_token *t)
{
    return t->t.kind == MP_TOK_NAME && t->keyword == KW_NONE_;
}

static int
is_op(const p_token *t, mp_operator op)
{
    return t->t.kind == MP_TOK_OP && t->t.op == op;
}

/* 1 if the token can begin an expression. */
static int
starts_expression(const p_token *t)
{
    if (t->t.kind == MP_TOK_NUMBER || t->t.kind == MP_TOK_STRING)
        return 1;
    if (t->t.kind == MP_TOK_NAME)
        return t->keyword == KW_NONE_ || t->keyword == KW_NOT ||
               t->keyword == KW_LAMBDA || t->keyword == KW_NONE ||
               t->keyword == KW_TRUE || t->keyword == KW_FALSE ||
               t->keyword == KW_AWAIT;
    if (t->t.kind != MP_TOK_OP)
        return 0;
    switch (t->t.op) {
    case MP_OP_LPAR: case MP_OP_LSQB: case MP_OP_LBRACE: case MP_OP_MINUS:
    case MP_OP_PLUS: case MP_OP_TILDE: case MP_OP_STAR:
    case MP_OP_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

static mp_expr *parse_disjunction(mp_parser *p);
static mp_asdl_seq *parse_comprehension(mp_parser *p);

/* The error after a complete expression 'e' inside brackets when the next
 * token is not what the display expects: if it could begin another
 * expression, a comma is probably missing (CPython's hint). */
static void *
missing_comma_or_invalid(mp_parser *p, const mp_expr *e)
{
    p_token *t = mp_parser_peek(p, 0);

    if (t == NULL)
        return NULL;
    if (t->t.kind == MP_TOK_NUMBER || t->t.kind == MP_TOK_STRING ||
        (t->t.kind == MP_TOK_NAME &&
         (t->keyword == KW_NONE_ || t->keyword == KW_NONE ||
          t->keyword == KW_TRUE || t->keyword == KW_FALSE)) ||
        is_op(t, MP_OP_LBRACE) || is_op(t, MP_OP_TILDE) ||
        is_op(t, MP_OP_ELLIPSIS))
        return mp_parser_error_node(p, e->lineno, e->col_offset,
                                    t->t.end_lineno, t->t.end_col_offset,
                                    "invalid syntax. Perhaps you forgot a "
                                    "comma?");
    return mp_parser_invalid_syntax(p);
}

/* ---- Names of expressions for error messages ---- */

const char *
mp_parser_expr_name(const mp_expr *e)
{
    switch (e->kind) {
    case AST_Attribute: return "attribute";
    case AST_Subscript: return "subscript";
    case AST_Starred: return "starred";
    case AST_Name: return "name";
    case AST_List: return "list";
    case AST_Tuple: return "tuple";
    case AST_Lambda: return "lambda";
    case AST_Call: return "function call";
    case AST_BoolOp: case AST_BinOp: case AST_UnaryOp: return "expression";
    case AST_GeneratorExp: return "generator expression";
    case AST_Yield: case AST_YieldFrom: return "yield expression";
    case AST_ListComp: return "list comprehension";
    case AST_SetComp: return "set comprehension";
    case AST_DictComp: return "dict comprehension";
    case AST_Dict: return "dict literal";
    case AST_Set: return "set display";
    case AST_JoinedStr: case AST_FormattedValue:
        return "f-string expression";
    case AST_Compare: return "comparison";
    case AST_IfExp: return "conditional expression";
    case AST_NamedExpr: return "named expression";
    case AST_Slice: return "slice";
    case AST_Constant: {
        MpObject *v = e->v.Constant.value;
        if (v == Mp_None)
            return "None";
        if (v == Mp_True)
            return "True";
        if (v == Mp_False)
            return "False";
        if (v == Mp_Ellipsis)
            return "ellipsis";
        return "literal";
    }
    }
    return "expression";
}

/* ---- Targets ---- */

static int
invalid_target(mp_parser *p, const mp_expr *e, mp_target_use use)
{
    char msg[128];
    const char *name = mp_parser_expr_name(e);
    /* CPython's hint comes from its named-expression rule, which only
     * sees operands of comparisons, and never for the keyword constants. */
    int keyword_constant = e->kind == AST_Constant &&
        (e->v.Constant.value == Mp_None || e->v.Constant.value == Mp_True ||
         e->v.Constant.value == Mp_False);
    int here = use == MP_TARGET_ASSIGN_HERE && !keyword_constant &&
               e->kind != AST_Compare && e->kind != AST_BoolOp &&
               e->kind != AST_IfExp && e->kind != AST_Lambda &&
               e->kind != AST_NamedExpr &&
               !(e->kind == AST_UnaryOp && e->v.UnaryOp.op == AST_Not);

    if (use == MP_TARGET_DELETE)
        snprintf(msg, sizeof(msg), "cannot delete %s", name);
    else if (here)
        snprintf(msg, sizeof(msg), "cannot assign to %s here. Maybe you "
                 "meant '==' instead of '='?", name);
    else
        snprintf(msg, sizeof(msg), "cannot assign to %s", name);
    mp_parser_error_node(p, e->lineno, e->col_offset, e->end_lineno,
                         e->end_col_offset, msg);
    return -1;
}

static int
set_sequence_context(mp_parser *p, mp_asdl_seq *elts, mp_expr_context ctx,
                     mp_target_use use)
{
    Mp_ssize_t i, starred = 0;

    for (i = 0; i < ASDL_SEQ_LEN(elts); i++) {
        mp_expr *elt = ASDL_SEQ_GET(elts, i);
        if (elt->kind == AST_Starred && ctx == AST_Store && ++starred > 1) {
            mp_parser_error_node(p, elt->lineno, elt->col_offset,
                                 elt->end_lineno, elt->end_col_offset,
                                 "multiple starred expressions in "
                                 "assignment");
            return -1;
        }
        if (mp_parser_set_context(p, elt, ctx, use) < 0)
            return -1;
    }
    return 0;
}

int
mp_parser_set_context(mp_parser *p, mp_expr *e, mp_expr_context ctx,
                      mp_target_use use)
{
    mp_target_use inner = use == MP_TARGET_ASSIGN_HERE ? MP_TARGET_ASSIGN
                                                       : use;
    switch (e->kind) {
    case AST_Name:
        e->v.Name.ctx = ctx;
        return 0;
    case AST_Attribute:
        e->v.Attribute.ctx = ctx;
        return 0;
    case AST_Subscript:
        e->v.Subscript.ctx = ctx;
        return 0;
    case AST_Starred:
        if (use == MP_TARGET_DELETE)
            return invalid_target(p, e, use);
        e->v.Starred.ctx = ctx;
        return mp_parser_set_context(p, e->v.Starred.value, ctx, inner);
    case AST_Tuple:
        e->v.Tuple.ctx = ctx;
        return set_sequence_context(p, e->v.Tuple.elts, ctx, inner);
    case AST_List:
        e->v.List.ctx = ctx;
        return set_sequence_context(p, e->v.List.elts, ctx, inner);
    default:
        return invalid_target(p, e, use);
    }
}

/* ---- Atoms ---- */

static mp_expr *
make_constant(mp_parser *p, p_token *start, MpObject *value)
{
    mp_expr *e = mp_parser_expr(p, AST_Constant, start);
    if (e != NULL)
        e->v.Constant.value = value;
    return e;
}

/* Elements of a display up to 'close', the first already parsed. */
static mp_asdl_seq *
parse_display_rest(mp_parser *p, mp_expr *first, mp_operator close)
{
    p_list elts;

    p_list_init(&elts);
    if (p_list_append(&elts, first) < 0)
        goto error;
    while (mp_parser_accept_op(p, MP_OP_COMMA) == 1) {
        mp_expr *e;
        int r = mp_parser_at_op(p, close);
        if (r < 0)
            goto error;
        if (r == 1)
            break;
        if (mp_parser_at_op(p, MP_OP_STAR) == 1) {
            p_token *star = mp_parser_next(p);
            mp_expr *v = mp_parse_bitwise_or(p);
            if (v == NULL || (e = mp_parser_expr(p, AST_Starred, star))
                             == NULL)
                goto error;
            e->v.Starred.value = v;
            e->v.Starred.ctx = AST_Load;
        }
        else if ((e = mp_parse_named_expression(p)) == NULL) {
            goto error;
        }
        if (p_list_append(&elts, e) < 0)
            goto error;
    }
    if (MpErr_Occurred())
        goto error;
    if (mp_parser_at_op(p, close) != 1) {
        missing_comma_or_invalid(p, elts.items[elts.n - 1]);
        goto error;
    }
    p->pos++;
    return p_list_finish(p, &elts);
error:
    p_list_clear(&elts);
    return NULL;
}

/* A star_named_expression: '*' bitwise_or | named_expression. */
static mp_expr *
parse_star_named(mp_parser *p)
{
    int r = mp_parser_at_op(p, MP_OP_STAR);
    p_token *star;
    mp_expr *v, *e;

    if (r <= 0)
        return r < 0 ? NULL : mp_parse_named_expression(p);
    star = mp_parser_next(p);
    v = mp_parse_bitwise_or(p);
    if (v == NULL || (e = mp_parser_expr(p, AST_Starred, star)) == NULL)
        return NULL;
    e->v.Starred.value = v;
    e->v.Starred.ctx = AST_Load;
    return e;
}

static mp_expr *
parse_comprehension_expr(mp_parser *p, p_token *start, mp_expr_kind kind,
                         mp_expr *elt, mp_operator close)
{
    mp_asdl_seq *gens = parse_comprehension(p);
    mp_expr *e;

    if (gens == NULL || mp_parser_expect_op(p, close, NULL) < 0)
        return NULL;
    if (elt->kind == AST_Starred)
        return mp_parser_error_node(p, elt->lineno, elt->col_offset,
                                    elt->end_lineno, elt->end_col_offset,
                                    "iterable unpacking cannot be used in "
                                    "comprehension");
    e = mp_parser_expr(p, kind, start);
    if (e == NULL)
        return NULL;
    if (kind == AST_ListComp) {
        e->v.ListComp.elt = elt;
        e->v.ListComp.generators = gens;
    }
    else if (kind == AST_SetComp) {
        e->v.SetComp.elt = elt;
        e->v.SetComp.generators = gens;
    }
    else {
        e->v.GeneratorExp.elt = elt;
        e->v.GeneratorExp.generators = gens;
    }
    return e;
}

/* '(' ... ')': empty tuple, group, tuple, generator or yield. */
static mp_expr *
parse_paren(mp_parser *p, p_token *start)
{
    mp_expr *first, *e;
    p_token *t = mp_parser_peek(p, 0);

    if (t == NULL)
        return NULL;
    if (is_op(t, MP_OP_RPAR)) {
        p->pos++;
        e = mp_parser_expr(p, AST_Tuple, start);
        if (e != NULL) {
            e->v.Tuple.elts = mp_asdl_seq_new(0, p->arena);
            e->v.Tuple.ctx = AST_Load;
        }
        return e;
    }
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_YIELD) {
        first = mp_parse_yield_expr(p);
        if (first == NULL || mp_parser_expect_op(p, MP_OP_RPAR, NULL) < 0)
            return NULL;
        return first;
    }
    first = parse_star_named(p);
    if (first == NULL || (t = mp_parser_peek(p, 0)) == NULL)
        return NULL;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_FOR)
        return parse_comprehension_expr(p, start, AST_GeneratorExp, first,
                                        MP_OP_RPAR);
    if (is_op(t, MP_OP_RPAR)) {
        p->pos++;
        if (first->kind == AST_Starred)
            return mp_parser_error_node(p, first->lineno, first->col_offset,
                                        first->end_lineno,
                                        first->end_col_offset,
                                        "cannot use starred expression "
                                        "here");
        return first;
    }
    if (!is_op(t, MP_OP_COMMA))
        return missing_comma_or_invalid(p, first);
    {
        mp_asdl_seq *elts = parse_display_rest(p, first, MP_OP_RPAR);
        if (elts == NULL || (e = mp_parser_expr(p, AST_Tuple, start)) == NULL)
            return NULL;
        e->v.Tuple.elts = elts;
        e->v.Tuple.ctx = AST_Load;
        return e;
    }
}

static mp_expr *
parse_list(mp_parser *p, p_token *start)
{
    mp_expr *first, *e;
    mp_asdl_seq *elts;
    int r = mp_parser_at_op(p, MP_OP_RSQB);
    p_token *t;

    if (r < 0)
        return NULL;
    if (r == 1) {
        p->pos++;
        e = mp_parser_expr(p, AST_List, start);
        if (e != NULL) {
            e->v.List.elts = mp_asdl_seq_new(0, p->arena);
            e->v.List.ctx = AST_Load;
        }
        return e;
    }
    first = parse_star_named(p);
    if (first == NULL || (t = mp_parser_peek(p, 0)) == NULL)
        return NULL;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_FOR)
        return parse_comprehension_expr(p, start, AST_ListComp, first,
                                        MP_OP_RSQB);
    if (is_op(t, MP_OP_RSQB)) {
        p->pos++;
        elts = mp_parser_seq(p, (void **)&first, 1);
    }
    else if (is_op(t, MP_OP_COMMA)) {
        elts = parse_display_rest(p, first, MP_OP_RSQB);
    }
    else {
        return missing_comma_or_invalid(p, first);
    }
    if (elts == NULL || (e = mp_parser_expr(p, AST_List, start)) == NULL)
        return NULL;
    e->v.List.elts = elts;
    e->v.List.ctx = AST_Load;
    return e;
}

/* One dict entry: key ':' value, or '**' mapping (key NULL). */
static int
parse_dict_entry(mp_parser *p, mp_expr **key, mp_expr **value)
{
    int r = mp_parser_accept_op(p, MP_OP_DOUBLESTAR);

    if (r < 0)
        return -1;
    if (r == 1) {
        *key = NULL;
        *value = mp_parse_bitwise_or(p);
        return *value == NULL ? -1 : 0;
    }
    *key = mp_parse_expression(p);
    if (*key == NULL)
        return -1;
    r = mp_parser_accept_op(p, MP_OP_COLON);
    if (r == 0) {
        mp_parser_error_node(p, (*key)->lineno, (*key)->col_offset,
                             (*key)->end_lineno, (*key)->end_col_offset,
                             "':' expected after dictionary key");
        return -1;
    }
    *value = r < 0 ? NULL : mp_parse_expression(p);
    return *value == NULL ? -1 : 0;
}

static mp_expr *
parse_dict_rest(mp_parser *p, p_token *start, mp_expr *key, mp_expr *value)
{
    p_list keys, values;
    mp_expr *e;

    p_list_init(&keys);
    p_list_init(&values);
    if (p_list_append(&keys, key) < 0 || p_list_append(&values, value) < 0)
        goto error;
    while (mp_parser_accept_op(p, MP_OP_COMMA) == 1) {
        int r = mp_parser_at_op(p, MP_OP_RBRACE);
        if (r != 0) {
            if (r < 0)
                goto error;
            break;
        }
        if (parse_dict_entry(p, &key, &value) < 0 ||
            p_list_append(&keys, key) < 0 ||
            p_list_append(&values, value) < 0)
            goto error;
    }
    if (MpErr_Occurred() || mp_parser_expect_op(p, MP_OP_RBRACE, NULL) < 0)
        goto error;
    e = mp_parser_expr(p, AST_Dict, start);
    if (e == NULL)
        goto error;
    e->v.Dict.keys = p_list_finish(p, &keys);
    e->v.Dict.values = p_list_finish(p, &values);
    return e->v.Dict.keys && e->v.Dict.values ? e : NULL;
error:
    p_list_clear(&keys);
    p_list_clear(&values);
    return NULL;
}

/* '{' ... '}': dict, set, or their comprehensions. */
static mp_expr *
parse_brace(mp_parser *p, p_token *start)
{
    mp_expr *key, *value, *e;
    p_token *t = mp_parser_peek(p, 0);
    int is_dict;

    if (t == NULL)
        return NULL;
    if (is_op(t, MP_OP_RBRACE)) {
        p->pos++;
        e = mp_parser_expr(p, AST_Dict, start);
        if (e != NULL) {
            e->v.Dict.keys = mp_asdl_seq_new(0, p->arena);
            e->v.Dict.values = mp_asdl_seq_new(0, p->arena);
        }
        return e;
    }
    is_dict = is_op(t, MP_OP_DOUBLESTAR);
    if (!is_dict) {
        key = parse_star_named(p);
        if (key == NULL || (t = mp_parser_peek(p, 0)) == NULL)
            return NULL;
        if (key->kind != AST_Starred && is_op(t, MP_OP_COLON)) {
            p->pos++;
            value = mp_parse_expression(p);
            if (value == NULL || (t = mp_parser_peek(p, 0)) == NULL)
                return NULL;
            if (t->t.kind == MP_TOK_NAME && t->keyword == KW_FOR) {
                mp_asdl_seq *gens = parse_comprehension(p);
                if (gens == NULL ||
                    mp_parser_expect_op(p, MP_OP_RBRACE, NULL) < 0 ||
                    (e = mp_parser_expr(p, AST_DictComp, start)) == NULL)
                    return NULL;
                e->v.DictComp.key = key;
                e->v.DictComp.value = value;
                e->v.DictComp.generators = gens;
                return e;
            }
            return parse_dict_rest(p, start, key, value);
        }
        if (t->t.kind == MP_TOK_NAME && t->keyword == KW_FOR)
            return parse_comprehension_expr(p, start, AST_SetComp, key,
                                            MP_OP_RBRACE);
        if (is_op(t, MP_OP_RBRACE)) {
            p->pos++;
            e = mp_parser_expr(p, AST_Set, start);
            if (e != NULL)
                e->v.Set.elts = mp_parser_seq(p, (void **)&key, 1);
            return e;
        }
        if (!is_op(t, MP_OP_COMMA))
            return missing_comma_or_invalid(p, key);
        e = mp_parser_expr(p, AST_Set, start);
        if (e == NULL)
            return NULL;
        e->v.Set.elts = parse_display_rest(p, key, MP_OP_RBRACE);
        if (e->v.Set.elts == NULL)
            return NULL;
        /* The node ends at the closing brace. */
        e->end_lineno = mp_parser_last(p)->t.end_lineno;
        e->end_col_offset = mp_parser_last(p)->t.end_col_offset;
        return e;
    }
    if (parse_dict_entry(p, &key, &value) < 0)
        return NULL;
    return parse_dict_rest(p, start, key, value);
}

static mp_expr *
parse_atom(mp_parser *p)
{
    p_token *t = mp_parser_next(p);

    if (t == NULL)
        return NULL;
    switch (t->t.kind) {
    case MP_TOK_NAME:
        switch (t->keyword) {
        case KW_NONE_: {
            mp_expr *e = mp_parser_expr(p, AST_Name, t);
            if (e == NULL)
                return NULL;
            e->v.Name.id = mp_parser_identifier(p, t);
            e->v.Name.ctx = AST_Load;
            return e->v.Name.id == NULL ? NULL : e;
        }
        case KW_TRUE:
            return make_constant(p, t, Mp_True);
        case KW_FALSE:
            return make_constant(p, t, Mp_False);
        case KW_NONE:
            return make_constant(p, t, Mp_None);
        case KW_AWAIT:
            MpErr_Format(MpExc_NotImplementedError,
                         "'await' is not supported by minipy (line %d)",
                         t->t.lineno);
            return NULL;
        default:
            break;
        }
        break;
    case MP_TOK_NUMBER:
        return mp_parse_number(p, t);
    case MP_TOK_STRING:
        p->pos--;
        return mp_parse_strings(p);
    case MP_TOK_OP:
        if (t->t.op == MP_OP_LPAR)
            return parse_paren(p, t);
        if (t->t.op == MP_OP_LSQB)
            return parse_list(p, t);
        if (t->t.op == MP_OP_LBRACE)
            return parse_brace(p, t);
        if (t->t.op == MP_OP_ELLIPSIS)
            return make_constant(p, t, Mp_Ellipsis);
        break;
    default:
        break;
    }
    if (t->t.kind != MP_TOK_ENDMARKER)
        p->pos--;
    return mp_parser_invalid_syntax(p);
}

/* ---- Trailers: calls, subscripts, attributes ---- */

static mp_keyword *
make_keyword(mp_parser *p, MpObject *arg, mp_expr *value, p_token *start)
{
    mp_keyword *k = mp_ast_node(p->arena, sizeof(mp_keyword));
    if (k == NULL)
        return NULL;
    k->arg = arg;
    k->value = value;
    k->lineno = start->t.lineno;
    k->col_offset = start->t.col_offset;
    k->end_lineno = value->end_lineno;
    k->end_col_offset = value->end_col_offset;
    return k;
}

static int
keyword_repeated(mp_parser *p, p_list *keywords, MpObject *name,
                 p_token *at)
{
    Mp_ssize_t i;
    for (i = 0; i < keywords->n; i++) {
        mp_keyword *k = keywords->items[i];
        if (k->arg != NULL && MpUnicode_Compare(k->arg, name) == 0) {
            char msg[128];
            snprintf(msg, sizeof(msg), "keyword argument repeated: %s",
                     MpUnicode_AsUTF8(name));
            mp_parser_error_at(p, at, NULL, msg);
            return 1;
        }
    }
    return 0;
}

/* One argument; appended to args or keywords.  *seen_kw: 1 after a
 * keyword, 2 after '**'. */
static int
parse_one_argument(mp_parser *p, p_list *args, p_list *keywords,
                   int *seen_kw)
{
    p_token *t = mp_parser_peek(p, 0), *t1 = NULL;
    mp_expr *value, *e;

    /* Look past a NAME only: reading further could meet a tokenizer
     * error before the real mistake is reported. */
    if (t == NULL || (is_name(t) && (t1 = mp_parser_peek(p, 1)) == NULL))
        return -1;
    if (is_op(t, MP_OP_DOUBLESTAR)) {
        p->pos++;
        value = mp_parse_expression(p);
        *seen_kw = 2;
        return value == NULL ? -1 :
               p_list_append(keywords, make_keyword(p, NULL, value, t));
    }
    if (t1 != NULL && is_op(t1, MP_OP_EQUAL)) {
        MpObject *name = mp_parser_identifier(p, t);
        p->pos += 2;
        if (name == NULL || keyword_repeated(p, keywords, name, t))
            return -1;
        value = mp_parse_expression(p);
        if (*seen_kw == 0)
            *seen_kw = 1;
        return value == NULL ? -1 :
               p_list_append(keywords, make_keyword(p, name, value, t));
    }
    if (is_op(t, MP_OP_STAR)) {
        p->pos++;
        value = mp_parse_expression(p);
        if (value == NULL || (e = mp_parser_expr(p, AST_Starred, t)) == NULL)
            return -1;
        e->v.Starred.value = value;
        e->v.Starred.ctx = AST_Load;
        if (*seen_kw == 2) {
            mp_parser_error_node(p, e->lineno, e->col_offset, e->end_lineno,
                                 e->end_col_offset, "iterable argument "
                                 "unpacking follows keyword argument "
                                 "unpacking");
            return -1;
        }
        return p_list_append(args, e);
    }
    e = mp_parse_named_expression(p);
    if (e == NULL)
        return -1;
    if (*seen_kw) {
        mp_parser_error_node(p, e->lineno, e->col_offset, e->end_lineno,
                             e->end_col_offset, *seen_kw == 2 ?
                             "positional argument follows keyword argument "
                             "unpacking" :
                             "positional argument follows keyword argument");
        return -1;
    }
    return p_list_append(args, e);
}

/* A generator as the sole argument: f(x for x in y). */
static int
parse_generator_argument(mp_parser *p, p_list *args, p_token *open)
{
    mp_expr *elt = args->items[0], *g;
    mp_asdl_seq *gens = parse_comprehension(p);

    if (gens == NULL)
        return -1;
    g = mp_ast_expr(p->arena, AST_GeneratorExp, open->t.lineno,
                    open->t.col_offset, 0, 0);
    if (g == NULL)
        return -1;
    g->v.GeneratorExp.elt = elt;
    g->v.GeneratorExp.generators = gens;
    args->items[0] = g;
    if (mp_parser_at_op(p, MP_OP_RPAR) != 1) {
        if (!MpErr_Occurred())
            mp_parser_error_node(p, elt->lineno, elt->col_offset,
                                 mp_parser_last(p)->t.end_lineno,
                                 mp_parser_last(p)->t.end_col_offset,
                                 "Generator expression must be "
                                 "parenthesized");
        return -1;
    }
    g->end_lineno = mp_parser_peek(p, 0)->t.end_lineno;
    g->end_col_offset = mp_parser_peek(p, 0)->t.end_col_offset;
    return 0;
}

int
mp_parse_call_arguments(mp_parser *p, mp_asdl_seq **out_args,
                        mp_asdl_seq **out_keywords)
{
    p_list args, keywords;
    p_token *open = mp_parser_last(p);
    int seen_kw = 0, r;

    p_list_init(&args);
    p_list_init(&keywords);
    while ((r = mp_parser_at_op(p, MP_OP_RPAR)) == 0) {
        Mp_ssize_t before = args.n + keywords.n;
        if (parse_one_argument(p, &args, &keywords, &seen_kw) < 0)
            goto error;
        if (before == 0 && args.n == 1 &&
            mp_parser_at_keyword(p, KW_FOR) == 1) {
            if (parse_generator_argument(p, &args, open) < 0)
                goto error;
            break;
        }
        if (mp_parser_at_keyword(p, KW_FOR) == 1) {
            mp_expr *e = args.n ? args.items[args.n - 1] : NULL;
            if (e != NULL)
                mp_parser_error_node(p, e->lineno, e->col_offset,
                                     e->end_lineno, e->end_col_offset,
                                     "Generator expression must be "
                                     "parenthesized");
            else
                mp_parser_invalid_syntax(p);
            goto error;
        }
        if ((r = mp_parser_accept_op(p, MP_OP_COMMA)) != 1)
            break;
    }
    if (MpErr_Occurred())
        goto error;
    if (mp_parser_at_op(p, MP_OP_RPAR) != 1) {
        mp_expr *last = args.n ? args.items[args.n - 1] : NULL;
        if (keywords.n > 0 && (last == NULL ||
            ((mp_keyword *)keywords.items[keywords.n - 1])->lineno >
            last->lineno))
            last = ((mp_keyword *)keywords.items[keywords.n - 1])->value;
        if (last != NULL)
            missing_comma_or_invalid(p, last);
        else
            mp_parser_invalid_syntax(p);
        goto error;
    }
    p->pos++;
    *out_args = p_list_finish(p, &args);
    *out_keywords = p_list_finish(p, &keywords);
    return *out_args && *out_keywords ? 0 : -1;
error:
    p_list_clear(&args);
    p_list_clear(&keywords);
    return -1;
}

/* One subscript item: a slice a:b:c, or an expression. */
static mp_expr *
parse_slice(mp_parser *p)
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *lower = NULL, *upper = NULL, *step = NULL, *e;
    int r;

    if (start == NULL)
        return NULL;
    if (!is_op(start, MP_OP_COLON)) {
        if (is_op(start, MP_OP_STAR))
            return parse_star_named(p);
        lower = mp_parse_named_expression(p);
        if (lower == NULL || (r = mp_parser_at_op(p, MP_OP_COLON)) < 0)
            return NULL;
        if (r == 0)
            return lower;
    }
    p->pos++;       /* ':' */
    if ((r = mp_parser_at_op(p, MP_OP_COLON)) == 0 &&
        mp_parser_at_op(p, MP_OP_RSQB) == 0 &&
        mp_parser_at_op(p, MP_OP_COMMA) == 0) {
        if ((upper = mp_parse_expression(p)) == NULL)
            return NULL;
    }
    if (MpErr_Occurred())
        return NULL;
    if (mp_parser_accept_op(p, MP_OP_COLON) == 1 &&
        mp_parser_at_op(p, MP_OP_RSQB) == 0 &&
        mp_parser_at_op(p, MP_OP_COMMA) == 0) {
        if ((step = mp_parse_expression(p)) == NULL)
            return NULL;
    }
    if (MpErr_Occurred())
        return NULL;
    e = mp_parser_expr(p, AST_Slice, start);
    if (e == NULL)
        return NULL;
    if (lower != NULL) {
        e->lineno = lower->lineno;
        e->col_offset = lower->col_offset;
    }
    e->v.Slice.lower = lower;
    e->v.Slice.upper = upper;
    e->v.Slice.step = step;
    return e;
}

/* slices after '[' up to and including ']'. */
static mp_expr *
parse_slices(mp_parser *p)
{
    p_token *start = mp_parser_peek(p, 0);
    p_list items;
    int tuple = 0;
    mp_expr *e;

    if (start == NULL)
        return NULL;
    p_list_init(&items);
    for (;;) {
        mp_expr *item = parse_slice(p);
        if (item == NULL || p_list_append(&items, item) < 0)
            goto error;
        if (mp_parser_accept_op(p, MP_OP_COMMA) != 1)
            break;
        tuple = 1;
        if (mp_parser_at_op(p, MP_OP_RSQB) == 1)
            break;
    }
    if (MpErr_Occurred() || mp_parser_expect_op(p, MP_OP_RSQB, NULL) < 0)
        goto error;
    if (!tuple) {
        e = items.items[0];
        p_list_clear(&items);
        return e;
    }
    e = mp_parser_expr(p, AST_Tuple, start);
    if (e == NULL)
        goto error;
    /* The tuple ends with its last item, not the bracket. */
    {
        mp_expr *last = items.items[items.n - 1];
        e->end_lineno = last->end_lineno;
        e->end_col_offset = last->end_col_offset;
    }
    e->v.Tuple.elts = p_list_finish(p, &items);
    e->v.Tuple.ctx = AST_Load;
    return e->v.Tuple.elts == NULL ? NULL : e;
error:
    p_list_clear(&items);
    return NULL;
}

static mp_expr *
parse_trailer(mp_parser *p, mp_expr *value, p_token *t, p_token *start)
{
    mp_expr *e;

    if (t->t.op == MP_OP_DOT) {
        p_token *name = mp_parser_next(p);
        if (name == NULL)
            return NULL;
        if (!is_name(name)) {
            if (name->t.kind != MP_TOK_ENDMARKER)
                p->pos--;
            return mp_parser_invalid_syntax(p);
        }
        e = expr_span(p, AST_Attribute, value, value);
        if (e == NULL)
            return NULL;
        e->v.Attribute.value = value;
        e->v.Attribute.attr = mp_parser_identifier(p, name);
        e->v.Attribute.ctx = AST_Load;
        if (e->v.Attribute.attr == NULL)
            return NULL;
    }
    else if (t->t.op == MP_OP_LPAR) {
        e = expr_span(p, AST_Call, value, value);
        if (e == NULL || mp_parse_call_arguments(p, &e->v.Call.args,
                                                 &e->v.Call.keywords) < 0)
            return NULL;
        e->v.Call.func = value;
    }
    else {
        e = expr_span(p, AST_Subscript, value, value);
        if (e == NULL || (e->v.Subscript.slice = parse_slices(p)) == NULL)
            return NULL;
        e->v.Subscript.value = value;
        e->v.Subscript.ctx = AST_Load;
    }
    /* From the first token of the primary to the last one read. */
    e->lineno = start->t.lineno;
    e->col_offset = start->t.col_offset;
    e->end_lineno = mp_parser_last(p)->t.end_lineno;
    e->end_col_offset = mp_parser_last(p)->t.end_col_offset;
    return e;
}

static mp_expr *
parse_primary(mp_parser *p)
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *e = start ? parse_atom(p) : NULL;

    while (e != NULL) {
        p_token *t = mp_parser_peek(p, 0);
        if (t == NULL)
            return NULL;
        if (!(is_op(t, MP_OP_DOT) || is_op(t, MP_OP_LPAR) ||
              is_op(t, MP_OP_LSQB)))
            break;
        p->pos++;
        e = parse_trailer(p, e, t, start);
    }
    return e;
}

/* ---- Operators ---- */

static mp_expr *parse_factor(mp_parser *p);

static mp_expr *
parse_power(mp_parser *p)
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *left = start ? parse_primary(p) : NULL, *right, *e;
    int r;

    if (left == NULL || (r = mp_parser_accept_op(p, MP_OP_DOUBLESTAR)) < 0)
        return NULL;
    if (r == 0)
        return left;
    right = parse_factor(p);
    if (right == NULL || (e = mp_parser_expr(p, AST_BinOp, start)) == NULL)
        return NULL;
    e->v.BinOp.left = left;
    e->v.BinOp.op = AST_Pow;
    e->v.BinOp.right = right;
    return e;
}

static mp_expr *
parse_factor(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_unaryop op;
    mp_expr *operand, *e;

    if (t == NULL)
        return NULL;
    if (is_op(t, MP_OP_PLUS))
        op = AST_UAdd;
    else if (is_op(t, MP_OP_MINUS))
        op = AST_USub;
    else if (is_op(t, MP_OP_TILDE))
        op = AST_Invert;
    else
        return parse_power(p);
    p->pos++;
    if (mp_parser_enter(p) < 0)
        return NULL;
    operand = parse_factor(p);
    mp_parser_leave(p);
    if (operand == NULL || (e = mp_parser_expr(p, AST_UnaryOp, t)) == NULL)
        return NULL;
    e->v.UnaryOp.op = op;
    e->v.UnaryOp.operand = operand;
    return e;
}

/* The binary operator of token t and its precedence (0: not one). */
static int
binary_precedence(const p_token *t, mp_operator_kind *op)
{
    static const struct {
        mp_operator token;
        mp_operator_kind op;
        int precedence;
    } table[] = {
        {MP_OP_VBAR, AST_BitOr, 1}, {MP_OP_CIRCUMFLEX, AST_BitXor, 2},
        {MP_OP_AMPER, AST_BitAnd, 3}, {MP_OP_LEFTSHIFT, AST_LShift, 4},
        {MP_OP_RIGHTSHIFT, AST_RShift, 4}, {MP_OP_PLUS, AST_Add, 5},
        {MP_OP_MINUS, AST_Sub, 5}, {MP_OP_STAR, AST_Mult, 6},
        {MP_OP_SLASH, AST_Div, 6}, {MP_OP_DOUBLESLASH, AST_FloorDiv, 6},
        {MP_OP_PERCENT, AST_Mod, 6}, {MP_OP_AT, AST_MatMult, 6},
    };
    size_t i;

    if (t->t.kind != MP_TOK_OP)
        return 0;
    for (i = 0; i < MP_ARRAY_LENGTH(table); i++) {
        if (table[i].token == t->t.op) {
            *op = table[i].op;
            return table[i].precedence;
        }
    }
    return 0;
}

/* Left-associative binary operators of precedence >= min_prec. */
static mp_expr *
parse_binary(mp_parser *p, int min_prec)
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *left = start ? parse_factor(p) : NULL;

    while (left != NULL) {
        p_token *t = mp_parser_peek(p, 0);
        mp_operator_kind op;
        mp_expr *right, *e;
        int prec;
        if (t == NULL)
            return NULL;
        prec = binary_precedence(t, &op);
        if (prec < min_prec || prec == 0)
            break;
        p->pos++;
        right = parse_binary(p, prec + 1);
        if (right == NULL || (e = mp_parser_expr(p, AST_BinOp, start))
                             == NULL)
            return NULL;
        e->v.BinOp.left = left;
        e->v.BinOp.op = op;
        e->v.BinOp.right = right;
        left = e;
    }
    return left;
}

mp_expr *
mp_parse_bitwise_or(mp_parser *p)
{
    mp_expr *e;
    if (mp_parser_enter(p) < 0)
        return NULL;
    e = parse_binary(p, 1);
    mp_parser_leave(p);
    return e;
}

/* A comparison operator at the next token(s): consumes it, 1; or 0. */
static int
accept_compare_op(mp_parser *p, mp_cmpop *op)
{
    p_token *t = mp_parser_peek(p, 0), *t1;

    if (t == NULL)
        return -1;
    if (t->t.kind == MP_TOK_OP) {
        switch (t->t.op) {
        case MP_OP_EQEQUAL: *op = AST_Eq; break;
        case MP_OP_NOTEQUAL: *op = AST_NotEq; break;
        case MP_OP_LESS: *op = AST_Lt; break;
        case MP_OP_LESSEQUAL: *op = AST_LtE; break;
        case MP_OP_GREATER: *op = AST_Gt; break;
        case MP_OP_GREATEREQUAL: *op = AST_GtE; break;
        default: return 0;
        }
        p->pos++;
        return 1;
    }
    if (t->t.kind != MP_TOK_NAME)
        return 0;
    if (t->keyword == KW_IN) {
        *op = AST_In;
        p->pos++;
        return 1;
    }
    if (t->keyword != KW_NOT && t->keyword != KW_IS)
        return 0;
    if ((t1 = mp_parser_peek(p, 1)) == NULL)
        return -1;
    if (t->keyword == KW_NOT && t1->t.kind == MP_TOK_NAME &&
        t1->keyword == KW_IN) {
        *op = AST_NotIn;
        p->pos += 2;
        return 1;
    }
    if (t->keyword == KW_IS) {
        int is_not = t1->t.kind == MP_TOK_NAME && t1->keyword == KW_NOT;
        *op = is_not ? AST_IsNot : AST_Is;
        p->pos += is_not ? 2 : 1;
        return 1;
    }
    return 0;
}

static mp_expr *
parse_comparison(mp_parser *p)
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *left = start ? mp_parse_bitwise_or(p) : NULL, *e;
    p_list ops, comparators;
    mp_cmpop op;
    int r = 0;

    if (left == NULL || (r = accept_compare_op(p, &op)) <= 0)
        return r < 0 ? NULL : left;
    p_list_init(&ops);
    p_list_init(&comparators);
    do {
        mp_expr *right = mp_parse_bitwise_or(p);
        if (right == NULL ||
            p_list_append(&ops, (void *)(intptr_t)op) < 0 ||
            p_list_append(&comparators, right) < 0)
            goto error;
    } while ((r = accept_compare_op(p, &op)) == 1);
    if (r < 0)
        goto error;
    e = mp_parser_expr(p, AST_Compare, start);
    if (e == NULL)
        goto error;
    e->v.Compare.left = left;
    e->v.Compare.ops = p_list_finish(p, &ops);
    e->v.Compare.comparators = p_list_finish(p, &comparators);
    return e->v.Compare.ops && e->v.Compare.comparators ? e : NULL;
error:
    p_list_clear(&ops);
    p_list_clear(&comparators);
    return NULL;
}

static mp_expr *
parse_inversion(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_expr *operand, *e;

    if (t == NULL)
        return NULL;
    if (!(t->t.kind == MP_TOK_NAME && t->keyword == KW_NOT))
        return parse_comparison(p);
    p->pos++;
    if (mp_parser_enter(p) < 0)
        return NULL;
    operand = parse_inversion(p);
    mp_parser_leave(p);
    if (operand == NULL || (e = mp_parser_expr(p, AST_UnaryOp, t)) == NULL)
        return NULL;
    e->v.UnaryOp.op = AST_Not;
    e->v.UnaryOp.operand = operand;
    return e;
}

/* operand (kw operand)* as one BoolOp, for 'and' and 'or'. */
static mp_expr *
parse_boolop(mp_parser *p, mp_keyword_id kw, mp_boolop op,
             mp_expr *(*operand)(mp_parser *))
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *first = start ? operand(p) : NULL, *e;
    p_list values;
    int r = 0;

    if (first == NULL || (r = mp_parser_at_keyword(p, kw)) <= 0)
        return r < 0 ? NULL : first;
    p_list_init(&values);
    if (p_list_append(&values, first) < 0)
        goto error;
    while (mp_parser_accept_keyword(p, kw) == 1) {
        mp_expr *v = operand(p);
        if (v == NULL || p_list_append(&values, v) < 0)
            goto error;
    }
    if (MpErr_Occurred())
        goto error;
    e = mp_parser_expr(p, AST_BoolOp, start);
    if (e == NULL)
        goto error;
    e->v.BoolOp.op = op;
    e->v.BoolOp.values = p_list_finish(p, &values);
    return e->v.BoolOp.values == NULL ? NULL : e;
error:
    p_list_clear(&values);
    return NULL;
}

static mp_expr *
parse_conjunction(mp_parser *p)
{
    return parse_boolop(p, KW_AND, AST_And, parse_inversion);
}

static mp_expr *
parse_disjunction(mp_parser *p)
{
    return parse_boolop(p, KW_OR, AST_Or, parse_conjunction);
}

/* ---- Lambdas and parameters ---- */

static mp_arg *
parse_param(mp_parser *p, int lambda)
{
    p_token *t = mp_parser_next(p);
    mp_arg *a;

    if (t == NULL)
        return NULL;
    if (!is_name(t)) {
        if (t->t.kind != MP_TOK_ENDMARKER)
            p->pos--;
        return mp_parser_invalid_syntax(p);
    }
    a = mp_ast_node(p->arena, sizeof(mp_arg));
    if (a == NULL || (a->arg = mp_parser_identifier(p, t)) == NULL)
        return NULL;
    a->lineno = t->t.lineno;
    a->col_offset = t->t.col_offset;
    a->end_lineno = t->t.end_lineno;
    a->end_col_offset = t->t.end_col_offset;
    if (!lambda && mp_parser_accept_op(p, MP_OP_COLON) == 1) {
        a->annotation = mp_parse_expression(p);
        if (a->annotation == NULL)
            return NULL;
    }
    return MpErr_Occurred() ? NULL : a;
}

static int
check_duplicate_param(mp_parser *p, p_list *seen, mp_arg *a)
{
    Mp_ssize_t i;
    for (i = 0; i < seen->n; i++) {
        mp_arg *b = seen->items[i];
        if (MpUnicode_Compare(a->arg, b->arg) == 0) {
            char msg[128];
            snprintf(msg, sizeof(msg), "duplicate argument '%s' in function "
                     "definition", MpUnicode_AsUTF8(a->arg));
            mp_parser_error_node(p, a->lineno, a->col_offset, a->end_lineno,
                                 a->end_col_offset, msg);
            return -1;
        }
    }
    return p_list_append(seen, a);
}

typedef struct {
    p_list posonly, args, defaults, kwonly, kw_defaults, all;
    mp_arg *vararg, *kwarg;
    int star_seen;
} param_lists;

static void
param_lists_clear(param_lists *pl)
{
    p_list_clear(&pl->posonly);
    p_list_clear(&pl->args);
    p_list_clear(&pl->defaults);
    p_list_clear(&pl->kwonly);
    p_list_clear(&pl->kw_defaults);
    p_list_clear(&pl->all);
}

/* One entry of a parameter list: NAME [= default], '*' [NAME], '**'
 * NAME, or '/'.  0 or -1. */
static int
parse_param_entry(mp_parser *p, param_lists *pl, int lambda,
                  mp_operator close)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_arg *a;
    mp_expr *dflt = NULL;
    int r;

    if (t == NULL)
        return -1;
    if (pl->kwarg != NULL) {
        mp_parser_error_at(p, t, NULL, "arguments cannot follow "
                           "var-keyword argument");
        return -1;
    }
    if (is_op(t, MP_OP_SLASH)) {
        p->pos++;
        if (pl->star_seen || pl->posonly.n > 0 || pl->args.n == 0) {
            mp_parser_error_at(p, t, NULL, pl->star_seen ?
                               "/ must be ahead of *" : "at least one "
                               "argument must precede /");
            return -1;
        }
        for (Mp_ssize_t i = 0; i < pl->args.n; i++)
            if (p_list_append(&pl->posonly, pl->args.items[i]) < 0)
                return -1;
        pl->args.n = 0;
        return 0;
    }
    if (is_op(t, MP_OP_DOUBLESTAR)) {
        p->pos++;
        pl->kwarg = parse_param(p, lambda);
        return pl->kwarg == NULL ? -1 :
               check_duplicate_param(p, &pl->all, pl->kwarg);
    }
    if (is_op(t, MP_OP_STAR)) {
        p->pos++;
        if (pl->star_seen) {
            mp_parser_error_at(p, t, NULL, "* argument may appear only "
                               "once");
            return -1;
        }
        pl->star_seen = 1;
        if ((r = mp_parser_at_op(p, MP_OP_COMMA)) != 0 ||
            (r = mp_parser_at_op(p, close)) != 0)
            return r < 0 ? -1 : 0;
        pl->vararg = parse_param(p, lambda);
        return pl->vararg == NULL ? -1 :
               check_duplicate_param(p, &pl->all, pl->vararg);
    }
    a = parse_param(p, lambda);
    if (a == NULL || check_duplicate_param(p, &pl->all, a) < 0)
        return -1;
    if ((r = mp_parser_accept_op(p, MP_OP_EQUAL)) == 1) {
        if ((dflt = mp_parse_expression(p)) == NULL)
            return -1;
    }
    else if (r < 0) {
        return -1;
    }
    if (pl->star_seen)
        return p_list_append(&pl->kwonly, a) < 0 ? -1 :
               p_list_append(&pl->kw_defaults, dflt);
    if (dflt == NULL && pl->defaults.n > 0) {
        mp_parser_error_node(p, a->lineno, a->col_offset, a->end_lineno,
                             a->end_col_offset, "non-default argument "
                             "follows default argument");
        return -1;
    }
    if (dflt != NULL && p_list_append(&pl->defaults, dflt) < 0)
        return -1;
    return p_list_append(&pl->args, a);
}

mp_arguments *
mp_parse_parameters(mp_parser *p, int lambda)
{
    mp_operator close = lambda ? MP_OP_COLON : MP_OP_RPAR;
    param_lists pl;
    mp_arguments *args = NULL;
    int r;

    memset(&pl, 0, sizeof(pl));
    p_list_init(&pl.posonly);
    p_list_init(&pl.args);
    p_list_init(&pl.defaults);
    p_list_init(&pl.kwonly);
    p_list_init(&pl.kw_defaults);
    p_list_init(&pl.all);
    while ((r = mp_parser_at_op(p, close)) == 0) {
        if (parse_param_entry(p, &pl, lambda, close) < 0)
            goto done;
        if (mp_parser_accept_op(p, MP_OP_COMMA) != 1)
            break;
    }
    if (MpErr_Occurred())
        goto done;
    if (pl.star_seen && pl.vararg == NULL && pl.kwonly.n == 0) {
        mp_parser_error_at(p, mp_parser_last(p), NULL,
                           "named arguments must follow bare *");
        goto done;
    }
    args = mp_ast_node(p->arena, sizeof(mp_arguments));
    if (args == NULL)
        goto done;
    args->posonlyargs = mp_parser_seq(p, pl.posonly.items, pl.posonly.n);
    args->args = mp_parser_seq(p, pl.args.items, pl.args.n);
    args->defaults = mp_parser_seq(p, pl.defaults.items, pl.defaults.n);
    args->kwonlyargs = mp_parser_seq(p, pl.kwonly.items, pl.kwonly.n);
    args->kw_defaults = mp_parser_seq(p, pl.kw_defaults.items,
                                      pl.kw_defaults.n);
    args->vararg = pl.vararg;
    args->kwarg = pl.kwarg;
    if (!args->posonlyargs || !args->args || !args->defaults ||
        !args->kwonlyargs || !args->kw_defaults)
        args = NULL;
done:
    param_lists_clear(&pl);
    return args;
}

static mp_expr *
parse_lambda(mp_parser *p, p_token *start)
{
    mp_arguments *args = mp_parse_parameters(p, 1);
    mp_expr *body, *e;

    if (args == NULL || mp_parser_expect_op(p, MP_OP_COLON, NULL) < 0 ||
        (body = mp_parse_expression(p)) == NULL)
        return NULL;
    e = mp_parser_expr(p, AST_Lambda, start);
    if (e != NULL) {
        e->v.Lambda.args = args;
        e->v.Lambda.body = body;
    }
    return e;
}

/* ---- Expressions ---- */

mp_expr *
mp_parse_expression(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_expr *body, *test, *orelse, *e = NULL;
    int r = 0;

    if (t == NULL || mp_parser_enter(p) < 0)
        return NULL;
    if (t->t.kind == MP_TOK_NAME && t->keyword == KW_LAMBDA) {
        p->pos++;
        e = parse_lambda(p, t);
        goto done;
    }
    body = parse_disjunction(p);
    if (body == NULL || (r = mp_parser_accept_keyword(p, KW_IF)) <= 0) {
        e = r == 0 ? body : NULL;
        goto done;
    }
    test = parse_disjunction(p);
    if (test == NULL)
        goto done;
    if ((r = mp_parser_accept_keyword(p, KW_ELSE)) != 1) {
        if (r == 0)
            mp_parser_error_node(p, body->lineno, body->col_offset,
                                 test->end_lineno, test->end_col_offset,
                                 "expected 'else' after 'if' expression");
        goto done;
    }
    orelse = mp_parse_expression(p);
    if (orelse == NULL || (e = mp_parser_expr(p, AST_IfExp, t)) == NULL)
        goto done;
    e->v.IfExp.test = test;
    e->v.IfExp.body = body;
    e->v.IfExp.orelse = orelse;
done:
    mp_parser_leave(p);
    return e;
}

mp_expr *
mp_parse_named_expression(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0), *t1 = NULL;
    mp_expr *target, *value, *e;

    if (t == NULL || (is_name(t) && (t1 = mp_parser_peek(p, 1)) == NULL))
        return NULL;
    if (t1 == NULL || !is_op(t1, MP_OP_COLONEQUAL)) {
        e = mp_parse_expression(p);
        if (e != NULL && mp_parser_at_op(p, MP_OP_COLONEQUAL) == 1) {
            char msg[96];
            snprintf(msg, sizeof(msg), "cannot use assignment expressions "
                     "with %s", mp_parser_expr_name(e));
            return mp_parser_error_node(p, e->lineno, e->col_offset,
                                        e->end_lineno, e->end_col_offset,
                                        msg);
        }
        return e;
    }
    target = parse_atom(p);
    p->pos++;       /* ':=' */
    if (target == NULL || (value = mp_parse_expression(p)) == NULL)
        return NULL;
    target->v.Name.ctx = AST_Store;
    e = mp_parser_expr(p, AST_NamedExpr, t);
    if (e != NULL) {
        e->v.NamedExpr.target = target;
        e->v.NamedExpr.value = value;
    }
    return e;
}

/* star_expression: '*' bitwise_or | expression */
static mp_expr *
parse_star_expression(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_expr *v, *e;

    if (t == NULL)
        return NULL;
    if (!is_op(t, MP_OP_STAR))
        return mp_parse_expression(p);
    p->pos++;
    v = mp_parse_bitwise_or(p);
    if (v == NULL || (e = mp_parser_expr(p, AST_Starred, t)) == NULL)
        return NULL;
    e->v.Starred.value = v;
    e->v.Starred.ctx = AST_Load;
    return e;
}

/* item (',' item)* [','] as one expression or a Tuple. */
static mp_expr *
parse_tuple_of(mp_parser *p, mp_expr *(*item)(mp_parser *))
{
    p_token *start = mp_parser_peek(p, 0);
    mp_expr *first = start ? item(p) : NULL, *e;
    p_list elts;
    int r = 0;

    if (first == NULL || (r = mp_parser_at_op(p, MP_OP_COMMA)) <= 0)
        return r < 0 ? NULL : first;
    p_list_init(&elts);
    if (p_list_append(&elts, first) < 0)
        goto error;
    while (mp_parser_accept_op(p, MP_OP_COMMA) == 1) {
        p_token *t = mp_parser_peek(p, 0);
        mp_expr *next;
        if (t == NULL)
            goto error;
        if (!starts_expression(t))
            break;
        if ((next = item(p)) == NULL || p_list_append(&elts, next) < 0)
            goto error;
    }
    if (MpErr_Occurred())
        goto error;
    e = mp_parser_expr(p, AST_Tuple, start);
    if (e == NULL)
        goto error;
    e->v.Tuple.elts = p_list_finish(p, &elts);
    e->v.Tuple.ctx = AST_Load;
    return e->v.Tuple.elts == NULL ? NULL : e;
error:
    p_list_clear(&elts);
    return NULL;
}

mp_expr *
mp_parse_star_expressions(mp_parser *p)
{
    return parse_tuple_of(p, parse_star_expression);
}

/* star_target: '*' bitwise_or | bitwise_or (before 'in'). */
static mp_expr *
parse_star_target(mp_parser *p)
{
    p_token *t = mp_parser_peek(p, 0);
    mp_expr *v, *e;

    if (t == NULL)
        return NULL;
    if (!is_op(t, MP_OP_STAR))
        return mp_parse_bitwise_or(p);
    p->pos++;
    v = mp_parse_bitwise_or(p);
    if (v == NULL || (e = mp_parser_expr(p, AST_Starred, t)) == NULL)
        return NULL;
    e->v.Starred.value = v;
    e->v.Starred.ctx = AST_Store;
    return e;
}

mp_expr *
mp_parse_star_targets(mp_parser *p)
{
    mp_expr *e = parse_tuple_of(p, parse_star_target);
    if (e != NULL && e->kind == AST_Starred)
        return mp_parser_error_node(p, e->lineno, e->col_offset,
                                    e->end_lineno, e->end_col_offset,
                                    "starred assignment target must be in "
                                    "a list or tuple");
    return e;
}

mp_expr *
mp_parse_yield_expr(mp_parser *p)
{
    p_token *start = mp_parser_next(p);      /* 'yield' */
    mp_expr *value = NULL, *e;
    p_token *t;
    int from;

    if (start == NULL || (from = mp_parser_accept_keyword(p, KW_FROM)) < 0)
        return NULL;
    if (from) {
        value = mp_parse_expression(p);
        if (value == NULL || (e = mp_parser_expr(p, AST_YieldFrom, start))
                             == NULL)
            return NULL;
        e->v.YieldFrom.value = value;
        return e;
    }
    if ((t = mp_parser_peek(p, 0)) == NULL)
        return NULL;
    if (starts_expression(t) && (value = mp_parse_star_expressions(p))
                                == NULL)
        return NULL;
    e = mp_parser_expr(p, AST_Yield, start);
    if (e != NULL)
        e->v.Yield.value = value;
    return e;
}

/* ('for' star_targets 'in' disjunction ('if' disjunction)*)+ */
static mp_asdl_seq *
parse_comprehension(mp_parser *p)
{
    p_list gens;

    p_list_init(&gens);
    while (mp_parser_accept_keyword(p, KW_FOR) == 1) {
        mp_comprehension *c = mp_ast_node(p->arena, sizeof(*c));
        p_list ifs;
        if (c == NULL || (c->target = mp_parse_star_targets(p)) == NULL)
            goto error;
        if (mp_parser_accept_keyword(p, KW_IN) != 1) {
            mp_parser_invalid_syntax(p);
            goto error;
        }
        if (mp_parser_set_context(p, c->target, AST_Store,
                                  MP_TARGET_FOR) < 0 ||
            (c->iter = parse_disjunction(p)) == NULL)
            goto error;
        p_list_init(&ifs);
        while (mp_parser_accept_keyword(p, KW_IF) == 1) {
            mp_expr *cond = parse_disjunction(p);
            if (cond == NULL || p_list_append(&ifs, cond) < 0) {
                p_list_clear(&ifs);
                goto error;
            }
        }
        if ((c->ifs = p_list_finish(p, &ifs)) == NULL ||
            p_list_append(&gens, c) < 0)
            goto error;
    }
    if (MpErr_Occurred())
        goto error;
    return p_list_finish(p, &gens);
error:
    p_list_clear(&gens);
    return NULL;
}
