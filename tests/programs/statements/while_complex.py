items = [5, 3, 8, 1]
i = 0
best = None
while i < len(items) and (best is None or items[i] != 8):
    if best is None or items[i] > best:
        best = items[i]
    i += 1
print(i, best)
n = 0
while n < 100:
    n = n * 2 + 1
print(n)
