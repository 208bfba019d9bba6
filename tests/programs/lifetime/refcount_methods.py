import sys
a = []
holder = {}
holder['x'] = a
holder.setdefault('y', a)
print(sys.getrefcount(a))
v = holder.pop('x')
print(sys.getrefcount(a))
del v
print(sys.getrefcount(a))
lst = []
lst.append(a); lst.insert(0, a); lst.extend([a])
print(sys.getrefcount(a))
lst.pop()
lst.remove(a)
print(sys.getrefcount(a))
lst.reverse(); lst.sort(key=len)
print(sys.getrefcount(a))
