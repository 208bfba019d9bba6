print(list(enumerate(['a', 'b', 'c'])))
print(list(enumerate('xy', 10)))
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1], [2], [3])))
for i, (a, b) in enumerate(zip('abc', range(3))):
    print(i, a, b)
names = ['x', 'y']
vals = [1, 2]
print(dict(zip(names, vals)))
