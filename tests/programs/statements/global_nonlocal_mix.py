g = 0
def outer():
    n = 0
    def inner():
        global g
        nonlocal n
        g += 1
        n += 100
        return g, n
    inner()
    return inner()
print(outer(), g)
