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
 * Under each source line, markers show the failing part: '^' under the
 * range of the instruction that raised, or, for a binary operation or a
 * subscript, '^' under the operator (or the brackets) and '~' under the
 * operands.  The segment is re-parsed to find them, as CPython does; no
 * markers are drawn when they would cover the whole line.
 *
 * Read alongside CPython 3.11: Python/traceback.c (PyTraceBack_Here,
 * tb_printinternal, tb_displayline, extract_anchors_from_expr).
 */
#include <stdio.h>
#include <string.h>

#include "runtime/traceback.h"
#include "runtime/parser.h"
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
    mp_frame_escape(frame);
    tb->tb_lasti = mp_frame_lasti(frame);
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

/* Line 'lineno' of the cached file: *start and *end delimit it (without
 * its line break).  0 when there is no such line. */
static int
find_line(source_cache *cache, const char *path, int lineno,
          const char **start, const char **end)
{
    const char *s = read_source(cache, path);
    int n = 1;

    if (s == NULL)
        return 0;
    while (n < lineno && *s != '\0') {
        if (*s++ == '\n')
            n++;
    }
    if (n != lineno || *s == '\0')
        return 0;
    *start = s;
    while (*s != '\0' && *s != '\n')
        s++;
    *end = s;
    return 1;
}

static int
is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\r';
}

/* Code points in [s, s + nbytes). */
static Mp_ssize_t
char_offset(const char *s, Mp_ssize_t nbytes)
{
    Mp_ssize_t i, n = 0;
    for (i = 0; i < nbytes && s[i] != '\0'; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The anchors of a failing binary operation or subscript inside the
 * segment [seg, seg + len): the byte range under which '^' goes while
 * the rest of the expression gets '~' -- as CPython 3.11 draws them.
 * 1 when found. */
static int
find_anchors(const char *seg, Mp_ssize_t len, Mp_ssize_t *left,
             Mp_ssize_t *right)
{
    mp_arena *arena;
    MpObject *name;
    mp_mod *mod;
    char *text = MpMem_RawMalloc((size_t)len + 1);
    const mp_expr *e;
    int found = 0;
    Mp_ssize_t i;

    if (text == NULL)
        return 0;
    memcpy(text, seg, (size_t)len);
    text[len] = '\0';
    arena = mp_arena_new();
    name = MpUnicode_FromString("<traceback>");
    mod = arena && name ? mp_parse_string(text, name, MP_PARSE_FILE, arena,
                                          NULL) : NULL;
    MpErr_Clear();
    if (mod != NULL && ASDL_SEQ_LEN(mod->body) == 1 &&
        ((mp_stmt *)ASDL_SEQ_GET(mod->body, 0))->kind == AST_Expr) {
        e = ((mp_stmt *)ASDL_SEQ_GET(mod->body, 0))->v.Expr.value;
        if (e->kind == AST_BinOp) {
            const mp_expr *l = e->v.BinOp.left, *r = e->v.BinOp.right;
            /* The operator: the first non-blank character after the left
             * operand that is not one of its closing parentheses. */
            for (i = l->end_col_offset; i < r->col_offset; i++) {
                if (is_blank_char(text[i]))
                    continue;
                *left = i;
                *right = i + 1;
                if (i + 1 < r->col_offset && !is_blank_char(text[i + 1]))
                    (*right)++;
                found = 1;
                if (i + 1 < r->col_offset && text[i] == ')')
                    continue;
                break;
            }
        }
        else if (e->kind == AST_Subscript) {
            *left = e->v.Subscript.value->end_col_offset;
            *right = e->v.Subscript.slice->end_col_offset + 1;
            while (*left < len && text[*left] != '[')
                (*left)++;
            while (*right < len && text[*right] != ']')
                (*right)++;
            if (*right < len)
                (*right)++;
            found = 1;
        }
    }
    Mp_XDECREF(name);
    mp_arena_free(arena);
    MpMem_RawFree(text);
    return found;
}

/* The marker line under a source line: '^' under the failing range, or
 * '~' around '^' anchors; nothing when it would cover the whole line. */
static void
print_carets(FILE *out, const char *line, const char *end, int indent,
             const mp_location *loc)
{
    Mp_ssize_t start_byte = loc->col, end_byte, i;
    Mp_ssize_t start, stop, left = -1, right = -1, stripped_len;
    const char *last = end;
    int anchored = 0;

    while (last > line && is_blank_char(last[-1]))
        last--;
    end_byte = loc->end_lineno == loc->lineno ? loc->end_col
                                              : (Mp_ssize_t)(last - line);
    if (start_byte > end - line || end_byte > end - line ||
        start_byte >= end_byte)
        return;
    if (loc->end_lineno == loc->lineno) {
        Mp_ssize_t l, r;
        if (find_anchors(line + start_byte, end_byte - start_byte, &l, &r)) {
            left = char_offset(line, start_byte + l);
            right = char_offset(line, start_byte + r);
            anchored = 1;
        }
    }
    start = char_offset(line, start_byte);
    stop = char_offset(line, end_byte);
    stripped_len = char_offset(line, last - line) - indent;
    if (stop - start == stripped_len && !anchored)
        return;
    fputs("    ", out);
    for (i = indent; i < stop; i++) {
        if (i < start)
            fputc(' ', out);
        else if (anchored && i >= left && i < right)
            fputc('^', out);
        else
            fputc(anchored ? '~' : '^', out);
    }
    fputc('\n', out);
}

/* "    <line without its indentation>" and the markers under it. */
static void
print_source_line(FILE *out, source_cache *cache, const char *path,
                  MpTracebackObject *tb)
{
    const char *line, *end, *s, *last;
    mp_location loc;
    int indent;

    if (!find_line(cache, path, tb->tb_lineno, &line, &end))
        return;
    for (s = line; s < end && is_blank_char(*s); s++)
        ;
    for (last = end; last > s && is_blank_char(last[-1]); last--)
        ;
    if (last == s)
        return;
    fprintf(out, "    %.*s\n", (int)(last - s), s);
    indent = (int)char_offset(line, s - line);
    if (mp_code_location(tb->tb_frame->f_code, tb->tb_lasti, &loc) &&
        loc.lineno == tb->tb_lineno)
        print_carets(out, line, end, indent, &loc);
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

    if (head == NULL || !MpTraceBack_Check(head)) {
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
                          tb);
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
