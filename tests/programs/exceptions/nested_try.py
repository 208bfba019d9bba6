def risky(n):
    try:
        if n == 0:
            raise ValueError('zero')
        try:
            return 10 // (n - 1)
        except ZeroDivisionError:
            print('inner caught for', n)
            raise KeyError(n)
    except ValueError as e:
        return 'value:' + str(e)
for n in (0, 1, 2):
    try:
        print(n, risky(n))
    except KeyError as e:
        print(n, 'outer KeyError', e)
