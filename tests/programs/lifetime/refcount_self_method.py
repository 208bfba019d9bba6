import sys
class A:
    def count(self):
        return sys.getrefcount(self)
    def count_via(self, other):
        return sys.getrefcount(other)
a = A()
print(sys.getrefcount(a))
print(a.count())
print(a.count_via(a))
m = a.count
print(sys.getrefcount(a))
del m
print(sys.getrefcount(a))
