/*
 * oom_run.c -- out-of-memory injection: every allocation of a run fails in
 * turn, and the runtime must survive each one.
 *
 *   oom_run [-p] [-v] [-t SECONDS] [-i] FILE.py ...
 *                        the programs (-i: Mp_Initialize first)
 *   oom_run [-p] [-v] -s [NAME ...]
 *                        the C scenarios (tests/oom/oom_scenarios.c)
 *   oom_run -n FILE.py ...          only count the allocations
 *   oom_run -k K [-p] [-v] FILE.py  only run k = K (to debug it)
 *
 * Method.  A run is: Mp_Initialize with no fault injection, then, with the
 * allocator's fail hook (MpAlloc_SetFailHook) counting every request of
 * every family, the program (sys.argv, __main__, compile, run, printing
 * of the uncaught exception) or the scenario, then Mp_Finalize.  Run k
 * fails the k-th request counted: only that one ("transient" mode, the
 * default: later requests succeed again, as after a passing shortage), or
 * it and every later one ("persistent" mode, -p: the memory never comes
 * back, so even finalisation runs without any).  k goes from 1 until a run
 * ends before its k-th request: every allocation the failure-free run makes
 * has then failed once.  All runs happen in this process, re-initialising
 * the runtime each time, so a sweep costs no process start-ups.
 *
 * Each run must end, within the time limit (-t, 10 s by default), either
 * as the failure-free run ended (the program caught the MemoryError, or
 * the runtime could do without that memory) or in MemoryError.  In the
 * first case, unless a MemoryError shows in its output (caught and
 * printed, or "Exception ignored" from a destructor), it must print on
 * stdout exactly what the failure-free run printed: memory the runtime
 * could do without must change nothing.  (One visible exception: a list
 * whose shrinking realloc fails keeps its bigger block, which
 * sys.getsizeof shows; programs printing that are not in the set.)  After
 * Mp_Finalize: no exception set, no live object, no tracked object the
 * collector had to force-free, and the allocator's blocks in use back to
 * their count before Mp_Initialize.  Any other outcome prints the file and
 * k (rerun it alone with -v to see the program's output) and exits with
 * status 1; a crash, an assertion or a sanitizer report stops the process
 * after printing them.  Mp_Initialize itself is swept once, under the name
 * <init>: each run must return -1 with nothing left allocated, or 0.
 *
 * `make oom` builds it with ASan and UBSan (build/asan/oom_run) and runs
 * a sample again under valgrind, built without them.  It runs in the
 * allocator's malloc mode (MINIPYMALLOC=malloc unless set) so that every
 * object is a malloc block the checkers watch.  The programs' output goes
 * to /dev/null unless -v is given.  One line per file: the allocations of
 * its failure-free run, the injected failures survived, and how the runs
 * ended.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "include/internal/mp_core.h"
#include "gc/gc.h"
#include "runtime/builtins.h"
#include "runtime/pythonrun.h"
#include "tests/oom/oom_scenarios.h"

/* ---- The fail hook ---- */

static struct {
    long k;             /* the request to fail (1-based); 0: none */
    long count;         /* requests counted in this run */
    int persistent;     /* fail every request from the k-th on */
} plan;

static int
fail_hook(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    plan.count++;
    return plan.k > 0 && (plan.count == plan.k ||
                          (plan.persistent && plan.count > plan.k));
}

static void
plan_start(long k)
{
    plan.k = k;
    plan.count = 0;
    MpAlloc_SetFailHook(fail_hook, NULL);
}

static void
plan_stop(void)
{
    MpAlloc_SetFailHook(NULL, NULL);
}

/* ---- Reporting ---- */

static FILE *report;            /* the real stderr */
static int verbose;
static int count_only;
static long only_k;             /* -k: the one run to make */
static unsigned timeout_seconds = 10;
static const char *current_name = "";
static long current_k;

static void
say_where(void)
{
    char buf[512];
    int n = snprintf(buf, sizeof(buf),
                     "oom_run: %s: died while failing allocation %ld%s\n",
                     current_name, current_k,
                     plan.persistent ? " and every later one" : "");
    if (n > 0)
        (void)!write(fileno(report), buf, (size_t)MP_MIN(n, 511));
}

