/*
 * alloc/arenamap.c -- the arenas drawn as text (MpMem_DumpMap, mem.map())
 * and the count of pools by state (MpMem_GetPoolStates, mem.stats()).
 *
 * The seed picture is Arena -> Pool -> Block.  Here each mapped arena is
 * one row and each of its pools one character, in address order:
 *
 *   arena 0: 41 pools in use (17 full), 2 empty, 213 never used
 *     455a6-7r38c99...
 *     #++#+ +++##+#
 *
 * The upper line says what the pool holds: '.' never carved from the
 * arena, '-' carved but empty (no block in use), otherwise the symbol of
 * its size class (the legend maps each symbol to a block size).  The
 * lower line says how full it is: '#' every block in use, '+' some blocks
 * still free.  Rows wrap every 64 pools, and the never-used pools after
 * the last carved one are left out: an arena is carved from its start, so
 * they are all at the end.
 *
 * Everything comes from mp_obmalloc_walk_pools, which reads the pool
 * headers; the walk allocates nothing, so drawing the map does not change
 * it.  In malloc mode no arena exists and the map says so.
 */
#include "alloc/obmalloc.h"

#include <string.h>

#define POOLS_PER_LINE 64

/* One symbol per size class: 64 classes at most (8-byte classes). */
static const char class_symbols[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$%";

struct arena_row {
    char what[POOLS_PER_ARENA];     /* the upper line */
    char fill[POOLS_PER_ARENA];     /* the lower line */
    size_t carved_end;              /* 1 + index of the last carved pool */
    size_t counts[4];               /* pools per mp_pool_state */
};

struct map_walk {
    FILE *out;
    struct arena_row row;
    size_t arenas;
    int class_seen[NB_SMALL_SIZE_CLASSES];
};

static void
count_pool(const struct mp_pool_view *v, void *arg)
{
    MpMemPoolStates *st = arg;
    switch (v->state) {
    case MP_POOL_UNTOUCHED:
        st->untouched++;
        break;
    case MP_POOL_EMPTY:
        st->empty++;
        break;
    case MP_POOL_USED:
        st->used++;
        break;
    case MP_POOL_FULL:
        st->full++;
        break;
    }
}

void
MpMem_GetPoolStates(MpMemPoolStates *states)
{
    memset(states, 0, sizeof(*states));
    mp_obmalloc_walk_pools(count_pool, states);
}

static void
note_class(const struct mp_pool_view *v, void *arg)
{
    struct map_walk *w = arg;
    if (v->state == MP_POOL_USED || v->state == MP_POOL_FULL) {
        w->class_seen[v->szidx] = 1;
    }
    if (v->index == 0) {
        w->arenas++;
    }
}

static void
print_legend(struct map_walk *w)
{
    int n = 0;
    fputs("size classes:", w->out);
    for (size_t i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
        if (!w->class_seen[i]) {
            continue;
        }
        if (n++ % 10 == 0) {
            fputs("\n ", w->out);
        }
        fprintf(w->out, " %c=%zuB", class_symbols[i], INDEX2SIZE(i));
    }
    fputc('\n', w->out);
}

static void
print_row(FILE *out, unsigned int arena, const struct arena_row *r)
{
    fprintf(out, "arena %u: %zu pools in use (%zu full), %zu empty, "
            "%zu never used\n", arena,
            r->counts[MP_POOL_USED] + r->counts[MP_POOL_FULL],
            r->counts[MP_POOL_FULL], r->counts[MP_POOL_EMPTY],
            r->counts[MP_POOL_UNTOUCHED]);
    for (size_t start = 0; start < r->carved_end; start += POOLS_PER_LINE) {
        int n = (int)(r->carved_end - start < POOLS_PER_LINE
                      ? r->carved_end - start : POOLS_PER_LINE);
        fprintf(out, "  %.*s\n  %.*s\n", n, r->what + start, n,
                r->fill + start);
    }
}

static void
draw_pool(const struct mp_pool_view *v, void *arg)
{
    struct map_walk *w = arg;
    struct arena_row *r = &w->row;
    char what = '.', fill = ' ';
    if (v->index == 0) {
        memset(r, 0, sizeof(*r));
    }
    if (v->state == MP_POOL_EMPTY) {
        what = '-';
    }
    else if (v->state != MP_POOL_UNTOUCHED) {
        what = class_symbols[v->szidx];
        fill = v->state == MP_POOL_FULL ? '#' : '+';
    }
    if (v->state != MP_POOL_UNTOUCHED) {
        r->carved_end = v->index + 1;
    }
    r->what[v->index] = what;
    r->fill[v->index] = fill;
    r->counts[v->state]++;
    if (v->index == POOLS_PER_ARENA - 1) {
        print_row(w->out, v->arena, r);
    }
}

void
MpMem_DumpMap(FILE *out)
{
    struct map_walk w;
    memset(&w, 0, sizeof(w));
    w.out = out;
    mp_obmalloc_walk_pools(note_class, &w);
    fprintf(out, "%zu arena%s of %zu KiB, %zu pools of %zu KiB each\n",
            w.arenas, w.arenas == 1 ? "" : "s", ARENA_SIZE / 1024,
            (size_t)POOLS_PER_ARENA, POOL_SIZE / 1024);
    if (w.arenas == 0) {
        return;
    }
    fputs("pools: '.' never used, '-' empty, else the symbol of its size "
          "class;\n       below it '#' full, '+' with free blocks\n", out);
    print_legend(&w);
    mp_obmalloc_walk_pools(draw_pool, &w);
}
