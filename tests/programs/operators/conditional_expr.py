for n in range(-2, 3):
    print(n, 'neg' if n < 0 else 'zero' if n == 0 else 'pos')
x = 1 if True else 1 / 0
print(x)
y = [] if 0 else {}
print(y)
