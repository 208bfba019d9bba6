import sys
a = []
b = [a] * 5
print(sys.getrefcount(a))
c = b[1:3]
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
d = {'x': a}
e = d.copy()
print(sys.getrefcount(a))
del c, d, e
print(sys.getrefcount(a))
