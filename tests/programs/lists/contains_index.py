l = [10, 20, 30, 20]
print(20 in l, 25 in l, l.index(20), l.index(20, 2), l.count(20))
print([1, 2] in [[1, 2], [3]], (1,) in [(1,), 2])
print(l.index(30, 1, 4))
