# see_cycles.py -- a cycle that reference counting cannot free, and the
# collector that can.
#
# Two objects that refer to each other keep each other's count above zero
# even when no name refers to either: deleting the names frees nothing.
# The cycle collector finds such groups: it subtracts the references that
# come from inside the group, and what is left at zero is unreachable.
#
# mem.trace() shows it happen ("gc" lines count what a collection looked
# at), and mem.graph() draws the cycle: the arrow that closes it is red.
#
#   build/minipy --heap-graph cycles.svg examples/see_cycles.py
import gc
import mem
import sys

# Everything that exists so far moves to the permanent generation, so the
# collections below look only at the objects this lesson makes.
gc.freeze()


class Person:
    def __init__(self, name):
        self.name = name
        self.friend = None


mem.trace(True, events="alloc,free,gc,ids", type="Person")

print("1. two people who are friends: a cycle")
ann = Person("Ann")
bob = Person("Bob")
ann.friend = bob
bob.friend = ann
print("   Ann's refcount:", sys.getrefcount(ann) - 1, "(the name and Bob)")
mem.graph()

print("2. del both names: nothing is freed, each keeps the other alive")
del ann
del bob
mem.graph()

print("3. the collector finds the two unreachable and frees them")
found = gc.collect()
# Their attributes live inside them (no separate dict, as in CPython
# 3.11), so the two people are all the collector has to free.
print("   gc.collect() found", found, "unreachable objects (the 2 people)")

print("4. without a cycle, reference counting alone is enough")
carl = Person("Carl")
carl.friend = Person("Dora")
del carl
print("   gc.collect() finds", gc.collect())
mem.trace(False)
gc.unfreeze()
