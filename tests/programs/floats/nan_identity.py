nan = float('nan')
l = [nan]
print(nan == nan, nan in l, l == l, [nan] == [nan], l.count(nan), l.index(nan))
other = float('nan')
print(other in l, [other] == l, (nan,) == (nan,))
d = {nan: 'x'}
print(d[nan], other in d, len(d))
print(nan > 0, nan < 0, max(1, nan), min(nan, 1))
