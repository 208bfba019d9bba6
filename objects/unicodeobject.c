/*
 * unicodeobject.c -- the str type: immutable text stored as UTF-8.
 *
 * A str is one block from the object allocator:
 *
 *   +--------------------+--------+------+-------------+-------+-----------+
 *   | refcnt | type      | length | hash | utf8_length | state | data ...\0|
 *   +--------------------+--------+------+-------------+-------+-----------+
 *    0                  16       24     32            40      48
 *
 *   (+ for a non-ASCII str longer than 64 code points: an 8-aligned slot
 *    holding the pointer to its offset index, NULL until first needed)
 *
 * so sys.getsizeof('') is 49 and an ASCII str of n characters 48 + n + 1,
 * exactly CPython 3.11's compact ASCII figures.  A non-ASCII str reports
 * 48 + UTF-8 bytes + 1 (+ 8 + padding for the index slot, + the index once
 * built) where 3.11 reports 72 + (len + 1) * kind (kind = 1, 2 or 4 bytes
 * per character): 'é' is 51 here and 74 in 3.11.
 *
 * Indexing by code point.  ASCII: byte i is code point i.  Otherwise the
 * offset index, built on the first access that needs it, records the byte
 * offset of code points 0, 64, 128, ...; reaching code point i means one
 * table read and at most 63 steps over UTF-8 lead bytes, so s[i] in a loop
 * costs O(1) per access, not O(n).  Strs of at most 64 code points walk
 * from the start (same bound) and never get an index.  If the index cannot
 * be allocated the walk starts from 0: slower, never an error.
 *
 * Invariants:
 *   - data is valid UTF-8 (checked at every entry point that takes bytes
 *     from outside), so code-point order equals byte order and comparison
 *     is memcmp;
 *   - state.ascii == (utf8_length == length);
 *   - hash is -1 or SipHash-1-3 of the text as CPython lays it out (1, 2
 *     or 4 bytes per code point by 'kind'), so with the same key
 *     hash(s) is python3's hash(s);
 *   - '' and each of the 256 one-character strs U+0000..U+00FF exist once
 *     while the runtime is up; the constructors hand those out.
 *
 * The rest of str lives beside this file:
 *
 *   unicode_utf8.c     UTF-8 validation (CPython's errors) and encoding
 *   unicode_repr.c     repr() and ascii()
 *   unicode_intern.c   the intern table and MP_IDENTIFIER strings
 *   unicode_writer.c   the builder every producer of new text uses
 *   unicode_methods.c  find/split/join/strip/replace/pad/partition...
 *   unicode_case.c     lower/upper/title/... and the is...() predicates
 *   unicode_ctype.c    per-code-point classes and case mappings
 *   unicode_format.c   MpUnicode_FromFormat, str.format, % formatting
 *
 * Read alongside CPython 3.11: Objects/unicodeobject.c (unicode_dealloc,
 * unicode_hash, unicode_subscript, PyUnicode_Concat, unicode_richcompare,
 * unicode_new, unicodeiter_next, unicode_result_ready's singletons).
 *
 * Left out: the UCS-1/2/4 "kind" storage (we keep UTF-8 only), wstr,
 * bytes and codecs (no bytes type: UTF-8 in, UTF-8 out), subclassing str
 * from Python code (str is not an acceptable base type here), surrogates
 * (not valid UTF-8, so never stored: chr(0xD800) is a ValueError), and
 * the 999999999 starting reference count of CPython's static singletons
 * (ours count normally, so sys.getrefcount('a') differs).
 */
#include "include/internal/mp_core.h"
#include "objects/object.h"
#include "objects/unicodeobject.h"
#include "objects/pyhash.h"
#include "objects/descrobject.h"

#define UNICODE_HEADER_SIZE ((Mp_ssize_t)sizeof(MpUnicodeObject))

static struct {
    int initialized;
    MpObject *empty;
    MpObject *latin1[256];
} state;

/* ---- Allocation ---- */

/* Bytes of the block before the index slot (header, text, NUL). */
static inline Mp_ssize_t
text_block_size(Mp_ssize_t nbytes)
{
    return UNICODE_HEADER_SIZE + nbytes + 1;
}

static inline int
has_index_slot(MpUnicodeObject *u)
{
    return !u->state.ascii && u->length > MP_UNICODE_INDEX_STRIDE;
}

static inline Mp_ssize_t **
index_slot(MpUnicodeObject *u)
{
    Mp_ssize_t off = (text_block_size(u->utf8_length) + 7) & ~(Mp_ssize_t)7;
    return (Mp_ssize_t **)((char *)u + off);
}

/* Ready str and its iterator once the object layer is up.  The unicode
 * step of Mp_Initialize runs before the object step (readying a type
 * interns names, which needs this file), so the first str made after
 * 'object' is ready finishes the job; any error is dropped and retried. */
