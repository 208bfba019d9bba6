/*
 * pyhash.c -- SipHash-1-3 over bytes, keyed per process.
 *
 * str hashes are SipHash-1-3 (2 compression rounds fewer than the classic
 * SipHash-2-4: one per 8-byte word, three at the end), the algorithm
 * CPython 3.11 uses.  The 128-bit key comes from MINIPYHASHSEED:
 *
 *   MINIPYHASHSEED      key                                  randomized
 *   ------------------  -----------------------------------  ----------
 *   unset, "random"     16 bytes from getrandom/urandom      yes
 *   "0"                 all zero                             no
 *   N (1..4294967295)   24 bytes of a 32-bit LCG seeded      no
 *                       with N; k0, k1 = first 16 (LE)
 *   anything else       error: Mp_Initialize fails
 *
 * The LCG is the one CPython uses for PYTHONHASHSEED (x = x * 214013 +
 * 2531011 mod 2**32, byte = bits 16..23 of x), so MINIPYHASHSEED=N gives
 * the very hash values python3 gives under PYTHONHASHSEED=N; the tests
 * check both seeds 0 and nonzero against python3.
 *
 * The message block:
 *
 *   | word 0 | word 1 | ... | tail bytes + (length mod 256) << 56 |
 *
 * Words are read little-endian, whatever the host order, so hash values
 * are the same on every machine for a given key.
 *
 * Invariants: hash of the empty input is 0; -1 is never returned (it is
 * the error value of tp_hash), it becomes -2.
 *
 * Read alongside CPython 3.11: Python/pyhash.c (siphash13, _Py_HashBytes),
 * Python/bootstrap_hash.c (lcg_urandom, _Py_HashRandomization_Init).
 * Left out: the small-string DJBX33A cutoff (CPython's cutoff is 0 too)
 * and the alternative FNV algorithm.
 */
#include "include/internal/mp_core.h"
#include "objects/pyhash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/random.h>
#include <unistd.h>

static struct {
    uint64_t k0;
    uint64_t k1;
    int randomized;
} state;

#define ROTL64(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

static inline void
sip_round(mp_siphash_state *st)
{
    st->v0 += st->v1;
    st->v1 = ROTL64(st->v1, 13);
    st->v1 ^= st->v0;
    st->v0 = ROTL64(st->v0, 32);
    st->v2 += st->v3;
    st->v3 = ROTL64(st->v3, 16);
    st->v3 ^= st->v2;
    st->v0 += st->v3;
    st->v3 = ROTL64(st->v3, 21);
    st->v3 ^= st->v0;
    st->v2 += st->v1;
    st->v1 = ROTL64(st->v1, 17);
    st->v1 ^= st->v2;
    st->v2 = ROTL64(st->v2, 32);
}

static inline void
sip_compress(mp_siphash_state *st, uint64_t m)
{
    st->v3 ^= m;
    sip_round(st);
    st->v0 ^= m;
}

static inline uint64_t
load_le64(const unsigned char *p)
{
    uint64_t m = 0;
    int i;
    for (i = 7; i >= 0; i--)
        m = (m << 8) | p[i];
    return m;
}

/* Start a hash under the process key. */
void
mp_siphash_begin(mp_siphash_state *st)
{
    st->v0 = state.k0 ^ 0x736f6d6570736575ULL;
    st->v1 = state.k1 ^ 0x646f72616e646f6dULL;
    st->v2 = state.k0 ^ 0x6c7967656e657261ULL;
    st->v3 = state.k1 ^ 0x7465646279746573ULL;
    st->tail = 0;
    st->ntail = 0;
    st->total = 0;
}

/* Feed n more bytes; any split of the input gives the same result. */
void
mp_siphash_feed(mp_siphash_state *st, const void *p, size_t n)
{
    const unsigned char *in = p;

    st->total += n;
    /* Complete a pending partial word first. */
    while (n > 0 && st->ntail > 0) {
        st->tail |= (uint64_t)*in++ << (8 * st->ntail);
        n--;
        if (++st->ntail == 8) {
            sip_compress(st, st->tail);
            st->tail = 0;
            st->ntail = 0;
        }
    }
    while (n >= 8) {
        sip_compress(st, load_le64(in));
        in += 8;
        n -= 8;
    }
    while (n > 0) {
        st->tail |= (uint64_t)*in++ << (8 * st->ntail++);
        n--;
    }
}

/* Finish: the length byte goes into the top of the last block. */
Mp_hash_t
mp_siphash_end(mp_siphash_state *st)
{
    uint64_t b = (st->total << 56) | st->tail;
    uint64_t t;
    Mp_hash_t h;

    if (st->total == 0)
        return 0;
    sip_compress(st, b);
    st->v2 ^= 0xff;
    sip_round(st);
    sip_round(st);
    sip_round(st);
    t = st->v0 ^ st->v1 ^ st->v2 ^ st->v3;
    h = (Mp_hash_t)t;
    return h == -1 ? -2 : h;
}

/* SipHash-1-3 of p[0..n-1]: 0 when n == 0, never -1. */
Mp_hash_t
mp_hash_bytes(const void *p, Mp_ssize_t n)
{
    mp_siphash_state st;

    if (n <= 0)
        return 0;
    mp_siphash_begin(&st);
    mp_siphash_feed(&st, p, (size_t)n);
    return mp_siphash_end(&st);
}

/* Fill buf with 'size' bytes of the LCG seeded with x (CPython's
 * PYTHONHASHSEED expansion). */
static void
lcg_fill(uint32_t x, unsigned char *buf, size_t size)
{
    size_t i;
    for (i = 0; i < size; i++) {
        x = x * 214013u + 2531011u;
        buf[i] = (unsigned char)((x >> 16) & 0xff);
    }
}

/* Fill buf from the kernel's random source: 0 or -1. */
static int
os_random(unsigned char *buf, size_t size)
{
    size_t got = 0;
    int fd;

    while (got < size) {
        ssize_t n = getrandom(buf + got, size - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)n;
    }
    if (got == size)
        return 0;
    fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        got += (size_t)n;
    }
    close(fd);
    return 0;
}

/* Parse a seed "0".."4294967295" (decimal digits only): 0 or -1. */
static int
parse_seed(const char *s, uint32_t *seed)
{
    uint64_t v = 0;

    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > 4294967295u)
            return -1;
    }
    *seed = (uint32_t)v;
    return 0;
}

/* Choose the process key from MINIPYHASHSEED.  0, or -1 after printing
 * why on stderr. */
int
mp_hash_init(void)
{
    const char *env = getenv("MINIPYHASHSEED");
    unsigned char key[24];
    uint32_t seed;

    memset(&state, 0, sizeof(state));
    memset(key, 0, sizeof(key));
    if (env == NULL || *env == '\0' || strcmp(env, "random") == 0) {
        if (os_random(key, 16) < 0) {
            fprintf(stderr, "minipy: cannot read random bytes for the "
                    "hash key\n");
            return -1;
        }
        state.randomized = 1;
    }
    else if (parse_seed(env, &seed) == 0) {
        /* Seed 0 keeps the all-zero key: randomization off. */
        if (seed != 0)
            lcg_fill(seed, key, sizeof(key));
    }
    else {
        fprintf(stderr, "minipy: MINIPYHASHSEED must be \"random\" or an "
                "integer in range [0; 4294967295]\n");
        return -1;
    }
    state.k0 = load_le64(key);
    state.k1 = load_le64(key + 8);
    return 0;
}

/* 1 when the key was chosen at random. */
int
mp_hash_randomized(void)
{
    return state.randomized;
}
