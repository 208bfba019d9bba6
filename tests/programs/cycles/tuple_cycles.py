import gc
gc.collect()
def list_tuple():
    l = []
    t = (l,)
    l.append(t)
def chain():
    l = []
    t = (l,)
    d = {'t': t}
    l.append(d)
list_tuple()
print(gc.collect())
chain()
print(gc.collect())
