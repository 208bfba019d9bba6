/*
 * errors.c -- the error indicator, exception printing and the recursion
 * guard.
 *
 * The indicator is one slot of the thread state holding one *normalized*
 * exception: always an instance, never a (type, value, traceback) triple.
 * The triple API is kept for callers and converted at the boundary:
 *
 *   MpErr_SetObject(T, v) ---> normalize: v instance of T   -> v
 *                                         v NULL / None     -> T()
 *                                         v tuple           -> T(*v)
 *                                         anything else     -> T(v)
 *                         ---> implicit chaining: __context__ = the
 *                              exception being handled (exc_info top)
 *                         ---> mp_tstate.current_exception = instance
 *   MpErr_Fetch  <-> (type(e), e, e.__traceback__)
 *   MpErr_Restore(T, v, tb): normalize, then e.__traceback__ = tb
 *
 * Invariants: current_exception is NULL or an exception instance owned by
 * the thread state; MpErr_Occurred() is its type (Borrowed).  Setting an
 * exception always replaces (and releases) the previous one.
 *
 * Implicit chaining walks the new exception's future __context__ chain
 * and cuts it where it would come back to the new exception, so chains
 * never become cycles (Floyd's tortoise and hare stops on a cycle that
 * was already there).
 *
 * MpErr_NoMemory allocates nothing when it can avoid it: it reuses the
 * MemoryError made by mp_exceptions_init when nobody else holds it, and
 * raises that shared instance when a fresh one cannot be made either.
 *
 * Printing follows CPython's order: the oldest exception of a chain
 * first, then "The above exception was the direct cause ..." (__cause__)
 * or "During handling of the above exception, ..." (__context__, unless
 * __suppress_context__), then the newer one.  Traceback lines come from a
 * printer the interpreter installs (mp_errors_set_traceback_printer).
 *
 * The recursion guard shares mp_tstate.recursion_depth with Python frames.
 * Past the limit it raises RecursionError with ~50 levels of headroom for
 * building the error; it also raises when the C stack itself runs low
 * (mp_pystate_c_stack_exhausted), whatever the limit.
 *
 * Read alongside CPython 3.11: Python/errors.c (_PyErr_SetObject,
 * _PyErr_Restore, PyErr_GivenExceptionMatches, PyErr_NoMemory,
 * PyErr_WriteUnraisable), Python/pythonrun.c (print_exception,
 * print_exception_recursive, print_error_text), Python/ceval.c
 * (_Py_CheckRecursiveCall).  minipy leaves out sys.excepthook,
 * sys.unraisablehook, sys.last_* and warnings.
 */
#include "include/internal/mp_core.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/pystate.h"
#include "objects/tupleobject.h"
#include "objects/typeobject.h"

/* Levels allowed past the limit while a RecursionError is being made. */
#define RECURSION_HEADROOM 50

static struct {
    /* Installed by the interpreter once; kept across re-initialisation. */
    mp_traceback_printer printer;
    int in_nomemory;            /* MpErr_NoMemory is making a new one */
} state;

#define EXC(op) ((MpBaseExceptionObject *)(op))

/* ---- The indicator ---- */

/* Make 'exc' (stolen, may be NULL) the current exception. */
static void
set_current(MpObject *exc)
{
    MpObject *old = mp_tstate.current_exception;

    mp_tstate.current_exception = exc;
    Mp_XDECREF(old);
}

/* See errors.h. */
MpObject *
mp_errors_get_handled(void)
{
    mp_err_stackitem *item = mp_tstate.exc_info;

    for (; item != NULL; item = item->previous_item) {
        if (item->exc_value != NULL && item->exc_value != Mp_None)
            return item->exc_value;
    }
    return NULL;
}

/* Set exc.__context__ to the exception being handled, if any, first
 * cutting the handled exception's context chain where it reaches 'exc'
 * so that no cycle forms.  Allocates nothing. */
static void
chain_context(MpObject *exc)
{
    MpObject *handled = mp_errors_get_handled();
    MpObject *o, *slow;
    int toggle = 0;

    if (handled == NULL || handled == exc
        || !MpExceptionInstance_Check(handled))
        return;
    o = slow = handled;
    while (EXC(o)->context != NULL) {
        MpObject *ctx = EXC(o)->context;
        if (ctx == exc) {
            Mp_CLEAR(EXC(o)->context);
            break;
        }
        o = ctx;
        if (o == slow)
            break;      /* a cycle that was already there */
        if (toggle)
            slow = EXC(slow)->context;
        toggle = !toggle;
    }
    Mp_XSETREF(EXC(exc)->context, Mp_NewRef(handled));
}

