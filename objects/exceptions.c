/*
 * exceptions.c -- the built-in exception classes.
 *
 * Every exception is an instance of a GC type whose layout starts with
 * MpBaseExceptionObject (objects/exceptions.h):
 *
 *   +------------------+
 *   | ob_refcnt/type   |
 *   | dict             |  instance attributes (e.x = 1), made on demand
 *   | args             |  tuple given to the constructor (settable)
 *   | notes            |  __notes__ list (add_note), or NULL
 *   | traceback        |  __traceback__, or NULL
 *   | context          |  __context__: what was being handled, or NULL
 *   | cause            |  __cause__ ("raise X from Y"), or NULL
 *   | suppress_context |  __suppress_context__ (set by setting __cause__)
 *   +------------------+
 *   | class fields     |  StopIteration.value, SyntaxError.lineno, ...
 *   +------------------+
 *
 * The hierarchy (as CPython's, restricted to what minipy raises):
 *
 *   BaseException
 *    +-- SystemExit, KeyboardInterrupt, GeneratorExit
 *    +-- EvalInterrupt (minipy's own: a host's budget or hook stopped
 *    |                  the run; runtime/evalbudget.c)
 *    +-- Exception
 *         +-- StopIteration, AssertionError, AttributeError, MemoryError
 *         +-- ArithmeticError: OverflowError, ZeroDivisionError
 *         +-- LookupError: IndexError, KeyError
 *         +-- NameError: UnboundLocalError
 *         +-- OSError, SystemError, TypeError
 *         +-- RuntimeError: RecursionError, NotImplementedError
 *         +-- SyntaxError: IndentationError: TabError
 *         +-- ValueError: UnicodeError: UnicodeDecodeError
 *         +-- ImportError: ModuleNotFoundError
 *
 * Invariants: 'args' is a tuple once __new__ has run; context and cause
 * are exception instances or NULL (never None).  Every class is
 * subclassable from Python and has tp_dictoffset, so Python subclasses
 * share the C layout and keep their attributes in 'dict'.
 *
 * MpErr_NoMemory must work with no memory left: mp_exceptions_init makes
 * one MemoryError up front and errors.c reuses it.
 *
 * Read alongside CPython 3.11: Objects/exceptions.c (BaseException_new,
 * BaseException_init, BaseException_str, BaseException_repr,
 * SyntaxError_init, SyntaxError_str, KeyError_str, OSError_init,
 * UnicodeDecodeError_str).  minipy leaves out exception groups, warnings,
 * pickling (__reduce__), OSError's errno-to-subclass mapping and the
 * encode/translate flavours of UnicodeError.
 */
#include <stddef.h>

#include "include/internal/mp_core.h"
#include "objects/exceptions.h"
#include "objects/pystate.h"
#include "objects/tupleobject.h"

static struct {
    MpObject *memerror;         /* the MemoryError kept for NoMemory */
    /* Set by the interpreter once; kept across re-initialisation. */
    MpTypeObject *traceback_type;
} state;

#define EXC(op) ((MpBaseExceptionObject *)(op))

/* ---- BaseException: life cycle ---- */

static MpObject *
BaseException_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpBaseExceptionObject *self;
    allocfunc alloc = type->tp_alloc ? type->tp_alloc : MpType_GenericAlloc;

    MP_UNUSED(kwds);
    self = (MpBaseExceptionObject *)alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->args = args != NULL ? Mp_NewRef(args) : MpTuple_New(0);
    if (self->args == NULL) {
        Mp_DECREF(self);
        return NULL;
    }
    return (MpObject *)self;
}

/* Nonzero when 'kwds' holds at least one keyword. */
static int
has_keywords(MpObject *kwds)
{
    return kwds != NULL && MpDict_Check(kwds) && MpDict_Size(kwds) > 0;
}

static int
BaseException_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    if (has_keywords(kwds)) {
        MpErr_Format(MpExc_TypeError, "%s() takes no keyword arguments",
                     Mp_TYPE(self)->tp_name);
        return -1;
    }
    Mp_XSETREF(EXC(self)->args, Mp_NewRef(args));
    return 0;
}

static int
BaseException_clear(MpObject *op)
{
    MpBaseExceptionObject *self = EXC(op);

    Mp_CLEAR(self->dict);
    Mp_CLEAR(self->args);
    Mp_CLEAR(self->notes);
    Mp_CLEAR(self->traceback);
    Mp_CLEAR(self->context);
    Mp_CLEAR(self->cause);
    return 0;
}

static int
BaseException_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpBaseExceptionObject *self = EXC(op);

    Mp_VISIT(self->dict);
    Mp_VISIT(self->args);
    Mp_VISIT(self->notes);
    Mp_VISIT(self->traceback);
    Mp_VISIT(self->context);
    Mp_VISIT(self->cause);
    return 0;
}

static void
BaseException_dealloc(MpObject *self)
{
    MpObject_GC_UnTrack(self);
    BaseException_clear(self);
    Mp_TYPE(self)->tp_free(self);
}

/* ---- BaseException: str and repr ---- */

static MpObject *
BaseException_str(MpObject *op)
{
    MpObject *args = EXC(op)->args;

    if (args == NULL || MpTuple_GET_SIZE(args) == 0)
        return MpUnicode_FromString("");
    if (MpTuple_GET_SIZE(args) == 1)
        return MpObject_Str(MpTuple_GET_ITEM(args, 0));
    return MpObject_Str(args);
}

/* The class name without its module: "ValueError". */
static const char *
exc_short_name(MpObject *op)
{
    const char *name = Mp_TYPE(op)->tp_name;
    const char *dot = strrchr(name, '.');

    return dot != NULL ? dot + 1 : name;
}

