class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print('eq', self.v, getattr(o, 'v', o))
        return isinstance(o, P) and self.v == o.v
    def __repr__(self):
        return 'P' + str(self.v)
l = [P(1), P(2), P(3)]
print(P(2) in l)
print(l.index(P(3)))
print(l.count(P(1)))
l.remove(P(2))
print(l)
print(l == [P(1), P(3)])
