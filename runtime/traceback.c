/*
 * traceback.c -- traceback objects, and the report printed for an
 * uncaught exception.
 *
 *   Traceback (most recent call last):
 *     File "/abs/path/x.py", line 7, in <module>
 *       main()
 *     File "/abs/path/x.py", line 3, in main
 *       return 1 / 0
 *   ZeroDivisionError: division by zero
 *
 * The source lines are read back from the file named by the code object;
 * code from -c or a string has no file to read, so only the File lines
 * appear.  At most the last 1000 entries are shown, and a line repeated
 * more than three times in a row is shown three times followed by
 * "[Previous line repeated N more times]", as CPython does.
 *
 * Read alongside CPython 3.11: Python/traceback.c (PyTraceBack_Here,
 * tb_printinternal, tb_displayline).  Left out: the ~~~^^^ markers under
 * the failing expression (minipy keeps line numbers, not columns).
 */
#include <stdio.h>
#include <string.h>

#include "runtime/traceback.h"
#include "objects/exceptions.h"

#define TB_LIMIT 1000
#define TB_RECURSIVE_CUTOFF 3

static MpObject *
traceback_new(MpTracebackObject *next, MpFrameObject *frame)
{
    MpTracebackObject *tb = MpObject_GC_New(MpTracebackObject,
                                            &MpTraceBack_Type);
    if (tb == NULL)
        return NULL;
    tb->tb_next = (MpTracebackObject *)Mp_XNewRef(next);
    tb->tb_frame = (MpFrameObject *)Mp_NewRef(frame);
    tb->tb_lasti = frame->f_lasti;
    tb->tb_lineno = mp_frame_lineno(frame);
    MpObject_GC_Track(tb);
    return (MpObject *)tb;
}

int
mp_traceback_here(MpFrameObject *f)
{
    MpObject *exc = MpErr_GetRaisedException(), *old, *tb;

    if (exc == NULL)
        return 0;
    old = MpException_GetTraceback(exc);
    tb = traceback_new(old == Mp_None ? NULL : (MpTracebackObject *)old, f);
    Mp_XDECREF(old);
    if (tb == NULL) {
        Mp_DECREF(exc);
        return -1;
    }
    MpException_SetTraceback(exc, tb);
    Mp_DECREF(tb);
    MpErr_SetRaisedException(exc);
    return 0;
}

static int
traceback_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpTracebackObject *tb = (MpTracebackObject *)op;
    Mp_VISIT(tb->tb_next);
    Mp_VISIT(tb->tb_frame);
    return 0;
}

static int
traceback_clear(MpObject *op)
{
    MpTracebackObject *tb = (MpTracebackObject *)op;
    Mp_CLEAR(tb->tb_next);
    Mp_CLEAR(tb->tb_frame);
    return 0;
}

static void
traceback_dealloc(MpObject *op)
{
    MpObject_GC_UnTrack(op);
    traceback_clear(op);
    MpObject_GC_Del(op);
}

static MpObject *
traceback_get_next(MpObject *op, void *closure)
{
    MpTracebackObject *tb = (MpTracebackObject *)op;
    MP_UNUSED(closure);
    return Mp_NewRef(tb->tb_next ? (MpObject *)tb->tb_next : Mp_None);
}

