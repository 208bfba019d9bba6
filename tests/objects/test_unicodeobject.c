/*
 * test_unicodeobject.c -- str: layout, UTF-8, indexing, methods, hashing,
 * interning, formatting, and behaviour under allocation failure.
 *
 * Most expected values come from python3 through gen_unicode_cases.py
 * (unicode_cases.h): a case names a receiver, an operation and argument
 * tokens, and the repr of the result or the exception python3 raised.
 */
#include "support/harness.h"
#include <stdlib.h>
#include <string.h>

#include "include/internal/mp_core.h"
#include "objects/unicodeobject.h"
#include "unicode_cases.h"

/* ---- Building arguments from tokens ---- */

static MpObject *build_value(const char *const *toks, int *i);

static MpObject *
build_container(const char *const *toks, int *i, char kind, long n)
{
    MpObject *c = kind == 'T' ? MpTuple_New(n) : kind == 'L' ? MpList_New(n)
                  : MpDict_New();
    long k;

    assert_non_null(c);
    for (k = 0; k < n; k++) {
        MpObject *v = build_value(toks, i);
        if (kind == 'T')
            MpTuple_SetItem(c, k, v);
        else if (kind == 'L')
            MpList_SetItem(c, k, v);
        else {
            MpObject *val = build_value(toks, i);
            assert_int_equal(MpDict_SetItem(c, v, val), 0);
            Mp_DECREF(v);
            Mp_DECREF(val);
        }
    }
    return c;
}

static MpObject *
slice_part(const char *p, const char **end)
{
    char *e;
    long v;
    if (*p == ',' || *p == '\0') {
        *end = p;
        return NULL;
    }
    v = strtol(p, &e, 10);
    *end = e;
    return MpLong_FromLong(v);
}

static MpObject *
build_value(const char *const *toks, int *i)
{
    const char *t = toks[(*i)++];
    MpObject *v = NULL;

    switch (t[0]) {
    case 's': v = MpUnicode_FromString(t + 2); break;
    case 'i': v = MpLong_FromString(t + 2, NULL, 10); break;
    case 'f': v = MpFloat_FromDouble(strtod(t + 2, NULL)); break;
    case 'n': v = Mp_NewRef(Mp_None); break;
    case 'b': v = MpBool_FromLong(t[2] == '1'); break;
    case 'T': case 'L': case 'D':
        return build_container(toks, i, t[0], strtol(t + 1, NULL, 10));
    case 'S': {
        const char *p = t + 2;
        MpObject *a = slice_part(p, &p), *b, *c;
        b = slice_part(p + 1, &p);
        c = slice_part(p + 1, &p);
        v = MpSlice_New(a, b, c);
        Mp_XDECREF(a);
        Mp_XDECREF(b);
        Mp_XDECREF(c);
        break;
    }
    }
    assert_non_null(v);
    return v;
}

static MpMethodDef *
find_method(const char *name)
{
    MpMethodDef *m;
    for (m = mp_unicode_methods; m->ml_name != NULL; m++)
        if (strcmp(m->ml_name, name) == 0)
            return m;
    return NULL;
}

/* Call str method 'name' directly through the method table. */
static MpObject *
call_method(MpObject *self, const char *name, MpObject **args,
            Mp_ssize_t nargs, MpObject *kwnames)
{
    MpMethodDef *m = find_method(name);
    Mp_ssize_t npos = nargs - (kwnames ? MpTuple_Size(kwnames) : 0);

    assert_non_null(m);
    if (m->ml_flags & MP_METH_KEYWORDS)
        return ((MpCFunctionFastWithKeywords)(void (*)(void))m->ml_meth)(
            self, args, npos, kwnames);
    if (kwnames != NULL) {
        MpErr_SetString(MpExc_TypeError, "takes no keyword arguments");
        return NULL;
    }
    if (m->ml_flags & MP_METH_FASTCALL)
        return ((MpCFunctionFast)(void (*)(void))m->ml_meth)(self, args,
                                                             nargs);
    if (m->ml_flags & MP_METH_NOARGS) {
        if (nargs != 0) {
            MpErr_Format(MpExc_TypeError, "str.%s() takes no arguments "
                         "(%zd given)", name, nargs);
            return NULL;
        }
        return m->ml_meth(self, NULL);
    }
    if (nargs != 1) {
        MpErr_Format(MpExc_TypeError, "%s() takes exactly one argument "
                     "(%zd given)", name, nargs);
        return NULL;
    }
    return m->ml_meth(self, args[0]);
}

