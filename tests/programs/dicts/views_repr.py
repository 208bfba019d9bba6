d = {'a': 1, 'b': [2]}
print(d.keys(), d.values(), d.items())
print(list(d.keys()) == ['a', 'b'], len(d.values()), ('a', 1) in d.items())
e = {}
print(e.keys(), e.values(), e.items())
