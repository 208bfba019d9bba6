import sys
a, b, c = 1, 2, 3
l = [a, b, c]
print(sys.getsizeof([*l]), sys.getsizeof(l * 2), sys.getsizeof([x for x in l]))
print(sys.getsizeof([x for x in range(10)]), sys.getsizeof([x for x in range(20)]))
m = []
m.extend(range(10))
print(sys.getsizeof(m))
n = [0]
n.extend(range(10))
print(sys.getsizeof(n))
o = []
o.insert(0, 1)
print(sys.getsizeof(o))
p = [a] * 10
p.append(1)
print(sys.getsizeof(p))
q = list('abcdefg')
print(sys.getsizeof(q), sys.getsizeof(list((1, 2, 3))))