/* The kwnames tuple for "a,b" (NULL for ""): 0, or -1 on error. */
static int
make_kwnames(const char *kw, MpObject **out)
{
    MpObject *names;
    char buf[64];
    const char *p = kw;
    int n = 1, k = 0;

    *out = NULL;
    if (*kw == '\0')
        return 0;
    for (; *p; p++)
        n += *p == ',';
    names = MpTuple_New(n);
    if (names == NULL)
        return -1;
    p = kw;
    while (k < n) {
        size_t len = strcspn(p, ",");
        MpObject *name;
        memcpy(buf, p, len);
        buf[len] = '\0';
        name = MpUnicode_FromString(buf);
        if (name == NULL) {
            Mp_DECREF(names);
            return -1;
        }
        MpTuple_SetItem(names, k++, name);
        p += len + (p[len] == ',');
    }
    *out = names;
    return 0;
}

static MpObject *
run_case(const unicode_case *c, MpObject *recv, MpObject **args)
{
    if (strcmp(c->op, "repr") == 0)
        return MpObject_Repr(recv);
    if (strcmp(c->op, "len") == 0)
        return MpLong_FromSsize_t(MpObject_Length(recv));
    if (strcmp(c->op, "getitem") == 0)
        return MpObject_GetItem(recv, args[0]);
    if (strcmp(c->op, "mod") == 0)
        return MpNumber_Remainder(recv, args[0]);
    {
        MpObject *kwnames, *res;
        if (make_kwnames(c->kwnames, &kwnames) < 0)
            return NULL;
        res = call_method(recv, c->op, args, c->nargs, kwnames);
        Mp_XDECREF(kwnames);
        return res;
    }
}

/* "" if the outcome matches, else a description (static buffer). */
static const char *
check_outcome(const unicode_case *c, MpObject *res)
{
    static char why[700];
    if (c->expect[0] == 'r') {
        MpObject *r;
        if (res == NULL) {
            MpObject *exc = MpErr_GetRaisedException();
            MpObject *s = MpObject_Str(exc);
            snprintf(why, sizeof(why), "raised %s: %s",
                     Mp_TYPE(exc)->tp_name, s ? MpUnicode_AsUTF8(s) : "?");
            Mp_XDECREF(s);
            Mp_DECREF(exc);
            MpErr_Clear();
            return why;
        }
        r = MpObject_Repr(res);
        assert_non_null(r);
        if (strcmp(MpUnicode_AsUTF8(r), c->expect + 2) != 0)
            snprintf(why, sizeof(why), "got %s", MpUnicode_AsUTF8(r));
        else
            why[0] = '\0';
        Mp_DECREF(r);
        return why;
    }
    if (res != NULL) {
        MpObject *r = MpObject_Repr(res);
        snprintf(why, sizeof(why), "no error, got %s",
                 r ? MpUnicode_AsUTF8(r) : "?");
        Mp_XDECREF(r);
        return why;
    }
    {
        MpObject *exc = MpErr_GetRaisedException(), *s;
        char expect[600];
        s = MpObject_Str(exc);
        assert_non_null(s);
        snprintf(expect, sizeof(expect), "e:%s:%s", Mp_TYPE(exc)->tp_name,
                 MpUnicode_AsUTF8(s));
        if (strcmp(expect, c->expect) != 0)
            snprintf(why, sizeof(why), "raised %s", expect);
        else
            why[0] = '\0';
        Mp_DECREF(s);
        Mp_DECREF(exc);
        return why;
    }
}

static void
test_python_cases(void **state)
{
    size_t k;
    int failures = 0;

    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(unicode_cases); k++) {
        const unicode_case *c = &unicode_cases[k];
        MpObject *args[16], *recv, *res;
        const char *why;
        int i = 0, a;

        recv = MpUnicode_FromStringAndSize(c->recv, c->recvlen);
        assert_non_null(recv);
        for (a = 0; a < c->nargs; a++)
            args[a] = build_value(c->toks, &i);
        res = run_case(c, recv, args);
        why = check_outcome(c, res);
        if (why[0] != '\0' && failures++ < 40)
            fprintf(stderr, "case %zu: %s(%s) nargs=%d: want %s, %s\n", k,
                    c->op, c->recv, c->nargs, c->expect, why);
        Mp_XDECREF(res);
        for (a = 0; a < c->nargs; a++)
            Mp_DECREF(args[a]);
        Mp_DECREF(recv);
    }
    if (failures)
        fprintf(stderr, "%d of %zu cases failed\n", failures,
                MP_ARRAY_LENGTH(unicode_cases));
    assert_int_equal(failures, 0);
}

/* ---- Layout and singletons ---- */

static Mp_ssize_t
sizeof_utf8(const char *s)
{
    MpObject *o = MpUnicode_FromString(s);
    Mp_ssize_t n;
    assert_non_null(o);
    n = MpObject_GetSizeOf(o);
    Mp_DECREF(o);
    return n;
}

