#!/usr/bin/env python3
"""Generate tests/objects/float_cases.h: expected values computed by
CPython 3.11 for the float, format-spec, slice and range tests.

Run from the repository root:  python3 tests/objects/gen_float_cases.py
The output is deterministic (fixed random seed).

    python3 tests/objects/gen_float_cases.py --check-repr [N]

instead builds a small program against build/libminipy.a (run `make lib`
first) and compares MpOS_double_to_repr with repr() for N (default
100000) random doubles of every magnitude, printing the mismatches.
"""
import math
import os
import random
import struct
import subprocess
import sys
import tempfile

OUT = "tests/objects/float_cases.h"
rng = random.Random(20241122)


def bits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def cstr(s):
    """A C string literal holding the UTF-8 of s."""
    out = '"'
    for byte in s.encode("utf-8"):
        c = chr(byte)
        if c == '"' or c == "\\":
            out += "\\" + c
        elif 32 <= byte < 127 and c != "?":
            out += c
        else:
            out += "\\%03o" % byte
    return out + '"'


def outcome(fn):
    """('ok', value) or (exception name, message)."""
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - we record any exception
        return (type(e).__name__, str(e))


def exc_c(name):
    return "NULL" if name == "ok" else "\"%s\"" % name


# ---- repr ----------------------------------------------------------------

def repr_values():
    vals = [0.0, -0.0, 0.1 + 0.2, 1e16, 1e-5, 123456789012345678.0,
            float("inf"), float("-inf"), float("nan"), 1e15, 1e-4, 1.5,
            5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
            2.2250738585072009e-308, 9007199254740993.0, 0.3, 2.675,
            1e22, 1e23, 100.0, 1234.5]
    for e in range(-1074, 1024, 7):
        vals.append(2.0 ** e)
        vals.append(math.nextafter(2.0 ** e, 0.0))
        vals.append(math.nextafter(2.0 ** e, math.inf))
    for e in range(-323, 309, 3):
        vals.append(float("1e%d" % e))
    while len(vals) < 2000:
        k = rng.random()
        if k < 0.45:
            v = from_bits(rng.getrandbits(64))
        elif k < 0.6:
            v = from_bits(rng.getrandbits(52))          # subnormal
        elif k < 0.8:
            v = rng.uniform(-1, 1) * 10.0 ** rng.randint(-300, 300)
        else:
            v = round(rng.uniform(-1e5, 1e5), rng.randint(0, 6))
        vals.append(v)
    return vals


# ---- format specs --------------------------------------------------------

INT_VALUES = [0, 1, -1, 7, -42, 255, 1234, -1234567, 65, 2 ** 64,
              -(2 ** 100) + 3, 10 ** 20, 0x1F600, True]
FLOAT_VALUES = [0.0, -0.0, 1.0, -1.5, 0.1, 1234.5678, -1234567.891,
                1e16, 1e-7, 123456789.0, 2.5, 0.125, 1e300, 5e-324,
                float("inf"), float("-inf"), float("nan"), 99.995,
                0.0001234, -0.0004]
STR_VALUES = ["", "a", "abc", "hello world", "日本語", "x\u00e9y"]

SPEC_PARTS = {
    "fill": ["", "", "", "*", "0", "日", "<"],
    "align": ["", "", "<", ">", "^", "="],
    "sign": ["", "", "+", "-", " "],
    "z": ["", "", "", "z"],
    "alt": ["", "", "#"],
    "zero": ["", "", "0"],
    "width": ["", "", "1", "8", "12", "20"],
    "group": ["", "", "", ",", "_"],
    "prec": ["", "", ".0", ".1", ".3", ".10"],
}
TYPES = {
    "int": ["", "d", "b", "o", "x", "X", "c", "n", "e", "f", "g", "%",
            "s", "E", "G"],
    "float": ["", "e", "E", "f", "F", "g", "G", "n", "%", "d"],
    "str": ["", "s", "d"],
}
EXTRA_SPECS = ["abc", ".", ",_", "_,", "99999999999999999999", "{", "=",
               "<<", "010,", "08,", "09,", "04,", "0", "00", ",x", "_n",
               "\x01", "é", "z+", "^+9", "#.0e", "0=+10,", "x<2.1", "^2",
               ".0", "<10.2", ",c", "+c", "#c", ".2c", ".2d", "_o", "_b",
               "_x", "#08x", "#X", " ", "z.0f", "012,.1f", "=+010,"]


