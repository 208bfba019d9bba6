/*
 * fuzz_alloc.c -- libFuzzer target: the allocator (alloc/) driven by a
 * stream of operations, checked against a shadow model.
 *
 * The first byte chooses the mode (pymalloc or debug) and whether the
 * allocator records requests (memrequests.c) from the start; then each
 * operation is an opcode byte and its operands:
 *
 *   op % 8   operation                       operands
 *   0, 1     malloc into a free slot         family, size
 *   2        calloc into a free slot         family, size
 *   3, 4     realloc a slot                  slot, size
 *   5        free a slot                     slot
 *   6        cap memory at use + n KiB, or   n (0: remove the cap)
 *            remove the cap
 *   7        run the invariant checker       -
 *
 * The shadow model keeps, per slot, the pointer, family, requested size
 * and the byte every data byte was filled with.  Checked throughout:
 * every new block is aligned and overlaps no live block; contents survive
 * realloc up to the smaller size and calloc memory is zero; a request
 * fails only while a cap is set, and bytes_in_use then stays within it;
 * blocks_in_use is the baseline plus the live slots, and (pymalloc mode)
 * bytes_in_use is the baseline plus each block's size class or, for
 * system-malloc blocks, its requested size, and while requests are
 * recorded the pooled slots are the recorded blocks and their sizes the
 * bytes requested; mp_obmalloc_check finds no broken invariant.  At the
 * end every block is freed, the allocator is back at its baseline and
 * mp_obmalloc_fini gives every arena back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc/obmalloc.h"

#define NSLOTS 64

struct slot {
    uint8_t *p;             /* NULL: free slot */
    size_t size;
    int family;             /* 0 MpObject, 1 MpMem, 2 MpMem_Raw */
    uint8_t fill;
};

static struct {
    struct slot slots[NSLOTS];
    const uint8_t *data;
    size_t size, pos;
    size_t base_blocks, base_bytes;
    size_t limit;           /* 0: none */
    uint8_t next_fill;
    int pymalloc;           /* mode: the bytes check applies */
    int recording;          /* requests are recorded */
} fz;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static _Noreturn void
fail(const char *what, size_t n)
{
    fprintf(stderr, "fuzz_alloc: %s (%zu)\n", what, n);
    abort();
}

static uint8_t
next_byte(void)
{
    return fz.pos < fz.size ? fz.data[fz.pos++] : 0;
}

/* Mostly small requests around the 512-byte threshold, some large. */
static size_t
next_size(void)
{
    uint8_t b = next_byte();
    return b < 200 ? (size_t)b * 3 : (size_t)(b - 200) * 1200;
}

static void *
family_malloc(int family, size_t n)
{
    return family == 0 ? MpObject_Malloc(n)
           : family == 1 ? MpMem_Malloc(n) : MpMem_RawMalloc(n);
}

static void *
family_calloc(int family, size_t n)
{
    return family == 0 ? MpObject_Calloc(n, 1)
           : family == 1 ? MpMem_Calloc(1, n) : MpMem_RawCalloc(n, 1);
}

static void *
family_realloc(int family, void *p, size_t n)
{
    return family == 0 ? MpObject_Realloc(p, n)
           : family == 1 ? MpMem_Realloc(p, n) : MpMem_RawRealloc(p, n);
}

static void
family_free(int family, void *p)
{
    if (family == 0)
        MpObject_Free(p);
    else if (family == 1)
        MpMem_Free(p);
    else
        MpMem_RawFree(p);
}

/* 1 iff the n bytes at p all hold 'value' (each equals the next). */
static int
all_bytes(const uint8_t *p, size_t n, uint8_t value)
{
    return n == 0 || (p[0] == value && memcmp(p, p + 1, n - 1) == 0);
}

static void
check_contents(const struct slot *s, size_t n)
{
    if (!all_bytes(s->p, n, s->fill))
        fail("block contents changed", n);
}

/* A new block must be aligned and overlap no other live block. */
static void
check_new_block(const uint8_t *p, size_t size, int self)
{
    if ((uintptr_t)p % ALIGNMENT != 0)
        fail("misaligned block", (size_t)p);
    for (int i = 0; i < NSLOTS; i++) {
        const struct slot *s = &fz.slots[i];
        size_t a = size ? size : 1, b = s->size ? s->size : 1;
        if (i == self || s->p == NULL)
            continue;
        if (p < s->p + b && s->p < p + a)
            fail("blocks overlap", (size_t)i);
    }
}

/* A request failed: only allowed while a cap is set. */
static void
check_refusal(size_t n)
{
    if (fz.limit == 0)
        fail("a request failed with no cap set", n);
}

/* 1 iff the live slot 's' is a block of a pool. */
static int
pooled(const struct slot *s)
{
    return s->family != 2 && mp_obmalloc_address_in_range(s->p);
}

/* What bytes_in_use counts for a live block (pymalloc mode). */
static size_t
counted_bytes(const struct slot *s)
{
    if (pooled(s))
        return INDEX2SIZE(POOL_ADDR(s->p)->szidx);
    return mp_rawmem_size(s->p);
}

/* While recording (pymalloc mode): the pooled slots and their sizes are
 * exactly the recorded blocks and requests. */
