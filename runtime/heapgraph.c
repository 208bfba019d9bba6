/*
 * heapgraph.c -- the stack/heap picture: the frames of the call stack and
 * the objects their names refer to, as a Graphviz DOT graph
 * (MpMem_WriteHeapGraph, mem.graph(), --heap-graph).
 *
 *   +- stack ---------+       +- heap ---------------------------+
 *   | f()      line 5 |       |  +-----------------------------+ |
 *   | x  -------------+-------+->| list                        | |
 *   | y  -------------+--.    |  | 3 items                     | |
 *   | <module> line 9 |   \   |  | refcount 2, size 88 B       | |
 *   | data  ...       |    \  |  | class 56, gen0              | |
 *   +-----------------+     \ |  +-----------------------------+ |
 *                            `+->  int (shared: small int) ...   |
 *                             +----------------------------------+
 *
 * Layout: rankdir=LR, the stack as one table (the innermost frame first,
 * one row per local name, each row a port the arrows leave from) in the
 * cluster "stack", the objects in the cluster "heap".  An object's box
 * gives its type, a short value, its reference count, sys.getsizeof, the
 * allocator's size class of its own block (or "system malloc") and its
 * collector generation (or "untracked").  Small ints, interned strs and
 * the singletons are marked shared and drawn grey; they are not followed.
 * An arrow back to an object still being walked closes a cycle and is
 * drawn red.
 *
 * The walk.  The roots are the running frames from the innermost out (a
 * module or class frame shows the names of its namespace except dunders,
 * modules, functions and classes; a function frame its local slots,
 * cells included); with no frame running (at exit) the roots are the
 * globals of __main__.  From each root a depth-first walk follows the
 * referents that tp_traverse reports -- nothing else, so any layout of an
 * object's fields is drawn right -- up to 'depth' objects from the name.
 * It follows only lists, tuples, dicts, cells and instances of classes;
 * every other object (functions, strs, ints, ...) is a leaf, and type
 * objects are never drawn as referents (every instance refers to its
 * class).  So that a picture stays readable (and quick to draw) at most
 * MAX_ARROWS arrows leave one object and at most MAX_NODES objects are
 * drawn; an object with arrows left out says so in its box.  A dict's str and int keys label the arrows to their values
 * instead of being drawn; other keys get arrows labelled "key".
 *
 * Exact reference counts.  The count shown must be what sys.getrefcount
 * minus one says in the program at the call, so the walk holds no
 * reference while it reads counts: phase 1 uses borrowed pointers only,
 * runs no Python code and records every count, label and edge; phase 2
 * then takes a reference to every node, asks each for sys.getsizeof
 * (which may run a __sizeof__ written in Python) and writes the nodes,
 * and releases the references at the end.  The node table and the
 * address -> node map use the system malloc (ptrmap.c), not minipy's
 * allocator, and edges are written to a memory stream, so drawing the
 * heap does not change it.
 *
 * Writing the picture to files (and rendering it) is graphfile.c.
 *
 * Read alongside: Python Tutor's pictures, objgraph's show_refs (which
 * draws the same thing from gc.get_referents in Python).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/internal/mp_core.h"
#include "alloc/obmalloc.h"
#include "gc/gc.h"
#include "objects/dictobject.h"
#include "objects/instancevalues.h"
#include "objects/listobject.h"
#include "objects/longobject.h"
#include "objects/object.h"
#include "objects/pystate.h"
#include "objects/tupleobject.h"
#include "objects/typeobject.h"
#include "objects/unicodeobject.h"
#include "runtime/frameobject.h"
#include "runtime/funcobject.h"
#include "runtime/moduleobject.h"
#include "runtime/ptrmap.h"
#include "runtime/pythonrun.h"

#define VALUE_CHARS 32          /* longest short value shown */
#define MAX_DEPTH 50
#define MAX_ARROWS 16           /* arrows drawn from one object */
#define MAX_NODES 150           /* objects in one picture */

