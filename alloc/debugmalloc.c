/*
 * alloc/debugmalloc.c -- MINIPYMALLOC=debug: guard bytes and fills around
 * every block of every family, checked on free and realloc.
 *
 *   base (from the default-mode allocator of the family)
 *   v
 *   +--------+--------+----+---------+---------------------+--------+
 *   | 8 x FD | nbytes | id | 15 x FD | nbytes of user data | 8 x FD |
 *   +--------+--------+----+---------+---------------------+--------+
 *    0        8        16   17        32 <- pointer handed out
 *
 * 'id' names the family ('o' MpObject, 'm' MpMem, 'r' MpMem_Raw).  New
 * data is filled with CD, so reads of uninitialised memory stand out; on
 * free, everything from 'id' on is filled with DD, which also marks the
 * block as freed: a second free finds DD where 'id' should be.  'nbytes'
 * survives the free (only the first word is reused, for the free list),
 * so even that message can name the requested size.  A double free is
 * caught as long as the block has not been handed out again.
 *
 * Every violation prints one line naming the address, the requested size
 * and the damage to stderr, then aborts: the heap is no longer to be
 * trusted.
 * Read alongside CPython 3.11: Objects/obmalloc.c _PyMem_DebugRawAlloc,
 * _PyMem_DebugCheckAddress, _PyObject_DebugDumpAddress.
 */
#include "alloc/obmalloc.h"

#include <stdlib.h>
#include <string.h>

#define CLEANBYTE       0xCD    /* new memory */
#define DEADBYTE        0xDD    /* freed memory */
#define FORBIDDENBYTE   0xFD    /* guard bytes */
#define DEBUG_HEAD      32
#define DEBUG_TAIL      8
#define ID_OFFSET       16

static size_t
read_size(const uint8_t *base)
{
    size_t n;
    memcpy(&n, base + 8, sizeof(n));
    return n;
}

static const char *
family_name(int id)
{
    switch (id) {
    case MP_DOMAIN_OBJ:
        return "MpObject_*";
    case MP_DOMAIN_MEM:
        return "MpMem_*";
    case MP_DOMAIN_RAW:
        return "MpMem_Raw*";
    default:
        return "an unknown family";
    }
}

static _Noreturn void
fatal(const void *p, size_t nbytes, const char *op, const char *what)
{
    fprintf(stderr, "minipy debug allocator: %s of block %p (requested "
            "size %zu): %s\n", op, p, nbytes, what);
    fflush(stderr);
    abort();
}

static int
all_bytes(const uint8_t *p, size_t n, uint8_t value)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != value) {
            return 0;
        }
    }
    return 1;
}

/* Abort with a message unless the live block 'p' of 'domain' is intact. */
static void
check_block(enum mp_domain domain, const uint8_t *p, const char *op)
{
    const uint8_t *base = p - DEBUG_HEAD;
    size_t nbytes = read_size(base);
    char msg[160];
    int id = base[ID_OFFSET];
    if (id == DEADBYTE
        && all_bytes(base + ID_OFFSET, DEBUG_HEAD - ID_OFFSET, DEADBYTE)) {
        fatal(p, nbytes, op, "double free: the block was already freed");
    }
    if (!all_bytes(base, 8, FORBIDDENBYTE)
        || !all_bytes(base + ID_OFFSET + 1, DEBUG_HEAD - ID_OFFSET - 1,
                      FORBIDDENBYTE)
        || (id != MP_DOMAIN_OBJ && id != MP_DOMAIN_MEM
            && id != MP_DOMAIN_RAW)) {
        fatal(p, nbytes, op, "underflow: the guard bytes before the block "
              "were overwritten");
    }
    if (id != (int)domain) {
        snprintf(msg, sizeof(msg), "API mismatch: allocated by %s, "
                 "released by %s", family_name(id), family_name(domain));
        fatal(p, nbytes, op, msg);
    }
    for (size_t i = 0; i < DEBUG_TAIL; i++) {
        if (p[nbytes + i] != FORBIDDENBYTE) {
            snprintf(msg, sizeof(msg), "overflow: the guard bytes after "
                     "the block were overwritten (at offset %zu)",
                     nbytes + i);
            fatal(p, nbytes, op, msg);
        }
    }
}

/* Lay out the guards around 'base' and return the user pointer. */
static void *
finish_block(enum mp_domain domain, uint8_t *base, size_t nbytes)
{
    memset(base, FORBIDDENBYTE, DEBUG_HEAD);
    memcpy(base + 8, &nbytes, sizeof(nbytes));
    base[ID_OFFSET] = (uint8_t)domain;
    memset(base + DEBUG_HEAD + nbytes, FORBIDDENBYTE, DEBUG_TAIL);
    return base + DEBUG_HEAD;
}

/* New block of 'nbytes' filled with CLEANBYTE, or NULL. */
void *
mp_debugmalloc_malloc(enum mp_domain domain, size_t nbytes)
{
    if (nbytes > SIZE_MAX - DEBUG_HEAD - DEBUG_TAIL) {
        return NULL;
    }
    uint8_t *base = mp_obmalloc_base_malloc(domain,
                                            DEBUG_HEAD + nbytes + DEBUG_TAIL);
    if (base == NULL) {
        return NULL;
    }
    memset(base + DEBUG_HEAD, CLEANBYTE, nbytes);
    return finish_block(domain, base, nbytes);
}

/* New zeroed block of 'nbytes', or NULL. */
void *
mp_debugmalloc_calloc(enum mp_domain domain, size_t nbytes)
{
    if (nbytes > SIZE_MAX - DEBUG_HEAD - DEBUG_TAIL) {
        return NULL;
    }
    uint8_t *base = mp_obmalloc_base_calloc(domain,
                                            DEBUG_HEAD + nbytes + DEBUG_TAIL);
    if (base == NULL) {
        return NULL;
    }
    return finish_block(domain, base, nbytes);
}

/* Check, poison with DEADBYTE and release 'p' (NULL is ignored). */
void
mp_debugmalloc_free(enum mp_domain domain, void *p)
{
    if (p == NULL) {
        return;
    }
    uint8_t *base = (uint8_t *)p - DEBUG_HEAD;
    check_block(domain, p, "free");
    memset(base + ID_OFFSET, DEADBYTE,
           DEBUG_HEAD - ID_OFFSET + read_size(base) + DEBUG_TAIL);
    mp_obmalloc_base_free(domain, base);
}

/* Always moves the block, so stale pointers to the old one show up as
 * DEADBYTE.  On failure returns NULL and 'p' is untouched. */
void *
mp_debugmalloc_realloc(enum mp_domain domain, void *p, size_t nbytes)
{
    if (p == NULL) {
        return mp_debugmalloc_malloc(domain, nbytes);
    }
    check_block(domain, p, "realloc");
    size_t old = read_size((uint8_t *)p - DEBUG_HEAD);
    void *q = mp_debugmalloc_malloc(domain, nbytes);
    if (q == NULL) {
        return NULL;
    }
    memcpy(q, p, old < nbytes ? old : nbytes);
    mp_debugmalloc_free(domain, p);
    return q;
}

const void *
mp_debugmalloc_base(const void *p)
{
    return (const uint8_t *)p - DEBUG_HEAD;
}

size_t
mp_debugmalloc_overhead(void)
{
    return DEBUG_HEAD + DEBUG_TAIL;
}

size_t
mp_debugmalloc_size(const void *p)
{
    return read_size((const uint8_t *)p - DEBUG_HEAD);
}