static void
test_sizeof(void **state)
{
    char big[101];
    (void)state;
    assert_int_equal(sizeof(MpUnicodeObject), 48);
    assert_int_equal(sizeof_utf8(""), 49);
    assert_int_equal(sizeof_utf8("a"), 50);
    assert_int_equal(sizeof_utf8("hello"), 54);
    memset(big, 'x', 100);
    big[100] = '\0';
    assert_int_equal(sizeof_utf8(big), 149);
    /* Non-ASCII: 48 + UTF-8 bytes + 1 (3.11 would say 74, 76, 80). */
    assert_int_equal(sizeof_utf8("\xc3\xa9"), 51);
    assert_int_equal(sizeof_utf8("\xe2\x82\xac"), 52);
    assert_int_equal(sizeof_utf8("\xf0\x9f\x98\x80"), 53);
}

static void
test_singletons(void **state)
{
    MpObject *a = MpUnicode_FromString("a"), *b = MpUnicode_FromString("a");
    MpObject *e1 = MpUnicode_FromString(""), *e2 = MpUnicode_FromString("");
    MpObject *c1 = MpUnicode_FromOrdinal(0xE9);
    MpObject *c2 = MpUnicode_FromString("\xc3\xa9");
    MpObject *x1 = MpUnicode_FromOrdinal(0x20AC);
    MpObject *x2 = MpUnicode_FromOrdinal(0x20AC);

    (void)state;
    assert_ptr_equal(a, b);
    assert_ptr_equal(e1, e2);
    assert_ptr_equal(c1, c2);
    assert_ptr_not_equal(x1, x2);   /* beyond latin-1: no singleton */
    assert_true(MpObject_RichCompareBool(x1, x2, Mp_EQ) == 1);
    assert_null(MpUnicode_FromOrdinal(0x110000));
    mp_assert_raised(MpExc_ValueError);
    assert_null(MpUnicode_FromOrdinal(-1));
    mp_assert_raised(MpExc_ValueError);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(e1);
    Mp_DECREF(e2);
    Mp_DECREF(c1);
    Mp_DECREF(c2);
    Mp_DECREF(x1);
    Mp_DECREF(x2);
}

static void
test_utf8_errors(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(utf8_cases); k++) {
        MpObject *s = MpUnicode_FromStringAndSize(utf8_cases[k].bytes,
                                                  utf8_cases[k].len);
        MpObject *exc, *msg;
        assert_null(s);
        assert_true(MpErr_ExceptionMatches(MpExc_UnicodeDecodeError));
        exc = MpErr_GetRaisedException();
        msg = MpObject_Str(exc);
        assert_string_equal(MpUnicode_AsUTF8(msg), utf8_cases[k].message);
        Mp_DECREF(msg);
        Mp_DECREF(exc);
        s = mp_unicode_decode_utf8_replace(utf8_cases[k].bytes,
                                           utf8_cases[k].len);
        assert_non_null(s);
        assert_string_equal(MpUnicode_AsUTF8(s), utf8_cases[k].replaced);
        Mp_DECREF(s);
    }
}

/* ---- Character classes ---- */

static void
check_mapping(int (*map)(uint32_t, uint32_t[3]), uint32_t cp,
              const char *expect)
{
    uint32_t out[3];
    char buf[16];
    int n = map(cp, out), i, len = 0;
    for (i = 0; i < n; i++)
        len += mp_utf8_encode(out[i], buf + len);
    buf[len] = '\0';
    if (strcmp(buf, expect) != 0)
        fail_msg("U+%04X maps to '%s', python3 says '%s'", (unsigned)cp,
                 buf, expect);
}

static void
test_ctype_tables(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(ctype_cases); k++) {
        const ctype_case *c = &ctype_cases[k];
        uint32_t cp = c->cp;
        char got[12];
        snprintf(got, sizeof(got), "%d%d%d%d%d%d%d%d%d%d%d",
                 mp_unicode_isupper(cp), mp_unicode_islower(cp),
                 mp_unicode_isspace(cp), mp_unicode_isalpha(cp),
                 mp_unicode_isdecimal(cp), mp_unicode_isdigit(cp),
                 mp_unicode_isnumeric(cp), mp_unicode_isprintable(cp),
                 mp_unicode_isxidstart(cp) || cp == '_',
                 mp_unicode_isxidcontinue(cp), mp_unicode_islinebreak(cp));
        if (strcmp(got, c->flags) != 0)
            fail_msg("U+%04X classes %s, python3 says %s", (unsigned)cp,
                     got, c->flags);
        check_mapping(mp_unicode_tolower_full, cp, c->lower);
        check_mapping(mp_unicode_toupper_full, cp, c->upper);
        check_mapping(mp_unicode_totitle_full, cp, c->title);
        check_mapping(mp_unicode_tofolded_full, cp, c->fold);
    }
}

/* ---- Non-ASCII indexing, iteration, length ---- */