/* An instance of the exception class 'type' made from 'value' as the
 * diagram at the top says.  New, or NULL with an exception set. */
static MpObject *
normalize(MpObject *type, MpObject *value)
{
    MpObject *args, *exc;

    if (value != NULL && MpExceptionInstance_Check(value)
        && MpType_IsSubtype(Mp_TYPE(value), (MpTypeObject *)type))
        return Mp_NewRef(value);
    if (value == NULL || value == Mp_None)
        return mp_exception_new(type, NULL);
    if (MpTuple_Check(value))
        return mp_exception_new(type, value);
    args = MpTuple_Pack(1, value);
    if (args == NULL)
        return NULL;
    exc = mp_exception_new(type, args);
    Mp_DECREF(args);
    return exc;
}

/* SystemError for a 'type' that is not an exception class. */
static void
bad_exception_class(MpObject *type)
{
    if (type == NULL)
        MpErr_SetString(MpExc_SystemError, "MpErr_SetObject: exception "
                        "NULL is not a BaseException subclass");
    else
        MpErr_Format(MpExc_SystemError, "MpErr_SetObject: exception %R "
                     "is not a BaseException subclass", type);
}

/* Raise 'type' with 'value' (not stolen): see the diagram above. */
void
MpErr_SetObject(MpObject *type, MpObject *value)
{
    MpObject *exc;

    if (type == NULL || !MpExceptionClass_Check(type)) {
        bad_exception_class(type);
        return;
    }
    /* Constructors may run Python code: never with an exception set.
     * 'value' may be the exception being replaced: hold it first. */
    Mp_XINCREF(value);
    MpErr_Clear();
    exc = normalize(type, value);
    Mp_XDECREF(value);
    if (exc == NULL)
        return;
    chain_context(exc);
    set_current(exc);
}

/* Raise type(message) with a UTF-8 message. */
void
MpErr_SetString(MpObject *type, const char *message)
{
    MpObject *value = MpUnicode_FromString(message);

    if (value == NULL)
        return;
    MpErr_SetObject(type, value);
    Mp_DECREF(value);
}

/* Raise type() with no arguments. */
void
MpErr_SetNone(MpObject *type)
{
    MpErr_SetObject(type, NULL);
}

/* Raise type(message) with the message formatted by
 * MpUnicode_FromFormatV.  Always returns NULL. */
MpObject *
MpErr_FormatV(MpObject *type, const char *format, va_list va)
{
    MpObject *message;

    MpErr_Clear();
    message = MpUnicode_FromFormatV(format, va);
    if (message != NULL) {
        MpErr_SetObject(type, message);
        Mp_DECREF(message);
    }
    return NULL;
}

/* As MpErr_FormatV, with variable arguments.  Always returns NULL. */
MpObject *
MpErr_Format(MpObject *type, const char *format, ...)
{
    va_list va;

    va_start(va, format);
    MpErr_FormatV(type, format, va);
    va_end(va);
    return NULL;
}

/* The type of the current exception (Borrowed), or NULL. */
MpObject *
MpErr_Occurred(void)
{
    MpObject *exc = mp_tstate.current_exception;

    return exc != NULL ? (MpObject *)Mp_TYPE(exc) : NULL;
}

/* Drop the current exception, if any. */
void
MpErr_Clear(void)
{
    set_current(NULL);
}

/* 1 if 'given' (an exception class or instance) matches 'match' (a
 * class, or a tuple of classes and tuples), else 0. */
int
MpErr_GivenExceptionMatches(MpObject *given, MpObject *match)
{
    if (given == NULL || match == NULL)
        return 0;
    if (MpTuple_Check(match)) {
        Mp_ssize_t i, n = MpTuple_GET_SIZE(match);
        for (i = 0; i < n; i++) {
            if (MpErr_GivenExceptionMatches(given,
                                            MpTuple_GET_ITEM(match, i)))
                return 1;
        }
        return 0;
    }
    if (MpExceptionInstance_Check(given))
        given = (MpObject *)Mp_TYPE(given);
    if (MpExceptionClass_Check(given) && MpExceptionClass_Check(match))
        return MpType_IsSubtype((MpTypeObject *)given,
                                (MpTypeObject *)match);
    return given == match;
}

