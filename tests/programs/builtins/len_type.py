print(len('abc'), len([1, 2]), len((1,)), len({'a': 1}), len(range(10)), len(''), len(range(3, 100, 7)))
for v in (1, 1.5, 'x', [], (), {}, None, True, range(1), len, object()):
    print(type(v).__name__)
print(type(type(1)).__name__, type(1) is int, type('') is str)
