/*
 * dictobject.c -- the insertion-ordered hash table 'dict' (CPython 3.11's
 * compact layout).  Views and iterators live in dictviews.c.
 *
 * A dict points at a keys object: one block holding a sparse index table
 * and a dense entry array in insertion order.
 *
 *   dk_indices (2**k slots)       entries (dk_usable + dk_nentries slots)
 *   +----+----+----+----+         +-----------------+-----------------+--
 *   | -1 |  1 | -2 |  0 |  ...    | 0: 'b' -> 2     | 1: 'a' -> 1     |
 *   +----+----+----+----+         +-----------------+-----------------+--
 *   -1 empty, -2 dummy (deleted), n >= 0 an entry number.  A slot is an
 *   int8 up to 128 slots, int16 up to 2**15, int32 up to 2**31, else int64.
 *
 *   keys object bytes = 32 header + 2**dk_log2_index_bytes
 *                       + usable * (16 if every key is an exact str,
 *                                   24 otherwise: hash, key, value)
 *   usable = 2 * size / 3;  sys.getsizeof(d) = 48 + 16 + keys bytes
 *   (keys bytes only when dk_refcnt == 1: the shared empty keys is free).
 *
 * Probing: i = hash & mask, then perturb >>= 5; i = (5*i + 1 + perturb)
 * & mask until an empty slot.  Lookups compare the key pointer first, then
 * the hash, then MpObject_RichCompareBool; a comparison that changes the
 * dict restarts the lookup.
 *
 * Sizing (3.11's rules): the first insert into {} makes an 8-slot table.
 * When dk_usable is 0 the table is rebuilt with only live entries at
 * calculate_log2_keysize(3 * used) = bit_length(((n | 8) - 1) | 7) (so 1-7
 * give 16 slots); the first non-str key rebuilds the same way into the
 * general kind.  Copies of sparse dicts and displays presize with
 * estimate_log2_keysize(n) = calculate_log2_keysize((3n + 1) / 2).
 * Deleting never shrinks; clear() returns to the shared empty keys.
 *
 * Invariants:
 *   - ma_used live entries; dk_nentries entries used (live or deleted);
 *     dk_usable + dk_nentries == usable fraction of the size (popitem
 *     excepted: it gives the last entry slot back but not the usable).
 *   - A unicode-kind table holds only exact str keys with their hash
 *     cached in the str.
 *   - Collector tracking as 3.11: a dict is born untracked and becomes
 *     tracked when a key or value that may be tracked is stored; copies
 *     keep the state; only full collections untrack again.
 *   - Entries are released in insertion order (key, then value).
 *
 * Read alongside CPython 3.11: Objects/dictobject.c (new_keys_object,
 * _Py_dict_lookup, unicodekeys_lookup_*, dictkeys_generic_lookup,
 * insertdict, insert_to_emptydict, dictresize, delitem_common,
 * PyDict_Copy, dict_merge, dict_popitem_impl, _PyDict_MaybeUntrack).
 *
 * Left out: split tables (ma_values is always NULL: instances keep an
 * ordinary dict), the keys-object and dict free lists, dict watchers and
 * key versions (dk_version stays 0).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/dictobject.h"
#include "objects/listobject.h"
#include "objects/tupleobject.h"
#include "objects/unicodeobject.h"
#include "gc/gc.h"

#define PERTURB_SHIFT 5
#define MP_DICT_LOG2_MINSIZE 3
#define MP_DICT_MINSIZE 8
#define USABLE_FRACTION(n) (((n) << 1) / 3)
#define GROWTH_RATE(d) ((d)->ma_used * 3)

static struct {
    uint64_t next_version;       /* ma_version_tag source */
} state;

#define DICT_NEXT_VERSION() (++state.next_version)

/* The keys of every empty dict: one index slot, no room for entries, never
 * freed and never counted by __sizeof__.  Its size of 1 makes the first
 * merge into an empty dict presize, as in 3.11. */
static MpDictKeysObject empty_keys_struct = {
    .dk_refcnt = 1,
    .dk_log2_size = 0,
    .dk_log2_index_bytes = 0,
    .dk_kind = MP_DICT_KEYS_UNICODE,
    .dk_version = 0,
    .dk_usable = 0,
    .dk_nentries = 0,
    .dk_indices = {'\xff', '\xff', '\xff', '\xff',
                   '\xff', '\xff', '\xff', '\xff'},
};
#define Mp_EMPTY_KEYS (&empty_keys_struct)

/* ---- The keys object ---- */

static inline Mp_ssize_t
dictkeys_get_index(const MpDictKeysObject *keys, Mp_ssize_t i)
{
    int log2size = DK_LOG_SIZE(keys);

    if (log2size < 8)
        return ((const int8_t *)keys->dk_indices)[i];
    if (log2size < 16)
        return ((const int16_t *)(const void *)keys->dk_indices)[i];
    if (log2size >= 32)
        return ((const int64_t *)(const void *)keys->dk_indices)[i];
    return ((const int32_t *)(const void *)keys->dk_indices)[i];
}

static inline void
dictkeys_set_index(MpDictKeysObject *keys, Mp_ssize_t i, Mp_ssize_t ix)
{
    int log2size = DK_LOG_SIZE(keys);

    if (log2size < 8)
        ((int8_t *)keys->dk_indices)[i] = (int8_t)ix;
    else if (log2size < 16)
        ((int16_t *)(void *)keys->dk_indices)[i] = (int16_t)ix;
    else if (log2size >= 32)
        ((int64_t *)(void *)keys->dk_indices)[i] = (int64_t)ix;
    else
        ((int32_t *)(void *)keys->dk_indices)[i] = (int32_t)ix;
}

static inline uint8_t
calculate_log2_keysize(Mp_ssize_t minsize)
{
    uint64_t n = ((uint64_t)(minsize | MP_DICT_MINSIZE) - 1)
                 | (MP_DICT_MINSIZE - 1);
    uint8_t bits = 0;

    while (n) {
        bits++;
        n >>= 1;
    }
    return bits;
}

static inline uint8_t
estimate_log2_keysize(Mp_ssize_t n)
{
    return calculate_log2_keysize((n * 3 + 1) / 2);
}

static inline Mp_hash_t
unicode_get_hash(MpObject *o)
{
    return MpUnicode_CAST(o)->hash;
}

/* The hash of a key, taking the one cached in a str.  -1 on error. */
static inline Mp_hash_t
dict_key_hash(MpObject *key)
{
    Mp_hash_t hash;

    if (!MpUnicode_CheckExact(key) || (hash = unicode_get_hash(key)) == -1)
        hash = MpObject_Hash(key);
    return hash;
}

static size_t
keys_nbytes(uint8_t log2_size, int unicode)
{
    uint8_t log2_bytes;
    size_t usable = (size_t)USABLE_FRACTION((Mp_ssize_t)1 << log2_size);

    if (log2_size < 8)
        log2_bytes = log2_size;
    else if (log2_size < 16)
        log2_bytes = log2_size + 1;
    else if (log2_size >= 32)
        log2_bytes = log2_size + 3;
    else
        log2_bytes = log2_size + 2;
    return sizeof(MpDictKeysObject) + ((size_t)1 << log2_bytes)
           + usable * (unicode ? sizeof(MpDictUnicodeEntry)
                               : sizeof(MpDictKeyEntry));
}

/* Bytes of the keys object (0 for the shared empty one). */
static Mp_ssize_t
dict_keys_sizeof(MpDictKeysObject *keys)
{
    if (keys == Mp_EMPTY_KEYS)
        return 0;
    return (Mp_ssize_t)keys_nbytes(keys->dk_log2_size, DK_IS_UNICODE(keys));
}

