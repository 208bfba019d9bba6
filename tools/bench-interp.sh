#!/bin/sh
# The interpreter benchmark: runs each bench/programs/<name>.py under
# build/minipy and under CPython 3.11, interleaved (minipy then CPython in
# odd rounds, the other way round in even ones), BENCH_ROUNDS times, and
# checks that every run prints exactly what the first CPython run
# printed.  Then it prints one table row per program:
#
#   program   minipy s   CPython s   CPython/minipy   RSS KiB (both)
#
# where the times are medians over the rounds and RSS is the largest
# resident set seen (GNU time's %M, i.e. the kernel's peak RSS).  A ratio
# above 1 means minipy was faster.  The last rows give the geometric mean
# of the ratios and the start-up time: an empty program run 20 times by
# each interpreter, median wall time measured here with date +%s%N.
#
# Time is CPU time (user + system) by default, which stays meaningful on
# a machine busy with other work; BENCH_CLOCK=wall measures elapsed time
# instead.  Both come from GNU time (Debian package `time`, installed
# like the build's other dependencies when missing).
#
# Usage: tools/bench-interp.sh [bench/programs/NAME.py ...]  (default: all)
# Environment:
#   BENCH_ROUNDS   rounds per program (default 5)
#   BENCH_CLOCK    cpu (default) or wall
#   BENCH_TIMEOUT  seconds allowed per run (default 300)
#   MINIPY         interpreter under test (default build/minipy)
#   CPYTHON        reference interpreter (default /usr/bin/python3.11)
# Exits 1 if a run failed, timed out or printed something different.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
MINIPY=${MINIPY:-build/minipy}
CPYTHON=${CPYTHON:-/usr/bin/python3.11}
BENCH_ROUNDS=${BENCH_ROUNDS:-5}
BENCH_CLOCK=${BENCH_CLOCK:-cpu}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-300}
TIME=/usr/bin/time
STARTUP_RUNS=20

case "$BENCH_CLOCK" in
    cpu|wall) ;;
    *) echo "bench-interp: BENCH_CLOCK must be cpu or wall" >&2; exit 2 ;;
esac
case "$BENCH_ROUNDS" in
    ''|*[!0-9]*|0) echo "bench-interp: BENCH_ROUNDS must be a positive" \
                        "integer" >&2; exit 2 ;;
esac
./tools/ensure-deps.sh time:$TIME || exit 2
for exe in "$MINIPY" "$CPYTHON"; do
    if ! command -v "$exe" >/dev/null 2>&1; then
        echo "bench-interp: $exe not found or not executable" >&2
        exit 2
    fi
