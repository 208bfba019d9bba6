l = [1, 2, 3]
tests = [lambda: l[3], lambda: l[-4], lambda: l[1.0], lambda: l['a'], lambda: l.pop(10),
         lambda: l.insert('x', 1), lambda: l.index(9), lambda: [].pop(), lambda: len(l),
         lambda: l[::0]]
for t in tests:
    try:
        print(t())
    except (IndexError, TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
try:
    l[0:3:2] = [9]
except ValueError as e:
    print('ValueError:', e)
try:
    l[5] = 0
except IndexError as e:
    print('IndexError:', e)
