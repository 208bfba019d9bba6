#!/usr/bin/env python3
"""Generate tests/objects/long_cases.h: int test cases with the results
CPython computes for them.

    python3 tests/objects/gen_long_cases.py > tests/objects/long_cases.h

Values are written in hexadecimal ("-0x1f"), which has no length limit,
so the tests can read any size with int(text, 0).  Doubles are written as
C hexadecimal floating constants, which are exact.
"""
import random
import sys

sys.set_int_max_str_digits(0)
rng = random.Random(20261122)


def h(v):
    return '"%s"' % hex(v)


def cstr(s):
    out = []
    for ch in s:
        if ch in '\\"':
            out.append('\\' + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.append('\\x%02x""' % ord(ch) if ord(ch) < 256 else '?')
    return '"' + ''.join(out) + '"'


def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def rand_big(ndigits30):
    return rng.getrandbits(30 * ndigits30) | (1 << (30 * ndigits30 - 1))


# Operands: signs, one digit, digit boundaries, multi-digit, and shapes
# that exercise the quotient correction of long division.
B = 1 << 30
OPERANDS = [0, 1, -1, 5, -7, 256, 257, -5, -6, B - 1, B, -B, B + 1,
            2 ** 31, 2 ** 60 - 1, 2 ** 60, -(2 ** 60), 2 ** 64 + 123,
            -(2 ** 64) + 7, 3 ** 100, -(3 ** 100), 10 ** 50 + 1,
            2 ** 200 - 1, B ** 3 - 1, B ** 2 * (B - 1) + 1,
            B ** 4 - B ** 3 + 1, rand_big(3), -rand_big(5), rand_big(9),
            rand_big(2), fact(30), -fact(40)]


def binop_cases():
    rows = []
    for a in OPERANDS:
        for b in OPERANDS:
            if b == 0:
                q = m = None
            else:
                q, m = divmod(a, b)
            rows.append((a, b, a + b, a - b, a * b, q, m))
    # Exact divisions and divisors larger than the dividend.
    for _ in range(20):
        x = rng.choice([1, -1]) * rand_big(rng.randint(1, 12))
        y = rng.choice([1, -1]) * rand_big(rng.randint(1, 12))
        for a, b in ((x * y, y), (x, y), (y, x), (x * y + 1, x)):
            q, m = divmod(a, b)
            rows.append((a, b, a + b, a - b, a * b, q, m))
    out = ['static const struct long_binop_case long_binop_cases[] = {']
    for a, b, s, d, p, q, m in rows:
        out.append('    {%s, %s, %s, %s, %s, %s, %s},' % (
            h(a), h(b), h(s), h(d), h(p),
            'NULL' if q is None else h(q), 'NULL' if m is None else h(m)))
    out.append('};')
    return out


def bitwise_cases():
    vals = [0, 1, -1, 6, -6, B - 1, -B, B, -(B + 1), 2 ** 64 - 1,
            -(2 ** 64), rand_big(4), -rand_big(4), -rand_big(2), 12345]
    out = ['static const struct long_bitwise_case long_bitwise_cases[] = {']
    for a in vals:
        for b in vals:
            out.append('    {%s, %s, %s, %s, %s},' % (
                h(a), h(b), h(a & b), h(a | b), h(a ^ b)))
    out.append('};')
    out.append('static const struct long_shift_case long_shift_cases[] = {')
    for a in [1, -1, 5, -5, B - 1, -B, rand_big(3), -rand_big(3),
              -(2 ** 90), 2 ** 90 + 1]:
        for n in [0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91, 100, 1000]:
            out.append('    {%s, %d, %s, %s, %s},' % (
                h(a), n, h(a << n), h(a >> n), h(~a)))
    out.append('};')
    return out


def base36(v):
    digits = '0123456789abcdefghijklmnopqrstuvwxyz'
    if v == 0:
        return '0'
    s, v = ('-' if v < 0 else ''), abs(v)
    out = []
    while v:
        v, r = divmod(v, 36)
        out.append(digits[r])
    return s + ''.join(reversed(out))


def base_cases():
    vals = [0, 1, -1, 9, 10, 35, 36, -36, B - 1, B, 10 ** 9 - 1, 10 ** 9,
            10 ** 18, -(10 ** 27) - 1, 2 ** 64, fact(100), fact(500),
            -(3 ** 1000), 2 ** 4000 - 1, rand_big(40), -rand_big(7)]
    out = ['static const struct long_base_case long_base_cases[] = {']
    for v in vals:
        out.append('    {%s, %s, %s, %s, %s, %s},' % (
            h(v), cstr(format(v, '#b')), cstr(format(v, '#o')),
            cstr(str(v)), cstr(format(v, '#x')), cstr(base36(v))))
    out.append('};')
    return out


def hash_cases():
    vals = [0, 1, -1, -2, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, -(2 ** 61),
            -(2 ** 61) + 1, 2 ** 100, -(2 ** 100), 3 ** 100, fact(50),
            -fact(60), B, B ** 3 - 1, rand_big(20)]
    out = ['static const struct long_hash_case long_hash_cases[] = {']
    for v in vals:
        out.append('    {%s, %dLL},' % (h(v), hash(v)))
    out.append('};')
    return out


def cdouble(x):
    if x != x or x in (float('inf'), float('-inf')):
        raise ValueError
    return x.hex() if x != 0 else ('-0.0' if str(x)[0] == '-' else '0.0')


def float_cases():
    vals = [0, 1, -1, 2 ** 53, 2 ** 53 + 1, 2 ** 53 + 3, -(2 ** 53 + 1),
            2 ** 54 + 2, 2 ** 54 + 6, 2 ** 63 - 1, 2 ** 64 - 1,
            (2 ** 53 + 1) * 2 ** 1000, 2 ** 1023, 2 ** 1024 - 2 ** 970 - 1,
            2 ** 1024 - 2 ** 970, 2 ** 1024, -(2 ** 1024), fact(170),
            fact(171), 3 ** 600, 2 ** 55 + 2 ** 2 + 1, rand_big(30)]
    out = ['static const struct long_float_case long_float_cases[] = {']
    for v in vals:
        try:
            out.append('    {%s, %s, 0},' % (h(v), cdouble(float(v))))
        except OverflowError:
            out.append('    {%s, 0.0, 1},' % h(v))
    out.append('};')
    return out


def truediv_cases():
    pairs = [(1, 3), (-1, 3), (0, -5), (0, 5), (2 ** 53 + 1, 1),
             (10 ** 30, 7), (-(10 ** 30), 7), (1, 2 ** 1074),
             (1, 2 ** 1075), (3, 2 ** 1076), (1, 2 ** 1076),
             (2 ** 1075 + 1, 2 ** 2149), (2 ** 1100, 1), (2 ** 1100, 2 ** 100),
             (2 ** 1100, 2 ** 77), (fact(200), fact(198)),
             (fact(300), 3 ** 500),
             (3 ** 500, fact(300)), (rand_big(50), rand_big(48)),
             (rand_big(40), -rand_big(41)), (2 ** 2000, 3),
             (1, rand_big(40)), (2 ** 1024 - 2 ** 970, 1),
             (2 ** 1025 - 2 ** 971 - 1, 2), (10 ** 400, 10 ** 100)]
    out = ['static const struct long_truediv_case long_truediv_cases[] = {']
    for a, b in pairs:
        try:
            out.append('    {%s, %s, %s, 0},' % (h(a), h(b), cdouble(a / b)))
        except OverflowError:
            out.append('    {%s, %s, 0.0, 1},' % (h(a), h(b)))
    out.append('};')
    return out


def pow_cases():
    triples = [(2, 10, None), (-3, 3, None), (7, 0, None), (0, 0, None),
               (2, 100, None), (3, 1000, None), (-(B + 5), 7, None),
               (2, 10, 1000), (3, 200, 2 ** 64 + 13), (-5, 3, 7),
               (5, 3, -7), (2, -1, 7), (3, -5, 2 ** 61 - 1), (5, -1, 1),
               (0, -1, 1), (-7, -3, 11), (rand_big(5), rand_big(3),
                                          rand_big(4)),
               (12, 0, 5), (12, 0, -5), (4, 5, -3)]
    out = ['static const struct long_pow_case long_pow_cases[] = {']
    for a, b, m in triples:
        r = pow(a, b) if m is None else pow(a, b, m)
        out.append('    {%s, %s, %s, %s},' % (
            h(a), h(b), 'NULL' if m is None else h(m), h(r)))
    out.append('};')
    return out


def big_cases():
    x = rng.randrange(10 ** 9999, 10 ** 10000)
    y = rng.randrange(10 ** 9999, 10 ** 10000)
    z = rng.randrange(10 ** 1499, 10 ** 1500)
    out = ['static const struct long_big_case long_big_cases[] = {']
    for a, b in ((x, y), (x, -z), (-z, y), (fact(500), 3 ** 1000)):
        q, m = divmod(a, b)
        out.append('    {%s,\n     %s,\n     %s,\n     %s, %s},' % (
            h(a), h(b), h(a * b), h(q), h(m)))
    out.append('};')
    out.append('#define LONG_FACT100 %s' % cstr(str(fact(100))))
    out.append('#define LONG_FACT500 %s' % cstr(str(fact(500))))
    out.append('#define LONG_POW3_1000 %s' % cstr(str(3 ** 1000)))
    out.append('#define LONG_POW2_4000_M1 %s' % h(2 ** 4000 - 1))
    # A long literal for the divide-and-conquer parser, made the same way
    # in the test: digit i is (7i + i/3) mod 10, the first one 9; the
    # second form has '_' after every third digit.
    text = ''.join(str((i * 7 + i // 3) % 10) for i in range(20000))
    text = '9' + text[1:]
    grouped = '_'.join(text[i:i + 3] for i in range(0, len(text), 3))
    assert int(grouped) == int(text)
    out.append('#define LONG_DC_DIGITS 20000')
    out.append('#define LONG_DC_HASH %dLL' % hash(int(text)))
    out.append('#define LONG_DC_NEG_HASH %dLL' % hash(-int(text)))
    return out


def error_cases():
    texts = [('abc', 10), ('', 10), (' ', 10), ('1_', 10), ('_1', 10),
             ('1__2', 10), ('0x', 16), ('0x1_', 0), ('0_x1', 0),
             ('010', 0), ('0_1', 0), ('0b', 0), ('0b_', 0), ('-_1', 10),
             ('+ 1', 10), ('1 2', 10), ('0x1', 10), ('12', 2), ('z', 35),
             ('1e3', 10), ('x' * 300, 10), ("it's", 10), ('1', 1),
             ('1', 37), ('1', -1), ('1' * 5000, 10), ('1' * 5000 + 'x', 10)]
    out = ['static const struct long_error_case long_error_cases[] = {']
    sys.set_int_max_str_digits(4300)    # the default limit applies
    for t, base in texts:
        try:
            int(t, base)
            raise AssertionError(t)
        except ValueError as e:
            out.append('    {%s, %d, %s},' % (cstr(t), base, cstr(str(e))))
    sys.set_int_max_str_digits(0)
    out.append('};')
    good = [('0x_1f', 0, 31), ('00_0', 0, 0), ('1_0', 0, 10),
            ('  -0x1f  ', 16, -31), ('0b1', 16, 0xb1), ('0b1', 2, 1),
            ('0O17', 0, 15), ('z', 36, 35), ('Z', 36, 35), ('+7', 0, 7),
            ('\t\n 42 \r\x0b\x0c', 10, 42), ('-0', 10, 0),
            ('1_000_000', 10, 10 ** 6), ('ff', 16, 255),
            ('-256', 10, -256), ('257', 10, 257), ('000123', 10, 123),
            ('1' * 4300, 10, int('1' * 4300))]
    out.append('static const struct long_parse_case long_parse_cases[] = {')
    for t, base, v in good:
        assert int(t, base) == v
        out.append('    {%s, %d, %s},' % (cstr(t), base, h(v)))
    out.append('};')
    return out


def main():
    lines = ['/* Generated by tests/objects/gen_long_cases.py with CPython '
             '%d.%d.%d; do not edit. */' % sys.version_info[:3],
             '#ifndef LONG_CASES_H', '#define LONG_CASES_H', '']
    for part in (binop_cases, bitwise_cases, base_cases, hash_cases,
                 float_cases, truediv_cases, pow_cases, big_cases,
                 error_cases):
        lines.extend(part())
        lines.append('')
    lines.append('#endif')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
