r = range(10, 0, -2)
print(r, list(r), len(r), r[1], r[-1], 4 in r, 5 in r)
print(list(range(3))[::-1], r[1:3], list(r[1:3]))
print(range(0) == range(0), range(3) == range(0, 3), bool(range(0)))
