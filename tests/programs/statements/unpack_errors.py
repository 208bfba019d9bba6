for src in ([1, 2, 3], [1], 'ab', (1, 2)):
    try:
        a, b = src
        print('ok', a, b)
    except ValueError as e:
        print('ValueError:', e)
try:
    x, y = 5
except TypeError as e:
    print('TypeError:', e)
try:
    (p, q), r = [1, 2], 3, 4
except ValueError as e:
    print('ValueError:', e)
