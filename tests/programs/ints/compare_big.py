a = 10 ** 30
b = 10 ** 30 + 1
print(a < b, a == b - 1, -a < -b, a > 2 ** 99, a != a + 0)
print(10 ** 30 == 1e30, 2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 == 2.0 ** 53)
print(sorted([b, a, -a, 0, 3]))
print(max(a, b, 7), min(-a, -b))
