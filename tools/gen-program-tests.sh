#!/bin/sh
# Records the expected results of the program tests by running each
# tests/programs/<feature>/<name>.py under CPython 3.11:
#   <name>.out  stdout, exact (always written, possibly empty)
#   <name>.err  the last line of stderr (only when stderr is not empty)
#   <name>.rc   the exit status (only when it is not 0)
# Usage: tools/gen-program-tests.sh [FILE.py|DIR ...]   (default: every test)
# Run it from anywhere; programs run from the repository root, as the
# runner runs them.  PYTHONHASHSEED=0 and default interpreter options.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
PYTHON=${PYTHON:-python3}
ver=$("$PYTHON" --version 2>&1)
case "$ver" in
    "Python 3.11."*) ;;
    *) echo "gen-program-tests: refusing to record: need CPython 3.11," \
            "found '$ver'" >&2
       exit 2 ;;
esac
[ $# -eq 0 ] && set -- tests/programs
files=$(find "$@" -name '*.py' -type f | LC_ALL=C sort)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
for f in $files; do
    base=${f%.py}
    env -u PYTHONINTMAXSTRDIGITS -u PYTHONSTARTUP -u PYTHONPATH \
        -u PYTHONOPTIMIZE -u PYTHONWARNINGS -u PYTHONDEVMODE \
        PYTHONHASHSEED=0 timeout 20 "$PYTHON" "$f" \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ "$rc" -eq 124 ]; then
        echo "gen-program-tests: $f timed out under $PYTHON" >&2
        exit 1
    fi
    cp "$tmp/out" "$base.out"
    if [ -s "$tmp/err" ]; then
        tail -n 1 "$tmp/err" >"$base.err"
    else
        rm -f "$base.err"
    fi
    if [ "$rc" -ne 0 ]; then
        echo "$rc" >"$base.rc"
    else
        rm -f "$base.rc"
    fi
    n=$((n + 1))
done
echo "recorded $n programs with $ver"
