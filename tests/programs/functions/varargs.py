def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2, x=3))
def g(a, *rest, sep='-', **extra):
    return sep.join([str(a)] + [str(r) for r in rest]), sorted(extra.items())
print(g(1), g(1, 2, 3), g(1, 2, sep='+', z=1, y=2))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*range(10)))
