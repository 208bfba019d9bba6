def outer():
    x = 'outer-x'
    def middle():
        y = 'middle-y'
        def inner():
            return x + '/' + y
        return inner
    return middle()
print(outer()())
def a():
    v = 1
    def b():
        nonlocal v
        v += 10
        def c():
            nonlocal v
            v *= 2
            return v
        return c()
    r = b()
    return r, v
print(a())