static void
ensure_types_ready(void)
{
    MpObject *exc;

    /* Wait for the types str's dict is made of. */
    if (!MpType_HasFeature(&MpBaseObject_Type, MP_TPFLAGS_READY) ||
        !MpType_HasFeature(&MpType_Type, MP_TPFLAGS_READY) ||
        !MpType_HasFeature(&MpMethodDescr_Type, MP_TPFLAGS_READY) ||
        !MpType_HasFeature(&MpWrapperDescr_Type, MP_TPFLAGS_READY) ||
        MpType_HasFeature(&MpUnicode_Type, MP_TPFLAGS_READYING))
        return;
    exc = MpErr_GetRaisedException();
    if (mp_unicode_ready_types() < 0)
        MpErr_Clear();
    MpErr_SetRaisedException(exc);
}

/* MpType_Ready for str and its iterators: 0, or -1 with an exception. */
int
mp_unicode_ready_types(void)
{
    if (MpType_Ready(&MpUnicode_Type) < 0 ||
        MpType_Ready(&MpUnicodeIter_Type) < 0 ||
        MpType_Ready(&MpUnicodeASCIIIter_Type) < 0)
        return -1;
    return 0;
}

/* A new str of 'nbytes' bytes holding 'length' code points whose largest
 * is 'maxchar'; the caller writes data[0..nbytes-1].  NULL + MemoryError. */
static MpUnicodeObject *
unicode_alloc(Mp_ssize_t nbytes, Mp_ssize_t length, uint32_t maxchar)
{
    MpUnicodeObject *u;
    Mp_ssize_t size;
    int ascii = maxchar < 0x80;

    if (MP_UNLIKELY(!MpType_HasFeature(&MpUnicode_Type, MP_TPFLAGS_READY)))
        ensure_types_ready();
    if (nbytes > MP_SSIZE_T_MAX - UNICODE_HEADER_SIZE - 16) {
        MpErr_NoMemory();
        return NULL;
    }
    size = text_block_size(nbytes);
    if (!ascii && length > MP_UNICODE_INDEX_STRIDE)
        size = ((size + 7) & ~(Mp_ssize_t)7) + (Mp_ssize_t)sizeof(void *);
    u = MpObject_Malloc((size_t)size);
    if (u == NULL) {
        MpErr_NoMemory();
        return NULL;
    }
    u = (MpUnicodeObject *)mp_object_birth((MpObject *)u, &MpUnicode_Type);
    u->length = length;
    u->hash = -1;
    u->utf8_length = nbytes;
    memset(&u->state, 0, sizeof(u->state));
    u->state.ascii = ascii;
    u->state.kind = maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4;
    u->data[nbytes] = '\0';
    if (has_index_slot(u))
        *index_slot(u) = NULL;
    return u;
}

static void
unicode_dealloc(MpObject *op)
{
    MpUnicodeObject *u = MpUnicode_CAST(op);

    if (u->state.interned)
        mp_unicode_intern_forget(op);
    if (has_index_slot(u) && *index_slot(u) != NULL)
        MpMem_Free(*index_slot(u));
    Mp_TYPE(op)->tp_free(op);
}

/* ---- Construction ---- */

/* Make a str from trusted UTF-8 with known length and maxchar.  New. */
MpObject *
mp_unicode_from_parts(const char *s, Mp_ssize_t n, Mp_ssize_t length,
                   uint32_t maxchar)
{
    MpUnicodeObject *u;

    if (n == 0)
        return mp_unicode_get_empty();
    if (length == 1 && maxchar < 0x100)
        return mp_unicode_from_codepoint(maxchar);
    u = unicode_alloc(n, length, maxchar);
    if (u == NULL)
        return NULL;
    memcpy(u->data, s, (size_t)n);
    return (MpObject *)u;
}

/* The empty str.  New. */
MpObject *
mp_unicode_get_empty(void)
{
    MpUnicodeObject *u;
    if (state.empty != NULL)
        return Mp_NewRef(state.empty);
    u = unicode_alloc(0, 0, 0);
    return (MpObject *)u;
}

/* The str of one code point (cp < 0x110000).  New. */
MpObject *
mp_unicode_from_codepoint(uint32_t cp)
{
    MpUnicodeObject *u;
    char buf[4];
    int n;

    if (cp < 0x100 && state.latin1[cp] != NULL)
        return Mp_NewRef(state.latin1[cp]);
    n = mp_utf8_encode(cp, buf);
    u = unicode_alloc(n, 1, cp);
    if (u == NULL)
        return NULL;
    memcpy(u->data, buf, (size_t)n);
    return (MpObject *)u;
}

/* From n ASCII bytes.  New. */
MpObject *
mp_unicode_from_ascii(const char *s, Mp_ssize_t n)
{
    if (n == 1)
        return mp_unicode_from_codepoint((unsigned char)s[0]);
    return mp_unicode_from_parts(s, n, n, 0x7F);
}

