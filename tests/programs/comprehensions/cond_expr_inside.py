print(['even' if n % 2 == 0 else 'odd' for n in range(5)])
print({n: ('big' if n > 2 else 'small') for n in range(5)})
data = [3, -1, 0, 7, -5]
print([abs(d) for d in data if d], sum([d for d in data if d > 0]))