/* One object of the picture, as phase 1 records it. */
typedef struct {
    MpObject *op;               /* borrowed in phase 1, owned in phase 2 */
    Mp_ssize_t refcnt;          /* read before anything could change it */
    char value[VALUE_CHARS * 6 + 8];   /* HTML-escaped short value */
    const char *shared;         /* "small int", ... or NULL */
    size_t block;               /* bytes of its block */
    int szclass;                /* its size class, -1: system malloc */
    int generation;             /* mp_gc_generation_of */
    int on_path;                /* being walked (for cycles) */
    int more;                   /* some of its referents not drawn */
} graph_node;

typedef struct {
    graph_node *nodes;          /* system memory */
    size_t nnodes, cap;
    mp_ptrmap index;            /* object -> 1 + index in nodes */
    FILE *edges;                /* the edge lines, in memory */
    char *edge_text;
    size_t edge_len;
    FILE *stack;                /* the stack table's rows, in memory */
    char *stack_text;
    size_t stack_len;
    int depth;
    int truncated;              /* MAX_NODES reached */
    int failed;                 /* out of memory: MemoryError at the end */
} heap_graph;

/* ---- Text helpers ---- */

/* 's' (n bytes of UTF-8) HTML-escaped into 'out', at most 'max' characters
 * of it, with "..." when cut. */
static void
escape_html(char *out, size_t outsize, const char *s, size_t n, size_t max)
{
    size_t chars = 0, j = 0;
    for (size_t i = 0; i < n && j + 8 < outsize; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        if ((c & 0xC0) != 0x80 && chars++ == max) {
            memcpy(out + j, "...", 3);
            j += 3;
            break;
        }
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default: break;
        }
        if (rep != NULL) {
            size_t len = strlen(rep);
            memcpy(out + j, rep, len);
            j += len;
        }
        else {
            out[j++] = (char)c;
        }
    }
    out[j] = '\0';
}

/* The repr of 'op' HTML-escaped into 'out'; only for exact builtin
 * scalars, whose repr runs no Python code.  An error leaves "?". */
static void
escaped_repr(char *out, size_t outsize, MpObject *op)
{
    MpObject *r = MpObject_Repr(op);
    Mp_ssize_t n;
    const char *s = r != NULL ? MpUnicode_AsUTF8AndSize(r, &n) : NULL;
    if (s == NULL) {
        MpErr_Clear();
        snprintf(out, outsize, "?");
    }
    else {
        escape_html(out, outsize, s, (size_t)n, VALUE_CHARS);
    }
    Mp_XDECREF(r);
}

/* The UTF-8 'name' escaped into 'out'; NULL (an error) leaves "?". */
static void
escaped_name(char *out, size_t outsize, const char *name)
{
    if (name == NULL) {
        MpErr_Clear();
        snprintf(out, outsize, "?");
    }
    else {
        escape_html(out, outsize, name, strlen(name), VALUE_CHARS);
    }
}

/* ---- What an object is ---- */

static int
is_small_int(MpObject *op)
{
    int overflow = 0;
    long v;
    if (!MpLong_CheckExact(op))
        return 0;
    v = MpLong_AsLongAndOverflow(op, &overflow);
    return overflow == 0 && v >= -MP_NSMALLNEGINTS && v < MP_NSMALLPOSINTS
           && (MpObject *)mp_long_small_ints[v + MP_NSMALLNEGINTS] == op;
}

static int
is_singleton(MpObject *op)
{
    return op == Mp_None || op == Mp_True || op == Mp_False
           || op == Mp_NotImplemented || op == Mp_Ellipsis;
}

/* Why 'op' is shared by the whole program, or NULL. */
static const char *
shared_kind(MpObject *op)
{
    if (is_singleton(op))
        return "singleton";
    if (is_small_int(op))
        return "small int";
    if (MpUnicode_CheckExact(op) && MpUnicode_CAST(op)->state.interned)
        return "interned";
    return NULL;
}

