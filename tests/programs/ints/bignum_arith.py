a = 2 ** 100
b = 3 ** 50
print(a, b)
print(a + b, a - b, b - a, a * b)
print(a // b, a % b, -a // b, -a % b, divmod(a, b))
print(a // 7, a % 7, (a * a) // a == a)
print(a ** 2, (-a) ** 3)
print(a / b)