/* An empty keys object of 2**log2_size slots.  NULL + MemoryError. */
static MpDictKeysObject *
new_keys_object(uint8_t log2_size, int unicode)
{
    MpDictKeysObject *dk;
    size_t entry_size = unicode ? sizeof(MpDictUnicodeEntry)
                                : sizeof(MpDictKeyEntry);
    Mp_ssize_t usable = USABLE_FRACTION((Mp_ssize_t)1 << log2_size);
    uint8_t log2_bytes;

    if (log2_size >= 8 * sizeof(Mp_ssize_t) - 3) {
        MpErr_NoMemory();
        return NULL;
    }
    log2_bytes = log2_size < 8 ? log2_size
                 : log2_size < 16 ? log2_size + 1
                 : log2_size < 32 ? log2_size + 2 : log2_size + 3;
    dk = MpObject_Malloc(keys_nbytes(log2_size, unicode));
    if (dk == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    dk->dk_refcnt = 1;
    dk->dk_log2_size = log2_size;
    dk->dk_log2_index_bytes = log2_bytes;
    dk->dk_kind = unicode ? MP_DICT_KEYS_UNICODE : MP_DICT_KEYS_GENERAL;
    dk->dk_version = 0;
    dk->dk_usable = usable;
    dk->dk_nentries = 0;
    memset(dk->dk_indices, 0xff, (size_t)1 << log2_bytes);
    memset(&dk->dk_indices[(size_t)1 << log2_bytes], 0,
           entry_size * (size_t)usable);
    return dk;
}

/* Release the entries (insertion order, key then value) and the block. */
static void
free_keys_object(MpDictKeysObject *keys)
{
    Mp_ssize_t i, n = keys->dk_nentries;

    for (i = 0; i < n; i++) {
        MpObject *key, *value;
        mp_dict_entry_at(keys, i, &key, &value);
        Mp_XDECREF(key);
        Mp_XDECREF(value);
    }
    MpObject_Free(keys);
}

static inline void
dictkeys_decref(MpDictKeysObject *dk)
{
    if (dk == Mp_EMPTY_KEYS)
        return;
    if (--dk->dk_refcnt == 0)
        free_keys_object(dk);
}

/* ---- Lookup ---- */

/* The index slot holding entry 'index' of a key with 'hash'. */
static Mp_ssize_t
lookdict_index(MpDictKeysObject *k, Mp_hash_t hash, Mp_ssize_t index)
{
    size_t mask = (size_t)DK_SIZE(k) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;

    for (;;) {
        Mp_ssize_t ix = dictkeys_get_index(k, (Mp_ssize_t)i);
        if (ix == index)
            return (Mp_ssize_t)i;
        if (ix == DKIX_EMPTY)
            return DKIX_EMPTY;
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* First empty or dummy slot on the probe path of 'hash'. */
static Mp_ssize_t
find_empty_slot(MpDictKeysObject *keys, Mp_hash_t hash)
{
    size_t mask = (size_t)DK_SIZE(keys) - 1;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    Mp_ssize_t ix = dictkeys_get_index(keys, (Mp_ssize_t)i);

    while (ix >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
        ix = dictkeys_get_index(keys, (Mp_ssize_t)i);
    }
    return (Mp_ssize_t)i;
}

/* An exact str in a unicode table: no user code runs. */
static Mp_ssize_t
unicodekeys_lookup_unicode(MpDictKeysObject *dk, MpObject *key,
                           Mp_hash_t hash)
{
    MpDictUnicodeEntry *ep0 = DK_UNICODE_ENTRIES(dk);
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;

    for (;;) {
        Mp_ssize_t ix = dictkeys_get_index(dk, (Mp_ssize_t)i);
        if (ix >= 0) {
            MpObject *ep_key = ep0[ix].me_key;
            if (ep_key == key || (unicode_get_hash(ep_key) == hash
                                  && mp_unicode_eq(ep_key, key))) {
                return ix;
            }
        }
        else if (ix == DKIX_EMPTY) {
            return DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* Compare a stored key with 'key'; the comparison may run user code that
 * changes the dict: DKIX_KEY_CHANGED asks the caller to start again.
 * The keys object is held meanwhile, so it cannot be freed and another
 * one cannot take its address. */
static Mp_ssize_t
compare_stored_key(MpDictObject *mp, MpDictKeysObject *dk, MpObject **slot,
                   MpObject *key, Mp_ssize_t ix)
{
    MpObject *startkey = *slot;
    Mp_ssize_t result;
    int cmp;

    dk->dk_refcnt++;
    Mp_INCREF(startkey);
    cmp = MpObject_RichCompareBool(startkey, key, Mp_EQ);
    Mp_DECREF(startkey);
    if (cmp < 0)
        result = DKIX_ERROR;
    else if (dk == mp->ma_keys && *slot == startkey)
        result = cmp > 0 ? ix : DKIX_EMPTY;
    else
        result = DKIX_KEY_CHANGED;
    dictkeys_decref(dk);
    return result;
}

/* Any key in a unicode table (the stored keys are strs). */
static Mp_ssize_t
unicodekeys_lookup_generic(MpDictObject *mp, MpDictKeysObject *dk,
                           MpObject *key, Mp_hash_t hash)
{
    MpDictUnicodeEntry *ep0 = DK_UNICODE_ENTRIES(dk);
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;

    for (;;) {
        Mp_ssize_t ix = dictkeys_get_index(dk, (Mp_ssize_t)i);
        if (ix >= 0) {
            MpDictUnicodeEntry *ep = &ep0[ix];
            if (ep->me_key == key)
                return ix;
            if (unicode_get_hash(ep->me_key) == hash) {
                Mp_ssize_t r = compare_stored_key(mp, dk, &ep->me_key, key,
                                                  ix);
                if (r != DKIX_EMPTY)
                    return r;
            }
        }
        else if (ix == DKIX_EMPTY) {
            return DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

static Mp_ssize_t
dictkeys_generic_lookup(MpDictObject *mp, MpDictKeysObject *dk,
                        MpObject *key, Mp_hash_t hash)
{
    MpDictKeyEntry *ep0 = DK_ENTRIES(dk);
    size_t mask = (size_t)DK_SIZE(dk) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;

    for (;;) {
        Mp_ssize_t ix = dictkeys_get_index(dk, (Mp_ssize_t)i);
        if (ix >= 0) {
            MpDictKeyEntry *ep = &ep0[ix];
            if (ep->me_key == key)
                return ix;
            if (ep->me_hash == hash) {
                Mp_ssize_t r = compare_stored_key(mp, dk, &ep->me_key, key,
                                                  ix);
                if (r != DKIX_EMPTY)
                    return r;
            }
        }
        else if (ix == DKIX_EMPTY) {
            return DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* dict_lookup when user code may run (a non-str key, or a table that
 * holds other keys): comparisons can change the dict, so start again on
 * DKIX_KEY_CHANGED. */
static MP_NOINLINE Mp_ssize_t
dict_lookup_general(MpDictObject *mp, MpObject *key, Mp_hash_t hash,
                    MpObject **value_addr)
{
    MpDictKeysObject *dk;
    Mp_ssize_t ix;

start:
    dk = mp->ma_keys;
    if (DK_IS_UNICODE(dk))
        ix = unicodekeys_lookup_generic(mp, dk, key, hash);
    else
        ix = dictkeys_generic_lookup(mp, dk, key, hash);
    if (ix == DKIX_KEY_CHANGED)
        goto start;
    if (ix >= 0) {
        MpObject *k;
        mp_dict_entry_at(dk, ix, &k, value_addr);
    }
    else {
        *value_addr = NULL;
    }
    return ix;
}

/* The entry number of 'key' (>= 0, *value_addr Borrowed), DKIX_EMPTY
 * (*value_addr NULL) or DKIX_ERROR.  Inline for the common case: an
 * exact str in a str-only table, where no user code can run. */
static inline Mp_ssize_t
dict_lookup(MpDictObject *mp, MpObject *key, Mp_hash_t hash,
            MpObject **value_addr)
{
    MpDictKeysObject *dk = mp->ma_keys;
    Mp_ssize_t ix;

    if (!DK_IS_UNICODE(dk) || !MpUnicode_CheckExact(key))
        return dict_lookup_general(mp, key, hash, value_addr);
    ix = unicodekeys_lookup_unicode(dk, key, hash);
    *value_addr = ix >= 0 ? DK_UNICODE_ENTRIES(dk)[ix].me_value : NULL;
    return ix;
}

/* ---- Insertion and resizing ---- */

static inline void
maintain_tracking(MpDictObject *mp, MpObject *key, MpObject *value)
{
    if (!mp_gc_is_tracked((MpObject *)mp)
        && (mp_gc_may_be_tracked(key) || mp_gc_may_be_tracked(value))) {
        MpObject_GC_Track(mp);
    }
}

/* Rebuild the index table of a fresh keys object from its entries. */
static void
build_indices(MpDictKeysObject *keys, Mp_ssize_t n)
{
    size_t mask = (size_t)DK_SIZE(keys) - 1;
    Mp_ssize_t ix;

    for (ix = 0; ix != n; ix++) {
        Mp_hash_t hash;
        size_t perturb, i;
        if (DK_IS_UNICODE(keys))
            hash = unicode_get_hash(DK_UNICODE_ENTRIES(keys)[ix].me_key);
        else
            hash = DK_ENTRIES(keys)[ix].me_hash;
        perturb = (size_t)hash;
        i = (size_t)hash & mask;
        for (; dictkeys_get_index(keys, (Mp_ssize_t)i) != DKIX_EMPTY;
             i = mask & (i * 5 + perturb + 1)) {
            perturb >>= PERTURB_SHIFT;
        }
        dictkeys_set_index(keys, (Mp_ssize_t)i, ix);
    }
}

/* Move the live entries of 'oldkeys' (in order) into 'newkeys'. */
static void
move_entries(MpDictKeysObject *oldkeys, MpDictKeysObject *newkeys)
{
    Mp_ssize_t i, j = 0;

    for (i = 0; i < oldkeys->dk_nentries; i++) {
        MpObject *key, *value;
        mp_dict_entry_at(oldkeys, i, &key, &value);
        if (value == NULL)
            continue;
        if (DK_IS_UNICODE(newkeys)) {
            DK_UNICODE_ENTRIES(newkeys)[j].me_key = key;
            DK_UNICODE_ENTRIES(newkeys)[j].me_value = value;
        }
        else {
            MpDictKeyEntry *ep = &DK_ENTRIES(newkeys)[j];
            ep->me_key = key;
            ep->me_value = value;
            ep->me_hash = DK_IS_UNICODE(oldkeys)
                          ? unicode_get_hash(key)
                          : DK_ENTRIES(oldkeys)[i].me_hash;
        }
        j++;
    }
}

/* Give mp a table of 2**log2_newsize slots holding its live entries
 * (unicode kind only if asked and already so).  0, or -1 with
 * MemoryError and mp unchanged. */
static int
dictresize(MpDictObject *mp, uint8_t log2_newsize, int unicode)
{
    MpDictKeysObject *oldkeys = mp->ma_keys, *newkeys;
    Mp_ssize_t numentries = mp->ma_used;

    if (!DK_IS_UNICODE(oldkeys))
        unicode = 0;
    newkeys = new_keys_object(log2_newsize, unicode);
    if (newkeys == NULL)
        return -1;
    move_entries(oldkeys, newkeys);
    build_indices(newkeys, numentries);
    newkeys->dk_usable -= numentries;
    newkeys->dk_nentries = numentries;
    mp->ma_keys = newkeys;
    /* The references moved: free only the old block.  A lookup comparing
     * keys may still hold it; it then owns no reference any more. */
    if (oldkeys != Mp_EMPTY_KEYS) {
        if (oldkeys->dk_refcnt == 1) {
            MpObject_Free(oldkeys);
        }
        else {
            oldkeys->dk_nentries = 0;
            oldkeys->dk_refcnt--;
        }
    }
    return 0;
}

static int
insertion_resize(MpDictObject *mp, int unicode)
{
    return dictresize(mp, calculate_log2_keysize(GROWTH_RATE(mp)), unicode);
}

/* The first item of a dict using the shared empty keys.  Steals key and
 * value.  0 or -1. */
static int
insert_to_emptydict(MpDictObject *mp, MpObject *key, Mp_hash_t hash,
                    MpObject *value)
{
    int unicode = MpUnicode_CheckExact(key);
    MpDictKeysObject *newkeys;
    size_t hashpos;

    newkeys = new_keys_object(MP_DICT_LOG2_MINSIZE, unicode);
    if (newkeys == NULL) {
        Mp_DECREF(key);
        Mp_DECREF(value);
        return -1;
    }
    mp->ma_keys = newkeys;
    maintain_tracking(mp, key, value);
    hashpos = (size_t)hash & (MP_DICT_MINSIZE - 1);
    dictkeys_set_index(newkeys, (Mp_ssize_t)hashpos, 0);
    if (unicode) {
        DK_UNICODE_ENTRIES(newkeys)[0].me_key = key;
        DK_UNICODE_ENTRIES(newkeys)[0].me_value = value;
    }
    else {
        DK_ENTRIES(newkeys)[0].me_key = key;
        DK_ENTRIES(newkeys)[0].me_hash = hash;
        DK_ENTRIES(newkeys)[0].me_value = value;
    }
    mp->ma_used++;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    newkeys->dk_usable--;
    newkeys->dk_nentries++;
    return 0;
}

/* Append a new entry (the key is known to be absent). */
static int
insert_new_entry(MpDictObject *mp, MpObject *key, Mp_hash_t hash,
                 MpObject *value)
{
    MpDictKeysObject *dk;
    Mp_ssize_t hashpos;

    if (mp->ma_keys->dk_usable <= 0 && insertion_resize(mp, 1) < 0)
        return -1;
    /* A comparison run by the lookup may have emptied the dict, leaving
     * the str-only layout: any other key needs the general one. */
    if (DK_IS_UNICODE(mp->ma_keys) && !MpUnicode_CheckExact(key)
        && insertion_resize(mp, 0) < 0) {
        return -1;
    }
    dk = mp->ma_keys;
    hashpos = find_empty_slot(dk, hash);
    dictkeys_set_index(dk, hashpos, dk->dk_nentries);
    if (DK_IS_UNICODE(dk)) {
        MpDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(dk)[dk->dk_nentries];
        ep->me_key = key;
        ep->me_value = value;
    }
    else {
        MpDictKeyEntry *ep = &DK_ENTRIES(dk)[dk->dk_nentries];
        ep->me_key = key;
        ep->me_hash = hash;
        ep->me_value = value;
    }
    mp->ma_used++;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    dk->dk_usable--;
    dk->dk_nentries++;
    return 0;
}

/* mp[key] = value with the hash known.  Steals key and value (released
 * on failure).  0 or -1; on failure mp is unchanged. */
static int
insertdict(MpDictObject *mp, MpObject *key, Mp_hash_t hash, MpObject *value)
{
    MpObject *old_value;
    Mp_ssize_t ix;

    if (mp->ma_keys == Mp_EMPTY_KEYS)
        return insert_to_emptydict(mp, key, hash, value);
    if (DK_IS_UNICODE(mp->ma_keys) && !MpUnicode_CheckExact(key)) {
        if (insertion_resize(mp, 0) < 0)
            goto fail;
    }
    ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        goto fail;
    if (ix == DKIX_EMPTY) {
        if (insert_new_entry(mp, key, hash, value) < 0)
            goto fail;
        maintain_tracking(mp, key, value);
        return 0;
    }
    maintain_tracking(mp, key, value);
    if (old_value != value) {
        if (DK_IS_UNICODE(mp->ma_keys))
            DK_UNICODE_ENTRIES(mp->ma_keys)[ix].me_value = value;
        else
            DK_ENTRIES(mp->ma_keys)[ix].me_value = value;
        mp->ma_version_tag = DICT_NEXT_VERSION();
        Mp_DECREF(old_value);
    }
    else {
        Mp_DECREF(value);
    }
    /* The key already stored stays; drop the one passed in. */
    Mp_DECREF(key);
    return 0;
fail:
    Mp_DECREF(value);
    Mp_DECREF(key);
    return -1;
}

/* ---- Deletion ---- */

/* Remove entry ix (found by a lookup of key with 'hash'); releases the
 * stored key and old_value. */
static void
delitem_common(MpDictObject *mp, Mp_hash_t hash, Mp_ssize_t ix,
               MpObject *old_value)
{
    MpDictKeysObject *dk = mp->ma_keys;
    MpObject *old_key;
    Mp_ssize_t hashpos = lookdict_index(dk, hash, ix);

    mp->ma_used--;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    dictkeys_set_index(dk, hashpos, DKIX_DUMMY);
    if (DK_IS_UNICODE(dk)) {
        MpDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(dk)[ix];
        old_key = ep->me_key;
        ep->me_key = NULL;
        ep->me_value = NULL;
    }
    else {
        MpDictKeyEntry *ep = &DK_ENTRIES(dk)[ix];
        old_key = ep->me_key;
        ep->me_key = NULL;
        ep->me_value = NULL;
        ep->me_hash = 0;
    }
    Mp_DECREF(old_key);
    Mp_DECREF(old_value);
}

/* KeyError(key), with the key wrapped so a tuple key stays whole. */
static void
set_key_error(MpObject *key)
{
    MpObject *tup = MpTuple_Pack(1, key);

    if (tup == NULL)
        return;
    MpErr_SetObject(MpExc_KeyError, tup);
    Mp_DECREF(tup);
}

/* del d[key] with known hash: 0, -1 (KeyError when absent). */
static int
dict_delitem_knownhash(MpDictObject *mp, MpObject *key, Mp_hash_t hash)
{
    MpObject *old_value;
    Mp_ssize_t ix = dict_lookup(mp, key, hash, &old_value);

    if (ix == DKIX_ERROR)
        return -1;
    if (ix == DKIX_EMPTY || old_value == NULL) {
        set_key_error(key);
        return -1;
    }
    Mp_INCREF(old_value);
    delitem_common(mp, hash, ix, old_value);
    Mp_DECREF(old_value);
    return 0;
}

/* ---- Construction ---- */

/* A dict owning 'keys' (released if the dict cannot be made).  New. */
static MpObject *
new_dict(MpDictKeysObject *keys, Mp_ssize_t used)
{
    MpDictObject *mp = MpObject_GC_New(MpDictObject, &MpDict_Type);

    if (mp == NULL) {
        dictkeys_decref(keys);
        return NULL;
    }
    mp->ma_keys = keys;
    mp->ma_values = NULL;
    mp->ma_used = used;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    return (MpObject *)mp;
}

/* An empty, untracked dict sharing the static empty keys.  New. */
MpObject *
MpDict_New(void)
{
    return new_dict(Mp_EMPTY_KEYS, 0);
}

/* An empty dict whose table already has room for 'minused' items
 * (capped at 2**17 slots).  New. */
MpObject *
mp_dict_new_presized(Mp_ssize_t minused, int unicode)
{
    const uint8_t log2_max_presize = 17;
    uint8_t log2_newsize;
    MpDictKeysObject *keys;

    if (minused <= USABLE_FRACTION(MP_DICT_MINSIZE))
        return MpDict_New();
    if (minused > USABLE_FRACTION((Mp_ssize_t)1 << log2_max_presize))
        log2_newsize = log2_max_presize;
    else
        log2_newsize = estimate_log2_keysize(minused);
    keys = new_keys_object(log2_newsize, unicode);
    if (keys == NULL)
        return NULL;
    return new_dict(keys, 0);
}

/* The dict of a display {k0: v0, ...}: presized, with a unicode table
 * when every key is an exact str.  New. */
MpObject *
mp_dict_from_items(MpObject *const *keys, Mp_ssize_t key_step,
                   MpObject *const *values, Mp_ssize_t value_step,
                   Mp_ssize_t n)
{
    MpObject *dict;
    Mp_ssize_t i;
    int unicode = 1;

    for (i = 0; i < n; i++) {
        if (!MpUnicode_CheckExact(keys[i * key_step])) {
            unicode = 0;
            break;
        }
    }
    dict = mp_dict_new_presized(n, unicode);
    if (dict == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (MpDict_SetItem(dict, keys[i * key_step],
                           values[i * value_step]) < 0) {
            Mp_DECREF(dict);
            return NULL;
        }
    }
    return dict;
}

/* A copy of the keys object of a clean dict (no deleted entries), with
 * new references to every key and value.  NULL + MemoryError. */
static MpDictKeysObject *
clone_combined_dict_keys(MpDictObject *orig)
{
    MpDictKeysObject *keys;
    size_t nbytes = keys_nbytes(orig->ma_keys->dk_log2_size,
                                DK_IS_UNICODE(orig->ma_keys));
    Mp_ssize_t i;

    keys = MpObject_Malloc(nbytes);
    if (keys == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    memcpy(keys, orig->ma_keys, nbytes);
    for (i = 0; i < keys->dk_nentries; i++) {
        MpObject *key, *value;
        mp_dict_entry_at(keys, i, &key, &value);
        Mp_XINCREF(key);
        Mp_XINCREF(value);
    }
    keys->dk_refcnt = 1;
    return keys;
}

/* ---- The C API ---- */

/* d[key] for a known hash.  Borrowed; NULL without an exception
 * when missing, with one on error. */
MpObject *
mp_dict_getitem_knownhash(MpObject *op, MpObject *key, Mp_hash_t hash)
{
    MpObject *value;

    if (!MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    if (dict_lookup(MpDict_CAST(op), key, hash, &value) == DKIX_ERROR)
        return NULL;
    return value;
}

/* d[key].  Borrowed; NULL without an exception when missing, with
 * one on error (unhashable key, failing comparison). */
MpObject *
MpDict_GetItemWithError(MpObject *op, MpObject *key)
{
    Mp_hash_t hash;
    MpObject *value;

    if (!MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    hash = dict_key_hash(key);
    if (hash == -1)
        return NULL;
    if (dict_lookup(MpDict_CAST(op), key, hash, &value) == DKIX_ERROR)
        return NULL;
    return value;
}

/* Like MpDict_GetItemWithError, but any error is discarded and the
 * exception set before the call (if any) is preserved.  Borrowed. */
MpObject *
MpDict_GetItem(MpObject *op, MpObject *key)
{
    MpObject *exc, *value;

    if (op == NULL || !MpDict_Check(op))
        return NULL;
    exc = MpErr_GetRaisedException();
    value = MpDict_GetItemWithError(op, key);
    if (value == NULL)
        MpErr_Clear();
    if (exc != NULL)
        MpErr_SetRaisedException(exc);
    return value;
}

/* d[key] = value, stealing both (released on failure).  0, or -1
 * with the dict unchanged. */
int
mp_dict_setitem_take2(MpObject *op, MpObject *key, MpObject *value)
{
    Mp_hash_t hash;

    if (!MpDict_Check(op)) {
        Mp_DECREF(key);
        Mp_DECREF(value);
        MpErr_BadInternalCall();
        return -1;
    }
    hash = dict_key_hash(key);
    if (hash == -1) {
        Mp_DECREF(key);
        Mp_DECREF(value);
        return -1;
    }
    return insertdict(MpDict_CAST(op), key, hash, value);
}

/* d[key] = value (not stolen).  0, or -1 with the dict unchanged. */
int
MpDict_SetItem(MpObject *op, MpObject *key, MpObject *value)
{
    if (key == NULL || value == NULL) {
        MpErr_BadInternalCall();
        return -1;
    }
    return mp_dict_setitem_take2(op, Mp_NewRef(key), Mp_NewRef(value));
}

/* del d[key].  0, or -1 with KeyError(key). */
int
MpDict_DelItem(MpObject *op, MpObject *key)
{
    Mp_hash_t hash;

    if (!MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return -1;
    }
    hash = dict_key_hash(key);
    if (hash == -1)
        return -1;
    return dict_delitem_knownhash(MpDict_CAST(op), key, hash);
}

/* d[key] = value with an interned str key made from UTF-8.  0 or -1. */
int
MpDict_SetItemString(MpObject *op, const char *key, MpObject *value)
{
    MpObject *kv = MpUnicode_FromString(key);
    int rc;

    if (kv == NULL)
        return -1;
    MpUnicode_InternInPlace(&kv);
    rc = MpDict_SetItem(op, kv, value);
    Mp_DECREF(kv);
    return rc;
}

/* d[key] for a UTF-8 key.  Borrowed; NULL when missing, errors
 * swallowed. */
MpObject *
MpDict_GetItemString(MpObject *op, const char *key)
{
    MpObject *kv = MpUnicode_FromString(key), *rv;

    if (kv == NULL) {
        MpErr_Clear();
        return NULL;
    }
    rv = MpDict_GetItem(op, kv);
    Mp_DECREF(kv);
    return rv;
}

/* del d[key] for a UTF-8 key.  0 or -1 (KeyError). */
int
MpDict_DelItemString(MpObject *op, const char *key)
{
    MpObject *kv = MpUnicode_FromString(key);
    int rc;

    if (kv == NULL)
        return -1;
    rc = MpDict_DelItem(op, kv);
    Mp_DECREF(kv);
    return rc;
}

/* key in d: 1, 0, or -1 on error. */
int
MpDict_Contains(MpObject *op, MpObject *key)
{
    MpObject *value;
    Mp_hash_t hash;

    if (op == NULL || !MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return -1;
    }
    hash = dict_key_hash(key);
    if (hash == -1)
        return -1;
    if (dict_lookup(MpDict_CAST(op), key, hash, &value) == DKIX_ERROR)
        return -1;
    return value != NULL;
}

/* len(d), or -1 with SystemError when d is not a dict. */
Mp_ssize_t
MpDict_Size(MpObject *op)
{
    if (op == NULL || !MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return -1;
    }
    return MpDict_CAST(op)->ma_used;
}

/* Next live entry at or after *ppos: 1 with Borrowed key/value (either
 * pointer may be NULL) and *ppos moved past it, 0 at the end. */
int
MpDict_Next(MpObject *op, Mp_ssize_t *ppos, MpObject **pkey,
            MpObject **pvalue)
{
    MpDictKeysObject *dk;
    Mp_ssize_t i;
    MpObject *key = NULL, *value = NULL;

    if (!MpDict_Check(op))
        return 0;
    dk = MpDict_CAST(op)->ma_keys;
    for (i = *ppos; i >= 0 && i < dk->dk_nentries; i++) {
        mp_dict_entry_at(dk, i, &key, &value);
        if (value != NULL)
            break;
    }
    if (i < 0 || i >= dk->dk_nentries)
        return 0;
    *ppos = i + 1;
    if (pkey != NULL)
        *pkey = key;
    if (pvalue != NULL)
        *pvalue = value;
    return 1;
}

/* Drop every item; the dict goes back to the shared empty keys. */
void
MpDict_Clear(MpObject *op)
{
    MpDictObject *mp;
    MpDictKeysObject *oldkeys;

    if (!MpDict_Check(op))
        return;
    mp = MpDict_CAST(op);
    oldkeys = mp->ma_keys;
    if (oldkeys == Mp_EMPTY_KEYS)
        return;
    /* Detach first: releasing the items may run code that uses mp. */
    mp->ma_keys = Mp_EMPTY_KEYS;
    mp->ma_used = 0;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    dictkeys_decref(oldkeys);
}

/* what: 0 keys, 1 values, 2 (key, value) tuples.  New list. */
static MpObject *
dict_items_list(MpObject *op, int what)
{
    MpDictObject *mp = MpDict_CAST(op);
    MpObject *v, *key, *value;
    Mp_ssize_t n, i, j;

again:
    n = mp->ma_used;
    v = MpList_New(n);
    if (v == NULL)
        return NULL;
    /* Items are allocated before the dict is read: a collection they
     * trigger could change the dict. */
    for (i = 0; what == 2 && i < n; i++) {
        MpObject *item = MpTuple_New(2);
        if (item == NULL) {
            Mp_DECREF(v);
            return NULL;
        }
        MpList_SET_ITEM(v, i, item);
    }
    if (n != mp->ma_used) {
        Mp_DECREF(v);
        goto again;
    }
    for (i = 0, j = 0; MpDict_Next(op, &i, &key, &value); j++) {
        if (what == 0) {
            MpList_SET_ITEM(v, j, Mp_NewRef(key));
        }
        else if (what == 1) {
            MpList_SET_ITEM(v, j, Mp_NewRef(value));
        }
        else {
            MpObject *item = MpList_GET_ITEM(v, j);
            MpTuple_SET_ITEM(item, 0, Mp_NewRef(key));
            MpTuple_SET_ITEM(item, 1, Mp_NewRef(value));
        }
    }
    return v;
}

/* list(d).  New. */
MpObject *
MpDict_Keys(MpObject *op)
{
    if (op == NULL || !MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    return dict_items_list(op, 0);
}

/* list(d.values()).  New. */
MpObject *
MpDict_Values(MpObject *op)
{
    if (op == NULL || !MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    return dict_items_list(op, 1);
}

/* list(d.items()): a list of (key, value) tuples.  New. */
MpObject *
MpDict_Items(MpObject *op)
{
    if (op == NULL || !MpDict_Check(op)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    return dict_items_list(op, 2);
}

/* A shallow copy: clean dicts are cloned at their size, sparse ones are
 * rebuilt by merging (which compacts them).  Tracking is kept.  New. */
MpObject *
MpDict_Copy(MpObject *o)
{
    MpDictObject *mp, *copy;
    MpDictKeysObject *keys;

    if (o == NULL || !MpDict_Check(o)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    mp = MpDict_CAST(o);
    if (mp->ma_used == 0)
        return MpDict_New();
    if (Mp_TYPE(mp)->tp_iter == MpDict_Type.tp_iter
        && mp->ma_used >= (mp->ma_keys->dk_nentries * 2) / 3) {
        keys = clone_combined_dict_keys(mp);
        if (keys == NULL)
            return NULL;
        copy = (MpDictObject *)new_dict(keys, mp->ma_used);
        if (copy != NULL && MpObject_GC_IsTracked(o))
            MpObject_GC_Track(copy);
        return (MpObject *)copy;
    }
    copy = (MpDictObject *)MpDict_New();
    if (copy == NULL)
        return NULL;
    if (MpDict_Merge((MpObject *)copy, o, 1) < 0) {
        Mp_DECREF(copy);
        return NULL;
    }
    return (MpObject *)copy;
}

/* Untrack an exact, tracked dict when no value (and, in a general
 * table, no key) may be tracked.  Full collections call it. */
void
mp_dict_maybe_untrack(MpObject *op)
{
    MpDictKeysObject *dk;
    Mp_ssize_t i;

    if (!MpDict_CheckExact(op) || !MpObject_GC_IsTracked(op))
        return;
    dk = MpDict_CAST(op)->ma_keys;
    for (i = 0; i < dk->dk_nentries; i++) {
        MpObject *key, *value;
        mp_dict_entry_at(dk, i, &key, &value);
        if (value == NULL)
            continue;
        if (mp_gc_may_be_tracked(value))
            return;
        if (!DK_IS_UNICODE(dk) && mp_gc_may_be_tracked(key))
            return;
    }
    MpObject_GC_UnTrack(op);
}

/* ---- Merging ---- */

/* mp[key] = value for a merge (override as in dict_merge_dict).  0/-1. */
static int
merge_one(MpDictObject *mp, MpObject *key, Mp_hash_t hash, MpObject *value,
          int override)
{
    MpObject *found;

    if (override == 1)
        return insertdict(mp, Mp_NewRef(key), hash, Mp_NewRef(value));
    if (dict_lookup(mp, key, hash, &found) == DKIX_ERROR)
        return -1;
    if (found == NULL)
        return insertdict(mp, Mp_NewRef(key), hash, Mp_NewRef(value));
    if (override != 0) {
        set_key_error(key);
        return -1;
    }
    return 0;
}

/* Into an empty mp, a clean and snugly sized 'other' is cloned as it is:
 * 1 when done, 0 when 'other' does not qualify, -1 on error. */
static int
dict_merge_clone(MpDictObject *mp, MpDictObject *other)
{
    MpDictKeysObject *okeys = other->ma_keys, *keys;

    if (other->ma_used != okeys->dk_nentries
        || (DK_LOG_SIZE(okeys) != MP_DICT_LOG2_MINSIZE
            && USABLE_FRACTION(DK_SIZE(okeys) / 2) >= other->ma_used)) {
        return 0;
    }
    keys = clone_combined_dict_keys(other);
    if (keys == NULL)
        return -1;
    dictkeys_decref(mp->ma_keys);
    mp->ma_keys = keys;
    mp->ma_used = other->ma_used;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    if (MpObject_GC_IsTracked((MpObject *)other)
        && !MpObject_GC_IsTracked((MpObject *)mp)) {
        MpObject_GC_Track(mp);
    }
    return 1;
}

/* a.update(b) for a dict b.  override: 1 replace, 0 keep a's values, 2
 * KeyError on a duplicate. */
static int
dict_merge_dict(MpDictObject *mp, MpDictObject *other, int override)
{
    MpDictKeysObject *okeys = other->ma_keys;
    Mp_ssize_t i, orig_size;

    if (other == mp || other->ma_used == 0)
        return 0;
    if (mp->ma_used == 0) {
        int rc = dict_merge_clone(mp, other);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
        override = 1;
    }
    /* One resize up front rather than several while inserting. */
    if (USABLE_FRACTION(DK_SIZE(mp->ma_keys)) < other->ma_used) {
        if (dictresize(mp, estimate_log2_keysize(mp->ma_used
                                                 + other->ma_used),
                       DK_IS_UNICODE(okeys)) < 0) {
            return -1;
        }
    }
    orig_size = other->ma_keys->dk_nentries;
    for (i = 0; i < other->ma_keys->dk_nentries; i++) {
        MpObject *key, *value;
        Mp_hash_t hash;
        int err;
        mp_dict_entry_at(other->ma_keys, i, &key, &value);
        if (value == NULL)
            continue;
        hash = DK_IS_UNICODE(other->ma_keys)
               ? unicode_get_hash(key) : DK_ENTRIES(other->ma_keys)[i].me_hash;
        /* Hold both: the insertion may run code that changes 'other'. */
        Mp_INCREF(key);
        Mp_INCREF(value);
        err = merge_one(mp, key, hash, value, override);
        Mp_DECREF(value);
        Mp_DECREF(key);
        if (err != 0)
            return -1;
        if (orig_size != other->ma_keys->dk_nentries) {
            MpErr_SetString(MpExc_RuntimeError, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

/* a.update(b) for any mapping b: keys(), then b[key] for each. */
static int
dict_merge_mapping(MpObject *a, MpObject *b, int override)
{
    MpObject *keys, *iter, *key, *value;
    int status;

    keys = MpMapping_Keys(b);
    if (keys == NULL)
        return -1;
    iter = MpObject_GetIter(keys);
    Mp_DECREF(keys);
    if (iter == NULL)
        return -1;
    for (key = MpIter_Next(iter); key; key = MpIter_Next(iter)) {
        if (override != 1) {
            status = MpDict_Contains(a, key);
            if (status != 0) {
                if (status > 0) {
                    if (override == 0) {
                        Mp_DECREF(key);
                        continue;
                    }
                    set_key_error(key);
                }
                Mp_DECREF(key);
                Mp_DECREF(iter);
                return -1;
            }
        }
        value = MpObject_GetItem(b, key);
        if (value == NULL) {
            Mp_DECREF(iter);
            Mp_DECREF(key);
            return -1;
        }
        status = mp_dict_setitem_take2(a, key, value);
        if (status < 0) {
            Mp_DECREF(iter);
            return -1;
        }
    }
    Mp_DECREF(iter);
    return MpErr_Occurred() ? -1 : 0;
}

static int
dict_merge(MpObject *a, MpObject *b, int override)
{
    if (a == NULL || !MpDict_Check(a) || b == NULL) {
        MpErr_BadInternalCall();
        return -1;
    }
    if (MpDict_Check(b) && Mp_TYPE(b)->tp_iter == MpDict_Type.tp_iter)
        return dict_merge_dict(MpDict_CAST(a), MpDict_CAST(b), override);
    return dict_merge_mapping(a, b, override);
}

/* Add b's items (b a mapping) to a, replacing existing values when
 * override is true.  0 or -1. */
int
MpDict_Merge(MpObject *a, MpObject *b, int override)
{
    return dict_merge(a, b, override != 0);
}

/* a.update(b) for a mapping b.  0 or -1. */
int
MpDict_Update(MpObject *a, MpObject *b)
{
    return dict_merge(a, b, 1);
}

/* The pair 'item' (element #i of an update sequence) as an exact list or
 * tuple of length 2.  New. */
static MpObject *
update_pair(MpObject *item, Mp_ssize_t i)
{
    MpObject *fast;

    if (MpTuple_CheckExact(item) || MpList_CheckExact(item)) {
        fast = Mp_NewRef(item);
    }
    else {
        fast = MpList_New(0);
        if (fast != NULL && mp_list_extend(fast, item) < 0) {
            Mp_CLEAR(fast);
            if (MpErr_ExceptionMatches(MpExc_TypeError)) {
                MpErr_Format(MpExc_TypeError, "cannot convert dictionary "
                             "update sequence element #%zd to a sequence",
                             i);
            }
        }
        if (fast == NULL)
            return NULL;
    }
    if (Mp_SIZE(fast) != 2) {
        MpErr_Format(MpExc_ValueError, "dictionary update sequence element "
                     "#%zd has length %zd; 2 is required", i, Mp_SIZE(fast));
        Mp_DECREF(fast);
        return NULL;
    }
    return fast;
}

/* d.update(iterable of pairs).  0 or -1. */
static int
dict_merge_from_seq2(MpObject *d, MpObject *seq2, int override)
{
    MpObject *it, *item, *fast;
    Mp_ssize_t i;

    it = MpObject_GetIter(seq2);
    if (it == NULL)
        return -1;
    for (i = 0; (item = MpIter_Next(it)) != NULL; i++) {
        MpObject *key, *value;
        int rc = 0;
        fast = update_pair(item, i);
        Mp_DECREF(item);
        if (fast == NULL)
            goto fail;
        key = MpList_Check(fast) ? MpList_GET_ITEM(fast, 0)
                                 : MpTuple_GET_ITEM(fast, 0);
        value = MpList_Check(fast) ? MpList_GET_ITEM(fast, 1)
                                   : MpTuple_GET_ITEM(fast, 1);
        Mp_INCREF(key);
        Mp_INCREF(value);
        if (override)
            rc = MpDict_SetItem(d, key, value);
        else if (MpDict_SetDefault(d, key, value) == NULL)
            rc = -1;
        Mp_DECREF(key);
        Mp_DECREF(value);
        Mp_DECREF(fast);
        if (rc < 0)
            goto fail;
    }
    if (MpErr_Occurred())
        goto fail;
    Mp_DECREF(it);
    return 0;
fail:
    Mp_DECREF(it);
    return -1;
}

/* dict.update(arg) for one positional argument: a dict or anything
 * with keys() merges as a mapping, anything else as (key, value) pairs.
 * 0 or -1. */
int
mp_dict_update_arg(MpObject *self, MpObject *arg)
{
    MP_IDENTIFIER(keys);
    MpObject *func, *name;

    if (MpDict_CheckExact(arg))
        return dict_merge(self, arg, 1);
    name = mp_identifier_get(&MpId_keys);
    if (name == NULL)
        return -1;
    func = MpObject_GetAttr(arg, name);
    if (func == NULL) {
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return -1;
        MpErr_Clear();
        return dict_merge_from_seq2(self, arg, 1);
    }
    Mp_DECREF(func);
    return dict_merge(self, arg, 1);
}

/* d.setdefault(key, defaultobj).  Borrowed; NULL on error. */
MpObject *
MpDict_SetDefault(MpObject *d, MpObject *key, MpObject *defaultobj)
{
    MpDictObject *mp = MpDict_CAST(d);
    MpObject *value;
    Mp_hash_t hash;

    if (!MpDict_Check(d)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    hash = dict_key_hash(key);
    if (hash == -1)
        return NULL;
    if (dict_lookup(mp, key, hash, &value) == DKIX_ERROR)
        return NULL;
    if (value != NULL)
        return value;
    if (insertdict(mp, Mp_NewRef(key), hash, Mp_NewRef(defaultobj)) < 0)
        return NULL;
    return defaultobj;
}

/* ---- Object slots ---- */

static void
dict_dealloc(MpDictObject *mp)
{
    MpDictKeysObject *keys = mp->ma_keys;

    MpObject_GC_UnTrack(mp);
    dictkeys_decref(keys);
    Mp_TYPE(mp)->tp_free((MpObject *)mp);
}

static int
dict_traverse(MpObject *op, visitproc visit, void *arg)
{
    MpDictKeysObject *keys = MpDict_CAST(op)->ma_keys;
    Mp_ssize_t i;

    for (i = 0; i < keys->dk_nentries; i++) {
        MpObject *key, *value;
        mp_dict_entry_at(keys, i, &key, &value);
        Mp_VISIT(value);
        /* Keys of a unicode table are strs: nothing to visit. */
        if (!DK_IS_UNICODE(keys) && value != NULL)
            Mp_VISIT(key);
    }
    return 0;
}

static int
dict_tp_clear(MpObject *op)
{
    MpDict_Clear(op);
    return 0;
}

/* "key: value" appended to 'pieces'.  0 or -1. */
static int
dict_repr_item(MpObject *pieces, MpObject *key, MpObject *value)
{
    MpObject *krepr, *vrepr = NULL, *s;

    Mp_INCREF(key);
    Mp_INCREF(value);
    krepr = MpObject_Repr(key);
    if (krepr != NULL)
        vrepr = MpObject_Repr(value);
    Mp_DECREF(key);
    Mp_DECREF(value);
    if (vrepr == NULL) {
        Mp_XDECREF(krepr);
        return -1;
    }
    s = MpUnicode_FromFormat("%U: %U", krepr, vrepr);
    Mp_DECREF(krepr);
    Mp_DECREF(vrepr);
    if (s == NULL)
        return -1;
    return mp_list_append_take(pieces, s);
}

static MpObject *
dict_repr(MpDictObject *mp)
{
    MpObject *pieces = NULL, *sep = NULL, *body = NULL, *result = NULL;
    MpObject *key, *value;
    Mp_ssize_t pos = 0;
    int rc = MpRepr_Enter((MpObject *)mp);

    if (rc != 0)
        return rc > 0 ? MpUnicode_FromString("{...}") : NULL;
    if (mp->ma_used == 0) {
        MpRepr_Leave((MpObject *)mp);
        return MpUnicode_FromString("{}");
    }
    pieces = MpList_New(0);
    if (pieces == NULL)
        goto done;
    /* A repr may change the dict; MpDict_Next copes with that. */
    while (MpDict_Next((MpObject *)mp, &pos, &key, &value)) {
        if (dict_repr_item(pieces, key, value) < 0)
            goto done;
    }
    sep = MpUnicode_FromString(", ");
    if (sep == NULL)
        goto done;
    body = MpUnicode_Join(sep, pieces);
    if (body != NULL)
        result = MpUnicode_FromFormat("{%U}", body);
done:
    Mp_XDECREF(body);
    Mp_XDECREF(sep);
    Mp_XDECREF(pieces);
    MpRepr_Leave((MpObject *)mp);
    return result;
}

static Mp_ssize_t
dict_length(MpDictObject *mp)
{
    return mp->ma_used;
}

static MpObject *
dict_subscript(MpDictObject *mp, MpObject *key)
{
    MpObject *value;
    Mp_hash_t hash = dict_key_hash(key);

    if (hash == -1)
        return NULL;
    if (dict_lookup(mp, key, hash, &value) == DKIX_ERROR)
        return NULL;
    if (value != NULL)
        return Mp_NewRef(value);
    if (!MpDict_CheckExact(mp)) {
        /* Subclasses may define __missing__. */
        MP_IDENTIFIER(__missing__);
        MpObject *missing, *name = mp_identifier_get(&MpId___missing__);
        if (name == NULL)
            return NULL;
        missing = MpObject_GetAttr((MpObject *)mp, name);
        if (missing != NULL) {
            value = MpObject_CallOneArg(missing, key);
            Mp_DECREF(missing);
            return value;
        }
        if (!MpErr_ExceptionMatches(MpExc_AttributeError))
            return NULL;
        MpErr_Clear();
    }
    set_key_error(key);
    return NULL;
}

static int
dict_ass_sub(MpDictObject *mp, MpObject *v, MpObject *w)
{
    if (w == NULL)
        return MpDict_DelItem((MpObject *)mp, v);
    return MpDict_SetItem((MpObject *)mp, v, w);
}

/* 1 if a and b hold equal items, 0 if not, -1 on error. */
static int
dict_equal(MpDictObject *a, MpDictObject *b)
{
    Mp_ssize_t i;

    if (a->ma_used != b->ma_used)
        return 0;
    /* Comparisons may change 'a': re-read its table every time. */
    for (i = 0; i < a->ma_keys->dk_nentries; i++) {
        MpObject *key, *aval, *bval;
        Mp_hash_t hash;
        int cmp;
        mp_dict_entry_at(a->ma_keys, i, &key, &aval);
        if (aval == NULL)
            continue;
        hash = DK_IS_UNICODE(a->ma_keys) ? unicode_get_hash(key)
                                         : DK_ENTRIES(a->ma_keys)[i].me_hash;
        Mp_INCREF(aval);
        Mp_INCREF(key);
        if (dict_lookup(b, key, hash, &bval) == DKIX_ERROR)
            bval = NULL;
        Mp_DECREF(key);
        if (bval == NULL) {
            Mp_DECREF(aval);
            return MpErr_Occurred() ? -1 : 0;
        }
        Mp_INCREF(bval);
        cmp = MpObject_RichCompareBool(aval, bval, Mp_EQ);
        Mp_DECREF(aval);
        Mp_DECREF(bval);
        if (cmp <= 0)
            return cmp;
    }
    return 1;
}

static MpObject *
dict_richcompare(MpObject *v, MpObject *w, int op)
{
    int cmp;

    if (!MpDict_Check(v) || !MpDict_Check(w) || (op != Mp_EQ && op != Mp_NE))
        Mp_RETURN_NOTIMPLEMENTED;
    cmp = dict_equal(MpDict_CAST(v), MpDict_CAST(w));
    if (cmp < 0)
        return NULL;
    return Mp_NewRef((cmp == (op == Mp_EQ)) ? Mp_True : Mp_False);
}

static int
dict_contains(MpObject *op, MpObject *key)
{
    return MpDict_Contains(op, key);
}

static MpObject *
dict_iter(MpObject *op)
{
    return mp_dictiter_new(MpDict_CAST(op), &MpDictIterKey_Type);
}

static MpObject *
dict_or(MpObject *self, MpObject *other)
{
    MpObject *new;

    if (!MpDict_Check(self) || !MpDict_Check(other))
        Mp_RETURN_NOTIMPLEMENTED;
    new = MpDict_Copy(self);
    if (new == NULL)
        return NULL;
    if (mp_dict_update_arg(new, other) < 0) {
        Mp_DECREF(new);
        return NULL;
    }
    return new;
}

static MpObject *
dict_ior(MpObject *self, MpObject *other)
{
    if (mp_dict_update_arg(self, other) < 0)
        return NULL;
    return Mp_NewRef(self);
}

/* dict(...) allocates an empty dict; dict.__init__ fills it. */
static MpObject *
dict_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *self = type->tp_alloc(type, 0);
    MpDictObject *d;

    MP_UNUSED(args);
    MP_UNUSED(kwds);
    if (self == NULL)
        return NULL;
    d = MpDict_CAST(self);
    /* tp_alloc tracked it; an exact dict is born untracked. */
    if (type == &MpDict_Type)
        MpObject_GC_UnTrack(d);
    d->ma_used = 0;
    d->ma_version_tag = DICT_NEXT_VERSION();
    d->ma_keys = Mp_EMPTY_KEYS;
    d->ma_values = NULL;
    return self;
}

/* dict.update and dict.__init__: one optional positional, then kwargs. */
static int
dict_update_common(MpObject *self, MpObject *args, MpObject *kwds,
                   const char *methname)
{
    Mp_ssize_t nargs = args == NULL ? 0 : Mp_SIZE(args);

    if (nargs > 1) {
        MpErr_Format(MpExc_TypeError, "%s expected at most 1 argument, "
                     "got %zd", methname, nargs);
        return -1;
    }
    if (nargs == 1 && mp_dict_update_arg(self, MpTuple_GET_ITEM(args, 0)) < 0)
        return -1;
    if (kwds != NULL && MpDict_Check(kwds) && MpDict_GET_SIZE(kwds) > 0)
        return dict_merge(self, kwds, 1);
    return 0;
}

static int
dict_init(MpObject *self, MpObject *args, MpObject *kwds)
{
    return dict_update_common(self, args, kwds, "dict");
}

/* ---- Methods ---- */

static MpObject *
dict_fromkeys(MpObject *cls, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *iterable, *value, *d, *it, *key;
    Mp_ssize_t pos = 0;
    int status = 0;

    if (MpArg_CheckPositional("fromkeys", nargs, 1, 2) < 0)
        return NULL;
    iterable = args[0];
    value = nargs == 2 ? args[1] : Mp_None;
    d = MpObject_CallNoArgs(cls);
    if (d == NULL)
        return NULL;
    if (MpDict_CheckExact(d) && MpDict_GET_SIZE(d) == 0
        && MpDict_CheckExact(iterable)) {
        MpDictObject *src = MpDict_CAST(iterable);
        if (dictresize(MpDict_CAST(d),
                       estimate_log2_keysize(src->ma_used),
                       DK_IS_UNICODE(src->ma_keys)) < 0) {
            Mp_DECREF(d);
            return NULL;
        }
        while (status == 0 && MpDict_Next(iterable, &pos, &key, NULL))
            status = MpDict_SetItem(d, key, value);
        if (status < 0)
            Mp_CLEAR(d);
        return d;
    }
    it = MpObject_GetIter(iterable);
    if (it == NULL) {
        Mp_DECREF(d);
        return NULL;
    }
    while (status == 0 && (key = MpIter_Next(it)) != NULL) {
        if (MpDict_CheckExact(d))
            status = MpDict_SetItem(d, key, value);
        else
            status = MpObject_SetItem(d, key, value);
        Mp_DECREF(key);
    }
    Mp_DECREF(it);
    if (status < 0 || MpErr_Occurred())
        Mp_CLEAR(d);
    return d;
}

static MpObject *
dict_get(MpDictObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *val;
    Mp_hash_t hash;

    if (MpArg_CheckPositional("get", nargs, 1, 2) < 0)
        return NULL;
    hash = dict_key_hash(args[0]);
    if (hash == -1)
        return NULL;
    if (dict_lookup(self, args[0], hash, &val) == DKIX_ERROR)
        return NULL;
    if (val == NULL)
        val = nargs == 2 ? args[1] : Mp_None;
    return Mp_NewRef(val);
}

static MpObject *
dict_setdefault(MpDictObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *val;

    if (MpArg_CheckPositional("setdefault", nargs, 1, 2) < 0)
        return NULL;
    val = MpDict_SetDefault((MpObject *)self, args[0],
                            nargs == 2 ? args[1] : Mp_None);
    return Mp_XNewRef(val);
}

static MpObject *
dict_pop(MpDictObject *self, MpObject *const *args, Mp_ssize_t nargs)
{
    MpObject *key, *old_value;
    Mp_hash_t hash;
    Mp_ssize_t ix;

    if (MpArg_CheckPositional("pop", nargs, 1, 2) < 0)
        return NULL;
    key = args[0];
    hash = dict_key_hash(key);
    if (hash == -1)
        return NULL;
    ix = self->ma_used == 0 ? DKIX_EMPTY
                            : dict_lookup(self, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY) {
        if (nargs == 2)
            return Mp_NewRef(args[1]);
        set_key_error(key);
        return NULL;
    }
    /* One reference for the caller; delitem_common drops the dict's. */
    Mp_INCREF(old_value);
    delitem_common(self, hash, ix, old_value);
    return old_value;
}

/* Remove and return the last (key, value) pair. */
static MpObject *
dict_popitem(MpDictObject *self, MpObject *unused)
{
    MpDictKeysObject *dk;
    MpObject *res, *key, *value;
    Mp_hash_t hash;
    Mp_ssize_t i, j;

    MP_UNUSED(unused);
    /* Allocate first: a collection triggered here could empty the dict. */
    res = MpTuple_New(2);
    if (res == NULL)
        return NULL;
    if (self->ma_used == 0) {
        Mp_DECREF(res);
        MpErr_SetString(MpExc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    dk = self->ma_keys;
    i = dk->dk_nentries - 1;
    for (;;) {
        mp_dict_entry_at(dk, i, &key, &value);
        if (value != NULL)
            break;
        i--;
    }
    if (DK_IS_UNICODE(dk)) {
        hash = unicode_get_hash(key);
        DK_UNICODE_ENTRIES(dk)[i].me_key = NULL;
        DK_UNICODE_ENTRIES(dk)[i].me_value = NULL;
    }
    else {
        hash = DK_ENTRIES(dk)[i].me_hash;
        DK_ENTRIES(dk)[i].me_key = NULL;
        DK_ENTRIES(dk)[i].me_value = NULL;
    }
    j = lookdict_index(dk, hash, i);
    dictkeys_set_index(dk, j, DKIX_DUMMY);
    MpTuple_SET_ITEM(res, 0, key);
    MpTuple_SET_ITEM(res, 1, value);
    /* The slot is reusable, but dk_usable stays: a dummy remains. */
    dk->dk_nentries = i;
    self->ma_used--;
    self->ma_version_tag = DICT_NEXT_VERSION();
    return res;
}

static MpObject *
dict_keys(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return mp_dictview_new(self, &MpDictKeys_Type);
}

static MpObject *
dict_values(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return mp_dictview_new(self, &MpDictValues_Type);
}

static MpObject *
dict_items(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return mp_dictview_new(self, &MpDictItems_Type);
}

static MpObject *
dict_update(MpObject *self, MpObject *args, MpObject *kwds)
{
    if (dict_update_common(self, args, kwds, "update") < 0)
        return NULL;
    Mp_RETURN_NONE;
}

static MpObject *
dict_clear(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    MpDict_Clear(self);
    Mp_RETURN_NONE;
}

static MpObject *
dict_copy(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return MpDict_Copy(self);
}

static MpObject *
dict___contains__(MpObject *self, MpObject *key)
{
    int rc = MpDict_Contains(self, key);

    if (rc < 0)
        return NULL;
    return Mp_NewRef(rc ? Mp_True : Mp_False);
}

static MpObject *
dict___sizeof__(MpDictObject *self, MpObject *unused)
{
    Mp_ssize_t size = Mp_TYPE(self)->tp_basicsize;

    MP_UNUSED(unused);
    if (self->ma_keys->dk_refcnt == 1)
        size += dict_keys_sizeof(self->ma_keys);
    return MpLong_FromSsize_t(size);
}

static MpObject *
dict___reversed__(MpObject *self, MpObject *unused)
{
    MP_UNUSED(unused);
    return mp_dictiter_new(MpDict_CAST(self), &MpDictRevIterKey_Type);
}

#define FASTCALL(f) ((MpCFunction)(void (*)(void))(f))

static MpMethodDef mapp_methods[] = {
    {"__contains__", (MpCFunction)dict___contains__, MP_METH_O,
     "True if the dictionary has the specified key, else False."},
    {"__getitem__", (MpCFunction)dict_subscript, MP_METH_O,
     "x.__getitem__(y) <==> x[y]"},
    {"__sizeof__", (MpCFunction)dict___sizeof__, MP_METH_NOARGS,
     "D.__sizeof__() -> size of D in memory, in bytes"},
    {"get", FASTCALL(dict_get), MP_METH_FASTCALL,
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", FASTCALL(dict_setdefault), MP_METH_FASTCALL,
     "Insert key with a value of default if key is not in the dictionary."},
    {"pop", FASTCALL(dict_pop), MP_METH_FASTCALL,
     "D.pop(k[,d]) -> v, remove specified key and return the value."},
    {"popitem", (MpCFunction)dict_popitem, MP_METH_NOARGS,
     "Remove and return a (key, value) pair as a 2-tuple."},
    {"keys", dict_keys, MP_METH_NOARGS,
     "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", dict_items, MP_METH_NOARGS,
     "D.items() -> a set-like object providing a view on D's items"},
    {"values", dict_values, MP_METH_NOARGS,
     "D.values() -> an object providing a view on D's values"},
    {"update", (MpCFunction)(void (*)(void))dict_update,
     MP_METH_VARARGS | MP_METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"fromkeys", FASTCALL(dict_fromkeys), MP_METH_FASTCALL | MP_METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to "
     "value."},
    {"clear", dict_clear, MP_METH_NOARGS,
     "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_copy, MP_METH_NOARGS,
     "D.copy() -> a shallow copy of D"},
    {"__reversed__", dict___reversed__, MP_METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {NULL, NULL, 0, NULL}
};

static MpSequenceMethods dict_as_sequence = {
    .sq_contains = dict_contains,
};

static MpMappingMethods dict_as_mapping = {
    .mp_length = (lenfunc)dict_length,
    .mp_subscript = (binaryfunc)dict_subscript,
    .mp_ass_subscript = (objobjargproc)dict_ass_sub,
};

static MpNumberMethods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

MpTypeObject MpDict_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "dict",
    .tp_basicsize = sizeof(MpDictObject),
    .tp_dealloc = (destructor)dict_dealloc,
    .tp_repr = (reprfunc)dict_repr,
    .tp_as_number = &dict_as_number,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = MpObject_HashNotImplemented,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC | MP_TPFLAGS_BASETYPE
                | MP_TPFLAGS_DICT_SUBCLASS,
    .tp_doc = "dict() -> new empty dictionary",
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = mapp_methods,
    .tp_init = dict_init,
    .tp_alloc = MpType_GenericAlloc,
    .tp_new = dict_new,
    .tp_free = MpObject_GC_Del,
};

/* ---- Life cycle ---- */

/* Ready dict and its view and iterator types.  0 or -1. */
int
mp_dict_init(void)
{
    MpTypeObject *types[] = {
        &MpDict_Type, &MpDictKeys_Type, &MpDictValues_Type,
        &MpDictItems_Type, &MpDictIterKey_Type, &MpDictIterValue_Type,
        &MpDictIterItem_Type, &MpDictRevIterKey_Type,
        &MpDictRevIterValue_Type, &MpDictRevIterItem_Type,
    };
    size_t i;

    for (i = 0; i < MP_ARRAY_LENGTH(types); i++) {
        if (MpType_Ready(types[i]) < 0)
            return -1;
    }
    return 0;
}

/* Nothing is cached (no free lists); the version counter restarts. */
void
mp_dict_fini(void)
{
    state.next_version = 0;
}
