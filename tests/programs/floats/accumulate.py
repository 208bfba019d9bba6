s = 0.0
for i in range(10):
    s += 0.1
print(s, s == 1.0, round(s, 10) == 1.0)
t = sum([0.1] * 10)
print(t)
print(sum([1.5, 2.5, 3]), sum([], 0.0))
x = 1.0
for i in range(60):
    x /= 2
print(x, x * 2 ** 60)
