/*
 * pythonrun.c -- running source: the MpRun_* API, scripts, and the
 * __main__ module.
 *
 *   source ──check (UTF-8, NUL)──► parse (arena) ──► compile ──► run
 *                                                          in __main__
 *
 * The AST arena is freed only after the module has run, as CPython frees
 * its parser arena after run_mod: that is why a literal in the running
 * __main__ shows one extra reference in sys.getrefcount.
 *
 * An uncaught exception is printed as CPython prints it (traceback, then
 * "TypeError: message"); SystemExit ends the run with its code.
 *
 * Read alongside CPython 3.11: Python/pythonrun.c (PyRun_SimpleFileExObject,
 * run_mod, handle_system_exit, _PyErr_Display).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/pythonrun.h"
#include "runtime/ceval.h"
#include "runtime/compile.h"
#include "runtime/import.h"
#include "runtime/moduleobject.h"
#include "runtime/parser.h"
#include "objects/dictobject.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/unicodeobject.h"

static struct {
    MpObject *main_module;
} state;

MP_IDENTIFIER(builtins);

MpObject *
mp_run_main_dict(void)
{
    MpObject *builtins, *name;

    if (state.main_module == NULL) {
        state.main_module = mp_module_new("__main__");
        if (state.main_module == NULL)
            return NULL;
        name = mp_identifier_get(&MpId_builtins);
        builtins = name == NULL ? NULL
            : MpDict_GetItemWithError(mp_import_modules(), name);
        if (builtins == NULL ||
            MpDict_SetItemString(mp_module_dict(state.main_module),
                                 "__builtins__", builtins) < 0 ||
            mp_import_add_module("__main__", state.main_module) < 0) {
            if (builtins == NULL && !MpErr_Occurred())
                MpErr_SetString(MpExc_RuntimeError, "no builtins module");
            Mp_CLEAR(state.main_module);
            return NULL;
        }
    }
    return mp_module_dict(state.main_module);
}

void
mp_run_fini(void)
{
    Mp_CLEAR(state.main_module);
}

/* ---- Checking source text ---- */

/* CPython refuses NUL bytes and undeclared non-UTF-8 text. */
static int
check_source(const char *source, size_t len, MpObject *filename)
{
    Mp_ssize_t length;
    uint32_t maxchar;
    size_t i;
    int line = 1;

    if (memchr(source, '\0', len) != NULL) {
        MpErr_SetString(MpExc_SyntaxError,
                        "source code cannot contain null bytes");
        return -1;
    }
    if (mp_unicode_check_utf8(source, (Mp_ssize_t)len, &length, &maxchar) == 0)
        return 0;
    MpErr_Clear();
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)source[i];
        int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 :
                (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (c == '\n')
            line++;
        if (n == 0 || i + (size_t)n > len ||
            mp_unicode_check_utf8(source + i, n, &length, &maxchar) < 0) {
            MpErr_Clear();
            MpErr_Format(MpExc_SyntaxError, "Non-UTF-8 code starting with "
                         "'\\x%02x' in file %U on line %d, but no encoding "
                         "declared; see https://peps.python.org/pep-0263/ "
                         "for details", c, filename, line);
            return -1;
        }
        i += (size_t)n - 1;
    }
    return 0;
}

/* A copy of the source with "\r\n" and "\r" made "\n" and a leading
 * UTF-8 byte-order mark dropped.  Raw memory: freed by the caller. */
