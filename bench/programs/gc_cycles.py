# Cycle creation and collection: reference cycles of lists, dicts and
# instances dropped and reclaimed by gc.collect().
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None


def make_garbage(n):
    for i in range(n):
        a = []
        b = [a]
        a.append(b)
        d = {"self": None}
        d["self"] = d
        x = Node(i)
        y = Node(i + 1)
        x.peer = y
        y.peer = x


gc.collect()
gc.disable()
total = 0
for rounds in range(80):
    make_garbage(5000)
    total += gc.collect()
gc.enable()
print(total >= 80 * 5000 * 5)
keep = []
for i in range(100000):
    l = [i]
    l.append(l)
    keep.append(l)
print(len(keep), gc.collect() >= 0)
del l
keep = None
print(gc.collect() >= 100000)