static void
test_long_text_indexing(void **state)
{
    /* 4 code points of 1..4 bytes, repeated: 400 code points. */
    static const uint32_t unit[4] = {'a', 0xE9, 0x20AC, 0x1F600};
    static const char unit8[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    char buf[100 * 10 + 1];
    MpObject *s, *it, *ch;
    Mp_ssize_t i, n = 0;

    (void)state;
    for (i = 0; i < 100; i++)
        memcpy(buf + i * 10, unit8, 10);
    s = MpUnicode_FromStringAndSize(buf, 1000);
    assert_non_null(s);
    assert_int_equal(MpUnicode_GetLength(s), 400);
    assert_int_equal(MpObject_Length(s), 400);
    /* 48 + 1000 + 1, padded to 8, + the index slot; after the first
     * indexing also the index: 400 / 64 + 1 offsets. */
    assert_int_equal(MpObject_GetSizeOf(s), 1056 + 8);
    ch = MpSequence_GetItem(s, 399);
    assert_int_equal(mp_unicode_read_char(ch, 0), 0x1F600);
    Mp_DECREF(ch);
    assert_int_equal(MpObject_GetSizeOf(s), 1056 + 8 + 7 * 8);
    /* Backwards, so every access needs the index. */
    for (i = 399; i >= 0; i--) {
        MpObject *idx = MpLong_FromSsize_t(i - 400);
        ch = MpObject_GetItem(s, idx);
        assert_non_null(ch);
        assert_int_equal(mp_unicode_read_char(ch, 0), unit[i % 4]);
        Mp_DECREF(ch);
        Mp_DECREF(idx);
    }
    it = MpObject_GetIter(s);
    assert_non_null(it);
    while ((ch = MpIter_Next(it)) != NULL) {
        assert_int_equal(mp_unicode_read_char(ch, 0), unit[n % 4]);
        Mp_DECREF(ch);
        n++;
    }
    assert_null(MpErr_Occurred());
    assert_int_equal(n, 400);
    ch = MpUnicode_Substring(s, 397, 1000);
    assert_string_equal(MpUnicode_AsUTF8(ch), "\xc3\xa9\xe2\x82\xac\xf0\x9f"
                        "\x98\x80");
    Mp_DECREF(ch);
    Mp_DECREF(it);
    Mp_DECREF(s);
}

/* ---- Hashing ---- */

static void
reinit_with_seed(const char *seed)
{
    Mp_Finalize();
    setenv("MINIPYHASHSEED", seed, 1);
    assert_int_equal(Mp_Initialize(), 0);
}

static void
test_hash_seeds(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < MP_ARRAY_LENGTH(hash_cases); k++) {
        MpObject *s;
        if (k == 0 || strcmp(hash_cases[k].seed, hash_cases[k - 1].seed))
            reinit_with_seed(hash_cases[k].seed);
        s = MpUnicode_FromString(hash_cases[k].text);
        assert_non_null(s);
        assert_int_equal(MpObject_Hash(s), hash_cases[k].hash);
        /* Cached: the second call reads the field. */
        assert_int_equal(MpUnicode_CAST(s)->hash, hash_cases[k].hash);
        Mp_DECREF(s);
    }
    unsetenv("MINIPYHASHSEED");
}

static void
test_hash_seed_errors(void **state)
{
    (void)state;
    Mp_Finalize();
    setenv("MINIPYHASHSEED", "4294967296", 1);
    assert_int_equal(Mp_Initialize(), -1);
    setenv("MINIPYHASHSEED", "abc", 1);
    assert_int_equal(Mp_Initialize(), -1);
    setenv("MINIPYHASHSEED", "random", 1);
    assert_int_equal(Mp_Initialize(), 0);
    unsetenv("MINIPYHASHSEED");
}

/* ---- Interning ---- */

