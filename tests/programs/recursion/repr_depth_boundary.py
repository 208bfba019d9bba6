def nested(n):
    l = []
    for i in range(n):
        l = [l]
    return l
for n in (10, 500, 990, 996, 997, 998, 1000, 1100):
    try:
        r = repr(nested(n))
        print(n, 'ok', len(r))
    except RecursionError as e:
        print(n, 'RecursionError')
