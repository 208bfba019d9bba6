import gc
gc.collect()
log = []
class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)
def make():
    a = N('a')
    b = N('b')
    a.other = b
    b.other = a
make()
print(log)
n = gc.collect()
print(n >= 2, sorted(log))
print(gc.collect())