static void
test_interning(void **state)
{
    MP_IDENTIFIER(some_identifier);
    MpObject *a = MpUnicode_InternFromString("zz_unique_text");
    MpObject *b = MpUnicode_InternFromString("zz_unique_text");
    MpObject *c = MpUnicode_FromString("zz_unique_text");
    MpObject *id1, *id2, *keep;

    (void)state;
    assert_ptr_equal(a, b);
    assert_int_equal(Mp_REFCNT(a), 2);      /* the table owns nothing */
    assert_true(MpUnicode_IsInterned(a));
    assert_false(MpUnicode_IsInterned(c));
    keep = c;
    MpUnicode_InternInPlace(&c);
    assert_ptr_equal(c, a);                 /* replaced by the interned */
    assert_int_equal(Mp_REFCNT(a), 3);
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(c);                           /* last ref: entry removed */
    /* Mortal: interning the text again makes a new object the canonical
     * one -- here a fresh str takes the place. */
    c = MpUnicode_FromString("zz_unique_text");
    keep = c;
    MpUnicode_InternInPlace(&c);
    assert_ptr_equal(c, keep);
    assert_true(MpUnicode_IsInterned(c));
    assert_true(mp_unicode_eq(c, keep));
    Mp_DECREF(c);

    id1 = mp_identifier_get(&MpId_some_identifier);
    id2 = mp_identifier_get(&MpId_some_identifier);
    assert_ptr_equal(id1, id2);
    assert_true(MpUnicode_IsInterned(id1));
    a = MpUnicode_InternFromString("some_identifier");
    assert_ptr_equal(a, id1);
    Mp_DECREF(a);
    /* Singletons can be interned too. */
    a = MpUnicode_InternFromString("q");
    b = MpUnicode_FromOrdinal('q');
    assert_ptr_equal(a, b);
    assert_true(MpUnicode_IsInterned(b));
    Mp_DECREF(a);
    Mp_DECREF(b);
    a = MpUnicode_FromString("abc_1");
    assert_true(mp_unicode_is_identifier_like(a));
    Mp_DECREF(a);
    a = MpUnicode_FromString("a b");
    assert_false(mp_unicode_is_identifier_like(a));
    Mp_DECREF(a);
}

/* ---- FromFormat ---- */

static void
check_format(MpObject *res, const char *expect)
{
    assert_non_null(res);
    assert_string_equal(MpUnicode_AsUTF8(res), expect);
    Mp_DECREF(res);
}

static void
test_fromformat(void **state)
{
    MpObject *s = MpUnicode_FromString("h\xc3\xa9");
    MpObject *n = MpLong_FromLong(42);
    char ptr[32];

    (void)state;
    check_format(MpUnicode_FromFormat("%s|%d|%i|%u", "x\xc3\xa9", -5, 7, 8u),
                 "x\xc3\xa9|-5|7|8");
    check_format(MpUnicode_FromFormat("%ld|%li|%lu|%lld", -1L, 2L, 3UL,
                                      -4LL), "-1|2|3|-4");
    check_format(MpUnicode_FromFormat("%zd|%zi|%zu|%x", (Mp_ssize_t)-9,
                                      (Mp_ssize_t)10, (size_t)11, 255),
                 "-9|10|11|ff");
    check_format(MpUnicode_FromFormat("%c%c|%%|%5d|%05d|%.3d", 'A', 0x20AC,
                                      42, 42, 7), "A\xe2\x82\xac|%|   42|"
                 "00042|007");
    check_format(MpUnicode_FromFormat("%R|%S|%U|%A", s, n, s, s),
                 "'h\xc3\xa9'|42|h\xc3\xa9|'h\\xe9'");
    check_format(MpUnicode_FromFormat("[%5s][%.2s][%6R][%.1U]", "ab",
                                      "xyz", s, s), "[   ab][xy][  'h\xc3"
                 "\xa9'][h]");
    snprintf(ptr, sizeof(ptr), "%p", (void *)s);
    check_format(MpUnicode_FromFormat("%p", (void *)s), ptr);
    check_format(MpUnicode_FromFormat("100%"), "100%");
    check_format(MpUnicode_FromFormat("%V|%V|%lx|%llu", s, "unused",
                                      (MpObject *)NULL, "c-str", 255L,
                                      18446744073709551615ULL),
                 "h\xc3\xa9|c-str|ff|18446744073709551615");
    /* %.Ns counts bytes; a cut character becomes U+FFFD. */
    check_format(MpUnicode_FromFormat("[%.2s][%.3s]", "\xc3\xa9x",
                                      "a\xe2\x82\xac"),
                 "[\xc3\xa9][a\xef\xbf\xbd]");
    /* Invalid UTF-8 in %s: one U+FFFD per fault (b'a\xffb\xe2\x82'
     * .decode('utf-8', 'replace') == 'a\ufffdb\ufffd'). */
    check_format(MpUnicode_FromFormat("[%s]", "a\xff" "b\xe2\x82"),
                 "[a\xef\xbf\xbd" "b\xef\xbf\xbd]");
    check_format(MpUnicode_FromFormat("a%qb %d", 5), "a%qb %d");
    Mp_DECREF(s);
    Mp_DECREF(n);
}

/* ---- Operators through the protocols ---- */

