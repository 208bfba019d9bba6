def a(n):
    if n == 0:
        return 1 // n
    return a(n - 1)
print('going deep')
a(50)
