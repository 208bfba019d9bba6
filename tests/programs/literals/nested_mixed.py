x = [{'a': (1, [2, 3])}, ({'b': None},), 'end']
print(x)
print(x[0]['a'][1][0], x[1][0]['b'])
print(repr(x) == str(x))
print([(), [], {}])
