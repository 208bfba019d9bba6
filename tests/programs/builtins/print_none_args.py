print('a', 'b', sep=None)
print('c', end=None)
print('d', sep=None, end=None)
print(1, 2, 3, sep='', end='|\n')
print([], (), {}, '', sep='.')
try:
    print('x', sep=5)
except TypeError as e:
    print('TypeError:', e)
