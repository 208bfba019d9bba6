#!/usr/bin/env python3
"""Write tests/objects/unicode_cases.h: expected results of str methods,
indexing, repr, str.format and % formatting, computed by python3 (the
oracle).  Run from the repository root:

    python3 tests/objects/gen_unicode_cases.py > tests/objects/unicode_cases.h

Each case is: receiver, operation, argument tokens, keyword names, and the
expected outcome -- "r:<repr of the result>" or "e:<ExcType>:<message>".
Argument tokens (built by the C test):
    s:TEXT   str           i:N   int            f:X   float (repr)
    n        None          b:0/1 bool
    T<k>     tuple of the next k values
    L<k>     list of the next k values
    D<k>     dict of the next k key/value pairs
    S:a,b,c  slice (empty part = None)
Operations: a method name (format and format_map included), "getitem",
"mod" (the % operator), "repr", "len".

Further tables: str hashes under PYTHONHASHSEED=0, 12345 and 4294967295
(the C test sets MINIPYHASHSEED to the same value), UTF-8 decoding errors
(message and the "replace" decoding), and per-code-point classes and case
mappings over ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
"""
import os
import subprocess
import sys

RECEIVERS = [
    '', 'a', 'abc', 'hello world', '  spaced  out  ', 'a,b,,c,', ',a,',
    'aaa', 'AbC dEf', 'héllo wörld', 'ΑΣ ΣΑ', 'naïve café', '€uro€',
    '😀x😀', 'line1\nline2\r\nline3\r', 'tab\there\tx', 'Hello World',
    'ß straße', 'İstanbul', 'Привет Мир', '12345', '½²', 'x\u2028y',
    '\t\n \x0b', 'mixed-Case_ident', '_id3', '3id', 'ΐΰ',
    "it's", 'say "hi"', 'both \' and "', 'back\\slash', 'ctl\x00\x07\x7f',
    'nbsp\xa0\xad', 'ÅÆÇ ñ', 'ĳĲ ŉ ſ', 'ϐϑϕϖϰϱϵ Ϲ', 'Ѐѐ Ӂӂ',
]

RANGED = ('', 'hello world', 'héllo wörld', '😀x😀', 'a,b,,c,', 'ΑΣ ΣΑ')
WORDS = ['', 'a', 'l', 'o w', 'ö', '😀', 'zz', ',', 'Σ', 'ab', ' ', 'é']
RANGES = [(), (1,), (-3,), (1, -1), (None, 2), (100,), (-100, 100), (2, 1)]


def tok(v):
    if v is None:
        return ['n']
    if isinstance(v, bool):
        return ['b:%d' % v]
    if isinstance(v, int):
        return ['i:%d' % v]
    if isinstance(v, float):
        return ['f:%r' % v]
    if isinstance(v, str):
        return ['s:' + v]
    if isinstance(v, tuple):
        out = ['T%d' % len(v)]
        for x in v:
            out += tok(x)
        return out
    if isinstance(v, list):
        out = ['L%d' % len(v)]
        for x in v:
            out += tok(x)
        return out
    if isinstance(v, dict):
        out = ['D%d' % len(v)]
        for k, x in v.items():
            out += tok(k) + tok(x)
        return out
    if isinstance(v, slice):
        f = lambda x: '' if x is None else str(x)
        return ['S:%s,%s,%s' % (f(v.start), f(v.stop), f(v.step))]
    raise TypeError(v)


def outcome(fn):
    try:
        r = fn()
    except Exception as e:
        return 'e:%s:%s' % (type(e).__name__, e)
    return 'r:' + repr(r)


