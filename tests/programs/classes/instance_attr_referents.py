# What the collector sees of an instance: its attribute values, then its
# class (gc.get_referents), inline or through a __dict__, for classes
# derived from object, from list and from Exception.
import gc, sys
class A:
    def __init__(self):
        self.x = [1]
        self.y = "s"
a = A()
r = gc.get_referents(a)
print(len(r), [type(t).__name__ for t in r])
object.__setattr__(a, "z", 3)
print(object.__getattribute__(a, "z"), a.z)
a.__dict__["q"] = 1
print(len(gc.get_referents(a)), [type(t).__name__ for t in gc.get_referents(a)], a.q)
print(hasattr(a, "__dict__"), a.__dict__ is a.__dict__)
class B(A):
    def __init__(self):
        super().__init__()
        self.w = 1
b = B()
print(vars(b))
print(gc.is_tracked(a))
class Big:
    pass
bb = Big()
for i in range(35):
    setattr(bb, f"n{i}", i)
print(len(bb.__dict__), bb.n34)
class E(Exception):
    pass
e = E("m")
e.code = 5
print(vars(e), e.code)
class I(int):
    pass
i = I(5)
i.tag = "t"
print(vars(i), i + 1)
class L(list):
    pass
l = L([7])
l.a = 1
print([type(t).__name__ for t in gc.get_referents(l)])
m = L([8])
print([type(t).__name__ for t in gc.get_referents(m)])
