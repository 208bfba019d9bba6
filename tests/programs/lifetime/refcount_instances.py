import sys
class A:
    pass
a = A()
print(sys.getrefcount(a))
a.me = a
print(sys.getrefcount(a))
print(sys.getrefcount(A()))
b = A()
b.other = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
del a.me
print(sys.getrefcount(a))
