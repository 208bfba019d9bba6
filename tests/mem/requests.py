# mem.stats() sets the bytes small blocks asked for beside the bytes their
# blocks take; every request made since the import is recorded.
import mem
import sys


def totals(s):
    """The recorded blocks, their requests and their bytes, summed over
    the size classes."""
    c = s["classes"]
    return (sum(v["blocks_recorded"] for v in c.values()),
            sum(v["bytes_requested"] for v in c.values()),
            sum(size * v["blocks_recorded"] for size, v in c.items()))


s = mem.stats()
print(sorted(k for k in s if "record" in k or "request" in k))
print(sorted(s["classes"][32]))
print(totals(s) == (s["blocks_recorded"], s["bytes_requested"],
                    s["bytes_in_recorded_blocks"]))
print("minipy's own start-up blocks are unrecorded:",
      s["blocks_unrecorded"] > 0)
print(s["blocks_recorded"] + s["blocks_unrecorded"]
      == sum(v["blocks"] for v in s["classes"].values()))
print("each block rounds its request up by less than 8 bytes:",
      all((size - 7) * v["blocks_recorded"] <= v["bytes_requested"]
          <= size * v["blocks_recorded"]
          for size, v in s["classes"].items()))

# 300 strs of 10 ASCII characters: 59 bytes each, in 64-byte blocks.
words = [None] * 300
before = mem.stats()["classes"][64]
for i in range(300):
    words[i] = "%010d" % i
after = mem.stats()["classes"][64]
grew = after["blocks_recorded"] - before["blocks_recorded"]
asked = after["bytes_requested"] - before["bytes_requested"]
# (the stats dicts themselves may take a 64-byte block or two)
print(sys.getsizeof(words[0]), 300 <= grew <= 302,
      0 <= asked - 300 * 59 <= 2 * 64)
del words
gone = mem.stats()["classes"][64]
print(gone["blocks_recorded"] - before["blocks_recorded"] <= 2,
      gone["bytes_requested"] - before["bytes_requested"] <= 2 * 64)
