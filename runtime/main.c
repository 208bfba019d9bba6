/*
 * main.c -- the minipy command line.
 *
 *   minipy FILE.py [args...]    run a script (sys.argv = [FILE, args...])
 *   minipy -c SOURCE [args...]  run a string
 *   minipy - | minipy < FILE    run standard input
 *   minipy                      the REPL when standard input is a terminal
 *
 * Exit status: 0 on success, 1 after an uncaught exception (or a syntax
 * error), 2 for a usage error or a file that cannot be read -- CPython's
 * conventions.  --dump-ast and --dis show the tree and the bytecode minipy
 * makes of a program, for learners.
 *
 * The REPL reads a statement at a time (a block ends at an empty line, as
 * in CPython), prints the repr of expression statements and carries on
 * after an exception.  When the CLI is built with libedit, lines can be
 * edited and recalled; the library itself never depends on it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef MP_HAVE_LIBEDIT
#  include <editline/readline.h>
#endif

#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "runtime/codeobject.h"
#include "runtime/compile.h"
#include "runtime/import.h"
#include "runtime/parser.h"
#include "runtime/pythonrun.h"

static const char usage_text[] =
    "usage: minipy [option] ... [-c cmd | file | -] [arg] ...\n"
    "Options:\n"
    "  -c cmd      program passed in as string (terminates option list)\n"
    "  -h, --help  print this help message and exit\n"
    "  -V, --version\n"
    "              print the minipy version and exit\n"
    "  --dump-ast  print the syntax tree of the program instead of running "
    "it\n"
    "  --dis       print the bytecode of the program instead of running it\n"
    "  --trace=EVENTS\n"
    "              print a line per event: EVENTS is a comma-separated list\n"
    "              of alloc, free, gc, cache; ids numbers objects in place\n"
    "              of their addresses\n"
    "  --trace-type=TYPE\n"
    "              trace only objects of the type named TYPE\n"
    "  --heap-graph FILE\n"
    "              draw the stack and the heap at exit into FILE (.svg, .png\n"
    "              or .pdf through Graphviz's dot, else DOT text), and at\n"
    "              each mem.graph() call into FILE-1, FILE-2, ...\n"
    "  --malloc-stats\n"
    "              print the allocator's statistics to stderr at exit,\n"
    "              with the bytes each small block was asked for (recorded\n"
    "              from start-up, which sends every request down the\n"
    "              allocator's slower, counting path)\n"
    "  file        program read from script file\n"
    "  -           program read from stdin (default; interactive mode if a "
    "tty)\n"
    "  arg ...     arguments passed to program in sys.argv[1:]\n"
    "Environment:\n"
    "  MINIPYHASHSEED  'random', or an integer in [0; 4294967295] to fix "
    "str hashes\n"
    "  MINIPYMALLOC    'debug' (guard bytes and fills) or 'malloc' (system "
    "allocator)\n";

typedef enum { SHOW_NOTHING, SHOW_AST, SHOW_DIS } show_mode;

typedef struct {
    const char *command;        /* -c */
    const char *script;         /* a file, or "-" */
    int args_start;             /* argv index of sys.argv[0] */
    show_mode show;
    int malloc_stats;           /* --malloc-stats */
    int trace;                  /* --trace: MP_MEM_TRACE_* flags */
    const char *trace_type;     /* --trace-type, or NULL */
    const char *heap_graph;     /* --heap-graph, or NULL */
} options;

static int
usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "usage: minipy [option] ... [-c cmd | file | -] "
            "[arg] ...\nTry `minipy -h' for more information.\n");
    return 2;
}

/* Parse the options; -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, options *opt)
{
    int i;

    memset(opt, 0, sizeof(*opt));
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("minipy %s (Python 3.11 subset)\n", MINIPY_VERSION);
            return 0;
        }
        if (strcmp(a, "--dump-ast") == 0) {
            opt->show = SHOW_AST;
        }
        else if (strcmp(a, "--dis") == 0) {
            opt->show = SHOW_DIS;
        }
        else if (strcmp(a, "--malloc-stats") == 0) {
            opt->malloc_stats = 1;
        }
        else if (strncmp(a, "--trace=", 8) == 0) {
            opt->trace = MpMem_ParseTrace(a + 8);
            if (opt->trace <= 0)
                return usage_error("--trace: not a list of alloc, free, "
                                   "gc, cache, ids: %s\n", a + 8);
        }
        else if (strncmp(a, "--trace-type=", 13) == 0) {
            opt->trace_type = a + 13;
        }
        else if (strcmp(a, "--heap-graph") == 0) {
            if (i + 1 >= argc)
                return usage_error("Argument expected for the --heap-graph "
                                   "option\n", NULL);
            opt->heap_graph = argv[++i];
        }
        else if (strcmp(a, "-c") == 0) {
            if (i + 1 >= argc)
                return usage_error("Argument expected for the -c option\n",
                                   NULL);
            opt->command = argv[i + 1];
            opt->args_start = i;        /* sys.argv[0] == '-c' */
            return -1;
        }
        else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("Unknown option: %s\n", a);
        }
        else {
            opt->script = a;
            opt->args_start = i;
            return -1;
        }
    }
    opt->args_start = argc;
    return -1;
}