static char *
normalize_source(const char *source, size_t len)
{
    char *out = MpMem_RawMalloc(len + 2), *o = out;
    size_t i = 0;

    if (out == NULL)
        return NULL;
    if (len >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (; i < len; i++) {
        if (source[i] == '\r') {
            *o++ = '\n';
            if (i + 1 < len && source[i + 1] == '\n')
                i++;
        }
        else {
            *o++ = source[i];
        }
    }
    *o = '\0';
    return out;
}

/* ---- Running ---- */

MpCodeObject *
mp_run_compile(const char *source, size_t len, MpObject *filename,
               int flags, mp_parse_mode mode, int *incomplete)
{
    char *text;
    mp_arena *arena;
    mp_mod *mod;
    MpCodeObject *co = NULL;

    if (incomplete != NULL)
        *incomplete = 0;
    if (check_source(source, len, filename) < 0)
        return NULL;
    text = normalize_source(source, len);
    if (text == NULL)
        return (MpCodeObject *)MpErr_NoMemory();
    arena = mp_arena_new();
    if (arena == NULL) {
        MpMem_RawFree(text);
        return NULL;
    }
    mod = mp_parse_string(text, filename, mode, arena, incomplete);
    if (mod != NULL)
        co = mp_compile(mod, filename, text, flags, arena);
    mp_arena_free(arena);
    MpMem_RawFree(text);
    return co;
}

MpObject *
mp_run_source(const char *source, size_t len, MpObject *filename,
              MpObject *globals, int flags, mp_parse_mode mode,
              int *incomplete)
{
    MpCodeObject *co = mp_run_compile(source, len, filename, flags, mode,
                                      incomplete);
    MpObject *result;

    if (co == NULL)
        return NULL;
    result = mp_eval_code(co, globals, globals);
    Mp_DECREF(co);
    return result;
}

/* Handle SystemExit: its exit status (printing a non-int code). */
static int
system_exit_status(MpObject *exc)
{
    MpObject *code = MpObject_GetAttrString(exc, "code");
    int status = 1;

    if (code == NULL) {
        MpErr_Clear();
        return 1;
    }
    if (code == Mp_None) {
        status = 0;
    }
    else if (MpLong_Check(code)) {
        long v = MpLong_AsLong(code);
        if (v == -1 && MpErr_Occurred())
            MpErr_Clear();
        status = (int)(v & 0xFF);
    }
    else {
        MpObject *s = MpObject_Str(code);
        if (s != NULL)
            fprintf(stderr, "%s\n", MpUnicode_AsUTF8(s));
        else
            MpErr_Clear();
        Mp_XDECREF(s);
    }
    Mp_DECREF(code);
    return status;
}

int
mp_run_report_exception(void)
{
    MpObject *exc = MpErr_GetRaisedException();
    int status;

    if (exc == NULL)
        return 0;
    fflush(stdout);
    if (MpErr_GivenExceptionMatches(exc, MpExc_SystemExit)) {
        status = system_exit_status(exc);
        Mp_DECREF(exc);
        return status;
    }
    mp_errors_display(exc, stderr);
    Mp_DECREF(exc);
    fflush(stderr);
    return 1;
}

/* The whole of a file, or NULL with errno set.  Raw memory. */
char *
mp_run_read_file(FILE *fp, size_t *len)
{
    size_t cap = 8192, n = 0;
    char *buf = MpMem_RawMalloc(cap), *bigger;

    if (buf == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (n < cap) {
            if (ferror(fp)) {
                MpMem_RawFree(buf);
                return NULL;
            }
            break;
        }
        bigger = MpMem_RawRealloc(buf, cap * 2);
        if (bigger == NULL) {
            MpMem_RawFree(buf);
            errno = ENOMEM;
            return NULL;
        }
        buf = bigger;
        cap *= 2;
    }
    *len = n;
    return buf;
}

/* ---- The public API ---- */

MpObject *
MpRun_String(const char *source, const char *filename, MpObject *globals)
{
    MpObject *name = MpUnicode_FromString(filename ? filename : "<string>");
    MpObject *r;

    if (name == NULL)
        return NULL;
    if (globals == NULL && (globals = mp_run_main_dict()) == NULL) {
        Mp_DECREF(name);
        return NULL;
    }
    if (MpDict_GetItemString(globals, "__builtins__") == NULL &&
        MpDict_SetItemString(globals, "__builtins__",
                             mp_eval_get_builtins()) < 0) {
        Mp_DECREF(name);
        return NULL;
    }
    r = mp_run_source(source, strlen(source), name, globals,
                      MP_COMPILE_RETURN_LAST, MP_PARSE_FILE, NULL);
    Mp_DECREF(name);
    return r;
}

int
MpRun_SimpleString(const char *source)
{
    MpObject *r = MpRun_String(source, "<string>", NULL);

    if (r == NULL) {
        mp_run_report_exception();
        return -1;
    }
    Mp_DECREF(r);
    return 0;
}

int
MpRun_SimpleFile(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *source;
    size_t len;
    MpObject *name, *globals, *r;

    if (fp == NULL) {
        MpErr_Format(MpExc_OSError, "can't open file '%s': [Errno %d] %s",
                     path, errno, strerror(errno));
        mp_run_report_exception();
        return -1;
    }
    source = mp_run_read_file(fp, &len);
    fclose(fp);
    if (source == NULL) {
        MpErr_NoMemory();
        mp_run_report_exception();
        return -1;
    }
    name = MpUnicode_FromString(path);
    globals = mp_run_main_dict();
    r = NULL;
    if (name != NULL && globals != NULL &&
        MpDict_SetItemString(globals, "__file__", name) == 0)
        r = mp_run_source(source, len, name, globals, 0, MP_PARSE_FILE,
                          NULL);
    MpMem_RawFree(source);
    Mp_XDECREF(name);
    if (r == NULL) {
        mp_run_report_exception();
        return -1;
    }
    Mp_DECREF(r);
    return 0;
}
