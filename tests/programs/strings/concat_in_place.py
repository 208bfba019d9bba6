# s += t may grow an unshared str in place; nobody else holding the old
# value may see a change.  The strs are built at run time (constants and
# interned strs are shared anyway).
def make(text):
    return ''.join(list(text))
def grow():
    s = make('ab')
    alias = s
    s += 'cd'
    print(s, alias)
    t = make('xxx')
    keep = [t]
    t = t + 'y'
    print(t, keep)
    u = make('')
    for i in range(5):
        u += str(i)
    print(u, len(u))
    v = make('é')
    v += 'ü'
    w = v
    v += '!'
    print(v, w, len(v))
    z = make('q')
    z += z
    print(z)
    d = {'k': make('dict')}
    x = d['k']
    x += '-ok'
    print(x, d)
grow()
s = make('mod')
a = s
s += 'ule'
print(s, a)
