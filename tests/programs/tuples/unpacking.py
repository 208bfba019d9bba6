a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
[p, q] = 'pq'
print(p, q)
for i, (k, v) in enumerate([('a', 1), ('b', 2)]):
    print(i, k, v)
((m, n), (o, r)) = [[1, 2], (3, 4)]
print(m, n, o, r)
