def f(a, b=1, *args, **kw):
    return a, b, args, kw
def g(a):
    return a
print(f(1), f(1, 2, 3, x=4), f(*[1], **{'b': 5}))
for thunk in (lambda: f(1, a=1), lambda: f(**{'a': 1}, **{'a': 2}), lambda: f(**{1: 2}),
              lambda: g(*5), lambda: g(**[1]), lambda: g(1, 2), lambda: g(b=1), lambda: g()):
    try:
        print(thunk())
    except TypeError as e:
        print('TypeError:', e)
