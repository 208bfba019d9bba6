# Hash, compare and free data nested 100000 levels deep (CPython 3.11
# hashes a tuple recursively without a depth check, so deeper nests are
# checked by the C tests only).
def nest(n):
    t = ()
    for _ in range(n):
        t = (t,)
    return t

a = nest(100000)
b = nest(100000)
print(hash(a) == hash(b), hash(a) == hash(nest(99999)))
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
