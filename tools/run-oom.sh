#!/bin/sh
# Out-of-memory injection (make oom): runs $OOM_RUN (tests/oom/oom_run.c)
# over Mp_Initialize, the C scenarios and each program listed in
# tests/oom/programs, first failing one allocation at a time (transient),
# then failing every allocation from the k-th on (persistent).  Runs
# $OOM_JOBS sweeps at a time, prints one line per sweep and the total of
# injected failures survived; exit status 1 if any sweep failed or died.
#
#   OOM_RUN=build/asan/oom_run tools/run-oom.sh [PROGRAM.py ...]
set -u
OOM_RUN=${OOM_RUN:-build/asan/oom_run}
OOM_JOBS=${OOM_JOBS:-2}
# UBSan aborts (so that oom_run can say which allocation it was failing).
UBSAN_OPTIONS=${UBSAN_OPTIONS:-abort_on_error=1:print_stacktrace=1}
export UBSAN_OPTIONS

if [ $# -eq 0 ]; then
    set -- $(grep -v '^#' tests/oom/programs)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One job per line: "<mode> <what>"; each writes $tmp/<n>.out.
n=0
for mode in transient persistent; do
    for what in -i -s "$@"; do
        n=$((n + 1))
        echo "$n $mode $what"
    done
done > "$tmp/jobs"

start=$(date +%s)
OOM_RUN_BIN=$OOM_RUN
export OOM_RUN_BIN
xargs -P "$OOM_JOBS" -L 1 sh -c '
    out="$0/$1.out"; flag=""
    [ "$2" = persistent ] && flag=-p
    "$OOM_RUN_BIN" $flag "$3" > "$out" 2>&1 || echo "FAILED $3" >> "$out"
' "$tmp" < "$tmp/jobs"

total=0
failed=0
i=1
while [ "$i" -le "$n" ]; do
    out="$tmp/$i.out"
    # The per-sweep lines; everything else is a finding, shown as it is.
    grep -v '^oom_run: [0-9]* injected failure' "$out"
    if grep -q '^FAILED' "$out" ||
       ! grep -q '^oom_run: [0-9]* injected failure' "$out"; then
        failed=$((failed + 1))
    fi
    survived=$(sed -n 's/^oom_run: \([0-9]*\) injected failure.*/\1/p' "$out")
    total=$((total + ${survived:-0}))
    i=$((i + 1))
done
echo "oom: $total injected allocation failures survived" \
     "($# programs, the C scenarios and Mp_Initialize, transient and" \
     "persistent) in $(( $(date +%s) - start )) s; $failed sweep(s) failed"
[ "$failed" -eq 0 ]