/* An instance of a class written in Python (not a type object). */
static int
is_instance(MpObject *op)
{
    return MpType_HasFeature(Mp_TYPE(op), MP_TPFLAGS_HEAPTYPE)
           && !MpType_Check(op);
}

/* Objects whose referents the walk follows. */
static int
is_followed(MpObject *op)
{
    return (MpList_CheckExact(op) || MpTuple_CheckExact(op)
            || MpDict_CheckExact(op) || MpCell_Check(op) || is_instance(op))
           && shared_kind(op) == NULL;
}

/* The short value shown under the type name (HTML, into node->value). */
static void
describe(graph_node *node)
{
    MpObject *op = node->op;
    char *out = node->value;
    size_t size = sizeof(node->value);
    if (MpLong_CheckExact(op) || MpFloat_CheckExact(op)
        || MpUnicode_CheckExact(op) || MpBool_Check(op) || op == Mp_None)
        escaped_repr(out, size, op);
    else if (MpList_CheckExact(op) || MpTuple_CheckExact(op))
        snprintf(out, size, "%zd item%s", (ssize_t)Mp_SIZE(op),
                 Mp_SIZE(op) == 1 ? "" : "s");
    else if (MpDict_CheckExact(op))
        snprintf(out, size, "%zd item%s", (ssize_t)MpDict_Size(op),
                 MpDict_Size(op) == 1 ? "" : "s");
    else if (MpType_Check(op))
        escaped_name(out, size, mp_type_short_name((MpTypeObject *)op));
    else if (MpFunction_Check(op))
        escaped_name(out, size, MpUnicode_AsUTF8(
                          ((MpFunctionObject *)op)->func_qualname));
    else
        out[0] = '\0';
}

/* Objects that are not in an allocator block: the singletons and the
 * types defined in C. */
static int
is_static(MpObject *op)
{
    if (is_singleton(op))
        return 1;
    return MpType_Check(op)
           && !MpType_HasFeature((MpTypeObject *)op, MP_TPFLAGS_HEAPTYPE);
}

/* ---- Phase 1: the walk ---- */

/* The node of 'op', added if new (*added says which); NULL when out of
 * memory. */
static graph_node *
node_for(heap_graph *g, MpObject *op, int *added)
{
    size_t i;
    graph_node *node;
    *added = 0;
    if (mp_ptrmap_get(&g->index, op, &i))
        return &g->nodes[i - 1];
    if (g->nnodes == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        graph_node *nodes = realloc(g->nodes, cap * sizeof(*nodes));
        if (nodes == NULL)
            return NULL;
        g->nodes = nodes;
        g->cap = cap;
    }
    if (mp_ptrmap_put(&g->index, op, g->nnodes + 1) < 0)
        return NULL;
    node = &g->nodes[g->nnodes++];
    memset(node, 0, sizeof(*node));
    node->op = op;
    node->refcnt = Mp_REFCNT(op);
    node->shared = shared_kind(op);
    node->generation = mp_gc_generation_of(op);
    node->szclass = -1;
    if (!is_static(op))
        node->block = mp_obmalloc_block_size(mp_gc_block_of(op),
                                             &node->szclass);
    describe(node);
    *added = 1;
    return node;
}

static size_t
node_number(heap_graph *g, graph_node *node)
{
    return (size_t)(node - g->nodes) + 1;
}

/* Referents, deduplicated, in the order tp_traverse gives them. */
/* Every referent tp_traverse reports, duplicates included. */
typedef struct {
    MpObject **items;
    size_t n, cap;
    int failed;
} referents;

static int
collect_referent(MpObject *op, void *arg)
{
    referents *r = arg;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        MpObject **items = realloc(r->items, cap * sizeof(*items));
        if (items == NULL) {
            r->failed = 1;
            return 0;
        }
        r->items = items;
        r->cap = cap;
    }
    r->items[r->n++] = op;
    return 0;
}

/* The name under which the instance 'inst' holds 'value' as an attribute,
 * or NULL.  The only place that knows where attribute values live. */
