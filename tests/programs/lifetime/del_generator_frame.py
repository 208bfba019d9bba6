class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def gen():
    r = R('gen-local')
    yield 1
    yield 2
g = gen()
print(next(g))
print('dropping generator')
del g
for v in gen():
    print('loop', v)
print('end')
