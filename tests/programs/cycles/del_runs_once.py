import gc
gc.collect()
count = [0]
class D:
    def __del__(self):
        count[0] += 1
        print('__del__ of', self.tag)
def make(tag):
    d = D()
    d.tag = tag
    d.self = d
make('x')
print('before collect', count)
gc.collect()
print('after collect', count)
gc.collect()
print('after second collect', count)
