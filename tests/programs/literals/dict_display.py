d = {'a': 1, 'b': 2}
print(d, {}, {1: 'one', (1, 2): [3]})
print({'x': {'y': {'z': 1}}})
print({'a': 1, 'a': 2})
print({1: 1, 1.0: 2, True: 3})
print(len({'k': 0, 'j': 1,}))