static MpGetSetDef traceback_getset[] = {
    {"tb_next", traceback_get_next, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpMemberDef traceback_members[] = {
    {"tb_frame", MP_T_OBJECT, offsetof(MpTracebackObject, tb_frame),
     MP_READONLY, NULL},
    {"tb_lasti", MP_T_INT, offsetof(MpTracebackObject, tb_lasti),
     MP_READONLY, NULL},
    {"tb_lineno", MP_T_INT, offsetof(MpTracebackObject, tb_lineno),
     MP_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MpTypeObject MpTraceBack_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "traceback",
    .tp_basicsize = sizeof(MpTracebackObject),
    .tp_dealloc = traceback_dealloc,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = traceback_traverse,
    .tp_clear = traceback_clear,
    .tp_getset = traceback_getset,
    .tp_members = traceback_members,
};

/* ---- Printing ---- */

/* The file whose lines are being shown: read once per report. */
typedef struct {
    char *path;
    char *text;
} source_cache;

static const char *
read_source(source_cache *cache, const char *path)
{
    FILE *fp;
    long size;

    if (cache->path != NULL && strcmp(cache->path, path) == 0)
        return cache->text;
    MpMem_RawFree(cache->path);
    MpMem_RawFree(cache->text);
    cache->path = cache->text = NULL;
    if (path[0] == '<' || (fp = fopen(path, "rb")) == NULL)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 &&
        fseek(fp, 0, SEEK_SET) == 0 &&
        (cache->text = MpMem_RawMalloc((size_t)size + 1)) != NULL) {
        size_t got = fread(cache->text, 1, (size_t)size, fp);
        cache->text[got] = '\0';
        cache->path = MpMem_RawMalloc(strlen(path) + 1);
        if (cache->path != NULL)
            strcpy(cache->path, path);
    }
    fclose(fp);
    return cache->path != NULL ? cache->text : NULL;
}

/* "    <line without its indentation>\n" when the source is at hand. */
static void
print_source_line(FILE *out, source_cache *cache, const char *path,
                  int lineno)
{
    const char *s = read_source(cache, path), *end;
    int n = 1;

    if (s == NULL)
        return;
    while (n < lineno && *s != '\0') {
        if (*s++ == '\n')
            n++;
    }
    if (*s == '\0')
        return;
    while (*s == ' ' || *s == '\t' || *s == '\f')
        s++;
    end = s;
    while (*end != '\0' && *end != '\n' && *end != '\r')
        end++;
    if (end > s)
        fprintf(out, "    %.*s\n", (int)(end - s), s);
}

static void
print_repeats(FILE *out, long count)
{
    if (count > TB_RECURSIVE_CUTOFF) {
        count -= TB_RECURSIVE_CUTOFF;
        fprintf(out, "  [Previous line repeated %ld more time%s]\n", count,
                count > 1 ? "s" : "");
    }
}

int
mp_traceback_print(MpObject *exc, FILE *out)
{
    MpObject *head = MpException_GetTraceback(exc);
    MpTracebackObject *tb;
    source_cache cache = {NULL, NULL};
    const MpCodeObject *last_code = NULL;
    int last_line = -1;
    long depth = 0, repeats = 0;

    if (head == NULL || head == Mp_None) {
        Mp_XDECREF(head);
        return 0;
    }
    for (tb = (MpTracebackObject *)head; tb != NULL; tb = tb->tb_next)
        depth++;
    fputs("Traceback (most recent call last):\n", out);
    for (tb = (MpTracebackObject *)head; tb != NULL; tb = tb->tb_next) {
        MpCodeObject *co = tb->tb_frame->f_code;
        if (depth-- > TB_LIMIT)
            continue;
        if (co == last_code && tb->tb_lineno == last_line) {
            if (++repeats > TB_RECURSIVE_CUTOFF)
                continue;
        }
        else {
            print_repeats(out, repeats);
            repeats = 1;
            last_code = co;
            last_line = tb->tb_lineno;
        }
        fprintf(out, "  File \"%s\", line %d, in %s\n",
                MpUnicode_AsUTF8(co->co_filename), tb->tb_lineno,
                MpUnicode_AsUTF8(co->co_name));
        print_source_line(out, &cache, MpUnicode_AsUTF8(co->co_filename),
                          tb->tb_lineno);
    }
    print_repeats(out, repeats);
    MpMem_RawFree(cache.path);
    MpMem_RawFree(cache.text);
    Mp_DECREF(head);
    return 0;
}

int
mp_traceback_init(void)
{
    return MpType_Ready(&MpTraceBack_Type);
}