def random_spec(kind):
    p = SPEC_PARTS
    fill = rng.choice(p["fill"])
    align = rng.choice(p["align"])
    if not align:
        fill = ""
    return (fill + align + rng.choice(p["sign"]) + rng.choice(p["z"])
            + rng.choice(p["alt"]) + rng.choice(p["zero"])
            + rng.choice(p["width"]) + rng.choice(p["group"])
            + rng.choice(p["prec"]) + rng.choice(TYPES[kind]))


def format_cases():
    cases = []
    pools = [("int", INT_VALUES), ("float", FLOAT_VALUES),
             ("str", STR_VALUES)]
    for kind, values in pools:
        for spec in EXTRA_SPECS:
            for v in values[:6]:
                cases.append((kind, v, spec))
        for _ in range(300):
            cases.append((kind, rng.choice(values), random_spec(kind)))
    out = []
    for kind, v, spec in cases:
        res = outcome(lambda: format(v, spec))
        out.append((kind, v, spec, res))
    return out


def value_c(kind, v):
    if kind == "int":
        if v is True:
            return "\"True\""
        return "\"%d\"" % v
    if kind == "float":
        return "0x%016xULL" % bits(v)
    return cstr(v)


# ---- arithmetic, hash, round, parse, compare ------------------------------

ARITH_VALUES = [0.0, -0.0, 1.0, -2.5, 7.0, -3.0, 0.1, 1e308, 5e-324,
                float("inf"), float("-inf"), float("nan")]
OPS = ["+", "-", "*", "/", "//", "%", "**", "divq", "divr"]


def arith(a, b, op):
    if op == "divq":
        return divmod(a, b)[0]
    if op == "divr":
        return divmod(a, b)[1]
    return eval("a %s b" % op)


def arith_cases():
    out = []
    for a in ARITH_VALUES:
        for b in ARITH_VALUES:
            for op in OPS:
                res = outcome(lambda: arith(a, b, op))
                if res[0] == "ok" and isinstance(res[1], complex):
                    res = ("ValueError", "negative number cannot be raised "
                           "to a fractional power")
                out.append((a, b, op, res))
    return out


def hash_values():
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.1, 1e100, 1.5e-300,
            float("inf"), float("-inf"), 2.0 ** 61, 2.0 ** 61 - 2.0 ** 9,
            2.0 ** 62, -(2.0 ** 63), 1e308, 5e-324, 3.25, 1 / 3, 2.0 ** -61]
    while len(vals) < 200:
        v = from_bits(rng.getrandbits(64))
        if not math.isnan(v):
            vals.append(v)
    return vals


def round_cases():
    out = []
    base = [2.675, 0.125, 0.375, 2.5, -2.5, 1.0005, 1234.5678, 1e300,
            1.7976931348623157e308, 5e-324, 0.0, -0.0, 123456789.0,
            float("inf"), float("nan"), 0.5, 1.5, 99.995]
    for v in base:
        for nd in [-400, -308, -10, -3, -2, -1, 0, 1, 2, 3, 10, 17, 330]:
            out.append((v, nd, outcome(lambda: round(v, nd))))
    for _ in range(300):
        v = rng.uniform(-1, 1) * 10.0 ** rng.randint(-20, 20)
        nd = rng.randint(-22, 22)
        out.append((v, nd, outcome(lambda: round(v, nd))))
    return out


PARSE_INPUTS = ["1.5", " -inf ", "1e10", "nan", "NaN", "-NAN", "+Infinity",
                "infinit", "1_0.5", "1__0", "_1", "1_", "1_.5", "1._5",
                "1e1_0", "1e_1", "", " ", "1e", ".e1", ".5", "5.", "+.5e-3",
                "0x10", "nan(1)", "1.5x", "  \t\n12\r ", "\u20031.25\u2003",
                "1e500", "-1e500", "1e-400", "00012", "1.2.3", "--1",
                "\xa01.5\x85", "123456789012345678901234567890",
                "2.5E+3", "e5",
                "0.1e-0_1", "+", "-", "inf inity", "9" * 400]


