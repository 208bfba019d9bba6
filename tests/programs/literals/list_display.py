a = [1, 2, 3]
print(a, [], [[]], [1, [2, [3, [4]]]])
print(['a', 1, 2.5, None, True])
b = [a, a]
print(b)
print([1, 2, 3,], len([1, 2, 3,]))
print([x for x in a] == a)
