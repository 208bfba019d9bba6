a = 7.5
b = 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, abs(-a), -a)
print(0.1 * 3, 1 / 3, 2 / 3, 10 / 3)
print(1.5 == 1.5, 1.5 < 2, 0.0 == -0.0)