static MpObject *
attribute_name(MpObject *inst, MpObject *value)
{
    MpObject **dictptr = mp_object_dictptr(inst);
    MpObject *key, *v;
    Mp_ssize_t pos = 0;
    if (dictptr == NULL)
        return NULL;
    if (mp_object_has_inline_values(inst, dictptr)) {
        while (mp_instance_values_next(inst, &pos, &key, &v)) {
            if (v == value)
                return key;
        }
        return NULL;
    }
    if (*dictptr == NULL)
        return NULL;
    while (MpDict_Next(*dictptr, &pos, &key, &v)) {
        if (v == value && MpUnicode_Check(key))
            return key;
    }
    return NULL;
}

/* Keys drawn as labels rather than as nodes. */
static int
is_label_key(MpObject *key)
{
    return MpUnicode_CheckExact(key) || MpLong_CheckExact(key);
}

/* "[k]" for each key of dict 'd' whose value is 'value' (a key that is
 * not a label key shows as its type's name), or "key" when 'value' is
 * only a key of 'd'. */
static void
dict_label(char *out, size_t size, MpObject *d, MpObject *value)
{
    MpObject *key, *v;
    Mp_ssize_t pos = 0;
    size_t len = 0;
    int is_key = 0;
    out[0] = '\0';
    while (MpDict_Next(d, &pos, &key, &v)) {
        char k[VALUE_CHARS * 6 + 8];
        is_key |= key == value;
        if (v != value || len + sizeof(k) + 4 > size)
            continue;
        if (is_label_key(key))
            escaped_repr(k, sizeof(k), key);
        else
            snprintf(k, sizeof(k), "%s",
                     mp_type_short_name(Mp_TYPE(key)));
        len += (size_t)snprintf(out + len, size - len, "%s[%s]",
                                len ? " " : "", k);
    }
    if (len == 0 && is_key)
        snprintf(out, size, "key");
}

/* Append "[i]" for each index of the list or tuple 'seq' holding 'item'. */
static void
sequence_label(char *out, size_t size, MpObject *seq, MpObject *item)
{
    MpObject **items = MpList_CheckExact(seq) ? MpList_CAST(seq)->ob_item
                                              : MpTuple_CAST(seq)->ob_item;
    size_t len = 0;
    out[0] = '\0';
    for (Mp_ssize_t i = 0; i < Mp_SIZE(seq) && len + 24 < size; i++) {
        if (items[i] == item)
            len += (size_t)snprintf(out + len, size - len, "%s[%zd]",
                                    len ? " " : "", (ssize_t)i);
    }
}

/* The label of the arrow from 'from' to its referent 'to' ("" if none). */
static void
edge_label(char *out, size_t size, MpObject *from, MpObject *to)
{
    out[0] = '\0';
    if (MpList_CheckExact(from) || MpTuple_CheckExact(from)) {
        sequence_label(out, size, from, to);
    }
    else if (MpDict_CheckExact(from)) {
        dict_label(out, size, from, to);
    }
    else if (MpCell_Check(from)) {
        snprintf(out, size, "cell_contents");
    }
    else if (is_instance(from)) {
        MpObject **dictptr = mp_object_dictptr(from);
        MpObject *name = attribute_name(from, to);
        if (name != NULL)
            escape_html(out, size, MpUnicode_AsUTF8(name),
                        strlen(MpUnicode_AsUTF8(name)), VALUE_CHARS);
        else if (dictptr != NULL && *dictptr == to)
            snprintf(out, size, "__dict__");
    }
}

/* Whether the arrow from 'from' to its referent 'to' is drawn. */
static int
edge_drawn(MpObject *from, MpObject *to)
{
    if (MpType_Check(to))
        return 0;
    if (MpDict_CheckExact(from) && is_label_key(to)) {
        /* drawn only when it is also a value */
        MpObject *key, *v;
        Mp_ssize_t pos = 0;
        while (MpDict_Next(from, &pos, &key, &v)) {
            if (v == to)
                return 1;
        }
        return 0;
    }
    return 1;
}

