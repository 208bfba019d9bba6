# Births and deaths in order, numbered (ids) so the output is stable.
import mem


def make_pair():
    pair = [1, 2]
    other = pair
    return len(other)


n = 50
mem.trace(True, events="alloc,free,ids")
a = [10, 20]
b = {"key": a}
make_pair()     # a frame is born and dies, with the list it made
del a           # b still refers to the list: nothing dies
del b           # the dict frees what it holds, then itself
s = "x" * n
s = None
mem.trace(False)
print("after")
mem.trace(True, events="alloc,free,ids", type="dict")
d = {}
e = []
del d
del e
mem.trace(False)
