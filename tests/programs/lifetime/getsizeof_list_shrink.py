import sys
l = list(range(10))
print(sys.getsizeof(l))
for i in range(6):
    l.pop()
    print(len(l), sys.getsizeof(l))
l.extend(range(100))
print(len(l), sys.getsizeof(l))
del l[:]
print(sys.getsizeof(l))
l.insert(0, 1)
print(sys.getsizeof(l))