/* 1 if the current exception matches 'exc' (as above), else 0. */
int
MpErr_ExceptionMatches(MpObject *exc)
{
    return MpErr_GivenExceptionMatches(MpErr_Occurred(), exc);
}

/* Take the current exception out as (type, value, traceback): New
 * references, all NULL when nothing is set.  Clears the indicator. */
void
MpErr_Fetch(MpObject **ptype, MpObject **pvalue, MpObject **ptraceback)
{
    MpObject *exc = mp_tstate.current_exception;

    mp_tstate.current_exception = NULL;
    if (exc == NULL) {
        *ptype = *pvalue = *ptraceback = NULL;
        return;
    }
    *ptype = Mp_NewRef(Mp_TYPE(exc));
    *pvalue = exc;
    *ptraceback = Mp_XNewRef(EXC(exc)->traceback);
}

/* Set the current exception from a triple (steals all three).  A NULL
 * type clears the indicator; a value that is not an instance of 'type'
 * is normalized; a traceback other than NULL replaces the instance's. */
void
MpErr_Restore(MpObject *type, MpObject *value, MpObject *traceback)
{
    MpObject *old = mp_tstate.current_exception;
    MpObject *exc = NULL;

    mp_tstate.current_exception = NULL;
    if (type != NULL && !MpExceptionClass_Check(type))
        bad_exception_class(type);
    else if (type != NULL)
        exc = normalize(type, value);
    Mp_XDECREF(type);
    Mp_XDECREF(value);
    if (exc != NULL && traceback != NULL) {
        if (traceback == Mp_None)
            Mp_CLEAR(EXC(exc)->traceback);
        else
            Mp_XSETREF(EXC(exc)->traceback, Mp_NewRef(traceback));
    }
    Mp_XDECREF(traceback);
    if (exc != NULL)
        set_current(exc);
    Mp_XDECREF(old);
}

/* The current exception (New), or NULL; the indicator is cleared. */
MpObject *
MpErr_GetRaisedException(void)
{
    MpObject *exc = mp_tstate.current_exception;

    mp_tstate.current_exception = NULL;
    return exc;
}

/* Make 'exc' (stolen; an exception instance or NULL) the current
 * exception, as it is: no normalization, no chaining. */
void
MpErr_SetRaisedException(MpObject *exc)
{
    set_current(exc);
}

/* ---- Common errors ---- */

/* TypeError for a bad argument of a built-in operation.  Returns 0. */
int
MpErr_BadArgument(void)
{
    MpErr_SetString(MpExc_TypeError,
                    "bad argument type for built-in operation");
    return 0;
}

/* SystemError: a C caller broke a function's contract. */
void
MpErr_BadInternalCall(void)
{
    MpErr_SetString(MpExc_SystemError, "bad argument to internal function");
}

/* Raise the kept MemoryError, reset to a fresh state. */
static void
raise_kept_memoryerror(MpObject *exc)
{
    MpBaseExceptionObject *self = EXC(exc);

    Mp_CLEAR(self->traceback);
    Mp_CLEAR(self->context);
    Mp_CLEAR(self->cause);
    Mp_CLEAR(self->notes);
    self->suppress_context = 0;
    MpErr_Clear();
    chain_context(exc);
    set_current(Mp_NewRef(exc));
}

/* Raise MemoryError.  Allocates nothing when the kept instance is free;
 * raises the shared instance when no new one can be made.  Returns
 * NULL. */
MpObject *
MpErr_NoMemory(void)
{
    MpObject *kept = mp_exceptions_memoryerror();
    MpObject *fresh;

    if (kept != NULL && Mp_REFCNT(kept) == 1) {
        raise_kept_memoryerror(kept);
        return NULL;
    }
    if (state.in_nomemory) {
        /* Making a new one ran out of memory: share the kept one. */
        if (kept != NULL)
            set_current(Mp_NewRef(kept));
        return NULL;
    }
    MpErr_Clear();
    state.in_nomemory = 1;
    fresh = mp_exception_new(MpExc_MemoryError, NULL);
    state.in_nomemory = 0;
    if (fresh != NULL) {
        MpErr_Clear();
        chain_context(fresh);
        set_current(fresh);
    }
    else if (mp_tstate.current_exception == NULL && kept != NULL)
        set_current(Mp_NewRef(kept));
    return NULL;
}

/* ---- The recursion guard ---- */

/* The depth has passed the limit, or the C stack is low: undo the
 * increment and raise RecursionError, unless a RecursionError is being
 * made right now and some headroom is left. */
