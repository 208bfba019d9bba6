class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return 'V' + repr(self.c)
class W(V):
    def __str__(self):
        return 'W<' + ','.join([str(x) for x in self.c]) + '>'
v = V(1, 2); w = W(3)
print(v, repr(v), str(v), [v, w])
print(w, repr(w), str(w), f'{w} {w!r}')
print(str([w]), {'k': w})
