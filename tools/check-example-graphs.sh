#!/bin/sh
# Runs every lesson examples/*.py with --heap-graph and has Graphviz's dot
# parse each picture it wrote (the numbered ones of its mem.graph() calls
# and the one at exit): each must give an SVG without complaint.
# Usage: tools/check-example-graphs.sh [examples/NAME.py ...] (default: all)
# Environment: MINIPY (default build/minipy).  Needs dot (Debian: graphviz).
# Prints one line per failure, then "N pictures checked, M failed"; exits 1
# if anything failed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
MINIPY=${MINIPY:-build/minipy}
command -v dot >/dev/null 2>&1 || { echo "check-example-graphs: dot not found (apt-get install graphviz)" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
[ $# -eq 0 ] && set -- examples/*.py
checked=0
failed=0
for f in "$@"; do
    name=$(basename "${f%.py}")
    if ! MINIPYHASHSEED=0 timeout 60 "$MINIPY" --heap-graph "$tmp/$name.dot" \
            "$f" >/dev/null 2>"$tmp/err" </dev/null; then
        failed=$((failed + 1))
        echo "FAIL $f: exit status $?"
        tail -n 3 "$tmp/err" | sed 's/^/    /'
        continue
    fi
    for g in "$tmp/$name.dot" "$tmp/$name"-[0-9]*.dot; do
        [ -f "$g" ] || continue
        checked=$((checked + 1))
        if ! dot -Tsvg "$g" -o "$g.svg" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
            failed=$((failed + 1))
            echo "FAIL $f: dot rejects $(basename "$g")"
            sed 's/^/    /' "$tmp/err" | head -n 3
        fi
    done
done
echo "$checked pictures checked, $failed failed"
[ "$failed" -eq 0 ]
