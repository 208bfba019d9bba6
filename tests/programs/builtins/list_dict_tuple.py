print(list('ab'), list(range(2)), list({'k': 1}), list((1,)), list([]))
print(tuple([1]), tuple('xy'), tuple({'a': 0}), tuple(range(0)))
print(dict(a=1), dict([(1, 2)]), dict({'x': 1}, y=2), dict(zip('ab', 'cd')))
print(list(x for x in range(3)), tuple(x for x in range(3)))
