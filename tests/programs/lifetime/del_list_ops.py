class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
    def __repr__(self):
        return self.name
l = [R('a'), R('b'), R('c'), R('d'), R('e')]
del l[1]
print('del l[1]', l)
l[0] = R('z')
print('l[0] replaced', l)
del l[1:3]
print('slice deleted', l)
l.remove(l[0])
print('removed', l)
l *= 0
print('cleared by *= 0', l)
