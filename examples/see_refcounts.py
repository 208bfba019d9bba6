# see_refcounts.py -- watching objects be born and die as references come
# and go.
#
# mem.trace() prints one line per event with the source line that caused
# it: "alloc" when an object is born, "free" when its reference count
# reaches zero and it dies on the spot.  The option ids numbers objects in
# order of birth (#1, #2, ...) instead of printing their addresses, and
# type= keeps only objects of one type, so the lines below are the same on
# every run.  The same trace is available from the command line:
#
#   build/minipy --trace=alloc,free,ids --trace-type=Node examples/see_refcounts.py
#
# mem.graph() draws the reference counts at each step (see
# see_stack_heap.py for --heap-graph).
import mem
import sys


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


mem.trace(True, events="alloc,free,ids", type="Node")

print("1. one name: a Node is born")
a = Node("a")
print("   refcount", sys.getrefcount(a) - 1)

print("2. a second name: no new object, one more reference")
b = a
print("   refcount", sys.getrefcount(a) - 1)
mem.graph()

print("3. del b: one reference less, the Node lives on")
del b
print("   refcount", sys.getrefcount(a) - 1)

print("4. a chain: a.next refers to a second Node")
a.next = Node("b")
print("   refcount of the second", sys.getrefcount(a.next) - 1)
mem.graph()

# The first Node's count reaches zero.  Tearing it down drops its
# references, so the second Node's count reaches zero too and it is freed
# before the first one's memory is given back -- all in one statement.
print("5. del a: both Nodes die, the inner one first")
del a

print("6. a temporary: born and dead within one line")
print("   name:", Node("temp").name)

print("7. rebinding frees the object the name referred to")
c = Node("c1")
c = Node("c2")
mem.trace(False)
print("done; c is", c.name)
