# current(), peak(), reset_peak() and stats() agree with one another.
import mem
import sys

mem.reset_peak()
base = mem.current()
print(mem.peak() - base < 200)
big = [None] * 100000           # 800,056 bytes: a block of its own
grown = mem.current() - base
print(abs(grown - sys.getsizeof(big)) < 200)
del big
print(mem.current() - base < 200, mem.peak() - base >= 800056)
mem.reset_peak()
print(mem.peak() - mem.current() < 200)

s = mem.stats()
pools = s["pools"]
print(sorted(pools))
total = pools["full"] + pools["used"] + pools["empty"] + pools["untouched"]
print(total == s["arenas"] * s["arena_size"] // s["pool_size"])
in_classes = sum(c["pools"] for c in s["classes"].values())
print(in_classes == pools["full"] + pools["used"])
print(s["bytes_in_use"] == s["bytes_in_small_blocks"]
      + s["bytes_in_large_blocks"] + s["bytes_in_raw_blocks"])
print(0.0 <= s["fragmentation"] < 1.0)
print(all(size % 8 == 0 for size in s["classes"]))
