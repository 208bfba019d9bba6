def f():
    x = 1
    def g():
        nonlocal x
        x = 'rebound'
    print(x)
    g()
    print(x)
f()
def h():
    items = []
    def add(v):
        items.append(v)
    add(1); add(2)
    return items
print(h())