static MpObject *
BaseException_repr(MpObject *op)
{
    MpObject *args = EXC(op)->args;
    const char *name = exc_short_name(op);

    if (args == NULL || MpTuple_GET_SIZE(args) == 0)
        return MpUnicode_FromFormat("%s()", name);
    if (MpTuple_GET_SIZE(args) == 1)
        return MpUnicode_FromFormat("%s(%R)", name,
                                    MpTuple_GET_ITEM(args, 0));
    return MpUnicode_FromFormat("%s%R", name, args);
}

/* ---- BaseException: attributes ---- */

static MpObject *
exc_get_args(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    if (EXC(self)->args == NULL)
        return MpTuple_New(0);
    return Mp_NewRef(EXC(self)->args);
}

static int
exc_set_args(MpObject *self, MpObject *value, void *closure)
{
    MpObject *seq;

    MP_UNUSED(closure);
    if (value == NULL) {
        MpErr_SetString(MpExc_TypeError, "args may not be deleted");
        return -1;
    }
    seq = MpSequence_Tuple(value);
    if (seq == NULL)
        return -1;
    Mp_XSETREF(EXC(self)->args, seq);
    return 0;
}

static MpObject *
exc_get_traceback(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    if (EXC(self)->traceback == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(EXC(self)->traceback);
}

static int
exc_set_traceback(MpObject *self, MpObject *tb, void *closure)
{
    MP_UNUSED(closure);
    if (tb == NULL) {
        MpErr_SetString(MpExc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (tb == Mp_None) {
        Mp_CLEAR(EXC(self)->traceback);
        return 0;
    }
    if (state.traceback_type != NULL
        && !MpObject_TypeCheck(tb, state.traceback_type)) {
        MpErr_SetString(MpExc_TypeError,
                        "__traceback__ must be a traceback or None");
        return -1;
    }
    Mp_XSETREF(EXC(self)->traceback, Mp_NewRef(tb));
    return 0;
}

static MpObject *
exc_get_context(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    if (EXC(self)->context == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(EXC(self)->context);
}

static int
exc_set_context(MpObject *self, MpObject *value, void *closure)
{
    MP_UNUSED(closure);
    if (value == NULL) {
        MpErr_SetString(MpExc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (value == Mp_None)
        value = NULL;
    else if (!MpExceptionInstance_Check(value)) {
        MpErr_SetString(MpExc_TypeError, "exception context must be None "
                        "or derive from BaseException");
        return -1;
    }
    Mp_XSETREF(EXC(self)->context, Mp_XNewRef(value));
    return 0;
}

static MpObject *
exc_get_cause(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    if (EXC(self)->cause == NULL)
        Mp_RETURN_NONE;
    return Mp_NewRef(EXC(self)->cause);
}

static int
exc_set_cause(MpObject *self, MpObject *value, void *closure)
{
    MP_UNUSED(closure);
    if (value == NULL) {
        MpErr_SetString(MpExc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (value == Mp_None)
        value = NULL;
    else if (!MpExceptionInstance_Check(value)) {
        MpErr_SetString(MpExc_TypeError, "exception cause must be None "
                        "or derive from BaseException");
        return -1;
    }
    Mp_XSETREF(EXC(self)->cause, Mp_XNewRef(value));
    EXC(self)->suppress_context = 1;
    return 0;
}

static MpObject *
exc_get_dict(MpObject *self, void *closure)
{
    MP_UNUSED(closure);
    if (EXC(self)->dict == NULL) {
        EXC(self)->dict = MpDict_New();
        if (EXC(self)->dict == NULL)
            return NULL;
    }
    return Mp_NewRef(EXC(self)->dict);
}

static int
exc_set_dict(MpObject *self, MpObject *value, void *closure)
{
    MP_UNUSED(closure);
    if (value == NULL) {
        MpErr_SetString(MpExc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!MpDict_Check(value)) {
        MpErr_Format(MpExc_TypeError,
                     "__dict__ must be set to a dictionary, not a '%s'",
                     Mp_TYPE(value)->tp_name);
        return -1;
    }
    Mp_XSETREF(EXC(self)->dict, Mp_NewRef(value));
    return 0;
}

static MpGetSetDef BaseException_getset[] = {
    {"__dict__", exc_get_dict, exc_set_dict, NULL, NULL},
    {"args", exc_get_args, exc_set_args, NULL, NULL},
    {"__traceback__", exc_get_traceback, exc_set_traceback, NULL, NULL},
    {"__context__", exc_get_context, exc_set_context,
     "exception context", NULL},
    {"__cause__", exc_get_cause, exc_set_cause, "exception cause", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MpMemberDef BaseException_members[] = {
    {"__suppress_context__", MP_T_BOOL,
     offsetof(MpBaseExceptionObject, suppress_context), 0, NULL},
    {"__notes__", MP_T_OBJECT_EX, offsetof(MpBaseExceptionObject, notes),
     0, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* e.with_traceback(tb): set __traceback__ and return e. */
static MpObject *
BaseException_with_traceback(MpObject *self, MpObject *tb)
{
    if (exc_set_traceback(self, tb, NULL) < 0)
        return NULL;
    return Mp_NewRef(self);
}

/* e.add_note(note): append a str to __notes__, creating the list. */
static MpObject *
BaseException_add_note(MpObject *self, MpObject *note)
{
    MpBaseExceptionObject *exc = EXC(self);

    if (!MpUnicode_Check(note)) {
        MpErr_Format(MpExc_TypeError, "note must be a str, not '%s'",
                     Mp_TYPE(note)->tp_name);
        return NULL;
    }
    if (exc->notes == NULL) {
        exc->notes = MpList_New(0);
        if (exc->notes == NULL)
            return NULL;
    }
    else if (!MpList_Check(exc->notes)) {
        MpErr_SetString(MpExc_TypeError,
                        "Cannot add note: __notes__ is not a list");
        return NULL;
    }
    if (MpList_Append(exc->notes, note) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpMethodDef BaseException_methods[] = {
    {"with_traceback", (MpCFunction)BaseException_with_traceback,
     MP_METH_O, "Set self.__traceback__ to tb and return self."},
    {"add_note", (MpCFunction)BaseException_add_note, MP_METH_O,
     "Add a note to the exception."},
    {NULL, NULL, 0, NULL},
};

/* ---- Helpers for the classes with fields of their own ---- */

/* args[i] of the tuple 'args' (Borrowed), or NULL past its end. */
static MpObject *
arg_at(MpObject *args, Mp_ssize_t i)
{
    if (args == NULL || i >= MpTuple_GET_SIZE(args))
        return NULL;
    return MpTuple_GET_ITEM(args, i);
}

/* Store the keyword arguments of 'kwds' whose names are in 'names' into
 * the matching 'slots'; any other name is a TypeError naming 'func'. */
static int
take_keywords(MpObject *kwds, const char *func, const char *const *names,
              MpObject **const *slots, int count)
{
    Mp_ssize_t pos = 0;
    MpObject *key, *value;
    int i;

    if (!has_keywords(kwds))
        return 0;
    while (MpDict_Next(kwds, &pos, &key, &value)) {
        for (i = 0; i < count; i++) {
            if (MpUnicode_Check(key)
                && MpUnicode_CompareWithASCIIString(key, names[i]) == 0)
                break;
        }
        if (i == count) {
            MpErr_Format(MpExc_TypeError,
                         "%R is an invalid keyword argument for %s()",
                         key, func);
            return -1;
        }
        Mp_XSETREF(*slots[i], Mp_NewRef(value));
    }
    return 0;
}

/* Declare clear/traverse/dealloc for a layout with extra object fields:
 * FIELDS(X) applies X to each field name. */
#define EXC_GC_FUNCS(PREFIX, OBJ, FIELDS)                             \
    static int                                                        \
    PREFIX##_clear(MpObject *op)                                      \
    {                                                                 \
        OBJ *self = (OBJ *)op;                                        \
        FIELDS(EXC_CLEAR_FIELD)                                       \
        return BaseException_clear(op);                              \
    }                                                                 \
    static int                                                        \
    PREFIX##_traverse(MpObject *op, visitproc visit, void *arg)       \
    {                                                                 \
        OBJ *self = (OBJ *)op;                                        \
        FIELDS(EXC_VISIT_FIELD)                                       \
        return BaseException_traverse(op, visit, arg);                \
    }                                                                 \
    static void                                                       \
    PREFIX##_dealloc(MpObject *op)                                    \
    {                                                                 \
        MpObject_GC_UnTrack(op);                                      \
        PREFIX##_clear(op);                                           \
        Mp_TYPE(op)->tp_free(op);                                     \
    }
#define EXC_CLEAR_FIELD(f) Mp_CLEAR(self->f);
#define EXC_VISIT_FIELD(f) Mp_VISIT(self->f);

/* ---- StopIteration and SystemExit ---- */

#define STOPITERATION_FIELDS(X) X(value)
EXC_GC_FUNCS(StopIteration, MpStopIterationObject, STOPITERATION_FIELDS)

static int
StopIteration_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    MpObject *value;

    if (BaseException_init(op, args, kwds) < 0)
        return -1;
    value = arg_at(args, 0);
    Mp_XSETREF(((MpStopIterationObject *)op)->value,
               Mp_NewRef(value != NULL ? value : Mp_None));
    return 0;
}

static MpMemberDef StopIteration_members[] = {
    {"value", MP_T_OBJECT, offsetof(MpStopIterationObject, value), 0,
     "generator return value"},
    {NULL, 0, 0, 0, NULL},
};

#define SYSTEMEXIT_FIELDS(X) X(code)
EXC_GC_FUNCS(SystemExit, MpSystemExitObject, SYSTEMEXIT_FIELDS)

static int
SystemExit_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    MpObject *code;

    if (BaseException_init(op, args, kwds) < 0)
        return -1;
    switch (MpTuple_GET_SIZE(args)) {
    case 0:
        code = Mp_None;
        break;
    case 1:
        code = MpTuple_GET_ITEM(args, 0);
        break;
    default:
        code = args;
        break;
    }
    Mp_XSETREF(((MpSystemExitObject *)op)->code, Mp_NewRef(code));
    return 0;
}

static MpMemberDef SystemExit_members[] = {
    {"code", MP_T_OBJECT, offsetof(MpSystemExitObject, code), 0,
     "exception code"},
    {NULL, 0, 0, 0, NULL},
};

/* ---- KeyError ---- */

/* str(KeyError(k)) is repr(k), so that KeyError('') does not read as an
 * empty message. */
static MpObject *
KeyError_str(MpObject *op)
{
    MpObject *args = EXC(op)->args;

    if (args != NULL && MpTuple_GET_SIZE(args) == 1)
        return MpObject_Repr(MpTuple_GET_ITEM(args, 0));
    return BaseException_str(op);
}

/* ---- ImportError, NameError, AttributeError ---- */

#define IMPORTERROR_FIELDS(X) X(msg) X(name) X(path)
EXC_GC_FUNCS(ImportError, MpImportErrorObject, IMPORTERROR_FIELDS)

static int
ImportError_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    static const char *const names[] = {"name", "path"};
    MpImportErrorObject *self = (MpImportErrorObject *)op;
    MpObject **const slots[] = {&self->name, &self->path};

    if (take_keywords(kwds, "ImportError", names, slots, 2) < 0)
        return -1;
    if (BaseException_init(op, args, NULL) < 0)
        return -1;
    Mp_XSETREF(self->msg, MpTuple_GET_SIZE(args) == 1
               ? Mp_NewRef(MpTuple_GET_ITEM(args, 0)) : NULL);
    return 0;
}

static MpObject *
ImportError_str(MpObject *op)
{
    MpImportErrorObject *self = (MpImportErrorObject *)op;

    if (self->msg != NULL && MpUnicode_CheckExact(self->msg))
        return Mp_NewRef(self->msg);
    return BaseException_str(op);
}

static MpMemberDef ImportError_members[] = {
    {"msg", MP_T_OBJECT, offsetof(MpImportErrorObject, msg), 0, NULL},
    {"name", MP_T_OBJECT, offsetof(MpImportErrorObject, name), 0, NULL},
    {"path", MP_T_OBJECT, offsetof(MpImportErrorObject, path), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

#define NAMEERROR_FIELDS(X) X(name)
EXC_GC_FUNCS(NameError, MpNameErrorObject, NAMEERROR_FIELDS)

static int
NameError_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    static const char *const names[] = {"name"};
    MpObject **const slots[] = {&((MpNameErrorObject *)op)->name};

    if (take_keywords(kwds, "NameError", names, slots, 1) < 0)
        return -1;
    return BaseException_init(op, args, NULL);
}

static MpMemberDef NameError_members[] = {
    {"name", MP_T_OBJECT, offsetof(MpNameErrorObject, name), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

#define ATTRIBUTEERROR_FIELDS(X) X(obj) X(name)
EXC_GC_FUNCS(AttributeError, MpAttributeErrorObject, ATTRIBUTEERROR_FIELDS)

static int
AttributeError_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    static const char *const names[] = {"name", "obj"};
    MpAttributeErrorObject *self = (MpAttributeErrorObject *)op;
    MpObject **const slots[] = {&self->name, &self->obj};

    if (take_keywords(kwds, "AttributeError", names, slots, 2) < 0)
        return -1;
    return BaseException_init(op, args, NULL);
}

static MpMemberDef AttributeError_members[] = {
    {"name", MP_T_OBJECT, offsetof(MpAttributeErrorObject, name), 0, NULL},
    {"obj", MP_T_OBJECT, offsetof(MpAttributeErrorObject, obj), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ---- OSError ---- */

#define OSERROR_FIELDS(X) X(myerrno) X(strerror) X(filename) X(filename2)
EXC_GC_FUNCS(OSError, MpOSErrorObject, OSERROR_FIELDS)

/* OSError(errno, strerror[, filename[, winerror[, filename2]]]): with 2
 * to 5 arguments the fields are filled, and when a filename is given
 * 'args' keeps only (errno, strerror). */
static int
OSError_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    MpOSErrorObject *self = (MpOSErrorObject *)op;
    Mp_ssize_t n = MpTuple_GET_SIZE(args);

    if (BaseException_init(op, args, kwds) < 0)
        return -1;
    if (n < 2 || n > 5)
        return 0;
    Mp_XSETREF(self->myerrno, Mp_NewRef(arg_at(args, 0)));
    Mp_XSETREF(self->strerror, Mp_NewRef(arg_at(args, 1)));
    Mp_XSETREF(self->filename, Mp_XNewRef(arg_at(args, 2)));
    Mp_XSETREF(self->filename2, Mp_XNewRef(arg_at(args, 4)));
    if (self->filename != NULL && self->filename != Mp_None) {
        MpObject *two = MpTuple_GetSlice(args, 0, 2);
        if (two == NULL)
            return -1;
        Mp_XSETREF(self->args, two);
    }
    return 0;
}

static MpObject *
OSError_str(MpObject *op)
{
    MpOSErrorObject *self = (MpOSErrorObject *)op;
    int has_file = self->filename != NULL && self->filename != Mp_None;
    int has_file2 = self->filename2 != NULL && self->filename2 != Mp_None;

    if (has_file && has_file2)
        return MpUnicode_FromFormat("[Errno %S] %S: %R -> %R",
                                    self->myerrno, self->strerror,
                                    self->filename, self->filename2);
    if (has_file)
        return MpUnicode_FromFormat("[Errno %S] %S: %R", self->myerrno,
                                    self->strerror, self->filename);
    if (self->myerrno != NULL && self->strerror != NULL)
        return MpUnicode_FromFormat("[Errno %S] %S", self->myerrno,
                                    self->strerror);
    return BaseException_str(op);
}

static MpMemberDef OSError_members[] = {
    {"errno", MP_T_OBJECT, offsetof(MpOSErrorObject, myerrno), 0, NULL},
    {"strerror", MP_T_OBJECT, offsetof(MpOSErrorObject, strerror), 0, NULL},
    {"filename", MP_T_OBJECT, offsetof(MpOSErrorObject, filename), 0, NULL},
    {"filename2", MP_T_OBJECT, offsetof(MpOSErrorObject, filename2), 0,
     NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ---- SyntaxError ---- */

#define SYNTAXERROR_FIELDS(X) X(msg) X(filename) X(lineno) X(offset) \
    X(end_lineno) X(end_offset) X(text) X(print_file_and_line)
EXC_GC_FUNCS(SyntaxError, MpSyntaxErrorObject, SYNTAXERROR_FIELDS)

/* SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
 * end_offset])). */
static int
SyntaxError_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    MpSyntaxErrorObject *self = (MpSyntaxErrorObject *)op;
    Mp_ssize_t n = MpTuple_GET_SIZE(args), k;
    MpObject *info;

    if (BaseException_init(op, args, kwds) < 0)
        return -1;
    if (n >= 1)
        Mp_XSETREF(self->msg, Mp_NewRef(MpTuple_GET_ITEM(args, 0)));
    if (n != 2)
        return 0;
    info = MpSequence_Tuple(MpTuple_GET_ITEM(args, 1));
    if (info == NULL)
        return -1;
    k = MpTuple_GET_SIZE(info);
    if (k < 4 || k > 6) {
        MpErr_Format(MpExc_TypeError, "function takes at %s %d arguments "
                     "(%zd given)", k < 4 ? "least" : "most",
                     k < 4 ? 4 : 6, k);
        Mp_DECREF(info);
        return -1;
    }
    Mp_XSETREF(self->filename, Mp_NewRef(arg_at(info, 0)));
    Mp_XSETREF(self->lineno, Mp_NewRef(arg_at(info, 1)));
    Mp_XSETREF(self->offset, Mp_NewRef(arg_at(info, 2)));
    Mp_XSETREF(self->text, Mp_NewRef(arg_at(info, 3)));
    Mp_XSETREF(self->end_lineno, Mp_XNewRef(arg_at(info, 4)));
    Mp_XSETREF(self->end_offset, Mp_XNewRef(arg_at(info, 5)));
    Mp_DECREF(info);
    return 0;
}

/* The part of a path after its last '/'. */
static MpObject *
path_basename(MpObject *path)
{
    Mp_ssize_t size, i;
    const char *s = MpUnicode_AsUTF8AndSize(path, &size);

    if (s == NULL)
        return NULL;
    for (i = size; i > 0 && s[i - 1] != '/'; i--)
        ;
    if (i == 0)
        return Mp_NewRef(path);
    return MpUnicode_FromStringAndSize(s + i, size - i);
}

/* "msg (file.py, line 3)", "msg (file.py)", "msg (line 3)" or "msg". */
static MpObject *
SyntaxError_str(MpObject *op)
{
    MpSyntaxErrorObject *self = (MpSyntaxErrorObject *)op;
    MpObject *msg = self->msg != NULL ? self->msg : Mp_None;
    MpObject *file = NULL, *result;
    int have_lineno = self->lineno != NULL && MpLong_CheckExact(self->lineno);

    if (self->filename != NULL && MpUnicode_Check(self->filename)) {
        file = path_basename(self->filename);
        if (file == NULL)
            return NULL;
    }
    if (file != NULL && have_lineno)
        result = MpUnicode_FromFormat("%S (%U, line %ld)", msg, file,
                                      MpLong_AsLong(self->lineno));
    else if (file != NULL)
        result = MpUnicode_FromFormat("%S (%U)", msg, file);
    else if (have_lineno)
        result = MpUnicode_FromFormat("%S (line %ld)", msg,
                                      MpLong_AsLong(self->lineno));
    else
        result = MpObject_Str(msg);
    Mp_XDECREF(file);
    return result;
}

#define SYNTAX_MEMBER(name) \
    {#name, MP_T_OBJECT, offsetof(MpSyntaxErrorObject, name), 0, NULL}
static MpMemberDef SyntaxError_members[] = {
    SYNTAX_MEMBER(msg),
    SYNTAX_MEMBER(filename),
    SYNTAX_MEMBER(lineno),
    SYNTAX_MEMBER(offset),
    SYNTAX_MEMBER(text),
    SYNTAX_MEMBER(end_lineno),
    SYNTAX_MEMBER(end_offset),
    SYNTAX_MEMBER(print_file_and_line),
    {NULL, 0, 0, 0, NULL},
};

/* ---- UnicodeError and UnicodeDecodeError ---- */

#define UNICODEERROR_FIELDS(X) X(encoding) X(object) X(reason)
EXC_GC_FUNCS(UnicodeError, MpUnicodeErrorObject, UNICODEERROR_FIELDS)

/* Argument 'i' (1-based in messages) must be a str. */
static MpObject *
str_argument(MpObject *args, Mp_ssize_t i)
{
    MpObject *v = MpTuple_GET_ITEM(args, i);

    if (!MpUnicode_Check(v)) {
        MpErr_Format(MpExc_TypeError, "argument %zd must be str, not %s",
                     i + 1, Mp_TYPE(v)->tp_name);
        return NULL;
    }
    return v;
}

/* UnicodeDecodeError(encoding, object, start, end, reason).  minipy has
 * no bytes type: 'object' may be any sequence of byte values. */
static int
UnicodeDecodeError_init(MpObject *op, MpObject *args, MpObject *kwds)
{
    MpUnicodeErrorObject *self = (MpUnicodeErrorObject *)op;
    MpObject *encoding, *reason;
    Mp_ssize_t start, end;

    if (BaseException_init(op, args, kwds) < 0)
        return -1;
    if (MpTuple_GET_SIZE(args) != 5) {
        MpErr_Format(MpExc_TypeError, "function takes exactly 5 arguments "
                     "(%zd given)", MpTuple_GET_SIZE(args));
        return -1;
    }
    if ((encoding = str_argument(args, 0)) == NULL)
        return -1;
    start = MpNumber_AsSsize_t(MpTuple_GET_ITEM(args, 2),
                               MpExc_OverflowError);
    if (start == -1 && MpErr_Occurred())
        return -1;
    end = MpNumber_AsSsize_t(MpTuple_GET_ITEM(args, 3), MpExc_OverflowError);
    if (end == -1 && MpErr_Occurred())
        return -1;
    if ((reason = str_argument(args, 4)) == NULL)
        return -1;
    Mp_XSETREF(self->encoding, Mp_NewRef(encoding));
    Mp_XSETREF(self->object, Mp_NewRef(MpTuple_GET_ITEM(args, 1)));
    Mp_XSETREF(self->reason, Mp_NewRef(reason));
    self->start = start;
    self->end = end;
    return 0;
}

/* The byte at 'i' of the error's object, or -1 when it cannot be read. */
static long
decode_error_byte(MpObject *object, Mp_ssize_t i)
{
    MpObject *item;
    long v = -1;
    Mp_ssize_t n = MpSequence_Length(object);

    if (n >= 0 && i >= 0 && i < n) {
        item = MpSequence_GetItem(object, i);
        if (item != NULL) {
            if (MpLong_Check(item))
                v = MpLong_AsLong(item) & 0xff;
            Mp_DECREF(item);
        }
    }
    if (MpErr_Occurred())
        MpErr_Clear();
    return v;
}

static MpObject *
UnicodeDecodeError_str(MpObject *op)
{
    MpUnicodeErrorObject *self = (MpUnicodeErrorObject *)op;
    long byte = -1;

    if (self->encoding == NULL || self->reason == NULL
        || self->object == NULL)
        return MpUnicode_FromString("");
    if (self->end == self->start + 1)
        byte = decode_error_byte(self->object, self->start);
    if (byte >= 0)
        return MpUnicode_FromFormat("'%U' codec can't decode byte 0x%02x "
                                    "in position %zd: %U", self->encoding,
                                    (int)byte, self->start, self->reason);
    return MpUnicode_FromFormat("'%U' codec can't decode bytes in position "
                                "%zd-%zd: %U", self->encoding, self->start,
                                self->end - 1, self->reason);
}

static MpMemberDef UnicodeError_members[] = {
    {"encoding", MP_T_OBJECT, offsetof(MpUnicodeErrorObject, encoding), 0,
     NULL},
    {"object", MP_T_OBJECT, offsetof(MpUnicodeErrorObject, object), 0,
     NULL},
    {"start", MP_T_PYSSIZET, offsetof(MpUnicodeErrorObject, start), 0,
     NULL},
    {"end", MP_T_PYSSIZET, offsetof(MpUnicodeErrorObject, end), 0, NULL},
    {"reason", MP_T_OBJECT, offsetof(MpUnicodeErrorObject, reason), 0,
     NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ---- The type objects ---- */

#define EXC_FLAGS (MP_TPFLAGS_DEFAULT | MP_TPFLAGS_BASETYPE \
                   | MP_TPFLAGS_HAVE_GC | MP_TPFLAGS_BASE_EXC_SUBCLASS)

/* One exception class: its layout OBJ, the functions of prefix F
 * (F_dealloc, F_traverse, F_clear), INIT and STR, MEMBERS. */
#define EXC_TYPE(NAME, BASE, OBJ, F, INIT, STR, MEMBERS, DOC)         \
    static MpTypeObject exc_type_##NAME = {                           \
        MpVarObject_HEAD_INIT(&MpType_Type, 0)                        \
        .tp_name = #NAME,                                             \
        .tp_basicsize = sizeof(OBJ),                                  \
        .tp_dealloc = F##_dealloc,                                    \
        .tp_repr = BaseException_repr,                                \
        .tp_str = STR,                                                \
        .tp_getattro = MpObject_GenericGetAttr,                       \
        .tp_setattro = MpObject_GenericSetAttr,                       \
        .tp_flags = EXC_FLAGS,                                        \
        .tp_doc = DOC,                                                \
        .tp_traverse = F##_traverse,                                  \
        .tp_clear = F##_clear,                                        \
        .tp_members = MEMBERS,                                        \
        .tp_base = BASE,                                              \
        .tp_dictoffset = offsetof(OBJ, dict),                         \
        .tp_init = INIT,                                              \
        .tp_alloc = MpType_GenericAlloc,                              \
        .tp_new = BaseException_new,                                  \
        .tp_free = MpObject_GC_Del,                                   \
    };                                                                \
    MpObject *MpExc_##NAME = (MpObject *)&exc_type_##NAME

/* A class adding nothing to its base's layout and behaviour. */
#define SIMPLE_EXC(NAME, BASE, DOC)                                   \
    EXC_TYPE(NAME, &exc_type_##BASE, MpBaseExceptionObject,           \
             BaseException, BaseException_init, BaseException_str,    \
             NULL, DOC)

static MpTypeObject exc_type_BaseException = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "BaseException",
    .tp_basicsize = sizeof(MpBaseExceptionObject),
    .tp_dealloc = BaseException_dealloc,
    .tp_repr = BaseException_repr,
    .tp_str = BaseException_str,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_setattro = MpObject_GenericSetAttr,
    .tp_flags = EXC_FLAGS,
    .tp_doc = "Common base class for all exceptions",
    .tp_traverse = BaseException_traverse,
    .tp_clear = BaseException_clear,
    .tp_methods = BaseException_methods,
    .tp_members = BaseException_members,
    .tp_getset = BaseException_getset,
    .tp_base = &MpBaseObject_Type,
    .tp_dictoffset = offsetof(MpBaseExceptionObject, dict),
    .tp_init = BaseException_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = BaseException_new,
    .tp_free = MpObject_GC_Del,
};
MpObject *MpExc_BaseException = (MpObject *)&exc_type_BaseException;

SIMPLE_EXC(Exception, BaseException,
           "Common base class for all non-exit exceptions.");
EXC_TYPE(SystemExit, &exc_type_BaseException, MpSystemExitObject,
         SystemExit, SystemExit_init, BaseException_str, SystemExit_members,
         "Request to exit from the interpreter.");
SIMPLE_EXC(KeyboardInterrupt, BaseException, "Program interrupted by user.");
SIMPLE_EXC(GeneratorExit, BaseException, "Request that a generator exit.");
SIMPLE_EXC(EvalInterrupt, BaseException,
           "Evaluation stopped by the embedding program.");
EXC_TYPE(StopIteration, &exc_type_Exception, MpStopIterationObject,
         StopIteration, StopIteration_init, BaseException_str,
         StopIteration_members, "Signal the end from iterator.__next__().");
SIMPLE_EXC(ArithmeticError, Exception, "Base class for arithmetic errors.");
SIMPLE_EXC(OverflowError, ArithmeticError,
           "Result too large to be represented.");
SIMPLE_EXC(ZeroDivisionError, ArithmeticError,
           "Second argument to a division or modulo operation was zero.");
SIMPLE_EXC(AssertionError, Exception, "Assertion failed.");
EXC_TYPE(AttributeError, &exc_type_Exception, MpAttributeErrorObject,
         AttributeError, AttributeError_init, BaseException_str,
         AttributeError_members, "Attribute not found.");
SIMPLE_EXC(LookupError, Exception, "Base class for lookup errors.");
SIMPLE_EXC(IndexError, LookupError, "Sequence index out of range.");
EXC_TYPE(KeyError, &exc_type_LookupError, MpBaseExceptionObject,
         BaseException, BaseException_init, KeyError_str, NULL,
         "Mapping key not found.");
SIMPLE_EXC(MemoryError, Exception, "Out of memory.");
EXC_TYPE(NameError, &exc_type_Exception, MpNameErrorObject, NameError,
         NameError_init, BaseException_str, NameError_members,
         "Name not found globally.");
EXC_TYPE(UnboundLocalError, &exc_type_NameError, MpNameErrorObject,
         NameError, NameError_init, BaseException_str, NULL,
         "Local name referenced but not bound to a value.");
EXC_TYPE(OSError, &exc_type_Exception, MpOSErrorObject, OSError,
         OSError_init, OSError_str, OSError_members,
         "Base class for I/O related errors.");
SIMPLE_EXC(RuntimeError, Exception, "Unspecified run-time error.");
SIMPLE_EXC(RecursionError, RuntimeError,
           "Recursion limit exceeded.");
SIMPLE_EXC(NotImplementedError, RuntimeError,
           "Method or function hasn't been implemented yet.");
EXC_TYPE(SyntaxError, &exc_type_Exception, MpSyntaxErrorObject,
         SyntaxError, SyntaxError_init, SyntaxError_str,
         SyntaxError_members, "Invalid syntax.");
EXC_TYPE(IndentationError, &exc_type_SyntaxError, MpSyntaxErrorObject,
         SyntaxError, SyntaxError_init, SyntaxError_str, NULL,
         "Improper indentation.");
EXC_TYPE(TabError, &exc_type_IndentationError, MpSyntaxErrorObject,
         SyntaxError, SyntaxError_init, SyntaxError_str, NULL,
         "Improper mixture of spaces and tabs.");
SIMPLE_EXC(SystemError, Exception,
           "Internal error in the minipy runtime.");
SIMPLE_EXC(TypeError, Exception, "Inappropriate argument type.");
SIMPLE_EXC(ValueError, Exception,
           "Inappropriate argument value (of correct type).");
EXC_TYPE(UnicodeError, &exc_type_ValueError, MpUnicodeErrorObject,
         UnicodeError, BaseException_init, BaseException_str,
         UnicodeError_members, "Unicode related error.");
EXC_TYPE(UnicodeDecodeError, &exc_type_UnicodeError, MpUnicodeErrorObject,
         UnicodeError, UnicodeDecodeError_init, UnicodeDecodeError_str,
         NULL, "Unicode decoding error.");
EXC_TYPE(ImportError, &exc_type_Exception, MpImportErrorObject,
         ImportError, ImportError_init, ImportError_str,
         ImportError_members, "Import can't find module, or can't find "
         "name in module.");
EXC_TYPE(ModuleNotFoundError, &exc_type_ImportError, MpImportErrorObject,
         ImportError, ImportError_init, ImportError_str, NULL,
         "Module not found.");

/* Every class, each after its base: the order MpType_Ready needs. */
static MpTypeObject *const exc_types[] = {
    &exc_type_BaseException, &exc_type_Exception, &exc_type_SystemExit,
    &exc_type_KeyboardInterrupt, &exc_type_GeneratorExit,
    &exc_type_EvalInterrupt, &exc_type_StopIteration,
    &exc_type_ArithmeticError, &exc_type_OverflowError, &exc_type_ZeroDivisionError,
    &exc_type_AssertionError, &exc_type_AttributeError,
    &exc_type_LookupError, &exc_type_IndexError, &exc_type_KeyError,
    &exc_type_MemoryError, &exc_type_NameError, &exc_type_UnboundLocalError,
    &exc_type_OSError, &exc_type_RuntimeError, &exc_type_RecursionError,
    &exc_type_NotImplementedError, &exc_type_SyntaxError,
    &exc_type_IndentationError, &exc_type_TabError, &exc_type_SystemError,
    &exc_type_TypeError,
    &exc_type_ValueError, &exc_type_UnicodeError,
    &exc_type_UnicodeDecodeError, &exc_type_ImportError,
    &exc_type_ModuleNotFoundError,
};

/* ---- Creating exceptions from C ---- */

/* See exceptions.h. */
MpObject *
mp_exception_new(MpObject *type, MpObject *args)
{
    MpTypeObject *tp = (MpTypeObject *)type;
    MpObject *empty = NULL, *exc;

    if (args == NULL) {
        empty = MpTuple_New(0);
        if (empty == NULL)
            return NULL;
        args = empty;
    }
    if (MpType_HasFeature(tp, MP_TPFLAGS_HEAPTYPE) || tp->tp_new == NULL)
        exc = MpObject_Call(type, args, NULL);
    else {
        exc = tp->tp_new(tp, args, NULL);
        if (exc != NULL && tp->tp_init != NULL
            && tp->tp_init(exc, args, NULL) < 0)
            Mp_CLEAR(exc);
    }
    Mp_XDECREF(empty);
    if (exc != NULL && !MpExceptionInstance_Check(exc)) {
        MpErr_Format(MpExc_TypeError, "calling %R should have returned an "
                     "instance of BaseException, not %s", type,
                     Mp_TYPE(exc)->tp_name);
        Mp_CLEAR(exc);
    }
    return exc;
}

/* See exceptions.h. */
MpObject *
mp_exceptions_raise_decode_error(const char *encoding, const char *data,
                                 Mp_ssize_t len, Mp_ssize_t start,
                                 Mp_ssize_t end, const char *reason)
{
    MpObject *bytes, *args = NULL, *exc = NULL;
    Mp_ssize_t i;

    bytes = MpTuple_New(len);
    if (bytes == NULL)
        return NULL;
    for (i = 0; i < len; i++) {
        MpObject *b = MpLong_FromLong((unsigned char)data[i]);
        if (b == NULL)
            goto done;
        MpTuple_SET_ITEM(bytes, i, b);
    }
    args = MpTuple_New(5);
    if (args == NULL)
        goto done;
    MpTuple_SET_ITEM(args, 1, bytes);
    bytes = NULL;
    MpTuple_SET_ITEM(args, 0, MpUnicode_FromString(encoding));
    MpTuple_SET_ITEM(args, 2, MpLong_FromSsize_t(start));
    MpTuple_SET_ITEM(args, 3, MpLong_FromSsize_t(end));
    MpTuple_SET_ITEM(args, 4, MpUnicode_FromString(reason));
    for (i = 0; i < 5; i++) {
        if (MpTuple_GET_ITEM(args, i) == NULL)
            goto done;
    }
    exc = mp_exception_new(MpExc_UnicodeDecodeError, args);
    if (exc != NULL)
        MpErr_SetObject(MpExc_UnicodeDecodeError, exc);
done:
    Mp_XDECREF(bytes);
    Mp_XDECREF(args);
    Mp_XDECREF(exc);
    return NULL;
}

/* See exceptions.h. */
void
mp_exceptions_set_traceback_type(MpTypeObject *tb_type)
{
    state.traceback_type = tb_type;
}

/* See exceptions.h. */
MpObject *
mp_exceptions_memoryerror(void)
{
    return state.memerror;
}

/* ---- The public accessors ---- */

/* exc.__traceback__: New reference, or NULL when unset. */
MpObject *
MpException_GetTraceback(MpObject *exc)
{
    return Mp_XNewRef(EXC(exc)->traceback);
}

/* Set exc.__traceback__ (tb not stolen; None clears).  0 or -1. */
int
MpException_SetTraceback(MpObject *exc, MpObject *tb)
{
    return exc_set_traceback(exc, tb, NULL);
}

/* exc.__cause__: New reference, or NULL when unset. */
MpObject *
MpException_GetCause(MpObject *exc)
{
    return Mp_XNewRef(EXC(exc)->cause);
}

/* Set exc.__cause__ (steals 'cause', which may be NULL) and
 * __suppress_context__. */
void
MpException_SetCause(MpObject *exc, MpObject *cause)
{
    EXC(exc)->suppress_context = 1;
    Mp_XSETREF(EXC(exc)->cause, cause);
}

/* exc.__context__: New reference, or NULL when unset. */
MpObject *
MpException_GetContext(MpObject *exc)
{
    return Mp_XNewRef(EXC(exc)->context);
}

/* Set exc.__context__ (steals 'ctx', which may be NULL). */
void
MpException_SetContext(MpObject *exc, MpObject *ctx)
{
    Mp_XSETREF(EXC(exc)->context, ctx);
}

/* exc.args: New reference. */
MpObject *
MpException_GetArgs(MpObject *exc)
{
    return exc_get_args(exc, NULL);
}

/* ---- Life cycle ---- */

/* See exceptions.h. */
int
mp_exceptions_init(void)
{
    size_t i;

    state.memerror = NULL;
    for (i = 0; i < MP_ARRAY_LENGTH(exc_types); i++) {
        if (MpType_Ready(exc_types[i]) < 0)
            return -1;
    }
    state.memerror = mp_exception_new(MpExc_MemoryError, NULL);
    return state.memerror != NULL ? 0 : -1;
}

/* See exceptions.h. */
void
mp_exceptions_fini(void)
{
    MpObject *exc = mp_tstate.current_exception;
    MpObject *handled = mp_tstate.exc_state.exc_value;

    /* Let a leftover exception die while every type is still whole. */
    mp_tstate.current_exception = NULL;
    mp_tstate.exc_state.exc_value = NULL;
    Mp_XDECREF(exc);
    Mp_XDECREF(handled);
    Mp_CLEAR(state.memerror);
}
