# generations.py -- how the cycle collector decides when to run.
#
# Scanning every container for cycles is costly, and most objects die
# young, so containers are sorted by age into three generations:
#
#   generation 0  new containers           collected most often
#   generation 1  survived one collection
#   generation 2  survived two: long-lived (modules, classes, caches)
#
# gc.get_count() returns three counters:
#   count[0]  allocations of container objects minus deallocations since
#             generation 0 was last collected;
#   count[1]  collections of generation 0 since generation 1 was collected;
#   count[2]  collections of generation 1 since generation 2 was collected.
# When count[0] exceeds threshold[0] (700) generation 0 is collected; when
# count[1] exceeds threshold[1] (10) generations 0 and 1 are, and so on.
# The raw numbers include the interpreter's own bookkeeping objects, so
# this program prints only facts that hold for every run.
import gc

print("thresholds:", gc.get_threshold())
print("enabled at start:", gc.isenabled())

# A full collection resets every counter.
gc.collect()
print("after gc.collect():", gc.get_count())

# Collecting generation 0 adds one to count[1]; collecting generation 1
# resets count[0] and count[1] and adds one to count[2].
gc.collect(0)
print("after gc.collect(0):", gc.get_count())
gc.collect(1)
print("after gc.collect(1):", gc.get_count())
gc.collect(2)
print("after gc.collect(2):", gc.get_count())

# With the collector disabled, counting goes on but nothing is collected.
gc.disable()
print("enabled after disable():", gc.isenabled())
start = gc.get_count()[0]
keep = [[] for i in range(1000)]        # 1000 new lists, all kept alive
grown = gc.get_count()[0]
print("count[0] grew by at least 1000:", grown - start >= 1000)
print("count[0] is past the threshold:", grown > 700)
print("yet no collection ran:", gc.get_count()[1] == 0)

# Freeing containers takes the count down again.
del keep
print("count[0] went down after del:", gc.get_count()[0] < grown)

# Enabled, the collector runs by itself once count[0] passes 700:
# count[0] starts again from zero and count[1] goes up.
gc.collect()
gc.enable()
keep = [[] for i in range(1000)]
print("a generation-0 collection ran by itself:", gc.get_count()[1] >= 1)
print("count[0] was reset on the way:", gc.get_count()[0] < 1000)
del keep

# Which objects does the collector watch?  Only containers that could be
# part of a cycle.  ints, floats and strs cannot hold references, so they
# are never tracked.  Lists are tracked from birth.  A dict is tracked
# only once it holds something that may be tracked itself.
print("int tracked:", gc.is_tracked(12345))
print("str tracked:", gc.is_tracked("text"))
print("[] tracked:", gc.is_tracked([]))
print("{} tracked:", gc.is_tracked({}))
print("{'n': 1} tracked:", gc.is_tracked({"n": 1}))
print("{'l': []} tracked:", gc.is_tracked({"l": []}))

# A tuple is tracked when built and untracked by a collection that finds
# it holds only untrackable values.
pair = (int("1"), int("2"))
print("new tuple of ints tracked:", gc.is_tracked(pair))
gc.collect()
print("after a collection:", gc.is_tracked(pair))

# Thresholds can be changed; a lower threshold[0] means more frequent,
# smaller collections.
gc.set_threshold(100, 5, 5)
print("new thresholds:", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("restored:", gc.get_threshold())
