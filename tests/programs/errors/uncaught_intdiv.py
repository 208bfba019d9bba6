def f(a):
    return a // 0
print('start')
f(10)
