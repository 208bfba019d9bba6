#!/usr/bin/env python3
"""Write bltin_iterators_cases.h: expected results of enumerate, reversed,
zip, map and filter over lists, tuples, strs and ranges, computed by the
reference interpreter (CPython 3.11).

    python3 tests/runtime/gen_bltin_iterators_cases.py \
        > tests/runtime/bltin_iterators_cases.h

Inputs are described by (kind, n) and rebuilt by the C test:
    list / tuple   [i * (i % 3) for i in range(n)]   (zeros every third)
    str            "abcdefghijklmnopqrstuvwxyz"[:n]
    range          range(n)
"""

import io
import tokenize

KINDS = ["list", "tuple", "str", "range"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
SIZES = [0, 1, 2, 3, 7, 20]


def make(kind, n):
    if kind == "list":
        return [i * (i % 3) for i in range(n)]
    if kind == "tuple":
        return tuple(i * (i % 3) for i in range(n))
    if kind == "str":
        return LETTERS[:n]
    return range(n)


def c_str(s):
    return '"' + (s.replace("\\", "\\\\").replace('"', '\\"')
                  .replace("\n", "\\n")) + '"'


def pack(*a):
    return a


def is_odd(x):
    return x % 2


def outcome(f):
    try:
        return 0, repr(f())
    except ValueError as e:
        return 1, str(e)


# Python programs run through MpRun_String: each ends with the expression
# 'out', whose repr the test compares.  The zero-argument super() needs a
# running frame, so it is tested here.
PROGRAMS = [
    ('super_zero_arg', """\
class A:
    def f(self): return "A.f"
    @classmethod
    def c(cls): return "A.c:" + cls.__name__
    def g(self, x): return x * 2
class B(A):
    def f(self):
        return "B>" + super().f()
    @classmethod
    def c(cls): return "B>" + super().c()
    def h(self):
        def inner():
            return self
        return super().f() + "|" + inner().f()
    def g(self, x): return super().g(x) + 1
class C(B):
    def f(self): return "C>" + super().f()
out = [C().f(), C.c(), C().h(), C().g(5), repr(super(B, C()))]
out"""),
    ('super_init_chain', """\
class Base:
    def __init__(self, x):
        self.x = x
    def who(self):
        return "Base"
class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def who(self):
        return "Child<" + super().who()
class Grand(Child):
    def __init__(self):
        super().__init__(7, 8)
    def who(self):
        return "Grand<" + super().who()
g = Grand()
out = [g.x, g.y, g.who(), repr(super(Child, g))]
out"""),
    ('super_in_generator', """\
class Base:
    def who(self):
        return "Base"
class Child(Base):
    def gen(self):
        for i in range(2):
            yield super().who() + str(i)
    def lam(self):
        return (lambda: super(Child, self).who())()
    def nested(self):
        def inner():
            return super(Child, self).who()
        return inner() + "!"
c = Child()
out = [list(c.gen()), c.lam(), c.nested()]
out"""),
    ('from_python', """\
out = [list(enumerate("ab", 2**63 - 1))]
out.append(list(enumerate(iterable="xy", start=-1)))
out.append(list(zip(*[[1, 2], "xy"], strict=True)))
out.append(list(map(lambda a, b: a + b, [1, 2, 3], (10, 20))))
out.append(list(filter(lambda v: v % 2, range(7))))
out.append(list(reversed(range(4))) + list(reversed([1, 2])))
it = iter([1, 2, 3])
out.append(list(zip(it, it)))
out.append(list(map(pow, [2, 3], [3, 2, 1])))
out.append(list(filter(None, [0, 1, "", "a", None, [], [0]])))
out"""),
    ('subclasses', """\
class E(enumerate):
    pass
class Z(zip):
    def __init__(self, *a, **k):
        self.note = k
class R(reversed):
    pass
z = Z([1], [2], strict=True)
e = E('ab', 1)
e.tag = 1
out = [list(e), e.tag, list(z), z.note, list(R("abc")), type(R("a"))]
out"""),
    ('super_subclass', """\
class S(super):
    pass
class A:
    def f(self): return "A.f"
class B(A):
    def f(self): return "B"
s = S(B, B())
out = [s.f(), type(s).__name__, repr(s)]
out.append(type(S(B).__get__(B(), B)).__name__)
out.append(type(super(B).__get__(B(), B)).__name__)
out"""),
    ('reversed_protocols', """\
class S:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
class RV:
    def __reversed__(self): return iter("zyx")
out = [list(reversed(S())), reversed(S()).__length_hint__(),
       list(reversed(RV()))]
out.append(type(reversed([1, 2, 3])).__name__)
out.append(type(reversed(S())).__name__)
out"""),
]

# Programs that must fail: the last line raises; the test compares the
# exception's type and message.
ERROR_PROGRAMS = [
    ('no_arguments', """\
class B:
    def noself():
        return super()
B.noself()"""),
    ('no_class_cell', """\
def plain(x):
    return super()
plain(1)"""),
    ('class_is_local', """\
def plain2(x):
    __class__ = 5
    return super()
plain2(1)"""),
    ('arg0_deleted', """\
class A:
    def f(self): return 1
class D(A):
    def f(self):
        del self
        return super().f()
D().f()"""),
    ('not_reversible', """\
class N:
    __reversed__ = None
    def __len__(self): return 3
    def __getitem__(self, i): return i
reversed(N())"""),
    ('no_len', """\
class G:
    def __getitem__(self, i): return i
reversed(G())"""),
    ('zip_strict', """\
list(zip("ab", [1], strict=True))"""),
]


def run_error_program(src):
    try:
        exec(src, {})
    except Exception as e:
        return type(e).__name__, str(e)
    raise AssertionError("no error")


def run_program(src):
    """repr of the program's last expression.  Each program stays under
    240 tokens, inside the parser's first token buffer (256), so that these
    cases test the builtins and not the growth of that buffer."""
    ns = {}
    assert len(list(tokenize.generate_tokens(io.StringIO(src).readline))) \
        < 240, "keep each program small"
    body, last = src.rstrip().rsplit("\n", 1)
    exec(body, ns)
    return repr(eval(last, ns))


def c_lines(src):
    return "\n".join("    " + c_str(line + "\n")
                     for line in src.rstrip().split("\n"))


def main():
    out = ["/* Generated by gen_bltin_iterators_cases.py from CPython %s;"
           " do not edit. */" % __import__("sys").version.split()[0]]
    starts = [None, "0", "-3", "5", "9223372036854775806",
              "18446744073709551616", "-1180591620717411303424"]
    out.append("static const struct enum_case {\n    int kind, n;\n"
               "    const char *start;\n    const char *expected;\n"
               "} enum_cases[] = {")
    for k, kind in enumerate(KINDS):
        for n in SIZES:
            for s in starts:
                x = make(kind, n)
                r = list(enumerate(x) if s is None else enumerate(x, int(s)))
                out.append("    {%d, %d, %s, %s}," % (
                    k, n, "NULL" if s is None else c_str(s), c_str(repr(r))))
    out.append("};\n")
    out.append("static const struct reversed_case {\n    int kind, n;\n"
               "    const char *expected;\n} reversed_cases[] = {")
    for k, kind in enumerate(KINDS):
        for n in SIZES:
            out.append("    {%d, %d, %s}," % (
                k, n, c_str(repr(list(reversed(make(kind, n)))))))
    out.append("};\n")
    # zip / map over 1..3 inputs: each input (kind, n).
    combos = []
    for a in range(4):
        for na in (0, 2, 3):
            combos.append(((a, na),))
            for b in range(4):
                for nb in (0, 2, 3, 5):
                    combos.append(((a, na), (b, nb)))
    combos += [((0, 3), (2, 3), (3, 3)), ((1, 2), (2, 4), (3, 3)),
               ((0, 5), (0, 5), (1, 4)), ((3, 4), (2, 4), (0, 6)),
               ((2, 3), (2, 3), (2, 3))]
    out.append("static const struct multi_case {\n    int ninputs;\n"
               "    int kind[3], n[3];\n    int strict;\n"
               "    int is_error;\n    const char *expected;\n"
               "} zip_cases[] = {")
    for c in combos:
        for strict in (0, 1):
            xs = [make(KINDS[k], n) for k, n in c]
            err, text = outcome(lambda: list(zip(*xs, strict=bool(strict))))
            ks = [k for k, n in c] + [0] * (3 - len(c))
            ns = [n for k, n in c] + [0] * (3 - len(c))
            out.append("    {%d, {%d, %d, %d}, {%d, %d, %d}, %d, %d, %s}," % (
                len(c), *ks, *ns, strict, err, c_str(text)))
    out.append("};\n")
    out.append("static const struct multi_case map_cases[] = {")
    for c in combos:
        xs = [make(KINDS[k], n) for k, n in c]
        ks = [k for k, n in c] + [0] * (3 - len(c))
        ns = [n for k, n in c] + [0] * (3 - len(c))
        out.append("    {%d, {%d, %d, %d}, {%d, %d, %d}, 0, 0, %s}," % (
            len(c), *ks, *ns, c_str(repr(list(map(pack, *xs))))))
    out.append("};\n")
    out.append("static const struct filter_case {\n    int kind, n;\n"
               "    int with_func;\n    const char *expected;\n"
               "} filter_cases[] = {")
    for k, kind in enumerate(KINDS):
        for n in SIZES:
            x = make(kind, n)
            out.append("    {%d, %d, 0, %s}," % (
                k, n, c_str(repr(list(filter(None, x))))))
            if kind != "str":
                out.append("    {%d, %d, 1, %s}," % (
                    k, n, c_str(repr(list(filter(is_odd, x))))))
    out.append("};\n")
    out.append("static const struct program_case {\n    const char *name;\n"
               "    const char *source;\n    const char *expected;\n"
               "} program_cases[] = {")
    for name, src in PROGRAMS:
        out.append("    {%s,\n%s,\n     %s}," % (
            c_str(name), c_lines(src), c_str(run_program(src))))
    out.append("};\n")
    out.append("static const struct error_program_case {\n"
               "    const char *name;\n    const char *source;\n"
               "    const char *exc_type;\n    const char *message;\n"
               "} error_program_cases[] = {")
    for name, src in ERROR_PROGRAMS:
        exc, msg = run_error_program(src)
        out.append("    {%s,\n%s,\n     %s, %s}," % (
            c_str(name), c_lines(src), c_str(exc), c_str(msg)))
    out.append("};")
    print("\n".join(out))


main()
