import gc
gc.disable()
d = {'a': 1}
print(gc.is_tracked(d))
d['l'] = []
print(gc.is_tracked(d))
del d['l']
print(gc.is_tracked(d))
gc.collect(0)
print(gc.is_tracked(d))
gc.collect(1)
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
d['t'] = tuple([1, 2])
print(gc.is_tracked(d))
e = {1: tuple([3])}
print(gc.is_tracked(e))
c = d.copy()
print(gc.is_tracked(c))
gc.collect()
print(gc.is_tracked(d), gc.is_tracked(e), gc.is_tracked(c))
