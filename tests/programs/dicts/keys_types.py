d = {1: 'int', 'one': 'str', (1,): 'tuple', None: 'none', 2.5: 'float'}
print(d)
print(d[1.0], d[True], d[(1,)], d[None])
d[True] = 'bool'
print(d)
print(len({0: 'a', 0.0: 'b', False: 'c'}))
