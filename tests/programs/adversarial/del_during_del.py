class R:
    def __init__(self, name, other=None):
        self.name = name
        self.other = other
    def __del__(self):
        print('del', self.name)
        self.other = None
        print('cleared other of', self.name)
a = R('a', R('b', R('c')))
del a
print('end')