def compare_cases():
    out = []
    floats = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0 ** 53, 2.0 ** 53 + 2,
              -(2.0 ** 53), 1e20, -1e20, 2.0 ** 100, 1e308,
              float("inf"), float("-inf"), float("nan"), 123.75,
              4503599627370497.5, -4503599627370497.5]
    ints = [0, 1, -1, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, 10 ** 20,
            -(10 ** 20), 2 ** 100, 2 ** 100 + 1, 2 ** 1100, -(2 ** 1100),
            123, 124, 4503599627370497, 4503599627370498,
            -4503599627370497, -4503599627370498, 2 ** 49 + 1]
    for f in floats:
        for i in ints:
            out.append((f, i, (f < i, f == i, f > i)))
    return out


HEX_INPUTS = ["0x1.8p1", "1.8p1", " -0X1P-2 ", "inf", "-Infinity", "nan",
              "0x", "0x.p1", "0x1p", "1p99999", "0x1.fffffffffffff8p1023",
              "0x1.fffffffffffff7p1023", "0x.8", "0x1_0", "abc",
              "0x1p-1075", "0x1.00000000000008p0", "1.", ".1", "0x1.8p+1",
              "0x0.0000000000001p-1022", "-0x0p0", "0x1p-1074", "0xg",
              "0x1p1x", "\u00e91"]


def hex_values():
    vals = [0.0, -0.0, 1.5, 5e-324, 1e308, -2.5, 2.2250738585072014e-308,
            0.1, float("inf"), float("-inf"), float("nan"), 1 / 3]
    while len(vals) < 60:
        v = from_bits(rng.getrandbits(64))
        if not math.isnan(v):
            vals.append(v)
    return vals


# ---- slices and ranges ---------------------------------------------------

def slice_cases():
    bounds = [None, 0, 1, -1, 3, -3, 5, -5, 10, -10, 100, -100,
              2 ** 63 - 1, -(2 ** 63), 2 ** 70, -(2 ** 70)]
    steps = [None, 1, 2, -1, -2, 3, -3, 7, 2 ** 63 - 1, -(2 ** 63), 0,
             2 ** 70]
    out = []
    for _ in range(600):
        s = slice(rng.choice(bounds), rng.choice(bounds), rng.choice(steps))
        n = rng.choice([0, 1, 2, 5, 10, 17])
        res = outcome(lambda: s.indices(n))
        if res[0] == "ok":
            res = ("ok", res[1] + (len(range(*res[1])),))
        out.append((s, n, res))
    return out


def sl(v):
    return "NULL" if v is None else "\"%d\"" % v


def range_cases():
    args = [(10,), (0, 10), (0, 10, 2), (10, 0, -3), (5, 5), (-7, 7, 3),
            (2 ** 64, 2 ** 64 + 10, 3), (-(2 ** 70), 2 ** 70, 2 ** 68),
            (0, 2 ** 65), (1, 0), (3, -3, -1), (0, 100, 7)]
    out = []
    for a in args:
        r = range(*a)
        probes = [0, 1, -1, 3, 5, 6, 9, -7, 2 ** 64 + 3, 2 ** 70,
                  2 ** 68 - 2 ** 70, 98]
        exc, length = outcome(lambda: len(r))
        if exc != "ok":
            length = None
        items = [outcome(lambda: r[i]) for i in [0, 1, -1, 2]]
        out.append((a, repr(r), length, [p in r for p in probes], probes,
                    items))
    return out


# ---- writer ----------------------------------------------------------------

