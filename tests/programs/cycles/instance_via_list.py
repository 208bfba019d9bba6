import gc
gc.collect()
class Empty:
    pass
def make():
    e = Empty()
    l = [e]
    box = [l, e]
    l.append(box)
make()
print(gc.collect())
make()
make()
print(gc.collect())
