a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c)
print(1 in a, 3 in a, 3 not in a)
print('b' in 'abc', 'bc' in 'abc', 'x' not in 'abc', '' in 'abc')
print('k' in {'k': 1}, 1 in {'k': 1}, 2 in (1, 2))
print(None is None, [] is [])
