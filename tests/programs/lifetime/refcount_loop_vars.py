import sys
a = []
for x in [a]:
    print(sys.getrefcount(a))
print(sys.getrefcount(a))
del x
print(sys.getrefcount(a))
print([sys.getrefcount(a) for _ in range(1)])
