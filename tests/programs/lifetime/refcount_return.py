import sys
def g():
    a = []
    print(sys.getrefcount(a))
    b = a
    print(sys.getrefcount(a))
    return a
r = g()
print(sys.getrefcount(r))
print(sys.getrefcount([]))
print(sys.getrefcount({}))
