def steps(n):
    count = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        count += 1
    return count
for n in (1, 6, 7, 27, 97):
    print(n, steps(n))
best = max(range(1, 1000), key=steps)
print(best, steps(best))
