class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def f(a, b):
    print('in f', a.name, b.name)
    return a.name + b.name
print(f(R('x'), R('y')))
def g(*args, **kw):
    print('in g', len(args), sorted(kw))
g(R('p1'), R('p2'), k=R('kw'))
print('end')
