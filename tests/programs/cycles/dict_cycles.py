import gc
gc.collect()
def self_dict():
    d = {}
    d['self'] = d
def dict_list():
    d = {}
    l = [d]
    d['l'] = l
self_dict()
print(gc.collect())
dict_list()
print(gc.collect())
d = {'x': {}}
d['x']['back'] = d
del d
print(gc.collect())
