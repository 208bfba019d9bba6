t = ('a', 'b', 'c')
for x in t:
    print(x)
print(list(enumerate(t)), list(reversed(t)), sorted(t, reverse=True))
print(sum((1, 2, 3)), min(t), max(t), 'b' in t)
