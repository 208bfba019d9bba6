sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2), (lambda: 'noarg')())
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
print((lambda *a, **k: (a, k))(1, z=2))
print(sq.__name__)
