#!/bin/sh
# Runs the programs of tests/mem/, which use minipy's own mem module and
# --trace / --heap-graph options (CPython has neither, so their expected
# output is minipy's, checked by hand when recorded):
#   tests/mem/<name>.py    the program; a first line "# args: ..." gives
#                          options to put before the file name
#   tests/mem/<name>.out   its exact stdout; the exit status must be 0
#   tests/mem/<name>.sh    instead of an .out: a check run as
#                          "sh <name>.sh MINIPY FILE.py TMPDIR" that exits 0
#                          when the program's results are right
# Usage: tools/run-mem-tests.sh [tests/mem/NAME.py ...]   (default: all)
# Environment: MINIPY (default build/minipy), MEM_TEST_WRAPPER (a command
# to run minipy under, e.g. valgrind).  MINIPYMALLOC is ignored: the
# outputs show the default allocator's pools and size classes.
# Prints one line and the start of a diff per failure, then
# "N passed, M failed"; exits 1 if anything failed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
MINIPY=${MINIPY:-build/minipy}
MEM_TEST_WRAPPER=${MEM_TEST_WRAPPER:-}
unset MINIPYMALLOC
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
[ $# -eq 0 ] && set -- tests/mem/*.py

fail() {
    failed=$((failed + 1))
    echo "FAIL $1: $2"
}

for f in "$@"; do
    base=${f%.py}
    args=$(sed -n '1s/^# args: //p' "$f")
    if [ -f "$base.sh" ]; then
        if MEM_TEST_WRAPPER="$MEM_TEST_WRAPPER" \
           sh "$base.sh" "$MINIPY" "$f" "$tmp" >"$tmp/check" 2>&1; then
            passed=$((passed + 1))
        else
            fail "$f" "$base.sh failed"
            sed -n '1,8p' "$tmp/check" | sed 's/^/    /'
        fi
        continue
    fi
    # shellcheck disable=SC2086
    MINIPYHASHSEED=0 timeout -k 5 60 $MEM_TEST_WRAPPER "$MINIPY" $args "$f" \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "$f" "exit status $rc"
        tail -n 3 "$tmp/err" | sed 's/^/    stderr: /'
    elif ! cmp -s "$tmp/out" "$base.out"; then
        fail "$f" "stdout differs"
        diff -u "$base.out" "$tmp/out" | sed -n '3,12p' | sed 's/^/    /'
    else
        passed=$((passed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