done
[ $# -eq 0 ] && set -- bench/programs/*.py

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0

# median: reads numbers, one a line, prints their median.
median() {
    sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) { print "nan"; exit }
              if (NR % 2) print v[(NR + 1) / 2]
              else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run_one TAG EXE PROG: runs PROG once under EXE, appends the time to
# $tmp/TAG.t and the peak RSS to $tmp/TAG.m, compares stdout with the
# reference.  Returns 1 when the run failed or its output differs.
run_one() {
    tag=$1
    exe=$2
    prog=$3
    MINIPYHASHSEED=0 PYTHONHASHSEED=0 timeout -k 5 "$BENCH_TIMEOUT" \
        $TIME -f "%e %U %S %M" -o "$tmp/time" "$exe" "$prog" \
        >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    if [ "$rc" -ne 0 ]; then
        [ "$rc" -eq 124 ] && echo "  $tag: $prog: timeout after" \
                                  "${BENCH_TIMEOUT}s" >&2
        [ "$rc" -ne 124 ] && echo "  $tag: $prog: exit status $rc:" \
                                  "$(tail -n 1 "$tmp/err")" >&2
        return 1
    fi
    if [ ! -f "$tmp/ref" ]; then
        cp "$tmp/out" "$tmp/ref"
    elif ! cmp -s "$tmp/out" "$tmp/ref"; then
        echo "  $tag: $prog: output differs:" >&2
        diff "$tmp/ref" "$tmp/out" | head -n 6 | sed 's/^/    /' >&2
        return 1
    fi
    # GNU time may prefix a "Command exited..." line; the figures are last.
    tail -n 1 "$tmp/time" | awk -v clock="$BENCH_CLOCK" -v t="$tmp/$tag" '
        { if (clock == "wall") print $1 >> (t ".t")
          else printf "%.2f\n", $2 + $3 >> (t ".t")
          print $4 >> (t ".m") }'
}

# bench_program PROG: all rounds for one program, then its table row.
bench_program() {
    prog=$1
    name=$(basename "$prog" .py)
    rm -f "$tmp/ref" "$tmp"/mp.* "$tmp"/cp.*
    # The reference output comes from CPython, run once before timing.
    if ! run_one ref "$CPYTHON" "$prog"; then
        printf '%-16s %s\n' "$name" "CPython run failed"
        return 1
    fi
    rm -f "$tmp"/ref.*
    bad=0
    r=1
    while [ "$r" -le "$BENCH_ROUNDS" ]; do
        if [ $((r % 2)) -eq 1 ]; then
            run_one mp "$MINIPY" "$prog" || bad=1
            run_one cp "$CPYTHON" "$prog" || bad=1
        else
            run_one cp "$CPYTHON" "$prog" || bad=1
            run_one mp "$MINIPY" "$prog" || bad=1
        fi
        [ "$bad" -eq 1 ] && break
        r=$((r + 1))
    done
    if [ "$bad" -eq 1 ]; then
        printf '%-16s %s\n' "$name" "FAILED (see above; not in the mean)"
        return 1
    fi
    mp=$(median <"$tmp/mp.t")
    cp=$(median <"$tmp/cp.t")
    mprss=$(sort -g "$tmp/mp.m" | tail -n 1)
    cprss=$(sort -g "$tmp/cp.m" | tail -n 1)
    ratio=$(awk -v a="$cp" -v b="$mp" \
            'BEGIN { if (b > 0) printf "%.3f", a / b; else print "inf" }')
    printf '%-16s %10.2f %10.2f %10s %12s %12s\n' "$name" "$mp" "$cp" \
        "$ratio" "$mprss" "$cprss"
    [ "$ratio" != inf ] && echo "$ratio" >>"$tmp/ratios"
    return 0
}

# startup EXE: median wall time in ms of STARTUP_RUNS runs of an empty
# program.
startup() {
    : >"$tmp/empty.py"
    : >"$tmp/st"
    i=0
    while [ "$i" -lt "$STARTUP_RUNS" ]; do
        t0=$(date +%s%N)
        "$1" "$tmp/empty.py" >/dev/null 2>&1 </dev/null
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000)) >>"$tmp/st"
        i=$((i + 1))
    done
    median <"$tmp/st" | awk '{ printf "%.1f", $1 / 1000 }'
}

echo "minipy:  $MINIPY ($("$MINIPY" --version 2>&1 | head -n 1))"
echo "CPython: $CPYTHON ($("$CPYTHON" --version 2>&1))"
echo "$BENCH_ROUNDS rounds, median $BENCH_CLOCK time in seconds," \
     "peak RSS in KiB"
echo
printf '%-16s %10s %10s %10s %12s %12s\n' program minipy CPython \
    CPy/minipy "RSS minipy" "RSS CPython"
: >"$tmp/ratios"
for prog in "$@"; do
    bench_program "$prog" || status=1
done
geo=$(awk '$1 > 0 { s += log($1); n++ }
           END { if (n) printf "%.3f (%d programs)", exp(s / n), n
                 else print "n/a" }' "$tmp/ratios")
echo
echo "geometric mean of CPython/minipy: $geo"
mpst=$(startup "$MINIPY")
cpst=$(startup "$CPYTHON")
echo "start-up (empty program, median of $STARTUP_RUNS, wall):" \
     "minipy ${mpst} ms, CPython ${cpst} ms"
exit $status
