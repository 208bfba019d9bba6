/*
 * sysmodule.c -- the sys module: what a program can ask the runtime about
 * itself (reference counts, object sizes, limits, version, argv).
 *
 *   name                      kind       source
 *   ------------------------  ---------  ---------------------------------
 *   getrefcount(o)            function   o's ob_refcnt (the call's own
 *                                        reference included, as CPython)
 *   getsizeof(o[, default])   function   MpObject_GetSizeOf
 *   intern(s)                 function   MpUnicode_InternInPlace
 *   get/setrecursionlimit     function   Mp_Get/SetRecursionLimit
 *   get/set_int_max_str_digits function  the int <-> str digit limit
 *   exc_info(), exit([code])  function   the handled exception; SystemExit
 *   getdefaultencoding()      function   'utf-8'
 *   argv                      list       [''] until mp_sys_set_argv
 *   modules                   dict       the import system's sys.modules
 *   maxsize, byteorder,       constants  computed once per module
 *   platform, version,
 *   version_info, hexversion,
 *   hash_info
 *
 * version_info and hash_info are "struct sequences": read-only records
 * whose fields are readable by name (sys.version_info.major) and that
 * index, iterate, hash and compare like the tuple of their values, so
 * that sys.version_info >= (3, 8) works.  Each is a small object holding
 * that tuple; the field names come from its type's member table.
 *
 * Every function takes its arguments as a C array and checks them itself,
 * so that wrong calls get CPython 3.11's exact messages ("sys.intern()
 * takes exactly one argument (0 given)").  The file keeps no state: all
 * the module's values live in its dict.
 *
 * Read alongside CPython 3.11: Python/sysmodule.c (sys_getrefcount_impl,
 * sys_getsizeof, sys_intern_impl, sys_setrecursionlimit_impl,
 * sys_exc_info_impl, sys_exit_impl, make_version_info, get_hash_info),
 * Objects/structseq.c.
 *
 * Left out: stdin/stdout/stderr (print writes to the C stdout), flags,
 * path, executable, settrace/setprofile, _getframe, float_info and the
 * other struct sequences, audit hooks.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "include/internal/mp_core.h"
#include "runtime/builtins.h"
#include "runtime/import.h"
#include "runtime/modsupport.h"
#include "runtime/moduleobject.h"
#include "objects/errors.h"
#include "objects/longobject.h"
#include "objects/unicodeobject.h"

#define MP_VERSION_MAJOR 3
#define MP_VERSION_MINOR 11
#define MP_VERSION_MICRO 7
#define MP_VERSION_STRING "3.11.7 (minipy " MINIPY_VERSION ")"
/* 0xMMmmuuRS: release level 0xF is "final", serial 0. */
#define MP_HEXVERSION 0x030b07f0L

/* ---- Argument checking with CPython's messages ---- */

/* o.__index__() as a C int: 0, or -1 with TypeError ("'float' object
 * cannot be interpreted as an integer") or OverflowError. */
