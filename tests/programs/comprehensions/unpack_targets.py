pairs = [(1, 'a'), (2, 'b')]
print([n for n, _ in pairs], [s for _, s in pairs])
print([a + b + c for (a, b), c in [((1, 2), 3), ((4, 5), 6)]])
print({v: k for k, v in enumerate('xyz')})
