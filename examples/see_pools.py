# see_pools.py -- where objects live: blocks in pools in arenas.
#
# Small objects (512 bytes or less) do not come from malloc one by one.
# The allocator takes arenas of 1 MiB from the system, cuts each into
# pools of 4 KiB, and gives each pool one size class: every block in it
# has the same size, a multiple of 8.  A 24-byte float goes in a block of
# the 24-byte class, a 56-byte empty list in the 56-byte class.
#
#   mem.stats()  the numbers, as a dict, with the bytes the blocks were
#                asked for
#   mem.map()    the arenas drawn as text: one row per arena, one
#                character per pool (its size class, '-' empty, '.' never
#                used) with '#' under full pools and '+' under the others
#   mem.dump()   the table CPython's sys._debugmallocstats() prints
#   mem.current(), mem.peak()   bytes in use now and at most
#
# The map and the table change whenever minipy itself changes, so this
# lesson only prints them when asked:
#
#   build/minipy examples/see_pools.py --map
import mem
import sys

show_map = "--map" in sys.argv


def class_of(stats, size):
    """(pools, blocks in use) of the size class of 'size'-byte blocks."""
    c = stats["classes"].get(size, {"pools": 0, "blocks": 0})
    return c["pools"], c["blocks"]


print("a float is", sys.getsizeof(1.5), "bytes: a block of the 24-byte class")
before = mem.stats()
floats = [i + 0.5 for i in range(1000)]
after = mem.stats()
pools0, blocks0 = class_of(before, 24)
pools1, blocks1 = class_of(after, 24)
print("1000 floats later, blocks in use in that class grew by 1000 or so:",
      1000 <= blocks1 - blocks0 <= 1010)
per_pool = (after["pool_size"] - 48) // 24
print("a 4 KiB pool holds", per_pool, "of them (after its 48-byte header),")
print("so about", 1000 // per_pool + 1, "more pools:",
      5 <= pools1 - pools0 <= 7)
print("the list of 1000 pointers is", sys.getsizeof(floats),
      "bytes: over 512, so its items array comes from malloc")

pools = after["pools"]
print("every pool is full, used, empty or never used:",
      pools["full"] + pools["used"] + pools["empty"] + pools["untouched"]
      == after["arenas"] * after["arena_size"] // after["pool_size"])
if show_map:
    mem.map()

# A pool hands out whole blocks, so every request is rounded up to its
# size class: a str of 10 ASCII characters asks for 59 bytes and takes a
# 64-byte block.  From "import mem" on, the allocator records what each
# small block asked for, and mem.stats() sets that beside what the blocks
# take (the blocks minipy made while starting up stay unrecorded).
print("a 10-character str asks for", sys.getsizeof("0123456789"),
      "bytes and takes a 64-byte block")
s = mem.stats()
lost = s["bytes_in_recorded_blocks"] - s["bytes_requested"]
print("rounding up the requests since the import costs",
      "under 5% of their blocks:",
      0 < lost < s["bytes_in_recorded_blocks"] // 20)

# The peak remembers the most memory in use at once.  Of 2000 empty lists
# (56 bytes each, plus the 16 kB outer list), 80 stay behind when they
# die: a free list keeps them for the next lists made, as CPython's does.
mem.reset_peak()
start = mem.current()
big = [[] for i in range(2000)]
del big
grew = mem.peak() - start
print("2000 lists at once took", grew // 1000, "kB at the peak;",
      "now", max(0, mem.current() - start) // 1000, "kB are left")

del floats
freed = mem.stats()
print("after del floats, the 24-byte class is back where it started:",
      abs(class_of(freed, 24)[1] - blocks0) <= 10)
print("its emptied pools wait, empty, for any size class:",
      freed["pools"]["empty"] >= after["pools"]["empty"])
if show_map:
    mem.map()