static void walk(heap_graph *g, MpObject *op, int depth_left,
                 const char *from_port, size_t from_node, const char *label);

/* The arrows to draw from 'from': at most MAX_ARROWS distinct referents
 * of 'all' that edge_drawn accepts, in the order of tp_traverse.  *more
 * says whether another one was left out. */
static size_t
choose_arrows(MpObject *from, const referents *all, MpObject **chosen,
              int *more)
{
    size_t n = 0;
    *more = 0;
    for (size_t i = 0; i < all->n; i++) {
        MpObject *to = all->items[i];
        size_t j = 0;
        while (j < n && chosen[j] != to)
            j++;
        if (j < n || !edge_drawn(from, to))
            continue;
        if (n == MAX_ARROWS) {
            *more = 1;
            break;
        }
        chosen[n++] = to;
    }
    return n;
}

/* The referents of the list or tuple 'seq' put in the order of their
 * first index, whatever order tp_traverse reported them in, so that the
 * arrows drawn are those of the first items.  Each distinct referent is
 * kept once.  0, or -1 out of memory. */
static int
order_by_index(MpObject *seq, referents *r)
{
    MpObject **items = MpList_CheckExact(seq) ? MpList_CAST(seq)->ob_item
                                              : MpTuple_CAST(seq)->ob_item;
    mp_ptrmap reported = MP_PTRMAP_INIT;
    size_t n = 0, unused;
    for (size_t i = 0; i < r->n; i++) {
        if (mp_ptrmap_put(&reported, r->items[i], 1) < 0) {
            mp_ptrmap_clear(&reported);
            return -1;
        }
    }
    for (Mp_ssize_t i = 0; i < Mp_SIZE(seq) && n < r->n; i++) {
        if (mp_ptrmap_take(&reported, items[i], &unused))
            r->items[n++] = items[i];
    }
    r->n = n;
    mp_ptrmap_clear(&reported);
    return 0;
}

/* Walk the referents of 'node' (already on the path). */
static void
walk_referents(heap_graph *g, graph_node *node, int depth_left)
{
    referents r = {NULL, 0, 0, 0};
    MpObject *chosen[MAX_ARROWS];
    MpObject *op = node->op;
    traverseproc traverse = Mp_TYPE(op)->tp_traverse;
    size_t number = node_number(g, node), n;
    int more;
    if (traverse != NULL)
        (void)traverse(op, collect_referent, &r);
    if ((MpList_CheckExact(op) || MpTuple_CheckExact(op))
        && order_by_index(op, &r) < 0)
        r.failed = 1;
    g->failed |= r.failed;
    n = choose_arrows(op, &r, chosen, &more);
    free(r.items);
    node->more = more;
    for (size_t i = 0; i < n; i++) {
        char label[1024];
        edge_label(label, sizeof(label), op, chosen[i]);
        walk(g, chosen[i], depth_left, NULL, number, label);
    }
}

/* Draw the arrow to 'op' from a stack port or from node 'from_node', and
 * walk 'op' if it is new and 'depth_left' allows. */
static void
walk(heap_graph *g, MpObject *op, int depth_left, const char *from_port,
     size_t from_node, const char *label)
{
    int added;
    graph_node *node;
    size_t number;
    if (g->nnodes >= MAX_NODES && !mp_ptrmap_get(&g->index, op, &number)) {
        g->truncated = 1;
        if (from_port == NULL)
            g->nodes[from_node - 1].more = 1;
        return;
    }
    node = node_for(g, op, &added);
    if (node == NULL) {
        g->failed = 1;
        return;
    }
    number = node_number(g, node);
    if (from_port != NULL)
        fprintf(g->edges, "  stack:%s:e -> o%zu;\n", from_port, number);
    else if (node->on_path)
        fprintf(g->edges, "  o%zu -> o%zu [label=<%s (cycle)>, color=red, "
                "fontcolor=red];\n", from_node, number, label);
    else
        fprintf(g->edges, "  o%zu -> o%zu [label=<%s>];\n", from_node,
                number, label);
    if (!added || depth_left <= 1 || !is_followed(op))
        return;
    node->on_path = 1;
    walk_referents(g, node, depth_left - 1);
    node = &g->nodes[number - 1];       /* the table may have moved */
    node->on_path = 0;
}

