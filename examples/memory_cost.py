# memory_cost.py -- what objects cost, measured with sys.getsizeof.
#
# sys.getsizeof(x) is the size in bytes of the object x itself (64-bit):
#   header  8 bytes of reference count + 8 of type pointer; variable-size
#           objects add 8 for their length;
#   data    the digits of an int, the characters of a str, the slots of a
#           list or tuple (8 bytes each: one pointer per item);
#   GC      containers (list, tuple, dict) carry a hidden 16-byte header
#           that links them into the cycle collector's lists.
# It is shallow: a list's size counts its slots, not the items they point
# at.  All numbers are those of CPython 3.11.
import sys

print("None      ", sys.getsizeof(None))      # bare header
print("True      ", sys.getsizeof(True))      # bool is an int
print("float 1.5 ", sys.getsizeof(1.5))       # header + one double

# An int stores 30 bits per 4-byte "digit"; bigger numbers take more.
for n in [0, 1, 2 ** 30 - 1, 2 ** 30, 2 ** 60, 2 ** 90, -2 ** 90]:
    print("int", n, "->", sys.getsizeof(n))

# An ASCII str: 48 bytes of header, then one byte per character plus a
# terminating zero.
for s in ["", "a", "hello", "x" * 100]:
    print("str of length", len(s), "->", sys.getsizeof(s))

# A tuple: 24 bytes of header, 8 per item, 16 of GC header.
print("()          ", sys.getsizeof(()))
print("(1,)        ", sys.getsizeof(tuple([1])))
print("(1, 2, 3)   ", sys.getsizeof(tuple([1, 2, 3])))

# A list keeps its slots in a separate array and over-allocates when it
# grows, so that appending is cheap on average: the capacity goes
# 0, 4, 8, 16, 24, 32, ...  size = 56 + 8 * capacity.
grow = []
sizes = [sys.getsizeof(grow)]
for i in range(20):
    grow.append(i)
    sizes.append(sys.getsizeof(grow))
print("list sizes for 0..20 items:")
print(" ", sizes)

# How a list is built decides its capacity.  A literal of three or more
# constants is copied from a constant tuple, and the copy rounds its
# length up to an even number (4 slots); a literal of variables gets
# exactly 3 slots; appending grows 0 -> 4 as above.
a = 1
b = 2
c = 3
print("[1, 2, 3]   ", sys.getsizeof([1, 2, 3]))
print("[a, b, c]   ", sys.getsizeof([a, b, c]))
three = []
print("3 appends   ", sys.getsizeof(three), "->", end=" ")
three.append(a)
three.append(b)
three.append(c)
print(sys.getsizeof(three))

# Shallow: a list holding one huge string is as big as one holding 1.
huge = "y" * 10000
print("[huge] vs [1]", sys.getsizeof([huge]), sys.getsizeof([a]))

# A dict: 64 bytes for the dict itself; its keys and values live in a
# separate table that is allocated at the first insertion and doubled
# when two thirds of it are used.  Tables whose keys are all str store
# no hashes (the str keeps its own), so they are smaller.
d = {}
last = sys.getsizeof(d)
print("dict with 0 str keys ->", last)
for i in range(1, 23):
    d["k" + str(i)] = i
    size = sys.getsizeof(d)
    if size != last:
        print("dict with", i, "str keys ->", size)
        last = size

# With int keys each entry also stores the hash: 24 bytes, not 16.
print("{1: 1}      ", sys.getsizeof({1: 1}))
print("{'a': 1}    ", sys.getsizeof({"a": 1}))

# Deleting keys never shrinks the table; clear() does.
for i in range(1, 23):
    del d["k" + str(i)]
print("emptied by del:", sys.getsizeof(d), " after clear():", end=" ")
d.clear()
print(sys.getsizeof(d))