def emit(f):
    w = f.write
    w("/* Generated by tests/objects/gen_float_cases.py from CPython %s.\n"
      " * Do not edit. */\n" % sys.version.split()[0])
    w("#include <stdint.h>\n\n")

    w("static const struct { uint64_t bits; const char *repr; } "
      "repr_cases[] = {\n")
    for v in repr_values():
        w("    {0x%016xULL, \"%s\"},\n" % (bits(v), repr(v)))
    w("};\n\n")

    w("/* kind: 'i' int (value is its decimal text, or True), 'f' float\n"
      " * (value in bits), 's' str.  exc NULL: expected holds the result;\n"
      " * else the exception name and expected its message. */\n")
    w("static const struct { char kind; const char *ivalue; "
      "uint64_t fbits;\n    const char *svalue; const char *spec; "
      "const char *exc;\n    const char *expected; } format_cases[] = {\n")
    for kind, v, spec, (exc, res) in format_cases():
        k = kind[0]
        iv = value_c(kind, v) if k == "i" else "NULL"
        fb = value_c(kind, v) if k == "f" else "0"
        sv = value_c(kind, v) if k == "s" else "NULL"
        w("    {'%s', %s, %s, %s, %s, %s, %s},\n"
          % (k, iv, fb, sv, cstr(spec), exc_c(exc), cstr(res)))
    w("};\n\n")

    w("/* op: + - * / // %% ** divq divr; exc NULL: result in rbits. */\n")
    w("static const struct { uint64_t a, b; const char *op; "
      "const char *exc;\n    const char *msg; uint64_t rbits; } "
      "arith_cases[] = {\n")
    for a, b, op, (exc, res) in arith_cases():
        if exc == "ok":
            w("    {0x%016xULL, 0x%016xULL, \"%s\", NULL, NULL, "
              "0x%016xULL},\n" % (bits(a), bits(b), op, bits(res)))
        else:
            w("    {0x%016xULL, 0x%016xULL, \"%s\", \"%s\", %s, 0},\n"
              % (bits(a), bits(b), op, exc, cstr(res)))
    w("};\n\n")

    w("static const struct { uint64_t bits; int64_t hash; } "
      "hash_cases[] = {\n")
    for v in hash_values():
        w("    {0x%016xULL, %dLL},\n" % (bits(v), hash(v)))
    w("};\n\n")

    w("static const struct { uint64_t bits; long ndigits; "
      "const char *exc;\n    const char *msg; uint64_t rbits; } "
      "round_cases[] = {\n")
    for v, nd, (exc, res) in round_cases():
        if exc == "ok":
            w("    {0x%016xULL, %d, NULL, NULL, 0x%016xULL},\n"
              % (bits(v), nd, bits(res)))
        else:
            w("    {0x%016xULL, %d, \"%s\", %s, 0},\n"
              % (bits(v), nd, exc, cstr(res)))
    w("};\n\n")

    w("/* exc NULL: repr of the result in 'expected'. */\n")
    w("static const struct { const char *text; const char *exc; "
      "const char *expected; } parse_cases[] = {\n")
    for s in PARSE_INPUTS:
        exc, res = outcome(lambda: float(s))
        w("    {%s, %s, %s},\n" % (cstr(s), exc_c(exc),
                                  cstr(repr(res) if exc == "ok" else res)))
    w("};\n\n")

    w("/* float.hex() and as_integer_ratio() (NULL num: an error). */\n")
    w("static const struct { uint64_t bits; const char *hex; "
      "const char *num, *den; } hex_cases[] = {\n")
    for v in hex_values():
        exc, ratio = outcome(v.as_integer_ratio)
        if exc == "ok":
            nd = "\"%d\", \"%d\"" % ratio
        else:
            nd = "NULL, NULL"
        w("    {0x%016xULL, \"%s\", %s},\n" % (bits(v), v.hex(), nd))
    w("};\n\n")

    w("/* float.fromhex(); exc NULL: repr of the result. */\n")
    w("static const struct { const char *text; const char *exc; "
      "const char *expected; } fromhex_cases[] = {\n")
    for t in HEX_INPUTS:
        exc, res = outcome(lambda: float.fromhex(t))
        w("    {%s, %s, %s},\n" % (cstr(t), exc_c(exc),
                                  cstr(repr(res) if exc == "ok" else res)))
    w("};\n\n")

    w("static const struct { uint64_t fbits; const char *ival; "
      "int lt, eq, gt; } compare_cases[] = {\n")
    for fv, iv, (lt, eq, gt) in compare_cases():
        w("    {0x%016xULL, \"%d\", %d, %d, %d},\n"
          % (bits(fv), iv, lt, eq, gt))
    w("};\n\n")

    w("/* start/stop/step: decimal text or NULL for None.  exc NULL:\n"
      " * slice.indices(length) and the slice length. */\n")
    w("static const struct { const char *start, *stop, *step; "
      "long length;\n    const char *exc; const char *msg; "
      "const char *r_start, *r_stop, *r_step; long r_len;\n"
      "} slice_cases[] = {\n")
    for s, n, (exc, res) in slice_cases():
        if exc == "ok":
            w("    {%s, %s, %s, %d, NULL, NULL, \"%d\", \"%d\", \"%d\", %d},\n"
              % (sl(s.start), sl(s.stop), sl(s.step), n, *res))
        else:
            w("    {%s, %s, %s, %d, \"%s\", %s, NULL, NULL, NULL, 0},\n"
              % (sl(s.start), sl(s.stop), sl(s.step), n, exc, cstr(res)))
    w("};\n\n")

    w("#define RANGE_PROBES 12\n")
    w("static const struct { int nargs; const char *args[3]; "
      "const char *repr;\n    long length; /* -1: too large */\n"
      "    const char *probes[RANGE_PROBES]; int contains[RANGE_PROBES];\n"
      "    const char *items[4]; /* r[0], r[1], r[-1], r[2]; NULL: "
      "IndexError */\n} range_cases[] = {\n")
    for a, rep, length, contains, probes, items in range_cases():
        args = ", ".join("\"%d\"" % x for x in a)
        args += ", NULL" * (3 - len(a))
        its = ", ".join("\"%d\"" % v if e == "ok" else "NULL"
                        for e, v in items)
        w("    {%d, {%s}, %s, %d,\n     {%s},\n     {%s},\n     {%s}},\n"
          % (len(a), args, cstr(rep), -1 if length is None else length,
             ", ".join("\"%d\"" % p for p in probes),
             ", ".join(str(int(c)) for c in contains), its))
    w("};\n")