/* From n bytes of UTF-8 known to be valid.  New. */
MpObject *
mp_unicode_from_utf8_trusted(const char *s, Mp_ssize_t n)
{
    Mp_ssize_t i = 0, length = 0;
    uint32_t max = 0;

    while (i < n) {
        uint32_t cp = mp_utf8_decode(s, &i);
        if (cp > max)
            max = cp;
        length++;
    }
    return mp_unicode_from_parts(s, n, length, max);
}

/* From n bytes of UTF-8; UnicodeDecodeError when they are not valid. */
MpObject *
MpUnicode_FromStringAndSize(const char *u, Mp_ssize_t n)
{
    Mp_ssize_t length;
    uint32_t maxchar;

    if (n < 0) {
        MpErr_SetString(MpExc_SystemError,
                        "Negative size passed to MpUnicode_FromStringAndSize");
        return NULL;
    }
    if (u == NULL && n > 0) {
        MpErr_SetString(MpExc_SystemError,
                        "NULL string with positive size");
        return NULL;
    }
    if (mp_unicode_check_utf8(u, n, &length, &maxchar) < 0)
        return NULL;
    return mp_unicode_from_parts(u, n, length, maxchar);
}

/* From a NUL-terminated UTF-8 string.  New. */
MpObject *
MpUnicode_FromString(const char *u)
{
    if (u == NULL) {
        MpErr_BadInternalCall();
        return NULL;
    }
    return MpUnicode_FromStringAndSize(u, (Mp_ssize_t)strlen(u));
}

/* chr(ordinal).  New; ValueError outside range(0x110000). */
MpObject *
MpUnicode_FromOrdinal(int ordinal)
{
    if (ordinal < 0 || ordinal > 0x10FFFF) {
        MpErr_SetString(MpExc_ValueError,
                        "chr() arg not in range(0x110000)");
        return NULL;
    }
    if (ordinal >= 0xD800 && ordinal <= 0xDFFF) {
        /* Lone surrogates cannot be written in UTF-8. */
        MpErr_SetString(MpExc_ValueError,
                        "surrogate code points are not supported");
        return NULL;
    }
    return mp_unicode_from_codepoint((uint32_t)ordinal);
}

/* ---- Code-point access ---- */

static Mp_ssize_t
walk_forward(const char *s, Mp_ssize_t pos, Mp_ssize_t steps)
{
    while (steps-- > 0)
        pos += mp_utf8_seqlen((unsigned char)s[pos]);
    return pos;
}

/* Build the offset index of a long non-ASCII str.  NULL if out of memory
 * (the caller then walks from the start). */
static Mp_ssize_t *
build_index(MpUnicodeObject *u)
{
    Mp_ssize_t n = u->length / MP_UNICODE_INDEX_STRIDE + 1;
    Mp_ssize_t *idx = MpMem_Malloc((size_t)n * sizeof(Mp_ssize_t));
    Mp_ssize_t k, pos = 0;

    if (idx == NULL)
        return NULL;
    for (k = 0; k < n; k++) {
        idx[k] = pos;
        if (k + 1 < n)
            pos = walk_forward(u->data, pos, MP_UNICODE_INDEX_STRIDE);
    }
    *index_slot(u) = idx;
    return idx;
}

/* Byte offset of code point i, 0 <= i <= length. */
Mp_ssize_t
mp_unicode_offset(MpObject *op, Mp_ssize_t i)
{
    MpUnicodeObject *u = MpUnicode_CAST(op);
    Mp_ssize_t *idx;

    if (u->state.ascii)
        return i;
    if (i >= u->length)
        return u->utf8_length;
    if (!has_index_slot(u))
        return walk_forward(u->data, 0, i);
    idx = *index_slot(u);
    if (idx == NULL)
        idx = build_index(u);
    if (idx == NULL)
        return walk_forward(u->data, 0, i);
    return walk_forward(u->data, idx[i / MP_UNICODE_INDEX_STRIDE],
                        i % MP_UNICODE_INDEX_STRIDE);
}

/* Code point i, 0 <= i < length. */
uint32_t
mp_unicode_read_char(MpObject *op, Mp_ssize_t i)
{
    Mp_ssize_t pos;
    if (MpUnicode_IS_ASCII(op))
        return (unsigned char)MpUnicode_DATA(op)[i];
    pos = mp_unicode_offset(op, i);
    return mp_utf8_decode(MpUnicode_DATA(op), &pos);
}

