# cycles_and_gc.py -- the garbage reference counting cannot free.
#
# Reference counting frees an object when its count reaches zero.  Objects
# that refer to each other in a cycle never get there on their own:
#
#     a --> [ . ] ----> [ . ] <-- b        after `del a, b` each list
#            ^            |                still holds the other, so both
#            +------------+                counts stay at 1 -- forever.
#
# The cycle collector (module gc) finds such groups.  For each container it
# subtracts the references that come from inside the group; whatever still
# has a positive count is referenced from outside and stays alive, and so
# does all it reaches.  The rest is unreachable garbage: the collector
# calls __del__ methods, then clears the containers, which breaks the
# cycles and lets reference counting free everything.
# gc.collect() returns how many unreachable objects it found.
import gc
import sys

gc.disable()                # no automatic collection in the middle of this
gc.collect()                # start from a clean slate
print("nothing to collect:", gc.collect())

# 1. Two lists referring to each other.
a = []
b = [a]
a.append(b)
print("a is referenced by the name a and by b:", sys.getrefcount(a) - 1)
del a, b                    # each list still holds the other
print("two-list cycle, collected:", gc.collect())

# 2. A dict that contains itself.
d = {}
d["self"] = d
del d
print("self-referencing dict, collected:", gc.collect())

# 3. A list that contains itself.
s = []
s.append(s)
del s
print("self-referencing list, collected:", gc.collect())

# 4. Without a cycle, refcounting does the whole job: nothing is left.
chain = [[[]]]
del chain
print("nested lists without a cycle, collected:", gc.collect())


# 5. A cycle of instances with __del__.  `del` frees nothing -- no message
# appears -- until the collector runs.  Since Python 3.4 (PEP 442) such
# cycles are collected; each __del__ runs exactly once, before the
# objects are torn apart.
class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__ of", self.name)


x = Resource("x")
y = Resource("y")
x.partner = y
y.partner = x
del x, y
print("deleted x and y; nothing freed yet")
found = gc.collect()
# CPython 3.11 reports 2 (the two instances).  An implementation that
# keeps each instance's attributes in a separate dict object counts
# those dicts as well, so we only check that the pair was found.
print("instance cycle collected:", found >= 2)
print("a second collection finds nothing:", gc.collect())

# 6. An object reachable from outside survives even if it is in a cycle.
keep = []
keep.append(keep)
print("cycle still named by `keep`, collected:", gc.collect())
print("it is intact:", keep[0] is keep)
keep.clear()                # break the cycle by hand ...
del keep                    # ... and refcounting frees it at once
print("after breaking it by hand, collected:", gc.collect())

# Breaking cycles yourself (clear(), setting attributes to None) frees
# memory immediately instead of waiting for the collector.
gc.enable()
print("collector enabled again:", gc.isenabled())
