# The check of heap_graph_cli.py (see tools/run-mem-tests.sh):
#   sh heap_graph_cli.sh MINIPY PROGRAM TMPDIR
# --heap-graph FILE.dot gives FILE-1.dot and FILE-2.dot (the mem.graph()
# calls) and FILE.dot (at exit), each with the stack and heap clusters;
# when Graphviz's dot is installed each must parse, and --heap-graph
# FILE.svg must give SVG pictures.
set -u
minipy=$1
program=$2
dir=$3/heap_graph_cli
rm -rf "$dir"
mkdir -p "$dir" || exit 1
${MEM_TEST_WRAPPER:-} "$minipy" --heap-graph "$dir/g.dot" "$program" || exit 1
for f in g-1 g-2 g; do
    [ -s "$dir/$f.dot" ] || { echo "no $f.dot"; exit 1; }
    grep -q 'subgraph cluster_stack' "$dir/$f.dot" || { echo "$f: no stack"; exit 1; }
    grep -q 'subgraph cluster_heap' "$dir/$f.dot" || { echo "$f: no heap"; exit 1; }
done
[ -e "$dir/g-3.dot" ] && { echo "a third numbered picture"; exit 1; }
grep -q '<b>show()</b>  line 8' "$dir/g-1.dot" || { echo "g-1: no frame of show()"; exit 1; }
grep -q 'label=<\[3\] (cycle)>' "$dir/g-2.dot" || { echo "g-2: no cycle"; exit 1; }
grep -q '<b>&lt;module&gt;</b></td>' "$dir/g.dot" || { echo "g: not the exit picture"; exit 1; }
command -v dot >/dev/null 2>&1 || exit 0
for f in "$dir"/*.dot; do
    dot -Tsvg "$f" -o "$f.svg" || { echo "dot rejects $f"; exit 1; }
done
${MEM_TEST_WRAPPER:-} "$minipy" --heap-graph "$dir/p.svg" "$program" || exit 1
for f in p-1 p-2 p; do
    grep -q '<svg' "$dir/$f.svg" || { echo "$f.svg is not SVG"; exit 1; }
done
