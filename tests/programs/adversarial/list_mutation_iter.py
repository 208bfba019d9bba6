l = [1, 2, 3, 4, 5, 6]
for x in l:
    if x % 2 == 0:
        l.remove(x)
print(l)
m = [1, 2, 3]
count = 0
for x in m:
    if count < 5:
        m.append(x * 10)
    count += 1
print(m, count)
n = [1, 2, 3]
for i, x in enumerate(n):
    n[i] = x * x
print(n)
