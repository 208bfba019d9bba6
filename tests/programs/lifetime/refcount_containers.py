import sys
a = {}
c = [a, a, a]
print(sys.getrefcount(a))
t = (a,)
d = {'k': a}
print(sys.getrefcount(a))
c.clear()
print(sys.getrefcount(a))
del t
print(sys.getrefcount(a))
d['k'] = None
print(sys.getrefcount(a))
d[1] = a; d[2] = a
print(sys.getrefcount(a))
d.clear()
print(sys.getrefcount(a))
