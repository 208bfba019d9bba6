# Instance attributes keep insertion order whatever way they are stored:
# set in the class's usual order, in another order, deleted and re-added,
# and past 30 names.
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(vars(p))
q = P.__new__(P)
q.y = 20
q.x = 10
print(vars(q), q.x, q.y)
r = P(3, 4)
del r.x
print(vars(r))
r.x = 5
print(vars(r), r.x)
s = P(6, 7)
s.z = 8
print(s.z, vars(s))
s.__dict__["w"] = 9
print(s.w, vars(s))
t = P(0, 0)
for i in range(40):
    setattr(t, "a" + str(i), i)
print(len(vars(t)), t.a0, t.a39, list(vars(t))[:4], list(vars(t))[-2:])
u = P(1, 1)
name = "".join(["x"])
print(getattr(u, name), hasattr(u, "nope"))
setattr(u, name, 99)
print(u.x, vars(u))
try:
    del u.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    u.nope
except AttributeError as e:
    print("AttributeError:", e)
u.__dict__ = {"k": 1}
print(vars(u), hasattr(u, "x"))
try:
    u.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)
