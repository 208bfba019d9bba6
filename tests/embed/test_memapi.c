/*
 * test_memapi.c -- the "Seeing memory" C API through minipy.h only: the
 * lifetime trace written to a memory stream (exact lines for a small
 * program), its switches and bad arguments, and the heap graph of
 * __main__ once no frame runs.  Every test runs under the leak check of
 * support/harness.h: tracing and drawing leave nothing behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "minipy.h"
#include "support/harness.h"

/* Run 'source' with the trace 'flags' on for objects of 'type' and
 * return what the trace printed (free it). */
static char *
traced(const char *source, int flags, const char *type)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(MpMem_SetTrace(flags, type, out), 0);
    assert_int_equal(MpRun_SimpleString(source), 0);
    assert_int_equal(MpMem_SetTrace(0, NULL, NULL), 0);
    fclose(out);
    return text;
}

/* 'text' with every " (N B, ...)" size part removed: sizes depend on the
 * allocator's mode (MINIPYMALLOC), the order of events does not. */
static void
drop_sizes(char *text)
{
    char *p;
    while ((p = strstr(text, " (")) != NULL && strstr(p, " B, ") != NULL
           && strchr(p, ')') != NULL && strstr(p, " B, ") < strchr(p, ')')) {
        char *end = strchr(p, ')') + 1;
        memmove(p, end, strlen(end) + 1);
    }
}

static void
test_trace_sequence(void **state)
{
    (void)state;
    char *text = traced("a = [1]\n"
                        "b = [a]\n"
                        "del a\n"
                        "del b\n",
                        MP_MEM_TRACE_ALLOC | MP_MEM_TRACE_FREE
                        | MP_MEM_TRACE_IDS, "list");
    drop_sizes(text);
    assert_string_equal(text,
                        "alloc list #1 line 1\n"
                        "alloc list #2 line 2\n"
                        "free list #1 line 4 (refcount reached 0)\n"
                        "free list #2 line 4 (refcount reached 0)\n");
    free(text);
}

static void
test_trace_gc_and_filters(void **state)
{
    (void)state;
    char *text = traced("import gc\n"
                        "gc.freeze()\n"
                        "c = [[]]\n"
                        "c[0].append(c)\n"
                        "d = {}\n"
                        "del c\n"
                        "gc.collect()\n"
                        "gc.unfreeze()\n",
                        MP_MEM_TRACE_FREE | MP_MEM_TRACE_GC
                        | MP_MEM_TRACE_IDS, "list");
    assert_string_equal(text,
                        "gc gen2: 2 examined, 2 unreachable, "
                        "0 stay in gen2\n"
                        "free list (born before the trace) line 7 "
                        "(freed by the gc)\n"
                        "free list (born before the trace) line 7 "
                        "(freed by the gc)\n");
    free(text);
}

static void
test_trace_switches(void **state)
{
    (void)state;
    char name[80];
    assert_int_equal(MpMem_ParseTrace("alloc,free,gc,cache,ids"),
                     MP_MEM_TRACE_ALLOC | MP_MEM_TRACE_FREE
                     | MP_MEM_TRACE_GC | MP_MEM_TRACE_CACHE
                     | MP_MEM_TRACE_IDS);
    assert_int_equal(MpMem_ParseTrace("gc"), MP_MEM_TRACE_GC);
    assert_int_equal(MpMem_ParseTrace("gc,"), -1);
    assert_int_equal(MpMem_ParseTrace(",gc"), -1);
    assert_int_equal(MpMem_ParseTrace("alloc,bogus"), -1);
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    assert_int_equal(MpMem_SetTrace(MP_MEM_TRACE_ALLOC, name, NULL), -1);
    assert_int_equal(MpMem_GetTrace(), 0);
    assert_int_equal(MpMem_SetTrace(MP_MEM_TRACE_GC, NULL, NULL), 0);
    assert_int_equal(MpMem_GetTrace(), MP_MEM_TRACE_GC);
    assert_int_equal(MpMem_SetTrace(0, NULL, NULL), 0);
    assert_int_equal(MpMem_GetTrace(), 0);
}

/* The node the stack row of 'name' points at ("o1"), read from the DOT
 * text: the row's port, then the arrow leaving it. */
static void
target_of(const char *text, const char *name, char *node, size_t size)
{
    char row[64], port[32], arrow[64];
    const char *p, *q;
    snprintf(row, sizeof(row), "\" align=\"left\">%s</td>", name);
    p = strstr(text, row);
    assert_non_null(p);
    q = p;
    while (q > text && strncmp(q, "port=\"", 6) != 0)
        q--;
    assert_true(p - (q + 6) < (ptrdiff_t)sizeof(port));
    snprintf(port, sizeof(port), "%.*s", (int)(p - (q + 6)), q + 6);
    snprintf(arrow, sizeof(arrow), "stack:%s:e -> ", port);
    p = strstr(text, arrow);
    assert_non_null(p);
    p += strlen(arrow);
    snprintf(node, size, "%.*s", (int)strcspn(p, ";"), p);
}

/* With no frame running, the graph shows __main__'s names. */
static void
test_graph_of_main(void **state)
{
    (void)state;
    char *text = NULL, xs[16], ys[16], want[512];
    const char *p;
    size_t len = 0;
    FILE *out;
    assert_int_equal(MpRun_SimpleString("xs = [1000, 2000]\n"
                                        "ys = xs\n"
                                        "zs = (xs, 'b')\n"), 0);
    out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(MpMem_WriteHeapGraph(out, 4), 0);
    fclose(out);
    assert_non_null(strstr(text, "digraph heap {"));
    assert_non_null(strstr(text, "rankdir=LR"));
    assert_non_null(strstr(text, "<b>&lt;module&gt;</b>"));
    assert_non_null(strstr(text, "align=\"left\">xs</td>"));
    /* xs and ys point at the same node: the list, with refcount 3 (the
     * two names and the tuple), whose item [0] is the int 1000 */
    target_of(text, "xs", xs, sizeof(xs));
    target_of(text, "ys", ys, sizeof(ys));
    assert_string_equal(xs, ys);
    snprintf(want, sizeof(want), "    %s [label=<<table border=\"0\" "
             "cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n"
             "      <tr><td bgcolor=\"#cfe2f3\"><b>list</b></td></tr>\n"
             "      <tr><td>2 items</td></tr>\n"
             "      <tr><td><font point-size=\"10\">refcount 3, size", xs);
    assert_non_null(strstr(text, want));
    snprintf(want, sizeof(want), "  %s -> o", xs);
    p = strstr(text, want);
    assert_non_null(p);
    assert_non_null(strstr(p, " [label=<[0]>];"));
    assert_non_null(strstr(text, "<td>1000</td>"));
    free(text);
}

static void
test_graph_bad_path(void **state)
{
    (void)state;
    assert_int_equal(MpMem_SaveHeapGraph("/nonexistent/dir/g.dot", 3), -1);
    mp_assert_raised(MpExc_OSError);
    assert_int_equal(MpMem_SetHeapGraphPath("pictures/step.dot"), 0);
    assert_string_equal(MpMem_GetHeapGraphPath(), "pictures/step.dot");
    assert_int_equal(MpMem_SetHeapGraphPath(NULL), 0);
    assert_null(MpMem_GetHeapGraphPath());
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_trace_sequence),
        MP_TEST(test_trace_gc_and_filters),
        MP_TEST(test_trace_switches),
        MP_TEST(test_graph_of_main),
        MP_TEST(test_graph_bad_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
