# Cycles through instance attributes are found by the collector whether
# the attributes sit in the instance or in its __dict__.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("collected", gc.collect())
c = Node("c")
c.other = c
print(len(c.__dict__))
del c
print("collected", gc.collect())
d = Node("d")
d.other = [d]
del d
print("collected", gc.collect())
e = Node("e")
e.other = 1
del e
print("end")
