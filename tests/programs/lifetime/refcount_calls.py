import sys
def f(x):
    return sys.getrefcount(x)
def g(x):
    y = x
    z = [x]
    return sys.getrefcount(x)
a = []
print(f(a))
print(f([]))
print(g(a))
print(sys.getrefcount(a))
def h(*args):
    return sys.getrefcount(args[0])
print(h(a))
