#!/bin/sh
# Compares two builds of the library on the interpreter benchmarks, with
# the effect of code and data layout averaged out.
#
# Moving a hot loop or a hot global by a few hundred bytes changes the
# time of a program by several per cent on its own: two builds that
# execute exactly the same instructions can differ by 3% on fib.  So a
# small change cannot be timed from one pair of binaries.  This script
# links runtime/main.c with each archive LAYOUTS times, each time behind
# a padding object of a different size (shifting all code and all data),
# runs every pair of binaries RUNS times alternately on one core, and
# reports the geometric mean over layouts of the per-layout ratio of
# median CPU times (B/A: above 1, B is slower), with its standard error
# and range.
#
# Usage: tools/bench-ab.sh A/libminipy.a B/libminipy.a [PROGRAM ...]
#   PROGRAM   a name in bench/programs (default: fib int_loops list_ops)
# Environment: LAYOUTS (default 12), RUNS (default 6), CORE (default 0).
# Example, the working tree against its last commit:
#   git worktree add /tmp/base HEAD && make -C /tmp/base lib && make lib
#   tools/bench-ab.sh /tmp/base/build/libminipy.a build/libminipy.a fib
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -ge 2 ] || { sed -n '16,18p' "$0" >&2; exit 2; }
lib_a=$1
lib_b=$2
shift 2
[ $# -gt 0 ] || set -- fib int_loops list_ops
LAYOUTS=${LAYOUTS:-12}
RUNS=${RUNS:-6}
CORE=${CORE:-0}
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# link OUT PAD.c ARCHIVE: the interpreter, with PAD.c linked first.
link() {
    $CC -std=c11 -D_GNU_SOURCE -O2 -I. -Iinclude -DMP_BUILD_CORE \
        -o "$1" "$2" runtime/main.c "$3" -lm
}

# Layout i: a zeroed array and a function of sizes spread over 0..4 KiB.
i=0
while [ "$i" -lt "$LAYOUTS" ]; do
    data=$(( (i * 1097) % 4096 + 1 ))
    text=$(( (i * 2741) % 4096 + 1 ))
    printf 'char bench_pad_data[%d];\nvoid bench_pad_text(void) { __asm__ volatile(".skip %d"); }\n' \
        "$data" "$text" > "$tmp/pad$i.c"
    link "$tmp/a$i" "$tmp/pad$i.c" "$lib_a"
    link "$tmp/b$i" "$tmp/pad$i.c" "$lib_b"
    i=$((i + 1))
done

for prog in "$@"; do
    file=bench/programs/$prog.py
    [ -f "$file" ] || { echo "no $file" >&2; exit 2; }
    : > "$tmp/times"
    i=0
    while [ "$i" -lt "$LAYOUTS" ]; do
        r=0
        while [ "$r" -lt "$RUNS" ]; do
            for v in a b; do
                /usr/bin/time -f "%U %S" -o "$tmp/t" \
                    taskset -c "$CORE" "$tmp/$v$i" "$file" > /dev/null
                echo "$i $v $(cat "$tmp/t")" >> "$tmp/times"
            done
            r=$((r + 1))
        done
        i=$((i + 1))
    done
    python3 - "$prog" "$tmp/times" <<'EOF'
import collections, statistics, sys
times = collections.defaultdict(list)
for line in open(sys.argv[2]):
    layout, variant, user, system = line.split()
    times[layout, variant].append(float(user) + float(system))
ratios = [statistics.median(times[k, "b"]) / statistics.median(times[k, "a"])
          for k in sorted({k for k, _ in times}, key=int)]
n = len(ratios)
se = statistics.stdev(ratios) / n ** 0.5 if n > 1 else float("nan")
print("%-12s B/A %.3f  (s.e. %.3f, layouts %d: %.3f to %.3f)"
      % (sys.argv[1], statistics.geometric_mean(ratios), se, n,
         min(ratios), max(ratios)))
EOF
done
