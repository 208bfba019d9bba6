def f(a, b):
    return a + b
tests = [lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, a=2), lambda: f(1, c=2)]
for t in tests:
    try:
        t()
    except TypeError as e:
        print('TypeError:', e)
def g(*, k):
    return k
try:
    g(1)
except TypeError as e:
    print('TypeError:', e)
