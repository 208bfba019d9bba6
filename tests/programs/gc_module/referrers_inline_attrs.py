# gc.get_referrers finds an instance through the attribute values it
# keeps inline, as well as through a __dict__.
import gc


class A:
    def __init__(self, v):
        self.first = 0
        self.x = v


v = [1]
a = A(v)
print([type(r).__name__ for r in gc.get_referrers(v) if type(r) is A])
w = [2]
b = A(w)
b.__dict__
print([type(r).__name__ for r in gc.get_referrers(w)])
print(gc.get_referents(a) == [0, v, A])
