print(list(), list('abc'), list((1, 2)), list(range(3)), list({'a': 1, 'b': 2}))
print(list({'a': 1}.items()), list(reversed([1, 2, 3])), list(enumerate('xy')))
a = [1, 2]
b = list(a)
print(b == a, b is a)
print(list(x * x for x in range(4)))
