class R:
    def __init__(self, name):
        self.name = name
        print('init', name)
    def __del__(self):
        print('del', self.name)
a = R('a')
b = R('b')
print('before del a')
del a
print('before rebind b')
b = R('c')
print('before final del')
del b
print('end')
