def f(a, b, c):
    return a * 100 + b * 10 + c
args = [1, 2, 3]
print(f(*args), f(*(4, 5), 6), f(7, *[8], *[9]))
kw = {'b': 2, 'c': 3}
print(f(1, **kw), f(**{'a': 3, 'b': 2, 'c': 1}))
print(f(*[1], **{'c': 5, 'b': 4}))
print(max(*[3, 9, 2]), print(*['a', 'b'], sep='|'))
