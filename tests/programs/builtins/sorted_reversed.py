print(sorted([3, 1, 2]), sorted('cab'), sorted((2, 1)), sorted({'b': 1, 'a': 2}))
print(sorted([3, 1, 2], reverse=True), sorted(['a', 'B', 'c'], key=lambda s: s.lower()))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed((1, 2))), list(reversed(range(3))))
l = [1, 2]
s = sorted(l)
print(s == l, s is l)
print(sorted([]), list(reversed([])))
