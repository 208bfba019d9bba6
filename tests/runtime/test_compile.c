/*
 * test_compile.c -- the symbol table and the bytecode compiler.
 *
 * Checks what CPython 3.11's compiler guarantees and programs can see:
 * constants merged across a whole module and interned when they look like
 * identifiers, names interned, local/cell/free/global scopes, the line of
 * each instruction, the code shapes that decide list sizes, constant
 * folding within CPython's limits, compile-time SyntaxErrors, and clean
 * failure when memory runs out.  Every test runs under MP_TEST's leak
 * check.
 */
#include <stdio.h>
#include <string.h>

#include "support/harness.h"
#include "include/internal/mp_core.h"
#include "runtime/compile.h"
#include "runtime/parser.h"
#include "objects/tupleobject.h"

/* Compile 'source' as a module.  New, or NULL with an exception. */
static MpCodeObject *
compile_source(const char *source)
{
    MpObject *name = MpUnicode_FromString("t.py");
    mp_arena *arena = mp_arena_new();
    mp_mod *mod = NULL;
    MpCodeObject *co = NULL;

    if (name != NULL && arena != NULL)
        mod = mp_parse_string(source, name, MP_PARSE_FILE, arena, NULL);
    if (mod != NULL)
        co = mp_compile(mod, name, source, 0, arena);
    mp_arena_free(arena);
    Mp_XDECREF(name);
    return co;
}

/* The first nested code object among co's constants. */
static MpCodeObject *
nested_code(MpCodeObject *co)
{
    Mp_ssize_t i;
    for (i = 0; i < MpTuple_GET_SIZE(co->co_consts); i++) {
        MpObject *c = MpTuple_GET_ITEM(co->co_consts, i);
        if (MpCode_Check(c))
            return (MpCodeObject *)c;
    }
    fail_msg("no nested code object");
    return NULL;
}

/* The constant equal to 'value' (as an int), or NULL. */
static MpObject *
find_int_const(MpCodeObject *co, long value)
{
    Mp_ssize_t i;
    for (i = 0; i < MpTuple_GET_SIZE(co->co_consts); i++) {
        MpObject *c = MpTuple_GET_ITEM(co->co_consts, i);
        if (MpLong_CheckExact(c) && MpLong_AsLong(c) == value)
            return c;
    }
    return NULL;
}

static int
count_opcode(MpCodeObject *co, int opcode)
{
    Mp_ssize_t i;
    int n = 0;
    for (i = 0; i < co->co_ncode; i++)
        n += MP_OPCODE(co->co_code[i]) == opcode;
    return n;
}

static void
test_constants_are_merged_across_the_module(void **state)
{
    MpCodeObject *co = compile_source("a = 257\nb = 257\n"
                                      "def f():\n    return 257\n");
    MpObject *outer, *inner;

    (void)state;
    assert_non_null(co);
    outer = find_int_const(co, 257);
    inner = find_int_const(nested_code(co), 257);
    assert_non_null(outer);
    assert_ptr_equal(outer, inner);
    /* 257 appears once among the module's constants. */
    assert_int_equal(count_opcode(co, LOAD_CONST) >= 2, 1);
    Mp_DECREF(co);
}

static void
test_names_and_identifier_constants_are_interned(void **state)
{
    MpCodeObject *co = compile_source("x = 'hello_world'\n"
                                      "y = 'hello world'\nprint(x)\n");
    Mp_ssize_t i;
    int ident = 0, other = 0;

    (void)state;
    assert_non_null(co);
    for (i = 0; i < MpTuple_GET_SIZE(co->co_names); i++)
        assert_true(MpUnicode_IsInterned(MpTuple_GET_ITEM(co->co_names, i)));
    for (i = 0; i < MpTuple_GET_SIZE(co->co_consts); i++) {
        MpObject *c = MpTuple_GET_ITEM(co->co_consts, i);
        if (MpUnicode_EqualToUTF8(c, "hello_world"))
            ident = MpUnicode_IsInterned(c) ? 1 : -1;
        if (MpUnicode_EqualToUTF8(c, "hello world"))
            other = MpUnicode_IsInterned(c) ? 1 : -1;
    }
    assert_int_equal(ident, 1);
    assert_int_equal(other, -1);
    Mp_DECREF(co);
}

static void
test_scopes_make_cells_and_free_variables(void **state)
{
    MpCodeObject *co = compile_source(
        "def outer(a):\n"
        "    b = 1\n"
        "    def inner():\n"
        "        global g\n"
        "        g = a + b\n"
        "    return inner\n");
    MpCodeObject *outer, *inner;

    (void)state;
    assert_non_null(co);
    outer = nested_code(co);
    inner = nested_code(outer);
    /* 'a' (a parameter) and 'b' are cells of outer, free in inner. */
    assert_int_equal(outer->co_ncellvars, 2);
    assert_int_equal(inner->co_nfreevars, 2);
    assert_non_null(outer->co_cell2arg);
    assert_int_equal(outer->co_cell2arg[0], 0);     /* 'a' is argument 0 */
    assert_int_equal(count_opcode(inner, LOAD_DEREF), 2);
    assert_int_equal(count_opcode(inner, STORE_GLOBAL), 1);
    assert_int_equal(count_opcode(outer, MAKE_FUNCTION), 1);
    assert_true(outer->co_flags & MP_CO_OPTIMIZED);
    assert_true(inner->co_flags & MP_CO_NESTED);
    assert_false(co->co_flags & MP_CO_OPTIMIZED);  /* module: names */
    Mp_DECREF(co);
}

