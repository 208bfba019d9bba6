d = {}
d['a'] = 1
d['b'] = 2
d['a'] = 3
print(d, len(d), d['b'], 'a' in d, 'z' in d)
del d['a']
print(d)
d[(1, 2)] = 'tup'
d[10] = 'ten'
print(d, d[1, 2])
print(dict(), dict(a=1, b=2), dict([('x', 1), ('y', 2)]), dict({'k': 0}))
