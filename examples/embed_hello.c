/*
 * embed_hello.c -- the smallest tour of minipy's C API.
 *
 * Builds a few objects through the public API, prints their reprs with
 * MpObject_Print, shows how reference counts move when containers take
 * references, reports an error the CPython way, and finalizes cleanly.
 *
 *   make && build/examples/embed_hello
 */
#include <stdio.h>
#include <stdlib.h>

#include "minipy.h"

/* Print "label: repr   (refcount N)". */
static void
show(const char *label, MpObject *o)
{
    printf("%-8s ", label);
    if (MpObject_Print(o, stdout, 0) < 0) {
        MpErr_Print();
        return;
    }
    printf("   (refcount %ld)\n", (long)Mp_REFCNT(o));
}

/* Give up with the current exception printed. */
static int
fail(const char *what)
{
    fprintf(stderr, "embed_hello: %s failed\n", what);
    if (MpErr_Occurred() != NULL)
        MpErr_Print();
    Mp_Finalize();
    return 1;
}

static void
show_error(void)
{
    MpObject *type, *value, *tb, *text;

    MpErr_Fetch(&type, &value, &tb);
    text = value != NULL ? MpObject_Str(value) : NULL;
    printf("error:   %s: %s\n", ((MpTypeObject *)type)->tp_name,
           text != NULL ? MpUnicode_AsUTF8(text) : "?");
    Mp_XDECREF(text);
    Mp_XDECREF(type);
    Mp_XDECREF(value);
    Mp_XDECREF(tb);
}

int
main(void)
{
    MpObject *big, *pi, *word, *list, *pair, *dict, *answer, *bad;

    if (Mp_Initialize() != 0) {
        fprintf(stderr, "embed_hello: cannot initialize minipy\n");
        return 1;
    }
    printf("minipy %s\n", MINIPY_VERSION);

    big = MpLong_FromString("123456789012345678901234567890", NULL, 10);
    pi = MpFloat_FromDouble(3.14);
    word = MpUnicode_FromString("h\xc3\xa9llo");       /* "héllo" */
    if (big == NULL || pi == NULL || word == NULL)
        return fail("creating scalars");
    show("int", big);
    show("float", pi);
    show("str", word);
    printf("len(str) = %ld code points\n", (long)MpUnicode_GetLength(word));

    /* A list takes its own reference to each item. */
    list = MpList_New(0);
    if (list == NULL || MpList_Append(list, big) < 0
        || MpList_Append(list, pi) < 0 || MpList_Append(list, word) < 0)
        return fail("building the list");
    show("list", list);
    printf("after appending, the int's refcount is %ld\n",
           (long)Mp_REFCNT(big));

    pair = MpTuple_Pack(2, word, list);
    answer = MpLong_FromLong(42);
    dict = MpDict_New();
    if (pair == NULL || answer == NULL || dict == NULL
        || MpDict_SetItemString(dict, "answer", answer) < 0
        || MpDict_SetItemString(dict, "pair", pair) < 0)
        return fail("building the dict");
    show("tuple", pair);
    show("dict", dict);
    printf("sys.getsizeof: list %ld, tuple %ld, dict %ld\n",
           (long)MpObject_GetSizeOf(list), (long)MpObject_GetSizeOf(pair),
           (long)MpObject_GetSizeOf(dict));
    printf("tracked by the collector: list %d, dict %d\n",
           MpObject_GC_IsTracked(list), MpObject_GC_IsTracked(dict));

    /* Errors come back as NULL with an exception set. */
    bad = MpLong_FromString("12ab", NULL, 10);
    if (bad == NULL)
        show_error();
    else
        Mp_DECREF(bad);

    /* Dropping our references: the containers free what they hold. */
    Mp_DECREF(dict);
    Mp_DECREF(answer);
    Mp_DECREF(pair);
    Mp_DECREF(list);
    printf("after dropping the containers, the int's refcount is %ld\n",
           (long)Mp_REFCNT(big));
    Mp_DECREF(word);
    Mp_DECREF(pi);
    Mp_DECREF(big);

    Mp_Finalize();
    printf("finalized\n");
    return 0;
}