/* The absolute path of 'path' (CPython shows scripts that way). */
static MpObject *
absolute_path(const char *path)
{
    char buf[PATH_MAX];

    if (path[0] == '/' || realpath(path, buf) == NULL)
        return MpUnicode_FromString(path);
    return MpUnicode_FromString(buf);
}

/* Print the AST or the bytecode of 'source' instead of running it. */
static int
show_program(const char *source, size_t len, MpObject *filename,
             show_mode show)
{
    mp_arena *arena = mp_arena_new();
    char *text = arena ? MpMem_RawMalloc(len + 1) : NULL;
    mp_mod *mod = NULL;
    MpObject *out = NULL;

    if (text != NULL) {
        memcpy(text, source, len);
        text[len] = '\0';
        mod = mp_parse_string(text, filename, MP_PARSE_FILE, arena, NULL);
    }
    if (mod != NULL && show == SHOW_AST) {
        out = mp_ast_dump(mod, 0);
    }
    else if (mod != NULL) {
        MpCodeObject *co = mp_compile(mod, filename, text, 0, arena);
        out = co ? mp_code_disassemble_all(co) : NULL;
        Mp_XDECREF(co);
    }
    if (out != NULL)
        printf("%s\n", MpUnicode_AsUTF8(out));
    Mp_XDECREF(out);
    MpMem_RawFree(text);
    mp_arena_free(arena);
    return out != NULL ? 0 : mp_run_report_exception();
}

static int
run_source(const char *source, size_t len, MpObject *filename,
           show_mode show)
{
    MpObject *globals, *r;

    if (show != SHOW_NOTHING)
        return show_program(source, len, filename, show);
    globals = mp_run_main_dict();
    if (globals == NULL)
        return mp_run_report_exception();
    r = mp_run_source(source, len, filename, globals, 0, MP_PARSE_FILE,
                      NULL);
    if (r == NULL)
        return mp_run_report_exception();
    Mp_DECREF(r);
    return 0;
}

static int
run_file(const char *path, show_mode show)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    MpObject *filename, *globals;
    char *source;
    size_t len;
    int status;

    if (fp == NULL) {
        int err = errno;
        MpObject *abs = absolute_path(path);
        fprintf(stderr, "minipy: can't open file '%s': [Errno %d] %s\n",
                abs ? MpUnicode_AsUTF8(abs) : path, err, strerror(err));
        Mp_XDECREF(abs);
        return 2;
    }
    source = mp_run_read_file(fp, &len);
    if (fp != stdin)
        fclose(fp);
    if (source == NULL) {
        fprintf(stderr, "minipy: can't read file '%s': %s\n", path,
                strerror(errno));
        return 2;
    }
    filename = fp == stdin ? MpUnicode_FromString("<stdin>")
                           : absolute_path(path);
    globals = mp_run_main_dict();
    if (filename == NULL || globals == NULL ||
        (fp != stdin && MpDict_SetItemString(globals, "__file__",
                                             filename) < 0))
        status = mp_run_report_exception();
    else
        status = run_source(source, len, filename, show);
    Mp_XDECREF(filename);
    MpMem_RawFree(source);
    return status;
}

/* ---- The REPL ---- */

typedef struct {
    char *text;
    size_t len, cap;
} line_buffer;

static int
buffer_add(line_buffer *b, const char *line)
{
    size_t n = strlen(line);
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap + n + 1) * 2;
        char *text = MpMem_RawRealloc(b->text, cap);
        if (text == NULL)
            return -1;
        b->text = text;
        b->cap = cap;
    }
    memcpy(b->text + b->len, line, n + 1);
    b->len += n;
    return 0;
}

/* One line of input after showing 'prompt' (with line editing and
 * history when available); NULL at the end of input. */
static char *
read_line(const char *prompt, char *buf, size_t size)
{
#ifdef MP_HAVE_LIBEDIT
    if (isatty(0)) {
        char *line = readline(prompt);
        size_t n;
        if (line == NULL)
            return NULL;
        if (line[0] != '\0')
            add_history(line);
        n = strlen(line);
        if (n > size - 2)
            n = size - 2;
        memcpy(buf, line, n);
        buf[n] = '\n';
        buf[n + 1] = '\0';
        free(line);
        return buf;
    }
#endif
    fputs(prompt, stdout);
    fflush(stdout);
    return fgets(buf, (int)size, stdin);
}

static int
is_blank(const char *line)
{
    while (*line == ' ' || *line == '\t' || *line == '\r' || *line == '\n')
        line++;
    return *line == '\0';
}

/* 1 if 'text' parses as a whole statement, 0 if the input ended too
 * early, -1 if it is wrong (running it will report the error). */
