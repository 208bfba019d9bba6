import sys
def outer():
    x = []
    def inner():
        return x
    print(sys.getrefcount(x))
    return inner, x
f, y = outer()
print(sys.getrefcount(y))
del f
print(sys.getrefcount(y))