static int
recursion_overflow(const char *where)
{
    MpThreadState *ts = &mp_tstate;

    if (ts->recursion_headroom) {
        if (ts->recursion_depth <= ts->recursion_limit + RECURSION_HEADROOM
            && !mp_pystate_c_stack_exhausted())
            return 0;
        ts->recursion_depth--;
        MpErr_SetString(MpExc_RecursionError,
                        "maximum recursion depth exceeded");
        return -1;
    }
    ts->recursion_headroom++;
    MpErr_Format(MpExc_RecursionError, "maximum recursion depth exceeded%s",
                 where != NULL ? where : "");
    ts->recursion_headroom--;
    ts->recursion_depth--;
    return -1;
}

/* Count one level of C recursion.  0, or -1 with RecursionError
 * "maximum recursion depth exceeded<where>" (the level is then not
 * counted: do not call Mp_LeaveRecursiveCall). */
int
Mp_EnterRecursiveCall(const char *where)
{
    MpThreadState *ts = &mp_tstate;

    if (MP_LIKELY(++ts->recursion_depth <= ts->recursion_limit)
        && MP_LIKELY(!mp_pystate_c_stack_exhausted()))
        return 0;
    return recursion_overflow(where);
}

/* Undo a successful Mp_EnterRecursiveCall. */
void
Mp_LeaveRecursiveCall(void)
{
    mp_tstate.recursion_depth--;
}

/* ---- Printing ---- */

/* See errors.h. */
void
mp_errors_set_traceback_printer(mp_traceback_printer printer)
{
    state.printer = printer;
}

/* Write the UTF-8 of the str 'u' to 'out'; 0 or -1 (error cleared). */
static int
write_str(MpObject *u, FILE *out)
{
    Mp_ssize_t size;
    const char *s = MpUnicode_AsUTF8AndSize(u, &size);

    if (s == NULL) {
        MpErr_Clear();
        return -1;
    }
    fwrite(s, 1, (size_t)size, out);
    return 0;
}

/* Write str(o) (or repr(o) when 'use_repr'), or 'fallback' if that
 * fails. */
static void
write_object(MpObject *o, int use_repr, const char *fallback, FILE *out)
{
    MpObject *s = use_repr ? MpObject_Repr(o) : MpObject_Str(o);

    if (s == NULL || write_str(s, out) < 0) {
        MpErr_Clear();
        fputs(fallback, out);
    }
    Mp_XDECREF(s);
}

/* Write 'module.name' unless the module is builtins or __main__. */
static void
write_qualified(const char *module, size_t module_len, const char *name,
                FILE *out)
{
    if (!(module_len == 8 && memcmp(module, "builtins", 8) == 0)
        && !(module_len == 8 && memcmp(module, "__main__", 8) == 0)) {
        fwrite(module, 1, module_len, out);
        fputc('.', out);
    }
    fputs(name, out);
}

/* "module.Qualname", with the module left out for builtins and
 * __main__ (as CPython prints the last line of a traceback).  Static
 * types are named from tp_name alone, allocating nothing. */
static void
write_type_name(MpTypeObject *type, FILE *out)
{
    const char *dot = strrchr(type->tp_name, '.');
    MpObject *module, *qualname;
    Mp_ssize_t size;
    const char *s;

    if (!MpType_HasFeature(type, MP_TPFLAGS_HEAPTYPE)) {
        if (dot == NULL)
            fputs(type->tp_name, out);
        else
            write_qualified(type->tp_name, (size_t)(dot - type->tp_name),
                            dot + 1, out);
        return;
    }
    module = mp_type_module(type);
    s = module != NULL && MpUnicode_Check(module)
        ? MpUnicode_AsUTF8AndSize(module, &size) : NULL;
    if (s == NULL) {
        MpErr_Clear();
        s = "<unknown>";
        size = 9;
    }
    qualname = mp_type_qualname(type);
    if (qualname == NULL || !MpUnicode_Check(qualname)
        || MpUnicode_AsUTF8(qualname) == NULL) {
        MpErr_Clear();
        write_qualified(s, (size_t)size, dot != NULL ? dot + 1
                                                     : type->tp_name, out);
    }
    else
        write_qualified(s, (size_t)size, MpUnicode_AsUTF8(qualname), out);
    Mp_XDECREF(qualname);
    Mp_XDECREF(module);
}

/* The value of the integer attribute 'v', or 'deflt' when it is not an
 * int. */
