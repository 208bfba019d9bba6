#!/bin/sh
# Records the expected output of each example lesson examples/<name>.py by
# running it under CPython 3.11 with PYTHONHASHSEED=0: its stdout goes to
# examples/<name>.out.  An example must run cleanly: one that exits with
# a non-zero status, writes to stderr or takes more than 20 s is not
# recorded, and the script exits 1.  The embedding examples'
# examples/embed_*.out files are written by hand and left alone.
# The lessons that use minipy's own mem module (examples/see_*.py) cannot
# run under CPython: they are recorded from $MINIPY (default build/minipy)
# with MINIPYHASHSEED=0, and their output must be checked by eye.
# Usage: tools/gen-example-outputs.sh [examples/NAME.py ...]  (default: all)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
PYTHON=${PYTHON:-python3}
MINIPY=${MINIPY:-build/minipy}
ver=$($PYTHON --version 2>&1)
case "$ver" in
    "Python 3.11."*) ;;
    *) echo "gen-example-outputs: refusing to record: need CPython 3.11," \
            "found '$ver'" >&2
       exit 2 ;;
esac
[ $# -eq 0 ] && set -- examples/*.py
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
for f in "$@"; do
    [ -f "$f" ] || { echo "gen-example-outputs: no such file $f" >&2
                     bad=$((bad + 1)); continue; }
    runner=$PYTHON
    case "$f" in
        */see_*.py) runner=$MINIPY ;;
    esac
    env -u PYTHONINTMAXSTRDIGITS -u PYTHONSTARTUP -u PYTHONPATH \
        -u PYTHONOPTIMIZE -u PYTHONWARNINGS -u PYTHONDEVMODE \
        PYTHONHASHSEED=0 MINIPYHASHSEED=0 timeout 20 "$runner" "$f" \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
        echo "gen-example-outputs: $f: exit status $rc under $runner" \
             "(not recorded)" >&2
        sed 's/^/    /' "$tmp/err" | tail -n 5 >&2
        bad=$((bad + 1))
        continue
    fi
    cp "$tmp/out" "${f%.py}.out"
    n=$((n + 1))
done
echo "recorded $n examples with $ver"
[ "$bad" -eq 0 ]
