# Small-int cache and interned-string hits.
import mem
import sys
part = "hel"
mem.trace(True, events="cache")
x = len([1, 2, 3])
y = x * 100
name = sys.intern(part + "lo")
again = sys.intern(part + "lo")
mem.trace(False)
print(name is again, y)
mem.trace(True, events="cache", type="str")
z = len([1])
w = sys.intern(part + "lo")
mem.trace(False)
