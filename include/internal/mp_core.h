/*
 * mp_core.h -- the one small header every library source shares.
 *
 * Branch hints, assertions, array length and the hash constants that int,
 * float and str must agree on (so that hash(1) == hash(1.0) == hash(True)).
 * Everything else internal sits in the header beside its .c file.
 */
#ifndef MP_CORE_H
#define MP_CORE_H

#ifndef MP_BUILD_CORE
#  error "internal header: only for building minipy itself"
#endif

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "minipy.h"

#define MP_LIKELY(x) __builtin_expect(!!(x), 1)
#define MP_UNLIKELY(x) __builtin_expect(!!(x), 0)
/* For the rare half of a hot function, so the hot half stays small. */
#define MP_NOINLINE __attribute__((noinline))
#define MP_ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))
#define MP_UNUSED(x) ((void)(x))
#define MP_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MP_MAX(a, b) ((a) > (b) ? (a) : (b))

#ifdef MP_DEBUG
#  define MP_ASSERT(x) assert(x)
#else
#  define MP_ASSERT(x) ((void)0)
#endif

/* Numeric hashes reduce modulo the Mersenne prime 2**61 - 1 (CPython's
 * sys.hash_info on 64-bit). */
#define MP_HASH_BITS 61
#define MP_HASH_MODULUS (((uint64_t)1 << MP_HASH_BITS) - 1)
#define MP_HASH_INF 314159
#define MP_HASH_IMAG 1000003

#endif /* MP_CORE_H */
