print(hash(0), hash(1), hash(-1), hash(-2), hash(10 ** 20))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 64), hash(-(2 ** 64)))
print(hash(True), hash(False), hash(1.0), hash(0.5), hash(-0.5))
print(hash((1, 2)), hash(()), hash((1, (2, 3))))
