/*
 * unicodeobject.h -- str internals: the object layout, the shared string
 * builder, interning and cached identifiers, character classes.
 *
 * Layout (64-bit), 48 bytes of header then the text:
 *
 *   offset  field        meaning
 *   0       ob_refcnt    \ MpObject_HEAD
 *   8       ob_type      /
 *   16      length       code points
 *   24      hash         cached SipHash, -1 = not computed yet
 *   32      utf8_length  bytes of UTF-8 (not counting the NUL)
 *   40      state        interned, ascii, kind (+ padding to 8 bytes)
 *   48      data[]       UTF-8 text, then a NUL
 *   (non-ASCII strs longer than MP_UNICODE_INDEX_STRIDE code points only:
 *    an 8-aligned pointer to their lazily built offset index follows)
 */
#ifndef MP_UNICODEOBJECT_H
#define MP_UNICODEOBJECT_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

typedef struct {
    MpObject_HEAD
    Mp_ssize_t length;        /* in code points */
    Mp_hash_t hash;           /* -1 until computed */
    Mp_ssize_t utf8_length;   /* in bytes */
    struct {
        unsigned int interned : 1;  /* in the intern table */
        unsigned int ascii : 1;     /* every code point < 128 */
        unsigned int kind : 3;      /* 1, 2 or 4: CPython's bytes/char */
        unsigned int : 27;
        unsigned int reserved;      /* keeps the header at 48 bytes */
    } state;
    char data[];              /* utf8_length bytes + NUL */
} MpUnicodeObject;

/* A non-ASCII str keeps the byte offset of every STRIDE-th code point. */
#define MP_UNICODE_INDEX_STRIDE 64

#define MpUnicode_CAST(op) ((MpUnicodeObject *)(op))
#define MpUnicode_DATA(op) (MpUnicode_CAST(op)->data)
#define MpUnicode_GET_LENGTH(op) (MpUnicode_CAST(op)->length)
#define MpUnicode_UTF8_LENGTH(op) (MpUnicode_CAST(op)->utf8_length)
#define MpUnicode_IS_ASCII(op) (MpUnicode_CAST(op)->state.ascii)

int mp_unicode_init(void);
void mp_unicode_fini(void);
/* Ready str and its iterator types.  The first str made once the object
 * layer is ready does this by itself (the unicode step of Mp_Initialize
 * runs before the object step); a later lifecycle step may call it
 * directly.  0, or -1 with an exception. */
int mp_unicode_ready_types(void);

/* ---- Construction ---- */
/* From n bytes of ASCII (the caller guarantees every byte < 128).  New. */
MpObject *mp_unicode_from_ascii(const char *s, Mp_ssize_t n);
/* From valid UTF-8 whose code-point count and largest code point the
 * caller knows (or over-estimates in kind only: same 1/2/4 class).  New. */
MpObject *mp_unicode_from_parts(const char *s, Mp_ssize_t n,
                                Mp_ssize_t length, uint32_t maxchar);
/* From n bytes known to be valid UTF-8 (not checked).  New. */
MpObject *mp_unicode_from_utf8_trusted(const char *s, Mp_ssize_t n);
/* The one-code-point str for cp (0 <= cp < 0x110000; singletons for
 * cp < 256).  New. */
MpObject *mp_unicode_from_codepoint(uint32_t cp);
/* The empty str singleton.  New. */
MpObject *mp_unicode_get_empty(void);
/* Check n bytes of UTF-8: 0, or -1 with UnicodeDecodeError set.  On
 * success *length receives the code points and *maxchar the largest. */
int mp_unicode_check_utf8(const char *s, Mp_ssize_t n, Mp_ssize_t *length,
                          uint32_t *maxchar);
/* Decode n bytes of UTF-8, each invalid sequence becoming U+FFFD (the
 * "replace" error handler).  New. */
MpObject *mp_unicode_decode_utf8_replace(const char *s, Mp_ssize_t n);

/* ---- Reading ---- */
/* Decode the code point at byte offset *pos and advance *pos past it. */
static inline uint32_t
mp_utf8_decode(const char *s, Mp_ssize_t *pos)
{
    const unsigned char *p = (const unsigned char *)s + *pos;
    uint32_t c = p[0];
    if (c < 0x80) {
        *pos += 1;
        return c;
    }
    if (c < 0xE0) {
        *pos += 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *pos += 3;
        return ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6)
               | (p[2] & 0x3F);
    }
    *pos += 4;
    return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12)
           | ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Bytes of the UTF-8 sequence that starts with lead byte c. */
