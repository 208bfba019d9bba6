#!/usr/bin/env python3
"""Write tests/runtime/parser_cases.h from CPython 3.11, the oracle.

Valid sources are recorded with ast.dump() of their tree; invalid ones
with the exception class, message and line compile() reports.

Run: python3 tests/runtime/gen_parser_cases.py > tests/runtime/parser_cases.h
"""
import ast
import sys

GOOD = [
    "x = 1\n",
    "x = y = f(a, *b, k=1, **d)\n",
    "a, (b, *c) = [1, 2, 3]\n",
    "x += 1; y -= 2; z **= 3; w //= 4; v @= 5; u |= 6\n",
    "del a, b.c, d[0], e[1:2]\n",
    "if a:\n    pass\nelif b:\n    x\nelse:\n    y\n",
    "while x < 10:\n    x = x + 1\n    if x: break\n    continue\nelse:\n    pass\n",
    "for i, j in enumerate(range(3)):\n    print(i)\nelse:\n    print('done')\n",
    "def f(a, b=1, *args, c, d=2, **kw):\n    return a + b\n",
    "def g(a, /, b, *, c): pass\n",
    "def h(x: int, *y: str) -> list: pass\n",
    "lambda: 0\nlambda x, y=1, *z, **w: x\n",
    "class A(B, metaclass=M):\n    x = 1\n    def m(self): return self.x\n",
    "class C:\n    pass\n",
    "@dec\n@dec2(1)\ndef f(): pass\n",
    "try:\n    x\nexcept (A, B) as e:\n    pass\nexcept C:\n    pass\nexcept:\n    raise\nelse:\n    y\nfinally:\n    z\n",
    "try:\n    x\nfinally:\n    y\n",
    "raise E from e\nraise E\n",
    "assert x, 'message'\nassert y\n",
    "import a, b.c as d\nfrom x.y import z, w as q\nfrom . import m\nfrom .. import (n, o,)\nfrom m import *\n",
    "global a, b\nnonlocal c\n",
    "x = a if b else c\ny = not a and b or c\n",
    "x = -a ** -b * +c // d % e / f @ g - ~h\n",
    "x = a << 1 >> 2 & 3 | 4 ^ 5\n",
    "x = a < b <= c > d >= e == f != g is h is not i in j not in k\n",
    "x = [1, 2, *y]\nx = (1,)\nx = ()\nx = (1)\nx = {}\nx = {1: 2, **d, 3: 4}\nx = {1, 2, *s}\n",
    "x = [i * 2 for i in range(10) if i % 2 for j in z]\n",
    "x = {k: v for k, v in d.items()}\ny = {a for a in b}\nz = (c for c in d)\n",
    "f(x for x in y)\n",
    "x = a[1]\nx = a[1:2]\nx = a[::2]\nx = a[1:2, ::3]\nx = a[:, 1]\nx = a[()]\n",
    "x = a.b.c(d)[e].f\n",
    "x = 'a' 'b' \"c\"\ny = '''multi\nline'''\nz = r'\\n' + '\\n\\t\\x41\\u00e9\\U0001F600\\101'\n",
    "x = f'{a}'\ny = f'{a!r:>{w}} and {b:.2f}'\nz = f'{x=}'\n",
    "x = f'{{literal}} {a} {{'\n",
    "x = 'a' f'b{c}d' 'e'\n",
    "x = 1_000 + 0x_ff + 0o17 + 0b101 + 1.5 + .5 + 1e10 + 2.5e-3\n",
    "x = True, False, None, ...\n",
    "if (n := len(a)) > 10: pass\n",
    "def gen():\n    yield\n    yield x\n    y = yield from z\n    yield a, b\n",
    "x: int = 5\ny: list\n(z): int = 3\na.b: int\n",
    "print(*args, sep='', end='\\n')\n",
    "x = [\n    1,\n    2,\n]\n",
    "if x:\n    if y:\n        pass\n    z = 1\n",
    "x = 1 if y else 2 if z else 3\n",
    "x = a.b[c](d)\n",
    "def f():\n    return\n",
    "x = (yield)\n",
    "x = u'unicode'\n",
    "x = 12345678901234567890123456789\n",
    "for x, in y: pass\n",
]