def c_string(s):
    out = ['"']
    for b in s.encode('utf-8', 'surrogatepass'):
        c = chr(b)
        if c in '"\\?':
            out.append('\\' + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append('\\%03o' % b)
    out.append('"')
    return ''.join(out)


cases = []


def add(recv, op, args=(), kw=None):
    kw = kw or {}
    if op == 'getitem':
        fn = lambda: recv[args[0]]
    elif op == 'mod':
        fn = lambda: recv % args[0]
    elif op in ('repr', 'len'):
        fn = lambda: {'repr': repr, 'len': len}[op](recv)
    else:
        fn = lambda: getattr(recv, op)(*args, **kw)
    toks = []
    for a in args:
        toks += tok(a)
    for v in kw.values():
        toks += tok(v)
    cases.append((recv, op, len(args) + len(kw), toks, ','.join(kw),
                  outcome(fn)))


def gen():
    for r in RECEIVERS:
        add(r, 'repr')
        add(r, 'len')
        for m in ('lower', 'upper', 'capitalize', 'title', 'swapcase',
                  'casefold', 'isdigit', 'isdecimal', 'isnumeric',
                  'isalpha', 'isalnum', 'isspace', 'isupper', 'islower',
                  'istitle', 'isidentifier', 'isascii', 'isprintable',
                  'splitlines', 'strip', 'lstrip', 'rstrip', 'split',
                  'rsplit', 'expandtabs'):
            add(r, m)
        for w in WORDS if r in RANGED else WORDS[:3] + ['ö', 'Σ', ',']:
            # Every range for a few receivers, the plain call for all.
            ranges = RANGES if r in RANGED else RANGES[:1]
            for m in ('find', 'rfind', 'index', 'rindex', 'count'):
                for rg in ranges:
                    add(r, m, (w,) + rg)
            for m in ('startswith', 'endswith'):
                for rg in ranges[:5]:
                    add(r, m, (w,) + rg)
            if w:
                for m in ('split', 'rsplit'):
                    for ms in (-1, 0, 1, 2):
                        add(r, m, (w, ms))
                add(r, 'partition', (w,))
                add(r, 'rpartition', (w,))
            for new in ('-', 'ΣΣ') if r in RANGED else ('-',):
                add(r, 'replace', (w, new))
                add(r, 'replace', (w, new, 1))
            add(r, 'strip', (w,))
            add(r, 'lstrip', (w,))
            add(r, 'rstrip', (w,))
            add(r, 'removeprefix', (w,))
            add(r, 'removesuffix', (w,))
        for ms in (0, 1, 2):
            add(r, 'split', (None, ms))
            add(r, 'rsplit', (None, ms))
        add(r, 'split', (), {'maxsplit': 1})
        add(r, 'split', (), {'sep': 'l', 'maxsplit': 1})
        add(r, 'splitlines', (True,))
        add(r, 'splitlines', (), {'keepends': True})
        add(r, 'startswith', (('x', 'he', 'Σ'),))
        add(r, 'endswith', (('x', 'ld', '€'), 1))
        for width in (-1, 0, 3, 8, 15):
            add(r, 'center', (width,))
            add(r, 'center', (width, '*'))
            add(r, 'ljust', (width, '€'))
            add(r, 'rjust', (width,))
            add(r, 'zfill', (width,))
        for ts in (0, 1, 4):
            add(r, 'expandtabs', (ts,))
        add(r, 'expandtabs', (), {'tabsize': 2})
        add(r, 'join', (['x', 'yé', 'z'],))
        add(r, 'join', ([],))
        add(r, 'join', (['only'],))
        add(r, 'join', (('a', 'b'),))
        add(r, 'join', ('xyz',))
    errors = [
        ('a', 'join', ([1],)), ('a', 'join', (['x', 2],)),
        ('a', 'join', (5,)), ('a', 'split', (1,)), ('a', 'split', ('',)),
        ('a', 'split', (None, 1, 2)), ('a', 'strip', (1,)),
        ('a', 'lstrip', (1,)), ('a', 'replace', (1, 'b')),
        ('a', 'replace', ('a',)), ('a', 'replace', ('a', 'b', 1.5)),
        ('a', 'find', (1,)), ('a', 'find', ()), ('a', 'find', ('a', 1.5)),
        ('a', 'find', ('a', 1, 2, 3)), ('a', 'index', ('b',)),
        ('a', 'rindex', ('b',)), ('a', 'count', (1,)),
        ('a', 'startswith', (1,)), ('a', 'startswith', ((1,),)),
        ('a', 'startswith', ()), ('a', 'center', ()),
        ('a', 'center', (5, 'ab')), ('a', 'center', (5, 1)),
        ('a', 'center', ('x',)), ('a', 'zfill', ('x',)),
        ('a', 'partition', ('',)), ('a', 'partition', (1,)),
        ('a', 'rpartition', (None,)), ('a', 'expandtabs', ('x',)),
        ('a', 'removeprefix', (1,)), ('a', 'split', (None, 2**70)),
        ('abc', 'getitem', (5,)), ('abc', 'getitem', (-4,)),
        ('abc', 'getitem', (1.0,)), ('abc', 'getitem', ('x',)),
        ('a', '__format__', (1,)),
    ]
    for r, m, a in errors:
        add(r, m, a)
    add('a', 'split', (), {'foo': 1})
    add('a', 'split', ('a',), {'sep': 'b'})
    # Indexing and slicing on mixed text longer than the index stride.
    text = ('aé€😀' * 40) + 'tail'
    for s in ('héllo €uro 😀!', text, 'plain ascii text'):
        n = len(s)
        for i in range(-n - 1, n + 1, 1 if n < 20 else 7):
            add(s, 'getitem', (i,))
        for sl in (slice(None), slice(1, None), slice(None, -1),
                   slice(3, 150), slice(None, None, -1),
                   slice(None, None, 2), slice(1, None, 3),
                   slice(-5, None, -2), slice(100, 2, -7),
                   slice(-1000, 1000), slice(5, 2), slice(150, None, 5)):
            add(s, 'getitem', (sl,))
    # str.format
    fmts = [
        ('{}', (1,), {}), ('{0}{1}{0}', ('a', 'é'), {}),
        ('{x}-{y!r}', (), {'x': 1, 'y': 'z'}),
        ('{0[1]}', (['a', 'b'],), {}), ('{0[k]}', ({'k': 'v'},), {}),
        ('{0.real}', (5,), {}), ('{!r:>10}', ('ab',), {}),
        ('{0!a}', ('é€',), {}), ('{0!s:^9}|{1:x}', ('ab', 255), {}),
        ('{:{}}', ('x', 5), {}), ('{0:{1}}', (1, 5), {}),
        ('{:*<6}', ('é',), {}), ('{{}} {{{}}}', (7,), {}),
        ('{:.2f}', (3.14159,), {}), ('{:,}', (1234567,), {}),
        ('{:08.3f}', (-2.5,), {}), ('{0:>{1}.{2}}', ('abcdef', 8, 3), {}),
        ('{', (1,), {}), ('}', (1,), {}), ('{0}{1}', (1,), {}),
        ('{}{}', (1,), {}), ('{x}', (1,), {}), ('{0}{}', (1, 2), {}),
        ('{}{0}', (1, 2), {}), ('{!x}', (1,), {}), ('{0!}', (1,), {}),
        ('{:d}', ('a',), {}), ('{0.foo}', (1,), {}),
        ('{0[1]}', ([1],), {}), ('{0[x]}', ({},), {}), ('{:{}}', (1,), {}),
        ('{:{:{}}}', (1, 2, 3), {}), ('{0.}', (1,), {}),
        ('{0[}', (1,), {}), ('{0[a]b}', ({'a': 1},), {}),
        ('{0!r }', (1,), {}), ('{a}}', (), {'a': 1}), ('{a', (), {'a': 1}),
        ('héllo {} wörld {}', ('€', '😀'), {}), ('{0[-1]}', ({'-1': 5},), {}),
        ('{00}', ('z',), {}), ('{:}', ('plain',), {}),
        ('{0:^7}|{0:<4}|{0:>3}', ('ab',), {}), ('{!s}', (None,), {}),
    ]
    for f, a, kw in fmts:
        add(f, 'format', a, kw)
    for f, m in (('{0}', {}), ('{a}-{b!r}', {'a': 1, 'b': 'x'}),
                 ('{}', {}), ('{x}', {}), ('{a[1]:>4}', {'a': 'xyz'}),
                 ('{a}', 5)):
        add(f, 'format_map', (m,))
    mods = [
        ('%s', ()), ('%s %s', (1,)), ('%s', (1, 2)), ('%d', 'x'),
        ('%x', 1.5), ('%c', 'ab'), ('%c', 2**30), ('%(a)s', 1),
        ('%(a)s', {}), ('%y', 1), ('%', 1),
        ('%5.2f|%-6d|%+d|% d|%05d|%x|%#x|%o|%#o|%X|%e|%g|%E|%G|%%|%c|%r|%a',
         (3.14159, 42, 5, 5, -42, 255, 255, 8, 8, 255, 12345.678, 0.0001,
          1e20, 1e-10, 65, 'é', 'é')),
        ('%s', [1, 2]), ('%s and %r', ('x', 'y')),
        ('%(a)s-%(b)r', {'a': 1, 'b': 'z'}),
        ('%.3s|%-5s|%5s', ('abcdef', 'ab', 'ab')), ('%*d', (5, 3)),
        ('%.*f', (2, 3.14159)), ('%i', 3.9), ('%d', True),
        ('abc', ()), ('abc', 5), ('abc', {}), ('%d', None),
        ('%.2d', 5), ('%10.4d', -5), ('%-+8.3f|', 2.5), ('%s', None),
        ('%c', 233), ('%c', -1), ('%5%', ()), ('%(x)d %(x)x', {'x': 255}),
        ('%s %(x)s', {'x': 1}), ('%(x)s %s', {'x': 1}), ('é%sö', '€'),
        ('%-5s|', 'é'), ('%x', 2**70), ('%d', -2**65), ('%#X', 48879),
        ('%+.3e', 12345.0), ('%f', float('inf')), ('%5.1f', float('nan')),
        ('%08.2f', -3.14159), ('%#o', 0), ('%o', -8), ('%s', 'é😀'),
        ('%.1s', '😀x'), ('%u', 7), ('%r', 'it\'s'), ('%a', '€'),
        ('%c%c', (0x20ac, '€')), ('%-5%|', (1,)), ('%(x)%', {'x': 1}),
        ('%-*d|', (-4, 7)), ('%e', 0.0),
        ('%g', 1e16), ('%G', 1.5e-7), ('%#g', 1.0), ('%.0f', 2.5),
        ('%ld', 5), ('%5c|', 'x'), ('%08f', float('nan')),
        ('% 08e', float('inf')), ('%-8f|', float('-inf')),
        ('%+010.2f', 3.14159), ('%#.0e', 5.0), ('%012.3g', -1e-9),
    ]
    for f, a in mods:
        add(f, 'mod', (a,))


gen()
w = sys.stdout.write
w('/* Generated by tests/objects/gen_unicode_cases.py with %s: the\n'
  ' * results python3 gives.  Do not edit by hand. */\n'
  % sys.version.split()[0])
w('typedef struct {\n    const char *recv;\n    int recvlen;\n'
  '    const char *op;\n    int nargs;\n    int ntoks;\n'
  '    const char *const *toks;\n    const char *kwnames;\n'
  '    const char *expect;\n} unicode_case;\n\n')
w('static const unicode_case unicode_cases[] = {\n')
for recv, op, nargs, toks, kw, exp in cases:
    w('    {%s, %d, "%s", %d, %d, ' % (c_string(recv),
                                  len(recv.encode('utf-8')), op, nargs,
                                  len(toks)))
    if toks:
        w('(const char *const[]){%s}, ' % ', '.join(c_string(t)
                                                   for t in toks))
    else:
        w('NULL, ')
    w('"%s", %s},\n' % (kw, c_string(exp)))
w('};\n\n')

# Hashes under a fixed seed, as python3 computes them.
HASH_TEXTS = ['', 'a', 'hello', 'abcdefgh', 'abcdefghi', 'é', 'héllo',
              '€', '€uro', '😀', 'a😀', 'ÿ', 'Ā', 'x' * 100, 'é' * 70]
w('typedef struct {\n    const char *text;\n    const char *seed;\n'
  '    long long hash;\n} hash_case;\n\n')
w('static const hash_case hash_cases[] = {\n')
for seed in ('0', '12345', '4294967295'):
    code = 'for t in %r: print(hash(t))' % (HASH_TEXTS,)
    out = subprocess.run([sys.executable, '-c', code],
                         env=dict(os.environ, PYTHONHASHSEED=seed),
                         capture_output=True, text=True,
                         check=True).stdout.split()
    for t, h in zip(HASH_TEXTS, out):
        w('    {%s, "%s", %sLL},\n' % (c_string(t), seed, h))
w('};\n\n')

# UTF-8 decoding errors.
BAD = [b'\xff', b'\xc0\x80', b'\xed\xa0\x80', b'a\xe2\x82',
       b'\xe2\x28\xa1', b'\xf4\x90\x80\x80', b'ok\x80', b'\xe0\x80\x80',
       b'\xf0\x80\x80\x80', b'\xf5\x80', b'\xe2\x82\x28',
       b'\xf0\x9f\x98', b'\xc3', b'ab\xf0\x9f\x98\x80\xfe']
w('typedef struct {\n    const char *bytes;\n    int len;\n'
  '    const char *message;\n    const char *replaced;\n} utf8_case;\n\n')
w('static const utf8_case utf8_cases[] = {\n')
for b in BAD:
    try:
        b.decode('utf-8')
        msg = ''
    except UnicodeDecodeError as e:
        msg = str(e)
    lit = ''.join('\\%03o' % x for x in b)
    w('    {"%s", %d, %s, %s},\n' % (lit, len(b), c_string(msg),
                                 c_string(b.decode('utf-8', 'replace'))))
w('};\n')

# Per-code-point classes and case mappings over the exact blocks.
w('\ntypedef struct {\n    unsigned cp;\n    const char *flags;\n'
  '    const char *lower;\n    const char *upper;\n    const char *title;\n'
  '    const char *fold;\n} ctype_case;\n\n')
w('/* flags: isupper islower isspace isalpha isdecimal isdigit isnumeric\n'
  ' * isprintable isidentifier(c) isidentifier("a"+c) linebreak */\n')
w('static const ctype_case ctype_cases[] = {\n')
LINEBREAKS = '\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029'
for lo, hi in ((0, 0x17F), (0x370, 0x3FF), (0x400, 0x4FF)):
    for cp in range(lo, hi + 1):
        ch = chr(cp)
        flags = ''.join(str(int(x)) for x in (
            ch.isupper(), ch.islower(), ch.isspace(), ch.isalpha(),
            ch.isdecimal(), ch.isdigit(), ch.isnumeric(), ch.isprintable(),
            ch.isidentifier(), ('a' + ch).isidentifier(),
            ch in LINEBREAKS))
        # capitalize() of one character is its titlecase mapping.
        w('    {0x%04x, "%s", %s, %s, %s, %s},\n' % (
            cp, flags, c_string(ch.lower()), c_string(ch.upper()),
            c_string(ch.capitalize()), c_string(ch.casefold())))
w('};\n')
