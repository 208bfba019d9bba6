import gc
gc.collect()
def make_pair():
    a = []
    b = [a]
    a.append(b)
def make_self():
    a = []
    a.append(a)
make_pair()
print(gc.collect())
make_self()
print(gc.collect())
for i in range(10):
    make_pair()
print(gc.collect())
print(gc.collect())
