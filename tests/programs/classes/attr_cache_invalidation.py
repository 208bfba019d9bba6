# Attribute lookups give the right answer after the classes or the
# instances change under a loop that has run the same lookups before.
class A:
    step = 1

    def f(self):
        return "A.f"

    def __init__(self):
        self.x = 0


class B(A):
    pass


def probe(objs, rounds=3):
    out = []
    for _ in range(rounds):
        for o in objs:
            out.append((o.f(), o.step, o.x))
    return out[-len(objs):]


a, b = A(), B()
print(probe([a, b]))
A.f = lambda self: "new A.f"
print(probe([a, b]))
A.step = 2
print(probe([a, b]))
B.step = 3
print(probe([a, b]))
a.f = lambda: "own f"
print(probe([a, b]))
b.__dict__["step"] = 4
print(probe([a, b]))
del a.f
print(probe([a, b]))


class C:
    def __init__(self, v):
        self.v = v


def read_v(objs):
    return [o.v for o in objs]


cs = [C(1), C(2)]
print(read_v(cs), read_v(cs))
C.v = property(lambda self: "property")
print(read_v(cs))
del C.v
print(read_v(cs))
C.__getattr__ = lambda self, name: "getattr " + name
del cs[0].v
print(read_v(cs), read_v(cs))


class D:
    pass


def store(o, n):
    for i in range(n):
        o.w = i
    return o.w


d = D()
print(store(d, 3), store(d, 5))
del d.w
print(store(d, 2), vars(d))
D.w = property(lambda self: "ro")
try:
    store(d, 1)
except AttributeError as e:
    print("AttributeError:", e)


class E1:
    def g(self):
        return 1


class E2:
    def g(self):
        return 2


class E3:
    def g(self):
        return 3


print([o.g() for o in [E1(), E2(), E3()] * 3])
lst = [[], [], []]


class L(list):
    pass


for x in lst + [L()]:
    for i in range(3):
        x.append(i)
print(lst, L([1]) + [2])


class S:
    n = 0

    def bump(self):
        S.n += 1
        return S.n


s = S()
print([s.bump() for _ in range(4)], s.n)
t = S()
t.n = 10
print(t.n, s.n, [o.n for o in (s, t, s, t)])
