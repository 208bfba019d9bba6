/*
 * unicode_intern.c -- the intern table and cached C identifiers.
 *
 * Interning keeps at most one str per content, so code that interns its
 * names (the compiler, attribute lookups, dict keys from C) compares them
 * by pointer.  The table is a uthash hash keyed by the UTF-8 bytes, using
 * the str's own SipHash as the bucket hash:
 *
 *   state.table --> intern_entry { str, hh } --> ... (uthash chains)
 *                        |
 *                        v
 *                   MpUnicodeObject (state.interned = 1)
 *
 * Interned strs are *mortal*, as in CPython 3.11: the table does not own
 * a reference.  When the last outside reference goes, str dealloc sees
 * state.interned and calls mp_unicode_intern_forget, which removes and
 * frees the entry; interning the same text later makes a new object.
 *
 * Identifiers: MP_IDENTIFIER(name) declares a static MpIdentifier; the
 * first mp_identifier_get interns the text, keeps one reference in
 * id->object and links the identifier into state.identifiers, so
 * mp_unicode_fini can drop those references and reset the structs (the
 * runtime can start again).
 *
 * Invariants: an entry exists iff its str has state.interned set; the
 * entry's key points into the str's own data (valid while it lives).
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c
 * (PyUnicode_InternInPlace, _PyUnicode_ClearInterned, unicode_dealloc's
 * SSTATE_INTERNED_MORTAL case, _PyUnicode_FromId).  Left out: immortal
 * interned strings (3.11 keeps none at run time either).
 */
#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"

/* uthash: allocation through MpMem (counted, fault injectable), and a
 * failed allocation leaves the table intact instead of exiting. */
#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) MpMem_Malloc(sz)
#define uthash_free(ptr, sz) MpMem_Free(ptr)
#include <uthash.h>

typedef struct intern_entry {
    MpObject *str;          /* not owned: interned strs are mortal */
    UT_hash_handle hh;
} intern_entry;

static struct {
    intern_entry *table;
    MpIdentifier *identifiers;  /* linked through 'next' */
} state;

/* uthash wants an unsigned bucket hash; fold the 64-bit str hash. */
static unsigned
bucket_hash(MpObject *s)
{
    uint64_t h = (uint64_t)MpObject_Hash(s);
    return (unsigned)(h ^ (h >> 32));
}

static intern_entry *
intern_lookup(MpObject *s)
{
    intern_entry *e = NULL;
    unsigned hv = bucket_hash(s);
    HASH_FIND_BYHASHVALUE(hh, state.table, MpUnicode_DATA(s),
                          (unsigned)MpUnicode_UTF8_LENGTH(s), hv, e);
    return e;
}

/* Replace *p by the interned str with the same text, interning *p itself
 * when there is none.  Out of memory leaves *p as it was (uninterned), as
 * CPython does. */
void
MpUnicode_InternInPlace(MpObject **p)
{
    MpObject *s = *p;
    intern_entry *e;

    if (s == NULL || !MpUnicode_CheckExact(s))
        return;
    if (MpUnicode_CAST(s)->state.interned)
        return;
    if (MpUnicode_UTF8_LENGTH(s) > (Mp_ssize_t)UINT_MAX)
        return;
    e = intern_lookup(s);
    if (e != NULL) {
        Mp_INCREF(e->str);
        Mp_SETREF(*p, e->str);
        return;
    }
    e = MpMem_Malloc(sizeof(*e));
    if (e == NULL)
        return;
    e->str = s;
    HASH_ADD_KEYPTR_BYHASHVALUE(hh, state.table, MpUnicode_DATA(s),
                                (unsigned)MpUnicode_UTF8_LENGTH(s),
                                bucket_hash(s), e);
    if (e->hh.tbl == NULL) {
        /* uthash could not allocate its table or bucket array. */
        MpMem_Free(e);
        return;
    }
    MpUnicode_CAST(s)->state.interned = 1;
}

/* The interned str of a UTF-8 string.  New; NULL on error. */
MpObject *
MpUnicode_InternFromString(const char *u)
{
    MpObject *s = MpUnicode_FromString(u);
    if (s == NULL)
        return NULL;
    MpUnicode_InternInPlace(&s);
    return s;
}

/* 1 if s is in the intern table. */
int
MpUnicode_IsInterned(MpObject *s)
{
    return s != NULL && MpUnicode_CheckExact(s) &&
           MpUnicode_CAST(s)->state.interned;
}

/* Drop the entry of a dying interned str. */
void
mp_unicode_intern_forget(MpObject *op)
{
    intern_entry *e = NULL;
    /* The hash is cached: it was computed when the str was interned. */
    unsigned hv = bucket_hash(op);

    HASH_FIND_BYHASHVALUE(hh, state.table, MpUnicode_DATA(op),
                          (unsigned)MpUnicode_UTF8_LENGTH(op), hv, e);
    MpUnicode_CAST(op)->state.interned = 0;
    if (e == NULL || e->str != op)
        return;
    HASH_DELETE(hh, state.table, e);
    MpMem_Free(e);
}

/* The interned str for an identifier.  Borrowed. */
MpObject *
mp_identifier_get(MpIdentifier *id)
{
    MpObject *s;

    if (id->object != NULL)
        return id->object;
    s = MpUnicode_InternFromString(id->string);
    if (s == NULL)
        return NULL;
    id->object = s;
    id->next = state.identifiers;
    state.identifiers = id;
    return s;
}

/* Start with an empty table and no identifiers.  0. */
int
mp_unicode_intern_init(void)
{
    state.table = NULL;
    state.identifiers = NULL;
    return 0;
}

/* Release the identifiers, then unlink every remaining str from the
 * table (they may still be alive elsewhere: their later dealloc must not
 * touch the freed table). */
void
mp_unicode_intern_fini(void)
{
    intern_entry *e, *tmp;

    while (state.identifiers != NULL) {
        MpIdentifier *id = state.identifiers;
        state.identifiers = id->next;
        id->next = NULL;
        Mp_CLEAR(id->object);
    }
    HASH_ITER(hh, state.table, e, tmp) {
        MpUnicode_CAST(e->str)->state.interned = 0;
        HASH_DELETE(hh, state.table, e);
        MpMem_Free(e);
    }
    state.table = NULL;
}
