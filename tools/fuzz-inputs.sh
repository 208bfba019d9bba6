#!/bin/sh
# Usage: fuzz-inputs.sh NAME
# The input directories of fuzz target fuzz_NAME, one per line: the
# inputs that once failed (tests/fuzz/regress_NAME), then its seeds
# (tests/fuzz/seeds_NAME, or else the programs of tests/programs).
name=$1
[ -d "tests/fuzz/regress_$name" ] && echo "tests/fuzz/regress_$name"
if [ -d "tests/fuzz/seeds_$name" ]; then
    echo "tests/fuzz/seeds_$name"
else
    ls -d tests/programs/*/
fi