static inline int
mp_utf8_seqlen(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Encode cp into out (at least 4 bytes); returns the byte count. */
int mp_utf8_encode(uint32_t cp, char *out);

/* Byte offset of code point i (0 <= i <= length): O(1) for ASCII, at
 * most STRIDE steps from the index otherwise. */
Mp_ssize_t mp_unicode_offset(MpObject *u, Mp_ssize_t i);
/* Code point i (0 <= i < length). */
uint32_t mp_unicode_read_char(MpObject *u, Mp_ssize_t i);
/* Substring by code points, 0 <= start <= end <= length.  New. */
MpObject *mp_unicode_substring(MpObject *u, Mp_ssize_t start,
                               Mp_ssize_t end);
/* Equality of two exact strs: 1/0, no errors (pointer, length and cached
 * hash checks first). */
int mp_unicode_eq(MpObject *a, MpObject *b);
/* 1 if every byte is [A-Za-z0-9_] (CPython's all_name_chars). */
int mp_unicode_is_identifier_like(MpObject *s);
/* repr(str) and ascii(obj).  New. */
MpObject *mp_unicode_repr(MpObject *u);
MpObject *mp_unicode_ascii(MpObject *obj);

/* ---- The string builder ----
 * Collects UTF-8 in a growing MpMem buffer; finish turns it into a str. */
typedef struct {
    char *buf;
    Mp_ssize_t len;
    Mp_ssize_t cap;
    Mp_ssize_t length;    /* code points so far */
    uint32_t maxchar;
} mp_unicode_writer;

void mp_writer_init(mp_unicode_writer *w);
/* Make room for n more bytes: 0 or -1 with MemoryError. */
int mp_writer_reserve(mp_unicode_writer *w, Mp_ssize_t n);
/* Append UTF-8 bytes holding 'length' code points, maxchar 'maxchar'. */
int mp_writer_write(mp_unicode_writer *w, const char *s, Mp_ssize_t n,
                    Mp_ssize_t length, uint32_t maxchar);
int mp_writer_write_ascii(mp_unicode_writer *w, const char *s, Mp_ssize_t n);
int mp_writer_write_str(mp_unicode_writer *w, MpObject *u);
int mp_writer_write_char(mp_unicode_writer *w, uint32_t cp);
int mp_writer_fill(mp_unicode_writer *w, uint32_t cp, Mp_ssize_t count);
/* The str built (New) or NULL with an exception; frees the buffer. */
MpObject *mp_writer_finish(mp_unicode_writer *w);
void mp_writer_dealloc(mp_unicode_writer *w);

/* ---- Cached identifiers ---- */
typedef struct MpIdentifier {
    const char *string;
    MpObject *object;
    struct MpIdentifier *next;
} MpIdentifier;
#define MP_IDENTIFIER(name) \
    static MpIdentifier MpId_##name = {#name, NULL, NULL}
/* The interned str for id->string, created on first use and released by
 * mp_unicode_fini.  Borrowed; NULL with MemoryError on failure. */
MpObject *mp_identifier_get(MpIdentifier *id);

/* ---- Character classes and case mapping (unicode_ctype.c) ----
 * Exact for ASCII; for other code points they cover Latin-1, Latin
 * Extended-A, Greek and Cyrillic (see that file for the rules). */
int mp_unicode_isspace(uint32_t c);
int mp_unicode_isalpha(uint32_t c);
int mp_unicode_isdecimal(uint32_t c);
int mp_unicode_isdigit(uint32_t c);
int mp_unicode_isnumeric(uint32_t c);
int mp_unicode_isupper(uint32_t c);
int mp_unicode_islower(uint32_t c);
int mp_unicode_istitle(uint32_t c);
int mp_unicode_isprintable(uint32_t c);
int mp_unicode_islinebreak(uint32_t c);
int mp_unicode_isxidstart(uint32_t c);
int mp_unicode_isxidcontinue(uint32_t c);
/* Full case mappings: write up to 3 code points to out, return count. */
int mp_unicode_tolower_full(uint32_t c, uint32_t out[3]);
int mp_unicode_toupper_full(uint32_t c, uint32_t out[3]);
int mp_unicode_totitle_full(uint32_t c, uint32_t out[3]);
int mp_unicode_tofolded_full(uint32_t c, uint32_t out[3]);
/* Decimal value 0..9 of a decimal digit, else -1. */
int mp_unicode_todecimal(uint32_t c);

/* str.__sizeof__ (METH_NOARGS).  New. */
MpObject *mp_unicode_sizeof(MpObject *self, MpObject *unused);
/* Intern table plumbing (unicode_intern.c). */
int mp_unicode_intern_init(void);
void mp_unicode_intern_fini(void);
/* Called by str dealloc for an interned str: drop its table entry. */
void mp_unicode_intern_forget(MpObject *op);
extern MpTypeObject MpUnicodeIter_Type;        /* str_iterator */
extern MpTypeObject MpUnicodeASCIIIter_Type;   /* str_ascii_iterator */

/* The method table (unicode_methods.c) and formatting (unicode_format.c). */
extern MpMethodDef mp_unicode_methods[];
MpObject *mp_unicode_format_method(MpObject *self, MpObject *const *args,
                                   Mp_ssize_t nargs, MpObject *kwnames);
MpObject *mp_unicode_mod(MpObject *a, MpObject *b);

#endif /* MP_UNICODEOBJECT_H */
