import gc
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
        junk = []
        junk.append(junk)
gc.collect()
gc.disable()
r = R('one')
del r
print(gc.collect())
print(gc.collect())
