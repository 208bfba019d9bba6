#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets that do not read programs:
tests/fuzz/seeds_number (a base byte, a spec length byte, the spec, the
text: see tests/fuzz/fuzz_number.c) and tests/fuzz/seeds_alloc (a mode
byte and operation bytes drawn from a fixed-seed generator: see
tests/fuzz/fuzz_alloc.c).  Run from anywhere; rewrites the files."""
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

NUMBERS = [
    (10, "", "123"), (10, "", "  -000123  "), (0, "", "0x1F"),
    (0, "", "0b1010_1010"), (0, "", "0o777"), (16, "", "DEADbeef"),
    (36, "", "zzZZ_9"), (2, "", "-1"), (10, "", "1" * 4300),
    (10, "", "9" * 4301), (10, "", "12345678901234567890123456789"),
    (10, "", "1e308"), (10, "", "-0.0"), (10, "", "nan"),
    (10, "", "-Infinity"), (10, "", "1_000.5e-3"), (10, "", "0.1"),
    (10, "", "4.9e-324"), (10, "", "2.2250738585072011e-308"),
    (10, "", "9007199254740993"), (10, ",.2f", "12345"),
    (10, "+#010x", "255"), (10, "_^30.10e", "3.14159"), (10, "%", "0.125"),
    (10, ">-20,d", "-98765"), (10, "g", "1e22"), (10, ".0f", "2.5"),
    (10, "=+12.3E", "6.02e23"), (10, "c", "65"), (10, "b", "1024"),
    (10, "n", "7"), (10, "x<#8o", "8"), (8, "", "  +17  "),
]


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def main():
    number_dir = os.path.join(ROOT, "tests", "fuzz", "seeds_number")
    for i, (base, spec, text) in enumerate(NUMBERS):
        data = bytes([base, len(spec)]) + spec.encode() + text.encode()
        write(number_dir, "seed_%02d" % i, data)
    alloc_dir = os.path.join(ROOT, "tests", "fuzz", "seeds_alloc")
    rng = random.Random(7)
    for i in range(12):
        n = rng.choice([16, 64, 256, 1024])
        data = bytes([i & 3]) + bytes(rng.randrange(256) for _ in range(n))
        write(alloc_dir, "seed_%02d" % i, data)


if __name__ == "__main__":
    main()