static int
as_c_int(MpObject *o, int *out)
{
    MpObject *index = MpNumber_Index(o);
    int overflow = 0;
    long v;

    if (index == NULL)
        return -1;
    v = MpLong_AsLongAndOverflow(index, &overflow);
    Mp_DECREF(index);
    if (v == -1 && MpErr_Occurred())
        return -1;
    if (overflow != 0 || v > INT_MAX || v < INT_MIN) {
        MpErr_SetString(MpExc_OverflowError,
                        "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* ---- Struct sequences: version_info and hash_info ---- */

#define STRUCTSEQ_MAX_FIELDS 9

/* The fields are read through read-only member descriptors on
 * fields[]; those pointers are borrowed from 'values', which owns them. */
typedef struct {
    MpObject_HEAD
    MpObject *values;           /* tuple, one item per field */
    MpObject *fields[STRUCTSEQ_MAX_FIELDS];
} structseq_object;

static MpObject *
structseq_values(MpObject *o);

static void
structseq_dealloc(MpObject *op)
{
    Mp_XDECREF(((structseq_object *)op)->values);
    Mp_TYPE(op)->tp_free(op);
}

/* "sys.hash_info(width=64, modulus=..., ...)" */
static MpObject *
structseq_repr(MpObject *op)
{
    MpTypeObject *type = Mp_TYPE(op);
    MpObject *values = ((structseq_object *)op)->values;
    MpObject *r = MpUnicode_FromFormat("%s(", type->tp_name);
    MpMemberDef *f;
    Mp_ssize_t i = 0;

    for (f = type->tp_members; r != NULL && f->name != NULL; f++, i++) {
        MpObject *part = MpUnicode_FromFormat("%s%s=%R", i ? ", " : "",
                                              f->name,
                                              MpTuple_GetItem(values, i));
        if (part == NULL) {
            Mp_CLEAR(r);
            break;
        }
        MpUnicode_Append(&r, part);
        Mp_DECREF(part);
    }
    if (r != NULL) {
        MpObject *close = MpUnicode_FromString(")");
        if (close == NULL)
            Mp_CLEAR(r);
        else {
            MpUnicode_Append(&r, close);
            Mp_DECREF(close);
        }
    }
    return r;
}

static Mp_ssize_t
structseq_length(MpObject *op)
{
    return MpTuple_Size(((structseq_object *)op)->values);
}

static MpObject *
structseq_item(MpObject *op, Mp_ssize_t i)
{
    return MpSequence_GetItem(((structseq_object *)op)->values, i);
}

static MpObject *
structseq_subscript(MpObject *op, MpObject *key)
{
    return MpObject_GetItem(((structseq_object *)op)->values, key);
}

static Mp_hash_t
structseq_hash(MpObject *op)
{
    return MpObject_Hash(((structseq_object *)op)->values);
}

static MpObject *
structseq_richcompare(MpObject *a, MpObject *b, int op)
{
    MpObject *va = structseq_values(a), *vb = structseq_values(b);
    return MpObject_RichCompare(va != NULL ? va : a, vb != NULL ? vb : b,
                                op);
}

static MpObject *
structseq_iter(MpObject *op)
{
    return MpObject_GetIter(((structseq_object *)op)->values);
}

static MpSequenceMethods structseq_as_sequence = {
    .sq_length = structseq_length,
    .sq_item = structseq_item,
};

static MpMappingMethods structseq_as_mapping = {
    .mp_length = structseq_length,
    .mp_subscript = structseq_subscript,
};

#define FIELD(name, i)                                                  \
    {name, MP_T_OBJECT, offsetof(structseq_object, fields)              \
                        + (i) * sizeof(MpObject *), MP_READONLY, NULL}

static MpMemberDef version_info_fields[] = {
    FIELD("major", 0), FIELD("minor", 1), FIELD("micro", 2),
    FIELD("releaselevel", 3), FIELD("serial", 4),
    {NULL, 0, 0, 0, NULL},
};

static MpMemberDef hash_info_fields[] = {
    FIELD("width", 0), FIELD("modulus", 1), FIELD("inf", 2),
    FIELD("nan", 3), FIELD("imag", 4), FIELD("algorithm", 5),
    FIELD("hash_bits", 6), FIELD("seed_bits", 7), FIELD("cutoff", 8),
    {NULL, 0, 0, 0, NULL},
};

#define STRUCTSEQ_TYPE(cname, pyname, fields)                          \
    static MpTypeObject cname = {                                       \
        MpVarObject_HEAD_INIT(&MpType_Type, 0)                          \
        .tp_name = pyname,                                              \
        .tp_basicsize = sizeof(structseq_object),                       \
        .tp_dealloc = structseq_dealloc,                                \
        .tp_repr = structseq_repr,                                      \
        .tp_as_sequence = &structseq_as_sequence,                       \
        .tp_as_mapping = &structseq_as_mapping,                         \
        .tp_hash = structseq_hash,                                      \
        .tp_flags = MP_TPFLAGS_DEFAULT,                                 \
        .tp_richcompare = structseq_richcompare,                        \
        .tp_iter = structseq_iter,                                      \
        .tp_members = fields,                                           \
        .tp_free = MpObject_Del,                                        \
    }

STRUCTSEQ_TYPE(version_info_type, "sys.version_info", version_info_fields);
STRUCTSEQ_TYPE(hash_info_type, "sys.hash_info", hash_info_fields);

/* The tuple of a struct sequence (Borrowed), or NULL for other objects. */
static MpObject *
structseq_values(MpObject *o)
{
    if (Mp_IS_TYPE(o, &version_info_type) || Mp_IS_TYPE(o, &hash_info_type))
        return ((structseq_object *)o)->values;
    return NULL;
}

/* A struct sequence of 'type' over 'values' (a tuple; stolen, may be
 * NULL after a failed build).  New. */
static MpObject *
structseq_new(MpTypeObject *type, MpObject *values)
{
    structseq_object *so;
    Mp_ssize_t i;

    if (values == NULL)
        return NULL;
    if (!MpType_HasFeature(type, MP_TPFLAGS_READY)
        && MpType_Ready(type) < 0) {
        Mp_DECREF(values);
        return NULL;
    }
    so = MpObject_New(structseq_object, type);
    if (so == NULL) {
        Mp_DECREF(values);
        return NULL;
    }
    so->values = values;
    for (i = 0; i < STRUCTSEQ_MAX_FIELDS; i++)
        so->fields[i] = i < MpTuple_Size(values)
                        ? MpTuple_GetItem(values, i) : NULL;
    return (MpObject *)so;
}

/* A tuple of the n objects items[] (stolen), or NULL when any of them
 * is NULL (a failed build; the others are released).  New. */
static MpObject *
tuple_from_items(MpObject **items, Mp_ssize_t n)
{
    MpObject *t = NULL;
    Mp_ssize_t i;

    for (i = 0; i < n; i++) {
        if (items[i] == NULL)
            break;
    }
    if (i == n)
        t = MpTuple_New(n);
    for (i = 0; i < n; i++) {
        if (t != NULL)
            MpTuple_SetItem(t, i, items[i]);
        else
            Mp_XDECREF(items[i]);
    }
    return t;
}

static MpObject *
make_version_info(void)
{
    MpObject *items[5];

    items[0] = MpLong_FromLong(MP_VERSION_MAJOR);
    items[1] = MpLong_FromLong(MP_VERSION_MINOR);
    items[2] = MpLong_FromLong(MP_VERSION_MICRO);
    items[3] = MpUnicode_FromString("final");
    items[4] = MpLong_FromLong(0);
    return structseq_new(&version_info_type, tuple_from_items(items, 5));
}

static MpObject *
make_hash_info(void)
{
    /* The parameters of objects/pyhash.c and of the numeric hashes. */
    MpObject *items[9];

    items[0] = MpLong_FromLong(8 * (long)sizeof(Mp_hash_t));
    items[1] = MpLong_FromUnsignedLong((unsigned long)MP_HASH_MODULUS);
    items[2] = MpLong_FromLong(MP_HASH_INF);
    items[3] = MpLong_FromLong(0);
    items[4] = MpLong_FromLong(MP_HASH_IMAG);
    items[5] = MpUnicode_FromString("siphash13");
    items[6] = MpLong_FromLong(64);
    items[7] = MpLong_FromLong(128);
    items[8] = MpLong_FromLong(0);
    return structseq_new(&hash_info_type, tuple_from_items(items, 9));
}

/* ---- Functions ---- */

static MpObject *
sys_getrefcount(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
                MpObject *kwnames)
{
    MP_UNUSED(self);
    if (mp_arg_check_count("sys.getrefcount", nargs, kwnames, 1) < 0)
        return NULL;
    /* The caller's argument array holds one of these references, as
     * CPython's value stack does: no adjustment. */
    return MpLong_FromSsize_t(Mp_REFCNT(args[0]));
}

static MpObject *
sys_getsizeof(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
              MpObject *kwnames)
{
    static const char *const names[] = {"object", "default"};
    MpObject *a[2];
    Mp_ssize_t size;

    MP_UNUSED(self);
    if (mp_arg_parse("getsizeof", args, nargs, kwnames, names, 1, 2, a) < 0)
        return NULL;
    size = MpObject_GetSizeOf(a[0]);
    if (size < 0) {
        /* Only "doesn't define __sizeof__"-like TypeErrors fall back. */
        if (a[1] != NULL && MpErr_ExceptionMatches(MpExc_TypeError)) {
            MpErr_Clear();
            return Mp_NewRef(a[1]);
        }
        return NULL;
    }
    return MpLong_FromSsize_t(size);
}

static MpObject *
sys_intern(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
           MpObject *kwnames)
{
    MpObject *s;

    MP_UNUSED(self);
    if (mp_arg_check_count("sys.intern", nargs, kwnames, 1) < 0)
        return NULL;
    s = args[0];
    if (!MpUnicode_Check(s)) {
        MpErr_Format(MpExc_TypeError, "intern() argument must be str, "
                     "not %s", Mp_TYPE(s)->tp_name);
        return NULL;
    }
    if (!MpUnicode_CheckExact(s)) {
        MpErr_Format(MpExc_TypeError, "can't intern %s",
                     Mp_TYPE(s)->tp_name);
        return NULL;
    }
    Mp_INCREF(s);
    MpUnicode_InternInPlace(&s);
    return s;
}

static MpObject *
sys_getrecursionlimit(MpObject *self, MpObject *const *args,
                      Mp_ssize_t nargs, MpObject *kwnames)
{
    MP_UNUSED(self);
    MP_UNUSED(args);
    if (mp_arg_check_count("sys.getrecursionlimit", nargs, kwnames, 0) < 0)
        return NULL;
    return MpLong_FromSsize_t(Mp_GetRecursionLimit());
}

static MpObject *
sys_setrecursionlimit(MpObject *self, MpObject *const *args,
                      Mp_ssize_t nargs, MpObject *kwnames)
{
    int limit;

    MP_UNUSED(self);
    if (mp_arg_check_count("sys.setrecursionlimit", nargs, kwnames, 1) < 0
        || as_c_int(args[0], &limit) < 0
        || Mp_SetRecursionLimit(limit) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
sys_get_int_max_str_digits(MpObject *self, MpObject *const *args,
                           Mp_ssize_t nargs, MpObject *kwnames)
{
    MP_UNUSED(self);
    MP_UNUSED(args);
    if (mp_arg_check_count("sys.get_int_max_str_digits", nargs, kwnames, 0) < 0)
        return NULL;
    return MpLong_FromLong(mp_long_get_max_str_digits());
}

static MpObject *
sys_set_int_max_str_digits(MpObject *self, MpObject *const *args,
                           Mp_ssize_t nargs, MpObject *kwnames)
{
    static const char *const names[] = {"maxdigits"};
    MpObject *a[1];
    int maxdigits;

    MP_UNUSED(self);
    if (mp_arg_parse("set_int_max_str_digits", args, nargs, kwnames, names,
                   1, 1, a) < 0
        || as_c_int(a[0], &maxdigits) < 0
        || mp_long_set_max_str_digits(maxdigits) < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
sys_exc_info(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
             MpObject *kwnames)
{
    MpObject *exc, *tb, *r;

    MP_UNUSED(self);
    MP_UNUSED(args);
    if (mp_arg_check_count("sys.exc_info", nargs, kwnames, 0) < 0)
        return NULL;
    exc = mp_errors_get_handled();
    if (exc == NULL || exc == Mp_None)
        return MpTuple_Pack(3, Mp_None, Mp_None, Mp_None);
    tb = MpException_GetTraceback(exc);
    r = MpTuple_Pack(3, (MpObject *)Mp_TYPE(exc), exc,
                     tb != NULL ? tb : Mp_None);
    Mp_XDECREF(tb);
    return r;
}

static MpObject *
sys_exit(MpObject *self, MpObject *const *args, Mp_ssize_t nargs,
         MpObject *kwnames)
{
    MP_UNUSED(self);
    if (mp_arg_has_keywords(kwnames)) {
        MpErr_SetString(MpExc_TypeError,
                        "sys.exit() takes no keyword arguments");
        return NULL;
    }
    if (MpArg_CheckPositional("exit", nargs, 0, 1) < 0)
        return NULL;
    /* SystemExit(code); no code (or None) means a clean exit. */
    MpErr_SetObject(MpExc_SystemExit, nargs == 0 ? Mp_None : args[0]);
    return NULL;
}

static MpObject *
sys_getdefaultencoding(MpObject *self, MpObject *const *args,
                       Mp_ssize_t nargs, MpObject *kwnames)
{
    MP_UNUSED(self);
    MP_UNUSED(args);
    if (mp_arg_check_count("sys.getdefaultencoding", nargs, kwnames, 0) < 0)
        return NULL;
    return MpUnicode_FromString("utf-8");
}

#define SYS_FUNC(name) \
    {#name, (MpCFunction)(void (*)(void))sys_##name, \
     MP_METH_FASTCALL | MP_METH_KEYWORDS, NULL}

static MpMethodDef sys_methods[] = {
    SYS_FUNC(getrefcount),
    SYS_FUNC(getsizeof),
    SYS_FUNC(intern),
    SYS_FUNC(getrecursionlimit),
    SYS_FUNC(setrecursionlimit),
    SYS_FUNC(get_int_max_str_digits),
    SYS_FUNC(set_int_max_str_digits),
    SYS_FUNC(exc_info),
    SYS_FUNC(exit),
    SYS_FUNC(getdefaultencoding),
    {NULL, NULL, 0, NULL},
};

/* ---- The module ---- */

/* d[name] = value, stealing value (NULL: a failed build).  0 or -1. */
static int
set_value(MpObject *d, const char *name, MpObject *value)
{
    int r;

    if (value == NULL)
        return -1;
    r = MpDict_SetItemString(d, name, value);
    Mp_DECREF(value);
    return r;
}

static const char *
byteorder(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1 ? "little" : "big";
}

/* sys.argv from C strings: [''] when there are none. */
static MpObject *
make_argv(int argc, char **argv)
{
    MpObject *list = MpList_New(argc > 0 ? argc : 1);
    int i;

    if (list == NULL)
        return NULL;
    for (i = 0; i < (argc > 0 ? argc : 1); i++) {
        MpObject *s = MpUnicode_FromString(argc > 0 ? argv[i] : "");
        if (s == NULL) {
            Mp_DECREF(list);
            return NULL;
        }
        MpList_SetItem(list, i, s);
    }
    return list;
}

static int
sys_fill_dict(MpObject *d)
{
    MpObject *modules = mp_import_modules();

    if (set_value(d, "maxsize", MpLong_FromSsize_t(MP_SSIZE_T_MAX)) < 0
        || set_value(d, "version",
                     MpUnicode_FromString(MP_VERSION_STRING)) < 0
        || set_value(d, "version_info", make_version_info()) < 0
        || set_value(d, "hexversion", MpLong_FromLong(MP_HEXVERSION)) < 0
        || set_value(d, "hash_info", make_hash_info()) < 0
        || set_value(d, "platform", MpUnicode_FromString("linux")) < 0
        || set_value(d, "byteorder", MpUnicode_FromString(byteorder())) < 0
        || set_value(d, "argv", make_argv(0, NULL)) < 0)
        return -1;
    /* sys.modules is the import system's dict (absent only when sys is
     * made without an interpreter, as the unit tests do). */
    if (modules != NULL && MpDict_SetItemString(d, "modules", modules) < 0)
        return -1;
    return 0;
}

/* A new sys module (New), or NULL with an exception set. */
MpObject *
mp_sys_module_create(void)
{
    MpObject *m = mp_module_new("sys");

    if (m == NULL)
        return NULL;
    if (mp_module_add_functions(m, sys_methods) < 0
        || sys_fill_dict(mp_module_dict(m)) < 0) {
        Mp_DECREF(m);
        return NULL;
    }
    return m;
}

MP_IDENTIFIER(sys);

/* Set sys.argv of the sys module in sys.modules to the C strings
 * argv[0..argc-1] (argv[0] as given: the script path, or "-c"); argc 0
 * gives [''].  Call after Mp_Initialize.  0, or -1 with an exception
 * (RuntimeError when there is no sys module). */
int
mp_sys_set_argv(int argc, char **argv)
{
    MpObject *modules = mp_import_modules(), *sys = NULL;
    MpObject *name = mp_identifier_get(&MpId_sys);

    if (name == NULL)
        return -1;
    if (modules != NULL)
        sys = MpDict_GetItemWithError(modules, name);
    if (sys == NULL || !MpModule_Check(sys)) {
        if (!MpErr_Occurred())
            MpErr_SetString(MpExc_RuntimeError, "lost sys module");
        return -1;
    }
    return set_value(mp_module_dict(sys), "argv", make_argv(argc, argv));
}