static void
test_operators(void **state)
{
    MpObject *a = MpUnicode_FromString("ab\xc3\xa9");
    MpObject *b = MpUnicode_FromString("abz");
    MpObject *three = MpLong_FromLong(3), *r;

    (void)state;
    r = MpNumber_Add(a, b);
    check_format(r, "ab\xc3\xa9" "abz");
    r = MpNumber_Multiply(a, three);
    check_format(r, "ab\xc3\xa9" "ab\xc3\xa9" "ab\xc3\xa9");
    assert_int_equal(MpObject_RichCompareBool(b, a, Mp_LT), 1);
    assert_int_equal(MpObject_RichCompareBool(a, b, Mp_GT), 1);
    assert_int_equal(MpUnicode_Compare(a, a), 0);
    assert_int_equal(MpSequence_Contains(a, b), 0);
    r = MpUnicode_FromString("\xc3\xa9");
    assert_int_equal(MpSequence_Contains(a, r), 1);
    Mp_DECREF(r);
    assert_null(MpNumber_Add(a, three));
    mp_assert_raised(MpExc_TypeError);
    assert_int_equal(MpSequence_Contains(a, three), -1);
    mp_assert_raised(MpExc_TypeError);
    r = MpObject_RichCompare(a, three, Mp_LT);
    assert_null(r);
    mp_assert_raised(MpExc_TypeError);
    r = MpObject_RichCompare(a, three, Mp_EQ);
    assert_ptr_equal(r, Mp_False);
    Mp_DECREF(r);
    r = MpLong_FromSsize_t(MP_SSIZE_T_MAX / 2);
    assert_null(MpNumber_Multiply(a, r));
    mp_assert_raised(MpExc_OverflowError);
    Mp_DECREF(r);
    r = MpUnicode_Concat(a, b);
    MpUnicode_Append(&r, a);
    check_format(r, "ab\xc3\xa9" "abz" "ab\xc3\xa9");
    assert_int_equal(MpUnicode_Find(a, b, 0, 10, 1), -1);
    assert_int_equal(MpUnicode_CompareWithASCIIString(b, "abz"), 0);
    assert_true(MpUnicode_EqualToUTF8(a, "ab\xc3\xa9"));
    Mp_DECREF(a);
    Mp_DECREF(b);
    Mp_DECREF(three);
}

/* A str built by an operation hashes like the same text made fresh: the
 * kind (1, 2 or 4 bytes per character) must come out the same. */
static void
assert_same_hash(MpObject *built, const char *text)
{
    MpObject *fresh = MpUnicode_FromString(text);
    assert_non_null(built);
    assert_string_equal(MpUnicode_AsUTF8(built), text);
    assert_int_equal(MpUnicode_CAST(built)->state.kind,
                     MpUnicode_CAST(fresh)->state.kind);
    assert_int_equal(MpObject_Hash(built), MpObject_Hash(fresh));
    Mp_DECREF(fresh);
    Mp_DECREF(built);
}

static void
test_kind_of_results(void **state)
{
    MpObject *e = MpUnicode_FromString("\xc3\xa9");
    MpObject *a = MpUnicode_FromString("a");
    MpObject *eur = MpUnicode_FromString("x\xe2\x82\xac"), *args[2];
    MpObject *list = MpList_New(0), *two = MpLong_FromLong(2), *sl;

    (void)state;
    assert_same_hash(MpUnicode_Concat(e, a), "\xc3\xa9" "a");
    assert_same_hash(MpNumber_Multiply(e, two), "\xc3\xa9\xc3\xa9");
    /* Slicing the euro sign away drops the kind back to 1 / ASCII. */
    assert_same_hash(MpUnicode_Substring(eur, 0, 1), "x");
    sl = MpUnicode_Concat(e, eur);
    assert_same_hash(MpUnicode_Substring(sl, 0, 2), "\xc3\xa9x");
    Mp_DECREF(sl);
    MpList_Append(list, e);
    MpList_Append(list, a);
    assert_same_hash(MpUnicode_Join(a, list), "\xc3\xa9" "aa");
    args[0] = eur;
    args[1] = a;
    assert_same_hash(call_method(eur, "replace", args, 2, NULL), "a");
    assert_same_hash(call_method(e, "upper", NULL, 0, NULL), "\xc3\x89");
    Mp_DECREF(list);
    Mp_DECREF(two);
    Mp_DECREF(e);
    Mp_DECREF(a);
    Mp_DECREF(eur);
}

/* ---- Through the type system ---- */

