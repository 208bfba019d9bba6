#!/bin/sh
# Differential program tests: runs each tests/programs/<feature>/<name>.py
# with build/minipy from the repository root and compares with the results
# recorded from CPython 3.11 (see tools/gen-program-tests.sh):
# stdout exactly, the last line of stderr, and the exit status.
# Usage: tools/run-program-tests.sh [FILE.py|DIR ...]   (default: all)
# Environment:
#   MINIPY            interpreter to test (default build/minipy)
#   PROGRAM_WRAPPER   command to run it under, e.g.
#                     "valgrind --error-exitcode=9 -q --leak-check=full"
#   PROGRAM_TIMEOUT   seconds per program (default 10; 120 with a wrapper)
#   PROGRAM_VERBOSE=1 print the whole diff instead of the first lines
#   MINIPYMALLOC etc. pass through to the interpreter unchanged.
# Prints one line (plus a short diff) per failure, then "N passed, M failed"
# (and how many known differences); exits 1 if any test failed.
# Programs listed in tests/programs/known-differences (with the reason)
# are expected to differ: they count as known, and as failed if they pass.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
MINIPY=${MINIPY:-build/minipy}
PROGRAM_WRAPPER=${PROGRAM_WRAPPER:-}
if [ -n "$PROGRAM_WRAPPER" ]; then
    PROGRAM_TIMEOUT=${PROGRAM_TIMEOUT:-120}
else
    PROGRAM_TIMEOUT=${PROGRAM_TIMEOUT:-10}
fi
difflines=12
[ "${PROGRAM_VERBOSE:-0}" = 1 ] && difflines=100000
[ $# -eq 0 ] && set -- tests/programs
files=$(find "$@" -name '*.py' -type f | LC_ALL=C sort)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
known=0
known_list=tests/programs/known-differences
# The reason recorded for a known difference, or nothing.
known_reason() {
    [ -f "$known_list" ] &&
        awk -v f="$1" '$1 == f { $1 = ""; sub(/^ +/, ""); print; exit }' \
            "$known_list"
}
if [ ! -x "$MINIPY" ]; then
    echo "run-program-tests: $MINIPY not found or not executable" \
         "(run make first)"
    echo "0 passed, $(echo "$files" | grep -c .) failed"
    exit 1
fi
for f in $files; do
    base=${f%.py}
    # The wrapper is a command with arguments: split it on purpose.
    # shellcheck disable=SC2086
    MINIPYHASHSEED=${MINIPYHASHSEED:-0} timeout -k 5 "$PROGRAM_TIMEOUT" \
        $PROGRAM_WRAPPER "$MINIPY" "$f" >"$tmp/out" 2>"$tmp/stderr" \
        </dev/null
    rc=$?
    why=""
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        why="timeout after ${PROGRAM_TIMEOUT}s"
    fi
    exp_rc=0
    [ -f "$base.rc" ] && exp_rc=$(cat "$base.rc")
    if [ -z "$why" ] && [ "$rc" -ne "$exp_rc" ]; then
        why="exit status $rc, expected $exp_rc"
        [ "$rc" -ge 128 ] && why="$why (signal $((rc - 128)))"
    fi
    tail -n 1 "$tmp/stderr" >"$tmp/err"
    if [ -f "$base.err" ]; then
        cp "$base.err" "$tmp/experr"
    else
        : >"$tmp/experr"
    fi
    errbad=0
    cmp -s "$tmp/err" "$tmp/experr" || errbad=1
    outbad=0
    cmp -s "$tmp/out" "$base.out" || outbad=1
    reason=$(known_reason "$f")
    if [ -z "$why" ] && [ $errbad -eq 0 ] && [ $outbad -eq 0 ]; then
        if [ -n "$reason" ]; then
            failed=$((failed + 1))
            echo "FAIL $f: matches CPython now; remove it from $known_list"
            continue
        fi
        passed=$((passed + 1))
        continue
    fi
    if [ -n "$reason" ]; then
        known=$((known + 1))
        echo "KNOWN $f: $reason"
        continue
    fi
    failed=$((failed + 1))
    [ -z "$why" ] && [ $outbad -eq 1 ] && why="stdout differs"
    [ -z "$why" ] && why="stderr last line differs"
    echo "FAIL $f: $why"
    if [ $outbad -eq 1 ]; then
        diff -u "$base.out" "$tmp/out" | sed -n "3,$((difflines + 2))p" |
            sed 's/^/    /'
    fi
    if [ $errbad -eq 1 ]; then
        echo "    stderr expected: $(cat "$tmp/experr")"
        echo "    stderr got:      $(cat "$tmp/err")"
    fi
done
if [ "$known" -gt 0 ]; then
    echo "$passed passed, $failed failed ($known known differences)"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
