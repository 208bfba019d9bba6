# A suspended generator whose frame holds the generator itself: only the
# collector can free it, and it must see the frame to do so.
import gc
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def gen(box):
    r = R('gen-local')
    me = box[0]
    yield 1
    yield 2
gc.collect()
gc.disable()
box = []
g = gen(box)
box.append(g)
print(next(g))
del g, box
print('before collect')
print(gc.collect() > 0)
print('after collect')
gc.enable()
