#!/bin/sh
# Runs every example and compares it with the output recorded from
# CPython 3.11 (tools/gen-example-outputs.sh):
#   examples/<name>.py     under build/minipy with MINIPYHASHSEED=0;
#                          stdout must equal examples/<name>.out exactly
#                          and the exit status must be 0; the see_*
#                          lessons show the default allocator's pools and
#                          size classes, so they run with it whatever
#                          MINIPYMALLOC says;
#   $EXAMPLES_BUILD/examples/embed_* (default build/) each embedding program that has an
#                          examples/embed_<name>.out, compared the same way
#                          (build them first with `make examples`).
# Usage: tools/check-examples.sh [examples/NAME.py ...]   (default: all)
# Environment:
#   MINIPY            interpreter to run (default build/minipy)
#   EXAMPLE_WRAPPER   command to run each program under (e.g. valgrind)
#   EXAMPLE_TIMEOUT   seconds per program (default 20; 300 with a wrapper)
# Prints one line plus the start of a diff per failure, then
# "N passed, M failed"; exits 1 if anything failed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
MINIPY=${MINIPY:-build/minipy}
EXAMPLE_WRAPPER=${EXAMPLE_WRAPPER:-}
if [ -n "$EXAMPLE_WRAPPER" ]; then
    EXAMPLE_TIMEOUT=${EXAMPLE_TIMEOUT:-300}
else
    EXAMPLE_TIMEOUT=${EXAMPLE_TIMEOUT:-20}
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# check NAME EXPECTED COMMAND...: run COMMAND, compare its stdout with the
# file EXPECTED, count and report the result.
check() {
    name=$1
    expected=$2
    shift 2
    # The wrapper is a command with its options: split it into words.
    # shellcheck disable=SC2086
    MINIPYHASHSEED=${MINIPYHASHSEED:-0} timeout -k 5 "$EXAMPLE_TIMEOUT" \
        $EXAMPLE_WRAPPER "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    why=""
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        why="timeout after ${EXAMPLE_TIMEOUT}s"
    elif [ "$rc" -ne 0 ]; then
        why="exit status $rc"
        [ "$rc" -ge 128 ] && why="$why (signal $((rc - 128)))"
    fi
    if [ -z "$why" ] && cmp -s "$tmp/out" "$expected"; then
        passed=$((passed + 1))
        return
    fi
    [ -z "$why" ] && why="stdout differs"
    failed=$((failed + 1))
    echo "FAIL $name: $why"
    diff -u "$expected" "$tmp/out" | sed -n '3,10p' | sed 's/^/    /'
    [ -s "$tmp/err" ] && tail -n 3 "$tmp/err" | sed 's/^/    stderr: /'
}

embeds=""
if [ $# -eq 0 ]; then
    set -- examples/*.py
    [ -f "$1" ] || shift
    for out in examples/embed_*.out; do
        [ -f "$out" ] && embeds="$embeds $out"
    done
fi
if [ $# -gt 0 ] && ! command -v "$MINIPY" >/dev/null 2>&1; then
    echo "check-examples: $MINIPY not found or not executable" >&2
fi
for f in "$@"; do
    if [ ! -f "${f%.py}.out" ]; then
        failed=$((failed + 1))
        echo "FAIL $f: no ${f%.py}.out (run tools/gen-example-outputs.sh)"
        continue
    fi
    case "$f" in
        */see_*.py) check "$f" "${f%.py}.out" env -u MINIPYMALLOC \
                          "$MINIPY" "$f" ;;
        *) check "$f" "${f%.py}.out" "$MINIPY" "$f" ;;
    esac
done
for out in $embeds; do
    name=$(basename "${out%.out}")
    bin=${EXAMPLES_BUILD:-build}/examples/$name
    if [ ! -x "$bin" ]; then
        failed=$((failed + 1))
        echo "FAIL $bin: not built (make examples)"
        continue
    fi
    check "$bin" "$out" "$bin"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