/* s[start:end] by code points (already clipped).  New. */
MpObject *
mp_unicode_substring(MpObject *op, Mp_ssize_t start, Mp_ssize_t end)
{
    Mp_ssize_t b0, b1;
    uint32_t maxchar;

    if (start <= 0 && end >= MpUnicode_GET_LENGTH(op) &&
        MpUnicode_CheckExact(op))
        return Mp_NewRef(op);
    if (end <= start)
        return mp_unicode_get_empty();
    b0 = mp_unicode_offset(op, start);
    b1 = MpUnicode_IS_ASCII(op) ? end : mp_unicode_offset(op, end);
    if (MpUnicode_IS_ASCII(op))
        return mp_unicode_from_ascii(MpUnicode_DATA(op) + b0, b1 - b0);
    /* The slice's own maxchar decides its kind (it affects the hash). */
    maxchar = 0;
    {
        Mp_ssize_t p = b0;
        while (p < b1) {
            uint32_t c = mp_utf8_decode(MpUnicode_DATA(op), &p);
            if (c > maxchar)
                maxchar = c;
        }
    }
    return mp_unicode_from_parts(MpUnicode_DATA(op) + b0, b1 - b0,
                                 end - start, maxchar);
}

/* Public: s[start:end] with clipping.  New. */
MpObject *
MpUnicode_Substring(MpObject *s, Mp_ssize_t start, Mp_ssize_t end)
{
    Mp_ssize_t len;
    if (!MpUnicode_Check(s)) {
        MpErr_BadInternalCall();
        return NULL;
    }
    len = MpUnicode_GET_LENGTH(s);
    if (start < 0 || end < 0) {
        MpErr_SetString(MpExc_IndexError, "string index out of range");
        return NULL;
    }
    if (end > len)
        end = len;
    return mp_unicode_substring(s, MP_MIN(start, len), end);
}

/* ---- Accessors ---- */

/* The UTF-8 text (owned by the str) and its byte size; NULL + TypeError
 * for a non-str. */
const char *
MpUnicode_AsUTF8AndSize(MpObject *unicode, Mp_ssize_t *size)
{
    if (unicode == NULL || !MpUnicode_Check(unicode)) {
        MpErr_BadArgument();
        return NULL;
    }
    if (size != NULL)
        *size = MpUnicode_UTF8_LENGTH(unicode);
    return MpUnicode_DATA(unicode);
}

/* The NUL-terminated UTF-8 text, owned by the str. */
const char *
MpUnicode_AsUTF8(MpObject *unicode)
{
    return MpUnicode_AsUTF8AndSize(unicode, NULL);
}

/* Length in code points; -1 + TypeError for a non-str. */
Mp_ssize_t
MpUnicode_GetLength(MpObject *unicode)
{
    if (unicode == NULL || !MpUnicode_Check(unicode)) {
        MpErr_BadArgument();
        return -1;
    }
    return MpUnicode_GET_LENGTH(unicode);
}

/* ---- Hash and comparison ---- */

/* SipHash over CPython's layout of the text: the ASCII bytes, else each
 * code point as 1, 2 or 4 little-endian bytes, streamed without a copy. */
static Mp_hash_t
unicode_hash(MpObject *op)
{
    MpUnicodeObject *u = MpUnicode_CAST(op);
    mp_siphash_state st;
    Mp_ssize_t pos = 0;
    unsigned kind = u->state.kind;

    if (u->hash != -1)
        return u->hash;
    if (u->state.ascii) {
        u->hash = mp_hash_bytes(u->data, u->utf8_length);
        return u->hash;
    }
    mp_siphash_begin(&st);
    while (pos < u->utf8_length) {
        uint32_t cp = mp_utf8_decode(u->data, &pos);
        unsigned char unit[4];
        unit[0] = (unsigned char)cp;
        unit[1] = (unsigned char)(cp >> 8);
        unit[2] = (unsigned char)(cp >> 16);
        unit[3] = 0;
        mp_siphash_feed(&st, unit, kind);
    }
    u->hash = mp_siphash_end(&st);
    return u->hash;
}

/* 1 if the two exact strs are equal, else 0; never fails. */
int
mp_unicode_eq(MpObject *a, MpObject *b)
{
    MpUnicodeObject *x = MpUnicode_CAST(a), *y = MpUnicode_CAST(b);
    if (a == b)
        return 1;
    if (x->utf8_length != y->utf8_length || x->length != y->length)
        return 0;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return 0;
    return memcmp(x->data, y->data, (size_t)x->utf8_length) == 0;
}