static void
test_every_instruction_has_its_line(void **state)
{
    MpCodeObject *co = compile_source("x = 1\n\ny = (x +\n     2)\n");
    Mp_ssize_t i;
    int saw1 = 0, saw3 = 0, saw4 = 0;

    (void)state;
    assert_non_null(co);
    for (i = 0; i < co->co_ncode; i++) {
        int line = mp_code_line(co, (int)i);
        assert_true(line >= 1 && line <= 4);
        saw1 |= line == 1;
        saw3 |= line == 3;
        saw4 |= line == 4;
    }
    /* The 2 of the continued expression is on line 4. */
    assert_true(saw1 && saw3 && saw4);
    Mp_DECREF(co);
}

static void
test_list_displays_have_cpython_shapes(void **state)
{
    MpCodeObject *consts = compile_source("x = [1, 2, 3]\n");
    MpCodeObject *names = compile_source("x = [a, b, c]\n");

    (void)state;
    assert_non_null(consts);
    assert_non_null(names);
    /* Three constants: BUILD_LIST 0 + LIST_EXTEND (88 bytes, as 3.11). */
    assert_int_equal(count_opcode(consts, LIST_EXTEND), 1);
    assert_int_equal(count_opcode(names, LIST_EXTEND), 0);
    assert_int_equal(count_opcode(names, BUILD_LIST), 1);
    Mp_DECREF(consts);
    Mp_DECREF(names);
}

static void
test_constant_folding_within_limits(void **state)
{
    MpCodeObject *co = compile_source("a = 2 ** 10\nb = -5\nc = 1 / 0\n"
                                      "d = 2 ** 200\ne = 'ab' * 3\n");

    (void)state;
    assert_non_null(co);
    assert_non_null(find_int_const(co, 1024));
    assert_non_null(find_int_const(co, -5));
    /* 1/0 raises, 2**200 is over 128 bits: both left to run time. */
    assert_int_equal(count_opcode(co, BINARY_OP), 2);
    Mp_DECREF(co);
}

static void
test_compile_time_errors(void **state)
{
    static const struct { const char *source, *msg; int line; } cases[] = {
        {"x = 1\nreturn x\n", "'return' outside function", 2},
        {"break\n", "'break' outside loop", 1},
        {"while 1:\n    pass\ncontinue\n", "'continue' not properly in loop",
         3},
        {"def f():\n    x = 1\n    global x\n",
         "name 'x' is assigned to before global declaration", 3},
        {"def f(x):\n    nonlocal x\n", "name 'x' is parameter and nonlocal",
         2},
        {"def f():\n    nonlocal y\n", "no binding for nonlocal 'y' found",
         2},
        {"nonlocal z\n", "nonlocal declaration not allowed at module level",
         1},
        {"try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
         "default 'except:' must be last", 3},
    };
    size_t i;

    (void)state;
    for (i = 0; i < MP_ARRAY_LENGTH(cases); i++) {
        MpCodeObject *co = compile_source(cases[i].source);
        MpObject *exc, *msg, *line;
        if (co != NULL)
            fail_msg("case %zu compiled", i);
        exc = MpErr_GetRaisedException();
        assert_true(MpErr_GivenExceptionMatches(exc, MpExc_SyntaxError));
        msg = MpObject_GetAttrString(exc, "msg");
        line = MpObject_GetAttrString(exc, "lineno");
        assert_non_null(msg);
        assert_non_null(line);
        if (strcmp(MpUnicode_AsUTF8(msg), cases[i].msg) != 0)
            fail_msg("case %zu: '%s'", i, MpUnicode_AsUTF8(msg));
        assert_int_equal(MpLong_AsLong(line), cases[i].line);
        Mp_DECREF(msg);
        Mp_DECREF(line);
        Mp_DECREF(exc);
    }
}

static void
test_deep_blocks_are_an_error(void **state)
{
    static char source[8192];
    size_t n = 0;
    int i;
    MpCodeObject *co;

    (void)state;
    /* 21 nested for loops: more than the block stack holds. */
    for (i = 0; i < 21; i++)
        n += (size_t)snprintf(source + n, sizeof(source) - n,
                              "%*sfor x%d in y:\n", i, "", i);
    snprintf(source + n, sizeof(source) - n, "%*spass\n", i, "");
    co = compile_source(source);
    assert_null(co);
    mp_assert_raised(MpExc_SyntaxError);
}

static int
fail_after(size_t size, void *arg)
{
    long *countdown = arg;
    (void)size;
    return --*countdown < 0;
}

static void
test_allocation_failures_are_clean(void **state)
{
    const char *source =
        "class A:\n    def m(self, *a, k=1, **kw):\n"
        "        return [x for x in a if x] or {k: kw}\n"
        "try:\n    A().m(1)\nexcept Exception as e:\n    raise\n"
        "finally:\n    print(f'{e!r:>10}')\n";
    long k;

    (void)state;
    for (k = 0; ; k++) {
        long countdown = k;
        MpCodeObject *co;
        MpAlloc_SetFailHook(fail_after, &countdown);
        co = compile_source(source);
        MpAlloc_SetFailHook(NULL, NULL);
        if (co != NULL) {
            Mp_DECREF(co);
            break;
        }
        assert_non_null(MpErr_Occurred());
        MpErr_Clear();
    }
    assert_true(k > 50);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_constants_are_merged_across_the_module),
        MP_TEST(test_names_and_identifier_constants_are_interned),
        MP_TEST(test_scopes_make_cells_and_free_variables),
        MP_TEST(test_every_instruction_has_its_line),
        MP_TEST(test_list_displays_have_cpython_shapes),
        MP_TEST(test_constant_folding_within_limits),
        MP_TEST(test_compile_time_errors),
        MP_TEST(test_deep_blocks_are_an_error),
        MP_TEST(test_allocation_failures_are_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