CHECK_DRIVER = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "minipy.h"
int main(void) {
    char line[64], buf[40];
    while (fgets(line, sizeof line, stdin)) {
        unsigned long long b = strtoull(line, NULL, 16);
        double v;
        memcpy(&v, &b, sizeof v);
        MpOS_double_to_repr(v, buf, sizeof buf);
        puts(buf);
    }
    return 0;
}
"""


def random_double_bits():
    k = rng.random()
    if k < 0.4:
        return rng.getrandbits(64)
    if k < 0.55:
        return rng.getrandbits(52)                      # subnormal
    if k < 0.7:
        return bits(2.0 ** rng.randint(-1074, 1023))    # powers of two
    if k < 0.85:
        return bits(float("%de%d" % (rng.randint(1, 10 ** rng.randint(1, 17)),
                                     rng.randint(-330, 300))))
    return bits(round(rng.uniform(-1e6, 1e6), rng.randint(0, 8)))


def check_repr(count):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "driver.c")
        exe = os.path.join(tmp, "driver")
        with open(src, "w") as f:
            f.write(CHECK_DRIVER)
        subprocess.run(["cc", "-O2", "-Iinclude", src, "-o", exe,
                        "build/libminipy.a", "-lm"], check=True)
        values = [random_double_bits() for _ in range(count)]
        out = subprocess.run([exe], input="".join("%x\n" % b
                                                  for b in values),
                             capture_output=True, text=True,
                             check=True).stdout.split("\n")
    bad = 0
    for b, got in zip(values, out):
        want = repr(from_bits(b))
        if got != want:
            bad += 1
            print("mismatch: bits %016x repr %s got %s" % (b, want, got))
    print("%d doubles checked, %d mismatches" % (count, bad))
    return 1 if bad else 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--check-repr":
        sys.exit(check_repr(int(sys.argv[2]) if len(sys.argv) > 2
                            else 100000))
    with open(OUT, "w", encoding="utf-8") as f:
        emit(f)


if __name__ == "__main__":
    main()
