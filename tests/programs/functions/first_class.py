def apply(f, *args):
    return f(*args)
def compose(f, g):
    return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(apply(inc, 1), apply(max, 3, 7), compose(inc, dbl)(5), compose(dbl, inc)(5))
table = {'inc': inc, 'dbl': dbl}
print([table[k](10) for k in ('inc', 'dbl', 'inc')])
