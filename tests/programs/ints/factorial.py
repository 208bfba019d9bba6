def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
for n in (0, 1, 5, 20, 21, 30, 50, 100):
    print(n, fact(n))
print(fact(200) // fact(198))
