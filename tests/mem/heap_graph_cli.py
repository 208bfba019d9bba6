# Checked by heap_graph_cli.sh: --heap-graph writes one numbered picture per
# mem.graph() call and the last one at exit.
import mem


def show(values):
    total = sum(values)
    mem.graph()
    return total


numbers = [3, 1, 2]
show(numbers)
numbers.append(numbers)
mem.graph(depth=2)
