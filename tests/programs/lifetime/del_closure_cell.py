class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def make():
    r = R('captured')
    def inner():
        return r.name
    return inner
f = make()
print(f())
print('dropping closure')
del f
print('end')
