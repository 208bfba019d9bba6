print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[j for j in range(i)] for i in range(4)])
words = ['apple', 'Bob', 'cat']
print([w.upper() for w in words if len(w) > 2])
print([c for w in words for c in w if c in 'aeiou'])