static int
input_complete(const char *text, MpObject *filename)
{
    mp_arena *arena = mp_arena_new();
    int incomplete = 0;
    mp_mod *mod;

    if (arena == NULL) {
        MpErr_Clear();
        return -1;
    }
    mod = mp_parse_string(text, filename, MP_PARSE_SINGLE, arena,
                          &incomplete);
    mp_arena_free(arena);
    if (mod != NULL)
        return 1;
    MpErr_Clear();
    return incomplete ? 0 : -1;
}

/* Does the line open a block ("if x:", "def f():")? */
static int
opens_block(const char *line)
{
    const char *end = line + strlen(line), *hash = strchr(line, '#');

    if (hash != NULL)
        end = hash;
    while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
                          end[-1] == '\n' || end[-1] == '\r'))
        end--;
    return end > line && end[-1] == ':';
}

/* Read one statement and run it: a simple statement as soon as it is
 * complete, a block at the first empty line.  Returns 0 to go on, 1 at
 * the end of input, or 2 + status after SystemExit. */
static int
repl_one(MpObject *filename, MpObject *globals)
{
    line_buffer b = {NULL, 0, 0};
    char line[4096];
    int lines = 0, block = 0, result = 0;
    MpObject *r;

    for (;;) {
        int eof = read_line(lines == 0 ? ">>> " : "... ", line,
                            sizeof(line)) == NULL;
        if (eof) {
            fputc('\n', stdout);
            if (lines == 0) {
                result = 1;
                goto done;
            }
            break;
        }
        if (lines == 0 && is_blank(line))
            goto done;
        if (block && is_blank(line))
            break;
        if (buffer_add(&b, line) < 0)
            goto done;
        if (lines++ == 0)
            block = opens_block(line);
        if (!block && input_complete(b.text, filename) != 0)
            break;
    }
    r = mp_run_source(b.text, b.len, filename, globals,
                      MP_COMPILE_INTERACTIVE, MP_PARSE_SINGLE, NULL);
    if (r == NULL) {
        if (MpErr_ExceptionMatches(MpExc_SystemExit))
            result = 2 + mp_run_report_exception();
        else
            mp_run_report_exception();
    }
    Mp_XDECREF(r);
done:
    MpMem_RawFree(b.text);
    fflush(stdout);
    return result;
}

static int
run_repl(void)
{
    MpObject *filename = MpUnicode_FromString("<stdin>");
    MpObject *globals = mp_run_main_dict();
    int r;

    if (filename == NULL || globals == NULL) {
        Mp_XDECREF(filename);
        return mp_run_report_exception();
    }
    printf("minipy %s (Python 3.11 subset) on linux\n"
           "Type \"exit()\" or press Ctrl-D to leave.\n", MINIPY_VERSION);
    do {
        r = repl_one(filename, globals);
    } while (r == 0);
    Mp_DECREF(filename);
    return r >= 2 ? r - 2 : 0;
}

int
main(int argc, char **argv)
{
    options opt;
    int status = parse_options(argc, argv, &opt);

    if (status >= 0)
        return status;
    if (opt.malloc_stats)
        MpMem_ResetPeak();      /* record every request from the start */
    if (Mp_Initialize() < 0) {
        fprintf(stderr, "minipy: initialization failed\n");
        return 1;
    }
    if (opt.trace_type != NULL && opt.trace == 0)
        opt.trace = MP_MEM_TRACE_ALLOC | MP_MEM_TRACE_FREE;
    if (opt.trace != 0 && MpMem_SetTrace(opt.trace, opt.trace_type,
                                         stdout) < 0) {
        fprintf(stderr, "minipy: --trace-type: name too long\n");
        Mp_Finalize();
        return 2;
    }
    if (opt.heap_graph != NULL
        && MpMem_SetHeapGraphPath(opt.heap_graph) < 0) {
        fprintf(stderr, "minipy: out of memory\n");
        Mp_Finalize();
        return 1;
    }
    if (mp_sys_set_argv(argc - opt.args_start, argv + opt.args_start) < 0) {
        status = mp_run_report_exception();
    }
    else if (opt.command != NULL) {
        MpObject *name = MpUnicode_FromString("<string>");
        status = name == NULL ? mp_run_report_exception()
            : run_source(opt.command, strlen(opt.command), name, opt.show);
        Mp_XDECREF(name);
    }
    else if (opt.script != NULL) {
        status = run_file(opt.script, opt.show);
    }
    else if (isatty(0) && opt.show == SHOW_NOTHING) {
        status = run_repl();
    }
    else {
        status = run_file("-", opt.show);
    }
    (void)MpMem_SetTrace(0, NULL, NULL);
    fflush(stdout);
    if (opt.heap_graph != NULL) {
        if (MpMem_SaveHeapGraph(opt.heap_graph, 6) < 0 && status == 0)
            status = mp_run_report_exception();
        (void)MpMem_SetHeapGraphPath(NULL);
    }
    if (opt.malloc_stats)
        MpAlloc_DumpStats(stderr);
    Mp_Finalize();
    return status;
}