static void
test_type_integration(void **state)
{
    MpObject *s = MpUnicode_FromString("h\xc3\xa9llo w\xc3\xb6rld");
    MpObject *a = MpUnicode_FromString("abc");
    MpObject *r, *args, *it, *five, *spec;

    (void)state;
    assert_true(MpType_HasFeature(&MpUnicode_Type, MP_TPFLAGS_READY));
    r = MpObject_CallMethod(s, "upper", NULL, 0);
    check_format(r, "H\xc3\x89LLO W\xc3\x96RLD");
    r = MpObject_CallMethod(s, "split", NULL, 0);
    assert_non_null(r);
    assert_int_equal(MpList_Size(r), 2);
    Mp_DECREF(r);
    it = MpObject_GetIter(s);
    assert_string_equal(Mp_TYPE(it)->tp_name, "str_iterator");
    Mp_DECREF(it);
    it = MpObject_GetIter(a);
    assert_string_equal(Mp_TYPE(it)->tp_name, "str_ascii_iterator");
    Mp_DECREF(it);
    /* str(5), str() and format(s, '>8') */
    five = MpLong_FromLong(5);
    args = MpTuple_Pack(1, five);
    check_format(MpObject_Call((MpObject *)&MpUnicode_Type, args, NULL),
                 "5");
    Mp_DECREF(args);
    args = MpTuple_New(0);
    check_format(MpObject_Call((MpObject *)&MpUnicode_Type, args, NULL), "");
    Mp_DECREF(args);
    {
        /* str(5, encoding='utf-8') and str(errors='s') */
        MpObject *kw = MpDict_New(), *u8 = MpUnicode_FromString("utf-8");
        MpObject *exc, *msg;
        MpDict_SetItemString(kw, "encoding", u8);
        args = MpTuple_Pack(1, five);
        assert_null(MpObject_Call((MpObject *)&MpUnicode_Type, args, kw));
        exc = MpErr_GetRaisedException();
        msg = MpObject_Str(exc);
        assert_string_equal(MpUnicode_AsUTF8(msg), "decoding to str: need "
                            "a bytes-like object, int found");
        Mp_DECREF(msg);
        Mp_DECREF(exc);
        Mp_DECREF(args);
        Mp_DECREF(kw);
        kw = MpDict_New();
        MpDict_SetItemString(kw, "errors", u8);
        args = MpTuple_New(0);
        check_format(MpObject_Call((MpObject *)&MpUnicode_Type, args, kw),
                     "");
        Mp_DECREF(args);
        Mp_DECREF(kw);
        Mp_DECREF(u8);
    }
    spec = MpUnicode_FromString(">8");
    check_format(MpObject_Format(a, spec), "     abc");
    Mp_DECREF(spec);
    r = MpObject_Repr(s);
    check_format(r, "'h\xc3\xa9llo w\xc3\xb6rld'");
    assert_int_equal(MpObject_Hash(a), MpObject_Hash(a));
    Mp_DECREF(five);
    Mp_DECREF(a);
    Mp_DECREF(s);
}

/* ---- Allocation failure ---- */

static long fail_countdown;
static long fail_calls;
static long fault_null_results;     /* runs that failed cleanly */

static int
fail_hook(size_t size, void *arg)
{
    (void)size;
    (void)arg;
    fail_calls++;
    return fail_countdown-- == 0;
}

typedef MpObject *(*scenario_fn)(void *arg);

/* Run fn failing the k-th allocation for k = 0, 1, ... until it runs
 * without a failure: every failing run must give NULL + MemoryError
 * and leave blocks and live objects as they were. */
static void
fault_loop(scenario_fn fn, void *arg)
{
    MpObject *warm;
    long k;

    /* One plain run first, so that lazy caches of the arguments (hash,
     * offset index, interned names) exist before counting blocks. */
    warm = fn(arg);
    assert_non_null(warm);
    Mp_DECREF(warm);
    for (k = 0; k < 100000; k++) {
        MpAllocStats before, after;
        Mp_ssize_t live = Mp_GetLiveObjects();
        MpObject *res;
        MpAlloc_GetStats(&before);
        fail_countdown = k;
        fail_calls = 0;
        MpAlloc_SetFailHook(fail_hook, NULL);
        res = fn(arg);
        MpAlloc_SetFailHook(NULL, NULL);
        if (fail_countdown >= 0) {      /* nothing failed: done */
            assert_non_null(res);
            Mp_DECREF(res);
            return;
        }
        if (res != NULL)                /* a failure absorbed: allowed */
            Mp_DECREF(res);
        else {
            assert_true(MpErr_ExceptionMatches(MpExc_MemoryError));
            MpErr_Clear();
            fault_null_results++;
        }
        MpAlloc_GetStats(&after);
        assert_int_equal(after.blocks_in_use, before.blocks_in_use);
        assert_int_equal(Mp_GetLiveObjects(), live);
    }
    fail();
}

typedef struct {
    const unicode_case *c;
    MpObject *recv;
    MpObject **args;
} case_run;

static MpObject *
sc_case(void *arg)
{
    case_run *cr = arg;
    return run_case(cr->c, cr->recv, cr->args);
}

static MpObject *
sc_from_string(void *arg)
{
    return MpUnicode_FromString(arg);
}

static MpObject *
sc_join(void *arg)
{
    MpObject *list = arg;
    MpObject *sep = MpUnicode_FromString("\xe2\x82\xac-");
    MpObject *res;
    if (sep == NULL)
        return NULL;
    res = MpUnicode_Join(sep, list);
    Mp_DECREF(sep);
    return res;
}

static MpObject *
sc_split(void *arg)
{
    return MpUnicode_Split(arg, NULL, -1);
}

