class A:
    def m(self, x):
        return x
    def n(self):
        return 1
a = A()
for thunk in (lambda: a.m(), lambda: a.m(1, 2), lambda: a.n(3), lambda: A.m(a), lambda: a.m(y=1), lambda: type(A()).__name__):
    try:
        print(thunk())
    except TypeError as e:
        print('TypeError:', e)
try:
    A(1)
except TypeError as e:
    print('TypeError:', e)
