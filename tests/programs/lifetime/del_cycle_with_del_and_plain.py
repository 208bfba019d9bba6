import gc
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
gc.collect()
gc.disable()
def make():
    a = []
    b = [a, R('held-by-cycle')]
    a.append(b)
make()
print('made')
print(gc.collect())
print('end')
