import gc
gc.collect()
gc.disable()
for i in range(50):
    a = []
    a.append(a)
del a
keep = [[] for _ in range(1000)]
print(gc.collect())
gc.enable()
print(gc.collect())
