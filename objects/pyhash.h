/*
 * pyhash.h -- the keyed string hash (SipHash-1-3) and its per-process key.
 *
 * mp_hash_init reads MINIPYHASHSEED once per Mp_Initialize; every str hash
 * after that is SipHash-1-3 under the 128-bit key it chose.
 */
#ifndef MP_PYHASH_H
#define MP_PYHASH_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include "include/internal/mp_core.h"

/* Choose the key from MINIPYHASHSEED: unset or "random" -> random key;
 * "0" -> all-zero key (randomization off); N in 0..4294967295 -> the key
 * CPython derives from PYTHONHASHSEED=N.  Anything else: message on stderr
 * and -1 (Mp_Initialize then fails).  0 on success. */
int mp_hash_init(void);

/* 1 when the key is random (sys.flags.hash_randomization), else 0. */
int mp_hash_randomized(void);

/* SipHash-1-3 of n bytes under the process key: 0 for n == 0, and never -1
 * (a -1 result becomes -2), as CPython's _Py_HashBytes. */
Mp_hash_t mp_hash_bytes(const void *p, Mp_ssize_t n);

/* Incremental form: feed bytes in pieces, get the same value as one
 * mp_hash_bytes call over their concatenation.  Used by str to hash
 * non-ASCII text as CPython's 1/2/4-byte code units without a buffer. */
typedef struct {
    uint64_t v0, v1, v2, v3;
    uint64_t tail;       /* bytes not yet forming a full 8-byte word */
    unsigned ntail;      /* how many (0..7) */
    uint64_t total;      /* bytes fed so far */
} mp_siphash_state;

void mp_siphash_begin(mp_siphash_state *st);
void mp_siphash_feed(mp_siphash_state *st, const void *p, size_t n);
/* The final value with CPython's 0 / -1 conventions applied. */
Mp_hash_t mp_siphash_end(mp_siphash_state *st);

#endif /* MP_PYHASH_H */
