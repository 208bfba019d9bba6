def f(a, b=2, c=3):
    return (a, b, c)
print(f(1), f(1, 5), f(1, c=9), f(a=0, b=0, c=0), f(c=1, a=2))
def g(x, items=[]):
    items.append(x)
    return items
print(g(1), g(2), g([3], []))
def h(*, key):
    return key
print(h(key='kw-only'))
