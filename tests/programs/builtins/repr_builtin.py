print(repr(1), repr(1.5), repr('s'), repr([1, 's']), repr((1,)), repr({'a': None}))
print(repr(True), repr(None), repr(()), repr([]), repr({}), repr(-0.0))
print(repr(range(3)), repr(range(1, 10, 2)), repr(10 ** 20))
print(repr("a'b"), repr('a"b'), repr('\\'))