/* ---- The roots: frames and their names ---- */

/* Names that a module or class frame does not show. */
static int
is_hidden_global(MpObject *name, MpObject *value)
{
    const char *s = MpUnicode_AsUTF8(name);
    if (s == NULL || (s[0] == '_' && s[1] == '_')) {
        MpErr_Clear();
        return 1;
    }
    return MpModule_Check(value) || MpFunction_Check(value)
           || MpCFunction_Check(value) || MpType_Check(value);
}

/* One name of frame 'frame': a row of the stack table and its arrow. */
static void
add_name(heap_graph *g, int frame, int slot, MpObject *name,
         MpObject *value)
{
    char port[32], text[VALUE_CHARS * 6 + 8];
    const char *s = MpUnicode_AsUTF8(name);
    if (s == NULL) {
        MpErr_Clear();
        return;
    }
    snprintf(port, sizeof(port), "f%d_%d", frame, slot);
    escape_html(text, sizeof(text), s, strlen(s), VALUE_CHARS);
    fprintf(g->stack, "<tr><td port=\"%s\" align=\"left\">%s</td></tr>\n",
            port, text);
    walk(g, value, g->depth, port, 0, "");
}

/* The header row of a frame: "f()  line 5". */
static void
add_frame_title(heap_graph *g, const char *title, int line)
{
    char text[VALUE_CHARS * 6 + 8];
    escape_html(text, sizeof(text), title, strlen(title), VALUE_CHARS);
    if (line > 0)
        fprintf(g->stack, "<tr><td bgcolor=\"#fce5cd\"><b>%s</b>  line %d"
                "</td></tr>\n", text, line);
    else
        fprintf(g->stack, "<tr><td bgcolor=\"#fce5cd\"><b>%s</b></td>"
                "</tr>\n", text);
}

/* The names of a namespace dict (a module's or a class's). */
static void
add_namespace(heap_graph *g, int frame, MpObject *dict)
{
    MpObject *key, *value;
    Mp_ssize_t pos = 0;
    int slot = 0;
    while (MpDict_Next(dict, &pos, &key, &value)) {
        if (MpUnicode_Check(key) && !is_hidden_global(key, value))
            add_name(g, frame, slot, key, value);
        slot++;
    }
}

static void
add_frame(heap_graph *g, int frame, MpFrameObject *f)
{
    MpCodeObject *co = f->f_code;
    char title[128];
    const char *name = MpUnicode_AsUTF8(co->co_qualname);
    snprintf(title, sizeof(title), "%s%s", name != NULL ? name : "?",
             name != NULL && name[0] == '<' ? "" : "()");
    add_frame_title(g, title, mp_frame_lineno(f));
    if (f->f_locals != NULL) {
        add_namespace(g, frame, f->f_locals);
        return;
    }
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        MpObject *value = f->f_localsplus[i];
        if (value != NULL)
            add_name(g, frame, i,
                     MpTuple_GET_ITEM(co->co_localsplusnames, i), value);
    }
}

/* Every running frame, innermost first; __main__'s globals when none. */
static void
add_roots(heap_graph *g)
{
    MpFrameObject *f = mp_tstate_get()->frame;
    int frame = 0;
    if (f == NULL) {
        MpObject *globals = mp_run_main_dict();
        if (globals == NULL) {
            MpErr_Clear();
            return;
        }
        add_frame_title(g, "<module>", 0);
        add_namespace(g, 0, globals);
        return;
    }
    for (; f != NULL; f = f->f_back)
        add_frame(g, frame++, f);
}

