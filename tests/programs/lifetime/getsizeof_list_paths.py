import sys
a = 1; b = 2; c = 3
print(sys.getsizeof([]), sys.getsizeof([1]), sys.getsizeof([1, 2]), sys.getsizeof([1, 2, 3]), sys.getsizeof([1, 2, 3, 4, 5]))
print(sys.getsizeof([a, b, c]), sys.getsizeof([a, b]))
for n in range(11):
    print(n, sys.getsizeof(list(range(n))), sys.getsizeof(list(x for x in range(n))))
l = [a, b, c]
print(sys.getsizeof(l[:]), sys.getsizeof(l.copy()), sys.getsizeof(l + l), sys.getsizeof([0] * 3))
print(sys.getsizeof(sorted(l)), sys.getsizeof(list(l)), sys.getsizeof(tuple(l)))
l.clear()
print(sys.getsizeof(l))