BAD = [
    "1 = x\n",
    "f() = 1\n",
    "a + b = 1\n",
    "del f()\n",
    "for 1 in x: pass\n",
    "(a, 1) = x\n",
    "x + 1 += 1\n",
    "None = 1\n",
    "True = 1\n",
    "... = 1\n",
    "f'x' = 1\n",
    "[1] = 1\n",
    "a < b = 1\n",
    "not a = 1\n",
    "lambda: 1 = 1\n",
    "x if y else z = 1\n",
    "(a, b) += 1\n",
    "x = (1 2)\n",
    "print 'x'\n",
    "x y\n",
    "f(x for x in y, 1)\n",
    "f(a=1, b)\n",
    "f(**a, *b)\n",
    "def f(a=1, b): pass\n",
    "if x\n    pass\n",
    "x = \n",
    "1 +\n",
    "else: pass\n",
    "[x for x in]\n",
    "x = yield = 3\n",
    "a, *b, *c = d\n",
    "*a = 1\n",
    "del *a\n",
    "x = {1: 2, 3}\n",
    "def f(*): pass\n",
    "def f(**k, a): pass\n",
    "f'{'\n",
    "f'{x!z}'\n",
    "f'}'\n",
    "f'{}'\n",
    "x = 1 if 2\n",
    "(a.b := 1)\n",
    "def f(a, a): pass\n",
    "f(a, a=1, a=2)\n",
    "[x]: int\n",
    "try:\n    x\n",
    "if 1:\npass\n",
    "for x in y:\n",
    "x = 5\n  y = 6\n",
    "u'x' b'y'\n",
    "x = (1,\n",
    "def f(:\n",
    "class A(:\n",
    "x = [1, 2 3]\n",
    "f(a b)\n",
    "x = {'a' 1}\n",
    "while True\n    pass\n",
    "x = 0b\n",
    "print(1))\n",
    "def f()\n    pass\n",
    "class A\n    pass\n",
    "import\n",
    "from x import\n",
    "raise X from\n",
    "x = (a for a in b c)\n",
    "lambda x: yield\n",
    "a.1\n",
    "x ==\n",
    "x = ]\n",
    "f(x=)\n",
    "return x y\n",
    "x = [1, 2,, 3]\n",
    "- " * 3000 + "1\n",
]


# Sources whose node positions (ast.dump include_attributes=True) are
# compared too: tracebacks draw their markers from them.
POSITIONED = [
    "x = a + b * c\n",
    "z = x[1] // (x[0] - 1)\n",
    "(a) + b\n",
    "f(x)(y).z[1]\n",
    "a.b.c(d, e=1, *f, **g)\n",
    "x = (1, 2), 3\n",
    "y = 1,\n",
    "a < b <= (c)\n",
    "not a and (b or c)\n",
    "v = x if (y) else z\n",
    "w = -x ** 2\n",
    "lambda x, y=2: (x + y)\n",
    "[i for i in range(3) if i]\n",
    "{k: v for k, v in d}\n",
    "d = {'a': [1, 2], **e}\n",
    "s = f'{a!r:>{w}} b'\n",
    "if a:\n    b = 1\nelif c:\n    pass\nelse:\n    d[0] += 1\n",
    "def f(a, *b, c=1, **d):\n    return (a +\n            b)\n",
    "class A(B):\n    x: int = 1\n",
    "try:\n    x\nexcept E as e:\n    raise F from e\nfinally:\n    del y\n",
    "for a, b in c:\n    continue\nwhile x:\n    break\n",
    "print(x[1:2, ::3])\n",
    "global q\nassert x, 'm'\n",
    "a = b = (yield)\n",
    "x = 'caf\u00e9' + y\n",
]


def c_string(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


def main():
    w = sys.stdout.write
    w("/* Generated by tests/runtime/gen_parser_cases.py from CPython "
      "%d.%d.%d; do not edit. */\n" % sys.version_info[:3])
    w("static const struct { const char *source; const char *dump; } "
      "good_cases[] = {\n")
    for src in GOOD:
        w("    {%s,\n     %s},\n" % (c_string(src),
                                      c_string(ast.dump(ast.parse(src)))))
    w("};\n\n")
    w("static const struct { const char *source; const char *dump; } "
      "positioned_cases[] = {\n")
    for src in POSITIONED:
        tree = ast.dump(ast.parse(src), include_attributes=True)
        w("    {%s,\n     %s},\n" % (c_string(src), c_string(tree)))
    w("};\n\n")
    w("static const struct { const char *source; const char *kind; "
      "const char *msg; int lineno; } bad_cases[] = {\n")
    for src in BAD:
        try:
            compile(src, "t.py", "exec")
        except (SyntaxError, RecursionError) as e:
            msg = e.msg if isinstance(e, SyntaxError) else str(e)
            line = e.lineno if isinstance(e, SyntaxError) else 0
            w("    {%s, \"%s\", %s, %d},\n" % (
                c_string(src), type(e).__name__, c_string(msg), line or 0))
        else:
            raise SystemExit("expected an error for %r" % src)
    w("};\n")


main()
