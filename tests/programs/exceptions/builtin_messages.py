cases = [lambda: 1 // 0, lambda: 1 % 0, lambda: 1.0 / 0, lambda: [1][5], lambda: (1,)[3],
         lambda: 'ab'[9], lambda: (lambda v: v[0])(5), lambda: None.x, lambda: len(5), lambda: 'a' + 1,
         lambda: 1 + 'a', lambda: [] + (), lambda: {}[[]], lambda: int('1.5'), lambda: float('x'),
         lambda: undefined_name, lambda: [].pop(), lambda: [1].remove(2), lambda: 'x' * 'y',
         lambda: 2 ** -1 // 0, lambda: chr(-1), lambda: ord('ab'), lambda: int('9', 8)]
for c in cases:
    try:
        c()
        print('no error')
    except Exception as e:
        print(type(e).__name__ + ':', e)