/* ---- Phase 2: the nodes, with reference held ---- */

static void
write_node(FILE *out, heap_graph *g, size_t i)
{
    graph_node *node = &g->nodes[i];
    MpObject *op = node->op;
    Mp_ssize_t size = MpObject_GetSizeOf(op);
    static const char *const generations[] = {"gen0", "gen1", "gen2",
                                              "permanent"};
    fprintf(out, "    o%zu [label=<<table border=\"0\" cellborder=\"1\" "
            "cellspacing=\"0\" cellpadding=\"4\">\n      <tr><td bgcolor=\"%s"
            "\"><b>%s</b>", i + 1, node->shared ? "#eeeeee" : "#cfe2f3",
            mp_type_short_name(Mp_TYPE(op)));
    if (node->shared != NULL)
        fprintf(out, " (shared: %s)", node->shared);
    fputs("</td></tr>\n", out);
    if (node->value[0] != '\0')
        fprintf(out, "      <tr><td>%s</td></tr>\n", node->value);
    if (node->more)
        fputs("      <tr><td><i>more references not drawn</i></td></tr>\n",
              out);
    fprintf(out, "      <tr><td><font point-size=\"10\">refcount %zd",
            (ssize_t)node->refcnt);
    if (size >= 0)
        fprintf(out, ", size %zd B", (ssize_t)size);
    else
        MpErr_Clear();
    fputs("<br/>", out);
    if (node->szclass >= 0)
        fprintf(out, "class %zu, ", node->block);
    else if (is_static(op))
        fputs("static, ", out);
    else
        fputs("system malloc, ", out);
    fprintf(out, "%s</font></td></tr>\n    </table>>];\n",
            node->generation >= 0 ? generations[node->generation]
                                  : "untracked");
}

static void
write_graph(FILE *out, heap_graph *g)
{
    fputs("digraph heap {\n  rankdir=LR;\n  node [shape=plaintext, "
          "fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", "
          "fontsize=10];\n  subgraph cluster_stack {\n    label=\"stack\";\n"
          "    stack [label=<<table border=\"0\" cellborder=\"1\" "
          "cellspacing=\"0\" cellpadding=\"4\">\n", out);
    fwrite(g->stack_text, 1, g->stack_len, out);
    fputs("</table>>];\n  }\n  subgraph cluster_heap {\n", out);
    if (g->truncated)
        fprintf(out, "    label=\"heap (the first %d objects)\";\n",
                MAX_NODES);
    else
        fputs("    label=\"heap\";\n", out);
    for (size_t i = 0; i < g->nnodes; i++)
        Mp_INCREF(g->nodes[i].op);
    for (size_t i = 0; i < g->nnodes; i++)
        write_node(out, g, i);
    fputs("  }\n", out);
    fwrite(g->edge_text, 1, g->edge_len, out);
    fputs("}\n", out);
    for (size_t i = 0; i < g->nnodes; i++)
        Mp_DECREF(g->nodes[i].op);
}

int
MpMem_WriteHeapGraph(FILE *out, int depth)
{
    heap_graph g;
    int status = 0;
    memset(&g, 0, sizeof(g));
    g.depth = depth < 1 ? 1 : depth > MAX_DEPTH ? MAX_DEPTH : depth;
    g.edges = open_memstream(&g.edge_text, &g.edge_len);
    g.stack = open_memstream(&g.stack_text, &g.stack_len);
    if (g.edges != NULL && g.stack != NULL)
        add_roots(&g);
    else
        g.failed = 1;
    if (g.edges != NULL)
        fclose(g.edges);
    if (g.stack != NULL)
        fclose(g.stack);
    if (g.failed) {
        MpErr_NoMemory();
        status = -1;
    }
    else {
        write_graph(out, &g);
    }
    free(g.edge_text);
    free(g.stack_text);
    free(g.nodes);
    mp_ptrmap_clear(&g.index);
    return status;
}
