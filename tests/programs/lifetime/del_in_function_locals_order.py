class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def f():
    a = R('a')
    b = R('b')
    c = R('c')
    print('returning')
f()
print('after f')
def g():
    x = R('x')
    return x
y = g()
print('holding y')
y = None
print('end')
