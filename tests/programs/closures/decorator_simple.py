def trace(fn):
    def wrapper(*args, **kwargs):
        print('call', fn.__name__, args, kwargs)
        r = fn(*args, **kwargs)
        print('ret', r)
        return r
    return wrapper
def add(a, b=0):
    return a + b
add = trace(add)
add(1, b=2)
add(5)
print(add.__name__)
