x = 10
def f():
    try:
        print(x)
    except NameError as e:
        print(type(e).__name__, e)
    x = 5
    return x
print(f())
def g():
    y = 1
    del y
    try:
        return y
    except NameError as e:
        return type(e).__name__
print(g())