static void
on_fatal_signal(int sig)
{
    if (sig == SIGALRM) {
        char buf[512];
        int n = snprintf(buf, sizeof(buf), "oom_run: %s: allocation %ld: "
                         "no end after %u s\n", current_name, current_k,
                         timeout_seconds);
        if (n > 0)
            (void)!write(fileno(report), buf, (size_t)MP_MIN(n, 511));
    }
    else {
        say_where();
    }
    signal(sig, SIG_DFL);
    signal(SIGABRT, SIG_DFL);
    raise(sig == SIGALRM ? SIGABRT : sig);
}

/* AddressSanitizer calls this before it exits with its report (UBSan
 * aborts instead when UBSAN_OPTIONS has abort_on_error=1). */
extern void __sanitizer_set_death_callback(void (*callback)(void))
    __attribute__((weak));

static void
install_handlers(void)
{
    signal(SIGALRM, on_fatal_signal);
    signal(SIGABRT, on_fatal_signal);
    if (__sanitizer_set_death_callback != NULL) {
        /* ASan's own SIGSEGV handler reports the crash */
        __sanitizer_set_death_callback(say_where);
    }
    else {
        signal(SIGSEGV, on_fatal_signal);
        signal(SIGBUS, on_fatal_signal);
    }
}

/* What a run printed: stdout and stderr apart (the runtime's FILE
 * pointers are swapped for memory streams while it runs, unless -v). */
typedef struct {
    char *text[2];
    size_t len[2];
} output;

static output captured;

static void
output_free(output *o)
{
    free(o->text[0]);
    free(o->text[1]);
    memset(o, 0, sizeof(*o));
}

static void
capture(int on)
{
    static FILE *real[2], *stream[2];

    if (verbose)
        return;
    if (on) {
        output_free(&captured);
        real[0] = stdout;
        real[1] = stderr;
        stream[0] = open_memstream(&captured.text[0], &captured.len[0]);
        stream[1] = open_memstream(&captured.text[1], &captured.len[1]);
        if (stream[0] == NULL || stream[1] == NULL) {
            perror("oom_run: open_memstream");
            exit(2);
        }
        stdout = stream[0];
        stderr = stream[1];
    }
    else {
        fclose(stream[0]);
        fclose(stream[1]);
        stdout = real[0];
        stderr = real[1];
    }
}

/* A run that ends as the failure-free one without a MemoryError to be
 * seen (caught and printed, or "Exception ignored") did without the
 * memory it was refused: it must print what the failure-free run
 * printed.  (stderr may differ: a traceback may lack its source lines.) */
static int
output_explained(const output *normal, const output *o)
{
    static const char word[] = "MemoryError";

    if (verbose)
        return 1;
    if (o->len[0] == normal->len[0] &&
        memcmp(o->text[0], normal->text[0], o->len[0]) == 0)
        return 1;
    for (int i = 0; i < 2; i++)
        if (memmem(o->text[i], o->len[i], word, sizeof(word) - 1) != NULL)
            return 1;
    return 0;
}

/* ---- One run ---- */

/* How a run ended. */
typedef enum {
    END_OK,             /* no exception */
    END_MEMORY,         /* MemoryError */
    END_OTHER,          /* another exception: named in end_name */
    END_NO_INIT,        /* Mp_Initialize failed (only for <init>) */
} run_end;

static char end_name[128];

static run_end
classify_exception(void)
{
    MpObject *type = MpErr_Occurred();

    if (type == NULL)
        return END_OK;
    if (MpErr_ExceptionMatches(MpExc_MemoryError))
        return END_MEMORY;
    snprintf(end_name, sizeof(end_name), "%s",
             ((MpTypeObject *)type)->tp_name);
    return END_OTHER;
}

typedef struct {
    const char *path;           /* the program, or NULL for a scenario */
    const char *source;
    size_t len;
    const oom_scenario *scenario;
} target;

static run_end
run_program(const target *t)
{
    char *argv[1] = {(char *)t->path};
    MpObject *filename = NULL, *globals, *r = NULL;
    run_end end;

    if (mp_sys_set_argv(1, argv) < 0)
        goto done;
    filename = MpUnicode_FromString(t->path);
    globals = filename ? mp_run_main_dict() : NULL;
    if (globals == NULL ||
        MpDict_SetItemString(globals, "__file__", filename) < 0)
        goto done;
    r = mp_run_source(t->source, t->len, filename, globals, 0,
                      MP_PARSE_FILE, NULL);
done:
    Mp_XDECREF(r);
    Mp_XDECREF(filename);
    end = classify_exception();
    mp_run_report_exception();
    return end;
}