static long
int_or(MpObject *v, long deflt)
{
    long r;

    if (v == NULL || !MpLong_Check(v))
        return deflt;
    r = MpLong_AsLong(v);
    if (r == -1 && MpErr_Occurred()) {
        MpErr_Clear();
        return deflt;
    }
    return r;
}

/* The caret count: from 'offset' to 'end_offset' (to the end of the
 * text when the error spans lines), at least one. */
static long
caret_count(MpSyntaxErrorObject *se, long offset, Mp_ssize_t line_size)
{
    long lineno = int_or(se->lineno, -1);
    long end_lineno = int_or(se->end_lineno, lineno);
    long end_offset = int_or(se->end_offset, -1);

    if (end_lineno > lineno)
        end_offset = (long)line_size;
    if (end_offset > line_size + 1)
        end_offset = (long)line_size + 1;
    if (end_offset > 0 && end_offset > offset)
        return end_offset - offset;
    return 1;
}

/* The source line of a SyntaxError with its caret line:
 *     x = = 2
 *         ^
 * Leading blanks are dropped and the offset moved with them; no caret
 * when the offset falls left of the text. */
static void
write_error_text(MpSyntaxErrorObject *se, FILE *out)
{
    long offset = int_or(se->offset, -1);
    long carets;
    Mp_ssize_t size, len;
    const char *s, *nl;

    if (se->text == NULL || !MpUnicode_Check(se->text))
        return;
    carets = caret_count(se, offset, MpUnicode_GetLength(se->text));
    s = MpUnicode_AsUTF8AndSize(se->text, &size);
    if (s == NULL) {
        MpErr_Clear();
        return;
    }
    offset--;                           /* now 0-based */
    for (; size > 0 && strchr(" \t\f", *s) != NULL; s++, size--)
        offset--;
    len = size > 0 && s[size - 1] == '\n' ? size - 1 : size;
    if (offset > len)
        offset = (long)len;
    /* Skip the lines of the text before the one the offset is on. */
    while ((nl = memchr(s, '\n', (size_t)size)) != NULL
           && nl - s < offset) {
        Mp_ssize_t skip = nl - s + 1;
        s += skip;
        size -= skip;
        len -= skip;
        offset -= (long)skip;
    }
    fputs("    ", out);
    fwrite(s, 1, (size_t)size, out);
    if (len == size)
        fputc('\n', out);
    if (offset < 0)
        return;
    fprintf(out, "    %*s", (int)offset, "");
    while (carets-- > 0)
        fputc('^', out);
    fputc('\n', out);
}

/* The location lines CPython prints before "SyntaxError: msg". */
static void
write_syntax_location(MpSyntaxErrorObject *se, FILE *out)
{
    fputs("  File \"", out);
    if (se->filename != NULL && MpUnicode_Check(se->filename))
        write_str(se->filename, out);
    else
        fputs("<string>", out);
    fprintf(out, "\", line %ld\n", int_or(se->lineno, 0));
    write_error_text(se, out);
}

/* The __notes__ lines, one per note. */
static void
write_notes(MpObject *notes, FILE *out)
{
    Mp_ssize_t i, n;

    if (notes == NULL)
        return;
    if (!MpList_Check(notes) && !MpTuple_Check(notes)) {
        write_object(notes, 1, "<__notes__ repr() failed>", out);
        fputc('\n', out);
        return;
    }
    n = MpList_Check(notes) ? MpList_Size(notes) : MpTuple_GET_SIZE(notes);
    for (i = 0; i < n; i++) {
        MpObject *note = MpList_Check(notes) ? MpList_GetItem(notes, i)
                                              : MpTuple_GET_ITEM(notes, i);
        if (note == NULL) {
            MpErr_Clear();
            break;
        }
        write_object(note, 0, "<note str() failed>", out);
        fputc('\n', out);
    }
}

/* One exception: its traceback (through the printer), a SyntaxError's
 * location, "Type: message", then its notes. */
static void
print_one(MpObject *exc, FILE *out)
{
    MpTypeObject *type = Mp_TYPE(exc);
    int syntax = MpType_IsSubtype(type, (MpTypeObject *)MpExc_SyntaxError)
                 && int_or(((MpSyntaxErrorObject *)exc)->lineno, -1) != -1;
    MpObject *message;

    if (EXC(exc)->traceback != NULL && state.printer != NULL
        && state.printer(exc, out) < 0)
        MpErr_Clear();
    if (syntax)
        write_syntax_location((MpSyntaxErrorObject *)exc, out);
    write_type_name(type, out);
    if (syntax) {
        MpObject *msg = ((MpSyntaxErrorObject *)exc)->msg;
        message = MpObject_Str(msg != NULL ? msg : Mp_None);
    }
    else
        message = MpObject_Str(exc);
    if (message == NULL) {
        MpErr_Clear();
        fputs(": <exception str() failed>", out);
    }
    else if (MpUnicode_GetLength(message) > 0) {
        fputs(": ", out);
        write_str(message, out);
    }
    Mp_XDECREF(message);
    fputc('\n', out);
    write_notes(EXC(exc)->notes, out);
}

