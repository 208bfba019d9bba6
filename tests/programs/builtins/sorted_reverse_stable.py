data = [(1, 'a'), (0, 'x'), (1, 'b'), (0, 'y'), (1, 'c')]
print(sorted(data, key=lambda t: t[0]))
print(sorted(data, key=lambda t: t[0], reverse=True))
l = data[:]
l.sort(key=lambda t: t[0], reverse=True)
print(l)
print(sorted([3, 1, 2], key=lambda x: 0, reverse=True))
try:
    sorted([1, None, 2])
except TypeError as e:
    print('TypeError:', e)
try:
    sorted([1, 2], key=1)
except TypeError as e:
    print('TypeError:', e)