static run_end
run_scenario(const target *t)
{
    int rc = t->scenario->run();
    run_end end = classify_exception();

    if ((rc < 0) != (end != END_OK)) {
        snprintf(end_name, sizeof(end_name), rc < 0
                 ? "-1 without an exception" : "0 with an exception set");
        MpErr_Clear();
        return END_OTHER;
    }
    MpErr_Clear();
    return end;
}

static size_t
blocks_in_use(void)
{
    MpAllocStats stats;
    MpAlloc_GetStats(&stats);
    return stats.blocks_in_use;
}

/* What Mp_Finalize must leave: 0, or -1 after saying what is wrong. */
static int
check_clean(size_t blocks_before)
{
    Mp_ssize_t live = Mp_GetLiveObjects();
    Mp_ssize_t forced = mp_gc_fini_leftovers();
    size_t blocks = blocks_in_use();

    if (live == 0 && forced == 0 && blocks == blocks_before)
        return 0;
    fprintf(report, "oom_run: %s: allocation %ld: after Mp_Finalize %zd "
            "live object(s), %zd force-freed, %zd block(s) leaked\n",
            current_name, current_k, (ssize_t)live, (ssize_t)forced,
            (ssize_t)(blocks - blocks_before));
    return -1;
}

/* Run 't' failing request k (0: none).  The end, or -1 on a failed
 * check; *requests gets the number of requests the run made. */
static int
run_once(const target *t, long k, long *requests, run_end *end)
{
    size_t before = blocks_in_use();
    int init_only = t->path == NULL && t->scenario == NULL;

    current_k = k;
    alarm(timeout_seconds);
    capture(1);
    if (init_only)
        plan_start(k);
    if (Mp_Initialize() < 0) {
        plan_stop();
        capture(0);
        *requests = plan.count;
        alarm(0);
        *end = END_NO_INIT;
        if (!init_only)
            return -1;
        return blocks_in_use() == before ? 0 : check_clean(before);
    }
    if (!init_only)
        plan_start(k);
    *end = init_only ? END_OK : t->path ? run_program(t) : run_scenario(t);
    Mp_Finalize();
    plan_stop();
    capture(0);
    alarm(0);
    *requests = plan.count;
    if (MpErr_Occurred() != NULL) {
        fprintf(report, "oom_run: %s: allocation %ld: exception left set "
                "after Mp_Finalize\n", current_name, k);
        return -1;
    }
    return check_clean(before);
}

/* ---- A sweep ---- */

typedef struct {
    long requests;      /* of the failure-free run */
    long survived;      /* runs with an injected failure that passed */
    long memory;        /* ... ending in MemoryError */
    long same;          /* ... ending as the failure-free run did */
    long bad;           /* failed checks */
} sweep_result;

static const char *
end_text(run_end end)
{
    switch (end) {
    case END_OK: return "no exception";
    case END_MEMORY: return "MemoryError";
    case END_NO_INIT: return "Mp_Initialize failing";
    case END_OTHER: break;
    }
    return end_name;
}

/* A target stops being swept after this many failed checks. */
#define MAX_REPORTS 20

static int
sweep(const target *t, const char *name, sweep_result *res)
{
    run_end normal, end;
    char normal_name[sizeof(end_name)];
    output normal_output;
    long k, requests;

    memset(res, 0, sizeof(*res));
    current_name = name;
    if (run_once(t, 0, &res->requests, &normal) < 0) {
        fprintf(report, "oom_run: %s: fails without any injected failure\n",
                name);
        return -1;
    }
    snprintf(normal_name, sizeof(normal_name), "%s", end_name);
    normal_output = captured;
    memset(&captured, 0, sizeof(captured));
    for (k = only_k > 0 ? only_k : 1;
         !count_only && res->bad < MAX_REPORTS &&
         (only_k == 0 || k == only_k); k++) {
        int rc = run_once(t, k, &requests, &end);
        if (requests < k && rc == 0)
            break;
        if (rc < 0) {
            res->bad++;
            continue;
        }
        if (end == END_MEMORY || end == END_NO_INIT) {
            res->memory++;
        }
        else if (end == normal && (end != END_OTHER ||
                                   strcmp(end_name, normal_name) == 0)) {
            if (!output_explained(&normal_output, &captured)) {
                fprintf(report, "oom_run: %s: allocation %ld: printed "
                        "something else, with no MemoryError\n", name, k);
                res->bad++;
                continue;
            }
            res->same++;
        }
        else {
            fprintf(report, "oom_run: %s: allocation %ld: ended in %s, "
                    "not MemoryError nor %s\n", name, k, end_text(end),
                    normal == END_OTHER ? normal_name : end_text(normal));
            res->bad++;
            continue;
        }
        res->survived++;
    }
    output_free(&normal_output);
    return res->bad > 0 ? -1 : 0;
}

