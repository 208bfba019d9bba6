print({x: x * x for x in range(5)})
print({k: v for k, v in [('a', 1), ('b', 2)] if v > 1})
print({i % 3: i for i in range(10)})
words = ['one', 'three', 'five']
print({w: len(w) for w in words})
print({(i, j): i * j for i in range(2) for j in range(2)})
