# Hash, compare and free data nested ten times deeper than the recursion
# limit.  Hashing recurses in C with no depth check in CPython 3.11 (and
# only a C-stack check in minipy, whose frames are bigger under ASan), so
# the million-deep cases are left to tests/objects/test_hostile_input.c.
def nest(n):
    t = ()
    for _ in range(n):
        t = (t,)
    return t

a = nest(10000)
b = nest(10000)
print(hash(a) == hash(b), hash(a) == hash(nest(9999)))
d = {a: "deep"}
print(d[a])
try:
    print(d[b])
except RecursionError as e:
    print("RecursionError:", e)
try:
    print(a == b)
except RecursionError as e:
    print("RecursionError:", e)
try:
    repr(a)
except RecursionError as e:
    print("RecursionError:", e)
del a, b, d
x = None
for i in range(200000):
    x = {"k": x, "i": i} if i % 2 else [x, i]
del x
print("freed")
