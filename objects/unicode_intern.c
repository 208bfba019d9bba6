/*
 * unicode_intern.c -- the intern table and cached C identifiers.
 *
 * Interning keeps at most one str per content, so code that interns its
 * names (the compiler, attribute lookups, dict keys from C) compares them
 * by pointer.  The table is an open-addressing set of str pointers,
 * probed as dicts probe, by the str's own cached SipHash:
 *
 *   state.slots: [ NULL | str | DELETED | str | NULL | ... ]  (2**k)
 *                          |
 *                          v
 *                   MpUnicodeObject (state.interned = 1)
 *
 * NULL ends a probe chain; DELETED (a dead entry) does not.  The table
 * grows (and drops its DELETED marks) when live and dead entries fill
 * two thirds of it, like a dict.
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
 * Invariants: a slot holds a str iff that str has state.interned set;
 * 'used' counts those slots, 'filled' those and the DELETED ones.
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c
 * (PyUnicode_InternInPlace, _PyUnicode_ClearInterned, unicode_dealloc's
 * SSTATE_INTERNED_MORTAL case, _PyUnicode_FromId).  Left out: immortal
 * interned strings (3.11 keeps none at run time either).
 */
#include <string.h>

#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "runtime/memtrace.h"

#define MIN_SLOTS 64
/* A dead entry: any address that is not a str will do. */
#define DELETED ((MpObject *)&state)

static struct {
    MpObject **slots;           /* NULL until the first intern */
    size_t mask;                /* number of slots - 1 */
    size_t used;                /* live entries */
    size_t filled;              /* live and DELETED entries */
    MpIdentifier *identifiers;  /* linked through 'next' */
} state;

static int
same_text(MpObject *a, MpObject *b)
{
    Mp_ssize_t n = MpUnicode_UTF8_LENGTH(a);
    return n == MpUnicode_UTF8_LENGTH(b) &&
           memcmp(MpUnicode_DATA(a), MpUnicode_DATA(b), (size_t)n) == 0;
}

/* The slot holding a str with the text of s (hash h), or else the first
 * free slot of its probe chain (NULL, or a DELETED one met on the way). */
static MpObject **
find_slot(MpObject *s, Mp_hash_t h)
{
    size_t perturb = (size_t)h, i = (size_t)h & state.mask;
    MpObject **free_slot = NULL;

    for (;;) {
        MpObject **slot = &state.slots[i];
        if (*slot == NULL)
            return free_slot != NULL ? free_slot : slot;
        if (*slot == DELETED) {
            if (free_slot == NULL)
                free_slot = slot;
        }
        else if (*slot == s || (MpUnicode_CAST(*slot)->hash == h &&
                                same_text(*slot, s))) {
            return slot;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & state.mask;
    }
}

/* Rebuild the table with room for 'used' entries at most a third full.
 * 0, or -1 when out of memory (the old table stays). */
static int
resize(void)
{
    MpObject **old = state.slots;
    size_t n = MIN_SLOTS, i, old_size = old != NULL ? state.mask + 1 : 0;

    while (n < state.used * 3)
        n *= 2;
    state.slots = MpMem_Calloc(n, sizeof(MpObject *));
    if (state.slots == NULL) {
        state.slots = old;
        return -1;
    }
    state.mask = n - 1;
    state.filled = state.used;
    for (i = 0; i < old_size; i++) {
        if (old[i] != NULL && old[i] != DELETED)
            *find_slot(old[i], MpUnicode_CAST(old[i])->hash) = old[i];
    }
    MpMem_Free(old);
    return 0;
}

/* Replace *p by the interned str with the same text, interning *p itself
 * when there is none.  Out of memory leaves *p as it was (uninterned), as
 * CPython does. */
void
MpUnicode_InternInPlace(MpObject **p)
{
    MpObject *s = *p, **slot;
    Mp_hash_t h;

    if (s == NULL || !MpUnicode_CheckExact(s))
        return;
    if (MpUnicode_CAST(s)->state.interned)
        return;
    h = MpObject_Hash(s);       /* cached in the str from now on */
    if (state.slots == NULL || (state.filled + 1) * 3 > (state.mask + 1) * 2) {
        if (resize() < 0)
            return;
    }
    slot = find_slot(s, h);
    if (*slot != NULL && *slot != DELETED) {
        if (MP_UNLIKELY(mp_memtrace_on))
            mp_memtrace_interned(*slot);
        Mp_INCREF(*slot);
        Mp_SETREF(*p, *slot);
        return;
    }
    if (*slot == NULL)
        state.filled++;
    *slot = s;
    state.used++;
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
    MpObject **slot = find_slot(op, MpUnicode_CAST(op)->hash);

    MpUnicode_CAST(op)->state.interned = 0;
    if (*slot == op) {
        *slot = DELETED;
        state.used--;
    }
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
    state.slots = NULL;
    state.mask = 0;
    state.used = state.filled = 0;
    state.identifiers = NULL;
    return 0;
}

/* Release the identifiers, then unlink every remaining str from the
 * table (they may still be alive elsewhere: their later dealloc must not
 * touch the freed table). */
void
mp_unicode_intern_fini(void)
{
    size_t i;

    while (state.identifiers != NULL) {
        MpIdentifier *id = state.identifiers;
        state.identifiers = id->next;
        id->next = NULL;
        Mp_CLEAR(id->object);
    }
    for (i = 0; state.slots != NULL && i <= state.mask; i++) {
        if (state.slots[i] != NULL && state.slots[i] != DELETED)
            MpUnicode_CAST(state.slots[i])->state.interned = 0;
    }
    MpMem_Free(state.slots);
    mp_unicode_intern_init();
}