static const char cause_message[] =
    "\nThe above exception was the direct cause "
    "of the following exception:\n\n";
static const char context_message[] =
    "\nDuring handling of the above exception, "
    "another exception occurred:\n\n";

/* 1 if 'exc' is among chain[0..n-1]. */
static int
chain_contains(MpObject *const *chain, size_t n, MpObject *exc)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (chain[i] == exc)
            return 1;
    }
    return 0;
}

/* Append 'exc' to the chain being collected, growing it past its local
 * storage on the heap.  0, or -1 when no memory is left. */
static int
chain_append(MpObject ***chain, size_t *n, size_t *cap, MpObject **local,
             MpObject *exc)
{
    if (*n == *cap) {
        size_t ncap = 2 * *cap;
        MpObject **grown = MpMem_Malloc(ncap * sizeof(MpObject *));
        if (grown == NULL)
            return -1;
        memcpy(grown, *chain, *n * sizeof(MpObject *));
        if (*chain != local)
            MpMem_Free(*chain);
        *chain = grown;
        *cap = ncap;
    }
    (*chain)[(*n)++] = exc;
    return 0;
}

/* See errors.h.  The chain is collected newest first, then printed
 * oldest first; each exception appears once even if the chain loops.
 * Short chains need no memory (printing MemoryError must work). */
int
mp_errors_display(MpObject *exc, FILE *out)
{
    MpObject *local[16];
    MpObject **chain = local;
    size_t n = 0, cap = MP_ARRAY_LENGTH(local), i;
    int rc = 0;

    while (exc != NULL) {
        MpBaseExceptionObject *e = EXC(exc);
        if (chain_append(&chain, &n, &cap, local, exc) < 0) {
            rc = -1;            /* print the newest ones we have */
            break;
        }
        if (e->cause != NULL && !chain_contains(chain, n, e->cause))
            exc = e->cause;
        else if (e->cause == NULL && !e->suppress_context
                 && e->context != NULL
                 && !chain_contains(chain, n, e->context))
            exc = e->context;
        else
            exc = NULL;
    }
    for (i = n; i-- > 0;) {
        print_one(chain[i], out);
        if (i > 0)
            fputs(EXC(chain[i - 1])->cause == chain[i] ? cause_message
                                                        : context_message,
                  out);
    }
    if (chain != local)
        MpMem_Free(chain);
    fflush(out);
    return rc;
}

/* Print the current exception with its chain and traceback to stderr,
 * then clear it.  minipy keeps no sys.last_* values, so the argument is
 * ignored.  SystemExit is printed like any exception: exiting is the
 * embedder's (or the CLI's) decision. */
void
MpErr_PrintEx(int set_sys_last_vars)
{
    MpObject *exc;

    MP_UNUSED(set_sys_last_vars);
    exc = MpErr_GetRaisedException();
    if (exc == NULL)
        return;
    fflush(stdout);
    mp_errors_display(exc, stderr);
    Mp_DECREF(exc);
    MpErr_Clear();
}

/* MpErr_PrintEx(1). */
void
MpErr_Print(void)
{
    MpErr_PrintEx(1);
}

/* Report the current exception, which cannot be raised (it happened in a
 * destructor, a callback...), on stderr and clear it:
 *     Exception ignored in: <repr of obj>
 *     Traceback (most recent call last): ...
 *     ValueError: message
 * The first line is left out when 'obj' is NULL. */
void
MpErr_WriteUnraisable(MpObject *obj)
{
    MpObject *exc = MpErr_GetRaisedException();

    if (exc == NULL)
        return;
    fflush(stdout);
    if (obj != NULL) {
        fputs("Exception ignored in: ", stderr);
        write_object(obj, 1, "<object repr() failed>", stderr);
        fputc('\n', stderr);
    }
    print_one(exc, stderr);
    fflush(stderr);
    Mp_DECREF(exc);
    MpErr_Clear();
}
