/*
 * dictobject.h -- the compact dict layout (CPython 3.11's) and the dict
 * helpers other files use.  The design is described atop dictobject.c.
 *
 *   MpDictObject (48 bytes)          MpDictKeysObject (one block)
 *   +----------------+               +-------------------------------+
 *   | ob_refcnt      |               | 32-byte header                |
 *   | ob_type        |               | dk_indices: 2**dk_log2_size   |
 *   | ma_used        |    ma_keys    |   int8/16/32/64 slots         |
 *   | ma_version_tag |  ---------->  | entries: dk_usable of 16-byte |
 *   | ma_keys        |               |   (str keys) or 24-byte slots |
 *   | ma_values=NULL |               +-------------------------------+
 *   +----------------+
 */
#ifndef MP_DICTOBJECT_H
#define MP_DICTOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* dk_kind: every key an exact str (16-byte entries, hash kept in the str),
 * or anything (24-byte entries holding the hash). */
#define MP_DICT_KEYS_GENERAL 0
#define MP_DICT_KEYS_UNICODE 1

typedef struct {
    Mp_hash_t me_hash;
    MpObject *me_key;       /* NULL: deleted entry */
    MpObject *me_value;
} MpDictKeyEntry;

typedef struct {
    MpObject *me_key;       /* NULL: deleted entry */
    MpObject *me_value;
} MpDictUnicodeEntry;

typedef struct MpDictKeysObject {
    Mp_ssize_t dk_refcnt;
    uint8_t dk_log2_size;         /* index table has 2**this slots */
    uint8_t dk_log2_index_bytes;  /* index table takes 2**this bytes */
    uint8_t dk_kind;              /* MP_DICT_KEYS_GENERAL / _UNICODE */
    uint32_t dk_version;          /* always 0: no key-version cache */
    Mp_ssize_t dk_usable;         /* entries that can still be added */
    Mp_ssize_t dk_nentries;       /* entries used, deleted ones included */
    char dk_indices[];            /* then the entry array */
} MpDictKeysObject;

typedef struct {
    MpObject_HEAD
    Mp_ssize_t ma_used;           /* live items */
    uint64_t ma_version_tag;      /* changes on every modification */
    MpDictKeysObject *ma_keys;
    MpObject **ma_values;         /* always NULL: no split tables */
} MpDictObject;

#define MpDict_CAST(op) ((MpDictObject *)(op))
#define MpDict_GET_SIZE(op) (MpDict_CAST(op)->ma_used)

/* Index values that are not entry numbers. */
#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define DKIX_ERROR (-3)
#define DKIX_KEY_CHANGED (-4)

#define DK_LOG_SIZE(dk) ((dk)->dk_log2_size)
#define DK_SIZE(dk) (((int64_t)1) << DK_LOG_SIZE(dk))
#define DK_IS_UNICODE(dk) ((dk)->dk_kind == MP_DICT_KEYS_UNICODE)
/* The entry array starts right after the index table. */
#define DK_ENTRIES_START(dk) \
    (&(dk)->dk_indices[(size_t)1 << (dk)->dk_log2_index_bytes])
#define DK_ENTRIES(dk) ((MpDictKeyEntry *)(void *)DK_ENTRIES_START(dk))
#define DK_UNICODE_ENTRIES(dk) \
    ((MpDictUnicodeEntry *)(void *)DK_ENTRIES_START(dk))

/* Key and value of entry i of 'dk' (both NULL for a deleted entry). */
static inline void
mp_dict_entry_at(MpDictKeysObject *dk, Mp_ssize_t i, MpObject **key,
                 MpObject **value)
{
    if (DK_IS_UNICODE(dk)) {
        MpDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(dk)[i];
        *key = ep->me_key;
        *value = ep->me_value;
    }
    else {
        MpDictKeyEntry *ep = &DK_ENTRIES(dk)[i];
        *key = ep->me_key;
        *value = ep->me_value;
    }
}

int mp_dict_init(void);
void mp_dict_fini(void);

/* d[key] with the hash already known.  Borrowed, or NULL without an
 * exception when missing, NULL with one on error. */
MpObject *mp_dict_getitem_knownhash(MpObject *d, MpObject *key, Mp_hash_t h);
/* d[key] = value, stealing both references (released on failure). */
int mp_dict_setitem_take2(MpObject *d, MpObject *key, MpObject *value);
/* Untrack d when no key or value may be tracked (full collections). */
void mp_dict_maybe_untrack(MpObject *d);
/* An empty dict sized for 'minused' items, with a str-only (unicode) or
 * general table: what a dict display of that many items starts with.
 * New. */
MpObject *mp_dict_new_presized(Mp_ssize_t minused, int unicode);
/* {keys[0]: values[0], ...} as a dict display builds it (presized; the
 * i-th key is keys[i * key_step]).  References not stolen.  New. */
MpObject *mp_dict_from_items(MpObject *const *keys, Mp_ssize_t key_step,
                             MpObject *const *values, Mp_ssize_t value_step,
                             Mp_ssize_t n);

/* ---- Between dictobject.c and dictviews.c ---- */

/* A view (MpDictKeys_Type, ...) of dict d.  New. */
MpObject *mp_dictview_new(MpObject *d, MpTypeObject *type);
/* An iterator (MpDictIterKey_Type, MpDictRevIterKey_Type, ...) over d.
 * New. */
MpObject *mp_dictiter_new(MpDictObject *d, MpTypeObject *type);
/* dict.update(arg) for one positional argument: a dict or an object with
 * keys() is merged as a mapping, anything else as pairs.  0 or -1. */
int mp_dict_update_arg(MpObject *self, MpObject *arg);

/* Iterator and view types (dictviews.c). */
extern MpTypeObject MpDictKeys_Type;
extern MpTypeObject MpDictValues_Type;
extern MpTypeObject MpDictItems_Type;
extern MpTypeObject MpDictIterKey_Type;
extern MpTypeObject MpDictIterValue_Type;
extern MpTypeObject MpDictIterItem_Type;
extern MpTypeObject MpDictRevIterKey_Type;
extern MpTypeObject MpDictRevIterValue_Type;
extern MpTypeObject MpDictRevIterItem_Type;

#endif /* MP_DICTOBJECT_H */