static MpObject *
sc_replace(void *arg)
{
    MpObject *args[2], *res = NULL;
    args[0] = MpUnicode_FromString("o");
    args[1] = MpUnicode_FromString("\xc3\xb6\xc3\xb6");
    if (args[0] != NULL && args[1] != NULL)
        res = call_method(arg, "replace", args, 2, NULL);
    Mp_XDECREF(args[0]);
    Mp_XDECREF(args[1]);
    return res;
}

static MpObject *
sc_format(void *arg)
{
    MpObject *args[2], *res = NULL;
    args[0] = MpUnicode_FromString("x\xc3\xa9");
    args[1] = MpLong_FromLong(12345);
    if (args[0] != NULL && args[1] != NULL)
        res = call_method(arg, "format", args, 2, NULL);
    Mp_XDECREF(args[0]);
    Mp_XDECREF(args[1]);
    return res;
}

static MpObject *
sc_fromformat(void *arg)
{
    return MpUnicode_FromFormat("%s|%d|%R|%5.2U", "abc", 5, arg, arg);
}

static MpObject *
sc_intern(void *arg)
{
    MpObject *s = MpUnicode_InternFromString(arg);
    /* Out of memory while interning leaves the str uninterned. */
    if (s != NULL && !MpUnicode_IsInterned(s) && fail_countdown >= 0)
        fail_msg("interned without a failure, yet not in the table");
    return s;
}

static MpObject *
sc_upper_concat(void *arg)
{
    MpObject *u = call_method(arg, "upper", NULL, 0, NULL), *res;
    if (u == NULL)
        return NULL;
    res = MpUnicode_Concat(u, arg);
    Mp_DECREF(u);
    return res;
}

static void
test_fault_injection(void **state)
{
    MpObject *text, *list;
    int i;

    (void)state;
    fault_loop(sc_from_string, "a longer h\xc3\xa9llo w\xc3\xb6rld text "
               "with \xf0\x9f\x98\x80 and more than sixty-four code points "
               "to get an index slot");
    fault_loop(sc_from_string, "plain ascii");
    fault_loop(sc_intern, "an_identifier_to_intern");
    text = MpUnicode_FromString("foo bar  b\xc3\xa4z qux\tquux o o o");
    list = MpList_New(0);
    for (i = 0; i < 5; i++) {
        MpObject *s = MpUnicode_FromFormat("it\xc3\xa9m%d", i);
        MpList_Append(list, s);
        Mp_DECREF(s);
    }
    fault_loop(sc_join, list);
    fault_loop(sc_split, text);
    fault_loop(sc_replace, text);
    fault_loop(sc_fromformat, text);
    fault_loop(sc_upper_concat, text);
    Mp_DECREF(text);
    text = MpUnicode_FromString("{0!r:>12}/{1:,}/{0}");
    fault_loop(sc_format, text);
    Mp_DECREF(text);
    Mp_DECREF(list);
}

/* A sample of the python3 table (every case that succeeds, 1 in 15)
 * under allocation failure: methods, slicing, repr, format and %. */
static void
test_fault_injection_cases(void **state)
{
    size_t k;
    int runs = 0;

    (void)state;
    fault_null_results = 0;
    for (k = 0; k < MP_ARRAY_LENGTH(unicode_cases); k += 15) {
        const unicode_case *c = &unicode_cases[k];
        MpObject *args[16];
        case_run cr;
        int i = 0, a;
        if (c->expect[0] != 'r' || strcmp(c->op, "len") == 0)
            continue;
        cr.c = c;
        cr.recv = MpUnicode_FromStringAndSize(c->recv, c->recvlen);
        cr.args = args;
        for (a = 0; a < c->nargs; a++)
            args[a] = build_value(c->toks, &i);
        fault_loop(sc_case, &cr);
        for (a = 0; a < c->nargs; a++)
            Mp_DECREF(args[a]);
        Mp_DECREF(cr.recv);
        runs++;
    }
    assert_true(runs > 300);
    fprintf(stderr, "  %d scenarios, %ld failed allocations handled\n",
            runs, fault_null_results);
    assert_true(fault_null_results > 300);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        MP_TEST(test_sizeof),
        MP_TEST(test_singletons),
        MP_TEST(test_utf8_errors),
        MP_TEST(test_ctype_tables),
        MP_TEST(test_long_text_indexing),
        MP_TEST(test_hash_seeds),
        MP_TEST(test_hash_seed_errors),
        MP_TEST(test_interning),
        MP_TEST(test_fromformat),
        MP_TEST(test_operators),
        MP_TEST(test_type_integration),
        MP_TEST(test_kind_of_results),
        MP_TEST(test_python_cases),
        MP_TEST(test_fault_injection),
        MP_TEST(test_fault_injection_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