static void
check_requests(const MpAllocStats *st)
{
    size_t blocks = 0, bytes = 0;

    for (int i = 0; i < NSLOTS; i++) {
        const struct slot *s = &fz.slots[i];
        if (s->p != NULL && pooled(s)) {
            blocks++;
            bytes += s->size;
        }
    }
    if (st->small_blocks_recorded != blocks)
        fail("small_blocks_recorded is off", st->small_blocks_recorded);
    if (st->small_bytes_requested != bytes)
        fail("small_bytes_requested is off", st->small_bytes_requested);
}

static void
check_stats(void)
{
    MpAllocStats st;
    size_t live = 0, bytes = 0;

    MpAlloc_GetStats(&st);
    for (int i = 0; i < NSLOTS; i++) {
        const struct slot *s = &fz.slots[i];
        if (s->p == NULL)
            continue;
        live++;
        if (fz.pymalloc) {
            size_t c = counted_bytes(s);
            if (c < s->size)
                fail("a block counts fewer bytes than requested", i);
            bytes += c;
        }
    }
    if (fz.pymalloc && fz.recording)
        check_requests(&st);
    if (st.blocks_in_use != fz.base_blocks + live)
        fail("blocks_in_use is off", st.blocks_in_use);
    if (fz.pymalloc && st.bytes_in_use != fz.base_bytes + bytes)
        fail("bytes_in_use is off", st.bytes_in_use);
    if (fz.limit != 0 && st.bytes_in_use > fz.limit)
        fail("bytes_in_use above the cap", st.bytes_in_use);
}

static void
fill(struct slot *s, size_t from)
{
    memset(s->p + from, s->fill, s->size - from);
}

static void
op_alloc(int zeroed)
{
    struct slot *s = &fz.slots[next_byte() % NSLOTS];
    int family = next_byte() % 3;
    size_t n = next_size();
    uint8_t *p;

    if (s->p != NULL)
        return;
    p = zeroed ? family_calloc(family, n) : family_malloc(family, n);
    if (p == NULL) {
        check_refusal(n);
        return;
    }
    check_new_block(p, n, (int)(s - fz.slots));
    if (zeroed && !all_bytes(p, n, 0))
        fail("calloc memory is not zero", n);
    s->p = p;
    s->size = n;
    s->family = family;
    s->fill = fz.next_fill++;
    fill(s, 0);
}

static void
op_realloc(void)
{
    struct slot *s = &fz.slots[next_byte() % NSLOTS];
    size_t n = next_size(), kept;
    uint8_t *p;

    if (s->p == NULL)
        return;
    p = family_realloc(s->family, s->p, n);
    if (p == NULL) {
        check_refusal(n);
        check_contents(s, s->size);
        return;
    }
    s->p = p;
    check_new_block(p, n, (int)(s - fz.slots));
    kept = n < s->size ? n : s->size;
    check_contents(s, kept);
    s->size = n;
    fill(s, kept);
}

static void
op_free(void)
{
    struct slot *s = &fz.slots[next_byte() % NSLOTS];
    if (s->p == NULL)
        return;
    check_contents(s, s->size);
    family_free(s->family, s->p);
    s->p = NULL;
}

static void
op_limit(void)
{
    uint8_t kib = next_byte();
    MpAllocStats st;

    MpAlloc_GetStats(&st);
    fz.limit = kib == 0 ? 0 : st.bytes_in_use + (size_t)kib * 1024;
    MpAlloc_SetLimit(fz.limit);
}

static void
check_allocator(void)
{
    int bad = mp_obmalloc_check();
    if (bad != 0)
        fail("mp_obmalloc_check found broken invariants", (size_t)bad);
}

static void
start(const uint8_t *data, size_t size)
{
    MpAllocStats st;
    uint8_t b;

    memset(&fz, 0, sizeof(fz));
    fz.data = data;
    fz.size = size;
    b = next_byte();
    fz.pymalloc = !(b & 1);
    fz.recording = (b & 2) != 0;
    if (mp_obmalloc_set_mode(fz.pymalloc ? MP_OBMALLOC_PYMALLOC
                                         : MP_OBMALLOC_DEBUG) < 0)
        fail("blocks were left from the previous input", 0);
    if (fz.recording)
        MpMem_ResetPeak();
    MpAlloc_GetStats(&st);
    fz.base_blocks = st.blocks_in_use;
    fz.base_bytes = st.bytes_in_use;
}

static void
finish(void)
{
    MpAllocStats st;

    MpAlloc_SetLimit(0);
    fz.limit = 0;
    for (int i = 0; i < NSLOTS; i++) {
        struct slot *s = &fz.slots[i];
        if (s->p != NULL) {
            check_contents(s, s->size);
            family_free(s->family, s->p);
            s->p = NULL;
        }
    }
    check_stats();
    check_allocator();
    MpAlloc_GetStats(&st);
    if (st.blocks_in_use != 0 || st.bytes_in_use != 0)
        fail("blocks left after freeing everything", st.blocks_in_use);
    if (mp_obmalloc_fini() != 0 || mp_alloc_requests.on)
        fail("mp_obmalloc_fini left arenas or recording", 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    start(data, size);
    while (fz.pos < fz.size) {
        switch (next_byte() % 8) {
        case 0: case 1:
            op_alloc(0);
            break;
        case 2:
            op_alloc(1);
            break;
        case 3: case 4:
            op_realloc();
            break;
        case 5:
            op_free();
            break;
        case 6:
            op_limit();
            break;
        default:
            check_allocator();
        }
        check_stats();
    }
    finish();
    return 0;
}