static int
unicode_compare(MpObject *a, MpObject *b)
{
    Mp_ssize_t la = MpUnicode_UTF8_LENGTH(a), lb = MpUnicode_UTF8_LENGTH(b);
    int c = memcmp(MpUnicode_DATA(a), MpUnicode_DATA(b),
                   (size_t)MP_MIN(la, lb));
    if (c != 0)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* <0, 0, >0 by code points.  Both must be str (-1 + TypeError if not). */
int
MpUnicode_Compare(MpObject *a, MpObject *b)
{
    if (!MpUnicode_Check(a) || !MpUnicode_Check(b)) {
        MpErr_Format(MpExc_TypeError, "Can't compare %.100s and %.100s",
                     Mp_TYPE(a)->tp_name, Mp_TYPE(b)->tp_name);
        return -1;
    }
    return unicode_compare(a, b);
}

/* Compare with a NUL-terminated UTF-8 string: <0, 0, >0. */
int
MpUnicode_CompareWithASCIIString(MpObject *a, const char *b)
{
    Mp_ssize_t lb = (Mp_ssize_t)strlen(b), la = MpUnicode_UTF8_LENGTH(a);
    int c = memcmp(MpUnicode_DATA(a), b, (size_t)MP_MIN(la, lb));
    if (c != 0)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* 1 if a (a str) equals the UTF-8 string b, else 0. */
int
MpUnicode_EqualToUTF8(MpObject *a, const char *b)
{
    size_t lb = strlen(b);
    if (!MpUnicode_Check(a) || (size_t)MpUnicode_UTF8_LENGTH(a) != lb)
        return 0;
    return memcmp(MpUnicode_DATA(a), b, lb) == 0;
}

static MpObject *
unicode_richcompare(MpObject *a, MpObject *b, int op)
{
    int c, r;

    if (!MpUnicode_Check(a) || !MpUnicode_Check(b))
        Mp_RETURN_NOTIMPLEMENTED;
    if (op == Mp_EQ || op == Mp_NE) {
        r = mp_unicode_eq(a, b) == (op == Mp_EQ);
        return Mp_NewRef(r ? Mp_True : Mp_False);
    }
    c = unicode_compare(a, b);
    switch (op) {
    case Mp_LT: r = c < 0; break;
    case Mp_LE: r = c <= 0; break;
    case Mp_GT: r = c > 0; break;
    default:    r = c >= 0; break;
    }
    return Mp_NewRef(r ? Mp_True : Mp_False);
}

/* 1 if every byte of s is [A-Za-z0-9_]. */
int
mp_unicode_is_identifier_like(MpObject *s)
{
    const unsigned char *p = (const unsigned char *)MpUnicode_DATA(s);
    Mp_ssize_t i, n = MpUnicode_UTF8_LENGTH(s);
    for (i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

/* ---- Sequence protocol ---- */

static Mp_ssize_t
unicode_length(MpObject *op)
{
    return MpUnicode_GET_LENGTH(op);
}

/* left + right.  New; TypeError when either is not a str. */
MpObject *
MpUnicode_Concat(MpObject *left, MpObject *right)
{
    MpUnicodeObject *u;
    Mp_ssize_t nl, nr;
    uint32_t maxchar;

    if (!MpUnicode_Check(left) || !MpUnicode_Check(right)) {
        MpObject *bad = MpUnicode_Check(left) ? right : left;
        MpErr_Format(MpExc_TypeError,
                     "can only concatenate str (not \"%.200s\") to str",
                     Mp_TYPE(bad)->tp_name);
        return NULL;
    }
    if (MpUnicode_GET_LENGTH(left) == 0)
        return Mp_NewRef(right);
    if (MpUnicode_GET_LENGTH(right) == 0)
        return Mp_NewRef(left);
    nl = MpUnicode_UTF8_LENGTH(left);
    nr = MpUnicode_UTF8_LENGTH(right);
    if (nl > MP_SSIZE_T_MAX / 2 - nr) {
        MpErr_SetString(MpExc_OverflowError,
                        "strings are too large to concat");
        return NULL;
    }
    maxchar = MpUnicode_IS_ASCII(left) && MpUnicode_IS_ASCII(right) ? 0x7F
              : MpUnicode_CAST(left)->state.kind == 4 ||
                MpUnicode_CAST(right)->state.kind == 4 ? 0x10000
              : MpUnicode_CAST(left)->state.kind == 2 ||
                MpUnicode_CAST(right)->state.kind == 2 ? 0x100 : 0x80;
    u = unicode_alloc(nl + nr, MpUnicode_GET_LENGTH(left) +
                      MpUnicode_GET_LENGTH(right), maxchar);
    if (u == NULL)
        return NULL;
    memcpy(u->data, MpUnicode_DATA(left), (size_t)nl);
    memcpy(u->data + nl, MpUnicode_DATA(right), (size_t)nr);
    return (MpObject *)u;
}

/* Grow an ASCII str that nobody else can see by the ASCII 'right', in
 * place: realloc keeps 's += piece' loops linear, as in CPython.  0 on
 * success; -1 (nothing changed, no exception) when the fast path does
 * not apply or realloc fails, leaving the copying path to run. */
static int
unicode_append_inplace(MpObject **pleft, MpObject *right)
{
    MpUnicodeObject *u = MpUnicode_CAST(*pleft);
    Mp_ssize_t nl = u->utf8_length, nr;

    if (Mp_REFCNT(*pleft) != 1 || !MpUnicode_CheckExact(*pleft) ||
        !MpUnicode_CheckExact(right) || u->state.interned ||
        !u->state.ascii || !MpUnicode_IS_ASCII(right) || nl == 0)
        return -1;
    nr = MpUnicode_UTF8_LENGTH(right);
    if (nr > MP_SSIZE_T_MAX - UNICODE_HEADER_SIZE - 16 - nl)
        return -1;
    u = MpObject_Realloc(u, (size_t)text_block_size(nl + nr));
    if (u == NULL)
        return -1;
    memcpy(u->data + nl, MpUnicode_DATA(right), (size_t)nr + 1);
    u->length += nr;
    u->utf8_length += nr;
    u->hash = -1;
    *pleft = (MpObject *)u;
    return 0;
}

/* *pleft = *pleft + right; steals the old *pleft; NULL on error.  When
 * the caller holds the only reference the str grows in place. */
void
MpUnicode_Append(MpObject **pleft, MpObject *right)
{
    MpObject *res;
    if (*pleft == NULL)
        return;
    if (right == NULL) {
        Mp_CLEAR(*pleft);
        return;
    }
    if (unicode_append_inplace(pleft, right) == 0)
        return;
    res = MpUnicode_Concat(*pleft, right);
    Mp_SETREF(*pleft, res);
}

static MpObject *
unicode_repeat(MpObject *op, Mp_ssize_t n)
{
    MpUnicodeObject *u;
    Mp_ssize_t nb = MpUnicode_UTF8_LENGTH(op), i;

    if (n <= 0 || nb == 0)
        return mp_unicode_get_empty();
    if (n == 1)
        return Mp_NewRef(op);
    if (nb > MP_SSIZE_T_MAX / n) {
        MpErr_SetString(MpExc_OverflowError, "repeated string is too long");
        return NULL;
    }
    u = unicode_alloc(nb * n, MpUnicode_GET_LENGTH(op) * n,
                      MpUnicode_IS_ASCII(op) ? 0x7F
                      : MpUnicode_CAST(op)->state.kind == 1 ? 0x80
                      : MpUnicode_CAST(op)->state.kind == 2 ? 0x100
                      : 0x10000);
    if (u == NULL)
        return NULL;
    if (nb == 1)
        memset(u->data, MpUnicode_DATA(op)[0], (size_t)n);
    else {
        /* Double the filled part each round. */
        Mp_ssize_t done = nb, total = nb * n;
        memcpy(u->data, MpUnicode_DATA(op), (size_t)nb);
        while (done < total) {
            i = MP_MIN(done, total - done);
            memcpy(u->data + done, u->data, (size_t)i);
            done += i;
        }
    }
    return (MpObject *)u;
}

static MpObject *
unicode_item(MpObject *op, Mp_ssize_t i)
{
    if (i < 0 || i >= MpUnicode_GET_LENGTH(op)) {
        MpErr_SetString(MpExc_IndexError, "string index out of range");
        return NULL;
    }
    return mp_unicode_from_codepoint(mp_unicode_read_char(op, i));
}

static MpObject *
unicode_slice_step(MpObject *op, Mp_ssize_t start, Mp_ssize_t step,
                   Mp_ssize_t count)
{
    mp_unicode_writer w;
    Mp_ssize_t k;

    mp_writer_init(&w);
    if (mp_writer_reserve(&w, MpUnicode_IS_ASCII(op) ? count : count * 2)
        < 0)
        return NULL;
    for (k = 0; k < count; k++) {
        if (mp_writer_write_char(&w, mp_unicode_read_char(op,
                                                          start + k * step))
            < 0) {
            mp_writer_dealloc(&w);
            return NULL;
        }
    }
    return mp_writer_finish(&w);
}

static MpObject *
unicode_subscript(MpObject *op, MpObject *key)
{
    if (MpIndex_Check(key)) {
        Mp_ssize_t i = MpNumber_AsSsize_t(key, MpExc_IndexError);
        if (i == -1 && MpErr_Occurred())
            return NULL;
        if (i < 0)
            i += MpUnicode_GET_LENGTH(op);
        return unicode_item(op, i);
    }
    if (MpSlice_Check(key)) {
        Mp_ssize_t start, stop, step, count;
        count = MpSlice_GetIndicesEx(key, MpUnicode_GET_LENGTH(op), &start,
                                     &stop, &step);
        if (count < 0)
            return NULL;
        if (count == 0)
            return mp_unicode_get_empty();
        if (step == 1)
            return mp_unicode_substring(op, start, start + count);
        return unicode_slice_step(op, start, step, count);
    }
    MpErr_Format(MpExc_TypeError, "string indices must be integers, not "
                 "'%.200s'", Mp_TYPE(key)->tp_name);
    return NULL;
}

/* 'element in container' for strs: 1, 0, or -1 with TypeError. */
int
MpUnicode_Contains(MpObject *container, MpObject *element)
{
    if (!MpUnicode_Check(element)) {
        MpErr_Format(MpExc_TypeError,
                     "'in <string>' requires string as left operand, "
                     "not %.100s", Mp_TYPE(element)->tp_name);
        return -1;
    }
    if (!MpUnicode_Check(container)) {
        MpErr_BadArgument();
        return -1;
    }
    if (MpUnicode_UTF8_LENGTH(element) == 0)
        return 1;
    /* UTF-8 is self-synchronising: a byte match is a code-point match. */
    return memmem(MpUnicode_DATA(container),
                  (size_t)MpUnicode_UTF8_LENGTH(container),
                  MpUnicode_DATA(element),
                  (size_t)MpUnicode_UTF8_LENGTH(element)) != NULL;
}

static MpObject *
unicode_str(MpObject *op)
{
    return Mp_NewRef(op);
}

/* ---- The type ---- */

/* str.__sizeof__(): the bytes of the object's block (+ its index).
 * New int. */
MpObject *
mp_unicode_sizeof(MpObject *op, MpObject *unused)
{
    MpUnicodeObject *u = MpUnicode_CAST(op);
    Mp_ssize_t size = text_block_size(u->utf8_length);
    MP_UNUSED(unused);
    if (has_index_slot(u)) {
        size = ((size + 7) & ~(Mp_ssize_t)7) + (Mp_ssize_t)sizeof(void *);
        if (*index_slot(u) != NULL)
            size += (u->length / MP_UNICODE_INDEX_STRIDE + 1) *
                    (Mp_ssize_t)sizeof(Mp_ssize_t);
    }
    return MpLong_FromSsize_t(size);
}

/* Bind str()'s (object, encoding, errors) from args and kwds into
 * a[3] (NULL when absent).  0 or -1 with CPython's TypeErrors. */
static int
unicode_new_args(MpObject *args, MpObject *kwds, MpObject *a[3])
{
    static const char *const names[3] = {"object", "encoding", "errors"};
    Mp_ssize_t nargs = args != NULL ? MpTuple_Size(args) : 0, pos = 0, i;
    MpObject *key, *value;

    if (nargs > 3) {
        MpErr_Format(MpExc_TypeError, "str() takes at most 3 arguments "
                     "(%zd given)", nargs);
        return -1;
    }
    for (i = 0; i < 3; i++)
        a[i] = i < nargs ? MpTuple_GetItem(args, i) : NULL;
    while (kwds != NULL && MpDict_Next(kwds, &pos, &key, &value)) {
        for (i = 0; i < 3; i++)
            if (MpUnicode_Check(key) && MpUnicode_EqualToUTF8(key, names[i]))
                break;
        if (i == 3) {
            MpErr_Format(MpExc_TypeError, "'%S' is an invalid keyword "
                         "argument for str()", key);
            return -1;
        }
        if (a[i] != NULL) {
            MpErr_Format(MpExc_TypeError, "argument for str() given by name "
                         "('%s') and position (%zd)", names[i], i + 1);
            return -1;
        }
        a[i] = value;
    }
    return 0;
}

/* str(object=''), and str(object, encoding, errors), which needs a
 * bytes-like object minipy does not have. */
static MpObject *
unicode_new(MpTypeObject *type, MpObject *args, MpObject *kwds)
{
    MpObject *a[3];

    if (type != &MpUnicode_Type) {
        MpErr_Format(MpExc_TypeError, "str.__new__(%.100s): %.100s is not "
                     "a subtype of str", type->tp_name, type->tp_name);
        return NULL;
    }
    if (unicode_new_args(args, kwds, a) < 0)
        return NULL;
    if (a[0] == NULL)
        return mp_unicode_get_empty();
    if (a[1] == NULL && a[2] == NULL)
        return MpObject_Str(a[0]);
    if (a[1] != NULL && !MpUnicode_Check(a[1]))
        MpErr_Format(MpExc_TypeError, "str() argument 'encoding' must be "
                     "str, not %.100s", Mp_TYPE(a[1])->tp_name);
    else if (a[2] != NULL && !MpUnicode_Check(a[2]))
        MpErr_Format(MpExc_TypeError, "str() argument 'errors' must be "
                     "str, not %.100s", Mp_TYPE(a[2])->tp_name);
    else if (MpUnicode_Check(a[0]))
        MpErr_SetString(MpExc_TypeError, "decoding str is not supported");
    else
        MpErr_Format(MpExc_TypeError, "decoding to str: need a bytes-like "
                     "object, %.100s found", Mp_TYPE(a[0])->tp_name);
    return NULL;
}

static MpObject *unicode_iter(MpObject *seq);

static MpObject *
unicode_mod_slot(MpObject *a, MpObject *b)
{
    if (!MpUnicode_Check(a))
        Mp_RETURN_NOTIMPLEMENTED;
    return mp_unicode_mod(a, b);
}

static MpSequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_concat = MpUnicode_Concat,
    .sq_repeat = unicode_repeat,
    .sq_item = unicode_item,
    .sq_contains = MpUnicode_Contains,
};

static MpMappingMethods unicode_as_mapping = {
    .mp_length = unicode_length,
    .mp_subscript = unicode_subscript,
};

static MpNumberMethods unicode_as_number = {
    .nb_remainder = unicode_mod_slot,
};

MpTypeObject MpUnicode_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "str",
    .tp_basicsize = sizeof(MpUnicodeObject),
    .tp_itemsize = 0,
    .tp_dealloc = unicode_dealloc,
    .tp_repr = mp_unicode_repr,
    .tp_as_number = &unicode_as_number,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_hash = unicode_hash,
    .tp_str = unicode_str,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_UNICODE_SUBCLASS,
    .tp_doc = "str(object='') -> str",
    .tp_richcompare = unicode_richcompare,
    .tp_iter = unicode_iter,
    .tp_methods = mp_unicode_methods,
    .tp_new = unicode_new,
    .tp_free = MpObject_Del,
};

/* ---- The iterator ---- */

typedef struct {
    MpObject_HEAD
    MpObject *seq;        /* the str, or NULL once exhausted */
    Mp_ssize_t pos;       /* byte offset of the next code point */
    Mp_ssize_t index;     /* code points already produced */
} unicodeiterobject;

static void
unicodeiter_dealloc(MpObject *op)
{
    unicodeiterobject *it = (unicodeiterobject *)op;
    MpObject_GC_UnTrack(op);
    Mp_XDECREF(it->seq);
    MpObject_GC_Del(op);
}

static int
unicodeiter_traverse(MpObject *op, visitproc visit, void *arg)
{
    Mp_VISIT(((unicodeiterobject *)op)->seq);
    return 0;
}

static MpObject *
unicodeiter_next(MpObject *op)
{
    unicodeiterobject *it = (unicodeiterobject *)op;
    MpObject *seq = it->seq;
    uint32_t cp;

    if (seq == NULL)
        return NULL;
    if (it->pos < MpUnicode_UTF8_LENGTH(seq)) {
        cp = mp_utf8_decode(MpUnicode_DATA(seq), &it->pos);
        it->index++;
        return mp_unicode_from_codepoint(cp);
    }
    it->seq = NULL;
    Mp_DECREF(seq);
    return NULL;
}

static MpObject *
unicodeiter_length_hint(MpObject *op, MpObject *unused)
{
    unicodeiterobject *it = (unicodeiterobject *)op;
    MP_UNUSED(unused);
    if (it->seq == NULL)
        return MpLong_FromSsize_t(0);
    return MpLong_FromSsize_t(MpUnicode_GET_LENGTH(it->seq) - it->index);
}

static MpMethodDef unicodeiter_methods[] = {
    {"__length_hint__", (MpCFunction)unicodeiter_length_hint,
     MP_METH_NOARGS, "Private method returning an estimate of len()."},
    {NULL, NULL, 0, NULL}
};

/* Two names for one implementation, as CPython shows them. */
MpTypeObject MpUnicodeIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(unicodeiterobject),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
};

MpTypeObject MpUnicodeASCIIIter_Type = {
    MpVarObject_HEAD_INIT(&MpType_Type, 0)
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(unicodeiterobject),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = MpObject_GenericGetAttr,
    .tp_flags = MP_TPFLAGS_DEFAULT | MP_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = MpObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
};

static MpObject *
unicode_iter(MpObject *seq)
{
    unicodeiterobject *it;

    it = MpObject_GC_New(unicodeiterobject, MpUnicode_IS_ASCII(seq)
                         ? &MpUnicodeASCIIIter_Type : &MpUnicodeIter_Type);
    if (it == NULL)
        return NULL;
    it->seq = Mp_NewRef(seq);
    it->pos = 0;
    it->index = 0;
    MpObject_GC_Track(it);
    return (MpObject *)it;
}

/* ---- Life cycle ---- */

/* Create '' and the 256 latin-1 singletons; set up interning. */
int
mp_unicode_init(void)
{
    uint32_t c;

    memset(&state, 0, sizeof(state));
    if (mp_unicode_intern_init() < 0)
        return -1;
    state.empty = mp_unicode_get_empty();
    if (state.empty == NULL)
        goto error;
    for (c = 0; c < 256; c++) {
        MpObject *s = mp_unicode_from_codepoint(c);
        if (s == NULL)
            goto error;
        state.latin1[c] = s;
    }
    state.initialized = 1;
    return 0;
error:
    MpErr_Clear();
    mp_unicode_fini();
    return -1;
}

/* Drop the identifiers and singletons; empty the intern table. */
void
mp_unicode_fini(void)
{
    int c;

    mp_unicode_intern_fini();
    for (c = 0; c < 256; c++)
        Mp_CLEAR(state.latin1[c]);
    Mp_CLEAR(state.empty);
    state.initialized = 0;
}
