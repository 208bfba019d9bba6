print(hash(1), hash(0), hash(-1), hash(123456789), hash(2 ** 62), hash(-(2 ** 62)))
print(hash(1.5), hash(float('inf')), hash(True), hash(None) == hash(None))
print(hash((1, 2, 3)), hash(((1,), (2,))), hash((1.5, -1)))
try:
    hash([])
except TypeError as e:
    print('TypeError:', e)
try:
    hash({})
except TypeError as e:
    print('TypeError:', e)
try:
    hash((1, [2]))
except TypeError as e:
    print('TypeError:', e)
