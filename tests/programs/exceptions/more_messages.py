def one(x):
    return x
cases = [lambda: {}.pop(1), lambda: [].index(3), lambda: one(), lambda: abs('s'),
         lambda: sorted([1, 'a']), lambda: 1 < 'a', lambda: [1, 2] < [1, 'b'], lambda: iter(5),
         lambda: next([]), lambda: divmod(1, 0), lambda: pow(0, -1), lambda: round('x'),
         lambda: 'abc'.find(1), lambda: ''.join([1]), lambda: int(None), lambda: [] * 1.5,
         lambda: -'s', lambda: ~1.5, lambda: (1).foo, lambda: object().bar]
for c in cases:
    try:
        c()
        print('no error')
    except Exception as e:
        print(type(e).__name__ + ':', e)