/* ---- Targets ---- */

static char *
read_source(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL) {
        perror(path);
        if (fp != NULL)
            fclose(fp);
        return NULL;
    }
    *len = fread(buf, 1, (size_t)n, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static int
print_result(const char *name, const sweep_result *res, int ok)
{
    fprintf(report, "%-52s %7ld allocations %7ld survived "
            "(%ld MemoryError, %ld as without failure)%s\n", name,
            res->requests, res->survived, res->memory, res->same,
            ok ? "" : "  FAILED");
    fflush(report);
    return ok ? 0 : -1;
}

static int
sweep_program(const char *path, long *total)
{
    target t = {path, NULL, 0, NULL};
    sweep_result res;
    char *source = read_source(path, &t.len);
    int ok;

    if (source == NULL)
        return -1;
    t.source = source;
    ok = sweep(&t, path, &res) == 0;
    free(source);
    *total += res.survived;
    return print_result(path, &res, ok);
}

static int
sweep_init(long *total)
{
    target t = {NULL, NULL, 0, NULL};
    sweep_result res;
    int ok = sweep(&t, "<init>", &res) == 0;

    *total += res.survived;
    return print_result("<init>", &res, ok);
}

static int
sweep_scenarios(char **names, int count, long *total)
{
    int status = 0;

    for (const oom_scenario *s = oom_scenarios; s->name != NULL; s++) {
        target t = {NULL, NULL, 0, s};
        sweep_result res;
        char name[128];
        int chosen = count == 0, ok;

        for (int i = 0; i < count; i++)
            chosen |= strcmp(names[i], s->name) == 0;
        if (!chosen)
            continue;
        snprintf(name, sizeof(name), "scenario %s", s->name);
        ok = sweep(&t, name, &res) == 0;
        *total += res.survived;
        status |= print_result(name, &res, ok);
    }
    return status;
}

static int
usage(void)
{
    fprintf(stderr, "usage: oom_run [-p] [-v] [-t SECONDS] [-i] FILE.py ...\n"
            "       oom_run [-p] [-v] -s [SCENARIO ...]\n"
            "       oom_run -n FILE.py ...\n"
            "       oom_run -k K [-p] [-v] FILE.py ...\n");
    return 2;
}

int
main(int argc, char **argv)
{
    int i, scenarios = 0, init = 0, status = 0;
    long total = 0;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-p") == 0)
            plan.persistent = 1;
        else if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "-s") == 0)
            scenarios = 1;
        else if (strcmp(argv[i], "-n") == 0)
            count_only = 1;
        else if (strcmp(argv[i], "-i") == 0)
            init = 1;
        else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
            only_k = atol(argv[++i]);
        else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
            timeout_seconds = (unsigned)atoi(argv[++i]);
        else
            return usage();
    }
    setenv("MINIPYMALLOC", "malloc", 0);
    setenv("MINIPYHASHSEED", "0", 0);
    report = fdopen(dup(2), "w");
    if (report == NULL) {
        perror("oom_run");
        return 2;
    }
    install_handlers();
    if (init && sweep_init(&total) < 0)
        status = 1;
    if (scenarios) {
        if (sweep_scenarios(argv + i, argc - i, &total) < 0)
            status = 1;
    }
    else {
        for (; i < argc; i++)
            if (sweep_program(argv[i], &total) < 0)
                status = 1;
    }
    fprintf(report, "oom_run: %ld injected failure(s) survived%s\n", total,
            plan.persistent ? " (persistent mode)" : "");
    output_free(&captured);
    fclose(report);
    return status;
}
